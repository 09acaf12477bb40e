//! States: UN member States and observer States, their codes, names, regional groups, and a
//! resolver for the many spellings sources use.
//!
//! The table lives in `data/states.tsv` (one row per State: ISO 3166-1 alpha-3 code, UN short
//! name, UN regional group, membership, other spellings) and is compiled into the crate.

use std::collections::HashMap;
use std::fmt;
use std::str::FromStr;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use crate::{Error, Result};

vocabulary! {
    /// The five UN regional groups.
    pub enum RegionalGroup[
        "regional group", name,
        expected = "one of Africa, Asia, EEG, GRULAC, WEOG or the UN group names",
        data = &'static str
    ] {
        /// African States (UPR Info: `Africa`).
        African => "African States" | "Africa" | "African" | "African Group", "Africa";
        /// Asia-Pacific States (UPR Info: `Asia`).
        AsiaPacific => "Asia-Pacific States" | "Asia" | "Asia-Pacific" | "Asia Pacific"
            | "Asian States" | "Asia-Pacific Group", "Asia";
        /// Eastern European States (UPR Info: `EEG`).
        EasternEuropean => "Eastern European States" | "EEG" | "Eastern Europe"
            | "Eastern European Group", "EEG";
        /// Latin American and Caribbean States (UPR Info: `GRULAC`).
        LatinAmericanCaribbean => "Latin American and Caribbean States" | "GRULAC"
            | "Latin America and Caribbean" | "Latin American and Caribbean Group", "GRULAC";
        /// Western European and other States (UPR Info: `WEOG`).
        WesternEuropeanOthers => "Western European and other States" | "WEOG"
            | "Western European and Others Group", "WEOG";
    }
}

impl RegionalGroup {
    /// UPR Info's abbreviation: `Africa`, `Asia`, `EEG`, `GRULAC`, `WEOG`.
    pub const fn upr_info_code(self) -> &'static str {
        self.data()
    }
}

vocabulary! {
    /// Whether a State is a UN member or a non-member observer State.
    pub enum Membership["membership", key] {
        /// A member State of the United Nations.
        Member => "member";
        /// A non-member observer State (Holy See, State of Palestine).
        Observer => "observer";
    }
}

/// A State: a UN member State or an observer State, identified by its ISO 3166-1 alpha-3 code.
///
/// `Display` gives the UN short name; serde uses the alpha-3 code; [`State::resolve`] (and
/// `FromStr`) accepts codes and every spelling in the table.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct State([u8; 3]);

struct Row {
    code: [u8; 3],
    name: &'static str,
    group: Option<RegionalGroup>,
    membership: Membership,
}

struct Table {
    rows: Vec<Row>,
    /// foldhash: names are looked up on every bracket of every report.
    by_key: HashMap<String, [u8; 3], foldhash::fast::RandomState>,
}

/// The State table as shipped, `data/states.tsv`.
pub(crate) const STATES_TSV: &str = include_str!("../data/states.tsv");

fn table() -> &'static Table {
    static TABLE: OnceLock<Table> = OnceLock::new();
    TABLE.get_or_init(|| match parse_table(STATES_TSV) {
        Ok(t) => t,
        // The table is checked by the test suite; a broken table is a build defect.
        Err(e) => unreachable!("data/states.tsv is invalid: {e}"),
    })
}

fn parse_table(tsv: &'static str) -> Result<Table> {
    let mut rows = Vec::new();
    let mut by_key = HashMap::with_hasher(foldhash::fast::RandomState::default());
    for row in crate::tsv::rows(tsv) {
        let bad = |what: &str| row.error("data/states.tsv", what, row.text);
        let f: Vec<&str> = row.fields().collect();
        if f.len() < 4 {
            return Err(bad(
                "code, name, group, membership, aliases separated by tabs",
            ));
        }
        let code: [u8; 3] = f[0]
            .as_bytes()
            .try_into()
            .ok()
            .filter(|c: &[u8; 3]| c.iter().all(u8::is_ascii_uppercase))
            .ok_or_else(|| bad("a three-letter upper-case code"))?;
        let group = match f[2] {
            "" | "-" => None,
            g => Some(RegionalGroup::parse(g).map_err(|_| bad("a regional group"))?),
        };
        let membership = Membership::parse(f[3]).map_err(|_| bad("member or observer"))?;
        let name: &'static str = f[1];
        let mut keys = vec![normalize(f[0]), normalize(name)];
        if let Some(aliases) = f.get(4) {
            keys.extend(
                aliases
                    .split('|')
                    .filter(|a| !a.trim().is_empty())
                    .map(normalize),
            );
        }
        for k in keys {
            if let Some(prev) = by_key.insert(k.clone(), code) {
                if prev != code {
                    return Err(bad(&format!("spelling {k:?} to name one State only")));
                }
            }
        }
        rows.push(Row {
            code,
            name,
            group,
            membership,
        });
    }
    rows.sort_by_key(|r| r.code);
    Ok(Table { rows, by_key })
}

