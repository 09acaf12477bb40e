//! UHRI's affected persons.

use crate::text::dash_list;

vocabulary! {
    /// A group of persons a recommendation concerns, in UHRI's vocabulary ("Affected persons").
    ///
    /// The known values are those met in the UHRI export and the OHCHR matrices; any other value
    /// is kept as [`AffectedPersons::Other`], which writes back exactly as read. `Display` is
    /// UHRI's spelling (lower case); parsing ignores case and extra spaces.
    #[non_exhaustive]
    pub enum AffectedPersons["affected persons", name, other = Other] {
        General => "general";
        Children => "children";
        ChildrenInStreetSituations => "children in street situations";
        DisappearedPersons => "disappeared persons";
        Girls => "girls";
        HumanRightsDefenders => "human rights defenders";
        Judiciary => "judiciary";
        JudgesLawyersProsecutors => "judges, lawyers and prosecutors";
        LawEnforcementOfficials => "law enforcement / police officials";
        Lgbti => "lesbian, gay, bisexual, transgender and intersex persons (LGBTI)";
        Media => "media";
        Migrants => "migrants";
        MigrantWorkers => "migrant workers";
        Minorities => "minorities/ racial, ethnic, linguistic, religious or descent-based groups";
        OlderPersons => "older persons";
        PersonsAffectedByArmedConflict => "persons affected by armed conflict";
        PersonsDeprivedOfLiberty => "persons deprived of their liberty";
        PersonsLivingInPoverty => "persons living in poverty";
        PersonsLivingInRuralAreas => "persons living in rural areas";
        PersonsLivingWithHivAids => "persons living with HIV/AIDS";
        PersonsWithDisabilities => "persons with disabilities";
        PrisonOfficials => "prison officials";
        PublicOfficials => "public officials";
        RefugeesAndAsylumSeekers => "refugees & asylum seekers";
        VulnerablePersons => "vulnerable persons/groups";
        Women => "women";
        Youth => "youth";
    }
}

impl AffectedPersons {
    /// Reads a UHRI list field, `general- women- persons living in poverty` or `- children`.
    pub fn parse_list(s: &str) -> Vec<AffectedPersons> {
        dash_list(s)
            .iter()
            .map(|p| AffectedPersons::parse(p))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use strum::VariantArray;

    #[test]
    fn affected_persons_round_trip() {
        for a in AffectedPersons::VARIANTS {
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
