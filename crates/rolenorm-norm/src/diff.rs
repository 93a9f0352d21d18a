//! What changed between two norms, and which version bump that calls for.
//!
//! The rules (semantic versioning of the norm as a data contract):
//! - **major**: an id is removed (role, task, level, platform), a scope cell narrows
//!   (core → optional or excluded, optional → excluded), or the pack format changes;
//! - **minor**: a role, task, level, platform or phrase is added or a phrase removed, a scope
//!   cell widens, a weight, owner, domain, family or matching rule changes (analyses change);
//! - **patch**: names, definitions, messages, anchors and other wording change.
//!
//! The bump is applied to the old version the plain way: major `0.1.0` → `1.0.0`, minor
//! `0.1.0` → `0.2.0`, patch `0.1.0` → `0.1.1`.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt::Write;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::model::{Anchors, Norm, Phrase, Phrases, Scope, Texts};

/// How far a version must move for a change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Bump {
    /// Nothing changed that needs a new version.
    None,
    /// Wording: names, definitions, messages, anchors.
    Patch,
    /// Additions and tuning: new ids and phrases, widened scope, weights.
    Minor,
    /// Breaking: removed ids, narrowed scope, a new pack format.
    Major,
}

impl Bump {
    /// The lower-case name (`major` …).
    pub fn as_str(self) -> &'static str {
        match self {
            Bump::None => "none",
            Bump::Patch => "patch",
            Bump::Minor => "minor",
            Bump::Major => "major",
        }
    }

    /// The smallest version after `version` that this bump allows.
    pub fn apply(self, version: &semver::Version) -> semver::Version {
        let (major, minor, patch) = (version.major, version.minor, version.patch);
        match self {
            Bump::None => semver::Version::new(major, minor, patch),
            Bump::Patch => semver::Version::new(major, minor, patch + 1),
            Bump::Minor => semver::Version::new(major, minor + 1, 0),
            Bump::Major => semver::Version::new(major + 1, 0, 0),
        }
    }
}

/// A norm named by id and version.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct NormLabel {
    /// The norm's id.
    pub id: String,
    /// Its version.
    pub version: String,
}

/// A role or task by id with its name.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Named {
    /// The id.
    pub id: String,
    /// Its name.
    pub name: Texts,
}

/// A name that changed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Renamed {
    /// The id (unchanged).
    pub id: String,
    /// The old name.
    pub old: Texts,
    /// The new name.
    pub new: Texts,
}

/// Roles or tasks added, removed, renamed and redefined.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
pub struct IdChanges {
    /// In the new norm only.
    pub added: Vec<Named>,
    /// In the old norm only.
    pub removed: Vec<Named>,
    /// In both, with another name.
    pub renamed: Vec<Renamed>,
    /// In both, with another definition (named as in the new norm).
    pub redefined: Vec<Named>,
}

/// How one task stands to one role, before and after.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct ScopeChange {
    /// The task's id.
    pub task: String,
    /// Its name (new norm).
    pub task_name: Texts,
    /// The role's id.
    pub role: String,
    /// Its name (new norm).
    pub role_name: Texts,
    /// The old scope.
    pub old: Scope,
    /// The new scope.
    pub new: Scope,
    /// `major` when the scope narrows, `minor` when it widens.
    pub bump: Bump,
}

/// Whose vocabulary a [`VocabularyChange`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum VocabularyOf {
    /// A task's phrases.
    Task,
    /// A role's job titles.
    RoleTitle,
    /// A level's cues.
    LevelCue,
    /// A level's requirements.
    LevelRequirement,
    /// A section kind's headings.
    SectionHeading,
    /// The social-context phrases (`id` is `social_context`).
    SocialContext,
}

/// Phrases added and removed for one owner in one language.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct VocabularyChange {
    /// What kind of vocabulary.
    pub of: VocabularyOf,
    /// The owner's id (task, role, level, section kind).
    pub id: String,
    /// The language (`de`, `en`).
    pub language: String,
    /// Phrases only in the new norm.
    pub added: Vec<String>,
    /// Phrases only in the old norm.
    pub removed: Vec<String>,
}

/// A role's anchors before and after.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct AnchorChange {
    /// The role's id.
    pub role: String,
    /// The old anchors.
    pub old: Anchors,
    /// The new anchors.
    pub new: Anchors,
}

