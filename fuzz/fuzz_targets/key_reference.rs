//! Differential: the match key's fast path (ASCII runs in one step) against the reference fold
//! (one character at a time), and the offset map's invariants.
#![no_main]

use libfuzzer_sys::fuzz_target;
use rolenorm_text::{MatchKey, SEP};

fuzz_target!(|data: &[u8]| {
    let text = rolenorm_fuzz::text(data);
    let fast = MatchKey::new(&text);
    let mut reference = MatchKey::default();
    reference.rebuild_reference(&text);
    assert_eq!(fast, reference, "fast path and reference fold differ for {text:?}");

    let bytes = fast.bytes();
    assert_eq!(bytes.first(), Some(&SEP));
    assert_eq!(bytes.last(), Some(&SEP));
    let mut previous = 0;
    for index in 0..=bytes.len() {
        let offset = fast.source_offset(index);
        assert!(offset >= previous, "offsets decrease at key byte {index}");
        assert!(text.is_char_boundary(offset), "offset {offset} is inside a character");
        previous = offset;
    }
    assert_eq!(fast.source_offset(bytes.len()), text.len());
});
