//! Undated positions are positions (issue "nothing lost"): UPR Info's Accepted/Noted and UHRI's
//! positions carry no date; read without a position date they are undated events, counted by a
//! tally of the latest responses and checked here against the files' own columns, read by a
//! splitter written for this test (neither the `csv` crate nor the crate's own).

mod common;

use chrono::NaiveDate;
use upr::format::{Context, Mode, ReadOptions, uhri, upr_info, upr1};
use upr::{Bucket, Convention, Query, Recommendation, Session};

/// Splits CSV text into records: quotes open and close fields, a doubled quote inside one is a
/// quote, CR, LF or CRLF outside quotes end a record. Enough for the exports read here.
fn split(text: &str) -> Vec<Vec<String>> {
    let (mut rows, mut row, mut field) = (Vec::new(), Vec::new(), String::new());
    let (mut quoted, mut chars) = (false, text.chars().peekable());
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') => quoted = true,
            (false, ',') => row.push(std::mem::take(&mut field)),
            (false, '\r' | '\n') => {
                if c == '\r' && chars.peek() == Some(&'\n') {
                    chars.next();
                }
                row.push(std::mem::take(&mut field));
                if row.len() > 1 || row.iter().any(|f| !f.is_empty()) {
                    rows.push(std::mem::take(&mut row));
                }
                row.clear();
            }
            (false, c) => field.push(c),
        }
    }
    if !field.is_empty() || !row.is_empty() {
        row.push(field);
        rows.push(row);
    }
    rows
}

/// Mac OS Roman, decoded by this test's own table for the bytes the export uses (every other
/// high byte is kept as U+FFFD, which the counts below never read).
fn mac_roman(bytes: &[u8]) -> String {
    bytes
        .iter()
        .map(|&b| match b {
            0..=0x7F => char::from(b),
            _ => '\u{FFFD}',
        })
        .collect()
}

/// UPR Info's Accepted and Noted, counted from the Response column, consecutive rows of one
/// joint recommendation (same To, Session, Response, text up to spaces) counted once.
fn upr_info_counts(bytes: &[u8]) -> (u64, u64) {
    let rows = split(&mac_roman(bytes));
    let header = &rows[0];
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let (to, text, resp, session) = (col("To"), col("Text"), col("Response"), col("Session"));
    let (mut accepted, mut noted) = (0, 0);
    let mut prev: Option<(String, String, String, Vec<String>)> = None;
    for r in &rows[1..] {
        let key = (
            r[to].clone(),
            r[session].clone(),
            r[resp].clone(),
            r[text].split_whitespace().map(str::to_owned).collect(),
        );
        if prev.as_ref() != Some(&key) {
            match r[resp].trim() {
                "Accepted" => accepted += 1,
                "Noted" => noted += 1,
                other => panic!("response {other:?}"),
            }
        }
        prev = Some(key);
    }
    (accepted, noted)
}

fn upr_info_tally(recs: &[Recommendation]) -> upr::Tally {
    Query::new().convention(Convention::UprInfo).tally(recs)
}

#[test]
fn upr_info_positions_count_as_the_response_column_says() {
    let Some(data) = common::data() else { return };
    for file in ["sessions-1-5.csv", "sessions-6-9.csv"] {
        let path = data.join("upr-info").join(file);
        let bytes = std::fs::read(&path).unwrap();
        let (accepted, noted) = upr_info_counts(&bytes);
        let recs = upr_info::read_recommendations_path(&path, &ReadOptions::new(), &Context::new())
            .unwrap()
            .records;
        assert!(recs.iter().all(|r| r.responses().is_undated()), "{file}");
        let t = upr_info_tally(&recs);
        assert_eq!(
            (t.all.count(Bucket::Accepted), t.all.count(Bucket::Noted)),
            (accepted, noted),
            "{file}"
        );
        assert_eq!(t.no_response, 0);
        // As of a day, nobody knows whether an undated position had been made: left out, and
        // counted as such.
        let day = NaiveDate::from_ymd_opt(2030, 1, 1).unwrap();
        let t = Query::new()
            .convention(Convention::UprInfo)
            .as_of(day)
            .tally(&recs);
        assert_eq!(t.all.total, 0);
        assert_eq!(t.undated, recs.len() as u64, "{file}");
        // Dated by the context: counted as of a later day, not yet made before it.
        let made = NaiveDate::from_ymd_opt(2011, 3, 1).unwrap();
        let context = Context::new().with_position_date(made);
        let dated = upr_info::read_recommendations_path(&path, &ReadOptions::new(), &context)
            .unwrap()
            .records;
        let q = Query::new().convention(Convention::UprInfo);
        let after = q.clone().as_of(day).tally(&dated);
        assert_eq!(after.all.count(Bucket::Accepted), accepted);
        let before = q.as_of(made.pred_opt().unwrap()).tally(&dated);
        assert_eq!(
            (before.all.total, before.not_yet_made),
            (0, dated.len() as u64)
        );
    }
}

