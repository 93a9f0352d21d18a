//! The web app's and the ad builder's own texts in German and English (the norm brings its
//! own), and the choice of language: `?lang=`, then the `rn_lang` cookie, then `Accept-Language`.

use axum::http::{HeaderMap, header};

use crate::compose::{EmploymentType, SalaryUnit};
use crate::wire::Lang;

/// Every text of the interface in one language.
#[derive(Debug)]
#[allow(missing_docs)]
pub struct Texts {
    pub code: &'static str,
    pub skip: &'static str,
    pub nav_label: &'static str,
    pub nav_analyze: &'static str,
    pub nav_norm: &'static str,
    pub nav_build: &'static str,
    pub nav_api: &'static str,
    pub switch_label: &'static str,
    pub analyze_title: &'static str,
    pub analyze_intro: &'static str,
    pub field_title: &'static str,
    pub field_title_hint: &'static str,
    pub field_company: &'static str,
    pub field_company_hint: &'static str,
    pub field_text: &'static str,
    pub field_file: &'static str,
    pub field_file_hint: &'static str,
    pub field_adlang: &'static str,
    pub lang_auto: &'static str,
    pub lang_de: &'static str,
    pub lang_en: &'static str,
    pub field_save: &'static str,
    pub analyze_button: &'static str,
    pub result: &'static str,
    pub role_is: &'static str,
    pub confidence: &'static str,
    pub title_fits: &'static str,
    pub title_names: &'static str,
    pub title_no_role: &'static str,
    pub fit: &'static str,
    pub fit_caption: &'static str,
    pub jack_yes: &'static str,
    pub jack_no: &'static str,
    pub piled_on: &'static str,
    pub verdict: &'static str,
    pub platform_focus: &'static str,
    pub no_focus: &'static str,
    pub mentions: &'static str,
    pub level: &'static str,
    pub findings: &'static str,
    pub no_findings: &'static str,
    pub evidence: &'static str,
    pub legend: &'static str,
    pub title_label: &'static str,
    pub tasks_found: &'static str,
    pub scope_core: &'static str,
    pub scope_optional: &'static str,
    pub scope_excluded: &'static str,
    pub download_json: &'static str,
    pub permalink: &'static str,
    pub saved_at: &'static str,
    pub norm_title: &'static str,
    pub norm_intro: &'static str,
    pub matrix_caption: &'static str,
    pub task: &'static str,
    pub role: &'static str,
    pub definition: &'static str,
    pub tasks_in: &'static str,
    pub tasks_out: &'static str,
    pub owner: &'static str,
    pub anchors: &'static str,
    pub titles: &'static str,
    pub domain: &'static str,
    pub vocabulary: &'static str,
    pub held_by: &'static str,
    pub build_title: &'static str,
    pub build_intro: &'static str,
    pub choose_role: &'static str,
    pub choose: &'static str,
    pub build_tasks: &'static str,
    pub core_always: &'static str,
    pub excluded_owner: &'static str,
    pub employer: &'static str,
    pub org_name: &'static str,
    pub org_url: &'static str,
    pub locality: &'static str,
    pub region: &'static str,
    pub postal_code: &'static str,
    pub street: &'static str,
    pub country: &'static str,
    pub remote_label: &'static str,
    pub employment: &'static str,
    pub salary_min: &'static str,
    pub salary_max: &'static str,
    pub currency: &'static str,
    pub unit: &'static str,
    pub start_date: &'static str,
    pub ad_lang: &'static str,
    pub preview: &'static str,
    pub preview_title: &'static str,
    pub markdown: &'static str,
    pub html_code: &'static str,
    pub json_ld: &'static str,
    pub download_jsonld: &'static str,
    pub copy: &'static str,
    pub check_ok: &'static str,
    pub check_bad: &'static str,
    pub error: &'static str,
    pub not_found: &'static str,
    pub not_found_text: &'static str,
    pub csrf_failed: &'static str,
    pub ad_tasks: &'static str,
    pub ad_offer: &'static str,
    pub ad_company: &'static str,
    pub asap: &'static str,
    pub remote: &'static str,
    pub start: &'static str,
    pub salary: &'static str,
    pub employment_types: [&'static str; 5],
    pub salary_units: [&'static str; 5],
}

impl Texts {
    /// The name of an employment type.
    pub fn employment(&self, kind: EmploymentType) -> &'static str {
        let i = EmploymentType::ALL.iter().position(|k| *k == kind).unwrap_or(0);
        self.employment_types[i]
    }

    /// "per year" and the like.
    pub fn per(&self, unit: SalaryUnit) -> &'static str {
        let i = SalaryUnit::ALL.iter().position(|u| *u == unit).unwrap_or(0);
        self.salary_units[i]
    }

