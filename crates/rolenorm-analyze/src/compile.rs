//! The norm compiled into one Aho-Corasick automaton over folded text.
//!
//! Every phrase of the norm (task vocabulary, role titles, level cues, section headings,
//! platform aliases) is split into terms; every term becomes an *atom* (its folded words, the
//! last one cut to its stem). One automaton finds all atoms in one pass over a [`MatchKey`];
//! boundary rules and the proximity of multi-term phrases are checked per occurrence.

use std::collections::HashMap;

use rolenorm_norm::{Norm, Phrase};
use rolenorm_text::{Language, MatchKey, SEP, fold_phrase, is_word_byte};

use crate::table::{AtomTable, LaneBuffers, Occurrence, TableError};

/// What a phrase is evidence for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Target {
    /// A task (index into `norm.tasks`).
    Task(usize),
    /// A role's title (index into `norm.roles`).
    Title(usize),
    /// A level cue (index into `norm.levels`).
    Level(usize),
    /// A level's requirement, anywhere in the body (index into `norm.levels`).
    LevelRequirement(usize),
    /// A section heading (index into `norm.sections`).
    Heading(usize),
    /// A platform alias (index into `norm.platforms`).
    Platform(usize),
    /// A phrase that shows the ad is about social media.
    Context,
    /// A false friend: no other hit inside it counts.
    FalseFriend,
    /// A delegation ("run by our"): a task phrase just before it in its sentence is another
    /// team's work.
    Delegation,
}

/// One phrase of the norm, ready for matching.
#[derive(Debug, Clone)]
pub(crate) struct Pattern {
    pub(crate) target: Target,
    /// Number of terms; all must be found near each other.
    pub(crate) terms: u8,
    /// Folded length of the phrase, to prefer the longest title.
    pub(crate) weight_len: usize,
    /// The phrase counts only in ads about social media (written with a leading `~`).
    pub(crate) needs_context: bool,
    /// The language the phrase is written in.
    pub(crate) language: Language,
    /// Per term: its atom and how the atom may stand in the text.
    term_atoms: Vec<TermAtom>,
    /// The term searched first: the one whose atom the fewest patterns share.
    anchor: u8,
    /// The prefix of a split German separable verb ("aus" of "wertest … aus"): a whole word that
    /// must follow in the sentence, checked on a hit (not an atom: such words are everywhere).
    particle: Option<Box<[u8]>>,
}

/// The atom of one term and its boundary rules.
#[derive(Debug, Clone, Copy)]
struct TermAtom {
    atom: u32,
    endings: Rest,
    compound_tail: bool,
}

/// How an atom is used by one term of one pattern.
#[derive(Debug, Clone, Copy)]
struct AtomUse {
    pattern: u32,
    term: u8,
    /// What the word of the text may add to the atom's last word.
    endings: Rest,
    /// The atom may start inside a word (tail of a German compound).
    compound_tail: bool,
}

/// A pattern found in a key: its index and the key span of the evidence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Hit {
    pub(crate) pattern: u32,
    pub(crate) start: usize,
    pub(crate) end: usize,
}

/// The largest key span, in bytes, that the terms of one phrase may spread over (≈ 12 words).
const PROXIMITY_BYTES: usize = 100;

/// Whether `particle` (if any) stands as a whole word in the key after `start`, in the same
/// sentence and within [`PROXIMITY_BYTES`] of it.
fn particle_follows(bytes: &[u8], particle: Option<&[u8]>, start: usize) -> bool {
    let Some(particle) = particle else { return true };
    let limit = bytes.len().min(start + PROXIMITY_BYTES + particle.len());
    let sentence = bytes[start..limit].split(|b| *b == SEP).next().unwrap_or_default();
    sentence.split(|b| *b == b' ').any(|word| word == particle)
}

/// The error for a norm whose vocabulary cannot be compiled.
#[derive(Debug, thiserror::Error)]
#[error("cannot compile the norm's vocabulary into an automaton: {0}")]
pub struct CompileError(#[from] TableError);

/// The compiled vocabulary.
#[derive(Debug)]
pub(crate) struct Vocabulary {
    automaton: AtomTable,
    atoms: Vec<Vec<AtomUse>>,
    /// Per atom: whether it is a term that [`Vocabulary::combine_terms`] looks up around an
    /// anchor (only these atoms' occurrences are kept and sorted).
    looked_up: Vec<bool>,
    pub(crate) patterns: Vec<Pattern>,
    /// Allowed endings after a stem, German then English.
    endings: [Endings; 2],
    /// Allowed endings after a German job title.
    title_endings: Endings,
}

/// What a word of the text may add to the end of an atom and still match it.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Rest {
    /// Nothing or a plural `s`: names and short words.
    Plural,
    /// The atom's last word is a stem: one of this language's endings.
    Stem(Language),
    /// A German job title: a plural `s` or one of the norm's title endings.
    GermanTitle,
}

