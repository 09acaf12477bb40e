//! The export read one row at a time: [`Rows`], and the joint recommendations made of them,
//! [`JointRows`] and [`Recommendations`].

use std::io::Read;
use std::path::Path;

use super::read::RowReader;
use super::{Joiner, JointRow, SOURCE, UprInfoRow, merged_lines, response_status};
use crate::format::csv_stream::CsvStream;
use crate::format::{Context, Problem, ReadAhead, ReadOptions, ReadReport, RecordStream};
use crate::{DatePrecision, Error, Recommendation, ResponseEvent, Result, SourceId, Stage};

/// The rows of an export, read one at a time as the reader gives its bytes: memory stays that
/// of one buffer (256 KiB) and its rows, however large the input. The report at the end is the
/// one [`read`](fn@super::read) returns, except that the encoding is told from the first MiB (the
/// report's reason says so).
///
/// ```no_run
/// use upr::format::{ReadOptions, RecordStream, upr_info};
/// let mut rows = upr_info::rows_path("sessions-1-5.csv", &ReadOptions::lenient())?;
/// let mut accepted = 0;
/// for row in &mut rows {
///     accepted += usize::from(row?.response == upr::UprInfoResponse::Accepted);
/// }
/// let report = rows.finish()?;
/// println!("{accepted} of {} rows accepted", report.records);
/// # Ok::<(), upr::Error>(())
/// ```
pub struct Rows<R>(CsvStream<R, RowReader>);

impl<R> std::fmt::Debug for Rows<R> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("upr_info::Rows")
    }
}

/// The rows of an export from any reader, one at a time ([`Rows`]).
///
/// # Errors
/// A header without the required columns, an I/O failure or (strict mode) undecodable bytes
/// before it; the rows' problems come out of the iterator, as [`read`](fn@super::read) says.
pub fn rows<R: Read>(reader: R, options: &ReadOptions) -> Result<Rows<R>> {
    Ok(Rows(CsvStream::new(reader, options).header()?))
}

/// The rows of an export file, one at a time ([`Rows`]; its path names it in errors unless the
/// options name it), the file read ahead on a second thread ([`ReadAhead`]).
///
/// # Errors
/// As [`rows`], and [`Error::Io`] if the file cannot be opened.
pub fn rows_path(path: impl AsRef<Path>, options: &ReadOptions) -> Result<Rows<ReadAhead>> {
    let path = path.as_ref();
    let file = std::fs::File::open(path).map_err(|e| Error::read(path, e))?;
    rows(ReadAhead::new(file), &options.named_after(path))
}

impl<R: Read> Iterator for Rows<R> {
    type Item = Result<UprInfoRow>;

    fn next(&mut self) -> Option<Self::Item> {
        self.0.next()
    }
}

impl<R: Read> RecordStream for Rows<R> {
    type Record = UprInfoRow;

    fn finish(&mut self) -> Result<ReadReport> {
        self.0.finish()
    }
}

/// Joint rows made of a stream of rows as they come ([`merge_joint`](super::merge_joint) over a
/// stream): one held back until the next row shows it is complete. The report counts the joint
/// rows.
#[derive(Debug)]
pub struct JointRows<S> {
    rows: S,
    joiner: Joiner<UprInfoRow>,
    made: usize,
    /// A line for each row merged into another.
    merged: Vec<Problem>,
    report: Option<ReadReport>,
    done: bool,
}

impl<S: RecordStream<Record = UprInfoRow>> JointRows<S> {
    /// Over a stream of rows ([`Rows`], or any other).
    pub fn new(rows: S) -> Self {
        JointRows {
            rows,
            joiner: Joiner::default(),
            made: 0,
            merged: Vec::new(),
            report: None,
            done: false,
        }
    }
}

impl<S: RecordStream<Record = UprInfoRow>> Iterator for JointRows<S> {
    type Item = Result<JointRow>;

    fn next(&mut self) -> Option<Self::Item> {
        while !self.done {
            match self.rows.next() {
                Some(Ok(row)) => {
                    if let Some(joint) = self.joiner.push(row) {
                        self.made += 1;
                        self.merged.extend(merged_lines(&joint));
                        return Some(Ok(joint));
                    }
                }
                Some(Err(e)) => {
                    self.done = true;
                    return Some(Err(e));
                }
                None => {
                    self.done = true;
                    let last = self.joiner.finish();
                    self.made += usize::from(last.is_some());
                    if let Some(j) = &last {
                        self.merged.extend(merged_lines(j));
                    }
                    return last.map(Ok);
                }
            }
        }
        None
    }
}

impl<S: RecordStream<Record = UprInfoRow>> RecordStream for JointRows<S> {
    type Record = JointRow;

    fn finish(&mut self) -> Result<ReadReport> {
        if let Some(report) = &self.report {
            return Ok(report.clone());
        }
        for joint in self.by_ref() {
            joint?;
        }
        let mut report = self.rows.finish()?;
        report.records = self.made;
        report.problems.append(&mut self.merged);
        self.report = Some(report.clone());
        Ok(report)
    }
}

/// Recommendations made of a stream of joint rows as they come, each with UPR Info's response
/// as an event (what [`read_recommendations`](super::read_recommendations) returns, one at a
/// time). The report counts the recommendations.
#[derive(Debug)]
pub struct Recommendations<S> {
    joints: JointRows<S>,
    date: Option<chrono::NaiveDate>,
}

impl<S: RecordStream<Record = UprInfoRow>> Recommendations<S> {
    /// Over a stream of rows; the context dates the responses when it has a position date.
    pub fn new(rows: S, context: &Context) -> Self {
        Recommendations {
            joints: JointRows::new(rows),
            date: context.position_date(),
        }
    }
}

/// The recommendations of an export file, one at a time ([`Recommendations`]).
///
/// # Errors
/// As [`rows_path`].
pub fn recommendations_path(
    path: impl AsRef<Path>,
    options: &ReadOptions,
    context: &Context,
) -> Result<Recommendations<Rows<ReadAhead>>> {
    Ok(Recommendations::new(rows_path(path, options)?, context))
}

/// The recommendation of a joint row, with its response as an event dated `date` (if known).
pub(super) fn with_response(joint: JointRow, date: Option<chrono::NaiveDate>) -> Recommendation {
    joint.into_recommendation(date)
}

impl JointRow {
    /// The recommendation, with UPR Info's response as an event (stage adoption, source
    /// [`SOURCE`]) dated `date` when the day positions were made public is known, else
    /// [undated](crate::ResponseEvent#undated-events): what
    /// [`read_recommendations`](super::read_recommendations) makes of each joint row.
    pub fn into_recommendation(self, date: Option<chrono::NaiveDate>) -> Recommendation {
        self.recommendation.with_response(ResponseEvent {
            stage: Stage::Adoption,
            date,
            precision: DatePrecision::Day,
            status: response_status(self.response),
            source: SourceId::from(SOURCE),
        })
    }
}

impl<S: RecordStream<Record = UprInfoRow>> Iterator for Recommendations<S> {
    type Item = Result<Recommendation>;

    fn next(&mut self) -> Option<Self::Item> {
        let date = self.date;
        self.joints
            .next()
            .map(|joint| joint.map(|j| with_response(j, date)))
    }
}

impl<S: RecordStream<Record = UprInfoRow>> RecordStream for Recommendations<S> {
    type Record = Recommendation;

    fn finish(&mut self) -> Result<ReadReport> {
        self.joints.finish()
    }
}
