//! The analyzer: the norm compiled once, and the entry points that read one ad.

use std::sync::Arc;

use rolenorm_norm::{Family, Norm, Scope, Scoring};
use rolenorm_text::{Format, InputError, Language, MatchKey, decode, fold_phrase};
use rolenorm_wire::{AdRecord, Analysis};

use crate::compile::{CompileError, Hit, ScanBuffers, Vocabulary};
use crate::record::{AdLine, RecordError};
use crate::stages;

/// One job ad to analyse, borrowed from the caller (the fast path; [`AdRecord`] is the owned
/// input contract).
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
    /// The employer's name, if known: a platform named here is the employer, not a channel.
    pub company: Option<&'a str>,
    /// The language the findings are written in, if not the ad's (the reader's choice).
    pub findings_language: Option<Language>,
}

/// Reusable buffers for analysing many ads on one thread without reallocating.
#[derive(Debug, Default)]
pub struct Scratch {
    pub(crate) body: MatchKey,
    pub(crate) title: MatchKey,
    pub(crate) body_hits: Vec<Hit>,
    pub(crate) title_hits: Vec<Hit>,
    /// The employer's name and its hits (for the platforms that are the employer).
    pub(crate) company: MatchKey,
    pub(crate) company_hits: Vec<Hit>,
    pub(crate) buffers: ScanBuffers,
    /// Where the evidence of normed tasks starts in the text (the duty coverage's lookup).
    pub(crate) evidence_offsets: Vec<usize>,
}

/// The norm compiled for analysis. Build once, share across threads (`Send + Sync`).
#[derive(Debug)]
pub struct Analyzer {
    pub(crate) norm: Arc<Norm>,
    pub(crate) vocabulary: Vocabulary,
    pub(crate) ids: NormIndex,
    pub(crate) max_input_bytes: usize,
}

/// The norm's ids that the stages look up, resolved to indices once.
#[derive(Debug)]
pub(crate) struct NormIndex {
    pub(crate) other_role: usize,
    pub(crate) default_level: usize,
    pub(crate) platform_roles: Vec<usize>,
    pub(crate) generalist_roles: Vec<usize>,
    pub(crate) strategy_tasks: Vec<usize>,
    pub(crate) level_priority: Vec<usize>,
    pub(crate) body_levels: Vec<usize>,
    /// Per level: the departments a jack of all trades spans at it (`owner_min_roles` for the
    /// `owner_levels`, else `jack_min_roles`).
    pub(crate) jack_min_departments: Vec<usize>,
    pub(crate) goals_task: Option<usize>,
    /// Per task: whether its evidence needs social-media context in the ad.
    pub(crate) context_tasks: Vec<bool>,
    /// Per task: whether it is shared management work that adds no role to the breadth.
    pub(crate) breadth_shared_tasks: Vec<bool>,
    /// Per task: whether a role of `social_unrelated_owners` owns it.
    pub(crate) social_unrelated_tasks: Vec<bool>,
    /// Per task: whether only `other` owns it (coding, office, sales: unrelated to every normed role).
    pub(crate) unrelated_tasks: Vec<bool>,
    /// Per role: whether it can be the verdict only in an ad with social-media context.
    pub(crate) context_roles: Vec<bool>,
    /// The norm's gender markers, lower-case and without brackets, to spot title lines.
    pub(crate) gender_markers: Vec<String>,
    /// Per role: the role whose work it is part of for breadth — a generalist whose scope holds
    /// all of its core work — or the role itself.
    pub(crate) work_area: Vec<usize>,
    /// Per role: its department for breadth (the index of its group in `departments`, or a
    /// department of its own past the groups).
    pub(crate) department: Vec<usize>,
    /// The norm's `requirement_cues` by their first byte, lower-cased: 256 lists of (second
    /// byte lower-cased, index).
    pub(crate) requirement_cues: Vec<Vec<(u8, usize)>>,
    /// The norm's `negation_words`, folded and split into words ("won't" is "won", "t").
    pub(crate) negations: Vec<Vec<String>>,
    /// The norm's `negation_exceptions`, folded.
    pub(crate) negation_exceptions: Vec<String>,
    /// The norm's version as every analysis names it (formatted once, not per ad).
    pub(crate) norm_version: String,
}

impl NormIndex {
    /// The share of its weight with which demanded task `task` counts in the role scores:
    /// `shared_task_weight` for shared management work, else all of it.
    pub(crate) fn role_share(&self, task: usize, scoring: &Scoring) -> f32 {
        if self.breadth_shared_tasks[task] { scoring.shared_task_weight } else { 1.0 }
    }

