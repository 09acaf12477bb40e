//! The built-in classifier's labels of every row of UPR Info's export, pinned: a speed-up of
//! `Classifier::label` must not change one of them. The hashes were computed by the crate (the
//! implementation before the feature-table rewrite of `src/classify/model.rs`) from the shared
//! data; the data itself is not stored. A change of rules or model that is meant to change
//! labels updates the hashes here, and says so in its commit.
//!
//! Also checks, row by row, that `label` (the fast path) agrees with `classify` (the path that
//! collects every feature for its evidence) and that every row gets an action category.

mod common;

use std::fmt::Write;

use upr::classify::{Classifier, LabelSet, Scratch};
use upr::format::{ReadOptions, upr_info};

/// FNV-1a, 64 bits, over the labels written one row a line: `action<TAB>issue|issue...`.
fn fnv(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

fn line(out: &mut String, l: LabelSet) {
    let action = l
        .action
        .map_or("none".to_owned(), |a| a.number().to_string());
    let issues: Vec<&str> = l.issues.iter().map(|i| i.name()).collect();
    let _ = writeln!(out, "{action}\t{}", issues.join("|"));
}

/// The labels of every row of `file`, by `label` and by `classify`, checked to agree.
fn labels(file: &str, c: &Classifier) -> Option<(usize, String)> {
    let path = common::data()?.join("upr-info").join(file);
    let rows = upr_info::read_path(path, &ReadOptions::new())
        .unwrap()
        .records;
    let mut scratch = Scratch::new();
    let mut out = String::new();
    for (n, r) in rows.iter().enumerate() {
        let l = c.label(&r.text, &mut scratch);
        let full = c.classify(&r.text);
        assert_eq!(
            l.action,
            full.action_category(),
            "{file} row {n}: {}",
            r.text
        );
        assert_eq!(
            l.issues.iter().collect::<Vec<_>>(),
            full.issues().collect::<Vec<_>>(),
            "{file} row {n}: {}",
            r.text
        );
        line(&mut out, l);
    }
    Some((rows.len(), out))
}

/// Checks the labels of `file` against their recorded hash; with the model, that every row
/// has an action category.
fn check(file: &str, c: &Classifier, rows: usize, hash: u64) {
    let Some((n, out)) = labels(file, c) else {
        return;
    };
    assert_eq!(n, rows, "{file}");
    if c.model().is_some() {
        assert!(
            out.lines().all(|l| !l.starts_with("none")),
            "{file}: a row without an action category"
        );
    }
    assert_eq!(fnv(&out), hash, "{file}: {n} rows");
}

#[test]
fn builtin_labels_of_sessions_1_5_are_unchanged() {
    check(
        "sessions-1-5.csv",
        Classifier::builtin(),
        6094,
        15_383_704_850_368_773_132,
    );
}

#[test]
fn builtin_labels_of_sessions_6_9_are_unchanged() {
    check(
        "sessions-6-9.csv",
        Classifier::builtin(),
        8343,
        1_161_853_546_193_497_800,
    );
}

#[test]
fn rules_only_labels_of_sessions_1_5_are_unchanged() {
    check(
        "sessions-1-5.csv",
        Classifier::rules_only(),
        6094,
        10_348_757_649_896_743_576,
    );
}
