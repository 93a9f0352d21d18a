//! Streaming aggregates over analyses.

use std::collections::BTreeMap;

use rolenorm_norm::Norm;
use rolenorm_wire::Analysis;
use serde::{Deserialize, Serialize};

use crate::ReportError;

/// The key used for a missing source, month or platform focus.
pub const UNKNOWN: &str = "unknown";

/// How many example ad ids are kept per role and task.
const MAX_EXAMPLES: usize = 3;

/// Counts by key.
pub type Counts = BTreeMap<String, u64>;

/// Pass-through fields of the input record that are not part of the analysis proper.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct AdMeta {
    /// Where the ad comes from (corpus or job board), if known.
    pub source: Option<String>,
    /// When the ad was published (`YYYY-MM-DD…`), if known.
    pub date: Option<String>,
}

/// How often ads of one role demand one task.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct TaskStat {
    /// Ads of the role that demand the task.
    pub demanded: u64,
    /// The task's scope for the role as the analyses report it (`core`, `optional`, `excluded`);
    /// `None` while no ad demanded it.
    pub scope: Option<String>,
    /// Up to three ids of ads of the role that demand the task.
    pub examples: Vec<String>,
    /// Up to three ids of ads of the role that do not demand the task.
    pub missing_examples: Vec<String>,
}

/// Everything a market report needs, built one analysis at a time in bounded memory.
///
/// Memory grows with the number of roles, tasks, sources and months, not with the number of ads.
/// All maps are keyed by ids (role, task, level, platform ids), so they serialise to stable JSON.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Aggregates {
    /// The norm the aggregates were built for (`id@version`).
    pub norm: String,
    /// The task ids of the norm, in its order (to find tasks an ad does not demand).
    pub task_ids: Vec<String>,
    /// Analyses counted.
    pub ads: u64,
    /// Error lines skipped (ads the batch could not analyse).
    pub errors: u64,
    /// Ads per normed role.
    pub roles: Counts,
    /// Ads per language, then per role.
    pub roles_by_language: BTreeMap<String, Counts>,
    /// Ads per source (`unknown` when absent), then per role.
    pub roles_by_source: BTreeMap<String, Counts>,
    /// Ads per month `YYYY-MM` of `date` (`YYYY` when the date gives only the year, `unknown` when
    /// absent or malformed), then per role.
    pub roles_by_month: BTreeMap<String, Counts>,
    /// Ads per title role, then per normed (content) role.
    pub title_matrix: BTreeMap<String, Counts>,
    /// Ads whose title role equals the normed role.
    pub title_fits: u64,
    /// Jack-of-all-trades ads per normed role.
    pub jack_by_role: Counts,
    /// Per normed role, how many ads pile each other role's work onto it (from `breadth`, all ads).
    pub piled: BTreeMap<String, Counts>,
    /// Ads per platform focus (`unknown` = no focus).
    pub platform_focus: Counts,
    /// Ads mentioning each platform at least once.
    pub platform_mentions: Counts,
    /// Ads per level.
    pub levels: Counts,
    /// Ads per normed role, then per level (so levels can be shown for the roles in scope).
    #[serde(default)]
    pub levels_by_role: BTreeMap<String, Counts>,
    /// Ads per normed role, then per platform focus (`unknown` = no focus).
    #[serde(default)]
    pub platform_focus_by_role: BTreeMap<String, Counts>,
    /// Per normed role, per task id: how often its ads demand it.
    pub tasks: BTreeMap<String, BTreeMap<String, TaskStat>>,
}

impl Aggregates {
    /// Empty aggregates for analyses made with `norm`.
    pub fn new(norm: &Norm) -> Self {
        Aggregates {
            norm: norm.label(),
            task_ids: norm.tasks().iter().map(|t| t.id.clone()).collect(),
            ..Aggregates::default()
        }
    }

    /// Counts one analysis without source or date (they count as `unknown`).
    pub fn add(&mut self, analysis: &Analysis) {
        self.add_with(analysis, &AdMeta::default());
    }

    /// Counts one analysis with the pass-through fields of its input record.
    pub fn add_with(&mut self, analysis: &Analysis, meta: &AdMeta) {
        let role = analysis.role.as_str();
        self.ads += 1;
        bump(&mut self.roles, role);
        bump(self.roles_by_language.entry(analysis.language.code().to_owned()).or_default(), role);
        let source = meta.source.as_deref().filter(|s| !s.trim().is_empty()).unwrap_or(UNKNOWN);
        bump(self.roles_by_source.entry(source.to_owned()).or_default(), role);
        bump(self.roles_by_month.entry(month(meta.date.as_deref())).or_default(), role);
        bump(self.title_matrix.entry(analysis.title_role.clone()).or_default(), role);
        self.title_fits += u64::from(analysis.title_fits);
        if analysis.jack_of_all_trades {
            bump(&mut self.jack_by_role, role);
        }
        self.add_breadth(analysis);
        let focus = analysis.platform_focus.as_deref().unwrap_or(UNKNOWN);
        bump(&mut self.platform_focus, focus);
        bump(self.platform_focus_by_role.entry(role.to_owned()).or_default(), focus);
        for (platform, _) in analysis.platforms.iter().filter(|(_, n)| **n > 0) {
            bump(&mut self.platform_mentions, platform);
        }
        bump(&mut self.levels, &analysis.level);
        bump(self.levels_by_role.entry(role.to_owned()).or_default(), &analysis.level);
        self.add_tasks(analysis);
    }