impl From<Option<Language>> for Rest {
    fn from(stem: Option<Language>) -> Self {
        stem.map_or(Rest::Plural, Rest::Stem)
    }
}

/// A language's allowed endings, grouped by length so that a word's rest is compared only with
/// the endings as long as it; endings of up to 8 bytes are kept as one integer each (their bytes,
/// little-endian), so that a comparison is one instruction, not a call of `memcmp`.
#[derive(Debug, Default)]
struct Endings {
    /// By length (0 to 8), the endings packed with [`packed`].
    short: Vec<Vec<u64>>,
    /// Endings longer than 8 bytes.
    long: Vec<Vec<u8>>,
}

impl Endings {
    fn new(endings: impl Iterator<Item = Vec<u8>>) -> Self {
        let mut table = Endings::default();
        for ending in endings {
            match packed(&ending) {
                Some(word) => {
                    if table.short.len() <= ending.len() {
                        table.short.resize_with(ending.len() + 1, Vec::new);
                    }
                    table.short[ending.len()].push(word);
                }
                None => table.long.push(ending),
            }
        }
        table
    }

    /// Whether `rest` is one of the endings.
    fn contains(&self, rest: &[u8]) -> bool {
        match packed(rest) {
            Some(word) => self.short.get(rest.len()).is_some_and(|same_len| same_len.contains(&word)),
            None => self.long.iter().any(|e| e.as_slice() == rest),
        }
    }
}

/// The bytes of `bytes` as one little-endian integer, if there are at most 8 (the length tells
/// apart the endings that differ only in trailing zero bytes).
fn packed(bytes: &[u8]) -> Option<u64> {
    (bytes.len() <= 8).then(|| bytes.iter().rev().fold(0, |word, &byte| word << 8 | u64::from(byte)))
}

/// Scratch space reused across scans.
#[derive(Debug, Default)]
pub(crate) struct ScanBuffers {
    /// Every atom found: (atom, start, end), in the automaton's order.
    found: Vec<Occurrence>,
    /// The automaton walk's lanes.
    lanes: LaneBuffers,
    /// The atoms found that are looked up around anchors: (atom, start, end), sorted by atom and
    /// start before lookups.
    occurrences: Vec<(u32, usize, usize)>,
    /// Anchor terms of multi-term patterns found: (pattern, start, end).
    anchors: Vec<(u32, usize, usize)>,
    /// Sort keys and a spare list for [`sort_by_first`].
    keys: Vec<u64>,
    spare: Vec<Occurrence>,
}

impl Vocabulary {
    pub(crate) fn compile(norm: &Norm) -> Result<Self, CompileError> {
        let builder = Builder::with_norm(norm);
        let automaton = match crate::prebuilt::table_for(&builder.atom_texts) {
            Some(table) => table,
            None => build_automaton(&builder.atom_texts)?,
        };
        let looked_up = builder.looked_up();
        let endings = |language: Language| {
            Endings::new(norm.inflection().get(language).endings.iter().map(|e| fold_phrase(e).into_bytes()))
        };
        Ok(Vocabulary {
            automaton,
            atoms: builder.atoms,
            looked_up,
            patterns: builder.patterns,
            endings: [endings(Language::De), endings(Language::En)],
            title_endings: title_endings(norm),
        })
    }

    /// The automaton over the atoms (the build script writes it out).
    #[allow(dead_code)]
    pub(crate) fn table(&self) -> &AtomTable {
        &self.automaton
    }

    /// Whether an atom found at `start..end` may stand there for a term with these rules.
    fn fits(&self, key: &MatchKey, start: usize, end: usize, endings: Rest, compound_tail: bool) -> bool {
        let bytes = key.bytes();
        let left_ok = start == 0 || !is_word_byte(bytes[start - 1]);
        let left_inside = start > 0 && bytes[start - 1].is_ascii_alphabetic();
        if !(left_ok || (compound_tail && left_inside)) {
            return false;
        }
        let rest = &bytes[end..key.word_end(end)];
        let plural = rest.is_empty() || rest == b"s";
        match endings {
            Rest::Plural => plural,
            Rest::Stem(Language::De) => self.endings[0].contains(rest),
            Rest::Stem(Language::En) => self.endings[1].contains(rest),
            Rest::GermanTitle => plural || self.title_endings.contains(rest),
        }
    }

