//! A classifier of recommendations: UPR Info issues and McMahon's action category, each label
//! with the evidence that produced it. Rules, and on top of them (by default) a sparse linear
//! [`Model`] the crate trains itself; no GPU, deterministic.
//!
//! **The rules.** One Aho-Corasick pass over the text finds every phrase of the [`Rules`] (at
//! word boundaries, ASCII case-insensitive); then cheap rules decide:
//!
//! - **Issues** (multi-label): every issue rule whose phrase matched and whose conditions hold
//!   adds its issue; its matches are the evidence.
//! - **Action category**: the *leading* action decides. Action-rule matches are taken in text
//!   order (at one position the longest first); for each, its rules are tried in file order,
//!   and the first whose conditions hold gives the category. So `Continue to take measures`
//!   is category 2 (its first action phrase is `continue`), `Adopt measures to ...` is 4
//!   (`adopt` with `then=measures`) and `Adopt a law ...` is 5 (`adopt`).
//!
//! ```
//! use upr::classify::Classifier;
//! use upr::{ActionCategory, Issue};
//!
//! let c = Classifier::builtin();
//! let text = "Ratify the Optional Protocol to the Convention against Torture";
//! let out = c.classify(text);
//! assert_eq!(out.action_category(), Some(ActionCategory::Specific));
//! assert!(out.issues().any(|i| i == Issue::TortureAndOtherCidTreatment));
//! for label in &out.issues {
//!     for e in &label.evidence {
//!         // Every label says why: the phrase, where it is, and the rule that matched it.
//!         assert_eq!(&text[e.span.clone()], e.phrase);
//!         println!("{}: {:?} at {:?} ({})", label.issue, e.phrase, e.span, e.rule);
//!     }
//! }
//! # Ok::<(), upr::Error>(())
//! ```
//!
//! **The model** ([`model`]; trained by [`train`]) scores every label from the text's words,
//! word pairs, first word(s) and the rules' labels, and has the last word: an issue is given
//! above the model's threshold (a lower one when the rules give it too), and the action
//! category is the best-scoring one, so every text gets one, with a
//! [confidence](ActionLabel::confidence). Its evidence is the features that weighed most,
//! each pointing at the weight's line in `data/model/weights.tsv`
//! ([`Evidence::weight`] says which evidence is the model's). [`Classifier::builtin`] is rules
//! and model, [`Classifier::rules_only`] the rules alone.
//!
//! The rules are data (see [`rules`] for the format): extend or replace them with
//! [`Rules::from_path`] and [`Classifier::new`] (rules alone), then
//! [`Classifier::with_model`] to put the model on top. Group statistics by the classifier's labels
//! by handing it to [`Query::labeler`](crate::Query::labeler): a [`Classifier`] is a
//! [`Labeler`].

use std::ops::Range;
use std::sync::{Arc, OnceLock};

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use serde::Serialize;
use strum::VariantArray;

use crate::{ActionCategory, Error, Issue, Labeler, Labels, Result};

mod action;
mod eval;
pub mod model;
pub mod rules;
mod themes;
pub mod train;

pub use eval::{Evaluation, LabelAgreement, Scores};
pub use model::Model;
pub use rules::{Condition, Label, Rule, Rules};

/// One piece of evidence: a phrase found in the text, where, and the rule that looked for it.
#[derive(Debug, Clone, PartialEq)]
pub struct Evidence<'a> {
    /// The matched text, as it is written in the input.
    pub phrase: &'a str,
    /// Its byte range in the input (`&text[span] == phrase`).
    pub span: Range<usize>,
    /// The rule that fired (for a condition's cue: the rule whose condition it satisfied). For
    /// the model's evidence, the weight's line of the model file, as a rule: the label and the
    /// feature (`data/model/weights.tsv:1234: Justice\tfair trial`).
    pub rule: &'a Rule,
    /// The model's weight of this feature for the label; `None` for a rule's match.
    pub weight: Option<f32>,
}

impl Serialize for Evidence<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("Evidence", 5)?;
        st.serialize_field("phrase", self.phrase)?;
        st.serialize_field("start", &self.span.start)?;
        st.serialize_field("end", &self.span.end)?;
        st.serialize_field("rule", &self.rule.to_string())?;
        if let Some(w) = self.weight {
            st.serialize_field("weight", &w)?;
        } else {
            st.skip_field("weight")?;
        }
        st.end()
    }
}

