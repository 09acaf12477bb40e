//! Text encodings found in UPR data: UTF-8, Mac OS Roman from old spreadsheet exports,
//! Windows-1252 and UTF-16, and how an input's encoding is told from its bytes.
//!
//! # Detection ([`Encoding::Auto`])
//!
//! From evidence, in this order; the [`ReadReport`](super::ReadReport) says which encoding was
//! chosen and why (its `encoding_reason`, and a line of its `Display`):
//!
//! 1. a byte-order mark (UTF-8, UTF-16LE, UTF-16BE);
//! 2. UTF-16 without one: NUL bytes in most odd (LE) or even (BE) positions of the first 4 KB,
//!    as UTF-16 text of mostly ASCII has;
//! 3. valid UTF-8 throughout;
//! 4. *mostly* UTF-8: valid multi-byte sequences, and no more runs of bad bytes than valid
//!    sequences. In [`Mode::Strict`](super::Mode) the first bad byte is an error naming its byte
//!    offset and line; in lenient mode each run of bad bytes becomes U+FFFD and one repair line
//!    of the report (with its offset), and the rest of the file is still read as UTF-8;
//! 5. otherwise a single-byte encoding: each high byte is read both as Windows-1252 and as Mac
//!    OS Roman and scored by how plausible the character is where it stands (`’` after a letter,
//!    `–` between spaces and `“` before a word score high, an accented capital inside a
//!    lower-case word or a C1 control low: `Lao People\x92s` is Windows-1252,
//!    `Lao People\xD5s` Mac OS Roman), with CR-only line ends a hint of Mac OS Roman; a tie
//!    goes to Mac OS Roman, the encoding of the UPR Info export and the report texts.
//!
//! A text that is ASCII but for one byte is decoded by the guess of step 5 in both modes (every
//! byte is valid Mac OS Roman and Windows-1252, so strict mode has nothing to reject), and the
//! reason says that the guess rests on that one byte, naming it and its offset.
//!
//! An encoding asked for explicitly is used as it is (a UTF-8 input with bad bytes is then
//! treated as in 4).

use super::{Action, Mode, Problem, ReadOptions};
use crate::{Error, Location, ParseError};

vocabulary! {
    /// The character encoding of an input.
    #[derive(Default)]
    #[non_exhaustive]
    pub enum Encoding["encoding", name] {
        /// Detected from the bytes (see the [module docs](crate::format::encoding)); never fails on its own.
        #[default]
        Auto => "auto";
        /// UTF-8; invalid sequences are an error in strict mode, replaced and reported in
        /// lenient mode.
        Utf8 => "utf-8" | "utf8";
        /// Mac OS Roman (`x-mac-roman`), the encoding of the UPR Info export and the report texts.
        MacRoman => "mac-roman" | "macroman" | "mac_roman" | "x-mac-roman" | "macintosh";
        /// Windows-1252 (`cp1252`), the encoding of spreadsheets saved on Windows.
        Windows1252 => "windows-1252" | "cp1252" | "windows1252" | "win-1252";
        /// UTF-16, little-endian (what Windows calls "Unicode").
        Utf16Le => "utf-16le" | "utf16le" | "utf-16-le";
        /// UTF-16, big-endian.
        Utf16Be => "utf-16be" | "utf16be" | "utf-16-be";
    }
}

/// How an input was decoded: the encoding used, why, and the bytes that had to be replaced.
///
/// Readers hand it to their report: [`ReadReport::encoding`](super::ReadReport::encoding),
/// [`ReadReport::encoding_reason`](super::ReadReport::encoding_reason), and one repair
/// [`Problem`] per run of bad bytes, before the problems of reading.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    encoding: Encoding,
    reason: String,
    repairs: Vec<Problem>,
}

impl Decoded {
    /// The encoding used (never [`Encoding::Auto`] after decoding).
    pub fn encoding(&self) -> Encoding {
        self.encoding
    }

    /// Why it was chosen, e.g. `valid UTF-8` or `asked for`.
    pub fn reason(&self) -> &str {
        &self.reason
    }

    /// One repair per run of bytes that were not valid in the encoding (replaced by U+FFFD).
    pub fn repairs(&self) -> &[Problem] {
        &self.repairs
    }

    /// A decoding already reported (its repairs are in the report's problems).
    pub(crate) fn carried(encoding: Encoding, reason: String) -> Self {
        Decoded {
            encoding,
            reason,
            repairs: Vec::new(),
        }
    }

    pub(crate) fn into_parts(self) -> (Encoding, String, Vec<Problem>) {
        (self.encoding, self.reason, self.repairs)
    }
}

/// Text whose encoding is fixed by its format (a Word document's XML), or given by the caller.
impl From<Encoding> for Decoded {
    fn from(encoding: Encoding) -> Self {
        Decoded {
            encoding,
            reason: "the format's own".into(),
            repairs: Vec::new(),
        }
    }
}

