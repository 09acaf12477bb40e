//! Training the [`Model`](super::Model) from labelled recommendations: one linear SVM per label
//! (L2-regularised, squared hinge loss, solved by dual coordinate descent), deterministic.
//!
//! The features are those of the [model](mod@super::model): words, word pairs, the first word(s),
//! and the built-in rules' labels. A feature is kept when it occurs in at least
//! [`TrainOptions::min_count`] training texts; weights under [`TrainOptions::prune`] in
//! magnitude are dropped, the rest written with four decimals. Same examples and options, same
//! file, byte for byte (`tools/src/bin/train_classifier.rs` writes `data/model/weights.tsv`; a
//! test retrains and compares).

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;

use strum::VariantArray;

use super::model::{self, BIAS, LABELS};
use super::{Classifier, Scratch};
use crate::{ActionCategory, Issue};

/// One labelled training text.
#[derive(Debug, Clone, Copy)]
pub struct Example<'a> {
    /// The recommendation's text.
    pub text: &'a str,
    /// Its human action category, if any (rows without one do not train the categories).
    pub action: Option<ActionCategory>,
    /// Its human issues (rows without any do not train the issues).
    pub issues: &'a [Issue],
}

impl<'a> From<&'a crate::format::upr_info::UprInfoRow> for Example<'a> {
    /// A row of UPR Info's export, with its human labels.
    fn from(r: &'a crate::format::upr_info::UprInfoRow) -> Self {
        Example {
            text: &r.text,
            action: r.action,
            issues: &r.issues,
        }
    }
}

/// Training options; [`TrainOptions::default`] gives those of the built-in model.
#[derive(Debug, Clone, PartialEq)]
pub struct TrainOptions {
    /// SVM cost of the issue models.
    pub c_issues: f64,
    /// SVM cost of the action-category models.
    pub c_action: f64,
    /// Passes over the data.
    pub epochs: usize,
    /// A feature must occur in at least this many training texts.
    pub min_count: usize,
    /// Weights smaller than this in magnitude are dropped.
    pub prune: f64,
    /// An issue is given when its score is above this.
    pub threshold: f32,
    /// An issue the rules give too is given when its score is above this (or `threshold`).
    pub rules_floor: f32,
    /// When no issue is above `threshold`, the best one is given if above this.
    pub fallback: f32,
}

impl Default for TrainOptions {
    fn default() -> Self {
        TrainOptions {
            c_issues: 2.0,
            c_action: 1.0,
            epochs: 20,
            min_count: 3,
            prune: 0.2,
            threshold: 0.0,
            rules_floor: -0.5,
            fallback: -0.5,
        }
    }
}

/// A text as a sparse row: column indices (sorted) and the common value `1/sqrt(n)`.
struct Row {
    cols: Vec<u32>,
    value: f64,
}

