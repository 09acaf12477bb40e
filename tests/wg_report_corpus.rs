//! The 176 Working Group reports of the shared corpus: every one parses, and agreement with the
//! two independent references (the researcher's parse in `wg-reference/`, the hand-labelled
//! paragraphs in `paragraph-gold/`) stays at or above the figures measured when the reader was
//! written (docs/wg-report-agreement.md). Reports whose count differs from the reference are
//! listed, with the reason, in `tests/data/wg_known_disagreements.tsv`.
//!
//! Also: the reader never panics, whatever the input (proptest on random text, random bytes,
//! report-like line soup and mutated real report text).

#[path = "../tools/src/bin/wg_agreement/agreement.rs"]
mod agreement;
mod common;

use std::collections::BTreeMap;
use std::sync::OnceLock;

use proptest::prelude::*;
use upr::Encoding;
use upr::format::{Mode, ReadOptions, wg_report};

const KNOWN: &str = include_str!("data/wg_known_disagreements.tsv");

fn known() -> BTreeMap<String, agreement::Known> {
    agreement::known_disagreements("wg_known_disagreements.tsv", KNOWN).unwrap()
}

#[test]
fn every_report_parses_in_lenient_mode() {
    let Some(data) = common::data() else { return };
    let known = known();
    let mut files: Vec<_> = std::fs::read_dir(data.join("wg-reports"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort();
    assert_eq!(files.len(), 176);
    let mut total = 0;
    let mut with_state = 0;
    for f in &files {
        let name = f.file_stem().unwrap().to_str().unwrap();
        let r = wg_report::read_report_path(f, &ReadOptions::lenient())
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        if r.recommendations.is_empty() {
            let k = known.get(name);
            assert!(
                k.is_some_and(|k| k.ours == 0),
                "{name}: no recommendation read, and not listed in wg_known_disagreements.tsv"
            );
        }
        for x in &r.recommendations {
            assert!(!x.text.is_empty(), "{name} {}: empty text", x.reference);
            assert!(
                !x.recommending_raw.is_empty(),
                "{name} {}: no recommending State",
                x.reference
            );
            assert!(x.line > 0);
        }
        // Every repaired or skipped record says where and why.
        for p in &r.report.problems {
            assert!(!p.reason.is_empty(), "{name}: {p:?}");
        }
        with_state += usize::from(r.state.is_some());
        total += r.recommendations.len();
    }
    // Measured: 18,949 recommendations over the 176 reports; the State under review is read
    // from the title of every one.
    assert!(total >= 18_900, "{total} recommendations");
    assert_eq!(with_state, 176, "States under review");
}

/// A report of `wg-reports/`, read in lenient mode.
fn report(data: &std::path::Path, name: &str) -> wg_report::WgReport {
    let path = data.join("wg-reports").join(format!("{name}.txt"));
    wg_report::read_report_path(path, &ReadOptions::lenient()).unwrap()
}

/// The ISO codes of States.
fn codes(states: &[upr::State]) -> Vec<&'static str> {
    states.iter().map(|s| s.alpha3()).collect()
}

/// The footnotes "N The recommendation as read during the interactive dialogue: ... (State)"
/// that text extraction set among the recommendations are dropped, each with a line in the
/// report, and add neither text nor States to the recommendation above them (before, 9
/// recommendations of 4 reports took one in, and 3 of them its States).
#[test]
fn footnotes_set_among_the_recommendations_add_nothing() {
    let Some(data) = common::data() else { return };
    let read = |name: &str| report(&data, name);
    let states = |r: &wg_report::WgReport, reference: &str| -> Vec<&'static str> {
        let x = common::wg_recommendation(r, reference);
        assert!(
            !x.text.to_lowercase().contains("interactive dialogue"),
            "{}",
            x.text
        );
        codes(&x.recommending)
    };
    let kuwait = read("kuwait2010");
    assert_eq!(states(&kuwait, "79.47"), ["BTN", "IRN"]); // not Chile, the footnote's
    let norway = read("norway2010");
    assert_eq!(states(&norway, "105(5)"), ["VNM"]); // not China, Mexico, Italy and Chile
    let uganda = read("uganda2011");
    assert_eq!(states(&uganda, "112.40"), ["USA"]); // not Belgium
    // Nor the footnote's number glued to the text it annotates ("bill9").
    assert_eq!(
        common::wg_recommendation(&uganda, "112.19").text,
        "Enact the anti-torture bill"
    );
    let dropped = |r: &wg_report::WgReport| {
        r.report
            .repaired()
            .filter(|p| {
                p.reason
                    .contains("a footnote set after a complete recommendation")
            })
            .count()
    };
    assert_eq!((dropped(&kuwait), dropped(&norway)), (1, 6));
    // Nowhere in the corpus does a recommendation, or a part of one, keep such a footnote.
    for f in std::fs::read_dir(data.join("wg-reports")).unwrap() {
        let f = f.unwrap().path();
        let r = wg_report::read_report_path(&f, &ReadOptions::lenient()).unwrap();
        for x in &r.recommendations {
            let texts = std::iter::once(&x.text).chain(x.parts.iter().map(|p| &p.text));
            for t in texts {
                let t = t.to_lowercase();
                assert!(
                    !t.contains("as read during the interactive dialogue")
                        && !t.contains("as read in the interactive dialogue"),
                    "{} {}: {t}",
                    f.display(),
                    x.reference
                );
            }
        }
    }
}

