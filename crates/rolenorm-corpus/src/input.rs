//! Corpus inputs: JSONL (ads or schema.org `JobPosting` objects), CSV with chosen columns, or a
//! folder of `.txt`/`.html`/`.json` files; files may be gzip- or zstd-compressed (detected from
//! their first bytes). Records are read in order, a chunk at a time, so memory stays bounded.

use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use rolenorm_analyze::{AdRecord, Format, Language};

use crate::error::{Context, CorpusError};
use crate::lines::{JsonLine, LineReader, MIN_READ};

type Result<T> = std::result::Result<T, CorpusError>;

fn bail<T>(message: String) -> Result<T> {
    Err(CorpusError::Input(message))
}

/// How an input is laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputFormat {
    /// One JSON object per line: an ad (`id`, `title`, `text` or `html`, `lang`, `source`,
    /// `date`) or a schema.org `JobPosting`.
    Jsonl,
    /// CSV with a header row; `--columns` maps fields to column names.
    Csv,
    /// A folder of `.txt`, `.html` and `.json` files, one ad each (id = file name).
    Dir,
    /// Apache Parquet with string columns; `--columns` maps fields to column names.
    Parquet,
}

/// One record as read, before it is parsed or analysed.
#[derive(Debug)]
pub struct RawRecord {
    /// 1-based line (JSONL), row (CSV, header excluded) or file number (folder).
    pub number: usize,
    /// What was read.
    pub kind: RawKind,
}

/// The payload of a record.
#[derive(Debug)]
pub enum RawKind {
    /// A JSONL line, parsed by the workers.
    Json(JsonLine),
    /// Fields already split (CSV, Parquet).
    Record(AdRecord),
    /// A whole file's bytes (folder input).
    File {
        /// The file's name.
        id: String,
        /// Its contents.
        bytes: Vec<u8>,
        /// Its format, when its extension tells.
        format: Option<Format>,
    },
    /// A record that could not be read.
    Error {
        /// The record's id, if known.
        id: Option<String>,
        /// Why.
        message: String,
    },
}

/// Which CSV column holds which field.
#[derive(Debug, Clone)]
pub struct Columns {
    names: Vec<(String, String)>,
}

impl Columns {
    /// Parses `id=job_id,title=job_title,text=description`; unnamed fields use their own name.
    pub fn parse(spec: Option<&str>) -> Result<Self> {
        let mut names: Vec<(String, String)> = ["id", "title", "text", "html", "lang", "source", "date"]
            .iter()
            .map(|f| (f.to_string(), f.to_string()))
            .collect();
        for pair in spec.unwrap_or("").split(',').map(str::trim).filter(|p| !p.is_empty()) {
            let Some((field, column)) = pair.split_once('=') else {
                return bail(format!("--columns: {pair:?} is not FIELD=COLUMN"));
            };
            let Some(slot) = names.iter_mut().find(|(f, _)| f == field.trim()) else {
                return bail(format!(
                    "--columns: unknown field {field:?} (known: id, title, text, html, lang, source, date)"
                ));
            };
            slot.1 = column.trim().to_owned();
        }
        Ok(Columns { names })
    }

    /// Names the column that holds `field` (any column name, commas and `=` included).
    pub fn with_column(mut self, field: &str, column: &str) -> Result<Self> {
        let Some(slot) = self.names.iter_mut().find(|(f, _)| f == field) else {
            return bail(format!("unknown field {field:?} (known: id, title, text, html, lang, source, date)"));
        };
        slot.1 = column.to_owned();
        Ok(self)
    }

    /// The column that holds `field`.
    pub fn column<'a>(&'a self, field: &'a str) -> &'a str {
        self.names.iter().find(|(f, _)| f == field).map_or(field, |(_, c)| c.as_str())
    }
}

/// Counts the bytes read from the underlying (possibly compressed) file, for progress.
struct Counting<R> {
    inner: R,
    count: Arc<AtomicU64>,
}

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.count.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}

/// An open input: records come out in order.
pub struct Input {
    name: String,
    source: Source,
    number: usize,
    /// Bytes of the input file consumed so far.
    pub consumed: Arc<AtomicU64>,
    /// Size of the input (file size, or the folder's total), when known.
    pub total: Option<u64>,
}

enum Source {
    Lines(Box<LineReader>),
    Csv { reader: Box<csv::Reader<Box<dyn Read + Send>>>, positions: CsvPositions },
    Files(std::vec::IntoIter<PathBuf>),
    Parquet(Box<super::columnar::ParquetRows>),
}

struct CsvPositions {
    id: Option<usize>,
    title: Option<usize>,
    text: Option<usize>,
    html: Option<usize>,
    lang: Option<usize>,
    source: Option<usize>,
    date: Option<usize>,
    company: Option<usize>,
}

