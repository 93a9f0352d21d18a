//! Reviews and credentials: the holder's page (`/holder/{key}`: the decision, share, hide,
//! withdraw), the assessors' pages (`/reviews`, `/reviews/{id}`: the evidence, approve or
//! decline with a reason) and the public credential page (`/c/{id}`).

use askama::Template;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, Uri, header};
use axum::response::{IntoResponse, Redirect, Response};
use rolenorm_assess::Assessment;
use rolenorm_store::{Review, ReviewStatus, StoredCredential};

use super::Chrome;
use super::assess_page::{ChecklistItem, checklist, holder_hash};
use super::form::Fields;
use super::pages::{csrf_ok, message_page};
use super::verify_page::{self, VerifyView};
use super::view::Named;
use crate::AppState;
use crate::accounts::MaybeUser;
use crate::issuer::Grant;
use crate::reviewer::{Access, Reviewer};

/// The longest reason accepted.
const REASON_LIMIT: usize = 2000;
/// The most reviews listed at once.
const LIST_LIMIT: usize = 200;

/// A review as the holder's and the assessor's pages show it.
#[derive(Debug, Clone)]
pub struct ReviewView {
    /// The review id.
    pub id: String,
    /// The holder's name.
    pub holder: String,
    /// The role asked for.
    pub role: Named,
    /// Submitted at (epoch seconds).
    pub created_at: i64,
    /// `pending`, `approved`, `declined`.
    pub status: &'static str,
    /// The status in words.
    pub status_label: &'static str,
    /// Decided at.
    pub decided_at: Option<i64>,
    /// Decided by.
    pub decided_by: Option<String>,
    /// The reason given.
    pub reason: Option<String>,
}

/// What the holder may do with their credential.
#[derive(Debug, Clone)]
pub struct CredentialView {
    /// The page id.
    pub id: String,
    /// Revoked (withdrawn).
    pub revoked: bool,
    /// Page hidden.
    pub hidden: bool,
}

fn review_view(state: &AppState, c: &Chrome, review: &Review) -> ReviewView {
    let (status, status_label) = match review.status {
        ReviewStatus::Pending => ("pending", c.ct.status_pending),
        ReviewStatus::Approved => ("approved", c.ct.status_approved),
        ReviewStatus::Declined => ("declined", c.ct.status_declined),
    };
    let role = state.norm().role(&review.role).map_or_else(
        || Named { id: review.role.clone(), name: review.role.clone() },
        |r| Named { id: r.id.clone(), name: r.name.get(c.lang.into()).to_owned() },
    );
    ReviewView {
        id: review.id.clone(),
        holder: review.holder_name.clone(),
        role,
        created_at: review.created_at,
        status,
        status_label,
        decided_at: review.decided_at,
        decided_by: review.decided_by.clone(),
        reason: review.reason.clone(),
    }
}

fn store_failed(c: &Chrome, error: &rolenorm_store::StoreError) -> Response {
    tracing::error!(error = %error, "the credential store failed");
    message_page(c, StatusCode::SERVICE_UNAVAILABLE, c.t.error, "the database could not answer; try again")
}

fn not_found(c: &Chrome) -> Response {
    message_page(c, StatusCode::NOT_FOUND, c.t.not_found, c.t.not_found_text)
}

/// What a lookup found, or the page saying it is not there or the store failed.
fn found<T>(c: &Chrome, lookup: Result<Option<T>, rolenorm_store::StoreError>) -> Result<T, Response> {
    match lookup {
        Ok(Some(value)) => Ok(value),
        Ok(None) => Err(not_found(c)),
        Err(error) => Err(store_failed(c, &error)),
    }
}

#[derive(Template)]
#[template(path = "holder.html")]
struct HolderPage<'a> {
    c: &'a Chrome,
    key: String,
    r: ReviewView,
    credential: Option<CredentialView>,
}

/// The review and credential of the holder key `key`.
async fn holder_review(
    state: &AppState,
    key: &str,
) -> Result<Option<(Review, Option<StoredCredential>)>, rolenorm_store::StoreError> {
    if key.len() != 32 || !key.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Ok(None);
    }
    let Some(review) = state.store().review_of_holder(&holder_hash(key)).await? else { return Ok(None) };
    let credential = state.store().credential_of_review(&review.id).await?;
    Ok(Some((review, credential)))
}