    /// Keeps the hits that count in an ad of `language`: a German phrase only in German ads
    /// (stemmed by German rules, "Follower" would find "following"), an English one in both
    /// (German ads use English terms).
    pub(crate) fn keep_language(&self, hits: &mut Vec<Hit>, language: Language) {
        if language == Language::De {
            return;
        }
        hits.retain(|h| self.patterns[h.pattern as usize].language == language);
    }

    /// Drops every hit that overlaps a false friend's hit, and the false friends' hits themselves.
    pub(crate) fn mask_false_friends(&self, hits: &mut Vec<Hit>) {
        let is_false_friend = |h: &Hit| self.patterns[h.pattern as usize].target == Target::FalseFriend;
        let spans: Vec<(usize, usize)> = hits.iter().filter(|h| is_false_friend(h)).map(|h| (h.start, h.end)).collect();
        if spans.is_empty() {
            return;
        }
        hits.retain(|h| !is_false_friend(h) && !spans.iter().any(|(s, e)| h.start < *e && *s < h.end));
    }

    /// Drops every one-term task hit that lies inside a longer one-term hit of another task:
    /// the longer phrase says what its words mean ("media plan" in "social media plan").
    pub(crate) fn mask_contained_tasks(&self, hits: &mut Vec<Hit>) {
        let task_of = |h: &Hit| {
            let pattern = &self.patterns[h.pattern as usize];
            match pattern.target {
                Target::Task(task) if pattern.terms == 1 => Some(task),
                _ => None,
            }
        };
        // (start, end reversed, task, index): the widest span at a start comes first.
        let mut spans: Vec<(usize, std::cmp::Reverse<usize>, usize, usize)> = hits
            .iter()
            .enumerate()
            .filter_map(|(i, h)| task_of(h).map(|t| (h.start, std::cmp::Reverse(h.end), t, i)))
            .collect();
        spans.sort_unstable();
        // Allocated at the first contained hit only: most ads have none.
        let mut inside: Vec<bool> = Vec::new();
        let mut widest: Option<(usize, usize, usize)> = None;
        for &(start, std::cmp::Reverse(end), task, index) in &spans {
            match widest {
                Some((s, e, t)) if e >= end && (s, e) != (start, end) && t != task => {
                    inside.resize(hits.len(), false);
                    inside[index] = true;
                }
                Some((_, e, _)) if e >= end => {}
                _ => widest = Some((start, end, task)),
            }
        }
        if !inside.is_empty() {
            let mut index = 0;
            hits.retain(|_| {
                index += 1;
                !inside[index - 1]
            });
        }
    }

    /// Finds every pattern in `key`, appending hits to `hits`.
    ///
    /// One automaton pass records every atom; single-term patterns become hits at once. A
    /// multi-term pattern is looked for only where its anchor (its rarest term) stands: the
    /// other terms are then looked up among the recorded atoms nearby, in the same sentence.
    pub(crate) fn scan(&self, key: &MatchKey, hits: &mut Vec<Hit>, buffers: &mut ScanBuffers) {
        buffers.found.clear();
        buffers.occurrences.clear();
        buffers.anchors.clear();
        self.automaton.find_atoms(key.bytes(), &mut buffers.found, &mut buffers.lanes);
        for &(atom, start, end) in &buffers.found {
            if self.looked_up[atom as usize] {
                buffers.occurrences.push((atom, start, end));
            }
            for usage in &self.atoms[atom as usize] {
                if !self.fits(key, start, end, usage.endings, usage.compound_tail) {
                    continue;
                }
                let pattern = &self.patterns[usage.pattern as usize];
                if pattern.terms == 1 {
                    if particle_follows(key.bytes(), pattern.particle.as_deref(), start) {
                        hits.push(Hit { pattern: usage.pattern, start, end });
                    }
                } else {
                    buffers.anchors.push((usage.pattern, start, end));
                }
            }
        }
        if !buffers.anchors.is_empty() {
            self.combine_terms(key, hits, buffers);
        }
    }

