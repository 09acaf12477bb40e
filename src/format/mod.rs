//! Readers for the shapes UPR data comes in, with strict and lenient modes.
//!
//! Every reader takes [`ReadOptions`] (mode, encoding, input name) and returns [`Parsed`]: the
//! records it read plus a [`ReadReport`] that lists every record it skipped or repaired, and why.
//! In [`Mode::Strict`] the first record that would be skipped is an error instead, carrying the
//! input name, the line or record number, and what was expected.

use serde::{Deserialize, Serialize};

use crate::{Encoding, Error, Location, ParseError, Result};
use encoding::Decoded;

pub use any::{AnyRecommendations, recommendations_path};
pub use detect::Format;
pub use read_ahead::ReadAhead;
pub use stream::{FromParsed, RecordStream};

pub mod addendum;
mod any;
mod csv_stream;
mod csv_text;
mod detect;
#[cfg(feature = "docx")]
pub(crate) mod docx;
pub mod encoding;
mod flat;
mod input;
mod json_items;
mod json_value;
pub mod ohchr_matrix;
pub mod position_paper;
mod read_ahead;
pub mod session_report;
pub(crate) mod states;
mod stream;
pub mod uhri;
pub mod upr1;
pub mod upr_info;
pub mod wg_report;

/// How a reader treats a record it cannot read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Mode {
    /// The first unreadable record is an error.
    #[default]
    Strict,
    /// Unreadable records are skipped and listed in the [`ReadReport`].
    Lenient,
}

/// Options every reader takes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadOptions {
    mode: Mode,
    encoding: Encoding,
    name: String,
}

impl Default for ReadOptions {
    fn default() -> Self {
        ReadOptions {
            mode: Mode::Strict,
            encoding: Encoding::Auto,
            name: "<input>".into(),
        }
    }
}

impl ReadOptions {
    /// Strict mode, automatic encoding, input named `<input>`.
    pub fn new() -> Self {
        Self::default()
    }

    /// Lenient mode.
    pub fn lenient() -> Self {
        Self::default().with_mode(Mode::Lenient)
    }

    /// Sets the mode.
    pub fn with_mode(mut self, mode: Mode) -> Self {
        self.mode = mode;
        self
    }

    /// Sets the encoding (default [`Encoding::Auto`]).
    pub fn with_encoding(mut self, encoding: Encoding) -> Self {
        self.encoding = encoding;
        self
    }

    /// Names the input in errors and reports (e.g. its path).
    pub fn with_name(mut self, name: impl Into<String>) -> Self {
        self.name = name.into();
        self
    }

    /// The mode.
    pub fn mode(&self) -> Mode {
        self.mode
    }

    /// The encoding asked for.
    pub fn encoding(&self) -> Encoding {
        self.encoding
    }

    /// The input's name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// These options, named after `path` unless a name was set.
    pub fn named_after(&self, path: &std::path::Path) -> ReadOptions {
        if self.name == "<input>" {
            self.clone().with_name(path.display().to_string())
        } else {
            self.clone()
        }
    }
}

/// What a source does not say but a [`Recommendation`](crate::Recommendation) needs: the
/// caller supplies it to a format's `read_recommendations`.
///
/// ```
/// use upr::format::Context;
/// use upr::Session;
///
/// // UHRI gives the Council's session, not the Working Group's, and no date for positions.
/// let context = Context::new()
///     .with_session(Session::new(20)?)
///     .with_position_date(chrono::NaiveDate::from_ymd_opt(2015, 3, 20).unwrap());
/// assert_eq!(context.session().map(|s| s.number()), Some(20));
/// # Ok::<(), upr::Error>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Context {
    state_under_review: Option<crate::State>,
    session: Option<crate::Session>,
    position_date: Option<chrono::NaiveDate>,
}

impl Context {
    /// Nothing known beyond the source.
    pub fn new() -> Self {
        Self::default()
    }

    /// The Working Group session of the review (needed where the source gives only the
    /// Council's session, as UHRI does).
    pub fn with_session(mut self, session: crate::Session) -> Self {
        self.session = Some(session);
        self
    }

    /// The day the State's positions were made public, for sources that give positions
    /// without a date (UHRI, OHCHR matrices, the UPR Info export). Without it their positions
    /// are [undated events](crate::ResponseEvent#undated-events).
    pub fn with_position_date(mut self, date: chrono::NaiveDate) -> Self {
        self.position_date = Some(date);
        self
    }

    /// The State under review, for sources that do not name it (a matrix whose header gives
    /// no session, UHRI's JSON layout).
    pub fn with_state_under_review(mut self, state: crate::State) -> Self {
        self.state_under_review = Some(state);
        self
    }

    /// The State under review, if given.
    pub fn state_under_review(&self) -> Option<crate::State> {
        self.state_under_review
    }

