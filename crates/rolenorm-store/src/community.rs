//! The norm's community (tables of migration `03-community`): proposals, comments with their
//! moderation and flags, votes, and released norm versions.
//!
//! Everything that must not race runs in one `IMMEDIATE` transaction: a vote checks that the
//! vote is open and writes in the same transaction, and a release checks every proposal's
//! status and final tally, closes them and stores the release at once, so a vote is either
//! counted in a release or refused as late, never lost.

use rusqlite::{Connection, OptionalExtension, Row, TransactionBehavior, params};

use crate::accounts::audit_in;
use crate::{Store, StoreError, now};

macro_rules! string_enum {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident = $text:literal),* $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum $name { $($(#[$vmeta])* $variant),* }

        impl $name {
            /// The lower-case name stored and shown.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),* }
            }

            /// The value named `text`, if there is one.
            pub fn parse(text: &str) -> Option<Self> {
                match text { $($text => Some($name::$variant),)* _ => None }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

string_enum! {
    /// Where a proposal stands.
    ProposalStatus {
        /// Being debated and voted on.
        Open = "open",
        /// The vote was closed and passed.
        Accepted = "accepted",
        /// The vote was closed and failed.
        Rejected = "rejected",
        /// Part of a released norm version.
        Released = "released",
    }
}

string_enum! {
    /// Where a comment stands in moderation.
    CommentStatus {
        /// Waiting for a moderator: visible only to its author and moderators.
        Pending = "pending",
        /// Visible to everyone.
        Approved = "approved",
        /// Refused by a moderator (visible to its author and moderators, with the reason).
        Rejected = "rejected",
        /// Taken down after approval (visible to its author and moderators, with the reason).
        Hidden = "hidden",
    }
}

string_enum! {
    /// A member's vote.
    Vote {
        /// For the proposal.
        Yes = "yes",
        /// Against it.
        No = "no",
        /// Counted for the quorum, neither for nor against.
        Abstain = "abstain",
    }
}

fn enum_column<T>(row: &Row<'_>, index: usize, parse: fn(&str) -> Option<T>) -> rusqlite::Result<T> {
    let text: String = row.get(index)?;
    parse(&text).ok_or_else(|| {
        rusqlite::Error::FromSqlConversionFailure(
            index,
            rusqlite::types::Type::Text,
            format!("unknown value {text}").into(),
        )
    })
}

/// A proposal as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Proposal {
    /// Its number.
    pub id: i64,
    /// The proposing account.
    pub author: i64,
    /// The proposing account's display name.
    pub author_name: String,
    /// Its title.
    pub title: String,
    /// Why (Markdown).
    pub rationale: String,
    /// The operations, as a JSON array.
    pub changes: String,
    /// The norm version it was made against.
    pub base_version: String,
    /// Where it stands.
    pub status: ProposalStatus,
    /// When it was made (seconds since the Unix epoch).
    pub created_at: i64,
    /// When its vote closes by itself, if a period is set.
    pub closes_at: Option<i64>,
    /// When its vote was closed.
    pub closed_at: Option<i64>,
    /// The norm version that released it.
    pub released_in: Option<String>,
}

/// What a new proposal holds.
#[derive(Debug, Clone)]
pub struct NewProposal {
    /// The proposing account.
    pub author: i64,
    /// Its title.
    pub title: String,
    /// Why (Markdown).
    pub rationale: String,
    /// The operations, as a JSON array.
    pub changes: String,
    /// The norm version it is made against.
    pub base_version: String,
    /// When its vote closes by itself, if a period is set.
    pub closes_at: Option<i64>,
}

/// The counts of a proposal's votes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Tally {
    /// Yes votes.
    pub yes: i64,
    /// No votes.
    pub no: i64,
    /// Abstentions.
    pub abstain: i64,
}

impl Tally {
    /// Every vote cast.
    pub fn total(&self) -> i64 {
        self.yes + self.no + self.abstain
    }
}

/// A proposal in a list, with its approved comments and its votes counted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProposalSummary {
    /// The proposal.
    pub proposal: Proposal,
    /// Approved comments.
    pub comments: i64,
    /// Its votes.
    pub tally: Tally,
}

/// A comment as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Comment {
    /// Its number.
    pub id: i64,
    /// The proposal it is on.
    pub proposal_id: i64,
    /// The comment it replies to.
    pub parent_id: Option<i64>,
    /// The writing account.
    pub author: i64,
    /// The writing account's display name.
    pub author_name: String,
    /// The Markdown as written.
    pub body: String,
    /// The sanitised HTML.
    pub html: String,
    /// Where it stands in moderation.
    pub status: CommentStatus,
    /// The moderator's reason (rejected, hidden).
    pub reason: Option<String>,
    /// When it was written.
    pub created_at: i64,
    /// How many members flagged it.
    pub flags: i64,
}

