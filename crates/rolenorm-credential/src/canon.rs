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
