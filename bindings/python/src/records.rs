//! Python objects to ad records and analyses back to Python objects.

use pyo3::exceptions::PyKeyError;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyAnyMethods, PyMapping, PyString};
use rolenorm_wire::{AD_RECORD_FIELDS, AdRecord, Language};

use crate::input_error;

/// Python's `json.loads` and `json.dumps`, imported once.
static JSON_LOADS: PyOnceLock<Py<PyAny>> = PyOnceLock::new();
static JSON_DUMPS: PyOnceLock<Py<PyAny>> = PyOnceLock::new();

fn json_function<'py>(
    py: Python<'py>,
    cell: &'static PyOnceLock<Py<PyAny>>,
    name: &str,
) -> PyResult<Bound<'py, PyAny>> {
    let function = cell.get_or_try_init(py, || py.import("json")?.getattr(name).map(Bound::unbind))?;
    Ok(function.bind(py).clone())
}

/// JSON text as Python objects (`json.loads`).
pub(crate) fn json_to_py<'py>(py: Python<'py>, json: &str) -> PyResult<Bound<'py, PyAny>> {
    json_function(py, &JSON_LOADS, "loads")?.call1((json,))
}

/// The fields of one ad, as given from Python.
#[derive(Default)]
pub(crate) struct Fields<'a, 'py> {
    /// `id`: a str or an int.
    pub id: Option<&'a Bound<'py, PyAny>>,
    /// `title`.
    pub title: Option<&'a Bound<'py, PyAny>>,
    /// `text`.
    pub text: Option<&'a Bound<'py, PyAny>>,
    /// `html`.
    pub html: Option<&'a Bound<'py, PyAny>>,
    /// `job_posting`: a dict or JSON text.
    pub job_posting: Option<&'a Bound<'py, PyAny>>,
    /// `lang`.
    pub lang: Option<&'a Bound<'py, PyAny>>,
    /// `source`.
    pub source: Option<&'a Bound<'py, PyAny>>,
    /// `date`.
    pub date: Option<&'a Bound<'py, PyAny>>,
    /// `company`.
    pub company: Option<&'a Bound<'py, PyAny>>,
}

impl Fields<'_, '_> {
    /// The ad record; `what` names the ad in errors (`records[3]`, `the ad`).
    pub(crate) fn record(&self, what: &str) -> PyResult<AdRecord> {
        let text = |name: &str, value: Option<&Bound<'_, PyAny>>| optional_str(what, name, value);
        let lang = text("lang", self.lang)?
            .map(|code| code.parse::<Language>().map_err(|e| input_error(format!("{what}: field \"lang\": {e}"))))
            .transpose()?;
        Ok(AdRecord {
            id: id(what, self.id)?,
            title: text("title", self.title)?,
            text: text("text", self.text)?,
            html: text("html", self.html)?,
            job_posting: job_posting(what, self.job_posting)?,
            lang,
            source: text("source", self.source)?,
            date: text("date", self.date)?,
            company: text("company", self.company)?,
        })
    }
}

/// A field that must be a str when present (None is absent).
fn optional_str(what: &str, name: &str, value: Option<&Bound<'_, PyAny>>) -> PyResult<Option<String>> {
    let Some(value) = value.filter(|v| !v.is_none()) else { return Ok(None) };
    match value.cast::<PyString>() {
        Ok(text) => Ok(Some(text.to_str()?.to_owned())),
        Err(_) => Err(input_error(format!("{what}: field {name:?} must be a str or None, not {}", type_name(value)))),
    }
}

/// The id: a str, or an int read as its decimal string.
fn id(what: &str, value: Option<&Bound<'_, PyAny>>) -> PyResult<Option<String>> {
    let Some(value) = value.filter(|v| !v.is_none()) else { return Ok(None) };
    if let Ok(number) = value.extract::<i64>()
        && !value.is_instance_of::<pyo3::types::PyBool>()
    {
        return Ok(Some(number.to_string()));
    }
    optional_str(what, "id", Some(value))
        .map_err(|_| input_error(format!("{what}: field \"id\" must be a str or an int, not {}", type_name(value))))
}

/// The JobPosting: a dict (or any JSON-serialisable object) or JSON text.
fn job_posting(what: &str, value: Option<&Bound<'_, PyAny>>) -> PyResult<Option<serde_json::Value>> {
    let Some(value) = value.filter(|v| !v.is_none()) else { return Ok(None) };
    let json: String = match value.cast::<PyString>() {
        Ok(text) => text.to_str()?.to_owned(),
        Err(_) => json_function(value.py(), &JSON_DUMPS, "dumps")?
            .call1((value,))
            .and_then(|j| j.extract())
            .map_err(|e| input_error(format!("{what}: field \"job_posting\" is not JSON-serialisable: {e}")))?,
    };
    serde_json::from_str(&json)
        .map(Some)
        .map_err(|e| input_error(format!("{what}: field \"job_posting\" is not valid JSON: {e}")))
}

/// The Python type name of `value`, for messages.
fn type_name(value: &Bound<'_, PyAny>) -> String {
    value.get_type().name().map_or_else(|_| "?".to_owned(), |n| n.to_string())
}

/// One record given as a mapping with the ad record's fields (others are ignored; a
/// `JobPosting` may also be given as `jobPosting`).
pub(crate) fn record_from_mapping(what: &str, value: &Bound<'_, PyAny>) -> PyResult<AdRecord> {
    let mapping = value.cast::<PyMapping>().map_err(|_| {
        input_error(format!(
            "{what} must be a dict with the fields {}, not {}",
            AD_RECORD_FIELDS.join(", "),
            type_name(value)
        ))
    })?;
    let get = |field: &str| -> PyResult<Option<Bound<'_, PyAny>>> {
        match mapping.get_item(field) {
            Ok(value) => Ok(Some(value)),
            Err(e) if e.is_instance_of::<PyKeyError>(value.py()) => Ok(None),
            Err(e) => Err(e),
        }
    };
    let posting = match get("job_posting")? {
        Some(posting) => Some(posting),
        None => get("jobPosting")?,
    };
    let (id, title, text, html) = (get("id")?, get("title")?, get("text")?, get("html")?);
    let (lang, source, date, company) = (get("lang")?, get("source")?, get("date")?, get("company")?);
    let fields = Fields {
        id: id.as_ref(),
        title: title.as_ref(),
        text: text.as_ref(),
        html: html.as_ref(),
        job_posting: posting.as_ref(),
        lang: lang.as_ref(),
        source: source.as_ref(),
        date: date.as_ref(),
        company: company.as_ref(),
    };
    fields.record(what)
}
