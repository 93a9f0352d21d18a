//! Structured changes to a norm document: what a community proposal holds instead of free-form
//! edits. [`apply_changes`] applies them to a [`NormDocument`] and checks the result with the
//! same checker as `rolenorm norm check`, so an invalid change is refused with its message.
//!
//! ```
//! use rolenorm_norm::{Change, NormDocument, apply_changes};
//! let changes: Vec<Change> = serde_json::from_str(
//!     r#"[{"op": "add-phrase", "task": "CON-02", "lang": "de", "phrase": "Captions texten"}]"#,
//! ).unwrap();
//! let changed = apply_changes(&NormDocument::builtin().unwrap(), &changes).unwrap();
//! assert!(changed.norm.task("CON-02").unwrap().phrases.de.iter().any(|p| p.text == "Captions texten"));
//! ```

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::document::{NormDocument, PhraseLists, RoleEntry, TaskEntry};
use crate::load::NormError;
use crate::model::{Anchors, EscoAnchor, Norm, Scope, Texts};

/// A language of a change (`de`, `en`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum ChangeLang {
    /// German.
    De,
    /// English.
    En,
}

impl ChangeLang {
    fn language(self) -> rolenorm_text::Language {
        match self {
            ChangeLang::De => rolenorm_text::Language::De,
            ChangeLang::En => rolenorm_text::Language::En,
        }
    }

    fn as_str(self) -> &'static str {
        match self {
            ChangeLang::De => "de",
            ChangeLang::En => "en",
        }
    }
}

/// One operation on the norm.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "op", rename_all = "kebab-case", deny_unknown_fields)]
pub enum Change {
    /// Sets how task `task` stands to role `role`; `owner` also moves the task to another owning
    /// role (whose core it must then be in).
    SetScope {
        /// The task's id.
        task: String,
        /// The role's id.
        role: String,
        /// `core`, `optional` or `excluded`.
        scope: Scope,
        /// The role that owns the task afterwards, if it changes.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        owner: Option<String>,
    },
    /// Adds a phrase to a task's vocabulary in one language.
    AddPhrase {
        /// The task's id.
        task: String,
        /// The phrase's language.
        lang: ChangeLang,
        /// The phrase (norm phrase syntax, `docs/norm-format.md`).
        phrase: String,
    },
    /// Removes a phrase from a task's vocabulary in one language.
    RemovePhrase {
        /// The task's id.
        task: String,
        /// The phrase's language.
        lang: ChangeLang,
        /// The phrase as the norm writes it.
        phrase: String,
    },
    /// Adds a task, in the core of its owner.
    AddTask {
        /// Its new id (`CON-09`).
        id: String,
        /// Its domain.
        domain: String,
        /// The role whose core work it is.
        owner: String,
        /// Its name.
        name: Texts,
        /// What it covers.
        definition: Texts,
        /// How ads word it.
        #[serde(default)]
        phrases: ChangePhrases,
    },
    /// Changes the name of a role or a task in one language.
    SetName {
        /// The role's id (or give `task`).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        role: Option<String>,
        /// The task's id (or give `role`).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        task: Option<String>,
        /// The language of the text.
        lang: ChangeLang,
        /// The new name.
        text: String,
    },
    /// Changes the definition of a role or a task in one language.
    SetDefinition {
        /// The role's id (or give `task`).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        role: Option<String>,
        /// The task's id (or give `role`).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        task: Option<String>,
        /// The language of the text.
        lang: ChangeLang,
        /// The new definition.
        text: String,
    },
    /// Replaces a role's anchors in the classifications given (the others stay).
    SetAnchor {
        /// The role's id.
        role: String,
        /// KldB 2010 codes.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        kldb: Option<Vec<String>>,
        /// ISCO-08 unit groups.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        isco: Option<Vec<String>>,
        /// O*NET-SOC codes.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        onet: Option<Vec<String>>,
        /// ESCO occupations.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        esco: Option<Vec<EscoAnchor>>,
    },
}

/// Phrases of a new task, per language.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ChangePhrases {
    /// English phrases.
    #[serde(default)]
    pub en: Vec<String>,
    /// German phrases.
    #[serde(default)]
    pub de: Vec<String>,
}

