//! The community over the API: proposals with impact, pre-moderated debate, votes, releases,
//! feeds; every forbidden action answers 401/403 and changes nothing; concurrent votes and a
//! release during voting lose nothing; a restart keeps everything.

use axum::http::StatusCode;
use rolenorm_store::AccountRole;
use serde_json::{Value, json};

use super::accounts::{Community, account, authed, community, community_in};
use super::{COMMUNITY_AD, get, post_json};

const SCOPE_CHANGE: &str = r#"{"op": "set-scope", "task": "COM-02", "role": "channel-manager", "scope": "core"}"#;

fn proposal_body() -> Value {
    json!({
        "title": "Community moderation is core for channel managers",
        "rationale": "Channel-manager ads **demand** comment moderation.",
        "changes": [serde_json::from_str::<Value>(SCOPE_CHANGE).unwrap()],
    })
}

async fn propose(c: &Community, token: &str) -> i64 {
    let reply = authed(&c.router, "POST", "/api/v1/proposals", token, Some(proposal_body())).await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.text());
    reply.json()["id"].as_i64().unwrap()
}

async fn save_ad(c: &Community, title: &str, text: &str) -> String {
    let reply =
        post_json(&c.router, "/api/v1/analyze?save=true", json!({"title": title, "text": text}).to_string()).await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.text());
    reply.json()["id"].as_str().unwrap().to_owned()
}

/// The norm version the server analyses with now.
async fn current_version(c: &Community) -> String {
    let reply = post_json(&c.router, "/api/v1/analyze", json!({"text": COMMUNITY_AD}).to_string()).await;
    reply.json()["norm"]["version"].as_str().unwrap().to_owned()
}

struct Cast {
    admin: String,
    moderator: String,
    ada: String,
    bob: String,
}

async fn cast(c: &Community) -> Cast {
    Cast {
        admin: account(c, "Max", AccountRole::Maintainer).await,
        moderator: account(c, "Mia", AccountRole::Moderator).await,
        ada: account(c, "Ada", AccountRole::Member).await,
        bob: account(c, "Bob", AccountRole::Member).await,
    }
}

#[tokio::test]
async fn invalid_proposals_are_refused_with_the_checkers_message() {
    let c = community().await;
    let ada = account(&c, "Ada", AccountRole::Member).await;
    let unknown = json!({"title": "x", "rationale": "y", "changes": [{"op": "set-scope", "task": "NOPE-1", "role": "channel-manager", "scope": "core"}]});
    let reply = authed(&c.router, "POST", "/api/v1/proposals", &ada, Some(unknown)).await;
    let p = reply.problem(422, "invalid-change");
    assert_eq!(p["field"], "changes[0]");
    assert!(p["detail"].as_str().unwrap().contains("no task \"NOPE-1\""), "{p}");
    let norm = rolenorm_norm::Norm::builtin().unwrap();
    let owned = norm.task("COM-02").unwrap().phrases.de[0].text.clone();
    let clash = json!({"title": "x", "rationale": "y", "changes": [{"op": "add-phrase", "task": "CON-02", "lang": "de", "phrase": owned}]});
    let p = authed(&c.router, "POST", "/api/v1/proposals", &ada, Some(clash)).await.problem(422, "invalid-change");
    assert!(p["detail"].as_str().unwrap().contains("also claimed by"), "{p}");
    let core: Vec<Value> = norm
        .role("community-manager")
        .unwrap()
        .core
        .iter()
        .map(|t| json!({"op": "set-scope", "task": t, "role": "community-manager", "scope": "optional"}))
        .collect();
    let empty = json!({"title": "x", "rationale": "y", "changes": core});
    let p = authed(&c.router, "POST", "/api/v1/proposals", &ada, Some(empty)).await.problem(422, "invalid-change");
    assert!(p["detail"].as_str().unwrap().contains("has no core tasks"), "{p}");
    let bad_op = json!({"title": "x", "rationale": "y", "changes": [{"op": "rewrite"}]});
    authed(&c.router, "POST", "/api/v1/proposals", &ada, Some(bad_op)).await.problem(422, "invalid-field");
    assert!(get(&c.router, "/api/v1/proposals").await.json().as_array().unwrap().is_empty());
}

