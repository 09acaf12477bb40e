//! A CSV splitter over decoded text that borrows its fields, and that notices merged rows.
//!
//! It reads exactly what the `csv` crate reads with its default settings and `flexible(true)`
//! (comma, double quote, doubled quotes as escapes, `\r`, `\n` or `\r\n` ending a record, blank
//! lines skipped, a leading UTF-8 byte-order mark dropped, a quote inside an unquoted field kept
//! as is, text after a closing quote appended to the field, an unclosed quote running to the end
//! of the input); a differential test below holds it to that. It exists for speed: fields are
//! slices of the text (owned only when a doubled quote must be undone), found with `memchr`, so a
//! reader validates and decodes its input once instead of once per field.
//!
//! # Merged rows
//! A stray `"` opening a field in one row and another closing one rows later makes the rows
//! between one field of one record, in the `csv` crate as here: three rows read as one with
//! nothing said. Given the header's width ([`Records::with_width`]), the splitter checks every
//! line end inside a quoted field. The line after it is a swallowed row if it has no quote and a
//! whole row's worth of commas (read inside the quote it would all be text), or if its first lone
//! quote closes the field with text after it (no CSV writer does that: the quote is one of the
//! row's own quoted fields) and the line reads on its own as a whole row. The record is then cut
//! at that line end (the fields before it are the record, the open quote running to the cut),
//! the reader is told ([`Records::merge`]), and splitting resumes at the swallowed row, which is
//! read as the record it is. A reader makes the merge an error in strict mode and a report line
//! in lenient mode; every row after the stray quote is read and accounted for on its own.
//!
//! A field that spans lines as a writer writes it (quotes doubled, the closing quote followed by
//! a comma or a line end) is left alone unless one of its lines has no quote and a whole row's
//! worth of commas. What cannot be told from such a field is a stray quote closed as a writer
//! closes a field: two rows merged into one record of the right width (a quote opening a field
//! in one row, another closing the same field in the next), which the reader of a column then
//! sees as an odd value.
//!
//! # Partial input
//! [`Records::resume`] with `partial` splits a buffer that more input will follow (a streaming reader's): a
//! record that reaches the end of the buffer, or a merge check that needs the rest of a line, is
//! not read but answered [`Next::More`], so the caller reads more and asks again. The line count
//! carries over from one buffer to the next in a [`Cursor`].

use std::borrow::Cow;

use super::{Action, Mode, Problems};
use crate::{Location, Result};

/// What [`Records::next_record`] found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Next {
    /// A record, in the fields given.
    Record,
    /// The end of the input.
    End,
    /// The buffer ends inside the next record (partial input only): nothing was consumed.
    More,
}

/// A record cut where a quoted field swallowed a line that reads as a whole record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Merge {
    /// The 1-based line the record, and the quote left open, start on.
    pub(crate) line: usize,
    /// The 1-based line, inside the quote, that reads as a whole record.
    pub(crate) swallowed: usize,
    /// The fields that line holds.
    pub(crate) fields: usize,
}

impl Merge {
    /// What a reader expected, for the error of strict mode.
    pub(crate) fn expected(&self) -> String {
        format!(
            "a quote that closes before the next row (the quote opened on line {} is still open on line {}, which reads as a whole record of {} fields)",
            self.line, self.swallowed, self.fields
        )
    }

    /// What a lenient reader did.
    fn repair(&self) -> String {
        format!(
            "expected {}; the record is read up to the end of line {}, and line {} on as records of their own",
            self.expected(),
            self.swallowed.saturating_sub(1),
            self.swallowed
        )
    }

    /// Before record `location` (the cut one, `found`) is read: an error in strict mode.
    fn check(&self, problems: &Problems, location: Location, found: &str) -> Result<()> {
        match problems.mode() {
            Mode::Strict => Err(problems.error(location, self.expected(), found)),
            Mode::Lenient => Ok(()),
        }
    }

    /// After record `location` (the cut one, `found`) was read, in lenient mode: if it was then
    /// skipped, the skip's line says so too (a skipped record is never also "repaired"); if it
    /// was kept, a repair line.
    fn note(&self, problems: &mut Problems, location: Location, found: &str) {
        match problems.list.last_mut() {
            Some(p) if p.location == location && p.action == Action::Skipped => {
                p.reason = format!("{} ({})", p.reason, self.repair());
            }
            _ => problems.repair(location, self.repair(), found),
        }
    }
}

