//! The OHCHR "matrix of recommendations" of one review, flattened from its Word table to text.
//!
//! OHCHR publishes, for each review, a thematic matrix of the recommendations: one table row per
//! recommendation, grouped under `Theme:` headings. Flattened to text (Mac OS Roman, CR line
//! ends), a row reads:
//!
//! ```text
//! Theme: A12 Acceptance of international norms
//! 186.28. Continue its efforts on the ratification of ... (Mongolia);
//! Source of position: A/HRC/25/5/Add.1 - Para. 186.28.
//! Supported
//! A12 Acceptance of international norms
//! B51 Right to an effective remedy
//! S16 SDG 16 - peace, justice and strong institutions
//! Affected persons:
//! - general
//! ```
//!
//! - the recommendation: paragraph (`186.28.` in the second cycle, `28.212` in the third), text
//!   and recommending States in brackets; a row may hold a cluster of recommendations
//!   (`... (New Zealand); Accelerate ... (Uruguay) (Mali);`), read as one record with all their
//!   States, as the matrix counts it;
//! - `Source of position:` the addendum and its paragraph ([`PositionSource`]);
//! - the position, `Supported` or `Noted` ([`UprPosition`]);
//! - the UHRI themes of the row, lettered (`A12 ...`, [`UhriTheme`]) and, in the third cycle,
//!   the SDGs (`S16 SDG 16 - ...`, [`Sdg`]; the bare `S Sustainable Development Goal
//!   implementation` is kept as a theme);
//! - `Affected persons:` and one `- group` line each ([`AffectedPersons`]).
//!
//! The table header (`Recommendation`, `Position`, `Full list of themes`, `Assessment/comments on
//! level of implementation`) is skipped; the page footer (`UPR of China (2nd Cycle – 17th
//! session) ... Page 1 of 1`) gives the State under review, the cycle and the Working Group
//! session ([`MatrixReview`]), which every record carries. Word's flattening leaves stray spaces
//! inside words (`Sierra Le one`, `ur ban`); State names still resolve because matching ignores
//! spaces, and the text is kept as written.
//!
//! # What the report lists
//! Strict mode stops at the first of these; lenient mode keeps the record, repaired as said, and
//! lists it as repaired:
//! - a recommendation that does not end with States in brackets (text kept as written, no State),
//!   or with a name that resolves nowhere (kept in [`MatrixRecord::unresolved`]);
//! - a `Source of position` line that cannot be read, or none (left out);
//! - a theme, SDG or affected-persons line that cannot be read, or a line that belongs nowhere
//!   (left out);
//! - a `Theme:` heading that cannot be read (records under it get no section);
//! - a footer that cannot be read, or footers that disagree (the first readable one is kept).
//!
//! Skipped in lenient mode (an error in strict mode): a recommendation without a position.

use std::collections::BTreeMap;
use std::path::Path;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{Context, Parsed, ReadOptions, convert_records, read_text};

#[cfg(feature = "docx")]
mod docx;
mod read;
use crate::{AffectedPersons, Sdg, UhriTheme, UprPosition};
use crate::{
    Cycle, DatePrecision, DocumentSymbol, Error, Location, ParagraphRef, Recommendation,
    ResponseEvent, Result, Session, SourceId, Stage, State,
};

/// The source key records read from a matrix carry.
pub const SOURCE: &str = "OHCHR matrix of recommendations";

/// Where the position of the State under review is written: `A/HRC/25/5/Add.1 - Para. 186.28.`
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PositionSource {
    /// The addendum (or report) that gives the position.
    pub document: DocumentSymbol,
    /// Its paragraph: `186.28` (cycle 2, one paragraph per recommendation) or `2` (cycle 3, the
    /// paragraph that lists all supported recommendations); `None` where the matrix names only
    /// the document (Egypt's second cycle: `Source of position: A/HRC/28/16/Add.1`).
    pub paragraph: Option<ParagraphRef>,
}

/// The review a matrix is of, from its page footer: `UPR of China (2nd Cycle – 17th session)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct MatrixReview {
    /// The State under review.
    pub state_under_review: State,
    /// The cycle.
    pub cycle: Cycle,
    /// The Working Group session.
    pub session: Session,
}

