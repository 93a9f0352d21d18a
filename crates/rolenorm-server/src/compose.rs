//! The ad builder: a role, its tasks and the employer's facts become a normed job ad in
//! Markdown and HTML and its schema.org `JobPosting` JSON-LD.

use std::hash::{Hash, Hasher};

use askama::Template;
use axum::http::StatusCode;
use rolenorm_analyze::{Ad, Analyzer, Format};
use rolenorm_norm::{Norm, Scope};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use utoipa::ToSchema;

use crate::i18n;
use crate::problem::Problem;
use crate::wire::Lang;

/// What the employer tells the builder.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct BuildRequest {
    /// The normed role (`community-manager`).
    pub role: String,
    /// Optional tasks to include (task ids); the role's core tasks are always included.
    #[serde(default)]
    pub tasks: Vec<String>,
    /// The language of the ad.
    pub lang: Lang,
    /// The employer.
    pub organisation: Organisation,
    /// Where the work is.
    pub location: JobLocation,
    /// Whether the job can be done fully remotely (in `location.country`).
    #[serde(default)]
    pub remote: bool,
    /// The kind of employment.
    pub employment_type: EmploymentType,
    /// The pay, if the employer states it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub salary: Option<Salary>,
    /// When the job starts (`YYYY-MM-DD`); "as soon as possible" when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start_date: Option<String>,
    /// When the ad is published (`YYYY-MM-DD`); today when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_posted: Option<String>,
    /// Until when the ad runs (`YYYY-MM-DD`); 60 days after `datePosted` when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub valid_through: Option<String>,
}

/// The employer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Organisation {
    /// The organisation's name.
    pub name: String,
    /// Its web site.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

/// Where the work is.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct JobLocation {
    /// Town or city.
    pub locality: String,
    /// Region or state.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    /// Postal code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub postal_code: Option<String>,
    /// Street and number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub street_address: Option<String>,
    /// ISO 3166-1 alpha-2 country code (`DE`).
    pub country: String,
}

/// schema.org employment types.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
#[allow(missing_docs)]
pub enum EmploymentType {
    FullTime,
    PartTime,
    Contractor,
    Temporary,
    Intern,
}

impl EmploymentType {
    /// Every type, in the order forms offer them.
    pub const ALL: [EmploymentType; 5] =
        [Self::FullTime, Self::PartTime, Self::Contractor, Self::Temporary, Self::Intern];

    /// The schema.org value (`FULL_TIME`).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::FullTime => "FULL_TIME",
            Self::PartTime => "PART_TIME",
            Self::Contractor => "CONTRACTOR",
            Self::Temporary => "TEMPORARY",
            Self::Intern => "INTERN",
        }
    }

    /// The type parsed from its schema.org value.
    pub fn parse(value: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|t| t.as_str() == value)
    }
}

/// The pay.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Salary {
    /// The lowest (or only) amount.
    pub min: f64,
    /// The highest amount, for a range.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max: Option<f64>,
    /// ISO 4217 currency code (`EUR`).
    pub currency: String,
    /// Per what the amount is paid.
    pub unit: SalaryUnit,
}

/// schema.org `unitText` of a salary.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "UPPERCASE")]
#[allow(missing_docs)]
pub enum SalaryUnit {
    Hour,
    Day,
    Week,
    Month,
    Year,
}

impl SalaryUnit {
    /// Every unit, in the order forms offer them.
    pub const ALL: [SalaryUnit; 5] = [Self::Hour, Self::Day, Self::Week, Self::Month, Self::Year];

    /// The schema.org value (`YEAR`).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Hour => "HOUR",
            Self::Day => "DAY",
            Self::Week => "WEEK",
            Self::Month => "MONTH",
            Self::Year => "YEAR",
        }
    }

    /// The unit parsed from its schema.org value.
    pub fn parse(value: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|t| t.as_str() == value)
    }
}

/// A built ad.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct BuildResponse {
    /// The ad's title.
    pub title: String,
    /// The tasks the ad lists (core first in the norm's order, then the chosen optional ones).
    pub tasks: Vec<String>,
    /// The ad as Markdown.
    pub markdown: String,
    /// The ad as an HTML fragment.
    pub html: String,
    /// The schema.org `JobPosting` (JSON-LD).
    #[schema(value_type = Object)]
    pub job_posting: Value,
    /// What the analyzer makes of the built ad.
    pub check: BuildCheck,
}

/// The analyzer's view of a built ad.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct BuildCheck {
    /// The role the analyzer finds.
    pub role: String,
    /// Whether the title names that role.
    pub title_fits: bool,
    /// Whether the ad piles several roles' work onto one.
    pub jack_of_all_trades: bool,
}

