//! Reading a flattened matrix line by line: each line is a footer, a table header, a `Theme:`
//! heading, the start of a row, or a line of the row being read (see the
//! [module docs](super)).

use super::{MatrixRecord, MatrixReview, PositionSource};
use crate::format::states::split_text;
use crate::format::{Parsed, Problems, ReadOptions, encoding};
use crate::text::clean;
use crate::{
    AffectedPersons, Cycle, DocumentSymbol, Location, ParagraphRef, Result, Sdg, Session, State,
    UhriTheme, UprPosition,
};

const TABLE_HEADER: [&str; 4] = [
    "Recommendation",
    "Position",
    "Full list of themes",
    "Assessment/comments on level of implementation",
];

/// Reads a matrix from decoded text.
pub(super) fn read_str(
    text: &str,
    used: crate::format::encoding::Decoded,
    options: &ReadOptions,
) -> Result<Parsed<MatrixRecord>> {
    let text = encoding::normalize_newlines(text);
    let mut reader = Reader {
        problems: Problems::new(options),
        out: Vec::new(),
        row: None,
        section: None,
        review: None,
    };
    for (i, raw) in text.split('\n').enumerate() {
        reader.line(i + 1, &clean(raw))?;
    }
    reader.end_row()?;
    let Reader {
        problems,
        mut out,
        review,
        ..
    } = reader;
    for r in &mut out {
        r.review = review;
    }
    let mut problems = problems;
    if out.is_empty() {
        problems.skip(
            Location::Whole,
            "a matrix with at least one recommendation",
            "no recommendation",
        )?;
    }
    Ok(problems.parsed(used, out))
}

/// The reader's state between lines.
struct Reader {
    problems: Problems,
    out: Vec<MatrixRecord>,
    /// The row being read.
    row: Option<Row>,
    /// The latest `Theme:` heading.
    section: Option<UhriTheme>,
    /// The first readable footer.
    review: Option<MatrixReview>,
}

impl Reader {
    /// One line (cleaned), numbered from 1.
    fn line(&mut self, n: usize, t: &str) -> Result<()> {
        let loc = Location::Line(n);
        let slot = self.row.as_ref().map(|p| p.slot);
        if t.is_empty() {
            // A blank line ends a row once its text is complete.
            if slot.is_some_and(|s| s != Slot::Text) {
                self.end_row()?;
            }
            return Ok(());
        }
        if t.starts_with("UPR of ") {
            return self.footer(loc, t);
        }
        if slot != Some(Slot::Text) && TABLE_HEADER.contains(&t) {
            return Ok(());
        }
        if let Some(h) = t.strip_prefix("Theme:") {
            return self.heading(loc, h, t);
        }
        if let Some((paragraph, _)) = paragraph_line(t) {
            // A numbered line starts a new row unless the row before is still in its text and
            // that text does not yet end with its States in brackets.
            let open_text = self
                .row
                .as_ref()
                .is_some_and(|p| p.slot == Slot::Text && !text_is_complete(&p.text));
            if !open_text {
                self.end_row()?;
                self.row = Some(Row::new(n, paragraph, t, self.section.clone()));
                return Ok(());
            }
        }
        match self.row.as_mut() {
            Some(row) => row.line(loc, t, &mut self.problems),
            None => self.problems.flaw(
                loc,
                "a recommendation starting with its paragraph number, or a Theme: heading",
                "left the line out",
                t,
            ),
        }
    }

    /// A page footer: the review, the same on every page.
    fn footer(&mut self, loc: Location, t: &str) -> Result<()> {
        let Some(r) = footer(t) else {
            let expected = "a footer such as UPR of China (2nd Cycle – 17th session)";
            return self.problems.flaw(loc, expected, "left it out", t);
        };
        match self.review {
            Some(prev) if prev != r => {
                let expected = "the same review in every footer";
                self.problems.flaw(loc, expected, "kept the first", t)
            }
            Some(_) => Ok(()),
            None => {
                if r.session.cycle() != r.cycle {
                    let expected =
                        format!("a Working Group session of cycle {} in the footer", r.cycle);
                    self.problems.flaw(loc, &expected, "kept the footer", t)?;
                }
                self.review = Some(r);
                Ok(())
            }
        }
    }

