//! rolenorm's storage: a [`Store`] over one SQLite file in a data folder.
//!
//! The folder is created on first use; the database runs in WAL mode, and its schema comes from
//! the versioned migrations in `migrations/` (one folder per version, embedded at build time), so
//! later features add tables by adding a migration folder. Access is async through a
//! `deadpool-sqlite` pool whose connections run on tokio's blocking threads.
//!
//! ```no_run
//! # async fn demo() -> Result<(), rolenorm_store::StoreError> {
//! let store = rolenorm_store::Store::open(std::path::Path::new("rolenorm-data")).await?;
//! let id = store.save_analysis(r#"{"text":"…"}"#, r#"{"role":"other"}"#).await?;
//! assert!(store.analysis(&id).await?.is_some());
//! # Ok(()) }
//! ```

use std::path::{Path, PathBuf};
use std::sync::LazyLock;
use std::time::{SystemTime, UNIX_EPOCH};

use deadpool_sqlite::{Config, Pool, Runtime};
use include_dir::{Dir, include_dir};
use rusqlite::{Connection, OptionalExtension, params};
use rusqlite_migration::Migrations;

mod accounts;
mod community;

pub use accounts::{AccountRole, AuditEntry, User};
mod credentials;

pub use community::{
    Comment, CommentStatus, NewComment, NewProposal, NewRelease, Proposal, ProposalStatus, ProposalSummary, Release,
    Tally, Vote,
};
pub use credentials::{Approved, Decision, Issued, NewReview, Review, ReviewStatus, StoredCredential};

/// The database file's name inside the data folder.
pub const DATABASE_FILE: &str = "rolenorm.sqlite3";

static MIGRATIONS_DIR: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/migrations");
static MIGRATIONS: LazyLock<Result<Migrations<'static>, String>> =
    LazyLock::new(|| Migrations::from_directory(&MIGRATIONS_DIR).map_err(|e| e.to_string()));

/// Why the store cannot do what was asked.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The data folder cannot be created or used.
    #[error("cannot use data folder {path}: {source}")]
    Folder {
        /// The folder.
        path: PathBuf,
        /// The I/O error.
        source: std::io::Error,
    },
    /// An SQLite error.
    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
    /// The migrations could not be loaded or applied.
    #[error("database migration failed: {0}")]
    Migration(String),
    /// The connection pool failed (closed, or a worker panicked).
    #[error("database pool error: {0}")]
    Pool(String),
    /// The system's random source failed.
    #[error("no random source for ids: {0}")]
    Random(String),
    /// The row would clash with one that exists (an e-mail address already registered).
    #[error("{0}")]
    Conflict(String),
}

/// A saved analysis.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredAnalysis {
    /// The permalink id.
    pub id: String,
    /// When it was saved, in seconds since the Unix epoch.
    pub created_at: i64,
    /// The ad as submitted (JSON).
    pub input: String,
    /// The analysis (JSON).
    pub analysis: String,
}

/// The database of one rolenorm server. Cheap to clone (a pool handle).
#[derive(Clone)]
pub struct Store {
    pool: Pool,
    path: PathBuf,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store").field("path", &self.path).finish_non_exhaustive()
    }
}

impl Store {
    /// Opens (creating on first use) the database in folder `dir` and migrates it to the latest
    /// schema version.
    pub async fn open(dir: &Path) -> Result<Self, StoreError> {
        std::fs::create_dir_all(dir).map_err(|source| StoreError::Folder { path: dir.to_owned(), source })?;
        let path = dir.join(DATABASE_FILE);
        let setup_path = path.clone();
        tokio::task::spawn_blocking(move || migrate(&setup_path))
            .await
            .map_err(|e| StoreError::Pool(e.to_string()))??;
        let pool = Config::new(&path).create_pool(Runtime::Tokio1).map_err(|e| StoreError::Pool(e.to_string()))?;
        Ok(Self { pool, path })
    }

