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

use super::states::split_text;
use super::{Parsed, Problems, ReadOptions, read_all};
use crate::format::encoding;
use crate::text::clean;
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
    /// paragraph that lists all supported recommendations).
    pub paragraph: ParagraphRef,
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
    /// The review, from the page footer.
    pub review: Option<MatrixReview>,
}

impl MatrixRecord {
    /// The crate [`Recommendation`]: the review's State and session, this paragraph, the
    /// Working Group report (the addendum's base symbol) as document.
    ///
    /// The matrix does not date the addendum, so the position becomes a [`ResponseEvent`]
    /// (stage [`Stage::Addendum`]) only when `position_date` is given; otherwise it stays on the
    /// record ([`MatrixRecord::position`]).
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
        if let Some(date) = position_date {
            let source = self.source_of_position.as_ref().map_or_else(
                || SourceId::from(SOURCE),
                |s| SourceId(s.document.to_string()),
            );
            rec = rec.with_response(ResponseEvent {
                stage: Stage::Addendum,
                date,
                precision: DatePrecision::Day,
                status: self.position.status(),
                source,
            });
        }
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
    let bytes = read_all(reader, options)?;
    let (text, used) = encoding::decode(&bytes, options.encoding())?;
    read_str(&text, used, options)
}

/// Reads a matrix file (its path names it in errors unless the options name it).
///
/// # Errors
/// As [`read`], and [`Error::Io`] if the file cannot be opened.
pub fn read_path(path: impl AsRef<Path>, options: &ReadOptions) -> Result<Parsed<MatrixRecord>> {
    let path = path.as_ref();
    let (file, options) = super::open(path, options)?;
    read(file, &options)
}

const TABLE_HEADER: [&str; 4] = [
    "Recommendation",
    "Position",
    "Full list of themes",
    "Assessment/comments on level of implementation",
];

/// Where in a row the reader is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Slot {
    /// The recommendation text (it may run on over several lines).
    Text,
    /// After `Source of position`.
    Source,
    /// After the position: theme and SDG lines.
    Codes,
    /// After `Affected persons:`.
    Affected,
}

struct Pending {
    line: usize,
    paragraph: ParagraphRef,
    text: String,
    slot: Slot,
    source: Option<PositionSource>,
    source_seen: bool,
    position: Option<UprPosition>,
    themes: Vec<UhriTheme>,
    sdgs: Vec<Sdg>,
    affected: Vec<AffectedPersons>,
    section: Option<UhriTheme>,
}

/// `186.28. text` or `28.212 text`: the paragraph and the text after it.
fn paragraph_line(t: &str) -> Option<(ParagraphRef, &str)> {
    let (first, rest) = t.split_once(' ')?;
    let num = first.strip_suffix('.').unwrap_or(first);
    let (p, n) = num.split_once('.')?;
    let digits = |x: &str| !x.is_empty() && x.len() <= 3 && x.bytes().all(|b| b.is_ascii_digit());
    if !digits(p) || !digits(n) {
        return None;
    }
    Some((num.parse().ok()?, rest.trim()))
}

/// Whether a row's text ends like a whole recommendation: with States in brackets.
fn text_is_complete(text: &str) -> bool {
    let t = text.trim_end_matches(|c: char| c.is_whitespace() || ";.".contains(c));
    t.ends_with(')') && split_text(t).is_some_and(|s| !s.states.is_empty())
}

/// `Source of position: A/HRC/25/5/Add.1 - Para. 186.28.`
fn source_line(rest: &str) -> Option<PositionSource> {
    let (doc, para) = rest.split_once(" - ")?;
    let para = para.trim();
    let para = ["Paras.", "Para.", "Paras", "Para", "para.", "para"]
        .iter()
        .find_map(|p| para.strip_prefix(p))?
        .trim();
    let para = para.strip_suffix('.').unwrap_or(para);
    Some(PositionSource {
        document: DocumentSymbol::new(doc.trim()).ok()?,
        paragraph: para.parse().ok()?,
    })
}

