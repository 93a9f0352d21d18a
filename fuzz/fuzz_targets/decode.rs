//! Robustness: decoding any bytes with any declared encoding, and analysing what decodes.
#![no_main]

use libfuzzer_sys::fuzz_target;
use rolenorm_analyze::Ad;
use rolenorm_fuzz::ANALYZER;

const ENCODINGS: [Option<&str>; 8] =
    [None, Some("utf-8"), Some("windows-1252"), Some("iso-8859-1"), Some("utf-16le"), Some("utf-16"), Some(""), Some("x-bogus")];

fuzz_target!(|data: &[u8]| {
    let Some((&choice, bytes)) = data.split_first() else { return };
    let encoding = ENCODINGS[usize::from(choice) % ENCODINGS.len()];
    if let Ok(text) = rolenorm_text::decode(bytes, encoding) {
        assert!(text.len() <= bytes.len() * 3 + 3, "decoding grows the text beyond UTF-8's worst case");
    }
    let _ = ANALYZER.analyze_bytes(Ad::default(), bytes, encoding);
});
