//! The assessment as a readable terminal report.

use std::fmt::Write;

use rolenorm_text::Language;

use crate::model::Assessment;

/// Width of a full fit bar, in characters.
const BAR_WIDTH: usize = 20;

/// Renders `assessment` as plain text in its own language.
pub fn render_text(assessment: &Assessment) -> String {
    let de = assessment.language == "de";
    let t = |en: &'static str, german: &'static str| if de { german } else { en };
    let mut out = String::new();
    let norm = format!("{}@{}", assessment.norm.id, assessment.norm.version);
    let _ = writeln!(out, "{} ({norm})", t("Assessment against the norm", "Einschätzung nach der Norm"));
    if let Some(name) = &assessment.name {
        let _ = writeln!(out, "{}: {name}", t("Name", "Name"));
    }
    let _ = writeln!(out, "{}: {}", t("Best fit", "Passt am besten"), assessment.best.join(", "));
    let _ = writeln!(out, "{}: {} ({})", t("Level", "Stufe"), assessment.level, assessment.level_reason);
    let _ =
        writeln!(out, "\n{}", t("Fit per role (core tasks covered):", "Passung je Rolle (abgedeckte Kernaufgaben):"));
    for fit in &assessment.fits {
        let filled = (fit.fit * BAR_WIDTH as f64).round() as usize;
        let bar = format!("{}{}", "█".repeat(filled.min(BAR_WIDTH)), "·".repeat(BAR_WIDTH - filled.min(BAR_WIDTH)));
        let core = fit.core_covered.len() + fit.core_partial.len();
        let total = core + fit.core_missing.len();
        let _ = write!(out, "  {bar} {:>5.1}%  {:<42} {core}/{total}", fit.fit * 100.0, fit.name);
        if !fit.out_of_scope.is_empty() {
            let _ = write!(out, "  {} {}", t("out of scope:", "außerhalb:"), fit.out_of_scope.join(", "));
        }
        out.push('\n');
    }
    let _ = writeln!(out, "\n{}", t("Gaps:", "Lücken:"));
    for gap in &assessment.gaps {
        let _ = writeln!(out, "  - {}", gap.message);
    }
    let _ = writeln!(out, "\n{}", t("Tasks shown:", "Belegte Aufgaben:"));
    let language = if de { Language::De } else { Language::En };
    for task in &assessment.tasks {
        let how = task.how.map(|h| format!(" ({})", h.label(language))).unwrap_or_default();
        let _ = writeln!(out, "  {} {}{how}", task.id, task.name);
        for proof in &task.evidence {
            let mut parts = Vec::new();
            parts.extend(proof.description.as_deref().map(|d| format!("\"{d}\"")));
            parts.extend(proof.url.clone());
            parts.extend(proof.years.map(|y| format!("{y} {}", t("years", "Jahre"))));
            if !parts.is_empty() {
                let _ = writeln!(out, "      {}", parts.join(" · "));
            }
        }
    }
    out
}
