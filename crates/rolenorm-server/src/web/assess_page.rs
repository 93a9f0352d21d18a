//! `/assess`: a practitioner's work held against the norm (fit bars, gaps as a checklist,
//! level, norm version), and the request for a credential that an assessor reviews.

use askama::Template;
use axum::body::Bytes;
use axum::extract::{Multipart, State};
use axum::http::{HeaderMap, StatusCode, Uri};
use axum::response::{IntoResponse, Redirect, Response};
use rolenorm_assess::{Assessment, Input, RoleFit};
use rolenorm_norm::Norm;

use super::Chrome;
use super::form::{Fields, Refused};
use super::pages::{csrf_ok, message_page};
use super::view::Named;
use crate::AppState;
use crate::wire::Lang;

/// The longest holder name accepted.
const NAME_LIMIT: usize = 200;

/// What the assess form was filled with.
#[derive(Debug, Default, Clone)]
pub struct AssessForm {
    /// The profile text or self-assessment JSON.
    pub text: String,
    /// The profile's language (`de`, `en` or "" to detect).
    pub adlang: String,
}

/// One fit bar.
#[derive(Debug, Clone)]
pub struct FitBar {
    /// The role.
    pub role: Named,
    /// The fit in percent.
    pub percent: u32,
    /// Core tasks covered (occasionally included).
    pub core_done: usize,
    /// Core tasks of the role.
    pub core_total: usize,
    /// How many tasks shown are outside the role.
    pub out_of_scope: usize,
}

/// One core task in a gap checklist, with the evidence for it.
#[derive(Debug, Clone)]
pub struct ChecklistItem {
    /// Task id.
    pub id: String,
    /// Task name.
    pub name: String,
    /// `done`, `partial` or `missing`.
    pub state: &'static str,
    /// The state in words.
    pub state_label: &'static str,
    /// How often (self-assessment), in words.
    pub how: Option<String>,
    /// Evidence lines (quotes, descriptions, years).
    pub evidence: Vec<String>,
    /// Evidence links.
    pub links: Vec<String>,
}

/// The checklist of one nearby role.
#[derive(Debug, Clone)]
pub struct Checklist {
    /// The role.
    pub role: Named,
    /// The gap sentence.
    pub message: String,
    /// Its core tasks.
    pub items: Vec<ChecklistItem>,
}

/// A task the work shows.
#[derive(Debug, Clone)]
pub struct Shown {
    /// Task id.
    pub id: String,
    /// Task name.
    pub name: String,
    /// How often, in words.
    pub how: Option<String>,
    /// Evidence lines.
    pub evidence: Vec<String>,
    /// Evidence links.
    pub links: Vec<String>,
}

/// An assessment as the page shows it.
#[derive(Debug, Clone)]
pub struct AssessView {
    /// `id@version` of the norm applied.
    pub norm: String,
    /// Where the tasks came from, in words.
    pub source: &'static str,
    /// The best-fitting roles.
    pub best: Vec<Named>,
    /// The level's name.
    pub level: String,
    /// Why.
    pub level_reason: String,
    /// Fit bars, best first.
    pub bars: Vec<FitBar>,
    /// Checklists of the nearby roles.
    pub checklists: Vec<Checklist>,
    /// The tasks shown.
    pub tasks: Vec<Shown>,
    /// Roles that can be credentialed (every core task covered).
    pub credentialable: Vec<Named>,
}

#[derive(Template)]
#[template(path = "assess.html")]
struct AssessPage<'a> {
    c: &'a Chrome,
    form: AssessForm,
    error: Option<String>,
    a: Option<AssessView>,
    can_issue: bool,
}

/// `GET /assess`.
pub async fn form_page(State(state): State<AppState>, uri: Uri, headers: HeaderMap) -> Response {
    let c = Chrome::new(&state, uri.path(), uri.query(), &headers);
    let page =
        AssessPage { c: &c, form: AssessForm::default(), error: None, a: None, can_issue: state.issuer().is_some() };
    c.respond(StatusCode::OK, page.render())
}

/// `POST /assess`: assesses the pasted or uploaded profile or self-assessment.
pub async fn submit(
    State(state): State<AppState>,
    uri: Uri,
    headers: HeaderMap,
    multipart: Result<Multipart, axum::extract::multipart::MultipartRejection>,
) -> Response {
    let c = Chrome::new(&state, uri.path(), uri.query(), &headers);
    let can_issue = state.issuer().is_some();
    let show = |status: StatusCode, form: AssessForm, error: String| {
        c.respond(status, AssessPage { c: &c, form, error: Some(error), a: None, can_issue }.render())
    };
    let fields = match Fields::checked(multipart, &headers).await {
        Ok(fields) => fields,
        Err(Refused::Form(status, message)) => return show(status, AssessForm::default(), message),
        Err(Refused::Csrf) => return message_page(&c, StatusCode::FORBIDDEN, c.t.error, c.t.csrf_failed),
    };
    let mut form = AssessForm { text: String::new(), adlang: fields.get("adlang").to_owned() };
    match fields.text_or_file("text") {
        Ok(text) => form.text = text,
        Err(message) => return show(StatusCode::UNPROCESSABLE_ENTITY, form, message),
    }
    match assess_form(&state, &form, c.lang) {
        Ok(assessment) => {
            let a = view(&state.norm(), &c, &assessment);
            c.respond(StatusCode::OK, AssessPage { c: &c, form, error: None, a: Some(a), can_issue }.render())
        }
        Err(message) => show(StatusCode::UNPROCESSABLE_ENTITY, form, message),
    }
}

