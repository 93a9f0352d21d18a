//! Proposals and votes in the API: `/api/v1/proposals…`, and the audit log.

use std::sync::Arc;

use axum::Json;
use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use rolenorm_norm::Change;
use rolenorm_store::{NewProposal, Proposal, ProposalStatus, StoreError, Tally, Vote};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::debate::{CommentView, render_markdown, visible_comments};
use super::impact::{self, Impact};
use crate::AppState;
use crate::accounts::Id;
use crate::accounts::{CurrentUser, MaybeUser, store_problem};
use crate::extract::ApiJson;
use crate::problem::Problem;

/// `POST /proposals`: a structured change to the norm.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ProposalRequest {
    /// A short title (1–200 characters).
    pub title: String,
    /// Why the norm should change (Markdown), with evidence.
    pub rationale: String,
    /// The operations, applied in order: `set-scope` {task, role, scope, owner?}, `add-phrase` and
    /// `remove-phrase` {task, lang, phrase}, `add-task` {id, domain, owner, name, definition,
    /// phrases?}, `set-name` and `set-definition` {role | task, lang, text}, `set-anchor` {role,
    /// kldb?, isco?, onet?, esco?}.
    #[schema(value_type = Vec<Object>, example = json!([{"op": "set-scope", "task": "COM-02", "role": "channel-manager", "scope": "core"}]))]
    pub changes: Vec<Change>,
}

/// The id of what was created, and where it is.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Created {
    /// Its number.
    pub id: i64,
    /// Its page.
    pub url: String,
}

/// An account by number and display name (never its e-mail address).
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Author {
    /// The account's number.
    pub id: i64,
    /// Its display name.
    pub name: String,
}

/// A proposal's votes and whether they pass.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Votes {
    /// Yes votes.
    pub yes: i64,
    /// No votes.
    pub no: i64,
    /// Abstentions.
    pub abstain: i64,
    /// All votes.
    pub total: i64,
    /// Votes needed (all kinds count).
    pub quorum: i64,
    /// The share of yes among yes and no that must be exceeded.
    pub majority: f64,
    /// Whether the votes pass now.
    pub passes: bool,
    /// Whether members can still vote.
    pub open: bool,
}

/// A proposal in the list.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ProposalSummaryView {
    /// Its number.
    pub id: i64,
    /// Its title.
    pub title: String,
    /// `open`, `accepted`, `rejected` or `released`.
    pub status: String,
    /// Who proposed it.
    pub author: Author,
    /// When (seconds since the Unix epoch).
    pub created_at: i64,
    /// Approved comments.
    pub comments: i64,
    /// Its votes.
    pub votes: Votes,
    /// Its page.
    pub url: String,
}

/// A proposal in full, with its impact and the comments the caller may see.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ProposalView {
    /// Its number.
    pub id: i64,
    /// Its title.
    pub title: String,
    /// Why (Markdown as written).
    pub rationale: String,
    /// Why, rendered and sanitised.
    pub rationale_html: String,
    /// The operations.
    #[schema(value_type = Vec<Object>)]
    pub changes: Vec<Change>,
    /// The operations in words.
    pub changes_text: Vec<String>,
    /// `open`, `accepted`, `rejected` or `released`.
    pub status: String,
    /// Who proposed it.
    pub author: Author,
    /// The norm version it was made against.
    pub base_version: String,
    /// When (seconds since the Unix epoch).
    pub created_at: i64,
    /// When the vote closes by itself, if a period is set.
    pub closes_at: Option<i64>,
    /// The version that released it.
    pub released_in: Option<String>,
    /// Its votes.
    pub votes: Votes,
    /// The caller's vote.
    pub my_vote: Option<String>,
    /// The comments the caller may see (approved ones; pending and moderated ones only for
    /// their authors and moderators), oldest first.
    pub comments: Vec<CommentView>,
    /// What it would change (open and accepted proposals).
    pub impact: Option<Impact>,
    /// Why the impact cannot be computed, if it cannot.
    pub impact_error: Option<String>,
}

/// `POST /proposals/{id}/votes`.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct VoteRequest {
    /// `yes`, `no` or `abstain`.
    pub vote: String,
}

/// The caller's vote and the counts now.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct VoteResponse {
    /// The vote recorded.
    pub vote: String,
    /// The counts.
    pub votes: Votes,
}

/// A closed vote.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CloseResponse {
    /// `accepted` or `rejected`.
    pub status: String,
    /// The final counts.
    pub votes: Votes,
}

/// One line of the audit log.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct AuditView {
    /// Its number.
    pub id: i64,
    /// When (seconds since the Unix epoch).
    pub at: i64,
    /// The acting account (none: the command line).
    pub actor: Option<i64>,
    /// What was done.
    pub action: String,
    /// To what.
    pub target: String,
    /// Details.
    pub detail: String,
}

