//! UPR Info's export layout, for tools built around it:
//! `To,To-Rgrp,To-Org,Text,From,From-Rgrp,From-Org,Response,Action,Issue,Session`.
//!
//! One row per recommending State, as UPR Info does (a joint recommendation appears once per
//! co-author). States are written by their UN short names, regional groups by UPR Info's codes
//! (`Africa`, `Asia`, `EEG`, `GRULAC`, `WEOG`; empty when unknown), organisations joined by
//! `, `, issues by `,` inside one field, an unknown recommending State as `(Unknown)`.
//! [`upr_info::read`](fn@super::read) reads the result back into the same rows.
//!
//! By default the file is UTF-8 with LF line ends; [`WriteOptions::mac_roman`] writes Mac OS Roman
//! with CR line ends as the original export, which old spreadsheet programs open directly.
//!
//! Two things do not survive the layout and are documented rather than hidden: the reader trims
//! surrounding spaces from texts (so a text is written trimmed), and a text holding `&#` is
//! written with the `&` escaped as `&#38;` (the reader decodes it back), because the export
//! escapes characters that way.

use std::borrow::Cow;
use std::io::Write;

use serde::{Deserialize, Serialize};

use super::{COLUMNS, Column, UprInfoRow};
use crate::UprInfoResponse;
use crate::format::encoding;
use crate::{Encoding, Recommendation, ResponseStatus, Result};

/// Line ends to write.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum LineEnd {
    /// `\n`.
    #[default]
    Lf,
    /// `\r\n`.
    CrLf,
    /// `\r` alone, as the original UPR Info export (old Mac spreadsheets).
    Cr,
}

/// How to write a UPR Info-shaped file: encoding and line ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct WriteOptions {
    encoding: Encoding,
    line_end: LineEnd,
}

impl Default for WriteOptions {
    fn default() -> Self {
        WriteOptions {
            encoding: Encoding::Utf8,
            line_end: LineEnd::Lf,
        }
    }
}

impl WriteOptions {
    /// UTF-8, LF line ends.
    pub fn new() -> Self {
        Self::default()
    }

    /// Mac OS Roman, CR line ends: the original export's shape.
    pub fn mac_roman() -> Self {
        WriteOptions {
            encoding: Encoding::MacRoman,
            line_end: LineEnd::Cr,
        }
    }

    /// Sets the encoding; [`Encoding::Auto`] writes UTF-8.
    pub fn with_encoding(mut self, encoding: Encoding) -> Self {
        self.encoding = encoding;
        self
    }

    /// Sets the line ends.
    pub fn with_line_end(mut self, line_end: LineEnd) -> Self {
        self.line_end = line_end;
        self
    }

    /// The encoding written.
    pub fn encoding(&self) -> Encoding {
        match self.encoding {
            Encoding::MacRoman => Encoding::MacRoman,
            _ => Encoding::Utf8,
        }
    }

    /// The line ends written.
    pub fn line_end(&self) -> LineEnd {
        self.line_end
    }
}

fn escape_text(text: &str) -> String {
    text.trim().replace("&#", "&#38;#")
}

/// UPR Info's response for a recommendation's latest status: `Accepted` for supported; `Noted`
/// for everything else, including partial support, rejection, pending and no response at all,
/// as UPR Info folds them.
pub fn upr_info_response(status: Option<ResponseStatus>) -> UprInfoResponse {
    match status {
        Some(ResponseStatus::Supported) => UprInfoResponse::Accepted,
        _ => UprInfoResponse::Noted,
    }
}

/// What writing recommendations in the export layout could not write as it was: one note per
/// row written with a value the recommendation did not have, and one for the whole output when
/// a column is empty in every row. Writing the rows as read ([`write_rows`] of
/// [`read`](fn@super::read)'s rows) loses nothing and needs no report.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct WriteReport {
    /// Rows written.
    pub rows: usize,
    /// What was not written as it was.
    pub notes: Vec<WriteNote>,
}

/// One thing a writer could not write as it was.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WriteNote {
    /// The row written (1-based, the header not counted), or `None` for the whole output.
    pub row: Option<usize>,
    /// What was written instead, and why.
    pub what: String,
}

