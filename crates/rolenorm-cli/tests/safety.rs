//! What a new user ran into (issue 13, items 1–3): data is never lost, the inputs the README
//! promises are read, forced formats are checked, a closed pipe ends quietly, output is bounded.
#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn rolenorm() -> Command {
    Command::new(env!("CARGO_BIN_EXE_rolenorm"))
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("rolenorm-safety-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

const ADS: &str = concat!(
    r#"{"id":"a","title":"Community Manager (m/w/d)","text":"Du moderierst Kommentare und beantwortest Nachrichten.","source":"board","date":"2026-03-01"}"#,
    "\n",
    r#"{"id":"b","title":"Social Media Manager","text":"You plan content and create reels for Instagram.","source":"board","date":"2026-04-02"}"#,
    "\n"
);

fn write_ads(dir: &Path) -> PathBuf {
    let path = dir.join("ads.jsonl");
    std::fs::write(&path, ADS).unwrap();
    path
}

#[test]
fn batch_never_writes_over_its_input() {
    let dir = temp_dir("same");
    let ads = write_ads(&dir);
    for output in
        [ads.clone(), dir.join("./ads.jsonl"), dir.join("../").join(dir.file_name().unwrap()).join("ads.jsonl")]
    {
        let out = rolenorm().arg("batch").arg(&ads).arg("-o").arg(&output).arg("--force").output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
        assert!(stderr(&out).contains("is the input"), "{}", stderr(&out));
        assert_eq!(std::fs::read_to_string(&ads).unwrap(), ADS, "the input is untouched");
    }
    // Through a hard link too.
    let link = dir.join("link.jsonl");
    std::fs::hard_link(&ads, &link).unwrap();
    let out = rolenorm().arg("batch").arg(&ads).arg("-o").arg(&link).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(std::fs::read_to_string(&ads).unwrap(), ADS);
}

#[test]
fn batch_replaces_only_its_own_output_unless_forced() {
    let dir = temp_dir("force");
    let ads = write_ads(&dir);
    let notes = dir.join("notes.jsonl");
    std::fs::write(&notes, "my notes\n").unwrap();
    let out = rolenorm().arg("batch").arg(&ads).arg("-o").arg(&notes).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("--force"), "{}", stderr(&out));
    assert_eq!(std::fs::read_to_string(&notes).unwrap(), "my notes\n");

    let analyses = dir.join("analyses.jsonl");
    for _ in 0..2 {
        // A second run replaces the first run's output without --force.
        let out = rolenorm().arg("batch").arg(&ads).arg("-o").arg(&analyses).output().unwrap();
        assert!(out.status.success(), "{}", stderr(&out));
    }
    let out = rolenorm().arg("batch").arg(&ads).arg("-o").arg(&notes).arg("--force").output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(std::fs::read_to_string(&notes).unwrap().contains("\"role\""));
}

#[test]
fn a_clean_run_leaves_no_errors_file() {
    let dir = temp_dir("clean");
    let ads = write_ads(&dir);
    let analyses = dir.join("analyses.jsonl");
    let stale = dir.join("analyses.jsonl.errors.jsonl");
    std::fs::write(&stale, "{\"id\":null,\"line\":3,\"error\":\"old\"}\n").unwrap();
    let out = rolenorm().arg("batch").arg(&ads).arg("-o").arg(&analyses).output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(!stale.exists(), "no errors file after a clean run, not even an old one");
    assert!(!dir.join("analyses.jsonl.errors.jsonl.partial").exists());
}

#[test]
fn analyses_fed_back_into_batch_get_one_clear_error() {
    let dir = temp_dir("feedback");
    let ads = write_ads(&dir);
    let analyses = dir.join("analyses.jsonl");
    assert!(rolenorm().arg("batch").arg(&ads).arg("-o").arg(&analyses).status().unwrap().success());
    let again = dir.join("again.jsonl");
    let out = rolenorm().arg("batch").arg(&analyses).arg("-o").arg(&again).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let message = stderr(&out);
    assert!(message.contains("holds rolenorm analyses"), "{message}");
    assert_eq!(message.lines().count(), 1, "one error, not one per line: {message}");
}

