//! The seeds' figures, reproduced from the embedded dataset: recommendation level where it
//! exists (cycles 1-2), published tallies where it does not (cycles 3-4).

use chrono::NaiveDate;
use upr::dataset::{FigureValue, Quantity};
use upr::{Bucket, Convention, Cycle, Dataset, Dimension, PartialCounts, Query, Ratio, Tally};

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn counts(t: &Tally) -> Vec<(Bucket, u64)> {
    t.buckets
        .iter()
        .map(|b| (*b, t.total().count(*b)))
        .filter(|(_, n)| *n > 0)
        .collect()
}

fn data() -> &'static Dataset {
    Dataset::dprk()
}

#[test]
fn cycle1_final_five_way_is_81_6_15_15_50() {
    use Bucket::*;
    let t = Query::new()
        .cycle(Cycle::FIRST)
        .tally(&data().recommendations);
    assert_eq!(t.total().total, 167);
    assert_eq!(
        counts(&t),
        [
            (Accepted, 81),
            (PartiallyAccepted, 6),
            (Noted, 15),
            (Rejected, 15),
            (ImmediatelyRejected, 50)
        ]
    );
}

#[test]
fn cycle1_timeline_2009_2010_2014() {
    use Bucket::*;
    let recs = &data().recommendations;
    let q = || Query::new().cycle(Cycle::FIRST);
    let dec2009 = q().as_of(day(2009, 12, 9)).tally(recs);
    assert_eq!(
        counts(&dec2009),
        [(ImmediatelyRejected, 50), (Pending, 117)]
    );
    let before = q().as_of(day(2009, 12, 1)).tally(recs);
    assert_eq!((before.total().total, before.not_yet_made), (0, 167));
    let mar2010 = q().as_of(day(2010, 3, 18)).tally(recs);
    assert_eq!(mar2010.total().count(Accepted), 0);
    assert_eq!(
        counts(&mar2010),
        [(ImmediatelyRejected, 50), (Pending, 117)]
    );
    let upr_info_2010 = q()
        .as_of(day(2010, 3, 18))
        .convention(Convention::UprInfo)
        .tally(recs);
    assert_eq!(counts(&upr_info_2010), [(Noted, 167)]);
    let y2014 = q().as_of(day(2014, 4, 30)).tally(recs);
    assert_eq!(y2014.total().count(Accepted), 81);
}

#[test]
fn cycle1_under_each_convention() {
    use Bucket::*;
    let q = |c| {
        Query::new()
            .cycle(Cycle::FIRST)
            .convention(c)
            .tally(&data().recommendations)
    };
    assert_eq!(
        counts(&q(Convention::UprInfoSummary2014)),
        [(Accepted, 87), (Rejected, 65), (Pending, 15)]
    );
    assert_eq!(
        counts(&q(Convention::UprInfo)),
        [(Accepted, 81), (Noted, 86)]
    );
    assert_eq!(
        counts(&q(Convention::Ohchr)),
        [(Supported, 81), (SupportedNoted, 6), (Noted, 80)]
    );
}

#[test]
fn cycle1_recommendations_carry_their_states_and_numbering() {
    let c1: Vec<_> = data()
        .recommendations
        .iter()
        .filter(|r| r.cycle() == Cycle::FIRST)
        .collect();
    assert!(
        c1.iter().all(|r| !r.recommending().is_empty()),
        "every cycle-1 recommendation has a recommending State"
    );
    let refs: Vec<String> = c1
        .iter()
        .filter_map(|r| r.reference())
        .map(|r| r.to_string())
        .collect();
    assert!(refs.contains(&"90(117)".to_string()) && refs.contains(&"91(50)".to_string()));
    assert!(
        c1.iter()
            .all(|r| r.document().map(|d| d.as_str()) == Some("A/HRC/13/13"))
    );
}

#[test]
fn cycle2_paragraphs_statuses_and_the_113_of_268() {
    use Bucket::*;
    let recs = &data().recommendations;
    let wg = Query::new()
        .cycle(Cycle::SECOND)
        .as_of(day(2014, 5, 6))
        .tally(recs);
    assert_eq!(wg.total().total, 268);
    assert_eq!(counts(&wg), [(ImmediatelyRejected, 83), (Pending, 185)]);
    let last = Query::new()
        .cycle(Cycle::SECOND)
        .convention(Convention::UprInfo)
        .tally(recs);
    // 113 paragraphs accepted: the Special Rapporteur's "113 of 268" (seed 003).
    assert_eq!(counts(&last), [(Accepted, 113), (Noted, 155)]);
}

