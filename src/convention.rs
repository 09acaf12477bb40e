//! Counting conventions: how different sources bucket the same responses, and exact ratios.
//!
//! One recommendation-level history, several ways of counting it:
//!
//! | what happened | [`FiveWay`](Convention::FiveWay) (NKDB, the seeds) | [`Ohchr`](Convention::Ohchr) | [`UprInfo`](Convention::UprInfo) export | [`UprInfoSummary2014`](Convention::UprInfoSummary2014) |
//! |---|---|---|---|---|
//! | supported | accepted | supported | accepted | accepted |
//! | partially supported | partially accepted | supported/noted | noted | accepted |
//! | noted | noted | noted | noted | pending |
//! | rejected (later) | rejected | noted | noted | rejected |
//! | rejected at the Working Group | immediately rejected | noted | noted | rejected |
//! | no position yet | pending | pending | noted | pending |

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::ResponseStatus;

vocabulary! {
    /// A named way of counting responses.
    #[derive(Default)]
    #[non_exhaustive]
    pub enum Convention["counting convention", key, data = &'static str] {
        /// The seeds' (NKDB's) five-way count: accepted, partially accepted, noted, rejected,
        /// immediately rejected (plus pending while no position is known).
        #[default]
        FiveWay => "five_way",
            "NKDB / the seeds: accepted, partially accepted, noted, rejected, immediately rejected";
        /// OHCHR / UHRI since cycle 2: supported, supported/noted, noted.
        Ohchr => "ohchr", "OHCHR / UHRI: supported, supported/noted, noted";
        /// The UPR Info database export: accepted, or noted for everything else.
        UprInfo => "upr_info", "UPR Info database export: accepted, noted (everything not accepted)";
        /// UPR Info's 2014 summary of the DPRK's first cycle: accepted (incl. partially), rejected
        /// (incl. at the Working Group), pending (noted).
        UprInfoSummary2014 => "upr_info_summary_2014",
            "UPR Info summary of the DPRK's first cycle (2014): accepted (incl. partially), \
             rejected (incl. at the Working Group), pending (noted)";
    }
}

vocabulary! {
    /// A bucket a convention counts into.
    #[non_exhaustive]
    pub enum Bucket["bucket", key, data = &'static str] {
        /// Accepted.
        Accepted => "accepted", "accepted";
        /// Supported (OHCHR's word for accepted).
        Supported => "supported", "supported";
        /// Partially accepted (five-way).
        PartiallyAccepted => "partially_accepted", "partially accepted";
        /// Supported in part (OHCHR `Supported/Noted`).
        SupportedNoted => "supported_noted", "supported/noted";
        /// Noted.
        Noted => "noted", "noted";
        /// Rejected after examination.
        Rejected => "rejected", "rejected";
        /// Rejected at the Working Group.
        ImmediatelyRejected => "immediately_rejected", "immediately rejected";
        /// No position yet.
        Pending => "pending", "pending";
    }
}

vocabulary! {
    /// Whether partial acceptance counts as acceptance when computing shares.
    #[derive(Default)]
    pub enum PartialCounts["partial counts", key] {
        /// Partially accepted counts as accepted (how the seeds reach "failure to accept 49%").
        #[default]
        AsAccepted => "as_accepted";
        /// Partially accepted counts as not accepted.
        AsNotAccepted => "as_not_accepted";
    }
}

impl Convention {
    /// Who counts this way.
    pub const fn description(self) -> &'static str {
        self.data()
    }

    /// The buckets this convention uses, in display order.
    pub fn buckets(self) -> &'static [Bucket] {
        use Bucket::*;
        match self {
            Convention::FiveWay => &[
                Accepted,
                PartiallyAccepted,
                Noted,
                Rejected,
                ImmediatelyRejected,
                Pending,
            ],
            Convention::Ohchr => &[Supported, SupportedNoted, Noted, Pending],
            Convention::UprInfo => &[Accepted, Noted],
            Convention::UprInfoSummary2014 => &[Accepted, Rejected, Pending],
        }
    }

    /// The bucket a status falls in.
    pub fn bucket(self, status: ResponseStatus) -> Bucket {
        use ResponseStatus as S;
        match (self, status) {
            (Convention::FiveWay, S::Supported) => Bucket::Accepted,
            (Convention::FiveWay, S::PartiallySupported) => Bucket::PartiallyAccepted,
            (Convention::FiveWay, S::Noted) => Bucket::Noted,
            (Convention::FiveWay, S::Rejected) => Bucket::Rejected,
            (Convention::FiveWay, S::RejectedAtWorkingGroup) => Bucket::ImmediatelyRejected,
            (Convention::FiveWay, S::Pending) => Bucket::Pending,
            (Convention::Ohchr, S::Supported) => Bucket::Supported,
            (Convention::Ohchr, S::PartiallySupported) => Bucket::SupportedNoted,
            (Convention::Ohchr, S::Pending) => Bucket::Pending,
            (Convention::Ohchr, _) => Bucket::Noted,
            (Convention::UprInfo, S::Supported) => Bucket::Accepted,
            (Convention::UprInfo, _) => Bucket::Noted,
            (Convention::UprInfoSummary2014, S::Supported | S::PartiallySupported) => {
                Bucket::Accepted
            }
            (Convention::UprInfoSummary2014, S::Rejected | S::RejectedAtWorkingGroup) => {
                Bucket::Rejected
            }
            (Convention::UprInfoSummary2014, S::Noted | S::Pending) => Bucket::Pending,
        }
    }

    /// Whether a bucket counts as accepted, given how partial acceptance is counted.
    pub fn is_accepted(self, bucket: Bucket, partial: PartialCounts) -> bool {
        match bucket {
            Bucket::Accepted | Bucket::Supported => true,
            Bucket::PartiallyAccepted | Bucket::SupportedNoted => {
                partial == PartialCounts::AsAccepted
            }
            _ => false,
        }
    }
}

