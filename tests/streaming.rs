//! The streaming readers give what the whole-input readers give, record for record and report
//! line for report line, on the real files and on corrupted copies of them, however the reader
//! hands out its bytes.

mod common;

use std::io::Read;

use upr::format::{Parsed, ReadOptions, ReadReport, RecordStream, uhri, upr_info, upr1};

/// A reader that hands out at most `step` bytes per read (a pipe, a slow disk).
struct Trickle {
    bytes: Vec<u8>,
    at: usize,
    step: usize,
}

impl Read for Trickle {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let rest = &self.bytes[self.at..];
        let n = self.step.min(buf.len()).min(rest.len());
        buf[..n].copy_from_slice(&rest[..n]);
        self.at += n;
        Ok(n)
    }
}

fn trickle(bytes: &[u8], step: usize) -> Trickle {
    Trickle {
        bytes: bytes.to_vec(),
        at: 0,
        step,
    }
}

/// The report without the encoding's reason (a stream tells the encoding from its first MiB,
/// and says so).
fn lines(report: &ReadReport) -> (usize, upr::Encoding, Vec<String>) {
    let problems = report
        .problems
        .iter()
        .map(|p| format!("{} {:?} {} {:?}", p.location, p.action, p.reason, p.found))
        .collect();
    (report.records, report.encoding, problems)
}

/// Streams `bytes` through `stream` (read `step` bytes at a time), collecting what comes out.
fn streamed<S: RecordStream>(mut stream: S) -> upr::Result<Parsed<S::Record>> {
    let mut records = Vec::new();
    for r in &mut stream {
        records.push(r?);
    }
    // finish twice: the same report.
    let report = stream.finish()?;
    assert_eq!(report, stream.finish()?);
    Ok(Parsed { records, report })
}

/// The whole reader's result against the stream's, read `step` bytes at a time for each step.
fn check_same<T: PartialEq + std::fmt::Debug, S: RecordStream<Record = T>>(
    name: &str,
    whole: &upr::Result<Parsed<T>>,
    steps: &[usize],
    stream: impl Fn(Trickle) -> upr::Result<S>,
    bytes: &[u8],
) {
    for &step in steps {
        let got = stream(trickle(bytes, step)).and_then(streamed);
        match (whole, &got) {
            (Ok(w), Ok(g)) => {
                assert_eq!(w.records, g.records, "{name} by {step}");
                assert_eq!(lines(&w.report), lines(&g.report), "{name} by {step}");
            }
            (Err(w), Err(g)) => assert_eq!(w.to_string(), g.to_string(), "{name} by {step}"),
            _ => panic!("{name} by {step}: whole {whole:?}, streamed {got:?}"),
        }
    }
}

fn check_upr_info(name: &str, bytes: &[u8], options: &ReadOptions) {
    let whole = upr_info::read(bytes, options);
    let stream = |r| upr_info::rows(r, options);
    check_same(name, &whole, &[7, 4096, 1 << 20], stream, bytes);
}

fn check_uhri(name: &str, bytes: &[u8], options: &ReadOptions) {
    let whole = uhri::read(bytes, options);
    let stream = |r| uhri::records(r, options);
    check_same(name, &whole, &[5, 1 << 20], stream, bytes);
}

/// Corrupted copies of a real file: a stray quote, a row cut short, a bad byte, the file cut in
/// the middle of a record, a header cut off.
fn corrupted(bytes: &[u8]) -> Vec<(&'static str, Vec<u8>)> {
    let mut out = Vec::new();
    let line_ends: Vec<usize> = bytes
        .iter()
        .enumerate()
        .filter(|(_, b)| **b == b'\r' || **b == b'\n')
        .map(|(i, _)| i)
        .collect();
    let mid = line_ends[line_ends.len() / 2];
    let mut stray = bytes.to_vec();
    stray.insert(mid + 1, b'"');
    out.push(("a stray quote", stray));
    let mut short = bytes.to_vec();
    let next = line_ends[line_ends.len() / 2 + 1];
    short.drain(mid + 1 + (next - mid) / 2..next);
    out.push(("a row cut short", short));
    let mut bad = bytes.to_vec();
    bad.insert(line_ends[line_ends.len() / 3] + 3, 0xFF);
    out.push(("a bad byte", bad));
    out.push(("cut mid-record", bytes[..mid + 40].to_vec()));
    out.push(("no header", bytes[..5].to_vec()));
    out.push(("empty", Vec::new()));
    out
}

