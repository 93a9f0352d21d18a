//! `norm check` on the built-in pack and on broken copies of it.
#![allow(clippy::unwrap_used)]

use rolenorm_norm::{BUILTIN_PACK, Diagnostic, Norm, Scope};

/// The built-in pack with `file` replaced by `edit(contents)`.
fn pack_with(file: &str, edit: impl Fn(&str) -> String) -> Vec<(String, String)> {
    BUILTIN_PACK
        .iter()
        .map(|(name, text)| (name.to_string(), if *name == file { edit(text) } else { text.to_string() }))
        .collect()
}

fn problems(files: &[(String, String)]) -> Vec<Diagnostic> {
    match Norm::from_files(files.iter().map(|(n, t)| (n.as_str(), t.as_str()))) {
        Ok(_) => Vec::new(),
        Err(error) => error.0,
    }
}

fn line_of(text: &str, needle: &str) -> usize {
    text.lines().position(|l| l.contains(needle)).expect("needle in text") + 1
}

fn builtin(file: &str) -> &'static str {
    BUILTIN_PACK.iter().find(|(n, _)| *n == file).expect("file in pack").1
}

#[test]
fn builtin_norm_is_clean_and_complete() {
    let norm = Norm::builtin().expect("built-in norm loads");
    assert_eq!(norm.identity().id, "rolenorm");
    // The skeleton's ids are all there, unchanged.
    for role in [
        "social-media-manager",
        "channel-manager",
        "community-manager",
        "content-creator",
        "content-manager",
        "social-media-analyst",
        "paid-social-manager",
        "influencer-manager",
        "online-marketing-manager",
        "pr-manager",
        "marketing-manager",
        "designer",
        "other",
    ] {
        assert!(norm.role(role).is_some(), "role {role}");
    }
    for (prefix, count) in
        [("STR", 8), ("CON", 12), ("COM", 10), ("ANA", 7), ("ADS", 5), ("PR", 3), ("LEG", 2), ("ADJ", 5)]
    {
        for n in 1..=count {
            let id = format!("{prefix}-{n:02}");
            assert!(norm.task(&id).is_some(), "task {id}");
        }
    }
    for level in ["intern", "working-student", "junior", "professional", "senior", "lead"] {
        assert!(norm.levels().iter().any(|l| l.id == level), "level {level}");
    }
    let smm = norm.role_index("social-media-manager").unwrap();
    let strategy = norm.task_index("STR-01").unwrap();
    let office = norm.task_index("ADJ-05").unwrap();
    assert_eq!(norm.scope(smm, strategy), Scope::Core);
    assert_eq!(norm.scope(smm, office), Scope::Excluded);
    for task in norm.tasks() {
        assert!(
            !task.phrases.en.is_empty() && !task.phrases.de.is_empty(),
            "{} has vocabulary in both languages",
            task.id
        );
    }
}

#[test]
fn toml_syntax_error_names_file_and_line() {
    let files = pack_with("tasks.toml", |t| format!("{t}\n[[task]\nid = \"X\"\n"));
    let found = problems(&files);
    let expected_line = builtin("tasks.toml").lines().count() + 2;
    assert!(
        found.iter().any(|d| d.file == "tasks.toml" && d.line == expected_line),
        "expected tasks.toml:{expected_line} in {found:?}"
    );
}

#[test]
fn unknown_task_in_scope_is_reported_at_its_line() {
    let files = pack_with("roles.toml", |t| t.replacen("\"STR-01\"", "\"STR-99\"", 1));
    let found = problems(&files);
    let line = line_of(&files.iter().find(|(n, _)| n == "roles.toml").unwrap().1, "STR-99");
    assert!(
        found.iter().any(|d| d.file == "roles.toml" && d.line == line && d.message.contains("STR-99")),
        "{found:?}"
    );
}

#[test]
fn duplicate_task_id_is_reported() {
    let files = pack_with("tasks.toml", |t| t.replacen("id = \"CON-02\"", "id = \"CON-01\"", 1));
    let found = problems(&files);
    assert!(found.iter().any(|d| d.file == "tasks.toml" && d.message.contains("duplicate id \"CON-01\"")), "{found:?}");
}

#[test]
fn phrase_claimed_by_two_tasks_is_reported() {
    let tasks = builtin("tasks.toml");
    let norm = Norm::builtin().unwrap();
    let phrase = &norm.task("CON-01").unwrap().phrases.en[0].text;
    // Give CON-02's English list the first English phrase of CON-01 as well.
    let con02 = tasks.find("id = \"CON-02\"").unwrap();
    let en = con02 + tasks[con02..].find("en = [").unwrap() + "en = [".len();
    let edited = format!("{}\"{}\", {}", &tasks[..en], phrase, &tasks[en..]);
    let files = pack_with("tasks.toml", |_| edited.clone());
    let found = problems(&files);
    assert!(
        found.iter().any(|d| d.file == "tasks.toml" && d.message.contains("also claimed by task CON-01")),
        "{found:?}"
    );
}

