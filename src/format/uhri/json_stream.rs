//! The UHRI JSON layout read one array item at a time: the whole UHRI export is hundreds of MB
//! of JSON, so the array is never held. The top-level array is scanned (strings, escapes and
//! nesting tracked) to find where each item ends, and each item is parsed on its own (duplicate
//! keys refused, as [`json_value`](crate::format::json_value) does) and read as the whole-text
//! reader reads it. The scan keeps its state across buffers, so an item longer than a buffer
//! is scanned once.

use std::io::Read;

use super::UhriRecord;
use super::json::read_item;
use crate::format::input::{CHUNK, TextInput};
use crate::format::stream::Outbox;
use crate::format::{Problems, ReadOptions, ReadReport, RecordStream, excerpt, parse_error};
use crate::{Location, Result};

/// Where the reader is in the top-level array.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Place {
    /// Before the `[`.
    Start,
    /// After `[` (nothing read yet) or after `,`: an item (or, after `[`, the `]`) comes next.
    Item { first: bool },
    /// After an item: `,` or `]` comes next.
    After,
    /// After the `]`: only spaces may follow.
    End,
    /// Done (or stopped at an error).
    Done,
}

/// How far an item has been scanned.
#[derive(Debug, Clone, Copy, Default)]
struct Scan {
    /// Offset (in the buffer) the scan has reached.
    at: usize,
    depth: usize,
    in_string: bool,
    escaped: bool,
}

/// UHRI records read from the JSON layout one array item at a time: the top-level array is
/// scanned to find where each item ends, and each item is parsed on its own. The report at the end is the one [`read_json`](super::read_json)
/// returns.
pub struct JsonRecords<R> {
    input: TextInput<R>,
    /// Decoded text; what is not yet consumed starts at `pos`.
    text: String,
    /// Where the text not yet consumed starts. Consuming moves it on, and the consumed text is
    /// dropped only when more is read (once a buffer): dropping it item by item moved the rest
    /// of the buffer each time, which made the reader time the buffer size per item.
    pos: usize,
    /// The 1-based line `text` starts on.
    line: usize,
    place: Place,
    scan: Scan,
    problems: Option<Problems>,
    /// Array items seen (the record numbers).
    n: usize,
    out: Outbox<UhriRecord>,
    options: ReadOptions,
    /// How much to decode at a time.
    buffer: usize,
}

impl<R> std::fmt::Debug for JsonRecords<R> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("uhri::JsonRecords")
            .field("records", &self.n)
            .finish_non_exhaustive()
    }
}

impl<R: Read> JsonRecords<R> {
    pub(super) fn new(input: TextInput<R>, options: &ReadOptions) -> Self {
        JsonRecords {
            input,
            text: String::new(),
            pos: 0,
            line: 1,
            place: Place::Start,
            scan: Scan::default(),
            problems: Some(Problems::new(options)),
            n: 0,
            out: Outbox::new(),
            options: options.clone(),
            buffer: CHUNK,
        }
    }

    /// With buffers of `bytes` (tests read with tiny ones).
    #[cfg(test)]
    fn with_buffer(mut self, bytes: usize) -> Self {
        self.buffer = bytes.max(1);
        self
    }

    /// The text not yet consumed.
    fn rest(&self) -> &str {
        self.text.get(self.pos..).unwrap_or_default()
    }

    /// Consumes the next `n` bytes, counting their lines.
    fn consume(&mut self, n: usize) {
        let gone = self.rest().get(..n).unwrap_or_default();
        self.line += line_ends(gone.as_bytes());
        self.pos = (self.pos + n).min(self.text.len());
    }

    /// Consumes the spaces next.
    fn skip_spaces(&mut self) {
        let rest = self.rest();
        let n = rest.len() - rest.trim_start().len();
        self.consume(n);
    }

    fn fail(&mut self, expected: &str, found: &str) {
        let e = parse_error(
            &self.options,
            Location::Line(self.line),
            expected,
            excerpt(found),
        );
        self.out.push(Err(e));
        self.place = Place::Done;
    }

    /// Reads more of the input (`false`: there is none).
    fn more(&mut self) -> bool {
        if self.input.is_done() {
            return false;
        }
        // The consumed text goes now, once a buffer (the scan's offsets are from `pos`).
        self.text.drain(..self.pos);
        self.pos = 0;
        let want = self.buffer.max(self.text.len());
        if let Err(e) = self.input.fill(&mut self.text, want) {
            self.out.push(Err(e));
            self.place = Place::Done;
            return false;
        }
        true
    }