#[test]
fn upr_info_streams_as_it_reads() {
    let Some(data) = common::data() else { return };
    for file in ["sessions-1-5.csv", "sessions-6-9.csv", "voluntary.csv"] {
        let bytes = std::fs::read(data.join("upr-info").join(file)).unwrap();
        for options in [ReadOptions::new(), ReadOptions::lenient()] {
            check_upr_info(file, &bytes, &options);
            for (what, copy) in corrupted(&bytes) {
                check_upr_info(&format!("{file}, {what}"), &copy, &options);
            }
        }
    }
}

#[test]
fn uhri_csv_streams_as_it_reads() {
    let Some(data) = common::data() else { return };
    let bytes = std::fs::read(data.join("uhri/egypt-cycle2.csv")).unwrap();
    for options in [ReadOptions::new(), ReadOptions::lenient()] {
        check_uhri("egypt", &bytes, &options);
        for (what, copy) in corrupted(&bytes) {
            check_uhri(&format!("egypt, {what}"), &copy, &options);
        }
    }
}

#[test]
fn uhri_recommendations_stream_as_they_convert() {
    let Some(data) = common::data() else { return };
    let bytes = std::fs::read(data.join("uhri/egypt-cycle2.csv")).unwrap();
    let context = upr::format::Context::new().with_session(upr::Session::new(20).unwrap());
    // A record that names no State under review does not convert: blank the column's value
    // in every row of the copy (the reader reads the rest).
    let unconcerned = String::from_utf8(bytes.clone())
        .unwrap()
        .replace("- Egypt", "")
        .into_bytes();
    let mut copies = corrupted(&bytes);
    copies.push(("no State under review", unconcerned));
    copies.push(("as it is", bytes.clone()));
    for (what, copy) in copies {
        let options = ReadOptions::lenient();
        let whole = uhri::read_recommendations(&copy[..], &options, &context);
        let stream = |r| {
            uhri::records(r, &options)
                .and_then(|records| uhri::Recommendations::new(records, &options, &context))
        };
        check_same(
            &format!("egypt, {what}"),
            &whole,
            &[5, 1 << 20],
            stream,
            &copy,
        );
    }
}

#[test]
fn joint_rows_stream_as_merge_joint_merges() {
    let Some(data) = common::data() else { return };
    let path = data.join("upr-info/sessions-6-9.csv");
    let options = ReadOptions::lenient();
    let whole = upr_info::read_recommendations_path(&path, &options, &Default::default()).unwrap();
    let stream = upr_info::recommendations_path(&path, &options, &Default::default()).unwrap();
    let got = streamed(stream).unwrap();
    assert_eq!(whole.records.len(), got.records.len());
    assert!(whole.records == got.records);
    assert_eq!(whole.report.records, got.report.records);
    // A file smaller than the first look is told from all of it, as the whole reader tells it.
    assert_eq!(whole.report.encoding_reason, got.report.encoding_reason);
}

