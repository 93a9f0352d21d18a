//! Arrow in, Arrow out: record batches through the Arrow C Data / PyCapsule interface, read
//! with the corpus engine's Parquet rules, analysed on the engine, written as flat typed
//! columns.

use std::sync::Arc;

use arrow_array::builder::{BooleanBuilder, Float64Builder, ListBuilder, StringBuilder};
use arrow_array::ffi_stream::RecordBatchStreamReader;
use arrow_array::{ArrayRef, RecordBatch};
use arrow_pyarrow::{FromPyArrow, ToPyArrow};
use arrow_schema::{DataType, Field, Schema, SchemaRef};
use pyo3::prelude::*;
use rolenorm_corpus::{Analyzed, Columns, Engine, Failed, Outcome, RawRecord, batch_records};

use crate::input_error;

/// The input column of each ad record field, as the caller named it (None: the field's own
/// name, if the table has such a column).
pub(crate) struct ColumnNames {
    /// `id`.
    pub id: Option<String>,
    /// `title`.
    pub title: Option<String>,
    /// `text`.
    pub text: Option<String>,
    /// `html`.
    pub html: Option<String>,
    /// `lang`.
    pub lang: Option<String>,
    /// `source`.
    pub source: Option<String>,
    /// `date`.
    pub date: Option<String>,
}

impl ColumnNames {
    /// The fields with their given names.
    fn given(&self) -> [(&'static str, Option<&str>); 7] {
        [
            ("id", self.id.as_deref()),
            ("title", self.title.as_deref()),
            ("text", self.text.as_deref()),
            ("html", self.html.as_deref()),
            ("lang", self.lang.as_deref()),
            ("source", self.source.as_deref()),
            ("date", self.date.as_deref()),
        ]
    }

    /// Resolves the names against `schema`: a named column must exist and hold strings
    /// (integers too for `id`); the text or the html column must be there.
    fn resolve(&self, schema: &Schema) -> PyResult<Columns> {
        let available = || schema.fields().iter().map(|f| f.name().as_str()).collect::<Vec<_>>().join(", ");
        let mut columns = Columns::parse(None).map_err(|e| input_error(e.to_string()))?;
        let mut has_content = false;
        for (field, given) in self.given() {
            let name = given.unwrap_or(field);
            let Ok(column) = schema.field_with_name(name) else {
                if given.is_some() {
                    return Err(input_error(format!(
                        "{field}={name:?}: the data has no column {name:?} (columns: {})",
                        available()
                    )));
                }
                continue;
            };
            check_type(field, column)?;
            has_content |= field == "text" || field == "html";
            columns = columns.with_column(field, name).map_err(|e| input_error(e.to_string()))?;
        }
        if !has_content {
            return Err(input_error(format!(
                "the data has no text or html column (columns: {}); name one with text=\"COLUMN\"",
                available()
            )));
        }
        Ok(columns)
    }
}

/// A column of the right type for `field`.
fn check_type(field: &str, column: &Field) -> PyResult<()> {
    let fits = match column.data_type() {
        DataType::Utf8 | DataType::LargeUtf8 | DataType::Utf8View | DataType::Null => true,
        DataType::Int32 | DataType::Int64 => field == "id",
        _ => false,
    };
    if fits {
        return Ok(());
    }
    Err(input_error(format!(
        "{field}={:?}: the column is of type {}; expected strings{}",
        column.name(),
        column.data_type(),
        if field == "id" { " or integers" } else { "" }
    )))
}

/// The record batches of `data` (a table, a batch, a reader, a DataFrame).
fn read_batches(data: &Bound<'_, PyAny>) -> PyResult<(SchemaRef, Vec<RecordBatch>)> {
    let arrow_error = |e: arrow_schema::ArrowError| input_error(format!("cannot read the Arrow data: {e}"));
    if data.hasattr("__arrow_c_stream__")? {
        let reader = RecordBatchStreamReader::from_pyarrow_bound(data)?;
        let schema = arrow_array::RecordBatchReader::schema(&reader);
        let batches = reader.collect::<Result<Vec<_>, _>>().map_err(arrow_error)?;
        return Ok((schema, batches));
    }
    if data.hasattr("__arrow_c_array__")? {
        let batch = RecordBatch::from_pyarrow_bound(data)?;
        return Ok((batch.schema(), vec![batch]));
    }
    Err(input_error(format!(
        "data must be a pyarrow.Table or RecordBatch (or any object with __arrow_c_stream__), not {}",
        data.get_type().name().map_or_else(|_| "?".to_owned(), |n| n.to_string())
    )))
}

/// Analyses every row of `data` on `engine` (the GIL released) into one record batch.
pub(crate) fn analyze_batches<'py>(
    py: Python<'py>,
    data: &Bound<'py, PyAny>,
    names: &ColumnNames,
    engine: &Engine,
    norm_version: &str,
) -> PyResult<Bound<'py, PyAny>> {
    let (schema, batches) = read_batches(data)?;
    let columns = names.resolve(&schema)?;
    let mut output = Output::default();
    let mut row = 0;
    for batch in &batches {
        let mut chunk: Vec<RawRecord> = batch_records(batch, &columns)
            .into_iter()
            .map(|kind| {
                row += 1;
                RawRecord { number: row, kind }
            })
            .collect();
        let outcomes = py.detach(|| engine.analyze_records(&mut chunk));
        outcomes.into_iter().for_each(|outcome| output.push(outcome, norm_version));
    }
    let batch = output.finish().map_err(|e| input_error(format!("cannot build the result batch: {e}")))?;
    batch.to_pyarrow(py)
}

