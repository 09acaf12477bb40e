//! The OHCHR matrix reader over the real matrices of China's second and third reviews
//! (`ohchr-matrix/china-cycle{2,3}-matrix.txt`).

mod common;

use std::collections::BTreeSet;
use std::path::PathBuf;

use proptest::prelude::*;
use upr::format::ohchr_matrix::{self, MatrixRecord, MatrixReview};
use upr::format::{Mode, ReadOptions};
use upr::{AffectedPersons, Sdg, UprPosition};
use upr::{Cycle, Encoding, ParagraphRef, Session, State};

fn path(cycle: u8) -> Option<PathBuf> {
    common::data().map(|d| d.join(format!("ohchr-matrix/china-cycle{cycle}-matrix.txt")))
}

fn read(cycle: u8) -> Option<Vec<MatrixRecord>> {
    let p = path(cycle)?;
    let parsed = ohchr_matrix::read_path(&p, &ReadOptions::new()).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(parsed.report.encoding, Encoding::MacRoman);
    assert!(
        parsed.report.problems.is_empty(),
        "{:?}",
        parsed.report.problems
    );
    Some(parsed.records)
}

/// Checks shared by both matrices; returns the number of distinct recommending States.
fn common_checks(records: &[MatrixRecord], review: MatrixReview, addendum: &str) -> usize {
    let mut states = BTreeSet::new();
    for r in records {
        assert_eq!(r.review, Some(review));
        let src = r
            .source_of_position
            .as_ref()
            .expect("every row has a source");
        assert_eq!(src.document.as_str(), addendum);
        // Every recommending State resolves, and every row has one.
        assert!(r.unresolved.is_empty(), "{r:?}");
        assert!(!r.recommending.is_empty(), "{r:?}");
        states.extend(r.recommending.iter().copied());
        assert!(!r.text.is_empty() && !r.text.contains("(China)"), "{r:?}");
        // Each row lists the theme it is filed under among its own themes.
        let section = r
            .section
            .as_ref()
            .expect("every row is under a Theme: heading");
        assert!(
            r.themes.contains(section),
            "line {}: {section} not in {:?}",
            r.line,
            r.themes
        );
        assert!(!r.affected_persons.is_empty(), "line {}", r.line);
        assert!(r.affected_persons.iter().all(|a| !a.is_other()), "{r:?}");
    }
    states.len()
}

fn positions(records: &[MatrixRecord]) -> (usize, usize, usize) {
    let c = ohchr_matrix::position_counts(records);
    let get = |p| c.get(&p).copied().unwrap_or(0);
    (
        get(UprPosition::Supported),
        get(UprPosition::Noted),
        get(UprPosition::SupportedNoted),
    )
}

fn numbers(records: &[MatrixRecord]) -> BTreeSet<u16> {
    records
        .iter()
        .map(|r| match r.paragraph {
            ParagraphRef::Dotted { number, .. } => number,
            other => panic!("{other}"),
        })
        .collect()
}

