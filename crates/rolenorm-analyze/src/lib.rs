//! The rolenorm analyzer: which normed role a job ad really describes, which tasks it demands
//! (with the evidence in the text), how broad it is, whether it is one platform's job, and
//! whether its title fits.
//!
//! [`Analyzer::new`] compiles a [`rolenorm_norm::Norm`] once into an Aho-Corasick automaton;
//! [`Analyzer::analyze`] turns one [`Ad`] into an [`Analysis`], the versioned wire format
//! (JSON Schema: `schema/analysis.schema.json`). [`eval`] scores analyses against labelled ads.
//! No I/O, no global state: an `Analyzer` is `Send + Sync` and shared across threads.
//!
//! ```
//! use std::sync::Arc;
//! use rolenorm_analyze::{Ad, Analyzer};
//! let analyzer = Analyzer::new(Arc::new(rolenorm_norm::Norm::builtin().unwrap())).unwrap();
//! let analysis = analyzer
//!     .analyze(Ad { title: Some("Community Manager (m/w/d)"), content: "Du moderierst Kommentare und beantwortest Nachrichten.", ..Ad::default() })
//!     .unwrap();
//! assert_eq!(analysis.title_role, "community-manager");
//! ```

mod analyze;
mod compile;
pub mod eval;
mod report;

pub use analyze::{Ad, Analyzer, DEFAULT_MAX_INPUT_BYTES, Scratch};
pub use compile::CompileError;
pub use report::{Analysis, Evidence, Finding, NormRef, RoleScore, TaskFinding, analysis_schema};
pub use rolenorm_text::{Format, InputError, Language};
