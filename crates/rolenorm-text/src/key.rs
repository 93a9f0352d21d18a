//! The match key: job-ad text folded for matching, with a map back to the original bytes.
//!
//! Folding lowercases, removes accents and umlauts (`ä` → `a`, `ß` → `ss`), applies Unicode
//! compatibility decomposition (NFKD without the marks), decodes HTML entities, removes German
//! gender forms (`Manager:in`, `Redakteur*innen`, `MitarbeiterInnen`, `/-in`, `(in)`), turns every
//! other non-alphanumeric character into one space, and sentence ends, list bullets and line
//! breaks into one [`SEP`]. Every key byte records the byte offset in the original text of the
//! character it came from, so a span in the key maps back to a span of the original.

use unicode_normalization::char::{decompose_compatible, is_combining_mark};

/// The key byte that ends a sentence, a list item or a line; proximity never crosses it.
pub const SEP: u8 = b'\n';

/// A folded copy of a text with, for every byte, the offset of its source character.
///
/// Invariants: `bytes.len() + 1 == offsets.len()` (the last offset is the length of the original
/// text), offsets never decrease, every offset lies on a char boundary of the original, and the
/// key starts and ends with [`SEP`] so that word-boundary checks never leave the buffer.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct MatchKey {
    bytes: Vec<u8>,
    offsets: Vec<u32>,
}

impl MatchKey {
    /// Folds `text` into a new key.
    pub fn new(text: &str) -> Self {
        let mut key = Self::default();
        key.rebuild(text);
        key
    }

    /// Folds `text` into this key, reusing its buffers (the hot path of batch analysis).
    ///
    /// Texts of 4 GiB or more are not supported (offsets are `u32`); callers limit input size.
    pub fn rebuild(&mut self, text: &str) {
        self.fold_all(text, true);
    }

    /// [`MatchKey::rebuild`] one character at a time, without the fast path for runs of ASCII
    /// letters: the straightforward reference that the fuzz target `key_reference` and the
    /// property tests compare the fast path with. Gives the same key, only slower.
    pub fn rebuild_reference(&mut self, text: &str) {
        self.fold_all(text, false);
    }

    fn fold_all(&mut self, text: &str, fast: bool) {
        self.bytes.clear();
        self.offsets.clear();
        self.bytes.reserve(text.len() + 2);
        self.offsets.reserve(text.len() + 3);
        let mut folder = Folder { key: self, fast };
        folder.push_sep(0);
        folder.fold(text);
        folder.push_sep(text.len());
        self.offsets.push(text.len() as u32);
    }

    /// The folded bytes: ASCII lowercase letters and digits, UTF-8 of letters without an ASCII
    /// form, single spaces between words and [`SEP`] between sentences.
    pub fn bytes(&self) -> &[u8] {
        &self.bytes
    }

    /// The offset in the original text of the character that key byte `index` came from;
    /// `index == bytes().len()` gives the length of the original.
    pub fn source_offset(&self, index: usize) -> usize {
        self.offsets[index] as usize
    }

    /// Maps the key span `start..end` to the span of the original text it came from, without
    /// trailing whitespace of the original.
    pub fn source_span(&self, text: &str, start: usize, end: usize) -> (usize, usize) {
        let from = self.source_offset(start);
        let mut to = self.source_offset(end).max(from);
        let raw = text.as_bytes();
        while to > from && raw[to - 1].is_ascii_whitespace() {
            to -= 1;
        }
        (from, to)
    }

    /// Whether key byte `index` belongs to a word (a letter or digit, ASCII or not).
    pub fn is_word_byte(&self, index: usize) -> bool {
        is_word_byte(self.bytes[index])
    }

    /// Extends `end` to the end of the word it lies in.
    pub fn word_end(&self, mut end: usize) -> usize {
        while end < self.bytes.len() && is_word_byte(self.bytes[end]) {
            end += 1;
        }
        end
    }
}

/// Whether a key byte is part of a word.
pub fn is_word_byte(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || byte >= 0x80
}

/// Folds a norm phrase the way [`MatchKey`] folds text, without separators or offsets: words
/// joined by single spaces. `fold_phrase("Social-Media-Manager:in")` is `"social media manager"`.
pub fn fold_phrase(phrase: &str) -> String {
    let key = MatchKey::new(phrase);
    let mut out = String::with_capacity(key.bytes.len());
    for word in key.bytes.split(|b| *b == b' ' || *b == SEP).filter(|w| !w.is_empty()) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&String::from_utf8_lossy(word));
    }
    out
}

struct Folder<'k> {
    key: &'k mut MatchKey,
    /// Whether runs of ASCII letters are folded in one step (else one byte at a time).
    fast: bool,
}