/// An issue label with its evidence.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IssueLabel<'a> {
    /// The issue.
    pub issue: Issue,
    /// What supports it: the rules' matches in text order, then (with a model) the features
    /// that weighed most for it, heaviest first.
    pub evidence: Vec<Evidence<'a>>,
    /// The model's score (above its threshold); `None` without a model.
    pub score: Option<f32>,
}

/// The action category with its evidence.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ActionLabel<'a> {
    /// The category.
    pub category: ActionCategory,
    /// The leading action phrase first, then the cues its rule's conditions found (when the
    /// rules agree), then (with a model) the features that weighed most, heaviest first.
    pub evidence: Vec<Evidence<'a>>,
    /// With a model, the category's share of the five categories' scores (a softmax of the
    /// SVM margins, between 0.2 and 1: a ranking aid, not a calibrated probability); `None`
    /// for the rules alone.
    pub confidence: Option<f32>,
}

/// What the classifier says about one text, with evidence for every label.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct Classification<'a> {
    /// The action category; with a model always present, for the rules alone `None` when no
    /// action rule matched.
    pub action: Option<ActionLabel<'a>>,
    /// The issues, in UPR Info's order (alphabetical), each with its evidence.
    pub issues: Vec<IssueLabel<'a>>,
}

impl Classification<'_> {
    /// The action category, if any.
    pub fn action_category(&self) -> Option<ActionCategory> {
        self.action.as_ref().map(|a| a.category)
    }

    /// The issues.
    pub fn issues(&self) -> impl Iterator<Item = Issue> + '_ {
        self.issues.iter().map(|l| l.issue)
    }

    /// The evidence arranged by label, the shape the batch outputs write as JSON:
    /// `{"action": [...], "issues": {"Torture and other CID treatment": [...]}}`.
    pub fn evidence_by_label(&self) -> EvidenceByLabel<'_> {
        EvidenceByLabel {
            action: self.action.as_ref().map(|a| a.evidence.as_slice()),
            issues: self
                .issues
                .iter()
                .map(|l| (l.issue.name(), l.evidence.as_slice()))
                .collect(),
        }
    }
}

/// A classification's evidence by label (see [`Classification::evidence_by_label`]).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EvidenceByLabel<'a> {
    /// The action category's evidence, if there is a category.
    pub action: Option<&'a [Evidence<'a>]>,
    /// Each issue's evidence, by UPR Info's spelling of the issue.
    pub issues: std::collections::BTreeMap<&'static str, &'a [Evidence<'a>]>,
}

/// A set of issues as a bit set (no allocation).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct IssueSet(u128);

impl IssueSet {
    /// The empty set.
    pub const EMPTY: IssueSet = IssueSet(0);

    /// Adds an issue.
    pub fn insert(&mut self, issue: Issue) {
        self.0 |= 1u128 << rules::issue_index(issue);
    }

    pub(crate) fn insert_index(&mut self, index: usize) {
        self.0 |= 1u128 << (index & 127);
    }

    /// Issues 0-63 (all there are) as bits.
    pub(crate) fn low_bits(self) -> u64 {
        self.0 as u64
    }

    pub(crate) fn from_low_bits(bits: u64) -> IssueSet {
        IssueSet(u128::from(bits))
    }

    /// Removes and returns the lowest index in the set.
    pub(crate) fn pop_first(&mut self) -> Option<usize> {
        if self.0 == 0 {
            return None;
        }
        let i = self.0.trailing_zeros() as usize;
        self.0 &= self.0 - 1;
        Some(i)
    }

    /// Whether the issue is in the set.
    pub fn contains(self, issue: Issue) -> bool {
        self.0 & (1u128 << rules::issue_index(issue)) != 0
    }

    /// How many issues.
    pub fn len(self) -> usize {
        self.0.count_ones() as usize
    }

    /// No issue.
    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// The issues, in UPR Info's order.
    pub fn iter(self) -> impl Iterator<Item = Issue> {
        Issue::VARIANTS
            .iter()
            .enumerate()
            .filter(move |(i, _)| self.0 & (1u128 << i) != 0)
            .map(|(_, v)| *v)
    }
}

