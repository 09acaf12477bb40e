//! Small text helpers the readers and vocabularies share.
//!
//! All slicing goes through `get`, so a bad offset gives `""` rather than a panic.

use std::borrow::Cow;
use std::ops::Range;

/// `s[from..to]`, or `""` when the range is not one of `s`.
pub(crate) fn sub(s: &str, from: usize, to: usize) -> &str {
    s.get(from..to).unwrap_or("")
}

/// `s[from..]`, or `""` when `from` is not an offset of `s`.
pub(crate) fn tail_from(s: &str, from: usize) -> &str {
    s.get(from..).unwrap_or("")
}

/// What [`odd_spaces`] does with a control character that is not whitespace.
#[derive(Clone, Copy)]
enum Controls {
    Keep,
    Space,
}

/// No-break and other odd spaces (and tabs) to spaces, invisible marks (byte-order mark,
/// zero-width space, soft hyphen) dropped; control characters kept or turned into spaces.
fn odd_spaces(s: &str, controls: Controls) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\t' | '\u{a0}' | '\u{2002}' | '\u{2003}' | '\u{2009}' | '\u{202f}' => out.push(' '),
            '\u{feff}' | '\u{200b}' | '\u{ad}' => {}
            c if c.is_control() && matches!(controls, Controls::Space) => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// A value: odd spaces to spaces, invisible marks dropped, runs of whitespace collapsed, trimmed.
pub(crate) fn clean(s: &str) -> String {
    collapse_ws(&odd_spaces(s, Controls::Keep))
}

/// A line of an extracted text: odd spaces and control characters to spaces, invisible marks
/// dropped, trimmed; the spaces inside are kept as they are.
pub(crate) fn clean_line(s: &str) -> String {
    odd_spaces(s, Controls::Space).trim().to_owned()
}

/// [`collapse_ws`], borrowing `s` when it is already collapsed (most recommendations are).
pub(crate) fn collapse_ws_cow(s: &str) -> Cow<'_, str> {
    if is_collapsed(s.as_bytes()) {
        Cow::Borrowed(s)
    } else {
        Cow::Owned(collapse_ws(s))
    }
}

/// Runs of whitespace to one space, trimmed.
///
/// Works on the bytes (the Unicode whitespace characters are recognised by their UTF-8 bytes)
/// and copies whole words: the readers call it on every record.
pub(crate) fn collapse_ws(s: &str) -> String {
    let b = s.as_bytes();
    if is_collapsed(b) {
        return s.to_owned();
    }
    let mut out = String::with_capacity(s.len());
    let mut word = None; // where the current word starts
    let mut i = 0;
    while let Some(&c) = b.get(i) {
        // Printable ASCII other than the space, most bytes: no whitespace to look for.
        let ws = if c > b' ' && c < 0x80 {
            0
        } else {
            whitespace_len(b, i)
        };
        if ws == 0 {
            word.get_or_insert(i);
            i += 1;
            continue;
        }
        if let Some(w) = word.take() {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(sub(s, w, i));
        }
        i += ws;
    }
    if let Some(w) = word {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(tail_from(s, w));
    }
    out
}

/// Whether `b` has no whitespace but single spaces between words (most texts): then
/// [`collapse_ws`] copies it as it is.
fn is_collapsed(b: &[u8]) -> bool {
    const BLOCK: usize = 16;
    if b.first() == Some(&b' ') || b.last() == Some(&b' ') {
        return false;
    }
    if all_plain(b) {
        return true;
    }
    // Whether bytes `c`, `next` can stand together in collapsed text without a closer look:
    // printable ASCII, and not two spaces.
    let plain = |c: u8, next: u8| (b' '..0x80).contains(&c) & !((c == b' ') & (next == b' '));
    let mut space = false;
    let mut i = 0;
    while let Some(&c) = b.get(i) {
        // A block of plain bytes (and the byte after it) at once: a fold without early exit,
        // which the compiler turns into vector instructions.
        if let Some(w) = b.get(i..=i + BLOCK) {
            let w: &[u8; BLOCK + 1] = w.try_into().unwrap_or(&[0; BLOCK + 1]);
            let ok = (0..BLOCK).fold(!(space && c == b' '), |ok, k| ok & plain(w[k], w[k + 1]));
            if ok {
                i += BLOCK;
                space = b.get(i - 1) == Some(&b' ');
                continue;
            }
        }
        i += 1;
        if c == b' ' {
            if space {
                return false;
            }
            space = true;
            continue;
        }
        space = false;
        if c > b' ' && c < 0x80 {
            continue;
        }
        if c < 0x20 || (c >= 0xc2 && whitespace_len(b, i - 1) > 0) {
            return false;
        }
    }
    true
}