/// `UPR of China (2nd Cycle – 17th session) ...`
fn footer(t: &str) -> Option<MatrixReview> {
    let rest = t.strip_prefix("UPR of ")?;
    let (name, inside) = rest.split_once(" (")?;
    let (inside, _) = inside.split_once(')')?;
    let (cycle, session) = inside.split_once(['–', '-', '—'])?;
    let cycle = cycle.trim();
    let cycle = cycle
        .strip_suffix("Cycle")
        .or_else(|| cycle.strip_suffix("cycle"))?
        .trim()
        .parse::<Cycle>()
        .ok()?;
    let session = session.trim().parse::<Session>().ok()?;
    let state_under_review = State::resolve(name.trim()).ok()?;
    Some(MatrixReview {
        state_under_review,
        cycle,
        session,
    })
}

fn read_str(
    text: &str,
    used: crate::Encoding,
    options: &ReadOptions,
) -> Result<Parsed<MatrixRecord>> {
    let mut problems = Problems::new(options);
    let text = encoding::normalize_newlines(text);
    let mut out: Vec<MatrixRecord> = Vec::new();
    let mut pending: Option<Pending> = None;
    let mut section: Option<UhriTheme> = None;
    let mut review: Option<MatrixReview> = None;

    for (i, raw) in text.split('\n').enumerate() {
        let n = i + 1;
        let loc = Location::Line(n);
        let t = clean(raw);
        let slot = pending.as_ref().map(|p| p.slot);

        if t.is_empty() {
            // A blank line ends a row once its text is complete.
            if slot.is_some_and(|s| s != Slot::Text) {
                finish(pending.take(), &mut out, &mut problems)?;
            }
            continue;
        }
        if t.starts_with("UPR of ") {
            match footer(&t) {
                Some(r) => match review {
                    Some(prev) if prev != r => problems.flaw(
                        loc,
                        "the same review in every footer",
                        "kept the first",
                        &t,
                    )?,
                    Some(_) => {}
                    None => {
                        if r.session.cycle() != r.cycle {
                            problems.flaw(
                                loc,
                                &format!(
                                    "a Working Group session of cycle {} in the footer",
                                    r.cycle
                                ),
                                "kept the footer",
                                &t,
                            )?;
                        }
                        review = Some(r);
                    }
                },
                None => problems.flaw(
                    loc,
                    "a footer such as UPR of China (2nd Cycle – 17th session)",
                    "left it out",
                    &t,
                )?,
            }
            continue;
        }
        if slot != Some(Slot::Text) && TABLE_HEADER.contains(&t.as_str()) {
            continue;
        }
        if let Some(h) = t.strip_prefix("Theme:") {
            finish(pending.take(), &mut out, &mut problems)?;
            section = match UhriTheme::parse(h) {
                Ok(s) => Some(s),
                Err(_) => {
                    problems.flaw(
                        loc,
                        "a theme code and name after Theme:",
                        "records under it get no section",
                        &t,
                    )?;
                    None
                }
            };
            continue;
        }
        if let Some((paragraph, _)) = paragraph_line(&t) {
            // A numbered line starts a new row unless the row before is still in its text and
            // that text does not yet end with its States in brackets.
            let open_text = pending
                .as_ref()
                .is_some_and(|p| p.slot == Slot::Text && !text_is_complete(&p.text));
            if !open_text {
                finish(pending.take(), &mut out, &mut problems)?;
                pending = Some(Pending {
                    line: n,
                    paragraph,
                    text: t.clone(),
                    slot: Slot::Text,
                    source: None,
                    source_seen: false,
                    position: None,
                    themes: Vec::new(),
                    sdgs: Vec::new(),
                    affected: Vec::new(),
                    section: section.clone(),
                });
                continue;
            }
        }
        let Some(p) = pending.as_mut() else {
            problems.flaw(
                loc,
                "a recommendation starting with its paragraph number, or a Theme: heading",
                "left the line out",
                &t,
            )?;
            continue;
        };
        let low = t.to_ascii_lowercase();
        if let Some(rest) = low
            .starts_with("source of position")
            .then(|| t.get("source of position".len()..).unwrap_or_default())
        {
            let rest = rest.trim_start_matches([':', ' ']);
            p.source_seen = true;
            p.slot = Slot::Source;
            match source_line(rest) {
                Some(s) => p.source = Some(s),
                None => problems.flaw(
                    loc,
                    "Source of position: a document symbol - Para. a paragraph",
                    "left the source out",
                    &t,
                )?,
            }
            continue;
        }
        if matches!(p.slot, Slot::Text | Slot::Source) {
            if let Ok(pos) = UprPosition::parse(&t) {
                p.position = Some(pos);
                p.slot = Slot::Codes;
                continue;
            }
        }
        if low == "affected persons:" || low == "affected persons" {
            p.slot = Slot::Affected;
            continue;
        }
        match p.slot {
            Slot::Text => {
                p.text.push(' ');
                p.text.push_str(&t);
            }
            Slot::Source => problems.flaw(
                loc,
                "Supported or Noted after the source of position",
                "left the line out",
                &t,
            )?,
            Slot::Codes => {
                let is_sdg = t
                    .strip_prefix('S')
                    .is_some_and(|r| r.starts_with(|c: char| c.is_ascii_digit()));
                if is_sdg {
                    match Sdg::parse(&t) {
                        Ok(g) => {
                            if !p.sdgs.contains(&g) {
                                p.sdgs.push(g);
                            }
                        }
                        Err(_) => problems.flaw(
                            loc,
                            "an SDG line such as S16 SDG 16 - peace, justice and strong institutions",
                            "left the line out",
                            &t,
                        )?,
                    }
                } else {
                    match UhriTheme::parse(&t) {
                        Ok(th) => p.themes.push(th),
                        Err(_) => problems.flaw(
                            loc,
                            "a theme line such as A12 Acceptance of international norms",
                            "left the line out",
                            &t,
                        )?,
                    }
                }
            }
            Slot::Affected => match t.strip_prefix('-') {
                Some(a) => p.affected.push(AffectedPersons::parse(a)),
                None => problems.flaw(
                    loc,
                    "an affected-persons line such as - women",
                    "left the line out",
                    &t,
                )?,
            },
        }
    }
    finish(pending.take(), &mut out, &mut problems)?;
    for r in &mut out {
        r.review = review;
    }
    Ok(problems.parsed(used, out))
}

