//! The API's own request and response types (the analysis itself is the library's
//! [`rolenorm_analyze::Analysis`]).

use std::borrow::Cow;

use rolenorm_analyze::{Ad, Analysis, Format, Language};
use serde::{Deserialize, Serialize};
use utoipa::openapi::{RefOr, Schema};
use utoipa::{IntoParams, PartialSchema, ToSchema};

use crate::problem::Problem;

/// A language of the norm.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// German.
    De,
    /// English.
    En,
}

impl From<Lang> for Language {
    fn from(value: Lang) -> Self {
        match value {
            Lang::De => Language::De,
            Lang::En => Language::En,
        }
    }
}

impl From<Language> for Lang {
    fn from(value: Language) -> Self {
        match value {
            Language::De => Lang::De,
            Language::En => Lang::En,
        }
    }
}

/// One job ad: exactly one of `text`, `html` or `jobPosting`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct AdInput {
    /// The ad's id, echoed in the analysis.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The ad's title, if known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The ad as plain text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// The ad as an HTML page or fragment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub html: Option<String>,
    /// The ad as a schema.org `JobPosting` (JSON-LD object).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<Object>)]
    pub job_posting: Option<serde_json::Value>,
    /// The ad's language; detected when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lang: Option<Lang>,
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

impl AdInput {
    /// The content and its format, or a 422 naming the fields when not exactly one is given.
    pub fn content(&self) -> Result<(Cow<'_, str>, Format), Problem> {
        let given: Vec<&str> =
            [("text", self.text.is_some()), ("html", self.html.is_some()), ("jobPosting", self.job_posting.is_some())]
                .iter()
                .filter(|(_, present)| *present)
                .map(|(name, _)| *name)
                .collect();
        match (given.as_slice(), &self.text, &self.html, &self.job_posting) {
            (["text"], Some(text), _, _) => Ok((Cow::Borrowed(text.as_str()), Format::Text)),
            (["html"], _, Some(html), _) => Ok((Cow::Borrowed(html.as_str()), Format::Html)),
            (["jobPosting"], _, _, Some(value)) => {
                if !value.is_object() {
                    return Err(Problem::invalid(
                        "jobPosting",
                        "field `jobPosting`: must be a JSON object (a schema.org JobPosting)",
                    ));
                }
                Ok((Cow::Owned(value.to_string()), Format::JsonLd))
            }
            ([], ..) => Err(Problem::invalid(
                "text",
                "the ad has none of the fields `text`, `html`, `jobPosting`; give exactly one",
            )),
            (several, ..) => Err(Problem::invalid(
                several[1],
                format!(
                    "the ad has the fields {}; give exactly one of `text`, `html`, `jobPosting`",
                    several.join(", ")
                ),
            )),
        }
    }

    /// Analyses the ad; input problems become 413 (too large) or 422 naming the field.
    pub fn analyze(&self, analyzer: &rolenorm_analyze::Analyzer) -> Result<Analysis, Problem> {
        let (content, format) = self.content()?;
        let ad = Ad {
            id: self.id.as_deref(),
            title: self.title.as_deref(),
            content: &content,
            format: Some(format),
            language: self.lang.map(Language::from),
            company: self.company.as_deref(),
            findings_language: None,
        };
        let field = match format {
            Format::Text => "text",
            Format::Html => "html",
            Format::JsonLd => "jobPosting",
        };
        let mut analysis = analyzer.analyze(ad).map_err(|error| match error {
            rolenorm_analyze::InputError::TooLarge { size, limit } => Problem::new(
                axum::http::StatusCode::PAYLOAD_TOO_LARGE,
                "ad-too-large",
                "Ad too large",
                format!("field `{field}`: the ad is {size} bytes, more than the limit of {limit} bytes"),
            )
            .field(field),
            other => Problem::new(
                axum::http::StatusCode::UNPROCESSABLE_ENTITY,
                "invalid-ad",
                "The ad cannot be read",
                format!("field `{field}`: {other}"),
            )
            .field(field),
        })?;
        analysis.source.clone_from(&self.source);
        analysis.date.clone_from(&self.date);
        Ok(analysis)
    }
}

