//! Stages 5 and 6: every hit becomes evidence for a task, a title role, a level cue or a platform
//! mention, weighted by its section; the tasks with enough evidence are demanded.

use rolenorm_norm::SectionKind;
use rolenorm_text::{MatchKey, SEP, is_word_byte};
use rolenorm_wire::Section;

use super::sections::Sections;
use crate::analyzer::{Analyzer, Scratch};
use crate::compile::{Hit, Pattern, Target};

/// One phrase found for a task, in key bytes of the title or the body.
#[derive(Debug, Clone, Copy)]
pub(super) struct EvidenceItem {
    /// Whether it stands in the title (else in the body).
    pub(super) in_title: bool,
    /// Start in the key.
    pub(super) start: usize,
    /// End in the key.
    pub(super) end: usize,
    /// The section it stands in.
    pub(super) section: Section,
    /// The section's weight.
    pub(super) weight: f32,
}

/// Platform mentions outside the benefits, company and application sections, per platform.
#[derive(Debug)]
pub(super) struct PlatformTally {
    /// Mentions.
    pub(super) mentions: Vec<u32>,
    /// Mentions weighted by section, outside the requirements (what the work focuses on).
    pub(super) weight: Vec<f32>,
}

/// The levels the title and the start of the body name, per level.
#[derive(Debug)]
pub(super) struct LevelCues {
    /// Named in the title.
    pub(super) title: Vec<bool>,
    /// Named early in the body (intro or duties).
    pub(super) body: Vec<bool>,
    /// Required anywhere in the body outside the boilerplate ("10 years of experience").
    pub(super) required: Vec<bool>,
}

/// What the hits say, before any decision.
#[derive(Debug)]
pub(super) struct Gathered {
    /// Evidence per task (generic phrases only when the ad has social-media context).
    pub(super) tasks: Vec<Vec<EvidenceItem>>,
    /// Platform mentions.
    pub(super) platforms: PlatformTally,
    /// Level cues.
    pub(super) levels: LevelCues,
    /// The role the title names (its longest title phrase, the first of equal ones).
    pub(super) title_role: Option<usize>,
    /// The other roles that the same part of the title names besides the title role, in the
    /// order of their phrases.
    pub(super) title_roles: Vec<usize>,
    /// Whether the ad is about social media at all.
    pub(super) social_context: bool,
}

/// The tasks the ad demands.
#[derive(Debug)]
pub(super) struct Demand {
    /// Evidence per task, one item per sentence.
    pub(super) items: Vec<Vec<EvidenceItem>>,
    /// Evidence score per task.
    pub(super) scores: Vec<f32>,
    /// The demanded tasks, in the norm's order.
    pub(super) demanded: Vec<usize>,
    /// Evidence beyond this no longer raises a task's strength.
    cap: f32,
}

impl Demand {
    /// How strongly task `t` is demanded (its evidence, capped).
    pub(super) fn strength(&self, t: usize) -> f32 {
        self.scores[t].min(self.cap)
    }

    /// How much of the ad's work is task `t`: its evidence outside the requirements (knowing
    /// HTML is a skill, coding is work), one item per sentence, uncapped.
    pub(super) fn duty_volume(&self, t: usize) -> f32 {
        self.items[t].iter().filter(|item| item.section != Section::Profile).map(|item| item.weight).sum()
    }

    /// Whether task `t` is demanded.
    pub(super) fn contains(&self, t: usize) -> bool {
        self.demanded.contains(&t)
    }
}

/// How far after a task phrase (key bytes, about fifteen words) a delegation may start: "content
/// and channel strategy are run by our brand team".
const DELEGATION_BYTES: usize = 120;

/// Reads every hit of the title and the body.
/// A platform in `employer` is the employer's name, not a channel: its mentions do not count.
pub(super) fn gather(
    analyzer: &Analyzer,
    scratch: &Scratch,
    sections: &Sections,
    employer: &[usize],
    title: Option<&str>,
) -> Gathered {
    let mut gatherer = Gatherer::new(analyzer, employer, &scratch.body_hits);
    for hit in &scratch.title_hits {
        gatherer.title_hit(hit, &scratch.title);
    }
    for hit in &scratch.body_hits {
        gatherer.body_hit(hit, &scratch.body, sections);
    }
    gatherer.finish(title.unwrap_or(""))
}

