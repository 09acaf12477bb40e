//! The OHCHR Universal Human Rights Index (UHRI): its CSV export and its JSON layout, and the
//! UHRI vocabularies (themes, SDGs, affected persons, UPR positions) that the OHCHR matrix of
//! recommendations ([`super::ohchr_matrix`]) uses too.
//!
//! # The CSV export
//! One row per recommendation, snake_case columns, with UHRI's own spelling `reccomending`:
//!
//! | column | example | read as |
//! |---|---|---|
//! | `text` | `166.6. Ratify the Rome Statute of the ICC (Chile); (Estonia);` | [`UhriRecord::paragraph`], [`UhriRecord::text`], and the States in brackets for the cross-check |
//! | `upr_reccomending_states` | `ChileEstoniaSloveniaTunisiaUruguay` | [`UhriRecord::recommending`] (see below) |
//! | `upr_position` | `Supported`, `Noted`, `Supported/Noted` | [`UprPosition`] |
//! | `themes` | `2.1. Acceptance of international norms 12.4. Death penalty` | [`UhriTheme`]s, also when run together (`fair trial12.4. Death penalty`) |
//! | `affected_persons` | `general- women- persons living in poverty` | [`AffectedPersons`] |
//! | `countries_concerned` | `- Egypt` | [`UhriRecord::state_under_review`] |
//! | `reccomending_body` | `- UPR` | rows of other bodies are skipped |
//! | `upr_session` | `- 28th Session - Cycle 2` | [`UhriRecord::council_session`] (the Council's session, not the Working Group's) and [`UhriRecord::cycle`] |
//! | `document_symbol` | `A/HRC/28/16` | [`UhriRecord::document`], checked against the session |
//! | `type` | `- Recommendations` | rows of other types are skipped |
//!
//! Only `text`, `upr_reccomending_states` and `upr_position` are required (the correct spelling
//! `recommending` is accepted too).
//!
//! # The JSON layout
//! An array of objects with the keys `Text`, `Themes`, `Sdgs`, `AffectedPersons`, `UprCycle`,
//! `UprSession`, `UprPositions`, `UprRecommendingCountry` and `UprRecommendingRegions`. Each value
//! may be a string, a number or an array of them; `Text` is required. Other keys are ignored.
//!
//! # Recommending States written with no separator
//! UHRI concatenates the names of co-authors: `Sierra LeoneTogoTunisia`. [`split_states`] reads
//! such a string by dynamic programming over every spelling of the crate's State table (names
//! and other spellings, normalised as [`State::resolve`] does; the alpha-3 codes are left out so
//! that `CAN` cannot be read inside `Canada`). It gives the one reading, or every reading when
//! there are several, or what is left over when there is none. The reader then cross-checks the
//! reading against the States in brackets at the end of `text` (compared as sets): several
//! readings are settled by the text when exactly one of them agrees with it.
//!
//! # What the report lists
//! In strict mode each of these is an error; in lenient mode the record is kept, repaired as
//! said, and listed as repaired:
//! - recommending States that cannot be read (a leftover, or several readings the text does not
//!   settle): the States in brackets in the text are used, and any name that resolves nowhere is
//!   kept in [`UhriRecord::unresolved`];
//! - recommending States that disagree with the text's brackets: the column is kept;
//! - a text that does not end with States in brackets: kept as written;
//! - a position, theme, SDG, regional group, State under review, session, cycle or document
//!   symbol that cannot be read: left out;
//! - a session that disagrees with the document symbol: the session field is kept.
//!
//! Skipped in lenient mode (an error in strict mode): a row without text, a row of another body
//! than the UPR or of another type than recommendations, a malformed CSV row, a JSON array item
//! that is not an object.
//!
//! # Positions and dates
//! UHRI gives the State's final position ([`UprPosition`]) but not the date it was given. A
//! [`ResponseEvent`] needs a date, so [`UhriRecord::into_recommendation`] adds one only when the
//! caller knows the date (e.g. that of the addendum); otherwise the position stays on the
//! [`UhriRecord`]. UHRI also gives the Council session, not the Working Group session a
//! [`Recommendation`] is filed under: the caller supplies it.
//!
//! [`read_recommendations`] does the whole conversion: CSV or JSON told apart by content, the
//! Working Group session and the day positions were made public taken from a [`Context`].
//!
//! ```
//! use upr::format::{Context, ReadOptions, uhri};
//! use upr::{ResponseStatus, Session};
//!
//! let csv = "text,upr_reccomending_states,upr_position,countries_concerned\n\
//!            166.6. Ratify the Rome Statute (Chile);,Chile,Noted,- Egypt\n";
//! let context = Context::new()
//!     .with_session(Session::new(20)?)
//!     .with_position_date(chrono::NaiveDate::from_ymd_opt(2015, 3, 20).unwrap());
//! let recs = uhri::read_recommendations(csv.as_bytes(), &ReadOptions::new(), &context)?.records;
//! assert_eq!(recs[0].text(), "Ratify the Rome Statute");
//! assert_eq!(recs[0].responses().latest().unwrap().status, ResponseStatus::Noted);
//! # Ok::<(), upr::Error>(())
//! ```

