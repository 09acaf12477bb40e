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

use std::path::Path;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

pub use super::states::{StateSplit, split_states};

use super::states::{codes, dedup_states, parse_groups, same_set, split_text};
use super::{Parsed, Problems, ReadOptions, next_csv_record, read_all};
use crate::format::encoding;
use crate::text::{clean, dash_list, leading_number};
use crate::{AffectedPersons, Sdg, UhriTheme, UprPosition};
use crate::{
    Cycle, DatePrecision, DocumentSymbol, Error, Location, ParagraphRef, ParseError,
    Recommendation, RegionalGroup, ResponseEvent, Result, Session, SourceId, Stage, State,
};

/// The source key records read from the UHRI carry.
pub const SOURCE: &str = "OHCHR Universal Human Rights Index";

// ---------------------------------------------------------------------------------------------
// Records.

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
        date: NaiveDate,
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
    /// The position becomes a [`ResponseEvent`] only when `position_date` is given (the day it
    /// was made public); without a date there is no event, and the position stays on the record
    /// (copy [`UhriRecord::position`] before converting).
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
        let event = position_date.and_then(|d| self.response_event(d, DatePrecision::Day));
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

/// The fields of one record, whichever the layout, before interpretation.
#[derive(Default)]
struct Raw {
    text: Option<String>,
    states: Vec<String>,
    positions: Vec<String>,
    themes: Vec<String>,
    sdgs: Vec<String>,
    affected: Vec<String>,
    concerned: Vec<String>,
    body: Vec<String>,
    kind: Vec<String>,
    session: Vec<String>,
    cycle: Vec<String>,
    document: Option<String>,
    regions: Vec<String>,
}

/// The names of the fields in one layout, for messages.
struct Names {
    text: &'static str,
    states: &'static str,
    position: &'static str,
    themes: &'static str,
    sdgs: &'static str,
    affected: &'static str,
    concerned: &'static str,
    body: &'static str,
    kind: &'static str,
    session: &'static str,
    cycle: &'static str,
    document: &'static str,
    regions: &'static str,
}

const CSV_NAMES: Names = Names {
    text: "text",
    states: "upr_reccomending_states",
    position: "upr_position",
    themes: "themes",
    sdgs: "sdgs",
    affected: "affected_persons",
    concerned: "countries_concerned",
    body: "reccomending_body",
    kind: "type",
    session: "upr_session",
    cycle: "upr_session",
    document: "document_symbol",
    regions: "upr_recommending_regions",
};

const JSON_NAMES: Names = Names {
    text: "Text",
    states: "UprRecommendingCountry",
    position: "UprPositions",
    themes: "Themes",
    sdgs: "Sdgs",
    affected: "AffectedPersons",
    concerned: "CountriesConcerned",
    body: "RecommendingBody",
    kind: "Type",
    session: "UprSession",
    cycle: "UprCycle",
    document: "DocumentSymbol",
    regions: "UprRecommendingRegions",
};

/// A Council session written `28th Session`, `Session 28`, `HRC 28` or `28`.
fn council_session(piece: &str) -> Option<u16> {
    let low = clean(piece).to_ascii_lowercase();
    let t = low.strip_prefix("hrc").unwrap_or(&low).trim();
    let t = t.strip_prefix("session").unwrap_or(t).trim();
    let t = t.strip_suffix("session").unwrap_or(t).trim();
    let (n, len) = leading_number(t, 3)?;
    let suffix = t.get(len..)?.trim();
    (matches!(suffix, "" | "st" | "nd" | "rd" | "th") && n > 0).then_some(n)
}

/// A cycle written `Cycle 2`, `2nd cycle`, or (where `bare` allows) `2`.
fn cycle_piece(piece: &str, bare: bool) -> Option<Cycle> {
    let low = clean(piece).to_ascii_lowercase();
    let named = low.starts_with("cycle") || low.ends_with("cycle");
    if !named && !bare {
        return None;
    }
    let t = low.strip_suffix("cycle").unwrap_or(&low).trim();
    t.parse::<Cycle>().ok()
}

