//! Stage 10: breadth — the distinct roles whose core work the ad piles onto one position — and
//! the jack-of-all-trades (Wollmilchsau) verdict.
//!
//! The norm's definition: one person is asked for the core work of three or more distinct
//! roles, or for a social-media role plus unrelated duties (office, sales, coding). Each
//! demanded task counts for the role that owns it (the chosen role's core work for the chosen
//! role); a specialist whose core work lies wholly in
//! a generalist's scope (community, channel, analytics work for the social media manager)
//! counts as the generalist's work, not as a role of its own. `other` is no role: its duties
//! are the unrelated ones. The verdict counts the departments the roles belong to (the norm's
//! `departments`: the social-media team, marketing, …), so four roles of two departments are
//! one team's work and a neighbour's, not four jobs. A senior or lead position owns broad work
//! (strategy, team, budget across departments): its breadth needs one department more
//! (`owner_levels`, `owner_min_roles`). Management work (`breadth_shared_tasks`: goals,
//! coordination, budget, team) is any position's own and never another role's. For a
//! social-media role, the excluded work of `social_unrelated_owners` (print design) is unrelated
//! duty as `other`'s is.

use rolenorm_norm::{Family, Scope};

use super::evidence::Demand;
use crate::analyzer::Analyzer;

/// The ad's breadth.
#[derive(Debug)]
pub(super) struct Breadth {
    /// The chosen role, then every other distinct role whose core work the ad clearly demands.
    pub(super) roles: Vec<usize>,
    /// Demanded tasks outside the chosen role's scope that belong to no normed role.
    pub(super) unrelated: Vec<usize>,
    /// Whether one position is asked for the work of too many roles.
    pub(super) jack_of_all_trades: bool,
}

/// Demanded work per distinct role, in order of first appearance.
struct Area {
    role: usize,
    evidence: f32,
}

/// Measures the breadth of an ad whose role is `role` at the level `level`.
pub(super) fn measure(analyzer: &Analyzer, demand: &Demand, role: usize, level: usize) -> Breadth {
    let scoring = analyzer.norm.scoring();
    let other = analyzer.ids.other_role;
    let own_area = analyzer.ids.work_area[role];
    let mut roles = vec![role];
    for area in areas(analyzer, demand, role) {
        if area.evidence >= scoring.breadth_min_evidence && area.role != other && area.role != own_area {
            roles.push(area.role);
        }
    }
    let social_role = analyzer.norm.roles()[role].family == Family::SocialMedia;
    let unrelated = unrelated(analyzer, demand, role, social_role);
    let unrelated_evidence: f32 = unrelated.iter().map(|t| demand.strength(*t)).sum();
    let piled = social_role && unrelated_evidence >= scoring.jack_min_extra_evidence;
    let min_departments = analyzer.ids.jack_min_departments.get(level).copied().unwrap_or(scoring.jack_min_roles);
    let jack_of_all_trades = role != other && (departments(analyzer, &roles) >= min_departments || piled);
    Breadth { roles, unrelated, jack_of_all_trades }
}

/// How many distinct departments `roles` belong to.
fn departments(analyzer: &Analyzer, roles: &[usize]) -> usize {
    let department = &analyzer.ids.department;
    roles.iter().enumerate().filter(|(i, r)| roles[..*i].iter().all(|o| department[*o] != department[**r])).count()
}

/// The demanded work grouped by the distinct role it is: the core work of `chosen` is its own,
/// shared management work is nobody else's, any other task is its owner's.
fn areas(analyzer: &Analyzer, demand: &Demand, chosen: usize) -> Vec<Area> {
    let norm = &analyzer.norm;
    let mut areas: Vec<Area> = Vec::new();
    for &t in &demand.demanded {
        let owner = if norm.scope(chosen, t) == Scope::Core {
            Some(chosen)
        } else if analyzer.ids.breadth_shared_tasks[t] {
            None
        } else {
            norm.role_index(&norm.tasks()[t].owner)
        };
        let Some(owner) = owner else { continue };
        let role = analyzer.ids.work_area[owner];
        match areas.iter_mut().find(|a| a.role == role) {
            Some(area) => area.evidence += demand.strength(t),
            None => areas.push(Area { role, evidence: demand.strength(t) }),
        }
    }
    areas
}

/// The demanded tasks that `role` excludes and that only `other` owns (for a `social_role`, also
/// those of `social_unrelated_owners`).
fn unrelated(analyzer: &Analyzer, demand: &Demand, role: usize, social_role: bool) -> Vec<usize> {
    let norm = &analyzer.norm;
    let other = analyzer.ids.other_role;
    if role == other {
        return Vec::new();
    }
    demand
        .demanded
        .iter()
        .copied()
        .filter(|t| {
            let unrelated =
                analyzer.ids.unrelated_tasks[*t] || (social_role && analyzer.ids.social_unrelated_tasks[*t]);
            unrelated && norm.scope(role, *t) == Scope::Excluded
        })
        .collect()
}
