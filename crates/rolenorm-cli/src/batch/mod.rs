//! `rolenorm batch`: a corpus of ads in, one analysis per ad out, in input order.
//!
//! Inputs: JSONL (ads or schema.org `JobPosting` objects), CSV (`--columns`), Parquet, or a
//! folder of `.txt`/`.html`/`.json` files; JSONL and CSV optionally gzip/zstd-compressed.
//! Outputs: JSONL, CSV or Parquet.
//! All cores by default (`--threads`); records are read and analysed a chunk at a time, so
//! memory stays bounded whatever the corpus size. A bad record is written to the errors file
//! (default `OUTPUT.errors.jsonl`) with its line or row number and the reason, and the run
//! goes on; the exit code is 1 when any record failed.

mod columnar;
mod input;
mod output;

use std::borrow::Cow;
use std::fs::File;
use std::io::{BufWriter, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use rayon::prelude::*;
use rolenorm_analyze::{Ad, Analysis, Analyzer, Format, Scratch};
use rolenorm_text::Language;
use serde_json::Value;

use crate::{NormArgs, load_analyzer};
use input::{Columns, Fields, Input, InputFormat, RawKind, RawRecord};
use output::{OutputFormat, Sink};

/// Arguments of `rolenorm batch`.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// The corpus: a JSONL or CSV file (optionally .gz/.zst), a Parquet file, a folder of ad files, or `-`.
    input: PathBuf,
    /// Where the analyses go (`-` for standard output); `.csv` writes CSV, `.parquet` Parquet.
    #[arg(short, long)]
    output: PathBuf,
    /// The input's layout (default: from its name; folders are read file by file).
    #[arg(long, value_enum)]
    input_format: Option<InputFormat>,
    /// The output's format (default: from its name).
    #[arg(long, value_enum)]
    output_format: Option<OutputFormat>,
    /// CSV columns for the ad's fields, e.g. `id=job_id,title=job_title,text=description`.
    #[arg(long)]
    columns: Option<String>,
    /// Where bad records go (default: OUTPUT.errors.jsonl; standard error when OUTPUT is `-`).
    #[arg(long)]
    errors: Option<PathBuf>,
    /// Worker threads (default: all cores).
    #[arg(long)]
    threads: Option<usize>,
    #[command(flatten)]
    norm: NormArgs,
}

/// Records analysed together; bounds memory while keeping all cores busy.
const CHUNK_RECORDS: usize = 512;

/// What became of one record.
struct Outcome {
    number: usize,
    result: Result<(Analysis, String), (Option<String>, String)>,
}

