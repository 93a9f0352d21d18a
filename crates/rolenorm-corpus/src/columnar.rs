//! Parquet input and output (Apache Arrow record batches, Snappy-compressed on write).

use std::fs::File;
use std::path::Path;
use std::sync::Arc;

use arrow_array::cast::AsArray;
use arrow_array::types::{Int32Type, Int64Type};
use arrow_array::{Array, ArrayRef, BooleanArray, Float64Array, RecordBatch, StringArray};
use arrow_schema::{DataType, Field, Schema};
use parquet::arrow::ArrowWriter;
use parquet::arrow::arrow_reader::{ParquetRecordBatchReader, ParquetRecordBatchReaderBuilder};
use parquet::basic::Compression;
use parquet::file::properties::WriterProperties;
use rolenorm_analyze::{AdRecord, Analysis};

use crate::error::{Context, CorpusError};
use crate::input::{Columns, RawKind, parse_language};
use crate::output::CSV_COLUMNS;

type Result<T> = std::result::Result<T, CorpusError>;

/// Rows read from a Parquet file, one record batch at a time.
pub(crate) struct ParquetRows {
    reader: ParquetRecordBatchReader,
    batch: Option<RecordBatch>,
    row: usize,
    names: [(String, &'static str); 8],
}

impl ParquetRows {
    /// Opens `path` as Parquet; the fields come from the columns `columns` names.
    pub(crate) fn open(path: &Path, name: &str, columns: &Columns) -> Result<Self> {
        let file = File::open(path).context_with(|| format!("cannot open {name}"))?;
        let builder = ParquetRecordBatchReaderBuilder::try_new(file)
            .context_with(|| format!("{name} is not a readable Parquet file"))?;
        let schema = builder.schema().clone();
        let names = field_columns(columns);
        let has = |field: &str| names.iter().any(|(c, f)| *f == field && schema.index_of(c).is_ok());
        if !has("text") && !has("html") {
            let available: Vec<&str> = schema.fields().iter().map(|f| f.name().as_str()).collect();
            return Err(CorpusError::Input(format!(
                "{name}: the Parquet file has no column {:?} or {:?} (columns: {}); choose them with --columns text=COLUMN",
                columns.column("text"),
                columns.column("html"),
                available.join(", ")
            )));
        }
        let reader = builder.with_batch_size(1024).build().context_with(|| format!("cannot read {name}"))?;
        Ok(ParquetRows { reader, batch: None, row: 0, names })
    }

    /// The next row as a record, `None` at the end.
    pub(crate) fn next_row(&mut self) -> Result<Option<RawKind>> {
        loop {
            if let Some(batch) = &self.batch
                && self.row < batch.num_rows()
            {
                let row = self.row;
                self.row += 1;
                return Ok(Some(row_record(batch, &self.names, row)));
            }
            match self.reader.next() {
                None => return Ok(None),
                Some(batch) => {
                    self.batch = Some(batch.context_with(|| "cannot decode a Parquet record batch".to_owned())?);
                    self.row = 0;
                }
            }
        }
    }
}

/// The column names of a Parquet file, or `None` when it cannot be read as Parquet.
pub fn parquet_columns(path: &Path) -> Option<Vec<String>> {
    let file = File::open(path).ok()?;
    let builder = ParquetRecordBatchReaderBuilder::try_new(file).ok()?;
    Some(builder.schema().fields().iter().map(|f| f.name().clone()).collect())
}

/// The fields an Arrow row is read into, each with the column that holds it.
fn field_columns(columns: &Columns) -> [(String, &'static str); 8] {
    ["id", "title", "text", "html", "lang", "source", "date", "company"].map(|f| (columns.column(f).to_owned(), f))
}

/// The ad records of one Arrow record batch, one per row, read with the Parquet input's rules:
/// the fields come from the columns `columns` names (a missing column is an absent field);
/// strings are taken as they are, integers printed, empty strings and nulls are absent. A row
/// whose `lang` is not a known language becomes [`RawKind::Error`].
pub fn batch_records(batch: &RecordBatch, columns: &Columns) -> Vec<RawKind> {
    let names = field_columns(columns);
    (0..batch.num_rows()).map(|row| row_record(batch, &names, row)).collect()
}

/// Row `row` of `batch` as a record.
fn row_record(batch: &RecordBatch, names: &[(String, &'static str); 8], row: usize) -> RawKind {
    let get = |field: &str| {
        let (column, _) = names.iter().find(|(_, f)| *f == field)?;
        let index = batch.schema().index_of(column).ok()?;
        cell(batch.column(index), row)
    };
    let id = get("id");
    match parse_language(get("lang")) {
        Ok(lang) => RawKind::Record(AdRecord {
            id,
            title: get("title"),
            text: get("text"),
            html: get("html"),
            job_posting: None,
            lang,
            source: get("source"),
            date: get("date"),
            company: get("company"),
        }),
        Err(message) => RawKind::Error { id, message },
    }
}

/// One cell as text: strings as they are, integers printed; null and other types give `None`.
fn cell(array: &ArrayRef, row: usize) -> Option<String> {
    if array.is_null(row) {
        return None;
    }
    let value = match array.data_type() {
        DataType::Utf8 => array.as_string::<i32>().value(row).to_owned(),
        DataType::LargeUtf8 => array.as_string::<i64>().value(row).to_owned(),
        DataType::Utf8View => array.as_string_view().value(row).to_owned(),
        DataType::Int64 => array.as_primitive::<Int64Type>().value(row).to_string(),
        DataType::Int32 => array.as_primitive::<Int32Type>().value(row).to_string(),
        _ => return None,
    };
    (!value.is_empty()).then_some(value)
}

/// Analyses written as Parquet, one record batch per chunk, with the CSV output's columns.
pub struct ParquetSink {
    writer: ArrowWriter<File>,
    schema: Arc<Schema>,
    rows: Vec<Analysis>,
}

impl ParquetSink {
    /// Creates the Parquet file at `path`.
    pub(crate) fn create(path: &Path) -> Result<Self> {
        let fields: Vec<Field> = CSV_COLUMNS
            .iter()
            .map(|name| match *name {
                "confidence" => Field::new(*name, DataType::Float64, false),
                "title_fits" | "jack_of_all_trades" => Field::new(*name, DataType::Boolean, false),
                "id" | "platform_focus" | "title" | "source" | "date" => Field::new(*name, DataType::Utf8, true),
                _ => Field::new(*name, DataType::Utf8, false),
            })
            .collect();
        let schema = Arc::new(Schema::new(fields));
        let file = File::create(path).context_with(|| format!("cannot create {}", path.display()))?;
        let properties = WriterProperties::builder().set_compression(Compression::SNAPPY).build();
        let writer = ArrowWriter::try_new(file, schema.clone(), Some(properties))
            .context_with(|| format!("cannot write Parquet to {}", path.display()))?;
        Ok(ParquetSink { writer, schema, rows: Vec::new() })
    }

    /// Buffers one analysis; a batch is written by [`ParquetSink::flush_batch`].
    pub(crate) fn push(&mut self, analysis: Analysis) {
        self.rows.push(analysis);
    }

    /// Writes the buffered analyses as one record batch.
    pub(crate) fn flush_batch(&mut self) -> Result<()> {
        if self.rows.is_empty() {
            return Ok(());
        }
        let rows = std::mem::take(&mut self.rows);
        let text = |f: &dyn Fn(&Analysis) -> Option<String>| -> ArrayRef {
            Arc::new(rows.iter().map(f).collect::<StringArray>())
        };
        let columns: Vec<ArrayRef> = vec![
            text(&|a| a.id.clone()),
            text(&|a| Some(a.language.code().to_owned())),
            text(&|a| Some(a.role.clone())),
            Arc::new(rows.iter().map(|a| Some(a.confidence)).collect::<Float64Array>()),
            text(&|a| Some(a.title_role.clone())),
            Arc::new(rows.iter().map(|a| Some(a.title_fits)).collect::<BooleanArray>()),
            text(&|a| Some(a.level.clone())),
            Arc::new(rows.iter().map(|a| Some(a.jack_of_all_trades)).collect::<BooleanArray>()),
            text(&|a| a.platform_focus.clone()),
            text(&|a| Some(a.tasks.iter().map(|t| t.id.as_str()).collect::<Vec<_>>().join(";"))),
            text(&|a| a.title.clone()),
            text(&|a| a.source.clone()),
            text(&|a| a.date.clone()),
        ];
        let batch = RecordBatch::try_new(self.schema.clone(), columns)
            .context_with(|| "cannot build a Parquet record batch".to_owned())?;
        self.writer.write(&batch).context_with(|| "cannot write a Parquet record batch".to_owned())?;
        Ok(())
    }

    /// Writes the rest and the file footer.
    pub(crate) fn finish(mut self) -> Result<()> {
        self.flush_batch()?;
        self.writer.close().context_with(|| "cannot finish the Parquet file".to_owned())?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use arrow_array::Int64Array;

    use super::*;

    #[test]
    fn batch_records_read_named_columns_integer_ids_and_bad_languages() {
        let batch = RecordBatch::try_from_iter(vec![
            ("ad_id", Arc::new(Int64Array::from(vec![7, 8])) as ArrayRef),
            ("body", Arc::new(StringArray::from(vec![Some("Community Manager"), Some("")])) as ArrayRef),
            ("lang", Arc::new(StringArray::from(vec![Some("de"), Some("klingon")])) as ArrayRef),
        ])
        .unwrap();
        let columns =
            Columns::parse(None).unwrap().with_column("id", "ad_id").unwrap().with_column("text", "body").unwrap();
        let records = batch_records(&batch, &columns);
        let RawKind::Record(first) = &records[0] else { panic!("row 1 is not a record: {:?}", records[0]) };
        assert_eq!(first.id.as_deref(), Some("7"));
        assert_eq!(first.text.as_deref(), Some("Community Manager"));
        assert_eq!(first.title, None);
        let RawKind::Error { id, message } = &records[1] else { panic!("row 2 is not an error: {:?}", records[1]) };
        assert_eq!(id.as_deref(), Some("8"));
        assert!(message.contains("klingon"), "{message}");
        assert!(Columns::parse(None).unwrap().with_column("body", "x").is_err());
    }
}
