//! Tallies UPR Info's responses by State under review and by action category.
//!
//! ```text
//! cargo run -p upr-tools --release --bin tally -- [--lenient] [--sequential] sessions-1-5.csv sessions-6-9.csv
//! ```
//!
//! Each file is read on its own thread (`--sequential`: one after the other); strict mode stops at
//! the first row it cannot read, `--lenient` skips such rows and says how many.
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

use upr::UprInfoResponse;
use upr::format::upr_info;
use upr::format::{ReadOptions, RecordStream};

#[derive(Default, Clone, Copy)]
struct Counts {
    rows: usize,
    accepted: usize,
    noted: usize,
    other: usize,
}

impl Counts {
    fn merge(&mut self, o: &Counts) {
        self.rows += o.rows;
        self.accepted += o.accepted;
        self.noted += o.noted;
        self.other += o.other;
    }

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

/// The three tables.
struct Tally {
    by_state: BTreeMap<upr::State, Counts>,
    /// Index 0 holds rows without an action category, 1-5 the categories.
    by_action: [Counts; 6],
    total: Counts,
}

impl Tally {
    fn new() -> Self {
        Tally {
            by_state: BTreeMap::new(),
            by_action: [Counts::default(); 6],
            total: Counts::default(),
        }
    }

    /// Reads one export as a stream and tallies its rows as they come (memory does not grow with
    /// the file).
    fn file(path: &str, options: &ReadOptions) -> Result<Tally, String> {
        let mut rows = upr_info::rows_path(path, options).map_err(|e| e.to_string())?;
        let mut t = Tally::new();
        for row in &mut rows {
            let row = row.map_err(|e| e.to_string())?;
            t.by_state.entry(row.to).or_default().add(row.response);
            let action = row.action.map_or(0, |a| usize::from(a.number()));
            if let Some(c) = t.by_action.get_mut(action) {
                c.add(row.response);
            }
            t.total.add(row.response);
        }
        let report = rows.finish().map_err(|e| e.to_string())?;
        let skipped = report.skipped().count();
        if skipped > 0 {
            eprintln!("{path}: {skipped} rows skipped (lenient mode)");
        }
        Ok(t)
    }

    fn merge(&mut self, other: &Tally) {
        for (s, c) in &other.by_state {
            self.by_state.entry(*s).or_default().merge(c);
        }
        for (a, c) in self.by_action.iter_mut().zip(&other.by_action) {
            a.merge(c);
        }
        self.total.merge(&other.total);
    }
}

fn main() -> ExitCode {
    let mut options = ReadOptions::new();
    let mut sequential = false;
    let mut files = Vec::new();
    for a in std::env::args().skip(1) {
        match a.as_str() {
            "--lenient" => options = ReadOptions::lenient(),
            "--sequential" => sequential = true,
            flag if flag.starts_with('-') => {
                eprintln!("tally: unknown option {flag:?}");
                eprintln!("usage: tally [--lenient] [--sequential] UPR-INFO-CSV...");
                return ExitCode::from(2);
            }
            _ => files.push(a),
        }
    }
    if files.is_empty() {
        eprintln!("usage: tally [--lenient] [--sequential] UPR-INFO-CSV...");
        return ExitCode::from(2);
    }
    // One thread per file (the files are independent), or one after the other.
    let parts: Vec<Result<Tally, String>> = if sequential || files.len() == 1 {
        files.iter().map(|f| Tally::file(f, &options)).collect()
    } else {
        std::thread::scope(|scope| {
            let handles: Vec<_> = files
                .iter()
                .map(|f| scope.spawn(|| Tally::file(f, &options)))
                .collect();
            handles
                .into_iter()
                .map(|h| {
                    h.join()
                        .unwrap_or_else(|_| Err("a reader thread panicked".into()))
                })
                .collect()
        })
    };
    let mut all = Tally::new();
    for part in parts {
        match part {
            Ok(t) => all.merge(&t),
            Err(e) => {
                eprintln!("error: {e}");
                return ExitCode::FAILURE;
            }
        }
    }
    let mut out = String::with_capacity(8 * 1024);
    table(
        &mut out,
        "by state under review",
        all.by_state
            .into_iter()
            .map(|(k, c)| (k.alpha3().to_owned(), c)),
    );
    table(
        &mut out,
        "by action category",
        all.by_action
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
    table(&mut out, "total", [("all".to_owned(), all.total)]);
    let _ = std::io::stdout().lock().write_all(out.as_bytes());
    ExitCode::SUCCESS
}
