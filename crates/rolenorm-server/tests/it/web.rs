//! The web app: pages, languages, security headers, CSRF and escaping.

use axum::body::Body;
use axum::http::{Request, header};

use super::*;

pub const BOUNDARY: &str = "XyZrolenormBoundary";

/// A multipart form body from `(name, value)` pairs.
pub fn multipart(fields: &[(&str, &str)]) -> String {
    let mut body = String::new();
    for (name, value) in fields {
        body.push_str(&format!("--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n"));
    }
    body.push_str(&format!("--{BOUNDARY}--\r\n"));
    body
}

/// The CSRF cookie a first visit sets.
pub async fn csrf_token(app: &Router) -> String {
    let page = get(app, "/").await;
    let cookie = page.headers.get_all(header::SET_COOKIE).iter().find_map(|v| {
        v.to_str().ok()?.strip_prefix("rn_csrf=").map(|rest| rest.split(';').next().unwrap_or("").to_owned())
    });
    let token = cookie.expect("the first visit sets rn_csrf");
    assert!(page.text().contains(&format!("value=\"{token}\"")), "the form carries the token");
    token
}

async fn submit(app: &Router, token: &str, cookie: &str, fields: &[(&str, &str)]) -> Reply {
    let mut all = vec![("csrf", token)];
    all.extend_from_slice(fields);
    let request = Request::post("/")
        .header(header::CONTENT_TYPE, format!("multipart/form-data; boundary={BOUNDARY}"))
        .header(header::COOKIE, format!("rn_csrf={cookie}"))
        .body(Body::from(multipart(&all)))
        .unwrap();
    send(app, request).await
}

#[tokio::test]
async fn every_page_sends_the_security_headers() {
    let app = app().await;
    for path in [
        "/",
        "/norm",
        "/norm/roles/community-manager",
        "/norm/tasks/CON-01",
        "/build",
        "/nowhere",
        "/api/v1/norm",
        "/api/v1/docs/",
    ] {
        let reply = get(&app.router, path).await;
        let csp = reply.header("content-security-policy");
        let script_src = csp.split(';').find(|d| d.trim().starts_with("script-src")).unwrap_or("");
        assert!(script_src.contains("'self'") && !script_src.contains("unsafe-inline"), "{path}: {csp}");
        assert!(csp.contains("frame-ancestors 'none'"), "{path}: {csp}");
        assert_eq!(reply.header("x-content-type-options"), "nosniff", "{path}");
        assert_eq!(reply.header("x-frame-options"), "DENY", "{path}");
        assert_eq!(reply.header("referrer-policy"), "no-referrer", "{path}");
    }
}

#[tokio::test]
async fn analysing_in_the_browser_highlights_the_evidence() {
    let app = app().await;
    let token = csrf_token(&app.router).await;
    let reply = submit(&app.router, &token, &token, &[("text", COMMUNITY_AD), ("adlang", "")]).await;
    assert_eq!(reply.status, 200, "{}", reply.text());
    let html = reply.text();
    assert!(html.contains("data-role=\"community-manager\""));
    assert!(html.contains("<mark class=\"d-community"), "evidence is marked by domain");
    assert!(html.contains("data-label=\"COM-"), "marks name their task");
    assert!(html.contains("<meter"), "role fit bars");
    assert!(html.contains("href=\"data:application/json"), "JSON download");
}

#[tokio::test]
async fn the_employer_field_keeps_the_employers_platform_out_of_the_channels() {
    let app = app().await;
    let token = csrf_token(&app.router).await;
    let text = "Office Manager\n\nAt YouTube you keep our YouTube office running.\nYour tasks\n- Plan meetings for the YouTube team.";
    let without = submit(&app.router, &token, &token, &[("text", text)]).await.text();
    assert!(without.contains("YouTube 3"), "without the employer the platform is counted");
    let with = submit(&app.router, &token, &token, &[("text", text), ("company", "YouTube Germany")]).await.text();
    assert!(
        !with.contains("YouTube 3") && with.contains("value=\"YouTube Germany\""),
        "the employer is kept, not counted"
    );
}

