//! Thematic vocabulary: UPR Info's 54 issues, grouped into broader families.

use std::str::FromStr;

use strum::{EnumString, IntoStaticStr, VariantArray};

use crate::{Error, Result};

mod affected;
mod position;
mod sdg;
mod uhri;

pub use affected::AffectedPersons;
pub use position::{UprInfoResponse, UprPosition};
pub use sdg::Sdg;
pub use uhri::{ThemeCode, UhriTheme};

/// One of UPR Info's 54 issues, spelt as in the UPR Info database (`Display`, `FromStr`, serde).
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
pub enum Issue {
    /// Asylum-seekers - refugees
    #[strum(serialize = "Asylum-seekers - refugees")]
    AsylumSeekersRefugees,
    /// CP rights - general
    #[strum(serialize = "CP rights - general")]
    CpRightsGeneral,
    /// Civil society
    #[strum(serialize = "Civil society")]
    CivilSociety,
    /// Corruption
    #[strum(serialize = "Corruption")]
    Corruption,
    /// Counter-terrorism
    #[strum(serialize = "Counter-terrorism")]
    CounterTerrorism,
    /// Death penalty
    #[strum(serialize = "Death penalty")]
    DeathPenalty,
    /// Detention
    #[strum(serialize = "Detention")]
    Detention,
    /// Development
    #[strum(serialize = "Development")]
    Development,
    /// Disabilities
    #[strum(serialize = "Disabilities")]
    Disabilities,
    /// ESC rights - general
    #[strum(serialize = "ESC rights - general")]
    EscRightsGeneral,
    /// Elections
    #[strum(serialize = "Elections")]
    Elections,
    /// Enforced disappearances
    #[strum(serialize = "Enforced disappearances")]
    EnforcedDisappearances,
    /// Environment
    #[strum(serialize = "Environment")]
    Environment,
    /// Extrajudicial executions
    #[strum(serialize = "Extrajudicial executions")]
    ExtrajudicialExecutions,
    /// Freedom of association and peaceful assembly
    #[strum(serialize = "Freedom of association and peaceful assembly")]
    FreedomOfAssociationAndPeacefulAssembly,
    /// Freedom of movement
    #[strum(serialize = "Freedom of movement")]
    FreedomOfMovement,
    /// Freedom of opinion and expression
    #[strum(serialize = "Freedom of opinion and expression")]
    FreedomOfOpinionAndExpression,
    /// Freedom of religion and belief
    #[strum(serialize = "Freedom of religion and belief")]
    FreedomOfReligionAndBelief,
    /// Freedom of the press
    #[strum(serialize = "Freedom of the press")]
    FreedomOfThePress,
    /// General
    #[strum(serialize = "General")]
    General,
    /// HIV - Aids
    #[strum(serialize = "HIV - Aids")]
    HivAids,
    /// Human rights defenders
    #[strum(serialize = "Human rights defenders")]
    HumanRightsDefenders,
    /// Human rights education and training
    #[strum(serialize = "Human rights education and training")]
    HumanRightsEducationAndTraining,
    /// Human rights violations by state agents
    #[strum(serialize = "Human rights violations by state agents")]
    HumanRightsViolationsByStateAgents,
    /// Impunity
    #[strum(serialize = "Impunity")]
    Impunity,
    /// Indigenous peoples
    #[strum(serialize = "Indigenous peoples")]
    IndigenousPeoples,
    /// Internally displaced persons
    #[strum(serialize = "Internally displaced persons")]
    InternallyDisplacedPersons,
    /// International humanitarian law
    #[strum(serialize = "International humanitarian law")]
    InternationalHumanitarianLaw,
    /// International instruments
    #[strum(serialize = "International instruments")]
    InternationalInstruments,
    /// Justice
    #[strum(serialize = "Justice")]
    Justice,
    /// Labour
    #[strum(serialize = "Labour")]
    Labour,
    /// Migrants
    #[strum(serialize = "Migrants")]
    Migrants,
    /// Minorities
    #[strum(serialize = "Minorities")]
    Minorities,
    /// NHRI
    #[strum(serialize = "NHRI")]
    Nhri,
    /// National plan of action
    #[strum(serialize = "National plan of action")]
    NationalPlanOfAction,
    /// Other
    #[strum(serialize = "Other")]
    Other,
    /// Poverty
    #[strum(serialize = "Poverty")]
    Poverty,
    /// Public security
    #[strum(serialize = "Public security")]
    PublicSecurity,
    /// Racial discrimination
    #[strum(serialize = "Racial discrimination")]
    RacialDiscrimination,
    /// Right to education
    #[strum(serialize = "Right to education")]
    RightToEducation,
    /// Right to food
    #[strum(serialize = "Right to food")]
    RightToFood,
    /// Right to health
    #[strum(serialize = "Right to health")]
    RightToHealth,
    /// Right to housing
    #[strum(serialize = "Right to housing")]
    RightToHousing,
    /// Right to land
    #[strum(serialize = "Right to land")]
    RightToLand,
    /// Right to water
    #[strum(serialize = "Right to water")]
    RightToWater,
    /// Rights of the Child
    #[strum(serialize = "Rights of the Child")]
    RightsOfTheChild,
    /// Sexual Orientation and Gender Identity
    #[strum(serialize = "Sexual Orientation and Gender Identity")]
    SexualOrientationAndGenderIdentity,
    /// Special procedures
    #[strum(serialize = "Special procedures")]
    SpecialProcedures,
    /// Technical assistance and cooperation
    #[strum(serialize = "Technical assistance and cooperation")]
    TechnicalAssistanceAndCooperation,
    /// Torture and other CID treatment
    #[strum(serialize = "Torture and other CID treatment")]
    TortureAndOtherCidTreatment,
    /// Trafficking
    #[strum(serialize = "Trafficking")]
    Trafficking,
    /// Treaty bodies
    #[strum(serialize = "Treaty bodies")]
    TreatyBodies,
    /// UPR process
    #[strum(serialize = "UPR process")]
    UprProcess,
    /// Women's rights
    #[strum(serialize = "Women's rights")]
    WomensRights,
}