#[test]
fn role_without_core_tasks_and_unused_task_are_reported() {
    // Empty the community manager's core list: it has no core tasks, and COM-02's owner is
    // no longer core for it.
    let roles = builtin("roles.toml");
    let start = roles.find("id = \"community-manager\"").unwrap();
    let core = start + roles[start..].find("core = [").unwrap();
    let end = core + roles[core..].find(']').unwrap() + 1;
    let edited = format!("{}core = []{}", &roles[..core], &roles[end..]);
    let files = pack_with("roles.toml", |_| edited.clone());
    let found = problems(&files);
    assert!(found.iter().any(|d| d.message.contains("role community-manager has no core tasks")), "{found:?}");
    assert!(
        found.iter().any(|d| d.file == "tasks.toml" && d.message.contains("not in that role's scope")),
        "{found:?}"
    );
}

#[test]
fn bad_version_and_missing_file_are_reported() {
    let mut files = pack_with("norm.toml", |t| t.replacen("version = \"", "version = \"v", 1));
    files.retain(|(n, _)| n != "levels.toml");
    let found = problems(&files);
    assert!(
        found.iter().any(|d| d.file == "norm.toml" && d.line > 0 && d.message.contains("not a semantic version")),
        "{found:?}"
    );
    assert!(found.iter().any(|d| d.file == "levels.toml" && d.message.contains("missing file")), "{found:?}");
}

#[test]
fn unknown_field_is_reported() {
    let files = pack_with("platforms.toml", |t| t.replacen("[[platform]]", "[[platform]]\ncolour = \"blue\"", 1));
    let found = problems(&files);
    assert!(found.iter().any(|d| d.file == "platforms.toml" && d.message.contains("colour")), "{found:?}");
}

#[test]
fn exports_render_every_role_and_task() {
    let norm = Norm::builtin().unwrap();
    let markdown = rolenorm_norm::render_markdown(&norm, rolenorm_text::Language::De);
    for role in norm.roles() {
        assert!(markdown.contains(&format!("(`{}`)", role.id)), "{}", role.id);
    }
    for task in norm.tasks() {
        assert!(markdown.contains(&format!("### {} ", task.id)), "{}", task.id);
    }
    let json: serde_json::Value = serde_json::from_str(&rolenorm_norm::to_json(&norm)).unwrap();
    assert_eq!(json["roles"].as_array().unwrap().len(), norm.roles().len());
    assert_eq!(json["identity"]["version"], norm.identity().version.to_string());
    let shown = rolenorm_norm::render_role(&norm, "channel-manager", rolenorm_text::Language::En).unwrap();
    assert!(shown.contains("Core tasks:") && shown.contains("Excluded tasks"));
}

#[test]
fn newer_format_is_refused_with_a_clear_message() {
    let files = pack_with("norm.toml", |t| t.replacen("format = 1", "format = 2", 1));
    let found = problems(&files);
    let line = line_of(&files[0].1, "format = 2");
    assert!(
        found.iter().any(|d| d.file == "norm.toml"
            && d.line == line
            && d.message.contains("format 2, newer than this rolenorm reads (format 1)")),
        "{found:?}"
    );
}

#[test]
fn default_level_must_be_a_level() {
    let files = pack_with("levels.toml", |t| t.replacen("default = \"professional\"", "default = \"regular\"", 1));
    let found = problems(&files);
    let line = line_of(builtin("levels.toml"), "default = \"professional\"");
    assert!(
        found.iter().any(|d| d.file == "levels.toml" && d.line == line && d.message.contains("\"regular\"")),
        "{found:?}"
    );
    assert_eq!(Norm::builtin().unwrap().default_level(), "professional");
}

#[test]
fn domains_named_in_scoring_and_tasks_must_be_declared() {
    let files = pack_with("scoring.toml", |t| {
        t.replacen("context_domains = [\"community\"]", "context_domains = [\"comunity\"]", 1)
    });
    let found = problems(&files);
    let line = line_of(builtin("scoring.toml"), "context_domains = [");
    assert!(
        found.iter().any(|d| d.file == "scoring.toml" && d.line == line && d.message.contains("\"comunity\"")),
        "{found:?}"
    );
    let files = pack_with("scoring.toml", |t| t.replacen("\"analytics\"]", "\"analytic\"]", 1));
    assert!(problems(&files).iter().any(|d| d.message.contains("generalist_domains")), "generalist_domains");
    let files = pack_with("tasks.toml", |t| t.replacen("domain = \"legal\"", "domain = \"law\"", 1));
    let found = problems(&files);
    let line = line_of(builtin("tasks.toml"), "domain = \"legal\"");
    assert!(
        found.iter().any(|d| d.file == "tasks.toml" && d.line == line && d.message.contains("\"law\"")),
        "{found:?}"
    );
}

