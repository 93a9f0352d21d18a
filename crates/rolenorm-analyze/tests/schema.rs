//! The committed JSON Schema describes the output the analyzer really produces.
#![allow(clippy::unwrap_used)]

mod common;

#[test]
fn committed_schema_is_current() {
    let path = common::repo_root().join("schema/analysis.schema.json");
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    let generated = rolenorm_analyze::analysis_schema();
    if committed != generated {
        if std::env::var_os("UPDATE_SCHEMA").is_some() {
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, &generated).unwrap();
        } else {
            panic!("{} is stale: run `UPDATE_SCHEMA=1 cargo test -p rolenorm-analyze --test schema`", path.display());
        }
    }
}

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
