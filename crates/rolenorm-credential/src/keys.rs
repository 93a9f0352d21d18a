//! Ed25519 issuer keys, their `did:key` and the key file.
//!
//! `did:key:z…` is the multibase (base58btc) encoding of the multicodec `ed25519-pub` prefix
//! (`0xed 0x01`) and the 32-byte public key; the verification method is `did:key:z…#z…`.
//! The secret is stored as the multibase of `ed25519-priv` (`0x80 0x26`) and the 32-byte seed,
//! the format of the W3C test vectors' `privateKeyMultibase`.

use ed25519_dalek::{Signer, SigningKey, VerifyingKey};
use multibase::Base;
use serde::{Deserialize, Serialize};

use crate::Error;

/// Multicodec prefix of an Ed25519 public key.
const ED25519_PUB: [u8; 2] = [0xed, 0x01];
/// Multicodec prefix of an Ed25519 private key (seed).
const ED25519_PRIV: [u8; 2] = [0x80, 0x26];

/// An issuer's Ed25519 key pair. Its `Debug` never shows the secret.
#[derive(Clone)]
pub struct IssuerKey {
    signing: SigningKey,
}

impl std::fmt::Debug for IssuerKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("IssuerKey").field("did", &self.did()).finish_non_exhaustive()
    }
}

/// The key file: JSON with the did, the public and the secret key (multibase).
#[derive(Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct KeyFile {
    r#type: String,
    controller: String,
    public_key_multibase: String,
    secret_key_multibase: String,
}

impl IssuerKey {
    /// A new key from the operating system's random source.
    pub fn generate() -> Result<IssuerKey, Error> {
        let mut seed = [0u8; 32];
        getrandom::fill(&mut seed).map_err(|e| Error::Random(e.to_string()))?;
        Ok(IssuerKey::from_seed(seed))
    }

    /// The key with this 32-byte seed.
    pub fn from_seed(seed: [u8; 32]) -> IssuerKey {
        IssuerKey { signing: SigningKey::from_bytes(&seed) }
    }

    /// The key from a multibase `ed25519-priv` secret (`z3u2…`).
    pub fn from_secret_multibase(secret: &str) -> Result<IssuerKey, Error> {
        let bytes = decode_prefixed(secret, ED25519_PRIV, "secret key")?;
        Ok(IssuerKey::from_seed(bytes))
    }

    /// The multibase `ed25519-priv` secret.
    pub fn secret_multibase(&self) -> String {
        encode_prefixed(ED25519_PRIV, self.signing.as_bytes())
    }

    /// The multibase `ed25519-pub` public key (`z6Mk…`).
    pub fn public_multibase(&self) -> String {
        encode_prefixed(ED25519_PUB, self.signing.verifying_key().as_bytes())
    }

    /// The issuer's `did:key`.
    pub fn did(&self) -> String {
        format!("did:key:{}", self.public_multibase())
    }

    /// The verification method: `did:key:z…#z…`.
    pub fn verification_method(&self) -> String {
        format!("{}#{}", self.did(), self.public_multibase())
    }

    /// Signs `data` (Ed25519, deterministic).
    pub fn sign(&self, data: &[u8]) -> [u8; 64] {
        self.signing.sign(data).to_bytes()
    }

    /// The key file's text (JSON). It holds the secret: write it owner-only, never print it.
    pub fn to_key_file(&self) -> String {
        let file = KeyFile {
            r#type: "Multikey".to_owned(),
            controller: self.did(),
            public_key_multibase: self.public_multibase(),
            secret_key_multibase: self.secret_multibase(),
        };
        serde_json::to_string_pretty(&file).unwrap_or_default() + "\n"
    }

