//! OHCHR's UPR positions.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};
use strum::{EnumString, IntoStaticStr, VariantArray};

use crate::text::clean;
use crate::{Error, ResponseStatus, Result};

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

/// UPR Info's response column.
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
#[non_exhaustive]
pub enum UprInfoResponse {
    /// `Accepted`.
    #[strum(serialize = "Accepted")]
    Accepted,
    /// `Noted`: UPR Info folds partial acceptance, rejection and no response into it.
    #[strum(serialize = "Noted")]
    Noted,
    /// `Voluntary Pledge`: a commitment the State under review made itself.
    #[strum(serialize = "Voluntary Pledge")]
    VoluntaryPledge,
}

impl UprInfoResponse {
    /// UPR Info's spelling.
    pub fn name(self) -> &'static str {
        self.into()
    }
}

text_vocabulary!(UprInfoResponse, name, |s| UprInfoResponse::from_str(
    s.trim()
)
.map_err(|_| Error::unknown("UPR Info response", s)));

#[cfg(test)]
mod tests {
    use super::*;

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
}
