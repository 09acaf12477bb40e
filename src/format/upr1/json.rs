//! The schema's JSON forms: a document `{"schema": "upr/1", "<key>": [...]}`, and JSON Lines
//! (one record per line, no envelope).
//!
//! Documents are written one record per line inside the array, so they diff well and stream.
//!
//! ```
//! use upr::{Recommendation, Session, State};
//! use upr::format::{Context, ReadOptions};
//! use upr::format::upr1::json;
//!
//! let recs = vec![Recommendation::new(State::PRK, Session::new(19)?, "Close all camps", "x".into())];
//! let mut out = Vec::new();
//! json::write_recommendations(&mut out, &recs)?;
//! let text = String::from_utf8(out.clone()).unwrap();
//! assert!(text.starts_with(r#"{"schema":"upr/1","recommendations":["#));
//! assert!(text.contains(r#"{"state_under_review":"PRK","recommending":[],"cycle":2,"session":19,"#));
//! let back = json::read_recommendations(&out[..], &ReadOptions::new(), &Context::new())?;
//! assert_eq!(back.records, recs);
//! # Ok::<(), upr::Error>(())
//! ```

use std::io::{Read, Write};
use std::path::Path;

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

use super::{RecommendationRecord, SCHEMA};
use crate::format::input::{CHUNK, TextInput};
use crate::format::json_items::{Envelope, JsonItems};
use crate::format::stream::Outbox;
use crate::format::{
    Context, Parsed, Problems, ReadOptions, ReadReport, RecordStream, create, open, read_text,
};
use crate::text::sub;
use crate::{Error, Location, Recommendation, Result};

/// The key recommendations sit under in a document.
pub const RECOMMENDATIONS_KEY: &str = "recommendations";

/// Writes `{"schema": "upr/1", "<key>": [...]}` with one record per line.
///
/// # Errors
/// [`Error::Json`] if a record cannot be serialized; [`Error::Io`] if the writer fails.
pub fn write_document<T: Serialize>(
    mut writer: impl Write,
    key: &str,
    rows: impl IntoIterator<Item = T>,
) -> Result<()> {
    write!(
        writer,
        "{{\"schema\":{},{}:[",
        serde_json::to_string(SCHEMA)?,
        serde_json::to_string(key)?
    )
    .map_err(Error::write_unnamed)?;
    for (i, row) in rows.into_iter().enumerate() {
        writer
            .write_all(if i == 0 { b"\n" } else { b",\n" })
            .map_err(Error::write_unnamed)?;
        serde_json::to_writer(&mut writer, &row)?;
    }
    writer.write_all(b"\n]}\n").map_err(Error::write_unnamed)?;
    writer.flush().map_err(Error::write_unnamed)?;
    Ok(())
}

/// Writes rows as JSON Lines: one compact JSON value per line.
///
/// # Errors
/// [`Error::Json`] if a record cannot be serialized; [`Error::Io`] if the writer fails.
pub fn write_lines<T: Serialize>(
    mut writer: impl Write,
    rows: impl IntoIterator<Item = T>,
) -> Result<()> {
    for row in rows {
        serde_json::to_writer(&mut writer, &row)?;
        writer.write_all(b"\n").map_err(Error::write_unnamed)?;
    }
    writer.flush().map_err(Error::write_unnamed)?;
    Ok(())
}

/// Writes recommendations as a `upr/1` JSON document (see [`super`]).
///
/// # Errors
/// As [`write_document`].
/// The recommendations may be borrowed or owned, as for
/// [`csv::write_recommendations`](super::csv::write_recommendations).
pub fn write_recommendations<I>(writer: impl Write, recommendations: I) -> Result<()>
where
    I: IntoIterator,
    I::Item: std::borrow::Borrow<Recommendation>,
{
    use std::borrow::Borrow;
    let records = recommendations.into_iter();
    write_document(
        writer,
        RECOMMENDATIONS_KEY,
        records.map(|r| RecommendationRecord::from(r.borrow())),
    )
}

