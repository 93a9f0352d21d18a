//! The match key: job-ad text folded for matching, with a map back to the original bytes.
//!
//! Folding lowercases, removes accents and umlauts (`ä` → `a`, `ß` → `ss`), applies Unicode
//! compatibility decomposition (NFKD without the marks), decodes HTML entities, removes German
//! gender forms (`Manager:in`, `Redakteur*innen`, `MitarbeiterInnen`, `/-in`, `(in)`), turns every
//! other non-alphanumeric character into one space, and sentence ends, list bullets and line
//! breaks into one [`SEP`]. Every key byte maps to the byte offset in the original text of the
//! character it came from, so a span in the key maps back to a span of the original. The map is
//! kept as segments (a new one where a key byte's offset is not its predecessor's plus one), so
//! that a run of ASCII letters writes one entry, not one per byte.

use unicode_normalization::char::{decompose_compatible, is_combining_mark};

/// The key byte that ends a sentence, a list item or a line; proximity never crosses it.
pub const SEP: u8 = b'\n';

/// A folded copy of a text with, for every byte, the offset of its source character.
///
/// Invariants: every index `0..=bytes.len()` has an offset (the last is the length of the
/// original text), offsets never decrease, every offset lies on a char boundary of the original,
/// and the key starts and ends with [`SEP`] so that word-boundary checks never leave the buffer.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct MatchKey {
    bytes: Vec<u8>,
    /// The offset map: `(index, offset)` where key byte `index` came from `offset` and each byte
    /// after it, up to the next segment, from one byte further. Sorted by index, the first at 0;
    /// a segment starts exactly where a byte's offset is not its predecessor's plus one, so two
    /// keys with the same offsets have the same segments.
    segments: Vec<(u32, u32)>,
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
        self.fold_all(text, None);
    }

    /// [`MatchKey::rebuild`] one character at a time, without the fast path for runs of ASCII
    /// letters: the straightforward reference that the fuzz target `key_reference` and the
    /// property tests compare the fast path with. Gives the same key, only slower, and returns
    /// the offset map written out byte by byte (the offset of every key byte, as it was written,
    /// and the text's length), which [`MatchKey::source_offset`] must give back.
    pub fn rebuild_reference(&mut self, text: &str) -> Vec<usize> {
        let mut dense = Vec::with_capacity(text.len() + 3);
        self.fold_all(text, Some(&mut dense));
        dense
    }

    /// Folds `text`; with `dense`, one character at a time, every offset also written there.
    fn fold_all(&mut self, text: &str, dense: Option<&mut Vec<usize>>) {
        self.bytes.clear();
        self.segments.clear();
        self.bytes.reserve(text.len() + 2);
        let mut folder = Folder { key: self, dense };
        folder.push_sep(0);
        folder.fold(text);
        folder.push_sep(text.len());
        folder.map_offset(text.len());
    }

    /// The folded bytes: ASCII lowercase letters and digits, UTF-8 of letters without an ASCII
    /// form, single spaces between words and [`SEP`] between sentences.
    pub fn bytes(&self) -> &[u8] {
        &self.bytes
    }

    /// The offset in the original text of the character that key byte `index` came from;
    /// `index == bytes().len()` gives the length of the original (`index` is at most that).
    pub fn source_offset(&self, index: usize) -> usize {
        let segment = self.segments.partition_point(|&(start, _)| start as usize <= index).saturating_sub(1);
        let (start, offset) = self.segments.get(segment).copied().unwrap_or_default();
        offset as usize + index.saturating_sub(start as usize)
    }

    /// Maps the next index (the key's length) to `source`: a new segment unless it continues
    /// the last one.
    fn map_next(&mut self, source: usize) {
        let index = self.bytes.len();
        let continues =
            self.segments.last().is_some_and(|&(start, offset)| offset as usize + index - start as usize == source);
        if !continues {
            self.segments.push((index as u32, source as u32));
        }
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

/// Whether a key byte is part of a word: an ASCII letter or digit, or a byte of a non-ASCII
/// character (one table lookup).
pub fn is_word_byte(byte: u8) -> bool {
    WORD_BYTES[usize::from(byte)]
}

/// [`is_word_byte`] for every byte.
static WORD_BYTES: [bool; 256] = {
    let mut table = [false; 256];
    let mut byte = 0;
    while byte < 256 {
        table[byte] = (byte as u8).is_ascii_alphanumeric() || byte >= 0x80;
        byte += 1;
    }
    table
};

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
    /// The reference fold: one character at a time (no fast path for runs of ASCII letters),
    /// every offset also written here.
    dense: Option<&'k mut Vec<usize>>,
}

