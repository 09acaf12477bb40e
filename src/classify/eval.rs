//! Measuring the classifier against human labels: accuracy, F1, confusion matrix
//! ([`Evaluation`], over labelled export rows), and the agreement of any [`Labeler`] with the
//! human labels recommendations carry ([`LabelAgreement`]).

use std::fmt::{self, Write as _};

use serde::Serialize;
use strum::VariantArray;

use super::{IssueSet, LabelSet};
use crate::{ActionCategory, Issue, Labeler, Ratio, Recommendation};

/// How a labeler's labels agree with the human labels of recommendations (those that carry
/// [`HumanLabels`](crate::HumanLabels)), as exact ratios.
///
/// Unlike [`Evaluation`], every labelled recommendation counts for both measures: two missing
/// action categories are the same category, and issues predicted for a recommendation the
/// humans gave no issue count against precision.
///
/// ```
/// use upr::classify::LabelAgreement;
/// use upr::{Classifier, Cycle, Dataset};
///
/// let data = Dataset::dprk();
/// let first = data.recommendations.iter().filter(|r| r.cycle() == Cycle::FIRST);
/// let a = LabelAgreement::measure(Classifier::builtin(), first);
/// assert_eq!(a.recommendations, 167);
/// println!("same action category: {}", a.action_category_same);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct LabelAgreement {
    /// The recommendations compared: those with human labels.
    pub recommendations: u64,
    /// Recommendations whose action category is the human one (or both have none).
    pub action_category_same: Ratio,
    /// (recommendation, issue) pairs the labeler gives that the humans give too, over all the
    /// labeler gives.
    pub issues_micro_precision: Ratio,
    /// (recommendation, issue) pairs the humans give that the labeler gives too, over all the
    /// humans give.
    pub issues_micro_recall: Ratio,
}

impl LabelAgreement {
    /// Labels each recommendation that has human labels and compares.
    pub fn measure<'r>(
        labeler: &dyn Labeler,
        recommendations: impl IntoIterator<Item = &'r Recommendation>,
    ) -> LabelAgreement {
        let (mut n, mut same, mut tp, mut predicted, mut gold) = (0u64, 0u64, 0u64, 0u64, 0u64);
        for r in recommendations {
            let Some(human) = r.labels() else { continue };
            let got = labeler.labels(r);
            n += 1;
            if got.action == human.action_category {
                same += 1;
            }
            tp += got
                .issues
                .iter()
                .filter(|i| human.issues.contains(i))
                .count() as u64;
            predicted += got.issues.len() as u64;
            gold += human.issues.len() as u64;
        }
        LabelAgreement {
            recommendations: n,
            action_category_same: Ratio::new(same, n),
            issues_micro_precision: Ratio::new(tp, predicted),
            issues_micro_recall: Ratio::new(tp, gold),
        }
    }
}

/// Precision, recall and F1 of one class.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Scores {
    /// True positives.
    pub tp: u64,
    /// False positives.
    pub fp: u64,
    /// False negatives.
    pub fn_: u64,
}

impl Scores {
    /// tp / (tp + fp); 0 when nothing was predicted.
    pub fn precision(&self) -> f64 {
        ratio(self.tp, self.tp + self.fp)
    }
    /// tp / (tp + fn); 0 when nothing was expected.
    pub fn recall(&self) -> f64 {
        ratio(self.tp, self.tp + self.fn_)
    }
    /// The harmonic mean of precision and recall; 0 when both are 0.
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
    /// How many times the class was expected (tp + fn).
    pub fn support(&self) -> u64 {
        self.tp + self.fn_
    }
}

fn ratio(a: u64, b: u64) -> f64 {
    if b == 0 { 0.0 } else { a as f64 / b as f64 }
}

/// Running comparison of predictions with human labels.
///
/// Action category: rows with a human category count; a missing prediction counts as wrong
/// (column `none` of the confusion matrix). Issues: rows with at least one human issue count;
/// each (row, issue) pair is a true positive, false positive or false negative.
#[derive(Debug, Clone, Default)]
pub struct Evaluation {
    /// `confusion[human - 1][predicted]`, predicted 0 = none, 1-5 = the category.
    pub confusion: [[u64; 6]; 5],
    /// Per issue, in `Issue::VARIANTS` order.
    pub issues: Vec<(Issue, Scores)>,
    /// Rows whose issues were compared.
    pub issue_rows: u64,
    /// Rows whose predicted issue set equals the human one exactly.
    pub issue_exact: u64,
}

impl Evaluation {
    /// Nothing counted yet.
    pub fn new() -> Self {
        Evaluation {
            confusion: [[0; 6]; 5],
            issues: Issue::VARIANTS
                .iter()
                .map(|i| (*i, Scores::default()))
                .collect(),
            issue_rows: 0,
            issue_exact: 0,
        }
    }

