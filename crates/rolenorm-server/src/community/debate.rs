//! The debate on proposals: comments in a safe Markdown subset (pulldown-cmark, sanitised with
//! ammonia), replies one level deep, pre-moderation, approve / reject / hide with a reason, flags.
//!
//! A comment of a member without an approved comment is `pending`: visible only to its author
//! and moderators until a moderator approves it. Moderators' comments and those of members
//! with an approved history are `approved` at once.

use std::collections::HashSet;

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use rolenorm_store::{Comment, CommentStatus, NewComment};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::api::{Author, load};
use crate::AppState;
use crate::accounts::Id;
use crate::accounts::{CurrentUser, forbidden, store_problem};
use crate::extract::ApiJson;
use crate::problem::Problem;

/// The longest comment, in bytes.
const MAX_COMMENT_BYTES: usize = 10_000;

/// Renders Markdown to HTML and keeps only a safe subset: paragraphs, emphasis, links (never
/// followed by search engines, opened without referrer), lists, quotes, code.
pub fn render_markdown(markdown: &str) -> String {
    let parser = pulldown_cmark::Parser::new_ext(markdown, pulldown_cmark::Options::ENABLE_STRIKETHROUGH);
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, parser);
    let tags: HashSet<&str> =
        ["p", "br", "em", "strong", "del", "a", "ul", "ol", "li", "blockquote", "code", "pre", "h2", "h3", "h4"]
            .into_iter()
            .collect();
    ammonia::Builder::default()
        .tags(tags)
        .link_rel(Some("nofollow noopener noreferrer"))
        .url_schemes(["http", "https", "mailto"].into_iter().collect())
        .clean(&html)
        .to_string()
}

/// A comment as the caller may see it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CommentView {
    /// Its number.
    pub id: i64,
    /// The comment it replies to.
    pub parent_id: Option<i64>,
    /// Who wrote it.
    pub author: Author,
    /// The Markdown as written.
    pub body: String,
    /// Rendered and sanitised.
    pub html: String,
    /// `pending`, `approved`, `rejected` or `hidden`.
    pub status: String,
    /// The moderator's reason (rejected, hidden).
    pub reason: Option<String>,
    /// When it was written (seconds since the Unix epoch).
    pub created_at: i64,
    /// How many members flagged it (moderators only).
    pub flags: Option<i64>,
}

impl CommentView {
    fn of(comment: &Comment, moderator: bool) -> Self {
        CommentView {
            id: comment.id,
            parent_id: comment.parent_id,
            author: Author { id: comment.author, name: comment.author_name.clone() },
            body: comment.body.clone(),
            html: comment.html.clone(),
            status: comment.status.to_string(),
            reason: comment.reason.clone(),
            created_at: comment.created_at,
            flags: moderator.then_some(comment.flags),
        }
    }
}

/// Whether `viewer` may see `comment`: approved comments everyone; the rest their authors and
/// moderators.
pub(crate) fn may_see(comment: &Comment, viewer: Option<&CurrentUser>) -> bool {
    comment.status == CommentStatus::Approved
        || viewer.is_some_and(|v| v.user.id == comment.author || v.user.role.can_moderate())
}

/// The comments on `proposal` that `viewer` may see, oldest first.
pub(crate) async fn visible_comments(
    state: &AppState,
    proposal: i64,
    viewer: Option<&CurrentUser>,
) -> Result<Vec<CommentView>, Problem> {
    let all = state.store().comments_of(proposal).await.map_err(|e| store_problem(&e))?;
    let moderator = viewer.is_some_and(|v| v.user.role.can_moderate());
    Ok(all.iter().filter(|c| may_see(c, viewer)).map(|c| CommentView::of(c, moderator)).collect())
}

/// `POST /proposals/{id}/comments`.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CommentRequest {
    /// The comment (Markdown, at most 10,000 bytes).
    pub body: String,
    /// The comment it replies to (a top-level comment of the same proposal).
    #[serde(default)]
    pub parent_id: Option<i64>,
}

/// A new comment's number and where it stands.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CommentCreated {
    /// Its number.
    pub id: i64,
    /// `pending` (waiting for a moderator) or `approved`.
    pub status: String,
}