    /// Reads until a record is ready, the array ends, or an error.
    fn step(&mut self) {
        while self.out.is_empty() && self.place != Place::Done {
            if self.scan.at == 0 {
                // (not inside an item being scanned: its offsets are kept)
                self.skip_spaces();
            }
            let Some(&b) = self.rest().as_bytes().first() else {
                if !self.more() && self.place != Place::Done {
                    match self.place {
                        Place::End => self.place = Place::Done,
                        Place::Start => self.fail("JSON", ""),
                        _ => self.fail("a JSON array of UHRI records, closed by ]", "the end"),
                    }
                }
                continue;
            };
            match (self.place, b) {
                (Place::Start, b'[') => {
                    self.consume(1);
                    self.place = Place::Item { first: true };
                }
                (Place::Start, _) => {
                    let found = excerpt(self.rest().trim());
                    let e = parse_error(
                        &self.options,
                        Location::Whole,
                        "a JSON array of UHRI records",
                        found,
                    );
                    self.out.push(Err(e));
                    self.place = Place::Done;
                }
                (Place::Item { first: true }, b']') | (Place::After, b']') => {
                    self.consume(1);
                    self.place = Place::End;
                }
                (Place::After, b',') => {
                    self.consume(1);
                    self.place = Place::Item { first: false };
                }
                (Place::After, _) | (Place::End, _) => {
                    let found: String = self.rest().chars().take(40).collect();
                    let expected = if self.place == Place::End {
                        "nothing after the array's ]"
                    } else {
                        "a , or ] after an array item"
                    };
                    self.fail(expected, &found);
                }
                (Place::Item { .. }, _) => self.item(),
                (Place::Done, _) => {}
            }
        }
    }

    /// Scans the item at the start of the buffer; once it ends, reads it.
    fn item(&mut self) {
        // `rest()`, borrowing the text field alone, beside the scan state it updates.
        let rest = self.text.get(self.pos..).unwrap_or_default();
        let Some(end) = scan(rest.as_bytes(), &mut self.scan) else {
            if !self.more() {
                // The input ends inside the item: the JSON parser says where and how.
                match crate::format::json_value::parse(self.rest()) {
                    Err(e) => {
                        let line = self.line + e.line().max(1) - 1;
                        let e = parse_error(&self.options, Location::Line(line), "JSON", what(&e));
                        self.out.push(Err(e));
                        self.place = Place::Done;
                    }
                    Ok(_) => self.fail("a JSON array of UHRI records, closed by ]", "the end"),
                }
            }
            return;
        };
        self.scan = Scan::default();
        self.n += 1;
        let n = self.n;
        let value = crate::format::json_value::parse(self.rest().get(..end).unwrap_or_default());
        match value {
            Err(e) => {
                let line = self.line + e.line().max(1) - 1;
                let e = parse_error(&self.options, Location::Line(line), "JSON", what(&e));
                self.out.push(Err(e));
                self.place = Place::Done;
                return;
            }
            Ok(v) => {
                if let Some(problems) = self.problems.as_mut() {
                    match read_item(&v, n, problems) {
                        Ok(Some(r)) => self.out.push(Ok(r)),
                        Ok(None) => {}
                        Err(e) => {
                            self.out.push(Err(e));
                            self.place = Place::Done;
                            return;
                        }
                    }
                }
            }
        }
        self.consume(end);
        self.place = Place::After;
    }
}

/// Scans one JSON value from `bytes[scan.at..]` on: the offset just after it, or `None` if the
/// buffer ends first (the scan state is kept, to go on from there).
fn scan(bytes: &[u8], scan: &mut Scan) -> Option<usize> {
    while let Some(&b) = bytes.get(scan.at) {
        let i = scan.at;
        scan.at += 1;
        if scan.in_string {
            if scan.escaped {
                scan.escaped = false;
            } else if b == b'\\' {
                scan.escaped = true;
            } else if b == b'"' {
                scan.in_string = false;
                if scan.depth == 0 {
                    return Some(i + 1);
                }
            }
            continue;
        }
        match b {
            b'"' => scan.in_string = true,
            b'{' | b'[' => scan.depth += 1,
            b'}' | b']' if scan.depth == 0 => return Some(i),
            b'}' | b']' => {
                scan.depth -= 1;
                if scan.depth == 0 {
                    return Some(i + 1);
                }
            }
            b',' if scan.depth == 0 => return Some(i),
            b if scan.depth == 0 && b.is_ascii_whitespace() => return Some(i),
            _ => {}
        }
    }
    None
}

