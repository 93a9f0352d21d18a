//! Building an unsigned `OpenBadgeCredential` for one role from an assessment.

use rolenorm_assess::Assessment;
use rolenorm_norm::{Family, Norm, Role};
use rolenorm_text::Language;
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

use crate::Error;
use crate::contexts::{CREDENTIALS_V2, OPEN_BADGES_V3};

/// Who approved the assessment, and when.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Approval {
    /// The assessor: the issuing organisation's name and did, or an assessor account.
    pub assessor: String,
    /// When (XSD dateTime).
    pub date: String,
}

/// Everything a credential states.
#[derive(Debug, Clone)]
pub struct IssueRequest<'a> {
    /// The norm the assessment applied.
    pub norm: &'a Norm,
    /// The assessment: its evidence, and the proof that the role's core tasks are covered.
    pub assessment: &'a Assessment,
    /// The role to credential (an id of the norm).
    pub role: &'a str,
    /// The issuer's did:key.
    pub issuer: &'a str,
    /// The issuing organisation's name.
    pub issuer_name: &'a str,
    /// The holder's name (default: the assessment's).
    pub holder_name: Option<&'a str>,
    /// The credential's id (`urn:uuid:…`).
    pub id: &'a str,
    /// Valid from (XSD dateTime).
    pub valid_from: &'a str,
    /// Valid until (XSD dateTime), if it expires.
    pub valid_until: Option<&'a str>,
    /// The `credentialStatus` entry ([`crate::status::entry`]).
    pub status: Option<Value>,
    /// The assessor's approval.
    pub approval: Approval,
}

/// The achievement's name: `"<role> according to rolenorm <norm id>@<version>"`.
pub fn achievement_name(norm: &Norm, role: &Role) -> String {
    format!("{} according to rolenorm {}", role.name.en, norm.label())
}

/// The unsigned credential for `request`. Refused when the role is unknown, the assessment
/// applied another norm, or it misses a core task of the role.
pub fn build_credential(request: &IssueRequest<'_>) -> Result<Value, Error> {
    let norm = request.norm;
    let role = checked_role(request)?;
    let holder = request.holder_name.map(str::to_owned).or_else(|| request.assessment.name.clone());
    let mut subject = json!({
        "type": ["AchievementSubject"],
        "achievement": achievement(norm, role),
    });
    if let Some(name) = holder {
        subject["identifier"] =
            json!([{"type": "IdentityObject", "identityHash": name, "identityType": "name", "hashed": false}]);
    }
    let mut credential = json!({
        "@context": [CREDENTIALS_V2, OPEN_BADGES_V3],
        "id": request.id,
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "name": achievement_name(norm, role),
        "description": format!("The holder's work was assessed against rolenorm {} and covers the core tasks of the role {}.", norm.label(), role.name.en),
        "issuer": {"id": request.issuer, "type": ["Profile"], "name": request.issuer_name},
        "validFrom": request.valid_from,
        "credentialSubject": subject,
        "evidence": evidence(request, role)?,
    });
    if let Some(until) = request.valid_until {
        credential["validUntil"] = Value::String(until.to_owned());
    }
    if let Some(status) = &request.status {
        credential["credentialStatus"] = status.clone();
    }
    Ok(credential)
}

fn checked_role<'n>(request: &IssueRequest<'n>) -> Result<&'n Role, Error> {
    let norm = request.norm;
    let a = request.assessment;
    if a.norm.id != norm.identity().id || a.norm.version != norm.identity().version.to_string() {
        return Err(Error::Assessment(format!(
            "the assessment applied norm {}@{}, not {}",
            a.norm.id,
            a.norm.version,
            norm.label()
        )));
    }
    let role = norm.role(request.role).filter(|r| r.family != Family::Other).ok_or_else(|| {
        Error::Assessment(format!("{:?} is not a role of norm {} that can be credentialed", request.role, norm.label()))
    })?;
    let fit = a
        .fits
        .iter()
        .find(|f| f.role == role.id)
        .ok_or_else(|| Error::Assessment(format!("the assessment has no fit for role {}", role.id)))?;
    if !fit.core_missing.is_empty() {
        return Err(Error::Assessment(format!(
            "the assessment does not cover every core task of {} per norm {}: {} missing",
            role.id,
            norm.label(),
            fit.core_missing.join(", ")
        )));
    }
    Ok(role)
}

