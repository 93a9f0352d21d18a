//! `rolenorm norm diff OLD NEW`: what changed between two norm packs and the version bump it
//! calls for.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use anyhow::{Context, Result};
use rolenorm_norm::{Norm, NormDiff};

/// Arguments of `rolenorm norm diff`.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// The old pack: a folder, or `builtin`.
    old: String,
    /// The new pack: a folder, or `builtin`.
    new: String,
    /// Print the diff as JSON (schema: schema/norm-diff.schema.json).
    #[arg(long)]
    json: bool,
}

/// Prints the diff; exit 1 when NEW's version is lower than the change needs.
pub(crate) fn run(args: Args) -> Result<ExitCode> {
    let old = load(&args.old).context("cannot read the old norm")?;
    let new = load(&args.new).context("cannot read the new norm")?;
    let diff = NormDiff::between(&old, &new);
    let text = if args.json { serde_json::to_string_pretty(&diff)? + "\n" } else { diff.render_text() };
    std::io::stdout().lock().write_all(text.as_bytes())?;
    if diff.version_ok {
        Ok(ExitCode::SUCCESS)
    } else {
        eprintln!(
            "rolenorm: the new norm's version {} is lower than {} (a {} bump of {})",
            diff.new.version,
            diff.required_version,
            diff.bump.as_str(),
            diff.old.version
        );
        Ok(ExitCode::from(1))
    }
}

/// The built-in norm for `builtin`, else the pack in that folder.
fn load(which: &str) -> Result<Norm> {
    if which == "builtin" {
        return crate::load_norm(None);
    }
    crate::load_norm(Some(Path::new(which)))
}