/// A scoring value (or section weight) before and after.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct WeightChange {
    /// The key in `scoring.toml` (`task_threshold`), or `section.KIND.weight`.
    pub key: String,
    /// The old value.
    pub old: serde_json::Value,
    /// The new value.
    pub new: serde_json::Value,
}

/// One reason for the bump.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Reason {
    /// The bump this change calls for.
    pub bump: Bump,
    /// What changed, in words.
    pub change: String,
}

/// Everything that differs between two norms, and the version bump it calls for.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct NormDiff {
    /// The old norm.
    pub old: NormLabel,
    /// The new norm.
    pub new: NormLabel,
    /// Roles added, removed, renamed, redefined.
    pub roles: IdChanges,
    /// Tasks added, removed, renamed, redefined.
    pub tasks: IdChanges,
    /// Scope cells that changed (roles and tasks in both norms).
    pub scope: Vec<ScopeChange>,
    /// Vocabulary added and removed, per owner and language.
    pub vocabulary: Vec<VocabularyChange>,
    /// Roles whose anchors changed.
    pub anchors: Vec<AnchorChange>,
    /// Scoring values and section weights that changed.
    pub weights: Vec<WeightChange>,
    /// Every change with the bump it calls for, in words (including those listed above).
    pub reasons: Vec<Reason>,
    /// The largest bump of all changes.
    pub bump: Bump,
    /// The lowest version the new norm may have: the old version with `bump` applied.
    pub required_version: String,
    /// Whether the new norm's version is at least `required_version`.
    pub version_ok: bool,
}

/// A changed value in words: `old → new`, or for two lists the items added and removed
/// (`+ "Controlling"`), so that a long list of phrases is not printed twice.
fn value_change(old: &serde_json::Value, new: &serde_json::Value) -> String {
    let (Some(old_items), Some(new_items)) = (old.as_array(), new.as_array()) else {
        return format!("{old} → {new}");
    };
    let added = new_items.iter().filter(|v| !old_items.contains(v)).map(|v| format!("+ {v}"));
    let removed = old_items.iter().filter(|v| !new_items.contains(v)).map(|v| format!("- {v}"));
    let items: Vec<String> = added.chain(removed).collect();
    if items.is_empty() { "the same items, reordered".to_owned() } else { items.join(", ") }
}

/// The JSON Schema of [`NormDiff`], pretty-printed (committed as `schema/norm-diff.schema.json`).
pub fn norm_diff_schema() -> String {
    let schema = schemars::schema_for!(NormDiff);
    serde_json::to_string_pretty(&schema).unwrap_or_default() + "\n"
}

impl NormDiff {
    /// What changed from `old` to `new`.
    pub fn between(old: &Norm, new: &Norm) -> NormDiff {
        let mut d = Differ { old, new, reasons: Vec::new() };
        let roles = d.roles();
        let tasks = d.tasks();
        let scope = d.scope();
        let mut vocabulary = d.vocabulary();
        vocabulary.extend(d.other_vocabulary());
        let anchors = d.anchors();
        let weights = d.weights();
        d.levels_and_platforms();
        d.language();
        d.identity();
        let bump = d.reasons.iter().map(|r| r.bump).max().unwrap_or(Bump::None);
        let required = bump.apply(&old.identity.version);
        NormDiff {
            old: label(old),
            new: label(new),
            roles,
            tasks,
            scope,
            vocabulary,
            anchors,
            weights,
            reasons: d.reasons,
            bump,
            required_version: required.to_string(),
            version_ok: new.identity.version >= required,
        }
    }

    /// Whether nothing changed that calls for a bump.
    pub fn is_empty(&self) -> bool {
        self.reasons.is_empty()
    }

