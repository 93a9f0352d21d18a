//! The community's pages: proposals (list, new, one with impact, debate and votes), the
//! moderation queue, releases (list, one, diff), the debate rules. Every form carries the CSRF
//! token; every action checks the account's role as the API does.

use askama::Template;
use axum::Form;
use axum::extract::rejection::FormRejection;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode, Uri};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use rolenorm_norm::{Change, Scope};
use rolenorm_store::{CommentStatus, Vote};
use serde::Deserialize;

use super::api::{self, ProposalRequest, ProposalSummaryView, ProposalView};
use super::debate::{self, CommentRequest, CommentView, QueuedComment, render_markdown};
use super::releases::{self, ReleaseRequest, VersionSummary, VersionView};
use crate::AppState;
use crate::accounts::Id;
use crate::accounts::pages::{CsrfForm, WithCsrf, accept_form, with_csrf};
use crate::accounts::{CurrentUser, MaybeUser};
use crate::problem::Problem;
use crate::web::{Chrome, message_page};

/// The community's page routes.
pub fn router() -> axum::Router<AppState> {
    axum::Router::new()
        .route("/proposals", get(list_page))
        .route("/proposals/new", get(new_page).post(new_submit))
        .route("/proposals/{id}", get(proposal_page))
        .route("/proposals/{id}/comment", post(comment_submit))
        .route("/proposals/{id}/vote", post(vote_submit))
        .route("/proposals/{id}/close", post(close_submit))
        .route("/comments/{id}/moderate", post(moderate_submit))
        .route("/comments/{id}/flag", post(flag_submit))
        .route("/moderation", get(moderation_page))
        .route("/releases", get(releases_page).post(release_submit))
        .route("/releases/diff", get(diff_page))
        .route("/releases/{version}", get(release_page))
        .route("/debate-rules", get(rules_page))
        .route("/audit", get(audit_page))
}

/// The chrome of a page, with the signed-in account when there is one.
fn chrome(state: &AppState, uri: &Uri, headers: &HeaderMap, me: Option<&CurrentUser>) -> Chrome {
    let c = Chrome::new(state, uri.path(), uri.query(), headers);
    match me {
        Some(me) => c.signed_in(&me.user),
        None => c,
    }
}

/// A problem as an HTML page.
fn problem_page(c: &Chrome, problem: &Problem) -> Response {
    let status = StatusCode::from_u16(problem.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    message_page(c, status, &problem.title, &problem.detail)
}

/// The outcome of a form: on to `to`, or the problem as a page.
fn after<T>(c: &Chrome, outcome: Result<T, Problem>, to: impl FnOnce(T) -> String) -> Response {
    match outcome {
        Ok(value) => Redirect::to(&to(value)).into_response(),
        Err(problem) => problem_page(c, &problem),
    }
}

#[derive(Template)]
#[template(path = "proposals.html")]
struct ListPage<'a> {
    c: &'a Chrome,
    proposals: Vec<ProposalSummaryView>,
    discussed: Vec<(i64, String, i64)>,
    signed_in: bool,
    moderator: bool,
}

/// `GET /proposals`.
async fn list_page(State(state): State<AppState>, uri: Uri, headers: HeaderMap, MaybeUser(me): MaybeUser) -> Response {
    let c = chrome(&state, &uri, &headers, me.as_ref());
    let since = api::now() - 30 * 86_400;
    let discussed = state.store().most_discussed(since, 5).await;
    match (api::summaries(&state).await, discussed) {
        (Ok(proposals), Ok(discussed)) => {
            let moderator = me.as_ref().is_some_and(|m| m.user.role.can_moderate());
            let page = ListPage { c: &c, proposals, discussed, signed_in: me.is_some(), moderator };
            c.respond(StatusCode::OK, page.render())
        }
        (Err(problem), _) => problem_page(&c, &problem),
        (_, Err(error)) => problem_page(&c, &crate::accounts::store_problem(&error)),
    }
}

/// A task or role for a select box.
struct Choice {
    id: String,
    label: String,
}

#[derive(Template)]
#[template(path = "proposal_new.html")]
struct NewPage<'a> {
    c: &'a Chrome,
    tasks: Vec<Choice>,
    roles: Vec<Choice>,
    form: NewForm,
    error: Option<String>,
}

