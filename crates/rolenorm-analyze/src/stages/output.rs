//! Stage 12: the stages' results become the [`Analysis`] wire format.

use std::collections::BTreeMap;

use rolenorm_text::{Document, Language};
use rolenorm_wire::{Analysis, Evidence, Finding, NormRef, RoleScore, SCHEMA_VERSION, TaskFinding};

use super::breadth::Breadth;
use super::evidence::{Demand, EvidenceItem, PlatformTally};
use super::roles::Ranking;
use crate::analyzer::{Ad, Analyzer, Scratch};

/// Everything the analysis reports.
pub(super) struct Parts<'a> {
    pub(super) ad: &'a Ad<'a>,
    pub(super) document: Document<'a>,
    pub(super) title: Option<String>,
    pub(super) language: Language,
    pub(super) demand: &'a Demand,
    pub(super) ranking: &'a Ranking,
    pub(super) title_role: usize,
    pub(super) level: usize,
    pub(super) breadth: &'a Breadth,
    pub(super) platform_focus: Option<String>,
    pub(super) platforms: &'a PlatformTally,
    pub(super) findings: Vec<Finding>,
}

/// Assembles the analysis; evidence offsets are mapped back from the keys in `scratch`.
pub(super) fn assemble(analyzer: &Analyzer, parts: Parts<'_>, scratch: &Scratch) -> Analysis {
    let norm = &analyzer.norm;
    let role = parts.ranking.role;
    let tasks = parts
        .demand
        .demanded
        .iter()
        .map(|&t| TaskFinding {
            id: norm.tasks()[t].id.clone(),
            scope: norm.scope(role, t),
            evidence: parts.demand.items[t].iter().map(|item| evidence(item, &parts, scratch)).collect(),
        })
        .collect();
    Analysis {
        schema_version: SCHEMA_VERSION,
        id: parts.ad.id.map(str::to_owned).or(parts.document.identifier.clone()),
        title: parts.title.as_deref().map(|t| t.trim().to_owned()),
        language: parts.language,
        format: parts.document.format,
        role: norm.roles()[role].id.clone(),
        confidence: (parts.ranking.confidence * 1000.0).round() / 1000.0,
        roles: role_scores(analyzer, parts.ranking),
        title_role: norm.roles()[parts.title_role].id.clone(),
        title_fits: parts.title_role == role,
        level: norm.levels()[parts.level].id.clone(),
        jack_of_all_trades: parts.breadth.jack_of_all_trades,
        breadth: parts.breadth.roles.iter().map(|r| norm.roles()[*r].id.clone()).collect(),
        platform_focus: parts.platform_focus,
        platforms: platform_counts(analyzer, parts.platforms),
        tasks,
        findings: parts.findings,
        norm: NormRef { id: norm.identity().id.clone(), version: norm.identity().version.to_string() },
        source: None,
        date: None,
    }
}

/// One evidence item as the span and quote of the original title or text.
fn evidence(item: &EvidenceItem, parts: &Parts<'_>, scratch: &Scratch) -> Evidence {
    let (key, text) = if item.in_title {
        (&scratch.title, parts.title.as_deref().unwrap_or(""))
    } else {
        (&scratch.body, &*parts.document.text)
    };
    let (from, to) = key.source_span(text, item.start, key.word_end(item.end));
    Evidence { start: from, end: to, text: text[from..to].to_owned(), section: item.section }
}

/// The ranked roles with a positive score, and always the chosen one.
fn role_scores(analyzer: &Analyzer, ranking: &Ranking) -> Vec<RoleScore> {
    ranking
        .ranked
        .iter()
        .filter(|r| **r == ranking.role || ranking.scores[**r] > 0.0)
        .map(|r| RoleScore { role: analyzer.norm.roles()[*r].id.clone(), score: round3(ranking.scores[*r]) })
        .collect()
}

/// Mentions per platform id, for the platforms mentioned at all.
fn platform_counts(analyzer: &Analyzer, tally: &PlatformTally) -> BTreeMap<String, u32> {
    let mut platforms = BTreeMap::new();
    for (p, count) in tally.mentions.iter().enumerate() {
        if *count > 0 {
            platforms.insert(analyzer.norm.platforms()[p].id.clone(), *count);
        }
    }
    platforms
}

fn round3(value: f32) -> f64 {
    (f64::from(value) * 1000.0).round() / 1000.0
}
