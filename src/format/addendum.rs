//! The addendum to a Working Group report (`A/HRC/{session}/{n}/Add.1`): "Views on conclusions
//! and/or recommendations, voluntary commitments and replies presented by the State under
//! review", where the State gives its position on each recommendation.
//!
//! States write it in one of two ways, and the reader takes both:
//!
//! - **Lists under headings** (most addenda since the second cycle): sections such as
//!   "I. Accepted recommendations", "II. Accepted recommendations that Slovenia considers already
//!   implemented ...", "III. Noted recommendations", each with a numbered paragraph that lists
//!   the recommendations by number: `1–5, 14–16, 20–23`, `140.7, 140.8`, `122.17-18` (a range
//!   inside one paragraph), `150 – 152`. Bare numbers ([`AddendumRef::Number`]) mean the
//!   report's own numbering (`115.x` when the report's recommendations are `115.1` to
//!   `115.163`); a dotted one is [`AddendumRef::Dotted`]. Comments on single recommendations
//!   after the list (`Rec. 18 ...`, `Recs. 6–13 ...`, or a line `140.11-14` and the text under
//!   it) are kept with the positions they comment.
//! - **Prose per recommendation** (Slovenia's first review): `2. Slovenia accepts the
//!   recommendation. ...`, `5., 6., 7., 8., 9. The Slovenian Government accepts these
//!   recommendations ...`. The position is read from the wording: "accepts" is supported,
//!   "cannot accept" / "does not accept" rejected, both in one answer partially supported, "cannot
//!   ... make a definitive statement" noted (no position taken), and an answer that says neither is
//!   reported.
//!
//! The heading's status: "accepted" or "supported" is [`ResponseStatus::Supported`] ("considers
//! already implemented" sets [`Position::implemented`]), "noted" or "take note"
//! [`ResponseStatus::Noted`], "partially" [`ResponseStatus::PartiallySupported`], "rejected" or
//! "not accepted" [`ResponseStatus::Rejected`].
//!
//! What the report lists (strict mode: an error; lenient: skipped or repaired and listed): a
//! section whose heading gives no status, a section with no list, a number answered twice
//! (the first answer kept), a comment on a number no list names, an answer in prose whose
//! wording gives no position.
//!
//! ```
//! use upr::format::addendum::{self, AddendumRef};
//! use upr::format::ReadOptions;
//! use upr::ResponseStatus;
//!
//! let text = "A/HRC/28/15/Add.1\n\
//!     I. Accepted recommendations\n\
//!     3. The Government accepts the recommendations 1–3, 5.\n\
//!     III. Noted recommendations\n\
//!     5. For the time being, the Government notes recommendations 4 and 6.\n";
//! let a = addendum::read(text.as_bytes(), &ReadOptions::new())?;
//! let supported: Vec<_> = a.positions.iter()
//!     .filter(|p| p.status == ResponseStatus::Supported)
//!     .map(|p| p.reference)
//!     .collect();
//! assert_eq!(supported, [1, 2, 3, 5].map(AddendumRef::Number));
//! assert_eq!(a.positions.len(), 6);
//! # Ok::<(), upr::Error>(())
//! ```

use std::fmt;
use std::path::Path;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::flat::{Flat, count, date, masthead_symbol, number_digits};
use super::{Problems, ReadOptions, ReadReport, read_all};
use crate::format::encoding;
use crate::{DocumentSymbol, Location, ParagraphRef, ResponseStatus, Result, State};

/// How an addendum names a recommendation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AddendumRef {
    /// A bare number (`14`): the report's own numbering, `115.14` or item 14.
    Number(u16),
    /// A full reference (`140.14`).
    Dotted {
        /// The report paragraph.
        paragraph: u16,
        /// The number after the dot.
        number: u16,
    },
}

impl AddendumRef {
    /// The recommendation's own number (`14` in both `14` and `140.14`).
    pub fn number(self) -> u16 {
        match self {
            AddendumRef::Number(n) | AddendumRef::Dotted { number: n, .. } => n,
        }
    }

