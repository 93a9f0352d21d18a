//! Compatibility fixtures, in the manner of tantivy's: analyses written by earlier versions
//! must still load and read. `fixtures/analysis-v1-before-schema-version.jsonl` was written by
//! rolenorm 0.1.0 before the field existed; `fixtures/analysis-v1.jsonl` at schema version 1.
//! Never regenerate them: add a fixture for each new schema version instead.
#![allow(clippy::unwrap_used)]

use rolenorm_wire::{Analysis, FindingCode, Format, Language, SCHEMA_VERSION, Scope};

fn read(name: &str) -> Vec<Analysis> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name);
    let text = std::fs::read_to_string(&path).unwrap();
    text.lines().map(|line| serde_json::from_str(line).unwrap_or_else(|e| panic!("{name}: {e}"))).collect()
}

#[test]
fn analyses_written_before_schema_version_read_as_version_1() {
    let analyses = read("analysis-v1-before-schema-version.jsonl");
    assert_eq!(analyses.len(), 2);
    for analysis in &analyses {
        assert_eq!(analysis.schema_version, 1);
        assert!(!analysis.tasks.is_empty());
        assert!(analysis.tasks.iter().all(|t| matches!(t.scope, Scope::Core | Scope::Optional | Scope::Excluded)));
    }
    assert_eq!(analyses[0].language, Language::De);
    assert_eq!(analyses[1].format, Format::JsonLd);
    assert!(analyses[0].findings.iter().any(|f| f.code == FindingCode::TitleMismatch));
}

#[test]
fn analyses_at_schema_version_1_still_read() {
    let analyses = read("analysis-v1.jsonl");
    assert_eq!(analyses[0].schema_version, 1);
    assert!(SCHEMA_VERSION >= 1);
    // A round trip keeps every field this version knows.
    let again: Analysis = serde_json::from_str(&serde_json::to_string(&analyses[0]).unwrap()).unwrap();
    assert_eq!(again, analyses[0]);
}
