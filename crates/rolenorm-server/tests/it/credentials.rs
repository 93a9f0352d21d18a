//! Assessment, verification, issuing on approval, the holder's page, the public credential
//! page and the status list, through the real router.

use axum::body::Body;
use axum::http::{Request, header};
use rolenorm_credential::{Approval, IssueRequest, IssuerKey, build_credential, proof, status};
use serde_json::{Value, json};

use super::web::{BOUNDARY, csrf_token, multipart};
use super::*;

const CV: &str = include_str!("../fixtures/community-manager.cv.de.txt");

fn self_assessment() -> Value {
    json!({"name": "Alex Example", "lang": "en", "tasks": [
        {"task": "COM-01", "how": "regularly", "evidence": {"description": "Reply to comments", "years": 4}},
        {"task": "COM-02", "how": "leading", "evidence": {"description": "Wrote the netiquette", "url": "https://example.org/n"}},
        {"task": "COM-03", "how": "regularly"},
        {"task": "COM-04", "how": "regularly"},
        {"task": "COM-06", "how": "occasionally"}
    ]})
}

/// A credential signed by `key`, its status pointing to the test server's list.
fn credential(key: &IssuerKey, valid_until: Option<&str>) -> Value {
    let input = rolenorm_assess::Input::from_self_assessment_json(&self_assessment().to_string()).unwrap();
    let assessment = rolenorm_assess::assess(analyzer(), &input, None).unwrap();
    let request = IssueRequest {
        norm: norm(),
        assessment: &assessment,
        role: "community-manager",
        issuer: &key.did(),
        issuer_name: "Test Academy",
        holder_name: None,
        id: "urn:uuid:00000000-0000-4000-8000-000000000001",
        valid_from: "2026-01-01T00:00:00Z",
        valid_until,
        status: Some(status::entry(&format!("{BASE}/credentials/status/1"), 17)),
        approval: Approval { assessor: "Test".into(), date: "2026-01-01T00:00:00Z".into() },
    };
    proof::sign(&build_credential(&request).unwrap(), key, "2026-01-01T00:00:00Z").unwrap()
}

async fn verify(app: &Router, credential: &Value) -> Value {
    let reply = post_json(app, "/api/v1/credentials/verify", json!({"credential": credential}).to_string()).await;
    assert_eq!(reply.status, 200, "{}", reply.text());
    reply.json()
}

fn outcome(report: &Value, check: &str) -> String {
    let checks = report["checks"].as_array().unwrap();
    let found = checks.iter().find(|c| c["check"] == check).unwrap_or_else(|| panic!("no {check}: {report}"));
    found["outcome"].as_str().unwrap().to_owned()
}

#[tokio::test]
async fn the_assess_api_reads_self_assessments_and_profiles() {
    let app = app().await;
    let reply =
        post_json(&app.router, "/api/v1/assess", json!({"selfAssessment": self_assessment()}).to_string()).await;
    assert_eq!(reply.status, 200, "{}", reply.text());
    let a = reply.json();
    assert_eq!(a["best"][0], "community-manager");
    assert_eq!(a["norm"]["version"], norm().identity().version.to_string());
    assert!(a["fits"][0]["core_missing"].as_array().unwrap().is_empty());
    let reply = post_json(&app.router, "/api/v1/assess", json!({"profile": CV}).to_string()).await;
    assert_eq!(reply.status, 200, "{}", reply.text());
    let a = reply.json();
    assert_eq!((a["source"].as_str(), a["best"][0].as_str()), (Some("profile"), Some("community-manager")));
    assert_eq!(a["language"], "de", "a profile's gaps are in its language");
    assert!(a["fits"][0]["core_missing"].as_array().unwrap().is_empty(), "the CV covers the role: {a}");
    assert!(!a["gaps"].as_array().unwrap().is_empty());
}

