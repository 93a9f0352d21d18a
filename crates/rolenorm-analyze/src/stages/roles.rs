//! Stage 8: role scores from the scope matrix, the chosen role and how sure the analysis is.

use rolenorm_norm::Scope;

use super::evidence::Demand;
use crate::analyzer::Analyzer;

/// The roles, scored and ranked.
#[derive(Debug)]
pub(super) struct Ranking {
    /// Score per role.
    pub(super) scores: Vec<f32>,
    /// Role indices, best first.
    pub(super) ranked: Vec<usize>,
    /// The chosen role (`ranked[0]`).
    pub(super) role: usize,
    /// The softmax share of the chosen role.
    pub(super) confidence: f64,
}

/// What the ranking reads besides the demanded tasks.
#[derive(Clone, Copy)]
pub(super) struct Signals<'a> {
    /// The role the title names (`other` for none, or for an ad without a title).
    pub(super) title_role: usize,
    /// The other roles that the same part of the title names ("Performance Marketing Manager Paid
    /// Social" names paid social besides online marketing).
    pub(super) title_roles: &'a [usize],
    /// Whether the social-media work focuses on one platform.
    pub(super) platform_focus: bool,
    /// Whether the ad is about social media.
    pub(super) social_context: bool,
    /// Duty statements that no normed task covers, beyond those that one does.
    pub(super) unknown_duties: f32,
}

/// Scores every role and ranks them. Ties go to `other`: without better evidence, an ad is not
/// claimed for a role.
pub(super) fn rank(analyzer: &Analyzer, demand: &Demand, signals: &Signals<'_>) -> Ranking {
    let Signals { title_role, title_roles, platform_focus, social_context, unknown_duties } = *signals;
    let norm = &analyzer.norm;
    let scoring = norm.scoring();
    let other = analyzer.ids.other_role;
    let context = ScoreContext::new(analyzer, demand, title_role, title_roles, platform_focus);
    let mut scores: Vec<f32> = (0..norm.roles().len())
        .map(|r| {
            if r == other {
                // A title that names none of the roles is evidence for `other` like any title.
                scoring.other_threshold + if title_role == r { scoring.other_title_bonus } else { 0.0 }
            } else if !social_context && analyzer.ids.context_roles[r] {
                // A social-media verdict needs an ad about social media, not "social care" in the
                // title or the employer's "follow us" footer.
                context.score(r) - scoring.no_context_penalty
            } else {
                context.score(r)
            }
        })
        .collect();
    // A job that is mostly work only `other` owns (coding, office, sales) is no normed role: the
    // unrelated work beyond the best normed role's own work speaks for `other`.
    let best_normed = (0..scores.len()).filter(|r| *r != other).max_by(|a, b| scores[*a].total_cmp(&scores[*b]));
    if let Some(best) = best_normed {
        let surplus = context.unrelated_work(best) - context.own_scope_work(best);
        scores[other] += scoring.other_work_weight * surplus.max(0.0);
    }
    // Duties the norm does not know at all (a dean's, a web developer's) speak for `other` too.
    scores[other] += scoring.unknown_duty_weight * unknown_duties;
    let mut ranked: Vec<usize> = (0..norm.roles().len()).collect();
    // A total order (ties end in the index): the unstable sort gives the one order.
    ranked.sort_unstable_by(|a, b| {
        scores[*b].total_cmp(&scores[*a]).then((*b == other).cmp(&(*a == other))).then(a.cmp(b))
    });
    let role = ranked[0];
    let top = scores[role];
    let temperature = scoring.confidence_temperature.max(f32::EPSILON);
    let sum: f32 = scores.iter().map(|s| ((s - top) / temperature).exp()).sum();
    Ranking { confidence: f64::from(1.0 / sum), scores, ranked, role }
}

