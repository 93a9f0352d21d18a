//! Habits of good CLIs (issue 13.6): completions, man page, compare, the scoring trace.
//! Runs the real binary.
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

#[test]
fn completions_cover_the_subcommands() {
    for shell in ["bash", "zsh", "fish"] {
        let script = ok(rolenorm().args(["completions", shell]).output().unwrap());
        for sub in ["analyze", "batch", "report", "compare"] {
            assert!(script.contains(sub), "{shell} completion lacks {sub}");
        }
    }
    let bad = rolenorm().args(["completions", "cmd.exe"]).output().unwrap();
    assert_eq!(bad.status.code(), Some(2));
}

#[test]
fn man_page_is_roff_with_every_subcommand() {
    let page = ok(rolenorm().arg("man").output().unwrap());
    assert!(page.starts_with(".ie") || page.contains(".TH rolenorm"), "{}", &page[..200.min(page.len())]);
    for sub in ["ANALYZE", "BATCH", "REPORT", "COMPARE"] {
        assert!(page.contains(&format!("ROLENORM {sub}")), "{sub}");
    }
}

#[test]
fn compare_shows_roles_and_the_tasks_of_one_only() {
    let text = ok(rolenorm()
        .args(["compare", "--lang", "en"])
        .arg(example("social-media-manager-de.txt"))
        .arg(example("community-manager-en.html"))
        .output()
        .unwrap());
    assert!(text.contains("Role:") && text.contains("Community Manager"), "{text}");
    assert!(text.contains("Only in the first ad") && text.contains("Only in the second ad"), "{text}");
    let only_first = text.split("Only in the first ad (").nth(1).unwrap();
    let count: usize = only_first.split(')').next().unwrap().parse().unwrap();
    assert!(count > 0, "{text}");
}

#[test]
fn explain_traces_each_listed_role() {
    let text =
        ok(rolenorm().args(["explain", "--lang", "en"]).arg(example("community-manager-en.html")).output().unwrap());
    assert!(text.contains("Weights:"), "{text}");
    assert!(text.contains("core tasks") && text.contains("coverage of core"), "{text}");
    assert!(text.contains("title bonus"), "{text}");
}

#[test]
fn analyze_explain_prints_the_report_then_the_same_trace_as_explain() {
    let ad = example("social-media-manager-de.txt");
    let trace = ok(rolenorm().arg("explain").arg(&ad).output().unwrap());
    let both = ok(rolenorm().args(["analyze", "--explain"]).arg(&ad).output().unwrap());
    let report = ok(rolenorm().arg("analyze").arg(&ad).output().unwrap());
    assert!(both.starts_with(&report), "the report comes first");
    assert!(both.trim_end().ends_with(trace.trim_end()), "then the trace of `rolenorm explain`:\n{both}");
    let conflict = rolenorm().args(["analyze", "--explain", "--json"]).arg(&ad).output().unwrap();
    assert_eq!(conflict.status.code(), Some(2), "--explain is text, not JSON");
}

#[test]
fn analyze_lang_is_the_readers_language_and_leaves_the_analysis_alone() {
    let ad = example("social-media-manager-de.txt");
    let german = ok(rolenorm().arg("analyze").arg(&ad).output().unwrap());
    let english = ok(rolenorm().args(["analyze", "--lang", "en"]).arg(&ad).output().unwrap());
    assert!(german.contains("Rolle:") && english.contains("Role:") && !english.contains("Rolle:"), "{english}");
    // The findings too are in the reader's language.
    assert!(english.contains("Findings:") && !english.contains("Hinweise:"), "{english}");
    let german_finding = german.lines().skip_while(|l| !l.starts_with("Hinweise:")).nth(1).unwrap().to_owned();
    assert!(!english.contains(german_finding.trim()), "{german_finding} stays German in {english}");
    // Only the words change: every figure (shares, counts, quotes' numbers) is the same.
    let numbers = |text: &str| -> Vec<String> {
        text.split(|c: char| !c.is_ascii_digit()).filter(|s| !s.is_empty()).map(str::to_owned).collect()
    };
    assert_eq!(numbers(&german), numbers(&english), "{german}\n{english}");
    let json = ok(rolenorm().args(["analyze", "--json", "--ad-lang", "en"]).arg(&ad).output().unwrap());
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(value["language"], "en", "--ad-lang forces the ad's language");
}