#[tokio::test]
async fn the_assess_api_names_bad_input() {
    let app = app().await;
    let r = &app.router;
    let p = post_json(r, "/api/v1/assess", "{}").await.problem(422, "invalid-field");
    assert!(p["detail"].as_str().unwrap().contains("profile"), "{p}");
    post_json(r, "/api/v1/assess", json!({"profile": "x", "selfAssessment": self_assessment()}).to_string())
        .await
        .problem(422, "invalid-field");
    let p = post_json(r, "/api/v1/assess", json!({"profile": "  "}).to_string()).await.problem(422, "invalid-field");
    assert_eq!(p["field"], "profile");
    let unknown = json!({"selfAssessment": {"tasks": [{"task": "XYZ-99", "how": "regularly"}]}});
    let p = post_json(r, "/api/v1/assess", unknown.to_string()).await.problem(422, "not-assessable");
    assert!(p["detail"].as_str().unwrap().contains("XYZ-99"), "{p}");
    let p = post_json(
        r,
        "/api/v1/assess",
        json!({"selfAssessment": {"tasks": [{"task": "COM-01", "how": "always"}]}}).to_string(),
    )
    .await
    .problem(422, "invalid-field");
    assert!(p["field"].as_str().unwrap().contains("selfAssessment"), "{p}");
    post_json(r, "/api/v1/assess", "{\"profile\": ").await.problem(400, "malformed-json");
    post_json(r, "/api/v1/assess", "[]").await.problem(422, "invalid-field");
    let request =
        Request::post("/api/v1/assess").header(header::CONTENT_TYPE, "text/plain").body(Body::from(CV)).unwrap();
    send(r, request).await.problem(415, "unsupported-media-type");
}

#[tokio::test]
async fn verification_names_each_failure() {
    let app = issuing_app().await;
    let r = &app.router;
    let good = credential(&issuer_key(), None);
    let report = verify(r, &good).await;
    assert_eq!(report["verified"], true, "{report}");
    assert_eq!(outcome(&report, "status"), "pass", "its status list is this server's own: {report}");
    assert_eq!(report["claims"]["norm"], norm().label());
    assert_eq!(report["claims"]["role"], "community-manager");
    assert_eq!(report["claims"]["holder"], "Alex Example");
    assert_eq!(report["claims"]["issuerName"], "Test Academy");

    let mut tampered = good.clone();
    tampered["credentialSubject"]["identifier"][0]["identityHash"] = json!("Mallory");
    let report = verify(r, &tampered).await;
    assert_eq!((report["verified"].as_bool(), report["reason"].as_str()), (Some(false), Some("bad-signature")));
    assert_eq!(outcome(&report, "proof"), "fail");
    assert_eq!(outcome(&report, "status"), "not-checked");
    assert_eq!(report["claims"]["holder"], "Mallory", "the claims are shown, unconfirmed");

    let other = IssuerKey::from_seed([9; 32]);
    let mut foreign = credential(&other, None);
    foreign["issuer"]["id"] = json!(issuer_key().did());
    let resigned = proof::sign(
        &{
            let mut u = foreign.clone();
            u.as_object_mut().unwrap().remove("proof");
            u
        },
        &other,
        "2026-01-01T00:00:00Z",
    )
    .unwrap();
    let report = verify(r, &resigned).await;
    assert_eq!(report["reason"], "issuer-mismatch", "{report}");
    assert_eq!((outcome(&report, "proof"), outcome(&report, "issuer-key")), ("pass".into(), "fail".into()));

    let expired = credential(&issuer_key(), Some("2026-02-01T00:00:00Z"));
    let report = verify(r, &expired).await;
    assert_eq!(report["reason"], "expired", "{report}");
    assert_eq!(outcome(&report, "dates"), "fail");
    assert_eq!(outcome(&report, "status"), "pass", "the status is still checked: {report}");

    let mut unsigned = good.clone();
    unsigned.as_object_mut().unwrap().remove("proof");
    assert_eq!(verify(r, &unsigned).await["reason"], "missing-proof");
    assert_eq!(verify(r, &json!({})).await["reason"], "malformed");
    let mut undefined = good.clone();
    undefined["favouriteColour"] = json!("blue");
    assert_eq!(verify(r, &undefined).await["reason"], "undefined-term");
}

