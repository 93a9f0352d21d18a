//! Accounts: registration, login (cookie and bearer token), logout, password change, roles,
//! e-mail privacy, login throttling, CSRF on the forms.

use axum::Router;
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use rolenorm_server::AppState;
use rolenorm_store::{AccountRole, Store};
use serde_json::{Value, json};

use super::{ANALYZER, Reply, get, limits, post_json, send};

/// A server with its store, over a fresh data folder.
pub struct Community {
    pub router: Router,
    pub store: Store,
    pub _dir: tempfile::TempDir,
}

pub async fn community() -> Community {
    let dir = tempfile::tempdir().unwrap();
    let (router, store) = community_in(dir.path()).await;
    Community { router, store, _dir: dir }
}

pub async fn community_in(path: &std::path::Path) -> (Router, Store) {
    let store = Store::open(path).await.unwrap();
    (rolenorm_server::router(AppState::new(ANALYZER.clone(), store.clone(), limits())), store)
}

/// Creates an account with `role` directly in the store and logs it in; its bearer token.
pub async fn account(c: &Community, name: &str, role: AccountRole) -> String {
    let email = format!("{}@example.org", name.to_lowercase());
    rolenorm_server::accounts::add_user(&c.store, name, &email, "a long enough password", role).await.unwrap();
    login(&c.router, &email, "a long enough password").await
}

pub async fn login(router: &Router, email: &str, password: &str) -> String {
    let reply =
        post_json(router, "/api/v1/auth/login", json!({"email": email, "password": password}).to_string()).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text());
    reply.json()["token"].as_str().unwrap().to_owned()
}

pub async fn authed(router: &Router, method: &str, uri: &str, token: &str, body: Option<Value>) -> Reply {
    let mut request = Request::builder().method(method).uri(uri);
    if !token.is_empty() {
        request = request.header(header::AUTHORIZATION, format!("Bearer {token}"));
    }
    let request = match body {
        Some(body) => request.header(header::CONTENT_TYPE, "application/json").body(Body::from(body.to_string())),
        None => request.body(Body::empty()),
    };
    send(router, request.unwrap()).await
}

#[tokio::test]
async fn register_login_me_logout() {
    let c = community().await;
    let reply = post_json(
        &c.router,
        "/api/v1/auth/register",
        json!({"name": "Ada", "email": "ada@example.org", "password": "correct horse battery"}).to_string(),
    )
    .await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.text());
    assert_eq!(reply.json()["role"], "member");
    let login = post_json(
        &c.router,
        "/api/v1/auth/login",
        json!({"email": "ADA@example.org", "password": "correct horse battery"}).to_string(),
    )
    .await;
    assert_eq!(login.status, StatusCode::OK, "{}", login.text());
    let token = login.json()["token"].as_str().unwrap().to_owned();
    let cookie = login.header("set-cookie").to_owned();
    assert!(cookie.starts_with(&format!("rn_session={token};")), "{cookie}");
    for attribute in ["HttpOnly", "SameSite=Lax", "Path=/"] {
        assert!(cookie.contains(attribute), "{cookie}");
    }
    assert!(!cookie.contains("Secure"), "{cookie}");
    let me = authed(&c.router, "GET", "/api/v1/auth/me", &token, None).await;
    assert_eq!(me.status, StatusCode::OK);
    assert_eq!(me.json()["email"], "ada@example.org");
    let by_cookie = send(
        &c.router,
        Request::get("/api/v1/auth/me")
            .header(header::COOKIE, format!("rn_session={token}"))
            .body(Body::empty())
            .unwrap(),
    )
    .await;
    assert_eq!(by_cookie.json()["name"], "Ada");
    let out = authed(&c.router, "POST", "/api/v1/auth/logout", &token, None).await;
    assert_eq!(out.status, StatusCode::NO_CONTENT);
    assert!(out.header("set-cookie").contains("Max-Age=0"));
    let after = authed(&c.router, "GET", "/api/v1/auth/me", &token, None).await;
    after.problem(401, "unauthenticated");
    assert_eq!(after.header("www-authenticate"), "Bearer");
}

#[tokio::test]
async fn the_cookie_is_secure_behind_tls() {
    let c = community().await;
    account(&c, "Tls", AccountRole::Member).await;
    let request = Request::post("/api/v1/auth/login")
        .header(header::CONTENT_TYPE, "application/json")
        .header("x-forwarded-proto", "https")
        .body(Body::from(json!({"email": "tls@example.org", "password": "a long enough password"}).to_string()))
        .unwrap();
    let reply = send(&c.router, request).await;
    assert!(reply.header("set-cookie").contains("; Secure"), "{}", reply.header("set-cookie"));
}

