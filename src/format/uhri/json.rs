//! The UHRI JSON layout: an array of objects (see the [module docs](super)).

use serde_json::{Map, Value};

use super::UhriRecord;
use super::json_stream::JsonRecords;
use super::record::{Names, Raw, build};
use crate::format::RecordStream;
use crate::format::{Parsed, Problems, ReadOptions};
use crate::{Location, Result};

/// The keys, as read and as messages name them.
const NAMES: Names = Names {
    text: "Text",
    states: "UprRecommendingCountry",
    position: "UprPositions",
    themes: "Themes",
    sdgs: "Sdgs",
    affected: "AffectedPersons",
    concerned: "CountriesConcerned",
    body: "RecommendingBody",
    kind: "Type",
    session: "UprSession",
    cycle: "UprCycle",
    document: "DocumentSymbol",
    regions: "UprRecommendingRegions",
};

/// Reads the layout from decoded text: the stream over it ([`JsonRecords`]), collected.
pub(super) fn read_str(
    text: String,
    used: crate::format::encoding::Decoded,
    options: &ReadOptions,
) -> Result<Parsed<UhriRecord>> {
    let input = crate::format::input::TextInput::from_text(text, used, options);
    JsonRecords::new(input, options).collect_parsed()
}

/// Reads array item `n` (1-based): the record, or `None` when it is skipped (reported).
pub(super) fn read_item(
    item: &Value,
    n: usize,
    problems: &mut Problems,
) -> Result<Option<UhriRecord>> {
    let Some(raw) = raw(item, Location::Record(n), problems)? else {
        return Ok(None);
    };
    build(raw, n, &NAMES, problems)
}

/// The raw fields of one array item. `None`: skipped (not an object, or several texts).
fn raw(item: &Value, loc: Location, problems: &mut Problems) -> Result<Option<Raw>> {
    let Value::Object(map) = item else {
        problems.skip(loc, "a JSON object with the UHRI keys", &item.to_string())?;
        return Ok(None);
    };
    let mut keys = Keys {
        map,
        bad: Vec::new(),
    };
    let texts = keys.take(NAMES.text);
    let raw = Raw {
        states: keys.take(NAMES.states),
        positions: keys.take(NAMES.position),
        themes: keys.take(NAMES.themes),
        sdgs: keys.take(NAMES.sdgs),
        affected: keys.take(NAMES.affected),
        session: keys.take(NAMES.session),
        cycle: keys.take(NAMES.cycle),
        regions: keys.take(NAMES.regions),
        ..Raw::default()
    };
    for (key, kind) in keys.bad {
        let expected = format!("a string, a number or an array of them in {key}");
        problems.flaw(loc, &expected, "left the key out", kind)?;
    }
    if texts.len() > 1 {
        problems.skip(loc, "one string in Text", &texts.join(" | "))?;
        return Ok(None);
    }
    Ok(Some(Raw {
        text: texts.into_iter().next(),
        ..raw
    }))
}

/// The keys of one object, read as lists of strings; the keys of another type are noted.
struct Keys<'a> {
    map: &'a Map<String, Value>,
    /// The key and the JSON type found.
    bad: Vec<(&'static str, &'static str)>,
}

impl Keys<'_> {
    fn take(&mut self, key: &'static str) -> Vec<String> {
        strings(self.map.get(key)).unwrap_or_else(|kind| {
            self.bad.push((key, kind));
            Vec::new()
        })
    }
}

/// A JSON value as a list of strings: a string, a number, or an array of them (`null` and a
/// missing key give none). `Err` names the JSON type found otherwise.
fn strings(v: Option<&Value>) -> std::result::Result<Vec<String>, &'static str> {
    fn one(v: &Value) -> std::result::Result<Option<String>, &'static str> {
        match v {
            Value::Null => Ok(None),
            Value::String(s) => Ok(Some(s.clone())),
            Value::Number(n) => Ok(Some(n.to_string())),
            Value::Bool(_) => Err("a boolean"),
            Value::Array(_) => Err("a nested array"),
            Value::Object(_) => Err("an object"),
        }
    }
    match v {
        None => Ok(Vec::new()),
        Some(Value::Array(items)) => {
            let mut out = Vec::new();
            for i in items {
                out.extend(one(i)?);
            }
            Ok(out)
        }
        Some(v) => Ok(one(v)?.into_iter().collect()),
    }
}