impl FromIterator<Issue> for IssueSet {
    fn from_iter<T: IntoIterator<Item = Issue>>(iter: T) -> Self {
        let mut s = IssueSet::EMPTY;
        for i in iter {
            s.insert(i);
        }
        s
    }
}

/// The labels alone, without evidence: what [`Classifier::label`] returns without allocating.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct LabelSet {
    /// The action category.
    pub action: Option<ActionCategory>,
    /// The issues.
    pub issues: IssueSet,
}

/// Reusable buffers for [`Classifier::label`], so a batch allocates once.
#[derive(Debug, Default, Clone)]
pub struct Scratch {
    hits: Vec<Hit>,
    seen: Vec<u64>,
    marks: model::Marks,
}

impl Scratch {
    /// Empty buffers.
    pub fn new() -> Self {
        Self::default()
    }
}

/// One boundary-valid match of a pattern.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Hit {
    pub(crate) pattern: u32,
    pub(crate) start: u32,
    pub(crate) end: u32,
}

impl Hit {
    pub(crate) fn span(self) -> Range<usize> {
        self.start as usize..self.end as usize
    }
}

/// A condition with its phrases resolved to pattern ids.
#[derive(Debug, Clone)]
pub(crate) enum Cond {
    If(Vec<u32>),
    Unless(Vec<u32>),
    Then(Vec<u32>),
    NotThen(Vec<u32>),
    First,
}

#[derive(Debug, Clone)]
pub(crate) struct Compiled {
    pub(crate) label: Label,
    pub(crate) issue_index: usize,
    pub(crate) conds: Vec<Cond>,
}

#[derive(Debug, Clone, Default)]
pub(crate) struct Pattern {
    /// The pattern may end inside a word (`tortur*`).
    prefix: bool,
    /// Issue rules triggered by this pattern.
    pub(crate) issue_rules: Vec<u32>,
    /// Action rules triggered by this pattern, in file order.
    pub(crate) action_rules: Vec<u32>,
}

/// The classifier: rules compiled into one Aho-Corasick automaton, and optionally a trained
/// [`Model`] that takes the rules' labels as features and has the last word.
#[derive(Debug, Clone)]
pub struct Classifier {
    model: Option<Arc<Model>>,
    rules: Rules,
    compiled: Vec<Compiled>,
    patterns: Vec<Pattern>,
    ac: AhoCorasick,
}

