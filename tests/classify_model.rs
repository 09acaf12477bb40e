//! The built-in model: it parses, every text gets an action category with a confidence, and
//! the model's evidence is the text's own words with the weight lines that gave them.

use upr::classify::{Classifier, Model};
use upr::{ActionCategory, Issue};

#[test]
fn builtin_model_parses_and_is_used_by_default() {
    let m = Model::builtin();
    assert!(m.len() > 10_000, "{}", m.len());
    assert!(Classifier::builtin().model().is_some());
    assert!(Classifier::rules_only().model().is_none());
}

#[test]
fn every_text_gets_an_action_category() {
    for text in ["", "Thank you", "Human rights in general"] {
        let c = Classifier::builtin().classify(text);
        let a = c.action.as_ref().unwrap();
        let conf = a.confidence.unwrap();
        assert!((0.2..=1.0).contains(&conf), "{text:?}: {conf}");
        let mut s = upr::classify::Scratch::new();
        assert_eq!(
            Classifier::builtin().label(text, &mut s).action,
            Some(a.category)
        );
    }
    // The rules alone give none when no action phrase matches.
    assert_eq!(Classifier::rules_only().classify("Thank you").action, None);
}

#[test]
fn model_evidence_is_the_texts_words_and_the_weights_line() {
    let text = "Ratify the Optional Protocol to the Convention against Torture";
    let c = Classifier::builtin().classify(text);
    assert_eq!(c.action_category(), Some(ActionCategory::Specific));
    let torture = c
        .issues
        .iter()
        .find(|l| l.issue == Issue::TortureAndOtherCidTreatment)
        .unwrap();
    assert!(torture.score.unwrap() > Model::builtin().threshold());
    assert!(torture.evidence.iter().any(|e| e.weight.is_none()));
    let from_model: Vec<_> = torture
        .evidence
        .iter()
        .filter(|e| e.weight.is_some())
        .collect();
    assert!(!from_model.is_empty());
    for e in c.issues.iter().flat_map(|l| &l.evidence) {
        assert_eq!(&text[e.span.clone()], e.phrase);
        if let Some(w) = e.weight {
            assert!(w > 0.0);
            assert_eq!(e.rule.file, "data/model/weights.tsv");
            let line = Model::BUILTIN_TSV.lines().nth(e.rule.line - 1).unwrap();
            assert!(line.ends_with(&format!("\t{w:.4}")), "{line}");
        }
    }
    // Rules-only evidence has no weights.
    let r = Classifier::rules_only().classify(text);
    assert!(
        r.issues
            .iter()
            .flat_map(|l| &l.evidence)
            .all(|e| e.weight.is_none())
    );
}

#[test]
fn model_file_errors_name_the_line() {
    let e = Model::parse("threshold\t0\nJustise\tfair\t0.5\n", "my-model.tsv").unwrap_err();
    assert_eq!(
        e.to_string(),
        r#"invalid model file "my-model.tsv: line 2": expected an issue in UPR Info's spelling or an action category 1-5, found "Justise""#
    );
    let e = Model::parse("Justice\tfair\tx\n", "my-model.tsv").unwrap_err();
    assert!(e.to_string().contains("line 1"), "{e}");
}

#[test]
fn label_and_classify_agree_on_the_dprk_recommendations() {
    let c = Classifier::builtin();
    let mut s = upr::classify::Scratch::new();
    for r in &upr::Dataset::dprk().recommendations {
        let l = c.label(r.text(), &mut s);
        let full = c.classify(r.text());
        assert_eq!(l.action, full.action_category(), "{}", r.text());
        let issues: Vec<Issue> = full.issues().collect();
        assert_eq!(l.issues.iter().collect::<Vec<_>>(), issues, "{}", r.text());
        for label in &full.issues {
            assert!(
                !label.evidence.is_empty(),
                "{:?}: {}",
                label.issue,
                r.text()
            );
        }
    }
}