/// Why changes cannot be applied.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ChangeError {
    /// Change number `index` (0-based) names something the norm does not have, or adds what it
    /// has already.
    #[error("change {}: {message}", .index + 1)]
    Invalid {
        /// The change's position in the list (0-based).
        index: usize,
        /// What is wrong.
        message: String,
    },
    /// The changed norm fails the checker (every problem, with file and line of the changed
    /// files).
    #[error("the changed norm is invalid: {0}")]
    Check(NormError),
}

/// The result of applying changes: the changed document and its checked norm.
#[derive(Debug, Clone)]
pub struct Changed {
    /// The changed document (its files keep the original layout).
    pub document: NormDocument,
    /// The checked norm.
    pub norm: Norm,
}

impl Change {
    /// The tasks this change touches (for market evidence).
    pub fn tasks(&self) -> Vec<&str> {
        match self {
            Change::SetScope { task, .. } | Change::AddPhrase { task, .. } | Change::RemovePhrase { task, .. } => {
                vec![task]
            }
            Change::AddTask { id, .. } => vec![id],
            Change::SetName { task, .. } | Change::SetDefinition { task, .. } => {
                task.iter().map(String::as_str).collect()
            }
            Change::SetAnchor { .. } => Vec::new(),
        }
    }

    /// The change in one line of English (for changelogs).
    pub fn describe(&self) -> String {
        match self {
            Change::SetScope { task, role, scope, owner } => {
                let owner = owner.as_ref().map(|o| format!(", owned by {o}")).unwrap_or_default();
                format!("{task} becomes {} for {role}{owner}", scope.as_str())
            }
            Change::AddPhrase { task, lang, phrase } => format!("{task}: new {} phrase \"{phrase}\"", lang.as_str()),
            Change::RemovePhrase { task, lang, phrase } => {
                format!("{task}: {} phrase \"{phrase}\" removed", lang.as_str())
            }
            Change::AddTask { id, owner, name, .. } => format!("new task {id} \"{}\" (core of {owner})", name.en),
            Change::SetName { role, task, lang, text } => {
                format!("{} renamed ({}) to \"{text}\"", target(role, task), lang.as_str())
            }
            Change::SetDefinition { role, task, lang, .. } => {
                format!("{}: new definition ({})", target(role, task), lang.as_str())
            }
            Change::SetAnchor { role, .. } => format!("{role}: anchors changed"),
        }
    }
}

fn target<'a>(role: &'a Option<String>, task: &'a Option<String>) -> &'a str {
    role.as_deref().or(task.as_deref()).unwrap_or("?")
}

/// Applies `changes` in order to a copy of `base`, writes the files back and checks them.
pub fn apply_changes(base: &NormDocument, changes: &[Change]) -> Result<Changed, ChangeError> {
    let mut document = base.clone();
    for (index, change) in changes.iter().enumerate() {
        apply_one(&mut document, change).map_err(|message| ChangeError::Invalid { index, message })?;
    }
    // Re-read the written files, so that the checker's lines point into the changed files.
    let files = document.to_files().map_err(ChangeError::Check)?;
    let document = NormDocument::from_files(files.iter().map(|(name, text)| (*name, text.as_str())))
        .map_err(ChangeError::Check)?;
    let norm = Norm::from_document(&document).map_err(ChangeError::Check)?;
    Ok(Changed { document, norm })
}

fn role_mut<'a>(document: &'a mut NormDocument, id: &str) -> Result<&'a mut RoleEntry, String> {
    document.roles.role.iter_mut().find(|r| r.id == id).ok_or_else(|| format!("the norm has no role {id:?}"))
}

fn task_mut<'a>(document: &'a mut NormDocument, id: &str) -> Result<&'a mut TaskEntry, String> {
    document.tasks.task.iter_mut().find(|t| t.id == id).ok_or_else(|| format!("the norm has no task {id:?}"))
}