/// Mac OS Roman bytes 0x80..=0xFF, in order.
const MAC_ROMAN_HIGH: [char; 128] = [
    '\u{00C4}', '\u{00C5}', '\u{00C7}', '\u{00C9}', '\u{00D1}', '\u{00D6}', '\u{00DC}', '\u{00E1}',
    '\u{00E0}', '\u{00E2}', '\u{00E4}', '\u{00E3}', '\u{00E5}', '\u{00E7}', '\u{00E9}', '\u{00E8}',
    '\u{00EA}', '\u{00EB}', '\u{00ED}', '\u{00EC}', '\u{00EE}', '\u{00EF}', '\u{00F1}', '\u{00F3}',
    '\u{00F2}', '\u{00F4}', '\u{00F6}', '\u{00F5}', '\u{00FA}', '\u{00F9}', '\u{00FB}', '\u{00FC}',
    '\u{2020}', '\u{00B0}', '\u{00A2}', '\u{00A3}', '\u{00A7}', '\u{2022}', '\u{00B6}', '\u{00DF}',
    '\u{00AE}', '\u{00A9}', '\u{2122}', '\u{00B4}', '\u{00A8}', '\u{2260}', '\u{00C6}', '\u{00D8}',
    '\u{221E}', '\u{00B1}', '\u{2264}', '\u{2265}', '\u{00A5}', '\u{00B5}', '\u{2202}', '\u{2211}',
    '\u{220F}', '\u{03C0}', '\u{222B}', '\u{00AA}', '\u{00BA}', '\u{03A9}', '\u{00E6}', '\u{00F8}',
    '\u{00BF}', '\u{00A1}', '\u{00AC}', '\u{221A}', '\u{0192}', '\u{2248}', '\u{2206}', '\u{00AB}',
    '\u{00BB}', '\u{2026}', '\u{00A0}', '\u{00C0}', '\u{00C3}', '\u{00D5}', '\u{0152}', '\u{0153}',
    '\u{2013}', '\u{2014}', '\u{201C}', '\u{201D}', '\u{2018}', '\u{2019}', '\u{00F7}', '\u{25CA}',
    '\u{00FF}', '\u{0178}', '\u{2044}', '\u{20AC}', '\u{2039}', '\u{203A}', '\u{FB01}', '\u{FB02}',
    '\u{2021}', '\u{00B7}', '\u{201A}', '\u{201E}', '\u{2030}', '\u{00C2}', '\u{00CA}', '\u{00C1}',
    '\u{00CB}', '\u{00C8}', '\u{00CD}', '\u{00CE}', '\u{00CF}', '\u{00CC}', '\u{00D3}', '\u{00D4}',
    '\u{F8FF}', '\u{00D2}', '\u{00DA}', '\u{00DB}', '\u{00D9}', '\u{0131}', '\u{02C6}', '\u{02DC}',
    '\u{00AF}', '\u{02D8}', '\u{02D9}', '\u{02DA}', '\u{00B8}', '\u{02DD}', '\u{02DB}', '\u{02C7}',
];

/// Decodes Mac OS Roman bytes. Total: every byte maps to one character.
pub fn decode_mac_roman(bytes: &[u8]) -> String {
    // A high byte becomes 2 or 3 bytes of UTF-8; UPR files have few (8 in 3.6 MB), so this
    // room is nearly always enough, and the string grows if not.
    let mut out = String::with_capacity(bytes.len() + bytes.len() / 16 + 16);
    let push_ascii = |out: &mut String, run: &[u8]| {
        if let Ok(s) = std::str::from_utf8(run) {
            out.push_str(s);
        }
    };
    // ASCII (nearly all of a UPR file) is copied a run at a time, up to each high byte.
    let mut run = 0;
    while let Some(i) = next_high(bytes, run) {
        push_ascii(&mut out, bytes.get(run..i).unwrap_or_default());
        let high = bytes.get(i).map_or(0, |b| b - 0x80);
        if let Some(&c) = MAC_ROMAN_HIGH.get(usize::from(high)) {
            out.push(c);
        }
        run = i + 1;
    }
    push_ascii(&mut out, bytes.get(run..).unwrap_or_default());
    out
}

/// Decodes Mac OS Roman bytes in place: the buffer becomes the string, widened where a high byte
/// needs two or three bytes of UTF-8, so a large file is never held twice.
pub(crate) fn decode_mac_roman_owned(mut bytes: Vec<u8>) -> String {
    // Where the high bytes are (few in UPR files), found a block of ASCII at a time.
    let mut high = Vec::new();
    let mut extra = 0usize;
    let mut from = 0;
    while let Some(i) = next_high(&bytes, from) {
        let code = bytes.get(i).map_or(0, |b| b - 0x80);
        if let Some(&c) = MAC_ROMAN_HIGH.get(usize::from(code)) {
            high.push((i, c));
            extra += c.len_utf8() - 1;
        }
        from = i + 1;
    }
    // Widen, then move each ASCII run right by the room the high bytes before it take.
    let len = bytes.len();
    bytes.resize(len + extra, 0);
    let mut end = len; // the end of the run still to move
    let mut shift = extra;
    for &(at, c) in high.iter().rev() {
        bytes.copy_within(at + 1..end, at + 1 + shift);
        let mut buf = [0u8; 4];
        let enc = c.encode_utf8(&mut buf).as_bytes();
        shift -= enc.len() - 1;
        if let Some(dst) = bytes.get_mut(at + shift..at + shift + enc.len()) {
            dst.copy_from_slice(enc);
        }
        end = at;
    }
    match String::from_utf8(bytes) {
        Ok(s) => s,
        // Unreachable: ASCII and encoded characters only; decode afresh rather than panic.
        Err(e) => decode_mac_roman(e.as_bytes().get(..len).unwrap_or_default()),
    }
}

