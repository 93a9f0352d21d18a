//! The analysis schema describes the output the analyzer really produces (the committed file
//! is checked against the code by `crates/rolenorm-cli/tests/schemas.rs`).
#![allow(clippy::unwrap_used)]

mod common;

#[test]
fn analysis_has_every_field_the_schema_requires() {
    let schema: serde_json::Value = serde_json::from_str(&rolenorm_analyze::analysis_schema()).unwrap();
    let analysis = common::analyze(Some("Social Media Manager"), "Du entwickelst unsere Social-Media-Strategie.");
    let value = serde_json::to_value(&analysis).unwrap();
    for field in schema["required"].as_array().unwrap() {
        assert!(value.get(field.as_str().unwrap()).is_some(), "missing {field}");
    }
    for field in [
        "id",
        "language",
        "role",
        "confidence",
        "roles",
        "title_role",
        "title_fits",
        "level",
        "jack_of_all_trades",
        "breadth",
        "platform_focus",
        "platforms",
        "tasks",
        "findings",
        "norm",
    ] {
        assert!(value.get(field).is_some(), "the issue's field {field} is in the output");
    }
}
