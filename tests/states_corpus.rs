//! The State table against every name real sources use.

mod common;

use std::collections::BTreeSet;

use upr::format::{ReadOptions, upr_info};
use upr::{Membership, RegionalGroup, State};

#[test]
fn the_table_has_193_members_and_2_observers_in_five_groups() {
    let all: Vec<State> = State::all().collect();
    let members = all
        .iter()
        .filter(|s| s.membership() == Membership::Member)
        .count();
    let observers: Vec<&str> = all
        .iter()
        .filter(|s| s.membership() == Membership::Observer)
        .map(|s| s.name())
        .collect();
    assert_eq!(members, 193);
    assert_eq!(
        observers.into_iter().collect::<BTreeSet<_>>(),
        BTreeSet::from(["Holy See", "State of Palestine"])
    );
    let count = |g: RegionalGroup| {
        all.iter()
            .filter(|s| s.membership() == Membership::Member && s.regional_group() == Some(g))
            .count()
    };
    assert_eq!(count(RegionalGroup::African), 54);
    assert_eq!(
        count(RegionalGroup::AsiaPacific),
        54,
        "incl. Kiribati and Cyprus; Türkiye is filed under WEOG"
    );
    assert_eq!(count(RegionalGroup::EasternEuropean), 23);
    assert_eq!(count(RegionalGroup::LatinAmericanCaribbean), 33);
    assert_eq!(
        count(RegionalGroup::WesternEuropeanOthers),
        29,
        "28 + the United States of America"
    );
    assert_eq!(State::resolve("Holy See").unwrap().regional_group(), None);
}

#[test]
fn every_state_resolves_by_its_name_and_code() {
    for s in State::all() {
        assert_eq!(State::resolve(s.name()).unwrap(), s, "{}", s.name());
        assert_eq!(State::resolve(s.alpha3()).unwrap(), s);
        assert_eq!(State::from_alpha3(s.alpha3()).unwrap(), s);
        let json = serde_json::to_string(&s).unwrap();
        assert_eq!(json, format!("\"{}\"", s.alpha3()));
        assert_eq!(serde_json::from_str::<State>(&json).unwrap(), s);
    }
}

#[test]
fn spellings_from_the_sources_resolve() {
    let cases = [
        ("DPR Korea", "PRK"),
        ("Korea DPR", "PRK"),
        ("North Korea", "PRK"),
        ("Democratic People\u{2019}s Republic of Korea", "PRK"),
        ("the former Yugoslav Republic of Macedonia", "MKD"),
        ("Macedonia FYR", "MKD"),
        ("Bosnia & Herzegovina", "BIH"),
        ("United States", "USA"),
        ("Iran", "IRN"),
        ("Venezuela", "VEN"),
        ("Bolivarian Republic of Venezuela", "VEN"),
        ("C\u{f4}te d\u{2019}Ivoire", "CIV"),
        ("Swaziland", "SWZ"),
        ("Republic of Congo", "COG"),
        ("bosniaandherzegovina", "BIH"),
    ];
    for (name, code) in cases {
        assert_eq!(State::resolve(name).unwrap().alpha3(), code, "{name}");
    }
    assert_eq!(
        State::resolve("Atlantis").unwrap_err().to_string(),
        r#"unknown state name "Atlantis""#
    );
    assert_eq!(
        State::from_alpha3("XXX").unwrap_err().to_string(),
        r#"unknown state code "XXX""#
    );
}

#[test]
fn every_upr_info_name_resolves() {
    let Some(data) = common::data() else { return };
    let mut seen = BTreeSet::new();
    for file in [
        "sessions-1-5.csv",
        "sessions-6-9.csv",
        "voluntary.csv",
        "dprk-session-19-unlabelled.csv",
    ] {
        // Strict mode: an unknown To or From name is an error naming it and its record.
        let parsed = upr_info::read_path(data.join("upr-info").join(file), &ReadOptions::new())
            .unwrap_or_else(|e| panic!("{e}"));
        for r in &parsed.records {
            seen.insert(r.to);
            if let Some(f) = r.from {
                seen.insert(f);
            }
        }
        // The only name that is not a State is the export's own "(Unknown)", kept as a repair.
        for p in parsed.report.repaired() {
            assert_eq!(p.found, "&#40;Unknown&#41;", "{file}: {p:?}");
        }
    }
    assert!(seen.len() > 180, "{} States seen", seen.len());
}

#[test]
fn every_wg_report_file_name_resolves() {
    let Some(data) = common::data() else { return };
    let mut n = 0;
    for entry in std::fs::read_dir(data.join("wg-reports")).unwrap() {
        let name = entry.unwrap().file_name().into_string().unwrap();
        let stem = name
            .trim_end_matches(".txt")
            .trim_end_matches(|c: char| c.is_ascii_digit());
        State::resolve(stem).unwrap_or_else(|e| panic!("{name}: {e}"));
        n += 1;
    }
    assert_eq!(n, 176);
}
