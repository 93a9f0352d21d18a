//! Robustness: any bytes as a JSONL or CSV corpus (plain; compressed when they start like it),
//! read a chunk at a time and analysed by the engine, as `rolenorm batch` does.
#![no_main]

use std::io::Cursor;

use libfuzzer_sys::fuzz_target;
use rolenorm_corpus::{Columns, Input, InputFormat};
use rolenorm_fuzz::ENGINE;

fuzz_target!(|data: &[u8]| {
    let Some((&choice, bytes)) = data.split_first() else { return };
    let format = if choice % 2 == 0 { InputFormat::Jsonl } else { InputFormat::Csv };
    let columns = Columns::parse(None).expect("default columns");
    let Ok(mut input) = Input::from_reader("fuzz", Box::new(Cursor::new(bytes.to_vec())), format, &columns) else {
        return;
    };
    let mut chunk = Vec::new();
    for _ in 0..64 {
        let read = input.next_chunk(8, &mut chunk);
        if chunk.is_empty() {
            break;
        }
        let outcomes = ENGINE.analyze_records(&mut chunk);
        assert!(!outcomes.is_empty());
        if read.is_err() {
            break;
        }
    }
});