/// Writes recommendations as a `upr/1` JSON document to a file, creating or truncating it.
///
/// # Errors
/// [`Error::Io`] naming the path, or as [`write_document`].
pub fn write_recommendations_path<'a>(
    path: impl AsRef<Path>,
    recommendations: impl IntoIterator<Item = &'a Recommendation>,
) -> Result<()> {
    write_recommendations(create(path.as_ref())?, recommendations)
}

/// Writes recommendations as JSON Lines of [`RecommendationRecord`]s.
///
/// # Errors
/// As [`write_lines`].
/// The recommendations may be borrowed or owned, as for
/// [`csv::write_recommendations`](super::csv::write_recommendations).
pub fn write_recommendation_lines<I>(writer: impl Write, recommendations: I) -> Result<()>
where
    I: IntoIterator,
    I::Item: std::borrow::Borrow<Recommendation>,
{
    use std::borrow::Borrow;
    let records = recommendations.into_iter();
    write_lines(
        writer,
        records.map(|r| RecommendationRecord::from(r.borrow())),
    )
}

/// Array item `n` of a document as a `T`, converted: `None` when it is skipped (reported).
fn document_item<T: DeserializeOwned, U>(
    key: &str,
    item: &Value,
    n: usize,
    problems: &mut Problems,
    convert: impl FnOnce(T) -> Result<U>,
) -> Result<Option<U>> {
    match T::deserialize(item).map_err(Error::from).and_then(convert) {
        Ok(v) => Ok(Some(v)),
        Err(e) => {
            let what = format!("a {SCHEMA} {key} record ({e})");
            problems.skip(Location::Record(n), what, &item.to_string())?;
            Ok(None)
        }
    }
}

/// The records of a `upr/1` JSON document, `{"schema": "upr/1", "<key>": [...]}`, one at a
/// time: the array is scanned to find where each record ends and each is read on its own, so
/// memory stays that of one buffer and one record however long the array. The report at the
/// end is the one [`read_document`] or [`read_recommendations`] returns (they are these streams,
/// collected), except that the encoding is told from the first MiB.
///
/// The schema is checked when its member is read; documents upr writes put it first. Records
/// found before it (another writer may order the members otherwise) are held until it is read,
/// so no record of a document of another schema is given.
///
/// ```
/// use upr::format::{ReadOptions, RecordStream};
/// use upr::format::upr1::json;
///
/// let doc = r#"{"schema": "upr/1", "recommendations": [
///   {"state_under_review": "PRK", "recommending": ["CAN"], "cycle": 2, "session": 19, "paragraph": "124.1",
///    "document": null, "text": "Close the camps", "source": "s", "responses": [], "labels": null},
///   {"state_under_review": "PRK", "cycle": 9}
/// ]}"#;
/// let mut records = json::recommendations(doc.as_bytes(), &ReadOptions::lenient());
/// let first = records.next().unwrap()?;
/// assert_eq!(first.text(), "Close the camps");
/// assert!(records.next().is_none());
/// assert_eq!(records.finish()?.skipped().count(), 1); // record 2
/// # Ok::<(), upr::Error>(())
/// ```
pub struct Document<R, T>(JsonItems<R, T>);

impl<R, T> std::fmt::Debug for Document<R, T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("upr1::json::Document")
            .field("records", &self.0.items())
            .finish_non_exhaustive()
    }
}

impl<R: Read, T> Iterator for Document<R, T> {
    type Item = Result<T>;

    fn next(&mut self) -> Option<Self::Item> {
        self.0.next()
    }
}

impl<R: Read, T> RecordStream for Document<R, T> {
    type Record = T;

    fn finish(&mut self) -> Result<ReadReport> {
        self.0.finish()
    }
}

fn document_over<R: Read, T: DeserializeOwned + 'static, U: 'static>(
    input: TextInput<R>,
    key: &str,
    options: &ReadOptions,
    convert: fn(T) -> Result<U>,
) -> Document<R, U> {
    let envelope = Envelope::Document {
        schema: SCHEMA,
        key: key.to_owned(),
    };
    let key = key.to_owned();
    Document(JsonItems::new(
        input,
        envelope,
        options,
        Box::new(move |item, n, problems| document_item(&key, &item, n, problems, convert)),
    ))
}