#[test]
fn a_strict_error_ends_the_stream() {
    let text = "To,To-Rgrp,To-Org,Text,From,From-Rgrp,From-Org,Response,Action,Issue,Session\n\
                Norway,WEOG,,a,Canada,WEOG,,Accepted,3,General,6\n\
                Nowhere,WEOG,,b,Canada,WEOG,,Accepted,3,General,6\n\
                Norway,WEOG,,c,Canada,WEOG,,Accepted,3,General,6\n";
    let mut rows = upr_info::rows(text.as_bytes(), &ReadOptions::new()).unwrap();
    assert!(rows.next().unwrap().is_ok());
    let err = rows.next().unwrap().unwrap_err();
    assert!(err.to_string().contains("record 2"), "{err}");
    assert!(rows.next().is_none());
    assert!(rows.finish().is_err());
    // Lenient: the bad row is a report line, the rest read.
    let got = streamed(upr_info::rows(text.as_bytes(), &ReadOptions::lenient()).unwrap()).unwrap();
    assert_eq!(got.records.len(), 2);
    assert_eq!(got.report.skipped().count(), 1);
}

/// sessions 6-9 as upr/1 CSV, JSON Lines and a JSON document (written by the crate's writers),
/// for the upr/1 streams.
fn upr1_copies() -> Option<(Vec<u8>, Vec<u8>, Vec<u8>)> {
    let data = common::data()?;
    let path = data.join("upr-info/sessions-6-9.csv");
    let recs =
        upr_info::read_recommendations_path(&path, &ReadOptions::lenient(), &Default::default())
            .unwrap()
            .records;
    let (mut csv, mut jsonl, mut doc) = (Vec::new(), Vec::new(), Vec::new());
    upr1::csv::write_recommendations(&mut csv, &recs).unwrap();
    upr1::json::write_recommendation_lines(&mut jsonl, &recs).unwrap();
    upr1::json::write_recommendations(&mut doc, &recs).unwrap();
    assert!(
        csv.len() > 1 << 20 && jsonl.len() > 1 << 20 && doc.len() > 1 << 20,
        "several buffers"
    );
    Some((csv, jsonl, doc))
}

#[test]
fn upr1_csv_streams_as_it_reads() {
    let Some((csv, _, _)) = upr1_copies() else {
        return;
    };
    let mut copies = corrupted(&csv);
    copies.push(("as it is", csv.clone()));
    // A blank line takes no record number, in both readers.
    let mut blank = csv.clone();
    let at = blank.iter().position(|&b| b == b'\n').unwrap();
    blank.splice(at + 1..at + 1, b"   \n".iter().copied());
    copies.push(("a blank line", blank));
    for (what, copy) in copies {
        for options in [ReadOptions::new(), ReadOptions::lenient()] {
            let whole = upr1::csv::read_recommendations(&copy[..], &options, &Default::default());
            let stream = |r| upr1::csv::recommendations(r, &options);
            check_same(
                &format!("upr/1 CSV, {what}"),
                &whole,
                &[9, 1 << 20],
                stream,
                &copy,
            );
        }
    }
}

#[test]
fn upr1_json_lines_stream_as_they_read() {
    let Some((_, jsonl, _)) = upr1_copies() else {
        return;
    };
    let mut copies = corrupted(&jsonl);
    copies.push(("as it is", jsonl.clone()));
    let crlf = String::from_utf8(jsonl.clone())
        .unwrap()
        .replace('\n', "\r\n\r\n");
    copies.push(("CRLF and blank lines", crlf.into_bytes()));
    for (what, copy) in copies {
        for options in [ReadOptions::new(), ReadOptions::lenient()] {
            let whole =
                upr1::json::read_recommendation_lines(&copy[..], &options, &Default::default());
            let stream = |r| Ok(upr1::json::recommendation_lines(r, &options));
            check_same(
                &format!("upr/1 JSON Lines, {what}"),
                &whole,
                &[9, 1 << 20],
                stream,
                &copy,
            );
        }
    }
    // A lenient read of the copy with a stray quote skips exactly one line, and says which.
    let bad = &corrupted(&jsonl)[0].1;
    let mut s = upr1::json::recommendation_lines(&bad[..], &ReadOptions::lenient());
    let n = s.by_ref().filter(Result::is_ok).count();
    let report = s.finish().unwrap();
    assert_eq!(
        (n + 1, report.skipped().count()),
        (jsonl.iter().filter(|&&b| b == b'\n').count(), 1)
    );
}

