//! The account routes of the API: `/api/v1/auth/…` and `/api/v1/users/…`.

use std::time::Instant;

use axum::Json;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use rolenorm_store::{AccountRole, User};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::{
    CurrentUser, Id, MaybeUser, add_user, check_password, client_ip, forbidden, hash_password, new_session_token,
    session_cookie, store_problem, verify_password,
};
use crate::AppState;
use crate::extract::ApiJson;
use crate::problem::Problem;

/// `POST /auth/register`.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RegisterRequest {
    /// The display name (1–80 characters).
    pub name: String,
    /// The e-mail address (shown to nobody but the account and maintainers).
    pub email: String,
    /// The password (10–256 characters).
    pub password: String,
}

/// `POST /auth/login`.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LoginRequest {
    /// The e-mail address.
    pub email: String,
    /// The password.
    pub password: String,
}

/// A session: the bearer token (the same token is set as the `rn_session` cookie).
#[derive(Debug, Serialize, ToSchema)]
pub struct LoginResponse {
    /// Send as `Authorization: Bearer TOKEN`.
    pub token: String,
    /// Seconds until it expires.
    pub expires_in: i64,
    /// The account.
    pub user: UserView,
}

/// `POST /auth/password`.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PasswordRequest {
    /// The password now.
    pub current_password: String,
    /// The new password (10–256 characters).
    pub new_password: String,
}

/// `POST /users/{id}/role`.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RoleRequest {
    /// `member`, `moderator`, `maintainer` or `assessor`.
    pub role: String,
}

/// An account as the caller may see it: the e-mail address only for the account itself and for
/// maintainers.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct UserView {
    /// The account's number.
    pub id: i64,
    /// The display name.
    pub name: String,
    /// `member`, `moderator`, `maintainer` or `assessor`.
    pub role: String,
    /// The e-mail address (only for the account itself and maintainers).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// When the account was created (seconds since the Unix epoch).
    pub created_at: i64,
}

impl UserView {
    /// `user` as seen by `viewer`.
    pub fn of(user: &User, viewer: Option<&User>) -> Self {
        let sees_email = viewer.is_some_and(|v| v.id == user.id || v.role.is_maintainer());
        UserView {
            id: user.id,
            name: user.name.clone(),
            role: user.role.to_string(),
            email: sees_email.then(|| user.email.clone()),
            created_at: user.created_at,
        }
    }
}

