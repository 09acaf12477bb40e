//! Official UN documents as plain text run together: page headers and footers dropped, lines
//! joined with single spaces, each line's position kept for error locations; and the small
//! parsers (dates, counts) the readers of such documents share.

use chrono::NaiveDate;

/// The report's text run together with single spaces, page headers and footers left out, and
/// for each line kept its offset in the run-together text.
pub(crate) struct Flat {
    pub(crate) text: String,
    /// (offset in `text`, 1-based line number), ascending.
    lines: Vec<(usize, usize)>,
}

impl Flat {
    pub(crate) fn new(text: &str) -> Flat {
        let mut out = String::with_capacity(text.len());
        let mut lines = Vec::new();
        for (i, line) in text.lines().enumerate() {
            let t = line.trim();
            if t.is_empty() || is_furniture(t) {
                continue;
            }
            if !out.is_empty() {
                out.push(' ');
            }
            lines.push((out.len(), i + 1));
            for (j, w) in t.split_whitespace().enumerate() {
                if j > 0 {
                    out.push(' ');
                }
                out.push_str(w);
            }
        }
        Flat { text: out, lines }
    }

    /// Where each kept line starts in the run-together text, with its 1-based line number.
    pub(crate) fn line_starts(&self) -> impl Iterator<Item = (usize, usize)> + '_ {
        self.lines.iter().copied()
    }

    /// The 1-based line holding the byte at `at`.
    pub(crate) fn line(&self, at: usize) -> usize {
        let i = self.lines.partition_point(|(o, _)| *o <= at);
        self.lines.get(i.saturating_sub(1)).map_or(1, |(_, l)| *l)
    }
}

/// Page headers and footers: a bare page number, a `GE.` job number, a document symbol alone,
/// a bar code (`*1907475*`).
pub(crate) fn is_furniture(t: &str) -> bool {
    t.bytes().all(|b| b.is_ascii_digit())
        || t.starts_with("GE.")
        || (t.starts_with("A/HRC/") && !t.contains(' '))
        || (t.len() > 2 && t.starts_with('*') && t.ends_with('*'))
}

/// The document symbol of the masthead: the first `A/HRC/...` word in the first 10 lines.
pub(crate) fn masthead_symbol(text: &str) -> Option<crate::DocumentSymbol> {
    text.lines()
        .take(10)
        .flat_map(str::split_whitespace)
        .find(|w| w.starts_with("A/HRC/"))
        .and_then(|w| w.parse().ok())
}

// Small parsers: each takes the text at a position and returns what it read and the rest.

/// `4 November 2014` at the start of `s`.
pub(crate) fn date(s: &str) -> Option<(NaiveDate, &str)> {
    let (day, rest) = number_digits(s)?;
    let rest = rest.strip_prefix(' ')?;
    let (m, rest) = crate::text::MONTHS
        .iter()
        .enumerate()
        .find_map(|(i, m)| rest.strip_prefix(m).map(|r| (i, r)))?;
    let rest = rest.strip_prefix(' ')?;
    let (year, rest) = number_digits(rest)?;
    let date = NaiveDate::from_ymd_opt(i32::try_from(year).ok()?, u32::try_from(m + 1).ok()?, day)?;
    Some((date, rest))
}

/// ASCII digits at the start of `s`.
pub(crate) fn number_digits(s: &str) -> Option<(u32, &str)> {
    let n = s.bytes().take_while(u8::is_ascii_digit).count();
    if n == 0 || n > 6 {
        return None;
    }
    Some((s.get(..n)?.parse().ok()?, s.get(n..)?))
}

const WORDS: [&str; 21] = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
];

/// A count at the start of `s`: digits, or a number word up to twenty (`noted one`).
pub(crate) fn count(s: &str) -> Option<(u32, &str)> {
    if let Some(r) = number_digits(s) {
        return Some(r);
    }
    let word_end = s
        .find(|c: char| !c.is_ascii_alphabetic())
        .unwrap_or(s.len());
    let word = s.get(..word_end)?.to_ascii_lowercase();
    let n = WORDS.iter().position(|w| *w == word)?;
    Some((u32::try_from(n).ok()?, s.get(word_end..)?))
}
