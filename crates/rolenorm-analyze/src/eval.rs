//! Scoring analyses against labelled ads (the format of `shared/eval/`): role accuracy and
//! macro-F1, family, title fit, level, platform focus, jack of all trades, task precision and
//! recall, a confusion matrix and the worst misses.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write;

use rolenorm_norm::{Family, Norm};
use serde::{Deserialize, Serialize};

use crate::analyzer::{Ad, Analyzer};
use rolenorm_text::{Format, InputError, Language};
use rolenorm_wire::Analysis;

/// One labelled ad.
#[derive(Debug, Clone, Deserialize)]
pub struct GoldAd {
    /// Ad id.
    pub id: String,
    /// Language code.
    #[serde(default)]
    pub lang: Option<String>,
    /// Title (null: the first line of the text is the title).
    #[serde(default)]
    pub title: Option<String>,
    /// The ad's text.
    pub text: String,
    /// Gold role.
    pub role: String,
    /// Gold title role.
    pub title_role: String,
    /// Gold level.
    pub level: String,
    /// Gold jack-of-all-trades flag.
    pub jack_of_all_trades: bool,
    /// Gold platform focus.
    #[serde(default)]
    pub platform_focus: Option<String>,
    /// Tasks both annotators found.
    #[serde(default)]
    pub tasks: Vec<String>,
    /// Tasks at least one annotator found.
    #[serde(default)]
    pub tasks_allowed: Vec<String>,
    /// Both annotators agreed on the role with high confidence.
    #[serde(default)]
    pub clear: bool,
    /// Label fields the annotators disagreed on; not scored for this ad.
    #[serde(default)]
    pub unscored: Vec<String>,
}

impl GoldAd {
    fn scored(&self, field: &str) -> bool {
        !self.unscored.iter().any(|f| f == field)
    }
}

impl GoldAd {
    /// Analyses the ad as its input fields say (title, text as plain text, language).
    pub fn analyze(&self, analyzer: &Analyzer) -> Result<Analysis, InputError> {
        let language = self.lang.as_deref().and_then(|l| l.parse::<Language>().ok());
        analyzer.analyze(Ad {
            id: Some(&self.id),
            title: self.title.as_deref(),
            content: &self.text,
            format: Some(Format::Text),
            language,
            company: None,
            findings_language: None,
        })
    }
}

/// Precision, recall and F1 with their counts.
#[derive(Debug, Clone, Copy, Default, Serialize, PartialEq, schemars::JsonSchema)]
pub struct Prf {
    /// True positives.
    pub tp: usize,
    /// False positives.
    pub fp: usize,
    /// False negatives.
    pub fn_: usize,
    /// Precision.
    pub precision: f64,
    /// Recall.
    pub recall: f64,
    /// F1.
    pub f1: f64,
}

impl Prf {
    fn new(tp: usize, fp: usize, fn_: usize) -> Self {
        let precision = ratio(tp, tp + fp);
        let recall = ratio(tp, tp + fn_);
        let f1 = if precision + recall > 0.0 { 2.0 * precision * recall / (precision + recall) } else { 0.0 };
        Prf { tp, fp, fn_, precision, recall, f1 }
    }
}

/// An accuracy with its counts.
#[derive(Debug, Clone, Copy, Default, Serialize, PartialEq, schemars::JsonSchema)]
pub struct Accuracy {
    /// Correct.
    pub correct: usize,
    /// Scored.
    pub total: usize,
    /// correct / total.
    pub value: f64,
}

impl Accuracy {
    fn add(&mut self, correct: bool) {
        self.total += 1;
        self.correct += usize::from(correct);
        self.value = ratio(self.correct, self.total);
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 0.0 } else { a as f64 / b as f64 }
}

/// A role-level miss.
#[derive(Debug, Clone, Serialize, PartialEq, schemars::JsonSchema)]
pub struct Miss {
    /// Ad id.
    pub id: String,
    /// Title used.
    pub title: Option<String>,
    /// Gold role.
    pub gold: String,
    /// Predicted role.
    pub predicted: String,
    /// Confidence of the prediction.
    pub confidence: f64,
}

