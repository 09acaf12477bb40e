//! One line of a report at a time: the number it starts with, and the lines that are not part
//! of any paragraph (page furniture, footnotes).

use crate::format::states::ends_with_states;
use std::borrow::Cow;

use crate::text::{clean_line, find_byte, fold, number_at, sub, tail_from};

/// A line of a report: its 1-based number and its text, cleaned ([`clean_line`]; borrowed from
/// the report where cleaning changes nothing, as it does on most lines).
pub(super) type Line<'t> = (usize, Cow<'t, str>);

/// The lines of a text (line ends CR, LF or CRLF), numbered from 1 and cleaned.
pub(super) fn numbered_lines(text: &str) -> Vec<Line<'_>> {
    let b = text.as_bytes();
    let mut out = Vec::with_capacity(b.len() / 64 + 1);
    let mut from = 0;
    // The first byte at or after `from` that is neither printable ASCII nor a line end: the
    // lines before it (most lines) are passed to `clean` without a look at their bytes.
    let mut unusual = next_unusual(b, 0);
    for at in memchr::memchr2_iter(b'\r', b'\n', b) {
        if at < from {
            continue; // the LF of a CRLF
        }
        let line = sub(text, from, at);
        out.push((out.len() + 1, clean_if(line, unusual < at)));
        from = at + 1;
        if b.get(at) == Some(&b'\r') && b.get(at + 1) == Some(&b'\n') {
            from += 1;
        }
        if unusual < from {
            unusual = next_unusual(b, from);
        }
    }
    out.push((out.len() + 1, clean(tail_from(text, from))));
    out
}

/// [`clean`] of a line that may hold bytes other than printable ASCII; the line trimmed when it
/// does not.
fn clean_if(line: &str, unusual: bool) -> Cow<'_, str> {
    if unusual {
        clean(line)
    } else {
        Cow::Borrowed(line.trim())
    }
}

/// The offset of the first byte at or after `from` that is neither printable ASCII nor CR or LF
/// (`b.len()` when there is none).
fn next_unusual(b: &[u8], from: usize) -> usize {
    let unusual = |c: u8| (c.wrapping_sub(b' ') >= 0x5f) & (c != b'\n') & (c != b'\r');
    find_byte(b, from, unusual).unwrap_or(b.len())
}

/// [`clean_line`], without a copy for a line it would leave as it is but for trimming (most
/// lines: printable ASCII, or other text without odd characters).
fn clean(line: &str) -> Cow<'_, str> {
    if has_odd(line.as_bytes()) {
        Cow::Owned(clean_line(line))
    } else {
        Cow::Borrowed(line.trim())
    }
}

/// Whether a line holds a character [`clean_line`] changes: a control character (C0, DEL or
/// C1), an odd space (U+00A0, U+2002, U+2003, U+2009, U+202F) or an invisible mark (U+FEFF,
/// U+200B, U+00AD). One pass over the bytes, recognising those characters by their UTF-8 lead
/// bytes: every other byte is passed over at once.
fn has_odd(b: &[u8]) -> bool {
    const BLOCK: usize = 16;
    let mut i = 0;
    // Where the byte-by-byte look may go back to blocks.
    let mut slow_until = 0;
    while let Some(&c) = b.get(i) {
        // A block of printable ASCII (most of a report) at once: a fold without early exit,
        // which the compiler turns into a few vector instructions.
        if i >= slow_until {
            match b.get(i..i + BLOCK) {
                Some(block)
                    if block
                        .iter()
                        .fold(true, |ok, &c| ok & matches!(c, b' '..=b'~')) =>
                {
                    i += BLOCK;
                    continue;
                }
                Some(_) => slow_until = i + BLOCK,
                None => slow_until = b.len(),
            }
        }
        match c {
            b' '..=b'~' => {}
            0x00..=0x1f | 0x7f => return true,
            // U+0080..U+009F (C1 controls), U+00A0, U+00AD.
            0xc2 if matches!(b.get(i + 1), Some(0x80..=0xa0 | 0xad)) => return true,
            // U+2002, U+2003, U+2009, U+200B, U+202F.
            0xe2 if b.get(i + 1) == Some(&0x80)
                && matches!(b.get(i + 2), Some(0x82 | 0x83 | 0x89 | 0x8b | 0xaf)) =>
            {
                return true;
            }
            // U+FEFF.
            0xef if b.get(i + 1) == Some(&0xbb) && b.get(i + 2) == Some(&0xbf) => return true,
            _ => {}
        }
        i += 1;
    }
    false
}

/// A number at the start of a line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Token {
    /// `90.`: a paragraph, or an item of one.
    Plain(u16),
    /// `124.1`: recommendation 1 of paragraph 124.
    Dotted(u16, u16),
}

