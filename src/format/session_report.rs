//! The Human Rights Council's session report (`A/HRC/{session}/2`): the official per-State
//! figures of every review outcome adopted at that session.
//!
//! From the second cycle on, the President's summary for each State under review reads
//!
//! > The President of the Human Rights Council stated that, based on the information provided,
//! > out of 163 recommendations received, Slovenia had supported 142 recommendations and noted 21.
//!
//! sometimes followed by "The State had provided additional information on the remaining 23
//! recommendations, clearly indicating which part of each recommendation had been supported and
//! which part had been noted" (read as [`StateFigures::clarified`]: supported in part), or
//! worded "had noted all of the 167 recommendations". First-cycle reports have no such summary;
//! there the State's own statement is read where it gives a count against the total ("it had
//! rejected only 5 of the 97 recommendations made").
//!
//! The report is cut into one section per State at "The review of X was held on D Month YYYY";
//! the decisions in Part One ("Having conducted the review of X on ... Adopts the outcome ...
//! 19th meeting 19 March 2015") give each outcome's adoption date. Figures stated by other
//! speakers (a State commending "the acceptance of 135 of 176 recommendations") are not read:
//! only the President and the State under review speak for the outcome.
//!
//! ```
//! use upr::format::{ReadOptions, session_report};
//! use upr::State;
//!
//! let text = "A/HRC/28/2\n\
//!     819. The review of Slovenia was held on 4 November 2014 in conformity with all the\n\
//!     relevant provisions.\n\
//!     849. The President of the Human Rights Council stated that, based on the information\n\
//!     provided, out of 163 recommendations received, Slovenia had supported 142\n\
//!     recommendations and noted 21.\n";
//! let report = session_report::read(text.as_bytes(), &ReadOptions::new())?;
//! let svn = &report.states[0];
//! assert_eq!(svn.state, State::resolve("Slovenia")?);
//! assert_eq!((svn.received, svn.supported, svn.noted), (163, Some(142), Some(21)));
//! assert_eq!(svn.line, 4);
//! # Ok::<(), upr::Error>(())
//! ```

use std::path::Path;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::flat::{Flat, count, date, masthead_symbol, number_digits};
use super::{ReadOptions, ReadReport, read_all};
use crate::dataset::{ApproxDate, PublishedFigure, Quantity};
use crate::format::encoding;
use crate::{Cycle, DatePrecision, DocumentSymbol, Location, Result, SourceId, State};

/// Who states a figure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Speaker {
    /// The President of the Council, summing up the outcome.
    President,
    /// The State under review, in its own statement.
    StateUnderReview,
}

/// The figures the session report gives for one State's review outcome.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StateFigures {
    /// The State under review.
    pub state: State,
    /// The day of its Working Group review, as the report gives it.
    pub review_date: Option<NaiveDate>,
    /// The day the Council adopted the outcome (from the decision in Part One).
    pub adopted: Option<NaiveDate>,
    /// Recommendations received.
    pub received: u32,
    /// Supported (accepted).
    pub supported: Option<u32>,
    /// Noted.
    pub noted: Option<u32>,
    /// Supported in part: "additional information on the remaining N recommendations,
    /// clearly indicating which part ... had been supported and which part had been noted".
    pub clarified: Option<u32>,
    /// Rejected (first-cycle statements).
    pub rejected: Option<u32>,
    /// Who states it.
    pub speaker: Speaker,
    /// The 1-based line where the statement starts.
    pub line: usize,
    /// The statement, whitespace-normalised.
    pub quote: String,
}

impl StateFigures {
    /// The review's cycle, from the review date.
    pub fn cycle(&self) -> Option<Cycle> {
        self.review_date.and_then(Cycle::on)
    }

    /// Whether the parts add up to the received count (`None` when some part is not given).
    pub fn adds_up(&self) -> Option<bool> {
        match (self.supported, self.noted) {
            (Some(s), Some(n)) => Some(s + n + self.clarified.unwrap_or(0) == self.received),
            _ => None,
        }
    }
}

