//! JSON-LD → RDF ([`oxjsonld`], pinned contexts only) → RDFC-1.0 canonical N-Quads
//! ([`rdf_canon`]). `oxjsonld` speaks `oxrdf` 0.3 and `rdf-canon` `oxrdf` 0.2: quads are
//! handed over term by term.

use oxjsonld::{JsonLdParser, JsonLdRemoteDocument};
use serde_json::Value;

use crate::{Error, contexts};

/// The RDFC-1.0 canonical N-Quads of a JSON-LD document (every context must be pinned).
pub fn canonicalize(document: &Value) -> Result<String, Error> {
    let quads = to_rdf(document)?;
    rdf_canon::canonicalize_quads(&quads).map_err(|e| Error::Canonicalize(e.to_string()))
}

/// The `@vocab` that [`undefined_term`] adds to catch terms no context defines.
const PROBE_VOCAB: &str = "urn:rolenorm:undefined-term#";

/// JSON-LD safe mode: the first property or type of `document` that its contexts do not define.
///
/// JSON-LD drops undefined terms silently (the VC 2.0 context has no `@vocab`), so a verifier
/// in safe mode refuses them. The document is expanded once more with a probe `@vocab` appended
/// to its contexts: every IRI that comes out under the probe is a term that would be dropped.
pub fn undefined_term(document: &Value) -> Result<Option<String>, Error> {
    let mut probe = document.clone();
    let context = match probe.get_mut("@context") {
        Some(Value::Array(items)) => items,
        Some(single) => {
            *single = Value::Array(vec![single.take()]);
            single.as_array_mut().ok_or_else(|| Error::Shape("@context".into()))?
        }
        None => return Err(Error::Shape("the document has no @context".into())),
    };
    context.push(serde_json::json!({ "@vocab": PROBE_VOCAB }));
    let probed = |iri: &str| iri.strip_prefix(PROBE_VOCAB).map(str::to_owned);
    for quad in to_rdf(&probe)? {
        if let Some(term) = probed(quad.predicate.as_str()) {
            return Ok(Some(term));
        }
        if let oxrdf02::Term::NamedNode(object) = &quad.object
            && quad.predicate.as_str() == "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
            && let Some(term) = probed(object.as_str())
        {
            return Ok(Some(term));
        }
        if let oxrdf02::Term::Literal(literal) = &quad.object
            && let Some(term) = probed(literal.datatype().as_str())
        {
            return Ok(Some(term));
        }
    }
    Ok(None)
}

/// The RDF quads of a JSON-LD document, as `oxrdf` 0.2 quads.
pub fn to_rdf(document: &Value) -> Result<Vec<oxrdf02::Quad>, Error> {
    let bytes = serde_json::to_vec(document).map_err(|e| Error::Shape(e.to_string()))?;
    let parser = JsonLdParser::new().for_slice(&bytes).with_load_document_callback(|url, _options| {
        let document = contexts::load(url)?;
        Ok(JsonLdRemoteDocument { document: document.as_bytes().to_vec(), document_url: url.to_owned() })
    });
    let mut quads = Vec::new();
    for quad in parser {
        let quad = quad.map_err(|e| Error::JsonLd(e.to_string()))?;
        quads.push(bridge(quad));
    }
    Ok(quads)
}

fn bridge(quad: oxrdf::Quad) -> oxrdf02::Quad {
    let subject = match quad.subject {
        oxrdf::NamedOrBlankNode::NamedNode(n) => oxrdf02::Subject::NamedNode(named(n)),
        oxrdf::NamedOrBlankNode::BlankNode(b) => oxrdf02::Subject::BlankNode(blank(b)),
    };
    let object = match quad.object {
        oxrdf::Term::NamedNode(n) => oxrdf02::Term::NamedNode(named(n)),
        oxrdf::Term::BlankNode(b) => oxrdf02::Term::BlankNode(blank(b)),
        oxrdf::Term::Literal(l) => oxrdf02::Term::Literal(literal(l)),
    };
    let graph_name = match quad.graph_name {
        oxrdf::GraphName::NamedNode(n) => oxrdf02::GraphName::NamedNode(named(n)),
        oxrdf::GraphName::BlankNode(b) => oxrdf02::GraphName::BlankNode(blank(b)),
        oxrdf::GraphName::DefaultGraph => oxrdf02::GraphName::DefaultGraph,
    };
    oxrdf02::Quad { subject, predicate: named(quad.predicate), object, graph_name }
}

fn named(node: oxrdf::NamedNode) -> oxrdf02::NamedNode {
    oxrdf02::NamedNode::new_unchecked(node.into_string())
}

fn blank(node: oxrdf::BlankNode) -> oxrdf02::BlankNode {
    oxrdf02::BlankNode::new_unchecked(node.into_string())
}

fn literal(literal: oxrdf::Literal) -> oxrdf02::Literal {
    match literal.destruct() {
        (value, _, Some(language)) => oxrdf02::Literal::new_language_tagged_literal_unchecked(value, language),
        (value, Some(datatype), None) => oxrdf02::Literal::new_typed_literal(value, named(datatype)),
        (value, None, None) => oxrdf02::Literal::new_simple_literal(value),
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::contexts::{CREDENTIALS_V2, OPEN_BADGES_V3};

    fn doc(subject: Value) -> Value {
        json!({
            "@context": [CREDENTIALS_V2, OPEN_BADGES_V3],
            "type": ["VerifiableCredential", "OpenBadgeCredential"],
            "credentialSubject": subject,
        })
    }

    #[test]
    fn defined_terms_pass_the_safe_mode_probe() {
        let ok = doc(
            json!({"type": ["AchievementSubject"], "achievement": {"type": ["Achievement"], "name": "x", "criteria": {"narrative": "y"}}}),
        );
        assert_eq!(undefined_term(&ok).unwrap_or_else(|e| panic!("{e}")), None);
    }

    #[test]
    fn undefined_properties_and_types_are_found() {
        let property = doc(json!({"type": ["AchievementSubject"], "favouriteColour": "red"}));
        assert_eq!(undefined_term(&property).unwrap_or_else(|e| panic!("{e}")).as_deref(), Some("favouriteColour"));
        let kind = doc(json!({"type": ["AchievementSubject", "Astronaut"]}));
        assert_eq!(undefined_term(&kind).unwrap_or_else(|e| panic!("{e}")).as_deref(), Some("Astronaut"));
        // `criteria` is defined only inside an Achievement (a type-scoped context).
        let scoped = doc(json!({"type": ["AchievementSubject"], "criteria": {"narrative": "y"}}));
        assert_eq!(undefined_term(&scoped).unwrap_or_else(|e| panic!("{e}")).as_deref(), Some("criteria"));
    }
}
