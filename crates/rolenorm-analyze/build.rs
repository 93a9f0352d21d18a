//! Compiles the built-in norm's vocabulary into its automaton table at build time, so that
//! `Analyzer::new` reads it in place instead of building the DFA (see `src/prebuilt.rs`).
//! The same modules as at run time do the work; nothing is downloaded. If the built-in norm
//! does not load, an empty table is written (the analyzer then builds at run time and reports
//! the norm's error itself).

use std::path::PathBuf;

#[allow(dead_code)]
#[path = "src/table.rs"]
mod table;

#[allow(dead_code)]
#[path = "src/compile.rs"]
mod compile;

/// At build time there is no prebuilt table yet.
mod prebuilt {
    pub(crate) fn table_for(_atoms: &[String]) -> Option<crate::table::AtomTable> {
        None
    }
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    for path in ["build.rs", "src/table.rs", "src/compile.rs"] {
        println!("cargo:rerun-if-changed={path}");
    }
    let out = PathBuf::from(std::env::var("OUT_DIR")?).join("builtin-atoms.table");
    let big_endian = std::env::var("CARGO_CFG_TARGET_ENDIAN").is_ok_and(|e| e == "big");
    let bytes = match rolenorm_norm::Norm::builtin() {
        Ok(norm) => {
            let vocabulary = compile::Vocabulary::compile(&norm)?;
            let words = vocabulary.table().to_words();
            let word_bytes = |w: &u32| if big_endian { w.to_be_bytes() } else { w.to_le_bytes() };
            words.iter().flat_map(word_bytes).collect()
        }
        Err(error) => {
            println!("cargo:warning=the built-in norm does not load ({error}); no prebuilt automaton");
            Vec::new()
        }
    };
    std::fs::write(&out, bytes)?;
    Ok(())
}
