//! The committed model (`data/model/weights.tsv`) is exactly what training on sessions 1-5
//! gives: retrain and compare, byte for byte.

#[path = "../../tests/common/mod.rs"]
mod common;

use upr::classify::train::{self, Example, TrainOptions};
use upr::classify::{Classifier, Model};
use upr::format::{ReadOptions, upr_info};

#[test]
fn retraining_the_model_changes_nothing() {
    let Some(shared) = common::shared() else {
        return;
    };
    let path = shared.join("data/upr-info/sessions-1-5.csv");
    let rows = upr_info::read_path(path, &ReadOptions::new())
        .unwrap()
        .records;
    assert_eq!(rows.len(), 6094);
    let examples: Vec<Example<'_>> = rows.iter().map(Example::from).collect();
    let tsv = train::train(
        Classifier::rules_only(),
        &examples,
        &TrainOptions::default(),
    );
    assert!(
        tsv == Model::BUILTIN_TSV,
        "data/model/weights.tsv is stale: run `cargo run --release -p upr-tools --bin train_classifier`"
    );
}
