//! The schema's CSV form: recommendations as flat rows, and any flat `Serialize` rows (response
//! events, tallies) with their field names as the header.
//!
//! ```
//! use upr::{Recommendation, Session, State};
//! use upr::format::ReadOptions;
//! use upr::format::upr1::csv;
//!
//! let recs = vec![Recommendation::new(State::PRK, Session::new(6)?, "Close all camps, now", "x".into())
//!     .with_recommending([State::from_alpha3("CAN")?])];
//! let mut out = Vec::new();
//! csv::write_recommendations(&mut out, &recs)?;
//! let text = String::from_utf8(out.clone()).unwrap();
//! assert!(text.starts_with("state_under_review,recommending,cycle,session,"));
//! assert!(text.contains("PRK,CAN,1,6,,,\"Close all camps, now\",x,"));
//! let back = csv::read_recommendations(&out[..], &ReadOptions::new())?;
//! assert_eq!(back.records, recs);
//! # Ok::<(), upr::Error>(())
//! ```

use std::io::{Read, Write};
use std::path::Path;

use serde::Serialize;
use serde::de::DeserializeOwned;

use super::{RECOMMENDATION_COLUMNS, RecommendationRow, SCHEMA};
use crate::format::encoding;
use crate::format::{Parsed, Problems, ReadOptions, excerpt, next_csv_record, read_all};
use crate::{Error, Location, ParseError, Recommendation, Result};

