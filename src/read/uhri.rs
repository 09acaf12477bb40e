//! The OHCHR Universal Human Rights Index (UHRI): its CSV export and its JSON layout, and the
//! UHRI vocabularies (themes, SDGs, affected persons, UPR positions) that the OHCHR matrix of
//! recommendations ([`super::ohchr_matrix`]) uses too.
//!
//! # The CSV export
//! One row per recommendation, snake_case columns, with UHRI's own spelling `reccomending`:
//!
//! | column | example | read as |
//! |---|---|---|
//! | `text` | `166.6. Ratify the Rome Statute of the ICC (Chile); (Estonia);` | [`UhriRecord::paragraph`], [`UhriRecord::text`], and the States in brackets for the cross-check |
//! | `upr_reccomending_states` | `ChileEstoniaSloveniaTunisiaUruguay` | [`UhriRecord::recommending`] (see below) |
//! | `upr_position` | `Supported`, `Noted`, `Supported/Noted` | [`UprPosition`] |
//! | `themes` | `2.1. Acceptance of international norms 12.4. Death penalty` | [`UhriTheme`]s, also when run together (`fair trial12.4. Death penalty`) |
//! | `affected_persons` | `general- women- persons living in poverty` | [`AffectedPersons`] |
//! | `countries_concerned` | `- Egypt` | [`UhriRecord::state_under_review`] |
//! | `reccomending_body` | `- UPR` | rows of other bodies are skipped |
//! | `upr_session` | `- 28th Session - Cycle 2` | [`UhriRecord::council_session`] (the Council's session, not the Working Group's) and [`UhriRecord::cycle`] |
//! | `document_symbol` | `A/HRC/28/16` | [`UhriRecord::document`], checked against the session |
//! | `type` | `- Recommendations` | rows of other types are skipped |
//!
//! Only `text`, `upr_reccomending_states` and `upr_position` are required (the correct spelling
//! `recommending` is accepted too).
//!
//! # The JSON layout
//! An array of objects with the keys `Text`, `Themes`, `Sdgs`, `AffectedPersons`, `UprCycle`,
//! `UprSession`, `UprPositions`, `UprRecommendingCountry` and `UprRecommendingRegions`. Each value
//! may be a string, a number or an array of them; `Text` is required. Other keys are ignored.
//!
//! # Recommending States written with no separator
//! UHRI concatenates the names of co-authors: `Sierra LeoneTogoTunisia`. [`split_states`] reads
//! such a string by dynamic programming over every spelling of the crate's State table (names
//! and other spellings, normalised as [`State::resolve`] does; the alpha-3 codes are left out so
//! that `CAN` cannot be read inside `Canada`). It gives the one reading, or every reading when
//! there are several, or what is left over when there is none. The reader then cross-checks the
//! reading against the States in brackets at the end of `text` (compared as sets): several
//! readings are settled by the text when exactly one of them agrees with it.
//!
//! # What the report lists
//! In strict mode each of these is an error; in lenient mode the record is kept, repaired as
//! said, and listed as repaired:
//! - recommending States that cannot be read (a leftover, or several readings the text does not
//!   settle): the States in brackets in the text are used, and any name that resolves nowhere is
//!   kept in [`UhriRecord::unresolved`];
//! - recommending States that disagree with the text's brackets: the column is kept;
//! - a text that does not end with States in brackets: kept as written;
//! - a position, theme, SDG, regional group, State under review, session, cycle or document
//!   symbol that cannot be read: left out;
//! - a session that disagrees with the document symbol: the session field is kept.
//!
//! Skipped in lenient mode (an error in strict mode): a row without text, a row of another body
//! than the UPR or of another type than recommendations, a malformed CSV row, a JSON array item
//! that is not an object.
//!
//! # Positions and dates
//! UHRI gives the State's final position ([`UprPosition`]) but not the date it was given. A
//! [`ResponseEvent`] needs a date, so [`UhriRecord::into_recommendation`] adds one only when the
//! caller knows the date (e.g. that of the addendum); otherwise the position stays on the
//! [`UhriRecord`]. UHRI also gives the Council session, not the Working Group session a
//! [`Recommendation`] is filed under: the caller supplies it.

use std::fmt;
use std::path::Path;
use std::str::FromStr;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use strum::{EnumString, IntoStaticStr, VariantArray};

use super::{Mode, Parsed, Problems, ReadOptions, next_csv_record, read_all};
use crate::{
    Cycle, DatePrecision, DocumentSymbol, Error, Location, ParagraphRef, ParseError,
    Recommendation, RegionalGroup, ResponseEvent, ResponseStatus, Result, Session, SourceId, Stage,
    State, encoding,
};

/// The source key records read from the UHRI carry.
pub const SOURCE: &str = "OHCHR Universal Human Rights Index";

// ---------------------------------------------------------------------------------------------
// Text helpers.

/// No-break and other odd spaces to spaces, runs of whitespace collapsed, trimmed.
pub(crate) fn clean(s: &str) -> String {
    let mapped: String = s
        .chars()
        .map(|c| match c {
            '\u{a0}' | '\u{2002}' | '\u{2003}' | '\u{2009}' | '\u{202f}' | '\t' => ' ',
            c => c,
        })
        .filter(|c| !matches!(c, '\u{feff}' | '\u{200b}' | '\u{ad}'))
        .collect();
    mapped.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Splits a UHRI multi-valued field written `- a- b` or `a- b- c` on `- ` (a dash then a space:
/// hyphens inside names such as `descent-based` are kept).
pub(crate) fn dash_list(s: &str) -> Vec<String> {
    s.split("- ")
        .map(clean)
        .map(|p| p.trim_end_matches('-').trim().to_owned())
        .filter(|p| !p.is_empty())
        .collect()
}

/// Leading ASCII digits of `s` (at most `max`), as a number and the byte length.
fn leading_number(s: &str, max: usize) -> Option<(u16, usize)> {
    let n = s.bytes().take_while(u8::is_ascii_digit).count();
    if n == 0 || n > max {
        return None;
    }
    s.get(..n)?.parse().ok().map(|v| (v, n))
}

// ---------------------------------------------------------------------------------------------
// Themes.

/// A UHRI theme code, in either of the two shapes UHRI has used.
///
/// - numbered, as in the UHRI export: `2.1`, `12.4`, `10` (written `2.1.` before the name);
/// - lettered, as in the OHCHR matrices: `A12`, `D23`, `F4`, `S`, `S16` (a group letter and up to
///   three digits, leading zeros kept: `S04`).
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ThemeCode(String);

impl ThemeCode {
    /// Checks a code: `2.1`, `2.1.`, `10`, `A12`, `S`, `S04`.
    ///
    /// # Errors
    /// [`Error::Invalid`] for anything else.
    pub fn new(code: &str) -> Result<ThemeCode> {
        let t = code.trim();
        let bad = || {
            Error::invalid(
                "UHRI theme code",
                code,
                "expected a numbered code such as 2.1 or a lettered code such as A12",
            )
        };
        let mut chars = t.chars();
        match chars.next() {
            Some(c) if c.is_ascii_uppercase() => {
                let digits = chars.as_str();
                if digits.len() <= 3 && digits.bytes().all(|b| b.is_ascii_digit()) {
                    Ok(ThemeCode(t.to_owned()))
                } else {
                    Err(bad())
                }
            }
            Some(c) if c.is_ascii_digit() => {
                let body = t.strip_suffix('.').unwrap_or(t);
                let (major, minor) = match body.split_once('.') {
                    Some((a, b)) => (a, Some(b)),
                    None => (body, None),
                };
                let ok = |p: &str| {
                    !p.is_empty() && p.len() <= 2 && p.bytes().all(|b| b.is_ascii_digit())
                };
                if ok(major) && minor.is_none_or(ok) {
                    Ok(ThemeCode(body.to_owned()))
                } else {
                    Err(bad())
                }
            }
            _ => Err(bad()),
        }
    }

    /// The code as written, without a trailing dot: `2.1`, `A12`.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Whether this is a numbered code (`2.1`) rather than a lettered one (`A12`).
    pub fn is_numbered(&self) -> bool {
        self.0.starts_with(|c: char| c.is_ascii_digit())
    }

    /// The group letter of a lettered code (`A` for `A12`); `None` for a numbered code.
    pub fn letter(&self) -> Option<char> {
        self.0.chars().next().filter(char::is_ascii_uppercase)
    }

    /// The SDG of a lettered `S` code with a number (`S16`); `None` otherwise (also for the bare
    /// `S`, "Sustainable Development Goal implementation").
    pub fn sdg(&self) -> Option<Sdg> {
        let digits = self.0.strip_prefix('S')?;
        Sdg::new(digits.parse().ok()?).ok()
    }
}

impl fmt::Display for ThemeCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Debug for ThemeCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "ThemeCode({})", self.0)
    }
}

impl FromStr for ThemeCode {
    type Err = Error;
    fn from_str(s: &str) -> Result<ThemeCode> {
        ThemeCode::new(s)
    }
}

/// A UHRI theme: code and name, e.g. `2.1. Acceptance of international norms` or
/// `A12 Acceptance of international norms`.
///
/// The vocabulary is open (UHRI has revised it; the two code shapes coexist in the data), so this
/// is a checked pair rather than an enum. `Display` writes the UHRI form (`2.1. Name` for a
/// numbered code, `A12 Name` for a lettered one) and `FromStr` reads it back.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct UhriTheme {
    code: ThemeCode,
    name: String,
}

impl UhriTheme {
    /// A theme from its code and name (whitespace cleaned).
    ///
    /// # Errors
    /// [`Error::Invalid`] for a bad code or an empty name.
    pub fn new(code: &str, name: &str) -> Result<UhriTheme> {
        let code = ThemeCode::new(code)?;
        let name = clean(name);
        if name.is_empty() {
            return Err(Error::invalid(
                "UHRI theme",
                code.to_string(),
                "the name is empty",
            ));
        }
        Ok(UhriTheme { code, name })
    }

    /// Parses one theme: `2.1. Acceptance of international norms`, `10. Discrimination against
    /// women`, `A12 Acceptance of international norms`, `S Sustainable Development Goal
    /// implementation`.
    ///
    /// # Errors
    /// [`Error::Invalid`] naming the input when it does not start with a theme code and a name.
    pub fn parse(s: &str) -> Result<UhriTheme> {
        let t = clean(s);
        let bad = || {
            Error::invalid(
                "UHRI theme",
                s,
                "expected a code and a name, e.g. 2.1. Acceptance of international norms or A12 Acceptance of international norms",
            )
        };
        let (code, name) = t.split_once(' ').ok_or_else(bad)?;
        let code = ThemeCode::new(code).map_err(|_| bad())?;
        let name = name.trim();
        if name.is_empty() {
            return Err(bad());
        }
        Ok(UhriTheme {
            code,
            name: name.to_owned(),
        })
    }

