//! The `eddsa-rdfc-2022` Data Integrity proof: create and verify.
//!
//! hashData = SHA-256(canonical proof configuration) ‖ SHA-256(canonical document without
//! proof); the signature is Ed25519 over hashData, `proofValue` its base58btc multibase.

use ed25519_dalek::Signature;
use multibase::Base;
use serde_json::{Map, Value, json};
use sha2::{Digest, Sha256};

use crate::keys::{IssuerKey, resolve_did_key};
use crate::{Error, Invalid, canon};

/// The proof type.
pub const PROOF_TYPE: &str = "DataIntegrityProof";
/// The cryptosuite.
pub const CRYPTOSUITE: &str = "eddsa-rdfc-2022";

/// The intermediate values of a proof, as the W3C test vectors list them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HashData {
    /// Canonical N-Quads of the document without its proof.
    pub canonical_document: String,
    /// Canonical N-Quads of the proof configuration.
    pub canonical_proof: String,
    /// SHA-256 of the canonical document.
    pub document_hash: [u8; 32],
    /// SHA-256 of the canonical proof configuration.
    pub proof_hash: [u8; 32],
}

impl HashData {
    /// proofHash ‖ documentHash: the bytes that are signed.
    pub fn combined(&self) -> Vec<u8> {
        [self.proof_hash.as_slice(), self.document_hash.as_slice()].concat()
    }
}

/// The proof options for `key` at `created` (an XSD dateTime).
pub fn proof_options(key: &IssuerKey, created: &str) -> Value {
    json!({
        "type": PROOF_TYPE,
        "cryptosuite": CRYPTOSUITE,
        "created": created,
        "verificationMethod": key.verification_method(),
        "proofPurpose": "assertionMethod",
    })
}

/// The hash data of `unsecured` (a document without proof) under `options` (a proof without
/// `proofValue`); the proof configuration takes the document's `@context`.
pub fn hash_data(unsecured: &Value, options: &Value) -> Result<HashData, Error> {
    let mut config = options.as_object().cloned().ok_or_else(|| Error::Shape("the proof must be an object".into()))?;
    config.remove("proofValue");
    let context =
        unsecured.get("@context").cloned().ok_or_else(|| Error::Shape("the document has no @context".into()))?;
    config.insert("@context".to_owned(), context);
    let canonical_proof = canon::canonicalize(&Value::Object(config))?;
    let canonical_document = canon::canonicalize(unsecured)?;
    Ok(HashData {
        document_hash: Sha256::digest(canonical_document.as_bytes()).into(),
        proof_hash: Sha256::digest(canonical_proof.as_bytes()).into(),
        canonical_document,
        canonical_proof,
    })
}

/// `unsecured` with an `eddsa-rdfc-2022` proof by `key`, created at `created`.
pub fn sign(unsecured: &Value, key: &IssuerKey, created: &str) -> Result<Value, Error> {
    if unsecured.get("proof").is_some() {
        return Err(Error::Shape("the document already has a proof".into()));
    }
    let mut options = proof_options(key, created);
    let hash = hash_data(unsecured, &options)?;
    let signature = key.sign(&hash.combined());
    options["proofValue"] = Value::String(multibase::encode(Base::Base58Btc, signature));
    let mut secured = unsecured.clone();
    secured["proof"] = options;
    Ok(secured)
}

/// What a valid proof says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProofInfo {
    /// The verification method (`did:key:z…#z…`).
    pub verification_method: String,
    /// When the proof was created.
    pub created: Option<String>,
}

/// Verifies the `eddsa-rdfc-2022` proof of `secured` (the key is resolved from its did:key).
pub fn verify(secured: &Value) -> Result<ProofInfo, Invalid> {
    let mut unsecured =
        secured.as_object().cloned().ok_or_else(|| Error::Shape("a credential must be a JSON object".into()))?;
    let proof = match unsecured.remove("proof") {
        Some(Value::Object(proof)) => proof,
        Some(_) => return Err(Invalid::UnsupportedProof("a proof set or a non-object proof".into())),
        None => return Err(Invalid::MissingProof),
    };
    check_suite(&proof)?;
    let method = text(&proof, "verificationMethod")?;
    let public = resolve_did_key(method).map_err(|_| Invalid::UnsupportedKey(method.to_owned()))?;
    let value = text(&proof, "proofValue")?;
    let signature = decode_signature(value)?;
    if let Some(context) = proof.get("@context")
        && Some(context) != unsecured.get("@context")
    {
        return Err(Error::Shape("the proof's @context differs from the document's".into()).into());
    }
    let hash = hash_data(&Value::Object(unsecured), &Value::Object(proof.clone()))?;
    public.verify_strict(&hash.combined(), &signature).map_err(|_| Invalid::BadSignature)?;
    Ok(ProofInfo {
        verification_method: method.to_owned(),
        created: proof.get("created").and_then(Value::as_str).map(str::to_owned),
    })
}

fn check_suite(proof: &Map<String, Value>) -> Result<(), Invalid> {
    let kind = proof.get("type").and_then(Value::as_str).unwrap_or("(none)");
    let suite = proof.get("cryptosuite").and_then(Value::as_str).unwrap_or("(none)");
    if kind != PROOF_TYPE || suite != CRYPTOSUITE {
        return Err(Invalid::UnsupportedProof(format!("{kind} with cryptosuite {suite}")));
    }
    match proof.get("proofPurpose").and_then(Value::as_str) {
        Some("assertionMethod") => Ok(()),
        other => Err(Invalid::UnsupportedProof(format!("proof purpose {other:?}, expected assertionMethod"))),
    }
}

fn text<'a>(proof: &'a Map<String, Value>, field: &str) -> Result<&'a str, Invalid> {
    proof.get(field).and_then(Value::as_str).ok_or_else(|| Error::Shape(format!("the proof has no {field}")).into())
}

fn decode_signature(value: &str) -> Result<Signature, Invalid> {
    let malformed = || Invalid::Malformed(Error::Shape("proofValue is not a base58btc Ed25519 signature".into()));
    let (base, bytes) = multibase::decode(value).map_err(|_| malformed())?;
    let bytes: [u8; 64] = bytes.try_into().map_err(|_| malformed())?;
    if base != Base::Base58Btc {
        return Err(malformed());
    }
    Ok(Signature::from_bytes(&bytes))
}
