//! The editable norm document: exactly what the TOML files of a pack hold, read and written
//! with serde.
//!
//! A [`NormDocument`] is not checked: ids may dangle and phrases may clash. A program edits it
//! (changes a scope cell, adds a phrase), writes it back with [`NormDocument::to_files`] and
//! turns it into a usable [`Norm`](crate::Norm) with [`Norm::from_document`](crate::Norm::from_document),
//! which reports every problem.
//!
//! Write-back keeps the files readable: the new values are merged into the text the document was
//! read from (with `toml_edit`), so comments, key order, inline tables and line breaks stay
//! where nothing changed. A changed array keeps the layout of its elements (a phrase added to a
//! list written one per line gets its own line). A document built from scratch is written in
//! `toml_edit`'s own layout.

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};

use crate::load::{Diagnostic, NormError, PACK_FILES};
use crate::model::{Anchors, Family, GermanForms, Inflections, Scoring, SectionKind, Texts};

/// The newest format of norm pack this crate reads (`format` in `norm.toml`).
///
/// Format 1 is the layout described in `docs/norm-format.md`. A pack without a `format` field
/// was written before the field existed (norm 0.1.0) and is read as format 1.
pub const FORMAT: u32 = 1;

/// A whole norm pack as written: one field per file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NormDocument {
    /// `norm.toml`.
    pub norm: NormFile,
    /// `roles.toml`.
    pub roles: RolesFile,
    /// `tasks.toml`.
    pub tasks: TasksFile,
    /// `levels.toml`.
    pub levels: LevelsFile,
    /// `platforms.toml`.
    pub platforms: PlatformsFile,
    /// `language.toml`.
    pub language: LanguageFile,
    /// `scoring.toml`.
    pub scoring: Scoring,
    /// The texts the document was read from (for line numbers and for write-back).
    #[serde(skip)]
    pub(crate) origin: Origin,
}

/// `norm.toml`: the norm's identity.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NormFile {
    /// The pack format ([`FORMAT`]); absent in packs written before the field existed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub format: Option<u32>,
    /// The norm's id (`rolenorm`).
    pub id: String,
    /// Its semantic version, as written (`0.1.0`).
    pub version: String,
    /// The release date (ISO 8601).
    pub date: String,
    /// The languages it is written in.
    pub languages: Vec<String>,
    /// The licence of its content.
    pub licence: String,
    /// Its title.
    pub title: Texts,
    /// What it is and what it separates.
    pub description: Texts,
}

/// Phrases as written: one list per language.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PhraseLists {
    /// English phrases.
    #[serde(default)]
    pub en: Vec<String>,
    /// German phrases.
    #[serde(default)]
    pub de: Vec<String>,
}

impl PhraseLists {
    /// Whether both lists are empty.
    pub fn is_empty(&self) -> bool {
        self.en.is_empty() && self.de.is_empty()
    }

    /// The list of `language`, for editing.
    pub fn get_mut(&mut self, language: rolenorm_text::Language) -> &mut Vec<String> {
        match language {
            rolenorm_text::Language::De => &mut self.de,
            rolenorm_text::Language::En => &mut self.en,
        }
    }
}

/// `roles.toml`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RolesFile {
    /// The roles, in order.
    pub role: Vec<RoleEntry>,
}

/// One `[[role]]`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RoleEntry {
    /// Stable id.
    pub id: String,
    /// Its family.
    pub family: Family,
    /// Its name.
    pub name: Texts,
    /// What it is and is not.
    pub definition: Texts,
    /// Ids of the tasks that define it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub core: Vec<String>,
    /// Ids of the tasks it may do; every other task is excluded.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub optional: Vec<String>,
    /// Its official anchors.
    #[serde(default, skip_serializing_if = "Anchors::is_empty")]
    pub anchors: Anchors,
    /// Job-title wordings that name it.
    #[serde(default, skip_serializing_if = "PhraseLists::is_empty")]
    pub titles: PhraseLists,
}

/// `tasks.toml`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TasksFile {
    /// The task domains; every task names one of them. Empty in packs written before the list
    /// existed (then any domain goes).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub domains: Vec<String>,
    /// The tasks, in order.
    pub task: Vec<TaskEntry>,
}

/// One `[[task]]`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TaskEntry {
    /// Stable id (`CON-01`).
    pub id: String,
    /// Its domain (one of [`TasksFile::domains`]).
    pub domain: String,
    /// The role whose core work it is.
    pub owner: String,
    /// Its name.
    pub name: Texts,
    /// What it covers.
    pub definition: Texts,
    /// ESCO skill URIs.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub esco: Vec<String>,
    /// How it is worded in job ads.
    #[serde(default, skip_serializing_if = "PhraseLists::is_empty")]
    pub phrases: PhraseLists,
}