/// Scores each task's evidence and picks the demanded tasks. Tasks of the context domains
/// count only in ads with social-media context.
pub(super) fn demand(
    analyzer: &Analyzer,
    mut items: Vec<Vec<EvidenceItem>>,
    body: &MatchKey,
    social_context: bool,
) -> Demand {
    let scoring = analyzer.norm.scoring();
    let mut scores = Vec::with_capacity(items.len());
    for (t, task_items) in items.iter_mut().enumerate() {
        let score = task_score(task_items, body);
        scores.push(if !social_context && analyzer.ids.context_tasks[t] { 0.0 } else { score });
    }
    let demanded = (0..scores.len()).filter(|t| scores[*t] >= scoring.task_threshold).collect();
    Demand { items, scores, demanded, cap: scoring.task_cap }
}

/// The hit-by-hit reading behind [`gather`].
struct Gatherer<'a> {
    analyzer: &'a Analyzer,
    tasks: Vec<Vec<EvidenceItem>>,
    /// Evidence from generic phrases, kept only if the ad turns out to be about social media.
    context_items: Vec<(usize, EvidenceItem)>,
    platforms: PlatformTally,
    /// Per platform: where its last body mention ended (two aliases on the same words are one).
    platform_last_end: Vec<usize>,
    levels: LevelCues,
    /// (role, phrase length, start) of the best title phrase so far.
    title_role: Option<(usize, usize, usize)>,
    /// (role, start, end in the title) of every title phrase.
    title_phrases: Vec<(usize, usize, usize)>,
    /// Where the title role's phrase stands in the title.
    title_span: (usize, usize),
    social_context: bool,
    /// Whether the title names social media ("Community Manager").
    title_context: bool,
    /// Whether the body names a platform (outside the employer).
    body_platform: bool,
    /// The platforms that are the employer.
    employer: &'a [usize],
    /// Where the body's delegations start, in order.
    delegations: Vec<usize>,
}

impl<'a> Gatherer<'a> {
    fn new(analyzer: &'a Analyzer, employer: &'a [usize], body_hits: &[Hit]) -> Self {
        let norm = &analyzer.norm;
        let patterns = &analyzer.vocabulary.patterns;
        let mut delegations: Vec<usize> = body_hits
            .iter()
            .filter(|h| patterns[h.pattern as usize].target == Target::Delegation)
            .map(|h| h.start)
            .collect();
        delegations.sort_unstable();
        Gatherer {
            analyzer,
            tasks: vec![Vec::new(); norm.tasks().len()],
            context_items: Vec::new(),
            platforms: PlatformTally {
                mentions: vec![0; norm.platforms().len()],
                weight: vec![0.0; norm.platforms().len()],
            },
            platform_last_end: vec![0; norm.platforms().len()],
            levels: LevelCues {
                title: vec![false; norm.levels().len()],
                body: vec![false; norm.levels().len()],
                required: vec![false; norm.levels().len()],
            },
            title_role: None,
            title_phrases: Vec::new(),
            title_span: (0, 0),
            social_context: false,
            title_context: false,
            body_platform: false,
            employer,
            delegations,
        }
    }

