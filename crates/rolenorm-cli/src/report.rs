//! `rolenorm report` and `rolenorm norm evidence`: market reports over `rolenorm batch` output.
//!
//! Both read JSONL analyses line by line (bounded memory), skip and count the batch's error
//! lines, name every unreadable line on standard error and go on. Input ads instead of analyses
//! are refused with a hint to run `rolenorm batch` first.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

use anyhow::{Context, Result, bail};
use rolenorm_analyze::Analyzer;
use rolenorm_corpus::{Analyzed, CHUNK_RECORDS, Columns, Engine, Input, RawKind, RawRecord};
use rolenorm_norm::Norm;
use rolenorm_report::{
    AdMeta, Aggregates, Evidence, Line, ReportError, ReportOptions, RoleSet, RunFacts, parse_line, render_report,
};

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
    /// The roles the report leads with: the social-media family, the adjacent roles, or all
    /// normed roles (both families); the ads of every other role are one number each.
    #[arg(long, value_enum, default_value = "all")]
    roles: RolesArg,
    #[command(flatten)]
    norm: NormArgs,
}

/// The values of `--roles`.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
enum RolesArg {
    /// The social-media family.
    Social,
    /// The adjacent roles (marketing, PR, design).
    Adjacent,
    /// Both families.
    All,
}

impl From<RolesArg> for RoleSet {
    fn from(value: RolesArg) -> Self {
        match value {
            RolesArg::Social => RoleSet::Social,
            RolesArg::Adjacent => RoleSet::Adjacent,
            RolesArg::All => RoleSet::All,
        }
    }
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
    let facts = RunFacts {
        inputs: vec![args.analyses.display().to_string()],
        date: Some(crate::shell::today()),
        version: Some(env!("CARGO_PKG_VERSION").to_owned()),
    };
    let options = ReportOptions { language: args.lang.into(), roles: args.roles.into(), facts };
    let html = render_report(&aggregates, &norm, &options);
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

/// Reads `path` (`-` = stdin) into aggregates, a chunk of records at a time, with the corpus
/// reader `rolenorm batch` uses: JSONL analyses are counted as they are; ads (JSONL, CSV,
/// Parquet, a folder, compressed or not) are analysed on the spot.
fn read_aggregates(path: &Path, norm: &Norm) -> Result<(Aggregates, ReadStats)> {
    let mut input = Input::open(path, None, &Columns::parse(None)?)?;
    let name = input.name().to_owned();
    let mut reading = Reading::new(&name, norm);
    let mut chunk = Vec::new();
    loop {
        let read = input.next_chunk(CHUNK_RECORDS, &mut chunk);
        // `chunk` drains the records: whether the input ended must be known before.
        let ended = chunk.is_empty();
        reading.chunk(&mut chunk)?;
        read?;
        if ended {
            break;
        }
    }
    let (aggregates, stats) = (reading.aggregates, reading.stats);
    if stats.bad_lines > MAX_LINE_MESSAGES {
        eprintln!("rolenorm: {name}: {} unreadable lines skipped in all", stats.bad_lines);
    }
    if aggregates.ads == 0 {
        bail!("{name} holds no analyses ({} error lines, {} unreadable lines)", aggregates.errors, stats.bad_lines);
    }
    Ok((aggregates, stats))
}

/// The state of reading one input into aggregates.
struct Reading<'a> {
    name: &'a str,
    norm: &'a Norm,
    aggregates: Aggregates,
    stats: ReadStats,
    norm_checked: bool,
    /// The engine, once the input turned out to hold ads rather than analyses.
    engine: Option<Engine>,
}

impl<'a> Reading<'a> {
    fn new(name: &'a str, norm: &'a Norm) -> Self {
        Reading {
            name,
            norm,
            aggregates: Aggregates::new(norm),
            stats: ReadStats::default(),
            norm_checked: false,
            engine: None,
        }
    }

