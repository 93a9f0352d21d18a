//! Stage 7: how much of the ad's duties section the norm's tasks cover. A duties list of twenty
//! statements with a social-media phrase in two of them is a job the norm does not know, with
//! some social-media work beside it: the uncovered statements speak for `other`.

use rolenorm_text::MatchKey;

use super::evidence::Demand;
use super::scan::line_spans;
use super::sections::{Sections, at_most_words};
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

/// Counts the duty statements of `text` and those covered by the evidence in `demand`
/// (`offsets` is a reused buffer).
pub(super) fn measure(
    analyzer: &Analyzer,
    text: &str,
    sections: &Sections,
    demand: &Demand,
    key: &MatchKey,
    offsets: &mut Vec<usize>,
) -> DutyCoverage {
    let min_words = analyzer.norm.scoring().duty_min_words;
    if min_words == 0 || !sections.has_tasks() {
        return DutyCoverage::default();
    }
    offsets.clear();
    offsets.extend(
        demand
            .items
            .iter()
            .enumerate()
            .filter(|(t, _)| !analyzer.ids.unrelated_tasks[*t])
            .flat_map(|(_, items)| items.iter().filter(|i| !i.in_title).map(|i| key.source_offset(i.start))),
    );
    offsets.sort_unstable();
    let mut coverage = DutyCoverage::default();
    for (start, end) in sections.duty_ranges(text.len()) {
        // The first line is the heading.
        for (line_start, line) in line_spans(&text[start..end]).skip(1).map(|(at, line)| (start + at, line)) {
            // Fewer than `min_words` words (counted no further than that).
            if at_most_words(line, min_words - 1) {
                continue;
            }
            coverage.statements += 1;
            let first = offsets.partition_point(|o| *o < line_start);
            coverage.covered += usize::from(offsets.get(first).is_some_and(|o| *o < line_start + line.len()));
        }
    }
    coverage
}