#[test]
fn cycle_3_has_346_recommendations_284_supported() {
    let Some(records) = read(3) else { return };
    // Official totals: 346 recommendations, 284 supported.
    assert_eq!(records.len(), 346);
    assert_eq!(positions(&records), (284, 62, 0));
    let review = MatrixReview {
        state_under_review: State::resolve("China").unwrap(),
        cycle: Cycle::THIRD,
        session: Session::new(31).unwrap(),
    };
    let states = common_checks(&records, review, "A/HRC/40/6/Add.1");
    // Counted independently by a script over the brackets of the rows.
    assert_eq!(states, 138);
    // Paragraphs 28.1 to 28.346, each once.
    assert!(records.iter().all(|r| r.paragraph.paragraph() == 28));
    assert_eq!(numbers(&records), (1..=346).collect());
    // The third cycle's addendum gives every position in one paragraph (its paragraph 2), not
    // one paragraph per recommendation as in the second cycle.
    assert!(records.iter().all(|r| {
        r.source_of_position.as_ref().unwrap().paragraph == Some(ParagraphRef::Paragraph(2))
    }));
    // SDGs (new in the third cycle): 205 rows are tagged SDG 16; 12 rows (cooperation and
    // development assistance, mostly) have no S line at all, neither a goal nor the bare S theme.
    let sdg16 = Sdg::new(16).unwrap();
    let with_16 = records.iter().filter(|r| r.sdgs.contains(&sdg16)).count();
    assert_eq!(with_16, 205);
    let no_s = records
        .iter()
        .filter(|r| r.sdgs.is_empty() && !r.themes.iter().any(|t| t.code().as_str() == "S"))
        .count();
    assert_eq!(no_s, 12);
    // Clusters: one row, several recommendations and States.
    let r4 = records
        .iter()
        .find(|r| r.paragraph.to_string() == "28.4")
        .unwrap();
    assert_eq!(
        r4.recommending,
        ["New Zealand", "Uruguay", "Mali"]
            .map(|s| State::resolve(s).unwrap())
            .to_vec()
    );
    assert_eq!(r4.text.matches("; ").count(), 1);
}

#[test]
fn cycle_2_has_252_paragraphs() {
    let Some(records) = read(2) else { return };
    // Official total: 252 paragraphs. The split into supported and noted is what the matrix
    // gives (no official split was given with the data).
    assert_eq!(records.len(), 252);
    assert_eq!(positions(&records), (204, 48, 0));
    let review = MatrixReview {
        state_under_review: State::resolve("China").unwrap(),
        cycle: Cycle::SECOND,
        session: Session::new(17).unwrap(),
    };
    let states = common_checks(&records, review, "A/HRC/25/5/Add.1");
    // Counted independently by a script over the brackets of the rows.
    assert_eq!(states, 125);
    assert!(records.iter().all(|r| r.paragraph.paragraph() == 186));
    assert_eq!(numbers(&records), (1..=252).collect());
    // In the second cycle the addendum answers paragraph by paragraph.
    assert!(
        records
            .iter()
            .all(|r| r.source_of_position.as_ref().unwrap().paragraph == Some(r.paragraph))
    );
    assert!(
        records.iter().all(|r| r.sdgs.is_empty()),
        "no SDG codes before 2015"
    );
    // Word's stray spaces inside names: "(Sierra Le one)", "(Bolivia (Plurinational S tate of))".
    let find = |p: &str| {
        records
            .iter()
            .find(|r| r.paragraph.to_string() == p)
            .unwrap()
    };
    let sierra = State::resolve("Sierra Leone").unwrap();
    assert!(find("186.1").recommending.contains(&sierra));
    let bolivia = State::resolve("Bolivia").unwrap();
    assert_eq!(find("186.198").recommending, vec![bolivia]);
    // "(Argentina) ;Work ..." (space before the semicolon) still ends a part of the cluster.
    let r107 = records
        .iter()
        .find(|r| r.paragraph.to_string() == "186.107")
        .unwrap();
    assert_eq!(r107.recommending.len(), 6);
    assert!(!r107.text.contains("Argentina"), "{}", r107.text);
    let minorities = records
        .iter()
        .filter(|r| r.affected_persons.contains(&AffectedPersons::Minorities))
        .count();
    assert_eq!(minorities, 40);
}

#[test]
fn records_become_recommendations() {
    let Some(records) = read(3) else { return };
    let supported = records
        .iter()
        .filter(|r| r.position == UprPosition::Supported)
        .count();
    let date = chrono::NaiveDate::from_ymd_opt(2019, 3, 15).unwrap();
    let recs: Vec<_> = records
        .into_iter()
        .map(|r| r.into_recommendation(Some(date)).unwrap())
        .collect();
    let by_status = recs
        .iter()
        .filter(|r| r.responses().status_as_of(date) == Some(upr::ResponseStatus::Supported))
        .count();
    assert_eq!(by_status, supported);
    assert!(recs.iter().all(
        |r| r.cycle() == Cycle::THIRD && r.document().map(|d| d.as_str()) == Some("A/HRC/40/6")
    ));
}