impl Folder<'_> {
    fn push(&mut self, byte: u8, source: usize) {
        self.key.bytes.push(byte);
        self.key.offsets.push(source as u32);
    }

    /// Appends a run of ASCII letters, digits and single spaces starting at `source` (see
    /// [`ascii_run_end`]), lowercased, with one offset per byte: slice copies and loops the
    /// compiler vectorises. The spaces are what [`Folder::push_space`] would push there.
    fn push_ascii_run(&mut self, run: &[u8], source: usize) {
        let from = self.key.bytes.len();
        self.key.bytes.extend_from_slice(run);
        self.key.bytes[from..].make_ascii_lowercase();
        let from = self.key.offsets.len();
        self.key.offsets.resize(from + run.len(), 0);
        for (step, offset) in self.key.offsets[from..].iter_mut().enumerate() {
            *offset = (source + step) as u32;
        }
    }

    fn push_space(&mut self, source: usize) {
        match self.key.bytes.last() {
            Some(b' ') | Some(&SEP) | None => {}
            Some(_) => self.push(b' ', source),
        }
    }

    fn push_sep(&mut self, source: usize) {
        match self.key.bytes.last() {
            Some(&SEP) => {}
            Some(b' ') => {
                // A sentence end replaces the space before it.
                let last = self.key.bytes.len() - 1;
                self.key.bytes[last] = SEP;
            }
            _ => self.push(SEP, source),
        }
    }

    fn last_is_letter(&self) -> bool {
        self.key.bytes.last().is_some_and(|b| b.is_ascii_alphabetic() || *b >= 0x80)
    }

    fn fold(&mut self, text: &str) {
        let raw = text.as_bytes();
        let mut i = 0;
        while i < raw.len() {
            let b = raw[i];
            if b < 0x80 {
                if b.is_ascii_alphanumeric() {
                    if b == b'I' && self.binnen_i(raw, i) {
                        i += gender_tail_len(&raw[i..]).unwrap_or(1);
                        continue;
                    }
                    // The hot path: a run of ASCII letters and digits is copied in one go (up to
                    // a capital I after a lower-case letter, which may start a Binnen-I).
                    if !self.fast {
                        self.push(b.to_ascii_lowercase(), i);
                        i += 1;
                        continue;
                    }
                    let end = ascii_run_end(raw, i + 1);
                    self.push_ascii_run(&raw[i..end], i);
                    i = end;
                    continue;
                }
                if matches!(b, b':' | b'*' | b'_' | b'/' | b'(')
                    && self.last_is_letter()
                    && let Some(len) = gender_suffix_len(&raw[i..])
                {
                    i += len;
                    continue;
                }
                if b == b'&'
                    && let Some((ch, len)) = decode_entity(&raw[i..])
                {
                    self.fold_char(ch, i);
                    i += len;
                    continue;
                }
                self.fold_ascii_punct(b, raw, i);
                i += 1;
            } else {
                let ch = text[i..].chars().next().unwrap_or(char::REPLACEMENT_CHARACTER);
                self.fold_char(ch, i);
                i += ch.len_utf8();
            }
        }
    }

    fn fold_ascii_punct(&mut self, b: u8, raw: &[u8], i: usize) {
        match b {
            b'\n' | b'\r' | b';' | b'!' | b'?' | b'|' => self.push_sep(i),
            // A full stop ends a sentence unless it sits inside a word or number ("1.400", "X.com").
            b'.' => {
                let next = raw.get(i + 1).copied().unwrap_or(b' ');
                if self.last_is_letter_or_digit() && next.is_ascii_alphanumeric() {
                    self.push_space(i);
                } else {
                    self.push_sep(i);
                }
            }
            // A list bullet at the start of a line begins a new item.
            b'-' | b'*' | b'+' if self.at_line_start() => self.push_sep(i),
            _ => self.push_space(i),
        }
    }

    fn last_is_letter_or_digit(&self) -> bool {
        self.key.bytes.last().is_some_and(|b| is_word_byte(*b))
    }

    fn at_line_start(&self) -> bool {
        matches!(self.key.bytes.last(), Some(&SEP) | None)
    }

    fn fold_char(&mut self, ch: char, source: usize) {
        if ch.is_ascii() {
            let b = ch as u8;
            if b.is_ascii_alphanumeric() {
                self.push(b.to_ascii_lowercase(), source);
            } else if matches!(b, b'\n' | b'\r' | b';' | b'!' | b'?' | b'|' | b'.') {
                self.push_sep(source);
            } else {
                self.push_space(source);
            }
            return;
        }
        match ch {
            'ß' | 'ẞ' => {
                self.push(b's', source);
                self.push(b's', source);
            }
            '•' | '·' | '●' | '○' | '▪' | '■' | '►' | '➤' | '✓' | '✔' | '→' | '…' | '\u{2028}' | '\u{2029}' => {
                self.push_sep(source)
            }
            c if c.is_alphanumeric() => {
                for lower in c.to_lowercase() {
                    decompose_compatible(lower, |d| {
                        if is_combining_mark(d) {
                            return;
                        }
                        // One character stays one piece of a word: marks and symbols inside its
                        // decomposition ("¼" → "1⁄4") are dropped, not turned into spaces.
                        if d.is_ascii_alphanumeric() {
                            self.push((d as u8).to_ascii_lowercase(), source);
                        } else if !d.is_ascii() && d.is_alphanumeric() {
                            for byte in d.to_lowercase().collect::<String>().bytes() {
                                self.push(byte, source);
                            }
                        }
                    });
                }
            }
            _ => self.push_space(source),
        }
    }

    /// `MitarbeiterInnen`, `KollegIn`: an upper-case I after a lower-case letter starting a
    /// feminine suffix that ends the word.
    fn binnen_i(&self, raw: &[u8], i: usize) -> bool {
        i > 0 && raw[i - 1].is_ascii_lowercase() && gender_tail_len(&raw[i..]).is_some() && !in_compound(&raw[..i])
    }
}

