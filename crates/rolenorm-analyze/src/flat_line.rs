//! The corpus fast path for JSONL lines: one flat object whose values are strings or null, as
//! nearly every line of a job-ad corpus is. It reads the fields [`LineFields`] names in one pass
//! (the strings found with `memchr`, borrowed unless they hold an escape) and returns `None` for
//! anything else — a number, an array or object value, a `\u` escape, a control byte, a
//! duplicate field, `@type` or `@graph`, a line that is not one object — so that serde_json reads
//! that line and gives the answer or the error. Whatever this reader accepts, it reads as
//! serde_json does (the fuzz target `jsonl_fields` compares the two).

use std::borrow::Cow;

use serde_json::Value;

use crate::record::LineFields;

/// Reads `text` as a flat object of strings and nulls, or `None` where serde_json must.
pub(crate) fn read(text: &str) -> Option<LineFields<'_>> {
    let object = text.trim_matches(|c| matches!(c, ' ' | '\t' | '\n' | '\r'));
    if has_control_byte(object.as_bytes()) {
        return None;
    }
    let mut cursor = Cursor { text: object, at: 0 };
    let mut fields = LineFields::default();
    let mut seen = 0u8;
    cursor.expect(b'{')?;
    cursor.skip_spaces();
    if cursor.peek() == Some(b'}') {
        cursor.at += 1;
    } else {
        loop {
            let key = cursor.string()?;
            cursor.skip_spaces();
            cursor.expect(b':')?;
            cursor.skip_spaces();
            let value = cursor.value()?;
            store(&mut fields, &mut seen, &key, value)?;
            cursor.skip_spaces();
            match cursor.next()? {
                b',' => cursor.skip_spaces(),
                b'}' => break,
                _ => return None,
            }
        }
    }
    (cursor.at == object.len()).then_some(fields)
}

/// Puts `value` into the field named `key` (unknown names are ignored, as serde does); `None`
/// for a field named twice (serde's "duplicate field" error) or one this reader leaves to serde.
fn store<'a>(fields: &mut LineFields<'a>, seen: &mut u8, key: &str, value: Option<Cow<'a, str>>) -> Option<()> {
    let (bit, slot) = match key {
        "id" => (1, None),
        "title" => (2, Some(&mut fields.title)),
        "text" => (4, Some(&mut fields.text)),
        "html" => (8, Some(&mut fields.html)),
        "lang" => (16, Some(&mut fields.lang)),
        "source" => (32, Some(&mut fields.source)),
        "date" => (64, Some(&mut fields.date)),
        "company" => (128, Some(&mut fields.company)),
        "@type" | "@graph" => return None,
        _ => return Some(()),
    };
    if *seen & bit != 0 {
        return None;
    }
    *seen |= bit;
    match slot {
        Some(slot) => *slot = value,
        None => fields.id = value.map(|id| Value::String(id.into_owned())),
    }
    Some(())
}

/// Whether `bytes` holds a byte below 0x20, which JSON allows only as whitespace between tokens
/// (left to serde here) and never inside a string. A minimum, so that it runs in vector registers.
fn has_control_byte(bytes: &[u8]) -> bool {
    bytes.iter().fold(u8::MAX, |low, &b| low.min(b)) < 0x20
}

/// A position in the object being read.
struct Cursor<'a> {
    text: &'a str,
    at: usize,
}

impl<'a> Cursor<'a> {
    fn peek(&self) -> Option<u8> {
        self.text.as_bytes().get(self.at).copied()
    }

    fn next(&mut self) -> Option<u8> {
        let byte = self.peek()?;
        self.at += 1;
        Some(byte)
    }

    fn expect(&mut self, byte: u8) -> Option<()> {
        (self.next()? == byte).then_some(())
    }

    /// Spaces between tokens (the object holds no other whitespace: control bytes were refused).
    fn skip_spaces(&mut self) {
        while self.peek() == Some(b' ') {
            self.at += 1;
        }
    }

    /// A string or `null`.
    fn value(&mut self) -> Option<Option<Cow<'a, str>>> {
        if self.text.as_bytes()[self.at..].starts_with(b"null") {
            self.at += 4;
            return Some(None);
        }
        self.string().map(Some)
    }

    /// A string at the cursor: borrowed without escapes, unescaped into one allocation with
    /// them; `None` for a `\u` escape (serde handles surrogates) or a string that does not end.
    fn string(&mut self) -> Option<Cow<'a, str>> {
        self.expect(b'"')?;
        let (text, bytes) = (self.text, self.text.as_bytes());
        let start = self.at;
        let mut unescaped: Option<String> = None;
        loop {
            let end = self.at + memchr::memchr2(b'"', b'\\', &bytes[self.at..])?;
            let piece = text.get(self.at..end)?;
            if bytes[end] == b'"' {
                self.at = end + 1;
                return Some(match unescaped {
                    None => Cow::Borrowed(piece),
                    Some(mut owned) => {
                        owned.push_str(piece);
                        Cow::Owned(owned)
                    }
                });
            }
            // The rest of the object bounds the string's length: one allocation.
            let owned = unescaped.get_or_insert_with(|| String::with_capacity(bytes.len() - start));
            owned.push_str(piece);
            owned.push(unescape(*bytes.get(end + 1)?)?);
            self.at = end + 2;
        }
    }
}

/// The character a two-byte JSON escape `\x` stands for; `None` for `\u` and invalid escapes.
fn unescape(byte: u8) -> Option<char> {
    Some(match byte {
        b'"' => '"',
        b'\\' => '\\',
        b'/' => '/',
        b'b' => '\u{8}',
        b'f' => '\u{c}',
        b'n' => '\n',
        b'r' => '\r',
        b't' => '\t',
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn corpus_lines_take_the_fast_path_and_read_as_serde_reads_them() {
        for line in [
            "{\"id\": \"a-1\", \"title\": \"Social Media Manager (m/w/d)\", \"text\": \"Wir suchen\\nDich.\\n\\\"Jetzt\\\" \\\\ \\t/\", \"lang\": \"de\", \"source\": null}\n",
            "{\"id\":null,\"title\":\"\",\"text\":\"\",\"date\":\"2026-01-01\",\"company\":\"Ä GmbH\",\"extra\":\"x\"}",
            "  {}  \r\n",
            "{\"html\": \"<p>Hi &amp; \\/ bye</p>\", \"text\": null}",
        ] {
            let reference: LineFields = serde_json::from_str(line).expect("the reference reads it");
            assert_eq!(read(line), Some(reference), "{line}");
        }
    }

    #[test]
    fn anything_else_is_left_to_serde() {
        for line in [
            "{\"id\": 7, \"text\": \"x\"}",
            "{\"text\": \"\\u00e4\"}",
            "{\"text\": \"tab\there\"}",
            "{\"text\": \"a\", \"text\": \"b\"}",
            "{\"text\": null, \"text\": \"b\"}",
            "{\"id\": null, \"id\": \"b\"}",
            "{\"@type\": \"JobPosting\"}",
            "{\"text\": \"a\"} x",
            "{\"text\": \"a\",}",
            "{\"text\": \"a\"",
            "{\"text\": [\"a\"]}",
            "{\"text\": \"bad \\x escape\"}",
            "[\"a\"]",
            "",
        ] {
            assert_eq!(read(line), None, "{line}");
        }
    }
}
