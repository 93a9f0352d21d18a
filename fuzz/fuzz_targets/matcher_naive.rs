//! Differential: the analyzer's own walk of its flat automaton table (`find_atoms`, the `aho_corasick` DFA copied
//! into `AtomTable`, walked in lanes side by side) against one walk from the start (`find_atoms_one_lane`), against
//! `aho_corasick`'s overlapping iterator (same matches in the same order) and against a naive search (the same
//! set); the haystack also repeated, so that long haystacks are cut into lanes. The scan's `sort_by_first` of the
//! walk's occurrences (by atom only, keeping the walk's order) equals `sort_unstable` of them.
#![no_main]

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use rolenorm_analyze::automaton::{AtomTable, LANES, LaneBuffers, build_automaton, find_atoms, sort_by_first};

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
    let iterated = |haystack: &[u8]| -> Vec<(u32, usize, usize)> {
        reference.find_overlapping_iter(haystack).map(|m| (m.pattern().as_u32(), m.start(), m.end())).collect()
    };
    assert_eq!(found, iterated(haystack), "find_atoms and find_overlapping_iter differ");
    let long = [haystack, b"\n"].concat().repeat(LANES + 1);
    lanes_agree(&dfa, haystack, &found);
    lanes_agree(&dfa, &long, &iterated(&long));

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
    // The scan sorts the walk's occurrences (and anchors) by their first field only, keeping the walk's order.
    let mut by_first = found.clone();
    sort_by_first(&mut by_first, &mut Vec::new(), &mut Vec::new());
    assert_eq!(by_first, sorted, "sort_by_first and sort_unstable differ on the walk's order");
    naive.sort_unstable();
    assert_eq!(sorted, naive, "find_atoms and the naive search differ");
});

/// The lanes' walk, with buffers reused from a walk of other text, equals one walk from the start and `expected`.
fn lanes_agree(table: &AtomTable, haystack: &[u8], expected: &[(u32, usize, usize)]) {
    let mut lanes = LaneBuffers::default();
    let mut found = Vec::new();
    table.find_atoms(b"warm up the buffers\nwith other text\n", &mut found, &mut lanes);
    found.clear();
    table.find_atoms(haystack, &mut found, &mut lanes);
    let mut one = Vec::new();
    table.find_atoms_one_lane(haystack, &mut one);
    assert_eq!(found, one, "the lanes and one walk differ");
    assert_eq!(found, expected, "the lanes and find_overlapping_iter differ");
}
