//! Errors: [`Error`] for things that cannot be done, [`Invalid`] for credentials that do not hold.

/// Something that cannot be done: bad input, an unpinned context, a broken key.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The document is not the JSON shape expected.
    #[error("{0}")]
    Shape(String),
    /// A context URL that is not pinned in this crate (contexts are never fetched).
    #[error("JSON-LD context {0} is not pinned locally (contexts are never fetched)")]
    UnpinnedContext(String),
    /// JSON-LD to RDF failed.
    #[error("JSON-LD processing failed: {0}")]
    JsonLd(String),
    /// A term that no context defines (JSON-LD safe mode).
    #[error("term {0:?} is not defined by the document's contexts (JSON-LD safe mode)")]
    UndefinedTerm(String),
    /// RDFC-1.0 canonicalisation failed.
    #[error("RDF canonicalisation failed: {0}")]
    Canonicalize(String),
    /// A key file, multibase key or did:key that cannot be read.
    #[error("bad key: {0}")]
    Key(String),
    /// The operating system's random source failed.
    #[error("no randomness for a new key: {0}")]
    Random(String),
    /// A status list that cannot be read or changed.
    #[error("status list: {0}")]
    Status(String),
    /// The role cannot be credentialed from this assessment.
    #[error("{0}")]
    Assessment(String),
}

/// Why a credential does not hold. [`Invalid::code`] names the reason for machines.
#[derive(Debug, thiserror::Error)]
pub enum Invalid {
    /// The document is malformed (not a credential, an undefined term, a bad date).
    #[error("malformed credential: {0}")]
    Malformed(#[from] Error),
    /// No `proof`.
    #[error("the credential has no proof")]
    MissingProof,
    /// A proof of another type or cryptosuite.
    #[error("unsupported proof: {0} (only DataIntegrityProof with eddsa-rdfc-2022)")]
    UnsupportedProof(String),
    /// A verification method that is not a did:key Ed25519 key.
    #[error("unsupported verification method {0:?} (only did:key Ed25519 keys)")]
    UnsupportedKey(String),
    /// The proof is not made with the issuer's key.
    #[error("the proof is made with key {key}, not with the issuer {issuer}")]
    IssuerMismatch {
        /// The credential's issuer.
        issuer: String,
        /// The did of the proof's key.
        key: String,
    },
    /// The issuer is not the one the verifier expects.
    #[error("issued by {found}, not by the expected issuer {expected}")]
    UnexpectedIssuer {
        /// The expected issuer.
        expected: String,
        /// The credential's issuer.
        found: String,
    },
    /// The signature does not match the signed data.
    #[error("the signature does not match: the credential was changed after signing, or signed with another key")]
    BadSignature,
    /// `validFrom` is in the future.
    #[error("not valid yet: valid from {0}")]
    NotYetValid(String),
    /// `validUntil` has passed.
    #[error("expired: valid until {0}")]
    Expired(String),
    /// The status list marks the credential revoked.
    #[error("the issuer revoked it: bit {index} of status list {list} is set")]
    Revoked {
        /// The status list credential's id.
        list: String,
        /// The credential's index in it.
        index: usize,
    },
    /// The status list given is not the credential's, or does not hold.
    #[error("status list does not hold: {0}")]
    StatusList(String),
}

impl Invalid {
    /// A stable name for the reason (`bad-signature`, `expired`, `revoked`, …).
    pub fn code(&self) -> &'static str {
        match self {
            Invalid::Malformed(Error::UndefinedTerm(_)) => "undefined-term",
            Invalid::Malformed(_) => "malformed",
            Invalid::MissingProof => "missing-proof",
            Invalid::UnsupportedProof(_) => "unsupported-proof",
            Invalid::UnsupportedKey(_) => "unsupported-key",
            Invalid::IssuerMismatch { .. } => "issuer-mismatch",
            Invalid::UnexpectedIssuer { .. } => "unexpected-issuer",
            Invalid::BadSignature => "bad-signature",
            Invalid::NotYetValid(_) => "not-yet-valid",
            Invalid::Expired(_) => "expired",
            Invalid::Revoked { .. } => "revoked",
            Invalid::StatusList(_) => "status-list",
        }
    }
}
