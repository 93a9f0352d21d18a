//! The rolenorm wire format, shared by every adapter (command line, server, storage, Python)
//! without pulling in the analyzer:
//!
//! - [`AdRecord`], the one input contract: what every reader (JSONL, CSV, Parquet, folders,
//!   HTTP, Python) turns an ad into;
//! - [`Analysis`], the versioned output for one ad ([`SCHEMA_VERSION`]), with the closed sets it
//!   uses as enums ([`Language`], [`Format`], [`Scope`], [`Section`], [`FindingCode`]);
//! - [`schema`], the JSON Schemas of both, committed under `schema/`.
//!
//! Role, task, level and platform ids are strings: they are the norm's data, and a new norm
//! version may add some.

mod analysis;
mod record;
mod vocab;

pub use analysis::{Analysis, Evidence, Finding, NormRef, RoleScore, SCHEMA_VERSION, TaskFinding};
pub use record::{AD_RECORD_FIELDS, AdRecord};
pub use vocab::{FindingCode, Format, Language, Scope, Section, UnknownLanguage};

/// The JSON Schema of a type, pretty-printed with a final newline (as committed under `schema/`).
pub fn schema<T: schemars::JsonSchema>() -> String {
    let schema = schemars::schema_for!(T);
    serde_json::to_string_pretty(&schema).unwrap_or_default() + "\n"
}
