//! The readable terminal report of one analysis: names instead of ids, quotes instead of
//! offsets, comparable role shares and why the role was chosen.

use std::fmt::Write;

use rolenorm_analyze::{Analysis, Scope, Section};
use rolenorm_norm::Norm;
use rolenorm_text::Language;

use crate::color::{Style, paint};

/// Picks the English or the German text.
#[derive(Clone, Copy)]
pub(crate) struct Words(pub(crate) Language);

impl Words {
    /// `en` or `de`, by the reader's language.
    pub(crate) fn t(self, en: &'static str, de: &'static str) -> &'static str {
        if self.0 == Language::De { de } else { en }
    }

    /// `count` with the singular or plural word.
    pub(crate) fn count(self, count: usize, one: (&str, &str), many: (&str, &str)) -> String {
        let (en, de) = if count == 1 { one } else { many };
        format!("{count} {}", if self.0 == Language::De { de } else { en })
    }
}

/// A role's name in `language`, or its id when the norm does not know it.
pub(crate) fn role_name(norm: &Norm, id: &str, language: Language) -> String {
    norm.role(id).map_or_else(|| id.to_owned(), |r| r.name.get(language).to_owned())
}

/// A task's name in `language`, or its id when the norm does not know it.
pub(crate) fn task_name(norm: &Norm, id: &str, language: Language) -> String {
    norm.task(id).map_or_else(|| id.to_owned(), |t| t.name.get(language).to_owned())
}

/// Each listed role's softmax share of the listed roles, in percent (scores are log-odds).
pub(crate) fn shares(analysis: &Analysis) -> Vec<(String, f64)> {
    let top = analysis.roles.iter().map(|r| r.score).fold(f64::NEG_INFINITY, f64::max);
    let sum: f64 = analysis.roles.iter().map(|r| (r.score - top).exp()).sum();
    analysis.roles.iter().map(|r| (r.role.clone(), 100.0 * (r.score - top).exp() / sum)).collect()
}

/// Renders `analysis` for a person reading `language`.
pub(crate) fn report_in(norm: &Norm, analysis: &Analysis, language: Language) -> String {
    let w = Words(language);
    let mut out = String::new();
    let title = analysis.title.as_deref().unwrap_or(w.t("(no title)", "(kein Titel)"));
    let _ = writeln!(out, "{}\n{}", paint(title, Style::Bold), "=".repeat(title.chars().count().clamp(10, 78)));
    verdict(&mut out, norm, analysis, w);
    why(&mut out, norm, analysis, w);
    tasks(&mut out, norm, analysis, w);
    if !analysis.findings.is_empty() {
        // `rolenorm analyze --lang` has the analyzer write the findings in the reader's language.
        let _ = writeln!(out, "\n{}", paint(w.t("Findings:", "Hinweise:"), Style::Bold));
        for finding in &analysis.findings {
            let _ = writeln!(out, "  {} {}", paint("•", Style::Warn), finding.message);
        }
    }
    let _ = writeln!(out, "\nNorm: {} {}", analysis.norm.id, analysis.norm.version);
    out
}

/// Role, alternatives, title, level, breadth and platforms.
fn verdict(out: &mut String, norm: &Norm, analysis: &Analysis, w: Words) {
    let lang = w.0;
    let shares = shares(analysis);
    let share_of = |id: &str| shares.iter().find(|(r, _)| r == id).map_or(0.0, |(_, s)| *s);
    let _ = writeln!(
        out,
        "{}{}  ({:.0} %)",
        label(w.t("Role:", "Rolle:")),
        role_name(norm, &analysis.role, lang),
        share_of(&analysis.role)
    );
    let others: Vec<String> = shares
        .iter()
        .filter(|(r, _)| *r != analysis.role)
        .take(3)
        .map(|(r, s)| format!("{} ({s:.0} %)", role_name(norm, r, lang)))
        .collect();
    if !others.is_empty() {
        let _ = writeln!(out, "{}{}", label(w.t("Alternatives:", "Alternativen:")), others.join(", "));
    }
    let fit = if analysis.title_fits {
        paint(w.t("fits", "passt"), Style::Good)
    } else {
        paint(w.t("does NOT fit", "passt NICHT"), Style::Warn)
    };
    let named = role_name(norm, &analysis.title_role, lang);
    let _ = writeln!(out, "{}{named} — {fit}", label(w.t("Title names:", "Titel nennt:")));
    let level = norm.levels().iter().find(|l| l.id == analysis.level).map_or(&*analysis.level, |l| l.name.get(lang));
    let _ = writeln!(out, "{}{level}", label(w.t("Level:", "Stufe:")));
    let other = norm.roles().iter().find(|r| r.family == rolenorm_norm::Family::Other).map(|r| r.id.as_str());
    let breadth: Vec<String> =
        analysis.breadth.iter().filter(|r| Some(r.as_str()) != other).map(|r| role_name(norm, r, lang)).collect();
    let jack =
        if analysis.jack_of_all_trades { paint(w.t("YES", "JA"), Style::Warn) } else { w.t("no", "nein").to_owned() };
    let _ = writeln!(
        out,
        "{}{}  ({} {jack})",
        label(w.t("Breadth:", "Breite:")),
        breadth.join(", "),
        w.t("jack of all trades:", "Wollmilchsau:")
    );
    let platforms: Vec<String> = analysis
        .platforms
        .iter()
        .map(|(p, n)| format!("{} {n}×", norm.platforms().iter().find(|x| x.id == *p).map_or(p.as_str(), |x| &x.name)))
        .collect();
    let focus = analysis
        .platform_focus
        .as_deref()
        .map_or("—", |p| norm.platforms().iter().find(|x| x.id == p).map_or(p, |x| &x.name));
    let listed = if platforms.is_empty() { "—".to_owned() } else { platforms.join(", ") };
    let _ =
        writeln!(out, "{}{listed}  ({} {focus})", label(w.t("Platforms:", "Plattformen:")), w.t("focus:", "Fokus:"));
}

