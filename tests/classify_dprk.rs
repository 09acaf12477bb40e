//! Statistics grouped by the classifier's labels, on the embedded DPRK dataset.

use upr::classify::Classifier;
use upr::{Bucket, Dataset, Dimension, Query};

#[test]
fn dprk_grouped_by_classifier_action_category() {
    let data = Dataset::dprk();
    let c = Classifier::builtin();
    let t = Query::new()
        .group_by(Dimension::ActionCategory)
        .labeler(c)
        .tally(&data.recommendations);
    // Every counted recommendation lands in exactly one category row, and the rows add up.
    for b in &t.buckets {
        let sum: u64 = t.rows.iter().map(|r| r.count(*b)).sum();
        assert_eq!(sum, t.total().count(*b), "{b:?}");
    }
    assert!(t.total().count(Bucket::Accepted) > 0);
    // The rows are the classifier's categories, recomputed here one by one.
    let mut expected = std::collections::BTreeMap::<String, u64>::new();
    let mut scratch = upr::classify::Scratch::new();
    let counted: u64 = t.rows.iter().map(|r| r.total).sum();
    for r in &data.recommendations {
        if r.responses().latest().is_none() {
            continue;
        }
        let k = c
            .label(r.text(), &mut scratch)
            .action
            .map_or_else(|| "unlabelled".to_owned(), |a| a.to_string());
        *expected.entry(k).or_default() += 1;
    }
    let got: std::collections::BTreeMap<String, u64> =
        t.rows.iter().map(|r| (r.key[0].clone(), r.total)).collect();
    assert_eq!(got, expected);
    assert_eq!(counted, expected.values().sum::<u64>());
    // The DPRK's reviews are not all one category.
    assert!(got.len() >= 4, "{got:?}");

    // Grouping by issue family works the same way.
    let t = Query::new()
        .group_by(Dimension::IssueFamily)
        .labeler(c)
        .tally(&data.recommendations);
    assert!(t.rows.len() >= 5);
}
