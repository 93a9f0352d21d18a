//! Practitioner assessment against the rolenorm norm.
//!
//! A practitioner's work, given either as a structured [`SelfAssessment`] (tasks of the norm,
//! each with how often and with evidence) or as CV / profile text that the analyzer reads like
//! an ad, is held against every role of the norm: [`assess`] returns an [`Assessment`] with the
//! fit per role (the share of its core tasks covered, its optional tasks, the out-of-scope
//! work), the best-fitting roles, the gaps for each nearby role in the profile's language, a
//! level estimate and the norm it applied.
//!
//! No I/O: the caller reads files; everything here is pure.
//!
//! ```
//! use std::sync::Arc;
//! use rolenorm_analyze::Analyzer;
//! use rolenorm_assess::{assess, Input};
//! let analyzer = Analyzer::new(Arc::new(rolenorm_norm::Norm::builtin().unwrap())).unwrap();
//! let json = r#"{"tasks": [{"task": "COM-01", "how": "regularly"}, {"task": "COM-02", "how": "leading"}]}"#;
//! let input = Input::from_self_assessment_json(json).unwrap();
//! let assessment = assess(&analyzer, &input, None).unwrap();
//! assert_eq!(assessment.best[0], "community-manager");
//! ```

mod fit;
mod input;
mod model;
mod render;

pub use fit::assess;
pub use input::{AssessError, ClaimedTask, Frequency, Input, SelfAssessment, TaskEvidence};
pub use model::{
    ASSESSMENT_SCHEMA_VERSION, AssessedTask, Assessment, Gap, Proof, RoleFit, assessment_schema, self_assessment_schema,
};
pub use render::render_text;
