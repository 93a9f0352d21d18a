//! A proposal's impact: the `norm diff` of its changes with the version bump, how the stored
//! ads' analyses change when the analyzer runs with the proposed norm, and the market evidence
//! (`norm evidence`) for the tasks it touches.

use std::collections::{BTreeSet, HashMap};
use std::sync::{Arc, Mutex};

use rolenorm_analyze::{Analysis, Analyzer};
use rolenorm_norm::{Change, ChangeError, Norm, NormDiff, NormDocument, apply_changes};
use serde::Serialize;
use utoipa::ToSchema;

use crate::problem::Problem;
use crate::wire::AdInput;

/// How many example ads an impact lists.
const EXAMPLES: usize = 8;

/// What a proposal would change.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Impact {
    /// The norm version the impact was computed against (the newest).
    pub base_version: String,
    /// The bump the change calls for: `none`, `patch`, `minor` or `major`.
    pub bump: String,
    /// The lowest version a release of this change alone may have.
    pub required_version: String,
    /// The changes in words, each with its bump.
    pub reasons: Vec<ImpactReason>,
    /// The whole `norm diff` (schema `schema/norm-diff.schema.json`).
    #[schema(value_type = Object)]
    pub diff: serde_json::Value,
    /// How the stored ads' analyses change.
    pub ads: AdsImpact,
    /// Market evidence of the stored ads (under the proposed norm) for the tasks the change
    /// touches.
    pub evidence: Vec<EvidenceItem>,
}

/// One change with its bump.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ImpactReason {
    /// `patch`, `minor` or `major`.
    pub bump: String,
    /// What changes.
    pub change: String,
}

/// How the stored ads' analyses change under the proposed norm.
#[derive(Debug, Clone, Default, Serialize, ToSchema)]
pub struct AdsImpact {
    /// Ads re-analysed (the newest saved ones).
    pub analysed: usize,
    /// Ads whose role changes.
    pub role_changed: usize,
    /// Ads that gain a demanded task.
    pub gain_task: usize,
    /// Ads that lose a demanded task.
    pub lose_task: usize,
    /// Ads that become a jack of all trades (Wollmilchsau).
    pub become_wollmilchsau: usize,
    /// Ads that stop being one.
    pub stop_wollmilchsau: usize,
    /// Some of the ads that change.
    pub examples: Vec<AdChange>,
}

/// One ad whose analysis changes.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct AdChange {
    /// The saved analysis's permalink id.
    pub id: String,
    /// The ad's title.
    pub title: Option<String>,
    /// Its role now.
    pub old_role: String,
    /// Its role under the proposed norm.
    pub new_role: String,
    /// Tasks it gains.
    pub gained: Vec<String>,
    /// Tasks it loses.
    pub lost: Vec<String>,
    /// Whether it is a Wollmilchsau now.
    pub old_wollmilchsau: bool,
    /// Whether it would be one.
    pub new_wollmilchsau: bool,
}

/// Market evidence for one touched task and one role.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct EvidenceItem {
    /// The task.
    pub task: String,
    /// The role.
    pub role: String,
    /// `excluded-demanded` (ads of the role demand it though it is excluded) or
    /// `core-rarely-demanded` (ads of the role rarely demand this core task).
    pub kind: String,
    /// Ads of the role that demand it.
    pub count: u64,
    /// Their share of the role's ads.
    pub share: f64,
    /// Some of those ads' ids.
    pub examples: Vec<String>,
}

/// Impacts computed so far, per proposal, base version and number of stored ads.
#[derive(Debug, Default)]
pub struct ImpactCache {
    entries: Mutex<HashMap<(i64, String, usize), Arc<Impact>>>,
}

impl ImpactCache {
    /// The cached impact of `key`.
    pub(crate) fn get(&self, key: &(i64, String, usize)) -> Option<Arc<Impact>> {
        self.entries.lock().unwrap_or_else(std::sync::PoisonError::into_inner).get(key).cloned()
    }

    /// Keeps `impact` under `key` (at most 256 entries).
    pub(crate) fn put(&self, key: (i64, String, usize), impact: Arc<Impact>) {
        let mut entries = self.entries.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        if entries.len() >= 256 {
            entries.clear();
        }
        entries.insert(key, impact);
    }
}

