//! Releases: a maintainer applies accepted (or passing open) proposals to the newest norm,
//! the result is checked, its version is at least what `norm diff` demands, a changelog is
//! written from the proposals, and the release is stored for good. Every version stays
//! readable (`/norm/versions/{version}`) and comparable (`/norm/diff`).

use std::collections::BTreeMap;
use std::fmt::Write;

use axum::Json;
use axum::extract::{Path, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use rolenorm_norm::{Bump, Change, Norm, NormDiff, apply_changes};
use rolenorm_store::{NewRelease, ProposalStatus, Release};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::api::{changes_of, conflict_or_unavailable, load};
use super::norms::release_files;
use crate::AppState;
use crate::accounts::{CurrentUser, store_problem};
use crate::extract::{ApiJson, ApiQuery};
use crate::problem::Problem;

/// `POST /releases`.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ReleaseRequest {
    /// The proposals to release, applied in this order.
    pub proposals: Vec<i64>,
    /// The new version; at least the one `norm diff` demands (the default).
    #[serde(default)]
    pub version: Option<String>,
}

/// A new release.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ReleaseCreated {
    /// The new version.
    pub version: String,
    /// The version it was made from.
    pub previous: String,
    /// The bump `norm diff` demanded.
    pub bump: String,
    /// The changelog (Markdown).
    pub changelog: String,
    /// Its page.
    pub url: String,
}

/// A norm version in the list.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct VersionSummary {
    /// The version.
    pub version: String,
    /// The version it was made from (none: the server's base norm).
    pub previous: Option<String>,
    /// The bump it made (none: the base norm).
    pub bump: Option<String>,
    /// When it was released (none: the base norm).
    pub released_at: Option<i64>,
    /// Whether the server analyses with it by default.
    pub current: bool,
    /// Its page.
    pub url: String,
}

/// One norm version in full.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct VersionView {
    /// The version and where it came from.
    #[serde(flatten)]
    pub summary: VersionSummary,
    /// The changelog (Markdown; empty for the base norm).
    pub changelog: String,
    /// The released proposals with their final counts.
    #[schema(value_type = Vec<Object>)]
    pub proposals: serde_json::Value,
    /// The pack: file name → TOML text (what `rolenorm norm pull` writes).
    pub files: BTreeMap<String, String>,
}

/// `?from=&to=` of `/norm/diff`.
#[derive(Debug, Clone, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct DiffQuery {
    /// The old version.
    pub from: String,
    /// The new version.
    pub to: String,
}

fn today() -> String {
    jiff::Timestamp::now().to_zoned(jiff::tz::TimeZone::UTC).date().to_string()
}

/// Releases proposals as a new norm version (maintainers).
#[utoipa::path(
    post, path = "/api/v1/releases", tag = "releases",
    request_body(content = ReleaseRequest, content_type = "application/json"),
    responses(
        (status = 201, description = "The release", body = ReleaseCreated),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not a maintainer", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such proposal", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "A proposal is not accepted or its votes do not pass, or another release came first", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "The version is too low, or the changes together fail the check", body = Problem, content_type = "application/problem+json"),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "Body too large", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Not JSON", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn create_release(
    State(state): State<AppState>,
    me: CurrentUser,
    ApiJson(request): ApiJson<ReleaseRequest>,
) -> Result<Response, Problem> {
    me.require_maintainer()?;
    let release = release(&state, &me, request).await?;
    let url = format!("/releases/{}", release.version);
    let body = ReleaseCreated {
        version: release.version.clone(),
        previous: release.previous.clone(),
        bump: release.bump.clone(),
        changelog: release.changelog.clone(),
        url: url.clone(),
    };
    Ok((StatusCode::CREATED, [(header::LOCATION, url)], Json(body)).into_response())
}

