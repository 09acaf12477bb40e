//! The schema's CSV form: recommendations as flat rows, and any flat `Serialize` rows (response
//! events, tallies) with their field names as the header.
//!
//! ```
//! use upr::{Recommendation, Session, State};
//! use upr::format::{Context, ReadOptions};
//! use upr::format::upr1::csv;
//!
//! let recs = vec![Recommendation::new(State::PRK, Session::new(6)?, "Close all camps, now", "x".into())
//!     .with_recommending([State::from_alpha3("CAN")?])];
//! let mut out = Vec::new();
//! csv::write_recommendations(&mut out, &recs)?;
//! let text = String::from_utf8(out.clone()).unwrap();
//! assert!(text.starts_with("state_under_review,state_under_review_name,recommending,"));
//! assert!(text.contains("PRK,Democratic People's Republic of Korea,CAN,Canada,WEOG,1,6,,,\"Close all camps, now\",x,"));
//! let back = csv::read_recommendations(&out[..], &ReadOptions::new(), &Context::new())?;
//! assert_eq!(back.records, recs);
//! # Ok::<(), upr::Error>(())
//! ```

use std::borrow::Cow;
use std::io::{Read, Write};
use std::path::Path;

use ::csv::StringRecord;
use serde::Serialize;
use serde::de::DeserializeOwned;

use super::{
    DERIVED_COLUMNS, RECOMMENDATION_COLUMNS, RecommendationRow, SCHEMA, columns_without_names,
};
use crate::format::csv_stream::{CsvStream, RowParser};
use crate::format::csv_text::{Merge, Records, read_cut};
use crate::format::{
    Context, Parsed, Problems, ReadOptions, ReadReport, RecordStream, create, excerpt, open,
    parse_error, read_text,
};
use crate::{Error, Location, Recommendation, Result};

/// Writes recommendations as the schema's CSV (header and one row each; see [`super`]).
///
/// # Errors
/// [`Error::Csv`] or [`Error::Io`] when the writer fails.
/// The recommendations may be borrowed or owned (`&Recommendation` or `Recommendation`, as a
/// stream yields them): each is written as it comes.
pub fn write_recommendations<I>(writer: impl Write, recommendations: I) -> Result<()>
where
    I: IntoIterator,
    I::Item: std::borrow::Borrow<Recommendation>,
{
    use std::borrow::Borrow;
    let mut w = ::csv::Writer::from_writer(writer);
    w.write_record(RECOMMENDATION_COLUMNS)?;
    for r in recommendations {
        w.write_record(RecommendationRow::from(r.borrow()).fields())?;
    }
    w.flush().map_err(Error::write_unnamed)?;
    Ok(())
}

/// Writes recommendations as the schema's CSV to a file, creating or truncating it.
///
/// # Errors
/// [`Error::Io`] naming the path, or as [`write_recommendations`].
pub fn write_recommendations_path<'a>(
    path: impl AsRef<Path>,
    recommendations: impl IntoIterator<Item = &'a Recommendation>,
) -> Result<()> {
    write_recommendations(create(path.as_ref())?, recommendations)
}

