//! Measures the classifier against UPR Info's human labels.
//!
//! ```text
//! cargo run -p upr-tools --release --bin evaluate -- ../shared/data/upr-info/sessions-6-9.csv
//! cargo run -p upr-tools --release --bin evaluate -- --rules-only FILE...   # the built-in rules, no model
//! cargo run -p upr-tools --release --bin evaluate -- --rules my-rules.tsv FILE...   # built-in + yours, with the model
//! cargo run -p upr-tools --release --bin evaluate -- --only-rules my-rules.tsv FILE...   # yours alone, no model
//! cargo run -p upr-tools --release --bin evaluate -- --show-action 20 --show-issue Justice FILE...
//! ```
//!
//! Reads UPR Info export files (their `Action` and `Issue` columns are the human labels) and
//! prints action-category accuracy, macro-F1 and the confusion matrix, and per-issue
//! precision, recall and F1 with micro and macro averages. Every row counts (a joint
//! recommendation appears once per co-author, as in the export). The classifier is the built-in
//! one (rules and model) unless `--rules-only` or `--only-rules` says otherwise. The last line
//! is the labelling speed (`Classifier::label`, one thread, best of three passes).

use std::process::ExitCode;

use upr::classify::{Classifier, Evaluation, Model, Rules, Scratch};
use upr::format::{ReadOptions, upr_info};
use upr::{Issue, Result};

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("evaluate: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run() -> Result<()> {
    let mut files = Vec::new();
    let mut rules = Rules::builtin().clone();
    let mut model = true;
    let mut show_action = 0usize;
    let mut show_issue: Option<Issue> = None;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--rules" => rules.extend(Rules::from_path(need(args.next(), &a)?)?),
            "--only-rules" => {
                rules = Rules::from_path(need(args.next(), &a)?)?;
                model = false;
            }
            "--rules-only" => model = false,
            "--show-action" => {
                show_action = need(args.next(), &a)?
                    .parse()
                    .map_err(|_| upr::Error::invalid("option", &a, "expected a count"))?
            }
            "--show-issue" => show_issue = Some(Issue::parse(&need(args.next(), &a)?)?),
            _ => files.push(a),
        }
    }
    if files.is_empty() {
        return Err(upr::Error::invalid(
            "arguments",
            "",
            "usage: evaluate [--rules FILE | --only-rules FILE | --rules-only] [--show-action N] [--show-issue ISSUE] EXPORT.csv...",
        ));
    }
    let mut classifier = Classifier::new(rules)?;
    if model {
        classifier = classifier.with_model(Model::builtin().clone());
    }
    let mut texts: Vec<String> = Vec::new();
    let mut eval = Evaluation::new();
    let mut scratch = Scratch::new();
    let mut shown = 0;
    for f in &files {
        let parsed = upr_info::read_path(f, &ReadOptions::new())?;
        for row in &parsed.records {
            texts.push(row.text.clone());
            let p = classifier.label(&row.text, &mut scratch);
            eval.add(row.action, &row.issues, p);
            if shown < show_action && row.action.is_some() && row.action != p.action {
                shown += 1;
                let c = classifier.classify(&row.text);
                let why = c
                    .action
                    .as_ref()
                    .map(|a| {
                        a.evidence
                            .iter()
                            .map(|e| format!("{:?}@{}", e.phrase, e.rule.line))
                            .collect::<Vec<_>>()
                            .join(" ")
                    })
                    .unwrap_or_default();
                println!(
                    "ACTION human {} predicted {} [{}] {}",
                    row.action.map_or("-".into(), |a| a.to_string()),
                    p.action.map_or("none".into(), |a| a.to_string()),
                    why,
                    row.text
                );
            }
            if let Some(i) = show_issue {
                if !row.issues.is_empty() {
                    let gold = row.issues.contains(&i);
                    let pred = p.issues.contains(i);
                    if gold != pred {
                        let c = classifier.classify(&row.text);
                        let why = c
                            .issues
                            .iter()
                            .find(|l| l.issue == i)
                            .map(|l| {
                                l.evidence
                                    .iter()
                                    .map(|e| format!("{:?}", e.phrase))
                                    .collect::<Vec<_>>()
                                    .join(" ")
                            })
                            .unwrap_or_default();
                        println!(
                            "ISSUE {} [{}] {}",
                            if pred { "FP" } else { "FN" },
                            why,
                            row.text
                        );
                    }
                }
            }
        }
    }
    println!(
        "files: {} ({})",
        files.join(" "),
        if model {
            "rules and model"
        } else {
            "rules only"
        }
    );
    print!("{eval}");
    let bytes: usize = texts.iter().map(String::len).sum();
    let mut best = f64::INFINITY;
    for _ in 0..3 {
        let t = std::time::Instant::now();
        let mut n = 0usize;
        for text in &texts {
            n += classifier.label(text, &mut scratch).issues.len();
        }
        std::hint::black_box(n);
        best = best.min(t.elapsed().as_secs_f64());
    }
    println!(
        "speed: {} rows, {:.2} MiB of text, {:.1} ms, {:.1} MiB/s (Classifier::label, best of 3)",
        texts.len(),
        bytes as f64 / 1048576.0,
        best * 1000.0,
        bytes as f64 / 1048576.0 / best
    );
    Ok(())
}

fn need(v: Option<String>, opt: &str) -> Result<String> {
    v.ok_or_else(|| upr::Error::invalid("option", opt, "expected a value after it"))
}
