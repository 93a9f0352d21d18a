//! Community accounts: registration, argon2id password hashes, sessions (an `HttpOnly`,
//! `SameSite=Lax` cookie for browsers, the same token as a bearer token for API clients), login
//! throttling per account and per client, and the [`CurrentUser`] extractor with role checks
//! that every state-changing community route uses.

pub(crate) mod api;
pub(crate) mod pages;
mod throttle;

use std::net::{IpAddr, Ipv4Addr, SocketAddr};

use argon2::Argon2;
use argon2::password_hash::phc::PasswordHash;
use argon2::password_hash::{PasswordHasher, PasswordVerifier};
use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use rolenorm_store::{AccountRole, Store, StoreError, User};
use sha2::{Digest, Sha256};

use crate::AppState;
use crate::problem::Problem;

pub use throttle::Throttle;

/// The account pages.
pub(crate) fn web_router() -> axum::Router<AppState> {
    use axum::routing::{get, post};
    axum::Router::new()
        .route("/login", get(pages::login_page).post(pages::login_submit))
        .route("/register", get(pages::register_page).post(pages::register_submit))
        .route("/account", get(pages::account_page))
        .route("/account/password", post(pages::password_submit))
        .route("/logout", post(pages::logout_submit))
}

/// The account routes of the API, with their OpenAPI paths.
pub(crate) fn api_routes(
    router: utoipa_axum::router::OpenApiRouter<AppState>,
) -> utoipa_axum::router::OpenApiRouter<AppState> {
    use utoipa_axum::routes;
    router
        .routes(routes!(api::register))
        .routes(routes!(api::login))
        .routes(routes!(api::logout))
        .routes(routes!(api::me))
        .routes(routes!(api::change_password))
        .routes(routes!(api::user))
        .routes(routes!(api::set_role))
}

/// The cookie that holds a browser's session token.
pub const SESSION_COOKIE: &str = "rn_session";

/// The shortest password accepted, in characters.
pub const MIN_PASSWORD_CHARS: usize = 10;
/// The longest password accepted, in characters.
pub const MAX_PASSWORD_CHARS: usize = 256;

/// How accounts behave on this server.
#[derive(Debug, Clone)]
pub struct AccountsConfig {
    /// Mark the session cookie `Secure` (set behind TLS; it is also set when a proxy says
    /// `X-Forwarded-Proto: https`).
    pub secure_cookies: bool,
    /// How long a session lasts, in seconds.
    pub session_seconds: i64,
    /// Failed logins allowed per account within the throttle window.
    pub account_failures: usize,
    /// Failed logins allowed per client address within the throttle window.
    pub client_failures: usize,
    /// The throttle window, in seconds.
    pub throttle_seconds: u64,
}

impl Default for AccountsConfig {
    fn default() -> Self {
        Self {
            secure_cookies: false,
            session_seconds: 30 * 24 * 3600,
            account_failures: 5,
            client_failures: 20,
            throttle_seconds: 15 * 60,
        }
    }
}

/// Why an account could not be created or changed.
#[derive(Debug, thiserror::Error)]
pub enum AccountError {
    /// A field is invalid.
    #[error("{field}: {message}")]
    Invalid {
        /// The field (`email`).
        field: &'static str,
        /// What is wrong with it.
        message: String,
    },
    /// The e-mail address is registered already.
    #[error("{0}")]
    Taken(String),
    /// The database failed.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// Hashing failed.
    #[error("hashing the password failed: {0}")]
    Hash(String),
}

impl From<AccountError> for Problem {
    fn from(error: AccountError) -> Self {
        match error {
            AccountError::Invalid { field, message } => Problem::invalid(field, format!("field `{field}`: {message}")),
            AccountError::Taken(detail) => {
                Problem::new(StatusCode::CONFLICT, "email-taken", "E-mail address already registered", detail)
                    .field("email")
            }
            AccountError::Store(error) => store_problem(&error),
            AccountError::Hash(_) => Problem::internal("hashing the password"),
        }
    }
}

/// 503 for a database failure, logged.
pub(crate) fn store_problem(error: &StoreError) -> Problem {
    tracing::error!(error = %error, "database failure");
    Problem::unavailable("the database could not answer; try again")
}

