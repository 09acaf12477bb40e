//! Nothing lost to encodings: corrupted and transcoded copies of real files (made here, at test
//! time) read the same records as the originals, and the report names the encoding and why.

mod common;

use std::path::Path;

use upr::format::{Action, ReadOptions, uhri, upr_info, wg_report};
use upr::{Encoding, Location};

fn read(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// `text` in `encoding` (encoding_rs's encoders; every character must have a code).
fn encode(text: &str, encoding: &'static encoding_rs::Encoding) -> Vec<u8> {
    let (bytes, _, unmappable) = encoding.encode(text);
    assert!(!unmappable, "{} cannot encode the text", encoding.name());
    bytes.into_owned()
}

fn utf16(text: &str, le: bool, bom: bool) -> Vec<u8> {
    let mut out: Vec<u8> = if !bom {
        Vec::new()
    } else if le {
        vec![0xFF, 0xFE]
    } else {
        vec![0xFE, 0xFF]
    };
    for u in text.encode_utf16() {
        out.extend(if le { u.to_le_bytes() } else { u.to_be_bytes() });
    }
    out
}

/// Every non-UTF-8 file of the corpus is Mac OS Roman (data README): detection says so for each,
/// and decodes it as Mac OS Roman does.
#[test]
fn every_legacy_file_of_the_corpus_is_detected_as_mac_roman() {
    let Some(data) = common::data() else { return };
    let mut legacy = 0;
    for dir in [
        "upr-info",
        "wg-reports",
        "ohchr-matrix",
        "uhri",
        "hrc-session-reports",
    ] {
        let mut paths: Vec<_> = std::fs::read_dir(data.join(dir))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|x| x == "csv" || x == "txt"))
            .collect();
        paths.sort();
        for path in paths {
            let bytes = read(&path);
            let (text, decoded) = upr::format::encoding::decode(&bytes, Encoding::Auto)
                .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            if std::str::from_utf8(&bytes).is_ok() {
                assert_eq!(decoded.encoding(), Encoding::Utf8, "{}", path.display());
                continue;
            }
            legacy += 1;
            assert_eq!(
                decoded.encoding(),
                Encoding::MacRoman,
                "{}: {}",
                path.display(),
                decoded.reason()
            );
            let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
            assert_eq!(text, upr::format::encoding::decode_mac_roman(bytes));
        }
    }
    assert!(legacy > 150, "only {legacy} legacy files");
}

/// The UPR Info export, transcoded from Mac OS Roman to Windows-1252 and UTF-16 (LE, BE, with
/// and without a byte-order mark): the same rows, in both modes, and the report names the
/// encoding and why.
#[test]
fn upr_info_in_windows_1252_and_utf16_reads_the_same_rows() {
    let Some(data) = common::data() else { return };
    let path = data.join("upr-info/sessions-6-9.csv");
    let original = upr_info::read_path(&path, &ReadOptions::new()).unwrap();
    assert_eq!(original.report.encoding, Encoding::MacRoman);
    let text = upr::format::encoding::decode_mac_roman(&read(&path));
    assert!(
        !text.is_ascii(),
        "the file has characters to tell the encodings apart"
    );
    let copies = [
        (
            encode(&text, encoding_rs::WINDOWS_1252),
            Encoding::Windows1252,
            "read as Windows-1252 score",
        ),
        (
            utf16(&text, true, true),
            Encoding::Utf16Le,
            "UTF-16LE byte-order mark",
        ),
        (
            utf16(&text, false, true),
            Encoding::Utf16Be,
            "UTF-16BE byte-order mark",
        ),
        (
            utf16(&text, true, false),
            Encoding::Utf16Le,
            "no byte-order mark; NUL in",
        ),
        (
            utf16(&text, false, false),
            Encoding::Utf16Be,
            "no byte-order mark; NUL in",
        ),
    ];
    for (bytes, encoding, why) in copies {
        for options in [ReadOptions::new(), ReadOptions::lenient()] {
            let copy = upr_info::read(&bytes[..], &options.with_name("copy.csv")).unwrap();
            assert_eq!(copy.records, original.records, "{encoding}");
            assert_eq!(copy.report.encoding, encoding);
            assert!(
                copy.report.encoding_reason.contains(why),
                "{encoding}: {}",
                copy.report.encoding_reason
            );
            let shown = copy.report.to_string();
            assert!(
                shown.contains(&format!("copy.csv: encoding {encoding} (")),
                "{shown}"
            );
        }
    }
}

