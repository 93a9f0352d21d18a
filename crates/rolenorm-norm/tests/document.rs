//! The editable document: read, changed and written back without loss; the checked norm is
//! built from it; older packs still load.
#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};

use rolenorm_norm::{BUILTIN_PACK, FORMAT, Norm, NormDocument, PACK_FILES, Scope};

/// A fresh temporary folder for one test.
fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("rolenorm-norm-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn write_pack(dir: &Path, document: &NormDocument) {
    for (name, text) in document.to_files().unwrap() {
        std::fs::write(dir.join(name), text).unwrap();
    }
}

fn read_pack(dir: &Path) -> Vec<(String, String)> {
    PACK_FILES.iter().map(|name| (name.to_string(), std::fs::read_to_string(dir.join(name)).unwrap())).collect()
}

fn load_document(files: &[(String, String)]) -> NormDocument {
    NormDocument::from_files(files.iter().map(|(n, t)| (n.as_str(), t.as_str()))).unwrap()
}

fn fixture(version: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(format!("norm-{version}"))
}

#[test]
fn builtin_document_written_and_read_back_is_equal() {
    let document = NormDocument::builtin().unwrap();
    let dir = temp_dir("roundtrip");
    write_pack(&dir, &document);
    let files = read_pack(&dir);
    let again = load_document(&files);
    assert_eq!(again, document);
    // Unchanged files are written back byte for byte (comments and layout kept).
    for (name, text) in &files {
        let original = BUILTIN_PACK.iter().find(|(n, _)| n == name).unwrap().1;
        assert_eq!(text, original, "{name} changed on write-back");
    }
}

#[test]
fn scope_edit_round_trips_and_changes_only_its_line() {
    let mut document = NormDocument::builtin().unwrap();
    let role = document.roles.role.iter_mut().find(|r| r.id == "community-manager").unwrap();
    assert!(role.core.contains(&"COM-02".to_owned()));
    role.core.retain(|t| t != "COM-02");
    role.optional.push("COM-02".to_owned());
    let dir = temp_dir("scope-edit");
    write_pack(&dir, &document);
    let files = read_pack(&dir);
    let again = load_document(&files);
    assert_eq!(again, document);
    let norm = Norm::from_document(&again).unwrap();
    let (r, t) = (norm.role_index("community-manager").unwrap(), norm.task_index("COM-02").unwrap());
    assert_eq!(norm.scope(r, t), Scope::Optional);
    // Only the two scope lines of that role differ from the original file.
    let written = &files.iter().find(|(n, _)| n == "roles.toml").unwrap().1;
    let original = BUILTIN_PACK.iter().find(|(n, _)| *n == "roles.toml").unwrap().1;
    assert_eq!(written.lines().count(), original.lines().count());
    let changed = written.lines().zip(original.lines()).filter(|(a, b)| a != b).count();
    assert_eq!(changed, 2, "{written}");
}

#[test]
fn added_phrase_gets_its_own_line_and_is_checked() {
    let mut document = NormDocument::builtin().unwrap();
    let task = document.tasks.task.iter_mut().find(|t| t.id == "STR-01").unwrap();
    task.phrases.en.push("social media north star".to_owned());
    let files = document.to_files().unwrap();
    let tasks = &files.iter().find(|(n, _)| *n == "tasks.toml").unwrap().1;
    assert!(tasks.contains("\n  \"social media north star\",\n"), "phrase on its own line");
    let original = BUILTIN_PACK.iter().find(|(n, _)| *n == "tasks.toml").unwrap().1;
    assert_eq!(tasks.lines().count(), original.lines().count() + 1);
    let again = NormDocument::from_files(files.iter().map(|(n, t)| (*n, t.as_str()))).unwrap();
    assert_eq!(again, document);
    let norm = Norm::from_document(&again).unwrap();
    assert!(norm.task("STR-01").unwrap().phrases.en.iter().any(|p| p.text == "social media north star"));
}

#[test]
fn document_built_without_files_is_written_in_a_readable_layout() {
    let document = NormDocument::builtin().unwrap();
    // Through JSON and back: the document has no origin texts any more.
    let json = serde_json::to_string(&document).unwrap();
    let bare: NormDocument = serde_json::from_str(&json).unwrap();
    let files = bare.to_files().unwrap();
    let roles = &files.iter().find(|(n, _)| *n == "roles.toml").unwrap().1;
    assert!(roles.contains("[[role]]"), "{}", &roles[..400]);
    assert!(roles.contains("name = { en = \"Social Media Manager\""), "{}", &roles[..400]);
    let scoring = &files.iter().find(|(n, _)| *n == "scoring.toml").unwrap().1;
    assert!(scoring.contains("task_threshold = 0.9\n"), "{scoring}");
    let again = NormDocument::from_files(files.iter().map(|(n, t)| (*n, t.as_str()))).unwrap();
    assert_eq!(again, document);
    assert!(Norm::from_document(&again).is_ok());
}

#[test]
fn edited_document_is_checked_without_stale_lines() {
    let mut document = NormDocument::builtin().unwrap();
    document.roles.role[0].core.push("STR-99".to_owned());
    let error = Norm::from_document(&document).unwrap_err();
    let found = error.0.iter().find(|d| d.message.contains("STR-99")).unwrap();
    assert_eq!((found.file.as_str(), found.line), ("roles.toml", 0), "{found}");
}

#[test]
fn norm_0_1_0_fixture_still_loads() {
    let files = read_pack(&fixture("0.1.0"));
    let norm = Norm::from_files(files.iter().map(|(n, t)| (n.as_str(), t.as_str()))).unwrap();
    assert_eq!(norm.identity().version.to_string(), "0.1.0");
    assert_eq!(norm.identity().format, 1);
    assert_eq!(norm.default_level(), "professional");
    assert_eq!(norm.roles().len(), 13);
    assert_eq!(norm.tasks().len(), 52);
    // The pack has no format field, no default level and no domain list: it reads as format 1.
    let document = load_document(&files);
    assert_eq!(document.norm.format, None);
    assert_eq!(document.levels.default, None);
    assert!(document.tasks.domains.is_empty());
    assert_eq!(norm.domains(), Norm::builtin().unwrap().domains());
}

#[test]
fn builtin_names_its_format_and_default_level() {
    let norm = Norm::builtin().unwrap();
    assert_eq!(norm.identity().format, FORMAT);
    assert_eq!(norm.default_level(), "professional");
    let document = NormDocument::builtin().unwrap();
    assert_eq!(document.norm.format, Some(FORMAT));
    assert_eq!(document.levels.default.as_deref(), Some("professional"));
}