/// `GET /holder/{key}`: the holder's request, its decision and their credential.
pub async fn holder_page(
    State(state): State<AppState>,
    Path(key): Path<String>,
    uri: Uri,
    headers: HeaderMap,
) -> Response {
    let c = Chrome::new(&state, uri.path(), uri.query(), &headers);
    let (review, credential) = match found(&c, holder_review(&state, &key).await) {
        Ok(found) => found,
        Err(page) => return page,
    };
    let credential = credential.map(|s| CredentialView { id: s.id, revoked: s.revoked_at.is_some(), hidden: s.hidden });
    let page = HolderPage { c: &c, key, r: review_view(&state, &c, &review), credential };
    let mut response = c.respond(StatusCode::OK, page.render());
    // The address is the holder's secret: no caches, no search engines.
    response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response.headers_mut().insert("x-robots-tag", HeaderValue::from_static("noindex"));
    response
}

/// `POST /holder/{key}`: `action` = `withdraw` (revoke), `hide` or `show` the public page.
pub async fn holder_action(
    State(state): State<AppState>,
    Path(key): Path<String>,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let c = Chrome::new(&state, uri.path(), uri.query(), &headers);
    let fields = Fields::urlencoded(&body);
    if !csrf_ok(&headers, fields.get("csrf")) {
        return message_page(&c, StatusCode::FORBIDDEN, c.t.error, c.t.csrf_failed);
    }
    let credential = match holder_review(&state, &key).await {
        Ok(Some((_, Some(credential)))) => credential,
        Ok(_) => return not_found(&c),
        Err(error) => return store_failed(&c, &error),
    };
    let Some(issuer) = state.issuer() else {
        return message_page(&c, StatusCode::SERVICE_UNAVAILABLE, c.t.error, c.ct.no_issuer);
    };
    let outcome = match fields.get("action") {
        "withdraw" => issuer.revoke(state.store(), &credential.id, "holder").await.map(|_| ()),
        "hide" | "show" => {
            let hidden = fields.get("action") == "hide";
            state.store().set_credential_hidden(&credential.id, hidden).await.map(|_| ()).map_err(|e| {
                tracing::error!(error = %e, "hiding a credential page failed");
                crate::problem::Problem::unavailable("the database could not answer; try again")
            })
        }
        other => {
            let text = format!("field action: {other:?} is none of withdraw, hide, show");
            return message_page(&c, StatusCode::UNPROCESSABLE_ENTITY, c.t.error, &text);
        }
    };
    match outcome {
        Ok(()) => Redirect::to(&format!("/holder/{key}")).into_response(),
        Err(problem) => message_page(&c, StatusCode::SERVICE_UNAVAILABLE, c.t.error, &problem.detail),
    }
}

#[derive(Template)]
#[template(path = "reviews.html")]
struct ListPage<'a> {
    c: &'a Chrome,
    reviewer: Reviewer,
    pending: Vec<ReviewView>,
}

/// The reviewer of this request, or the page that sends everyone else away: to the login
/// page when not signed in, 403 for accounts that may not review.
fn reviewer(c: &Chrome, user: &MaybeUser) -> Result<Reviewer, Response> {
    match Access::of(user.0.as_ref(), &c.path) {
        Access::Granted(reviewer) => Ok(reviewer),
        Access::SignIn(path) => Err(Access::sign_in(path)),
        Access::Forbidden => Err(message_page(c, StatusCode::FORBIDDEN, c.ct.reviews_title, c.ct.reviews_forbidden)),
    }
}

/// `GET /reviews`: the pending reviews, oldest first (assessors and maintainers only).
pub async fn list_page(State(state): State<AppState>, user: MaybeUser, uri: Uri, headers: HeaderMap) -> Response {
    let c = Chrome::new(&state, uri.path(), uri.query(), &headers);
    let reviewer = match reviewer(&c, &user) {
        Ok(reviewer) => reviewer,
        Err(page) => return page,
    };
    let pending = match state.store().reviews(ReviewStatus::Pending, LIST_LIMIT).await {
        Ok(reviews) => reviews.iter().map(|r| review_view(&state, &c, r)).collect(),
        Err(error) => return store_failed(&c, &error),
    };
    c.respond(StatusCode::OK, ListPage { c: &c, reviewer, pending }.render())
}

/// The evidence an assessor reviews.
#[derive(Debug, Clone)]
pub struct EvidenceView {
    /// The role's core tasks with state and evidence.
    pub items: Vec<ChecklistItem>,
    /// The fit for the role, in percent.
    pub fit: u32,
    /// Tasks shown outside the role.
    pub out_of_scope: Vec<String>,
    /// The best-fitting roles.
    pub best: Vec<String>,
    /// Where the tasks came from.
    pub source: &'static str,
    /// What was submitted.
    pub input: String,
}