fn is_word(pieces: &[String], words: &[&str]) -> bool {
    pieces
        .iter()
        .any(|p| words.iter().any(|w| p.eq_ignore_ascii_case(w)))
}

/// Takes the paragraph number off the start of a text: `166.6. Ratify` gives `166.6` and
/// `Ratify`.
fn take_paragraph(text: &str) -> (Option<ParagraphRef>, String) {
    let t = clean(text);
    if let Some((first, rest)) = t.split_once(' ') {
        let num = first.strip_suffix('.').unwrap_or(first);
        if num.starts_with(|c: char| c.is_ascii_digit()) {
            if let Ok(p) = num.parse::<ParagraphRef>() {
                return (Some(p), rest.trim().to_owned());
            }
        }
    }
    (None, t)
}

/// Interprets one record. `Ok(None)`: skipped (lenient mode).
fn build(
    raw: Raw,
    record: usize,
    names: &Names,
    problems: &mut Problems,
) -> Result<Option<UhriRecord>> {
    let loc = Location::Record(record);
    // Rows that are not UPR recommendations.
    let body: Vec<String> = raw.body.iter().flat_map(|b| dash_list(b)).collect();
    if !body.is_empty() && !is_word(&body, &["UPR", "Universal Periodic Review"]) {
        problems.skip(
            loc,
            format!("a UPR recommendation ({} UPR)", names.body),
            &body.join("; "),
        )?;
        return Ok(None);
    }
    let kind: Vec<String> = raw.kind.iter().flat_map(|b| dash_list(b)).collect();
    if !kind.is_empty() && !is_word(&kind, &["Recommendations", "Recommendation"]) {
        problems.skip(
            loc,
            format!("a recommendation ({} Recommendations)", names.kind),
            &kind.join("; "),
        )?;
        return Ok(None);
    }
    let raw_text = raw.text.as_deref().map(clean).unwrap_or_default();
    if raw_text.is_empty() {
        problems.skip(loc, format!("a recommendation text in {}", names.text), "")?;
        return Ok(None);
    }

    // Text: number, clean text, States in brackets.
    let (paragraph, body) = take_paragraph(&raw_text);
    let (text, text_states, text_unresolved) = match split_text(&body) {
        Some(s) => (s.text, Some(s.states), s.unresolved),
        None => (body, None, Vec::new()),
    };
    if text.is_empty() {
        problems.skip(
            loc,
            format!("a recommendation text before the States in {}", names.text),
            &raw_text,
        )?;
        return Ok(None);
    }
    if text_states.is_none() {
        problems.flaw(
            loc,
            &format!(
                "recommending States in brackets at the end of {}",
                names.text
            ),
            "kept the text as written",
            &raw_text,
        )?;
    }
    let text_ok = text_states
        .as_ref()
        .is_some_and(|v| !v.is_empty() && text_unresolved.is_empty());

    // Recommending States: the column, cross-checked with the text.
    let column = raw.states.join("");
    let listed: Option<Vec<State>> = raw.states.iter().map(|s| State::resolve(s).ok()).collect();
    let reading = match listed {
        Some(v) if raw.states.len() > 1 => StateSplit::Unique(v),
        _ => split_states(&column),
    };
    let fallback = |unresolved: &mut Vec<String>| -> Vec<State> {
        unresolved.extend(text_unresolved.iter().cloned());
        text_states.clone().unwrap_or_default()
    };
    let mut unresolved = Vec::new();
    let recommending = match reading {
        StateSplit::Unique(v) => {
            if v.is_empty() && !text_ok {
                problems.flaw(
                    loc,
                    &format!("recommending States in {} or in the text", names.states),
                    "kept with the States found",
                    &raw_text,
                )?;
                fallback(&mut unresolved)
            } else if v.is_empty() {
                problems.flaw(
                    loc,
                    &format!("recommending States in {}", names.states),
                    "took the States in brackets in the text",
                    &column,
                )?;
                fallback(&mut unresolved)
            } else {
                if let Some(ts) = &text_states {
                    if !same_set(&v, ts) || !text_unresolved.is_empty() {
                        let txt = if text_unresolved.is_empty() {
                            codes(ts)
                        } else {
                            format!("{}; unknown {:?}", codes(ts), text_unresolved)
                        };
                        problems.flaw(
                            loc,
                            &format!(
                                "the same recommending States in {} ({}) as in brackets in the text ({txt})",
                                names.states,
                                codes(&v)
                            ),
                            &format!("kept those of {}", names.states),
                            &column,
                        )?;
                        unresolved.extend(text_unresolved.iter().cloned());
                    }
                }
                v
            }
        }
        StateSplit::Ambiguous(readings) => {
            // The text settles it when one reading names the same States (in any order: the
            // text's order is kept).
            let settled = match (&text_states, text_ok) {
                (Some(ts), true) if readings.iter().any(|r| same_set(r, ts)) => Some(ts.clone()),
                _ => None,
            };
            match settled {
                Some(v) => v,
                None => {
                    let alts = readings
                        .iter()
                        .map(|r| format!("[{}]", codes(r)))
                        .collect::<Vec<_>>()
                        .join(" or ");
                    problems.flaw(
                        loc,
                        &format!(
                            "one reading of {} (it reads as {alts}, and the brackets in the text do not settle it)",
                            names.states
                        ),
                        "took the States in brackets in the text",
                        &column,
                    )?;
                    let v = fallback(&mut unresolved);
                    if v.is_empty() {
                        unresolved.push(column.clone());
                    }
                    v
                }
            }
        }
        StateSplit::Leftover { read, rest } => {
            let read_part = if read.is_empty() {
                String::new()
            } else {
                format!(" after {}", codes(&read))
            };
            problems.flaw(
                loc,
                &format!(
                    "State names run together in {} (no State name matches {rest:?}{read_part})",
                    names.states
                ),
                if text_ok {
                    "took the States in brackets in the text"
                } else {
                    "kept the names that resolve"
                },
                &column,
            )?;
            if text_ok {
                fallback(&mut unresolved)
            } else {
                unresolved.push(rest);
                let mut v = read;
                v.extend(text_states.clone().unwrap_or_default());
                unresolved.extend(text_unresolved.iter().cloned());
                v
            }
        }
    };
    let recommending = dedup_states(recommending);
    let mut seen = Vec::new();
    unresolved.retain(|u| {
        let new = !seen.contains(u);
        if new {
            seen.push(u.clone());
        }
        new
    });

    // Position.
    let mut positions: Vec<UprPosition> = Vec::new();
    for p in raw.positions.iter().filter(|p| !clean(p).is_empty()) {
        match UprPosition::parse(p) {
            Ok(v) => {
                if !positions.contains(&v) {
                    positions.push(v);
                }
            }
            Err(_) => problems.flaw(
                loc,
                &format!("Supported, Noted or Supported/Noted in {}", names.position),
                "left the position out",
                p,
            )?,
        }
    }
    let position = match positions.as_slice() {
        [] => None,
        [one] => Some(*one),
        many => {
            let all = many.iter().map(|p| p.name()).collect::<Vec<_>>().join(", ");
            problems.flaw(
                loc,
                &format!("one position in {}", names.position),
                "left the position out",
                &all,
            )?;
            None
        }
    };

    // Themes, SDGs, affected persons.
    let mut themes = Vec::new();
    for t in &raw.themes {
        for piece in t.split(['\n', '|']) {
            match UhriTheme::parse_list(piece) {
                Ok(v) => themes.extend(v),
                Err(_) => problems.flaw(
                    loc,
                    &format!(
                        "UHRI themes such as 2.1. Acceptance of international norms in {}",
                        names.themes
                    ),
                    "left the theme out",
                    piece,
                )?,
            }
        }
    }
    let mut sdgs = Vec::new();
    for s in raw.sdgs.iter().filter(|s| !clean(s).is_empty()) {
        match Sdg::parse(s) {
            Ok(g) => {
                if !sdgs.contains(&g) {
                    sdgs.push(g);
                }
            }
            Err(_) => problems.flaw(
                loc,
                &format!("an SDG 1-17 in {}", names.sdgs),
                "left it out",
                s,
            )?,
        }
    }
    let affected_persons: Vec<AffectedPersons> = raw
        .affected
        .iter()
        .flat_map(|a| AffectedPersons::parse_list(a))
        .collect();

    // State under review.
    let concerned: Vec<String> = raw.concerned.iter().flat_map(|c| dash_list(c)).collect();
    let state_under_review = match concerned.as_slice() {
        [] => None,
        [one] => match State::resolve(one) {
            Ok(s) => Some(s),
            Err(_) => {
                problems.flaw(
                    loc,
                    &format!("a known State name in {}", names.concerned),
                    "left the State under review out",
                    one,
                )?;
                None
            }
        },
        many => {
            problems.flaw(
                loc,
                &format!("one State under review in {}", names.concerned),
                "left the State under review out",
                &many.join("; "),
            )?;
            None
        }
    };

    // Council session and cycle.
    let mut session = None;
    let mut cycle = None;
    // The cycle field first: it wins over a cycle written in the session field.
    let session_pieces: Vec<(String, bool)> = raw
        .cycle
        .iter()
        .flat_map(|s| dash_list(s))
        .map(|p| (p, true))
        .chain(
            raw.session
                .iter()
                .flat_map(|s| dash_list(s))
                .map(|p| (p, false)),
        )
        .collect();
    for (piece, in_cycle_field) in &session_pieces {
        let field = if *in_cycle_field {
            names.cycle
        } else {
            names.session
        };
        if let Some(c) = cycle_piece(piece, *in_cycle_field) {
            if cycle.is_some_and(|x| x != c) {
                problems.flaw(
                    loc,
                    &format!("one cycle in {field}"),
                    "kept the first",
                    piece,
                )?;
            } else {
                cycle = Some(c);
            }
        } else if let Some(n) = (!*in_cycle_field).then(|| council_session(piece)).flatten() {
            if session.is_some_and(|x| x != n) {
                problems.flaw(
                    loc,
                    &format!("one session in {field}"),
                    "kept the first",
                    piece,
                )?;
            } else {
                session = Some(n);
            }
        } else {
            problems.flaw(
                loc,
                &format!("a session such as 28th Session or a cycle such as Cycle 2 in {field}"),
                "left it out",
                piece,
            )?;
        }
    }

    // Document symbol, checked against the session.
    let document = match raw.document.as_deref().map(clean).filter(|d| !d.is_empty()) {
        None => None,
        Some(d) => match DocumentSymbol::new(&d) {
            Ok(sym) => Some(sym),
            Err(_) => {
                problems.flaw(
                    loc,
                    &format!(
                        "a document symbol such as A/HRC/28/16 in {}",
                        names.document
                    ),
                    "left it out",
                    &d,
                )?;
                None
            }
        },
    };
    if let (Some(doc), Some(s)) = (&document, session) {
        if let Some(ds) = doc.council_session() {
            if ds != s {
                problems.flaw(
                    loc,
                    &format!("the Council session of {doc} ({ds}) in {}", names.session),
                    &format!("kept session {s}"),
                    &raw.session.join(" "),
                )?;
            }
        }
    }

    let recommending_regions = match parse_groups(&raw.regions) {
        Ok(g) => g,
        Err(piece) => {
            problems.flaw(
                loc,
                &format!("regional groups in {}", names.regions),
                "left them out",
                &piece,
            )?;
            Vec::new()
        }
    };

    Ok(Some(UhriRecord {
        record,
        paragraph,
        text,
        recommending,
        unresolved,
        position,
        themes,
        sdgs,
        affected_persons,
        state_under_review,
        council_session: session,
        cycle,
        document,
        recommending_regions,
    }))
}