fn urn(norm: &Norm, kind: &str, id: &str) -> String {
    format!("urn:rolenorm:{}:{}:{kind}:{id}", norm.identity().id, norm.identity().version)
}

fn achievement(norm: &Norm, role: &Role) -> Value {
    let core: Vec<_> = role.core.iter().filter_map(|t| norm.task(t)).collect();
    let narrative: String =
        std::iter::once(format!("The core tasks of the role {} per rolenorm {}:\n", role.name.en, norm.label()))
            .chain(core.iter().map(|t| format!("\n- {} {}: {}", t.id, t.name.en, t.definition.en)))
            .collect();
    let mut alignment: Vec<Value> = core
        .iter()
        .map(|t| {
            json!({
                "type": ["Alignment"],
                "targetName": t.name.get(Language::En),
                "targetCode": t.id,
                "targetFramework": format!("rolenorm {}", norm.label()),
                "targetType": "ext:rolenormTask",
                "targetUrl": urn(norm, "task", &t.id),
            })
        })
        .collect();
    alignment.extend(role.anchors.esco.iter().map(|e| {
        json!({"type": ["Alignment"], "targetName": e.label, "targetFramework": "ESCO", "targetType": "ext:ESCOOccupation", "targetUrl": e.uri})
    }));
    json!({
        "id": urn(norm, "role", &role.id),
        "type": ["Achievement"],
        "name": achievement_name(norm, role),
        "description": role.definition.en,
        "criteria": {"narrative": narrative},
        "alignment": alignment,
        "version": norm.identity().version.to_string(),
        "inLanguage": "en",
    })
}

fn evidence(request: &IssueRequest<'_>, role: &Role) -> Result<Value, Error> {
    let a = request.assessment;
    let json = serde_json::to_vec(a).map_err(|e| Error::Shape(e.to_string()))?;
    let digest: String = Sha256::digest(&json).iter().map(|b| format!("{b:02x}")).collect();
    let fit = a.fits.iter().find(|f| f.role == role.id);
    let mut narrative = format!(
        "Assessment ({}) against rolenorm {}@{}, SHA-256 of its JSON: {digest}.\n\nFit for {}: {:.0}% (core tasks {:.0}% covered).\n\nTasks shown:\n",
        a.source,
        a.norm.id,
        a.norm.version,
        role.name.en,
        fit.map_or(0.0, |f| f.fit * 100.0),
        fit.map_or(0.0, |f| f.core_share * 100.0),
    );
    for task in &a.tasks {
        let how = task.how.map(|h| format!(" ({})", h.label(Language::En))).unwrap_or_default();
        narrative.push_str(&format!("\n- {} {}{how}", task.id, task.name));
        for proof in &task.evidence {
            let parts: Vec<String> = [
                proof.description.as_ref().map(|d| format!("\"{d}\"")),
                proof.url.clone(),
                proof.years.map(|y| format!("{y} years")),
            ]
            .into_iter()
            .flatten()
            .collect();
            if !parts.is_empty() {
                narrative.push_str(&format!("\n  - {}", parts.join(", ")));
            }
        }
    }
    Ok(json!([
        {
            "type": ["Evidence"],
            "name": format!("rolenorm assessment ({})", a.source),
            "description": format!("The holder's work held against every role of rolenorm {}@{}.", a.norm.id, a.norm.version),
            "narrative": narrative,
            "genre": "assessment",
        },
        {
            "type": ["Evidence"],
            "name": "Assessor approval",
            "description": format!("Reviewed and approved by {} on {}.", request.approval.assessor, request.approval.date),
            "genre": "approval",
        }
    ]))
}
