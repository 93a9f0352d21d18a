//! The server's issuer: its did:key (kept in the data folder, owner-only, never printed or
//! served), the credentials it signs on an assessor's approval, and its Bitstring Status List
//! credential at `{base}/credentials/status/1`.

use std::io::Write;
use std::path::{Path, PathBuf};

use jiff::{SignedDuration, Timestamp};
use rolenorm_assess::Assessment;
use rolenorm_credential::{Approval, IssueRequest, IssuerKey, StatusList, build_credential, proof, status};
use rolenorm_norm::Norm;
use rolenorm_store::{Approved, Decision, Issued, Store};
use serde_json::Value;

use crate::problem::Problem;

/// The key file's name in the data folder.
pub const KEY_FILE: &str = "issuer.key";
/// The one status list this server keeps.
pub const STATUS_LIST: i64 = 1;
/// How often a new status index is drawn when the drawn one is taken.
const INDEX_ATTEMPTS: usize = 8;

/// Why the issuer key cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum IssuerError {
    /// The key file cannot be created, read or parsed.
    #[error("issuer key file {path}: {message}")]
    Key {
        /// The key file.
        path: PathBuf,
        /// What went wrong.
        message: String,
    },
}

/// The issuing organisation this server signs for.
pub struct Issuer {
    key: IssuerKey,
    name: String,
    base_url: String,
    valid_days: Option<u32>,
    /// Serialises status list rebuilds, so two revocations cannot overwrite each other.
    list_lock: tokio::sync::Mutex<()>,
}

impl std::fmt::Debug for Issuer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Issuer").field("did", &self.key.did()).field("base_url", &self.base_url).finish()
    }
}

/// Reads the issuer key in `dir`, creating it (mode 0600) on first use. Returns the key and
/// whether it was created.
pub fn load_or_create_key(dir: &Path) -> Result<(IssuerKey, bool), IssuerError> {
    let path = dir.join(KEY_FILE);
    let fail = |message: String| IssuerError::Key { path: path.clone(), message };
    match std::fs::read_to_string(&path) {
        Ok(text) => {
            warn_if_shared(&path);
            IssuerKey::from_key_file(&text).map(|key| (key, false)).map_err(|e| fail(e.to_string()))
        }
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
            let key = IssuerKey::generate().map_err(|e| fail(e.to_string()))?;
            write_owner_only(&path, key.to_key_file().as_bytes()).map_err(|e| fail(e.to_string()))?;
            Ok((key, true))
        }
        Err(error) => Err(fail(error.to_string())),
    }
}

/// Creates `path` readable and writable by its owner only (0600) and writes `bytes`; never
/// overwrites an existing file.
pub fn write_owner_only(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options.open(path)?;
    file.write_all(bytes)?;
    file.sync_all()
}

fn warn_if_shared(path: &Path) {
    #[cfg(unix)]
    if let Ok(meta) = std::fs::metadata(path) {
        use std::os::unix::fs::PermissionsExt;
        if meta.permissions().mode() & 0o077 != 0 {
            tracing::warn!(file = %path.display(), "the issuer key file is readable by others; chmod 600 it");
        }
    }
}

/// Now, to the second (an XSD dateTime without fractions).
pub fn now() -> Timestamp {
    Timestamp::from_second(Timestamp::now().as_second()).unwrap_or(Timestamp::UNIX_EPOCH)
}

/// What an approval issues: the review, the assessment and who approved it.
#[derive(Debug)]
pub struct Grant<'a> {
    /// The review being approved.
    pub review_id: &'a str,
    /// Its assessment.
    pub assessment: &'a Assessment,
    /// The role to credential.
    pub role: &'a str,
    /// The holder's name.
    pub holder: &'a str,
    /// The assessor account approving, as the credential records it.
    pub assessor: &'a str,
    /// The assessor's reason.
    pub reason: &'a str,
}

impl Issuer {
    /// The issuer signing with `key` for the organisation `name`, at public URL `base_url`
    /// (credential ids and the status list URL are under it); credentials expire after
    /// `valid_days` if given.
    pub fn new(key: IssuerKey, name: &str, base_url: &str, valid_days: Option<u32>) -> Self {
        Self {
            key,
            name: name.to_owned(),
            base_url: base_url.trim_end_matches('/').to_owned(),
            valid_days,
            list_lock: tokio::sync::Mutex::new(()),
        }
    }

    /// The issuer's did:key.
    pub fn did(&self) -> String {
        self.key.did()
    }

    /// The organisation's name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The URL of status list `list`.
    pub fn status_list_url(&self, list: i64) -> String {
        format!("{}/credentials/status/{list}", self.base_url)
    }

    /// The URL of the public page of credential `id`.
    pub fn credential_url(&self, id: &str) -> String {
        format!("{}/c/{id}", self.base_url)
    }

