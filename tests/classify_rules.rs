//! The rule set is data a user can extend; every label comes with evidence that points at
//! the text.

use std::io::Write;

use upr::classify::{Classifier, Label, Rules};
use upr::{ActionCategory, Issue};

#[test]
fn a_user_added_rule_takes_effect() {
    let text = "Close all political prison camps and release the kwanliso inmates";
    let builtin = Classifier::rules_only();
    // The built-in rules know nothing of `kwanliso`, and say nothing about elections here.
    assert!(
        !builtin
            .classify(text)
            .issues()
            .any(|i| i == Issue::Elections)
    );

    // A user's file: a new phrase for an issue, and an action rule for a new leading verb.
    let dir = std::env::temp_dir().join(format!("upr-rules-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("mine.tsv");
    let mut f = std::fs::File::create(&path).unwrap();
    writeln!(f, "# my NGO's grouping").unwrap();
    writeln!(f, "Elections\tkwanliso").unwrap();
    writeln!(f, "1\tclose all\tif=prison camps").unwrap();
    drop(f);

    let mut rules = Rules::builtin().clone();
    let before = rules.len();
    rules.extend(Rules::from_path(&path).unwrap());
    assert_eq!(rules.len(), before + 2);
    let c = Classifier::new(rules).unwrap();
    let out = c.classify(text);
    let elections = out
        .issues
        .iter()
        .find(|l| l.issue == Issue::Elections)
        .expect("the user's rule adds its issue");
    assert_eq!(elections.evidence[0].phrase, "kwanliso");
    assert_eq!(elections.evidence[0].rule.line, 2);
    assert_eq!(elections.evidence[0].rule.file, path.display().to_string());
    // The user's action rule is longer than the built-in `close` at the same place, so it wins.
    let action = out.action.clone().unwrap();
    assert_eq!(action.category, ActionCategory::Minimal);
    assert_eq!(action.evidence[0].phrase, "Close all");
    assert_eq!(action.evidence[1].phrase, "prison camps");
    // The built-in issues are still there.
    assert!(out.issues().any(|i| i == Issue::Detention));

    // Replacing the rules: only the user's apply.
    let c = Classifier::new(Rules::from_path(&path).unwrap()).unwrap();
    let issues: Vec<Issue> = c.classify(text).issues().collect();
    assert_eq!(issues, vec![Issue::Elections]);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_bad_user_file_is_a_line_numbered_error() {
    let dir = std::env::temp_dir().join(format!("upr-bad-rules-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("bad.tsv");
    std::fs::write(&path, "Justice\tcourt\n\nTorture\ttorture\n").unwrap();
    let e = Rules::from_path(&path).unwrap_err();
    assert_eq!(
        e.to_string(),
        format!(
            "{}: line 3: expected an issue in UPR Info's spelling or an action category 1-5, found \"Torture\"",
            path.display()
        )
    );
    std::fs::remove_dir_all(&dir).unwrap();
    let e = Rules::from_path(dir.join("missing.tsv")).unwrap_err();
    assert!(e.to_string().starts_with("cannot read "), "{e}");
}

#[test]
fn every_label_has_evidence_whose_spans_point_at_the_text() {
    let c = Classifier::builtin();
    let texts = [
        "Ratify the Optional Protocol to the Convention against Torture (OPCAT)",
        "Continue its efforts to combat trafficking in women and girls",
        "Consider abolishing the death penalty and establishing a moratorium on executions",
        "Take measures to guarantee the independence of the judiciary and the right to a fair trial",
        "Extend a standing invitation to the special procedures",
        "Seek technical assistance from OHCHR — with non-ASCII “quotes” before Torture",
    ];
    for text in texts {
        let out = c.classify(text);
        let a = out
            .action
            .as_ref()
            .unwrap_or_else(|| panic!("no action: {text}"));
        assert!(!a.evidence.is_empty());
        assert!(matches!(a.evidence[0].rule.label, Label::Action(x) if x == a.category));
        assert!(!out.issues.is_empty(), "no issue: {text}");
        for e in a
            .evidence
            .iter()
            .chain(out.issues.iter().flat_map(|l| &l.evidence))
        {
            assert_eq!(&text[e.span.clone()], e.phrase, "{text}");
            if e.weight.is_some() {
                // The model's evidence: the feature's words, as the text writes them.
                let words: Vec<String> = e
                    .phrase
                    .split(|c: char| !c.is_ascii_alphanumeric())
                    .filter(|w| !w.is_empty())
                    .map(str::to_ascii_lowercase)
                    .collect();
                assert_eq!(
                    words.join(" "),
                    e.rule.phrase.trim_start_matches('^'),
                    "{e:?}"
                );
                continue;
            }
            let p = e.rule.phrase.trim_end_matches('*');
            assert!(
                e.phrase.to_ascii_lowercase().starts_with(p)
                    || e.rule
                        .conditions
                        .iter()
                        .any(|c| c.phrases().iter().any(|q| e
                            .phrase
                            .to_ascii_lowercase()
                            .starts_with(q.trim_end_matches('*')))),
                "{e:?}"
            );
        }
        for l in &out.issues {
            assert!(!l.evidence.is_empty(), "{:?} without evidence", l.issue);
            assert!(
                l.evidence
                    .iter()
                    .any(|e| e.rule.label == Label::Issue(l.issue))
            );
        }
    }
    let out = c.classify(texts[0]);
    assert_eq!(out.action_category(), Some(ActionCategory::Specific));
    let issues: Vec<Issue> = out.issues().collect();
    for i in [
        Issue::Detention,
        Issue::InternationalInstruments,
        Issue::TortureAndOtherCidTreatment,
    ] {
        assert!(issues.contains(&i), "{issues:?}");
    }
    assert_eq!(
        c.classify(texts[1]).action_category(),
        Some(ActionCategory::Continuing)
    );
    assert_eq!(
        c.classify(texts[2]).action_category(),
        Some(ActionCategory::Considering)
    );
    assert_eq!(
        c.classify(texts[3]).action_category(),
        Some(ActionCategory::General)
    );
    assert_eq!(
        c.classify(texts[5]).action_category(),
        Some(ActionCategory::Minimal)
    );
    // The fast path agrees with the full one.
    let mut scratch = upr::classify::Scratch::new();
    for text in texts {
        let full = c.classify(text);
        let fast = c.label(text, &mut scratch);
        assert_eq!(fast.action, full.action_category());
        assert_eq!(
            fast.issues.iter().collect::<Vec<_>>(),
            full.issues().collect::<Vec<_>>()
        );
    }
}