#[tokio::test]
async fn a_proposal_shows_its_impact_on_the_stored_ads() {
    let c = community().await;
    let ada = account(&c, "Ada", AccountRole::Member).await;
    let ad = save_ad(
        &c,
        "Channel Manager Instagram",
        "Deine Aufgaben:\n- Du planst den Redaktionsplan für Instagram.\n- Du moderierst Kommentare und beantwortest Nachrichten der Community.\n",
    )
    .await;
    let id = propose(&c, &ada).await;
    let view = get(&c.router, &format!("/api/v1/proposals/{id}")).await;
    assert_eq!(view.status, StatusCode::OK, "{}", view.text());
    let p = view.json();
    assert_eq!(p["status"], "open");
    assert_eq!(p["changes_text"][0], "COM-02 becomes core for channel-manager");
    let impact = &p["impact"];
    assert_eq!(impact["bump"], "minor", "{impact}");
    assert_eq!(impact["ads"]["analysed"], 1);
    assert!(impact["diff"]["scope"].as_array().unwrap().iter().any(|s| s["task"] == "COM-02" && s["new"] == "core"));
    assert!(p["rationale_html"].as_str().unwrap().contains("<strong>demand</strong>"));
    let examples = impact["ads"]["examples"].as_array().unwrap();
    if impact["ads"]["role_changed"].as_u64().unwrap() + impact["ads"]["gain_task"].as_u64().unwrap() > 0 {
        assert_eq!(examples[0]["id"], ad.as_str());
    }
}

#[tokio::test]
async fn the_whole_flow_pending_comment_votes_release_and_old_analyses_keep_their_version() {
    let c = community().await;
    let who = cast(&c).await;
    let before = current_version(&c).await;
    let old_ad = save_ad(&c, "Community Manager", COMMUNITY_AD).await;
    let id = propose(&c, &who.ada).await;

    // A first comment is pending: the author and moderators see it, nobody else, no feed.
    let uri = format!("/api/v1/proposals/{id}/comments");
    let created = authed(&c.router, "POST", &uri, &who.ada, Some(json!({"body": "I *agree*."}))).await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.text());
    assert_eq!(created.json()["status"], "pending");
    let comment = created.json()["id"].as_i64().unwrap();
    let comments_of = |t: String| {
        let router = c.router.clone();
        async move {
            authed(&router, "GET", &format!("/api/v1/proposals/{id}"), &t, None).await.json()["comments"]
                .as_array()
                .unwrap()
                .len()
        }
    };
    assert_eq!(comments_of(who.ada.clone()).await, 1);
    assert_eq!(comments_of(who.moderator.clone()).await, 1);
    assert_eq!(comments_of(who.bob.clone()).await, 0);
    assert_eq!(comments_of(String::new()).await, 0);
    let feed = get(&c.router, &format!("/feeds/proposals/{id}/comments.atom")).await;
    assert!(!feed.text().contains("agree"), "{}", feed.text());

    // The moderator approves it: now everyone sees it, and Ada's next comment is approved at once.
    let approved =
        authed(&c.router, "POST", &format!("/api/v1/comments/{comment}/approve"), &who.moderator, None).await;
    assert_eq!(approved.status, StatusCode::OK, "{}", approved.text());
    assert_eq!(comments_of(who.bob.clone()).await, 1);
    assert!(get(&c.router, &format!("/feeds/proposals/{id}/comments.atom")).await.text().contains("agree"));
    let second = authed(&c.router, "POST", &uri, &who.ada, Some(json!({"body": "More.", "parent_id": comment}))).await;
    assert_eq!(second.json()["status"], "approved");

    // Two members vote; a changed vote counts once.
    let vote = |token: String, v: &str| {
        let (router, body) = (c.router.clone(), json!({"vote": v}));
        async move { authed(&router, "POST", &format!("/api/v1/proposals/{id}/votes"), &token, Some(body)).await }
    };
    assert_eq!(vote(who.ada.clone(), "no").await.status, StatusCode::OK);
    assert_eq!(vote(who.ada.clone(), "yes").await.status, StatusCode::OK);
    let counted = vote(who.bob.clone(), "yes").await.json();
    assert_eq!((counted["votes"]["yes"].as_i64(), counted["votes"]["no"].as_i64()), (Some(2), Some(0)), "{counted}");
    assert_eq!(counted["votes"]["passes"], true);

    // The maintainer releases it: a minor version with a changelog; the server analyses with it.
    let released = authed(&c.router, "POST", "/api/v1/releases", &who.admin, Some(json!({"proposals": [id]}))).await;
    assert_eq!(released.status, StatusCode::CREATED, "{}", released.text());
    let version = released.json()["version"].as_str().unwrap().to_owned();
    let old = semver::Version::parse(&before).unwrap();
    assert_eq!(version, semver::Version::new(old.major, old.minor + 1, 0).to_string());
    assert!(released.json()["changelog"].as_str().unwrap().contains(&format!("/proposals/{id}")));
    assert_eq!(current_version(&c).await, version);
    let at_old =
        post_json(&c.router, &format!("/api/v1/analyze?version={before}"), json!({"text": COMMUNITY_AD}).to_string())
            .await;
    assert_eq!(at_old.json()["norm"]["version"], before.as_str());
    let saved = get(&c.router, &format!("/api/v1/analyses/{old_ad}")).await.json();
    assert_eq!(
        saved["analysis"]["norm"]["version"],
        before.as_str(),
        "an analysis made before the release keeps its version"
    );

    // The new version is listed, with its diff and the proposal released in it; votes are closed.
    let versions = get(&c.router, "/api/v1/norm/versions").await.json();
    assert_eq!(versions[0]["version"], version.as_str());
    assert_eq!(versions[0]["current"], true);
    let diff = get(&c.router, &format!("/api/v1/norm/diff?from={before}&to={version}")).await.json();
    assert_eq!(diff["bump"], "minor");
    let role = get(&c.router, &format!("/api/v1/norm/roles/channel-manager?version={version}")).await.json();
    assert!(role["core"].as_array().unwrap().iter().any(|t| t["id"] == "COM-02" || t == "COM-02"), "{role}");
    let p = get(&c.router, &format!("/api/v1/proposals/{id}")).await.json();
    assert_eq!((p["status"].as_str(), p["released_in"].as_str()), (Some("released"), Some(version.as_str())));
    vote(who.bob.clone(), "no").await.problem(409, "conflict");
    let feed = get(&c.router, "/feeds/releases.atom").await;
    assert!(feed.text().contains(&format!("rolenorm {version}")));
    get(&c.router, "/api/v1/norm/versions/9.9.9").await.problem(404, "not-found");
    let audit = authed(&c.router, "GET", "/api/v1/audit", &who.admin, None).await.json();
    let actions: Vec<&str> = audit.as_array().unwrap().iter().map(|e| e["action"].as_str().unwrap()).collect();
    assert!(actions.contains(&"release") && actions.contains(&"comment.approved"), "{actions:?}");
}

