//! Fuzzes the UPR Info export reader in strict and lenient mode, in every encoding.
#![no_main]

use libfuzzer_sys::fuzz_target;
use upr::Encoding;
use upr::format::{Mode, ReadOptions};

fuzz_target!(|data: &[u8]| {
    for mode in [Mode::Strict, Mode::Lenient] {
        for enc in [Encoding::Auto, Encoding::Utf8, Encoding::MacRoman] {
            let options = ReadOptions::new().with_mode(mode).with_encoding(enc);
            if let Ok(p) = upr::format::upr_info::read(data, &options) {
                assert_eq!(p.report.records, p.records.len());
            }
        }
    }
});
