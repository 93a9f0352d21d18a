//! `rolenorm serve`: the HTTP API (`/api/v1`, OpenAPI 3.1 at `/api/v1/openapi.json`, docs at
//! `/api/v1/docs/`) and the server-rendered web app (`/`, `/norm`, `/build`) over one
//! [`rolenorm_analyze::Analyzer`] and one [`rolenorm_store::Store`].
//!
//! [`router`] builds the whole application for a given [`AppState`], so tests drive it through
//! `tower::ServiceExt::oneshot` without a socket; [`serve`] binds an address and runs it until
//! SIGINT or SIGTERM, letting in-flight requests finish.

// `Problem` (about 200 bytes) is the error of every handler: errors are the cold path and end as
// a response, so boxing it would only add allocations and noise.
#![allow(clippy::result_large_err)]

pub mod accounts;
mod api;
mod assess_api;
pub mod community;
mod compose;
mod extract;
mod guard;
mod i18n;
mod i18n_cred;
pub mod issuer;
mod norm_view;
mod openapi;
mod problem;
pub mod reviewer;
mod verification;
mod web;
mod wire;

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use rolenorm_analyze::Analyzer;
use rolenorm_store::Store;

pub use compose::{BuildRequest, BuildResponse, build_ad};
pub use issuer::{Issuer, load_or_create_key};
pub use openapi::openapi_json;
pub use problem::Problem;

/// The limits the server enforces, each answered with a problem document.
#[derive(Debug, Clone)]
pub struct Limits {
    /// Largest request body in bytes (413 beyond).
    pub body_bytes: usize,
    /// Largest body of `POST /api/v1/analyze/batch` in bytes.
    pub batch_body_bytes: usize,
    /// Most ads in one batch.
    pub batch_ads: usize,
    /// Longest time one request may take (503 beyond).
    pub timeout: Duration,
    /// Requests per second each client (IP address) may make on average; 0 turns the limit off.
    pub rate_per_second: f64,
    /// Requests a client may make in a burst above the average.
    pub rate_burst: f64,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            body_bytes: 1 << 20,
            batch_body_bytes: 16 << 20,
            batch_ads: 1000,
            timeout: Duration::from_secs(10),
            rate_per_second: 20.0,
            rate_burst: 60.0,
        }
    }
}

/// What every handler shares: the analyzer, the store and the limits. Cheap to clone.
#[derive(Clone)]
pub struct AppState {
    inner: Arc<Inner>,
}

struct Inner {
    norms: community::Norms,
    community: community::CommunityConfig,
    impacts: community::ImpactCache,
    store: Store,
    limits: Limits,
    rate: guard::RateLimiter,
    accounts: accounts::AccountsConfig,
    throttle: accounts::Throttle,
    issuer: std::sync::OnceLock<Issuer>,
}

impl std::fmt::Debug for AppState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AppState").field("store", &self.inner.store).field("limits", &self.inner.limits).finish()
    }
}

impl AppState {
    /// The state of a server applying `analyzer`'s norm, saving into `store`, within `limits`.
    pub fn new(analyzer: Arc<Analyzer>, store: Store, limits: Limits) -> Self {
        Self::with_accounts(analyzer, store, limits, accounts::AccountsConfig::default())
    }

    /// [`AppState::new`] with accounts configured by `config` (secure cookies, login throttle).
    pub fn with_accounts(
        analyzer: Arc<Analyzer>,
        store: Store,
        limits: Limits,
        config: accounts::AccountsConfig,
    ) -> Self {
        let rate = guard::RateLimiter::new(limits.rate_per_second, limits.rate_burst);
        let throttle = accounts::Throttle::new(
            Duration::from_secs(config.throttle_seconds),
            config.account_failures,
            config.client_failures,
        );
        let norms = community::Norms::new(analyzer);
        let (community, impacts) = (community::CommunityConfig::default(), community::ImpactCache::default());
        let issuer = std::sync::OnceLock::new();
        Self {
            inner: Arc::new(Inner {
                norms,
                community,
                impacts,
                store,
                limits,
                rate,
                accounts: config,
                throttle,
                issuer,
            }),
        }
    }

    /// This state with the community's vote rules set to `config` (call before serving).
    pub fn with_community(mut self, config: community::CommunityConfig) -> Self {
        if let Some(inner) = Arc::get_mut(&mut self.inner) {
            inner.community = config;
        }
        self
    }

