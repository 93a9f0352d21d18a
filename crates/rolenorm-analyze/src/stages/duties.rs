//! Stage 7: how much of the ad's duties section the norm's tasks cover. A duties list of twenty
//! statements with a social-media phrase in two of them is a job the norm does not know, with
//! some social-media work beside it: the uncovered statements speak for `other`.

use rolenorm_text::MatchKey;

use super::evidence::Demand;
use super::sections::Sections;
use crate::analyzer::Analyzer;

/// The duty statements of an ad and how many of them carry evidence of a normed task.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct DutyCoverage {
    /// Statements (lines of at least the norm's `duty_min_words` words) under duties headings.
    pub(super) statements: usize,
    /// Those with a phrase of a task that a normed role owns.
    pub(super) covered: usize,
}

impl DutyCoverage {
    /// The statements that no normed task covers, beyond those that one does: 0 when the norm
    /// knows at least half of the duties.
    pub(super) fn unknown_surplus(&self) -> f32 {
        let uncovered = self.statements - self.covered;
        uncovered.saturating_sub(self.covered) as f32
    }
}

/// Counts the duty statements of `text` and those covered by the evidence in `demand`.
pub(super) fn measure(
    analyzer: &Analyzer,
    text: &str,
    sections: &Sections,
    demand: &Demand,
    key: &MatchKey,
) -> DutyCoverage {
    let min_words = analyzer.norm.scoring().duty_min_words;
    if min_words == 0 || !sections.has_tasks() {
        return DutyCoverage::default();
    }
    let mut offsets: Vec<usize> = demand
        .items
        .iter()
        .enumerate()
        .filter(|(t, _)| !analyzer.ids.unrelated_tasks[*t])
        .flat_map(|(_, items)| items.iter().filter(|i| !i.in_title).map(|i| key.source_offset(i.start)))
        .collect();
    offsets.sort_unstable();
    let mut coverage = DutyCoverage::default();
    for (start, end) in sections.duty_ranges(text.len()) {
        for (line_start, line) in lines_after_heading(&text[start..end], start) {
            if line.split_whitespace().count() < min_words {
                continue;
            }
            coverage.statements += 1;
            let first = offsets.partition_point(|o| *o < line_start);
            coverage.covered += usize::from(offsets.get(first).is_some_and(|o| *o < line_start + line.len()));
        }
    }
    coverage
}

/// The lines of a section after its heading line, with their offsets in the whole text.
fn lines_after_heading(section: &str, base: usize) -> impl Iterator<Item = (usize, &str)> {
    let mut at = base;
    section
        .split_inclusive('\n')
        .map(move |line| {
            let start = at;
            at += line.len();
            (start, line.trim_end_matches('\n'))
        })
        .skip(1)
}