/// The records under `key` of a `upr/1` JSON document from any reader, one at a time
/// ([`Document`]).
pub fn document<R: Read, T: DeserializeOwned + 'static>(
    reader: R,
    key: &str,
    options: &ReadOptions,
) -> Document<R, T> {
    document_over(TextInput::new(reader, options), key, options, Ok)
}

/// The recommendations of a `upr/1` JSON document from any reader, one at a time
/// ([`Document`]; each record as [`read_recommendations`] reads it).
pub fn recommendations<R: Read>(reader: R, options: &ReadOptions) -> Document<R, Recommendation> {
    document_over(
        TextInput::new(reader, options),
        RECOMMENDATIONS_KEY,
        options,
        <Recommendation as TryFrom<RecommendationRecord>>::try_from,
    )
}

/// The recommendations of a `upr/1` JSON document file, one at a time ([`recommendations`]).
///
/// # Errors
/// [`Error::Io`] if the file cannot be opened.
pub fn recommendations_path(
    path: impl AsRef<Path>,
    options: &ReadOptions,
) -> Result<Document<std::io::BufReader<std::fs::File>, Recommendation>> {
    let (file, options) = open(path.as_ref(), options)?;
    Ok(recommendations(file, &options))
}

/// Reads a whole document: its stream ([`Document`]) over the decoded text, collected.
fn read_document_with<T: DeserializeOwned + 'static, U: 'static>(
    reader: impl Read,
    key: &str,
    options: &ReadOptions,
    convert: fn(T) -> Result<U>,
) -> Result<Parsed<U>> {
    let (text, used) = read_text(reader, options)?;
    document_over(
        TextInput::from_text(text, used, options),
        key,
        options,
        convert,
    )
    .collect_parsed()
}

/// Reads a document written by [`write_document`]: checks the schema and reads the records
/// under `key`.
///
/// # Errors
/// Input that is not JSON, not an object, has another schema or no `key` array (both modes);
/// in strict mode the first record that does not deserialize into `T`, with its 1-based record
/// number; an I/O or encoding failure.
pub fn read_document<T: DeserializeOwned + 'static>(
    reader: impl Read,
    key: &str,
    options: &ReadOptions,
) -> Result<Parsed<T>> {
    read_document_with(reader, key, options, Ok)
}

/// Reads a `upr/1` JSON document of recommendations back.
///
/// The context is not used: the schema carries everything a recommendation needs (it is taken
/// for the signature every format's `read_recommendations` shares).
///
/// # Errors
/// As [`read_document`]; a record whose cycle disagrees with its session or whose responses are
/// out of date order is a bad record.
pub fn read_recommendations(
    reader: impl Read,
    options: &ReadOptions,
    _context: &Context,
) -> Result<Parsed<Recommendation>> {
    read_document_with(
        reader,
        RECOMMENDATIONS_KEY,
        options,
        <Recommendation as TryFrom<RecommendationRecord>>::try_from,
    )
}

/// Reads a `upr/1` JSON document of recommendations from a file.
///
/// # Errors
/// As [`read_recommendations`], and [`Error::Io`] if the file cannot be opened.
pub fn read_recommendations_path(
    path: impl AsRef<Path>,
    options: &ReadOptions,
    context: &Context,
) -> Result<Parsed<Recommendation>> {
    let (file, options) = open(path.as_ref(), options)?;
    read_recommendations(file, &options, context)
}

fn read_lines_with<U>(
    reader: impl Read,
    options: &ReadOptions,
    parse: fn(&str) -> Result<U>,
) -> Result<Parsed<U>> {
    let (text, used) = read_text(reader, options)?;
    Lines::over(TextInput::from_text(text, used, options), options, parse).collect_parsed()
}

