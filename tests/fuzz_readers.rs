//! A stable-Rust fuzz harness for every reader: arbitrary bytes and mutated real files (bit
//! flips, truncation, spliced, duplicated and dropped lines, inserted bytes) go to each reader in
//! strict and lenient mode. No input may panic; in lenient mode the report must account for
//! every record of the input (kept or skipped, none silently lost): exactly, record by record,
//! for the UPR Info and `upr/1` readers; for the UHRI export, the OHCHR matrix and the Working
//! Group reports, whose records are found by parsing, every problem must name a record or line
//! of the input and no more records may come out than went in.
//!
//! Longer runs: `PROPTEST_CASES=2000 cargo test --release --test fuzz_readers` (about a minute);
//! coverage-guided fuzzing with cargo-fuzz lives in `fuzz/` (nightly).

mod common;

use std::sync::OnceLock;

use proptest::prelude::*;
use upr::format::{Action, Context, Mode, Parsed, ReadOptions};
use upr::{Encoding, Location, format};

/// Seeds: real files (the first 64 KiB, cut at a line end) plus files the writers make.
fn seeds() -> &'static Vec<(&'static str, Vec<u8>)> {
    static SEEDS: OnceLock<Vec<(&'static str, Vec<u8>)>> = OnceLock::new();
    SEEDS.get_or_init(|| {
        let mut out = Vec::new();
        if let Some(data) = common::data() {
            for name in [
                "dprk-session-19-unlabelled.csv",
                "sessions-1-5.csv",
                "sessions-6-9.csv",
                "voluntary.csv",
            ] {
                let bytes = std::fs::read(data.join("upr-info").join(name)).unwrap();
                let mut cut = bytes.len().min(64 * 1024);
                while cut < bytes.len() && bytes[cut - 1] != b'\r' {
                    cut += 1;
                }
                out.push(("upr_info", bytes[..cut].to_vec()));
            }
            out.push((
                "uhri",
                std::fs::read(data.join("uhri").join("egypt-cycle2.csv")).unwrap(),
            ));
            for name in ["china-cycle2-matrix.txt", "china-cycle3-matrix.txt"] {
                let bytes = std::fs::read(data.join("ohchr-matrix").join(name)).unwrap();
                out.push(("ohchr_matrix", bytes[..bytes.len().min(48 * 1024)].to_vec()));
            }
            for name in [
                "democraticpeoplesrepublicofkorea2010.txt",
                "democraticpeoplesrepublicofkorea2014.txt",
                "algeria2008.txt",
            ] {
                let bytes = std::fs::read(data.join("wg-reports").join(name)).unwrap();
                out.push(("wg_report", bytes));
            }
        }
        // The writers' own output: a small sample of recommendations in each form.
        let recs = sample_recommendations();
        let mut csv = Vec::new();
        format::upr1::csv::write_recommendations(&mut csv, &recs).unwrap();
        out.push(("csv", csv));
        let mut json = Vec::new();
        format::upr1::json::write_recommendations(&mut json, &recs).unwrap();
        out.push(("json", json));
        let mut jsonl = Vec::new();
        format::upr1::json::write_recommendation_lines(&mut jsonl, &recs).unwrap();
        out.push(("jsonl", jsonl));
        let mut ui = Vec::new();
        format::upr_info::write_recommendations(
            &mut ui,
            &recs,
            // UTF-8 (the sample texts have characters Mac OS Roman lacks), CR line ends.
            &format::upr_info::WriteOptions::new().with_line_end(format::upr_info::LineEnd::Cr),
        )
        .unwrap();
        out.push(("upr_info", ui));
        out
    })
}

fn sample_recommendations() -> Vec<upr::Recommendation> {
    use upr::*;
    let d = |y, m, day| chrono::NaiveDate::from_ymd_opt(y, m, day).unwrap();
    let can = State::from_alpha3("CAN").unwrap();
    let kor = State::from_alpha3("KOR").unwrap();
    (0..12u16)
        .map(|i| {
            let mut r = Recommendation::new(
                State::PRK,
                Session::new(6 + i).unwrap(),
                format!("Close camps, \"now\"\n– item {i} é中"),
                "A/HRC/13/13".into(),
            )
            .with_recommending([can, kor].into_iter().take(usize::from(i % 3)))
            .with_reference(ParagraphRef::Item {
                paragraph: 90,
                item: i + 1,
            })
            .with_document(DocumentSymbol::new("A/HRC/13/13").unwrap())
            .with_response(ResponseEvent {
                stage: Stage::WorkingGroup,
                date: Some(d(2009, 12, 9)),
                precision: DatePrecision::Day,
                status: ResponseStatus::Pending,
                source: "A/HRC/13/13".into(),
            });
            if i % 2 == 0 {
                r = r.with_labels(HumanLabels {
                    labeller: "UPR Info database".into(),
                    action_category: Some(ActionCategory::Specific),
                    issues: vec![Issue::Detention, Issue::Justice],
                });
            }
            r
        })
        .collect()
}

/// One change to an input.
#[derive(Debug, Clone)]
enum Mutation {
    Flip { at: usize, bit: u8 },
    Truncate { at: usize },
    SpliceLine { from: usize, to: usize },
    DropLine { at: usize },
    Insert { at: usize, bytes: Vec<u8> },
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        4 => (any::<usize>(), 0u8..8).prop_map(|(at, bit)| Mutation::Flip { at, bit }),
        1 => any::<usize>().prop_map(|at| Mutation::Truncate { at }),
        2 => (any::<usize>(), any::<usize>()).prop_map(|(from, to)| Mutation::SpliceLine { from, to }),
        1 => any::<usize>().prop_map(|at| Mutation::DropLine { at }),
        2 => (any::<usize>(), proptest::collection::vec(
            prop_oneof![Just(b'"'), Just(b','), Just(b'\r'), Just(b'\n'), Just(b'{'), Just(b'['), Just(b';'), any::<u8>()],
            1..6,
        ))
            .prop_map(|(at, bytes)| Mutation::Insert { at, bytes }),
    ]
}

