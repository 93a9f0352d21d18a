//! W3C Bitstring Status List: the list (a GZIP-compressed bitstring, multibase base64url),
//! the `BitstringStatusListEntry` of a credential and the status list credential itself.

use std::io::{Read, Write};

use flate2::Compression;
use flate2::read::GzDecoder;
use flate2::write::GzEncoder;
use multibase::Base;
use serde_json::{Value, json};

use crate::Error;
use crate::contexts::CREDENTIALS_V2;

/// Bits in a new list: the specification's minimum of 16 KiB, for group privacy.
pub const LIST_BITS: usize = 131_072;
/// The status purpose rolenorm uses.
pub const REVOCATION: &str = "revocation";
/// The largest decompressed list accepted (bytes), against compression bombs.
const MAX_LIST_BYTES: u64 = 16 * 1024 * 1024;

/// A bitstring of statuses; bit 0 is the most significant bit of the first byte.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusList {
    bytes: Vec<u8>,
}

impl Default for StatusList {
    fn default() -> Self {
        StatusList { bytes: vec![0; LIST_BITS / 8] }
    }
}

impl StatusList {
    /// A list of [`LIST_BITS`] cleared bits.
    pub fn new() -> StatusList {
        StatusList::default()
    }

    /// How many entries the list has.
    pub fn len(&self) -> usize {
        self.bytes.len() * 8
    }

    /// Whether the list has no entries.
    pub fn is_empty(&self) -> bool {
        self.bytes.is_empty()
    }

    /// The bit at `index`, `None` beyond the list.
    pub fn get(&self, index: usize) -> Option<bool> {
        self.bytes.get(index / 8).map(|byte| byte & (0x80 >> (index % 8)) != 0)
    }

    /// Sets the bit at `index`.
    pub fn set(&mut self, index: usize) -> Result<(), Error> {
        let len = self.len();
        let byte = self
            .bytes
            .get_mut(index / 8)
            .ok_or_else(|| Error::Status(format!("index {index} is beyond the list of {len}")))?;
        *byte |= 0x80 >> (index % 8);
        Ok(())
    }

    /// The `encodedList`: multibase base64url (no padding) of the GZIP-compressed bits.
    pub fn encode(&self) -> Result<String, Error> {
        let mut gzip = GzEncoder::new(Vec::new(), Compression::default());
        gzip.write_all(&self.bytes).map_err(|e| Error::Status(e.to_string()))?;
        let compressed = gzip.finish().map_err(|e| Error::Status(e.to_string()))?;
        Ok(multibase::encode(Base::Base64Url, compressed))
    }

    /// Reads an `encodedList`.
    pub fn decode(encoded: &str) -> Result<StatusList, Error> {
        let (_, compressed) =
            multibase::decode(encoded).map_err(|e| Error::Status(format!("encodedList is not multibase: {e}")))?;
        let mut bytes = Vec::new();
        GzDecoder::new(compressed.as_slice())
            .take(MAX_LIST_BYTES)
            .read_to_end(&mut bytes)
            .map_err(|e| Error::Status(format!("encodedList is not GZIP data: {e}")))?;
        Ok(StatusList { bytes })
    }

    /// The list inside a status list credential (`credentialSubject.encodedList`).
    pub fn from_credential(credential: &Value) -> Result<StatusList, Error> {
        let encoded = credential["credentialSubject"]["encodedList"]
            .as_str()
            .ok_or_else(|| Error::Status("the status list credential has no credentialSubject.encodedList".into()))?;
        StatusList::decode(encoded)
    }
}

/// The `credentialStatus` entry for `index` in the status list credential at `list_url`.
pub fn entry(list_url: &str, index: usize) -> Value {
    json!({
        "id": format!("{list_url}#{index}"),
        "type": "BitstringStatusListEntry",
        "statusPurpose": REVOCATION,
        "statusListIndex": index.to_string(),
        "statusListCredential": list_url,
    })
}

/// An unsigned `BitstringStatusListCredential` with id `list_url` by `issuer`.
pub fn list_credential(list_url: &str, issuer: &str, valid_from: &str, list: &StatusList) -> Result<Value, Error> {
    Ok(json!({
        "@context": [CREDENTIALS_V2],
        "id": list_url,
        "type": ["VerifiableCredential", "BitstringStatusListCredential"],
        "issuer": issuer,
        "validFrom": valid_from,
        "credentialSubject": {
            "id": format!("{list_url}#list"),
            "type": "BitstringStatusList",
            "statusPurpose": REVOCATION,
            "encodedList": list.encode()?,
        },
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bits_round_trip_through_the_encoding() {
        let mut list = StatusList::new();
        list.set(0).unwrap_or_else(|e| panic!("{e}"));
        list.set(94_567).unwrap_or_else(|e| panic!("{e}"));
        let encoded = list.encode().unwrap_or_else(|e| panic!("{e}"));
        assert!(encoded.starts_with('u'));
        let back = StatusList::decode(&encoded).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(back.get(0), Some(true));
        assert_eq!(back.get(1), Some(false));
        assert_eq!(back.get(94_567), Some(true));
        assert_eq!(back.get(LIST_BITS), None);
        assert_eq!(back.bytes[0], 0x80, "bit 0 is the first byte's most significant bit");
        assert!(list.set(LIST_BITS).is_err());
    }
}