/// The key a spelling is looked up by: lower case, letters and digits only, accents and
/// apostrophes (straight or curly) and a leading `the` removed, `&` read as `and`.
pub(crate) fn normalize(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for c in name.trim().chars() {
        match c {
            '&' => out.push_str("and"),
            c if c.is_alphanumeric() => {
                for l in c.to_lowercase() {
                    out.push(fold_accent(l));
                }
            }
            _ => {}
        }
    }
    if let Some(rest) = out.strip_prefix("the") {
        if name.trim().to_lowercase().starts_with("the ") {
            return rest.to_owned();
        }
    }
    out
}

/// Every spelling in the table (UN short names and other spellings, not the alpha-3 codes),
/// normalised as by [`normalize`], each with its State; sorted, no duplicates. For readers that
/// must find State names run together without separators (the UHRI export).
pub(crate) fn spellings() -> &'static [(String, State)] {
    static SPELLINGS: OnceLock<Vec<(String, State)>> = OnceLock::new();
    SPELLINGS.get_or_init(|| {
        let by_key = &table().by_key;
        let mut out: Vec<(String, State)> = Vec::new();
        for row in crate::tsv::rows(STATES_TSV) {
            let mut fields = row.fields();
            let _code = fields.next();
            let name = fields.next();
            let aliases = fields.nth(2).into_iter().flat_map(|a| a.split('|'));
            for spelling in name.into_iter().chain(aliases) {
                let key = normalize(spelling);
                if let Some(&code) = by_key.get(&key) {
                    out.push((key, State(code)));
                }
            }
        }
        out.sort();
        out.dedup();
        out
    })
}

fn fold_accent(c: char) -> char {
    match c {
        'á' | 'à' | 'â' | 'ä' | 'ã' | 'å' => 'a',
        'é' | 'è' | 'ê' | 'ë' => 'e',
        'í' | 'ì' | 'î' | 'ï' => 'i',
        'ó' | 'ò' | 'ô' | 'ö' | 'õ' => 'o',
        'ú' | 'ù' | 'û' | 'ü' => 'u',
        'ç' => 'c',
        'ñ' => 'n',
        c => c,
    }
}

impl State {
    /// The Democratic People's Republic of Korea (North Korea), the crate's motivating case.
    pub const PRK: State = State(*b"PRK");

    fn row(self) -> &'static Row {
        let t = table();
        match t.rows.binary_search_by_key(&self.0, |r| r.code) {
            Ok(i) => &t.rows[i],
            Err(_) => unreachable!("State values are only made from table rows"),
        }
    }

    /// Resolves a name, code or known spelling to a State.
    ///
    /// Matching ignores case, accents, punctuation, spaces and a leading `the`, so
    /// `DPR Korea`, `Democratic People’s Republic of Korea` and `democraticpeoplesrepublicofkorea`
    /// all resolve. It never guesses: a spelling not in the table is an error.
    ///
    /// # Errors
    /// [`Error::Unknown`] naming the input, e.g. `unknown state name "Atlantis"`.
    pub fn resolve(name: &str) -> Result<State> {
        State::lookup(name).ok_or_else(|| Error::unknown("state name", name))
    }

    /// [`State::resolve`] without the error: for readers that try many candidate names (the
    /// recommending States of a report), where most tries fail and an error would be built and
    /// dropped each time. An ASCII name (most) is normalised on the stack.
    pub(crate) fn lookup(name: &str) -> Option<State> {
        const MAX: usize = 64;
        let by_key = &table().by_key;
        let name = name.trim();
        if !name.is_ascii() || name.len() > MAX {
            return by_key.get(&normalize(name)).map(|&c| State(c));
        }
        // As `normalize`, for ASCII: `&` is `and` (three bytes for one), letters and digits in
        // lower case, nothing else.
        let mut buf = [0u8; 3 * MAX];
        let mut n = 0;
        for &b in name.as_bytes() {
            let add: &[u8] = match b {
                b'&' => b"and",
                b if b.is_ascii_alphanumeric() => &[b.to_ascii_lowercase()],
                _ => continue,
            };
            if let Some(dst) = buf.get_mut(n..n + add.len()) {
                dst.copy_from_slice(add);
            }
            n += add.len();
        }
        let mut key = buf.get(..n).unwrap_or_default();
        let the = name.as_bytes().get(..4);
        if key.starts_with(b"the") && the.is_some_and(|p| p.eq_ignore_ascii_case(b"the ")) {
            key = key.get(3..).unwrap_or_default();
        }
        let key = std::str::from_utf8(key).ok()?;
        by_key.get(key).map(|&c| State(c))
    }

    /// The State with this ISO 3166-1 alpha-3 code (upper case).
    ///
    /// # Errors
    /// [`Error::Unknown`] if no State in the table has this code.
    pub fn from_alpha3(code: &str) -> Result<State> {
        let bytes: [u8; 3] = code
            .as_bytes()
            .try_into()
            .map_err(|_| Error::unknown("state code", code))?;
        let t = table();
        t.rows
            .binary_search_by_key(&bytes, |r| r.code)
            .map(|_| State(bytes))
            .map_err(|_| Error::unknown("state code", code))
    }

    /// The ISO 3166-1 alpha-3 code, e.g. `PRK`.
    pub fn alpha3(self) -> &'static str {
        let row = self.row();
        std::str::from_utf8(&row.code).unwrap_or("???")
    }

    /// The UN short name, e.g. `Democratic People's Republic of Korea`.
    pub fn name(self) -> &'static str {
        self.row().name
    }

    /// The UN regional group; `None` for the Holy See, which belongs to none.
    pub fn regional_group(self) -> Option<RegionalGroup> {
        self.row().group
    }

    /// Member or observer.
    pub fn membership(self) -> Membership {
        self.row().membership
    }

    /// Every State in the table, sorted by code.
    pub fn all() -> impl ExactSizeIterator<Item = State> {
        table().rows.iter().map(|r| State(r.code))
    }
}