/// Checks a display name: 1–80 characters after trimming, no control characters.
pub fn check_name(name: &str) -> Result<String, AccountError> {
    let name = name.trim();
    let invalid = |message: &str| AccountError::Invalid { field: "name", message: message.to_owned() };
    if name.is_empty() {
        return Err(invalid("a display name is required"));
    }
    if name.chars().count() > 80 {
        return Err(invalid("at most 80 characters"));
    }
    if name.chars().any(char::is_control) {
        return Err(invalid("no control characters"));
    }
    Ok(name.to_owned())
}

/// Checks an e-mail address: one `@` between a local part and a domain with a dot, no spaces,
/// at most 254 characters.
pub fn check_email(email: &str) -> Result<String, AccountError> {
    let email = email.trim();
    let invalid = |message: String| AccountError::Invalid { field: "email", message };
    if email.len() > 254 || email.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(invalid(format!("{email:?} is not an e-mail address (spaces, or longer than 254 bytes)")));
    }
    match email.split_once('@') {
        Some((local, domain))
            if !local.is_empty()
                && !domain.contains('@')
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.') =>
        {
            Ok(email.to_owned())
        }
        _ => Err(invalid(format!("{email:?} is not an e-mail address (name@example.org)"))),
    }
}

/// Checks a new password's length.
pub fn check_password(password: &str) -> Result<(), AccountError> {
    let chars = password.chars().count();
    if !(MIN_PASSWORD_CHARS..=MAX_PASSWORD_CHARS).contains(&chars) {
        return Err(AccountError::Invalid {
            field: "password",
            message: format!("{MIN_PASSWORD_CHARS} to {MAX_PASSWORD_CHARS} characters (got {chars})"),
        });
    }
    Ok(())
}

/// An argon2id PHC string of `password` with a random salt (on a blocking thread: it takes
/// tens of milliseconds on purpose).
pub async fn hash_password(password: &str) -> Result<String, AccountError> {
    let password = password.to_owned();
    tokio::task::spawn_blocking(move || {
        Argon2::default().hash_password(password.as_bytes()).map(|h| h.to_string()).map_err(|e| e.to_string())
    })
    .await
    .map_err(|e| AccountError::Hash(e.to_string()))?
    .map_err(AccountError::Hash)
}

/// Whether `password` matches the PHC string `hash` (on a blocking thread).
pub async fn verify_password(password: &str, hash: &str) -> bool {
    verify_against(password, Some(hash.to_owned())).await
}

/// A hash that no password is checked against successfully: logins for unknown addresses
/// verify against it, so they take as long as logins for known ones.
static DUMMY_HASH: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
    Argon2::default().hash_password(b"no account has this password").map(|h| h.to_string()).unwrap_or_default()
});

/// Checks `password` against `hash`, or (none) spends the same time and answers `false`.
pub(crate) async fn verify_against(password: &str, hash: Option<String>) -> bool {
    let password = password.to_owned();
    tokio::task::spawn_blocking(move || {
        let known = hash.is_some();
        let hash = hash.unwrap_or_else(|| DUMMY_HASH.clone());
        let matches = PasswordHash::new(&hash)
            .is_ok_and(|parsed| Argon2::default().verify_password(password.as_bytes(), &parsed).is_ok());
        known && matches
    })
    .await
    .unwrap_or(false)
}

/// Creates an account after checking every field (the route `POST /auth/register` and
/// `rolenorm admin user add` both use it).
pub async fn add_user(
    store: &Store,
    name: &str,
    email: &str,
    password: &str,
    role: AccountRole,
) -> Result<User, AccountError> {
    let name = check_name(name)?;
    let email = check_email(email)?;
    check_password(password)?;
    let hash = hash_password(password).await?;
    store.create_user(&name, &email, &hash, role).await.map_err(|error| match error {
        StoreError::Conflict(detail) => AccountError::Taken(detail),
        other => AccountError::Store(other),
    })
}

/// A new random session token (64 hex digits) and the hash under which the store keeps it.
pub(crate) fn new_session_token() -> Result<(String, String), Problem> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).map_err(|_| Problem::internal("drawing a session token"))?;
    let token = hex(&bytes);
    let hash = token_hash(&token);
    Ok((token, hash))
}