    /// Reads a key file; its public key must belong to its secret.
    pub fn from_key_file(text: &str) -> Result<IssuerKey, Error> {
        let file: KeyFile =
            serde_json::from_str(text).map_err(|e| Error::Key(format!("not a rolenorm key file: {e}")))?;
        let key = IssuerKey::from_secret_multibase(&file.secret_key_multibase)?;
        if key.public_multibase() != file.public_key_multibase || key.did() != file.controller {
            return Err(Error::Key("the key file's public key does not belong to its secret key".to_owned()));
        }
        Ok(key)
    }
}

/// The Ed25519 public key of a `did:key` or of its verification method (`did:key:z…#z…`).
pub fn resolve_did_key(did_or_method: &str) -> Result<VerifyingKey, Error> {
    let Some(rest) = did_or_method.strip_prefix("did:key:") else {
        return Err(Error::Key(format!("{did_or_method:?} is not a did:key")));
    };
    let (id, fragment) = rest.split_once('#').unwrap_or((rest, rest));
    if id != fragment {
        return Err(Error::Key(format!("the fragment of {did_or_method:?} is not its key")));
    }
    let bytes = decode_prefixed(id, ED25519_PUB, "did:key")?;
    VerifyingKey::from_bytes(&bytes).map_err(|e| Error::Key(format!("{did_or_method:?} is no Ed25519 point: {e}")))
}

/// The did of a verification method (`did:key:z…#z…` → `did:key:z…`).
pub fn did_of_method(method: &str) -> &str {
    method.split_once('#').map_or(method, |(did, _)| did)
}

fn encode_prefixed(prefix: [u8; 2], key: &[u8; 32]) -> String {
    let mut bytes = Vec::with_capacity(34);
    bytes.extend_from_slice(&prefix);
    bytes.extend_from_slice(key);
    multibase::encode(Base::Base58Btc, bytes)
}

fn decode_prefixed(text: &str, prefix: [u8; 2], what: &str) -> Result<[u8; 32], Error> {
    let (base, bytes) = multibase::decode(text).map_err(|e| Error::Key(format!("{what} is not multibase: {e}")))?;
    if base != Base::Base58Btc {
        return Err(Error::Key(format!("{what} is not base58btc multibase")));
    }
    let key = bytes
        .strip_prefix(&prefix)
        .ok_or_else(|| Error::Key(format!("{what} does not start with the Ed25519 multicodec")))?;
    key.try_into().map_err(|_| Error::Key(format!("{what} does not hold 32 key bytes")))
}

#[cfg(test)]
mod tests {
    use super::*;

    const PUBLIC: &str = "z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2";
    const SECRET: &str = "z3u2en7t5LR2WtQH5PfFqMqwVHBeXouLzo6haApm8XHqvjxq";

    #[test]
    fn the_w3c_key_pair_round_trips() {
        let key = IssuerKey::from_secret_multibase(SECRET).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(key.public_multibase(), PUBLIC);
        assert_eq!(key.secret_multibase(), SECRET);
        assert_eq!(key.verification_method(), format!("did:key:{PUBLIC}#{PUBLIC}"));
        let resolved = resolve_did_key(&key.verification_method()).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(resolved, key.signing.verifying_key());
    }

    #[test]
    fn key_files_round_trip_and_debug_hides_the_secret() {
        let key = IssuerKey::generate().unwrap_or_else(|e| panic!("{e}"));
        let again = IssuerKey::from_key_file(&key.to_key_file()).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(again.did(), key.did());
        assert!(!format!("{key:?}").contains(&key.secret_multibase()));
        let other = IssuerKey::generate().unwrap_or_else(|e| panic!("{e}"));
        let forged = key.to_key_file().replace(&key.public_multibase(), &other.public_multibase());
        assert!(IssuerKey::from_key_file(&forged).is_err());
    }

    #[test]
    fn bad_dids_are_refused() {
        assert!(resolve_did_key("did:web:example.org").is_err());
        assert!(resolve_did_key("did:key:zNotBase58!").is_err());
        assert!(resolve_did_key(&format!("did:key:{PUBLIC}#other")).is_err());
    }
}