    /// Completes the anchors of multi-term patterns with their other terms, nearest first,
    /// within [`PROXIMITY_BYTES`] and one sentence; one hit per pattern and stretch of text.
    fn combine_terms(&self, key: &MatchKey, hits: &mut Vec<Hit>, buffers: &mut ScanBuffers) {
        let bytes = key.bytes();
        // Both lists are in the walk's order (by end); one atom's occurrences, and one pattern's
        // anchors (all of its anchor atom), are so already in order of start and end.
        sort_by_first(&mut buffers.occurrences, &mut buffers.keys, &mut buffers.spare);
        sort_by_first(&mut buffers.anchors, &mut buffers.keys, &mut buffers.spare);
        let occurrences = &buffers.occurrences;
        let mut last: Option<(u32, usize)> = None;
        for &(pattern_index, anchor_start, anchor_end) in &buffers.anchors {
            let pattern = &self.patterns[pattern_index as usize];
            let (mut lo, mut hi) = (anchor_start, anchor_end);
            let mut complete = true;
            for (term, rules) in pattern.term_atoms.iter().enumerate() {
                if term == usize::from(pattern.anchor) {
                    continue;
                }
                let from = occurrences
                    .partition_point(|o| (o.0, o.1) < (rules.atom, anchor_start.saturating_sub(PROXIMITY_BYTES)));
                let nearest = occurrences[from..]
                    .iter()
                    .take_while(|o| o.0 == rules.atom && o.1 <= anchor_end + PROXIMITY_BYTES)
                    .filter(|o| {
                        let (s, e) = (o.1.min(anchor_start), o.2.max(anchor_end));
                        e - s <= PROXIMITY_BYTES
                            && !bytes[s..e].contains(&SEP)
                            && self.fits(key, o.1, o.2, rules.endings, rules.compound_tail)
                    })
                    .min_by_key(|o| o.1.abs_diff(anchor_start));
                match nearest {
                    Some(o) => {
                        lo = lo.min(o.1);
                        hi = hi.max(o.2);
                    }
                    None => {
                        complete = false;
                        break;
                    }
                }
            }
            let overlaps = last.is_some_and(|(p, end)| p == pattern_index && lo < end);
            if complete
                && hi - lo <= PROXIMITY_BYTES
                && !overlaps
                && particle_follows(bytes, pattern.particle.as_deref(), lo)
            {
                hits.push(Hit { pattern: pattern_index, start: lo, end: hi });
                last = Some((pattern_index, hi));
            }
        }
    }
}

/// The automaton over the atoms: an `aho_corasick` DFA for overlapping search (every
/// occurrence of every atom), copied into flat tables that [`find_atoms`] walks. No prefilter:
/// with thousands of atoms none would skip text.
pub fn build_automaton(atoms: &[String]) -> Result<AtomTable, TableError> {
    AtomTable::build(atoms)
}

/// Appends every occurrence of every atom in `haystack` as `(atom, start, end)`, in the order
/// of `find_overlapping_iter` (by end, then by the match state's pattern order): the walk of
/// every analysis ([`AtomTable::find_atoms`], lanes side by side), with buffers of its own.
pub fn find_atoms(table: &AtomTable, haystack: &[u8], out: &mut Vec<Occurrence>) {
    table.find_atoms(haystack, out, &mut LaneBuffers::default());
}

/// Sorts `items` by their first field and keeps the order of the items that share one (a
/// stable sort by that key): each item's key is its first field above its index, and the keys
/// sort as plain integers (`keys` and `spare` are scratch space). Where the items of each first
/// field already stand in order of the rest, as the walk's occurrences of one atom do (by end,
/// and so by start), this is `sort_unstable` (the fuzz target `matcher_naive` compares them).
pub fn sort_by_first(items: &mut Vec<Occurrence>, keys: &mut Vec<u64>, spare: &mut Vec<Occurrence>) {
    if u32::try_from(items.len()).is_err() {
        items.sort_by_key(|item| item.0);
        return;
    }
    keys.clear();
    keys.extend(items.iter().zip(0u64..).map(|(item, index)| u64::from(item.0) << 32 | index));
    keys.sort_unstable();
    spare.clear();
    spare.extend(keys.iter().map(|key| items[(key & u64::from(u32::MAX)) as usize]));
    std::mem::swap(items, spare);
}

/// The endings a German job title may add, folded as the text is.
fn title_endings(norm: &Norm) -> Endings {
    Endings::new(norm.german().title_endings.iter().map(|e| fold_phrase(e).into_bytes()))
}

/// One term of a phrase, folded, and how its words match.
#[derive(Debug, Clone, PartialEq)]
struct Term {
    text: String,
    form: TermForm,
}

/// How a term's last word matches.
#[derive(Debug, Clone, Copy, PartialEq)]
enum TermForm {
    /// As the phrase syntax says: cut to its stem by the language's rules (short words whole).
    Stemmed,
    /// Already a verb stem (a separable verb without its prefix): the language's endings follow.
    VerbStem,
}

impl Term {
    fn stemmed(text: String) -> Self {
        Term { text, form: TermForm::Stemmed }
    }
}

