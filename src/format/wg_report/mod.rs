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
//! `examples/parse_wg_report.rs` prints a report as JSON lines; `examples/wg_agreement` measures
//! the reader against two independent references (docs/wg-report-agreement.md).
//!
//! # What the report lists
//! - **repaired** (both modes): a recommendation kept after dropping a page header, a footnote or
//!   a comment after its recommending States, or (lenient mode only) kept with a recommending
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

use super::{Mode, Parsed, Problems, ReadOptions, ReadReport, read_all};
use crate::format::encoding;
use crate::text::{clean_line, collapse_ws, fold, map_with_offsets, number_at, sub, tail_from};
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
        let name = self.report.input.as_str();
        let state = self.state.ok_or_else(|| {
            Error::invalid(
                "working group report",
                name,
                "the header names no known State under review",
            )
        })?;
        let session = self.session.ok_or_else(|| {
            Error::invalid(
                "working group report",
                name,
                "the text gives no Working Group session",
            )
        })?;
        let source = SourceId(
            self.symbol
                .as_ref()
                .map_or_else(|| name.to_owned(), |s| s.to_string()),
        );
        Ok(self
            .recommendations
            .iter()
            .map(|r| {
                let mut rec = Recommendation::new(state, session, r.text.clone(), source.clone())
                    .with_recommending(r.recommending.iter().copied())
                    .with_reference(r.reference);
                if let Some(sym) = &self.symbol {
                    rec = rec.with_document(sym.clone());
                }
                if let Some(date) = self.date {
                    rec = rec.with_response(ResponseEvent {
                        stage: Stage::WorkingGroup,
                        date,
                        precision: crate::DatePrecision::Day,
                        status: r.status.response(),
                        source: source.clone(),
                    });
                }
                rec
            })
            .collect())
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
    let (text, used) = encoding::decode(&bytes, options.encoding())?;
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
    let s = split_body(body)?;
    let mut recommending = Vec::new();
    let mut raw = Vec::new();
    let mut unresolved = Vec::new();
    for (name, st) in s.names {
        match st {
            Some(st) => {
                if !recommending.contains(&st) {
                    recommending.push(st);
                }
            }
            None => unresolved.push(name.clone()),
        }
        raw.push(name);
    }
    Some(SplitRecommendation {
        reference,
        text: s.text,
        recommending,
        recommending_raw: raw,
        unresolved,
        comment: s.comment,
    })
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Token {
    Plain(u16),
    Dotted(u16, u16),
}

/// A number at the start of a line: `90.` (plain) or `124.1` / `138.67.` (dotted), followed by
/// a space or the end. Returns the token and the rest, trimmed.
fn leading_token(s: &str) -> Option<(Token, &str)> {
    let b = s.as_bytes();
    let (p, i) = number_at(s, 0, 3)?;
    if b.get(i) != Some(&b'.') {
        return None;
    }
    let after = |j: usize| -> bool { b.get(j).is_none_or(|c| c.is_ascii_whitespace()) };
    if let Some((n, j)) = number_at(s, i + 1, 3) {
        let dot = b.get(j) == Some(&b'.');
        let j2 = if dot { j + 1 } else { j };
        // "110.44.Take": the text glued to the number's final dot.
        let glued = dot && b.get(j2).is_some_and(u8::is_ascii_uppercase);
        if (after(j2) || glued) && p > 0 {
            return Some((Token::Dotted(p, n), tail_from(s, j2).trim_start()));
        }
        return None;
    }
    if after(i + 1) && p > 0 {
        return Some((Token::Plain(p), tail_from(s, i + 1).trim_start()));
    }
    None
}

/// Lines that are page furniture of the PDF: `GE.10-10123`, `A/HRC/13/13`, `page 5`, a lone
/// page number, a lone footnote mark.
fn is_furniture(s: &str) -> bool {
    let t = s.trim();
    if t.is_empty() {
        return false;
    }
    if t.chars().all(|c| c == '*' || c == ' ') {
        return true;
    }
    if t.len() <= 3 && t.chars().all(|c| c.is_ascii_digit()) {
        return true;
    }
    let low = t.to_ascii_lowercase();
    if low.starts_with("ge.") && low.chars().nth(3).is_some_and(|c| c.is_ascii_digit()) {
        return true;
    }
    if low.starts_with("a/hrc/") && t.len() < 40 && !t.contains(' ') {
        return true;
    }
    if let Some(r) = low.strip_prefix("page ") {
        return r.trim().chars().all(|c| c.is_ascii_digit());
    }
    false
}

/// The footnote of an unedited report: `** The conclusions and recommendations have not been
/// edited.` and its kin.
fn is_footnote(s: &str) -> bool {
    // A numbered footnote: "2  The recommendation was read during the interactive dialogue as".
    let digits = s.len() - s.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    if (1..=2).contains(&digits) && tail_from(s, digits).starts_with("  ") {
        return true;
    }
    let f = fold(s);
    let f = f.trim_start_matches(['*', ' ']);
    f.starts_with("the conclusions and recommendations have not been edited")
        || f.starts_with("conclusions and recommendations have not been edited")
        || f.starts_with("the annex to the present report is circulated as received")
}

// ---------------------------------------------------------------------------------------------
// Recommending States in brackets.

/// The top-level bracket groups of `s` as byte ranges `(open, close_exclusive)`.
pub(crate) fn bracket_groups(s: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut depth = 0usize;
    let mut start = 0usize;
    for (i, c) in s.char_indices() {
        match c {
            '(' => {
                if depth == 0 {
                    start = i;
                }
                depth += 1;
            }
            ')' if depth > 0 => {
                depth -= 1;
                if depth == 0 {
                    out.push((start, i + 1));
                }
            }
            _ => {}
        }
    }
    if depth == 0 {
        return out;
    }
    // A '(' never closed (`(ICPPED (Togo);`): pair from the end instead, where the recommending
    // States are.
    let mut back = Vec::new();
    let mut depth = 0usize;
    let mut end = 0usize;
    for (i, c) in s.char_indices().rev() {
        match c {
            ')' => {
                if depth == 0 {
                    end = i + 1;
                }
                depth += 1;
            }
            '(' if depth > 0 => {
                depth -= 1;
                if depth == 0 {
                    back.push((i, end));
                }
            }
            _ => {}
        }
    }
    back.reverse();
    back
}

/// A final group whose closing bracket was lost in the source, `(Iran (Islamic Republic of);`:
/// when the last group does not resolve but reads as a State together with an unclosed `(`
/// before it, the wider group.
fn widen_last(s: &str, g: (usize, usize)) -> (usize, usize) {
    if resolves_fully(s, g) {
        return g;
    }
    let before = sub(s, 0, g.0);
    if let Some(open) = before.rfind('(') {
        let between = tail_from(before, open + 1);
        if !between.contains(')') && !between.trim().is_empty() {
            let wide = (open, g.1);
            if resolves_fully(s, wide) {
                return wide;
            }
        }
    }
    g
}

