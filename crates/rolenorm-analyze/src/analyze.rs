//! The analysis pipeline, top to bottom: input → document → title and language → match keys →
//! hits → sections → task evidence → role scores → title role, level, platforms, breadth →
//! findings.

use std::collections::BTreeMap;
use std::sync::Arc;

use rolenorm_norm::{Family, Norm, Scope, SectionKind};
use rolenorm_text::{Document, Format, InputError, Language, MatchKey, decode, detect_language, extract, extract_html};

use crate::compile::{CompileError, Hit, ScanBuffers, Target, Vocabulary};
use crate::report::{Analysis, Evidence, Finding, NormRef, RoleScore, TaskFinding};

/// The default limit on one ad's size: 8 MiB, far above any real ad.
pub const DEFAULT_MAX_INPUT_BYTES: usize = 8 * 1024 * 1024;

/// How far into the body a level cue may stand to set the level of an untitled contract.
const BODY_LEVEL_BYTES: usize = 600;

/// One job ad to analyse.
#[derive(Debug, Clone, Copy, Default)]
pub struct Ad<'a> {
    /// The ad's id, echoed in the analysis.
    pub id: Option<&'a str>,
    /// The ad's title, if known; otherwise the document's or the text's first title-like line.
    pub title: Option<&'a str>,
    /// The ad: plain text, HTML, or JSON-LD.
    pub content: &'a str,
    /// The content's format, if known; detected otherwise.
    pub format: Option<Format>,
    /// The ad's language, if known; detected otherwise.
    pub language: Option<Language>,
}

/// Reusable buffers for analysing many ads on one thread without reallocating.
#[derive(Debug, Default)]
pub struct Scratch {
    body: MatchKey,
    title: MatchKey,
    body_hits: Vec<Hit>,
    title_hits: Vec<Hit>,
    buffers: ScanBuffers,
}

/// The norm compiled for analysis. Build once, share across threads (`Send + Sync`).
#[derive(Debug)]
pub struct Analyzer {
    norm: Arc<Norm>,
    vocabulary: Vocabulary,
    other_role: usize,
    default_level: usize,
    platform_roles: Vec<usize>,
    generalist_roles: Vec<usize>,
    strategy_tasks: Vec<usize>,
    level_priority: Vec<usize>,
    body_levels: Vec<usize>,
    goals_task: Option<usize>,
    /// Per task: whether its evidence needs social-media context in the ad.
    context_tasks: Vec<bool>,
    /// The norm's gender markers, lower-case and without brackets, to spot title lines.
    gender_markers: Vec<String>,
    max_input_bytes: usize,
}

/// A span of the ad's text belonging to one section.
#[derive(Debug, Clone, Copy)]
struct Section {
    start: usize,
    kind: Option<SectionKind>,
    weight: f32,
}

/// Evidence for one task, gathered while reading hits.
#[derive(Debug, Default, Clone)]
struct TaskEvidence {
    score: f32,
    /// (in title?, key start, key end, section name, weight)
    items: Vec<(bool, usize, usize, &'static str, f32)>,
}

impl Analyzer {
    /// Compiles `norm` into an analyzer.
    pub fn new(norm: Arc<Norm>) -> Result<Self, CompileError> {
        let vocabulary = Vocabulary::compile(&norm)?;
        let other_role = norm.roles.iter().position(|r| r.family == Family::Other).unwrap_or(0);
        let level_index = |id: &str| norm.levels.iter().position(|l| l.id == id);
        let default_level = level_index("professional").unwrap_or(0);
        let platform_roles = norm.scoring.platform_roles.iter().filter_map(|r| norm.role_index(r)).collect();
        let generalist_roles = norm.scoring.generalist_roles.iter().filter_map(|r| norm.role_index(r)).collect();
        let strategy_tasks = norm.scoring.strategy_tasks.iter().filter_map(|t| norm.task_index(t)).collect();
        let level_priority = norm.scoring.level_priority.iter().filter_map(|l| level_index(l)).collect();
        let body_levels = norm.scoring.body_levels.iter().filter_map(|l| level_index(l)).collect();
        let goals_task = norm.task_index(&norm.scoring.goals_task);
        let gender_markers = norm
            .german
            .gender_markers
            .iter()
            .map(|m| m.trim_matches(|c| c == '(' || c == ')').to_lowercase())
            .collect();
        let context_tasks = norm.tasks.iter().map(|t| norm.scoring.context_domains.contains(&t.domain)).collect();
        Ok(Analyzer {
            norm,
            vocabulary,
            other_role,
            default_level,
            platform_roles,
            generalist_roles,
            strategy_tasks,
            level_priority,
            body_levels,
            goals_task,
            context_tasks,
            gender_markers,
            max_input_bytes: DEFAULT_MAX_INPUT_BYTES,
        })
    }

