//! The rolenorm corpus engine: what `rolenorm batch`, `rolenorm report`, the server and the
//! Python bindings use to read and analyse many ads.
//!
//! - [`Input`] reads JSONL (ad records or schema.org `JobPosting` lines), CSV with chosen
//!   [`Columns`], Parquet, or a folder of `.txt`/`.html`/`.json` files, optionally gzip- or
//!   zstd-compressed, a chunk at a time, into records;
//! - [`Engine`] analyses them on a thread pool and hands the outcomes back in input order;
//! - [`Sink`] writes analyses as JSONL, CSV or Parquet.
//!
//! How one record becomes an ad is decided by the analyzer alone
//! ([`rolenorm_analyze::Analyzer::analyze_line`], [`rolenorm_analyze::Analyzer::analyze_record`]).

mod columnar;
mod engine;
mod error;
mod input;
mod lines;
mod output;

pub use columnar::{ParquetSink, batch_records, parquet_columns};
pub use engine::{Analyzed, CHUNK_RECORDS, Consumer, Engine, Failed, Outcome, Progress, Summary};
pub use error::CorpusError;
pub use input::{Columns, Input, InputFormat, RawKind, RawRecord};
pub use lines::JsonLine;
pub use output::{CSV_COLUMNS, OutputFormat, Sink};
