//! The rolenorm norm: which tasks belong to which social-media role, and which do not.
//!
//! A norm pack is a folder of TOML files (format: `docs/norm-format.md`). [`Norm::builtin`]
//! loads the pack embedded in the binary; [`Norm::from_files`] loads any pack given as file
//! contents (the caller does the I/O). Loading checks the whole pack and reports every problem
//! as a [`Diagnostic`] with file and line. [`export`] renders a norm as JSON or as the
//! human-readable standard document in Markdown.
//!
//! ```
//! let norm = rolenorm_norm::Norm::builtin().unwrap();
//! let role = norm.role("community-manager").unwrap();
//! assert!(role.core.iter().any(|task| task == "COM-02"));
//! ```

mod export;
mod load;
mod model;

pub use export::{render_markdown, render_role, render_task, to_json};
pub use load::{BUILTIN_PACK, Diagnostic, NormError, PACK_FILES};
pub use model::*;
