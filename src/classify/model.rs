//! A sparse linear model over words, word pairs and the rules' own labels, trained by the crate
//! from UPR Info's labelled export (see [`train`](super::train)), stored as reviewable text.
//!
//! **Features** of a text, each present or absent (so a text is a set of features, weighted
//! `1/sqrt(n)` for `n` features: unit length):
//!
//! | feature | written | example |
//! |---|---|---|
//! | a word | the word, lowercased | `ratify` |
//! | two adjacent words | both, one space between | `optional protocol` |
//! | the first word / the first two | `^` and the word(s) | `^continue`, `^continue to` |
//! | an issue the rules give | `[rules] ` and the issue | `[rules] Justice` |
//! | the rules' action category | `[rules] action ` and 1-5 or `none` | `[rules] action 5` |
//!
//! Words are runs of ASCII letters and digits, as the rules' word boundaries.
//!
//! **Scores**: one per label (54 issues, 5 action categories): the label's bias plus the sum of
//! the weights of the text's features, times `1/sqrt(n)`. An issue is given when its score is
//! above the model's threshold, or above the lower `rules` threshold when the rules give it too
//! (or, when no issue is given so, the best-scoring issue if its score is above the fallback
//! threshold); the action category is the best-scoring one, always.
//!
//! **File format** (`data/model/weights.tsv`): `#` comments, then `threshold<TAB>x`,
//! `rules<TAB>x` and `fallback<TAB>x`, then one weight a line, `label<TAB>feature<TAB>weight`, the label an issue
//! in UPR Info's spelling or a category `1`-`5`, the feature `(bias)` for the label's bias.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::ops::Range;

use strum::VariantArray;

use super::rules::{self, Label, Rule};
use super::{IssueSet, LabelSet};
use crate::{ActionCategory, Error, Issue, Result};

/// The labels a model scores: the issues in `Issue::VARIANTS` order, then categories 1-5.
pub(crate) const LABELS: usize = ISSUES + 5;
const ISSUES: usize = 54;

/// The feature name of a label's bias.
pub const BIAS: &str = "(bias)";

/// One feature occurrence: its hash and where it is in the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Feature {
    pub(crate) hash: u64,
    pub(crate) kind: Kind,
}

/// What a feature is, with its spans in the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Word(u32, u32),
    Pair(u32, u32, u32, u32),
    First(u32, u32),
    FirstPair(u32, u32, u32, u32),
    RuleIssue(usize),
    RuleAction(Option<ActionCategory>),
}

/// FNV-1a, 64 bits: stable across platforms and releases.
#[derive(Clone, Copy)]
struct Fnv(u64);

impl Fnv {
    fn new() -> Fnv {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
    fn byte(&mut self, b: u8) {
        self.0 ^= u64::from(b);
        self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
    }
    fn lower(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.byte(b.to_ascii_lowercase());
        }
    }
}

/// A word's hash: FNV-1a over its lowercased bytes. Each word of a text is hashed once; the
/// features combine the words' hashes ([`combine`]).
fn hash_word(word: &[u8]) -> u64 {
    let mut h = Fnv::new();
    h.lower(word);
    h.0
}

/// Feature kinds, mixed into their hashes so `a`, `^a` and a rule name never share one.
const WORD: u64 = 0x243f_6a88_85a3_08d3;
const FIRST: u64 = 0x1319_8a2e_0370_7344;
const PAIR: u64 = 0xa409_3822_299f_31d0;
const FIRST_PAIR: u64 = 0x082e_fa98_ec4e_6c89;
const RULES: u64 = 0x4528_21e6_38d0_1377;

/// The hash of a feature from its kind and its words' hashes (the second 0 for one word).
fn combine(kind: u64, a: u64, b: u64) -> u64 {
    let mut x = a.wrapping_mul(0x9e37_79b9_7f4a_7c15) ^ b ^ kind;
    x ^= x >> 33;
    x = x.wrapping_mul(0xff51_afd7_ed55_8ccd);
    x ^= x >> 33;
    x
}