fn resolve(name: &str) -> Option<State> {
    let n = name.trim().trim_end_matches(['.', ',', ';', ':']).trim();
    if n.is_empty() {
        return None;
    }
    State::resolve(n).ok()
}

/// Splits `a` on `" and "` so that every part resolves, e.g. `Ghana and the Netherlands`.
fn split_and(s: &str) -> Option<Vec<(String, State)>> {
    if let Some(st) = resolve(s) {
        return Some(vec![(s.trim().to_owned(), st)]);
    }
    let low = s.to_ascii_lowercase();
    let mut from = 0;
    while let Some(k) = low.get(from..).and_then(|r| r.find(" and ")) {
        let at = from + k;
        let left = sub(s, 0, at);
        if let Some(st) = resolve(left) {
            if let Some(mut rest) = split_and(tail_from(s, at + 5)) {
                let mut v = vec![(left.trim().to_owned(), st)];
                v.append(&mut rest);
                return Some(v);
            }
        }
        from = at + 5;
    }
    None
}

/// Splits the content of a bracket into State names. Every name is returned as written, with
/// the State when it resolves. `all` is true when every name resolved.
fn split_names(content: &str) -> (Vec<(String, Option<State>)>, bool) {
    let content = content.trim();
    if let Some(st) = resolve(content) {
        return (vec![(content.to_owned(), Some(st))], true);
    }
    // Top-level pieces separated by commas or semicolons (not inside nested brackets).
    let mut pieces: Vec<&str> = Vec::new();
    let mut depth = 0usize;
    let mut start = 0;
    for (i, c) in content.char_indices() {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            ',' | ';' | '/' if depth == 0 => {
                pieces.push(sub(content, start, i));
                start = i + 1;
            }
            _ => {}
        }
    }
    pieces.push(tail_from(content, start));
    let mut out = Vec::new();
    let mut all = true;
    let mut i = 0;
    while i < pieces.len() {
        // The longest run of pieces that reads as one name ("Korea, Republic of").
        let mut taken = false;
        // A State's name has at most two commas ("Korea, Republic of").
        for j in (i + 1..=pieces.len().min(i + 3)).rev() {
            let joined = pieces.get(i..j).unwrap_or_default().join(",");
            let name = strip_and(&joined);
            if j > i + 1 {
                if let Some(st) = resolve(name) {
                    out.push((name.trim().to_owned(), Some(st)));
                    i = j;
                    taken = true;
                    break;
                }
            } else if let Some(v) = split_and(name) {
                out.extend(v.into_iter().map(|(n, s)| (n, Some(s))));
                i = j;
                taken = true;
                break;
            }
        }
        if !taken {
            let name = strip_and(pieces.get(i).copied().unwrap_or_default())
                .trim()
                .to_owned();
            if !name.is_empty() {
                out.push((name, None));
                all = false;
            }
            i += 1;
        }
    }
    if out.is_empty() {
        all = false;
    }
    (out, all)
}

fn strip_and(s: &str) -> &str {
    let t = s.trim();
    if t.len() > 4 && t.get(..4).is_some_and(|p| p.eq_ignore_ascii_case("and ")) {
        tail_from(t, 4).trim()
    } else {
        t
    }
}

/// The inside of a group; a group widened over a lost bracket gets it back.
fn group_content(s: &str, g: (usize, usize)) -> String {
    let c = sub(s, g.0 + 1, g.1.saturating_sub(1));
    if c.matches('(').count() > c.matches(')').count() {
        format!("{c})")
    } else {
        c.to_owned()
    }
}

fn resolves_fully(s: &str, g: (usize, usize)) -> bool {
    // Longer than any list of co-sponsors (about 60 States, the longest seen is under 600 bytes).
    if g.1.saturating_sub(g.0) > 2000 {
        return false;
    }
    let c = group_content(s, g);
    !c.trim().is_empty() && split_names(&c).1
}

/// Trailing junk after the last bracket: spaces, `;`, `.`, `,`, `:`, a footnote number right
/// after `)`, a dangling `and`.
fn trim_trailing(s: &str) -> &str {
    let mut t = s;
    loop {
        let before = t.len();
        t = t.trim_end_matches(|c: char| c.is_whitespace() || ";.,:*".contains(c));
        if let Some(x) = t.strip_suffix(" and").or_else(|| t.strip_suffix(" or")) {
            t = x;
        }
        // A footnote number after the closing bracket: "(Turkey)1", "(Canada);2".
        let no_digits = t.trim_end_matches(|c: char| c.is_ascii_digit());
        if no_digits.len() < t.len()
            && t.len() - no_digits.len() <= 2
            && [")", ");", ").", ") "]
                .iter()
                .any(|e| no_digits.ends_with(e))
        {
            t = no_digits;
        }
        // One closing bracket too many: "(Argentina, Czech Republic));".
        if t.ends_with("))") && t.matches(')').count() > t.matches('(').count() {
            t = sub(t, 0, t.len() - 1);
        }
        if t.len() == before {
            return t;
        }
    }
}

struct Body {
    text: String,
    names: Vec<(String, Option<State>)>,
    comment: Option<String>,
    /// The States were found inside the text rather than at its end.
    inline: bool,
}

/// Splits a recommendation body (number removed) into clean text and recommending States.
fn split_body(body: &str) -> Option<Body> {
    let body = collapse_ws(body);
    let t = trim_trailing(&body);
    let gs = bracket_groups(t);
    // Index in `gs` of the first group of the final run of recommending-State brackets, and of
    // the last; plus where the comment (if any) starts.
    let mut gs = gs;
    let (first_end, last_end, comment_from) = if t.ends_with(')') {
        let last = gs.len().checked_sub(1)?;
        let g = *gs.get(last)?;
        if g.1 != t.len() {
            return None;
        }
        let wide = widen_last(t, g);
        if wide != g {
            gs.retain(|x| x.0 < wide.0 || x.1 > wide.1);
            gs.push(wide);
            gs.sort_unstable();
        }
        let last = gs.len().checked_sub(1)?;
        let mut first = last;
        while first > 0 {
            let (prev, cur) = (gs.get(first - 1)?, gs.get(first)?);
            let gap = sub(t, prev.1, cur.0);
            if gap.trim().is_empty() && resolves_fully(t, *prev) {
                first -= 1;
            } else {
                break;
            }
        }
        (first, last, None)
    } else {
        // A comment after the States: "(Canada): The Dominican Republic does not accept ...".
        match gs
            .iter()
            .enumerate()
            .rev()
            .find(|(_, g)| resolves_fully(t, **g) && followed_by_break(t, g.1))
        {
            Some((idx, g)) => (idx, idx, Some(g.1)),
            None => return inline_states(t, &gs),
        }
    };
    let mut names = Vec::new();
    let mut text = String::new();
    let mut pos = 0;
    // Clustered recommendations: a run of State brackets followed by ';' or '.' inside the body.
    let mut i = 0;
    while i < first_end {
        let Some(&g) = gs.get(i) else { break };
        if resolves_fully(t, g) {
            // Extend over adjacent State brackets.
            let mut j = i;
            while j + 1 < first_end {
                let (Some(a), Some(b)) = (gs.get(j), gs.get(j + 1)) else {
                    break;
                };
                if sub(t, a.1, b.0).trim().is_empty() && resolves_fully(t, *b) {
                    j += 1;
                } else {
                    break;
                }
            }
            let end = gs.get(j).map_or(g.1, |x| x.1);
            if followed_by_break(t, end) {
                for k in i..=j {
                    if let Some(&gk) = gs.get(k) {
                        names.extend(split_names(&group_content(t, gk)).0);
                    }
                }
                text.push_str(sub(t, pos, g.0));
                text.push(' ');
                let rest = tail_from(t, end);
                let skip = rest.len() - rest.trim_start_matches([';', '.', ',', ' ']).len();
                pos = end + skip;
                i = j + 1;
                continue;
            }
        }
        i += 1;
    }
    let fg = *gs.get(first_end)?;
    text.push_str(sub(t, pos, fg.0));
    for k in first_end..=last_end {
        if let Some(&gk) = gs.get(k) {
            names.extend(split_names(&group_content(t, gk)).0);
        }
    }
    let comment = comment_from
        .map(|c| collapse_ws(tail_from(&body, c).trim_start_matches([';', '.', ':', ',', ' '])))
        .filter(|c| !c.is_empty());
    let text = collapse_ws(&text);
    let text = text
        .trim_end_matches(|c: char| c.is_whitespace() || ";,:".contains(c))
        .trim()
        .to_owned();
    if names.is_empty() {
        return None;
    }
    Some(Body {
        text,
        names,
        comment,
        inline: false,
    })
}

