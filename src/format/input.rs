//! An input decoded a buffer at a time: what a streaming reader splits.
//!
//! The encoding is told as [`encoding`] tells it, from the first 8 MiB of the input (the whole
//! input when it is already in memory, as the readers that take bytes have it); the report's
//! reason says when only a first part was seen. When that part is all ASCII
//! (read the same in every encoding but UTF-16), the encoding is told at the first byte that is
//! not, from the 8 MiB that start there, so a late accented letter in a long export is read
//! as the whole-input reader reads it. Bytes after that which are
//! not valid in the encoding chosen are an error in strict mode and a repair line in lenient
//! mode, named by their offset in the whole input and their line, as the whole-input decoder
//! names them. A character cut by a buffer's end is carried to the next buffer, so the text is
//! the same whatever the buffer size.

use std::io::Read;

use super::ReadOptions;
use super::encoding::{self, At, Decoded, Encoding};
use crate::{Error, Result};

/// How many bytes a buffer decodes at a time.
pub(crate) const CHUNK: usize = 1 << 18;

/// How many bytes the encoding is told from when the input is read as it comes.
const SNIFF: usize = 8 << 20;

/// An input's bytes, decoded to text on demand.
pub(crate) struct TextInput<R> {
    reader: R,
    /// Bytes read and not yet decoded: `bytes[start..]`.
    bytes: Vec<u8>,
    start: usize,
    /// Where `bytes[start]` is in the whole input.
    at: At,
    /// The last byte decoded was a CR (a line end unless an LF follows).
    cr: bool,
    /// The reader has nothing more.
    eof: bool,
    /// How the input is decoded, once told.
    decoded: Option<Decoded>,
    options: ReadOptions,
    /// The bytes are text already decoded (UTF-8), whatever `decoded` reports.
    decoded_already: bool,
    /// Everything so far is ASCII: the encoding is told at the first byte that is not.
    ascii_so_far: bool,
}

impl<R: Read> TextInput<R> {
    /// An input read as it comes.
    pub(crate) fn new(reader: R, options: &ReadOptions) -> Self {
        TextInput {
            reader,
            bytes: Vec::new(),
            start: 0,
            at: At::START,
            cr: false,
            eof: false,
            decoded: None,
            options: options.clone(),
            decoded_already: false,
            ascii_so_far: false,
        }
    }
}

impl TextInput<std::io::Empty> {
    /// An input already in memory (its encoding told from all of it).
    pub(crate) fn from_bytes(bytes: Vec<u8>, options: &ReadOptions) -> Self {
        let mut input = TextInput::new(std::io::empty(), options);
        input.bytes = bytes;
        input.eof = true;
        input.tell_encoding();
        input
    }

    /// An input already decoded, as `decoded` says (its text is split as it is).
    pub(crate) fn from_text(text: String, decoded: Decoded, options: &ReadOptions) -> Self {
        let options = options.clone().with_encoding(Encoding::Utf8);
        let mut input = TextInput::new(std::io::empty(), &options);
        input.bytes = text.into_bytes();
        input.eof = true;
        input.decoded = Some(decoded);
        input.decoded_already = true;
        input
    }
}

impl<R: Read> TextInput<R> {
    /// Whether every byte of the input is decoded.
    pub(crate) fn is_done(&self) -> bool {
        self.eof && self.start >= self.bytes.len()
    }

    /// How the input is decoded (the encoding, why, and the repairs so far).
    pub(crate) fn decoded(&self) -> Decoded {
        self.decoded
            .clone()
            .unwrap_or_else(|| Decoded::carried(self.encoding_asked(), "empty input".into()))
    }

    fn encoding_asked(&self) -> Encoding {
        match self.options.encoding() {
            Encoding::Auto => Encoding::Utf8,
            asked => asked,
        }
    }

