//! Verifying a credential: safe-mode terms, the proof, the issuer's key, the validity dates
//! and the revocation status.

use jiff::Timestamp;
use serde::Serialize;
use serde_json::Value;

use crate::contexts::{CREDENTIALS_V2, document_contexts};
use crate::keys::did_of_method;
use crate::status::StatusList;
use crate::{Error, Invalid, canon, proof};

/// What the verifier knows besides the credential.
#[derive(Debug, Clone)]
pub struct VerifyOptions<'a> {
    /// The time to check the validity dates against.
    pub now: Timestamp,
    /// The status list credential the credential points to, if at hand.
    pub status_list: Option<&'a Value>,
    /// The issuer the verifier expects, if any.
    pub expected_issuer: Option<&'a str>,
}

/// The revocation status found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "status", rename_all = "kebab-case")]
pub enum StatusCheck {
    /// The credential has no `credentialStatus`.
    NoStatus,
    /// It has one, but no status list was given.
    NotChecked {
        /// The status list credential's URL.
        list: String,
    },
    /// The status list holds and the credential's bit is clear.
    Active {
        /// The status list credential's URL.
        list: String,
        /// The credential's index.
        index: usize,
    },
}

/// What a valid credential says.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Verified {
    /// The issuer's did.
    pub issuer: String,
    /// The issuer's name.
    pub issuer_name: Option<String>,
    /// The holder's name, if it names one.
    pub holder: Option<String>,
    /// The credential's name (the achievement).
    pub name: Option<String>,
    /// Valid from.
    pub valid_from: Option<String>,
    /// Valid until.
    pub valid_until: Option<String>,
    /// When it was signed.
    pub created: Option<String>,
    /// The revocation status.
    pub status: StatusCheck,
}

/// Verifies `credential`; `Err` names the reason it does not hold.
pub fn verify_credential(credential: &Value, options: &VerifyOptions<'_>) -> Result<Verified, Invalid> {
    let issuer = verify_signed(credential)?;
    if let Some(expected) = options.expected_issuer.filter(|e| *e != issuer) {
        return Err(Invalid::UnexpectedIssuer { expected: expected.to_owned(), found: issuer });
    }
    let valid_from = date(credential, "validFrom")?;
    let valid_until = date(credential, "validUntil")?;
    if let Some((text, from)) = &valid_from
        && options.now < *from
    {
        return Err(Invalid::NotYetValid(text.clone()));
    }
    if let Some((text, until)) = &valid_until
        && options.now > *until
    {
        return Err(Invalid::Expired(text.clone()));
    }
    let status = check_status(credential, &issuer, options)?;
    let text = |v: &Value| v.as_str().map(str::to_owned);
    Ok(Verified {
        issuer_name: text(&credential["issuer"]["name"]),
        holder: text(&credential["credentialSubject"]["identifier"][0]["identityHash"]),
        name: text(&credential["name"]),
        valid_from: valid_from.map(|(t, _)| t),
        valid_until: valid_until.map(|(t, _)| t),
        created: text(&credential["proof"]["created"]),
        status,
        issuer,
    })
}

/// Checks the shape, the terms and the proof of a signed credential; returns its issuer.
fn verify_signed(credential: &Value) -> Result<String, Invalid> {
    let contexts = document_contexts(credential)?;
    if contexts.first().map(String::as_str) != Some(CREDENTIALS_V2) {
        return Err(Error::Shape(format!("the first @context must be {CREDENTIALS_V2}")).into());
    }
    let types = &credential["type"];
    let is_vc = types.as_array().is_some_and(|t| t.iter().any(|t| t == "VerifiableCredential"));
    if !is_vc {
        return Err(Error::Shape("type must list VerifiableCredential".into()).into());
    }
    if let Some(term) = canon::undefined_term(credential)? {
        return Err(Error::UndefinedTerm(term).into());
    }
    let info = proof::verify(credential)?;
    let issuer = match &credential["issuer"] {
        Value::String(id) => id.clone(),
        other => other["id"]
            .as_str()
            .map(str::to_owned)
            .ok_or_else(|| Error::Shape("the credential has no issuer".into()))?,
    };
    let key = did_of_method(&info.verification_method);
    if key != issuer {
        return Err(Invalid::IssuerMismatch { issuer, key: key.to_owned() });
    }
    Ok(issuer)
}

fn date(credential: &Value, field: &str) -> Result<Option<(String, Timestamp)>, Invalid> {
    let Some(value) = credential.get(field) else { return Ok(None) };
    let text = value.as_str().ok_or_else(|| Error::Shape(format!("{field} must be a date-time string")))?;
    let at = text
        .parse::<Timestamp>()
        .map_err(|e| Error::Shape(format!("{field} {text:?} is not a date-time with a time zone: {e}")))?;
    Ok(Some((text.to_owned(), at)))
}

fn check_status(credential: &Value, issuer: &str, options: &VerifyOptions<'_>) -> Result<StatusCheck, Invalid> {
    let Some(entry) = credential.get("credentialStatus") else { return Ok(StatusCheck::NoStatus) };
    let shape = |m: &str| Invalid::Malformed(Error::Shape(format!("credentialStatus: {m}")));
    if entry["type"] != "BitstringStatusListEntry" {
        return Err(shape("only BitstringStatusListEntry is supported"));
    }
    let url = entry["statusListCredential"].as_str().ok_or_else(|| shape("no statusListCredential"))?.to_owned();
    let index: usize = entry["statusListIndex"]
        .as_str()
        .and_then(|i| i.parse().ok())
        .ok_or_else(|| shape("statusListIndex must be a number in a string"))?;
    let Some(list) = options.status_list else { return Ok(StatusCheck::NotChecked { list: url }) };
    let bits = check_list(list, &url, issuer, &entry["statusPurpose"], options.now)?;
    match bits.get(index) {
        Some(false) => Ok(StatusCheck::Active { list: url, index }),
        Some(true) => Err(Invalid::Revoked { list: url, index }),
        None => Err(Invalid::StatusList(format!("index {index} is beyond the list's {} entries", bits.len()))),
    }
}

fn check_list(list: &Value, url: &str, issuer: &str, purpose: &Value, now: Timestamp) -> Result<StatusList, Invalid> {
    let list_issuer = verify_signed(list).map_err(|e| Invalid::StatusList(format!("{} ({})", e, e.code())))?;
    if list_issuer != issuer {
        return Err(Invalid::StatusList(format!(
            "it is issued by {list_issuer}, not by the credential's issuer {issuer}"
        )));
    }
    if list["id"] != url {
        return Err(Invalid::StatusList(format!("it is {}, not the credential's list {url}", list["id"])));
    }
    if list["credentialSubject"]["statusPurpose"] != *purpose {
        return Err(Invalid::StatusList("its statusPurpose differs from the credential's".into()));
    }
    if let Some((text, until)) = date(list, "validUntil")?
        && now > until
    {
        return Err(Invalid::StatusList(format!("it expired at {text}")));
    }
    StatusList::from_credential(list).map_err(|e| Invalid::StatusList(e.to_string()))
}
