//! `rolenorm`: apply the social-media role norm to job ads from the command line.
//!
//! Exit codes: 0 success; 1 the work ran but found problems (a batch line failed, `norm check`
//! found problems); 2 the command could not run (bad arguments, unreadable input or norm).

mod admin;
mod analyze;
mod assess;
mod batch;
mod color;
mod compare;
mod credential;
mod eval;
mod explain;
mod norm;
mod norm_diff;
mod norm_pull;
mod report;
mod schema;
mod serve;
mod shell;
mod terminal;

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use anyhow::{Context, Result};
use clap::{Parser, Subcommand, ValueEnum};
use rolenorm_analyze::Analyzer;
use rolenorm_norm::{Norm, PACK_FILES};
use rolenorm_text::Language;

/// The global allocator is mimalloc: an analysis allocates a few dozen small strings and vectors
/// (evidence quotes, findings, the JSON line), and on the corpus path glibc's malloc and free
/// cost about a tenth of all instructions; mimalloc's per-thread free lists cost about half of
/// that and do not contend between the worker threads (see docs/benchmarks.md). `no_thp`: without
/// transparent huge pages its segments stay small, so peak RSS stays near 28 MB instead of 50 MB.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Apply the social-media role norm to job ads.
#[derive(Debug, Parser)]
#[command(name = "rolenorm", version, about, long_about = None)]
struct Cli {
    /// When to colour the output: auto (a terminal, unless NO_COLOR is set), always, never.
    #[arg(long, value_enum, global = true, default_value = "auto")]
    color: color::ColorArg,
    #[command(subcommand)]
    command: Command,
}

/// Where the norm comes from.
#[derive(Debug, clap::Args)]
struct NormArgs {
    /// A norm pack folder to use instead of the built-in norm.
    #[arg(long, value_name = "DIR", global = true)]
    norm: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Administer a server's data folder: community accounts and their roles.
    #[command(subcommand)]
    Admin(admin::Command),
    /// Analyse one job ad (text, HTML or JSON-LD) and print a report.
    Analyze(analyze::Args),
    /// Assess a practitioner's work (self-assessment JSON or CV text) against the norm.
    Assess(assess::Args),
    /// Analyse a JSONL file of ads into a JSONL file of analyses, in input order.
    Batch(batch::Args),
    /// Issue, verify and revoke verifiable credentials for assessed roles.
    #[command(subcommand)]
    Credential(credential::Command),
    /// Measure the analyzer on labelled ads.
    Eval(eval::Args),
    /// Check, show and export the norm.
    #[command(subcommand)]
    Norm(norm::Command),
    /// Summarise `rolenorm batch` output as one self-contained HTML report (with --json, --csv).
    Report(report::ReportArgs),
    /// Print the JSON Schema of the analysis (or of another JSON document rolenorm reads or writes).
    Schema(schema::Args),
    /// Serve the HTTP API and the web app.
    Serve(serve::Args),
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell).
    Completions(shell::CompletionArgs),
    /// Print the man page rolenorm(1) in roff.
    Man,
    /// Compare two ads side by side: roles, and the tasks in one and not the other.
    Compare(compare::Args),
    /// Print the scoring trace of one ad: per role the core, optional and excluded parts, coverage, title.
    Explain(explain::Args),
}

/// Language arguments in both spellings.
#[derive(Debug, Clone, Copy, ValueEnum)]
enum LangArg {
    De,
    En,
}

impl From<LangArg> for Language {
    fn from(value: LangArg) -> Self {
        match value {
            LangArg::De => Language::De,
            LangArg::En => Language::En,
        }
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    color::init(cli.color);
    match run(cli) {
        Ok(code) => code,
        Err(error) => {
            if is_broken_pipe(&error) {
                return ExitCode::SUCCESS;
            }
            let _ = writeln!(std::io::stderr(), "rolenorm: error: {error:#}");
            ExitCode::from(2)
        }
    }
}

fn run(cli: Cli) -> Result<ExitCode> {
    match cli.command {
        Command::Admin(command) => admin::run(command),
        Command::Analyze(args) => analyze::run(args),
        Command::Assess(args) => assess::run(args),
        Command::Batch(args) => batch::run(args),
        Command::Credential(command) => credential::run(command),
        Command::Eval(args) => eval::run(args),
        Command::Norm(command) => norm::run(command),
        Command::Report(args) => report::run_report(args),
        Command::Schema(args) => schema::run(args),
        Command::Serve(args) => serve::run(args),
        Command::Completions(args) => shell::completions(args),
        Command::Man => shell::man(),
        Command::Compare(args) => compare::run(args),
        Command::Explain(args) => explain::run(args),
    }
}

pub(crate) fn is_broken_pipe(error: &anyhow::Error) -> bool {
    use std::io::ErrorKind::BrokenPipe;
    // A closed pipe (`rolenorm … | head`) ends the command quietly, as in other Unix tools, however
    // deep the write error sits (JSON and CSV writers wrap it).
    error.chain().any(|cause| {
        cause.downcast_ref::<std::io::Error>().is_some_and(|e| e.kind() == BrokenPipe)
            || cause.downcast_ref::<serde_json::Error>().and_then(serde_json::Error::io_error_kind) == Some(BrokenPipe)
            || cause
                .downcast_ref::<csv::Error>()
                .is_some_and(|e| matches!(e.kind(), csv::ErrorKind::Io(io) if io.kind() == BrokenPipe))
    })
}

/// Reads a norm pack folder, or the built-in norm when `dir` is `None`.
fn load_norm(dir: Option<&std::path::Path>) -> Result<Norm> {
    let Some(dir) = dir else {
        return Norm::builtin().context("the built-in norm is broken");
    };
    let files = read_pack(dir)?;
    Norm::from_files(files.iter().map(|(n, t)| (n.as_str(), t.as_str())))
        .with_context(|| format!("cannot use norm folder {}", dir.display()))
}

/// The pack files present in `dir`, as `(name, contents)`.
fn read_pack(dir: &std::path::Path) -> Result<Vec<(String, String)>> {
    if !dir.is_dir() {
        anyhow::bail!("norm folder {} does not exist or is not a folder", dir.display());
    }
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).with_context(|| format!("cannot list norm folder {}", dir.display()))? {
        let path = entry?.path();
        let Some(name) = path.file_name().and_then(|n| n.to_str()).map(str::to_owned) else { continue };
        if !name.ends_with(".toml") {
            continue;
        }
        let text = std::fs::read_to_string(&path).with_context(|| format!("cannot read {}", path.display()))?;
        files.push((name, text));
    }
    if !files.iter().any(|(name, _)| PACK_FILES.contains(&name.as_str())) {
        anyhow::bail!("{} holds no norm pack files (expected {})", dir.display(), PACK_FILES.join(", "));
    }
    Ok(files)
}

/// Compiles the norm into an analyzer.
fn load_analyzer(dir: Option<&std::path::Path>) -> Result<Arc<Analyzer>> {
    let norm = load_norm(dir)?;
    Ok(Arc::new(Analyzer::new(Arc::new(norm))?))
}
