//! Shared test helpers.
#![allow(dead_code)]
#![allow(clippy::unwrap_used)]

use std::path::PathBuf;
use std::sync::{Arc, OnceLock};

use rolenorm_analyze::{Ad, Analysis, Analyzer};
use rolenorm_norm::Norm;

/// One analyzer on the built-in norm for all tests of a binary.
pub fn analyzer() -> &'static Analyzer {
    static ANALYZER: OnceLock<Analyzer> = OnceLock::new();
    ANALYZER.get_or_init(|| Analyzer::new(Arc::new(Norm::builtin().expect("built-in norm"))).expect("compiles"))
}

/// Analyses `content` with an optional title.
pub fn analyze(title: Option<&str>, content: &str) -> Analysis {
    analyzer().analyze(Ad { title, content, ..Ad::default() }).expect("analysis")
}

/// The repository root.
pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// `shared/` beside the repository, or `None` (with the reason printed, so the test can skip)
/// when a fresh clone has no `shared/eval` beside it.
pub fn shared_dir() -> Option<PathBuf> {
    let dir = repo_root().join("../shared");
    if dir.join("eval").is_dir() {
        Some(dir)
    } else {
        eprintln!("skipped: the evaluation sets are expected in {}/eval (shared/ beside the repository)", dir.display());
        None
    }
}
