//! View models: an analysis made ready for the page (highlighted segments, bars, names).

use rolenorm_analyze::{Analysis, Format};
use rolenorm_norm::Norm;

use crate::i18n::Texts;
use crate::wire::{AdInput, Lang};

/// A piece of the ad's text, highlighted when it is evidence for a task.
#[derive(Debug, Clone)]
pub struct Segment {
    /// The text.
    pub text: String,
    /// The task it is evidence for.
    pub mark: Option<Mark>,
}

/// How a piece of evidence is shown.
#[derive(Debug, Clone)]
pub struct Mark {
    /// The task's domain (CSS class `d-…`).
    pub domain: String,
    /// The task's id.
    pub task: String,
    /// "CON-01 Content creation (core)".
    pub label: String,
    /// `core`, `optional` or `excluded`.
    pub scope: String,
}

/// One bar of the role fit chart.
#[derive(Debug, Clone)]
pub struct Bar {
    /// Role id.
    pub id: String,
    /// Role name.
    pub name: String,
    /// Share of the best score, 0–100.
    pub percent: u32,
    /// The raw score.
    pub score: String,
}

/// A demanded task.
#[derive(Debug, Clone)]
pub struct TaskRow {
    /// Task id.
    pub id: String,
    /// Task name.
    pub name: String,
    /// Its domain.
    pub domain: String,
    /// `core`, `optional` or `excluded`.
    pub scope: String,
    /// The scope in words.
    pub scope_label: &'static str,
    /// How many pieces of evidence.
    pub count: usize,
}

/// An id with its name.
#[derive(Debug, Clone)]
pub struct Named {
    /// Id.
    pub id: String,
    /// Name in the page's language.
    pub name: String,
}

/// An analysis as the result part of a page shows it.
#[derive(Debug, Clone)]
pub struct ResultView {
    /// The role the content describes.
    pub role: Named,
    /// Confidence in percent.
    pub confidence: u32,
    /// The title the analysis used.
    pub title: Option<String>,
    /// The role the title names.
    pub title_role: Named,
    /// Whether the title names no role.
    pub title_other: bool,
    /// Whether the title fits the content.
    pub title_fits: bool,
    /// The Wollmilchsau verdict.
    pub jack: bool,
    /// Roles whose work the ad demands.
    pub breadth: Vec<Named>,
    /// Role fit bars, best first.
    pub bars: Vec<Bar>,
    /// The platform the work concentrates on.
    pub focus: Option<String>,
    /// Mentions per platform.
    pub platforms: Vec<(String, u32)>,
    /// The career level's name.
    pub level: String,
    /// What to change.
    pub findings: Vec<(String, String)>,
    /// The demanded tasks.
    pub tasks: Vec<TaskRow>,
    /// The title, highlighted.
    pub title_segments: Vec<Segment>,
    /// The ad's text, highlighted.
    pub body_segments: Vec<Segment>,
    /// Domains and their names.
    pub legend: Vec<Named>,
    /// Where to download the analysis as JSON.
    pub json_href: String,
    /// The permalink path, when saved.
    pub permalink: Option<String>,
}

/// The name of a domain of tasks in the page's language (the id if unknown).
pub fn domain_name(t: &Texts, domain: &str) -> String {
    let de = t.code == "de";
    let name = match domain {
        "strategy" => {
            if de {
                "Strategie"
            } else {
                "Strategy"
            }
        }
        "content" => {
            if de {
                "Inhalte"
            } else {
                "Content"
            }
        }
        "community" => "Community",
        "analytics" => {
            if de {
                "Analyse"
            } else {
                "Analytics"
            }
        }
        "ads" => {
            if de {
                "Anzeigen"
            } else {
                "Ads"
            }
        }
        "pr" => "PR",
        "legal" => {
            if de {
                "Recht"
            } else {
                "Legal"
            }
        }
        "adjacent" => {
            if de {
                "Angrenzende Arbeit"
            } else {
                "Adjacent work"
            }
        }
        other => other,
    };
    name.to_owned()
}

/// The text evidence offsets point into: the input for text, the extracted text otherwise.
pub fn display_text(ad: &AdInput) -> String {
    let Ok((content, format)) = ad.content() else { return String::new() };
    let extracted = match format {
        Format::Text => return content.into_owned(),
        Format::Html => rolenorm_text::extract_html(&content).map(|d| d.text.into_owned()),
        Format::JsonLd => rolenorm_text::extract(&content).map(|d| d.text.into_owned()),
    };
    extracted.unwrap_or_default()
}

fn role_name(norm: &Norm, lang: Lang, id: &str) -> Named {
    let name = norm.role(id).map_or_else(|| id.to_owned(), |r| r.name.get(lang.into()).to_owned());
    Named { id: id.to_owned(), name }
}

