//! Property tests of the match key: offsets map every folded byte back into the original.
#![allow(clippy::unwrap_used)]

use proptest::prelude::*;
use rolenorm_text::{MatchKey, SEP, fold_phrase};

/// Text made of the pieces job ads are made of: words, umlauts, gender forms, entities,
/// bullets, punctuation, emoji, line breaks.
fn ad_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        "[a-zA-Z]{1,12}",
        Just("Größe".to_owned()),
        Just("Manager:in".to_owned()),
        Just("Redakteur*innen".to_owned()),
        Just("MitarbeiterInnen".to_owned()),
        Just("Kauffrau/-mann".to_owned()),
        Just("(m/w/d)".to_owned()),
        Just("&amp;".to_owned()),
        Just("&#228;".to_owned()),
        Just("&bogus;".to_owned()),
        Just("•".to_owned()),
        Just("🥨".to_owned()),
        Just("ﬁ".to_owned()),
        Just("İ".to_owned()),
        Just("e\u{301}".to_owned()),
        Just("1.400".to_owned()),
        "[ \n.,;:!?/\\-]{1,3}",
        any::<char>().prop_map(String::from),
    ];
    prop::collection::vec(piece, 0..40).prop_map(|pieces| pieces.concat())
}

proptest! {
    #[test]
    fn fast_path_folds_like_the_reference(text in ad_text()) {
        let mut reference = MatchKey::default();
        let dense = reference.rebuild_reference(&text);
        let key = MatchKey::new(&text);
        prop_assert_eq!(&key, &reference);
        // The offset map kept as segments gives every offset that the reference wrote byte by byte.
        prop_assert_eq!(dense.len(), key.bytes().len() + 1);
        let mapped: Vec<usize> = (0..dense.len()).map(|index| key.source_offset(index)).collect();
        prop_assert_eq!(mapped, dense);
    }

    #[test]
    fn offsets_are_monotone_char_boundaries(text in ad_text()) {
        let key = MatchKey::new(&text);
        let bytes = key.bytes();
        prop_assert_eq!(bytes.first(), Some(&SEP));
        prop_assert_eq!(bytes.last(), Some(&SEP));
        let mut previous = 0;
        for index in 0..=bytes.len() {
            let offset = key.source_offset(index);
            prop_assert!(offset >= previous, "offsets decrease at {}", index);
            prop_assert!(offset <= text.len());
            prop_assert!(text.is_char_boundary(offset), "offset {} is not a char boundary", offset);
            previous = offset;
        }
        prop_assert_eq!(key.source_offset(bytes.len()), text.len());
    }

    #[test]
    fn every_word_maps_back_to_text_that_folds_to_it(text in ad_text()) {
        let key = MatchKey::new(&text);
        let bytes = key.bytes();
        let mut start = None;
        for index in 0..=bytes.len() {
            let in_word = index < bytes.len() && key.is_word_byte(index);
            match (start, in_word) {
                (None, true) => start = Some(index),
                (Some(s), false) => {
                    let (from, to) = key.source_span(&text, s, index);
                    prop_assert!(from <= to && to <= text.len());
                    let original = &text[from..to];
                    let word = std::str::from_utf8(&bytes[s..index]).unwrap();
                    // Folding the original span again gives back the word (plus, at most,
                    // neighbours that a decomposed character or entity produced).
                    prop_assert!(fold_phrase(original).contains(word), "{:?} -> {:?} !~ {:?}", text, original, word);
                    start = None;
                }
                _ => {}
            }
        }
    }

    #[test]
    fn folding_is_idempotent(text in ad_text()) {
        let once = fold_phrase(&text);
        prop_assert_eq!(fold_phrase(&once), once.clone());
    }
}
