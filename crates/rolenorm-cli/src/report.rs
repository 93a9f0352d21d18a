//! `rolenorm report` and `rolenorm norm evidence`: market reports over `rolenorm batch` output.
//!
//! Both read JSONL analyses line by line (bounded memory), skip and count the batch's error
//! lines, name every unreadable line on standard error and go on. Input ads instead of analyses
//! are refused with a hint to run `rolenorm batch` first.

use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

use anyhow::{Context, Result, bail};
use rolenorm_analyze::{Analyzer, Scratch};
use rolenorm_norm::Norm;
use rolenorm_report::{AdMeta, Aggregates, Evidence, Line, ReportError, parse_line, render_html};

use crate::{LangArg, NormArgs, load_norm};

/// How many unreadable lines are named one by one on standard error.
const MAX_LINE_MESSAGES: usize = 20;

/// Arguments of `rolenorm report`.
#[derive(Debug, clap::Args)]
pub(crate) struct ReportArgs {
    /// JSONL analyses written by `rolenorm batch` (`-` for standard input).
    analyses: PathBuf,
    /// The HTML report to write (`-` for standard output).
    #[arg(short, long, value_name = "FILE", default_value = "report.html")]
    output: PathBuf,
    /// Also write the aggregates as JSON to FILE.
    #[arg(long, value_name = "FILE")]
    json: Option<PathBuf>,
    /// Also write the main tables as one CSV (a `table` column names the table) to FILE.
    #[arg(long, value_name = "FILE")]
    csv: Option<PathBuf>,
    /// Language of the report.
    #[arg(long, value_enum, default_value = "en")]
    lang: LangArg,
    #[command(flatten)]
    norm: NormArgs,
}

/// Arguments of `rolenorm norm evidence`.
#[derive(Debug, clap::Args)]
pub(crate) struct EvidenceArgs {
    /// JSONL analyses written by `rolenorm batch` (`-` for standard input).
    analyses: PathBuf,
    /// Print the evidence as JSON.
    #[arg(long)]
    json: bool,
    /// Report excluded tasks demanded by at least this share of a role's ads, and core tasks
    /// demanded by fewer (0–1).
    #[arg(long, value_name = "SHARE", default_value_t = 0.2, value_parser = parse_share)]
    min_share: f64,
    /// Language of the text output.
    #[arg(long, value_enum, default_value = "en")]
    lang: LangArg,
    #[command(flatten)]
    norm: NormArgs,
}

/// What reading the analyses found besides the aggregates.
#[derive(Debug, Default)]
struct ReadStats {
    /// Lines that were neither analyses, error lines nor blank.
    bad_lines: usize,
}

/// Runs `rolenorm report`.
pub(crate) fn run_report(args: ReportArgs) -> Result<ExitCode> {
    let norm = load_norm(args.norm.norm.as_deref())?;
    let (aggregates, stats) = read_aggregates(&args.analyses, &norm)?;
    let html = render_html(&aggregates, &norm, args.lang.into());
    write_output(&args.output, &html)?;
    if let Some(path) = &args.json {
        write_output(path, &aggregates.to_json()?)?;
    }
    if let Some(path) = &args.csv {
        write_output(path, &aggregates.to_csv())?;
    }
    eprintln!(
        "rolenorm: report on {} analyses ({} error lines skipped, {} unreadable lines) written to {}",
        aggregates.ads,
        aggregates.errors,
        stats.bad_lines,
        args.output.display()
    );
    Ok(exit_code(&stats))
}

/// Runs `rolenorm norm evidence`.
pub(crate) fn run_evidence(args: EvidenceArgs) -> Result<ExitCode> {
    let norm = load_norm(args.norm.norm.as_deref())?;
    let (aggregates, stats) = read_aggregates(&args.analyses, &norm)?;
    let evidence = Evidence::from_aggregates(&aggregates, &norm, args.min_share);
    let text = if args.json { evidence.to_json()? } else { evidence.to_text(&norm, args.lang.into()) };
    std::io::stdout().lock().write_all(text.as_bytes())?;
    Ok(exit_code(&stats))
}

/// 1 when some lines could not be read (the work ran but found problems), else 0.
fn exit_code(stats: &ReadStats) -> ExitCode {
    if stats.bad_lines > 0 { ExitCode::from(1) } else { ExitCode::SUCCESS }
}

