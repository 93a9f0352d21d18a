//! The server-rendered web app: analyse an ad (`/`, permalinks `/a/{id}`), read the norm
//! (`/norm`), build an ad (`/build`). Works without JavaScript; German and English.

mod assess_page;
mod form;
mod pages;
mod review_page;
mod verify_page;
mod view;

pub(crate) use pages::{csrf_ok, message_page};

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;

use crate::AppState;
use crate::i18n::{self, Texts};
use crate::wire::Lang;

/// The largest form upload (pasted ad or file), in bytes.
const FORM_LIMIT: usize = 2 << 20;

/// The web app's routes.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/", get(pages::analyze_page).post(pages::analyze_submit))
        .route("/a/{id}", get(pages::permalink))
        .route("/a/{id}/json", get(pages::permalink_json))
        .route("/norm", get(pages::norm_page))
        .route("/norm/roles/{id}", get(pages::role_page))
        .route("/norm/tasks/{id}", get(pages::task_page))
        .route("/build", get(pages::build_page))
        .route("/build/jobposting.json", get(pages::build_jsonld))
        .route("/assess", get(assess_page::form_page).post(assess_page::submit))
        .route("/assess/review", axum::routing::post(assess_page::request_review))
        .route("/verify", get(verify_page::form_page).post(verify_page::submit))
        .route("/holder/{key}", get(review_page::holder_page).post(review_page::holder_action))
        .route("/reviews", get(review_page::list_page))
        .route("/reviews/{id}", get(review_page::review_page).post(review_page::decide))
        .route("/c/{id}", get(review_page::credential_page))
        .route("/c/{id}/credential.json", get(review_page::credential_json))
        .route("/static/app.css", get(css))
        .route("/static/app.js", get(js))
        .layer(DefaultBodyLimit::max(FORM_LIMIT))
}

async fn css() -> Response {
    static_file("text/css; charset=utf-8", include_str!("../static/app.css"))
}

async fn js() -> Response {
    static_file("text/javascript; charset=utf-8", include_str!("../static/app.js"))
}

fn static_file(content_type: &'static str, body: &'static str) -> Response {
    ([(header::CONTENT_TYPE, content_type), (header::CACHE_CONTROL, "public, max-age=3600")], body).into_response()
}

/// What every page shares: the language, its texts, the current path, the CSRF token.
#[derive(Debug, Clone)]
pub struct Chrome {
    /// The interface texts.
    pub t: &'static Texts,
    /// The practitioner pages' texts.
    pub ct: &'static crate::i18n_cred::CredTexts,
    /// The interface language.
    pub lang: Lang,
    /// The path of this page (for the language switch).
    pub path: String,
    /// The norm's `id@version`.
    pub norm_label: String,
    /// The CSRF token of this browser.
    pub csrf: String,
    /// Whether the browser holds a session cookie (the header shows the account link).
    pub session: bool,
    /// The signed-in account's display name, where the page looked it up.
    pub user: Option<String>,
    set_lang: bool,
    set_csrf: bool,
}

impl Chrome {
    /// The chrome of a request for `path` with query string `query`.
    pub fn new(state: &AppState, path: &str, query: Option<&str>, headers: &HeaderMap) -> Self {
        let asked = query
            .and_then(|q| form_urlencoded::parse(q.as_bytes()).find(|(k, _)| k == "lang").map(|(_, v)| v.into_owned()));
        let (lang, set_lang) = i18n::choose(asked.as_deref(), headers);
        let (csrf, set_csrf) =
            match cookie(headers, "rn_csrf").filter(|c| c.len() == 32 && c.bytes().all(|b| b.is_ascii_hexdigit())) {
                Some(token) => (token, false),
                None => (new_token(), true),
            };
        Self {
            t: i18n::texts(lang),
            ct: crate::i18n_cred::texts(lang),
            lang,
            path: path.to_owned(),
            norm_label: state.norm().label(),
            csrf,
            session: cookie(headers, crate::accounts::SESSION_COOKIE).is_some_and(|t| !t.is_empty()),
            user: None,
            set_lang,
            set_csrf,
        }
    }

    /// The chrome of a page whose signed-in account is `user`.
    pub fn signed_in(mut self, user: &rolenorm_store::User) -> Self {
        self.session = true;
        self.user = Some(user.name.clone());
        self
    }

    /// A community status word (`pending`, `open`, `yes` …) in the interface language.
    pub fn status<'a>(&self, word: &'a str) -> &'a str {
        const DE: [(&str, &str); 10] = [
            ("open", "offen"),
            ("accepted", "angenommen"),
            ("rejected", "abgelehnt"),
            ("released", "veröffentlicht"),
            ("pending", "wartet auf Freigabe"),
            ("approved", "freigegeben"),
            ("hidden", "ausgeblendet"),
            ("yes", "ja"),
            ("no", "nein"),
            ("abstain", "Enthaltung"),
        ];
        match self.lang {
            Lang::De => DE.iter().find(|(en, _)| *en == word).map_or(word, |(_, de)| de),
            Lang::En => word,
        }
    }

    /// `en` or `de`, whichever is the interface language (for texts only community pages use).
    pub fn tr<'a>(&self, en: &'a str, de: &'a str) -> &'a str {
        match self.lang {
            Lang::De => de,
            Lang::En => en,
        }
    }

    /// An HTML response with `status`, setting the language and CSRF cookies when needed.
    pub fn respond(&self, status: StatusCode, html: Result<String, askama::Error>) -> Response {
        let Ok(html) = html else {
            return (StatusCode::INTERNAL_SERVER_ERROR, "the page could not be rendered").into_response();
        };
        let mut response = (status, [(header::CONTENT_TYPE, "text/html; charset=utf-8")], html).into_response();
        let headers = response.headers_mut();
        headers.insert(header::VARY, HeaderValue::from_static("Accept-Language, Cookie"));
        let mut cookies = Vec::new();
        if self.set_lang {
            cookies.push(format!("rn_lang={}; Path=/; Max-Age=31536000; SameSite=Lax", self.t.code));
        }
        if self.set_csrf {
            cookies.push(format!("rn_csrf={}; Path=/; HttpOnly; SameSite=Strict", self.csrf));
        }
        for cookie in cookies {
            if let Ok(value) = HeaderValue::from_str(&cookie) {
                headers.append(header::SET_COOKIE, value);
            }
        }
        response
    }
}

/// The value of cookie `name`, if the request has it.
pub fn cookie(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(key, _)| *key == name)
        .map(|(_, value)| value.trim().to_owned())
}

fn new_token() -> String {
    let mut bytes = [0u8; 16];
    if getrandom::fill(&mut bytes).is_err() {
        // Without randomness no token can be trusted; an empty one never matches.
        return String::new();
    }
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// 404: a page for people, a problem document under `/api/`.
pub async fn not_found(
    axum::extract::State(state): axum::extract::State<AppState>,
    uri: axum::http::Uri,
    headers: HeaderMap,
) -> Response {
    if uri.path().starts_with("/api/") {
        return crate::problem::Problem::not_found(format!("no API endpoint at {}", uri.path())).into_response();
    }
    let chrome = Chrome::new(&state, uri.path(), uri.query(), &headers);
    pages::message_page(&chrome, StatusCode::NOT_FOUND, chrome.t.not_found, chrome.t.not_found_text)
}