pub(crate) fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
}

/// The votes of `proposal` under the server's rules.
pub(crate) fn votes(state: &AppState, proposal: &Proposal, tally: &Tally) -> Votes {
    let config = state.community();
    let open = proposal.status == ProposalStatus::Open && proposal.closes_at.is_none_or(|c| now() < c);
    Votes {
        yes: tally.yes,
        no: tally.no,
        abstain: tally.abstain,
        total: tally.total(),
        quorum: config.quorum,
        majority: config.majority,
        passes: config.passes(tally).is_ok(),
        open,
    }
}

/// 404 for proposal `id`.
pub(crate) fn no_proposal(id: i64) -> Problem {
    Problem::not_found(format!("there is no proposal {id}")).field("id")
}

/// 409: the store refused (a closed vote, a release that came first).
pub(crate) fn conflict_or_unavailable(error: StoreError) -> Problem {
    match error {
        StoreError::Conflict(detail) => Problem::new(StatusCode::CONFLICT, "conflict", "Not possible now", detail),
        other => store_problem(&other),
    }
}

/// Proposal `id`, or 404.
pub(crate) async fn load(state: &AppState, id: i64) -> Result<Proposal, Problem> {
    state.store().proposal(id).await.map_err(|e| store_problem(&e))?.ok_or_else(|| no_proposal(id))
}

/// Every proposal, newest first.
#[utoipa::path(
    get, path = "/api/v1/proposals", tag = "community",
    responses((status = 200, description = "The proposals, newest first", body = Vec<ProposalSummaryView>))
)]
pub async fn list_proposals(State(state): State<AppState>) -> Result<Json<Vec<ProposalSummaryView>>, Problem> {
    Ok(Json(summaries(&state).await?))
}

/// The proposals as listed.
pub(crate) async fn summaries(state: &AppState) -> Result<Vec<ProposalSummaryView>, Problem> {
    let all = state.store().proposals().await.map_err(|e| store_problem(&e))?;
    Ok(all
        .into_iter()
        .map(|s| ProposalSummaryView {
            id: s.proposal.id,
            title: s.proposal.title.clone(),
            status: s.proposal.status.to_string(),
            author: Author { id: s.proposal.author, name: s.proposal.author_name.clone() },
            created_at: s.proposal.created_at,
            comments: s.comments,
            votes: votes(state, &s.proposal, &s.tally),
            url: format!("/proposals/{}", s.proposal.id),
        })
        .collect())
}

