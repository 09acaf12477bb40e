//! The official "Report of the Working Group on the Universal Periodic Review" as plain text.
//!
//! A Working Group report (`A/HRC/{council session}/{n}`) lists every recommendation made in the
//! interactive dialogue in its section II, "Conclusions and/or recommendations", grouped under
//! headings that give the position of the State under review at the Working Group:
//!
//! | heading says | [`WorkingGroupStatus`] |
//! |---|---|
//! | "enjoy the support of X", "have been examined by X and enjoy the support of X" | `supported` |
//! | "will be examined by X, which will provide responses in due time / in due course / no later than ..." | `to_be_examined` |
//! | "did not enjoy the support of X", "were rejected" | `not_supported` |
//! | "have been noted by X", "will be noted" | `noted` |
//!
//! The first reports (2008-2009) often say only "In the course of the discussion, the following
//! recommendations were made to X" and that "the response of X ... will be included in the outcome
//! report": those recommendations are read as `to_be_examined`. When an item-less paragraph right
//! after such a list gives a status to "the recommendations listed above" (Ghana 2008, Ecuador
//! 2008), that status applies to the list.
//!
//! Two numbering schemes occur. Newer reports number each recommendation `paragraph.n`
//! (`124.1 Further fulfil ... (Kazakhstan);`, read as [`ParagraphRef::Dotted`]). Older ones number
//! items inside one paragraph (`90. The following recommendations will be examined ...: 1. Ratify
//! ... (Chile); 2. ...`), read as [`ParagraphRef::Item`] (`90(1)`); there `91.` can be item 91 of
//! paragraph 90 as well as paragraph 91, and the reader tells them apart by the expected next
//! number and by what follows (a heading, or a recommendation ending with its State in brackets).
//!
//! The texts are extractions from PDF: Mac OS Roman, mixed CR and CRLF line ends, text run on in
//! long lines or broken at every line, page headers (`GE.10-10123`, `A/HRC/13/13`), footnotes
//! (`** The conclusions and recommendations have not been edited.`) between items, and several
//! recommendations run together on one line. The reader keeps what belongs to a recommendation
//! and lists every line it drops in the [`ReadReport`].
//!
//! # Example
//! ```
//! use upr::format::{ReadOptions, wg_report};
//! use upr::WorkingGroupStatus;
//!
//! let text = "II. Conclusions and/or recommendations\n\
//!     125. The following recommendations did not enjoy the support of the State:\n\
//!     125.54 Close all political prison camps immediately (Canada);\n\
//!     126. All conclusions and/or recommendations contained in the present report ...\n";
//! let parsed = wg_report::read(text.as_bytes(), &ReadOptions::new())?;
//! let r = &parsed.records[0];
//! assert_eq!(r.reference.to_string(), "125.54");
//! assert_eq!(r.text, "Close all political prison camps immediately");
//! assert_eq!(r.recommending_raw, ["Canada"]);
//! assert_eq!(r.status, WorkingGroupStatus::NotSupported);
//! # Ok::<(), upr::Error>(())
//! ```
//!
//! [`read_recommendations`] reads a report straight into crate [`Recommendation`]s, as every
//! format's `read_recommendations` does; the report dates its own positions, so the
//! [`Context`] only gives the Working Group session where the text does not.
//!
//! `examples/parse_wg_report.rs` prints a report as JSON lines; `tools/src/bin/wg_agreement`
//! measures the reader against two independent references
//! ([`documentation::wg_report_agreement`](crate::documentation::wg_report_agreement)).
//!
//! # Clustered paragraphs: the split view
//! Since 2012 a numbered recommendation often holds several, each with its own text and
//! State: `129.1. Further consolidate ... (Egypt); Continue to improve ... (Australia);`. The
//! reader keeps the paragraph as the recommendation (its [`text`](WgRecommendation::text) the
//! parts run on as printed, its States all of theirs: the Council counts paragraphs) and its
//! [`parts`](WgRecommendation::parts), each with its own text and States (none for a paragraph
//! that is not clustered: it is its own one part, as [`WgRecommendation::part_count`] says).
//! [`WgRecommendation::split`] gives one recommendation per part, numbered from 1 (`129.1`
//! part 2), and [`WgReport::to_recommendations`] keeps the parts in the crate model
//! ([`Recommendation::parts`], [`Recommendation::split`]). A text is cut after each bracket of
//! States that all resolve and is followed by `;`, `.` or `:`; brackets side by side belong to
//! one part (`(Uruguay) (Mali)`), a bracket with no text before it joins the part before
//! (`Ratify ICRMW (Ecuador); (El Salvador);`). A footnote that the text extraction set on its
//! own line after a complete recommendation (`2 The recommendation as read during the
//! interactive dialogue: ... (Chile)`, or its number on the line above) is dropped, with its
//! next lines up to the next number, and reported (repaired: "dropped a footnote set after a
//! complete recommendation"): its States are not the recommendation's. The footnote's number
//! glued to the text it annotates (`Enact the anti-torture bill9 (Austria);`) is dropped too
//! (repaired: "dropped a footnote number glued to the end of the text"). States written inside
//! the text (`Sign (Uganda) and ratify (Costa Rica) OP-CAT`), before a comment, or parts
//! separated only by ` / ` stay one part. A bracket of States inside a text that ends with
//! States names States of the recommendation too, and stays in its text: `Ratify ICCPR-OP 2
//! (Rwanda) to abolish death penalty (France, Montenegro);` is recommended by Rwanda, France
//! and Montenegro (repaired: "recommending States of 127.9 also taken from brackets inside
//! its text"). When the pieces
//! do not give the paragraph's own States in order, the paragraph stays one part and the report
//! says so (repaired: "the parts of 129.1 not told apart"). How the parts compare with a
//! researcher's parse is in
//! [`documentation::wg_report_agreement`](crate::documentation::wg_report_agreement).
//!
//! ```
//! use upr::format::{ReadOptions, wg_report};
//!
//! let text = "II. Conclusions and/or recommendations\n\
//!     129. The following recommendations enjoy the support of X:\n\
//!     129.1. Further consolidate the institutions (Egypt); Continue to improve it (Australia, Chile);\n";
//! let r = &wg_report::read(text.as_bytes(), &ReadOptions::new())?.records[0];
//! assert_eq!(r.text, "Further consolidate the institutions Continue to improve it");
//! let parts: Vec<(u16, String, Vec<String>)> = r
//!     .split()
//!     .map(|(n, p)| (n, p.text, p.recommending_raw))
//!     .collect();
//! assert_eq!(parts[1], (2, "Continue to improve it".into(), vec!["Australia".into(), "Chile".into()]));
//! # Ok::<(), upr::Error>(())
//! ```
//!
//! # What the report lists
//! - **repaired** (both modes): a recommendation kept after dropping a page header, a footnote or
//!   a comment after its recommending States, a clustered one kept as one part because its
//!   parts could not be told apart, or (lenient mode only) kept with a recommending
//!   State name that [`State::resolve`] does not know (its raw spelling stays in
//!   [`WgRecommendation::recommending_raw`]);
//! - **skipped** (lenient mode; an error in strict mode): a numbered item that has no recommending
//!   State in brackets, an item under a heading that gives no status, a paragraph that gives a
//!   status to recommendations listed elsewhere in the report, a report without section II, or a
//!   State under review (under the title) that does not resolve.

