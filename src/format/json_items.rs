//! JSON arrays read one item at a time, so the array is never held: a top-level array (the UHRI
//! layout) or the array under one key of an object (a `upr/1` document,
//! `{"schema": "upr/1", "recommendations": [...]}`). The text is scanned (strings, escapes and
//! nesting tracked) to find where each item ends, and each item is parsed on its own (duplicate
//! keys refused, as [`json_value`](super::json_value) does) and handed to the format's reader.
//! The scan keeps its state across buffers, so an item longer than a buffer is scanned once.
//!
//! In a document the other members are read whole (they are small: the schema, say); a
//! duplicate member is an error, as in the whole-text readers. Records found before the
//! document's `"schema"` member are held until it is read (documents upr writes put it first,
//! so nothing is held for them).

use std::collections::HashSet;
use std::io::Read;

use serde_json::Value;

use super::input::{CHUNK, TextInput};
use super::stream::Outbox;
use super::{Problems, ReadOptions, ReadReport, RecordStream, excerpt, parse_error};
use crate::{Location, Result};

/// Reads array item `n` (1-based): the record, or `None` when it is skipped (reported).
pub(crate) type ReadItem<T> =
    Box<dyn FnMut(Value, usize, &mut Problems) -> Result<Option<T>> + Send>;

/// What holds the items.
#[derive(Debug, Clone)]
pub(crate) enum Envelope {
    /// The whole input is the array, of `what` (for messages: "UHRI records").
    Array { what: &'static str },
    /// An object `{"schema": <schema>, <key>: [...]}`, other members allowed.
    Document { schema: &'static str, key: String },
}

impl Envelope {
    /// What the input should be, for messages.
    fn shape(&self) -> String {
        match self {
            Envelope::Array { what } => format!("a JSON array of {what}"),
            Envelope::Document { schema, key } => {
                format!("a JSON document {{\"schema\": \"{schema}\", \"{key}\": [...]}}")
            }
        }
    }
}

/// Where the reader is.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Place {
    /// Before the `[` (an array) or the `{` (a document).
    Start,
    /// In a document, after `{` (`first`) or `,`: a member's key (or, first, the `}`) comes next.
    Key { first: bool },
    /// After a member's key: the `:` comes next.
    Colon { key: String },
    /// After the `:` of a member other than the items.
    Value { key: String },
    /// After a document's key for the items: the `[` comes next.
    Items,
    /// After `[` (`first`: nothing read yet) or after `,`: an item (or, first, the `]`) next.
    Item { first: bool },
    /// After an item: `,` or `]` comes next.
    After,
    /// In a document, after a member: `,` or `}` comes next.
    Member,
    /// After the array or the document: only spaces may follow.
    End,
    /// Done (or stopped at an error).
    Done,
}

/// How far a value has been scanned.
#[derive(Debug, Clone, Copy, Default)]
struct Scan {
    /// Offset (from the text not yet consumed) the scan has reached.
    at: usize,
    depth: usize,
    in_string: bool,
    escaped: bool,
}

/// The items of a JSON array, read one at a time by a format's [`ReadItem`].
pub(crate) struct JsonItems<R, T> {
    input: TextInput<R>,
    envelope: Envelope,
    /// Decoded text; what is not yet consumed starts at `pos`.
    text: String,
    /// Where the text not yet consumed starts. Consuming moves it on, and the consumed text is
    /// dropped only when more is read (once a buffer): dropping it item by item moved the rest
    /// of the buffer each time, which made the reader time the buffer size per item.
    pos: usize,
    /// The 1-based line `pos` is on.
    line: usize,
    place: Place,
    scan: Scan,
    read: ReadItem<T>,
    problems: Option<Problems>,
    /// Array items seen (the record numbers).
    n: usize,
    out: Outbox<T>,
    /// A document's members read so far, and whether its schema has been checked (records are
    /// held in `held` until then).
    members: HashSet<String>,
    schema_checked: bool,
    held: Vec<T>,
    options: ReadOptions,
    /// How much to decode at a time.
    buffer: usize,
}

impl<R, T> JsonItems<R, T> {
    /// Items seen so far.
    pub(crate) fn items(&self) -> usize {
        self.n
    }
}

impl<R: Read, T> JsonItems<R, T> {
    pub(crate) fn new(
        input: TextInput<R>,
        envelope: Envelope,
        options: &ReadOptions,
        read: ReadItem<T>,
    ) -> Self {
        let schema_checked = matches!(envelope, Envelope::Array { .. });
        JsonItems {
            input,
            envelope,
            text: String::new(),
            pos: 0,
            line: 1,
            place: Place::Start,
            scan: Scan::default(),
            read,
            problems: Some(Problems::new(options)),
            n: 0,
            out: Outbox::new(),
            members: HashSet::new(),
            schema_checked,
            held: Vec::new(),
            options: options.clone(),
            buffer: CHUNK,
        }
    }