fn apply_one(document: &mut NormDocument, change: &Change) -> Result<(), String> {
    match change {
        Change::SetScope { task, role, scope, owner } => set_scope(document, task, role, *scope, owner.as_deref()),
        Change::AddPhrase { task, lang, phrase } => {
            let phrase = phrase.trim();
            if phrase.is_empty() {
                return Err("the phrase is empty".to_owned());
            }
            let list = task_mut(document, task)?.phrases.get_mut(lang.language());
            if list.iter().any(|p| p == phrase) {
                return Err(format!("task {task} has the {} phrase {phrase:?} already", lang.as_str()));
            }
            list.push(phrase.to_owned());
            Ok(())
        }
        Change::RemovePhrase { task, lang, phrase } => {
            let list = task_mut(document, task)?.phrases.get_mut(lang.language());
            let before = list.len();
            list.retain(|p| p != phrase);
            if list.len() == before {
                return Err(format!("task {task} has no {} phrase {phrase:?}", lang.as_str()));
            }
            Ok(())
        }
        Change::AddTask { id, domain, owner, name, definition, phrases } => {
            add_task(document, id, domain, owner, name, definition, phrases)
        }
        Change::SetName { role, task, lang, text } => {
            let texts = texts_mut(document, role, task, |r| &mut r.name, |t| &mut t.name)?;
            set_text(texts, *lang, text)
        }
        Change::SetDefinition { role, task, lang, text } => {
            let texts = texts_mut(document, role, task, |r| &mut r.definition, |t| &mut t.definition)?;
            set_text(texts, *lang, text)
        }
        Change::SetAnchor { role, kldb, isco, onet, esco } => {
            let anchors: &mut Anchors = &mut role_mut(document, role)?.anchors;
            if kldb.is_none() && isco.is_none() && onet.is_none() && esco.is_none() {
                return Err("set-anchor names no classification (kldb, isco, onet, esco)".to_owned());
            }
            replace(&mut anchors.kldb, kldb);
            replace(&mut anchors.isco, isco);
            replace(&mut anchors.onet, onet);
            replace(&mut anchors.esco, esco);
            Ok(())
        }
    }
}

fn replace<T: Clone>(target: &mut Vec<T>, new: &Option<Vec<T>>) {
    if let Some(new) = new {
        target.clone_from(new);
    }
}

fn set_scope(
    document: &mut NormDocument,
    task: &str,
    role: &str,
    scope: Scope,
    owner: Option<&str>,
) -> Result<(), String> {
    task_mut(document, task)?;
    let entry = role_mut(document, role)?;
    entry.core.retain(|t| t != task);
    entry.optional.retain(|t| t != task);
    match scope {
        Scope::Core => entry.core.push(task.to_owned()),
        Scope::Optional => entry.optional.push(task.to_owned()),
        Scope::Excluded => {}
    }
    if let Some(owner) = owner {
        role_mut(document, owner)?;
        task_mut(document, task)?.owner = owner.to_owned();
    }
    Ok(())
}

fn add_task(
    document: &mut NormDocument,
    id: &str,
    domain: &str,
    owner: &str,
    name: &Texts,
    definition: &Texts,
    phrases: &ChangePhrases,
) -> Result<(), String> {
    if document.tasks.task.iter().any(|t| t.id == id) {
        return Err(format!("the norm has a task {id:?} already"));
    }
    role_mut(document, owner)?.core.push(id.to_owned());
    document.tasks.task.push(TaskEntry {
        id: id.to_owned(),
        domain: domain.to_owned(),
        owner: owner.to_owned(),
        name: name.clone(),
        definition: definition.clone(),
        esco: Vec::new(),
        phrases: PhraseLists { en: phrases.en.clone(), de: phrases.de.clone() },
    });
    Ok(())
}

fn texts_mut<'a>(
    document: &'a mut NormDocument,
    role: &Option<String>,
    task: &Option<String>,
    of_role: impl FnOnce(&mut RoleEntry) -> &mut Texts,
    of_task: impl FnOnce(&mut TaskEntry) -> &mut Texts,
) -> Result<&'a mut Texts, String> {
    match (role, task) {
        (Some(role), None) => Ok(of_role(role_mut(document, role)?)),
        (None, Some(task)) => Ok(of_task(task_mut(document, task)?)),
        _ => Err("name exactly one of `role` and `task`".to_owned()),
    }
}

