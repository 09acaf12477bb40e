//! Which format an input is in: the formats' names, and detection from the content.

use std::fmt;
use std::str::FromStr;

use crate::{Error, Result};

/// An input format a reader of this crate reads recommendations from.
///
/// ```
/// use upr::format::Format;
///
/// assert_eq!("wg-report".parse::<Format>()?, Format::WgReport);
/// assert_eq!(Format::detect(b"To,To-Rgrp,To-Org,Text,From,From-Rgrp,From-Org,Response,Session\r"),
///            Some(Format::UprInfo));
/// assert!("docx".parse::<Format>().is_err());
/// # Ok::<(), upr::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Format {
    /// The UPR Info database export ([`upr_info`](super::upr_info)).
    UprInfo,
    /// The OHCHR Universal Human Rights Index export, CSV or JSON ([`uhri`](super::uhri)).
    Uhri,
    /// The OHCHR matrix of recommendations, flattened text ([`ohchr_matrix`](super::ohchr_matrix)).
    Matrix,
    /// A Working Group report's text ([`wg_report`](super::wg_report)).
    WgReport,
    /// The crate's own `upr/1` CSV ([`upr1::csv`](super::upr1::csv)).
    Upr1Csv,
    /// The crate's own `upr/1` JSON document ([`upr1::json`](super::upr1::json)).
    Upr1Json,
    /// The crate's own `upr/1` JSON lines, one recommendation a line.
    Upr1JsonLines,
}

impl Format {
    /// Every format, in the order of [`name`](Self::name)s listed in errors.
    pub const ALL: [Format; 7] = [
        Format::UprInfo,
        Format::Uhri,
        Format::Matrix,
        Format::WgReport,
        Format::Upr1Csv,
        Format::Upr1Json,
        Format::Upr1JsonLines,
    ];

    /// The format's name, as `FromStr` takes it: `upr-info`, `uhri`, `matrix`, `wg-report`,
    /// `upr1-csv`, `upr1-json`, `upr1-jsonl`.
    pub const fn name(self) -> &'static str {
        match self {
            Format::UprInfo => "upr-info",
            Format::Uhri => "uhri",
            Format::Matrix => "matrix",
            Format::WgReport => "wg-report",
            Format::Upr1Csv => "upr1-csv",
            Format::Upr1Json => "upr1-json",
            Format::Upr1JsonLines => "upr1-jsonl",
        }
    }

    /// The format of an input, from its first bytes (a few kilobytes are enough), or `None` when
    /// it looks like none of them.
    ///
    /// The CSV formats are told apart by their header, the `upr/1` JSON forms by their keys,
    /// UHRI's JSON by its `Text` key, the matrix by its column titles and a Working Group report
    /// by its title.
    pub fn detect(bytes: &[u8]) -> Option<Format> {
        let head = &bytes[..bytes.len().min(64 * 1024)];
        let text = String::from_utf8_lossy(head);
        let text = text.trim_start_matches('\u{feff}').trim_start();
        let first_line = text.split(['\r', '\n']).next().unwrap_or("");
        if text.starts_with('{') || text.starts_with('[') {
            if text.starts_with("{\"schema\":\"upr/") || text.starts_with("{\"schema\": \"upr/") {
                return Some(Format::Upr1Json);
            }
            if first_line.contains("\"state_under_review\"") {
                return Some(Format::Upr1JsonLines);
            }
            if text.contains("\"Text\"") {
                return Some(Format::Uhri);
            }
            return None;
        }
        if first_line.starts_with("state_under_review,") {
            return Some(Format::Upr1Csv);
        }
        if first_line.starts_with("text,") && first_line.contains("upr_position") {
            return Some(Format::Uhri);
        }
        let fields: Vec<&str> = first_line.split(',').map(str::trim).collect();
        if ["To", "Text", "From", "Response"]
            .iter()
            .all(|f| fields.contains(f))
        {
            return Some(Format::UprInfo);
        }
        if text.contains("Full list of themes") {
            return Some(Format::Matrix);
        }
        if text.contains("Working Group on the Universal Periodic Review") {
            return Some(Format::WgReport);
        }
        None
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Format {
    type Err = Error;

    fn from_str(s: &str) -> Result<Format> {
        Format::ALL
            .into_iter()
            .find(|f| f.name().eq_ignore_ascii_case(s.trim()))
            .ok_or_else(|| {
                let names: Vec<&str> = Format::ALL.iter().map(|f| f.name()).collect();
                Error::invalid(
                    "input format",
                    s,
                    format!("expected one of {}", names.join(", ")),
                )
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for f in Format::ALL {
            assert_eq!(f.name().parse::<Format>().unwrap(), f);
        }
    }

    #[test]
    fn unknown_name_lists_the_names() {
        assert_eq!(
            "docx".parse::<Format>().unwrap_err().to_string(),
            "invalid input format \"docx\": expected one of upr-info, uhri, matrix, wg-report, \
             upr1-csv, upr1-json, upr1-jsonl"
        );
    }

    #[test]
    fn detects_the_shapes() {
        let cases: [(&[u8], Option<Format>); 7] = [
            (
                b"text,upr_reccomending_states,upr_position,themes\n",
                Some(Format::Uhri),
            ),
            (b"[{\"Text\": \"Ratify\"}]", Some(Format::Uhri)),
            (
                b"{\"schema\":\"upr/1\",\"recommendations\":[\n",
                Some(Format::Upr1Json),
            ),
            (
                b"{\"state_under_review\":\"PRK\"}\n",
                Some(Format::Upr1JsonLines),
            ),
            (
                b"state_under_review,recommending,cycle\n",
                Some(Format::Upr1Csv),
            ),
            (
                b"Report of the Working Group on the Universal Periodic Review",
                Some(Format::WgReport),
            ),
            (b"hello", None),
        ];
        for (bytes, want) in cases {
            assert_eq!(
                Format::detect(bytes),
                want,
                "{:?}",
                String::from_utf8_lossy(bytes)
            );
        }
    }
}