impl std::fmt::Display for WriteNote {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.row {
            Some(n) => write!(f, "row {n}: {}", self.what),
            None => write!(f, "every row: {}", self.what),
        }
    }
}

impl std::fmt::Display for WriteReport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        writeln!(f, "{} rows written, {} notes", self.rows, self.notes.len())?;
        for n in &self.notes {
            writeln!(f, "{n}")?;
        }
        Ok(())
    }
}

/// The UPR Info rows of recommendations: one per recommending State (one with no State when none
/// is known), numbered from 1. Regional groups come from the State table; organisations are
/// left empty (the crate does not model them); action category and issues come from the labels.
/// What this loses is listed by [`recommendation_rows_reported`].
pub fn recommendation_rows<'a>(
    recommendations: impl IntoIterator<Item = &'a Recommendation>,
) -> Vec<UprInfoRow> {
    recommendation_rows_reported(recommendations).0
}

/// [`recommendation_rows`], with the report of what the rows do not hold as the recommendations
/// did: To-Org and From-Org empty in every row (a recommendation carries no organisations), and
/// one note per row whose Response is not the recommendation's status (UPR Info has only
/// Accepted and Noted: a partial, rejected or pending status, or no response at all, is written
/// `Noted`).
pub fn recommendation_rows_reported<'a>(
    recommendations: impl IntoIterator<Item = &'a Recommendation>,
) -> (Vec<UprInfoRow>, WriteReport) {
    let mut out = Vec::new();
    let mut report = WriteReport::default();
    for r in recommendations {
        rows_of(r, out.len(), &mut report.notes, |row| out.push(row));
    }
    report.rows = out.len();
    close_report(&mut report);
    (out, report)
}

/// The rows of one recommendation, numbered after `before` rows, handed to `row` one by one;
/// a note for each row whose Response is not the recommendation's status goes to `notes`.
fn rows_of(
    r: &Recommendation,
    before: usize,
    notes: &mut Vec<WriteNote>,
    mut row: impl FnMut(UprInfoRow),
) {
    let status = r.responses().latest().map(|e| e.status);
    let response = upr_info_response(status);
    let froms = r.recommending();
    let n = froms.len().max(1);
    for i in 0..n {
        let from = froms.get(i).copied();
        let record = before + i + 1;
        match status {
            Some(ResponseStatus::Supported | ResponseStatus::Noted) => {}
            Some(other) => notes.push(WriteNote {
                row: Some(record),
                what: format!(
                    "status {other} written as {response} (UPR Info has only Accepted and Noted)"
                ),
            }),
            None => notes.push(WriteNote {
                row: Some(record),
                what: format!("no response: written as {response} (the column needs one)"),
            }),
        }
        row(UprInfoRow {
            record,
            to: r.state_under_review(),
            to_group: r.state_under_review().regional_group(),
            to_org: Vec::new().into(),
            text: r.text().trim().to_owned(),
            from,
            from_group: from.and_then(|s| s.regional_group()),
            from_org: Vec::new().into(),
            response,
            action: r.labels().and_then(|l| l.action_category),
            issues: r.labels().map(|l| l.issues.clone()).unwrap_or_default(),
            session: r.session(),
        });
    }
}

/// The note for the whole output, first, once any row is written.
fn close_report(report: &mut WriteReport) {
    if report.rows > 0 {
        report.notes.insert(
            0,
            WriteNote {
                row: None,
                what: "To-Org and From-Org left empty: a recommendation carries no \
                       organisations (write the rows as read, with write_rows, to keep them)"
                    .into(),
            },
        );
    }
}

/// Writes UPR Info rows in the export layout one at a time, as they come: the header when it is
/// made, then each row [`write_row`](RowWriter::write_row) is given, so writing takes memory
/// that does not grow with the rows. [`write_rows`] writes a whole collection with one.
///
/// ```
/// use upr::format::upr_info::{self, RowWriter, WriteOptions};
/// use upr::format::ReadOptions;
///
/// let export = "To,To-Rgrp,To-Org,Text,From,From-Rgrp,From-Org,Response,Action,Issue,Session\n\
///     Democratic People's Republic of Korea,Asia,,Close the camps,Canada,WEOG,,Noted,5,Detention,6\n";
/// let read = upr_info::read(export.as_bytes(), &ReadOptions::new())?;
/// let mut w = RowWriter::new(Vec::new(), &WriteOptions::new())?;
/// for row in &read.records {
///     w.write_row(row)?;
/// }
/// assert_eq!(w.rows(), 1);
/// assert_eq!(String::from_utf8(w.finish()?).unwrap(), export);
/// # Ok::<(), upr::Error>(())
/// ```
pub struct RowWriter<W: Write> {
    writer: W,
    lines: Lines,
    rows: usize,
}