use std::path::Path;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

pub use super::states::{StateSplit, split_states};

use super::csv_stream::CsvStream;
use super::{
    Context, Parsed, Problems, ReadOptions, RecordStream, convert_records, open, parse_error,
    read_text,
};
use crate::{AffectedPersons, Sdg, UhriTheme, UprPosition};
use crate::{
    Cycle, DatePrecision, DocumentSymbol, Error, Location, ParagraphRef, Recommendation,
    RegionalGroup, ResponseEvent, Result, Session, SourceId, Stage, State,
};

mod csv;
mod json;
mod json_stream;

pub use json_stream::JsonRecords;
mod record;

/// The source key records read from the UHRI carry.
pub const SOURCE: &str = "OHCHR Universal Human Rights Index";

/// One recommendation read from the UHRI (CSV export or JSON).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UhriRecord {
    /// 1-based record number: CSV row (header not counted) or JSON array item.
    pub record: usize,
    /// The paragraph number at the start of the text (`166.6`), if any.
    pub paragraph: Option<ParagraphRef>,
    /// The text without paragraph number and recommending States.
    pub text: String,
    /// The recommending States, in order, no duplicates.
    pub recommending: Vec<State>,
    /// Recommending State names that resolve nowhere (see the [module docs](self)).
    pub unresolved: Vec<String>,
    /// The position of the State under review; `None` when the source gives none.
    pub position: Option<UprPosition>,
    /// UHRI themes.
    pub themes: Vec<UhriTheme>,
    /// SDGs (JSON layout).
    pub sdgs: Vec<Sdg>,
    /// Affected persons.
    pub affected_persons: Vec<AffectedPersons>,
    /// The State under review (`countries_concerned`), when given.
    pub state_under_review: Option<State>,
    /// The Human Rights Council session at which the outcome was adopted (`28th Session`).
    pub council_session: Option<u16>,
    /// The review cycle.
    pub cycle: Option<Cycle>,
    /// The document symbol of the Working Group report.
    pub document: Option<DocumentSymbol>,
    /// The recommending States' regional groups as the source gives them (JSON layout).
    pub recommending_regions: Vec<RegionalGroup>,
}

impl UhriRecord {
    /// The response event of this record's position, given the date it was made public.
    /// `None` when the record has no position.
    ///
    /// The stage is [`Stage::Addendum`]: OHCHR records the positions a State gives in the
    /// addendum to the Working Group report (or at the adoption of the outcome).
    pub fn response_event(
        &self,
        date: Option<NaiveDate>,
        precision: DatePrecision,
    ) -> Option<ResponseEvent> {
        self.position.map(|p| ResponseEvent {
            stage: Stage::Addendum,
            date,
            precision,
            status: p.status(),
            source: SourceId::from(SOURCE),
        })
    }

