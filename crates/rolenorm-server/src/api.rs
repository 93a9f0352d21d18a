//! The JSON API under `/api/v1`.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use rolenorm_analyze::Analysis;

use crate::AppState;
use crate::compose::{self, BuildRequest, BuildResponse};
use crate::extract::{ApiJson, ApiQuery, json_problem};
use crate::norm_view::{self, NormSummary, PlatformView, RoleView, TaskView};
use crate::problem::Problem;
use crate::wire::{
    AdInput, AnalysisSchema, BatchError, BatchItem, BatchRequest, BatchResponse, LangQuery, SaveQuery, SavedAnalysis,
};

/// Analyses one ad; with `?save=true` stores it and answers with its permalink.
#[utoipa::path(
    post, path = "/api/v1/analyze", tag = "analysis",
    params(SaveQuery),
    request_body(content = AdInput, content_type = "application/json"),
    responses(
        (status = 200, description = "The analysis (without `save`)", body = AnalysisSchema),
        (status = 201, description = "The saved analysis with its permalink (`save=true`)", body = SavedAnalysis),
        (status = 400, description = "Malformed JSON or query", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such norm version (`version`)", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "Body or ad too large", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A field is invalid", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Rate limited", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn analyze(
    State(state): State<AppState>,
    ApiQuery(query): ApiQuery<SaveQuery>,
    ApiJson(ad): ApiJson<AdInput>,
) -> Result<Response, Problem> {
    let analyzer = state.norms().at(state.store(), query.version.as_deref()).await?;
    let analysis = ad.analyze(&analyzer)?;
    if query.save != Some(true) {
        return Ok(Json(analysis).into_response());
    }
    let saved = save(&state, &ad, analysis).await?;
    Ok((StatusCode::CREATED, [(axum::http::header::LOCATION, saved.url.clone())], Json(saved)).into_response())
}

/// Stores an analysis with its ad; answers with the permalink.
pub async fn save(state: &AppState, ad: &AdInput, analysis: Analysis) -> Result<SavedAnalysis, Problem> {
    let input = serde_json::to_string(ad).map_err(|_| Problem::internal("serialising the ad"))?;
    let json = serde_json::to_string(&analysis).map_err(|_| Problem::internal("serialising the analysis"))?;
    let id = state.store().save_analysis(&input, &json).await.map_err(|e| {
        tracing::error!(error = %e, "saving an analysis failed");
        Problem::unavailable("the analysis could not be saved; try again")
    })?;
    let created_at = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(0));
    Ok(SavedAnalysis { url: format!("/a/{id}"), id, created_at, analysis })
}

/// Analyses up to the batch limit of ads, in order; a bad ad gets its error in its place.
#[utoipa::path(
    post, path = "/api/v1/analyze/batch", tag = "analysis",
    request_body(content = BatchRequest, content_type = "application/json"),
    responses(
        (status = 200, description = "One result per ad, in order", body = BatchResponse),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "Body too large", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Too many ads, or not a batch", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Rate limited", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn batch(
    State(state): State<AppState>,
    ApiJson(batch): ApiJson<BatchRequest>,
) -> Result<Json<BatchResponse>, Problem> {
    let limit = state.limits().batch_ads;
    if batch.ads.len() > limit {
        return Err(Problem::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "batch-too-large",
            "Too many ads in one batch",
            format!("field `ads`: {} ads, more than the limit of {limit} per batch", batch.ads.len()),
        )
        .field("ads"));
    }
    let worker = state.clone();
    let response = tokio::task::spawn_blocking(move || analyze_all(&worker, batch.ads))
        .await
        .map_err(|_| Problem::internal("the batch"))?;
    Ok(Json(response))
}

fn analyze_all(state: &AppState, ads: Vec<serde_json::Value>) -> BatchResponse {
    let mut errors = 0;
    let results = ads
        .into_iter()
        .enumerate()
        .map(|(i, value)| {
            let id = value.get("id").and_then(|v| v.as_str()).map(str::to_owned);
            let outcome = serde_path_to_error::deserialize::<_, AdInput>(value)
                .map_err(|e| {
                    let path = e.path().to_string();
                    json_problem(
                        &format!("ads[{i}]{}", if path == "." { String::new() } else { format!(".{path}") }),
                        e.into_inner(),
                    )
                })
                .and_then(|ad| ad.analyze(&state.analyzer()));
            match outcome {
                Ok(analysis) => BatchItem::Analysis(Box::new(analysis)),
                Err(problem) => {
                    errors += 1;
                    BatchItem::Error(BatchError { id, line: i + 1, error: problem.detail })
                }
            }
        })
        .collect();
    BatchResponse { results, errors }
}

