//! The atoms' automaton as flat tables: an `aho_corasick` DFA copied state by state into one
//! array of `u32` words, which can be written out as bytes and read back without copying.
//!
//! The built-in norm's table is made by the build script (`build.rs`) with the same code and
//! embedded in the library; [`crate::prebuilt`] hands it out when the atoms are the same.
//!
//! Layout of the words: a header of [`HEADER_WORDS`], 64 words of byte classes (one byte per
//! input byte), the transitions (`states * stride` words, premultiplied state ids; the stride is
//! the number of byte classes, not rounded up, so that a row holds no unused words), the match
//! lists' offsets (one per match state, and one more), the match lists (atom indices), each
//! atom's length, and the atoms' bytes (padded to a word), which tell whether a table fits a
//! list of atoms.
//!
//! The walk is bound by memory latency (each byte's table lookup depends on the one before), so
//! [`AtomTable::find_atoms`] cuts a haystack into [`LANES`] stretches just after *reset bytes*
//! (bytes of a class that leads every state back to the start: bytes in no atom, such as the
//! key's separator) and walks them side by side, one independent lookup chain each; the matches
//! come out exactly as one walk from the start gives them.

use std::borrow::Cow;
use std::ops::Range;

use aho_corasick::automaton::{Automaton, StateID};
use aho_corasick::dfa::DFA;
use aho_corasick::{Anchored, BuildError, MatchKind};

/// The first header word of every table.
const MAGIC: u32 = 0x4e52_4144; // "DARN" in little-endian bytes: Dfa of Atoms, RolenNorm
/// The table format's version, the second header word.
const VERSION: u32 = 2;
/// Header words: magic, version, states, stride, start, last match state, atoms, match entries,
/// atom bytes, reset class.
const HEADER_WORDS: usize = 10;
/// Words holding the 256 byte classes.
const CLASS_WORDS: usize = 64;
/// The dead state: never reached by an unanchored search (a checked table has no transition
/// to it); row 0 of the transitions, kept so that state ids start at 1.
const DEAD: u32 = 0;
/// The reset class word of a table that has none.
const NO_RESET: u32 = u32::MAX;
/// How many stretches of a haystack [`AtomTable::find_atoms`] walks side by side.
pub const LANES: usize = 4;
/// Haystacks shorter than this (in bytes per lane) are walked in one stretch.
const MIN_LANE_BYTES: usize = 32;

/// One occurrence of an atom: (atom, start, end).
pub type Occurrence = (u32, usize, usize);

/// Scratch space of [`AtomTable::find_atoms`], reused across calls: per lane, the match states
/// it reached and where (the end of their atoms), in its order.
#[derive(Debug, Default, Clone)]
pub struct LaneBuffers {
    reached: [Vec<(u32, usize)>; LANES],
}

/// The automaton over the atoms, as flat tables (owned, or borrowed from the embedded bytes).
#[derive(Clone, PartialEq, Eq)]
pub struct AtomTable {
    words: Cow<'static, [u32]>,
    classes: [u8; 256],
    start: u32,
    /// States `1..=max_match` (premultiplied) are the match states.
    max_match: u32,
    /// Words per row of the transitions: the number of byte classes.
    stride: u32,
    /// A class that leads every state to the start ([`NO_RESET`] if none).
    reset: u32,
    trans: Range<usize>,
    offsets: Range<usize>,
    matches: Range<usize>,
    lens: Range<usize>,
    atom_bytes: usize,
    atom_text: Range<usize>,
}

/// Why a table could not be made or read.
#[derive(Debug, Clone, thiserror::Error)]
pub enum TableError {
    /// `aho_corasick` could not build the DFA over the atoms.
    #[error(transparent)]
    Build(#[from] BuildError),
    /// The words hold no table of this format.
    #[error("the automaton's table is malformed ({0})")]
    Malformed(&'static str),
}

impl std::fmt::Debug for AtomTable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AtomTable")
            .field("states", &(self.trans.len() / self.stride as usize))
            .field("classes", &self.stride)
            .field("atoms", &self.lens.len())
            .field("prebuilt", &matches!(self.words, Cow::Borrowed(_)))
            .finish()
    }
}