#[tokio::test]
async fn verification_of_another_issuers_credential_checks_the_list_sent_along() {
    let app = app().await;
    let good = credential(&issuer_key(), None);
    let report = verify(&app.router, &good).await;
    assert_eq!(report["verified"], true, "{report}");
    assert_eq!(outcome(&report, "status"), "not-checked", "nothing is fetched: {report}");
    let key = issuer_key();
    let url = format!("{BASE}/credentials/status/1");
    let mut bits = rolenorm_credential::StatusList::new();
    bits.set(17).unwrap();
    let list = status::list_credential(&url, &key.did(), "2026-01-01T00:00:00Z", &bits).unwrap();
    let list = proof::sign(&list, &key, "2026-01-01T00:00:00Z").unwrap();
    let body = json!({"credential": good, "statusList": list}).to_string();
    let report = post_json(&app.router, "/api/v1/credentials/verify", body).await.json();
    assert_eq!(report["reason"], "revoked", "{report}");
    assert_eq!(outcome(&report, "status"), "fail");
}

#[tokio::test]
async fn the_verify_api_refuses_what_is_no_credential_request() {
    let app = app().await;
    let r = &app.router;
    post_json(r, "/api/v1/credentials/verify", "{\"credential\": {").await.problem(400, "malformed-json");
    post_json(r, "/api/v1/credentials/verify", "").await.problem(400, "malformed-json");
    let p = post_json(r, "/api/v1/credentials/verify", "{}").await.problem(422, "invalid-field");
    assert!(p["detail"].as_str().unwrap().contains("credential"), "{p}");
    post_json(r, "/api/v1/credentials/verify", "{\"credential\": \"text\"}").await.problem(422, "invalid-field");
    post_json(r, "/api/v1/credentials/verify", "{\"credential\": {}, \"extra\": 1}")
        .await
        .problem(422, "invalid-field");
}

#[tokio::test]
async fn the_status_list_is_served_signed_at_a_stable_url() {
    let app = issuing_app().await;
    let reply = get(&app.router, "/credentials/status/1").await;
    assert_eq!(reply.status, 200, "{}", reply.text());
    assert_eq!(reply.header("content-type"), "application/vc");
    assert_eq!(reply.header("access-control-allow-origin"), "*");
    let list = reply.json();
    assert_eq!(list["id"], format!("{BASE}/credentials/status/1"));
    let info = proof::verify(&list).unwrap();
    assert!(info.verification_method.starts_with(&issuer_key().did()));
    let bits = rolenorm_credential::StatusList::from_credential(&list).unwrap();
    assert_eq!(bits.get(17), Some(false));
    assert_eq!(get(&app.router, "/credentials/status/1").await.body, reply.body, "stable until a revocation");
    get(&app.router, "/credentials/status/2").await.problem(404, "not-found");
    let plain = app_in(&app.dir.path().join("other"), limits()).await;
    get(&plain, "/credentials/status/1").await.problem(404, "not-found");
}

/// Posts a multipart form to `path` with the CSRF token.
async fn form(app: &Router, path: &str, token: &str, fields: &[(&str, &str)]) -> Reply {
    let mut all = vec![("csrf", token)];
    all.extend_from_slice(fields);
    let request = Request::post(path)
        .header(header::CONTENT_TYPE, format!("multipart/form-data; boundary={BOUNDARY}"))
        .header(header::COOKIE, format!("rn_csrf={token}"))
        .body(Body::from(multipart(&all)))
        .unwrap();
    send(app, request).await
}

/// Posts a URL-encoded form to `path` with the CSRF token.
pub async fn urlencoded(app: &Router, path: &str, token: &str, fields: &[(&str, &str)]) -> Reply {
    let mut body = form_urlencoded::Serializer::new(String::new());
    body.append_pair("csrf", token);
    for (k, v) in fields {
        body.append_pair(k, v);
    }
    let request = Request::post(path)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::COOKIE, format!("rn_csrf={token}"))
        .body(Body::from(body.finish()))
        .unwrap();
    send(app, request).await
}

