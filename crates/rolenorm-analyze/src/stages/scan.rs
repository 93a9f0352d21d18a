//! Stage 2: the match keys and the automaton's hits, for the body and for the title. The body
//! is scanned first: without a given or stated title, the title is found in it.

use rolenorm_text::{Document, MatchKey};

use crate::analyzer::{Ad, Analyzer, Scratch};
use crate::compile::{Hit, Target};

/// Folds and scans body and title into `scratch`; returns the title the analysis uses.
pub(super) fn scan(analyzer: &Analyzer, ad: &Ad<'_>, document: &Document<'_>, scratch: &mut Scratch) -> Option<String> {
    scratch.body.rebuild(&document.text);
    scratch.body_hits.clear();
    analyzer.vocabulary.scan(&scratch.body, &mut scratch.body_hits, &mut scratch.buffers);
    analyzer.vocabulary.mask_false_friends(&mut scratch.body_hits);
    analyzer.vocabulary.mask_contained_tasks(&mut scratch.body_hits);

    let given = ad.title.map(str::trim).filter(|t| !t.is_empty());
    let title = given
        .map(str::to_owned)
        .or_else(|| document.title.clone())
        .or_else(|| infer_title(analyzer, &document.text, &scratch.body, &scratch.body_hits));
    scratch.title.rebuild(title.as_deref().unwrap_or(""));
    scratch.title_hits.clear();
    analyzer.vocabulary.scan(&scratch.title, &mut scratch.title_hits, &mut scratch.buffers);
    analyzer.vocabulary.mask_false_friends(&mut scratch.title_hits);
    title
}

/// The platforms that are the ad's employer (YouTube hiring for YouTube): the platforms the
/// employer's name holds.
pub(super) fn employer_platforms(analyzer: &Analyzer, ad: &Ad<'_>, scratch: &mut Scratch) -> Vec<usize> {
    let Some(company) = ad.company.filter(|c| !c.trim().is_empty()) else { return Vec::new() };
    scratch.company.rebuild(company);
    scratch.company_hits.clear();
    analyzer.vocabulary.scan(&scratch.company, &mut scratch.company_hits, &mut scratch.buffers);
    let mut platforms = Vec::new();
    for hit in &scratch.company_hits {
        if let Target::Platform(platform) = analyzer.vocabulary.patterns[hit.pattern as usize].target
            && !platforms.contains(&platform)
        {
            platforms.push(platform);
        }
    }
    platforms
}

/// The title of an ad that has none: an early short line with a gender marker, else an early
/// line holding a role title, else the first line if it is short and no heading (list items
/// are never titles).
fn infer_title(analyzer: &Analyzer, text: &str, key: &MatchKey, hits: &[Hit]) -> Option<String> {
    let scoring = analyzer.norm.scoring();
    // A list item ("- Design flyers …") is a duty, not a title.
    let item = |line: &str| line.trim_start().starts_with(['-', '•', '*', '–', '·', '▪', '✓', '→', '✔']);
    let lines: Vec<(usize, &str)> = line_spans(text)
        .filter(|(_, line)| !line.trim().is_empty() && !item(line))
        .take(scoring.title_search_lines)
        .collect();
    let markers = &analyzer.ids.gender_markers;
    let fits = |line: &str, limit: usize| line.trim().chars().count() <= limit;
    if let Some((_, line)) = lines.iter().find(|(_, line)| {
        let lower = line.to_lowercase();
        fits(line, scoring.title_marker_line_chars) && markers.iter().any(|m| holds_word(&lower, m))
    }) {
        return Some(line.trim().to_owned());
    }
    // An ad that opens with a short line opens with its title: a role title after the prose has
    // begun is a mention ("contact Rachel, Digital Communications Officer"), not the title.
    let prose = |line: &str| !fits(line, scoring.title_line_chars) || line.trim_end().ends_with(['.', '!']);
    let opens_with_title = lines.first().is_some_and(|(_, line)| !prose(line));
    let search_end = match lines.iter().find(|(_, line)| prose(line)) {
        Some((start, _)) if opens_with_title => *start,
        _ => lines.last().map_or(0, |(start, line)| start + line.len()),
    };
    for hit in hits {
        if !matches!(analyzer.vocabulary.patterns[hit.pattern as usize].target, Target::Title(_)) {
            continue;
        }
        let offset = key.source_offset(hit.start);
        if offset > search_end {
            break;
        }
        if let Some((_, line)) = lines.iter().find(|(start, line)| offset >= *start && offset < start + line.len())
            && fits(line, scoring.title_line_chars)
        {
            return Some(line.trim().to_owned());
        }
    }
    // A heading ("Your tasks") opens a section; it is no title.
    let heading = |start: usize, line: &str| {
        line.trim().chars().count() <= scoring.heading_max_chars
            && hits.iter().any(|hit| {
                let offset = key.source_offset(hit.start);
                matches!(analyzer.vocabulary.patterns[hit.pattern as usize].target, Target::Heading(_))
                    && offset >= start
                    && offset < start + line.len()
            })
    };
    let (start, first) = lines.first()?;
    (!heading(*start, first) && fits(first, scoring.title_line_chars)).then(|| first.trim().to_owned())
}

/// Whether `word` stands in `text` with no letter or digit on either side ("gn" in "(gn)", not in
/// "Design").
fn holds_word(text: &str, word: &str) -> bool {
    let alphanumeric_at = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    text.match_indices(word).any(|(at, _)| {
        !alphanumeric_at(text[..at].chars().next_back()) && !alphanumeric_at(text[at + word.len()..].chars().next())
    })
}

/// The lines of `text` (split at `'\n'`, as `str::split` does) with their start offsets, found
/// with `memchr`.
pub(super) fn line_spans(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let ends = memchr::memchr_iter(b'\n', text.as_bytes()).chain(std::iter::once(text.len()));
    let mut start = 0;
    ends.map(move |end| {
        let span = (start, &text[start..end]);
        start = end + 1;
        span
    })
}

#[cfg(test)]
mod tests {
    use super::{holds_word, line_spans};

    #[test]
    fn a_gender_marker_counts_only_as_a_word_of_its_own() {
        assert!(holds_word("grafiker (gn) 80%", "gn"));
        assert!(holds_word("marketing manager m/w/d", "m/w/d"));
        assert!(!holds_word("einhaltung des corporate design", "gn"));
        assert!(!holds_word("kampagnen planen", "gn"));
        assert!(!holds_word("", "gn"));
    }

    #[test]
    fn line_spans_split_as_str_split_does() {
        for text in ["", "\n", "one", "one\ntwo", "one\n\ntwo\n", "\n\nä\r\nb", "x\n"] {
            let mut start = 0;
            let expected: Vec<(usize, &str)> = text
                .split('\n')
                .map(|line| {
                    let span = (start, line);
                    start += line.len() + 1;
                    span
                })
                .collect();
            assert_eq!(line_spans(text).collect::<Vec<_>>(), expected, "{text:?}");
        }
    }
}
