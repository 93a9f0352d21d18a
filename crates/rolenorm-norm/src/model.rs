//! The norm's data model: what a loaded, checked norm pack holds.

use std::collections::{BTreeMap, HashMap};

use rolenorm_text::Language;
use serde::Serialize;

/// A text in both languages of the norm.
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Texts {
    /// English.
    pub en: String,
    /// German.
    pub de: String,
}

impl Texts {
    /// The text in `language`.
    pub fn get(&self, language: Language) -> &str {
        match language {
            Language::De => &self.de,
            Language::En => &self.en,
        }
    }
}

/// One phrase of vocabulary (see `docs/norm-format.md` for its syntax).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(transparent)]
pub struct Phrase {
    /// The phrase as written in the norm.
    pub text: String,
}

/// Vocabulary in both languages.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct Phrases {
    /// English phrases.
    pub en: Vec<Phrase>,
    /// German phrases.
    pub de: Vec<Phrase>,
}

impl Phrases {
    /// The phrases in `language`.
    pub fn get(&self, language: Language) -> &[Phrase] {
        match language {
            Language::De => &self.de,
            Language::En => &self.en,
        }
    }

    /// Every phrase with its language.
    pub fn iter(&self) -> impl Iterator<Item = (Language, &Phrase)> {
        self.de.iter().map(|p| (Language::De, p)).chain(self.en.iter().map(|p| (Language::En, p)))
    }
}

/// The norm's identity: what an analysis or credential records to name the norm it used.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Identity {
    /// The pack format it was read from ([`FORMAT`](crate::FORMAT)).
    pub format: u32,
    /// The norm's id (`rolenorm`).
    pub id: String,
    /// Its semantic version.
    pub version: semver::Version,
    /// The release date (ISO 8601).
    pub date: String,
    /// The languages it is written in.
    pub languages: Vec<String>,
    /// The licence of the norm's content.
    pub licence: String,
    /// Its title.
    pub title: Texts,
    /// What it is and what it separates.
    pub description: Texts,
}

/// Which group of roles a role belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Family {
    /// The social-media roles the norm exists to tell apart.
    SocialMedia,
    /// Marketing, PR and design roles that social-media ads are often really about.
    Adjacent,
    /// Everything else.
    Other,
}

impl Family {
    /// The kebab-case name (`social-media`, `adjacent`, `other`).
    pub fn as_str(self) -> &'static str {
        match self {
            Family::SocialMedia => "social-media",
            Family::Adjacent => "adjacent",
            Family::Other => "other",
        }
    }
}

pub use rolenorm_wire::Scope;

/// An ESCO occupation a role is anchored to.
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EscoAnchor {
    /// The occupation's URI.
    pub uri: String,
    /// Its English preferred label.
    pub label: String,
    /// How the role relates to it: `exact`, `alt-label` or `nearest`.
    pub relation: String,
}

/// Where a role sits in the official classifications.
#[derive(Debug, Clone, PartialEq, Default, Serialize, serde::Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Anchors {
    /// KldB 2010 (Fassung 2020) codes.
    #[serde(default)]
    pub kldb: Vec<String>,
    /// ISCO-08 unit groups.
    #[serde(default)]
    pub isco: Vec<String>,
    /// O*NET-SOC codes.
    #[serde(default)]
    pub onet: Vec<String>,
    /// ESCO occupations.
    #[serde(default)]
    pub esco: Vec<EscoAnchor>,
}

impl Anchors {
    /// Whether the role has no anchors at all.
    pub fn is_empty(&self) -> bool {
        self.kldb.is_empty() && self.isco.is_empty() && self.onet.is_empty() && self.esco.is_empty()
    }
}

/// A normed role.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Role {
    /// Stable id (`social-media-manager`).
    pub id: String,
    /// Its family.
    pub family: Family,
    /// Its name.
    pub name: Texts,
    /// What it is and is not.
    pub definition: Texts,
    /// Ids of the tasks that define it.
    pub core: Vec<String>,
    /// Ids of the tasks it may do; every other task is excluded.
    pub optional: Vec<String>,
    /// Its official anchors.
    pub anchors: Anchors,
    /// Job-title wordings that name it.
    pub titles: Phrases,
}

