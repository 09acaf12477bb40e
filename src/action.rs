//! Action categories: Edward McMahon's five-point scale of how much a recommendation asks for,
//! as used by UPR Info.

use serde::{Deserialize, Serialize};
use strum::VariantArray;

use crate::{Error, Result};

vocabulary! {
    /// McMahon's action category, 1 (minimal) to 5 (specific). A closed set.
    ///
    /// `Display` is the number (`3`), serde too (as a JSON number); `FromStr` also accepts the
    /// short names.
    pub enum ActionCategory[
        "action category", as_str,
        otherwise = by_number,
        data = &'static str,
        serde = manual
    ] {
        /// Addressed to other States, or asks the State under review to request help or share
        /// experience.
        Minimal = 1 => "1" | "minimal", "minimal";
        /// "continue", "maintain", "pursue", "persevere".
        Continuing = 2 => "2" | "continuing", "continuing";
        /// "consider", "envisage", "study the possibility", "reflect on".
        Considering = 3 => "3" | "considering", "considering";
        /// "take measures", "ensure", "strengthen", "intensify", "promote".
        General = 4 => "4" | "general", "general";
        /// A concrete, checkable act: "ratify CAT", "abolish the death penalty", "adopt a law".
        Specific = 5 => "5" | "specific", "specific";
    }
}

impl ActionCategory {
    /// The category's number, 1-5 (also `Display` and serde).
    pub const fn number(self) -> u8 {
        self as u8
    }

    /// The category with this number.
    ///
    /// # Errors
    /// [`Error::Invalid`] outside 1-5.
    pub fn new(n: u8) -> Result<ActionCategory> {
        ActionCategory::VARIANTS
            .iter()
            .copied()
            .find(|c| c.number() == n)
            .ok_or_else(|| Error::invalid("action category", n.to_string(), "expected 1 to 5"))
    }

    /// A short name: `minimal`, `continuing`, `considering`, `general`, `specific`.
    pub const fn name(self) -> &'static str {
        self.data()
    }
}

/// `FromStr` for what no row spells: a number written otherwise (`01`, `+3`), or the error.
fn by_number(s: &str) -> Result<ActionCategory> {
    s.trim()
        .parse::<u8>()
        .ok()
        .and_then(|n| ActionCategory::new(n).ok())
        .ok_or_else(|| Error::invalid("action category", s, "expected 1 to 5"))
}

impl Serialize for ActionCategory {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.serialize_u8(self.number())
    }
}

impl<'de> Deserialize<'de> for ActionCategory {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        let n = u8::deserialize(d)?;
        ActionCategory::new(n).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip() {
        for c in ActionCategory::VARIANTS {
            assert_eq!(c.to_string().parse::<ActionCategory>().unwrap(), *c);
            assert_eq!(c.name().parse::<ActionCategory>().unwrap(), *c);
        }
        assert_eq!(
            "6".parse::<ActionCategory>().unwrap_err().to_string(),
            r#"invalid action category "6": expected 1 to 5"#
        );
    }
}