/// Why this role: its core tasks found and missing, and the title's part.
fn why(out: &mut String, norm: &Norm, analysis: &Analysis, w: Words) {
    let Some(role) = norm.role(&analysis.role) else { return };
    if role.core.is_empty() {
        return;
    }
    let lang = w.0;
    let found: Vec<&String> = role.core.iter().filter(|t| analysis.tasks.iter().any(|f| f.id == **t)).collect();
    let missing: Vec<String> =
        role.core.iter().filter(|t| !found.contains(t)).map(|t| task_name(norm, t, lang)).collect();
    let _ = writeln!(out, "\n{}", paint(w.t("Why this role:", "Warum diese Rolle:"), Style::Bold));
    let _ = writeln!(
        out,
        "  {} {} {}",
        found.len(),
        w.t("of", "von"),
        w.count(
            role.core.len(),
            ("core task found", "Kernaufgabe gefunden"),
            ("core tasks found", "Kernaufgaben gefunden")
        )
    );
    if !missing.is_empty() {
        let _ = writeln!(out, "  {} {}", w.t("Missing:", "Es fehlen:"), missing.join(", "));
    }
    let title = if analysis.title_role == analysis.role {
        w.t("The title names this role and adds to its score.", "Der Titel nennt diese Rolle und stärkt sie.")
    } else if norm.role(&analysis.title_role).is_some_and(|r| r.family == rolenorm_norm::Family::Other) {
        w.t(
            "The title names no normed role; the tasks decide.",
            "Der Titel nennt keine genormte Rolle; die Aufgaben entscheiden.",
        )
    } else {
        w.t(
            "The title names another role; the tasks outweigh it.",
            "Der Titel nennt eine andere Rolle; die Aufgaben wiegen schwerer.",
        )
    };
    let _ = writeln!(out, "  {title}");
}

/// The demanded tasks, grouped by how they stand to the role, each with up to three quotes.
fn tasks(out: &mut String, norm: &Norm, analysis: &Analysis, w: Words) {
    let lang = w.0;
    let _ = writeln!(
        out,
        "\n{}:",
        w.count(analysis.tasks.len(), ("demanded task", "verlangte Aufgabe"), ("demanded tasks", "verlangte Aufgaben"))
    );
    for (scope, heading) in [
        (Scope::Core, w.t("Core work of the role", "Kernarbeit der Rolle")),
        (Scope::Optional, w.t("Also part of the role", "Ebenfalls Teil der Rolle")),
        (Scope::Excluded, w.t("Outside the role", "Außerhalb der Rolle")),
    ] {
        let group: Vec<_> = analysis.tasks.iter().filter(|t| t.scope == scope).collect();
        if group.is_empty() {
            continue;
        }
        let _ = writeln!(out, "  {}", paint(&format!("{heading}:"), Style::Bold));
        for task in group {
            let _ = writeln!(out, "    • {}", task_name(norm, &task.id, lang));
            for evidence in task.evidence.iter().take(3) {
                let quote: String = evidence.text.split_whitespace().collect::<Vec<_>>().join(" ");
                let (open, close) = if lang == Language::De { ("„", "“") } else { ("“", "”") };
                let quote = paint(&format!("{open}{quote}{close}"), Style::Dim);
                let _ = writeln!(out, "        {quote} ({})", section_name(evidence.section, w));
            }
        }
    }
}

/// A label padded to the report's first column, in bold when colour is on.
fn label(text: &str) -> String {
    paint(&format!("{text:<14}"), Style::Bold)
}

/// A section's name for a reader.
fn section_name(section: Section, w: Words) -> &'static str {
    match section {
        Section::Title => w.t("title", "Titel"),
        Section::Body => w.t("text", "Text"),
        Section::Intro => w.t("introduction", "Einleitung"),
        Section::Tasks => w.t("tasks", "Aufgaben"),
        Section::Profile => w.t("profile", "Profil"),
        Section::Benefits => w.t("benefits", "Angebot"),
        Section::Company => w.t("company", "Unternehmen"),
        Section::Application => w.t("application", "Bewerbung"),
    }
}