/// A normed task.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Task {
    /// Stable id (`CON-01`).
    pub id: String,
    /// Its domain (`strategy`, `content`, …).
    pub domain: String,
    /// The role whose core work it is.
    pub owner: String,
    /// Its name.
    pub name: Texts,
    /// What it covers.
    pub definition: Texts,
    /// ESCO skill URIs.
    pub esco: Vec<String>,
    /// How it is worded in job ads.
    pub phrases: Phrases,
}

/// A career level.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Level {
    /// Stable id (`junior`).
    pub id: String,
    /// Its name.
    pub name: Texts,
    /// Wordings in titles and requirements that name it.
    pub cues: Phrases,
    /// Requirements anywhere in the ad that name it (`10 years + experience`): they decide where
    /// neither the title nor the contract names a level.
    pub requirements: Phrases,
}

/// A social platform.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Platform {
    /// Stable id (`instagram`).
    pub id: String,
    /// Display name.
    pub name: String,
    /// The group it is counted with for platform focus (`meta` for Facebook and Instagram).
    pub group: Option<String>,
    /// How ads name it.
    pub aliases: Vec<Phrase>,
}

impl Platform {
    /// The id platform focus reports: the group if any, else the platform's own id.
    pub fn focus_id(&self) -> &str {
        self.group.as_deref().unwrap_or(&self.id)
    }
}

/// The parts of a job ad.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum SectionKind {
    /// Text before any recognised heading (company introduction, greeting).
    Intro,
    /// The duties: "Ihre Aufgaben", "Responsibilities".
    Tasks,
    /// Requirements: "Ihr Profil", "Qualifications".
    Profile,
    /// What the employer offers: "Wir bieten", "Benefits".
    Benefits,
    /// About the company: "Über uns", "About us".
    Company,
    /// How to apply, contact, legal notes.
    Application,
}

impl SectionKind {
    /// The kebab-case name.
    pub fn as_str(self) -> &'static str {
        match self {
            SectionKind::Intro => "intro",
            SectionKind::Tasks => "tasks",
            SectionKind::Profile => "profile",
            SectionKind::Benefits => "benefits",
            SectionKind::Company => "company",
            SectionKind::Application => "application",
        }
    }
}

/// A kind of section with the headings that open it and the weight of evidence found in it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SectionRule {
    /// The kind.
    pub kind: SectionKind,
    /// How much a phrase found in it counts (a phrase in the duties counts 1).
    pub weight: f32,
    /// Headings that open it.
    pub headings: Phrases,
}

/// German word forms the matcher normalises. The suffix and compound lists document the matcher
/// and are a contract: the checker refuses a pack whose lists claim what the matcher does not do.
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GermanForms {
    /// Gender suffixes removed before matching (`:in`, `*innen`, `/-in` …).
    pub gender_suffixes: Vec<String>,
    /// Gender markers in titles (`(m/w/d)` …), removed from displayed titles.
    pub gender_markers: Vec<String>,
    /// Examples of written-together and hyphenated compounds with the words they match as.
    pub compound_examples: Vec<[String; 2]>,
    /// A one-word German term of at least this many letters also matches at the end of a
    /// compound (`Redaktionsplan` in `Wochenredaktionsplan`).
    pub compound_tail_min_letters: usize,
    /// Endings a German job title may add besides a plural `s`: the feminine `in`/`innen` of a
    /// title the norm writes in the masculine (`Marketingassistent` → `Marketingassistentin`).
    #[serde(default)]
    pub title_endings: Vec<String>,
    /// Prefixes of German separable verbs: a task phrase whose term ends in such a verb
    /// (`Nutzungsdaten + auswerten`) also finds the verb split in a main clause ("wertest die
    /// Nutzungsdaten aus") and its `zu` infinitive ("auszuwerten").
    #[serde(default)]
    pub separable_prefixes: Vec<String>,
}

