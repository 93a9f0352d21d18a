//! The pages and their handlers.

use askama::Template;
use axum::extract::{Multipart, Path, RawQuery, State};
use axum::http::{HeaderMap, StatusCode, Uri, header};
use axum::response::{IntoResponse, Redirect, Response};
use rolenorm_norm::Scope;

use super::Chrome;
use super::view::{self, Named, ResultView};
use crate::AppState;
use crate::compose::{
    self, BuildRequest, BuildResponse, EmploymentType, JobLocation, Organisation, Salary, SalaryUnit,
};
use crate::wire::{AdInput, Lang};

#[derive(Template)]
#[template(path = "message.html")]
struct MessagePage<'a> {
    c: &'a Chrome,
    heading: &'a str,
    text: &'a str,
}

/// A page with a heading and one paragraph.
pub fn message_page(c: &Chrome, status: StatusCode, heading: &str, text: &str) -> Response {
    c.respond(status, MessagePage { c, heading, text }.render())
}

/// What the analyse form was filled with.
#[derive(Debug, Default, Clone)]
pub struct AnalyzeForm {
    title: String,
    company: String,
    text: String,
    adlang: String,
    save: bool,
}

#[derive(Template)]
#[template(path = "analyze.html")]
struct AnalyzePage<'a> {
    c: &'a Chrome,
    form: AnalyzeForm,
    error: Option<String>,
    r: Option<ResultView>,
    saved_at: Option<i64>,
}

/// `GET /`: the analyse form.
pub async fn analyze_page(State(state): State<AppState>, uri: Uri, headers: HeaderMap) -> Response {
    let c = Chrome::new(&state, uri.path(), uri.query(), &headers);
    let page = AnalyzePage { c: &c, form: AnalyzeForm::default(), error: None, r: None, saved_at: None };
    c.respond(StatusCode::OK, page.render())
}

/// `POST /`: analyses the pasted or uploaded ad; with "save" redirects to its permalink.
pub async fn analyze_submit(
    State(state): State<AppState>,
    uri: Uri,
    headers: HeaderMap,
    multipart: Result<Multipart, axum::extract::multipart::MultipartRejection>,
) -> Response {
    let c = Chrome::new(&state, uri.path(), uri.query(), &headers);
    let show = |status: StatusCode, form: AnalyzeForm, error: String| {
        c.respond(status, AnalyzePage { c: &c, form, error: Some(error), r: None, saved_at: None }.render())
    };
    let Ok(multipart) = multipart else {
        return show(
            StatusCode::BAD_REQUEST,
            AnalyzeForm::default(),
            "the form must be sent as multipart/form-data".into(),
        );
    };
    let submitted = match read_form(multipart).await {
        Ok(submitted) => submitted,
        Err((status, message)) => return show(status, AnalyzeForm::default(), message),
    };
    if !csrf_ok(&headers, &submitted.csrf) {
        return message_page(&c, StatusCode::FORBIDDEN, c.t.error, c.t.csrf_failed);
    }
    let form = submitted.form.clone();
    let ad = match submitted.ad() {
        Ok(ad) => ad,
        Err(message) => return show(StatusCode::UNPROCESSABLE_ENTITY, form, message),
    };
    let analysis = match ad.analyze(&state.analyzer()) {
        Ok(analysis) => analysis,
        Err(problem) => {
            return show(StatusCode::from_u16(problem.status).unwrap_or(StatusCode::BAD_REQUEST), form, problem.detail);
        }
    };
    if form.save {
        return match crate::api::save(&state, &ad, analysis).await {
            Ok(saved) => Redirect::to(&saved.url).into_response(),
            Err(problem) => show(StatusCode::SERVICE_UNAVAILABLE, form, problem.detail),
        };
    }
    let r = view::result(&state.norm(), c.t, c.lang, &ad, &analysis, None);
    c.respond(StatusCode::OK, AnalyzePage { c: &c, form, error: None, r: Some(r), saved_at: None }.render())
}