    /// Counts the analyses of a chunk and analyses its ads (on all cores).
    fn chunk(&mut self, chunk: &mut Vec<RawRecord>) -> Result<()> {
        let mut ads = Vec::new();
        for record in chunk.drain(..) {
            let RawKind::Json(line) = &record.kind else {
                ads.push(record);
                continue;
            };
            match std::str::from_utf8(line).map(parse_line) {
                Err(error) => skip_line(&mut self.stats, self.name, record.number, &format!("not UTF-8 ({error})")),
                Ok(Ok(Line::Analysis(analysis, meta))) => {
                    if !self.norm_checked {
                        warn_on_norm_mismatch(&analysis.norm, self.norm, self.name);
                        self.norm_checked = true;
                    }
                    self.aggregates.add_with(&analysis, &meta);
                }
                Ok(Ok(Line::Error)) => self.aggregates.add_error(),
                Ok(Ok(Line::Blank)) => {}
                Ok(Err(ReportError::NotAnAnalysis)) => ads.push(record),
                Ok(Err(error)) => skip_line(&mut self.stats, self.name, record.number, &error.to_string()),
            }
        }
        if ads.is_empty() {
            return Ok(());
        }
        let outcomes = self.engine()?.analyze_records(&mut ads);
        for outcome in outcomes {
            match outcome.result {
                Ok(Analyzed { analysis: Some(analysis), .. }) => {
                    let meta = AdMeta { source: analysis.source.clone(), date: analysis.date.clone() };
                    self.aggregates.add_with(&analysis, &meta);
                }
                // This engine keeps every analysis (it is not made `json_only`).
                Ok(Analyzed { analysis: None, .. }) => {}
                Err(failed) => {
                    self.aggregates.add_error();
                    skip_line(&mut self.stats, self.name, outcome.number, &failed.message);
                }
            }
        }
        Ok(())
    }

    /// The engine for ads, started (and announced) on the first ad.
    fn engine(&mut self) -> Result<&Engine> {
        if self.engine.is_none() {
            eprintln!(
                "rolenorm: {} holds job ads, not analyses: analysing them first (save time next run with `rolenorm batch`)",
                self.name
            );
            let analyzer = Analyzer::new(Arc::new(self.norm.clone()))?;
            self.engine = Some(Engine::new(Arc::new(analyzer), None)?);
        }
        self.engine.as_ref().context("the engine is running")
    }
}

/// Counts an unreadable line and names it on standard error (the first few).
fn skip_line(stats: &mut ReadStats, name: &str, number: usize, problem: &str) {
    stats.bad_lines += 1;
    if stats.bad_lines <= MAX_LINE_MESSAGES {
        eprintln!("rolenorm: {name}:{number}: skipped: {problem}");
    }
}

/// Warns once when the analyses were made with another norm than the one used for names.
fn warn_on_norm_mismatch(used: &rolenorm_wire::NormRef, norm: &Norm, name: &str) {
    if used.id != norm.identity().id || used.version != norm.identity().version.to_string() {
        eprintln!(
            "rolenorm: warning: {name} was analysed with norm {}@{}, the report uses {} (pass --norm DIR)",
            used.id,
            used.version,
            norm.label()
        );
    }
}

/// Writes `text` to `path`; `-` is standard output.
fn write_output(path: &Path, text: &str) -> Result<()> {
    if path.as_os_str() == "-" {
        std::io::stdout().lock().write_all(text.as_bytes())?;
        return Ok(());
    }
    std::fs::write(path, text).with_context(|| format!("cannot write {}", path.display()))
}

/// A share between 0 and 1.
fn parse_share(text: &str) -> std::result::Result<f64, String> {
    let value: f64 = text.parse().map_err(|_| format!("{text} is not a number"))?;
    if (0.0..=1.0).contains(&value) { Ok(value) } else { Err(format!("{text} is not between 0 and 1")) }
}