/// States written inside the text, `Sign (Uganda) and ratify (Costa Rica, Netherlands) OP-CAT`:
/// every bracket that reads as States is taken out of the text.
fn inline_states(t: &str, gs: &[(usize, usize)]) -> Option<Body> {
    let mut names = Vec::new();
    let mut text = String::new();
    let mut pos = 0;
    for &g in gs {
        if resolves_fully(t, g) {
            names.extend(split_names(&group_content(t, g)).0);
            text.push_str(sub(t, pos, g.0));
            pos = g.1;
        }
    }
    if names.is_empty() {
        return None;
    }
    text.push_str(tail_from(t, pos));
    Some(Body {
        text: collapse_ws(&text)
            .trim_end_matches(|c: char| c.is_whitespace() || ";,:.".contains(c))
            .to_owned(),
        names,
        comment: None,
        inline: true,
    })
}

/// Whether the bracket closing at `end` is followed by `;`, `.`, `:` (then a space or the end),
/// or by the end of the text.
fn followed_by_break(t: &str, end: usize) -> bool {
    let rest = tail_from(t, end);
    // A footnote number may sit between the bracket and the break, and so may a stray space:
    // "(Canada)1;", "(Argentina) ;Work with ...".
    let r = rest
        .trim_start_matches(|c: char| c.is_ascii_digit())
        .trim_start_matches(' ');
    matches!(r.chars().next(), None | Some(';' | '.' | ':'))
}

/// Whether a text ends like a recommendation: a bracket followed only by punctuation.
fn ends_with_bracket(s: &str) -> bool {
    trim_trailing(&collapse_ws(s)).ends_with(')')
}

/// Whether the text ends with a bracket of States that resolve.
fn ends_with_states(s: &str) -> bool {
    let c = collapse_ws(last_chars(s, 1500));
    let t = trim_trailing(&c);
    if !t.ends_with(')') {
        return false;
    }
    bracket_groups(t)
        .last()
        .is_some_and(|g| g.1 == t.len() && resolves_fully(t, *g))
}

/// The end of a text, at most about `n` bytes (cut at a character boundary): the checks on how a
/// text ends need no more, and long inputs stay linear.
fn last_chars(s: &str, n: usize) -> &str {
    let mut from = s.len().saturating_sub(n);
    while from < s.len() && !s.is_char_boundary(from) {
        from += 1;
    }
    tail_from(s, from)
}

/// Whether an item's text is complete: it ends with `)` and `;`/`.`, or with a bracket of
/// States that resolve.
fn is_closed(s: &str) -> bool {
    let t = s.trim_end();
    let t = t.trim_end_matches(|c: char| c.is_ascii_digit() || c == ' ');
    let punct = t.ends_with(");") || t.ends_with(").") || t.ends_with(")),");
    punct || ends_with_states(s)
}

// ---------------------------------------------------------------------------------------------
// Headings.

#[derive(Debug, Clone, Default)]
struct Heading {
    status: Option<WorkingGroupStatus>,
    /// "the following recommendations were made to X": no position given at the Working Group.
    weak: bool,
    /// Refers to recommendations listed above.
    refers_back: bool,
}

fn is_closing(text: &str) -> bool {
    let f = fold(text);
    f.starts_with("all conclusions")
        || f.starts_with("all the conclusions")
        || f.starts_with("all conclusion and")
}

fn classify(text: &str) -> Heading {
    let f = fold(text);
    let has = |ps: &[&str]| ps.iter().any(|p| f.contains(p));
    let mut h = Heading {
        refers_back: has(&[
            "above",
            "these recommendations",
            "all recommendations",
            "both will",
        ]),
        ..Heading::default()
    };
    let negative = [
        "did not enjoy",
        "do not enjoy",
        "does not enjoy",
        "did not receive the support",
        "not enjoy the support",
        "cannot enjoy",
        "could not enjoy",
        "were rejected",
        "was rejected",
        "are rejected",
        "rejected by",
        "not be supported",
        "cannot support",
        "could not support",
        "not accepted",
        "did not accept",
        "does not accept",
        "cannot accept",
        "could not accept",
        "cannot be accepted",
        "could not be accepted",
        "not be accepted",
    ];
    let examined = [
        "will be examined",
        "will be further examined",
        "will further examine",
        "will examine",
        "will provide responses",
        "will provide its responses",
        "will provide its response",
        "will provide a response",
        "will provide the response",
        "will provide response",
        "will respond",
        "will be considered by",
        "will be included in the outcome",
        "responses in due",
        "response in due",
        "answer in due",
        "will be further considered",
    ];
    let noted = [
        "have been noted",
        "has been noted",
        "were noted",
        "are noted",
        "is noted",
        "will be noted",
        "would be noted",
        "takes note",
        "took note",
        "notes those",
        "noted by",
        "noted the following",
    ];
    let supported = [
        "enjoy the support",
        "enjoys the support",
        "enjoyed the support",
        "enjoy its support",
        "enjoys its support",
        "enjoyed its support",
        "enjoy the full support",
        "enjoy full support",
        "and enjoy the",
        "agreed on the following",
        "agrees to follow up",
        "accepted by",
        "were accepted",
        "are accepted",
        "has accepted",
        "have been accepted",
        "supported by",
        "accepts the following",
        "already implemented",
        "already been implemented",
        "in the process of implementation",
        "in the process of being implemented",
    ];
    let weak = [
        "were made to",
        "was recommended that",
        "presented recommendations",
        "recommendations were formulated",
        "following recommendations were made",
        "the following recommendations were",
    ];
    h.status = if has(&negative) {
        Some(WorkingGroupStatus::NotSupported)
    } else if has(&examined) {
        Some(WorkingGroupStatus::ToBeExamined)
    } else if has(&noted) {
        Some(WorkingGroupStatus::Noted)
    } else if has(&supported) {
        Some(WorkingGroupStatus::Supported)
    } else if has(&weak) {
        h.weak = true;
        Some(WorkingGroupStatus::ToBeExamined)
    } else {
        None
    };
    h
}

