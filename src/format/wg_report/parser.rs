//! The line state machine of section II: numbered lines open paragraphs (headings), items
//! (`1.`, `2.` under a heading) and dotted recommendations (`124.1`); other lines continue the
//! open one. Several items run together on one line are cut apart.

use super::headings::{Heading, heading_like, is_closing, section_end, section_start};
use super::lines::{
    Line, Token, footnote_number, head, is_closed, is_footnote, is_furniture, leading_token,
    starts_with_ignore_case,
};
use crate::format::Problems;
use crate::format::states::ends_with_states;
use crate::text::{find_byte, fold, number_at, sub, tail_from};
use crate::{Location, ParagraphRef, Result, State};

/// A UTF-8 byte-order mark (`EF BB BF`) decoded as Mac OS Roman.
const MISREAD_BOM: &str = "\u{d4}\u{aa}\u{f8}";

/// What a numbered line opens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    /// Paragraph `n.`, its heading.
    Heading(u16),
    /// Item `n.` of a paragraph.
    Item(u16, u16),
    /// Recommendation `p.n`.
    Dotted(u16, u16),
}

/// The text of the paragraph or item being read.
#[derive(Debug)]
pub(super) struct Block {
    pub(super) kind: Kind,
    pub(super) line: usize,
    pub(super) text: String,
    /// Lines after the block looked complete; kept only if they end with States in brackets.
    pub(super) tail: Vec<(usize, String)>,
    /// Lines dropped from the block (page furniture, footnotes): (line, text, why).
    pub(super) dropped: Vec<(usize, String, &'static str)>,
}

/// A numbered paragraph of section II as read so far.
#[derive(Debug)]
pub(super) struct Para {
    pub(super) number: u16,
    pub(super) line: usize,
    pub(super) heading: String,
    pub(super) info: Heading,
    /// How many recommendations were read under it.
    pub(super) items: usize,
}

impl Para {
    fn new(number: u16, line: usize) -> Self {
        Para {
            number,
            line,
            heading: String::new(),
            info: Heading::default(),
            items: 0,
        }
    }
}

/// A recommendation read, waiting for the status of its paragraph (a later paragraph may give
/// it).
#[derive(Debug)]
pub(super) struct Pending {
    /// Its paragraph's index in [`Parser::paras`].
    pub(super) para: usize,
    pub(super) reference: ParagraphRef,
    pub(super) text: String,
    pub(super) recommending: Vec<State>,
    pub(super) raw: Vec<String>,
    pub(super) line: usize,
    /// The parts of a cluster (none when it is one part).
    pub(super) parts: Vec<super::WgPart>,
    /// Whether it reads as a cluster whose parts could not be told apart.
    pub(super) unsplit: bool,
}

/// Whether section II goes on.
pub(super) enum Flow {
    Go,
    End,
}

/// Reads section II line by line.
pub(super) struct Parser<'a> {
    lines: &'a [Line<'a>],
    pub(super) problems: Problems,
    pub(super) paras: Vec<Para>,
    last_item: u16,
    last_dotted: u16,
    pub(super) block: Option<Block>,
    pub(super) out: Vec<Pending>,
    /// Whether the closing paragraph of section II ("All conclusions and/or recommendations
    /// contained in the present report reflect the position ...") was read.
    closed: bool,
    /// Whether the text is a whole report (its title was found), not an excerpt of section II:
    /// then a section II that runs to the end of the text without its closing paragraph was
    /// cut short.
    pub(super) whole_report: bool,
    /// Whether the lines read since the current block was opened are a footnote set after it
    /// ([`stray_footnote`](Self::stray_footnote)).
    in_footnote: bool,
}

