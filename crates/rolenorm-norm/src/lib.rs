//! The rolenorm norm: which tasks belong to which social-media role, and which do not.
//!
//! A norm pack is a folder of TOML files (format: `docs/norm-format.md`). Two types hold it:
//!
//! - [`NormDocument`]: the editable document, exactly what the files hold (serde in and out,
//!   written back with comments and layout kept); not checked.
//! - [`Norm`]: the checked norm the analyzer uses, built only by [`Norm::from_document`], which
//!   reports every problem as a [`Diagnostic`] with file and line.
//!
//! [`Norm::builtin`] loads the pack embedded in the binary; [`Norm::from_files`] loads any pack
//! given as file contents (the caller does the I/O). [`NormDiff`] tells what changed between two
//! norms and which version bump that calls for. [`render_markdown`] and [`to_json`] render a
//! norm for people and machines.
//!
//! ```
//! let norm = rolenorm_norm::Norm::builtin().unwrap();
//! let role = norm.role("community-manager").unwrap();
//! assert!(role.core.iter().any(|task| task == "COM-02"));
//! ```

mod change;
mod check;
mod diff;
mod document;
mod export;
mod load;
mod model;
mod write;

pub use change::{Change, ChangeError, ChangeLang, ChangePhrases, Changed, apply_changes};
pub use diff::*;
pub use document::{
    FORMAT, LanguageFile, LevelEntry, LevelsFile, NormDocument, NormFile, PhraseLists, PlatformEntry, PlatformsFile,
    RoleEntry, RolesFile, SectionEntry, TaskEntry, TasksFile,
};
pub use export::{render_markdown, render_role, render_task, to_json};
pub use load::{BUILTIN_PACK, Diagnostic, NormError, PACK_FILES};
pub use model::*;
