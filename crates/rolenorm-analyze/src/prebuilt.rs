//! The built-in norm's automaton, compiled by the build script (`build.rs`, with the same
//! [`crate::compile`] and [`crate::table`] code as at run time) and embedded in the library.
//!
//! [`table_for`] hands it out only for exactly the atoms it was built over; any other norm
//! (`--norm`, a changed norm pack) is compiled at run time. The test `prebuilt_equals_runtime`
//! checks that the embedded table equals the one built at run time.

use zerocopy::FromBytes;

use crate::table::AtomTable;

/// Bytes aligned for reading as `u32` words in place.
#[repr(C, align(4))]
struct Aligned<B: ?Sized>(B);

/// The table's words in the target's byte order, empty if the build script could not load the
/// built-in norm.
static BYTES: &Aligned<[u8]> = &Aligned(*include_bytes!(concat!(env!("OUT_DIR"), "/builtin-atoms.table")));

/// The embedded table, read in place (no copy), if it was built over exactly `atoms`. The
/// build script checked every index of it; only its layout is checked here.
pub(crate) fn table_for(atoms: &[String]) -> Option<AtomTable> {
    let words = <[u32]>::ref_from_bytes(&BYTES.0).ok()?;
    let table = AtomTable::from_checked_words(words).ok()?;
    table.is_for(atoms).then_some(table)
}

/// The embedded table's words, if the build script wrote a table.
#[cfg(test)]
pub(crate) fn embedded_words() -> Option<&'static [u32]> {
    <[u32]>::ref_from_bytes(&BYTES.0).ok().filter(|w| !w.is_empty())
}
