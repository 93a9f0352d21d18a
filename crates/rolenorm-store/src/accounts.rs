//! Community accounts, sessions and the audit log (tables of migration `02-accounts`).
//!
//! The store holds what it is given: password hashes and session-token hashes are computed by
//! the server, so no secret ever reaches the database.

use rusqlite::{Connection, OptionalExtension, Row, params};

use crate::{Store, StoreError, now};

/// What an account may do. Moderators moderate debates; maintainers also release norm versions
/// and administer accounts; assessors approve practitioners' credentials.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum AccountRole {
    /// Proposes, comments, flags and votes.
    Member,
    /// A member who also approves, rejects and hides comments.
    Moderator,
    /// A moderator who also closes votes, releases norm versions and changes roles.
    Maintainer,
    /// A member who also approves credential assessments.
    Assessor,
}

impl AccountRole {
    /// Every role, in the order the database's check constraint lists them.
    pub const ALL: [AccountRole; 4] =
        [AccountRole::Member, AccountRole::Moderator, AccountRole::Maintainer, AccountRole::Assessor];

    /// The lower-case name stored and shown (`maintainer`).
    pub fn as_str(self) -> &'static str {
        match self {
            AccountRole::Member => "member",
            AccountRole::Moderator => "moderator",
            AccountRole::Maintainer => "maintainer",
            AccountRole::Assessor => "assessor",
        }
    }

    /// The role named `name`, if there is one.
    pub fn parse(name: &str) -> Option<AccountRole> {
        AccountRole::ALL.into_iter().find(|role| role.as_str() == name)
    }

    /// Whether this role may moderate comments (moderators and maintainers).
    pub fn can_moderate(self) -> bool {
        matches!(self, AccountRole::Moderator | AccountRole::Maintainer)
    }

    /// Whether this role may release norm versions, close votes and administer accounts.
    pub fn is_maintainer(self) -> bool {
        self == AccountRole::Maintainer
    }
}

impl std::fmt::Display for AccountRole {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// An account (without its password hash).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct User {
    /// The account's number.
    pub id: i64,
    /// The display name shown beside everything the account writes.
    pub name: String,
    /// The e-mail address (shown only to the account itself and to maintainers).
    pub email: String,
    /// What the account may do.
    pub role: AccountRole,
    /// When it was created, in seconds since the Unix epoch.
    pub created_at: i64,
}

/// One line of the audit log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditEntry {
    /// Its number, in the order of events.
    pub id: i64,
    /// When, in seconds since the Unix epoch.
    pub at: i64,
    /// The account that acted (none: the command line).
    pub actor: Option<i64>,
    /// What was done (`comment.approve`, `user.role`, `release`).
    pub action: String,
    /// What it was done to (`comment:12`, `user:3`, `release:0.4.0`).
    pub target: String,
    /// Details (a reason, the old and new role).
    pub detail: String,
}

const USER_COLUMNS: &str = "id, name, email, role, created_at";

fn user_from_row(row: &Row<'_>) -> rusqlite::Result<User> {
    let role: String = row.get(3)?;
    let role = AccountRole::parse(&role).ok_or_else(|| {
        rusqlite::Error::FromSqlConversionFailure(3, rusqlite::types::Type::Text, format!("unknown role {role}").into())
    })?;
    Ok(User { id: row.get(0)?, name: row.get(1)?, email: row.get(2)?, role, created_at: row.get(4)? })
}

/// Appends a line to the audit log inside the caller's transaction or connection.
pub(crate) fn audit_in(
    conn: &Connection,
    actor: Option<i64>,
    action: &str,
    target: &str,
    detail: &str,
) -> rusqlite::Result<()> {
    conn.execute(
        "INSERT INTO audit_log (at, actor, action, target, detail) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![now(), actor, action, target, detail],
    )
    .map(|_| ())
}

impl Store {
    /// Creates an account; [`StoreError::Conflict`] when the e-mail address is taken.
    pub async fn create_user(
        &self,
        name: &str,
        email: &str,
        password_hash: &str,
        role: AccountRole,
    ) -> Result<User, StoreError> {
        let (name, email, hash) = (name.to_owned(), email.to_owned(), password_hash.to_owned());
        let created_at = now();
        let shown = email.clone();
        let result = self
            .interact(move |conn| {
                conn.execute(
                    "INSERT INTO users (name, email, password_hash, role, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
                    params![name, email, hash, role.as_str(), created_at],
                )?;
                Ok(User { id: conn.last_insert_rowid(), name, email, role, created_at })
            })
            .await;
        match result {
            Err(StoreError::Sqlite(rusqlite::Error::SqliteFailure(e, _)))
                if e.code == rusqlite::ErrorCode::ConstraintViolation =>
            {
                Err(StoreError::Conflict(format!("the e-mail address {shown} is already registered")))
            }
            other => other,
        }
    }

    /// The account with e-mail address `email` (case-insensitive) and its password hash.
    pub async fn user_by_email(&self, email: &str) -> Result<Option<(User, String)>, StoreError> {
        let email = email.to_owned();
        self.interact(move |conn| {
            conn.query_row(
                &format!("SELECT {USER_COLUMNS}, password_hash FROM users WHERE email = ?1"),
                [email],
                |row| Ok((user_from_row(row)?, row.get(5)?)),
            )
            .optional()
        })
        .await
    }