    /// Whether this names the recommendation at `reference` of the report: a dotted reference
    /// the same paragraph and number, a bare number the same number after the dot or item.
    pub fn names(self, reference: ParagraphRef) -> bool {
        match (self, reference) {
            (
                AddendumRef::Dotted { paragraph, number },
                ParagraphRef::Dotted {
                    paragraph: p,
                    number: n,
                },
            ) => (paragraph, number) == (p, n),
            (AddendumRef::Number(n), ParagraphRef::Dotted { number, .. }) => n == number,
            (AddendumRef::Number(n), ParagraphRef::Item { item, .. }) => n == item,
            (AddendumRef::Number(n), ParagraphRef::Paragraph(p)) => n == p,
            _ => false,
        }
    }
}

impl fmt::Display for AddendumRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AddendumRef::Number(n) => write!(f, "{n}"),
            AddendumRef::Dotted { paragraph, number } => write!(f, "{paragraph}.{number}"),
        }
    }
}

/// The State's position on one recommendation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Position {
    /// Which recommendation.
    pub reference: AddendumRef,
    /// The position.
    pub status: ResponseStatus,
    /// The State considers it already implemented or being implemented.
    pub implemented: bool,
    /// Supported in part, the other part rejected (not merely left open): "accepts the
    /// recommendation regarding free legal aid ... cannot accept the recommendation on
    /// specialised family courts".
    pub rejected_in_part: bool,
    /// The 1-based line that states the position.
    pub line: usize,
    /// The State's comment on it, whitespace-normalised, if any.
    pub comment: Option<String>,
}

/// Totals the addendum itself declares ("The Government of Slovenia accepts 142
/// recommendations", "of which 217 are supported and 37 noted").
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Declared {
    /// Recommendations received or contained in the report.
    pub received: Option<u32>,
    /// Supported.
    pub supported: Option<u32>,
    /// Noted.
    pub noted: Option<u32>,
}

/// An addendum, read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Addendum {
    /// Its symbol (`A/HRC/28/15/Add.1`), from the masthead.
    pub symbol: Option<DocumentSymbol>,
    /// The date under "Distr.: General".
    pub date: Option<NaiveDate>,
    /// The State under review, from the title page.
    pub state: Option<State>,
    /// One position per recommendation answered, in the order the addendum gives them.
    pub positions: Vec<Position>,
    /// The totals it declares.
    pub declared: Declared,
    /// What was read and passed over.
    pub report: ReadReport,
}

/// Reads an addendum.
///
/// # Errors
/// [`crate::Error::Io`] if the reader fails; an encoding error as [`encoding::decode`] gives;
/// in strict mode [`crate::Error::Parse`] for the problems listed in the [module docs](self).
pub fn read(reader: impl std::io::Read, options: &ReadOptions) -> Result<Addendum> {
    let bytes = read_all(reader, options)?;
    let (text, used) = encoding::decode_input(bytes, options)?;
    read_str(&text, used, options)
}

/// Reads an addendum from a file, named after its path in errors.
///
/// # Errors
/// As [`read`], and [`crate::Error::Io`] if the file cannot be opened.
pub fn read_path(path: impl AsRef<Path>, options: &ReadOptions) -> Result<Addendum> {
    let (file, options) = super::open(path.as_ref(), options)?;
    read(file, &options)
}

fn read_str(text: &str, used: encoding::Decoded, options: &ReadOptions) -> Result<Addendum> {
    let mut problems = Problems::new(options);
    let lines: Vec<&str> = text.lines().collect();
    let headings = headings(&lines);
    let mut positions = if headings.is_empty() {
        prose::positions(&lines, &mut problems)?
    } else {
        lists::positions(&lines, &headings, &mut problems)?
    };
    dedup(&mut positions, &mut problems)?;
    let flat = Flat::new(text);
    let report = problems.finish(used, positions.len());
    Ok(Addendum {
        symbol: masthead_symbol(text),
        date: lines
            .iter()
            .take(12)
            .find_map(|l| date(l.trim()).map(|(d, _)| d)),
        state: title_state(&lines),
        positions,
        declared: declared(&flat.text),
        report,
    })
}

