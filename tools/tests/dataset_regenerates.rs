//! The committed DPRK dataset is exactly what the crate's readers build from `../shared`.

#[path = "../../tests/common/mod.rs"]
mod common;

#[test]
fn regenerating_the_dprk_dataset_changes_nothing() {
    let Some(shared) = common::shared() else {
        return;
    };
    let build = upr_tools::dataset::build(&shared).unwrap();
    assert!(
        build.problems.is_empty(),
        "the builder found problems: {:#?}",
        build.problems
    );
    // Cycle 1, cycle 2, and the third review's partial list (seed 000: 7 accepted, 11 rejected).
    assert_eq!(build.recommendations.len(), 167 + 268 + 7 + 11);
    let jsonl = build.recommendations_jsonl().unwrap();
    assert!(
        jsonl == upr::dataset::RECOMMENDATIONS_JSONL,
        "data/dprk/recommendations.jsonl is stale: run `cargo run -p upr-tools --bin regenerate_dataset`"
    );
    assert!(
        build.joins_tsv() == upr::dataset::UPR_INFO_JOINS_TSV,
        "data/dprk/upr-info-joins.tsv is stale: run `cargo run -p upr-tools --bin regenerate_dataset`"
    );
}