#[tokio::test]
async fn bad_registrations_are_refused_by_field() {
    let c = community().await;
    let body = |name: &str, email: &str, password: &str| {
        json!({"name": name, "email": email, "password": password}).to_string()
    };
    post_json(&c.router, "/api/v1/auth/register", body("Ada", "not-an-address", "long enough pw"))
        .await
        .problem(422, "invalid-field");
    post_json(&c.router, "/api/v1/auth/register", body("Ada", "ada@example.org", "short"))
        .await
        .problem(422, "invalid-field");
    post_json(&c.router, "/api/v1/auth/register", body(" ", "ada@example.org", "long enough pw"))
        .await
        .problem(422, "invalid-field");
    let first = post_json(&c.router, "/api/v1/auth/register", body("Ada", "ada@example.org", "long enough pw")).await;
    assert_eq!(first.status, StatusCode::CREATED);
    let again = post_json(&c.router, "/api/v1/auth/register", body("Eve", "Ada@Example.org", "long enough pw")).await;
    again.problem(409, "email-taken");
    assert_eq!(c.store.user_count().await.unwrap(), 1);
}

#[tokio::test]
async fn an_email_address_is_shown_only_to_its_owner_and_maintainers() {
    let c = community().await;
    let ada = account(&c, "Ada", AccountRole::Member).await;
    let bob = account(&c, "Bob", AccountRole::Member).await;
    let max = account(&c, "Max", AccountRole::Maintainer).await;
    let ada_id = authed(&c.router, "GET", "/api/v1/auth/me", &ada, None).await.json()["id"].as_i64().unwrap();
    let uri = format!("/api/v1/users/{ada_id}");
    assert!(get(&c.router, &uri).await.json().get("email").is_none());
    assert!(authed(&c.router, "GET", &uri, &bob, None).await.json().get("email").is_none());
    assert!(!authed(&c.router, "GET", &uri, &bob, None).await.text().contains("ada@example.org"));
    assert_eq!(authed(&c.router, "GET", &uri, &ada, None).await.json()["email"], "ada@example.org");
    assert_eq!(authed(&c.router, "GET", &uri, &max, None).await.json()["email"], "ada@example.org");
}

#[tokio::test]
async fn only_maintainers_change_roles_and_it_is_audited() {
    let c = community().await;
    let ada = account(&c, "Ada", AccountRole::Member).await;
    let moderator = account(&c, "Mod", AccountRole::Moderator).await;
    let max = account(&c, "Max", AccountRole::Maintainer).await;
    let ada_id = authed(&c.router, "GET", "/api/v1/auth/me", &ada, None).await.json()["id"].as_i64().unwrap();
    let uri = format!("/api/v1/users/{ada_id}/role");
    let body = json!({"role": "moderator"});
    authed(&c.router, "POST", &uri, "", Some(body.clone())).await.problem(401, "unauthenticated");
    authed(&c.router, "POST", &uri, &ada, Some(body.clone())).await.problem(403, "forbidden");
    authed(&c.router, "POST", &uri, &moderator, Some(body.clone())).await.problem(403, "forbidden");
    assert_eq!(c.store.user(ada_id).await.unwrap().unwrap().role, AccountRole::Member);
    assert!(c.store.audit_log(10).await.unwrap().is_empty());
    authed(&c.router, "POST", &uri, &max, Some(json!({"role": "boss"}))).await.problem(422, "invalid-field");
    let changed = authed(&c.router, "POST", &uri, &max, Some(body)).await;
    assert_eq!(changed.status, StatusCode::OK, "{}", changed.text());
    assert_eq!(c.store.user(ada_id).await.unwrap().unwrap().role, AccountRole::Moderator);
    let log = c.store.audit_log(10).await.unwrap();
    assert_eq!(log.len(), 1);
    assert_eq!((log[0].action.as_str(), log[0].target.as_str()), ("user.role", format!("user:{ada_id}").as_str()));
    assert_eq!(log[0].detail, "member → moderator");
}

#[tokio::test]
async fn changing_the_password_needs_the_old_one_and_ends_other_sessions() {
    let c = community().await;
    let first = account(&c, "Ada", AccountRole::Member).await;
    let second = login(&c.router, "ada@example.org", "a long enough password").await;
    let change = |current: &str, new: &str| json!({"current_password": current, "new_password": new});
    authed(&c.router, "POST", "/api/v1/auth/password", &first, Some(change("wrong password!", "another long one")))
        .await
        .problem(403, "forbidden");
    let ok = authed(
        &c.router,
        "POST",
        "/api/v1/auth/password",
        &first,
        Some(change("a long enough password", "another long one")),
    )
    .await;
    assert_eq!(ok.status, StatusCode::NO_CONTENT, "{}", ok.text());
    assert_eq!(authed(&c.router, "GET", "/api/v1/auth/me", &first, None).await.status, StatusCode::OK);
    authed(&c.router, "GET", "/api/v1/auth/me", &second, None).await.problem(401, "unauthenticated");
    let old = post_json(
        &c.router,
        "/api/v1/auth/login",
        json!({"email": "ada@example.org", "password": "a long enough password"}).to_string(),
    )
    .await;
    old.problem(401, "bad-credentials");
    login(&c.router, "ada@example.org", "another long one").await;
}

