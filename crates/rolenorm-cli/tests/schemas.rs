//! Every JSON document rolenorm prints or reads has a committed JSON Schema under `schema/`
//! that matches the code: a changed type with an unchanged file fails here.
//! `UPDATE_SCHEMA=1 cargo test -p rolenorm-cli --test schemas` rewrites the files.
#![allow(clippy::unwrap_used)]

use std::path::PathBuf;
use std::process::Command;

/// The documents `rolenorm schema` knows, with their committed files.
const DOCUMENTS: [&str; 5] = ["analysis", "ad-record", "eval", "aggregates", "evidence"];

fn committed(document: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../schema").join(format!("{document}.schema.json"))
}

#[test]
fn committed_schemas_match_the_code() {
    let mut stale = Vec::new();
    for document in DOCUMENTS {
        let out = Command::new(env!("CARGO_BIN_EXE_rolenorm")).args(["schema", document]).output().unwrap();
        assert!(out.status.success(), "rolenorm schema {document}: {}", String::from_utf8_lossy(&out.stderr));
        let generated = String::from_utf8(out.stdout).unwrap();
        let path = committed(document);
        if std::fs::read_to_string(&path).unwrap_or_default() == generated {
            continue;
        }
        if std::env::var_os("UPDATE_SCHEMA").is_some() {
            std::fs::write(&path, &generated).unwrap();
        } else {
            stale.push(path.display().to_string());
        }
    }
    assert!(stale.is_empty(), "stale schemas (run UPDATE_SCHEMA=1 cargo test -p rolenorm-cli --test schemas): {stale:?}");
}

#[test]
fn every_schema_is_a_json_schema_with_a_title() {
    for document in DOCUMENTS {
        let text = std::fs::read_to_string(committed(document)).unwrap();
        let schema: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert!(schema["$schema"].as_str().unwrap().contains("json-schema.org"), "{document}");
        assert!(schema["title"].is_string(), "{document}");
    }
}