/// How the last word of a phrase term may be inflected in one language.
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Inflection {
    /// Endings cut from a phrase's last word to get its stem (longest first; the stem keeps at
    /// least four letters).
    pub strip: Vec<String>,
    /// Endings a word of the text may add to that stem and still match.
    pub endings: Vec<String>,
}

/// Inflection rules per language.
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Inflections {
    /// English.
    pub en: Inflection,
    /// German.
    pub de: Inflection,
}

impl Inflections {
    /// The rules of `language`.
    pub fn get(&self, language: Language) -> &Inflection {
        match language {
            Language::De => &self.de,
            Language::En => &self.en,
        }
    }
}

/// The weights and thresholds of scoring: the whole method's tuning, in the open.
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scoring {
    /// Weight of a phrase found in text before any heading when the ad has headings.
    pub intro_weight: f32,
    /// Weight of a phrase found in an ad that has no recognisable headings.
    pub unsectioned_weight: f32,
    /// Weight of a phrase found in the title.
    pub title_weight: f32,
    /// Evidence a task needs (sum of weights) to count as demanded.
    pub task_threshold: f32,
    /// Evidence beyond this no longer raises a task's weight.
    pub task_cap: f32,
    /// How much a demanded core task adds to a role's score.
    pub core_weight: f32,
    /// How much a demanded optional task adds.
    pub optional_weight: f32,
    /// How much a demanded excluded task takes away.
    pub excluded_weight: f32,
    /// Extra score for the role the title names, for an ad without demanded tasks.
    pub title_bonus: f32,
    /// How much each demanded task lowers the title bonus.
    pub title_bonus_decay: f32,
    /// The title bonus never falls below this.
    pub title_bonus_min: f32,
    /// Extra score for `other` when the title names none of the roles.
    pub other_title_bonus: f32,
    /// The share of the title bonus that every other role gets that a phrase of the same part
    /// of the title names ("Performance Marketing Manager Paid Social"); 0 gives none.
    #[serde(default)]
    pub title_second_role_share: f32,
    /// A role's score share of its core tasks demanded, times this, is added.
    pub coverage_weight: f32,
    /// Below this best score the ad is `other`.
    pub other_threshold: f32,
    /// A distinct role joins the ad's breadth when the demanded tasks it owns add up to this
    /// much evidence.
    pub breadth_min_evidence: f32,
    /// An ad whose breadth (the chosen role included) spans at least this many departments is a
    /// jack of all trades (see `departments`).
    pub jack_min_roles: usize,
    /// So is a social-media role with at least this much evidence of unrelated duties.
    pub jack_min_extra_evidence: f32,
    /// Levels whose positions own broad work (senior, lead: strategy, team and budget across
    /// departments): their breadth makes a jack of all trades only from `owner_min_roles`
    /// departments on; unrelated duties count as at any level.
    #[serde(default)]
    pub owner_levels: Vec<String>,
    /// The departments a position of an `owner_levels` level must span to be a jack of all
    /// trades; 0 means `jack_min_roles`.
    #[serde(default)]
    pub owner_min_roles: usize,
    /// Management work that any position of a team does for its own field (goals, coordination,
    /// budget, team and agency steering): it counts for the chosen role's breadth only, never
    /// as another role's work.
    #[serde(default)]
    pub breadth_shared_tasks: Vec<String>,
    /// How much a demanded task of `breadth_shared_tasks` counts in the role scores, as a share
    /// of its usual weight (1 = like any task; 0 = it speaks for no role).
    #[serde(default = "legacy::shared_task_weight")]
    pub shared_task_weight: f32,
    /// Roles whose excluded work is unrelated duty for a social-media role, as `other`'s is
    /// (print and corporate design piled onto a social-media post).
    #[serde(default)]
    pub social_unrelated_owners: Vec<String>,
    /// Share of platform mentions one platform (or group) needs for platform focus.
    pub platform_focus_share: f32,
    /// Minimum weighted platform mentions for platform focus.
    pub platform_focus_min: f32,
    /// Extra score for roles that work one platform when the ad focuses on one.
    pub platform_focus_bonus: f32,
    /// Roles that own all social-media work (the social media manager)…
    pub generalist_roles: Vec<String>,
    /// …recognised by demanded work in several of these task domains…
    pub generalist_domains: Vec<String>,
    /// …each domain beyond the first adding this much.
    pub generalist_bonus: f32,
    /// Role ids that work on one platform (the channel manager).
    pub platform_roles: Vec<String>,
    /// Task ids that are strategic work: a platform role must not have more than
    /// `platform_max_strategy` of them.
    pub strategy_tasks: Vec<String>,
    /// See `strategy_tasks`.
    pub platform_max_strategy: usize,
    /// When the title names several levels, the first of this list wins.
    pub level_priority: Vec<String>,
    /// Levels that the body of an ad may set when its title names none (outside the profile).
    pub body_levels: Vec<String>,
    /// Task domains whose vocabulary is generic outside social media ("community engagement"
    /// at a university): their evidence counts only in ads with social-media context.
    pub context_domains: Vec<String>,
    /// The task that sets goals and KPIs: a role with it as core whose ad lacks it gets a
    /// `no-goals` finding.
    pub goals_task: String,
    /// How far into the body, in bytes, a level cue may stand to set the level of an ad whose
    /// title names none (the body names the contract where it opens).
    #[serde(default = "legacy::body_level_bytes")]
    pub body_level_bytes: usize,
    /// Platform focus needs social-media work to focus: at least this many demanded tasks.
    #[serde(default = "legacy::platform_focus_min_tasks")]
    pub platform_focus_min_tasks: usize,
    /// One platform named this often outside the benefits, company and application sections
    /// gives the ad social-media context…
    #[serde(default = "legacy::context_platform_repeats")]
    pub context_platform_repeats: u32,
    /// …and so do this many platform mentions in all.
    #[serde(default = "legacy::context_platform_mentions")]
    pub context_platform_mentions: u32,
    /// An ad of a normed role with fewer demanded tasks than this gets the `few-tasks` finding.
    #[serde(default = "legacy::few_tasks_below")]
    pub few_tasks_below: usize,
    /// An ad without a title: the title is looked for in this many first non-empty lines…
    #[serde(default = "legacy::title_search_lines")]
    pub title_search_lines: usize,
    /// …first a line with a gender marker of at most this many characters…
    #[serde(default = "legacy::title_marker_line_chars")]
    pub title_marker_line_chars: usize,
    /// …then a line holding a role title, else the first line, of at most this many characters.
    #[serde(default = "legacy::title_line_chars")]
    pub title_line_chars: usize,
    /// A line is short enough to be a heading with at most this many characters…
    #[serde(default = "legacy::heading_max_chars")]
    pub heading_max_chars: usize,
    /// …and at most this many words.
    #[serde(default = "legacy::heading_max_words")]
    pub heading_max_words: usize,
    /// A heading phrase of the norm opens a section on a line of its own only with at most this
    /// many other words on the line ("Your tasks at Acme", not "Excellent communication skills
    /// (written and verbal)"); a line ending in ':' is a heading whatever its words.
    #[serde(default = "legacy::heading_extra_words")]
    pub heading_extra_words: usize,
    /// The largest ad the analyzer accepts, in bytes (title and content together).
    #[serde(default = "legacy::max_input_bytes")]
    pub max_input_bytes: usize,
    /// False friends: phrases in which "social", "community" or a platform name means something
    /// else ("social care", "community nurse"); no vocabulary found inside them counts.
    #[serde(default)]
    pub false_friends: Vec<String>,
    /// Social-media-family roles that may be the verdict without social-media context in the ad
    /// (decided by their own definition); every other social-media role needs it.
    #[serde(default)]
    pub context_free_roles: Vec<String>,
    /// What a social-media role that needs context loses in an ad without social-media context.
    #[serde(default)]
    pub no_context_penalty: f32,
    /// An evidence quote longer than this many characters is cut to a window around its phrase
    /// (the span offsets stay whole).
    #[serde(default = "legacy::max_quote_chars")]
    pub max_quote_chars: usize,
    /// At most this many evidence spans are listed per task (the count of all is kept).
    #[serde(default = "legacy::max_evidence_per_task")]
    pub max_evidence_per_task: usize,
    /// What each unit of evidence for `other`'s own work (coding, office, sales) adds to its
    /// score: a job that is mostly that work is no normed role, whatever else it mentions.
    #[serde(default)]
    pub other_work_weight: f32,
    /// The confidence is the chosen role's share of softmax(score / this): above 1 the
    /// analysis is less sure, below 1 surer (fitted by `scripts/calibrate.py`).
    #[serde(default = "legacy::confidence_temperature")]
    pub confidence_temperature: f32,
    /// A duty statement is a line of the duties section with at least this many words; 0 turns
    /// the duty coverage off.
    #[serde(default)]
    pub duty_min_words: usize,
    /// What each duty statement that no normed task covers, beyond the covered ones, adds to
    /// `other`'s score.
    #[serde(default)]
    pub unknown_duty_weight: f32,
    /// Below this confidence the analysis says it is uncertain between its top two roles (the
    /// `uncertain-role` finding); 0 never.
    #[serde(default)]
    pub uncertain_below: f32,
    /// Departments for breadth: groups of roles whose work one department of an employer does
    /// (the social-media team, editorial, marketing, …). Roles of one department count as one
    /// role towards `jack_min_roles`; a role in no group is a department of its own.
    #[serde(default)]
    pub departments: Vec<Vec<String>>,
    /// A line outside any known section that opens with one of these words ("experience",
    /// "Kenntnisse") or with a number of years states a requirement and weighs as the profile.
    #[serde(default)]
    pub requirement_cues: Vec<String>,
    /// A task phrase with one of these words in it or among the `negation_window_words` words
    /// before it in its sentence is not demanded ("you won't create content", "keine Google Ads").
    #[serde(default)]
    pub negation_words: Vec<String>,
    /// A negation followed by one of these words negates nothing ("not only", "nicht nur").
    #[serde(default)]
    pub negation_exceptions: Vec<String>,
    /// How many words before a task phrase a negation may stand.
    #[serde(default)]
    pub negation_window_words: usize,
    /// A task phrase followed later in its sentence by one of these phrases is someone else's
    /// work, not demanded ("content and campaigns are run by our brand team", "liegt bei
    /// unserem Team").
    #[serde(default)]
    pub delegation_phrases: Vec<String>,
}