use std::collections::BTreeMap;
use std::path::Path;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

mod header;
mod headings;
mod lines;
mod paragraphs;
mod parser;
mod parts;

use header::{Header, header};
use lines::{Token, leading_token, numbered_lines};
use parser::Parser;

use super::{Context, Parsed, Problems, ReadOptions, ReadReport, read_all};
use crate::format::{encoding, states};
use crate::text::clean_line;
use crate::{
    DocumentSymbol, Error, Location, ParagraphRef, Recommendation, ResponseEvent, Result, Session,
    SourceId, Stage, State, WorkingGroupStatus,
};

/// One recommendation read from section II of a Working Group report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WgRecommendation {
    /// Where it sits: `125.54` ([`ParagraphRef::Dotted`]) or `90(12)` ([`ParagraphRef::Item`]).
    pub reference: ParagraphRef,
    /// The text without its number and without the recommending States in brackets.
    pub text: String,
    /// The recommending States that resolve, in the order written, without duplicates.
    pub recommending: Vec<State>,
    /// The recommending States as written (one entry per State, including those that did not
    /// resolve).
    pub recommending_raw: Vec<String>,
    /// The status the heading above it gives.
    pub status: WorkingGroupStatus,
    /// The 1-based line the recommendation starts on.
    pub line: usize,
    /// Its parts, in the order written, when it is clustered: one per bracket of States that
    /// ends a part (`A (Egypt); B (Australia);`), with that part's text and States, two or
    /// more. Empty when it is not clustered: it is then its own one part, as in
    /// [`Recommendation::parts`] (see [`split`](Self::split), [`part_count`](Self::part_count)
    /// and the [module docs](self#clustered-paragraphs-the-split-view)). Left out of JSON when
    /// empty.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub parts: Vec<WgPart>,
}

/// One part of a clustered recommendation (see [`WgRecommendation::parts`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WgPart {
    /// The part's text, without the States in brackets.
    pub text: String,
    /// Its recommending States that resolve, in order, without duplicates.
    pub recommending: Vec<State>,
    /// Its recommending States as written.
    pub recommending_raw: Vec<String>,
}

impl WgRecommendation {
    /// How many parts it has: those of a cluster, or 1.
    pub fn part_count(&self) -> usize {
        self.parts.len().max(1)
    }

    /// The split view: one recommendation per part, with the part's text and States, and the
    /// part's 1-based number (a recommendation that is not clustered is its own part 1).
    pub fn split(&self) -> impl ExactSizeIterator<Item = (u16, WgRecommendation)> + '_ {
        let whole = [WgPart {
            text: self.text.clone(),
            recommending: self.recommending.clone(),
            recommending_raw: self.recommending_raw.clone(),
        }];
        let parts = if self.parts.is_empty() {
            whole.to_vec()
        } else {
            self.parts.clone()
        };
        parts.into_iter().enumerate().map(|(i, p)| {
            let n = u16::try_from(i + 1).unwrap_or(u16::MAX);
            (
                n,
                WgRecommendation {
                    reference: self.reference,
                    text: p.text.clone(),
                    recommending: p.recommending.clone(),
                    recommending_raw: p.recommending_raw.clone(),
                    status: self.status,
                    line: self.line,
                    parts: Vec::new(),
                },
            )
        })
    }
}

