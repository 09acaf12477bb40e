//! The two units of counting (see `upr::Recommendation` and `upr::Unit`): the numbered
//! paragraph, which the Human Rights Council counts, and the parts of clustered paragraphs
//! (the split view), which researchers who take clusters apart count.
//!
//! - Paragraph level: the seven reports of Working Group session 20 in `wg-reports/` give the
//!   Council's "out of N received" figures of A/HRC/28/2, in either reader's model.
//! - Split view: against the researcher's parse (`wg-reference/`, whose rows are the parts),
//!   every report whose count of parts differs is listed with the reason in
//!   `tests/data/wg_known_part_disagreements.tsv`, and the totals stay at what was measured.
//! - Tallies in either unit: the part-unit tally of a report is its number of parts; a part made
//!   jointly by k States counts once (and once per State only when grouped by recommending State).
//! - Corrupted copies of real reports: the parts never lose or invent a recommending State.

#[path = "../tools/src/bin/wg_agreement/agreement.rs"]
mod agreement;
mod common;

use std::path::Path;
use std::sync::Mutex;

use upr::format::session_report;
use upr::format::wg_report::{self, WgReport};
use upr::format::{ReadOptions, upr1};
use upr::{Dimension, Labels, Query, Recommendation, Unit};

/// The seven session-20 reports in `wg-reports/` and their States (data README).
const SESSION_20: [(&str, &str); 7] = [
    ("elsalvador2014", "SLV"),
    ("gambia2014", "GMB"),
    ("sanmarino2014", "SMR"),
    ("iran2014", "IRN"),
    ("madagascar2014", "MDG"),
    ("slovenia2014", "SVN"),
    ("egypt2014", "EGY"),
];

fn report(data: &Path, name: &str) -> WgReport {
    let path = data.join("wg-reports").join(format!("{name}.txt"));
    wg_report::read_report_path(&path, &ReadOptions::lenient())
        .unwrap_or_else(|e| panic!("{name}: {e}"))
}

#[test]
fn paragraphs_are_the_council_s_count_and_parts_are_the_reference_s() {
    let Some(data) = common::data() else { return };
    let council = session_report::read_path(
        data.join("hrc-session-reports/A-HRC-28-2.txt"),
        &ReadOptions::new(),
    )
    .unwrap();
    let reference = agreement::load_reference(&data.join("wg-reference")).unwrap();
    let mut clustered = 0;
    for (name, alpha3) in SESSION_20 {
        let r = report(&data, name);
        let received = council
            .states
            .iter()
            .find(|f| f.state.alpha3() == alpha3)
            .unwrap_or_else(|| panic!("{alpha3} not in A/HRC/28/2"))
            .received as usize;
        let recs = r.to_recommendations().unwrap();
        // Paragraph level: every count equal, in the reader's records, the crate model and a
        // tally (each recommendation has its Working Group position, so the tally counts all).
        assert_eq!(r.recommendations.len(), received, "{name}");
        assert_eq!(Query::new().count_unit(&recs), received, "{name}");
        assert_eq!(
            Query::new().tally(&recs).total().total as usize,
            received,
            "{name}"
        );
        // Split view: the parts, in the reader, the model, a tally, and the reference.
        let parts: usize = r.recommendations.iter().map(|x| x.split().len()).sum();
        let split: Vec<Recommendation> = recs.iter().flat_map(Recommendation::split).collect();
        assert_eq!(split.len(), parts, "{name}");
        let by_part = Query::new().unit(Unit::Part);
        assert_eq!(by_part.count_unit(&recs), parts, "{name}");
        assert_eq!(by_part.tally(&recs).total().total as usize, parts, "{name}");
        let rows = reference.get(name).unwrap();
        let a = agreement::compare(name, &r, rows);
        assert_eq!((a.ours_parts, a.reference_parts), (parts, parts), "{name}");
        assert_eq!(a.parts_matched, parts, "{name}");
        clustered += usize::from(parts > received);
    }
    // Iran, Slovenia and Egypt cluster some paragraphs; the other four none.
    assert_eq!(clustered, 3);
}

#[test]
fn split_view_agreement_with_the_reference_parse() {
    let Some(data) = common::data() else { return };
    let known = agreement::known_disagreements(
        "wg_known_part_disagreements.tsv",
        include_str!("data/wg_known_part_disagreements.tsv"),
    )
    .unwrap();
    let list = agreement::compare_all(&data).unwrap();
    let mut errors = Vec::new();
    for a in &list {
        let (ours, theirs) = (a.ours_parts, a.reference_parts);
        match known.get(&a.name) {
            Some(k) if (k.ours, k.reference) == (ours, theirs) => {}
            Some(k) => errors.push(format!(
                "{}: now ours {ours} / reference {theirs}, the file says {} / {} ({})",
                a.name, k.ours, k.reference, k.right
            )),
            None if ours != theirs => errors.push(format!(
                "{}: ours {ours} / reference {theirs} and not listed",
                a.name
            )),
            None => {}
        }
    }
    for name in known.keys() {
        if !list.iter().any(|a| &a.name == name) {
            errors.push(format!("{name}: listed but not compared"));
        }
    }
    assert!(
        errors.is_empty(),
        "update tests/data/wg_known_part_disagreements.tsv after checking the text:\n{}",
        errors.join("\n")
    );
    let t = agreement::Totals::of(&list);
    // Measured when written (docs/wg-report-agreement.md): 100 of 115 reports with the same
    // count of parts; 16,617 of the reference's 16,702 parts matched.
    assert_eq!(t.reports, 115);
    assert!(t.exact_parts >= 100, "{t:?}");
    assert!(t.parts_matched >= 16_617, "{t:?}");
    assert!(t.parts_matched * 1000 >= t.reference_parts * 994, "{t:?}");
}

