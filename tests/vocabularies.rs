//! Every vocabulary of the crate: all values round-trip through `Display`/`FromStr` and serde,
//! every spelling parses to its value (whatever the case and surrounding space) and to no other,
//! the spellings sources use parse, and parse errors say exactly what is expected.

use std::fmt::{Debug, Display};
use std::str::FromStr;

use serde::Serialize;
use serde::de::DeserializeOwned;
use strum::VariantArray;
use upr::dataset::Quantity;
use upr::{
    ActionCategory, AffectedPersons, Bucket, Convention, Cycle, DatePrecision, Dimension, Encoding,
    Issue, IssueFamily, Membership, PartialCounts, RegionalGroup, ResponseStatus, Sdg, Session,
    SourceKind, Stage, ThemeCode, UhriTheme, UprInfoResponse, UprPosition, WorkingGroupStatus,
};

/// Checks one vocabulary's values; returns how many there are.
fn check<T>(spellings: impl Fn(&T) -> &'static [&'static str]) -> usize
where
    T: VariantArray
        + Display
        + FromStr<Err = upr::Error>
        + Serialize
        + DeserializeOwned
        + PartialEq
        + Debug,
{
    for v in T::VARIANTS {
        let shown = v.to_string();
        assert_eq!(&shown.parse::<T>().unwrap(), v, "{shown}");
        let all = spellings(v);
        assert_eq!(
            all.first(),
            Some(&shown.as_str()),
            "Display is the first spelling"
        );
        let json = serde_json::to_string(v).unwrap();
        assert_eq!(&serde_json::from_str::<T>(&json).unwrap(), v, "{json}");
        for s in all {
            for form in [
                s.to_string(),
                s.to_uppercase(),
                s.to_lowercase(),
                format!(" \u{a0}{s}\t"),
            ] {
                assert_eq!(&form.parse::<T>().unwrap(), v, "{form:?}");
            }
            for w in T::VARIANTS.iter().filter(|w| *w != v) {
                assert!(
                    !spellings(w).iter().any(|t| t.eq_ignore_ascii_case(s)),
                    "{s:?} spells both {v:?} and {w:?}"
                );
            }
        }
    }
    T::VARIANTS.len()
}

/// The serde form is the `Display` string, for every value.
fn serde_is_display<T: VariantArray + Display + Serialize>() {
    for v in T::VARIANTS {
        assert_eq!(
            serde_json::to_string(v).unwrap(),
            serde_json::to_string(&v.to_string()).unwrap()
        );
    }
}

#[test]
fn every_vocabulary_round_trips() {
    let counts = [
        ("ResponseStatus", check::<ResponseStatus>(|v| v.spellings())),
        (
            "WorkingGroupStatus",
            check::<WorkingGroupStatus>(|v| v.spellings()),
        ),
        ("Stage", check::<Stage>(|v| v.spellings())),
        ("DatePrecision", check::<DatePrecision>(|v| v.spellings())),
        ("Issue", check::<Issue>(|v| v.spellings())),
        ("IssueFamily", check::<IssueFamily>(|v| v.spellings())),
        ("UprPosition", check::<UprPosition>(|v| v.spellings())),
        (
            "UprInfoResponse",
            check::<UprInfoResponse>(|v| v.spellings()),
        ),
        (
            "AffectedPersons",
            check::<AffectedPersons>(|v| v.spellings()),
        ),
        ("ActionCategory", check::<ActionCategory>(|v| v.spellings())),
        ("Convention", check::<Convention>(|v| v.spellings())),
        ("Bucket", check::<Bucket>(|v| v.spellings())),
        ("PartialCounts", check::<PartialCounts>(|v| v.spellings())),
        ("Dimension", check::<Dimension>(|v| v.spellings())),
        ("RegionalGroup", check::<RegionalGroup>(|v| v.spellings())),
        ("Membership", check::<Membership>(|v| v.spellings())),
        ("SourceKind", check::<SourceKind>(|v| v.spellings())),
        ("Encoding", check::<Encoding>(|v| v.spellings())),
        ("Quantity", check::<Quantity>(|v| v.spellings())),
    ];
    assert_eq!(
        counts,
        [
            ("ResponseStatus", 6),
            ("WorkingGroupStatus", 4),
            ("Stage", 4),
            ("DatePrecision", 3),
            ("Issue", 54),
            ("IssueFamily", 8),
            ("UprPosition", 3),
            ("UprInfoResponse", 3),
            ("AffectedPersons", 27),
            ("ActionCategory", 5),
            ("Convention", 4),
            ("Bucket", 8),
            ("PartialCounts", 2),
            ("Dimension", 8),
            ("RegionalGroup", 5),
            ("Membership", 2),
            ("SourceKind", 5),
            ("Encoding", 6),
            ("Quantity", 11),
        ]
    );
    serde_is_display::<ResponseStatus>();
    serde_is_display::<WorkingGroupStatus>();
    serde_is_display::<Stage>();
    serde_is_display::<DatePrecision>();
    serde_is_display::<Issue>();
    serde_is_display::<IssueFamily>();
    serde_is_display::<UprPosition>();
    serde_is_display::<UprInfoResponse>();
    serde_is_display::<AffectedPersons>();
    serde_is_display::<Convention>();
    serde_is_display::<Bucket>();
    serde_is_display::<PartialCounts>();
    serde_is_display::<Dimension>();
    serde_is_display::<RegionalGroup>();
    serde_is_display::<Membership>();
    serde_is_display::<SourceKind>();
    serde_is_display::<Encoding>();
    serde_is_display::<Quantity>();
    // Action categories are JSON numbers, as in the dataset file.
    assert_eq!(
        serde_json::to_string(&ActionCategory::General).unwrap(),
        "4"
    );
    assert_eq!(
        serde_json::from_str::<ActionCategory>("4").unwrap(),
        ActionCategory::General
    );
}

