//! JSONL lines without a copy per line: the input is read into large blocks, and each line is
//! a range of the block it lies in, shared with the other lines read with it. A block is
//! reused once no line of it is held any more.

use std::fmt;
use std::io::{ErrorKind, Read};
use std::ops::Deref;
use std::sync::Arc;

/// Bytes read into one block (a line longer than this gets a block of its own size).
const BLOCK_BYTES: usize = 1 << 20;

/// A block counts as full when less than this is left: the reader below it buffers reads
/// smaller than this, and would copy them once more.
pub(crate) const MIN_READ: usize = 64 << 10;

/// Blocks kept for reuse beyond those still in use.
const SPARE_BLOCKS: usize = 8;

/// One JSONL line as read, its `\n` included (the last line of an input may lack it).
/// Dereferences to the line's bytes; cloning it shares them.
#[derive(Clone)]
pub struct JsonLine {
    block: Arc<Vec<u8>>,
    start: usize,
    end: usize,
}

impl JsonLine {
    /// A line of its own, for records made in memory.
    pub fn new(bytes: Vec<u8>) -> Self {
        let end = bytes.len();
        JsonLine { block: Arc::new(bytes), start: 0, end }
    }
}

impl Deref for JsonLine {
    type Target = [u8];

    fn deref(&self) -> &[u8] {
        &self.block[self.start..self.end]
    }
}

impl AsRef<[u8]> for JsonLine {
    fn as_ref(&self) -> &[u8] {
        self
    }
}

impl fmt::Debug for JsonLine {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("JsonLine").field(&String::from_utf8_lossy(self)).finish()
    }
}

/// Splits a reader into [`JsonLine`]s.
pub struct LineReader {
    reader: Box<dyn Read + Send>,
    /// The block lines are taken from, its filled length, and where its next line starts.
    current: Arc<Vec<u8>>,
    filled: usize,
    next: usize,
    /// Earlier blocks: reused once no line holds them.
    pool: Vec<Arc<Vec<u8>>>,
    at_end: bool,
    /// A read error, reported once the lines read before it are taken.
    error: Option<std::io::Error>,
}

impl LineReader {
    /// Lines of `reader`.
    pub fn new(reader: Box<dyn Read + Send>) -> Self {
        LineReader {
            reader,
            current: Arc::new(Vec::new()),
            filled: 0,
            next: 0,
            pool: Vec::new(),
            at_end: false,
            error: None,
        }
    }

    /// The next line with its `\n`; `None` at the end of the input. A read error comes after
    /// the lines read before it; the call after it reads on.
    pub fn next_line(&mut self) -> std::io::Result<Option<JsonLine>> {
        loop {
            if let Some(length) = memchr::memchr(b'\n', &self.current[self.next..self.filled]) {
                return Ok(Some(self.take(self.next + length + 1)));
            }
            if let Some(error) = self.error.take() {
                return Err(error);
            }
            if self.at_end {
                return Ok((self.next < self.filled).then(|| self.take(self.filled)));
            }
            self.refill();
        }
    }

    /// The current block's bytes from the next line's start to `end`, as a line.
    fn take(&mut self, end: usize) -> JsonLine {
        let line = JsonLine { block: Arc::clone(&self.current), start: self.next, end };
        self.next = end;
        line
    }

    /// Moves the current block's unfinished line to the start of a free block and reads into
    /// it until it is full, the input ends or a read fails; a block that fills up with one line
    /// grows.
    fn refill(&mut self) {
        let carried = self.filled - self.next;
        let mut block = self.free_block(carried);
        block[..carried].copy_from_slice(&self.current[self.next..self.filled]);
        let mut filled = carried;
        while !self.at_end {
            if block.len() - filled < MIN_READ {
                if memchr::memchr(b'\n', &block[..filled]).is_some() {
                    break;
                }
                block.resize(block.len() * 2, 0);
            }
            match self.reader.read(&mut block[filled..]) {
                Ok(0) => self.at_end = true,
                Ok(read) => filled += read,
                Err(error) if error.kind() == ErrorKind::Interrupted => {}
                Err(error) => {
                    self.error = Some(error);
                    break;
                }
            }
        }
        let previous = std::mem::replace(&mut self.current, Arc::new(block));
        (self.filled, self.next) = (filled, 0);
        // A block grown for one long line is not kept: the pool stays a few megabytes.
        if previous.len() <= BLOCK_BYTES {
            self.pool.push(previous);
        }
        if self.pool.len() > SPARE_BLOCKS {
            // Blocks that lines still hold are freed by the last of them.
            self.pool.retain(|block| Arc::strong_count(block) == 1);
            self.pool.truncate(SPARE_BLOCKS);
        }
    }

