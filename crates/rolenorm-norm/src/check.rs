//! The checker: a [`NormDocument`] becomes a [`Norm`] only when every reference in it resolves,
//! every phrase is usable and every convention the analyzer relies on holds.

use std::collections::{BTreeSet, HashMap, HashSet};

use rolenorm_text::{Language, fold_phrase};
use rolenorm_wire::FindingCode;

use crate::document::{FORMAT, NormDocument, PhraseLists, line_at};
use crate::load::{Diagnostic, NormError};
use crate::model::*;

/// The default level of packs written before `levels.toml` named one.
const LEGACY_DEFAULT_LEVEL: &str = "professional";

impl Norm {
    /// Checks `document` and builds the norm from it; every problem is reported, with file and
    /// line when the document was read from files and that file is unchanged since.
    pub fn from_document(document: &NormDocument) -> Result<Norm, NormError> {
        let mut checker = Checker { doc: document, diagnostics: Vec::new(), spans: HashMap::new() };
        let norm = checker.build();
        match norm {
            Some(norm) if checker.diagnostics.is_empty() => Ok(norm),
            _ => Err(NormError(checker.diagnostics)),
        }
    }
}

/// One step of a path into a file: a key or an array index.
#[derive(Debug, Clone)]
enum Seg {
    Key(String),
    Index(usize),
}

impl From<&str> for Seg {
    fn from(key: &str) -> Self {
        Seg::Key(key.to_owned())
    }
}

impl From<usize> for Seg {
    fn from(index: usize) -> Self {
        Seg::Index(index)
    }
}

/// A path into a file: `path!["task", 3, "phrases", "en", 0]`.
macro_rules! path {
    ($($seg:expr),* $(,)?) => { [$(Seg::from($seg)),*] };
}

struct Checker<'d> {
    doc: &'d NormDocument,
    diagnostics: Vec<Diagnostic>,
    /// Parsed files (with spans) by name; `None` when the file's lines cannot be trusted.
    spans: HashMap<&'static str, Option<toml_edit::Document<String>>>,
}