    /// Parses a field holding several numbered themes, with or without spaces between them:
    /// `2.1. Acceptance of international norms 12.4. Death penalty`, `Administration of justice
    /// & fair trial12.4. Death penalty`. A field without a numbered code is read as one theme
    /// (e.g. a lettered one). An empty field gives no theme.
    ///
    /// # Errors
    /// [`Error::Invalid`] naming the part that is not a theme.
    pub fn parse_list(s: &str) -> Result<Vec<UhriTheme>> {
        let t = clean(s);
        if t.is_empty() {
            return Ok(Vec::new());
        }
        let starts = numbered_starts(&t);
        if starts.is_empty() {
            return Ok(vec![UhriTheme::parse(&t)?]);
        }
        let mut out = Vec::new();
        if let Some(&first) = starts.first() {
            let head = t.get(..first).unwrap_or_default().trim();
            if !head.is_empty() {
                return Err(UhriTheme::parse(head).err().unwrap_or_else(|| {
                    Error::invalid("UHRI theme", head, "expected a numbered code first")
                }));
            }
        }
        for (i, &from) in starts.iter().enumerate() {
            let to = starts.get(i + 1).copied().unwrap_or(t.len());
            out.push(UhriTheme::parse(t.get(from..to).unwrap_or_default())?);
        }
        Ok(out)
    }

    /// The code.
    pub fn code(&self) -> &ThemeCode {
        &self.code
    }

    /// The name, e.g. `Acceptance of international norms`.
    pub fn name(&self) -> &str {
        &self.name
    }
}

/// Byte offsets where a numbered theme code (`12.4. ` or `10. `) starts: not after a digit or
/// a dot, followed by a space.
fn numbered_starts(t: &str) -> Vec<usize> {
    let b = t.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        let prev_ok = i == 0
            || b.get(i - 1)
                .is_some_and(|p| !p.is_ascii_digit() && *p != b'.');
        if prev_ok && b.get(i).is_some_and(u8::is_ascii_digit) {
            if let Some(len) = numbered_code_len(t.get(i..).unwrap_or_default()) {
                out.push(i);
                i += len;
                continue;
            }
        }
        i += 1;
    }
    out
}

/// The length of `12.4. ` / `10. ` at the start of `s` (code, dot, space), if there is one.
fn numbered_code_len(s: &str) -> Option<usize> {
    let (_, a) = leading_number(s, 2)?;
    let rest = s.get(a..)?.strip_prefix('.')?;
    let len = a + 1;
    if let Some((_, b)) = leading_number(rest, 2) {
        let after = rest.get(b..)?.strip_prefix('.')?;
        return after.starts_with(' ').then_some(len + b + 2);
    }
    rest.starts_with(' ').then_some(len + 1)
}

impl fmt::Display for UhriTheme {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.code.is_numbered() {
            write!(f, "{}. {}", self.code, self.name)
        } else {
            write!(f, "{} {}", self.code, self.name)
        }
    }
}

impl FromStr for UhriTheme {
    type Err = Error;
    fn from_str(s: &str) -> Result<UhriTheme> {
        UhriTheme::parse(s)
    }
}

macro_rules! serde_via_display {
    ($t:ty) => {
        impl Serialize for $t {
            fn serialize<S: serde::Serializer>(
                &self,
                s: S,
            ) -> std::result::Result<S::Ok, S::Error> {
                s.collect_str(self)
            }
        }
        impl<'de> Deserialize<'de> for $t {
            fn deserialize<D: serde::Deserializer<'de>>(
                d: D,
            ) -> std::result::Result<Self, D::Error> {
                let s = String::deserialize(d)?;
                s.parse().map_err(serde::de::Error::custom)
            }
        }
    };
}
serde_via_display!(ThemeCode);
serde_via_display!(UhriTheme);

// ---------------------------------------------------------------------------------------------
// SDGs.

/// A Sustainable Development Goal, 1 to 17.
///
/// `Display` gives `SDG 16`; `FromStr` accepts `16`, `SDG 16`, `Goal 16`, the matrix code `S16`
/// and a whole matrix line `S16 SDG 16 - peace, justice and strong institutions`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Sdg(u8);

impl Sdg {
    /// The goal with this number.
    ///
    /// # Errors
    /// [`Error::Invalid`] outside 1-17.
    pub fn new(number: u8) -> Result<Sdg> {
        if (1..=17).contains(&number) {
            Ok(Sdg(number))
        } else {
            Err(Error::invalid(
                "SDG",
                number.to_string(),
                "the goals are numbered 1 to 17",
            ))
        }
    }

    /// The goal's number.
    pub fn number(self) -> u8 {
        self.0
    }

    /// The UHRI theme code, e.g. `S16` (two digits: `S04`).
    pub fn code(self) -> String {
        format!("S{:02}", self.0)
    }

    /// Every goal, 1 to 17.
    pub fn all() -> impl ExactSizeIterator<Item = Sdg> {
        (1..=17u8).map(Sdg)
    }

    /// Parses any accepted spelling (see the type's docs).
    ///
    /// # Errors
    /// [`Error::Invalid`] naming the input, also when a matrix line's code and goal disagree
    /// (`S16 SDG 4 - education`).
    pub fn parse(s: &str) -> Result<Sdg> {
        let t = clean(s);
        let bad = |why: &str| Error::invalid("SDG", s, why);
        let shape = "expected a goal 1-17, e.g. 16, SDG 16 or S16";
        let number = |x: &str| -> Option<(u8, usize)> {
            let (n, len) = leading_number(x, 2)?;
            let rest = x.get(len..)?;
            if rest.starts_with(|c: char| c.is_ascii_alphanumeric()) {
                return None;
            }
            Some((u8::try_from(n).ok()?, len))
        };
        let after_word = |x: &str| -> Option<(u8, usize)> {
            let low = x.to_ascii_lowercase();
            let word = ["sdg", "goal"].into_iter().find(|w| low.starts_with(w))?;
            let rest = x.get(word.len()..)?;
            let trimmed = rest.trim_start();
            let (n, len) = number(trimmed)?;
            Some((n, word.len() + (rest.len() - trimmed.len()) + len))
        };
        // S16, S16 SDG 16 - ...
        if let Some(rest) = t.strip_prefix('S') {
            if let Some((n, len)) = number(rest) {
                let tail = rest.get(len..).unwrap_or_default().trim_start();
                if let Some((m, _)) = after_word(tail) {
                    if m != n {
                        return Err(bad("the code and the goal disagree"));
                    }
                }
                return Sdg::new(n).map_err(|_| bad(shape));
            }
        }
        if let Some((n, _)) = after_word(&t) {
            return Sdg::new(n).map_err(|_| bad(shape));
        }
        match number(&t) {
            Some((n, len)) if len == t.len() => Sdg::new(n).map_err(|_| bad(shape)),
            _ => Err(bad(shape)),
        }
    }
}

impl fmt::Display for Sdg {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "SDG {}", self.0)
    }
}

impl FromStr for Sdg {
    type Err = Error;
    fn from_str(s: &str) -> Result<Sdg> {
        Sdg::parse(s)
    }
}

serde_via_display!(Sdg);

// ---------------------------------------------------------------------------------------------
// Affected persons.

/// A group of persons a recommendation concerns, in UHRI's vocabulary ("Affected persons").
///
/// The known values are those met in the UHRI export and the OHCHR matrices; any other value is
/// kept as [`AffectedPersons::Other`], which writes back exactly as read. `Display` is UHRI's
/// spelling (lower case); parsing ignores case and extra spaces.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum AffectedPersons {
    /// `general`
    General,
    /// `children`
    Children,
    /// `children in street situations`
    ChildrenInStreetSituations,
    /// `disappeared persons`
    DisappearedPersons,
    /// `girls`
    Girls,
    /// `human rights defenders`
    HumanRightsDefenders,
    /// `judiciary`
    Judiciary,
    /// `judges, lawyers and prosecutors`
    JudgesLawyersProsecutors,
    /// `law enforcement / police officials`
    LawEnforcementOfficials,
    /// `lesbian, gay, bisexual, transgender and intersex persons (LGBTI)`
    Lgbti,
    /// `media`
    Media,
    /// `migrants`
    Migrants,
    /// `migrant workers`
    MigrantWorkers,
    /// `minorities/ racial, ethnic, linguistic, religious or descent-based groups`
    Minorities,
    /// `older persons`
    OlderPersons,
    /// `persons affected by armed conflict`
    PersonsAffectedByArmedConflict,
    /// `persons deprived of their liberty`
    PersonsDeprivedOfLiberty,
    /// `persons living in poverty`
    PersonsLivingInPoverty,
    /// `persons living in rural areas`
    PersonsLivingInRuralAreas,
    /// `persons living with HIV/AIDS`
    PersonsLivingWithHivAids,
    /// `persons with disabilities`
    PersonsWithDisabilities,
    /// `prison officials`
    PrisonOfficials,
    /// `public officials`
    PublicOfficials,
    /// `refugees & asylum seekers`
    RefugeesAndAsylumSeekers,
    /// `vulnerable persons/groups`
    VulnerablePersons,
    /// `women`
    Women,
    /// `youth`
    Youth,
    /// Any other value, as written (whitespace cleaned).
    Other(String),
}

