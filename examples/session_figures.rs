//! Prints one JSON object per State found in the Human Rights Council's session reports
//! (`A/HRC/NN/2`): the official figures of each review outcome adopted at that session.
//!
//! ```text
//! cargo run --example session_figures -- ../shared/data/hrc-session-reports/A-HRC-28-2.txt
//! {"state":"ITA","received":186,"supported":176,"noted":10,"clarified":0,"source":"A/HRC/28/2",...}
//! ```
//!
//! `clarified` counts recommendations the State supported in part; a first-cycle statement that
//! gives only a rejected count has `supported` and `noted` null and `rejected` set. Problems go
//! to stderr; the exit code is 1 when a file cannot be read, 2 on bad usage.

use std::io::Write;
use std::process::ExitCode;

use serde::Serialize;
use upr::format::{ReadOptions, session_report};

/// One line of output, in this key order.
#[derive(Serialize)]
struct Line<'a> {
    state: &'a str,
    received: u32,
    supported: Option<u32>,
    noted: Option<u32>,
    clarified: u32,
    rejected: Option<u32>,
    source: Option<String>,
    cycle: Option<u8>,
    review_date: Option<chrono::NaiveDate>,
    adopted: Option<chrono::NaiveDate>,
    line: usize,
}

fn main() -> ExitCode {
    let files: Vec<String> = std::env::args().skip(1).collect();
    if files.is_empty() || files.iter().any(|f| f.starts_with('-')) {
        eprintln!("usage: session_figures FILE...");
        return ExitCode::from(2);
    }
    let mut out = std::io::stdout().lock();
    for file in &files {
        let report = match session_report::read_path(file, &ReadOptions::lenient()) {
            Ok(r) => r,
            Err(e) => {
                eprintln!("session_figures: {e}");
                return ExitCode::from(1);
            }
        };
        for p in &report.report.problems {
            eprintln!(
                "{}: {}: {}: {:?}",
                report.report.input, p.location, p.reason, p.found
            );
        }
        let source = report.symbol.as_ref().map(|s| s.to_string());
        for s in &report.states {
            let line = Line {
                state: s.state.alpha3(),
                received: s.received,
                supported: s.supported,
                noted: s.noted,
                clarified: s.clarified.unwrap_or(0),
                rejected: s.rejected,
                source: source.clone(),
                cycle: s.cycle().map(|c| c.number()),
                review_date: s.review_date,
                adopted: s.adopted,
                line: s.line,
            };
            let json = serde_json::to_string(&line).unwrap_or_default();
            if writeln!(out, "{json}").is_err() {
                return ExitCode::SUCCESS; // a closed pipe (| head)
            }
        }
    }
    ExitCode::SUCCESS
}
