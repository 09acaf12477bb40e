//! Action categories: Edward McMahon's five-point scale of how much a recommendation asks for,
//! as used by UPR Info.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};
use strum::VariantArray;

use crate::{Error, Result};

/// McMahon's action category, 1 (minimal) to 5 (specific). A closed set.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, VariantArray)]
pub enum ActionCategory {
    /// 1: addressed to other States, or asks the State under review to request help or share experience.
    Minimal = 1,
    /// 2: "continue", "maintain", "pursue", "persevere".
    Continuing = 2,
    /// 3: "consider", "envisage", "study the possibility", "reflect on".
    Considering = 3,
    /// 4: "take measures", "ensure", "strengthen", "intensify", "promote".
    General = 4,
    /// 5: a concrete, checkable act: "ratify CAT", "abolish the death penalty", "adopt a law".
    Specific = 5,
}

impl ActionCategory {
    /// The category's number, 1-5 (also `Display` and serde).
    pub fn number(self) -> u8 {
        self as u8
    }

    /// The category with this number.
    ///
    /// # Errors
    /// [`Error::Invalid`] outside 1-5.
    pub fn new(n: u8) -> Result<ActionCategory> {
        match n {
            1 => Ok(ActionCategory::Minimal),
            2 => Ok(ActionCategory::Continuing),
            3 => Ok(ActionCategory::Considering),
            4 => Ok(ActionCategory::General),
            5 => Ok(ActionCategory::Specific),
            _ => Err(Error::invalid(
                "action category",
                n.to_string(),
                "expected 1 to 5",
            )),
        }
    }

    /// A short name: `minimal`, `continuing`, `considering`, `general`, `specific`.
    pub fn name(self) -> &'static str {
        match self {
            ActionCategory::Minimal => "minimal",
            ActionCategory::Continuing => "continuing",
            ActionCategory::Considering => "considering",
            ActionCategory::General => "general",
            ActionCategory::Specific => "specific",
        }
    }
}

impl fmt::Display for ActionCategory {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.number())
    }
}

impl FromStr for ActionCategory {
    type Err = Error;
    /// Accepts `1`..`5` and the short names.
    fn from_str(s: &str) -> Result<ActionCategory> {
        let t = s.trim();
        if let Ok(n) = t.parse::<u8>() {
            return ActionCategory::new(n)
                .map_err(|_| Error::invalid("action category", s, "expected 1 to 5"));
        }
        ActionCategory::VARIANTS
            .iter()
            .copied()
            .find(|c| c.name().eq_ignore_ascii_case(t))
            .ok_or_else(|| Error::invalid("action category", s, "expected 1 to 5"))
    }
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