impl<W: Write> RowWriter<W> {
    /// Writes the header.
    ///
    /// # Errors
    /// [`crate::Error::Csv`] or [`crate::Error::Io`] when the writer fails.
    pub fn new(mut writer: W, options: &WriteOptions) -> Result<Self> {
        let mut lines = Lines {
            terminator: match options.line_end {
                LineEnd::Lf => ::csv::Terminator::Any(b'\n'),
                LineEnd::CrLf => ::csv::Terminator::CRLF,
                LineEnd::Cr => ::csv::Terminator::Any(b'\r'),
            },
            mac: options.encoding() == Encoding::MacRoman,
            line: Vec::with_capacity(512),
        };
        lines.write(&COLUMNS, 0, &mut writer)?;
        Ok(RowWriter {
            writer,
            lines,
            rows: 0,
        })
    }

    /// Writes one row (its `record` number is not written: rows are numbered by their place).
    ///
    /// # Errors
    /// As [`write_rows`]: an unencodable character names this row's place.
    pub fn write_row(&mut self, row: &UprInfoRow) -> Result<()> {
        let fields: [Cow<'_, str>; COLUMNS.len()] =
            std::array::from_fn(|i| field(row, Column::ALL[i]));
        self.lines.write(&fields, self.rows + 1, &mut self.writer)?;
        self.rows += 1;
        Ok(())
    }

    /// Rows written so far.
    pub fn rows(&self) -> usize {
        self.rows
    }

    /// Flushes, and hands the writer back.
    ///
    /// # Errors
    /// [`crate::Error::Io`] when the flush fails.
    pub fn finish(mut self) -> Result<W> {
        self.writer.flush().map_err(crate::Error::write_unnamed)?;
        Ok(self.writer)
    }
}

/// Writes recommendations in the export layout as they come, one recommendation's rows at a
/// time ([`recommendation_rows_reported`] without holding the rows), keeping the report of
/// what the rows do not hold as the recommendations did.
pub struct RecommendationWriter<W: Write> {
    rows: RowWriter<W>,
    report: WriteReport,
}

impl<W: Write> RecommendationWriter<W> {
    /// Writes the header.
    ///
    /// # Errors
    /// As [`RowWriter::new`].
    pub fn new(writer: W, options: &WriteOptions) -> Result<Self> {
        Ok(RecommendationWriter {
            rows: RowWriter::new(writer, options)?,
            report: WriteReport::default(),
        })
    }

    /// Writes one recommendation's rows (one per recommending State), each with its Response
    /// as [`upr_info_response`] folds the latest status; returns the notes this recommendation
    /// added to the report (the rows it names are numbered in the whole output).
    ///
    /// # Errors
    /// As [`RowWriter::write_row`].
    pub fn write(&mut self, recommendation: &Recommendation) -> Result<&[WriteNote]> {
        self.write_with(recommendation, |_| {})
    }

    /// [`write`](Self::write), with each row handed to `edit` before it is written (to set
    /// UPR Info's own Response on a recommendation read from the export, say).
    ///
    /// # Errors
    /// As [`RowWriter::write_row`].
    pub fn write_with(
        &mut self,
        recommendation: &Recommendation,
        mut edit: impl FnMut(&mut UprInfoRow),
    ) -> Result<&[WriteNote]> {
        let first = self.report.notes.len();
        let mut failed = None;
        let rows = &mut self.rows;
        rows_of(
            recommendation,
            rows.rows(),
            &mut self.report.notes,
            |mut row| {
                if failed.is_none() {
                    edit(&mut row);
                    failed = rows.write_row(&row).err();
                }
            },
        );
        if let Some(e) = failed {
            return Err(e);
        }
        Ok(&self.report.notes[first..])
    }

