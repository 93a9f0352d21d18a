//! Evidence for the norm from the market: where the ads and the norm disagree.

use std::fmt::Write;

use rolenorm_norm::{Norm, Scope};
use rolenorm_wire::Language;
use serde::{Deserialize, Serialize};

use crate::ReportError;
use crate::aggregates::{Aggregates, share};

/// Per role, the excluded tasks the market often demands and the core tasks it rarely demands.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Evidence {
    /// The norm the analyses applied (`id@version`).
    pub norm: String,
    /// Analyses counted.
    pub ads: u64,
    /// The threshold: an excluded task is reported when at least this share of the role's ads
    /// demand it, a core task when fewer than this share do.
    pub min_share: f64,
    /// Roles with at least one ad and at least one finding, in the norm's order.
    pub roles: Vec<RoleEvidence>,
}

/// The evidence for one role.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct RoleEvidence {
    /// Role id.
    pub role: String,
    /// Ads of the role.
    pub ads: u64,
    /// Excluded tasks demanded by at least `min_share` of the role's ads, most demanded first.
    pub excluded_demanded: Vec<TaskEvidence>,
    /// Core tasks demanded by fewer than `min_share` of the role's ads, least demanded first.
    pub core_rarely_demanded: Vec<TaskEvidence>,
}

/// How often a role's ads demand one task.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct TaskEvidence {
    /// Task id.
    pub task: String,
    /// Ads of the role that demand it.
    pub count: u64,
    /// `count` over the role's ads.
    pub share: f64,
    /// Up to three example ad ids: ads that demand the task (excluded tasks) or that do not
    /// (core tasks).
    pub examples: Vec<String>,
}

impl Evidence {
    /// The evidence in `aggregates` against `norm`, with the threshold `min_share` (0–1).
    pub fn from_aggregates(aggregates: &Aggregates, norm: &Norm, min_share: f64) -> Self {
        let roles = (0..norm.roles().len())
            .filter_map(|r| role_evidence(aggregates, norm, r, min_share))
            .filter(|e| !e.excluded_demanded.is_empty() || !e.core_rarely_demanded.is_empty())
            .collect();
        Evidence { norm: aggregates.norm.clone(), ads: aggregates.ads, min_share, roles }
    }

    /// The evidence as pretty JSON.
    pub fn to_json(&self) -> Result<String, ReportError> {
        Ok(serde_json::to_string_pretty(self)? + "\n")
    }

    /// The evidence as plain text with role and task names in `language`.
    pub fn to_text(&self, norm: &Norm, language: Language) -> String {
        let de = language == Language::De;
        let mut out = String::new();
        let percent = (self.min_share * 100.0).round();
        let _ = writeln!(
            out,
            "{} {} ({} {} {percent} %)\n",
            if de { "Evidenz aus dem Markt für die Norm" } else { "Market evidence for the norm" },
            self.norm,
            self.ads,
            if de { "Analysen, Schwelle" } else { "analyses, threshold" },
        );
        if self.roles.is_empty() {
            let _ = writeln!(out, "{}", if de { "Keine Abweichungen." } else { "No disagreements." });
        }
        for role in &self.roles {
            let name = norm.role(&role.role).map_or(role.role.as_str(), |r| r.name.get(language));
            let _ = writeln!(out, "{name} ({}, {} {})", role.role, role.ads, if de { "Anzeigen" } else { "ads" });
            let excluded = if de { "ausgeschlossen, aber oft verlangt" } else { "excluded but often demanded" };
            task_lines(&mut out, norm, language, excluded, &role.excluded_demanded);
            let core = if de { "Kernaufgabe, aber selten verlangt" } else { "core but rarely demanded" };
            task_lines(&mut out, norm, language, core, &role.core_rarely_demanded);
            out.push('\n');
        }
        out
    }
}

/// One line per task under a heading, nothing when `tasks` is empty.
fn task_lines(out: &mut String, norm: &Norm, language: Language, heading: &str, tasks: &[TaskEvidence]) {
    if tasks.is_empty() {
        return;
    }
    let _ = writeln!(out, "  {heading}:");
    for t in tasks {
        let name = norm.task(&t.task).map_or("", |task| task.name.get(language));
        let examples = if t.examples.is_empty() { String::new() } else { format!(" — {}", t.examples.join(", ")) };
        let _ = writeln!(out, "    {} {name}: {} ({:.0} %){examples}", t.task, t.count, t.share * 100.0);
    }
}

/// The evidence for role `r` of the norm, or `None` when no ad has that role.
fn role_evidence(aggregates: &Aggregates, norm: &Norm, r: usize, min_share: f64) -> Option<RoleEvidence> {
    let role = &norm.roles()[r];
    let ads = aggregates.role_count(&role.id);
    if ads == 0 {
        return None;
    }
    let stats = aggregates.tasks.get(&role.id);
    let mut excluded = Vec::new();
    let mut core = Vec::new();
    for (t, task) in norm.tasks().iter().enumerate() {
        let stat = stats.and_then(|s| s.get(&task.id));
        let count = stat.map_or(0, |s| s.demanded);
        let task_share = share(count, ads);
        match norm.scope(r, t) {
            Scope::Excluded if count > 0 && task_share >= min_share => {
                let examples = stat.map(|s| s.examples.clone()).unwrap_or_default();
                excluded.push(TaskEvidence { task: task.id.clone(), count, share: task_share, examples });
            }
            Scope::Core if task_share < min_share => {
                let examples = stat.map(|s| s.missing_examples.clone()).unwrap_or_default();
                core.push(TaskEvidence { task: task.id.clone(), count, share: task_share, examples });
            }
            _ => {}
        }
    }
    excluded.sort_by(|a, b| b.count.cmp(&a.count).then(a.task.cmp(&b.task)));
    core.sort_by(|a, b| a.count.cmp(&b.count).then(a.task.cmp(&b.task)));
    Some(RoleEvidence { role: role.id.clone(), ads, excluded_demanded: excluded, core_rarely_demanded: core })
}