#[derive(Template)]
#[template(path = "review.html")]
struct ReviewPage<'a> {
    c: &'a Chrome,
    reviewer: Reviewer,
    r: ReviewView,
    e: EvidenceView,
    credential: Option<String>,
    error: Option<String>,
}

fn evidence(state: &AppState, c: &Chrome, review: &Review, assessment: &Assessment) -> EvidenceView {
    let fit = assessment.fits.iter().find(|f| f.role == review.role);
    let input: serde_json::Value = serde_json::from_str(&review.input).unwrap_or_default();
    let task_name = |id: &String| {
        state.norm().task(id).map_or_else(|| id.clone(), |t| format!("{id} {}", t.name.get(c.lang.into())))
    };
    let norm = state.norm();
    let role_name =
        |id: &String| state.norm().role(id).map_or_else(|| id.clone(), |r| r.name.get(c.lang.into()).to_owned());
    EvidenceView {
        items: fit.map_or_else(Vec::new, |f| checklist(&norm, c, assessment, f)),
        fit: fit.map_or(0, |f| (f.fit.clamp(0.0, 1.0) * 100.0).round() as u32),
        out_of_scope: fit.map_or_else(Vec::new, |f| f.out_of_scope.iter().map(task_name).collect()),
        best: assessment.best.iter().map(role_name).collect(),
        source: if assessment.source == "profile" { c.ct.source_profile } else { c.ct.source_self },
        input: input["text"].as_str().unwrap_or_default().to_owned(),
    }
}

/// The page of review `id` for `reviewer`, with `error` shown above the forms.
async fn show_review(state: &AppState, c: &Chrome, reviewer: Reviewer, id: &str, error: Option<String>) -> Response {
    let review = match found(c, state.store().review(id).await) {
        Ok(review) => review,
        Err(page) => return page,
    };
    let Ok(assessment) = serde_json::from_str::<Assessment>(&review.assessment) else {
        return message_page(c, StatusCode::INTERNAL_SERVER_ERROR, c.t.error, "the stored assessment is unreadable");
    };
    let credential = match state.store().credential_of_review(id).await {
        Ok(credential) => credential.map(|s| s.id),
        Err(error) => return store_failed(c, &error),
    };
    let status = if error.is_some() { StatusCode::UNPROCESSABLE_ENTITY } else { StatusCode::OK };
    let page = ReviewPage {
        c,
        reviewer,
        r: review_view(state, c, &review),
        e: evidence(state, c, &review, &assessment),
        credential,
        error,
    };
    c.respond(status, page.render())
}

/// `GET /reviews/{id}`: the evidence, and the approve and decline forms.
pub async fn review_page(
    State(state): State<AppState>,
    Path(id): Path<String>,
    user: MaybeUser,
    uri: Uri,
    headers: HeaderMap,
) -> Response {
    let c = Chrome::new(&state, uri.path(), uri.query(), &headers);
    let reviewer = match reviewer(&c, &user) {
        Ok(reviewer) => reviewer,
        Err(page) => return page,
    };
    show_review(&state, &c, reviewer, &id, None).await
}

/// `POST /reviews/{id}`: `decision` = `approve` (issues the credential) or `decline`, with a
/// `reason` (required to decline).
pub async fn decide(
    State(state): State<AppState>,
    Path(id): Path<String>,
    user: MaybeUser,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let c = Chrome::new(&state, uri.path(), uri.query(), &headers);
    let reviewer = match reviewer(&c, &user) {
        Ok(reviewer) => reviewer,
        Err(page) => return page,
    };
    let fields = Fields::urlencoded(&body);
    if !csrf_ok(&headers, fields.get("csrf")) {
        return message_page(&c, StatusCode::FORBIDDEN, c.t.error, c.t.csrf_failed);
    }
    let reason = fields.get("reason").trim().to_owned();
    if reason.chars().count() > REASON_LIMIT {
        let error = format!("field reason: at most {REASON_LIMIT} characters");
        return show_review(&state, &c, reviewer, &id, Some(error)).await;
    }
    let outcome = match fields.get("decision") {
        "approve" => approve(&state, &reviewer, &id, &reason).await,
        "decline" if reason.is_empty() => Err(c.ct.reason_needed.to_owned()),
        "decline" => decline(&state, &reviewer, &id, &reason).await,
        other => Err(format!("field decision: {other:?} is neither approve nor decline")),
    };
    match outcome {
        Ok(()) => Redirect::to(&format!("/reviews/{id}")).into_response(),
        Err(error) => show_review(&state, &c, reviewer, &id, Some(error)).await,
    }
}

