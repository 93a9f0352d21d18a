//! Rendering the norm for people (Markdown, terminal) and machines (JSON).

use std::fmt::Write;

use rolenorm_text::Language;

use crate::model::{Family, Norm, Scope};

/// The whole norm as pretty-printed JSON.
pub fn to_json(norm: &Norm) -> String {
    serde_json::to_string_pretty(norm).unwrap_or_else(|error| format!("{{\"error\": \"{error}\"}}"))
}

fn heading(language: Language, en: &'static str, de: &'static str) -> &'static str {
    match language {
        Language::En => en,
        Language::De => de,
    }
}

/// One role as plain text: definition, core/optional/excluded tasks (with their owners) and
/// anchors.
pub fn render_role(norm: &Norm, role_id: &str, language: Language) -> Option<String> {
    let index = norm.role_index(role_id)?;
    let role = &norm.roles[index];
    let mut out = String::new();
    let _ = writeln!(out, "{} ({})", role.name.get(language), role.id);
    let _ = writeln!(out, "{}: {}", heading(language, "Family", "Familie"), role.family.as_str());
    let _ = writeln!(out, "\n{}\n", role.definition.get(language));
    for (scope, title) in [
        (Scope::Core, heading(language, "Core tasks", "Kernaufgaben")),
        (Scope::Optional, heading(language, "Optional tasks", "Optionale Aufgaben")),
        (Scope::Excluded, heading(language, "Excluded tasks (owner)", "Ausgeschlossene Aufgaben (zuständig)")),
    ] {
        let _ = writeln!(out, "{title}:");
        for (t, task) in norm.tasks.iter().enumerate() {
            if norm.scope(index, t) != scope {
                continue;
            }
            if scope == Scope::Excluded {
                let owner = norm.role(&task.owner).map_or(task.owner.as_str(), |r| r.name.get(language));
                let _ = writeln!(out, "  {:<7} {} → {}", task.id, task.name.get(language), owner);
            } else {
                let _ = writeln!(out, "  {:<7} {}", task.id, task.name.get(language));
            }
        }
    }
    let a = &role.anchors;
    let _ = writeln!(out, "{}:", heading(language, "Anchors", "Verankerung"));
    if !a.kldb.is_empty() {
        let _ = writeln!(out, "  KldB 2010: {}", a.kldb.join(", "));
    }
    if !a.isco.is_empty() {
        let _ = writeln!(out, "  ISCO-08: {}", a.isco.join(", "));
    }
    if !a.onet.is_empty() {
        let _ = writeln!(out, "  O*NET: {}", a.onet.join(", "));
    }
    for esco in &a.esco {
        let _ = writeln!(out, "  ESCO: {} ({}) {}", esco.label, esco.relation, esco.uri);
    }
    Some(out)
}

/// One task as plain text: definition, which roles have it as core/optional, ESCO skills and
/// its vocabulary.
pub fn render_task(norm: &Norm, task_id: &str, language: Language) -> Option<String> {
    let index = norm.task_index(task_id)?;
    let task = &norm.tasks[index];
    let mut out = String::new();
    let _ = writeln!(out, "{} {}", task.id, task.name.get(language));
    let _ = writeln!(out, "{}: {}", heading(language, "Domain", "Bereich"), task.domain);
    let _ = writeln!(out, "\n{}\n", task.definition.get(language));
    for (scope, title) in [
        (Scope::Core, heading(language, "Core for", "Kernaufgabe von")),
        (Scope::Optional, heading(language, "Optional for", "Optional für")),
    ] {
        let roles: Vec<&str> = norm
            .roles
            .iter()
            .enumerate()
            .filter(|(r, _)| norm.scope(*r, index) == scope)
            .map(|(_, role)| role.name.get(language))
            .collect();
        let _ = writeln!(out, "{title}: {}", if roles.is_empty() { "—".to_owned() } else { roles.join(", ") });
    }
    let owner = norm.role(&task.owner).map_or(task.owner.as_str(), |r| r.name.get(language));
    let _ = writeln!(out, "{}: {}", heading(language, "Owner", "Zuständig"), owner);
    for uri in &task.esco {
        let _ = writeln!(out, "ESCO: {uri}");
    }
    let phrases: Vec<&str> = task.phrases.get(language).iter().map(|p| p.text.as_str()).collect();
    let _ = writeln!(out, "{}: {}", heading(language, "Vocabulary", "Vokabular"), phrases.join(" · "));
    Some(out)
}