    /// Flushes, and hands back the writer and the report (its first note, for the whole
    /// output, says the organisation columns are empty).
    ///
    /// # Errors
    /// As [`RowWriter::finish`].
    pub fn finish(self) -> Result<(W, WriteReport)> {
        let mut report = self.report;
        report.rows = self.rows.rows();
        close_report(&mut report);
        Ok((self.rows.finish()?, report))
    }
}

/// Writes UPR Info rows in the export layout.
///
/// # Errors
/// With Mac OS Roman, [`crate::Error::Invalid`] naming the first character it cannot encode and
/// the record holding it; [`crate::Error::Csv`] or [`crate::Error::Io`] when the writer fails.
pub fn write_rows<'a>(
    writer: impl Write,
    rows: impl IntoIterator<Item = &'a UprInfoRow>,
    options: &WriteOptions,
) -> Result<()> {
    let mut w = RowWriter::new(writer, options)?;
    for r in rows {
        w.write_row(r)?;
    }
    w.finish()?;
    Ok(())
}

/// A row's field in one column, as the export writes it.
fn field(r: &UprInfoRow, column: Column) -> Cow<'_, str> {
    let group = |g: Option<crate::RegionalGroup>| g.map(|g| g.upr_info_code()).unwrap_or("");
    match column {
        Column::To => r.to.name().into(),
        Column::ToRgrp => group(r.to_group).into(),
        Column::ToOrg => r.to_org.join(", ").into(),
        Column::Text => escape_text(&r.text).into(),
        Column::From => r.from.map(|s| s.name()).unwrap_or("(Unknown)").into(),
        Column::FromRgrp => group(r.from_group).into(),
        Column::FromOrg => r.from_org.join(", ").into(),
        Column::Response => r.response.name().into(),
        Column::Action => r.action.map(|a| a.to_string()).unwrap_or_default().into(),
        Column::Issue => r
            .issues
            .iter()
            .map(|i| i.name())
            .collect::<Vec<_>>()
            .join(",")
            .into(),
        Column::Session => r.session.to_string().into(),
    }
}

/// Writes one CSV line at a time, encoded as asked.
struct Lines {
    terminator: ::csv::Terminator,
    mac: bool,
    line: Vec<u8>,
}

impl Lines {
    /// Writes record `n` (0 for the header).
    fn write<S: AsRef<str>>(
        &mut self,
        fields: &[S],
        n: usize,
        writer: &mut impl Write,
    ) -> Result<()> {
        self.line.clear();
        {
            let mut w = ::csv::WriterBuilder::new()
                .terminator(self.terminator)
                .from_writer(&mut self.line);
            w.write_record(fields.iter().map(|f| f.as_ref()))?;
            w.flush().map_err(crate::Error::write_unnamed)?;
        }
        if !self.mac {
            return writer
                .write_all(&self.line)
                .map_err(crate::Error::write_unnamed);
        }
        let bytes = match std::str::from_utf8(&self.line) {
            Ok(s) => encoding::encode_mac_roman(s),
            // csv writes the &str fields it is given, so the line is UTF-8.
            Err(e) => Err(crate::Error::invalid(
                "csv line",
                e.to_string(),
                "not UTF-8",
            )),
        };
        match bytes {
            Ok(b) => writer.write_all(&b).map_err(crate::Error::write_unnamed),
            Err(crate::Error::Invalid {
                what,
                value,
                reason,
            }) => Err(crate::Error::Invalid {
                what,
                value,
                reason: format!("{reason} (record {n})"),
            }),
            Err(e) => Err(e),
        }
    }
}