impl<'a> Parser<'a> {
    /// A parser over the report's lines (numbered, cleaned), reporting to `problems`.
    pub(super) fn new(lines: &'a [Line<'a>], problems: Problems) -> Self {
        Parser {
            lines,
            problems,
            paras: Vec::new(),
            last_item: 0,
            last_dotted: 0,
            block: None,
            out: Vec::new(),
            closed: false,
            whole_report: false,
            in_footnote: false,
        }
    }

    /// Reads section II, from its heading to its end (a report without one is a skip).
    pub(super) fn section(&mut self) -> Result<()> {
        let lines = self.lines;
        let start = lines
            .iter()
            .enumerate()
            .find_map(|(i, (n, l))| section_start(l).map(|rest| (i, *n, rest)));
        let Some((i, n, rest)) = start else {
            return self.problems.skip(
                Location::Whole,
                "a section II \"Conclusions and/or recommendations\"",
                "no such heading",
            );
        };
        let mut flow = self.line(i, n, rest)?;
        let mut idx = i + 1;
        let mut last = n;
        while matches!(flow, Flow::Go) {
            let Some((n, l)) = lines.get(idx) else { break };
            flow = self.line(idx, *n, l)?;
            last = *n;
            idx += 1;
        }
        self.finish_block()?;
        self.close_para()?;
        // The closing paragraph run on after the last heading (ghana2008: "... in due time. 71.
        // All conclusions and/or recommendations contained in this report ...").
        let run_on = self.paras.last().is_some_and(|p| {
            fold(&p.heading).contains(" all conclusions and/or recommendations contained in ")
        });
        // Early reports end section II with the next section ("III. Voluntary commitments")
        // and no closing paragraph; an excerpt of section II (no title) may stop anywhere.
        let cut_short = matches!(flow, Flow::Go) && self.whole_report;
        if self.closed || run_on || !cut_short {
            return Ok(());
        }
        // A report cut short, or a closing paragraph glued into the last recommendation.
        let found = "the end of the text";
        self.problems.flaw(
            Location::Line(last),
            "section II to end with its closing paragraph (\"All conclusions and/or recommendations contained in the present report reflect the position ...\")",
            "the recommendations read up to there are kept",
            found,
        )
    }

    pub(super) fn para_number(&self) -> Option<u16> {
        self.paras.last().map(|p| p.number)
    }

    /// Processes one line, fragment by fragment when several items are run together on it.
    fn line(&mut self, idx: usize, n: usize, text: &str) -> Result<Flow> {
        let text = match text.strip_prefix(MISREAD_BOM) {
            Some(rest) => {
                self.problems.repair(
                    Location::Line(n),
                    "dropped a byte-order mark (U+FEFF, read in Mac OS Roman as \"\u{d4}\u{aa}\u{f8}\") at the start of the line",
                    text,
                );
                rest.trim_start()
            }
            None => text,
        };
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
            if let Some(kind) = self.accept(tok, &|| self.preview(idx, rest)) {
                return self.numbered(idx, n, text, (tok, kind), rest);
            }
            self.number_in_text(n, text);
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
            return Ok(shift(text, rest, self.append(n, rest)));
        }
        if self.stray_footnote(text) {
            self.in_footnote = true;
            self.drop_line(n, text, "a footnote set after a complete recommendation");
            return Ok((Flow::Go, None));
        }
        if self.in_footnote {
            // The footnote's next lines, up to the next numbered line (poland2012, 90.98).
            self.drop_line(n, text, "a footnote set after a complete recommendation");
            return Ok((Flow::Go, None));
        }
        Ok(self.append(n, text))
    }

    /// `2 The recommendation as read during the interactive dialogue: ... (Chile)` right after
    /// a complete recommendation: a footnote that text extraction moved into the list (kuwait2010,
    /// after 79.47). A number of one or two digits, one space and a capital, where no item can
    /// start ([`loose_item`](Self::loose_item) takes the next item's number written so); kept,
    /// the line would end the recommendation above with the footnote's States.
    fn stray_footnote(&self, text: &str) -> bool {
        let looks = match footnote_number(text) {
            Some(rest) => rest
                .strip_prefix(' ')
                .is_some_and(|r| r.starts_with(|c: char| c.is_uppercase())),
            // A footnote whose number stands on the line above: "2" then "The recommendation as
            // read during the interactive dialogue: ..." (norway2010).
            None => {
                !text.starts_with(|c: char| c.is_ascii_digit())
                    && starts_with_ignore_case(text, "the recommendation")
                    && head(text, 60).contains(" read ")
            }
        };
        if !looks {
            return false;
        }
        self.block.as_ref().is_some_and(|b| {
            !matches!(b.kind, Kind::Heading(_)) && b.tail.is_empty() && is_closed(&b.text)
        })
    }

    /// A numbered line (or fragment) `text` read as `kind`: closes the open block and opens
    /// one, with `rest` (the text after the number) as its first text.
    fn numbered(
        &mut self,
        idx: usize,
        n: usize,
        text: &str,
        (tok, kind): (Token, Kind),
        rest: &str,
    ) -> Result<(Flow, Option<usize>)> {
        if let (Token::Dotted(p, k), Kind::Dotted(q, _)) = (tok, kind) {
            if p != q {
                self.problems.repair(
                    Location::Line(n),
                    format!(
                        "numbered {p}.{k} in the text, inside the list of paragraph {q}; read as {q}.{k}"
                    ),
                    text,
                );
            }
        }
        if matches!(kind, Kind::Heading(_)) && is_closing(&self.preview(idx, rest)) {
            self.closed = true;
            return Ok((Flow::End, None));
        }
        self.out_of_sequence(n, text, kind)?;
        self.finish_block()?;
        if matches!(kind, Kind::Heading(_)) {
            self.close_para()?;
        }
        self.start(kind, n);
        Ok(shift(text, rest, self.append(n, rest)))
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
        match tok {
            Token::Dotted(p, k) => self.accept_dotted(p, k),
            Token::Plain(n) => self.accept_plain(n, preview),
        }
    }

    fn accept_dotted(&self, p: u16, k: u16) -> Option<Kind> {
        let para = self.para_number();
        // A mistyped paragraph in the middle of a list ("85.75" between 86.74 and 86.76): the
        // next number of the current paragraph.
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
            // The first number of a list may be anything (an excerpt); then the numbers are a
            // sequence, and one that is not the next ([`Self::out_of_sequence`]) still opens a
            // recommendation: glued into the one before, a misprint would swallow the rest of
            // the list.
            let item_mode = self.last_item > 0;
            (!item_mode && k >= 1).then_some(Kind::Dotted(p, k))
        } else if k == 1 && para.is_none_or(|q| p > q && p <= q + 3) {
            Some(Kind::Dotted(p, k))
        } else {
            None
        }
    }

    /// A dotted number that is not the next of its list (a gap, a duplicate, a misprint such as
    /// `166.09` for 166.109): an error in strict mode; in lenient mode a recommendation of its
    /// own, reported with what was expected.
    fn out_of_sequence(&mut self, n: usize, text: &str, kind: Kind) -> Result<()> {
        let Kind::Dotted(p, k) = kind else {
            return Ok(());
        };
        let last = self.last_dotted;
        if last == 0 || self.para_number() != Some(p) || k == last.saturating_add(1) {
            return Ok(());
        }
        let written = leading_number_text(text);
        let read = match k.cmp(&last) {
            std::cmp::Ordering::Greater => match k - last - 1 {
                1 => format!(
                    "read {written} as a recommendation of its own (one number missing before it)"
                ),
                m => format!(
                    "read {written} as a recommendation of its own ({m} numbers missing before it)"
                ),
            },
            std::cmp::Ordering::Equal => {
                format!("read {written} as a recommendation of its own (a second {p}.{k})")
            }
            std::cmp::Ordering::Less => format!(
                "read {written} as a recommendation of its own ({p}.{k}, lower than the last, {p}.{last})"
            ),
        };
        let next = last.saturating_add(1);
        self.problems.flaw(
            Location::Line(n),
            &format!("recommendation {p}.{next} next"),
            &read,
            text,
        )
    }

    fn accept_plain(&self, n: u16, preview: &dyn Fn() -> String) -> Option<Kind> {
        let para = self.para_number();
        let item_ok =
            para.is_some() && self.last_dotted == 0 && n == self.last_item.saturating_add(1);
        let para_ok = para.is_none_or(|p| n > p && n <= p.saturating_add(3));
        let heading = || heading_like(&preview());
        let item = Kind::Item(para.unwrap_or(0), n);
        match (item_ok, para_ok) {
            (true, true) => Some(if heading() { Kind::Heading(n) } else { item }),
            (true, false) => Some(item),
            (false, true) => {
                (para.is_none_or(|p| n == p + 1) || heading()).then_some(Kind::Heading(n))
            }
            (false, false) => None,
        }
    }

    /// The numbers that may open the next item when several are run together on one line,
    /// each with whether it is dotted.
    fn inline_candidates(&self, para: u16, in_heading: bool) -> [Option<(Number, bool)>; 2] {
        let next_para = Number::new(para.saturating_add(1), None);
        if in_heading {
            [
                Some((Number::new(para, Some(1)), true)),
                Some((Number::new(1, None), false)),
            ]
        } else if self.last_dotted > 0 {
            let next = self.last_dotted.saturating_add(1);
            [
                Some((Number::new(para, Some(next)), true)),
                Some((next_para, false)),
            ]
        } else if self.last_item > 0 {
            let next = Number::new(self.last_item.saturating_add(1), None);
            [Some((next, false)), Some((next_para, false))]
        } else {
            [None, None]
        }
    }

    /// Where in `text` the next item starts when several are run together on one line.
    fn find_inline(&self, text: &str) -> Option<usize> {
        // Every number looked for starts with a digit, and most lines have none.
        if !has_digit(text.as_bytes()) {
            return None;
        }
        let para = self.para_number()?;
        let in_heading = matches!(self.block.as_ref().map(|b| b.kind), Some(Kind::Heading(_)));
        let candidates = self.inline_candidates(para, in_heading);
        // Looked for in a window that doubles until one is found: the search costs what lies
        // before the next item, not the rest of the line (thousands of run-on items on one
        // line stay linear).
        let mut window = 4096usize;
        loop {
            let found = candidates
                .iter()
                .flatten()
                .filter_map(|(c, dotted)| inline_at(text, c.as_str(), *dotted, in_heading, window))
                .min();
            if found.is_some() || window >= text.len() {
                return found;
            }
            window = window.saturating_mul(2);
        }
    }

    /// A line inside a recommendation that starts like a numbered one but is read as its text
    /// (not a number of the list): reported, as a sign of a misprinted number to check.
    fn number_in_text(&mut self, n: usize, text: &str) {
        let Some(b) = self.block.as_ref() else { return };
        let reference = match b.kind {
            Kind::Heading(_) => return,
            Kind::Item(paragraph, item) => ParagraphRef::Item { paragraph, item },
            Kind::Dotted(paragraph, number) => ParagraphRef::Dotted { paragraph, number },
        };
        self.problems.repair(
            Location::Line(n),
            format!(
                "a line of recommendation {reference} starts with the number {}, read as its text (check for a misprinted number)",
                leading_number_text(text)
            ),
            text,
        );
    }

    fn drop_line(&mut self, line: usize, text: &str, why: &'static str) {
        match self.block.as_mut() {
            Some(b) => b.dropped.push((line, text.to_owned(), why)),
            None => self
                .problems
                .repair(Location::Line(line), format!("dropped {why}"), text),
        }
    }

    /// Opens a block of `kind` on `line` (and a paragraph, for a heading or a dotted number
    /// whose heading was not seen).
    fn start(&mut self, kind: Kind, line: usize) {
        self.in_footnote = false;
        match kind {
            Kind::Heading(n) => {
                self.paras.push(Para::new(n, line));
                self.last_item = 0;
                self.last_dotted = 0;
            }
            Kind::Item(_, n) => self.last_item = n,
            Kind::Dotted(p, k) => {
                if self.para_number() != Some(p) {
                    self.problems.repair(
                        Location::Line(line),
                        format!("paragraph {p} has no heading line; its recommendations get no status from it"),
                        "",
                    );
                    self.paras.push(Para::new(p, line));
                    self.last_item = 0;
                    self.last_dotted = 0;
                }
                // The sequence goes on from the highest number read; a number lower than that
                // (a misprint) takes the place of the next one.
                self.last_dotted = match k.cmp(&self.last_dotted) {
                    std::cmp::Ordering::Less => self.last_dotted.saturating_add(1),
                    _ => k,
                };
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
            } else {
                b.push_tail(n, text);
            }
            return;
        }
        if !b.text.is_empty() {
            b.text.push(' ');
        }
        b.text.push_str(text);
    }
}