/// Reads record `location` (its `fields`) with `read`, reporting the merge the splitter cut it
/// at, if any (see [`Merge::check`] and [`Merge::note`]).
pub(crate) fn read_cut<T>(
    merge: Option<Merge>,
    problems: &mut Problems,
    location: Location,
    fields: &[Cow<'_, str>],
    read: impl FnOnce(&mut Problems) -> Result<T>,
) -> Result<T> {
    let Some(m) = merge else {
        return read(problems);
    };
    let found = fields.join(",");
    m.check(problems, location, &found)?;
    let out = read(problems)?;
    m.note(problems, location, &found);
    Ok(out)
}

/// Where a splitter is: a byte offset in its text and the line it is on, to resume on the next
/// buffer of a partial input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Cursor {
    /// Byte offset of the next record (or the line ends before it).
    pub(crate) pos: usize,
    /// The 1-based line at `counted`.
    line: usize,
    /// The offset up to which line ends are counted.
    counted: usize,
    /// At the start of the input (where a byte-order mark may be).
    first: bool,
}

impl Cursor {
    /// At the start of an input.
    pub(crate) fn start() -> Cursor {
        Cursor {
            pos: 0,
            line: 1,
            counted: 0,
            first: true,
        }
    }
}

/// Splits `text` into records.
pub(crate) struct Records<'a> {
    text: &'a str,
    cursor: Cursor,
    /// The end the current record may reach: the text's, except while a merged record is re-read.
    limit: usize,
    /// The header's width (0: no merge check).
    width: usize,
    /// More input follows the text.
    partial: bool,
    /// Set while a record reaches the end of a partial text.
    more: bool,
    /// The line end a quoted field must be cut at (the line after it is a swallowed row).
    cut: Option<(usize, usize)>,
    merge: Option<Merge>,
}

impl<'a> Records<'a> {
    /// The whole input (a leading UTF-8 byte-order mark is dropped).
    pub(crate) fn new(text: &'a str) -> Self {
        Self::resume(text, Cursor::start(), false)
    }

    /// A buffer of an input from `cursor`, more input following it if `partial` (a leading
    /// byte-order mark at offset 0 of the first buffer is dropped).
    pub(crate) fn resume(text: &'a str, mut cursor: Cursor, partial: bool) -> Self {
        if cursor.first && cursor.pos == 0 && text.starts_with('\u{feff}') {
            cursor.pos = 3;
            cursor.counted = 3;
        }
        cursor.first = false;
        Records {
            text,
            cursor,
            limit: text.len(),
            width: 0,
            partial,
            more: false,
            cut: None,
            merge: None,
        }
    }

    /// Checks quoted fields for swallowed rows of `width` fields (see the module docs).
    #[allow(dead_code)] // the streaming readers (next commit)
    pub(crate) fn with_width(mut self, width: usize) -> Self {
        self.set_width(width);
        self
    }

    /// As [`Records::with_width`], once the header is read.
    pub(crate) fn set_width(&mut self, width: usize) {
        self.width = width;
    }

    /// Where the splitter is (to resume on the next buffer).
    #[allow(dead_code)] // the streaming readers (next commit)
    pub(crate) fn cursor(&self) -> Cursor {
        self.cursor
    }

    /// The cursor for the text after the bytes read so far, and how many bytes those are: a
    /// streaming reader drops that many from its buffer and resumes with the cursor.
    #[allow(dead_code)] // the streaming readers (next commit)
    pub(crate) fn carry(&mut self) -> (usize, Cursor) {
        let consumed = self.cursor.pos;
        let line = self.line_at(consumed);
        let cursor = Cursor {
            pos: 0,
            line,
            counted: 0,
            first: false,
        };
        (consumed, cursor)
    }

    /// The merge the last record was cut at, if any.
    pub(crate) fn merge(&self) -> Option<Merge> {
        self.merge
    }

    /// The 1-based line `pos` is on (`pos` at or after the last one asked for).
    pub(crate) fn line_at(&mut self, pos: usize) -> usize {
        let bytes = self.bytes();
        let from = self.cursor.counted.min(pos);
        let span = bytes.get(from..pos).unwrap_or_default();
        let lf = memchr::memchr_iter(b'\n', span).count();
        let cr = memchr::memchr_iter(b'\r', span)
            .filter(|&i| bytes.get(from + i + 1) != Some(&b'\n'))
            .count();
        self.cursor.line += lf + cr;
        self.cursor.counted = pos.max(self.cursor.counted);
        self.cursor.line
    }