#[tokio::test]
async fn saving_in_the_browser_redirects_to_the_permalink() {
    let app = app().await;
    let token = csrf_token(&app.router).await;
    let reply = submit(&app.router, &token, &token, &[("text", COMMUNITY_AD), ("save", "1")]).await;
    assert_eq!(reply.status, 303);
    let location = reply.header("location").to_owned();
    assert!(location.starts_with("/a/"));
    let page = get(&app.router, &location).await;
    assert!(page.text().contains(&format!("href=\"{location}/json\"")));
}

#[tokio::test]
async fn forms_without_the_right_token_are_refused() {
    let app = app().await;
    let token = csrf_token(&app.router).await;
    assert_eq!(submit(&app.router, "", &token, &[("text", COMMUNITY_AD)]).await.status, 403);
    assert_eq!(submit(&app.router, &token, &"0".repeat(32), &[("text", COMMUNITY_AD)]).await.status, 403);
    let request = Request::post("/")
        .header(header::CONTENT_TYPE, format!("multipart/form-data; boundary={BOUNDARY}"))
        .header(header::COOKIE, format!("rn_csrf={token}"))
        .header("sec-fetch-site", "cross-site")
        .body(Body::from(multipart(&[("csrf", &token), ("text", COMMUNITY_AD)])))
        .unwrap();
    assert_eq!(send(&app.router, request).await.status, 403);
}

const XSS_AD: &str = "Social Media Manager <script>alert('xss')</script>\n\nDeine Aufgaben:\n- Du entwickelst die Social-Media-Strategie \"><img src=x onerror=alert(1)> und moderierst Kommentare.\n- <a href=\"javascript:alert(2)\">Bewirb dich</a> javascript:alert(3)\n";

/// Whether `html` shows `text` escaped (askama writes `&#60;`, others `&lt;`).
fn escaped(html: &str, text: &str) -> bool {
    let numeric = text.replace('<', "&#60;").replace('>', "&#62;");
    let named = text.replace('<', "&lt;").replace('>', "&gt;");
    html.contains(&numeric) || html.contains(&named)
}

fn assert_inert(html: &str) {
    assert!(!html.contains("<script>alert"), "a script tag got through");
    assert!(!html.contains("<img src=x"), "an img tag got through");
    assert!(!html.contains("href=\"javascript:"), "a javascript: link got through");
    assert!(escaped(html, "<script>alert"), "the script is shown as text");
    assert!(escaped(html, "<img src=x onerror=alert(1)>"), "the img is shown as text");
}

#[tokio::test]
async fn scripts_in_an_ad_are_shown_inert_on_the_analysis_and_permalink_pages() {
    let app = app().await;
    let token = csrf_token(&app.router).await;
    let payload_title = "\"><img src=x onerror=alert(1)><script>alert('t')</script>";
    let reply = submit(&app.router, &token, &token, &[("text", XSS_AD), ("title", payload_title)]).await;
    assert_eq!(reply.status, 200);
    assert_inert(&reply.text());

    let saved = submit(&app.router, &token, &token, &[("text", XSS_AD), ("title", payload_title), ("save", "1")]).await;
    let page = get(&app.router, saved.header("location")).await;
    assert_eq!(page.status, 200);
    assert_inert(&page.text());

    // The same ad as HTML through the API, then on its permalink page.
    let body = serde_json::json!({"html": XSS_AD, "title": payload_title}).to_string();
    let api = post_json(&app.router, "/api/v1/analyze?save=true", body).await;
    let page = get(&app.router, api.json()["url"].as_str().unwrap()).await;
    let html = page.text();
    assert!(!html.contains("<script>alert") && !html.contains("<img src=x") && !html.contains("href=\"javascript:"));
}