    /// Counts one row: the human labels and the prediction.
    pub fn add(&mut self, action: Option<ActionCategory>, issues: &[Issue], predicted: LabelSet) {
        if let Some(h) = action {
            let p = predicted.action.map_or(0, |a| usize::from(a.number()));
            if let Some(row) = self.confusion.get_mut(usize::from(h.number()) - 1) {
                if let Some(cell) = row.get_mut(p) {
                    *cell += 1;
                }
            }
        }
        if issues.is_empty() {
            return;
        }
        self.issue_rows += 1;
        let gold: IssueSet = issues.iter().copied().collect();
        if gold == predicted.issues {
            self.issue_exact += 1;
        }
        for (issue, s) in &mut self.issues {
            match (gold.contains(*issue), predicted.issues.contains(*issue)) {
                (true, true) => s.tp += 1,
                (false, true) => s.fp += 1,
                (true, false) => s.fn_ += 1,
                (false, false) => {}
            }
        }
    }

    /// Rows with a human action category.
    pub fn action_rows(&self) -> u64 {
        self.confusion.iter().flatten().sum()
    }

    /// Share of rows whose predicted category equals the human one.
    pub fn action_accuracy(&self) -> f64 {
        let right: u64 = (0..5)
            .map(|i| self.confusion[i].get(i + 1).copied().unwrap_or(0))
            .sum();
        ratio(right, self.action_rows())
    }

    /// Per category scores (1-5).
    pub fn action_scores(&self) -> [Scores; 5] {
        let mut out = [Scores::default(); 5];
        for (c, s) in out.iter_mut().enumerate() {
            for (h, row) in self.confusion.iter().enumerate() {
                for (p, n) in row.iter().enumerate() {
                    if h == c && p == c + 1 {
                        s.tp += n;
                    } else if h == c {
                        s.fn_ += n;
                    } else if p == c + 1 {
                        s.fp += n;
                    }
                }
            }
        }
        out
    }

    /// Unweighted mean of the five categories' F1.
    pub fn action_macro_f1(&self) -> f64 {
        self.action_scores().iter().map(Scores::f1).sum::<f64>() / 5.0
    }

    /// Mean of the categories' F1 weighted by their support.
    pub fn action_weighted_f1(&self) -> f64 {
        let s = self.action_scores();
        let total: u64 = s.iter().map(Scores::support).sum();
        if total == 0 {
            return 0.0;
        }
        s.iter().map(|x| x.f1() * x.support() as f64).sum::<f64>() / total as f64
    }

    /// Issue scores summed over all issues (micro average).
    pub fn issue_micro(&self) -> Scores {
        let mut t = Scores::default();
        for (_, s) in &self.issues {
            t.tp += s.tp;
            t.fp += s.fp;
            t.fn_ += s.fn_;
        }
        t
    }

    /// Unweighted means of precision, recall and F1 over the issues the human labels use.
    pub fn issue_macro(&self) -> (f64, f64, f64) {
        let used: Vec<&Scores> = self
            .issues
            .iter()
            .map(|(_, s)| s)
            .filter(|s| s.support() > 0)
            .collect();
        let n = used.len().max(1) as f64;
        (
            used.iter().map(|s| s.precision()).sum::<f64>() / n,
            used.iter().map(|s| s.recall()).sum::<f64>() / n,
            used.iter().map(|s| s.f1()).sum::<f64>() / n,
        )
    }

    /// Mean of the issues' F1 weighted by their support.
    pub fn issue_weighted_f1(&self) -> f64 {
        let total: u64 = self.issues.iter().map(|(_, s)| s.support()).sum();
        if total == 0 {
            return 0.0;
        }
        self.issues
            .iter()
            .map(|(_, s)| s.f1() * s.support() as f64)
            .sum::<f64>()
            / total as f64
    }
}

