//! The UHRI readers over the real export sample (`uhri/egypt-cycle2.csv`: 300 recommendations to
//! Egypt, cycle 2, A/HRC/28/16), and the JSON layout on records generated from it.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use proptest::prelude::*;
use serde_json::{Value, json};
use upr::UprPosition;
use upr::format::uhri::{self, UhriRecord};
use upr::format::{Mode, ReadOptions};
use upr::{Cycle, Encoding, Location, State};

fn egypt() -> Option<PathBuf> {
    common::data().map(|d| d.join("uhri/egypt-cycle2.csv"))
}

fn read_egypt() -> Option<Vec<UhriRecord>> {
    let path = egypt()?;
    let parsed = uhri::read_path(&path, &ReadOptions::new()).unwrap_or_else(|e| panic!("{e}"));
    assert!(
        parsed.report.problems.is_empty(),
        "{:?}",
        parsed.report.problems
    );
    Some(parsed.records)
}

#[test]
fn egypt_reads_strictly_300_records() {
    let Some(records) = read_egypt() else { return };
    assert_eq!(records.len(), 300);
    let mut positions: BTreeMap<UprPosition, usize> = BTreeMap::new();
    for r in &records {
        *positions
            .entry(r.position.expect("every row has a position"))
            .or_default() += 1;
    }
    // The split as the file gives it (no official split is quoted for this sample).
    assert_eq!(positions[&UprPosition::Supported], 224);
    assert_eq!(positions[&UprPosition::Noted], 53);
    assert_eq!(positions[&UprPosition::SupportedNoted], 23);
    let egypt = State::resolve("Egypt").unwrap();
    for r in &records {
        assert_eq!(r.state_under_review, Some(egypt));
        assert_eq!(r.council_session, Some(28));
        assert_eq!(r.cycle, Some(Cycle::SECOND));
        assert_eq!(r.document.as_ref().map(|d| d.as_str()), Some("A/HRC/28/16"));
        assert_eq!(r.paragraph.map(|p| p.paragraph()), Some(166), "{r:?}");
        assert!(!r.themes.is_empty(), "record {} has no theme", r.record);
        assert!(!r.affected_persons.is_empty(), "record {}", r.record);
        assert!(r.affected_persons.iter().all(|a| !a.is_other()), "{r:?}");
        assert!(!r.text.is_empty(), "{r:?}");
    }
    // Paragraphs 166.1 to 166.300, each once.
    let numbers: BTreeSet<String> = records
        .iter()
        .filter_map(|r| r.paragraph.map(|p| p.to_string()))
        .collect();
    assert_eq!(numbers.len(), 300);
    assert!((1..=300).all(|n| numbers.contains(&format!("166.{n}"))));
}

#[test]
fn every_recommending_state_resolves_and_agrees_with_the_text() {
    let Some(records) = read_egypt() else { return };
    // Strict mode already failed on any leftover, ambiguity or disagreement between the
    // concatenated column and the brackets of the text; check the outcome.
    let mut states = BTreeSet::new();
    let mut joint = 0;
    for r in &records {
        assert!(r.unresolved.is_empty(), "{r:?}");
        assert!(!r.recommending.is_empty(), "{r:?}");
        states.extend(r.recommending.iter().copied());
        if r.recommending.len() > 1 {
            joint += 1;
        }
    }
    // The 300 recommendations come from 117 States; 8 are made by several (jointly or as a
    // cluster). Counted independently by a script over the brackets of `text`.
    assert_eq!(states.len(), 117);
    assert_eq!(joint, 8);
    // Spellings of the export that are not the UN short names resolve too.
    for name in ["Czech Republic", "Turkey", "Netherlands", "Côte d'Ivoire"] {
        assert!(states.contains(&State::resolve(name).unwrap()), "{name}");
    }
}

