//! The rule-file format and its loader.
//!
//! A rule file is UTF-8 text, one rule a line, fields separated by tabs; blank lines and lines
//! starting with `#` are ignored:
//!
//! ```text
//! # label<TAB>phrase[<TAB>condition]...   (the fields below are separated by one tab)
//! Death penalty→death penalty
//! Death penalty→moratorium→if=execution*|death*|capital punishment
//! 4→adopt→then=measures|steps|efforts
//! 5→adopt
//! ```
//!
//! - **label**: an issue in UPR Info's spelling (`Torture and other CID treatment`, any case),
//!   or an action category `1` to `5`. Issue rules add their issue to every text they match;
//!   action rules compete for the text's *leading* action (see [`crate::classify`]).
//! - **phrase**: one or more words, matched case-insensitively (ASCII) at word boundaries.
//!   A trailing `*` lets the last word run on: `tortur*` matches `torture`, `tortured`,
//!   `torturers`. Spaces and hyphens are literal: list `asylum seekers` and `asylum-seekers`
//!   both if both spellings occur.
//! - **conditions**, all of which must hold:
//!   - `if=a|b`: one of the phrases occurs anywhere in the text;
//!   - `unless=a|b`: none of them occurs anywhere in the text;
//!   - `then=a|b`: one of them starts within the next six words after the match;
//!   - `not-then=a|b`: none of them starts within the next six words;
//!   - `first`: the match is the first word of the text (after punctuation).
//!
//! Rules are data: the crate ships [`Rules::builtin`] (`data/rules/issues.tsv` and
//! `data/rules/actions.tsv`), and a user loads their own with [`Rules::from_path`] or
//! [`Rules::parse`], and adds them to (or uses them instead of) the built-in set with
//! [`Rules::extend`].

use std::fmt;
use std::path::Path;
use std::sync::OnceLock;

use strum::VariantArray;

use crate::{ActionCategory, Error, Issue, Result};

const ISSUES_TSV: &str = include_str!("../../data/rules/issues.tsv");
const ACTIONS_TSV: &str = include_str!("../../data/rules/actions.tsv");

/// What a rule concludes when it fires.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Label {
    /// The text is about this issue.
    Issue(Issue),
    /// The text's leading action is of this category.
    Action(ActionCategory),
}

impl fmt::Display for Label {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Label::Issue(i) => write!(f, "{i}"),
            Label::Action(a) => write!(f, "{a}"),
        }
    }
}

/// A condition on the rest of the text, checked after the rule's phrase matched.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case", tag = "kind", content = "phrases")]
pub enum Condition {
    /// One of the phrases occurs anywhere in the text (`if=`).
    If(Vec<String>),
    /// None of the phrases occurs in the text (`unless=`).
    Unless(Vec<String>),
    /// One of the phrases starts within the next [`THEN_WINDOW`] words (`then=`).
    Then(Vec<String>),
    /// None of the phrases starts within the next [`THEN_WINDOW`] words (`not-then=`).
    NotThen(Vec<String>),
    /// The match starts the text (`first`).
    First,
}

/// How many words after a match `then=` and `not-then=` look at.
pub const THEN_WINDOW: usize = 6;

impl Condition {
    /// The phrases the condition looks for (none for `first`).
    pub fn phrases(&self) -> &[String] {
        match self {
            Condition::If(p)
            | Condition::Unless(p)
            | Condition::Then(p)
            | Condition::NotThen(p) => p,
            Condition::First => &[],
        }
    }
}

impl fmt::Display for Condition {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (key, p) = match self {
            Condition::If(p) => ("if", p),
            Condition::Unless(p) => ("unless", p),
            Condition::Then(p) => ("then", p),
            Condition::NotThen(p) => ("not-then", p),
            Condition::First => return f.write_str("first"),
        };
        write!(f, "{key}={}", p.join("|"))
    }
}

