//! Writers and their readers: what is written reads back equal, on generated values and on the
//! real UPR Info export.

mod common;

use chrono::NaiveDate;
use proptest::prelude::*;
use strum::VariantArray;
use upr::UprInfoResponse;
use upr::format::upr_info::{self, UprInfoRow, WriteOptions};
use upr::format::upr1;
use upr::format::{Context, ReadOptions};
use upr::{
    ActionCategory, DatePrecision, DocumentSymbol, Encoding, HumanLabels, Issue, ParagraphRef,
    Recommendation, RegionalGroup, ResponseEvent, ResponseStatus, Session, SourceId, Stage, State,
};

fn states() -> Vec<State> {
    State::all().collect()
}

fn state() -> impl Strategy<Value = State> {
    proptest::sample::select(states())
}

/// Text with the characters that break naive CSV: commas, quotes, CR, LF, semicolons, and
/// unicode well beyond Latin-1.
fn text() -> impl Strategy<Value = String> {
    "[a-zA-Z0-9 ,;:\"'\\n\\r\\té€中😀&#()\\[\\]{}\\\\/.-]{0,80}"
}

fn session() -> impl Strategy<Value = Session> {
    (1u16..=60).prop_map(|n| Session::new(n).unwrap())
}

fn paragraph() -> impl Strategy<Value = ParagraphRef> {
    prop_oneof![
        (1u16..400, 1u16..300)
            .prop_map(|(paragraph, number)| ParagraphRef::Dotted { paragraph, number }),
        (1u16..400, 1u16..300).prop_map(|(paragraph, item)| ParagraphRef::Item { paragraph, item }),
        (1u16..400).prop_map(ParagraphRef::Paragraph),
    ]
}

fn document() -> impl Strategy<Value = DocumentSymbol> {
    (1u16..60, 1u16..40, proptest::option::of(1u8..4)).prop_map(|(s, n, add)| {
        let sym = match add {
            Some(a) => format!("A/HRC/{s}/{n}/Add.{a}"),
            None => format!("A/HRC/{s}/{n}"),
        };
        DocumentSymbol::new(&sym).unwrap()
    })
}

fn event() -> impl Strategy<Value = ResponseEvent> {
    (
        proptest::sample::select(Stage::VARIANTS.to_vec()),
        (0i64..8000).prop_map(|d| {
            NaiveDate::from_ymd_opt(2008, 1, 1).unwrap() + chrono::Days::new(d as u64)
        }),
        proptest::sample::select(ResponseStatus::VARIANTS.to_vec()),
        text(),
        proptest::sample::select(vec![
            DatePrecision::Day,
            DatePrecision::Month,
            DatePrecision::Year,
        ]),
    )
        .prop_map(|(stage, date, status, source, precision)| ResponseEvent {
            stage,
            date: Some(date),
            precision,
            status,
            source: SourceId(source),
        })
}

/// Labels that say something (the CSV form writes all-empty labels as none; see the docs).
fn labels() -> impl Strategy<Value = HumanLabels> {
    (
        text(),
        proptest::option::of(proptest::sample::select(ActionCategory::VARIANTS.to_vec())),
        proptest::collection::vec(proptest::sample::select(Issue::VARIANTS.to_vec()), 0..4),
    )
        .prop_filter("labels that say something", |(l, a, i)| {
            !l.is_empty() || a.is_some() || !i.is_empty()
        })
        .prop_map(|(labeller, action_category, issues)| HumanLabels {
            labeller,
            action_category,
            issues,
        })
}

fn recommendation() -> impl Strategy<Value = Recommendation> {
    (
        state(),
        proptest::collection::vec(state(), 0..4),
        session(),
        text(),
        text(),
        proptest::option::of(paragraph()),
        proptest::option::of(document()),
        proptest::collection::vec(event(), 0..4),
        proptest::option::of(labels()),
    )
        .prop_map(
            |(to, from, session, text, source, para, doc, events, labels)| {
                let mut r = Recommendation::new(to, session, text, SourceId(source))
                    .with_recommending(from);
                if let Some(p) = para {
                    r = r.with_reference(p);
                }
                if let Some(d) = doc {
                    r = r.with_document(d);
                }
                for e in events {
                    r.push_response(e);
                }
                if let Some(l) = labels {
                    r = r.with_labels(l);
                }
                r
            },
        )
}

