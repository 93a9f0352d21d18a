//! `NormDiff`: what changed between two norms and the bump it calls for; its committed schema.
#![allow(clippy::unwrap_used)]

use rolenorm_norm::{Bump, Norm, NormDiff, NormDocument, Scope, VocabularyOf, norm_diff_schema};

fn edited(edit: impl FnOnce(&mut NormDocument)) -> Norm {
    let mut document = NormDocument::builtin().unwrap();
    edit(&mut document);
    Norm::from_document(&document).unwrap()
}

fn role<'a>(document: &'a mut NormDocument, id: &str) -> &'a mut rolenorm_norm::RoleEntry {
    document.roles.role.iter_mut().find(|r| r.id == id).unwrap()
}

#[test]
fn identical_norms_need_no_bump() {
    let norm = Norm::builtin().unwrap();
    let diff = NormDiff::between(&norm, &norm);
    assert!(diff.is_empty());
    assert_eq!(diff.bump, Bump::None);
    assert!(diff.version_ok);
    assert!(diff.render_text().contains("No changes."));
}

#[test]
fn the_builtin_version_is_at_least_what_its_changes_since_0_1_0_demand() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/norm-0.1.0");
    let files: Vec<(String, String)> = rolenorm_norm::PACK_FILES
        .iter()
        .map(|n| (n.to_string(), std::fs::read_to_string(dir.join(n)).unwrap()))
        .collect();
    let old = Norm::from_files(files.iter().map(|(n, t)| (n.as_str(), t.as_str()))).unwrap();
    let diff = NormDiff::between(&old, &Norm::builtin().unwrap());
    assert!(diff.version_ok, "{}", diff.render_text());
}

#[test]
fn narrowed_scope_is_major_and_widened_scope_minor() {
    let old = Norm::builtin().unwrap();
    let new = edited(|d| {
        let cm = role(d, "community-manager");
        cm.core.retain(|t| t != "COM-02");
        cm.optional.push("COM-02".into());
    });
    let diff = NormDiff::between(&old, &new);
    assert_eq!(diff.scope.len(), 1, "{:?}", diff.scope);
    let cell = &diff.scope[0];
    assert_eq!((cell.task.as_str(), cell.role.as_str()), ("COM-02", "community-manager"));
    assert_eq!((cell.old, cell.new, cell.bump), (Scope::Core, Scope::Optional, Bump::Major));
    assert_eq!(diff.bump, Bump::Major);
    assert_eq!(diff.required_version, "1.0.0");
    assert!(!diff.version_ok);
    let text = diff.render_text();
    assert!(text.contains("Community Manager (community-manager): core → optional [major]"), "{text}");
    assert!(text.contains(&format!("Version {} is too low", old.identity().version)), "{text}");

    let reverse = NormDiff::between(&new, &old);
    assert_eq!((reverse.scope[0].bump, reverse.bump), (Bump::Minor, Bump::Minor));
    assert_eq!(reverse.required_version, next_minor(&old));
}

/// The version after the built-in norm's for a minor change.
fn next_minor(norm: &Norm) -> String {
    let v = &norm.identity().version;
    format!("{}.{}.0", v.major, v.minor + 1)
}

#[test]
fn added_phrase_is_minor_and_renamed_task_patch() {
    let old = Norm::builtin().unwrap();
    let minor = next_minor(&old);
    let new = edited(|d| {
        let task = d.tasks.task.iter_mut().find(|t| t.id == "STR-01").unwrap();
        task.phrases.de.push("Social-Media-Nordstern".into());
        d.norm.version = minor.clone();
    });
    let diff = NormDiff::between(&old, &new);
    assert_eq!(diff.vocabulary.len(), 1);
    let change = &diff.vocabulary[0];
    assert_eq!((change.of, change.id.as_str(), change.language.as_str()), (VocabularyOf::Task, "STR-01", "de"));
    assert_eq!(change.added, vec!["Social-Media-Nordstern".to_owned()]);
    assert_eq!(diff.bump, Bump::Minor);
    assert!(diff.version_ok, "{minor} is enough for a minor change");

    let renamed = edited(|d| d.tasks.task[0].name.en = "Social media strategy".into());
    let diff = NormDiff::between(&old, &renamed);
    assert_eq!(diff.tasks.renamed.len(), 1);
    let v = &old.identity().version;
    let patch = format!("{}.{}.{}", v.major, v.minor, v.patch + 1);
    assert_eq!((diff.bump, diff.required_version.as_str()), (Bump::Patch, patch.as_str()));
}

#[test]
fn removed_task_is_major_and_weights_are_listed() {
    let old = Norm::builtin().unwrap();
    let new = edited(|d| {
        d.tasks.task.retain(|t| t.id != "ADJ-05");
        for role in &mut d.roles.role {
            role.core.retain(|t| t != "ADJ-05");
            role.optional.retain(|t| t != "ADJ-05");
        }
        d.scoring.task_threshold = 1.1;
        d.roles.role[0].anchors.isco.push("2431".into());
    });
    let diff = NormDiff::between(&old, &new);
    assert_eq!(diff.tasks.removed.iter().map(|n| n.id.as_str()).collect::<Vec<_>>(), ["ADJ-05"]);
    assert_eq!(diff.bump, Bump::Major);
    let weight = diff.weights.iter().find(|w| w.key == "task_threshold").unwrap();
    assert_eq!((weight.old.to_string(), weight.new.to_string()), ("0.9".to_owned(), "1.1".to_owned()));
    assert_eq!(diff.anchors.len(), 1);
    let json: serde_json::Value = serde_json::to_value(&diff).unwrap();
    assert_eq!(json["bump"], "major");
    assert_eq!(json["tasks"]["removed"][0]["id"], "ADJ-05");
}

#[test]
fn committed_schema_is_current() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../schema/norm-diff.schema.json");
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    let generated = norm_diff_schema();
    if committed != generated {
        if std::env::var_os("UPDATE_SCHEMA").is_some() {
            std::fs::write(&path, &generated).unwrap();
        } else {
            panic!("{} is stale: run `UPDATE_SCHEMA=1 cargo test -p rolenorm-norm --test diff`", path.display());
        }
    }
    let schema: serde_json::Value = serde_json::from_str(&generated).unwrap();
    let required: Vec<&str> = schema["required"].as_array().unwrap().iter().map(|v| v.as_str().unwrap()).collect();
    for field in ["scope", "vocabulary", "bump", "required_version", "version_ok"] {
        assert!(required.contains(&field), "{field} in the schema");
    }
}

#[test]
fn a_changed_list_of_phrases_is_shown_as_its_additions_and_removals() {
    let old = Norm::builtin().unwrap();
    let new = edited(|d| {
        d.scoring.false_friends.retain(|f| f != "social care");
        d.scoring.false_friends.push("social club".into());
    });
    let text = NormDiff::between(&old, &new).render_text();
    assert!(text.contains(r#"false_friends: + "social club", - "social care""#), "{text}");
    assert!(!text.contains("social security"), "the unchanged items are not printed: {text}");
}