/// Makes, checks and stores the release; the server analyses with it from now on.
pub(crate) async fn release(state: &AppState, me: &CurrentUser, request: ReleaseRequest) -> Result<Release, Problem> {
    if request.proposals.is_empty() {
        return Err(Problem::invalid("proposals", "field `proposals`: name at least one proposal"));
    }
    let mut titled = Vec::new();
    let mut changes: Vec<Change> = Vec::new();
    for id in &request.proposals {
        let proposal = load(state, *id).await?;
        if !matches!(proposal.status, ProposalStatus::Open | ProposalStatus::Accepted) {
            return Err(Problem::new(
                StatusCode::CONFLICT,
                "conflict",
                "Not possible now",
                format!("proposal {id} is {}; only open or accepted proposals are released", proposal.status),
            ));
        }
        let own = changes_of(&proposal)?;
        changes.extend(own.iter().cloned());
        titled.push((proposal, own));
    }
    let base = state.norms().current_document()?;
    let old = state.analyzer();
    let previous = old.norm().identity().version.clone();
    let version = request.version.clone();
    let pack = tokio::task::spawn_blocking(move || build_pack(&base, old.norm(), &changes, version.as_deref()))
        .await
        .map_err(|_| Problem::internal("building the release"))??;
    let changelog = changelog(&pack.version, &previous.to_string(), pack.bump, &titled);
    let new = NewRelease {
        version: pack.version.clone(),
        previous: previous.to_string(),
        bump: pack.bump.as_str().to_owned(),
        released_by: me.user.id,
        files: serde_json::to_string(&pack.files).map_err(|_| Problem::internal("storing the release"))?,
        changelog,
    };
    let config = state.community().clone();
    let passes = move |p: &rolenorm_store::Proposal, tally: &rolenorm_store::Tally| match p.status {
        ProposalStatus::Accepted => Ok(()),
        _ => config.passes(tally).map_err(|reason| format!("its votes do not pass ({reason})")),
    };
    let stored = state.store().create_release(new, request.proposals, passes).await.map_err(conflict_or_unavailable)?;
    state.norms().publish(&stored)?;
    Ok(stored)
}

/// The checked pack of a release.
struct Pack {
    version: String,
    bump: Bump,
    files: BTreeMap<String, String>,
}

fn unprocessable(field: &str, title: &str, detail: String) -> Problem {
    Problem::new(StatusCode::UNPROCESSABLE_ENTITY, "invalid-release", title, detail).field(field)
}

/// Applies every change to `base`, sets the version (at least the bump's) and today's date,
/// and checks the written files.
fn build_pack(
    base: &rolenorm_norm::NormDocument,
    old: &Norm,
    changes: &[Change],
    version: Option<&str>,
) -> Result<Pack, Problem> {
    let changed = apply_changes(base, changes)
        .map_err(|e| unprocessable("proposals", "The changes together fail the check", e.to_string()))?;
    let diff = NormDiff::between(old, &changed.norm);
    if diff.bump == Bump::None {
        return Err(unprocessable(
            "proposals",
            "Nothing to release",
            "the proposals change nothing in the norm".into(),
        ));
    }
    let required = diff.bump.apply(&old.identity().version);
    let version = match version {
        Some(text) => semver::Version::parse(text.trim()).map_err(|e| {
            unprocessable("version", "Bad version", format!("field `version`: {text:?} is not a semantic version: {e}"))
        })?,
        None => required.clone(),
    };
    if version < required {
        return Err(unprocessable(
            "version",
            "Version too low",
            format!(
                "field `version`: {version} is lower than {required}, which the {} change demands",
                diff.bump.as_str()
            ),
        ));
    }
    let mut document = changed.document;
    document.norm.version = version.to_string();
    document.norm.date = today();
    let files =
        document.to_files().map_err(|e| unprocessable("proposals", "The release cannot be written", e.to_string()))?;
    Norm::from_files(files.iter().map(|(n, t)| (*n, t.as_str())))
        .map_err(|e| unprocessable("proposals", "The released norm fails the check", e.to_string()))?;
    Ok(Pack {
        version: version.to_string(),
        bump: diff.bump,
        files: files.into_iter().map(|(n, t)| (n.to_owned(), t)).collect(),
    })
}

/// The changelog of a release, from its proposals, with links.
fn changelog(
    version: &str,
    previous: &str,
    bump: Bump,
    proposals: &[(rolenorm_store::Proposal, Vec<Change>)],
) -> String {
    let mut out = format!("## {version} ({})\n\nFrom {previous} ({} change).\n\n", today(), bump.as_str());
    for (proposal, changes) in proposals {
        let _ = writeln!(
            out,
            "- **{}** ([proposal {}](/proposals/{}), by {})",
            proposal.title.replace(['[', ']', '*'], ""),
            proposal.id,
            proposal.id,
            proposal.author_name.replace(['[', ']', '*'], "")
        );
        for change in changes {
            let _ = writeln!(out, "  - {}", change.describe());
        }
    }
    out
}

