//! Errors of the report library.

/// What can go wrong while reading analyses or writing a report.
#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    /// A line is not valid JSON, or not a valid analysis.
    #[error("not a valid analysis: {0}")]
    Json(#[from] serde_json::Error),
    /// A line is an input ad (no `role` field), not an analysis.
    #[error(
        "this line is a job ad, not an analysis (no \"role\" field): run `rolenorm batch` first and report on its output"
    )]
    NotAnAnalysis,
    /// A line is JSON but not an object.
    #[error("expected a JSON object per line")]
    NotAnObject,
}
