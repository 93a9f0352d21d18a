//! `rolenorm analyze`: one ad in, a report out.

use std::io::{Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result};
use rolenorm_analyze::{Ad, Format};

use crate::{LangArg, NormArgs, load_analyzer, terminal};

/// Arguments of `rolenorm analyze`.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// The ad: a file, or `-` for standard input.
    #[arg(default_value = "-")]
    input: PathBuf,
    /// The ad's title, if the file does not state it.
    #[arg(long)]
    title: Option<String>,
    /// Print the analysis as JSON instead of a report.
    #[arg(long)]
    json: bool,
    /// The ad's language (default: detected); the report and findings are written in it.
    #[arg(long, value_enum)]
    lang: Option<LangArg>,
    /// The input's format (default: detected).
    #[arg(long, value_enum)]
    format: Option<FormatArg>,
    /// The input's character encoding when it is not UTF-8 (e.g. windows-1252).
    #[arg(long)]
    encoding: Option<String>,
    /// The ad's id, echoed in the output.
    #[arg(long)]
    id: Option<String>,
    #[command(flatten)]
    norm: NormArgs,
}

/// Input formats.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub(crate) enum FormatArg {
    Text,
    Html,
    JsonLd,
}

pub(crate) fn run(args: Args) -> Result<ExitCode> {
    let analyzer = load_analyzer(args.norm.norm.as_deref())?;
    let name =
        if args.input.as_os_str() == "-" { "standard input".to_owned() } else { args.input.display().to_string() };
    let bytes = if args.input.as_os_str() == "-" {
        let mut bytes = Vec::new();
        std::io::stdin().read_to_end(&mut bytes).context("cannot read standard input")?;
        bytes
    } else {
        std::fs::read(&args.input).with_context(|| format!("cannot read {name}"))?
    };
    let format = args.format.map(|f| match f {
        FormatArg::Text => Format::Text,
        FormatArg::Html => Format::Html,
        FormatArg::JsonLd => Format::JsonLd,
    });
    let ad = Ad {
        id: args.id.as_deref(),
        title: args.title.as_deref(),
        content: "",
        format,
        language: args.lang.map(Into::into),
    };
    let analysis = analyzer
        .analyze_bytes(ad, &bytes, args.encoding.as_deref())
        .with_context(|| format!("cannot analyse {name}"))?;
    let mut out = std::io::stdout().lock();
    if args.json {
        serde_json::to_writer_pretty(&mut out, &analysis)?;
        writeln!(out)?;
    } else {
        out.write_all(terminal::report(analyzer.norm(), &analysis).as_bytes())?;
    }
    Ok(ExitCode::SUCCESS)
}