impl Issue {
    /// UPR Info's spelling, e.g. `Torture and other CID treatment`.
    pub fn name(self) -> &'static str {
        self.into()
    }

    /// The broader family the issue belongs to.
    pub fn family(self) -> IssueFamily {
        match self {
            Issue::AsylumSeekersRefugees => IssueFamily::GroupsOfPersons,
            Issue::CpRightsGeneral => IssueFamily::CivilPolitical,
            Issue::CivilSociety => IssueFamily::CivilPolitical,
            Issue::Corruption => IssueFamily::JusticeAndDetention,
            Issue::CounterTerrorism => IssueFamily::JusticeAndDetention,
            Issue::DeathPenalty => IssueFamily::CivilPolitical,
            Issue::Detention => IssueFamily::JusticeAndDetention,
            Issue::Development => IssueFamily::EconomicSocialCultural,
            Issue::Disabilities => IssueFamily::GroupsOfPersons,
            Issue::EscRightsGeneral => IssueFamily::EconomicSocialCultural,
            Issue::Elections => IssueFamily::CivilPolitical,
            Issue::EnforcedDisappearances => IssueFamily::CivilPolitical,
            Issue::Environment => IssueFamily::EconomicSocialCultural,
            Issue::ExtrajudicialExecutions => IssueFamily::CivilPolitical,
            Issue::FreedomOfAssociationAndPeacefulAssembly => IssueFamily::CivilPolitical,
            Issue::FreedomOfMovement => IssueFamily::CivilPolitical,
            Issue::FreedomOfOpinionAndExpression => IssueFamily::CivilPolitical,
            Issue::FreedomOfReligionAndBelief => IssueFamily::CivilPolitical,
            Issue::FreedomOfThePress => IssueFamily::CivilPolitical,
            Issue::General => IssueFamily::General,
            Issue::HivAids => IssueFamily::EconomicSocialCultural,
            Issue::HumanRightsDefenders => IssueFamily::CivilPolitical,
            Issue::HumanRightsEducationAndTraining => IssueFamily::NationalFramework,
            Issue::HumanRightsViolationsByStateAgents => IssueFamily::CivilPolitical,
            Issue::Impunity => IssueFamily::JusticeAndDetention,
            Issue::IndigenousPeoples => IssueFamily::GroupsOfPersons,
            Issue::InternallyDisplacedPersons => IssueFamily::GroupsOfPersons,
            Issue::InternationalHumanitarianLaw => IssueFamily::JusticeAndDetention,
            Issue::InternationalInstruments => IssueFamily::InternationalInstruments,
            Issue::Justice => IssueFamily::JusticeAndDetention,
            Issue::Labour => IssueFamily::EconomicSocialCultural,
            Issue::Migrants => IssueFamily::GroupsOfPersons,
            Issue::Minorities => IssueFamily::GroupsOfPersons,
            Issue::Nhri => IssueFamily::NationalFramework,
            Issue::NationalPlanOfAction => IssueFamily::NationalFramework,
            Issue::Other => IssueFamily::General,
            Issue::Poverty => IssueFamily::EconomicSocialCultural,
            Issue::PublicSecurity => IssueFamily::JusticeAndDetention,
            Issue::RacialDiscrimination => IssueFamily::GroupsOfPersons,
            Issue::RightToEducation => IssueFamily::EconomicSocialCultural,
            Issue::RightToFood => IssueFamily::EconomicSocialCultural,
            Issue::RightToHealth => IssueFamily::EconomicSocialCultural,
            Issue::RightToHousing => IssueFamily::EconomicSocialCultural,
            Issue::RightToLand => IssueFamily::EconomicSocialCultural,
            Issue::RightToWater => IssueFamily::EconomicSocialCultural,
            Issue::RightsOfTheChild => IssueFamily::GroupsOfPersons,
            Issue::SexualOrientationAndGenderIdentity => IssueFamily::GroupsOfPersons,
            Issue::SpecialProcedures => IssueFamily::UnMechanisms,
            Issue::TechnicalAssistanceAndCooperation => IssueFamily::UnMechanisms,
            Issue::TortureAndOtherCidTreatment => IssueFamily::CivilPolitical,
            Issue::Trafficking => IssueFamily::GroupsOfPersons,
            Issue::TreatyBodies => IssueFamily::UnMechanisms,
            Issue::UprProcess => IssueFamily::UnMechanisms,
            Issue::WomensRights => IssueFamily::GroupsOfPersons,
        }
    }

    /// Parses UPR Info's spelling (case-insensitive, surrounding space ignored).
    ///
    /// # Errors
    /// [`Error::Unknown`] naming the input.
    pub fn parse(s: &str) -> Result<Issue> {
        Issue::from_str(s.trim()).map_err(|_| Error::unknown("UPR Info issue", s))
    }

    /// Parses UPR Info's multi-valued `Issue` field (`"Justice,Detention"`).
    ///
    /// # Errors
    /// [`Error::Unknown`] naming the first unknown issue.
    pub fn parse_list(s: &str) -> Result<Vec<Issue>> {
        s.split(',')
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .map(Issue::parse)
            .collect()
    }
}

