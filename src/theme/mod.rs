//! Thematic vocabulary: UPR Info's 54 issues, grouped into broader families.

use strum::VariantArray;

use crate::Result;
use IssueFamily as F;

mod affected;
mod position;
mod sdg;
mod uhri;

pub use affected::AffectedPersons;
pub use position::{UprInfoResponse, UprPosition};
pub use sdg::Sdg;
pub use uhri::{ThemeCode, UhriTheme};

vocabulary! {
    /// One of UPR Info's 54 issues, spelt as in the UPR Info database (`Display`, `FromStr`,
    /// serde), with the broader [`IssueFamily`] it belongs to (the table's second column).
    #[non_exhaustive]
    pub enum Issue["UPR Info issue", name, data = IssueFamily] {
        // variant                              => UPR Info's spelling,                            family
        AsylumSeekersRefugees                   => "Asylum-seekers - refugees",                    F::GroupsOfPersons;
        CpRightsGeneral                         => "CP rights - general",                          F::CivilPolitical;
        CivilSociety                            => "Civil society",                                F::CivilPolitical;
        Corruption                              => "Corruption",                                   F::JusticeAndDetention;
        CounterTerrorism                        => "Counter-terrorism",                            F::JusticeAndDetention;
        DeathPenalty                            => "Death penalty",                                F::CivilPolitical;
        Detention                               => "Detention",                                    F::JusticeAndDetention;
        Development                             => "Development",                                  F::EconomicSocialCultural;
        Disabilities                            => "Disabilities",                                 F::GroupsOfPersons;
        EscRightsGeneral                        => "ESC rights - general",                         F::EconomicSocialCultural;
        Elections                               => "Elections",                                    F::CivilPolitical;
        EnforcedDisappearances                  => "Enforced disappearances",                      F::CivilPolitical;
        Environment                             => "Environment",                                  F::EconomicSocialCultural;
        ExtrajudicialExecutions                 => "Extrajudicial executions",                     F::CivilPolitical;
        FreedomOfAssociationAndPeacefulAssembly => "Freedom of association and peaceful assembly", F::CivilPolitical;
        FreedomOfMovement                       => "Freedom of movement",                          F::CivilPolitical;
        FreedomOfOpinionAndExpression           => "Freedom of opinion and expression",            F::CivilPolitical;
        FreedomOfReligionAndBelief              => "Freedom of religion and belief",               F::CivilPolitical;
        FreedomOfThePress                       => "Freedom of the press",                         F::CivilPolitical;
        General                                 => "General",                                      F::General;
        HivAids                                 => "HIV - Aids",                                   F::EconomicSocialCultural;
        HumanRightsDefenders                    => "Human rights defenders",                       F::CivilPolitical;
        HumanRightsEducationAndTraining         => "Human rights education and training",          F::NationalFramework;
        HumanRightsViolationsByStateAgents      => "Human rights violations by state agents",      F::CivilPolitical;
        Impunity                                => "Impunity",                                     F::JusticeAndDetention;
        IndigenousPeoples                       => "Indigenous peoples",                           F::GroupsOfPersons;
        InternallyDisplacedPersons              => "Internally displaced persons",                 F::GroupsOfPersons;
        InternationalHumanitarianLaw            => "International humanitarian law",               F::JusticeAndDetention;
        InternationalInstruments                => "International instruments",                    F::InternationalInstruments;
        Justice                                 => "Justice",                                      F::JusticeAndDetention;
        Labour                                  => "Labour",                                       F::EconomicSocialCultural;
        Migrants                                => "Migrants",                                     F::GroupsOfPersons;
        Minorities                              => "Minorities",                                   F::GroupsOfPersons;
        Nhri                                    => "NHRI",                                         F::NationalFramework;
        NationalPlanOfAction                    => "National plan of action",                      F::NationalFramework;
        Other                                   => "Other",                                        F::General;
        Poverty                                 => "Poverty",                                      F::EconomicSocialCultural;
        PublicSecurity                          => "Public security",                              F::JusticeAndDetention;
        RacialDiscrimination                    => "Racial discrimination",                        F::GroupsOfPersons;
        RightToEducation                        => "Right to education",                           F::EconomicSocialCultural;
        RightToFood                             => "Right to food",                                F::EconomicSocialCultural;
        RightToHealth                           => "Right to health",                              F::EconomicSocialCultural;
        RightToHousing                          => "Right to housing",                             F::EconomicSocialCultural;
        RightToLand                             => "Right to land",                                F::EconomicSocialCultural;
        RightToWater                            => "Right to water",                               F::EconomicSocialCultural;
        RightsOfTheChild                        => "Rights of the Child",                          F::GroupsOfPersons;
        SexualOrientationAndGenderIdentity      => "Sexual Orientation and Gender Identity",       F::GroupsOfPersons;
        SpecialProcedures                       => "Special procedures",                           F::UnMechanisms;
        TechnicalAssistanceAndCooperation       => "Technical assistance and cooperation",         F::UnMechanisms;
        TortureAndOtherCidTreatment             => "Torture and other CID treatment",              F::CivilPolitical;
        Trafficking                             => "Trafficking",                                  F::GroupsOfPersons;
        TreatyBodies                            => "Treaty bodies",                                F::UnMechanisms;
        UprProcess                              => "UPR process",                                  F::UnMechanisms;
        WomensRights                            => "Women's rights",                               F::GroupsOfPersons;
    }
}