async fn approve(state: &AppState, reviewer: &Reviewer, id: &str, reason: &str) -> Result<(), String> {
    let issuer = state.issuer().ok_or_else(|| "this server has no issuer key".to_owned())?;
    let review = state.store().review(id).await.map_err(|e| e.to_string())?.ok_or("no such review")?;
    let assessment: Assessment =
        serde_json::from_str(&review.assessment).map_err(|_| "the stored assessment is unreadable".to_owned())?;
    let grant = Grant {
        review_id: id,
        assessment: &assessment,
        role: &review.role,
        holder: &review.holder_name,
        assessor: &reviewer.label(),
        reason,
    };
    // The credential names the norm version the assessment applied, even after newer releases.
    let analyzer = state.norms().at(state.store(), Some(&assessment.norm.version)).await.map_err(|p| p.detail)?;
    issuer.approve(analyzer.norm(), state.store(), &grant).await.map(|_| ()).map_err(|p| p.detail)
}

async fn decline(state: &AppState, reviewer: &Reviewer, id: &str, reason: &str) -> Result<(), String> {
    let decision =
        rolenorm_store::Decision { review_id: id.to_owned(), by: reviewer.label(), reason: reason.to_owned() };
    match state.store().decline_review(decision).await {
        Ok(true) => Ok(()),
        Ok(false) => Err("this review is not pending any more".to_owned()),
        Err(error) => Err(error.to_string()),
    }
}

/// A shown credential and what its page needs.
async fn public_credential(state: &AppState, id: &str) -> Result<Option<StoredCredential>, rolenorm_store::StoreError> {
    if id.len() != 32 || !id.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Ok(None);
    }
    Ok(state.store().credential(id).await?.filter(|c| !c.hidden))
}

#[derive(Template)]
#[template(path = "credential.html")]
struct CredentialPage<'a> {
    c: &'a Chrome,
    id: String,
    v: VerifyView,
    criteria: Vec<(String, String)>,
    status_url: Option<String>,
    withdrawn: bool,
}

/// `GET /c/{id}`: the public page of a credential, verified now (404 when its holder hid it).
pub async fn credential_page(
    State(state): State<AppState>,
    Path(id): Path<String>,
    uri: Uri,
    headers: HeaderMap,
) -> Response {
    let c = Chrome::new(&state, uri.path(), uri.query(), &headers);
    let stored = match found(&c, public_credential(&state, &id).await) {
        Ok(stored) => stored,
        Err(page) => return page,
    };
    let Ok(credential) = serde_json::from_str::<serde_json::Value>(&stored.credential) else {
        return message_page(&c, StatusCode::INTERNAL_SERVER_ERROR, c.t.error, "the stored credential is unreadable");
    };
    let criteria = credential["credentialSubject"]["achievement"]["alignment"]
        .as_array()
        .map(|items| {
            items
                .iter()
                .filter(|a| a["targetType"] == "ext:rolenormTask")
                .map(|a| {
                    let code = a["targetCode"].as_str().unwrap_or_default().to_owned();
                    let name = state.norm().task(&code).map_or_else(
                        || a["targetName"].as_str().unwrap_or_default().to_owned(),
                        |t| t.name.get(c.lang.into()).to_owned(),
                    );
                    (code, name)
                })
                .collect()
        })
        .unwrap_or_default();
    let status_url = credential["credentialStatus"]["statusListCredential"].as_str().map(str::to_owned);
    let report = match crate::verification::verify_value(&state, credential, None).await {
        Ok(report) => report,
        Err(problem) => return message_page(&c, StatusCode::SERVICE_UNAVAILABLE, c.t.error, &problem.detail),
    };
    let v = verify_page::view(&state, &c, report);
    let page = CredentialPage { c: &c, id, v, criteria, status_url, withdrawn: stored.revoked_at.is_some() };
    c.respond(StatusCode::OK, page.render())
}

/// `GET /c/{id}/credential.json`: the signed credential as a download.
pub async fn credential_json(State(state): State<AppState>, Path(id): Path<String>) -> Response {
    match public_credential(&state, &id).await {
        Ok(Some(stored)) => {
            let disposition = format!("attachment; filename=\"credential-{id}.json\"");
            (
                [
                    (header::CONTENT_TYPE, "application/json".to_owned()),
                    (header::CONTENT_DISPOSITION, disposition),
                    (header::ACCESS_CONTROL_ALLOW_ORIGIN, "*".to_owned()),
                ],
                stored.credential,
            )
                .into_response()
        }
        Ok(None) => {
            crate::problem::Problem::not_found(format!("no public credential has the id {id:?}")).into_response()
        }
        Err(error) => {
            tracing::error!(error = %error, "loading a credential failed");
            crate::problem::Problem::unavailable("the credential could not be loaded; try again").into_response()
        }
    }
}