/// A line with nothing but spaces on it: no record, so it takes no number and is not reported
/// (the same rule as the UPR Info reader).
fn is_blank(r: &[Cow<'_, str>]) -> bool {
    r.len() == 1 && r.first().is_some_and(|f| f.trim().is_empty())
}

/// Calls `f` with each record after the header and its 1-based number; blank lines are no
/// records. A record the splitter cut where a quote swallowed the next row is an error in strict
/// mode, and reported in lenient mode.
fn each_record<'a>(
    csv: &mut Records<'a>,
    problems: &mut Problems,
    mut f: impl FnMut(usize, &[Cow<'a, str>], &mut Problems) -> Result<()>,
) -> Result<()> {
    let mut record = Vec::new();
    let mut n = 0usize;
    while csv.next_into(&mut record) {
        let merge = csv.merge();
        if merge.is_none() && is_blank(&record) {
            continue;
        }
        n += 1;
        read_cut(merge, problems, Location::Record(n), &record, |p| {
            f(n, &record, p)
        })?;
    }
    Ok(())
}

/// Reads the schema's CSV back into recommendations.
///
/// The header must be exactly [`RECOMMENDATION_COLUMNS`], or the first layout, without
/// [`DERIVED_COLUMNS`] (files written before the names and groups were added); the derived
/// columns are not read. Blank lines (nothing but spaces) are
/// no records: they are ignored.
///
/// The context is not used: the schema carries everything a recommendation needs (it is taken
/// for the signature every format's `read_recommendations` shares).
///
/// # Errors
/// A header that is not the `upr/1` header (both modes); in strict mode the first row that does
/// not parse (wrong number of fields, unknown State code, bad session, cycle, paragraph reference,
/// document symbol, response history, action category or issue), with its record number; an I/O
/// or encoding failure.
pub fn read_recommendations(
    reader: impl Read,
    options: &ReadOptions,
    _context: &Context,
) -> Result<Parsed<Recommendation>> {
    let (text, used) = read_text(reader, options)?;
    Recommendations(CsvStream::from_text(text, used, options).header()?).collect_parsed()
}

/// The schema's CSV read one recommendation at a time, as the reader gives its bytes (memory
/// stays that of one buffer and its rows). The records and the report are those of
/// [`read_recommendations`] (which is this stream, collected), except that the encoding is
/// told from the first MiB.
///
/// ```
/// use upr::format::{ReadOptions, RecordStream};
/// use upr::format::upr1::csv;
/// # use upr::{Recommendation, Session, State};
/// # let recs = vec![Recommendation::new(State::PRK, Session::new(6)?, "Close all camps", "x".into())];
/// # let mut out = Vec::new();
/// # csv::write_recommendations(&mut out, &recs)?;
/// let mut stream = csv::recommendations(&out[..], &ReadOptions::lenient())?;
/// let mut n = 0;
/// for r in &mut stream {
///     n += usize::from(r?.state_under_review() == State::PRK);
/// }
/// assert_eq!((n, stream.finish()?.skipped().count()), (1, 0));
/// # Ok::<(), upr::Error>(())
/// ```
pub struct Recommendations<R>(CsvStream<R, RowReader>);

impl<R> std::fmt::Debug for Recommendations<R> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("upr1::csv::Recommendations")
    }
}

/// The recommendations of the schema's CSV from any reader, one at a time
/// ([`Recommendations`]).
///
/// # Errors
/// A header that is not the `upr/1` header, an I/O failure, or (strict mode) undecodable bytes
/// before it; the rows' problems come out of the iterator, as [`read_recommendations`] says.
pub fn recommendations<R: Read>(reader: R, options: &ReadOptions) -> Result<Recommendations<R>> {
    Ok(Recommendations(CsvStream::new(reader, options).header()?))
}

/// The recommendations of a file in the schema's CSV, one at a time ([`Recommendations`]).
///
/// # Errors
/// As [`recommendations`], and [`Error::Io`] if the file cannot be opened.
pub fn recommendations_path(
    path: impl AsRef<Path>,
    options: &ReadOptions,
) -> Result<Recommendations<std::io::BufReader<std::fs::File>>> {
    let (file, options) = open(path.as_ref(), options)?;
    recommendations(file, &options)
}

impl<R: Read> Iterator for Recommendations<R> {
    type Item = Result<Recommendation>;

    fn next(&mut self) -> Option<Self::Item> {
        self.0.next()
    }
}

impl<R: Read> RecordStream for Recommendations<R> {
    type Record = Recommendation;

    fn finish(&mut self) -> Result<ReadReport> {
        self.0.finish()
    }
}

/// What the stream makes of the schema's rows: a recommendation each (blank lines are no
/// records and take no number).
pub(crate) struct RowReader {
    with_names: bool,
    width: usize,
    problems: Problems,
    n: usize,
}

impl RowParser for RowReader {
    type Row = Recommendation;