impl AffectedPersons {
    /// Every known value (all but [`AffectedPersons::Other`]).
    pub const KNOWN: &'static [AffectedPersons] = &[
        AffectedPersons::General,
        AffectedPersons::Children,
        AffectedPersons::ChildrenInStreetSituations,
        AffectedPersons::DisappearedPersons,
        AffectedPersons::Girls,
        AffectedPersons::HumanRightsDefenders,
        AffectedPersons::Judiciary,
        AffectedPersons::JudgesLawyersProsecutors,
        AffectedPersons::LawEnforcementOfficials,
        AffectedPersons::Lgbti,
        AffectedPersons::Media,
        AffectedPersons::Migrants,
        AffectedPersons::MigrantWorkers,
        AffectedPersons::Minorities,
        AffectedPersons::OlderPersons,
        AffectedPersons::PersonsAffectedByArmedConflict,
        AffectedPersons::PersonsDeprivedOfLiberty,
        AffectedPersons::PersonsLivingInPoverty,
        AffectedPersons::PersonsLivingInRuralAreas,
        AffectedPersons::PersonsLivingWithHivAids,
        AffectedPersons::PersonsWithDisabilities,
        AffectedPersons::PrisonOfficials,
        AffectedPersons::PublicOfficials,
        AffectedPersons::RefugeesAndAsylumSeekers,
        AffectedPersons::VulnerablePersons,
        AffectedPersons::Women,
        AffectedPersons::Youth,
    ];

    /// UHRI's spelling (for [`AffectedPersons::Other`], the value as read).
    pub fn name(&self) -> &str {
        match self {
            AffectedPersons::General => "general",
            AffectedPersons::Children => "children",
            AffectedPersons::ChildrenInStreetSituations => "children in street situations",
            AffectedPersons::DisappearedPersons => "disappeared persons",
            AffectedPersons::Girls => "girls",
            AffectedPersons::HumanRightsDefenders => "human rights defenders",
            AffectedPersons::Judiciary => "judiciary",
            AffectedPersons::JudgesLawyersProsecutors => "judges, lawyers and prosecutors",
            AffectedPersons::LawEnforcementOfficials => "law enforcement / police officials",
            AffectedPersons::Lgbti => {
                "lesbian, gay, bisexual, transgender and intersex persons (LGBTI)"
            }
            AffectedPersons::Media => "media",
            AffectedPersons::Migrants => "migrants",
            AffectedPersons::MigrantWorkers => "migrant workers",
            AffectedPersons::Minorities => {
                "minorities/ racial, ethnic, linguistic, religious or descent-based groups"
            }
            AffectedPersons::OlderPersons => "older persons",
            AffectedPersons::PersonsAffectedByArmedConflict => "persons affected by armed conflict",
            AffectedPersons::PersonsDeprivedOfLiberty => "persons deprived of their liberty",
            AffectedPersons::PersonsLivingInPoverty => "persons living in poverty",
            AffectedPersons::PersonsLivingInRuralAreas => "persons living in rural areas",
            AffectedPersons::PersonsLivingWithHivAids => "persons living with HIV/AIDS",
            AffectedPersons::PersonsWithDisabilities => "persons with disabilities",
            AffectedPersons::PrisonOfficials => "prison officials",
            AffectedPersons::PublicOfficials => "public officials",
            AffectedPersons::RefugeesAndAsylumSeekers => "refugees & asylum seekers",
            AffectedPersons::VulnerablePersons => "vulnerable persons/groups",
            AffectedPersons::Women => "women",
            AffectedPersons::Youth => "youth",
            AffectedPersons::Other(s) => s,
        }
    }

    /// Reads one value; never fails (an unknown value is [`AffectedPersons::Other`]).
    pub fn parse(s: &str) -> AffectedPersons {
        let t = clean(s);
        let t = t.strip_prefix("- ").unwrap_or(&t).trim();
        AffectedPersons::KNOWN
            .iter()
            .find(|k| k.name().eq_ignore_ascii_case(t))
            .cloned()
            .unwrap_or_else(|| AffectedPersons::Other(t.to_owned()))
    }

    /// Reads a UHRI list field, `general- women- persons living in poverty` or `- children`.
    pub fn parse_list(s: &str) -> Vec<AffectedPersons> {
        dash_list(s)
            .iter()
            .map(|p| AffectedPersons::parse(p))
            .collect()
    }

    /// Whether this is a value outside the known vocabulary.
    pub fn is_other(&self) -> bool {
        matches!(self, AffectedPersons::Other(_))
    }
}

impl fmt::Display for AffectedPersons {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for AffectedPersons {
    type Err = std::convert::Infallible;
    fn from_str(s: &str) -> std::result::Result<AffectedPersons, Self::Err> {
        Ok(AffectedPersons::parse(s))
    }
}

serde_via_display!(AffectedPersons);

// ---------------------------------------------------------------------------------------------
// Positions.

/// The position of the State under review as OHCHR records it (UHRI, matrices): `Supported`,
/// `Noted`, or `Supported/Noted` (supported in part).
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    EnumString,
    IntoStaticStr,
    VariantArray,
)]
#[strum(ascii_case_insensitive)]
pub enum UprPosition {
    /// `Supported`.
    #[strum(to_string = "Supported")]
    Supported,
    /// `Noted`.
    #[strum(to_string = "Noted")]
    Noted,
    /// `Supported/Noted`: supported in part.
    #[strum(to_string = "Supported/Noted", serialize = "Supported / Noted")]
    SupportedNoted,
}

impl UprPosition {
    /// OHCHR's spelling.
    pub fn name(self) -> &'static str {
        self.into()
    }

    /// The crate's response status: supported, noted, or partially supported.
    pub fn status(self) -> ResponseStatus {
        match self {
            UprPosition::Supported => ResponseStatus::Supported,
            UprPosition::Noted => ResponseStatus::Noted,
            UprPosition::SupportedNoted => ResponseStatus::PartiallySupported,
        }
    }

    /// Parses OHCHR's spelling (case-insensitive, surrounding space and a leading `- ` ignored).
    ///
    /// # Errors
    /// [`Error::Unknown`] naming the input.
    pub fn parse(s: &str) -> Result<UprPosition> {
        let t = clean(s);
        let t = t.strip_prefix("- ").unwrap_or(&t);
        UprPosition::from_str(t).map_err(|_| Error::Unknown {
            vocabulary: "UPR position",
            value: s.to_owned(),
            hint: Some("expected Supported, Noted or Supported/Noted".into()),
        })
    }
}

impl fmt::Display for UprPosition {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl Serialize for UprPosition {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.serialize_str(self.name())
    }
}

impl<'de> Deserialize<'de> for UprPosition {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        UprPosition::parse(&s).map_err(serde::de::Error::custom)
    }
}

// ---------------------------------------------------------------------------------------------
// State names run together.

/// How a string of State names written with no separator reads (see [`split_states`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StateSplit {
    /// Exactly one reading (an empty string reads as no State).
    Unique(Vec<State>),
    /// Several readings (at most eight are listed), in no particular order.
    Ambiguous(Vec<Vec<State>>),
    /// No complete reading: the States read from the start, and the text that no spelling
    /// matches from there on.
    Leftover {
        /// States read before the leftover.
        read: Vec<State>,
        /// The leftover, as written.
        rest: String,
    },
}

/// The most readings [`split_states`] lists for an ambiguous string.
const MAX_READINGS: usize = 8;

/// The result of segmenting a normalised string over a list of keys.
enum Segmented<T> {
    Readings(Vec<Vec<T>>),
    /// Furthest normalised offset reached from the start, and the values read up to it.
    Stuck(usize, Vec<T>),
    /// The readings found before the search budget ran out (there may be others).
    Incomplete(Vec<Vec<T>>),
}

/// Dynamic programming over `keys` (normalised spellings): every way to write `norm` as a
/// sequence of keys, up to [`MAX_READINGS`] distinct value sequences.
fn segment<T: Copy + PartialEq>(norm: &str, keys: &[(String, T)]) -> Segmented<T> {
    let n = norm.len();
    // matches[i]: (value, end) for every key starting at byte i.
    let mut matches: Vec<Vec<(T, usize)>> = vec![Vec::new(); n + 1];
    for (i, slot) in matches.iter_mut().enumerate() {
        if !norm.is_char_boundary(i) {
            continue;
        }
        let rest = norm.get(i..).unwrap_or_default();
        for (k, v) in keys {
            if !k.is_empty() && rest.starts_with(k.as_str()) {
                slot.push((*v, i + k.len()));
            }
        }
    }
    // ways[i]: whether norm[i..] can be read completely.
    let mut ways = vec![false; n + 1];
    if let Some(w) = ways.get_mut(n) {
        *w = true;
    }
    for i in (0..n).rev() {
        let ok = matches.get(i).is_some_and(|m| {
            m.iter()
                .any(|&(_, e)| ways.get(e).copied().unwrap_or(false))
        });
        if let Some(w) = ways.get_mut(i) {
            *w = ok;
        }
    }
    if !ways.first().copied().unwrap_or(false) {
        // Furthest position reachable from the start, with one path to it.
        let mut pred: Vec<Option<(usize, T)>> = vec![None; n + 1];
        let mut reach = vec![false; n + 1];
        if let Some(r) = reach.first_mut() {
            *r = true;
        }
        let mut furthest = 0;
        for i in 0..=n {
            if !reach.get(i).copied().unwrap_or(false) {
                continue;
            }
            furthest = i;
            for &(v, e) in matches.get(i).map(Vec::as_slice).unwrap_or_default() {
                if let Some(r) = reach.get_mut(e) {
                    if !*r {
                        *r = true;
                        if let Some(p) = pred.get_mut(e) {
                            *p = Some((i, v));
                        }
                    }
                }
            }
        }
        let mut read = Vec::new();
        let mut at = furthest;
        while let Some(Some((from, v))) = pred.get(at) {
            read.push(*v);
            at = *from;
        }
        read.reverse();
        return Segmented::Stuck(furthest, read);
    }
    // Enumerate readings depth-first along complete paths only, with a step budget.
    let mut readings: Vec<Vec<T>> = Vec::new();
    let mut stack: Vec<(usize, Vec<T>)> = vec![(0, Vec::new())];
    let mut budget = 10_000usize;
    let mut exhausted = false;
    while let Some((i, path)) = stack.pop() {
        if readings.len() >= MAX_READINGS {
            break;
        }
        if budget == 0 {
            exhausted = true;
            break;
        }
        budget -= 1;
        if i == n {
            if !readings.contains(&path) {
                readings.push(path);
            }
            continue;
        }
        for &(v, e) in matches.get(i).map(Vec::as_slice).unwrap_or_default() {
            if ways.get(e).copied().unwrap_or(false) {
                let mut p = path.clone();
                p.push(v);
                stack.push((e, p));
            }
        }
    }
    if exhausted {
        // Not every path was followed: do not claim the reading found is the only one.
        return Segmented::Incomplete(readings);
    }
    Segmented::Readings(readings)
}

/// `s` normalised as [`crate::state::normalize`] does, with the byte offset in `s` of each
/// normalised byte (and `s.len()` at the end).
fn normalize_with_offsets(s: &str) -> (String, Vec<usize>) {
    let mut norm = String::with_capacity(s.len());
    let mut at = Vec::with_capacity(s.len() + 1);
    let mut buf = [0u8; 4];
    for (i, c) in s.char_indices() {
        let piece = crate::state::normalize(c.encode_utf8(&mut buf));
        for _ in 0..piece.len() {
            at.push(i);
        }
        norm.push_str(&piece);
    }
    at.push(s.len());
    (norm, at)
}