#[test]
fn cycle2_one_paragraph_is_two_upr_info_rows_accepted_in_part() {
    let joins = include_str!("../data/dprk/upr-info-joins.tsv");
    let rows: Vec<Vec<&str>> = joins
        .lines()
        .filter(|l| l.starts_with("2\t"))
        .map(|l| l.split('\t').skip(1).collect())
        .collect();
    assert_eq!(rows.len(), 268);
    let records: usize = rows.iter().map(|r| r[1].split(',').count()).sum();
    assert_eq!(records, 269);
    let split: Vec<&Vec<&str>> = rows.iter().filter(|r| r[1].contains(',')).collect();
    assert_eq!(split.len(), 1, "{split:?}");
    assert_eq!(split[0][0], "124.7");
    assert_eq!(split[0][2], "Noted,Accepted");
    // Counting rows as UPR Info (and the seeds) do: 114 accepted of 269.
    let accepted_rows: usize = rows
        .iter()
        .map(|r| r[2].split(',').filter(|x| *x == "Accepted").count())
        .sum();
    assert_eq!(accepted_rows, 114);
    let rec = data()
        .recommendations
        .iter()
        .find(|r| {
            r.cycle() == Cycle::SECOND && r.reference().is_some_and(|p| p.to_string() == "124.7")
        })
        .unwrap();
    assert_eq!(
        rec.responses().latest().unwrap().status,
        upr::ResponseStatus::PartiallySupported
    );
    let five = Query::new()
        .cycle(Cycle::SECOND)
        .tally(&data().recommendations);
    use Bucket::*;
    assert_eq!(
        counts(&five),
        [
            (Accepted, 113),
            (PartiallyAccepted, 1),
            (Noted, 71),
            (ImmediatelyRejected, 83)
        ]
    );
}

#[test]
fn cycle4_49_percent_is_144_of_294_with_partial_counted_as_accepted() {
    let f = |q: Quantity| {
        data()
            .figures
            .iter()
            .find(|f| {
                f.cycle == Cycle::FOURTH
                    && f.quantity == q
                    && f.source.as_str() == "joongang-yonhap-2025"
            })
            .and_then(|f| f.value.count())
            .map(u64::from)
            .unwrap()
    };
    let (n, acc, part, noted) = (
        f(Quantity::Received),
        f(Quantity::Accepted),
        f(Quantity::PartiallyAccepted),
        f(Quantity::Noted),
    );
    assert_eq!(acc + part + noted, n);
    let not_accepted = Ratio::new(acc + part, n).complement();
    assert_eq!(not_accepted, Ratio::new(144, 294));
    assert_eq!(not_accepted.percent(0).as_deref(), Some("49"));
    assert_eq!(not_accepted.percent(2).as_deref(), Some("48.98"));
    assert_eq!(
        Ratio::new(acc, n).complement().percent(1).as_deref(),
        Some("51.4")
    );
    let published = data()
        .figures
        .iter()
        .find(|f| f.quantity == Quantity::NotAcceptedShare)
        .unwrap();
    assert_eq!(published.value, FigureValue::Percent(49));
    assert_eq!(published.source.as_str(), "seed-002");
}

#[test]
fn published_breakdowns_add_up() {
    let sum = |cycle: Cycle, source: &str, qs: &[Quantity]| -> u32 {
        qs.iter()
            .filter_map(|q| {
                data().figures.iter().find(|f| {
                    f.cycle == cycle
                        && f.quantity == *q
                        && f.source.as_str() == source
                        && f.topic.is_none()
                })
            })
            .filter_map(|f| f.value.count())
            .sum()
    };
    use Quantity::*;
    let five = [
        Accepted,
        PartiallyAccepted,
        Noted,
        Rejected,
        RejectedAtWorkingGroup,
    ];
    assert_eq!(sum(Cycle::SECOND, "seed-000", &five), 269);
    assert_eq!(sum(Cycle::THIRD, "seed-000", &five), 262);
    // The seed's cycle-1 table omits "rejected 15": its rows add to 152 of 167.
    assert_eq!(sum(Cycle::FIRST, "seed-001", &five[..4]) + 50, 167);
}

#[test]
fn cycle2_by_regional_group_adds_up() {
    let t = Query::new()
        .cycle(Cycle::SECOND)
        .convention(Convention::UprInfo)
        .partial(PartialCounts::AsAccepted)
        .group_by(Dimension::RecommenderGroup)
        .tally(&data().recommendations);
    let keys: Vec<String> = t.rows.iter().map(|r| r.key.join("/")).collect();
    for g in ["Africa", "Asia", "EEG", "GRULAC", "WEOG"] {
        assert!(keys.contains(&g.to_string()), "{keys:?}");
    }
    let sum: u64 = t.rows.iter().map(|r| r.total).sum();
    assert!(
        sum >= 268,
        "joint recommendations count for each group: {sum}"
    );
    assert_eq!(t.total().total, 268);
}

#[test]
fn cycle1_carries_upr_info_labels_and_upr_info_never_updated_its_responses() {
    let c1: Vec<_> = data()
        .recommendations
        .iter()
        .filter(|r| r.cycle() == Cycle::FIRST)
        .collect();
    let mut by_action = std::collections::BTreeMap::new();
    for r in &c1 {
        let l = r
            .labels()
            .expect("every cycle-1 recommendation has UPR Info's labels");
        assert_eq!(l.labeller, "UPR Info database");
        assert!(!l.issues.is_empty());
        *by_action
            .entry(l.action_category.map(|a| a.number()))
            .or_insert(0) += 1;
    }
    let expected: std::collections::BTreeMap<Option<u8>, i32> = [
        (Some(1), 1),
        (Some(2), 20),
        (Some(3), 12),
        (Some(4), 70),
        (Some(5), 64),
    ]
    .into_iter()
    .collect();
    assert_eq!(by_action, expected);
    // The export (c. 2015) still has all 167 as Noted: it never took in the 2014 position paper.
    let rows: Vec<_> = data()
        .upr_info_rows
        .iter()
        .filter(|j| j.cycle == Cycle::FIRST)
        .collect();
    assert_eq!(rows.len(), 167);
    assert!(
        rows.iter()
            .all(|j| j.records.len() == 1 && j.responses == [upr::UprInfoResponse::Noted])
    );
}