/// What a new comment holds.
#[derive(Debug, Clone)]
pub struct NewComment {
    /// The proposal.
    pub proposal_id: i64,
    /// The comment it replies to.
    pub parent_id: Option<i64>,
    /// The writing account.
    pub author: i64,
    /// Markdown as written.
    pub body: String,
    /// Sanitised HTML.
    pub html: String,
    /// `pending` or `approved`.
    pub status: CommentStatus,
}

/// A released norm version.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Release {
    /// The version (`0.4.0`).
    pub version: String,
    /// Its position among releases (1 for the first).
    pub seq: i64,
    /// The version it was made from.
    pub previous: String,
    /// The bump `norm diff` demanded (`minor`).
    pub bump: String,
    /// When it was released.
    pub created_at: i64,
    /// The releasing maintainer.
    pub released_by: i64,
    /// The pack: a JSON object from file name to text.
    pub files: String,
    /// The changelog (Markdown).
    pub changelog: String,
    /// The released proposals with their final tallies (JSON array).
    pub proposals: String,
}

/// What a new release holds (the store adds the sequence number, time and proposals).
#[derive(Debug, Clone)]
pub struct NewRelease {
    /// The version.
    pub version: String,
    /// The version it is made from (the newest release's, or the built-in norm's).
    pub previous: String,
    /// The bump demanded.
    pub bump: String,
    /// The releasing maintainer.
    pub released_by: i64,
    /// The pack (JSON object file name → text).
    pub files: String,
    /// The changelog (Markdown).
    pub changelog: String,
}

const PROPOSAL_COLUMNS: &str = "p.id, p.author, u.name, p.title, p.rationale, p.changes, p.base_version, p.status, \
p.created_at, p.closes_at, p.closed_at, p.released_in";

fn proposal_from_row(row: &Row<'_>) -> rusqlite::Result<Proposal> {
    Ok(Proposal {
        id: row.get(0)?,
        author: row.get(1)?,
        author_name: row.get(2)?,
        title: row.get(3)?,
        rationale: row.get(4)?,
        changes: row.get(5)?,
        base_version: row.get(6)?,
        status: enum_column(row, 7, ProposalStatus::parse)?,
        created_at: row.get(8)?,
        closes_at: row.get(9)?,
        closed_at: row.get(10)?,
        released_in: row.get(11)?,
    })
}

const COMMENT_COLUMNS: &str = "c.id, c.proposal_id, c.parent_id, c.author, u.name, c.body, c.html, c.status, c.reason, \
c.created_at, (SELECT COUNT(*) FROM flags f WHERE f.comment_id = c.id)";

fn comment_from_row(row: &Row<'_>) -> rusqlite::Result<Comment> {
    Ok(Comment {
        id: row.get(0)?,
        proposal_id: row.get(1)?,
        parent_id: row.get(2)?,
        author: row.get(3)?,
        author_name: row.get(4)?,
        body: row.get(5)?,
        html: row.get(6)?,
        status: enum_column(row, 7, CommentStatus::parse)?,
        reason: row.get(8)?,
        created_at: row.get(9)?,
        flags: row.get(10)?,
    })
}

const RELEASE_COLUMNS: &str = "version, seq, previous, bump, created_at, released_by, files, changelog, proposals";

fn release_from_row(row: &Row<'_>) -> rusqlite::Result<Release> {
    Ok(Release {
        version: row.get(0)?,
        seq: row.get(1)?,
        previous: row.get(2)?,
        bump: row.get(3)?,
        created_at: row.get(4)?,
        released_by: row.get(5)?,
        files: row.get(6)?,
        changelog: row.get(7)?,
        proposals: row.get(8)?,
    })
}