/// What the JSON parser found, without its position (that is the item's, not the input's: the
/// error's location gives the input's line).
fn what(e: &serde_json::Error) -> String {
    let text = e.to_string();
    let suffix = format!(" at line {} column {}", e.line(), e.column());
    text.strip_suffix(&suffix)
        .map_or(text.clone(), str::to_owned)
}

/// LF, CRLF and lone CR line ends in `bytes`.
fn line_ends(bytes: &[u8]) -> usize {
    let lf = memchr::memchr_iter(b'\n', bytes).count();
    let cr = memchr::memchr_iter(b'\r', bytes)
        .filter(|&i| bytes.get(i + 1) != Some(&b'\n'))
        .count();
    lf + cr
}

impl<R: Read> Iterator for JsonRecords<R> {
    type Item = Result<UhriRecord>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.out.is_empty() {
            self.step();
        }
        self.out.pop(self.options.name())
    }
}

impl<R: Read> RecordStream for JsonRecords<R> {
    type Record = UhriRecord;

    fn finish(&mut self) -> Result<ReadReport> {
        if let Some(settled) = self.out.settled(self.options.name()) {
            return settled;
        }
        for r in self.by_ref() {
            r?;
        }
        let problems = self.problems.take();
        Ok(self
            .out
            .settle(problems, self.input.decoded(), &self.options))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::format::Parsed;

    const JSON: &str = "\u{feff} [\r\n {\"Text\": \"Ratify the \\\"OP\\\" [x] {y}, now (Chile)\",\n \
        \"UprRecommendingCountry\": [\"Chile\"], \"UprPositions\": \"Supported\"} ,\n\
        {\"Text\": \"Close camps (Canada)\", \"UprRecommendingCountry\": \"Canada\",\
        \"UprPositions\": [\"Noted\"], \"Themes\": {\"bad\": 1}},\n\
        7, {\"Text\": \"Abolish it (Norway)\", \"UprRecommendingCountry\": \"Norway\"}\n]\n";

    fn read(text: &str, buffer: usize, options: &ReadOptions) -> Result<Parsed<UhriRecord>> {
        let input = TextInput::new(text.as_bytes(), options);
        JsonRecords::new(input, options)
            .with_buffer(buffer)
            .collect_parsed()
    }

    #[test]
    fn every_buffer_size_reads_as_one_buffer() {
        let options = ReadOptions::lenient();
        let whole = read(JSON, 1 << 20, &options).unwrap();
        assert_eq!(whole.records.len(), 3, "{}", whole.report);
        // The number is skipped, the object in Themes repaired.
        assert_eq!(whole.report.skipped().count(), 1, "{}", whole.report);
        assert_eq!(whole.records[0].text, "Ratify the \"OP\" [x] {y}, now");
        for buffer in 1..60 {
            let got = read(JSON, buffer, &options).unwrap();
            assert_eq!(got.records, whole.records, "buffer {buffer}");
            assert_eq!(got.report, whole.report, "buffer {buffer}");
        }
    }

    #[test]
    fn broken_arrays_are_errors_with_their_line() {
        let cases = [
            ("", "expected JSON"),
            ("{}", "input: expected a JSON array of UHRI records"),
            (
                "[{\"Text\": \"a\"}\n{\"Text\": \"b\"}]",
                "line 2: expected a , or ] after an array item",
            ),
            (
                "[{\"Text\": \"a\"}] x",
                "line 1: expected nothing after the array's ]",
            ),
            (
                "[\n{\"Text\": \"a\",\n",
                "line 3: expected JSON, found \"EOF while parsing",
            ),
            (
                "[\n\n{\"Text\": \"a\", \"Text\": \"b\"}]",
                "line 3: expected JSON, found \"duplicate key",
            ),
        ];
        for (text, message) in cases {
            for buffer in [1, 3, 1 << 20] {
                let e = read(text, buffer, &ReadOptions::lenient())
                    .unwrap_err()
                    .to_string();
                assert!(e.contains(message), "{text:?} by {buffer}: {e}");
            }
        }
    }
}