/// Checks a finished row and adds it to `out`.
fn finish(
    pending: Option<Pending>,
    out: &mut Vec<MatrixRecord>,
    problems: &mut Problems,
) -> Result<()> {
    let Some(p) = pending else { return Ok(()) };
    let loc = Location::Line(p.line);
    let Some(position) = p.position else {
        problems.skip(
            loc,
            "a position (Supported or Noted) after the recommendation",
            &p.text,
        )?;
        return Ok(());
    };
    if !p.source_seen {
        problems.flaw(
            loc,
            "a Source of position line after the recommendation",
            "kept without a source",
            &p.text,
        )?;
    }
    let body = paragraph_line(&p.text).map_or(p.text.as_str(), |(_, r)| r);
    let (text, recommending, unresolved) = match split_text(body) {
        Some(s) => {
            if !s.unresolved.is_empty() {
                problems.flaw(
                    loc,
                    &format!("known State names in brackets (not {:?})", s.unresolved),
                    "kept the names that resolve",
                    &p.text,
                )?;
            }
            (s.text, s.states, s.unresolved)
        }
        None => {
            problems.flaw(
                loc,
                "recommending States in brackets at the end of the recommendation",
                "kept the text as written",
                &p.text,
            )?;
            (body.to_owned(), Vec::new(), Vec::new())
        }
    };
    out.push(MatrixRecord {
        line: p.line,
        paragraph: p.paragraph,
        text,
        recommending,
        unresolved,
        source_of_position: p.source,
        position,
        section: p.section,
        themes: p.themes,
        sdgs: p.sdgs,
        affected_persons: p.affected,
        review: None,
    });
    Ok(())
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
        assert_eq!(src.paragraph.to_string(), "186.28");
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
        assert!(rec.responses().is_empty());
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
}