    fn bytes(&self) -> &'a [u8] {
        self.text.as_bytes()
    }

    /// A slice of the text between two ASCII delimiters (always on character boundaries).
    fn slice(&self, start: usize, end: usize) -> &'a str {
        self.text.get(start..end).unwrap_or_default()
    }

    /// The end of an unquoted run starting at `from`: the next comma or line end.
    fn run_end(&self, from: usize) -> usize {
        let rest = self.bytes().get(from..self.limit).unwrap_or_default();
        memchr::memchr3(b',', b'\r', b'\n', rest).map_or(self.limit, |i| from + i)
    }

    /// Reads the next record into `fields` (cleared first); `false` at the end of the input.
    pub(crate) fn next_into(&mut self, fields: &mut Vec<Cow<'a, str>>) -> bool {
        self.next_record(fields) == Next::Record
    }

    /// Reads the next record into `fields` (cleared first).
    pub(crate) fn next_record(&mut self, fields: &mut Vec<Cow<'a, str>>) -> Next {
        fields.clear();
        self.merge = None;
        let bytes = self.bytes();
        let mut pos = self.cursor.pos;
        while matches!(bytes.get(pos), Some(b'\r' | b'\n')) {
            pos += 1;
        }
        if pos >= bytes.len() {
            if self.partial {
                return Next::More;
            }
            self.cursor.pos = pos;
            return Next::End;
        }
        let start = pos;
        self.cursor.pos = start;
        self.more = false;
        self.fields(fields);
        if self.more {
            fields.clear();
            self.cursor.pos = start;
            return Next::More;
        }
        if let Some((cut, next_line)) = self.cut.take() {
            // Re-read the record up to the cut, without checking again.
            fields.clear();
            let width = std::mem::replace(&mut self.width, 0);
            self.cursor.pos = start;
            self.limit = cut;
            self.fields(fields);
            self.limit = self.text.len();
            self.width = width;
            self.cursor.pos = cut;
            let line = self.line_at(start);
            let swallowed = self.line_at(next_line);
            let line_end = line_end_from(bytes, next_line).unwrap_or(bytes.len());
            let found = bytes.get(next_line..line_end).unwrap_or_default();
            self.merge = Some(Merge {
                line,
                swallowed,
                fields: fields_on_line(found, usize::MAX),
            });
        }
        Next::Record
    }

    /// The fields of one record from the cursor; leaves the cursor on the line end after it.
    fn fields(&mut self, fields: &mut Vec<Cow<'a, str>>) {
        let bytes = self.bytes();
        loop {
            let field = if bytes.get(self.cursor.pos) == Some(&b'"') {
                self.quoted()
            } else {
                let end = self.run_end(self.cursor.pos);
                let f = Cow::Borrowed(self.slice(self.cursor.pos, end));
                self.cursor.pos = end;
                f
            };
            fields.push(field);
            if self.more || self.cut.is_some() {
                return;
            }
            match bytes.get(self.cursor.pos) {
                Some(b',') if self.cursor.pos < self.limit => self.cursor.pos += 1,
                None => {
                    self.more = self.partial;
                    return;
                }
                _ => return, // a line end (consumed by the next call) or the limit
            }
        }
    }

    /// A quoted field starting at the opening quote; leaves the cursor on the byte after it.
    fn quoted(&mut self) -> Cow<'a, str> {
        let bytes = self.bytes();
        self.cursor.pos += 1;
        let mut start = self.cursor.pos;
        let mut owned: Option<String> = None;
        loop {
            let from = self.cursor.pos;
            let rest = bytes.get(from..self.limit).unwrap_or_default();
            let quote = memchr::memchr(b'"', rest).map(|i| from + i);
            if self.width > 1 {
                match self.swallowed(from, quote.unwrap_or(self.limit)) {
                    Swallowed::No => {}
                    Swallowed::More => {
                        self.more = true;
                        return Cow::Borrowed("");
                    }
                    Swallowed::At(cut, next_line) => {
                        self.cut = Some((cut, next_line));
                        return Cow::Borrowed("");
                    }
                }
            }
            let Some(q) = quote else {
                // Unclosed: the field runs to the end of the input.
                let tail = self.slice(start, self.limit);
                self.cursor.pos = self.limit;
                return join(owned, tail);
            };
            if q + 1 < self.limit && bytes.get(q + 1) == Some(&b'"') {
                // A doubled quote: keep one.
                owned
                    .get_or_insert_with(String::new)
                    .push_str(self.slice(start, q + 1));
                self.cursor.pos = q + 2;
                start = self.cursor.pos;
                continue;
            }
            let inside = self.slice(start, q);
            self.cursor.pos = q + 1;
            if self.cursor.pos >= self.limit {
                return join(owned, inside);
            }
            return match bytes.get(self.cursor.pos) {
                None | Some(b',' | b'\r' | b'\n') => join(owned, inside),
                Some(_) => {
                    // Text after the closing quote belongs to the field, quotes and all.
                    let end = self.run_end(self.cursor.pos);
                    let mut s = owned.unwrap_or_default();
                    s.push_str(inside);
                    s.push_str(self.slice(self.cursor.pos, end));
                    self.cursor.pos = end;
                    Cow::Owned(s)
                }
            };
        }
    }

    /// Whether a line end in `from..to` (inside a quoted field) is followed by a line that
    /// reads as a whole record: the line end to cut at and the start of that line.
    fn swallowed(&self, from: usize, to: usize) -> Swallowed {
        let bytes = self.bytes();
        let span = bytes.get(from..to).unwrap_or_default();
        for i in memchr::memchr2_iter(b'\r', b'\n', span) {
            let end = from + i;
            let next = if bytes.get(end) == Some(&b'\r') && bytes.get(end + 1) == Some(&b'\n') {
                end + 2
            } else if bytes.get(end) == Some(&b'\n')
                && end > 0
                && bytes.get(end - 1) == Some(&b'\r')
            {
                continue; // the second half of a CRLF already looked at
            } else {
                end + 1
            };
            let line_end = match line_end_from(bytes, next) {
                Some(e) => e,
                None if self.partial => return Swallowed::More,
                None => bytes.len(),
            };
            let line = bytes.get(next..line_end).unwrap_or_default();
            if is_a_row(line, self.width) {
                return Swallowed::At(end, next);
            }
        }
        Swallowed::No
    }
}