/// Comments on a proposal (members): `pending` until a moderator approves it, unless the author
/// is a moderator or has an approved comment already.
#[utoipa::path(
    post, path = "/api/v1/proposals/{id}/comments", tag = "community",
    params(("id" = i64, Path, description = "The proposal's number")),
    request_body(content = CommentRequest, content_type = "application/json"),
    responses(
        (status = 201, description = "The comment and its status", body = CommentCreated),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such proposal", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Empty or too long, or a bad parent", body = Problem, content_type = "application/problem+json"),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "Body too large", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Not JSON", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn post_comment(
    State(state): State<AppState>,
    Id(id): Id,
    me: CurrentUser,
    ApiJson(request): ApiJson<CommentRequest>,
) -> Result<Response, Problem> {
    let created = comment(&state, id, &me, request).await?;
    Ok((StatusCode::CREATED, Json(created)).into_response())
}

/// Checks and stores a comment by `me` on proposal `id`.
pub(crate) async fn comment(
    state: &AppState,
    id: i64,
    me: &CurrentUser,
    request: CommentRequest,
) -> Result<CommentCreated, Problem> {
    load(state, id).await?;
    let body = request.body.trim().to_owned();
    if body.is_empty() || body.len() > MAX_COMMENT_BYTES {
        return Err(Problem::invalid("body", format!("field `body`: 1 to {MAX_COMMENT_BYTES} bytes of Markdown")));
    }
    if let Some(parent) = request.parent_id {
        let parent = state.store().comment(parent).await.map_err(|e| store_problem(&e))?;
        let ok = parent.is_some_and(|p| p.proposal_id == id && p.parent_id.is_none() && may_see(&p, Some(me)));
        if !ok {
            return Err(Problem::invalid(
                "parent_id",
                "field `parent_id`: replies go to a visible top-level comment of the same proposal (one level deep)",
            ));
        }
    }
    let trusted = me.user.role.can_moderate()
        || state.store().has_approved_comment(me.user.id).await.map_err(|e| store_problem(&e))?;
    let status = if trusted { CommentStatus::Approved } else { CommentStatus::Pending };
    let html = render_markdown(&body);
    let new = NewComment { proposal_id: id, parent_id: request.parent_id, author: me.user.id, body, html, status };
    let stored = state.store().add_comment(new).await.map_err(|e| store_problem(&e))?;
    Ok(CommentCreated { id: stored.id, status: stored.status.to_string() })
}

/// A moderator's decision.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ModerationRequest {
    /// Why (required to reject or hide; shown to the author).
    #[serde(default)]
    pub reason: Option<String>,
}

/// Gives comment `id` `status` as moderator `me`; moderators may not approve their own
/// comments (pre-moderation means someone else reads it).
pub(crate) async fn moderate(
    state: &AppState,
    me: &CurrentUser,
    id: i64,
    status: CommentStatus,
    reason: Option<String>,
) -> Result<CommentView, Problem> {
    me.require_moderator()?;
    let comment = state.store().comment(id).await.map_err(|e| store_problem(&e))?;
    let comment = comment.ok_or_else(|| Problem::not_found(format!("there is no comment {id}")).field("id"))?;
    if status == CommentStatus::Approved && comment.author == me.user.id && comment.status != CommentStatus::Approved {
        return Err(forbidden("a moderator may not approve their own comment"));
    }
    let reason = reason.unwrap_or_default().trim().to_owned();
    if status != CommentStatus::Approved && reason.is_empty() {
        return Err(Problem::invalid("reason", format!("field `reason`: say why the comment is {status}")));
    }
    let moderated = state.store().moderate(me.user.id, id, status, &reason).await.map_err(|e| store_problem(&e))?;
    let moderated = moderated.ok_or_else(|| Problem::not_found(format!("there is no comment {id}")))?;
    Ok(CommentView::of(&moderated, true))
}

macro_rules! moderation_route {
    ($name:ident, $path:literal, $status:expr, $doc:literal) => {
        #[doc = $doc]
        #[utoipa::path(
            post, path = $path, tag = "community",
            params(("id" = i64, Path, description = "The comment's number")),
            request_body(content = Option<ModerationRequest>, content_type = "application/json"),
            responses(
                (status = 200, description = "The comment as it is now", body = CommentView),
                (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
                (status = 403, description = "Not a moderator, or a moderator's own comment", body = Problem, content_type = "application/problem+json"),
                (status = 404, description = "No such comment", body = Problem, content_type = "application/problem+json"),
                (status = 422, description = "No reason given", body = Problem, content_type = "application/problem+json"),
                (status = 400, description = "Malformed JSON", body = Problem, content_type = "application/problem+json"),
                (status = 413, description = "Body too large", body = Problem, content_type = "application/problem+json"),
                (status = 415, description = "Not JSON", body = Problem, content_type = "application/problem+json"),
            )
        )]
        pub async fn $name(
            State(state): State<AppState>,
            Id(id): Id,
            me: CurrentUser,
            body: axum::body::Bytes,
        ) -> Result<Json<CommentView>, Problem> {
            let reason = if body.iter().all(u8::is_ascii_whitespace) {
                None
            } else {
                crate::extract::parse_json::<ModerationRequest>(&body)?.reason
            };
            moderate(&state, &me, id, $status, reason).await.map(Json)
        }
    };
}