    /// Sets the largest ad, in bytes, that the analyzer accepts.
    pub fn with_max_input_bytes(mut self, limit: usize) -> Self {
        self.max_input_bytes = limit;
        self
    }

    /// The norm this analyzer applies.
    pub fn norm(&self) -> &Norm {
        &self.norm
    }

    /// Analyses an ad given as bytes in any encoding (see [`decode`]).
    pub fn analyze_bytes(&self, ad: Ad<'_>, bytes: &[u8], encoding: Option<&str>) -> Result<Analysis, InputError> {
        if bytes.len() > self.max_input_bytes {
            return Err(InputError::TooLarge { size: bytes.len(), limit: self.max_input_bytes });
        }
        let text = decode(bytes, encoding)?;
        self.analyze(Ad { content: &text, ..ad })
    }

    /// Analyses one ad.
    pub fn analyze(&self, ad: Ad<'_>) -> Result<Analysis, InputError> {
        self.analyze_with(ad, &mut Scratch::default())
    }

    /// Analyses one ad, reusing `scratch` (the batch path).
    pub fn analyze_with(&self, ad: Ad<'_>, scratch: &mut Scratch) -> Result<Analysis, InputError> {
        let size = ad.content.len() + ad.title.map_or(0, str::len);
        if size > self.max_input_bytes {
            return Err(InputError::TooLarge { size, limit: self.max_input_bytes });
        }
        let document = match ad.format {
            Some(Format::Html) => {
                let doc = extract_html(ad.content)?;
                if doc.text.trim().is_empty() {
                    return Err(InputError::NoText("html"));
                }
                doc
            }
            Some(Format::Text) => {
                if ad.content.trim().is_empty() && ad.title.is_none_or(|t| t.trim().is_empty()) {
                    return Err(InputError::Empty);
                }
                Document {
                    format: Format::Text,
                    title: None,
                    text: std::borrow::Cow::Borrowed(ad.content),
                    declared_language: None,
                    identifier: None,
                    warnings: Vec::new(),
                }
            }
            _ => extract(ad.content)?,
        };
        let norm = &*self.norm;

        // The body is scanned first: without a given title, the title is found in it.
        scratch.body.rebuild(&document.text);
        scratch.body_hits.clear();
        self.vocabulary.scan(&scratch.body, &mut scratch.body_hits, &mut scratch.buffers);

        let given_title = ad.title.map(str::trim).filter(|t| !t.is_empty());
        let title: Option<String> = given_title
            .map(str::to_owned)
            .or_else(|| document.title.clone())
            .or_else(|| self.infer_title(&document.text, &scratch.body, &scratch.body_hits));
        scratch.title.rebuild(title.as_deref().unwrap_or(""));
        scratch.title_hits.clear();
        self.vocabulary.scan(&scratch.title, &mut scratch.title_hits, &mut scratch.buffers);

        let mut findings = Vec::new();
        let language = ad
            .language
            .or_else(|| document.declared_language.as_deref().and_then(|l| l.parse().ok()))
            .or_else(|| detect_language(&document.text))
            .or_else(|| title.as_deref().and_then(detect_language));
        let language_guessed = language.is_none();
        let language = language.unwrap_or(Language::En);

        let sections = self.sections(&document.text, &scratch.body, &scratch.body_hits);
        let has_tasks_section = sections.iter().any(|s| s.kind == Some(SectionKind::Tasks));

        // Gather evidence.
        let mut tasks = vec![TaskEvidence::default(); norm.tasks.len()];
        let mut platform_mentions = vec![0u32; norm.platforms.len()];
        let mut platform_weight = vec![0f32; norm.platforms.len()];
        let mut platform_last_end = vec![0usize; norm.platforms.len()];
        let mut body_level_hits = vec![false; norm.levels.len()];
        let mut title_level_hits = vec![false; norm.levels.len()];
        let mut title_role: Option<(usize, usize, usize)> = None; // (role, length, start)
        let mut social_context = false;
        // Evidence from generic phrases, kept only if the ad turns out to be about social media.
        let mut context_items = Vec::new();
        let scoring = &norm.scoring;
        for (in_title, hits, key) in
            [(true, &scratch.title_hits, &scratch.title), (false, &scratch.body_hits, &scratch.body)]
        {
            for hit in hits.iter() {
                let pattern = &self.vocabulary.patterns[hit.pattern as usize];
                let (section_name, weight, kind) = if in_title {
                    ("title", scoring.title_weight, None)
                } else {
                    let section = section_at(&sections, key.source_offset(hit.start));
                    (section.kind.map_or("body", SectionKind::as_str), section.weight, section.kind)
                };
                match pattern.target {
                    Target::Task(task) => {
                        let item = (in_title, hit.start, hit.end, section_name, weight);
                        if pattern.needs_context {
                            context_items.push((task, item));
                        } else {
                            tasks[task].items.push(item);
                        }
                    }
                    Target::Context => social_context = true,
                    Target::Title(role) if in_title => {
                        let better = match title_role {
                            None => true,
                            Some((_, len, start)) => {
                                pattern.weight_len > len || (pattern.weight_len == len && hit.start < start)
                            }
                        };
                        if better {
                            title_role = Some((role, pattern.weight_len, hit.start));
                        }
                    }
                    Target::Level(level) if in_title => title_level_hits[level] = true,
                    Target::Level(level)
                        // The body names the contract where it opens ("Wir suchen eine:n
                        // Werkstudent:in …"), not where it mentions past internships.
                        if key.source_offset(hit.start) < BODY_LEVEL_BYTES
                            && matches!(kind, None | Some(SectionKind::Intro) | Some(SectionKind::Tasks))
                        => {
                            body_level_hits[level] = true;
                        }
                    Target::Platform(platform) => {
                        // Two aliases on the same words ("Facebook-Seite", "Facebook") are one mention.
                        if platform_last_end[platform] > hit.start && !in_title {
                            continue;
                        }
                        platform_last_end[platform] = if in_title { 0 } else { hit.end };
                        if !matches!(
                            kind,
                            Some(SectionKind::Benefits | SectionKind::Company | SectionKind::Application)
                        ) {
                            platform_mentions[platform] += 1;
                            platform_weight[platform] += weight;
                        }
                    }
                    _ => {}
                }
            }
        }
        // Platforms named again and again outside the benefits and the company blurb make
        // social-media context too; "follow us on Instagram and LinkedIn" does not.
        social_context |= platform_mentions.iter().any(|m| *m >= 2) || platform_mentions.iter().sum::<u32>() >= 3;
        if social_context {
            for (task, item) in context_items {
                tasks[task].items.push(item);
            }
        }
        for (t, evidence) in tasks.iter_mut().enumerate() {
            evidence.score = task_score(&mut evidence.items, &scratch.body);
            if !social_context && self.context_tasks[t] {
                evidence.score = 0.0;
            }
        }
        let demanded: Vec<usize> =
            (0..norm.tasks.len()).filter(|t| tasks[*t].score >= scoring.task_threshold).collect();
        let strength = |t: usize| tasks[t].score.min(scoring.task_cap);

        // Platforms.
        // Platform focus needs social-media work to focus: at least two demanded tasks.
        let platform_focus = if demanded.len() >= 2 { self.platform_focus(&platform_weight) } else { None };
        let strategy_count = self.strategy_tasks.iter().filter(|t| demanded.contains(t)).count();

        // Role scores.
        let title_role = title_role.map_or(self.other_role, |(role, _, _)| role);
        // The title counts most when the text says little: every demanded task lowers its bonus.
        let title_bonus =
            (scoring.title_bonus - scoring.title_bonus_decay * demanded.len() as f32).max(scoring.title_bonus_min);
        // How many of the social-media domains (strategy, content, community, analytics) the ad
        // demands work in: the generalist's signature.
        let generalist_domains = scoring
            .generalist_domains
            .iter()
            .filter(|domain| demanded.iter().any(|t| &norm.tasks[*t].domain == *domain))
            .count();
        let mut scores: Vec<f32> = vec![0.0; norm.roles.len()];
        for (r, role) in norm.roles.iter().enumerate() {
            if r == self.other_role {
                // A title that names none of the roles is evidence for `other` like any title.
                scores[r] = scoring.other_threshold + if title_role == r { scoring.other_title_bonus } else { 0.0 };
                continue;
            }
            let mut score = 0.0;
            let mut core_found = 0usize;
            for &t in &demanded {
                match norm.scope(r, t) {
                    Scope::Core => {
                        score += scoring.core_weight * strength(t);
                        core_found += 1;
                    }
                    Scope::Optional => score += scoring.optional_weight * strength(t),
                    Scope::Excluded => score -= scoring.excluded_weight * strength(t),
                }
            }
            if !role.core.is_empty() {
                score += scoring.coverage_weight * core_found as f32 / role.core.len() as f32;
            }
            if r == title_role {
                score += title_bonus;
            }
            if self.generalist_roles.contains(&r) {
                score += scoring.generalist_bonus * generalist_domains.saturating_sub(1) as f32;
            }
            if self.platform_roles.contains(&r) && core_found > 0 {
                if strategy_count > scoring.platform_max_strategy {
                    score -= scoring.platform_focus_bonus;
                } else if platform_focus.is_some() {
                    score += scoring.platform_focus_bonus;
                }
            }
            scores[r] = score;
        }
        let mut ranked: Vec<usize> = (0..norm.roles.len()).collect();
        // Ties go to `other`: without better evidence, an ad is not claimed for a role.
        let other = self.other_role;
        ranked.sort_by(|a, b| scores[*b].total_cmp(&scores[*a]).then((*b == other).cmp(&(*a == other))).then(a.cmp(b)));
        let role = ranked[0];
        let confidence = {
            let top = scores[role];
            let sum: f32 = scores.iter().map(|s| (s - top).exp()).sum();
            f64::from(1.0 / sum)
        };

        // Breadth: the role, then every role that owns enough demanded work outside its scope.
        let mut owned: Vec<(usize, f32, Vec<usize>)> = Vec::new();
        for &t in &demanded {
            if norm.scope(role, t) != Scope::Excluded {
                continue;
            }
            let Some(owner) = norm.role_index(&norm.tasks[t].owner) else { continue };
            match owned.iter_mut().find(|(o, _, _)| *o == owner) {
                Some(entry) => {
                    entry.1 += strength(t);
                    entry.2.push(t);
                }
                None => owned.push((owner, strength(t), vec![t])),
            }
        }
        let mut breadth = vec![role];
        let mut unrelated = Vec::new();
        let extra_evidence: f32 = owned.iter().map(|(_, evidence, _)| evidence).sum();
        for (owner, evidence, owned_tasks) in owned {
            if evidence < scoring.breadth_min_evidence {
                continue;
            }
            breadth.push(owner);
            if owner == self.other_role && role != self.other_role {
                unrelated.extend(owned_tasks);
            }
        }
        let jack_of_all_trades = role != self.other_role
            && extra_evidence >= scoring.jack_min_extra_evidence
            && (breadth.len() >= scoring.jack_min_roles || !unrelated.is_empty());

        // Level.
        let level = self
            .level_priority
            .iter()
            .copied()
            .find(|l| title_level_hits[*l])
            .or_else(|| self.body_levels.iter().copied().find(|l| body_level_hits[*l]))
            .unwrap_or(self.default_level);

        // Findings.
        let name = |r: usize| norm.roles[r].name.get(language).to_owned();
        let say = |code: &str, values: &[(&str, String)]| {
            let mut message = norm.message(code, language).to_owned();
            for (key, value) in values {
                message = message.replace(&format!("{{{key}}}"), value);
            }
            Finding { code: code.to_owned(), message }
        };
        for warning in &document.warnings {
            findings.push(say("input-warning", &[("warning", warning.clone())]));
        }
        if language_guessed {
            findings.push(say("language-guessed", &[]));
        }
        if title_role != role && role != self.other_role {
            if title_role == self.other_role {
                findings.push(say("title-unknown", &[("role", name(role))]));
            } else {
                findings.push(say("title-mismatch", &[("title_role", name(title_role)), ("role", name(role))]));
            }
        }
        if jack_of_all_trades {
            let names: Vec<String> = breadth.iter().map(|r| name(*r)).collect();
            findings
                .push(say("jack-of-all-trades", &[("count", breadth.len().to_string()), ("roles", names.join(", "))]));
        }
        if !unrelated.is_empty() {
            let list: Vec<String> = unrelated.iter().map(|t| norm.tasks[*t].name.get(language).to_owned()).collect();
            findings.push(say("unrelated-duties", &[("tasks", list.join(", "))]));
        }
        let claimed = if title_role != self.other_role { title_role } else { role };
        if claimed != self.other_role && norm.roles[claimed].family == Family::SocialMedia {
            for &t in &demanded {
                if norm.scope(claimed, t) == Scope::Excluded && !unrelated.contains(&t) {
                    let owner = norm
                        .role(&norm.tasks[t].owner)
                        .map_or(norm.tasks[t].owner.clone(), |o| o.name.get(language).to_owned());
                    findings.push(say(
                        "scope-breach",
                        &[
                            ("task", norm.tasks[t].name.get(language).to_owned()),
                            ("role", name(claimed)),
                            ("owner", owner),
                        ],
                    ));
                }
            }
        }
        if let Some(platform) = &platform_focus
            && self.platform_roles.contains(&role)
            && title_role != role
            && norm.roles[title_role].family == Family::SocialMedia
        {
            let platform_name =
                norm.platforms.iter().find(|p| &p.id == platform).map_or(platform.clone(), |p| p.name.clone());
            findings.push(say("platform-focus", &[("platform", platform_name)]));
        }
        if let Some(goals) = self.goals_task
            && role != self.other_role
            && norm.scope(role, goals) == Scope::Core
            && !demanded.contains(&goals)
        {
            findings.push(say("no-goals", &[]));
        }
        if role != self.other_role {
            if !has_tasks_section {
                findings.push(say("no-tasks-section", &[]));
            }
            if demanded.len() < 3 {
                findings.push(say("few-tasks", &[("count", demanded.len().to_string())]));
            }
        }

        // Output.
        let task_findings = demanded
            .iter()
            .map(|&t| TaskFinding {
                id: norm.tasks[t].id.clone(),
                scope: norm.scope(role, t).as_str().to_owned(),
                evidence: tasks[t]
                    .items
                    .iter()
                    .map(|&(in_title, start, end, section, _)| {
                        let (key, text) = if in_title {
                            (&scratch.title, title.as_deref().unwrap_or(""))
                        } else {
                            (&scratch.body, &*document.text)
                        };
                        let (from, to) = key.source_span(text, start, key.word_end(end));
                        Evidence { start: from, end: to, text: text[from..to].to_owned(), section: section.to_owned() }
                    })
                    .collect(),
            })
            .collect();
        let mut platforms = BTreeMap::new();
        for (p, count) in platform_mentions.iter().enumerate() {
            if *count > 0 {
                platforms.insert(norm.platforms[p].id.clone(), *count);
            }
        }
        let roles = ranked
            .iter()
            .filter(|r| **r == role || scores[**r] > 0.0)
            .map(|r| RoleScore { role: norm.roles[*r].id.clone(), score: round3(scores[*r]) })
            .collect();
        Ok(Analysis {
            id: ad.id.map(str::to_owned).or(document.identifier),
            title: title.map(|t| t.trim().to_owned()),
            language: language.code().to_owned(),
            format: document.format.as_str().to_owned(),
            role: norm.roles[role].id.clone(),
            confidence: (confidence * 1000.0).round() / 1000.0,
            roles,
            title_role: norm.roles[title_role].id.clone(),
            title_fits: title_role == role,
            level: norm.levels[level].id.clone(),
            jack_of_all_trades,
            breadth: breadth.iter().map(|r| norm.roles[*r].id.clone()).collect(),
            platform_focus,
            platforms,
            tasks: task_findings,
            findings,
            norm: NormRef { id: norm.identity.id.clone(), version: norm.identity.version.to_string() },
            source: None,
            date: None,
        })
    }