impl Input {
    /// Opens `path` (`-` for standard input) as `format`, or as the format its name suggests.
    pub fn open(path: &Path, format: Option<InputFormat>, columns: &Columns) -> Result<Self> {
        let name = if path.as_os_str() == "-" { "standard input".to_owned() } else { path.display().to_string() };
        let consumed = Arc::new(AtomicU64::new(0));
        if path.as_os_str() != "-" && path.is_dir() {
            if format.is_some_and(|f| f != InputFormat::Dir) {
                return bail(format!("{name} is a folder; folders are read as one ad per file"));
            }
            let mut files: Vec<PathBuf> = std::fs::read_dir(path)
                .context_with(|| format!("cannot list {name}"))?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.is_file() && file_format(p).is_some())
                .collect();
            files.sort();
            let total = files.iter().filter_map(|p| p.metadata().ok()).map(|m| m.len()).sum();
            return Ok(Input {
                name,
                source: Source::Files(files.into_iter()),
                number: 0,
                consumed,
                total: Some(total),
            });
        }
        let parquet = format == Some(InputFormat::Parquet) || (format.is_none() && is_parquet(path));
        if parquet {
            if path.as_os_str() == "-" {
                return bail("Parquet cannot be read from standard input; give a file".to_owned());
            }
            let rows = super::columnar::ParquetRows::open(path, &name, columns)?;
            let total = path.metadata().ok().map(|m| m.len());
            consumed.store(0, Ordering::Relaxed);
            return Ok(Input { name, source: Source::Parquet(Box::new(rows)), number: 0, consumed, total });
        }
        let (raw, total): (Box<dyn Read + Send>, Option<u64>) = if path.as_os_str() == "-" {
            (Box::new(std::io::stdin()), None)
        } else {
            let file = File::open(path).context_with(|| format!("cannot open {name}"))?;
            let total = file.metadata().ok().map(|m| m.len());
            (Box::new(file), total)
        };
        let format = format.unwrap_or_else(|| guess_format(path));
        Input::from_counted_reader(name, raw, format, columns, consumed, total)
    }

    /// Reads JSONL or CSV (possibly gzip- or zstd-compressed) from `reader`, named `name` in
    /// messages: what [`Input::open`] does after opening a file, for input that is not a file.
    pub fn from_reader(
        name: &str,
        reader: Box<dyn Read + Send>,
        format: InputFormat,
        columns: &Columns,
    ) -> Result<Self> {
        Input::from_counted_reader(name.to_owned(), reader, format, columns, Arc::new(AtomicU64::new(0)), None)
    }

    fn from_counted_reader(
        name: String,
        raw: Box<dyn Read + Send>,
        format: InputFormat,
        columns: &Columns,
        consumed: Arc<AtomicU64>,
        total: Option<u64>,
    ) -> Result<Self> {
        // Small, so that the JSONL line reader's larger reads bypass it (no second copy).
        let counted = BufReader::with_capacity(MIN_READ, Counting { inner: raw, count: consumed.clone() });
        let reader = decompress(counted).context_with(|| format!("cannot read {name}"))?;
        let source = match format {
            InputFormat::Jsonl => Source::Lines(Box::new(LineReader::new(reader))),
            InputFormat::Csv => {
                let mut reader = csv::ReaderBuilder::new().flexible(true).from_reader(reader);
                let headers = reader.headers().context_with(|| format!("{name}: cannot read the CSV header"))?.clone();
                let find = |field: &str| headers.iter().position(|h| h.trim() == columns.column(field));
                let positions = CsvPositions {
                    id: find("id"),
                    title: find("title"),
                    text: find("text"),
                    html: find("html"),
                    lang: find("lang"),
                    source: find("source"),
                    date: find("date"),
                    company: find("company"),
                };
                if positions.text.is_none() && positions.html.is_none() {
                    return bail(format!(
                        "{name}: the CSV has no column {:?} or {:?} (columns: {}); choose them with --columns text=COLUMN",
                        columns.column("text"),
                        columns.column("html"),
                        headers.iter().collect::<Vec<_>>().join(", ")
                    ));
                }
                Source::Csv { reader: Box::new(reader), positions }
            }
            InputFormat::Dir => return bail(format!("{name} is not a folder")),
            InputFormat::Parquet => unreachable_parquet(&name)?,
        };
        Ok(Input { name, source, number: 0, consumed, total })
    }

    /// The input's name for messages.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Reads up to `limit` records into `out` (cleared first); none at the end of the input.
    /// A read error that leaves the rest of the input unreadable (a truncated gzip stream) is
    /// returned after the records read before it.
    pub fn next_chunk(&mut self, limit: usize, out: &mut Vec<RawRecord>) -> Result<()> {
        out.clear();
        while out.len() < limit {
            self.number += 1;
            let number = self.number;
            match &mut self.source {
                Source::Lines(reader) => {
                    let line =
                        reader.next_line().context_with(|| format!("{}: cannot read line {number}", self.name))?;
                    let Some(line) = line else { break };
                    if line.iter().all(u8::is_ascii_whitespace) {
                        continue;
                    }
                    out.push(RawRecord { number, kind: RawKind::Json(line) });
                }
                Source::Csv { reader, positions } => {
                    let mut row = csv::StringRecord::new();
                    match reader.read_record(&mut row) {
                        Ok(false) => break,
                        Ok(true) => {
                            let get = |i: Option<usize>| {
                                i.and_then(|i| row.get(i)).map(str::to_owned).filter(|s| !s.is_empty())
                            };
                            let id = get(positions.id);
                            let kind = match parse_language(get(positions.lang)) {
                                Ok(lang) => RawKind::Record(AdRecord {
                                    id,
                                    title: get(positions.title),
                                    text: get(positions.text),
                                    html: get(positions.html),
                                    job_posting: None,
                                    lang,
                                    source: get(positions.source),
                                    date: get(positions.date),
                                    company: get(positions.company),
                                }),
                                Err(message) => RawKind::Error { id, message },
                            };
                            out.push(RawRecord { number, kind });
                        }
                        Err(error) if error.is_io_error() => {
                            return Err(error).context_with(|| format!("{}: cannot read row {number}", self.name));
                        }
                        Err(error) => out.push(RawRecord {
                            number,
                            kind: RawKind::Error { id: None, message: format!("malformed CSV row: {error}") },
                        }),
                    }
                }
                Source::Parquet(rows) => match rows.next_row() {
                    Ok(Some(kind)) => out.push(RawRecord { number, kind }),
                    Ok(None) => {
                        if let Some(total) = self.total {
                            self.consumed.store(total, Ordering::Relaxed);
                        }
                        break;
                    }
                    Err(error) => {
                        return Err(CorpusError::Input(format!("{}: cannot read row {number}: {error}", self.name)));
                    }
                },
                Source::Files(files) => {
                    let Some(path) = files.next() else { break };
                    let id = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
                    match std::fs::read(&path) {
                        Ok(bytes) => {
                            self.consumed.fetch_add(bytes.len() as u64, Ordering::Relaxed);
                            out.push(RawRecord {
                                number,
                                kind: RawKind::File { id, bytes, format: file_format(&path).flatten() },
                            })
                        }
                        Err(error) => out.push(RawRecord {
                            number,
                            kind: RawKind::Error {
                                id: Some(id),
                                message: format!("cannot read {}: {error}", path.display()),
                            },
                        }),
                    }
                }
            }
        }
        Ok(())
    }
}