#[test]
fn colour_follows_the_flag_and_no_color() {
    let ad = example("social-media-manager-de.txt");
    let always = ok(rolenorm().args(["--color", "always", "analyze"]).arg(&ad).output().unwrap());
    assert!(always.contains("\x1b["), "always colours");
    let never = ok(rolenorm().args(["analyze", "--color", "never"]).arg(&ad).output().unwrap());
    assert!(!never.contains('\x1b'), "never colours");
    let piped = ok(rolenorm().arg("analyze").arg(&ad).env("NO_COLOR", "1").output().unwrap());
    assert!(!piped.contains('\x1b'), "auto does not colour a pipe or with NO_COLOR");
    let json = ok(rolenorm().args(["--color", "always", "analyze", "--json"]).arg(&ad).output().unwrap());
    assert!(!json.contains('\x1b'), "JSON is never coloured");
}

/// The report counted only the first chunk (512 records) of its input.
#[test]
fn report_counts_every_analysis_and_states_the_run() {
    let dir = std::env::temp_dir().join(format!("rolenorm-habits-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let one = ok(rolenorm().args(["analyze", "--json"]).arg(example("social-media-manager-de.txt")).output().unwrap());
    let line = serde_json::to_string(&serde_json::from_str::<serde_json::Value>(&one).unwrap()).unwrap();
    let analyses = dir.join("analyses.jsonl");
    std::fs::write(&analyses, format!("{line}\n").repeat(1300)).unwrap();
    let html_path = dir.join("r.html");
    let out = rolenorm().arg("report").arg(&analyses).arg("-o").arg(&html_path).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let html = std::fs::read_to_string(&html_path).unwrap();
    assert!(html.contains("<li data-figure=\"ads\"><b>1300</b>"), "all 1300 analyses counted");
    assert!(html.contains("analyses.jsonl") && html.contains(env!("CARGO_PKG_VERSION")), "run facts");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn report_roles_flag_chooses_the_family_it_leads_with() {
    let dir = std::env::temp_dir().join(format!("rolenorm-habits-roles-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let ads = dir.join("ads.jsonl");
    let lines = [
        ("c1", "Community Manager", "Du moderierst Kommentare und beantwortest Nachrichten unserer Community."),
        ("p1", "PR Manager", "Your tasks: write press releases, manage media relations and press contacts."),
        ("n1", "Registered Nurse", "You deliver patient care on our ward."),
    ]
    .map(|(id, title, text)| serde_json::json!({"id": id, "title": title, "text": text}).to_string());
    std::fs::write(&ads, lines.join("\n")).unwrap();
    let report = |roles: &str| {
        let path = dir.join(format!("{roles}.html"));
        let out = rolenorm().arg("report").arg(&ads).args(["--roles", roles, "-o"]).arg(&path).output().unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        let html = std::fs::read_to_string(&path).unwrap();
        let start = html.find("data-table=\"roles\"").unwrap();
        html[start..start + html[start..].find("</table>").unwrap()].to_owned()
    };
    let social = report("social");
    assert!(social.contains("community-manager") && !social.contains("pr-manager"), "{social}");
    let adjacent = report("adjacent");
    assert!(!adjacent.contains("community-manager") && adjacent.contains("pr-manager"), "{adjacent}");
    let all = report("all");
    assert!(all.contains("community-manager") && all.contains("pr-manager") && !all.contains("\"other\""));
    let bad = rolenorm().arg("report").arg(&ads).args(["--roles", "nurses"]).output().unwrap();
    assert_eq!(bad.status.code(), Some(2));
    let _ = std::fs::remove_dir_all(&dir);
}