/// The fields of the analyse form.
struct Submitted {
    form: AnalyzeForm,
    csrf: String,
    file: Option<(String, Vec<u8>)>,
}

impl Submitted {
    /// The ad the form describes: the uploaded file if any, else the pasted text.
    fn ad(&self) -> Result<AdInput, String> {
        let lang = match self.form.adlang.as_str() {
            "de" => Some(Lang::De),
            "en" => Some(Lang::En),
            _ => None,
        };
        let title = Some(self.form.title.trim().to_owned()).filter(|t| !t.is_empty());
        let company = Some(self.form.company.trim().to_owned()).filter(|c| !c.is_empty());
        let mut ad = AdInput { title, company, lang, ..AdInput::default() };
        match &self.file {
            Some((name, bytes)) => {
                let text = rolenorm_text::decode(bytes, None).map_err(|e| format!("file {name}: {e}"))?;
                let lower = name.to_ascii_lowercase();
                if lower.ends_with(".json") || lower.ends_with(".jsonld") {
                    let value: serde_json::Value =
                        serde_json::from_str(&text).map_err(|e| format!("file {name}: not valid JSON: {e}"))?;
                    ad.job_posting = Some(value);
                } else if lower.ends_with(".html") || lower.ends_with(".htm") {
                    ad.html = Some(text);
                } else {
                    ad.text = Some(text);
                }
            }
            None if self.form.text.trim().is_empty() => return Err("paste an ad or choose a file".to_owned()),
            None => ad.text = Some(self.form.text.clone()),
        }
        Ok(ad)
    }
}

async fn read_form(mut multipart: Multipart) -> Result<Submitted, (StatusCode, String)> {
    let mut submitted = Submitted { form: AnalyzeForm::default(), csrf: String::new(), file: None };
    loop {
        let field = match multipart.next_field().await {
            Ok(Some(field)) => field,
            Ok(None) => break,
            Err(error) => return Err((error.status(), format!("the form could not be read: {}", error.body_text()))),
        };
        let name = field.name().unwrap_or("").to_owned();
        let file_name = field.file_name().map(str::to_owned);
        let bytes = field.bytes().await.map_err(|e| (e.status(), format!("field {name}: {}", e.body_text())))?;
        let text = || String::from_utf8_lossy(&bytes).into_owned();
        match name.as_str() {
            "csrf" => submitted.csrf = text(),
            "title" => submitted.form.title = text(),
            "company" => submitted.form.company = text(),
            "text" => submitted.form.text = text(),
            "adlang" => submitted.form.adlang = text(),
            "save" => submitted.form.save = !bytes.is_empty(),
            "file" if !bytes.is_empty() => {
                submitted.file = Some((file_name.unwrap_or_else(|| "upload".into()), bytes.to_vec()))
            }
            _ => {}
        }
    }
    Ok(submitted)
}

/// The form's token must equal the browser's `rn_csrf` cookie, and a browser that says where
/// the request came from must say this site.
pub(crate) fn csrf_ok(headers: &HeaderMap, token: &str) -> bool {
    let site_ok = headers
        .get("sec-fetch-site")
        .and_then(|v| v.to_str().ok())
        .is_none_or(|site| site == "same-origin" || site == "none");
    let cookie = super::cookie(headers, "rn_csrf").unwrap_or_default();
    site_ok && cookie.len() == 32 && cookie == token
}

/// `GET /a/{id}`: a saved analysis.
pub async fn permalink(
    State(state): State<AppState>,
    Path(id): Path<String>,
    uri: Uri,
    headers: HeaderMap,
) -> Response {
    let c = Chrome::new(&state, uri.path(), uri.query(), &headers);
    let Ok((saved, ad)) = crate::api::load(&state, &id).await else {
        return message_page(&c, StatusCode::NOT_FOUND, c.t.not_found, c.t.not_found_text);
    };
    let r = view::result(&state.norm(), c.t, c.lang, &ad, &saved.analysis, Some(saved.url.clone()));
    let form = AnalyzeForm { title: ad.title.clone().unwrap_or_default(), ..AnalyzeForm::default() };
    let page = AnalyzePage { c: &c, form, error: None, r: Some(r), saved_at: Some(saved.created_at) };
    c.respond(StatusCode::OK, page.render())
}