// ---------------------------------------------------------------------------------------------
// CSV.

fn options_for_path(path: &Path, options: &ReadOptions) -> ReadOptions {
    options.named_after(path)
}

/// Reads a UHRI CSV export from any reader.
///
/// # Errors
/// A header without `text`, `upr_reccomending_states` and `upr_position`, undecodable bytes, an
/// I/O failure; in strict mode also the first problem listed in the [module docs](self), as
/// [`Error::Parse`] with its record number.
pub fn read(reader: impl std::io::Read, options: &ReadOptions) -> Result<Parsed<UhriRecord>> {
    let bytes = read_all(reader, options)?;
    let (text, used) = encoding::decode(&bytes, options.encoding())?;
    read_csv_str(&text, used, options)
}

/// Reads a UHRI CSV export file (its path names it in errors unless the options name it).
///
/// # Errors
/// As [`read`], and [`Error::Io`] if the file cannot be opened.
pub fn read_path(path: impl AsRef<Path>, options: &ReadOptions) -> Result<Parsed<UhriRecord>> {
    let path = path.as_ref();
    let file = std::fs::File::open(path).map_err(|e| Error::read(path, e))?;
    read(
        std::io::BufReader::new(file),
        &options_for_path(path, options),
    )
}

fn header_error(options: &ReadOptions, expected: String, found: String) -> Error {
    Error::Parse(ParseError {
        input: options.name().into(),
        location: Location::Line(1),
        expected,
        found,
    })
}