pub(crate) fn run(args: Args) -> Result<ExitCode> {
    let analyzer = load_analyzer(args.norm.norm.as_deref())?;
    let mut pool = rayon::ThreadPoolBuilder::new();
    if let Some(threads) = args.threads {
        pool = pool.num_threads(threads.max(1));
    }
    let pool = pool.build().context("cannot start worker threads")?;
    let columns = Columns::parse(args.columns.as_deref())?;
    let mut input = Input::open(&args.input, args.input_format, &columns)?;

    let to_stdout = args.output.as_os_str() == "-";
    let output_format = args.output_format.unwrap_or_else(|| OutputFormat::guess(&args.output));
    if to_stdout && output_format == OutputFormat::Parquet {
        anyhow::bail!("Parquet cannot be written to standard output; give a file name");
    }
    // A regular file is written as OUTPUT.partial and renamed at the end, so a failed run never
    // leaves a half-written file over an earlier, complete one; a device or pipe (/dev/null) is
    // written directly.
    let output = (!to_stdout).then(|| Destination::new(&args.output));
    let writer: Box<dyn Write> = match &output {
        _ if output_format == OutputFormat::Parquet => Box::new(std::io::sink()),
        None => Box::new(std::io::stdout().lock()),
        Some(destination) => Box::new(destination.create()?),
    };
    let parquet_path = output.as_ref().map_or_else(|| args.output.clone(), |d| d.write_path.clone());
    let mut sink = Sink::new(output_format, BufWriter::with_capacity(1 << 20, writer), &parquet_path)?;
    let errors = args
        .errors
        .clone()
        .or_else(|| output.as_ref().filter(|d| d.atomic).map(|_| suffixed(&args.output, ".errors.jsonl")));
    let errors_destination = errors.as_ref().map(|path| Destination::new(path));
    let mut errors_file: Box<dyn Write> = match &errors_destination {
        Some(destination) => Box::new(BufWriter::new(destination.create()?)),
        None => Box::new(std::io::stderr()),
    };

    let started = Instant::now();
    let mut progress = Progress::new(input.total);
    let (mut ads, mut errors) = (0usize, 0usize);
    let mut chunk: Vec<RawRecord> = Vec::with_capacity(CHUNK_RECORDS);
    let mut read_error = None;
    loop {
        if let Err(error) = input.next_chunk(CHUNK_RECORDS, &mut chunk) {
            read_error = Some(error);
        }
        if chunk.is_empty() {
            break;
        }
        let outcomes: Vec<Outcome> = pool.install(|| {
            chunk
                .par_drain(..)
                .map_init(Scratch::default, |scratch, record| analyze_record(&analyzer, scratch, record))
                .collect()
        });
        for outcome in outcomes {
            ads += 1;
            match outcome.result {
                Ok((analysis, json)) => sink.analysis(&analysis, &json)?,
                Err((id, message)) => {
                    errors += 1;
                    let error = serde_json::json!({ "id": id, "line": outcome.number, "error": message });
                    sink.error(&error.to_string())?;
                    writeln!(errors_file, "{error}")?;
                }
            }
        }
        sink.end_chunk()?;
        progress.update(ads, errors, input.consumed.load(Ordering::Relaxed), started);
        if read_error.is_some() {
            break;
        }
    }
    progress.finish();
    sink.finish().context("cannot write the output")?;
    errors_file.flush()?;
    drop(errors_file);
    if let Some(error) = &read_error {
        eprintln!("rolenorm batch: {error:#}; the records read before it were analysed");
        errors += 1;
    }
    if let Some(destination) = &output {
        destination.finish()?;
    }
    if let Some(destination) = &errors_destination {
        destination.finish()?;
    }
    let seconds = started.elapsed().as_secs_f64().max(1e-9);
    let bytes = input.consumed.load(Ordering::Relaxed);
    eprintln!(
        "rolenorm batch: {ads} ads, {errors} errors, {seconds:.2} s, {:.0} ads/s, {:.1} MB/s ({} → {})",
        ads as f64 / seconds,
        bytes as f64 / seconds / 1e6,
        input.name(),
        if to_stdout { "standard output".to_owned() } else { args.output.display().to_string() }
    );
    if let (true, Some(path)) = (errors > 0, &errors_destination.as_ref().map(|d| d.path.clone())) {
        eprintln!("rolenorm batch: bad records are listed in {}", path.display());
    }
    Ok(if errors > 0 { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

/// A file the batch writes: regular files through `NAME.partial` and a rename at the end.
struct Destination {
    path: PathBuf,
    write_path: PathBuf,
    atomic: bool,
}

impl Destination {
    fn new(path: &Path) -> Self {
        let atomic = std::fs::metadata(path).map_or(true, |m| m.is_file());
        let write_path = if atomic { suffixed(path, ".partial") } else { path.to_path_buf() };
        Destination { path: path.to_path_buf(), write_path, atomic }
    }

    fn create(&self) -> Result<File> {
        File::create(&self.write_path).with_context(|| format!("cannot create {}", self.write_path.display()))
    }

    fn finish(&self) -> Result<()> {
        if self.atomic {
            std::fs::rename(&self.write_path, &self.path)
                .with_context(|| format!("cannot write {}", self.path.display()))?;
        }
        Ok(())
    }
}

fn suffixed(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

/// Analyses one JSONL ad record (the path `rolenorm report` takes when given a corpus).
pub(crate) fn analyze_json_line(analyzer: &Analyzer, scratch: &mut Scratch, line: &[u8]) -> Result<Analysis, String> {
    json_record(line).and_then(|fields| analyze_fields(analyzer, scratch, fields)).map(|(a, _)| a).map_err(|(_, e)| e)
}

/// Analyses one record.
fn analyze_record(analyzer: &Analyzer, scratch: &mut Scratch, record: RawRecord) -> Outcome {
    let number = record.number;
    let result = match record.kind {
        RawKind::Json(line) => json_record(&line).and_then(|fields| analyze_fields(analyzer, scratch, fields)),
        RawKind::Fields(fields) => analyze_fields(analyzer, scratch, FieldsOrPosting::Fields(fields)),
        RawKind::File { id, bytes, format } => analyzer
            .analyze_bytes(Ad { id: Some(&id), format, ..Ad::default() }, &bytes, None)
            .map_err(|e| (Some(id.clone()), e.to_string()))
            .and_then(|analysis| serialize(analysis, None, None, Some(id))),
        RawKind::Error { id, message } => Err((id, message)),
    };
    Outcome { number, result }
}

enum FieldsOrPosting {
    Fields(Fields),
    /// A schema.org JobPosting line, analysed as JSON-LD.
    Posting {
        id: Option<String>,
        json: String,
    },
}

/// A JSONL line as the batch reads it: the ad's fields borrowed from the line where possible,
/// plus what tells a schema.org `JobPosting` apart. Other fields are ignored.
#[derive(serde::Deserialize)]
struct LineRecord<'a> {
    #[serde(default)]
    id: Option<Value>,
    #[serde(default, borrow)]
    title: Option<Cow<'a, str>>,
    #[serde(default, borrow)]
    text: Option<Cow<'a, str>>,
    #[serde(default, borrow)]
    html: Option<Cow<'a, str>>,
    #[serde(default, borrow)]
    lang: Option<Cow<'a, str>>,
    #[serde(default, borrow)]
    source: Option<Cow<'a, str>>,
    #[serde(default, borrow)]
    date: Option<Cow<'a, str>>,
    #[serde(default, rename = "@type")]
    kind: Option<Value>,
    #[serde(default, rename = "@graph")]
    graph: Option<serde::de::IgnoredAny>,
}

/// Parses a JSONL line: an ad record or a `JobPosting`.
fn json_record(line: &[u8]) -> Result<FieldsOrPosting, (Option<String>, String)> {
    let text =
        std::str::from_utf8(line).map_err(|e| (None, format!("line is not valid UTF-8 (byte {})", e.valid_up_to())))?;
    let record: LineRecord<'_> = serde_json::from_str(text).map_err(|e| {
        let message = if e.is_data() && text.trim_start().starts_with('{') {
            format!(
                "a field has the wrong type ({e}); title, text, html, lang, source and date must be strings or null"
            )
        } else if e.is_data() {
            "the line is not a JSON object".to_owned()
        } else {
            format!("malformed JSON at column {}: {e}", e.column())
        };
        (None, message)
    })?;
    let id = match record.id {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) => Some(s),
        Some(Value::Number(n)) => Some(n.to_string()),
        Some(_) => return Err((None, "\"id\" must be a string or a number".to_owned())),
    };
    let is_posting = record.graph.is_some() || record.kind.as_ref().is_some_and(rolenorm_text::names_job_posting);
    if is_posting {
        return Ok(FieldsOrPosting::Posting { id, json: text.to_owned() });
    }
    Ok(FieldsOrPosting::Fields(Fields {
        id,
        title: record.title.map(Cow::into_owned),
        text: record.text.map(Cow::into_owned),
        html: record.html.map(Cow::into_owned),
        lang: record.lang.map(Cow::into_owned),
        source: record.source.map(Cow::into_owned),
        date: record.date.map(Cow::into_owned),
    }))
}

