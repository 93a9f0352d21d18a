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

/// Writes the findings in the ad's language.
pub(super) fn write(
    analyzer: &Analyzer,
    verdict: &Verdict<'_>,
    document: &Document<'_>,
    language: LanguageChoice,
) -> Vec<Finding> {
    let writer = Writer { analyzer, language: language.language };
    let mut findings: Vec<Finding> = document
        .warnings
        .iter()
        .map(|warning| writer.say(FindingCode::InputWarning, &[("warning", warning.clone())]))
        .collect();
    if language.guessed {
        findings.push(writer.say(FindingCode::LanguageGuessed, &[]));
    }
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
        }
        Finding { code, message }
    }

    fn role_name(&self, r: usize) -> String {
        self.analyzer.norm.roles()[r].name.get(self.language).to_owned()
    }

    fn task_name(&self, t: usize) -> String {
        self.analyzer.norm.tasks()[t].name.get(self.language).to_owned()
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
            let names: Vec<String> = breadth.roles.iter().map(|r| self.role_name(*r)).collect();
            let values = [("count", breadth.roles.len().to_string()), ("roles", names.join(", "))];
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
