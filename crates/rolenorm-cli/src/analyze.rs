//! `rolenorm analyze`: ads in (one file each, or standard input), a report per ad out.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result};
use rolenorm_analyze::{Ad, Analyzer, Format};

use crate::color::{Style, paint};
use crate::{LangArg, NormArgs, explain, load_analyzer, terminal};

/// Arguments of `rolenorm analyze`.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// The ads: one file each, or `-` for standard input. With several files and `--json`, one
    /// analysis per line (JSON Lines).
    #[arg(default_value = "-")]
    inputs: Vec<PathBuf>,
    /// The ad's title, if the file does not state it.
    #[arg(long)]
    title: Option<String>,
    /// Print the analysis as JSON instead of a report.
    #[arg(long)]
    json: bool,
    /// The reader's language of the report and its findings (default: the ad's).
    #[arg(long, value_enum)]
    lang: Option<LangArg>,
    /// The ad's language, when detection should not decide it.
    #[arg(long, value_enum, value_name = "LANG")]
    ad_lang: Option<LangArg>,
    /// Also print the scoring trace (as `rolenorm explain` does) after the report.
    #[arg(long, conflicts_with = "json")]
    explain: bool,
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
    if args.inputs.len() > 1 && args.id.is_some() {
        anyhow::bail!("--id names one ad; give one file, or leave --id out (each analysis then has its file's id)");
    }
    let analyzer = load_analyzer(args.norm.norm.as_deref())?;
    if let [input] = args.inputs.as_slice() {
        analyze_one(&analyzer, &args, input, false)?;
        return Ok(ExitCode::SUCCESS);
    }
    let mut failed = 0;
    for input in &args.inputs {
        if let Err(error) = analyze_one(&analyzer, &args, input, true) {
            if crate::is_broken_pipe(&error) {
                return Err(error);
            }
            eprintln!("rolenorm: error: {error:#}");
            failed += 1;
        }
    }
    Ok(match failed {
        0 => ExitCode::SUCCESS,
        n if n == args.inputs.len() => ExitCode::from(2),
        _ => ExitCode::from(1),
    })
}

/// Analyses one input and prints its report (or JSON: pretty for one ad, one line each for several).
fn analyze_one(analyzer: &Analyzer, args: &Args, input: &Path, several: bool) -> Result<()> {
    let name = if input.as_os_str() == "-" { "standard input".to_owned() } else { input.display().to_string() };
    let bytes = if input.as_os_str() == "-" {
        let mut bytes = Vec::new();
        std::io::stdin().read_to_end(&mut bytes).context("cannot read standard input")?;
        bytes
    } else {
        std::fs::read(input).with_context(|| format!("cannot read {name}"))?
    };
    let format = args.format.map(|f| match f {
        FormatArg::Text => Format::Text,
        FormatArg::Html => Format::Html,
        FormatArg::JsonLd => Format::JsonLd,
    });
    let file_id = several.then(|| input.file_name().map(|n| n.to_string_lossy().into_owned())).flatten();
    let ad = Ad {
        id: args.id.as_deref().or(file_id.as_deref()),
        title: args.title.as_deref(),
        content: "",
        format,
        language: args.ad_lang.map(Into::into),
        company: None,
        findings_language: args.lang.map(Into::into),
    };
    let analysis = analyzer
        .analyze_bytes(ad, &bytes, args.encoding.as_deref())
        .with_context(|| format!("cannot analyse {name}"))?;
    let mut out = std::io::stdout().lock();
    match (args.json, several) {
        (true, false) => {
            serde_json::to_writer_pretty(&mut out, &analysis)?;
            writeln!(out)?;
        }
        (true, true) => {
            serde_json::to_writer(&mut out, &analysis)?;
            writeln!(out)?;
        }
        (false, _) => {
            if several {
                writeln!(out, "── {name} ──")?;
            }
            let reader = args.lang.map_or(analysis.language, Into::into);
            out.write_all(terminal::report_in(analyzer.norm(), &analysis, reader).as_bytes())?;
            if args.explain {
                let heading = terminal::Words(reader).t("Scoring trace", "Bewertung im Einzelnen");
                writeln!(out, "\n{}\n", paint(heading, Style::Bold))?;
                out.write_all(explain::trace(analyzer.norm(), &analysis, reader).as_bytes())?;
            }
        }
    }
    Ok(())
}
