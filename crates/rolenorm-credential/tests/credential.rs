//! Issue → verify, and every way a credential must fail: a changed field, another key, an
//! expired or not yet valid credential, a revoked one, a foreign status list, an undefined term.
#![allow(clippy::unwrap_used)]

use std::path::PathBuf;
use std::sync::Arc;

use jiff::Timestamp;
use rolenorm_analyze::Analyzer;
use rolenorm_assess::{Assessment, Input, assess};
use rolenorm_credential::{
    Approval, Invalid, IssueRequest, IssuerKey, StatusCheck, StatusList, VerifyOptions, build_credential, proof,
    status, verify_credential,
};
use rolenorm_norm::Norm;
use serde_json::{Value, json};

const LIST_URL: &str = "https://issuer.example/status/1";
const INDEX: usize = 4711;
const ISSUED: &str = "2026-01-10T09:00:00Z";
const UNTIL: &str = "2028-01-10T09:00:00Z";

fn norm() -> Norm {
    Norm::builtin().unwrap()
}

fn assessment(norm: &Norm, fixture: &str) -> Assessment {
    let analyzer = Analyzer::new(Arc::new(norm.clone())).unwrap();
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(fixture);
    let input = Input::detect(&std::fs::read_to_string(path).unwrap()).unwrap();
    assess(&analyzer, &input, None).unwrap()
}

fn key() -> IssuerKey {
    IssuerKey::from_seed([7; 32])
}

fn other_key() -> IssuerKey {
    IssuerKey::from_seed([9; 32])
}

fn unsigned_with(key: &IssuerKey) -> Value {
    let norm = norm();
    let assessment = assessment(&norm, "tests/fixtures/community-manager.self.json");
    let did = key.did();
    let request = IssueRequest {
        norm: &norm,
        assessment: &assessment,
        role: "community-manager",
        issuer: &did,
        issuer_name: "Example Academy",
        holder_name: None,
        id: "urn:uuid:0b5e9d0c-3c52-4f7a-9a55-7a1c2a1f0e01",
        valid_from: ISSUED,
        valid_until: Some(UNTIL),
        status: Some(status::entry(LIST_URL, INDEX)),
        approval: Approval { assessor: format!("Example Academy ({did}) as assessor"), date: ISSUED.into() },
    };
    build_credential(&request).unwrap()
}

fn issued() -> Value {
    proof::sign(&unsigned_with(&key()), &key(), ISSUED).unwrap()
}

fn at(time: &str) -> VerifyOptions<'static> {
    VerifyOptions { now: time.parse::<Timestamp>().unwrap(), status_list: None, expected_issuer: None }
}

fn now() -> VerifyOptions<'static> {
    at("2026-06-01T00:00:00Z")
}