/// The parts of an ad every format is rendered from.
#[derive(Debug, Clone, Template)]
#[template(path = "ad.html")]
struct AdParts {
    title: String,
    intro: String,
    tasks_heading: &'static str,
    tasks: Vec<(String, String)>,
    offer_heading: &'static str,
    offer: Vec<String>,
    company_heading: &'static str,
    company: String,
}

/// Builds the ad `request` describes, or says which field is wrong.
pub fn build_ad(analyzer: &Analyzer, request: &BuildRequest) -> Result<BuildResponse, Problem> {
    let norm = analyzer.norm();
    validate_facts(request)?;
    let tasks = chosen_tasks(norm, request)?;
    let date_posted = match &request.date_posted {
        Some(date) => parse_date("datePosted", date)?,
        None => today(),
    };
    let valid_through = match &request.valid_through {
        Some(date) => parse_date("validThrough", date)?,
        None => date_posted + 60,
    };
    if valid_through < date_posted {
        return Err(Problem::invalid("validThrough", "field `validThrough`: must not be before `datePosted`"));
    }
    let start = request.start_date.as_deref().map(|d| parse_date("startDate", d)).transpose()?;
    let parts = parts(norm, request, &tasks, start);
    let markdown = markdown(&parts);
    let html = parts.render().map_err(|_| Problem::internal("rendering the ad"))?;
    let job_posting = job_posting(norm, request, &parts, &html, date_posted, valid_through, start);
    let check = check(analyzer, request, &parts.title, &markdown)?;
    Ok(BuildResponse { title: parts.title.clone(), tasks, markdown, html, job_posting, check })
}

fn validate_facts(request: &BuildRequest) -> Result<(), Problem> {
    let required =
        [("organisation.name", &request.organisation.name), ("location.locality", &request.location.locality)];
    for (field, value) in required {
        if value.trim().is_empty() {
            return Err(Problem::invalid(field, format!("field `{field}`: must not be empty")));
        }
    }
    let country = request.location.country.trim();
    if country.len() != 2 || !country.bytes().all(|b| b.is_ascii_alphabetic()) {
        return Err(Problem::invalid(
            "location.country",
            format!("field `location.country`: {country:?} is not an ISO 3166-1 alpha-2 code such as DE"),
        ));
    }
    if let Some(salary) = &request.salary {
        let currency = salary.currency.trim();
        if currency.len() != 3 || !currency.bytes().all(|b| b.is_ascii_alphabetic()) {
            return Err(Problem::invalid(
                "salary.currency",
                format!("field `salary.currency`: {currency:?} is not an ISO 4217 code such as EUR"),
            ));
        }
        if !salary.min.is_finite() || salary.min <= 0.0 {
            return Err(Problem::invalid("salary.min", "field `salary.min`: must be a positive amount"));
        }
        if salary.max.is_some_and(|max| !max.is_finite() || max < salary.min) {
            return Err(Problem::invalid("salary.max", "field `salary.max`: must be at least `salary.min`"));
        }
    }
    Ok(())
}

/// Core tasks of the role plus the chosen optional ones, in the norm's order.
fn chosen_tasks(norm: &Norm, request: &BuildRequest) -> Result<Vec<String>, Problem> {
    let Some(role) = norm.role_index(&request.role) else {
        return Err(Problem::invalid("role", format!("field `role`: {:?} is not a role of the norm", request.role)));
    };
    if norm.roles()[role].family == rolenorm_norm::Family::Other {
        return Err(Problem::invalid(
            "role",
            format!(
                "field `role`: {:?} stands for work outside the normed professions; choose a normed role",
                request.role
            ),
        ));
    }
    let mut chosen = vec![false; norm.tasks().len()];
    for (i, id) in request.tasks.iter().enumerate() {
        let field = format!("tasks[{i}]");
        let Some(t) = norm.task_index(id) else {
            return Err(Problem::invalid(&field, format!("field `{field}`: {id:?} is not a task of the norm")));
        };
        if norm.scope(role, t) == Scope::Excluded {
            return Err(excluded(norm, &request.role, &field, t));
        }
        chosen[t] = true;
    }
    let tasks: Vec<String> = norm
        .tasks()
        .iter()
        .enumerate()
        .filter(|(t, _)| norm.scope(role, *t) == Scope::Core || chosen[*t])
        .map(|(_, task)| task.id.clone())
        .collect();
    if tasks.is_empty() {
        return Err(Problem::invalid(
            "role",
            format!("field `role`: {:?} has no tasks of its own; choose a normed role", request.role),
        ));
    }
    Ok(tasks)
}