    /// With buffers of `bytes` (tests read with tiny ones).
    #[cfg(test)]
    pub(crate) fn with_buffer(mut self, bytes: usize) -> Self {
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

    /// Stops with an error at `location`.
    fn fail_at(&mut self, location: Location, expected: &str, found: &str) {
        let e = parse_error(&self.options, location, expected, excerpt(found));
        self.out.push(Err(e));
        self.place = Place::Done;
    }

    /// Stops with an error at the current line, quoting what comes next.
    fn fail_here(&mut self, expected: &str) {
        let found: String = self.rest().chars().take(40).collect();
        self.fail_at(Location::Line(self.line), expected, &found);
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

    /// Reads until a record is ready, the input ends, or an error.
    fn step(&mut self) {
        while self.out.is_empty() && self.place != Place::Done {
            if self.scan.at == 0 {
                // (not inside a value being scanned: its offsets are kept)
                self.skip_spaces();
            }
            let Some(&b) = self.rest().as_bytes().first() else {
                if !self.more() && self.place != Place::Done {
                    self.at_the_end();
                }
                continue;
            };
            let document = matches!(self.envelope, Envelope::Document { .. });
            match (self.place.clone(), b) {
                (Place::Start, b'[') if !document => {
                    self.consume(1);
                    self.place = Place::Item { first: true };
                }
                (Place::Start, b'{') if document => {
                    self.consume(1);
                    self.place = Place::Key { first: true };
                }
                (Place::Start, _) => {
                    let found = excerpt(self.rest().trim());
                    let shape = self.envelope.shape();
                    self.fail_at(Location::Whole, &shape, &found);
                }
                (Place::Key { first: true }, b'}') | (Place::Member, b'}') => {
                    self.consume(1);
                    self.close_document();
                }
                (Place::Key { .. }, b'"') => self.key(),
                (Place::Key { .. }, _) => self.fail_here("a member's \"key\" in the document"),
                (Place::Colon { key }, b':') => {
                    self.consume(1);
                    let items =
                        matches!(&self.envelope, Envelope::Document { key: k, .. } if *k == key);
                    self.place = if items {
                        Place::Items
                    } else {
                        Place::Value { key }
                    };
                }
                (Place::Colon { key }, _) => {
                    self.fail_here(&format!("a : after the key \"{key}\""));
                }
                (Place::Value { key }, _) => self.member(&key),
                (Place::Items, b'[') => {
                    self.consume(1);
                    self.place = Place::Item { first: true };
                }
                (Place::Items, _) => {
                    let found = excerpt(self.rest().trim());
                    let shape = self.envelope.shape();
                    self.fail_at(Location::Line(self.line), &shape, &found);
                }
                (Place::Item { first: true }, b']') | (Place::After, b']') => {
                    self.consume(1);
                    self.place = if document { Place::Member } else { Place::End };
                }
                (Place::After, b',') => {
                    self.consume(1);
                    self.place = Place::Item { first: false };
                }
                (Place::Member, b',') => {
                    self.consume(1);
                    self.place = Place::Key { first: false };
                }
                (Place::After, _) => self.fail_here("a , or ] after an array item"),
                (Place::Member, _) => self.fail_here("a , or } after a member of the document"),
                (Place::End, _) => {
                    let what = if document {
                        "nothing after the document's }"
                    } else {
                        "nothing after the array's ]"
                    };
                    self.fail_here(what);
                }
                (Place::Item { .. }, _) => self.item(),
                (Place::Done, _) => {}
            }
        }
    }

    /// The input ended (outside a value being scanned).
    fn at_the_end(&mut self) {
        match (&self.place, &self.envelope) {
            (Place::End, _) => self.place = Place::Done,
            (Place::Start, _) => self.fail_at(Location::Line(self.line), "JSON", ""),
            (_, Envelope::Array { .. }) => {
                let expected = format!("{}, closed by ]", self.envelope.shape());
                self.fail_at(Location::Line(self.line), &expected, "the end");
            }
            (_, Envelope::Document { .. }) => {
                let expected = format!("{}, closed by }}", self.envelope.shape());
                self.fail_at(Location::Line(self.line), &expected, "the end");
            }
        }
    }

    /// Scans the value next; `None` until it ends (more is read), or when the input ends inside
    /// it (the error pushed). `Some(end)`: the value is the next `end` bytes.
    fn scan_value(&mut self) -> Option<usize> {
        // `rest()`, borrowing the text field alone, beside the scan state it updates.
        let rest = self.text.get(self.pos..).unwrap_or_default();
        if let Some(end) = scan(rest.as_bytes(), &mut self.scan) {
            self.scan = Scan::default();
            return Some(end);
        }
        if !self.more() {
            // The input ends inside the value: the JSON parser says where and how.
            match super::json_value::parse(self.rest()) {
                Err(e) => self.json_error(&e),
                Ok(_) => self.at_the_end(),
            }
        }
        None
    }

    /// Stops at a JSON syntax error in the value at the start of the text not yet consumed.
    fn json_error(&mut self, e: &serde_json::Error) {
        let line = self.line + e.line().max(1) - 1;
        self.fail_at(Location::Line(line), "JSON", &what(e));
    }

    /// Parses the next `end` bytes as one JSON value.
    fn parse(&mut self, end: usize) -> Option<Value> {
        match super::json_value::parse(self.rest().get(..end).unwrap_or_default()) {
            Ok(v) => Some(v),
            Err(e) => {
                self.json_error(&e);
                None
            }
        }
    }

    /// Reads a document member's key.
    fn key(&mut self) {
        let Some(end) = self.scan_value() else {
            return;
        };
        let key = match self.parse(end) {
            Some(Value::String(key)) => key,
            // (a value scanned from a `"` is a string or no JSON)
            Some(other) => {
                let shape = self.envelope.shape();
                return self.fail_at(Location::Line(self.line), &shape, &other.to_string());
            }
            None => return,
        };
        if !self.members.insert(key.clone()) {
            let shape = self.envelope.shape();
            self.fail_at(
                Location::Line(self.line),
                &shape,
                &format!("duplicate key \"{key}\""),
            );
            return;
        }
        self.consume(end);
        self.place = Place::Colon { key };
    }

    /// Reads a document member other than the items; checks the schema.
    fn member(&mut self, key: &str) {
        let Some(end) = self.scan_value() else {
            return;
        };
        let Some(value) = self.parse(end) else {
            return;
        };
        if let (Envelope::Document { schema, .. }, "schema") = (&self.envelope, key) {
            let schema = *schema;
            if value.as_str() != Some(schema) {
                let found = match &value {
                    Value::String(s) => s.clone(),
                    v => v.to_string(),
                };
                let expected =
                    format!("schema \"{schema}\" (this version of upr reads {schema} only)");
                self.fail_at(Location::Whole, &expected, &found);
                return;
            }
            self.schema_checked = true;
            for r in self.held.drain(..) {
                self.out.push(Ok(r));
            }
        }
        self.consume(end);
        self.place = Place::Member;
    }

    /// The document's `}`: its schema and items must have been read.
    fn close_document(&mut self) {
        let Envelope::Document { key, .. } = &self.envelope else {
            return;
        };
        let missing = if !self.members.contains("schema") {
            "no \"schema\" key".to_owned()
        } else if !self.members.contains(key) {
            format!("no \"{key}\" array")
        } else {
            self.place = Place::End;
            return;
        };
        let shape = self.envelope.shape();
        self.fail_at(Location::Whole, &shape, &missing);
    }

    /// Scans the item next; once it ends, reads it.
    fn item(&mut self) {
        let Some(end) = self.scan_value() else {
            return;
        };
        self.n += 1;
        let Some(value) = self.parse(end) else {
            return;
        };
        if let Some(problems) = self.problems.as_mut() {
            match (self.read)(value, self.n, problems) {
                Ok(Some(r)) if self.schema_checked => self.out.push(Ok(r)),
                Ok(Some(r)) => self.held.push(r),
                Ok(None) => {}
                Err(e) => {
                    self.out.push(Err(e));
                    self.place = Place::Done;
                    return;
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

/// What the JSON parser found, without its position (that is the value's, not the input's: the
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

impl<R: Read, T> Iterator for JsonItems<R, T> {
    type Item = Result<T>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.out.is_empty() {
            self.step();
        }
        self.out.pop(self.options.name())
    }
}

impl<R: Read, T> RecordStream for JsonItems<R, T> {
    type Record = T;

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

    /// Numbers as records; anything else skipped.
    fn numbers(v: Value, n: usize, problems: &mut Problems) -> Result<Option<u64>> {
        match v.as_u64() {
            Some(x) => Ok(Some(x)),
            None => {
                problems.skip(Location::Record(n), "a number", &v.to_string())?;
                Ok(None)
            }
        }
    }

    fn read(text: &str, buffer: usize, options: &ReadOptions) -> Result<Parsed<u64>> {
        let envelope = Envelope::Document {
            schema: "t/1",
            key: "items".into(),
        };
        JsonItems::new(
            TextInput::new(text.as_bytes(), options),
            envelope,
            options,
            Box::new(numbers),
        )
        .with_buffer(buffer)
        .collect_parsed()
    }

    const DOC: &str = "\u{feff}{ \"note\" : {\"a\": [1, \"]}\"]}, \"items\":\r\n[1, \"x\",\n 22 ,\
        [3]], \"schema\":\"t/1\" , \"n\": 12.5e3 }\n";

    #[test]
    fn documents_read_at_every_buffer_size_as_in_one_buffer() {
        let options = ReadOptions::lenient();
        let whole = read(DOC, 1 << 20, &options).unwrap();
        assert_eq!(whole.records, [1, 22], "{}", whole.report);
        assert_eq!(whole.report.skipped().count(), 2, "{}", whole.report);
        for buffer in 1..40 {
            let got = read(DOC, buffer, &options).unwrap();
            assert_eq!(got.records, whole.records, "buffer {buffer}");
            assert_eq!(got.report, whole.report, "buffer {buffer}");
        }
    }

    #[test]
    fn records_before_the_schema_wait_for_it() {
        let text = "{\"items\": [1, 2], \"schema\": \"t/1\"}";
        let mut items = JsonItems::new(
            TextInput::new(text.as_bytes(), &ReadOptions::new()),
            Envelope::Document {
                schema: "t/1",
                key: "items".into(),
            },
            &ReadOptions::new(),
            Box::new(numbers),
        )
        .with_buffer(4);
        assert_eq!(items.next().unwrap().unwrap(), 1);
        // both items were read before the schema was
        assert_eq!(items.items(), 2);
        assert_eq!(items.next().unwrap().unwrap(), 2);
        assert!(items.next().is_none());
        // a wrong schema after the items: none of them is given
        let text = "{\"items\": [1, 2], \"schema\": \"t/2\"}";
        let e = read(text, 4, &ReadOptions::new()).unwrap_err().to_string();
        assert!(e.contains("expected schema \"t/1\""), "{e}");
    }

    #[test]
    fn broken_documents_are_errors_with_their_line() {
        let shape = "expected a JSON document {\"schema\": \"t/1\", \"items\": [...]}";
        let cases = [
            ("", "line 1: expected JSON".to_owned()),
            ("[1]", format!("input: {shape}, found \"[1]\"")),
            (
                "{}",
                format!("input: {shape}, found \"no \\\"schema\\\" key\""),
            ),
            (
                "{\"schema\": \"t/1\"}",
                format!("input: {shape}, found \"no \\\"items\\\" array\""),
            ),
            (
                "{\"schema\": \"t/1\", \"items\": 3}",
                format!("line 1: {shape}, found \"3}}\""),
            ),
            (
                "{\"schema\": \"t/1\",\n \"schema\": \"t/1\", \"items\": []}",
                format!("line 2: {shape}, found \"duplicate key \\\"schema\\\"\""),
            ),
            (
                "{\"schema\": \"t/1\"\n \"items\": []}",
                "line 2: expected a , or } after a member of the document".to_owned(),
            ),
            (
                "{\"schema\": \"t/1\", \"items\": [1\n 2]}",
                "line 2: expected a , or ] after an array item".to_owned(),
            ),
            (
                "{\"schema\": \"t/1\", \"items\": []} x",
                "line 1: expected nothing after the document's }".to_owned(),
            ),
            (
                "{\"schema\": \"t/1\", \"items\": [\n1,\n",
                "line 3: expected a JSON document".to_owned(),
            ),
            (
                "{\"schema\": \"t/1\", \"items\": [\n{\"a\": 1,\n",
                "line 3: expected JSON, found \"EOF while parsing".to_owned(),
            ),
            (
                "{\"schema\" 1}",
                "line 1: expected a : after the key \"schema\"".to_owned(),
            ),
            (
                "{1: 2}",
                "line 1: expected a member's \"key\" in the document".to_owned(),
            ),
            (
                "{\"schema\": \"t/2\", \"items\": []}",
                "input: expected schema \"t/1\"".to_owned(),
            ),
        ];
        for (text, message) in cases {
            for buffer in [1, 3, 1 << 20] {
                let e = read(text, buffer, &ReadOptions::lenient())
                    .unwrap_err()
                    .to_string();
                assert!(e.contains(&message), "{text:?} by {buffer}: {e}");
            }
        }
    }
}
