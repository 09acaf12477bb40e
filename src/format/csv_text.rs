//! A CSV splitter over decoded text that borrows its fields.
//!
//! It reads exactly what the `csv` crate reads with its default settings and `flexible(true)`
//! (comma, double quote, doubled quotes as escapes, `\r`, `\n` or `\r\n` ending a record, blank
//! lines skipped, a quote inside an unquoted field kept as is, text after a closing quote appended
//! to the field, an unclosed quote running to the end of the input); a differential test below
//! holds it to that. It exists for speed: fields are slices of the text (owned only when a
//! doubled quote must be undone), found with `memchr`, so a reader validates and decodes its input
//! once instead of once per field.

use std::borrow::Cow;

/// Splits `text` into records.
pub(crate) struct Records<'a> {
    text: &'a str,
    pos: usize,
}

impl<'a> Records<'a> {
    pub(crate) fn new(text: &'a str) -> Self {
        Records { text, pos: 0 }
    }

    fn bytes(&self) -> &'a [u8] {
        self.text.as_bytes()
    }

    /// A slice of the text between two ASCII delimiters (always on character boundaries).
    fn slice(&self, start: usize, end: usize) -> &'a str {
        self.text.get(start..end).unwrap_or_default()
    }

    /// The end of an unquoted run starting at `from`: the next comma or line end.
    fn run_end(&self, from: usize) -> usize {
        let rest = self.bytes().get(from..).unwrap_or_default();
        memchr::memchr3(b',', b'\r', b'\n', rest).map_or(self.text.len(), |i| from + i)
    }

    /// Reads the next record into `fields` (cleared first); `false` at the end of the input.
    pub(crate) fn next_into(&mut self, fields: &mut Vec<Cow<'a, str>>) -> bool {
        fields.clear();
        let bytes = self.bytes();
        let len = bytes.len();
        while matches!(bytes.get(self.pos), Some(b'\r' | b'\n')) {
            self.pos += 1;
        }
        if self.pos >= len {
            return false;
        }
        loop {
            let field = if bytes.get(self.pos) == Some(&b'"') {
                self.quoted()
            } else {
                let end = self.run_end(self.pos);
                let f = Cow::Borrowed(self.slice(self.pos, end));
                self.pos = end;
                f
            };
            fields.push(field);
            match bytes.get(self.pos) {
                Some(b',') => self.pos += 1,
                _ => return true, // a line end (consumed by the next call) or the end
            }
        }
    }

    /// A quoted field starting at the opening quote; leaves `pos` on the byte after it.
    fn quoted(&mut self) -> Cow<'a, str> {
        let bytes = self.bytes();
        self.pos += 1;
        let mut start = self.pos;
        let mut owned: Option<String> = None;
        loop {
            let rest = bytes.get(self.pos..).unwrap_or_default();
            let Some(i) = memchr::memchr(b'"', rest) else {
                // Unclosed: the field runs to the end of the input.
                let tail = self.slice(start, bytes.len());
                self.pos = bytes.len();
                return join(owned, tail);
            };
            let q = self.pos + i;
            if bytes.get(q + 1) == Some(&b'"') {
                // A doubled quote: keep one.
                owned
                    .get_or_insert_with(String::new)
                    .push_str(self.slice(start, q + 1));
                self.pos = q + 2;
                start = self.pos;
                continue;
            }
            let inside = self.slice(start, q);
            self.pos = q + 1;
            return match bytes.get(self.pos) {
                None | Some(b',' | b'\r' | b'\n') => join(owned, inside),
                Some(_) => {
                    // Text after the closing quote belongs to the field, quotes and all.
                    let end = self.run_end(self.pos);
                    let mut s = owned.unwrap_or_default();
                    s.push_str(inside);
                    s.push_str(self.slice(self.pos, end));
                    self.pos = end;
                    Cow::Owned(s)
                }
            };
        }
    }
}

fn join<'a>(owned: Option<String>, tail: &'a str) -> Cow<'a, str> {
    match owned {
        None => Cow::Borrowed(tail),
        Some(mut s) => {
            s.push_str(tail);
            Cow::Owned(s)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn split(text: &str) -> Vec<Vec<String>> {
        let mut r = Records::new(text);
        let mut fields = Vec::new();
        let mut out = Vec::new();
        while r.next_into(&mut fields) {
            out.push(fields.iter().map(|f| f.to_string()).collect());
        }
        out
    }

    fn csv_crate(text: &str) -> Vec<Vec<String>> {
        let mut rdr = csv::ReaderBuilder::new()
            .flexible(true)
            .has_headers(false)
            .from_reader(text.as_bytes());
        rdr.records()
            .map(|r| r.unwrap().iter().map(str::to_owned).collect())
            .collect()
    }

    #[test]
    fn cases() {
        assert_eq!(
            split("a,\"b,\"\"c\"\"\",\r\r\n\"x\ny\"z,\"q"),
            vec![vec!["a", "b,\"c\"", ""], vec!["x\nyz", "q"],]
        );
        assert!(split("").is_empty());
        assert!(split("\r\n\n").is_empty());
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 2000, failure_persistence: None, ..ProptestConfig::default() })]
        #[test]
        fn same_as_the_csv_crate(text in "[a\",\r\n é]{0,40}") {
            prop_assert_eq!(split(&text), csv_crate(&text));
        }
    }
}