fn excluded(norm: &Norm, role: &str, field: &str, task: usize) -> Problem {
    let task = &norm.tasks()[task];
    let mut problem = Problem::new(
        StatusCode::UNPROCESSABLE_ENTITY,
        "excluded-task",
        "Task excluded for this role",
        format!(
            "field `{field}`: task {} ({}) is excluded for role {role}; it belongs to role {}",
            task.id, task.name.en, task.owner
        ),
    )
    .field(field);
    problem.task = Some(task.id.clone());
    problem.owner = Some(task.owner.clone());
    problem
}

fn parts(norm: &Norm, request: &BuildRequest, tasks: &[String], start: Option<i64>) -> AdParts {
    let lang = request.lang;
    let t = i18n::texts(lang);
    let role = norm.role(&request.role).map_or(request.role.as_str(), |r| r.name.get(lang.into()));
    let title = match lang {
        Lang::De => format!("{role} (m/w/d)"),
        Lang::En => role.to_owned(),
    };
    let org = request.organisation.name.trim();
    let place = request.location.locality.trim();
    let kind = t.employment(request.employment_type);
    let start_text = start.map_or_else(|| t.asap.to_owned(), |d| format_date(lang, d));
    let intro = match lang {
        Lang::De => format!("{org} sucht in {place} ab {start_text} eine:n {role} ({kind})."),
        Lang::En => format!("{org} is looking for a {role} in {place} ({kind}), starting {start_text}."),
    };
    let tasks = tasks
        .iter()
        .filter_map(|id| norm.task(id))
        .map(|task| (task.name.get(lang.into()).to_owned(), task.definition.get(lang.into()).to_owned()))
        .collect();
    let mut offer = vec![kind.to_owned()];
    if let Some(salary) = &request.salary {
        offer.push(salary_text(lang, salary));
    }
    if request.remote {
        offer.push(t.remote.to_owned());
    }
    offer.push(format!("{}: {start_text}", t.start));
    let company = match &request.organisation.url {
        Some(url) => format!("{org}, {place} — {url}"),
        None => format!("{org}, {place}"),
    };
    AdParts {
        title,
        intro,
        tasks_heading: t.ad_tasks,
        tasks,
        offer_heading: t.ad_offer,
        offer,
        company_heading: t.ad_company,
        company,
    }
}

fn salary_text(lang: Lang, salary: &Salary) -> String {
    let t = i18n::texts(lang);
    let amount = match salary.max {
        Some(max) if max > salary.min => format!("{}–{}", salary.min, max),
        _ => format!("{}", salary.min),
    };
    format!("{}: {amount} {} {}", t.salary, salary.currency.trim().to_ascii_uppercase(), t.per(salary.unit))
}

