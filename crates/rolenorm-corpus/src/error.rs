//! Why a corpus cannot be read or written. Every message names the input or output.

/// A corpus error.
#[derive(Debug, thiserror::Error)]
pub enum CorpusError {
    /// The input is not what it should be (wrong layout, missing columns); the message says
    /// what and how to fix it.
    #[error("{0}")]
    Input(String),
    /// Reading or writing failed.
    #[error("{context}: {source}")]
    Io {
        /// What was being done, with the file's name.
        context: String,
        /// The error.
        #[source]
        source: std::io::Error,
    },
    /// The CSV reader or writer failed.
    #[error("{context}: {source}")]
    Csv {
        /// What was being done, with the file's name.
        context: String,
        /// The error.
        #[source]
        source: csv::Error,
    },
    /// The Parquet reader or writer failed.
    #[error("{context}: {source}")]
    Parquet {
        /// What was being done, with the file's name.
        context: String,
        /// The error.
        #[source]
        source: parquet::errors::ParquetError,
    },
    /// An Arrow record batch could not be built or decoded.
    #[error("{context}: {source}")]
    Arrow {
        /// What was being done.
        context: String,
        /// The error.
        #[source]
        source: arrow_schema::ArrowError,
    },
}

/// Adds what was being done to a lower-level error.
pub(crate) trait Context<T> {
    /// Wraps the error with `context()`.
    fn context_with(self, context: impl FnOnce() -> String) -> Result<T, CorpusError>;
}

macro_rules! context_for {
    ($error:ty, $variant:ident) => {
        impl<T> Context<T> for Result<T, $error> {
            fn context_with(self, context: impl FnOnce() -> String) -> Result<T, CorpusError> {
                self.map_err(|source| CorpusError::$variant { context: context(), source })
            }
        }
    };
}

context_for!(std::io::Error, Io);
context_for!(csv::Error, Csv);
context_for!(parquet::errors::ParquetError, Parquet);
context_for!(arrow_schema::ArrowError, Arrow);