fn read_csv_str(
    text: &str,
    used: crate::Encoding,
    options: &ReadOptions,
) -> Result<Parsed<UhriRecord>> {
    let mut problems = Problems::new(options);
    let mut csv = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(text.as_bytes());
    let header = csv
        .headers()
        .map_err(|e| header_error(options, "a CSV header".into(), e.to_string()))?
        .clone();
    let col = |names: &[&str]| {
        header
            .iter()
            .position(|h| names.iter().any(|n| h.trim().eq_ignore_ascii_case(n)))
    };
    let need = |names: &[&str]| {
        col(names).ok_or_else(|| {
            header_error(
                options,
                "a header with the UHRI columns text, upr_reccomending_states and upr_position"
                    .into(),
                header.iter().collect::<Vec<_>>().join(","),
            )
        })
    };
    let i_text = need(&["text"])?;
    let i_states = need(&["upr_reccomending_states", "upr_recommending_states"])?;
    let i_pos = need(&["upr_position"])?;
    let i_themes = col(&["themes"]);
    let i_affected = col(&["affected_persons"]);
    let i_concerned = col(&["countries_concerned"]);
    let i_body = col(&["reccomending_body", "recommending_body"]);
    let i_session = col(&["upr_session"]);
    let i_document = col(&["document_symbol"]);
    let i_type = col(&["type"]);
    let i_sdgs = col(&["sdgs"]);

    let mut out = Vec::new();
    let mut row = csv::StringRecord::new();
    let mut n = 0usize;
    while next_csv_record(&mut csv, &mut row, &mut n, &mut problems)? {
        n += 1;
        if row.iter().all(|f| f.trim().is_empty()) {
            if row.len() > 1 {
                problems.skip(Location::Record(n), "a record with fields", "")?;
            }
            continue; // a blank line
        }
        if row.len() < header.len() {
            problems.skip(
                Location::Record(n),
                format!("{} fields as in the header", header.len()),
                &row.iter().collect::<Vec<_>>().join(","),
            )?;
            continue;
        }
        let get = |i: usize| row.get(i).unwrap_or_default().to_owned();
        let opt = |i: Option<usize>| i.map(get).into_iter().collect::<Vec<_>>();
        let raw = Raw {
            text: Some(get(i_text)),
            states: vec![get(i_states)],
            positions: vec![get(i_pos)],
            themes: opt(i_themes),
            sdgs: opt(i_sdgs)
                .iter()
                .flat_map(|s| s.split([',', ';']).map(str::to_owned).collect::<Vec<_>>())
                .collect(),
            affected: opt(i_affected),
            concerned: opt(i_concerned),
            body: opt(i_body),
            kind: opt(i_type),
            session: opt(i_session),
            cycle: Vec::new(),
            document: i_document.map(get),
            regions: Vec::new(),
        };
        if let Some(r) = build(raw, n, &CSV_NAMES, &mut problems)? {
            out.push(r);
        }
    }
    Ok(problems.parsed(used, out))
}