/// Encodes text as Mac OS Roman, the encoding of old spreadsheet exports such as UPR Info's.
///
/// ASCII (including control characters) maps to itself; the 128 characters of the upper half
/// map to their bytes. [`decode_mac_roman`] gives the text back.
///
/// # Errors
/// [`crate::Error::Invalid`] naming the first character Mac OS Roman has no code for, its
/// Unicode code point and its 0-based character position, e.g.
/// `invalid mac roman text "✓": U+2713 at character 4 has no Mac OS Roman code; write UTF-8 instead`.
pub fn encode_mac_roman(text: &str) -> crate::Result<Vec<u8>> {
    let mut out = Vec::with_capacity(text.len());
    for (i, c) in text.chars().enumerate() {
        if c.is_ascii() {
            out.push(c as u8);
            continue;
        }
        match MAC_ROMAN_HIGH.iter().position(|&h| h == c) {
            // position < 128, so the sum fits in a byte
            Some(p) => out.push(0x80 | (p as u8)),
            None => {
                return Err(crate::Error::invalid(
                    "mac roman text",
                    c.to_string(),
                    format!(
                        "U+{:04X} at character {i} has no Mac OS Roman code; write UTF-8 instead",
                        u32::from(c)
                    ),
                ));
            }
        }
    }
    Ok(out)
}

/// Decodes bytes in the given encoding ([`Encoding::Auto`]: detected), as a strict reader does:
/// the text, and how it was decoded. A byte-order mark is removed.
///
/// # Errors
/// [`crate::Error::Parse`] for bytes not valid in the encoding (UTF-8 or UTF-16; every byte
/// sequence is valid Mac OS Roman and Windows-1252), naming the line and the byte offset, e.g.
/// `<input>: line 1: expected UTF-8 text (byte 0xFF at byte 2 is not valid UTF-8), found "ab\u{FFFD}"`.
pub fn decode(bytes: &[u8], encoding: Encoding) -> crate::Result<(String, Decoded)> {
    decode_input(bytes.to_vec(), &ReadOptions::new().with_encoding(encoding))
}

/// Decodes an input as the options say (encoding, mode, name), in the buffer read where it can
/// (valid UTF-8 and Mac OS Roman): the text, and how it was decoded.
///
/// # Errors
/// In strict mode, bytes not valid in the encoding chosen, as [`decode`]; in lenient mode they
/// are replaced by U+FFFD and listed in [`Decoded::repairs`].
pub fn decode_input(bytes: Vec<u8>, options: &ReadOptions) -> crate::Result<(String, Decoded)> {
    let (encoding, reason) = match options.encoding() {
        Encoding::Auto => detect(&bytes),
        asked => (asked, "asked for".to_owned()),
    };
    let bom: &[u8] = match encoding {
        Encoding::Utf16Le => b"\xFF\xFE",
        Encoding::Utf16Be => b"\xFE\xFF",
        _ => b"\xEF\xBB\xBF",
    };
    let mut bytes = bytes;
    if bytes.starts_with(bom) {
        bytes.drain(..bom.len());
    }
    let mut decoded = Decoded {
        encoding,
        reason,
        repairs: Vec::new(),
    };
    let text = match encoding {
        Encoding::MacRoman => decode_mac_roman_owned(bytes),
        Encoding::Windows1252 => encoding_rs::WINDOWS_1252
            .decode_without_bom_handling(&bytes)
            .0
            .into_owned(),
        Encoding::Utf16Le | Encoding::Utf16Be => decode_utf16(
            &bytes,
            encoding == Encoding::Utf16Le,
            At::START,
            options,
            &mut decoded,
        )?,
        Encoding::Utf8 | Encoding::Auto => match String::from_utf8(bytes) {
            Ok(s) => s,
            Err(e) => decode_bad_utf8(e.as_bytes(), At::START, options, &mut decoded)?,
        },
    };
    Ok((text, decoded))
}

/// The encoding of an input, and why (see the module docs).
pub(super) fn detect(bytes: &[u8]) -> (Encoding, String) {
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        return (Encoding::Utf8, "UTF-8 byte-order mark".into());
    }
    if bytes.starts_with(b"\xFF\xFE") {
        return (Encoding::Utf16Le, "UTF-16LE byte-order mark".into());
    }
    if bytes.starts_with(b"\xFE\xFF") {
        return (Encoding::Utf16Be, "UTF-16BE byte-order mark".into());
    }
    if let Some(found) = utf16_by_nuls(bytes) {
        return found;
    }
    let first_bad = match std::str::from_utf8(bytes) {
        Ok(_) => return (Encoding::Utf8, "valid UTF-8".into()),
        Err(e) => e.valid_up_to(),
    };
    let bad_byte = bytes.get(first_bad).copied().unwrap_or_default();
    let ((sequences, runs), scores) = high_byte_evidence(bytes);
    if sequences > 0 && runs <= sequences {
        return (
            Encoding::Utf8,
            format!(
                "mostly UTF-8: {sequences} valid multi-byte sequences, {runs} runs of bad bytes \
                 (the first, 0x{bad_byte:02X}, at byte {first_bad})"
            ),
        );
    }
    let (encoding, won, lost, winner, loser) = if scores.windows > scores.mac {
        let w = Encoding::Windows1252;
        (
            w,
            scores.windows,
            scores.mac,
            "Windows-1252",
            "Mac OS Roman",
        )
    } else {
        let m = Encoding::MacRoman;
        (
            m,
            scores.mac,
            scores.windows,
            "Mac OS Roman",
            "Windows-1252",
        )
    };
    let ends = if scores.cr_only {
        "; CR-only line ends"
    } else {
        ""
    };
    // An ASCII text with one stray high byte: the guess rests on that byte alone.
    let alone = if scores.high == 1 {
        format!(
            "; the only byte that is not ASCII is 0x{bad_byte:02X} at byte {first_bad}, so the \
             guess rests on it alone (give the encoding to be sure)"
        )
    } else {
        String::new()
    };
    (
        encoding,
        format!(
            "not UTF-8 (byte 0x{bad_byte:02X} at byte {first_bad}, {sequences} valid multi-byte \
             sequences); its {} high bytes read as {winner} score {won}, as {loser} {lost}{ends}{alone}",
            scores.high
        ),
    )
}