impl Block {
    /// A line after the block looked complete: kept aside, and taken into the text once the
    /// lines kept aside end with States in brackets.
    fn push_tail(&mut self, n: usize, text: &str) {
        self.tail.push((n, text.to_owned()));
        // Only the last lines matter to how the tail ends (keeps long tails linear).
        let recent = self.tail.len().saturating_sub(4);
        let end: Vec<&str> = self
            .tail
            .iter()
            .skip(recent)
            .map(|(_, t)| t.as_str())
            .collect();
        if ends_with_states(&end.join(" ")) {
            let joined: Vec<&str> = self.tail.iter().map(|(_, t)| t.as_str()).collect();
            self.text.push(' ');
            self.text.push_str(&joined.join(" "));
            self.tail.clear();
        }
    }
}

/// The number a line starts with, as written (`166.09`).
fn leading_number_text(text: &str) -> &str {
    let end = text
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(text.len());
    sub(text, 0, end).trim_end_matches('.')
}

/// Offsets returned for a suffix `rest` of `text`, made relative to `text`.
fn shift(text: &str, rest: &str, r: (Flow, Option<usize>)) -> (Flow, Option<usize>) {
    (r.0, r.1.map(|k| text.len() - rest.len() + k))
}

/// Whether `b` holds an ASCII digit.
fn has_digit(b: &[u8]) -> bool {
    find_byte(b, 0, |c| c.wrapping_sub(b'0') < 10).is_some()
}