/// Keeps the first answer to each recommendation; a second is a problem.
fn dedup(positions: &mut Vec<Position>, problems: &mut Problems) -> Result<()> {
    let mut seen = std::collections::HashSet::new();
    let mut out = Vec::with_capacity(positions.len());
    for p in positions.drain(..) {
        if seen.insert(p.reference) {
            out.push(p);
        } else {
            problems.skip(
                Location::Line(p.line),
                "each recommendation answered once (the first answer is kept)",
                &format!("{} answered again as {}", p.reference, p.status),
            )?;
        }
    }
    *positions = out;
    Ok(())
}

/// The title page names the State on a line of its own, before "Addendum".
fn title_state(lines: &[&str]) -> Option<State> {
    lines
        .iter()
        .take(40)
        .take_while(|l| l.trim() != "Addendum")
        .filter_map(|l| State::lookup(l.trim()))
        .last()
}

/// "contains 163 recommendations", "received 254 recommendations", "accepts 142
/// recommendations", "notes 21 recommendations", "217 are supported and 37 noted".
fn declared(text: &str) -> Declared {
    let head = text.get(..text.len().min(4000)).unwrap_or(text);
    let before = |verbs: &[&str]| {
        verbs.iter().find_map(|v| {
            head.match_indices(v)
                .find_map(|(i, _)| {
                    count(head.get(i + v.len()..)?)
                        .filter(|(_, r)| r.starts_with(" recommendations"))
                })
                .map(|(n, _)| n)
        })
    };
    let mut d = Declared {
        received: before(&["contains ", "received "]),
        supported: before(&["accepts ", "supports "]),
        noted: before(&["notes "]),
    };
    if let Some(i) = head.find(" are supported and ") {
        let lead = head.get(..i).unwrap_or_default();
        let n = lead.rsplit(' ').next().and_then(|w| w.parse().ok());
        d.supported = d.supported.or(n);
        d.noted = d
            .noted
            .or_else(|| count(head.get(i + " are supported and ".len()..)?).map(|(n, _)| n));
    }
    d
}

// ---------------------------------------------------------------------------------------------
// Section headings.

/// A section heading (`III. Noted recommendations`) and the status it gives.
struct Heading {
    /// 0-based line index.
    index: usize,
    status: Option<ResponseStatus>,
    implemented: bool,
    text: String,
}

/// Roman-numbered headings that speak of recommendations (a heading may wrap onto the next
/// line: "II. Accepted recommendations that Slovenia considers already / implemented ...").
fn headings(lines: &[&str]) -> Vec<Heading> {
    let mut out = Vec::new();
    for (index, line) in lines.iter().enumerate() {
        let t = line.trim();
        let Some(rest) = roman_prefix(t) else {
            continue;
        };
        if !rest.to_ascii_lowercase().contains("recommendation") {
            continue;
        }
        let mut text = rest.to_owned();
        if let Some(next) = lines.get(index + 1).map(|l| l.trim()) {
            if !next.is_empty() && number_digits(next).is_none() && next.len() < 80 {
                text.push(' ');
                text.push_str(next);
            }
        }
        let (status, implemented) = heading_status(&text);
        out.push(Heading {
            index,
            status,
            implemented,
            text,
        });
    }
    out
}

/// `I. `, `II. `, ..., `X. ` at the start of a line: the rest.
fn roman_prefix(t: &str) -> Option<&str> {
    let n = t
        .bytes()
        .take_while(|b| matches!(b, b'I' | b'V' | b'X'))
        .count();
    if n == 0 || n > 4 {
        return None;
    }
    t.get(n..)?.strip_prefix(". ").map(str::trim)
}

fn heading_status(text: &str) -> (Option<ResponseStatus>, bool) {
    let t = text.to_ascii_lowercase();
    let implemented = t.contains("implemented");
    let status = if t.contains("partial") {
        Some(ResponseStatus::PartiallySupported)
    } else if t.contains("not accepted") || t.contains("not supported") || t.contains("reject") {
        Some(ResponseStatus::Rejected)
    } else if t.contains("noted") || t.contains("take note") || t.contains("taken note") {
        Some(ResponseStatus::Noted)
    } else if t.contains("accept") || t.contains("support") {
        Some(ResponseStatus::Supported)
    } else {
        None
    };
    (status, implemented)
}

// ---------------------------------------------------------------------------------------------
// Lists of numbers.

