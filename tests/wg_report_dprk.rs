//! The DPRK's two Working Group reports of 2010 (A/HRC/13/13) and 2014 (A/HRC/27/10), read from
//! the shared corpus: counts, statuses, numbering and spot-checked texts and States.

mod common;

use std::collections::BTreeMap;

use upr::format::{ReadOptions, wg_report};
use upr::{ParagraphRef, State, WorkingGroupStatus};

fn read(name: &str) -> Option<wg_report::WgReport> {
    let path = common::data()?.join("wg-reports").join(name);
    Some(wg_report::read_report_path(&path, &ReadOptions::lenient()).unwrap())
}

fn find<'a>(r: &'a wg_report::WgReport, reference: &str) -> &'a wg_report::WgRecommendation {
    let want: ParagraphRef = reference.parse().unwrap();
    r.recommendations
        .iter()
        .find(|x| x.reference == want)
        .unwrap_or_else(|| panic!("no recommendation {reference}"))
}

#[test]
fn dprk_2010_first_cycle() {
    let Some(r) = read("democraticpeoplesrepublicofkorea2010.txt") else {
        return;
    };
    assert_eq!(r.state, Some(State::PRK));
    assert_eq!(r.symbol.as_ref().map(|s| s.as_str()), Some("A/HRC/13/13"));
    assert_eq!(r.date.map(|d| d.to_string()).as_deref(), Some("2010-01-04"));
    assert_eq!(r.council_session, Some(13));
    assert_eq!(r.session.map(|s| s.number()), Some(6));
    assert_eq!(r.recommendations.len(), 167);
    let counts = r.counts();
    assert_eq!(
        counts,
        BTreeMap::from([
            (WorkingGroupStatus::ToBeExamined, 117),
            (WorkingGroupStatus::NotSupported, 50),
        ])
    );
    // Paragraph 90 items 1-117, then paragraph 91 items 1-50, in order, none missing.
    let expected: Vec<ParagraphRef> = (1..=117)
        .map(|item| ParagraphRef::Item {
            paragraph: 90,
            item,
        })
        .chain((1..=50).map(|item| ParagraphRef::Item {
            paragraph: 91,
            item,
        }))
        .collect();
    let got: Vec<ParagraphRef> = r.recommendations.iter().map(|x| x.reference).collect();
    assert_eq!(got, expected);
    for x in &r.recommendations {
        let want = if x.reference.paragraph() == 90 {
            WorkingGroupStatus::ToBeExamined
        } else {
            WorkingGroupStatus::NotSupported
        };
        assert_eq!(x.status, want, "{}", x.reference);
        assert_eq!(
            x.recommending_raw.len(),
            1,
            "{}: {:?}",
            x.reference,
            x.recommending_raw
        );
        assert!(
            !x.text.ends_with(')') && !x.text.ends_with(';'),
            "{}",
            x.text
        );
    }
    // Items 90 and 91 of paragraph 90 are items, not paragraphs.
    let x = find(&r, "90(91)");
    assert_eq!(
        x.text,
        "Continue taking measures to ensure the right to food for its people and implement MDGs"
    );
    assert_eq!(x.recommending_raw, ["Viet Nam"]);
    let x = find(&r, "90(1)");
    assert!(
        x.text
            .starts_with("Ratify the Convention on the Elimination of the Worst Forms")
    );
    assert!(x.text.ends_with("the ICRMW and CRPD"), "{}", x.text);
    assert_eq!(x.recommending_raw, ["Chile"]);
    // Item 15 is broken across a page: both halves are kept, in order.
    let x = find(&r, "90(15)");
    assert!(
        x.text
            .starts_with("Undertake a review of national criminal")
    );
    assert!(x.text.ends_with("on the Rights of the Child"), "{}", x.text);
    assert_eq!(x.recommending_raw, ["Mexico"]);
    let x = find(&r, "90(117)");
    assert_eq!(
        x.recommending_raw,
        ["Lao People\u{2019}s Democratic Republic"]
    );
    let x = find(&r, "91(2)");
    assert_eq!(
        x.text,
        "Implement its obligations under the human rights instruments to which it is party and cease the use of arbitrary detention, labour camps and collective punishment"
    );
    assert_eq!(x.recommending, [State::resolve("Canada").unwrap()]);
    assert_eq!(x.line, 675);
    let x = find(&r, "91(14)");
    assert_eq!(
        x.text,
        "Establish a moratorium on executions with a view to abolishing the death penalty"
    );
    assert_eq!(x.recommending_raw, ["Brazil"]);
}

