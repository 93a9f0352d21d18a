//! `rolenorm._rolenorm`: the Python extension module of rolenorm.
//!
//! - [`analyzer::PyAnalyzer`] (`rolenorm.Analyzer`): one ad, many ads on a thread pool with the
//!   GIL released, or an Arrow table in and a flat Arrow record batch out;
//! - [`norm::PyNorm`] (`rolenorm.Norm`): the norm, readable from Python and shippable as its
//!   TOML files (Spark workers compile it themselves; the automaton is never pickled);
//! - `rolenorm.InputError`, a `ValueError` that names the input and the problem.
//!
//! Records are read by the library's own rules ([`rolenorm_wire::AdRecord`],
//! [`rolenorm_corpus::batch_records`]); this crate only converts between Python and Rust.

mod analyzer;
mod arrow;
mod norm;
mod records;

use pyo3::create_exception;
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;

create_exception!(
    rolenorm,
    InputError,
    PyValueError,
    "An ad, a record, a column or a norm that cannot be used; the message names the input and the problem."
);

/// An `InputError` with `message`.
pub(crate) fn input_error(message: impl Into<String>) -> PyErr {
    InputError::new_err(message.into())
}

/// The extension module.
#[pymodule]
fn _rolenorm(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add("SCHEMA_VERSION", rolenorm_wire::SCHEMA_VERSION)?;
    m.add("AD_RECORD_FIELDS", rolenorm_wire::AD_RECORD_FIELDS.to_vec())?;
    m.add("InputError", m.py().get_type::<InputError>())?;
    m.add_class::<norm::PyNorm>()?;
    m.add_class::<analyzer::PyAnalyzer>()?;
    Ok(())
}
