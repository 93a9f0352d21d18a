//! Reviews of submitted assessments, the credentials issued on approval, and the signed status
//! lists (tables of `migrations/04-credentials`).

use rusqlite::{OptionalExtension, Row, params};

use crate::{Store, StoreError, new_id, now};

/// Where a review stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReviewStatus {
    /// Waiting for an assessor.
    Pending,
    /// Approved: a credential was issued.
    Approved,
    /// Declined, with a reason.
    Declined,
}

impl ReviewStatus {
    /// The status as stored (`pending`, `approved`, `declined`).
    pub fn as_str(self) -> &'static str {
        match self {
            ReviewStatus::Pending => "pending",
            ReviewStatus::Approved => "approved",
            ReviewStatus::Declined => "declined",
        }
    }

    fn parse(text: &str) -> ReviewStatus {
        match text {
            "approved" => ReviewStatus::Approved,
            "declined" => ReviewStatus::Declined,
            _ => ReviewStatus::Pending,
        }
    }
}

/// An assessment submitted for review.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewReview {
    /// SHA-256 (hex) of the holder's secret key.
    pub holder_hash: String,
    /// The holder's name, as the credential will state it.
    pub holder_name: String,
    /// The role id the holder asks to be credentialed for.
    pub role: String,
    /// The input as submitted (JSON).
    pub input: String,
    /// Its assessment (JSON).
    pub assessment: String,
}

/// A stored review.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Review {
    /// The review's random id.
    pub id: String,
    /// When it was submitted (seconds since the Unix epoch).
    pub created_at: i64,
    /// SHA-256 (hex) of the holder's secret key.
    pub holder_hash: String,
    /// The holder's name.
    pub holder_name: String,
    /// The role asked for.
    pub role: String,
    /// The input as submitted (JSON).
    pub input: String,
    /// Its assessment (JSON).
    pub assessment: String,
    /// Where it stands.
    pub status: ReviewStatus,
    /// When it was decided.
    pub decided_at: Option<i64>,
    /// Who decided (the assessor account).
    pub decided_by: Option<String>,
    /// The assessor's reason.
    pub reason: Option<String>,
}

/// A credential issued on approval.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredCredential {
    /// The credential's random id (its public page).
    pub id: String,
    /// The review it was issued on.
    pub review_id: String,
    /// When it was issued.
    pub created_at: i64,
    /// The signed credential (JSON).
    pub credential: String,
    /// The status list it is in.
    pub status_list: i64,
    /// Its index in that list.
    pub status_index: i64,
    /// When it was revoked, if it was.
    pub revoked_at: Option<i64>,
    /// Who revoked it (`holder` or an assessor account).
    pub revoked_by: Option<String>,
    /// Whether its public page is hidden.
    pub hidden: bool,
}

/// The decision on a pending review.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decision {
    /// The review.
    pub review_id: String,
    /// The assessor account deciding.
    pub by: String,
    /// The reason given.
    pub reason: String,
}

/// A credential to record with an approval: its page id, JSON and status entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Issued {
    /// The credential's page id (from [`Store::new_credential_id`]).
    pub id: String,
    /// The signed credential (JSON).
    pub credential: String,
    /// The status list it is in.
    pub status_list: i64,
    /// Its index there.
    pub status_index: i64,
}

/// What came of recording an approval.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Approved {
    /// Recorded.
    Recorded,
    /// The review was not pending (decided meanwhile, or unknown): nothing recorded.
    NotPending,
    /// The status index is taken already: nothing recorded; sign again with another index.
    IndexTaken,
}

const REVIEW_COLUMNS: &str =
    "id, created_at, holder_hash, holder_name, role, input, assessment, status, decided_at, decided_by, reason";
const CREDENTIAL_COLUMNS: &str =
    "id, review_id, created_at, credential, status_list, status_index, revoked_at, revoked_by, hidden";

