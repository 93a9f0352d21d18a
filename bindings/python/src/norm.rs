//! `rolenorm.Norm`: the norm as data, readable from Python.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use pyo3::prelude::*;
use pyo3::types::PyDict;
use rolenorm_norm::{BUILTIN_PACK, Norm, PACK_FILES};

use crate::input_error;
use crate::records::json_to_py;

/// A norm pack: the roles, the tasks and their scope matrix, with the TOML files it was read
/// from (what Spark ships to its workers).
#[pyclass(name = "Norm", module = "rolenorm", frozen)]
pub struct PyNorm {
    /// The loaded norm.
    pub(crate) norm: Arc<Norm>,
    /// The pack's files, `(name, contents)`, sorted by name.
    pub(crate) files: Vec<(String, String)>,
}

impl PyNorm {
    /// The built-in norm.
    pub(crate) fn load_builtin() -> PyResult<Self> {
        let files = BUILTIN_PACK.iter().map(|(n, t)| ((*n).to_owned(), (*t).to_owned())).collect();
        Self::load("the built-in norm", files)
    }

    /// Loads a pack from its files; `what` names it in errors.
    fn load(what: &str, mut files: Vec<(String, String)>) -> PyResult<Self> {
        files.sort();
        let norm = Norm::from_files(files.iter().map(|(n, t)| (n.as_str(), t.as_str())))
            .map_err(|e| input_error(format!("cannot use {what}: {e}")))?;
        Ok(PyNorm { norm: Arc::new(norm), files })
    }

    /// Loads the pack in folder `dir`, as `rolenorm --norm DIR` does.
    pub(crate) fn load_folder(dir: &Path) -> PyResult<Self> {
        let shown = dir.display();
        if !dir.is_dir() {
            return Err(input_error(format!("norm folder {shown} does not exist or is not a folder")));
        }
        let entries =
            std::fs::read_dir(dir).map_err(|e| input_error(format!("cannot list norm folder {shown}: {e}")))?;
        let mut files = Vec::new();
        for entry in entries {
            let path = entry.map_err(|e| input_error(format!("cannot list norm folder {shown}: {e}")))?.path();
            let Some(name) = path.file_name().and_then(|n| n.to_str()).filter(|n| n.ends_with(".toml")) else {
                continue;
            };
            let text = std::fs::read_to_string(&path)
                .map_err(|e| input_error(format!("cannot read {}: {e}", path.display())))?;
            files.push((name.to_owned(), text));
        }
        if !files.iter().any(|(name, _)| PACK_FILES.contains(&name.as_str())) {
            return Err(input_error(format!("{shown} holds no norm pack files (expected {})", PACK_FILES.join(", "))));
        }
        Self::load(&format!("norm folder {shown}"), files)
    }

    /// The index of role `id`, or an error naming it.
    fn role_index(&self, id: &str) -> PyResult<usize> {
        self.norm.role_index(id).ok_or_else(|| input_error(format!("unknown role {id:?}")))
    }

    /// The index of task `id`, or an error naming it.
    fn task_index(&self, id: &str) -> PyResult<usize> {
        self.norm.task_index(id).ok_or_else(|| input_error(format!("unknown task {id:?}")))
    }
}

#[pymethods]
impl PyNorm {
    /// The built-in norm (the pack in the repository's `norm/` folder, embedded at build time).
    #[staticmethod]
    fn builtin() -> PyResult<Self> {
        Self::load_builtin()
    }

    /// The norm pack in folder `path` (the TOML files of `rolenorm norm check`).
    #[staticmethod]
    fn from_folder(path: PathBuf) -> PyResult<Self> {
        Self::load_folder(&path)
    }

    /// A norm pack from its files, `{"norm.toml": "...", ...}` (what `files()` returns).
    #[staticmethod]
    fn from_files(files: std::collections::BTreeMap<String, String>) -> PyResult<Self> {
        Self::load("the given norm files", files.into_iter().collect())
    }

    /// The norm's id.
    #[getter]
    fn id(&self) -> String {
        self.norm.identity().id.clone()
    }

    /// The norm's version (every analysis carries it as `norm.version`).
    #[getter]
    fn version(&self) -> String {
        self.norm.identity().version.to_string()
    }

    /// The roles, in the norm's order: dicts with id, family, name, definition, core,
    /// optional, anchors and titles.
    #[getter]
    fn roles<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        json_to_py(py, &serde_json::to_string(&self.norm.roles()).unwrap_or_default())
    }

    /// The tasks, in the norm's order: dicts with id, domain, owner, name, definition, esco and
    /// phrases.
    #[getter]
    fn tasks<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        json_to_py(py, &serde_json::to_string(&self.norm.tasks()).unwrap_or_default())
    }

    /// How `task` stands to `role`: `"core"`, `"optional"` or `"excluded"`.
    fn scope(&self, role: &str, task: &str) -> PyResult<&'static str> {
        Ok(self.norm.scope(self.role_index(role)?, self.task_index(task)?).as_str())
    }

    /// The whole scope matrix: `{role: {task: "core" | "optional" | "excluded"}}`.
    fn scope_matrix<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let matrix = PyDict::new(py);
        for (r, role) in self.norm.roles().iter().enumerate() {
            let row = PyDict::new(py);
            for (t, task) in self.norm.tasks().iter().enumerate() {
                row.set_item(&task.id, self.norm.scope(r, t).as_str())?;
            }
            matrix.set_item(&role.id, row)?;
        }
        Ok(matrix)
    }

    /// The pack's TOML files, `{name: contents}`: enough to rebuild the norm anywhere
    /// (`Norm.from_files`).
    fn files<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let files = PyDict::new(py);
        for (name, text) in &self.files {
            files.set_item(name, text)?;
        }
        Ok(files)
    }

    /// The whole norm as JSON (as `rolenorm norm export --format json`).
    fn to_json(&self) -> String {
        rolenorm_norm::to_json(&self.norm)
    }

    fn __repr__(&self) -> String {
        format!(
            "<rolenorm.Norm {} ({} roles, {} tasks)>",
            self.norm.label(),
            self.norm.roles().len(),
            self.norm.tasks().len()
        )
    }
}
