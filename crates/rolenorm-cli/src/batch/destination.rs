//! The files a batch writes, and the rules that keep it from destroying data: never the input,
//! never an existing file that no rolenorm run wrote (unless `--force`), regular files through
//! `NAME.partial` and a rename at the end, devices and pipes directly.

use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use rolenorm_corpus::CSV_COLUMNS;

/// A file the batch writes.
pub(super) struct Destination {
    pub(super) path: PathBuf,
    pub(super) write_path: PathBuf,
    /// Whether it is written through `NAME.partial` (a regular file, or none yet).
    pub(super) atomic: bool,
}

impl Destination {
    /// Checks `path` against `input` and plans how to write it.
    pub(super) fn new(path: &Path, input: &Path, force: bool) -> Result<Self> {
        refuse_to_destroy(path, input, force)?;
        let atomic = std::fs::metadata(path).map_or(true, |m| m.is_file());
        let write_path = if atomic { suffixed(path, ".partial") } else { path.to_path_buf() };
        Ok(Destination { path: path.to_path_buf(), write_path, atomic })
    }

    /// Opens the file to write.
    pub(super) fn create(&self) -> Result<File> {
        File::create(&self.write_path).with_context(|| format!("cannot create {}", self.write_path.display()))
    }

    /// Puts the written file in place.
    pub(super) fn finish(&self) -> Result<()> {
        if self.atomic {
            std::fs::rename(&self.write_path, &self.path)
                .with_context(|| format!("cannot write {}", self.path.display()))?;
        }
        Ok(())
    }

    /// Drops what was written (an errors file of a clean run), and an earlier rolenorm file at
    /// the path, which described an older run.
    pub(super) fn discard(&self) -> Result<()> {
        if !self.atomic {
            return Ok(());
        }
        let _ = std::fs::remove_file(&self.write_path);
        if self.path.is_file() && written_by_rolenorm(&self.path) {
            std::fs::remove_file(&self.path).with_context(|| format!("cannot remove {}", self.path.display()))?;
        }
        Ok(())
    }
}

/// `path` with `suffix` added to its file name.
pub(super) fn suffixed(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

/// Refuses to write over the input, or over an existing file that is not rolenorm output.
fn refuse_to_destroy(path: &Path, input: &Path, force: bool) -> Result<()> {
    let Ok(meta) = std::fs::metadata(path) else { return Ok(()) };
    if !meta.is_file() {
        return Ok(());
    }
    if input.as_os_str() != "-"
        && let Ok(input_meta) = std::fs::metadata(input)
        && input_meta.dev() == meta.dev()
        && input_meta.ino() == meta.ino()
    {
        bail!(
            "{} is the input {}: rolenorm never writes over its input; choose another output file",
            path.display(),
            input.display()
        );
    }
    if !force && meta.len() > 0 && !written_by_rolenorm(path) {
        bail!(
            "{} exists and was not written by rolenorm; choose another output file, or pass --force to replace it",
            path.display()
        );
    }
    Ok(())
}

/// Whether `path` looks like an earlier rolenorm output: JSONL analyses or error lines, the
/// batch's CSV header, or Parquet with the batch's columns.
fn written_by_rolenorm(path: &Path) -> bool {
    let Ok(file) = File::open(path) else { return false };
    let mut reader = BufReader::new(file.take(1 << 20));
    let mut first = Vec::new();
    if reader.read_until(b'\n', &mut first).is_err() {
        return false;
    }
    if first.starts_with(b"PAR1") {
        return parquet_has_batch_columns(path);
    }
    let line = String::from_utf8_lossy(&first);
    let line = line.trim();
    if batch_columns(line.split(',')) {
        return true;
    }
    match serde_json::from_str::<serde_json::Value>(line) {
        Ok(serde_json::Value::Object(object)) => {
            (object.contains_key("role") && object.contains_key("norm"))
                || (object.contains_key("error") && object.contains_key("line"))
        }
        _ => false,
    }
}

/// Whether a Parquet file has the batch's columns.
fn parquet_has_batch_columns(path: &Path) -> bool {
    rolenorm_corpus::parquet_columns(path).is_some_and(|columns| batch_columns(columns.iter().map(String::as_str)))
}

/// Whether `columns` are the batch's output columns: today's, or an earlier release's (which had
/// no `title`, `source`, `date`).
fn batch_columns<'a>(columns: impl Iterator<Item = &'a str>) -> bool {
    let columns: Vec<&str> = columns.collect();
    columns == CSV_COLUMNS || columns == CSV_COLUMNS[..10]
}