/// Reads analyses from `path` (`-` = stdin) into aggregates, line by line.
fn read_aggregates(path: &Path, norm: &Norm) -> Result<(Aggregates, ReadStats)> {
    let name = display_name(path);
    let reader = open_input(path)?;
    let mut aggregates = Aggregates::new(norm);
    let mut stats = ReadStats::default();
    let mut norm_checked = false;
    let mut corpus: Option<(Analyzer, Scratch)> = None;
    for_each_line(reader, &name, |number, line| {
        let line_text = match line {
            Ok(text) => text,
            Err(error) => {
                skip_line(&mut stats, &name, number, &format!("not UTF-8 ({error})"));
                return Ok(());
            }
        };
        let parsed = match line {
            Ok(text) => parse_line(text),
            Err(error) => {
                skip_line(&mut stats, &name, number, &format!("not UTF-8 ({error})"));
                return Ok(());
            }
        };
        match parsed {
            Ok(Line::Analysis(analysis, meta)) => {
                if !norm_checked {
                    warn_on_norm_mismatch(&analysis.norm, norm, &name);
                    norm_checked = true;
                }
                aggregates.add_with(&analysis, &meta);
            }
            Ok(Line::Error) => aggregates.add_error(),
            Ok(Line::Blank) => {}
            // Straight from a corpus: an ad line is analysed on the spot.
            Err(ReportError::NotAnAnalysis) => {
                if corpus.is_none() {
                    eprintln!(
                        "rolenorm: {name} holds job ads, not analyses: analysing them first (save time next run with `rolenorm batch`)"
                    );
                    corpus = Some((Analyzer::new(Arc::new(norm.clone()))?, Scratch::default()));
                }
                if let Some((analyzer, scratch)) = corpus.as_mut() {
                    match crate::batch::analyze_json_line(analyzer, scratch, line_text.as_bytes()) {
                        Ok(analysis) => {
                            let meta = AdMeta { source: analysis.source.clone(), date: analysis.date.clone() };
                            aggregates.add_with(&analysis, &meta);
                        }
                        Err(problem) => {
                            aggregates.add_error();
                            skip_line(&mut stats, &name, number, &problem);
                        }
                    }
                }
            }
            Err(error) => skip_line(&mut stats, &name, number, &error.to_string()),
        }
        Ok(())
    })?;
    if stats.bad_lines > MAX_LINE_MESSAGES {
        eprintln!("rolenorm: {name}: {} unreadable lines skipped in all", stats.bad_lines);
    }
    if aggregates.ads == 0 {
        bail!("{name} holds no analyses ({} error lines, {} unreadable lines)", aggregates.errors, stats.bad_lines);
    }
    Ok((aggregates, stats))
}

/// Counts an unreadable line and names it on standard error (the first few).
fn skip_line(stats: &mut ReadStats, name: &str, number: usize, problem: &str) {
    stats.bad_lines += 1;
    if stats.bad_lines <= MAX_LINE_MESSAGES {
        eprintln!("rolenorm: {name}:{number}: skipped: {problem}");
    }
}

/// Calls `f` with the 1-based number and text of every line; a line that is not UTF-8 is passed
/// as an error. I/O errors stop the reading.
fn for_each_line(
    mut reader: Box<dyn BufRead>,
    name: &str,
    mut f: impl FnMut(usize, Result<&str, std::str::Utf8Error>) -> Result<()>,
) -> Result<()> {
    let mut buffer = Vec::new();
    let mut number = 0;
    loop {
        buffer.clear();
        let read = reader.read_until(b'\n', &mut buffer).with_context(|| format!("cannot read {name}"))?;
        if read == 0 {
            return Ok(());
        }
        number += 1;
        f(number, std::str::from_utf8(&buffer))?;
    }
}

/// Warns once when the analyses were made with another norm than the one used for names.
fn warn_on_norm_mismatch(used: &rolenorm_analyze::NormRef, norm: &Norm, name: &str) {
    if used.id != norm.identity().id || used.version != norm.identity().version.to_string() {
        eprintln!(
            "rolenorm: warning: {name} was analysed with norm {}@{}, the report uses {} (pass --norm DIR)",
            used.id,
            used.version,
            norm.label()
        );
    }
}

/// The input as a buffered reader; `-` is standard input.
fn open_input(path: &Path) -> Result<Box<dyn BufRead>> {
    if path.as_os_str() == "-" {
        return Ok(Box::new(BufReader::new(std::io::stdin())));
    }
    let file = std::fs::File::open(path).with_context(|| format!("cannot open {}", path.display()))?;
    let reader: Box<dyn Read> = Box::new(file);
    Ok(Box::new(BufReader::with_capacity(1 << 16, reader)))
}

/// Writes `text` to `path`; `-` is standard output.
fn write_output(path: &Path, text: &str) -> Result<()> {
    if path.as_os_str() == "-" {
        std::io::stdout().lock().write_all(text.as_bytes())?;
        return Ok(());
    }
    std::fs::write(path, text).with_context(|| format!("cannot write {}", path.display()))
}

/// How the input is named in messages.
fn display_name(path: &Path) -> String {
    if path.as_os_str() == "-" { "<stdin>".to_owned() } else { path.display().to_string() }
}

/// A share between 0 and 1.
fn parse_share(text: &str) -> std::result::Result<f64, String> {
    let value: f64 = text.parse().map_err(|_| format!("{text} is not a number"))?;
    if (0.0..=1.0).contains(&value) { Ok(value) } else { Err(format!("{text} is not between 0 and 1")) }
}