/// Markdown special characters in employer-given text are escaped.
fn md(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

fn markdown(parts: &AdParts) -> String {
    let mut out = format!("# {}\n\n{}\n\n## {}\n\n", md(&parts.title), md(&parts.intro), parts.tasks_heading);
    for (name, definition) in &parts.tasks {
        out.push_str(&format!("- **{}**: {}\n", md(name), md(definition)));
    }
    out.push_str(&format!("\n## {}\n\n", parts.offer_heading));
    for line in &parts.offer {
        out.push_str(&format!("- {}\n", md(line)));
    }
    out.push_str(&format!("\n## {}\n\n{}\n", parts.company_heading, md(&parts.company)));
    out
}

fn job_posting(
    norm: &Norm,
    request: &BuildRequest,
    parts: &AdParts,
    html: &str,
    date_posted: i64,
    valid_through: i64,
    start: Option<i64>,
) -> Value {
    let loc = &request.location;
    let mut address = json!({
        "@type": "PostalAddress",
        "addressLocality": loc.locality.trim(),
        "addressCountry": loc.country.trim().to_ascii_uppercase(),
    });
    for (key, value) in
        [("addressRegion", &loc.region), ("postalCode", &loc.postal_code), ("streetAddress", &loc.street_address)]
    {
        if let Some(value) = value.as_deref().map(str::trim).filter(|v| !v.is_empty()) {
            address[key] = json!(value);
        }
    }
    let mut organisation = json!({"@type": "Organization", "name": request.organisation.name.trim()});
    if let Some(url) = &request.organisation.url {
        organisation["sameAs"] = json!(url);
    }
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    (&request.organisation.name, &request.role, date_posted, &parts.title).hash(&mut hasher);
    let mut posting = json!({
        "@context": "https://schema.org/",
        "@type": "JobPosting",
        "title": parts.title,
        "description": html,
        "datePosted": iso_date(date_posted),
        "validThrough": format!("{}T23:59:59Z", iso_date(valid_through)),
        "employmentType": request.employment_type.as_str(),
        "hiringOrganization": organisation,
        "jobLocation": {"@type": "Place", "address": address},
        "identifier": {"@type": "PropertyValue", "name": request.organisation.name.trim(), "value": format!("rolenorm-{:016x}", hasher.finish())},
        "directApply": false,
        "inLanguage": if request.lang == Lang::De { "de" } else { "en" },
    });
    if let Some(isco) = norm.role(&request.role).and_then(|role| role.anchors.isco.first()) {
        posting["occupationalCategory"] = json!(format!("ISCO-08 {isco}"));
    }
    if let Some(salary) = &request.salary {
        let mut value = json!({"@type": "QuantitativeValue", "unitText": salary.unit.as_str()});
        match salary.max {
            Some(max) if max > salary.min => {
                value["minValue"] = json!(salary.min);
                value["maxValue"] = json!(max);
            }
            _ => value["value"] = json!(salary.min),
        }
        posting["baseSalary"] =
            json!({"@type": "MonetaryAmount", "currency": salary.currency.trim().to_ascii_uppercase(), "value": value});
    }
    if let Some(start) = start {
        posting["jobStartDate"] = json!(iso_date(start));
    }
    if request.remote {
        posting["jobLocationType"] = json!("TELECOMMUTE");
        posting["applicantLocationRequirements"] =
            json!({"@type": "Country", "name": loc.country.trim().to_ascii_uppercase()});
    }
    posting
}

fn check(analyzer: &Analyzer, request: &BuildRequest, title: &str, markdown: &str) -> Result<BuildCheck, Problem> {
    let ad = Ad {
        title: Some(title),
        content: markdown,
        format: Some(Format::Text),
        language: Some(request.lang.into()),
        ..Ad::default()
    };
    let analysis = analyzer.analyze(ad).map_err(|_| Problem::internal("analysing the built ad"))?;
    Ok(BuildCheck {
        role: analysis.role,
        title_fits: analysis.title_fits,
        jack_of_all_trades: analysis.jack_of_all_trades,
    })
}

/// Days since 1970-01-01 of a `YYYY-MM-DD` date, or a 422 naming `field`.
pub fn parse_date(field: &str, value: &str) -> Result<i64, Problem> {
    let bad = || Problem::invalid(field, format!("field `{field}`: {value:?} is not a date in the form YYYY-MM-DD"));
    let parts: Vec<&str> = value.trim().split('-').collect();
    let [y, m, d] = parts.as_slice() else { return Err(bad()) };
    if y.len() != 4 || m.len() != 2 || d.len() != 2 {
        return Err(bad());
    }
    let (Ok(y), Ok(m), Ok(d)) = (y.parse::<i64>(), m.parse::<u32>(), d.parse::<u32>()) else { return Err(bad()) };
    let days = days_from_civil(y, m, d);
    if civil_from_days(days) != (y, m, d) {
        return Err(bad());
    }
    Ok(days)
}

fn today() -> i64 {
    let secs = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs());
    i64::try_from(secs / 86_400).unwrap_or(0)
}

/// `YYYY-MM-DD` of a day number.
pub fn iso_date(days: i64) -> String {
    let (y, m, d) = civil_from_days(days);
    format!("{y:04}-{m:02}-{d:02}")
}

fn format_date(lang: Lang, days: i64) -> String {
    let (y, m, d) = civil_from_days(days);
    match lang {
        Lang::De => format!("{d}.{m}.{y}"),
        Lang::En => iso_date(days),
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(m);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The date of a day number since 1970-01-01.
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = u32::try_from(doy - (153 * mp + 2) / 5 + 1).unwrap_or(1);
    let m = u32::try_from(if mp < 10 { mp + 3 } else { mp - 9 }).unwrap_or(1);
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_round_trip_and_bad_dates_are_refused() {
        assert_eq!(iso_date(0), "1970-01-01");
        assert_eq!(parse_date("d", "2024-02-29").map(iso_date).unwrap(), "2024-02-29");
        assert_eq!(iso_date(parse_date("d", "2026-12-01").unwrap() + 60), "2027-01-30");
        for bad in ["2023-02-29", "2026-13-01", "26-1-1", "today", "2026-01-01T00:00"] {
            let problem = parse_date("startDate", bad).unwrap_err();
            assert!(problem.detail.contains("startDate"), "{bad}: {}", problem.detail);
        }
    }

    #[test]
    fn markdown_escapes_employer_text() {
        assert_eq!(md("*Acme* <b>"), "\\*Acme\\* \\<b\\>");
    }
}
