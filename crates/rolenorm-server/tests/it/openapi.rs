//! The OpenAPI document: generated from the code, committed in `schema/openapi.json`.

use super::*;

fn committed_path() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../schema/openapi.json")
}

/// Fails when a route or an API type changes and `schema/openapi.json` does not. Run with
/// `UPDATE_OPENAPI=1` to rewrite the committed file.
#[test]
fn the_committed_openapi_document_is_current() {
    let generated = rolenorm_server::openapi_json();
    let path = committed_path();
    if std::env::var_os("UPDATE_OPENAPI").is_some() {
        std::fs::write(&path, &generated).unwrap();
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == generated,
        "schema/openapi.json is out of date; regenerate it with UPDATE_OPENAPI=1 cargo test -p rolenorm-server openapi"
    );
}

#[test]
fn the_document_is_openapi_3_1_and_lists_every_api_route() {
    let doc: Value = serde_json::from_str(&rolenorm_server::openapi_json()).unwrap();
    assert!(doc["openapi"].as_str().unwrap().starts_with("3.1"));
    let mut paths: Vec<&str> = doc["paths"].as_object().unwrap().keys().map(String::as_str).collect();
    paths.sort_unstable();
    // Every route of the API is in the document (other features add their own routes).
    for expected in [
        "/api/v1/ads/build",
        "/api/v1/analyses/{id}",
        "/api/v1/analyze",
        "/api/v1/analyze/batch",
        "/api/v1/norm",
        "/api/v1/norm/platforms",
        "/api/v1/norm/roles",
        "/api/v1/norm/roles/{id}",
        "/api/v1/norm/tasks/{id}",
        "/api/v1/auth/register",
        "/api/v1/auth/login",
        "/api/v1/auth/logout",
        "/api/v1/auth/me",
        "/api/v1/auth/password",
        "/api/v1/users/{id}",
        "/api/v1/users/{id}/role",
        "/api/v1/assess",
        "/api/v1/credentials/verify",
        "/credentials/status/{list}",
        "/api/v1/proposals",
        "/api/v1/proposals/{id}",
        "/api/v1/proposals/{id}/comments",
        "/api/v1/proposals/{id}/votes",
        "/api/v1/proposals/{id}/close",
        "/api/v1/proposals/{id}/impact",
        "/api/v1/comments/{id}/approve",
        "/api/v1/comments/{id}/reject",
        "/api/v1/comments/{id}/hide",
        "/api/v1/comments/{id}/flag",
        "/api/v1/moderation",
        "/api/v1/releases",
        "/api/v1/norm/versions",
        "/api/v1/norm/versions/{version}",
        "/api/v1/norm/diff",
        "/api/v1/audit",
    ] {
        assert!(paths.contains(&expected), "{expected} is missing from {paths:?}");
    }
    let analysis = &doc["components"]["schemas"]["Analysis"];
    assert!(analysis["properties"]["role"].is_object(), "the analysis schema comes from the library: {analysis}");
    for name in ["Assessment", "SelfAssessment"] {
        let schema = &doc["components"]["schemas"][name];
        assert!(schema["properties"].is_object(), "{name} comes from the library: {schema}");
    }
    let text = doc.to_string();
    assert!(!text.contains("#/$defs/"), "every reference points into components");
}

#[tokio::test]
async fn the_server_serves_the_document_and_an_offline_docs_page() {
    let app = app().await;
    let served = get(&app.router, "/api/v1/openapi.json").await;
    assert_eq!(served.status, 200);
    assert_eq!(served.text(), rolenorm_server::openapi_json());
    let docs = get(&app.router, "/api/v1/docs/").await;
    assert_eq!(docs.status, 200, "{}", docs.text());
    assert!(docs.text().contains("swagger"), "{}", docs.text());
}
