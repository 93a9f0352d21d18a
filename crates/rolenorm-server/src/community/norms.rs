//! Every norm version the server knows: the one it started with (the base) and the releases in
//! its store, each compiled into an analyzer on first use.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock, RwLock};

use rolenorm_analyze::Analyzer;
use rolenorm_norm::{Norm, NormDocument};
use rolenorm_store::{Release, Store};

use crate::accounts::store_problem;
use crate::problem::Problem;

/// The norm versions of one server.
pub struct Norms {
    base: Arc<Analyzer>,
    base_document: OnceLock<Option<NormDocument>>,
    current: RwLock<Current>,
    loaded: tokio::sync::OnceCell<()>,
    compiled: Mutex<HashMap<String, Arc<Analyzer>>>,
}

/// The newest version and its document.
#[derive(Clone)]
struct Current {
    analyzer: Arc<Analyzer>,
    document: Option<NormDocument>,
}

impl std::fmt::Debug for Norms {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Norms").field("base", &self.base.norm().label()).finish_non_exhaustive()
    }
}

/// The pack of a release: file name → text.
pub(crate) fn release_files(release: &Release) -> Result<Vec<(String, String)>, Problem> {
    let map: std::collections::BTreeMap<String, String> =
        serde_json::from_str(&release.files).map_err(|_| Problem::internal("reading a stored release"))?;
    Ok(map.into_iter().collect())
}

/// The document of a release.
pub(crate) fn release_document(release: &Release) -> Result<NormDocument, Problem> {
    let files = release_files(release)?;
    NormDocument::from_files(files.iter().map(|(n, t)| (n.as_str(), t.as_str())))
        .map_err(|_| Problem::internal(&format!("reading release {}", release.version)))
}

fn compile(document: &NormDocument, what: &str) -> Result<Arc<Analyzer>, Problem> {
    let norm = Norm::from_document(document).map_err(|_| Problem::internal(&format!("checking {what}")))?;
    Analyzer::new(Arc::new(norm)).map(Arc::new).map_err(|_| Problem::internal(&format!("compiling {what}")))
}

impl Norms {
    /// The versions of a server that started with `base` (releases are read from the store on
    /// the first request).
    pub fn new(base: Arc<Analyzer>) -> Self {
        Self {
            current: RwLock::new(Current { analyzer: base.clone(), document: None }),
            base,
            base_document: OnceLock::new(),
            loaded: tokio::sync::OnceCell::new(),
            compiled: Mutex::new(HashMap::new()),
        }
    }

    /// Tells the document the base norm was read from (for `--norm DIR`; the built-in norm's
    /// is found by itself). Only the first call counts.
    pub fn set_base_document(&self, document: NormDocument) {
        let _ = self.base_document.set(Some(document));
    }

    /// The base norm's document: the one set, else the built-in pack when the base is it.
    fn base_document(&self) -> Option<NormDocument> {
        self.base_document
            .get_or_init(|| {
                let builtin = NormDocument::builtin().ok()?;
                let same = Norm::from_document(&builtin).is_ok_and(|n| n.label() == self.base.norm().label());
                same.then_some(builtin)
            })
            .clone()
    }

    /// The base version (`0.3.0`).
    pub fn base_version(&self) -> String {
        self.base.norm().identity().version.to_string()
    }

    /// Reads the newest release from the store, once.
    pub async fn ensure_loaded(&self, store: &Store) -> Result<(), Problem> {
        self.loaded
            .get_or_try_init(|| async {
                let latest = store.latest_release().await.map_err(|e| store_problem(&e))?;
                if let Some(release) = latest {
                    self.publish(&release)?;
                }
                Ok::<(), Problem>(())
            })
            .await
            .map(|_| ())
    }

    /// Makes `release` the newest version.
    pub fn publish(&self, release: &Release) -> Result<(), Problem> {
        let document = release_document(release)?;
        let analyzer = compile(&document, &format!("release {}", release.version))?;
        self.lock_compiled().insert(release.version.clone(), analyzer.clone());
        let mut current = self.current.write().unwrap_or_else(std::sync::PoisonError::into_inner);
        *current = Current { analyzer, document: Some(document) };
        Ok(())
    }

    fn lock_compiled(&self) -> std::sync::MutexGuard<'_, HashMap<String, Arc<Analyzer>>> {
        self.compiled.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// The analyzer of the newest version.
    pub fn current(&self) -> Arc<Analyzer> {
        self.current.read().unwrap_or_else(std::sync::PoisonError::into_inner).analyzer.clone()
    }

    /// The newest version's document (what proposals change), if the server has it.
    pub fn current_document(&self) -> Result<NormDocument, Problem> {
        let document = self.current.read().unwrap_or_else(std::sync::PoisonError::into_inner).document.clone();
        document.or_else(|| self.base_document()).ok_or_else(|| {
            Problem::unavailable("this server's norm was loaded without its files; proposals cannot be applied to it")
        })
    }

    /// The analyzer of `version` (none: the newest); 404 for a version nobody released.
    pub async fn at(&self, store: &Store, version: Option<&str>) -> Result<Arc<Analyzer>, Problem> {
        let Some(version) = version else { return Ok(self.current()) };
        if version == self.base_version() {
            return Ok(self.base.clone());
        }
        if let Some(analyzer) = self.lock_compiled().get(version) {
            return Ok(analyzer.clone());
        }
        let release = store.release(version).await.map_err(|e| store_problem(&e))?.ok_or_else(|| unknown(version))?;
        let document = release_document(&release)?;
        let analyzer = tokio::task::spawn_blocking(move || compile(&document, "a release"))
            .await
            .map_err(|_| Problem::internal("compiling a release"))??;
        self.lock_compiled().insert(version.to_owned(), analyzer.clone());
        Ok(analyzer)
    }

    /// The document of `version` (the base or a release).
    pub async fn document_at(&self, store: &Store, version: &str) -> Result<NormDocument, Problem> {
        if version == self.base_version() {
            return self.base_document().ok_or_else(|| unknown(version));
        }
        let release = store.release(version).await.map_err(|e| store_problem(&e))?.ok_or_else(|| unknown(version))?;
        release_document(&release)
    }
}

/// 404: no such norm version.
pub(crate) fn unknown(version: &str) -> Problem {
    Problem::not_found(format!("norm version {version:?} was never released on this server")).field("version")
}