/// One item of a list: a number, a dotted reference, or a range of either.
fn list_item(s: &str) -> Option<(Vec<AddendumRef>, &str)> {
    let (first, rest) = reference(s)?;
    let Some(after_dash) = dash(rest) else {
        return Some((vec![first], rest));
    };
    // `122.17-18` (the paragraph carries over), `140.1-140.6`, `1–5`, `150 – 152`.
    let (last, rest) = match (first, reference(after_dash)) {
        (AddendumRef::Dotted { paragraph, .. }, Some((AddendumRef::Number(n), r))) => (
            AddendumRef::Dotted {
                paragraph,
                number: n,
            },
            r,
        ),
        (_, Some((last, r))) => (last, r),
        (_, None) => return Some((vec![first], rest)),
    };
    Some((range(first, last)?, rest))
}

/// The references from `first` to `last`, when they are a plausible range (same paragraph, at
/// most 500 long).
fn range(first: AddendumRef, last: AddendumRef) -> Option<Vec<AddendumRef>> {
    match (first, last) {
        (AddendumRef::Number(a), AddendumRef::Number(b)) if a <= b && b - a <= 500 => {
            Some((a..=b).map(AddendumRef::Number).collect())
        }
        (
            AddendumRef::Dotted {
                paragraph: p,
                number: a,
            },
            AddendumRef::Dotted {
                paragraph: q,
                number: b,
            },
        ) if p == q && a <= b && b - a <= 500 => Some(
            (a..=b)
                .map(|number| AddendumRef::Dotted {
                    paragraph: p,
                    number,
                })
                .collect(),
        ),
        _ => None,
    }
}

/// `14` or `140.14` at the start of `s` (not a year such as `2014`, not `14.` ending a
/// sentence).
fn reference(s: &str) -> Option<(AddendumRef, &str)> {
    let (a, rest) = number_digits(s)?;
    let a = u16::try_from(a).ok().filter(|a| *a < 1000)?;
    if let Some(after) = rest.strip_prefix('.') {
        if let Some((b, r)) = number_digits(after) {
            let b = u16::try_from(b).ok()?;
            return Some((
                AddendumRef::Dotted {
                    paragraph: a,
                    number: b,
                },
                r,
            ));
        }
    }
    Some((AddendumRef::Number(a), rest))
}

/// A dash between two numbers (`-`, `–`, `—`, with or without spaces): the rest after it.
fn dash(s: &str) -> Option<&str> {
    let t = s.trim_start();
    let t = t
        .strip_prefix('-')
        .or_else(|| t.strip_prefix('–'))
        .or_else(|| t.strip_prefix('—'))?;
    Some(t.trim_start())
}

/// A whole list: items separated by `,`, `;`, `.`, `and`, until something else comes.
fn list(s: &str) -> (Vec<AddendumRef>, &str) {
    let mut out = Vec::new();
    let mut rest = s.trim_start();
    while let Some((items, r)) = list_item(rest) {
        // A list names each recommendation once: a number it already holds starts something
        // else (a comment on that number after the list).
        if items.iter().any(|i| out.contains(i)) {
            break;
        }
        out.extend(items);
        rest = r;
        let Some(next) = separator(rest) else { break };
        if reference(next).is_none() {
            break;
        }
        rest = next;
    }
    (out, rest)
}

/// A separator between list items and the text after it.
fn separator(s: &str) -> Option<&str> {
    let t = s.trim_start();
    let t = t
        .strip_prefix(',')
        .or_else(|| t.strip_prefix(';'))
        .or_else(|| t.strip_prefix('.'))
        .map(str::trim_start)
        .unwrap_or(t);
    let t = t.strip_prefix("and ").unwrap_or(t);
    (t.len() < s.len()).then_some(t.trim_start())
}

mod lists {
    //! Addenda laid out as lists under headings.

    use super::*;