/// The assessment of the form's text, with gaps and names in the page's language.
fn assess_form(state: &AppState, form: &AssessForm, lang: Lang) -> Result<Assessment, String> {
    if form.text.trim().is_empty() {
        return Err("paste a CV, a profile or a self-assessment, or choose a file".to_owned());
    }
    let input = Input::detect(&form.text).map_err(|e| format!("the self-assessment: {e}"))?;
    // A profile is read in its own language (given, or detected), and its gaps are written in
    // it; a self-assessment without `lang` is written in the page's language.
    let language = match &input {
        Input::Profile { .. } => match form.adlang.as_str() {
            "de" => Some(Lang::De),
            "en" => Some(Lang::En),
            _ => None,
        },
        Input::SelfAssessment(sa) if sa.lang.is_none() => Some(lang),
        Input::SelfAssessment(_) => None,
    };
    crate::assess_api::run(state, &input, language).map_err(|p| p.detail)
}

/// `POST /assess/review`: stores the assessment for review (assessed again from the submitted
/// text, never taken from the form) and leads to the holder's page.
pub async fn request_review(State(state): State<AppState>, uri: Uri, headers: HeaderMap, body: Bytes) -> Response {
    let c = Chrome::new(&state, uri.path(), uri.query(), &headers);
    let fields = Fields::urlencoded(&body);
    if !csrf_ok(&headers, fields.get("csrf")) {
        return message_page(&c, StatusCode::FORBIDDEN, c.t.error, c.t.csrf_failed);
    }
    if state.issuer().is_none() {
        return message_page(&c, StatusCode::SERVICE_UNAVAILABLE, c.t.error, c.ct.no_issuer);
    }
    let form = AssessForm { text: fields.get("text").to_owned(), adlang: fields.get("adlang").to_owned() };
    let name = fields.get("name").trim().to_owned();
    let role = fields.get("role").to_owned();
    let checked = assess_form(&state, &form, c.lang).and_then(|assessment| {
        check_request(&assessment, &name, &role)?;
        Ok(assessment)
    });
    let assessment = match checked {
        Ok(assessment) => assessment,
        Err(message) => {
            let a = assess_form(&state, &form, c.lang).ok().map(|a| view(&state.norm(), &c, &a));
            let page = AssessPage { c: &c, form, error: Some(message), a, can_issue: true };
            return c.respond(StatusCode::UNPROCESSABLE_ENTITY, page.render());
        }
    };
    match store_review(&state, &form, &assessment, &name, &role).await {
        Ok(key) => Redirect::to(&format!("/holder/{key}")).into_response(),
        Err(message) => message_page(&c, StatusCode::SERVICE_UNAVAILABLE, c.t.error, &message),
    }
}

/// The request must name the holder and a role whose core tasks are all covered.
fn check_request(assessment: &Assessment, name: &str, role: &str) -> Result<(), String> {
    if name.is_empty() {
        return Err("field name: give your name as the credential shall state it".to_owned());
    }
    if name.chars().count() > NAME_LIMIT || name.chars().any(char::is_control) {
        return Err(format!("field name: at most {NAME_LIMIT} characters, no control characters"));
    }
    let fit = assessment.fits.iter().find(|f| f.role == role);
    match fit {
        None => Err(format!("field role: {role:?} is not a role of the norm")),
        Some(fit) if !credentialable(fit) => {
            Err(format!("field role: the assessment does not cover every core task of {role}"))
        }
        Some(_) => Ok(()),
    }
}

fn credentialable(fit: &RoleFit) -> bool {
    fit.core_missing.is_empty() && !(fit.core_covered.is_empty() && fit.core_partial.is_empty())
}

/// Stores the review; returns the holder's new secret key (only its hash is stored).
async fn store_review(
    state: &AppState,
    form: &AssessForm,
    assessment: &Assessment,
    name: &str,
    role: &str,
) -> Result<String, String> {
    let key = super::new_token();
    if key.is_empty() {
        return Err("no randomness for a holder key; try again".to_owned());
    }
    let input = serde_json::json!({"text": form.text, "adlang": form.adlang}).to_string();
    let review = rolenorm_store::NewReview {
        holder_hash: holder_hash(&key),
        holder_name: name.to_owned(),
        role: role.to_owned(),
        input,
        assessment: serde_json::to_string(assessment).map_err(|e| e.to_string())?,
    };
    state.store().submit_review(review).await.map_err(|e| {
        tracing::error!(error = %e, "storing a review failed");
        "the request could not be stored; try again".to_owned()
    })?;
    Ok(key)
}