/// The paragraph numbers a heading refers to: `noted in the report in paragraphs 35 (b), 38 (a),
/// (b) and 44 above` gives 35, 38, 44; `paragraphs 77.13, 77.43` gives 77.
fn referenced_paragraphs(text: &str) -> Vec<u16> {
    let low = text.to_ascii_lowercase();
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(k) = low.get(from..).and_then(|r| r.find("paragraph")) {
        let at = from + k + "paragraph".len();
        from = at;
        let rest = tail_from(&low, at).trim_start_matches('s');
        for tok in rest.split(|c: char| c.is_whitespace() || ",;:".contains(c)) {
            let letters = !tok.starts_with(|c: char| c.is_ascii_digit());
            if tok.is_empty() || (letters && (tok.starts_with('(') || tok.ends_with(')'))) {
                continue;
            }
            if ["and", "or", "last", "sentence", "nos.", "no."].contains(&tok) {
                continue;
            }
            let num: String = tok.chars().take_while(char::is_ascii_digit).collect();
            match num.parse::<u16>() {
                Ok(n)
                    if num.len() == tok.len()
                        || tail_from(tok, num.len()).starts_with(['.', '(']) =>
                {
                    out.push(n);
                }
                _ => break,
            }
        }
    }
    out
}

/// Whether a text after a number reads as a paragraph heading rather than a recommendation.
fn heading_like(preview: &str) -> bool {
    if ends_with_bracket(preview) {
        return false;
    }
    let f = fold(preview);
    f.contains("recommend") || f.trim_end().ends_with(':') || is_closing(preview)
}

// ---------------------------------------------------------------------------------------------
// Header.

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

fn find_date(line: &str) -> Option<NaiveDate> {
    let words: Vec<&str> = line
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .collect();
    for (i, w) in words.iter().enumerate() {
        let lw = w.to_ascii_lowercase();
        let Some(m) = MONTHS.iter().position(|m| *m == lw) else {
            continue;
        };
        let day = i
            .checked_sub(1)
            .and_then(|j| words.get(j))
            .and_then(|d| d.parse::<u32>().ok());
        let year = words.get(i + 1).and_then(|y| {
            y.trim_end_matches('.')
                .parse::<i32>()
                .ok()
                .filter(|y| (1990..=2100).contains(y))
        });
        if let (Some(d), Some(y)) = (day, year) {
            let month = u32::try_from(m + 1).ok()?;
            if let Some(date) = NaiveDate::from_ymd_opt(y, month, d) {
                return Some(date);
            }
        }
    }
    None
}

fn ordinal(word: &str) -> Option<u16> {
    const UNITS: [&str; 9] = [
        "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
    ];
    const TEENS: [&str; 10] = [
        "tenth",
        "eleventh",
        "twelfth",
        "thirteenth",
        "fourteenth",
        "fifteenth",
        "sixteenth",
        "seventeenth",
        "eighteenth",
        "nineteenth",
    ];
    const TENS: [(&str, &str, u16); 4] = [
        ("twentieth", "twenty", 20),
        ("thirtieth", "thirty", 30),
        ("fortieth", "forty", 40),
        ("fiftieth", "fifty", 50),
    ];
    let w = word.to_ascii_lowercase();
    let w = w.trim_matches(|c: char| !c.is_ascii_alphanumeric() && c != '-');
    let pos = |list: &[&str], x: &str| list.iter().position(|u| *u == x);
    if let Some(i) = pos(&UNITS, w) {
        return u16::try_from(i + 1).ok();
    }
    if let Some(i) = pos(&TEENS, w) {
        return u16::try_from(i + 10).ok();
    }
    if w == "twelth" {
        return Some(12);
    }
    for (exact, prefix, n) in TENS {
        if w == exact {
            return Some(n);
        }
        if let Some(rest) = w.strip_prefix(prefix).and_then(|r| r.strip_prefix('-')) {
            return pos(&UNITS, rest)
                .and_then(|i| u16::try_from(i + 1).ok())
                .map(|u| n + u);
        }
    }
    let num = w.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    if num.len() < w.len() && ["st", "nd", "rd", "th"].iter().any(|s| w.ends_with(s)) {
        return num.parse().ok();
    }
    None
}

/// Symbols `A/...` in a line, as written (trailing punctuation removed).
fn symbols_in(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(k) = line.get(from..).and_then(|r| r.find("A/")) {
        let at = from + k;
        let prev = line.get(..at).and_then(|p| p.chars().last());
        if prev.is_none_or(|c| !c.is_ascii_alphanumeric()) {
            let s: String = tail_from(line, at)
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || "./-".contains(*c))
                .collect();
            out.push(s.trim_end_matches(['.', '-', '/']).to_owned());
        }
        from = at + 2;
    }
    out
}

#[derive(Debug, Default)]
struct Header {
    state_raw: Option<(usize, String)>,
    symbol: Option<DocumentSymbol>,
    date: Option<NaiveDate>,
    council_session: Option<u16>,
    session: Option<Session>,
}

/// The line's letters in lower case without spaces, each with its end offset in the line.
fn squash(line: &str) -> (String, Vec<usize>) {
    let (out, from) = map_with_offsets(line, |c, out| {
        if !c.is_whitespace() {
            out.push(c.to_ascii_lowercase());
        }
    });
    (out, from.into_iter().map(|r| r.end).collect())
}

/// If the line holds the title, "Report of the Working Group on the Universal Periodic Review"
/// (spaces may be lost, words dropped: "Report of the Working on the ..."), the text after it.
fn title_rest(line: &str) -> Option<&str> {
    let (sq, ends) = squash(line);
    let r = sq.find("reportofthework")?;
    let k = sq.get(r..)?.find("universalperiodicreview")? + r + "universalperiodicreview".len();
    let end = *ends.get(k.checked_sub(1)?)?;
    Some(tail_from(line, end))
}