/// A number at the start of a line: `90.` (plain) or `124.1` / `138.67.` (dotted), followed by
/// a space or the end. Returns the token and the rest, trimmed.
pub(super) fn leading_token(s: &str) -> Option<(Token, &str)> {
    let b = s.as_bytes();
    let (p, i) = number_at(s, 0, 3)?;
    if b.get(i) != Some(&b'.') {
        return None;
    }
    let after = |j: usize| -> bool { b.get(j).is_none_or(|c| c.is_ascii_whitespace()) };
    if let Some((n, j)) = number_at(s, i + 1, 4) {
        let dot = b.get(j) == Some(&b'.');
        let j2 = if dot { j + 1 } else { j };
        // "110.44.Take": the text glued to the number's final dot.
        let glued = dot && b.get(j2).is_some_and(u8::is_ascii_uppercase);
        if (after(j2) || glued) && p > 0 {
            return Some((Token::Dotted(p, n), tail_from(s, j2).trim_start()));
        }
        return None;
    }
    if after(i + 1) && p > 0 {
        return Some((Token::Plain(p), tail_from(s, i + 1).trim_start()));
    }
    None
}

/// Lines that are page furniture of the PDF: `GE.10-10123`, `A/HRC/13/13`, `page 5`, a lone
/// page number, a lone footnote mark.
pub(super) fn is_furniture(s: &str) -> bool {
    let t = s.trim();
    if t.is_empty() {
        return false;
    }
    if t.chars().all(|c| c == '*' || c == ' ') {
        return true;
    }
    if t.len() <= 3 && t.chars().all(|c| c.is_ascii_digit()) {
        return true;
    }
    let b = t.as_bytes();
    if starts_with_ignore_case(t, "ge.") && b.get(3).is_some_and(u8::is_ascii_digit) {
        return true;
    }
    if starts_with_ignore_case(t, "a/hrc/") && t.len() < 40 && !t.contains(' ') {
        return true;
    }
    if starts_with_ignore_case(t, "page ") {
        return tail_from(t, 5).trim().chars().all(|c| c.is_ascii_digit());
    }
    false
}

/// Whether `s` starts with `prefix` (ASCII), ignoring ASCII case: looks at no more of `s` than
/// the prefix (the checks on every line and run-on fragment stay linear).
pub(super) fn starts_with_ignore_case(s: &str, prefix: &str) -> bool {
    s.as_bytes()
        .get(..prefix.len())
        .is_some_and(|b| b.eq_ignore_ascii_case(prefix.as_bytes()))
}

/// The first `n` bytes of `s` or a little more (to a character boundary).
pub(super) fn head(s: &str, n: usize) -> &str {
    let mut end = n.min(s.len());
    while !s.is_char_boundary(end) {
        end += 1;
    }
    sub(s, 0, end)
}

/// The footnote of an unedited report: `** The conclusions and recommendations have not been
/// edited.` and its kin.
pub(super) fn is_footnote(s: &str) -> bool {
    // A numbered footnote: "2  The recommendation was read during the interactive dialogue as".
    if footnote_number(s).is_some_and(|rest| rest.starts_with("  ")) {
        return true;
    }
    // Each phrase starts with "the" or "conclusions" after the stars: most lines are passed
    // over without a folded copy, and the phrases are short, so the start of a line is enough.
    let t = s.trim_start_matches(['*', ' ']);
    if !starts_with_ignore_case(t, "the") && !starts_with_ignore_case(t, "conclusions") {
        return false;
    }
    let f = fold(head(s, 200));
    let f = f.trim_start_matches(['*', ' ']);
    f.starts_with("the conclusions and recommendations have not been edited")
        || f.starts_with("conclusions and recommendations have not been edited")
        || f.starts_with("the annex to the present report is circulated as received")
}

/// The text after the number a footnote line starts with (one or two digits: `2  The
/// recommendation ...`); `None` when the line does not start so.
pub(super) fn footnote_number(s: &str) -> Option<&str> {
    let digits = s.len() - s.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    (1..=2).contains(&digits).then(|| tail_from(s, digits))
}

