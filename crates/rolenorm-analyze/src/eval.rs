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

    for (g, a) in gold.iter().zip(analyses) {
        if g.scored("role") {
            let correct = g.role == a.role;
            role_accuracy.add(correct);
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
            platform_accuracy
                .add(platform_class(norm, g.platform_focus.as_deref()) == platform_class(norm, a.platform_focus.as_deref()));
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
