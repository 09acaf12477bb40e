//! The one row loop over the crate's own tab-separated tables: `data/states.tsv`, the DPRK
//! dataset's `sources.tsv`, `figures.tsv` and `upr-info-joins.tsv`, and classifier rule files.
//!
//! A table is UTF-8 text, one row a line, fields separated by tabs. Blank lines (only
//! whitespace) and comments (`#` as the first character after any spaces) are skipped; a line's
//! end (`\n`, `\r\n`, stray `\r`s before it) is not part of its row. Each row keeps its 1-based
//! line number, so every error names the file and the line.

use crate::{Error, Location, ParseError};

/// One data row of a table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Row<'a> {
    /// The 1-based line number in the file.
    pub(crate) line: usize,
    /// The row's text, without its line end.
    pub(crate) text: &'a str,
}

impl<'a> Row<'a> {
    /// The tab-separated fields, as written (not trimmed).
    pub(crate) fn fields(self) -> std::str::Split<'a, char> {
        self.text.split('\t')
    }

    /// A parse error at this row of `file`: what was `expected`, what was `found`.
    pub(crate) fn error(self, file: &str, expected: &str, found: impl Into<String>) -> Error {
        Error::Parse(ParseError {
            input: file.to_owned(),
            location: Location::Line(self.line),
            expected: expected.to_owned(),
            found: found.into(),
        })
    }
}

/// The data rows of a table's text, in order, blank lines and comments skipped.
pub(crate) fn rows(text: &str) -> impl Iterator<Item = Row<'_>> {
    text.lines().enumerate().filter_map(|(i, raw)| {
        let text = raw.trim_end_matches('\r');
        let t = text.trim_start();
        (!t.trim_end().is_empty() && !t.starts_with('#')).then_some(Row { line: i + 1, text })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_skip_blanks_and_comments_and_keep_line_numbers() {
        let text = "# header\n\na\tb\r\n  # indented comment\n \t \nc\n";
        let rows: Vec<(usize, &str)> = rows(text).map(|r| (r.line, r.text)).collect();
        assert_eq!(rows, [(3, "a\tb"), (6, "c")]);
        let first = rows_of(text)[0];
        assert_eq!(first.fields().collect::<Vec<_>>(), ["a", "b"]);
        assert_eq!(
            first.error("t.tsv", "three fields", "a b").to_string(),
            r#"t.tsv: line 3: expected three fields, found "a b""#
        );
    }

    fn rows_of(text: &str) -> Vec<Row<'_>> {
        rows(text).collect()
    }
}
