//! The tally tool as a user runs it: unknown options are refused (not taken as file names), and
//! a small export is tallied row by row.

use std::process::Command;

fn tally(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_tally"))
        .args(args)
        .output()
        .expect("the tally binary runs")
}

#[test]
fn an_unknown_option_is_a_usage_error() {
    let out = tally(&["--lenientt", "x.csv"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("unknown option \"--lenientt\""), "{err}");
}

#[test]
fn a_small_export_is_tallied_row_by_row() {
    let dir = std::env::temp_dir().join(format!("upr-tally-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("small.csv");
    std::fs::write(
        &path,
        "To,To-Rgrp,To-Org,Text,From,From-Rgrp,From-Org,Response,Action,Issue,Session\r\
         Norway,WEOG,,a,Chile,GRULAC,,Accepted,3,General,6\r\
         Norway,WEOG,,a,Canada,WEOG,,Accepted,3,General,6\r\
         Chile,GRULAC,,b,Norway,WEOG,,Noted,,General,6\r",
    )
    .unwrap();
    let out = tally(&[path.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("NOR\t2\t2\t0\t0\t100.0"), "{text}");
    assert!(text.contains("CHL\t1\t0\t1\t0\t0.0"), "{text}");
    assert!(text.contains("all\t3\t2\t1\t0\t66.7"), "{text}");
    std::fs::remove_dir_all(&dir).unwrap();
}