    /// The name of a scope (`core`, `optional`, `excluded`).
    pub fn scope(&self, scope: &str) -> &'static str {
        match scope {
            "core" => self.scope_core,
            "optional" => self.scope_optional,
            _ => self.scope_excluded,
        }
    }
}

/// The texts in `lang`.
pub fn texts(lang: Lang) -> &'static Texts {
    match lang {
        Lang::De => &DE,
        Lang::En => &EN,
    }
}

/// The interface language of a request: `?lang=`, then the `rn_lang` cookie, then
/// `Accept-Language`, then English. The second value says whether `?lang=` chose it.
pub fn choose(query: Option<&str>, headers: &HeaderMap) -> (Lang, bool) {
    if let Some(lang) = query.and_then(parse) {
        return (lang, true);
    }
    if let Some(lang) = crate::web::cookie(headers, "rn_lang").as_deref().and_then(parse) {
        return (lang, false);
    }
    let accept = headers.get(header::ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok()).unwrap_or("");
    (from_accept_language(accept), false)
}

fn parse(code: &str) -> Option<Lang> {
    match code {
        "de" => Some(Lang::De),
        "en" => Some(Lang::En),
        _ => None,
    }
}

/// The preferred of German and English in an `Accept-Language` header (English if neither).
pub fn from_accept_language(header: &str) -> Lang {
    let mut best: Option<(f32, Lang)> = None;
    for item in header.split(',') {
        let mut parts = item.split(';');
        let tag = parts.next().unwrap_or("").trim().to_ascii_lowercase();
        let q =
            parts.find_map(|p| p.trim().strip_prefix("q=")).and_then(|q| q.trim().parse::<f32>().ok()).unwrap_or(1.0);
        let lang = match tag.split('-').next() {
            Some("de") => Lang::De,
            Some("en") => Lang::En,
            _ => continue,
        };
        if best.is_none_or(|(bq, _)| q > bq) {
            best = Some((q, lang));
        }
    }
    best.map_or(Lang::En, |(_, lang)| lang)
}

