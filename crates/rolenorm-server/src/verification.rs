//! Verifying credentials (`POST /api/v1/credentials/verify`, the `/verify` page, the public
//! credential pages) and serving the status list (`GET /credentials/status/{list}`).
//!
//! The server never fetches anything: a credential whose status list is this server's own is
//! checked against the list in the store; another issuer's list must come with the request.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use rolenorm_credential::{Invalid, StatusCheck, Verified, VerifyOptions, verify_credential};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use utoipa::ToSchema;

use crate::AppState;
use crate::extract::ApiJson;
use crate::problem::Problem;

/// A credential to verify, and optionally the status list credential it points to.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct VerifyRequest {
    /// The credential (a W3C VC 2.0 / Open Badges 3.0 JSON-LD object).
    #[schema(value_type = Object)]
    pub credential: serde_json::Map<String, Value>,
    /// The Bitstring Status List credential it points to. Not needed for credentials of this
    /// server (its own list is used); without it, another issuer's status is not checked (the
    /// server fetches nothing).
    #[serde(default)]
    #[schema(value_type = Option<Object>)]
    pub status_list: Option<serde_json::Map<String, Value>>,
}

/// One of the four checks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "kebab-case")]
pub enum CheckName {
    /// The document, its terms (JSON-LD safe mode) and its Data Integrity proof.
    Proof,
    /// The proof's key is the issuer's did:key.
    IssuerKey,
    /// `validFrom` and `validUntil` against now.
    Dates,
    /// The Bitstring Status List bit.
    Status,
}

/// What a check found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Outcome {
    /// It holds.
    Pass,
    /// It does not hold; `reason` names why.
    Fail,
    /// It could not be checked (an earlier check failed, or no status list was at hand).
    NotChecked,
}

/// A check and its outcome.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Check {
    /// Which check.
    pub check: CheckName,
    /// What it found.
    pub outcome: Outcome,
    /// The reason code when it failed (`bad-signature`, `expired`, `revoked`, …).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// What was checked or found, in words.
    pub detail: String,
}

/// What the credential states; unverified unless `verified` is true.
#[derive(Debug, Clone, Default, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Claims {
    /// The credential's id.
    pub id: Option<String>,
    /// The achievement: "<role> according to rolenorm <norm>@<version>".
    pub achievement: Option<String>,
    /// The role id of the norm.
    pub role: Option<String>,
    /// The norm, `id@version`.
    pub norm: Option<String>,
    /// The holder's name.
    pub holder: Option<String>,
    /// The issuer's did.
    pub issuer: Option<String>,
    /// The issuing organisation's name.
    pub issuer_name: Option<String>,
    /// Valid from.
    pub valid_from: Option<String>,
    /// Valid until.
    pub valid_until: Option<String>,
    /// When it was signed.
    pub signed: Option<String>,
    /// The assessor's approval, as the evidence records it.
    pub approval: Option<String>,
    /// The status list credential's URL.
    pub status_list: Option<String>,
}

/// The result of verifying a credential.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct VerifyReport {
    /// Whether the credential holds: every check passed (a status that could not be checked is
    /// reported as such, and does not fail it).
    pub verified: bool,
    /// Why it does not hold (stable code: `malformed`, `undefined-term`, `missing-proof`,
    /// `unsupported-proof`, `unsupported-key`, `issuer-mismatch`, `bad-signature`,
    /// `not-yet-valid`, `expired`, `revoked`, `status-list`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// The reason in words.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
    /// The checks, in order.
    pub checks: Vec<Check>,
    /// What the credential states.
    pub claims: Claims,
}

/// Verifies a credential: proof, issuer key, validity dates, revocation status. A credential
/// that does not hold is still 200, with `verified: false` and the named reason.
#[utoipa::path(
    post, path = "/api/v1/credentials/verify", tag = "credentials",
    request_body(content = VerifyRequest, content_type = "application/json"),
    responses(
        (status = 200, description = "The verification, valid or not, with every check", body = VerifyReport),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "Body too large", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "No credential object", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Rate limited", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn verify(
    State(state): State<AppState>,
    ApiJson(request): ApiJson<VerifyRequest>,
) -> Result<Json<VerifyReport>, Problem> {
    let credential = Value::Object(request.credential);
    let list = request.status_list.map(Value::Object);
    verify_value(&state, credential, list).await.map(Json)
}