    /// A `Theme:` heading: the section of the rows under it.
    fn heading(&mut self, loc: Location, heading: &str, t: &str) -> Result<()> {
        self.end_row()?;
        self.section = match UhriTheme::parse(heading) {
            Ok(s) => Some(s),
            Err(_) => {
                let expected = "a theme code and name after Theme:";
                self.problems
                    .flaw(loc, expected, "records under it get no section", t)?;
                None
            }
        };
        Ok(())
    }

    /// Ends the row being read, if any, and keeps it if it reads.
    fn end_row(&mut self) -> Result<()> {
        if let Some(row) = self.row.take() {
            if let Some(r) = row.into_record(&mut self.problems)? {
                self.out.push(r);
            }
        }
        Ok(())
    }
}

/// Where in a row the reader is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Slot {
    /// The recommendation text (it may run on over several lines).
    Text,
    /// After `Source of position`.
    Source,
    /// After the position: theme and SDG lines.
    Codes,
    /// After `Affected persons:`.
    Affected,
}

/// One row as read so far.
pub(super) struct Row {
    line: usize,
    paragraph: ParagraphRef,
    /// The text as written, paragraph number included.
    text: String,
    slot: Slot,
    source: Option<PositionSource>,
    source_seen: bool,
    position: Option<UprPosition>,
    themes: Vec<UhriTheme>,
    pub(super) sdgs: Vec<Sdg>,
    affected: Vec<AffectedPersons>,
    section: Option<UhriTheme>,
    /// Themes written by name only (`- Right to health`, the 2025 layout).
    theme_names: Vec<String>,
    /// The recommending States a column of their own lists (the Word layout), as written.
    pub(super) listed: Option<Vec<String>>,
    /// OHCHR's comment on the row (`Comments: Information sent in a post Add.1 letter ...`).
    comment: Option<String>,
    /// Locations are table rows (the Word layout), not lines.
    pub(super) in_table: bool,
}

impl Row {
    pub(super) fn new(
        line: usize,
        paragraph: ParagraphRef,
        t: &str,
        section: Option<UhriTheme>,
    ) -> Row {
        Row {
            line,
            paragraph,
            text: t.to_owned(),
            slot: Slot::Text,
            source: None,
            source_seen: false,
            position: None,
            themes: Vec::new(),
            sdgs: Vec::new(),
            affected: Vec::new(),
            section,
            theme_names: Vec::new(),
            listed: None,
            comment: None,
            in_table: false,
        }
    }

    /// A line inside the row: the source of position, the position, `Affected persons:`, or a
    /// line of the part the row is in.
    pub(super) fn line(&mut self, loc: Location, t: &str, problems: &mut Problems) -> Result<()> {
        let low = t.to_ascii_lowercase();
        if let Some(c) = low.strip_prefix("comments:") {
            let c = t.get(t.len() - c.len()..).unwrap_or(c).trim();
            self.comment = Some(c.to_owned());
            self.slot = Slot::Source;
            return Ok(());
        }
        if low.starts_with("source of position") {
            let rest = t.get("source of position".len()..).unwrap_or_default();
            return self.source(loc, rest.trim_start_matches([':', ' ']), t, problems);
        }
        if matches!(self.slot, Slot::Text | Slot::Source) {
            if let Ok(pos) = UprPosition::parse(t) {
                self.position = Some(pos);
                self.slot = Slot::Codes;
                return Ok(());
            }
        }
        if matches!(
            low.trim_end_matches(':').trim(),
            "affected persons" | "groups of persons"
        ) {
            self.slot = Slot::Affected;
            return Ok(());
        }
        match self.slot {
            Slot::Text => {
                self.text.push(' ');
                self.text.push_str(t);
                Ok(())
            }
            Slot::Source => problems.flaw(
                loc,
                "Supported or Noted after the source of position",
                "left the line out",
                t,
            ),
            Slot::Codes => self.code(loc, t, problems),
            Slot::Affected => self.affected(loc, t, problems),
        }
    }

