//! Bad input gets a clear error or an analysis with a finding; nothing panics.
#![allow(clippy::unwrap_used)]

mod common;

use common::analyzer;
use rolenorm_analyze::{Ad, Format, InputError};

fn bytes(content: &[u8]) -> Result<rolenorm_analyze::Analysis, InputError> {
    analyzer().analyze_bytes(Ad::default(), content, None)
}

#[test]
fn empty_and_blank_input() {
    assert_eq!(bytes(b"").unwrap_err(), InputError::Empty);
    assert_eq!(bytes(b"  \n\t ").unwrap_err(), InputError::Empty);
}

#[test]
fn binary_input() {
    let png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR";
    assert!(matches!(bytes(png).unwrap_err(), InputError::Binary { .. }));
}

#[test]
fn invalid_utf8_is_refused_unless_the_encoding_is_named() {
    let latin1 = b"Social Media Manager f\xfcr M\xfcnchen";
    let error = bytes(latin1).unwrap_err();
    assert_eq!(error, InputError::NotUtf8 { offset: 22 });
    assert!(error.to_string().contains("--encoding"));
    let analysis = analyzer().analyze_bytes(Ad::default(), latin1, Some("latin1")).unwrap();
    assert_eq!(analysis.title.as_deref(), Some("Social Media Manager für München"));
}

#[test]
fn huge_input_is_refused_with_its_size() {
    let big = "Social Media ".repeat(20 * 1024 * 1024 / 13 + 1);
    let error = analyzer().analyze(Ad { content: &big, ..Ad::default() }).unwrap_err();
    assert!(matches!(error, InputError::TooLarge { .. }));
    assert!(error.to_string().contains("limit"));
}

#[test]
fn a_large_ad_under_the_limit_is_analysed() {
    let line = "Du beantwortest Kommentare auf Instagram und moderierst die Community.\n";
    let text = line.repeat(4 * 1024 * 1024 / line.len());
    let analysis =
        analyzer().analyze(Ad { title: Some("Community Manager"), content: &text, ..Ad::default() }).unwrap();
    assert_eq!(analysis.role, "community-manager");
}

#[test]
fn deeply_nested_and_broken_html() {
    let nested = |depth: usize| {
        format!(
            "<html><body>{}Du moderierst Kommentare{}</body></html>",
            "<div><span>".repeat(depth),
            "</p>".repeat(100)
        )
    };
    let analysis =
        analyzer().analyze(Ad { title: Some("Community Manager"), content: &nested(200), ..Ad::default() }).unwrap();
    assert_eq!(analysis.format.as_str(), "html");
    assert!(analysis.tasks.iter().any(|t| t.id == "COM-02"));
    let error = analyzer().analyze(Ad { content: &nested(20_000), ..Ad::default() }).unwrap_err();
    assert!(matches!(error, InputError::TooDeep { .. }), "{error}");
    assert!(error.to_string().contains("deep"));
    let broken = "<html><body><ul><li>Posts planen<li>Reels drehen</ul></div></span><p>Kommentare beantworten";
    let analysis = analyzer().analyze(Ad { content: broken, format: Some(Format::Html), ..Ad::default() }).unwrap();
    assert!(!analysis.tasks.is_empty());
}

#[test]
fn malformed_json_and_json_without_a_posting() {
    let error = bytes(br#"{"@type": "JobPosting", "title": "Social Media Manager", "description": }"#).unwrap_err();
    assert!(matches!(error, InputError::Json { line: 1, .. }), "{error}");
    assert_eq!(bytes(br#"{"name": "not a job"}"#).unwrap_err(), InputError::NoJobPosting);
    let deep = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
    assert!(matches!(bytes(deep.as_bytes()).unwrap_err(), InputError::Json { .. }));
}

#[test]
fn broken_json_ld_inside_html_becomes_a_finding() {
    let html = r#"<html><body><script type="application/ld+json">{"@type": "JobPosting",</script><h1>Content Creator</h1><p>Du drehst und schneidest Reels.</p></body></html>"#;
    let analysis = analyzer().analyze(Ad { content: html, ..Ad::default() }).unwrap();
    assert!(analysis.findings.iter().any(|f| f.code.as_str() == "input-warning"), "{:?}", analysis.findings);
}

#[test]
fn text_without_letters_gets_a_language_finding() {
    let analysis = analyzer().analyze(Ad { content: "12345 ---- 678", ..Ad::default() }).unwrap();
    assert_eq!(analysis.role, "other");
    assert!(analysis.findings.iter().any(|f| f.code.as_str() == "language-guessed"));
}