/// How well the confidence of the verdicts matches how often they are right.
#[derive(Debug, Clone, Default, Serialize, PartialEq, schemars::JsonSchema)]
pub struct Calibration {
    /// Ads with a scored role.
    pub ads: usize,
    /// Expected calibration error: the ads-weighted mean gap between confidence and accuracy
    /// over the bins (0 is perfect).
    pub ece: f64,
    /// The reliability diagram: ten equal-width confidence bins, the empty ones left out.
    pub bins: Vec<CalibrationBin>,
}

/// One bin of the reliability diagram.
#[derive(Debug, Clone, Serialize, PartialEq, schemars::JsonSchema)]
pub struct CalibrationBin {
    /// The bin's lower confidence bound (inclusive).
    pub lower: f64,
    /// The bin's upper confidence bound (exclusive; 1.0 inclusive).
    pub upper: f64,
    /// Ads whose confidence falls in the bin.
    pub ads: usize,
    /// Their mean confidence.
    pub mean_confidence: f64,
    /// The share of them whose role is right.
    pub accuracy: f64,
}

/// Bins of the reliability diagram.
const CALIBRATION_BINS: usize = 10;

impl Calibration {
    /// The calibration of `(confidence, correct)` pairs.
    pub fn of(pairs: &[(f64, bool)]) -> Self {
        let mut sums = [(0usize, 0.0f64, 0usize); CALIBRATION_BINS];
        for &(confidence, correct) in pairs {
            let bin = ((confidence * CALIBRATION_BINS as f64) as usize).min(CALIBRATION_BINS - 1);
            sums[bin].0 += 1;
            sums[bin].1 += confidence;
            sums[bin].2 += usize::from(correct);
        }
        let ads = pairs.len();
        let mut ece = 0.0;
        let mut bins = Vec::new();
        for (i, (n, confidence, correct)) in sums.into_iter().enumerate() {
            if n == 0 {
                continue;
            }
            let (mean_confidence, accuracy) = (confidence / n as f64, correct as f64 / n as f64);
            ece += (mean_confidence - accuracy).abs() * n as f64 / ads as f64;
            let lower = i as f64 / CALIBRATION_BINS as f64;
            bins.push(CalibrationBin { lower, upper: lower + 0.1, ads: n, mean_confidence, accuracy });
        }
        Calibration { ads, ece, bins }
    }
}

/// All measures for one set of labelled ads.
#[derive(Debug, Clone, Serialize, PartialEq, schemars::JsonSchema)]
pub struct EvalReport {
    /// Number of ads.
    pub ads: usize,
    /// Role accuracy over all ads.
    pub role_accuracy: Accuracy,
    /// Role accuracy over ads labelled `clear`.
    pub role_accuracy_clear: Accuracy,
    /// Macro-F1 over the social-media roles.
    pub macro_f1_social: f64,
    /// Macro-F1 over every role present in the labels or the predictions.
    pub macro_f1_all: f64,
    /// Per-role precision/recall/F1.
    pub per_role: BTreeMap<String, Prf>,
    /// Accuracy of the family (social-media / adjacent / other).
    pub family_accuracy: Accuracy,
    /// Detection of the social-media family as a yes/no question.
    pub social_family: Prf,
    /// Title-role accuracy.
    pub title_role_accuracy: Accuracy,
    /// Title-fit (`title_role == role`) accuracy.
    pub title_fit_accuracy: Accuracy,
    /// Level accuracy.
    pub level_accuracy: Accuracy,
    /// Platform-focus accuracy (Facebook, Instagram and `meta` count as one).
    pub platform_accuracy: Accuracy,
    /// Jack-of-all-trades detection.
    pub jack_of_all_trades: Prf,
    /// Task precision/recall over ads whose gold role is a social-media role.
    pub tasks: Prf,
    /// Confusion matrix: gold role → predicted role → count.
    pub confusion: BTreeMap<String, BTreeMap<String, usize>>,
    /// Wrong roles, most confident first.
    pub worst_misses: Vec<Miss>,
    /// How well the verdicts' confidence matches their accuracy.
    pub calibration: Calibration,
}

/// A platform as the measure compares it: platforms of one group (Facebook, Instagram and
/// `meta`) count as the group, as the norm's `platforms.toml` groups them.
fn platform_class<'a>(norm: &'a Norm, platform: Option<&'a str>) -> Option<&'a str> {
    platform.map(|p| norm.platforms().iter().find(|q| q.id == p).map_or(p, |q| q.focus_id()))
}

