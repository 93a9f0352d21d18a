//! Stage 4: the ad's sections, from its headings, and the weight of a phrase in each.

use rolenorm_norm::SectionKind;
use rolenorm_text::MatchKey;
use rolenorm_wire::Section;

use super::scan::line_spans;
use crate::analyzer::Analyzer;
use crate::compile::{Hit, Target};

/// The characters that open a list item.
const BULLETS: [char; 6] = ['•', '-', '*', '–', '·', '▪'];

/// A stretch of the ad's text belonging to one section, from `start` to the next one.
#[derive(Debug, Clone, Copy)]
pub(super) struct SectionSpan {
    /// Byte offset of the section's first line.
    pub(super) start: usize,
    /// Its kind; `None` under a heading of unknown kind, or in an ad without headings.
    pub(super) kind: Option<SectionKind>,
    /// How much a phrase in it counts.
    pub(super) weight: f32,
}

impl SectionSpan {
    /// The section's name in the output.
    pub(super) fn name(&self) -> Section {
        match self.kind {
            None => Section::Body,
            Some(SectionKind::Intro) => Section::Intro,
            Some(SectionKind::Tasks) => Section::Tasks,
            Some(SectionKind::Profile) => Section::Profile,
            Some(SectionKind::Benefits) => Section::Benefits,
            Some(SectionKind::Company) => Section::Company,
            Some(SectionKind::Application) => Section::Application,
        }
    }
}

/// The sections of an ad, in text order; the first starts at 0.
#[derive(Debug)]
pub(super) struct Sections(Vec<SectionSpan>);

impl Sections {
    /// The section holding byte `offset`.
    pub(super) fn at(&self, offset: usize) -> SectionSpan {
        let index = self.0.partition_point(|s| s.start <= offset).saturating_sub(1);
        self.0[index]
    }

    /// The byte ranges of the duties sections, each from its heading line to the next section
    /// (`len` is the text's length).
    pub(super) fn duty_ranges(&self, len: usize) -> impl Iterator<Item = (usize, usize)> + '_ {
        self.0.iter().enumerate().filter(|(_, s)| s.kind == Some(SectionKind::Tasks)).map(move |(i, s)| {
            let end = self.0.get(i + 1).map_or(len, |next| next.start);
            (s.start, end)
        })
    }

    /// Whether the ad lists its duties under a heading.
    pub(super) fn has_tasks(&self) -> bool {
        self.0.iter().any(|s| s.kind == Some(SectionKind::Tasks))
    }
}

/// Splits the text into sections. A short line holding a heading phrase of the norm opens a
/// section of that kind (an inline "Aufgaben: …" too); any other short line ending in ':' or '?'
/// opens a section of unknown kind, so that duties after an unrecognised heading are not read
/// as part of the company blurb before it.
pub(super) fn split(analyzer: &Analyzer, text: &str, key: &MatchKey, hits: &[Hit]) -> Sections {
    let scoring = analyzer.norm.scoring();
    let mut headings = known_headings(analyzer, text, key, hits);
    for (line_start, line) in colon_lines(text) {
        if is_heading_line(analyzer, line) {
            headings.push(SectionSpan { start: line_start, kind: None, weight: scoring.unsectioned_weight });
        }
    }
    // One section per line: a recognised kind wins over an unknown heading.
    headings.sort_by_key(|h| (h.start, h.kind.is_none()));
    headings.dedup_by_key(|h| h.start);
    let headings = merge_subheadings(text, headings);
    let mut sections = vec![SectionSpan { start: 0, kind: None, weight: scoring.unsectioned_weight }];
    if headings.iter().any(|h| h.kind.is_some()) {
        sections[0] = SectionSpan { start: 0, kind: Some(SectionKind::Intro), weight: scoring.intro_weight };
    }
    for heading in headings {
        if heading.start == 0 {
            sections[0] = heading;
        } else {
            sections.push(heading);
        }
    }
    Sections(requirement_lines(analyzer, text, sections))
}

/// Drops every heading of unknown kind that directly follows a known one (nothing but blank
/// lines between them): "Your responsibilities / on deck:" and "Requirements / What we expect
/// from you:" are one heading over two lines, and the known kind holds for what follows.
fn merge_subheadings(text: &str, headings: Vec<SectionSpan>) -> Vec<SectionSpan> {
    let mut kept: Vec<SectionSpan> = Vec::with_capacity(headings.len());
    for heading in headings {
        let continues = kept.last().is_some_and(|last| {
            let after_last = text[last.start..].find('\n').map_or(text.len(), |i| last.start + i);
            last.kind.is_some() && text.get(after_last..heading.start).is_some_and(|gap| gap.trim().is_empty())
        });
        if !(heading.kind.is_none() && continues) {
            kept.push(heading);
        }
    }
    kept
}

