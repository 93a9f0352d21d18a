//! `rolenorm schema`: the JSON Schema of every JSON document a command prints or reads.

use std::collections::BTreeMap;
use std::process::ExitCode;

use anyhow::Result;
use rolenorm_analyze::eval::EvalReport;
use rolenorm_report::{Aggregates, Evidence};
use rolenorm_wire::{AdRecord, Analysis, schema};

/// The documents that have a schema, each committed as `schema/NAME.schema.json`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum Document {
    /// One analysis (`analyze --json`, each line of `batch` JSONL output).
    Analysis,
    /// One ad record (each line of `batch` JSONL input).
    AdRecord,
    /// The measures of `eval --json`, per labelled file.
    Eval,
    /// The aggregates of `report --json`.
    Aggregates,
    /// The evidence of `norm evidence --json`.
    Evidence,
}

/// Arguments of `rolenorm schema`.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// Which document's schema to print.
    #[arg(value_enum, default_value = "analysis")]
    document: Document,
}

/// The schema of `document`, pretty-printed.
pub(crate) fn schema_of(document: Document) -> String {
    match document {
        Document::Analysis => schema::<Analysis>(),
        Document::AdRecord => schema::<AdRecord>(),
        Document::Eval => schema::<BTreeMap<String, EvalReport>>(),
        Document::Aggregates => schema::<Aggregates>(),
        Document::Evidence => schema::<Evidence>(),
    }
}

pub(crate) fn run(args: Args) -> Result<ExitCode> {
    print!("{}", schema_of(args.document));
    Ok(ExitCode::SUCCESS)
}