/// One line as a `T`.
fn parse_line<T: DeserializeOwned>(line: &str) -> Result<T> {
    serde_json::from_str::<T>(line).map_err(Error::from)
}

/// One line as a recommendation ([`RecommendationRecord`], converted).
fn parse_recommendation(line: &str) -> Result<Recommendation> {
    parse_line::<RecommendationRecord>(line).and_then(Recommendation::try_from)
}

/// JSON Lines read one line at a time, as the reader gives its bytes (memory stays that of one
/// buffer): the records and the report of [`read_lines`] or [`read_recommendation_lines`]
/// (which are these streams, collected), except that the encoding is told from the first MiB.
/// Blank lines are no records; a line that does not read is a skip line in lenient mode and the
/// stream's error in strict mode.
///
/// ```
/// use upr::format::{Context, ReadOptions, RecordStream};
/// use upr::format::upr1::json;
///
/// let text = "{\"a\": 1}\n\nnot json\n{\"a\": 3}\n";
/// let mut lines = json::lines::<_, serde_json::Value>(text.as_bytes(), &ReadOptions::lenient());
/// let values: Vec<_> = lines.by_ref().collect::<Result<_, _>>()?;
/// assert_eq!(values.len(), 2);
/// assert_eq!(lines.finish()?.skipped().count(), 1); // line 3
/// # Ok::<(), upr::Error>(())
/// ```
pub struct Lines<R, T> {
    input: TextInput<R>,
    /// Decoded text not yet split into lines, from `pos`.
    text: String,
    pos: usize,
    /// How many bytes from `pos` are known to hold no line end.
    seen: usize,
    /// The number of the last line split off.
    line: usize,
    parse: fn(&str) -> Result<T>,
    problems: Option<Problems>,
    out: Outbox<T>,
    done: bool,
    options: ReadOptions,
}

impl<R, T> std::fmt::Debug for Lines<R, T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "upr1::json::Lines {{ line: {} }}", self.line)
    }
}

/// Values of type `T`, one per line, from any reader ([`Lines`]).
pub fn lines<R: Read, T: DeserializeOwned>(reader: R, options: &ReadOptions) -> Lines<R, T> {
    Lines::over(TextInput::new(reader, options), options, parse_line::<T>)
}

/// Recommendations in JSON Lines from any reader, one at a time ([`Lines`]; each line as
/// [`read_recommendation_lines`] reads it).
pub fn recommendation_lines<R: Read>(reader: R, options: &ReadOptions) -> Lines<R, Recommendation> {
    Lines::over(
        TextInput::new(reader, options),
        options,
        parse_recommendation,
    )
}

/// Recommendations in a JSON Lines file, one at a time ([`recommendation_lines`]).
///
/// # Errors
/// [`Error::Io`] if the file cannot be opened.
pub fn recommendation_lines_path(
    path: impl AsRef<Path>,
    options: &ReadOptions,
) -> Result<Lines<std::io::BufReader<std::fs::File>, Recommendation>> {
    let (file, options) = open(path.as_ref(), options)?;
    Ok(recommendation_lines(file, &options))
}

impl<R: Read, T> Lines<R, T> {
    fn over(input: TextInput<R>, options: &ReadOptions, parse: fn(&str) -> Result<T>) -> Self {
        Lines {
            input,
            text: String::new(),
            pos: 0,
            seen: 0,
            line: 0,
            parse,
            problems: Some(Problems::new(options)),
            out: Outbox::new(),
            done: false,
            options: options.clone(),
        }
    }

