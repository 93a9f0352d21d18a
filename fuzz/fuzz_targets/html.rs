//! Robustness: HTML flattening (iterative, any nesting) and the analysis of HTML ads.
#![no_main]

use libfuzzer_sys::fuzz_target;
use rolenorm_analyze::{Ad, Format};
use rolenorm_fuzz::ANALYZER;

fuzz_target!(|data: &[u8]| {
    let text = rolenorm_fuzz::text(data);
    if let Ok(document) = rolenorm_text::extract_html(&text) {
        assert!(document.text.len() <= text.len() * 4 + 16, "flattened text much longer than the page");
    }
    let _ = ANALYZER.analyze(Ad { content: &text, format: Some(Format::Html), ..Ad::default() });
});
