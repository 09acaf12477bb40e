//! UHRI's affected persons.

use std::fmt;
use std::str::FromStr;

use crate::text::{clean, dash_list};

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

#[cfg(test)]
mod tests {
    use super::*;

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
}
