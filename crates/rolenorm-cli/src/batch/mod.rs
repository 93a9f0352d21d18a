//! `rolenorm batch`: a corpus of ads in, one analysis per ad out, in input order.
//!
//! Inputs: JSONL (ads or schema.org `JobPosting` objects), CSV (`--columns`), Parquet, or a
//! folder of `.txt`/`.html`/`.json` files; JSONL and CSV optionally gzip/zstd-compressed.
//! Outputs: JSONL, CSV or Parquet.
//! All cores by default (`--threads`); records are read and analysed a chunk at a time, so
//! memory stays bounded whatever the corpus size. A bad record is written to the errors file
//! (default `OUTPUT.errors.jsonl`) with its line or row number and the reason, and the run
//! goes on; the exit code is 1 when any record failed.

use std::io::{BufWriter, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use rolenorm_corpus::{Analyzed, Columns, Engine, Input, InputFormat, Outcome, OutputFormat, Sink};

use crate::{NormArgs, load_analyzer};
use destination::{Destination, suffixed};

mod destination;

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
    input_format: Option<InputFormatArg>,
    /// The output's format (default: from its name).
    #[arg(long, value_enum)]
    output_format: Option<OutputFormatArg>,
    /// CSV columns for the ad's fields, e.g. `id=job_id,title=job_title,text=description`.
    #[arg(long)]
    columns: Option<String>,
    /// Where bad records go (default: OUTPUT.errors.jsonl; standard error when OUTPUT is `-`).
    #[arg(long)]
    errors: Option<PathBuf>,
    /// Replace an existing output file even if no rolenorm run wrote it (never the input).
    #[arg(long)]
    force: bool,
    /// Worker threads (default: all cores).
    #[arg(long)]
    threads: Option<usize>,
    #[command(flatten)]
    norm: NormArgs,
}

/// Input layouts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum InputFormatArg {
    /// One JSON object per line: an ad record or a schema.org `JobPosting`.
    Jsonl,
    /// CSV with a header row; `--columns` maps fields to column names.
    Csv,
    /// A folder of `.txt`, `.html` and `.json` files, one ad each.
    Dir,
    /// Apache Parquet with string columns.
    Parquet,
}

impl From<InputFormatArg> for InputFormat {
    fn from(value: InputFormatArg) -> Self {
        match value {
            InputFormatArg::Jsonl => InputFormat::Jsonl,
            InputFormatArg::Csv => InputFormat::Csv,
            InputFormatArg::Dir => InputFormat::Dir,
            InputFormatArg::Parquet => InputFormat::Parquet,
        }
    }
}

/// Output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum OutputFormatArg {
    /// One analysis object per line; a bad record becomes `{"id", "line", "error"}` in place.
    Jsonl,
    /// One row per analysed ad with flat columns.
    Csv,
    /// The CSV columns as an Apache Parquet file.
    Parquet,
}

impl From<OutputFormatArg> for OutputFormat {
    fn from(value: OutputFormatArg) -> Self {
        match value {
            OutputFormatArg::Jsonl => OutputFormat::Jsonl,
            OutputFormatArg::Csv => OutputFormat::Csv,
            OutputFormatArg::Parquet => OutputFormat::Parquet,
        }
    }
}