/// UTF-16 without a byte-order mark, told by NULs: UTF-16 text of mostly ASCII has a NUL in
/// every other byte, UTF-8 and single-byte text hardly any.
fn utf16_by_nuls(bytes: &[u8]) -> Option<(Encoding, String)> {
    let head = bytes.get(..bytes.len().min(4096))?;
    let pairs = head.len() / 2;
    if pairs < 2 {
        return None;
    }
    let (mut even, mut odd) = (0usize, 0usize);
    for pair in head.chunks_exact(2) {
        even += usize::from(pair.first() == Some(&0));
        odd += usize::from(pair.get(1) == Some(&0));
    }
    // Most pairs have the NUL on one side, (nearly) none on the other.
    let (encoding, nuls, other, side) = if odd > even {
        (Encoding::Utf16Le, odd, even, "odd")
    } else {
        (Encoding::Utf16Be, even, odd, "even")
    };
    (nuls * 2 > pairs && other * 16 <= nuls).then(|| {
        (
            encoding,
            format!(
                "no byte-order mark; NUL in {nuls} of the first {pairs} {side} bytes, as UTF-16 text of mostly ASCII has"
            ),
        )
    })
}

/// What an input's high bytes say of its encoding, found in one walk over them (a block of
/// ASCII at a time): the UTF-8 evidence, valid multi-byte sequences and runs of bytes that are
/// not UTF-8 (a run: bad bytes with no valid character between them); and how plausible the
/// bytes are as Windows-1252 and as Mac OS Roman.
fn high_byte_evidence(bytes: &[u8]) -> ((usize, usize), LegacyScores) {
    let table = plausibility_table();
    let mut scores = LegacyScores::default();
    let (mut sequences, mut runs) = (0usize, 0usize);
    // Where the last bad byte ended: a bad byte right there continues its run.
    let mut bad_end = None;
    // The high bytes before it belong to a valid sequence counted already.
    let mut utf8_from = 0;
    let mut from = 0;
    while let Some(i) = next_high(bytes, from) {
        from = i + 1;
        scores.add(table, bytes, i);
        if i < utf8_from {
            continue;
        }
        match utf8_width_at(bytes.get(i..).unwrap_or_default()) {
            Some(width) => {
                sequences += 1;
                utf8_from = i + width;
            }
            None => {
                if bad_end != Some(i) {
                    runs += 1;
                }
                bad_end = Some(i + 1);
                utf8_from = i + 1;
            }
        }
    }
    scores.cr_only =
        memchr::memchr(b'\n', bytes).is_none() && memchr::memchr(b'\r', bytes).is_some();
    if scores.cr_only {
        scores.mac += 2;
    }
    ((sequences, runs), scores)
}

/// The width of the valid multi-byte UTF-8 sequence `b` starts with, if it starts with one.
fn utf8_width_at(b: &[u8]) -> Option<usize> {
    let width = match b.first()? {
        0xC2..=0xDF => 2,
        0xE0..=0xEF => 3,
        0xF0..=0xF4 => 4,
        _ => return None,
    };
    std::str::from_utf8(b.get(..width)?).ok().map(|_| width)
}

/// The offset of the first byte at or after `from` that is not ASCII: blocks of ASCII (most of
/// a UPR text) are passed over at once ([`find_byte`](crate::text::find_byte)).
pub(crate) fn next_high(bytes: &[u8], from: usize) -> Option<usize> {
    crate::text::find_byte(bytes, from, |b| b >= 0x80)
}

/// How plausible an input's high bytes are as Windows-1252 and as Mac OS Roman.
#[derive(Debug, Default, PartialEq, Eq)]
struct LegacyScores {
    windows: i64,
    mac: i64,
    high: usize,
    cr_only: bool,
}

impl LegacyScores {
    /// Counts the high byte at `i` of `bytes`, scored by its neighbours.
    fn add(&mut self, table: &[(i64, i64)], bytes: &[u8], i: usize) {
        let Some(&b) = bytes.get(i) else { return };
        let prev = i.checked_sub(1).and_then(|p| bytes.get(p)).copied();
        let next = bytes.get(i + 1).copied();
        self.high += 1;
        let at = (usize::from(b.saturating_sub(0x80)) * 4 + neighbour(prev)) * 4 + neighbour(next);
        let (win, mac) = table.get(at).copied().unwrap_or_default();
        self.windows += win;
        self.mac += mac;
    }
}

/// The neighbours [`plausibility`] tells apart: a gap (none, a space, punctuation), a
/// lower-case letter, another letter or digit (high bytes count as letters), anything else.
const NEIGHBOURS: [Option<u8>; 4] = [None, Some(b'a'), Some(b'A'), Some(0x01)];

fn neighbour(b: Option<u8>) -> usize {
    match b {
        None => 0,
        Some(b) if b.is_ascii_whitespace() || b.is_ascii_punctuation() => 0,
        Some(b) if b.is_ascii_lowercase() => 1,
        Some(b) if b.is_ascii_alphanumeric() || b >= 0x80 => 2,
        Some(_) => 3,
    }
}

/// [`plausibility`] of every high byte, as Windows-1252 and as Mac OS Roman, between every two
/// kinds of neighbour: computed once (a file's detection then costs a table look-up a byte).
fn plausibility_table() -> &'static [(i64, i64)] {
    static TABLE: std::sync::OnceLock<Vec<(i64, i64)>> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        let mut t = Vec::with_capacity(128 * 16);
        for b in 0x80..=0xFFu8 {
            let win = encoding_rs::WINDOWS_1252
                .decode_without_bom_handling(&[b])
                .0
                .chars()
                .next()
                .unwrap_or('\u{FFFD}');
            let mac = MAC_ROMAN_HIGH
                .get(usize::from(b - 0x80))
                .copied()
                .unwrap_or('\u{FFFD}');
            for prev in NEIGHBOURS {
                for next in NEIGHBOURS {
                    t.push((plausibility(win, prev, next), plausibility(mac, prev, next)));
                }
            }
        }
        t
    })
}