impl Issue {
    /// The broader family the issue belongs to.
    pub const fn family(self) -> IssueFamily {
        self.data()
    }

    /// Parses UPR Info's multi-valued `Issue` field (`"Justice,Detention"`).
    ///
    /// # Errors
    /// [`Error::Unknown`](crate::Error::Unknown) naming the first unknown issue.
    pub fn parse_list(s: &str) -> Result<Vec<Issue>> {
        s.split(',')
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .map(Issue::parse)
            .collect()
    }
}

vocabulary! {
    /// Broad families of issues, for summaries.
    #[non_exhaustive]
    pub enum IssueFamily["issue family", key] {
        /// Civil and political rights (torture, expression, religion, death penalty, elections,
        /// ...).
        CivilPolitical => "civil_political";
        /// Economic, social and cultural rights (food, health, education, labour, ...).
        EconomicSocialCultural => "economic_social_cultural";
        /// Rights of groups of persons (women, children, persons with disabilities, migrants,
        /// ...).
        GroupsOfPersons => "groups_of_persons";
        /// Justice, detention, impunity and public security.
        JusticeAndDetention => "justice_and_detention";
        /// Cooperation with UN mechanisms (special procedures, treaty bodies, UPR, technical
        /// assistance).
        UnMechanisms => "un_mechanisms";
        /// Ratification of international instruments.
        InternationalInstruments => "international_instruments";
        /// National framework: NHRI, national action plans, human rights education.
        NationalFramework => "national_framework";
        /// General and other.
        General => "general";
    }
}

impl IssueFamily {
    /// The issues in this family.
    pub fn issues(self) -> impl Iterator<Item = Issue> {
        Issue::VARIANTS
            .iter()
            .copied()
            .filter(move |i| i.family() == self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fifty_four_issues_round_trip() {
        assert_eq!(Issue::VARIANTS.len(), 54);
        for i in Issue::VARIANTS {
            assert_eq!(Issue::parse(i.name()).unwrap(), *i);
            let j = serde_json::to_string(i).unwrap();
            assert_eq!(serde_json::from_str::<Issue>(&j).unwrap(), *i);
        }
        let per_family: Vec<(&str, usize)> = IssueFamily::VARIANTS
            .iter()
            .map(|f| (f.key(), f.issues().count()))
            .collect();
        assert_eq!(
            per_family,
            [
                ("civil_political", 14),
                ("economic_social_cultural", 12),
                ("groups_of_persons", 11),
                ("justice_and_detention", 7),
                ("un_mechanisms", 4),
                ("international_instruments", 1),
                ("national_framework", 3),
                ("general", 2)
            ]
        );
        assert_eq!(Issue::Nhri.family(), IssueFamily::NationalFramework);
    }

    #[test]
    fn lists_and_errors() {
        assert_eq!(
            Issue::parse_list("Rights of the Child,Women's rights").unwrap(),
            vec![Issue::RightsOfTheChild, Issue::WomensRights]
        );
        let e = Issue::parse("Sports").unwrap_err().to_string();
        assert!(
            e.starts_with(
                r#"unknown UPR Info issue "Sports" (expected Asylum-seekers - refugees, "#
            ),
            "{e}"
        );
        assert!(e.ends_with("UPR process or Women's rights)"), "{e}");
    }
}