fn header(lines: &[(usize, String)]) -> Header {
    let mut h = Header::default();
    let limit = lines.len().min(80);
    let head = lines.get(..limit).unwrap_or_default();
    let title = head
        .iter()
        .position(|(_, l)| title_rest(l.trim_start_matches([' ', '*'])).is_some());
    let before_title = title.unwrap_or(limit.min(25));
    for (_, l) in head.iter().take(before_title + 4) {
        if h.date.is_none() {
            h.date = find_date(l);
        }
    }
    // Symbols: the report's own (A/HRC/13/13) and the draft's (A/HRC/WG.6/6/L.12).
    for (_, l) in head.iter().take(before_title + 6) {
        for s in symbols_in(l) {
            let Ok(sym) = DocumentSymbol::new(&s) else {
                continue;
            };
            if let Some(n) = sym.working_group_session() {
                if h.session.is_none() {
                    h.session = Session::new(n).ok();
                }
            } else if h.symbol.is_none() && sym.council_session().is_some() {
                h.symbol = Some(sym);
            }
        }
    }
    h.council_session = h.symbol.as_ref().and_then(DocumentSymbol::council_session);
    if h.council_session.is_none() {
        for (_, l) in head.iter().take(before_title) {
            let low = l.to_ascii_lowercase();
            if let Some(k) = low.find("human rights council") {
                let rest = tail_from(&low, k + "human rights council".len());
                let words: Vec<&str> = rest.split_whitespace().collect();
                if let (Some(w), Some(&"session")) = (words.first(), words.get(1)) {
                    h.council_session = ordinal(w);
                }
            }
        }
    }
    // No title line (peru2008): the name right under "UNIVERSAL PERIODIC REVIEW", marked with
    // the footnote star.
    let title = title.or_else(|| {
        head.iter()
            .position(|(_, l)| squash(l).0 == "universalperiodicreview")
            .filter(|&i| {
                head.iter()
                    .skip(i + 1)
                    .find(|(_, l)| !l.is_empty())
                    .is_some_and(|(_, l)| l.ends_with('*'))
            })
    });
    if let Some(t) = title {
        let rest = head
            .get(t)
            .and_then(|(_, l)| title_rest(l.trim_start_matches([' ', '*'])))
            .unwrap_or("");
        let mut cands = vec![];
        if let Some((n, _)) = head.get(t) {
            cands.push((*n, rest.to_owned()));
        }
        for (n, l) in head.iter().skip(t + 1).take(4) {
            cands.push((*n, l.clone()));
        }
        for (n, c) in cands {
            let name = c.trim().trim_matches(|ch: char| ch == '*' || ch == ' ');
            let name = name.trim_end_matches(['.', ' ', '*', '\u{2020}']).trim();
            if name.is_empty()
                || c.trim_start().starts_with('*')
                || c.trim_start().starts_with('.')
                || c.to_ascii_lowercase().contains("previously issued")
            {
                continue;
            }
            h.state_raw = Some((n, name.to_owned()));
            break;
        }
    }
    if h.session.is_none() {
        for (_, l) in lines.iter().take(200) {
            let low = l.to_ascii_lowercase();
            if let Some(k) = low.find("held its ") {
                let rest = tail_from(&low, k + 9);
                let mut w = rest.split_whitespace();
                if let (Some(o), Some("session")) = (w.next(), w.next()) {
                    if let Some(n) = ordinal(o) {
                        h.session = Session::new(n).ok();
                        break;
                    }
                }
            }
        }
    }
    h
}

// ---------------------------------------------------------------------------------------------
// Section II.

/// If the line is the heading of section II, the text after the heading (a run-on layout may
/// continue with the first paragraph on the same line).
fn section_start(line: &str) -> Option<&str> {
    let low = line.to_ascii_lowercase();
    let t = low.trim_start();
    let off = low.len() - t.len();
    let roman = t.len() - t.trim_start_matches(['i', 'v']).len();
    let (t, off) = match t.get(roman..) {
        Some(r) if roman > 0 && roman <= 4 && r.starts_with(['.', ' ']) => {
            let r2 = r.trim_start_matches(['.', ' ']);
            (r2, off + roman + (r.len() - r2.len()))
        }
        _ => (t, off),
    };
    let r = t.strip_prefix("conclusions")?;
    let k = r.find("recommendations")?;
    if !sub(r, 0, k).chars().all(|c| " and/or".contains(c)) || !sub(r, 0, k).contains("and") {
        return None;
    }
    let after = off + "conclusions".len() + k + "recommendations".len();
    let rest = tail_from(line, after);
    if rest.contains("....") || rest.contains("\u{2026}") {
        return None;
    }
    let rest_t = rest.trim_start_matches(['.', '*', ' ']);
    if rest_t.starts_with(|c: char| c.is_ascii_digit()) && leading_token(rest_t).is_none() {
        return None; // a table-of-contents line: "... 90–92 13"
    }
    Some(rest_t)
}

fn section_end(line: &str) -> bool {
    let t = line.trim_start();
    let low = t.to_ascii_lowercase();
    // A roman-numbered heading ("III. Voluntary commitments", "IV. ..."); a lone "I." or "V."
    // could be an initial, so two letters at least.
    let roman = low.len() - low.trim_start_matches(['i', 'v', 'x']).len();
    if roman >= 2 && low.get(roman..).is_some_and(|r| r.starts_with(['.', ' '])) {
        let r = t.get(roman..).unwrap_or("").trim_start_matches(['.', ' ']);
        if r.starts_with(|c: char| c.is_uppercase()) {
            return true;
        }
    }
    if low == "annex" || low == "annexes" || low.starts_with("annex ") && t.len() < 60 {
        return true;
    }
    low.starts_with("notes") && t.len() < 8
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Heading(u16),
    Item(u16, u16),
    Dotted(u16, u16),
}

#[derive(Debug)]
struct Block {
    kind: Kind,
    line: usize,
    text: String,
    /// Lines after the block looked complete; kept only if they end with States in brackets.
    tail: Vec<(usize, String)>,
    /// Lines dropped from the block (page furniture, footnotes): (line, text, why).
    dropped: Vec<(usize, String, &'static str)>,
}

#[derive(Debug)]
struct Para {
    number: u16,
    line: usize,
    heading: String,
    info: Heading,
    items: usize,
}

#[derive(Debug)]
struct Pending {
    para: usize,
    reference: ParagraphRef,
    text: String,
    recommending: Vec<State>,
    raw: Vec<String>,
    line: usize,
}

struct Parser<'a> {
    lines: &'a [(usize, String)],
    problems: Problems,
    paras: Vec<Para>,
    last_item: u16,
    last_dotted: u16,
    block: Option<Block>,
    out: Vec<Pending>,
}

enum Flow {
    Go,
    End,
}

impl<'a> Parser<'a> {
    fn para_number(&self) -> Option<u16> {
        self.paras.last().map(|p| p.number)
    }

    /// The text after a token up to the next numbered line: to tell headings from items.
    fn preview(&self, idx: usize, rest: &str) -> String {
        let mut cut = rest.len().min(8000);
        while cut < rest.len() && !rest.is_char_boundary(cut) {
            cut += 1;
        }
        let mut s = sub(rest, 0, cut).to_owned();
        for (_, l) in self.lines.iter().skip(idx + 1).take(8) {
            if l.is_empty() || is_furniture(l) {
                continue;
            }
            if leading_token(l).is_some() || section_end(l) {
                break;
            }
            s.push(' ');
            s.push_str(l);
            if s.len() > 600 {
                break;
            }
        }
        s
    }