/// What [`Records::swallowed`] found.
enum Swallowed {
    No,
    /// The line after a line end is not all in the buffer yet.
    More,
    /// Cut at the line end (first) before the swallowed line (starting at the second).
    At(usize, usize),
}

/// Whether `line`, met inside a quoted field, is a row the quote swallowed: a line with no quote
/// and a whole row's worth of commas (read in the quote, it is all one text), or a line whose
/// first lone quote closes the field with text after it (which no CSV writer makes: the quote
/// belongs to a field of the row) and that reads on its own as a whole row. A line whose quotes
/// are all doubled, or that closes the field as a writer does, is text of the field.
fn is_a_row(line: &[u8], width: usize) -> bool {
    if !line.contains(&b'"') {
        return memchr::memchr_iter(b',', line).count() + 1 >= width;
    }
    closes_with_text_after(line) && fields_on_line(line, width) >= width
}

/// Whether the first lone quote of a line read inside a quoted field (doubled quotes are
/// escapes) is followed by text on the same line.
fn closes_with_text_after(line: &[u8]) -> bool {
    let mut i = 0;
    while let Some(q) = line.get(i..).and_then(|rest| memchr::memchr(b'"', rest)) {
        let q = i + q;
        match line.get(q + 1) {
            Some(b'"') => i = q + 2,
            None | Some(b',') => return false,
            Some(_) => return true,
        }
    }
    false
}

/// The next line end at or after `from`.
fn line_end_from(bytes: &[u8], from: usize) -> Option<usize> {
    let rest = bytes.get(from..).unwrap_or_default();
    memchr::memchr2(b'\r', b'\n', rest).map(|i| from + i)
}

/// How many fields one line holds read on its own, as the splitter reads them (counting stops
/// at `enough`).
fn fields_on_line(line: &[u8], enough: usize) -> usize {
    #[derive(Clone, Copy)]
    enum S {
        Start,
        Unquoted,
        Quoted,
        QuoteInQuoted,
    }
    let mut n = 1;
    let mut s = S::Start;
    for &b in line {
        s = match (s, b) {
            (S::Start, b'"') | (S::QuoteInQuoted, b'"') => S::Quoted,
            (S::Start | S::Unquoted | S::QuoteInQuoted, b',') => {
                n += 1;
                if n >= enough {
                    return n;
                }
                S::Start
            }
            (S::Start | S::Unquoted | S::QuoteInQuoted, _) => S::Unquoted,
            (S::Quoted, b'"') => S::QuoteInQuoted,
            (S::Quoted, _) => S::Quoted,
        };
    }
    n
}

