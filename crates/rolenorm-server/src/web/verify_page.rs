//! `/verify`: paste or upload a credential; the page shows who issued what to whom, under
//! which norm version, and whether it holds (proof, issuer key, validity dates, status), each
//! check with its named reason when it fails.

use askama::Template;
use axum::extract::{Multipart, State};
use axum::http::{HeaderMap, StatusCode, Uri};
use axum::response::Response;
use serde_json::Value;

use super::Chrome;
use super::form::{Fields, Refused};
use super::pages::message_page;
use super::view::Named;
use crate::AppState;
use crate::verification::{Check, CheckName, Claims, Outcome, VerifyReport};

/// One check as the page shows it.
#[derive(Debug, Clone)]
pub struct CheckView {
    /// `proof`, `issuer-key`, `dates`, `status`.
    pub id: &'static str,
    /// The check's name.
    pub label: &'static str,
    /// `pass`, `fail`, `not-checked`.
    pub outcome: &'static str,
    /// The outcome in words.
    pub outcome_label: &'static str,
    /// The reason code when it failed.
    pub reason: Option<String>,
    /// What was found.
    pub detail: String,
}

/// A verification as the page shows it.
#[derive(Debug, Clone)]
pub struct VerifyView {
    /// Whether it holds.
    pub verified: bool,
    /// The reason code.
    pub reason: Option<String>,
    /// The reason in the page's language.
    pub reason_text: String,
    /// The checks.
    pub checks: Vec<CheckView>,
    /// What it claims.
    pub claims: Claims,
    /// The role, linked to the norm when this server's norm has it.
    pub role: Option<Named>,
}

/// What a check found, in the page's language (a failure keeps the verifier's own words).
fn detail(c: &Chrome, check: &Check, report: &VerifyReport) -> String {
    let claims = &report.claims;
    // The status is checked unless an earlier check stopped verification; the dates do not stop it.
    let reached = matches!(report.reason.as_deref(), None | Some("expired" | "not-yet-valid"));
    match (check.outcome, check.check) {
        (Outcome::Fail, _) => check.detail.clone(),
        (Outcome::Pass, CheckName::Proof) => c.ct.detail_proof.to_owned(),
        (Outcome::Pass, CheckName::IssuerKey) => c.ct.detail_issuer.to_owned(),
        (Outcome::Pass, CheckName::Dates) => c.ct.detail_dates.to_owned(),
        (Outcome::Pass, CheckName::Status) if claims.status_list.is_some() => c.ct.detail_status.to_owned(),
        (Outcome::Pass, CheckName::Status) => c.ct.detail_no_status.to_owned(),
        (Outcome::NotChecked, CheckName::Status) if reached => c.ct.detail_status_unknown.to_owned(),
        (Outcome::NotChecked, _) => c.ct.detail_not_reached.to_owned(),
    }
}

/// The page's view of `report`.
pub fn view(state: &AppState, c: &Chrome, report: VerifyReport) -> VerifyView {
    let checks = report
        .checks
        .iter()
        .map(|check| {
            let (id, label) = match check.check {
                CheckName::Proof => ("proof", c.ct.check_proof),
                CheckName::IssuerKey => ("issuer-key", c.ct.check_issuer),
                CheckName::Dates => ("dates", c.ct.check_dates),
                CheckName::Status => ("status", c.ct.check_status),
            };
            let (outcome, outcome_label) = match check.outcome {
                Outcome::Pass => ("pass", c.ct.outcome_pass),
                Outcome::Fail => ("fail", c.ct.outcome_fail),
                Outcome::NotChecked => ("not-checked", c.ct.outcome_not_checked),
            };
            let detail = detail(c, check, &report);
            CheckView { id, label, outcome, outcome_label, reason: check.reason.clone(), detail }
        })
        .collect();
    let norm = state.norm();
    let role = report
        .claims
        .role
        .as_deref()
        .and_then(|id| norm.role(id))
        .map(|r| Named { id: r.id.clone(), name: r.name.get(c.lang.into()).to_owned() });
    VerifyView {
        verified: report.verified,
        reason_text: report.reason.as_deref().map_or_else(String::new, |code| c.ct.reason(code).to_owned()),
        reason: report.reason,
        checks,
        claims: report.claims,
        role,
    }
}

#[derive(Template)]
#[template(path = "verify.html")]
struct VerifyPage<'a> {
    c: &'a Chrome,
    text: String,
    error: Option<String>,
    v: Option<VerifyView>,
}

/// `GET /verify`.
pub async fn form_page(State(state): State<AppState>, uri: Uri, headers: HeaderMap) -> Response {
    let c = Chrome::new(&state, uri.path(), uri.query(), &headers);
    c.respond(StatusCode::OK, VerifyPage { c: &c, text: String::new(), error: None, v: None }.render())
}

/// `POST /verify`: verifies the pasted or uploaded credential.
pub async fn submit(
    State(state): State<AppState>,
    uri: Uri,
    headers: HeaderMap,
    multipart: Result<Multipart, axum::extract::multipart::MultipartRejection>,
) -> Response {
    let c = Chrome::new(&state, uri.path(), uri.query(), &headers);
    let show = |status: StatusCode, text: String, error: String| {
        c.respond(status, VerifyPage { c: &c, text, error: Some(error), v: None }.render())
    };
    let fields = match Fields::checked(multipart, &headers).await {
        Ok(fields) => fields,
        Err(Refused::Form(status, message)) => return show(status, String::new(), message),
        Err(Refused::Csrf) => return message_page(&c, StatusCode::FORBIDDEN, c.t.error, c.t.csrf_failed),
    };
    let text = match fields.text_or_file("credential") {
        Ok(text) => text,
        Err(message) => return show(StatusCode::UNPROCESSABLE_ENTITY, String::new(), message),
    };
    let credential = match parse(&text) {
        Ok(credential) => credential,
        Err(message) => {
            let message = if message.is_empty() { c.ct.verify_empty.to_owned() } else { message };
            return show(StatusCode::UNPROCESSABLE_ENTITY, text, message);
        }
    };
    match crate::verification::verify_value(&state, credential, None).await {
        Ok(report) => {
            let v = view(&state, &c, report);
            c.respond(StatusCode::OK, VerifyPage { c: &c, text, error: None, v: Some(v) }.render())
        }
        Err(problem) => show(StatusCode::SERVICE_UNAVAILABLE, text, problem.detail),
    }
}

/// The credential in `text`: a JSON object ("" when nothing was given).
fn parse(text: &str) -> Result<Value, String> {
    if text.trim().is_empty() {
        return Err(String::new());
    }
    match serde_json::from_str::<Value>(text) {
        Ok(value @ Value::Object(_)) => Ok(value),
        Ok(_) => Err("the credential must be a JSON object".to_owned()),
        Err(error) => Err(format!("the credential is not valid JSON: {error}")),
    }
}
