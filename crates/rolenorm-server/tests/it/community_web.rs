//! The community's pages: they render for visitors and members, every form needs its CSRF
//! token, a pending comment is on no other member's page, and a moderator approves in the page.

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use rolenorm_store::AccountRole;

use super::accounts::{Community, account, authed, community};
use super::{Reply, get, send};

const CSRF: &str = "0123456789abcdef0123456789abcdef";

async fn page(c: &Community, uri: &str, token: &str) -> Reply {
    let cookie = if token.is_empty() { String::new() } else { format!("rn_session={token}") };
    send(&c.router, Request::get(uri).header(header::COOKIE, cookie).body(Body::empty()).unwrap()).await
}

async fn form(c: &Community, uri: &str, token: &str, csrf: &str, body: &str) -> Reply {
    let request = Request::post(uri)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::COOKIE, format!("rn_session={token}; rn_csrf={CSRF}"))
        .body(Body::from(format!("csrf={csrf}&{body}")))
        .unwrap();
    send(&c.router, request).await
}

#[tokio::test]
async fn the_flow_in_the_browser_forms() {
    let c = community().await;
    let ada = account(&c, "Ada", AccountRole::Member).await;
    let bob = account(&c, "Bob", AccountRole::Member).await;
    let mia = account(&c, "Mia", AccountRole::Moderator).await;
    let max = account(&c, "Max", AccountRole::Maintainer).await;
    for uri in ["/proposals", "/releases", "/debate-rules", "/register", "/login"] {
        let reply = get(&c.router, uri).await;
        assert_eq!(reply.status, StatusCode::OK, "{uri}: {}", reply.text());
    }
    assert_eq!(get(&c.router, "/proposals/new").await.status, StatusCode::SEE_OTHER, "visitors log in first");
    assert_eq!(page(&c, "/proposals/new", &ada).await.status, StatusCode::OK);

    let proposal = "title=Moderation+for+channel+managers&rationale=Ads+demand+it.&task=COM-02&role=channel-manager&scope=core&changes=";
    assert_eq!(form(&c, "/proposals/new", &ada, "f".repeat(32).as_str(), proposal).await.status, StatusCode::FORBIDDEN);
    assert!(c.store.proposals().await.unwrap().is_empty());
    let created = form(&c, "/proposals/new", &ada, CSRF, proposal).await;
    assert_eq!(created.status, StatusCode::SEE_OTHER, "{}", created.text());
    let url = created.header("location").to_owned();
    let id: i64 = url.trim_start_matches("/proposals/").parse().unwrap();
    let shown = page(&c, &url, "").await.text();
    assert!(shown.contains("COM-02 becomes core for channel-manager"), "{shown}");
    assert!(shown.contains("id=\"bump\""), "the impact is on the page");

    let commented = form(&c, &format!("/proposals/{id}/comment"), &ada, CSRF, "body=Pending+words").await;
    assert_eq!(commented.status, StatusCode::SEE_OTHER, "{}", commented.text());
    assert!(page(&c, &url, &ada).await.text().contains("Pending words"));
    assert!(
        !page(&c, &url, &bob).await.text().contains("Pending words"),
        "a pending comment is on no other member's page"
    );
    assert!(!page(&c, &url, "").await.text().contains("Pending words"));
    let queue = page(&c, "/moderation", &mia).await;
    assert!(queue.text().contains("Pending words"));
    assert_eq!(page(&c, "/moderation", &bob).await.status, StatusCode::FORBIDDEN);
    let comment = c.store.comments_of(id).await.unwrap()[0].id;
    let forbidden = form(&c, &format!("/comments/{comment}/moderate"), &bob, CSRF, "action=approve").await;
    assert_eq!(forbidden.status, StatusCode::FORBIDDEN);
    let approved =
        form(&c, &format!("/comments/{comment}/moderate"), &mia, CSRF, "action=approve&back=%2Fmoderation").await;
    assert_eq!(approved.status, StatusCode::SEE_OTHER, "{}", approved.text());
    assert!(page(&c, &url, &bob).await.text().contains("Pending words"));

    for token in [&ada, &bob] {
        let voted = form(&c, &format!("/proposals/{id}/vote"), token, CSRF, "vote=yes").await;
        assert_eq!(voted.status, StatusCode::SEE_OTHER, "{}", voted.text());
    }
    assert!(page(&c, "/releases", &max).await.text().contains("id=\"release-form\""));
    assert!(!page(&c, "/releases", &bob).await.text().contains("id=\"release-form\""));
    let refused = form(&c, "/releases", &bob, CSRF, &format!("proposal={id}")).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    let released = form(&c, "/releases", &max, CSRF, &format!("proposal={id}&version=")).await;
    assert_eq!(released.status, StatusCode::SEE_OTHER, "{}", released.text());
    let release_url = released.header("location").to_owned();
    let release = page(&c, &release_url, "").await.text();
    assert!(release.contains("Moderation for channel managers") && release.contains("id=\"diff\""), "{release}");
    let version = release_url.trim_start_matches("/releases/");
    let base = c.store.latest_release().await.unwrap().unwrap().previous;
    let diff = page(&c, &format!("/releases/diff?from={base}&to={version}"), "").await;
    assert_eq!(diff.status, StatusCode::OK);
    assert!(diff.text().contains("COM-02"));
    assert!(
        get(&c.router, "/").await.text().contains(&format!("rolenorm@{version}")),
        "the footer names the new version"
    );
    let audit = page(&c, "/audit", &max).await;
    assert!(audit.text().contains("comment.approved") && audit.text().contains("Mia"), "{}", audit.text());
    assert_eq!(page(&c, "/audit", &mia).await.status, StatusCode::FORBIDDEN);
    let list = authed(&c.router, "GET", "/api/v1/proposals", "", None).await.json();
    assert_eq!(list[0]["status"], "released");
}