/// One rule: a label, the phrase that triggers it, conditions, and where it was written.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Rule {
    /// What the rule concludes.
    pub label: Label,
    /// The phrase as written (lowercased), a trailing `*` included.
    pub phrase: String,
    /// Conditions that must all hold.
    pub conditions: Vec<Condition>,
    /// The file the rule comes from, e.g. `data/rules/issues.tsv`.
    pub file: String,
    /// Its 1-based line in that file.
    pub line: usize,
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}: {}\t{}",
            self.file, self.line, self.label, self.phrase
        )?;
        for c in &self.conditions {
            write!(f, "\t{c}")?;
        }
        Ok(())
    }
}

/// An ordered set of rules. Order matters for action rules: for one phrase, the first rule
/// whose conditions hold decides.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Rules {
    rules: Vec<Rule>,
}

impl Rules {
    /// No rules.
    pub fn new() -> Self {
        Self::default()
    }

    /// The rules that ship with the crate (`data/rules/issues.tsv`, `data/rules/actions.tsv`),
    /// parsed once.
    ///
    /// # Panics
    /// Never on a released crate: the shipped files are parsed by the test suite, so a broken
    /// rule file is a build defect, not a run-time condition.
    #[allow(clippy::expect_used)]
    pub fn builtin() -> &'static Rules {
        static BUILTIN: OnceLock<Rules> = OnceLock::new();
        BUILTIN.get_or_init(|| {
            let mut r = Rules::parse(ISSUES_TSV, "data/rules/issues.tsv")
                .expect("data/rules/issues.tsv parses (tests/classify_rules.rs)");
            r.extend(
                Rules::parse(ACTIONS_TSV, "data/rules/actions.tsv")
                    .expect("data/rules/actions.tsv parses (tests/classify_rules.rs)"),
            );
            r
        })
    }

    /// Parses a rule file's text; `name` names it in errors and in each rule's origin.
    ///
    /// # Errors
    /// [`Error::Parse`] at the first bad line ([`Location::Line`](crate::Location::Line)): a
    /// missing phrase, an unknown label or condition, an empty phrase list.
    pub fn parse(text: &str, name: &str) -> Result<Rules> {
        let mut rules = Vec::new();
        for row in crate::tsv::rows(text) {
            let err = |expected: &str, found: &str| row.error(name, expected, found);
            let mut fields = row.fields();
            let label_s = fields.next().unwrap_or("").trim();
            let label = parse_label(label_s).ok_or_else(|| {
                err(
                    "an issue in UPR Info's spelling or an action category 1-5",
                    label_s,
                )
            })?;
            let phrase_s = fields.next().unwrap_or("");
            let phrase = normalize_phrase(phrase_s)
                .ok_or_else(|| err("a phrase after the label and a tab", phrase_s))?;
            let mut conditions = Vec::new();
            for c in fields {
                let c = c.trim();
                if c.is_empty() {
                    continue;
                }
                conditions.push(parse_condition(c).ok_or_else(|| {
                    err("a condition (if=, unless=, then=, not-then=, first)", c)
                })?);
            }
            rules.push(Rule {
                label,
                phrase,
                conditions,
                file: name.to_owned(),
                line: row.line,
            });
        }
        Ok(Rules { rules })
    }

    /// Reads and parses a rule file.
    ///
    /// # Errors
    /// [`Error::Io`] if it cannot be read; as [`Rules::parse`].
    pub fn from_path(path: impl AsRef<Path>) -> Result<Rules> {
        let path = path.as_ref();
        let text = std::fs::read_to_string(path).map_err(|e| Error::read(path, e))?;
        Rules::parse(&text, &path.display().to_string())
    }

    /// Appends another set's rules after this one's (they come later in the order).
    pub fn extend(&mut self, other: Rules) {
        self.rules.extend(other.rules);
    }

    /// Adds one rule at the end.
    pub fn push(&mut self, rule: Rule) {
        self.rules.push(rule);
    }

    /// The rules, in order.
    pub fn rules(&self) -> &[Rule] {
        &self.rules
    }

    /// How many rules.
    pub fn len(&self) -> usize {
        self.rules.len()
    }

    /// No rules at all.
    pub fn is_empty(&self) -> bool {
        self.rules.is_empty()
    }
}

