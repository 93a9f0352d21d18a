//! The server through its real router (`tower::ServiceExt::oneshot`) with a real SQLite file in
//! a temporary folder.
#![allow(missing_docs, clippy::unwrap_used)]

mod accounts;
mod api;
mod builder;
mod community;
mod community_web;
mod credentials;
mod openapi;
mod web;

use std::sync::{Arc, LazyLock};

use axum::Router;
use axum::body::Body;
use axum::http::{HeaderMap, Request, StatusCode, header};
use http_body_util::BodyExt;
use rolenorm_analyze::Analyzer;
use rolenorm_server::{AppState, Limits};
use rolenorm_store::Store;
use serde_json::Value;
use tower::ServiceExt;

static ANALYZER: LazyLock<Arc<Analyzer>> =
    LazyLock::new(|| Arc::new(Analyzer::new(Arc::new(rolenorm_norm::Norm::builtin().unwrap())).unwrap()));

/// A server over a fresh data folder.
pub struct TestApp {
    pub router: Router,
    pub dir: tempfile::TempDir,
}

/// Limits for tests: no rate limit unless a test asks for one.
pub fn limits() -> Limits {
    Limits { rate_per_second: 0.0, ..Limits::default() }
}

pub async fn app_with(limits: Limits) -> TestApp {
    let dir = tempfile::tempdir().unwrap();
    let app = app_in(dir.path(), limits).await;
    TestApp { router: app, dir }
}

pub async fn app_in(path: &std::path::Path, limits: Limits) -> Router {
    let store = Store::open(path).await.unwrap();
    rolenorm_server::router(AppState::new(ANALYZER.clone(), store, limits))
}

/// The issuer every credential test signs with (a fixed seed), at this base URL.
pub const BASE: &str = "http://rolenorm.test";

pub fn issuer_key() -> rolenorm_credential::IssuerKey {
    rolenorm_credential::IssuerKey::from_seed([7; 32])
}

/// A server that issues credentials, with its state and store kept for the test.
pub struct IssuingApp {
    pub router: Router,
    pub store: Store,
    pub dir: tempfile::TempDir,
}

pub async fn issuing_app() -> IssuingApp {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).await.unwrap();
    let issuer = rolenorm_server::Issuer::new(issuer_key(), "Test Academy", BASE, Some(730));
    let state = AppState::new(ANALYZER.clone(), store.clone(), limits()).with_issuer(issuer);
    IssuingApp { router: rolenorm_server::router(state), store, dir }
}

pub fn norm() -> &'static rolenorm_norm::Norm {
    ANALYZER.norm()
}

pub fn analyzer() -> &'static Analyzer {
    &ANALYZER
}

pub async fn app() -> TestApp {
    app_with(limits()).await
}

pub struct Reply {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: Vec<u8>,
}

impl Reply {
    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.text()))
    }

    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    pub fn header(&self, name: &str) -> &str {
        self.headers.get(name).and_then(|v| v.to_str().ok()).unwrap_or("")
    }

    /// Asserts this is a problem document with `status` and `type` ending in `slug`.
    pub fn problem(&self, status: u16, slug: &str) -> Value {
        assert_eq!(self.status.as_u16(), status, "{}", self.text());
        assert_eq!(self.header("content-type"), "application/problem+json", "{}", self.text());
        let p = self.json();
        assert_eq!(p["type"], format!("urn:rolenorm:problem:{slug}"), "{p}");
        assert_eq!(p["status"], status, "{p}");
        assert!(!p["title"].as_str().unwrap().is_empty(), "{p}");
        assert!(!p["detail"].as_str().unwrap().is_empty(), "{p}");
        p
    }
}

pub async fn send(app: &Router, request: Request<Body>) -> Reply {
    let response = app.clone().oneshot(request).await.unwrap();
    let status = response.status();
    let headers = response.headers().clone();
    let body = response.into_body().collect().await.unwrap().to_bytes().to_vec();
    Reply { status, headers, body }
}

pub async fn get(app: &Router, uri: &str) -> Reply {
    send(app, Request::get(uri).body(Body::empty()).unwrap()).await
}

pub async fn post_json(app: &Router, uri: &str, body: impl Into<String>) -> Reply {
    let request =
        Request::post(uri).header(header::CONTENT_TYPE, "application/json").body(Body::from(body.into())).unwrap();
    send(app, request).await
}

pub const COMMUNITY_AD: &str = "Community Manager (m/w/d)\n\nDeine Aufgaben:\n- Du moderierst Kommentare auf Instagram und TikTok und beantwortest Nachrichten unserer Community.\n- Du baust die Community auf und pflegst den Dialog mit unseren Fans.\n- Du erkennst Krisen früh und eskalierst sie.\n";