#[tokio::test]
async fn forbidden_actions_answer_401_or_403_and_change_nothing() {
    let c = community().await;
    let who = cast(&c).await;
    let id = propose(&c, &who.ada).await;
    let comment =
        authed(&c.router, "POST", &format!("/api/v1/proposals/{id}/comments"), &who.bob, Some(json!({"body": "hm"})))
            .await
            .json()["id"]
            .as_i64()
            .unwrap();
    let mod_comment = authed(
        &c.router,
        "POST",
        &format!("/api/v1/proposals/{id}/comments"),
        &who.moderator,
        Some(json!({"body": "as moderator"})),
    )
    .await;
    assert_eq!(mod_comment.json()["status"], "approved", "moderators' comments need no approval");

    // A member moderating, approving their own comment, closing votes, releasing, changing roles.
    for (token, uri, body) in [
        (&who.bob, format!("/api/v1/comments/{comment}/approve"), None),
        (&who.ada, format!("/api/v1/comments/{comment}/approve"), None),
        (&who.bob, format!("/api/v1/comments/{comment}/reject"), Some(json!({"reason": "no"}))),
        (&who.ada, format!("/api/v1/proposals/{id}/close"), None),
        (&who.moderator, format!("/api/v1/proposals/{id}/close"), None),
        (&who.ada, "/api/v1/releases".to_owned(), Some(json!({"proposals": [id]}))),
        (&who.moderator, "/api/v1/releases".to_owned(), Some(json!({"proposals": [id]}))),
        (&who.ada, "/api/v1/users/1/role".to_owned(), Some(json!({"role": "maintainer"}))),
    ] {
        authed(&c.router, "POST", &uri, token, body).await.problem(403, "forbidden");
    }
    authed(&c.router, "GET", "/api/v1/moderation", &who.ada, None).await.problem(403, "forbidden");
    authed(&c.router, "GET", "/api/v1/audit", &who.moderator, None).await.problem(403, "forbidden");

    // Anonymous: voting, proposing, commenting, flagging.
    for (uri, body) in [
        (format!("/api/v1/proposals/{id}/votes"), json!({"vote": "yes"})),
        ("/api/v1/proposals".to_owned(), proposal_body()),
        (format!("/api/v1/proposals/{id}/comments"), json!({"body": "x"})),
        (format!("/api/v1/comments/{comment}/flag"), json!({"reason": "x"})),
    ] {
        authed(&c.router, "POST", &uri, "", Some(body)).await.problem(401, "unauthenticated");
    }
    authed(
        &c.router,
        "POST",
        &format!("/api/v1/proposals/{id}/votes"),
        "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
        Some(json!({"vote": "yes"})),
    )
    .await
    .problem(401, "unauthenticated");

    // A moderator may not approve their own pending comment either (trusted ones are approved
    // already); the member's comment is still pending; nothing was voted, closed or released.
    let stored = c.store.comment(comment).await.unwrap().unwrap();
    assert_eq!(stored.status, rolenorm_store::CommentStatus::Pending);
    assert_eq!(c.store.tally(id).await.unwrap().total(), 0);
    assert_eq!(c.store.proposal(id).await.unwrap().unwrap().status, rolenorm_store::ProposalStatus::Open);
    assert!(c.store.releases().await.unwrap().is_empty());
    assert_eq!(c.store.user(1).await.unwrap().unwrap().role, AccountRole::Maintainer);
    assert_eq!(c.store.proposals().await.unwrap().len(), 1);
    let moderation = c.store.audit_log(50).await.unwrap();
    assert!(moderation.is_empty(), "{moderation:?}");

    // A pending comment is seen by no other member, and by no feed.
    let p = authed(&c.router, "GET", &format!("/api/v1/proposals/{id}"), &who.ada, None).await.json();
    assert!(p["comments"].as_array().unwrap().iter().all(|cm| cm["id"] != comment), "{p}");
    assert!(!get(&c.router, &format!("/feeds/proposals/{id}/comments.atom")).await.text().contains("hm</"));

    // A second vote by the same member replaces the first: counted once.
    for v in ["yes", "yes", "no"] {
        authed(&c.router, "POST", &format!("/api/v1/proposals/{id}/votes"), &who.bob, Some(json!({"vote": v}))).await;
    }
    assert_eq!(c.store.tally(id).await.unwrap(), rolenorm_store::Tally { yes: 0, no: 1, abstain: 0 });

    // Releasing a proposal whose votes do not pass is refused, and changes nothing.
    authed(&c.router, "POST", "/api/v1/releases", &who.admin, Some(json!({"proposals": [id]})))
        .await
        .problem(409, "conflict");
    assert!(c.store.releases().await.unwrap().is_empty());
}

