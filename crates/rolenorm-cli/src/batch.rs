//! `rolenorm batch`: a JSONL file of ads in, a JSONL file of analyses out, in input order.
//!
//! Each input line is an object with `id`, `title` (may be null or absent), `text` or `html`,
//! and optional `lang`. A line that cannot be analysed becomes `{"id", "line", "error"}` and
//! the run goes on; the exit code is 1 when any line failed.

use std::fs::File;
use std::io::{BufRead, BufReader, BufWriter, IsTerminal, Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use rayon::prelude::*;
use rolenorm_analyze::{Ad, Analyzer, Format, Scratch};
use rolenorm_text::Language;
use serde_json::Value;

use crate::{NormArgs, load_analyzer};

/// Arguments of `rolenorm batch`.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// JSONL input, one ad per line; `-` for standard input.
    input: PathBuf,
    /// JSONL output, one analysis per line; `-` for standard output.
    #[arg(short, long)]
    output: PathBuf,
    /// Worker threads (default: all cores).
    #[arg(long)]
    threads: Option<usize>,
    #[command(flatten)]
    norm: NormArgs,
}

/// Lines analysed together; bounds memory while keeping all cores busy.
const CHUNK_LINES: usize = 512;

pub(crate) fn run(args: Args) -> Result<ExitCode> {
    let analyzer = load_analyzer(args.norm.norm.as_deref())?;
    let mut pool = rayon::ThreadPoolBuilder::new();
    if let Some(threads) = args.threads {
        pool = pool.num_threads(threads.max(1));
    }
    let pool = pool.build().context("cannot start worker threads")?;

    let input_name = args.input.display().to_string();
    let reader: Box<dyn Read> = if args.input.as_os_str() == "-" {
        Box::new(std::io::stdin())
    } else {
        Box::new(File::open(&args.input).with_context(|| format!("cannot open {input_name}"))?)
    };
    let mut reader = BufReader::with_capacity(1 << 20, reader);
    let writer: Box<dyn Write> = if args.output.as_os_str() == "-" {
        Box::new(std::io::stdout().lock())
    } else {
        // Write to a temporary file and rename at the end, so a failed run never leaves a
        // half-written output over an earlier, complete one.
        Box::new(
            File::create(temporary(&args.output))
                .with_context(|| format!("cannot create {}", args.output.display()))?,
        )
    };
    let mut writer = BufWriter::with_capacity(1 << 20, writer);

    let started = Instant::now();
    let mut progress = Progress::new();
    let (mut ads, mut errors, mut bytes_read, mut line_number) = (0usize, 0usize, 0usize, 0usize);
    let mut chunk: Vec<(usize, Vec<u8>)> = Vec::with_capacity(CHUNK_LINES);
    loop {
        chunk.clear();
        while chunk.len() < CHUNK_LINES {
            let mut line = Vec::new();
            let read = reader.read_until(b'\n', &mut line).with_context(|| format!("cannot read {input_name}"))?;
            if read == 0 {
                break;
            }
            line_number += 1;
            bytes_read += read;
            if line.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            chunk.push((line_number, line));
        }
        if chunk.is_empty() {
            break;
        }
        let results: Vec<(String, bool)> = pool.install(|| {
            chunk
                .par_iter()
                .map_init(Scratch::default, |scratch, (number, line)| analyze_line(&analyzer, scratch, *number, line))
                .collect()
        });
        for (json, failed) in results {
            writer.write_all(json.as_bytes())?;
            writer.write_all(b"\n")?;
            ads += 1;
            errors += usize::from(failed);
        }
        progress.update(ads, errors, bytes_read, started);
    }
    writer.flush().context("cannot write the output")?;
    drop(writer);
    if args.output.as_os_str() != "-" {
        std::fs::rename(temporary(&args.output), &args.output)
            .with_context(|| format!("cannot write {}", args.output.display()))?;
    }
    let seconds = started.elapsed().as_secs_f64().max(1e-9);
    eprintln!(
        "rolenorm batch: {ads} ads, {errors} errors, {seconds:.2} s, {:.0} ads/s, {:.1} MB/s",
        ads as f64 / seconds,
        bytes_read as f64 / seconds / 1e6
    );
    Ok(if errors > 0 { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

fn temporary(output: &std::path::Path) -> PathBuf {
    let mut name = output.as_os_str().to_owned();
    name.push(".partial");
    PathBuf::from(name)
}

/// Analyses one input line; returns the output line and whether it is an error.
fn analyze_line(analyzer: &Analyzer, scratch: &mut Scratch, number: usize, line: &[u8]) -> (String, bool) {
    let mut id = Value::Null;
    let result = (|| -> Result<String, String> {
        let text =
            std::str::from_utf8(line).map_err(|e| format!("line is not valid UTF-8 (byte {})", e.valid_up_to()))?;
        let record: Value =
            serde_json::from_str(text).map_err(|e| format!("malformed JSON at column {}: {e}", e.column()))?;
        let Value::Object(record) = record else {
            return Err("the line is not a JSON object".to_owned());
        };
        id = record.get("id").cloned().unwrap_or(Value::Null);
        let id_text = match &id {
            Value::String(s) => Some(s.clone()),
            Value::Number(n) => Some(n.to_string()),
            Value::Null => None,
            _ => return Err("\"id\" must be a string or a number".to_owned()),
        };
        let field = |name: &str| -> Result<Option<&str>, String> {
            match record.get(name) {
                None | Some(Value::Null) => Ok(None),
                Some(Value::String(s)) => Ok(Some(s.as_str())),
                Some(_) => Err(format!("\"{name}\" must be a string or null")),
            }
        };
        let title = field("title")?;
        let (content, format) = match (field("text")?, field("html")?) {
            (Some(text), _) => (text, Some(Format::Text)),
            (None, Some(html)) => (html, Some(Format::Html)),
            (None, None) => return Err("the record has neither \"text\" nor \"html\"".to_owned()),
        };
        let language = match field("lang")? {
            None => None,
            Some(code) => Some(code.parse::<Language>().map_err(|e| e.to_string())?),
        };
        let ad = Ad { id: id_text.as_deref(), title, content, format, language };
        let analysis = analyzer.analyze_with(ad, scratch).map_err(|e| e.to_string())?;
        serde_json::to_string(&analysis).map_err(|e| e.to_string())
    })();
    match result {
        Ok(json) => (json, false),
        Err(message) => {
            let error = serde_json::json!({ "id": id, "line": number, "error": message });
            (error.to_string(), true)
        }
    }
}

/// Progress on standard error: a live line on a terminal, a line every ten seconds otherwise.
struct Progress {
    terminal: bool,
    last: Instant,
}

impl Progress {
    fn new() -> Self {
        Progress { terminal: std::io::stderr().is_terminal(), last: Instant::now() }
    }

    fn update(&mut self, ads: usize, errors: usize, bytes: usize, started: Instant) {
        let every = if self.terminal { Duration::from_millis(250) } else { Duration::from_secs(10) };
        if self.last.elapsed() < every {
            return;
        }
        self.last = Instant::now();
        let seconds = started.elapsed().as_secs_f64().max(1e-9);
        let line = format!(
            "rolenorm batch: {ads} ads, {errors} errors, {:.0} ads/s, {:.1} MB/s",
            ads as f64 / seconds,
            bytes as f64 / seconds / 1e6
        );
        if self.terminal {
            eprint!("\r{line}");
        } else {
            eprintln!("{line}");
        }
    }
}
