//! Fuzzes the UHRI export readers (CSV and JSON) in strict and lenient mode.
#![no_main]

use libfuzzer_sys::fuzz_target;
use upr::format::{Mode, ReadOptions};

fuzz_target!(|data: &[u8]| {
    for mode in [Mode::Strict, Mode::Lenient] {
        let options = ReadOptions::new().with_mode(mode);
        if let Ok(p) = upr::format::uhri::read(data, &options) {
            assert_eq!(p.report.records, p.records.len());
        }
        if let Ok(p) = upr::format::uhri::read_json(data, &options) {
            assert_eq!(p.report.records, p.records.len());
        }
    }
});