#[tokio::test]
async fn concurrent_votes_and_a_release_during_voting_lose_nothing() {
    let c = community().await;
    let admin = account(&c, "Max", AccountRole::Maintainer).await;
    let mut voters = Vec::new();
    for i in 0..12 {
        voters.push(account(&c, &format!("Voter{i}"), AccountRole::Member).await);
    }
    let id = propose(&c, &voters[0]).await;
    // Two votes first so that the proposal passes; then the rest race a release.
    for token in &voters[..2] {
        authed(&c.router, "POST", &format!("/api/v1/proposals/{id}/votes"), token, Some(json!({"vote": "yes"}))).await;
    }
    let mut tasks = Vec::new();
    for token in &voters[2..] {
        let token = token.clone();
        let router = c.router.clone();
        tasks.push(tokio::spawn(async move {
            authed(&router, "POST", &format!("/api/v1/proposals/{id}/votes"), &token, Some(json!({"vote": "yes"})))
                .await
                .status
        }));
    }
    let router = c.router.clone();
    let release = tokio::spawn(async move {
        authed(&router, "POST", "/api/v1/releases", &admin, Some(json!({"proposals": [id]}))).await
    });
    let mut accepted = 2;
    for task in tasks {
        match task.await.unwrap() {
            StatusCode::OK => accepted += 1,
            StatusCode::CONFLICT => {}
            other => panic!("a vote answered {other}"),
        }
    }
    let release = release.await.unwrap();
    assert_eq!(release.status, StatusCode::CREATED, "{}", release.text());
    let stored = c.store.latest_release().await.unwrap().unwrap();
    let released: Value = serde_json::from_str(&stored.proposals).unwrap();
    let tally = c.store.tally(id).await.unwrap();
    // Every vote the server accepted is stored, and the release recorded exactly those.
    assert_eq!(tally.yes, accepted, "votes lost");
    assert_eq!(released[0]["yes"].as_i64().unwrap(), accepted, "the release saw another count than was stored");
}

