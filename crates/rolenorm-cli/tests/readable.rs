//! The readable verdicts (issue 13.4): names instead of ids, quotes instead of offsets,
//! comparable shares, grammar; and the JSON names beside the ids. Runs the real binary.
#![allow(clippy::unwrap_used)]

use std::path::PathBuf;
use std::process::{Command, Output};

fn rolenorm() -> Command {
    Command::new(env!("CARGO_BIN_EXE_rolenorm"))
}

fn example(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples/ads").join(name)
}

fn ok(output: Output) -> String {
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8(output.stdout).unwrap()
}

fn german_report() -> String {
    ok(rolenorm().arg("analyze").arg(example("social-media-manager-de.txt")).output().unwrap())
}

#[test]
fn german_report_shows_names_not_ids() {
    let text = german_report();
    for id in ["[core]", "[optional]", "[excluded]", "social-media-manager", "channel-manager", "Sonstige", "other"] {
        assert!(!text.contains(id), "{id} in\n{text}");
    }
    let breadth = text.lines().find(|l| l.starts_with("Breite:")).unwrap();
    assert!(!breadth.contains('-') || breadth.contains("Motion"), "{breadth}");
    assert!(text.contains("Kernarbeit der Rolle:"), "{text}");
    assert!(text.contains("Warum diese Rolle:"), "{text}");
}

#[test]
fn quotes_replace_offsets_and_shares_are_comparable() {
    let text = german_report();
    let quote = text.lines().find(|l| l.trim_start().starts_with('„')).unwrap();
    assert!(!quote.chars().any(|c| c == '–'), "offsets shown: {quote}");
    let role = text.lines().find(|l| l.starts_with("Rolle:")).unwrap();
    assert!(role.ends_with("%)"), "{role}");
    let alternatives = text.lines().find(|l| l.starts_with("Alternativen:")).unwrap();
    assert!(alternatives.contains("%)"), "{alternatives}");
}

#[test]
fn wollmilchsau_counts_only_normed_roles() {
    let text = german_report();
    let finding = text.lines().find(|l| l.contains("Kernarbeit von")).unwrap();
    assert!(!finding.contains("Sonstige"), "{finding}");
    let count: usize = finding.split("Kernarbeit von ").nth(1).unwrap().split(' ').next().unwrap().parse().unwrap();
    let after = finding.split_once(" (").unwrap().1;
    let listed = &after[..after.rfind(").").unwrap()];
    assert_eq!(listed.split("; ").count(), count, "{finding}");
    assert!(finding.contains(if count == 1 { " Rolle (" } else { " Rollen (" }), "{finding}");
}

#[test]
fn json_carries_names_beside_ids() {
    let text = ok(rolenorm().args(["analyze", "--json"]).arg(example("social-media-manager-de.txt")).output().unwrap());
    let value: serde_json::Value = serde_json::from_str(&text).unwrap();
    for field in ["role_name", "title_role_name", "level_name"] {
        assert!(value[field].as_str().is_some_and(|s| !s.is_empty()), "{field}");
    }
    assert!(value["roles"].as_array().unwrap().iter().all(|r| r["name"].as_str().is_some_and(|s| !s.is_empty())));
    assert!(value["tasks"].as_array().unwrap().iter().all(|t| t["name"].as_str().is_some_and(|s| !s.is_empty())));
    assert_ne!(value["role_name"], value["role"]);
}

#[test]
fn english_grammar_has_no_bare_article_or_optional_plural() {
    let out = rolenorm()
        .args(["analyze", "-", "--lang", "en", "--title", "Influencer Marketing Manager"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut child = out;
    use std::io::Write;
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"Your tasks\n- Run our paid social campaigns and manage the ad budget\n- Write press releases\n")
        .unwrap();
    let text = ok(child.wait_with_output().unwrap());
    assert!(!text.contains("a Influencer") && !text.contains("(s)"), "{text}");
}
