//! `rolenorm assess` and `rolenorm credential …` end to end: keygen → assess → issue → verify
//! → revoke, with the exit codes and the key file's permissions.
#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn rolenorm() -> Command {
    Command::new(env!("CARGO_BIN_EXE_rolenorm"))
}

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("rolenorm-cred-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn run(cmd: &mut Command) -> Output {
    cmd.output().unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn profile(name: &str) -> PathBuf {
    repo().join("crates/rolenorm-assess/tests/fixtures").join(name)
}

fn issuable() -> PathBuf {
    repo().join("crates/rolenorm-credential/tests/fixtures/community-manager.self.json")
}

fn keygen(dir: &Path) -> (PathBuf, String) {
    let key = dir.join("issuer.key");
    let out = run(rolenorm().args(["credential", "keygen", "-o"]).arg(&key));
    assert!(out.status.success(), "{}", text(&out.stderr));
    (key, text(&out.stdout).trim().to_owned())
}

fn issue(dir: &Path, key: &Path, name: &str) -> PathBuf {
    let cred = dir.join(format!("{name}.json"));
    let out = run(rolenorm()
        .args(["credential", "issue"])
        .arg(issuable())
        .arg("--key")
        .arg(key)
        .args(["--role", "community-manager", "--name", name, "--valid-days", "365", "-o"])
        .arg(&cred));
    assert!(out.status.success(), "{}", text(&out.stderr));
    cred
}

#[test]
fn assess_reports_fit_and_gaps_in_both_forms() {
    let out = run(rolenorm().arg("assess").arg(profile("community-manager.self.json")));
    assert!(out.status.success(), "{}", text(&out.stderr));
    let report = text(&out.stdout);
    assert!(
        report.contains("for Community Manager per norm rolenorm@0.1.0: Crisis and issues management is missing"),
        "{report}"
    );
    let out = run(rolenorm().args(["assess", "--json"]).arg(profile("social-media-manager.cv.de.txt")));
    let value: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(value["best"][0], "social-media-manager");
    assert_eq!(value["norm"]["version"], "0.1.0");
    let out = run(rolenorm().args(["assess", "/nonexistent/profile.txt"]));
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("/nonexistent/profile.txt"));
}

#[test]
fn keygen_writes_an_owner_only_key_and_prints_only_the_did() {
    let dir = temp_dir("keygen");
    let (key, did) = keygen(&dir);
    assert!(did.starts_with("did:key:z6Mk"), "{did}");
    let file = std::fs::read_to_string(&key).unwrap();
    let secret: serde_json::Value = serde_json::from_str(&file).unwrap();
    assert!(!did.contains(secret["secretKeyMultibase"].as_str().unwrap()));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(std::fs::metadata(&key).unwrap().permissions().mode() & 0o777, 0o600);
    }
    let again = run(rolenorm().args(["credential", "keygen", "-o"]).arg(&key));
    assert_eq!(again.status.code(), Some(2), "an existing key file is never overwritten");
    assert_eq!(std::fs::read_to_string(&key).unwrap(), file);
}

#[test]
fn issue_verify_revoke_with_exit_codes() {
    let dir = temp_dir("flow");
    let (key, did) = keygen(&dir);
    let kept = issue(&dir, &key, "Alex Example");
    let out = run(rolenorm().args(["credential", "verify"]).arg(&kept).args(["--issuer", &did]));
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stdout));
    let report = text(&out.stdout);
    assert!(report.contains("Community Manager according to rolenorm rolenorm@0.1.0"), "{report}");
    assert!(report.contains("to Alex Example"), "{report}");

    // Changed after signing: invalid, with the reason.
    let mut value: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&kept).unwrap()).unwrap();
    value["credentialSubject"]["identifier"][0]["identityHash"] = "Mallory".into();
    let tampered = dir.join("tampered.json");
    std::fs::write(&tampered, value.to_string()).unwrap();
    let out = run(rolenorm().args(["credential", "verify", "--json"]).arg(&tampered));
    assert_eq!(out.status.code(), Some(1));
    let verdict: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(verdict["reason"], "bad-signature");

    // Expired at a later time.
    let out = run(rolenorm().args(["credential", "verify", "--at", "2099-01-01T00:00:00Z"]).arg(&kept));
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stdout).contains("(expired)"), "{}", text(&out.stdout));

    // Revoked: the list is created, signed, and read back.
    let revoked = issue(&dir, &key, "Bea Example");
    let list = dir.join("status.json");
    let out = run(rolenorm()
        .args(["credential", "revoke"])
        .arg(&revoked)
        .arg("--key")
        .arg(&key)
        .arg("--status-list")
        .arg(&list));
    assert!(out.status.success(), "{}", text(&out.stderr));
    let out = run(rolenorm().args(["credential", "verify"]).arg(&revoked).arg("--status-list").arg(&list));
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stdout).contains("(revoked)"), "{}", text(&out.stdout));
    let out = run(rolenorm().args(["credential", "verify"]).arg(&kept).arg("--status-list").arg(&list));
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stdout));
    assert!(text(&out.stdout).contains("not revoked"));

    // Unreadable input: exit 2.
    std::fs::write(dir.join("junk.json"), "not json").unwrap();
    let out = run(rolenorm().args(["credential", "verify"]).arg(dir.join("junk.json")));
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn issuing_a_role_with_missing_core_tasks_is_refused() {
    let dir = temp_dir("refuse");
    let (key, _) = keygen(&dir);
    let out = run(rolenorm()
        .args(["credential", "issue"])
        .arg(profile("community-manager.self.json"))
        .arg("--key")
        .arg(&key)
        .args(["--role", "community-manager", "-o"])
        .arg(dir.join("cred.json")));
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("COM-04 missing"), "{}", text(&out.stderr));
    assert!(!dir.join("cred.json").exists());
}
