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
/// so a report always covers the whole input. The trait is object safe:
/// `Box<dyn RecordStream<Record = Recommendation, Item = Result<Recommendation>>>` holds a
/// stream of any format.
pub trait RecordStream: Iterator<Item = Result<<Self as RecordStream>::Record>> {
    /// What the stream yields.
    type Record;

    /// Reads any records not yet taken (dropping them) and returns the report of the whole
    /// input. Calling it again returns the same report.
    ///
    /// # Errors
    /// The strict-mode error of a record not yet taken; after the iterator has yielded an
    /// error, that error again (the stream stopped there, so there is no report of the whole
    /// input).
    fn finish(&mut self) -> Result<ReadReport>;

    /// Every record, collected, with the report: what the reader's `Parsed` function returns.
    ///
    /// # Errors
    /// The first error the stream yields.
    fn collect_parsed(mut self) -> Result<Parsed<Self::Record>>
    where
        Self: Sized,
    {
        let mut records = Vec::new();
        for record in &mut self {
            records.push(record?);
        }
        let report = self.finish()?;
        Ok(Parsed { records, report })
    }
}

/// A boxed stream is a stream (`Box<dyn RecordStream<...>>` holds one of any format).
impl<S: RecordStream + ?Sized> RecordStream for Box<S> {
    type Record = S::Record;

    fn finish(&mut self) -> Result<ReadReport> {
        (**self).finish()
    }
}

/// What a streaming reader has read and not yet handed out, and what it has handed out: the
/// bookkeeping every stream over an input shares (records counted as they go out, the error it
/// stopped at, the report once made).
pub(crate) struct Outbox<T> {
    ready: std::collections::VecDeque<Result<T>>,
    kept: usize,
    stopped: Option<crate::Error>,
    report: Option<ReadReport>,
}

impl<T> Outbox<T> {
    pub(crate) fn new() -> Self {
        Outbox {
            ready: std::collections::VecDeque::new(),
            kept: 0,
            stopped: None,
            report: None,
        }
    }

    /// A record (or an error) read, to hand out in turn.
    pub(crate) fn push(&mut self, record: Result<T>) {
        self.ready.push_back(record);
    }

    /// Nothing is waiting to be handed out.
    pub(crate) fn is_empty(&self) -> bool {
        self.ready.is_empty()
    }

    /// The error waiting first, taken out (a stream's constructor returns it).
    pub(crate) fn first_error(&mut self) -> Option<crate::Error> {
        match self.ready.front() {
            Some(Err(_)) => self.ready.pop_front().and_then(Result::err),
            _ => None,
        }
    }

    /// The next record, counted as kept; an error is remembered for
    /// [`RecordStream::finish`] (`input` names the input in it).
    pub(crate) fn pop(&mut self, input: &str) -> Option<Result<T>> {
        let next = self.ready.pop_front()?;
        match &next {
            Ok(_) => self.kept += 1,
            Err(e) => self.stopped = Some(again(e, input)),
        }
        Some(next)
    }

    /// What `finish` returns without reading on: the report made already, or the error the
    /// stream stopped at.
    pub(crate) fn settled(&self, input: &str) -> Option<Result<ReadReport>> {
        if let Some(report) = &self.report {
            return Some(Ok(report.clone()));
        }
        self.stopped.as_ref().map(|e| Err(again(e, input)))
    }

    /// The report of an input read to its end: its `problems` (none taken yet: a new, empty
    /// list), how it was decoded and the records handed out; kept for `finish` called again.
    pub(crate) fn settle(
        &mut self,
        problems: Option<super::Problems>,
        decoded: super::encoding::Decoded,
        options: &super::ReadOptions,
    ) -> ReadReport {
        let problems = problems.unwrap_or_else(|| super::Problems::new(options));
        let report = problems.finish(decoded, self.kept);
        self.report = Some(report.clone());
        report
    }
}

/// The error a stream stopped at, again (for [`RecordStream::finish`] after it was yielded): a
/// parse error as it was, any other as a parse error of the whole input quoting it.
pub(crate) fn again(e: &crate::Error, input: &str) -> crate::Error {
    match e {
        crate::Error::Parse(p) => crate::Error::Parse(p.clone()),
        other => crate::Error::Parse(crate::ParseError {
            input: input.to_owned(),
            location: crate::Location::Whole,
            expected: "an input read to its end".into(),
            found: other.to_string(),
        }),
    }
}

/// A stream over records already read: the adapter for a reader that holds a whole document
/// (a Working Group report, a matrix) so that every format can be handed out as a stream.
#[derive(Debug)]
pub struct FromParsed<T> {
    records: std::vec::IntoIter<T>,
    report: ReadReport,
}

impl<T> From<Parsed<T>> for FromParsed<T> {
    fn from(parsed: Parsed<T>) -> Self {
        FromParsed {
            records: parsed.records.into_iter(),
            report: parsed.report,
        }
    }
}

impl<T> Iterator for FromParsed<T> {
    type Item = Result<T>;

    fn next(&mut self) -> Option<Self::Item> {
        self.records.next().map(Ok)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.records.size_hint()
    }
}

impl<T> RecordStream for FromParsed<T> {
    type Record = T;

    fn finish(&mut self) -> Result<ReadReport> {
        self.records.by_ref().for_each(drop);
        Ok(self.report.clone())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Encoding;

    fn report(records: usize) -> ReadReport {
        ReadReport {
            input: "test".into(),
            encoding: Encoding::Utf8,
            encoding_reason: String::new(),
            records,
            problems: Vec::new(),
        }
    }

    #[test]
    fn from_parsed_round_trips_and_finishes_early() {
        let parsed = Parsed {
            records: vec![1, 2, 3],
            report: report(3),
        };
        let back = FromParsed::from(parsed.clone()).collect_parsed().unwrap();
        assert_eq!(back, parsed);
        let mut s: Box<dyn RecordStream<Record = i32, Item = Result<i32>>> =
            Box::new(FromParsed::from(parsed));
        assert_eq!(s.next().unwrap().unwrap(), 1);
        assert_eq!(s.finish().unwrap().records, 3);
        assert!(s.next().is_none());
    }
}
