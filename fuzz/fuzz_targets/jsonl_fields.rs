//! Differential: the corpus fast path for JSONL lines reads every line it accepts exactly as
//! serde_json reads it (the same fields, or serde's error where the fast path would have
//! accepted a line serde refuses). Inputs are any text; the seeds are corpus-like lines.
#![no_main]

use libfuzzer_sys::fuzz_target;
use rolenorm_analyze::line_fields_both_ways;

fuzz_target!(|line: &str| {
    let (fast, reference) = line_fields_both_ways(line);
    if let Some(fast) = fast {
        assert_eq!(Ok(fast), reference, "the fast path and serde_json read {line:?} differently");
    }
});