impl AtomTable {
    /// Builds the `aho_corasick` DFA over `atoms` (standard semantics: every occurrence of every
    /// atom) and copies it into a table.
    pub fn build(atoms: &[String]) -> Result<Self, TableError> {
        let dfa = DFA::builder().match_kind(MatchKind::Standard).prefilter(false).build(atoms)?;
        Self::from_dfa(&dfa, atoms)
    }

    /// Copies `dfa`, built over `atoms`, into a table: every state reachable from the
    /// unanchored start, renumbered so that the match states come first, with each match
    /// state's atoms in the DFA's order.
    fn from_dfa(dfa: &DFA, atoms: &[String]) -> Result<Self, TableError> {
        let classes = byte_classes(atoms);
        let representatives = representatives(&classes);
        let stride = representatives.len();
        let states = reachable(dfa, &representatives);
        let (order, index_of) = renumber(dfa, &states);
        let max_match = states.iter().filter(|s| dfa.is_match(**s)).count() as u32;
        let premultiplied = |sid: StateID| index_of(sid) * stride as u32;
        let mut words = vec![0; HEADER_WORDS];
        words.extend(classes.chunks(4).map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]])));
        let trans_start = words.len();
        words.resize(trans_start + (order.len() + 1) * stride, DEAD);
        for (new, &sid) in order.iter().enumerate() {
            let row = trans_start + (new + 1) * stride;
            for (class, &byte) in representatives.iter().enumerate() {
                words[row + class] = premultiplied(dfa.next_state(Anchored::No, sid, byte));
            }
        }
        let mut entries = Vec::new();
        words.push(0);
        for &sid in order.iter().take(max_match as usize) {
            entries.extend((0..dfa.match_len(sid)).map(|i| dfa.match_pattern(sid, i).as_u32()));
            words.push(entries.len() as u32);
        }
        words.extend_from_slice(&entries);
        words.extend(atoms.iter().map(|a| a.len() as u32));
        let text: Vec<u8> = atoms.iter().flat_map(|a| a.bytes()).collect();
        words.extend(text.chunks(4).map(|c| {
            let mut word = [0; 4];
            word[..c.len()].copy_from_slice(c);
            u32::from_le_bytes(word)
        }));
        let start = dfa.start_state(Anchored::No).map_or(DEAD, premultiplied);
        let rows = &words[trans_start + stride..trans_start + (order.len() + 1) * stride];
        let header = [
            MAGIC,
            VERSION,
            order.len() as u32 + 1,
            stride as u32,
            start,
            max_match * stride as u32,
            atoms.len() as u32,
            entries.len() as u32,
            text.len() as u32,
            reset_class(rows, stride, start),
        ];
        words[..HEADER_WORDS].copy_from_slice(&header);
        Self::from_words(Cow::Owned(words))
    }

    /// Reads a table from its words (the output of [`AtomTable::to_words`]), checking its layout
    /// and that every index in it stays inside it.
    pub fn from_words(words: Cow<'static, [u32]>) -> Result<Self, TableError> {
        let (table, states, atoms) = Self::read(words)?;
        table.check(states, atoms)?;
        Ok(table)
    }

    /// Reads a table that [`AtomTable::from_words`] has accepted before (the embedded table,
    /// checked by the build script that wrote it), checking its layout but not every
    /// transition: a malformed table could make a walk panic, never read outside it.
    pub(crate) fn from_checked_words(words: &'static [u32]) -> Result<Self, TableError> {
        Self::read(Cow::Borrowed(words)).map(|(table, _, _)| table)
    }

    /// The table in `words`, its number of states and of atoms; only the layout is checked.
    fn read(words: Cow<'static, [u32]>) -> Result<(Self, usize, usize), TableError> {
        let header = words.get(..HEADER_WORDS).ok_or(TableError::Malformed("shorter than its header"))?;
        if header[0] != MAGIC || header[1] != VERSION {
            return Err(TableError::Malformed("not a table of this format or version"));
        }
        let [states, stride, start, max_match, atoms, entries, atom_bytes] =
            [2, 3, 4, 5, 6, 7, 8].map(|i| header[i] as usize);
        if !(1..=256).contains(&stride) {
            return Err(TableError::Malformed("not 1 to 256 byte classes"));
        }
        let reset = header[9];
        let mut at = HEADER_WORDS;
        let mut take = |len: usize| {
            let range = at..at + len;
            at += len;
            range
        };
        let class_words = take(CLASS_WORDS);
        let trans = take(states.checked_mul(stride).ok_or(TableError::Malformed("too many states"))?);
        let match_states = max_match / stride;
        let offsets = take(match_states + 1);
        let matches = take(entries);
        let lens = take(atoms);
        let atom_text = take(atom_bytes.div_ceil(4));
        if at != words.len() {
            return Err(TableError::Malformed("its length disagrees with its header"));
        }
        let mut classes = [0; 256];
        for (chunk, word) in classes.chunks_mut(4).zip(&words[class_words]) {
            chunk.copy_from_slice(&word.to_le_bytes());
        }
        let table = AtomTable {
            start: start as u32,
            max_match: max_match as u32,
            stride: stride as u32,
            reset,
            classes,
            trans,
            offsets,
            matches,
            lens,
            atom_bytes,
            atom_text,
            words,
        };
        Ok((table, states, atoms))
    }

    /// Checks that every index in the table stays inside it, so that a walk never fails.
    fn check(&self, states: usize, atoms: usize) -> Result<(), TableError> {
        let stride = self.stride as usize;
        let in_range = |sid: u32| (sid as usize).is_multiple_of(stride) && (sid as usize) < states * stride;
        let trans = &self.words[self.trans.clone()];
        if !trans.iter().all(|&s| in_range(s)) || !in_range(self.start) {
            return Err(TableError::Malformed("a transition leads outside the table"));
        }
        let live = trans.get(stride..).unwrap_or_default();
        if self.start == DEAD || live.contains(&DEAD) {
            return Err(TableError::Malformed("a transition or the start leads to the dead state"));
        }
        if self.reset != NO_RESET && reset_class(live, stride, self.start) != self.reset {
            return Err(TableError::Malformed("the reset class does not lead every state to the start"));
        }
        if !in_range(self.max_match) || self.classes.iter().any(|&c| usize::from(c) >= stride) {
            return Err(TableError::Malformed("a byte class or the match states exceed the table"));
        }
        let offsets = &self.words[self.offsets.clone()];
        let sorted = offsets.windows(2).all(|w| w[0] <= w[1]);
        if !sorted || offsets.last().is_some_and(|&last| last as usize != self.matches.len()) {
            return Err(TableError::Malformed("the match lists are out of order"));
        }
        let words = &self.words;
        if words[self.matches.clone()].iter().any(|&atom| atom as usize >= atoms) {
            return Err(TableError::Malformed("a match names an atom the table does not have"));
        }
        Ok(())
    }

    /// The table as words, to be written out (in the target's byte order) and read back with
    /// [`AtomTable::from_words`].
    pub fn to_words(&self) -> &[u32] {
        &self.words
    }

    /// Whether this table was built over exactly `atoms`, in this order.
    pub fn is_for(&self, atoms: &[String]) -> bool {
        let lens = &self.words[self.lens.clone()];
        if lens.len() != atoms.len() || !lens.iter().zip(atoms).all(|(&len, atom)| len as usize == atom.len()) {
            return false;
        }
        let text = self.words[self.atom_text.clone()].iter().flat_map(|w| w.to_le_bytes());
        text.take(self.atom_bytes).eq(atoms.iter().flat_map(|a| a.bytes()))
    }

    /// Appends every occurrence of every atom in `haystack` as `(atom, start, end)`, ordered by
    /// end and, at one end, in the DFA's match order (the order of `aho_corasick`'s
    /// `find_overlapping_iter`). A long haystack is cut just after reset bytes into up to
    /// [`LANES`] stretches walked side by side (the walk is in the start state after a reset
    /// byte whatever came before, so each stretch can start there); their matches are appended
    /// in order, the same as [`AtomTable::find_atoms_one_lane`] gives.
    pub fn find_atoms(&self, haystack: &[u8], out: &mut Vec<Occurrence>, lanes: &mut LaneBuffers) {
        match self.cuts(haystack) {
            Some(cuts) => {
                self.push_matches(self.start, 0, out);
                self.walk_lanes(haystack, cuts, lanes);
                for reached in &mut lanes.reached {
                    for &(state, end) in reached.iter() {
                        self.push_matches(state, end, out);
                    }
                    reached.clear();
                }
            }
            None => self.find_atoms_one_lane(haystack, out),
        }
    }

    /// [`AtomTable::find_atoms`] in one walk from the start: one class lookup, one table lookup
    /// and one compare per byte. The reference that the lanes are compared with.
    pub fn find_atoms_one_lane(&self, haystack: &[u8], out: &mut Vec<Occurrence>) {
        self.push_matches(self.start, 0, out);
        self.walk(haystack, 0, self.start, out);
    }

    /// Walks `haystack[from..]` from `state`, appending the matches.
    fn walk(&self, haystack: &[u8], from: usize, mut state: u32, out: &mut Vec<Occurrence>) {
        let step = self.stepper();
        for (at, &byte) in haystack.iter().enumerate().skip(from) {
            state = step(state, byte);
            if state <= self.max_match {
                self.push_matches(state, at + 1, out);
            }
        }
    }

    /// The transition function: the next state from `state` on `byte`.
    fn stepper(&self) -> impl Fn(u32, u8) -> u32 + '_ {
        let trans = &self.words[self.trans.clone()];
        let classes = &self.classes;
        move |state: u32, byte: u8| trans[(state + u32::from(classes[usize::from(byte)])) as usize]
    }

    /// Where the lanes start: `LANES` starts, the first 0, each other just after the reset byte
    /// nearest its share of the haystack (so that the lanes are about as long, and little is
    /// left to walk one lane at a time), each lane at least [`MIN_LANE_BYTES`] long; `None` if
    /// the haystack is short or has no such bytes there.
    fn cuts(&self, haystack: &[u8]) -> Option<[usize; LANES]> {
        if self.reset == NO_RESET || haystack.len() < LANES * MIN_LANE_BYTES {
            return None;
        }
        let is_reset = |b: &u8| u32::from(self.classes[usize::from(*b)]) == self.reset;
        let last = haystack.len() - MIN_LANE_BYTES;
        let mut cuts = [0; LANES];
        for lane in 1..LANES {
            let first = cuts[lane - 1] + MIN_LANE_BYTES;
            let target = (haystack.len() * lane / LANES).clamp(first, last.max(first));
            let after = haystack.get(target..last)?.iter().position(is_reset);
            // Back from the target no further than the reset byte after it.
            let reach = target - after.map_or(first, |a| target.saturating_sub(a).max(first));
            let before = haystack[target - reach..target].iter().rposition(is_reset).map(|b| reach - b);
            let at = match (before, after) {
                (Some(back), Some(ahead)) if back <= ahead => target - back,
                (_, Some(ahead)) => target + ahead,
                (Some(back), None) => target - back,
                (None, None) => return None,
            };
            cuts[lane] = at + 1;
        }
        Some(cuts)
    }

    /// Walks the lanes that start at `cuts` side by side as far as the shortest reaches, then
    /// each to its end; lane `i`'s match states go to `lanes.reached[i]` (the loop does no more
    /// than push them, so that the lanes' lookups overlap).
    // Each step indexes every lane's bytes: no one iterator to loop over.
    #[allow(clippy::needless_range_loop)]
    fn walk_lanes(&self, haystack: &[u8], cuts: [usize; LANES], lanes: &mut LaneBuffers) {
        let (step, max_match) = (self.stepper(), self.max_match);
        let ends: [usize; LANES] = std::array::from_fn(|i| cuts.get(i + 1).copied().unwrap_or(haystack.len()));
        let steps = (0..LANES).map(|i| ends[i] - cuts[i]).min().unwrap_or(0);
        // Every lane's bytes as long as the shortest lane, so that indexing them needs no check.
        let bytes: [&[u8]; LANES] = std::array::from_fn(|i| &haystack[cuts[i]..cuts[i] + steps]);
        let mut states = [self.start; LANES];
        for at in 0..steps {
            for lane in 0..LANES {
                states[lane] = step(states[lane], bytes[lane][at]);
                if states[lane] <= max_match {
                    lanes.reached[lane].push((states[lane], cuts[lane] + at + 1));
                }
            }
        }
        for lane in 0..LANES {
            let mut state = states[lane];
            for (at, &byte) in haystack.iter().enumerate().take(ends[lane]).skip(cuts[lane] + steps) {
                state = step(state, byte);
                if state <= max_match {
                    lanes.reached[lane].push((state, at + 1));
                }
            }
        }
    }

    /// The atoms that end at `end` in `state` (none unless it is a match state).
    fn push_matches(&self, state: u32, end: usize, out: &mut Vec<Occurrence>) {
        if state == DEAD || state > self.max_match {
            return;
        }
        let index = (state / self.stride) as usize;
        let offsets = &self.words[self.offsets.clone()];
        let (from, to) = (offsets[index - 1] as usize, offsets[index] as usize);
        let lens = &self.words[self.lens.clone()];
        for &atom in &self.words[self.matches.clone()][from..to] {
            out.push((atom, end - lens[atom as usize] as usize, end));
        }
    }
}

