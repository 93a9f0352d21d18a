//! The JSON API: analyses, permalinks, batches, the norm, and every limit and error shape.

use std::time::Duration;

use axum::body::Body;
use axum::http::{Request, header};
use serde_json::json;

use super::*;

#[tokio::test]
async fn analyze_returns_the_librarys_analysis() {
    let app = app().await;
    let body = json!({"text": COMMUNITY_AD, "id": "ad-1", "source": "board-a", "date": "2026-11-30"});
    let reply = post_json(&app.router, "/api/v1/analyze", body.to_string()).await;
    assert_eq!(reply.status, 200, "{}", reply.text());
    let analysis = reply.json();
    assert_eq!(analysis["role"], "community-manager");
    assert_eq!(analysis["id"], "ad-1");
    assert_eq!((analysis["source"].as_str(), analysis["date"].as_str()), (Some("board-a"), Some("2026-11-30")));
    assert!(analysis["tasks"].as_array().unwrap().iter().any(|t| !t["evidence"].as_array().unwrap().is_empty()));
}

#[tokio::test]
async fn saved_analyses_round_trip_through_their_permalink() {
    let app = app().await;
    let reply = post_json(&app.router, "/api/v1/analyze?save=true", json!({"text": COMMUNITY_AD}).to_string()).await;
    assert_eq!(reply.status, 201, "{}", reply.text());
    let saved = reply.json();
    let id = saved["id"].as_str().unwrap();
    assert_eq!(id.len(), 32);
    assert!(id.bytes().all(|b| b.is_ascii_hexdigit()));
    assert_eq!(saved["url"], format!("/a/{id}"));
    assert_eq!(reply.header("location"), format!("/a/{id}"));

    let again = get(&app.router, &format!("/api/v1/analyses/{id}")).await;
    assert_eq!(again.status, 200);
    assert_eq!(again.json()["analysis"], saved["analysis"]);
    let page = get(&app.router, &format!("/a/{id}")).await;
    assert_eq!(page.status, 200);
    assert!(page.text().contains("data-role=\"community-manager\""));
    let download = get(&app.router, &format!("/a/{id}/json")).await;
    assert!(download.header("content-disposition").starts_with("attachment"));
    assert_eq!(download.json(), saved["analysis"]);

    let second = post_json(&app.router, "/api/v1/analyze?save=true", json!({"text": COMMUNITY_AD}).to_string()).await;
    assert_ne!(second.json()["id"], saved["id"], "permalink ids must not repeat");
}

#[tokio::test]
async fn a_restart_keeps_every_saved_analysis() {
    let dir = tempfile::tempdir().unwrap();
    let mut ids = Vec::new();
    {
        let router = app_in(dir.path(), limits()).await;
        for i in 0..10 {
            let body = json!({"text": COMMUNITY_AD, "id": format!("ad-{i}")}).to_string();
            let reply = post_json(&router, "/api/v1/analyze?save=true", body).await;
            ids.push(reply.json()["id"].as_str().unwrap().to_owned());
        }
    }
    let router = app_in(dir.path(), limits()).await;
    for (i, id) in ids.iter().enumerate() {
        let reply = get(&router, &format!("/api/v1/analyses/{id}")).await;
        assert_eq!(reply.status, 200);
        assert_eq!(reply.json()["analysis"]["id"], format!("ad-{i}"));
    }
}

#[tokio::test]
async fn unknown_analyses_are_404_problems() {
    let app = app().await;
    get(&app.router, "/api/v1/analyses/0123456789abcdef0123456789abcdef").await.problem(404, "not-found");
    let p = get(&app.router, "/api/v1/analyses/..%2Fetc").await.problem(404, "not-found");
    assert_eq!(p["field"], "id");
    get(&app.router, "/api/v1/nothing-here").await.problem(404, "not-found");
}