    /// Decodes at least `want` more bytes (fewer at the end of the input) and appends their text
    /// to `text`.
    ///
    /// # Errors
    /// A read error, or in strict mode bytes not valid in the encoding.
    pub(crate) fn fill(&mut self, text: &mut String, want: usize) -> Result<()> {
        // Bytes carried from the last buffer (a cut character) and at least one more.
        let carried = self.bytes.len() - self.start;
        let need = if self.decoded.is_none() {
            want.max(SNIFF)
        } else {
            want.max(carried + 1)
        };
        self.read_up_to(need)?;
        if self.decoded.is_none() {
            self.tell_encoding();
        }
        if self.ascii_so_far {
            let avail = self.bytes.get(self.start..).unwrap_or_default();
            match super::encoding::next_high(avail, 0) {
                None => {}
                Some(0) => {
                    self.read_up_to(SNIFF)?;
                    self.tell_encoding_again();
                }
                Some(ascii) => {
                    // The ASCII before it, as it is; the encoding is told on the next call.
                    let chunk = avail.get(..ascii).unwrap_or_default();
                    text.push_str(std::str::from_utf8(chunk).unwrap_or_default());
                    self.count_lines(ascii);
                    self.start += ascii;
                    return Ok(());
                }
            }
        }
        let encoding = match &self.decoded {
            Some(d) if !self.decoded_already => d.encoding(),
            _ => Encoding::Utf8,
        };
        let avail = self.bytes.get(self.start..).unwrap_or_default();
        let end = if self.eof {
            avail.len()
        } else {
            whole_characters(avail, encoding)
        };
        let chunk = avail.get(..end).unwrap_or_default();
        let at = self.at;
        let decoded = self.decoded.get_or_insert_with(|| Decoded::from(encoding));
        match encoding {
            Encoding::MacRoman => text.push_str(&encoding::decode_mac_roman(chunk)),
            Encoding::Windows1252 => {
                text.push_str(
                    &encoding_rs::WINDOWS_1252
                        .decode_without_bom_handling(chunk)
                        .0,
                );
            }
            Encoding::Utf16Le | Encoding::Utf16Be => text.push_str(&encoding::decode_utf16(
                chunk,
                encoding == Encoding::Utf16Le,
                at,
                &self.options,
                decoded,
            )?),
            Encoding::Utf8 | Encoding::Auto => match std::str::from_utf8(chunk) {
                Ok(s) => text.push_str(s),
                Err(_) => {
                    text.push_str(&encoding::decode_bad_utf8(
                        chunk,
                        at,
                        &self.options,
                        decoded,
                    )?);
                }
            },
        }
        self.count_lines(end);
        self.start += end;
        Ok(())
    }

    /// Reads until `need` bytes wait to be decoded, or the reader is exhausted.
    fn read_up_to(&mut self, need: usize) -> Result<()> {
        if self.eof || self.bytes.len() - self.start >= need {
            return Ok(());
        }
        // Bytes already decoded are dropped before reading more (amortised: at most as many
        // bytes are moved as are read).
        self.bytes.drain(..self.start);
        self.start = 0;
        // `take` + `read_to_end` fills the vector's spare room without zeroing it first.
        let want = need - self.bytes.len();
        let got = (&mut self.reader)
            .take(want as u64)
            .read_to_end(&mut self.bytes)
            .map_err(|e| Error::read(self.options.name(), e))?;
        if got < want {
            self.eof = true;
        }
        Ok(())
    }

    /// Tells the encoding from the bytes read so far, and drops a byte-order mark.
    fn tell_encoding(&mut self) {
        let head = self.bytes.get(self.start..).unwrap_or_default();
        let (encoding, reason) = match self.options.encoding() {
            Encoding::Auto => {
                // A character cut by the end of what was read is not evidence against UTF-8.
                let seen = evidence(head, self.eof);
                let (encoding, reason) = encoding::detect(seen);
                self.ascii_so_far = !self.eof && seen.is_ascii() && encoding == Encoding::Utf8;
                if self.eof {
                    (encoding, reason)
                } else {
                    (
                        encoding,
                        format!("{reason} (in the first {} bytes)", seen.len()),
                    )
                }
            }
            asked => (asked, "asked for".to_owned()),
        };
        let bom: &[u8] = match encoding {
            Encoding::Utf16Le => b"\xFF\xFE",
            Encoding::Utf16Be => b"\xFE\xFF",
            _ => b"\xEF\xBB\xBF",
        };
        if head.starts_with(bom) {
            self.start += bom.len();
            self.at.offset += bom.len();
        }
        self.decoded = Some(Decoded::carried(encoding, reason));
    }