/// Every norm version this server knows, newest first (the base norm last).
#[utoipa::path(
    get, path = "/api/v1/norm/versions", tag = "releases",
    responses((status = 200, description = "The versions, newest first", body = Vec<VersionSummary>))
)]
pub async fn versions(State(state): State<AppState>) -> Result<Json<Vec<VersionSummary>>, Problem> {
    list(&state).await.map(Json)
}

fn summary_of(release: &Release, current: &str) -> VersionSummary {
    VersionSummary {
        version: release.version.clone(),
        previous: Some(release.previous.clone()),
        bump: Some(release.bump.clone()),
        released_at: Some(release.created_at),
        current: release.version == current,
        url: format!("/releases/{}", release.version),
    }
}

fn base_summary(state: &AppState, current: &str) -> VersionSummary {
    let base = state.norms().base_version();
    VersionSummary {
        current: base == current,
        url: format!("/releases/{base}"),
        version: base,
        previous: None,
        bump: None,
        released_at: None,
    }
}

/// The versions, newest first.
pub(crate) async fn list(state: &AppState) -> Result<Vec<VersionSummary>, Problem> {
    let current = state.norm().identity().version.to_string();
    let releases = state.store().releases().await.map_err(|e| store_problem(&e))?;
    let mut out: Vec<VersionSummary> = releases.iter().map(|r| summary_of(r, &current)).collect();
    out.push(base_summary(state, &current));
    Ok(out)
}

/// One norm version: changelog, released proposals, the pack.
#[utoipa::path(
    get, path = "/api/v1/norm/versions/{version}", tag = "releases",
    params(("version" = String, Path, description = "The version (`0.4.0`)")),
    responses(
        (status = 200, description = "The version", body = VersionView),
        (status = 404, description = "No such version", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn version(State(state): State<AppState>, Path(version): Path<String>) -> Result<Json<VersionView>, Problem> {
    version_view(&state, &version).await.map(Json)
}

/// Version `version` in full.
pub(crate) async fn version_view(state: &AppState, version: &str) -> Result<VersionView, Problem> {
    let current = state.norm().identity().version.to_string();
    if version == state.norms().base_version() {
        let document = state.norms().document_at(state.store(), version).await?;
        let files = document.to_files().map_err(|_| Problem::internal("writing the base norm"))?;
        return Ok(VersionView {
            summary: base_summary(state, &current),
            changelog: String::new(),
            proposals: serde_json::Value::Array(Vec::new()),
            files: files.into_iter().map(|(n, t)| (n.to_owned(), t)).collect(),
        });
    }
    let release = state
        .store()
        .release(version)
        .await
        .map_err(|e| store_problem(&e))?
        .ok_or_else(|| super::norms::unknown(version))?;
    Ok(VersionView {
        summary: summary_of(&release, &current),
        changelog: release.changelog.clone(),
        proposals: serde_json::from_str(&release.proposals).unwrap_or_default(),
        files: release_files(&release)?.into_iter().collect(),
    })
}

/// What changed between two norm versions, and the bump it called for.
#[utoipa::path(
    get, path = "/api/v1/norm/diff", tag = "releases", params(DiffQuery),
    responses(
        (status = 200, description = "The `norm diff` (schema `schema/norm-diff.schema.json`)", body = Object),
        (status = 400, description = "`from` or `to` missing", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such version", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn diff(State(state): State<AppState>, ApiQuery(q): ApiQuery<DiffQuery>) -> Result<Response, Problem> {
    let diff = diff_between(&state, &q.from, &q.to).await?;
    Ok(Json(diff).into_response())
}

/// The diff from version `from` to version `to`.
pub(crate) async fn diff_between(state: &AppState, from: &str, to: &str) -> Result<NormDiff, Problem> {
    let old = state.norms().at(state.store(), Some(from)).await.map_err(|p| p.field("from"))?;
    let new = state.norms().at(state.store(), Some(to)).await.map_err(|p| p.field("to"))?;
    Ok(NormDiff::between(old.norm(), new.norm()))
}
