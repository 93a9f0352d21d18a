//! From an input document (plain text, HTML, or schema.org `JobPosting` JSON-LD) to the title
//! and the plain text that the analyzer reads.

use std::borrow::Cow;

use scraper::{Html, Node, Selector};
use serde_json::Value;

use crate::InputError;

pub use rolenorm_wire::Format;

/// A job ad reduced to what the analyzer reads.
#[derive(Debug, Clone, PartialEq)]
pub struct Document<'a> {
    /// The format the input came in.
    pub format: Format,
    /// The title the document states (`JobPosting.title`, `<h1>`, `<title>`), if any.
    pub title: Option<String>,
    /// The plain text of the ad. For plain-text input this is the input itself, so evidence
    /// offsets point into the input; for HTML and JSON-LD it is the extracted text.
    pub text: Cow<'a, str>,
    /// The language the document declares (`inLanguage`, `<html lang>`), if any.
    pub declared_language: Option<String>,
    /// The identifier the document states (`JobPosting.identifier`), if any.
    pub identifier: Option<String>,
    /// Problems that did not stop extraction (for example a broken JSON-LD block in HTML).
    pub warnings: Vec<String>,
}

/// Reads `input` as plain text, HTML or JSON-LD, whichever it is.
pub fn extract(input: &str) -> Result<Document<'_>, InputError> {
    let trimmed = input.trim_start_matches(|c: char| c.is_whitespace() || c == '\u{feff}');
    if trimmed.is_empty() {
        return Err(InputError::Empty);
    }
    let looks_like_json = trimmed.starts_with('{') || trimmed.starts_with('[');
    let document = if looks_like_json && !starts_as_text(trimmed) {
        extract_json(trimmed)?
    } else if looks_like_html(trimmed) {
        extract_html(input)?
    } else {
        Document {
            format: Format::Text,
            title: None,
            text: Cow::Borrowed(input),
            declared_language: None,
            identifier: None,
            warnings: Vec::new(),
        }
    };
    if document.text.trim().is_empty() && document.title.as_deref().is_none_or(|t| t.trim().is_empty()) {
        return Err(InputError::NoText(document.format.as_str()));
    }
    Ok(document)
}

/// Text that merely opens with a bracket ("[Firma] sucht …", "{Anzeige}") is not JSON: JSON
/// continues with a quote, a value or a closing bracket.
fn starts_as_text(text: &str) -> bool {
    let after = text[1..].trim_start();
    !(after.is_empty()
        || after.starts_with(['"', '{', '[', ']', '}', '-'])
        || after.starts_with(|c: char| c.is_ascii_digit())
        || after.starts_with("true")
        || after.starts_with("false")
        || after.starts_with("null"))
}

fn looks_like_html(text: &str) -> bool {
    if !text.starts_with('<') {
        return false;
    }
    let head: String = text.chars().take(2048).collect::<String>().to_ascii_lowercase();
    [
        "<!doctype",
        "<html",
        "<body",
        "<div",
        "<p>",
        "<p ",
        "<ul",
        "<li",
        "<br",
        "<h1",
        "<h2",
        "<h3",
        "<span",
        "<section",
        "<article",
        "<script",
        "<head",
        "<meta",
        "<strong",
        "<table",
    ]
    .iter()
    .any(|tag| head.contains(tag))
}

/// Parses a JSON document that holds a `JobPosting` (alone, in an array or in `@graph`).
pub fn extract_json(json: &str) -> Result<Document<'static>, InputError> {
    let value: Value = serde_json::from_str(json).map_err(|error| InputError::Json {
        line: error.line(),
        column: error.column(),
        message: error.to_string(),
    })?;
    let posting = find_job_posting(&value, 0).ok_or(InputError::NoJobPosting)?;
    Ok(document_from_posting(posting))
}

fn is_job_posting(value: &Value) -> bool {
    value.get("@type").is_some_and(names_job_posting)
}