impl Classifier {
    /// Compiles a rule set.
    ///
    /// # Errors
    /// [`Error::Invalid`] if the automaton cannot be built (e.g. far too many patterns).
    pub fn new(rules: Rules) -> Result<Classifier> {
        let mut ids: std::collections::HashMap<String, u32> = std::collections::HashMap::new();
        let mut texts: Vec<String> = Vec::new();
        let mut patterns: Vec<Pattern> = Vec::new();
        let mut intern = |p: &str, patterns: &mut Vec<Pattern>| -> u32 {
            if let Some(id) = ids.get(p) {
                return *id;
            }
            let id = u32::try_from(texts.len()).unwrap_or(u32::MAX);
            let body = p.strip_suffix('*').unwrap_or(p);
            texts.push(body.to_owned());
            patterns.push(Pattern {
                prefix: p.ends_with('*'),
                ..Pattern::default()
            });
            ids.insert(p.to_owned(), id);
            id
        };
        let mut compiled = Vec::with_capacity(rules.len());
        for (ri, r) in rules.rules().iter().enumerate() {
            let ri = u32::try_from(ri).unwrap_or(u32::MAX);
            let pid = intern(&r.phrase, &mut patterns);
            let conds = r
                .conditions
                .iter()
                .map(|c| {
                    let ps: Vec<u32> = c
                        .phrases()
                        .iter()
                        .map(|p| intern(p, &mut patterns))
                        .collect();
                    match c {
                        Condition::If(_) => Cond::If(ps),
                        Condition::Unless(_) => Cond::Unless(ps),
                        Condition::Then(_) => Cond::Then(ps),
                        Condition::NotThen(_) => Cond::NotThen(ps),
                        Condition::First => Cond::First,
                    }
                })
                .collect();
            let (issue_index, slot) = match r.label {
                Label::Issue(i) => (rules::issue_index(i), true),
                Label::Action(_) => (0, false),
            };
            if let Some(p) = patterns.get_mut(pid as usize) {
                if slot {
                    p.issue_rules.push(ri);
                } else {
                    p.action_rules.push(ri);
                }
            }
            compiled.push(Compiled {
                label: r.label,
                issue_index,
                conds,
            });
        }
        let ac = AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::Standard)
            .kind(Some(AhoCorasickKind::DFA))
            .build(&texts)
            .map_err(|e| {
                Error::invalid(
                    "rule set",
                    format!("{} phrases", texts.len()),
                    e.to_string(),
                )
            })?;
        Ok(Classifier {
            model: None,
            rules,
            compiled,
            patterns,
            ac,
        })
    }

    /// The built-in classifier: the built-in rules and the built-in [`Model`], compiled once.
    /// Every text gets an action category.
    pub fn builtin() -> &'static Classifier {
        static BUILTIN: OnceLock<Classifier> = OnceLock::new();
        BUILTIN.get_or_init(|| {
            Classifier::rules_only()
                .clone()
                .with_model(Model::builtin().clone())
        })
    }

    /// The built-in rules alone, without the model, compiled once (what [`Classifier::new`]
    /// gives for [`Rules::builtin`]).
    ///
    /// # Panics
    /// Never on a released crate: the shipped rules are compiled by the test suite, so a rule
    /// file that does not compile is a build defect caught before release, not a run-time
    /// condition a caller could handle.
    #[allow(clippy::expect_used)]
    pub fn rules_only() -> &'static Classifier {
        static RULES: OnceLock<Classifier> = OnceLock::new();
        RULES.get_or_init(|| {
            Classifier::new(Rules::builtin().clone())
                .expect("the built-in rules compile (tests/classify_rules.rs)")
        })
    }

    /// The same rules with a model on top: the model scores every label from the text's words
    /// and the rules' labels, and decides.
    pub fn with_model(mut self, model: Model) -> Classifier {
        self.model = Some(Arc::new(model));
        self
    }

    /// The model, if any.
    pub fn model(&self) -> Option<&Model> {
        self.model.as_deref()
    }

    /// The rules it was built from.
    pub fn rules(&self) -> &Rules {
        &self.rules
    }

    /// The rules' labels alone, even with a model.
    pub(crate) fn label_rules(&self, text: &str, scratch: &mut Scratch) -> LabelSet {
        self.scan(text, &mut scratch.hits);
        let hits = &scratch.hits;
        LabelSet {
            action: action::decide(self, text, hits, None),
            issues: themes::decide(self, text, hits, None),
        }
    }

    /// Finds every boundary-valid phrase match, sorted by start (longest first at a start).
    fn scan(&self, text: &str, hits: &mut Vec<Hit>) {
        hits.clear();
        let bytes = text.as_bytes();
        let Ok(iter) = self.ac.try_find_overlapping_iter(text) else {
            return;
        };
        for m in iter {
            let (s, e) = (m.start(), m.end());
            if s > 0 && bytes.get(s - 1).is_some_and(|b| is_word(*b)) {
                continue;
            }
            let pid = m.pattern().as_usize();
            let prefix = self.patterns.get(pid).is_some_and(|p| p.prefix);
            let mut e = e;
            if prefix {
                // The evidence is the whole word the prefix starts.
                while bytes.get(e).is_some_and(|b| is_word(*b)) {
                    e += 1;
                }
            } else if bytes.get(e).is_some_and(|b| is_word(*b)) {
                continue;
            }
            let (Ok(start), Ok(end), Ok(pattern)) =
                (u32::try_from(s), u32::try_from(e), u32::try_from(pid))
            else {
                continue;
            };
            hits.push(Hit {
                pattern,
                start,
                end,
            });
        }
        hits.sort_unstable_by(|a, b| a.start.cmp(&b.start).then(b.end.cmp(&a.end)));
    }

    /// The labels alone, reusing `scratch`'s buffers: no allocation once they are warm.
    pub fn label(&self, text: &str, scratch: &mut Scratch) -> LabelSet {
        let rules = self.label_rules(text, scratch);
        let Some(m) = self.model.as_deref() else {
            return rules;
        };
        let mut scores = [0.0f32; model::LABELS];
        m.score_text(
            text,
            rules,
            &mut scratch.seen,
            &mut scratch.marks,
            &mut scores,
        );
        m.decide(&scores, rules.issues)
    }

    /// Classifies one text, with evidence for every label.
    pub fn classify<'a>(&'a self, text: &'a str) -> Classification<'a> {
        let mut hits = Vec::new();
        self.scan(text, &mut hits);
        let mut action_ev: Vec<(Hit, u32)> = Vec::new();
        let mut issue_ev: Vec<(Hit, u32)> = Vec::new();
        let action = action::decide(self, text, &hits, Some(&mut action_ev));
        let issues = themes::decide(self, text, &hits, Some(&mut issue_ev));
        let ev = |h: Hit, r: u32| -> Option<Evidence<'a>> {
            Some(Evidence {
                phrase: text.get(h.span())?,
                span: h.span(),
                rule: self.rules.rules().get(r as usize)?,
                weight: None,
            })
        };
        let rule_issues = issues;
        let mut action = action.map(|category| ActionLabel {
            category,
            evidence: action_ev.iter().filter_map(|(h, r)| ev(*h, *r)).collect(),
            confidence: None,
        });
        let mut scores = [0.0f32; model::LABELS];
        let mut feats = Vec::new();
        let mut decided = None;
        if let Some(m) = self.model.as_deref() {
            let rules = LabelSet {
                action: action.as_ref().map(|a| a.category),
                issues: rule_issues,
            };
            model::features(text, rules, &mut feats);
            m.scores(&feats, &mut Vec::new(), &mut scores);
            let d = m.decide(&scores, rule_issues);
            let (category, confidence) = model::best_action(&scores);
            let li = model::label_index(Label::Action(category));
            let mut evidence = match action.take() {
                Some(a) if a.category == category => a.evidence,
                _ => Vec::new(),
            };
            evidence.extend(model_evidence(m, text, &feats, li));
            action = Some(ActionLabel {
                category,
                evidence,
                confidence: Some(confidence),
            });
            decided = Some(d.issues);
        }
        let issues = decided.unwrap_or(rule_issues);
        let model = self.model.as_deref();
        let issues = issues
            .iter()
            .map(|issue| {
                let idx = rules::issue_index(issue);
                let mut evidence: Vec<Evidence<'a>> = issue_ev
                    .iter()
                    .filter(|(_, r)| {
                        self.compiled
                            .get(*r as usize)
                            .is_some_and(|c| c.issue_index == idx)
                    })
                    .filter_map(|(h, r)| ev(*h, *r))
                    .collect();
                if !rule_issues.contains(issue) {
                    evidence.clear();
                }
                evidence.sort_by_key(|e| (e.span.start, e.span.end));
                evidence.dedup_by(|a, b| a.span == b.span && std::ptr::eq(a.rule, b.rule));
                let score = model.map(|m| {
                    evidence.extend(model_evidence(m, text, &feats, idx));
                    scores.get(idx).copied().unwrap_or(0.0)
                });
                IssueLabel {
                    issue,
                    evidence,
                    score,
                }
            })
            .collect();
        Classification { action, issues }
    }

    pub(crate) fn compiled(&self, rule: u32) -> Option<&Compiled> {
        self.compiled.get(rule as usize)
    }

    pub(crate) fn pattern(&self, id: u32) -> Option<&Pattern> {
        self.patterns.get(id as usize)
    }
}

