//! The JSON-LD contexts a credential may use, pinned as local copies (see the crate README for
//! their sources). Nothing is ever fetched: any other context URL is refused.

use std::collections::BTreeSet;

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

/// What the named contexts define: every term name (also in scoped contexts) and whether
/// any of them sets a `@vocab` (then every term is defined).
#[derive(Debug, Default)]
pub struct DefinedTerms {
    terms: BTreeSet<String>,
    vocab: bool,
}

impl DefinedTerms {
    /// The terms of the pinned contexts `urls`.
    pub fn of(urls: &[String]) -> Result<DefinedTerms, Error> {
        let mut defined = DefinedTerms::default();
        for url in urls {
            let document: Value = serde_json::from_str(load(url)?)
                .map_err(|e| Error::Shape(format!("pinned context {url} is not JSON: {e}")))?;
            defined.collect(&document);
        }
        Ok(defined)
    }

    fn collect(&mut self, value: &Value) {
        match value {
            Value::Object(map) => {
                for (key, inner) in map {
                    if key == "@context" {
                        self.collect_definitions(inner);
                    } else {
                        self.collect(inner);
                    }
                }
            }
            Value::Array(items) => items.iter().for_each(|i| self.collect(i)),
            _ => {}
        }
    }

    fn collect_definitions(&mut self, context: &Value) {
        match context {
            Value::Object(map) => {
                for (term, definition) in map {
                    if term == "@vocab" {
                        self.vocab = true;
                    } else if !term.starts_with('@') {
                        self.terms.insert(term.clone());
                    }
                    self.collect(definition);
                }
            }
            Value::Array(items) => items.iter().for_each(|i| self.collect_definitions(i)),
            _ => {}
        }
    }

    /// Whether `term` (a property name or a type) is defined, or is an IRI (absolute or
    /// compact), which JSON-LD keeps as it is.
    pub fn defines(&self, term: &str) -> bool {
        self.vocab || term.starts_with('@') || term.contains(':') || self.terms.contains(term)
    }

    /// JSON-LD safe mode: the first property or type in `document` that no context defines.
    pub fn check(&self, document: &Value) -> Result<(), Error> {
        self.check_at(document, "$")
    }

    fn check_at(&self, value: &Value, path: &str) -> Result<(), Error> {
        match value {
            Value::Object(map) => {
                for (key, inner) in map {
                    let at = format!("{path}.{key}");
                    if key == "@context" {
                        continue;
                    }
                    if !self.defines(key) {
                        return Err(Error::UndefinedTerm { term: key.clone(), path: at });
                    }
                    if key == "type" || key == "@type" {
                        self.check_types(inner, &at)?;
                    } else {
                        self.check_at(inner, &at)?;
                    }
                }
                Ok(())
            }
            Value::Array(items) => {
                items.iter().enumerate().try_for_each(|(i, item)| self.check_at(item, &format!("{path}[{i}]")))
            }
            _ => Ok(()),
        }
    }

    fn check_types(&self, value: &Value, path: &str) -> Result<(), Error> {
        let types: Vec<&Value> = match value {
            Value::Array(items) => items.iter().collect(),
            other => vec![other],
        };
        for t in types {
            if let Some(name) = t.as_str().filter(|name| !self.defines(name)) {
                return Err(Error::UndefinedTerm { term: name.to_owned(), path: path.to_owned() });
            }
        }
        Ok(())
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
    fn credentials_v2_has_no_vocab_and_ob3_defines_its_terms() {
        let terms = DefinedTerms::of(&[CREDENTIALS_V2.to_owned(), OPEN_BADGES_V3.to_owned()]).unwrap_or_default();
        assert!(!terms.vocab);
        for term in
            ["achievement", "criteria", "narrative", "evidence", "OpenBadgeCredential", "BitstringStatusListEntry"]
        {
            assert!(terms.defines(term), "{term}");
        }
        assert!(!terms.defines("alumniOf"));
        let error = terms.check(&serde_json::json!({"credentialSubject": {"favouriteColour": "red"}}));
        assert!(matches!(error, Err(Error::UndefinedTerm { ref term, .. }) if term == "favouriteColour"), "{error:?}");
    }

    #[test]
    fn unknown_contexts_are_refused_not_fetched() {
        assert!(matches!(load("https://example.org/ctx"), Err(Error::UnpinnedContext(_))));
    }
}