/// The hash of a feature's name (as the weights file writes it): the same as the text's
/// feature gets.
pub(crate) fn hash_name(name: &str) -> u64 {
    if name.starts_with("[rules] ") {
        return combine(RULES, hash_word(name.as_bytes()), 0);
    }
    let (first, rest) = match name.strip_prefix('^') {
        Some(r) => (true, r),
        None => (false, name),
    };
    match rest.split_once(' ') {
        Some((a, b)) => combine(
            if first { FIRST_PAIR } else { PAIR },
            hash_word(a.as_bytes()),
            hash_word(b.as_bytes()),
        ),
        None => combine(
            if first { FIRST } else { WORD },
            hash_word(rest.as_bytes()),
            0,
        ),
    }
}

/// The name of a feature as the weights file writes it.
pub(crate) fn feature_name(text: &str, kind: Kind) -> String {
    let s = |a: u32, b: u32| {
        text.get(a as usize..b as usize)
            .unwrap_or("")
            .to_ascii_lowercase()
    };
    match kind {
        Kind::Word(a, b) => s(a, b),
        Kind::Pair(a, b, c, d) => format!("{} {}", s(a, b), s(c, d)),
        Kind::First(a, b) => format!("^{}", s(a, b)),
        Kind::FirstPair(a, b, c, d) => format!("^{} {}", s(a, b), s(c, d)),
        Kind::RuleIssue(i) => format!(
            "[rules] {}",
            Issue::VARIANTS
                .get(i)
                .map(|i| i.to_string())
                .unwrap_or_default()
        ),
        Kind::RuleAction(a) => match a {
            Some(a) => format!("[rules] action {}", a.number()),
            None => "[rules] action none".to_owned(),
        },
    }
}

impl Kind {
    /// The spans of the words it covers (none for the rules' features).
    pub(crate) fn spans(self) -> Vec<Range<usize>> {
        let r = |a: u32, b: u32| a as usize..b as usize;
        match self {
            Kind::Word(a, b) | Kind::First(a, b) => vec![r(a, b)],
            Kind::Pair(a, b, c, d) | Kind::FirstPair(a, b, c, d) => vec![r(a, b), r(c, d)],
            Kind::RuleIssue(_) | Kind::RuleAction(_) => Vec::new(),
        }
    }
}

/// Every feature of a text, in text order, the rules' features last (duplicates included).
pub(crate) fn features(text: &str, rules: LabelSet, out: &mut Vec<Feature>) {
    out.clear();
    for_each_feature(text, rules, |hash, kind| out.push(Feature { hash, kind }));
}

/// Calls `out` with every feature's hash and kind, in the order of [`features`].
fn for_each_feature(text: &str, rules: LabelSet, mut out: impl FnMut(u64, Kind)) {
    let bytes = text.as_bytes();
    let mut prev: Option<(u32, u32, u64)> = None;
    let mut words = 0usize;
    let mut i = 0usize;
    while i < bytes.len() {
        if !bytes.get(i).is_some_and(|b| super::is_word(*b)) {
            i += 1;
            continue;
        }
        let start = i;
        while bytes.get(i).is_some_and(|b| super::is_word(*b)) {
            i += 1;
        }
        let (Ok(a), Ok(b)) = (u32::try_from(start), u32::try_from(i)) else {
            break;
        };
        let h = hash_word(bytes.get(start..i).unwrap_or(&[]));
        out(combine(WORD, h, 0), Kind::Word(a, b));
        if words == 0 {
            out(combine(FIRST, h, 0), Kind::First(a, b));
        }
        if let Some((pa, pb, p)) = prev {
            out(combine(PAIR, p, h), Kind::Pair(pa, pb, a, b));
            if words == 1 {
                out(combine(FIRST_PAIR, p, h), Kind::FirstPair(pa, pb, a, b));
            }
        }
        prev = Some((a, b, h));
        words += 1;
    }
    let names = rule_feature_hashes();
    for (idx, h) in names.issues.iter().enumerate() {
        if rules.issues.contains_index(idx) {
            out(*h, Kind::RuleIssue(idx));
        }
    }
    let (hash, kind) = match rules.action {
        Some(a) => (
            names
                .actions
                .get(usize::from(a.number()) - 1)
                .copied()
                .unwrap_or(0),
            Kind::RuleAction(Some(a)),
        ),
        None => (names.none, Kind::RuleAction(None)),
    };
    out(hash, kind);
}

