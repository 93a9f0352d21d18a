//! `POST /api/v1/assess`: a practitioner's work (a self-assessment or CV / profile text) held
//! against the norm.

use axum::Json;
use axum::extract::State;
use rolenorm_assess::{AssessError, Assessment, Input, SelfAssessment, assess};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::AppState;
use crate::extract::ApiJson;
use crate::problem::Problem;
use crate::wire::Lang;

/// What to assess: exactly one of `profile` and `selfAssessment`.
#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct AssessRequest {
    /// A CV or profile text in German or English, read like a job ad (plain text or HTML).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub profile: Option<String>,
    /// A structured self-assessment: tasks of the norm, each with how often and evidence.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<SelfAssessmentSchema>)]
    pub self_assessment: Option<SelfAssessment>,
    /// For a profile: its language (detected when absent), in which the gaps are written too;
    /// for a self-assessment: the language of the gaps (default: its `lang`, else English).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lang: Option<Lang>,
}

impl AssessRequest {
    /// The assessment input, or a 422 naming the fields when not exactly one is given.
    pub fn input(&self) -> Result<Input, Problem> {
        match (&self.profile, &self.self_assessment) {
            (Some(text), None) if text.trim().is_empty() => {
                Err(Problem::invalid("profile", "field `profile` is empty: give the CV or profile text"))
            }
            (Some(text), None) => Ok(Input::Profile { text: text.clone(), language: None }),
            (None, Some(sa)) => Ok(Input::SelfAssessment(sa.clone())),
            (None, None) => Err(Problem::invalid("body", "give `profile` (CV text) or `selfAssessment`")),
            (Some(_), Some(_)) => Err(Problem::invalid("body", "give either `profile` or `selfAssessment`, not both")),
        }
    }
}

/// Assesses `input` with the server's norm; a problem names what is wrong with the input.
pub fn run(state: &AppState, input: &Input, lang: Option<Lang>) -> Result<Assessment, Problem> {
    assess(&state.analyzer(), input, lang.map(Into::into)).map_err(|error| {
        let field = match (&error, input) {
            (AssessError::Profile(_), _) | (_, Input::Profile { .. }) => "profile",
            _ => "selfAssessment",
        };
        let detail = format!("field `{field}`: {error}");
        Problem::new(axum::http::StatusCode::UNPROCESSABLE_ENTITY, "not-assessable", "Cannot be assessed", detail)
            .field(field)
    })
}

/// Holds a practitioner's work against the norm: fit per role, best roles, gaps per nearby
/// role, level, norm version.
#[utoipa::path(
    post, path = "/api/v1/assess", tag = "credentials",
    request_body(content = AssessRequest, content_type = "application/json"),
    responses(
        (status = 200, description = "The assessment", body = AssessmentSchema),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "Body too large", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Neither or both inputs, an unknown task, an empty profile", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Rate limited", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn assess_handler(
    State(state): State<AppState>,
    ApiJson(request): ApiJson<AssessRequest>,
) -> Result<Json<Assessment>, Problem> {
    let input = request.input()?;
    run(&state, &input, request.lang).map(Json)
}

crate::wire::library_schema!(
    /// The assessment wire format of `rolenorm-assess`.
    AssessmentSchema,
    "Assessment"
);

crate::wire::library_schema!(
    /// The self-assessment input of `rolenorm-assess`.
    SelfAssessmentSchema,
    "SelfAssessment"
);