    /// What a number at the start of a line is, if it is one; `preview` (the text after it) is
    /// only looked at when the number could be both an item and a paragraph.
    fn accept(&self, tok: Token, preview: &dyn Fn() -> String) -> Option<Kind> {
        let para = self.para_number();
        match tok {
            Token::Dotted(p, k) => {
                // A mistyped paragraph in the middle of a list ("85.75" between 86.74 and
                // 86.76): the next number of the current paragraph.
                if let Some(q) = para {
                    if p != q
                        && p.abs_diff(q) <= 2
                        && self.last_dotted > 0
                        && k == self.last_dotted.saturating_add(1)
                    {
                        return Some(Kind::Dotted(q, k));
                    }
                }
                if para == Some(p) {
                    let item_mode = self.last_item > 0;
                    // The first number of a list may be anything (an excerpt); then the
                    // numbers run on, allowing for a few missing.
                    let near = self.last_dotted == 0 || k <= self.last_dotted.saturating_add(10);
                    if !item_mode && k >= 1 && near {
                        return Some(Kind::Dotted(p, k));
                    }
                    None
                } else if k == 1 && para.is_none_or(|q| p > q && p <= q + 3) {
                    Some(Kind::Dotted(p, k))
                } else {
                    None
                }
            }
            Token::Plain(n) => {
                let item_ok = para.is_some()
                    && self.last_dotted == 0
                    && n == self.last_item.saturating_add(1);
                let para_ok = para.is_none_or(|p| n > p && n <= p.saturating_add(3));
                let heading = || heading_like(&preview());
                match (item_ok, para_ok) {
                    (true, true) => Some(if heading() {
                        Kind::Heading(n)
                    } else {
                        Kind::Item(para.unwrap_or(0), n)
                    }),
                    (true, false) => Some(Kind::Item(para.unwrap_or(0), n)),
                    (false, true) => {
                        if para.is_none_or(|p| n == p + 1) || heading() {
                            Some(Kind::Heading(n))
                        } else {
                            None
                        }
                    }
                    (false, false) => None,
                }
            }
        }
    }

    /// Where in `text` the next item starts when several are run together on one line.
    fn find_inline(&self, text: &str) -> Option<usize> {
        let para = self.para_number()?;
        let in_heading = matches!(self.block.as_ref().map(|b| b.kind), Some(Kind::Heading(_)));
        let mut cands: Vec<(String, bool)> = Vec::new();
        if in_heading {
            cands.push((format!("{para}.1"), true));
            cands.push(("1.".to_owned(), false));
        } else if self.last_dotted > 0 {
            cands.push((
                format!("{para}.{}", self.last_dotted.saturating_add(1)),
                true,
            ));
            cands.push((format!("{}.", para.saturating_add(1)), false));
        } else if self.last_item > 0 {
            cands.push((format!("{}.", self.last_item.saturating_add(1)), false));
            cands.push((format!("{}.", para.saturating_add(1)), false));
        }
        let mut best: Option<usize> = None;
        for (c, dotted) in cands {
            let mut from = 0;
            while let Some(k) = text.get(from..).and_then(|r| r.find(&c)) {
                let at = from + k;
                from = at + c.len();
                let before = sub(text, 0, at);
                // "(Spain);110.44.Take ...": a dotted number may follow ';' or ')' unspaced.
                let glued = dotted && (before.ends_with(';') || before.ends_with(')'));
                if !before.ends_with(' ') && !glued {
                    continue;
                }
                let prev = before.trim_end().chars().last();
                let ok_prev = if in_heading {
                    matches!(prev, Some(':' | '.'))
                } else {
                    matches!(prev, Some(')' | ';' | '.'))
                };
                if !ok_prev {
                    continue;
                }
                let mut rest = tail_from(text, at + c.len());
                if dotted {
                    if rest.starts_with(|ch: char| ch.is_ascii_digit()) {
                        continue;
                    }
                    rest = rest.strip_prefix('.').unwrap_or(rest);
                }
                if !(rest.starts_with(' ') || glued) {
                    continue;
                }
                let next = rest.trim_start().chars().next();
                if !next.is_some_and(|ch| ch.is_uppercase() || "\u{201c}\"".contains(ch)) {
                    continue;
                }
                if best.is_none_or(|b| at < b) {
                    best = Some(at);
                }
                break;
            }
        }
        best
    }

    fn drop_line(&mut self, line: usize, text: &str, why: &'static str) {
        match self.block.as_mut() {
            Some(b) => b.dropped.push((line, text.to_owned(), why)),
            None => self
                .problems
                .repair(Location::Line(line), format!("dropped {why}"), text),
        }
    }

    fn start(&mut self, kind: Kind, line: usize) {
        match kind {
            Kind::Heading(n) => {
                self.paras.push(Para {
                    number: n,
                    line,
                    heading: String::new(),
                    info: Heading::default(),
                    items: 0,
                });
                self.last_item = 0;
                self.last_dotted = 0;
            }
            Kind::Item(_, n) => self.last_item = n,
            Kind::Dotted(p, k) => {
                if self.para_number() != Some(p) {
                    // A dotted number whose paragraph heading was not seen.
                    self.problems.repair(
                        Location::Line(line),
                        format!("paragraph {p} has no heading line; its recommendations get no status from it"),
                        "",
                    );
                    self.paras.push(Para {
                        number: p,
                        line,
                        heading: String::new(),
                        info: Heading::default(),
                        items: 0,
                    });
                    self.last_item = 0;
                }
                self.last_dotted = k;
            }
        }
        self.block = Some(Block {
            kind,
            line,
            text: String::new(),
            tail: Vec::new(),
            dropped: Vec::new(),
        });
    }

    /// Processes one line, fragment by fragment when several items are run together on it.
    fn line(&mut self, idx: usize, n: usize, text: &str) -> Result<Flow> {
        let mut from = 0;
        loop {
            let frag = tail_from(text, from);
            match self.fragment(idx, n, frag)? {
                (Flow::Go, Some(next)) if next > 0 => from += next,
                (flow, _) => return Ok(flow),
            }
        }
    }

    /// Processes a line or the rest of one; returns where in `text` the next run-on item starts.
    fn fragment(&mut self, idx: usize, n: usize, text: &str) -> Result<(Flow, Option<usize>)> {
        // Offsets returned for a suffix `rest` of `text` are made relative to `text`.
        let shift =
            |rest: &str, r: (Flow, Option<usize>)| (r.0, r.1.map(|k| text.len() - rest.len() + k));
        if text.is_empty() {
            return Ok((Flow::Go, None));
        }
        if section_end(text) {
            return Ok((Flow::End, None));
        }
        if is_furniture(text) {
            self.drop_line(n, text, "page furniture");
            return Ok((Flow::Go, None));
        }
        if is_footnote(text) {
            self.drop_line(n, text, "a footnote");
            return Ok((Flow::Go, None));
        }
        if let Some((tok, rest)) = leading_token(text) {
            let accepted = self.accept(tok, &|| self.preview(idx, rest));
            if let Some(kind) = accepted {
                if let (Token::Dotted(p, k), Kind::Dotted(q, _)) = (tok, kind) {
                    if p != q {
                        self.problems.repair(
                            Location::Line(n),
                            format!("numbered {p}.{k} in the text, inside the list of paragraph {q}; read as {q}.{k}"),
                            text,
                        );
                    }
                }
                if matches!(kind, Kind::Heading(_)) && is_closing(&self.preview(idx, rest)) {
                    return Ok((Flow::End, None));
                }
                self.finish_block()?;
                if matches!(kind, Kind::Heading(_)) {
                    self.close_para()?;
                }
                self.start(kind, n);
                let r = self.append(n, rest);
                return Ok(shift(rest, r));
            }
        }
        if let Some(rest) = self.loose_item(text) {
            let item = self.last_item.saturating_add(1);
            let para = self.para_number().unwrap_or(0);
            self.finish_block()?;
            self.problems.repair(
                Location::Line(n),
                format!("item {para}({item}) is numbered without the dot after its number"),
                text,
            );
            self.start(Kind::Item(para, item), n);
            let r = self.append(n, rest);
            return Ok(shift(rest, r));
        }
        Ok(self.append(n, text))
    }