/// Whether a JSON-LD `@type` value (a string or an array of strings) names `JobPosting`.
pub fn names_job_posting(kind: &Value) -> bool {
    match kind {
        Value::String(kind) => kind.ends_with("JobPosting"),
        Value::Array(kinds) => kinds.iter().any(|k| k.as_str().is_some_and(|k| k.ends_with("JobPosting"))),
        _ => false,
    }
}

fn find_job_posting(value: &Value, depth: usize) -> Option<&Value> {
    if depth > 16 {
        return None;
    }
    match value {
        Value::Object(map) => {
            if is_job_posting(value) {
                return Some(value);
            }
            map.get("@graph").and_then(|graph| find_job_posting(graph, depth + 1))
        }
        Value::Array(items) => items.iter().find_map(|item| find_job_posting(item, depth + 1)),
        _ => None,
    }
}

fn document_from_posting(posting: &Value) -> Document<'static> {
    let mut text = String::new();
    for field in [
        "description",
        "responsibilities",
        "qualifications",
        "skills",
        "experienceRequirements",
        "educationRequirements",
    ] {
        let Some(value) = posting.get(field) else { continue };
        for part in strings_of(value) {
            let flat = if part.contains('<') { flatten_html(&Html::parse_fragment(part)) } else { part.to_owned() };
            if !flat.trim().is_empty() {
                if !text.is_empty() {
                    text.push_str("\n\n");
                }
                text.push_str(flat.trim());
            }
        }
    }
    let title = posting.get("title").and_then(Value::as_str).map(|t| t.trim().to_owned()).filter(|t| !t.is_empty());
    let declared_language = posting.get("inLanguage").and_then(Value::as_str).map(str::to_owned);
    let identifier = posting.get("identifier").and_then(|id| match id {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Object(map) => map.get("value").and_then(|v| match v {
            Value::String(s) => Some(s.clone()),
            Value::Number(n) => Some(n.to_string()),
            _ => None,
        }),
        _ => None,
    });
    Document {
        format: Format::JsonLd,
        title,
        text: Cow::Owned(text),
        declared_language,
        identifier,
        warnings: Vec::new(),
    }
}

fn strings_of(value: &Value) -> Vec<&str> {
    match value {
        Value::String(s) => vec![s.as_str()],
        Value::Array(items) => items.iter().filter_map(Value::as_str).collect(),
        Value::Object(map) => {
            map.get("name").or_else(|| map.get("description")).and_then(Value::as_str).into_iter().collect()
        }
        _ => Vec::new(),
    }
}

/// Markup nested deeper than this is refused: real ads nest a few dozen levels, and HTML tree
/// building slows down quadratically with depth.
pub const MAX_HTML_DEPTH: usize = 1000;

/// An upper estimate of how deep the elements of `html` nest, from a linear scan of its tags.
fn nesting_depth(html: &str) -> usize {
    const VOID: [&[u8]; 14] = [
        b"br", b"img", b"hr", b"meta", b"link", b"input", b"wbr", b"area", b"base", b"col", b"embed", b"param",
        b"source", b"track",
    ];
    let bytes = html.as_bytes();
    let (mut depth, mut deepest) = (0usize, 0usize);
    let mut i = 0;
    while let Some(offset) = bytes[i..].iter().position(|b| *b == b'<') {
        i += offset + 1;
        match bytes.get(i) {
            Some(b'/') => depth = depth.saturating_sub(1),
            Some(b) if b.is_ascii_alphabetic() => {
                let name_len = bytes[i..].iter().take_while(|b| b.is_ascii_alphanumeric()).count();
                let name = bytes[i..i + name_len].to_ascii_lowercase();
                let tag_end = bytes[i..].iter().position(|b| *b == b'>').map_or(bytes.len(), |p| i + p);
                let self_closing = tag_end > 0 && bytes.get(tag_end - 1) == Some(&b'/');
                if !self_closing && !VOID.contains(&name.as_slice()) {
                    depth += 1;
                    deepest = deepest.max(depth);
                }
            }
            _ => {}
        }
    }
    deepest
}