/// A Working Group report: what its header says and the recommendations of its section II.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WgReport {
    /// The State under review, from the name under the title.
    pub state: Option<State>,
    /// That name as written.
    pub state_raw: Option<String>,
    /// The report's symbol, e.g. `A/HRC/13/13`, where the text gives it.
    pub symbol: Option<DocumentSymbol>,
    /// The date under the symbol (`Distr.: General 4 January 2010`).
    pub date: Option<NaiveDate>,
    /// The Human Rights Council session the report is addressed to.
    pub council_session: Option<u16>,
    /// The Working Group session of the review (from `A/HRC/WG.6/{n}/...` or "held its sixth
    /// session").
    pub session: Option<Session>,
    /// The numbered paragraphs of section II with their headings and the status read from them.
    pub paragraphs: Vec<WgParagraph>,
    /// The recommendations, in the order of the report.
    pub recommendations: Vec<WgRecommendation>,
    /// What was skipped or repaired.
    pub report: ReadReport,
}

/// A numbered paragraph of section II: a heading over a list of recommendations, or prose.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WgParagraph {
    /// Its number.
    pub number: u16,
    /// The line it starts on.
    pub line: usize,
    /// Its text up to its first recommendation (the whole text when it has none).
    pub heading: String,
    /// The status its heading gives (or that a later paragraph gives to its list), if any.
    pub status: Option<WorkingGroupStatus>,
    /// How many recommendations were read under it.
    pub recommendations: usize,
}

impl WgReport {
    /// How many recommendations have each status.
    pub fn counts(&self) -> BTreeMap<WorkingGroupStatus, usize> {
        let mut m = BTreeMap::new();
        for r in &self.recommendations {
            *m.entry(r.status).or_insert(0) += 1;
        }
        m
    }

    /// The recommendations as crate [`Recommendation`]s, each with its paragraph reference, the
    /// report's symbol as document and source, and (when the report is dated) a Working Group
    /// response event.
    ///
    /// # Errors
    /// [`Error::Invalid`] when the header gives no State under review or no Working Group
    /// session.
    pub fn to_recommendations(&self) -> Result<Vec<Recommendation>> {
        self.recommendations_in(self.session, "the text gives no Working Group session")
    }

    /// The recommendations as [`to_recommendations`](Self::to_recommendations) makes them, in
    /// `session`; `no_session` says why there is none.
    fn recommendations_in(
        &self,
        session: Option<Session>,
        no_session: &str,
    ) -> Result<Vec<Recommendation>> {
        let name = self.report.input.as_str();
        let invalid = |why: &str| Error::invalid("working group report", name, why);
        let state = self
            .state
            .ok_or_else(|| invalid("the header names no known State under review"))?;
        let session = session.ok_or_else(|| invalid(no_session))?;
        let source = SourceId(
            self.symbol
                .as_ref()
                .map_or_else(|| name.to_owned(), |s| s.to_string()),
        );
        Ok(self
            .recommendations
            .iter()
            .map(|r| self.recommendation(r, state, session, &source))
            .collect())
    }

    /// One recommendation of the report as a crate [`Recommendation`].
    fn recommendation(
        &self,
        r: &WgRecommendation,
        state: State,
        session: Session,
        source: &SourceId,
    ) -> Recommendation {
        let mut rec = Recommendation::new(state, session, r.text.clone(), source.clone())
            .with_recommending(r.recommending.iter().copied())
            .with_reference(r.reference)
            .with_parts(
                r.parts
                    .iter()
                    .map(|p| crate::Part::new(p.text.clone(), p.recommending.iter().copied())),
            );
        if let Some(sym) = &self.symbol {
            rec = rec.with_document(sym.clone());
        }
        if let Some(date) = self.date {
            rec = rec.with_response(ResponseEvent {
                stage: Stage::WorkingGroup,
                date: Some(date),
                precision: crate::DatePrecision::Day,
                status: r.status.response(),
                source: source.clone(),
            });
        }
        rec
    }
}

/// Reads the recommendations of a Working Group report from any reader.
///
/// # Errors
/// In strict mode, the first problem (see the [module docs](self)) as [`Error::Parse`] with its
/// line. In both modes, an I/O failure, or bytes that are not valid in the encoding asked for.
pub fn read(reader: impl std::io::Read, options: &ReadOptions) -> Result<Parsed<WgRecommendation>> {
    let r = read_report(reader, options)?;
    Ok(Parsed {
        records: r.recommendations,
        report: r.report,
    })
}

/// Reads the recommendations of a Working Group report file.
///
/// # Errors
/// As [`read`], and [`Error::Io`] if the file cannot be opened.
pub fn read_path(
    path: impl AsRef<Path>,
    options: &ReadOptions,
) -> Result<Parsed<WgRecommendation>> {
    let r = read_report_path(path, options)?;
    Ok(Parsed {
        records: r.recommendations,
        report: r.report,
    })
}

/// Reads a whole Working Group report (header and recommendations) from any reader.
///
/// # Errors
/// As [`read`].
pub fn read_report(reader: impl std::io::Read, options: &ReadOptions) -> Result<WgReport> {
    let bytes = read_all(reader, options)?;
    let (text, used) = encoding::decode_input(bytes, options)?;
    read_str(&text, used, options)
}

