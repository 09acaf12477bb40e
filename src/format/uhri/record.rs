//! Building a [`UhriRecord`] from the raw fields of one record, whichever the layout (CSV row or
//! JSON object): one step per field, in the order the fields are checked and problems reported.

use super::UhriRecord;
use crate::format::Problems;
use crate::format::states::{
    StateSplit, codes, dedup_states, parse_groups, same_set, split_states, split_text,
};
use crate::text::{clean, dash_list, leading_number};
use crate::{
    AffectedPersons, Cycle, DocumentSymbol, Location, ParagraphRef, RegionalGroup, Result, Sdg,
    State, UhriTheme, UprPosition,
};

/// The fields of one record, whichever the layout, before interpretation.
#[derive(Default)]
pub(super) struct Raw {
    pub(super) text: Option<String>,
    pub(super) states: Vec<String>,
    pub(super) positions: Vec<String>,
    pub(super) themes: Vec<String>,
    pub(super) sdgs: Vec<String>,
    pub(super) affected: Vec<String>,
    pub(super) concerned: Vec<String>,
    pub(super) body: Vec<String>,
    pub(super) kind: Vec<String>,
    pub(super) session: Vec<String>,
    pub(super) cycle: Vec<String>,
    pub(super) document: Option<String>,
    pub(super) regions: Vec<String>,
}

/// The names of the fields in one layout, for messages.
pub(super) struct Names {
    pub(super) text: &'static str,
    pub(super) states: &'static str,
    pub(super) position: &'static str,
    pub(super) themes: &'static str,
    pub(super) sdgs: &'static str,
    pub(super) affected: &'static str,
    pub(super) concerned: &'static str,
    pub(super) body: &'static str,
    pub(super) kind: &'static str,
    pub(super) session: &'static str,
    pub(super) cycle: &'static str,
    pub(super) document: &'static str,
    pub(super) regions: &'static str,
}

/// Interprets one record (1-based `record`). `Ok(None)`: skipped (lenient mode).
pub(super) fn build(
    raw: Raw,
    record: usize,
    names: &Names,
    problems: &mut Problems,
) -> Result<Option<UhriRecord>> {
    let mut b = Builder {
        loc: Location::Record(record),
        names,
        problems,
    };
    if !b.is_upr_recommendation(&raw.body, &raw.kind)? {
        return Ok(None);
    }
    let Some(text) = b.text(raw.text.as_deref())? else {
        return Ok(None);
    };
    let (recommending, unresolved) = b.recommending(&raw.states, &text)?;
    let position = b.position(&raw.positions)?;
    let themes = b.themes(&raw.themes)?;
    let sdgs = b.sdgs(&raw.sdgs)?;
    let affected_persons = affected_persons(&raw.affected);
    let state_under_review = b.state_under_review(&raw.concerned)?;
    let (council_session, cycle) = b.session_and_cycle(&raw.session, &raw.cycle)?;
    let document = b.document(raw.document.as_deref())?;
    b.check_session(document.as_ref(), council_session, &raw.session)?;
    let recommending_regions = b.regions(&raw.regions)?;
    Ok(Some(UhriRecord {
        record,
        paragraph: text.paragraph,
        text: text.text,
        recommending,
        unresolved,
        position,
        themes,
        sdgs,
        affected_persons,
        state_under_review,
        council_session,
        cycle,
        document,
        recommending_regions,
    }))
}

/// One record being built: where it is, how its layout names the fields, where problems go.
struct Builder<'a> {
    loc: Location,
    names: &'a Names,
    problems: &'a mut Problems,
}

/// The `text` field taken apart.
struct Text {
    /// The field as written (cleaned), for messages.
    raw: String,
    paragraph: Option<ParagraphRef>,
    /// Without paragraph number and States.
    text: String,
    brackets: Brackets,
}

/// The States in brackets at the end of the text.
struct Brackets {
    /// `None` when the text does not end with brackets.
    states: Option<Vec<State>>,
    /// Names in the brackets that resolve nowhere.
    unresolved: Vec<String>,
}

