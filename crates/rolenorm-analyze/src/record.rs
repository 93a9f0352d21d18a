//! How an ad record is read: the rules every reader shares, in one place. `text` wins over
//! `html`, which wins over a `JobPosting`; a JSONL line that is itself a `JobPosting` (or an
//! `@graph`) is read as JSON-LD; an id may be a string or a number.

use std::borrow::Cow;

use rolenorm_text::{Format, InputError, Language, UnknownLanguage};
use rolenorm_wire::{AdRecord, Analysis};
use serde_json::Value;

use crate::analyzer::{Ad, Analyzer, Scratch};
use crate::flat_line;

/// Why a corpus line cannot be analysed. The caller names the input and the line number.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum RecordError {
    /// The line's bytes are not UTF-8.
    #[error("line is not valid UTF-8 (byte {offset})")]
    NotUtf8 {
        /// Offset of the first invalid byte.
        offset: usize,
    },
    /// The line does not parse as JSON.
    #[error("malformed JSON at column {column}: {message}")]
    MalformedJson {
        /// 1-based column.
        column: usize,
        /// The parser's message.
        message: String,
    },
    /// JSON, but not an object.
    #[error("the line is not a JSON object")]
    NotAnObject,
    /// An object with a field of the wrong type.
    #[error("a field has the wrong type ({0}); title, text, html, lang, source and date must be strings or null")]
    WrongType(String),
    /// An `id` that is neither a string nor a number.
    #[error("\"id\" must be a string or a number")]
    BadId,
    /// A `lang` that is neither German nor English.
    #[error("{error}")]
    Language {
        /// The record's id.
        id: Option<String>,
        /// The language that was given.
        error: UnknownLanguage,
    },
    /// The record was read but cannot be analysed.
    #[error("{error}")]
    Input {
        /// The record's id.
        id: Option<String>,
        /// Why.
        error: InputError,
    },
}

impl RecordError {
    /// The id of the record, when it was read far enough to know it.
    pub fn id(&self) -> Option<&str> {
        match self {
            RecordError::Language { id, .. } | RecordError::Input { id, .. } => id.as_deref(),
            _ => None,
        }
    }
}

/// A JSONL line as the corpus reader sees it: the fields borrowed from the line where they
/// need no unescaping, plus what tells a schema.org `JobPosting` apart. Other fields are ignored.
#[derive(Debug, Default, PartialEq, serde::Deserialize)]
pub(crate) struct LineFields<'a> {
    #[serde(default)]
    pub(crate) id: Option<Value>,
    #[serde(default, borrow)]
    pub(crate) title: Option<Cow<'a, str>>,
    #[serde(default, borrow)]
    pub(crate) text: Option<Cow<'a, str>>,
    #[serde(default, borrow)]
    pub(crate) html: Option<Cow<'a, str>>,
    #[serde(default, borrow)]
    pub(crate) lang: Option<Cow<'a, str>>,
    #[serde(default, borrow)]
    pub(crate) source: Option<Cow<'a, str>>,
    #[serde(default, borrow)]
    pub(crate) date: Option<Cow<'a, str>>,
    #[serde(default, borrow)]
    pub(crate) company: Option<Cow<'a, str>>,
    #[serde(default, rename = "@type")]
    pub(crate) kind: Option<Value>,
    #[serde(default, rename = "@graph")]
    pub(crate) graph: Option<serde::de::IgnoredAny>,
}

/// Reads a line that the fast path left to serde_json, classifying its error.
fn read_with_serde(text: &str) -> Result<LineFields<'_>, RecordError> {
    serde_json::from_str(text).map_err(|e| {
        if e.is_data() && text.trim_start().starts_with('{') {
            RecordError::WrongType(e.to_string())
        } else if e.is_data() {
            RecordError::NotAnObject
        } else {
            RecordError::MalformedJson { column: e.column(), message: e.to_string() }
        }
    })
}

/// The fields of a JSONL line read by the corpus fast path (`None` where it leaves the line to
/// serde_json) and by serde_json, as `Debug` text: what the fuzz target `jsonl_fields` compares.
#[doc(hidden)]
pub fn line_fields_both_ways(line: &str) -> (Option<String>, Result<String, String>) {
    let fast = flat_line::read(line).map(|fields| format!("{fields:?}"));
    let reference = read_with_serde(line).map(|fields| format!("{fields:?}")).map_err(|e| e.to_string());
    (fast, reference)
}

