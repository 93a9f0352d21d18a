//! `rolenorm eval`: the analyzer's quality on labelled ads.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result};
use rayon::prelude::*;
use rolenorm_analyze::eval::{GoldAd, evaluate, evaluate_folds, render, render_folds};
use rolenorm_analyze::{Analysis, Analyzer};

use crate::{NormArgs, load_analyzer};

/// Arguments of `rolenorm eval`.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// Labelled ads, JSONL (the format of shared/eval/).
    #[arg(required = true)]
    gold: Vec<PathBuf>,
    /// Print the measures as JSON.
    #[arg(long)]
    json: bool,
    /// Split each file into K folds stratified by role and language and report every measure
    /// per fold, the mean of the tuning folds and the held-out fold.
    #[arg(long, value_name = "K", value_parser = clap::value_parser!(u32).range(2..=50))]
    folds: Option<u32>,
    /// Seed of the fold split.
    #[arg(long, value_name = "S", default_value_t = 20261201, requires = "folds")]
    seed: u64,
    /// The held-out fold, 1-based (default: the last).
    #[arg(long, value_name = "N", requires = "folds")]
    held_out: Option<u32>,
    #[command(flatten)]
    norm: NormArgs,
}

/// Reads labelled ads from a JSONL file, naming the file and line of any bad record.
pub(crate) fn read_gold(path: &std::path::Path) -> Result<Vec<GoldAd>> {
    let text = std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    text.lines()
        .enumerate()
        .filter(|(_, line)| !line.trim().is_empty())
        .map(|(i, line)| {
            serde_json::from_str(line).with_context(|| format!("{}:{}: not a labelled ad", path.display(), i + 1))
        })
        .collect::<Result<Vec<GoldAd>>>()
        .and_then(|gold| {
            if gold.is_empty() {
                anyhow::bail!("{} holds no labelled ads", path.display());
            }
            Ok(gold)
        })
}

/// Analyses labelled ads as their input fields say (title, text, language).
pub(crate) fn analyze_gold(analyzer: &Analyzer, gold: &[GoldAd]) -> Result<Vec<Analysis>> {
    gold.par_iter()
        .map(|ad| ad.analyze(analyzer).with_context(|| format!("cannot analyse labelled ad {}", ad.id)))
        .collect()
}

pub(crate) fn run(args: Args) -> Result<ExitCode> {
    if let Some(k) = args.folds {
        return run_folds(&args, k);
    }
    let analyzer = load_analyzer(args.norm.norm.as_deref())?;
    let mut reports = Vec::new();
    for path in &args.gold {
        let gold = read_gold(path)?;
        let analyses = analyze_gold(&analyzer, &gold)?;
        reports.push((path.display().to_string(), evaluate(analyzer.norm(), &gold, &analyses)));
    }
    print_reports(&reports, args.json, render)
}

/// `rolenorm eval --folds K`: the measures fold by fold, per file.
fn run_folds(args: &Args, k: u32) -> Result<ExitCode> {
    let held_out = args.held_out.unwrap_or(k);
    if held_out == 0 || held_out > k {
        anyhow::bail!("--held-out {held_out}: there are folds 1 to {k}");
    }
    let analyzer = load_analyzer(args.norm.norm.as_deref())?;
    let mut reports = Vec::new();
    for path in &args.gold {
        let gold = read_gold(path)?;
        let analyses = analyze_gold(&analyzer, &gold)?;
        let report = evaluate_folds(analyzer.norm(), &gold, &analyses, k as usize, args.seed, held_out as usize);
        reports.push((path.display().to_string(), report));
    }
    print_reports(&reports, args.json, render_folds)
}

/// Prints the reports per file: one JSON object keyed by file name, or each rendered for a terminal.
fn print_reports<T: serde::Serialize>(
    reports: &[(String, T)],
    json: bool,
    render: fn(&T, &str) -> String,
) -> Result<ExitCode> {
    let mut out = std::io::stdout().lock();
    if json {
        let object: serde_json::Map<String, serde_json::Value> = reports
            .iter()
            .map(|(name, report)| Ok((name.clone(), serde_json::to_value(report)?)))
            .collect::<Result<_>>()?;
        serde_json::to_writer_pretty(&mut out, &object)?;
        writeln!(out)?;
    } else {
        for (name, report) in reports {
            writeln!(out, "{}", render(report, name))?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