/// The stored form of a holder key: SHA-256, hex (as session tokens are stored).
pub fn holder_hash(key: &str) -> String {
    crate::accounts::token_hash(key)
}

fn named(norm: &Norm, lang: Lang, id: &str) -> Named {
    let name = norm.role(id).map_or_else(|| id.to_owned(), |r| r.name.get(lang.into()).to_owned());
    Named { id: id.to_owned(), name }
}

fn percent(share: f64) -> u32 {
    // Clamped to 0..=100 first, so the cast cannot truncate.
    (share.clamp(0.0, 1.0) * 100.0).round() as u32
}

/// The page's view of `assessment`.
pub fn view(norm: &Norm, c: &Chrome, assessment: &Assessment) -> AssessView {
    let bars = assessment
        .fits
        .iter()
        .filter(|f| f.fit > 0.0 || !f.core_covered.is_empty() || !f.core_partial.is_empty())
        .map(|f| FitBar {
            role: named(norm, c.lang, &f.role),
            percent: percent(f.fit),
            core_done: f.core_covered.len() + f.core_partial.len(),
            core_total: f.core_covered.len() + f.core_partial.len() + f.core_missing.len(),
            out_of_scope: f.out_of_scope.len(),
        })
        .collect();
    let checklists = assessment
        .gaps
        .iter()
        .filter_map(|gap| {
            let fit = assessment.fits.iter().find(|f| f.role == gap.role)?;
            Some(Checklist {
                role: named(norm, c.lang, &gap.role),
                message: gap.message.clone(),
                items: checklist(norm, c, assessment, fit),
            })
        })
        .collect();
    let level = norm
        .levels()
        .iter()
        .find(|l| l.id == assessment.level)
        .map_or_else(|| assessment.level.clone(), |l| l.name.get(c.lang.into()).to_owned());
    AssessView {
        norm: format!("{}@{}", assessment.norm.id, assessment.norm.version),
        source: if assessment.source == "profile" { c.ct.source_profile } else { c.ct.source_self },
        best: assessment.best.iter().map(|id| named(norm, c.lang, id)).collect(),
        level,
        level_reason: assessment.level_reason.clone(),
        bars,
        checklists,
        tasks: assessment.tasks.iter().map(|t| shown(c, t)).collect(),
        credentialable: assessment
            .fits
            .iter()
            .filter(|f| credentialable(f))
            .map(|f| named(norm, c.lang, &f.role))
            .collect(),
    }
}

/// The core tasks of `fit`'s role in the norm's order, each with its state and evidence.
pub fn checklist(norm: &Norm, c: &Chrome, assessment: &Assessment, fit: &RoleFit) -> Vec<ChecklistItem> {
    let Some(role) = norm.role(&fit.role) else { return Vec::new() };
    role.core
        .iter()
        .map(|id| {
            let (state, state_label) = if fit.core_covered.contains(id) {
                ("done", c.ct.done)
            } else if fit.core_partial.contains(id) {
                ("partial", c.ct.partial)
            } else {
                ("missing", c.ct.missing)
            };
            let name = norm.task(id).map_or_else(|| id.clone(), |t| t.name.get(c.lang.into()).to_owned());
            let task = assessment.tasks.iter().find(|t| t.id == *id);
            let shown = task.map(|t| shown(c, t));
            ChecklistItem {
                id: id.clone(),
                name,
                state,
                state_label,
                how: shown.as_ref().and_then(|s| s.how.clone()),
                evidence: shown.as_ref().map_or_else(Vec::new, |s| s.evidence.clone()),
                links: shown.map_or_else(Vec::new, |s| s.links),
            }
        })
        .collect()
}

fn shown(c: &Chrome, task: &rolenorm_assess::AssessedTask) -> Shown {
    let mut evidence = Vec::new();
    let mut links = Vec::new();
    for proof in &task.evidence {
        let mut line = Vec::new();
        let (open, close) = if c.lang == Lang::De { ("„", "“") } else { ("“", "”") };
        line.extend(proof.description.as_ref().map(|d| format!("{open}{d}{close}")));
        line.extend(proof.years.map(|y| format!("{y} {}", c.ct.years)));
        if !line.is_empty() {
            evidence.push(line.join(" · "));
        }
        links.extend(proof.url.clone().filter(|u| u.starts_with("https://") || u.starts_with("http://")));
    }
    Shown {
        id: task.id.clone(),
        name: task.name.clone(),
        how: task.how.map(|h| h.label(c.lang.into()).to_owned()),
        evidence,
        links,
    }
}
