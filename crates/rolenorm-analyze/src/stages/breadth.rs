//! Stage 9: breadth — the roles whose work the ad piles onto one position — and the
//! jack-of-all-trades (Wollmilchsau) verdict.

use rolenorm_norm::Scope;

use super::evidence::Demand;
use crate::analyzer::Analyzer;

/// The ad's breadth.
#[derive(Debug)]
pub(super) struct Breadth {
    /// The chosen role, then every role owning enough demanded work outside its scope.
    pub(super) roles: Vec<usize>,
    /// Demanded tasks that belong to no normed role (owned by `other`).
    pub(super) unrelated: Vec<usize>,
    /// Whether one position is asked for the work of too many roles.
    pub(super) jack_of_all_trades: bool,
}

/// Work outside the chosen role's scope, per owning role, in order of first appearance.
struct Owned {
    owner: usize,
    evidence: f32,
    tasks: Vec<usize>,
}

/// Measures the breadth of an ad whose role is `role`.
pub(super) fn measure(analyzer: &Analyzer, demand: &Demand, role: usize) -> Breadth {
    let scoring = analyzer.norm.scoring();
    let other = analyzer.ids.other_role;
    let owned = owned_elsewhere(analyzer, demand, role);
    let extra_evidence: f32 = owned.iter().map(|o| o.evidence).sum();
    let mut roles = vec![role];
    let mut unrelated = Vec::new();
    for entry in owned {
        if entry.evidence < scoring.breadth_min_evidence {
            continue;
        }
        roles.push(entry.owner);
        if entry.owner == other && role != other {
            unrelated.extend(entry.tasks);
        }
    }
    let jack_of_all_trades = role != other
        && extra_evidence >= scoring.jack_min_extra_evidence
        && (roles.len() >= scoring.jack_min_roles || !unrelated.is_empty());
    Breadth { roles, unrelated, jack_of_all_trades }
}

/// The demanded tasks that `role` excludes, grouped by the role that owns them.
fn owned_elsewhere(analyzer: &Analyzer, demand: &Demand, role: usize) -> Vec<Owned> {
    let norm = &analyzer.norm;
    let mut owned: Vec<Owned> = Vec::new();
    for &t in &demand.demanded {
        if norm.scope(role, t) != Scope::Excluded {
            continue;
        }
        let Some(owner) = norm.role_index(&norm.tasks()[t].owner) else { continue };
        match owned.iter_mut().find(|o| o.owner == owner) {
            Some(entry) => {
                entry.evidence += demand.strength(t);
                entry.tasks.push(t);
            }
            None => owned.push(Owned { owner, evidence: demand.strength(t), tasks: vec![t] }),
        }
    }
    owned
}
