//! Robustness: the schema.org `JobPosting` walker, the format detection, and the analysis of
//! JSON-LD ads (also as corpus lines, which may be `JobPosting` objects themselves).
#![no_main]

use libfuzzer_sys::fuzz_target;
use rolenorm_analyze::{Ad, Format, Scratch};
use rolenorm_fuzz::ANALYZER;

fuzz_target!(|data: &[u8]| {
    let text = rolenorm_fuzz::text(data);
    let _ = rolenorm_text::extract_json(&text);
    let _ = rolenorm_text::extract(&text);
    let _ = ANALYZER.analyze(Ad { content: &text, format: Some(Format::JsonLd), ..Ad::default() });
    let _ = ANALYZER.analyze_line(data, &mut Scratch::default());
});