pub(crate) fn run(args: Args) -> Result<ExitCode> {
    let analyzer = load_analyzer(args.norm.norm.as_deref())?;
    let engine = Engine::new(analyzer, args.threads)?;
    let columns = Columns::parse(args.columns.as_deref())?;
    let mut input = Input::open(&args.input, args.input_format.map(Into::into), &columns)?;

    let to_stdout = args.output.as_os_str() == "-";
    let output_format = args.output_format.map_or_else(|| OutputFormat::guess(&args.output), Into::into);
    // JSONL needs only each analysis' JSON, made and the analysis freed on the workers; CSV and
    // Parquet need only the analyses.
    let engine = if output_format == OutputFormat::Jsonl { engine.json_only() } else { engine };
    if to_stdout && output_format == OutputFormat::Parquet {
        anyhow::bail!("Parquet cannot be written to standard output; give a file name");
    }
    // A regular file is written as OUTPUT.partial and renamed at the end, so a failed run never
    // leaves a half-written file over an earlier, complete one; a device or pipe (/dev/null) is
    // written directly.
    let output = if to_stdout { None } else { Some(Destination::new(&args.output, &args.input, args.force)?) };
    let writer: Box<dyn Write> = match &output {
        _ if output_format == OutputFormat::Parquet => Box::new(std::io::sink()),
        None => Box::new(std::io::stdout().lock()),
        Some(destination) => Box::new(destination.create()?),
    };
    let parquet_path = output.as_ref().map_or_else(|| args.output.clone(), |d| d.write_path.clone());
    // Smaller than a chunk's JSONL lines, which the sink writes at once: they pass the buffer
    // by without a copy.
    let sink = Sink::new(output_format, BufWriter::with_capacity(64 << 10, writer), &parquet_path)?;
    let errors = args
        .errors
        .clone()
        .or_else(|| output.as_ref().filter(|d| d.atomic).map(|_| suffixed(&args.output, ".errors.jsonl")));
    let errors_destination = errors.as_ref().map(|path| Destination::new(path, &args.input, args.force)).transpose()?;
    let errors_file: Box<dyn Write> = match &errors_destination {
        Some(destination) => Box::new(BufWriter::new(destination.create()?)),
        None => Box::new(std::io::stderr()),
    };

    let started = Instant::now();
    let mut writer = BatchWriter { sink, errors: errors_file, progress: ProgressLine::new(input.total), started };
    let summary = engine.run(&mut input, &mut writer)?;
    writer.progress.finish();
    writer.sink.finish().context("cannot write the output")?;
    writer.errors.flush()?;
    drop(writer.errors);
    let mut errors = summary.progress.errors;
    if let Some(error) = &summary.read_error {
        eprintln!("rolenorm batch: {error}; the records read before it were analysed");
        errors += 1;
    }
    if let Some(destination) = &output {
        destination.finish()?;
    }
    if let Some(destination) = &errors_destination {
        // A clean run leaves no errors file (and none from an earlier run).
        if errors > 0 { destination.finish()? } else { destination.discard()? }
    }
    let seconds = started.elapsed().as_secs_f64().max(1e-9);
    let ads = summary.progress.records;
    eprintln!(
        "rolenorm batch: {ads} ads, {errors} errors, {seconds:.2} s, {:.0} ads/s, {:.1} MB/s ({} → {})",
        ads as f64 / seconds,
        summary.progress.bytes as f64 / seconds / 1e6,
        input.name(),
        if to_stdout { "standard output".to_owned() } else { args.output.display().to_string() }
    );
    if let (true, Some(path)) = (errors > 0, &errors_destination.as_ref().map(|d| d.path.clone())) {
        eprintln!("rolenorm batch: bad records are listed in {}", path.display());
    }
    Ok(if errors > 0 { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

/// Writes the outcomes of a batch run: analyses to the sink, bad records to the sink (JSONL)
/// and to the errors file, progress to standard error.
struct BatchWriter<W: Write> {
    sink: Sink<W>,
    errors: Box<dyn Write>,
    progress: ProgressLine,
    started: Instant,
}

impl<W: Write> rolenorm_corpus::Consumer for BatchWriter<W> {
    type Error = anyhow::Error;

    fn outcome(&mut self, outcome: Outcome) -> Result<()> {
        match outcome.result {
            Ok(Analyzed { analysis: Some(analysis), json }) => {
                self.sink.analysis(&analysis, &json.unwrap_or_default())?
            }
            Ok(Analyzed { analysis: None, json }) => self.sink.json(json.unwrap_or_default())?,
            Err(failed) => {
                let error = failed.to_json(outcome.number);
                self.sink.error(&error)?;
                writeln!(self.errors, "{error}")?;
            }
        }
        Ok(())
    }

    fn chunk_done(&mut self, done: rolenorm_corpus::Progress) -> Result<()> {
        self.sink.end_chunk()?;
        self.progress.update(done.records, done.errors, done.bytes, self.started);
        Ok(())
    }
}

/// Progress on standard error: a bar with ads/s and ETA on a terminal, a plain line every ten
/// seconds otherwise.
struct ProgressLine {
    bar: Option<indicatif::ProgressBar>,
    last: Instant,
}

impl ProgressLine {
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
        ProgressLine { bar, last: Instant::now() }
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
