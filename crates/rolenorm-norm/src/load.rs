//! Loading a norm pack from its TOML files, with every problem reported by file and line.

use std::collections::{BTreeMap, HashMap};
use std::fmt;

use rolenorm_text::fold_phrase;
use serde::Deserialize;
use toml::Spanned;

use crate::model::*;

/// The files of a norm pack, in the order they are read.
pub const PACK_FILES: [&str; 7] =
    ["norm.toml", "roles.toml", "tasks.toml", "levels.toml", "platforms.toml", "language.toml", "scoring.toml"];

/// The built-in norm pack, embedded at build time from `norm/` at the repository root.
pub const BUILTIN_PACK: [(&str, &str); 7] = [
    ("norm.toml", include_str!("../../../norm/norm.toml")),
    ("roles.toml", include_str!("../../../norm/roles.toml")),
    ("tasks.toml", include_str!("../../../norm/tasks.toml")),
    ("levels.toml", include_str!("../../../norm/levels.toml")),
    ("platforms.toml", include_str!("../../../norm/platforms.toml")),
    ("language.toml", include_str!("../../../norm/language.toml")),
    ("scoring.toml", include_str!("../../../norm/scoring.toml")),
];

/// One problem in a norm pack.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// The file (`tasks.toml`).
    pub file: String,
    /// The 1-based line, 0 when the problem concerns the whole file.
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line == 0 {
            write!(f, "{}: {}", self.file, self.message)
        } else {
            write!(f, "{}:{}: {}", self.file, self.line, self.message)
        }
    }
}

/// A norm pack that cannot be used, with all its problems.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("the norm pack has {} problem(s):\n{}", .0.len(), .0.iter().map(|d| format!("  {d}")).collect::<Vec<_>>().join("\n"))]
pub struct NormError(pub Vec<Diagnostic>);

impl Norm {
    /// The built-in norm.
    pub fn builtin() -> Result<Norm, NormError> {
        Norm::from_files(BUILTIN_PACK.iter().map(|(name, text)| (*name, *text)))
    }

    /// Loads and checks a pack given as `(file name, contents)` pairs; every file of
    /// [`PACK_FILES`] must be there.
    pub fn from_files<'a>(files: impl IntoIterator<Item = (&'a str, &'a str)>) -> Result<Norm, NormError> {
        let files: HashMap<&str, &str> = files.into_iter().collect();
        let mut loader =
            Loader { diagnostics: Vec::new(), files: &files, scope_lines: Vec::new(), line_starts: HashMap::new() };
        let norm = loader.load();
        match norm {
            Some(norm) if loader.diagnostics.is_empty() => Ok(norm),
            _ => Err(NormError(loader.diagnostics)),
        }
    }
}