    pub(super) fn positions(
        lines: &[&str],
        headings: &[Heading],
        problems: &mut Problems,
    ) -> Result<Vec<Position>> {
        let mut out = Vec::new();
        let mut comments = Vec::new();
        for (i, h) in headings.iter().enumerate() {
            let end = headings.get(i + 1).map_or(lines.len(), |n| n.index);
            let Some(status) = h.status else {
                problems.skip(
                    Location::Line(h.index + 1),
                    "a heading that says accepted, noted, partially accepted or rejected",
                    &h.text,
                )?;
                continue;
            };
            let body = lines.get(h.index + 1..end).unwrap_or_default();
            let section = Section::new(body, h.index + 2);
            let Some((refs, at)) = section.list() else {
                problems.skip(
                    Location::Line(h.index + 1),
                    "a list of recommendation numbers under the heading",
                    &h.text,
                )?;
                continue;
            };
            let line = section.line(at);
            out.extend(refs.into_iter().map(|reference| Position {
                reference,
                status,
                implemented: h.implemented,
                rejected_in_part: false,
                line,
                comment: None,
            }));
            comments.extend(section.comments(status));
        }
        attach(&mut out, comments, problems);
        Ok(out)
    }

    /// Gives each comment to the positions it names, wherever their list is; a comment on a
    /// number no list names is reported.
    fn attach(positions: &mut [Position], comments: Vec<Comment>, problems: &mut Problems) {
        for c in comments {
            for r in &c.refs {
                match positions.iter_mut().find(|p| p.reference == *r) {
                    Some(p) => {
                        if p.status != c.status {
                            problems.repair(
                                Location::Line(c.line),
                                format!(
                                    "a comment under the {} heading on a recommendation listed as {} (kept with it)",
                                    c.status, p.status
                                ),
                                &format!("{r}: {}", crate::format::excerpt(&c.text)),
                            );
                        }
                        p.comment = Some(c.text.clone());
                    }
                    None => problems.repair(
                        Location::Line(c.line),
                        "a comment on a recommendation no list names (kept out)",
                        &format!("{r}: {}", crate::format::excerpt(&c.text)),
                    ),
                }
            }
        }
    }

    /// A comment on some recommendations, after a list.
    struct Comment {
        /// The status of the section the comment stands in.
        status: ResponseStatus,
        refs: Vec<AddendumRef>,
        text: String,
        line: usize,
    }

    /// A section's lines run together.
    struct Section {
        flat: Flat,
        /// The 1-based line number of the section's first line.
        first_line: usize,
    }

    impl Section {
        fn new(body: &[&str], first_line: usize) -> Section {
            Section {
                flat: Flat::new(&body.join("\n")),
                first_line,
            }
        }

        fn line(&self, at: usize) -> usize {
            self.first_line + self.flat.line(at) - 1
        }

        /// The first list in the section: after "recommendations" (or "recommendation"), an
        /// optional colon, then numbers. Returns the references and the list's offset.
        fn list(&self) -> Option<(Vec<AddendumRef>, usize)> {
            let t = &self.flat.text;
            t.match_indices("recommendation").find_map(|(i, w)| {
                let rest = t.get(i + w.len()..)?;
                let rest = rest.strip_prefix('s').unwrap_or(rest);
                let rest = rest.trim_start().strip_prefix(':').unwrap_or(rest);
                let (refs, _) = list(rest);
                if !refs.is_empty() {
                    return Some((refs, i));
                }
                // "accepts the following recommendations and provides ...: 140.11, ..."
                let clause = rest.get(..rest.len().min(200)).unwrap_or(rest);
                let colon = clause.find(':')?;
                if clause.get(..colon)?.contains(". ") {
                    return None;
                }
                let (refs, _) = list(rest.get(colon + 1..)?);
                (!refs.is_empty()).then_some((refs, i))
            })
        }

        /// Comments after the list: `Rec. 18 text`, `Recs. 6–13 text`, `140.11-14 text`.
        fn comments(&self, status: ResponseStatus) -> Vec<Comment> {
            let marks = self.comment_marks();
            marks
                .iter()
                .enumerate()
                .map(|(k, (at, refs, text_at))| {
                    let end = marks.get(k + 1).map_or(self.flat.text.len(), |m| m.0);
                    let text = self.flat.text.get(*text_at..end).unwrap_or_default().trim();
                    Comment {
                        status,
                        refs: refs.clone(),
                        text: text.to_owned(),
                        line: self.line(*at),
                    }
                })
                .collect()
        }