fn reason(credential: &Value, options: &VerifyOptions<'_>) -> &'static str {
    match verify_credential(credential, options) {
        Ok(v) => panic!("expected a failure, got {v:?}"),
        Err(invalid) => invalid.code(),
    }
}

fn list(key: &IssuerKey, url: &str, revoked: &[usize]) -> Value {
    let mut bits = StatusList::new();
    for index in revoked {
        bits.set(*index).unwrap();
    }
    let unsigned = status::list_credential(url, &key.did(), ISSUED, &bits).unwrap();
    proof::sign(&unsigned, key, ISSUED).unwrap()
}

#[test]
fn an_issued_credential_verifies_and_says_what_it_is() {
    let credential = issued();
    let verified = verify_credential(&credential, &now()).unwrap();
    assert_eq!(verified.issuer, key().did());
    assert_eq!(verified.holder.as_deref(), Some("Alex Example"));
    let name = format!("Community Manager according to rolenorm {}", norm().label());
    assert_eq!(verified.name.as_deref(), Some(name.as_str()));
    assert_eq!(verified.status, StatusCheck::NotChecked { list: LIST_URL.into() });
    assert_eq!(credential["type"], json!(["VerifiableCredential", "OpenBadgeCredential"]));
    let achievement = &credential["credentialSubject"]["achievement"];
    let narrative = achievement["criteria"]["narrative"].as_str().unwrap();
    for core in ["COM-01", "COM-02", "COM-03", "COM-04", "COM-06"] {
        assert!(narrative.contains(core), "criteria name core task {core}");
    }
    let evidence = credential["evidence"].as_array().unwrap();
    assert!(evidence[0]["narrative"].as_str().unwrap().contains("Wrote the netiquette"));
    assert!(evidence[1]["description"].as_str().unwrap().contains("as assessor"));
}

#[test]
fn any_changed_field_breaks_the_signature() {
    let credential = issued();
    let changes: [(&str, Value); 8] = [
        ("/name", json!("Social Media Manager according to rolenorm rolenorm@0.3.0")),
        ("/credentialSubject/achievement/name", json!("Anything")),
        ("/credentialSubject/identifier/0/identityHash", json!("Mallory")),
        ("/validUntil", json!("2099-01-01T00:00:00Z")),
        ("/issuer/name", json!("Another Academy")),
        ("/evidence/0/narrative", json!("made up")),
        ("/credentialStatus/statusListIndex", json!("1")),
        ("/proof/created", json!("2026-01-11T09:00:00Z")),
    ];
    for (path, value) in changes {
        let mut changed = credential.clone();
        *changed.pointer_mut(path).unwrap() = value;
        assert_eq!(reason(&changed, &now()), "bad-signature", "changing {path}");
    }
    let mut removed = credential.clone();
    removed.as_object_mut().unwrap().remove("validUntil");
    assert_eq!(reason(&removed, &now()), "bad-signature", "removing validUntil");
}

#[test]
fn another_key_fails_by_name() {
    let credential = issued();
    // Signed by another key, still naming the issuer: the key is not the issuer's.
    let forged = proof::sign(&unsigned_with(&key()), &other_key(), ISSUED).unwrap();
    assert_eq!(reason(&forged, &now()), "issuer-mismatch");
    // The proof re-pointed at another key: the signature does not hold for it.
    let mut swapped = credential.clone();
    swapped["proof"]["verificationMethod"] = json!(other_key().verification_method());
    assert_eq!(reason(&swapped, &now()), "bad-signature");
    // Another issuer altogether: valid on its own, refused when the verifier expects ours.
    let theirs = proof::sign(&unsigned_with(&other_key()), &other_key(), ISSUED).unwrap();
    assert!(verify_credential(&theirs, &now()).is_ok());
    let did = key().did();
    let expecting = VerifyOptions { expected_issuer: Some(&did), ..now() };
    assert_eq!(reason(&theirs, &expecting), "unexpected-issuer");
}

#[test]
fn validity_dates_are_enforced() {
    let credential = issued();
    assert_eq!(reason(&credential, &at("2028-01-10T09:00:01Z")), "expired");
    assert_eq!(reason(&credential, &at("2026-01-10T08:59:59Z")), "not-yet-valid");
    assert!(verify_credential(&credential, &at(UNTIL)).is_ok());
}

#[test]
fn revocation_is_read_from_the_status_list() {
    let credential = issued();
    let active = list(&key(), LIST_URL, &[1, 2, 3]);
    let options = VerifyOptions { status_list: Some(&active), ..now() };
    let verified = verify_credential(&credential, &options).unwrap();
    assert_eq!(verified.status, StatusCheck::Active { list: LIST_URL.into(), index: INDEX });

    let revoked = list(&key(), LIST_URL, &[INDEX]);
    let options = VerifyOptions { status_list: Some(&revoked), ..now() };
    assert!(matches!(verify_credential(&credential, &options), Err(Invalid::Revoked { index: INDEX, .. })));

    let foreign = list(&other_key(), LIST_URL, &[]);
    assert_eq!(reason(&credential, &VerifyOptions { status_list: Some(&foreign), ..now() }), "status-list");
    let elsewhere = list(&key(), "https://issuer.example/status/2", &[]);
    assert_eq!(reason(&credential, &VerifyOptions { status_list: Some(&elsewhere), ..now() }), "status-list");
    let mut tampered = revoked.clone();
    tampered["credentialSubject"]["encodedList"] = json!(StatusList::new().encode().unwrap());
    assert_eq!(reason(&credential, &VerifyOptions { status_list: Some(&tampered), ..now() }), "status-list");
}

#[test]
fn undefined_terms_and_foreign_proofs_are_refused() {
    let mut extra = unsigned_with(&key());
    extra["credentialSubject"]["favouriteColour"] = json!("red");
    let signed = proof::sign(&extra, &key(), ISSUED).unwrap();
    assert_eq!(reason(&signed, &now()), "undefined-term");

    let mut unpinned = issued();
    unpinned["@context"].as_array_mut().unwrap().push(json!("https://example.org/my-context"));
    assert_eq!(reason(&unpinned, &now()), "malformed");

    let mut bare = issued();
    bare.as_object_mut().unwrap().remove("proof");
    assert_eq!(reason(&bare, &now()), "missing-proof");

    let mut jcs = issued();
    jcs["proof"]["cryptosuite"] = json!("eddsa-jcs-2022");
    assert_eq!(reason(&jcs, &now()), "unsupported-proof");
}

#[test]
fn a_role_with_missing_core_tasks_is_not_credentialed() {
    let norm = norm();
    let assessment = assessment(&norm, "../rolenorm-assess/tests/fixtures/community-manager.self.json");
    let did = key().did();
    let request = IssueRequest {
        norm: &norm,
        assessment: &assessment,
        role: "community-manager",
        issuer: &did,
        issuer_name: "Example Academy",
        holder_name: None,
        id: "urn:uuid:0b5e9d0c-3c52-4f7a-9a55-7a1c2a1f0e02",
        valid_from: ISSUED,
        valid_until: None,
        status: None,
        approval: Approval { assessor: "x".into(), date: ISSUED.into() },
    };
    let error = build_credential(&request).unwrap_err().to_string();
    assert!(error.contains("COM-04 missing"), "{error}");
    let error = build_credential(&IssueRequest { role: "astronaut", ..request.clone() }).unwrap_err().to_string();
    assert!(error.contains("\"astronaut\" is not a role"), "{error}");
}