/// A loaded and checked norm pack, built only by [`Norm::from_document`] (or [`Norm::from_files`],
/// [`Norm::builtin`]); read it through its accessor methods.
#[derive(Debug, Clone, Serialize)]
pub struct Norm {
    /// Identity and version.
    pub(crate) identity: Identity,
    /// The roles, in the order of the pack.
    pub(crate) roles: Vec<Role>,
    /// The tasks, in the order of the pack.
    pub(crate) tasks: Vec<Task>,
    /// The levels, from `intern` to `lead`.
    pub(crate) levels: Vec<Level>,
    /// The id of the level of an ad that names none.
    pub(crate) default_level: String,
    /// The task domains.
    pub(crate) domains: Vec<String>,
    /// The platforms.
    pub(crate) platforms: Vec<Platform>,
    /// The kinds of section and their headings.
    pub(crate) sections: Vec<SectionRule>,
    /// German word forms.
    pub(crate) german: GermanForms,
    /// How phrase words inflect, per language.
    pub(crate) inflection: Inflections,
    /// Phrases that show an ad is about social media (besides platform names).
    pub(crate) social_context: Phrases,
    /// Texts of findings by code.
    pub(crate) messages: BTreeMap<String, Texts>,
    /// The scoring weights.
    pub(crate) scoring: Scoring,
    #[serde(skip)]
    pub(crate) role_index: HashMap<String, usize>,
    #[serde(skip)]
    pub(crate) task_index: HashMap<String, usize>,
    /// `scope[role * tasks.len() + task]`.
    #[serde(skip)]
    pub(crate) scope: Vec<Scope>,
}

