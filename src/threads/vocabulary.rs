//! The instruments, mechanisms and practices a recommendation can name, from one table
//! (`data/instruments.tsv`), and the ask a recommendation makes of each: ratify, cooperate with,
//! report under, implement, end.

use std::fmt;
use std::ops::Range;
use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, MatchKind};
use serde::{Serialize, Serializer};

use crate::tsv;
use crate::{Error, Result};

/// `data/instruments.tsv`: the built-in table.
pub const INSTRUMENTS_TSV: &str = include_str!("../../data/instruments.tsv");

vocabulary! {
    /// What kind of thing an [`Instrument`] is.
    pub enum InstrumentKind["instrument kind", key] {
        /// A treaty, convention or protocol (to ratify, report under, implement).
        Treaty => "treaty";
        /// A mechanism or body (to cooperate with, invite, implement the recommendations of).
        Mechanism => "mechanism";
        /// A practice (to end, close, abolish).
        Practice => "practice";
    }
}

vocabulary! {
    /// What a recommendation asks of the instrument it names, decided by the last action cue
    /// before the name in its clause (`Ratify ... CAT`, `cooperate with the Special
    /// Rapporteur`, `close political prison camps`).
    pub enum AskKind["ask kind", key] {
        /// Ratify, accede to, become a party to.
        Ratify => "ratify";
        /// Cooperate with, invite, grant access to.
        Cooperate => "cooperate";
        /// Submit (overdue) reports under.
        Report => "report";
        /// Implement, comply with, fulfil obligations under.
        Implement => "implement";
        /// End, close, abolish, eliminate.
        End => "end";
    }
}

impl AskKind {
    /// The verb for people: `ratify`, `cooperate with`.
    pub const fn verb(self) -> &'static str {
        match self {
            AskKind::Ratify => "ratify",
            AskKind::Cooperate => "cooperate with",
            AskKind::Report => "report under",
            AskKind::Implement => "implement",
            AskKind::End => "end",
        }
    }

    /// The ask this cue makes of an instrument of `kind`, if it makes one.
    fn for_kind(self, kind: InstrumentKind) -> Option<AskKind> {
        use AskKind::*;
        match (kind, self) {
            (InstrumentKind::Practice, End) => Some(End),
            (InstrumentKind::Practice, _) => None,
            (InstrumentKind::Treaty, Cooperate) => Some(Implement),
            (InstrumentKind::Treaty, End) => None,
            (InstrumentKind::Mechanism, Ratify | Implement) => Some(Cooperate),
            (InstrumentKind::Mechanism, End) => None,
            (_, k) => Some(k),
        }
    }
}

/// How many words before a practice its action cue may stand.
const PRACTICE_REACH: usize = 12;