/// `GET /a/{id}/json`: a saved analysis as a JSON download.
pub async fn permalink_json(State(state): State<AppState>, Path(id): Path<String>) -> Response {
    match crate::api::load(&state, &id).await {
        Ok((saved, _)) => {
            let body = serde_json::to_string_pretty(&saved.analysis).unwrap_or_default();
            let disposition = format!("attachment; filename=\"analysis-{}.json\"", saved.id);
            ([(header::CONTENT_TYPE, "application/json".to_owned()), (header::CONTENT_DISPOSITION, disposition)], body)
                .into_response()
        }
        Err(problem) => problem.into_response(),
    }
}

/// One cell of the role × task matrix.
struct Cell {
    symbol: &'static str,
    class: &'static str,
    label: String,
}

struct MatrixRow {
    id: String,
    name: String,
    domain: String,
    cells: Vec<Cell>,
}

#[derive(Template)]
#[template(path = "norm.html")]
struct NormPage<'a> {
    c: &'a Chrome,
    title: String,
    description: String,
    roles: Vec<Named>,
    rows: Vec<MatrixRow>,
}

/// `GET /norm`: the role × task matrix.
pub async fn norm_page(State(state): State<AppState>, uri: Uri, headers: HeaderMap) -> Response {
    let c = Chrome::new(&state, uri.path(), uri.query(), &headers);
    let norm = state.norm();
    let lang = c.lang.into();
    let roles: Vec<Named> =
        norm.roles().iter().map(|r| Named { id: r.id.clone(), name: r.name.get(lang).to_owned() }).collect();
    let rows = norm
        .tasks()
        .iter()
        .enumerate()
        .map(|(t, task)| MatrixRow {
            id: task.id.clone(),
            name: task.name.get(lang).to_owned(),
            domain: task.domain.clone(),
            cells: (0..norm.roles().len())
                .map(|r| {
                    let scope = norm.scope(r, t);
                    let (symbol, class) = match scope {
                        Scope::Core => ("●", "core"),
                        Scope::Optional => ("○", "optional"),
                        Scope::Excluded => ("·", "excluded"),
                    };
                    Cell { symbol, class, label: format!("{}: {}", roles[r].name, c.t.scope(scope.as_str())) }
                })
                .collect(),
        })
        .collect();
    let page = NormPage {
        c: &c,
        title: norm.identity().title.get(lang).to_owned(),
        description: norm.identity().description.get(lang).to_owned(),
        roles,
        rows,
    };
    c.respond(StatusCode::OK, page.render())
}

struct TaskLink {
    id: String,
    name: String,
    scope: &'static str,
    owner: Option<Named>,
}

struct Anchor {
    scheme: &'static str,
    code: String,
    href: Option<String>,
}

#[derive(Template)]
#[template(path = "role.html")]
struct RolePage<'a> {
    c: &'a Chrome,
    id: String,
    name: String,
    family: String,
    definition: String,
    tasks_in: Vec<TaskLink>,
    tasks_out: Vec<TaskLink>,
    anchors: Vec<Anchor>,
    titles: Vec<String>,
}