fn lines(bytes: &[u8]) -> Vec<Vec<u8>> {
    bytes
        .split_inclusive(|&b| b == b'\r' || b == b'\n')
        .map(<[u8]>::to_vec)
        .collect()
}

fn apply(mut bytes: Vec<u8>, m: &Mutation) -> Vec<u8> {
    let n = bytes.len();
    match m {
        Mutation::Flip { at, bit } if n > 0 => bytes[at % n] ^= 1 << bit,
        Mutation::Truncate { at } => bytes.truncate(at % (n + 1)),
        Mutation::SpliceLine { from, to } => {
            let mut ls = lines(&bytes);
            if !ls.is_empty() {
                let line = ls[from % ls.len()].clone();
                let at = to % (ls.len() + 1);
                ls.insert(at, line);
            }
            bytes = ls.concat();
        }
        Mutation::DropLine { at } => {
            let mut ls = lines(&bytes);
            if !ls.is_empty() {
                let i = at % ls.len();
                ls.remove(i);
            }
            bytes = ls.concat();
        }
        Mutation::Insert { at, bytes: ins } => {
            let i = at % (n + 1);
            bytes.splice(i..i, ins.iter().copied());
        }
        Mutation::Flip { .. } => {}
    }
    bytes
}

/// The text of an input as the readers decode it with these options.
fn text(bytes: &[u8], options: &ReadOptions) -> Option<String> {
    let (text, _) = format::encoding::decode_input(bytes.to_vec(), options).ok()?;
    Some(text)
}

/// CSV records of an input as the readers see them (header not counted, empty lines skipped).
fn csv_records(bytes: &[u8], options: &ReadOptions) -> Option<usize> {
    let text = text(bytes, options)?;
    let mut rdr = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(text.as_bytes());
    rdr.headers().ok()?;
    let mut n = 0;
    for r in rdr.records() {
        match r {
            Ok(r) if r.len() == 1 && r.get(0).is_some_and(|f| f.trim().is_empty()) => {}
            _ => n += 1,
        }
    }
    Some(n)
}

