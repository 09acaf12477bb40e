//! The header of a report: the State under review under the title, the symbol, the date, the
//! Council's and the Working Group's sessions.

use chrono::NaiveDate;

use super::lines::{Line, starts_with_ignore_case};
use crate::text::{map_with_offsets, tail_from};
use crate::{DocumentSymbol, Session};

/// What the header says.
#[derive(Debug, Default)]
pub(super) struct Header {
    /// The name under the title, with its line.
    pub(super) state_raw: Option<(usize, String)>,
    pub(super) symbol: Option<DocumentSymbol>,
    pub(super) date: Option<NaiveDate>,
    pub(super) council_session: Option<u16>,
    pub(super) session: Option<Session>,
}

/// Reads the header from the first lines of a report (numbered, cleaned).
pub(super) fn header(lines: &[Line<'_>]) -> Header {
    let limit = lines.len().min(80);
    let head = lines.get(..limit).unwrap_or_default();
    let title = head
        .iter()
        .position(|(_, l)| title_rest(l.trim_start_matches([' ', '*'])).is_some());
    // The title over two lines ("... on the Universal Periodic" / "Review*": the Slovenia
    // reports as the UN publishes them): its second line, and what follows the title on it.
    let wrapped = title.is_none().then(|| wrapped_title(head)).flatten();
    let before_title = title
        .or(wrapped.as_ref().map(|w| w.0))
        .unwrap_or(limit.min(25));
    let date = head
        .iter()
        .take(before_title + 4)
        .find_map(|(_, l)| find_date(l));
    let (symbol, session) = symbols(head.iter().take(before_title + 6));
    let council_session = symbol
        .as_ref()
        .and_then(DocumentSymbol::council_session)
        .or_else(|| council_session_in_words(head.iter().take(before_title)));
    let state_raw = match (title, wrapped) {
        (Some(t), _) => state_name(head, t, head_title_rest(head, t)),
        (None, Some((t, rest))) => state_name(head, t, rest),
        (None, None) => starred_title(head).and_then(|t| state_name(head, t, "")),
    };
    Header {
        state_raw,
        symbol,
        date,
        council_session,
        session: session.or_else(|| held_session(lines)),
    }
}

/// The report's own symbol (A/HRC/13/13) and the Working Group session of the draft's
/// (A/HRC/WG.6/6/L.12), the first of each.
fn symbols<'a>(
    lines: impl Iterator<Item = &'a Line<'a>>,
) -> (Option<DocumentSymbol>, Option<Session>) {
    let mut symbol = None;
    let mut session = None;
    for s in lines.flat_map(|(_, l)| symbols_in(l)) {
        let Ok(sym) = DocumentSymbol::new(&s) else {
            continue;
        };
        if let Some(n) = sym.working_group_session() {
            if session.is_none() {
                session = Session::new(n).ok();
            }
        } else if symbol.is_none() && sym.council_session().is_some() {
            symbol = Some(sym);
        }
    }
    (symbol, session)
}

/// "Human Rights Council Thirteenth session": the ordinal of the last line that says so.
fn council_session_in_words<'a>(lines: impl Iterator<Item = &'a Line<'a>>) -> Option<u16> {
    lines
        .filter_map(|(_, l)| {
            let low = l.to_ascii_lowercase();
            let k = low.find("human rights council")?;
            let rest = tail_from(&low, k + "human rights council".len());
            let mut words = rest.split_whitespace();
            match (words.next(), words.next()) {
                (Some(w), Some("session")) => Some(ordinal(w)),
                _ => None,
            }
        })
        .last()
        .flatten()
}