/// `levels.toml`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LevelsFile {
    /// The level of an ad that names none; absent in packs written before the field existed
    /// (then `professional`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default: Option<String>,
    /// The levels, from the lowest.
    pub level: Vec<LevelEntry>,
}

/// One `[[level]]`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LevelEntry {
    /// Stable id (`junior`).
    pub id: String,
    /// Its name.
    pub name: Texts,
    /// Wordings in titles and requirements that name it.
    #[serde(default, skip_serializing_if = "PhraseLists::is_empty")]
    pub cues: PhraseLists,
    /// Requirements anywhere in the ad that name it (norm 0.8.0).
    #[serde(default, skip_serializing_if = "PhraseLists::is_empty")]
    pub requirements: PhraseLists,
}

/// `platforms.toml`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlatformsFile {
    /// The platforms.
    pub platform: Vec<PlatformEntry>,
}

/// One `[[platform]]`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlatformEntry {
    /// Stable id (`instagram`).
    pub id: String,
    /// Display name.
    pub name: String,
    /// The group it is counted with for platform focus.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<String>,
    /// How ads name it.
    pub aliases: Vec<String>,
}

/// `language.toml`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LanguageFile {
    /// German word forms.
    pub german: GermanForms,
    /// How phrase words inflect, per language.
    pub inflection: Inflections,
    /// The kinds of section, their weights and headings.
    pub section: Vec<SectionEntry>,
    /// Phrases that show an ad is about social media.
    pub social_context: PhraseLists,
    /// Texts of findings by code.
    pub messages: BTreeMap<String, Texts>,
}

/// One `[[section]]`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SectionEntry {
    /// The kind.
    pub kind: SectionKind,
    /// How much a phrase found in it counts.
    pub weight: f32,
    /// Headings that open it.
    pub headings: PhraseLists,
}

/// The texts a document was read from. Two documents compare equal whatever their origin.
#[derive(Clone, Default)]
pub(crate) struct Origin {
    /// File name → contents, for the files of [`PACK_FILES`] that were read.
    pub(crate) texts: BTreeMap<String, String>,
}

impl PartialEq for Origin {
    fn eq(&self, _other: &Self) -> bool {
        true
    }
}

impl fmt::Debug for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.texts.keys()).finish()
    }
}

impl NormDocument {
    /// The built-in pack as a document.
    pub fn builtin() -> Result<NormDocument, NormError> {
        NormDocument::from_files(crate::BUILTIN_PACK.iter().map(|(name, text)| (*name, *text)))
    }

    /// Reads a pack given as `(file name, contents)` pairs; every file of [`PACK_FILES`] must be
    /// there. Reports syntax errors, unknown fields and wrong types with file and line, and a
    /// `format` newer than [`FORMAT`]; nothing else is checked.
    pub fn from_files<'a>(files: impl IntoIterator<Item = (&'a str, &'a str)>) -> Result<NormDocument, NormError> {
        let files: BTreeMap<&str, &str> = files.into_iter().collect();
        let mut diagnostics = Vec::new();
        for name in files.keys() {
            if !PACK_FILES.contains(name) && name.ends_with(".toml") {
                diagnostics.push(Diagnostic::new(name, 0, "not a file of a norm pack; it is ignored"));
            }
        }
        let mut read = Reader { files: &files, diagnostics: &mut diagnostics };
        let norm = read.file::<NormFile>("norm.toml");
        let version = norm.as_ref().map(|n| n.version.clone());
        if let Some(norm) = &norm {
            read.format(norm);
        }
        let document = (|| {
            Some(NormDocument {
                norm: norm?,
                roles: read.file("roles.toml")?,
                tasks: read.file("tasks.toml")?,
                levels: read.file("levels.toml")?,
                platforms: read.file("platforms.toml")?,
                language: read.file("language.toml")?,
                scoring: read.file("scoring.toml")?,
                origin: Origin {
                    texts: files
                        .iter()
                        .filter(|(name, _)| PACK_FILES.contains(name))
                        .map(|(name, text)| (name.to_string(), text.to_string()))
                        .collect(),
                },
            })
        })();
        // Read every file even when an early one fails, so all syntax errors are reported.
        if document.is_none() {
            read.rest();
            if let Some(version) = version.filter(|v| semver::Version::parse(v).is_err()) {
                read.bad_version(&version);
            }
        }
        match document {
            Some(document) if diagnostics.is_empty() => Ok(document),
            _ => Err(NormError(diagnostics)),
        }
    }

    /// The pack's files as `(file name, contents)`, in the order of [`PACK_FILES`].
    ///
    /// Values are merged into the texts the document was read from, so unchanged parts keep
    /// their comments and layout; see the module documentation.
    pub fn to_files(&self) -> Result<Vec<(&'static str, String)>, NormError> {
        let mut out = Vec::with_capacity(PACK_FILES.len());
        for name in PACK_FILES {
            let original = self.origin.texts.get(name).map(String::as_str);
            let text = match name {
                "norm.toml" => crate::write::render(&self.norm, original),
                "roles.toml" => crate::write::render(&self.roles, original),
                "tasks.toml" => crate::write::render(&self.tasks, original),
                "levels.toml" => crate::write::render(&self.levels, original),
                "platforms.toml" => crate::write::render(&self.platforms, original),
                "language.toml" => crate::write::render(&self.language, original),
                _ => crate::write::render(&self.scoring, original),
            };
            out.push((name, text.map_err(|message| NormError(vec![Diagnostic::new(name, 0, message)]))?));
        }
        Ok(out)
    }

    /// The text `file` was read from, if the document was read from files.
    pub(crate) fn source(&self, file: &str) -> Option<&str> {
        self.origin.texts.get(file).map(String::as_str)
    }

    /// Whether the part of the document that `file` holds is still what was read from it (so
    /// line numbers of the text are valid for it).
    pub(crate) fn unchanged(&self, file: &str) -> bool {
        let Some(text) = self.source(file) else { return false };
        fn same<T: for<'de> Deserialize<'de> + PartialEq>(text: &str, now: &T) -> bool {
            toml::from_str::<T>(text).is_ok_and(|then| &then == now)
        }
        match file {
            "norm.toml" => same(text, &self.norm),
            "roles.toml" => same(text, &self.roles),
            "tasks.toml" => same(text, &self.tasks),
            "levels.toml" => same(text, &self.levels),
            "platforms.toml" => same(text, &self.platforms),
            "language.toml" => same(text, &self.language),
            "scoring.toml" => same(text, &self.scoring),
            _ => false,
        }
    }
}