    /// The title of an ad that has none: an early short line with a gender marker or a role
    /// title, else the first line if it is short.
    fn infer_title(&self, text: &str, key: &MatchKey, hits: &[Hit]) -> Option<String> {
        let lines: Vec<(usize, &str)> = line_spans(text).filter(|(_, line)| !line.trim().is_empty()).take(12).collect();
        let markers = &self.gender_markers;
        let short = |line: &str| line.trim().chars().count() <= 120;
        if let Some((_, line)) = lines.iter().find(|(_, line)| {
            let lower = line.to_lowercase();
            short(line) && markers.iter().any(|m| lower.contains(m.as_str()))
        }) {
            return Some(line.trim().to_owned());
        }
        let last_line_end = lines.last().map_or(0, |(start, line)| start + line.len());
        for hit in hits {
            if !matches!(self.vocabulary.patterns[hit.pattern as usize].target, Target::Title(_)) {
                continue;
            }
            let offset = key.source_offset(hit.start);
            if offset > last_line_end {
                break;
            }
            if let Some((_, line)) = lines.iter().find(|(start, line)| offset >= *start && offset < start + line.len())
                && line.trim().chars().count() <= 100
            {
                return Some(line.trim().to_owned());
            }
        }
        lines.first().map(|(_, l)| l.trim()).filter(|l| l.chars().count() <= 100).map(str::to_owned)
    }

