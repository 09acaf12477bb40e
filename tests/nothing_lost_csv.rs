//! Stray quotes in corrupted copies of real CSV files (the issue "nothing lost, nothing merged"):
//! a `"` opening a field in one row and another closing it two rows later made three rows one,
//! with nothing said, in the `csv` crate and so in every reader. Now the record where the quote
//! opened is an error in strict mode (naming the record and the lines), and in lenient mode each
//! row after it is read on its own, the cut record reported (in its skip line when it is then
//! skipped, else as a repair).

mod common;

use std::path::PathBuf;

use upr::format::{Action, Context, Problem, ReadOptions, uhri, upr_info, upr1};
use upr::{Dataset, Location, Recommendation};

/// A file's lines (the line end `sep` dropped) and back.
fn lines(bytes: &[u8], sep: u8) -> Vec<Vec<u8>> {
    bytes.split(|&b| b == sep).map(<[u8]>::to_vec).collect()
}

fn join(lines: &[Vec<u8>], sep: u8) -> Vec<u8> {
    lines.join(&[sep][..])
}

/// The first data row (1-based, after the header) that starts three rows with no quote at all,
/// found in the real file at test time.
fn quote_free_rows(lines: &[Vec<u8>]) -> usize {
    (1..lines.len().saturating_sub(3))
        .find(|&i| (i..i + 3).all(|j| !lines[j].contains(&b'"') && !lines[j].is_empty()))
        .expect("three rows without quotes")
}

/// The byte offsets where field `k` (0-based) of a quote-free line starts and ends.
fn field(line: &[u8], k: usize) -> (usize, usize) {
    let commas: Vec<usize> = line
        .iter()
        .enumerate()
        .filter(|(_, b)| **b == b',')
        .map(|(i, _)| i)
        .collect();
    let start = if k == 0 { 0 } else { commas[k - 1] + 1 };
    let end = commas.get(k).copied().unwrap_or(line.len());
    (start, end)
}

/// Row `i` gets a `"` opening field `k`, and row `i + 2` one closing its field `k` (or none);
/// the rows have no quotes.
fn stray_quotes(lines: &mut [Vec<u8>], i: usize, k: usize, close: bool) {
    let (start, _) = field(&lines[i], k);
    lines[i].insert(start, b'"');
    if close {
        let (_, end) = field(&lines[i + 2], k);
        lines[i + 2].insert(end, b'"');
    }
}

/// How many records the `csv` crate reads after the header: what every reader saw before.
fn csv_crate_records(bytes: &[u8]) -> usize {
    csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(bytes)
        .byte_records()
        .count()
}

/// A corrupted copy written to the temporary folder (removed on drop).
struct Copy(PathBuf);

impl Copy {
    fn new(name: &str, bytes: &[u8]) -> Copy {
        let path = std::env::temp_dir().join(format!(
            "upr-nothing-lost-csv-{}-{name}",
            std::process::id()
        ));
        std::fs::write(&path, bytes).unwrap();
        Copy(path)
    }
}

