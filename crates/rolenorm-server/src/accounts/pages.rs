//! The account pages: `/login`, `/register`, `/account` (change password), `POST /logout`.

use askama::Template;
use axum::Form;
use axum::extract::rejection::FormRejection;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, Uri, header};
use axum::response::{IntoResponse, Redirect, Response};
use rolenorm_store::AccountRole;
use serde::Deserialize;

use super::{CurrentUser, MaybeUser, add_user, session_cookie, store_problem};
use crate::AppState;
use crate::web::{Chrome, csrf_ok, message_page};

/// A submitted form that carries a CSRF token.
pub(crate) trait WithCsrf {
    /// The token the form was sent with.
    fn csrf(&self) -> &str;
}

/// The form if it is complete and its CSRF token is right; else the error page (400, 403).
pub(crate) fn accept_form<T: WithCsrf>(
    c: &Chrome,
    headers: &HeaderMap,
    form: Result<Form<T>, FormRejection>,
) -> Result<T, Response> {
    let Ok(Form(form)) = form else {
        let text = c.tr("The form is incomplete.", "Das Formular ist unvollständig.");
        return Err(message_page(c, StatusCode::BAD_REQUEST, c.t.error, text));
    };
    if !csrf_ok(headers, form.csrf()) {
        return Err(message_page(c, StatusCode::FORBIDDEN, c.t.error, c.t.csrf_failed));
    }
    Ok(form)
}

macro_rules! with_csrf {
    ($($form:ty),*) => {$(
        impl WithCsrf for $form {
            fn csrf(&self) -> &str {
                &self.csrf
            }
        }
    )*};
}
#[allow(unused_imports)]
pub(crate) use with_csrf;

with_csrf!(LoginForm, RegisterForm, PasswordForm, CsrfForm);

/// `?next=` of the login page.
#[derive(Debug, Default, Deserialize)]
pub struct NextQuery {
    next: Option<String>,
}

/// A local path to go back to after logging in (never another site).
fn local_next(next: Option<&str>) -> String {
    match next {
        Some(path) if path.starts_with('/') && !path.starts_with("//") && !path.contains('\\') => path.to_owned(),
        _ => "/account".to_owned(),
    }
}

#[derive(Template)]
#[template(path = "login.html")]
struct LoginPage<'a> {
    c: &'a Chrome,
    next: String,
    email: String,
    error: Option<String>,
}

/// `GET /login`.
pub async fn login_page(
    State(state): State<AppState>,
    uri: Uri,
    headers: HeaderMap,
    Query(q): Query<NextQuery>,
) -> Response {
    let c = Chrome::new(&state, uri.path(), uri.query(), &headers);
    let page = LoginPage { c: &c, next: local_next(q.next.as_deref()), email: String::new(), error: None };
    c.respond(StatusCode::OK, page.render())
}

/// The login form.
#[derive(Debug, Deserialize)]
pub struct LoginForm {
    csrf: String,
    email: String,
    password: String,
    #[serde(default)]
    next: Option<String>,
}

/// `POST /login`: opens a session and goes back to `next`.
pub async fn login_submit(
    State(state): State<AppState>,
    uri: Uri,
    headers: HeaderMap,
    extensions: axum::http::Extensions,
    form: Result<Form<LoginForm>, FormRejection>,
) -> Response {
    let c = Chrome::new(&state, uri.path(), uri.query(), &headers);
    let form = match accept_form(&c, &headers, form) {
        Ok(form) => form,
        Err(response) => return response,
    };
    let next = local_next(form.next.as_deref());
    match super::api::open_session(&state, &extensions, &form.email, &form.password).await {
        Ok((token, _)) => signed_in(&state, &headers, &token, &next),
        Err(problem) => {
            let status = StatusCode::from_u16(problem.status).unwrap_or(StatusCode::UNAUTHORIZED);
            let page = LoginPage { c: &c, next, email: form.email, error: Some(problem.detail) };
            c.respond(status, page.render())
        }
    }
}

/// A redirect to `next` that sets the session cookie.
fn signed_in(state: &AppState, headers: &HeaderMap, token: &str, next: &str) -> Response {
    let mut response = Redirect::to(next).into_response();
    if let Some(cookie) = session_cookie(state, headers, token) {
        response.headers_mut().insert(header::SET_COOKIE, cookie);
    }
    response
}

#[derive(Template)]
#[template(path = "register.html")]
struct RegisterPage<'a> {
    c: &'a Chrome,
    name: String,
    email: String,
    error: Option<String>,
}

/// `GET /register`.
pub async fn register_page(State(state): State<AppState>, uri: Uri, headers: HeaderMap) -> Response {
    let c = Chrome::new(&state, uri.path(), uri.query(), &headers);
    c.respond(StatusCode::OK, RegisterPage { c: &c, name: String::new(), email: String::new(), error: None }.render())
}