/// Builds the result view of `analysis` of `ad`.
pub fn result(
    norm: &Norm,
    t: &Texts,
    lang: Lang,
    ad: &AdInput,
    analysis: &Analysis,
    permalink: Option<String>,
) -> ResultView {
    let best = analysis.roles.iter().map(|r| r.score).fold(f64::MIN, f64::max).max(f64::EPSILON);
    let bars = analysis
        .roles
        .iter()
        .map(|r| Bar {
            id: r.role.clone(),
            name: role_name(norm, lang, &r.role).name,
            percent: percent(r.score.max(0.0) / best),
            score: format!("{:.2}", r.score),
        })
        .collect();
    let level = norm
        .levels()
        .iter()
        .find(|l| l.id == analysis.level)
        .map_or(analysis.level.clone(), |l| l.name.get(lang.into()).to_owned());
    let focus = analysis.platform_focus.as_ref().map(|id| platform_name(norm, id));
    let json_href = match &permalink {
        Some(path) => format!("{path}/json"),
        None => data_url(&serde_json::to_string_pretty(analysis).unwrap_or_default()),
    };
    let (title_marks, body_marks) = marks(norm, t, lang, analysis);
    let title_text = analysis.title.clone().unwrap_or_default();
    ResultView {
        role: role_name(norm, lang, &analysis.role),
        confidence: percent(analysis.confidence),
        title: analysis.title.clone(),
        title_role: role_name(norm, lang, &analysis.title_role),
        title_other: norm.role(&analysis.title_role).is_none_or(|r| r.core.is_empty()),
        title_fits: analysis.title_fits,
        jack: analysis.jack_of_all_trades,
        breadth: analysis.breadth.iter().map(|id| role_name(norm, lang, id)).collect(),
        bars,
        focus,
        platforms: analysis.platforms.iter().map(|(id, n)| (platform_name(norm, id), *n)).collect(),
        level,
        findings: analysis.findings.iter().map(|f| (f.code.as_str().to_owned(), f.message.clone())).collect(),
        tasks: task_rows(norm, t, lang, analysis),
        title_segments: segments(&title_text, title_marks),
        body_segments: segments(&display_text(ad), body_marks),
        legend: legend(norm, t),
        json_href,
        permalink,
    }
}

fn percent(share: f64) -> u32 {
    // Clamped to 0..=100 first, so the cast cannot truncate.
    (share.clamp(0.0, 1.0) * 100.0).round() as u32
}

fn platform_name(norm: &Norm, id: &str) -> String {
    norm.platforms().iter().find(|p| p.id == id).map_or_else(|| id.to_owned(), |p| p.name.clone())
}

fn task_rows(norm: &Norm, t: &Texts, lang: Lang, analysis: &Analysis) -> Vec<TaskRow> {
    analysis
        .tasks
        .iter()
        .map(|f| {
            let task = norm.task(&f.id);
            TaskRow {
                id: f.id.clone(),
                name: task.map_or_else(|| f.id.clone(), |t| t.name.get(lang.into()).to_owned()),
                domain: task.map_or_else(String::new, |t| t.domain.clone()),
                scope: f.scope.as_str().to_owned(),
                scope_label: t.scope(f.scope.as_str()),
                count: f.evidence.len(),
            }
        })
        .collect()
}

type Spans = Vec<(usize, usize, Mark)>;

/// Evidence spans in the title and in the body.
fn marks(norm: &Norm, t: &Texts, lang: Lang, analysis: &Analysis) -> (Spans, Spans) {
    let (mut title, mut body) = (Vec::new(), Vec::new());
    for finding in &analysis.tasks {
        let task = norm.task(&finding.id);
        let name = task.map_or("", |t| t.name.get(lang.into()));
        let mark = Mark {
            domain: task.map_or_else(String::new, |t| t.domain.clone()),
            task: finding.id.clone(),
            label: format!("{} {name} ({})", finding.id, t.scope(finding.scope.as_str())),
            scope: finding.scope.as_str().to_owned(),
        };
        for evidence in &finding.evidence {
            let target = if evidence.section == rolenorm_analyze::Section::Title { &mut title } else { &mut body };
            target.push((evidence.start, evidence.end, mark.clone()));
        }
    }
    (title, body)
}

/// `text` cut into plain and highlighted pieces; overlapping evidence keeps the earlier,
/// longer span; spans off char boundaries are skipped.
pub fn segments(text: &str, mut spans: Spans) -> Vec<Segment> {
    spans.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
    let mut out = Vec::new();
    let mut at = 0;
    for (start, end, mark) in spans {
        if start < at || end <= start || text.get(start..end).is_none() || text.get(at..start).is_none() {
            continue;
        }
        if start > at {
            out.push(Segment { text: text[at..start].to_owned(), mark: None });
        }
        out.push(Segment { text: text[start..end].to_owned(), mark: Some(mark) });
        at = end;
    }
    if at < text.len() {
        out.push(Segment { text: text[at..].to_owned(), mark: None });
    }
    out
}

fn legend(norm: &Norm, t: &Texts) -> Vec<Named> {
    let mut domains: Vec<&str> = Vec::new();
    for task in norm.tasks() {
        if !domains.contains(&task.domain.as_str()) {
            domains.push(&task.domain);
        }
    }
    domains.into_iter().map(|d| Named { id: d.to_owned(), name: domain_name(t, d) }).collect()
}

/// A `data:` URL holding `json` (for downloading an analysis that was not saved).
fn data_url(json: &str) -> String {
    let mut out = String::from("data:application/json;charset=utf-8,");
    for byte in json.bytes() {
        if byte.is_ascii_alphanumeric() || b"-_.~".contains(&byte) {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mark(task: &str) -> Mark {
        Mark { domain: "content".into(), task: task.into(), label: task.into(), scope: "core".into() }
    }

    #[test]
    fn segments_cover_the_text_and_skip_overlaps() {
        let text = "Wir planen Inhalte und Posts.";
        let spans = vec![(11, 18, mark("A")), (4, 10, mark("B")), (12, 20, mark("C"))];
        let parts = segments(text, spans);
        let joined: String = parts.iter().map(|s| s.text.as_str()).collect();
        assert_eq!(joined, text);
        let marked: Vec<&str> = parts.iter().filter(|s| s.mark.is_some()).map(|s| s.text.as_str()).collect();
        assert_eq!(marked, ["planen", "Inhalte"]);
    }

    #[test]
    fn spans_off_char_boundaries_are_skipped() {
        let parts = segments("Größe", vec![(2, 3, mark("A"))]);
        assert!(parts.iter().all(|s| s.mark.is_none()));
        assert_eq!(parts.iter().map(|s| s.text.as_str()).collect::<String>(), "Größe");
    }
}