/// A session report: its symbol and the figures of each outcome.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionReport {
    /// The report's symbol (`A/HRC/28/2`), from its first lines.
    pub symbol: Option<DocumentSymbol>,
    /// One entry per State whose section states figures, in report order.
    pub states: Vec<StateFigures>,
    /// States whose section the reader found but where no figure is stated.
    pub without_figures: Vec<State>,
    /// What was read and what was passed over.
    pub report: ReadReport,
}

impl SessionReport {
    /// The figures as [`PublishedFigure`]s (received, accepted, noted, partially accepted,
    /// rejected), each with this report as source and the statement as quote; a State whose
    /// cycle is unknown (no review date) is left out.
    pub fn to_figures(&self) -> Vec<PublishedFigure> {
        let source = self.symbol.as_ref().map_or_else(
            || SourceId::from(self.report.input.as_str()),
            |s| SourceId::from(s.as_str()),
        );
        let mut out = Vec::new();
        for s in &self.states {
            let Some(cycle) = s.cycle() else { continue };
            let as_of = s.adopted.or(s.review_date).map(|date| ApproxDate {
                date,
                precision: DatePrecision::Day,
            });
            let Some(as_of) = as_of else { continue };
            let parts = [
                (Quantity::Received, Some(s.received)),
                (Quantity::Accepted, s.supported),
                (Quantity::Noted, s.noted),
                (Quantity::PartiallyAccepted, s.clarified),
                (Quantity::Rejected, s.rejected),
            ];
            for (quantity, value) in parts {
                let Some(v) = value else { continue };
                let mut f =
                    PublishedFigure::count(s.state, cycle, quantity, v, as_of, source.clone());
                f.quote = Some(s.quote.clone());
                out.push(f);
            }
        }
        out
    }
}

/// Reads a session report.
///
/// # Errors
/// [`crate::Error::Io`] if the reader fails; an encoding error as [`encoding::decode`] gives;
/// in strict mode [`crate::Error::Parse`] for a statement the reader recognises but cannot read
/// (a number it cannot parse, a State name it does not know). In lenient mode such statements
/// are listed in the report as skipped.
pub fn read(reader: impl std::io::Read, options: &ReadOptions) -> Result<SessionReport> {
    let bytes = read_all(reader, options)?;
    let (text, used) = encoding::decode_input(bytes, options)?;
    read_str(&text, used, options)
}

/// Reads a session report from a file, named after its path in errors.
///
/// # Errors
/// As [`read`], and [`crate::Error::Io`] if the file cannot be opened.
pub fn read_path(path: impl AsRef<Path>, options: &ReadOptions) -> Result<SessionReport> {
    let (file, options) = super::open(path.as_ref(), options)?;
    read(file, &options)
}

fn read_str(text: &str, used: encoding::Decoded, options: &ReadOptions) -> Result<SessionReport> {
    let flat = Flat::new(text);
    let mut problems = super::Problems::new(options);
    let adopted = adoption_dates(&flat);
    let mut states = Vec::new();
    let mut without_figures = Vec::new();
    for section in sections(&flat, &mut problems)? {
        let found = statement(&flat, &section, &mut problems)?;
        match found {
            Some(mut f) => {
                f.adopted = adopted.iter().find(|(s, _)| *s == f.state).map(|(_, d)| *d);
                states.push(f);
            }
            None => without_figures.push(section.state),
        }
    }
    let report = problems.finish(used, states.len());
    Ok(SessionReport {
        symbol: masthead_symbol(text),
        states,
        without_figures,
        report,
    })
}

/// A State's name at the end of `s` (before a verb), with a leading `the` dropped.
fn state_name(name: &str) -> Option<State> {
    let n = name.trim().trim_end_matches(',');
    let n = n.strip_prefix("the ").unwrap_or(n);
    State::lookup(n)
}