/// The changes applied to `base`, or 422 with the checker's message (the field is
/// `changes[i]` when one change is at fault).
pub(crate) fn check_changes(base: &NormDocument, changes: &[Change]) -> Result<Norm, Problem> {
    apply_changes(base, changes).map(|changed| changed.norm).map_err(|error| match error {
        ChangeError::Invalid { index, .. } => Problem::new(
            axum::http::StatusCode::UNPROCESSABLE_ENTITY,
            "invalid-change",
            "A change is invalid",
            error.to_string(),
        )
        .field(format!("changes[{index}]")),
        ChangeError::Check(_) => Problem::new(
            axum::http::StatusCode::UNPROCESSABLE_ENTITY,
            "invalid-change",
            "The changed norm does not pass the check",
            error.to_string(),
        )
        .field("changes"),
    })
}

/// Computes the impact of `changes` on `base` (analysed by `old`), over the stored ads `ads`
/// (`(permalink id, ad JSON)`). Runs the analyzer twice per ad: call it on a blocking thread.
pub(crate) fn compute(
    base: &NormDocument,
    old: &Analyzer,
    changes: &[Change],
    ads: &[(String, String)],
) -> Result<Impact, Problem> {
    let new_norm = Arc::new(check_changes(base, changes)?);
    let diff = NormDiff::between(old.norm(), &new_norm);
    let new = Analyzer::new(new_norm.clone()).map_err(|_| Problem::internal("compiling the proposed norm"))?;
    let mut impact = AdsImpact::default();
    let mut aggregates = rolenorm_report::Aggregates::new(&new_norm);
    for (id, input) in ads {
        let Ok(ad) = serde_json::from_str::<AdInput>(input) else { continue };
        let (Ok(before), Ok(after)) = (ad.analyze(old), ad.analyze(&new)) else { continue };
        let mut after = after;
        after.id = Some(id.clone());
        aggregates.add(&after);
        compare(&mut impact, id, &before, &after);
    }
    let touched: BTreeSet<&str> = changes.iter().flat_map(Change::tasks).collect();
    let evidence = rolenorm_report::Evidence::from_aggregates(&aggregates, &new_norm, 0.1);
    let evidence = evidence
        .roles
        .iter()
        .flat_map(|role| {
            let excluded = role.excluded_demanded.iter().map(move |t| ("excluded-demanded", role, t));
            excluded.chain(role.core_rarely_demanded.iter().map(move |t| ("core-rarely-demanded", role, t)))
        })
        .filter(|(_, _, task)| touched.contains(task.task.as_str()))
        .map(|(kind, role, task)| EvidenceItem {
            task: task.task.clone(),
            role: role.role.clone(),
            kind: kind.to_owned(),
            count: task.count,
            share: task.share,
            examples: task.examples.clone(),
        })
        .collect();
    Ok(Impact {
        base_version: old.norm().identity().version.to_string(),
        bump: diff.bump.as_str().to_owned(),
        required_version: diff.required_version.clone(),
        reasons: diff
            .reasons
            .iter()
            .map(|r| ImpactReason { bump: r.bump.as_str().to_owned(), change: r.change.clone() })
            .collect(),
        diff: serde_json::to_value(&diff).unwrap_or_default(),
        ads: impact,
        evidence,
    })
}

fn task_ids(analysis: &Analysis) -> BTreeSet<&str> {
    analysis.tasks.iter().map(|t| t.id.as_str()).collect()
}

fn compare(impact: &mut AdsImpact, id: &str, before: &Analysis, after: &Analysis) {
    impact.analysed += 1;
    let (old_tasks, new_tasks) = (task_ids(before), task_ids(after));
    let gained: Vec<String> = new_tasks.difference(&old_tasks).map(|t| (*t).to_owned()).collect();
    let lost: Vec<String> = old_tasks.difference(&new_tasks).map(|t| (*t).to_owned()).collect();
    let role_changed = before.role != after.role;
    let (old_w, new_w) = (before.jack_of_all_trades, after.jack_of_all_trades);
    impact.role_changed += usize::from(role_changed);
    impact.gain_task += usize::from(!gained.is_empty());
    impact.lose_task += usize::from(!lost.is_empty());
    impact.become_wollmilchsau += usize::from(!old_w && new_w);
    impact.stop_wollmilchsau += usize::from(old_w && !new_w);
    let changed = role_changed || !gained.is_empty() || !lost.is_empty() || old_w != new_w;
    if changed && impact.examples.len() < EXAMPLES {
        impact.examples.push(AdChange {
            id: id.to_owned(),
            title: after.title.clone(),
            old_role: before.role.clone(),
            new_role: after.role.clone(),
            gained,
            lost,
            old_wollmilchsau: old_w,
            new_wollmilchsau: new_w,
        });
    }
}
