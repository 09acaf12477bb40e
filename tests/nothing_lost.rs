//! Corrupted copies of real files: what used to vanish silently is now an error or a report
//! line (the issue "nothing lost, nothing merged").

mod common;

use upr::format::{Context, ReadOptions, ohchr_matrix, upr1};
use upr::{Dataset, Recommendation};

fn dprk_json() -> String {
    let recs: Vec<&Recommendation> = Dataset::dprk().recommendations.iter().collect();
    let mut out = Vec::new();
    upr1::json::write_recommendations(&mut out, recs).unwrap();
    String::from_utf8(out).unwrap()
}

#[test]
fn a_duplicate_key_in_a_upr1_document_is_an_error_in_both_modes() {
    let doc = dprk_json();
    // The embedded dataset as a upr/1 document, one record's "text" given twice.
    let bad = doc.replacen("\"text\":", "\"text\":\"lost\",\"text\":", 1);
    for options in [ReadOptions::new(), ReadOptions::lenient()] {
        let e = upr1::json::read_recommendations(bad.as_bytes(), &options, &Context::new())
            .unwrap_err()
            .to_string();
        assert!(e.contains("duplicate key \\\"text\\\""), "{e}");
    }
    let twice = doc.replacen(
        "\"recommendations\":",
        "\"recommendations\":[],\"recommendations\":",
        1,
    );
    let e =
        upr1::json::read_recommendations(twice.as_bytes(), &ReadOptions::new(), &Context::new())
            .unwrap_err()
            .to_string();
    assert!(e.contains("duplicate key \\\"recommendations\\\""), "{e}");
    // The intact document still reads back whole.
    let back =
        upr1::json::read_recommendations(doc.as_bytes(), &ReadOptions::new(), &Context::new())
            .unwrap();
    assert_eq!(back.records.len(), Dataset::dprk().recommendations.len());
}

#[test]
fn an_empty_matrix_is_an_error_in_strict_mode() {
    let Some(data) = common::data() else { return };
    let real = std::fs::read(data.join("ohchr-matrix/china-cycle3-matrix.txt")).unwrap();
    assert!(ohchr_matrix::read(&real[..], &ReadOptions::new()).is_ok());
    for empty in [&b""[..], &b"\r\r  \r"[..]] {
        let e = ohchr_matrix::read(empty, &ReadOptions::new().with_name("m.txt")).unwrap_err();
        assert_eq!(
            e.to_string(),
            r#"m.txt: input: expected a matrix with at least one recommendation, found "no recommendation""#
        );
        let p = ohchr_matrix::read(empty, &ReadOptions::lenient()).unwrap();
        assert!(p.records.is_empty());
        assert_eq!(p.report.skipped().count(), 1);
    }
}

#[test]
fn a_corrupted_addendum_reports_the_number_answered_twice() {
    use upr::format::addendum;
    let Some(data) = common::data() else { return };
    let real = std::fs::read_to_string(data.join("slovenia/cycle2/A-HRC-28-15-Add.1.txt")).unwrap();
    // Recommendation 1 slipped into the noted list too.
    let bad = real.replacen(
        "recommendations 6–13, 17,",
        "recommendations 1, 6–13, 17,",
        1,
    );
    assert_ne!(bad, real);
    let a = addendum::read(bad.as_bytes(), &ReadOptions::lenient()).unwrap();
    assert_eq!(
        a.positions.len(),
        163,
        "every number once, the first answer kept"
    );
    let doubled: Vec<_> = a.report.skipped().map(|p| p.found.clone()).collect();
    assert_eq!(doubled, ["1 answered again as noted"]);
    assert!(addendum::read(bad.as_bytes(), &ReadOptions::new()).is_err());
}

#[test]
fn a_misprinted_count_in_a_session_report_is_reported_not_guessed() {
    use upr::format::session_report;
    let Some(data) = common::data() else { return };
    let real = std::fs::read_to_string(data.join("hrc-session-reports/A-HRC-28-2.txt")).unwrap();
    // "out of 163" misprinted as "out of l63": the summary no longer reads.
    let bad = real.replacen(
        "out of 163 recommendations",
        "out of l63 recommendations",
        1,
    );
    assert_ne!(bad, real);
    let s = session_report::read(bad.as_bytes(), &ReadOptions::lenient()).unwrap();
    assert_eq!(s.states.len(), 13);
    assert!(s.states.iter().all(|f| f.state.alpha3() != "SVN"));
    assert_eq!(s.report.skipped().count(), 1, "{:?}", s.report.problems);
    let e =
        session_report::read(bad.as_bytes(), &ReadOptions::new().with_name("s.txt")).unwrap_err();
    assert!(
        e.to_string()
            .starts_with("s.txt: line 6646: expected the President's summary"),
        "{e}"
    );
}
