//! Parsing one line of `rolenorm batch` output.

use rolenorm_wire::Analysis;
use serde_json::Value;

use crate::{AdMeta, ReportError};

/// One line of `rolenorm batch` output.
#[derive(Debug, Clone, PartialEq)]
pub enum Line {
    /// An analysis, with the pass-through fields of its input record.
    Analysis(Box<Analysis>, AdMeta),
    /// An error line (`{"id", "line", "error"}`): the ad could not be analysed.
    Error,
    /// An empty line.
    Blank,
}

/// Parses one JSONL line. Error lines and blank lines are recognised, not refused; an input ad
/// (a record without `role`) is [`ReportError::NotAnAnalysis`].
pub fn parse_line(line: &str) -> Result<Line, ReportError> {
    if line.trim().is_empty() {
        return Ok(Line::Blank);
    }
    let value: Value = serde_json::from_str(line)?;
    let Value::Object(object) = &value else {
        return Err(ReportError::NotAnObject);
    };
    if object.contains_key("error") && !object.contains_key("role") {
        return Ok(Line::Error);
    }
    if !object.contains_key("role") {
        return Err(ReportError::NotAnAnalysis);
    }
    let meta = AdMeta { source: string_field(&value, "source"), date: string_field(&value, "date") };
    let analysis: Analysis = serde_json::from_value(value)?;
    Ok(Line::Analysis(Box::new(analysis), meta))
}

/// The string value of `field`, if present and a string.
fn string_field(value: &Value, field: &str) -> Option<String> {
    value.get(field).and_then(Value::as_str).map(str::to_owned)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_errors_ads_and_blank_lines() {
        assert_eq!(parse_line("  ").ok(), Some(Line::Blank));
        assert_eq!(parse_line(r#"{"id":"a","line":3,"error":"too large"}"#).ok(), Some(Line::Error));
        assert!(matches!(parse_line(r#"{"id":"a","title":"x","text":"y"}"#), Err(ReportError::NotAnAnalysis)));
        assert!(matches!(parse_line("{nope"), Err(ReportError::Json(_))));
        assert!(matches!(parse_line("[1]"), Err(ReportError::NotAnObject)));
    }
}