/// The offset of the first byte at or after `from` that `hit` picks out: 32 bytes at a time
/// and without early exit inside a block, which the compiler turns into vector instructions
/// (the readers' scans for the few bytes that need a closer look: high bytes, control
/// characters, digits).
pub(crate) fn find_byte(b: &[u8], from: usize, hit: impl Fn(u8) -> bool) -> Option<usize> {
    const BLOCK: usize = 32;
    let mut i = from;
    while let Some(block) = b.get(i..i + BLOCK) {
        if block.iter().fold(false, |found, &c| found | hit(c)) {
            break;
        }
        i += BLOCK;
    }
    let rest = b.get(i..)?;
    rest.iter().position(|&c| hit(c)).map(|p| i + p)
}

/// Whether every byte of `b` is printable ASCII (or DEL) and no two spaces meet: 32 bytes at a
/// time and without early exit inside a block, which the compiler turns into vector
/// instructions.
fn all_plain(b: &[u8]) -> bool {
    const BLOCK: usize = 32;
    // Whether `c` followed by `next` cannot stand in collapsed text.
    let odd = |c: u8, next: u8| (c.wrapping_sub(b' ') >= 0x60) | ((c == b' ') & (next == b' '));
    let mut i = 0;
    while let Some(w) = b.get(i..=i + BLOCK) {
        let w: &[u8; BLOCK + 1] = w.try_into().unwrap_or(&[0; BLOCK + 1]);
        if (0..BLOCK).fold(false, |bad, k| bad | odd(w[k], w[k + 1])) {
            return false;
        }
        i += BLOCK;
    }
    let rest = b.get(i..).unwrap_or_default();
    let next = |k: usize| rest.get(k + 1).copied().unwrap_or(0);
    !rest.iter().enumerate().any(|(k, &c)| odd(c, next(k)))
}

/// The length in bytes of the whitespace character (as [`char::is_whitespace`] has them) that
/// starts at byte `i` of `b`, or 0.
fn whitespace_len(b: &[u8], i: usize) -> usize {
    let at = |k: usize| b.get(i + k).copied().unwrap_or(0);
    match at(0) {
        b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r' => 1,
        // U+0085, U+00A0
        0xc2 if matches!(at(1), 0x85 | 0xa0) => 2,
        // U+1680
        0xe1 if at(1) == 0x9a && at(2) == 0x80 => 3,
        // U+2000..U+200A, U+2028, U+2029, U+202F; U+205F
        0xe2 if at(1) == 0x80 && matches!(at(2), 0x80..=0x8a | 0xa8 | 0xa9 | 0xaf) => 3,
        0xe2 if at(1) == 0x81 && at(2) == 0x9f => 3,
        // U+3000
        0xe3 if at(1) == 0x80 && at(2) == 0x80 => 3,
        _ => 0,
    }
}

/// Lower case, apostrophes straightened, whitespace collapsed: for phrase matching.
pub(crate) fn fold(s: &str) -> String {
    collapse_ws(&s.replace(['\u{2019}', '\u{2018}'], "'")).to_lowercase()
}

/// `s` rewritten character by character by `map`, with, for each byte of the result, the byte
/// range in `s` of the character it came from.
pub(crate) fn map_with_offsets(
    s: &str,
    mut map: impl FnMut(char, &mut String),
) -> (String, Vec<Range<usize>>) {
    let mut out = String::with_capacity(s.len());
    let mut from = Vec::with_capacity(s.len());
    for (i, c) in s.char_indices() {
        map(c, &mut out);
        from.resize(out.len(), i..i + c.len_utf8());
    }
    (out, from)
}

/// Splits a UHRI multi-valued field written `- a- b` or `a- b- c` on `- ` (a dash then a space:
/// hyphens inside names such as `descent-based` are kept).
pub(crate) fn dash_list(s: &str) -> Vec<String> {
    s.split("- ")
        .map(clean)
        .map(|p| p.trim_end_matches('-').trim().to_owned())
        .filter(|p| !p.is_empty())
        .collect()
}

/// Leading ASCII digits of `s` (at most `max`), as a number and the byte length.
pub(crate) fn leading_number(s: &str, max: usize) -> Option<(u16, usize)> {
    let n = s.bytes().take_while(u8::is_ascii_digit).count();
    if n == 0 || n > max {
        return None;
    }
    s.get(..n)?.parse().ok().map(|v| (v, n))
}

/// The ASCII digits of `s` from byte `from` on (at most `max`), as a number and the offset
/// after them.
pub(crate) fn number_at(s: &str, from: usize, max: usize) -> Option<(u16, usize)> {
    leading_number(s.get(from..)?, max).map(|(n, len)| (n, from + len))
}

/// The months in English, as UN documents write them (`4 November 2014`).
pub(crate) const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

#[cfg(test)]
mod tests {
    use super::*;

