//! Verifiable credentials for rolenorm assessments.
//!
//! A credential is a W3C Verifiable Credential (Data Model 2.0) shaped as an Open Badges 3.0
//! `OpenBadgeCredential`: the achievement is `"<role> according to rolenorm <norm id>@<version>"`,
//! its criteria are the role's core tasks and the assessment is its evidence. The issuer is a
//! `did:key` (Ed25519); the proof is a Data Integrity proof with the `eddsa-rdfc-2022`
//! cryptosuite: JSON-LD → RDF with [`oxjsonld`] (contexts pinned in [`contexts`], never
//! fetched), RDFC-1.0 with [`rdf_canon`], SHA-256 and Ed25519 ([`ed25519_dalek`]).
//! Revocation uses a W3C Bitstring Status List ([`status`]).
//!
//! No file or network I/O: callers read and write key files and credentials.

pub mod canon;
pub mod contexts;
mod error;
pub mod issue;
pub mod keys;
pub mod proof;
pub mod status;
pub mod verify;

pub use error::{Error, Invalid};
pub use issue::{Approval, IssueRequest, build_credential};
pub use keys::IssuerKey;
pub use status::StatusList;
pub use verify::{StatusCheck, Verified, VerifyOptions, verify_credential};

/// A new credential id: `urn:uuid:` and a random (v4) UUID.
pub fn new_credential_id() -> String {
    format!("urn:uuid:{}", uuid::Uuid::new_v4())
}

/// A random index into a new status list (random indexes keep holders from being correlated
/// by issue order).
pub fn random_status_index() -> Result<usize, Error> {
    let mut bytes = [0u8; 4];
    getrandom::fill(&mut bytes).map_err(|e| Error::Random(e.to_string()))?;
    Ok(u32::from_le_bytes(bytes) as usize % status::LIST_BITS)
}