impl Checker<'_> {
    /// The 1-based line of `path` in `file`, 0 when unknown (a document built or edited in code).
    fn line(&mut self, file: &'static str, path: &[Seg]) -> usize {
        let doc = self.doc;
        let parsed = self.spans.entry(file).or_insert_with(|| {
            let text = doc.source(file)?;
            if !doc.unchanged(file) {
                return None;
            }
            toml_edit::Document::parse(text.to_owned()).ok()
        });
        let Some(parsed) = parsed else { return 0 };
        let span = find_in_table(parsed.as_table(), path);
        span.map_or(0, |span| line_at(parsed.raw(), span.start))
    }

    fn report(&mut self, file: &'static str, path: &[Seg], message: impl Into<String>) {
        let line = if path.is_empty() { 0 } else { self.line(file, path) };
        self.diagnostics.push(Diagnostic::new(file, line, message));
    }

    fn build(&mut self) -> Option<Norm> {
        let doc = self.doc;
        let identity = self.identity();
        let domains = self.domains();
        let tasks = self.tasks(&domains);
        let roles = self.roles();
        let levels = self.levels();
        let default_level = self.default_level(&levels);
        let platforms = self.platforms();
        let sections = self.sections();
        let social_context =
            self.phrases("language.toml", &path!["social_context"], &doc.language.social_context, "social_context");
        self.messages();
        self.german();
        let role_index: HashMap<String, usize> = roles.iter().enumerate().map(|(i, r)| (r.id.clone(), i)).collect();
        let task_index: HashMap<String, usize> = tasks.iter().enumerate().map(|(i, t)| (t.id.clone(), i)).collect();
        let mut norm = Norm {
            identity: identity?,
            roles,
            tasks,
            levels,
            default_level,
            domains,
            platforms,
            sections,
            german: doc.language.german.clone(),
            inflection: doc.language.inflection.clone(),
            social_context,
            messages: doc.language.messages.clone(),
            scoring: doc.scoring.clone(),
            role_index,
            task_index,
            scope: Vec::new(),
        };
        self.scope(&mut norm);
        self.roles_and_owners(&norm);
        self.scoring(&norm);
        self.vocabulary();
        Some(norm)
    }

    fn identity(&mut self) -> Option<Identity> {
        let raw = &self.doc.norm;
        let format = raw.format.unwrap_or(1);
        if format > FORMAT || format == 0 {
            self.report(
                "norm.toml",
                &path!["format"],
                format!("format {format} is not one this rolenorm reads (1 to {FORMAT})"),
            );
        }
        let version = match semver::Version::parse(&raw.version) {
            Ok(version) => Some(version),
            Err(error) => {
                let message = format!("version {:?} is not a semantic version: {error}", raw.version);
                self.report("norm.toml", &path!["version"], message);
                None
            }
        };
        for (index, language) in raw.languages.iter().enumerate() {
            if language.parse::<Language>().is_err() {
                let message = format!("language {language:?} is not supported (de, en)");
                self.report("norm.toml", &path!["languages", index], message);
            }
        }
        Some(Identity {
            format,
            id: raw.id.clone(),
            version: version?,
            date: raw.date.clone(),
            languages: raw.languages.clone(),
            licence: raw.licence.clone(),
            title: raw.title.clone(),
            description: raw.description.clone(),
        })
    }

    /// The declared task domains, or (in older packs) the ones the tasks use.
    fn domains(&mut self) -> Vec<String> {
        let declared = &self.doc.tasks.domains;
        let mut seen = HashSet::new();
        for (index, domain) in declared.iter().enumerate() {
            if !seen.insert(domain.as_str()) {
                self.report("tasks.toml", &path!["domains", index], format!("domain {domain:?} is listed twice"));
            }
        }
        if !declared.is_empty() {
            return declared.clone();
        }
        let mut used = Vec::new();
        for task in &self.doc.tasks.task {
            if !used.contains(&task.domain) {
                used.push(task.domain.clone());
            }
        }
        used
    }

    fn phrases(&mut self, file: &'static str, at: &[Seg], lists: &PhraseLists, owner: &str) -> Phrases {
        let mut convert = |language: &str, list: &[String]| -> Vec<Phrase> {
            let mut out = Vec::with_capacity(list.len());
            for (index, text) in list.iter().enumerate() {
                let problem = if fold_phrase(&text.replace('+', " ")).is_empty() {
                    Some("has no letters or digits")
                } else if text.split('+').any(|term| fold_phrase(term).is_empty()) {
                    Some("has an empty term around '+'")
                } else {
                    None
                };
                match problem {
                    Some(problem) => {
                        let mut path = at.to_vec();
                        path.extend(path![language, index]);
                        self.report(file, &path, format!("{owner}: phrase {text:?} {problem}"));
                    }
                    None => out.push(Phrase { text: text.clone() }),
                }
            }
            out
        };
        Phrases { en: convert("en", &lists.en), de: convert("de", &lists.de) }
    }

    /// Reports duplicate and empty ids of `ids` (the `key` array of `file`).
    fn unique_ids<'a>(&mut self, file: &'static str, key: &str, ids: impl Iterator<Item = &'a String>) {
        let mut seen: HashMap<&str, usize> = HashMap::new();
        for (index, id) in ids.enumerate() {
            if id.trim().is_empty() {
                self.report(file, &path![key, index, "id"], "empty id");
            } else if let Some(first) = seen.insert(id, index) {
                let first_line = self.line(file, &path![key, first, "id"]);
                let message = format!("duplicate id {id:?} (first defined at line {first_line})");
                self.report(file, &path![key, index, "id"], message);
            }
        }
    }

    fn tasks(&mut self, domains: &[String]) -> Vec<Task> {
        let doc = self.doc;
        self.unique_ids("tasks.toml", "task", doc.tasks.task.iter().map(|t| &t.id));
        let mut tasks = Vec::with_capacity(doc.tasks.task.len());
        for (index, t) in doc.tasks.task.iter().enumerate() {
            if !domains.contains(&t.domain) {
                let message = format!("task {} has domain {:?}, not one of {}", t.id, t.domain, domains.join(", "));
                self.report("tasks.toml", &path!["task", index, "domain"], message);
            }
            let phrases = self.phrases("tasks.toml", &path!["task", index, "phrases"], &t.phrases, &t.id);
            tasks.push(Task {
                id: t.id.clone(),
                domain: t.domain.clone(),
                owner: t.owner.clone(),
                name: t.name.clone(),
                definition: t.definition.clone(),
                esco: t.esco.clone(),
                phrases,
            });
        }
        tasks
    }

    fn roles(&mut self) -> Vec<Role> {
        let doc = self.doc;
        self.unique_ids("roles.toml", "role", doc.roles.role.iter().map(|r| &r.id));
        let mut roles = Vec::with_capacity(doc.roles.role.len());
        for (index, r) in doc.roles.role.iter().enumerate() {
            let titles = self.phrases("roles.toml", &path!["role", index, "titles"], &r.titles, &r.id);
            roles.push(Role {
                id: r.id.clone(),
                family: r.family,
                name: r.name.clone(),
                definition: r.definition.clone(),
                core: r.core.clone(),
                optional: r.optional.clone(),
                anchors: r.anchors.clone(),
                titles,
            });
        }
        roles
    }

    fn levels(&mut self) -> Vec<Level> {
        let doc = self.doc;
        self.unique_ids("levels.toml", "level", doc.levels.level.iter().map(|l| &l.id));
        let mut levels = Vec::with_capacity(doc.levels.level.len());
        for (index, l) in doc.levels.level.iter().enumerate() {
            let cues = self.phrases("levels.toml", &path!["level", index, "cues"], &l.cues, &l.id);
            let requirements =
                self.phrases("levels.toml", &path!["level", index, "requirements"], &l.requirements, &l.id);
            levels.push(Level { id: l.id.clone(), name: l.name.clone(), cues, requirements });
        }
        levels
    }

    fn default_level(&mut self, levels: &[Level]) -> String {
        let default = self.doc.levels.default.clone().unwrap_or_else(|| LEGACY_DEFAULT_LEVEL.to_owned());
        if !levels.iter().any(|l| l.id == default) {
            let ids: Vec<&str> = levels.iter().map(|l| l.id.as_str()).collect();
            let message = format!("the default level {default:?} is not one of the levels ({})", ids.join(", "));
            let at = if self.doc.levels.default.is_some() { path!["default"].to_vec() } else { Vec::new() };
            self.report("levels.toml", &at, message);
        }
        default
    }

    fn platforms(&mut self) -> Vec<Platform> {
        let doc = self.doc;
        self.unique_ids("platforms.toml", "platform", doc.platforms.platform.iter().map(|p| &p.id));
        let mut aliases_seen: HashMap<String, &str> = HashMap::new();
        let mut platforms = Vec::with_capacity(doc.platforms.platform.len());
        for (index, p) in doc.platforms.platform.iter().enumerate() {
            for (a, alias) in p.aliases.iter().enumerate() {
                if let Some(other) = aliases_seen.insert(fold_phrase(alias), &p.id)
                    && other != p.id
                {
                    let message = format!("alias {alias:?} of {} is also an alias of {other}", p.id);
                    self.report("platforms.toml", &path!["platform", index, "aliases", a], message);
                }
            }
            if p.aliases.is_empty() {
                self.report(
                    "platforms.toml",
                    &path!["platform", index, "id"],
                    format!("platform {} has no aliases", p.id),
                );
            }
            platforms.push(Platform {
                id: p.id.clone(),
                name: p.name.clone(),
                group: p.group.clone(),
                aliases: p.aliases.iter().map(|text| Phrase { text: text.clone() }).collect(),
            });
        }
        platforms
    }

    fn sections(&mut self) -> Vec<SectionRule> {
        let doc = self.doc;
        let mut seen = HashSet::new();
        let mut sections = Vec::with_capacity(doc.language.section.len());
        for (index, s) in doc.language.section.iter().enumerate() {
            if !seen.insert(s.kind) {
                let message = format!("section kind {} is defined twice", s.kind.as_str());
                self.report("language.toml", &path!["section", index, "kind"], message);
            }
            let headings =
                self.phrases("language.toml", &path!["section", index, "headings"], &s.headings, s.kind.as_str());
            sections.push(SectionRule { kind: s.kind, weight: s.weight, headings });
        }
        sections
    }

    /// Every finding has a message, every message belongs to a finding, and each shows exactly
    /// the placeholders its finding fills.
    fn messages(&mut self) {
        let messages = &self.doc.language.messages;
        let uncertainty = self.doc.scoring.uncertain_below > 0.0;
        for finding in FindingCode::ALL {
            let code = finding.as_str();
            if !messages.contains_key(code) && (finding.always_required() || uncertainty) {
                self.report("language.toml", &[], format!("finding {code} has no message ([messages.{code}])"));
            }
        }
        for (code, texts) in messages {
            let Some(finding) = FindingCode::ALL.into_iter().find(|c| c.as_str() == code) else {
                let known: Vec<&str> = FindingCode::ALL.iter().map(|c| c.as_str()).collect();
                let message = format!("messages.{code}: no finding has this code (known: {})", known.join(", "));
                self.report("language.toml", &path!["messages", code.as_str()], message);
                continue;
            };
            let filled: BTreeSet<&str> = finding.placeholders().iter().copied().collect();
            for (language, text) in [("en", &texts.en), ("de", &texts.de)] {
                let shown = placeholders(text);
                let unknown: Vec<&str> = shown.difference(&filled).copied().collect();
                let missing: Vec<&str> = filled.difference(&shown).copied().collect();
                if unknown.is_empty() && missing.is_empty() {
                    continue;
                }
                let mut problem = Vec::new();
                if !unknown.is_empty() {
                    problem.push(format!("uses {{{}}}, which the analyzer does not fill", unknown.join("}, {")));
                }
                if !missing.is_empty() {
                    problem.push(format!("does not show {{{}}}", missing.join("}, {")));
                }
                let message = format!("messages.{code}.{language} {}", problem.join(" and "));
                self.report("language.toml", &path!["messages", code.as_str(), language], message);
            }
        }
    }

    /// The German forms in `language.toml` document what the matcher does: every listed gender
    /// suffix must vanish in matching, every compound example must fold as stated.
    fn german(&mut self) {
        let german = &self.doc.language.german;
        for (index, suffix) in german.gender_suffixes.iter().enumerate() {
            if fold_phrase(&format!("Redakteur{suffix}")) != "redakteur" {
                let message = format!("gender suffix {suffix:?} is not removed by the matcher (\"Redakteur{suffix}\")");
                self.report("language.toml", &path!["german", "gender_suffixes", index], message);
            }
        }
        for (index, [written, folded]) in german.compound_examples.iter().enumerate() {
            let actual = fold_phrase(written);
            if actual != *folded {
                let message = format!("compound example {written:?} folds to {actual:?}, not {folded:?}");
                self.report("language.toml", &path!["german", "compound_examples", index], message);
            }
        }
        for (index, prefix) in german.separable_prefixes.iter().enumerate() {
            let folded = fold_phrase(prefix);
            if folded.is_empty() || folded.contains(' ') || prefix.starts_with(char::is_uppercase) {
                let message = format!("separable prefix {prefix:?} is not one lower-case word");
                self.report("language.toml", &path!["german", "separable_prefixes", index], message);
            }
        }
    }
}