/// Reads a whole Working Group report file (its path names it unless the options do).
///
/// # Errors
/// As [`read`], and [`Error::Io`] if the file cannot be opened.
pub fn read_report_path(path: impl AsRef<Path>, options: &ReadOptions) -> Result<WgReport> {
    let path = path.as_ref();
    let (file, options) = super::open(path, options)?;
    read_report(file, &options)
}

/// Reads a Working Group report as crate [`Recommendation`]s (see
/// [`WgReport::to_recommendations`]), with the report of what was skipped or repaired.
///
/// The report dates its own positions (the date under its symbol) and names the State under
/// review, so `context` only counts where the text gives no Working Group session: then
/// [`Context::session`] is the session.
///
/// ```
/// use upr::format::{Context, ReadOptions, wg_report};
/// use upr::Session;
///
/// let text = "Report of the Working Group on the Universal Periodic Review\n\
///     Chile\n\
///     II. Conclusions and/or recommendations\n\
///     70. The following recommendations enjoy the support of Chile:\n\
///     70.1 Ratify OP-CAT (Canada);\n\
///     71. All conclusions and/or recommendations contained in the present report ...\n";
/// let context = Context::new().with_session(Session::new(5)?);
/// let parsed = wg_report::read_recommendations(text.as_bytes(), &ReadOptions::new(), &context)?;
/// assert_eq!(parsed.records[0].session().number(), 5);
/// # Ok::<(), upr::Error>(())
/// ```
///
/// # Errors
/// As [`read`]; and [`Error::Invalid`] naming the input when the header names no known State
/// under review, or when neither the text nor `context` gives the Working Group session.
pub fn read_recommendations(
    reader: impl std::io::Read,
    options: &ReadOptions,
    context: &Context,
) -> Result<Parsed<Recommendation>> {
    let report = read_report(reader, options)?;
    let records = report.recommendations_in(
        report.session.or(context.session()),
        "the text gives no Working Group session, and the context none",
    )?;
    Ok(Parsed {
        records,
        report: report.report,
    })
}

/// Reads a Working Group report file as crate [`Recommendation`]s (its path names it unless
/// the options do).
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

/// One recommendation paragraph taken apart: number, clean text, recommending States.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SplitRecommendation {
    /// The leading number, if any: `118.1` is dotted, a bare `12.` is a whole paragraph.
    pub reference: Option<ParagraphRef>,
    /// The text without number and recommending States.
    pub text: String,
    /// The recommending States that resolve, in order, without duplicates.
    pub recommending: Vec<State>,
    /// Every recommending State as written.
    pub recommending_raw: Vec<String>,
    /// The names among `recommending_raw` that do not resolve.
    pub unresolved: Vec<String>,
    /// Text found after the recommending States (a comment of the State under review), dropped
    /// from `text`.
    pub comment: Option<String>,
}

/// Takes one recommendation paragraph apart, e.g. `118.4 Consider ... (Chile); Consider ...
/// (Nepal);` into `118.4`, the text of both parts and `[Chile, Nepal]`.
///
/// The recommending States are the bracket group(s) at the end (`(Argentina) (Côte d’Ivoire)`,
/// `(Cuba, Ghana and the Netherlands)`, `(Bolivia (Plurinational State of))`); a bracket of
/// States followed by `;` inside the paragraph ends one part of a clustered recommendation.
/// Returns `None` when the paragraph does not end with a bracket (nor has one followed by a
/// comment) that could name recommending States.
pub fn split_recommendation(paragraph: &str) -> Option<SplitRecommendation> {
    let t = clean_line(paragraph);
    let (reference, body) = match leading_token(&t) {
        Some((Token::Dotted(p, n), rest)) => (
            Some(ParagraphRef::Dotted {
                paragraph: p,
                number: n,
            }),
            rest,
        ),
        Some((Token::Plain(p), rest)) => (Some(ParagraphRef::Paragraph(p)), rest),
        None => (None, t.as_str()),
    };
    let s = states::split(body)?;
    Some(SplitRecommendation {
        reference,
        text: s.run_on_text(),
        recommending: s.states(),
        recommending_raw: s.raw(),
        unresolved: s.unresolved(),
        comment: s.comment,
    })
}

/// The State under review the header names; a name that does not resolve is a skip.
fn state_under_review(h: &Header, problems: &mut Problems) -> Result<Option<State>> {
    let Some((n, raw)) = &h.state_raw else {
        return Ok(None);
    };
    match State::resolve(raw) {
        Ok(s) => Ok(Some(s)),
        Err(_) => {
            problems.skip(
                Location::Line(*n),
                "the name of a known State under review under the title",
                raw,
            )?;
            Ok(None)
        }
    }
}

/// A recommendation longer than any of the corpus, with more States than any: a sign that the
/// numbers of several were lost (in the 176 reports of `wg-reports/` the longest text has 2,523
/// characters, israel2009 100(34), and the most States one recommendation has is 18, belgium2011
/// 100.9).
const LONG_TEXT: usize = 3000;
/// See [`LONG_TEXT`].
const MANY_STATES: usize = 20;