/// The result schema (every column nullable but `norm_version`: a failed row has only its id,
/// the norm version and the error).
pub(crate) fn result_schema() -> Schema {
    let text = |name: &str| Field::new(name, DataType::Utf8, true);
    let flag = |name: &str| Field::new(name, DataType::Boolean, true);
    Schema::new(vec![
        text("id"),
        text("language"),
        text("role"),
        Field::new("confidence", DataType::Float64, true),
        text("title_role"),
        flag("title_fits"),
        text("level"),
        flag("jack_of_all_trades"),
        text("platform_focus"),
        Field::new("tasks", DataType::List(Arc::new(Field::new("item", DataType::Utf8, true))), true),
        Field::new("norm_version", DataType::Utf8, false),
        text("error"),
    ])
}

/// The result columns being built.
#[derive(Default)]
struct Output {
    id: StringBuilder,
    language: StringBuilder,
    role: StringBuilder,
    confidence: Float64Builder,
    title_role: StringBuilder,
    title_fits: BooleanBuilder,
    level: StringBuilder,
    jack_of_all_trades: BooleanBuilder,
    platform_focus: StringBuilder,
    tasks: ListBuilder<StringBuilder>,
    norm_version: StringBuilder,
    error: StringBuilder,
}

impl Output {
    /// Appends one row.
    fn push(&mut self, outcome: Outcome, norm_version: &str) {
        self.norm_version.append_value(norm_version);
        // The engines here keep every analysis (none is made `json_only`).
        let kept = |analyzed: Analyzed| {
            analyzed.analysis.ok_or_else(|| Failed { id: None, message: "the analysis was not kept".into() })
        };
        match outcome.result.and_then(kept) {
            Ok(a) => {
                self.id.append_option(a.id);
                self.language.append_value(a.language.code());
                self.role.append_value(a.role);
                self.confidence.append_value(a.confidence);
                self.title_role.append_value(a.title_role);
                self.title_fits.append_value(a.title_fits);
                self.level.append_value(a.level);
                self.jack_of_all_trades.append_value(a.jack_of_all_trades);
                self.platform_focus.append_option(a.platform_focus);
                self.tasks.append_value(a.tasks.into_iter().map(|t| Some(t.id)));
                self.error.append_null();
            }
            Err(failed) => {
                self.id.append_option(failed.id);
                self.language.append_null();
                self.role.append_null();
                self.confidence.append_null();
                self.title_role.append_null();
                self.title_fits.append_null();
                self.level.append_null();
                self.jack_of_all_trades.append_null();
                self.platform_focus.append_null();
                self.tasks.append_null();
                self.error.append_value(format!("row {}: {}", outcome.number, failed.message));
            }
        }
    }

    /// The record batch.
    fn finish(mut self) -> Result<RecordBatch, arrow_schema::ArrowError> {
        let columns: Vec<ArrayRef> = vec![
            Arc::new(self.id.finish()),
            Arc::new(self.language.finish()),
            Arc::new(self.role.finish()),
            Arc::new(self.confidence.finish()),
            Arc::new(self.title_role.finish()),
            Arc::new(self.title_fits.finish()),
            Arc::new(self.level.finish()),
            Arc::new(self.jack_of_all_trades.finish()),
            Arc::new(self.platform_focus.finish()),
            Arc::new(self.tasks.finish()),
            Arc::new(self.norm_version.finish()),
            Arc::new(self.error.finish()),
        ];
        RecordBatch::try_new(Arc::new(result_schema()), columns)
    }
}