// ---------------------------------------------------------------------------------------------
// Sections, adoption dates, statements.

/// One State's section of Part Two.
struct Section {
    state: State,
    review_date: NaiveDate,
    /// Byte range in the run-together text.
    start: usize,
    end: usize,
}

const REVIEW_OF: &str = "The review of ";

/// Every "The review of X was held on D Month YYYY", each section running to the next.
fn sections(flat: &Flat, problems: &mut super::Problems) -> Result<Vec<Section>> {
    let t = &flat.text;
    let mut found = Vec::new();
    for (at, _) in t.match_indices(REVIEW_OF) {
        let rest = t.get(at + REVIEW_OF.len()..).unwrap_or_default();
        let Some(held) = rest.find(" was held on ") else {
            continue;
        };
        let name = rest.get(..held).unwrap_or_default();
        if name.len() > 80 {
            continue;
        }
        let after = rest.get(held + " was held on ".len()..).unwrap_or_default();
        let Some((review_date, _)) = date(after) else {
            continue;
        };
        match state_name(name) {
            Some(state) => found.push((at, state, review_date)),
            None => problems.skip(
                Location::Line(flat.line(at)),
                "the name of a State under review",
                name,
            )?,
        }
    }
    let ends: Vec<usize> = found
        .iter()
        .skip(1)
        .map(|(at, _, _)| *at)
        .chain([t.len()])
        .collect();
    Ok(found
        .into_iter()
        .zip(ends)
        .map(|((start, state, review_date), end)| Section {
            state,
            review_date,
            start,
            end,
        })
        .collect())
}

const HAVING: &str = "Having conducted the review of ";

/// For each decision of Part One, the State and the day of the meeting that adopted it.
fn adoption_dates(flat: &Flat) -> Vec<(State, NaiveDate)> {
    let t = &flat.text;
    let mut out = Vec::new();
    for (at, _) in t.match_indices(HAVING) {
        let rest = t.get(at + HAVING.len()..).unwrap_or_default();
        let Some(on) = rest.find(" on ") else {
            continue;
        };
        let Some(state) = state_name(rest.get(..on).unwrap_or_default()) else {
            continue;
        };
        // The decision ends with "Nth meeting D Month YYYY", within a few hundred words.
        let window = rest.get(..rest.len().min(3000)).unwrap_or(rest);
        let meeting = window
            .match_indices(" meeting ")
            .find_map(|(m, _)| date(window.get(m + " meeting ".len()..).unwrap_or_default()));
        if let Some((d, _)) = meeting {
            out.push((state, d));
        }
    }
    out.extend(decision_table(flat));
    out
}

const OUTCOME: &str = "Outcome of the universal periodic review: ";

/// The list of decisions (`28/111 Outcome of the universal periodic review: Slovenia 19 March
/// 2015`), whose State names may wrap around the date (`Bosnia and 20 March 2015 Herzegovina`).
fn decision_table(flat: &Flat) -> Vec<(State, NaiveDate)> {
    let t = &flat.text;
    let mut out = Vec::new();
    for (at, _) in t.match_indices(OUTCOME) {
        let rest = t.get(at + OUTCOME.len()..).unwrap_or_default();
        // The name runs to the first date, within a few words.
        let Some((name, d, after)) = (0..rest.len().min(120))
            .filter(|&i| {
                rest.is_char_boundary(i) && (i == 0 || rest.as_bytes().get(i - 1) == Some(&b' '))
            })
            .find_map(|i| {
                let (d, after) = date(rest.get(i..)?)?;
                Some((rest.get(..i)?.trim(), d, after))
            })
        else {
            continue;
        };
        let mut candidate = name.to_owned();
        let mut state = state_name(&candidate);
        for w in after.split_whitespace().take(4) {
            if state.is_some() || w.contains('/') || w.bytes().any(|b| b.is_ascii_digit()) {
                break;
            }
            candidate.push(' ');
            candidate.push_str(w);
            state = state_name(&candidate);
        }
        if let Some(s) = state {
            out.push((s, d));
        }
    }
    out
}