    /// [`is_collapsed`] as it was before it looked at blocks of bytes at once.
    fn is_collapsed_by_bytes(b: &[u8]) -> bool {
        if b.first() == Some(&b' ') || b.last() == Some(&b' ') {
            return false;
        }
        let mut space = false;
        for (i, &c) in b.iter().enumerate() {
            if c == b' ' {
                if space {
                    return false;
                }
                space = true;
                continue;
            }
            space = false;
            if c > b' ' && c < 0x80 {
                continue;
            }
            if c < 0x20 || (c >= 0xc2 && whitespace_len(b, i) > 0) {
                return false;
            }
        }
        true
    }

    #[test]
    fn find_byte_finds_the_first_from_where_it_starts() {
        let high = |c: u8| c >= 0x80;
        for len in 0..100 {
            assert_eq!(find_byte(&vec![b'a'; len], 0, high), None);
            for at in 0..len {
                let mut b = vec![b'a'; len];
                b[at] = 0xe9;
                for from in [0, at / 2, at, at + 1, len, len + 5] {
                    let expected = (from <= at).then_some(at);
                    assert_eq!(find_byte(&b, from, high), expected, "{len} {at} {from}");
                }
                b[len - 1] = 0xff;
                assert_eq!(
                    find_byte(&b, at + 1, high),
                    (at + 1 < len).then_some(len - 1)
                );
            }
        }
    }

    #[test]
    fn collapsed_by_blocks_as_by_bytes() {
        let pad = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJ";
        let odd = [
            "  ", " ", "\t", "\n", "\u{a0}", " \u{a0}", "\u{2009}", "\u{e9}", "\u{1}", "\u{7f}",
            "\u{85}", "\u{3000}",
        ];
        for o in odd {
            for at in 0..=pad.len() {
                let s = format!("{}{o}{}", &pad[..at], &pad[at..]);
                assert_eq!(
                    is_collapsed(s.as_bytes()),
                    is_collapsed_by_bytes(s.as_bytes()),
                    "{s:?}"
                );
                let s = format!("x {}{o}{} y", &pad[..at], &pad[at..]);
                assert_eq!(
                    is_collapsed(s.as_bytes()),
                    is_collapsed_by_bytes(s.as_bytes()),
                    "{s:?}"
                );
            }
        }
        // Spaces at every distance from each other, across block edges.
        for gap in 0..40 {
            for at in 0..20 {
                let mut s = "w".repeat(60);
                s.replace_range(at..=at, " ");
                s.replace_range(at + gap + 1..=at + gap + 1, " ");
                assert_eq!(
                    is_collapsed(s.as_bytes()),
                    is_collapsed_by_bytes(s.as_bytes()),
                    "{s:?}"
                );
            }
        }
    }

    #[test]
    fn collapse_ws_is_split_whitespace_joined() {
        let every: String = (0..=0x3000u32)
            .filter_map(char::from_u32)
            .filter(|c| c.is_whitespace())
            .collect();
        assert_eq!(every.chars().count(), 25);
        for s in [
            "",
            "  ",
            "a",
            " a  b\tc\r\nd ",
            "People\u{2019}s\u{a0}Republic\u{2028}of \u{3000}Korea\u{85}",
            "\u{2009}x\u{200b}y\u{feff} \u{1680}z\u{205f}",
            every.as_str(),
            &format!("a{every}b{every}c"),
        ] {
            let slow = s.split_whitespace().collect::<Vec<_>>().join(" ");
            assert_eq!(collapse_ws(s), slow, "{s:?}");
            assert_eq!(collapse_ws_cow(s), slow, "{s:?}");
        }
    }

    #[test]
    fn clean_and_clean_line_differ_only_in_spacing_and_controls() {
        let s = "\u{feff} Ratify\u{a0}the\t\tOP\u{ad}CAT\u{7f}now ";
        assert_eq!(clean(s), "Ratify the OPCAT\u{7f}now");
        assert_eq!(clean_line(s), "Ratify the  OPCAT now");
        // Without control characters, cleaning a value is cleaning the line, then collapsing.
        let t = " a\u{2009} b\u{200b}c\r\n";
        assert_eq!(clean(t), collapse_ws(&clean_line(t)));
    }

    #[test]
    fn fold_for_phrases() {
        assert_eq!(fold("  The State\u{2019}s  VIEW "), "the state's view");
    }

    #[test]
    fn offsets_per_output_byte() {
        let (out, from) = map_with_offsets("a É\u{a0}b", |c, out| {
            if !c.is_whitespace() {
                out.extend(c.to_lowercase());
            }
        });
        assert_eq!(out, "aéb");
        assert_eq!(from, [0..1, 2..4, 2..4, 6..7]);
    }

    #[test]
    fn numbers() {
        assert_eq!(leading_number("124.1", 3), Some((124, 3)));
        assert_eq!(leading_number("1234", 3), None);
        assert_eq!(number_at("124.1 Do", 4, 3), Some((1, 5)));
        assert_eq!(number_at("124.", 4, 3), None);
        assert_eq!(number_at("é1", 1, 3), None);
        assert_eq!(number_at("1", 7, 3), None);
    }
}
