//! Trains the classifier's model from UPR Info's labelled export and writes
//! `data/model/weights.tsv` (the built-in model; `tools/tests/model_regenerates.rs` checks that
//! the file is current).
//!
//! ```text
//! cargo run -p upr-tools --release --bin train_classifier               # sessions 1-5 -> data/model/weights.tsv
//! cargo run -p upr-tools --release --bin train_classifier -- --dev 5    # tune: train on 1-4, score on 5
//! cargo run -p upr-tools --release --bin train_classifier -- --out FILE EXPORT.csv...
//! ```
//!
//! Only sessions 1-5 train or tune the built-in model; sessions 6-9 stay held out for the
//! figures in the README. `--dev N` trains on the other sessions of the files and prints the
//! scores on session N for a grid of SVM costs and issue thresholds.

use std::process::ExitCode;

use upr::Result;
use upr::classify::train::{self, Example, TrainOptions};
use upr::classify::{Classifier, Evaluation, Model, Scratch};
use upr::format::{ReadOptions, upr_info};

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("train_classifier: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run() -> Result<()> {
    let mut files = Vec::new();
    let mut out = upr_tools::repo_root().join("data/model/weights.tsv");
    let mut dev: Option<u16> = None;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--out" => out = need(args.next(), &a)?.into(),
            "--dev" => {
                dev = Some(
                    need(args.next(), &a)?
                        .parse()
                        .map_err(|_| upr::Error::invalid("option", &a, "expected a session"))?,
                )
            }
            _ => files.push(a),
        }
    }
    if files.is_empty() {
        files.push(
            upr_tools::default_shared()
                .join("data/upr-info/sessions-1-5.csv")
                .display()
                .to_string(),
        );
    }
    let mut rows = Vec::new();
    for f in &files {
        rows.extend(upr_info::read_path(f, &ReadOptions::new())?.records);
    }
    let rules = Classifier::rules_only();
    let Some(session) = dev else {
        let examples: Vec<Example<'_>> = rows.iter().map(Example::from).collect();
        let tsv = train::train(rules, &examples, &TrainOptions::default());
        std::fs::write(&out, &tsv)
            .map_err(|e| upr::Error::invalid("output", out.display().to_string(), e.to_string()))?;
        println!(
            "wrote {} ({} bytes, {} lines)",
            out.display(),
            tsv.len(),
            tsv.lines().count()
        );
        return Ok(());
    };
    let (fit, held): (Vec<_>, Vec<_>) = rows.iter().partition(|r| r.session.number() != session);
    let examples: Vec<Example<'_>> = fit.iter().map(|r| Example::from(*r)).collect();
    let score = |c: &Classifier| {
        let mut e = Evaluation::new();
        let mut s = Scratch::new();
        for r in &held {
            e.add(r.action, &r.issues, c.label(&r.text, &mut s));
        }
        e
    };
    let e = score(rules);
    println!(
        "rules: action acc {:.3} macro {:.3} issues micro {:.3} macro {:.3}",
        e.action_accuracy(),
        e.action_macro_f1(),
        e.issue_micro().f1(),
        e.issue_macro().2
    );
    let grid: Vec<f64> = std::env::var("GRID")
        .unwrap_or_else(|_| "0.5,1,2,4".into())
        .split(',')
        .filter_map(|x| x.parse().ok())
        .collect();
    let num = |k: &str, d: f64| {
        std::env::var(k)
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(d)
    };
    for &c in &grid {
        let opts = TrainOptions {
            c_issues: c,
            c_action: num("C_ACTION", 1.0),
            prune: num("PRUNE", 0.1),
            min_count: num("MIN_COUNT", 3.0) as usize,
            ..TrainOptions::default()
        };
        let tsv = train::train(rules, &examples, &opts);
        let model = Model::parse(&tsv, "dev")?;
        for (t, fb, rf) in [
            (0.0, -0.5, -0.5),
            (0.1, -0.5, -0.4),
            (0.0, -0.4, -0.3),
            (-0.1, -0.5, -0.5),
            (-0.2, -0.6, -0.6),
            (-0.2, -0.6, -1.0),
            (-0.2, -0.6, f32::INFINITY),
        ] {
            let clf = rules
                .clone()
                .with_model(model.clone().with_thresholds(t, fb, rf));
            let e = score(&clf);
            let mi = e.issue_micro();
            println!(
                "C {c} threshold {t} fallback {fb} rules {rf}: action acc {:.3} macro {:.3} issues micro {:.3} (P {:.3} R {:.3}) macro {:.3}; {} bytes",
                e.action_accuracy(),
                e.action_macro_f1(),
                mi.f1(),
                mi.precision(),
                mi.recall(),
                e.issue_macro().2,
                tsv.len()
            );
        }
    }
    Ok(())
}

fn need(v: Option<String>, opt: &str) -> Result<String> {
    v.ok_or_else(|| upr::Error::invalid("option", opt, "expected a value after it"))
}
