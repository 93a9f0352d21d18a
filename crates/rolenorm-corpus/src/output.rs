//! Corpus outputs: JSONL (the analysis objects, with inline error objects in input order) or
//! CSV (flat columns). Bad records also go to the errors file.

use std::io::Write;
use std::path::Path;

use rolenorm_analyze::Analysis;

use crate::error::CorpusError;

type Result<T> = std::result::Result<T, CorpusError>;

fn written<T>(result: std::result::Result<T, impl Into<WriteError>>) -> Result<T> {
    result.map_err(|e| e.into().0)
}

/// A write error of either writer, as a corpus error.
struct WriteError(CorpusError);

impl From<std::io::Error> for WriteError {
    fn from(source: std::io::Error) -> Self {
        WriteError(CorpusError::Io { context: "cannot write the output".to_owned(), source })
    }
}

impl From<csv::Error> for WriteError {
    fn from(source: csv::Error) -> Self {
        WriteError(CorpusError::Csv { context: "cannot write the output".to_owned(), source })
    }
}

/// How analyses are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutputFormat {
    /// One analysis object per line; a bad record becomes `{"id", "line", "error"}` in place.
    Jsonl,
    /// One row per analysed ad: id, language, role, confidence, title_role, title_fits, level,
    /// jack_of_all_trades, platform_focus, tasks (joined with `;`), and the input record's title,
    /// source and date (empty when the input had none).
    Csv,
    /// The CSV columns as an Apache Parquet file (Snappy-compressed).
    Parquet,
}

impl OutputFormat {
    /// The format an output file name suggests; JSONL otherwise.
    pub fn guess(path: &Path) -> Self {
        let name = path.to_string_lossy().to_lowercase();
        if name.ends_with(".csv") {
            OutputFormat::Csv
        } else if name.ends_with(".parquet") {
            OutputFormat::Parquet
        } else {
            OutputFormat::Jsonl
        }
    }
}

/// The CSV header (Parquet has the same columns).
pub const CSV_COLUMNS: [&str; 13] = [
    "id",
    "language",
    "role",
    "confidence",
    "title_role",
    "title_fits",
    "level",
    "jack_of_all_trades",
    "platform_focus",
    "tasks",
    "title",
    "source",
    "date",
];

/// Where analyses go.
pub enum Sink<W: Write> {
    /// JSONL.
    Jsonl(W),
    /// CSV.
    Csv(Box<csv::Writer<W>>),
    /// Parquet (always a file of its own).
    Parquet(Box<crate::columnar::ParquetSink>),
}

impl<W: Write> Sink<W> {
    /// A sink of `format` over `writer` (writes the CSV header); Parquet goes to `path` instead.
    pub fn new(format: OutputFormat, writer: W, path: &Path) -> Result<Self> {
        Ok(match format {
            OutputFormat::Parquet => Sink::Parquet(Box::new(crate::columnar::ParquetSink::create(path)?)),
            OutputFormat::Jsonl => Sink::Jsonl(writer),
            OutputFormat::Csv => {
                let mut csv = csv::Writer::from_writer(writer);
                written(csv.write_record(CSV_COLUMNS))?;
                Sink::Csv(Box::new(csv))
            }
        })
    }

    /// Writes one analysis.
    pub fn analysis(&mut self, analysis: &Analysis, json: &str) -> Result<()> {
        match self {
            Sink::Jsonl(writer) => write_line(writer, json)?,
            Sink::Csv(csv) => {
                let tasks: Vec<&str> = analysis.tasks.iter().map(|t| t.id.as_str()).collect();
                written(csv.write_record([
                    analysis.id.as_deref().unwrap_or(""),
                    analysis.language.code(),
                    &analysis.role,
                    &format!("{:.3}", analysis.confidence),
                    &analysis.title_role,
                    if analysis.title_fits { "true" } else { "false" },
                    &analysis.level,
                    if analysis.jack_of_all_trades { "true" } else { "false" },
                    analysis.platform_focus.as_deref().unwrap_or(""),
                    &tasks.join(";"),
                    analysis.title.as_deref().unwrap_or(""),
                    analysis.source.as_deref().unwrap_or(""),
                    analysis.date.as_deref().unwrap_or(""),
                ]))?;
            }
            Sink::Parquet(parquet) => parquet.push(analysis.clone()),
        }
        Ok(())
    }

    /// Ends a chunk: Parquet writes its buffered rows as one record batch.
    pub fn end_chunk(&mut self) -> Result<()> {
        if let Sink::Parquet(parquet) = self {
            parquet.flush_batch()?;
        }
        Ok(())
    }

    /// Writes one analysis given only as its JSON line: JSONL alone can (the CSV and Parquet
    /// sinks need [`Sink::analysis`]).
    pub fn json(&mut self, json: &str) -> Result<()> {
        let Sink::Jsonl(writer) = self else {
            return Err(CorpusError::Input("CSV and Parquet output need the analyses, not only their JSON".into()));
        };
        write_line(writer, json)
    }

    /// Writes a bad record where the format has room for it (JSONL).
    pub fn error(&mut self, error_json: &str) -> Result<()> {
        if let Sink::Jsonl(writer) = self {
            write_line(writer, error_json)?;
        }
        Ok(())
    }

    /// Flushes everything.
    pub fn finish(self) -> Result<()> {
        match self {
            Sink::Jsonl(mut writer) => written(writer.flush())?,
            Sink::Csv(mut csv) => written(csv.flush())?,
            Sink::Parquet(parquet) => parquet.finish()?,
        }
        Ok(())
    }
}

/// Writes `line` and its `\n`.
fn write_line(writer: &mut impl Write, line: &str) -> Result<()> {
    written(writer.write_all(line.as_bytes()))?;
    written(writer.write_all(b"\n"))
}