    /// The record as a crate [`Recommendation`], filed under the Working Group `session` (UHRI
    /// gives only the Council session).
    ///
    /// A position becomes a [`ResponseEvent`], dated when `position_date` is given (the day it
    /// was made public) and otherwise [undated](crate::ResponseEvent#undated-events) (UHRI
    /// does not date positions); a record without a position has no event.
    ///
    /// # Errors
    /// [`Error::Invalid`] when the record names no State under review, or when `session` is not
    /// in the record's cycle.
    pub fn into_recommendation(
        self,
        session: Session,
        position_date: Option<NaiveDate>,
    ) -> Result<Recommendation> {
        let name = self
            .paragraph
            .map_or_else(|| format!("record {}", self.record), |p| p.to_string());
        let state = self.state_under_review.ok_or_else(|| {
            Error::invalid(
                "UHRI record",
                name.as_str(),
                "it names no State under review (countries_concerned)",
            )
        })?;
        if let Some(c) = self.cycle {
            if session.cycle() != c {
                return Err(Error::invalid(
                    "working group session",
                    session.to_string(),
                    format!(
                        "it is in cycle {}, and UHRI record {name} is from cycle {c}",
                        session.cycle()
                    ),
                ));
            }
        }
        let event = self.response_event(position_date, DatePrecision::Day);
        let mut rec = Recommendation::new(state, session, self.text, SourceId::from(SOURCE))
            .with_recommending(self.recommending);
        if let Some(p) = self.paragraph {
            rec = rec.with_reference(p);
        }
        if let Some(d) = self.document {
            rec = rec.with_document(d);
        }
        if let Some(e) = event {
            rec = rec.with_response(e);
        }
        Ok(rec)
    }
}

/// Reads a UHRI CSV export from any reader.
///
/// # Errors
/// A header without `text`, `upr_reccomending_states` and `upr_position`, undecodable bytes, an
/// I/O failure; in strict mode also the first problem listed in the [module docs](self), as
/// [`Error::Parse`] with its record number.
pub fn read(reader: impl std::io::Read, options: &ReadOptions) -> Result<Parsed<UhriRecord>> {
    let (text, used) = read_text(reader, options)?;
    csv::read_str(text, used, options)
}

/// Reads a UHRI CSV export file (its path names it in errors unless the options name it).
///
/// # Errors
/// As [`read`], and [`Error::Io`] if the file cannot be opened.
pub fn read_path(path: impl AsRef<Path>, options: &ReadOptions) -> Result<Parsed<UhriRecord>> {
    let (file, options) = open(path.as_ref(), options)?;
    read(file, &options)
}

/// The records of a UHRI CSV export, read one at a time as the reader gives its bytes (memory
/// stays that of one buffer and its records); the report at the end is the one [`read`]
/// returns, except that the encoding is told from the first MiB.
pub struct CsvRecords<R>(CsvStream<R, csv::RowReader>);

impl<R> std::fmt::Debug for CsvRecords<R> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("uhri::CsvRecords")
    }
}

/// The records of a UHRI CSV export from any reader, one at a time ([`CsvRecords`]).
///
/// # Errors
/// A header without the required columns, an I/O failure, or (strict mode) undecodable bytes
/// before it; the records' problems come out of the iterator, as [`read`] says.
pub fn records<R: std::io::Read>(reader: R, options: &ReadOptions) -> Result<CsvRecords<R>> {
    Ok(CsvRecords(CsvStream::new(reader, options).header()?))
}

/// The records of a UHRI CSV file, one at a time ([`CsvRecords`]).
///
/// # Errors
/// As [`records`], and [`Error::Io`] if the file cannot be opened.
pub fn records_path(
    path: impl AsRef<Path>,
    options: &ReadOptions,
) -> Result<CsvRecords<std::io::BufReader<std::fs::File>>> {
    let (file, options) = open(path.as_ref(), options)?;
    records(file, &options)
}

impl<R: std::io::Read> Iterator for CsvRecords<R> {
    type Item = Result<UhriRecord>;