/// `?save=true` stores the analysis under a permalink.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SaveQuery {
    /// Store the analysis and answer with its permalink id and URL.
    #[serde(default)]
    pub save: Option<bool>,
    /// Analyse with this released norm version instead of the newest.
    #[serde(default)]
    pub version: Option<String>,
}

/// `?lang=de|en`: texts in one language instead of both.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct LangQuery {
    /// The language of texts; both languages when absent.
    #[serde(default)]
    pub lang: Option<Lang>,
    /// A released norm version instead of the newest.
    #[serde(default)]
    pub version: Option<String>,
}

/// A saved analysis: its permalink id, web page and the analysis.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct SavedAnalysis {
    /// The random, unguessable permalink id.
    pub id: String,
    /// The path of its web page.
    pub url: String,
    /// When it was saved (seconds since the Unix epoch).
    pub created_at: i64,
    /// The analysis.
    #[schema(value_type = AnalysisSchema)]
    pub analysis: Analysis,
}

/// Up to the server's batch limit (1,000 by default) of ads.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct BatchRequest {
    /// The ads (each an `AdInput`), analysed in order. Any value is accepted here: an ad that is
    /// not a valid `AdInput` gets its error in its place in the results.
    #[schema(value_type = Vec<serde_json::Value>)]
    pub ads: Vec<serde_json::Value>,
}

/// The analyses of a batch, in input order.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct BatchResponse {
    /// One item per ad: its analysis, or the error that kept it from being analysed.
    pub results: Vec<BatchItem>,
    /// How many ads failed.
    pub errors: usize,
}

/// An analysis, or the error of an ad that could not be analysed.
#[derive(Debug, Clone, Serialize)]
#[serde(untagged)]
pub enum BatchItem {
    /// The ad's analysis.
    Analysis(Box<Analysis>),
    /// The ad's error.
    Error(BatchError),
}

impl PartialSchema for BatchItem {
    fn schema() -> RefOr<Schema> {
        utoipa::openapi::schema::OneOfBuilder::new()
            .item(utoipa::openapi::Ref::from_schema_name("Analysis"))
            .item(utoipa::openapi::Ref::from_schema_name("BatchError"))
            .description(Some("The ad's analysis, or its error"))
            .into()
    }
}

impl ToSchema for BatchItem {
    fn schemas(schemas: &mut Vec<(String, RefOr<Schema>)>) {
        schemas.push(("BatchError".to_owned(), BatchError::schema()));
        schemas.push(("Analysis".to_owned(), AnalysisSchema::schema()));
    }
}

/// An ad of a batch that could not be analysed (the shape of `rolenorm batch`'s inline errors).
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct BatchError {
    /// The ad's id, if it had one.
    pub id: Option<String>,
    /// The ad's 1-based position in `ads`.
    pub line: usize,
    /// What is wrong with it.
    pub error: String,
}

/// A placeholder schema named `$name` for a library type whose JSON Schema (from `schemars`)
/// replaces it in the OpenAPI document (`openapi::document`).
macro_rules! library_schema {
    ($(#[$doc:meta])* $type:ident, $name:literal) => {
        $(#[$doc])*
        #[derive(Debug)]
        pub struct $type;

        impl utoipa::PartialSchema for $type {
            fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::Schema> {
                utoipa::openapi::ObjectBuilder::new().into()
            }
        }

        impl utoipa::ToSchema for $type {
            fn name() -> std::borrow::Cow<'static, str> {
                std::borrow::Cow::Borrowed($name)
            }
        }
    };
}
pub(crate) use library_schema;

library_schema!(
    /// The analysis wire format of `rolenorm-analyze`.
    AnalysisSchema,
    "Analysis"
);
