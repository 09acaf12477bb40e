//! Fuzzes the readers of the `upr/1` JSON document and JSON Lines in strict and lenient mode.
#![no_main]

use libfuzzer_sys::fuzz_target;
use upr::format::{Context, Mode, ReadOptions};

fuzz_target!(|data: &[u8]| {
    for mode in [Mode::Strict, Mode::Lenient] {
        let options = ReadOptions::new().with_mode(mode);
        if let Ok(p) =
            upr::format::upr1::json::read_recommendations(data, &options, &Context::new())
        {
            assert_eq!(p.report.records, p.records.len());
        }
        if let Ok(p) =
            upr::format::upr1::json::read_recommendation_lines(data, &options, &Context::new())
        {
            assert_eq!(p.report.records, p.records.len());
        }
    }
});