impl fmt::Display for Evaluation {
    /// A plain-text report: action accuracy, F1s and confusion matrix, then per-issue scores.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut s = String::new();
        let _ = writeln!(s, "action category ({} rows)", self.action_rows());
        let _ = writeln!(
            s,
            "  accuracy {:.3}  macro-F1 {:.3}  weighted-F1 {:.3}",
            self.action_accuracy(),
            self.action_macro_f1(),
            self.action_weighted_f1()
        );
        let _ = writeln!(s, "  confusion (rows: human, columns: predicted)");
        let _ = writeln!(
            s,
            "  {:>6} {:>6} {:>6} {:>6} {:>6} {:>6} {:>6}",
            "", "none", "1", "2", "3", "4", "5"
        );
        for (h, row) in self.confusion.iter().enumerate() {
            let _ = write!(s, "  {:>6}", h + 1);
            for n in row {
                let _ = write!(s, " {n:>6}");
            }
            let _ = writeln!(s);
        }
        let _ = writeln!(s, "  per category: precision recall F1 support");
        for (c, sc) in self.action_scores().iter().enumerate() {
            let _ = writeln!(
                s,
                "  {:>6} {:.3} {:.3} {:.3} {:>6}",
                c + 1,
                sc.precision(),
                sc.recall(),
                sc.f1(),
                sc.support()
            );
        }
        let micro = self.issue_micro();
        let (mp, mr, mf) = self.issue_macro();
        let _ = writeln!(s, "issues ({} rows)", self.issue_rows);
        let _ = writeln!(
            s,
            "  micro  P {:.3}  R {:.3}  F1 {:.3}",
            micro.precision(),
            micro.recall(),
            micro.f1()
        );
        let _ = writeln!(s, "  macro  P {mp:.3}  R {mr:.3}  F1 {mf:.3}");
        let _ = writeln!(
            s,
            "  weighted-F1 {:.3}  exact set match {:.3}",
            self.issue_weighted_f1(),
            ratio(self.issue_exact, self.issue_rows)
        );
        let _ = writeln!(
            s,
            "  {:<46} {:>6} {:>6} {:>6} {:>7}",
            "issue", "P", "R", "F1", "support"
        );
        for (i, sc) in &self.issues {
            if sc.support() == 0 && sc.fp == 0 {
                continue;
            }
            let _ = writeln!(
                s,
                "  {:<46} {:>6.3} {:>6.3} {:>6.3} {:>7}",
                i.name(),
                sc.precision(),
                sc.recall(),
                sc.f1(),
                sc.support()
            );
        }
        f.write_str(&s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_and_scores() {
        let mut e = Evaluation::new();
        let p = |a: Option<ActionCategory>, i: &[Issue]| LabelSet {
            action: a,
            issues: i.iter().copied().collect(),
        };
        use ActionCategory::*;
        e.add(
            Some(Specific),
            &[Issue::DeathPenalty],
            p(Some(Specific), &[Issue::DeathPenalty]),
        );
        e.add(
            Some(General),
            &[Issue::Justice, Issue::Detention],
            p(Some(Specific), &[Issue::Justice]),
        );
        e.add(Some(Continuing), &[], p(None, &[Issue::Justice]));
        assert_eq!(e.action_rows(), 3);
        assert!((e.action_accuracy() - 1.0 / 3.0).abs() < 1e-9);
        assert_eq!(e.confusion[3][5], 1);
        assert_eq!(e.confusion[1][0], 1);
        // Category 5: tp 1, fp 1 -> P 0.5, R 1, F1 2/3; others 0.
        assert!((e.action_macro_f1() - (2.0 / 3.0) / 5.0).abs() < 1e-9);
        // Issues: the third row has no human issues and is not counted.
        assert_eq!(e.issue_rows, 2);
        let m = e.issue_micro();
        assert_eq!((m.tp, m.fp, m.fn_), (2, 0, 1));
        let (_, mr, mf) = e.issue_macro();
        // Death penalty R 1, Justice R 1, Detention R 0.
        assert!((mr - 2.0 / 3.0).abs() < 1e-9);
        assert!((mf - 2.0 / 3.0).abs() < 1e-9);
        assert_eq!(e.issue_exact, 1);
    }

    #[test]
    fn label_agreement_counts_every_labelled_recommendation() {
        use crate::{HumanLabels, Labels, Session, State};
        let plain = |text: &str| {
            Recommendation::new(State::PRK, Session::new(6).unwrap(), text, "test".into())
        };
        let labelled = |text: &str, action: Option<ActionCategory>, issues: &[Issue]| {
            plain(text).with_labels(HumanLabels {
                labeller: "test".into(),
                action_category: action,
                issues: issues.to_vec(),
            })
        };
        let recs = [
            labelled("a", Some(ActionCategory::Specific), &[Issue::DeathPenalty]),
            labelled("b", None, &[]),
            labelled(
                "c",
                Some(ActionCategory::General),
                &[Issue::Justice, Issue::Detention],
            ),
            plain("unlabelled"),
        ];
        // Says category 5 and Justice for every text.
        let labeler = |_: &Recommendation| Labels {
            action: Some(ActionCategory::Specific),
            issues: vec![Issue::Justice],
        };
        let a = LabelAgreement::measure(&labeler, &recs);
        assert_eq!(a.recommendations, 3);
        assert_eq!(a.action_category_same, Ratio::new(1, 3));
        // Justice is right once (c), wrong for a and for b (no human issues).
        assert_eq!(a.issues_micro_precision, Ratio::new(1, 3));
        assert_eq!(a.issues_micro_recall, Ratio::new(1, 3));
        let none = |_: &Recommendation| Labels::default();
        let b = LabelAgreement::measure(&none, &recs);
        // Two missing categories are the same; nothing predicted is 0/0.
        assert_eq!(b.action_category_same, Ratio::new(1, 3));
        assert_eq!(b.issues_micro_precision, Ratio::new(0, 0));
        assert_eq!(b.issues_micro_recall, Ratio::new(0, 3));
    }
}
