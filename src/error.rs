//! The crate's one error type.

use std::fmt;
use std::path::PathBuf;

/// A result whose error defaults to this crate's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Where in an input a problem sits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind", content = "number")]
pub enum Location {
    /// A 1-based line number in a text input.
    Line(usize),
    /// A 1-based record (row) number in a tabular input, the header not counted.
    Record(usize),
    /// A 0-based byte offset.
    Byte(usize),
    /// The input as a whole.
    Whole,
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Location::Line(n) => write!(f, "line {n}"),
            Location::Record(n) => write!(f, "record {n}"),
            Location::Byte(n) => write!(f, "byte {n}"),
            Location::Whole => f.write_str("input"),
        }
    }
}

/// A problem found while reading an input: where, what was expected, what was found.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ParseError {
    /// The input's name: a file path, or `<input>` for an anonymous reader.
    pub input: String,
    /// Where in the input.
    pub location: Location,
    /// What the reader expected there.
    pub expected: String,
    /// What it found instead (possibly shortened).
    pub found: String,
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: {}: expected {}, found {:?}",
            self.input, self.location, self.expected, self.found
        )
    }
}

impl std::error::Error for ParseError {}

/// Everything that can go wrong in this crate.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A name or code that does not belong to a vocabulary (a State, a status, an issue...).
    #[error("unknown {vocabulary} {value:?}{}", hint_suffix(.hint))]
    Unknown {
        /// Which vocabulary was searched, e.g. `state name`.
        vocabulary: &'static str,
        /// The value as given.
        value: String,
        /// An optional hint on what is accepted.
        hint: Option<String>,
    },
    /// A value whose form is wrong, e.g. a document symbol that does not start with `A/`.
    #[error("invalid {what} {value:?}: {reason}")]
    Invalid {
        /// What kind of value, e.g. `document symbol`.
        what: &'static str,
        /// The value as given.
        value: String,
        /// Why it is invalid.
        reason: String,
    },
    /// A problem in an input file, with its position.
    #[error(transparent)]
    Parse(#[from] ParseError),
    /// An I/O failure while reading or writing, with the path when one is known.
    #[error("cannot {direction} {}: {source}", path.as_ref().map(|p| p.display().to_string()).unwrap_or_else(|| direction.object().to_string()))]
    Io {
        /// Whether the crate was reading or writing.
        direction: IoDirection,
        /// The file involved, if any.
        path: Option<PathBuf>,
        /// The underlying error.
        source: std::io::Error,
    },
    /// A JSON (de)serialization failure.
    #[error("json: {0}")]
    Json(#[from] serde_json::Error),
    /// A CSV writing failure.
    #[error("csv: {0}")]
    Csv(#[from] csv::Error),
}

/// A value as an error quotes it: itself, or its start and length when it is long.
fn bounded(value: String) -> String {
    if value.len() <= crate::format::EXCERPT_CHARS {
        value
    } else {
        crate::format::excerpt(&value)
    }
}

fn hint_suffix(hint: &Option<String>) -> String {
    match hint {
        Some(h) => format!(" ({h})"),
        None => String::new(),
    }
}

impl Error {
    /// Shorthand for [`Error::Unknown`] without a hint; a value longer than 120 characters is
    /// quoted in part, with its length (no message quotes a whole file).
    pub fn unknown(vocabulary: &'static str, value: impl Into<String>) -> Self {
        Error::Unknown {
            vocabulary,
            value: bounded(value.into()),
            hint: None,
        }
    }

    /// Shorthand for [`Error::Invalid`]; a value longer than 120 characters is quoted in part,
    /// with its length.
    pub fn invalid(
        what: &'static str,
        value: impl Into<String>,
        reason: impl Into<String>,
    ) -> Self {
        Error::Invalid {
            what,
            value: bounded(value.into()),
            reason: reason.into(),
        }
    }

    /// An I/O error while reading `path`.
    pub fn read(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io {
            direction: IoDirection::Read,
            path: Some(path.into()),
            source,
        }
    }

    /// An I/O error while writing `path`.
    pub fn write(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io {
            direction: IoDirection::Write,
            path: Some(path.into()),
            source,
        }
    }

    /// An I/O error while writing to a writer that has no path (the direction of an unnamed
    /// `std::io::Error` converted with `?` is taken to be reading).
    pub fn write_unnamed(source: std::io::Error) -> Self {
        Error::Io {
            direction: IoDirection::Write,
            path: None,
            source,
        }
    }
}

/// Whether an [`Error::Io`] happened while reading or writing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum IoDirection {
    /// Reading an input.
    Read,
    /// Writing an output.
    Write,
}

impl IoDirection {
    /// What is read or written when no path is known: `input` or `output`.
    fn object(self) -> &'static str {
        match self {
            IoDirection::Read => "input",
            IoDirection::Write => "output",
        }
    }
}

impl fmt::Display for IoDirection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            IoDirection::Read => "read",
            IoDirection::Write => "write",
        })
    }
}

impl From<std::io::Error> for Error {
    /// An unnamed I/O error while reading (writers map their errors with [`Error::write_unnamed`]).
    fn from(source: std::io::Error) -> Self {
        Error::Io {
            direction: IoDirection::Read,
            path: None,
            source,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_value_is_quoted_in_part() {
        let long = "é".repeat(5_000_000);
        for e in [
            Error::invalid("document symbol", long.clone(), "too long"),
            Error::unknown("state name", long),
        ] {
            let m = e.to_string();
            assert!(m.len() < 400, "{} bytes", m.len());
            assert!(m.contains("… (5000000 characters)"), "{m}");
        }
        assert_eq!(
            Error::invalid("session", "x".repeat(120), "r").to_string(),
            format!("invalid session {:?}: r", "x".repeat(120))
        );
    }

    #[test]
    fn messages_name_the_input() {
        assert_eq!(
            Error::unknown("state name", "Atlantis").to_string(),
            r#"unknown state name "Atlantis""#
        );
        let e = Error::from(ParseError {
            input: "a.csv".into(),
            location: Location::Record(3),
            expected: "a session number".into(),
            found: "x".into(),
        });
        assert_eq!(
            e.to_string(),
            r#"a.csv: record 3: expected a session number, found "x""#
        );
        let gone = || std::io::Error::new(std::io::ErrorKind::NotFound, "gone");
        assert_eq!(
            Error::read("a.csv", gone()).to_string(),
            "cannot read a.csv: gone"
        );
        assert_eq!(
            Error::write("b.csv", gone()).to_string(),
            "cannot write b.csv: gone"
        );
        assert_eq!(
            Error::write_unnamed(gone()).to_string(),
            "cannot write output: gone"
        );
    }
}