#[tokio::test]
async fn wrong_content_type_is_415() {
    let app = app().await;
    let request =
        Request::post("/api/v1/analyze").header(header::CONTENT_TYPE, "text/plain").body(Body::from("{}")).unwrap();
    let p = send(&app.router, request).await.problem(415, "unsupported-media-type");
    assert!(p["detail"].as_str().unwrap().contains("text/plain"), "{p}");
    let request = Request::post("/api/v1/analyze").body(Body::from("{}")).unwrap();
    send(&app.router, request).await.problem(415, "unsupported-media-type");
}

#[tokio::test]
async fn malformed_json_is_400_naming_line_and_column() {
    let app = app().await;
    let p = post_json(&app.router, "/api/v1/analyze", "{\n  \"text\": \"ad\",\n  oops\n}")
        .await
        .problem(400, "malformed-json");
    assert_eq!(p["line"], 3);
    assert_eq!(p["column"], 3);
    assert!(p["detail"].as_str().unwrap().contains("line 3, column 3"), "{p}");
    post_json(&app.router, "/api/v1/analyze", "{\"text\": \"ad\"} trailing").await.problem(400, "malformed-json");
    post_json(&app.router, "/api/v1/analyze", "").await.problem(400, "malformed-json");
}

#[tokio::test]
async fn a_body_that_is_not_an_object_is_422() {
    // schemathesis found `[[]]` accepted as an empty batch (serde reads a struct from an array).
    let app = app().await;
    for (path, body) in [("/api/v1/analyze/batch", "[[]]"), ("/api/v1/analyze", "[\"ad\"]"), ("/api/v1/ads/build", "7")]
    {
        let p = post_json(&app.router, path, body).await.problem(422, "invalid-field");
        assert!(p["detail"].as_str().unwrap().contains("must be a JSON object"), "{path}: {p}");
    }
}

#[tokio::test]
async fn wrong_fields_are_422_naming_the_field() {
    let app = app().await;
    let cases = [
        (json!({"text": 5}), "text"),
        (json!({"text": "ad", "lang": "fr"}), "lang"),
        (json!({"text": "ad", "colour": "red"}), "colour"),
        (json!({"title": "only a title"}), "text"),
        (json!({"text": "ad", "html": "<p>ad</p>"}), "html"),
        (json!({"jobPosting": [1, 2]}), "jobPosting"),
        (json!({"text": "   "}), "text"),
    ];
    for (body, field) in cases {
        let reply = post_json(&app.router, "/api/v1/analyze", body.to_string()).await;
        let slug = if field == "text" && body.get("text").is_some_and(|t| t.is_string()) {
            "invalid-ad"
        } else {
            "invalid-field"
        };
        let p = reply.problem(422, slug);
        assert_eq!(p["field"], field, "{body}: {p}");
    }
    let p = post_json(&app.router, "/api/v1/analyze", json!({"text": "ad", "colour": "red"}).to_string())
        .await
        .problem(422, "invalid-field");
    assert!(p["detail"].as_str().unwrap().contains("colour"), "{p}");
    let p = post_json(&app.router, "/api/v1/analyze?save=maybe", json!({"text": "ad"}).to_string())
        .await
        .problem(400, "invalid-parameter");
    assert_eq!(p["field"], "save");
}

#[tokio::test]
async fn a_platform_in_the_employers_name_is_no_channel() {
    let app = app().await;
    let text = "Office Manager\n\nYouTube is hiring in Berlin. At YouTube you keep our YouTube office running.\n\
                Your tasks\n- You plan meetings and order supplies for the YouTube team.";
    let mut mentions = Vec::new();
    for body in [json!({"text": text}), json!({"text": text, "company": "YouTube"})] {
        let reply = post_json(&app.router, "/api/v1/analyze", body.to_string()).await;
        assert_eq!(reply.status, 200, "{}", reply.text());
        mentions.push(reply.json()["platforms"].get("youtube").and_then(serde_json::Value::as_u64).unwrap_or(0));
    }
    assert!(mentions[0] >= 2, "without the employer, YouTube is a platform of the ad: {mentions:?}");
    assert_eq!(mentions[1], 0, "the employer is no channel");
}

