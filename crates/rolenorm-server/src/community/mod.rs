//! The norm's community: proposals (structured changes with their impact on stored ads),
//! pre-moderated debate, votes, releases of new norm versions, Atom feeds, and the web pages
//! for all of it.
//!
//! [`Norms`] holds every norm version the server knows: the one it started with and the
//! releases in the store. The server analyses with the newest release unless a request names
//! another version (`?version=`).

mod api;
mod debate;
mod feeds;
mod impact;
mod norms;
mod pages;
mod releases;

use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::AppState;

pub use impact::ImpactCache;
pub use norms::Norms;

/// How votes are decided.
#[derive(Debug, Clone)]
pub struct CommunityConfig {
    /// Votes (yes, no and abstain) a proposal needs before it can pass.
    pub quorum: i64,
    /// The share of yes among yes and no votes that must be exceeded (0.5: a simple majority).
    pub majority: f64,
    /// Days a vote stays open after a proposal is made; none: until a maintainer closes or
    /// releases it.
    pub vote_days: Option<i64>,
    /// How many stored ads (the newest) a proposal's impact re-analyses.
    pub impact_ads: i64,
}

impl Default for CommunityConfig {
    fn default() -> Self {
        Self { quorum: 2, majority: 0.5, vote_days: None, impact_ads: 1000 }
    }
}

impl CommunityConfig {
    /// Whether `tally` passes: the quorum reached and more than `majority` of yes and no votes
    /// are yes; else why not.
    pub fn passes(&self, tally: &rolenorm_store::Tally) -> Result<(), String> {
        if tally.total() < self.quorum {
            return Err(format!("{} vote(s), fewer than the quorum of {}", tally.total(), self.quorum));
        }
        let decided = tally.yes + tally.no;
        #[allow(clippy::cast_precision_loss)]
        let share = if decided == 0 { 0.0 } else { tally.yes as f64 / decided as f64 };
        if share <= self.majority {
            return Err(format!(
                "{} yes of {decided} yes/no votes is not more than the majority of {}",
                tally.yes, self.majority
            ));
        }
        Ok(())
    }
}

/// Loads the stored releases once, before the first request is answered.
pub(crate) async fn load_releases(State(state): State<AppState>, req: Request, next: Next) -> Response {
    if let Err(problem) = state.norms().ensure_loaded(state.store()).await {
        return problem.into_response();
    }
    next.run(req).await
}

/// The community's pages and feeds.
pub(crate) fn web_router() -> axum::Router<AppState> {
    pages::router().merge(feeds::router())
}

/// The community's API routes, with their OpenAPI paths.
pub(crate) fn api_routes(
    router: utoipa_axum::router::OpenApiRouter<AppState>,
) -> utoipa_axum::router::OpenApiRouter<AppState> {
    use utoipa_axum::routes;
    router
        .routes(routes!(api::list_proposals, api::create_proposal))
        .routes(routes!(api::get_proposal))
        .routes(routes!(api::corpus_impact))
        .routes(routes!(api::close_vote))
        .routes(routes!(api::vote))
        .routes(routes!(debate::post_comment))
        .routes(routes!(debate::approve))
        .routes(routes!(debate::reject))
        .routes(routes!(debate::hide))
        .routes(routes!(debate::flag))
        .routes(routes!(debate::queue))
        .routes(routes!(releases::create_release))
        .routes(routes!(releases::versions))
        .routes(routes!(releases::version))
        .routes(routes!(releases::diff))
        .routes(routes!(api::audit))
}