/// Trains the model and returns the weights file (format in [`model`](mod@super::model)).
/// `rules` gives the rules' features: the built-in model uses [`Classifier::rules_only`].
pub fn train(rules: &Classifier, examples: &[Example<'_>], options: &TrainOptions) -> String {
    let mut scratch = Scratch::new();
    let mut feats = Vec::new();
    let mut names: HashMap<u64, String> = HashMap::new();
    let mut df: HashMap<u64, usize> = HashMap::new();
    let mut texts: Vec<Vec<u64>> = Vec::with_capacity(examples.len());
    for ex in examples {
        let rl = rules.label_rules(ex.text, &mut scratch);
        model::features(ex.text, rl, &mut feats);
        let mut hs: Vec<u64> = Vec::with_capacity(feats.len());
        for f in &feats {
            names
                .entry(f.hash)
                .or_insert_with(|| model::feature_name(ex.text, f.kind));
            hs.push(f.hash);
        }
        hs.sort_unstable();
        hs.dedup();
        for h in &hs {
            *df.entry(*h).or_default() += 1;
        }
        texts.push(hs);
    }
    // Columns in name order, so the file and the arithmetic do not depend on hashing.
    let vocab: BTreeMap<&str, u64> = df
        .iter()
        .filter(|(_, n)| **n >= options.min_count)
        .filter_map(|(h, _)| Some((names.get(h)?.as_str(), *h)))
        .collect();
    let col: HashMap<u64, u32> = vocab
        .values()
        .enumerate()
        .map(|(i, h)| (*h, u32::try_from(i).unwrap_or(u32::MAX)))
        .collect();
    let columns: Vec<&str> = vocab.keys().copied().collect();
    let rows: Vec<Row> = texts
        .iter()
        .map(|hs| {
            let mut cols: Vec<u32> = hs.iter().filter_map(|h| col.get(h).copied()).collect();
            cols.sort_unstable();
            Row {
                cols,
                value: 1.0 / (hs.len().max(1) as f64).sqrt(),
            }
        })
        .collect();

    let mut out = String::new();
    out.push_str(
        "# The classifier's model: one linear SVM per label over words, word pairs, the first\n\
         # word(s) and the built-in rules' labels (see src/classify/model.rs for the format).\n\
         # @generated by `cargo run --release -p upr-tools --bin train_classifier` from\n\
         # ../shared/data/upr-info/sessions-1-5.csv (UPR Info database); do not edit by hand.\n",
    );
    let _ = writeln!(
        out,
        "# options: c_issues {} c_action {} epochs {} min_count {} prune {}; {} texts, {} features",
        options.c_issues,
        options.c_action,
        options.epochs,
        options.min_count,
        options.prune,
        examples.len(),
        columns.len()
    );
    let _ = writeln!(out, "threshold\t{}", options.threshold);
    let _ = writeln!(out, "rules\t{}", options.rules_floor);
    let _ = writeln!(out, "fallback\t{}", options.fallback);
    for li in 0..LABELS {
        let (label, c, rows_of): (String, f64, Vec<(usize, f64)>) = if li < Issue::VARIANTS.len() {
            let Some(issue) = Issue::VARIANTS.get(li) else {
                continue;
            };
            let ys = examples
                .iter()
                .enumerate()
                .filter(|(_, e)| !e.issues.is_empty())
                .map(|(i, e)| (i, if e.issues.contains(issue) { 1.0 } else { -1.0 }))
                .collect();
            (issue.to_string(), options.c_issues, ys)
        } else {
            let Some(cat) = ActionCategory::VARIANTS.get(li - Issue::VARIANTS.len()) else {
                continue;
            };
            let ys = examples
                .iter()
                .enumerate()
                .filter_map(|(i, e)| Some((i, if e.action? == *cat { 1.0 } else { -1.0 })))
                .collect();
            (cat.number().to_string(), options.c_action, ys)
        };
        let (w, b) = svm(&rows, &rows_of, columns.len(), c, options.epochs);
        let _ = writeln!(out, "{label}\t{BIAS}\t{}", fmt_weight(b));
        for (name, wj) in columns.iter().zip(&w) {
            if wj.abs() >= options.prune {
                let s = fmt_weight(*wj);
                if s != "0.0000" && s != "-0.0000" {
                    let _ = writeln!(out, "{label}\t{name}\t{s}");
                }
            }
        }
    }
    out
}

fn fmt_weight(w: f64) -> String {
    format!("{w:.4}")
}

/// L2-regularised L2-loss linear SVM by dual coordinate descent (Hsieh et al., 2008), with a
/// bias feature of value 1; rows visited in a fixed pseudo-random order.
fn svm(rows: &[Row], ys: &[(usize, f64)], dim: usize, c: f64, epochs: usize) -> (Vec<f64>, f64) {
    let mut w = vec![0.0f64; dim];
    let mut b = 0.0f64;
    let mut alpha = vec![0.0f64; ys.len()];
    let diag = 0.5 / c;
    let mut order: Vec<usize> = (0..ys.len()).collect();
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    for _ in 0..epochs {
        for i in (1..order.len()).rev() {
            seed = seed
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            let j = ((seed >> 33) % (i as u64 + 1)) as usize;
            order.swap(i, j);
        }
        for &k in &order {
            let (Some(&(ri, y)), Some(a)) = (ys.get(k), alpha.get(k).copied()) else {
                continue;
            };
            let Some(row) = rows.get(ri) else { continue };
            let mut dot = b;
            for &cj in &row.cols {
                dot += w.get(cj as usize).copied().unwrap_or(0.0) * row.value;
            }
            let qii = row.cols.len() as f64 * row.value * row.value + 1.0 + diag;
            let g = y * dot - 1.0 + a * diag;
            let pg = if a == 0.0 { g.min(0.0) } else { g };
            if pg.abs() < 1e-12 {
                continue;
            }
            let na = (a - g / qii).max(0.0);
            let d = (na - a) * y;
            if let Some(slot) = alpha.get_mut(k) {
                *slot = na;
            }
            for &cj in &row.cols {
                if let Some(x) = w.get_mut(cj as usize) {
                    *x += d * row.value;
                }
            }
            b += d;
        }
    }
    (w, b)
}
