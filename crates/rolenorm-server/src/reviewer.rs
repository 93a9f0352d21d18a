//! Who may review assessments: a signed-in account (`crate::accounts`) with the assessor or
//! maintainer role; nobody else does.

use axum::response::{IntoResponse, Response};
use rolenorm_store::AccountRole;

use crate::accounts::{AuthRejection, CurrentUser};

/// An account allowed to approve or decline assessments.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reviewer {
    /// The account's number, recorded with each decision.
    pub account: i64,
    /// Its display name, shown in the credential's approval.
    pub name: String,
}

impl Reviewer {
    /// How a decision records the reviewer: name and account number.
    pub fn label(&self) -> String {
        format!("{} (account {})", self.name, self.account)
    }
}

/// Whether a request may review.
#[derive(Debug)]
pub enum Access {
    /// Yes: this account.
    Granted(Reviewer),
    /// Not signed in: to the login page, back to `path` afterwards.
    SignIn(String),
    /// Signed in with an account that may not review.
    Forbidden,
}

impl Access {
    /// The access of `user` asking for page `path`.
    pub fn of(user: Option<&CurrentUser>, path: &str) -> Access {
        match user {
            None => Access::SignIn(path.to_owned()),
            Some(current) if matches!(current.user.role, AccountRole::Assessor | AccountRole::Maintainer) => {
                Access::Granted(Reviewer { account: current.user.id, name: current.user.name.clone() })
            }
            Some(_) => Access::Forbidden,
        }
    }

    /// The login redirect of [`Access::SignIn`].
    pub fn sign_in(path: String) -> Response {
        AuthRejection::Page(path).into_response()
    }
}