    fn from_header(header: &[Cow<'_, str>], options: &ReadOptions) -> Result<RowReader> {
        Ok(RowReader {
            with_names: check_header(header, options)?,
            width: header.len(),
            problems: Problems::new(options),
            n: 0,
        })
    }

    fn width(&self) -> usize {
        self.width
    }

    fn row(
        &mut self,
        fields: &[Cow<'_, str>],
        merge: Option<Merge>,
    ) -> Result<Option<Recommendation>> {
        if merge.is_none() && is_blank(fields) {
            return Ok(None);
        }
        self.n += 1;
        let (n, with_names) = (self.n, self.with_names);
        read_cut(
            merge,
            &mut self.problems,
            Location::Record(n),
            fields,
            |p| match recommendation(fields, with_names) {
                Ok(r) => Ok(Some(r)),
                Err(expected) => {
                    p.skip(Location::Record(n), expected, &fields.join(","))?;
                    Ok(None)
                }
            },
        )
    }

    fn into_problems(self) -> Problems {
        self.problems
    }
}

/// Reads the header: exactly [`RECOMMENDATION_COLUMNS`] (`true`) or the first layout
/// [`RECOMMENDATION_COLUMNS`] without [`DERIVED_COLUMNS`] (`false`), in both modes.
pub(super) fn check_header(record: &[Cow<'_, str>], options: &ReadOptions) -> Result<bool> {
    if record.iter().map(|f| f.as_ref()).eq(RECOMMENDATION_COLUMNS) {
        return Ok(true);
    }
    if record
        .iter()
        .map(|f| f.as_ref())
        .eq(columns_without_names())
    {
        return Ok(false);
    }
    Err(parse_error(
        options,
        Location::Line(1),
        format!(
            "the {SCHEMA} recommendations header {}",
            RECOMMENDATION_COLUMNS.join(",")
        ),
        excerpt(&record.join(",")),
    ))
}

/// One row as a recommendation (`with_names`: in the current layout, else the first one); `Err`
/// says what was expected.
pub(super) fn recommendation(
    record: &[Cow<'_, str>],
    with_names: bool,
) -> std::result::Result<Recommendation, String> {
    let expected = if with_names {
        RECOMMENDATION_COLUMNS.len()
    } else {
        RECOMMENDATION_COLUMNS.len() - DERIVED_COLUMNS.len()
    };
    if record.len() != expected {
        return Err(format!("{expected} fields as in the header"));
    }
    let row = if with_names {
        RecommendationRow::from_fields(record.iter().map(|f| f.as_ref()))
    } else {
        // The first layout: the derived columns are missing; they stay empty.
        let mut given = record.iter();
        RecommendationRow::from_fields(RECOMMENDATION_COLUMNS.iter().map(|c| {
            if DERIVED_COLUMNS.contains(c) {
                ""
            } else {
                given.next().map_or("", |f| f.as_ref())
            }
        }))
    };
    Recommendation::try_from(&row).map_err(|e| format!("a {SCHEMA} recommendation row ({e})"))
}

/// Reads the schema's CSV from a file (its path names it in errors unless the options name it).
///
/// # Errors
/// As [`read_recommendations`], and [`Error::Io`] if the file cannot be opened.
pub fn read_recommendations_path(
    path: impl AsRef<Path>,
    options: &ReadOptions,
    context: &Context,
) -> Result<Parsed<Recommendation>> {
    let (file, options) = open(path.as_ref(), options)?;
    read_recommendations(file, &options, context)
}

/// Writes rows of any flat `Serialize` type (a struct of numbers, strings, options and
/// vocabulary values, such as [`super::ResponseEventRow`] or a tally) as CSV, with the field
/// names as the header.
///
/// A type with nested structs, maps or sequences cannot be written flat: that is a
/// [`Error::Csv`] naming the problem.
///
/// # Errors
/// [`Error::Csv`] or [`Error::Io`].
pub fn write_rows<T: Serialize>(
    writer: impl Write,
    rows: impl IntoIterator<Item = T>,
) -> Result<()> {
    let mut w = ::csv::Writer::from_writer(writer);
    for row in rows {
        w.serialize(row)?;
    }
    w.flush().map_err(Error::write_unnamed)?;
    Ok(())
}

/// Reads rows written by [`write_rows`] (or any CSV whose header names `T`'s fields).
///
/// # Errors
/// A header that cannot be read (both modes); in strict mode the first row that does not
/// deserialize into `T`, with its record number; an I/O or encoding failure.
pub fn read_rows<T: DeserializeOwned>(
    reader: impl Read,
    options: &ReadOptions,
) -> Result<Parsed<T>> {
    let (text, used) = read_text(reader, options)?;
    let mut problems = Problems::new(options);
    let mut csv = Records::new(&text);
    let mut fields = Vec::new();
    csv.next_into(&mut fields);
    let header: StringRecord = fields.iter().map(|f| f.as_ref()).collect();
    csv.set_width(header.len());
    let mut out = Vec::new();
    let mut row = StringRecord::new();
    each_record(&mut csv, &mut problems, |n, record, problems| {
        row.clear();
        record.iter().for_each(|f| row.push_field(f));
        match row.deserialize::<T>(Some(&header)) {
            Ok(v) => out.push(v),
            Err(e) => {
                let expected = format!(
                    "a row of {} ({e})",
                    header.iter().collect::<Vec<_>>().join(",")
                );
                problems.skip(Location::Record(n), expected, &record.join(","))?;
            }
        }
        Ok(())
    })?;
    Ok(problems.parsed(used, out))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::format::upr1::{ResponseEventRow, response_event_rows};
    use crate::{ResponseEvent, ResponseStatus, Session, Stage, State};

    fn recs() -> Vec<Recommendation> {
        let d = chrono::NaiveDate::from_ymd_opt(2010, 3, 18).unwrap();
        vec![
            Recommendation::new(
                State::PRK,
                Session::new(6).unwrap(),
                "a\r\nb, \"c\"",
                "s".into(),
            )
            .with_response(ResponseEvent {
                stage: Stage::Addendum,
                date: Some(d),
                precision: crate::DatePrecision::Day,
                status: ResponseStatus::Rejected,
                source: "A/HRC/13/13/Add.1".into(),
            }),
        ]
    }

    #[test]
    fn the_first_layout_without_names_is_still_read() {
        let text = "state_under_review,recommending,cycle,session,paragraph,document,text,source,latest_status,latest_stage,latest_date,responses,labeller,action_category,issues\n\
                    PRK,CAN;KOR,1,6,124.10,,t,s,,,,,,,\n";
        let p =
            read_recommendations(text.as_bytes(), &ReadOptions::new(), &Context::new()).unwrap();
        assert_eq!(p.records.len(), 1);
        let r = &p.records[0];
        assert_eq!(r.recommending().len(), 2);
        assert_eq!(
            r.reference().map(|p| p.to_string()).as_deref(),
            Some("124.10")
        );
        let mut out = Vec::new();
        write_recommendations(&mut out, &p.records).unwrap();
        assert!(
            String::from_utf8(out).unwrap().contains(
                "PRK,Democratic People's Republic of Korea,CAN;KOR,Canada;Republic of Korea,WEOG;Asia,1,6,¶124.10,"
            )
        );
    }

    #[test]
    fn header_must_be_the_schema_header() {
        let err = read_recommendations(
            &b"state,text\nPRK,x\n"[..],
            &ReadOptions::new().with_name("r.csv"),
            &Context::new(),
        )
        .unwrap_err();
        assert_eq!(
            err.to_string(),
            "r.csv: line 1: expected the upr/1 recommendations header state_under_review,state_under_review_name,recommending,recommending_names,recommending_groups,cycle,session,paragraph,document,text,source,latest_status,latest_stage,latest_date,responses,labeller,action_category,issues, found \"state,text\""
        );
    }

    #[test]
    fn strict_names_the_record_and_lenient_skips_it() {
        let mut out = Vec::new();
        write_recommendations(&mut out, recs()).unwrap();
        let mut text = String::from_utf8(out).unwrap();
        text.push_str("XXX,,,,,1,6,,,t,s,,,,,,,\n");
        let err = read_recommendations(
            text.as_bytes(),
            &ReadOptions::new().with_name("r.csv"),
            &Context::new(),
        )
        .unwrap_err();
        assert_eq!(
            err.to_string(),
            r#"r.csv: record 2: expected a upr/1 recommendation row (unknown state code "XXX"), found "XXX,,,,,1,6,,,t,s,,,,,,,""#
        );
        let p = read_recommendations(text.as_bytes(), &ReadOptions::lenient(), &Context::new())
            .unwrap();
        assert_eq!(p.records, recs());
        assert_eq!(p.report.skipped().count(), 1);
    }

    #[test]
    fn event_rows_round_trip() {
        let rows = response_event_rows(&recs());
        let mut out = Vec::new();
        write_rows(&mut out, &rows).unwrap();
        assert_eq!(
            String::from_utf8(out.clone()).unwrap(),
            "recommendation,state_under_review,session,paragraph,stage,date,precision,status,source\n\
             1,PRK,6,,addendum,2010-03-18,day,rejected,A/HRC/13/13/Add.1\n"
        );
        let back: Parsed<ResponseEventRow> = read_rows(&out[..], &ReadOptions::new()).unwrap();
        assert_eq!(back.records, rows);
    }

    #[test]
    fn recommendations_from_a_path() {
        let path = std::env::temp_dir().join(format!("upr-upr1-{}.csv", std::process::id()));
        write_recommendations_path(&path, &recs()).unwrap();
        let back = read_recommendations_path(&path, &ReadOptions::new(), &Context::new());
        std::fs::remove_file(&path).unwrap();
        let back = back.unwrap();
        assert_eq!(back.records, recs());
        assert_eq!(back.report.input, path.display().to_string());
    }
}