    /// The sections of the text, in order. A short line holding a heading phrase of the norm
    /// opens a section of that kind (an inline "Aufgaben: …" too); any other short line ending
    /// in ':' or '?' opens a section of unknown kind, so that duties after an unrecognised
    /// heading are not read as part of the company blurb before it.
    fn sections(&self, text: &str, key: &MatchKey, hits: &[Hit]) -> Vec<Section> {
        let scoring = &self.norm.scoring;
        let mut headings: Vec<Section> = Vec::new();
        for hit in hits {
            let Target::Heading(rule) = self.vocabulary.patterns[hit.pattern as usize].target else { continue };
            let start = key.source_offset(hit.start);
            let end = key.source_offset(key.word_end(hit.end));
            let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
            let line_end = text[start..].find('\n').map_or(text.len(), |i| start + i);
            let line = &text[line_start..line_end];
            let inline = !text[line_start..start].chars().any(char::is_alphanumeric)
                && text[end.min(line_end)..line_end].trim_start().starts_with(':');
            if !(is_heading_line(line) || inline) {
                continue;
            }
            let rule = &self.norm.sections[rule];
            headings.push(Section { start: line_start, kind: Some(rule.kind), weight: rule.weight });
        }
        for (line_start, line) in line_spans(text) {
            let trimmed = line.trim();
            if is_heading_line(line) && (trimmed.ends_with(':') || trimmed.ends_with('?')) {
                headings.push(Section { start: line_start, kind: None, weight: scoring.unsectioned_weight });
            }
        }
        // One section per line: a recognised kind wins over an unknown heading.
        headings.sort_by_key(|h| (h.start, h.kind.is_none()));
        headings.dedup_by_key(|h| h.start);
        let mut sections = vec![Section { start: 0, kind: None, weight: scoring.unsectioned_weight }];
        if headings.iter().any(|h| h.kind.is_some()) {
            sections[0] = Section { start: 0, kind: Some(SectionKind::Intro), weight: scoring.intro_weight };
        }
        for heading in headings {
            if heading.start == 0 {
                sections[0] = heading;
            } else {
                sections.push(heading);
            }
        }
        sections
    }