fn analyze_fields(
    analyzer: &Analyzer,
    scratch: &mut Scratch,
    record: FieldsOrPosting,
) -> Result<(Analysis, String), (Option<String>, String)> {
    let fields = match record {
        FieldsOrPosting::Posting { id, json } => {
            let ad = Ad { id: id.as_deref(), content: &json, format: Some(Format::JsonLd), ..Ad::default() };
            let analysis = analyzer.analyze_with(ad, scratch).map_err(|e| (id.clone(), e.to_string()))?;
            return serialize(analysis, None, None, id);
        }
        FieldsOrPosting::Fields(fields) => fields,
    };
    let id = fields.id.clone();
    let (content, format) = match (&fields.text, &fields.html) {
        (Some(text), _) => (text.as_str(), Format::Text),
        (None, Some(html)) => (html.as_str(), Format::Html),
        (None, None) => return Err((id, "the record has neither \"text\" nor \"html\"".to_owned())),
    };
    let language = match &fields.lang {
        None => None,
        Some(code) => Some(code.parse::<Language>().map_err(|e| (id.clone(), e.to_string()))?),
    };
    let ad = Ad { id: id.as_deref(), title: fields.title.as_deref(), content, format: Some(format), language };
    let analysis = analyzer.analyze_with(ad, scratch).map_err(|e| (id.clone(), e.to_string()))?;
    serialize(analysis, fields.source, fields.date, id)
}

fn serialize(
    mut analysis: Analysis,
    source: Option<String>,
    date: Option<String>,
    id: Option<String>,
) -> Result<(Analysis, String), (Option<String>, String)> {
    analysis.source = source;
    analysis.date = date;
    let json = serde_json::to_string(&analysis).map_err(|e| (id, e.to_string()))?;
    Ok((analysis, json))
}

/// Progress on standard error: a bar with ads/s and ETA on a terminal, a plain line every ten
/// seconds otherwise.
struct Progress {
    bar: Option<indicatif::ProgressBar>,
    last: Instant,
}

impl Progress {
    fn new(total: Option<u64>) -> Self {
        let bar = std::io::stderr().is_terminal().then(|| {
            let bar = match total {
                Some(total) => indicatif::ProgressBar::new(total),
                None => indicatif::ProgressBar::new_spinner(),
            };
            let style = indicatif::ProgressStyle::with_template(
                "{spinner} [{elapsed_precise}] {wide_bar} {bytes}/{total_bytes} {msg} ETA {eta}",
            )
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar());
            bar.set_style(style);
            bar
        });
        Progress { bar, last: Instant::now() }
    }

    fn update(&mut self, ads: usize, errors: usize, bytes: u64, started: Instant) {
        let seconds = started.elapsed().as_secs_f64().max(1e-9);
        let message = format!("{ads} ads, {errors} errors, {:.0} ads/s", ads as f64 / seconds);
        if let Some(bar) = &self.bar {
            bar.set_position(bytes);
            bar.set_message(message);
        } else if self.last.elapsed() >= Duration::from_secs(10) {
            self.last = Instant::now();
            eprintln!("rolenorm batch: {message}, {:.1} MB/s", bytes as f64 / seconds / 1e6);
        }
    }

    fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}