impl Drop for Copy {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

/// The line of a lenient report that tells of the merge at record `n`: a skip when the cut
/// record is then too short (a skipped record is never also "repaired"), else a repair.
fn merge_line(problems: &[Problem], n: usize) -> &Problem {
    problems
        .iter()
        .find(|p| p.location == Location::Record(n) && p.reason.contains("is still open on line"))
        .unwrap_or_else(|| panic!("no merge reported at record {n}: {problems:#?}"))
}

#[test]
fn upr_info_three_rows_are_not_one() {
    let Some(data) = common::data() else { return };
    let real = std::fs::read(data.join("upr-info/sessions-1-5.csv")).unwrap();
    let whole = upr_info::read(&real[..], &ReadOptions::lenient()).unwrap();
    let mut l = lines(&real, b'\r');
    let i = quote_free_rows(&l);
    stray_quotes(&mut l, i, 3, true); // the Text column
    let bad = join(&l, b'\r');
    // The blind spot: the csv crate reads rows i to i + 2 as one record of 11 fields.
    assert_eq!(csv_crate_records(&bad), csv_crate_records(&real) - 2);
    let copy = Copy::new("sessions-1-5.csv", &bad);
    let e = upr_info::read_path(&copy.0, &ReadOptions::new())
        .unwrap_err()
        .to_string();
    let (line, next) = (i + 1, i + 2);
    assert!(
        e.contains(&format!(
            ": record {i}: expected a quote that closes before the next row (the quote opened on line {line} is still open on line {next}, which reads as a whole record of 11 fields)"
        )),
        "{e}"
    );
    // Lenient: row i is cut (and then too short: skipped), rows i + 1 and i + 2 are read.
    let p = upr_info::read_path(&copy.0, &ReadOptions::lenient()).unwrap();
    assert_eq!(p.records.len(), whole.records.len() - 1);
    let line = merge_line(&p.report.problems, i);
    assert_eq!(line.action, Action::Skipped);
    assert!(
        line.reason
            .starts_with("11 fields as in the header (expected a quote that closes"),
        "{}",
        line.reason
    );
    let at_i = |p: &&Problem| p.location == Location::Record(i);
    assert_eq!(p.report.problems.iter().filter(at_i).count(), 1);
    let texts: Vec<&str> = p.records.iter().map(|r| r.text.as_str()).collect();
    let original: Vec<&str> = whole.records.iter().map(|r| r.text.as_str()).collect();
    assert_eq!(texts[i - 1], original[i], "row i + 1 read as itself");
    assert_eq!(
        texts[i].trim_end_matches('"'),
        original[i + 1],
        "row i + 2 read as itself"
    );
    assert_eq!(texts[i + 1..], original[i + 2..]);
}

#[test]
fn upr_info_an_unclosed_quote_loses_no_row_after_it() {
    let Some(data) = common::data() else { return };
    let real = std::fs::read(data.join("upr-info/sessions-6-9.csv")).unwrap();
    let whole = upr_info::read(&real[..], &ReadOptions::lenient()).unwrap();
    let mut l = lines(&real, b'\r');
    let i = quote_free_rows(&l);
    stray_quotes(&mut l, i, 4, false); // the From column, never closed
    let bad = join(&l, b'\r');
    let e = upr_info::read(&bad[..], &ReadOptions::new())
        .unwrap_err()
        .to_string();
    assert!(e.contains(&format!("record {i}: ")), "{e}");
    let p = upr_info::read(&bad[..], &ReadOptions::lenient()).unwrap();
    assert_eq!(p.records.len(), whole.records.len() - 1);
    merge_line(&p.report.problems, i);
    assert_eq!(
        p.report.skipped().count(),
        whole.report.skipped().count() + 1
    );
}

#[test]
fn uhri_three_rows_are_not_one() {
    let Some(data) = common::data() else { return };
    let real = std::fs::read(data.join("uhri/egypt-cycle2.csv")).unwrap();
    let lenient = ReadOptions::lenient();
    let whole = uhri::read(&real[..], &lenient).unwrap();
    let mut l = lines(&real, b'\n');
    let i = quote_free_rows(&l);
    stray_quotes(&mut l, i, 0, true); // the text column
    let bad = join(&l, b'\n');
    assert_eq!(csv_crate_records(&bad), csv_crate_records(&real) - 2);
    let copy = Copy::new("egypt-cycle2.csv", &bad);
    let e = uhri::read_path(&copy.0, &ReadOptions::new())
        .unwrap_err()
        .to_string();
    assert!(
        e.contains(&format!(
            ": record {i}: expected a quote that closes before the next row (the quote opened on line {} is still open on line {}",
            i + 1,
            i + 2
        )),
        "{e}"
    );
    let p = uhri::read_path(&copy.0, &lenient).unwrap();
    assert_eq!(p.records.len(), whole.records.len() - 1);
    merge_line(&p.report.problems, i);
    let texts: Vec<&str> = p.records.iter().map(|r| r.text.as_str()).collect();
    assert!(
        texts.contains(&whole.records[i].text.as_str()),
        "row i + 1 kept"
    );
}

fn dprk_csv() -> Vec<u8> {
    let recs: Vec<&Recommendation> = Dataset::dprk().recommendations.iter().collect();
    let mut out = Vec::new();
    upr1::csv::write_recommendations(&mut out, recs).unwrap();
    out
}

#[test]
fn upr1_csv_a_swallowed_row_is_read_on_its_own() {
    let real = dprk_csv();
    let n = Dataset::dprk().recommendations.len();
    let mut l = lines(&real, b'\n');
    // Every row has a quoted field (the response history), so a stray quote closes at the next
    // row's first quote: a quote opening row 5's `labeller` field (the rest of the row has no
    // quote) swallows row 6 up to its first quoted field, and the csv crate reads rows 5 and 6
    // as one record (of the wrong width: the whole of row 6 went into one skip).
    let i = 5;
    let labeller = l[i].iter().rposition(|&b| b == b'"').unwrap() + 2;
    assert!(!l[i][labeller..].contains(&b'"'));
    l[i].insert(labeller, b'"');
    let bad = join(&l, b'\n');
    assert_eq!(csv_crate_records(&bad), csv_crate_records(&real) - 1);
    let e = upr1::csv::read_recommendations(&bad[..], &ReadOptions::new(), &Context::new())
        .unwrap_err()
        .to_string();
    assert!(
        e.contains(&format!("<input>: record {i}: expected a quote that closes before the next row (the quote opened on line {} is still open on line {}, which reads as a whole record of 18 fields)", i + 1, i + 2)),
        "{e}"
    );
    let p = upr1::csv::read_recommendations(&bad[..], &ReadOptions::lenient(), &Context::new())
        .unwrap();
    assert_eq!(p.records.len(), n - 1);
    merge_line(&p.report.problems, i);
    assert_eq!(p.report.skipped().count(), 1);
    let back =
        upr1::csv::read_recommendations(&real[..], &ReadOptions::new(), &Context::new()).unwrap();
    assert_eq!(back.records.len(), n);
}

/// FxHash (the multiply-rotate hash the UPR Info reader's memo used, with a fixed seed) of a
/// string key as a `HashMap` hashes it: its bytes in 8-byte words, the rest byte by byte, then
/// `0xff`.
fn fx_hash(key: &[u8]) -> u64 {
    const K: u64 = 0x51_7c_c1_b7_27_22_0a_95;
    let step = |h: u64, w: u64| (h.rotate_left(5) ^ w).wrapping_mul(K);
    let mut chunks = key.chunks_exact(8);
    let mut h = 0;
    for c in &mut chunks {
        h = step(h, u64::from_le_bytes(c.try_into().unwrap()));
    }
    for &b in chunks.remainder().iter().chain(&[0xff]) {
        h = step(h, u64::from(b));
    }
    h
}

/// `n` distinct 16-byte field values (no comma, quote or line end) whose FxHash is the same:
/// for a first word `a`, the second word `rotl(a * K, 5) ^ T` brings every key to the state
/// `T * K`. Found by trying first words until the second one is a usable field.
fn fx_colliding_keys(n: usize) -> Vec<Vec<u8>> {
    const K: u64 = 0x51_7c_c1_b7_27_22_0a_95;
    const T: u64 = 0x4141_4141_4141_4141;
    let ok = |b: u8| (0x01..=0x7f).contains(&b) && !b",\"\r\n".contains(&b);
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut keys = Vec::with_capacity(n);
    while keys.len() < n {
        let mut a = [0u8; 8];
        for b in &mut a {
            seed = seed
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            *b = b'a' + (seed >> 59) as u8; // 32 letters and signs from `a`
        }
        let second = (u64::from_le_bytes(a).wrapping_mul(K)).rotate_left(5) ^ T;
        let b = second.to_le_bytes();
        if b.iter().all(|&x| ok(x)) {
            keys.push([a, b].concat());
        }
    }
    keys
}

/// Time that does not grow with the square of the input when every `To-Org` value collides
/// under FxHash (the memo's hash is seeded at random now): twice the rows, at most ~3x the time
/// (a ratio, not an absolute time; the best of three runs).
#[test]
fn colliding_memo_keys_take_linear_time() {
    let n = 4_000;
    let keys = fx_colliding_keys(2 * n);
    let h = fx_hash(&keys[0]);
    assert!(keys.iter().all(|k| fx_hash(k) == h), "the keys collide");
    let file = |rows: usize| {
        let mut out =
            b"To,To-Rgrp,To-Org,Text,From,From-Rgrp,From-Org,Response,Action,Issue,Session\r"
                .to_vec();
        for key in &keys[..rows] {
            out.extend_from_slice(b"DPR Korea,Asia,");
            out.extend_from_slice(key);
            out.extend_from_slice(b",Close the camps,Canada,WEOG,,Noted,5,Detention,6\r");
        }
        out
    };
    let time = |bytes: &[u8]| {
        (0..3)
            .map(|_| {
                let t = std::time::Instant::now();
                let p = upr_info::read(bytes, &ReadOptions::new()).unwrap();
                let elapsed = t.elapsed().as_secs_f64();
                assert_eq!(
                    p.records.len(),
                    bytes.iter().filter(|&&b| b == b'\r').count() - 1
                );
                elapsed
            })
            .fold(f64::INFINITY, f64::min)
    };
    let (small, large) = (file(n), file(2 * n));
    let (t1, t2) = (time(&small), time(&large));
    assert!(
        t2 / t1 < 3.0,
        "{n} rows: {t1:.4} s, {} rows: {t2:.4} s",
        2 * n
    );
}