/// The action cues, one word each (lowercase), and the ask they make.
const CUES: &[(&str, AskKind)] = &[
    ("ratify", AskKind::Ratify),
    ("ratifying", AskKind::Ratify),
    ("ratification", AskKind::Ratify),
    ("ratifications", AskKind::Ratify),
    ("accede", AskKind::Ratify),
    ("acceding", AskKind::Ratify),
    ("accession", AskKind::Ratify),
    ("party", AskKind::Ratify),
    ("parties", AskKind::Ratify),
    ("sign", AskKind::Ratify),
    ("signing", AskKind::Ratify),
    ("adhere", AskKind::Ratify),
    ("join", AskKind::Ratify),
    ("cooperate", AskKind::Cooperate),
    ("cooperation", AskKind::Cooperate),
    ("co-operate", AskKind::Cooperate),
    ("engage", AskKind::Cooperate),
    ("engagement", AskKind::Cooperate),
    ("dialogue", AskKind::Cooperate),
    ("invite", AskKind::Cooperate),
    ("invitation", AskKind::Cooperate),
    ("visit", AskKind::Cooperate),
    ("visits", AskKind::Cooperate),
    ("access", AskKind::Cooperate),
    ("allow", AskKind::Cooperate),
    ("grant", AskKind::Cooperate),
    ("accept", AskKind::Cooperate),
    ("facilitate", AskKind::Cooperate),
    ("receive", AskKind::Cooperate),
    ("permit", AskKind::Cooperate),
    ("recognize", AskKind::Cooperate),
    ("respond", AskKind::Cooperate),
    ("responding", AskKind::Cooperate),
    ("accepting", AskKind::Cooperate),
    ("allowing", AskKind::Cooperate),
    ("granting", AskKind::Cooperate),
    ("inviting", AskKind::Cooperate),
    ("cooperating", AskKind::Cooperate),
    ("engaging", AskKind::Cooperate),
    ("extend", AskKind::Cooperate),
    ("extending", AskKind::Cooperate),
    ("agree", AskKind::Cooperate),
    ("submit", AskKind::Report),
    ("submitting", AskKind::Report),
    ("overdue", AskKind::Report),
    ("reporting", AskKind::Report),
    ("implement", AskKind::Implement),
    ("implementation", AskKind::Implement),
    ("implementing", AskKind::Implement),
    ("comply", AskKind::Implement),
    ("compliance", AskKind::Implement),
    ("fulfil", AskKind::Implement),
    ("fulfill", AskKind::Implement),
    ("respect", AskKind::Implement),
    ("obligations", AskKind::Implement),
    ("harmonize", AskKind::Implement),
    ("incorporate", AskKind::Implement),
    ("end", AskKind::End),
    ("abolish", AskKind::End),
    ("abolition", AskKind::End),
    ("abolishing", AskKind::End),
    ("close", AskKind::End),
    ("closing", AskKind::End),
    ("dismantle", AskKind::End),
    ("eliminate", AskKind::End),
    ("elimination", AskKind::End),
    ("cease", AskKind::End),
    ("stop", AskKind::End),
    ("moratorium", AskKind::End),
    ("release", AskKind::End),
    ("eradicate", AskKind::End),
    ("prevent", AskKind::End),
    ("prohibit", AskKind::End),
    ("criminalize", AskKind::End),
    ("decriminalize", AskKind::End),
    ("resolve", AskKind::End),
    ("combat", AskKind::End),
    ("combating", AskKind::End),
    ("combatting", AskKind::End),
    ("fight", AskKind::End),
    ("punish", AskKind::End),
    ("tackle", AskKind::End),
];

/// One row of the table: a treaty, mechanism or practice, and how sources write it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Instrument {
    /// The short key (`CAT`, `ICRMW`, `SR-DPRK`).
    pub key: String,
    /// The canonical name.
    pub name: String,
    /// Treaty, mechanism or practice.
    pub kind: InstrumentKind,
    /// Every spelling the matcher looks for.
    pub spellings: Vec<String>,
}

/// An ask: a kind of action and the instrument it is about (`ratify CAT`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Ask {
    /// What is asked.
    pub kind: AskKind,
    /// The instrument's key.
    pub instrument: String,
}

impl fmt::Display for Ask {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.kind, self.instrument)
    }
}

impl Serialize for Ask {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// An instrument named in a text, with the ask the text makes of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention<'a> {
    /// The table row.
    pub instrument: &'a Instrument,
    /// The phrase as written.
    pub phrase: &'a str,
    /// Its byte range in the text.
    pub span: Range<usize>,
    /// The ask, when an action cue before it makes one.
    pub ask: Option<AskKind>,
    /// The cue word that decided the ask.
    pub cue: Option<&'a str>,
}

/// The instrument table with its matcher.
#[derive(Debug, Clone)]
pub struct Instruments {
    rows: Vec<Instrument>,
    matcher: AhoCorasick,
    /// For each pattern: the row and whether it is an acronym (case-sensitive).
    patterns: Vec<(usize, bool)>,
    spellings: Vec<String>,
}

