//! `format::recommendations_path`: every shared file opened without naming its format gives
//! what that format's own `read_recommendations_path` gives, record for record and report line
//! for report line; what cannot be opened is an error naming the file.

mod common;

use std::path::Path;

use upr::format::{
    self, Context, Format, Parsed, ReadOptions, RecordStream, ohchr_matrix, uhri, upr_info, upr1,
    wg_report,
};
use upr::{Recommendation, Session};

fn own_reader(
    format: Format,
    path: &Path,
    options: &ReadOptions,
    context: &Context,
) -> upr::Result<Parsed<Recommendation>> {
    match format {
        Format::UprInfo => upr_info::read_recommendations_path(path, options, context),
        Format::Uhri => uhri::read_recommendations_path(path, options, context),
        Format::Matrix => ohchr_matrix::read_recommendations_path(path, options, context),
        Format::WgReport => wg_report::read_recommendations_path(path, options, context),
        Format::Upr1Csv => upr1::csv::read_recommendations_path(path, options, context),
        Format::Upr1Json => upr1::json::read_recommendations_path(path, options, context),
        Format::Upr1JsonLines => upr1::json::read_recommendation_lines_path(path, options, context),
        other => panic!("{other}: no reader in this test"),
    }
}

#[test]
fn every_shared_file_reads_as_its_formats_own_reader_reads_it() {
    let Some(data) = common::data() else { return };
    let dir = std::env::temp_dir().join(format!("upr-any-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    // sessions 6-9 written in the three upr/1 forms, beside the shared files
    let six = data.join("upr-info/sessions-6-9.csv");
    let recs = upr_info::read_recommendations_path(&six, &ReadOptions::new(), &Context::new())
        .unwrap()
        .records;
    upr1::csv::write_recommendations_path(dir.join("r.csv"), &recs).unwrap();
    upr1::json::write_recommendations_path(dir.join("r.json"), &recs).unwrap();
    let mut jsonl = Vec::new();
    upr1::json::write_recommendation_lines(&mut jsonl, &recs).unwrap();
    std::fs::write(dir.join("r.jsonl"), jsonl).unwrap();
    let mut files: Vec<(std::path::PathBuf, Format)> = Vec::new();
    for (folder, format) in [
        ("upr-info", Format::UprInfo),
        ("wg-reports", Format::WgReport),
        ("uhri", Format::Uhri),
    ] {
        for e in std::fs::read_dir(data.join(folder)).unwrap() {
            files.push((e.unwrap().path(), format));
        }
    }
    for f in ["china-cycle2-matrix.txt", "china-cycle3-matrix.txt"] {
        files.push((data.join("ohchr-matrix").join(f), Format::Matrix));
    }
    files.push((dir.join("r.csv"), Format::Upr1Csv));
    files.push((dir.join("r.json"), Format::Upr1Json));
    files.push((dir.join("r.jsonl"), Format::Upr1JsonLines));
    let context = Context::new().with_session(Session::new(20).unwrap());
    let mut formats = std::collections::BTreeSet::new();
    for (path, expected) in &files {
        for options in [ReadOptions::new(), ReadOptions::lenient()] {
            let own = own_reader(*expected, path, &options, &context);
            let opened = format::recommendations_path(path, None, &options, &context);
            let (mut stream, found) = match (&own, opened) {
                (_, Ok(o)) => o,
                (Err(own), Err(e)) => {
                    assert_eq!(own.to_string(), e.to_string(), "{}", path.display());
                    continue;
                }
                (Ok(_), Err(e)) => panic!("{}: {e}", path.display()),
            };
            assert_eq!(found, *expected, "{}", path.display());
            formats.insert(found.name());
            let mut records = Vec::new();
            let mut failed = None;
            for r in stream.by_ref() {
                match r {
                    Ok(r) => records.push(r),
                    Err(e) => {
                        failed = Some(e);
                        break;
                    }
                }
            }
            match (&own, failed) {
                (Ok(own), None) => {
                    let report = stream.finish().unwrap();
                    assert_eq!(own.records, records, "{}", path.display());
                    assert_eq!(own.report.problems, report.problems, "{}", path.display());
                    assert_eq!(own.report.records, report.records, "{}", path.display());
                }
                (Err(own), Some(e)) => assert_eq!(own.to_string(), e.to_string()),
                (own, failed) => panic!("{}: {own:?} against {failed:?}", path.display()),
            }
        }
    }
    assert_eq!(formats.len(), Format::ALL.len(), "{formats:?}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn what_cannot_be_opened_is_an_error_naming_the_file() {
    let dir = std::env::temp_dir().join(format!("upr-any-bad-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let (o, c) = (ReadOptions::new(), Context::new());
    let missing = dir.join("missing.csv");
    let e = format::recommendations_path(&missing, None, &o, &c)
        .err()
        .unwrap();
    assert!(matches!(e, upr::Error::Io { .. }), "{e}");
    assert!(e.to_string().contains("missing.csv"), "{e}");
    let unknown = dir.join("notes.txt");
    std::fs::write(&unknown, "Some notes, not UPR data\n").unwrap();
    let e = format::recommendations_path(&unknown, None, &o, &c)
        .err()
        .unwrap()
        .to_string();
    assert!(
        e.contains(
            "notes.txt: input: expected an input in one of the formats upr reads (upr-info, uhri,"
        ),
        "{e}"
    );
    assert_eq!(Format::detect_path(&unknown).unwrap(), None);
    // UHRI needs the Working Group session: an error when opened, not at the first record.
    let uhri = dir.join("u.csv");
    std::fs::write(
        &uhri,
        "text,upr_reccomending_states,upr_position,themes,affected_persons,countries_concerned,reccomending_body,upr_session,document_symbol,type\n",
    )
    .unwrap();
    assert_eq!(Format::detect_path(&uhri).unwrap(), Some(Format::Uhri));
    let e = format::recommendations_path(&uhri, None, &o, &c)
        .err()
        .unwrap()
        .to_string();
    assert!(e.contains("session"), "{e}");
    std::fs::remove_dir_all(&dir).unwrap();
}