moderation_route!(
    approve,
    "/api/v1/comments/{id}/approve",
    CommentStatus::Approved,
    "Approves a comment (moderators)."
);
moderation_route!(
    reject,
    "/api/v1/comments/{id}/reject",
    CommentStatus::Rejected,
    "Rejects a comment with a reason (moderators)."
);
moderation_route!(
    hide,
    "/api/v1/comments/{id}/hide",
    CommentStatus::Hidden,
    "Hides an approved comment with a reason (moderators)."
);

/// `POST /comments/{id}/flag`.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct FlagRequest {
    /// What is wrong with the comment.
    pub reason: String,
}

/// Whether the flag was new.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct FlagResponse {
    /// False when the caller had flagged the comment already.
    pub new: bool,
}

/// Flags a comment for the moderators (members; once per member and comment).
#[utoipa::path(
    post, path = "/api/v1/comments/{id}/flag", tag = "community",
    params(("id" = i64, Path, description = "The comment's number")),
    request_body(content = FlagRequest, content_type = "application/json"),
    responses(
        (status = 200, description = "Flagged", body = FlagResponse),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such comment (or not visible to the caller)", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "No reason", body = Problem, content_type = "application/problem+json"),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "Body too large", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Not JSON", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn flag(
    State(state): State<AppState>,
    Id(id): Id,
    me: CurrentUser,
    ApiJson(request): ApiJson<FlagRequest>,
) -> Result<Json<FlagResponse>, Problem> {
    flag_comment(&state, &me, id, &request.reason).await.map(|new| Json(FlagResponse { new }))
}

/// Records `me`'s flag on comment `id`.
pub(crate) async fn flag_comment(state: &AppState, me: &CurrentUser, id: i64, reason: &str) -> Result<bool, Problem> {
    let reason = reason.trim();
    if reason.is_empty() || reason.len() > 1000 {
        return Err(Problem::invalid("reason", "field `reason`: 1 to 1,000 bytes"));
    }
    let comment = state.store().comment(id).await.map_err(|e| store_problem(&e))?;
    if !comment.is_some_and(|c| may_see(&c, Some(me))) {
        return Err(Problem::not_found(format!("there is no comment {id}")).field("id"));
    }
    state.store().flag(id, me.user.id, reason).await.map_err(|e| store_problem(&e))
}

/// A comment waiting for moderation, with its proposal.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct QueuedComment {
    /// The proposal.
    pub proposal_id: i64,
    /// The comment.
    pub comment: CommentView,
}

/// Pending comments and flagged approved ones, oldest first (moderators).
#[utoipa::path(
    get, path = "/api/v1/moderation", tag = "community",
    responses(
        (status = 200, description = "The moderation queue", body = Vec<QueuedComment>),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not a moderator", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn queue(State(state): State<AppState>, me: CurrentUser) -> Result<Json<Vec<QueuedComment>>, Problem> {
    me.require_moderator()?;
    queued(&state).await.map(Json)
}

/// The moderation queue.
pub(crate) async fn queued(state: &AppState) -> Result<Vec<QueuedComment>, Problem> {
    let all = state.store().moderation_queue().await.map_err(|e| store_problem(&e))?;
    Ok(all.iter().map(|c| QueuedComment { proposal_id: c.proposal_id, comment: CommentView::of(c, true) }).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_is_rendered_and_scripts_never_survive() {
        let html = render_markdown(
            "**bold** and [a link](https://example.org)\n\n<script>alert(1)</script><img src=x onerror=alert(1)>",
        );
        assert!(html.contains("<strong>bold</strong>"), "{html}");
        assert!(html.contains("rel=\"nofollow noopener noreferrer\""), "{html}");
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("<img"), "{html}");
        assert!(!html.contains("onerror"), "{html}");
        let js = render_markdown("[x](javascript:alert(1))");
        assert!(!js.contains("javascript:"), "{js}");
    }
}