impl Instruments {
    /// The built-in table, `data/instruments.tsv`, parsed once.
    ///
    /// # Panics
    /// Never on a released crate: the test suite parses the built-in table.
    #[allow(clippy::expect_used)]
    pub fn builtin() -> &'static Instruments {
        static T: OnceLock<Instruments> = OnceLock::new();
        T.get_or_init(|| {
            Instruments::parse(INSTRUMENTS_TSV).expect("data/instruments.tsv parses (tests)")
        })
    }

    /// Parses a table: `key`, `name`, `kind`, spellings separated by `|`.
    ///
    /// # Errors
    /// [`Error::Parse`] naming the line of a row without four fields, with an unknown kind, or a
    /// repeated key.
    pub fn parse(tsv_text: &str) -> Result<Instruments> {
        const FILE: &str = "data/instruments.tsv";
        let mut rows: Vec<Instrument> = Vec::new();
        for row in tsv::rows(tsv_text) {
            let f: Vec<&str> = row.fields().map(str::trim).collect();
            let [key, name, kind, spellings] = f[..] else {
                return Err(row.error(FILE, "key, name, kind and spellings", row.text));
            };
            let kind = InstrumentKind::parse(kind)
                .map_err(|_| row.error(FILE, "treaty, mechanism or practice", kind))?;
            if rows.iter().any(|r| r.key == key) {
                return Err(row.error(FILE, "a key not used before", key));
            }
            let mut sp: Vec<String> = spellings
                .split('|')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
                .collect();
            if sp.is_empty() {
                return Err(row.error(FILE, "at least one spelling", row.text));
            }
            sp.dedup();
            rows.push(Instrument {
                key: key.to_owned(),
                name: name.to_owned(),
                kind,
                spellings: sp,
            });
        }
        let mut patterns = Vec::new();
        let mut spellings = Vec::new();
        for (i, r) in rows.iter().enumerate() {
            for s in &r.spellings {
                let acronym = s.chars().any(|c| c.is_ascii_uppercase())
                    && !s.chars().any(|c| c.is_lowercase());
                patterns.push((i, acronym));
                spellings.push(s.clone());
            }
        }
        let matcher = AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::LeftmostLongest)
            .build(&spellings)
            .map_err(|e| Error::invalid("instrument table", FILE, e.to_string()))?;
        Ok(Instruments {
            rows,
            matcher,
            patterns,
            spellings,
        })
    }

    /// Every row, in table order.
    pub fn rows(&self) -> &[Instrument] {
        &self.rows
    }

    /// The row with this key.
    pub fn get(&self, key: &str) -> Option<&Instrument> {
        self.rows.iter().find(|r| r.key == key)
    }

    /// A label for people: `ratify the Convention against Torture (CAT)`.
    pub fn describe(&self, ask: &Ask) -> String {
        match self.get(&ask.instrument) {
            Some(r) => format!("{} {} ({})", ask.kind.verb(), r.name, r.key),
            None => ask.to_string(),
        }
    }

    /// The instruments `text` names, in text order, each with the ask the text makes of it.
    pub fn find<'a>(&'a self, text: &'a str) -> Vec<Mention<'a>> {
        let bytes = text.as_bytes();
        let word = |b: u8| b.is_ascii_alphanumeric();
        let mut found: Vec<(usize, Range<usize>)> = Vec::new();
        for m in self.matcher.find_iter(text) {
            let (s, e) = (m.start(), m.end());
            if s > 0 && bytes.get(s - 1).copied().is_some_and(word) {
                continue;
            }
            if bytes.get(e).copied().is_some_and(word) {
                continue;
            }
            let Some(&(row, acronym)) = self.patterns.get(m.pattern().as_usize()) else {
                continue;
            };
            let spelled = self.spellings.get(m.pattern().as_usize());
            if acronym && text.get(s..e) != spelled.map(String::as_str) {
                continue;
            }
            found.push((row, s..e));
        }
        let mut out = Vec::new();
        for (n, (row, span)) in found.iter().enumerate() {
            let Some(instrument) = self.rows.get(*row) else {
                continue;
            };
            // The clause before the mention, without the names of earlier mentions.
            // (for a practice, since the last ", and": "abolish the death penalty, and publish
            // statistics on executions" does not ask to end executions)
            let before = text.get(..span.start).unwrap_or_default();
            let mut clause_start = before.rfind(';').map_or(0, |i| i + 1);
            if instrument.kind == InstrumentKind::Practice
                && let Some(i) = before.rfind(", and ")
            {
                clause_start = clause_start.max(i + 1);
            }
            let mut cue = None;
            let mut from = clause_start;
            let mut pieces = Vec::new();
            for (_, prev) in found.iter().take(n) {
                if prev.end <= clause_start {
                    continue;
                }
                pieces.push(from..prev.start.max(from));
                from = prev.end;
            }
            pieces.push(from..span.start);
            // A practice's verb stands close before it ("close down immediately all political
            // prison camps"); a treaty's may head a long list ("Ratify ..., CED, ICERD, CAT").
            let reach = match instrument.kind {
                InstrumentKind::Practice => PRACTICE_REACH,
                _ => usize::MAX,
            };
            let mut seen = 0;
            'scan: for piece in pieces.iter().rev() {
                let Some(t) = text.get(piece.clone()) else {
                    continue;
                };
                for w in t
                    .split(|c: char| !(c.is_alphanumeric() || c == '-'))
                    .rev()
                    .filter(|w| !w.is_empty())
                {
                    seen += 1;
                    if seen > reach {
                        break 'scan;
                    }
                    // The last cue that makes an ask of this kind of instrument.
                    let hit = CUES
                        .iter()
                        .find(|(c, _)| c.eq_ignore_ascii_case(w))
                        .and_then(|(_, k)| k.for_kind(instrument.kind));
                    if let Some(kind) = hit {
                        cue = Some((w, kind));
                        break 'scan;
                    }
                }
            }
            let ask = cue.map(|(_, k)| k);
            out.push(Mention {
                instrument,
                phrase: text.get(span.clone()).unwrap_or_default(),
                span: span.clone(),
                ask,
                cue: cue.map(|(w, _)| w),
            });
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn asks(text: &str) -> Vec<String> {
        Instruments::builtin()
            .find(text)
            .iter()
            .map(|m| match m.ask {
                Some(k) => format!("{k} {}", m.instrument.key),
                None => format!("- {}", m.instrument.key),
            })
            .collect()
    }

    #[test]
    fn asks_follow_the_last_cue_before_the_name() {
        assert_eq!(
            asks(
                "Ratify the Convention on the Elimination of the Worst Forms of Child Labour (ILO Convention No. 182), CED, ICERD, CAT and its Optional Protocol, the ICRMW and CRPD"
            ),
            [
                "ratify ILO",
                "ratify CED",
                "ratify ICERD",
                "ratify CAT",
                "ratify ICRMW",
                "ratify CRPD"
            ]
        );
        assert_eq!(
            asks(
                "Close political prison camps, eliminate discrimination based on the “songbun” system and cooperate with human rights mechanisms, including the Special Rapporteur on the situation of human rights in the Democratic People’s Republic of Korea"
            ),
            [
                "end POLITICAL-CAMPS",
                "end SONGBUN",
                "cooperate UN-MECHANISMS",
                "cooperate SR-DPRK"
            ]
        );
        assert_eq!(
            asks("Submit the reports due according to CRC"),
            ["report CRC"]
        );
        // Acronyms match only in capitals.
        assert!(asks("the cat sat").is_empty());
    }

    #[test]
    fn the_table_parses_and_errors_name_the_line() {
        assert!(Instruments::builtin().rows().len() > 30);
        assert_eq!(
            Instruments::parse("CAT\tx\ttreaty\tCAT\nCAT\ty\ttreaty\tZ\n")
                .unwrap_err()
                .to_string(),
            r#"data/instruments.tsv: line 2: expected a key not used before, found "CAT""#
        );
        assert_eq!(
            Instruments::parse("X\tx\tlaw\tX\n")
                .unwrap_err()
                .to_string(),
            r#"data/instruments.tsv: line 1: expected treaty, mechanism or practice, found "law""#
        );
    }
}
