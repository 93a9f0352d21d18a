//! `Input::from_reader`: JSONL and CSV from memory, read as from a file.
#![allow(clippy::unwrap_used)]

use std::io::Cursor;

use rolenorm_corpus::{Columns, Input, InputFormat, RawKind};

fn records(bytes: &[u8], format: InputFormat) -> Vec<RawKind> {
    let columns = Columns::parse(None).unwrap();
    let mut input = Input::from_reader("memory", Box::new(Cursor::new(bytes.to_vec())), format, &columns).unwrap();
    let mut chunk = Vec::new();
    input.next_chunk(16, &mut chunk).unwrap();
    chunk.into_iter().map(|r| r.kind).collect()
}

#[test]
fn jsonl_lines_become_records_and_blank_lines_are_skipped() {
    let kinds = records(b"{\"id\":\"a\",\"text\":\"x\"}\n\n{\"id\":\"b\",\"text\":\"y\"}\n", InputFormat::Jsonl);
    assert_eq!(kinds.len(), 2);
    assert!(matches!(&kinds[1], RawKind::Json(line) if line.starts_with(b"{\"id\":\"b\"")));
}

#[test]
fn jsonl_lines_are_read_whole_across_the_read_buffer_and_without_a_final_newline() {
    // Lines that straddle the reader's 1 MB blocks, one longer than it, a last line without `\n`.
    let short = "{\"text\":\"kurz\"}\n".repeat(70_000);
    let long = format!("{{\"text\":\"{}\"}}\n", "x".repeat(1_500_000));
    let bytes = format!("{short}{long}{short}{{\"text\":\"end\"}}");
    let columns = Columns::parse(None).unwrap();
    let mut input =
        Input::from_reader("memory", Box::new(Cursor::new(bytes.clone())), InputFormat::Jsonl, &columns).unwrap();
    let (mut lines, mut chunk) = (Vec::new(), Vec::new());
    loop {
        input.next_chunk(1000, &mut chunk).unwrap();
        if chunk.is_empty() {
            break;
        }
        lines.extend(chunk.drain(..).map(|r| match r.kind {
            RawKind::Json(line) => line.to_vec(),
            _ => panic!("a JSONL line became another kind of record"),
        }));
    }
    assert_eq!(lines.len(), 140_002);
    assert_eq!(lines.concat(), bytes.as_bytes(), "every byte, in order, once");
    assert_eq!(lines[70_000], long.as_bytes());
    assert_eq!(lines.last().unwrap(), b"{\"text\":\"end\"}");
}

#[test]
fn csv_rows_become_ad_records() {
    let kinds = records(b"id,title,text\n7,Community Manager,Du moderierst Kommentare.\n", InputFormat::Csv);
    assert_eq!(kinds.len(), 1);
    let RawKind::Record(record) = &kinds[0] else { panic!("a CSV row is a record: {:?}", kinds[0]) };
    assert_eq!(record.id.as_deref(), Some("7"));
    assert_eq!(record.text.as_deref(), Some("Du moderierst Kommentare."));
}

#[test]
fn csv_without_a_text_column_is_refused_by_name() {
    let columns = Columns::parse(None).unwrap();
    let error =
        Input::from_reader("memory", Box::new(Cursor::new(b"id,body\n1,x\n".to_vec())), InputFormat::Csv, &columns)
            .err()
            .unwrap();
    assert!(error.to_string().contains("memory"), "{error}");
}
