//! Corpus outputs: JSONL (the analysis objects, with inline error objects in input order) or
//! CSV (flat columns). Bad records also go to the errors file.

use std::io::Write;
use std::path::Path;

use anyhow::Result;
use rolenorm_analyze::Analysis;

/// How analyses are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum OutputFormat {
    /// One analysis object per line; a bad record becomes `{"id", "line", "error"}` in place.
    Jsonl,
    /// One row per analysed ad: id, language, role, confidence, title_role, title_fits, level,
    /// jack_of_all_trades, platform_focus, tasks (joined with `;`).
    Csv,
    /// The CSV columns as an Apache Parquet file (Snappy-compressed).
    Parquet,
}

impl OutputFormat {
    /// The format an output file name suggests; JSONL otherwise.
    pub(crate) fn guess(path: &Path) -> Self {
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

/// The CSV header.
pub(crate) const CSV_COLUMNS: [&str; 10] = [
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
];

/// Where analyses go.
pub(crate) enum Sink<W: Write> {
    /// JSONL.
    Jsonl(W),
    /// CSV.
    Csv(Box<csv::Writer<W>>),
    /// Parquet (always a file of its own).
    Parquet(Box<super::columnar::ParquetSink>),
}

impl<W: Write> Sink<W> {
    /// A sink of `format` over `writer` (writes the CSV header); Parquet goes to `path` instead.
    pub(crate) fn new(format: OutputFormat, writer: W, path: &Path) -> Result<Self> {
        Ok(match format {
            OutputFormat::Parquet => Sink::Parquet(Box::new(super::columnar::ParquetSink::create(path)?)),
            OutputFormat::Jsonl => Sink::Jsonl(writer),
            OutputFormat::Csv => {
                let mut csv = csv::Writer::from_writer(writer);
                csv.write_record(CSV_COLUMNS)?;
                Sink::Csv(Box::new(csv))
            }
        })
    }

    /// Writes one analysis.
    pub(crate) fn analysis(&mut self, analysis: &Analysis, json: &str) -> Result<()> {
        match self {
            Sink::Jsonl(writer) => {
                writer.write_all(json.as_bytes())?;
                writer.write_all(b"\n")?;
            }
            Sink::Csv(csv) => {
                let tasks: Vec<&str> = analysis.tasks.iter().map(|t| t.id.as_str()).collect();
                csv.write_record([
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
                ])?;
            }
            Sink::Parquet(parquet) => parquet.push(analysis.clone()),
        }
        Ok(())
    }

    /// Ends a chunk: Parquet writes its buffered rows as one record batch.
    pub(crate) fn end_chunk(&mut self) -> Result<()> {
        if let Sink::Parquet(parquet) = self {
            parquet.flush_batch()?;
        }
        Ok(())
    }

    /// Writes a bad record where the format has room for it (JSONL).
    pub(crate) fn error(&mut self, error_json: &str) -> Result<()> {
        if let Sink::Jsonl(writer) = self {
            writer.write_all(error_json.as_bytes())?;
            writer.write_all(b"\n")?;
        }
        Ok(())
    }

    /// Flushes everything.
    pub(crate) fn finish(self) -> Result<()> {
        match self {
            Sink::Jsonl(mut writer) => writer.flush()?,
            Sink::Csv(mut csv) => csv.flush()?,
            Sink::Parquet(parquet) => parquet.finish()?,
        }
        Ok(())
    }
}
