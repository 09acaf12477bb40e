//! Text encodings found in UPR data: UTF-8, and Mac OS Roman from old spreadsheet exports.

vocabulary! {
    /// The character encoding of an input.
    #[derive(Default)]
    #[non_exhaustive]
    pub enum Encoding["encoding", name] {
        /// UTF-8 if the bytes are valid UTF-8, otherwise Mac OS Roman (every byte sequence is
        /// valid Mac OS Roman, so detection never fails).
        #[default]
        Auto => "auto";
        /// UTF-8; invalid sequences are an error.
        Utf8 => "utf-8" | "utf8";
        /// Mac OS Roman (`x-mac-roman`), the encoding of the UPR Info export and the report texts.
        MacRoman => "mac-roman" | "macroman" | "mac_roman" | "x-mac-roman";
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
    const CHUNK: usize = 64;
    // A high byte becomes 2 or 3 bytes of UTF-8; UPR files have few (8 in 3.6 MB), so this
    // room is nearly always enough, and the string grows if not.
    let mut out = String::with_capacity(bytes.len() + bytes.len() / 16 + 16);
    let push_ascii = |out: &mut String, run: &[u8]| {
        if let Ok(s) = std::str::from_utf8(run) {
            out.push_str(s);
        }
    };
    // ASCII (nearly all of a UPR file) is copied a run at a time, found a chunk at a time.
    let (mut i, mut run) = (0, 0);
    while i < bytes.len() {
        if bytes.get(i..i + CHUNK).is_some_and(<[u8]>::is_ascii) {
            i += CHUNK;
            continue;
        }
        let stop = (i + CHUNK).min(bytes.len());
        while i < stop {
            if let Some(&b) = bytes.get(i).filter(|&&b| b >= 0x80) {
                push_ascii(&mut out, bytes.get(run..i).unwrap_or_default());
                if let Some(&c) = MAC_ROMAN_HIGH.get(usize::from(b - 0x80)) {
                    out.push(c);
                }
                run = i + 1;
            }
            i += 1;
        }
    }
    push_ascii(&mut out, bytes.get(run..).unwrap_or_default());
    out
}

/// Decodes Mac OS Roman bytes in place: the buffer becomes the string, widened where a high byte
/// needs two or three bytes of UTF-8, so a large file is never held twice.
pub(crate) fn decode_mac_roman_owned(mut bytes: Vec<u8>) -> String {
    const CHUNK: usize = 64;
    // Where the high bytes are (few in UPR files), found a chunk of ASCII at a time.
    let mut high = Vec::new();
    let mut extra = 0usize;
    let mut i = 0;
    while i < bytes.len() {
        if bytes.get(i..i + CHUNK).is_some_and(<[u8]>::is_ascii) {
            i += CHUNK;
            continue;
        }
        let stop = (i + CHUNK).min(bytes.len());
        for (j, &b) in bytes.get(i..stop).unwrap_or_default().iter().enumerate() {
            if let Some(&c) = b
                .checked_sub(0x80)
                .and_then(|k| MAC_ROMAN_HIGH.get(usize::from(k)))
            {
                high.push((i + j, c));
                extra += c.len_utf8() - 1;
            }
        }
        i = stop;
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

/// Decodes bytes in the given encoding, returning the text and the encoding actually used.
///
/// A UTF-8 byte-order mark is removed.
///
/// # Errors
/// [`Encoding::Utf8`] with bytes that are not valid UTF-8 gives [`crate::Error::Invalid`] with the
/// offset of the first bad byte.
pub fn decode(bytes: &[u8], encoding: Encoding) -> crate::Result<(String, Encoding)> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match encoding {
        Encoding::MacRoman => Ok((decode_mac_roman(bytes), Encoding::MacRoman)),
        Encoding::Utf8 => match std::str::from_utf8(bytes) {
            Ok(s) => Ok((s.to_owned(), Encoding::Utf8)),
            Err(e) => Err(crate::Error::invalid(
                "utf-8 text",
                format!("byte {}", e.valid_up_to()),
                "not valid UTF-8; try Encoding::MacRoman or Encoding::Auto",
            )),
        },
        Encoding::Auto => match std::str::from_utf8(bytes) {
            Ok(s) => Ok((s.to_owned(), Encoding::Utf8)),
            Err(_) => Ok((decode_mac_roman(bytes), Encoding::MacRoman)),
        },
    }
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

    #[test]
    fn mac_roman_curly_quotes() {
        assert_eq!(
            decode_mac_roman(b"People\xD5s \xD2x\xD3 \xD0"),
            "People\u{2019}s \u{201C}x\u{201D} \u{2013}"
        );
    }

    #[test]
    fn auto_prefers_utf8() {
        let (s, e) = decode("Côte".as_bytes(), Encoding::Auto).unwrap();
        assert_eq!((s.as_str(), e), ("Côte", Encoding::Utf8));
        let (s, e) = decode(b"C\x99te", Encoding::Auto).unwrap();
        assert_eq!((s.as_str(), e), ("Côte", Encoding::MacRoman));
    }

    #[test]
    fn strict_utf8_names_the_offset() {
        let err = decode(b"ab\xFF", Encoding::Utf8).unwrap_err();
        assert_eq!(
            err.to_string(),
            r#"invalid utf-8 text "byte 2": not valid UTF-8; try Encoding::MacRoman or Encoding::Auto"#
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
        assert_eq!(names, ["auto", "utf-8", "mac-roman"]);
    }

    #[test]
    fn names_round_trip() {
        for e in Encoding::VARIANTS {
            assert_eq!(e.to_string().parse::<Encoding>().unwrap(), *e);
        }
    }
}
