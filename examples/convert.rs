//! Converts UPR data from the shapes it comes in to the crate's `upr/1` CSV or JSON.
//!
//! ```text
//! cargo run --release --example convert -- --from upr-info|uhri|matrix|wg-report \
//!     --to csv|json|jsonl|upr-info [--lenient] [--out FILE] \
//!     [--session N] [--state NAME] [--position-date YYYY-MM-DD] FILE...
//! ```
//!
//! Each format's `read_recommendations` does the reading; what a source does not say comes in
//! a `Context`. `--from uhri` needs `--session N`, the Working Group session (UHRI gives only the
//! Council's); UHRI's CSV and JSON layouts are told apart by content. `--from matrix` takes the
//! flattened text or the Word document (`.docx`, by content); a matrix whose header gives no
//! session (Egypt's) needs `--session N --state NAME`. UHRI, the OHCHR matrix and the UPR Info
//! export do not date their positions: `--position-date` records them as response events of that
//! day, otherwise they stay out of the (dated) history.
//!
//! Every input is read (strict by default: the first bad record stops with its position;
//! `--lenient` skips bad records and lists them on stderr), turned into recommendations, and all
//! of them are written to stdout or `--out` in the chosen form (see `upr::format::upr1`).

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use chrono::NaiveDate;
use upr::UprInfoResponse;
use upr::format::upr1;
use upr::format::{Context, ohchr_matrix, uhri, upr_info, wg_report};
use upr::format::{Mode, ReadOptions, ReadReport};
use upr::{Recommendation, Session};

const USAGE: &str = "usage: convert --from upr-info|uhri|matrix|wg-report --to csv|json|jsonl|upr-info [--lenient] [--out FILE] [--session N] [--state NAME] [--position-date YYYY-MM-DD] FILE...";

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
    /// The Working Group session (UHRI gives only the Council's).
    session: Option<Session>,
    /// The State under review, for a source that does not name it.
    state: Option<upr::State>,
    /// The day the positions were made public (UHRI and the OHCHR matrix give no date).
    position_date: Option<NaiveDate>,
    files: Vec<PathBuf>,
}

fn parse_args() -> Result<Args, String> {
    let mut from = None;
    let mut to = None;
    let mut mode = Mode::Strict;
    let mut out = None;
    let mut session = None;
    let mut state = None;
    let mut position_date = None;
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
            Some("--session") => {
                let v = value(&mut args, "--session")?;
                session = Some(
                    v.parse::<Session>()
                        .map_err(|e| format!("--session: {e}"))?,
                );
            }
            Some("--state") => {
                let v = value(&mut args, "--state")?;
                state = Some(upr::State::resolve(&v).map_err(|e| format!("--state: {e}"))?);
            }
            Some("--position-date") => {
                let v = value(&mut args, "--position-date")?;
                let d = NaiveDate::parse_from_str(&v, "%Y-%m-%d")
                    .map_err(|_| format!("--position-date: expected YYYY-MM-DD, found {v:?}"))?;
                position_date = Some(d);
            }
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
        session,
        state,
        position_date,
        files,
    })
}

/// A recommendation, with UPR Info's response where the input is a UPR Info export: UPR Info
/// gives no date for it, so it cannot enter the (dated) response history.
struct Converted {
    recommendation: Recommendation,
    upr_info_response: Option<UprInfoResponse>,
    /// The source gives a position that could not be dated, so it is not in the history.
    undated: bool,
}

/// Reads one file with the chosen format's `read_recommendations`; what the source does not say
/// (the Working Group session for UHRI, the day positions were made public) comes in the
/// [`Context`].
fn read(
    args: &Args,
    path: &PathBuf,
    options: &ReadOptions,
) -> upr::Result<(Vec<Converted>, ReadReport)> {
    let mut context = Context::new();
    if let Some(s) = args.session {
        context = context.with_session(s);
    }
    if let Some(d) = args.position_date {
        context = context.with_position_date(d);
    }
    if let Some(s) = args.state {
        context = context.with_state_under_review(s);
    }
    if args.from == From::UprInfo && args.position_date.is_none() {
        // UPR Info gives Accepted/Noted without a date: kept beside the recommendation, so that
        // --to upr-info writes it back.
        let parsed = upr_info::read_path(path, options)?;
        let recs = upr_info::merge_joint(&parsed.records)
            .into_iter()
            .map(|j| Converted {
                recommendation: j.recommendation,
                upr_info_response: Some(j.response),
                undated: true,
            })
            .collect();
        return Ok((recs, parsed.report));
    }
    let parsed = match args.from {
        From::UprInfo => upr_info::read_recommendations_path(path, options, &context)?,
        From::WgReport => wg_report::read_recommendations_path(path, options, &context)?,
        From::Uhri => uhri::read_recommendations_path(path, options, &context)?,
        From::Matrix => ohchr_matrix::read_recommendations_path(path, options, &context)?,
    };
    let undated = args.from != From::WgReport && args.position_date.is_none();
    let recs = parsed
        .records
        .into_iter()
        .map(|recommendation| Converted {
            recommendation,
            upr_info_response: None,
            undated,
        })
        .collect();
    Ok((recs, parsed.report))
}

fn run(args: &Args) -> upr::Result<()> {
    let mut all = Vec::new();
    for path in &args.files {
        let options = ReadOptions::new()
            .with_mode(args.mode)
            .with_name(path.display().to_string());
        let (recs, report) = read(args, path, &options)?;
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
    let undated = all.iter().filter(|c| c.undated).count();
    if undated > 0 && args.from == From::UprInfo && args.to != To::UprInfo {
        eprintln!(
            "note: UPR Info's Accepted/Noted has no date, so it is not in the response history of {undated} recommendations; --to upr-info keeps it"
        );
    } else if undated > 0 && args.from != From::UprInfo {
        eprintln!(
            "note: the source does not date its positions, so they are not in the response history of {undated} recommendations; give --position-date YYYY-MM-DD to record them"
        );
    }
    let written = match args.to {
        To::Csv => upr1::csv::write_recommendations(&mut sink, recs),
        To::Json => upr1::json::write_recommendations(&mut sink, recs),
        To::JsonLines => upr1::json::write_recommendation_lines(&mut sink, recs),
        To::UprInfo => {
            let mut rows = Vec::new();
            for c in &all {
                for mut row in upr_info::recommendation_rows([&c.recommendation]) {
                    if let Some(r) = c.upr_info_response {
                        row.response = r;
                    }
                    row.record = rows.len() + 1;
                    rows.push(row);
                }
            }
            upr_info::write_rows(&mut sink, &rows, &upr_info::WriteOptions::new())
        }
    };
    written?;
    match &args.out {
        Some(p) => std::fs::write(p, &sink).map_err(|e| upr::Error::write(p, e)),
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
