//! Writing UPR Info's layout loses nothing silently: the rows as read are written back field for
//! field; recommendations written back give one row per recommending State, every row merged on
//! reading has a report line, and what the layout cannot hold is in the writer's report.

mod common;

use upr::format::upr_info::{self, WriteOptions};
use upr::format::{Context, ReadOptions};

#[test]
fn rows_as_read_are_written_back_field_for_field() {
    let Some(data) = common::data() else { return };
    for file in ["sessions-1-5.csv", "sessions-6-9.csv", "voluntary.csv"] {
        let path = data.join("upr-info").join(file);
        let rows = upr_info::read_path(&path, &ReadOptions::new()).unwrap();
        for options in [WriteOptions::new(), WriteOptions::mac_roman()] {
            let mut out = Vec::new();
            upr_info::write_rows(&mut out, &rows.records, &options).unwrap();
            let back = upr_info::read(&out[..], &ReadOptions::new()).unwrap();
            assert_eq!(back.records.len(), rows.records.len(), "{file}");
            // Every field, organisations and Voluntary Pledge included.
            assert!(back.records == rows.records, "{file}");
        }
    }
}

#[test]
fn recommendations_written_back_account_for_every_row() {
    let Some(data) = common::data() else { return };
    let path = data.join("upr-info/sessions-6-9.csv");
    let rows = upr_info::read_path(&path, &ReadOptions::new())
        .unwrap()
        .records;
    let read =
        upr_info::read_recommendations_path(&path, &ReadOptions::new(), &Context::new()).unwrap();
    let merged = read.report.merged().count();
    assert_eq!(read.records.len() + merged, rows.len());
    let mut out = Vec::new();
    let report =
        upr_info::write_recommendations(&mut out, &read.records, &WriteOptions::new()).unwrap();
    let back = upr_info::read(&out[..], &ReadOptions::new())
        .unwrap()
        .records;
    assert_eq!(report.rows, back.len());
    // A row merged on reading comes back unless it repeated a co-author already there (an
    // identical row): each such row is one the writer did not write, and one merge line.
    let repeated = rows
        .windows(2)
        .filter(|w| {
            w[0].to == w[1].to
                && w[0].session == w[1].session
                && w[0].response == w[1].response
                && w[0].from == w[1].from
                && w[0]
                    .text
                    .split_whitespace()
                    .eq(w[1].text.split_whitespace())
        })
        .count();
    assert_eq!(back.len(), rows.len() - repeated);
    // The organisations the rows had are not in a recommendation: said once, not hidden.
    assert!(rows.iter().any(|r| !r.to_org.is_empty()));
    assert!(
        back.iter()
            .all(|r| r.to_org.is_empty() && r.from_org.is_empty())
    );
    assert!(report.notes[0].row.is_none());
    assert!(report.notes[0].what.contains("To-Org and From-Org"));
    // Every other field of every row written is the row read, in order.
    let key = |r: &upr_info::UprInfoRow| {
        (
            r.to,
            r.from,
            r.response,
            r.action,
            r.issues.clone(),
            r.session,
            r.text.split_whitespace().collect::<Vec<_>>().join(" "),
        )
    };
    let mut wanted: Vec<_> = rows.iter().map(key).collect();
    wanted.dedup();
    let got: Vec<_> = back.iter().map(key).collect();
    assert!(got == wanted);
}

#[test]
fn an_identical_row_is_merged_with_a_line_and_the_writer_says_what_it_cannot_keep() {
    let text = "To,To-Rgrp,To-Org,Text,From,From-Rgrp,From-Org,Response,Action,Issue,Session\n\
                Norway,WEOG,OIC,Ratify it,Canada,WEOG,,Accepted,3,General,6\n\
                Norway,WEOG,OIC,Ratify it,Canada,WEOG,,Accepted,3,General,6\n\
                Norway,WEOG,,Close it,Chile,GRULAC,,Noted,3,General,6\n";
    let read =
        upr_info::read_recommendations(text.as_bytes(), &ReadOptions::new(), &Context::new())
            .unwrap();
    assert_eq!(read.records.len(), 2);
    let merged: Vec<_> = read.report.merged().collect();
    assert_eq!(merged.len(), 1);
    assert_eq!(merged[0].location, upr::Location::Record(2));
    assert!(merged[0].reason.contains("merged into record 1"));
    let mut recs = read.records;
    recs[1] = recs[1].clone().with_response(upr::ResponseEvent::on(
        upr::Stage::Adoption,
        chrono::NaiveDate::from_ymd_opt(2011, 3, 1).unwrap(),
        upr::ResponseStatus::PartiallySupported,
        "test".into(),
    ));
    let mut out = Vec::new();
    let report = upr_info::write_recommendations(&mut out, &recs, &WriteOptions::new()).unwrap();
    assert_eq!(report.rows, 2);
    let lines: Vec<String> = report.notes.iter().map(ToString::to_string).collect();
    assert_eq!(lines.len(), 2, "{lines:?}");
    assert!(lines[1].starts_with("row 2: status"), "{lines:?}");
    assert!(lines[1].contains("written as Noted"), "{lines:?}");
}