#[test]
fn keys_are_stable() {
    let of = |v: Vec<String>| v.join(" ");
    assert_eq!(
        of(Stage::VARIANTS.iter().map(|v| v.to_string()).collect()),
        "working_group addendum adoption later_statement"
    );
    assert_eq!(
        of(DatePrecision::VARIANTS
            .iter()
            .map(|v| v.to_string())
            .collect()),
        "day month year"
    );
    assert_eq!(
        of(SourceKind::VARIANTS.iter().map(|v| v.to_string()).collect()),
        "un_document seed dataset publication state_statement"
    );
    assert_eq!(
        of(Membership::VARIANTS.iter().map(|v| v.to_string()).collect()),
        "member observer"
    );
    assert_eq!(
        of(PartialCounts::VARIANTS
            .iter()
            .map(|v| v.to_string())
            .collect()),
        "as_accepted as_not_accepted"
    );
    assert_eq!(
        of(Dimension::VARIANTS.iter().map(|v| v.to_string()).collect()),
        "cycle state_under_review recommending_state recommender_group status action_category \
         issue_family issue"
    );
    assert_eq!(
        of(ActionCategory::VARIANTS
            .iter()
            .map(|v| v.to_string())
            .collect()),
        "1 2 3 4 5"
    );
    assert_eq!(
        ActionCategory::VARIANTS
            .iter()
            .map(|c| c.name())
            .collect::<Vec<_>>(),
        [
            "minimal",
            "continuing",
            "considering",
            "general",
            "specific"
        ]
    );
    assert_eq!(Issue::Nhri.name(), "NHRI");
    assert_eq!(Issue::WomensRights.to_string(), "Women's rights");
    assert_eq!(UprPosition::SupportedNoted.to_string(), "Supported/Noted");
    assert_eq!(
        UprInfoResponse::VoluntaryPledge.to_string(),
        "Voluntary Pledge"
    );
    assert_eq!(
        RegionalGroup::AsiaPacific.to_string(),
        "Asia-Pacific States"
    );
    assert_eq!(Encoding::MacRoman.to_string(), "mac-roman");
    assert_eq!(
        Bucket::ImmediatelyRejected.to_string(),
        "immediately_rejected"
    );
    assert_eq!(Bucket::SupportedNoted.label(), "supported/noted");
    assert_eq!(
        ResponseStatus::RejectedAtWorkingGroup.label(),
        "rejected at the Working Group"
    );
    assert_eq!(
        WorkingGroupStatus::NotSupported.response(),
        ResponseStatus::RejectedAtWorkingGroup
    );
    assert_eq!(
        UprPosition::SupportedNoted.status(),
        ResponseStatus::PartiallySupported
    );
    assert_eq!(RegionalGroup::EasternEuropean.upr_info_code(), "EEG");
    assert_eq!(format!("[{:>8}]", Stage::Addendum), "[addendum]");
    assert_eq!(format!("[{:<6}]", DatePrecision::Day), "[day   ]");
}