/// Reads State names written with no separator, e.g. `ChileEstoniaSloveniaTunisiaUruguay`.
///
/// Matching ignores case, spaces, punctuation and accents (as [`State::resolve`] does), so a
/// list with separators (`Chile, Estonia`) reads too. A string that is itself one spelling or
/// code resolves directly.
///
/// ```
/// use upr::read::uhri::{split_states, StateSplit};
/// use upr::State;
/// let chile = State::resolve("Chile")?;
/// let sle = State::resolve("Sierra Leone")?;
/// assert_eq!(split_states("Sierra LeoneChile"), StateSplit::Unique(vec![sle, chile]));
/// assert!(matches!(split_states("ChileAtlantis"), StateSplit::Leftover { .. }));
/// # Ok::<(), upr::Error>(())
/// ```
pub fn split_states(concatenated: &str) -> StateSplit {
    let t = concatenated.trim();
    if t.is_empty() {
        return StateSplit::Unique(Vec::new());
    }
    if let Ok(s) = State::resolve(t) {
        return StateSplit::Unique(vec![s]);
    }
    let (norm, at) = normalize_with_offsets(t);
    if norm.is_empty() {
        return StateSplit::Leftover {
            read: Vec::new(),
            rest: t.to_owned(),
        };
    }
    match segment(&norm, crate::state::spellings()) {
        Segmented::Readings(mut r) if r.len() == 1 => {
            StateSplit::Unique(r.pop().unwrap_or_default())
        }
        Segmented::Readings(r) | Segmented::Incomplete(r) => StateSplit::Ambiguous(r),
        Segmented::Stuck(furthest, read) => {
            let from = at.get(furthest).copied().unwrap_or(0);
            StateSplit::Leftover {
                read,
                rest: t.get(from..).unwrap_or(t).trim().to_owned(),
            }
        }
    }
}

/// The States named inside one bracket: `Chile`, `Bolivia (Plurinational State of)`, `Cuba,
/// Ghana and the Netherlands`, `Sierra Le one` (Word's stray space). Returns the States and the
/// names that resolve nowhere.
fn names_in(content: &str) -> (Vec<State>, Vec<String>) {
    if let StateSplit::Unique(v) = split_states(content) {
        if !v.is_empty() {
            return (v, Vec::new());
        }
    }
    let mut states = Vec::new();
    let mut unresolved = Vec::new();
    let mut depth = 0usize;
    let mut pieces = Vec::new();
    let mut from = 0usize;
    for (i, c) in content.char_indices() {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            ',' | ';' if depth == 0 => {
                pieces.push(content.get(from..i).unwrap_or_default());
                from = i + 1;
            }
            _ => {}
        }
    }
    pieces.push(content.get(from..).unwrap_or_default());
    for piece in pieces {
        let piece = piece.trim();
        let piece = piece.strip_prefix("and ").unwrap_or(piece).trim();
        if piece.is_empty() {
            continue;
        }
        let mut names = vec![piece];
        if !matches!(split_states(piece), StateSplit::Unique(ref v) if !v.is_empty()) {
            names = piece.split(" and ").collect();
        }
        for name in names {
            match split_states(name) {
                StateSplit::Unique(v) if !v.is_empty() => states.extend(v),
                _ => unresolved.push(name.trim().to_owned()),
            }
        }
    }
    (states, unresolved)
}

/// A recommendation's text taken apart (see [`split_text`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct TextSplit {
    /// The text without the States, the parts of a cluster joined with `; `.
    pub(crate) text: String,
    /// The States in brackets, in order, no duplicates.
    pub(crate) states: Vec<State>,
    /// Names in those brackets that resolve nowhere.
    pub(crate) unresolved: Vec<String>,
}

/// Takes a recommendation's text (after its paragraph number) apart into text and recommending
/// States: `Ratify the OP-CAT; (Chile); (Czech Republic);`, `A (New Zealand); B (Uruguay)
/// (Mali);`, `A (Argentina) ;B (Australia);`.
///
/// The last bracket, at the end of the text, always names the recommending States (names that
/// do not resolve are listed as unresolved). A bracket inside the text ends one part of a
/// cluster when all its names resolve and it is followed by `;`, `.`, or another such bracket;
/// other brackets (`(ICPPED)`, `(2000)`) stay in the text. `None` when the text does not end with
/// a bracket.
pub(crate) fn split_text(body: &str) -> Option<TextSplit> {
    let body = clean(body);
    let t = body.trim_end_matches(|c: char| c.is_whitespace() || ";.,:".contains(c));
    // Top-level bracket groups (open, close exclusive), as the Working Group report reader finds
    // them (an unclosed '(' in the text does not swallow the States' bracket).
    let groups = super::wg_report::bracket_groups(t);
    let last = groups.len().checked_sub(1)?;
    if groups.get(last).is_none_or(|g| g.1 != t.len()) {
        return None;
    }
    let inner = |(open, close): (usize, usize)| t.get(open + 1..close - 1).unwrap_or_default();
    let mut names: Vec<(Vec<State>, Vec<String>)> =
        groups.iter().map(|&g| names_in(inner(g))).collect();
    let mut is_states = vec![false; groups.len()];
    for k in (0..groups.len()).rev() {
        let (Some(&(_, close)), Some((st, un))) = (groups.get(k), names.get(k)) else {
            continue;
        };
        let ends = if k == last {
            true
        } else if st.is_empty() || !un.is_empty() {
            false
        } else {
            let after = t.get(close..).unwrap_or_default().trim_start();
            let next_is_states = groups
                .get(k + 1)
                .is_some_and(|&(o, _)| t.get(close..o).is_some_and(|gap| gap.trim().is_empty()))
                && is_states.get(k + 1).copied().unwrap_or(false);
            after.starts_with([';', '.']) || next_is_states
        };
        if let Some(x) = is_states.get_mut(k) {
            *x = ends;
        }
    }
    let mut parts: Vec<String> = Vec::new();
    let mut states = Vec::new();
    let mut unresolved = Vec::new();
    let mut from = 0usize;
    for (k, &(open, close)) in groups.iter().enumerate() {
        if !is_states.get(k).copied().unwrap_or(false) {
            continue;
        }
        let part = t
            .get(from..open)
            .unwrap_or_default()
            .trim_start_matches(|c: char| c.is_whitespace() || ";.,".contains(c))
            .trim_end_matches(|c: char| c.is_whitespace() || ";,:".contains(c));
        if !part.is_empty() {
            parts.push(part.to_owned());
        }
        if let Some((st, un)) = names.get_mut(k) {
            states.append(st);
            unresolved.append(un);
        }
        from = close;
    }
    Some(TextSplit {
        text: parts.join("; "),
        states: dedup_states(states),
        unresolved,
    })
}

fn group_keys() -> &'static [(String, RegionalGroup)] {
    static KEYS: std::sync::OnceLock<Vec<(String, RegionalGroup)>> = std::sync::OnceLock::new();
    KEYS.get_or_init(|| {
        RegionalGroup::VARIANTS
            .iter()
            .flat_map(|g| {
                [g.name(), g.upr_info_code()]
                    .into_iter()
                    .map(move |s| (crate::state::normalize(s), *g))
            })
            .collect()
    })
}

/// Regional groups, one per item, or run together in one item.
fn parse_groups(items: &[String]) -> std::result::Result<Vec<RegionalGroup>, String> {
    let mut out = Vec::new();
    for item in items {
        for piece in dash_list(item) {
            if let Ok(g) = RegionalGroup::parse(&piece) {
                out.push(g);
                continue;
            }
            let (norm, _) = normalize_with_offsets(&piece);
            match segment(&norm, group_keys()) {
                Segmented::Readings(r) if r.len() == 1 => {
                    out.extend(r.into_iter().flatten());
                }
                _ => return Err(piece),
            }
        }
    }
    Ok(out)
}

fn dedup_states(v: impl IntoIterator<Item = State>) -> Vec<State> {
    let mut out = Vec::new();
    for s in v {
        if !out.contains(&s) {
            out.push(s);
        }
    }
    out
}

fn same_set(a: &[State], b: &[State]) -> bool {
    a.iter().all(|s| b.contains(s)) && b.iter().all(|s| a.contains(s))
}

fn codes(v: &[State]) -> String {
    v.iter().map(|s| s.alpha3()).collect::<Vec<_>>().join(", ")
}

// ---------------------------------------------------------------------------------------------
// Records.

/// One recommendation read from the UHRI (CSV export or JSON).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UhriRecord {
    /// 1-based record number: CSV row (header not counted) or JSON array item.
    pub record: usize,
    /// The paragraph number at the start of the text (`166.6`), if any.
    pub paragraph: Option<ParagraphRef>,
    /// The text without paragraph number and recommending States.
    pub text: String,
    /// The recommending States, in order, no duplicates.
    pub recommending: Vec<State>,
    /// Recommending State names that resolve nowhere (see the [module docs](self)).
    pub unresolved: Vec<String>,
    /// The position of the State under review; `None` when the source gives none.
    pub position: Option<UprPosition>,
    /// UHRI themes.
    pub themes: Vec<UhriTheme>,
    /// SDGs (JSON layout).
    pub sdgs: Vec<Sdg>,
    /// Affected persons.
    pub affected_persons: Vec<AffectedPersons>,
    /// The State under review (`countries_concerned`), when given.
    pub state_under_review: Option<State>,
    /// The Human Rights Council session at which the outcome was adopted (`28th Session`).
    pub council_session: Option<u16>,
    /// The review cycle.
    pub cycle: Option<Cycle>,
    /// The document symbol of the Working Group report.
    pub document: Option<DocumentSymbol>,
    /// The recommending States' regional groups as the source gives them (JSON layout).
    pub recommending_regions: Vec<RegionalGroup>,
}

impl UhriRecord {
    /// The response event of this record's position, given the date it was made public.
    /// `None` when the record has no position.
    ///
    /// The stage is [`Stage::Addendum`]: OHCHR records the positions a State gives in the
    /// addendum to the Working Group report (or at the adoption of the outcome).
    pub fn response_event(
        &self,
        date: NaiveDate,
        precision: DatePrecision,
    ) -> Option<ResponseEvent> {
        self.position.map(|p| ResponseEvent {
            stage: Stage::Addendum,
            date,
            precision,
            status: p.status(),
            source: SourceId::from(SOURCE),
        })
    }

    /// The record as a crate [`Recommendation`], filed under the Working Group `session` (UHRI
    /// gives only the Council session).
    ///
    /// The position becomes a [`ResponseEvent`] only when `position_date` is given (the day it
    /// was made public); without a date there is no event, and the position stays on the record
    /// (copy [`UhriRecord::position`] before converting).
    ///
    /// # Errors
    /// [`Error::Invalid`] when the record names no State under review, or when `session` is not
    /// in the record's cycle.
    pub fn into_recommendation(
        self,
        session: Session,
        position_date: Option<NaiveDate>,
    ) -> Result<Recommendation> {
        let name = self
            .paragraph
            .map_or_else(|| format!("record {}", self.record), |p| p.to_string());
        let state = self.state_under_review.ok_or_else(|| {
            Error::invalid(
                "UHRI record",
                name.as_str(),
                "it names no State under review (countries_concerned)",
            )
        })?;
        if let Some(c) = self.cycle {
            if session.cycle() != c {
                return Err(Error::invalid(
                    "working group session",
                    session.to_string(),
                    format!(
                        "it is in cycle {}, and UHRI record {name} is from cycle {c}",
                        session.cycle()
                    ),
                ));
            }
        }
        let event = position_date.and_then(|d| self.response_event(d, DatePrecision::Day));
        let mut rec = Recommendation::new(state, session, self.text, SourceId::from(SOURCE))
            .with_recommending(self.recommending);
        if let Some(p) = self.paragraph {
            rec = rec.with_reference(p);
        }
        if let Some(d) = self.document {
            rec = rec.with_document(d);
        }
        if let Some(e) = event {
            rec = rec.with_response(e);
        }
        Ok(rec)
    }
}

