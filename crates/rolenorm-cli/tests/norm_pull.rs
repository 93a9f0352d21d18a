//! `rolenorm norm pull`: a release stored in a data folder becomes a pack folder that
//! `--norm DIR` reads, and the analysis names the released version.
#![allow(clippy::unwrap_used)]

use std::process::{Command, Output};

use rolenorm_norm::{Change, NormDocument, Scope, apply_changes};
use rolenorm_store::{AccountRole, NewRelease, Store};

fn rolenorm(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_rolenorm")).args(args).output().unwrap()
}

fn temp_dir(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("rolenorm-pull-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Stores a release that makes COM-02 core for channel managers; its version.
fn release_into(data: &std::path::Path) -> String {
    let base = NormDocument::builtin().unwrap();
    let change =
        Change::SetScope { task: "COM-02".into(), role: "channel-manager".into(), scope: Scope::Core, owner: None };
    let mut document = apply_changes(&base, &[change]).unwrap().document;
    let old = semver::Version::parse(&base.norm.version).unwrap();
    let version = semver::Version::new(old.major, old.minor + 1, 0).to_string();
    document.norm.version = version.clone();
    let files: std::collections::BTreeMap<&str, String> = document.to_files().unwrap().into_iter().collect();
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    runtime.block_on(async {
        let store = Store::open(data).await.unwrap();
        let admin =
            store.create_user("Max", "max@example.org", "$argon2id$unused", AccountRole::Maintainer).await.unwrap();
        let new = NewRelease {
            version: version.clone(),
            previous: base.norm.version.clone(),
            bump: "minor".into(),
            released_by: admin.id,
            files: serde_json::to_string(&files).unwrap(),
            changelog: "## test".into(),
        };
        store.create_release(new, Vec::new(), |_, _| Ok(())).await.unwrap();
    });
    version
}

#[test]
fn a_pulled_release_is_a_pack_that_analyses_with_its_version() {
    let dir = temp_dir("ok");
    let data = dir.join("data");
    let version = release_into(&data);
    let out = dir.join("pack");
    let pulled = rolenorm(&[
        "norm",
        "pull",
        "--data",
        data.to_str().unwrap(),
        "--version",
        &version,
        "-o",
        out.to_str().unwrap(),
    ]);
    assert!(pulled.status.success(), "{}", String::from_utf8_lossy(&pulled.stderr));
    let check = rolenorm(&["norm", "check", out.to_str().unwrap()]);
    assert!(check.status.success(), "{}", String::from_utf8_lossy(&check.stdout));
    assert!(String::from_utf8_lossy(&check.stdout).contains(&version));
    let ad = dir.join("ad.txt");
    std::fs::write(&ad, "Channel Manager\n\nDu moderierst Kommentare und beantwortest Nachrichten der Community.\n")
        .unwrap();
    let analysis = rolenorm(&["analyze", "--json", "--norm", out.to_str().unwrap(), ad.to_str().unwrap()]);
    assert!(analysis.status.success(), "{}", String::from_utf8_lossy(&analysis.stderr));
    let json: serde_json::Value = serde_json::from_slice(&analysis.stdout).unwrap();
    assert_eq!(json["norm"]["version"], version.as_str());
    let latest =
        rolenorm(&["norm", "pull", "--data", data.to_str().unwrap(), "-o", dir.join("latest").to_str().unwrap()]);
    assert!(latest.status.success());
    let diff = rolenorm(&["norm", "diff", "builtin", out.to_str().unwrap(), "--json"]);
    let diff: serde_json::Value = serde_json::from_slice(&diff.stdout).unwrap();
    assert!(diff["scope"].as_array().unwrap().iter().any(|s| s["task"] == "COM-02" && s["role"] == "channel-manager"));
}

#[test]
fn pulling_what_was_never_released_is_an_error_naming_it() {
    let dir = temp_dir("missing");
    let data = dir.join("data");
    release_into(&data);
    let out = rolenorm(&[
        "norm",
        "pull",
        "--data",
        data.to_str().unwrap(),
        "--version",
        "9.9.9",
        "-o",
        dir.join("x").to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("version 9.9.9 was never released"));
    let nothing = rolenorm(&[
        "norm",
        "pull",
        "--data",
        dir.join("nowhere").to_str().unwrap(),
        "-o",
        dir.join("y").to_str().unwrap(),
    ]);
    assert_eq!(nothing.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&nothing.stderr).contains("holds no rolenorm database"));
}