const PRESIDENT: &str = "The President of the Human Rights Council stated that";

/// The President's summary in a section, or else the State's own count.
fn statement(
    flat: &Flat,
    section: &Section,
    problems: &mut super::Problems,
) -> Result<Option<StateFigures>> {
    let body = flat
        .text
        .get(section.start..section.end)
        .unwrap_or_default();
    if let Some(p) = body.find(PRESIDENT) {
        let at = section.start + p;
        let sentence = statement_text(body.get(p..).unwrap_or_default());
        return match president(sentence) {
            Some(parts) => Ok(Some(figures(
                flat,
                section,
                at,
                sentence,
                parts,
                Speaker::President,
            ))),
            None => {
                problems.skip(
                    Location::Line(flat.line(at)),
                    "the President's summary: out of N recommendations received, X had supported A and noted B",
                    sentence,
                )?;
                Ok(None)
            }
        };
    }
    Ok(own_statement(body).map(|(p, parts)| {
        let sentence = statement_text(body.get(p..).unwrap_or_default());
        figures(
            flat,
            section,
            section.start + p,
            sentence,
            parts,
            Speaker::StateUnderReview,
        )
    }))
}

/// The statement from `s` to the end of its sentence (and of a following sentence that gives
/// the partly supported ones), bounded.
fn statement_text(s: &str) -> &str {
    let mut end = sentence_end(s);
    if let Some(next) = s.get(end..) {
        let t = next.trim_start();
        if t.starts_with("The State had provided additional information")
            || t.starts_with("Additional clarification")
        {
            end += next.len() - t.len() + sentence_end(t);
        }
    }
    s.get(..end.min(s.len())).unwrap_or(s).trim()
}

/// The end of the sentence starting `s`: after the first `. ` not inside a number, or 600
/// bytes at most.
fn sentence_end(s: &str) -> usize {
    let bytes = s.as_bytes();
    let max = s.len().min(600);
    (1..max)
        .find(|&i| {
            bytes.get(i) == Some(&b'.')
                && bytes.get(i + 1).is_none_or(|b| *b == b' ')
                && !bytes
                    .get(i.wrapping_sub(1))
                    .is_some_and(|b| b.is_ascii_uppercase())
        })
        .map_or(max, |i| i + 1)
}

/// Counts read from a statement.
#[derive(Debug, Default, PartialEq, Eq)]
struct Parts {
    received: u32,
    supported: Option<u32>,
    noted: Option<u32>,
    clarified: Option<u32>,
    rejected: Option<u32>,
}

fn figures(
    flat: &Flat,
    section: &Section,
    at: usize,
    quote: &str,
    parts: Parts,
    speaker: Speaker,
) -> StateFigures {
    StateFigures {
        state: section.state,
        review_date: Some(section.review_date),
        adopted: None,
        received: parts.received,
        supported: parts.supported,
        noted: parts.noted,
        clarified: parts.clarified,
        rejected: parts.rejected,
        speaker,
        line: flat.line(at),
        quote: quote.to_owned(),
    }
}

/// `... (out) of (the) N recommendations received, X had supported|accepted A (recommendations)
/// and noted B[. The State had provided additional information on the remaining C ...]`, or
/// `... X had noted all of the N recommendations`.
fn president(s: &str) -> Option<Parts> {
    if let Some(i) = s.find(" had noted all of the ") {
        let (n, _) = count(s.get(i + " had noted all of the ".len()..)?)?;
        return Some(Parts {
            received: n,
            supported: Some(0),
            noted: Some(n),
            ..Parts::default()
        });
    }
    let r = s.find(" recommendations received")?;
    let before = s.get(..r)?;
    let received_at = before.rfind(' ')? + 1;
    let (received, _) = count(before.get(received_at..)?)?;
    let after = s.get(r + " recommendations received".len()..)?;
    let had = after.find(" had ")?;
    let rest = after.get(had + " had ".len()..)?;
    let rest = rest
        .strip_prefix("supported ")
        .or_else(|| rest.strip_prefix("accepted "))?;
    let (supported, rest) = count(rest)?;
    let rest = rest.strip_prefix(" recommendations").unwrap_or(rest);
    let rest = rest.strip_prefix(" and noted ")?;
    let (noted, rest) = count(rest)?;
    let clarified = rest
        .find("on the remaining ")
        .and_then(|i| count(rest.get(i + "on the remaining ".len()..)?))
        .map(|(n, _)| n);
    Some(Parts {
        received,
        supported: Some(supported),
        noted: Some(noted),
        clarified,
        rejected: None,
    })
}