/// Writes recommendations as the schema's CSV (header and one row each; see [`super`]).
///
/// # Errors
/// [`Error::Csv`] or [`Error::Io`] when the writer fails.
pub fn write_recommendations<'a>(
    writer: impl Write,
    recommendations: impl IntoIterator<Item = &'a Recommendation>,
) -> Result<()> {
    let mut w = ::csv::Writer::from_writer(writer);
    w.write_record(RECOMMENDATION_COLUMNS)?;
    for r in recommendations {
        let row = RecommendationRow::from(r);
        w.write_record([
            &row.state_under_review,
            &row.recommending,
            &row.cycle,
            &row.session,
            &row.paragraph,
            &row.document,
            &row.text,
            &row.source,
            &row.latest_status,
            &row.latest_stage,
            &row.latest_date,
            &row.responses,
            &row.labeller,
            &row.action_category,
            &row.issues,
        ])?;
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
    let path = path.as_ref();
    let file = std::fs::File::create(path).map_err(|e| Error::write(path, e))?;
    write_recommendations(std::io::BufWriter::new(file), recommendations)
}

fn decoded(reader: impl Read, options: &ReadOptions) -> Result<(String, crate::Encoding)> {
    let bytes = read_all(reader, options)?;
    encoding::decode(&bytes, options.encoding())
}

/// A line with nothing but spaces on it: no record, so it takes no number and is not reported
/// (the same rule as the UPR Info reader).
pub(crate) fn is_blank(r: &::csv::StringRecord) -> bool {
    r.len() == 1 && r.get(0).is_some_and(|f| f.trim().is_empty())
}

/// Reads the schema's CSV back into recommendations.
///
/// The header must be exactly [`RECOMMENDATION_COLUMNS`]. Blank lines (nothing but spaces) are
/// no records: they are ignored.
///
/// # Errors
/// A header that is not the `upr/1` header (both modes); in strict mode the first row that does
/// not parse (wrong number of fields, unknown State code, bad session, cycle, paragraph reference,
/// document symbol, response history, action category or issue), with its record number; an I/O
/// or encoding failure.
pub fn read_recommendations(
    reader: impl Read,
    options: &ReadOptions,
) -> Result<Parsed<Recommendation>> {
    let (text, used) = decoded(reader, options)?;
    let mut problems = Problems::new(options);
    let mut rdr = ::csv::ReaderBuilder::new()
        .flexible(true)
        .has_headers(false)
        .from_reader(text.as_bytes());
    let mut record = ::csv::StringRecord::new();
    let header_ok = match rdr.read_record(&mut record) {
        Ok(true) => record.iter().eq(RECOMMENDATION_COLUMNS),
        _ => false,
    };
    if !header_ok {
        return Err(Error::from(ParseError {
            input: options.name().into(),
            location: Location::Line(1),
            expected: format!(
                "the {SCHEMA} recommendations header {}",
                RECOMMENDATION_COLUMNS.join(",")
            ),
            found: excerpt(&record.iter().collect::<Vec<_>>().join(",")),
        }));
    }
    let mut out = Vec::new();
    let mut n = 0usize;
    while next_csv_record(&mut rdr, &mut record, &mut n, &mut problems)? {
        if is_blank(&record) {
            continue;
        }
        n += 1;
        let loc = Location::Record(n);
        if record.len() != RECOMMENDATION_COLUMNS.len() {
            problems.skip(
                loc,
                format!("{} fields as in the header", RECOMMENDATION_COLUMNS.len()),
                &record.iter().collect::<Vec<_>>().join(","),
            )?;
            continue;
        }
        let f = |i: usize| record.get(i).unwrap_or("").to_owned();
        let row = RecommendationRow {
            state_under_review: f(0),
            recommending: f(1),
            cycle: f(2),
            session: f(3),
            paragraph: f(4),
            document: f(5),
            text: f(6),
            source: f(7),
            latest_status: f(8),
            latest_stage: f(9),
            latest_date: f(10),
            responses: f(11),
            labeller: f(12),
            action_category: f(13),
            issues: f(14),
        };
        match Recommendation::try_from(&row) {
            Ok(r) => out.push(r),
            Err(e) => problems.skip(
                loc,
                format!("a {SCHEMA} recommendation row ({e})"),
                &record.iter().collect::<Vec<_>>().join(","),
            )?,
        }
    }
    Ok(problems.parsed(used, out))
}

/// Reads the schema's CSV from a file (its path names it in errors unless the options name it).
///
/// # Errors
/// As [`read_recommendations`], and [`Error::Io`] if the file cannot be opened.
pub fn read_recommendations_path(
    path: impl AsRef<Path>,
    options: &ReadOptions,
) -> Result<Parsed<Recommendation>> {
    let path = path.as_ref();
    let file = std::fs::File::open(path).map_err(|e| Error::read(path, e))?;
    read_recommendations(std::io::BufReader::new(file), &named(options, path))
}

pub(crate) fn named(options: &ReadOptions, path: &Path) -> ReadOptions {
    options.named_after(path)
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
    let (text, used) = decoded(reader, options)?;
    let mut problems = Problems::new(options);
    let mut rdr = ::csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(text.as_bytes());
    let header = rdr
        .headers()
        .map_err(|e| {
            Error::from(ParseError {
                input: options.name().into(),
                location: Location::Line(1),
                expected: "a CSV header".into(),
                found: e.to_string(),
            })
        })?
        .clone();
    let mut out = Vec::new();
    let mut record = ::csv::StringRecord::new();
    let mut n = 0usize;
    while next_csv_record(&mut rdr, &mut record, &mut n, &mut problems)? {
        if is_blank(&record) {
            continue;
        }
        n += 1;
        match record.deserialize::<T>(Some(&header)) {
            Ok(v) => out.push(v),
            Err(e) => problems.skip(
                Location::Record(n),
                format!(
                    "a row of {} ({e})",
                    header.iter().collect::<Vec<_>>().join(",")
                ),
                &record.iter().collect::<Vec<_>>().join(","),
            )?,
        }
    }
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
                date: d,
                precision: crate::DatePrecision::Day,
                status: ResponseStatus::Rejected,
                source: "A/HRC/13/13/Add.1".into(),
            }),
        ]
    }

    #[test]
    fn header_must_be_the_schema_header() {
        let err = read_recommendations(
            &b"state,text\nPRK,x\n"[..],
            &ReadOptions::new().with_name("r.csv"),
        )
        .unwrap_err();
        assert_eq!(
            err.to_string(),
            "r.csv: line 1: expected the upr/1 recommendations header state_under_review,recommending,cycle,session,paragraph,document,text,source,latest_status,latest_stage,latest_date,responses,labeller,action_category,issues, found \"state,text\""
        );
    }

    #[test]
    fn strict_names_the_record_and_lenient_skips_it() {
        let mut out = Vec::new();
        write_recommendations(&mut out, &recs()).unwrap();
        let mut text = String::from_utf8(out).unwrap();
        text.push_str("XXX,,1,6,,,t,s,,,,,,,\n");
        let err = read_recommendations(text.as_bytes(), &ReadOptions::new().with_name("r.csv"))
            .unwrap_err();
        assert_eq!(
            err.to_string(),
            r#"r.csv: record 2: expected a upr/1 recommendation row (unknown state code "XXX"), found "XXX,,1,6,,,t,s,,,,,,,""#
        );
        let p = read_recommendations(text.as_bytes(), &ReadOptions::lenient()).unwrap();
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
}
