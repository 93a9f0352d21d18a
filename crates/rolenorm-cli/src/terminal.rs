//! The readable terminal report of one analysis.

use std::fmt::Write;

use rolenorm_analyze::Analysis;
use rolenorm_norm::Norm;
use rolenorm_text::Language;

/// Renders `analysis` for a person, in the ad's language.
pub(crate) fn report(norm: &Norm, analysis: &Analysis) -> String {
    let language: Language = analysis.language;
    let t = |en: &'static str, de: &'static str| if language == Language::De { de } else { en };
    let role_name = |id: &str| norm.role(id).map_or(id.to_owned(), |r| format!("{} ({id})", r.name.get(language)));
    let mut out = String::new();
    let _ = writeln!(out, "{}", analysis.title.as_deref().unwrap_or(t("(no title)", "(kein Titel)")));
    let _ = writeln!(out, "{}", "=".repeat(analysis.title.as_deref().map_or(10, |s| s.chars().count().min(78))));
    let _ = writeln!(
        out,
        "{:<14}{}  [{} {:.2}]",
        t("Role:", "Rolle:"),
        role_name(&analysis.role),
        t("confidence", "Sicherheit"),
        analysis.confidence
    );
    let others: Vec<String> = analysis
        .roles
        .iter()
        .filter(|r| r.role != analysis.role)
        .take(3)
        .map(|r| format!("{} {:.1}", r.role, r.score))
        .collect();
    if !others.is_empty() {
        let _ = writeln!(out, "{:<14}{}", t("Alternatives:", "Alternativen:"), others.join(", "));
    }
    let fit = if analysis.title_fits { t("fits", "passt") } else { t("does NOT fit", "passt NICHT") };
    let _ = writeln!(out, "{:<14}{} — {fit}", t("Title names:", "Titel nennt:"), role_name(&analysis.title_role));
    let _ = writeln!(out, "{:<14}{}", t("Level:", "Stufe:"), analysis.level);
    let jack = if analysis.jack_of_all_trades { t("YES", "JA") } else { t("no", "nein") };
    let _ = writeln!(
        out,
        "{:<14}{}  ({} {jack})",
        t("Breadth:", "Breite:"),
        analysis.breadth.join(", "),
        t("jack of all trades:", "Wollmilchsau:")
    );
    let platforms: Vec<String> = analysis.platforms.iter().map(|(p, n)| format!("{p} {n}")).collect();
    let focus = analysis.platform_focus.as_deref().unwrap_or("—");
    let _ = writeln!(
        out,
        "{:<14}{}  ({} {focus})",
        t("Platforms:", "Plattformen:"),
        if platforms.is_empty() { "—".to_owned() } else { platforms.join(", ") },
        t("focus:", "Fokus:")
    );
    let _ = writeln!(out, "\n{} ({}):", t("Tasks", "Aufgaben"), analysis.tasks.len());
    for task in &analysis.tasks {
        let name = norm.task(&task.id).map_or("", |t| t.name.get(language));
        let _ = writeln!(out, "  {:<7} {name} [{}]", task.id, task.scope);
        for evidence in task.evidence.iter().take(3) {
            let quote: String = evidence.text.split_whitespace().collect::<Vec<_>>().join(" ");
            let _ = writeln!(out, "          “{quote}” ({} {}–{})", evidence.section, evidence.start, evidence.end);
        }
    }
    if !analysis.findings.is_empty() {
        let _ = writeln!(out, "\n{}:", t("Findings", "Hinweise"));
        for finding in &analysis.findings {
            let _ = writeln!(out, "  • {} [{}]", finding.message, finding.code);
        }
    }
    let _ = writeln!(out, "\n{} {} {}", t("Norm:", "Norm:"), analysis.norm.id, analysis.norm.version);
    out
}
