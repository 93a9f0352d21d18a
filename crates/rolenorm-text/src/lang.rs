//! German or English: the two languages of the norm.

use std::fmt;
use std::str::FromStr;

/// A language of the norm.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Language {
    /// German.
    De,
    /// English.
    En,
}

impl Language {
    /// Both languages, German first.
    pub const ALL: [Language; 2] = [Language::De, Language::En];

    /// The ISO 639-1 code (`de`, `en`).
    pub fn code(self) -> &'static str {
        match self {
            Language::De => "de",
            Language::En => "en",
        }
    }
}

impl fmt::Display for Language {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// The error for a language code that is neither German nor English.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown language {0:?}: expected \"de\" or \"en\"")]
pub struct UnknownLanguage(pub String);

impl FromStr for Language {
    type Err = UnknownLanguage;

    /// Accepts `de`, `en` and tags that start with them (`de-DE`, `en_GB`, `German`, `english`).
    fn from_str(code: &str) -> Result<Self, Self::Err> {
        let lower = code.trim().to_ascii_lowercase();
        if lower.starts_with("de") || lower.starts_with("ger") {
            Ok(Language::De)
        } else if lower.starts_with("en") {
            Ok(Language::En)
        } else {
            Err(UnknownLanguage(code.to_owned()))
        }
    }
}

/// How many bytes of a text the detector reads: enough for a clear answer, cheap on long ads.
const SAMPLE_BYTES: usize = 1500;

/// Detects whether `text` is German or English from its first ~1.5 KB; `None` when the text
/// has no letters to judge by.
pub fn detect_language(text: &str) -> Option<Language> {
    let mut end = text.len().min(SAMPLE_BYTES);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let detector = whatlang::Detector::with_allowlist(vec![whatlang::Lang::Deu, whatlang::Lang::Eng]);
    detector.detect(&text[..end]).map(|info| match info.lang() {
        whatlang::Lang::Deu => Language::De,
        _ => Language::En,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_both_languages() {
        assert_eq!(
            detect_language("Wir suchen zum nächstmöglichen Zeitpunkt eine engagierte Persönlichkeit für unser Team."),
            Some(Language::De)
        );
        assert_eq!(
            detect_language("We are looking for an experienced person to join our team and grow with us."),
            Some(Language::En)
        );
        assert_eq!(detect_language("1234 !!"), None);
    }

    #[test]
    fn parses_codes() {
        assert_eq!("de-DE".parse::<Language>().unwrap(), Language::De);
        assert_eq!("EN".parse::<Language>().unwrap(), Language::En);
        assert!("fr".parse::<Language>().is_err());
    }
}