/// Parses the files of a pack, collecting diagnostics.
struct Reader<'a, 'f> {
    files: &'a BTreeMap<&'f str, &'f str>,
    diagnostics: &'a mut Vec<Diagnostic>,
}

impl Reader<'_, '_> {
    fn file<T: for<'de> Deserialize<'de>>(&mut self, name: &str) -> Option<T> {
        let Some(text) = self.files.get(name).copied() else {
            self.diagnostics.push(Diagnostic::new(
                name,
                0,
                "missing file: every norm pack has norm.toml, roles.toml, tasks.toml, levels.toml, platforms.toml, language.toml and scoring.toml",
            ));
            return None;
        };
        match toml::from_str::<T>(text) {
            Ok(value) => Some(value),
            Err(error) => {
                let line = error.span().map_or(0, |span| line_at(text, span.start));
                self.diagnostics.push(Diagnostic::new(name, line, error.message().trim()));
                None
            }
        }
    }

    /// Parses the files after the first failure, for their diagnostics only.
    fn rest(&mut self) {
        let reported: Vec<String> = self.diagnostics.iter().map(|d| d.file.clone()).collect();
        for name in PACK_FILES.iter().filter(|n| !reported.iter().any(|r| r == *n)) {
            let _ = match *name {
                "roles.toml" => self.file::<RolesFile>(name).map(drop),
                "tasks.toml" => self.file::<TasksFile>(name).map(drop),
                "levels.toml" => self.file::<LevelsFile>(name).map(drop),
                "platforms.toml" => self.file::<PlatformsFile>(name).map(drop),
                "language.toml" => self.file::<LanguageFile>(name).map(drop),
                "scoring.toml" => self.file::<Scoring>(name).map(drop),
                _ => None,
            };
        }
    }

    /// Reports a version that is no semantic version (the checker does that for a whole
    /// document; this is for a pack that fails to read).
    fn bad_version(&mut self, version: &str) {
        let text = self.files.get("norm.toml").copied().unwrap_or_default();
        let line = text.lines().position(|l| l.trim_start().starts_with("version")).map_or(0, |i| i + 1);
        let message = format!("version {version:?} is not a semantic version");
        self.diagnostics.push(Diagnostic::new("norm.toml", line, message));
    }

    fn format(&mut self, norm: &NormFile) {
        let Some(format) = norm.format else { return };
        if format > FORMAT || format == 0 {
            let text = self.files.get("norm.toml").copied().unwrap_or_default();
            let line = text.lines().position(|l| l.trim_start().starts_with("format")).map_or(0, |i| i + 1);
            let message = if format == 0 {
                "format 0 does not exist: the first format is 1".to_owned()
            } else {
                format!(
                    "the pack has format {format}, newer than this rolenorm reads (format {FORMAT}); use a newer rolenorm or a pack of format {FORMAT}"
                )
            };
            self.diagnostics.push(Diagnostic::new("norm.toml", line, message));
        }
    }
}

/// The 1-based line of byte `offset` in `text`.
pub(crate) fn line_at(text: &str, offset: usize) -> usize {
    text.as_bytes()[..offset.min(text.len())].iter().filter(|b| **b == b'\n').count() + 1
}