/// Wraps `reader` in a gzip or zstd decoder when its first bytes say so.
fn decompress(mut reader: BufReader<Counting<Box<dyn Read + Send>>>) -> std::io::Result<Box<dyn Read + Send>> {
    let head = reader.fill_buf()?;
    if head.starts_with(&[0x1f, 0x8b]) {
        Ok(Box::new(flate2::read::MultiGzDecoder::new(reader)))
    } else if head.starts_with(&[0x28, 0xb5, 0x2f, 0xfd]) {
        Ok(Box::new(zstd::stream::read::Decoder::with_buffer(reader)?))
    } else {
        Ok(Box::new(reader))
    }
}

/// Parquet is opened before any decompression; reaching here is a logic error reported as such.
fn unreachable_parquet(name: &str) -> Result<Source> {
    bail(format!("{name}: internal error: Parquet input reached the stream reader"))
}

/// A record's language column: absent, or a language of the norm.
pub(crate) fn parse_language(code: Option<String>) -> std::result::Result<Option<Language>, String> {
    code.map(|code| code.parse::<Language>().map_err(|e| e.to_string())).transpose()
}

/// Whether `path` names a Parquet file (by extension, or by its `PAR1` magic).
fn is_parquet(path: &Path) -> bool {
    if path.extension().is_some_and(|e| e.eq_ignore_ascii_case("parquet")) {
        return true;
    }
    let mut magic = [0u8; 4];
    File::open(path).and_then(|mut f| f.read_exact(&mut magic)).is_ok() && &magic == b"PAR1"
}

/// The layout a file name suggests (`ads.csv.gz` is CSV); JSONL otherwise.
fn guess_format(path: &Path) -> InputFormat {
    let name = path.file_name().map(|n| n.to_string_lossy().to_lowercase()).unwrap_or_default();
    let name = name.trim_end_matches(".gz").trim_end_matches(".zst").trim_end_matches(".zstd");
    if name.ends_with(".csv") || name.ends_with(".tsv") { InputFormat::Csv } else { InputFormat::Jsonl }
}

/// For a file in a folder input: `Some(format)` if it is an ad file (`None` inside: detect).
fn file_format(path: &Path) -> Option<Option<Format>> {
    match path.extension()?.to_str()?.to_ascii_lowercase().as_str() {
        "txt" => Some(Some(Format::Text)),
        "html" | "htm" => Some(Some(Format::Html)),
        "json" | "jsonld" => Some(None),
        _ => None,
    }
}
