//! The scoring trace of one analysis (`rolenorm explain`, and `analyze --explain`): per role,
//! what its core, optional and excluded tasks, its coverage and the title contribute.
//!
//! The trace is recomputed from the analysis and the norm; task contributions count each task
//! once, while the analyzer weights each by its evidence strength (section weights, capped), so
//! the parts sum to the score only approximately. The score itself is the analyzer's.

use std::fmt::Write as _;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result};
use rolenorm_analyze::{Ad, Analysis};
use rolenorm_norm::{Norm, Scope};
use rolenorm_text::Language;

use crate::terminal::{Words, role_name, shares};
use crate::{LangArg, NormArgs, load_analyzer};

/// Arguments of `rolenorm explain`.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// The ad (text, HTML or JSON-LD), or `-` for standard input.
    #[arg(default_value = "-")]
    input: PathBuf,
    /// The reader's language (default: the ad's).
    #[arg(long, value_enum)]
    lang: Option<LangArg>,
    #[command(flatten)]
    norm: NormArgs,
}

/// Analyses the ad and prints its scoring trace.
pub(crate) fn run(args: Args) -> Result<ExitCode> {
    let analyzer = load_analyzer(args.norm.norm.as_deref())?;
    let bytes = if args.input.as_os_str() == "-" {
        let mut bytes = Vec::new();
        std::io::Read::read_to_end(&mut std::io::stdin(), &mut bytes).context("cannot read standard input")?;
        bytes
    } else {
        std::fs::read(&args.input).with_context(|| format!("cannot read {}", args.input.display()))?
    };
    let ad = Ad { content: "", ..Ad::default() };
    let analysis =
        analyzer.analyze_bytes(ad, &bytes, None).with_context(|| format!("cannot analyse {}", args.input.display()))?;
    let language = args.lang.map_or(analysis.language, Into::into);
    std::io::stdout().lock().write_all(trace(analyzer.norm(), &analysis, language).as_bytes())?;
    Ok(ExitCode::SUCCESS)
}

/// One role's part of the trace.
struct RoleTrace {
    core: usize,
    optional: usize,
    excluded: usize,
    coverage: f32,
    title: bool,
}

fn role_trace(norm: &Norm, analysis: &Analysis, role: &str) -> Option<RoleTrace> {
    let r = norm.role_index(role)?;
    let mut trace = RoleTrace { core: 0, optional: 0, excluded: 0, coverage: 0.0, title: analysis.title_role == role };
    for task in &analysis.tasks {
        let Some(t) = norm.task_index(&task.id) else { continue };
        match norm.scope(r, t) {
            Scope::Core => trace.core += 1,
            Scope::Optional => trace.optional += 1,
            Scope::Excluded => trace.excluded += 1,
        }
    }
    let core_len = norm.roles()[r].core.len();
    if core_len > 0 {
        trace.coverage = trace.core as f32 / core_len as f32;
    }
    Some(trace)
}

/// The trace as text.
pub(crate) fn trace(norm: &Norm, analysis: &Analysis, language: Language) -> String {
    let w = Words(language);
    let s = norm.scoring();
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} core +{:.1}, optional +{:.1}, excluded −{:.1} {}; coverage ×{:.1}; {} +{:.1}",
        w.t("Weights:", "Gewichte:"),
        s.core_weight,
        s.optional_weight,
        s.excluded_weight,
        w.t("per task", "je Aufgabe"),
        s.coverage_weight,
        w.t("title", "Titel"),
        s.title_bonus
    );
    let shares = shares(analysis);
    for score in &analysis.roles {
        let share = shares.iter().find(|(r, _)| *r == score.role).map_or(0.0, |(_, v)| *v);
        let _ = writeln!(
            out,
            "\n{} — {} {:.2} ({share:.0} %)",
            role_name(norm, &score.role, language),
            w.t("score", "Punkte"),
            score.score
        );
        let Some(t) = role_trace(norm, analysis, &score.role) else { continue };
        let line = |out: &mut String, label: &str, count: usize, weight: f32, sign: &str| {
            let _ = writeln!(out, "  {label:<22}{count:>3} × {weight:.1} = {sign}{:.2}", count as f32 * weight);
        };
        line(&mut out, w.t("core tasks", "Kernaufgaben"), t.core, s.core_weight, "+");
        line(&mut out, w.t("optional tasks", "optionale Aufgaben"), t.optional, s.optional_weight, "+");
        line(&mut out, w.t("excluded tasks", "ausgeschlossene Aufgaben"), t.excluded, s.excluded_weight, "−");
        let _ = writeln!(
            out,
            "  {:<22}{:>3.0} % × {:.1} = +{:.2}",
            w.t("coverage of core", "Abdeckung des Kerns"),
            t.coverage * 100.0,
            s.coverage_weight,
            t.coverage * s.coverage_weight
        );
        if t.title {
            let _ = writeln!(
                out,
                "  {:<22}{}",
                w.t("title bonus", "Titelbonus"),
                w.t("yes (the title names this role)", "ja (der Titel nennt diese Rolle)")
            );
        }
    }
    let _ = writeln!(out, "\n{}", w.t(
        "Task parts count each task once; the score weights each by its evidence (section, cap).",
        "Die Aufgabenteile zählen jede Aufgabe einmal; die Punkte gewichten jede nach ihren Belegen (Abschnitt, Obergrenze).",
    ));
    out
}