    fn next(&mut self) -> Option<Self::Item> {
        self.0.next()
    }
}

impl<R: std::io::Read> RecordStream for CsvRecords<R> {
    type Record = UhriRecord;

    fn finish(&mut self) -> Result<super::ReadReport> {
        self.0.finish()
    }
}

/// The records of the UHRI JSON layout from any reader, one array item at a time
/// ([`JsonRecords`]): memory stays that of one buffer and one item, however large the array.
///
/// # Errors
/// None on opening; the input's problems come out of the iterator, as [`read_json`] says.
pub fn json_records<R: std::io::Read>(reader: R, options: &ReadOptions) -> JsonRecords<R> {
    JsonRecords::new(super::input::TextInput::new(reader, options), options)
}

/// The records of a UHRI JSON file, one at a time ([`JsonRecords`]), the file read ahead on a
/// second thread.
///
/// # Errors
/// [`Error::Io`] if the file cannot be opened.
pub fn json_records_path(
    path: impl AsRef<Path>,
    options: &ReadOptions,
) -> Result<JsonRecords<super::ReadAhead>> {
    let path = path.as_ref();
    let file = std::fs::File::open(path).map_err(|e| crate::Error::read(path, e))?;
    Ok(json_records(
        super::ReadAhead::new(file),
        &options.named_after(path),
    ))
}

/// Reads UHRI records in the JSON layout (an array of objects, see the [module docs](self)).
///
/// # Errors
/// Input that is not JSON (with its line), JSON that is not an array, undecodable bytes, an I/O
/// failure; in strict mode also the first problem listed in the module docs, as
/// [`Error::Parse`] with the 1-based array index as record number.
pub fn read_json(reader: impl std::io::Read, options: &ReadOptions) -> Result<Parsed<UhriRecord>> {
    let (text, used) = read_text(reader, options)?;
    json::read_str(text, used, options)
}

/// Reads a UHRI JSON file (its path names it in errors unless the options name it).
///
/// # Errors
/// As [`read_json`], and [`Error::Io`] if the file cannot be opened.
pub fn read_json_path(path: impl AsRef<Path>, options: &ReadOptions) -> Result<Parsed<UhriRecord>> {
    let (file, options) = open(path.as_ref(), options)?;
    read_json(file, &options)
}

/// Reads UHRI records as crate [`Recommendation`]s: the CSV export or the JSON layout, told
/// apart by content (JSON when the first character that is not a space is `[` or `{`), each
/// record converted by [`UhriRecord::into_recommendation`] under the context's Working Group
/// session; positions become [`ResponseEvent`]s only when the context gives the day they were
/// made public.
///
/// The JSON layout has no key for the State under review (`CountriesConcerned` is not read), so
/// its records do not convert: each is a bad record, as below.
///
/// # Errors
/// [`Error::Parse`] naming the input when the context gives no session (UHRI gives only the
/// Council's); as [`read`] or [`read_json`]; a record that does not convert (it names no State
/// under review, or the session is not in its cycle) is a bad record: an error in strict mode,
/// skipped and listed in the report in lenient mode.
pub fn read_recommendations(
    reader: impl std::io::Read,
    options: &ReadOptions,
    context: &Context,
) -> Result<Parsed<Recommendation>> {
    let session = session_of(context, options)?;
    let (text, used) = read_text(reader, options)?;
    let records = if is_json(&text) {
        json::read_str(text, used, options)?
    } else {
        csv::read_str(text, used, options)?
    };
    let date = context.position_date();
    convert_records(
        records,
        options,
        "a recommendation",
        |r| (Location::Record(r.record), r.text.clone()),
        |r| r.into_recommendation(session, date),
    )
}

/// The Working Group session the context gives: UHRI gives only the Council's.
fn session_of(context: &Context, options: &ReadOptions) -> Result<Session> {
    context.session().ok_or_else(|| {
        parse_error(
            options,
            Location::Whole,
            "a Working Group session in the context (UHRI gives only the Council's session: \
             set it with Context::with_session)",
            "none",
        )
    })
}