    /// Every norm version this server knows (the base and the releases).
    pub fn norms(&self) -> &community::Norms {
        &self.inner.norms
    }

    pub(crate) fn community(&self) -> &community::CommunityConfig {
        &self.inner.community
    }

    pub(crate) fn impacts(&self) -> &community::ImpactCache {
        &self.inner.impacts
    }

    pub(crate) fn accounts_config(&self) -> &accounts::AccountsConfig {
        &self.inner.accounts
    }

    pub(crate) fn throttle(&self) -> &accounts::Throttle {
        &self.inner.throttle
    }

    /// This state with `issuer` signing the credentials assessors approve (without one, the
    /// server verifies credentials but issues none). Call once, before [`router`].
    pub fn with_issuer(self, issuer: Issuer) -> Self {
        if self.inner.issuer.set(issuer).is_err() {
            tracing::warn!("the server's issuer was set twice; the first one stays");
        }
        self
    }

    pub(crate) fn issuer(&self) -> Option<&Issuer> {
        self.inner.issuer.get()
    }

    /// The analyzer of the newest norm version.
    pub(crate) fn analyzer(&self) -> Arc<Analyzer> {
        self.inner.norms.current()
    }

    /// The newest norm version.
    pub(crate) fn norm(&self) -> NormRef {
        NormRef(self.inner.norms.current())
    }

    pub(crate) fn store(&self) -> &Store {
        &self.inner.store
    }

    pub(crate) fn limits(&self) -> &Limits {
        &self.inner.limits
    }

    pub(crate) fn rate(&self) -> &guard::RateLimiter {
        &self.inner.rate
    }
}

/// A norm version held by its analyzer (derefs to the [`rolenorm_norm::Norm`]).
#[derive(Clone)]
pub(crate) struct NormRef(Arc<Analyzer>);

impl std::ops::Deref for NormRef {
    type Target = rolenorm_norm::Norm;

    fn deref(&self) -> &rolenorm_norm::Norm {
        self.0.norm()
    }
}

/// The whole application: API, docs, web app, health check, with every guard layer.
pub fn router(state: AppState) -> Router {
    let (api, _) = openapi::api_router().split_for_parts();
    let app = Router::new()
        .route("/healthz", axum::routing::get(healthz))
        .merge(api)
        .merge(openapi::docs_router())
        .merge(web::router())
        .merge(accounts::web_router())
        .merge(community::web_router())
        .fallback(web::not_found)
        .method_not_allowed_fallback(method_not_allowed)
        .layer(axum::middleware::from_fn_with_state(state.clone(), community::load_releases));
    guard::layers(app, state)
}

/// `GET /healthz`: `ok` once the server answers and its database does.
async fn healthz(axum::extract::State(state): axum::extract::State<AppState>) -> axum::response::Response {
    use axum::response::IntoResponse;
    match state.store().ping().await {
        Ok(()) => "ok\n".into_response(),
        Err(error) => Problem::unavailable(&error.to_string()).into_response(),
    }
}

/// 405 as a problem document.
async fn method_not_allowed(method: axum::http::Method, uri: axum::http::Uri) -> Problem {
    Problem::new(
        axum::http::StatusCode::METHOD_NOT_ALLOWED,
        "method-not-allowed",
        "Method not allowed",
        format!("{} does not answer {method}", uri.path()),
    )
}

/// Binds `addr` and serves `state` until SIGINT or SIGTERM; in-flight requests finish first.
pub async fn serve(addr: SocketAddr, state: AppState) -> std::io::Result<()> {
    let listener = tokio::net::TcpListener::bind(addr).await?;
    let local = listener.local_addr()?;
    tracing::info!(addr = %local, "rolenorm serve listening; open http://{local}/");
    let app = router(state).into_make_service_with_connect_info::<SocketAddr>();
    axum::serve(listener, app).with_graceful_shutdown(shutdown_signal()).await?;
    tracing::info!("rolenorm serve stopped");
    Ok(())
}

/// Resolves on SIGINT (Ctrl-C) or SIGTERM.
async fn shutdown_signal() {
    let ctrl_c = async {
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => tracing::info!("SIGINT: finishing in-flight requests"),
        () = term => tracing::info!("SIGTERM: finishing in-flight requests"),
    }
}