#[test]
fn dprk_2014_second_cycle() {
    let Some(r) = read("democraticpeoplesrepublicofkorea2014.txt") else {
        return;
    };
    assert_eq!(r.state, Some(State::PRK));
    // This extraction has lost the symbol line (A/HRC/27/10); the date and session remain.
    assert_eq!(r.symbol, None);
    assert_eq!(r.date.map(|d| d.to_string()).as_deref(), Some("2014-07-02"));
    assert_eq!(r.council_session, Some(27));
    assert_eq!(r.recommendations.len(), 268);
    assert_eq!(
        r.counts(),
        BTreeMap::from([
            (WorkingGroupStatus::ToBeExamined, 185),
            (WorkingGroupStatus::NotSupported, 83),
        ])
    );
    let expected: Vec<ParagraphRef> = (1..=185)
        .map(|number| ParagraphRef::Dotted {
            paragraph: 124,
            number,
        })
        .chain((1..=83).map(|number| ParagraphRef::Dotted {
            paragraph: 125,
            number,
        }))
        .collect();
    let got: Vec<ParagraphRef> = r.recommendations.iter().map(|x| x.reference).collect();
    assert_eq!(got, expected);
    let x = find(&r, "125.54");
    assert_eq!(x.text, "Close all political prison camps immediately");
    assert_eq!(x.recommending, [State::resolve("Canada").unwrap()]);
    assert_eq!(x.status, WorkingGroupStatus::NotSupported);
    assert_eq!(x.line, 670);
    // A bracket inside the State's name, and a recommendation broken across a page.
    let x = find(&r, "124.2");
    assert_eq!(x.recommending_raw, ["Bolivia (Plurinational State of)"]);
    let x = find(&r, "124.30");
    assert_eq!(
        x.text,
        "Continue taking concrete measures to further promote and protect human rights, particularly for women and children"
    );
    assert_eq!(x.recommending_raw, ["Iran (Islamic Republic of)"]);
    // The footnote between 124.16 and 124.17 is dropped and reported.
    let x = find(&r, "124.16");
    assert_eq!(
        x.text,
        "Take further steps to expedite the ratification of CRPD and its Optional Protocol (OP-CRPD)"
    );
    assert!(
        r.report
            .problems
            .iter()
            .any(|p| p.found == "The conclusions and recommendations have not been edited."),
        "{:?}",
        r.report.problems
    );
    let x = find(&r, "125.83");
    assert_eq!(x.recommending_raw, ["Greece"]);
    assert_eq!(x.status, WorkingGroupStatus::NotSupported);
}

/// In strict mode both reports read without a skip (every State name resolves) and give the same
/// recommendations as in lenient mode.
#[test]
fn dprk_reports_read_in_strict_mode() {
    for (name, n) in [
        ("democraticpeoplesrepublicofkorea2010.txt", 167),
        ("democraticpeoplesrepublicofkorea2014.txt", 268),
    ] {
        let Some(data) = common::data() else { return };
        let path = data.join("wg-reports").join(name);
        let strict = wg_report::read_report_path(&path, &ReadOptions::new()).unwrap();
        let lenient = wg_report::read_report_path(&path, &ReadOptions::lenient()).unwrap();
        assert_eq!(strict.recommendations.len(), n);
        assert_eq!(strict.recommendations, lenient.recommendations);
        assert_eq!(strict.report.skipped().count(), 0);
        for x in &strict.recommendations {
            assert_eq!(
                x.recommending.len(),
                x.recommending_raw.len(),
                "{name} {}: {:?}",
                x.reference,
                x.recommending_raw
            );
        }
    }
    // Every recommending State of the first review resolves; a few spot checks.
    let r = read("democraticpeoplesrepublicofkorea2010.txt").unwrap();
    let alpha = |reference: &str| -> Vec<&'static str> {
        find(&r, reference)
            .recommending
            .iter()
            .map(|s| s.alpha3())
            .collect()
    };
    assert_eq!(alpha("90(1)"), ["CHL"]);
    assert_eq!(alpha("90(31)"), ["VEN"]);
    assert_eq!(alpha("90(117)"), ["LAO"]);
    assert_eq!(alpha("91(26)"), ["CAN"]);
    let r = read("democraticpeoplesrepublicofkorea2014.txt").unwrap();
    let alpha = |reference: &str| -> Vec<&'static str> {
        find(&r, reference)
            .recommending
            .iter()
            .map(|s| s.alpha3())
            .collect()
    };
    assert_eq!(alpha("124.2"), ["BOL"]);
    assert_eq!(alpha("124.30"), ["IRN"]);
    assert_eq!(alpha("125.59"), ["KOR"]);
    assert_eq!(alpha("125.75"), ["MKD"]);
}