#[tokio::test]
async fn the_language_follows_the_switch_then_the_cookie_then_accept_language() {
    let app = app().await;
    let request =
        Request::get("/").header(header::ACCEPT_LANGUAGE, "de-DE,de;q=0.9,en;q=0.5").body(Body::empty()).unwrap();
    let de = send(&app.router, request).await;
    assert!(de.text().contains("<html lang=\"de\">") && de.text().contains("Anzeige prüfen"));
    let en = get(&app.router, "/?lang=en").await;
    assert!(en.text().contains("<html lang=\"en\">"));
    assert!(en.headers.get_all(header::SET_COOKIE).iter().any(|v| v.to_str().unwrap().starts_with("rn_lang=en")));
    let request = Request::get("/norm")
        .header(header::COOKIE, "rn_lang=en")
        .header(header::ACCEPT_LANGUAGE, "de")
        .body(Body::empty())
        .unwrap();
    assert!(send(&app.router, request).await.text().contains("<html lang=\"en\">"));
}

#[tokio::test]
async fn the_norm_pages_show_the_matrix_roles_and_tasks() {
    let app = app().await;
    let norm = ANALYZER.norm();
    let matrix = get(&app.router, "/norm?lang=en").await.text();
    for role in norm.roles() {
        assert!(matrix.contains(&format!("href=\"/norm/roles/{}\"", role.id)), "{}", role.id);
    }
    assert_eq!(matrix.matches("<tr>").count(), norm.tasks().len() + 1);
    let role = get(&app.router, "/norm/roles/community-manager?lang=en").await.text();
    assert!(role.contains("owned by"), "excluded tasks name their owner");
    assert!(role.contains("onetonline.org") || role.contains("data.europa.eu"), "anchors link out");
    let task = get(&app.router, "/norm/tasks/CON-01?lang=de").await;
    assert_eq!(task.status, 200);
    assert_eq!(get(&app.router, "/norm/roles/astronaut").await.status, 404);
}

#[tokio::test]
async fn the_builder_page_previews_an_ad_and_offers_its_json_ld() {
    let app = app().await;
    let page = get(&app.router, "/build?role=community-manager&lang=en").await.text();
    assert!(page.contains("checked disabled"), "core tasks are pre-selected and fixed");
    assert!(page.contains("excluded, belongs to"), "excluded tasks name their owner");
    let query = "role=community-manager&adlang=de&org=Acme+%3Cb%3E&locality=Berlin&country=DE&employment=PART_TIME&salary_min=40000&currency=EUR&unit=YEAR&preview=1";
    let preview = get(&app.router, &format!("/build?{query}")).await;
    assert_eq!(preview.status, 200, "{}", preview.text());
    let html = preview.text();
    assert!(html.contains("id=\"check\""));
    assert!(escaped(&html, "Acme <b>"), "employer text is escaped");
    assert!(!html.contains("Acme <b>"));
    let download = get(&app.router, &format!("/build/jobposting.json?{query}")).await;
    assert_eq!(download.status, 200, "{}", download.text());
    assert!(download.header("content-disposition").starts_with("attachment"));
    assert_eq!(download.json()["@type"], "JobPosting");
    assert_eq!(download.json()["employmentType"], "PART_TIME");
}

#[tokio::test]
async fn uploaded_html_and_json_files_are_analysed() {
    let app = app().await;
    let token = csrf_token(&app.router).await;
    let html =
        format!("<html><body><h1>Community Manager</h1><p>{}</p></body></html>", COMMUNITY_AD.replace('\n', "<br>"));
    let posting = serde_json::json!({"@context": "https://schema.org", "@type": "JobPosting", "title": "Community Manager", "description": COMMUNITY_AD}).to_string();
    for (name, content) in [("ad.html", html.as_str()), ("ad.json", posting.as_str()), ("ad.txt", COMMUNITY_AD)] {
        let body = format!(
            "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n{token}\r\n\
             --{BOUNDARY}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{name}\"\r\nContent-Type: application/octet-stream\r\n\r\n{content}\r\n\
             --{BOUNDARY}--\r\n"
        );
        let request = Request::post("/")
            .header(header::CONTENT_TYPE, format!("multipart/form-data; boundary={BOUNDARY}"))
            .header(header::COOKIE, format!("rn_csrf={token}"))
            .body(Body::from(body))
            .unwrap();
        let reply = send(&app.router, request).await;
        assert_eq!(reply.status, 200, "{name}: {}", reply.text());
        assert!(reply.text().contains("data-role=\"community-manager\""), "{name}");
        assert!(reply.text().contains("<mark"), "{name}: evidence is highlighted");
    }
}