#[test]
fn a_bad_name_in_the_real_file_is_an_error_naming_it() {
    let Some(path) = egypt() else { return };
    let text = std::fs::read_to_string(&path).unwrap();
    let bad = text.replacen(
        ",ChileEstoniaSloveniaTunisiaUruguay,",
        ",ChileEstoniaSloveniaTunisiaUrugay,",
        1,
    );
    assert_ne!(bad, text);
    let err = uhri::read(bad.as_bytes(), &ReadOptions::new().with_name("egypt.csv")).unwrap_err();
    assert_eq!(
        err.to_string(),
        r#"egypt.csv: record 1: expected State names run together in upr_reccomending_states (no State name matches "Urugay" after CHL, EST, SVN, TUN), found "ChileEstoniaSloveniaTunisiaUrugay""#
    );
    let lenient = uhri::read(bad.as_bytes(), &ReadOptions::lenient()).unwrap();
    assert_eq!(lenient.records.len(), 300);
    assert_eq!(lenient.report.repaired().count(), 1);
    assert_eq!(
        lenient.records[0].recommending.len(),
        5,
        "taken from the text"
    );
}

/// The raw CSV rows, as header name -> value.
fn raw_rows() -> Option<Vec<BTreeMap<String, String>>> {
    let path = egypt()?;
    let mut rdr = csv::Reader::from_path(path).unwrap();
    let header = rdr.headers().unwrap().clone();
    Some(
        rdr.records()
            .map(|r| {
                let r = r.unwrap();
                header
                    .iter()
                    .zip(r.iter())
                    .map(|(h, v)| (h.to_owned(), v.to_owned()))
                    .collect()
            })
            .collect(),
    )
}

/// The JSON layout built from one CSV row. `list` writes the recommending States as an array
/// of names (from the CSV reading) instead of UHRI's concatenated string.
fn to_json(row: &BTreeMap<String, String>, read: &UhriRecord, list: bool) -> Value {
    let pieces: Vec<&str> = row["upr_session"]
        .split("- ")
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    let session = pieces.iter().find(|p| p.contains("Session")).unwrap();
    let cycle: u8 = pieces
        .iter()
        .find_map(|p| p.strip_prefix("Cycle "))
        .unwrap()
        .parse()
        .unwrap();
    let mut regions: Vec<&str> = Vec::new();
    for s in &read.recommending {
        let g = s.regional_group().map_or("", |g| g.upr_info_code());
        if !g.is_empty() && !regions.contains(&g) {
            regions.push(g);
        }
    }
    let countries = if list {
        json!(
            read.recommending
                .iter()
                .map(|s| s.name())
                .collect::<Vec<_>>()
        )
    } else {
        json!(row["upr_reccomending_states"])
    };
    json!({
        "Text": row["text"],
        "Themes": [row["themes"]],
        "Sdgs": [],
        "AffectedPersons": row["affected_persons"].split("- ").collect::<Vec<_>>(),
        "UprCycle": cycle,
        "UprSession": session,
        "UprPositions": [row["upr_position"]],
        "UprRecommendingCountry": countries,
        "UprRecommendingRegions": regions,
    })
}

#[test]
fn json_layout_reads_the_same_records() {
    let (Some(rows), Some(csv_records)) = (raw_rows(), read_egypt()) else {
        return;
    };
    assert_eq!(rows.len(), csv_records.len());
    for list in [false, true] {
        let array: Vec<Value> = rows
            .iter()
            .zip(&csv_records)
            .map(|(row, rec)| to_json(row, rec, list))
            .collect();
        let text = serde_json::to_string_pretty(&array).unwrap();
        let parsed = uhri::read_json(text.as_bytes(), &ReadOptions::new()).unwrap();
        assert!(parsed.report.problems.is_empty());
        assert_eq!(parsed.records.len(), 300);
        for (j, c) in parsed.records.iter().zip(&csv_records) {
            assert_eq!(j.record, c.record);
            assert_eq!(j.paragraph, c.paragraph);
            assert_eq!(j.text, c.text);
            assert_eq!(j.recommending, c.recommending);
            assert_eq!(j.position, c.position);
            assert_eq!(j.themes, c.themes);
            assert_eq!(j.affected_persons, c.affected_persons);
            assert_eq!(j.council_session, c.council_session);
            assert_eq!(j.cycle, c.cycle);
            // Keys the JSON layout does not have.
            assert_eq!((j.state_under_review, &j.document), (None, &None));
            let groups: BTreeSet<_> = c
                .recommending
                .iter()
                .filter_map(|s| s.regional_group())
                .collect();
            assert_eq!(
                j.recommending_regions
                    .iter()
                    .copied()
                    .collect::<BTreeSet<_>>(),
                groups
            );
        }
    }
}