/// The hashes of the rules' features, computed once.
struct RuleHashes {
    issues: Vec<u64>,
    actions: Vec<u64>,
    none: u64,
}

fn rule_feature_hashes() -> &'static RuleHashes {
    static HASHES: std::sync::OnceLock<RuleHashes> = std::sync::OnceLock::new();
    HASHES.get_or_init(|| RuleHashes {
        issues: (0..ISSUES)
            .map(|i| hash_name(&feature_name("", Kind::RuleIssue(i))))
            .collect(),
        actions: ActionCategory::VARIANTS
            .iter()
            .map(|a| hash_name(&feature_name("", Kind::RuleAction(Some(*a)))))
            .collect(),
        none: hash_name(&feature_name("", Kind::RuleAction(None))),
    })
}

/// Keys that are already hashes.
#[derive(Default)]
pub(crate) struct Identity(u64);

impl Hasher for Identity {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 = (self.0 << 8) | u64::from(*b);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

/// A weight: label index, value, index of its line's rule.
type Weight = (u8, f32, u32);

type Table<V> = HashMap<u64, V, BuildHasherDefault<Identity>>;

/// A trained linear model: per feature, its weights for the labels it matters to.
#[derive(Debug, Clone)]
pub struct Model {
    /// Per feature hash, the range of its weights in `weights` and `hot`.
    index: Slots,
    weights: Vec<Weight>,
    /// The labels and values of `weights`, apart: what scoring reads.
    hot_labels: Vec<u8>,
    hot_values: Vec<f32>,
    bias: [f32; LABELS],
    threshold: f32,
    fallback: f32,
    rules_floor: f32,
    /// One [`Rule`] per weight line, for evidence (`file:line: label<TAB>feature`).
    lines: Vec<Rule>,
    file: String,
}

/// Index of a label in a model's scores.
pub(crate) fn label_index(label: Label) -> usize {
    match label {
        Label::Issue(i) => rules::issue_index(i),
        Label::Action(a) => ISSUES + usize::from(a.number()) - 1,
    }
}

fn label_at(index: usize) -> Option<Label> {
    if index < ISSUES {
        Issue::VARIANTS.get(index).copied().map(Label::Issue)
    } else {
        ActionCategory::VARIANTS
            .get(index - ISSUES)
            .copied()
            .map(Label::Action)
    }
}

impl Model {
    /// The model shipped with the crate (`data/model/weights.tsv`), parsed once.
    ///
    /// # Panics
    /// Never on a released crate: the shipped file is parsed by the test suite.
    #[allow(clippy::expect_used)]
    pub fn builtin() -> &'static Model {
        static BUILTIN: std::sync::OnceLock<Model> = std::sync::OnceLock::new();
        BUILTIN.get_or_init(|| {
            Model::parse(Model::BUILTIN_TSV, "data/model/weights.tsv")
                .expect("the built-in model parses (tests/classify_model.rs)")
        })
    }

    /// The text of the built-in weights file.
    pub const BUILTIN_TSV: &'static str = include_str!("../../data/model/weights.tsv");