// ---------------------------------------------------------------------------------------------
// JSON.

/// A JSON value as a list of strings: a string, a number, or an array of them (`null` and a
/// missing key give none). `Err` names the JSON type found otherwise.
fn strings(v: Option<&serde_json::Value>) -> std::result::Result<Vec<String>, &'static str> {
    use serde_json::Value;
    fn one(v: &Value) -> std::result::Result<Option<String>, &'static str> {
        match v {
            Value::Null => Ok(None),
            Value::String(s) => Ok(Some(s.clone())),
            Value::Number(n) => Ok(Some(n.to_string())),
            Value::Bool(_) => Err("a boolean"),
            Value::Array(_) => Err("a nested array"),
            Value::Object(_) => Err("an object"),
        }
    }
    match v {
        None => Ok(Vec::new()),
        Some(Value::Array(items)) => {
            let mut out = Vec::new();
            for i in items {
                if let Some(s) = one(i)? {
                    out.push(s);
                }
            }
            Ok(out)
        }
        Some(v) => Ok(one(v)?.into_iter().collect()),
    }
}

/// Reads UHRI records in the JSON layout (an array of objects, see the [module docs](self)).
///
/// # Errors
/// Input that is not JSON (with its line), JSON that is not an array, undecodable bytes, an I/O
/// failure; in strict mode also the first problem listed in the module docs, as
/// [`Error::Parse`] with the 1-based array index as record number.
pub fn read_json(reader: impl std::io::Read, options: &ReadOptions) -> Result<Parsed<UhriRecord>> {
    let bytes = read_all(reader, options)?;
    let (text, used) = encoding::decode(&bytes, options.encoding())?;
    read_json_str(&text, used, options)
}