/// The new-proposal form: a scope change from the select boxes, or any operations as JSON.
#[derive(Debug, Default, Deserialize)]
struct NewForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    title: String,
    #[serde(default)]
    rationale: String,
    #[serde(default)]
    task: String,
    #[serde(default)]
    role: String,
    #[serde(default)]
    scope: String,
    #[serde(default)]
    changes: String,
}

with_csrf!(NewForm);

impl NewForm {
    /// The operations: the JSON if given, else the one scope change.
    fn changes(&self) -> Result<Vec<Change>, String> {
        if !self.changes.trim().is_empty() {
            return serde_json::from_str(&self.changes)
                .map_err(|e| format!("the operations are not valid JSON operations: {e}"));
        }
        let scope = match self.scope.as_str() {
            "core" => Scope::Core,
            "optional" => Scope::Optional,
            "excluded" => Scope::Excluded,
            _ => return Err("choose a scope, or give the operations as JSON".to_owned()),
        };
        Ok(vec![Change::SetScope { task: self.task.clone(), role: self.role.clone(), scope, owner: None }])
    }
}

fn new_page_of(state: &AppState, c: &Chrome, form: NewForm, error: Option<String>, status: StatusCode) -> Response {
    let norm = state.norm();
    let lang = c.lang.into();
    let tasks = norm
        .tasks()
        .iter()
        .map(|t| Choice { id: t.id.clone(), label: format!("{} {}", t.id, t.name.get(lang)) })
        .collect();
    let roles = norm.roles().iter().map(|r| Choice { id: r.id.clone(), label: r.name.get(lang).to_owned() }).collect();
    c.respond(status, NewPage { c, tasks, roles, form, error }.render())
}

/// `GET /proposals/new` (members).
async fn new_page(State(state): State<AppState>, uri: Uri, headers: HeaderMap, me: CurrentUser) -> Response {
    let c = chrome(&state, &uri, &headers, Some(&me));
    new_page_of(&state, &c, NewForm::default(), None, StatusCode::OK)
}

/// `POST /proposals/new`.
async fn new_submit(
    State(state): State<AppState>,
    uri: Uri,
    headers: HeaderMap,
    me: CurrentUser,
    form: Result<Form<NewForm>, FormRejection>,
) -> Response {
    let c = chrome(&state, &uri, &headers, Some(&me));
    let form = match accept_form(&c, &headers, form) {
        Ok(form) => form,
        Err(response) => return response,
    };
    let changes = match form.changes() {
        Ok(changes) => changes,
        Err(error) => return new_page_of(&state, &c, form, Some(error), StatusCode::UNPROCESSABLE_ENTITY),
    };
    let request = ProposalRequest { title: form.title.clone(), rationale: form.rationale.clone(), changes };
    match api::propose(&state, &me, request).await {
        Ok(id) => Redirect::to(&format!("/proposals/{id}")).into_response(),
        Err(problem) => {
            let status = StatusCode::from_u16(problem.status).unwrap_or(StatusCode::UNPROCESSABLE_ENTITY);
            new_page_of(&state, &c, form, Some(problem.detail), status)
        }
    }
}

#[derive(Template)]
#[template(path = "proposal.html")]
struct ProposalPage<'a> {
    c: &'a Chrome,
    p: ProposalView,
    top: Vec<(CommentView, Vec<CommentView>)>,
    me: Option<CurrentUser>,
    moderator: bool,
    maintainer: bool,
}

/// `GET /proposals/{id}`.
async fn proposal_page(
    State(state): State<AppState>,
    Id(id): Id,
    uri: Uri,
    headers: HeaderMap,
    MaybeUser(me): MaybeUser,
) -> Response {
    let c = chrome(&state, &uri, &headers, me.as_ref());
    let p = match api::view(&state, id, me.as_ref()).await {
        Ok(p) => p,
        Err(problem) => return problem_page(&c, &problem),
    };
    let top = p
        .comments
        .iter()
        .filter(|c| c.parent_id.is_none())
        .map(|t| (t.clone(), p.comments.iter().filter(|r| r.parent_id == Some(t.id)).cloned().collect()))
        .collect();
    let moderator = me.as_ref().is_some_and(|m| m.user.role.can_moderate());
    let maintainer = me.as_ref().is_some_and(|m| m.user.role.is_maintainer());
    c.respond(StatusCode::OK, ProposalPage { c: &c, p, top, me, moderator, maintainer }.render())
}

