//! `rolenorm eval`: the analyzer's quality on labelled ads.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result};
use rayon::prelude::*;
use rolenorm_analyze::eval::{GoldAd, evaluate, render};
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
        .collect()
}

/// Analyses labelled ads as their input fields say (title, text, language).
pub(crate) fn analyze_gold(analyzer: &Analyzer, gold: &[GoldAd]) -> Result<Vec<Analysis>> {
    gold.par_iter()
        .map(|ad| ad.analyze(analyzer).with_context(|| format!("cannot analyse labelled ad {}", ad.id)))
        .collect()
}

pub(crate) fn run(args: Args) -> Result<ExitCode> {
    let analyzer = load_analyzer(args.norm.norm.as_deref())?;
    let mut reports = Vec::new();
    for path in &args.gold {
        let gold = read_gold(path)?;
        let analyses = analyze_gold(&analyzer, &gold)?;
        reports.push((path.display().to_string(), evaluate(analyzer.norm(), &gold, &analyses)));
    }
    let mut out = std::io::stdout().lock();
    if args.json {
        let object: serde_json::Map<String, serde_json::Value> = reports
            .iter()
            .map(|(name, report)| Ok((name.clone(), serde_json::to_value(report)?)))
            .collect::<Result<_>>()?;
        serde_json::to_writer_pretty(&mut out, &object)?;
        writeln!(out)?;
    } else {
        for (name, report) in &reports {
            writeln!(out, "{}", render(report, name))?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