    /// The database file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Runs `f` on a pooled connection on a blocking thread: the seam for features that bring
    /// their own tables (in their own migration folders).
    pub async fn interact<F, R>(&self, f: F) -> Result<R, StoreError>
    where
        F: FnOnce(&mut Connection) -> Result<R, rusqlite::Error> + Send + 'static,
        R: Send + 'static,
    {
        let conn = self.pool.get().await.map_err(|e| StoreError::Pool(e.to_string()))?;
        conn.interact(f).await.map_err(|e| StoreError::Pool(e.to_string()))?.map_err(StoreError::from)
    }

    /// Saves an analysis with the ad it came from; returns its new random permalink id.
    pub async fn save_analysis(&self, input: &str, analysis: &str) -> Result<String, StoreError> {
        let id = new_id()?;
        let (input, analysis, row_id) = (input.to_owned(), analysis.to_owned(), id.clone());
        let created = now();
        self.interact(move |conn| {
            conn.execute(
                "INSERT INTO analyses (id, created_at, input, analysis) VALUES (?1, ?2, ?3, ?4)",
                params![row_id, created, input, analysis],
            )
        })
        .await?;
        Ok(id)
    }

    /// The saved analysis with permalink `id`, if any.
    pub async fn analysis(&self, id: &str) -> Result<Option<StoredAnalysis>, StoreError> {
        let id = id.to_owned();
        self.interact(move |conn| {
            conn.query_row("SELECT id, created_at, input, analysis FROM analyses WHERE id = ?1", [id], |row| {
                Ok(StoredAnalysis {
                    id: row.get(0)?,
                    created_at: row.get(1)?,
                    input: row.get(2)?,
                    analysis: row.get(3)?,
                })
            })
            .optional()
        })
        .await
    }

    /// How many analyses are saved.
    pub async fn analysis_count(&self) -> Result<i64, StoreError> {
        self.interact(|conn| conn.query_row("SELECT COUNT(*) FROM analyses", [], |row| row.get(0))).await
    }

    /// SQLite's `PRAGMA integrity_check`: `ok`, or the problems it found.
    pub async fn integrity_check(&self) -> Result<String, StoreError> {
        self.interact(|conn| conn.query_row("PRAGMA integrity_check", [], |row| row.get(0))).await
    }

    /// Checks that the database answers (for health checks).
    pub async fn ping(&self) -> Result<(), StoreError> {
        self.interact(|conn| conn.query_row("SELECT 1", [], |_| Ok(()))).await
    }
}

/// Opens the file, switches it to WAL and applies every pending migration.
fn migrate(path: &Path) -> Result<(), StoreError> {
    let mut conn = Connection::open(path)?;
    let mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |row| row.get(0))?;
    if !mode.eq_ignore_ascii_case("wal") {
        return Err(StoreError::Migration(format!("the database refused WAL mode (journal mode {mode})")));
    }
    let migrations = MIGRATIONS.as_ref().map_err(|e| StoreError::Migration(e.clone()))?;
    migrations.to_latest(&mut conn).map_err(|e| StoreError::Migration(e.to_string()))
}

/// A random, unguessable id: 128 bits as 32 lower-case hex digits.
pub(crate) fn new_id() -> Result<String, StoreError> {
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes).map_err(|e| StoreError::Random(e.to_string()))?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

pub(crate) fn now() -> i64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
}

/// The schema version the migrations bring a database to.
pub fn latest_schema_version() -> usize {
    MIGRATIONS_DIR.dirs().count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_are_valid() {
        let migrations = MIGRATIONS.as_ref().unwrap();
        migrations.validate().unwrap();
    }

    #[test]
    fn ids_are_random_hex() {
        let (a, b) = (new_id().unwrap(), new_id().unwrap());
        assert_eq!(a.len(), 32);
        assert!(a.bytes().all(|c| c.is_ascii_hexdigit()));
        assert_ne!(a, b);
    }
}
