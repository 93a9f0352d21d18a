//! Differential: the analyzer's own walk of its flat automaton table (`find_atoms`, the `aho_corasick` DFA copied
//! into `AtomTable`) against `aho_corasick`'s overlapping iterator (same matches in the same order) and
//! against a naive search (the same set).
#![no_main]

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use rolenorm_analyze::automaton::{build_automaton, find_atoms};

/// Atoms and text over a small alphabet, so that atoms overlap and occur often.
#[derive(Debug, Arbitrary)]
struct Input {
    atoms: Vec<Vec<u8>>,
    haystack: Vec<u8>,
}

const ALPHABET: &[char] = &['a', 'b', 'c', ' ', '\n', 'ä', 'z'];

fn spell(bytes: &[u8]) -> String {
    bytes.iter().map(|b| ALPHABET[usize::from(*b) % ALPHABET.len()]).collect()
}

fuzz_target!(|input: Input| {
    let atoms: Vec<String> =
        input.atoms.iter().take(64).map(|a| spell(&a[..a.len().min(8)])).filter(|a| !a.is_empty()).collect();
    if atoms.is_empty() {
        return;
    }
    let haystack = spell(&input.haystack);
    let haystack = haystack.as_bytes();

    let dfa = build_automaton(&atoms).expect("small automata build");
    let mut found = Vec::new();
    find_atoms(&dfa, haystack, &mut found);

    let reference = AhoCorasick::builder()
        .match_kind(MatchKind::Standard)
        .kind(Some(AhoCorasickKind::DFA))
        .build(&atoms)
        .expect("small automata build");
    let iterated: Vec<(u32, usize, usize)> = reference
        .find_overlapping_iter(haystack)
        .map(|m| (m.pattern().as_u32(), m.start(), m.end()))
        .collect();
    assert_eq!(found, iterated, "find_atoms and find_overlapping_iter differ");

    let mut naive = Vec::new();
    for (index, atom) in atoms.iter().enumerate() {
        let atom = atom.as_bytes();
        for start in 0..haystack.len() {
            if haystack[start..].starts_with(atom) {
                naive.push((index as u32, start, start + atom.len()));
            }
        }
    }
    let mut sorted = found.clone();
    sorted.sort_unstable();
    naive.sort_unstable();
    assert_eq!(sorted, naive, "find_atoms and the naive search differ");
});
