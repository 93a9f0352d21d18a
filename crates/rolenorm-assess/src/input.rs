//! What an assessment starts from: a structured self-assessment or profile text.

use rolenorm_text::Language;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Why an input cannot be assessed.
#[derive(Debug, thiserror::Error)]
pub enum AssessError {
    /// The self-assessment JSON does not parse or has the wrong shape.
    #[error("the self-assessment is not valid JSON of the expected shape: {0}")]
    Json(serde_json::Error),
    /// The self-assessment names a task that the norm does not have.
    #[error("task {task:?} (entry {index}) is not a task of norm {norm}")]
    UnknownTask {
        /// The id given.
        task: String,
        /// Its position in `tasks`, from 1.
        index: usize,
        /// The norm's `id@version`.
        norm: String,
    },
    /// The same task is claimed twice.
    #[error("task {task} is claimed twice (entries {first} and {second})")]
    DuplicateTask {
        /// The task id.
        task: String,
        /// First entry, from 1.
        first: usize,
        /// Second entry, from 1.
        second: usize,
    },
    /// An evidence entry has a negative or non-finite number of years.
    #[error("task {task}: years must be a number from 0 to 80, not {years}")]
    BadYears {
        /// The task id.
        task: String,
        /// The value given.
        years: f64,
    },
    /// The self-assessment claims no task.
    #[error("the self-assessment claims no task")]
    NoTasks,
    /// The self-assessment's language is neither German nor English.
    #[error(transparent)]
    Language(#[from] rolenorm_text::UnknownLanguage),
    /// The profile text cannot be read.
    #[error("the profile text cannot be read: {0}")]
    Profile(rolenorm_text::InputError),
}

// Not `#[from]`: the message already holds the cause, so error chains do not repeat it.
impl From<serde_json::Error> for AssessError {
    fn from(error: serde_json::Error) -> Self {
        AssessError::Json(error)
    }
}

impl From<rolenorm_text::InputError> for AssessError {
    fn from(error: rolenorm_text::InputError) -> Self {
        AssessError::Profile(error)
    }
}

/// How often a practitioner does a task.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Frequency {
    /// Now and then, alongside other work.
    Occasionally,
    /// As a regular part of the work.
    Regularly,
    /// Leading others in it (or owning it for a team).
    Leading,
}

impl Frequency {
    /// How much a claim at this frequency counts towards covering a task (0.5 or 1).
    pub fn weight(self) -> f64 {
        match self {
            Frequency::Occasionally => 0.5,
            Frequency::Regularly | Frequency::Leading => 1.0,
        }
    }

    /// The frequency's name in `language`.
    pub fn label(self, language: Language) -> &'static str {
        match (self, language) {
            (Frequency::Occasionally, Language::En) => "occasionally",
            (Frequency::Regularly, Language::En) => "regularly",
            (Frequency::Leading, Language::En) => "leading others",
            (Frequency::Occasionally, Language::De) => "gelegentlich",
            (Frequency::Regularly, Language::De) => "regelmäßig",
            (Frequency::Leading, Language::De) => "leitend",
        }
    }
}

/// One piece of evidence for a claimed task.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TaskEvidence {
    /// What was done, in the practitioner's words.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Where it can be seen (a portfolio item, a published report, a channel).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// For how many years.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub years: Option<f64>,
}

/// One task of the norm that the practitioner does.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ClaimedTask {
    /// The task id of the norm (e.g. `COM-01`).
    pub task: String,
    /// How often.
    pub how: Frequency,
    /// The evidence: one object, or a list.
    #[serde(default, deserialize_with = "one_or_many")]
    #[schemars(with = "Vec<TaskEvidence>")]
    pub evidence: Vec<TaskEvidence>,
}

/// A structured self-assessment: the tasks of the norm a practitioner does.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SelfAssessment {
    /// The practitioner's name, if given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The language of the assessment (`de` or `en`); gaps are written in it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lang: Option<String>,
    /// The tasks.
    pub tasks: Vec<ClaimedTask>,
}

fn one_or_many<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<Vec<TaskEvidence>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum OneOrMany {
        One(TaskEvidence),
        Many(Vec<TaskEvidence>),
    }
    Ok(match OneOrMany::deserialize(deserializer)? {
        OneOrMany::One(one) => vec![one],
        OneOrMany::Many(many) => many,
    })
}

/// What to assess.
#[derive(Debug, Clone, PartialEq)]
pub enum Input {
    /// A structured self-assessment.
    SelfAssessment(SelfAssessment),
    /// CV or profile text (plain text or HTML), read like an ad.
    Profile {
        /// The text.
        text: String,
        /// Its language, if known; detected otherwise.
        language: Option<Language>,
    },
}

impl Input {
    /// Parses a self-assessment from JSON.
    pub fn from_self_assessment_json(json: &str) -> Result<Input, AssessError> {
        Ok(Input::SelfAssessment(serde_json::from_str(json)?))
    }

    /// A self-assessment if `text` is a JSON object with `tasks`, profile text otherwise.
    pub fn detect(text: &str) -> Result<Input, AssessError> {
        let trimmed = text.trim_start();
        if trimmed.starts_with('{') {
            let value: serde_json::Value = serde_json::from_str(trimmed)?;
            if value.get("tasks").is_some() {
                return Ok(Input::SelfAssessment(serde_json::from_value(value)?));
            }
        }
        Ok(Input::Profile { text: text.to_owned(), language: None })
    }
}
