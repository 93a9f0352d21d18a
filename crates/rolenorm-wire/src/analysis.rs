//! The analysis: one JSON object per ad, described by `schema/analysis.schema.json` (generated
//! from these types; a test keeps it current).

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::{FindingCode, Format, Language, Scope, Section};

/// The version of the analysis format. It grows when a field changes meaning or goes away;
/// readers of version 1 still read every later version of the same major shape.
pub const SCHEMA_VERSION: u32 = 1;

fn schema_version_1() -> u32 {
    1
}

/// The analysis of one job ad.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Analysis {
    /// The version of this format ([`SCHEMA_VERSION`]); analyses written before it had the
    /// field are version 1.
    #[serde(default = "schema_version_1")]
    pub schema_version: u32,
    /// The ad's id as given (input `id`, or the JobPosting's `identifier`); null if none.
    pub id: Option<String>,
    /// The title the analysis used (given, stated by the document, or taken from the text).
    pub title: Option<String>,
    /// The ad's language.
    pub language: Language,
    /// What the input was: `text`, `html` or `json-ld`. Evidence offsets point into the input
    /// for `text`, into the extracted text for `html` and `json-ld`.
    pub format: Format,
    /// The normed role that best describes the work the ad asks for (not its title).
    pub role: String,
    /// The name of `role` in the analysis language.
    #[serde(default)]
    pub role_name: String,
    /// How sure the analysis is of `role`, from 0 to 1.
    pub confidence: f64,
    /// Roles ranked by score, best first (roles with a positive score, and always `role`).
    pub roles: Vec<RoleScore>,
    /// The role the title names; `other` when it names none.
    pub title_role: String,
    /// The name of `title_role` in the analysis language.
    #[serde(default)]
    pub title_role_name: String,
    /// Whether `title_role` equals `role`.
    pub title_fits: bool,
    /// The career level: intern, working-student, junior, professional, senior or lead.
    pub level: String,
    /// The name of `level` in the analysis language.
    #[serde(default)]
    pub level_name: String,
    /// The *eierlegende Wollmilchsau*: the core work of three or more roles, or a social-media
    /// role with unrelated duties.
    pub jack_of_all_trades: bool,
    /// The roles whose work the ad demands: `role` first, then each role owning demanded
    /// tasks outside `role`'s scope.
    pub breadth: Vec<String>,
    /// The one platform the social-media work is concentrated on (`meta` for Facebook and
    /// Instagram together), or null.
    pub platform_focus: Option<String>,
    /// Mentions per platform id (outside benefits, company and application sections).
    pub platforms: BTreeMap<String, u32>,
    /// The tasks the ad demands, in the norm's order, with evidence.
    pub tasks: Vec<TaskFinding>,
    /// What to change, in the ad's language.
    pub findings: Vec<Finding>,
    /// The norm the analysis applied.
    pub norm: NormRef,
    /// Where the ad came from, passed through from a corpus record's `source`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// When the ad was published, passed through from a corpus record's `date`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
}

/// A role and its score.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct RoleScore {
    /// Role id.
    pub role: String,
    /// The role's name in the analysis language.
    #[serde(default)]
    pub name: String,
    /// Score (higher is better; comparable only within one analysis).
    pub score: f64,
}

/// A demanded task with the text that demands it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct TaskFinding {
    /// Task id (`CON-01`).
    pub id: String,
    /// The task's name in the analysis language.
    #[serde(default)]
    pub name: String,
    /// How the task stands to `role`.
    pub scope: Scope,
    /// Where the ad demands it (at most the norm's `max_evidence_per_task` spans, in text order).
    pub evidence: Vec<Evidence>,
    /// How many spans demand it in all, when more than `evidence` lists.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evidence_total: Option<usize>,
}

/// One piece of evidence.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Evidence {
    /// Byte offset where the evidence starts (into the title when `section` is `title`).
    pub start: usize,
    /// Byte offset where it ends (exclusive).
    pub end: usize,
    /// The evidence as it stands in the text; a span longer than the norm's `max_quote_chars`
    /// is quoted as a window around its start, and `truncated` is set.
    pub text: String,
    /// Whether `text` is cut short of the span `start..end`.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub truncated: bool,
    /// The section it was found in (`body` for ads without headings).
    pub section: Section,
}

/// Something to change in the ad.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Finding {
    /// Stable code (`title-mismatch`, `jack-of-all-trades`, `scope-breach`, …).
    pub code: FindingCode,
    /// What to change, in the ad's language.
    pub message: String,
}

/// The norm an analysis applied.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct NormRef {
    /// Norm id.
    pub id: String,
    /// Norm version.
    pub version: String,
}
