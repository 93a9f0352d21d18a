//! Data-driven golden ads: every `tests/ads/NAME.{txt,html,json}` with its `NAME.expect.json`
//! goes through one [`check`]. Adding a case is adding two files (see `tests/ads/README.md`).
#![allow(clippy::unwrap_used)]

mod common;

use std::path::{Path, PathBuf};

use rolenorm_analyze::{Ad, Analysis, Format};
use serde_json::Value;

/// The expected fields of one case.
#[derive(Debug, Default, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct Expect {
    title: Option<String>,
    role: Option<String>,
    title_role: Option<String>,
    level: Option<String>,
    language: Option<String>,
    format: Option<String>,
    title_fits: Option<bool>,
    jack_of_all_trades: Option<bool>,
    /// Present and null: no platform focus; absent: not checked.
    #[serde(default, deserialize_with = "present")]
    platform_focus: Option<Option<String>>,
    #[serde(default)]
    tasks: Vec<String>,
    #[serde(default)]
    not_tasks: Vec<String>,
    #[serde(default)]
    findings: Vec<String>,
    #[serde(default)]
    not_findings: Vec<String>,
}

fn present<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<Option<Option<String>>, D::Error> {
    serde::Deserialize::deserialize(deserializer).map(Some)
}

/// Analyses `input` and lists every way the analysis differs from `expect`.
fn check(input: &Path, expect: &Expect) -> Vec<String> {
    let content = std::fs::read_to_string(input).unwrap();
    let format = match input.extension().and_then(|e| e.to_str()) {
        Some("txt") => Format::Text,
        Some("html") => Format::Html,
        _ => Format::JsonLd,
    };
    let ad = Ad { title: expect.title.as_deref(), content: &content, format: Some(format), ..Ad::default() };
    let analysis = match common::analyzer().analyze(ad) {
        Ok(analysis) => analysis,
        Err(error) => return vec![format!("cannot analyse: {error}")],
    };
    let value = serde_json::to_value(&analysis).unwrap();
    let mut problems = Vec::new();
    let mut field = |name: &str, expected: Option<Value>| {
        if let Some(expected) = expected
            && value[name] != expected
        {
            problems.push(format!("{name}: expected {expected}, got {}", value[name]));
        }
    };
    field("role", expect.role.clone().map(Value::from));
    field("title_role", expect.title_role.clone().map(Value::from));
    field("level", expect.level.clone().map(Value::from));
    field("language", expect.language.clone().map(Value::from));
    field("format", expect.format.clone().map(Value::from));
    field("title_fits", expect.title_fits.map(Value::from));
    field("jack_of_all_trades", expect.jack_of_all_trades.map(Value::from));
    field("platform_focus", expect.platform_focus.clone().map(|p| p.map_or(Value::Null, Value::from)));
    problems.extend(membership("task", &task_ids(&analysis), &expect.tasks, &expect.not_tasks));
    problems.extend(membership("finding", &finding_codes(&analysis), &expect.findings, &expect.not_findings));
    problems
}

fn task_ids(analysis: &Analysis) -> Vec<String> {
    analysis.tasks.iter().map(|t| t.id.clone()).collect()
}

fn finding_codes(analysis: &Analysis) -> Vec<String> {
    analysis.findings.iter().map(|f| f.code.as_str().to_owned()).collect()
}

/// What is missing from `got` of `wanted`, and what of `unwanted` is in it.
fn membership(kind: &str, got: &[String], wanted: &[String], unwanted: &[String]) -> Vec<String> {
    let missing = wanted.iter().filter(|w| !got.contains(w)).map(|w| format!("{kind} {w} expected, got {got:?}"));
    let extra = unwanted.iter().filter(|u| got.contains(u)).map(|u| format!("{kind} {u} not expected"));
    missing.chain(extra).collect()
}

/// The cases: every ad file beside an `.expect.json`.
fn cases() -> Vec<(PathBuf, PathBuf)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/ads");
    let mut cases: Vec<(PathBuf, PathBuf)> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| matches!(p.extension().and_then(|e| e.to_str()), Some("txt" | "html")) || is_ad_json(p))
        .map(|p| {
            let stem = p.file_stem().unwrap().to_string_lossy().into_owned();
            let expect = dir.join(format!("{stem}.expect.json"));
            (p, expect)
        })
        .collect();
    cases.sort();
    cases
}

fn is_ad_json(path: &Path) -> bool {
    path.extension().is_some_and(|e| e == "json") && !path.to_string_lossy().ends_with(".expect.json")
}

#[test]
fn golden_ads_have_their_expected_fields() {
    let cases = cases();
    assert!(cases.len() >= 5, "the golden ads are in tests/ads");
    let mut failures = Vec::new();
    for (input, expect_path) in &cases {
        let text = std::fs::read_to_string(expect_path)
            .unwrap_or_else(|_| panic!("{} has no {}", input.display(), expect_path.display()));
        let expect: Expect = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", expect_path.display()));
        for problem in check(input, &expect) {
            failures.push(format!("{}: {problem}", input.file_name().unwrap().to_string_lossy()));
        }
    }
    assert!(failures.is_empty(), "golden ads differ:\n{}", failures.join("\n"));
}

#[test]
fn check_reports_a_wrong_expectation() {
    let (input, _) = cases().into_iter().find(|(p, _)| p.to_string_lossy().contains("nurse")).unwrap();
    let wrong = Expect { role: Some("community-manager".into()), tasks: vec!["STR-01".into()], ..Expect::default() };
    let problems = check(&input, &wrong);
    assert_eq!(problems.len(), 2, "{problems:?}");
}