/// `it had accepted|rejected|supported|noted (only) A of the N recommendations`, where the
/// subject is the State under review (`it`): the statement's offset in `body` and its counts.
fn own_statement(body: &str) -> Option<(usize, Parts)> {
    for (i, _) in body.match_indices(" it had ") {
        let rest = body.get(i + " it had ".len()..)?;
        let Some((verb, rest)) = ["accepted", "rejected", "supported", "noted"]
            .iter()
            .find_map(|v| rest.strip_prefix(v).map(|r| (*v, r)))
        else {
            continue;
        };
        let rest = rest.trim_start();
        let rest = rest.strip_prefix("only ").unwrap_or(rest);
        let Some((a, rest)) = count(rest) else {
            continue;
        };
        let Some(rest) = rest.strip_prefix(" of the ") else {
            continue;
        };
        let Some((n, rest)) = count(rest) else {
            continue;
        };
        if !rest.starts_with(" recommendations") {
            continue;
        }
        let start = body.get(..i)?.rfind(". ").map_or(0, |d| d + 2);
        let start = skip_paragraph_number(body, start);
        let mut parts = Parts {
            received: n,
            ..Parts::default()
        };
        match verb {
            "rejected" => parts.rejected = Some(a),
            "noted" => parts.noted = Some(a),
            _ => parts.supported = Some(a),
        }
        return Some((start, parts));
    }
    None
}