/// One row of a matrix.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MatrixRecord {
    /// The 1-based line the recommendation starts on.
    pub line: usize,
    /// The paragraph of the Working Group report (`186.28`, `28.212`).
    pub paragraph: ParagraphRef,
    /// The text without paragraph number and recommending States (the parts of a cluster joined).
    pub text: String,
    /// The recommending States, in order, no duplicates.
    pub recommending: Vec<State>,
    /// Recommending State names that resolve nowhere.
    pub unresolved: Vec<String>,
    /// Where the position is written.
    pub source_of_position: Option<PositionSource>,
    /// The position.
    pub position: UprPosition,
    /// The `Theme:` heading the row is listed under.
    pub section: Option<UhriTheme>,
    /// The row's themes (lettered codes), SDG codes excepted.
    pub themes: Vec<UhriTheme>,
    /// The row's SDGs (third cycle).
    pub sdgs: Vec<Sdg>,
    /// Affected persons.
    pub affected_persons: Vec<AffectedPersons>,
    /// OHCHR's comment on the row, where it gives one instead of (or beside) the source of
    /// position (`Information sent in a post Add.1 letter ...`).
    pub comment: Option<String>,
    /// Themes the row names without a code (`Right to health`: OHCHR's lists since 2025).
    pub theme_names: Vec<String>,
    /// The review, from the page footer.
    pub review: Option<MatrixReview>,
}

impl MatrixRecord {
    /// The crate [`Recommendation`]: the review's State and session, this paragraph, the
    /// Working Group report (the addendum's base symbol) as document.
    ///
    /// The position becomes a [`ResponseEvent`] (stage [`Stage::Addendum`]). The matrix does
    /// not date the addendum, so the event is dated only when `position_date` is given;
    /// otherwise it is [undated](crate::ResponseEvent#undated-events), still counted by a
    /// `Query` over the latest responses.
    ///
    /// # Errors
    /// [`Error::Invalid`] when the matrix had no readable footer (no State under review or
    /// session).
    pub fn into_recommendation(self, position_date: Option<NaiveDate>) -> Result<Recommendation> {
        let review = self.review.ok_or_else(|| {
            Error::invalid(
                "matrix record",
                self.paragraph.to_string(),
                "the matrix names no review (no footer such as UPR of China (2nd Cycle – 17th session))",
            )
        })?;
        let mut rec = Recommendation::new(
            review.state_under_review,
            review.session,
            self.text,
            SourceId::from(SOURCE),
        )
        .with_recommending(self.recommending)
        .with_reference(self.paragraph);
        if let Some(src) = &self.source_of_position {
            rec = rec.with_document(src.document.base());
        }
        let source = self.source_of_position.as_ref().map_or_else(
            || SourceId::from(SOURCE),
            |s| SourceId(s.document.to_string()),
        );
        rec = rec.with_response(ResponseEvent {
            stage: Stage::Addendum,
            date: position_date,
            precision: DatePrecision::Day,
            status: self.position.status(),
            source,
        });
        Ok(rec)
    }
}

/// How many records have each position.
pub fn position_counts(records: &[MatrixRecord]) -> BTreeMap<UprPosition, usize> {
    let mut m = BTreeMap::new();
    for r in records {
        *m.entry(r.position).or_insert(0) += 1;
    }
    m
}

/// Reads a matrix from any reader.
///
/// # Errors
/// Undecodable bytes or an I/O failure; in strict mode also the first problem listed in the
/// [module docs](self), as [`Error::Parse`] with its line.
pub fn read(reader: impl std::io::Read, options: &ReadOptions) -> Result<Parsed<MatrixRecord>> {
    let bytes = super::read_all(reader, options)?;
    #[cfg(feature = "docx")]
    if super::docx::is_zip(&bytes) {
        return docx::read(&bytes, options);
    }
    let (text, used) = read_text(&bytes[..], options)?;
    read::read_str(&text, used, options)
}