impl Norm {
    /// Identity and version (`norm.toml`).
    pub fn identity(&self) -> &Identity {
        &self.identity
    }

    /// The roles, in the order of the pack.
    pub fn roles(&self) -> &[Role] {
        &self.roles
    }

    /// The tasks, in the order of the pack.
    pub fn tasks(&self) -> &[Task] {
        &self.tasks
    }

    /// The levels, from `intern` to `lead`.
    pub fn levels(&self) -> &[Level] {
        &self.levels
    }

    /// The platforms.
    pub fn platforms(&self) -> &[Platform] {
        &self.platforms
    }

    /// The kinds of section with their weights and headings.
    pub fn sections(&self) -> &[SectionRule] {
        &self.sections
    }

    /// German word forms.
    pub fn german(&self) -> &GermanForms {
        &self.german
    }

    /// How phrase words inflect, per language.
    pub fn inflection(&self) -> &Inflections {
        &self.inflection
    }

    /// Phrases that show an ad is about social media (besides platform names).
    pub fn social_context(&self) -> &Phrases {
        &self.social_context
    }

    /// Texts of findings by code.
    pub fn messages(&self) -> &BTreeMap<String, Texts> {
        &self.messages
    }

    /// The scoring weights and thresholds (`scoring.toml`).
    pub fn scoring(&self) -> &Scoring {
        &self.scoring
    }