    /// The account with number `id`.
    pub async fn user(&self, id: i64) -> Result<Option<User>, StoreError> {
        self.interact(move |conn| {
            conn.query_row(&format!("SELECT {USER_COLUMNS} FROM users WHERE id = ?1"), [id], user_from_row).optional()
        })
        .await
    }

    /// The password hash of account `id`.
    pub async fn password_hash(&self, id: i64) -> Result<Option<String>, StoreError> {
        self.interact(move |conn| {
            conn.query_row("SELECT password_hash FROM users WHERE id = ?1", [id], |row| row.get(0)).optional()
        })
        .await
    }

    /// Replaces the password hash of account `id` and ends its other sessions (all but
    /// `keep_session`, a token hash).
    pub async fn set_password_hash(&self, id: i64, hash: &str, keep_session: Option<&str>) -> Result<(), StoreError> {
        let (hash, keep) = (hash.to_owned(), keep_session.unwrap_or("").to_owned());
        self.interact(move |conn| {
            let tx = conn.transaction()?;
            tx.execute("UPDATE users SET password_hash = ?1 WHERE id = ?2", params![hash, id])?;
            tx.execute("DELETE FROM sessions WHERE user_id = ?1 AND token_hash <> ?2", params![id, keep])?;
            tx.commit()
        })
        .await
    }

    /// Gives account `id` `role`, recording it in the audit log with `actor` (none: the command
    /// line); the account as it is now, or none if there is no such account.
    pub async fn set_role(&self, actor: Option<i64>, id: i64, role: AccountRole) -> Result<Option<User>, StoreError> {
        self.interact(move |conn| {
            let tx = conn.transaction()?;
            let old: Option<String> =
                tx.query_row("SELECT role FROM users WHERE id = ?1", [id], |row| row.get(0)).optional()?;
            let Some(old) = old else { return Ok(None) };
            tx.execute("UPDATE users SET role = ?1 WHERE id = ?2", params![role.as_str(), id])?;
            audit_in(&tx, actor, "user.role", &format!("user:{id}"), &format!("{old} → {role}"))?;
            let user = tx.query_row(&format!("SELECT {USER_COLUMNS} FROM users WHERE id = ?1"), [id], user_from_row)?;
            tx.commit()?;
            Ok(Some(user))
        })
        .await
    }

    /// How many accounts there are.
    pub async fn user_count(&self) -> Result<i64, StoreError> {
        self.interact(|conn| conn.query_row("SELECT COUNT(*) FROM users", [], |row| row.get(0))).await
    }

    /// Opens a session for account `user_id` under `token_hash`, valid until `expires_at`.
    pub async fn create_session(&self, token_hash: &str, user_id: i64, expires_at: i64) -> Result<(), StoreError> {
        let token_hash = token_hash.to_owned();
        let created = now();
        self.interact(move |conn| {
            conn.execute("DELETE FROM sessions WHERE expires_at <= ?1", [created])?;
            conn.execute(
                "INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES (?1, ?2, ?3, ?4)",
                params![token_hash, user_id, created, expires_at],
            )
            .map(|_| ())
        })
        .await
    }

    /// The account of the unexpired session `token_hash`.
    pub async fn session_user(&self, token_hash: &str) -> Result<Option<User>, StoreError> {
        let token_hash = token_hash.to_owned();
        let at = now();
        self.interact(move |conn| {
            conn.query_row(
                "SELECT u.id, u.name, u.email, u.role, u.created_at FROM sessions s JOIN users u ON u.id = s.user_id \
                 WHERE s.token_hash = ?1 AND s.expires_at > ?2",
                params![token_hash, at],
                user_from_row,
            )
            .optional()
        })
        .await
    }

    /// Ends the session `token_hash` (nothing happens if there is none).
    pub async fn delete_session(&self, token_hash: &str) -> Result<(), StoreError> {
        let token_hash = token_hash.to_owned();
        self.interact(move |conn| conn.execute("DELETE FROM sessions WHERE token_hash = ?1", [token_hash]).map(|_| ()))
            .await
    }

    /// Appends a line to the audit log.
    pub async fn audit(&self, actor: Option<i64>, action: &str, target: &str, detail: &str) -> Result<(), StoreError> {
        let (action, target, detail) = (action.to_owned(), target.to_owned(), detail.to_owned());
        self.interact(move |conn| audit_in(conn, actor, &action, &target, &detail)).await
    }

    /// The newest `limit` lines of the audit log, newest first.
    pub async fn audit_log(&self, limit: i64) -> Result<Vec<AuditEntry>, StoreError> {
        self.interact(move |conn| {
            let mut statement =
                conn.prepare("SELECT id, at, actor, action, target, detail FROM audit_log ORDER BY id DESC LIMIT ?1")?;
            let rows = statement.query_map([limit], |row| {
                Ok(AuditEntry {
                    id: row.get(0)?,
                    at: row.get(1)?,
                    actor: row.get(2)?,
                    action: row.get(3)?,
                    target: row.get(4)?,
                    detail: row.get(5)?,
                })
            })?;
            rows.collect()
        })
        .await
    }
}