    /// Tells the encoding at the first byte that is not ASCII (the next to decode), from the
    /// bytes from there on.
    fn tell_encoding_again(&mut self) {
        self.ascii_so_far = false;
        let avail = self.bytes.get(self.start..).unwrap_or_default();
        let seen = evidence(avail, self.eof);
        let (encoding, reason) = match encoding::detect(seen) {
            // Not from the middle of an input that began as ASCII.
            (Encoding::Utf16Le | Encoding::Utf16Be, _) => (
                Encoding::Utf8,
                "ASCII, then bytes that are not (read as UTF-8)".to_owned(),
            ),
            found => found,
        };
        let reason = format!(
            "{reason} (told at byte {}, the first that is not ASCII, from the {} bytes after it)",
            self.at.offset,
            seen.len()
        );
        self.decoded = Some(Decoded::carried(encoding, reason));
    }

    /// Counts the line ends (LF, CRLF, lone CR) in the next `n` bytes, for the positions of bad
    /// bytes after them.
    fn count_lines(&mut self, n: usize) {
        let span = self
            .bytes
            .get(self.start..self.start + n)
            .unwrap_or_default();
        if span.is_empty() {
            return;
        }
        let lf = memchr::memchr_iter(b'\n', span).count();
        let lone_cr = memchr::memchr_iter(b'\r', span)
            .filter(|&i| span.get(i + 1).is_some_and(|&b| b != b'\n'))
            .count();
        // A CR that ended the last buffer is a line end unless this one starts with an LF.
        let carried = usize::from(self.cr && span.first() != Some(&b'\n'));
        self.cr = span.last() == Some(&b'\r');
        self.at.line += lf + lone_cr + carried;
        self.at.offset += n;
    }
}

/// The bytes an encoding is told from: all of them, but a UTF-8 character cut by their end when
/// more input follows (that is no evidence against UTF-8).
fn evidence(bytes: &[u8], eof: bool) -> &[u8] {
    match std::str::from_utf8(bytes) {
        Err(e) if !eof && e.error_len().is_none() => {
            bytes.get(..e.valid_up_to()).unwrap_or_default()
        }
        _ => bytes,
    }
}

