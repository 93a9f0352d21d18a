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
        .map(|&t| {
            let items = &parts.demand.items[t];
            let listed = items.len().min(norm.scoring().max_evidence_per_task);
            TaskFinding {
                id: norm.tasks()[t].id.clone(),
                name: norm.tasks()[t].name.get(parts.language).to_owned(),
                scope: norm.scope(role, t),
                evidence: items[..listed].iter().map(|item| evidence(analyzer, item, &parts, scratch)).collect(),
                evidence_total: (listed < items.len()).then_some(items.len()),
            }
        })
        .collect();
    Analysis {
        schema_version: SCHEMA_VERSION,
        id: parts.ad.id.map(str::to_owned).or(parts.document.identifier.clone()),
        title: parts.title.as_deref().map(|t| t.trim().to_owned()),
        language: parts.language,
        format: parts.document.format,
        role: norm.roles()[role].id.clone(),
        role_name: norm.roles()[role].name.get(parts.language).to_owned(),
        confidence: (parts.ranking.confidence * 1000.0).round() / 1000.0,
        roles: role_scores(analyzer, parts.ranking, parts.language),
        title_role: norm.roles()[parts.title_role].id.clone(),
        title_role_name: norm.roles()[parts.title_role].name.get(parts.language).to_owned(),
        title_fits: parts.title_role == role,
        level: norm.levels()[parts.level].id.clone(),
        level_name: norm.levels()[parts.level].name.get(parts.language).to_owned(),
        jack_of_all_trades: parts.breadth.jack_of_all_trades,
        breadth: parts.breadth.roles.iter().map(|r| norm.roles()[*r].id.clone()).collect(),
        platform_focus: parts.platform_focus,
        platforms: platform_counts(analyzer, parts.platforms),
        tasks,
        findings: parts.findings,
        norm: NormRef { id: norm.identity().id.clone(), version: analyzer.ids.norm_version.clone() },
        source: None,
        date: None,
    }
}

/// One evidence item as the span and quote of the original title or text; a long span is
/// quoted as its first `max_quote_chars` characters.
fn evidence(analyzer: &Analyzer, item: &EvidenceItem, parts: &Parts<'_>, scratch: &Scratch) -> Evidence {
    let (key, text) = if item.in_title {
        (&scratch.title, parts.title.as_deref().unwrap_or(""))
    } else {
        (&scratch.body, &*parts.document.text)
    };
    let (from, to) = key.source_span(text, item.start, key.word_end(item.end));
    let span = &text[from..to];
    let limit = analyzer.norm.scoring().max_quote_chars;
    let cut = span.char_indices().nth(limit).map(|(i, _)| i);
    Evidence {
        start: from,
        end: to,
        text: quote(&span[..cut.unwrap_or(span.len())]),
        truncated: cut.is_some(),
        section: item.section,
    }
}

/// The quoted span: a sentence that runs over line breaks reads as one line.
fn quote(span: &str) -> String {
    if !span.contains('\n') {
        return span.to_owned();
    }
    let mut out = String::with_capacity(span.len());
    for (i, line) in span.split('\n').map(str::trim).filter(|line| !line.is_empty()).enumerate() {
        if i > 0 && !line.starts_with([',', ';', ':', ')']) {
            out.push(' ');
        }
        out.push_str(line);
    }
    out
}

/// The ranked roles with a positive score, and always the chosen one.
fn role_scores(analyzer: &Analyzer, ranking: &Ranking, language: Language) -> Vec<RoleScore> {
    ranking
        .ranked
        .iter()
        .filter(|r| **r == ranking.role || ranking.scores[**r] > 0.0)
        .map(|r| {
            let role = &analyzer.norm.roles()[*r];
            RoleScore {
                role: role.id.clone(),
                name: role.name.get(language).to_owned(),
                score: round3(ranking.scores[*r]),
            }
        })
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
