//! The assessment: the wire format of `rolenorm assess --json` (schema in
//! `schema/assessment.schema.json`).

use rolenorm_analyze::NormRef;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::input::{Frequency, SelfAssessment};

/// The version of the assessment format.
pub const ASSESSMENT_SCHEMA_VERSION: &str = "1";

/// A practitioner's work held against the norm.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Assessment {
    /// The version of this format ([`ASSESSMENT_SCHEMA_VERSION`]).
    pub schema_version: String,
    /// Where the tasks came from: `self-assessment` or `profile`.
    pub source: String,
    /// The practitioner's name, if given.
    pub name: Option<String>,
    /// The language of the gaps and of the report (`de` or `en`).
    pub language: String,
    /// The tasks of the norm the practitioner's work shows, in the norm's order.
    pub tasks: Vec<AssessedTask>,
    /// Fit per role, best first (the catch-all role `other` is left out).
    pub fits: Vec<RoleFit>,
    /// The best-fitting roles: the first, and any within a few points of it.
    pub best: Vec<String>,
    /// For each nearby role (the best few), the core tasks that are missing, as a sentence.
    pub gaps: Vec<Gap>,
    /// The level estimate (a level id of the norm).
    pub level: String,
    /// Why that level, in the assessment's language.
    pub level_reason: String,
    /// The norm applied.
    pub norm: NormRef,
}

/// One task the practitioner's work shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct AssessedTask {
    /// Task id.
    pub id: String,
    /// Task name in the assessment's language.
    pub name: String,
    /// How often (self-assessments only).
    pub how: Option<Frequency>,
    /// The evidence: as given in a self-assessment, or the quoted spans of a profile.
    pub evidence: Vec<Proof>,
}

/// One piece of evidence for a task.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Proof {
    /// What was done (self-assessment) or the quoted text (profile).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Where it can be seen.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// For how many years.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub years: Option<f64>,
    /// Byte offset of the quote in the profile text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start: Option<usize>,
    /// End byte offset (exclusive) of the quote.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end: Option<usize>,
}

/// How well the work fits one role.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct RoleFit {
    /// Role id.
    pub role: String,
    /// Role name in the assessment's language.
    pub name: String,
    /// The fit, 0–1: mostly the core share, a little the optional share, less out-of-scope work.
    pub fit: f64,
    /// Share of the role's core tasks covered (occasionally counts half), 0–1.
    pub core_share: f64,
    /// The role's core tasks covered regularly or leading.
    pub core_covered: Vec<String>,
    /// The role's core tasks done only occasionally.
    pub core_partial: Vec<String>,
    /// The role's core tasks missing.
    pub core_missing: Vec<String>,
    /// The role's optional tasks covered.
    pub optional_covered: Vec<String>,
    /// Tasks the work shows that the norm excludes from this role.
    pub out_of_scope: Vec<String>,
}

/// What is missing for a nearby role.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Gap {
    /// Role id.
    pub role: String,
    /// The missing core tasks (ids).
    pub missing: Vec<String>,
    /// The core tasks done only occasionally (ids).
    pub partial: Vec<String>,
    /// The gaps as one sentence in the assessment's language.
    pub message: String,
}

/// The JSON Schema of [`Assessment`], pretty-printed.
pub fn assessment_schema() -> String {
    let schema = schemars::schema_for!(Assessment);
    serde_json::to_string_pretty(&schema).unwrap_or_default() + "\n"
}

/// The JSON Schema of the [`SelfAssessment`] input, pretty-printed.
pub fn self_assessment_schema() -> String {
    let schema = schemars::schema_for!(SelfAssessment);
    serde_json::to_string_pretty(&schema).unwrap_or_default() + "\n"
}