#[test]
fn report_reads_gzip_and_csv_corpora() {
    let dir = temp_dir("report-inputs");
    let gz = dir.join("ads.jsonl.gz");
    let mut encoder = flate2::write::GzEncoder::new(std::fs::File::create(&gz).unwrap(), flate2::Compression::fast());
    std::io::Write::write_all(&mut encoder, ADS.as_bytes()).unwrap();
    encoder.finish().unwrap();
    let csv = dir.join("ads.csv");
    std::fs::write(&csv, "id,title,text\nc,Community Manager,Du moderierst Kommentare und beantwortest Nachrichten.\n")
        .unwrap();
    for (input, ads) in [(&gz, 2), (&csv, 1)] {
        let json = dir.join("aggregates.json");
        let out =
            rolenorm().arg("report").arg(input).arg("-o").arg(dir.join("r.html")).arg("--json").arg(&json).output();
        let out = out.unwrap();
        assert!(out.status.success(), "{}: {}", input.display(), stderr(&out));
        let aggregates: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&json).unwrap()).unwrap();
        assert_eq!(aggregates["ads"], ads, "{}", input.display());
        assert_eq!(aggregates["errors"], 0, "{}", input.display());
    }
}

#[test]
fn a_forced_format_that_does_not_fit_is_an_error() {
    let dir = temp_dir("format");
    let text = dir.join("ad.txt");
    std::fs::write(&text, "Social Media Manager\nDu planst Inhalte für Instagram.\n").unwrap();
    let out = rolenorm().args(["analyze", "--format", "json-ld"]).arg(&text).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("given as json-ld but reads as text"), "{}", stderr(&out));
}

#[test]
fn a_closed_pipe_ends_quietly() {
    let dir = temp_dir("pipe");
    let ad = dir.join("ad.txt");
    std::fs::write(&ad, "Social Media Manager\nDu planst Inhalte für Instagram und schneidest Reels.\n").unwrap();
    // Enough output to fill the pipe after `head` has gone.
    let files = vec![ad.display().to_string(); 400].join(" ");
    let script =
        format!("set -o pipefail; {} analyze --json {files} | head -1 >/dev/null", env!("CARGO_BIN_EXE_rolenorm"));
    let out = Command::new("bash").arg("-c").arg(&script).output().unwrap();
    assert!(out.status.success(), "exit {:?}: {}", out.status.code(), stderr(&out));
    assert!(!stderr(&out).contains("Broken pipe"), "{}", stderr(&out));
}

#[test]
fn analyze_takes_several_files() {
    let dir = temp_dir("several");
    let (a, b) = (dir.join("a.txt"), dir.join("b.txt"));
    std::fs::write(&a, "Community Manager\nDu moderierst Kommentare und beantwortest Nachrichten.\n").unwrap();
    std::fs::write(&b, "Social Media Manager\nYou plan content and create reels for Instagram.\n").unwrap();
    let out = rolenorm().args(["analyze", "--json"]).arg(&a).arg(&b).output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let lines: Vec<serde_json::Value> =
        String::from_utf8(out.stdout).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["id"], "a.txt");
    assert_eq!(lines[1]["id"], "b.txt");
    // One unreadable file among them: the others are analysed, exit 1.
    let out = rolenorm().args(["analyze", "--json"]).arg(&a).arg(dir.join("missing.txt")).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("missing.txt"));
}

#[test]
fn a_huge_ad_without_punctuation_gives_bounded_evidence() {
    let dir = temp_dir("huge");
    let ad = dir.join("huge.txt");
    let sentence = "du moderierst kommentare und beantwortest nachrichten und planst beitraege fuer instagram ";
    let text = format!("Community Manager\n{}", sentence.repeat(7_500_000 / sentence.len()));
    std::fs::write(&ad, &text).unwrap();
    let out = rolenorm().args(["analyze", "--json"]).arg(&ad).output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(out.stdout.len() < 2_000_000, "output is bounded: {} bytes", out.stdout.len());
    let analysis: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let tasks = analysis["tasks"].as_array().unwrap();
    assert!(!tasks.is_empty());
    for task in tasks {
        let evidence = task["evidence"].as_array().unwrap();
        assert!(evidence.len() <= 25, "{}: {} spans", task["id"], evidence.len());
        for span in evidence {
            assert!(span["text"].as_str().unwrap().chars().count() <= 300);
            if span["truncated"] == true {
                assert!(span["end"].as_u64().unwrap() - span["start"].as_u64().unwrap() > 300, "offsets stay whole");
            }
        }
    }
    assert!(tasks.iter().any(|t| t["evidence"].as_array().unwrap().iter().any(|e| e["truncated"] == true)));
}