fn set_text(texts: &mut Texts, lang: ChangeLang, text: &str) -> Result<(), String> {
    let text = text.trim();
    if text.is_empty() {
        return Err("the text is empty".to_owned());
    }
    match lang {
        ChangeLang::De => texts.de = text.to_owned(),
        ChangeLang::En => texts.en = text.to_owned(),
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn changes(json: &str) -> Vec<Change> {
        serde_json::from_str(json).unwrap()
    }

    fn base() -> NormDocument {
        NormDocument::builtin().unwrap()
    }

    #[test]
    fn a_scope_change_moves_the_task() {
        let changed = apply_changes(
            &base(),
            &changes(r#"[{"op": "set-scope", "task": "COM-02", "role": "channel-manager", "scope": "core"}]"#),
        )
        .unwrap();
        let role = changed.norm.role("channel-manager").unwrap();
        assert!(role.core.iter().any(|t| t == "COM-02"));
        assert!(!role.optional.iter().any(|t| t == "COM-02"));
    }

    #[test]
    fn unknown_ids_and_duplicates_are_refused_with_their_position() {
        let error = apply_changes(
            &base(),
            &changes(
                r#"[{"op": "add-phrase", "task": "CON-02", "lang": "de", "phrase": "Captions texten"},
                        {"op": "set-scope", "task": "XXX-99", "role": "channel-manager", "scope": "core"}]"#,
            ),
        )
        .unwrap_err();
        assert_eq!(error.to_string(), "change 2: the norm has no task \"XXX-99\"");
        let twice = apply_changes(
            &base(),
            &changes(
                r#"[{"op": "add-phrase", "task": "CON-02", "lang": "de", "phrase": "Captions texten"},
                        {"op": "add-phrase", "task": "CON-02", "lang": "de", "phrase": "Captions texten"}]"#,
            ),
        )
        .unwrap_err();
        assert!(twice.to_string().contains("already"), "{twice}");
    }

    #[test]
    fn a_phrase_another_task_owns_fails_the_checker() {
        let norm = Norm::builtin().unwrap();
        let other = norm.task("COM-02").unwrap().phrases.de[0].text.clone();
        let json = format!(r#"[{{"op": "add-phrase", "task": "CON-02", "lang": "de", "phrase": {other:?}}}]"#);
        let ChangeError::Check(error) = apply_changes(&base(), &changes(&json)).unwrap_err() else { panic!() };
        assert!(error.to_string().contains("also claimed by"), "{error}");
        assert!(error.0.iter().all(|d| d.file == "tasks.toml" && d.line > 0), "{error}");
    }

    #[test]
    fn a_role_left_without_core_tasks_fails_the_checker() {
        let norm = Norm::builtin().unwrap();
        let role = norm.role("community-manager").unwrap();
        let ops: Vec<Change> = role
            .core
            .iter()
            .map(|task| Change::SetScope {
                task: task.clone(),
                role: role.id.clone(),
                scope: Scope::Optional,
                owner: None,
            })
            .collect();
        let ChangeError::Check(error) = apply_changes(&base(), &ops).unwrap_err() else { panic!() };
        assert!(error.to_string().contains("has no core tasks"), "{error}");
    }

    #[test]
    fn names_definitions_anchors_and_new_tasks_apply() {
        let changed = apply_changes(
            &base(),
            &changes(
                r#"[{"op": "set-name", "role": "channel-manager", "lang": "en", "text": "Channel Lead"},
                    {"op": "set-definition", "task": "CON-02", "lang": "de", "text": "Neue Definition."},
                    {"op": "set-anchor", "role": "channel-manager", "onet": ["27-3031.00"]},
                    {"op": "add-task", "id": "CON-99", "domain": "content", "owner": "content-creator",
                     "name": {"en": "Caption writing", "de": "Captions schreiben"},
                     "definition": {"en": "Writes captions.", "de": "Schreibt Captions."},
                     "phrases": {"de": ["Captions schreiben"], "en": ["write captions"]}}]"#,
            ),
        )
        .unwrap();
        assert_eq!(changed.norm.role("channel-manager").unwrap().name.en, "Channel Lead");
        assert_eq!(changed.norm.task("CON-02").unwrap().definition.de, "Neue Definition.");
        assert_eq!(changed.norm.role("channel-manager").unwrap().anchors.onet, ["27-3031.00"]);
        assert!(changed.norm.role("content-creator").unwrap().core.iter().any(|t| t == "CON-99"));
        let files = changed.document.to_files().unwrap();
        let tasks = &files.iter().find(|(n, _)| *n == "tasks.toml").unwrap().1;
        assert!(tasks.contains("CON-99"));
    }

    #[test]
    fn unknown_operations_and_fields_are_refused() {
        assert!(serde_json::from_str::<Vec<Change>>(r#"[{"op": "rewrite-everything"}]"#).is_err());
        assert!(
            serde_json::from_str::<Vec<Change>>(
                r#"[{"op": "add-phrase", "task": "CON-02", "lang": "de", "phrase": "x", "extra": 1}]"#
            )
            .is_err()
        );
    }
}
