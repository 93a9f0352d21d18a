//! Robustness: the norm loader with one file of the built-in pack replaced by any text. Loading
//! either succeeds or reports diagnostics; it never panics.
#![no_main]

use libfuzzer_sys::fuzz_target;
use rolenorm_norm::{BUILTIN_PACK, Norm, NormDocument};

fuzz_target!(|data: &[u8]| {
    let Some((&choice, bytes)) = data.split_first() else { return };
    let replaced = usize::from(choice) % BUILTIN_PACK.len();
    let text = rolenorm_fuzz::text(bytes);
    let files: Vec<(&str, &str)> = BUILTIN_PACK
        .iter()
        .enumerate()
        .map(|(index, (name, original))| (*name, if index == replaced { text.as_str() } else { *original }))
        .collect();
    if let Err(error) = Norm::from_files(files.iter().copied()) {
        assert!(!error.0.is_empty(), "a failed load names its problems");
    }
    let _ = NormDocument::from_files(files.iter().copied());
});
