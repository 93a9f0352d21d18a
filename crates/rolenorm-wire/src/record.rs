//! The ad record: the one shape in which every reader hands an ad to the analyzer.

use schemars::JsonSchema;
use serde::{Deserialize, Deserializer, Serialize};

use crate::Language;

/// One job ad as a reader found it. Every reader (JSONL, CSV, Parquet, folders, HTTP, Python)
/// turns its input into this record and nothing else; the analyzer decides from it how the ad
/// is read: `text` wins over `html`, which wins over `job_posting`; at least one is needed.
/// Fields the record does not know are ignored, so a corpus line may carry more.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct AdRecord {
    /// The ad's id, echoed in the analysis; a number is read as its decimal string.
    #[serde(default, deserialize_with = "string_or_number", skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<IdSchema>")]
    pub id: Option<String>,
    /// The ad's title, if known; otherwise the document's or the text's first title-like line.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The ad as plain text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// The ad as HTML (a page or a fragment; an embedded `JobPosting` is read too).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub html: Option<String>,
    /// The ad as a schema.org `JobPosting` JSON-LD object.
    #[serde(default, alias = "jobPosting", skip_serializing_if = "Option::is_none")]
    pub job_posting: Option<serde_json::Value>,
    /// The ad's language (`de`, `en`, or a tag such as `de-DE`); detected when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lang: Option<Language>,
    /// Where the ad came from; passed through to the analysis.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// When the ad was published; passed through to the analysis.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// The employer's name, if known. A platform named here (YouTube, Facebook) is the employer:
    /// its name in the ad is no platform the job works on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub company: Option<String>,
}

/// The names of the record's fields, in their order (CSV and Parquet columns use them).
pub const AD_RECORD_FIELDS: [&str; 9] =
    ["id", "title", "text", "html", "job_posting", "lang", "source", "date", "company"];

/// The schema of an id: a string or a number.
#[derive(JsonSchema)]
#[serde(untagged)]
#[allow(dead_code)]
enum IdSchema {
    Text(String),
    Number(serde_json::Number),
}

/// Reads an optional id given as a string or a number.
fn string_or_number<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<String>, D::Error> {
    match Option::<serde_json::Value>::deserialize(deserializer)? {
        None | Some(serde_json::Value::Null) => Ok(None),
        Some(serde_json::Value::String(text)) => Ok(Some(text)),
        Some(serde_json::Value::Number(number)) => Ok(Some(number.to_string())),
        Some(_) => Err(serde::de::Error::custom("\"id\" must be a string or a number")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_corpus_line_with_extra_fields_and_a_numeric_id() {
        let record: AdRecord =
            serde_json::from_str(r#"{"id": 42, "title": "T", "text": "x", "lang": "de", "company": "ACME"}"#).unwrap();
        assert_eq!(record.id.as_deref(), Some("42"));
        assert_eq!(record.lang, Some(Language::De));
        assert_eq!(record.title.as_deref(), Some("T"));
    }

    #[test]
    fn names_a_bad_id() {
        let error = serde_json::from_str::<AdRecord>(r#"{"id": [1], "text": "x"}"#).unwrap_err().to_string();
        assert!(error.contains("\"id\" must be a string or a number"), "{error}");
    }

    #[test]
    fn accepts_job_posting_in_both_spellings() {
        let record: AdRecord = serde_json::from_str(r#"{"jobPosting": {"@type": "JobPosting"}}"#).unwrap();
        assert!(record.job_posting.is_some());
        let record: AdRecord = serde_json::from_str(r#"{"job_posting": {"@type": "JobPosting"}}"#).unwrap();
        assert!(record.job_posting.is_some());
    }
}
