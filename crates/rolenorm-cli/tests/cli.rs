//! The `rolenorm` binary end to end: real files, real processes.
#![allow(clippy::unwrap_used)]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn rolenorm() -> Command {
    Command::new(env!("CARGO_BIN_EXE_rolenorm"))
}

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// A fresh temporary folder for one test.
fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("rolenorm-cli-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn run(cmd: &mut Command) -> Output {
    cmd.output().expect("rolenorm runs")
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn with_stdin(cmd: &mut Command, input: &[u8]) -> Output {
    let mut child = cmd.stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
    child.stdin.take().unwrap().write_all(input).unwrap();
    child.wait_with_output().unwrap()
}

#[test]
fn analyze_prints_a_readable_report() {
    let out = run(rolenorm().arg("analyze").arg(repo().join("examples/ads/social-media-manager-de.txt")));
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    for expected in ["Rolle:", "Titel nennt:", "Aufgaben", "Hinweise:", "Norm: rolenorm"] {
        assert!(text.contains(expected), "{expected} in\n{text}");
    }
}

#[test]
fn analyze_json_has_the_documented_fields() {
    let out = run(rolenorm().args(["analyze", "--json"]).arg(repo().join("examples/ads/community-manager-en.html")));
    assert!(out.status.success(), "{}", stderr(&out));
    let value: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(value["id"], "NW-2026-014");
    assert_eq!(value["format"], "json-ld");
    assert_eq!(value["language"], "en");
    assert_eq!(value["role"], "community-manager");
    assert!(value["tasks"].as_array().unwrap().iter().all(|t| t["evidence"].as_array().is_some_and(|e| !e.is_empty())));
}

#[test]
fn analyze_reads_standard_input_with_title_and_language() {
    let out = with_stdin(
        rolenorm().args(["analyze", "-", "--json", "--title", "Content Creator TikTok", "--ad-lang", "de"]),
        "Du drehst und schneidest TikTok-Videos und Reels und schreibst Captions.".as_bytes(),
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let value: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(value["language"], "de");
    assert_eq!(value["title"], "Content Creator TikTok");
}

#[test]
fn bad_inputs_name_the_input_and_the_problem() {
    let dir = temp_dir("bad");
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("empty.txt", Vec::new(), "empty"),
        ("binary.bin", b"\x7fELF\x02\x01\x01\x00\x00\x00".to_vec(), "binary"),
        ("latin1.txt", b"Redakteur f\xfcr Online".to_vec(), "not valid UTF-8"),
        ("broken.json", br#"{"@type":"JobPosting","title":"#.to_vec(), "malformed JSON"),
        ("huge.txt", vec![b'a'; 20 * 1024 * 1024], "limit"),
    ];
    for (name, content, problem) in cases {
        let path = dir.join(name);
        std::fs::write(&path, &content).unwrap();
        let out = run(rolenorm().arg("analyze").arg(&path));
        assert_eq!(out.status.code(), Some(2), "{name}");
        let message = stderr(&out);
        assert!(message.contains(name), "{name} named in {message}");
        assert!(message.contains(problem), "{problem} in {message}");
        assert!(!message.contains("panicked"), "{message}");
    }
    let missing = run(rolenorm().arg("analyze").arg(dir.join("nope.txt")));
    assert_eq!(missing.status.code(), Some(2));
    assert!(stderr(&missing).contains("nope.txt"));
}

#[test]
fn latin1_is_read_when_named() {
    let dir = temp_dir("latin1");
    let path = dir.join("ad.txt");
    std::fs::write(&path, b"Online-Redakteur f\xfcr M\xfcnchen\nDu pflegst unsere Website im CMS.").unwrap();
    let out = run(rolenorm().args(["analyze", "--json", "--encoding", "windows-1252"]).arg(&path));
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("München"));
}

#[test]
fn unknown_norm_folder_is_an_error() {
    let out = run(rolenorm()
        .args(["analyze", "--norm", "/no/such/norm"])
        .arg(repo().join("examples/ads/social-media-manager-de.txt")));
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("/no/such/norm"), "{}", stderr(&out));
}

#[test]
fn batch_keeps_order_and_reports_bad_lines() {
    let dir = temp_dir("batch");
    let input = dir.join("ads.jsonl");
    let output = dir.join("out.jsonl");
    let lines = [
        r#"{"id": "a", "title": "Community Manager", "text": "Du moderierst Kommentare."}"#,
        r#"{"id": "b", "text": "#,
        r#"{"id": 3, "title": null, "html": "<h1>Paid Social Manager</h1><p>Meta Ads schalten</p>"}"#,
        r#"{"id": "d", "title": "x"}"#,
        "",
        r#"{"id": "e", "text": "Social Media Manager\nYou own our social media strategy.", "lang": "en"}"#,
    ];
    std::fs::write(&input, lines.join("\n")).unwrap();
    let out = run(rolenorm().args(["batch"]).arg(&input).arg("-o").arg(&output));
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stderr(&out).contains("5 ads, 2 errors"), "{}", stderr(&out));
    let written = std::fs::read_to_string(&output).unwrap();
    let values: Vec<serde_json::Value> = written.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(values.len(), 5);
    assert_eq!(values[0]["id"], "a");
    assert_eq!(values[1]["line"], 2);
    assert!(values[1]["error"].as_str().unwrap().contains("malformed JSON"));
    assert_eq!(values[2]["id"], "3");
    assert_eq!(values[2]["format"], "html");
    assert_eq!(values[3]["id"], "d");
    assert!(values[3]["error"].as_str().unwrap().contains("neither"));
    assert_eq!(values[4]["id"], "e");
    assert!(!dir.join("out.jsonl.partial").exists());
}

