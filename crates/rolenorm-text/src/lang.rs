//! German or English: the two languages of the norm.

pub use rolenorm_wire::{Language, UnknownLanguage};

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