/// How plausible character `c` is between bytes `prev` and `next` (high bytes count as letters).
fn plausibility(c: char, prev: Option<u8>, next: Option<u8>) -> i64 {
    let letter = |b: Option<u8>| b.is_some_and(|b| b.is_ascii_alphanumeric() || b >= 0x80);
    let lower = |b: Option<u8>| b.is_some_and(|b| b.is_ascii_lowercase());
    let gap = |b: Option<u8>| b.is_none_or(|b| b.is_ascii_whitespace() || b.is_ascii_punctuation());
    match c {
        '\u{2019}' if letter(prev) => 3,
        '\u{2018}' | '\u{201C}' if gap(prev) && letter(next) => 3,
        '\u{201D}' if !gap(prev) || gap(next) => 3,
        '\u{2013}' | '\u{2014}' if gap(prev) || gap(next) => 3,
        '\u{2018}' | '\u{2019}' | '\u{201C}' | '\u{201D}' | '\u{2013}' | '\u{2014}' => 1,
        '\u{2026}' | '\u{2022}' | '\u{00A0}' => 1,
        '\u{0080}'..='\u{009F}' => -5,
        c if c.is_lowercase() && (letter(prev) || letter(next)) => 1,
        // An accented capital next to a lower-case letter: `PeopleÕs`, `RÈunion`.
        c if c.is_uppercase() && (lower(prev) || (letter(prev) && lower(next))) => -2,
        c if c.is_uppercase() => 1,
        _ => -1,
    }
}

/// Where a buffer of an input starts: its byte offset and 1-based line (a streaming reader decodes
/// its input a buffer at a time, and reports bad bytes at their place in the whole input).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct At {
    pub(super) offset: usize,
    pub(super) line: usize,
}

impl At {
    /// The start of an input.
    pub(super) const START: At = At { offset: 0, line: 1 };
}

/// Decodes UTF-8 with bad bytes: an error at the first in strict mode; in lenient mode each run
/// of bad bytes becomes U+FFFD and a repair line.
pub(super) fn decode_bad_utf8(
    bytes: &[u8],
    at_start: At,
    options: &ReadOptions,
    decoded: &mut Decoded,
) -> crate::Result<String> {
    let mut out = String::with_capacity(bytes.len() + 16);
    let mut lines = LineCounter::new(bytes);
    lines.line = at_start.line;
    let mut run: Option<(usize, usize)> = None; // (start, end) of the bad run being read
    let mut at = 0;
    for chunk in bytes.utf8_chunks() {
        let (valid, invalid) = (chunk.valid(), chunk.invalid());
        if !valid.is_empty() {
            if let Some((start, end)) = run.take() {
                bad_run(bytes, (start, end), at_start, &mut lines, options, decoded)?;
            }
            out.push_str(valid);
        }
        at += valid.len();
        if !invalid.is_empty() {
            out.push('\u{FFFD}');
            run = Some((run.map_or(at, |(start, _)| start), at + invalid.len()));
            at += invalid.len();
        }
    }
    if let Some((start, end)) = run {
        bad_run(bytes, (start, end), at_start, &mut lines, options, decoded)?;
    }
    Ok(out)
}

/// One run of bad bytes `start..end` in UTF-8 input: an error in strict mode, a repair line in
/// lenient mode.
fn bad_run(
    bytes: &[u8],
    (start, end): (usize, usize),
    at_start: At,
    lines: &mut LineCounter<'_>,
    options: &ReadOptions,
    decoded: &mut Decoded,
) -> crate::Result<()> {
    let shown: Vec<String> = bytes
        .get(start..end.min(start + 8))
        .unwrap_or_default()
        .iter()
        .map(|b| format!("0x{b:02X}"))
        .collect();
    let more = if end - start > 8 { " ..." } else { "" };
    let what = if end - start == 1 { "byte" } else { "bytes" };
    let what = format!(
        "{what} {}{more} at byte {}",
        shown.join(" "),
        at_start.offset + start
    );
    let location = Location::Line(lines.line_at(start));
    let found = context(bytes, start, end);
    match options.mode() {
        Mode::Strict => Err(Error::Parse(ParseError {
            input: options.name().to_owned(),
            location,
            expected: format!("UTF-8 text ({what} is not valid UTF-8)"),
            found,
        })),
        Mode::Lenient => {
            decoded.repairs.push(Problem {
                location,
                action: Action::Repaired,
                reason: format!("{what} not valid UTF-8; replaced by U+FFFD"),
                found,
            });
            Ok(())
        }
    }
}

/// The text around bytes `start..end` (up to 30 bytes either side, on its line), lossily
/// decoded.
fn context(bytes: &[u8], start: usize, end: usize) -> String {
    let line_start = |b: &u8| *b == b'\n' || *b == b'\r';
    let from = start.saturating_sub(30);
    let from = bytes
        .get(from..start)
        .and_then(|s| s.iter().rposition(line_start))
        .map_or(from, |i| from + i + 1);
    let to = (end + 30).min(bytes.len());
    let to = bytes
        .get(end..to)
        .and_then(|s| s.iter().position(line_start))
        .map_or(to, |i| end + i);
    String::from_utf8_lossy(bytes.get(from..to).unwrap_or_default()).into_owned()
}