    /// Counts one error line.
    pub fn add_error(&mut self) {
        self.errors += 1;
    }

    /// Counts the roles `breadth` piles onto the normed role.
    fn add_breadth(&mut self, analysis: &Analysis) {
        let piled = self.piled.entry(analysis.role.clone()).or_default();
        for other in analysis.breadth.iter().filter(|r| **r != analysis.role) {
            bump(piled, other);
        }
    }

    /// Counts the demanded tasks of the analysis under its role, and keeps examples.
    fn add_tasks(&mut self, analysis: &Analysis) {
        let id = analysis.id.as_deref();
        let stats = self.tasks.entry(analysis.role.clone()).or_default();
        for finding in &analysis.tasks {
            let stat = stats.entry(finding.id.clone()).or_default();
            stat.demanded += 1;
            if stat.scope.is_none() {
                stat.scope = Some(finding.scope.as_str().to_owned());
            }
            push_example(&mut stat.examples, id);
        }
        for task in &self.task_ids {
            if analysis.tasks.iter().all(|f| f.id != *task) {
                push_example(&mut stats.entry(task.clone()).or_default().missing_examples, id);
            }
        }
    }

    /// Ads of `role`.
    pub fn role_count(&self, role: &str) -> u64 {
        self.roles.get(role).copied().unwrap_or(0)
    }

    /// Share of ads whose title names the role the content describes (0 when there are no ads).
    pub fn title_fit_rate(&self) -> f64 {
        share(self.title_fits, self.ads)
    }

    /// Jack-of-all-trades ads over all roles.
    pub fn jack_total(&self) -> u64 {
        self.jack_by_role.values().sum()
    }

    /// The tasks ads of `role` demand, most demanded first (ties in task id order).
    pub fn top_tasks(&self, role: &str) -> Vec<(&str, &TaskStat)> {
        let mut tasks: Vec<(&str, &TaskStat)> = self
            .tasks
            .get(role)
            .map(|m| m.iter().filter(|(_, s)| s.demanded > 0).map(|(k, v)| (k.as_str(), v)).collect())
            .unwrap_or_default();
        tasks.sort_by(|a, b| b.1.demanded.cmp(&a.1.demanded).then(a.0.cmp(b.0)));
        tasks
    }

    /// The aggregates as pretty JSON.
    pub fn to_json(&self) -> Result<String, ReportError> {
        Ok(serde_json::to_string_pretty(self)? + "\n")
    }

    /// Aggregates read back from [`Aggregates::to_json`].
    pub fn from_json(text: &str) -> Result<Self, ReportError> {
        Ok(serde_json::from_str(text)?)
    }
}

/// `count / total`, 0 when `total` is 0.
pub(crate) fn share(count: u64, total: u64) -> f64 {
    if total == 0 { 0.0 } else { count as f64 / total as f64 }
}

/// Adds one to `key`.
fn bump(counts: &mut Counts, key: &str) {
    match counts.get_mut(key) {
        Some(n) => *n += 1,
        None => {
            counts.insert(key.to_owned(), 1);
        }
    }
}

/// Keeps `id` as an example if there is room.
fn push_example(examples: &mut Vec<String>, id: Option<&str>) {
    if let Some(id) = id
        && examples.len() < MAX_EXAMPLES
    {
        examples.push(id.to_owned());
    }
}

/// `YYYY-MM` of a date that starts so; `YYYY` of a date that gives only the year; else [`UNKNOWN`].
fn month(date: Option<&str>) -> String {
    let Some(date) = date else { return UNKNOWN.to_owned() };
    let bytes = date.trim().as_bytes();
    let digits = |range: std::ops::Range<usize>| bytes.get(range).is_some_and(|b| b.iter().all(u8::is_ascii_digit));
    if !digits(0..4) || bytes.get(4).is_some_and(u8::is_ascii_digit) {
        return UNKNOWN.to_owned();
    }
    let year = String::from_utf8_lossy(&bytes[..4]).into_owned();
    match bytes.get(4) {
        None => year,
        Some(b'-') if digits(5..7) && !bytes.get(7).is_some_and(u8::is_ascii_digit) => {
            format!("{year}-{}", String::from_utf8_lossy(&bytes[5..7]))
        }
        _ => UNKNOWN.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_are_year_and_month_or_unknown() {
        assert_eq!(month(Some("2020-10-03")), "2020-10");
        assert_eq!(month(Some("2020-10")), "2020-10");
        assert_eq!(month(Some("03.10.2020")), UNKNOWN);
        assert_eq!(month(Some("2020-1")), UNKNOWN);
        assert_eq!(month(Some("2018")), "2018");
        assert_eq!(month(Some("20181")), UNKNOWN);
        assert_eq!(month(None), UNKNOWN);
    }
}