/// The registration form.
#[derive(Debug, Deserialize)]
pub struct RegisterForm {
    csrf: String,
    name: String,
    email: String,
    password: String,
}

/// `POST /register`: creates a member account and logs it in.
pub async fn register_submit(
    State(state): State<AppState>,
    uri: Uri,
    headers: HeaderMap,
    extensions: axum::http::Extensions,
    form: Result<Form<RegisterForm>, FormRejection>,
) -> Response {
    let c = Chrome::new(&state, uri.path(), uri.query(), &headers);
    let form = match accept_form(&c, &headers, form) {
        Ok(form) => form,
        Err(response) => return response,
    };
    let created = add_user(state.store(), &form.name, &form.email, &form.password, AccountRole::Member).await;
    let outcome = match created {
        Ok(_) => super::api::open_session(&state, &extensions, &form.email, &form.password).await,
        Err(error) => Err(error.into()),
    };
    match outcome {
        Ok((token, _)) => signed_in(&state, &headers, &token, "/account"),
        Err(problem) => {
            let status = StatusCode::from_u16(problem.status).unwrap_or(StatusCode::UNPROCESSABLE_ENTITY);
            let page = RegisterPage { c: &c, name: form.name, email: form.email, error: Some(problem.detail) };
            c.respond(status, page.render())
        }
    }
}

#[derive(Template)]
#[template(path = "account.html")]
struct AccountPage<'a> {
    c: &'a Chrome,
    name: String,
    email: String,
    role: String,
    notice: Option<String>,
    error: Option<String>,
}

/// `GET /account`: the signed-in account (name, e-mail address, role), the password form and
/// the logout button.
pub async fn account_page(State(state): State<AppState>, uri: Uri, headers: HeaderMap, me: CurrentUser) -> Response {
    let c = Chrome::new(&state, uri.path(), uri.query(), &headers).signed_in(&me.user);
    let changed = uri.query().is_some_and(|q| q.contains("changed=1"));
    let notice = changed.then(|| c.tr("Your password was changed.", "Dein Passwort wurde geändert.").to_owned());
    account(&c, &me, StatusCode::OK, notice, None)
}

fn account(
    c: &Chrome,
    me: &CurrentUser,
    status: StatusCode,
    notice: Option<String>,
    error: Option<String>,
) -> Response {
    let page = AccountPage {
        c,
        name: me.user.name.clone(),
        email: me.user.email.clone(),
        role: me.user.role.to_string(),
        notice,
        error,
    };
    c.respond(status, page.render())
}

/// The password form.
#[derive(Debug, Deserialize)]
pub struct PasswordForm {
    csrf: String,
    current_password: String,
    new_password: String,
}

/// `POST /account/password`.
pub async fn password_submit(
    State(state): State<AppState>,
    uri: Uri,
    headers: HeaderMap,
    me: CurrentUser,
    form: Result<Form<PasswordForm>, FormRejection>,
) -> Response {
    let c = Chrome::new(&state, uri.path(), uri.query(), &headers).signed_in(&me.user);
    let form = match accept_form(&c, &headers, form) {
        Ok(form) => form,
        Err(response) => return response,
    };
    match super::api::set_password(&state, &me, &form.current_password, &form.new_password).await {
        Ok(()) => Redirect::to("/account?changed=1").into_response(),
        Err(problem) => {
            let status = StatusCode::from_u16(problem.status).unwrap_or(StatusCode::UNPROCESSABLE_ENTITY);
            account(&c, &me, status, None, Some(problem.detail))
        }
    }
}

/// A form with nothing but its CSRF token (logout, buttons).
#[derive(Debug, Deserialize)]
pub struct CsrfForm {
    pub(crate) csrf: String,
}

/// `POST /logout`: ends the session and clears the cookie.
pub async fn logout_submit(
    State(state): State<AppState>,
    uri: Uri,
    headers: HeaderMap,
    MaybeUser(me): MaybeUser,
    form: Result<Form<CsrfForm>, FormRejection>,
) -> Response {
    let c = Chrome::new(&state, uri.path(), uri.query(), &headers);
    if let Err(response) = accept_form(&c, &headers, form) {
        return response;
    }
    if let Some(me) = me
        && let Err(error) = state.store().delete_session(&me.token_hash).await
    {
        let problem = store_problem(&error);
        return message_page(&c, StatusCode::SERVICE_UNAVAILABLE, c.t.error, &problem.detail);
    }
    let mut response = Redirect::to("/").into_response();
    if let Some(cookie) = session_cookie(&state, &headers, "") {
        response.headers_mut().insert(header::SET_COOKIE, cookie);
    }
    response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}
