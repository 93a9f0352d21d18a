//! Stage 1: the input becomes a document (format, text, stated title and language).

use rolenorm_text::{Document, Format, InputError, extract, extract_html};

use crate::analyzer::{Ad, Analyzer};

/// Reads the ad into a document, refusing inputs over the size limit and ads without text.
pub(super) fn read<'a>(analyzer: &Analyzer, ad: &Ad<'a>) -> Result<Document<'a>, InputError> {
    let size = ad.content.len() + ad.title.map_or(0, str::len);
    if size > analyzer.max_input_bytes {
        return Err(InputError::TooLarge { size, limit: analyzer.max_input_bytes });
    }
    match ad.format {
        Some(Format::Html) => {
            let doc = extract_html(ad.content)?;
            if doc.text.trim().is_empty() {
                return Err(InputError::NoText("html"));
            }
            Ok(doc)
        }
        Some(Format::Text) => {
            if ad.content.trim().is_empty() && ad.title.is_none_or(|t| t.trim().is_empty()) {
                return Err(InputError::Empty);
            }
            Ok(Document {
                format: Format::Text,
                title: None,
                text: std::borrow::Cow::Borrowed(ad.content),
                declared_language: None,
                identifier: None,
                warnings: Vec::new(),
            })
        }
        // A JobPosting stands on its own or is embedded in HTML; anything else is not one.
        Some(Format::JsonLd) => {
            let doc = extract(ad.content)?;
            if doc.format != Format::JsonLd {
                return Err(InputError::WrongFormat { expected: Format::JsonLd, found: doc.format });
            }
            Ok(doc)
        }
        None => extract(ad.content),
    }
}