#[tokio::test]
async fn html_and_job_posting_input_are_analysed() {
    let app = app().await;
    let html =
        format!("<html><body><h1>Community Manager</h1><p>{}</p></body></html>", COMMUNITY_AD.replace('\n', "<br>"));
    let reply = post_json(&app.router, "/api/v1/analyze", json!({"html": html}).to_string()).await;
    assert_eq!(reply.json()["format"], "html");
    let posting = json!({"@context": "https://schema.org", "@type": "JobPosting", "title": "Community Manager", "description": COMMUNITY_AD});
    let reply = post_json(&app.router, "/api/v1/analyze", json!({"jobPosting": posting}).to_string()).await;
    assert_eq!(reply.status, 200, "{}", reply.text());
    assert_eq!(reply.json()["format"], "json-ld");
    assert_eq!(reply.json()["role"], "community-manager");
}

#[tokio::test]
async fn a_body_over_the_limit_is_413() {
    let app = app_with(Limits { body_bytes: 1000, ..limits() }).await;
    let big = json!({"text": "x".repeat(2000)}).to_string();
    let p = post_json(&app.router, "/api/v1/analyze", big.clone()).await.problem(413, "body-too-large");
    assert!(p["detail"].as_str().unwrap().contains("1000"), "{p}");
    // Without Content-Length (a stream) the limit still holds.
    let stream = futures_stream(big);
    let request =
        Request::post("/api/v1/analyze").header(header::CONTENT_TYPE, "application/json").body(stream).unwrap();
    send(&app.router, request).await.problem(413, "body-too-large");
}

fn futures_stream(text: String) -> Body {
    let chunks: Vec<Result<axum::body::Bytes, std::io::Error>> =
        text.into_bytes().chunks(100).map(|c| Ok(axum::body::Bytes::copy_from_slice(c))).collect();
    Body::from_stream(tokio_stream_iter(chunks))
}

fn tokio_stream_iter<T>(items: Vec<T>) -> impl futures_core::Stream<Item = T> {
    struct Iter<T>(std::vec::IntoIter<T>);
    impl<T> futures_core::Stream for Iter<T> {
        type Item = T;
        fn poll_next(mut self: std::pin::Pin<&mut Self>, _: &mut std::task::Context<'_>) -> std::task::Poll<Option<T>> {
            std::task::Poll::Ready(self.0.next())
        }
    }
    impl<T> Unpin for Iter<T> {}
    Iter(items.into_iter())
}

#[tokio::test]
async fn batches_keep_order_and_report_bad_ads_inline() {
    let app = app().await;
    let body = json!({"ads": [
        {"id": "a", "text": COMMUNITY_AD},
        {"id": "b", "text": "ad", "lang": "fr"},
        {"id": "c", "title": "Social Media Manager", "text": "Du entwickelst die Social-Media-Strategie."},
        {"id": "d"},
    ]});
    let reply = post_json(&app.router, "/api/v1/analyze/batch", body.to_string()).await;
    assert_eq!(reply.status, 200, "{}", reply.text());
    let out = reply.json();
    let results = out["results"].as_array().unwrap();
    assert_eq!(results.len(), 4);
    assert_eq!(out["errors"], 2);
    assert_eq!(results[0]["id"], "a");
    assert_eq!(results[0]["role"], "community-manager");
    assert_eq!(results[1]["line"], 2);
    assert_eq!(results[1]["id"], "b");
    assert!(results[1]["error"].as_str().unwrap().contains("ads[1].lang"), "{}", results[1]);
    assert_eq!(results[2]["id"], "c");
    assert_eq!(results[3]["line"], 4);
}

#[tokio::test]
async fn a_batch_over_the_limit_is_refused() {
    let app = app_with(Limits { batch_ads: 2, ..limits() }).await;
    let body = json!({"ads": [{"text": "a"}, {"text": "b"}, {"text": "c"}]});
    let p = post_json(&app.router, "/api/v1/analyze/batch", body.to_string()).await.problem(422, "batch-too-large");
    assert_eq!(p["field"], "ads");
    assert!(p["detail"].as_str().unwrap().contains("limit of 2"), "{p}");
}

