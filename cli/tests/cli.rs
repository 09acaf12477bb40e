//! The `upr` command run as users run it: its output and its exit codes.

use std::process::{Command, Output};

#[path = "../../tests/common/mod.rs"]
mod common;
use common::data;

fn upr(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_upr"))
        .args(args)
        .output()
        .expect("the upr binary runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn tally_of_the_dprk_by_cycle_is_the_five_way_count() {
    let o = upr(&["tally", "--dataset", "dprk", "--by", "cycle"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    let row1: Vec<&str> = out
        .lines()
        .find(|l| l.starts_with("1 "))
        .unwrap()
        .split_whitespace()
        .collect();
    assert_eq!(row1, ["1", "81", "6", "15", "15", "50", "0", "167", "52.1"]);
}

#[test]
fn tally_as_csv_and_json() {
    let o = upr(&[
        "tally",
        "--dataset",
        "dprk",
        "--by",
        "cycle",
        "--convention",
        "upr_info_summary_2014",
        "--csv",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(
        out.starts_with(
            "cycle,accepted,rejected,pending,total,accepted_share\n1,87,65,15,167,52.1\n"
        ),
        "{out}"
    );
    let o = upr(&["tally", "--dataset", "dprk", "--by", "cycle", "--json"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["rows"][0]["counts"]["accepted"], 81);
}

#[test]
fn tally_as_of_a_date() {
    let o = upr(&[
        "tally",
        "--dataset",
        "dprk",
        "--by",
        "cycle",
        "--as-of",
        "2010-03-18",
        "--csv",
    ]);
    let out = stdout(&o);
    assert!(out.contains("\n1,0,0,"), "{out}");
}

#[test]
fn tally_by_paragraph_or_by_part() {
    let Some(data) = data() else { return };
    let file = data.join("wg-reports/egypt2014.txt");
    let file = file.to_str().unwrap();
    let report =
        upr::format::wg_report::read_report_path(file, &upr::format::ReadOptions::lenient())
            .unwrap();
    let parts: usize = report.recommendations.iter().map(|r| r.split().len()).sum();
    assert!(parts > report.recommendations.len());
    let total = |unit: &str| {
        let o = upr(&["tally", "--unit", unit, "--json", file]);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
        v["all"]["total"].as_u64().unwrap() as usize
    };
    assert_eq!(total("paragraph"), report.recommendations.len());
    assert_eq!(total("part"), parts);
    let o = upr(&["tally", "--unit", "part", file]);
    assert!(stdout(&o).contains("unit: part"), "{}", stdout(&o));
}

#[test]
fn usage_errors_exit_2() {
    let o = upr(&["tally", "--dataset", "dprk", "--unit", "sentence"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("unknown unit \"sentence\""),
        "{}",
        stderr(&o)
    );
    let o = upr(&["tally", "--dataset", "dprk", "--by", "colour"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("unknown dimension \"colour\""),
        "{}",
        stderr(&o)
    );
    let o = upr(&["tally", "--dataset", "atlantis"]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn help_documents_the_exit_codes() {
    let out = stdout(&upr(&["--help"]));
    assert!(out.contains("Exit codes:"), "{out}");
    assert!(out.contains("3  `upr check` found problems"), "{out}");
}

#[test]
fn unreadable_input_exits_1_with_the_position() {
    let dir = std::env::temp_dir().join(format!("upr-cli-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let bad = dir.join("bad.csv");
    std::fs::write(&bad, "state_under_review,recommending,cycle,session,paragraph,document,text,source,latest_status,latest_stage,latest_date,responses,labeller,action_category,issues\nXXX,,1,6,,,t,s,,,,,,,\n").unwrap();
    let o = upr(&["convert", "--to", "json", bad.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(err.contains("bad.csv: record 1"), "{err}");
    let unknown = dir.join("x.txt");
    std::fs::write(&unknown, "hello").unwrap();
    let o = upr(&["convert", "--to", "json", unknown.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("cannot tell the format from the content; give --from"));
}

#[test]
fn convert_detects_every_shared_format_and_round_trips() {
    let Some(data) = data() else { return };
    let cases = [
        (
            "upr-info/dprk-session-19-unlabelled.csv",
            "upr-info",
            269,
            &[][..],
        ),
        (
            "wg-reports/democraticpeoplesrepublicofkorea2010.txt",
            "wg-report",
            167,
            &[][..],
        ),
        (
            "ohchr-matrix/china-cycle3-matrix.txt",
            "matrix",
            346,
            &[][..],
        ),
        (
            "uhri/egypt-cycle2.csv",
            "uhri",
            300,
            &["--session", "20"][..],
        ),
    ];
    let dir = std::env::temp_dir().join(format!("upr-cli-rt-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    for (file, format, n, extra) in cases {
        let path = data.join(file);
        let out = dir.join(format!("{format}.jsonl"));
        let mut args = vec!["convert", "--to", "jsonl", "-o", out.to_str().unwrap()];
        args.extend(extra);
        args.push(path.to_str().unwrap());
        let o = upr(&args);
        assert!(o.status.success(), "{file}: {}", stderr(&o));
        assert!(
            stderr(&o).contains(&format!(": {format}, ")),
            "{}",
            stderr(&o)
        );
        let lines = std::fs::read_to_string(&out).unwrap().lines().count();
        assert_eq!(lines, n, "{file}");
        // the written upr/1 JSON lines are detected and read back
        let o = upr(&["convert", "--to", "csv", out.to_str().unwrap()]);
        assert!(o.status.success(), "{file}: {}", stderr(&o));
        assert!(stderr(&o).contains(": upr1-jsonl, "), "{}", stderr(&o));
        assert_eq!(stdout(&o).lines().count(), n + 1, "{file}");
    }
}

#[test]
fn check_and_classify_on_real_data() {
    let Some(data) = data() else { return };
    let f = data.join("upr-info/sessions-6-9.csv");
    let o = upr(&["check", f.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let f = data.join("wg-reports/democraticpeoplesrepublicofkorea2014.txt");
    let o = upr(&["check", f.to_str().unwrap()]);
    assert_eq!(
        o.status.code(),
        Some(3),
        "the report's footnotes are repairs: {}",
        stderr(&o)
    );
    let o = upr(&["classify", f.to_str().unwrap()]);
    assert!(o.status.success());
    let out = stdout(&o);
    assert_eq!(out.lines().count(), 268);
    let first: serde_json::Value = serde_json::from_str(out.lines().next().unwrap()).unwrap();
    assert_eq!(first["paragraph"], "124.1");
}

#[test]
fn charts_are_svg_files() {
    let dir = std::env::temp_dir().join(format!("upr-cli-charts-{}", std::process::id()));
    let o = upr(&["chart", "-o", dir.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    for f in [
        "responses-by-cycle.svg",
        "acceptance-by-action-category.svg",
        "acceptance-by-issue-family.svg",
        "acceptance-by-regional-group.svg",
    ] {
        let svg = std::fs::read_to_string(dir.join(f)).unwrap();
        assert!(svg.starts_with("<svg"), "{f}");
        assert!(svg.contains("accepted"), "{f}");
    }
    let svg = std::fs::read_to_string(dir.join("responses-by-cycle.svg")).unwrap();
    assert!(svg.contains("cycle 1 (n = 167)"), "{svg}");
}

#[test]
fn a_reader_that_stops_early_is_no_error() {
    use std::io::Read;
    use std::process::Stdio;
    let mut child = Command::new(env!("CARGO_BIN_EXE_upr"))
        .arg("report")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = [0u8; 16];
    child.stdout.take().unwrap().read_exact(&mut first).unwrap(); // then drop: the pipe closes
    let out = child.wait_with_output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!err.contains("panicked"), "{err}");
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn convert_streams_and_leaves_no_output_when_a_record_fails() {
    let Some(data) = common::data() else { return };
    let dir = std::env::temp_dir().join(format!("upr-cli-stream-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    // sessions 6-9 with a row for a State that does not exist, after record 4,000 (CR line ends).
    let bytes = std::fs::read(data.join("upr-info/sessions-6-9.csv")).unwrap();
    let at = bytes
        .iter()
        .enumerate()
        .filter(|(_, b)| **b == b'\r')
        .nth(4000)
        .unwrap()
        .0;
    let mut copy = bytes[..=at].to_vec();
    copy.extend_from_slice(b"Nowhere,,,x,Canada,WEOG,,Accepted,3,General,6\r");
    copy.extend_from_slice(&bytes[at + 1..]);
    let bad = dir.join("bad69.csv");
    std::fs::write(&bad, &copy).unwrap();
    // upr/1 CSV has one line per recommendation, UPR Info's layout one per recommending State.
    for (to, lines) in [("csv", 8225), ("upr-info", 8343)] {
        let out = dir.join(format!("out-{to}.csv"));
        let o = upr(&[
            "convert",
            "--to",
            to,
            "-o",
            out.to_str().unwrap(),
            bad.to_str().unwrap(),
        ]);
        assert_eq!(o.status.code(), Some(1), "{to}: {}", stderr(&o));
        assert!(stderr(&o).contains("record 4001"), "{to}: {}", stderr(&o));
        // Strict: the first bad record stops the run, and no half-written file is left.
        assert!(!out.exists(), "{to}");
        assert!(
            std::fs::read_dir(&dir).unwrap().all(|e| !e
                .unwrap()
                .file_name()
                .to_string_lossy()
                .contains("partial")),
            "{to}"
        );
        // Lenient: the record is skipped (one line), the others are written as they are read.
        let o = upr(&[
            "convert",
            "--to",
            to,
            "--lenient",
            "-o",
            out.to_str().unwrap(),
            bad.to_str().unwrap(),
        ]);
        assert_eq!(o.status.code(), Some(0), "{to}: {}", stderr(&o));
        assert_eq!(stderr(&o).matches("Skipped").count(), 1, "{to}");
        let written = std::fs::read_to_string(&out).unwrap();
        // As from the file without the bad row: 8,224 recommendations (8,342 rows, the
        // export's joint recommendations one row per State) and the header.
        assert_eq!(written.lines().count(), lines, "{to}");
        if to == "upr-info" {
            // UPR Info's own responses are written back: no row is noted as folded.
            assert!(!stderr(&o).contains("note: row"), "{}", stderr(&o));
            assert!(stderr(&o).contains("note: every row: To-Org and From-Org left empty"));
            let first = written.lines().nth(1).unwrap();
            assert!(first.starts_with("Albania,EEG,,"), "{first}");
        }
    }
}