/// The most records an input can hold, counted without reading quotes (the csv crate's reading
/// of quotes is the blind spot a stray quote hides rows in): each record starts on a line of its
/// own, so the non-blank lines after the first.
fn lines_after_header(bytes: &[u8]) -> usize {
    bytes
        .split(|&b| b == b'\r' || b == b'\n')
        .filter(|l| !l.is_empty())
        .count()
        .saturating_sub(1)
}

/// The checks common to every reader: the report's count is the records kept; in strict mode no
/// problem is a skip; in lenient mode kept + skipped equals `expected` (when known).
fn check<T>(name: &str, mode: Mode, result: upr::Result<Parsed<T>>, expected: Option<usize>) {
    let Ok(parsed) = result else { return };
    assert_eq!(parsed.report.records, parsed.records.len(), "{name}");
    let skipped = parsed.report.skipped().count();
    if mode == Mode::Strict {
        assert_eq!(skipped, 0, "{name}: strict mode skipped records");
    }
    if let Some(expected) = expected {
        assert_eq!(
            parsed.records.len() + skipped,
            expected,
            "{name} {mode:?}: {} kept + {skipped} skipped != {expected} records",
            parsed.records.len()
        );
    }
}

fn run_all(bytes: &[u8]) {
    for mode in [Mode::Strict, Mode::Lenient] {
        for enc in [Encoding::Auto, Encoding::Utf8, Encoding::MacRoman] {
            let options = ReadOptions::new()
                .with_mode(mode)
                .with_encoding(enc)
                .with_name("fuzz");
            // UPR Info export: every record is kept (with its number) or skipped (with its number).
            let r = format::upr_info::read(bytes, &options);
            if let (Ok(p), Mode::Lenient) = (&r, mode) {
                let n = csv_records(bytes, &options).unwrap_or(0);
                let mut seen: Vec<usize> = p.records.iter().map(|r| r.record).collect();
                seen.extend(p.report.skipped().map(|s| match s.location {
                    Location::Record(k) => k,
                    other => panic!("skip at {other:?}"),
                }));
                seen.sort_unstable();
                // Numbered 1 to the last with none missing; at least the csv crate's count (more
                // where a stray quote swallowed rows: the reader cuts the record and reads them).
                let last = seen.len().max(n);
                assert_eq!(seen, (1..=last).collect::<Vec<_>>(), "upr_info records");
                assert!(
                    last <= lines_after_header(bytes),
                    "upr_info records past the lines"
                );
                for rep in p
                    .report
                    .problems
                    .iter()
                    .filter(|p| p.action == Action::Repaired)
                    // Bytes that are not UTF-8, replaced on decoding, are placed by line.
                    .filter(|p| !p.reason.ends_with("replaced by U+FFFD"))
                {
                    let Location::Record(k) = rep.location else {
                        panic!("{rep:?}")
                    };
                    assert!(
                        p.records.iter().any(|r| r.record == k),
                        "repair of a dropped record"
                    );
                }
            }
            check("upr_info", mode, r, None);

            // Working Group report: every problem sits on a line of the input.
            let r = format::wg_report::read(bytes, &options);
            if let Ok(p) = &r {
                let lines = bytes.split(|&b| b == b'\r' || b == b'\n').count();
                for problem in &p.report.problems {
                    if let Location::Line(k) = problem.location {
                        assert!(
                            k >= 1 && k <= lines,
                            "wg_report problem at line {k} of {lines}"
                        );
                    }
                }
            }
            check("wg_report", mode, r, None);

            // UHRI export (CSV and JSON) and the OHCHR matrix: problems sit in the input.
            let r = format::uhri::read(bytes, &options);
            if let (Ok(p), Mode::Lenient) = (&r, mode) {
                let n = lines_after_header(bytes);
                for problem in &p.report.problems {
                    if let Location::Record(k) = problem.location {
                        assert!(k >= 1 && k <= n, "uhri problem at record {k} of {n} lines");
                    }
                }
                assert!(
                    p.records.len() <= n,
                    "uhri kept more records than the input has"
                );
            }
            check("uhri", mode, r, None);
            check(
                "uhri_json",
                mode,
                format::uhri::read_json(bytes, &options),
                None,
            );
            let r = format::ohchr_matrix::read(bytes, &options);
            if let Ok(p) = &r {
                let lines = bytes.split(|&b| b == b'\r' || b == b'\n').count();
                for problem in &p.report.problems {
                    if let Location::Line(k) = problem.location {
                        assert!(
                            k >= 1 && k <= lines,
                            "matrix problem at line {k} of {lines}"
                        );
                    }
                }
            }
            check("ohchr_matrix", mode, r, None);

            let r = format::upr1::csv::read_recommendations(bytes, &options, &Context::new());
            if let (Ok(p), Mode::Lenient, Some(n)) = (&r, mode, csv_records(bytes, &options)) {
                // At least the csv crate's records (more where a stray quote swallowed rows),
                // at most one a line.
                let read = p.records.len() + p.report.skipped().count();
                assert!(
                    read >= n && read <= lines_after_header(bytes),
                    "csv: {read} records read, the csv crate reads {n}"
                );
            }
            check("csv", mode, r, None);
            let json = format::upr1::json::read_recommendations(bytes, &options, &Context::new());
            let expected = text(bytes, &options).and_then(|t| {
                let v: serde_json::Value = serde_json::from_str(&t).ok()?;
                Some(v.get("recommendations")?.as_array()?.len())
            });
            check("json", mode, json, expected);
            let expected =
                text(bytes, &options).map(|t| t.lines().filter(|l| !l.trim().is_empty()).count());
            check(
                "jsonl",
                mode,
                format::upr1::json::read_recommendation_lines(bytes, &options, &Context::new()),
                expected,
            );
        }
    }
}

