//! Reads a UHRI JSON export as a stream, one array item at a time, and counts its positions:
//! memory stays that of one buffer and one record however large the array.
//!
//! ```text
//! cargo run --release --example stream_uhri_json -- uhri.json
//! ```
//!
//! Prints one line per position (count) and the report's summary; exit 1 on an error.

use std::collections::BTreeMap;
use std::process::ExitCode;

use upr::format::{ReadOptions, RecordStream, uhri};

fn main() -> ExitCode {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: stream_uhri_json FILE.json");
        return ExitCode::from(2);
    };
    let run = || -> upr::Result<()> {
        let mut records = uhri::json_records_path(&path, &ReadOptions::lenient())?;
        let mut positions: BTreeMap<String, usize> = BTreeMap::new();
        for r in &mut records {
            let r = r?;
            let key = r
                .position
                .map_or_else(|| "none".to_owned(), |p| p.to_string());
            *positions.entry(key).or_default() += 1;
        }
        let report = records.finish()?;
        for (p, n) in &positions {
            println!("{p}\t{n}");
        }
        let repaired = report.repaired().count();
        let skipped = report.skipped().count();
        eprintln!(
            "{}: {} records, {skipped} skipped, {repaired} repaired",
            report.input, report.records
        );
        Ok(())
    };
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("stream_uhri_json: {e}");
            ExitCode::from(1)
        }
    }
}