/// Reads an HTML page: its `JobPosting` JSON-LD if it has one, otherwise its visible text.
/// Refuses markup nested deeper than [`MAX_HTML_DEPTH`].
pub fn extract_html(html: &str) -> Result<Document<'static>, InputError> {
    let depth = nesting_depth(html);
    if depth > MAX_HTML_DEPTH {
        return Err(InputError::TooDeep { depth, limit: MAX_HTML_DEPTH });
    }
    let page = Html::parse_document(html);
    let mut warnings = Vec::new();
    if let Ok(scripts) = Selector::parse(r#"script[type="application/ld+json"]"#) {
        for script in page.select(&scripts) {
            let json: String = script.text().collect();
            match serde_json::from_str::<Value>(json.trim()) {
                Ok(value) => {
                    if let Some(posting) = find_job_posting(&value, 0) {
                        let mut document = document_from_posting(posting);
                        if document.declared_language.is_none() {
                            document.declared_language = html_lang(&page);
                        }
                        if !document.text.trim().is_empty() {
                            return Ok(document);
                        }
                    }
                }
                Err(error) => warnings.push(format!(
                    "ignored a JSON-LD block that is not valid JSON (line {}, column {}: {error})",
                    error.line(),
                    error.column()
                )),
            }
        }
    }
    let title = first_text(&page, "h1").or_else(|| first_text(&page, "title"));
    Ok(Document {
        format: Format::Html,
        title,
        text: Cow::Owned(flatten_html(&page)),
        declared_language: html_lang(&page),
        identifier: None,
        warnings,
    })
}

fn html_lang(page: &Html) -> Option<String> {
    page.root_element().value().attr("lang").map(str::to_owned).filter(|l| !l.is_empty())
}

fn first_text(page: &Html, selector: &str) -> Option<String> {
    let selector = Selector::parse(selector).ok()?;
    let element = page.select(&selector).next()?;
    let text = element.text().collect::<String>();
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    (!text.is_empty()).then_some(text)
}

/// The visible text of a parsed page: one line per block element, no scripts or styles.
/// Iterative, so deeply nested markup cannot overflow the stack.
pub fn flatten_html(page: &Html) -> String {
    let mut out = String::new();
    let mut skipping: usize = 0;
    for edge in page.root_element().traverse() {
        match edge {
            ego_tree::iter::Edge::Open(node) => match node.value() {
                Node::Element(element) => {
                    let name = element.name();
                    if is_hidden(name) {
                        skipping += 1;
                    } else if skipping == 0 && is_block(name) {
                        newline(&mut out);
                        if name == "li" {
                            out.push_str("• ");
                        }
                    }
                }
                Node::Text(text) if skipping == 0 => {
                    let text: &str = text;
                    let mut last_space = out.ends_with(|c: char| c.is_whitespace()) || out.is_empty();
                    for ch in text.chars() {
                        if ch.is_whitespace() {
                            if !last_space {
                                out.push(' ');
                                last_space = true;
                            }
                        } else {
                            out.push(ch);
                            last_space = false;
                        }
                    }
                }
                _ => {}
            },
            ego_tree::iter::Edge::Close(node) => {
                if let Node::Element(element) = node.value() {
                    let name = element.name();
                    if is_hidden(name) {
                        skipping = skipping.saturating_sub(1);
                    } else if skipping == 0 && is_block(name) {
                        newline(&mut out);
                    }
                }
            }
        }
    }
    out.trim().to_owned()
}

fn newline(out: &mut String) {
    while out.ends_with(' ') {
        out.pop();
    }
    if !out.is_empty() && !out.ends_with('\n') {
        out.push('\n');
    }
}

fn is_hidden(name: &str) -> bool {
    matches!(name, "script" | "style" | "noscript" | "template" | "head" | "svg")
}

