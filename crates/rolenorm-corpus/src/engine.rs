//! The corpus engine: records read a chunk at a time, analysed on a thread pool with one
//! [`Scratch`] per worker, and handed back in input order, so memory stays bounded whatever
//! the corpus size.

use std::cell::RefCell;
use std::collections::{BTreeMap, VecDeque};
use std::panic::{self, AssertUnwindSafe};
use std::sync::atomic::Ordering;
use std::sync::{Arc, mpsc};

use rayon::prelude::*;
use rolenorm_analyze::{Ad, Analysis, Analyzer, Scratch};

use crate::error::CorpusError;
use crate::input::{Input, RawKind, RawRecord};

/// Records analysed together; bounds memory while keeping all cores busy.
pub const CHUNK_RECORDS: usize = 256;

/// Chunks read ahead of the analysis.
const READ_AHEAD: usize = 1;

thread_local! {
    /// Each worker thread's buffers, reused across chunks and runs.
    static SCRATCH: RefCell<Scratch> = RefCell::new(Scratch::default());
}

/// A chunk as the reader thread hands it on.
struct ReadChunk {
    records: Vec<RawRecord>,
    /// The input's bytes consumed after this chunk.
    consumed: u64,
    /// The read error that ended the input after this chunk's records.
    error: Option<CorpusError>,
}

/// The reader thread: chunks of `input` to `chunks` until the input ends, fails, or the
/// receiver is gone.
fn read_chunks(input: &mut Input, chunks: &mpsc::SyncSender<ReadChunk>) {
    loop {
        let mut records = Vec::with_capacity(CHUNK_RECORDS);
        let error = input.next_chunk(CHUNK_RECORDS, &mut records).err();
        let last = records.is_empty() || error.is_some();
        let consumed = input.consumed.load(Ordering::Relaxed);
        if chunks.send(ReadChunk { records, consumed, error }).is_err() || last {
            return;
        }
    }
}

/// What became of one record.
#[derive(Debug)]
pub struct Outcome {
    /// 1-based line (JSONL), row (CSV, Parquet) or file number (folder).
    pub number: usize,
    /// The analysis, or why there is none.
    pub result: Result<Analyzed, Failed>,
}

/// An analysed record.
#[derive(Debug)]
pub struct Analyzed {
    /// The analysis; `None` when the engine keeps only its JSON ([`Engine::json_only`]).
    pub analysis: Option<Analysis>,
    /// The analysis as one line of JSON, when the engine was asked for it (serialised on the
    /// worker threads).
    pub json: Option<String>,
}

/// A record that could not be analysed.
#[derive(Debug, Clone, PartialEq)]
pub struct Failed {
    /// The record's id, when it was read far enough to know it.
    pub id: Option<String>,
    /// Why, naming the field or the problem.
    pub message: String,
}

impl Failed {
    /// The error as the JSON object written in place of the analysis: `{"id", "line", "error"}`.
    pub fn to_json(&self, number: usize) -> String {
        serde_json::json!({ "id": self.id, "line": number, "error": self.message }).to_string()
    }
}

/// Progress after each chunk.
#[derive(Debug, Clone, Copy, Default)]
pub struct Progress {
    /// Records read and handed back.
    pub records: usize,
    /// Of those, the records that failed.
    pub errors: usize,
    /// Input bytes consumed (compressed bytes for compressed input).
    pub bytes: u64,
}

/// How a run ended.
#[derive(Debug, Default)]
pub struct Summary {
    /// The counts at the end.
    pub progress: Progress,
    /// A read error that ended the input early (a truncated gzip stream); every record read
    /// before it was analysed.
    pub read_error: Option<CorpusError>,
}

/// What receives a run's outcomes, in input order.
pub trait Consumer {
    /// The consumer's error; a corpus error converts into it.
    type Error: From<CorpusError>;

    /// One record's outcome.
    fn outcome(&mut self, outcome: Outcome) -> Result<(), Self::Error>;

    /// A chunk is done: flush what was buffered, show progress.
    fn chunk_done(&mut self, _progress: Progress) -> Result<(), Self::Error> {
        Ok(())
    }
}