/// The SHA-256 of a session token, in hex.
pub(crate) fn token_hash(token: &str) -> String {
    hex(&Sha256::digest(token.as_bytes()))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The session cookie for `token` (empty token: the cookie that clears it).
pub(crate) fn session_cookie(state: &AppState, headers: &HeaderMap, token: &str) -> Option<HeaderValue> {
    let config = state.accounts_config();
    let behind_tls = headers
        .get("x-forwarded-proto")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|proto| proto.eq_ignore_ascii_case("https"));
    let secure = if config.secure_cookies || behind_tls { "; Secure" } else { "" };
    let max_age = if token.is_empty() { 0 } else { config.session_seconds };
    HeaderValue::from_str(&format!(
        "{SESSION_COOKIE}={token}; Path=/; Max-Age={max_age}; HttpOnly; SameSite=Lax{secure}"
    ))
    .ok()
}

/// The client's address (unspecified when the server runs without connection info, as in tests).
pub(crate) fn client_ip(parts_extensions: &axum::http::Extensions) -> IpAddr {
    parts_extensions.get::<ConnectInfo<SocketAddr>>().map_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED), |info| info.0.ip())
}

/// A number in the path (`/proposals/{id}`); anything else is 404, as a problem document.
#[derive(Debug, Clone, Copy)]
pub struct Id(pub i64);

impl<S: Send + Sync> FromRequestParts<S> for Id {
    type Rejection = Problem;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Problem> {
        let text =
            axum::extract::Path::<String>::from_request_parts(parts, state).await.map(|p| p.0).unwrap_or_default();
        text.parse::<i64>()
            .map(Id)
            .map_err(|_| Problem::not_found(format!("{text:?} is not the number of anything here")).field("id"))
    }
}

/// The signed-in account of a request: from `Authorization: Bearer TOKEN`, else from the
/// session cookie. Without one, API routes answer 401 and pages redirect to the login page.
#[derive(Debug, Clone)]
pub struct CurrentUser {
    /// The account.
    pub user: User,
    /// The hash of the session's token.
    pub token_hash: String,
}

/// The signed-in account of a request, if any (never rejects).
#[derive(Debug, Clone)]
pub struct MaybeUser(pub Option<CurrentUser>);

/// Why a request has no usable account.
#[derive(Debug)]
pub enum AuthRejection {
    /// An API route: a problem document.
    Api(Problem),
    /// A page: off to the login page, back here afterwards.
    Page(String),
}

impl IntoResponse for AuthRejection {
    fn into_response(self) -> Response {
        match self {
            AuthRejection::Api(problem) => {
                let mut response = problem.into_response();
                response.headers_mut().insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
                response
            }
            AuthRejection::Page(next) => {
                let next: String = form_urlencoded::byte_serialize(next.as_bytes()).collect();
                Redirect::to(&format!("/login?next={next}")).into_response()
            }
        }
    }
}

/// 401: the request must come from a signed-in account.
pub fn unauthenticated() -> Problem {
    Problem::new(
        StatusCode::UNAUTHORIZED,
        "unauthenticated",
        "Sign-in required",
        "this action needs a signed-in account: log in (POST /api/v1/auth/login) and send the token as \
         `Authorization: Bearer TOKEN`, or the session cookie",
    )
}

/// 403: the account may not do this.
pub fn forbidden(detail: impl Into<String>) -> Problem {
    Problem::new(StatusCode::FORBIDDEN, "forbidden", "Not allowed", detail)
}

impl CurrentUser {
    /// 403 unless the account is a moderator or maintainer.
    pub fn require_moderator(&self) -> Result<(), Problem> {
        self.require(self.user.role.can_moderate(), "moderators")
    }

    /// 403 unless the account is a maintainer.
    pub fn require_maintainer(&self) -> Result<(), Problem> {
        self.require(self.user.role.is_maintainer(), "maintainers")
    }

