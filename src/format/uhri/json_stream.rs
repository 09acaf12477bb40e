//! The UHRI JSON layout read one array item at a time: the whole UHRI export is hundreds of MB
//! of JSON, so the array is never held. The top-level array is scanned by
//! [`JsonItems`](crate::format::json_items) and each item read as the whole-text reader reads it.

use std::io::Read;

use super::UhriRecord;
use super::json::read_item;
use crate::Result;
use crate::format::input::TextInput;
use crate::format::json_items::{Envelope, JsonItems};
use crate::format::{ReadOptions, ReadReport, RecordStream};

/// UHRI records read from the JSON layout one array item at a time: the top-level array is
/// scanned to find where each item ends, and each item is parsed on its own. The report at the
/// end is the one [`read_json`](super::read_json) returns.
pub struct JsonRecords<R>(JsonItems<R, UhriRecord>);

impl<R> std::fmt::Debug for JsonRecords<R> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("uhri::JsonRecords")
            .field("records", &self.0.items())
            .finish_non_exhaustive()
    }
}

impl<R: Read> JsonRecords<R> {
    pub(super) fn new(input: TextInput<R>, options: &ReadOptions) -> Self {
        let envelope = Envelope::Array {
            what: "UHRI records",
        };
        JsonRecords(JsonItems::new(
            input,
            envelope,
            options,
            Box::new(|v, n, problems| read_item(&v, n, problems)),
        ))
    }

    /// With buffers of `bytes` (tests read with tiny ones).
    #[cfg(test)]
    fn with_buffer(self, bytes: usize) -> Self {
        JsonRecords(self.0.with_buffer(bytes))
    }
}

impl<R: Read> Iterator for JsonRecords<R> {
    type Item = Result<UhriRecord>;

    fn next(&mut self) -> Option<Self::Item> {
        self.0.next()
    }
}

impl<R: Read> RecordStream for JsonRecords<R> {
    type Record = UhriRecord;

    fn finish(&mut self) -> Result<ReadReport> {
        self.0.finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::format::Parsed;

    const JSON: &str = "\u{feff} [\r\n {\"Text\": \"Ratify the \\\"OP\\\" [x] {y}, now (Chile)\",\n \
        \"UprRecommendingCountry\": [\"Chile\"], \"UprPositions\": \"Supported\"} ,\n\
        {\"Text\": \"Close camps (Canada)\", \"UprRecommendingCountry\": \"Canada\",\
        \"UprPositions\": [\"Noted\"], \"Themes\": {\"bad\": 1}},\n\
        7, {\"Text\": \"Abolish it (Norway)\", \"UprRecommendingCountry\": \"Norway\"}\n]\n";

    fn read(text: &str, buffer: usize, options: &ReadOptions) -> Result<Parsed<UhriRecord>> {
        let input = TextInput::new(text.as_bytes(), options);
        JsonRecords::new(input, options)
            .with_buffer(buffer)
            .collect_parsed()
    }

    #[test]
    fn every_buffer_size_reads_as_one_buffer() {
        let options = ReadOptions::lenient();
        let whole = read(JSON, 1 << 20, &options).unwrap();
        assert_eq!(whole.records.len(), 3, "{}", whole.report);
        // The number is skipped, the object in Themes repaired.
        assert_eq!(whole.report.skipped().count(), 1, "{}", whole.report);
        assert_eq!(whole.records[0].text, "Ratify the \"OP\" [x] {y}, now");
        for buffer in 1..60 {
            let got = read(JSON, buffer, &options).unwrap();
            assert_eq!(got.records, whole.records, "buffer {buffer}");
            assert_eq!(got.report, whole.report, "buffer {buffer}");
        }
    }

    #[test]
    fn broken_arrays_are_errors_with_their_line() {
        let cases = [
            ("", "expected JSON"),
            ("{}", "input: expected a JSON array of UHRI records"),
            (
                "[{\"Text\": \"a\"}\n{\"Text\": \"b\"}]",
                "line 2: expected a , or ] after an array item",
            ),
            (
                "[{\"Text\": \"a\"}] x",
                "line 1: expected nothing after the array's ]",
            ),
            (
                "[\n{\"Text\": \"a\",\n",
                "line 3: expected JSON, found \"EOF while parsing",
            ),
            (
                "[\n\n{\"Text\": \"a\", \"Text\": \"b\"}]",
                "line 3: expected JSON, found \"duplicate key",
            ),
        ];
        for (text, message) in cases {
            for buffer in [1, 3, 1 << 20] {
                let e = read(text, buffer, &ReadOptions::lenient())
                    .unwrap_err()
                    .to_string();
                assert!(e.contains(message), "{text:?} by {buffer}: {e}");
            }
        }
    }
}
