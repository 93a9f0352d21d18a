//! Differential: the match key's fast path (ASCII runs in one step, the offset map as segments) against the
//! reference fold (one character at a time, every offset written out), and the offset map's invariants.
#![no_main]

use libfuzzer_sys::fuzz_target;
use rolenorm_text::{MatchKey, SEP};

fuzz_target!(|data: &[u8]| {
    let text = rolenorm_fuzz::text(data);
    let fast = MatchKey::new(&text);
    let mut reference = MatchKey::default();
    let dense = reference.rebuild_reference(&text);
    assert_eq!(fast, reference, "fast path and reference fold differ for {text:?}");
    // The fast path writes whole 8-byte words and cuts them back: a key reused after a longer and
    // a shorter text must come out the same as a new one.
    let mut reused = MatchKey::new(&text.repeat(2));
    reused.rebuild(&text);
    assert_eq!(reused, fast, "a reused key folds {text:?} differently");
    reused.rebuild("Ab");
    reused.rebuild(&text);
    assert_eq!(reused, fast, "a key reused after a shorter text folds {text:?} differently");
    // The offset map, kept as segments, against the reference's offsets written byte by byte.
    assert_eq!(dense.len(), fast.bytes().len() + 1, "the reference wrote one offset per key byte and one more");
    for (index, &offset) in dense.iter().enumerate() {
        assert_eq!(fast.source_offset(index), offset, "offset of key byte {index} of {text:?}");
    }

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