    /// A block that no line holds (from the pool, or new), at least [`BLOCK_BYTES`] long and
    /// with room for `carried` bytes and a read.
    fn free_block(&mut self, carried: usize) -> Vec<u8> {
        let wanted = BLOCK_BYTES.max((carried + MIN_READ).next_power_of_two());
        let free = self.pool.iter().position(|block| Arc::strong_count(block) == 1);
        // Lines only ever let go of a block: one that only the pool holds stays so.
        let mut block = free.and_then(|i| Arc::try_unwrap(self.pool.swap_remove(i)).ok()).unwrap_or_default();
        if block.len() < wanted {
            block.resize(wanted, 0);
        }
        block
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Cursor;

    /// Every line of `reader`.
    fn lines_of(reader: impl Read + Send + 'static) -> Vec<JsonLine> {
        let mut lines = LineReader::new(Box::new(reader));
        std::iter::from_fn(|| lines.next_line().unwrap()).collect()
    }

    #[test]
    fn lines_keep_every_byte_across_blocks() {
        let short = "{\"a\":1}\n".repeat(300_000);
        let long = format!("{}\n", "y".repeat(3 * BLOCK_BYTES + 17));
        let bytes = format!("{short}\n\n{long}{short}last");
        let lines = lines_of(Cursor::new(bytes.clone()));
        assert_eq!(lines.len(), 600_004);
        let joined: Vec<u8> = lines.iter().flat_map(|line| line.iter().copied()).collect();
        assert_eq!(joined, bytes.as_bytes());
        assert_eq!(&lines[300_000][..], b"\n", "a blank line stays a line");
        assert_eq!(&lines[300_002][..], long.as_bytes(), "a line over three blocks long is whole");
        assert_eq!(&lines[600_003][..], b"last", "the last line may lack its newline");
    }

    #[test]
    fn empty_input_has_no_lines() {
        assert!(lines_of(Cursor::new(Vec::new())).is_empty());
    }

    /// Gives at most `step` bytes per read, is interrupted before every other read, and fails
    /// (once) at `fail_at` bytes.
    struct Trickle {
        bytes: Vec<u8>,
        at: usize,
        step: usize,
        fail_at: Option<usize>,
        interrupt: bool,
    }

    impl Read for Trickle {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            if self.fail_at.is_some_and(|at| self.at >= at) {
                self.fail_at = None;
                return Err(std::io::Error::other("disk on fire"));
            }
            self.interrupt = !self.interrupt;
            if self.interrupt {
                return Err(ErrorKind::Interrupted.into());
            }
            let n = self.step.min(buf.len()).min(self.bytes.len() - self.at);
            buf[..n].copy_from_slice(&self.bytes[self.at..self.at + n]);
            self.at += n;
            Ok(n)
        }
    }

    #[test]
    fn short_reads_and_an_error_lose_nothing() {
        let bytes: Vec<u8> = (0..50_000).flat_map(|i| format!("line {i}\n").into_bytes()).collect();
        let trickle = Trickle { bytes: bytes.clone(), at: 0, step: 1000, fail_at: Some(200_000), interrupt: false };
        let mut reader = LineReader::new(Box::new(trickle));
        let (mut joined, mut errors) = (Vec::new(), 0);
        loop {
            match reader.next_line() {
                Ok(Some(line)) => joined.extend_from_slice(&line),
                Ok(None) => break,
                Err(error) => {
                    assert_eq!(error.to_string(), "disk on fire");
                    errors += 1;
                }
            }
        }
        assert_eq!(errors, 1);
        assert_eq!(joined, bytes, "the bytes read before the error are kept, and reading goes on after it");
    }

    #[test]
    fn held_lines_keep_their_bytes_and_free_blocks_are_reused() {
        let bytes = "{\"b\":2}\n".repeat(2_000_000);
        let mut reader = LineReader::new(Box::new(Cursor::new(bytes)));
        let first = reader.next_line().unwrap().unwrap();
        let mut blocks = std::collections::HashSet::new();
        while let Some(line) = reader.next_line().unwrap() {
            blocks.insert(Arc::as_ptr(&line.block) as usize);
        }
        assert_eq!(&first[..], b"{\"b\":2}\n", "a held line outlives the reading of 16 MB");
        assert!(blocks.len() <= 3, "a reader whose lines are let go cycles through few blocks, not {}", blocks.len());
        assert!(reader.pool.len() <= SPARE_BLOCKS);
    }

    /// Gives the bytes in reads of the given sizes, in turn.
    struct Steps {
        bytes: Cursor<Vec<u8>>,
        steps: Vec<usize>,
        turn: usize,
    }

    impl Read for Steps {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            let step = self.steps[self.turn % self.steps.len()];
            self.turn += 1;
            let n = step.min(buf.len());
            self.bytes.read(&mut buf[..n])
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(24))]

        /// Lines from empty to a few blocks long, read in reads of any size: every line whole,
        /// in order, each but the last ending with its newline.
        #[test]
        fn any_lines_in_any_reads_come_back_whole(
            lengths in proptest::collection::vec(0usize..2_500_000, 0..8),
            final_newline: bool,
            steps in proptest::collection::vec(1usize..300_000, 1..6),
        ) {
            let mut bytes = Vec::new();
            for (i, length) in lengths.iter().enumerate() {
                bytes.extend(std::iter::repeat_n(b'a' + (i % 26) as u8, *length));
                if i + 1 < lengths.len() || final_newline {
                    bytes.push(b'\n');
                }
            }
            let expected: Vec<&[u8]> = bytes.split_inclusive(|b| *b == b'\n').collect();
            let lines = lines_of(Steps { bytes: Cursor::new(bytes.clone()), steps, turn: 0 });
            let got: Vec<&[u8]> = lines.iter().map(|line| &line[..]).collect();
            proptest::prop_assert_eq!(got, expected);
        }
    }
}