/// A bracket of States inside a recommendation that ends with States names States of it too
/// (the clauses of a recommendation that merges several), each with a line in the report.
/// UPR Info's export has a row for each of these States: Algeria's "Continue improving the
/// living conditions of detainees" (Zambia 2008), Brazil's "Ratify International Labour
/// Organization (ILO) fundamental conventions" (New Zealand 2009), Canada's "Continue efforts to
/// intensify the investigation and prosecution of racial hatred ..." (the Netherlands 2008).
#[test]
fn states_inside_a_merged_recommendation_are_among_its_states() {
    let Some(data) = common::data() else { return };
    let read = |name: &str| report(&data, name);
    let states = |r: &wg_report::WgReport, reference: &str| {
        codes(&common::wg_recommendation(r, reference).recommending)
    };
    assert_eq!(states(&read("zambia2008"), "58(8)"), ["DZA", "IRL"]);
    assert_eq!(states(&read("newzealand2009"), "81(5)"), ["BRA", "IRN"]);
    assert_eq!(states(&read("netherlands2008"), "78(8)"), ["CAN", "CUB"]);
    let civ = read("cotedivoire2014");
    assert_eq!(states(&civ, "127.9"), ["RWA", "FRA", "MNE"]);
    assert_eq!(states(&civ, "127.3"), ["GHA", "TUN", "CZE", "EST"]);
    // "the National League for Democracy (NLD)": a bare code is no State.
    let mm = read("myanmar2011");
    assert!(!states(&mm, "107.61").contains(&"NLD"));
    let inside = civ
        .report
        .repaired()
        .filter(|p| {
            p.reason
                .contains("also taken from brackets inside its text")
        })
        .count();
    assert_eq!(inside, 4, "cotedivoire2014: 127.3, 127.9, 127.14, 128.2");
}

#[test]
fn agreement_with_the_reference_parse() {
    let Some(data) = common::data() else { return };
    let known = known();
    let list = agreement::compare_all(&data).unwrap();
    let mut errors = Vec::new();
    for a in &list {
        match known.get(&a.name) {
            Some(k) if k.ours == a.ours && k.reference == a.reference => {}
            Some(k) => errors.push(format!(
                "{}: now ours {} / reference {}, the file says {} / {} ({})",
                a.name, a.ours, a.reference, k.ours, k.reference, k.right
            )),
            None if a.ours != a.reference => errors.push(format!(
                "{}: ours {} / reference {} and not listed",
                a.name, a.ours, a.reference
            )),
            None => {}
        }
    }
    assert!(
        errors.is_empty(),
        "update tests/data/wg_known_disagreements.tsv after checking the text:\n{}",
        errors.join("\n")
    );
    let t = agreement::Totals::of(&list);
    // Measured when written (see docs/wg-report-agreement.md).
    assert_eq!(t.reports, 115);
    assert!(t.exact_count >= 97, "{t:?}");
    assert!(t.matched >= 15_916, "{t:?}");
    assert!(agreement::pct(t.matched, t.reference) >= 99.8, "{t:?}");
    assert!(t.status_agree * 1000 >= t.status_compared * 999, "{t:?}");
}

