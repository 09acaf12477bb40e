//! Sustainable Development Goals.

use std::fmt;
use std::str::FromStr;

use strum::VariantArray;

use crate::text::{clean, leading_number};
use crate::{Error, Result};

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

    /// Every goal, 1 to 17 (also [`VARIANTS`](strum::VariantArray::VARIANTS)).
    pub fn all() -> impl ExactSizeIterator<Item = Sdg> {
        <Sdg as VariantArray>::VARIANTS.iter().copied()
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

impl VariantArray for Sdg {
    const VARIANTS: &'static [Sdg] = &{
        let mut all = [Sdg(1); 17];
        let mut i = 0;
        while i < all.len() {
            all[i] = Sdg(i as u8 + 1);
            i += 1;
        }
        all
    };
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

#[cfg(test)]
mod tests {
    use super::*;

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
        assert_eq!(Sdg::VARIANTS.last().map(|g| g.number()), Some(17));
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
}