/// What every role's score is computed from.
struct ScoreContext<'a> {
    analyzer: &'a Analyzer,
    demand: &'a Demand,
    title_role: usize,
    title_roles: &'a [usize],
    platform_focus: bool,
    /// The title counts most when the text says little: every demanded task lowers its bonus.
    title_bonus: f32,
    /// How many of the generalist's domains the ad demands work in.
    generalist_domains: usize,
    /// How many strategic tasks the ad demands.
    strategy_count: usize,
}

impl<'a> ScoreContext<'a> {
    fn new(
        analyzer: &'a Analyzer,
        demand: &'a Demand,
        title_role: usize,
        title_roles: &'a [usize],
        platform_focus: bool,
    ) -> Self {
        let norm = &analyzer.norm;
        let scoring = norm.scoring();
        let demanded = &demand.demanded;
        let title_bonus =
            (scoring.title_bonus - scoring.title_bonus_decay * demanded.len() as f32).max(scoring.title_bonus_min);
        let generalist_domains = scoring
            .generalist_domains
            .iter()
            .filter(|domain| {
                demanded
                    .iter()
                    .any(|t| &norm.tasks()[*t].domain == *domain && analyzer.ids.role_share(*t, scoring) > 0.0)
            })
            .count();
        let strategy_count = analyzer.ids.strategy_tasks.iter().filter(|t| demand.contains(**t)).count();
        ScoreContext {
            analyzer,
            demand,
            title_role,
            title_roles,
            platform_focus,
            title_bonus,
            generalist_domains,
            strategy_count,
        }
    }

    /// How much of the ad is demanded work in `role`'s scope (core or optional).
    fn own_scope_work(&self, role: usize) -> f32 {
        let norm = &self.analyzer.norm;
        let in_scope = |t: usize| norm.scope(role, t) != Scope::Excluded;
        self.demand.demanded.iter().filter(|t| in_scope(**t)).map(|t| self.demand.duty_volume(*t)).sum()
    }

    /// How much of the ad is demanded work that only `other` owns and that `role` excludes.
    fn unrelated_work(&self, role: usize) -> f32 {
        let norm = &self.analyzer.norm;
        let unrelated = &self.analyzer.ids.unrelated_tasks;
        self.demand
            .demanded
            .iter()
            .filter(|t| unrelated[**t] && norm.scope(role, **t) == Scope::Excluded)
            .map(|t| self.demand.duty_volume(*t))
            .sum()
    }

    /// One normed role's score: +core, +optional·w, −excluded·w, +coverage of its core, the
    /// title bonus, the generalist bonus and the platform-role rule.
    fn score(&self, r: usize) -> f32 {
        let norm = &self.analyzer.norm;
        let scoring = norm.scoring();
        let mut score = 0.0;
        let mut core_found = 0.0;
        for &t in &self.demand.demanded {
            let share = self.analyzer.ids.role_share(t, scoring);
            let strength = self.demand.strength(t) * share;
            match norm.scope(r, t) {
                Scope::Core => {
                    score += scoring.core_weight * strength;
                    core_found += share;
                }
                Scope::Optional => score += scoring.optional_weight * strength,
                Scope::Excluded => score -= scoring.excluded_weight * strength,
            }
        }
        let core_len = norm.roles()[r].core.len();
        if core_len > 0 {
            score += scoring.coverage_weight * core_found / core_len as f32;
        }
        if r == self.title_role {
            score += self.title_bonus;
        } else if self.title_roles.contains(&r) {
            score += self.title_bonus * scoring.title_second_role_share;
        }
        if self.analyzer.ids.generalist_roles.contains(&r) {
            score += scoring.generalist_bonus * self.generalist_domains.saturating_sub(1) as f32;
        }
        if self.analyzer.ids.platform_roles.contains(&r) && core_found > 0.0 {
            if self.strategy_count > scoring.platform_max_strategy {
                score -= scoring.platform_focus_bonus;
            } else if self.platform_focus {
                score += scoring.platform_focus_bonus;
            }
        }
        score
    }
}