/// The fields of one record, whichever the layout, before interpretation.
#[derive(Default)]
struct Raw {
    text: Option<String>,
    states: Vec<String>,
    positions: Vec<String>,
    themes: Vec<String>,
    sdgs: Vec<String>,
    affected: Vec<String>,
    concerned: Vec<String>,
    body: Vec<String>,
    kind: Vec<String>,
    session: Vec<String>,
    cycle: Vec<String>,
    document: Option<String>,
    regions: Vec<String>,
}

/// The names of the fields in one layout, for messages.
struct Names {
    text: &'static str,
    states: &'static str,
    position: &'static str,
    themes: &'static str,
    sdgs: &'static str,
    affected: &'static str,
    concerned: &'static str,
    body: &'static str,
    kind: &'static str,
    session: &'static str,
    cycle: &'static str,
    document: &'static str,
    regions: &'static str,
}

const CSV_NAMES: Names = Names {
    text: "text",
    states: "upr_reccomending_states",
    position: "upr_position",
    themes: "themes",
    sdgs: "sdgs",
    affected: "affected_persons",
    concerned: "countries_concerned",
    body: "reccomending_body",
    kind: "type",
    session: "upr_session",
    cycle: "upr_session",
    document: "document_symbol",
    regions: "upr_recommending_regions",
};

