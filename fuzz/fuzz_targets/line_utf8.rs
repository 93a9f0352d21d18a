//! Differential: the JSONL line's UTF-8 check (`simdutf8`'s compatible API in `analyze_line`) against
//! `std::str::from_utf8`: a line std refuses fails as not UTF-8 at the offset std names, a line std accepts never
//! fails as not UTF-8. Half the inputs are made mostly valid (a JSON record around the bytes) so that the check
//! runs past its ASCII fast path.
#![no_main]

use libfuzzer_sys::fuzz_target;
use rolenorm_analyze::RecordError;
use rolenorm_fuzz::ANALYZER;

fuzz_target!(|data: &[u8]| {
    let Some((&choice, bytes)) = data.split_first() else { return };
    let line = if choice % 2 == 0 {
        bytes.to_vec()
    } else {
        [br#"{"id":"x","title":"Social Media Manager (m/w/d)","text":""#.as_slice(), bytes, br#""}"#].concat()
    };
    let mut scratch = rolenorm_analyze::Scratch::default();
    let result = ANALYZER.analyze_line(&line, &mut scratch);
    match std::str::from_utf8(&line) {
        Err(e) => assert_eq!(result.err(), Some(RecordError::NotUtf8 { offset: e.valid_up_to() })),
        Ok(_) => assert!(!matches!(result, Err(RecordError::NotUtf8 { .. })), "valid UTF-8 refused"),
    }
});