        /// Where comments start: `Rec. `/`Recs. ` markers, and references standing alone on a
        /// line (their offsets in the run-together text: the mark, its references, the text).
        fn comment_marks(&self) -> Vec<(usize, Vec<AddendumRef>, usize)> {
            let t = &self.flat.text;
            let mut marks = Vec::new();
            for (i, _) in t.match_indices("Rec") {
                let rest = t.get(i..).unwrap_or_default();
                let Some(r) = rest
                    .strip_prefix("Recs. ")
                    .or_else(|| rest.strip_prefix("Rec. "))
                else {
                    continue;
                };
                let (refs, after) = list(r);
                if !refs.is_empty() {
                    marks.push((i, refs, t.len() - after.len()));
                }
            }
            for (at, _) in self.flat.line_starts() {
                let rest = t.get(at..).unwrap_or_default();
                let Some((refs, after)) = list_item(rest) else {
                    continue;
                };
                let Some(AddendumRef::Dotted { .. }) = refs.first() else {
                    continue;
                };
                // The reference is the whole line: the next line starts right after it.
                let after_at = t.len() - after.len();
                if self.flat.line_starts().any(|(s, _)| s == after_at + 1) || after.is_empty() {
                    marks.push((at, refs, after_at));
                }
            }
            marks.sort_by_key(|m| m.0);
            marks
        }
    }
}

mod prose {
    //! Addenda that answer each recommendation in prose (`2. Slovenia accepts the
    //! recommendation.`), in two columns: the numbers on the left, the answer on the right.

    use super::*;

    /// One numbered answer: its numbers, its first line, its text.
    struct Answer {
        numbers: Vec<u16>,
        line: usize,
        text: String,
        /// The number column ended with a comma: more numbers on the next line.
        open: bool,
    }

    pub(super) fn positions(lines: &[&str], problems: &mut Problems) -> Result<Vec<Position>> {
        let mut answers: Vec<Answer> = Vec::new();
        let mut started = false;
        for (i, line) in lines.iter().enumerate() {
            let t = line.trim();
            if t.is_empty() || crate::format::flat::is_furniture(t) {
                continue;
            }
            if let Some((numbers, rest, open)) = number_column(t) {
                if !started && numbers.first() != Some(&1) {
                    continue;
                }
                started = true;
                match answers.last_mut() {
                    Some(a) if a.open => {
                        a.numbers.extend(numbers);
                        a.open = open;
                        push_text(&mut a.text, rest);
                    }
                    _ => answers.push(Answer {
                        numbers,
                        line: i + 1,
                        text: rest.to_owned(),
                        open,
                    }),
                }
            } else if let Some(a) = answers.last_mut() {
                push_text(&mut a.text, t);
            }
        }
        let mut out = Vec::new();
        for a in answers {
            let Some((status, rejected_in_part)) = wording(&a.text) else {
                problems.skip(
                    Location::Line(a.line),
                    "an answer that accepts, rejects or notes the recommendation",
                    &a.text,
                )?;
                continue;
            };
            out.extend(a.numbers.iter().map(|n| Position {
                reference: AddendumRef::Number(*n),
                status,
                implemented: implemented(&a.text),
                rejected_in_part,
                line: a.line,
                comment: Some(a.text.clone()),
            }));
        }
        Ok(out)
    }

    fn push_text(text: &mut String, more: &str) {
        if !more.is_empty() {
            if !text.is_empty() {
                text.push(' ');
            }
            text.extend(more.split_whitespace().flat_map(|w| [w, " "]));
            if text.ends_with(' ') {
                text.pop();
            }
        }
    }

    /// `5., 6., 7.   text` or `13.   text`: the numbers (each `N.`), the text after them, and
    /// whether the column ends with a comma (continued on the next line). The column is set off
    /// from the text by two spaces or more, so a sentence such as `2014. The` is not one.
    fn number_column(t: &str) -> Option<(Vec<u16>, &str, bool)> {
        let mut numbers = Vec::new();
        let mut rest = t;
        let mut open = false;
        while let Some((n, r)) = number_digits(rest) {
            let r = r.strip_prefix('.')?;
            numbers.push(u16::try_from(n).ok().filter(|n| *n < 1000)?);
            open = r.starts_with(',');
            let r = r.strip_prefix(',').unwrap_or(r);
            let after = r.trim_start();
            let gap = r.len() - after.len();
            rest = after;
            match gap {
                0 if !after.is_empty() => return None,
                1 if number_digits(after).is_some() => continue,
                1 => return None,
                _ => break,
            }
        }
        (!numbers.is_empty()).then_some((numbers, rest, open))
    }