/// The first class whose transitions in `rows` (the live states' rows, `stride` words each) all
/// lead to `start`, or [`NO_RESET`].
fn reset_class(rows: &[u32], stride: usize, start: u32) -> u32 {
    (0..stride)
        .find(|&class| rows.iter().skip(class).step_by(stride).all(|&to| to == start))
        .map_or(NO_RESET, |c| c as u32)
}

/// The key's bytes, most frequent first (measured on the shared corpus's texts, lowercased): their
/// classes come first, so that the transitions a walk takes most share a row's first cache line.
const FREQUENT_BYTES: &[u8] = b" eitanorslcdhupmgfwyvbkx0qj21z3548679";

/// Byte classes: every byte that occurs in an atom has a class of its own, all other bytes share
/// class 0 (in an Aho-Corasick automaton they all lead from every state to the same state).
fn byte_classes(atoms: &[String]) -> [u8; 256] {
    let mut used = [false; 256];
    for byte in atoms.iter().flat_map(|a| a.bytes()) {
        used[usize::from(byte)] = true;
    }
    let mut classes = [0; 256];
    let mut next = 1u8;
    let by_frequency = FREQUENT_BYTES.iter().copied().chain(0..=255).filter(|b| used[usize::from(*b)]);
    for byte in by_frequency {
        if classes[usize::from(byte)] == 0 {
            classes[usize::from(byte)] = next;
            next = next.wrapping_add(1);
        }
    }
    if used.iter().all(|u| *u) {
        // Every byte occurs: each has its own class, 0 included.
        for (byte, class) in classes.iter_mut().enumerate() {
            *class = byte as u8;
        }
    }
    classes
}