/// UHRI records ([`CsvRecords`], [`JsonRecords`]) converted to recommendations as they come,
/// as [`read_recommendations`] converts them: a record that does not convert is a bad record,
/// an error in strict mode, skipped and listed in the report (after the reading's problems) in
/// lenient mode. The report counts the recommendations.
pub struct Recommendations<S> {
    records: S,
    session: Session,
    date: Option<NaiveDate>,
    problems: Problems,
    /// Records that did not convert (skipped).
    unconverted: usize,
    /// The conversion error handed out, if the stream stopped at one.
    stopped: Option<crate::Error>,
    report: Option<super::ReadReport>,
    name: String,
}

impl<S> std::fmt::Debug for Recommendations<S> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("uhri::Recommendations")
            .field("session", &self.session)
            .finish_non_exhaustive()
    }
}

impl<S: RecordStream<Record = UhriRecord>> Recommendations<S> {
    /// Over a stream of UHRI records, under the context's Working Group session (positions
    /// dated when the context gives the day they were made public).
    ///
    /// # Errors
    /// [`Error::Parse`] naming the input when the context gives no session.
    pub fn new(records: S, options: &ReadOptions, context: &Context) -> Result<Self> {
        Ok(Recommendations {
            records,
            session: session_of(context, options)?,
            date: context.position_date(),
            problems: Problems::new(options),
            unconverted: 0,
            stopped: None,
            report: None,
            name: options.name().to_owned(),
        })
    }
}

impl<S: RecordStream<Record = UhriRecord>> Iterator for Recommendations<S> {
    type Item = Result<Recommendation>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.stopped.is_some() {
            return None;
        }
        loop {
            let record = match self.records.next()? {
                Ok(r) => r,
                Err(e) => return Some(Err(e)),
            };
            let (n, text) = (record.record, record.text.clone());
            match record.into_recommendation(self.session, self.date) {
                Ok(r) => return Some(Ok(r)),
                Err(e) => {
                    let what = format!("a recommendation ({e})");
                    if let Err(e) = self.problems.skip(Location::Record(n), what, &text) {
                        self.stopped = Some(super::stream::again(&e, &self.name));
                        return Some(Err(e));
                    }
                    self.unconverted += 1;
                }
            }
        }
    }
}

impl<S: RecordStream<Record = UhriRecord>> RecordStream for Recommendations<S> {
    type Record = Recommendation;

    fn finish(&mut self) -> Result<super::ReadReport> {
        if let Some(report) = &self.report {
            return Ok(report.clone());
        }
        if let Some(e) = &self.stopped {
            return Err(super::stream::again(e, &self.name));
        }
        for r in self.by_ref() {
            r?;
        }
        let mut report = self.records.finish()?;
        report.records = report.records.saturating_sub(self.unconverted);
        report.problems.append(&mut self.problems.list);
        self.report = Some(report.clone());
        Ok(report)
    }
}

/// Reads a UHRI file, CSV or JSON, as recommendations (its path names it in errors unless the
/// options name it).
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