    /// The diff for people, in English, with names beside ids.
    pub fn render_text(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(out, "{} {} → {} {}", self.old.id, self.old.version, self.new.id, self.new.version);
        if self.reasons.is_empty() {
            let _ = writeln!(out, "\nNo changes.");
        }
        for (title, changes) in [("Roles", &self.roles), ("Tasks", &self.tasks)] {
            render_ids(&mut out, title, changes);
        }
        if !self.scope.is_empty() {
            let _ = writeln!(out, "\nScope:");
            for c in &self.scope {
                let _ = writeln!(
                    out,
                    "  {} {} × {} ({}): {} → {} [{}]",
                    c.task,
                    c.task_name.en,
                    c.role_name.en,
                    c.role,
                    c.old.as_str(),
                    c.new.as_str(),
                    c.bump.as_str()
                );
            }
        }
        if !self.vocabulary.is_empty() {
            let _ = writeln!(out, "\nVocabulary:");
            for v in &self.vocabulary {
                let of =
                    serde_json::to_value(v.of).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default();
                let _ = writeln!(out, "  {of} {} ({}):", v.id, v.language);
                for phrase in &v.added {
                    let _ = writeln!(out, "    + {phrase}");
                }
                for phrase in &v.removed {
                    let _ = writeln!(out, "    - {phrase}");
                }
            }
        }
        for a in &self.anchors {
            let _ = writeln!(out, "\nAnchors of {}: {} → {}", a.role, anchor_text(&a.old), anchor_text(&a.new));
        }
        if !self.weights.is_empty() {
            let _ = writeln!(out, "\nWeights:");
            for w in &self.weights {
                let _ = writeln!(out, "  {}: {}", w.key, value_change(&w.old, &w.new));
            }
        }
        self.render_verdict(&mut out);
        out
    }

    fn render_verdict(&self, out: &mut String) {
        if self.bump == Bump::None {
            let _ = writeln!(out, "\nNo version bump needed.");
        } else {
            let _ = writeln!(
                out,
                "\nBump needed: {} ({} → at least {}), because:",
                self.bump.as_str(),
                self.old.version,
                self.required_version
            );
            for reason in self.reasons.iter().filter(|r| r.bump == self.bump) {
                let _ = writeln!(out, "  - {}", reason.change);
            }
            let smaller = self.reasons.iter().filter(|r| r.bump != self.bump).count();
            if smaller > 0 {
                let _ = writeln!(out, "  (and {smaller} smaller change(s))");
            }
        }
        if self.version_ok {
            let _ = writeln!(out, "Version {} is fine.", self.new.version);
        } else {
            let _ = writeln!(
                out,
                "Version {} is too low: the new norm needs at least {} (a {} bump).",
                self.new.version,
                self.required_version,
                self.bump.as_str()
            );
        }
    }
}

fn render_ids(out: &mut String, title: &str, changes: &IdChanges) {
    if changes == &IdChanges::default() {
        return;
    }
    let _ = writeln!(out, "\n{title}:");
    for n in &changes.added {
        let _ = writeln!(out, "  + {} {}", n.id, n.name.en);
    }
    for n in &changes.removed {
        let _ = writeln!(out, "  - {} {}", n.id, n.name.en);
    }
    for r in &changes.renamed {
        let _ = writeln!(out, "  ~ {} renamed: {} → {} / {} → {}", r.id, r.old.en, r.new.en, r.old.de, r.new.de);
    }
    for n in &changes.redefined {
        let _ = writeln!(out, "  ~ {} {}: definition changed", n.id, n.name.en);
    }
}

fn anchor_text(a: &Anchors) -> String {
    let esco: Vec<&str> = a.esco.iter().map(|e| e.label.as_str()).collect();
    format!(
        "KldB [{}] ISCO [{}] O*NET [{}] ESCO [{}]",
        a.kldb.join(", "),
        a.isco.join(", "),
        a.onet.join(", "),
        esco.join(", ")
    )
}

fn label(norm: &Norm) -> NormLabel {
    NormLabel { id: norm.identity.id.clone(), version: norm.identity.version.to_string() }
}

/// The texts of `phrases` in `language` as a list.
fn texts(list: &[Phrase]) -> Vec<String> {
    list.iter().map(|p| p.text.clone()).collect()
}

/// `(added, removed)` between two lists, each in its own order.
fn list_diff(old: &[String], new: &[String]) -> (Vec<String>, Vec<String>) {
    let old_set: HashSet<&String> = old.iter().collect();
    let new_set: HashSet<&String> = new.iter().collect();
    let added = new.iter().filter(|p| !old_set.contains(p)).cloned().collect();
    let removed = old.iter().filter(|p| !new_set.contains(p)).cloned().collect();
    (added, removed)
}

/// A scoring value with floats written as the `f32` they are (`0.9`, not `0.8999999761581421`).
fn short_floats(value: serde_json::Value) -> serde_json::Value {
    match value {
        serde_json::Value::Number(n) if n.is_f64() => {
            let short = n.as_f64().map(|f| (f as f32).to_string().parse::<f64>().unwrap_or(f));
            short.and_then(serde_json::Number::from_f64).map_or(serde_json::Value::Number(n), serde_json::Value::Number)
        }
        serde_json::Value::Array(list) => serde_json::Value::Array(list.into_iter().map(short_floats).collect()),
        other => other,
    }
}