/// Scores `analyses` (in the order of `gold`) against `gold`.
pub fn evaluate(norm: &Norm, gold: &[GoldAd], analyses: &[Analysis]) -> EvalReport {
    let family = |role: &str| norm.role(role).map_or(Family::Other, |r| r.family);
    let social_roles: BTreeSet<&str> =
        norm.roles().iter().filter(|r| r.family == Family::SocialMedia).map(|r| r.id.as_str()).collect();
    let mut role_accuracy = Accuracy::default();
    let mut role_accuracy_clear = Accuracy::default();
    let mut family_accuracy = Accuracy::default();
    let mut title_role_accuracy = Accuracy::default();
    let mut title_fit_accuracy = Accuracy::default();
    let mut level_accuracy = Accuracy::default();
    let mut platform_accuracy = Accuracy::default();
    let (mut sf_tp, mut sf_fp, mut sf_fn) = (0, 0, 0);
    let (mut j_tp, mut j_fp, mut j_fn) = (0, 0, 0);
    let (mut t_tp, mut t_fp, mut t_fn) = (0, 0, 0);
    let mut role_counts: BTreeMap<String, (usize, usize, usize)> = BTreeMap::new();
    let mut confusion: BTreeMap<String, BTreeMap<String, usize>> = BTreeMap::new();
    let mut misses = Vec::new();
    let mut confidences = Vec::new();

    for (g, a) in gold.iter().zip(analyses) {
        if g.scored("role") {
            let correct = g.role == a.role;
            role_accuracy.add(correct);
            confidences.push((a.confidence, correct));
            if g.clear {
                role_accuracy_clear.add(correct);
            }
            *confusion.entry(g.role.clone()).or_default().entry(a.role.clone()).or_default() += 1;
            if correct {
                role_counts.entry(g.role.clone()).or_default().0 += 1;
            } else {
                role_counts.entry(a.role.clone()).or_default().1 += 1;
                role_counts.entry(g.role.clone()).or_default().2 += 1;
                misses.push(Miss {
                    id: g.id.clone(),
                    title: a.title.clone(),
                    gold: g.role.clone(),
                    predicted: a.role.clone(),
                    confidence: a.confidence,
                });
            }
            family_accuracy.add(family(&g.role) == family(&a.role));
            let gold_social = family(&g.role) == Family::SocialMedia;
            let predicted_social = family(&a.role) == Family::SocialMedia;
            match (gold_social, predicted_social) {
                (true, true) => sf_tp += 1,
                (false, true) => sf_fp += 1,
                (true, false) => sf_fn += 1,
                _ => {}
            }
        }
        if g.scored("title_role") {
            title_role_accuracy.add(g.title_role == a.title_role);
            if g.scored("role") {
                title_fit_accuracy.add((g.title_role == g.role) == a.title_fits);
            }
        }
        if g.scored("level") {
            level_accuracy.add(g.level == a.level);
        }
        if g.scored("platform_focus") {
            platform_accuracy.add(
                platform_class(norm, g.platform_focus.as_deref()) == platform_class(norm, a.platform_focus.as_deref()),
            );
        }
        if g.scored("jack_of_all_trades") {
            match (g.jack_of_all_trades, a.jack_of_all_trades) {
                (true, true) => j_tp += 1,
                (false, true) => j_fp += 1,
                (true, false) => j_fn += 1,
                _ => {}
            }
        }
        if g.scored("tasks") && social_roles.contains(g.role.as_str()) {
            let predicted: BTreeSet<&str> = a.tasks.iter().map(|t| t.id.as_str()).collect();
            let allowed: BTreeSet<&str> = g.tasks.iter().chain(&g.tasks_allowed).map(String::as_str).collect();
            t_tp += g.tasks.iter().filter(|t| predicted.contains(t.as_str())).count();
            t_fn += g.tasks.iter().filter(|t| !predicted.contains(t.as_str())).count();
            t_fp += predicted.iter().filter(|t| !allowed.contains(*t)).count();
        }
    }
    let per_role: BTreeMap<String, Prf> =
        role_counts.into_iter().map(|(role, (tp, fp, fn_))| (role, Prf::new(tp, fp, fn_))).collect();
    let macro_over = |filter: &dyn Fn(&str) -> bool| {
        let selected: Vec<f64> = per_role.iter().filter(|(r, _)| filter(r)).map(|(_, p)| p.f1).collect();
        if selected.is_empty() { 0.0 } else { selected.iter().sum::<f64>() / selected.len() as f64 }
    };
    let macro_f1_social = macro_over(&|r| social_roles.contains(r));
    let macro_f1_all = macro_over(&|_| true);
    misses.sort_by(|a, b| b.confidence.total_cmp(&a.confidence).then(a.id.cmp(&b.id)));
    misses.truncate(15);
    EvalReport {
        ads: gold.len(),
        role_accuracy,
        role_accuracy_clear,
        macro_f1_social,
        macro_f1_all,
        per_role,
        family_accuracy,
        social_family: Prf::new(sf_tp, sf_fp, sf_fn),
        title_role_accuracy,
        title_fit_accuracy,
        level_accuracy,
        platform_accuracy,
        jack_of_all_trades: Prf::new(j_tp, j_fp, j_fn),
        tasks: Prf::new(t_tp, t_fp, t_fn),
        confusion,
        worst_misses: misses,
        calibration: Calibration::of(&confidences),
    }
}