    /// The Working Group session, if given.
    pub fn session(&self) -> Option<crate::Session> {
        self.session
    }

    /// The day positions were made public, if given.
    pub fn position_date(&self) -> Option<chrono::NaiveDate> {
        self.position_date
    }
}

/// Opens a file for a reader, with an error naming the path, and the options named after it.
pub(crate) fn open(
    path: &std::path::Path,
    options: &ReadOptions,
) -> Result<(std::io::BufReader<std::fs::File>, ReadOptions)> {
    let file = std::fs::File::open(path).map_err(|e| Error::read(path, e))?;
    Ok((std::io::BufReader::new(file), options.named_after(path)))
}

/// Creates (or truncates) a file for a writer, with an error naming the path.
pub(crate) fn create(path: &std::path::Path) -> Result<std::io::BufWriter<std::fs::File>> {
    let file = std::fs::File::create(path).map_err(|e| Error::write(path, e))?;
    Ok(std::io::BufWriter::new(file))
}

/// What a reader did with a problem record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    /// The record was left out.
    Skipped,
    /// The record was kept after a repair (the reason says what was changed).
    Repaired,
    /// The record was merged into another one (the reason names it): the rows of one joint
    /// recommendation in UPR Info's export, one per co-author, become one recommendation.
    Merged,
}

/// One skipped or repaired record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Problem {
    /// Where.
    pub location: Location,
    /// Skipped or repaired.
    pub action: Action,
    /// What was expected, or what was repaired.
    pub reason: String,
    /// The offending text (possibly shortened).
    pub found: String,
}

/// What a reader read and what it passed over.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReadReport {
    /// The input's name.
    pub input: String,
    /// The encoding used.
    pub encoding: Encoding,
    /// Why that encoding: `asked for`, `valid UTF-8`, `UTF-16LE byte-order mark`, or the
    /// evidence of detection (see [`encoding`]).
    #[serde(default)]
    pub encoding_reason: String,
    /// Records kept.
    pub records: usize,
    /// Every skipped or repaired record.
    pub problems: Vec<Problem>,
}

impl ReadReport {
    /// Records skipped.
    pub fn skipped(&self) -> impl Iterator<Item = &Problem> {
        self.problems.iter().filter(|p| p.action == Action::Skipped)
    }

    /// Records repaired.
    pub fn repaired(&self) -> impl Iterator<Item = &Problem> {
        self.problems
            .iter()
            .filter(|p| p.action == Action::Repaired)
    }

    /// Records merged into another.
    pub fn merged(&self) -> impl Iterator<Item = &Problem> {
        self.problems.iter().filter(|p| p.action == Action::Merged)
    }
}

/// The summary line, the encoding line, then one line per problem:
///
/// ```text
/// sessions-6-9.csv: 8343 records kept, 0 skipped, 1 repaired
/// sessions-6-9.csv: encoding mac-roman (not UTF-8 (...); its 8 high bytes read as Mac OS Roman score 21, as Windows-1252 -6; CR-only line ends)
/// sessions-6-9.csv: record 12: repaired: recommending State is (Unknown) ...: "(Unknown)"
/// ```
impl std::fmt::Display for ReadReport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}: {} records kept, {} skipped, {} repaired",
            self.input,
            self.records,
            self.skipped().count(),
            self.repaired().count()
        )?;
        match self.merged().count() {
            0 => writeln!(f)?,
            n => writeln!(f, ", {n} merged")?,
        }
        write!(f, "{}: encoding {}", self.input, self.encoding)?;
        if !self.encoding_reason.is_empty() {
            write!(f, " ({})", self.encoding_reason)?;
        }
        for p in &self.problems {
            let action = match p.action {
                Action::Skipped => "skipped",
                Action::Repaired => "repaired",
                Action::Merged => "merged",
            };
            write!(
                f,
                "\n{}: {}: {action}: {}: {:?}",
                self.input, p.location, p.reason, p.found
            )?;
        }
        Ok(())
    }
}

/// Records read from an input, with the report of what was skipped or repaired.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Parsed<T> {
    /// The records.
    pub records: Vec<T>,
    /// The report.
    pub report: ReadReport,
}

/// Collects problems for a reader, turning the first skip into an error in strict mode.
#[derive(Debug)]
pub(crate) struct Problems {
    mode: Mode,
    input: String,
    list: Vec<Problem>,
}

/// Shortens a found value for messages: the one place an error or a problem quotes its input.
///
/// A value longer than [`EXCERPT_CHARS`] characters (plus a little slack, so that an excerpt is
/// never cut again) keeps its first [`EXCERPT_CHARS`] characters, cut at a character boundary,
/// followed by `… (N characters)` with the value's whole length.
pub(crate) fn excerpt(s: &str) -> String {
    const SLACK: usize = 40;
    match s.char_indices().nth(EXCERPT_CHARS + SLACK) {
        None => s.to_owned(),
        Some(_) => {
            let cut = s
                .char_indices()
                .nth(EXCERPT_CHARS)
                .map_or(s.len(), |(i, _)| i);
            let total = s.chars().count();
            format!("{}… ({total} characters)", s.get(..cut).unwrap_or_default())
        }
    }
}