#[test]
fn departments_name_known_roles_each_once() {
    let files = pack_with("scoring.toml", |t| t.replacen("[\"pr-manager\"]", "[\"pr-managr\"]", 1));
    let found = problems(&files);
    assert!(found.iter().any(|d| d.file == "scoring.toml" && d.message.contains("\"pr-managr\"")), "{found:?}");
    let files =
        pack_with("scoring.toml", |t| t.replacen("  [\"designer\"],\n", "  [\"designer\", \"pr-manager\"],\n", 1));
    let found = problems(&files);
    assert!(found.iter().any(|d| d.message.contains("\"pr-manager\" twice")), "{found:?}");
}

#[test]
fn breadth_lists_name_known_tasks_and_roles() {
    let files = pack_with("scoring.toml", |t| {
        t.replacen("breadth_shared_tasks = [\"STR-03\"", "breadth_shared_tasks = [\"STR-33\"", 1)
    });
    let found = problems(&files);
    let line = line_of(builtin("scoring.toml"), "breadth_shared_tasks = [");
    assert!(
        found
            .iter()
            .any(|d| d.line == line && d.message.contains("breadth_shared_tasks names unknown task \"STR-33\"")),
        "{found:?}"
    );
    let files = pack_with("scoring.toml", |t| {
        t.replacen("social_unrelated_owners = [\"designer\"]", "social_unrelated_owners = [\"desiner\"]", 1)
    });
    let found = problems(&files);
    assert!(
        found.iter().any(|d| d.message.contains("social_unrelated_owners names unknown role \"desiner\"")),
        "{found:?}"
    );
}

#[test]
fn messages_must_match_the_findings_and_their_placeholders() {
    let files = pack_with("language.toml", |t| {
        t.replacen("but the tasks describe {role}.", "but the tasks describe {rolle}.", 1).replacen(
            "[messages.no-goals]",
            "[messages.no-goal]",
            1,
        )
    });
    let found = problems(&files);
    let text = &files.iter().find(|(n, _)| n == "language.toml").unwrap().1;
    let line = line_of(text, "{rolle}");
    assert!(
        found.iter().any(|d| d.file == "language.toml"
            && d.line == line
            && d.message.contains("{rolle}, which the analyzer does not fill")
            && d.message.contains("does not show {role}")),
        "{found:?}"
    );
    assert!(found.iter().any(|d| d.message.contains("finding no-goals has no message")), "{found:?}");
    assert!(
        found.iter().any(|d| d.line == line_of(text, "[messages.no-goal]") && d.message.contains("no finding")),
        "{found:?}"
    );
}

#[test]
fn german_forms_are_checked_against_the_matcher() {
    let files = pack_with("language.toml", |t| {
        t.replacen("\":in\", ", "\":in\", \"-X\", ", 1)
            .replacen("\"community aufbau\"", "\"communityaufbau\"", 1)
            .replacen(
                "separable_prefixes = [\"zusammen\"",
                "separable_prefixes = [\"Aus\", \"hin und\", \"zusammen\"",
                1,
            )
    });
    let found = problems(&files);
    assert!(
        found.iter().any(|d| d.message.contains("separable prefix \"Aus\" is not one lower-case word")),
        "{found:?}"
    );
    assert!(found.iter().any(|d| d.message.contains("separable prefix \"hin und\"")), "{found:?}");
    assert!(found.iter().any(|d| d.message.contains("gender suffix \"-X\" is not removed")), "{found:?}");
    assert!(found.iter().any(|d| d.message.contains("compound example \"Community-Aufbau\"")), "{found:?}");
}

#[test]
fn task_view_names_roles_not_ids() {
    let norm = Norm::builtin().unwrap();
    let task = &norm.tasks()[0];
    let shown = rolenorm_norm::render_task(&norm, &task.id, rolenorm_text::Language::De).unwrap();
    let core_line = shown.lines().find(|l| l.starts_with("Kernaufgabe von:")).unwrap();
    for role in norm.roles() {
        assert!(!core_line.split(", ").any(|part| part.ends_with(role.id.as_str())), "{core_line}");
    }
    let owner = norm.role(&task.owner).unwrap().name.get(rolenorm_text::Language::De);
    assert!(shown.contains(&format!("Zuständig: {owner}")), "{shown}");
}

/// Drops the `[messages.uncertain-role]` table (its header and its two texts).
fn without_uncertain_message(text: &str) -> String {
    let start = text.find("[messages.uncertain-role]").unwrap();
    let end = start + text[start..].find("\n\n").unwrap() + 2;
    format!("{}{}", &text[..start], &text[end..])
}

#[test]
fn the_uncertainty_message_is_needed_only_where_the_finding_can_be_given() {
    let files = pack_with("language.toml", without_uncertain_message);
    let found = problems(&files);
    assert!(found.iter().any(|d| d.message.contains("finding uncertain-role has no message")), "{found:?}");
    // A pack that never gives the finding (as packs before 0.4.0) needs no message for it.
    let files: Vec<(String, String)> = files
        .into_iter()
        .map(|(name, text)| {
            let text = if name == "scoring.toml" {
                text.replace("uncertain_below = 0.5", "uncertain_below = 0.0")
            } else {
                text
            };
            (name, text)
        })
        .collect();
    assert_eq!(problems(&files), Vec::new());
}