    /// Reads lines until one gives a record or an error, or the input ends.
    fn step(&mut self) {
        while self.out.is_empty() && !self.done {
            let rest = self.text.get(self.pos..).unwrap_or_default();
            // A line longer than a buffer is not searched again from its start.
            let from = self.seen.min(rest.len());
            let end = memchr::memchr(b'\n', rest.as_bytes().get(from..).unwrap_or_default());
            let (line, next) = match end {
                // As `str::lines`: a line ends at LF, and a CR before it is dropped.
                Some(at) => {
                    let line = sub(rest, 0, from + at);
                    (
                        line.strip_suffix('\r').unwrap_or(line),
                        self.pos + from + at + 1,
                    )
                }
                None if self.input.is_done() => {
                    self.done = true;
                    if rest.is_empty() {
                        break;
                    }
                    (rest, self.text.len())
                }
                None => {
                    self.seen = rest.len();
                    self.text.drain(..self.pos);
                    self.pos = 0;
                    if let Err(e) = self.input.fill(&mut self.text, CHUNK) {
                        self.out.push(Err(e));
                        self.done = true;
                    }
                    continue;
                }
            };
            self.seen = 0;
            self.line += 1;
            if !line.trim().is_empty() {
                let read = match (self.parse)(line) {
                    Ok(v) => Ok(Some(v)),
                    Err(e) => self.problems.as_mut().map_or(Ok(None), |p| {
                        p.skip(
                            Location::Line(self.line),
                            format!("a JSON record ({e})"),
                            line,
                        )
                        .map(|()| None)
                    }),
                };
                match read {
                    Ok(Some(v)) => self.out.push(Ok(v)),
                    Ok(None) => {}
                    Err(e) => {
                        self.out.push(Err(e));
                        self.done = true;
                    }
                }
            }
            self.pos = next;
        }
    }
}

impl<R: Read, T> Iterator for Lines<R, T> {
    type Item = Result<T>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.out.is_empty() {
            self.step();
        }
        self.out.pop(self.options.name())
    }
}

impl<R: Read, T> RecordStream for Lines<R, T> {
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

/// Reads JSON Lines written by [`write_lines`]; blank lines are ignored.
///
/// # Errors
/// In strict mode the first line that does not deserialize into `T`, with its line number; an
/// I/O or encoding failure.
pub fn read_lines<T: DeserializeOwned>(
    reader: impl Read,
    options: &ReadOptions,
) -> Result<Parsed<T>> {
    read_lines_with(reader, options, parse_line::<T>)
}

/// Reads JSON Lines of [`RecommendationRecord`]s back into recommendations.
///
/// The context is not used: the schema carries everything a recommendation needs (it is taken
/// for the signature every format's `read_recommendations` shares).
///
/// # Errors
/// As [`read_lines`]; a record whose cycle disagrees with its session or whose responses are out
/// of date order is a bad line.
pub fn read_recommendation_lines(
    reader: impl Read,
    options: &ReadOptions,
    _context: &Context,
) -> Result<Parsed<Recommendation>> {
    read_lines_with(reader, options, parse_recommendation)
}

/// Reads JSON Lines of recommendations from a file (its path names it in errors unless the
/// options name it).
///
/// # Errors
/// As [`read_recommendation_lines`], and [`Error::Io`] if the file cannot be opened.
pub fn read_recommendation_lines_path(
    path: impl AsRef<Path>,
    options: &ReadOptions,
    context: &Context,
) -> Result<Parsed<Recommendation>> {
    let (file, options) = open(path.as_ref(), options)?;
    read_recommendation_lines(file, &options, context)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Session, State};

    fn recs() -> Vec<Recommendation> {
        vec![
            Recommendation::new(
                State::PRK,
                Session::new(6).unwrap(),
                "a\nb \"c\" é",
                "s".into(),
            ),
            Recommendation::new(State::PRK, Session::new(19).unwrap(), "d", "s".into())
                .with_reference("125.54".parse().unwrap()),
        ]
    }

    #[test]
    fn document_round_trips() {
        let mut out = Vec::new();
        write_recommendations(&mut out, recs()).unwrap();
        let text = String::from_utf8(out.clone()).unwrap();
        assert_eq!(text.lines().count(), 4, "{text}");
        assert!(text.ends_with("\n]}\n"));
        let back = read_recommendations(&out[..], &ReadOptions::new(), &Context::new()).unwrap();
        assert_eq!(back.records, recs());
        assert_eq!(back.report.records, 2);
    }