/// How many characters of an input an error or a problem quotes at most (see [`excerpt`]).
pub(crate) const EXCERPT_CHARS: usize = 120;

impl Problems {
    pub(crate) fn new(options: &ReadOptions) -> Self {
        Problems {
            mode: options.mode,
            input: options.name.clone(),
            list: Vec::new(),
        }
    }

    /// The error strict mode makes of a problem.
    pub(crate) fn error(&self, location: Location, expected: String, found: &str) -> Error {
        Error::Parse(ParseError {
            input: self.input.clone(),
            location,
            expected,
            found: excerpt(found),
        })
    }

    /// The mode the problems are collected in.
    pub(crate) fn mode(&self) -> Mode {
        self.mode
    }

    /// A record that cannot be read: an error in strict mode, a skip in lenient mode.
    pub(crate) fn skip(
        &mut self,
        location: Location,
        expected: impl Into<String>,
        found: &str,
    ) -> Result<()> {
        let expected = expected.into();
        match self.mode {
            Mode::Strict => Err(self.error(location, expected, found)),
            Mode::Lenient => {
                self.list.push(Problem {
                    location,
                    action: Action::Skipped,
                    reason: expected,
                    found: excerpt(found),
                });
                Ok(())
            }
        }
    }

    /// A record kept after a repair; reported in both modes.
    pub(crate) fn repair(&mut self, location: Location, what: impl Into<String>, found: &str) {
        self.list.push(Problem {
            location,
            action: Action::Repaired,
            reason: what.into(),
            found: excerpt(found),
        });
    }

    /// A problem the reader can repair: an error in strict mode; in lenient mode the record is
    /// kept, repaired as `repair` says, and listed as repaired (`expected {expected}; {repair}`).
    pub(crate) fn flaw(
        &mut self,
        location: Location,
        expected: &str,
        repair: &str,
        found: &str,
    ) -> Result<()> {
        match self.mode {
            Mode::Strict => Err(self.error(location, expected.to_owned(), found)),
            Mode::Lenient => {
                self.repair(location, format!("expected {expected}; {repair}"), found);
                Ok(())
            }
        }
    }

    /// The report: the records kept (`records` of them), how the input was decoded, and every
    /// problem listed (those of decoding first).
    pub(crate) fn finish(self, decoded: impl Into<Decoded>, records: usize) -> ReadReport {
        let (encoding, encoding_reason, mut problems) = decoded.into().into_parts();
        problems.extend(self.list);
        ReadReport {
            input: self.input,
            encoding,
            encoding_reason,
            records,
            problems,
        }
    }

    /// The records kept, with the report.
    pub(crate) fn parsed<T>(self, decoded: impl Into<Decoded>, records: Vec<T>) -> Parsed<T> {
        let report = self.finish(decoded, records.len());
        Parsed { records, report }
    }
}

/// Converts the records a reader kept (into recommendations): a record that does not convert is
/// a problem like those of reading, at the place `place` gives (its location and the text shown):
/// an error in strict mode; in lenient mode it is skipped and listed in the same report, after
/// the problems of reading, as `expected {what} ({the error})`.
pub(crate) fn convert_records<T, U>(
    parsed: Parsed<T>,
    options: &ReadOptions,
    what: &str,
    place: impl Fn(&T) -> (Location, String),
    mut convert: impl FnMut(T) -> Result<U>,
) -> Result<Parsed<U>> {
    let Parsed { records, report } = parsed;
    let decoded = Decoded::carried(report.encoding, report.encoding_reason);
    let mut problems = Problems {
        mode: options.mode,
        input: report.input,
        list: report.problems,
    };
    let mut out = Vec::with_capacity(records.len());
    for record in records {
        let (location, found) = place(&record);
        match convert(record) {
            Ok(u) => out.push(u),
            Err(e) => problems.skip(location, format!("{what} ({e})"), &found)?,
        }
    }
    Ok(problems.parsed(decoded, out))
}

/// Reads all bytes from a reader and decodes them as the options say
/// ([`encoding::decode_input`]): the text and how it was decoded.
pub(crate) fn read_text(
    reader: impl std::io::Read,
    options: &ReadOptions,
) -> Result<(String, Decoded)> {
    let bytes = read_all(reader, options)?;
    encoding::decode_input(bytes, options)
}