#[test]
fn agreement_with_the_paragraph_gold() {
    let Some(data) = common::data() else { return };
    let g = agreement::gold(&data.join("paragraph-gold")).unwrap();
    assert_eq!(g.paragraphs, 217);
    assert_eq!(g.number_exact, 217, "{:?}", g.differences);
    assert!(g.text_exact >= 216, "{:?}", g.differences);
    assert_eq!(g.text_normalised, 217, "{:?}", g.differences);
    assert_eq!(g.states_exact, 217, "{:?}", g.differences);
}

// ---------------------------------------------------------------------------------------------
// Never a panic.

const SAMPLE: &str = "Report of the Working Group on the Universal Periodic Review\r\
Democratic People\u{2019}s Republic of Korea\r\
II. Conclusions and/or recommendations\r\
90. The following recommendations will be examined by DPRK which will provide responses in due time:\r\
1. \r\
Ratify CAT (Canada); \r\
2. Grant access (Republic of Korea (Holy See); 3. Do (Canada).\r\
91. The following recommendations did not enjoy the support of DPRK: \r\
91.1 Close the camps (Canada, Republic of Korea and Holy See);91.2.Free (X)\r\
92. All conclusions and/or recommendations contained in the present report\r\
Annex\r";

fn base() -> &'static [u8] {
    static BASE: OnceLock<Vec<u8>> = OnceLock::new();
    BASE.get_or_init(|| {
        common::data()
            .and_then(|d| {
                std::fs::read(
                    d.join("wg-reports")
                        .join("democraticpeoplesrepublicofkorea2010.txt"),
                )
                .ok()
            })
            .unwrap_or_else(|| SAMPLE.as_bytes().to_vec())
    })
}

fn read_all_ways(bytes: &[u8]) {
    for mode in [Mode::Strict, Mode::Lenient] {
        for enc in [Encoding::Auto, Encoding::MacRoman, Encoding::Utf8] {
            let o = ReadOptions::new().with_mode(mode).with_encoding(enc);
            if let Ok(r) = wg_report::read_report(bytes, &o) {
                for x in &r.recommendations {
                    let _ = x.reference.to_string();
                }
                let _ = r.counts();
            }
        }
    }
    let _ = wg_report::split_recommendation(&String::from_utf8_lossy(bytes));
}

const PIECES: &[&str] = &[
    "II. Conclusions and/or recommendations",
    "III. Voluntary commitments",
    "Annex",
    "90.",
    "91. ",
    "1.",
    "2. ",
    "124.1 ",
    "124.2.",
    "125.1 ",
    "The following recommendations did not enjoy the support of X:",
    "The following recommendations will be examined by X, which will respond in due course:",
    "The recommendations listed above enjoy the support of X.",
    "noted in the report in paragraphs 12 (a), 13 above",
    "All conclusions and/or recommendations",
    "Ratify CAT",
    "(Canada)",
    "(Republic of Korea",
    "(Holy See))",
    ")",
    "(",
    ";",
    ".",
    ":",
    " ",
    "\u{2019}",
    "GE.10-1234",
    "** The conclusions and recommendations have not been edited.",
    "2  The recommendation was read as",
    "73 Take",
    "\r",
    "\n",
    "\r\n",
];

/// 64 cases per property, or `PROPTEST_CASES` (`PROPTEST_CASES=2000 cargo test --release --test
/// wg_report_corpus` for a longer run).
fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(64)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn random_text_never_panics(s in "\\PC{0,600}") {
        read_all_ways(s.as_bytes());
    }

    #[test]
    fn random_bytes_never_panic(b in proptest::collection::vec(any::<u8>(), 0..2000)) {
        read_all_ways(&b);
    }

    #[test]
    fn report_like_soup_never_panics(
        idx in proptest::collection::vec(0..PIECES.len(), 0..200)
    ) {
        let s: String = idx.iter().map(|&i| PIECES[i]).collect();
        read_all_ways(s.as_bytes());
    }

    #[test]
    fn mutated_report_never_panics(
        edits in proptest::collection::vec(
            (any::<proptest::sample::Index>(), 0usize..300, proptest::collection::vec(any::<u8>(), 0..30)),
            1..12,
        )
    ) {
        let mut b = base().to_vec();
        for (at, del, ins) in edits {
            let i = at.index(b.len() + 1);
            let j = (i + del).min(b.len());
            b.splice(i..j, ins);
        }
        read_all_ways(&b);
    }
}
