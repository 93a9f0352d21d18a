//! Loading a norm pack from its TOML files, with every problem reported by file and line.

use std::fmt;

use crate::document::NormDocument;
use crate::model::Norm;

/// The files of a norm pack, in the order they are read.
pub const PACK_FILES: [&str; 7] =
    ["norm.toml", "roles.toml", "tasks.toml", "levels.toml", "platforms.toml", "language.toml", "scoring.toml"];

/// The built-in norm pack, embedded at build time from `norm/` at the repository root.
pub const BUILTIN_PACK: [(&str, &str); 7] = [
    ("norm.toml", include_str!("../../../norm/norm.toml")),
    ("roles.toml", include_str!("../../../norm/roles.toml")),
    ("tasks.toml", include_str!("../../../norm/tasks.toml")),
    ("levels.toml", include_str!("../../../norm/levels.toml")),
    ("platforms.toml", include_str!("../../../norm/platforms.toml")),
    ("language.toml", include_str!("../../../norm/language.toml")),
    ("scoring.toml", include_str!("../../../norm/scoring.toml")),
];

/// One problem in a norm pack.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// The file (`tasks.toml`).
    pub file: String,
    /// The 1-based line, 0 when the problem concerns the whole file.
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

impl Diagnostic {
    /// A problem in `file` at `line` (0: the whole file).
    pub fn new(file: &str, line: usize, message: impl Into<String>) -> Diagnostic {
        Diagnostic { file: file.to_owned(), line, message: message.into() }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line == 0 {
            write!(f, "{}: {}", self.file, self.message)
        } else {
            write!(f, "{}:{}: {}", self.file, self.line, self.message)
        }
    }
}

/// A norm pack that cannot be used, with all its problems.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("the norm pack has {} problem(s):\n{}", .0.len(), .0.iter().map(|d| format!("  {d}")).collect::<Vec<_>>().join("\n"))]
pub struct NormError(pub Vec<Diagnostic>);

impl Norm {
    /// The built-in norm.
    pub fn builtin() -> Result<Norm, NormError> {
        Norm::from_files(BUILTIN_PACK.iter().map(|(name, text)| (*name, *text)))
    }

    /// Loads and checks a pack given as `(file name, contents)` pairs; every file of
    /// [`PACK_FILES`] must be there. Reads a [`NormDocument`] and checks it
    /// ([`Norm::from_document`]).
    pub fn from_files<'a>(files: impl IntoIterator<Item = (&'a str, &'a str)>) -> Result<Norm, NormError> {
        Norm::from_document(&NormDocument::from_files(files)?)
    }
}
