//! Differential: one ad record read three ways gives one analysis: as an `AdRecord`
//! (`analyze_record`), as a JSONL line (`analyze_line`, the corpus fast path), and through the
//! batch reader and engine (`Input` + `Engine`, what `rolenorm batch` does).
#![no_main]

use std::io::Cursor;

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use rolenorm_analyze::{AdRecord, Language, Scratch};
use rolenorm_corpus::{Columns, Input, InputFormat, RawKind};
use rolenorm_fuzz::{ANALYZER, ENGINE};

#[derive(Debug, Arbitrary)]
struct Record {
    id: Option<String>,
    title: Option<String>,
    text: Option<String>,
    html: Option<String>,
    lang: Option<bool>,
    source: Option<String>,
    date: Option<String>,
    company: Option<String>,
}

fuzz_target!(|input: Record| {
    let record = AdRecord {
        id: input.id,
        title: input.title,
        text: input.text,
        html: input.html,
        job_posting: None,
        lang: input.lang.map(|de| if de { Language::De } else { Language::En }),
        source: input.source,
        date: input.date,
        company: input.company,
        ..AdRecord::default()
    };
    let line = serde_json::to_string(&record).expect("a record serialises");
    let as_json = |analysis: &rolenorm_analyze::Analysis| serde_json::to_string(analysis).expect("serialises");

    let owned = ANALYZER.analyze_record(&record).map(|a| as_json(&a)).map_err(|e| e.to_string());
    let borrowed =
        ANALYZER.analyze_line(line.as_bytes(), &mut Scratch::default()).map(|a| as_json(&a)).map_err(|e| e.to_string());
    assert_eq!(owned, borrowed, "analyze_record and analyze_line differ for {line}");

    let columns = Columns::parse(None).expect("default columns");
    let reader = Box::new(Cursor::new(format!("{line}\n").into_bytes()));
    let mut input = Input::from_reader("fuzz", reader, InputFormat::Jsonl, &columns).expect("JSONL opens");
    let mut chunk = Vec::new();
    input.next_chunk(2, &mut chunk).expect("one line reads");
    assert_eq!(chunk.len(), 1, "one line, one record");
    assert!(matches!(chunk[0].kind, RawKind::Json(_)));
    let outcome = ENGINE.analyze_records(&mut chunk).pop().expect("one outcome");
    let batch = outcome.result.map(|a| a.json.expect("engine writes JSON")).map_err(|f| f.message);
    assert_eq!(borrowed, batch, "analyze_line and the batch engine differ for {line}");
});