#[test]
fn a_corrupted_response_is_one_skipped_row() {
    let Some(data) = common::data() else { return };
    let bytes = std::fs::read(data.join("upr-info/sessions-6-9.csv")).unwrap();
    let (accepted, noted) = upr_info_counts(&bytes);
    // Make the 500th data row's response unreadable: its Response field is the first
    // `,Accepted,` or `,Noted,` on its line.
    let text = mac_roman(&bytes);
    let line_start = text.match_indices('\r').nth(499).unwrap().0 + 1;
    let line_end = line_start + text[line_start..].find('\r').unwrap();
    let line = &text[line_start..line_end];
    let (at, was) = [",Accepted,", ",Noted,"]
        .iter()
        .filter_map(|w| line.find(w).map(|i| (i, *w)))
        .min()
        .unwrap();
    let mut copy = bytes.clone();
    let at = line_start + at + 1;
    copy[at..at + 2].copy_from_slice(b"Xx");
    let strict = upr_info::read_recommendations(&copy[..], &ReadOptions::new(), &Context::new());
    assert!(strict.unwrap_err().to_string().contains("record 500"));
    let lenient =
        upr_info::read_recommendations(&copy[..], &ReadOptions::lenient(), &Context::new())
            .unwrap();
    let [skip] = lenient.report.skipped().collect::<Vec<_>>()[..] else {
        panic!("{}", lenient.report)
    };
    assert_eq!(skip.location, upr::Location::Record(500));
    let t = upr_info_tally(&lenient.records);
    let got = (t.all.count(Bucket::Accepted), t.all.count(Bucket::Noted));
    // The row is gone (unless it was one of several rows of a joint recommendation).
    let expected_if_alone = if was == ",Accepted," {
        (accepted - 1, noted)
    } else {
        (accepted, noted - 1)
    };
    assert!(
        got == expected_if_alone || got == (accepted, noted),
        "{got:?} against {accepted}/{noted}"
    );
}

#[test]
fn uhri_positions_count_as_the_position_column_says() {
    let Some(data) = common::data() else { return };
    let path = data.join("uhri/egypt-cycle2.csv");
    let rows = split(&String::from_utf8(std::fs::read(&path).unwrap()).unwrap());
    let pos = rows[0].iter().position(|h| h == "upr_position").unwrap();
    let supported = rows[1..]
        .iter()
        .filter(|r| r[pos].trim().eq_ignore_ascii_case("supported"))
        .count() as u64;
    let noted = rows[1..]
        .iter()
        .filter(|r| r[pos].trim().eq_ignore_ascii_case("noted"))
        .count() as u64;
    assert!(supported + noted > 0);
    let context = Context::new().with_session(Session::new(20).unwrap());
    let recs = uhri::read_recommendations_path(&path, &ReadOptions::new(), &context)
        .unwrap()
        .records;
    let t = Query::new().convention(Convention::Ohchr).tally(&recs);
    assert_eq!(t.all.count(Bucket::Supported), supported);
    assert_eq!(t.all.count(Bucket::Noted), noted);
    assert!(
        recs.iter()
            .filter(|r| !r.responses().is_empty())
            .all(|r| r.responses().is_undated())
    );
}

#[test]
fn undated_positions_round_trip_through_upr1() {
    let Some(data) = common::data() else { return };
    let path = data.join("upr-info/sessions-6-9.csv");
    let recs = upr_info::read_recommendations_path(&path, &ReadOptions::new(), &Context::new())
        .unwrap()
        .records;
    let options = ReadOptions::new().with_mode(Mode::Strict);
    let c = Context::new();
    let mut json = Vec::new();
    upr1::json::write_recommendations(&mut json, &recs).unwrap();
    let mut lines = Vec::new();
    upr1::json::write_recommendation_lines(&mut lines, &recs).unwrap();
    let mut csv = Vec::new();
    upr1::csv::write_recommendations(&mut csv, &recs).unwrap();
    let back = [
        upr1::json::read_recommendations(&json[..], &options, &c).unwrap(),
        upr1::json::read_recommendation_lines(&lines[..], &options, &c).unwrap(),
        upr1::csv::read_recommendations(&csv[..], &options, &c).unwrap(),
    ];
    for (name, b) in ["json", "jsonl", "csv"].iter().zip(back) {
        assert_eq!(b.records.len(), recs.len(), "{name}");
        for (a, b) in recs.iter().zip(&b.records) {
            assert_eq!(a.responses(), b.responses(), "{name}");
            assert!(b.responses().is_undated(), "{name}");
        }
        assert_eq!(upr_info_tally(&b.records), upr_info_tally(&recs), "{name}");
    }
}
