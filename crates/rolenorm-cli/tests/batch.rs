//! `rolenorm batch` on real corpus formats: every input and output format round-trips, and bad
//! records get named errors while the rest is processed.
#![allow(clippy::unwrap_used)]

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Output};

fn rolenorm() -> Command {
    Command::new(env!("CARGO_BIN_EXE_rolenorm"))
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("rolenorm-batch-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

const ADS: [(&str, &str, &str); 3] = [
    ("a1", "Community Manager (m/w/d)", "Du moderierst Kommentare und beantwortest Nachrichten."),
    ("a2", "Paid Social Manager", "You plan and run paid social campaigns on Meta and TikTok."),
    ("a3", "Registered Nurse", "You deliver patient care on our ward."),
];

fn jsonl() -> String {
    ADS.iter()
        .map(|(id, title, text)| {
            serde_json::json!({"id": id, "title": title, "text": text, "source": "test", "date": "2026-11-01"})
                .to_string()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn read_jsonl(path: &std::path::Path) -> Vec<serde_json::Value> {
    std::fs::read_to_string(path).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect()
}

/// The reference: the same ads as plain JSONL.
fn reference(dir: &std::path::Path) -> Vec<serde_json::Value> {
    let input = dir.join("reference.jsonl");
    std::fs::write(&input, jsonl()).unwrap();
    let output = dir.join("reference.out.jsonl");
    let out = rolenorm().arg("batch").arg(&input).arg("-o").arg(&output).output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    read_jsonl(&output)
}

#[test]
fn compressed_inputs_give_the_same_analyses() {
    let dir = temp_dir("compressed");
    let expected = reference(&dir);
    assert_eq!(expected.len(), 3);
    assert_eq!(expected[0]["source"], "test");
    assert_eq!(expected[0]["date"], "2026-11-01");

    let gz = dir.join("ads.jsonl.gz");
    let mut encoder =
        flate2::write::GzEncoder::new(std::fs::File::create(&gz).unwrap(), flate2::Compression::default());
    encoder.write_all(jsonl().as_bytes()).unwrap();
    encoder.finish().unwrap();
    let zst = dir.join("ads.jsonl.zst");
    std::fs::write(&zst, zstd::encode_all(jsonl().as_bytes(), 3).unwrap()).unwrap();

    for input in [gz, zst] {
        let output = dir.join("out.jsonl");
        let out = rolenorm().arg("batch").arg(&input).arg("-o").arg(&output).output().unwrap();
        assert!(out.status.success(), "{}", stderr(&out));
        assert_eq!(read_jsonl(&output), expected, "{}", input.display());
    }
}

#[test]
fn csv_in_and_out_with_chosen_columns() {
    let dir = temp_dir("csv");
    let expected = reference(&dir);
    let input = dir.join("ads.csv");
    let mut writer = csv::Writer::from_path(&input).unwrap();
    writer.write_record(["job_id", "job_title", "description"]).unwrap();
    for (id, title, text) in ADS {
        writer.write_record([id, title, text]).unwrap();
    }
    writer.flush().unwrap();
    let output = dir.join("out.csv");
    let out = rolenorm()
        .arg("batch")
        .arg(&input)
        .arg("-o")
        .arg(&output)
        .args(["--columns", "id=job_id,title=job_title,text=description"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let mut reader = csv::Reader::from_path(&output).unwrap();
    let headers = reader.headers().unwrap().clone();
    assert_eq!(headers.iter().collect::<Vec<_>>()[..3], ["id", "language", "role"]);
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 3);
    for (row, analysis) in rows.iter().zip(&expected) {
        assert_eq!(&row[0], analysis["id"].as_str().unwrap());
        assert_eq!(&row[2], analysis["role"].as_str().unwrap());
        let tasks: Vec<&str> =
            analysis["tasks"].as_array().unwrap().iter().map(|t| t["id"].as_str().unwrap()).collect();
        assert_eq!(&row[9], tasks.join(";"));
    }
}

#[test]
fn csv_output_carries_title_source_and_date_of_the_input() {
    let dir = temp_dir("csv-meta");
    let input = dir.join("ads.jsonl");
    let mut lines = jsonl();
    lines.push_str("\n{\"id\": \"a4\", \"text\": \"Du moderierst Kommentare.\"}\n");
    std::fs::write(&input, lines).unwrap();
    let output = dir.join("out.csv");
    let out = rolenorm().arg("batch").arg(&input).arg("-o").arg(&output).output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let mut reader = csv::Reader::from_path(&output).unwrap();
    let headers: Vec<String> = reader.headers().unwrap().iter().map(str::to_owned).collect();
    let column = |name: &str| headers.iter().position(|h| h == name).unwrap_or_else(|| panic!("no {name} column"));
    let (title, source, date) = (column("title"), column("source"), column("date"));
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 4);
    for (row, (_, ad_title, _)) in rows.iter().zip(ADS) {
        assert_eq!((&row[title], &row[source], &row[date]), (ad_title, "test", "2026-11-01"));
    }
    assert_eq!((&rows[3][source], &rows[3][date]), ("", ""), "absent fields stay empty");
    // An earlier run's CSV is recognised as rolenorm output and replaced without --force.
    let again = rolenorm().arg("batch").arg(&input).arg("-o").arg(&output).output().unwrap();
    assert!(again.status.success(), "{}", stderr(&again));
}

#[test]
fn csv_without_the_text_column_is_named() {
    let dir = temp_dir("csv-missing");
    let input = dir.join("ads.csv");
    std::fs::write(&input, "id,title\n1,Social Media Manager\n").unwrap();
    let out = rolenorm().arg("batch").arg(&input).arg("-o").arg(dir.join("out.jsonl")).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let message = stderr(&out);
    assert!(message.contains("ads.csv") && message.contains("--columns"), "{message}");
}

#[test]
fn bad_records_go_to_the_errors_file_and_the_rest_is_processed() {
    let dir = temp_dir("errors");
    let input = dir.join("ads.jsonl");
    let posting = r#"{"@context":"https://schema.org","@type":"JobPosting","title":"Content Creator","description":"<p>Du drehst Reels.</p>","identifier":"jp-1"}"#;
    std::fs::write(&input, format!("{}\n{{broken\n{posting}\n", jsonl())).unwrap();
    let output = dir.join("out.jsonl");
    let out = rolenorm().arg("batch").arg(&input).arg("-o").arg(&output).output().unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let values = read_jsonl(&output);
    assert_eq!(values.len(), 5);
    assert_eq!(values[3]["line"], 4);
    assert_eq!(values[4]["id"], "jp-1");
    assert_eq!(values[4]["format"], "json-ld");
    let errors = read_jsonl(&dir.join("out.jsonl.errors.jsonl"));
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0]["line"], 4);
    assert!(errors[0]["error"].as_str().unwrap().contains("malformed JSON"));
}

#[test]
fn truncated_gzip_keeps_what_was_read() {
    let dir = temp_dir("truncated");
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    for i in 0..2000 {
        writeln!(encoder, "{}", serde_json::json!({"id": i, "title": "Social Media Manager", "text": format!("Du planst Posts Nummer {i} im Redaktionsplan und beantwortest Kommentare.")})).unwrap();
    }
    let bytes = encoder.finish().unwrap();
    let input = dir.join("ads.jsonl.gz");
    std::fs::write(&input, &bytes[..bytes.len() / 2]).unwrap();
    let output = dir.join("out.jsonl");
    let out = rolenorm().arg("batch").arg(&input).arg("-o").arg(&output).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("ads.jsonl.gz"), "{}", stderr(&out));
    let analysed = read_jsonl(&output).len();
    assert!(analysed > 100 && analysed < 2000, "{analysed}");
}

#[test]
fn a_folder_of_ad_files() {
    let dir = temp_dir("folder");
    let ads = dir.join("ads");
    std::fs::create_dir_all(&ads).unwrap();
    std::fs::write(
        ads.join("b.html"),
        "<html><body><h1>Community Manager</h1><p>Du moderierst Kommentare.</p></body></html>",
    )
    .unwrap();
    std::fs::write(ads.join("a.txt"), "Content Creator\nDu drehst und schneidest Reels.").unwrap();
    std::fs::write(
        ads.join("c.json"),
        r#"{"@type":"JobPosting","title":"Social Media Analyst","description":"Social Listening und Monitoring"}"#,
    )
    .unwrap();
    std::fs::write(ads.join("d.bin"), [0u8, 1, 2]).unwrap();
    std::fs::write(ads.join("e.txt"), [0u8, 159, 146, 150]).unwrap();
    let output = dir.join("out.jsonl");
    let out = rolenorm().arg("batch").arg(&ads).arg("-o").arg(&output).output().unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let values = read_jsonl(&output);
    let ids: Vec<&str> = values.iter().map(|v| v["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["a.txt", "b.html", "c.json", "e.txt"]);
    assert_eq!(values[1]["format"], "html");
    assert_eq!(values[2]["format"], "json-ld");
    assert!(values[3]["error"].as_str().unwrap().contains("binary"));
}

#[test]
fn parquet_in_and_out() {
    use arrow_array::{Array, RecordBatch, StringArray};
    let dir = temp_dir("parquet");
    let expected = reference(&dir);
    // A Parquet corpus with other column names.
    let schema = std::sync::Arc::new(arrow_schema::Schema::new(vec![
        arrow_schema::Field::new("ref", arrow_schema::DataType::Utf8, false),
        arrow_schema::Field::new("headline", arrow_schema::DataType::Utf8, true),
        arrow_schema::Field::new("body", arrow_schema::DataType::Utf8, false),
    ]));
    let column = |i: usize| -> std::sync::Arc<dyn Array> {
        std::sync::Arc::new(ADS.iter().map(|ad| Some([ad.0, ad.1, ad.2][i])).collect::<StringArray>())
    };
    let batch = RecordBatch::try_new(schema.clone(), vec![column(0), column(1), column(2)]).unwrap();
    let input = dir.join("ads.parquet");
    let mut writer =
        parquet::arrow::ArrowWriter::try_new(std::fs::File::create(&input).unwrap(), schema, None).unwrap();
    writer.write(&batch).unwrap();
    writer.close().unwrap();

    let output = dir.join("out.parquet");
    let out = rolenorm()
        .arg("batch")
        .arg(&input)
        .arg("-o")
        .arg(&output)
        .args(["--columns", "id=ref,title=headline,text=body"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let reader =
        parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder::try_new(std::fs::File::open(&output).unwrap())
            .unwrap()
            .build()
            .unwrap();
    let batches: Vec<RecordBatch> = reader.map(Result::unwrap).collect();
    let batch = &batches[0];
    assert_eq!(batch.num_rows(), 3);
    let roles = batch.column_by_name("role").unwrap().as_any().downcast_ref::<StringArray>().unwrap();
    let ids = batch.column_by_name("id").unwrap().as_any().downcast_ref::<StringArray>().unwrap();
    for (row, analysis) in expected.iter().enumerate() {
        assert_eq!(ids.value(row), analysis["id"].as_str().unwrap());
        assert_eq!(roles.value(row), analysis["role"].as_str().unwrap());
    }
}

#[test]
fn a_file_that_is_not_parquet_is_named() {
    let dir = temp_dir("not-parquet");
    let input = dir.join("ads.parquet");
    std::fs::write(&input, "id,text\n1,hello\n").unwrap();
    let out = rolenorm().arg("batch").arg(&input).arg("-o").arg(dir.join("out.jsonl")).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let message = stderr(&out);
    assert!(message.contains("ads.parquet") && message.contains("not a readable Parquet file"), "{message}");
}

#[test]
fn report_and_evidence_from_analyses_or_straight_from_a_corpus() {
    let dir = temp_dir("report");
    let corpus = dir.join("ads.jsonl");
    std::fs::write(&corpus, jsonl()).unwrap();
    let analyses = dir.join("analyses.jsonl");
    let out = rolenorm().arg("batch").arg(&corpus).arg("-o").arg(&analyses).output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    for input in [&analyses, &corpus] {
        let html = dir.join("report.html");
        let json = dir.join("report.json");
        let out = rolenorm().arg("report").arg(input).arg("-o").arg(&html).arg("--json").arg(&json).output().unwrap();
        assert!(out.status.success(), "{}", stderr(&out));
        let value: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&json).unwrap()).unwrap();
        assert_eq!(value["ads"], 3, "{}", input.display());
        assert!(std::fs::read_to_string(&html).unwrap().contains("<svg"));
    }
    let out = rolenorm().args(["norm", "evidence"]).arg(&analyses).args(["--json"]).output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let value: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(value.is_object() || value.is_array());
}

#[test]
fn writing_to_a_device_writes_through_it() {
    let dir = temp_dir("device");
    let input = dir.join("ads.jsonl");
    std::fs::write(&input, format!("{}\n{{broken\n", jsonl())).unwrap();
    let out = rolenorm().arg("batch").arg(&input).args(["-o", "/dev/null"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    // /dev/null is still the null device: nothing was renamed over it, no errors file beside it.
    let metadata = std::fs::metadata("/dev/null").unwrap();
    assert!(!metadata.is_file());
    assert!(!std::path::Path::new("/dev/null.errors.jsonl").exists());
    assert!(!std::path::Path::new("/dev/null.partial").exists());
    assert!(stderr(&out).contains("malformed JSON"), "{}", stderr(&out));
}