/// `GET /norm/roles/{id}`.
pub async fn role_page(
    State(state): State<AppState>,
    Path(id): Path<String>,
    uri: Uri,
    headers: HeaderMap,
) -> Response {
    let c = Chrome::new(&state, uri.path(), uri.query(), &headers);
    let norm = state.norm();
    let lang = c.lang.into();
    let Some(index) = norm.role_index(&id) else {
        return message_page(&c, StatusCode::NOT_FOUND, c.t.not_found, c.t.not_found_text);
    };
    let role = &norm.roles()[index];
    let (mut tasks_in, mut tasks_out) = (Vec::new(), Vec::new());
    for (t, task) in norm.tasks().iter().enumerate() {
        let scope = norm.scope(index, t);
        let owner = (scope == Scope::Excluded).then(|| Named {
            id: task.owner.clone(),
            name: norm.role(&task.owner).map_or_else(|| task.owner.clone(), |r| r.name.get(lang).to_owned()),
        });
        let link = TaskLink {
            id: task.id.clone(),
            name: task.name.get(lang).to_owned(),
            scope: c.t.scope(scope.as_str()),
            owner,
        };
        if scope == Scope::Excluded { tasks_out.push(link) } else { tasks_in.push(link) }
    }
    let page = RolePage {
        c: &c,
        id: role.id.clone(),
        name: role.name.get(lang).to_owned(),
        family: role.family.as_str().to_owned(),
        definition: role.definition.get(lang).to_owned(),
        tasks_in,
        tasks_out,
        anchors: anchors(role),
        titles: role.titles.get(lang).iter().map(|p| p.text.clone()).collect(),
    };
    c.respond(StatusCode::OK, page.render())
}

fn anchors(role: &rolenorm_norm::Role) -> Vec<Anchor> {
    let a = &role.anchors;
    let mut out = Vec::new();
    out.extend(a.kldb.iter().map(|code| Anchor { scheme: "KldB 2010", code: code.clone(), href: None }));
    out.extend(a.isco.iter().map(|code| Anchor {
        scheme: "ISCO-08",
        code: code.clone(),
        href: Some(format!("http://data.europa.eu/esco/isco/C{code}")),
    }));
    out.extend(a.onet.iter().map(|code| Anchor {
        scheme: "O*NET-SOC",
        code: code.clone(),
        href: Some(format!("https://www.onetonline.org/link/summary/{code}")),
    }));
    out.extend(a.esco.iter().map(|e| Anchor {
        scheme: "ESCO",
        code: format!("{} ({})", e.label, e.relation),
        href: Some(e.uri.clone()),
    }));
    out
}

#[derive(Template)]
#[template(path = "task.html")]
struct TaskPage<'a> {
    c: &'a Chrome,
    id: String,
    name: String,
    domain: String,
    definition: String,
    owner: Named,
    core: Vec<Named>,
    optional: Vec<Named>,
    excluded: Vec<Named>,
    vocabulary: Vec<(&'static str, Vec<String>)>,
    esco: Vec<String>,
}

/// `GET /norm/tasks/{id}`.
pub async fn task_page(
    State(state): State<AppState>,
    Path(id): Path<String>,
    uri: Uri,
    headers: HeaderMap,
) -> Response {
    let c = Chrome::new(&state, uri.path(), uri.query(), &headers);
    let norm = state.norm();
    let lang = c.lang.into();
    let Some(index) = norm.task_index(&id) else {
        return message_page(&c, StatusCode::NOT_FOUND, c.t.not_found, c.t.not_found_text);
    };
    let task = &norm.tasks()[index];
    let named = |r: &rolenorm_norm::Role| Named { id: r.id.clone(), name: r.name.get(lang).to_owned() };
    let with = |scope: Scope| {
        norm.roles().iter().enumerate().filter(|(r, _)| norm.scope(*r, index) == scope).map(|(_, r)| named(r)).collect()
    };
    let page = TaskPage {
        c: &c,
        id: task.id.clone(),
        name: task.name.get(lang).to_owned(),
        domain: view::domain_name(c.t, &task.domain),
        definition: task.definition.get(lang).to_owned(),
        owner: norm.role(&task.owner).map_or_else(|| Named { id: task.owner.clone(), name: task.owner.clone() }, named),
        core: with(Scope::Core),
        optional: with(Scope::Optional),
        excluded: with(Scope::Excluded),
        vocabulary: vec![
            (c.t.lang_de, task.phrases.de.iter().map(|p| p.text.clone()).collect()),
            (c.t.lang_en, task.phrases.en.iter().map(|p| p.text.clone()).collect()),
        ],
        esco: task.esco.clone(),
    };
    c.respond(StatusCode::OK, page.render())
}