/// The other forms of a German phrase whose term ends in a separable verb (`raw`, as written,
/// tells verbs from nouns by case; `terms` folded): the verb split in a main clause, its prefix
/// a word of its own that must follow ("Daten + auswerten" → "daten" + "wert…", then "aus":
/// "wertest die Daten aus"), and the zu-infinitive ("Daten + auszuwerten"). Only the first such
/// term varies.
fn separable_variants(raw: &[&str], terms: &[Term], prefixes: &[String]) -> Vec<(Vec<Term>, Option<String>)> {
    for (index, written) in raw.iter().enumerate() {
        let verb = written.split_whitespace().last().unwrap_or_default();
        if !verb.starts_with(|c: char| c.is_lowercase()) {
            continue;
        }
        let folded = &terms[index].text;
        let (head, last) = folded.rsplit_once(' ').unwrap_or(("", folded));
        let Some((prefix, stem)) = separable_verb(last, prefixes) else { continue };
        let others = || terms.iter().enumerate().filter(|(i, _)| *i != index).map(|(_, t)| t.clone());
        let mut split: Vec<Term> = others().collect();
        if !head.is_empty() {
            split.push(Term::stemmed(head.to_owned()));
        }
        split.push(Term { text: stem.to_owned(), form: TermForm::VerbStem });
        let mut zu: Vec<Term> = others().collect();
        let infinitive = format!("{prefix}zu{}", &last[prefix.len()..]);
        zu.push(Term::stemmed(if head.is_empty() { infinitive } else { format!("{head} {infinitive}") }));
        return vec![(split, Some(prefix.to_owned())), (zu, None)];
    }
    Vec::new()
}

/// A folded German verb infinitive with one of the (folded) separable `prefixes`, the longest
/// that fits: the prefix and the stem of the rest ("auswerten" → "aus", "wert";
/// "weiterentwickeln" → "weiter", "entwickel"); the stem keeps at least three letters.
fn separable_verb<'w>(word: &'w str, prefixes: &'w [String]) -> Option<(&'w str, &'w str)> {
    let prefix = prefixes.iter().filter(|p| !p.is_empty() && word.starts_with(p.as_str())).max_by_key(|p| p.len())?;
    let rest = &word[prefix.len()..];
    let stem = rest.strip_suffix("en").or_else(|| rest.strip_suffix('n'))?;
    (stem.chars().count() >= 3 && stem.chars().all(char::is_alphabetic)).then_some((prefix.as_str(), stem))
}

struct Builder<'n> {
    atom_texts: Vec<String>,
    atom_ids: HashMap<String, usize>,
    atoms: Vec<Vec<AtomUse>>,
    patterns: Vec<Pattern>,
    norm: &'n Norm,
    /// The norm's German separable prefixes, folded.
    separable_prefixes: Vec<String>,
}

impl<'n> Builder<'n> {
    fn new(norm: &'n Norm) -> Self {
        let separable_prefixes = norm.german().separable_prefixes.iter().map(|p| fold_phrase(p)).collect();
        Builder {
            atom_texts: Vec::new(),
            atom_ids: HashMap::new(),
            atoms: Vec::new(),
            patterns: Vec::new(),
            norm,
            separable_prefixes,
        }
    }

    /// Every phrase of `norm` added, the anchors chosen.
    fn with_norm(norm: &'n Norm) -> Self {
        let mut builder = Builder::new(norm);
        for (index, task) in norm.tasks().iter().enumerate() {
            builder.add_all(Target::Task(index), task.phrases.iter());
        }
        for (index, role) in norm.roles().iter().enumerate() {
            builder.add_all(Target::Title(index), role.titles.iter());
        }
        for (index, level) in norm.levels().iter().enumerate() {
            builder.add_all(Target::Level(index), level.cues.iter());
            builder.add_all(Target::LevelRequirement(index), level.requirements.iter());
        }
        for (index, section) in norm.sections().iter().enumerate() {
            builder.add_all(Target::Heading(index), section.headings.iter());
        }
        builder.add_all(Target::Context, norm.social_context().iter());
        for phrase in &norm.scoring().false_friends {
            builder.add(Target::FalseFriend, Language::En, phrase, false);
        }
        for phrase in &norm.scoring().delegation_phrases {
            builder.add(Target::Delegation, Language::En, phrase, false);
        }
        for (index, platform) in norm.platforms().iter().enumerate() {
            // Platform names are the same in both languages; English stems keep them whole.
            builder.add_all(Target::Platform(index), platform.aliases.iter().map(|a| (Language::En, a)));
        }
        builder.choose_anchors();
        builder
    }