/// Line numbers of byte offsets asked in increasing order, counted once through the input
/// (LF, CRLF and CR-only line ends).
struct LineCounter<'b> {
    bytes: &'b [u8],
    at: usize,
    line: usize,
}

impl<'b> LineCounter<'b> {
    fn new(bytes: &'b [u8]) -> Self {
        LineCounter {
            bytes,
            at: 0,
            line: 1,
        }
    }

    /// The 1-based line of byte `offset` (not before the last one asked).
    fn line_at(&mut self, offset: usize) -> usize {
        let seen = self.bytes.get(self.at..offset).unwrap_or_default();
        let lfs = memchr::memchr_iter(b'\n', seen).count();
        let lone_crs = memchr::memchr_iter(b'\r', seen)
            .filter(|&i| self.bytes.get(self.at + i + 1) != Some(&b'\n'))
            .count();
        self.line += lfs + lone_crs;
        self.at = offset.max(self.at);
        self.line
    }
}

/// Decodes UTF-16 (`le`: little-endian): unpaired surrogates and an odd last byte are an error
/// in strict mode, U+FFFD and a repair line each in lenient mode.
pub(super) fn decode_utf16(
    bytes: &[u8],
    le: bool,
    at_start: At,
    options: &ReadOptions,
    decoded: &mut Decoded,
) -> crate::Result<String> {
    let coder = if le {
        encoding_rs::UTF_16LE
    } else {
        encoding_rs::UTF_16BE
    };
    let (text, had_errors) = coder.decode_without_bom_handling(bytes);
    if !had_errors {
        return Ok(text.into_owned());
    }
    // Where the errors are, for the report (rare: decode again with positions).
    let units = bytes.chunks(2).map(|p| match (p.first(), p.get(1)) {
        (Some(&a), Some(&b)) if le => Ok(u16::from_le_bytes([a, b])),
        (Some(&a), Some(&b)) => Ok(u16::from_be_bytes([a, b])),
        _ => Err(()),
    });
    let mut offset = 0;
    let mut bad = Vec::new();
    let mut pending = Vec::new();
    for unit in units {
        match unit {
            Ok(u) => pending.push((offset, u)),
            Err(()) => bad.push((offset, "an odd last byte")),
        }
        offset += 2;
    }
    let mut i = 0;
    for r in char::decode_utf16(pending.iter().map(|&(_, u)| u)) {
        let at = pending.get(i).map_or(0, |&(o, _)| o);
        match r {
            Ok(c) => i += c.len_utf16(),
            Err(_) => {
                bad.push((at, "an unpaired surrogate"));
                i += 1;
            }
        }
    }
    bad.sort_unstable();
    for (at, what) in bad {
        let at = at_start.offset + at;
        let location = Location::Byte(at);
        let found = format!("{what} at byte {at}");
        match options.mode() {
            Mode::Strict => {
                return Err(Error::Parse(ParseError {
                    input: options.name().to_owned(),
                    location,
                    expected: "UTF-16 text".into(),
                    found,
                }));
            }
            Mode::Lenient => decoded.repairs.push(Problem {
                location,
                action: Action::Repaired,
                reason: "not valid UTF-16; replaced by U+FFFD".into(),
                found,
            }),
        }
    }
    Ok(text.into_owned())
}

