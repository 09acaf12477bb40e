//! Builds one review's dataset from the UN's own documents and prints its tally and every
//! place where the documents disagree.
//!
//! ```text
//! cargo run --release --example from_documents -- --report R.txt --addendum A.txt \
//!     [--matrix M.txt] [--session-report S.txt]... [--lenient] [--json]
//! ```
//!
//! The Working Group report gives the recommendations, the addendum the State's positions, the
//! matrix OHCHR's record of them, the Council's session report the President's figures. Without
//! `--json` it prints the tally (OHCHR's convention and the five-way count), each published
//! figure against the count computed from the recommendations, the recommendations on which
//! addendum and matrix differ, and the join problems (numbers the report lacks, recommendations
//! never answered). With `--json` it writes the `upr/1` JSON document of the recommendations with
//! their response histories to stdout.
//!
//! Exit codes: 0 done, 1 a document cannot be read (the error names it and the position),
//! 2 bad usage.

use std::path::PathBuf;
use std::process::ExitCode;

use upr::dataset::{Review, ReviewDocuments};
use upr::format::{Mode, ReadOptions, addendum, ohchr_matrix, session_report, upr1, wg_report};
use upr::{Bucket, Convention, Dataset, Query};

const USAGE: &str = "usage: from_documents --report R.txt [--addendum A.txt] [--matrix M.txt] [--session-report S.txt]... [--lenient] [--json]";

#[derive(Default)]
struct Args {
    report: Option<PathBuf>,
    addendum: Option<PathBuf>,
    matrix: Option<PathBuf>,
    session_reports: Vec<PathBuf>,
    mode: Mode,
    json: bool,
}

fn parse_args() -> Result<Args, String> {
    let mut a = Args::default();
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let mut value = || {
            it.next()
                .map(PathBuf::from)
                .ok_or_else(|| format!("{flag} needs a file\n{USAGE}"))
        };
        match flag.as_str() {
            "--report" => a.report = Some(value()?),
            "--addendum" => a.addendum = Some(value()?),
            "--matrix" => a.matrix = Some(value()?),
            "--session-report" => a.session_reports.push(value()?),
            "--lenient" => a.mode = Mode::Lenient,
            "--json" => a.json = true,
            "-h" | "--help" => return Err(USAGE.to_owned()),
            other => return Err(format!("unknown argument {other:?}\n{USAGE}")),
        }
    }
    if a.report.is_none() && a.matrix.is_none() {
        return Err(format!("--report (or --matrix) is required\n{USAGE}"));
    }
    Ok(a)
}

fn build(a: &Args) -> upr::Result<Review> {
    let o = ReadOptions::new().with_mode(a.mode);
    let mut docs = ReviewDocuments::new();
    if let Some(p) = &a.report {
        docs = docs.with_report(wg_report::read_report_path(p, &o)?);
    }
    if let Some(p) = &a.addendum {
        docs = docs.with_addendum(addendum::read_path(p, &o)?);
    }
    if let Some(p) = &a.matrix {
        let parsed = ohchr_matrix::read_path(p, &o)?;
        docs = docs.with_matrix(p.display().to_string(), parsed.records);
    }
    for p in &a.session_reports {
        docs = docs.with_session_report(session_report::read_path(p, &o)?);
    }
    Dataset::from_documents(docs)
}

fn print(review: &Review) {
    let recs = &review.dataset.recommendations;
    println!(
        "{} cycle {}: {} recommendations",
        review.state.alpha3(),
        review.cycle,
        recs.len()
    );
    for convention in [Convention::Ohchr, Convention::FiveWay] {
        let t = Query::new().convention(convention).tally(recs);
        let counts: Vec<String> = t
            .all
            .counts
            .iter()
            .map(|(b, n)| format!("{} {n}", b.key()))
            .collect();
        println!("  {}: {}", convention.key(), counts.join(", "));
    }
    println!("published figures against the recommendations:");
    for c in &review.checks {
        println!(
            "  {} {} {} (published by {}): computed {} ({}): {}",
            c.figure.state.alpha3(),
            c.figure.quantity,
            c.figure.value,
            c.figure.source,
            c.computed,
            c.counted,
            if c.agrees { "agrees" } else { "DISAGREES" }
        );
    }
    for d in review.dataset.disagreements() {
        let values: Vec<String> = d
            .values
            .iter()
            .map(|v| {
                format!(
                    "{} ({})",
                    v.value,
                    v.sources
                        .iter()
                        .map(|s| s.to_string())
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            })
            .collect();
        println!(
            "  sources disagree on {}: {}",
            d.quantity,
            values.join(" vs ")
        );
    }
    println!(
        "addendum and matrix differ on {} recommendations",
        review.position_disagreements.len()
    );
    for d in &review.position_disagreements {
        println!(
            "  {}: addendum {}, matrix {}",
            d.reference, d.addendum, d.matrix
        );
    }
    println!("join problems: {}", review.joins.len());
    for j in &review.joins {
        println!("  {}", serde_json::to_string(j).unwrap_or_default());
    }
    let accepted = Query::new()
        .convention(Convention::Ohchr)
        .tally(recs)
        .total()
        .count(Bucket::Supported);
    println!("supported (OHCHR): {accepted}");
}

fn main() -> ExitCode {
    let args = match parse_args() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    let review = match build(&args) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("from_documents: {e}");
            return ExitCode::from(1);
        }
    };
    if args.json {
        let mut out = std::io::stdout().lock();
        if let Err(e) = upr1::json::write_recommendations(&mut out, &review.dataset.recommendations)
        {
            eprintln!("from_documents: {e}");
            return ExitCode::from(1);
        }
    } else {
        print(&review);
    }
    ExitCode::SUCCESS
}
