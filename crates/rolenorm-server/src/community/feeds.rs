//! Atom feeds (`atom_syndication`): new proposals, the approved comments of one proposal, and
//! releases. Feeds are public: a pending, rejected or hidden comment is never in one.

use atom_syndication::{Content, Entry, Feed, FixedDateTime, Link, Person, Text};
use axum::Router;
use axum::extract::State;
use axum::http::{HeaderMap, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use rolenorm_store::CommentStatus;

use super::api::load;
use super::debate::render_markdown;
use crate::AppState;
use crate::accounts::Id;
use crate::accounts::store_problem;
use crate::problem::Problem;

/// The feed routes.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/feeds/proposals.atom", get(proposals))
        .route("/feeds/releases.atom", get(releases))
        .route("/feeds/proposals/{id}/comments.atom", get(comments))
}

/// The site's address as the request names it (`https://host` behind a TLS proxy).
fn base_url(headers: &HeaderMap) -> String {
    let host = headers
        .get(header::HOST)
        .and_then(|v| v.to_str().ok())
        .filter(|h| !h.is_empty() && h.bytes().all(|b| b.is_ascii_alphanumeric() || b".-:[]".contains(&b)));
    let scheme = match headers.get("x-forwarded-proto").and_then(|v| v.to_str().ok()) {
        Some(proto) if proto.eq_ignore_ascii_case("https") => "https",
        _ => "http",
    };
    format!("{scheme}://{}", host.unwrap_or("localhost"))
}

fn time(seconds: i64) -> FixedDateTime {
    let text = jiff::Timestamp::from_second(seconds).unwrap_or(jiff::Timestamp::UNIX_EPOCH).to_string();
    FixedDateTime::parse_from_rfc3339(&text).unwrap_or_default()
}

fn link(href: String, rel: &str) -> Link {
    let mut link = Link::default();
    link.set_href(href);
    link.set_rel(rel);
    link
}

fn person(name: &str) -> Person {
    Person { name: name.to_owned(), ..Person::default() }
}

fn html_content(html: String) -> Content {
    let mut content = Content::default();
    content.set_content_type(Some("html".to_owned()));
    content.set_value(Some(html));
    content
}

fn entry(id: String, title: &str, updated: i64, author: &str, html: String) -> Entry {
    let mut entry = Entry::default();
    entry.set_title(Text::plain(title));
    entry.set_links(vec![link(id.clone(), "alternate")]);
    entry.set_id(id);
    entry.set_updated(time(updated));
    entry.set_published(Some(time(updated)));
    entry.set_authors(vec![person(author)]);
    entry.set_content(Some(html_content(html)));
    entry
}

fn feed(id: String, self_href: String, title: &str, entries: Vec<Entry>) -> Response {
    let mut feed = Feed::default();
    let updated = entries.iter().map(|e| *e.updated()).max().unwrap_or_else(|| time(0));
    feed.set_title(Text::plain(title));
    feed.set_links(vec![link(self_href, "self"), link(id.clone(), "alternate")]);
    feed.set_id(id);
    feed.set_updated(updated);
    feed.set_authors(vec![person("rolenorm")]);
    feed.set_entries(entries);
    ([(header::CONTENT_TYPE, "application/atom+xml; charset=utf-8")], feed.to_string()).into_response()
}

/// `GET /feeds/proposals.atom`: the newest 50 proposals.
async fn proposals(State(state): State<AppState>, headers: HeaderMap) -> Result<Response, Problem> {
    let base = base_url(&headers);
    let all = super::api::summaries(&state).await?;
    let entries = all
        .iter()
        .take(50)
        .map(|p| {
            let proposal = &p.title;
            let html = format!("<p>{} · {}</p>", escape(&p.status), escape(&p.author.name));
            entry(format!("{base}/proposals/{}", p.id), proposal, p.created_at, &p.author.name, html)
        })
        .collect();
    Ok(feed(format!("{base}/proposals"), format!("{base}/feeds/proposals.atom"), "rolenorm: proposals", entries))
}

/// `GET /feeds/proposals/{id}/comments.atom`: the approved comments of one proposal.
async fn comments(State(state): State<AppState>, Id(id): Id, headers: HeaderMap) -> Result<Response, Problem> {
    let base = base_url(&headers);
    let proposal = load(&state, id).await?;
    let all = state.store().comments_of(id).await.map_err(|e| store_problem(&e))?;
    let entries = all
        .iter()
        .rev()
        .filter(|c| c.status == CommentStatus::Approved)
        .take(100)
        .map(|c| {
            let title = format!("{} on {}", c.author_name, proposal.title);
            entry(
                format!("{base}/proposals/{id}#comment-{}", c.id),
                &title,
                c.created_at,
                &c.author_name,
                c.html.clone(),
            )
        })
        .collect();
    let title = format!("rolenorm: comments on {}", proposal.title);
    Ok(feed(format!("{base}/proposals/{id}"), format!("{base}/feeds/proposals/{id}/comments.atom"), &title, entries))
}

/// `GET /feeds/releases.atom`: every release with its changelog.
async fn releases(State(state): State<AppState>, headers: HeaderMap) -> Result<Response, Problem> {
    let base = base_url(&headers);
    let all = state.store().releases().await.map_err(|e| store_problem(&e))?;
    let entries = all
        .iter()
        .map(|r| {
            let title = format!("rolenorm {}", r.version);
            entry(
                format!("{base}/releases/{}", r.version),
                &title,
                r.created_at,
                "rolenorm",
                render_markdown(&r.changelog),
            )
        })
        .collect();
    Ok(feed(format!("{base}/releases"), format!("{base}/feeds/releases.atom"), "rolenorm: norm releases", entries))
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}