fn review_row(row: &Row<'_>) -> rusqlite::Result<Review> {
    Ok(Review {
        id: row.get(0)?,
        created_at: row.get(1)?,
        holder_hash: row.get(2)?,
        holder_name: row.get(3)?,
        role: row.get(4)?,
        input: row.get(5)?,
        assessment: row.get(6)?,
        status: ReviewStatus::parse(&row.get::<_, String>(7)?),
        decided_at: row.get(8)?,
        decided_by: row.get(9)?,
        reason: row.get(10)?,
    })
}

fn credential_row(row: &Row<'_>) -> rusqlite::Result<StoredCredential> {
    Ok(StoredCredential {
        id: row.get(0)?,
        review_id: row.get(1)?,
        created_at: row.get(2)?,
        credential: row.get(3)?,
        status_list: row.get(4)?,
        status_index: row.get(5)?,
        revoked_at: row.get(6)?,
        revoked_by: row.get(7)?,
        hidden: row.get::<_, i64>(8)? != 0,
    })
}

impl Store {
    /// Stores an assessment submitted for review; returns the review's new random id.
    pub async fn submit_review(&self, review: NewReview) -> Result<String, StoreError> {
        let id = new_id()?;
        let (row_id, created) = (id.clone(), now());
        self.interact(move |conn| {
            conn.execute(
                "INSERT INTO reviews (id, created_at, holder_hash, holder_name, role, input, assessment) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                params![
                    row_id,
                    created,
                    review.holder_hash,
                    review.holder_name,
                    review.role,
                    review.input,
                    review.assessment
                ],
            )
        })
        .await?;
        Ok(id)
    }

    /// The review `id`, if any.
    pub async fn review(&self, id: &str) -> Result<Option<Review>, StoreError> {
        let id = id.to_owned();
        self.interact(move |conn| {
            conn.query_row(&format!("SELECT {REVIEW_COLUMNS} FROM reviews WHERE id = ?1"), [id], review_row).optional()
        })
        .await
    }

    /// The review whose holder key hashes to `holder_hash`, if any.
    pub async fn review_of_holder(&self, holder_hash: &str) -> Result<Option<Review>, StoreError> {
        let hash = holder_hash.to_owned();
        self.interact(move |conn| {
            conn.query_row(&format!("SELECT {REVIEW_COLUMNS} FROM reviews WHERE holder_hash = ?1"), [hash], review_row)
                .optional()
        })
        .await
    }

    /// Reviews with `status`, oldest first, at most `limit`.
    pub async fn reviews(&self, status: ReviewStatus, limit: usize) -> Result<Vec<Review>, StoreError> {
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        self.interact(move |conn| {
            let mut statement = conn.prepare(&format!(
                "SELECT {REVIEW_COLUMNS} FROM reviews WHERE status = ?1 ORDER BY created_at, id LIMIT ?2"
            ))?;
            statement.query_map(params![status.as_str(), limit], review_row)?.collect()
        })
        .await
    }

    /// Declines a pending review; `false` if it was not pending.
    pub async fn decline_review(&self, decision: Decision) -> Result<bool, StoreError> {
        let decided = now();
        let changed = self
            .interact(move |conn| {
                conn.execute(
                    "UPDATE reviews SET status = 'declined', decided_at = ?2, decided_by = ?3, reason = ?4 \
                     WHERE id = ?1 AND status = 'pending'",
                    params![decision.review_id, decided, decision.by, decision.reason],
                )
            })
            .await?;
        Ok(changed == 1)
    }

    /// Approves a pending review and records the credential issued on it, in one transaction.
    pub async fn approve_review(&self, decision: Decision, issued: Issued) -> Result<Approved, StoreError> {
        let decided = now();
        self.interact(move |conn| {
            let tx = conn.transaction()?;
            let changed = tx.execute(
                "UPDATE reviews SET status = 'approved', decided_at = ?2, decided_by = ?3, reason = ?4 \
                 WHERE id = ?1 AND status = 'pending'",
                params![decision.review_id, decided, decision.by, decision.reason],
            )?;
            if changed != 1 {
                return Ok(Approved::NotPending);
            }
            let taken: bool = tx.query_row(
                "SELECT EXISTS (SELECT 1 FROM credentials WHERE status_list = ?1 AND status_index = ?2)",
                params![issued.status_list, issued.status_index],
                |row| row.get(0),
            )?;
            if taken {
                return Ok(Approved::IndexTaken);
            }
            tx.execute(
                &format!(
                    "INSERT INTO credentials ({CREDENTIAL_COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, NULL, NULL, 0)"
                ),
                params![
                    issued.id,
                    decision.review_id,
                    decided,
                    issued.credential,
                    issued.status_list,
                    issued.status_index
                ],
            )?;
            tx.commit()?;
            Ok(Approved::Recorded)
        })
        .await
    }

    /// A new random id for a credential's page.
    pub fn new_credential_id(&self) -> Result<String, StoreError> {
        new_id()
    }

    /// The credential `id`, if any.
    pub async fn credential(&self, id: &str) -> Result<Option<StoredCredential>, StoreError> {
        let id = id.to_owned();
        self.interact(move |conn| {
            conn.query_row(&format!("SELECT {CREDENTIAL_COLUMNS} FROM credentials WHERE id = ?1"), [id], credential_row)
                .optional()
        })
        .await
    }

    /// The credential issued on review `review_id`, if any.
    pub async fn credential_of_review(&self, review_id: &str) -> Result<Option<StoredCredential>, StoreError> {
        let id = review_id.to_owned();
        self.interact(move |conn| {
            conn.query_row(
                &format!("SELECT {CREDENTIAL_COLUMNS} FROM credentials WHERE review_id = ?1"),
                [id],
                credential_row,
            )
            .optional()
        })
        .await
    }

    /// Marks credential `id` revoked by `by`; `false` if it is unknown or revoked already.
    pub async fn revoke_credential(&self, id: &str, by: &str) -> Result<bool, StoreError> {
        let (id, by, at) = (id.to_owned(), by.to_owned(), now());
        let changed = self
            .interact(move |conn| {
                conn.execute(
                    "UPDATE credentials SET revoked_at = ?2, revoked_by = ?3 WHERE id = ?1 AND revoked_at IS NULL",
                    params![id, at, by],
                )
            })
            .await?;
        Ok(changed == 1)
    }

    /// Hides or shows credential `id`'s public page; `false` if it is unknown.
    pub async fn set_credential_hidden(&self, id: &str, hidden: bool) -> Result<bool, StoreError> {
        let id = id.to_owned();
        let changed = self
            .interact(move |conn| {
                conn.execute("UPDATE credentials SET hidden = ?2 WHERE id = ?1", params![id, i64::from(hidden)])
            })
            .await?;
        Ok(changed == 1)
    }

    /// The indexes of the revoked credentials in status list `list`.
    pub async fn revoked_indexes(&self, list: i64) -> Result<Vec<i64>, StoreError> {
        self.interact(move |conn| {
            let mut statement = conn.prepare(
                "SELECT status_index FROM credentials WHERE status_list = ?1 AND revoked_at IS NOT NULL \
                 ORDER BY status_index",
            )?;
            statement.query_map([list], |row| row.get(0))?.collect()
        })
        .await
    }

    /// The signed status list credential `list` (JSON), if one was stored.
    pub async fn status_list(&self, list: i64) -> Result<Option<String>, StoreError> {
        self.interact(move |conn| {
            conn.query_row("SELECT credential FROM status_lists WHERE id = ?1", [list], |row| row.get(0)).optional()
        })
        .await
    }

    /// Stores (replacing) the signed status list credential `list`.
    pub async fn save_status_list(&self, list: i64, credential: &str) -> Result<(), StoreError> {
        let (credential, at) = (credential.to_owned(), now());
        self.interact(move |conn| {
            conn.execute(
                "INSERT INTO status_lists (id, updated_at, credential) VALUES (?1, ?2, ?3) \
                 ON CONFLICT (id) DO UPDATE SET updated_at = excluded.updated_at, credential = excluded.credential",
                params![list, at, credential],
            )
        })
        .await
        .map(|_| ())
    }
}
