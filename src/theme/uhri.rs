//! UHRI theme codes and themes.

use std::fmt;
use std::str::FromStr;

use crate::Sdg;
use crate::text::{clean, leading_number};
use crate::{Error, Result};

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

serde_via_display!(ThemeCode);
serde_via_display!(UhriTheme);

#[cfg(test)]
mod tests {
    use super::*;

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
}