/// The builder form's fields, as strings from the query.
#[derive(Debug, Clone, Default)]
pub struct BuildForm {
    role: String,
    tasks: Vec<String>,
    adlang: String,
    org: String,
    url: String,
    locality: String,
    region: String,
    postal: String,
    street: String,
    country: String,
    remote: bool,
    employment: String,
    salary_min: String,
    salary_max: String,
    currency: String,
    unit: String,
    start: String,
    preview: bool,
}

impl BuildForm {
    fn parse(query: &str, ui: Lang) -> Self {
        let mut f = BuildForm::default();
        for (key, value) in form_urlencoded::parse(query.as_bytes()) {
            let value = value.into_owned();
            match key.as_ref() {
                "role" => f.role = value,
                "tasks" => f.tasks.push(value),
                "adlang" => f.adlang = value,
                "org" => f.org = value,
                "url" => f.url = value,
                "locality" => f.locality = value,
                "region" => f.region = value,
                "postal" => f.postal = value,
                "street" => f.street = value,
                "country" => f.country = value,
                "remote" => f.remote = !value.is_empty(),
                "employment" => f.employment = value,
                "salary_min" => f.salary_min = value,
                "salary_max" => f.salary_max = value,
                "currency" => f.currency = value,
                "unit" => f.unit = value,
                "start" => f.start = value,
                "preview" => f.preview = !value.is_empty(),
                _ => {}
            }
        }
        let defaults =
            [(&mut f.country, "DE"), (&mut f.currency, "EUR"), (&mut f.unit, "YEAR"), (&mut f.employment, "FULL_TIME")];
        for (field, default) in defaults {
            if field.trim().is_empty() {
                *field = default.to_owned();
            }
        }
        if f.adlang != "de" && f.adlang != "en" {
            f.adlang = ui.code().to_owned();
        }
        f
    }

    fn request(&self) -> Result<BuildRequest, String> {
        let opt = |s: &str| Some(s.trim().to_owned()).filter(|s| !s.is_empty());
        let salary = match opt(&self.salary_min) {
            None => None,
            Some(min) => Some(Salary {
                min: min.replace(',', ".").parse().map_err(|_| format!("salary from: {min:?} is not a number"))?,
                max: opt(&self.salary_max)
                    .map(|m| m.replace(',', ".").parse().map_err(|_| format!("salary to: {m:?} is not a number")))
                    .transpose()?,
                currency: self.currency.clone(),
                unit: SalaryUnit::parse(&self.unit).unwrap_or(SalaryUnit::Year),
            }),
        };
        Ok(BuildRequest {
            role: self.role.clone(),
            tasks: self.tasks.clone(),
            lang: if self.adlang == "de" { Lang::De } else { Lang::En },
            organisation: Organisation { name: self.org.clone(), url: opt(&self.url) },
            location: JobLocation {
                locality: self.locality.clone(),
                region: opt(&self.region),
                postal_code: opt(&self.postal),
                street_address: opt(&self.street),
                country: self.country.clone(),
            },
            remote: self.remote,
            employment_type: EmploymentType::parse(&self.employment).unwrap_or(EmploymentType::FullTime),
            salary,
            start_date: opt(&self.start),
            date_posted: None,
            valid_through: None,
        })
    }
}

impl Lang {
    fn code(self) -> &'static str {
        match self {
            Lang::De => "de",
            Lang::En => "en",
        }
    }
}

struct TaskChoice {
    id: String,
    name: String,
    scope: &'static str,
    checked: bool,
    owner: Option<Named>,
}