/// Replaces CR-only and CRLF line ends with LF.
pub fn normalize_newlines(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\r' {
            if chars.peek() == Some(&'\n') {
                chars.next();
            }
            out.push('\n');
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use strum::VariantArray;

    /// The evidence as `str::Utf8Chunks` counts it (the walk before it skipped ASCII blocks).
    fn utf8_evidence_by_chunks(bytes: &[u8]) -> (usize, usize) {
        let (mut sequences, mut runs, mut in_run) = (0usize, 0usize, false);
        for chunk in bytes.utf8_chunks() {
            let valid = chunk.valid();
            if !valid.is_empty() {
                in_run = false;
                sequences += valid.bytes().filter(|&b| b >= 0xC0).count();
            }
            if !chunk.invalid().is_empty() && !in_run {
                runs += 1;
                in_run = true;
            }
        }
        (sequences, runs)
    }

    /// The legacy scores as they were read before the walk also gathered the UTF-8 evidence:
    /// every byte, one at a time.
    fn legacy_scores_byte_by_byte(bytes: &[u8]) -> LegacyScores {
        let table = plausibility_table();
        let mut scores = LegacyScores::default();
        for (i, &b) in bytes.iter().enumerate() {
            if b >= 0x80 {
                scores.add(table, bytes, i);
            }
        }
        scores.cr_only = !bytes.contains(&b'\n') && bytes.contains(&b'\r');
        if scores.cr_only {
            scores.mac += 2;
        }
        scores
    }

    #[test]
    fn utf8_evidence_counts_as_utf8_chunks_do() {
        let mut cases: Vec<Vec<u8>> = [
            &b""[..],
            b"plain ASCII",
            "caf\u{e9} \u{2019} \u{1F600}".as_bytes(),
            b"\xE2\x80 \xE2\x80\x99 \xE2\x80\xE2\x80\x99\x80\x80a\xF0\x9F\x98",
            b"\xC0\x80\xED\xA0\x80\xF4\x90\x80\x80\xFF\xFE",
            b"Lao People\xD5s Democratic Republic",
            b"CR only\rline \xD5s\r",
            b"CRLF\r\nline \x92s\r\n",
        ]
        .iter()
        .map(|b| b.to_vec())
        .collect();
        // Long ASCII runs around high bytes, across the block boundary.
        let mut long = vec![b'a'; 200];
        for at in [0, 63, 64, 65, 127, 128, 199] {
            long[at] = 0xE9;
        }
        cases.push(long.clone());
        long[100..103].copy_from_slice("\u{2019}".as_bytes());
        cases.push(long);
        // Pseudo-random bytes, half of them high.
        let mut x = 0x2545_F491_4F6C_DD1Du64;
        for _ in 0..200 {
            let v: Vec<u8> = (0..97)
                .map(|_| {
                    x ^= x << 13;
                    x ^= x >> 7;
                    x ^= x << 17;
                    (x >> 24) as u8
                })
                .collect();
            cases.push(v);
        }
        for c in &cases {
            let (utf8, legacy) = high_byte_evidence(c);
            assert_eq!(utf8, utf8_evidence_by_chunks(c), "{c:02X?}");
            assert_eq!(legacy, legacy_scores_byte_by_byte(c), "{c:02X?}");
        }
    }

    #[test]
    fn mac_roman_curly_quotes() {
        assert_eq!(
            decode_mac_roman(b"People\xD5s \xD2x\xD3 \xD0"),
            "People\u{2019}s \u{201C}x\u{201D} \u{2013}"
        );
    }

    /// The text and encoding `bytes` decode to in `mode` with detection, and the repairs' lines.
    fn auto(bytes: &[u8], mode: Mode) -> (String, Encoding, Vec<String>) {
        let options = ReadOptions::new().with_mode(mode);
        let (text, d) = decode_input(bytes.to_vec(), &options).unwrap();
        let repairs = d
            .repairs()
            .iter()
            .map(|p| format!("{}: {} {:?}", p.location, p.reason, p.found))
            .collect();
        (text, d.encoding(), repairs)
    }

    #[test]
    fn auto_prefers_utf8() {
        let (s, e) = decode("Côte".as_bytes(), Encoding::Auto).unwrap();
        assert_eq!(
            (s.as_str(), e.encoding(), e.reason()),
            ("Côte", Encoding::Utf8, "valid UTF-8")
        );
        let (s, e) = decode(b"C\x99te", Encoding::Auto).unwrap();
        assert_eq!((s.as_str(), e.encoding()), ("Côte", Encoding::MacRoman));
    }

    #[test]
    fn windows_1252_and_mac_roman_told_apart_by_their_punctuation() {
        let cases: [(&[u8], &str, Encoding); 6] = [
            (
                b"Lao People\x92s \x93Democratic\x94 Republic \x96 2010",
                "Lao People\u{2019}s \u{201C}Democratic\u{201D} Republic \u{2013} 2010",
                Encoding::Windows1252,
            ),
            (
                b"Lao People\xD5s \xD2Democratic\xD3 Republic \xD0 2010",
                "Lao People\u{2019}s \u{201C}Democratic\u{201D} Republic \u{2013} 2010",
                Encoding::MacRoman,
            ),
            (
                b"Lao People\x92s",
                "Lao People\u{2019}s",
                Encoding::Windows1252,
            ),
            (
                b"R\xE9union, C\xF4te d\x92Ivoire",
                "Réunion, Côte d\u{2019}Ivoire",
                Encoding::Windows1252,
            ),
            (
                b"R\x8Eunion, C\x99te d\xD5Ivoire",
                "Réunion, Côte d\u{2019}Ivoire",
                Encoding::MacRoman,
            ),
            // CR-only line ends tip a tie to Mac OS Roman.
            (b"a\xA0b\rc\r", "a\u{2020}b\rc\r", Encoding::MacRoman),
        ];
        for (bytes, text, encoding) in cases {
            assert_eq!(
                auto(bytes, Mode::Strict),
                (text.to_owned(), encoding, vec![]),
                "{bytes:?}"
            );
        }
        let (_, d) = decode(b"Lao People\x92s", Encoding::Auto).unwrap();
        assert_eq!(
            d.reason(),
            "not UTF-8 (byte 0x92 at byte 10, 0 valid multi-byte sequences); its 1 high bytes read \
             as Windows-1252 score 3, as Mac OS Roman 1; the only byte that is not ASCII is 0x92 \
             at byte 10, so the guess rests on it alone (give the encoding to be sure)"
        );
    }

    #[test]
    fn a_bad_byte_in_utf8_is_an_error_with_its_line_or_a_repair() {
        // (a str literal cannot hold the bad bytes: they are put in by hand)
        let mut bytes = Vec::new();
        bytes.extend_from_slice("Côte d’Ivoire\nLao People\u{2019}s\r\nEgypt ".as_bytes());
        let first = bytes.len();
        bytes.extend_from_slice(b"\x92\x93 x\rend\xFF");
        let err = decode(&bytes, Encoding::Auto).unwrap_err().to_string();
        assert_eq!(
            err,
            format!(
                "<input>: line 3: expected UTF-8 text (bytes 0x92 0x93 at byte {first} is not valid UTF-8), found \"Egypt \u{FFFD}\u{FFFD} x\""
            )
        );
        let (text, encoding, repairs) = auto(&bytes, Mode::Lenient);
        assert_eq!(encoding, Encoding::Utf8);
        assert_eq!(
            text,
            "Côte d’Ivoire\nLao People\u{2019}s\r\nEgypt \u{FFFD}\u{FFFD} x\rend\u{FFFD}"
        );
        assert_eq!(
            repairs,
            [
                format!(
                    "line 3: bytes 0x92 0x93 at byte {first} not valid UTF-8; replaced by U+FFFD \"Egypt \u{FFFD}\u{FFFD} x\""
                ),
                format!(
                    "line 4: byte 0xFF at byte {} not valid UTF-8; replaced by U+FFFD \"end\u{FFFD}\"",
                    bytes.len() - 1
                ),
            ]
        );
        // Asked for UTF-8: the same.
        let err = decode(b"ab\xFF", Encoding::Utf8).unwrap_err();
        assert_eq!(
            err.to_string(),
            "<input>: line 1: expected UTF-8 text (byte 0xFF at byte 2 is not valid UTF-8), found \"ab\u{FFFD}\""
        );
    }

    #[test]
    fn utf16_by_byte_order_mark_or_nuls() {
        let text = "Lao People\u{2019}s\r\nC\u{F4}te";
        let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
        let with_bom = |bom: &[u8], b: &[u8]| [bom, b].concat();
        for (bytes, encoding) in [
            (le.clone(), Encoding::Utf16Le),
            (be.clone(), Encoding::Utf16Be),
            (with_bom(b"\xFF\xFE", &le), Encoding::Utf16Le),
            (with_bom(b"\xFE\xFF", &be), Encoding::Utf16Be),
        ] {
            assert_eq!(
                auto(&bytes, Mode::Strict),
                (text.to_owned(), encoding, vec![])
            );
        }
        // An unpaired surrogate and an odd last byte.
        let mut bad = le.clone();
        bad.extend([0x00, 0xD8, b'x', 0, 7]);
        let err = decode(&bad, Encoding::Auto).unwrap_err().to_string();
        assert_eq!(
            err,
            format!(
                "<input>: byte {}: expected UTF-16 text, found \"an unpaired surrogate at byte {}\"",
                le.len(),
                le.len()
            )
        );
        let (t, _, repairs) = auto(&bad, Mode::Lenient);
        assert_eq!(t, format!("{text}\u{FFFD}x\u{FFFD}"));
        assert_eq!(repairs.len(), 2, "{repairs:?}");
    }

    #[test]
    fn strict_utf8_names_the_offset() {
        let err = decode(b"ab\n\xFF", Encoding::Utf8).unwrap_err();
        assert_eq!(
            err.to_string(),
            "<input>: line 2: expected UTF-8 text (byte 0xFF at byte 3 is not valid UTF-8), found \"\u{FFFD}\""
        );
    }

    #[test]
    fn mac_roman_encoding_round_trips_every_byte() {
        let all: Vec<u8> = (0..=255u8).collect();
        let text = decode_mac_roman(&all);
        assert_eq!(encode_mac_roman(&text).unwrap(), all);
        assert_eq!(
            encode_mac_roman("People\u{2019}s \u{201C}x\u{201D}").unwrap(),
            b"People\xD5s \xD2x\xD3"
        );
    }

    #[test]
    fn mac_roman_table_agrees_with_encoding_rs() {
        let all: Vec<u8> = (0..=255u8).collect();
        let theirs = encoding_rs::MACINTOSH.decode_without_bom_handling(&all).0;
        assert_eq!(decode_mac_roman(&all), theirs);
    }

    #[test]
    fn in_place_decoding_matches() {
        let mut all: Vec<u8> = (0..=255u8).collect();
        all.extend(b"plain ascii run of more than sixty-four bytes, to cross a chunk edge....");
        all.extend([0xD5, b'x', 0xDB, 0xF0]);
        assert_eq!(decode_mac_roman_owned(all.clone()), decode_mac_roman(&all));
        assert_eq!(decode_mac_roman_owned(b"abc".to_vec()), "abc");
        assert_eq!(decode_mac_roman_owned(Vec::new()), "");
    }

    proptest::proptest! {
        #[test]
        fn in_place_decoding_matches_on_any_bytes(bytes in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..400)) {
            proptest::prop_assert_eq!(decode_mac_roman_owned(bytes.clone()), decode_mac_roman(&bytes));
        }
    }

    #[test]
    fn mac_roman_encoding_names_the_first_unencodable_character() {
        assert_eq!(
            encode_mac_roman("ok \u{2713} \u{4E2D}")
                .unwrap_err()
                .to_string(),
            "invalid mac roman text \"\u{2713}\": U+2713 at character 3 has no Mac OS Roman code; write UTF-8 instead"
        );
    }

    #[test]
    fn newlines() {
        assert_eq!(normalize_newlines("a\rb\r\nc\n"), "a\nb\nc\n");
    }

    #[test]
    fn names_are_stable() {
        let names: Vec<String> = Encoding::VARIANTS.iter().map(ToString::to_string).collect();
        assert_eq!(
            names,
            [
                "auto",
                "utf-8",
                "mac-roman",
                "windows-1252",
                "utf-16le",
                "utf-16be"
            ]
        );
    }

    #[test]
    fn names_round_trip() {
        for e in Encoding::VARIANTS {
            assert_eq!(e.to_string().parse::<Encoding>().unwrap(), *e);
        }
    }

    #[test]
    fn one_stray_byte_in_ascii_is_named_as_the_only_evidence() {
        for mode in [Mode::Strict, Mode::Lenient] {
            let options = ReadOptions::new().with_mode(mode);
            let (text, d) =
                decode_input(b"Norway,WEOG\nChile\xFF,GRULAC\n".to_vec(), &options).unwrap();
            assert!(d.repairs().is_empty());
            assert_eq!(text.chars().count(), 26);
            assert!(
                d.reason()
                    .contains("the only byte that is not ASCII is 0xFF at byte 17"),
                "{}",
                d.reason()
            );
        }
        // Two high bytes: evidence, not one byte alone.
        let (_, d) = decode(b"People\xD5s R\xC8union", Encoding::Auto).unwrap();
        assert!(!d.reason().contains("alone"), "{}", d.reason());
    }
}