/// Reads a matrix file (its path names it in errors unless the options name it).
///
/// # Errors
/// As [`read`](fn@read), and [`Error::Io`] if the file cannot be opened.
pub fn read_path(path: impl AsRef<Path>, options: &ReadOptions) -> Result<Parsed<MatrixRecord>> {
    let path = path.as_ref();
    let (file, options) = super::open(path, options)?;
    read(file, &options)
}

/// Reads a matrix as crate [`Recommendation`]s, each record converted by
/// [`MatrixRecord::into_recommendation`]: the footer gives the State under review and the
/// session (the context's State and session fill in a matrix that does not name its review);
/// positions become [`ResponseEvent`]s only when
/// the context gives the day they were made public.
///
/// # Errors
/// As [`read`](fn@read); a record that does not convert (the matrix has no readable footer) is
/// a bad record: an error in strict mode, skipped and listed in the report in lenient mode.
pub fn read_recommendations(
    reader: impl std::io::Read,
    options: &ReadOptions,
    context: &Context,
) -> Result<Parsed<Recommendation>> {
    let mut records = read(reader, options)?;
    let date = context.position_date();
    // A matrix that does not name its review (a header without the session) takes it from
    // the context.
    if let (Some(state_under_review), Some(session)) =
        (context.state_under_review(), context.session())
    {
        for r in records.records.iter_mut().filter(|r| r.review.is_none()) {
            r.review = Some(MatrixReview {
                state_under_review,
                cycle: session.cycle(),
                session,
            });
        }
    }
    convert_records(
        records,
        options,
        "a recommendation",
        |r| (Location::Line(r.line), r.text.clone()),
        |r| r.into_recommendation(date),
    )
}