// ---- raw file shapes -------------------------------------------------------------------------

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawIdentity {
    id: String,
    version: Spanned<String>,
    date: String,
    languages: Vec<String>,
    licence: String,
    title: Texts,
    description: Texts,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawPhrases {
    #[serde(default)]
    en: Vec<Spanned<String>>,
    #[serde(default)]
    de: Vec<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRoles {
    role: Vec<RawRole>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRole {
    id: Spanned<String>,
    family: Family,
    name: Texts,
    definition: Texts,
    #[serde(default)]
    core: Vec<Spanned<String>>,
    #[serde(default)]
    optional: Vec<Spanned<String>>,
    #[serde(default)]
    anchors: Anchors,
    #[serde(default)]
    titles: RawPhrases,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTasks {
    task: Vec<RawTask>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTask {
    id: Spanned<String>,
    domain: String,
    owner: Spanned<String>,
    name: Texts,
    definition: Texts,
    #[serde(default)]
    esco: Vec<String>,
    #[serde(default)]
    phrases: RawPhrases,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLevels {
    level: Vec<RawLevel>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLevel {
    id: Spanned<String>,
    name: Texts,
    #[serde(default)]
    cues: RawPhrases,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPlatforms {
    platform: Vec<RawPlatform>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPlatform {
    id: Spanned<String>,
    name: String,
    #[serde(default)]
    group: Option<String>,
    aliases: Vec<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLanguage {
    german: GermanForms,
    inflection: Inflections,
    section: Vec<RawSection>,
    social_context: RawPhrases,
    messages: BTreeMap<String, Texts>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSection {
    kind: SectionKind,
    weight: f32,
    headings: RawPhrases,
}

// ---- loading and checking --------------------------------------------------------------------

struct Loader<'f> {
    diagnostics: Vec<Diagnostic>,
    files: &'f HashMap<&'f str, &'f str>,
    /// `(role id, task id, line)` of every scope entry in roles.toml.
    scope_lines: Vec<(String, String, usize)>,
    /// Byte offsets where the lines of each file start.
    line_starts: HashMap<String, Vec<usize>>,
}

impl Loader<'_> {
    fn report(&mut self, file: &str, line: usize, message: impl Into<String>) {
        self.diagnostics.push(Diagnostic { file: file.to_owned(), line, message: message.into() });
    }

    fn line_of(&mut self, file: &str, offset: usize) -> usize {
        let Some(text) = self.files.get(file).copied() else { return 0 };
        let starts = self
            .line_starts
            .entry(file.to_owned())
            .or_insert_with(|| std::iter::once(0).chain(text.match_indices('\n').map(|(i, _)| i + 1)).collect());
        starts.partition_point(|start| *start <= offset)
    }

    fn at<T>(&mut self, file: &str, spanned: &Spanned<T>) -> Location {
        Location { file: file.to_owned(), line: self.line_of(file, spanned.span().start) }
    }

    fn parse<T: for<'de> Deserialize<'de>>(&mut self, file: &str) -> Option<T> {
        let Some(text) = self.files.get(file).copied() else {
            self.report(file, 0, "missing file: every norm pack has norm.toml, roles.toml, tasks.toml, levels.toml, platforms.toml, language.toml and scoring.toml");
            return None;
        };
        match toml::from_str::<T>(text) {
            Ok(value) => Some(value),
            Err(error) => {
                let line = error.span().map_or(0, |span| self.line_of(file, span.start));
                let message = error.message().trim().to_owned();
                self.report(file, line, message);
                None
            }
        }
    }

    fn phrases(&mut self, file: &str, raw: RawPhrases, owner: &str) -> Phrases {
        let mut convert = |list: Vec<Spanned<String>>| -> Vec<Phrase> {
            list.into_iter()
                .filter_map(|p| {
                    let at = self.at(file, &p);
                    let text = p.into_inner();
                    if fold_phrase(&text.replace('+', " ")).is_empty() {
                        self.report(file, at.line, format!("{owner}: phrase {text:?} has no letters or digits"));
                        return None;
                    }
                    if text.split('+').any(|term| fold_phrase(term).is_empty()) {
                        self.report(file, at.line, format!("{owner}: phrase {text:?} has an empty term around '+'"));
                        return None;
                    }
                    Some(Phrase { text, at })
                })
                .collect()
        };
        Phrases { en: convert(raw.en), de: convert(raw.de) }
    }

    fn load(&mut self) -> Option<Norm> {
        let identity = self.parse::<RawIdentity>("norm.toml");
        let roles = self.parse::<RawRoles>("roles.toml");
        let tasks = self.parse::<RawTasks>("tasks.toml");
        let levels = self.parse::<RawLevels>("levels.toml");
        let platforms = self.parse::<RawPlatforms>("platforms.toml");
        let language = self.parse::<RawLanguage>("language.toml");
        let scoring = self.parse::<Scoring>("scoring.toml");
        for name in self.files.keys() {
            if !PACK_FILES.contains(name) && name.ends_with(".toml") {
                let name = name.to_string();
                self.report(&name, 0, "not a file of a norm pack; it is ignored");
            }
        }
        let identity = self.identity(identity?)?;
        let tasks = self.tasks(tasks?.task);
        let roles = self.roles(roles?.role);
        let levels = self.levels(levels?.level);
        let platforms = self.platforms(platforms?.platform);
        let language = language?;
        let sections = language
            .section
            .into_iter()
            .map(|s| SectionRule {
                kind: s.kind,
                weight: s.weight,
                headings: self.phrases("language.toml", s.headings, s.kind.as_str()),
            })
            .collect();
        let scoring = scoring?;
        let social_context = self.phrases("language.toml", language.social_context, "social_context");

        let role_index: HashMap<String, usize> = roles.iter().enumerate().map(|(i, r)| (r.id.clone(), i)).collect();
        let task_index: HashMap<String, usize> = tasks.iter().enumerate().map(|(i, t)| (t.id.clone(), i)).collect();
        let mut norm = Norm {
            identity,
            roles,
            tasks,
            levels,
            platforms,
            sections,
            german: language.german,
            inflection: language.inflection,
            social_context,
            messages: language.messages,
            scoring,
            role_index,
            task_index,
            scope: Vec::new(),
        };
        self.check_references(&mut norm);
        self.check_vocabulary(&norm);
        Some(norm)
    }

    fn identity(&mut self, raw: RawIdentity) -> Option<Identity> {
        let version = match semver::Version::parse(raw.version.get_ref()) {
            Ok(version) => version,
            Err(error) => {
                let line = self.line_of("norm.toml", raw.version.span().start);
                self.report(
                    "norm.toml",
                    line,
                    format!("version {:?} is not a semantic version: {error}", raw.version.get_ref()),
                );
                return None;
            }
        };
        for language in &raw.languages {
            if language.parse::<rolenorm_text::Language>().is_err() {
                self.report("norm.toml", 0, format!("language {language:?} is not supported (de, en)"));
            }
        }
        Some(Identity {
            id: raw.id,
            version,
            date: raw.date,
            languages: raw.languages,
            licence: raw.licence,
            title: raw.title,
            description: raw.description,
        })
    }

    fn unique_id(&mut self, file: &str, seen: &mut HashMap<String, usize>, id: &Spanned<String>) -> Location {
        let at = self.at(file, id);
        if id.get_ref().trim().is_empty() {
            self.report(file, at.line, "empty id");
        } else if let Some(first) = seen.insert(id.get_ref().clone(), at.line) {
            self.report(file, at.line, format!("duplicate id {:?} (first defined at line {first})", id.get_ref()));
        }
        at
    }

    fn tasks(&mut self, raw: Vec<RawTask>) -> Vec<Task> {
        let mut seen = HashMap::new();
        raw.into_iter()
            .map(|t| {
                let at = self.unique_id("tasks.toml", &mut seen, &t.id);
                let id = t.id.into_inner();
                let owner_at = self.at("tasks.toml", &t.owner);
                let phrases = self.phrases("tasks.toml", t.phrases, &id);
                Task {
                    owner: t.owner.into_inner(),
                    id,
                    domain: t.domain,
                    name: t.name,
                    definition: t.definition,
                    esco: t.esco,
                    phrases,
                    at: Location { line: at.line, ..owner_at },
                }
            })
            .collect()
    }

    fn roles(&mut self, raw: Vec<RawRole>) -> Vec<Role> {
        let mut seen = HashMap::new();
        let mut roles = Vec::new();
        for r in raw {
            let at = self.unique_id("roles.toml", &mut seen, &r.id);
            let id = r.id.into_inner();
            let titles = self.phrases("roles.toml", r.titles, &id);
            // Scope lists keep their lines for the reference checks.
            let core = r.core.iter().map(|t| t.get_ref().clone()).collect();
            let optional = r.optional.iter().map(|t| t.get_ref().clone()).collect();
            for list in [&r.core, &r.optional] {
                for task in list {
                    let line = self.line_of("roles.toml", task.span().start);
                    self.scope_lines.push((id.clone(), task.get_ref().clone(), line));
                }
            }
            roles.push(Role {
                id,
                family: r.family,
                name: r.name,
                definition: r.definition,
                core,
                optional,
                anchors: r.anchors,
                titles,
                at,
            });
        }
        roles
    }

    fn levels(&mut self, raw: Vec<RawLevel>) -> Vec<Level> {
        let mut seen = HashMap::new();
        raw.into_iter()
            .map(|l| {
                self.unique_id("levels.toml", &mut seen, &l.id);
                let id = l.id.into_inner();
                let cues = self.phrases("levels.toml", l.cues, &id);
                Level { id, name: l.name, cues }
            })
            .collect()
    }

    fn platforms(&mut self, raw: Vec<RawPlatform>) -> Vec<Platform> {
        let mut seen = HashMap::new();
        let mut aliases_seen: HashMap<String, String> = HashMap::new();
        raw.into_iter()
            .map(|p| {
                let at = self.unique_id("platforms.toml", &mut seen, &p.id);
                let id = p.id.into_inner();
                let aliases = p
                    .aliases
                    .into_iter()
                    .map(|a| {
                        let at = self.at("platforms.toml", &a);
                        let text = a.into_inner();
                        if let Some(other) = aliases_seen.insert(fold_phrase(&text), id.clone())
                            && other != id
                        {
                            self.report(
                                "platforms.toml",
                                at.line,
                                format!("alias {text:?} of {id} is also an alias of {other}"),
                            );
                        }
                        Phrase { text, at }
                    })
                    .collect::<Vec<_>>();
                if aliases.is_empty() {
                    self.report("platforms.toml", at.line, format!("platform {id} has no aliases"));
                }
                Platform { id, name: p.name, group: p.group, aliases }
            })
            .collect()
    }
}

impl Loader<'_> {
    fn check_references(&mut self, norm: &mut Norm) {
        let tasks = norm.tasks.len();
        norm.scope = vec![Scope::Excluded; norm.roles.len() * tasks];
        let scope_lines = std::mem::take(&mut self.scope_lines);
        for (role_id, task_id, line) in &scope_lines {
            let Some(role) = norm.role_index(role_id) else { continue };
            let Some(task) = norm.task_index(task_id) else {
                self.report("roles.toml", *line, format!("role {role_id} names unknown task {task_id:?}"));
                continue;
            };
            let is_core = norm.roles[role].core.contains(task_id);
            let cell = &mut norm.scope[role * tasks + task];
            if *cell != Scope::Excluded {
                self.report("roles.toml", *line, format!("role {role_id} lists task {task_id} twice"));
            }
            *cell = if is_core { Scope::Core } else { Scope::Optional };
        }
        if norm.roles.iter().filter(|r| r.family == Family::Other).count() != 1 {
            self.report(
                "roles.toml",
                0,
                "exactly one role must have family \"other\" (the fallback for ads outside the norm)",
            );
        }
        for role in &norm.roles {
            if role.core.is_empty() {
                let (file, line) = (role.at.file.clone(), role.at.line);
                self.report(&file, line, format!("role {} has no core tasks", role.id));
            }
        }
        for (index, task) in norm.tasks.iter().enumerate() {
            let used = (0..norm.roles.len()).any(|role| norm.scope[role * tasks + index] != Scope::Excluded);
            if !used {
                self.report("tasks.toml", task.at.line, format!("task {} is core or optional for no role", task.id));
            }
            match norm.role_index.get(&task.owner) {
                None => self.report(
                    "tasks.toml",
                    task.at.line,
                    format!("task {} has unknown owner {:?}", task.id, task.owner),
                ),
                Some(&owner) if norm.scope[owner * tasks + index] == Scope::Excluded => self.report(
                    "tasks.toml",
                    task.at.line,
                    format!("task {} names {} as owner, but it is not in that role's scope", task.id, task.owner),
                ),
                Some(_) => {}
            }
        }
        if !norm.levels.iter().any(|l| l.id == "professional") {
            self.report("levels.toml", 0, "the default level \"professional\" is missing");
        }
        for role in norm.scoring.platform_roles.iter().chain(&norm.scoring.generalist_roles) {
            if norm.role_index(role).is_none() {
                self.report(
                    "scoring.toml",
                    0,
                    format!("platform_roles or generalist_roles names unknown role {role:?}"),
                );
            }
        }
        for level in norm.scoring.level_priority.iter().chain(&norm.scoring.body_levels) {
            if !norm.levels.iter().any(|l| &l.id == level) {
                self.report("scoring.toml", 0, format!("unknown level {level:?}"));
            }
        }
        if norm.task_index(&norm.scoring.goals_task).is_none() {
            self.report("scoring.toml", 0, format!("goals_task names unknown task {:?}", norm.scoring.goals_task));
        }
        for task in &norm.scoring.strategy_tasks {
            if norm.task_index(task).is_none() {
                self.report("scoring.toml", 0, format!("strategy_tasks names unknown task {task:?}"));
            }
        }
    }

    fn check_vocabulary(&mut self, norm: &Norm) {
        let mut claims: HashMap<String, (String, Location)> = HashMap::new();
        let mut seen_in_language = std::collections::HashSet::new();
        let mut problems = Vec::new();
        let owners = norm
            .tasks
            .iter()
            .map(|t| (format!("task {}", t.id), &t.phrases))
            .chain(norm.roles.iter().map(|r| (format!("title of role {}", r.id), &r.titles)));
        for (owner, phrases) in owners {
            for (language, phrase) in phrases.iter() {
                let mut terms: Vec<String> = phrase.text.trim_start_matches('~').split('+').map(fold_phrase).collect();
                terms.sort();
                // The same phrase in both languages of one owner is fine (German ads use English
                // terms); twice in one language is a slip.
                if !seen_in_language.insert(format!("{owner}|{}|{language}", terms.join(" + "))) {
                    problems.push((phrase.at.clone(), format!("phrase {:?} of {owner} is listed twice", phrase.text)));
                    continue;
                }
                let key = format!("{}|{}", if owner.starts_with("task") { "task" } else { "title" }, terms.join(" + "));
                if let Some((first_owner, first_at)) = claims.get(&key) {
                    if *first_owner != owner {
                        problems.push((
                            phrase.at.clone(),
                            format!(
                                "phrase {:?} of {owner} is also claimed by {first_owner} ({}:{})",
                                phrase.text, first_at.file, first_at.line
                            ),
                        ));
                    }
                } else {
                    claims.insert(key, (owner.clone(), phrase.at.clone()));
                }
            }
        }
        for (at, message) in problems {
            self.report(&at.file, at.line, message);
        }
    }
}