    fn add_all<'p>(&mut self, target: Target, phrases: impl Iterator<Item = (Language, &'p Phrase)>) {
        // Platform names and job titles are names: matched whole, with at most a plural "s"
        // ("Insta" must not find "instant", "YouTuber" must not find "YouTube").
        let stem = !matches!(target, Target::Platform(_) | Target::Title(_));
        for (language, phrase) in phrases {
            self.add(target, language, &phrase.text, stem);
        }
    }

    fn add(&mut self, target: Target, language: Language, phrase: &str, stem: bool) {
        let (phrase, needs_context) = match phrase.trim_start().strip_prefix('~') {
            Some(rest) => (rest, true),
            None => (phrase, false),
        };
        let (raw, terms): (Vec<&str>, Vec<Term>) = phrase
            .split('+')
            .map(|t| (t, Term::stemmed(fold_phrase(t))))
            .filter(|(_, term)| !term.text.is_empty())
            .unzip();
        self.add_pattern(target, language, &terms, needs_context, stem, None);
        if stem && language == Language::De && matches!(target, Target::Task(_)) {
            for (variant, particle) in separable_variants(&raw, &terms, &self.separable_prefixes) {
                self.add_pattern(target, language, &variant, needs_context, stem, particle);
            }
        }
    }

    /// Adds one pattern of `terms` (folded) for `target`; a `particle` must follow its hits.
    fn add_pattern(
        &mut self,
        target: Target,
        language: Language,
        terms: &[Term],
        needs_context: bool,
        stem: bool,
        particle: Option<String>,
    ) {
        if terms.is_empty() || terms.len() > usize::from(u8::MAX) {
            return;
        }
        let pattern = self.patterns.len() as u32;
        self.patterns.push(Pattern {
            target,
            terms: terms.len() as u8,
            weight_len: terms.iter().map(|t| t.text.len()).sum(),
            needs_context,
            language,
            term_atoms: Vec::with_capacity(terms.len()),
            anchor: 0,
            particle: particle.map(|p| p.into_bytes().into_boxed_slice()),
        });
        for (term_index, term) in terms.iter().enumerate() {
            let (atom, endings) = match (target, term.form) {
                (_, TermForm::VerbStem) => (term.text.clone(), Rest::Stem(language)),
                _ if stem => {
                    let (atom, endings) = self.atom_of(&term.text, language);
                    (atom, Rest::from(endings))
                }
                (Target::Title(_), _) if language == Language::De => (term.text.clone(), Rest::GermanTitle),
                _ => (term.text.clone(), Rest::Plural),
            };
            let single_word = !term.text.contains(' ');
            // Only task vocabulary matches inside compounds: a title, cue or heading must be a word.
            let compound_tail = language == Language::De
                && matches!(target, Target::Task(_))
                && term.form == TermForm::Stemmed
                && single_word
                && term.text.chars().filter(|c| c.is_alphabetic()).count()
                    >= self.norm.german().compound_tail_min_letters;
            let id = match self.atom_ids.get(&atom) {
                Some(&id) => id,
                None => {
                    let id = self.atom_texts.len();
                    self.atom_ids.insert(atom.clone(), id);
                    self.atom_texts.push(atom);
                    self.atoms.push(Vec::new());
                    id
                }
            };
            self.atoms[id].push(AtomUse { pattern, term: term_index as u8, endings, compound_tail });
            self.patterns[pattern as usize].term_atoms.push(TermAtom { atom: id as u32, endings, compound_tail });
        }
    }

    /// Chooses every multi-term pattern's anchor (the term whose atom the fewest patterns use)
    /// and keeps, of its terms, only the anchor's use in the atom table: the other terms are
    /// looked up around the anchor.
    fn choose_anchors(&mut self) {
        let uses: Vec<usize> = self.atoms.iter().map(Vec::len).collect();
        for pattern in &mut self.patterns {
            if pattern.terms > 1 {
                let anchor = (0..pattern.term_atoms.len()).min_by_key(|t| uses[pattern.term_atoms[*t].atom as usize]);
                pattern.anchor = anchor.unwrap_or(0) as u8;
            }
        }
        let patterns = &self.patterns;
        for uses in &mut self.atoms {
            uses.retain(|u| {
                let pattern = &patterns[u.pattern as usize];
                pattern.terms == 1 || u.term == pattern.anchor
            });
        }
    }

    /// Per atom: whether it is a non-anchor term of a multi-term pattern.
    fn looked_up(&self) -> Vec<bool> {
        let mut looked_up = vec![false; self.atom_texts.len()];
        for pattern in self.patterns.iter().filter(|p| p.terms > 1) {
            for (term, rules) in pattern.term_atoms.iter().enumerate() {
                if term != usize::from(pattern.anchor) {
                    looked_up[rules.atom as usize] = true;
                }
            }
        }
        looked_up
    }

    /// The atom of a folded term: inner words as written, the last word cut to its stem (the
    /// longest strippable ending of `language` removed, at least four letters kept). Words of
    /// three letters or fewer stay whole (optionally with a plural "s").
    fn atom_of(&self, term: &str, language: Language) -> (String, Option<Language>) {
        let (head, last) = match term.rfind(' ') {
            Some(at) => (&term[..=at], &term[at + 1..]),
            None => ("", term),
        };
        let letters = last.chars().count();
        if letters <= 3 || last.bytes().all(|b| b.is_ascii_digit()) {
            return (term.to_owned(), None);
        }
        let stem = self
            .norm
            .inflection()
            .get(language)
            .strip
            .iter()
            .filter(|ending| last.ends_with(ending.as_str()) && letters - ending.chars().count() >= 4)
            .max_by_key(|ending| ending.len())
            .map_or(last, |ending| &last[..last.len() - ending.len()]);
        (format!("{head}{stem}"), Some(language))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sort_by_first_sorts_walk_ordered_occurrences_as_sort_unstable_does() {
        let atoms = ["social", "media", "social media", "ia", "a"].map(str::to_owned);
        let table = build_automaton(&atoms).expect("small automaton");
        let text = b"social media and more social media, a media plan; social";
        let mut found = Vec::new();
        find_atoms(&table, &text.repeat(40), &mut found);
        let (mut keys, mut spare) = (vec![7], vec![(9, 9, 9)]);
        for len in [0, 1, 2, 5, found.len()] {
            let mut sorted = found[..len].to_vec();
            sort_by_first(&mut sorted, &mut keys, &mut spare);
            let mut expected = found[..len].to_vec();
            expected.sort_unstable();
            assert_eq!(sorted, expected, "{len}");
        }
        // Items of one first field keep their order, whatever the rest says.
        let mut items = vec![(2, 5, 0), (1, 9, 9), (2, 1, 1), (1, 0, 0)];
        sort_by_first(&mut items, &mut keys, &mut spare);
        assert_eq!(items, [(1, 9, 9), (1, 0, 0), (2, 5, 0), (2, 1, 1)]);
    }

    #[test]
    fn endings_hold_exactly_their_words_of_any_length() {
        let words: [&[u8]; 6] = [b"", b"s", b"en", b"ungen", b"\0", b"ierungsarten"];
        let endings = Endings::new(words.iter().map(|w| w.to_vec()));
        for word in words {
            assert!(endings.contains(word), "{word:?}");
        }
        for other in [&b"e"[..], b"n", b"ne", b"\0\0", b"s\0", b"ung", b"ierungsartenx", b"ierungsarte"] {
            assert!(!endings.contains(other), "{other:?}");
        }
        assert!(!Endings::default().contains(b""));
    }

    fn atom(term: &str, language: Language) -> (String, Option<Language>) {
        let norm = Norm::builtin().unwrap();
        Builder::new(&norm).atom_of(&fold_phrase(term), language)
    }

    #[test]
    fn last_word_is_cut_to_its_stem() {
        assert_eq!(atom("Kommentare", Language::De), ("kommentar".to_owned(), Some(Language::De)));
        assert_eq!(atom("Social Media Strategie", Language::De).0, "social media strategi");
        assert_eq!(atom("community", Language::En).0, "communit");
        assert_eq!(atom("posting", Language::En).0, "post");
        assert_eq!(atom("influencer", Language::En).0, "influencer");
        assert_eq!(atom("SEO", Language::En), ("seo".to_owned(), None));
        assert_eq!(atom("users", Language::En).0, "user");
    }

    fn hits(phrase_language: Language, phrase: &str, text: &str) -> usize {
        let norm = Norm::builtin().unwrap();
        let mut builder = Builder::new(&norm);
        builder.add(Target::Task(0), phrase_language, phrase, true);
        builder.choose_anchors();
        let automaton = build_automaton(&builder.atom_texts).unwrap();
        let looked_up = builder.looked_up();
        let endings =
            |l: Language| Endings::new(norm.inflection().get(l).endings.iter().map(|e| e.clone().into_bytes()));
        let vocabulary = Vocabulary {
            automaton,
            atoms: builder.atoms,
            looked_up,
            patterns: builder.patterns,
            endings: [endings(Language::De), endings(Language::En)],
            title_endings: title_endings(&norm),
        };
        let mut found = Vec::new();
        vocabulary.scan(&MatchKey::new(text), &mut found, &mut ScanBuffers::default());
        found.len()
    }

    #[test]
    fn inflected_words_match_and_derived_words_do_not() {
        assert_eq!(hits(Language::De, "Kommentare + beantworten", "Du beantwortest Kommentaren."), 1);
        assert_eq!(hits(Language::De, "Redaktionsplan", "Pflege des Wochenredaktionsplans"), 1);
        assert_eq!(hits(Language::De, "planen", "Planung der Inhalte"), 1);
        assert_eq!(hits(Language::En, "community", "our communities"), 1);
        assert_eq!(hits(Language::En, "influencer", "influence the roadmap"), 0);
        assert_eq!(hits(Language::En, "posting", "postal address"), 0);
        assert_eq!(hits(Language::En, "KPI", "KPIs and OKRs"), 1);
        assert_eq!(hits(Language::En, "SEO", "Seoul office"), 0);
    }

    #[test]
    fn separable_verbs_match_split_and_as_zu_infinitive() {
        let split = |text| hits(Language::De, "KPI + auswerten", text);
        assert_eq!(split("Du wertest die KPIs unserer Kanäle aus."), 1);
        assert_eq!(split("Sie werten die KPIs monatlich aus"), 1);
        assert_eq!(split("Um die KPIs auszuwerten, nutzt du Looker"), 1);
        assert_eq!(split("Du wertest die KPIs. Aus Berlin"), 0, "the prefix must stand in the same sentence");
        assert_eq!(split("Du bewertest die KPIs aus Sicht der Kunden"), 0, "another verb is no split form");
        assert_eq!(hits(Language::De, "Community + aufbauen", "Du baust unsere Community auf LinkedIn auf"), 1);
        let nouns = hits(Language::De, "Community + Aufbau", "Du baust unsere Community auf");
        assert_eq!(nouns, 0, "a capitalised noun is no verb");
        assert_eq!(hits(Language::En, "KPI + auswerten", "Du wertest die KPIs aus"), 0, "only German phrases vary");
    }

    #[test]
    fn separable_verbs_take_the_longest_prefix() {
        let prefixes = ["vor".to_owned(), "voran".to_owned()];
        assert_eq!(separable_verb("vorantreiben", &prefixes), Some(("voran", "treib")));
        assert_eq!(separable_verb("vorstellen", &prefixes), Some(("vor", "stell")));
        assert_eq!(separable_verb("vorn", &prefixes), None, "the stem keeps three letters");
    }

    #[test]
    fn prebuilt_equals_runtime() {
        let norm = Norm::builtin().unwrap();
        let builder = Builder::with_norm(&norm);
        let runtime = build_automaton(&builder.atom_texts).unwrap();
        let prebuilt = crate::prebuilt::table_for(&builder.atom_texts).expect("a prebuilt table for the built-in norm");
        assert_eq!(prebuilt.to_words(), runtime.to_words());
        let embedded = crate::prebuilt::embedded_words().unwrap();
        let checked = AtomTable::from_words(std::borrow::Cow::Owned(embedded.to_vec()));
        assert!(checked.is_ok(), "the embedded table passes every check: {checked:?}");
        let vocabulary = Vocabulary::compile(&norm).unwrap();
        assert_eq!(vocabulary.table().to_words().as_ptr(), embedded.as_ptr(), "compile reads the embedded table");
        let mut other = builder.atom_texts.clone();
        other.pop();
        assert!(crate::prebuilt::table_for(&other).is_none(), "other atoms get no prebuilt table");
    }

    #[test]
    fn the_table_finds_what_aho_corasick_finds_over_the_whole_norm() {
        let norm = Norm::builtin().unwrap();
        let atoms = Builder::with_norm(&norm).atom_texts;
        let table = crate::prebuilt::table_for(&atoms).unwrap();
        let mut haystack: Vec<u8> = (0..=255u8).collect();
        for (i, atom) in atoms.iter().enumerate() {
            haystack.extend_from_slice(atom.as_bytes());
            haystack.push([b' ', b'\n', b'x', 0xc3, (i % 256) as u8][i % 5]);
        }
        let reference =
            aho_corasick::AhoCorasick::builder().match_kind(aho_corasick::MatchKind::Standard).build(&atoms).unwrap();
        let expected: Vec<(u32, usize, usize)> =
            reference.find_overlapping_iter(&haystack).map(|m| (m.pattern().as_u32(), m.start(), m.end())).collect();
        let mut found = Vec::new();
        find_atoms(&table, &haystack, &mut found);
        assert!(found.len() > atoms.len());
        assert_eq!(found, expected);
    }

    #[test]
    fn terms_must_share_a_sentence() {
        assert_eq!(hits(Language::En, "reply + comments", "You reply to all comments."), 1);
        assert_eq!(hits(Language::En, "reply + comments", "You reply fast. Comments are welcome."), 0);
        let far = format!("You reply {} comments", "and then some more words ".repeat(8));
        assert_eq!(hits(Language::En, "reply + comments", &far), 0);
    }
}