#[tokio::test]
async fn the_assess_page_shows_bars_a_checklist_and_the_request_form() {
    let app = issuing_app().await;
    let token = csrf_token(&app.router).await;
    for lang in ["de", "en"] {
        let page = get(&app.router, &format!("/assess?lang={lang}")).await;
        assert_eq!(page.status, 200);
        assert!(page.text().contains(&format!("lang=\"{lang}\"")) && page.text().contains("id=\"assess-form\""));
    }
    let reply = form(&app.router, "/assess", &token, &[("text", CV), ("adlang", "")]).await;
    assert_eq!(reply.status, 200, "{}", reply.text());
    let html = reply.text();
    assert!(html.contains("data-role=\"community-manager\""), "best role");
    assert!(html.contains("<meter"), "fit bars");
    assert!(html.contains("class=\"checklist\"") && html.contains("item-done"), "gaps as a checklist");
    assert!(html.contains("item-missing"), "the next role's gaps are listed");
    assert!(html.contains(&norm().label()), "the norm version");
    assert!(html.contains("id=\"review-form\"") && html.contains("<option value=\"community-manager\">"));
    let json = self_assessment().to_string();
    let reply = form(&app.router, "/assess", &token, &[("text", &json)]).await;
    assert_eq!(reply.status, 200, "a self-assessment is read from the same field");
    assert!(reply.text().contains("https://example.org/n"), "evidence links are shown");
}

#[tokio::test]
async fn the_assess_page_names_bad_input() {
    let app = issuing_app().await;
    let token = csrf_token(&app.router).await;
    let reply = form(&app.router, "/assess", &token, &[("text", "  ")]).await;
    assert_eq!(reply.status, 422);
    assert!(reply.text().contains("id=\"error\""));
    let reply = form(&app.router, "/assess", &token, &[("text", "{\"tasks\": [{\"task\": \"NOPE\"}]}")]).await;
    assert_eq!(reply.status, 422);
    assert!(reply.text().contains("self-assessment"), "{}", reply.text());
    let reply = form(&app.router, "/assess", "0".repeat(32).as_str(), &[("text", CV)]).await;
    assert_eq!(reply.status, 200, "a cookie equal to its form token passes");
    let request = Request::post("/assess")
        .header(header::CONTENT_TYPE, format!("multipart/form-data; boundary={BOUNDARY}"))
        .body(Body::from(multipart(&[("csrf", &token), ("text", CV)])))
        .unwrap();
    assert_eq!(send(&app.router, request).await.status, 403, "no cookie, no assessment");
    let request = Request::post("/assess").header(header::CONTENT_TYPE, "text/plain").body(Body::from("x")).unwrap();
    assert_eq!(send(&app.router, request).await.status, 400);
}

#[tokio::test]
async fn a_request_for_review_needs_a_name_and_a_covered_role() {
    let app = issuing_app().await;
    let token = csrf_token(&app.router).await;
    let reply =
        urlencoded(&app.router, "/assess/review", &token, &[("text", CV), ("name", ""), ("role", "community-manager")])
            .await;
    assert_eq!(reply.status, 422);
    assert!(reply.text().contains("field name"), "{}", reply.text());
    let reply = urlencoded(
        &app.router,
        "/assess/review",
        &token,
        &[("text", CV), ("name", "Alex"), ("role", "social-media-manager")],
    )
    .await;
    assert_eq!(reply.status, 422);
    assert!(reply.text().contains("does not cover every core task"));
    assert!(app.store.reviews(rolenorm_store::ReviewStatus::Pending, 10).await.unwrap().is_empty());
    let reply = urlencoded(
        &app.router,
        "/assess/review",
        &token,
        &[("text", CV), ("name", "Alex"), ("role", "community-manager")],
    )
    .await;
    assert_eq!(reply.status, 303, "{}", reply.text());
    let location = reply.header("location").to_owned();
    assert!(location.starts_with("/holder/"), "{location}");
    let page = get(&app.router, &location).await;
    assert_eq!(page.status, 200);
    assert!(page.text().contains("data-status=\"pending\""));
    assert_eq!(page.header("cache-control"), "no-store");
    let pending = app.store.reviews(rolenorm_store::ReviewStatus::Pending, 10).await.unwrap();
    assert_eq!(pending.len(), 1);
    assert_ne!(pending[0].holder_hash, location.trim_start_matches("/holder/"), "only the key's hash is stored");
    assert_eq!(get(&app.router, &format!("/holder/{}", "a".repeat(32))).await.status, 404);
    assert_eq!(get(&app.router, "/holder/short").await.status, 404);
}