    /// Parses a weights file (format in the [module docs](self)).
    ///
    /// # Errors
    /// [`Error::Invalid`] naming the file and line: a label that is neither an issue nor a
    /// category, a weight that is not a number, a missing field, or two features that hash
    /// alike.
    pub fn parse(text: &str, file: &str) -> Result<Model> {
        let bad = |line: usize, what: String| {
            Error::invalid("model file", format!("{file}: line {line}"), what)
        };
        let mut threshold = 0.0f32;
        let mut fallback = f32::INFINITY;
        let mut rules_floor = f32::INFINITY;
        let mut bias = [0.0f32; LABELS];
        let mut by_feature: Vec<(u64, Vec<Weight>)> = Vec::new();
        let mut index: Table<u32> = Table::default();
        let mut names: HashMap<u64, String> = HashMap::new();
        let mut lines = Vec::new();
        for (n, raw) in text.lines().enumerate() {
            let line_no = n + 1;
            let line = raw.trim_end_matches('\r');
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let f: Vec<&str> = line.split('\t').collect();
            let number = |s: &str| -> Result<f32> {
                s.parse::<f32>()
                    .map_err(|_| bad(line_no, format!("expected a number, found {s:?}")))
            };
            match f.as_slice() {
                ["threshold", x] => threshold = number(x)?,
                ["fallback", x] => fallback = number(x)?,
                ["rules", x] => rules_floor = number(x)?,
                [label, feature, w] => {
                    let label: Label = rules::parse_label(label).ok_or_else(|| {
                        bad(
                            line_no,
                            format!("expected an issue in UPR Info's spelling or an action category 1-5, found {label:?}"),
                        )
                    })?;
                    let li = label_index(label);
                    let w = number(w)?;
                    if *feature == BIAS {
                        if let Some(b) = bias.get_mut(li) {
                            *b = w;
                        }
                        continue;
                    }
                    let h = hash_name(feature);
                    if let Some(other) = names.get(&h) {
                        if other != feature {
                            return Err(bad(
                                line_no,
                                format!("features {other:?} and {feature:?} hash alike"),
                            ));
                        }
                    } else {
                        names.insert(h, (*feature).to_owned());
                    }
                    let fi = *index.entry(h).or_insert_with(|| {
                        by_feature.push((h, Vec::new()));
                        u32::try_from(by_feature.len() - 1).unwrap_or(u32::MAX)
                    });
                    let line_index = u32::try_from(lines.len()).unwrap_or(u32::MAX);
                    lines.push(Rule {
                        label,
                        phrase: (*feature).to_owned(),
                        conditions: Vec::new(),
                        file: file.to_owned(),
                        line: line_no,
                    });
                    if let Some((_, ws)) = by_feature.get_mut(fi as usize) {
                        ws.push((u8::try_from(li).unwrap_or(0), w, line_index));
                    }
                }
                _ => {
                    return Err(bad(
                        line_no,
                        "expected label<TAB>feature<TAB>weight".to_owned(),
                    ));
                }
            }
        }
        let mut ranges: Table<(u32, u32)> = Table::default();
        let mut weights = Vec::new();
        for (h, ws) in by_feature {
            let a = u32::try_from(weights.len()).unwrap_or(u32::MAX);
            weights.extend(ws);
            let b = u32::try_from(weights.len()).unwrap_or(u32::MAX);
            ranges.insert(h, (a, b));
        }
        drop(index);
        let hot_labels = weights.iter().map(|(l, _, _)| *l).collect();
        let hot_values = weights.iter().map(|(_, w, _)| *w).collect();
        Ok(Model {
            index: Slots::new(&ranges),
            weights,
            hot_labels,
            hot_values,
            bias,
            threshold,
            fallback,
            rules_floor,
            lines,
            file: file.to_owned(),
        })
    }

    /// The same weights with other issue thresholds (see the [module docs](self)).
    pub fn with_thresholds(mut self, threshold: f32, fallback: f32, rules: f32) -> Model {
        self.threshold = threshold;
        self.fallback = fallback;
        self.rules_floor = rules;
        self
    }

    /// How many weights (bias excluded).
    pub fn len(&self) -> usize {
        self.weights.len()
    }

    /// No weight.
    pub fn is_empty(&self) -> bool {
        self.weights.is_empty()
    }

    /// The issue threshold.
    pub fn threshold(&self) -> f32 {
        self.threshold
    }