/// An ad record borrowed from where it was read: a JSONL line or an [`AdRecord`].
#[derive(Debug, Clone, Default)]
pub(crate) struct AdLine<'a> {
    id: Option<Cow<'a, str>>,
    title: Option<Cow<'a, str>>,
    text: Option<Cow<'a, str>>,
    html: Option<Cow<'a, str>>,
    /// A schema.org `JobPosting` as JSON text.
    posting: Option<Cow<'a, str>>,
    lang: Option<Language>,
    source: Option<Cow<'a, str>>,
    date: Option<Cow<'a, str>>,
    company: Option<Cow<'a, str>>,
}

impl<'a> AdLine<'a> {
    /// Parses a JSONL line: an ad record, or a `JobPosting` read whole as JSON-LD.
    pub(crate) fn parse(line: &'a [u8]) -> Result<Self, RecordError> {
        let text = simdutf8::compat::from_utf8(line).map_err(|e| RecordError::NotUtf8 { offset: e.valid_up_to() })?;
        let fields = match flat_line::read(text) {
            Some(fields) => fields,
            None => read_with_serde(text)?,
        };
        let id = match fields.id {
            None | Some(Value::Null) => None,
            Some(Value::String(s)) => Some(Cow::Owned(s)),
            Some(Value::Number(n)) => Some(Cow::Owned(n.to_string())),
            Some(_) => return Err(RecordError::BadId),
        };
        let is_posting = fields.graph.is_some() || fields.kind.as_ref().is_some_and(rolenorm_text::names_job_posting);
        if is_posting {
            return Ok(AdLine { id, posting: Some(Cow::Borrowed(text)), ..AdLine::default() });
        }
        let lang = match fields.lang {
            None => None,
            Some(code) => {
                let parsed = code.parse::<Language>();
                Some(parsed.map_err(|error| RecordError::Language { id: id.as_deref().map(str::to_owned), error })?)
            }
        };
        Ok(AdLine {
            id,
            title: fields.title,
            text: fields.text,
            html: fields.html,
            posting: None,
            lang,
            source: fields.source,
            date: fields.date,
            company: fields.company,
        })
    }

    /// Borrows an owned record; `posting` is its `job_posting` as JSON text.
    pub(crate) fn from_record(record: &'a AdRecord, posting: Option<&'a str>) -> Self {
        let borrow = |field: &'a Option<String>| field.as_deref().map(Cow::Borrowed);
        AdLine {
            id: borrow(&record.id),
            title: borrow(&record.title),
            text: borrow(&record.text),
            html: borrow(&record.html),
            posting: posting.map(Cow::Borrowed),
            lang: record.lang,
            source: borrow(&record.source),
            date: borrow(&record.date),
            company: borrow(&record.company),
        }
    }

    /// The record's id.
    pub(crate) fn id(&self) -> Option<String> {
        self.id.as_deref().map(str::to_owned)
    }

    /// The ad the record holds: `text` wins over `html`, which wins over the `JobPosting`.
    fn ad(&self) -> Result<Ad<'_>, InputError> {
        let (content, format) = match (&self.text, &self.html, &self.posting) {
            (Some(text), _, _) => (text.as_ref(), Format::Text),
            (None, Some(html), _) => (html.as_ref(), Format::Html),
            (None, None, Some(posting)) => (posting.as_ref(), Format::JsonLd),
            (None, None, None) => return Err(InputError::NoContent),
        };
        Ok(Ad {
            id: self.id.as_deref(),
            title: self.title.as_deref(),
            content,
            format: Some(format),
            language: self.lang,
            company: self.company.as_deref(),
            findings_language: None,
        })
    }

    /// Analyses the record; `source` and `date` pass through.
    pub(crate) fn analyze(&self, analyzer: &Analyzer, scratch: &mut Scratch) -> Result<Analysis, InputError> {
        let mut analysis = analyzer.analyze_with(self.ad()?, scratch)?;
        analysis.source = self.source.as_deref().map(str::to_owned);
        analysis.date = self.date.as_deref().map(str::to_owned);
        Ok(analysis)
    }
}