    /// The index of the role with `id`.
    pub fn role_index(&self, id: &str) -> Option<usize> {
        self.role_index.get(id).copied()
    }

    /// The index of the task with `id`.
    pub fn task_index(&self, id: &str) -> Option<usize> {
        self.task_index.get(id).copied()
    }

    /// The role with `id`.
    pub fn role(&self, id: &str) -> Option<&Role> {
        self.role_index(id).map(|i| &self.roles[i])
    }

    /// The task with `id`.
    pub fn task(&self, id: &str) -> Option<&Task> {
        self.task_index(id).map(|i| &self.tasks[i])
    }

    /// How task `task` stands to role `role` (both indexes).
    pub fn scope(&self, role: usize, task: usize) -> Scope {
        self.scope[role * self.tasks.len() + task]
    }

    /// The text of finding `code` in `language`; the code itself if the norm has no text for it.
    pub fn message<'a>(&'a self, code: &'a str, language: Language) -> &'a str {
        self.messages.get(code).map_or(code, |t| t.get(language))
    }

    /// The id of the level of an ad that names none (`default` in `levels.toml`).
    pub fn default_level(&self) -> &str {
        &self.default_level
    }

    /// The task domains (`domains` in `tasks.toml`; in older packs the domains the tasks name,
    /// in order of first use).
    pub fn domains(&self) -> &[String] {
        &self.domains
    }

    /// `id@version`, the short name of this norm.
    pub fn label(&self) -> String {
        format!("{}@{}", self.identity.id, self.identity.version)
    }
}

/// Values of the scoring fields that packs written before them (norm 0.1.0) lack: what the
/// analyzer did before the values moved into `scoring.toml`.
mod legacy {
    pub(super) fn shared_task_weight() -> f32 {
        1.0
    }
    pub(super) fn body_level_bytes() -> usize {
        600
    }
    pub(super) fn platform_focus_min_tasks() -> usize {
        2
    }
    pub(super) fn context_platform_repeats() -> u32 {
        2
    }
    pub(super) fn context_platform_mentions() -> u32 {
        3
    }
    pub(super) fn few_tasks_below() -> usize {
        3
    }
    pub(super) fn title_search_lines() -> usize {
        12
    }
    pub(super) fn title_marker_line_chars() -> usize {
        120
    }
    pub(super) fn title_line_chars() -> usize {
        100
    }
    pub(super) fn heading_max_chars() -> usize {
        70
    }
    pub(super) fn heading_max_words() -> usize {
        8
    }
    pub(super) fn heading_extra_words() -> usize {
        usize::MAX
    }
    pub(super) fn max_input_bytes() -> usize {
        8388608
    }
    pub(super) fn max_quote_chars() -> usize {
        usize::MAX
    }
    pub(super) fn confidence_temperature() -> f32 {
        1.0
    }
    pub(super) fn max_evidence_per_task() -> usize {
        usize::MAX
    }
}