    /// Scores of every label for a text's features. The norm counts every distinct feature,
    /// known to the model or not, as training does. `seen` is scratch.
    pub(crate) fn scores(
        &self,
        feats: &[Feature],
        seen: &mut Vec<u64>,
        scores: &mut [f32; LABELS],
    ) {
        seen.clear();
        seen.extend(feats.iter().map(|f| f.hash));
        seen.sort_unstable();
        seen.dedup();
        let mut acc = [0.0f32; 64];
        for h in seen.iter() {
            let Some((a, b)) = self.index.get(*h) else {
                continue;
            };
            let r = a as usize..b as usize;
            let ls = self.hot_labels.get(r.clone()).unwrap_or(&[]);
            let ws = self.hot_values.get(r).unwrap_or(&[]);
            for (&l, &w) in ls.iter().zip(ws) {
                acc[usize::from(l) & 63] += w;
            }
        }
        let norm = 1.0 / (seen.len().max(1) as f32).sqrt();
        for ((s, b), a) in scores.iter_mut().zip(self.bias.iter()).zip(acc.iter()) {
            *s = *a * norm + b;
        }
    }

    /// Scores of every label for a text and the rules' labels, without collecting the
    /// features: `set` is scratch (an open-addressing set of the hashes seen).
    pub(crate) fn score_text(
        &self,
        text: &str,
        rules: LabelSet,
        set: &mut Vec<u64>,
        scores: &mut [f32; LABELS],
    ) {
        // Sorted, the hashes visit the table in slot order (slots are indexed by the high bits).
        set.clear();
        for_each_feature(text, rules, |h, _| set.push(h));
        set.sort_unstable();
        set.dedup();
        let n = set.len();
        let mut acc = [0.0f32; 64];
        for h in set.iter() {
            if let Some((a, b)) = self.index.get(*h) {
                let r = a as usize..b as usize;
                let ls = self.hot_labels.get(r.clone()).unwrap_or(&[]);
                let ws = self.hot_values.get(r).unwrap_or(&[]);
                for (&l, &w) in ls.iter().zip(ws) {
                    acc[usize::from(l) & 63] += w;
                }
            }
        }
        let norm = 1.0 / (n.max(1) as f32).sqrt();
        for ((s, b), a) in scores.iter_mut().zip(self.bias.iter()).zip(acc.iter()) {
            *s = *a * norm + b;
        }
    }

    /// The labels from the scores.
    pub(crate) fn decide(&self, scores: &[f32; LABELS], rules: IssueSet) -> LabelSet {
        let mut issues = IssueSet::EMPTY;
        let mut best = (f32::NEG_INFINITY, 0usize);
        for (i, s) in scores.iter().take(ISSUES).enumerate() {
            let floor = if rules.contains_index(i) {
                self.threshold.min(self.rules_floor)
            } else {
                self.threshold
            };
            if *s > floor {
                issues.insert_index(i);
            }
            if *s > best.0 {
                best = (*s, i);
            }
        }
        if issues.is_empty() && best.0 > self.fallback {
            issues.insert_index(best.1);
        }
        LabelSet {
            action: Some(best_action(scores).0),
            issues,
        }
    }

    /// The weights of a feature, with the rule that stands for each weight line.
    pub(crate) fn weights_of(&self, hash: u64) -> impl Iterator<Item = (usize, f32, &Rule)> {
        let r = self.index.get(hash).unwrap_or((0, 0));
        self.weights
            .get(r.0 as usize..r.1 as usize)
            .unwrap_or(&[])
            .iter()
            .filter_map(|(l, w, line)| Some((usize::from(*l), *w, self.lines.get(*line as usize)?)))
    }

    /// The file it was read from.
    pub fn file(&self) -> &str {
        &self.file
    }

