//! `rolenorm compare A B`: two ads side by side — their roles, and the tasks one demands and
//! the other does not.

use std::fmt::Write as _;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result};
use rolenorm_analyze::{Ad, Analysis, Analyzer};
use rolenorm_norm::Norm;
use rolenorm_text::Language;

use crate::terminal::{Words, role_name, shares, task_name};
use crate::{LangArg, NormArgs, load_analyzer};

/// Arguments of `rolenorm compare`.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// The first ad (text, HTML or JSON-LD).
    a: PathBuf,
    /// The second ad.
    b: PathBuf,
    /// The reader's language (default: the first ad's).
    #[arg(long, value_enum)]
    lang: Option<LangArg>,
    #[command(flatten)]
    norm: NormArgs,
}

/// Analyses both ads and prints the comparison.
pub(crate) fn run(args: Args) -> Result<ExitCode> {
    let analyzer = load_analyzer(args.norm.norm.as_deref())?;
    let a = analyse(&analyzer, &args.a)?;
    let b = analyse(&analyzer, &args.b)?;
    let language = args.lang.map_or(a.language, Into::into);
    let text = render(analyzer.norm(), [(&args.a, &a), (&args.b, &b)], language);
    std::io::stdout().lock().write_all(text.as_bytes())?;
    Ok(ExitCode::SUCCESS)
}

fn analyse(analyzer: &Analyzer, path: &Path) -> Result<Analysis> {
    let bytes = std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
    let ad = Ad { content: "", ..Ad::default() };
    analyzer.analyze_bytes(ad, &bytes, None).with_context(|| format!("cannot analyse {}", path.display()))
}

/// The comparison as text: one column per ad, then the tasks of one only and of both.
pub(crate) fn render(norm: &Norm, ads: [(&Path, &Analysis); 2], language: Language) -> String {
    let w = Words(language);
    let mut out = String::new();
    let [(pa, a), (pb, b)] = ads;
    let row = |out: &mut String, label: &str, x: String, y: String| {
        let _ = writeln!(out, "{label:<14}{:<40} {y}", truncate(&x, 39));
    };
    row(&mut out, "", file_name(pa), file_name(pb));
    row(&mut out, w.t("Title:", "Titel:"), a.title.clone().unwrap_or_default(), b.title.clone().unwrap_or_default());
    let role = |x: &Analysis| {
        let share = shares(x).into_iter().find(|(r, _)| *r == x.role).map_or(0.0, |(_, s)| s);
        format!("{} ({share:.0} %)", role_name(norm, &x.role, language))
    };
    row(&mut out, w.t("Role:", "Rolle:"), role(a), role(b));
    let title_role = |x: &Analysis| role_name(norm, &x.title_role, language);
    row(&mut out, w.t("Title names:", "Titel nennt:"), title_role(a), title_role(b));
    let level = |x: &Analysis| {
        norm.levels().iter().find(|l| l.id == x.level).map_or(x.level.clone(), |l| l.name.get(language).to_owned())
    };
    row(&mut out, w.t("Level:", "Stufe:"), level(a), level(b));
    let jack = |x: &Analysis| if x.jack_of_all_trades { w.t("YES", "JA") } else { w.t("no", "nein") }.to_owned();
    row(&mut out, w.t("Jack of all:", "Wollmilchsau:"), jack(a), jack(b));
    let ids = |x: &Analysis| x.tasks.iter().map(|t| t.id.clone()).collect::<Vec<_>>();
    let (ta, tb) = (ids(a), ids(b));
    let sections = [
        (
            w.t("Only in the first ad", "Nur in der ersten Anzeige"),
            ta.iter().filter(|t| !tb.contains(t)).collect::<Vec<_>>(),
        ),
        (w.t("Only in the second ad", "Nur in der zweiten Anzeige"), tb.iter().filter(|t| !ta.contains(t)).collect()),
        (w.t("In both", "In beiden"), ta.iter().filter(|t| tb.contains(t)).collect()),
    ];
    for (heading, tasks) in sections {
        let _ = writeln!(out, "\n{heading} ({}):", tasks.len());
        for task in tasks {
            let _ = writeln!(out, "  • {}", task_name(norm, task, language));
        }
    }
    out
}

fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned())
}

fn truncate(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_owned();
    }
    let mut cut: String = text.chars().take(max - 1).collect();
    cut.push('…');
    cut
}