/// A saved analysis by its permalink id.
#[utoipa::path(
    get, path = "/api/v1/analyses/{id}", tag = "analysis",
    params(("id" = String, Path, description = "The permalink id")),
    responses(
        (status = 200, description = "The saved analysis", body = SavedAnalysis),
        (status = 404, description = "No analysis has this id", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn get_analysis(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Json<SavedAnalysis>, Problem> {
    load(&state, &id).await.map(|(saved, _)| Json(saved))
}

/// The saved analysis `id` and the ad it came from.
pub async fn load(state: &AppState, id: &str) -> Result<(SavedAnalysis, AdInput), Problem> {
    let unknown = || Problem::not_found(format!("no saved analysis has the id {id:?}")).field("id");
    if id.len() != 32 || !id.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(unknown());
    }
    let stored = state.store().analysis(id).await.map_err(|e| {
        tracing::error!(error = %e, "loading an analysis failed");
        Problem::unavailable("the analysis could not be loaded; try again")
    })?;
    let stored = stored.ok_or_else(unknown)?;
    let analysis =
        serde_json::from_str(&stored.analysis).map_err(|_| Problem::internal("reading the stored analysis"))?;
    let ad = serde_json::from_str(&stored.input).map_err(|_| Problem::internal("reading the stored ad"))?;
    Ok((SavedAnalysis { url: format!("/a/{}", stored.id), id: stored.id, created_at: stored.created_at, analysis }, ad))
}

/// The norm version `?version=` names (the newest when absent).
async fn norm_at(state: &AppState, q: &LangQuery) -> Result<crate::NormRef, Problem> {
    state.norms().at(state.store(), q.version.as_deref()).await.map(crate::NormRef)
}

/// The norm at a glance.
#[utoipa::path(
    get, path = "/api/v1/norm", tag = "norm", params(LangQuery),
    responses(
        (status = 200, description = "The norm in brief", body = NormSummary),
        (status = 304, description = "Not modified (If-None-Match)"),
        (status = 400, description = "Bad `lang`", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such norm version", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn norm(
    State(state): State<AppState>,
    ApiQuery(q): ApiQuery<LangQuery>,
    headers: HeaderMap,
) -> Result<Response, Problem> {
    Ok(norm_view::with_etag(&headers, &norm_view::summary(&*norm_at(&state, &q).await?, q.lang)))
}

/// Every role in full.
#[utoipa::path(
    get, path = "/api/v1/norm/roles", tag = "norm", params(LangQuery),
    responses(
        (status = 200, description = "The roles", body = Vec<RoleView>),
        (status = 304, description = "Not modified (If-None-Match)"),
        (status = 400, description = "Bad `lang`", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such norm version", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn roles(
    State(state): State<AppState>,
    ApiQuery(q): ApiQuery<LangQuery>,
    headers: HeaderMap,
) -> Result<Response, Problem> {
    Ok(norm_view::with_etag(&headers, &norm_view::roles(&*norm_at(&state, &q).await?, q.lang)))
}

/// One role.
#[utoipa::path(
    get, path = "/api/v1/norm/roles/{id}", tag = "norm",
    params(("id" = String, Path, description = "Role id"), LangQuery),
    responses(
        (status = 200, description = "The role", body = RoleView),
        (status = 304, description = "Not modified (If-None-Match)"),
        (status = 400, description = "Bad `lang`", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such role", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn role(
    State(state): State<AppState>,
    Path(id): Path<String>,
    ApiQuery(q): ApiQuery<LangQuery>,
    headers: HeaderMap,
) -> Result<Response, Problem> {
    let view = norm_view::role(&*norm_at(&state, &q).await?, &id, q.lang)
        .ok_or_else(|| Problem::not_found(format!("the norm has no role {id:?}")).field("id"))?;
    Ok(norm_view::with_etag(&headers, &view))
}

/// One task.
#[utoipa::path(
    get, path = "/api/v1/norm/tasks/{id}", tag = "norm",
    params(("id" = String, Path, description = "Task id (`CON-01`)"), LangQuery),
    responses(
        (status = 200, description = "The task", body = TaskView),
        (status = 304, description = "Not modified (If-None-Match)"),
        (status = 400, description = "Bad `lang`", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such task", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn task(
    State(state): State<AppState>,
    Path(id): Path<String>,
    ApiQuery(q): ApiQuery<LangQuery>,
    headers: HeaderMap,
) -> Result<Response, Problem> {
    let view = norm_view::task(&*norm_at(&state, &q).await?, &id, q.lang)
        .ok_or_else(|| Problem::not_found(format!("the norm has no task {id:?}")).field("id"))?;
    Ok(norm_view::with_etag(&headers, &view))
}

/// The platforms.
#[utoipa::path(
    get, path = "/api/v1/norm/platforms", tag = "norm", params(LangQuery),
    responses(
        (status = 200, description = "The platforms", body = Vec<PlatformView>),
        (status = 304, description = "Not modified (If-None-Match)"),
        (status = 400, description = "Bad `lang`", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such norm version", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn platforms(
    State(state): State<AppState>,
    ApiQuery(q): ApiQuery<LangQuery>,
    headers: HeaderMap,
) -> Result<Response, Problem> {
    Ok(norm_view::with_etag(&headers, &norm_view::platforms(&*norm_at(&state, &q).await?)))
}

/// Builds a normed job ad (Markdown, HTML, schema.org JobPosting) for a role.
#[utoipa::path(
    post, path = "/api/v1/ads/build", tag = "builder",
    request_body(content = BuildRequest, content_type = "application/json"),
    responses(
        (status = 200, description = "The ad", body = BuildResponse),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "Body too large", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A field is invalid, or a task is excluded for the role", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Rate limited", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn build(
    State(state): State<AppState>,
    ApiJson(request): ApiJson<BuildRequest>,
) -> Result<Json<BuildResponse>, Problem> {
    compose::build_ad(&state.analyzer(), &request).map(Json)
}
