//! The W3C vc-di-eddsa test vectors for `eddsa-rdfc-2022` (in `../shared/reference/w3c-vc-di-eddsa/`):
//! canonical N-Quads, hashes and signature reproduced exactly, and the signed vector verifies.
#![allow(clippy::unwrap_used)]

use std::path::PathBuf;

use rolenorm_credential::{IssuerKey, proof};
use serde_json::Value;

fn vectors() -> Option<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/reference/w3c-vc-di-eddsa");
    if dir.is_dir() {
        Some(dir)
    } else {
        println!("skipped: the W3C test vectors are not at {}", dir.display());
        None
    }
}

fn read(dir: &std::path::Path, name: &str) -> String {
    std::fs::read_to_string(dir.join(name)).unwrap()
}

fn json(dir: &std::path::Path, name: &str) -> Value {
    serde_json::from_str(&read(dir, name)).unwrap()
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[test]
fn canonical_forms_hashes_and_signature_match_the_w3c_vectors() {
    let Some(dir) = vectors() else { return };
    let unsigned = json(&dir, "unsigned.json");
    let mut options = json(&dir, "proofConfigDataInt.json");
    options.as_object_mut().unwrap().remove("@context");
    let hash = proof::hash_data(&unsigned, &options).unwrap();
    assert_eq!(hash.canonical_document, read(&dir, "canonDocDataInt.txt").trim_end().to_owned() + "\n");
    assert_eq!(hash.canonical_proof, read(&dir, "proofCanonDataInt.txt").trim_end().to_owned() + "\n");
    assert_eq!(hex(&hash.document_hash), read(&dir, "docHashDataInt.txt").trim());
    assert_eq!(hex(&hash.proof_hash), read(&dir, "proofHashDataInt.txt").trim());
    assert_eq!(hex(&hash.combined()), read(&dir, "combinedHashDataInt.txt").trim());

    let keys = json(&dir, "keyPair.json");
    let key = IssuerKey::from_secret_multibase(keys["privateKeyMultibase"].as_str().unwrap()).unwrap();
    assert_eq!(key.public_multibase(), keys["publicKeyMultibase"].as_str().unwrap());
    assert_eq!(hex(&key.sign(&hash.combined())), read(&dir, "sigHexDataInt.txt").trim());

    let signed = proof::sign(&unsigned, &key, options["created"].as_str().unwrap()).unwrap();
    assert_eq!(signed, json(&dir, "signedDataInt.json"));
    assert_eq!(signed["proof"]["proofValue"].as_str().unwrap(), read(&dir, "sigBTC58DataInt.txt").trim());
}

#[test]
fn the_signed_w3c_vector_verifies_and_a_changed_one_does_not() {
    let Some(dir) = vectors() else { return };
    let signed = json(&dir, "signedDataInt.json");
    let info = proof::verify(&signed).unwrap();
    assert!(info.verification_method.starts_with("did:key:z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2#"));
    let mut changed = signed.clone();
    changed["credentialSubject"]["alumniOf"] = Value::String("The School of Forgery".into());
    let error = proof::verify(&changed).unwrap_err();
    assert_eq!(error.code(), "bad-signature", "{error}");
}