#[test]
fn sources_spellings_parse() {
    let status = |s: &str| ResponseStatus::parse(s).unwrap();
    assert_eq!(status("Accepted"), ResponseStatus::Supported);
    assert_eq!(status("accept"), ResponseStatus::Supported);
    assert_eq!(
        status("Supported/Noted"),
        ResponseStatus::PartiallySupported
    );
    assert_eq!(
        status("partially accepted"),
        ResponseStatus::PartiallySupported
    );
    assert_eq!(status("take note"), ResponseStatus::Noted);
    assert_eq!(status("not supported"), ResponseStatus::Rejected);
    assert_eq!(
        status("immediately rejected"),
        ResponseStatus::RejectedAtWorkingGroup
    );
    assert_eq!(
        status("did not enjoy the support"),
        ResponseStatus::RejectedAtWorkingGroup
    );
    assert_eq!(status("to be examined"), ResponseStatus::Pending);
    assert_eq!(status(" Pending\u{a0}"), ResponseStatus::Pending);

    let position = |s: &str| UprPosition::parse(s).unwrap();
    assert_eq!(position("Supported"), UprPosition::Supported);
    assert_eq!(position("- Noted"), UprPosition::Noted);
    assert_eq!(position("Supported / Noted"), UprPosition::SupportedNoted);
    assert_eq!(
        position("Supported\u{a0}/\u{a0}Noted"),
        UprPosition::SupportedNoted
    );
    assert_eq!(
        "voluntary pledge".parse::<UprInfoResponse>().unwrap(),
        UprInfoResponse::VoluntaryPledge
    );
    assert_eq!(
        "Noted".parse::<UprInfoResponse>().unwrap(),
        UprInfoResponse::Noted
    );

    for (code, group) in [
        ("Africa", RegionalGroup::African),
        ("Asia", RegionalGroup::AsiaPacific),
        ("Asia Pacific", RegionalGroup::AsiaPacific),
        ("EEG", RegionalGroup::EasternEuropean),
        ("GRULAC", RegionalGroup::LatinAmericanCaribbean),
        ("WEOG", RegionalGroup::WesternEuropeanOthers),
        (
            "Western European and Others Group",
            RegionalGroup::WesternEuropeanOthers,
        ),
    ] {
        assert_eq!(RegionalGroup::parse(code).unwrap(), group, "{code}");
    }

    for (s, c) in [
        ("1", ActionCategory::Minimal),
        ("minimal", ActionCategory::Minimal),
        ("Specific", ActionCategory::Specific),
        (" 3 ", ActionCategory::Considering),
        ("03", ActionCategory::Considering),
        ("+4", ActionCategory::General),
    ] {
        assert_eq!(s.parse::<ActionCategory>().unwrap(), c, "{s:?}");
    }

    assert_eq!(
        Issue::parse(" death penalty ").unwrap(),
        Issue::DeathPenalty
    );
    assert_eq!(Issue::parse("HIV - Aids").unwrap(), Issue::HivAids);
    assert_eq!(
        Issue::parse_list("Justice,Detention").unwrap(),
        [Issue::Justice, Issue::Detention]
    );

    assert_eq!("utf8".parse::<Encoding>().unwrap(), Encoding::Utf8);
    assert_eq!(
        "x-mac-roman".parse::<Encoding>().unwrap(),
        Encoding::MacRoman
    );
    assert_eq!("MacRoman".parse::<Encoding>().unwrap(), Encoding::MacRoman);
    assert_eq!("cp1252".parse::<Encoding>().unwrap(), Encoding::Windows1252);
    assert_eq!(
        "Windows-1252".parse::<Encoding>().unwrap(),
        Encoding::Windows1252
    );
    assert_eq!("UTF-16LE".parse::<Encoding>().unwrap(), Encoding::Utf16Le);
    assert_eq!("utf16be".parse::<Encoding>().unwrap(), Encoding::Utf16Be);
    assert_eq!(Encoding::Windows1252.to_string(), "windows-1252");

    assert_eq!(
        AffectedPersons::parse(
            "- lesbian, gay, bisexual, transgender and intersex persons (LGBTI)\u{a0}"
        ),
        AffectedPersons::Lgbti
    );
    assert_eq!(
        "Persons With Disabilities"
            .parse::<AffectedPersons>()
            .unwrap(),
        AffectedPersons::PersonsWithDisabilities
    );

    assert_eq!("cycle 3".parse::<Cycle>().unwrap(), Cycle::THIRD);
    assert_eq!("third".parse::<Cycle>().unwrap(), Cycle::THIRD);
    assert_eq!("19th session".parse::<Session>().unwrap().number(), 19);
    assert_eq!("Goal 16".parse::<Sdg>().unwrap().number(), 16);
    assert_eq!("S04".parse::<Sdg>().unwrap().number(), 4);
}