/// 64 cases per property, or `PROPTEST_CASES`.
fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(64)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        run_all(&bytes);
    }

    #[test]
    fn csv_like_bytes_never_panic(text in "[A-Za-z0-9,\"\r\n;:{}\\[\\] é–-]{0,600}") {
        let header = "To,To-Rgrp,To-Org,Text,From,From-Rgrp,From-Org,Response,Action,Issue,Session\r";
        run_all(format!("{header}{text}").as_bytes());
        let header = format::upr1::RECOMMENDATION_COLUMNS.join(",") + "\n";
        run_all(format!("{header}{text}").as_bytes());
    }

    #[test]
    fn mutated_real_files_never_panic(
        seed in any::<prop::sample::Index>(),
        mutations in proptest::collection::vec(mutation(), 1..6),
    ) {
        let seeds = seeds();
        let (_, bytes) = &seeds[seed.index(seeds.len())];
        let mutated = mutations.iter().fold(bytes.clone(), apply);
        run_all(&mutated);
    }
}

#[test]
fn seeds_read_cleanly_before_mutation() {
    for (kind, bytes) in seeds() {
        let options = ReadOptions::lenient();
        let kept = match *kind {
            // Until the State table is complete, rows naming other States are skipped: count
            // every record the reader accounted for.
            "upr_info" => {
                let p = format::upr_info::read(&bytes[..], &options).unwrap();
                p.records.len() + p.report.skipped().count()
            }
            "wg_report" => format::wg_report::read(&bytes[..], &options)
                .unwrap()
                .records
                .len(),
            "uhri" => format::uhri::read(&bytes[..], &options)
                .unwrap()
                .records
                .len(),
            "ohchr_matrix" => format::ohchr_matrix::read(&bytes[..], &options)
                .unwrap()
                .records
                .len(),
            "csv" => format::upr1::csv::read_recommendations(
                &bytes[..],
                &ReadOptions::new(),
                &Context::new(),
            )
            .unwrap()
            .records
            .len(),
            "json" => format::upr1::json::read_recommendations(
                &bytes[..],
                &ReadOptions::new(),
                &Context::new(),
            )
            .unwrap()
            .records
            .len(),
            _ => format::upr1::json::read_recommendation_lines(
                &bytes[..],
                &ReadOptions::new(),
                &Context::new(),
            )
            .unwrap()
            .records
            .len(),
        };
        assert!(kept > 0, "{kind}");
    }
}
