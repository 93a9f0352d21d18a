//! Quality floor: the analyzer's measures on the shared evaluation sets must not drop below
//! what the closing notes report (the floors sit a little under the measured values).
#![allow(clippy::unwrap_used)]

mod common;

use rolenorm_analyze::eval::{EvalReport, GoldAd, evaluate};

/// The measures on one shared file; `None` when `shared/` is absent.
fn measure(file: &str) -> Option<EvalReport> {
    let path = common::shared_dir()?.join("eval").join(file);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let gold: Vec<GoldAd> =
        text.lines().filter(|l| !l.trim().is_empty()).map(|l| serde_json::from_str(l).unwrap()).collect();
    let analyzer = common::analyzer();
    let analyses: Vec<_> = gold.iter().map(|ad| ad.analyze(analyzer).unwrap()).collect();
    Some(evaluate(analyzer.norm(), &gold, &analyses))
}

fn assert_floor(name: &str, value: f64, floor: f64) {
    assert!(value >= floor, "{name} = {value:.3} fell below its floor {floor:.3}");
}

#[test]
fn real_ads_stay_above_the_floor() {
    let Some(r) = measure("dev-real.jsonl") else { return };
    assert_floor("role accuracy", r.role_accuracy.value, FLOOR_REAL[0]);
    assert_floor("macro-F1 all roles", r.macro_f1_all, FLOOR_REAL[1]);
    assert_floor("social family F1", r.social_family.f1, FLOOR_REAL[2]);
    assert_floor("title fit accuracy", r.title_fit_accuracy.value, FLOOR_REAL[3]);
    assert_floor("jack of all trades F1", r.jack_of_all_trades.f1, FLOOR_REAL[4]);
    assert_floor("task F1", r.tasks.f1, FLOOR_REAL[5]);
    assert_floor("level accuracy", r.level_accuracy.value, FLOOR_REAL[6]);
}

#[test]
fn written_ads_stay_above_the_floor() {
    let Some(r) = measure("dev-written.jsonl") else { return };
    assert_floor("role accuracy", r.role_accuracy.value, FLOOR_WRITTEN[0]);
    assert_floor("macro-F1 all roles", r.macro_f1_all, FLOOR_WRITTEN[1]);
    assert_floor("social family F1", r.social_family.f1, FLOOR_WRITTEN[2]);
    assert_floor("title fit accuracy", r.title_fit_accuracy.value, FLOOR_WRITTEN[3]);
    assert_floor("jack of all trades F1", r.jack_of_all_trades.f1, FLOOR_WRITTEN[4]);
    assert_floor("task F1", r.tasks.f1, FLOOR_WRITTEN[5]);
    assert_floor("level accuracy", r.level_accuracy.value, FLOOR_WRITTEN[6]);
}

// role accuracy, macro-F1 (all roles), social family F1, title fit, jack F1, task F1, level accuracy
const FLOOR_REAL: [f64; 7] = [0.95, 0.88, 0.95, 0.93, 0.58, 0.66, 0.82];
const FLOOR_WRITTEN: [f64; 7] = [0.93, 0.92, 0.97, 0.95, 0.92, 0.79, 0.87];