const JSON_NAMES: Names = Names {
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

/// A problem that strict mode reports as an error and lenient mode repairs (keeping the record).
pub(crate) fn flaw(
    problems: &mut Problems,
    mode: Mode,
    loc: Location,
    expected: &str,
    repair: &str,
    found: &str,
) -> Result<()> {
    match mode {
        Mode::Strict => problems.skip(loc, expected, found),
        Mode::Lenient => {
            problems.repair(loc, format!("expected {expected}; {repair}"), found);
            Ok(())
        }
    }
}

/// A Council session written `28th Session`, `Session 28`, `HRC 28` or `28`.
fn council_session(piece: &str) -> Option<u16> {
    let low = clean(piece).to_ascii_lowercase();
    let t = low.strip_prefix("hrc").unwrap_or(&low).trim();
    let t = t.strip_prefix("session").unwrap_or(t).trim();
    let t = t.strip_suffix("session").unwrap_or(t).trim();
    let (n, len) = leading_number(t, 3)?;
    let suffix = t.get(len..)?.trim();
    (matches!(suffix, "" | "st" | "nd" | "rd" | "th") && n > 0).then_some(n)
}

/// A cycle written `Cycle 2`, `2nd cycle`, or (where `bare` allows) `2`.
fn cycle_piece(piece: &str, bare: bool) -> Option<Cycle> {
    let low = clean(piece).to_ascii_lowercase();
    let named = low.starts_with("cycle") || low.ends_with("cycle");
    if !named && !bare {
        return None;
    }
    let t = low.strip_suffix("cycle").unwrap_or(&low).trim();
    t.parse::<Cycle>().ok()
}

fn is_word(pieces: &[String], words: &[&str]) -> bool {
    pieces
        .iter()
        .any(|p| words.iter().any(|w| p.eq_ignore_ascii_case(w)))
}

/// Takes the paragraph number off the start of a text: `166.6. Ratify` gives `166.6` and
/// `Ratify`.
fn take_paragraph(text: &str) -> (Option<ParagraphRef>, String) {
    let t = clean(text);
    if let Some((first, rest)) = t.split_once(' ') {
        let num = first.strip_suffix('.').unwrap_or(first);
        if num.starts_with(|c: char| c.is_ascii_digit()) {
            if let Ok(p) = num.parse::<ParagraphRef>() {
                return (Some(p), rest.trim().to_owned());
            }
        }
    }
    (None, t)
}

/// Interprets one record. `Ok(None)`: skipped (lenient mode).
fn build(
    raw: Raw,
    record: usize,
    names: &Names,
    problems: &mut Problems,
    mode: Mode,
) -> Result<Option<UhriRecord>> {
    let loc = Location::Record(record);
    // Rows that are not UPR recommendations.
    let body: Vec<String> = raw.body.iter().flat_map(|b| dash_list(b)).collect();
    if !body.is_empty() && !is_word(&body, &["UPR", "Universal Periodic Review"]) {
        problems.skip(
            loc,
            format!("a UPR recommendation ({} UPR)", names.body),
            &body.join("; "),
        )?;
        return Ok(None);
    }
    let kind: Vec<String> = raw.kind.iter().flat_map(|b| dash_list(b)).collect();
    if !kind.is_empty() && !is_word(&kind, &["Recommendations", "Recommendation"]) {
        problems.skip(
            loc,
            format!("a recommendation ({} Recommendations)", names.kind),
            &kind.join("; "),
        )?;
        return Ok(None);
    }
    let raw_text = raw.text.as_deref().map(clean).unwrap_or_default();
    if raw_text.is_empty() {
        problems.skip(loc, format!("a recommendation text in {}", names.text), "")?;
        return Ok(None);
    }

    // Text: number, clean text, States in brackets.
    let (paragraph, body) = take_paragraph(&raw_text);
    let (text, text_states, text_unresolved) = match split_text(&body) {
        Some(s) => (s.text, Some(s.states), s.unresolved),
        None => (body, None, Vec::new()),
    };
    if text.is_empty() {
        problems.skip(
            loc,
            format!("a recommendation text before the States in {}", names.text),
            &raw_text,
        )?;
        return Ok(None);
    }
    if text_states.is_none() {
        flaw(
            problems,
            mode,
            loc,
            &format!(
                "recommending States in brackets at the end of {}",
                names.text
            ),
            "kept the text as written",
            &raw_text,
        )?;
    }
    let text_ok = text_states
        .as_ref()
        .is_some_and(|v| !v.is_empty() && text_unresolved.is_empty());

    // Recommending States: the column, cross-checked with the text.
    let column = raw.states.join("");
    let listed: Option<Vec<State>> = raw.states.iter().map(|s| State::resolve(s).ok()).collect();
    let reading = match listed {
        Some(v) if raw.states.len() > 1 => StateSplit::Unique(v),
        _ => split_states(&column),
    };
    let fallback = |unresolved: &mut Vec<String>| -> Vec<State> {
        unresolved.extend(text_unresolved.iter().cloned());
        text_states.clone().unwrap_or_default()
    };
    let mut unresolved = Vec::new();
    let recommending = match reading {
        StateSplit::Unique(v) => {
            if v.is_empty() && !text_ok {
                flaw(
                    problems,
                    mode,
                    loc,
                    &format!("recommending States in {} or in the text", names.states),
                    "kept with the States found",
                    &raw_text,
                )?;
                fallback(&mut unresolved)
            } else if v.is_empty() {
                flaw(
                    problems,
                    mode,
                    loc,
                    &format!("recommending States in {}", names.states),
                    "took the States in brackets in the text",
                    &column,
                )?;
                fallback(&mut unresolved)
            } else {
                if let Some(ts) = &text_states {
                    if !same_set(&v, ts) || !text_unresolved.is_empty() {
                        let txt = if text_unresolved.is_empty() {
                            codes(ts)
                        } else {
                            format!("{}; unknown {:?}", codes(ts), text_unresolved)
                        };
                        flaw(
                            problems,
                            mode,
                            loc,
                            &format!(
                                "the same recommending States in {} ({}) as in brackets in the text ({txt})",
                                names.states,
                                codes(&v)
                            ),
                            &format!("kept those of {}", names.states),
                            &column,
                        )?;
                        unresolved.extend(text_unresolved.iter().cloned());
                    }
                }
                v
            }
        }
        StateSplit::Ambiguous(readings) => {
            // The text settles it when one reading names the same States (in any order: the
            // text's order is kept).
            let settled = match (&text_states, text_ok) {
                (Some(ts), true) if readings.iter().any(|r| same_set(r, ts)) => Some(ts.clone()),
                _ => None,
            };
            match settled {
                Some(v) => v,
                None => {
                    let alts = readings
                        .iter()
                        .map(|r| format!("[{}]", codes(r)))
                        .collect::<Vec<_>>()
                        .join(" or ");
                    flaw(
                        problems,
                        mode,
                        loc,
                        &format!(
                            "one reading of {} (it reads as {alts}, and the brackets in the text do not settle it)",
                            names.states
                        ),
                        "took the States in brackets in the text",
                        &column,
                    )?;
                    let v = fallback(&mut unresolved);
                    if v.is_empty() {
                        unresolved.push(column.clone());
                    }
                    v
                }
            }
        }
        StateSplit::Leftover { read, rest } => {
            let read_part = if read.is_empty() {
                String::new()
            } else {
                format!(" after {}", codes(&read))
            };
            flaw(
                problems,
                mode,
                loc,
                &format!(
                    "State names run together in {} (no State name matches {rest:?}{read_part})",
                    names.states
                ),
                if text_ok {
                    "took the States in brackets in the text"
                } else {
                    "kept the names that resolve"
                },
                &column,
            )?;
            if text_ok {
                fallback(&mut unresolved)
            } else {
                unresolved.push(rest);
                let mut v = read;
                v.extend(text_states.clone().unwrap_or_default());
                unresolved.extend(text_unresolved.iter().cloned());
                v
            }
        }
    };
    let recommending = dedup_states(recommending);
    let mut seen = Vec::new();
    unresolved.retain(|u| {
        let new = !seen.contains(u);
        if new {
            seen.push(u.clone());
        }
        new
    });

    // Position.
    let mut positions: Vec<UprPosition> = Vec::new();
    for p in raw.positions.iter().filter(|p| !clean(p).is_empty()) {
        match UprPosition::parse(p) {
            Ok(v) => {
                if !positions.contains(&v) {
                    positions.push(v);
                }
            }
            Err(_) => flaw(
                problems,
                mode,
                loc,
                &format!("Supported, Noted or Supported/Noted in {}", names.position),
                "left the position out",
                p,
            )?,
        }
    }
    let position = match positions.as_slice() {
        [] => None,
        [one] => Some(*one),
        many => {
            let all = many.iter().map(|p| p.name()).collect::<Vec<_>>().join(", ");
            flaw(
                problems,
                mode,
                loc,
                &format!("one position in {}", names.position),
                "left the position out",
                &all,
            )?;
            None
        }
    };

    // Themes, SDGs, affected persons.
    let mut themes = Vec::new();
    for t in &raw.themes {
        for piece in t.split(['\n', '|']) {
            match UhriTheme::parse_list(piece) {
                Ok(v) => themes.extend(v),
                Err(_) => flaw(
                    problems,
                    mode,
                    loc,
                    &format!(
                        "UHRI themes such as 2.1. Acceptance of international norms in {}",
                        names.themes
                    ),
                    "left the theme out",
                    piece,
                )?,
            }
        }
    }
    let mut sdgs = Vec::new();
    for s in raw.sdgs.iter().filter(|s| !clean(s).is_empty()) {
        match Sdg::parse(s) {
            Ok(g) => {
                if !sdgs.contains(&g) {
                    sdgs.push(g);
                }
            }
            Err(_) => flaw(
                problems,
                mode,
                loc,
                &format!("an SDG 1-17 in {}", names.sdgs),
                "left it out",
                s,
            )?,
        }
    }
    let affected_persons: Vec<AffectedPersons> = raw
        .affected
        .iter()
        .flat_map(|a| AffectedPersons::parse_list(a))
        .collect();

    // State under review.
    let concerned: Vec<String> = raw.concerned.iter().flat_map(|c| dash_list(c)).collect();
    let state_under_review = match concerned.as_slice() {
        [] => None,
        [one] => match State::resolve(one) {
            Ok(s) => Some(s),
            Err(_) => {
                flaw(
                    problems,
                    mode,
                    loc,
                    &format!("a known State name in {}", names.concerned),
                    "left the State under review out",
                    one,
                )?;
                None
            }
        },
        many => {
            flaw(
                problems,
                mode,
                loc,
                &format!("one State under review in {}", names.concerned),
                "left the State under review out",
                &many.join("; "),
            )?;
            None
        }
    };

    // Council session and cycle.
    let mut session = None;
    let mut cycle = None;
    // The cycle field first: it wins over a cycle written in the session field.
    let session_pieces: Vec<(String, bool)> = raw
        .cycle
        .iter()
        .flat_map(|s| dash_list(s))
        .map(|p| (p, true))
        .chain(
            raw.session
                .iter()
                .flat_map(|s| dash_list(s))
                .map(|p| (p, false)),
        )
        .collect();
    for (piece, in_cycle_field) in &session_pieces {
        let field = if *in_cycle_field {
            names.cycle
        } else {
            names.session
        };
        if let Some(c) = cycle_piece(piece, *in_cycle_field) {
            if cycle.is_some_and(|x| x != c) {
                flaw(
                    problems,
                    mode,
                    loc,
                    &format!("one cycle in {field}"),
                    "kept the first",
                    piece,
                )?;
            } else {
                cycle = Some(c);
            }
        } else if let Some(n) = (!*in_cycle_field).then(|| council_session(piece)).flatten() {
            if session.is_some_and(|x| x != n) {
                flaw(
                    problems,
                    mode,
                    loc,
                    &format!("one session in {field}"),
                    "kept the first",
                    piece,
                )?;
            } else {
                session = Some(n);
            }
        } else {
            flaw(
                problems,
                mode,
                loc,
                &format!("a session such as 28th Session or a cycle such as Cycle 2 in {field}"),
                "left it out",
                piece,
            )?;
        }
    }

    // Document symbol, checked against the session.
    let document = match raw.document.as_deref().map(clean).filter(|d| !d.is_empty()) {
        None => None,
        Some(d) => match DocumentSymbol::new(&d) {
            Ok(sym) => Some(sym),
            Err(_) => {
                flaw(
                    problems,
                    mode,
                    loc,
                    &format!(
                        "a document symbol such as A/HRC/28/16 in {}",
                        names.document
                    ),
                    "left it out",
                    &d,
                )?;
                None
            }
        },
    };
    if let (Some(doc), Some(s)) = (&document, session) {
        if let Some(ds) = doc.council_session() {
            if ds != s {
                flaw(
                    problems,
                    mode,
                    loc,
                    &format!("the Council session of {doc} ({ds}) in {}", names.session),
                    &format!("kept session {s}"),
                    &raw.session.join(" "),
                )?;
            }
        }
    }

    let recommending_regions = match parse_groups(&raw.regions) {
        Ok(g) => g,
        Err(piece) => {
            flaw(
                problems,
                mode,
                loc,
                &format!("regional groups in {}", names.regions),
                "left them out",
                &piece,
            )?;
            Vec::new()
        }
    };

    Ok(Some(UhriRecord {
        record,
        paragraph,
        text,
        recommending,
        unresolved,
        position,
        themes,
        sdgs,
        affected_persons,
        state_under_review,
        council_session: session,
        cycle,
        document,
        recommending_regions,
    }))
}

// ---------------------------------------------------------------------------------------------
// CSV.

fn options_for_path(path: &Path, options: &ReadOptions) -> ReadOptions {
    options.named_after(path)
}

/// Reads a UHRI CSV export from any reader.
///
/// # Errors
/// A header without `text`, `upr_reccomending_states` and `upr_position`, undecodable bytes, an
/// I/O failure; in strict mode also the first problem listed in the [module docs](self), as
/// [`Error::Parse`] with its record number.
pub fn read(reader: impl std::io::Read, options: &ReadOptions) -> Result<Parsed<UhriRecord>> {
    let bytes = read_all(reader, options)?;
    let (text, used) = encoding::decode(&bytes, options.get_encoding())?;
    read_csv_str(&text, used, options)
}

/// Reads a UHRI CSV export file (its path names it in errors unless the options name it).
///
/// # Errors
/// As [`read`], and [`Error::Io`] if the file cannot be opened.
pub fn read_path(path: impl AsRef<Path>, options: &ReadOptions) -> Result<Parsed<UhriRecord>> {
    let path = path.as_ref();
    let file = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
    read(
        std::io::BufReader::new(file),
        &options_for_path(path, options),
    )
}

fn header_error(options: &ReadOptions, expected: String, found: String) -> Error {
    Error::Parse(ParseError {
        input: options.get_name().into(),
        location: Location::Line(1),
        expected,
        found,
    })
}

fn read_csv_str(
    text: &str,
    used: crate::Encoding,
    options: &ReadOptions,
) -> Result<Parsed<UhriRecord>> {
    let mode = options.get_mode();
    let mut problems = Problems::new(options);
    let mut csv = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(text.as_bytes());
    let header = csv
        .headers()
        .map_err(|e| header_error(options, "a CSV header".into(), e.to_string()))?
        .clone();
    let col = |names: &[&str]| {
        header
            .iter()
            .position(|h| names.iter().any(|n| h.trim().eq_ignore_ascii_case(n)))
    };
    let need = |names: &[&str]| {
        col(names).ok_or_else(|| {
            header_error(
                options,
                "a header with the UHRI columns text, upr_reccomending_states and upr_position"
                    .into(),
                header.iter().collect::<Vec<_>>().join(","),
            )
        })
    };
    let i_text = need(&["text"])?;
    let i_states = need(&["upr_reccomending_states", "upr_recommending_states"])?;
    let i_pos = need(&["upr_position"])?;
    let i_themes = col(&["themes"]);
    let i_affected = col(&["affected_persons"]);
    let i_concerned = col(&["countries_concerned"]);
    let i_body = col(&["reccomending_body", "recommending_body"]);
    let i_session = col(&["upr_session"]);
    let i_document = col(&["document_symbol"]);
    let i_type = col(&["type"]);
    let i_sdgs = col(&["sdgs"]);

    let mut out = Vec::new();
    let mut row = csv::StringRecord::new();
    let mut n = 0usize;
    while next_csv_record(&mut csv, &mut row, &mut n, &mut problems)? {
        n += 1;
        if row.iter().all(|f| f.trim().is_empty()) {
            if row.len() > 1 {
                problems.skip(Location::Record(n), "a record with fields", "")?;
            }
            continue; // a blank line
        }
        if row.len() < header.len() {
            problems.skip(
                Location::Record(n),
                format!("{} fields as in the header", header.len()),
                &row.iter().collect::<Vec<_>>().join(","),
            )?;
            continue;
        }
        let get = |i: usize| row.get(i).unwrap_or_default().to_owned();
        let opt = |i: Option<usize>| i.map(get).into_iter().collect::<Vec<_>>();
        let raw = Raw {
            text: Some(get(i_text)),
            states: vec![get(i_states)],
            positions: vec![get(i_pos)],
            themes: opt(i_themes),
            sdgs: opt(i_sdgs)
                .iter()
                .flat_map(|s| s.split([',', ';']).map(str::to_owned).collect::<Vec<_>>())
                .collect(),
            affected: opt(i_affected),
            concerned: opt(i_concerned),
            body: opt(i_body),
            kind: opt(i_type),
            session: opt(i_session),
            cycle: Vec::new(),
            document: i_document.map(get),
            regions: Vec::new(),
        };
        if let Some(r) = build(raw, n, &CSV_NAMES, &mut problems, mode)? {
            out.push(r);
        }
    }
    let report = problems.finish(used, out.len());
    Ok(Parsed {
        records: out,
        report,
    })
}

// ---------------------------------------------------------------------------------------------
// JSON.

/// A JSON value as a list of strings: a string, a number, or an array of them (`null` and a
/// missing key give none). `Err` names the JSON type found otherwise.
fn strings(v: Option<&serde_json::Value>) -> std::result::Result<Vec<String>, &'static str> {
    use serde_json::Value;
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
                if let Some(s) = one(i)? {
                    out.push(s);
                }
            }
            Ok(out)
        }
        Some(v) => Ok(one(v)?.into_iter().collect()),
    }
}

/// Reads UHRI records in the JSON layout (an array of objects, see the [module docs](self)).
///
/// # Errors
/// Input that is not JSON (with its line), JSON that is not an array, undecodable bytes, an I/O
/// failure; in strict mode also the first problem listed in the module docs, as
/// [`Error::Parse`] with the 1-based array index as record number.
pub fn read_json(reader: impl std::io::Read, options: &ReadOptions) -> Result<Parsed<UhriRecord>> {
    let bytes = read_all(reader, options)?;
    let (text, used) = encoding::decode(&bytes, options.get_encoding())?;
    read_json_str(&text, used, options)
}

/// Reads a UHRI JSON file (its path names it in errors unless the options name it).
///
/// # Errors
/// As [`read_json`], and [`Error::Io`] if the file cannot be opened.
pub fn read_json_path(path: impl AsRef<Path>, options: &ReadOptions) -> Result<Parsed<UhriRecord>> {
    let path = path.as_ref();
    let file = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
    read_json(
        std::io::BufReader::new(file),
        &options_for_path(path, options),
    )
}