/// An account with `role`, signed in: its bearer token.
async fn account(app: &IssuingApp, name: &str, role: rolenorm_store::AccountRole) -> String {
    let email = format!("{}@example.org", name.to_lowercase());
    rolenorm_server::accounts::add_user(&app.store, name, &email, "a long enough password", role).await.unwrap();
    let body = json!({"email": email, "password": "a long enough password"}).to_string();
    post_json(&app.router, "/api/v1/auth/login", body).await.json()["token"].as_str().unwrap().to_owned()
}

/// A request as the signed-in `bearer` from a browser holding CSRF cookie `csrf`.
async fn as_account(app: &Router, bearer: &str, csrf: &str, path: &str, form: Option<&[(&str, &str)]>) -> Reply {
    let request = match form {
        None => Request::get(path),
        Some(_) => Request::post(path).header(header::CONTENT_TYPE, "application/x-www-form-urlencoded"),
    };
    let mut body = form_urlencoded::Serializer::new(String::new());
    body.append_pair("csrf", csrf);
    for (k, v) in form.unwrap_or_default() {
        body.append_pair(k, v);
    }
    let request = request
        .header(header::AUTHORIZATION, format!("Bearer {bearer}"))
        .header(header::COOKIE, format!("rn_csrf={csrf}"))
        .body(Body::from(body.finish()))
        .unwrap();
    send(app, request).await
}

/// Submits the CV for review as community manager; the holder's page.
async fn submit_for_review(app: &IssuingApp, token: &str) -> String {
    let fields = [("text", CV), ("name", "Alex Beispiel"), ("role", "community-manager")];
    let reply = urlencoded(&app.router, "/assess/review", token, &fields).await;
    assert_eq!(reply.status, 303, "{}", reply.text());
    reply.header("location").to_owned()
}

#[tokio::test]
async fn reviews_are_for_assessors_and_maintainers_only() {
    use rolenorm_store::AccountRole;
    let app = issuing_app().await;
    let token = csrf_token(&app.router).await;
    let reply = get(&app.router, "/reviews").await;
    assert_eq!((reply.status.as_u16(), reply.header("location")), (303, "/login?next=%2Freviews"));
    assert_eq!(urlencoded(&app.router, "/reviews/0123", &token, &[("decision", "approve")]).await.status, 303);
    let member = account(&app, "Mia", AccountRole::Member).await;
    assert_eq!(as_account(&app.router, &member, &token, "/reviews", None).await.status, 403);
    let holder = submit_for_review(&app, &token).await;
    let id = app.store.reviews(rolenorm_store::ReviewStatus::Pending, 1).await.unwrap().remove(0).id;
    let path = format!("/reviews/{id}");
    let reply = as_account(&app.router, &member, &token, &path, Some(&[("decision", "approve")])).await;
    assert_eq!(reply.status, 403, "a member cannot approve");
    assert!(get(&app.router, &holder).await.text().contains("data-status=\"pending\""));
    for (name, role) in [("Ada", AccountRole::Assessor), ("Max", AccountRole::Maintainer)] {
        let bearer = account(&app, name, role).await;
        let list = as_account(&app.router, &bearer, &token, "/reviews", None).await;
        assert_eq!(list.status, 200, "{name}");
        assert!(list.text().contains(&format!("data-review=\"{id}\"")), "{name} sees the pending review");
    }
}