#[tokio::test]
async fn a_restart_keeps_accounts_proposals_comments_votes_and_releases() {
    let dir = tempfile::tempdir().unwrap();
    let (router, store) = community_in(dir.path()).await;
    let c = Community { router, store, _dir: tempfile::tempdir().unwrap() };
    let who = cast(&c).await;
    let id = propose(&c, &who.ada).await;
    authed(&c.router, "POST", &format!("/api/v1/proposals/{id}/comments"), &who.ada, Some(json!({"body": "kept"})))
        .await;
    for token in [&who.ada, &who.bob] {
        authed(&c.router, "POST", &format!("/api/v1/proposals/{id}/votes"), token, Some(json!({"vote": "yes"}))).await;
    }
    let version = authed(&c.router, "POST", "/api/v1/releases", &who.admin, Some(json!({"proposals": [id]})))
        .await
        .json()["version"]
        .as_str()
        .unwrap()
        .to_owned();
    drop(c);

    let (router, store) = community_in(dir.path()).await;
    let again = Community { router, store, _dir: tempfile::tempdir().unwrap() };
    assert_eq!(current_version(&again).await, version, "the newest release is the norm after a restart");
    let me = authed(&again.router, "GET", "/api/v1/auth/me", &who.ada, None).await;
    assert_eq!(me.status, StatusCode::OK, "sessions survive");
    let p = authed(&again.router, "GET", &format!("/api/v1/proposals/{id}"), &who.ada, None).await.json();
    assert_eq!(p["status"], "released");
    assert_eq!(p["votes"]["yes"], 2);
    assert_eq!(p["comments"][0]["body"], "kept");
    assert_eq!(again.store.integrity_check().await.unwrap(), "ok");
}

#[tokio::test]
async fn a_version_too_low_or_an_empty_release_is_refused() {
    let c = community().await;
    let who = cast(&c).await;
    let id = propose(&c, &who.ada).await;
    for token in [&who.ada, &who.bob] {
        authed(&c.router, "POST", &format!("/api/v1/proposals/{id}/votes"), token, Some(json!({"vote": "yes"}))).await;
    }
    let base = current_version(&c).await;
    let old = semver::Version::parse(&base).unwrap();
    let patch = semver::Version::new(old.major, old.minor, old.patch + 1).to_string();
    let low =
        authed(&c.router, "POST", "/api/v1/releases", &who.admin, Some(json!({"proposals": [id], "version": patch})))
            .await;
    let p = low.problem(422, "invalid-release");
    assert!(p["detail"].as_str().unwrap().contains("minor"), "{p}");
    authed(&c.router, "POST", "/api/v1/releases", &who.admin, Some(json!({"proposals": []})))
        .await
        .problem(422, "invalid-field");
    let high = semver::Version::new(old.major + 1, 0, 0).to_string();
    let ok =
        authed(&c.router, "POST", "/api/v1/releases", &who.admin, Some(json!({"proposals": [id], "version": high})))
            .await;
    assert_eq!(ok.json()["version"], high.as_str());
    let again = authed(&c.router, "POST", "/api/v1/releases", &who.admin, Some(json!({"proposals": [id]}))).await;
    again.problem(409, "conflict");
}