/// The comment form.
#[derive(Debug, Deserialize)]
struct CommentForm {
    csrf: String,
    body: String,
    #[serde(default)]
    parent_id: Option<String>,
}

with_csrf!(CommentForm);

/// `POST /proposals/{id}/comment`.
async fn comment_submit(
    State(state): State<AppState>,
    Id(id): Id,
    uri: Uri,
    headers: HeaderMap,
    me: CurrentUser,
    form: Result<Form<CommentForm>, FormRejection>,
) -> Response {
    let c = chrome(&state, &uri, &headers, Some(&me));
    let form = match accept_form(&c, &headers, form) {
        Ok(form) => form,
        Err(response) => return response,
    };
    let parent_id = form.parent_id.as_deref().and_then(|p| p.trim().parse().ok());
    let outcome = debate::comment(&state, id, &me, CommentRequest { body: form.body, parent_id }).await;
    after(&c, outcome, |created| format!("/proposals/{id}#comment-{}", created.id))
}

/// The vote form.
#[derive(Debug, Deserialize)]
struct VoteForm {
    csrf: String,
    vote: String,
}

with_csrf!(VoteForm);

/// `POST /proposals/{id}/vote`.
async fn vote_submit(
    State(state): State<AppState>,
    Id(id): Id,
    uri: Uri,
    headers: HeaderMap,
    me: CurrentUser,
    form: Result<Form<VoteForm>, FormRejection>,
) -> Response {
    let c = chrome(&state, &uri, &headers, Some(&me));
    let form = match accept_form(&c, &headers, form) {
        Ok(form) => form,
        Err(response) => return response,
    };
    let outcome = match Vote::parse(&form.vote) {
        Some(vote) => api::cast(&state, id, &me, vote).await,
        None => Err(Problem::invalid("vote", "choose yes, no or abstain")),
    };
    after(&c, outcome, |_| format!("/proposals/{id}#votes"))
}

/// `POST /proposals/{id}/close` (maintainers).
async fn close_submit(
    State(state): State<AppState>,
    Id(id): Id,
    uri: Uri,
    headers: HeaderMap,
    me: CurrentUser,
    form: Result<Form<CsrfForm>, FormRejection>,
) -> Response {
    let c = chrome(&state, &uri, &headers, Some(&me));
    if let Err(response) = accept_form(&c, &headers, form) {
        return response;
    }
    let outcome = api::close_vote(State(state.clone()), Id(id), me).await;
    after(&c, outcome, |_| format!("/proposals/{id}#votes"))
}

/// The moderation form.
#[derive(Debug, Deserialize)]
struct ModerateForm {
    csrf: String,
    action: String,
    #[serde(default)]
    reason: String,
    #[serde(default)]
    back: String,
}

with_csrf!(ModerateForm);

/// A local page to return to (never another site).
fn back_to(back: &str, fallback: &str) -> String {
    if back.starts_with('/') && !back.starts_with("//") && !back.contains('\\') {
        back.to_owned()
    } else {
        fallback.to_owned()
    }
}

/// `POST /comments/{id}/moderate` (moderators): approve, reject or hide.
async fn moderate_submit(
    State(state): State<AppState>,
    Id(id): Id,
    uri: Uri,
    headers: HeaderMap,
    me: CurrentUser,
    form: Result<Form<ModerateForm>, FormRejection>,
) -> Response {
    let c = chrome(&state, &uri, &headers, Some(&me));
    let form = match accept_form(&c, &headers, form) {
        Ok(form) => form,
        Err(response) => return response,
    };
    let status = match form.action.as_str() {
        "approve" => CommentStatus::Approved,
        "reject" => CommentStatus::Rejected,
        "hide" => CommentStatus::Hidden,
        _ => return problem_page(&c, &Problem::invalid("action", "approve, reject or hide")),
    };
    let outcome = debate::moderate(&state, &me, id, status, Some(form.reason)).await;
    let back = back_to(&form.back, "/moderation");
    after(&c, outcome, |_| back)
}

/// The flag form.
#[derive(Debug, Deserialize)]
struct FlagForm {
    csrf: String,
    reason: String,
    #[serde(default)]
    back: String,
}

with_csrf!(FlagForm);