/// Analyses corpora on a pool of worker threads.
pub struct Engine {
    analyzer: Arc<Analyzer>,
    pool: rayon::ThreadPool,
    json: bool,
    /// Whether outcomes hold the analysis (else only its JSON).
    keep_analysis: bool,
}

impl Engine {
    /// An engine on `threads` workers (default: all cores).
    pub fn new(analyzer: Arc<Analyzer>, threads: Option<usize>) -> Result<Self, CorpusError> {
        let mut pool = rayon::ThreadPoolBuilder::new();
        if let Some(threads) = threads {
            pool = pool.num_threads(threads.max(1));
        }
        let pool = pool.build().map_err(|e| CorpusError::Input(format!("cannot start worker threads: {e}")))?;
        Ok(Engine { analyzer, pool, json: false, keep_analysis: true })
    }

    /// Also serialise each analysis to one JSON line, on the workers.
    pub fn with_json(mut self, json: bool) -> Self {
        self.json = json;
        self
    }

    /// Serialise each analysis to one JSON line on the workers and keep only that: the
    /// analysis is dropped where it was made, so its memory is freed on the thread that
    /// allocated it (the JSONL writer's mode).
    pub fn json_only(mut self) -> Self {
        self.json = true;
        self.keep_analysis = false;
        self
    }

    /// The analyzer the engine applies.
    pub fn analyzer(&self) -> &Analyzer {
        &self.analyzer
    }

    /// Reads `input` to its end, handing every outcome to `consumer` in input order and the
    /// progress after each chunk. An error of the consumer stops the run; a read error that
    /// ends the input is reported in the summary.
    ///
    /// A pipeline: a reader thread reads the next chunks while the pool analyses earlier ones
    /// and this thread hands the finished ones, in order, to `consumer`.
    pub fn run<C: Consumer>(&self, input: &mut Input, consumer: &mut C) -> Result<Summary, C::Error> {
        let name = input.name().to_owned();
        let (chunks, read) = mpsc::sync_channel::<ReadChunk>(READ_AHEAD);
        std::thread::scope(|threads| {
            threads.spawn(move || read_chunks(input, &chunks));
            let summary = self.pool.in_place_scope(|pool| self.drive(pool, &name, &read, consumer));
            // Gone before the scope joins the reader: a reader blocked on a full channel returns.
            drop(read);
            summary
        })
    }

