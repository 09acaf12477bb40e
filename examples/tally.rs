//! Tallies UPR Info's responses by State under review and by action category.
//!
//! ```text
//! cargo run --release --example tally -- [--lenient] sessions-1-5.csv sessions-6-9.csv
//! ```
//!
//! Counts rows as the export has them (one row per recommending State), so the figures can be
//! checked against any tool that reads the same files: `benches/peers/run.sh` compares them with
//! pandas and polars. Output, tab-separated, keys sorted:
//!
//! ```text
//! # by state under review
//! key  rows  accepted  noted  other  accepted_pct
//! AFG  ...
//! # by action category
//! key  rows  accepted  noted  other  accepted_pct
//! 1    ...
//! # total
//! all  rows  accepted  noted  other  accepted_pct
//! ```
//!
//! `other` counts `Voluntary Pledge` rows; an action category missing from a row is keyed `none`.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::Write as _;
use std::process::ExitCode;

use upr::read::ReadOptions;
use upr::read::upr_info::{self, UprInfoResponse};

#[derive(Default, Clone, Copy)]
struct Counts {
    rows: usize,
    accepted: usize,
    noted: usize,
    other: usize,
}

impl Counts {
    fn add(&mut self, r: UprInfoResponse) {
        self.rows += 1;
        match r {
            UprInfoResponse::Accepted => self.accepted += 1,
            UprInfoResponse::Noted => self.noted += 1,
            _ => self.other += 1,
        }
    }
}

fn table(out: &mut String, title: &str, rows: impl IntoIterator<Item = (String, Counts)>) {
    let _ = writeln!(out, "# {title}");
    let _ = writeln!(out, "key\trows\taccepted\tnoted\tother\taccepted_pct");
    for (k, c) in rows {
        let pct = if c.rows == 0 {
            0.0
        } else {
            100.0 * c.accepted as f64 / c.rows as f64
        };
        let _ = writeln!(
            out,
            "{k}\t{}\t{}\t{}\t{}\t{pct:.1}",
            c.rows, c.accepted, c.noted, c.other
        );
    }
}

fn main() -> ExitCode {
    let mut options = ReadOptions::new();
    let mut files = Vec::new();
    for a in std::env::args().skip(1) {
        match a.as_str() {
            "--lenient" => options = ReadOptions::lenient(),
            _ => files.push(a),
        }
    }
    if files.is_empty() {
        eprintln!("usage: tally [--lenient] UPR-INFO-CSV...");
        return ExitCode::from(2);
    }
    let mut by_state: BTreeMap<upr::State, Counts> = BTreeMap::new();
    // Index 0 holds rows without an action category, 1-5 the categories.
    let mut by_action = [Counts::default(); 6];
    let mut total = Counts::default();
    for f in &files {
        let parsed = match upr_info::read_path(f, &options) {
            Ok(p) => p,
            Err(e) => {
                eprintln!("error: {e}");
                return ExitCode::FAILURE;
            }
        };
        let skipped = parsed.report.skipped().count();
        if skipped > 0 {
            eprintln!("{f}: {skipped} rows skipped (lenient mode)");
        }
        for row in &parsed.records {
            by_state.entry(row.to).or_default().add(row.response);
            if let Some(c) = by_action.get_mut(row.action.map_or(0, |a| usize::from(a.number()))) {
                c.add(row.response);
            }
            total.add(row.response);
        }
    }
    let mut out = String::with_capacity(8 * 1024);
    table(
        &mut out,
        "by state under review",
        by_state
            .into_iter()
            .map(|(k, c)| (k.alpha3().to_owned(), c)),
    );
    table(
        &mut out,
        "by action category",
        by_action
            .into_iter()
            .enumerate()
            .filter(|(_, c)| c.rows > 0)
            .map(|(k, c)| {
                let key = if k == 0 {
                    "none".to_owned()
                } else {
                    k.to_string()
                };
                (key, c)
            }),
    );
    table(&mut out, "total", [("all".to_owned(), total)]);
    let _ = std::io::stdout().lock().write_all(out.as_bytes());
    ExitCode::SUCCESS
}