impl Brackets {
    /// Whether the brackets name States, every one of them known.
    fn ok(&self) -> bool {
        self.states
            .as_ref()
            .is_some_and(|v| !v.is_empty() && self.unresolved.is_empty())
    }

    /// The States in brackets, taken when the column cannot be read; their unknown names go to
    /// `unresolved`.
    fn fallback(&self, unresolved: &mut Vec<String>) -> Vec<State> {
        unresolved.extend(self.unresolved.iter().cloned());
        self.states.clone().unwrap_or_default()
    }
}

impl Builder<'_> {
    fn flaw(&mut self, expected: &str, repair: &str, found: &str) -> Result<()> {
        self.problems.flaw(self.loc, expected, repair, found)
    }

    fn skip(&mut self, expected: String, found: &str) -> Result<()> {
        self.problems.skip(self.loc, expected, found)
    }

    /// Whether the row is a UPR recommendation (body and type, where given); skips it if not.
    fn is_upr_recommendation(&mut self, body: &[String], kind: &[String]) -> Result<bool> {
        let body: Vec<String> = body.iter().flat_map(|b| dash_list(b)).collect();
        if !body.is_empty() && !is_word(&body, &["UPR", "Universal Periodic Review"]) {
            let expected = format!("a UPR recommendation ({} UPR)", self.names.body);
            self.skip(expected, &body.join("; "))?;
            return Ok(false);
        }
        let kind: Vec<String> = kind.iter().flat_map(|b| dash_list(b)).collect();
        if !kind.is_empty() && !is_word(&kind, &["Recommendations", "Recommendation"]) {
            let expected = format!("a recommendation ({} Recommendations)", self.names.kind);
            self.skip(expected, &kind.join("; "))?;
            return Ok(false);
        }
        Ok(true)
    }

    /// The text: paragraph number, clean text, States in brackets. `None`: skipped.
    fn text(&mut self, text: Option<&str>) -> Result<Option<Text>> {
        let raw = text.map(clean).unwrap_or_default();
        let field = self.names.text;
        if raw.is_empty() {
            self.skip(format!("a recommendation text in {field}"), "")?;
            return Ok(None);
        }
        let (paragraph, body) = take_paragraph(&raw);
        let (text, brackets) = match split_text(&body) {
            Some(s) => (
                s.text,
                Brackets {
                    states: Some(s.states),
                    unresolved: s.unresolved,
                },
            ),
            None => (
                body,
                Brackets {
                    states: None,
                    unresolved: Vec::new(),
                },
            ),
        };
        if text.is_empty() {
            let expected = format!("a recommendation text before the States in {field}");
            self.skip(expected, &raw)?;
            return Ok(None);
        }
        if brackets.states.is_none() {
            let expected = format!("recommending States in brackets at the end of {field}");
            self.flaw(&expected, "kept the text as written", &raw)?;
        }
        Ok(Some(Text {
            raw,
            paragraph,
            text,
            brackets,
        }))
    }

    /// The recommending States of the column, cross-checked with the text's brackets, and the
    /// names that resolve nowhere.
    fn recommending(
        &mut self,
        states: &[String],
        text: &Text,
    ) -> Result<(Vec<State>, Vec<String>)> {
        let column = states.join("");
        let listed: Option<Vec<State>> = states.iter().map(|s| State::lookup(s)).collect();
        let reading = match listed {
            Some(v) if states.len() > 1 => StateSplit::Unique(v),
            _ => split_states(&column),
        };
        let brackets = &text.brackets;
        let mut unresolved = Vec::new();
        let recommending = match reading {
            StateSplit::Unique(v) if v.is_empty() => {
                self.no_states(&column, text, &mut unresolved)?
            }
            StateSplit::Unique(v) => self.cross_check(v, &column, brackets, &mut unresolved)?,
            StateSplit::Ambiguous(readings) => {
                self.settle(&readings, &column, brackets, &mut unresolved)?
            }
            StateSplit::Leftover { read, rest } => {
                self.leftover(read, rest, &column, brackets, &mut unresolved)?
            }
        };
        Ok((dedup_states(recommending), dedup_names(unresolved)))
    }

    /// An empty column: the text's brackets, if any.
    fn no_states(
        &mut self,
        column: &str,
        text: &Text,
        unresolved: &mut Vec<String>,
    ) -> Result<Vec<State>> {
        let field = self.names.states;
        if text.brackets.ok() {
            let expected = format!("recommending States in {field}");
            self.flaw(&expected, "took the States in brackets in the text", column)?;
        } else {
            let expected = format!("recommending States in {field} or in the text");
            self.flaw(&expected, "kept with the States found", &text.raw)?;
        }
        Ok(text.brackets.fallback(unresolved))
    }

    /// One reading of the column: kept, and compared with the brackets (as sets).
    fn cross_check(
        &mut self,
        read: Vec<State>,
        column: &str,
        brackets: &Brackets,
        unresolved: &mut Vec<String>,
    ) -> Result<Vec<State>> {
        let Some(ts) = &brackets.states else {
            return Ok(read);
        };
        if same_set(&read, ts) && brackets.unresolved.is_empty() {
            return Ok(read);
        }
        let in_text = if brackets.unresolved.is_empty() {
            codes(ts)
        } else {
            format!("{}; unknown {:?}", codes(ts), brackets.unresolved)
        };
        let field = self.names.states;
        let expected = format!(
            "the same recommending States in {field} ({}) as in brackets in the text ({in_text})",
            codes(&read)
        );
        self.flaw(&expected, &format!("kept those of {field}"), column)?;
        unresolved.extend(brackets.unresolved.iter().cloned());
        Ok(read)
    }

    /// Several readings of the column: the text settles it when one reading names the same
    /// States (in any order: the text's order is kept); otherwise the brackets are taken.
    fn settle(
        &mut self,
        readings: &[Vec<State>],
        column: &str,
        brackets: &Brackets,
        unresolved: &mut Vec<String>,
    ) -> Result<Vec<State>> {
        if let Some(ts) = brackets.states.as_ref().filter(|_| brackets.ok()) {
            if readings.iter().any(|r| same_set(r, ts)) {
                return Ok(ts.clone());
            }
        }
        let alts = readings
            .iter()
            .map(|r| format!("[{}]", codes(r)))
            .collect::<Vec<_>>()
            .join(" or ");
        let expected = format!(
            "one reading of {} (it reads as {alts}, and the brackets in the text do not settle it)",
            self.names.states
        );
        self.flaw(&expected, "took the States in brackets in the text", column)?;
        let v = brackets.fallback(unresolved);
        if v.is_empty() {
            unresolved.push(column.to_owned());
        }
        Ok(v)
    }

    /// A column with a name that matches no State: the brackets if they are good, else the
    /// names that resolve.
    fn leftover(
        &mut self,
        read: Vec<State>,
        rest: String,
        column: &str,
        brackets: &Brackets,
        unresolved: &mut Vec<String>,
    ) -> Result<Vec<State>> {
        let after = if read.is_empty() {
            String::new()
        } else {
            format!(" after {}", codes(&read))
        };
        let expected = format!(
            "State names run together in {} (no State name matches {rest:?}{after})",
            self.names.states
        );
        if brackets.ok() {
            self.flaw(&expected, "took the States in brackets in the text", column)?;
            return Ok(brackets.fallback(unresolved));
        }
        self.flaw(&expected, "kept the names that resolve", column)?;
        unresolved.push(rest);
        let mut v = read;
        v.extend(brackets.fallback(unresolved));
        Ok(v)
    }

    /// The position: one, or none.
    fn position(&mut self, positions: &[String]) -> Result<Option<UprPosition>> {
        let field = self.names.position;
        let mut found: Vec<UprPosition> = Vec::new();
        for p in positions.iter().filter(|p| !clean(p).is_empty()) {
            match UprPosition::parse(p) {
                Ok(v) if found.contains(&v) => {}
                Ok(v) => found.push(v),
                Err(_) => {
                    let expected = format!("Supported, Noted or Supported/Noted in {field}");
                    self.flaw(&expected, "left the position out", p)?;
                }
            }
        }
        match found.as_slice() {
            [] => Ok(None),
            [one] => Ok(Some(*one)),
            many => {
                let all = many.iter().map(|p| p.name()).collect::<Vec<_>>().join(", ");
                let expected = format!("one position in {field}");
                self.flaw(&expected, "left the position out", &all)?;
                Ok(None)
            }
        }
    }

    /// UHRI themes, also several in one value (on lines, after `|`, or run together).
    fn themes(&mut self, themes: &[String]) -> Result<Vec<UhriTheme>> {
        let mut out = Vec::new();
        for piece in themes.iter().flat_map(|t| t.split(['\n', '|'])) {
            match UhriTheme::parse_list(piece) {
                Ok(v) => out.extend(v),
                Err(_) => {
                    let expected = format!(
                        "UHRI themes such as 2.1. Acceptance of international norms in {}",
                        self.names.themes
                    );
                    self.flaw(&expected, "left the theme out", piece)?;
                }
            }
        }
        Ok(out)
    }

    /// SDGs, no duplicates.
    fn sdgs(&mut self, sdgs: &[String]) -> Result<Vec<Sdg>> {
        let mut out = Vec::new();
        for s in sdgs.iter().filter(|s| !clean(s).is_empty()) {
            match Sdg::parse(s) {
                Ok(g) if out.contains(&g) => {}
                Ok(g) => out.push(g),
                Err(_) => {
                    let expected = format!("an SDG 1-17 in {}", self.names.sdgs);
                    self.flaw(&expected, "left it out", s)?;
                }
            }
        }
        Ok(out)
    }

    /// The State under review: one known State, or none.
    fn state_under_review(&mut self, concerned: &[String]) -> Result<Option<State>> {
        let concerned: Vec<String> = concerned.iter().flat_map(|c| dash_list(c)).collect();
        let field = self.names.concerned;
        let repair = "left the State under review out";
        match concerned.as_slice() {
            [] => Ok(None),
            [one] => match State::resolve(one) {
                Ok(s) => Ok(Some(s)),
                Err(_) => {
                    self.flaw(&format!("a known State name in {field}"), repair, one)?;
                    Ok(None)
                }
            },
            many => {
                let expected = format!("one State under review in {field}");
                self.flaw(&expected, repair, &many.join("; "))?;
                Ok(None)
            }
        }
    }

    /// The Council session and the cycle, from the session field and (JSON) the cycle field.
    fn session_and_cycle(
        &mut self,
        session: &[String],
        cycle: &[String],
    ) -> Result<(Option<u16>, Option<Cycle>)> {
        let mut found = (None, None);
        // The cycle field first: it wins over a cycle written in the session field.
        let pieces = cycle
            .iter()
            .flat_map(|s| dash_list(s))
            .map(|p| (p, true))
            .chain(
                session
                    .iter()
                    .flat_map(|s| dash_list(s))
                    .map(|p| (p, false)),
            );
        for (piece, in_cycle_field) in pieces {
            self.session_piece(&piece, in_cycle_field, &mut found)?;
        }
        Ok(found)
    }

    /// One piece of the session or cycle field (`28th Session`, `Cycle 2`), into `found`; the
    /// first of each is kept.
    fn session_piece(
        &mut self,
        piece: &str,
        in_cycle_field: bool,
        found: &mut (Option<u16>, Option<Cycle>),
    ) -> Result<()> {
        let field = if in_cycle_field {
            self.names.cycle
        } else {
            self.names.session
        };
        if let Some(c) = cycle_piece(piece, in_cycle_field) {
            match found.1 {
                Some(x) if x != c => {
                    self.flaw(&format!("one cycle in {field}"), "kept the first", piece)
                }
                _ => {
                    found.1 = Some(c);
                    Ok(())
                }
            }
        } else if let Some(n) = (!in_cycle_field).then(|| council_session(piece)).flatten() {
            match found.0 {
                Some(x) if x != n => {
                    self.flaw(&format!("one session in {field}"), "kept the first", piece)
                }
                _ => {
                    found.0 = Some(n);
                    Ok(())
                }
            }
        } else {
            let expected =
                format!("a session such as 28th Session or a cycle such as Cycle 2 in {field}");
            self.flaw(&expected, "left it out", piece)
        }
    }

    /// The document symbol of the Working Group report.
    fn document(&mut self, document: Option<&str>) -> Result<Option<DocumentSymbol>> {
        let Some(d) = document.map(clean).filter(|d| !d.is_empty()) else {
            return Ok(None);
        };
        match DocumentSymbol::new(&d) {
            Ok(sym) => Ok(Some(sym)),
            Err(_) => {
                let expected = format!(
                    "a document symbol such as A/HRC/28/16 in {}",
                    self.names.document
                );
                self.flaw(&expected, "left it out", &d)?;
                Ok(None)
            }
        }
    }

    /// The session against the document symbol (`A/HRC/28/16` is of session 28).
    fn check_session(
        &mut self,
        document: Option<&DocumentSymbol>,
        session: Option<u16>,
        field: &[String],
    ) -> Result<()> {
        let (Some(doc), Some(s)) = (document, session) else {
            return Ok(());
        };
        match doc.council_session() {
            Some(ds) if ds != s => {
                let expected = format!(
                    "the Council session of {doc} ({ds}) in {}",
                    self.names.session
                );
                self.flaw(&expected, &format!("kept session {s}"), &field.join(" "))
            }
            _ => Ok(()),
        }
    }

    /// The recommending States' regional groups (JSON layout).
    fn regions(&mut self, regions: &[String]) -> Result<Vec<RegionalGroup>> {
        match parse_groups(regions) {
            Ok(g) => Ok(g),
            Err(piece) => {
                let expected = format!("regional groups in {}", self.names.regions);
                self.flaw(&expected, "left them out", &piece)?;
                Ok(Vec::new())
            }
        }
    }
}