    /// `Source of position: ...` (`rest` after the colon).
    fn source(
        &mut self,
        loc: Location,
        rest: &str,
        t: &str,
        problems: &mut Problems,
    ) -> Result<()> {
        self.source_seen = true;
        self.slot = Slot::Source;
        match source_line(rest) {
            Some(s) => {
                self.source = Some(s);
                Ok(())
            }
            None => problems.flaw(
                loc,
                "Source of position: a document symbol - Para. a paragraph",
                "left the source out",
                t,
            ),
        }
    }

    /// A theme line (`A12 ...`) or an SDG line (`S16 SDG 16 - ...`).
    fn code(&mut self, loc: Location, t: &str, problems: &mut Problems) -> Result<()> {
        let is_sdg = t
            .strip_prefix('S')
            .is_some_and(|r| r.starts_with(|c: char| c.is_ascii_digit()));
        let expected = if is_sdg {
            match Sdg::parse(t) {
                Ok(g) => {
                    if !self.sdgs.contains(&g) {
                        self.sdgs.push(g);
                    }
                    return Ok(());
                }
                Err(_) => "an SDG line such as S16 SDG 16 - peace, justice and strong institutions",
            }
        } else if let Some(name) = t.strip_prefix("- ") {
            // A theme written by name only (the 2025 layout).
            self.theme_names.push(name.trim().to_owned());
            return Ok(());
        } else {
            match UhriTheme::parse(t) {
                Ok(th) => {
                    self.themes.push(th);
                    return Ok(());
                }
                Err(_) => "a theme line such as A12 Acceptance of international norms",
            }
        };
        problems.flaw(loc, expected, "left the line out", t)
    }

    /// A `- group` line after `Affected persons:`.
    fn affected(&mut self, loc: Location, t: &str, problems: &mut Problems) -> Result<()> {
        match t.strip_prefix('-') {
            Some(a) => {
                self.affected.push(AffectedPersons::parse(a));
                Ok(())
            }
            None => problems.flaw(
                loc,
                "an affected-persons line such as - women",
                "left the line out",
                t,
            ),
        }
    }

    /// The finished row as a record. `None`: skipped (no position, lenient mode).
    /// Where the row is: its line, or its row in a table.
    fn loc(&self) -> Location {
        if self.in_table {
            Location::Record(self.line)
        } else {
            Location::Line(self.line)
        }
    }

    pub(super) fn into_record(self, problems: &mut Problems) -> Result<Option<MatrixRecord>> {
        let loc = self.loc();
        let Some(position) = self.position else {
            let expected = "a position (Supported or Noted) after the recommendation";
            problems.skip(loc, expected, &self.text)?;
            return Ok(None);
        };
        if !self.source_seen && self.comment.is_none() {
            let expected = "a Source of position line after the recommendation";
            problems.flaw(loc, expected, "kept without a source", &self.text)?;
        }
        let (text, recommending, unresolved) = self.split(problems)?;
        let (recommending, unresolved) = self.cross_check(recommending, unresolved, problems)?;
        Ok(Some(MatrixRecord {
            line: self.line,
            paragraph: self.paragraph,
            text,
            recommending,
            unresolved,
            source_of_position: self.source,
            position,
            section: self.section,
            themes: self.themes,
            sdgs: self.sdgs,
            affected_persons: self.affected,
            theme_names: self.theme_names,
            comment: self.comment,
            review: None,
        }))
    }

    /// With a column of recommending States (the Word layout), that column's States, checked
    /// against the States in brackets in the text.
    fn cross_check(
        &self,
        from_text: Vec<State>,
        unresolved: Vec<String>,
        problems: &mut Problems,
    ) -> Result<(Vec<State>, Vec<String>)> {
        let Some(listed) = &self.listed else {
            return Ok((from_text, unresolved));
        };
        let loc = self.loc();
        let mut states = Vec::new();
        let mut unknown = Vec::new();
        for name in listed {
            match State::resolve(name) {
                Ok(s) if !states.contains(&s) => states.push(s),
                Ok(_) => {}
                Err(_) => unknown.push(name.clone()),
            }
        }
        if !unknown.is_empty() {
            let expected = format!("known State names in the States column (not {unknown:?})");
            problems.flaw(loc, &expected, "kept the names that resolve", &self.text)?;
        }
        let same = states.len() == from_text.len() && states.iter().all(|s| from_text.contains(s));
        if !same && !from_text.is_empty() {
            let expected = "the same States in the States column as in the text's brackets";
            problems.flaw(loc, expected, "kept the column's States", &self.text)?;
        }
        Ok((states, unknown))
    }

