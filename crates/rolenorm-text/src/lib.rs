//! Job-ad input handling for rolenorm: everything between raw bytes and the text the matcher
//! reads. Pure functions, no I/O.
//!
//! - [`decode`] turns bytes into text (byte-order marks, declared charsets, binary detection);
//! - [`extract`] reads plain text, HTML or schema.org `JobPosting` JSON-LD into a [`Document`];
//! - [`detect_language`] tells German from English;
//! - [`MatchKey`] folds text for matching (case, umlauts, gender forms, compounds, entities) and
//!   maps every folded byte back to the original text.
//!
//! ```
//! use rolenorm_text::{extract, MatchKey};
//! let doc = extract("Social-Media-Manager:in (m/w/d)").unwrap();
//! let key = MatchKey::new(&doc.text);
//! assert_eq!(key.bytes(), b"\nsocial media manager m w d\n");
//! ```

mod decode;
mod extract;
mod key;
mod lang;

pub use decode::decode;
pub use extract::{
    Document, Format, MAX_HTML_DEPTH, extract, extract_html, extract_json, flatten_html, names_job_posting,
};
pub use key::{MatchKey, SEP, fold_phrase, is_word_byte};
pub use lang::{Language, UnknownLanguage, detect_language};

/// Why an input cannot be read as a job ad. The caller names the input (file, line, field).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum InputError {
    /// No bytes, or only whitespace.
    #[error("the input is empty")]
    Empty,
    /// NUL bytes or control characters: not a text document.
    #[error("the input is binary data, not text (byte {offset})")]
    Binary {
        /// Offset of the first byte that gave it away.
        offset: usize,
    },
    /// Not UTF-8 and no charset declared.
    #[error(
        "the input is not valid UTF-8 (first bad byte at offset {offset}); name its encoding, e.g. --encoding windows-1252"
    )]
    NotUtf8 {
        /// Offset of the first invalid byte.
        offset: usize,
    },
    /// A declared charset that nobody knows.
    #[error("unknown character encoding {0:?}")]
    UnknownEncoding(String),
    /// Bytes that are invalid in the encoding they declare.
    #[error("the input has bytes that are invalid in its encoding {encoding}")]
    Malformed {
        /// The encoding's name.
        encoding: String,
    },
    /// More bytes than the configured limit.
    #[error("the input is {size} bytes, more than the limit of {limit} bytes for one ad")]
    TooLarge {
        /// The input's size.
        size: usize,
        /// The limit.
        limit: usize,
    },
    /// HTML nested too deep to be an ad.
    #[error("the HTML nests {depth} elements deep, more than the limit of {limit}")]
    TooDeep {
        /// The estimated depth.
        depth: usize,
        /// The limit.
        limit: usize,
    },
    /// JSON that does not parse.
    #[error("malformed JSON at line {line}, column {column}: {message}")]
    Json {
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// The parser's message.
        message: String,
    },
    /// JSON without a schema.org `JobPosting`.
    #[error("the JSON holds no schema.org JobPosting (an object with \"@type\": \"JobPosting\")")]
    NoJobPosting,
    /// An ad record that holds no ad: neither text, nor HTML, nor a `JobPosting`.
    #[error("the record has neither \"text\" nor \"html\" (nor a \"job_posting\")")]
    NoContent,
    /// The input was declared as one format but reads as another.
    #[error("the input was given as {expected} but reads as {found}; drop the format option or give the right one")]
    WrongFormat {
        /// The format the caller declared.
        expected: Format,
        /// The format the input reads as.
        found: Format,
    },
    /// A document that has no text once markup is removed.
    #[error("the {0} input has no text once markup is removed")]
    NoText(&'static str),
}