/// How many leading bytes of `bytes` end on a character boundary in `encoding` (more bytes
/// follow them).
fn whole_characters(bytes: &[u8], encoding: Encoding) -> usize {
    match encoding {
        Encoding::Utf16Le | Encoding::Utf16Be => {
            let even = bytes.len() & !1;
            // A high surrogate at the end waits for its pair.
            let last = bytes.get(even.saturating_sub(2)..even).and_then(|u| {
                let u = [*u.first()?, *u.get(1)?];
                Some(if encoding == Encoding::Utf16Le {
                    u16::from_le_bytes(u)
                } else {
                    u16::from_be_bytes(u)
                })
            });
            match last {
                Some(0xD800..=0xDBFF) => even - 2,
                _ => even,
            }
        }
        Encoding::Utf8 | Encoding::Auto => {
            // Back over at most three continuation bytes to a lead byte whose sequence is cut.
            let len = bytes.len();
            for back in 1..=len.min(4) {
                let b = bytes.get(len - back).copied().unwrap_or_default();
                if b < 0x80 {
                    return len;
                }
                if b >= 0xC0 {
                    let needs = if b >= 0xF0 {
                        4
                    } else if b >= 0xE0 {
                        3
                    } else {
                        2
                    };
                    return if needs > back { len - back } else { len };
                }
            }
            len
        }
        _ => bytes.len(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::format::Mode;

    /// A reader that hands out at most `step` bytes per read.
    struct Trickle<'a> {
        bytes: &'a [u8],
        step: usize,
    }

    impl Read for Trickle<'_> {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            let n = self.step.min(buf.len()).min(self.bytes.len());
            let (head, rest) = self.bytes.split_at(n);
            buf.get_mut(..n).unwrap_or_default().copy_from_slice(head);
            self.bytes = rest;
            Ok(n)
        }
    }

    /// The text `bytes` decode to, `want` bytes at a time, and the decoding.
    fn decode_in_steps(
        bytes: &[u8],
        want: usize,
        options: &ReadOptions,
    ) -> Result<(String, Decoded)> {
        let mut input = TextInput::new(Trickle { bytes, step: 3 }, options);
        let mut text = String::new();
        while !input.is_done() {
            input.fill(&mut text, want)?;
        }
        Ok((text, input.decoded()))
    }

    #[test]
    fn every_buffer_size_decodes_as_the_whole() {
        let cases: [&[u8]; 5] = [
            "\u{feff}Côte d’Ivoire\r\nTürkiye 😀\r".as_bytes(),
            b"People\xD5s R\xE9publique\rnext",
            b"\xFF\xFEa\x00\x3D\xD8\x00\xDE\xE9\x00",
            b"ok \xC3\xA9 then \xFF bad \xC3\xA9",
            b"",
        ];
        for bytes in cases {
            for mode in [Mode::Strict, Mode::Lenient] {
                let options = ReadOptions::new().with_mode(mode);
                let whole = encoding::decode_input(bytes.to_vec(), &options);
                for want in [1, 2, 3, 5, 64] {
                    let got = decode_in_steps(bytes, want, &options);
                    match (&whole, &got) {
                        (Ok((t, d)), Ok((t2, d2))) => {
                            assert_eq!(t, t2, "{bytes:?} by {want}");
                            assert_eq!(d.encoding(), d2.encoding());
                            // The text shown around a bad byte is taken from its buffer.
                            let at = |d: &Decoded| -> Vec<_> {
                                d.repairs()
                                    .iter()
                                    .map(|p| (p.location, p.reason.clone()))
                                    .collect()
                            };
                            assert_eq!(at(d), at(d2), "{bytes:?} by {want}");
                        }
                        (Err(Error::Parse(e)), Err(Error::Parse(e2))) => {
                            assert_eq!((e.location, &e.expected), (e2.location, &e2.expected));
                        }
                        _ => panic!("{bytes:?} by {want}: {whole:?} against {got:?}"),
                    }
                }
            }
        }
    }

    #[test]
    fn a_bad_byte_after_the_first_buffer_is_named_in_the_whole_input() {
        let lines = SNIFF / 8 + 100_000;
        let mut bytes = "é line\n".repeat(lines).into_bytes();
        let at = bytes.len() - 3;
        bytes.insert(at, 0xFF);
        let options = ReadOptions::new().with_mode(Mode::Lenient);
        let (_, d) = decode_in_steps(&bytes, CHUNK, &options).unwrap();
        assert!(d.reason().contains("in the first"), "{}", d.reason());
        let [repair] = d.repairs() else {
            panic!("{:?}", d.repairs())
        };
        assert!(
            repair.reason.contains(&format!("at byte {at}")),
            "{repair:?}"
        );
        assert_eq!(repair.location, crate::Location::Line(lines));
        let err = decode_in_steps(&bytes, CHUNK, &ReadOptions::new()).unwrap_err();
        assert!(err.to_string().contains(&format!("line {lines}")), "{err}");
    }

    #[test]
    fn an_ascii_start_leaves_the_encoding_to_the_first_byte_that_is_not() {
        // Mac OS Roman after more ASCII than the first look takes: read as Mac OS Roman, not
        // as UTF-8 with a bad byte (an error in strict mode).
        let mut bytes = "Norway,WEOG\r".repeat(SNIFF / 12 + 10).into_bytes();
        let at = bytes.len();
        bytes.extend_from_slice(b"Lao People\xD5s Democratic Republic\r");
        let options = ReadOptions::new();
        let (text, d) = decode_in_steps(&bytes, CHUNK, &options).unwrap();
        assert_eq!(d.encoding(), Encoding::MacRoman, "{}", d.reason());
        let first = at + "Lao People".len();
        assert!(
            d.reason().contains(&format!("told at byte {first}")),
            "{}",
            d.reason()
        );
        assert!(text.ends_with("Lao People\u{2019}s Democratic Republic\r"));
        assert_eq!(text.len(), bytes.len() + 2);
        // UTF-8 late: UTF-8.
        let mut bytes = "Norway,WEOG\n".repeat(SNIFF / 12 + 10).into_bytes();
        bytes.extend_from_slice("Côte d’Ivoire\n".as_bytes());
        let (text, d) = decode_in_steps(&bytes, CHUNK, &options).unwrap();
        assert_eq!(d.encoding(), Encoding::Utf8);
        assert!(text.ends_with("Côte d’Ivoire\n"));
    }
}
