//! A CSV export read a buffer at a time: the one path every CSV reader takes, whole or streamed.
//!
//! [`CsvStream`] decodes its input in buffers ([`TextInput`]), splits each with the borrowing
//! splitter ([`Records::resume`], partial input), and hands each record's fields to the format's
//! [`RowParser`], which makes an owned row of them (or skips the record, with a report line).
//! Only the rows of one buffer are held at a time, so memory does not grow with the input. A
//! record longer than a buffer is read by doubling what is decoded until it ends, so time stays
//! linear in the input however long a record (an unclosed quote runs to the end of the input).

use std::borrow::Cow;
use std::io::Read;

use super::csv_text::{Cursor, Merge, Next, Records};
use super::encoding::Decoded;
use super::input::{CHUNK, TextInput};
use super::stream::Outbox;
use super::{Problems, ReadOptions, ReadReport, RecordStream};
use crate::Result;

/// What a format makes of a CSV export's records.
pub(crate) trait RowParser: Sized {
    /// The row a record becomes.
    type Row;

    /// From the header's fields (none: the input is empty); an error if the header lacks what
    /// the format needs.
    fn from_header(header: &[Cow<'_, str>], options: &ReadOptions) -> Result<Self>;

    /// The header's width (for the splitter's merge check).
    fn width(&self) -> usize;

    /// One record: the row, or `None` for a record passed over or skipped (reported), an error
    /// in strict mode.
    fn row(&mut self, fields: &[Cow<'_, str>], merge: Option<Merge>) -> Result<Option<Self::Row>>;

    /// The problems found, for the report.
    fn into_problems(self) -> Problems;
}

/// Rows read from a CSV input one at a time (see the [module docs](self)).
pub(crate) struct CsvStream<R, P: RowParser> {
    input: TextInput<R>,
    /// Decoded text not yet split.
    text: String,
    cursor: Cursor,
    parser: Option<P>,
    out: Outbox<P::Row>,
    /// How much to decode at a time.
    buffer: usize,
    /// How much to decode next (more than `buffer` while a record is longer than it).
    want: usize,
    state: State,
    options: ReadOptions,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    Reading,
    /// Every record is split (what is ready is still to be handed out).
    Ended,
    /// A strict-mode error is ready: nothing is read after it.
    Failed,
}

impl<P: RowParser> CsvStream<std::io::Empty, P> {
    /// Over an input already in memory.
    pub(crate) fn from_bytes(bytes: Vec<u8>, options: &ReadOptions) -> Self {
        Self::over(TextInput::from_bytes(bytes, options), options)
    }

    /// Over an input already decoded, as `decoded` says.
    pub(crate) fn from_text(text: String, decoded: Decoded, options: &ReadOptions) -> Self {
        Self::over(TextInput::from_text(text, decoded, options), options)
    }
}

impl<R: Read, P: RowParser> CsvStream<R, P> {
    /// Over an input read as it comes.
    pub(crate) fn new(reader: R, options: &ReadOptions) -> Self {
        Self::over(TextInput::new(reader, options), options)
    }

    fn over(input: TextInput<R>, options: &ReadOptions) -> Self {
        CsvStream {
            input,
            text: String::new(),
            cursor: Cursor::start(),
            parser: None,
            out: Outbox::new(),
            buffer: CHUNK,
            want: CHUNK,
            state: State::Reading,
            options: options.clone(),
        }
    }

    /// With buffers of `bytes` (tests read with tiny ones).
    #[cfg(test)]
    pub(crate) fn with_buffer(mut self, bytes: usize) -> Self {
        self.buffer = bytes.max(1);
        self.want = self.buffer;
        self
    }

    /// Reads the header, as the first thing a stream does: an error in the header is the
    /// stream's constructor's error.
    pub(crate) fn header(mut self) -> Result<Self> {
        while self.parser.is_none() && self.state == State::Reading {
            self.fill();
        }
        match self.out.first_error() {
            Some(e) => Err(e),
            None => Ok(self),
        }
    }

    /// Splits the next buffer into rows (or finds the end, or an error).
    fn fill(&mut self) {
        if self.text.len() < self.want && !self.input.is_done() {
            let want = self.want;
            if let Err(e) = self.input.fill(&mut self.text, want) {
                self.fail(e);
                return;
            }
        }
        let partial = !self.input.is_done();
        let mut fields: Vec<Cow<'_, str>> = Vec::new();
        let mut csv = Records::resume(&self.text, self.cursor, partial);
        let mut progressed = false;
        loop {
            if let Some(p) = &self.parser {
                csv.set_width(p.width());
            }
            match csv.next_record(&mut fields) {
                Next::Record => {
                    progressed = true;
                    let Some(parser) = self.parser.as_mut() else {
                        match P::from_header(&fields, &self.options) {
                            Ok(p) => self.parser = Some(p),
                            Err(e) => {
                                self.out.push(Err(e));
                                self.state = State::Failed;
                                return;
                            }
                        }
                        continue;
                    };
                    match parser.row(&fields, csv.merge()) {
                        Ok(Some(row)) => self.out.push(Ok(row)),
                        Ok(None) => {}
                        Err(e) => {
                            self.out.push(Err(e));
                            self.state = State::Failed;
                            return;
                        }
                    }
                }
                Next::More => break,
                Next::End => {
                    if self.parser.is_none() {
                        match P::from_header(&[], &self.options) {
                            Ok(p) => self.parser = Some(p),
                            Err(e) => {
                                self.out.push(Err(e));
                                self.state = State::Failed;
                                return;
                            }
                        }
                    }
                    self.state = State::Ended;
                    break;
                }
            }
        }
        let (used, cursor) = csv.carry();
        drop(fields);
        self.text.drain(..used);
        self.cursor = cursor;
        // A record longer than the buffer: decode twice as much before splitting again, so that
        // a long record is split O(log n) times.
        self.want = if progressed {
            self.buffer
        } else {
            self.want.max(self.text.len()).saturating_mul(2)
        };
    }

    fn fail(&mut self, e: crate::Error) {
        self.out.push(Err(e));
        self.state = State::Failed;
    }
}

impl<R: Read, P: RowParser> Iterator for CsvStream<R, P> {
    type Item = Result<P::Row>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(row) = self.out.pop(self.options.name()) {
                return Some(row);
            }
            if self.state != State::Reading {
                return None;
            }
            self.fill();
        }
    }
}

impl<R: Read, P: RowParser> RecordStream for CsvStream<R, P> {
    type Record = P::Row;

    fn finish(&mut self) -> Result<ReadReport> {
        if let Some(settled) = self.out.settled(self.options.name()) {
            return settled;
        }
        for row in self.by_ref() {
            row?;
        }
        let problems = self.parser.take().map(P::into_problems);
        Ok(self
            .out
            .settle(problems, self.input.decoded(), &self.options))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Location;
    use crate::format::Parsed;

    /// Rows as their fields; a cut record is a repair line.
    struct Fields {
        width: usize,
        problems: Problems,
        n: usize,
    }

    impl RowParser for Fields {
        type Row = Vec<String>;

        fn from_header(header: &[Cow<'_, str>], options: &ReadOptions) -> Result<Self> {
            Ok(Fields {
                width: header.len(),
                problems: Problems::new(options),
                n: 0,
            })
        }

        fn width(&self) -> usize {
            self.width
        }

        fn row(
            &mut self,
            fields: &[Cow<'_, str>],
            merge: Option<Merge>,
        ) -> Result<Option<Self::Row>> {
            self.n += 1;
            if let Some(m) = merge {
                self.problems
                    .repair(Location::Record(self.n), m.expected(), &fields.join(","));
            }
            Ok(Some(fields.iter().map(|f| f.to_string()).collect()))
        }

        fn into_problems(self) -> Problems {
            self.problems
        }
    }

    fn read(bytes: &[u8], buffer: usize) -> Parsed<Vec<String>> {
        CsvStream::<_, Fields>::new(bytes, &ReadOptions::lenient())
            .with_buffer(buffer)
            .header()
            .unwrap()
            .collect_parsed()
            .unwrap()
    }

    #[test]
    fn every_buffer_size_reads_as_one_buffer() {
        let text: &[u8] = b"\xEF\xBB\xBFa,b,c\r\n1,\"x\r\ny\",z\r2,\"q\"\"\",r\n\n3,\"open,\r4,p,q\r\n5,\"C\xC3\xB4te\",\xE2\x80\x99\r\n6,,";
        let whole = read(text, 1 << 20);
        assert_eq!(whole.records.len(), 6, "{:?}", whole.records);
        assert_eq!(whole.report.problems.len(), 1, "{:?}", whole.report);
        for buffer in 1..40 {
            let got = read(text, buffer);
            assert_eq!(got.records, whole.records, "buffer {buffer}");
            assert_eq!(got.report, whole.report, "buffer {buffer}");
        }
    }

    #[test]
    fn a_record_longer_than_the_buffer_is_read_whole() {
        let mut text = b"a,b\n1,\"".to_vec();
        text.extend(std::iter::repeat_n(b'x', 100_000));
        text.extend_from_slice(b"\"\n2,y\n");
        let got = read(&text, 16);
        assert_eq!(got.records.len(), 2);
        assert_eq!(got.records[0][1].len(), 100_000);
    }
}