fn proposal_in(conn: &Connection, id: i64) -> rusqlite::Result<Option<Proposal>> {
    conn.query_row(
        &format!("SELECT {PROPOSAL_COLUMNS} FROM proposals p JOIN users u ON u.id = p.author WHERE p.id = ?1"),
        [id],
        proposal_from_row,
    )
    .optional()
}

fn comment_in(conn: &Connection, id: i64) -> rusqlite::Result<Option<Comment>> {
    conn.query_row(
        &format!("SELECT {COMMENT_COLUMNS} FROM comments c JOIN users u ON u.id = c.author WHERE c.id = ?1"),
        [id],
        comment_from_row,
    )
    .optional()
}

fn tally_in(conn: &Connection, proposal: i64) -> rusqlite::Result<Tally> {
    let mut statement = conn.prepare_cached("SELECT vote, COUNT(*) FROM votes WHERE proposal_id = ?1 GROUP BY vote")?;
    let mut tally = Tally::default();
    for row in statement.query_map([proposal], |row| Ok((row.get::<_, String>(0)?, row.get::<_, i64>(1)?)))? {
        let (vote, count) = row?;
        match Vote::parse(&vote) {
            Some(Vote::Yes) => tally.yes = count,
            Some(Vote::No) => tally.no = count,
            Some(Vote::Abstain) => tally.abstain = count,
            None => {}
        }
    }
    Ok(tally)
}

/// Whether proposal `p`'s vote is open at `at`.
fn vote_open(p: &Proposal, at: i64) -> bool {
    p.status == ProposalStatus::Open && p.closes_at.is_none_or(|closes| at < closes)
}

/// A store failure or a refusal with a reason, from inside a transaction.
enum TxError {
    Sqlite(rusqlite::Error),
    Refused(String),
}

impl From<rusqlite::Error> for TxError {
    fn from(error: rusqlite::Error) -> Self {
        TxError::Sqlite(error)
    }
}

fn refused<T>(message: impl Into<String>) -> Result<T, TxError> {
    Err(TxError::Refused(message.into()))
}

