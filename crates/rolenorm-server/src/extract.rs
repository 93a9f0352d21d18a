//! Request extractors whose rejections are problem documents: JSON bodies (content type, size,
//! syntax with line and column, fields with their path) and query strings.

use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::request::Parts;
use axum::http::{StatusCode, header};
use serde::de::DeserializeOwned;

use crate::AppState;
use crate::problem::Problem;

/// A JSON request body within the server's body limit (the batch route has its own).
#[derive(Debug)]
pub struct ApiJson<T>(pub T);

impl<T: DeserializeOwned> FromRequest<AppState> for ApiJson<T> {
    type Rejection = Problem;

    async fn from_request(req: Request, state: &AppState) -> Result<Self, Problem> {
        check_json_content_type(req.headers())?;
        let limits = state.limits();
        let limit =
            if req.uri().path().ends_with("/analyze/batch") { limits.batch_body_bytes } else { limits.body_bytes };
        let bytes = read_body(req, limit).await?;
        parse_json(&bytes).map(ApiJson)
    }
}

/// Reads the whole body, refusing more than `limit` bytes with 413.
pub async fn read_body(req: Request, limit: usize) -> Result<axum::body::Bytes, Problem> {
    let length = req.headers().get(header::CONTENT_LENGTH).and_then(|v| v.to_str().ok());
    if length.and_then(|l| l.parse::<usize>().ok()).is_some_and(|n| n > limit) {
        return Err(Problem::body_too_large(limit));
    }
    axum::body::to_bytes(req.into_body(), limit).await.map_err(|error| {
        let mut source: Option<&(dyn std::error::Error + 'static)> = Some(&error);
        let mut too_large = false;
        while let Some(cause) = source {
            too_large |= cause.is::<http_body_util::LengthLimitError>();
            source = cause.source();
        }
        if too_large {
            Problem::body_too_large(limit)
        } else {
            Problem::new(StatusCode::BAD_REQUEST, "unreadable-body", "Unreadable request body", error.to_string())
        }
    })
}

/// 415 unless the request says its body is JSON (`application/json` or `…+json`).
fn check_json_content_type(headers: &axum::http::HeaderMap) -> Result<(), Problem> {
    let given = headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or("");
    let essence = given.split(';').next().unwrap_or("").trim().to_ascii_lowercase();
    if essence == "application/json" || (essence.starts_with("application/") && essence.ends_with("+json")) {
        return Ok(());
    }
    let shown = if given.is_empty() { "no Content-Type header".to_owned() } else { format!("Content-Type {given:?}") };
    Err(Problem::new(
        StatusCode::UNSUPPORTED_MEDIA_TYPE,
        "unsupported-media-type",
        "Unsupported media type",
        format!("the request body must be JSON (Content-Type: application/json); got {shown}"),
    )
    .field("Content-Type"))
}

/// Parses a JSON object body: syntax errors are 400 with line and column, wrong fields 422 with
/// their path. Every body of this API is an object; serde would read a struct from an array too
/// (`[[]]` as a batch with no ads), so any other JSON value is 422.
pub fn parse_json<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, Problem> {
    let first = bytes.iter().find(|b| !b.is_ascii_whitespace());
    if first != Some(&b'{') && serde_json::from_slice::<serde::de::IgnoredAny>(bytes).is_ok() {
        return Err(Problem::invalid("body", "the request body must be a JSON object".to_owned()));
    }
    let mut deserializer = serde_json::Deserializer::from_slice(bytes);
    let value = serde_path_to_error::deserialize(&mut deserializer).map_err(|error| {
        let path = error.path().to_string();
        json_problem(&path, error.into_inner())
    })?;
    deserializer.end().map_err(|error| json_problem(".", error))?;
    Ok(value)
}

/// The problem for a serde_json error at `path` (`.` for the whole body).
pub fn json_problem(path: &str, error: serde_json::Error) -> Problem {
    let (line, column) = (error.line(), error.column());
    let message = error.to_string();
    let message = message.rsplit_once(" at line ").map_or(message.as_str(), |(m, _)| m).to_owned();
    let at = if line > 0 { format!(" (line {line}, column {column})") } else { String::new() };
    let mut problem = if error.is_data() {
        let field = if path == "." { "body".to_owned() } else { path.to_owned() };
        Problem::invalid(&field, format!("field `{field}`: {message}{at}"))
    } else {
        Problem::new(
            StatusCode::BAD_REQUEST,
            "malformed-json",
            "Malformed JSON",
            format!("the request body is not valid JSON: {message} at line {line}, column {column}"),
        )
        .field("body")
    };
    if line > 0 {
        problem.line = Some(line);
        problem.column = Some(column);
    }
    problem
}

/// A query string; bad parameters are 400 naming the parameter.
#[derive(Debug)]
pub struct ApiQuery<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequestParts<S> for ApiQuery<T> {
    type Rejection = Problem;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Problem> {
        let query = parts.uri.query().unwrap_or("");
        let deserializer = serde_urlencoded::Deserializer::new(form_urlencoded::parse(query.as_bytes()));
        serde_path_to_error::deserialize(deserializer).map(ApiQuery).map_err(|error| {
            let path = error.path().to_string();
            let message = error.into_inner().to_string();
            let field = if path == "." { "query".to_owned() } else { path };
            Problem::new(
                StatusCode::BAD_REQUEST,
                "invalid-parameter",
                "A query parameter is invalid",
                format!("query parameter `{field}`: {message}"),
            )
            .field(field)
        })
    }
}