/// The `{name}` placeholders of a message.
fn placeholders(text: &str) -> BTreeSet<&str> {
    let mut out = BTreeSet::new();
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else { break };
        let name = &after[..close];
        if !name.is_empty() && name.bytes().all(|b| b.is_ascii_lowercase() || b == b'_') {
            out.insert(name);
        }
        rest = &after[close + 1..];
    }
    out
}

impl Checker<'_> {
    fn scope(&mut self, norm: &mut Norm) {
        let tasks = norm.tasks.len();
        norm.scope = vec![Scope::Excluded; norm.roles.len() * tasks];
        let doc = self.doc;
        for (r, role) in doc.roles.role.iter().enumerate() {
            let Some(role_index) = norm.role_index(&role.id) else { continue };
            for (key, list, scope) in [("core", &role.core, Scope::Core), ("optional", &role.optional, Scope::Optional)]
            {
                for (index, task_id) in list.iter().enumerate() {
                    let Some(task) = norm.task_index(task_id) else {
                        let message = format!("role {} names unknown task {task_id:?}", role.id);
                        self.report("roles.toml", &path!["role", r, key, index], message);
                        continue;
                    };
                    let cell = &mut norm.scope[role_index * tasks + task];
                    if *cell != Scope::Excluded {
                        let message = format!("role {} lists task {task_id} twice", role.id);
                        self.report("roles.toml", &path!["role", r, key, index], message);
                    }
                    // A task in both lists counts as core.
                    if *cell != Scope::Core {
                        *cell = scope;
                    }
                }
            }
        }
    }

    fn roles_and_owners(&mut self, norm: &Norm) {
        if norm.roles.iter().filter(|r| r.family == Family::Other).count() != 1 {
            let message = "exactly one role must have family \"other\" (the fallback for ads outside the norm)";
            self.report("roles.toml", &[], message);
        }
        for (index, role) in norm.roles.iter().enumerate() {
            if role.core.is_empty() {
                self.report("roles.toml", &path!["role", index, "id"], format!("role {} has no core tasks", role.id));
            }
        }
        for (index, task) in norm.tasks.iter().enumerate() {
            let at = path!["task", index, "id"];
            if !(0..norm.roles.len()).any(|role| norm.scope(role, index) != Scope::Excluded) {
                self.report("tasks.toml", &at, format!("task {} is core or optional for no role", task.id));
            }
            match norm.role_index(&task.owner) {
                None => self.report("tasks.toml", &at, format!("task {} has unknown owner {:?}", task.id, task.owner)),
                Some(owner) if norm.scope(owner, index) == Scope::Excluded => {
                    let message =
                        format!("task {} names {} as owner, but it is not in that role's scope", task.id, task.owner);
                    self.report("tasks.toml", &at, message);
                }
                Some(_) => {}
            }
        }
    }

    /// Every id and domain that `scoring.toml` names exists.
    fn scoring(&mut self, norm: &Norm) {
        let s = &norm.scoring;
        let mut problems: Vec<(&str, usize, String)> = Vec::new();
        for (key, list) in [
            ("platform_roles", &s.platform_roles),
            ("generalist_roles", &s.generalist_roles),
            ("social_unrelated_owners", &s.social_unrelated_owners),
        ] {
            for (index, role) in list.iter().enumerate() {
                if norm.role_index(role).is_none() {
                    problems.push((key, index, format!("{key} names unknown role {role:?}")));
                }
            }
        }
        let mut seen: Vec<&String> = Vec::new();
        for (index, department) in s.departments.iter().enumerate() {
            for role in department {
                if norm.role_index(role).is_none() {
                    problems.push(("departments", index, format!("departments names unknown role {role:?}")));
                } else if seen.contains(&role) {
                    problems.push(("departments", index, format!("departments names role {role:?} twice")));
                }
                seen.push(role);
            }
        }
        for (key, list) in
            [("level_priority", &s.level_priority), ("body_levels", &s.body_levels), ("owner_levels", &s.owner_levels)]
        {
            for (index, level) in list.iter().enumerate() {
                if !norm.levels.iter().any(|l| &l.id == level) {
                    problems.push((key, index, format!("{key} names unknown level {level:?}")));
                }
            }
        }
        for (key, list) in [("strategy_tasks", &s.strategy_tasks), ("breadth_shared_tasks", &s.breadth_shared_tasks)] {
            for (index, task) in list.iter().enumerate() {
                if norm.task_index(task).is_none() {
                    problems.push((key, index, format!("{key} names unknown task {task:?}")));
                }
            }
        }
        for (key, list) in [("generalist_domains", &s.generalist_domains), ("context_domains", &s.context_domains)] {
            for (index, domain) in list.iter().enumerate() {
                if !norm.domains.contains(domain) {
                    let message =
                        format!("{key} names unknown task domain {domain:?} (domains: {})", norm.domains.join(", "));
                    problems.push((key, index, message));
                }
            }
        }
        for (key, index, message) in problems {
            self.report("scoring.toml", &path![key, index], message);
        }
        if norm.task_index(&s.goals_task).is_none() {
            let message = format!("goals_task names unknown task {:?}", s.goals_task);
            self.report("scoring.toml", &path!["goals_task"], message);
        }
    }

    /// A phrase belongs to one owner, and is listed once per language.
    fn vocabulary(&mut self) {
        let doc = self.doc;
        let tasks = doc
            .tasks
            .task
            .iter()
            .enumerate()
            .map(|(i, t)| (format!("task {}", t.id), "tasks.toml", path!["task", i, "phrases"], &t.phrases));
        let roles = doc
            .roles
            .role
            .iter()
            .enumerate()
            .map(|(i, r)| (format!("title of role {}", r.id), "roles.toml", path!["role", i, "titles"], &r.titles));
        let mut claims: HashMap<String, (String, &'static str, Vec<Seg>)> = HashMap::new();
        let mut seen_in_language = HashSet::new();
        for (owner, file, at, lists) in tasks.chain(roles) {
            for (language, list) in [("en", &lists.en), ("de", &lists.de)] {
                for (index, text) in list.iter().enumerate() {
                    let mut terms: Vec<String> = text.trim_start_matches('~').split('+').map(fold_phrase).collect();
                    terms.sort();
                    let mut path = at.to_vec();
                    path.extend(path![language, index]);
                    // The same phrase in both languages of one owner is fine (German ads use
                    // English terms); twice in one language is a slip.
                    if !seen_in_language.insert(format!("{owner}|{}|{language}", terms.join(" + "))) {
                        self.report(file, &path, format!("phrase {text:?} of {owner} is listed twice"));
                        continue;
                    }
                    let kind = if owner.starts_with("task") { "task" } else { "title" };
                    let key = format!("{kind}|{}", terms.join(" + "));
                    match claims.get(&key) {
                        Some((first, first_file, first_path)) if *first != owner => {
                            let first_line = self.line(first_file, first_path);
                            let message = format!(
                                "phrase {text:?} of {owner} is also claimed by {first} ({first_file}:{first_line})"
                            );
                            self.report(file, &path, message);
                        }
                        Some(_) => {}
                        None => {
                            claims.insert(key, (owner.clone(), file, path));
                        }
                    }
                }
            }
        }
    }
}