    fn pattern(&self, hit: &Hit) -> &'a Pattern {
        &self.analyzer.vocabulary.patterns[hit.pattern as usize]
    }

    fn title_hit(&mut self, hit: &Hit, key: &MatchKey) {
        let pattern = self.pattern(hit);
        let weight = self.analyzer.norm.scoring().title_weight;
        match pattern.target {
            Target::Task(task) => self.task(pattern, task, true, hit, Section::Title, weight),
            // The title alone makes no ad about social media: see `finish`.
            Target::Context => self.title_context = true,
            Target::FalseFriend | Target::Delegation => {}
            Target::Title(role) => {
                let span = (key.source_offset(hit.start), key.source_offset(hit.end));
                self.title_phrase(role, pattern.weight_len, hit.start, span);
            }
            Target::Level(level) => self.levels.title[level] = true,
            Target::LevelRequirement(_) => {}
            Target::Platform(platform) if self.employer.contains(&platform) => {}
            Target::Platform(platform) => {
                self.platform_last_end[platform] = 0;
                self.platforms.mentions[platform] += 1;
                self.platforms.weight[platform] += weight;
            }
            Target::Heading(_) => {}
        }
    }

    fn body_hit(&mut self, hit: &Hit, key: &MatchKey, sections: &Sections) {
        let pattern = self.pattern(hit);
        let offset = key.source_offset(hit.start);
        let section = sections.at(offset);
        match pattern.target {
            // "You won't create or post content": what the ad rules out it does not demand.
            Target::Task(_) if self.negated(key.bytes(), hit) || self.delegated(key.bytes(), hit) => {}
            Target::Task(task) => self.task(pattern, task, false, hit, section.name(), section.weight),
            // The footer, the benefits and the company blurb ("follow us on Instagram") do not make
            // an ad about social media, nor do the requirements ("experience with social media").
            Target::Context => {
                self.social_context |= !Self::boilerplate(section.kind) && section.kind != Some(SectionKind::Profile)
            }
            // The body names the contract where it opens ("Wir suchen eine:n Werkstudent:in …"),
            // not where it mentions past internships.
            Target::Level(level)
                if offset < self.analyzer.norm.scoring().body_level_bytes
                    && matches!(section.kind, None | Some(SectionKind::Intro) | Some(SectionKind::Tasks)) =>
            {
                self.levels.body[level] = true;
            }
            // "We have 20 years of experience" in the company blurb is the employer's.
            Target::LevelRequirement(level) if !Self::boilerplate(section.kind) => self.levels.required[level] = true,
            Target::Platform(platform) if self.employer.contains(&platform) => {}
            Target::Platform(platform) => self.body_platform(platform, hit, section.kind, section.weight),
            Target::Level(_)
            | Target::LevelRequirement(_)
            | Target::Title(_)
            | Target::Heading(_)
            | Target::FalseFriend
            | Target::Delegation => {}
        }
    }

    fn task(&mut self, pattern: &Pattern, task: usize, in_title: bool, hit: &Hit, section: Section, weight: f32) {
        let item = EvidenceItem { in_title, start: hit.start, end: hit.end, section, weight };
        if pattern.needs_context {
            self.context_items.push((task, item));
        } else {
            self.tasks[task].push(item);
        }
    }

    /// The longest title phrase names the title role; of equal ones, the first.
    fn title_phrase(&mut self, role: usize, length: usize, start: usize, span: (usize, usize)) {
        self.title_phrases.push((role, span.0, span.1));
        let better = match self.title_role {
            None => true,
            Some((_, best, best_start)) => length > best || (length == best && start < best_start),
        };
        if better {
            self.title_role = Some((role, length, start));
            self.title_span = span;
        }
    }

    fn body_platform(&mut self, platform: usize, hit: &Hit, kind: Option<SectionKind>, weight: f32) {
        // Two aliases on the same words ("Facebook-Seite", "Facebook") are one mention.
        if self.platform_last_end[platform] > hit.start {
            return;
        }
        self.platform_last_end[platform] = hit.end;
        self.body_platform = true;
        if !Self::boilerplate(kind) {
            self.platforms.mentions[platform] += 1;
            // The platforms a candidate should know are no platform the work focuses on.
            if kind != Some(SectionKind::Profile) {
                self.platforms.weight[platform] += weight;
            }
        }
    }

    /// Whether a negation of the norm (`negation_words`) stands in the hit or among the
    /// `negation_window_words` words before it in its sentence, and the word after it is no
    /// exception ("not only", "nicht nur").
    fn negated(&self, key: &[u8], hit: &Hit) -> bool {
        let ids = &self.analyzer.ids;
        let window = self.analyzer.norm.scoring().negation_window_words;
        if ids.negations.is_empty() {
            return false;
        }
        // The words after the current one, nearest first.
        let mut later: [&[u8]; 4] = [&[]; 4];
        let (mut at, mut before_hit) = (hit.end, 0);
        loop {
            while at > 0 && key[at - 1] == b' ' {
                at -= 1;
            }
            let from = key[..at].iter().rposition(|b| !is_word_byte(*b)).map_or(0, |i| i + 1);
            if from == at {
                return false;
            }
            if from < hit.start {
                before_hit += 1;
                if before_hit > window {
                    return false;
                }
            }
            let word = &key[from..at];
            if ids.negations.iter().any(|cue| negation_at(cue, word, &later, &ids.negation_exceptions)) {
                return true;
            }
            later.rotate_right(1);
            later[0] = word;
            at = from;
        }
    }

    /// Whether a delegation (the norm's `delegation_phrases`) starts after the hit within
    /// [`DELEGATION_BYTES`], in the same sentence: the work is another team's.
    fn delegated(&self, key: &[u8], hit: &Hit) -> bool {
        let next = self.delegations.partition_point(|start| *start < hit.end);
        self.delegations
            .get(next)
            .is_some_and(|&start| start - hit.end <= DELEGATION_BYTES && !key[hit.end..start].contains(&SEP))
    }

    /// Whether a section is boilerplate: benefits, the company blurb, how to apply.
    fn boilerplate(kind: Option<SectionKind>) -> bool {
        matches!(kind, Some(SectionKind::Benefits | SectionKind::Company | SectionKind::Application))
    }

    /// The roles besides the title role that a phrase of the same part of the title names
    /// ("Paid Social" in "Performance Marketing Manager Paid Social"), apart from the title
    /// role's phrase (not "Marketing Manager" inside "Social Media Marketing Manager") and not
    /// behind a comma, which names the team ("Account Strategist, Google Marketing Solutions").
    fn other_title_roles(&self, title: &str) -> Vec<usize> {
        let Some((best_role, _, _)) = self.title_role else { return Vec::new() };
        let (best_start, best_end) = self.title_span;
        let mut roles = Vec::new();
        for &(role, start, end) in &self.title_phrases {
            let between = if end <= best_start { title.get(end..best_start) } else { title.get(best_end..start) };
            let apart = end <= best_start || start >= best_end;
            let same_part = between.is_some_and(|text| !text.contains(','));
            if role != best_role && apart && same_part && !roles.contains(&role) {
                roles.push(role);
            }
        }
        roles
    }

    /// Platforms named again and again outside the benefits and the company blurb make
    /// social-media context too; "follow us on Instagram and LinkedIn" does not.
    fn finish(mut self, title: &str) -> Gathered {
        let title_roles = self.other_title_roles(title);
        let scoring = self.analyzer.norm.scoring();
        let mentions = &self.platforms.mentions;
        self.social_context |= mentions.iter().any(|m| *m >= scoring.context_platform_repeats)
            || mentions.iter().sum::<u32>() >= scoring.context_platform_mentions;
        // A social-media title counts only over duties the norm knows or a platform in the body
        // ("CAMHS Community Manager" over clinical work is a health-service post).
        let duties = !self.context_items.is_empty() || self.tasks.iter().any(|items| !items.is_empty());
        self.social_context |= self.title_context && (duties || self.body_platform);
        if self.social_context {
            for (task, item) in self.context_items {
                self.tasks[task].push(item);
            }
        }
        Gathered {
            tasks: self.tasks,
            platforms: self.platforms,
            levels: self.levels,
            title_role: self.title_role.map(|(role, _, _)| role),
            title_roles,
            social_context: self.social_context,
        }
    }
}

