//! Stage 11: the findings — what to change in the ad — in its language, with the norm's texts.

use rolenorm_norm::{Family, Scope};
use rolenorm_text::{Document, Language};
use rolenorm_wire::{Finding, FindingCode};

use super::breadth::Breadth;
use super::evidence::Demand;
use super::language::LanguageChoice;
use crate::analyzer::Analyzer;

/// The decisions the findings comment on.
pub(super) struct Verdict<'a> {
    /// The chosen role.
    pub(super) role: usize,
    /// The runner-up and the chosen role's confidence.
    pub(super) alternative: Option<usize>,
    pub(super) confidence: f64,
    /// The role the title names.
    pub(super) title_role: usize,
    /// The ad's breadth.
    pub(super) breadth: &'a Breadth,
    /// The demanded tasks.
    pub(super) demand: &'a Demand,
    /// The platform focus.
    pub(super) platform_focus: Option<&'a str>,
    /// Whether the duties stand under a heading.
    pub(super) has_tasks_section: bool,
}

/// Writes the findings in the ad's language, or in `reader`'s when given.
pub(super) fn write(
    analyzer: &Analyzer,
    verdict: &Verdict<'_>,
    document: &Document<'_>,
    language: LanguageChoice,
    reader: Option<Language>,
) -> Vec<Finding> {
    let writer = Writer { analyzer, language: reader.unwrap_or(language.language) };
    let mut findings: Vec<Finding> = document
        .warnings
        .iter()
        .map(|warning| writer.say(FindingCode::InputWarning, &[("warning", warning.clone())]))
        .collect();
    if language.guessed {
        findings.push(writer.say(FindingCode::LanguageGuessed, &[]));
    }
    writer.uncertainty(verdict, &mut findings);
    writer.title(verdict, &mut findings);
    writer.breadth(verdict, &mut findings);
    writer.scope_breaches(verdict, &mut findings);
    writer.platform(verdict, &mut findings);
    writer.completeness(verdict, &mut findings);
    findings
}

/// Fills the norm's finding texts.
struct Writer<'a> {
    analyzer: &'a Analyzer,
    language: Language,
}

