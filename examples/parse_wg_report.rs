//! Prints the recommendations of Working Group report texts, one JSON object per line.
//!
//! ```text
//! cargo run --release --example parse_wg_report -- FILE...
//! ```
//!
//! Each line is `{"file": ..., "paragraph": "125.54", "text": ..., "recommending_states":
//! ["CAN"], "wg_status": "not_supported"}`. Reports are read in lenient mode; what was skipped or
//! repaired goes to stderr. `--strict` reads in strict mode (the first problem is an error).
//!
//! `--split` prints the split view: one line per part of a clustered paragraph (`129.1. A
//! (Egypt); B (Australia);` gives two lines), each with that part's text and States and
//! `"part": 2` after `paragraph`; a paragraph that is not clustered is its own part 1.
//!
//! `--jobs N` reads the reports on N threads (default: the cores available); the output is in
//! the order the files are given, whatever N.

use std::io::{BufWriter, Write};
use std::process::ExitCode;

use serde::Serialize;
use upr::format::{ReadOptions, wg_report};

/// One output line, keys in this order.
#[derive(Serialize)]
struct Line<'a> {
    file: &'a str,
    paragraph: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    part: Option<u16>,
    text: &'a str,
    recommending_states: Vec<&'static str>,
    wg_status: &'static str,
}

fn main() -> ExitCode {
    const USAGE: &str = "usage: parse_wg_report [--strict] [--split] [--jobs N] FILE...";
    let mut strict = false;
    let mut split = false;
    let mut jobs = std::thread::available_parallelism().map_or(1, usize::from);
    let mut files = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--strict" => strict = true,
            "--split" => split = true,
            "--jobs" => match args.next().and_then(|n| n.parse::<usize>().ok()) {
                Some(n) if n > 0 => jobs = n,
                _ => {
                    eprintln!("--jobs needs a number of threads, 1 or more\n{USAGE}");
                    return ExitCode::from(2);
                }
            },
            "-h" | "--help" => {
                eprintln!("{USAGE}");
                return ExitCode::SUCCESS;
            }
            flag if flag.starts_with('-') => {
                eprintln!("unknown option {flag:?}\n{USAGE}");
                return ExitCode::from(2);
            }
            _ => files.push(a),
        }
    }
    if files.is_empty() {
        eprintln!("{USAGE}");
        return ExitCode::from(2);
    }
    let mut failed = false;
    let mut printed = 0usize;
    // One buffered, locked stdout for every line (println! would lock and flush per line).
    let mut out = BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
    let options = if strict {
        ReadOptions::new()
    } else {
        ReadOptions::lenient()
    };
    // The reports are read on `jobs` threads (each takes the next file), and printed here in the
    // order given: `benches/peers/run.sh wg` measured 2 threads against 1 on this machine's 2
    // cores (see benches/peers/wg.md).
    let (sender, receiver) = std::sync::mpsc::channel();
    let next = std::sync::atomic::AtomicUsize::new(0);
    std::thread::scope(|scope| {
        for _ in 0..jobs.min(files.len()) {
            let (sender, next, files, options) = (sender.clone(), &next, &files, &options);
            scope.spawn(move || {
                loop {
                    let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    let Some(file) = files.get(i) else { break };
                    if sender
                        .send((i, wg_report::read_report_path(file, options)))
                        .is_err()
                    {
                        break;
                    }
                }
            });
        }
        drop(sender);
        let mut waiting = std::collections::BTreeMap::new();
        let mut turn = 0;
        for (i, read) in receiver.iter() {
            waiting.insert(i, read);
            while let Some(read) = waiting.remove(&turn) {
                let file = &files[turn];
                turn += 1;
                print_report(file, read, split, &mut out, &mut printed, &mut failed);
            }
        }
    });
    if let Err(e) = out.flush() {
        eprintln!("error: {e}");
        failed = true;
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

/// Prints one report's recommendations (and its problems on stderr).
fn print_report(
    file: &str,
    read: upr::Result<wg_report::WgReport>,
    split: bool,
    out: &mut impl Write,
    printed: &mut usize,
    failed: &mut bool,
) {
    {
        let report = match read {
            Ok(r) => r,
            Err(e) => {
                eprintln!("error: {e}");
                *failed = true;
                return;
            }
        };
        // The split view owns its parts; the plain view borrows the recommendations.
        let split_parts: Vec<(u16, wg_report::WgRecommendation)> = if split {
            report
                .recommendations
                .iter()
                .flat_map(|r| r.split())
                .collect()
        } else {
            Vec::new()
        };
        let units: Vec<(Option<u16>, &wg_report::WgRecommendation)> = if split {
            split_parts.iter().map(|(n, p)| (Some(*n), p)).collect()
        } else {
            report.recommendations.iter().map(|r| (None, r)).collect()
        };
        for (part, r) in units {
            let line = Line {
                file,
                paragraph: r.reference.to_string(),
                part,
                text: &r.text,
                recommending_states: r.recommending.iter().map(|s| s.alpha3()).collect(),
                wg_status: r.status.key(),
            };
            let written = serde_json::to_writer(&mut *out, &line)
                .map_err(|e| e.to_string())
                .and_then(|()| out.write_all(b"\n").map_err(|e| e.to_string()));
            match written {
                Ok(()) => *printed += 1,
                Err(e) => {
                    eprintln!("error: {e}");
                    *failed = true;
                }
            }
        }
        if !report.report.problems.is_empty() {
            // Keep stdout and stderr in step when both go to one terminal or file.
            if let Err(e) = out.flush() {
                eprintln!("error: {e}");
                *failed = true;
            }
        }
        for p in &report.report.problems {
            eprintln!(
                "{file}: {}: {:?}: {}: {:?}",
                p.location, p.action, p.reason, p.found
            );
        }
    }
}
