//! Implementation assessments joined to the embedded DPRK recommendations: NKDB's steps (seed
//! `000_...`), and the Special Rapporteur's "accepted but not implemented" question.

use upr::implementation::{self, ImplementationGroup, ImplementationLevel, ImplementationQuery};
use upr::{Cycle, Dataset, ResponseStatus};

#[test]
fn nkdb_steps_join_where_the_text_allows_and_say_why_elsewhere() {
    let data = Dataset::dprk();
    let a = implementation::dprk();
    for x in a {
        assert!(data.source(&x.source).is_some(), "{}", x.source);
        assert!(
            !x.link.is_empty(),
            "{}: every row says why it is (not) linked",
            x.step
        );
    }
    let mut recs = data.recommendations.clone();
    let report = implementation::attach(&mut recs, a);
    // 2:124.64, and the cycle-3 steps (126.41, 126.74 twice), whose recommendations the
    // dataset's partial third-review list (seed 000) holds.
    assert_eq!(report.attached, 4);
    assert!(report.not_in_data.is_empty(), "{:?}", report.not_in_data);
    let on_126_74 = recs
        .iter()
        .find(|r| {
            r.cycle() == Cycle::THIRD
                && r.reference().map(|p| p.to_string()) == Some("126.74".into())
        })
        .unwrap();
    assert_eq!(on_126_74.assessments().assessments().len(), 2);
    assert_eq!(report.unlinked.len(), 2);
    let crc = recs
        .iter()
        .find(|r| {
            r.cycle() == Cycle::SECOND
                && r.reference().map(|p| p.to_string()) == Some("124.64".into())
        })
        .unwrap();
    assert_eq!(crc.text(), "Submit the reports due according to CRC");
    assert_eq!(
        crc.responses().latest().unwrap().status,
        ResponseStatus::Supported
    );
    assert_eq!(
        crc.assessments().latest().unwrap().level,
        ImplementationLevel::PartiallyImplemented
    );
    // Accepted in cycle 2, and nothing known of its implementation: all but 124.64.
    let q = ImplementationQuery::new()
        .cycle(Cycle::SECOND)
        .accepted(true);
    let all = q.select(&recs).len();
    let unknown = q
        .clone()
        .level(ImplementationLevel::Unknown)
        .select(&recs)
        .len();
    assert_eq!(all - unknown, 1);
    let by_cycle = ImplementationQuery::new()
        .accepted(true)
        .tally(&recs, ImplementationGroup::Cycle);
    assert_eq!(by_cycle["2"]["partially_implemented"], 1);
    // Undated assessments are left out of an as-of query.
    let d = chrono::NaiveDate::from_ymd_opt(2030, 1, 1).unwrap();
    let dated = ImplementationQuery::new()
        .as_of(d)
        .level(ImplementationLevel::PartiallyImplemented)
        .select(&recs);
    assert!(dated.is_empty());
    // The embedded recommendations file does not change: an empty history is not written.
    let line = serde_json::to_string(&data.recommendations[0]).unwrap();
    assert!(!line.contains("assessments"));
}