static EN: Texts = Texts {
    code: "en",
    skip: "Skip to content",
    nav_label: "Main",
    nav_analyze: "Analyse an ad",
    nav_norm: "The norm",
    nav_build: "Build an ad",
    nav_api: "API",
    switch_label: "Language",
    analyze_title: "Analyse a job ad",
    analyze_intro: "Paste a social-media job ad or upload it as a file. rolenorm shows which normed role the ad really describes, which tasks it demands and where, and what to change.",
    field_title: "Job title",
    field_title_hint: "Optional; otherwise taken from the ad.",
    field_company: "Employer",
    field_company_hint: "Optional. A platform in the employer's name (YouTube, Meta) is then not read as a channel the job works on.",
    field_text: "The ad (text or HTML)",
    field_file: "Or upload a file",
    field_file_hint: "Plain text, HTML or a schema.org JobPosting as JSON.",
    field_adlang: "Language of the ad",
    lang_auto: "Detect",
    lang_de: "German",
    lang_en: "English",
    field_save: "Save the analysis and give me a permalink",
    analyze_button: "Analyse",
    result: "Result",
    role_is: "The ad describes the role",
    confidence: "confidence",
    title_fits: "The title fits the content.",
    title_names: "The title names the role",
    title_no_role: "The title names no normed role.",
    fit: "Role fit",
    fit_caption: "Score of each role that fits, relative to the best.",
    jack_yes: "Wollmilchsau: this ad piles the work of several roles onto one person.",
    jack_no: "No Wollmilchsau: the ad stays within one role's work.",
    piled_on: "Roles whose work the ad demands",
    verdict: "Verdict",
    platform_focus: "Platform focus",
    no_focus: "No single platform dominates.",
    mentions: "mentions",
    level: "Level",
    findings: "What to change",
    no_findings: "Nothing to change.",
    evidence: "Evidence in the ad",
    legend: "Legend: task domains",
    title_label: "Title",
    tasks_found: "Tasks the ad demands",
    scope_core: "core",
    scope_optional: "optional",
    scope_excluded: "excluded",
    download_json: "Download the analysis as JSON",
    permalink: "Permalink",
    saved_at: "Saved",
    norm_title: "The norm",
    norm_intro: "Which tasks belong to which role: core tasks define a role, optional ones it may do, excluded ones belong to another role.",
    matrix_caption: "Roles × tasks (● core, ○ optional, · excluded)",
    task: "Task",
    role: "Role",
    definition: "Definition",
    tasks_in: "Tasks in scope",
    tasks_out: "Tasks out of scope",
    owner: "owned by",
    anchors: "Anchors in classifications",
    titles: "Job titles",
    domain: "Domain",
    vocabulary: "Vocabulary",
    held_by: "Roles",
    build_title: "Build a normed job ad",
    build_intro: "Choose a role: its core tasks are always in the ad, optional tasks you choose, excluded tasks belong to another role.",
    choose_role: "Role",
    choose: "Choose",
    build_tasks: "Tasks",
    core_always: "core, always included",
    excluded_owner: "excluded, belongs to",
    employer: "Employer and job",
    org_name: "Organisation",
    org_url: "Web site",
    locality: "Town or city",
    region: "Region",
    postal_code: "Postal code",
    street: "Street",
    country: "Country (ISO code)",
    remote_label: "Fully remote possible",
    employment: "Employment",
    salary_min: "Salary from",
    salary_max: "Salary to",
    currency: "Currency",
    unit: "per",
    start_date: "Start date",
    ad_lang: "Language of the ad",
    preview: "Preview",
    preview_title: "Your ad",
    markdown: "Markdown",
    html_code: "HTML",
    json_ld: "schema.org JobPosting (JSON-LD)",
    download_jsonld: "Download the JSON-LD",
    copy: "Copy",
    check_ok: "Check: the analyzer reads this ad as the chosen role, with no Wollmilchsau.",
    check_bad: "Check: the analyzer reads this ad differently",
    error: "Error",
    not_found: "Not found",
    not_found_text: "There is nothing at this address.",
    csrf_failed: "The form has expired or came from another site. Reload the page and send it again.",
    ad_tasks: "Your tasks",
    ad_offer: "What we offer",
    ad_company: "About us",
    asap: "as soon as possible",
    remote: "Fully remote work possible",
    start: "Start",
    salary: "Salary",
    employment_types: ["Full-time", "Part-time", "Freelance contract", "Temporary", "Internship"],
    salary_units: ["per hour", "per day", "per week", "per month", "per year"],
};