/// No title line (peru2008): the line "UNIVERSAL PERIODIC REVIEW" when the name right under it is
/// marked with the footnote star.
fn starred_title(head: &[Line<'_>]) -> Option<usize> {
    head.iter()
        .position(|(_, l)| squash(l).0 == "universalperiodicreview")
        .filter(|&i| {
            head.iter()
                .skip(i + 1)
                .find(|(_, l)| !l.is_empty())
                .is_some_and(|(_, l)| l.ends_with('*'))
        })
}

/// What follows the title on line `title` of the head.
fn head_title_rest<'h>(head: &'h [Line<'_>], title: usize) -> &'h str {
    let line = head.get(title).map_or("", |(_, l)| l.as_ref());
    title_rest(line.trim_start_matches([' ', '*'])).unwrap_or("")
}

/// A title broken over two lines, the second of them within two lines of the first: the index
/// of the second, and what follows the title on it (`*` for "Review*").
fn wrapped_title<'h>(head: &'h [Line<'_>]) -> Option<(usize, &'h str)> {
    head.iter().enumerate().find_map(|(i, (_, first))| {
        let first = first.trim_start_matches([' ', '*']);
        if !squash(first).0.contains("reportofthework") {
            return None;
        }
        let (j, (_, second)) = head
            .iter()
            .enumerate()
            .skip(i + 1)
            .take(2)
            .find(|(_, (_, l))| !l.is_empty())?;
        let joined = format!("{first} {second}");
        let rest = title_rest(&joined)?;
        // The title must end on the second line: what follows it is the second line's end.
        let second = second.as_ref();
        let tail = second.get(second.len().checked_sub(rest.len())?..)?;
        (tail == rest).then_some((j, tail))
    })
}

/// The name of the State under review: `rest` (what follows the title on its line), or one of
/// the four lines under the title, whichever first holds something other than a footnote.
fn state_name(head: &[Line<'_>], title: usize, rest: &str) -> Option<(usize, String)> {
    let (n, _) = head.get(title)?;
    let under = head.iter().skip(title + 1).take(4);
    std::iter::once((*n, rest))
        .chain(under.map(|(n, l)| (*n, l.as_ref())))
        .find_map(|(n, c)| {
            let name = c.trim().trim_matches(|ch: char| ch == '*' || ch == ' ');
            let name = name.trim_end_matches(['.', ' ', '*', '\u{2020}']).trim();
            let footnote = c.trim_start().starts_with(['*', '.'])
                || c.to_ascii_lowercase().contains("previously issued");
            (!name.is_empty() && !footnote).then(|| (n, name.to_owned()))
        })
}

/// "The Working Group ... held its sixth session": the session, from the first 200 lines.
fn held_session(lines: &[Line<'_>]) -> Option<Session> {
    const HELD: &str = "held its ";
    let n = lines.iter().take(200).find_map(|(_, l)| {
        // Found without a lower-cased copy of every line.
        let at = memchr::memchr2_iter(b'h', b'H', l.as_bytes())
            .find(|&i| l.get(i..).is_some_and(|r| starts_with_ignore_case(r, HELD)))?;
        let low = tail_from(l, at + HELD.len()).to_ascii_lowercase();
        let rest = low.as_str();
        let mut w = rest.split_whitespace();
        match (w.next(), w.next()) {
            (Some(o), Some("session")) => ordinal(o),
            _ => None,
        }
    })?;
    Session::new(n).ok()
}

/// The first `4 January 2010` in a line.
pub(super) fn find_date(line: &str) -> Option<NaiveDate> {
    let words: Vec<&str> = line
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .collect();
    for (i, w) in words.iter().enumerate() {
        let Some(m) = crate::text::MONTHS
            .iter()
            .position(|m| m.eq_ignore_ascii_case(w))
        else {
            continue;
        };
        let day = i
            .checked_sub(1)
            .and_then(|j| words.get(j))
            .and_then(|d| d.parse::<u32>().ok());
        let year = words.get(i + 1).and_then(|y| {
            y.trim_end_matches('.')
                .parse::<i32>()
                .ok()
                .filter(|y| (1990..=2100).contains(y))
        });
        if let (Some(d), Some(y)) = (day, year) {
            let month = u32::try_from(m + 1).ok()?;
            if let Some(date) = NaiveDate::from_ymd_opt(y, month, d) {
                return Some(date);
            }
        }
    }
    None
}

const UNITS: [&str; 9] = [
    "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
];
const TEENS: [&str; 10] = [
    "tenth",
    "eleventh",
    "twelfth",
    "thirteenth",
    "fourteenth",
    "fifteenth",
    "sixteenth",
    "seventeenth",
    "eighteenth",
    "nineteenth",
];
const TENS: [(&str, &str, u16); 4] = [
    ("twentieth", "twenty", 20),
    ("thirtieth", "thirty", 30),
    ("fortieth", "forty", 40),
    ("fiftieth", "fifty", 50),
];

/// An ordinal in words or figures: `sixth`, `twenty-seventh`, `Thirteenth`, `16th`.
pub(super) fn ordinal(word: &str) -> Option<u16> {
    let w = word.to_ascii_lowercase();
    let w = w.trim_matches(|c: char| !c.is_ascii_alphanumeric() && c != '-');
    let pos = |list: &[&str], x: &str| list.iter().position(|u| *u == x);
    if let Some(i) = pos(&UNITS, w) {
        return u16::try_from(i + 1).ok();
    }
    if let Some(i) = pos(&TEENS, w) {
        return u16::try_from(i + 10).ok();
    }
    if w == "twelth" {
        return Some(12);
    }
    for (exact, prefix, n) in TENS {
        if w == exact {
            return Some(n);
        }
        if let Some(rest) = w.strip_prefix(prefix).and_then(|r| r.strip_prefix('-')) {
            return pos(&UNITS, rest)
                .and_then(|i| u16::try_from(i + 1).ok())
                .map(|u| n + u);
        }
    }
    let num = w.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    if num.len() < w.len() && ["st", "nd", "rd", "th"].iter().any(|s| w.ends_with(s)) {
        return num.parse().ok();
    }
    None
}

/// Symbols `A/...` in a line, as written (trailing punctuation removed).
pub(super) fn symbols_in(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(k) = line.get(from..).and_then(|r| r.find("A/")) {
        let at = from + k;
        let prev = line.get(..at).and_then(|p| p.chars().last());
        if prev.is_none_or(|c| !c.is_ascii_alphanumeric()) {
            let s: String = tail_from(line, at)
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || "./-".contains(*c))
                .collect();
            out.push(s.trim_end_matches(['.', '-', '/']).to_owned());
        }
        from = at + 2;
    }
    out
}

/// The line's letters in lower case without spaces, each with its end offset in the line.
pub(super) fn squash(line: &str) -> (String, Vec<usize>) {
    let (out, from) = map_with_offsets(line, |c, out| {
        if !c.is_whitespace() {
            out.push(c.to_ascii_lowercase());
        }
    });
    (out, from.into_iter().map(|r| r.end).collect())
}

/// If the line holds the title, "Report of the Working Group on the Universal Periodic Review"
/// (spaces may be lost, words dropped: "Report of the Working on the ..."), the text after it.
pub(super) fn title_rest(line: &str) -> Option<&str> {
    // What the squashed title needs, tested on the line as it is (most header lines lack it):
    // its 38 letters, among them a `k` and a `v` in either case.
    let b = line.as_bytes();
    let has = |c: u8| memchr::memchr2(c, c.to_ascii_uppercase(), b).is_some();
    if b.len() < "reportoftheworkuniversalperiodicreview".len() || !has(b'k') || !has(b'v') {
        return None;
    }
    let (sq, ends) = squash(line);
    let r = sq.find("reportofthework")?;
    let k = sq.get(r..)?.find("universalperiodicreview")? + r + "universalperiodicreview".len();
    let end = *ends.get(k.checked_sub(1)?)?;
    Some(tail_from(line, end))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::format::wg_report::lines::numbered_lines;

    #[test]
    fn header_fields() {
        let h = header(&numbered_lines(
            "United Nations A/HRC/13/13\n\
             Distr.: General 4 January 2010\n\
             Human Rights Council Thirteenth session\n\
             Report of the Working Group on the Universal Periodic Review*\n\
             Democratic People\u{2019}s Republic of Korea\n\
             * Previously issued under document symbol A/HRC/WG.6/6/L.12",
        ));
        assert_eq!(
            h.state_raw,
            Some((5, "Democratic People\u{2019}s Republic of Korea".to_owned()))
        );
        assert_eq!(
            h.symbol.as_ref().map(DocumentSymbol::as_str),
            Some("A/HRC/13/13")
        );
        assert_eq!(h.date, NaiveDate::from_ymd_opt(2010, 1, 4));
        assert_eq!(h.council_session, Some(13));
        assert_eq!(h.session.map(Session::number), Some(6));
    }

    #[test]
    fn a_title_over_two_lines() {
        // As the UN publishes the Slovenia reports: the title wraps before "Review*".
        let lines = "               United Nations                        A/HRC/14/15\n\
             General Assembly                      Distr.: General\n\
                                                   15 March 2010\n\
             \n\
             Human Rights Council\n\
             Fourteenth session\n\
                           Report of the Working Group on the Universal Periodic\n\
                           Review*\n\
             \n\
                           Slovenia\n\
             \n\
                       * Previously issued under document symbol A/HRC/WG.6/7L.14";
        let h = header(&numbered_lines(lines));
        assert_eq!(h.state_raw, Some((10, "Slovenia".to_owned())));
        assert_eq!(h.council_session, Some(14));
        assert_eq!(h.date, NaiveDate::from_ymd_opt(2010, 3, 15));
        // The first line alone is no title.
        let cut = lines.replace("Review*", "");
        assert_eq!(header(&numbered_lines(&cut)).state_raw, None);
    }

    #[test]
    fn header_in_words_and_without_title() {
        let h = header(&numbered_lines(
            "Human Rights Council Eighth session\n\
             UNIVERSAL PERIODIC REVIEW\n\
             \n\
             Peru*\n\
             The Working Group on the Universal Periodic Review held its second session",
        ));
        assert_eq!(h.state_raw, Some((4, "Peru".to_owned())));
        assert_eq!(h.symbol, None);
        assert_eq!(h.council_session, Some(8));
        assert_eq!(h.session.map(Session::number), Some(2));
    }

    #[test]
    fn title_dates_ordinals_symbols() {
        assert_eq!(
            title_rest("Reportofthe Working on the Universal Periodic Review* Chile"),
            Some("* Chile")
        );
        assert_eq!(title_rest("Universal Periodic Review"), None);
        assert_eq!(
            find_date("Distr.: General, 4 January 2010."),
            NaiveDate::from_ymd_opt(2010, 1, 4)
        );
        assert_eq!(find_date("31 February 2010"), None);
        assert_eq!(ordinal("twenty-seventh"), Some(27));
        assert_eq!(ordinal("Thirteenth"), Some(13));
        assert_eq!(ordinal("twelth"), Some(12));
        assert_eq!(ordinal("16th"), Some(16));
        assert_eq!(ordinal("session"), None);
        assert_eq!(
            symbols_in("(A/HRC/WG.6/6/L.12), A/HRC/13/13. xA/B"),
            ["A/HRC/WG.6/6/L.12", "A/HRC/13/13"]
        );
    }
}
