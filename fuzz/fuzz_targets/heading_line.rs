//! Differential: the sections stage's heading-line measures against counting every character and every word:
//! `at_most_chars(line, max)` is `line.chars().count() <= max` (it skips the count where the byte length decides) and
//! `at_most_words(line, max)` is `line.split_whitespace().count() <= max` (ASCII lines read byte by byte, the count
//! stops after `max` words). The first byte chooses the limits, the rest is the line (lossily decoded, so that
//! multi-byte characters and Unicode whitespace appear).
#![no_main]

use libfuzzer_sys::fuzz_target;
use rolenorm_analyze::heading_line::{at_most_chars, at_most_words};

fuzz_target!(|data: &[u8]| {
    let Some((&limits, bytes)) = data.split_first() else { return };
    let line = String::from_utf8_lossy(bytes);
    let max_chars = usize::from(limits) * 2;
    let max_words = usize::from(limits % 16);
    assert_eq!(at_most_chars(&line, max_chars), line.chars().count() <= max_chars, "chars {max_chars}");
    assert_eq!(at_most_words(&line, max_words), line.split_whitespace().count() <= max_words, "words {max_words}");
});