/// The norm as the human-readable standard document, in Markdown.
pub fn render_markdown(norm: &Norm, language: Language) -> String {
    let mut out = String::new();
    let id = &norm.identity;
    let _ = writeln!(out, "# {}\n", id.title.get(language));
    let _ = writeln!(
        out,
        "`{}` {} {} · {} · {}: {}\n",
        id.id,
        heading(language, "version", "Version"),
        id.version,
        id.date,
        heading(language, "licence", "Lizenz"),
        id.licence
    );
    let _ = writeln!(out, "{}\n", id.description.get(language));

    let _ = writeln!(out, "## {}\n", heading(language, "Roles", "Rollen"));
    for family in [Family::SocialMedia, Family::Adjacent, Family::Other] {
        for role in norm.roles.iter().filter(|r| r.family == family) {
            let _ = writeln!(out, "### {} (`{}`)\n", role.name.get(language), role.id);
            let _ = writeln!(out, "{}\n", role.definition.get(language));
            let names = |ids: &[String]| {
                ids.iter()
                    .filter_map(|t| norm.task(t))
                    .map(|t| format!("{} {}", t.id, t.name.get(language)))
                    .collect::<Vec<_>>()
                    .join("; ")
            };
            let _ = writeln!(out, "- **{}:** {}", heading(language, "Core", "Kern"), names(&role.core));
            if !role.optional.is_empty() {
                let _ = writeln!(out, "- **{}:** {}", heading(language, "Optional", "Optional"), names(&role.optional));
            }
            let a = &role.anchors;
            let mut anchors = Vec::new();
            if !a.kldb.is_empty() {
                anchors.push(format!("KldB {}", a.kldb.join(", ")));
            }
            if !a.isco.is_empty() {
                anchors.push(format!("ISCO {}", a.isco.join(", ")));
            }
            if !a.onet.is_empty() {
                anchors.push(format!("O*NET {}", a.onet.join(", ")));
            }
            for esco in &a.esco {
                anchors.push(format!("ESCO [{}]({}) ({})", esco.label, esco.uri, esco.relation));
            }
            if !anchors.is_empty() {
                let _ = writeln!(out, "- **{}:** {}", heading(language, "Anchors", "Verankerung"), anchors.join("; "));
            }
            let titles: Vec<&str> = role.titles.get(language).iter().map(|p| p.text.as_str()).collect();
            if !titles.is_empty() {
                let _ = writeln!(out, "- **{}:** {}", heading(language, "Titles", "Titel"), titles.join(" · "));
            }
            let _ = writeln!(out);
        }
    }

    let _ = writeln!(out, "## {}\n", heading(language, "Scope matrix", "Zuständigkeitsmatrix"));
    let _ = writeln!(
        out,
        "C = {}, o = {}, · = {}\n",
        heading(language, "core", "Kern"),
        heading(language, "optional", "optional"),
        heading(language, "excluded", "ausgeschlossen")
    );
    let _ = write!(out, "| {} |", heading(language, "Task", "Aufgabe"));
    for role in &norm.roles {
        let _ = write!(out, " {} |", role.id);
    }
    let _ = writeln!(out);
    let _ = writeln!(out, "|---|{}", "---|".repeat(norm.roles.len()));
    for (t, task) in norm.tasks.iter().enumerate() {
        let _ = write!(out, "| {} {} |", task.id, task.name.get(language));
        for r in 0..norm.roles.len() {
            let mark = match norm.scope(r, t) {
                Scope::Core => "C",
                Scope::Optional => "o",
                Scope::Excluded => "·",
            };
            let _ = write!(out, " {mark} |");
        }
        let _ = writeln!(out);
    }

    let _ = writeln!(out, "\n## {}\n", heading(language, "Tasks", "Aufgaben"));
    for task in &norm.tasks {
        let _ = writeln!(out, "### {} {}\n", task.id, task.name.get(language));
        let _ = writeln!(out, "{}\n", task.definition.get(language));
        let owner = norm.role(&task.owner).map_or(task.owner.as_str(), |r| r.name.get(language));
        let _ = writeln!(out, "- **{}:** {}", heading(language, "Owner", "Zuständig"), owner);
        if !task.esco.is_empty() {
            let _ = writeln!(out, "- **ESCO:** {}", task.esco.join(", "));
        }
        for lang in Language::ALL {
            let phrases: Vec<&str> = task.phrases.get(lang).iter().map(|p| p.text.as_str()).collect();
            if !phrases.is_empty() {
                let _ = writeln!(
                    out,
                    "- **{} ({lang}):** {}",
                    heading(language, "Vocabulary", "Vokabular"),
                    phrases.join(" · ")
                );
            }
        }
        let _ = writeln!(out);
    }

    let _ = writeln!(out, "## {}\n", heading(language, "Levels", "Stufen"));
    for level in &norm.levels {
        let cues: Vec<&str> = level.cues.get(language).iter().map(|p| p.text.as_str()).collect();
        let _ = writeln!(out, "- **{}** (`{}`): {}", level.name.get(language), level.id, cues.join(" · "));
        let requirements: Vec<&str> = level.requirements.get(language).iter().map(|p| p.text.as_str()).collect();
        if !requirements.is_empty() {
            let label = heading(language, "required", "verlangt");
            let _ = writeln!(out, "  - {label}: {}", requirements.join(" · "));
        }
    }
    let _ = writeln!(out, "\n## {}\n", heading(language, "Platforms", "Plattformen"));
    for platform in &norm.platforms {
        let aliases: Vec<&str> = platform.aliases.iter().map(|p| p.text.as_str()).collect();
        let group = platform.group.as_deref().map(|g| format!(" ({g})")).unwrap_or_default();
        let _ = writeln!(out, "- **{}**{group}: {}", platform.name, aliases.join(" · "));
    }
    out
}