/// `POST /comments/{id}/flag` (members).
async fn flag_submit(
    State(state): State<AppState>,
    Id(id): Id,
    uri: Uri,
    headers: HeaderMap,
    me: CurrentUser,
    form: Result<Form<FlagForm>, FormRejection>,
) -> Response {
    let c = chrome(&state, &uri, &headers, Some(&me));
    let form = match accept_form(&c, &headers, form) {
        Ok(form) => form,
        Err(response) => return response,
    };
    let outcome = debate::flag_comment(&state, &me, id, &form.reason).await;
    let back = back_to(&form.back, "/proposals");
    after(&c, outcome, |_| back)
}

#[derive(Template)]
#[template(path = "moderation.html")]
struct ModerationPage<'a> {
    c: &'a Chrome,
    queue: Vec<QueuedComment>,
}

/// `GET /moderation` (moderators).
async fn moderation_page(State(state): State<AppState>, uri: Uri, headers: HeaderMap, me: CurrentUser) -> Response {
    let c = chrome(&state, &uri, &headers, Some(&me));
    if let Err(problem) = me.require_moderator() {
        return problem_page(&c, &problem);
    }
    match debate::queued(&state).await {
        Ok(queue) => c.respond(StatusCode::OK, ModerationPage { c: &c, queue }.render()),
        Err(problem) => problem_page(&c, &problem),
    }
}

#[derive(Template)]
#[template(path = "releases.html")]
struct ReleasesPage<'a> {
    c: &'a Chrome,
    versions: Vec<VersionSummary>,
    releasable: Vec<ProposalSummaryView>,
    maintainer: bool,
}

/// `GET /releases`: every version, the diff form, and for maintainers the release form.
async fn releases_page(
    State(state): State<AppState>,
    uri: Uri,
    headers: HeaderMap,
    MaybeUser(me): MaybeUser,
) -> Response {
    let c = chrome(&state, &uri, &headers, me.as_ref());
    let maintainer = me.as_ref().is_some_and(|m| m.user.role.is_maintainer());
    let (versions, proposals) = match (releases::list(&state).await, api::summaries(&state).await) {
        (Ok(v), Ok(p)) => (v, p),
        (Err(problem), _) | (_, Err(problem)) => return problem_page(&c, &problem),
    };
    let releasable =
        proposals.into_iter().filter(|p| p.status == "accepted" || (p.status == "open" && p.votes.passes)).collect();
    c.respond(StatusCode::OK, ReleasesPage { c: &c, versions, releasable, maintainer }.render())
}

/// The release form: the proposals ticked, the version.
#[derive(Debug, Deserialize)]
struct ReleaseForm {
    csrf: String,
    #[serde(default)]
    version: String,
    #[serde(default)]
    proposals: String,
}

with_csrf!(ReleaseForm);

/// `POST /releases` (maintainers). The ticked proposals come as repeated `proposal` fields,
/// which a plain form decoder cannot collect; they are read from the raw body.
async fn release_submit(
    State(state): State<AppState>,
    uri: Uri,
    headers: HeaderMap,
    me: CurrentUser,
    body: String,
) -> Response {
    let c = chrome(&state, &uri, &headers, Some(&me));
    let mut ids = Vec::new();
    let mut fields = ReleaseForm { csrf: String::new(), version: String::new(), proposals: String::new() };
    for (key, value) in form_urlencoded::parse(body.as_bytes()) {
        match key.as_ref() {
            "csrf" => fields.csrf = value.into_owned(),
            "version" => fields.version = value.into_owned(),
            "proposal" => ids.extend(value.parse::<i64>().ok()),
            _ => {}
        }
    }
    fields.proposals = ids.iter().map(i64::to_string).collect::<Vec<_>>().join(",");
    let form = match accept_form(&c, &headers, Ok(Form(fields))) {
        Ok(form) => form,
        Err(response) => return response,
    };
    if let Err(problem) = me.require_maintainer() {
        return problem_page(&c, &problem);
    }
    let version = Some(form.version.trim().to_owned()).filter(|v| !v.is_empty());
    let outcome = releases::release(&state, &me, ReleaseRequest { proposals: ids, version }).await;
    after(&c, outcome, |release| format!("/releases/{}", release.version))
}

#[derive(Template)]
#[template(path = "release.html")]
struct ReleasePage<'a> {
    c: &'a Chrome,
    v: VersionView,
    changelog_html: String,
    diff: Option<String>,
}

