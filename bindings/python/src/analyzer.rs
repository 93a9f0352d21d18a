//! `rolenorm.Analyzer`: the norm compiled once, applied to one ad, many ads or an Arrow table.

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use pyo3::prelude::*;
use rolenorm_analyze::Analyzer;
use rolenorm_corpus::{Engine, Outcome, RawKind, RawRecord};

use crate::arrow::{ColumnNames, analyze_batches};
use crate::input_error;
use crate::norm::PyNorm;
use crate::records::{Fields, json_to_py, record_from_mapping};

/// Engines by `(thread count, serialises JSON)`.
type EngineCache = Mutex<Vec<((usize, bool), Arc<Engine>)>>;

/// The analyzer: a norm compiled once into one automaton, shared by every call and thread.
#[pyclass(name = "Analyzer", module = "rolenorm", frozen)]
pub struct PyAnalyzer {
    analyzer: Arc<Analyzer>,
    norm: Py<PyNorm>,
    /// Engines by thread count (0: all cores) and whether they serialise JSON, built on first use.
    engines: EngineCache,
}

impl PyAnalyzer {
    /// The engine on `threads` workers (`None`: all cores), serialising each analysis to JSON
    /// on the workers when `json`.
    pub(crate) fn engine(&self, threads: Option<usize>, json: bool) -> PyResult<Arc<Engine>> {
        if threads == Some(0) {
            return Err(input_error("threads must be at least 1 (or None for all cores)"));
        }
        let key = (threads.unwrap_or(0), json);
        let mut engines = self.engines.lock().map_err(|_| input_error("the analyzer's engine cache is poisoned"))?;
        if let Some((_, engine)) = engines.iter().find(|(k, _)| *k == key) {
            return Ok(engine.clone());
        }
        let engine = Arc::new(
            Engine::new(self.analyzer.clone(), threads).map_err(|e| input_error(e.to_string()))?.with_json(json),
        );
        engines.push((key, engine.clone()));
        Ok(engine)
    }

    /// The norm's version, carried by every result.
    pub(crate) fn norm_version(&self) -> String {
        self.analyzer.norm().identity().version.to_string()
    }
}

/// The norm an `Analyzer(norm=...)` argument names.
fn norm_argument(py: Python<'_>, norm: Option<&Bound<'_, PyAny>>) -> PyResult<Py<PyNorm>> {
    let Some(norm) = norm.filter(|n| !n.is_none()) else {
        return Py::new(py, PyNorm::load_builtin()?);
    };
    if let Ok(norm) = norm.cast::<PyNorm>() {
        return Ok(norm.clone().unbind());
    }
    match norm.extract::<PathBuf>() {
        Ok(path) => Py::new(py, PyNorm::load_folder(&path)?),
        Err(_) => Err(input_error(format!(
            "norm must be None (the built-in norm), a rolenorm.Norm or a folder path, not {}",
            norm.get_type().name().map_or_else(|_| "?".to_owned(), |n| n.to_string())
        ))),
    }
}

/// Checks an `errors=` argument: `true` when failures are returned in place.
fn errors_in_place(errors: &str) -> PyResult<bool> {
    match errors {
        "raise" => Ok(false),
        "return" => Ok(true),
        other => Err(input_error(format!("errors must be \"raise\" or \"return\", not {other:?}"))),
    }
}

#[pymethods]
impl PyAnalyzer {
    /// Compiles `norm` (None: the built-in norm; a `rolenorm.Norm`; or a norm pack folder).
    #[new]
    #[pyo3(signature = (norm=None))]
    fn new(py: Python<'_>, norm: Option<&Bound<'_, PyAny>>) -> PyResult<Self> {
        let norm = norm_argument(py, norm)?;
        let shared = norm.get().norm.clone();
        let analyzer =
            py.detach(|| Analyzer::new(shared)).map_err(|e| input_error(format!("cannot compile the norm: {e}")))?;
        Ok(PyAnalyzer { analyzer: Arc::new(analyzer), norm, engines: Mutex::new(Vec::new()) })
    }

    /// The norm this analyzer applies.
    #[getter]
    fn norm(&self, py: Python<'_>) -> Py<PyNorm> {
        self.norm.clone_ref(py)
    }