/// Lines outside any known section that state a requirement ("5 years of experience in …",
/// "Du hast …", the norm's `requirement_cues`) weigh as the profile does: in an ad without
/// headings, what the candidate brings is no duty.
fn requirement_lines(analyzer: &Analyzer, text: &str, sections: Vec<SectionSpan>) -> Vec<SectionSpan> {
    let norm = &analyzer.norm;
    let cues = Cues { words: &norm.scoring().requirement_cues, by_first_byte: &analyzer.ids.requirement_cues };
    let profile = norm.sections().iter().find(|r| r.kind == SectionKind::Profile);
    let (Some(profile), false) = (profile, cues.words.is_empty()) else { return sections };
    let requirement = SectionSpan { start: 0, kind: Some(SectionKind::Profile), weight: profile.weight };
    let mut out: Vec<SectionSpan> = Vec::with_capacity(sections.len());
    for (i, &section) in sections.iter().enumerate() {
        push_span(&mut out, section);
        if section.kind.is_some() {
            continue;
        }
        let end = sections.get(i + 1).map_or(text.len(), |next| next.start);
        let lines = line_spans(&text[section.start..end]).filter(|(_, line)| !line.is_empty());
        for (start, line) in lines.map(|(at, line)| (section.start + at, line)) {
            let span = if cues.open(line) { requirement } else { section };
            push_span(&mut out, SectionSpan { start, ..span });
        }
    }
    out
}

/// Appends `span` unless it continues the last one; a span at the last one's start replaces it.
fn push_span(spans: &mut Vec<SectionSpan>, span: SectionSpan) {
    match spans.last_mut() {
        Some(last) if last.start == span.start => *last = span,
        Some(last) if last.kind == span.kind && last.weight == span.weight => {}
        _ => spans.push(span),
    }
}

/// The requirement cues, with their indices by first byte.
struct Cues<'a> {
    words: &'a [String],
    by_first_byte: &'a [Vec<(u8, usize)>],
}

impl Cues<'_> {
    /// Whether a line opens with a requirement cue (ASCII letters compared without case, whole
    /// words) or with a number of years ("5 years", "2+ Jahre").
    fn open(&self, line: &str) -> bool {
        let line = line.trim_start().trim_start_matches(BULLETS).trim_start();
        let years = line.trim_start_matches(|c: char| c.is_ascii_digit() || c == '+');
        if years.len() < line.len() {
            return starts_with_word(years.trim_start(), ["years", "year", "Jahre", "Jahren"]);
        }
        let mut bytes = line.bytes().map(|b| b.to_ascii_lowercase());
        let Some(first) = bytes.next() else { return false };
        let second = bytes.next().unwrap_or(0);
        let candidates = self.by_first_byte[usize::from(first)].iter().filter(|(b, _)| *b == second);
        starts_with_word(line, candidates.map(|&(_, i)| self.words[i].as_str()))
    }
}

/// Whether `text` opens with one of `words`, followed by no letter or digit.
fn starts_with_word<'w>(text: &str, words: impl IntoIterator<Item = &'w str>) -> bool {
    words.into_iter().any(|word| {
        text.get(..word.len()).is_some_and(|head| head.eq_ignore_ascii_case(word))
            && !text[word.len()..].starts_with(char::is_alphanumeric)
    })
}

/// The lines of `text` (split at `'\n'`) whose last non-blank character is `':'` or `'?'`, with
/// their start offsets, in text order: found with `memchr` instead of trimming every line.
fn colon_lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let bytes = text.as_bytes();
    memchr::memchr2_iter(b':', b'?', bytes).filter_map(move |at| {
        let rest = &text[at + 1..];
        let blank = rest.find(|c: char| c == '\n' || !c.is_whitespace()).unwrap_or(rest.len());
        if !rest[blank..].is_empty() && !rest[blank..].starts_with('\n') {
            return None;
        }
        let line_start = memchr::memrchr(b'\n', &bytes[..at]).map_or(0, |i| i + 1);
        Some((line_start, &text[line_start..at + 1 + blank]))
    })
}