/// Egypt 2014 (A/HRC/28/16): a report of clustered paragraphs.
fn egypt(data: &Path) -> Vec<Recommendation> {
    report(data, "egypt2014").to_recommendations().unwrap()
}

#[test]
fn tallies_in_either_unit() {
    let Some(data) = common::data() else { return };
    let recs = egypt(&data);
    let parts: usize = recs.iter().map(Recommendation::part_count).sum();
    assert!(parts > recs.len());
    let paragraphs = Query::new().tally(&recs);
    let by_part = Query::new().unit(Unit::Part).tally(&recs);
    assert_eq!(paragraphs.unit, Unit::Paragraph);
    assert_eq!(by_part.unit, Unit::Part);
    assert_eq!(paragraphs.total().total as usize, recs.len());
    assert_eq!(by_part.total().total as usize, parts);
    // A part keeps its paragraph's position: per bucket, the part tally counts the parts of
    // the paragraphs in the bucket.
    for (bucket, n) in paragraphs.total().counts.iter() {
        let expected: usize = recs
            .iter()
            .filter(|r| {
                Query::new()
                    .status(bucket)
                    .tally(std::iter::once(*r))
                    .total()
                    .total
                    == 1
            })
            .map(Recommendation::part_count)
            .sum();
        assert_eq!(by_part.total().count(bucket) as usize, expected, "{bucket}");
        assert!(expected as u64 >= n);
    }
    // A joint part counts once in either unit; grouped by recommending State, once per State.
    // Viet Nam 2014 (A/HRC/26/6) has clustered paragraphs with a joint part.
    let vnm = report(&data, "vietnam2014").to_recommendations().unwrap();
    let clustered = vnm
        .iter()
        .find(|r| r.part_count() >= 2 && r.parts().iter().any(|p| p.recommending().len() >= 2))
        .expect("a clustered paragraph with a joint part");
    let one = [clustered.clone()];
    let states: u64 = clustered
        .parts()
        .iter()
        .map(|p| p.recommending().len() as u64)
        .sum();
    assert!(states > clustered.part_count() as u64);
    assert_eq!(Query::new().tally(&one).total().total, 1);
    assert_eq!(
        Query::new().unit(Unit::Part).tally(&one).total().total,
        clustered.part_count() as u64
    );
    let by_state = Query::new()
        .unit(Unit::Part)
        .group_by(Dimension::RecommendingState)
        .tally(&one);
    assert_eq!(by_state.rows.iter().map(|r| r.total).sum::<u64>(), states);
    // San Marino 2014, 79.1: one part of four States, once in either unit.
    let smr = report(&data, "sanmarino2014").to_recommendations().unwrap();
    let joint = smr.iter().find(|r| r.recommending().len() == 4).unwrap();
    assert_eq!(joint.part_count(), 1);
    for unit in [Unit::Paragraph, Unit::Part] {
        let q = Query::new().unit(unit);
        assert_eq!(q.tally([joint]).total().total, 1, "{unit}");
        let by = q.group_by(Dimension::RecommendingState).tally([joint]);
        assert_eq!(by.rows.len(), 4, "{unit}");
    }
    // The recommending-State filter sees each part's own States: a State that made one part of
    // a clustered paragraph is counted for that part only.
    let clustered = recs.iter().find(|r| r.part_count() >= 3).unwrap();
    let first = clustered.parts()[0].recommending()[0];
    let only_first = clustered
        .parts()
        .iter()
        .filter(|p| p.recommending().contains(&first))
        .count() as u64;
    let q = Query::new().recommending(first);
    assert_eq!(q.clone().tally([clustered]).total().total, 1);
    assert_eq!(
        q.unit(Unit::Part).tally([clustered]).total().total,
        only_first
    );
}

#[test]
fn the_classifier_labels_each_part_s_text() {
    let Some(data) = common::data() else { return };
    let recs = egypt(&data);
    let seen = Mutex::new(Vec::new());
    let labeler = |r: &Recommendation| {
        seen.lock().unwrap().push(r.text().to_owned());
        Labels::default()
    };
    let parts: Vec<String> = recs
        .iter()
        .flat_map(Recommendation::split)
        .map(|p| p.text().to_owned())
        .collect();
    Query::new()
        .unit(Unit::Part)
        .labeler(&labeler)
        .group_by(Dimension::ActionCategory)
        .tally(&recs);
    assert_eq!(*seen.lock().unwrap(), parts);
    // With the crate's classifier: every part labelled, the labels of the part's own text.
    let classifier = upr::Classifier::builtin();
    let t = Query::new()
        .unit(Unit::Part)
        .labeler(classifier)
        .group_by(Dimension::ActionCategory)
        .tally(&recs);
    assert_eq!(
        t.rows.iter().map(|r| r.total).sum::<u64>() as usize,
        parts.len()
    );
    let clustered = recs.iter().find(|r| r.part_count() >= 2).unwrap();
    for p in clustered.split() {
        let labels = upr::Labeler::labels(classifier, &p);
        let direct = classifier.classify(p.text());
        assert_eq!(labels.action, direct.action_category(), "{}", p.text());
        assert_eq!(labels.issues, direct.issues().collect::<Vec<_>>());
    }
}

