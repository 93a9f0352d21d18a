//! Stage 3: the ad's language: given, declared by the document, or detected.

use rolenorm_text::{Document, Language, detect_language};

use crate::analyzer::Ad;

/// The language the analysis is written in.
#[derive(Debug, Clone, Copy)]
pub(super) struct LanguageChoice {
    /// The language.
    pub(super) language: Language,
    /// Whether nothing told it, so English was assumed.
    pub(super) guessed: bool,
}

/// Given language, else the document's declared one, else detected from the text or the title.
pub(super) fn choose(ad: &Ad<'_>, document: &Document<'_>, title: Option<&str>) -> LanguageChoice {
    let language = ad
        .language
        .or_else(|| document.declared_language.as_deref().and_then(|l| l.parse().ok()))
        .or_else(|| detect_language(&document.text))
        .or_else(|| title.and_then(detect_language));
    LanguageChoice { language: language.unwrap_or(Language::En), guessed: language.is_none() }
}
