//! `rolenorm norm diff` end to end: the real binary on the built-in norm and an edited copy.
#![allow(clippy::unwrap_used)]

use std::path::PathBuf;
use std::process::{Command, Output};

fn rolenorm() -> Command {
    Command::new(env!("CARGO_BIN_EXE_rolenorm"))
}

/// A copy of the repository's `norm/` in a fresh temporary folder, with `edit` applied to
/// `roles.toml` and `norm.toml`.
fn edited_copy(name: &str, edit_roles: impl Fn(&str) -> String, edit_norm: impl Fn(&str) -> String) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("rolenorm-norm-diff-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let norm = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../norm");
    for entry in std::fs::read_dir(norm).unwrap() {
        let path = entry.unwrap().path();
        let file = path.file_name().unwrap().to_str().unwrap().to_owned();
        let text = std::fs::read_to_string(&path).unwrap();
        let text = match file.as_str() {
            "roles.toml" => edit_roles(&text),
            "norm.toml" => edit_norm(&text),
            _ => text,
        };
        std::fs::write(dir.join(file), text).unwrap();
    }
    dir
}

/// The social media manager no longer may do COM-02 (optional → excluded).
fn narrow_one_cell(roles: &str) -> String {
    let start = roles.find("id = \"social-media-manager\"").unwrap();
    let optional = start + roles[start..].find("optional = [").unwrap();
    let end = optional + roles[optional..].find(']').unwrap();
    let line = roles[optional..end].replacen("\"COM-02\", ", "", 1);
    assert_ne!(line, roles[optional..end], "COM-02 is optional for the social media manager");
    format!("{}{}{}", &roles[..optional], line, &roles[end..])
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

#[test]
fn changed_scope_cell_is_reported_with_a_major_bump() {
    let dir = edited_copy("narrow", narrow_one_cell, str::to_owned);
    let out = rolenorm().args(["norm", "diff", "builtin"]).arg(&dir).output().unwrap();
    let text = stdout(&out);
    assert_eq!(out.status.code(), Some(1), "version 0.1.0 is too low for a major change:\n{text}");
    let line = text.lines().find(|l| l.trim_start().starts_with("COM-02 ")).unwrap_or_default();
    assert!(line.ends_with("× Social Media Manager (social-media-manager): optional → excluded [major]"), "{text}");
    assert!(text.contains("Bump needed: major (0.1.0 → at least 1.0.0)"), "{text}");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("lower than 1.0.0"), "{stderr}");

    let out = rolenorm().args(["norm", "diff", "--json", "builtin"]).arg(&dir).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["scope"].as_array().unwrap().len(), 1, "{json}");
    let cell = &json["scope"][0];
    assert_eq!((cell["task"].as_str(), cell["role"].as_str()), (Some("COM-02"), Some("social-media-manager")));
    assert_eq!((cell["old"].as_str(), cell["new"].as_str()), (Some("optional"), Some("excluded")));
    assert_eq!(json["bump"], "major");
    assert_eq!(json["version_ok"], false);
}

#[test]
fn bumped_version_passes_and_identical_packs_need_nothing() {
    let dir = edited_copy("bumped", narrow_one_cell, |t| t.replacen("version = \"0.1.0\"", "version = \"1.0.0\"", 1));
    let out = rolenorm().args(["norm", "diff", "builtin"]).arg(&dir).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    assert!(stdout(&out).contains("Version 1.0.0 is fine."), "{}", stdout(&out));

    let out = rolenorm().args(["norm", "diff", "builtin", "builtin"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(stdout(&out).contains("No changes."), "{}", stdout(&out));

    let out = rolenorm().args(["norm", "diff", "builtin", "/nonexistent/norm"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("/nonexistent/norm"));
}