/// Writes recommendations in the export layout (the rows of [`recommendation_rows_reported`],
/// written as they are made by a [`RecommendationWriter`], none held): the report lists what
/// the rows do not hold as the recommendations did.
///
/// # Errors
/// As [`write_rows`].
pub fn write_recommendations<'a>(
    writer: impl Write,
    recommendations: impl IntoIterator<Item = &'a Recommendation>,
    options: &WriteOptions,
) -> Result<WriteReport> {
    let mut w = RecommendationWriter::new(writer, options)?;
    for r in recommendations {
        w.write(r)?;
    }
    Ok(w.finish()?.1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::format::ReadOptions;
    use crate::format::upr_info::read;
    use crate::{Session, State};

    fn row(text: &str) -> UprInfoRow {
        UprInfoRow {
            record: 1,
            to: State::PRK,
            to_group: State::PRK.regional_group(),
            to_org: vec!["OIC".into(), "NAM".into()].into(),
            text: text.into(),
            from: Some(State::from_alpha3("CAN").unwrap()),
            from_group: None,
            from_org: Vec::new().into(),
            response: UprInfoResponse::Noted,
            action: Some(crate::ActionCategory::Specific),
            issues: vec![
                crate::Issue::Detention,
                crate::Issue::TortureAndOtherCidTreatment,
            ],
            session: Session::new(6).unwrap(),
        }
    }

    #[test]
    fn writes_the_export_layout() {
        let mut out = Vec::new();
        write_rows(
            &mut out,
            &[row("Close camps, \u{201C}now\u{201D} &#40;x&#41;")],
            &WriteOptions::mac_roman(),
        )
        .unwrap();
        assert_eq!(
            out,
            b"To,To-Rgrp,To-Org,Text,From,From-Rgrp,From-Org,Response,Action,Issue,Session\r\
Democratic People's Republic of Korea,Asia,\"OIC, NAM\",\"Close camps, \xD2now\xD3 &#38;#40;x&#38;#41;\",Canada,,,Noted,5,\"Detention,Torture and other CID treatment\",6\r"
        );
        let back = read(&out[..], &ReadOptions::new()).unwrap();
        assert_eq!(
            back.records,
            vec![row("Close camps, \u{201C}now\u{201D} &#40;x&#41;")]
        );
    }

    #[test]
    fn unencodable_character_is_named_with_its_record() {
        let err = write_rows(
            std::io::sink(),
            &[row("fine"), row("a \u{2713}")],
            &WriteOptions::mac_roman(),
        )
        .unwrap_err();
        assert_eq!(
            err.to_string(),
            "invalid mac roman text \"\u{2713}\": U+2713 at character 56 has no Mac OS Roman code; write UTF-8 instead (record 2)"
        );
    }

    #[test]
    fn one_row_per_recommending_state() {
        let r = Recommendation::new(State::PRK, Session::new(19).unwrap(), " t ", "s".into())
            .with_recommending([
                State::from_alpha3("CAN").unwrap(),
                State::from_alpha3("KOR").unwrap(),
            ]);
        let rows = recommendation_rows([&r]);
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[1].record, 2);
        assert_eq!(rows[1].text, "t");
        assert_eq!(rows[0].response, UprInfoResponse::Noted);
        let none = recommendation_rows([&Recommendation::new(
            State::PRK,
            Session::new(19).unwrap(),
            "t",
            "s".into(),
        )]);
        assert_eq!(none.len(), 1);
        assert_eq!(none[0].from, None);
    }

    #[test]
    fn streamed_writing_is_the_rows_written_whole() {
        // The DPRK's four cycles: supported, noted, partial, rejected and pending statuses.
        let recs = &crate::Dataset::dprk().recommendations;
        let (rows, report) = recommendation_rows_reported(recs);
        let mut whole = Vec::new();
        write_rows(&mut whole, &rows, &WriteOptions::new()).unwrap();
        let mut streamed = Vec::new();
        let streamed_report =
            write_recommendations(&mut streamed, recs, &WriteOptions::new()).unwrap();
        assert_eq!(streamed, whole);
        assert_eq!(streamed_report, report);
        assert!(report.rows >= recs.len(), "one row per recommending State");
        assert!(report.notes.iter().filter(|n| n.row.is_some()).count() > 100);
        assert_eq!(report.notes[0].row, None);
        // write_with edits each row before it is written; notes still name the whole output's rows
        let mut w = RecommendationWriter::new(Vec::new(), &WriteOptions::new()).unwrap();
        let mut noted = 0;
        for r in recs {
            noted += w
                .write_with(r, |row| row.response = UprInfoResponse::Accepted)
                .unwrap()
                .len();
        }
        let (out, edited) = w.finish().unwrap();
        assert_eq!(noted + 1, edited.notes.len());
        assert_eq!(edited.notes, report.notes);
        let back = read(out.as_slice(), &ReadOptions::new()).unwrap();
        assert!(
            back.records
                .iter()
                .all(|r| r.response == UprInfoResponse::Accepted)
        );
    }
}
