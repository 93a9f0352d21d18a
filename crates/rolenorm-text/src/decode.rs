//! Turning input bytes into text: byte-order marks, declared charsets, binary detection.

use encoding_rs::Encoding;

use crate::InputError;

/// Decodes `bytes` to UTF-8 text.
///
/// A byte-order mark wins; then valid UTF-8 is taken as it is; then `declared` (a charset label
/// such as `windows-1252` from `--encoding`, an HTTP header or an HTML `<meta charset>`) decodes
/// it. Binary data and undeclared non-UTF-8 text are refused with an error that says where and
/// what to do.
pub fn decode(bytes: &[u8], declared: Option<&str>) -> Result<String, InputError> {
    if bytes.is_empty() {
        return Err(InputError::Empty);
    }
    if let Some((encoding, _bom_len)) = Encoding::for_bom(bytes) {
        let (text, _, had_errors) = encoding.decode(bytes);
        if had_errors {
            return Err(InputError::Malformed { encoding: encoding.name().to_owned() });
        }
        return Ok(text.into_owned());
    }
    if let Some(offset) = binary_offset(bytes) {
        return Err(InputError::Binary { offset });
    }
    let declared = declared.or_else(|| sniff_meta_charset(bytes));
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(text.to_owned()),
        Err(error) => {
            let Some(label) = declared else {
                return Err(InputError::NotUtf8 { offset: error.valid_up_to() });
            };
            let encoding = Encoding::for_label(label.trim().as_bytes())
                .ok_or_else(|| InputError::UnknownEncoding(label.to_owned()))?;
            let (text, had_errors) = encoding.decode_without_bom_handling(bytes);
            if had_errors {
                return Err(InputError::Malformed { encoding: encoding.name().to_owned() });
            }
            Ok(text.into_owned())
        }
    }
}

/// The offset of the first byte that marks `bytes` as binary: a NUL byte, or a run of control
/// characters that text never has, in the first 8 KiB.
fn binary_offset(bytes: &[u8]) -> Option<usize> {
    let head = &bytes[..bytes.len().min(8192)];
    if let Some(nul) = memchr_nul(head) {
        return Some(nul);
    }
    let controls = head.iter().filter(|b| **b < 0x20 && !matches!(**b, b'\n' | b'\r' | b'\t' | 0x0c)).count();
    (controls * 20 > head.len()).then_some(0)
}

fn memchr_nul(bytes: &[u8]) -> Option<usize> {
    bytes.iter().position(|b| *b == 0)
}

/// The charset of an HTML `<meta charset=…>` or `content="…; charset=…"` in the first 4 KiB.
fn sniff_meta_charset(bytes: &[u8]) -> Option<&str> {
    let head = &bytes[..bytes.len().min(4096)];
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    let at = lower.windows(8).position(|w| w == b"charset=")? + 8;
    let rest = &head[at..];
    let rest = rest.strip_prefix(b"\"").or_else(|| rest.strip_prefix(b"'")).unwrap_or(rest);
    let len = rest
        .iter()
        .position(|b| !(b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b':' | b'.')))
        .unwrap_or(rest.len());
    std::str::from_utf8(&rest[..len]).ok().filter(|s| !s.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_passes_through() {
        assert_eq!(decode("Grüße".as_bytes(), None).unwrap(), "Grüße");
    }

    #[test]
    fn declared_latin1_is_decoded() {
        let bytes = b"Gr\xfc\xdfe";
        assert_eq!(decode(bytes, Some("windows-1252")).unwrap(), "Grüße");
        assert_eq!(decode(bytes, Some("latin1")).unwrap(), "Grüße");
    }

    #[test]
    fn meta_charset_is_honoured() {
        let html = b"<html><head><meta charset=\"iso-8859-1\"></head><body>M\xfcnchen</body></html>";
        assert!(decode(html, None).unwrap().contains("München"));
    }

    #[test]
    fn utf16_with_bom_is_decoded() {
        let mut bytes = vec![0xFF, 0xFE];
        for unit in "Hallo".encode_utf16() {
            bytes.extend_from_slice(&unit.to_le_bytes());
        }
        assert_eq!(decode(&bytes, None).unwrap(), "Hallo");
    }

    #[test]
    fn bad_input_is_named() {
        assert!(matches!(decode(b"", None), Err(InputError::Empty)));
        assert!(matches!(decode(b"PK\x03\x04\x00\x00", None), Err(InputError::Binary { offset: 4 })));
        assert!(matches!(decode(b"abc \xfc def", None), Err(InputError::NotUtf8 { offset: 4 })));
        assert!(matches!(decode(b"abc \xfc", Some("klingon")), Err(InputError::UnknownEncoding(_))));
    }
}