fn read_json_str(
    text: &str,
    used: crate::Encoding,
    options: &ReadOptions,
) -> Result<Parsed<UhriRecord>> {
    use serde_json::Value;
    let mode = options.get_mode();
    let value: Value = serde_json::from_str(text).map_err(|e| {
        Error::Parse(ParseError {
            input: options.get_name().into(),
            location: Location::Line(e.line().max(1)),
            expected: "JSON".into(),
            found: e.to_string(),
        })
    })?;
    let Value::Array(items) = value else {
        return Err(Error::Parse(ParseError {
            input: options.get_name().into(),
            location: Location::Whole,
            expected: "a JSON array of UHRI records".into(),
            found: super::excerpt(text.trim()),
        }));
    };
    let mut problems = Problems::new(options);
    let mut out = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let n = i + 1;
        let loc = Location::Record(n);
        let Value::Object(map) = item else {
            problems.skip(loc, "a JSON object with the UHRI keys", &item.to_string())?;
            continue;
        };
        let mut raw = Raw::default();
        let mut bad_keys = Vec::new();
        let mut take = |key: &'static str| -> Vec<String> {
            match strings(map.get(key)) {
                Ok(v) => v,
                Err(kind) => {
                    bad_keys.push((key, kind));
                    Vec::new()
                }
            }
        };
        let texts = take(JSON_NAMES.text);
        raw.states = take(JSON_NAMES.states);
        raw.positions = take(JSON_NAMES.position);
        raw.themes = take(JSON_NAMES.themes);
        raw.sdgs = take(JSON_NAMES.sdgs);
        raw.affected = take(JSON_NAMES.affected);
        raw.session = take(JSON_NAMES.session);
        raw.cycle = take(JSON_NAMES.cycle);
        raw.regions = take(JSON_NAMES.regions);
        for (key, kind) in bad_keys {
            flaw(
                &mut problems,
                mode,
                loc,
                &format!("a string, a number or an array of them in {key}"),
                "left the key out",
                kind,
            )?;
        }
        if texts.len() > 1 {
            problems.skip(loc, "one string in Text", &texts.join(" | "))?;
            continue;
        }
        raw.text = texts.into_iter().next();
        if let Some(r) = build(raw, n, &JSON_NAMES, &mut problems, mode)? {
            out.push(r);
        }
    }
    let report = problems.finish(used, out.len());
    Ok(Parsed {
        records: out,
        report,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn st(name: &str) -> State {
        State::resolve(name).unwrap()
    }

    #[test]
    fn themes_parse_and_round_trip() {
        let t = UhriTheme::parse("2.1. Acceptance of international norms").unwrap();
        assert_eq!(t.code().as_str(), "2.1");
        assert!(t.code().is_numbered());
        assert_eq!(t.name(), "Acceptance of international norms");
        assert_eq!(t.to_string(), "2.1. Acceptance of international norms");
        let a = UhriTheme::parse("A12 Acceptance of international norms").unwrap();
        assert_eq!(a.code().letter(), Some('A'));
        assert_eq!(a.to_string(), "A12 Acceptance of international norms");
        let s = UhriTheme::parse("S Sustainable Development Goal implementation").unwrap();
        assert_eq!(s.code().sdg(), None);
        assert_eq!(
            UhriTheme::parse("S04 SDG 4 - education")
                .unwrap()
                .code()
                .sdg(),
            Some(Sdg::new(4).unwrap())
        );
        for x in [t, a, s] {
            let j = serde_json::to_string(&x).unwrap();
            assert_eq!(serde_json::from_str::<UhriTheme>(&j).unwrap(), x);
            assert_eq!(x.to_string().parse::<UhriTheme>().unwrap(), x);
        }
        assert_eq!(
            UhriTheme::parse("Death penalty").unwrap_err().to_string(),
            r#"invalid UHRI theme "Death penalty": expected a code and a name, e.g. 2.1. Acceptance of international norms or A12 Acceptance of international norms"#
        );
        assert_eq!(
            ThemeCode::new("2.100").unwrap_err().to_string(),
            r#"invalid UHRI theme code "2.100": expected a numbered code such as 2.1 or a lettered code such as A12"#
        );
    }

    #[test]
    fn run_together_themes() {
        let v = UhriTheme::parse_list(
            "10. Discrimination against women29.1. Discrimination against women 5.2. Institutions & policies",
        )
        .unwrap();
        let codes: Vec<&str> = v.iter().map(|t| t.code().as_str()).collect();
        assert_eq!(codes, ["10", "29.1", "5.2"]);
        assert_eq!(v[0].name(), "Discrimination against women");
        assert_eq!(v[2].name(), "Institutions & policies");
        let v = UhriTheme::parse_list(
            "2.1. Acceptance of international norms 12.5. Prohibition of torture and cruel, inhuman or degrading treatment",
        )
        .unwrap();
        assert_eq!(v.len(), 2);
        assert!(UhriTheme::parse_list("").unwrap().is_empty());
        assert_eq!(
            UhriTheme::parse_list("General 2.1. Acceptance of international norms")
                .unwrap_err()
                .to_string(),
            r#"invalid UHRI theme "General": expected a code and a name, e.g. 2.1. Acceptance of international norms or A12 Acceptance of international norms"#
        );
    }

    #[test]
    fn sdgs() {
        for s in [
            "16",
            "SDG 16",
            "SDG16",
            "Goal 16",
            "S16",
            "S16 SDG 16 - peace, justice and strong institutions",
        ] {
            assert_eq!(Sdg::parse(s).unwrap().number(), 16, "{s}");
        }
        assert_eq!(
            Sdg::parse("S04 SDG 4\u{a0} - education").unwrap().number(),
            4
        );
        assert_eq!(Sdg::new(4).unwrap().code(), "S04");
        assert_eq!(Sdg::all().count(), 17);
        for g in Sdg::all() {
            assert_eq!(g.to_string().parse::<Sdg>().unwrap(), g);
        }
        assert_eq!(
            Sdg::parse("18").unwrap_err().to_string(),
            r#"invalid SDG "18": expected a goal 1-17, e.g. 16, SDG 16 or S16"#
        );
        assert_eq!(
            Sdg::parse("S16 SDG 4 - education").unwrap_err().to_string(),
            r#"invalid SDG "S16 SDG 4 - education": the code and the goal disagree"#
        );
        assert!(Sdg::parse("S Sustainable Development Goal implementation").is_err());
    }

    #[test]
    fn affected_persons_round_trip() {
        for a in AffectedPersons::KNOWN {
            assert_eq!(&AffectedPersons::parse(a.name()), a);
            let j = serde_json::to_string(a).unwrap();
            assert_eq!(&serde_json::from_str::<AffectedPersons>(&j).unwrap(), a);
        }
        assert_eq!(
            AffectedPersons::parse_list("general- women- persons living in poverty"),
            vec![
                AffectedPersons::General,
                AffectedPersons::Women,
                AffectedPersons::PersonsLivingInPoverty
            ]
        );
        assert_eq!(
            AffectedPersons::parse(
                "- lesbian, gay, bisexual, transgender and intersex persons (LGBTI)\u{a0}"
            ),
            AffectedPersons::Lgbti
        );
        let other = AffectedPersons::parse("Stateless persons");
        assert_eq!(other, AffectedPersons::Other("Stateless persons".into()));
        assert!(other.is_other());
        assert_eq!(AffectedPersons::parse(&other.to_string()), other);
    }

    #[test]
    fn positions() {
        assert_eq!(
            UprPosition::parse("Supported/Noted").unwrap().status(),
            ResponseStatus::PartiallySupported
        );
        for p in UprPosition::VARIANTS {
            assert_eq!(UprPosition::parse(p.name()).unwrap(), *p);
            let j = serde_json::to_string(p).unwrap();
            assert_eq!(serde_json::from_str::<UprPosition>(&j).unwrap(), *p);
        }
        assert_eq!(
            UprPosition::parse("Accepted").unwrap_err().to_string(),
            r#"unknown UPR position "Accepted" (expected Supported, Noted or Supported/Noted)"#
        );
    }

    #[test]
    fn segmentation_over_keys() {
        let keys: Vec<(String, u8)> = [("niger", 1), ("nigeria", 2), ("ia", 3), ("chile", 4)]
            .into_iter()
            .map(|(k, v)| (k.to_owned(), v))
            .collect();
        let Segmented::Readings(r) = segment("nigeriachile", &keys) else {
            panic!()
        };
        assert_eq!(r.len(), 2);
        assert!(r.contains(&vec![2, 4]) && r.contains(&vec![1, 3, 4]));
        let Segmented::Stuck(at, read) = segment("chilexyz", &keys) else {
            panic!()
        };
        assert_eq!((at, read), (5, vec![4]));
        // "xyz" splits as xy+z or x+yz, both values [1, 2]: k blocks have 2^k splits of one
        // reading. The search gives up before it has followed them all, and then does not
        // claim that the reading it found is the only one.
        let keys: Vec<(String, u8)> = [("xy", 1), ("x", 1), ("z", 2), ("yz", 2)]
            .into_iter()
            .map(|(k, v)| (k.to_owned(), v))
            .collect();
        let Segmented::Readings(r) = segment(&"xyz".repeat(3), &keys) else {
            panic!()
        };
        assert_eq!(r, vec![vec![1, 2, 1, 2, 1, 2]]);
        assert!(matches!(
            segment(&"xyz".repeat(30), &keys),
            Segmented::Incomplete(_)
        ));
    }

    #[test]
    fn split_real_names() {
        assert_eq!(
            split_states("ChileEstoniaSloveniaTunisiaUruguay"),
            StateSplit::Unique(
                ["Chile", "Estonia", "Slovenia", "Tunisia", "Uruguay"]
                    .map(st)
                    .to_vec()
            )
        );
        assert_eq!(
            split_states(
                "Iran (Islamic Republic of)Venezuela (Bolivarian Republic of)Côte d'Ivoire"
            ),
            StateSplit::Unique(
                ["IRN", "VEN", "CIV"]
                    .map(|c| State::from_alpha3(c).unwrap())
                    .to_vec()
            )
        );
        assert_eq!(
            split_states("NigeriaNiger"),
            StateSplit::Unique(vec![st("Nigeria"), st("Niger")])
        );
        assert_eq!(
            split_states("ChileAtlantisPeru"),
            StateSplit::Leftover {
                read: vec![st("Chile")],
                rest: "AtlantisPeru".into()
            }
        );
        assert_eq!(split_states(""), StateSplit::Unique(vec![]));
        assert_eq!(split_states("CAN"), StateSplit::Unique(vec![st("Canada")]));
    }

    #[test]
    fn text_and_bracketed_states() {
        let s = split_text("Ratify the OP-CAT; (Chile); (Czech Republic);").unwrap();
        assert_eq!(s.text, "Ratify the OP-CAT");
        assert_eq!(s.states, vec![st("Chile"), st("Czechia")]);
        let s = split_text("Ratify the International Convention (ICPPED) (Sierra Leone); (Togo);")
            .unwrap();
        assert_eq!(s.text, "Ratify the International Convention (ICPPED)");
        assert_eq!(s.states.len(), 2);
        let s = split_text(
            "Abolish it (Argentina) ;Work towards abolition (Australia); Proceed (Uruguay) (Mali).",
        )
        .unwrap();
        assert_eq!(s.text, "Abolish it; Work towards abolition; Proceed");
        assert_eq!(
            s.states,
            ["Argentina", "Australia", "Uruguay", "Mali"]
                .map(st)
                .to_vec()
        );
        let s = split_text("Adopt resolution 1325 (2000) (Rwanda);").unwrap();
        assert_eq!(s.text, "Adopt resolution 1325 (2000)");
        let s = split_text(
            "Do it (Iran (Islamic Republic of)); Do that (Cuba, Ghana and the Netherlands) (Sierra Le one);",
        )
        .unwrap();
        assert_eq!(s.text, "Do it; Do that");
        assert_eq!(
            s.states,
            ["Iran", "Cuba", "Ghana", "Netherlands", "Sierra Leone"]
                .map(st)
                .to_vec()
        );
        let s = split_text("Do it (Atlantis);").unwrap();
        assert_eq!(
            (s.states.len(), s.unresolved),
            (0, vec!["Atlantis".to_string()])
        );
        assert_eq!(split_text("No brackets at all"), None);
        assert_eq!(split_text("Brackets (Chile) then text"), None);
        // A '(' the source never closed does not swallow the States' bracket.
        let s = split_text("Ratify the Convention (ICPPED (Togo);").unwrap();
        assert_eq!(s.states, [st("Togo")]);
        assert!(s.unresolved.is_empty(), "{:?}", s.unresolved);
    }

    const HEADER: &str = "text,upr_reccomending_states,upr_position,themes,affected_persons,countries_concerned,reccomending_body,upr_session,document_symbol,type\n";

    fn csv(rows: &[&str]) -> String {
        let mut s = HEADER.to_owned();
        for r in rows {
            s.push_str(r);
            s.push('\n');
        }
        s
    }

    const GOOD: &str = "166.6. Ratify the Rome Statute of the ICC (Chile); (Estonia);,ChileEstonia,Noted,2.1. Acceptance of international norms,general,- Egypt,- UPR,- 28th Session - Cycle 2,A/HRC/28/16,- Recommendations";

    #[test]
    fn reads_a_good_row() {
        let p = read(csv(&[GOOD]).as_bytes(), &ReadOptions::new()).unwrap();
        assert!(p.report.problems.is_empty(), "{:?}", p.report.problems);
        let r = &p.records[0];
        assert_eq!(r.paragraph, Some("166.6".parse().unwrap()));
        assert_eq!(r.text, "Ratify the Rome Statute of the ICC");
        assert_eq!(r.recommending, vec![st("Chile"), st("Estonia")]);
        assert_eq!(r.position, Some(UprPosition::Noted));
        assert_eq!(r.themes[0].code().as_str(), "2.1");
        assert_eq!(r.affected_persons, vec![AffectedPersons::General]);
        assert_eq!(r.state_under_review, Some(st("Egypt")));
        assert_eq!(r.council_session, Some(28));
        assert_eq!(r.cycle, Some(Cycle::SECOND));
        assert_eq!(r.document.as_ref().unwrap().as_str(), "A/HRC/28/16");
        let pos = r.position;
        let rec = r
            .clone()
            .into_recommendation(Session::new(20).unwrap(), None)
            .unwrap();
        assert!(rec.responses().is_empty());
        assert_eq!(pos, Some(UprPosition::Noted));
        let d = NaiveDate::from_ymd_opt(2015, 3, 1).unwrap();
        let rec = r
            .clone()
            .into_recommendation(Session::new(20).unwrap(), Some(d))
            .unwrap();
        assert_eq!(
            rec.responses().latest().unwrap().status,
            ResponseStatus::Noted
        );
        assert_eq!(rec.recommending(), &[st("Chile"), st("Estonia")]);
        assert_eq!(
            r.clone()
                .into_recommendation(Session::new(30).unwrap(), None)
                .unwrap_err()
                .to_string(),
            r#"invalid working group session "30": it is in cycle 3, and UHRI record 166.6 is from cycle 2"#
        );
    }

    #[test]
    fn strict_errors_name_the_record() {
        let leftover = "166.1. Do it (Chile);,ChileAtlantis,Noted,,,,,,,";
        let err = read(
            csv(&[GOOD, leftover]).as_bytes(),
            &ReadOptions::new().name("u.csv"),
        )
        .unwrap_err();
        assert_eq!(
            err.to_string(),
            r#"u.csv: record 2: expected State names run together in upr_reccomending_states (no State name matches "Atlantis" after CHL), found "ChileAtlantis""#
        );
        let mismatch = "166.2. Do it (Chile);,Peru,Noted,,,,,,,";
        let err = read(csv(&[mismatch]).as_bytes(), &ReadOptions::new()).unwrap_err();
        assert_eq!(
            err.to_string(),
            r#"<input>: record 1: expected the same recommending States in upr_reccomending_states (PER) as in brackets in the text (CHL), found "Peru""#
        );
        let position = "166.3. Do it (Chile);,Chile,Accepted,,,,,,,";
        let err = read(csv(&[position]).as_bytes(), &ReadOptions::new()).unwrap_err();
        assert_eq!(
            err.to_string(),
            r#"<input>: record 1: expected Supported, Noted or Supported/Noted in upr_position, found "Accepted""#
        );
        let session =
            "166.4. Do it (Chile);,Chile,Noted,,,,- UPR,- 27th Session - Cycle 2,A/HRC/28/16,";
        let err = read(csv(&[session]).as_bytes(), &ReadOptions::new()).unwrap_err();
        assert_eq!(
            err.to_string(),
            r#"<input>: record 1: expected the Council session of A/HRC/28/16 (28) in upr_session, found "- 27th Session - Cycle 2""#
        );
        let err = read(&b"text,upr_position\nx,y\n"[..], &ReadOptions::lenient()).unwrap_err();
        assert_eq!(
            err.to_string(),
            r#"<input>: line 1: expected a header with the UHRI columns text, upr_reccomending_states and upr_position, found "text,upr_position""#
        );
    }

    #[test]
    fn lenient_repairs_and_reports() {
        let rows = [
            GOOD,
            "166.1. Do it (Chile); (Peru);,ChileAtlantis,Noted,,,,,,,",
            "166.2. Do it (Chile);,Peru,Supported/Noted,,,,,,,",
            "166.3. Do it (Chile);,Chile,Noted,,,,- CRC,,,",
            ",Chile,Noted,,,,,,,",
            "166.5. No brackets at all,Chile,Supported,Death penalty,,,,,,",
        ];
        let p = read(csv(&rows).as_bytes(), &ReadOptions::lenient()).unwrap();
        assert_eq!(p.records.len(), 4);
        assert_eq!(p.report.skipped().count(), 2);
        // Leftover: the text's brackets are used.
        assert_eq!(p.records[1].recommending, vec![st("Chile"), st("Peru")]);
        // Mismatch: the column is kept.
        assert_eq!(p.records[2].recommending, vec![st("Peru")]);
        assert_eq!(p.records[2].position, Some(UprPosition::SupportedNoted));
        // No brackets: text kept as written, column used; the bad theme left out.
        assert_eq!(p.records[3].text, "No brackets at all");
        assert_eq!(p.records[3].recommending, vec![st("Chile")]);
        assert!(p.records[3].themes.is_empty());
        let reasons: Vec<String> = p.report.problems.iter().map(|x| x.reason.clone()).collect();
        assert_eq!(
            reasons,
            [
                r#"expected State names run together in upr_reccomending_states (no State name matches "Atlantis" after CHL); took the States in brackets in the text"#,
                "expected the same recommending States in upr_reccomending_states (PER) as in brackets in the text (CHL); kept those of upr_reccomending_states",
                "a UPR recommendation (reccomending_body UPR)",
                "a recommendation text in text",
                "expected recommending States in brackets at the end of text; kept the text as written",
                "expected UHRI themes such as 2.1. Acceptance of international norms in themes; left the theme out",
            ]
        );
    }

    #[test]
    fn ambiguity_settled_by_the_text_or_reported() {
        // "Congo, Democratic Republic of the" is a spelling of the DRC, so this reads both as
        // Congo + Democratic Republic of the Congo and as the DRC + Congo.
        let cog = State::from_alpha3("COG").unwrap();
        let cod = State::from_alpha3("COD").unwrap();
        let column = "CongoDemocratic Republic of the Congo";
        let StateSplit::Ambiguous(readings) = split_states(column) else {
            panic!("{:?}", split_states(column))
        };
        assert_eq!(readings.len(), 2);
        let settled = format!(
            "1.1. Do it (Congo); (Democratic Republic of the Congo);,{column},Noted,,,,,,,"
        );
        let p = read(csv(&[&settled]).as_bytes(), &ReadOptions::new()).unwrap();
        assert!(p.report.problems.is_empty());
        assert_eq!(p.records[0].recommending, vec![cog, cod]);
        let unsettled = format!("1.2. Do it (Chile);,{column},Noted,,,,,,,");
        let err = read(csv(&[&unsettled]).as_bytes(), &ReadOptions::new()).unwrap_err();
        assert_eq!(
            err.to_string(),
            r#"<input>: record 1: expected one reading of upr_reccomending_states (it reads as [COD, COG] or [COG, COD], and the brackets in the text do not settle it), found "CongoDemocratic Republic of the Congo""#
        );
        let p = read(csv(&[&unsettled]).as_bytes(), &ReadOptions::lenient()).unwrap();
        assert_eq!(
            p.records[0].recommending,
            vec![State::resolve("Chile").unwrap()]
        );
        assert_eq!(p.report.repaired().count(), 1);
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
        let err = read_json(json.as_bytes(), &ReadOptions::new().name("u.json")).unwrap_err();
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
            r#"<input>: line 2: expected JSON, found "EOF while parsing an object at line 2 column 1""#
        );
    }

    #[test]
    fn regions_run_together() {
        assert_eq!(
            parse_groups(&["African StatesWEOG".into()]).unwrap(),
            vec![RegionalGroup::African, RegionalGroup::WesternEuropeanOthers]
        );
        assert_eq!(parse_groups(&["Atlantis".into()]).unwrap_err(), "Atlantis");
    }
}