struct Differ<'n> {
    old: &'n Norm,
    new: &'n Norm,
    reasons: Vec<Reason>,
}

impl Differ<'_> {
    fn note(&mut self, bump: Bump, change: impl Into<String>) {
        self.reasons.push(Reason { bump, change: change.into() });
    }

    fn roles(&mut self) -> IdChanges {
        let (old, new) = (self.old, self.new);
        let mut changes = IdChanges::default();
        for role in new.roles.iter().filter(|r| old.role(&r.id).is_none()) {
            self.note(Bump::Minor, format!("role {} ({}) added", role.id, role.name.en));
            changes.added.push(Named { id: role.id.clone(), name: role.name.clone() });
        }
        for role in old.roles.iter().filter(|r| new.role(&r.id).is_none()) {
            self.note(Bump::Major, format!("role {} ({}) removed", role.id, role.name.en));
            changes.removed.push(Named { id: role.id.clone(), name: role.name.clone() });
        }
        for role in &new.roles {
            let Some(before) = old.role(&role.id) else { continue };
            if before.name != role.name {
                self.note(Bump::Patch, format!("role {} renamed ({} → {})", role.id, before.name.en, role.name.en));
                changes.renamed.push(Renamed { id: role.id.clone(), old: before.name.clone(), new: role.name.clone() });
            }
            if before.definition != role.definition {
                self.note(Bump::Patch, format!("definition of role {} ({}) changed", role.id, role.name.en));
                changes.redefined.push(Named { id: role.id.clone(), name: role.name.clone() });
            }
            if before.family != role.family {
                let (from, to) = (before.family.as_str(), role.family.as_str());
                self.note(Bump::Minor, format!("role {} moved from family {from} to {to}", role.id));
            }
        }
        changes
    }

    fn tasks(&mut self) -> IdChanges {
        let (old, new) = (self.old, self.new);
        let mut changes = IdChanges::default();
        for task in new.tasks.iter().filter(|t| old.task(&t.id).is_none()) {
            self.note(Bump::Minor, format!("task {} ({}) added", task.id, task.name.en));
            changes.added.push(Named { id: task.id.clone(), name: task.name.clone() });
        }
        for task in old.tasks.iter().filter(|t| new.task(&t.id).is_none()) {
            self.note(Bump::Major, format!("task {} ({}) removed", task.id, task.name.en));
            changes.removed.push(Named { id: task.id.clone(), name: task.name.clone() });
        }
        for task in &new.tasks {
            let Some(before) = old.task(&task.id) else { continue };
            if before.name != task.name {
                self.note(Bump::Patch, format!("task {} renamed ({} → {})", task.id, before.name.en, task.name.en));
                changes.renamed.push(Renamed { id: task.id.clone(), old: before.name.clone(), new: task.name.clone() });
            }
            if before.definition != task.definition {
                self.note(Bump::Patch, format!("definition of task {} ({}) changed", task.id, task.name.en));
                changes.redefined.push(Named { id: task.id.clone(), name: task.name.clone() });
            }
            if before.owner != task.owner {
                self.note(
                    Bump::Minor,
                    format!("owner of task {} changed ({} → {})", task.id, before.owner, task.owner),
                );
            }
            if before.domain != task.domain {
                self.note(
                    Bump::Minor,
                    format!("domain of task {} changed ({} → {})", task.id, before.domain, task.domain),
                );
            }
            if before.esco != task.esco {
                self.note(Bump::Patch, format!("ESCO skills of task {} changed", task.id));
            }
        }
        changes
    }

    fn scope(&mut self) -> Vec<ScopeChange> {
        let (old, new) = (self.old, self.new);
        let mut changes = Vec::new();
        for (r, role) in new.roles.iter().enumerate() {
            let Some(old_r) = old.role_index(&role.id) else { continue };
            for (t, task) in new.tasks.iter().enumerate() {
                let Some(old_t) = old.task_index(&task.id) else { continue };
                let (before, after) = (old.scope(old_r, old_t), new.scope(r, t));
                if before == after {
                    continue;
                }
                let bump = if rank(after) < rank(before) { Bump::Major } else { Bump::Minor };
                let verb = if bump == Bump::Major { "narrowed" } else { "widened" };
                self.note(
                    bump,
                    format!(
                        "scope of task {} ({}) for role {} ({}) {verb}: {} → {}",
                        task.id,
                        task.name.en,
                        role.id,
                        role.name.en,
                        before.as_str(),
                        after.as_str()
                    ),
                );
                changes.push(ScopeChange {
                    task: task.id.clone(),
                    task_name: task.name.clone(),
                    role: role.id.clone(),
                    role_name: role.name.clone(),
                    old: before,
                    new: after,
                    bump,
                });
            }
        }
        changes
    }

    fn phrases(&mut self, of: VocabularyOf, id: &str, old: &Phrases, new: &Phrases) -> Vec<VocabularyChange> {
        let mut changes = Vec::new();
        for (language, before, after) in [("de", &old.de, &new.de), ("en", &old.en, &new.en)] {
            let (added, removed) = list_diff(&texts(before), &texts(after));
            if added.is_empty() && removed.is_empty() {
                continue;
            }
            let what = serde_json::to_value(of).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default();
            self.note(
                Bump::Minor,
                format!("vocabulary of {what} {id} ({language}): {} added, {} removed", added.len(), removed.len()),
            );
            changes.push(VocabularyChange { of, id: id.to_owned(), language: language.to_owned(), added, removed });
        }
        changes
    }

    fn vocabulary(&mut self) -> Vec<VocabularyChange> {
        let (old, new) = (self.old, self.new);
        let mut changes = Vec::new();
        for task in &new.tasks {
            if let Some(before) = old.task(&task.id) {
                changes.extend(self.phrases(VocabularyOf::Task, &task.id, &before.phrases, &task.phrases));
            }
        }
        for role in &new.roles {
            if let Some(before) = old.role(&role.id) {
                changes.extend(self.phrases(VocabularyOf::RoleTitle, &role.id, &before.titles, &role.titles));
            }
        }
        changes
    }

    fn other_vocabulary(&mut self) -> Vec<VocabularyChange> {
        let (old, new) = (self.old, self.new);
        let mut changes = Vec::new();
        for level in &new.levels {
            if let Some(before) = old.levels.iter().find(|l| l.id == level.id) {
                changes.extend(self.phrases(VocabularyOf::LevelCue, &level.id, &before.cues, &level.cues));
                let requirements = (&before.requirements, &level.requirements);
                changes.extend(self.phrases(VocabularyOf::LevelRequirement, &level.id, requirements.0, requirements.1));
            }
        }
        for section in &new.sections {
            if let Some(before) = old.sections.iter().find(|s| s.kind == section.kind) {
                let id = section.kind.as_str();
                changes.extend(self.phrases(VocabularyOf::SectionHeading, id, &before.headings, &section.headings));
            }
        }
        let social = (&old.social_context, &new.social_context);
        changes.extend(self.phrases(VocabularyOf::SocialContext, "social_context", social.0, social.1));
        changes
    }

    fn anchors(&mut self) -> Vec<AnchorChange> {
        let (old, new) = (self.old, self.new);
        let mut changes = Vec::new();
        for role in &new.roles {
            let Some(before) = old.role(&role.id) else { continue };
            if before.anchors != role.anchors {
                self.note(Bump::Patch, format!("anchors of role {} ({}) changed", role.id, role.name.en));
                changes.push(AnchorChange {
                    role: role.id.clone(),
                    old: before.anchors.clone(),
                    new: role.anchors.clone(),
                });
            }
        }
        changes
    }

    fn weights(&mut self) -> Vec<WeightChange> {
        let object = |norm: &Norm| -> BTreeMap<String, serde_json::Value> {
            match serde_json::to_value(&norm.scoring) {
                Ok(serde_json::Value::Object(map)) => map.into_iter().map(|(k, v)| (k, short_floats(v))).collect(),
                _ => BTreeMap::new(),
            }
        };
        let (before, after) = (object(self.old), object(self.new));
        let mut changes = Vec::new();
        for (key, new_value) in &after {
            let old_value = before.get(key).cloned().unwrap_or(serde_json::Value::Null);
            if &old_value != new_value {
                changes.push(WeightChange { key: key.clone(), old: old_value, new: new_value.clone() });
            }
        }
        for section in &self.new.sections {
            let old = self.old.sections.iter().find(|s| s.kind == section.kind);
            if let Some(old) = old.filter(|old| old.weight != section.weight) {
                changes.push(WeightChange {
                    key: format!("section.{}.weight", section.kind.as_str()),
                    old: short_floats(serde_json::json!(old.weight)),
                    new: short_floats(serde_json::json!(section.weight)),
                });
            }
        }
        for change in &changes {
            self.note(Bump::Minor, format!("{} changed ({})", change.key, value_change(&change.old, &change.new)));
        }
        changes
    }

    fn levels_and_platforms(&mut self) {
        let (old, new) = (self.old, self.new);
        let old_levels: HashMap<&str, &crate::Level> = old.levels.iter().map(|l| (l.id.as_str(), l)).collect();
        for level in &new.levels {
            match old_levels.get(level.id.as_str()) {
                None => self.note(Bump::Minor, format!("level {} added", level.id)),
                Some(before) if before.name != level.name => {
                    self.note(Bump::Patch, format!("level {} renamed", level.id))
                }
                Some(_) => {}
            }
        }
        for level in old.levels.iter().filter(|l| !new.levels.iter().any(|n| n.id == l.id)) {
            self.note(Bump::Major, format!("level {} removed", level.id));
        }
        if old.default_level != new.default_level {
            self.note(Bump::Minor, format!("default level changed ({} → {})", old.default_level, new.default_level));
        }
        for platform in &new.platforms {
            let Some(before) = old.platforms.iter().find(|p| p.id == platform.id) else {
                self.note(Bump::Minor, format!("platform {} added", platform.id));
                continue;
            };
            if before.name != platform.name || before.group != platform.group {
                self.note(Bump::Minor, format!("name or group of platform {} changed", platform.id));
            }
            let (added, removed) = list_diff(&texts(&before.aliases), &texts(&platform.aliases));
            if !added.is_empty() || !removed.is_empty() {
                let counts = format!("{} added, {} removed", added.len(), removed.len());
                self.note(Bump::Minor, format!("aliases of platform {}: {counts}", platform.id));
            }
        }
        for platform in old.platforms.iter().filter(|p| !new.platforms.iter().any(|n| n.id == p.id)) {
            self.note(Bump::Major, format!("platform {} removed", platform.id));
        }
    }

    fn language(&mut self) {
        let (old, new) = (self.old, self.new);
        for (code, text) in &new.messages {
            match old.messages.get(code) {
                None => self.note(Bump::Patch, format!("message {code} added")),
                Some(before) if before != text => self.note(Bump::Patch, format!("message {code} reworded")),
                Some(_) => {}
            }
        }
        for code in old.messages.keys().filter(|c| !new.messages.contains_key(*c)) {
            self.note(Bump::Patch, format!("message {code} removed"));
        }
        if old.german != new.german || old.inflection != new.inflection {
            self.note(Bump::Minor, "German forms or inflection rules changed (matching changes)");
        }
        let kinds = |norm: &Norm| norm.sections.iter().map(|s| s.kind).collect::<Vec<_>>();
        if kinds(old) != kinds(new) {
            self.note(Bump::Minor, "the kinds of section changed");
        }
        if old.domains != new.domains {
            self.note(
                Bump::Minor,
                format!("task domains changed ({} → {})", old.domains.join(", "), new.domains.join(", ")),
            );
        }
    }

    fn identity(&mut self) {
        let (old, new) = (&self.old.identity, &self.new.identity);
        if old.format != new.format {
            self.note(Bump::Major, format!("pack format changed ({} → {})", old.format, new.format));
        }
        if old.id != new.id {
            self.note(Bump::Major, format!("norm id changed ({} → {})", old.id, new.id));
        }
        if old.languages != new.languages {
            let removed = old.languages.iter().any(|l| !new.languages.contains(l));
            let bump = if removed { Bump::Major } else { Bump::Minor };
            self.note(bump, format!("languages changed ({} → {})", old.languages.join(", "), new.languages.join(", ")));
        }
        if old.title != new.title || old.description != new.description || old.licence != new.licence {
            self.note(Bump::Patch, "title, description or licence changed");
        }
    }
}

/// How much a scope lets a role do: excluded < optional < core.
fn rank(scope: Scope) -> u8 {
    match scope {
        Scope::Excluded => 0,
        Scope::Optional => 1,
        Scope::Core => 2,
    }
}