#[tokio::test]
async fn an_assessor_reviews_the_evidence_and_declines_with_a_reason() {
    let app = issuing_app().await;
    let token = csrf_token(&app.router).await;
    let holder = submit_for_review(&app, &token).await;
    let id = app.store.reviews(rolenorm_store::ReviewStatus::Pending, 1).await.unwrap().remove(0).id;
    let ada = account(&app, "Ada", rolenorm_store::AccountRole::Assessor).await;
    let path = format!("/reviews/{id}");
    let page = as_account(&app.router, &ada, &token, &path, None).await;
    assert_eq!(page.status, 200);
    let html = page.text();
    assert!(html.contains("id=\"evidence\"") && html.contains("data-task=\"COM-02\""), "the core tasks");
    assert!(html.contains("Netiquette"), "the quoted evidence: {html}");
    assert!(html.contains("id=\"approve\"") && html.contains("id=\"decline\""));
    let reply = as_account(&app.router, &ada, &token, &path, Some(&[("decision", "decline"), ("reason", " ")])).await;
    assert_eq!(reply.status, 422, "declining needs a reason");
    let request = Request::post(&path)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::AUTHORIZATION, format!("Bearer {ada}"))
        .body(Body::from(format!("csrf={token}&decision=decline&reason=x")))
        .unwrap();
    assert_eq!(send(&app.router, request).await.status, 403, "no CSRF cookie, no decision");
    let reason = "COM-04: the crisis work is not shown";
    let reply =
        as_account(&app.router, &ada, &token, &path, Some(&[("decision", "decline"), ("reason", reason)])).await;
    assert_eq!(reply.status, 303, "{}", reply.text());
    let html = get(&app.router, &holder).await.text();
    assert!(html.contains("data-status=\"declined\"") && html.contains(reason), "{html}");
    assert!(!html.contains("id=\"holder-credential\""), "no credential");
    let again = as_account(&app.router, &ada, &token, &path, Some(&[("decision", "approve")])).await;
    assert_eq!(again.status, 422, "a decided review stays decided");
    assert!(app.store.credential_of_review(&id).await.unwrap().is_none());
}

#[tokio::test]
async fn an_assessors_approval_issues_a_credential_that_verifies() {
    let app = issuing_app().await;
    let token = csrf_token(&app.router).await;
    let holder = submit_for_review(&app, &token).await;
    let id = app.store.reviews(rolenorm_store::ReviewStatus::Pending, 1).await.unwrap().remove(0).id;
    let ada = account(&app, "Ada", rolenorm_store::AccountRole::Assessor).await;
    let path = format!("/reviews/{id}");
    let reply =
        as_account(&app.router, &ada, &token, &path, Some(&[("decision", "approve"), ("reason", "evidence holds")]))
            .await;
    assert_eq!(reply.status, 303, "{}", reply.text());
    let stored = app.store.credential_of_review(&id).await.unwrap().unwrap();
    let credential: Value = serde_json::from_str(&stored.credential).unwrap();
    assert!(credential["evidence"].to_string().contains("Ada (account"), "the approval names the assessor");
    assert_eq!(credential["credentialSubject"]["identifier"][0]["identityHash"], "Alex Beispiel");
    assert_eq!(verify(&app.router, &credential).await["verified"], true);
    let review = app.store.review(&id).await.unwrap().unwrap();
    assert_eq!(review.reason.as_deref(), Some("evidence holds"));
    assert!(get(&app.router, &holder).await.text().contains(&format!("/c/{}", stored.id)));
}

#[tokio::test]
async fn the_verify_page_names_the_reason() {
    let app = issuing_app().await;
    let token = csrf_token(&app.router).await;
    for lang in ["de", "en"] {
        assert_eq!(get(&app.router, &format!("/verify?lang={lang}")).await.status, 200);
    }
    let good = credential(&issuer_key(), None).to_string();
    let reply = form(&app.router, "/verify", &token, &[("credential", &good)]).await;
    assert_eq!(reply.status, 200, "{}", reply.text());
    let html = reply.text();
    assert!(html.contains("data-verified=\"true\""), "{html}");
    assert!(html.contains("Alex Example") && html.contains("Test Academy") && html.contains(&norm().label()));
    let tampered = good.replace("Alex Example", "Mallory");
    let html = form(&app.router, "/verify", &token, &[("credential", &tampered)]).await.text();
    assert!(html.contains("data-reason=\"bad-signature\""), "{html}");
    assert!(html.contains("id=\"check-proof\" data-outcome=\"fail\""));
    let reply = form(&app.router, "/verify", &token, &[("credential", "{not json")]).await;
    assert_eq!(reply.status, 422);
    assert!(reply.text().contains("not valid JSON"));
    assert_eq!(form(&app.router, "/verify", &token, &[("credential", "")]).await.status, 422);
    assert_eq!(form(&app.router, "/verify", &token, &[("credential", "[1]")]).await.status, 422);
}