/// A Working Group report (Mac OS Roman, curly quotes) in Windows-1252: the same
/// recommendations.
#[test]
fn a_wg_report_in_windows_1252_reads_the_same_recommendations() {
    let Some(data) = common::data() else { return };
    let path = data.join("wg-reports/democraticpeoplesrepublicofkorea2014.txt");
    let original = wg_report::read_path(&path, &ReadOptions::new()).unwrap();
    assert_eq!(original.report.encoding, Encoding::MacRoman);
    let text = upr::format::encoding::decode_mac_roman(&read(&path));
    let bytes = encode(&text, encoding_rs::WINDOWS_1252);
    let copy = wg_report::read(&bytes[..], &ReadOptions::new()).unwrap();
    assert_eq!(copy.report.encoding, Encoding::Windows1252);
    assert_eq!(copy.records, original.records);
}

/// A UTF-8 file (the UHRI export) with a bad byte injected inside a record: strict mode names
/// the line and the byte offset; lenient mode reads every record as UTF-8, the one with the bad
/// byte with U+FFFD in its place, and reports one repair with the offset, instead of reading the
/// whole file as Mac OS Roman.
#[test]
fn a_bad_byte_in_a_utf8_file_is_an_error_or_one_repair() {
    let Some(data) = common::data() else { return };
    let path = data.join("uhri/egypt-cycle2.csv");
    let bytes = read(&path);
    let original = uhri::read_path(&path, &ReadOptions::new()).unwrap();
    assert_eq!(original.report.encoding, Encoding::Utf8);
    // The 'R' of the second record's "Ratify" becomes 0x92 (Windows-1252's apostrophe).
    let line_start = bytes
        .iter()
        .enumerate()
        .filter(|&(_, &b)| b == b'\n')
        .nth(1)
        .map(|(i, _)| i + 1)
        .unwrap();
    let at = line_start
        + bytes[line_start..]
            .windows(6)
            .position(|w| w == b"Ratify")
            .unwrap();
    let mut bad = bytes.clone();
    bad[at] = 0x92;

    let err = uhri::read(&bad[..], &ReadOptions::new().with_name("bad.csv")).unwrap_err();
    let msg = err.to_string();
    assert!(
        msg.starts_with(&format!(
            "bad.csv: line 3: expected UTF-8 text (byte 0x92 at byte {at} is not valid UTF-8), found \""
        )),
        "{msg}"
    );

    let lenient = uhri::read(&bad[..], &ReadOptions::lenient()).unwrap();
    assert_eq!(lenient.report.encoding, Encoding::Utf8);
    assert!(lenient.report.encoding_reason.starts_with("mostly UTF-8: "));
    let repairs: Vec<_> = lenient.report.repaired().collect();
    let decoding: Vec<_> = repairs
        .iter()
        .filter(|p| p.reason.ends_with("replaced by U+FFFD"))
        .collect();
    assert_eq!(decoding.len(), 1, "{repairs:?}");
    assert_eq!(decoding[0].location, Location::Line(3));
    assert_eq!(decoding[0].action, Action::Repaired);
    assert_eq!(
        decoding[0].reason,
        format!("byte 0x92 at byte {at} not valid UTF-8; replaced by U+FFFD")
    );
    assert_eq!(lenient.records.len(), original.records.len());
    for (a, b) in lenient.records.iter().zip(&original.records) {
        if a.record == 2 {
            assert_eq!(a.text, b.text.replacen("Ratify", "\u{FFFD}atify", 1));
        } else {
            assert_eq!(a, b);
        }
    }
}