    /// Takes the reader's chunks, keeps up to [`Engine::in_flight`] of them on the pool, and
    /// hands the analysed ones to `consumer` in input order.
    fn drive<'s, C: Consumer>(
        &'s self,
        pool: &rayon::Scope<'s>,
        name: &str,
        read: &mpsc::Receiver<ReadChunk>,
        consumer: &mut C,
    ) -> Result<Summary, C::Error> {
        let mut summary = Summary::default();
        let (done, analysed) = mpsc::channel::<(usize, std::thread::Result<Vec<Outcome>>)>();
        let mut pending: BTreeMap<usize, std::thread::Result<Vec<Outcome>>> = BTreeMap::new();
        let mut meta: VecDeque<(u64, Option<CorpusError>)> = VecDeque::new();
        let (mut sent, mut written, mut reading) = (0, 0, true);
        loop {
            while reading && sent - written < self.in_flight() {
                let Ok(mut chunk) = read.recv() else {
                    reading = false;
                    break;
                };
                reading = chunk.error.is_none();
                if chunk.records.is_empty() {
                    summary.read_error = chunk.error;
                    break;
                }
                if sent == 0 {
                    refuse_analyses(name, &chunk.records)?;
                }
                let done = done.clone();
                pool.spawn(move |_| {
                    let outcomes = panic::catch_unwind(AssertUnwindSafe(|| self.analyze_records(&mut chunk.records)));
                    // The receiver is gone only when the run has stopped early.
                    let _ = done.send((sent, outcomes));
                });
                meta.push_back((chunk.consumed, chunk.error));
                sent += 1;
            }
            if written == sent {
                return Ok(summary);
            }
            let finished = match pending.remove(&written) {
                Some(outcomes) => outcomes,
                None => match analysed.recv() {
                    Ok((index, outcomes)) if index == written => outcomes,
                    Ok((index, outcomes)) => {
                        pending.insert(index, outcomes);
                        continue;
                    }
                    Err(_) => return Ok(summary),
                },
            };
            // A panic on a worker (a bug) surfaces here, as it would have without the pipeline.
            let outcomes = finished.unwrap_or_else(|payload| panic::resume_unwind(payload));
            for outcome in outcomes {
                summary.progress.records += 1;
                summary.progress.errors += usize::from(outcome.result.is_err());
                consumer.outcome(outcome)?;
            }
            let (consumed, error) = meta.pop_front().unwrap_or_default();
            summary.progress.bytes = consumed;
            consumer.chunk_done(summary.progress)?;
            written += 1;
            if error.is_some() {
                summary.read_error = error;
                return Ok(summary);
            }
        }
    }

    /// Chunks on the pool at once: one per worker and one more, so that no worker waits while
    /// a finished chunk is written.
    fn in_flight(&self) -> usize {
        self.pool.current_num_threads() + 1
    }

    /// Analyses records on the pool, keeping their order (`chunk` is emptied). Each worker
    /// thread reuses its own [`Scratch`].
    pub fn analyze_records(&self, chunk: &mut Vec<RawRecord>) -> Vec<Outcome> {
        self.pool.install(|| {
            chunk
                .par_drain(..)
                .map(|record| SCRATCH.with_borrow_mut(|scratch| self.analyze_raw(scratch, record)))
                .collect()
        })
    }

    /// Analyses one record as read.
    fn analyze_raw(&self, scratch: &mut Scratch, record: RawRecord) -> Outcome {
        let analyzer = &*self.analyzer;
        let result = match record.kind {
            RawKind::Json(line) => analyzer
                .analyze_line(&line, scratch)
                .map_err(|e| Failed { id: e.id().map(str::to_owned), message: e.to_string() }),
            RawKind::Record(record) => analyzer
                .analyze_record_with(&record, scratch)
                .map_err(|e| Failed { id: record.id.clone(), message: e.to_string() }),
            RawKind::File { id, bytes, format } => analyzer
                .analyze_bytes(Ad { id: Some(&id), format, ..Ad::default() }, &bytes, None)
                .map_err(|e| Failed { id: Some(id.clone()), message: e.to_string() }),
            RawKind::Error { id, message } => Err(Failed { id, message }),
        };
        let result = result.and_then(|analysis| self.serialize(analysis));
        Outcome { number: record.number, result }
    }

    fn serialize(&self, analysis: Analysis) -> Result<Analyzed, Failed> {
        let json = match self.json.then(|| to_json(&analysis)).transpose() {
            Ok(json) => json,
            Err(message) => return Err(Failed { id: analysis.id.clone(), message }),
        };
        Ok(Analyzed { analysis: self.keep_analysis.then_some(analysis), json })
    }
}

/// Bytes reserved for one analysis line: most lines fit, so the line is written without
/// growing its buffer (`serde_json::to_string` starts at 128 bytes and doubles).
const JSON_LINE_BYTES: usize = 2048;

/// `serde_json::to_string`, into a buffer of [`JSON_LINE_BYTES`].
fn to_json(analysis: &Analysis) -> Result<String, String> {
    let mut line = Vec::with_capacity(JSON_LINE_BYTES);
    serde_json::to_writer(&mut line, analysis).map_err(|e| e.to_string())?;
    String::from_utf8(line).map_err(|e| e.to_string())
}

/// Analyses fed back in as ads would fail line by line: refuse them once, up front.
fn refuse_analyses(name: &str, chunk: &[RawRecord]) -> Result<(), CorpusError> {
    let Some(line) = chunk.iter().find_map(|r| match &r.kind {
        RawKind::Json(line) => Some(line),
        _ => None,
    }) else {
        return Ok(());
    };
    let Ok(serde_json::Value::Object(object)) = serde_json::from_slice::<serde_json::Value>(line) else {
        return Ok(());
    };
    if ["role", "norm", "tasks"].iter().all(|k| object.contains_key(*k)) {
        return Err(CorpusError::Input(format!(
            "{name} holds rolenorm analyses, not job ads: give the ads they were made from, or read them with `rolenorm report`"
        )));
    }
    Ok(())
}