fn join<'a>(owned: Option<String>, tail: &'a str) -> Cow<'a, str> {
    match owned {
        None => Cow::Borrowed(tail),
        Some(mut s) => {
            s.push_str(tail);
            Cow::Owned(s)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn split(text: &str) -> Vec<Vec<String>> {
        let mut r = Records::new(text);
        let mut fields = Vec::new();
        let mut out = Vec::new();
        while r.next_into(&mut fields) {
            out.push(fields.iter().map(|f| f.to_string()).collect());
        }
        out
    }

    fn csv_crate(text: &str) -> Vec<Vec<String>> {
        let mut rdr = csv::ReaderBuilder::new()
            .flexible(true)
            .has_headers(false)
            .from_reader(text.as_bytes());
        rdr.records()
            .map(|r| r.unwrap().iter().map(str::to_owned).collect())
            .collect()
    }

    /// The records of `text` read with a width, and the merges found (line, swallowed line).
    fn split_width(text: &str, width: usize) -> (Vec<Vec<String>>, Vec<(usize, usize)>) {
        let mut r = Records::new(text).with_width(width);
        let mut fields = Vec::new();
        let (mut out, mut merges) = (Vec::new(), Vec::new());
        while r.next_into(&mut fields) {
            out.push(fields.iter().map(|f| f.to_string()).collect());
            if let Some(m) = r.merge() {
                merges.push((m.line, m.swallowed));
            }
        }
        (out, merges)
    }

    #[test]
    fn a_stray_quote_is_cut_at_the_row_it_swallows() {
        // Row 2 opens a quote that row 4 closes: the csv crate reads rows 2-4 as one record.
        let text = "a,b,c\r1,\"x,y\r2,p,q\r3,r\",s\r4,t,u\r";
        assert_eq!(csv_crate(text).len(), 3);
        let (rows, merges) = split_width(text, 3);
        assert_eq!(merges, [(2, 3)]);
        assert_eq!(
            rows,
            [
                vec!["a", "b", "c"],
                vec!["1", "x,y"],
                vec!["2", "p", "q"],
                vec!["3", "r\"", "s"],
                vec!["4", "t", "u"],
            ]
        );
        // A quoted field over two lines whose second line is no whole row is one field.
        let (rows, merges) = split_width("a,b,c\n1,\"x\ny z\",3\n", 3);
        assert!(merges.is_empty());
        assert_eq!(rows[1], ["1", "x\ny z", "3"]);
        // Closed as a writer closes it, with the rest of the record after: one field, even
        // where the line would read as a whole row on its own.
        let (rows, merges) = split_width("a,b,c\n\"x\ny, z\",2,3\n", 3);
        assert!(merges.is_empty());
        assert_eq!(rows[1], ["x\ny, z", "2", "3"]);
        // A swallowed row with quoted fields of its own: its first quote closes the stray one,
        // with text after it.
        let text = "a,b,c\r1,\"x\r2,\"p,q\",r\r3,s,t\r";
        let (rows, merges) = split_width(text, 3);
        assert_eq!(csv_crate(text).len(), 3);
        assert_eq!(merges, [(2, 3)]);
        assert_eq!(rows[2], ["2", "p,q", "r"]);
        assert_eq!(rows.len(), 4);
        // An unclosed quote at the end: each row after it is read.
        let (rows, merges) = split_width("a,b\r\n\"1,2\r\n3,4\r\n5,6", 2);
        assert_eq!(merges, [(2, 3)]);
        assert_eq!(rows.len(), 4);
        assert_eq!(rows[1], ["1,2"]);
    }

    #[test]
    fn partial_buffers_read_as_the_whole() {
        let text = "\u{feff}a,b,c\r1,\"x,y\r2,p,q\r3,\"r\"\"\",s\r\n4,t,u";
        let whole = split_width(text, 3).0;
        for step in 1..8 {
            let mut got = Vec::new();
            let mut buf = String::new();
            let mut cursor = Cursor::start();
            let mut chars = text.chars().peekable();
            loop {
                let mut fields = Vec::new();
                for c in chars.by_ref().take(step) {
                    buf.push(c);
                }
                let done = chars.peek().is_none();
                let mut r = Records::resume(&buf, cursor, !done).with_width(3);
                while r.next_record(&mut fields) == Next::Record {
                    got.push(fields.iter().map(|f| f.to_string()).collect::<Vec<_>>());
                }
                let (used, next) = r.carry();
                drop(fields);
                buf.drain(..used);
                cursor = next;
                if done {
                    break;
                }
            }
            assert_eq!(got, whole, "step {step}");
        }
    }

    #[test]
    fn cases() {
        assert_eq!(
            split("a,\"b,\"\"c\"\"\",\r\r\n\"x\ny\"z,\"q"),
            vec![vec!["a", "b,\"c\"", ""], vec!["x\nyz", "q"],]
        );
        assert!(split("").is_empty());
        assert!(split("\r\n\n").is_empty());
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 2000, failure_persistence: None, ..ProptestConfig::default() })]
        #[test]
        fn same_as_the_csv_crate(text in "[a\",\r\n é]{0,40}") {
            prop_assert_eq!(split(&text), csv_crate(&text));
        }
    }
}
