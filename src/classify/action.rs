//! The action category: the leading action phrase and its modifiers decide.

use super::{Classifier, Hit, Label, conditions_hold};
use crate::ActionCategory;

/// Tries action matches in text order (longest first at one start); for each, its rules in
/// file order; the first rule whose conditions hold decides.
pub(super) fn decide(
    c: &Classifier,
    text: &str,
    hits: &[Hit],
    mut evidence: Option<&mut Vec<(Hit, u32)>>,
) -> Option<ActionCategory> {
    for h in hits {
        let Some(p) = c.pattern(h.pattern) else {
            continue;
        };
        for &ri in &p.action_rules {
            let Some(rule) = c.compiled(ri) else { continue };
            let Label::Action(cat) = rule.label else {
                continue;
            };
            let mark = evidence.as_ref().map_or(0, |e| e.len());
            if let Some(e) = evidence.as_mut() {
                e.push((*h, ri));
            }
            if conditions_hold(&rule.conds, text, hits, *h, ri, evidence.as_deref_mut()) {
                return Some(cat);
            }
            if let Some(e) = evidence.as_mut() {
                e.truncate(mark);
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use crate::ActionCategory;
    use crate::classify::{Classifier, Rules};

    fn small() -> Classifier {
        let rules = Rules::parse(
            "2\tcontinue\n3\tconsider*\n4\tadopt\tthen=measures|steps\n5\tadopt*\n4\ttake\n5\tratify*\n",
            "t.tsv",
        )
        .unwrap();
        Classifier::new(rules).unwrap()
    }

    #[test]
    fn leading_action_decides() {
        let c = small();
        let cat = |t: &str| c.classify(t).action_category();
        assert_eq!(
            cat("Continue to take measures"),
            Some(ActionCategory::Continuing)
        );
        assert_eq!(
            cat("Take measures to ratify"),
            Some(ActionCategory::General)
        );
        assert_eq!(cat("Consider ratifying"), Some(ActionCategory::Considering));
        assert_eq!(
            cat("Adopt effective and urgent measures"),
            Some(ActionCategory::General)
        );
        assert_eq!(
            cat("Adopt a law on torture"),
            Some(ActionCategory::Specific)
        );
        assert_eq!(
            cat("Recommended the adoption of a law"),
            Some(ActionCategory::Specific)
        );
        // `then=` looks six words ahead, no further.
        assert_eq!(
            cat("Adopt a law, and in one two three four measures"),
            Some(ActionCategory::Specific)
        );
        assert_eq!(cat("Nothing here"), None);
        // Not inside a word.
        assert_eq!(cat("Discontinue it"), None);
    }

    #[test]
    fn evidence_names_the_leading_phrase_and_its_cue() {
        let c = small();
        let text = "Adopt further measures";
        let out = c.classify(text);
        let a = out.action.unwrap();
        assert_eq!(a.category, ActionCategory::General);
        let got: Vec<(&str, std::ops::Range<usize>)> = a
            .evidence
            .iter()
            .map(|e| (e.phrase, e.span.clone()))
            .collect();
        assert_eq!(got, vec![("Adopt", 0..5), ("measures", 14..22)]);
        assert_eq!(a.evidence[0].rule.line, 3);
    }
}