static DE: Texts = Texts {
    code: "de",
    skip: "Zum Inhalt springen",
    nav_label: "Hauptmenü",
    nav_analyze: "Anzeige prüfen",
    nav_norm: "Die Norm",
    nav_build: "Anzeige erstellen",
    nav_api: "API",
    switch_label: "Sprache",
    analyze_title: "Stellenanzeige prüfen",
    analyze_intro: "Füge eine Social-Media-Stellenanzeige ein oder lade sie als Datei hoch. rolenorm zeigt, welche normierte Rolle die Anzeige wirklich beschreibt, welche Aufgaben sie wo verlangt und was zu ändern ist.",
    field_title: "Stellentitel",
    field_title_hint: "Optional; sonst aus der Anzeige.",
    field_company: "Arbeitgeber",
    field_company_hint: "Optional. Eine Plattform im Namen des Arbeitgebers (YouTube, Meta) gilt dann nicht als Kanal, auf dem die Stelle arbeitet.",
    field_text: "Die Anzeige (Text oder HTML)",
    field_file: "Oder eine Datei hochladen",
    field_file_hint: "Text, HTML oder ein schema.org-JobPosting als JSON.",
    field_adlang: "Sprache der Anzeige",
    lang_auto: "Erkennen",
    lang_de: "Deutsch",
    lang_en: "Englisch",
    field_save: "Analyse speichern und Permalink erzeugen",
    analyze_button: "Prüfen",
    result: "Ergebnis",
    role_is: "Die Anzeige beschreibt die Rolle",
    confidence: "Sicherheit",
    title_fits: "Der Titel passt zum Inhalt.",
    title_names: "Der Titel nennt die Rolle",
    title_no_role: "Der Titel nennt keine normierte Rolle.",
    fit: "Passung der Rollen",
    fit_caption: "Punktzahl jeder passenden Rolle, relativ zur besten.",
    jack_yes: "Eierlegende Wollmilchsau: Die Anzeige häuft die Arbeit mehrerer Rollen auf eine Person.",
    jack_no: "Keine Wollmilchsau: Die Anzeige bleibt bei der Arbeit einer Rolle.",
    piled_on: "Rollen, deren Arbeit die Anzeige verlangt",
    verdict: "Urteil",
    platform_focus: "Plattform-Schwerpunkt",
    no_focus: "Keine einzelne Plattform überwiegt.",
    mentions: "Nennungen",
    level: "Karrierestufe",
    findings: "Was zu ändern ist",
    no_findings: "Nichts zu ändern.",
    evidence: "Belege in der Anzeige",
    legend: "Legende: Aufgabenbereiche",
    title_label: "Titel",
    tasks_found: "Verlangte Aufgaben",
    scope_core: "Kern",
    scope_optional: "optional",
    scope_excluded: "ausgeschlossen",
    download_json: "Analyse als JSON herunterladen",
    permalink: "Permalink",
    saved_at: "Gespeichert",
    norm_title: "Die Norm",
    norm_intro: "Welche Aufgaben zu welcher Rolle gehören: Kernaufgaben bestimmen eine Rolle, optionale darf sie übernehmen, ausgeschlossene gehören einer anderen Rolle.",
    matrix_caption: "Rollen × Aufgaben (● Kern, ○ optional, · ausgeschlossen)",
    task: "Aufgabe",
    role: "Rolle",
    definition: "Definition",
    tasks_in: "Aufgaben der Rolle",
    tasks_out: "Ausgeschlossene Aufgaben",
    owner: "zuständig",
    anchors: "Verankerung in Klassifikationen",
    titles: "Stellentitel",
    domain: "Bereich",
    vocabulary: "Vokabular",
    held_by: "Rollen",
    build_title: "Normierte Stellenanzeige erstellen",
    build_intro: "Wähle eine Rolle: Ihre Kernaufgaben stehen immer in der Anzeige, optionale wählst du aus, ausgeschlossene gehören einer anderen Rolle.",
    choose_role: "Rolle",
    choose: "Auswählen",
    build_tasks: "Aufgaben",
    core_always: "Kern, immer enthalten",
    excluded_owner: "ausgeschlossen, gehört zu",
    employer: "Arbeitgeber und Stelle",
    org_name: "Organisation",
    org_url: "Website",
    locality: "Ort",
    region: "Bundesland/Region",
    postal_code: "Postleitzahl",
    street: "Straße",
    country: "Land (ISO-Code)",
    remote_label: "Vollständig remote möglich",
    employment: "Anstellung",
    salary_min: "Gehalt von",
    salary_max: "Gehalt bis",
    currency: "Währung",
    unit: "pro",
    start_date: "Beginn",
    ad_lang: "Sprache der Anzeige",
    preview: "Vorschau",
    preview_title: "Deine Anzeige",
    markdown: "Markdown",
    html_code: "HTML",
    json_ld: "schema.org-JobPosting (JSON-LD)",
    download_jsonld: "JSON-LD herunterladen",
    copy: "Kopieren",
    check_ok: "Prüfung: Der Analyzer liest diese Anzeige als die gewählte Rolle, ohne Wollmilchsau.",
    check_bad: "Prüfung: Der Analyzer liest diese Anzeige anders",
    error: "Fehler",
    not_found: "Nicht gefunden",
    not_found_text: "Unter dieser Adresse gibt es nichts.",
    csrf_failed: "Das Formular ist abgelaufen oder kam von einer anderen Seite. Lade die Seite neu und sende es noch einmal.",
    ad_tasks: "Deine Aufgaben",
    ad_offer: "Wir bieten",
    ad_company: "Über uns",
    asap: "sofort",
    remote: "Vollständig remote möglich",
    start: "Beginn",
    salary: "Gehalt",
    employment_types: ["Vollzeit", "Teilzeit", "Freie Mitarbeit", "Befristet", "Praktikum"],
    salary_units: ["pro Stunde", "pro Tag", "pro Woche", "pro Monat", "pro Jahr"],
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accept_language_prefers_the_higher_weight() {
        assert_eq!(from_accept_language("de-DE,de;q=0.9,en;q=0.8"), Lang::De);
        assert_eq!(from_accept_language("fr-FR, en-GB;q=0.7, de;q=0.5"), Lang::En);
        assert_eq!(from_accept_language("fr"), Lang::En);
        assert_eq!(from_accept_language(""), Lang::En);
    }
}
