//! `rolenorm assess`: a self-assessment (JSON) or a CV / profile text in, an assessment out.

use std::io::{Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result};
use rolenorm_assess::{Input, assess, render_text};

use crate::{LangArg, NormArgs, load_analyzer};

/// Arguments of `rolenorm assess`.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// A self-assessment (JSON with `tasks`) or a CV / profile text; `-` for standard input.
    #[arg(default_value = "-")]
    input: PathBuf,
    /// Print the assessment as JSON instead of a report.
    #[arg(long)]
    json: bool,
    /// The language of the gaps and the report (default: the input's).
    #[arg(long, value_enum)]
    lang: Option<LangArg>,
    #[command(flatten)]
    norm: NormArgs,
}

pub(crate) fn run(args: Args) -> Result<ExitCode> {
    let analyzer = load_analyzer(args.norm.norm.as_deref())?;
    let stdin = args.input.as_os_str() == "-";
    let name = if stdin { "standard input".to_owned() } else { args.input.display().to_string() };
    let mut text = String::new();
    if stdin {
        std::io::stdin().read_to_string(&mut text).context("cannot read standard input as UTF-8 text")?;
    } else {
        text = std::fs::read_to_string(&args.input).with_context(|| format!("cannot read {name} as UTF-8 text"))?;
    }
    let input = Input::detect(&text).with_context(|| format!("cannot read {name}"))?;
    let assessment =
        assess(&analyzer, &input, args.lang.map(Into::into)).with_context(|| format!("cannot assess {name}"))?;
    let mut out = std::io::stdout().lock();
    if args.json {
        serde_json::to_writer_pretty(&mut out, &assessment)?;
        writeln!(out)?;
    } else {
        out.write_all(render_text(&assessment).as_bytes())?;
    }
    Ok(ExitCode::SUCCESS)
}