#[tokio::test]
async fn comments_are_sanitised_and_replies_are_one_level_deep() {
    let c = community().await;
    let who = cast(&c).await;
    let id = propose(&c, &who.ada).await;
    let uri = format!("/api/v1/proposals/{id}/comments");
    let top =
        authed(&c.router, "POST", &uri, &who.moderator, Some(json!({"body": "<script>alert(1)</script>\n\n**ok**"})))
            .await
            .json();
    let top_id = top["id"].as_i64().unwrap();
    let reply =
        authed(&c.router, "POST", &uri, &who.moderator, Some(json!({"body": "r", "parent_id": top_id}))).await.json();
    let nested =
        authed(&c.router, "POST", &uri, &who.moderator, Some(json!({"body": "n", "parent_id": reply["id"]}))).await;
    nested.problem(422, "invalid-field");
    let p = get(&c.router, &format!("/api/v1/proposals/{id}")).await.json();
    let html = p["comments"][0]["html"].as_str().unwrap();
    assert!(html.contains("<strong>ok</strong>") && !html.contains("<script"), "{html}");
    let flagged = authed(
        &c.router,
        "POST",
        &format!("/api/v1/comments/{top_id}/flag"),
        &who.bob,
        Some(json!({"reason": "rude"})),
    )
    .await;
    assert_eq!(flagged.json()["new"], true);
    let queue = authed(&c.router, "GET", "/api/v1/moderation", &who.moderator, None).await.json();
    assert!(queue.as_array().unwrap().iter().any(|q| q["comment"]["id"] == top_id));
    authed(&c.router, "POST", &format!("/api/v1/comments/{top_id}/hide"), &who.moderator, None)
        .await
        .problem(422, "invalid-field");
    let hidden = authed(
        &c.router,
        "POST",
        &format!("/api/v1/comments/{top_id}/hide"),
        &who.moderator,
        Some(json!({"reason": "off topic"})),
    )
    .await;
    assert_eq!(hidden.json()["status"], "hidden");
    let seen = get(&c.router, &format!("/api/v1/proposals/{id}")).await.json();
    assert!(seen["comments"].as_array().unwrap().iter().all(|cm| cm["id"] != top_id));
}

#[tokio::test]
async fn the_impact_on_an_uploaded_corpus() {
    let c = community().await;
    let ada = account(&c, "Ada", AccountRole::Member).await;
    let id = propose(&c, &ada).await;
    let corpus = [
        json!({"id": "cm-1", "title": "Channel Manager Instagram", "text": "Deine Aufgaben:\n- Du planst den Redaktionsplan für Instagram.\n- Du moderierst Kommentare und beantwortest Nachrichten der Community.\n"}),
        json!({"id": "cm-2", "title": "Community Manager", "text": COMMUNITY_AD}),
    ]
    .iter()
    .map(Value::to_string)
    .collect::<Vec<_>>()
    .join("\n");
    let request = axum::http::Request::post(format!("/api/v1/proposals/{id}/impact"))
        .header("content-type", "application/x-ndjson")
        .body(axum::body::Body::from(corpus))
        .unwrap();
    let reply = super::send(&c.router, request).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text());
    let impact = reply.json();
    assert_eq!(impact["ads"]["analysed"], 2, "{impact}");
    assert_eq!(impact["bump"], "minor");
    let bad = axum::http::Request::post(format!("/api/v1/proposals/{id}/impact"))
        .body(axum::body::Body::from("{\"id\": 1, \"nonsense\": true}\nnot json"))
        .unwrap();
    let p = super::send(&c.router, bad).await.problem(422, "invalid-field");
    assert!(p["detail"].as_str().unwrap().starts_with("line 1"), "{p}");
}

#[tokio::test]
async fn a_vote_period_from_the_config_closes_votes_by_itself() {
    let dir = tempfile::tempdir().unwrap();
    let store = rolenorm_store::Store::open(dir.path()).await.unwrap();
    let config = rolenorm_server::community::CommunityConfig { vote_days: Some(0), ..Default::default() };
    let state =
        rolenorm_server::AppState::new(super::ANALYZER.clone(), store.clone(), super::limits()).with_community(config);
    let c = Community { router: rolenorm_server::router(state), store, _dir: dir };
    let ada = account(&c, "Ada", AccountRole::Member).await;
    let id = propose(&c, &ada).await;
    let p = get(&c.router, &format!("/api/v1/proposals/{id}")).await.json();
    assert_eq!(p["votes"]["open"], false, "{p}");
    authed(&c.router, "POST", &format!("/api/v1/proposals/{id}/votes"), &ada, Some(json!({"vote": "yes"})))
        .await
        .problem(409, "conflict");
}
