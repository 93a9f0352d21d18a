//! Who may review assessments: the seam between the credential flow and the accounts. An
//! account with the assessor or maintainer role reviews; nobody else does.

use axum::http::HeaderMap;

use crate::AppState;

/// An account allowed to approve or decline assessments.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reviewer {
    /// The account's stable identifier, recorded with each decision.
    pub account: String,
    /// Its display name, shown in the credential's approval.
    pub name: String,
}

/// The reviewer making this request, if the request is signed in as an account with the
/// assessor or maintainer role.
pub async fn current(_state: &AppState, _headers: &HeaderMap) -> Option<Reviewer> {
    None
}
