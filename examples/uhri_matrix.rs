//! Reads UHRI exports (`.csv`, `.json`) and OHCHR matrices (`.txt`) and prints, per file, the
//! records read, the positions, the recommending States, and every problem the report lists.
//!
//! ```text
//! cargo run --example uhri_matrix -- ../shared/data/uhri/egypt-cycle2.csv \
//!     ../shared/data/ohchr-matrix/china-cycle2-matrix.txt ../shared/data/ohchr-matrix/china-cycle3-matrix.txt
//! ```
//! Add `--strict` to stop at the first problem.

use std::collections::{BTreeMap, BTreeSet};
use std::process::ExitCode;

use upr::State;
use upr::UprPosition;
use upr::format::{ReadOptions, ReadReport, ohchr_matrix, uhri};

fn summary(
    path: &str,
    positions: impl Iterator<Item = Option<UprPosition>>,
    states: impl Iterator<Item = State>,
    report: &ReadReport,
) {
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    let mut total = 0;
    for p in positions {
        total += 1;
        let key = p.map_or_else(|| "no position".to_owned(), |p| p.name().to_owned());
        *counts.entry(key).or_default() += 1;
    }
    let states: BTreeSet<State> = states.collect();
    let split: Vec<String> = counts.iter().map(|(k, v)| format!("{k} {v}")).collect();
    println!(
        "{path}: {total} records ({}), {} recommending States, {} skipped, {} repaired",
        split.join(", "),
        states.len(),
        report.skipped().count(),
        report.repaired().count()
    );
    for p in &report.problems {
        println!(
            "  {}: {:?}: {} [{}]",
            p.location, p.action, p.reason, p.found
        );
    }
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let options = if args.iter().any(|a| a == "--strict") {
        ReadOptions::new()
    } else {
        ReadOptions::lenient()
    };
    let files: Vec<&String> = args.iter().filter(|a| !a.starts_with("--")).collect();
    if files.is_empty() {
        eprintln!("usage: uhri_matrix [--strict] FILE.csv|FILE.json|FILE.txt ...");
        return ExitCode::from(2);
    }
    for f in files {
        let result = if f.ends_with(".txt") {
            ohchr_matrix::read_path(f, &options).map(|p| {
                summary(
                    f,
                    p.records.iter().map(|r| Some(r.position)),
                    p.records.iter().flat_map(|r| r.recommending.clone()),
                    &p.report,
                );
                if let Some(review) = p.records.first().and_then(|r| r.review) {
                    println!(
                        "  review: {}, cycle {}, Working Group session {}",
                        review.state_under_review, review.cycle, review.session
                    );
                }
            })
        } else {
            let read = if f.ends_with(".json") {
                uhri::read_json_path(f, &options)
            } else {
                uhri::read_path(f, &options)
            };
            read.map(|p| {
                summary(
                    f,
                    p.records.iter().map(|r| r.position),
                    p.records.iter().flat_map(|r| r.recommending.clone()),
                    &p.report,
                );
            })
        };
        if let Err(e) = result {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    }
    ExitCode::SUCCESS
}