fn is_block(name: &str) -> bool {
    matches!(
        name,
        "p" | "div"
            | "br"
            | "li"
            | "ul"
            | "ol"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "tr"
            | "td"
            | "th"
            | "table"
            | "section"
            | "article"
            | "header"
            | "footer"
            | "main"
            | "aside"
            | "nav"
            | "blockquote"
            | "pre"
            | "dd"
            | "dt"
            | "dl"
            | "hr"
            | "form"
            | "figure"
            | "figcaption"
            | "address"
            | "body"
            | "title"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_is_kept_verbatim() {
        let doc = extract("Social Media Manager\nDu planst Posts.").unwrap();
        assert_eq!(doc.format, Format::Text);
        assert_eq!(doc.text, "Social Media Manager\nDu planst Posts.");
    }

    #[test]
    fn html_list_items_become_lines() {
        let doc = extract("<html lang=\"de\"><body><h1>Redakteur (m/w/d)</h1><ul><li>Texte</li><li>Bilder&amp;Videos</li></ul><script>var x=1;</script></body></html>").unwrap();
        assert_eq!(doc.format, Format::Html);
        assert_eq!(doc.title.as_deref(), Some("Redakteur (m/w/d)"));
        assert_eq!(doc.text, "Redakteur (m/w/d)\n• Texte\n• Bilder&Videos");
        assert_eq!(doc.declared_language.as_deref(), Some("de"));
    }

    #[test]
    fn json_ld_job_posting_in_graph() {
        let json = r#"{"@context":"https://schema.org","@graph":[{"@type":"Organization","name":"X"},{"@type":"JobPosting","title":"Community Manager","description":"<p>Du moderierst.</p><ul><li>Kommentare</li></ul>","identifier":{"@type":"PropertyValue","value":"A-7"},"inLanguage":"de"}]}"#;
        let doc = extract(json).unwrap();
        assert_eq!(doc.format, Format::JsonLd);
        assert_eq!(doc.title.as_deref(), Some("Community Manager"));
        assert_eq!(doc.text, "Du moderierst.\n• Kommentare");
        assert_eq!(doc.identifier.as_deref(), Some("A-7"));
    }

    #[test]
    fn json_ld_embedded_in_html_wins() {
        let html = r#"<html><head><script type="application/ld+json">{"@type":["JobPosting"],"title":"Paid Social Manager","description":"Meta Ads schalten"}</script></head><body><p>Cookie banner</p></body></html>"#;
        let doc = extract(html).unwrap();
        assert_eq!(doc.format, Format::JsonLd);
        assert_eq!(doc.text, "Meta Ads schalten");
    }

    #[test]
    fn broken_json_ld_in_html_is_a_warning() {
        let html = r#"<html><body><script type="application/ld+json">{"@type": "JobPosting", </script><p>Texte schreiben</p></body></html>"#;
        let doc = extract(html).unwrap();
        assert_eq!(doc.format, Format::Html);
        assert_eq!(doc.text, "Texte schreiben");
        assert_eq!(doc.warnings.len(), 1);
    }

    #[test]
    fn bracketed_text_is_text() {
        let doc = extract("[Firma] sucht eine:n Social Media Manager:in").unwrap();
        assert_eq!(doc.format, Format::Text);
        assert!(extract("{\"title\": ").is_err());
    }

    #[test]
    fn bad_json_is_named() {
        assert!(matches!(extract("{\"title\": "), Err(InputError::Json { line: 1, .. })));
        assert!(matches!(extract("{\"title\": \"x\"}"), Err(InputError::NoJobPosting)));
        assert!(matches!(extract("   \n "), Err(InputError::Empty)));
        assert!(matches!(extract("<html><body><script>x</script></body></html>"), Err(InputError::NoText("html"))));
    }

    #[test]
    fn nesting_is_bounded() {
        let deep = |n: usize| format!("<html><body>{}Tief{}</body></html>", "<div>".repeat(n), "</div>".repeat(n));
        assert!(extract(&deep(500)).unwrap().text.contains("Tief"));
        assert_eq!(extract(&deep(50_000)).unwrap_err(), InputError::TooDeep { depth: 50_002, limit: MAX_HTML_DEPTH });
        // Void elements and closed tags do not add depth.
        let flat = "<p>a<br>b<img src=x></p>".repeat(5_000);
        assert_eq!(nesting_depth(&flat), 1);
    }
}
