//! The engine's pipeline (reader thread, pool, ordered hand-over): outcomes in input order on any
//! number of threads, a consumer error that stops the run early, a read error after some chunks.
#![allow(clippy::unwrap_used)]

use std::io::{Cursor, Read};
use std::sync::Arc;

use rolenorm_corpus::{CHUNK_RECORDS, Columns, Consumer, CorpusError, Engine, Input, InputFormat, Outcome, Progress};

fn engine(threads: usize) -> Engine {
    let norm = Arc::new(rolenorm_norm::Norm::builtin().unwrap());
    let analyzer = Arc::new(rolenorm_analyze::Analyzer::new(norm).unwrap());
    Engine::new(analyzer, Some(threads)).unwrap().with_json(true)
}

/// `ads` JSONL lines over several chunks; every 7th is malformed.
fn corpus(ads: usize) -> Vec<u8> {
    let mut lines = String::new();
    for i in 0..ads {
        if i % 7 == 3 {
            lines.push_str("{not json\n");
        } else {
            lines.push_str(&format!(
                "{{\"id\":\"ad-{i}\",\"title\":\"Community Manager\",\"text\":\"Du moderierst Kommentare. Anzeige {i}.\"}}\n"
            ));
        }
    }
    lines.into_bytes()
}

fn input(reader: impl Read + Send + 'static) -> Input {
    Input::from_reader("memory", Box::new(reader), InputFormat::Jsonl, &Columns::parse(None).unwrap()).unwrap()
}

/// Keeps every outcome's number and JSON line (or error), and fails after `fail_after` outcomes.
#[derive(Default)]
struct Collect {
    lines: Vec<(usize, String)>,
    chunks: Vec<Progress>,
    fail_after: Option<usize>,
}

impl Consumer for Collect {
    type Error = CorpusError;

    fn outcome(&mut self, outcome: Outcome) -> Result<(), CorpusError> {
        if self.fail_after == Some(self.lines.len()) {
            return Err(CorpusError::Input("the consumer gives up".into()));
        }
        let line = match outcome.result {
            Ok(analyzed) => analyzed.json.unwrap(),
            Err(failed) => failed.to_json(outcome.number),
        };
        self.lines.push((outcome.number, line));
        Ok(())
    }

    fn chunk_done(&mut self, progress: Progress) -> Result<(), CorpusError> {
        self.chunks.push(progress);
        Ok(())
    }
}

#[test]
fn outcomes_come_in_input_order_and_the_same_on_any_thread_count() {
    let ads = CHUNK_RECORDS * 5 + 17;
    let bytes = corpus(ads);
    let mut runs = Vec::new();
    for threads in [1, 2, 3] {
        let mut collect = Collect::default();
        let summary = engine(threads).run(&mut input(Cursor::new(bytes.clone())), &mut collect).unwrap();
        assert_eq!(summary.progress.records, ads);
        assert_eq!(summary.progress.errors, (0..ads).filter(|i| i % 7 == 3).count());
        assert!(summary.read_error.is_none());
        let numbers: Vec<usize> = collect.lines.iter().map(|(n, _)| *n).collect();
        assert_eq!(numbers, (1..=ads).collect::<Vec<_>>());
        assert_eq!(collect.chunks.len(), 6);
        assert_eq!(collect.chunks.last().unwrap().bytes, bytes.len() as u64);
        runs.push(collect.lines);
    }
    assert_eq!(runs[0], runs[1]);
    assert_eq!(runs[0], runs[2]);
}

#[test]
fn a_consumer_error_stops_the_run_early() {
    let bytes = corpus(CHUNK_RECORDS * 12);
    let mut collect = Collect { fail_after: Some(CHUNK_RECORDS + 5), ..Collect::default() };
    let error = engine(2).run(&mut input(Cursor::new(bytes)), &mut collect).err().unwrap();
    assert!(error.to_string().contains("gives up"), "{error}");
    assert_eq!(collect.lines.len(), CHUNK_RECORDS + 5);
}

/// Hands out `good` bytes, then fails.
struct Failing {
    good: Cursor<Vec<u8>>,
}

impl Read for Failing {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        match self.good.read(buf)? {
            0 => Err(std::io::Error::other("the disk is gone")),
            n => Ok(n),
        }
    }
}

#[test]
fn a_read_error_ends_the_run_after_the_records_read_before_it() {
    let ads = CHUNK_RECORDS * 3;
    let mut collect = Collect::default();
    let summary = engine(2).run(&mut input(Failing { good: Cursor::new(corpus(ads)) }), &mut collect).unwrap();
    let error = summary.read_error.unwrap();
    assert!(error.to_string().contains("the disk is gone"), "{error}");
    assert_eq!(collect.lines.len(), ads);
    assert_eq!(summary.progress.records, ads);
}

/// The JSON lines (or errors) of a run of `engine`, and how many outcomes kept their analysis.
fn lines_and_kept(engine: Engine, bytes: &[u8]) -> (Vec<String>, usize) {
    struct Keep(Vec<String>, usize);
    impl Consumer for Keep {
        type Error = CorpusError;
        fn outcome(&mut self, outcome: Outcome) -> Result<(), CorpusError> {
            let line = match outcome.result {
                Ok(analyzed) => {
                    self.1 += usize::from(analyzed.analysis.is_some());
                    analyzed.json.or_else(|| analyzed.analysis.map(|a| serde_json::to_string(&a).unwrap())).unwrap()
                }
                Err(failed) => failed.to_json(outcome.number),
            };
            self.0.push(line);
            Ok(())
        }
    }
    let mut keep = Keep(Vec::new(), 0);
    engine.run(&mut input(Cursor::new(bytes.to_vec())), &mut keep).unwrap();
    (keep.0, keep.1)
}

#[test]
fn json_only_gives_the_same_lines_without_the_analyses() {
    let bytes = corpus(CHUNK_RECORDS + 40);
    let good = (0..CHUNK_RECORDS + 40).filter(|i| i % 7 != 3).count();
    let (both, kept_both) = lines_and_kept(engine(2), &bytes);
    let (json, kept_json) = lines_and_kept(engine(2).json_only(), &bytes);
    let (analyses, kept_analyses) = lines_and_kept(engine(2).with_json(false), &bytes);
    assert_eq!((kept_both, kept_json, kept_analyses), (good, 0, good));
    assert_eq!(json, both);
    assert_eq!(analyses, both);
}