impl Writer<'_> {
    fn say(&self, code: FindingCode, values: &[(&str, String)]) -> Finding {
        let mut message = self.analyzer.norm.message(code.as_str(), self.language).to_owned();
        for (key, value) in values {
            message = message.replace(&format!("{{{key}}}"), value);
            if let Ok(count) = value.parse::<u64>() {
                message = choose_plural(&message, key, count);
            }
        }
        Finding { code, message }
    }

    fn role_name(&self, r: usize) -> String {
        self.analyzer.norm.roles()[r].name.get(self.language).to_owned()
    }

    fn task_name(&self, t: usize) -> String {
        self.analyzer.norm.tasks()[t].name.get(self.language).to_owned()
    }

    /// A verdict too close to call: the confidence below the norm's `uncertain_below`.
    fn uncertainty(&self, v: &Verdict<'_>, findings: &mut Vec<Finding>) {
        let Some(alternative) = v.alternative else { return };
        if v.confidence < f64::from(self.analyzer.norm.scoring().uncertain_below) {
            let values = [("role", self.role_name(v.role)), ("alternative", self.role_name(alternative))];
            findings.push(self.say(FindingCode::UncertainRole, &values));
        }
    }

    /// A title that names another role, or none, than the content.
    fn title(&self, v: &Verdict<'_>, findings: &mut Vec<Finding>) {
        let other = self.analyzer.ids.other_role;
        if v.title_role == v.role || v.role == other {
            return;
        }
        findings.push(if v.title_role == other {
            self.say(FindingCode::TitleUnknown, &[("role", self.role_name(v.role))])
        } else {
            let values = [("title_role", self.role_name(v.title_role)), ("role", self.role_name(v.role))];
            self.say(FindingCode::TitleMismatch, &values)
        });
    }

    /// The Wollmilchsau and the unrelated duties.
    fn breadth(&self, v: &Verdict<'_>, findings: &mut Vec<Finding>) {
        let breadth = v.breadth;
        if breadth.jack_of_all_trades {
            // `other` is no role: its duties are listed apart, as unrelated duties.
            let other = self.analyzer.ids.other_role;
            let names: Vec<String> =
                breadth.roles.iter().filter(|r| **r != other).map(|r| self.role_name(*r)).collect();
            // Role names may hold commas ("Grafik-/Motion-Designer:in, Cutter:in").
            let values = [("count", names.len().to_string()), ("roles", names.join("; "))];
            findings.push(self.say(FindingCode::JackOfAllTrades, &values));
        }
        if !breadth.unrelated.is_empty() {
            let list: Vec<String> = breadth.unrelated.iter().map(|t| self.task_name(*t)).collect();
            findings.push(self.say(FindingCode::UnrelatedDuties, &[("tasks", list.join(", "))]));
        }
    }

    /// Demanded tasks that the social-media role the ad claims (its title's, else its
    /// content's) excludes.
    fn scope_breaches(&self, v: &Verdict<'_>, findings: &mut Vec<Finding>) {
        let norm = &self.analyzer.norm;
        let other = self.analyzer.ids.other_role;
        let claimed = if v.title_role != other { v.title_role } else { v.role };
        if claimed == other || norm.roles()[claimed].family != Family::SocialMedia {
            return;
        }
        for &t in &v.demand.demanded {
            if norm.scope(claimed, t) != Scope::Excluded || v.breadth.unrelated.contains(&t) {
                continue;
            }
            let owner_id = &norm.tasks()[t].owner;
            let owner = norm.role(owner_id).map_or(owner_id.clone(), |o| o.name.get(self.language).to_owned());
            let values = [("task", self.task_name(t)), ("role", self.role_name(claimed)), ("owner", owner)];
            findings.push(self.say(FindingCode::ScopeBreach, &values));
        }
    }

    /// A single-platform job titled as a cross-platform social-media role.
    fn platform(&self, v: &Verdict<'_>, findings: &mut Vec<Finding>) {
        let norm = &self.analyzer.norm;
        let Some(platform) = v.platform_focus else { return };
        if self.analyzer.ids.platform_roles.contains(&v.role)
            && v.title_role != v.role
            && norm.roles()[v.title_role].family == Family::SocialMedia
        {
            let name = norm.platforms().iter().find(|p| p.id == platform).map_or(platform, |p| p.name.as_str());
            findings.push(self.say(FindingCode::PlatformFocus, &[("platform", name.to_owned())]));
        }
    }

    /// Goals, a duties section and enough tasks, for ads of a normed role.
    fn completeness(&self, v: &Verdict<'_>, findings: &mut Vec<Finding>) {
        let norm = &self.analyzer.norm;
        if v.role == self.analyzer.ids.other_role {
            return;
        }
        if let Some(goals) = self.analyzer.ids.goals_task
            && norm.scope(v.role, goals) == Scope::Core
            && !v.demand.contains(goals)
        {
            findings.push(self.say(FindingCode::NoGoals, &[]));
        }
        if !v.has_tasks_section {
            findings.push(self.say(FindingCode::NoTasksSection, &[]));
        }
        let count = v.demand.demanded.len();
        if count < norm.scoring().few_tasks_below {
            findings.push(self.say(FindingCode::FewTasks, &[("count", count.to_string())]));
        }
    }
}

/// Resolves the plural choices `{key:singular|plural}` of `message` for `count`.
fn choose_plural(message: &str, key: &str, count: u64) -> String {
    let open = format!("{{{key}:");
    let mut out = String::with_capacity(message.len());
    let mut rest = message;
    while let Some(start) = rest.find(&open) {
        let after = &rest[start + open.len()..];
        let Some(end) = after.find('}') else { break };
        let (one, many) = after[..end].split_once('|').unwrap_or((&after[..end], &after[..end]));
        out.push_str(&rest[..start]);
        out.push_str(if count == 1 { one } else { many });
        rest = &after[end + 1..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::choose_plural;

    #[test]
    fn plural_choices_follow_the_count() {
        let text = "Only {count} normed {count:task was|tasks were} found.";
        assert_eq!(choose_plural(&text.replace("{count}", "1"), "count", 1), "Only 1 normed task was found.");
        assert_eq!(choose_plural(&text.replace("{count}", "3"), "count", 3), "Only 3 normed tasks were found.");
        assert_eq!(choose_plural("no choice {other:a|b}", "count", 2), "no choice {other:a|b}");
    }
}
