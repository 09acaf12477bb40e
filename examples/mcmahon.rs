//! Reproduces Edward McMahon's finding on UPR Info export files: acceptance by action
//! category, once with UPR Info's human labels and once with the crate's classifier.
//!
//! ```text
//! cargo run --release --example mcmahon -- ../shared/data/upr-info/sessions-1-5.csv ../shared/data/upr-info/sessions-6-9.csv
//! ```
//!
//! McMahon found about three quarters of recommendations accepted overall, nearly all of
//! categories 1-2 and only about half of category 5. Rows are the export's rows (a joint
//! recommendation once per co-author); `Voluntary Pledge` rows are left out; UPR Info's
//! `Noted` includes rejected and unanswered recommendations.

use std::process::ExitCode;

use upr::UprInfoResponse;
use upr::classify::{Classifier, Scratch};
use upr::format::ReadOptions;
use upr::format::upr_info;
use upr::{ActionCategory, Error, Result};

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("mcmahon: {e}");
            ExitCode::FAILURE
        }
    }
}

/// Accepted and total per category (index 0 = no category).
#[derive(Default)]
struct Counts {
    accepted: [u64; 6],
    total: [u64; 6],
}

impl Counts {
    fn add(&mut self, c: Option<ActionCategory>, accepted: bool) {
        let i = c.map_or(0, |c| usize::from(c.number()));
        if let (Some(t), Some(a)) = (self.total.get_mut(i), self.accepted.get_mut(i)) {
            *t += 1;
            *a += u64::from(accepted);
        }
    }
    fn cell(&self, i: usize) -> String {
        let (a, t) = (self.accepted[i], self.total[i]);
        if t == 0 {
            return format!("{:>22}", "-");
        }
        format!("{:>6}/{:<6} {:>6.1} %", a, t, 100.0 * a as f64 / t as f64)
    }
    fn all(&self) -> String {
        let a: u64 = self.accepted.iter().sum();
        let t: u64 = self.total.iter().sum();
        format!(
            "{:>6}/{:<6} {:>6.1} %",
            a,
            t,
            100.0 * a as f64 / t.max(1) as f64
        )
    }
}

fn run() -> Result<()> {
    let mut files: Vec<String> = std::env::args().skip(1).collect();
    let rules_only = files.iter().any(|a| a == "--rules-only");
    files.retain(|a| a != "--rules-only");
    if files.is_empty() {
        return Err(Error::invalid(
            "arguments",
            "",
            "usage: mcmahon [--rules-only] EXPORT.csv...",
        ));
    }
    let classifier = if rules_only {
        Classifier::rules_only()
    } else {
        Classifier::builtin()
    };
    let mut scratch = Scratch::new();
    let (mut human, mut ours) = (Counts::default(), Counts::default());
    let mut unlabelled = 0u64;
    for f in &files {
        for row in upr_info::read_path(f, &ReadOptions::new())?.records {
            let accepted = match row.response {
                UprInfoResponse::Accepted => true,
                UprInfoResponse::Noted => false,
                _ => continue,
            };
            if row.action.is_none() {
                unlabelled += 1;
            }
            human.add(row.action, accepted);
            ours.add(classifier.label(&row.text, &mut scratch).action, accepted);
        }
    }
    println!("acceptance by action category: {}", files.join(" "));
    println!(
        "{:<16} {:>24} {:>24}",
        "category", "UPR Info (human)", "upr classifier"
    );
    for (i, name) in [
        "none",
        "1 minimal",
        "2 continuing",
        "3 considering",
        "4 general",
        "5 specific",
    ]
    .iter()
    .enumerate()
    {
        if i == 0 && human.total[0] == 0 && ours.total[0] == 0 {
            continue;
        }
        println!("{:<16} {:>24} {:>24}", name, human.cell(i), ours.cell(i));
    }
    println!("{:<16} {:>24} {:>24}", "all", human.all(), ours.all());
    if unlabelled > 0 {
        println!("({unlabelled} rows have no human action category)");
    }
    Ok(())
}