#[test]
fn batch_streams_from_stdin_to_stdout() {
    let out = with_stdin(rolenorm().args(["batch", "-", "-o", "-"]), br#"{"id":"x","text":"Du schneidest Reels."}"#);
    assert!(out.status.success(), "{}", stderr(&out));
    let value: serde_json::Value = serde_json::from_str(stdout(&out).trim()).unwrap();
    assert_eq!(value["id"], "x");
}

#[test]
fn eval_prints_the_measures() {
    let gold = repo().join("../shared/eval/dev-written.jsonl");
    if !gold.exists() {
        eprintln!("skipped: {} is absent (shared/ beside the repository)", gold.display());
        return;
    }
    let out = run(rolenorm().args(["eval", "--json"]).arg(&gold));
    assert!(out.status.success(), "{}", stderr(&out));
    let value: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let report = value.as_object().unwrap().values().next().unwrap();
    assert_eq!(report["ads"], 85);
    assert!(report["role_accuracy"]["value"].as_f64().unwrap() > 0.0);
    let text = stdout(&run(rolenorm().arg("eval").arg(&gold)));
    assert!(
        text.contains("macro-F1 social roles") && text.contains("confusion") && text.contains("tasks (social roles)")
    );
}

#[test]
fn eval_folds_reports_tuning_and_held_out_folds() {
    let gold = repo().join("../shared/eval/dev-written.jsonl");
    if !gold.exists() {
        println!("skipped: ../shared/eval is not beside the repository");
        return;
    }
    let out = run(rolenorm().args(["eval", "--folds", "5", "--seed", "3", "--json"]).arg(&gold));
    assert!(out.status.success(), "{}", stderr(&out));
    let value: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let report = value.as_object().unwrap().values().next().unwrap();
    let folds = report["per_fold"].as_array().unwrap();
    assert_eq!(folds.len(), 5);
    assert_eq!(folds.iter().map(|f| f["ads"].as_u64().unwrap()).sum::<u64>(), 85);
    assert_eq!(report["held_out"], 5);
    let again = run(rolenorm().args(["eval", "--folds", "5", "--seed", "3", "--json"]).arg(&gold));
    assert_eq!(stdout(&out), stdout(&again), "the split is deterministic");
    let text = stdout(&run(rolenorm().args(["eval", "--folds", "4", "--held-out", "2"]).arg(&gold)));
    assert!(text.contains("f2*") && text.contains("held-out") && text.contains("task F1"), "{text}");
}

#[test]
fn eval_refuses_empty_and_unlabelled_files() {
    let dir = temp_dir("eval-bad");
    let empty = dir.join("empty.jsonl");
    std::fs::write(&empty, "\n").unwrap();
    let out = run(rolenorm().arg("eval").arg(&empty));
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("empty.jsonl holds no labelled ads"), "{}", stderr(&out));
    let unlabelled = dir.join("ads.jsonl");
    std::fs::write(&unlabelled, r#"{"id":"x","text":"Du schneidest Reels."}"#).unwrap();
    let out = run(rolenorm().arg("eval").arg(&unlabelled));
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("ads.jsonl:1: not a labelled ad"), "{}", stderr(&out));
    let out = run(rolenorm().args(["eval", "--folds", "3", "--held-out", "4"]).arg(&unlabelled));
    assert_eq!(out.status.code(), Some(2));
}

fn copy_pack(to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(repo().join("norm")).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, to.join(path.file_name().unwrap())).unwrap();
    }
}

#[test]
fn norm_check_passes_on_the_builtin_and_reports_broken_folders() {
    let out = run(rolenorm().args(["norm", "check"]));
    assert!(out.status.success(), "{}{}", stdout(&out), stderr(&out));
    let dir = temp_dir("norm");
    copy_pack(&dir);
    let out = run(rolenorm().args(["norm", "check"]).arg(&dir));
    assert!(out.status.success(), "{}", stdout(&out));

    let roles = std::fs::read_to_string(dir.join("roles.toml")).unwrap();
    std::fs::write(dir.join("roles.toml"), roles.replacen("\"CON-02\"", "\"CON-77\"", 1)).unwrap();
    let out = run(rolenorm().args(["norm", "check"]).arg(&dir));
    assert_eq!(out.status.code(), Some(1));
    let report = stdout(&out);
    assert!(report.contains("roles.toml:") && report.contains("CON-77"), "{report}");
}

#[test]
fn norm_show_and_export() {
    let out = run(rolenorm().args(["norm", "show", "community-manager", "--lang", "de"]));
    assert!(out.status.success());
    assert!(stdout(&out).contains("Kernaufgaben"));
    let out = run(rolenorm().args(["norm", "show", "com-02"]));
    assert!(out.status.success());
    assert!(stdout(&out).starts_with("COM-02"));
    let out = run(rolenorm().args(["norm", "show", "astronaut"]));
    assert_eq!(out.status.code(), Some(2));
    let out = run(rolenorm().args(["norm", "export", "--format", "json"]));
    let value: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert!(value["tasks"].as_array().unwrap().len() >= 52);
    let out = run(rolenorm().args(["norm", "export", "--format", "markdown", "--lang", "en"]));
    assert!(stdout(&out).contains("## Scope matrix"));
}