/// Reads a UHRI JSON file (its path names it in errors unless the options name it).
///
/// # Errors
/// As [`read_json`], and [`Error::Io`] if the file cannot be opened.
pub fn read_json_path(path: impl AsRef<Path>, options: &ReadOptions) -> Result<Parsed<UhriRecord>> {
    let path = path.as_ref();
    let file = std::fs::File::open(path).map_err(|e| Error::read(path, e))?;
    read_json(
        std::io::BufReader::new(file),
        &options_for_path(path, options),
    )
}

fn read_json_str(
    text: &str,
    used: crate::Encoding,
    options: &ReadOptions,
) -> Result<Parsed<UhriRecord>> {
    use serde_json::Value;
    let value: Value = serde_json::from_str(text).map_err(|e| {
        Error::Parse(ParseError {
            input: options.name().into(),
            location: Location::Line(e.line().max(1)),
            expected: "JSON".into(),
            found: e.to_string(),
        })
    })?;
    let Value::Array(items) = value else {
        return Err(Error::Parse(ParseError {
            input: options.name().into(),
            location: Location::Whole,
            expected: "a JSON array of UHRI records".into(),
            found: super::excerpt(text.trim()),
        }));
    };
    let mut problems = Problems::new(options);
    let mut out = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let n = i + 1;
        let loc = Location::Record(n);
        let Value::Object(map) = item else {
            problems.skip(loc, "a JSON object with the UHRI keys", &item.to_string())?;
            continue;
        };
        let mut raw = Raw::default();
        let mut bad_keys = Vec::new();
        let mut take = |key: &'static str| -> Vec<String> {
            match strings(map.get(key)) {
                Ok(v) => v,
                Err(kind) => {
                    bad_keys.push((key, kind));
                    Vec::new()
                }
            }
        };
        let texts = take(JSON_NAMES.text);
        raw.states = take(JSON_NAMES.states);
        raw.positions = take(JSON_NAMES.position);
        raw.themes = take(JSON_NAMES.themes);
        raw.sdgs = take(JSON_NAMES.sdgs);
        raw.affected = take(JSON_NAMES.affected);
        raw.session = take(JSON_NAMES.session);
        raw.cycle = take(JSON_NAMES.cycle);
        raw.regions = take(JSON_NAMES.regions);
        for (key, kind) in bad_keys {
            problems.flaw(
                loc,
                &format!("a string, a number or an array of them in {key}"),
                "left the key out",
                kind,
            )?;
        }
        if texts.len() > 1 {
            problems.skip(loc, "one string in Text", &texts.join(" | "))?;
            continue;
        }
        raw.text = texts.into_iter().next();
        if let Some(r) = build(raw, n, &JSON_NAMES, &mut problems)? {
            out.push(r);
        }
    }
    Ok(problems.parsed(used, out))
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
        assert!(rec.responses().is_empty());
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

    #[test]
    fn json_layout() {
        let json = r#"[
          {"Text": "166.6. Ratify the Rome Statute of the ICC (Chile); (Estonia);",
           "Themes": ["2.1. Acceptance of international norms", "A12 Acceptance of international norms"],
           "Sdgs": ["SDG 16", 5],
           "AffectedPersons": ["general", "women"],
           "UprCycle": 2, "UprSession": "28th Session",
           "UprPositions": ["Noted"],
           "UprRecommendingCountry": "ChileEstonia",
           "UprRecommendingRegions": ["Latin American and Caribbean States", "EEG"]},
          {"Text": "166.7. Do it (Canada);", "UprRecommendingCountry": ["Canada"], "UprPositions": "Supported"},
          "not an object",
          {"Text": "166.8. Do it (Canada);", "UprRecommendingCountry": "Canada", "UprPositions": ["Supported", "Noted"]},
          {"Text": "166.9. Do it (Canada);", "UprRecommendingCountry": "Canada", "Sdgs": {"a": 1}}
        ]"#;
        let err = read_json(json.as_bytes(), &ReadOptions::new().with_name("u.json")).unwrap_err();
        assert_eq!(
            err.to_string(),
            r#"u.json: record 3: expected a JSON object with the UHRI keys, found "\"not an object\"""#
        );
        let p = read_json(json.as_bytes(), &ReadOptions::lenient()).unwrap();
        assert_eq!(p.records.len(), 4);
        let r = &p.records[0];
        assert_eq!(r.recommending, vec![st("Chile"), st("Estonia")]);
        assert_eq!(r.themes.len(), 2);
        assert_eq!(r.sdgs, vec![Sdg::new(16).unwrap(), Sdg::new(5).unwrap()]);
        assert_eq!(r.cycle, Some(Cycle::SECOND));
        assert_eq!(r.council_session, Some(28));
        assert_eq!(
            r.recommending_regions,
            vec![
                RegionalGroup::LatinAmericanCaribbean,
                RegionalGroup::EasternEuropean
            ]
        );
        assert_eq!(p.records[1].position, Some(UprPosition::Supported));
        assert_eq!(p.records[2].position, None);
        let reasons: Vec<&str> = p
            .report
            .problems
            .iter()
            .map(|x| x.reason.as_str())
            .collect();
        assert_eq!(
            reasons,
            [
                "a JSON object with the UHRI keys",
                "expected one position in UprPositions; left the position out",
                "expected a string, a number or an array of them in Sdgs; left the key out",
            ]
        );
        let err = read_json(&b"{\"Text\": 1}"[..], &ReadOptions::lenient()).unwrap_err();
        assert_eq!(
            err.to_string(),
            r#"<input>: input: expected a JSON array of UHRI records, found "{\"Text\": 1}""#
        );
        let err = read_json(&b"[\n{"[..], &ReadOptions::lenient()).unwrap_err();
        assert_eq!(
            err.to_string(),
            r#"<input>: line 2: expected JSON, found "EOF while parsing an object at line 2 column 1""#
        );
    }

    #[test]
    fn regions_run_together() {
        assert_eq!(
            parse_groups(&["African StatesWEOG".into()]).unwrap(),
            vec![RegionalGroup::African, RegionalGroup::WesternEuropeanOthers]
        );
        assert_eq!(parse_groups(&["Atlantis".into()]).unwrap_err(), "Atlantis");
    }
}