    /// Analyses one ad; returns the analysis as a dict (the wire format of `rolenorm analyze
    /// --json`). `text` wins over `html`, which wins over `job_posting` (a dict or JSON text);
    /// at least one is needed. Raises `InputError` naming the problem.
    #[pyo3(signature = (text=None, html=None, job_posting=None, title=None, lang=None, id=None, source=None, date=None, company=None))]
    #[allow(clippy::too_many_arguments)]
    fn analyze<'py>(
        &self,
        py: Python<'py>,
        text: Option<&Bound<'py, PyAny>>,
        html: Option<&Bound<'py, PyAny>>,
        job_posting: Option<&Bound<'py, PyAny>>,
        title: Option<&Bound<'py, PyAny>>,
        lang: Option<&Bound<'py, PyAny>>,
        id: Option<&Bound<'py, PyAny>>,
        source: Option<&Bound<'py, PyAny>>,
        date: Option<&Bound<'py, PyAny>>,
        company: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let fields = Fields { id, title, text, html, job_posting, lang, source, date, company };
        let record = fields.record("the ad")?;
        let analyzer = &self.analyzer;
        let result = py.detach(|| analyzer.analyze_record(&record).map(|a| serde_json::to_string(&a)));
        match result {
            Ok(Ok(json)) => json_to_py(py, &json),
            Ok(Err(e)) => Err(input_error(format!("cannot serialise the analysis: {e}"))),
            Err(e) => Err(input_error(match &record.id {
                Some(id) => format!("ad {id:?}: {e}"),
                None => format!("the ad: {e}"),
            })),
        }
    }

    /// Analyses many ads on `threads` workers (None: all cores) with the GIL released;
    /// `records` is an iterable of dicts with the ad record's fields (id, title, text, html,
    /// job_posting, lang, source, date, company). Returns the analyses in input order. A record that
    /// cannot be analysed raises `InputError` (`errors="raise"`) or becomes
    /// `{"id", "index", "error"}` in place (`errors="return"`).
    #[pyo3(signature = (records, threads=None, errors="raise"))]
    fn analyze_many<'py>(
        &self,
        py: Python<'py>,
        records: &Bound<'py, PyAny>,
        threads: Option<usize>,
        errors: &str,
    ) -> PyResult<Bound<'py, PyAny>> {
        let in_place = errors_in_place(errors)?;
        let engine = self.engine(threads, true)?;
        let mut chunk = Vec::new();
        for (index, item) in records.try_iter()?.enumerate() {
            let record = record_from_mapping(&format!("records[{index}]"), &item?)?;
            chunk.push(RawRecord { number: index, kind: RawKind::Record(record) });
        }
        let outcomes = py.detach(|| engine.analyze_records(&mut chunk));
        json_to_py(py, &outcomes_json(outcomes, in_place)?)
    }

    /// Analyses the ads of an Arrow table or record batch (anything with
    /// `__arrow_c_stream__` or `__arrow_c_array__`: pyarrow, polars, pandas ≥ 2.2) and returns
    /// a `pyarrow.RecordBatch` with one row per input row: id, language, role, confidence,
    /// title_role, title_fits, level, jack_of_all_trades, platform_focus, tasks
    /// (list<string>), norm_version, error (null unless the row could not be analysed).
    /// Column arguments name the input columns; None takes the field's own name if present.
    #[pyo3(signature = (data, text=None, title=None, html=None, id=None, lang=None, source=None, date=None, threads=None))]
    #[allow(clippy::too_many_arguments)]
    fn analyze_arrow<'py>(
        &self,
        py: Python<'py>,
        data: &Bound<'py, PyAny>,
        text: Option<String>,
        title: Option<String>,
        html: Option<String>,
        id: Option<String>,
        lang: Option<String>,
        source: Option<String>,
        date: Option<String>,
        threads: Option<usize>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let names = ColumnNames { id, title, text, html, lang, source, date };
        let engine = self.engine(threads, false)?;
        analyze_batches(py, data, &names, &engine, &self.norm_version())
    }

    fn __repr__(&self) -> String {
        format!("<rolenorm.Analyzer norm={}>", self.analyzer.norm().label())
    }
}

/// The outcomes as one JSON array (one parse on the Python side).
fn outcomes_json(outcomes: Vec<Outcome>, in_place: bool) -> PyResult<String> {
    let mut json = String::from("[");
    for (i, outcome) in outcomes.into_iter().enumerate() {
        if i > 0 {
            json.push(',');
        }
        match outcome.result {
            Ok(analyzed) => json.push_str(analyzed.json.as_deref().unwrap_or("null")),
            Err(failed) if in_place => json.push_str(
                &serde_json::json!({ "id": failed.id, "index": outcome.number, "error": failed.message }).to_string(),
            ),
            Err(failed) => {
                let id = failed.id.map(|id| format!(" (id {id:?})")).unwrap_or_default();
                return Err(input_error(format!("records[{}]{id}: {}", outcome.number, failed.message)));
            }
        }
    }
    json.push(']');
    Ok(json)
}