/// Texts as the UPR Info reader gives them: trimmed; with Mac OS Roman, only its characters.
fn upr_text(mac: bool) -> BoxedStrategy<String> {
    let s = if mac {
        "[a-zA-Z0-9 ,;:\"'\\n\\ré“”–&#()/.-]{0,80}".boxed()
    } else {
        text().boxed()
    };
    s.prop_map(|t| t.trim().to_owned()).boxed()
}

fn upr_info_row(mac: bool) -> impl Strategy<Value = UprInfoRow> {
    let org = "[A-Z]{1,5}";
    (
        (
            state(),
            proptest::option::of(proptest::sample::select(RegionalGroup::VARIANTS.to_vec())),
            proptest::collection::vec(org, 0..3),
            upr_text(mac),
            proptest::option::of(state()),
            proptest::option::of(proptest::sample::select(RegionalGroup::VARIANTS.to_vec())),
        ),
        (
            proptest::collection::vec(org, 0..3),
            proptest::sample::select(UprInfoResponse::VARIANTS.to_vec()),
            proptest::option::of(proptest::sample::select(ActionCategory::VARIANTS.to_vec())),
            proptest::collection::vec(proptest::sample::select(Issue::VARIANTS.to_vec()), 0..4),
            session(),
        ),
    )
        .prop_map(
            |(
                (to, to_group, to_org, text, from, from_group),
                (from_org, response, action, issues, session),
            )| {
                UprInfoRow {
                    record: 0,
                    to,
                    to_group,
                    to_org: to_org.into(),
                    text,
                    from,
                    from_group,
                    from_org: from_org.into(),
                    response,
                    action,
                    issues,
                    session,
                }
            },
        )
}

fn numbered(mut rows: Vec<UprInfoRow>) -> Vec<UprInfoRow> {
    for (i, r) in rows.iter_mut().enumerate() {
        r.record = i + 1;
    }
    rows
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn csv_round_trips(recs in proptest::collection::vec(recommendation(), 0..8)) {
        let mut out = Vec::new();
        upr1::csv::write_recommendations(&mut out, &recs).unwrap();
        let back = upr1::csv::read_recommendations(&out[..], &ReadOptions::new(), &Context::new()).unwrap();
        prop_assert_eq!(&back.records, &recs);
        prop_assert!(back.report.problems.is_empty());
    }

    #[test]
    fn json_round_trips(recs in proptest::collection::vec(recommendation(), 0..8)) {
        let mut out = Vec::new();
        upr1::json::write_recommendations(&mut out, &recs).unwrap();
        let back = upr1::json::read_recommendations(&out[..], &ReadOptions::new(), &Context::new()).unwrap();
        prop_assert_eq!(&back.records, &recs);
        let mut lines = Vec::new();
        upr1::json::write_recommendation_lines(&mut lines, &recs).unwrap();
        let back = upr1::json::read_recommendation_lines(&lines[..], &ReadOptions::new(), &Context::new()).unwrap();
        prop_assert_eq!(&back.records, &recs);
    }

    #[test]
    fn response_event_rows_round_trip(recs in proptest::collection::vec(recommendation(), 0..6)) {
        let rows = upr1::response_event_rows(&recs);
        prop_assert_eq!(rows.len(), recs.iter().map(|r| r.responses().events().len()).sum::<usize>());
        let mut out = Vec::new();
        upr1::csv::write_rows(&mut out, &rows).unwrap();
        let back: upr::format::Parsed<upr1::ResponseEventRow> = upr1::csv::read_rows(&out[..], &ReadOptions::new()).unwrap();
        prop_assert_eq!(&back.records, &rows);
        let mut out = Vec::new();
        upr1::json::write_document(&mut out, "response_events", &rows).unwrap();
        let back: upr::format::Parsed<upr1::ResponseEventRow> = upr1::json::read_document(&out[..], "response_events", &ReadOptions::new()).unwrap();
        prop_assert_eq!(&back.records, &rows);
    }

    #[test]
    fn upr_info_utf8_round_trips(rows in proptest::collection::vec(upr_info_row(false), 0..8)) {
        let rows = numbered(rows);
        let mut out = Vec::new();
        upr_info::write_rows(&mut out, &rows, &WriteOptions::new()).unwrap();
        let back = upr_info::read(&out[..], &ReadOptions::new().with_encoding(Encoding::Utf8)).unwrap();
        prop_assert_eq!(&back.records, &rows);
    }

    #[test]
    fn upr_info_mac_roman_round_trips(rows in proptest::collection::vec(upr_info_row(true), 0..8)) {
        let rows = numbered(rows);
        let mut out = Vec::new();
        upr_info::write_rows(&mut out, &rows, &WriteOptions::mac_roman()).unwrap();
        prop_assert!(!out.contains(&b'\n') || rows.iter().any(|r| r.text.contains('\n')));
        let back = upr_info::read(&out[..], &ReadOptions::new().with_encoding(Encoding::MacRoman)).unwrap();
        prop_assert_eq!(&back.records, &rows);
    }
}