/// The report as text for a terminal.
pub fn render(report: &EvalReport, name: &str) -> String {
    let mut out = String::new();
    let acc = |a: &Accuracy| format!("{:.3} ({}/{})", a.value, a.correct, a.total);
    let prf = |p: &Prf| format!("P {:.3}  R {:.3}  F1 {:.3}", p.precision, p.recall, p.f1);
    let _ = writeln!(out, "== {name}: {} ads", report.ads);
    let _ = writeln!(out, "role accuracy            {}", acc(&report.role_accuracy));
    let _ = writeln!(out, "role accuracy (clear)    {}", acc(&report.role_accuracy_clear));
    let _ = writeln!(out, "macro-F1 social roles    {:.3}", report.macro_f1_social);
    let _ = writeln!(out, "macro-F1 all roles       {:.3}", report.macro_f1_all);
    let _ = writeln!(out, "family accuracy          {}", acc(&report.family_accuracy));
    let _ = writeln!(out, "social family detection  {}", prf(&report.social_family));
    let _ = writeln!(out, "title role accuracy      {}", acc(&report.title_role_accuracy));
    let _ = writeln!(out, "title fit accuracy       {}", acc(&report.title_fit_accuracy));
    let _ = writeln!(out, "level accuracy           {}", acc(&report.level_accuracy));
    let _ = writeln!(out, "platform focus accuracy  {}", acc(&report.platform_accuracy));
    let _ = writeln!(out, "jack of all trades       {}", prf(&report.jack_of_all_trades));
    let _ = writeln!(
        out,
        "tasks (social roles)     {}  (tp {} fp {} fn {})",
        prf(&report.tasks),
        report.tasks.tp,
        report.tasks.fp,
        report.tasks.fn_
    );
    let calibration = &report.calibration;
    let _ = writeln!(out, "calibration error (ECE)  {:.3} over {} ads", calibration.ece, calibration.ads);
    let _ = writeln!(out, "\nreliability (confidence → share right)");
    for bin in &calibration.bins {
        let _ = writeln!(
            out,
            "  {:.1}–{:.1}  {:>4} ads  mean confidence {:.3}  right {:.3}",
            bin.lower, bin.upper, bin.ads, bin.mean_confidence, bin.accuracy
        );
    }
    let _ = writeln!(out, "\nper role                         P      R      F1   (tp/fp/fn)");
    for (role, p) in &report.per_role {
        let _ = writeln!(
            out,
            "  {:<28} {:.3}  {:.3}  {:.3}  ({}/{}/{})",
            role, p.precision, p.recall, p.f1, p.tp, p.fp, p.fn_
        );
    }
    let _ = writeln!(out, "\nconfusion (gold → predicted: count)");
    for (gold, row) in &report.confusion {
        let cells: Vec<String> =
            row.iter().map(|(p, n)| if p == gold { format!("✓{n}") } else { format!("{p}:{n}") }).collect();
        let _ = writeln!(out, "  {:<28} {}", gold, cells.join("  "));
    }
    if !report.worst_misses.is_empty() {
        let _ = writeln!(out, "\nworst misses (most confident first)");
        for miss in &report.worst_misses {
            let _ = writeln!(
                out,
                "  {:<22} gold {:<26} got {:<26} conf {:.2}  {}",
                miss.id,
                miss.gold,
                miss.predicted,
                miss.confidence,
                miss.title.as_deref().unwrap_or("")
            );
        }
    }
    out
}