/// Reads a matrix file as recommendations (its path names it in errors unless the options
/// name it).
///
/// # Errors
/// As [`read_recommendations`], and [`Error::Io`] if the file cannot be opened.
pub fn read_recommendations_path(
    path: impl AsRef<Path>,
    options: &ReadOptions,
    context: &Context,
) -> Result<Parsed<Recommendation>> {
    let (file, options) = super::open(path.as_ref(), options)?;
    read_recommendations(file, &options, context)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn st(name: &str) -> State {
        State::resolve(name).unwrap()
    }

    /// A cycle-2 style sample (CR line ends, Mac OS Roman en dash 0xD0 in the footer).
    fn sample() -> Vec<u8> {
        let mut s = Vec::new();
        for l in [
            "Recommendation",
            "Position",
            "Full list of themes",
            "Assessment/comments on level of implementation",
            "Theme: A12 Acceptance of international norms",
            "186.28. Continue its efforts on the ratification (Mongolia);",
            "Source of position: A/HRC/25/5/Add.1 - Para. 186.28. ",
            "Supported",
            "A12 Acceptance of international norms",
            "B51 Right to an effective remedy",
            "Affected persons:",
            "- general",
            "",
            "",
            "186.23. Ratify OP-CAT (Argentina); Ratify the CPED (France) (Sierra Le one);",
            "Source of position: A/HRC/25/5/Add.1 - Para. 186.23. ",
            "Noted",
            "A12 Acceptance of international norms",
            "S16 SDG 16 - peace, justice and strong institutions",
            "S Sustainable Development Goal implementation",
            "Affected persons:",
            "- disappeared persons",
            "- persons deprived of their liberty",
            "",
            "",
        ] {
            s.extend_from_slice(l.as_bytes());
            s.push(b'\r');
        }
        s.extend_from_slice(b"UPR of China (2nd Cycle \xD0 17th session)\t\t\tThematic list of recommendations \t\t\t\tPage 1 of 1\r");
        s
    }

    #[test]
    fn reads_rows_and_footer() {
        let p = read(&sample()[..], &ReadOptions::new()).unwrap();
        assert!(p.report.problems.is_empty(), "{:?}", p.report.problems);
        assert_eq!(p.records.len(), 2);
        let a = &p.records[0];
        assert_eq!(a.line, 6);
        assert_eq!(a.paragraph.to_string(), "186.28");
        assert_eq!(a.text, "Continue its efforts on the ratification");
        assert_eq!(a.recommending, vec![st("Mongolia")]);
        assert_eq!(a.position, UprPosition::Supported);
        let src = a.source_of_position.as_ref().unwrap();
        assert_eq!(src.document.as_str(), "A/HRC/25/5/Add.1");
        assert_eq!(
            src.paragraph.map(|p| p.to_string()).as_deref(),
            Some("186.28")
        );
        assert_eq!(a.section.as_ref().unwrap().code().as_str(), "A12");
        assert_eq!(a.themes.len(), 2);
        assert_eq!(a.affected_persons, vec![AffectedPersons::General]);
        let b = &p.records[1];
        assert_eq!(
            b.recommending,
            vec![st("Argentina"), st("France"), st("Sierra Leone")]
        );
        assert_eq!(b.sdgs, vec![Sdg::new(16).unwrap()]);
        assert_eq!(b.themes.len(), 2, "A12 and the bare S stay themes");
        assert_eq!(b.position, UprPosition::Noted);
        let review = MatrixReview {
            state_under_review: st("China"),
            cycle: Cycle::SECOND,
            session: Session::new(17).unwrap(),
        };
        assert_eq!(b.review, Some(review));
        let counts = position_counts(&p.records);
        assert_eq!(counts[&UprPosition::Supported], 1);
        assert_eq!(counts[&UprPosition::Noted], 1);
        let rec = a.clone().into_recommendation(None).unwrap();
        assert_eq!(rec.state_under_review(), st("China"));
        assert_eq!(rec.document().unwrap().as_str(), "A/HRC/25/5");
        // No date given: the position is kept, undated.
        let undated = rec.responses().latest().unwrap();
        assert_eq!((undated.stage, undated.date), (Stage::Addendum, None));
        assert_eq!(undated.status, a.position.status());
        assert!(rec.responses().is_undated());
        let d = NaiveDate::from_ymd_opt(2014, 3, 1).unwrap();
        let rec = b.clone().into_recommendation(Some(d)).unwrap();
        assert_eq!(
            rec.responses().latest().unwrap().status,
            crate::ResponseStatus::Noted
        );
    }

    #[test]
    fn strict_errors_and_lenient_repairs() {
        let bad = "Theme: A12 Acceptance of international norms\r\
28.1 Strengthen its cooperation (Senegal);\r\
Source of position: A/HRC/40/6/Add.1 - Para. 2\r\
Supported\r\
Not a theme\r\
Affected persons:\r\
- general\r\
\r\
28.2 Do more (Atlantis);\r\
Source of position: somewhere\r\
Noted\r\
\r\
28.3 No position (Chile);\r\
Source of position: A/HRC/40/6/Add.1 - Para. 2\r\
\r";
        let err = read(bad.as_bytes(), &ReadOptions::new().with_name("m.txt")).unwrap_err();
        assert_eq!(
            err.to_string(),
            r#"m.txt: line 5: expected a theme line such as A12 Acceptance of international norms, found "Not a theme""#
        );
        let p = read(bad.as_bytes(), &ReadOptions::lenient()).unwrap();
        assert_eq!(p.records.len(), 2);
        assert_eq!(p.records[0].themes, vec![]);
        assert_eq!(p.records[1].unresolved, vec!["Atlantis".to_string()]);
        assert_eq!(p.records[1].source_of_position, None);
        let reasons: Vec<(String, String)> = p
            .report
            .problems
            .iter()
            .map(|x| (x.location.to_string(), x.reason.clone()))
            .collect();
        assert_eq!(
            reasons,
            [
                ("line 5".into(), "expected a theme line such as A12 Acceptance of international norms; left the line out".into()),
                ("line 10".into(), "expected Source of position: a document symbol - Para. a paragraph; left the source out".into()),
                ("line 9".into(), r#"expected known State names in brackets (not ["Atlantis"]); kept the names that resolve"#.into()),
                ("line 13".into(), "a position (Supported or Noted) after the recommendation".into()),
            ]
        );
        assert_eq!(
            p.records[0]
                .clone()
                .into_recommendation(None)
                .unwrap_err()
                .to_string(),
            r#"invalid matrix record "28.1": the matrix names no review (no footer such as UPR of China (2nd Cycle – 17th session))"#
        );
    }

    #[test]
    fn text_running_on_and_rows_without_position() {
        let s = "28.1 Raise the budget by\r12.5 per cent a year (Chile);\r\
Source of position: A/HRC/40/6/Add.1 - Para. 2\rNoted\r\r\
28.2 A complete row (Chile);\r28.3 The next row (Peru);\r\
Source of position: A/HRC/40/6/Add.1 - Para. 2\rSupported\r";
        let p = read(s.as_bytes(), &ReadOptions::lenient()).unwrap();
        let got: Vec<(String, &str)> = p
            .records
            .iter()
            .map(|r| (r.paragraph.to_string(), r.text.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                (
                    "28.1".to_string(),
                    "Raise the budget by 12.5 per cent a year"
                ),
                ("28.3".to_string(), "The next row"),
            ]
        );
        assert_eq!(
            read(s.as_bytes(), &ReadOptions::new())
                .unwrap_err()
                .to_string(),
            r#"<input>: line 6: expected a position (Supported or Noted) after the recommendation, found "28.2 A complete row (Chile);""#
        );
    }

    #[test]
    fn stray_lines_and_footers() {
        let s = "Stray line\r28.1 Do (Chile);\rSource of position: A/HRC/40/6/Add.1 - Para. 2\rNoted\r\rUPR of Atlantis (3rd Cycle - 31st session)\r";
        let err = read(s.as_bytes(), &ReadOptions::new()).unwrap_err();
        assert_eq!(
            err.to_string(),
            r#"<input>: line 1: expected a recommendation starting with its paragraph number, or a Theme: heading, found "Stray line""#
        );
        let p = read(s.as_bytes(), &ReadOptions::lenient()).unwrap();
        assert_eq!(p.records.len(), 1);
        assert_eq!(p.records[0].review, None);
        assert_eq!(p.report.problems.len(), 2);
        assert_eq!(
            p.report.problems[1].reason,
            "expected a footer such as UPR of China (2nd Cycle – 17th session); left it out"
        );
    }

    #[test]
    fn recommendations_with_and_without_a_date() {
        let p = read_recommendations(&sample()[..], &ReadOptions::new(), &Context::new()).unwrap();
        assert_eq!(p.records.len(), 2);
        assert_eq!(p.report.records, 2);
        let rec = &p.records[1];
        assert_eq!(rec.state_under_review(), st("China"));
        assert_eq!(rec.session(), Session::new(17).unwrap());
        assert_eq!(rec.reference().unwrap().to_string(), "186.23");
        assert!(
            rec.responses().is_undated(),
            "no date: the position is undated"
        );
        assert_eq!(rec.responses().events().len(), 1);
        let d = NaiveDate::from_ymd_opt(2014, 3, 20).unwrap();
        let dated = Context::new().with_position_date(d);
        let p = read_recommendations(&sample()[..], &ReadOptions::new(), &dated).unwrap();
        let event = p.records[0].responses().latest().unwrap().clone();
        assert_eq!((event.stage, event.date), (Stage::Addendum, Some(d)));
        assert_eq!(event.source.to_string(), "A/HRC/25/5/Add.1");
    }

    #[test]
    fn recommendations_need_a_footer() {
        let s = "28.1 Do (Chile);\rSource of position: A/HRC/40/6/Add.1 - Para. 2\rNoted\r";
        let err =
            read_recommendations(s.as_bytes(), &ReadOptions::new(), &Context::new()).unwrap_err();
        assert_eq!(
            err.to_string(),
            r#"<input>: line 1: expected a recommendation (invalid matrix record "28.1": the matrix names no review (no footer such as UPR of China (2nd Cycle – 17th session))), found "Do""#
        );
        let p =
            read_recommendations(s.as_bytes(), &ReadOptions::lenient(), &Context::new()).unwrap();
        assert!(p.records.is_empty());
        assert_eq!(p.report.skipped().count(), 1);
        let path = std::env::temp_dir().join(format!("upr-matrix-{}.txt", std::process::id()));
        std::fs::write(&path, sample()).unwrap();
        let from_file = read_recommendations_path(&path, &ReadOptions::new(), &Context::new());
        std::fs::remove_file(&path).unwrap();
        assert_eq!(from_file.unwrap().records.len(), 2);
    }
}