    /// Signs a credential for `grant` and records it with the approval in one transaction.
    /// Returns the credential's page id.
    pub async fn approve(&self, norm: &Norm, store: &Store, grant: &Grant<'_>) -> Result<String, Problem> {
        let id = store.new_credential_id().map_err(unavailable)?;
        for _ in 0..INDEX_ATTEMPTS {
            let index =
                rolenorm_credential::random_status_index().map_err(|_| Problem::internal("drawing an index"))?;
            let signed = self.sign_credential(norm, grant, &id, index)?;
            let issued = Issued {
                id: id.clone(),
                credential: signed.to_string(),
                status_list: STATUS_LIST,
                status_index: i64::try_from(index).unwrap_or(i64::MAX),
            };
            let decision = Decision {
                review_id: grant.review_id.to_owned(),
                by: grant.assessor.to_owned(),
                reason: grant.reason.to_owned(),
            };
            match store.approve_review(decision, issued).await.map_err(unavailable)? {
                Approved::Recorded => return Ok(id),
                Approved::NotPending => {
                    return Err(Problem::new(
                        axum::http::StatusCode::CONFLICT,
                        "already-decided",
                        "Already decided",
                        "this review was decided meanwhile",
                    ));
                }
                Approved::IndexTaken => continue,
            }
        }
        Err(Problem::internal("finding a free status index"))
    }

    fn sign_credential(&self, norm: &Norm, grant: &Grant<'_>, id: &str, index: usize) -> Result<Value, Problem> {
        let issued = now();
        let until = self.valid_days.map(|days| (issued + SignedDuration::from_hours(i64::from(days) * 24)).to_string());
        let issued_text = issued.to_string();
        let request = IssueRequest {
            norm,
            assessment: grant.assessment,
            role: grant.role,
            issuer: &self.key.did(),
            issuer_name: &self.name,
            holder_name: Some(grant.holder),
            id: &self.credential_url(id),
            valid_from: &issued_text,
            valid_until: until.as_deref(),
            status: Some(status::entry(&self.status_list_url(STATUS_LIST), index)),
            approval: Approval {
                assessor: format!("{}, assessor account of {} ({})", grant.assessor, self.name, self.key.did()),
                date: issued_text.clone(),
            },
        };
        let unsigned = build_credential(&request).map_err(|e| Problem::invalid("role", e.to_string()))?;
        proof::sign(&unsigned, &self.key, &issued_text).map_err(|_| Problem::internal("signing the credential"))
    }

    /// The signed status list credential `list` as stored, created (all bits clear) on first use.
    pub async fn status_list(&self, store: &Store) -> Result<Value, Problem> {
        if let Some(text) = store.status_list(STATUS_LIST).await.map_err(unavailable)? {
            return serde_json::from_str(&text).map_err(|_| Problem::internal("reading the status list"));
        }
        self.rebuild_status_list(store).await
    }

    /// Marks credential `id` revoked by `by` and re-signs the status list; `false` if it was
    /// revoked already or is unknown.
    pub async fn revoke(&self, store: &Store, id: &str, by: &str) -> Result<bool, Problem> {
        let revoked = store.revoke_credential(id, by).await.map_err(unavailable)?;
        self.rebuild_status_list(store).await?;
        Ok(revoked)
    }

    /// Signs the status list anew from the revoked credentials in the store, and stores it.
    async fn rebuild_status_list(&self, store: &Store) -> Result<Value, Problem> {
        let _guard = self.list_lock.lock().await;
        let mut list = StatusList::new();
        for index in store.revoked_indexes(STATUS_LIST).await.map_err(unavailable)? {
            let index = usize::try_from(index).map_err(|_| Problem::internal("reading a status index"))?;
            list.set(index).map_err(|_| Problem::internal("setting a status bit"))?;
        }
        let issued = now().to_string();
        let url = self.status_list_url(STATUS_LIST);
        let unsigned = status::list_credential(&url, &self.key.did(), &issued, &list)
            .map_err(|_| Problem::internal("building the status list"))?;
        let signed =
            proof::sign(&unsigned, &self.key, &issued).map_err(|_| Problem::internal("signing the status list"))?;
        store.save_status_list(STATUS_LIST, &signed.to_string()).await.map_err(unavailable)?;
        Ok(signed)
    }
}

fn unavailable(error: rolenorm_store::StoreError) -> Problem {
    tracing::error!(error = %error, "the credential store failed");
    Problem::unavailable("the credential store could not answer; try again")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_key_is_created_owner_only_and_read_back() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let (key, created) = load_or_create_key(dir.path()).unwrap_or_else(|e| panic!("{e}"));
        assert!(created);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(dir.path().join(KEY_FILE)).map(|m| m.permissions().mode() & 0o777);
            assert_eq!(mode.ok(), Some(0o600));
        }
        let (again, created) = load_or_create_key(dir.path()).unwrap_or_else(|e| panic!("{e}"));
        assert!(!created);
        assert_eq!(again.did(), key.did());
        let issuer = Issuer::new(key, "Test", "http://x/", None);
        assert!(!format!("{issuer:?}").contains("secret"));
        assert_eq!(issuer.status_list_url(1), "http://x/credentials/status/1");
    }

    #[test]
    fn a_broken_key_file_is_named() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        std::fs::write(dir.path().join(KEY_FILE), "not a key").unwrap_or_else(|e| panic!("{e}"));
        let error = load_or_create_key(dir.path()).err().map(|e| e.to_string()).unwrap_or_default();
        assert!(error.contains(KEY_FILE) && error.contains("not a rolenorm key file"), "{error}");
    }
}