    fn new(norm: &Norm) -> Self {
        let level_index = |id: &str| norm.levels().iter().position(|l| l.id == id);
        let roles = |ids: &[String]| ids.iter().filter_map(|r| norm.role_index(r)).collect();
        let scoring = norm.scoring();
        let generalist_roles: Vec<usize> = roles(&scoring.generalist_roles);
        NormIndex {
            work_area: (0..norm.roles().len()).map(|r| work_area(norm, &generalist_roles, r)).collect(),
            department: norm.roles().iter().enumerate().map(|(r, role)| department(scoring, &role.id, r)).collect(),
            requirement_cues: by_first_byte(&scoring.requirement_cues),
            negations: scoring
                .negation_words
                .iter()
                .map(|w| fold_phrase(w).split(' ').map(str::to_owned).collect())
                .collect(),
            negation_exceptions: scoring.negation_exceptions.iter().map(|w| fold_phrase(w)).collect(),
            norm_version: norm.identity().version.to_string(),
            other_role: norm.roles().iter().position(|r| r.family == Family::Other).unwrap_or(0),
            default_level: level_index(norm.default_level()).unwrap_or(0),
            platform_roles: roles(&scoring.platform_roles),
            generalist_roles,
            strategy_tasks: scoring.strategy_tasks.iter().filter_map(|t| norm.task_index(t)).collect(),
            level_priority: scoring.level_priority.iter().filter_map(|l| level_index(l)).collect(),
            body_levels: scoring.body_levels.iter().filter_map(|l| level_index(l)).collect(),
            jack_min_departments: norm
                .levels()
                .iter()
                .map(|l| match scoring.owner_levels.contains(&l.id) && scoring.owner_min_roles > 0 {
                    true => scoring.owner_min_roles,
                    false => scoring.jack_min_roles,
                })
                .collect(),
            goals_task: norm.task_index(&scoring.goals_task),
            context_tasks: norm.tasks().iter().map(|t| scoring.context_domains.contains(&t.domain)).collect(),
            breadth_shared_tasks: norm.tasks().iter().map(|t| scoring.breadth_shared_tasks.contains(&t.id)).collect(),
            social_unrelated_tasks: norm
                .tasks()
                .iter()
                .map(|t| scoring.social_unrelated_owners.contains(&t.owner))
                .collect(),
            unrelated_tasks: {
                let other = norm.roles().iter().find(|r| r.family == Family::Other).map(|r| r.id.as_str());
                norm.tasks().iter().map(|t| Some(t.owner.as_str()) == other).collect()
            },
            context_roles: norm
                .roles()
                .iter()
                .map(|r| r.family == Family::SocialMedia && !scoring.context_free_roles.contains(&r.id))
                .collect(),
            gender_markers: norm
                .german()
                .gender_markers
                .iter()
                .map(|m| m.trim_matches(|c| c == '(' || c == ')').to_lowercase())
                .collect(),
        }
    }
}

/// The indices of `words` grouped by their first byte, lower-cased (256 groups), each with its
/// second byte, lower-cased (0 for a one-byte word).
fn by_first_byte(words: &[String]) -> Vec<Vec<(u8, usize)>> {
    let mut groups = vec![Vec::new(); 256];
    for (i, word) in words.iter().enumerate() {
        let mut bytes = word.bytes().map(|b| b.to_ascii_lowercase());
        if let Some(first) = bytes.next() {
            groups[usize::from(first)].push((bytes.next().unwrap_or(0), i));
        }
    }
    groups
}

/// The department of the role `id` (at index `index`): its group in `departments`, else one of
/// its own numbered past the groups.
fn department(scoring: &Scoring, id: &str, index: usize) -> usize {
    let groups = &scoring.departments;
    groups.iter().position(|g| g.iter().any(|r| r == id)).unwrap_or(groups.len() + index)
}

/// The generalist whose scope holds all of `role`'s core work, or `role` itself.
fn work_area(norm: &Norm, generalists: &[usize], role: usize) -> usize {
    let within = |g: usize| {
        norm.roles()[role].core.iter().filter_map(|t| norm.task_index(t)).all(|t| norm.scope(g, t) != Scope::Excluded)
    };
    generalists.iter().copied().find(|g| *g != role && within(*g)).unwrap_or(role)
}

impl Analyzer {
    /// Compiles `norm` into an analyzer.
    pub fn new(norm: Arc<Norm>) -> Result<Self, CompileError> {
        let vocabulary = Vocabulary::compile(&norm)?;
        let ids = NormIndex::new(&norm);
        let max_input_bytes = norm.scoring().max_input_bytes;
        Ok(Analyzer { norm, vocabulary, ids, max_input_bytes })
    }

    /// Sets the largest ad, in bytes, that the analyzer accepts (default: the norm's
    /// `max_input_bytes`).
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
        stages::run(self, ad, scratch)
    }

    /// Analyses an ad record, the input contract of every reader. `source` and `date` are
    /// passed through to the analysis.
    pub fn analyze_record(&self, record: &AdRecord) -> Result<Analysis, InputError> {
        self.analyze_record_with(record, &mut Scratch::default())
    }

    /// [`Analyzer::analyze_record`], reusing `scratch`.
    pub fn analyze_record_with(&self, record: &AdRecord, scratch: &mut Scratch) -> Result<Analysis, InputError> {
        let posting = record.job_posting.as_ref().map(serde_json::Value::to_string);
        let line = AdLine::from_record(record, posting.as_deref());
        line.analyze(self, scratch)
    }

    /// Analyses one JSONL line (an ad record or a schema.org `JobPosting` object), reading its
    /// fields in place: the fast path of corpus runs.
    pub fn analyze_line(&self, line: &[u8], scratch: &mut Scratch) -> Result<Analysis, RecordError> {
        let line = AdLine::parse(line)?;
        line.analyze(self, scratch).map_err(|error| RecordError::Input { id: line.id(), error })
    }
}