    #[test]
    fn empty_document_is_valid() {
        let mut out = Vec::new();
        write_recommendations(&mut out, &[]).unwrap();
        assert_eq!(
            String::from_utf8(out.clone()).unwrap(),
            "{\"schema\":\"upr/1\",\"recommendations\":[\n]}\n"
        );
        let back = read_recommendations(&out[..], &ReadOptions::new(), &Context::new()).unwrap();
        assert!(back.records.is_empty());
    }

    #[test]
    fn other_schema_is_refused() {
        let err = read_recommendations(
            &br#"{"schema":"upr/2","recommendations":[]}"#[..],
            &ReadOptions::lenient().with_name("r.json"),
            &Context::new(),
        )
        .unwrap_err();
        assert_eq!(
            err.to_string(),
            r#"r.json: input: expected schema "upr/1" (this version of upr reads upr/1 only), found "upr/2""#
        );
    }

    #[test]
    fn bad_record_strict_and_lenient() {
        let doc = br#"{"schema":"upr/1","recommendations":[
{"state_under_review":"PRK","recommending":[],"cycle":2,"session":6,"paragraph":null,"document":null,"text":"t","source":"s","responses":[],"labels":null}
]}"#;
        let err = read_recommendations(
            &doc[..],
            &ReadOptions::new().with_name("r.json"),
            &Context::new(),
        )
        .unwrap_err();
        assert_eq!(
            err.to_string(),
            r#"r.json: record 1: expected a upr/1 recommendations record (invalid cycle "2": session 6 belongs to cycle 1), found "{\"cycle\":2,\"document\":null,\"labels\":null,\"paragraph\":null,\"recommending\":[],\"responses\":[],\"session\":6,\"source\":\"s\",\"state_under_review\":\"PRK\",\"text\":\"t\"}""#
        );
        let p = read_recommendations(&doc[..], &ReadOptions::lenient(), &Context::new()).unwrap();
        assert!(p.records.is_empty());
        assert_eq!(p.report.skipped().count(), 1);
    }

    #[test]
    fn lines_round_trip() {
        let mut out = Vec::new();
        write_recommendation_lines(&mut out, recs()).unwrap();
        assert_eq!(String::from_utf8(out.clone()).unwrap().lines().count(), 2);
        let back =
            read_recommendation_lines(&out[..], &ReadOptions::new(), &Context::new()).unwrap();
        assert_eq!(back.records, recs());
        let err = read_recommendation_lines(
            &b"\n{}\n"[..],
            &ReadOptions::new().with_name("r.jsonl"),
            &Context::new(),
        )
        .unwrap_err();
        assert!(
            err.to_string()
                .starts_with("r.jsonl: line 2: expected a JSON record (json: missing field"),
            "{err}"
        );
    }

    #[test]
    fn document_and_lines_from_paths() {
        let dir = std::env::temp_dir();
        let doc = dir.join(format!("upr-upr1-{}.json", std::process::id()));
        let lines = dir.join(format!("upr-upr1-{}.jsonl", std::process::id()));
        write_recommendations_path(&doc, &recs()).unwrap();
        let mut out = Vec::new();
        write_recommendation_lines(&mut out, recs()).unwrap();
        std::fs::write(&lines, out).unwrap();
        let context = Context::new().with_session(Session::new(30).unwrap());
        let from_doc = read_recommendations_path(&doc, &ReadOptions::new(), &context);
        let from_lines = read_recommendation_lines_path(&lines, &ReadOptions::new(), &context);
        std::fs::remove_file(&doc).unwrap();
        std::fs::remove_file(&lines).unwrap();
        assert_eq!(
            from_doc.unwrap().records,
            recs(),
            "the context changes nothing"
        );
        let from_lines = from_lines.unwrap();
        assert_eq!(from_lines.records, recs());
        assert_eq!(from_lines.report.input, lines.display().to_string());
        let missing = read_recommendation_lines_path(&lines, &ReadOptions::new(), &context);
        assert!(matches!(missing, Err(Error::Io { .. })));
    }
}