/// How many of the model's features a label's evidence lists at most.
const MODEL_EVIDENCE: usize = 3;

/// The text's words and word pairs with the heaviest positive weights for label `li`.
fn model_evidence<'a>(
    m: &'a Model,
    text: &'a str,
    feats: &[model::Feature],
    li: usize,
) -> Vec<Evidence<'a>> {
    let mut seen = std::collections::HashSet::new();
    let mut found: Vec<(f32, Range<usize>, &'a Rule)> = Vec::new();
    for f in feats {
        if !seen.insert(f.hash) {
            continue;
        }
        let spans = f.kind.spans();
        let (Some(a), Some(b)) = (spans.first(), spans.last()) else {
            continue;
        };
        for (l, w, rule) in m.weights_of(f.hash) {
            if l == li && w > 0.0 {
                found.push((w, a.start..b.end, rule));
            }
        }
    }
    found.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.start.cmp(&y.1.start)));
    found
        .into_iter()
        .take(MODEL_EVIDENCE)
        .filter_map(|(w, span, rule)| {
            Some(Evidence {
                phrase: text.get(span.clone())?,
                span,
                rule,
                weight: Some(w),
            })
        })
        .collect()
}

/// A byte that continues a word (ASCII letters and digits).
pub(crate) fn is_word(b: u8) -> bool {
    WORD_BYTES[usize::from(b)]
}