fn real_rows(name: &str) -> Option<Vec<UprInfoRow>> {
    let path = common::data()?.join("upr-info").join(name);
    let parsed = upr_info::read_path(&path, &ReadOptions::lenient()).unwrap();
    assert!(!parsed.records.is_empty(), "{name}: no rows read");
    Some(parsed.records)
}

const FILES: [&str; 4] = [
    "sessions-1-5.csv",
    "sessions-6-9.csv",
    "voluntary.csv",
    "dprk-session-19-unlabelled.csv",
];

#[test]
fn real_upr_info_rows_round_trip_in_both_encodings() {
    for name in FILES {
        let Some(rows) = real_rows(name) else { return };
        let rows = numbered(rows);
        for (options, read_as) in [
            (WriteOptions::new(), Encoding::Utf8),
            (WriteOptions::mac_roman(), Encoding::MacRoman),
        ] {
            let mut out = Vec::new();
            upr_info::write_rows(&mut out, &rows, &options).unwrap();
            let back =
                upr_info::read(&out[..], &ReadOptions::new().with_encoding(read_as)).unwrap();
            assert_eq!(back.records.len(), rows.len(), "{name}");
            assert_eq!(back.records, rows, "{name} as {read_as}");
        }
    }
}

#[test]
fn real_recommendations_round_trip_as_csv_and_json() {
    for name in FILES {
        let Some(rows) = real_rows(name) else { return };
        let recs: Vec<Recommendation> = upr_info::merge_joint(&rows)
            .into_iter()
            .map(|j| j.recommendation)
            .collect();
        let mut csv = Vec::new();
        upr1::csv::write_recommendations(&mut csv, &recs).unwrap();
        let back = upr1::csv::read_recommendations(&csv[..], &ReadOptions::new(), &Context::new())
            .unwrap();
        assert_eq!(back.records, recs, "{name}");
        let mut json = Vec::new();
        upr1::json::write_recommendations(&mut json, &recs).unwrap();
        let back =
            upr1::json::read_recommendations(&json[..], &ReadOptions::new(), &Context::new())
                .unwrap();
        assert_eq!(back.records, recs, "{name}");
        // The UPR Info layout gives back the same recommendations, co-authors merged again.
        let mut ui = Vec::new();
        upr_info::write_recommendations(&mut ui, &recs, &WriteOptions::mac_roman()).unwrap();
        let again = upr_info::read(
            &ui[..],
            &ReadOptions::new().with_encoding(Encoding::MacRoman),
        )
        .unwrap();
        let merged: Vec<Recommendation> = upr_info::merge_joint(&again.records)
            .into_iter()
            .map(|j| j.recommendation)
            .collect();
        assert_eq!(merged.len(), recs.len(), "{name}");
        for (a, b) in merged.iter().zip(&recs) {
            assert_eq!(a.state_under_review(), b.state_under_review());
            assert_eq!(a.recommending(), b.recommending());
            assert_eq!(a.text(), b.text());
            assert_eq!(a.session(), b.session());
            assert_eq!(a.labels(), b.labels());
        }
    }
}