#[tokio::test]
async fn logins_are_throttled_per_account_even_with_the_right_password() {
    let c = community().await;
    account(&c, "Ada", AccountRole::Member).await;
    let attempt = |password: &str| json!({"email": "ada@example.org", "password": password}).to_string();
    for _ in 0..5 {
        post_json(&c.router, "/api/v1/auth/login", attempt("wrong password")).await.problem(401, "bad-credentials");
    }
    let locked = post_json(&c.router, "/api/v1/auth/login", attempt("a long enough password")).await;
    locked.problem(429, "login-throttled");
    assert!(locked.header("retry-after").parse::<u64>().unwrap() >= 1);
    // Another account from the same client is not locked by the first one's failures.
    account(&c, "Bob", AccountRole::Member).await;
}

#[tokio::test]
async fn unknown_addresses_fail_like_wrong_passwords() {
    let c = community().await;
    let reply = post_json(
        &c.router,
        "/api/v1/auth/login",
        json!({"email": "nobody@example.org", "password": "whatever it is"}).to_string(),
    )
    .await;
    reply.problem(401, "bad-credentials");
}

#[tokio::test]
async fn the_login_form_needs_its_csrf_token_and_sets_the_cookie() {
    let c = community().await;
    account(&c, "Ada", AccountRole::Member).await;
    let page = get(&c.router, "/login?next=/account").await;
    assert_eq!(page.status, StatusCode::OK);
    let set = page.header("set-cookie").to_owned();
    let csrf = set.split(';').next().unwrap().trim_start_matches("rn_csrf=").to_owned();
    assert!(page.text().contains(&format!("value=\"{csrf}\"")));
    let form =
        |token: &str| format!("csrf={token}&email=ada%40example.org&password=a+long+enough+password&next=%2Faccount");
    let post = |token: String| {
        Request::post("/login")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(header::COOKIE, format!("rn_csrf={csrf}"))
            .body(Body::from(form(&token)))
            .unwrap()
    };
    let forged = send(&c.router, post("0".repeat(32))).await;
    assert_eq!(forged.status, StatusCode::FORBIDDEN);
    assert!(!forged.header("set-cookie").contains("rn_session"));
    let ok = send(&c.router, post(csrf.clone())).await;
    assert_eq!(ok.status, StatusCode::SEE_OTHER, "{}", ok.text());
    assert_eq!(ok.header("location"), "/account");
    assert!(ok.header("set-cookie").starts_with("rn_session="));
}

#[tokio::test]
async fn pages_that_need_an_account_send_visitors_to_the_login() {
    let c = community().await;
    let reply = get(&c.router, "/account").await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER);
    assert_eq!(reply.header("location"), "/login?next=%2Faccount");
    let token = account(&c, "Ada", AccountRole::Member).await;
    let page = send(
        &c.router,
        Request::get("/account").header(header::COOKIE, format!("rn_session={token}")).body(Body::empty()).unwrap(),
    )
    .await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.text().contains("ada@example.org"));
}

#[tokio::test]
async fn a_next_parameter_never_leaves_the_site() {
    let c = community().await;
    let page = get(&c.router, "/login?next=//evil.example/").await;
    assert!(page.text().contains("name=\"next\" value=\"/account\""), "{}", page.text());
}

#[tokio::test]
async fn another_site_cannot_use_the_session_cookie_on_the_api() {
    let c = community().await;
    let token = account(&c, "Ada", AccountRole::Member).await;
    let request = |site: &str| {
        Request::post("/api/v1/auth/logout")
            .header(header::COOKIE, format!("rn_session={token}"))
            .header("sec-fetch-site", site)
            .body(Body::empty())
            .unwrap()
    };
    send(&c.router, request("cross-site")).await.problem(403, "forbidden");
    assert_eq!(
        authed(&c.router, "GET", "/api/v1/auth/me", &token, None).await.status,
        StatusCode::OK,
        "still logged in"
    );
    assert_eq!(send(&c.router, request("same-origin")).await.status, StatusCode::NO_CONTENT);
}
