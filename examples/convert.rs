//! Converts UPR data from the shapes it comes in to the crate's `upr/1` CSV or JSON.
//!
//! ```text
//! cargo run --release --example convert -- --from upr-info|uhri|matrix|wg-report \
//!     --to csv|json|jsonl|upr-info [--lenient] [--out FILE] FILE...
//! ```
//!
//! Every input is read (strict by default: the first bad record stops with its position;
//! `--lenient` skips bad records and lists them on stderr), turned into recommendations, and all
//! of them are written to stdout or `--out` in the chosen form (see `upr::write`).

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use upr::read::upr_info::UprInfoResponse;
use upr::read::{Mode, ReadOptions, ReadReport};
use upr::{Recommendation, write};

const USAGE: &str = "usage: convert --from upr-info|uhri|matrix|wg-report --to csv|json|jsonl|upr-info [--lenient] [--out FILE] FILE...";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum From {
    UprInfo,
    Uhri,
    Matrix,
    WgReport,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum To {
    Csv,
    Json,
    JsonLines,
    UprInfo,
}

struct Args {
    from: From,
    to: To,
    mode: Mode,
    out: Option<PathBuf>,
    files: Vec<PathBuf>,
}

fn parse_args() -> Result<Args, String> {
    let mut from = None;
    let mut to = None;
    let mut mode = Mode::Strict;
    let mut out = None;
    let mut files = Vec::new();
    let mut args = std::env::args_os().skip(1);
    while let Some(a) = args.next() {
        let value = |args: &mut dyn Iterator<Item = std::ffi::OsString>, flag: &str| {
            args.next()
                .and_then(|v| v.into_string().ok())
                .ok_or_else(|| format!("{flag} needs a value\n{USAGE}"))
        };
        match a.to_str() {
            Some("--from") => {
                from = Some(match value(&mut args, "--from")?.as_str() {
                    "upr-info" => From::UprInfo,
                    "uhri" => From::Uhri,
                    "matrix" => From::Matrix,
                    "wg-report" => From::WgReport,
                    other => return Err(format!("unknown input format {other:?}\n{USAGE}")),
                })
            }
            Some("--to") => {
                to = Some(match value(&mut args, "--to")?.as_str() {
                    "csv" => To::Csv,
                    "json" => To::Json,
                    "jsonl" => To::JsonLines,
                    "upr-info" => To::UprInfo,
                    other => return Err(format!("unknown output format {other:?}\n{USAGE}")),
                })
            }
            Some("--lenient") => mode = Mode::Lenient,
            Some("--out") => out = Some(PathBuf::from(value(&mut args, "--out")?)),
            Some("-h" | "--help") => return Err(USAGE.to_owned()),
            Some(flag) if flag.starts_with("--") => {
                return Err(format!("unknown option {flag:?}\n{USAGE}"));
            }
            _ => files.push(PathBuf::from(a)),
        }
    }
    let from = from.ok_or_else(|| format!("--from is required\n{USAGE}"))?;
    let to = to.ok_or_else(|| format!("--to is required\n{USAGE}"))?;
    if files.is_empty() {
        return Err(format!("no input files\n{USAGE}"));
    }
    Ok(Args {
        from,
        to,
        mode,
        out,
        files,
    })
}

/// A recommendation, with UPR Info's response where the input is a UPR Info export: UPR Info
/// gives no date for it, so it cannot enter the (dated) response history.
struct Converted {
    recommendation: Recommendation,
    upr_info_response: Option<UprInfoResponse>,
}

/// Reads one file with the chosen reader and turns its records into recommendations.
fn read(
    from: From,
    path: &PathBuf,
    options: &ReadOptions,
) -> upr::Result<(Vec<Converted>, ReadReport)> {
    match from {
        From::UprInfo => {
            let parsed = upr::read::upr_info::read_path(path, options)?;
            let recs = upr::read::upr_info::merge_joint(&parsed.records)
                .into_iter()
                .map(|j| Converted {
                    recommendation: j.recommendation,
                    upr_info_response: Some(j.response),
                })
                .collect();
            Ok((recs, parsed.report))
        }
        From::WgReport => {
            let report = upr::read::wg_report::read_report_path(path, options)?;
            let recs = report
                .to_recommendations()?
                .into_iter()
                .map(|recommendation| Converted {
                    recommendation,
                    upr_info_response: None,
                })
                .collect();
            Ok((recs, report.report))
        }
        From::Uhri | From::Matrix => Err(upr::Error::invalid(
            "input format",
            format!("{from:?}"),
            "reader not available yet",
        )),
    }
}

fn run(args: &Args) -> upr::Result<()> {
    let mut all = Vec::new();
    for path in &args.files {
        let options = ReadOptions::new()
            .mode(args.mode)
            .name(path.display().to_string());
        let (recs, report) = read(args.from, path, &options)?;
        for p in &report.problems {
            eprintln!(
                "{}: {}: {:?}: {}: {:?}",
                report.input, p.location, p.action, p.reason, p.found
            );
        }
        eprintln!(
            "{}: {} records read ({} skipped, {} repaired), {} recommendations",
            report.input,
            report.records,
            report.skipped().count(),
            report.repaired().count(),
            recs.len()
        );
        all.extend(recs);
    }
    // Written in memory first, so that a reader that stops early (`| head`) is not an error.
    let mut sink: Vec<u8> = Vec::new();
    let recs = all.iter().map(|c| &c.recommendation);
    let undated = all.iter().filter(|c| c.upr_info_response.is_some()).count();
    if undated > 0 && args.to != To::UprInfo {
        eprintln!(
            "note: UPR Info's Accepted/Noted has no date, so it is not in the response history of {undated} recommendations; --to upr-info keeps it"
        );
    }
    let written = match args.to {
        To::Csv => write::csv::write_recommendations(&mut sink, recs),
        To::Json => write::json::write_recommendations(&mut sink, recs),
        To::JsonLines => write::json::write_recommendation_lines(&mut sink, recs),
        To::UprInfo => {
            let mut rows = Vec::new();
            for c in &all {
                for mut row in write::upr_info::recommendation_rows([&c.recommendation]) {
                    if let Some(r) = c.upr_info_response {
                        row.response = r;
                    }
                    row.record = rows.len() + 1;
                    rows.push(row);
                }
            }
            write::upr_info::write_rows(&mut sink, &rows, &write::upr_info::WriteOptions::new())
        }
    };
    written?;
    match &args.out {
        Some(p) => std::fs::write(p, &sink).map_err(|e| upr::Error::io(p, e)),
        None => match std::io::stdout().lock().write_all(&sink) {
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
            other => other.map_err(upr::Error::from),
        },
    }
}

fn main() -> ExitCode {
    let args = match parse_args() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    match run(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