/// Proposes a change to the norm (members); refused with the checker's message when the
/// changed norm would be invalid.
#[utoipa::path(
    post, path = "/api/v1/proposals", tag = "community",
    request_body(content = ProposalRequest, content_type = "application/json"),
    responses(
        (status = 201, description = "The proposal", body = Created),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A field is invalid, or the changed norm fails the check", body = Problem, content_type = "application/problem+json"),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "Body too large", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Not JSON", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn create_proposal(
    State(state): State<AppState>,
    me: CurrentUser,
    ApiJson(request): ApiJson<ProposalRequest>,
) -> Result<Response, Problem> {
    let id = propose(&state, &me, request).await?;
    let url = format!("/proposals/{id}");
    Ok((StatusCode::CREATED, [(header::LOCATION, url.clone())], Json(Created { id, url })).into_response())
}

/// Checks and stores a proposal; its number.
pub(crate) async fn propose(state: &AppState, me: &CurrentUser, request: ProposalRequest) -> Result<i64, Problem> {
    let title = request.title.trim().to_owned();
    if title.is_empty() || title.chars().count() > 200 {
        return Err(Problem::invalid("title", "field `title`: 1 to 200 characters"));
    }
    if request.rationale.trim().is_empty() || request.rationale.len() > 20_000 {
        return Err(Problem::invalid("rationale", "field `rationale`: 1 to 20,000 bytes"));
    }
    if request.changes.is_empty() || request.changes.len() > 50 {
        return Err(Problem::invalid("changes", "field `changes`: 1 to 50 operations"));
    }
    let base = state.norms().current_document()?;
    let changes = request.changes.clone();
    tokio::task::spawn_blocking(move || impact::check_changes(&base, &changes))
        .await
        .map_err(|_| Problem::internal("checking the changes"))??;
    let closes_at = state.community().vote_days.map(|days| now() + days * 86_400);
    let new = NewProposal {
        author: me.user.id,
        title,
        rationale: request.rationale,
        changes: serde_json::to_string(&request.changes).map_err(|_| Problem::internal("storing the changes"))?,
        base_version: state.norm().identity().version.to_string(),
        closes_at,
    };
    state.store().create_proposal(new).await.map_err(|e| store_problem(&e))
}

/// One proposal with its impact, votes and the comments the caller may see.
#[utoipa::path(
    get, path = "/api/v1/proposals/{id}", tag = "community",
    params(("id" = i64, Path, description = "The proposal's number")),
    responses(
        (status = 200, description = "The proposal", body = ProposalView),
        (status = 404, description = "No such proposal", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn get_proposal(
    State(state): State<AppState>,
    Id(id): Id,
    MaybeUser(me): MaybeUser,
) -> Result<Json<ProposalView>, Problem> {
    Ok(Json(view(&state, id, me.as_ref()).await?))
}

/// The changes of a stored proposal.
pub(crate) fn changes_of(proposal: &Proposal) -> Result<Vec<Change>, Problem> {
    serde_json::from_str(&proposal.changes).map_err(|_| Problem::internal("reading a stored proposal"))
}

/// Proposal `id` as `me` may see it.
pub(crate) async fn view(state: &AppState, id: i64, me: Option<&CurrentUser>) -> Result<ProposalView, Problem> {
    let proposal = load(state, id).await?;
    let changes = changes_of(&proposal)?;
    let tally = state.store().tally(id).await.map_err(|e| store_problem(&e))?;
    let my_vote = match me {
        Some(me) => state.store().vote_of(id, me.user.id).await.map_err(|e| store_problem(&e))?.map(|v| v.to_string()),
        None => None,
    };
    let comments = visible_comments(state, id, me).await?;
    let (impact, impact_error) = match proposal.status {
        ProposalStatus::Open | ProposalStatus::Accepted => match impact_of(state, &proposal, &changes).await {
            Ok(impact) => (Some((*impact).clone()), None),
            Err(problem) => (None, Some(problem.detail)),
        },
        ProposalStatus::Rejected | ProposalStatus::Released => (None, None),
    };
    Ok(ProposalView {
        id,
        title: proposal.title.clone(),
        rationale_html: render_markdown(&proposal.rationale),
        rationale: proposal.rationale.clone(),
        changes_text: changes.iter().map(Change::describe).collect(),
        changes,
        status: proposal.status.to_string(),
        author: Author { id: proposal.author, name: proposal.author_name.clone() },
        base_version: proposal.base_version.clone(),
        created_at: proposal.created_at,
        closes_at: proposal.closes_at,
        released_in: proposal.released_in.clone(),
        votes: votes(state, &proposal, &tally),
        my_vote,
        comments,
        impact,
        impact_error,
    })
}

/// The impact of `proposal` against the newest norm (cached per version and stored ads).
async fn impact_of(state: &AppState, proposal: &Proposal, changes: &[Change]) -> Result<Arc<Impact>, Problem> {
    let old = state.analyzer();
    let limit = state.community().impact_ads;
    let ads = state.store().recent_inputs(limit).await.map_err(|e| store_problem(&e))?;
    let key = (proposal.id, old.norm().identity().version.to_string(), ads.len());
    if let Some(hit) = state.impacts().get(&key) {
        return Ok(hit);
    }
    let base = state.norms().current_document()?;
    let changes = changes.to_vec();
    let computed = tokio::task::spawn_blocking(move || impact::compute(&base, &old, &changes, &ads))
        .await
        .map_err(|_| Problem::internal("computing the impact"))??;
    let computed = Arc::new(computed);
    state.impacts().put(key, computed.clone());
    Ok(computed)
}

/// The most ads an uploaded corpus may hold for an impact.
const MAX_UPLOADED_ADS: usize = 5000;

/// The impact of a proposal on an uploaded corpus: JSON Lines, one ad per line (`id`, `title`,
/// `text` | `html` | `jobPosting`, `lang`), instead of the stored ads.
#[utoipa::path(
    post, path = "/api/v1/proposals/{id}/impact", tag = "community",
    params(("id" = i64, Path, description = "The proposal's number")),
    request_body(content = String, content_type = "text/plain", description = "JSON Lines (also sent as application/x-ndjson): one ad per line, at most 5,000"),
    responses(
        (status = 200, description = "The impact on the uploaded ads", body = Impact),
        (status = 404, description = "No such proposal", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The proposal is released or rejected", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "Body too large", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A line is not an ad, too many ads, or the changes no longer apply", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn corpus_impact(
    State(state): State<AppState>,
    Id(id): Id,
    request: axum::extract::Request,
) -> Result<Json<Impact>, Problem> {
    let proposal = load(&state, id).await?;
    if !matches!(proposal.status, ProposalStatus::Open | ProposalStatus::Accepted) {
        return Err(Problem::new(
            StatusCode::CONFLICT,
            "conflict",
            "Not possible now",
            format!("proposal {id} is {}", proposal.status),
        ));
    }
    let body = crate::extract::read_body(request, state.limits().batch_body_bytes).await?;
    let text =
        std::str::from_utf8(&body).map_err(|_| Problem::invalid("body", "the corpus must be UTF-8 JSON Lines"))?;
    let mut ads = Vec::new();
    for (n, line) in text.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()) {
        let value: serde_json::Value = serde_json::from_str(line)
            .map_err(|e| Problem::invalid("body", format!("line {}: not JSON: {e}", n + 1)))?;
        serde_json::from_value::<crate::wire::AdInput>(value.clone())
            .map_err(|e| Problem::invalid("body", format!("line {}: not an ad: {e}", n + 1)))?;
        let name = value.get("id").and_then(|v| v.as_str()).map_or_else(|| format!("line {}", n + 1), str::to_owned);
        ads.push((name, line.to_owned()));
        if ads.len() > MAX_UPLOADED_ADS {
            return Err(Problem::invalid("body", format!("more than {MAX_UPLOADED_ADS} ads")));
        }
    }
    let changes = changes_of(&proposal)?;
    let (base, old) = (state.norms().current_document()?, state.analyzer());
    let computed = tokio::task::spawn_blocking(move || impact::compute(&base, &old, &changes, &ads))
        .await
        .map_err(|_| Problem::internal("computing the impact"))??;
    Ok(Json(computed))
}

/// Votes yes, no or abstain (members, while the vote is open); a second vote replaces the first.
#[utoipa::path(
    post, path = "/api/v1/proposals/{id}/votes", tag = "community",
    params(("id" = i64, Path, description = "The proposal's number")),
    request_body(content = VoteRequest, content_type = "application/json"),
    responses(
        (status = 200, description = "The vote is recorded", body = VoteResponse),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such proposal", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The vote is closed", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Not yes, no or abstain", body = Problem, content_type = "application/problem+json"),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "Body too large", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Not JSON", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn vote(
    State(state): State<AppState>,
    Id(id): Id,
    me: CurrentUser,
    ApiJson(request): ApiJson<VoteRequest>,
) -> Result<Json<VoteResponse>, Problem> {
    let vote = Vote::parse(&request.vote).ok_or_else(|| {
        Problem::invalid("vote", format!("field `vote`: {:?} is not yes, no or abstain", request.vote))
    })?;
    cast(&state, id, &me, vote).await.map(Json)
}

/// Records `me`'s vote on proposal `id`.
pub(crate) async fn cast(state: &AppState, id: i64, me: &CurrentUser, vote: Vote) -> Result<VoteResponse, Problem> {
    let proposal = load(state, id).await?;
    let tally = state.store().cast_vote(id, me.user.id, vote).await.map_err(conflict_or_unavailable)?;
    Ok(VoteResponse { vote: vote.to_string(), votes: votes(state, &proposal, &tally) })
}

/// Closes a proposal's vote (maintainers): accepted if the votes pass, else rejected.
#[utoipa::path(
    post, path = "/api/v1/proposals/{id}/close", tag = "community",
    params(("id" = i64, Path, description = "The proposal's number")),
    responses(
        (status = 200, description = "The vote is closed", body = CloseResponse),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not a maintainer", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such proposal", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The vote is closed already", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn close_vote(
    State(state): State<AppState>,
    Id(id): Id,
    me: CurrentUser,
) -> Result<Json<CloseResponse>, Problem> {
    me.require_maintainer()?;
    let proposal = load(&state, id).await?;
    let config = state.community().clone();
    let decide = move |tally: &Tally| {
        if config.passes(tally).is_ok() { ProposalStatus::Accepted } else { ProposalStatus::Rejected }
    };
    let (status, tally) = state.store().close_vote(me.user.id, id, decide).await.map_err(conflict_or_unavailable)?;
    let closed = Proposal { status, ..proposal };
    Ok(Json(CloseResponse { status: status.to_string(), votes: votes(&state, &closed, &tally) }))
}

/// The audit log, newest first (maintainers).
#[utoipa::path(
    get, path = "/api/v1/audit", tag = "community",
    responses(
        (status = 200, description = "Moderation, role changes, closed votes and releases, newest first", body = Vec<AuditView>),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not a maintainer", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn audit(State(state): State<AppState>, me: CurrentUser) -> Result<Json<Vec<AuditView>>, Problem> {
    me.require_maintainer()?;
    let log = state.store().audit_log(500).await.map_err(|e| store_problem(&e))?;
    Ok(Json(
        log.into_iter()
            .map(|e| AuditView {
                id: e.id,
                at: e.at,
                actor: e.actor,
                action: e.action,
                target: e.target,
                detail: e.detail,
            })
            .collect(),
    ))
}