/// Whether a UHRI input is in the JSON layout: its first character that is not a space opens an
/// array or an object.
pub(crate) fn is_json(text: &str) -> bool {
    text.trim_start().starts_with(['[', '{'])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn st(name: &str) -> State {
        State::resolve(name).unwrap()
    }

    const HEADER: &str = "text,upr_reccomending_states,upr_position,themes,affected_persons,countries_concerned,reccomending_body,upr_session,document_symbol,type\n";

    fn csv(rows: &[&str]) -> String {
        let mut s = HEADER.to_owned();
        for r in rows {
            s.push_str(r);
            s.push('\n');
        }
        s
    }

    const GOOD: &str = "166.6. Ratify the Rome Statute of the ICC (Chile); (Estonia);,ChileEstonia,Noted,2.1. Acceptance of international norms,general,- Egypt,- UPR,- 28th Session - Cycle 2,A/HRC/28/16,- Recommendations";

    #[test]
    fn reads_a_good_row() {
        let p = read(csv(&[GOOD]).as_bytes(), &ReadOptions::new()).unwrap();
        assert!(p.report.problems.is_empty(), "{:?}", p.report.problems);
        let r = &p.records[0];
        assert_eq!(r.paragraph, Some("166.6".parse().unwrap()));
        assert_eq!(r.text, "Ratify the Rome Statute of the ICC");
        assert_eq!(r.recommending, vec![st("Chile"), st("Estonia")]);
        assert_eq!(r.position, Some(UprPosition::Noted));
        assert_eq!(r.themes[0].code().as_str(), "2.1");
        assert_eq!(r.affected_persons, vec![AffectedPersons::General]);
        assert_eq!(r.state_under_review, Some(st("Egypt")));
        assert_eq!(r.council_session, Some(28));
        assert_eq!(r.cycle, Some(Cycle::SECOND));
        assert_eq!(r.document.as_ref().unwrap().as_str(), "A/HRC/28/16");
        let pos = r.position;
        let rec = r
            .clone()
            .into_recommendation(Session::new(20).unwrap(), None)
            .unwrap();
        let undated = rec.responses().latest().unwrap();
        assert_eq!((undated.stage, undated.date), (Stage::Addendum, None));
        assert_eq!(undated.status, crate::ResponseStatus::Noted);
        assert_eq!(pos, Some(UprPosition::Noted));
        let d = NaiveDate::from_ymd_opt(2015, 3, 1).unwrap();
        let rec = r
            .clone()
            .into_recommendation(Session::new(20).unwrap(), Some(d))
            .unwrap();
        assert_eq!(
            rec.responses().latest().unwrap().status,
            crate::ResponseStatus::Noted
        );
        assert_eq!(rec.recommending(), &[st("Chile"), st("Estonia")]);
        assert_eq!(
            r.clone()
                .into_recommendation(Session::new(30).unwrap(), None)
                .unwrap_err()
                .to_string(),
            r#"invalid working group session "30": it is in cycle 3, and UHRI record 166.6 is from cycle 2"#
        );
    }

    #[test]
    fn strict_errors_name_the_record() {
        let leftover = "166.1. Do it (Chile);,ChileAtlantis,Noted,,,,,,,";
        let err = read(
            csv(&[GOOD, leftover]).as_bytes(),
            &ReadOptions::new().with_name("u.csv"),
        )
        .unwrap_err();
        assert_eq!(
            err.to_string(),
            r#"u.csv: record 2: expected State names run together in upr_reccomending_states (no State name matches "Atlantis" after CHL), found "ChileAtlantis""#
        );
        let mismatch = "166.2. Do it (Chile);,Peru,Noted,,,,,,,";
        let err = read(csv(&[mismatch]).as_bytes(), &ReadOptions::new()).unwrap_err();
        assert_eq!(
            err.to_string(),
            r#"<input>: record 1: expected the same recommending States in upr_reccomending_states (PER) as in brackets in the text (CHL), found "Peru""#
        );
        let position = "166.3. Do it (Chile);,Chile,Accepted,,,,,,,";
        let err = read(csv(&[position]).as_bytes(), &ReadOptions::new()).unwrap_err();
        assert_eq!(
            err.to_string(),
            r#"<input>: record 1: expected Supported, Noted or Supported/Noted in upr_position, found "Accepted""#
        );
        let session =
            "166.4. Do it (Chile);,Chile,Noted,,,,- UPR,- 27th Session - Cycle 2,A/HRC/28/16,";
        let err = read(csv(&[session]).as_bytes(), &ReadOptions::new()).unwrap_err();
        assert_eq!(
            err.to_string(),
            r#"<input>: record 1: expected the Council session of A/HRC/28/16 (28) in upr_session, found "- 27th Session - Cycle 2""#
        );
        let err = read(&b"text,upr_position\nx,y\n"[..], &ReadOptions::lenient()).unwrap_err();
        assert_eq!(
            err.to_string(),
            r#"<input>: line 1: expected a header with the UHRI columns text, upr_reccomending_states and upr_position, found "text,upr_position""#
        );
    }

    #[test]
    fn lenient_repairs_and_reports() {
        let rows = [
            GOOD,
            "166.1. Do it (Chile); (Peru);,ChileAtlantis,Noted,,,,,,,",
            "166.2. Do it (Chile);,Peru,Supported/Noted,,,,,,,",
            "166.3. Do it (Chile);,Chile,Noted,,,,- CRC,,,",
            ",Chile,Noted,,,,,,,",
            "166.5. No brackets at all,Chile,Supported,Death penalty,,,,,,",
        ];
        let p = read(csv(&rows).as_bytes(), &ReadOptions::lenient()).unwrap();
        assert_eq!(p.records.len(), 4);
        assert_eq!(p.report.skipped().count(), 2);
        // Leftover: the text's brackets are used.
        assert_eq!(p.records[1].recommending, vec![st("Chile"), st("Peru")]);
        // Mismatch: the column is kept.
        assert_eq!(p.records[2].recommending, vec![st("Peru")]);
        assert_eq!(p.records[2].position, Some(UprPosition::SupportedNoted));
        // No brackets: text kept as written, column used; the bad theme left out.
        assert_eq!(p.records[3].text, "No brackets at all");
        assert_eq!(p.records[3].recommending, vec![st("Chile")]);
        assert!(p.records[3].themes.is_empty());
        let reasons: Vec<String> = p.report.problems.iter().map(|x| x.reason.clone()).collect();
        assert_eq!(
            reasons,
            [
                r#"expected State names run together in upr_reccomending_states (no State name matches "Atlantis" after CHL); took the States in brackets in the text"#,
                "expected the same recommending States in upr_reccomending_states (PER) as in brackets in the text (CHL); kept those of upr_reccomending_states",
                "a UPR recommendation (reccomending_body UPR)",
                "a recommendation text in text",
                "expected recommending States in brackets at the end of text; kept the text as written",
                "expected UHRI themes such as 2.1. Acceptance of international norms in themes; left the theme out",
            ]
        );
    }

    #[test]
    fn ambiguity_settled_by_the_text_or_reported() {
        // "Congo, Democratic Republic of the" is a spelling of the DRC, so this reads both as
        // Congo + Democratic Republic of the Congo and as the DRC + Congo.
        let cog = State::from_alpha3("COG").unwrap();
        let cod = State::from_alpha3("COD").unwrap();
        let column = "CongoDemocratic Republic of the Congo";
        let StateSplit::Ambiguous(readings) = split_states(column) else {
            panic!("{:?}", split_states(column))
        };
        assert_eq!(readings.len(), 2);
        let settled = format!(
            "1.1. Do it (Congo); (Democratic Republic of the Congo);,{column},Noted,,,,,,,"
        );
        let p = read(csv(&[&settled]).as_bytes(), &ReadOptions::new()).unwrap();
        assert!(p.report.problems.is_empty());
        assert_eq!(p.records[0].recommending, vec![cog, cod]);
        let unsettled = format!("1.2. Do it (Chile);,{column},Noted,,,,,,,");
        let err = read(csv(&[&unsettled]).as_bytes(), &ReadOptions::new()).unwrap_err();
        assert_eq!(
            err.to_string(),
            r#"<input>: record 1: expected one reading of upr_reccomending_states (it reads as [COD, COG] or [COG, COD], and the brackets in the text do not settle it), found "CongoDemocratic Republic of the Congo""#
        );
        let p = read(csv(&[&unsettled]).as_bytes(), &ReadOptions::lenient()).unwrap();
        assert_eq!(
            p.records[0].recommending,
            vec![State::resolve("Chile").unwrap()]
        );
        assert_eq!(p.report.repaired().count(), 1);
    }

    fn context() -> Context {
        Context::new().with_session(Session::new(20).unwrap())
    }

    #[test]
    fn recommendations_from_csv_or_json() {
        let d = NaiveDate::from_ymd_opt(2015, 3, 20).unwrap();
        let from_csv =
            read_recommendations(csv(&[GOOD]).as_bytes(), &ReadOptions::new(), &context()).unwrap();
        let rec = &from_csv.records[0];
        assert_eq!(rec.state_under_review(), st("Egypt"));
        assert_eq!(rec.session(), Session::new(20).unwrap());
        assert_eq!(rec.text(), "Ratify the Rome Statute of the ICC");
        assert_eq!(rec.document().unwrap().as_str(), "A/HRC/28/16");
        assert!(rec.responses().is_undated(), "no date: an undated event");
        assert_eq!(
            rec.responses().latest().unwrap().status,
            crate::ResponseStatus::Noted
        );
        let json = r#"
          [{"Text": "166.6. Ratify the Rome Statute of the ICC (Chile); (Estonia);",
            "UprRecommendingCountry": "ChileEstonia", "UprPositions": "Noted",
            "CountriesConcerned": "Egypt"}]"#;
        // The JSON layout does not read CountriesConcerned: the record names no State under review.
        let err =
            read_recommendations(json.as_bytes(), &ReadOptions::new(), &context()).unwrap_err();
        assert_eq!(
            err.to_string(),
            r#"<input>: record 1: expected a recommendation (invalid UHRI record "166.6": it names no State under review (countries_concerned)), found "Ratify the Rome Statute of the ICC""#
        );
        let dated = context().with_position_date(d);
        let p = read_recommendations(csv(&[GOOD]).as_bytes(), &ReadOptions::new(), &dated).unwrap();
        let event = p.records[0].responses().latest().unwrap().clone();
        assert_eq!((event.stage, event.date), (Stage::Addendum, Some(d)));
        assert_eq!(event.status, crate::ResponseStatus::Noted);
        assert!(is_json(" \n[") && is_json("{") && !is_json("text,[x]"));
    }

    #[test]
    fn recommendations_need_a_session_and_a_readable_record() {
        let err = read_recommendations(
            csv(&[GOOD]).as_bytes(),
            &ReadOptions::new().with_name("u.csv"),
            &Context::new(),
        )
        .unwrap_err();
        assert_eq!(
            err.to_string(),
            r#"u.csv: input: expected a Working Group session in the context (UHRI gives only the Council's session: set it with Context::with_session), found "none""#
        );
        let no_state = "166.7. Do it (Chile);,Chile,Noted,,,,- UPR,,,";
        let rows = csv(&[GOOD, no_state, "166.8. (Chile);,Chile,Noted,,,,,,,"]);
        let p = read_recommendations(rows.as_bytes(), &ReadOptions::lenient(), &context()).unwrap();
        assert_eq!(p.records.len(), 1);
        assert_eq!(p.report.records, 1);
        let skipped: Vec<String> = p.report.skipped().map(|x| x.location.to_string()).collect();
        assert_eq!(
            skipped,
            ["record 3", "record 2"],
            "reading's problems first"
        );
        let cycle3 = Context::new().with_session(Session::new(30).unwrap());
        let err = read_recommendations(csv(&[GOOD]).as_bytes(), &ReadOptions::new(), &cycle3)
            .unwrap_err();
        assert!(err.to_string().contains("it is in cycle 3"), "{err}");
    }

    #[test]
    fn recommendations_from_a_path() {
        let path = std::env::temp_dir().join(format!("upr-uhri-{}.json", std::process::id()));
        let json = r#"[{"Text": "1.1. Do it (Chile);", "UprRecommendingCountry": "Chile"}]"#;
        std::fs::write(&path, json).unwrap();
        let err = read_recommendations_path(&path, &ReadOptions::new(), &context()).unwrap_err();
        std::fs::remove_file(&path).unwrap();
        assert!(
            err.to_string()
                .starts_with(&format!("{}: record 1:", path.display())),
            "{err}"
        );
        let missing = read_recommendations_path(&path, &ReadOptions::new(), &context());
        assert!(matches!(missing, Err(Error::Io { .. })));
    }
}
