//! Prints the recommendations of Working Group report texts, one JSON object per line.
//!
//! ```text
//! cargo run --release --example parse_wg_report -- FILE...
//! ```
//!
//! Each line is `{"file": ..., "paragraph": "125.54", "text": ..., "recommending_states":
//! ["CAN"], "wg_status": "not_supported"}`. Reports are read in lenient mode; what was skipped or
//! repaired goes to stderr. `--strict` reads in strict mode (the first problem is an error).

use std::process::ExitCode;

use serde::Serialize;
use upr::format::{ReadOptions, wg_report};

/// One output line, keys in this order.
#[derive(Serialize)]
struct Line<'a> {
    file: &'a str,
    paragraph: String,
    text: &'a str,
    recommending_states: Vec<&'static str>,
    wg_status: &'static str,
}

fn main() -> ExitCode {
    let mut strict = false;
    let mut files = Vec::new();
    for a in std::env::args().skip(1) {
        match a.as_str() {
            "--strict" => strict = true,
            "-h" | "--help" => {
                eprintln!("usage: parse_wg_report [--strict] FILE...");
                return ExitCode::SUCCESS;
            }
            flag if flag.starts_with('-') => {
                eprintln!("unknown option {flag:?}\nusage: parse_wg_report [--strict] FILE...");
                return ExitCode::from(2);
            }
            _ => files.push(a),
        }
    }
    if files.is_empty() {
        eprintln!("usage: parse_wg_report [--strict] FILE...");
        return ExitCode::from(2);
    }
    let mut failed = false;
    let mut printed = 0usize;
    for file in &files {
        let options = if strict {
            ReadOptions::new()
        } else {
            ReadOptions::lenient()
        };
        let report = match wg_report::read_report_path(file, &options) {
            Ok(r) => r,
            Err(e) => {
                eprintln!("error: {e}");
                failed = true;
                continue;
            }
        };
        for r in &report.recommendations {
            let line = Line {
                file,
                paragraph: r.reference.to_string(),
                text: &r.text,
                recommending_states: r.recommending.iter().map(|s| s.alpha3()).collect(),
                wg_status: r.status.key(),
            };
            match serde_json::to_string(&line) {
                Ok(json) => {
                    printed += 1;
                    println!("{json}")
                }
                Err(e) => {
                    eprintln!("error: {e}");
                    failed = true;
                }
            }
        }
        for p in &report.report.problems {
            eprintln!(
                "{file}: {}: {:?}: {}: {:?}",
                p.location, p.action, p.reason, p.found
            );
        }
    }
    if printed == 0 {
        eprintln!("error: no recommendation read from any input");
        failed = true;
    }
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}