    /// Every weight: (label, feature, weight), in file order, biases first.
    pub fn entries(&self) -> impl Iterator<Item = (Label, &str, f32)> {
        let biases = self
            .bias
            .iter()
            .enumerate()
            .filter_map(|(i, b)| Some((label_at(i)?, BIAS, *b)));
        let ws = self.weights.iter().map(|(_, w, line)| (*line, *w));
        let mut all: Vec<(u32, f32)> = ws.collect();
        all.sort_by_key(|(line, _)| *line);
        let weights = all.into_iter().filter_map(|(line, w)| {
            let r = self.lines.get(line as usize)?;
            Some((r.label, r.phrase.as_str(), w))
        });
        biases.chain(weights)
    }
}

/// An open-addressing table (linear probing, at most half full, indexed by the hash's high
/// bits so that sorted hashes sweep it in order): hash, then the range of its weights, in one
/// slot, so a lookup touches one cache line.
#[derive(Debug, Clone)]
struct Slots {
    slots: Vec<(u64, u32, u32)>,
    mask: usize,
    shift: u32,
    /// One bit per 64-bit word of a small filter, set for every feature's hash: a clear bit
    /// says "unknown" without touching the table (most of a text's word pairs are unknown).
    filter: Vec<u64>,
}

/// Bits of the filter: 2^16, 8 KiB, in L1 cache.
const FILTER_BITS: u32 = 16;

fn filter_bit(h: u64) -> (usize, u64) {
    let b = (h >> 7) as usize & ((1 << FILTER_BITS) - 1);
    (b >> 6, 1u64 << (b & 63))
}

impl Slots {
    fn new(entries: &Table<(u32, u32)>) -> Slots {
        let size = (entries.len() + entries.len() / 2)
            .next_power_of_two()
            .max(16);
        let mut filter = vec![0u64; 1 << (FILTER_BITS - 6)];
        let mut slots = vec![(0u64, 0u32, 0u32); size];
        let mask = size - 1;
        let shift = 64 - size.trailing_zeros();
        let mut keys: Vec<(&u64, &(u32, u32))> = entries.iter().collect();
        keys.sort_unstable();
        for (h, (a, b)) in keys {
            let mut i = (*h >> shift) as usize & mask;
            while slots.get(i).is_some_and(|s| s.1 != s.2) {
                i = (i + 1) & mask;
            }
            if let Some(s) = slots.get_mut(i) {
                *s = (*h, *a, *b);
            }
            let (w, bit) = filter_bit(*h);
            if let Some(x) = filter.get_mut(w) {
                *x |= bit;
            }
        }
        Slots {
            slots,
            mask,
            shift,
            filter,
        }
    }

    /// An empty range marks an empty slot (a feature has at least one weight).
    fn get(&self, h: u64) -> Option<(u32, u32)> {
        let (w, bit) = filter_bit(h);
        if self.filter.get(w).is_none_or(|x| x & bit == 0) {
            return None;
        }
        let mut i = (h >> self.shift) as usize & self.mask;
        loop {
            let s = self.slots.get(i)?;
            if s.1 == s.2 {
                return None;
            }
            if s.0 == h {
                return Some((s.1, s.2));
            }
            i = (i + 1) & self.mask;
        }
    }
}

/// The best-scoring action category and its softmax share of the five scores.
pub(crate) fn best_action(scores: &[f32; LABELS]) -> (ActionCategory, f32) {
    let acts = scores.get(ISSUES..).unwrap_or(&[]);
    let mut best = (f32::NEG_INFINITY, 0usize);
    for (i, s) in acts.iter().enumerate() {
        if *s > best.0 {
            best = (*s, i);
        }
    }
    let denom: f32 = acts
        .iter()
        .map(|s| ((s - best.0) * SOFTMAX_SCALE).exp())
        .sum();
    let cat = ActionCategory::VARIANTS
        .get(best.1)
        .copied()
        .unwrap_or(ActionCategory::General);
    (cat, 1.0 / denom.max(1.0))
}

/// Scores are SVM margins (about -1 to 1); scaled so the softmax spreads.
const SOFTMAX_SCALE: f32 = 4.0;