/// Verifies `credential` (on a blocking thread: canonicalisation is CPU work), against `list`,
/// or this server's own status list when the credential points to it.
pub async fn verify_value(state: &AppState, credential: Value, list: Option<Value>) -> Result<VerifyReport, Problem> {
    let list = match list {
        Some(list) => Some(list),
        None => own_list(state, &credential).await?,
    };
    tokio::task::spawn_blocking(move || report(&credential, list.as_ref(), crate::issuer::now()))
        .await
        .map_err(|_| Problem::internal("verifying the credential"))
}

/// This server's status list, if `credential` points to it.
async fn own_list(state: &AppState, credential: &Value) -> Result<Option<Value>, Problem> {
    let Some(issuer) = state.issuer() else { return Ok(None) };
    let wanted = credential["credentialStatus"]["statusListCredential"].as_str();
    if wanted != Some(issuer.status_list_url(crate::issuer::STATUS_LIST).as_str()) {
        return Ok(None);
    }
    issuer.status_list(state.store()).await.map(Some)
}

/// The report on `credential` at `now`.
pub fn report(credential: &Value, list: Option<&Value>, now: jiff::Timestamp) -> VerifyReport {
    let options = VerifyOptions { now, status_list: list, expected_issuer: None };
    let claims = claims(credential);
    match verify_credential(credential, &options) {
        Ok(verified) => passed(verified, claims),
        Err(invalid) => {
            let mut checks = failed_checks(&invalid, &claims);
            if matches!(invalid, Invalid::Expired(_) | Invalid::NotYetValid(_)) {
                // The dates failed; the status is still worth knowing: check it inside the
                // validity period.
                let inside = claims.valid_from.as_deref().and_then(|t| t.parse().ok()).unwrap_or(now);
                let again = VerifyOptions { now: inside, ..options };
                if let Some(slot) = checks.last_mut() {
                    *slot = match verify_credential(credential, &again) {
                        Ok(verified) => status_check(&verified.status),
                        Err(other) => fail(CheckName::Status, &other),
                    };
                }
            }
            VerifyReport {
                verified: false,
                reason: Some(invalid.code().to_owned()),
                message: Some(invalid.to_string()),
                checks,
                claims,
            }
        }
    }
}

fn passed(verified: Verified, claims: Claims) -> VerifyReport {
    let checks = vec![
        pass_detail(CheckName::Proof, &claims),
        pass_detail(CheckName::IssuerKey, &claims),
        pass_detail(CheckName::Dates, &claims),
        status_check(&verified.status),
    ];
    VerifyReport { verified: true, reason: None, message: None, checks, claims }
}

/// A passed check with what it found, from the credential's own statements.
fn pass_detail(check: CheckName, claims: &Claims) -> Check {
    let issuer = claims.issuer.as_deref().unwrap_or("?");
    let detail = match check {
        CheckName::Proof => "the eddsa-rdfc-2022 Data Integrity proof matches the credential".to_owned(),
        CheckName::IssuerKey => format!("signed with the key of the issuer {issuer}"),
        CheckName::Dates => {
            let until = claims.valid_until.as_deref().map_or_else(|| "no expiry".to_owned(), |u| format!("until {u}"));
            format!("valid from {} {until}", claims.valid_from.as_deref().unwrap_or("the start"))
        }
        CheckName::Status => "holds".to_owned(),
    };
    pass(check, detail)
}

fn pass(check: CheckName, detail: String) -> Check {
    Check { check, outcome: Outcome::Pass, reason: None, detail }
}

fn fail(check: CheckName, invalid: &Invalid) -> Check {
    Check { check, outcome: Outcome::Fail, reason: Some(invalid.code().to_owned()), detail: invalid.to_string() }
}

fn not_checked(check: CheckName, detail: &str) -> Check {
    Check { check, outcome: Outcome::NotChecked, reason: None, detail: detail.to_owned() }
}

