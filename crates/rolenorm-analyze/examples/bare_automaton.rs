//! The practical speed limit of rolenorm: one bare Aho-Corasick pass over a file.
//!
//! Builds an `aho_corasick::AhoCorasick` DFA (`MatchKind::Standard`) from every term of every task phrase of the
//! built-in norm (English and German, folded with `rolenorm_text::fold_phrase`, multi-term phrases split on
//! `+`) and runs `find_overlapping_iter` over the file's raw bytes, ASCII-lowercased in chunks. No decoding, no
//! JSON, no folding of umlauts or gender forms, no boundary checks, no scoring: whatever `rolenorm batch` does
//! beyond this pass is its overhead.
//!
//! ```sh
//! cargo run --release -p rolenorm-analyze --example bare_automaton -- FILE
//! cargo run --release -p rolenorm-analyze --example bare_automaton -- --phrases 300 PHRASES.txt
//! ```
//!
//! With `--phrases N OUT` it writes N of those terms instead (spread evenly over the sorted list,
//! one a line), the fixed-string list that `scripts/bench-corpus.sh` gives `grep -F -i -f`.

#![allow(missing_docs)]

use std::error::Error;
use std::time::Instant;

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use rolenorm_norm::Norm;
use rolenorm_text::fold_phrase;

/// Bytes lowercased and scanned per step.
const CHUNK: usize = 1 << 20;

fn main() -> Result<(), Box<dyn Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let terms = task_terms()?;
    if let [flag, count, out] = args.as_slice()
        && flag == "--phrases"
    {
        return write_phrases(&terms, count.parse()?, out);
    }
    let path = args.first().ok_or("usage: bare_automaton FILE | --phrases N OUT")?;
    let bytes = std::fs::read(path).map_err(|e| format!("{path}: {e}"))?;
    scan(&terms, &bytes)
}

/// `count` of the terms, spread evenly over the sorted list, one a line.
fn write_phrases(terms: &[String], count: usize, out: &str) -> Result<(), Box<dyn Error>> {
    let step = (terms.len() / count.max(1)).max(1);
    let chosen: Vec<&str> = terms.iter().step_by(step).take(count).map(String::as_str).collect();
    std::fs::write(out, chosen.join("\n") + "\n").map_err(|e| format!("{out}: {e}"))?;
    println!("bare automaton: wrote {} of {} terms to {out}", chosen.len(), terms.len());
    Ok(())
}

/// Every term of every task phrase, folded, sorted and deduplicated.
fn task_terms() -> Result<Vec<String>, Box<dyn Error>> {
    let norm = Norm::builtin()?;
    let mut terms: Vec<String> = norm
        .tasks()
        .iter()
        .flat_map(|task| task.phrases.iter())
        .flat_map(|(_, phrase)| {
            let text = phrase.text.trim_start();
            let text = text.strip_prefix('~').unwrap_or(text);
            text.split('+').map(fold_phrase).collect::<Vec<_>>()
        })
        .filter(|term| !term.is_empty())
        .collect();
    terms.sort();
    terms.dedup();
    Ok(terms)
}

/// One overlapping pass over `bytes`, ASCII-lowercased in chunks; prints the speed.
fn scan(terms: &[String], bytes: &[u8]) -> Result<(), Box<dyn Error>> {
    let built = Instant::now();
    let automaton =
        AhoCorasick::builder().kind(Some(AhoCorasickKind::DFA)).match_kind(MatchKind::Standard).build(terms)?;
    let build_seconds = built.elapsed().as_secs_f64();

    // Chunks overlap by the longest term minus one byte, so no match across a chunk border is lost; a match is
    // counted only in the chunk where it ends past the overlap, so none is counted twice.
    let overlap = terms.iter().map(String::len).max().unwrap_or(1).saturating_sub(1);
    let mut buffer = Vec::with_capacity(CHUNK + overlap);
    let mut matches: u64 = 0;
    let started = Instant::now();
    let mut start = 0;
    while start < bytes.len() {
        let from = start.saturating_sub(overlap);
        let end = (start + CHUNK).min(bytes.len());
        buffer.clear();
        buffer.extend_from_slice(&bytes[from..end]);
        buffer.make_ascii_lowercase();
        let fresh = start - from;
        matches += automaton.find_overlapping_iter(&buffer).filter(|m| m.end() > fresh).count() as u64;
        start = end;
    }
    let seconds = started.elapsed().as_secs_f64();

    let megabytes = bytes.len() as f64 / 1e6;
    println!("bare automaton: {} terms, DFA built in {build_seconds:.3} s", terms.len());
    println!(
        "bare automaton: {} bytes, {seconds:.3} s, {:.1} MB/s, {matches} matches",
        bytes.len(),
        megabytes / seconds.max(1e-9)
    );
    Ok(())
}