#[test]
fn upr1_json_documents_stream_as_they_read() {
    let Some((_, jsonl, doc)) = upr1_copies() else {
        return;
    };
    let text = String::from_utf8(doc.clone()).unwrap();
    let mut copies = corrupted(&doc);
    copies.push(("as it is", doc.clone()));
    // Record 4,000 with a cycle its session does not belong to: a skip line, or the error.
    let mut at = 0;
    for _ in 0..4000 {
        at += text[at..].find("\"cycle\":").unwrap() + 1;
    }
    let cycle_at = at - 1 + "\"cycle\":".len();
    let mut bad_cycle = doc.clone();
    bad_cycle[cycle_at] = if doc[cycle_at] == b'1' { b'3' } else { b'1' };
    copies.push(("a record's cycle wrong", bad_cycle.clone()));
    // The members in the other order: the records wait for the schema.
    let body = &text[text.find('[').unwrap()..text.rfind(']').unwrap() + 1];
    let reordered =
        format!("{{\"recommendations\": {body}, \"note\": [1, {{}}], \"schema\": \"upr/1\"}}");
    copies.push(("schema last", reordered.clone().into_bytes()));
    copies.push((
        "schema last, another schema",
        reordered.replace("\"upr/1\"}", "\"upr/2\"}").into_bytes(),
    ));
    for (what, copy) in &copies {
        for options in [ReadOptions::new(), ReadOptions::lenient()] {
            let whole = upr1::json::read_recommendations(&copy[..], &options, &Default::default());
            let stream = |r| Ok(upr1::json::recommendations(r, &options));
            check_same(
                &format!("upr/1 JSON document, {what}"),
                &whole,
                &[9, 1 << 20],
                stream,
                copy,
            );
        }
    }
    // As the JSON Lines of the same recommendations.
    let lines =
        upr1::json::read_recommendation_lines(&jsonl[..], &ReadOptions::new(), &Default::default())
            .unwrap();
    for copy in [&doc, &reordered.clone().into_bytes()] {
        let read =
            upr1::json::read_recommendations(&copy[..], &ReadOptions::new(), &Default::default())
                .unwrap();
        assert_eq!(read.records, lines.records);
        assert!(read.report.problems.is_empty());
    }
    // Another schema named after the records: not one of them is given.
    let other = reordered.replace("\"upr/1\"}", "\"upr/2\"}");
    let mut s = upr1::json::recommendations(other.as_bytes(), &ReadOptions::lenient());
    let e = s.next().unwrap().unwrap_err().to_string();
    assert!(e.contains("input: expected schema \"upr/1\""), "{e}");
    // The wrong cycle: strict names the record, lenient skips it alone.
    let e =
        upr1::json::read_recommendations(&bad_cycle[..], &ReadOptions::new(), &Default::default())
            .unwrap_err()
            .to_string();
    assert!(
        e.contains("record 4000: expected a upr/1 recommendations record (invalid cycle"),
        "{e}"
    );
    let p = upr1::json::read_recommendations(
        &bad_cycle[..],
        &ReadOptions::lenient(),
        &Default::default(),
    )
    .unwrap();
    assert_eq!(
        (p.records.len() + 1, p.report.skipped().count()),
        (lines.records.len(), 1)
    );
    // Cut in the middle: the error names a line, in both modes.
    for options in [ReadOptions::new(), ReadOptions::lenient()] {
        let cut = &copies
            .iter()
            .find(|(w, _)| *w == "cut mid-record")
            .unwrap()
            .1;
        let e = upr1::json::read_recommendations(&cut[..], &options, &Default::default())
            .unwrap_err()
            .to_string();
        assert!(e.contains(": line "), "{e}");
    }
}
