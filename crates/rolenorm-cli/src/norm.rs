//! `rolenorm norm …`: check, show and export the norm.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result};
use rolenorm_norm::{Norm, render_markdown, render_role, render_task, to_json};
use rolenorm_text::Language;

use crate::{LangArg, NormArgs, load_norm, read_pack};

/// `rolenorm norm` subcommands.
#[derive(Debug, clap::Subcommand)]
pub(crate) enum Command {
    /// Check a norm pack folder (default: the built-in norm) and report every problem.
    Check {
        /// The folder to check.
        dir: Option<PathBuf>,
    },
    /// Show a role or a task (default: list all roles and tasks).
    Show {
        /// A role id (`community-manager`) or task id (`COM-02`).
        id: Option<String>,
        /// Language of the output.
        #[arg(long, value_enum, default_value = "en")]
        lang: LangArg,
        #[command(flatten)]
        norm: NormArgs,
    },
    /// Market evidence for the norm from `rolenorm batch` output: excluded tasks often
    /// demanded, core tasks rarely demanded, per role.
    Evidence(crate::report::EvidenceArgs),
    /// What changed between two norm packs (folders or `builtin`) and the version bump it
    /// calls for; exit 1 when the new version is too low.
    Diff(crate::norm_diff::Args),
    /// Write a norm version released on a server (its data folder) as a pack folder.
    Pull(crate::norm_pull::Args),
    /// Export the whole norm.
    Export {
        /// Output format.
        #[arg(long, value_enum, default_value = "markdown")]
        format: ExportFormat,
        /// Language of the Markdown document.
        #[arg(long, value_enum, default_value = "en")]
        lang: LangArg,
        /// Output file (default: standard output).
        #[arg(short, long)]
        output: Option<PathBuf>,
        #[command(flatten)]
        norm: NormArgs,
    },
}

/// Export formats.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub(crate) enum ExportFormat {
    Json,
    Markdown,
}

pub(crate) fn run(command: Command) -> Result<ExitCode> {
    match command {
        Command::Check { dir } => check(dir),
        Command::Evidence(args) => crate::report::run_evidence(args),
        Command::Diff(args) => crate::norm_diff::run(args),
        Command::Pull(args) => crate::norm_pull::run(args),
        Command::Show { id, lang, norm } => {
            let norm = load_norm(norm.norm.as_deref())?;
            let text = show(&norm, id.as_deref(), lang.into())?;
            std::io::stdout().lock().write_all(text.as_bytes())?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Export { format, lang, output, norm } => {
            let norm = load_norm(norm.norm.as_deref())?;
            let text = match format {
                ExportFormat::Json => to_json(&norm) + "\n",
                ExportFormat::Markdown => render_markdown(&norm, lang.into()),
            };
            match output {
                Some(path) => {
                    std::fs::write(&path, text).with_context(|| format!("cannot write {}", path.display()))?
                }
                None => std::io::stdout().lock().write_all(text.as_bytes())?,
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn check(dir: Option<PathBuf>) -> Result<ExitCode> {
    let (name, result) = match &dir {
        None => ("built-in norm".to_owned(), Norm::builtin()),
        Some(dir) => {
            let files = read_pack(dir)?;
            (dir.display().to_string(), Norm::from_files(files.iter().map(|(n, t)| (n.as_str(), t.as_str()))))
        }
    };
    let analyzer_check =
        result.as_ref().ok().map(|norm| rolenorm_analyze::Analyzer::new(std::sync::Arc::new(norm.clone())));
    match result {
        Ok(norm) => {
            if let Some(Err(error)) = analyzer_check {
                eprintln!("{name}: {error}");
                return Ok(ExitCode::from(1));
            }
            let phrases: usize = norm.tasks().iter().map(|t| t.phrases.en.len() + t.phrases.de.len()).sum();
            println!(
                "{name}: ok — {} {}, {} roles, {} tasks, {} task phrases, {} platforms",
                norm.identity().id,
                norm.identity().version,
                norm.roles().len(),
                norm.tasks().len(),
                phrases,
                norm.platforms().len()
            );
            Ok(ExitCode::SUCCESS)
        }
        Err(error) => {
            let prefix = dir.as_ref().map(|d| format!("{}/", d.display())).unwrap_or_default();
            for diagnostic in &error.0 {
                println!("{prefix}{diagnostic}");
            }
            eprintln!("{name}: {} problem(s)", error.0.len());
            Ok(ExitCode::from(1))
        }
    }
}

fn show(norm: &Norm, id: Option<&str>, language: Language) -> Result<String> {
    match id {
        None => {
            let mut out = String::new();
            for role in norm.roles() {
                out.push_str(&format!("{:<26} {}\n", role.id, role.name.get(language)));
            }
            out.push('\n');
            for task in norm.tasks() {
                out.push_str(&format!("{:<8} {}\n", task.id, task.name.get(language)));
            }
            Ok(out)
        }
        Some(id) => render_role(norm, id, language)
            .or_else(|| render_task(norm, id, language))
            .or_else(|| render_task(norm, &id.to_uppercase(), language))
            .with_context(|| format!("{id:?} is neither a role nor a task of the norm (try `rolenorm norm show`)")),
    }
}
