//! Issues: every issue rule that matches, and whose conditions hold, adds its issue.

use super::{Classifier, Hit, IssueSet, conditions_hold};

pub(super) fn decide(
    c: &Classifier,
    text: &str,
    hits: &[Hit],
    mut evidence: Option<&mut Vec<(Hit, u32)>>,
) -> IssueSet {
    let mut set = IssueSet::EMPTY;
    for h in hits {
        let Some(p) = c.pattern(h.pattern) else {
            continue;
        };
        for &ri in &p.issue_rules {
            let Some(rule) = c.compiled(ri) else { continue };
            let mark = evidence.as_ref().map_or(0, |e| e.len());
            if let Some(e) = evidence.as_mut() {
                e.push((*h, ri));
            }
            if conditions_hold(&rule.conds, text, hits, *h, ri, evidence.as_deref_mut()) {
                set.insert_index(rule.issue_index);
            } else if let Some(e) = evidence.as_mut() {
                e.truncate(mark);
            }
        }
    }
    set
}

#[cfg(test)]
mod tests {
    use crate::Issue;
    use crate::classify::{Classifier, Rules};

    #[test]
    fn multi_label_with_conditions_and_spans() {
        let rules = Rules::parse(
            "Death penalty\tdeath penalty\nDeath penalty\tmoratorium\tif=execution*\n\
             Torture and other CID treatment\ttortur*\nWomen's rights\twomen\n",
            "t.tsv",
        )
        .unwrap();
        let c = Classifier::new(rules).unwrap();
        let text = "Establish a moratorium on executions; stop torturing women's groups";
        let out = c.classify(text);
        let issues: Vec<Issue> = out.issues().collect();
        assert_eq!(
            issues,
            vec![
                Issue::DeathPenalty,
                Issue::TortureAndOtherCidTreatment,
                Issue::WomensRights
            ]
        );
        for l in &out.issues {
            for e in &l.evidence {
                assert_eq!(&text[e.span.clone()], e.phrase);
            }
        }
        let dp = &out.issues[0].evidence;
        assert_eq!(dp[0].phrase, "moratorium");
        assert_eq!(dp[1].phrase, "executions");
        assert_eq!(out.issues[1].evidence[0].phrase, "torturing");
        // The condition fails without its cue.
        let out = c.classify("A moratorium on evictions");
        assert_eq!(out.issues().count(), 0);
        // Word boundaries: `women` is not found inside `womenfolk`.
        assert_eq!(c.classify("womenfolk").issues().count(), 0);
    }
}