/// The scalar measures of one [`EvalReport`], for side-by-side fold tables.
#[derive(Debug, Clone, Copy, Default, Serialize, PartialEq)]
pub struct Measures {
    /// Role accuracy over all ads.
    pub role_accuracy: f64,
    /// Role accuracy over clear ads.
    pub role_accuracy_clear: f64,
    /// Macro-F1 over the social-media roles.
    pub macro_f1_social: f64,
    /// Macro-F1 over all roles.
    pub macro_f1_all: f64,
    /// Family accuracy.
    pub family_accuracy: f64,
    /// Social-media family detection F1.
    pub social_family_f1: f64,
    /// Title-role accuracy.
    pub title_role_accuracy: f64,
    /// Title-fit accuracy.
    pub title_fit_accuracy: f64,
    /// Level accuracy.
    pub level_accuracy: f64,
    /// Platform-focus accuracy.
    pub platform_accuracy: f64,
    /// Jack-of-all-trades F1.
    pub jack_f1: f64,
    /// Task precision.
    pub task_precision: f64,
    /// Task recall.
    pub task_recall: f64,
    /// Task F1.
    pub task_f1: f64,
    /// Expected calibration error of the confidence (lower is better).
    pub calibration_error: f64,
}

impl Measures {
    /// The measures' names and values, in table order.
    pub fn named(&self) -> [(&'static str, f64); 15] {
        [
            ("role accuracy", self.role_accuracy),
            ("role accuracy (clear)", self.role_accuracy_clear),
            ("macro-F1 social roles", self.macro_f1_social),
            ("macro-F1 all roles", self.macro_f1_all),
            ("family accuracy", self.family_accuracy),
            ("social family F1", self.social_family_f1),
            ("title role accuracy", self.title_role_accuracy),
            ("title fit accuracy", self.title_fit_accuracy),
            ("level accuracy", self.level_accuracy),
            ("platform focus accuracy", self.platform_accuracy),
            ("jack of all trades F1", self.jack_f1),
            ("task precision", self.task_precision),
            ("task recall", self.task_recall),
            ("task F1", self.task_f1),
            ("calibration error (ECE)", self.calibration_error),
        ]
    }

    fn mean(all: &[Measures]) -> Measures {
        let n = all.len().max(1) as f64;
        let sum = |f: fn(&Measures) -> f64| all.iter().map(f).sum::<f64>() / n;
        Measures {
            role_accuracy: sum(|m| m.role_accuracy),
            role_accuracy_clear: sum(|m| m.role_accuracy_clear),
            macro_f1_social: sum(|m| m.macro_f1_social),
            macro_f1_all: sum(|m| m.macro_f1_all),
            family_accuracy: sum(|m| m.family_accuracy),
            social_family_f1: sum(|m| m.social_family_f1),
            title_role_accuracy: sum(|m| m.title_role_accuracy),
            title_fit_accuracy: sum(|m| m.title_fit_accuracy),
            level_accuracy: sum(|m| m.level_accuracy),
            platform_accuracy: sum(|m| m.platform_accuracy),
            jack_f1: sum(|m| m.jack_f1),
            task_precision: sum(|m| m.task_precision),
            task_recall: sum(|m| m.task_recall),
            task_f1: sum(|m| m.task_f1),
            calibration_error: sum(|m| m.calibration_error),
        }
    }
}

impl From<&EvalReport> for Measures {
    fn from(r: &EvalReport) -> Self {
        Measures {
            role_accuracy: r.role_accuracy.value,
            role_accuracy_clear: r.role_accuracy_clear.value,
            macro_f1_social: r.macro_f1_social,
            macro_f1_all: r.macro_f1_all,
            family_accuracy: r.family_accuracy.value,
            social_family_f1: r.social_family.f1,
            title_role_accuracy: r.title_role_accuracy.value,
            title_fit_accuracy: r.title_fit_accuracy.value,
            level_accuracy: r.level_accuracy.value,
            platform_accuracy: r.platform_accuracy.value,
            jack_f1: r.jack_of_all_trades.f1,
            task_precision: r.tasks.precision,
            task_recall: r.tasks.recall,
            task_f1: r.tasks.f1,
            calibration_error: r.calibration.ece,
        }
    }
}

/// A stable 64-bit hash (FNV-1a) of a seed and an id: the order of ads within a stratum.
fn order_key(seed: u64, id: &str) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in seed.to_le_bytes().iter().chain(id.as_bytes()) {
        hash ^= u64::from(*byte);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    hash
}

/// Assigns every ad a fold in `0..k`, stratified by gold role and language and deterministic
/// for a seed: the strata (sorted) are laid end to end, each in the order of a seeded hash of
/// the ids, and the folds are dealt round-robin along that line, so every fold gets its share of
/// every role and language.
pub fn assign_folds(gold: &[GoldAd], k: usize, seed: u64) -> Vec<usize> {
    let mut line: Vec<(&str, &str, u64, &str, usize)> = gold
        .iter()
        .enumerate()
        .map(|(i, g)| (g.role.as_str(), g.lang.as_deref().unwrap_or(""), order_key(seed, &g.id), g.id.as_str(), i))
        .collect();
    line.sort_unstable();
    let mut folds = vec![0; gold.len()];
    for (position, entry) in line.iter().enumerate() {
        folds[entry.4] = position % k.max(1);
    }
    folds
}

/// Measures per fold, and their means over the tuning folds and over the held-out fold.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct FoldReport {
    /// Number of folds.
    pub folds: usize,
    /// The seed of the split.
    pub seed: u64,
    /// The held-out fold (1-based).
    pub held_out: usize,
    /// The full report of every fold, in fold order (fold 1 first).
    pub per_fold: Vec<EvalReport>,
    /// The mean of the measures over the tuning folds.
    pub tune_mean: Measures,
    /// The measures of the held-out fold.
    pub held_out_measures: Measures,
    /// The measures over all ads together.
    pub all: Measures,
}