impl Store {
    /// Runs `f` in an `IMMEDIATE` transaction; a refusal becomes [`StoreError::Conflict`].
    async fn immediate<F, R>(&self, f: F) -> Result<R, StoreError>
    where
        F: FnOnce(&rusqlite::Transaction<'_>) -> Result<R, TxError> + Send + 'static,
        R: Send + 'static,
    {
        let outcome = self
            .interact(move |conn| {
                let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
                match f(&tx) {
                    Ok(value) => tx.commit().map(|()| Ok(value)),
                    Err(TxError::Refused(message)) => Ok(Err(message)),
                    Err(TxError::Sqlite(error)) => Err(error),
                }
            })
            .await?;
        outcome.map_err(StoreError::Conflict)
    }

    /// The newest `limit` saved analyses' ads: `(permalink id, ad JSON)`, newest first.
    pub async fn recent_inputs(&self, limit: i64) -> Result<Vec<(String, String)>, StoreError> {
        self.interact(move |conn| {
            let mut statement =
                conn.prepare("SELECT id, input FROM analyses ORDER BY created_at DESC, rowid DESC LIMIT ?1")?;
            let rows = statement.query_map([limit], |row| Ok((row.get(0)?, row.get(1)?)))?;
            rows.collect()
        })
        .await
    }

    /// Stores a new open proposal; its number.
    pub async fn create_proposal(&self, new: NewProposal) -> Result<i64, StoreError> {
        let created = now();
        self.interact(move |conn| {
            conn.execute(
                "INSERT INTO proposals (author, title, rationale, changes, base_version, status, created_at, closes_at) \
                 VALUES (?1, ?2, ?3, ?4, ?5, 'open', ?6, ?7)",
                params![new.author, new.title, new.rationale, new.changes, new.base_version, created, new.closes_at],
            )?;
            Ok(conn.last_insert_rowid())
        })
        .await
    }

    /// Proposal `id`.
    pub async fn proposal(&self, id: i64) -> Result<Option<Proposal>, StoreError> {
        self.interact(move |conn| proposal_in(conn, id)).await
    }

    /// Every proposal, newest first, with its approved comments and votes counted.
    pub async fn proposals(&self) -> Result<Vec<ProposalSummary>, StoreError> {
        self.interact(|conn| {
            let mut statement = conn.prepare(&format!(
                "SELECT {PROPOSAL_COLUMNS}, (SELECT COUNT(*) FROM comments c WHERE c.proposal_id = p.id AND c.status = 'approved') \
                 FROM proposals p JOIN users u ON u.id = p.author ORDER BY p.id DESC"
            ))?;
            let rows = statement.query_map([], |row| Ok((proposal_from_row(row)?, row.get::<_, i64>(12)?)))?;
            let mut out = Vec::new();
            for row in rows {
                let (proposal, comments) = row?;
                let tally = tally_in(conn, proposal.id)?;
                out.push(ProposalSummary { proposal, comments, tally });
            }
            Ok(out)
        })
        .await
    }

    /// The proposals with the most approved comments written since `since`, most first (ties:
    /// newest proposal first); only those with at least one.
    pub async fn most_discussed(&self, since: i64, limit: i64) -> Result<Vec<(i64, String, i64)>, StoreError> {
        self.interact(move |conn| {
            let mut statement = conn.prepare(
                "SELECT p.id, p.title, COUNT(c.id) AS n FROM proposals p JOIN comments c ON c.proposal_id = p.id \
                 WHERE c.status = 'approved' AND c.created_at >= ?1 GROUP BY p.id ORDER BY n DESC, p.id DESC LIMIT ?2",
            )?;
            let rows = statement.query_map(params![since, limit], |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)))?;
            rows.collect()
        })
        .await
    }

    /// Stores a comment; the comment as stored.
    pub async fn add_comment(&self, new: NewComment) -> Result<Comment, StoreError> {
        let created = now();
        self.interact(move |conn| {
            conn.execute(
                "INSERT INTO comments (proposal_id, parent_id, author, body, html, status, created_at) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                params![new.proposal_id, new.parent_id, new.author, new.body, new.html, new.status.as_str(), created],
            )?;
            let id = conn.last_insert_rowid();
            comment_in(conn, id)?.ok_or(rusqlite::Error::QueryReturnedNoRows)
        })
        .await
    }

    /// Comment `id`.
    pub async fn comment(&self, id: i64) -> Result<Option<Comment>, StoreError> {
        self.interact(move |conn| comment_in(conn, id)).await
    }

    /// Every comment on proposal `proposal`, oldest first, whatever its status (the caller
    /// decides who sees what).
    pub async fn comments_of(&self, proposal: i64) -> Result<Vec<Comment>, StoreError> {
        self.interact(move |conn| {
            let mut statement = conn.prepare(&format!(
                "SELECT {COMMENT_COLUMNS} FROM comments c JOIN users u ON u.id = c.author WHERE c.proposal_id = ?1 ORDER BY c.id"
            ))?;
            let rows = statement.query_map([proposal], comment_from_row)?;
            rows.collect()
        })
        .await
    }

    /// Comments waiting for a moderator, and flagged approved ones, oldest first.
    pub async fn moderation_queue(&self) -> Result<Vec<Comment>, StoreError> {
        self.interact(|conn| {
            let mut statement = conn.prepare(&format!(
                "SELECT {COMMENT_COLUMNS} FROM comments c JOIN users u ON u.id = c.author \
                 WHERE c.status = 'pending' OR (c.status = 'approved' AND EXISTS (SELECT 1 FROM flags f WHERE f.comment_id = c.id)) \
                 ORDER BY c.id"
            ))?;
            let rows = statement.query_map([], comment_from_row)?;
            rows.collect()
        })
        .await
    }

    /// Whether account `user` has a comment a moderator approved.
    pub async fn has_approved_comment(&self, user: i64) -> Result<bool, StoreError> {
        self.interact(move |conn| {
            conn.query_row(
                "SELECT EXISTS (SELECT 1 FROM comments WHERE author = ?1 AND status = 'approved')",
                [user],
                |row| row.get(0),
            )
        })
        .await
    }

    /// Moderator `actor` gives comment `id` `status` with `reason`, recorded in the audit log;
    /// the comment as it is now, or none if there is no such comment.
    pub async fn moderate(
        &self,
        actor: i64,
        id: i64,
        status: CommentStatus,
        reason: &str,
    ) -> Result<Option<Comment>, StoreError> {
        let reason = reason.to_owned();
        let at = now();
        self.interact(move |conn| {
            let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
            let changed = tx.execute(
                "UPDATE comments SET status = ?1, reason = ?2, moderated_by = ?3, moderated_at = ?4 WHERE id = ?5",
                params![status.as_str(), Some(reason.as_str()).filter(|r| !r.is_empty()), actor, at, id],
            )?;
            if changed == 0 {
                return Ok(None);
            }
            audit_in(&tx, Some(actor), &format!("comment.{status}"), &format!("comment:{id}"), &reason)?;
            let comment = comment_in(&tx, id)?;
            tx.commit()?;
            Ok(comment)
        })
        .await
    }

    /// Account `user` flags comment `id`; whether this is a new flag (a member flags once).
    pub async fn flag(&self, id: i64, user: i64, reason: &str) -> Result<bool, StoreError> {
        let reason = reason.to_owned();
        let at = now();
        self.interact(move |conn| {
            conn.execute(
                "INSERT OR IGNORE INTO flags (comment_id, user_id, reason, created_at) VALUES (?1, ?2, ?3, ?4)",
                params![id, user, reason, at],
            )
            .map(|n| n == 1)
        })
        .await
    }

    /// Records (or changes) `user`'s vote on `proposal`; [`StoreError::Conflict`] when the vote
    /// is closed or there is no such proposal.
    pub async fn cast_vote(&self, proposal: i64, user: i64, vote: Vote) -> Result<Tally, StoreError> {
        self.immediate(move |tx| {
            let at = now();
            let Some(p) = proposal_in(tx, proposal)? else {
                return refused(format!("there is no proposal {proposal}"));
            };
            if !vote_open(&p, at) {
                return refused(format!("the vote on proposal {proposal} is closed ({})", p.status));
            }
            tx.execute(
                "INSERT INTO votes (proposal_id, user_id, vote, updated_at) VALUES (?1, ?2, ?3, ?4) \
                 ON CONFLICT (proposal_id, user_id) DO UPDATE SET vote = excluded.vote, updated_at = excluded.updated_at",
                params![proposal, user, vote.as_str(), at],
            )?;
            Ok(tally_in(tx, proposal)?)
        })
        .await
    }

    /// `user`'s vote on `proposal`, if any.
    pub async fn vote_of(&self, proposal: i64, user: i64) -> Result<Option<Vote>, StoreError> {
        self.interact(move |conn| {
            conn.query_row("SELECT vote FROM votes WHERE proposal_id = ?1 AND user_id = ?2", [proposal, user], |row| {
                enum_column(row, 0, Vote::parse)
            })
            .optional()
        })
        .await
    }

    /// The counts of `proposal`'s votes.
    pub async fn tally(&self, proposal: i64) -> Result<Tally, StoreError> {
        self.interact(move |conn| tally_in(conn, proposal)).await
    }

    /// Maintainer `actor` closes `proposal`'s vote; `decide` turns the final tally into
    /// accepted or rejected. Recorded in the audit log; [`StoreError::Conflict`] unless the
    /// proposal is open.
    pub async fn close_vote(
        &self,
        actor: i64,
        proposal: i64,
        decide: impl FnOnce(&Tally) -> ProposalStatus + Send + 'static,
    ) -> Result<(ProposalStatus, Tally), StoreError> {
        self.immediate(move |tx| {
            let Some(p) = proposal_in(tx, proposal)? else {
                return refused(format!("there is no proposal {proposal}"));
            };
            if p.status != ProposalStatus::Open {
                return refused(format!("proposal {proposal} is {} already", p.status));
            }
            let tally = tally_in(tx, proposal)?;
            let status = decide(&tally);
            tx.execute(
                "UPDATE proposals SET status = ?1, closed_at = ?2 WHERE id = ?3",
                params![status.as_str(), now(), proposal],
            )?;
            let detail = format!("{status}: {} yes, {} no, {} abstain", tally.yes, tally.no, tally.abstain);
            audit_in(tx, Some(actor), "proposal.close", &format!("proposal:{proposal}"), &detail)?;
            Ok((status, tally))
        })
        .await
    }

    /// The newest release.
    pub async fn latest_release(&self) -> Result<Option<Release>, StoreError> {
        self.interact(|conn| {
            conn.query_row(
                &format!("SELECT {RELEASE_COLUMNS} FROM releases ORDER BY seq DESC LIMIT 1"),
                [],
                release_from_row,
            )
            .optional()
        })
        .await
    }

    /// Release `version`.
    pub async fn release(&self, version: &str) -> Result<Option<Release>, StoreError> {
        let version = version.to_owned();
        self.interact(move |conn| {
            conn.query_row(
                &format!("SELECT {RELEASE_COLUMNS} FROM releases WHERE version = ?1"),
                [version],
                release_from_row,
            )
            .optional()
        })
        .await
    }

    /// Every release, newest first.
    pub async fn releases(&self) -> Result<Vec<Release>, StoreError> {
        self.interact(|conn| {
            let mut statement = conn.prepare(&format!("SELECT {RELEASE_COLUMNS} FROM releases ORDER BY seq DESC"))?;
            let rows = statement.query_map([], release_from_row)?;
            rows.collect()
        })
        .await
    }

    /// Stores `release` made of `proposals`, in one transaction: the newest release must still
    /// be `release.previous` (else another release came first), every proposal must be open or
    /// accepted and pass `passes` on its final tally; they become released, the release is
    /// stored with their tallies and the audit log records it. [`StoreError::Conflict`] names
    /// the first reason it cannot.
    pub async fn create_release(
        &self,
        release: NewRelease,
        proposals: Vec<i64>,
        passes: impl Fn(&Proposal, &Tally) -> Result<(), String> + Send + 'static,
    ) -> Result<Release, StoreError> {
        self.immediate(move |tx| {
            let latest: Option<String> =
                tx.query_row("SELECT version FROM releases ORDER BY seq DESC LIMIT 1", [], |row| row.get(0)).optional()?;
            if latest.as_ref().is_some_and(|v| *v != release.previous) {
                return refused(format!(
                    "the release was made from {}, but {} was released in the meantime",
                    release.previous,
                    latest.unwrap_or_default()
                ));
            }
            let mut released = Vec::new();
            for id in &proposals {
                let Some(p) = proposal_in(tx, *id)? else { return refused(format!("there is no proposal {id}")) };
                if !matches!(p.status, ProposalStatus::Open | ProposalStatus::Accepted) {
                    return refused(format!("proposal {id} is {}; only open or accepted proposals are released", p.status));
                }
                let tally = tally_in(tx, *id)?;
                if let Err(reason) = passes(&p, &tally) {
                    return refused(format!("proposal {id}: {reason}"));
                }
                released.push(serde_json::json!({
                    "id": id, "title": p.title, "yes": tally.yes, "no": tally.no, "abstain": tally.abstain,
                }));
            }
            let at = now();
            let seq: i64 = tx.query_row("SELECT COALESCE(MAX(seq), 0) + 1 FROM releases", [], |row| row.get(0))?;
            let stored = Release {
                version: release.version,
                seq,
                previous: release.previous,
                bump: release.bump,
                created_at: at,
                released_by: release.released_by,
                files: release.files,
                changelog: release.changelog,
                proposals: serde_json::Value::from(released).to_string(),
            };
            let inserted = tx.execute(
                &format!("INSERT OR IGNORE INTO releases ({RELEASE_COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)"),
                params![
                    stored.version,
                    stored.seq,
                    stored.previous,
                    stored.bump,
                    stored.created_at,
                    stored.released_by,
                    stored.files,
                    stored.changelog,
                    stored.proposals
                ],
            )?;
            if inserted == 0 {
                return refused(format!("version {} is released already", stored.version));
            }
            for id in &proposals {
                tx.execute(
                    "UPDATE proposals SET status = 'released', released_in = ?1, closed_at = COALESCE(closed_at, ?2) WHERE id = ?3",
                    params![stored.version, at, id],
                )?;
            }
            let ids: Vec<String> = proposals.iter().map(i64::to_string).collect();
            audit_in(
                tx,
                Some(stored.released_by),
                "release",
                &format!("release:{}", stored.version),
                &format!("from {} ({}), proposals {}", stored.previous, stored.bump, ids.join(", ")),
            )?;
            Ok(stored)
        })
        .await
    }
}