    /// The text without paragraph number, its recommending States, and the names in brackets
    /// that resolve nowhere.
    fn split(&self, problems: &mut Problems) -> Result<(String, Vec<State>, Vec<String>)> {
        let loc = self.loc();
        let body = paragraph_line(&self.text).map_or(self.text.as_str(), |(_, r)| r);
        let Some(s) = split_text(body) else {
            let expected = "recommending States in brackets at the end of the recommendation";
            problems.flaw(loc, expected, "kept the text as written", &self.text)?;
            return Ok((body.to_owned(), Vec::new(), Vec::new()));
        };
        if !s.unresolved.is_empty() {
            let expected = format!("known State names in brackets (not {:?})", s.unresolved);
            problems.flaw(loc, &expected, "kept the names that resolve", &self.text)?;
        }
        Ok((s.text, s.states, s.unresolved))
    }
}

/// `186.28. text` or `28.212 text`: the paragraph and the text after it.
pub(super) fn paragraph_line(t: &str) -> Option<(ParagraphRef, &str)> {
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

/// `Source of position: A/HRC/25/5/Add.1 - Para. 186.28.`, or the document alone.
fn source_line(rest: &str) -> Option<PositionSource> {
    let Some((doc, para)) = rest.split_once(" - ") else {
        let doc = rest.trim().trim_end_matches('.');
        return Some(PositionSource {
            document: DocumentSymbol::new(doc).ok()?,
            paragraph: None,
        });
    };
    let para = para.trim();
    let para = ["Paras.", "Para.", "Paras", "Para", "para.", "para"]
        .iter()
        .find_map(|p| para.strip_prefix(p))?
        .trim();
    let para = para.strip_suffix('.').unwrap_or(para);
    // `A/HRC/28/15/Add.1, para. 3 - Para. 3`: the paragraph said twice.
    let doc = doc.split(',').next().unwrap_or(doc);
    Some(PositionSource {
        document: DocumentSymbol::new(doc.trim()).ok()?,
        paragraph: Some(para.parse().ok()?),
    })
}

/// `UPR of China (2nd Cycle – 17th session) ...`
pub(super) fn footer(t: &str) -> Option<MatrixReview> {
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
    let state_under_review = State::lookup(name.trim())?;
    Some(MatrixReview {
        state_under_review,
        cycle,
        session,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_shapes() {
        let (p, rest) = paragraph_line("186.28. Continue (Mongolia);").unwrap();
        assert_eq!(
            (p.to_string(), rest),
            ("186.28".into(), "Continue (Mongolia);")
        );
        assert_eq!(
            paragraph_line("12.5 per cent").unwrap().0.to_string(),
            "12.5"
        );
        assert!(paragraph_line("2014. Year").is_none());
        assert!(text_is_complete("Do it (Chile);"));
        assert!(!text_is_complete("Raise the budget by"));
        let src = source_line("A/HRC/40/6/Add.1 - Paras. 28.1.").unwrap();
        assert_eq!(
            (src.document.as_str(), src.paragraph.unwrap().to_string()),
            ("A/HRC/40/6/Add.1", "28.1".into())
        );
        assert!(source_line("somewhere").is_none());
        assert_eq!(source_line("A/HRC/28/16/Add.1").unwrap().paragraph, None);
        let twice = source_line("A/HRC/28/15/Add.1, para. 3 - Para. 3").unwrap();
        assert_eq!(twice.document.as_str(), "A/HRC/28/15/Add.1");
        let r = footer("UPR of China (3rd Cycle - 31st session) Page 2").unwrap();
        assert_eq!((r.cycle, r.session.number()), (Cycle::THIRD, 31));
        assert!(footer("UPR of Atlantis (3rd Cycle - 31st session)").is_none());
    }
}