/// An error about the input as a whole or its header, in both modes: the input named, `found`
/// shortened as [`excerpt`] does.
pub(crate) fn parse_error(
    options: &ReadOptions,
    location: Location,
    expected: impl Into<String>,
    found: impl Into<String>,
) -> Error {
    Error::Parse(ParseError {
        input: options.name.clone(),
        location,
        expected: expected.into(),
        found: excerpt(&found.into()),
    })
}

/// Reads all bytes from a reader, naming the input in the error.
pub(crate) fn read_all(mut reader: impl std::io::Read, options: &ReadOptions) -> Result<Vec<u8>> {
    let mut buf = Vec::new();
    reader
        .read_to_end(&mut buf)
        .map_err(|e| Error::read(&options.name, e))?;
    Ok(buf)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Two numbers read from `in.txt`, one of them already with a repair.
    fn read_numbers(options: &ReadOptions) -> Parsed<i32> {
        let mut problems = Problems::new(&options.clone().with_name("in.txt"));
        problems.repair(Location::Line(1), "trimmed", " 1");
        problems.parsed(Encoding::Utf8, vec![1, -2])
    }

    fn positive(n: i32) -> Result<u32> {
        u32::try_from(n).map_err(|_| Error::invalid("number", n.to_string(), "negative"))
    }

    #[test]
    fn records_that_do_not_convert_are_problems_of_the_same_report() {
        let place = |n: &i32| (Location::Line(if *n > 0 { 1 } else { 2 }), n.to_string());
        let lenient = ReadOptions::lenient();
        let p = convert_records(
            read_numbers(&lenient),
            &lenient,
            "a positive number",
            place,
            positive,
        )
        .unwrap();
        assert_eq!(p.records, [1]);
        assert_eq!(p.report.input, "in.txt");
        assert_eq!(p.report.records, 1);
        let reasons: Vec<&str> = p
            .report
            .problems
            .iter()
            .map(|x| x.reason.as_str())
            .collect();
        assert_eq!(
            reasons,
            [
                "trimmed",
                r#"a positive number (invalid number "-2": negative)"#
            ]
        );
        let strict = ReadOptions::new();
        let err = convert_records(
            read_numbers(&strict),
            &strict,
            "a positive number",
            place,
            positive,
        )
        .unwrap_err();
        assert_eq!(
            err.to_string(),
            r#"in.txt: line 2: expected a positive number (invalid number "-2": negative), found "-2""#
        );
    }

    #[test]
    fn flaws_are_errors_or_repairs() {
        let mut strict = Problems::new(&ReadOptions::new());
        let err = strict
            .flaw(Location::Record(3), "a b", "kept it", "c")
            .unwrap_err();
        assert_eq!(
            err.to_string(),
            r#"<input>: record 3: expected a b, found "c""#
        );
        let mut lenient = Problems::new(&ReadOptions::lenient());
        lenient
            .flaw(Location::Record(3), "a b", "kept it", "c")
            .unwrap();
        let report = lenient.finish(Encoding::Utf8, 1);
        assert_eq!(
            report.repaired().next().unwrap().reason,
            "expected a b; kept it"
        );
    }

    #[test]
    fn excerpts_are_bounded_at_a_character_boundary() {
        assert_eq!(excerpt("short"), "short");
        let long = "é".repeat(EXCERPT_CHARS + 1000);
        let e = excerpt(&long);
        assert_eq!(
            e,
            format!(
                "{}… ({} characters)",
                "é".repeat(EXCERPT_CHARS),
                EXCERPT_CHARS + 1000
            )
        );
        // An excerpt is not cut again.
        assert_eq!(excerpt(&e), e);
    }

    /// A 5 MB single line in every reader's input: the error quotes a few hundred characters.
    #[test]
    fn a_five_megabyte_line_is_quoted_in_a_few_hundred_characters() {
        let line = format!("To,Text,{}", "x\u{2019}".repeat(1_250_000));
        let (o, c) = (&ReadOptions::new(), &Context::new());
        let errors = [
            upr_info::read(line.as_bytes(), &ReadOptions::new()).map(|_| ()),
            uhri::read(line.as_bytes(), &ReadOptions::new()).map(|_| ()),
            upr1::csv::read_recommendations(line.as_bytes(), o, c).map(|_| ()),
            upr1::json::read_recommendations(line.as_bytes(), o, c).map(|_| ()),
            upr1::json::read_recommendation_lines(line.as_bytes(), o, c).map(|_| ()),
            wg_report::read(line.as_bytes(), &ReadOptions::new()).map(|_| ()),
            ohchr_matrix::read(line.as_bytes(), &ReadOptions::new()).map(|_| ()),
        ];
        for (i, e) in errors.into_iter().enumerate() {
            let msg = e.expect_err("a 5 MB line is no valid input").to_string();
            assert!(
                msg.len() < 1000,
                "reader {i}: {} bytes: {}",
                msg.len(),
                &msg[..1000.min(msg.len())]
            );
        }
    }
}