/// One byte of every class, indexed by class.
fn representatives(classes: &[u8; 256]) -> Vec<u8> {
    let count = classes.iter().map(|c| usize::from(*c) + 1).max().unwrap_or(1);
    let mut bytes = vec![None; count];
    for (byte, &class) in classes.iter().enumerate() {
        bytes[usize::from(class)].get_or_insert(byte as u8);
    }
    // Class 0 is empty only when every byte has its own class, and then every class has a byte.
    bytes.into_iter().map(|b| b.unwrap_or(0)).collect()
}

/// Every live state reachable from the unanchored start, in breadth-first order.
fn reachable(dfa: &DFA, representatives: &[u8]) -> Vec<StateID> {
    let Ok(start) = dfa.start_state(Anchored::No) else { return Vec::new() };
    let mut seen = vec![false; start.as_usize() + 1];
    seen[start.as_usize()] = true;
    let mut states = vec![start];
    let mut next = 0;
    while let Some(&sid) = states.get(next) {
        next += 1;
        for &byte in representatives {
            let to = dfa.next_state(Anchored::No, sid, byte);
            if dfa.is_dead(to) {
                continue;
            }
            if seen.len() <= to.as_usize() {
                seen.resize(to.as_usize() + 1, false);
            }
            if !seen[to.as_usize()] {
                seen[to.as_usize()] = true;
                states.push(to);
            }
        }
    }
    states
}