/// Whether an item's text is complete: it ends with `)` and `;`/`.`, or with a bracket of
/// States that resolve.
pub(super) fn is_closed(s: &str) -> bool {
    let t = s.trim_end();
    let t = t.trim_end_matches(|c: char| c.is_ascii_digit() || c == ' ');
    let punct = t.ends_with(");") || t.ends_with(").") || t.ends_with(")),");
    punct || ends_with_states(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens() {
        assert_eq!(
            leading_token("124.1 Do"),
            Some((Token::Dotted(124, 1), "Do"))
        );
        assert_eq!(
            leading_token("138.67. Do"),
            Some((Token::Dotted(138, 67), "Do"))
        );
        assert_eq!(
            leading_token("110.44.Take"),
            Some((Token::Dotted(110, 44), "Take"))
        );
        assert_eq!(leading_token("90. "), Some((Token::Plain(90), "")));
        assert_eq!(leading_token("0. Do"), None);
        assert_eq!(leading_token("2015 (Sudan)"), None);
        assert_eq!(leading_token("1.5million"), None);
    }

    #[test]
    fn furniture_and_footnotes() {
        for l in ["GE.10-10123", "A/HRC/13/13", "page 5", "12", "**"] {
            assert!(is_furniture(l), "{l}");
        }
        assert!(!is_furniture("A/HRC/13/13 is the symbol of this report"));
        assert!(!is_furniture(""));
        assert!(is_footnote(
            "** The conclusions and recommendations have not been edited."
        ));
        assert!(is_footnote(
            "2  The recommendation was read during the interactive dialogue as"
        ));
        assert!(!is_footnote("2 Ratify"));
    }

    /// [`numbered_lines`] as it was before it passed over printable ASCII lines: every line
    /// through [`clean`].
    fn numbered_lines_one_by_one(text: &str) -> Vec<Line<'_>> {
        let b = text.as_bytes();
        let mut out = Vec::new();
        let mut from = 0;
        for at in memchr::memchr2_iter(b'\r', b'\n', b) {
            if at < from {
                continue;
            }
            out.push((out.len() + 1, clean(sub(text, from, at))));
            from = at + 1;
            if b.get(at) == Some(&b'\r') && b.get(at + 1) == Some(&b'\n') {
                from += 1;
            }
        }
        out.push((out.len() + 1, clean(tail_from(text, from))));
        out
    }

    #[test]
    fn lines_are_cleaned_as_one_by_one() {
        // Every character up to U+3000 (and a few more) in a line of its own, at each distance
        // from a block edge, among plain lines, with every kind of line end.
        let chars: Vec<char> = (0..=0x3000u32)
            .chain([0xfeff, 0x1f600])
            .filter_map(char::from_u32)
            .collect();
        let ends = ["\n", "\r\n", "\r", "\n\n", "\r\r\n"];
        let mut text = String::new();
        for (i, c) in chars.iter().enumerate() {
            let pad = "plain words here ".repeat(1 + i % 5);
            let at = i % pad.len();
            text.push_str(&pad[..at]);
            text.push(*c);
            text.push_str(&pad[at..]);
            text.push_str(ends[i % ends.len()]);
            text.push_str(&" ascii only line ".repeat(i % 7));
            text.push_str(ends[(i / 5) % ends.len()]);
        }
        assert_eq!(numbered_lines(&text), numbered_lines_one_by_one(&text));
        for t in ["", " ", "\n", "a\u{a0}", "\t", "x\r", "\u{feff}x\ny"] {
            assert_eq!(numbered_lines(t), numbered_lines_one_by_one(t), "{t:?}");
        }
        assert_eq!(next_unusual(b"abc", 0), 3);
        assert_eq!(next_unusual(b"a\tc", 0), 1);
        assert_eq!(next_unusual(&[b'a'; 100], 0), 100);
    }

    #[test]
    fn odd_characters_by_their_bytes() {
        // The byte test agrees with the character test it replaces, on every character up to
        // U+3000 and on the characters around the ones it looks for.
        let odd = |c: char| {
            c.is_control()
                || matches!(
                    c,
                    '\u{a0}'
                        | '\u{2002}'
                        | '\u{2003}'
                        | '\u{2009}'
                        | '\u{202f}'
                        | '\u{feff}'
                        | '\u{200b}'
                        | '\u{ad}'
                )
        };
        let chars = (0..=0x3000u32)
            .chain(0xfef0..=0xff10)
            .filter_map(char::from_u32);
        let pad = "x".repeat(40);
        for c in chars {
            let s = format!("ab{c}cd");
            assert_eq!(has_odd(s.as_bytes()), odd(c), "{c:?}");
            // Inside, at the edges of and across the blocks looked at at once.
            for at in [0, 14, 15, 16, 17, 31, 32, 33, 40] {
                let s = format!("{}{c}{}", &pad[..at], &pad[at..]);
                assert_eq!(has_odd(s.as_bytes()), odd(c), "{c:?} at {at}");
            }
        }
        // Odd after a block with a character that is not ASCII.
        assert!(has_odd(
            "\u{e9}bcdefghijklmnopqrstuvwxyz0123456789\u{a0}".as_bytes()
        ));
        assert!(!has_odd("Ratify CAT (Canada); ".as_bytes()));
        assert!(has_odd("Ratify\u{a0}CAT".as_bytes()));
        assert_eq!(clean("  Ratify CAT  "), "Ratify CAT");
        assert_eq!(
            clean("Ratify\tCAT\u{ad} "),
            clean_line("Ratify\tCAT\u{ad} ")
        );
    }

    #[test]
    fn closed_items() {
        assert!(is_closed("Ratify CAT (Canada); "));
        assert!(is_closed("Ratify CAT (Canada)"));
        assert!(is_closed("Ratify CAT (Canada).1"));
        assert!(!is_closed("Grant access to the Special Rapporteur and the"));
        assert!(!is_closed("Ratify the Convention (CAT)"));
    }
}