/// Affected persons (every spelling is read: an unknown group is kept as written).
fn affected_persons(affected: &[String]) -> Vec<AffectedPersons> {
    affected
        .iter()
        .flat_map(|a| AffectedPersons::parse_list(a))
        .collect()
}

/// Names in first-seen order, no duplicates.
fn dedup_names(mut names: Vec<String>) -> Vec<String> {
    let mut seen = Vec::new();
    names.retain(|u| {
        let new = !seen.contains(u);
        if new {
            seen.push(u.clone());
        }
        new
    });
    names
}

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regions_run_together() {
        assert_eq!(
            parse_groups(&["African StatesWEOG".into()]).unwrap(),
            vec![RegionalGroup::African, RegionalGroup::WesternEuropeanOthers]
        );
        assert_eq!(parse_groups(&["Atlantis".into()]).unwrap_err(), "Atlantis");
    }

    #[test]
    fn sessions_cycles_and_paragraphs() {
        for s in [
            "28th Session",
            "Session 28",
            "HRC 28",
            "28",
            " 28 th session",
        ] {
            assert_eq!(council_session(s), Some(28), "{s}");
        }
        assert_eq!(council_session("28 sessions"), None);
        assert_eq!(council_session("0"), None);
        assert_eq!(cycle_piece("Cycle 2", false), Some(Cycle::SECOND));
        assert_eq!(cycle_piece("2nd cycle", false), Some(Cycle::SECOND));
        assert_eq!(cycle_piece("2", false), None);
        assert_eq!(cycle_piece("2", true), Some(Cycle::SECOND));
        let (p, t) = take_paragraph("166.6. Ratify  it");
        assert_eq!(
            (p.map(|p| p.to_string()), t.as_str()),
            (Some("166.6".into()), "Ratify it")
        );
        assert_eq!(take_paragraph("Ratify it").0, None);
    }
}