/// The lines that a heading phrase of the norm opens: on a heading line of its own, or inline
/// before a colon.
fn known_headings(analyzer: &Analyzer, text: &str, key: &MatchKey, hits: &[Hit]) -> Vec<SectionSpan> {
    let scoring = analyzer.norm.scoring();
    let mut headings = Vec::new();
    // Hits in one line follow each other: the last line's start and whether it is short enough.
    let mut last_line: Option<(usize, bool)> = None;
    for hit in hits {
        let Target::Heading(rule) = analyzer.vocabulary.patterns[hit.pattern as usize].target else { continue };
        let start = key.source_offset(hit.start);
        let end = key.source_offset(key.word_end(hit.end));
        let line_start = memchr::memrchr(b'\n', &text.as_bytes()[..start]).map_or(0, |i| i + 1);
        let line_end = memchr::memchr(b'\n', &text.as_bytes()[start..]).map_or(text.len(), |i| start + i);
        let line = &text[line_start..line_end];
        let before = &text[line_start..start];
        let after = &text[end.min(line_end)..line_end];
        let inline = !before.chars().any(char::is_alphanumeric) && after.trim_start().starts_with(':');
        let short = match last_line {
            Some((at, short)) if at == line_start => short,
            _ => is_heading_line(analyzer, line),
        };
        last_line = Some((line_start, short));
        let own_line =
            short && (line.trim_end().ends_with(':') || words(before) + words(after) <= scoring.heading_extra_words);
        if !(own_line || inline) {
            continue;
        }
        let rule = &analyzer.norm.sections()[rule];
        headings.push(SectionSpan { start: line_start, kind: Some(rule.kind), weight: rule.weight });
    }
    headings
}

/// The words of `text` that hold a letter or a digit.
fn words(text: &str) -> usize {
    text.split_whitespace().filter(|w| w.chars().any(char::is_alphanumeric)).count()
}

/// Whether a line is short enough to be a heading (the norm's `heading_max_chars` and
/// `heading_max_words`) and not a list item.
fn is_heading_line(analyzer: &Analyzer, line: &str) -> bool {
    let scoring = analyzer.norm.scoring();
    let line = line.trim();
    // The cheapest test first: a list item is no heading, whatever its length.
    !line.is_empty()
        && !line.starts_with(BULLETS)
        && at_most_chars(line, scoring.heading_max_chars)
        && at_most_words(line, scoring.heading_max_words)
}

/// Whether `line` holds at most `max` words (`line.split_whitespace().count() <= max`): an
/// ASCII line is read byte by byte without a branch (its whitespace is `'\t'..='\r'` and `' '`,
/// as `char::is_whitespace` has it; a word starts at a non-space after a space or at the start),
/// and the count stops after the first 64-byte block that passes `max` words.
pub fn at_most_words(line: &str, max: usize) -> bool {
    if !line.is_ascii() {
        return line.split_whitespace().nth(max).is_none();
    }
    let mut words = 0;
    let mut after_space = true;
    for block in line.as_bytes().chunks(64) {
        for &byte in block {
            let space = (byte == b' ') | (byte.wrapping_sub(b'\t') < 5);
            words += usize::from(after_space & !space);
            after_space = space;
        }
        if words > max {
            return false;
        }
    }
    true
}

/// Whether `line` holds at most `max` characters (`line.chars().count() <= max`), without
/// counting the characters of a line too long in bytes to qualify: a character takes one to
/// four bytes.
pub fn at_most_chars(line: &str, max: usize) -> bool {
    line.len() <= max || (line.len() <= max.saturating_mul(4) && line.chars().count() <= max)
}

#[cfg(test)]
mod tests {
    use super::{at_most_chars, at_most_words};

    #[test]
    fn at_most_words_agrees_with_split_whitespace() {
        let lines = [
            "",
            " ",
            "a",
            "a b",
            " a  b ",
            "a\tb\nc\rd",
            "a\x0Bb\x0Cc",
            "a\u{a0}b",
            "a\u{2003}b c",
            "a\u{85}b",
            "Was dich erwartet:",
            "ä ö ü",
            "x\x1fy z",
            "-- - --",
        ];
        for base in lines {
            for repeat in [1, 2, 4, 9] {
                let line = base.repeat(repeat);
                for max in 0..12 {
                    let expected = line.split_whitespace().count() <= max;
                    assert_eq!(at_most_words(&line, max), expected, "{line:?} {max}");
                }
            }
        }
    }

    #[test]
    fn at_most_chars_agrees_with_counting_every_character() {
        let lines = ["", "a", "abc", "äöü", "ä", "€€", "𝄞𝄞", "ab€", "a b c d", "Aufgaben:", "𝄞a€ä"];
        for base in lines {
            for repeat in [1, 2, 3, 5, 17] {
                let line = base.repeat(repeat);
                for max in 0..=line.len() + 2 {
                    assert_eq!(at_most_chars(&line, max), line.chars().count() <= max, "{line:?} {max}");
                }
            }
        }
    }
}