fn status_check(status: &StatusCheck) -> Check {
    match status {
        StatusCheck::NoStatus => pass(CheckName::Status, "the credential has no status entry".to_owned()),
        StatusCheck::NotChecked { list } => not_checked(
            CheckName::Status,
            &format!("status list {list} is not this server's and was not sent with the request"),
        ),
        StatusCheck::Active { list, index } => {
            pass(CheckName::Status, format!("not revoked: bit {index} of {list} is clear"))
        }
    }
}

/// The checks when verification stopped at `invalid`: earlier ones passed, later ones were
/// not reached.
fn failed_checks(invalid: &Invalid, claims: &Claims) -> Vec<Check> {
    let at = match invalid {
        Invalid::Malformed(_) | Invalid::MissingProof | Invalid::UnsupportedProof(_) | Invalid::BadSignature => {
            CheckName::Proof
        }
        Invalid::UnsupportedKey(_) | Invalid::IssuerMismatch { .. } | Invalid::UnexpectedIssuer { .. } => {
            CheckName::IssuerKey
        }
        Invalid::NotYetValid(_) | Invalid::Expired(_) => CheckName::Dates,
        Invalid::Revoked { .. } | Invalid::StatusList(_) => CheckName::Status,
    };
    let order = [CheckName::Proof, CheckName::IssuerKey, CheckName::Dates, CheckName::Status];
    let position = order.iter().position(|c| *c == at).unwrap_or(0);
    order
        .iter()
        .enumerate()
        .map(|(i, check)| match i.cmp(&position) {
            std::cmp::Ordering::Less => pass_detail(*check, claims),
            std::cmp::Ordering::Equal => fail(*check, invalid),
            std::cmp::Ordering::Greater => not_checked(*check, "not reached: an earlier check failed"),
        })
        .collect()
}

/// What the credential states, read without trusting it.
pub fn claims(credential: &Value) -> Claims {
    let text = |v: &Value| v.as_str().map(str::to_owned);
    let achievement = &credential["credentialSubject"]["achievement"];
    // urn:rolenorm:<norm>:<version>:role:<role>
    let urn = achievement["id"].as_str().and_then(|u| u.strip_prefix("urn:rolenorm:")).unwrap_or("");
    let parts: Vec<&str> = urn.splitn(4, ':').collect();
    let (norm, role) = match parts.as_slice() {
        [norm, version, "role", role] => (Some(format!("{norm}@{version}")), Some((*role).to_owned())),
        _ => (None, None),
    };
    let approval = credential["evidence"]
        .as_array()
        .and_then(|e| e.iter().find(|item| item["genre"] == "approval"))
        .and_then(|item| text(&item["description"]));
    Claims {
        id: text(&credential["id"]),
        achievement: text(&achievement["name"]).or_else(|| text(&credential["name"])),
        role,
        norm,
        holder: text(&credential["credentialSubject"]["identifier"][0]["identityHash"]),
        issuer: text(&credential["issuer"]).or_else(|| text(&credential["issuer"]["id"])),
        issuer_name: text(&credential["issuer"]["name"]),
        valid_from: text(&credential["validFrom"]),
        valid_until: text(&credential["validUntil"]),
        signed: text(&credential["proof"]["created"]),
        approval,
        status_list: text(&credential["credentialStatus"]["statusListCredential"]),
    }
}

/// The server's signed Bitstring Status List credential (`application/vc`, readable from any
/// origin so that verifiers in browsers can fetch it).
#[utoipa::path(
    get, path = "/credentials/status/{list}", tag = "credentials",
    params(("list" = String, Path, description = "The status list's number (this server keeps list 1)", example = "1")),
    responses(
        (status = 200, description = "The signed BitstringStatusListCredential", body = Object, content_type = "application/vc"),
        (status = 404, description = "No such list, or this server issues no credentials", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn status_list(State(state): State<AppState>, Path(list): Path<String>) -> Result<Response, Problem> {
    let missing = || Problem::not_found(format!("this server has no status list {list:?}")).field("list");
    let issuer = state.issuer().ok_or_else(missing)?;
    if list != crate::issuer::STATUS_LIST.to_string() {
        return Err(missing());
    }
    let credential = issuer.status_list(state.store()).await?;
    let mut response = credential.to_string().into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("application/vc"));
    headers.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, HeaderValue::from_static("*"));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    Ok(response)
}