/// [`is_word`] of every byte: one load instead of two range tests.
static WORD_BYTES: [bool; 256] = {
    let mut t = [false; 256];
    let mut i = 0;
    while i < 256 {
        t[i] = (i as u8).is_ascii_alphanumeric();
        i += 1;
    }
    t
};

/// Whether every condition of a rule holds for a match `at`; pushes the positive cues'
/// matches (with `rule`) onto `evidence` when they hold.
pub(crate) fn conditions_hold(
    conds: &[Cond],
    text: &str,
    hits: &[Hit],
    at: Hit,
    rule: u32,
    mut evidence: Option<&mut Vec<(Hit, u32)>>,
) -> bool {
    let mark = evidence.as_ref().map_or(0, |e| e.len());
    for c in conds {
        let ok = match c {
            Cond::If(ps) => find_any(hits, ps, |_| true, &mut evidence, rule),
            Cond::Unless(ps) => !find_any(hits, ps, |_| true, &mut None, rule),
            Cond::Then(ps) => find_any(
                hits,
                ps,
                |h| within_next_words(text, at, h),
                &mut evidence,
                rule,
            ),
            Cond::NotThen(ps) => !find_any(
                hits,
                ps,
                |h| within_next_words(text, at, h),
                &mut None,
                rule,
            ),
            Cond::First => text
                .as_bytes()
                .get(..at.start as usize)
                .is_some_and(|b| !b.iter().any(|c| is_word(*c))),
        };
        if !ok {
            if let Some(e) = evidence.as_mut() {
                e.truncate(mark);
            }
            return false;
        }
    }
    true
}

fn find_any(
    hits: &[Hit],
    ps: &[u32],
    ok: impl Fn(Hit) -> bool,
    evidence: &mut Option<&mut Vec<(Hit, u32)>>,
    rule: u32,
) -> bool {
    for h in hits {
        if ps.contains(&h.pattern) && ok(*h) {
            if let Some(e) = evidence.as_mut() {
                e.push((*h, rule));
            }
            return true;
        }
    }
    false
}

/// `h` starts after `at` ends, with fewer than [`rules::THEN_WINDOW`] words in between.
fn within_next_words(text: &str, at: Hit, h: Hit) -> bool {
    if h.start < at.end {
        return false;
    }
    let Some(gap) = text.as_bytes().get(at.end as usize..h.start as usize) else {
        return false;
    };
    let mut words = 0;
    let mut in_word = false;
    for &b in gap {
        let w = is_word(b);
        if w && !in_word {
            words += 1;
            if words >= rules::THEN_WINDOW {
                return false;
            }
        }
        in_word = w;
    }
    true
}

/// Groups statistics by this classifier's action category and issues instead of human labels.
///
/// ```
/// use upr::{Classifier, Dataset, Dimension, Query};
///
/// let t = Query::new()
///     .group_by(Dimension::ActionCategory)
///     .labeler(Classifier::builtin())
///     .tally(&Dataset::dprk().recommendations);
/// assert!(t.rows.len() > 1);
/// ```
impl Labeler for Classifier {
    fn labels(&self, r: &crate::Recommendation) -> Labels {
        let mut scratch = Scratch::new();
        let l = self.label(r.text(), &mut scratch);
        Labels {
            action: l.action,
            issues: l.issues.iter().collect(),
        }
    }
}