    /// The platform (or group) that holds most weighted mentions, if it holds enough.
    fn platform_focus(&self, weights: &[f32]) -> Option<String> {
        let scoring = &self.norm.scoring;
        let total: f32 = weights.iter().sum();
        if total < scoring.platform_focus_min {
            return None;
        }
        let mut groups: BTreeMap<&str, (f32, Vec<usize>)> = BTreeMap::new();
        for (p, weight) in weights.iter().enumerate() {
            if *weight > 0.0 {
                let entry = groups.entry(self.norm.platforms[p].focus_id()).or_default();
                entry.0 += weight;
                entry.1.push(p);
            }
        }
        let (group, (weight, members)) = groups.into_iter().max_by(|a, b| a.1.0.total_cmp(&b.1.0))?;
        if weight < scoring.platform_focus_min || weight / total < scoring.platform_focus_share {
            return None;
        }
        // A group named by one member only is reported as that member.
        let named: Vec<usize> = members.into_iter().filter(|p| self.norm.platforms[*p].id != group).collect();
        Some(match named.as_slice() {
            [only] => self.norm.platforms[*only].id.clone(),
            _ => group.to_owned(),
        })
    }
}

/// The evidence score of one task: hits in the same sentence count once, at their best weight.
fn task_score(items: &mut Vec<(bool, usize, usize, &'static str, f32)>, key: &MatchKey) -> f32 {
    if items.is_empty() {
        return 0.0;
    }
    items.sort_by_key(|i| (!i.0, i.1));
    let bytes = key.bytes();
    let mut merged: Vec<(bool, usize, usize, &'static str, f32)> = Vec::with_capacity(items.len());
    for item in items.drain(..) {
        if let Some(last) = merged.last_mut() {
            let same_sentence = last.0 == item.0
                && (item.0
                    || (item.1 >= last.1
                        && !bytes[last.2.min(item.1)..item.1.max(last.2)].contains(&rolenorm_text::SEP)));
            if same_sentence {
                last.2 = last.2.max(item.2);
                last.4 = last.4.max(item.4);
                continue;
            }
        }
        merged.push(item);
    }
    *items = merged;
    items.iter().map(|i| i.4).sum()
}

/// Whether a line is short enough to be a heading: at most eight words and 70 characters,
/// not a list item.
fn is_heading_line(line: &str) -> bool {
    let line = line.trim();
    !line.is_empty()
        && line.chars().count() <= 70
        && line.split_whitespace().count() <= 8
        && !line.starts_with(['•', '-', '*', '–', '·', '▪'])
}

fn section_at(sections: &[Section], offset: usize) -> Section {
    let index = sections.partition_point(|s| s.start <= offset).saturating_sub(1);
    sections[index]
}

fn line_spans(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut start = 0;
    text.split('\n').map(move |line| {
        let span = (start, line);
        start += line.len() + 1;
        span
    })
}

fn round3(value: f32) -> f64 {
    (f64::from(value) * 1000.0).round() / 1000.0
}
