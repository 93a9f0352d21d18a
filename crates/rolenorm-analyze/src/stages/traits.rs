//! Stages 7 and 9: the platform the social-media work focuses on, and the career level.

use std::collections::BTreeMap;

use super::evidence::{Demand, LevelCues, PlatformTally};
use crate::analyzer::Analyzer;

/// The platform (or group) that holds most weighted mentions, if it holds enough; only for ads
/// with social-media work to focus (the norm's `platform_focus_min_tasks`).
pub(super) fn platform_focus(analyzer: &Analyzer, demand: &Demand, tally: &PlatformTally) -> Option<String> {
    let norm = &analyzer.norm;
    let scoring = norm.scoring();
    if demand.demanded.len() < scoring.platform_focus_min_tasks {
        return None;
    }
    let total: f32 = tally.weight.iter().sum();
    if total < scoring.platform_focus_min {
        return None;
    }
    let mut groups: BTreeMap<&str, (f32, Vec<usize>)> = BTreeMap::new();
    for (p, weight) in tally.weight.iter().enumerate() {
        if *weight > 0.0 {
            let entry = groups.entry(norm.platforms()[p].focus_id()).or_default();
            entry.0 += weight;
            entry.1.push(p);
        }
    }
    let (group, (weight, members)) = groups.into_iter().max_by(|a, b| a.1.0.total_cmp(&b.1.0))?;
    if weight < scoring.platform_focus_min || weight / total < scoring.platform_focus_share {
        return None;
    }
    // A group that leads only as the sum of its members is no focus: "Facebook, Instagram and
    // LinkedIn" names three platforms alike, not the Meta ecosystem.
    let strongest_member = members.iter().map(|p| tally.weight[*p]).fold(0.0, f32::max);
    let strongest_outside =
        (0..tally.weight.len()).filter(|p| !members.contains(p)).map(|p| tally.weight[p]).fold(0.0, f32::max);
    if strongest_member <= strongest_outside {
        return None;
    }
    // A group named by one member only is reported as that member.
    let named: Vec<usize> = members.into_iter().filter(|p| norm.platforms()[*p].id != group).collect();
    Some(match named.as_slice() {
        [only] => norm.platforms()[*only].id.clone(),
        _ => group.to_owned(),
    })
}

/// The level: the title's cue (the first of the norm's `level_priority`), else a contract cue
/// early in the body, else a level's requirement (the first by `level_priority`), else the
/// norm's default level.
pub(super) fn level(analyzer: &Analyzer, cues: &LevelCues) -> usize {
    let ids = &analyzer.ids;
    let first_of = |named: &[bool]| ids.level_priority.iter().copied().find(|l| named[*l]);
    first_of(&cues.title)
        .or_else(|| ids.body_levels.iter().copied().find(|l| cues.body[*l]))
        .or_else(|| first_of(&cues.required))
        .unwrap_or(ids.default_level)
}