    /// The position an answer's wording gives, and whether a part of it is rejected.
    pub(super) fn wording(text: &str) -> Option<(ResponseStatus, bool)> {
        let t = text.to_ascii_lowercase();
        let rejects = [
            "cannot accept",
            "can not accept",
            "does not accept",
            "do not accept",
            "not accept",
            "rejects",
        ]
        .iter()
        .any(|p| t.contains(p));
        let accepts = ["accepts", "agrees with", "supports"]
            .iter()
            .any(|p| t.contains(p));
        let undecided = t.contains("definitive statement");
        let status = match (accepts, rejects || undecided) {
            (true, true) => ResponseStatus::PartiallySupported,
            (true, false) => ResponseStatus::Supported,
            (false, true) if rejects => ResponseStatus::Rejected,
            (false, true) => ResponseStatus::Noted,
            (false, false) => return None,
        };
        Some((status, accepts && rejects))
    }

    fn implemented(text: &str) -> bool {
        let t = text.to_ascii_lowercase();
        t.contains("already implemented")
            || t.contains("has already been implemented")
            || t.contains("already acts accordingly")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn n(v: &[u16]) -> Vec<AddendumRef> {
        v.iter().copied().map(AddendumRef::Number).collect()
    }

    fn d(p: u16, v: &[u16]) -> Vec<AddendumRef> {
        v.iter()
            .map(|&number| AddendumRef::Dotted {
                paragraph: p,
                number,
            })
            .collect()
    }

    #[test]
    fn lists_and_ranges() {
        assert_eq!(
            list("1–3, 14– 16, 150 – 152, 161. The").0,
            n(&[1, 2, 3, 14, 15, 16, 150, 151, 152, 161])
        );
        assert_eq!(
            list("140.35. 140.36, 140.41. 140.42").0,
            d(140, &[35, 36, 41, 42])
        );
        assert_eq!(list("122.17-18 and 122.20").0, d(122, &[17, 18, 20]));
        assert_eq!(list("140.252 and wishes to provide").0, d(140, &[252]));
        assert_eq!(
            list("6–13 The Government").0,
            n(&(6..=13).collect::<Vec<_>>())
        );
        assert!(list("The Government").0.is_empty());
    }

    #[test]
    fn headings_give_statuses() {
        assert_eq!(
            heading_status("Accepted recommendations"),
            (Some(ResponseStatus::Supported), false)
        );
        assert_eq!(
            heading_status("Accepted recommendations that Slovenia considers already implemented"),
            (Some(ResponseStatus::Supported), true)
        );
        assert_eq!(
            heading_status("Noted recommendations").0,
            Some(ResponseStatus::Noted)
        );
        assert_eq!(
            heading_status("Partially accepted recommendations").0,
            Some(ResponseStatus::PartiallySupported)
        );
        assert_eq!(
            heading_status("Recommendations not accepted").0,
            Some(ResponseStatus::Rejected)
        );
        assert_eq!(heading_status("Other recommendations").0, None);
        assert_eq!(
            roman_prefix("III. Noted recommendations"),
            Some("Noted recommendations")
        );
        assert_eq!(roman_prefix("Introduction"), None);
    }

    #[test]
    fn prose_wording() {
        use ResponseStatus::*;
        assert_eq!(
            prose::wording("Slovenia accepts the recommendation."),
            Some((Supported, false))
        );
        assert_eq!(
            prose::wording("Slovenia cannot accept the recommendation."),
            Some((Rejected, false))
        );
        assert_eq!(
            prose::wording(
                "Slovenia accepts the recommendation regarding free legal aid. Slovenia cannot accept the recommendation on courts."
            ),
            Some((PartiallySupported, true))
        );
        assert_eq!(
            prose::wording(
                "Slovenia accepts one. It cannot make a definitive statement on the other."
            ),
            Some((PartiallySupported, false))
        );
        assert_eq!(
            prose::wording("Slovenia cannot, at this point in time, make a definitive statement."),
            Some((Noted, false))
        );
        assert_eq!(prose::wording("Slovenia thanks the delegations."), None);
    }

    const LISTS: &str = "A/HRC/28/15/Add.1\n\
        Distr.: General\n\
        4 March 2015\n\
        Slovenia\n\
        Addendum\n\
        2. The Government of Slovenia accepts 5 recommendations. It notes 2 recommendations.\n\
        I. Accepted recommendations\n\
        3. The Government accepts the recommendations 1–3, 5.\n\
        II. Accepted recommendations that Slovenia considers already\n\
        implemented or in process of implementation\n\
        4. The Government accepts the recommendations 4, 3.\n\
        Rec. 4 We consider that this recommendation is implemented.\n\
        Rec. 9 Not in any list.\n\
        III. Noted recommendations\n\
        5. For the time being, the Government notes recommendations 6 and 7.\n\
        Recs. 6–7 Not planned.\n";

    #[test]
    fn reads_lists_with_comments_and_reports_doubles() {
        let a = read(LISTS.as_bytes(), &ReadOptions::lenient()).unwrap();
        assert_eq!(
            a.symbol.as_ref().map(|s| s.to_string()),
            Some("A/HRC/28/15/Add.1".into())
        );
        assert_eq!(a.date, NaiveDate::from_ymd_opt(2015, 3, 4));
        assert_eq!(a.state, State::resolve("Slovenia").ok());
        assert_eq!(a.declared.supported, Some(5));
        assert_eq!(a.declared.noted, Some(2));
        let refs: Vec<_> = a.positions.iter().map(|p| p.reference.number()).collect();
        assert_eq!(refs, [1, 2, 3, 5, 4, 6, 7]);
        let four = &a.positions[4];
        assert!(four.implemented);
        assert_eq!(four.line, 11);
        assert_eq!(
            four.comment.as_deref(),
            Some("We consider that this recommendation is implemented.")
        );
        assert_eq!(a.positions[6].comment.as_deref(), Some("Not planned."));
        assert_eq!(a.positions[6].status, ResponseStatus::Noted);
        // 3 answered twice (skipped), the comment on 9 (repaired).
        assert_eq!(a.report.skipped().count(), 1, "{:?}", a.report.problems);
        assert_eq!(a.report.repaired().count(), 1, "{:?}", a.report.problems);
        let err = read(LISTS.as_bytes(), &ReadOptions::new().with_name("a.txt")).unwrap_err();
        assert_eq!(
            err.to_string(),
            r#"a.txt: line 11: expected each recommendation answered once (the first answer is kept), found "3 answered again as supported""#
        );
    }

    #[test]
    fn reads_prose_in_two_columns() {
        let text = "Views on conclusions\n\
            1.            Slovenia cannot, at this point in time, make a definitive statement.\n\
            2.            Slovenia accepts the recommendation. The issue of\n\
                          ratifying is under review.\n\
            3., 4.,       Slovenia accepts these recommendations and refers, in the light of the\n\
            6.            decision of 2003, to the Act.\n\
            5.            Slovenia cannot accept the recommendation.\n\
            7.            Slovenia thanks everyone.\n";
        let a = read(text.as_bytes(), &ReadOptions::lenient()).unwrap();
        let got: Vec<_> = a
            .positions
            .iter()
            .map(|p| (p.reference.number(), p.status))
            .collect();
        use ResponseStatus::*;
        assert_eq!(
            got,
            [
                (1, Noted),
                (2, Supported),
                (3, Supported),
                (4, Supported),
                (6, Supported),
                (5, Rejected)
            ]
        );
        assert_eq!(
            a.positions[1].comment.as_deref(),
            Some("Slovenia accepts the recommendation. The issue of ratifying is under review.")
        );
        assert_eq!(a.report.skipped().count(), 1);
    }

    #[test]
    fn references_name_report_paragraphs() {
        let r: ParagraphRef = "115.14".parse().unwrap();
        assert!(AddendumRef::Number(14).names(r));
        assert!(
            AddendumRef::Dotted {
                paragraph: 115,
                number: 14
            }
            .names(r)
        );
        assert!(
            !AddendumRef::Dotted {
                paragraph: 116,
                number: 14
            }
            .names(r)
        );
        assert!(AddendumRef::Number(14).names("111(14)".parse().unwrap()));
    }
}
