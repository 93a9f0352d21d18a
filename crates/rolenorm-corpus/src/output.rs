//! Corpus outputs: JSONL (the analysis objects, with inline error objects in input order) or
//! CSV (flat columns). Bad records also go to the errors file.

use std::io::{IoSlice, Write};
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
    /// JSONL: a chunk's lines are kept and written at its end in vectored writes (a writer
    /// whose buffer is smaller than a chunk passes them on without copying them).
    Jsonl {
        /// The output.
        writer: W,
        /// The lines of the chunk so far, without their `\n`.
        lines: Vec<String>,
    },
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
            OutputFormat::Jsonl => Sink::Jsonl { writer, lines: Vec::new() },
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
            Sink::Jsonl { lines, .. } => lines.push(json.to_owned()),
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

    /// Ends a chunk: JSONL writes its lines, Parquet its rows as one record batch.
    pub fn end_chunk(&mut self) -> Result<()> {
        match self {
            Sink::Jsonl { writer, lines } => {
                written(write_lines(writer, lines))?;
                lines.clear();
            }
            Sink::Parquet(parquet) => parquet.flush_batch()?,
            Sink::Csv(_) => {}
        }
        Ok(())
    }

    /// Writes one analysis given only as its JSON line: JSONL alone can (the CSV and Parquet
    /// sinks need [`Sink::analysis`]).
    pub fn json(&mut self, json: String) -> Result<()> {
        let Sink::Jsonl { lines, .. } = self else {
            return Err(CorpusError::Input("CSV and Parquet output need the analyses, not only their JSON".into()));
        };
        lines.push(json);
        Ok(())
    }

    /// Writes a bad record where the format has room for it (JSONL).
    pub fn error(&mut self, error_json: &str) -> Result<()> {
        if let Sink::Jsonl { lines, .. } = self {
            lines.push(error_json.to_owned());
        }
        Ok(())
    }

    /// Writes what is left and flushes everything.
    pub fn finish(mut self) -> Result<()> {
        self.end_chunk()?;
        match self {
            Sink::Jsonl { mut writer, .. } => written(writer.flush())?,
            Sink::Csv(mut csv) => written(csv.flush())?,
            Sink::Parquet(parquet) => parquet.finish()?,
        }
        Ok(())
    }
}

/// Writes every line and its `\n`, in vectored writes (the system takes at most `IOV_MAX`
/// pieces at once, and may take fewer bytes than given).
fn write_lines(writer: &mut impl Write, lines: &[String]) -> std::io::Result<()> {
    let mut slices: Vec<IoSlice<'_>> =
        lines.iter().flat_map(|line| [IoSlice::new(line.as_bytes()), IoSlice::new(b"\n")]).collect();
    let mut rest = &mut slices[..];
    while !rest.is_empty() {
        match writer.write_vectored(rest) {
            Ok(0) => return Err(std::io::ErrorKind::WriteZero.into()),
            Ok(written) => IoSlice::advance_slices(&mut rest, written),
            Err(error) if error.kind() == std::io::ErrorKind::Interrupted => {}
            Err(error) => return Err(error),
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Takes at most 7 bytes of one piece per write, and is interrupted before every other write.
    #[derive(Default)]
    struct Stingy {
        bytes: Vec<u8>,
        interrupt: bool,
    }

    impl Write for Stingy {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            self.interrupt = !self.interrupt;
            if self.interrupt {
                return Err(std::io::ErrorKind::Interrupted.into());
            }
            let n = buf.len().min(7);
            self.bytes.extend_from_slice(&buf[..n]);
            Ok(n)
        }

        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn lines_survive_short_and_interrupted_writes() {
        let lines: Vec<String> = (0..2000).map(|i| format!("{{\"n\":{i}}}")).collect();
        let mut writer = Stingy::default();
        write_lines(&mut writer, &lines).unwrap();
        let expected: String = lines.iter().map(|line| format!("{line}\n")).collect();
        assert_eq!(String::from_utf8(writer.bytes).unwrap(), expected);
    }

    #[test]
    fn a_writer_that_takes_nothing_is_an_error() {
        struct Full;
        impl Write for Full {
            fn write(&mut self, _: &[u8]) -> std::io::Result<usize> {
                Ok(0)
            }
            fn flush(&mut self) -> std::io::Result<()> {
                Ok(())
            }
        }
        let error = write_lines(&mut Full, &["{}".to_owned()]).unwrap_err();
        assert_eq!(error.kind(), std::io::ErrorKind::WriteZero);
    }

    #[test]
    fn jsonl_lines_come_out_in_order_at_chunk_ends_and_at_finish() {
        let mut out = Vec::new();
        let mut sink = Sink::new(OutputFormat::Jsonl, &mut out, Path::new("unused")).unwrap();
        sink.json("{\"a\":1}".to_owned()).unwrap();
        sink.error("{\"error\":\"bad\"}").unwrap();
        sink.end_chunk().unwrap();
        sink.json("{\"b\":2}".to_owned()).unwrap();
        sink.finish().unwrap();
        assert_eq!(String::from_utf8(out).unwrap(), "{\"a\":1}\n{\"error\":\"bad\"}\n{\"b\":2}\n");
    }
}