/// The evidence score of one task: hits in the same sentence count once, at their best weight.
/// Whether the negation `cue` (its words) starts at `word`, followed by the words `later`
/// (nearest first), and the word after it is none of `exceptions`.
fn negation_at(cue: &[String], word: &[u8], later: &[&[u8]; 4], exceptions: &[String]) -> bool {
    let Some((first, rest)) = cue.split_first() else { return false };
    if first.as_bytes() != word || rest.len() >= later.len() {
        return false;
    }
    if !rest.iter().zip(later).all(|(c, w)| c.as_bytes() == *w) {
        return false;
    }
    let next = later[rest.len()];
    !exceptions.iter().any(|e| e.as_bytes() == next)
}

fn task_score(items: &mut Vec<EvidenceItem>, key: &MatchKey) -> f32 {
    if items.is_empty() {
        return 0.0;
    }
    items.sort_by_key(|i| (!i.in_title, i.start));
    let bytes = key.bytes();
    let mut merged: Vec<EvidenceItem> = Vec::with_capacity(items.len());
    for item in items.drain(..) {
        if let Some(last) = merged.last_mut() {
            let same_sentence = last.in_title == item.in_title
                && (item.in_title
                    || (item.start >= last.start
                        && !bytes[last.end.min(item.start)..item.start.max(last.end)].contains(&SEP)));
            if same_sentence {
                last.end = last.end.max(item.end);
                last.weight = last.weight.max(item.weight);
                continue;
            }
        }
        merged.push(item);
    }
    *items = merged;
    items.iter().map(|i| i.weight).sum()
}
