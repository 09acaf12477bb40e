//! Streaming: readers that hand back one record at a time.
//!
//! Every reader that returns [`Parsed`] also offers a stream: an iterator over its records that
//! holds only what one record needs, so that a tally, a conversion or a classification runs in
//! memory that does not grow with the input. The report is the same as the one in [`Parsed`],
//! and is complete once the stream is exhausted.
//!
//! In [`Mode::Strict`](super::Mode::Strict) the first problem comes out of the iterator as an
//! `Err`, after which it yields nothing; in lenient mode every skipped or repaired record has a
//! line in the report.

use super::{Parsed, ReadReport};
use crate::Result;

/// Records read one at a time, with the [`ReadReport`] at the end.
///
/// `Iterator::next` yields each record (`Ok`) or the strict-mode error (`Err`, then `None`).
/// [`RecordStream::finish`] reads what is left (dropping the records) and returns the report,
/// so a report always covers the whole input.
pub trait RecordStream: Iterator<Item = Result<<Self as RecordStream>::Record>> + Sized {
    /// What the stream yields.
    type Record;

    /// Reads any records not yet taken and returns the report of the whole input.
    ///
    /// # Errors
    /// The strict-mode error of a record not yet taken.
    fn finish(self) -> Result<ReadReport>;

    /// Every record, collected, with the report: what the reader's `Parsed` function returns.
    ///
    /// # Errors
    /// The first error the stream yields.
    fn collect_parsed(mut self) -> Result<Parsed<Self::Record>> {
        let mut records = Vec::new();
        for record in &mut self {
            records.push(record?);
        }
        let report = self.finish()?;
        Ok(Parsed { records, report })
    }
}
