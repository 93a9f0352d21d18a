//! The JSON-LD contexts a credential may use, pinned as local copies (see the crate README for
//! their sources). Nothing is ever fetched: any other context URL is refused.

use serde_json::Value;

use crate::Error;

/// The W3C Verifiable Credentials 2.0 context.
pub const CREDENTIALS_V2: &str = "https://www.w3.org/ns/credentials/v2";
/// The Open Badges 3.0 context (version 3.0.3).
pub const OPEN_BADGES_V3: &str = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json";
/// The W3C Data Integrity 2.0 context.
pub const DATA_INTEGRITY_V2: &str = "https://w3id.org/security/data-integrity/v2";
/// The W3C VC examples context (used by the W3C test vectors).
pub const CREDENTIALS_EXAMPLES_V2: &str = "https://www.w3.org/ns/credentials/examples/v2";

/// Every pinned context: (URL, document).
pub const PINNED: [(&str, &str); 4] = [
    (CREDENTIALS_V2, include_str!("../contexts/credentials-v2.jsonld")),
    (OPEN_BADGES_V3, include_str!("../contexts/ob-v3p0-context-3.0.3.json")),
    (DATA_INTEGRITY_V2, include_str!("../contexts/data-integrity-v2.jsonld")),
    (CREDENTIALS_EXAMPLES_V2, include_str!("../contexts/credentials-examples-v2.jsonld")),
];

/// The pinned document for `url`.
pub fn load(url: &str) -> Result<&'static str, Error> {
    PINNED.iter().find(|(u, _)| *u == url).map(|(_, doc)| *doc).ok_or_else(|| Error::UnpinnedContext(url.to_owned()))
}

/// The context URLs a document names in its top-level `@context`.
pub fn document_contexts(document: &Value) -> Result<Vec<String>, Error> {
    let shape = || Error::Shape("@context must be a list of context URLs".to_owned());
    match document.get("@context") {
        Some(Value::String(url)) => Ok(vec![url.clone()]),
        Some(Value::Array(items)) => {
            items.iter().map(|item| item.as_str().map(str::to_owned).ok_or_else(shape)).collect()
        }
        _ => Err(shape()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_pinned_context_is_json_with_a_context() {
        for (url, doc) in PINNED {
            let value: Value = serde_json::from_str(doc).unwrap_or_else(|e| panic!("{url}: {e}"));
            assert!(value.get("@context").is_some(), "{url}");
        }
    }

    #[test]
    fn unknown_contexts_are_refused_not_fetched() {
        assert!(matches!(load("https://example.org/ctx"), Err(Error::UnpinnedContext(_))));
    }
}