    /// `73 Take appropriate measures ...`: the next item of a list, its number written without
    /// the dot, right after a complete item.
    fn loose_item<'t>(&self, text: &'t str) -> Option<&'t str> {
        let b = self.block.as_ref()?;
        if !matches!(b.kind, Kind::Item(..)) || !is_closed(&b.text) || !b.tail.is_empty() {
            return None;
        }
        let (n, i) = number_at(text, 0, 3)?;
        if n != self.last_item.saturating_add(1) {
            return None;
        }
        let rest = tail_from(text, i);
        let r = rest.trim_start();
        (rest.starts_with(' ') && r.starts_with(|c: char| c.is_uppercase())).then_some(r)
    }

    /// Adds text to the current block; returns where a run-on item starts in it, if one does.
    fn append(&mut self, n: usize, text: &str) -> (Flow, Option<usize>) {
        if text.is_empty() {
            return (Flow::Go, None);
        }
        if self.block.is_none() {
            // Text before the first numbered paragraph of the section.
            if !text.trim_matches(['*', ' ', '.']).is_empty() {
                self.problems.repair(
                    Location::Line(n),
                    "dropped text before the first numbered paragraph of section II",
                    text,
                );
            }
            return (Flow::Go, None);
        }
        if let Some(at) = self.find_inline(text) {
            self.append_plain(n, sub(text, 0, at).trim_end());
            return (Flow::Go, Some(at));
        }
        self.append_plain(n, text);
        (Flow::Go, None)
    }

    fn append_plain(&mut self, n: usize, text: &str) {
        let Some(b) = self.block.as_mut() else { return };
        if text.is_empty() {
            return;
        }
        let is_item = !matches!(b.kind, Kind::Heading(_));
        if is_item && (!b.tail.is_empty() || is_closed(&b.text)) {
            let starts_lower = text.chars().next().is_some_and(char::is_lowercase);
            if b.tail.is_empty() && starts_lower {
                b.text.push(' ');
                b.text.push_str(text);
                return;
            }
            b.tail.push((n, text.to_owned()));
            // Only the last lines matter to how the tail ends (keeps long tails linear).
            let recent = b.tail.len().saturating_sub(4);
            let end: Vec<&str> = b
                .tail
                .iter()
                .skip(recent)
                .map(|(_, t)| t.as_str())
                .collect();
            if ends_with_states(&end.join(" ")) {
                let joined: Vec<&str> = b.tail.iter().map(|(_, t)| t.as_str()).collect();
                b.text.push(' ');
                b.text.push_str(&joined.join(" "));
                b.tail.clear();
            }
            return;
        }
        if !b.text.is_empty() {
            b.text.push(' ');
        }
        b.text.push_str(text);
    }

    fn finish_block(&mut self) -> Result<()> {
        let Some(b) = self.block.take() else {
            return Ok(());
        };
        for (line, text, why) in &b.dropped {
            self.problems
                .repair(Location::Line(*line), format!("dropped {why}"), text);
        }
        let reference = match b.kind {
            Kind::Heading(n) => {
                let text = collapse_ws(&b.text);
                // One recommendation written right after the heading, without a number:
                // "The following recommendation will be examined by the Congo ...: Finalize
                // its plan ... (Democratic Republic of the Congo)."
                let single = text.split_once(": ").filter(|(head, rest)| {
                    classify(head).status.is_some() && ends_with_states(rest)
                });
                let (head, rest) = match single {
                    Some((h, r)) => (h.to_owned(), Some(r.to_owned())),
                    None => (text, None),
                };
                if let Some(p) = self.paras.last_mut() {
                    p.info = classify(&head);
                    p.heading = head;
                }
                if let Some(rest) = rest {
                    self.emit(ParagraphRef::Paragraph(n), &rest, b.line)?;
                }
                return Ok(());
            }
            Kind::Item(paragraph, item) => ParagraphRef::Item { paragraph, item },
            Kind::Dotted(paragraph, number) => ParagraphRef::Dotted { paragraph, number },
        };
        for (line, text) in &b.tail {
            self.problems.repair(
                Location::Line(*line),
                format!("dropped text after the recommending States of {reference}"),
                text,
            );
        }
        self.emit(reference, &b.text, b.line)
    }

    /// Reads one recommendation's text and queues it under the current paragraph.
    fn emit(&mut self, reference: ParagraphRef, text: &str, line: usize) -> Result<()> {
        let loc = Location::Line(line);
        let Some(body) = split_body(text) else {
            self.problems.skip(
                loc,
                format!(
                    "recommendation {reference} to end with its recommending State(s) in brackets"
                ),
                &collapse_ws(text),
            )?;
            return Ok(());
        };
        if body.inline {
            self.problems.repair(
                loc,
                format!("recommending States of {reference} taken from brackets inside its text"),
                &collapse_ws(text),
            );
        }
        if let Some(c) = &body.comment {
            self.problems.repair(
                loc,
                format!("dropped a comment after the recommending States of {reference}"),
                c,
            );
        }
        let mut recommending = Vec::new();
        let mut raw = Vec::new();
        for (name, st) in body.names {
            match st {
                Some(s) => {
                    if !recommending.contains(&s) {
                        recommending.push(s);
                    }
                }
                None => match self.problems.mode() {
                    // In strict mode an unknown name is an error, as a skip is.
                    Mode::Strict => self.problems.skip(
                        loc,
                        format!("a known State name among the recommending States of {reference}"),
                        &name,
                    )?,
                    Mode::Lenient => self.problems.repair(
                        loc,
                        format!(
                            "recommending State of {reference} not recognised; kept as written only"
                        ),
                        &name,
                    ),
                },
            }
            raw.push(name);
        }
        let para = self.paras.len().saturating_sub(1);
        if let Some(p) = self.paras.last_mut() {
            p.items += 1;
        }
        self.out.push(Pending {
            para,
            reference,
            text: body.text,
            recommending,
            raw,
            line,
        });
        Ok(())
    }

    /// Called when a paragraph ends: a status without a list applies to the list above, or
    /// refers to recommendations listed elsewhere.
    fn close_para(&mut self) -> Result<()> {
        let Some(last) = self.paras.len().checked_sub(1) else {
            return Ok(());
        };
        let Some(p) = self.paras.get(last) else {
            return Ok(());
        };
        if p.items > 0 {
            return Ok(());
        }
        let Some(status) = p.info.status else {
            return Ok(());
        };
        if p.heading.trim_end().ends_with(':') && !fold(&p.heading).contains("comment") {
            let (line, heading, number) = (p.line, p.heading.clone(), p.number);
            self.problems.skip(
                Location::Line(line),
                format!("the recommendations that the heading of paragraph {number} announces (none follow it)"),
                &heading,
            )?;
            return Ok(());
        }
        let first = self.paras.first().map_or(0, |f| f.number);
        let refs = referenced_paragraphs(&p.heading);
        // Early reports list recommendations in section I and give them a status here.
        // ("recommendations Nos. 1, 4 ... in paragraph 88 above" names items of a list above.)
        let items_named = fold(&p.heading).contains(" nos.") || fold(&p.heading).contains(" no. ");
        let elsewhere = !items_named && !refs.is_empty() && refs.iter().all(|&r| r < first);
        let (refers_back, line, heading, weak, number) = (
            p.info.refers_back,
            p.line,
            p.heading.clone(),
            p.info.weak,
            p.number,
        );
        if weak {
            return Ok(());
        }
        // The closest paragraph above with a list.
        let above = (0..last)
            .rev()
            .find(|&i| self.paras.get(i).is_some_and(|q| q.items > 0));
        if let Some(i) = above {
            if let Some(q) = self.paras.get_mut(i) {
                let unset = q.info.status.is_none() || q.info.weak;
                if refers_back && unset && !elsewhere {
                    q.info.status = Some(status);
                    q.info.weak = false;
                    return Ok(());
                }
            }
        }
        if elsewhere {
            let list: Vec<String> = refs.iter().map(u16::to_string).collect();
            self.problems.skip(
                Location::Line(line),
                format!(
                    "the recommendations paragraph {number} gives a status to, listed in section II (they are in paragraphs {} of section I, which is not read)",
                    list.join(", ")
                ),
                &heading,
            )?;
        }
        Ok(())
    }
}