pub(crate) fn parse_label(s: &str) -> Option<Label> {
    if let Ok(n) = s.parse::<u8>() {
        return ActionCategory::new(n).ok().map(Label::Action);
    }
    Issue::parse(s).ok().map(Label::Issue)
}

/// Lowercases, trims and collapses inner spaces; `None` for an empty phrase or a `*` that is
/// not at the end.
pub(crate) fn normalize_phrase(s: &str) -> Option<String> {
    let words: Vec<&str> = s.split_whitespace().collect();
    if words.is_empty() {
        return None;
    }
    let p = words.join(" ").to_ascii_lowercase();
    let body = p.strip_suffix('*').unwrap_or(&p);
    if body.is_empty() || body.contains('*') || body.ends_with(' ') {
        return None;
    }
    Some(p)
}

fn parse_condition(s: &str) -> Option<Condition> {
    if s == "first" {
        return Some(Condition::First);
    }
    let (key, value) = s.split_once('=')?;
    let phrases: Option<Vec<String>> = value.split('|').map(normalize_phrase).collect();
    let phrases = phrases?;
    match key.trim() {
        "if" => Some(Condition::If(phrases)),
        "unless" => Some(Condition::Unless(phrases)),
        "then" => Some(Condition::Then(phrases)),
        "not-then" => Some(Condition::NotThen(phrases)),
        _ => None,
    }
}

/// Issues as bit positions (their order in `Issue::VARIANTS`).
pub(crate) fn issue_index(issue: Issue) -> usize {
    Issue::VARIANTS
        .iter()
        .position(|i| *i == issue)
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_parses() {
        let r = Rules::builtin();
        assert!(r.len() > 500, "{}", r.len());
        assert!(
            r.rules()
                .iter()
                .any(|x| matches!(x.label, Label::Action(ActionCategory::Specific)))
        );
    }

    #[test]
    fn parses_conditions_and_names_bad_lines() {
        let r = Rules::parse(
            "# comment\n\nDeath penalty\tMoratorium\tif=execution*|death\n5\tratify*\tfirst\n",
            "u.tsv",
        )
        .unwrap();
        assert_eq!(r.len(), 2);
        assert_eq!(r.rules()[0].label, Label::Issue(Issue::DeathPenalty));
        assert_eq!(r.rules()[0].phrase, "moratorium");
        assert_eq!(
            r.rules()[0].conditions,
            vec![Condition::If(vec!["execution*".into(), "death".into()])]
        );
        assert_eq!(r.rules()[1].line, 4);
        assert_eq!(
            r.rules()[0].to_string(),
            "u.tsv:3: Death penalty\tmoratorium\tif=execution*|death"
        );
        assert_eq!(
            Rules::parse("Sports\tfootball\n", "u.tsv")
                .unwrap_err()
                .to_string(),
            r#"u.tsv: line 1: expected an issue in UPR Info's spelling or an action category 1-5, found "Sports""#
        );
        assert_eq!(
            Rules::parse("\n6\tdo\n", "u.tsv").unwrap_err().to_string(),
            r#"u.tsv: line 2: expected an issue in UPR Info's spelling or an action category 1-5, found "6""#
        );
        assert_eq!(
            Rules::parse("Justice\n", "u.tsv").unwrap_err().to_string(),
            r#"u.tsv: line 1: expected a phrase after the label and a tab, found """#
        );
        assert_eq!(
            Rules::parse("Justice\tco*urt\n", "u.tsv")
                .unwrap_err()
                .to_string(),
            r#"u.tsv: line 1: expected a phrase after the label and a tab, found "co*urt""#
        );
        assert_eq!(
            Rules::parse("Justice\tcourt\twhen=judge\n", "u.tsv")
                .unwrap_err()
                .to_string(),
            r#"u.tsv: line 1: expected a condition (if=, unless=, then=, not-then=, first), found "when=judge""#
        );
    }
}