/// The span of `path` in a parsed table.
fn find_in_table(table: &toml_edit::Table, path: &[Seg]) -> Option<std::ops::Range<usize>> {
    let Some((first, rest)) = path.split_first() else { return table.span() };
    let Seg::Key(key) = first else { return None };
    find_in_item(table.get(key)?, rest)
}

fn find_in_item(item: &toml_edit::Item, path: &[Seg]) -> Option<std::ops::Range<usize>> {
    match item {
        _ if path.is_empty() => item.span(),
        toml_edit::Item::Table(table) => find_in_table(table, path),
        toml_edit::Item::ArrayOfTables(tables) => match path.split_first() {
            Some((Seg::Index(index), rest)) => find_in_table(tables.get(*index)?, rest),
            _ => None,
        },
        toml_edit::Item::Value(value) => find_in_value(value, path),
        toml_edit::Item::None => None,
    }
}

fn find_in_value(value: &toml_edit::Value, path: &[Seg]) -> Option<std::ops::Range<usize>> {
    match (value, path.split_first()) {
        (_, None) => value.span(),
        (toml_edit::Value::Array(array), Some((Seg::Index(index), rest))) => find_in_value(array.get(*index)?, rest),
        (toml_edit::Value::InlineTable(table), Some((Seg::Key(key), rest))) => find_in_value(table.get(key)?, rest),
        _ => None,
    }
}