/// A number that may open a run-on item, written out on the stack: `124.5` (dotted) or `13.`.
#[derive(Debug, Clone, Copy)]
struct Number {
    buf: [u8; 12],
    len: usize,
}

impl Number {
    fn new(n: u16, dotted: Option<u16>) -> Self {
        let mut x = Number {
            buf: [0; 12],
            len: 0,
        };
        x.push(n);
        x.push_byte(b'.');
        if let Some(d) = dotted {
            x.push(d);
        }
        x
    }

    fn push_byte(&mut self, b: u8) {
        if let Some(slot) = self.buf.get_mut(self.len) {
            *slot = b;
            self.len += 1;
        }
    }

    fn push(&mut self, n: u16) {
        let digits = [n / 10_000, n / 1000, n / 100, n / 10, n];
        let first = digits.iter().position(|&d| d > 0).unwrap_or(4);
        for d in digits.iter().skip(first) {
            self.push_byte(b'0' + (d % 10) as u8);
        }
    }

    fn as_str(&self) -> &str {
        let digits = self.buf.get(..self.len).unwrap_or_default();
        std::str::from_utf8(digits).unwrap_or_default()
    }
}

/// Where the short `needle` (a number) first occurs in `hay`: its first byte found with
/// `memchr`, the rest compared (no searcher built for a needle looked for once).
fn find_short(hay: &[u8], needle: &[u8]) -> Option<usize> {
    let (&first, rest) = needle.split_first()?;
    let mut from = 0;
    while let Some(k) = hay.get(from..).and_then(|h| memchr::memchr(first, h)) {
        let at = from + k;
        if hay.get(at + 1..).is_some_and(|h| h.starts_with(rest)) {
            return Some(at);
        }
        from = at + 1;
    }
    None
}