/// Words that end in a capital "In" that is part of the word, not a Binnen-I ("LinkedIn",
/// "PlugIn", "LogIn"): the letters before the "In", lowercased.
const IN_COMPOUNDS: [&[u8]; 6] = [b"linked", b"plug", b"log", b"check", b"sign", b"opt"];

/// Whether the word that `before` ends with is one of [`IN_COMPOUNDS`].
fn in_compound(before: &[u8]) -> bool {
    IN_COMPOUNDS.iter().any(|stem| {
        before.len() >= stem.len()
            && before[before.len() - stem.len()..].eq_ignore_ascii_case(stem)
            && before.len().checked_sub(stem.len() + 1).is_none_or(|at| !before[at].is_ascii_alphanumeric())
    })
}

/// What a byte does to a run of [`ascii_run_end`]: continue it, end it, or depend on the byte
/// before it.
const RUN_STOP: u8 = 0;
const RUN_WORD: u8 = 1;
const RUN_CAPITAL_I: u8 = 2;
const RUN_SPACE: u8 = 3;

/// [`RUN_WORD`] for ASCII letters and digits except `I`, and the special classes.
static RUN_CLASS: [u8; 256] = {
    let mut table = [RUN_STOP; 256];
    let mut byte = 0;
    while byte < 256 {
        if (byte as u8).is_ascii_alphanumeric() {
            table[byte] = RUN_WORD;
        }
        byte += 1;
    }
    table[b'I' as usize] = RUN_CAPITAL_I;
    table[b' ' as usize] = RUN_SPACE;
    table
};

/// The end of the run from `start` that folds byte for byte: ASCII letters and digits
/// (lowercased) and single spaces after one (kept), stopping before a capital I after a
/// lower-case letter (it may start a Binnen-I). `raw[start - 1]` is a letter or digit.
fn ascii_run_end(raw: &[u8], start: usize) -> usize {
    let mut at = start;
    loop {
        // Letters and digits other than I continue the run whatever stands before them.
        while at < raw.len() && RUN_CLASS[usize::from(raw[at])] == RUN_WORD {
            at += 1;
        }
        let Some(&byte) = raw.get(at) else { return raw.len() };
        let previous = raw[at - 1];
        let keep = match RUN_CLASS[usize::from(byte)] {
            RUN_CAPITAL_I => !previous.is_ascii_lowercase(),
            RUN_SPACE => previous.is_ascii_alphanumeric(),
            _ => false,
        };
        if !keep {
            return at;
        }
        at += 1;
    }
}

/// Length of `In`/`Innen` (any case) at the start of `rest` when it ends the word.
fn gender_tail_len(rest: &[u8]) -> Option<usize> {
    for tail in [&b"innen"[..], &b"in"[..]] {
        if rest.len() >= tail.len()
            && rest[..tail.len()].eq_ignore_ascii_case(tail)
            && rest.get(tail.len()).is_none_or(|b| !b.is_ascii_alphabetic())
        {
            return Some(tail.len());
        }
    }
    None
}