#[cfg(test)]
mod tests {
    use super::super::read_json;
    use super::strings;
    use crate::format::ReadOptions;
    use crate::{Cycle, RegionalGroup, Sdg, State, UprPosition};

    fn st(name: &str) -> State {
        State::resolve(name).unwrap()
    }

    #[test]
    fn json_layout() {
        let json = r#"[
          {"Text": "166.6. Ratify the Rome Statute of the ICC (Chile); (Estonia);",
           "Themes": ["2.1. Acceptance of international norms", "A12 Acceptance of international norms"],
           "Sdgs": ["SDG 16", 5],
           "AffectedPersons": ["general", "women"],
           "UprCycle": 2, "UprSession": "28th Session",
           "UprPositions": ["Noted"],
           "UprRecommendingCountry": "ChileEstonia",
           "UprRecommendingRegions": ["Latin American and Caribbean States", "EEG"]},
          {"Text": "166.7. Do it (Canada);", "UprRecommendingCountry": ["Canada"], "UprPositions": "Supported"},
          "not an object",
          {"Text": "166.8. Do it (Canada);", "UprRecommendingCountry": "Canada", "UprPositions": ["Supported", "Noted"]},
          {"Text": "166.9. Do it (Canada);", "UprRecommendingCountry": "Canada", "Sdgs": {"a": 1}}
        ]"#;
        let err = read_json(json.as_bytes(), &ReadOptions::new().with_name("u.json")).unwrap_err();
        assert_eq!(
            err.to_string(),
            r#"u.json: record 3: expected a JSON object with the UHRI keys, found "\"not an object\"""#
        );
        let p = read_json(json.as_bytes(), &ReadOptions::lenient()).unwrap();
        assert_eq!(p.records.len(), 4);
        let r = &p.records[0];
        assert_eq!(r.recommending, vec![st("Chile"), st("Estonia")]);
        assert_eq!(r.themes.len(), 2);
        assert_eq!(r.sdgs, vec![Sdg::new(16).unwrap(), Sdg::new(5).unwrap()]);
        assert_eq!(r.cycle, Some(Cycle::SECOND));
        assert_eq!(r.council_session, Some(28));
        assert_eq!(
            r.recommending_regions,
            vec![
                RegionalGroup::LatinAmericanCaribbean,
                RegionalGroup::EasternEuropean
            ]
        );
        assert_eq!(p.records[1].position, Some(UprPosition::Supported));
        assert_eq!(p.records[2].position, None);
        let reasons: Vec<&str> = p
            .report
            .problems
            .iter()
            .map(|x| x.reason.as_str())
            .collect();
        assert_eq!(
            reasons,
            [
                "a JSON object with the UHRI keys",
                "expected one position in UprPositions; left the position out",
                "expected a string, a number or an array of them in Sdgs; left the key out",
            ]
        );
        let err = read_json(&b"{\"Text\": 1}"[..], &ReadOptions::lenient()).unwrap_err();
        assert_eq!(
            err.to_string(),
            r#"<input>: input: expected a JSON array of UHRI records, found "{\"Text\": 1}""#
        );
        let err = read_json(&b"[\n{"[..], &ReadOptions::lenient()).unwrap_err();
        assert_eq!(
            err.to_string(),
            r#"<input>: line 2: expected JSON, found "EOF while parsing an object""#
        );
    }

    #[test]
    fn strings_of_a_value() {
        let v: serde_json::Value = serde_json::json!(["a", 2, null]);
        assert_eq!(strings(Some(&v)).unwrap(), ["a", "2"]);
        assert_eq!(strings(None).unwrap(), Vec::<String>::new());
        assert_eq!(
            strings(Some(&serde_json::json!([[1]]))),
            Err("a nested array")
        );
        assert_eq!(strings(Some(&serde_json::json!(true))), Err("a boolean"));
    }
}
