//! What the fuzz targets share: the built-in analyzer, built once per process, and a one-thread
//! corpus engine around it.
#![allow(clippy::expect_used)]

use std::sync::{Arc, LazyLock};

use rolenorm_analyze::Analyzer;
use rolenorm_corpus::Engine;
use rolenorm_norm::Norm;

/// The analyzer of the built-in norm.
pub static ANALYZER: LazyLock<Arc<Analyzer>> = LazyLock::new(|| {
    let norm = Norm::builtin().expect("the built-in norm loads");
    Arc::new(Analyzer::new(Arc::new(norm)).expect("the built-in norm compiles"))
});

/// The corpus engine on one worker thread, as `rolenorm batch --threads 1` runs it.
pub static ENGINE: LazyLock<Engine> =
    LazyLock::new(|| Engine::new(ANALYZER.clone(), Some(1)).expect("a worker thread starts").with_json(true));

/// Text from any bytes: invalid UTF-8 becomes U+FFFD, so every input is used.
pub fn text(data: &[u8]) -> String {
    String::from_utf8_lossy(data).into_owned()
}