#[tokio::test]
async fn an_approved_credential_is_public_hideable_and_withdrawable() {
    let app = issuing_app().await;
    let token = csrf_token(&app.router).await;
    let reply = urlencoded(
        &app.router,
        "/assess/review",
        &token,
        &[("text", CV), ("name", "Alex Beispiel"), ("role", "community-manager")],
    )
    .await;
    let holder = reply.header("location").to_owned();
    let review = app.store.reviews(rolenorm_store::ReviewStatus::Pending, 1).await.unwrap().remove(0);
    let assessment: rolenorm_assess::Assessment = serde_json::from_str(&review.assessment).unwrap();
    let issuer = rolenorm_server::Issuer::new(issuer_key(), "Test Academy", BASE, Some(730));
    let grant = rolenorm_server::issuer::Grant {
        review_id: &review.id,
        assessment: &assessment,
        role: &review.role,
        holder: &review.holder_name,
        assessor: "Ada Assessor",
        reason: "the evidence holds",
    };
    let id = issuer.approve(norm(), &app.store, &grant).await.unwrap();
    let again = issuer.approve(norm(), &app.store, &grant).await.unwrap_err();
    assert_eq!(again.status, 409, "a review is approved once");

    let page = get(&app.router, &holder).await.text();
    assert!(page.contains("data-status=\"approved\"") && page.contains(&format!("/c/{id}")), "{page}");
    let public = get(&app.router, &format!("/c/{id}")).await;
    assert_eq!(public.status, 200);
    let html = public.text();
    assert!(
        html.contains("data-verified=\"true\"") && html.contains("Alex Beispiel") && html.contains("Ada Assessor"),
        "{html}"
    );
    assert!(html.contains("id=\"criteria\"") && html.contains("COM-02"));
    let download = get(&app.router, &format!("/c/{id}/credential.json")).await;
    assert_eq!(download.status, 200);
    let credential = download.json();
    assert_eq!(credential["id"], format!("{BASE}/c/{id}"));
    assert_eq!(credential["credentialStatus"]["statusListCredential"], format!("{BASE}/credentials/status/1"));
    assert!(credential["evidence"].to_string().contains("Ada Assessor"), "the approval is recorded");
    assert_eq!(verify(&app.router, &credential).await["verified"], true);

    let reply = urlencoded(&app.router, &holder, &token, &[("action", "hide")]).await;
    assert_eq!(reply.status, 303);
    assert_eq!(get(&app.router, &format!("/c/{id}")).await.status, 404, "a hidden page is gone");
    assert_eq!(verify(&app.router, &credential).await["verified"], true, "hiding does not revoke");
    urlencoded(&app.router, &holder, &token, &[("action", "show")]).await;
    assert_eq!(get(&app.router, &format!("/c/{id}")).await.status, 200);

    assert_eq!(urlencoded(&app.router, &holder, &token, &[("action", "explode")]).await.status, 422);
    assert_eq!(urlencoded(&app.router, &holder, &token, &[("action", "withdraw")]).await.status, 303);
    let report = verify(&app.router, &credential).await;
    assert_eq!(report["reason"], "revoked", "withdrawal revokes every copy: {report}");
    let html = get(&app.router, &format!("/c/{id}")).await.text();
    assert!(html.contains("id=\"withdrawn\"") && html.contains("data-reason=\"revoked\""), "{html}");
    let list = get(&app.router, "/credentials/status/1").await.json();
    let index: usize = credential["credentialStatus"]["statusListIndex"].as_str().unwrap().parse().unwrap();
    assert_eq!(rolenorm_credential::StatusList::from_credential(&list).unwrap().get(index), Some(true));
}