text_vocabulary!(Issue, name, Issue::parse);

/// Broad families of issues, for summaries.
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
#[strum(serialize_all = "snake_case", ascii_case_insensitive)]
#[non_exhaustive]
pub enum IssueFamily {
    /// Civil and political rights (torture, expression, religion, death penalty, elections, ...).
    CivilPolitical,
    /// Economic, social and cultural rights (food, health, education, labour, ...).
    EconomicSocialCultural,
    /// Rights of groups of persons (women, children, persons with disabilities, migrants, ...).
    GroupsOfPersons,
    /// Justice, detention, impunity and public security.
    JusticeAndDetention,
    /// Cooperation with UN mechanisms (special procedures, treaty bodies, UPR, technical assistance).
    UnMechanisms,
    /// Ratification of international instruments.
    InternationalInstruments,
    /// National framework: NHRI, national action plans, human rights education.
    NationalFramework,
    /// General and other.
    General,
}

impl IssueFamily {
    /// The snake_case key.
    pub fn key(self) -> &'static str {
        self.into()
    }

    /// The issues in this family.
    pub fn issues(self) -> impl Iterator<Item = Issue> {
        Issue::VARIANTS
            .iter()
            .copied()
            .filter(move |i| i.family() == self)
    }
}

text_vocabulary!(IssueFamily, key, |s| IssueFamily::from_str(s.trim())
    .map_err(|_| Error::unknown("issue family", s)));

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
        let total: usize = IssueFamily::VARIANTS
            .iter()
            .map(|f| f.issues().count())
            .sum();
        assert_eq!(total, 54);
    }

    #[test]
    fn lists_and_errors() {
        assert_eq!(
            Issue::parse_list("Rights of the Child,Women's rights").unwrap(),
            vec![Issue::RightsOfTheChild, Issue::WomensRights]
        );
        assert_eq!(
            Issue::parse("Sports").unwrap_err().to_string(),
            r#"unknown UPR Info issue "Sports""#
        );
    }
}