#[test]
fn json_edge_cases() {
    let json = r#"[
      {"Text": "1.1. Do it (Chile); (Peru);", "UprRecommendingCountry": ["Chile", "Peru"],
       "UprPositions": [], "UprCycle": "Cycle 3", "UprSession": "- 37th Session - Cycle 3"},
      {"Text": "1.2. Do it (Chile);", "UprRecommendingCountry": null, "UprPositions": "Noted"},
      {"Text": "1.3. Do it (Chile);", "UprRecommendingCountry": "Chile", "UprCycle": "Cycle 2",
       "UprSession": "Cycle 3"},
      {"Text": "", "UprRecommendingCountry": "Chile"},
      {"Text": ["a", "b"]},
      {"Text": "1.6. Do it (Chile);", "UprRecommendingCountry": "Chile", "UprRecommendingRegions": "Atlantis"},
      {"Text": "1.7. Do it (Chile);", "UprRecommendingCountry": "Chile", "Themes": [true]}
    ]"#;
    let p = uhri::read_json(json.as_bytes(), &ReadOptions::lenient()).unwrap();
    let kept: Vec<usize> = p.records.iter().map(|r| r.record).collect();
    assert_eq!(kept, [1, 2, 3, 6, 7]);
    assert_eq!(p.records[0].position, None);
    assert_eq!(p.records[0].council_session, Some(37));
    assert_eq!(p.records[0].cycle, Some(Cycle::THIRD));
    // No column: the text's States are used, and said so.
    assert_eq!(
        p.records[1].recommending,
        vec![State::resolve("Chile").unwrap()]
    );
    assert_eq!(p.records[2].cycle, Some(Cycle::SECOND));
    let problems: Vec<(Location, &str)> = p
        .report
        .problems
        .iter()
        .map(|x| (x.location, x.reason.as_str()))
        .collect();
    assert_eq!(
        problems,
        [
            (
                Location::Record(2),
                "expected recommending States in UprRecommendingCountry; took the States in brackets in the text"
            ),
            (
                Location::Record(3),
                "expected one cycle in UprSession; kept the first"
            ),
            (Location::Record(4), "a recommendation text in Text"),
            (Location::Record(5), "one string in Text"),
            (
                Location::Record(6),
                "expected regional groups in UprRecommendingRegions; left them out"
            ),
            (
                Location::Record(7),
                "expected a string, a number or an array of them in Themes; left the key out"
            ),
        ]
    );
    let err = uhri::read_json(json.as_bytes(), &ReadOptions::new()).unwrap_err();
    assert_eq!(
        err.to_string(),
        r#"<input>: record 2: expected recommending States in UprRecommendingCountry, found """#
    );
}

fn mutate(bytes: &[u8], cuts: &[(usize, u8)], dup_line: Option<usize>) -> Vec<u8> {
    let mut out = bytes.to_vec();
    for &(at, b) in cuts {
        if !out.is_empty() {
            let i = at % out.len();
            out[i] = b;
        }
    }
    if let Some(at) = dup_line {
        let lines: Vec<&[u8]> = out.split_inclusive(|&b| b == b'\n').collect();
        if !lines.is_empty() {
            let i = at % lines.len();
            let mut v: Vec<u8> = Vec::new();
            for (k, l) in lines.iter().enumerate() {
                v.extend_from_slice(l);
                if k == i {
                    v.extend_from_slice(l);
                }
            }
            out = v;
        }
    }
    out
}