impl Folder<'_> {
    fn push(&mut self, byte: u8, source: usize) {
        self.map_offset(source);
        self.key.bytes.push(byte);
    }

    /// Maps the next key byte (or, at the end, the key's length) to `source`.
    fn map_offset(&mut self, source: usize) {
        self.key.map_next(source);
        if let Some(dense) = &mut self.dense {
            dense.push(source);
        }
    }

    /// Appends the run of ASCII letters, digits and single spaces that starts with the letter or
    /// digit `raw[start]` (see [`copy_ascii_run`]), lowercased, with at most one segment of the
    /// offset map; returns the run's end. The spaces are what [`Folder::push_space`] would push
    /// there.
    fn push_ascii_run(&mut self, raw: &[u8], start: usize) -> usize {
        self.key.map_next(start);
        self.key.bytes.push(raw[start].to_ascii_lowercase());
        copy_ascii_run(raw, start + 1, &mut self.key.bytes)
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
                    if self.dense.is_some() {
                        self.push(b.to_ascii_lowercase(), i);
                        i += 1;
                        continue;
                    }
                    i = self.push_ascii_run(raw, i);
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
            // A line break inside a sentence (an HTML page's inline markup flattened to lines:
            // "Zusammenarbeit mit \nContent Creators\n und dem Team") joins its lines.
            b'\n' if continues_sentence(raw, i) => self.push_space(i),
            b'\r' if raw.get(i + 1) == Some(&b'\n') => self.push_space(i),
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
        // The reference fold takes the general path below, so that it checks this shortcut.
        if self.dense.is_none()
            && let Some(common) = fold_common(ch)
        {
            match common {
                Some(letter) => self.push(letter, source),
                None => self.push_space(source),
            }
            return;
        }
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

/// The fold of the non-ASCII characters that job ads use most, as the general path of
/// [`Folder::fold_char`] folds them, without its Unicode tables: `Some(Some(letter))` for a
/// letter that folds to one ASCII letter, `Some(None)` for a character that becomes a space,
/// `None` for any other.
fn fold_common(ch: char) -> Option<Option<u8>> {
    Some(match ch {
        'ä' | 'Ä' | 'á' | 'à' | 'â' => Some(b'a'),
        'ö' | 'Ö' | 'ó' | 'ô' => Some(b'o'),
        'ü' | 'Ü' | 'ú' => Some(b'u'),
        'é' | 'è' | 'ê' | 'É' => Some(b'e'),
        'ç' => Some(b'c'),
        '\u{a0}' | '\u{2019}' | '\u{2018}' | '\u{201c}' | '\u{201d}' | '\u{201e}' | '\u{2013}' | '\u{2014}' | '€'
        | '£' | '©' | '®' | '™' => None,
        _ => return None,
    })
}

/// Whether the line break `raw[at]` continues a sentence: the next line is not blank and does
/// not open a list item, and either the line before ends in a space or tab after a lower-case
/// word ("Zusammenarbeit mit ", "in our "; not a list item's last noun), or
/// the next line opens (after at most one space) with a lower-case letter or with `(`, `,`, `;`,
/// `:` or `)`. A line that ends a sentence already ended it with its full stop.
fn continues_sentence(raw: &[u8], at: usize) -> bool {
    let before = &raw[..at];
    let before = before.strip_suffix(b"\r").unwrap_or(before);
    let text_end = before.iter().rposition(|b| !matches!(b, b' ' | b'\t'));
    let Some(text_end) = text_end.filter(|end| before[*end] != b'\n') else { return false };
    // A line that ends in a space after a lower-case word ("Zusammenarbeit mit ", "in our ").
    let last_word = before[..=text_end].iter().rposition(|b| !is_word_byte(*b)).map_or(0, |i| i + 1);
    let trailing_space = text_end + 1 < before.len() && starts_lowercase(&before[last_word..=text_end]);
    let next = &raw[at + 1..];
    let opening = next.iter().position(|b| !matches!(b, b' ' | b'\t')).map(|p| (p, next[p]));
    match opening {
        Some((_, first)) if !first.is_ascii_alphanumeric() && first < 0x80 && first != b'(' => {
            matches!(first, b',' | b';' | b':' | b')')
        }
        Some((indent, first)) => {
            let lower = first.is_ascii_lowercase() || (first >= 0x80 && starts_lowercase(&next[indent..]));
            trailing_space || (indent <= 1 && (lower || first == b'('))
        }
        None => false,
    }
}

/// Whether `bytes` open with a lower-case letter (UTF-8).
fn starts_lowercase(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(4)];
    let text = match std::str::from_utf8(head) {
        Ok(text) => text,
        Err(error) => std::str::from_utf8(&head[..error.valid_up_to()]).unwrap_or_default(),
    };
    text.chars().next().is_some_and(char::is_lowercase)
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

/// What a byte does to a run of [`copy_ascii_run`]: continue it, end it, or depend on the byte
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

/// Copies the run from `start` that folds byte for byte to `out`, lowercased, and returns its
/// end: ASCII letters and digits (lowercased) and single spaces after one (kept), stopping
/// before a capital I after a lower-case letter (it may start a Binnen-I). `raw[start - 1]` is
/// a letter or digit.
///
/// Eight bytes at a time in one `u64` (SWAR): every test sets the high bit of the bytes that
/// pass it, so a run costs no branch per word; the word is lowercased in the register (bit 0x20
/// set on its letters) and written whole, and the bytes past the run's end are cut off again.
/// The last bytes go through [`copy_ascii_run_bytewise`].
fn copy_ascii_run(raw: &[u8], start: usize, out: &mut Vec<u8>) -> usize {
    let mut at = start;
    let before = raw[start - 1];
    let high_if = |test: bool| if test { 0x80 } else { 0 };
    let (mut after_alnum, mut after_lower) =
        (high_if(before.is_ascii_alphanumeric()), high_if(before.is_ascii_lowercase()));
    while let Some(chunk) = raw.get(at..at + 8).and_then(|c| <[u8; 8]>::try_from(c).ok()) {
        let word = u64::from_le_bytes(chunk);
        let ascii = !word & HIGH_BITS;
        let low7 = word & !HIGH_BITS;
        let alpha = in_range(low7 | (ONES * 0x20), b'a', b'z') & ascii;
        let alnum = alpha | (in_range(low7, b'0', b'9') & ascii);
        // A letter is lower-case when its bit 0x20 is set.
        let lower = alpha & (word << 2);
        let (capital_i, space) = (bytes_equal(word, b'I'), bytes_equal(word, b' '));
        let keep =
            (alnum & !capital_i) | (space & (alnum << 8 | after_alnum)) | (capital_i & !(lower << 8 | after_lower));
        let stop = !keep & HIGH_BITS;
        out.extend_from_slice(&(word | alpha >> 2).to_le_bytes());
        if stop != 0 {
            let kept = (stop.trailing_zeros() / 8) as usize;
            out.truncate(out.len() - 8 + kept);
            return at + kept;
        }
        (after_alnum, after_lower) = (alnum >> 56, lower >> 56);
        at += 8;
    }
    copy_ascii_run_bytewise(raw, at, out)
}

/// `0x01` in every byte, and `0x80`.
const ONES: u64 = 0x0101_0101_0101_0101;
const HIGH_BITS: u64 = ONES * 0x80;

/// The high bit of each byte of `low7` (bytes below 0x80) that lies in `lo..=hi`.
fn in_range(low7: u64, lo: u8, hi: u8) -> u64 {
    let at_least_lo = low7.wrapping_add(ONES * u64::from(0x80 - lo));
    let above_hi = low7.wrapping_add(ONES * u64::from(0x7f - hi));
    at_least_lo & !above_hi & HIGH_BITS
}

/// The high bit of each byte of `word` that equals `byte`.
fn bytes_equal(word: u64, byte: u8) -> u64 {
    let diff = word ^ (ONES * u64::from(byte));
    !((diff & !HIGH_BITS).wrapping_add(!HIGH_BITS) | diff) & HIGH_BITS
}

/// [`copy_ascii_run`] one byte at a time (`raw[start - 1]` is part of the run).
fn copy_ascii_run_bytewise(raw: &[u8], start: usize, out: &mut Vec<u8>) -> usize {
    let end = ascii_run_end_bytewise(raw, start);
    out.extend(raw[start..end].iter().map(u8::to_ascii_lowercase));
    end
}

/// The end of the run of [`copy_ascii_run`], one byte at a time.
fn ascii_run_end_bytewise(raw: &[u8], start: usize) -> usize {
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
    fn word_bytes_are_ascii_letters_digits_and_non_ascii_bytes() {
        for byte in 0..=u8::MAX {
            assert_eq!(is_word_byte(byte), byte.is_ascii_alphanumeric() || byte >= 0x80, "{byte}");
        }
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
    fn the_offset_map_has_a_segment_per_discontinuity() {
        let text = "Social media manager, Köln";
        let key = MatchKey::new(text);
        assert_eq!(key.bytes(), b"\nsocial media manager koln\n");
        // The separator, the run up to the comma (whose space continues it), "K", "ln" after the
        // two bytes of "ö", and the end.
        assert_eq!(key.segments, [(0, 0), (1, 0), (22, 22), (24, 25), (27, 27)]);
        let dense = MatchKey::default().rebuild_reference(text);
        assert_eq!((0..=key.bytes().len()).map(|i| key.source_offset(i)).collect::<Vec<_>>(), dense);
        assert_eq!(key.source_span(text, 22, 26), (22, text.len()), "Köln maps back whole");
    }

    #[test]
    fn runs_end_where_the_bytewise_scan_ends_them() {
        let texts = [
            "Social Media Manager mit Erfahrung in Content Creation und Community",
            "KollegInnen gesucht: MitarbeiterIn im Bereich IT, LinkedIn und Instagram 2024",
            "a  b\tc d9 Z IIII aI Ia zI@` [{/:0123456789 ABCXYZabcxyz end",
            "Wörter mit Umlauten, ÄÖÜ und ß: Größe\u{80}x ~\u{7f} text text text text",
        ];
        for text in texts {
            let raw = text.as_bytes();
            for start in (1..=raw.len()).filter(|&s| raw[s - 1].is_ascii_alphanumeric()) {
                let mut copied = b"before".to_vec();
                let end = copy_ascii_run(raw, start, &mut copied);
                assert_eq!(end, ascii_run_end_bytewise(raw, start), "{text:?} from {start}");
                assert_eq!(copied[6..], raw[start..end].to_ascii_lowercase(), "{text:?} from {start}");
                assert_eq!(&copied[..6], b"before");
            }
        }
    }

    #[test]
    fn sentences_and_bullets_become_separators() {
        assert_eq!(folded("Wir bieten. Du planst\n• Posts; Reels"), "\nwir bieten\ndu planst\nposts\nreels\n");
        assert_eq!(folded("1.400 Mitarbeitende, X.com"), "\n1 400 mitarbeitende x com\n");
        assert_eq!(folded("- erstens\n- zweitens"), "\nerstens\nzweitens\n");
    }

    #[test]
    fn a_line_break_inside_a_sentence_joins_its_lines() {
        // Inline markup flattened to lines: a trailing space, or a next line in lower case or
        // opening with a bracket or comma, continues the sentence.
        assert_eq!(
            folded("Zusammenarbeit mit \nContent Creators\n und dem Team"),
            "\nzusammenarbeit mit content creators und dem team\n"
        );
        assert_eq!(folded("Community Management\n (Kommentare, DMs)"), "\ncommunity management kommentare dms\n");
        assert_eq!(
            folded("Partnerschaften\n: Postings\r\nund Reporting"),
            "\npartnerschaften postings und reporting\n"
        );
        // A new line in upper case, a list item, a blank line or a full stop end it.
        assert_eq!(folded("Aufgaben\nDu planst"), "\naufgaben\ndu planst\n");
        assert_eq!(folded("Aufgaben \n- Du planst"), "\naufgaben\ndu planst\n");
        assert_eq!(folded("Aufgaben \n\nDu planst"), "\naufgaben\ndu planst\n");
        assert_eq!(folded("Wir wachsen. \nDu planst"), "\nwir wachsen\ndu planst\n");
        assert_eq!(folded("Du planst\n  Reels"), "\ndu planst\nreels\n");
        assert_eq!(folded("Construction Management \nExperience with"), "\nconstruction management\nexperience with\n");
    }

    #[test]
    fn common_characters_fold_as_the_general_path_folds_them() {
        let mut shortcut = 0;
        for ch in ('\u{80}'..='\u{2fff}').filter(|ch| fold_common(*ch).is_some()) {
            shortcut += 1;
            for text in [format!("ab{ch}cd"), format!("x {ch} y"), format!("{ch}"), format!("Ab.{ch}{ch}\nz")] {
                let fast = MatchKey::new(&text);
                let mut reference = MatchKey::default();
                let dense = reference.rebuild_reference(&text);
                assert_eq!(fast, reference, "{text:?}");
                assert_eq!((0..=fast.bytes().len()).map(|i| fast.source_offset(i)).collect::<Vec<_>>(), dense);
            }
        }
        assert_eq!(shortcut, 30, "every character of the shortcut is checked");
    }

    #[test]
    fn phrases_fold_like_text() {
        assert_eq!(fold_phrase("Social-Media-Manager:in"), "social media manager");
        assert_eq!(fold_phrase("  Kommentare  beantworten. "), "kommentare beantworten");
    }
}