/// The first place in `text`, before byte `limit`, where the number `c` opens a run-on item:
/// after a space (or, dotted, glued to `;` or `)`), after the end of a heading or of a
/// recommendation, and followed by a space and a capital or an opening quote.
fn inline_at(text: &str, c: &str, dotted: bool, in_heading: bool, limit: usize) -> Option<usize> {
    let mut end = limit.saturating_add(c.len()).min(text.len());
    while !text.is_char_boundary(end) {
        end += 1;
    }
    let mut from = 0;
    while let Some(k) = text
        .get(from..end)
        .and_then(|r| find_short(r.as_bytes(), c.as_bytes()))
    {
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
        if next.is_some_and(|ch| ch.is_uppercase() || "\u{201c}\"".contains(ch)) {
            return Some(at);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::format::ReadOptions;
    use crate::format::wg_report::lines::numbered_lines;

    #[test]
    fn run_on_items_start_after_a_recommendation() {
        assert_eq!(
            inline_at(
                "Ratify A (Canada); 2. Ratify B (Chile);",
                "2.",
                false,
                false,
                usize::MAX
            ),
            Some(19)
        );
        // Not after a word, not before a small letter, not a longer number.
        assert_eq!(
            inline_at("within 2. years", "2.", false, false, usize::MAX),
            None
        );
        assert_eq!(
            inline_at("(Canada); 2. ratify", "2.", false, false, usize::MAX),
            None
        );
        assert_eq!(
            inline_at("(Canada); 124.12 Do", "124.1", true, false, usize::MAX),
            None
        );
        assert_eq!(
            inline_at("(Spain);110.44.Take", "110.44", true, false, usize::MAX),
            Some(8)
        );
        assert_eq!(
            inline_at("of X: 1. Ratify", "1.", false, true, usize::MAX),
            Some(6)
        );
    }

    #[test]
    fn numbers_looked_for_are_written_as_format_writes_them() {
        for n in [0, 1, 9, 10, 99, 100, 105, 999, 1000, 9999, 10_000, 65_535] {
            assert_eq!(Number::new(n, None).as_str(), format!("{n}."));
            for d in [0, 1, 10, 65_535] {
                assert_eq!(Number::new(n, Some(d)).as_str(), format!("{n}.{d}"));
            }
        }
        let hay = "1 12 12. 124.1 124.12";
        for needle in ["1", "12.", "124.12", "124.2", "x", "2 1"] {
            assert_eq!(
                find_short(hay.as_bytes(), needle.as_bytes()),
                hay.find(needle),
                "{needle}"
            );
        }
        assert_eq!(find_short(b"abc", b""), None);
        for len in 0..70 {
            for at in 0..len {
                let mut line = vec![b'x'; len];
                line[at] = b'0' + (at % 10) as u8;
                assert!(has_digit(&line), "{len} {at}");
                line[at] = [b'/', b':', 0xd9][at % 3];
                assert!(!has_digit(&line), "{len} {at}");
            }
        }
    }

    #[test]
    fn numbers_are_read_against_the_list() {
        let l = numbered_lines("II. Conclusions and/or recommendations");
        let mut p = Parser::new(&l, Problems::new(&ReadOptions::new()));
        let none = || String::new();
        assert_eq!(p.accept(Token::Plain(90), &none), Some(Kind::Heading(90)));
        p.start(Kind::Heading(90), 2);
        assert_eq!(p.accept(Token::Plain(1), &none), Some(Kind::Item(90, 1)));
        assert_eq!(p.accept(Token::Plain(91), &none), Some(Kind::Heading(91)));
        assert_eq!(p.accept(Token::Plain(95), &none), None);
        assert_eq!(
            p.accept(Token::Dotted(90, 1), &none),
            Some(Kind::Dotted(90, 1))
        );
        p.start(Kind::Dotted(90, 1), 3);
        // A mistyped paragraph inside the list reads as the next number of the list.
        assert_eq!(
            p.accept(Token::Dotted(89, 2), &none),
            Some(Kind::Dotted(90, 2))
        );
        // A number out of sequence still opens a recommendation (reported when read).
        assert_eq!(
            p.accept(Token::Dotted(90, 40), &none),
            Some(Kind::Dotted(90, 40))
        );
        assert_eq!(p.accept(Token::Dotted(70, 3), &none), None);
    }
}