/// `GET /releases/{version}`: changelog, proposals, the diff to the version before.
async fn release_page(
    State(state): State<AppState>,
    Path(version): Path<String>,
    uri: Uri,
    headers: HeaderMap,
    MaybeUser(me): MaybeUser,
) -> Response {
    let c = chrome(&state, &uri, &headers, me.as_ref());
    let v = match releases::version_view(&state, &version).await {
        Ok(v) => v,
        Err(problem) => return problem_page(&c, &problem),
    };
    let diff = match &v.summary.previous {
        Some(previous) => releases::diff_between(&state, previous, &version).await.ok().map(|d| d.render_text()),
        None => None,
    };
    let changelog_html = render_markdown(&v.changelog);
    c.respond(StatusCode::OK, ReleasePage { c: &c, v, changelog_html, diff }.render())
}

/// `?from=&to=` of the diff page.
#[derive(Debug, Deserialize)]
struct DiffForm {
    #[serde(default)]
    from: String,
    #[serde(default)]
    to: String,
}

#[derive(Template)]
#[template(path = "release_diff.html")]
struct DiffPage<'a> {
    c: &'a Chrome,
    from: String,
    to: String,
    bump: String,
    required: String,
    text: String,
}

/// `GET /releases/diff?from=&to=`: the diff between any two versions.
async fn diff_page(
    State(state): State<AppState>,
    uri: Uri,
    headers: HeaderMap,
    MaybeUser(me): MaybeUser,
    query: Result<Query<DiffForm>, axum::extract::rejection::QueryRejection>,
) -> Response {
    let c = chrome(&state, &uri, &headers, me.as_ref());
    let Ok(Query(q)) = query else {
        return problem_page(&c, &Problem::invalid("from", "give two versions: ?from=…&to=…"));
    };
    match releases::diff_between(&state, &q.from, &q.to).await {
        Ok(diff) => {
            let page = DiffPage {
                c: &c,
                bump: diff.bump.as_str().to_owned(),
                required: diff.required_version.clone(),
                text: diff.render_text(),
                from: q.from,
                to: q.to,
            };
            c.respond(StatusCode::OK, page.render())
        }
        Err(problem) => problem_page(&c, &problem),
    }
}

#[derive(Template)]
#[template(path = "debate_rules.html")]
struct RulesPage<'a> {
    c: &'a Chrome,
    quorum: i64,
    majority: String,
}

/// `GET /debate-rules`.
async fn rules_page(State(state): State<AppState>, uri: Uri, headers: HeaderMap, MaybeUser(me): MaybeUser) -> Response {
    let c = chrome(&state, &uri, &headers, me.as_ref());
    let config = state.community();
    let majority = format!("{:.0} %", config.majority * 100.0);
    c.respond(StatusCode::OK, RulesPage { c: &c, quorum: config.quorum, majority }.render())
}

/// A line of the audit log for people.
struct AuditLine {
    at: String,
    actor: String,
    action: String,
    target: String,
    detail: String,
}

#[derive(Template)]
#[template(path = "audit.html")]
struct AuditPage<'a> {
    c: &'a Chrome,
    lines: Vec<AuditLine>,
}

/// `GET /audit` (maintainers): moderation, role changes, closed votes and releases, newest first.
async fn audit_page(State(state): State<AppState>, uri: Uri, headers: HeaderMap, me: CurrentUser) -> Response {
    let c = chrome(&state, &uri, &headers, Some(&me));
    let log = match api::audit(State(state.clone()), me).await {
        Ok(axum::Json(log)) => log,
        Err(problem) => return problem_page(&c, &problem),
    };
    let mut names = std::collections::HashMap::new();
    let mut lines = Vec::new();
    for entry in log {
        let actor = match entry.actor {
            None => c.tr("command line", "Kommandozeile").to_owned(),
            Some(id) => {
                if let std::collections::hash_map::Entry::Vacant(slot) = names.entry(id) {
                    let name = state.store().user(id).await.ok().flatten().map_or_else(|| format!("#{id}"), |u| u.name);
                    slot.insert(name);
                }
                names.get(&id).cloned().unwrap_or_default()
            }
        };
        let at = jiff::Timestamp::from_second(entry.at)
            .map(|t| t.strftime("%Y-%m-%d %H:%M UTC").to_string())
            .unwrap_or_default();
        lines.push(AuditLine { at, actor, action: entry.action, target: entry.target, detail: entry.detail });
    }
    c.respond(StatusCode::OK, AuditPage { c: &c, lines }.render())
}
