//! `rolenorm admin user add|role`: accounts created and changed in a data folder, the password
//! from a file or standard input, bad input refused with the reason.
#![allow(clippy::unwrap_used)]

use std::io::Write;
use std::process::{Command, Output, Stdio};

use rolenorm_store::{AccountRole, Store};

fn rolenorm(args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_rolenorm"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(stdin.as_bytes()).unwrap();
    child.wait_with_output().unwrap()
}

/// A fresh folder for one test.
fn temp_dir(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("rolenorm-admin-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn stored(data: &std::path::Path, email: &str) -> Option<(rolenorm_store::User, String)> {
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    runtime.block_on(async { Store::open(data).await.unwrap().user_by_email(email).await.unwrap() })
}

#[test]
fn the_first_maintainer_is_created_from_the_command_line_and_roles_change() {
    let dir = temp_dir("first");
    let data = dir.join("data");
    let data_arg = data.to_str().unwrap();
    let password_file = dir.join("pw");
    std::fs::write(&password_file, "maintainer password\n").unwrap();
    let add = rolenorm(
        &[
            "admin",
            "user",
            "add",
            "--data",
            data_arg,
            "--role",
            "maintainer",
            "--name",
            "Max",
            "--email",
            "max@example.org",
            "--password-file",
            password_file.to_str().unwrap(),
        ],
        "",
    );
    assert!(add.status.success(), "{}", String::from_utf8_lossy(&add.stderr));
    assert!(String::from_utf8_lossy(&add.stdout).contains("maintainer"));
    let (max, hash) = stored(&data, "max@example.org").unwrap();
    assert_eq!(max.role, AccountRole::Maintainer);
    assert!(hash.starts_with("$argon2id$"), "{hash}");
    assert!(!hash.contains("maintainer password"));

    let from_stdin = rolenorm(
        &["admin", "user", "add", "--data", data_arg, "--name", "Ada", "--email", "ada@example.org"],
        "member password\n",
    );
    assert!(from_stdin.status.success(), "{}", String::from_utf8_lossy(&from_stdin.stderr));
    assert_eq!(stored(&data, "ada@example.org").unwrap().0.role, AccountRole::Member);

    let promote = rolenorm(
        &["admin", "user", "role", "--data", data_arg, "--email", "ada@example.org", "--role", "assessor"],
        "",
    );
    assert!(promote.status.success(), "{}", String::from_utf8_lossy(&promote.stderr));
    assert_eq!(stored(&data, "ada@example.org").unwrap().0.role, AccountRole::Assessor);
}

#[test]
fn bad_accounts_are_refused_with_the_reason() {
    let dir = temp_dir("bad");
    let data = dir.join("data");
    let data_arg = data.to_str().unwrap();
    let cases: [(&[&str], &str, &str); 4] = [
        (&["--role", "boss", "--name", "A", "--email", "a@example.org"], "long enough pw\n", "--role \"boss\""),
        (&["--name", "A", "--email", "not-an-address"], "long enough pw\n", "email"),
        (&["--name", "A", "--email", "a@example.org"], "short\n", "password"),
        (&["--name", "A", "--email", "a@example.org"], "", "password is empty"),
    ];
    for (extra, stdin, expected) in cases {
        let mut args = vec!["admin", "user", "add", "--data", data_arg];
        args.extend_from_slice(extra);
        let out = rolenorm(&args, stdin);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains(expected), "{args:?}: {stderr}");
    }
    let missing =
        rolenorm(&["admin", "user", "role", "--data", data_arg, "--email", "x@example.org", "--role", "member"], "");
    assert_eq!(missing.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("no account has the e-mail address x@example.org"));
}