/// Scores `analyses` (in the order of `gold`) fold by fold; `held_out` is 1-based.
pub fn evaluate_folds(
    norm: &Norm,
    gold: &[GoldAd],
    analyses: &[Analysis],
    k: usize,
    seed: u64,
    held_out: usize,
) -> FoldReport {
    let k = k.max(1);
    let assignment = assign_folds(gold, k, seed);
    let per_fold: Vec<EvalReport> = (0..k)
        .map(|fold| {
            let (g, a): (Vec<GoldAd>, Vec<Analysis>) = gold
                .iter()
                .zip(analyses)
                .zip(&assignment)
                .filter(|(_, f)| **f == fold)
                .map(|((g, a), _)| (g.clone(), a.clone()))
                .unzip();
            evaluate(norm, &g, &a)
        })
        .collect();
    let tune: Vec<Measures> =
        per_fold.iter().enumerate().filter(|(i, _)| i + 1 != held_out).map(|(_, r)| Measures::from(r)).collect();
    let held_out_measures = per_fold.get(held_out.wrapping_sub(1)).map(Measures::from).unwrap_or_default();
    FoldReport {
        folds: k,
        seed,
        held_out,
        tune_mean: Measures::mean(&tune),
        held_out_measures,
        all: Measures::from(&evaluate(norm, gold, analyses)),
        per_fold,
    }
}

