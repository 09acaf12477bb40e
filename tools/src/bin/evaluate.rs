//! Measures the classifier against UPR Info's human labels.
//!
//! ```text
//! cargo run -p upr-tools --release --bin evaluate -- ../shared/data/upr-info/sessions-6-9.csv
//! cargo run -p upr-tools --release --bin evaluate -- --rules my-rules.tsv FILE...   # built-in + yours
//! cargo run -p upr-tools --release --bin evaluate -- --only-rules my-rules.tsv FILE...   # yours alone
//! cargo run -p upr-tools --release --bin evaluate -- --show-action 20 --show-issue Justice FILE...
//! ```
//!
//! Reads UPR Info export files (their `Action` and `Issue` columns are the human labels) and
//! prints action-category accuracy, macro-F1 and the confusion matrix, and per-issue
//! precision, recall and F1 with micro and macro averages. Every row counts (a joint
//! recommendation appears once per co-author, as in the export).

use std::process::ExitCode;

use upr::classify::{Classifier, Evaluation, Rules, Scratch};
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
    let mut show_action = 0usize;
    let mut show_issue: Option<Issue> = None;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--rules" => rules.extend(Rules::from_path(need(args.next(), &a)?)?),
            "--only-rules" => rules = Rules::from_path(need(args.next(), &a)?)?,
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
            "usage: evaluate [--rules FILE | --only-rules FILE] [--show-action N] [--show-issue ISSUE] EXPORT.csv...",
        ));
    }
    let classifier = Classifier::new(rules)?;
    let mut eval = Evaluation::new();
    let mut scratch = Scratch::new();
    let mut shown = 0;
    for f in &files {
        let parsed = upr_info::read_path(f, &ReadOptions::new())?;
        for row in &parsed.records {
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
    println!("files: {}", files.join(" "));
    print!("{eval}");
    Ok(())
}

fn need(v: Option<String>, opt: &str) -> Result<String> {
    v.ok_or_else(|| upr::Error::invalid("option", opt, "expected a value after it"))
}