fn read_str(text: &str, used: crate::Encoding, options: &ReadOptions) -> Result<WgReport> {
    let norm = encoding::normalize_newlines(text);
    let lines: Vec<(usize, String)> = norm
        .split('\n')
        .enumerate()
        .map(|(i, l)| (i + 1, clean_line(l)))
        .collect();
    let mut problems = Problems::new(options);
    let h = header(&lines);
    let mut state = None;
    if let Some((n, raw)) = &h.state_raw {
        match State::resolve(raw) {
            Ok(s) => state = Some(s),
            Err(_) => problems.skip(
                Location::Line(*n),
                "the name of a known State under review under the title",
                raw,
            )?,
        }
    }
    let start = lines
        .iter()
        .enumerate()
        .find_map(|(i, (_, l))| section_start(l).map(|rest| (i, rest.to_owned())));
    let mut parser = Parser {
        lines: &lines,
        problems,
        paras: Vec::new(),
        last_item: 0,
        last_dotted: 0,
        block: None,
        out: Vec::new(),
    };
    match start {
        None => parser.problems.skip(
            Location::Whole,
            "a section II \"Conclusions and/or recommendations\"",
            "no such heading",
        )?,
        Some((i, rest)) => {
            let n = lines.get(i).map_or(0, |l| l.0);
            let mut flow = parser.line(i, n, &rest)?;
            let mut idx = i + 1;
            while matches!(flow, Flow::Go) {
                let Some((n, l)) = lines.get(idx) else { break };
                flow = parser.line(idx, *n, l)?;
                idx += 1;
            }
            parser.finish_block()?;
            parser.close_para()?;
        }
    }
    let mut recommendations = Vec::with_capacity(parser.out.len());
    let pending = std::mem::take(&mut parser.out);
    for p in pending {
        let para = parser.paras.get(p.para);
        match para.and_then(|q| q.info.status) {
            Some(status) => recommendations.push(WgRecommendation {
                reference: p.reference,
                text: p.text,
                recommending: p.recommending,
                recommending_raw: p.raw,
                status,
                line: p.line,
            }),
            None => {
                let heading = para.map_or(String::new(), |q| q.heading.clone());
                parser.problems.skip(
                    Location::Line(p.line),
                    format!(
                        "a heading above {} that gives its Working Group status (supported, to be examined, not supported or noted)",
                        p.reference
                    ),
                    &heading,
                )?;
            }
        }
    }
    let mut report = parser.problems.finish(used, recommendations.len());
    report.problems.sort_by_key(|p| match p.location {
        Location::Line(n) | Location::Record(n) | Location::Byte(n) => n,
        Location::Whole => 0,
    });
    let paragraphs = parser
        .paras
        .iter()
        .map(|p| WgParagraph {
            number: p.number,
            line: p.line,
            heading: p.heading.clone(),
            status: p.info.status,
            recommendations: recommendations
                .iter()
                .filter(|r| r.reference.paragraph() == p.number && r.line >= p.line)
                .count(),
        })
        .collect();
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
                    1. Close the camps (Canada);\n";
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
        assert_eq!(e.date, NaiveDate::from_ymd_opt(2010, 1, 4).unwrap());
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
    fn headings() {
        let c = |s: &str| classify(s).status;
        assert_eq!(
            c(
                "The recommendations formulated during the interactive dialogue have been examined by X and enjoy the support of X:"
            ),
            Some(WorkingGroupStatus::Supported)
        );
        assert_eq!(
            c(
                "The following recommendations will be examined by X, which will respond in due course, but no later than ..."
            ),
            Some(WorkingGroupStatus::ToBeExamined)
        );
        assert_eq!(
            c(
                "The following recommendations did not enjoy the support of X and would thus be noted:"
            ),
            Some(WorkingGroupStatus::NotSupported)
        );
        assert_eq!(
            c("The following recommendations were rejected by X:"),
            Some(WorkingGroupStatus::NotSupported)
        );
        assert_eq!(
            c("The following recommendations have been noted by X:"),
            Some(WorkingGroupStatus::Noted)
        );
        assert_eq!(
            c("X considers that recommendations Nos. 1 and 2 are implemented."),
            None
        );
        assert!(
            classify(
                "In the course of the discussion, the following recommendations were made to X:"
            )
            .weak
        );
    }

    #[test]
    fn tokens() {
        assert_eq!(
            leading_token("124.1 Do"),
            Some((Token::Dotted(124, 1), "Do"))
        );
        assert_eq!(
            leading_token("138.67. Do"),
            Some((Token::Dotted(138, 67), "Do"))
        );
        assert_eq!(leading_token("90. "), Some((Token::Plain(90), "")));
        assert_eq!(leading_token("2015 (Sudan)"), None);
        assert_eq!(leading_token("1.5million"), None);
        assert_eq!(ordinal("twenty-seventh"), Some(27));
        assert_eq!(ordinal("Thirteenth"), Some(13));
        assert_eq!(ordinal("16th"), Some(16));
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
}
