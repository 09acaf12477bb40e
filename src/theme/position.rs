//! OHCHR's UPR positions.

use crate::ResponseStatus;

vocabulary! {
    /// The position of the State under review as OHCHR records it (UHRI, matrices): `Supported`,
    /// `Noted`, or `Supported/Noted` (supported in part).
    pub enum UprPosition["UPR position", name, data = ResponseStatus] {
        Supported => "Supported", ResponseStatus::Supported;
        Noted => "Noted", ResponseStatus::Noted;
        /// Supported in part.
        SupportedNoted => "Supported/Noted" | "Supported / Noted", ResponseStatus::PartiallySupported;
    }
}

impl UprPosition {
    /// The crate's response status: supported, noted, or partially supported.
    pub const fn status(self) -> ResponseStatus {
        self.data()
    }
}

vocabulary! {
    /// UPR Info's response column.
    #[non_exhaustive]
    pub enum UprInfoResponse["UPR Info response", name] {
        Accepted => "Accepted";
        /// UPR Info folds partial acceptance, rejection and no response into it.
        Noted => "Noted";
        /// A commitment the State under review made itself.
        VoluntaryPledge => "Voluntary Pledge";
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use strum::VariantArray;

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