impl fmt::Display for State {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl fmt::Debug for State {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "State({})", self.alpha3())
    }
}

impl FromStr for State {
    type Err = Error;
    fn from_str(s: &str) -> Result<State> {
        State::resolve(s)
    }
}

impl Serialize for State {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.serialize_str(self.alpha3())
    }
}

impl<'de> Deserialize<'de> for State {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        State::resolve(&s).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use strum::VariantArray;

    #[test]
    fn lookup_on_the_stack_agrees_with_normalize() {
        let by_key = &table().by_key;
        let slow = |n: &str| by_key.get(&normalize(n)).map(|&c| State(c));
        let mut names: Vec<String> = crate::tsv::rows(STATES_TSV)
            .flat_map(|r| r.fields().map(str::to_owned).collect::<Vec<_>>())
            .flat_map(|f| f.split('|').map(str::to_owned).collect::<Vec<_>>())
            .collect();
        for extra in [
            "the Netherlands",
            "The  Gambia",
            "THE NETHERLANDS",
            "Theland",
            "the",
            "the ",
            "&",
            "Trinidad & Tobago",
            " Chile. ",
            "Atlantis",
            "",
            "x".repeat(64).as_str(),
            "x".repeat(65).as_str(),
            "Côte d’Ivoire",
            "the\tNetherlands",
        ] {
            names.push(extra.to_owned());
        }
        for n in &names {
            for v in [
                n.clone(),
                n.to_uppercase(),
                format!(" {n} "),
                format!("the {n}"),
            ] {
                assert_eq!(State::lookup(&v), slow(&v), "{v:?}");
            }
        }
    }

    #[test]
    fn table_parses() {
        assert!(parse_table(STATES_TSV).is_ok());
    }

    #[test]
    fn dprk_spellings() {
        for s in [
            "DPR Korea",
            "Democratic People's Republic of Korea",
            "Democratic People\u{2019}s Republic of Korea",
            "Korea DPR",
            "North Korea",
            "democraticpeoplesrepublicofkorea",
            "PRK",
        ] {
            assert_eq!(State::resolve(s).unwrap(), State::PRK, "{s}");
        }
        assert_eq!(
            State::PRK.regional_group(),
            Some(RegionalGroup::AsiaPacific)
        );
    }

    #[test]
    fn unknown_is_an_error_naming_the_input() {
        assert_eq!(
            State::resolve("Atlantis").unwrap_err().to_string(),
            r#"unknown state name "Atlantis""#
        );
    }

    #[test]
    fn group_names_are_the_un_names() {
        let names: Vec<&str> = RegionalGroup::VARIANTS.iter().map(|g| g.name()).collect();
        assert_eq!(
            names,
            [
                "African States",
                "Asia-Pacific States",
                "Eastern European States",
                "Latin American and Caribbean States",
                "Western European and other States"
            ]
        );
    }

    #[test]
    fn groups_round_trip() {
        for g in RegionalGroup::VARIANTS {
            assert_eq!(RegionalGroup::parse(g.name()).unwrap(), *g);
            assert_eq!(RegionalGroup::parse(g.upr_info_code()).unwrap(), *g);
        }
    }
}