/// Reports a recommendation that runs to thousands of characters with dozens of States.
fn oversized(r: &WgRecommendation, problems: &mut Problems) {
    let states = r.recommending_raw.len();
    // The cheap tests first: a text is never longer in characters than in bytes.
    if states < MANY_STATES || r.text.len() <= LONG_TEXT {
        return;
    }
    let chars = r.text.chars().count();
    if chars > LONG_TEXT {
        problems.repair(
            Location::Line(r.line),
            format!(
                "recommendation {} runs to {chars} characters with {states} recommending States (check for numbers lost in its text)",
                r.reference
            ),
            &r.text,
        );
    }
}

fn read_str(text: &str, used: encoding::Decoded, options: &ReadOptions) -> Result<WgReport> {
    let lines = numbered_lines(text);
    let mut problems = Problems::new(options);
    let h = header(&lines);
    let state = state_under_review(&h, &mut problems)?;
    let mut parser = Parser::new(&lines, problems);
    parser.whole_report = h.state_raw.is_some();
    parser.section()?;
    let (recommendations, paragraphs) = parser.finish()?;
    for r in &recommendations {
        oversized(r, &mut parser.problems);
    }
    let mut report = parser.problems.finish(used, recommendations.len());
    report.problems.sort_by_key(|p| match p.location {
        Location::Line(n) | Location::Record(n) | Location::Byte(n) => n,
        Location::Whole => 0,
    });
    Ok(WgReport {
        state,
        state_raw: h.state_raw.map(|(_, s)| s),
        symbol: h.symbol,
        date: h.date,
        council_session: h.council_session,
        session: h.session,
        paragraphs,
        recommendations,
        report,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const OLD: &str = "Report of the Working Group on the Universal Periodic Review\r\
Democratic People\u{2019}s Republic of Korea\r\
Distr.: General 4 January 2010\r\
II. Conclusions and/or recommendations\r\
90. The following recommendations will be examined by DPRK which will provide responses in due time:\r\
1. \r\
Ratify CAT (Canada); \r\
\r\
2. \r\
Grant access to the Special Rapporteur and the\r\
\r\
GE.10-10123\r\
Special Rapporteur on food (Republic of Korea); \r\
3. Consider visits (Holy See). \r\
91. The following recommendations did not enjoy the support of DPRK: \r\
1. \r\
Close the camps (Canada, Republic of Korea and Holy See); \r\
92. All conclusions and/or recommendations contained in the present report reflect ...\r\
Annex\r";

    /// A list with footnotes that text extraction set among the recommendations (kuwait2010,
    /// norway2010, uganda2011): each has States of its own in brackets; one runs over two lines.
    const FOOTNOTES: &str = "Report of the Working Group on the Universal Periodic Review\n\
Kuwait\n\
II. Conclusions and/or recommendations\n\
79. The following recommendations enjoy the support of Kuwait:\n\
79.1. Continue its efforts through its Future Generation Fund (Bhutan, Islamic Republic of Iran);\n\
2 The recommendation as read during the interactive dialogue: \u{201c}Extend a standing\n\
invitation\u{201d} (Chile)\n\
79.2. Further strengthen human rights training for police officers (Viet Nam);\n\
3\n\
The recommendation as read during the interactive dialogue: ratify CED (Mexico).\n\
79.3. Ratify the Convention (Austria);\n\
80. The following recommendations will be examined by Kuwait:\n\
1. Adopt a list of hazardous jobs for children (United States of America);\n\
2 Ratify the Convention against Torture (Canada);\n\
81. All conclusions and/or recommendations contained in the present report reflect ...\n";

    #[test]
    fn footnotes_set_among_the_recommendations_are_dropped_with_their_states() {
        let r = read_report(FOOTNOTES.as_bytes(), &ReadOptions::new()).unwrap();
        let got: Vec<(String, &str, Vec<State>)> = r
            .recommendations
            .iter()
            .map(|x| {
                (
                    x.reference.to_string(),
                    x.text.as_str(),
                    x.recommending.clone(),
                )
            })
            .collect();
        let state = |n: &str| State::resolve(n).unwrap();
        assert_eq!(
            got,
            [
                (
                    "79.1".to_owned(),
                    "Continue its efforts through its Future Generation Fund",
                    vec![state("Bhutan"), state("Iran")]
                ),
                (
                    "79.2".to_owned(),
                    "Further strengthen human rights training for police officers",
                    vec![state("Viet Nam")]
                ),
                (
                    "79.3".to_owned(),
                    "Ratify the Convention",
                    vec![state("Austria")]
                ),
                (
                    "80(1)".to_owned(),
                    "Adopt a list of hazardous jobs for children",
                    vec![state("United States of America")]
                ),
                // The next item, its number written without the dot, is an item still.
                (
                    "80(2)".to_owned(),
                    "Ratify the Convention against Torture",
                    vec![state("Canada")]
                ),
            ]
        );
        let dropped: Vec<(Location, &str)> = r
            .report
            .repaired()
            .filter(|p| {
                p.reason
                    .contains("a footnote set after a complete recommendation")
            })
            .map(|p| (p.location, p.found.as_str()))
            .collect();
        assert_eq!(dropped.len(), 3, "{:?}", r.report);
        assert_eq!(dropped[0].0, Location::Line(6));
        assert!(dropped[0].1.starts_with("2 The recommendation as read"));
        // The footnote's next line goes with it (poland2012, 90.98).
        assert_eq!(
            dropped[1],
            (Location::Line(7), "invitation\u{201d} (Chile)")
        );
        assert_eq!(dropped[2].0, Location::Line(10));
        assert!(dropped[2].1.ends_with("ratify CED (Mexico)."));
    }

    #[test]
    fn states_inside_a_merged_recommendation_are_among_its_states() {
        let text = "Report of the Working Group on the Universal Periodic Review\n\
Myanmar\n\
II. Conclusions and/or recommendations\n\
127. The following recommendations enjoy the support of Myanmar:\n\
127.9 Ratify ICCPR-OP 2 (Rwanda) to abolish death penalty (France, Montenegro);\n\
127.10 Sign (Portugal) and ratify OP-CAT (Chile); Recognize the National League for Democracy (NLD) and talk to it (Austria);\n\
127.11 Recognize the National League for Democracy (NLD) (Japan);\n\
128. All conclusions and/or recommendations contained in the present report reflect ...\n";
        let r = read_report(text.as_bytes(), &ReadOptions::new()).unwrap();
        let codes = |v: &[State]| v.iter().map(|s| s.alpha3()).collect::<Vec<_>>();
        let [a, b, c] = &r.recommendations[..] else {
            panic!("{:?}", r.recommendations)
        };
        // Rwanda made the first clause, France and Montenegro all of it; the text is as printed.
        assert_eq!(codes(&a.recommending), ["RWA", "FRA", "MNE"]);
        assert_eq!(a.recommending_raw, ["Rwanda", "France", "Montenegro"]);
        assert_eq!(
            a.text,
            "Ratify ICCPR-OP 2 (Rwanda) to abolish death penalty"
        );
        // In a cluster, each part has the States inside it; an abbreviation is no State.
        assert_eq!(codes(&b.recommending), ["PRT", "CHL", "AUT"]);
        let parts: Vec<Vec<&str>> = b.parts.iter().map(|p| codes(&p.recommending)).collect();
        assert_eq!(parts, [vec!["PRT", "CHL"], vec!["AUT"]]);
        assert_eq!(codes(&c.recommending), ["JPN"]);
        let inside: Vec<Location> = r
            .report
            .repaired()
            .filter(|p| {
                p.reason
                    .contains("also taken from brackets inside its text")
            })
            .map(|p| p.location)
            .collect();
        assert_eq!(inside, [Location::Line(5), Location::Line(6)]);
    }

    #[test]
    fn item_lists_and_headings() {
        let r = read_report(OLD.as_bytes(), &ReadOptions::new()).unwrap();
        assert_eq!(r.state, Some(State::PRK));
        assert_eq!(r.date, NaiveDate::from_ymd_opt(2010, 1, 4));
        let refs: Vec<String> = r
            .recommendations
            .iter()
            .map(|x| x.reference.to_string())
            .collect();
        assert_eq!(refs, ["90(1)", "90(2)", "90(3)", "91(1)"]);
        let x = &r.recommendations[1];
        assert_eq!(
            x.text,
            "Grant access to the Special Rapporteur and the Special Rapporteur on food"
        );
        assert_eq!(x.status, WorkingGroupStatus::ToBeExamined);
        assert_eq!(x.line, 9);
        let x = &r.recommendations[3];
        assert_eq!(x.status, WorkingGroupStatus::NotSupported);
        assert_eq!(
            x.recommending_raw,
            ["Canada", "Republic of Korea", "Holy See"]
        );
        assert_eq!(x.recommending.len(), 3);
        // The page header inside item 2 is dropped and reported.
        assert_eq!(r.report.problems.len(), 1);
        assert_eq!(r.report.problems[0].location, Location::Line(12));
        assert_eq!(r.report.problems[0].reason, "dropped page furniture");
    }

    #[test]
    fn header_and_model_recommendations() {
        let text = "United Nations A/HRC/13/13\n\
                    Distr.: General 4 January 2010\n\
                    Human Rights Council Thirteenth session\n\
                    Report of the Working Group on the Universal Periodic Review*\n\
                    Democratic People\u{2019}s Republic of Korea\n\
                    * Previously issued under document symbol A/HRC/WG.6/6/L.12\n\
                    II. Conclusions and/or recommendations\n\
                    91. The following recommendations did not enjoy the support of DPRK:\n\
                    1. Close the camps (Canada);\n\
                    92. All conclusions and/or recommendations contained in the present report ...\n";
        let r = read_report(text.as_bytes(), &ReadOptions::new()).unwrap();
        assert_eq!(
            r.symbol.as_ref().map(DocumentSymbol::as_str),
            Some("A/HRC/13/13")
        );
        assert_eq!(r.council_session, Some(13));
        assert_eq!(r.session.map(Session::number), Some(6));
        assert_eq!(r.paragraphs.len(), 1);
        assert_eq!(
            r.paragraphs[0].status,
            Some(WorkingGroupStatus::NotSupported)
        );
        assert_eq!(r.paragraphs[0].recommendations, 1);
        let recs = r.to_recommendations().unwrap();
        assert_eq!(recs.len(), 1);
        assert_eq!(recs[0].state_under_review(), State::PRK);
        assert_eq!(
            recs[0].reference().map(|x| x.to_string()).as_deref(),
            Some("91(1)")
        );
        assert_eq!(
            recs[0].document().map(DocumentSymbol::as_str),
            Some("A/HRC/13/13")
        );
        let e = recs[0].responses().latest().unwrap();
        assert_eq!(e.status, crate::ResponseStatus::RejectedAtWorkingGroup);
        assert_eq!(e.date, NaiveDate::from_ymd_opt(2010, 1, 4));
        // Without a session in the text the crate model cannot be built.
        let bare = read_report(
            &text.as_bytes()[text.find("II.").unwrap()..],
            &ReadOptions::new(),
        )
        .unwrap();
        assert_eq!(
            bare.to_recommendations().unwrap_err().to_string(),
            r#"invalid working group report "<input>": the header names no known State under review"#
        );
    }

    #[test]
    fn unknown_state_strict_and_lenient() {
        let text = "II. Conclusions and/or recommendations\n\
                    124. The recommendations below did not enjoy the support of X:\n\
                    124.1 Do this (Atlantis);\n\
                    124.2 Do that (Canada).\n";
        let err = read(text.as_bytes(), &ReadOptions::new().with_name("r.txt")).unwrap_err();
        assert_eq!(
            err.to_string(),
            r#"r.txt: line 3: expected a known State name among the recommending States of 124.1, found "Atlantis""#
        );
        let p = read(text.as_bytes(), &ReadOptions::lenient()).unwrap();
        assert_eq!(p.records.len(), 2);
        assert_eq!(p.records[0].recommending_raw, ["Atlantis"]);
        assert!(p.records[0].recommending.is_empty());
        assert_eq!(p.report.repaired().count(), 1);
        assert_eq!(p.records[1].status, WorkingGroupStatus::NotSupported);
    }

    #[test]
    fn item_without_states_is_skipped() {
        let text = "II. Conclusions and/or recommendations\n\
                    70. The following recommendations enjoy the support of X:\n\
                    70.1 A comment without a State;\n\
                    70.2 Ratify (Canada);\n";
        let err = read(text.as_bytes(), &ReadOptions::new()).unwrap_err();
        assert_eq!(
            err.to_string(),
            r#"<input>: line 3: expected recommendation 70.1 to end with its recommending State(s) in brackets, found "A comment without a State;""#
        );
        let p = read(text.as_bytes(), &ReadOptions::lenient()).unwrap();
        assert_eq!(p.records.len(), 1);
        assert_eq!(p.records[0].status, WorkingGroupStatus::Supported);
    }

    #[test]
    fn no_section_is_an_error_in_strict_mode() {
        let err = read(&b"nothing here"[..], &ReadOptions::new()).unwrap_err();
        assert_eq!(
            err.to_string(),
            r#"<input>: input: expected a section II "Conclusions and/or recommendations", found "no such heading""#
        );
        let p = read(&b"nothing here"[..], &ReadOptions::lenient()).unwrap();
        assert!(p.records.is_empty());
        assert_eq!(p.report.skipped().count(), 1);
    }

    #[test]
    fn split_clusters_and_nested_brackets() {
        let s = split_recommendation(
            "118.4 Consider ratifying the Second Optional Protocol (Canada); Consider ratifying it (Republic of Korea);",
        )
        .unwrap();
        assert_eq!(
            s.reference,
            Some(ParagraphRef::Dotted {
                paragraph: 118,
                number: 4
            })
        );
        assert_eq!(
            s.text,
            "Consider ratifying the Second Optional Protocol Consider ratifying it"
        );
        assert_eq!(s.recommending_raw, ["Canada", "Republic of Korea"]);
        let s = split_recommendation(
            "118.30 Ratify the Protocol (Maputo Protocol) (Holy See) (Canada);",
        )
        .unwrap();
        assert_eq!(s.text, "Ratify the Protocol (Maputo Protocol)");
        assert_eq!(s.recommending_raw, ["Holy See", "Canada"]);
        // A space before the ';' that ends a clustered recommendation.
        let s = split_recommendation("Adopt a law (Argentina) ;Work with NGOs (Chile);").unwrap();
        assert_eq!(s.recommending_raw, ["Argentina", "Chile"]);
        assert_eq!(s.text, "Adopt a law Work with NGOs");
        let s = split_recommendation("Do it (Bolivia (Plurinational State of))1;").unwrap();
        assert_eq!(s.text, "Do it");
        assert!(s.unresolved.is_empty(), "{:?}", s.unresolved);
        assert_eq!(s.recommending, [State::resolve("Bolivia").unwrap()]);
        let s = split_recommendation("Ensure X (Canada): The State does not accept this.").unwrap();
        assert_eq!(s.text, "Ensure X");
        assert_eq!(
            s.comment.as_deref(),
            Some("The State does not accept this.")
        );
        assert_eq!(split_recommendation("No bracket at all;"), None);
    }

    #[test]
    fn thousands_of_run_on_items_on_one_line() {
        let mut text = String::from(
            "II. Conclusions and/or recommendations\n90. The following recommendations enjoy the support of X: ",
        );
        for i in 1..=999 {
            text.push_str(&format!("{i}. Ratify treaty {i} (Canada); "));
        }
        text.push_str("\n91. All conclusions and/or recommendations ...\n");
        let p = read(text.as_bytes(), &ReadOptions::new()).unwrap();
        assert_eq!(p.records.len(), 999);
        assert_eq!(p.records[998].text, "Ratify treaty 999");
        // Unbalanced brackets by the thousand: no panic, no recommendation.
        let junk = format!(
            "II. Conclusions and/or recommendations\n90. The following recommendations enjoy the support of X:\n90.1 {}",
            "(".repeat(100_000)
        );
        let p = read(junk.as_bytes(), &ReadOptions::lenient()).unwrap();
        assert!(p.records.is_empty());
    }

    #[test]
    fn run_on_items_are_split() {
        let text = "II. Conclusions and/or recommendations\n\
                    90. The following recommendations will be examined by X, which will provide responses in due time: 1. Ratify A (Canada); 2. Ratify B (Holy See); 3. Ratify C (Canada).\n\
                    91. All conclusions and/or recommendations ...\n";
        let p = read(text.as_bytes(), &ReadOptions::new()).unwrap();
        let texts: Vec<&str> = p.records.iter().map(|r| r.text.as_str()).collect();
        assert_eq!(texts, ["Ratify A", "Ratify B", "Ratify C"]);
    }

    #[test]
    fn a_recommendation_has_parts_only_when_clustered_and_reads_back_from_json() {
        let text = "II. Conclusions and/or recommendations\n\
                    90. The following recommendations enjoy the support of X:\n\
                    90.1 Ratify A (Canada);\n\
                    90.2 Ratify B (Chile, Peru);\n\
                    90.3 Do C (Egypt); Do D (Australia);\n\
                    91. All conclusions and/or recommendations ...\n";
        let p = read(text.as_bytes(), &ReadOptions::new()).unwrap();
        let counts: Vec<(usize, usize)> = p
            .records
            .iter()
            .map(|r| (r.parts.len(), r.part_count()))
            .collect();
        assert_eq!(counts, [(0, 1), (0, 1), (2, 2)]);
        let split: Vec<usize> = p.records.iter().map(|r| r.split().len()).collect();
        assert_eq!(split, [1, 1, 2]);
        assert!(p.records[2].split().all(|(_, part)| part.parts.is_empty()));
        let json = serde_json::to_string(&p.records).unwrap();
        assert_eq!(json.matches("\"parts\"").count(), 1);
        let back: Vec<WgRecommendation> = serde_json::from_str(&json).unwrap();
        assert_eq!(back, p.records);
    }

    const NO_SESSION: &str = "Report of the Working Group on the Universal Periodic Review\n\
        Chile\n\
        II. Conclusions and/or recommendations\n\
        70. The following recommendations enjoy the support of Chile:\n\
        70.1 Ratify OP-CAT (Canada);\n\
        70.2 A comment without a State;\n";

    #[test]
    fn recommendations_in_the_session_of_the_context() {
        let context = Context::new().with_session(Session::new(5).unwrap());
        let p =
            read_recommendations(NO_SESSION.as_bytes(), &ReadOptions::lenient(), &context).unwrap();
        assert_eq!(p.records.len(), 1);
        let r = &p.records[0];
        assert_eq!(r.state_under_review(), State::resolve("Chile").unwrap());
        assert_eq!(r.session().number(), 5);
        assert_eq!(r.text(), "Ratify OP-CAT");
        // Undated: no response event; the skipped item is in the report.
        assert!(r.responses().latest().is_none());
        assert_eq!(p.report.records, 1);
        assert_eq!(p.report.skipped().count(), 1);
    }

    #[test]
    fn the_report_s_own_session_wins() {
        let text = NO_SESSION.replace(
            "Chile\n",
            "Chile\nThe Working Group held its sixth session from 30 November to 11 December 2009.\n",
        );
        let context = Context::new().with_session(Session::new(5).unwrap());
        let p = read_recommendations(text.as_bytes(), &ReadOptions::lenient(), &context).unwrap();
        assert_eq!(p.records[0].session().number(), 6);
    }

    #[test]
    fn recommendations_without_a_session_anywhere() {
        let options = ReadOptions::lenient().with_name("chile.txt");
        let err =
            read_recommendations(NO_SESSION.as_bytes(), &options, &Context::new()).unwrap_err();
        assert_eq!(
            err.to_string(),
            r#"invalid working group report "chile.txt": the text gives no Working Group session, and the context none"#
        );
        // Strict mode stops at the item without a State first.
        let err = read_recommendations(NO_SESSION.as_bytes(), &ReadOptions::new(), &Context::new())
            .unwrap_err();
        assert!(
            err.to_string()
                .starts_with("<input>: line 6: expected recommendation 70.2")
        );
    }

    #[test]
    fn recommendations_from_a_file_named_after_it() {
        let path = std::env::temp_dir().join(format!("upr-wg-{}.txt", std::process::id()));
        std::fs::write(&path, NO_SESSION).unwrap();
        let err =
            read_recommendations_path(&path, &ReadOptions::lenient(), &Context::new()).unwrap_err();
        let context = Context::new().with_session(Session::new(5).unwrap());
        let p = read_recommendations_path(&path, &ReadOptions::lenient(), &context).unwrap();
        std::fs::remove_file(&path).unwrap();
        assert!(
            err.to_string().contains(&path.display().to_string()),
            "{err}"
        );
        assert_eq!(p.report.input, path.display().to_string());
        assert_eq!(p.records.len(), 1);
        let missing = read_recommendations_path(&path, &ReadOptions::new(), &context);
        assert!(matches!(missing, Err(Error::Io { .. })), "{missing:?}");
    }
}
