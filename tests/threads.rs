//! Recurring recommendations on real data: the DPRK's cycles 1-2 (embedded) and Slovenia's
//! three reviews read from the UN's documents.

mod common;

use std::path::Path;

use upr::dataset::ReviewDocuments;
use upr::format::{ReadOptions, addendum, wg_report};
use upr::threads::{CycleOutcome, LinkBasis, Overrides, ThreadOptions, Threads};
use upr::{Dataset, Recommendation, State};

#[test]
fn the_dprk_is_asked_to_ratify_cat_in_both_cycles_and_never_accepts() {
    let data = Dataset::dprk();
    let options = ThreadOptions::new().partial_cycles(data.partial_cycles(State::PRK));
    let t = Threads::build(&data.recommendations, State::PRK, &options).unwrap();
    let cat = t.find_ask("ratify CAT").unwrap();
    assert_eq!(t.cycles(cat), [1, 2]);
    assert_eq!(cat.ask, "ratify Convention against Torture (CAT)");
    // Each cycle's best is a many-treaty recommendation supported only in part (90(1), 124.7:
    // their CRPD part); every recommendation asking for CAT alone was noted or rejected.
    assert_eq!(
        t.outcomes(cat).into_iter().collect::<Vec<_>>(),
        [
            (1, CycleOutcome::PartiallyAccepted),
            (2, CycleOutcome::PartiallyAccepted)
        ]
    );
    let never: Vec<&str> = t.never_accepted().iter().map(|t| t.ask.as_str()).collect();
    assert!(never.contains(&"ratify Convention against Torture (CAT)"));
    assert!(never.contains(&"end political prison camps (POLITICAL-CAMPS)"));
    // Turkey asked in both cycles ("Sign and ratify CAT, as recommended previously").
    let askers = t.askers(cat);
    assert!(
        askers
            .iter()
            .any(|(s, c)| s.alpha3() == "TUR" && c == &[1, 2])
    );
    // Every link says why, and every link inside the thread names the ask.
    for &n in &cat.links {
        let l = &t.links()[n];
        assert!(l.why.contains("ratify CAT"), "{}", l.why);
        assert!(matches!(l.basis, LinkBasis::Ask { .. }));
    }
    // The JSON view has the issue's fields.
    let v = serde_json::to_value(t.view(cat)).unwrap();
    for k in ["ask", "cycles", "recommendations", "responses", "why"] {
        assert!(v.get(k).is_some(), "{k}");
    }
}

#[test]
fn overrides_add_and_cut_links_and_say_so() {
    let data = Dataset::dprk();
    let o = Overrides::parse(
        "# hand links\nadd\t1:90(12)\t2:124.60\tboth about special rapporteurs' visits\ncut\t1:90(8)\t2:124.9\tnot the same\n",
    )
    .unwrap();
    let t = Threads::build(
        &data.recommendations,
        State::PRK,
        &ThreadOptions::new().overrides(o),
    )
    .unwrap();
    let manual: Vec<_> = t.links().iter().filter(|l| l.manual).collect();
    assert_eq!(manual.len(), 1);
    assert_eq!(manual[0].to_string_pair(), "1:90(12) 2:124.60");
    assert!(manual[0].why.starts_with("manual: "));
    assert!(
        !t.links()
            .iter()
            .any(|l| l.from.to_string() == "1:90(8)" && l.to.to_string() == "2:124.9")
    );
    assert_eq!(t.cuts().len(), 1);
    assert_eq!(
        Overrides::parse("link\t1:1\t2:2\n")
            .unwrap_err()
            .to_string(),
        r#"thread overrides: line 1: expected add or cut, found "link""#
    );
    assert_eq!(
        Overrides::parse("add\t1:x\t2:2\n").unwrap_err().to_string(),
        r#"thread overrides: line 1: expected a recommendation key such as 2:124.7, found "1:x""#
    );
    let o = Overrides::parse("add\t1:90(999)\t2:124.60\tx\n").unwrap();
    let err = Threads::build(
        &data.recommendations,
        State::PRK,
        &ThreadOptions::new().overrides(o),
    )
    .unwrap_err();
    assert_eq!(err.to_string(), r#"unknown recommendation key "1:90(999)""#);
}

fn slovenia(dir: &Path) -> Vec<Recommendation> {
    let o = ReadOptions::lenient();
    let mut recs = Vec::new();
    for (cycle, report) in [
        ("cycle1", "A-HRC-14-15"),
        ("cycle2", "A-HRC-28-15"),
        ("cycle4", "A-HRC-59-15"),
    ] {
        let d = dir.join(cycle);
        let docs = ReviewDocuments::new()
            .with_report(wg_report::read_report_path(d.join(format!("{report}.txt")), &o).unwrap())
            .with_addendum(addendum::read_path(d.join(format!("{report}-Add.1.txt")), &o).unwrap());
        recs.extend(
            Dataset::from_documents(docs)
                .unwrap()
                .dataset
                .recommendations,
        );
    }
    recs
}

#[test]
fn slovenia_is_asked_for_the_migrant_workers_convention_in_every_review() {
    let Some(data) = common::data() else { return };
    let recs = slovenia(&data.join("slovenia"));
    let svn = State::resolve("Slovenia").unwrap();
    let t = Threads::build(&recs, svn, &ThreadOptions::new()).unwrap();
    let icrmw = t.find_ask("ratify ICRMW").unwrap();
    assert_eq!(t.cycles(icrmw), [1, 2, 4]);
    assert!(
        t.outcomes(icrmw)
            .values()
            .all(|o| *o == CycleOutcome::NotAccepted)
    );
    assert!(t.never_accepted().iter().any(|x| x.key == icrmw.key));
}