#[test]
fn parts_round_trip_through_upr1_json() {
    let Some(data) = common::data() else { return };
    let recs = egypt(&data);
    let mut json = Vec::new();
    upr1::json::write_recommendations(&mut json, &recs).unwrap();
    let back = upr1::json::read_recommendations(
        &json[..],
        &ReadOptions::new(),
        &upr::format::Context::new(),
    )
    .unwrap();
    assert_eq!(back.records, recs);
    // The split view too, with its part numbers.
    let split: Vec<Recommendation> = recs.iter().flat_map(Recommendation::split).collect();
    let mut json = Vec::new();
    upr1::json::write_recommendations(&mut json, &split).unwrap();
    let text = String::from_utf8(json.clone()).unwrap();
    assert!(text.contains("\"part\":2"), "no part 2 written");
    let back = upr1::json::read_recommendations(
        &json[..],
        &ReadOptions::new(),
        &upr::format::Context::new(),
    )
    .unwrap();
    assert_eq!(back.records, split);
    // Unclustered data is written as before: no `parts`, no `part`.
    let plain: Vec<Recommendation> = recs.into_iter().filter(|r| r.part_count() == 1).collect();
    let mut json = Vec::new();
    upr1::json::write_recommendations(&mut json, &plain).unwrap();
    let text = String::from_utf8(json).unwrap();
    assert!(!text.contains("\"parts\"") && !text.contains("\"part\""));
}

/// Every part's States, in order, are the paragraph's as written: nothing lost, nothing made up.
fn assert_parts_account_for_states(name: &str, r: &WgReport) {
    for x in &r.recommendations {
        let parts: Vec<_> = x.split().map(|(_, p)| p).collect();
        let raw: Vec<&String> = parts.iter().flat_map(|p| &p.recommending_raw).collect();
        assert!(
            raw.iter().copied().eq(x.recommending_raw.iter()),
            "{name} {}: parts {:?} vs {:?}",
            x.reference,
            raw,
            x.recommending_raw
        );
        assert!(
            parts.iter().all(|p| !p.text.is_empty()),
            "{name} {}",
            x.reference
        );
    }
}

#[test]
fn corrupted_clusters_lose_no_state() {
    let Some(data) = common::data() else { return };
    let original = std::fs::read(data.join("wg-reports/egypt2014.txt")).unwrap();
    let good = wg_report::read_report(&original[..], &ReadOptions::lenient()).unwrap();
    let good_parts: usize = good.recommendations.iter().map(|x| x.split().len()).sum();
    assert_parts_account_for_states("egypt2014", &good);
    let dir = std::env::temp_dir().join(format!("upr-split-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    // 1. Every "); " between parts becomes ") " (the breaks lost): no part is cut any more,
    //    and the States of the clusters stay with their paragraphs.
    let no_breaks: Vec<u8> = String::from_utf8_lossy(&original)
        .replace(");", ")")
        .into_bytes();
    // 2. Every closing bracket of the first State of a part lost ("(Egypt; Continue ...").
    let lost = String::from_utf8_lossy(&original)
        .replacen("(Tunisia);", "(Tunisia;", 3)
        .into_bytes();
    // 3. A footnote run into a cluster after its first part.
    let footnote = String::from_utf8_lossy(&original)
        .replacen(
            "(Sierra Leone);",
            "(Sierra Leone); 7 The recommendation as read during the interactive dialogue: \u{201c}Ratify it\u{201d} (Chile);",
            1,
        )
        .into_bytes();
    for (what, bytes) in [
        ("no-breaks", no_breaks),
        ("lost", lost),
        ("footnote", footnote),
    ] {
        let path = dir.join(format!("egypt2014-{what}.txt"));
        std::fs::write(&path, &bytes).unwrap();
        let r = wg_report::read_report_path(&path, &ReadOptions::lenient()).unwrap();
        assert_parts_account_for_states(what, &r);
        let parts: usize = r.recommendations.iter().map(|x| x.split().len()).sum();
        match what {
            "no-breaks" => assert!(parts < good_parts, "{what}: {parts}"),
            "footnote" => assert_eq!(parts, good_parts, "{what}: the footnote is no part"),
            _ => {}
        }
        // Whatever was not read as a part is in the report.
        for p in &r.report.problems {
            assert!(!p.reason.is_empty(), "{what}: {p:?}");
        }
    }
    std::fs::remove_dir_all(&dir).unwrap();
}