/// The states in their new order (match states first) and the map from a DFA state to its new
/// number (the dead state is 0, the others from 1).
fn renumber(dfa: &DFA, states: &[StateID]) -> (Vec<StateID>, impl Fn(StateID) -> u32) {
    let (matching, other): (Vec<StateID>, Vec<StateID>) = states.iter().partition(|s| dfa.is_match(**s));
    let order: Vec<StateID> = matching.into_iter().chain(other).collect();
    let size = states.iter().map(|s| s.as_usize() + 1).max().unwrap_or(0);
    let mut index = vec![DEAD; size];
    for (new, sid) in order.iter().enumerate() {
        index[sid.as_usize()] = new as u32 + 1;
    }
    (order, move |sid: StateID| index.get(sid.as_usize()).copied().unwrap_or(DEAD))
}

#[cfg(test)]
mod tests {
    use super::*;
    use aho_corasick::AhoCorasick;

    fn atoms(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| (*s).to_owned()).collect()
    }

    fn overlapping(atoms: &[String], haystack: &str) -> Vec<(u32, usize, usize)> {
        let reference = AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            .kind(Some(aho_corasick::AhoCorasickKind::DFA))
            .build(atoms)
            .unwrap();
        reference.find_overlapping_iter(haystack).map(|m| (m.pattern().as_u32(), m.start(), m.end())).collect()
    }

    #[test]
    fn finds_what_the_overlapping_iterator_finds_in_its_order() {
        let list = atoms(&["he", "she", "his", "hers", "s", "ä", "social media", "media manag"]);
        let table = AtomTable::build(&list).unwrap();
        for haystack in ["ushers and his", "ä ää", "social media manager", "", "xyz", "she\nhers s"] {
            let mut found = Vec::new();
            table.find_atoms_one_lane(haystack.as_bytes(), &mut found);
            assert_eq!(found, overlapping(&list, haystack), "{haystack:?}");
        }
    }

    #[test]
    fn lanes_find_what_one_walk_finds() {
        let list = atoms(&["he", "she", "his", "hers", "s", "ä", "social media", "media manag", "x"]);
        let table = AtomTable::build(&list).unwrap();
        let mut lanes = LaneBuffers::default();
        let sentence = "ushers and his social media manager\nshe\nhers ä s\n";
        for repeat in [1, 3, 4, 5, 9, 40] {
            for tail in ["", "she", "\n\n", "media manager"] {
                let haystack = format!("{}{tail}", sentence.repeat(repeat));
                let (mut walked, mut one) = (vec![(9, 9, 9)], vec![(9, 9, 9)]);
                table.find_atoms(haystack.as_bytes(), &mut walked, &mut lanes);
                table.find_atoms_one_lane(haystack.as_bytes(), &mut one);
                assert_eq!(walked, one, "{repeat} × {tail:?}");
                assert_eq!(walked[1..], overlapping(&list, &haystack), "{repeat} × {tail:?}");
                assert!(lanes.reached.iter().all(Vec::is_empty), "the lanes' buffers are emptied");
            }
        }
        let long = sentence.repeat(40);
        let cuts = table.cuts(long.as_bytes()).expect("a long haystack with separators is cut");
        assert!(cuts.windows(2).all(|w| w[1] >= w[0] + MIN_LANE_BYTES), "{cuts:?}");
        let reset_byte = |cut: usize| u32::from(table.classes[usize::from(long.as_bytes()[cut - 1])]) == table.reset;
        assert!(cuts[1..].iter().all(|&cut| reset_byte(cut)), "{cuts:?}");
        let share = |lane: usize| long.len() * lane / LANES;
        assert!((1..LANES).all(|lane| cuts[lane].abs_diff(share(lane)) <= 4), "the nearest reset bytes: {cuts:?}");
        assert_eq!(table.cuts(sentence.as_bytes()), None, "a short haystack is one lane");
        assert_eq!(table.cuts("she his ".repeat(50).as_bytes()), None, "no reset byte, one lane");
    }

    #[test]
    fn frequent_bytes_get_the_first_classes() {
        let classes = byte_classes(&atoms(&["zeb", "e z", "\u{e4}"]));
        assert_eq!([b' ', b'e', b'b', b'z'].map(|b| classes[usize::from(b)]), [1, 2, 3, 4]);
        assert_eq!([0xa4u8, 0xc3].map(|b| classes[usize::from(b)]), [5, 6], "then the rest in byte order");
        assert_eq!(classes[usize::from(b'a')], 0, "bytes in no atom share class 0");
        let table = AtomTable::build(&atoms(&["zeb", "e z"])).unwrap();
        let mut found = Vec::new();
        table.find_atoms_one_lane(b"a zeb e z", &mut found);
        assert_eq!(found, overlapping(&atoms(&["zeb", "e z"]), "a zeb e z"));
    }

    #[test]
    fn round_trips_through_its_words_and_knows_its_atoms() {
        let list = atoms(&["kommentar", "beantwort", "communit"]);
        let table = AtomTable::build(&list).unwrap();
        let copy = AtomTable::from_words(Cow::Owned(table.to_words().to_vec())).unwrap();
        assert_eq!(copy, table);
        assert!(copy.is_for(&list));
        assert!(!copy.is_for(&atoms(&["kommentar", "beantwort"])));
        assert!(!copy.is_for(&atoms(&["kommentar", "beantwort", "communiz"])));
    }

    #[test]
    fn malformed_words_are_refused() {
        let table = AtomTable::build(&atoms(&["ab", "bc"])).unwrap();
        let words = table.to_words().to_vec();
        assert!(AtomTable::from_words(Cow::Owned(words[..words.len() - 1].to_vec())).is_err());
        let mut bad = words.clone();
        bad[0] ^= 1;
        assert!(AtomTable::from_words(Cow::Owned(bad)).is_err());
        let mut bad = words;
        let trans = HEADER_WORDS + CLASS_WORDS;
        bad[trans + 5] = u32::MAX;
        let error = AtomTable::from_words(Cow::Owned(bad)).unwrap_err();
        assert!(matches!(error, TableError::Malformed("a transition leads outside the table")), "{error}");
    }

    #[test]
    fn a_dead_end_or_a_false_reset_class_is_refused() {
        let table = AtomTable::build(&atoms(&["ab", "bc"])).unwrap();
        let words = table.to_words().to_vec();
        assert_eq!(table.reset, 0, "bytes in no atom are the reset class");
        let stride = table.stride as usize;
        let live_row = HEADER_WORDS + CLASS_WORDS + stride;
        let mut bad = words.clone();
        bad[live_row + 1] = DEAD;
        let error = AtomTable::from_words(Cow::Owned(bad)).unwrap_err();
        assert!(matches!(error, TableError::Malformed("a transition or the start leads to the dead state")), "{error}");
        let mut bad = words;
        bad[9] = 1;
        let error = AtomTable::from_words(Cow::Owned(bad)).unwrap_err();
        assert!(matches!(error, TableError::Malformed("the reset class does not lead every state to the start")));
    }
}
