//! The UPR Info reader over the real export files.

mod common;

use upr::format::{ReadOptions, upr_info};

#[test]
fn every_upr_info_file_reads_strictly() {
    let Some(data) = common::data() else { return };
    let expected = [
        ("sessions-1-5.csv", 6094),
        ("sessions-6-9.csv", 8343),
        ("voluntary.csv", 947),
        ("dprk-session-19-unlabelled.csv", 269),
    ];
    for (file, rows) in expected {
        let parsed = upr_info::read_path(data.join("upr-info").join(file), &ReadOptions::new())
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(parsed.records.len(), rows, "{file}");
        // Auto-detection: Mac OS Roman where a byte is not valid UTF-8; a pure-ASCII file reads as UTF-8.
        let bytes = std::fs::read(data.join("upr-info").join(file)).unwrap();
        let expected = if bytes.is_ascii() {
            upr::Encoding::Utf8
        } else {
            upr::Encoding::MacRoman
        };
        assert_eq!(parsed.report.encoding, expected, "{file}");
        assert_eq!(parsed.report.skipped().count(), 0, "{file}");
    }
}

#[test]
fn dprk_session_19_has_114_accepted_of_269_rows() {
    let Some(data) = common::data() else { return };
    let parsed = upr_info::read_path(
        data.join("upr-info/dprk-session-19-unlabelled.csv"),
        &ReadOptions::new(),
    )
    .unwrap();
    let accepted = parsed
        .records
        .iter()
        .filter(|r| r.response == upr::UprInfoResponse::Accepted)
        .count();
    assert_eq!((accepted, parsed.records.len()), (114, 269));
    // No two consecutive rows repeat a text: the 269th row is not a co-author's copy but the
    // accepted part of a paragraph split in two (see the dataset builder and dprk_claims).
    let merged = upr_info::merge_joint(&parsed.records);
    assert_eq!(merged.len(), 269);
}