/// CSV records the reader sees (header not counted; blank lines not counted).
fn csv_records(bytes: &[u8]) -> Option<usize> {
    let (text, _) = upr::format::encoding::decode(bytes, Encoding::Auto).ok()?;
    let mut rdr = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(text.as_bytes());
    rdr.headers().ok()?;
    let mut n = 0;
    for r in rdr.records() {
        match r {
            Ok(r) if r.len() == 1 && r.get(0).is_some_and(|f| f.trim().is_empty()) => {}
            _ => n += 1,
        }
    }
    Some(n)
}

fn check_csv(bytes: &[u8]) {
    for mode in [Mode::Strict, Mode::Lenient] {
        let Ok(p) = uhri::read(bytes, &ReadOptions::new().with_mode(mode)) else {
            continue;
        };
        assert_eq!(p.report.records, p.records.len());
        let skipped = p.report.skipped().count();
        if mode == Mode::Strict {
            assert_eq!(skipped, 0);
            assert_eq!(p.report.repaired().count(), 0);
        } else if let Some(n) = csv_records(bytes) {
            // Nothing silently lost: every record is kept or listed as skipped; at least the csv
            // crate's records (more where a stray quote swallowed rows: the reader cuts the
            // record there and reads them), at most one a non-blank line.
            let lines = bytes
                .split(|&b| b == b'\r' || b == b'\n')
                .filter(|l| !l.is_empty())
                .count();
            let read = p.records.len() + skipped;
            assert!(read >= n && read < lines.max(1), "{read} read, {n} records");
        }
    }
}

fn check_json(bytes: &[u8]) {
    for mode in [Mode::Strict, Mode::Lenient] {
        let Ok(p) = uhri::read_json(bytes, &ReadOptions::new().with_mode(mode)) else {
            continue;
        };
        let skipped = p.report.skipped().count();
        if mode == Mode::Lenient {
            let n = serde_json::from_slice::<Value>(bytes)
                .ok()
                .and_then(|v| v.as_array().map(Vec::len));
            if let Some(n) = n {
                assert_eq!(p.records.len() + skipped, n);
            }
        }
    }
}

fn egypt_bytes() -> Option<&'static Vec<u8>> {
    static BYTES: std::sync::OnceLock<Option<Vec<u8>>> = std::sync::OnceLock::new();
    BYTES
        .get_or_init(|| egypt().map(|p| std::fs::read(p).unwrap()))
        .as_ref()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2000)) {
        check_csv(&bytes);
        check_json(&bytes);
        let _ = uhri::split_states(&String::from_utf8_lossy(&bytes));
    }

    #[test]
    fn arbitrary_text_never_panics(s in "[A-Za-z ();,.0-9'-]{0,300}") {
        let header = "text,upr_reccomending_states,upr_position,themes,affected_persons\n";
        check_csv(format!("{header}{s}\n{s},{s},{s},{s},{s}\n").as_bytes());
        check_json(format!(r#"[{{"Text": {s:?}, "UprRecommendingCountry": {s:?}, "Themes": {s:?}, "Sdgs": {s:?}}}]"#).as_bytes());
        let _ = uhri::split_states(&s);
        let _ = upr::UhriTheme::parse_list(&s);
        let _ = upr::Sdg::parse(&s);
    }

    #[test]
    fn mutated_real_input_never_panics(
        cuts in proptest::collection::vec((any::<usize>(), any::<u8>()), 0..6),
        dup in proptest::option::of(any::<usize>()),
        cut_at in any::<usize>(),
    ) {
        let Some(bytes) = egypt_bytes() else { return Ok(()) };
        // Half a file keeps the cases fast.
        let half = &bytes[..bytes.len() / 4];
        let mutated = mutate(half, &cuts, dup);
        check_csv(&mutated);
        let truncated = &mutated[..cut_at % (mutated.len() + 1)];
        check_csv(truncated);
    }
}