/// Length of a gender suffix (`:in`, `*innen`, `_in`, `/in`, `/-innen`, `(in)`, `(innen)`) at
/// the start of `rest`, when it ends the word.
fn gender_suffix_len(rest: &[u8]) -> Option<usize> {
    let (lead, close) = match rest {
        [b'/', b'-', ..] => (2, false),
        [b'(', ..] => (1, true),
        [b':' | b'*' | b'_' | b'/', ..] => (1, false),
        _ => return None,
    };
    let tail = gender_tail_len(&rest[lead..])?;
    let mut len = lead + tail;
    if close {
        if rest.get(len) != Some(&b')') {
            return None;
        }
        len += 1;
    }
    Some(len)
}

/// Decodes an HTML entity (`&amp;`, `&auml;`, `&#228;`, `&#xE4;`) at the start of `rest`.
fn decode_entity(rest: &[u8]) -> Option<(char, usize)> {
    let end = rest.iter().take(12).position(|b| *b == b';')?;
    let body = std::str::from_utf8(&rest[1..end]).ok()?;
    let ch = if let Some(num) = body.strip_prefix('#') {
        let code = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse().ok()?,
        };
        char::from_u32(code)?
    } else {
        named_entity(body)?
    };
    Some((ch, end + 1))
}

fn named_entity(name: &str) -> Option<char> {
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => '\u{a0}',
        "auml" => 'ä',
        "ouml" => 'ö',
        "uuml" => 'ü',
        "Auml" => 'Ä',
        "Ouml" => 'Ö',
        "Uuml" => 'Ü',
        "szlig" => 'ß',
        "eacute" => 'é',
        "egrave" => 'è',
        "aacute" => 'á',
        "agrave" => 'à',
        "ccedil" => 'ç',
        "ndash" => '–',
        "mdash" => '—',
        "bull" => '•',
        "middot" => '·',
        "hellip" => '…',
        "lsquo" => '‘',
        "rsquo" => '’',
        "ldquo" => '“',
        "rdquo" => '”',
        "bdquo" => '„',
        "euro" => '€',
        "copy" => '©',
        "reg" => '®',
        "trade" => '™',
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn folded(text: &str) -> String {
        String::from_utf8(MatchKey::new(text).bytes().to_vec()).unwrap()
    }

    #[test]
    fn folds_case_umlauts_and_compounds() {
        assert_eq!(folded("Social-Media-Redaktionsplan"), "\nsocial media redaktionsplan\n");
        assert_eq!(folded("Größe Übung"), "\ngrosse ubung\n");
        assert_eq!(folded("Café ﬁle"), "\ncafe file\n");
    }

    #[test]
    fn removes_gender_forms() {
        for text in ["Manager:in", "Manager*in", "Manager_in", "Manager/in", "Manager/-in", "Manager(in)", "ManagerIn"]
        {
            assert_eq!(folded(text), "\nmanager\n", "{text}");
        }
        for text in ["Redakteur:innen", "Redakteur*innen", "RedakteurInnen", "Redakteur/-innen"] {
            assert_eq!(folded(text), "\nredakteur\n", "{text}");
        }
        // Words that merely end in "in" stay whole; a slash between two words is a space.
        assert_eq!(folded("Berlin Medizin"), "\nberlin medizin\n");
        assert_eq!(folded("Text/Bild"), "\ntext bild\n");
        assert_eq!(folded("Design/Innenarchitektur"), "\ndesign innenarchitektur\n");
        assert_eq!(folded("(m/w/d)"), "\nm w d\n");
        // Brand and tech words in "…In" are no Binnen-I; a noun ending in one of their stems is.
        assert_eq!(folded("LinkedIn Ads, PlugIn"), "\nlinkedin ads plugin\n");
        assert_eq!(folded("BloggerIn"), "\nblogger\n");
    }

    #[test]
    fn decodes_entities_with_offsets() {
        let text = "Gr&ouml;&szlig;e &amp; Stil";
        let key = MatchKey::new(text);
        assert_eq!(key.bytes(), b"\ngrosse stil\n");
        let start = 1;
        let end = 1 + "grosse".len();
        assert_eq!(key.source_span(text, start, end), (0, "Gr&ouml;&szlig;e".len()));
    }

    #[test]
    fn sentences_and_bullets_become_separators() {
        assert_eq!(folded("Wir bieten. Du planst\n• Posts; Reels"), "\nwir bieten\ndu planst\nposts\nreels\n");
        assert_eq!(folded("1.400 Mitarbeitende, X.com"), "\n1 400 mitarbeitende x com\n");
        assert_eq!(folded("- erstens\n- zweitens"), "\nerstens\nzweitens\n");
    }

    #[test]
    fn phrases_fold_like_text() {
        assert_eq!(fold_phrase("Social-Media-Manager:in"), "social media manager");
        assert_eq!(fold_phrase("  Kommentare  beantworten. "), "kommentare beantworten");
    }
}