/// Creates a member account.
#[utoipa::path(
    post, path = "/api/v1/auth/register", tag = "accounts",
    request_body(content = RegisterRequest, content_type = "application/json"),
    responses(
        (status = 201, description = "The new account (a member)", body = UserView),
        (status = 409, description = "The e-mail address is registered", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A field is invalid", body = Problem, content_type = "application/problem+json"),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "Body too large", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Not JSON", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn register(
    State(state): State<AppState>,
    ApiJson(request): ApiJson<RegisterRequest>,
) -> Result<Response, Problem> {
    let user = add_user(state.store(), &request.name, &request.email, &request.password, AccountRole::Member).await?;
    Ok((StatusCode::CREATED, Json(UserView::of(&user, Some(&user)))).into_response())
}

/// Checks the password (throttled per account and client) and opens a session.
pub(crate) async fn open_session(
    state: &AppState,
    extensions: &axum::http::Extensions,
    email: &str,
    password: &str,
) -> Result<(String, User), Problem> {
    let ip = client_ip(extensions);
    let email = email.trim();
    if let Err(wait) = state.throttle().check(email, ip, Instant::now()) {
        let seconds = wait.as_secs().max(1);
        let mut problem = Problem::new(
            StatusCode::TOO_MANY_REQUESTS,
            "login-throttled",
            "Too many failed logins",
            format!("too many failed logins for this account or from this client; retry in {seconds} s"),
        );
        problem.retry_after = Some(seconds);
        return Err(problem);
    }
    let found = state.store().user_by_email(email).await.map_err(|e| store_problem(&e))?;
    let verified = super::verify_against(password, found.as_ref().map(|(_, hash)| hash.clone())).await;
    let Some((user, _)) = found.filter(|_| verified) else {
        state.throttle().fail(email, ip, Instant::now());
        return Err(Problem::new(
            StatusCode::UNAUTHORIZED,
            "bad-credentials",
            "Wrong e-mail address or password",
            "no account has this e-mail address and password",
        ));
    };
    state.throttle().succeed(email);
    let (token, hash) = new_session_token()?;
    let expires = now() + state.accounts_config().session_seconds;
    state.store().create_session(&hash, user.id, expires).await.map_err(|e| store_problem(&e))?;
    Ok((token, user))
}

fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
}

/// Logs in: answers with a bearer token and sets the same token as an `HttpOnly`,
/// `SameSite=Lax` session cookie.
#[utoipa::path(
    post, path = "/api/v1/auth/login", tag = "accounts",
    request_body(content = LoginRequest, content_type = "application/json"),
    responses(
        (status = 200, description = "Logged in; `Set-Cookie: rn_session=…`", body = LoginResponse),
        (status = 401, description = "Wrong e-mail address or password", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Too many failed logins for the account or from the client", body = Problem, content_type = "application/problem+json"),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "Body too large", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A field is invalid", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn login(
    State(state): State<AppState>,
    headers: HeaderMap,
    extensions: axum::http::Extensions,
    ApiJson(request): ApiJson<LoginRequest>,
) -> Result<Response, Problem> {
    let (token, user) = open_session(&state, &extensions, &request.email, &request.password).await?;
    let cookie = session_cookie(&state, &headers, &token);
    let body = LoginResponse {
        token,
        expires_in: state.accounts_config().session_seconds,
        user: UserView::of(&user, Some(&user)),
    };
    let mut response = Json(body).into_response();
    if let Some(cookie) = cookie {
        response.headers_mut().insert(header::SET_COOKIE, cookie);
    }
    Ok(response)
}

/// Ends the caller's session (token and cookie).
#[utoipa::path(
    post, path = "/api/v1/auth/logout", tag = "accounts",
    responses(
        (status = 204, description = "Logged out; the cookie is cleared"),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn logout(State(state): State<AppState>, headers: HeaderMap, me: CurrentUser) -> Result<Response, Problem> {
    state.store().delete_session(&me.token_hash).await.map_err(|e| store_problem(&e))?;
    let mut response = StatusCode::NO_CONTENT.into_response();
    if let Some(cookie) = session_cookie(&state, &headers, "") {
        response.headers_mut().insert(header::SET_COOKIE, cookie);
    }
    Ok(response)
}

/// The caller's account, with its e-mail address.
#[utoipa::path(
    get, path = "/api/v1/auth/me", tag = "accounts",
    responses(
        (status = 200, description = "The caller's account", body = UserView),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn me(me: CurrentUser) -> Json<UserView> {
    Json(UserView::of(&me.user, Some(&me.user)))
}

/// Changes the caller's password; every other session of the account ends.
#[utoipa::path(
    post, path = "/api/v1/auth/password", tag = "accounts",
    request_body(content = PasswordRequest, content_type = "application/json"),
    responses(
        (status = 204, description = "Changed"),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The current password is wrong", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "The new password is invalid", body = Problem, content_type = "application/problem+json"),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "Body too large", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Not JSON", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn change_password(
    State(state): State<AppState>,
    me: CurrentUser,
    ApiJson(request): ApiJson<PasswordRequest>,
) -> Result<StatusCode, Problem> {
    set_password(&state, &me, &request.current_password, &request.new_password).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Checks the current password and stores the hash of the new one.
pub(crate) async fn set_password(state: &AppState, me: &CurrentUser, current: &str, new: &str) -> Result<(), Problem> {
    check_password(new).map_err(|e| Problem::from(e).field("new_password"))?;
    let hash = state.store().password_hash(me.user.id).await.map_err(|e| store_problem(&e))?.unwrap_or_default();
    if !verify_password(current, &hash).await {
        return Err(forbidden("the current password is wrong").field("current_password"));
    }
    let new_hash = hash_password(new).await.map_err(Problem::from)?;
    state.store().set_password_hash(me.user.id, &new_hash, Some(&me.token_hash)).await.map_err(|e| store_problem(&e))
}

/// An account's public profile (its e-mail address only for itself and maintainers).
#[utoipa::path(
    get, path = "/api/v1/users/{id}", tag = "accounts",
    params(("id" = i64, Path, description = "The account's number")),
    responses(
        (status = 200, description = "The account", body = UserView),
        (status = 404, description = "No such account", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn user(
    State(state): State<AppState>,
    Id(id): Id,
    MaybeUser(viewer): MaybeUser,
) -> Result<Json<UserView>, Problem> {
    let user = state.store().user(id).await.map_err(|e| store_problem(&e))?;
    let user = user.ok_or_else(|| Problem::not_found(format!("no account has the number {id}")).field("id"))?;
    Ok(Json(UserView::of(&user, viewer.as_ref().map(|v| &v.user))))
}

/// Gives an account another role (maintainers only; recorded in the audit log).
#[utoipa::path(
    post, path = "/api/v1/users/{id}/role", tag = "accounts",
    params(("id" = i64, Path, description = "The account's number")),
    request_body(content = RoleRequest, content_type = "application/json"),
    responses(
        (status = 200, description = "The account with its new role", body = UserView),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not a maintainer", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such account", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Unknown role", body = Problem, content_type = "application/problem+json"),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "Body too large", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Not JSON", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn set_role(
    State(state): State<AppState>,
    Id(id): Id,
    me: CurrentUser,
    ApiJson(request): ApiJson<RoleRequest>,
) -> Result<Json<UserView>, Problem> {
    me.require_maintainer()?;
    let role = AccountRole::parse(&request.role).ok_or_else(|| {
        Problem::invalid(
            "role",
            format!("field `role`: {:?} is not member, moderator, maintainer or assessor", request.role),
        )
    })?;
    let user = state.store().set_role(Some(me.user.id), id, role).await.map_err(|e| store_problem(&e))?;
    let user = user.ok_or_else(|| Problem::not_found(format!("no account has the number {id}")).field("id"))?;
    Ok(Json(UserView::of(&user, Some(&me.user))))
}
