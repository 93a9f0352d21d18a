//! The rolenorm analyzer: which normed role a job ad really describes, which tasks it demands
//! (with the evidence in the text), how broad it is, whether it is one platform's job, and
//! whether its title fits.
//!
//! [`Analyzer::new`] compiles a [`rolenorm_norm::Norm`] once into an Aho-Corasick automaton
//! (the built-in norm's is prebuilt at build time and read in place).
//! Every reader hands it an [`AdRecord`] ([`Analyzer::analyze_record`]), a JSONL line
//! ([`Analyzer::analyze_line`], the corpus fast path) or a borrowed [`Ad`]; out comes an
//! [`Analysis`], the versioned wire format of `rolenorm-wire`. The pipeline runs in named
//! stages (`stages/`). [`eval`] scores analyses against labelled ads.
//! No I/O, no global state: an `Analyzer` is `Send + Sync` and shared across threads.
//!
//! ```
//! use std::sync::Arc;
//! use rolenorm_analyze::{AdRecord, Analyzer};
//! let analyzer = Analyzer::new(Arc::new(rolenorm_norm::Norm::builtin().unwrap())).unwrap();
//! let record = AdRecord {
//!     title: Some("Community Manager (m/w/d)".into()),
//!     text: Some("Du moderierst Kommentare und beantwortest Nachrichten.".into()),
//!     ..AdRecord::default()
//! };
//! let analysis = analyzer.analyze_record(&record).unwrap();
//! assert_eq!(analysis.title_role, "community-manager");
//! ```

mod analyzer;
mod compile;
pub mod eval;
mod flat_line;
mod prebuilt;
mod record;
mod stages;
mod table;

pub use analyzer::{Ad, Analyzer, Scratch};

/// The automaton walk the analyzer's scan uses, public so that the fuzz targets can compare it
/// with `aho_corasick`'s own overlapping search and with a naive search.
pub mod automaton {
    pub use crate::compile::{build_automaton, find_atoms, sort_by_first};
    pub use crate::table::{AtomTable, LANES, LaneBuffers, Occurrence, TableError};
}
/// The sections stage's measures of a heading line (at most so many characters, at most so
/// many words), public so that a fuzz target can compare them with counting every character
/// and every word.
pub mod heading_line {
    pub use crate::stages::sections::{at_most_chars, at_most_words};
}
pub use compile::CompileError;
pub use record::{RecordError, line_fields_both_ways};
pub use rolenorm_text::{Format, InputError, Language};
pub use rolenorm_wire::{
    AdRecord, Analysis, Evidence, Finding, FindingCode, NormRef, RoleScore, SCHEMA_VERSION, Scope, Section, TaskFinding,
};

/// The JSON Schema of [`Analysis`], pretty-printed.
pub fn analysis_schema() -> String {
    rolenorm_wire::schema::<Analysis>()
}

// The analyzer is shared across threads by the corpus engine, the server and the bindings.
const _: () = {
    const fn shared<T: Send + Sync>() {}
    shared::<Analyzer>();
    shared::<Scratch>();
};