#[tokio::test]
async fn a_client_over_the_rate_limit_gets_429_with_retry_after() {
    let app = app_with(Limits { rate_per_second: 0.5, rate_burst: 2.0, ..limits() }).await;
    for _ in 0..2 {
        assert_eq!(get(&app.router, "/api/v1/norm").await.status, 200);
    }
    let reply = get(&app.router, "/api/v1/norm").await;
    let p = reply.problem(429, "rate-limited");
    assert_eq!(reply.header("retry-after"), "2");
    assert_eq!(p["retry_after"], 2);
    assert_eq!(get(&app.router, "/healthz").await.status, 200, "health checks are not limited");
}

#[tokio::test]
async fn a_request_over_the_time_limit_is_503() {
    let app = app_with(Limits { timeout: Duration::from_millis(1), ..limits() }).await;
    let ads: Vec<_> = (0..1000).map(|i| json!({"id": i.to_string(), "text": COMMUNITY_AD})).collect();
    let p =
        post_json(&app.router, "/api/v1/analyze/batch", json!({"ads": ads}).to_string()).await.problem(503, "timeout");
    assert!(p["detail"].as_str().unwrap().contains("1 ms"), "{p}");
}

#[tokio::test]
async fn the_norm_is_served_in_one_or_both_languages_with_etags() {
    let app = app().await;
    let both = get(&app.router, "/api/v1/norm").await;
    assert_eq!(both.status, 200);
    let norm = both.json();
    assert!(norm["roles"][0]["name"]["de"].is_string());
    let de = get(&app.router, "/api/v1/norm?lang=de").await.json();
    assert!(de["roles"][0]["name"].is_string());
    assert_ne!(de["roles"][0]["name"], norm["roles"][0]["name"]["en"]);

    let etag = both.header("etag").to_owned();
    assert!(etag.starts_with('"'));
    let request = Request::get("/api/v1/norm").header(header::IF_NONE_MATCH, &etag).body(Body::empty()).unwrap();
    let cached = send(&app.router, request).await;
    assert_eq!(cached.status, 304);
    assert!(cached.body.is_empty());
    let request =
        Request::get("/api/v1/norm?lang=de").header(header::IF_NONE_MATCH, &etag).body(Body::empty()).unwrap();
    assert_eq!(send(&app.router, request).await.status, 200, "another language is another representation");

    let role = get(&app.router, "/api/v1/norm/roles/community-manager?lang=en").await.json();
    assert!(role["core"].as_array().unwrap().len() > 1);
    assert!(role["excluded"].as_array().unwrap().iter().all(|e| e["owner"].is_string()));
    assert_eq!(
        get(&app.router, "/api/v1/norm/roles").await.json().as_array().unwrap().len(),
        norm["roles"].as_array().unwrap().len()
    );
    let task = get(&app.router, "/api/v1/norm/tasks/CON-01").await.json();
    assert!(task["phrases"]["de"].is_array() && task["phrases"]["en"].is_array());
    assert!(
        get(&app.router, "/api/v1/norm/platforms").await.json().as_array().unwrap().iter().any(|p| p["id"] == "tiktok")
    );

    get(&app.router, "/api/v1/norm/roles/astronaut").await.problem(404, "not-found");
    get(&app.router, "/api/v1/norm/tasks/XYZ-99").await.problem(404, "not-found");
    let p = get(&app.router, "/api/v1/norm?lang=fr").await.problem(400, "invalid-parameter");
    assert_eq!(p["field"], "lang");
}

#[tokio::test]
async fn health_and_method_errors() {
    let app = app().await;
    let health = get(&app.router, "/healthz").await;
    assert_eq!((health.status.as_u16(), health.text().as_str()), (200, "ok\n"));
    let request = Request::delete("/api/v1/analyze").body(Body::empty()).unwrap();
    send(&app.router, request).await.problem(405, "method-not-allowed");
}