#[derive(Template)]
#[template(path = "build.html")]
struct BuildPage<'a> {
    c: &'a Chrome,
    f: BuildForm,
    roles: Vec<Named>,
    choices: Vec<TaskChoice>,
    employment: Vec<(&'static str, &'static str)>,
    units: Vec<(&'static str, &'static str)>,
    built: Option<BuildResponse>,
    job_posting: String,
    download: String,
    error: Option<String>,
}

/// `GET /build`: choose a role, tick tasks, fill in the facts, preview the ad.
pub async fn build_page(
    State(state): State<AppState>,
    uri: Uri,
    RawQuery(query): RawQuery,
    headers: HeaderMap,
) -> Response {
    let c = Chrome::new(&state, uri.path(), uri.query(), &headers);
    let norm = state.norm();
    let lang = c.lang.into();
    let f = BuildForm::parse(query.as_deref().unwrap_or(""), c.lang);
    let roles = norm
        .roles()
        .iter()
        .filter(|r| !r.core.is_empty() && r.family != rolenorm_norm::Family::Other)
        .map(|r| Named { id: r.id.clone(), name: r.name.get(lang).to_owned() })
        .collect();
    let choices = norm.role_index(&f.role).map_or_else(Vec::new, |r| {
        norm.tasks()
            .iter()
            .enumerate()
            .map(|(t, task)| {
                let scope = norm.scope(r, t);
                let owner = (scope == Scope::Excluded).then(|| Named {
                    id: task.owner.clone(),
                    name: norm.role(&task.owner).map_or_else(|| task.owner.clone(), |o| o.name.get(lang).to_owned()),
                });
                TaskChoice {
                    id: task.id.clone(),
                    name: task.name.get(lang).to_owned(),
                    scope: scope.as_str(),
                    checked: scope == Scope::Core || f.tasks.contains(&task.id),
                    owner,
                }
            })
            .collect()
    });
    let (mut built, mut error) = (None, None);
    if f.preview && !choices.is_empty() {
        match f.request().and_then(|req| compose::build_ad(&state.analyzer(), &req).map_err(|p| p.detail)) {
            Ok(ad) => built = Some(ad),
            Err(message) => error = Some(message),
        }
    }
    let job_posting =
        built.as_ref().map_or_else(String::new, |b| serde_json::to_string_pretty(&b.job_posting).unwrap_or_default());
    let download = format!("/build/jobposting.json?{}", query.as_deref().unwrap_or(""));
    let t = c.t;
    let employment = EmploymentType::ALL.iter().map(|k| (k.as_str(), t.employment(*k))).collect();
    let units = SalaryUnit::ALL.iter().map(|u| (u.as_str(), t.per(*u))).collect();
    let status = if error.is_some() { StatusCode::UNPROCESSABLE_ENTITY } else { StatusCode::OK };
    let page = BuildPage { c: &c, f, roles, choices, employment, units, built, job_posting, download, error };
    c.respond(status, page.render())
}

/// `GET /build/jobposting.json`: the built ad's JSON-LD as a download.
pub async fn build_jsonld(State(state): State<AppState>, RawQuery(query): RawQuery, headers: HeaderMap) -> Response {
    let ui = crate::i18n::choose(None, &headers).0;
    let f = BuildForm::parse(query.as_deref().unwrap_or(""), ui);
    let request = match f.request() {
        Ok(request) => request,
        Err(message) => return crate::problem::Problem::invalid("query", message).into_response(),
    };
    match compose::build_ad(&state.analyzer(), &request) {
        Ok(built) => {
            let body = serde_json::to_string_pretty(&built.job_posting).unwrap_or_default();
            (
                [
                    (header::CONTENT_TYPE, "application/ld+json"),
                    (header::CONTENT_DISPOSITION, "attachment; filename=\"jobposting.jsonld\""),
                ],
                body,
            )
                .into_response()
        }
        Err(problem) => problem.into_response(),
    }
}