    /// 403 unless the account is an assessor or a maintainer.
    pub fn require_assessor(&self) -> Result<(), Problem> {
        self.require(matches!(self.user.role, AccountRole::Assessor | AccountRole::Maintainer), "assessors")
    }

    fn require(&self, allowed: bool, who: &str) -> Result<(), Problem> {
        if allowed {
            Ok(())
        } else {
            Err(forbidden(format!("only {who} may do this; the account {} is a {}", self.user.id, self.user.role)))
        }
    }
}

/// The session token a request carries: the bearer token first, then the cookie.
pub(crate) fn request_token(headers: &HeaderMap) -> Option<String> {
    let bearer = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer ").or_else(|| v.strip_prefix("bearer ")))
        .map(|t| t.trim().to_owned());
    bearer.or_else(|| crate::web::cookie(headers, SESSION_COOKIE)).filter(|t| !t.is_empty())
}

/// Whether a request that changes state authenticates with the cookie (no bearer token) and
/// the browser says it comes from another site (`Sec-Fetch-Site`). Forms have their CSRF token;
/// this keeps the JSON API's cookie from being used by other sites too.
fn cross_site_with_cookie(parts: &Parts) -> bool {
    let safe = matches!(parts.method, axum::http::Method::GET | axum::http::Method::HEAD);
    let bearer = parts.headers.contains_key(header::AUTHORIZATION);
    let site = parts.headers.get("sec-fetch-site").and_then(|v| v.to_str().ok());
    !safe && !bearer && site.is_some_and(|site| site != "same-origin" && site != "none")
}

async fn lookup(parts: &Parts, state: &AppState) -> Result<Option<CurrentUser>, Problem> {
    let Some(token) = request_token(&parts.headers) else { return Ok(None) };
    if token.len() != 64 || !token.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Ok(None);
    }
    let hash = token_hash(&token);
    let user = state.store().session_user(&hash).await.map_err(|e| store_problem(&e))?;
    Ok(user.map(|user| CurrentUser { user, token_hash: hash }))
}

impl FromRequestParts<AppState> for CurrentUser {
    type Rejection = AuthRejection;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AuthRejection> {
        let api = parts.uri.path().starts_with("/api/");
        if api && cross_site_with_cookie(parts) {
            return Err(AuthRejection::Api(forbidden(
                "a state-changing API request from another site may not use the session cookie; send a bearer token",
            )));
        }
        match lookup(parts, state).await {
            Ok(Some(user)) => Ok(user),
            Ok(None) if api => Err(AuthRejection::Api(unauthenticated())),
            Ok(None) => Err(AuthRejection::Page(
                parts.uri.path_and_query().map_or_else(|| "/".to_owned(), |p| p.as_str().to_owned()),
            )),
            Err(problem) => Err(AuthRejection::Api(problem)),
        }
    }
}

impl FromRequestParts<AppState> for MaybeUser {
    type Rejection = AuthRejection;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AuthRejection> {
        lookup(parts, state).await.map(MaybeUser).map_err(AuthRejection::Api)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails_are_checked() {
        assert!(check_email(" ada@example.org ").is_ok());
        for bad in ["", "ada", "ada@", "@example.org", "ada@example", "a b@example.org", "a@b@example.org", "a@.org"] {
            assert!(check_email(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn names_and_passwords_are_checked() {
        assert_eq!(check_name("  Ada ").unwrap(), "Ada");
        assert!(check_name(" ").is_err());
        assert!(check_name("a\u{7}b").is_err());
        assert!(check_password("short").is_err());
        assert!(check_password("long enough password").is_ok());
    }

    #[tokio::test]
    async fn hashes_are_argon2id_and_verify() {
        let hash = hash_password("correct horse battery").await.unwrap();
        assert!(hash.starts_with("$argon2id$"), "{hash}");
        assert!(verify_password("correct horse battery", &hash).await);
        assert!(!verify_password("wrong horse battery", &hash).await);
        assert!(!verify_password("correct horse battery", "not a hash").await);
    }

    #[test]
    fn token_hashes_differ_from_tokens() {
        let (token, hash) = new_session_token().unwrap();
        assert_eq!(token.len(), 64);
        assert_eq!(hash, token_hash(&token));
        assert_ne!(hash, token);
    }
}