#[test]
fn the_catch_all_keeps_what_it_read() {
    let other = AffectedPersons::parse("  Stateless\u{a0} persons ");
    assert_eq!(other, AffectedPersons::Other("Stateless persons".into()));
    assert!(other.is_other());
    assert!(other.spellings().is_empty());
    assert_eq!(other.to_string(), "Stateless persons");
    let json = serde_json::to_string(&other).unwrap();
    assert_eq!(json, r#""Stateless persons""#);
    assert_eq!(
        serde_json::from_str::<AffectedPersons>(&json).unwrap(),
        other
    );
    assert!(
        !AffectedPersons::VARIANTS
            .iter()
            .any(AffectedPersons::is_other)
    );
}

#[test]
fn newtypes_round_trip() {
    for c in (1..=20).map(|n| Cycle::new(n).unwrap()) {
        assert_eq!(c.to_string().parse::<Cycle>().unwrap(), c);
        let j = serde_json::to_string(&c).unwrap();
        assert_eq!(serde_json::from_str::<Cycle>(&j).unwrap(), c);
    }
    for n in [1, 12, 13, 54, 55] {
        let s = Session::new(n).unwrap();
        assert_eq!(s.to_string().parse::<Session>().unwrap(), s);
    }
    assert_eq!(Sdg::VARIANTS.len(), 17);
    for g in Sdg::VARIANTS {
        assert_eq!(g.to_string().parse::<Sdg>().unwrap(), *g);
        assert_eq!(g.code().parse::<Sdg>().unwrap(), *g);
        let j = serde_json::to_string(g).unwrap();
        assert_eq!(serde_json::from_str::<Sdg>(&j).unwrap(), *g);
    }
    for code in ["2.1", "10", "A12", "S", "S04"] {
        let c = code.parse::<ThemeCode>().unwrap();
        assert_eq!(c.to_string(), code);
        let j = serde_json::to_string(&c).unwrap();
        assert_eq!(serde_json::from_str::<ThemeCode>(&j).unwrap(), c);
    }
    let t = "12.4. Death penalty".parse::<UhriTheme>().unwrap();
    assert_eq!(t.to_string().parse::<UhriTheme>().unwrap(), t);
}

fn error<T: FromStr<Err = upr::Error> + Debug>(s: &str) -> String {
    s.parse::<T>().unwrap_err().to_string()
}

#[test]
fn errors_say_what_is_expected() {
    let cases = [
        (
            error::<ResponseStatus>("maybe"),
            r#"unknown response status "maybe" (expected supported, partially_supported, noted, rejected, rejected_at_working_group or pending)"#,
        ),
        (
            error::<WorkingGroupStatus>("x"),
            r#"unknown working group status "x" (expected supported, to_be_examined, not_supported or noted)"#,
        ),
        (
            error::<Stage>("plenary"),
            r#"unknown stage "plenary" (expected working_group, addendum, adoption or later_statement)"#,
        ),
        (
            error::<DatePrecision>("week"),
            r#"unknown date precision "week" (expected day, month or year)"#,
        ),
        (
            error::<IssueFamily>("x"),
            r#"unknown issue family "x" (expected civil_political, economic_social_cultural, groups_of_persons, justice_and_detention, un_mechanisms, international_instruments, national_framework or general)"#,
        ),
        (
            error::<UprPosition>("Accepted"),
            r#"unknown UPR position "Accepted" (expected Supported, Noted or Supported/Noted)"#,
        ),
        (
            error::<UprInfoResponse>("Rejected"),
            r#"unknown UPR Info response "Rejected" (expected Accepted, Noted or Voluntary Pledge)"#,
        ),
        (
            error::<ActionCategory>("6"),
            r#"invalid action category "6": expected 1 to 5"#,
        ),
        (
            error::<ActionCategory>("huge"),
            r#"invalid action category "huge": expected 1 to 5"#,
        ),
        (
            error::<Convention>("x"),
            r#"unknown counting convention "x" (expected five_way, ohchr, upr_info or upr_info_summary_2014)"#,
        ),
        (
            error::<Bucket>("x"),
            r#"unknown bucket "x" (expected accepted, supported, partially_accepted, supported_noted, noted, rejected, immediately_rejected or pending)"#,
        ),
        (
            error::<PartialCounts>("x"),
            r#"unknown partial counts "x" (expected as_accepted or as_not_accepted)"#,
        ),
        (
            error::<Dimension>("x"),
            r#"unknown dimension "x" (expected cycle, state_under_review, recommending_state, recommender_group, status, action_category, issue_family or issue)"#,
        ),
        (
            error::<RegionalGroup>("Europe"),
            r#"unknown regional group "Europe" (expected one of Africa, Asia, EEG, GRULAC, WEOG or the UN group names)"#,
        ),
        (
            error::<Membership>("x"),
            r#"unknown membership "x" (expected member or observer)"#,
        ),
        (
            error::<SourceKind>("x"),
            r#"unknown source kind "x" (expected un_document, seed, dataset, publication or state_statement)"#,
        ),
        (
            error::<Encoding>("latin-1"),
            r#"unknown encoding "latin-1" (expected auto, utf-8, mac-roman, windows-1252, utf-16le or utf-16be)"#,
        ),
        (
            error::<Quantity>("x"),
            r#"unknown quantity "x" (expected received, accepted, partially_accepted, noted, rejected, rejected_at_working_group, not_accepted, to_be_examined, pending, recommending_states or not_accepted_share)"#,
        ),
        (
            error::<Issue>("Sports"),
            concat!(
                r#"unknown UPR Info issue "Sports" (expected "#,
                "Asylum-seekers - refugees, CP rights - general, Civil society, Corruption, ",
                "Counter-terrorism, Death penalty, Detention, Development, Disabilities, ",
                "ESC rights - general, Elections, Enforced disappearances, Environment, ",
                "Extrajudicial executions, Freedom of association and peaceful assembly, ",
                "Freedom of movement, Freedom of opinion and expression, ",
                "Freedom of religion and belief, Freedom of the press, General, HIV - Aids, ",
                "Human rights defenders, Human rights education and training, ",
                "Human rights violations by state agents, Impunity, Indigenous peoples, ",
                "Internally displaced persons, International humanitarian law, ",
                "International instruments, Justice, Labour, Migrants, Minorities, NHRI, ",
                "National plan of action, Other, Poverty, Public security, ",
                "Racial discrimination, Right to education, Right to food, Right to health, ",
                "Right to housing, Right to land, Right to water, Rights of the Child, ",
                "Sexual Orientation and Gender Identity, Special procedures, ",
                "Technical assistance and cooperation, Torture and other CID treatment, ",
                "Trafficking, Treaty bodies, UPR process or Women's rights)"
            ),
        ),
        (
            error::<Cycle>("x"),
            r#"invalid cycle "x": expected a cycle number such as 3"#,
        ),
        (
            error::<Cycle>("21"),
            r#"invalid cycle "21": cycles are numbered from 1 to 20"#,
        ),
        (
            error::<Session>("x"),
            r#"invalid working group session "x": expected a session number such as 19"#,
        ),
        (
            error::<Sdg>("18"),
            r#"invalid SDG "18": expected a goal 1-17, e.g. 16, SDG 16 or S16"#,
        ),
        (
            error::<ThemeCode>("2.100"),
            r#"invalid UHRI theme code "2.100": expected a numbered code such as 2.1 or a lettered code such as A12"#,
        ),
        (
            error::<UhriTheme>("Death penalty"),
            r#"invalid UHRI theme "Death penalty": expected a code and a name, e.g. 2.1. Acceptance of international norms or A12 Acceptance of international norms"#,
        ),
    ];
    for (got, want) in cases {
        assert_eq!(got, want);
    }
    // serde says the same, naming the input.
    assert_eq!(
        serde_json::from_str::<Stage>(r#""plenary""#)
            .unwrap_err()
            .to_string(),
        r#"unknown stage "plenary" (expected working_group, addendum, adoption or later_statement) at line 1 column 9"#
    );
    assert_eq!(
        serde_json::from_str::<Stage>("3").unwrap_err().to_string(),
        "invalid type: integer `3`, expected a string at line 1 column 1"
    );
}