impl Bucket {
    /// A label for people (`immediately rejected`, `supported/noted`).
    pub const fn label(self) -> &'static str {
        self.data()
    }
}

/// An exact ratio of two counts, printed as a percentage with stated rounding.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Ratio {
    /// Numerator.
    pub numerator: u64,
    /// Denominator (0 means undefined).
    pub denominator: u64,
}

impl Ratio {
    /// `numerator / denominator`.
    pub fn new(numerator: u64, denominator: u64) -> Ratio {
        Ratio {
            numerator,
            denominator,
        }
    }

    /// The value as a float; `None` when the denominator is 0.
    pub fn value(self) -> Option<f64> {
        (self.denominator != 0).then(|| self.numerator as f64 / self.denominator as f64)
    }

    /// The percentage rounded half up to `decimals` places, computed in integers (no float
    /// rounding surprises): `Ratio::new(144, 294).percent(0)` is `"49"`, `.percent(2)` `"48.98"`.
    /// `None` when the denominator is 0.
    pub fn percent(self, decimals: u32) -> Option<String> {
        if self.denominator == 0 {
            return None;
        }
        let scale = 10u128.pow(decimals.min(12));
        let n = u128::from(self.numerator) * 100 * scale;
        let d = u128::from(self.denominator);
        let rounded = (2 * n + d) / (2 * d); // half up
        let int = rounded / scale;
        if decimals == 0 {
            Some(int.to_string())
        } else {
            let frac = rounded % scale;
            Some(format!(
                "{int}.{frac:0width$}",
                width = decimals.min(12) as usize
            ))
        }
    }

    /// The complement `(d - n) / d`.
    pub fn complement(self) -> Ratio {
        Ratio::new(
            self.denominator.saturating_sub(self.numerator),
            self.denominator,
        )
    }
}

impl fmt::Display for Ratio {
    /// `144/294 = 48.98 %` (two decimals, rounded half up), or with `{:.0}` `144/294 = 49 %`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let d = f.precision().unwrap_or(2) as u32;
        match self.percent(d) {
            Some(p) => write!(f, "{}/{} = {p} %", self.numerator, self.denominator),
            None => write!(f, "{}/{} (undefined)", self.numerator, self.denominator),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use strum::VariantArray;

    #[test]
    fn percent_rounds_half_up_exactly() {
        assert_eq!(Ratio::new(144, 294).percent(0).as_deref(), Some("49"));
        assert_eq!(Ratio::new(144, 294).percent(2).as_deref(), Some("48.98"));
        assert_eq!(Ratio::new(151, 294).percent(1).as_deref(), Some("51.4"));
        assert_eq!(Ratio::new(1, 8).percent(1).as_deref(), Some("12.5"));
        assert_eq!(Ratio::new(1, 8).percent(0).as_deref(), Some("13"));
        assert_eq!(Ratio::new(1, 0).percent(0), None);
        assert_eq!(format!("{}", Ratio::new(144, 294)), "144/294 = 48.98 %");
        assert_eq!(format!("{:.0}", Ratio::new(144, 294)), "144/294 = 49 %");
    }

    #[test]
    fn keys_are_stable() {
        let keys: Vec<&str> = Convention::VARIANTS.iter().map(|c| c.key()).collect();
        assert_eq!(
            keys,
            ["five_way", "ohchr", "upr_info", "upr_info_summary_2014"]
        );
        let keys: Vec<&str> = Bucket::VARIANTS.iter().map(|c| c.key()).collect();
        assert_eq!(
            keys,
            [
                "accepted",
                "supported",
                "partially_accepted",
                "supported_noted",
                "noted",
                "rejected",
                "immediately_rejected",
                "pending"
            ]
        );
    }

    #[test]
    fn every_status_has_a_bucket_the_convention_lists() {
        for c in Convention::VARIANTS {
            for s in ResponseStatus::VARIANTS {
                assert!(c.buckets().contains(&c.bucket(*s)), "{c} {s}");
            }
            assert_eq!(Convention::parse(c.key()).unwrap(), *c);
            assert!(c.description().len() > 10);
        }
        assert_eq!(
            Convention::parse("x").unwrap_err().to_string(),
            r#"unknown counting convention "x" (expected five_way, ohchr, upr_info or upr_info_summary_2014)"#
        );
    }

    #[test]
    fn the_dprk_first_cycle_under_each_convention() {
        // 81 supported, 6 partially, 15 noted, 15 rejected, 50 rejected at the Working Group.
        let statuses = [
            (ResponseStatus::Supported, 81u64),
            (ResponseStatus::PartiallySupported, 6),
            (ResponseStatus::Noted, 15),
            (ResponseStatus::Rejected, 15),
            (ResponseStatus::RejectedAtWorkingGroup, 50),
        ];
        let count = |c: Convention, b: Bucket| -> u64 {
            statuses
                .iter()
                .filter(|(s, _)| c.bucket(*s) == b)
                .map(|(_, n)| n)
                .sum()
        };
        let c = Convention::UprInfoSummary2014;
        assert_eq!(
            (
                count(c, Bucket::Accepted),
                count(c, Bucket::Rejected),
                count(c, Bucket::Pending)
            ),
            (87, 65, 15)
        );
        assert_eq!(count(Convention::UprInfo, Bucket::Noted), 86);
        assert_eq!(count(Convention::Ohchr, Bucket::SupportedNoted), 6);
    }
}