#[test]
fn a_damaged_line_is_an_error_naming_it() {
    let Some(p) = path(3) else { return };
    let bytes = std::fs::read(p).unwrap();
    let text = upr::format::encoding::decode_mac_roman(&bytes);
    let bad = text.replacen("\rSupported\r", "\rSuported\r", 1);
    assert_ne!(bad, text);
    let err =
        ohchr_matrix::read(bad.as_bytes(), &ReadOptions::new().with_name("c3.txt")).unwrap_err();
    assert_eq!(
        err.to_string(),
        r#"c3.txt: line 8: expected Supported or Noted after the source of position, found "Suported""#
    );
    let lenient = ohchr_matrix::read(bad.as_bytes(), &ReadOptions::lenient()).unwrap();
    assert_eq!(lenient.records.len(), 345);
    assert_eq!(lenient.report.skipped().count(), 1);
}

fn check(bytes: &[u8]) {
    let line_count = bytes.iter().filter(|&&b| b == b'\r' || b == b'\n').count() + 1;
    for mode in [Mode::Strict, Mode::Lenient] {
        let Ok(p) = ohchr_matrix::read(bytes, &ReadOptions::new().with_mode(mode)) else {
            continue;
        };
        assert_eq!(p.report.records, p.records.len());
        if mode == Mode::Strict {
            assert!(p.report.problems.is_empty());
        }
        for x in &p.report.problems {
            match x.location {
                upr::Location::Line(n) => assert!(n >= 1 && n <= line_count, "{x:?}"),
                // A matrix with no recommendation at all is reported for the input as a whole.
                upr::Location::Whole => assert!(p.records.is_empty(), "{x:?}"),
                other => panic!("{other:?}"),
            }
        }
        for r in &p.records {
            assert!(r.line >= 1 && r.line <= line_count);
        }
    }
}

fn cycle_bytes(cycle: u8) -> Option<&'static Vec<u8>> {
    static BYTES: std::sync::OnceLock<[Option<Vec<u8>>; 2]> = std::sync::OnceLock::new();
    let all = BYTES.get_or_init(|| [2, 3].map(|c| path(c).map(|p| std::fs::read(p).unwrap())));
    all[usize::from(cycle == 3)].as_ref()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2000)) {
        check(&bytes);
    }

    #[test]
    fn arbitrary_lines_never_panic(
        lines in proptest::collection::vec(
            prop_oneof![
                Just("Theme: A12 Acceptance of international norms".to_string()),
                Just("Source of position: A/HRC/40/6/Add.1 - Para. 2".to_string()),
                Just("Supported".to_string()),
                Just("Affected persons:".to_string()),
                Just(String::new()),
                "[0-9]{1,3}\\.[0-9]{1,3} [A-Za-z ();]{0,40}",
                "- [a-z ]{0,20}",
                "[A-Z][0-9]{0,3} [A-Za-z ]{0,20}",
                "S[0-9]{1,2} SDG [0-9]{1,2} - [a-z]{0,10}",
                "UPR of [A-Za-z]{0,8} \\([0-9]nd Cycle – [0-9]{1,2}th session\\)",
                "[ -~]{0,40}",
            ],
            0..40,
        )
    ) {
        check(lines.join("\r").as_bytes());
    }

    #[test]
    fn mutated_real_input_never_panics(
        which in 2u8..4,
        flips in proptest::collection::vec((any::<usize>(), any::<u8>()), 0..8),
        cut in any::<usize>(),
    ) {
        let Some(bytes) = cycle_bytes(which) else { return Ok(()) };
        let mut b = bytes[..bytes.len() / 4].to_vec();
        for (at, v) in flips {
            let i = at % b.len();
            b[i] = v;
        }
        check(&b);
        b.truncate(cut % (b.len() + 1));
        check(&b);
    }
}