/// The fold report as a table for a terminal: one row per measure, one column per fold, then
/// the tuning folds' mean, the held-out fold and all ads.
pub fn render_folds(report: &FoldReport, name: &str) -> String {
    let mut out = String::new();
    let sizes: Vec<String> = report.per_fold.iter().map(|r| r.ads.to_string()).collect();
    let _ = writeln!(
        out,
        "== {name}: {} folds (seed {}), ads per fold {}; held-out fold {}",
        report.folds,
        report.seed,
        sizes.join("/"),
        report.held_out
    );
    let mut header = format!("{:<24}", "measure");
    for i in 1..=report.folds {
        let mark = if i == report.held_out { "*" } else { "" };
        let _ = write!(header, " {:>6}", format!("f{i}{mark}"));
    }
    let _ = write!(header, " {:>8} {:>8} {:>6}", "tune", "held-out", "all");
    let _ = writeln!(out, "{header}");
    let per_fold: Vec<Measures> = report.per_fold.iter().map(Measures::from).collect();
    let tune = report.tune_mean.named();
    let held = report.held_out_measures.named();
    for (row, (label, all)) in report.all.named().iter().enumerate() {
        let mut line = format!("{label:<24}");
        for m in &per_fold {
            let _ = write!(line, " {:>6.3}", m.named()[row].1);
        }
        let _ = write!(line, " {:>8.3} {:>8.3} {:>6.3}", tune[row].1, held[row].1, all);
        let _ = writeln!(out, "{line}");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ad(id: &str, role: &str, lang: &str) -> GoldAd {
        GoldAd {
            id: id.into(),
            lang: Some(lang.into()),
            title: None,
            text: String::new(),
            role: role.into(),
            title_role: role.into(),
            level: "professional".into(),
            jack_of_all_trades: false,
            platform_focus: None,
            tasks: vec![],
            tasks_allowed: vec![],
            clear: true,
            unscored: vec![],
        }
    }

    fn sample() -> Vec<GoldAd> {
        let mut gold = Vec::new();
        for i in 0..20 {
            gold.push(ad(&format!("a{i}"), "other", if i % 2 == 0 { "de" } else { "en" }));
        }
        for i in 0..5 {
            gold.push(ad(&format!("b{i}"), "pr-manager", "en"));
        }
        gold
    }

    #[test]
    fn calibration_bins_confidences_and_weighs_the_gaps_by_ads() {
        let pairs = [(0.95, true), (0.92, true), (0.91, false), (0.35, false), (1.0, true)];
        let c = Calibration::of(&pairs);
        assert_eq!(c.ads, 5);
        assert_eq!(c.bins.len(), 2);
        let (low, high) = (&c.bins[0], &c.bins[1]);
        assert_eq!((low.ads, low.accuracy), (1, 0.0));
        assert!((low.lower - 0.3).abs() < 1e-9 && (low.mean_confidence - 0.35).abs() < 1e-9);
        assert_eq!(high.ads, 4);
        assert!((high.mean_confidence - 0.945).abs() < 1e-9);
        assert!((high.accuracy - 0.75).abs() < 1e-9);
        // (|0.35 − 0| · 1 + |0.945 − 0.75| · 4) / 5
        assert!((c.ece - (0.35 + 0.195 * 4.0) / 5.0).abs() < 1e-9, "{}", c.ece);
        assert_eq!(Calibration::of(&[]), Calibration::default());
    }

    #[test]
    fn folds_are_deterministic_and_depend_on_the_seed() {
        let gold = sample();
        assert_eq!(assign_folds(&gold, 5, 7), assign_folds(&gold, 5, 7));
        assert_ne!(assign_folds(&gold, 5, 7), assign_folds(&gold, 5, 8));
        assert!(assign_folds(&gold, 5, 7).iter().all(|f| *f < 5));
    }

    #[test]
    fn every_fold_gets_its_share_of_every_stratum() {
        let gold = sample();
        let folds = assign_folds(&gold, 5, 1);
        for fold in 0..5 {
            let of = |role: &str, lang: &str| {
                gold.iter()
                    .zip(&folds)
                    .filter(|(g, f)| **f == fold && g.role == role && g.lang.as_deref() == Some(lang))
                    .count()
            };
            assert_eq!(of("pr-manager", "en"), 1, "fold {fold}");
            assert_eq!(of("other", "de"), 2, "fold {fold}");
            assert_eq!(of("other", "en"), 2, "fold {fold}");
        }
    }

    #[test]
    fn the_held_out_fold_is_reported_apart_from_the_tuning_folds() {
        let norm = Norm::builtin().unwrap();
        let gold = sample();
        let analyzer = Analyzer::new(std::sync::Arc::new(norm.clone())).unwrap();
        let analyses: Vec<Analysis> =
            gold.iter().map(|g| GoldAd { text: "x".into(), ..g.clone() }.analyze(&analyzer).unwrap()).collect();
        let report = evaluate_folds(&norm, &gold, &analyses, 5, 1, 5);
        assert_eq!(report.per_fold.len(), 5);
        assert_eq!(report.per_fold.iter().map(|r| r.ads).sum::<usize>(), gold.len());
        assert_eq!(report.held_out_measures, Measures::from(&report.per_fold[4]));
        let text = render_folds(&report, "sample");
        assert!(text.contains("f5*") && text.contains("held-out"), "{text}");
    }
}