/// Past a paragraph number (`344. `) at `at`.
fn skip_paragraph_number(body: &str, at: usize) -> usize {
    let rest = body.get(at..).unwrap_or_default();
    match number_digits(rest) {
        Some((_, r)) if r.starts_with(". ") => body.len() - r.len() + 2,
        _ => at,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn st(name: &str) -> State {
        State::resolve(name).unwrap()
    }

    #[test]
    fn small_parsers() {
        assert_eq!(
            date("4 November 2014 in conformity"),
            Some((
                NaiveDate::from_ymd_opt(2014, 11, 4).unwrap(),
                " in conformity"
            ))
        );
        assert_eq!(date("4 Novembre 2014"), None);
        assert_eq!(count("one."), Some((1, ".")));
        assert_eq!(
            count("142 recommendations"),
            Some((142, " recommendations"))
        );
        assert_eq!(count("many"), None);
        assert_eq!(
            state_name("the Plurinational State of Bolivia"),
            Some(st("Bolivia"))
        );
    }

    #[test]
    fn president_variants() {
        let p = president("The President of the Human Rights Council stated that, based on the information provided, out of 300 recommendations received, Egypt had supported 224 recommendations and noted 53. The State had provided additional information on the remaining 23 recommendations, clearly indicating which part of each recommendation had been supported and which part had been noted.").unwrap();
        assert_eq!(
            p,
            Parts {
                received: 300,
                supported: Some(224),
                noted: Some(53),
                clarified: Some(23),
                rejected: None
            }
        );
        let p = president("stated that, based on the information provided, of the 226 recommendations received, Angola had accepted 192 recommendations and noted 34.").unwrap();
        assert_eq!(
            (p.received, p.supported, p.noted),
            (226, Some(192), Some(34))
        );
        let p = president("stated that, based on the information received, Bosnia and Herzegovina had noted all of the 167 recommendations.").unwrap();
        assert_eq!(
            (p.received, p.supported, p.noted),
            (167, Some(0), Some(167))
        );
        assert_eq!(president("stated that the review was a success."), None);
    }

    #[test]
    fn own_statement_needs_the_state_as_subject() {
        let body = "343. Accordingly. 344. Slovenia informed the Council that it had rejected only 5 of the 97 recommendations made. 345. Regarding";
        let (at, p) = own_statement(body).unwrap();
        assert!(
            body[at..].starts_with("Slovenia informed"),
            "{}",
            &body[at..]
        );
        assert_eq!((p.received, p.rejected), (97, Some(5)));
        assert_eq!(
            own_statement(
                "Belgium was satisfied with the acceptance of 135 of 176 recommendations made"
            ),
            None
        );
    }

    const SAMPLE: &str = "                 A/HRC/28/2\n\
        28/111 Outcome of the universal periodic review: Slovenia 19 March 2015\n\
        Having conducted the review of Slovenia on 4 November 2014 in conformity with all the\n\
        relevant provisions,\n\
        Adopts the outcome.\n\
        19th meeting\n\
        19 March 2015\n\
        819. The review of Slovenia was held on 4 November 2014 in conformity with all the\n\
        relevant provisions.\n\
        GE.15-1234\n\
        849. The President of the Human Rights Council stated that, based on the information\n\
        12\n\
        provided, out of 163 recommendations received, Slovenia had supported 142\n\
        recommendations and noted 21.\n\
        853. The review of Egypt was held on 5 November 2014 in conformity with all the\n\
        relevant provisions. No figure here.\n\
        906. The review of Atlantis was held on 5 November 2014 in conformity.\n";

    #[test]
    fn reads_sections_dates_and_figures() {
        let r = read(SAMPLE.as_bytes(), &ReadOptions::lenient()).unwrap();
        assert_eq!(
            r.symbol.as_ref().map(|s| s.to_string()),
            Some("A/HRC/28/2".into())
        );
        assert_eq!(r.states.len(), 1);
        let s = &r.states[0];
        assert_eq!(s.state, st("Slovenia"));
        assert_eq!(s.adopted, NaiveDate::from_ymd_opt(2015, 3, 19));
        assert_eq!(s.review_date, NaiveDate::from_ymd_opt(2014, 11, 4));
        assert_eq!(s.cycle(), Some(Cycle::SECOND));
        assert_eq!(s.line, 11);
        assert_eq!(s.adds_up(), Some(true));
        assert!(
            s.quote
                .ends_with("Slovenia had supported 142 recommendations and noted 21.")
        );
        assert_eq!(r.without_figures, [st("Egypt")]);
        assert_eq!(r.report.skipped().count(), 1, "{:?}", r.report.problems);
        let figures = r.to_figures();
        assert_eq!(figures.len(), 3);
        assert_eq!(figures[0].source.to_string(), "A/HRC/28/2");
        assert_eq!(figures[2].quantity, Quantity::Noted);
        assert_eq!(figures[2].value, crate::dataset::FigureValue::Count(21));
    }

    #[test]
    fn strict_mode_names_an_unknown_state() {
        let err = read(SAMPLE.as_bytes(), &ReadOptions::new().with_name("s.txt")).unwrap_err();
        assert_eq!(
            err.to_string(),
            r#"s.txt: line 17: expected the name of a State under review, found "Atlantis""#
        );
    }

    #[test]
    fn an_unreadable_summary_is_reported() {
        let text = "The review of Fiji was held on 29 October 2014.\nThe President of the Human Rights Council stated that Fiji had supported most.\n";
        let r = read(text.as_bytes(), &ReadOptions::lenient()).unwrap();
        assert!(r.states.is_empty());
        assert_eq!(r.report.skipped().count(), 1);
        assert!(read(text.as_bytes(), &ReadOptions::new()).is_err());
    }
}
