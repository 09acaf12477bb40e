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
// `Model::decide` keeps the issues in one u64.
const _: () = assert!(ISSUES <= 64);

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
///
/// One pass over the bytes: a word's hash is computed as its bytes are read.
fn for_each_feature(text: &str, rules: LabelSet, mut out: impl FnMut(u64, Kind)) {
    let bytes = text.as_bytes();
    let mut prev: Option<(u32, u32, u64)> = None;
    let mut words = 0usize;
    let mut word = |start: usize, end: usize, h: u64| {
        // Beyond 4 GiB no word is a feature (spans are u32), as no later one can be.
        let (Ok(a), Ok(b)) = (u32::try_from(start), u32::try_from(end)) else {
            return;
        };
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
    };
    let mut at = 0usize;
    let mut rest = bytes;
    while let Some(skip) = rest.iter().position(|b| super::is_word(*b)) {
        let tail = rest.get(skip..).unwrap_or(&[]);
        let mut h = Fnv::new();
        let mut len = 0usize;
        for &b in tail {
            if !super::is_word(b) {
                break;
            }
            // Lowercase: for ASCII letters and digits, setting bit 5 is `to_ascii_lowercase`.
            h.byte(b | 0x20);
            len += 1;
        }
        let start = at + skip;
        word(start, start + len, h.0);
        at = start + len;
        rest = tail.get(len..).unwrap_or(&[]);
    }
    let names = rule_feature_hashes();
    let mut left = rules.issues;
    while let Some(idx) = left.pop_first() {
        if let Some(h) = names.issues.get(idx) {
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

/// Where a feature's weights are: its range in `weights` (and `hot_*`), and its row in
/// `dense` if it has one (`u32::MAX` if not).
#[derive(Debug, Clone, Copy)]
struct Entry {
    start: u32,
    end: u32,
    dense: u32,
}

/// A feature with at least this many weights (for distinct labels) also gets a dense row of
/// all the labels' weights, zeros included: adding 64 floats, which the compiler vectorises,
/// is cheaper than scattering that many. Adding `+0.0` leaves a score as it is, so the
/// scores are the same to the bit.
const DENSE_MIN: usize = 10;

/// A trained linear model: per feature, its weights for the labels it matters to.
///
/// The features are numbered by *rank*, the order of their hashes: scoring adds the weights
/// of a text's features in that order, whatever their order in the text.
#[derive(Debug, Clone)]
pub struct Model {
    /// Per feature hash, its rank.
    index: Slots,
    /// Per rank, where its weights are.
    entries: Vec<Entry>,
    weights: Vec<Weight>,
    /// The labels and values of `weights`, apart: what scoring reads.
    hot_labels: Vec<u8>,
    hot_values: Vec<f32>,
    /// The dense rows of the features with many weights ([`DENSE_MIN`]).
    dense: Vec<[f32; 64]>,
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
        drop(index);
        // Rank order: by hash (distinct, checked above).
        by_feature.sort_unstable_by_key(|(h, _)| *h);
        let mut hashes = Vec::with_capacity(by_feature.len());
        let mut entries = Vec::with_capacity(by_feature.len());
        let mut weights = Vec::new();
        let mut dense = Vec::new();
        for (h, ws) in by_feature {
            let start = u32::try_from(weights.len()).unwrap_or(u32::MAX);
            let mut row = [0.0f32; 64];
            let mut labels = 0u64;
            for (l, w, _) in &ws {
                let bit = 1u64 << (l & 63);
                if labels & bit != 0 {
                    // Two weights of one label: added one by one, as written.
                    labels = 0;
                    break;
                }
                labels |= bit;
                row[usize::from(*l) & 63] = *w;
            }
            let is_dense = labels.count_ones() as usize >= DENSE_MIN;
            weights.extend(ws);
            let end = u32::try_from(weights.len()).unwrap_or(u32::MAX);
            let d = if is_dense {
                dense.push(row);
                u32::try_from(dense.len() - 1).unwrap_or(u32::MAX)
            } else {
                u32::MAX
            };
            hashes.push(h);
            entries.push(Entry {
                start,
                end,
                dense: d,
            });
        }
        let hot_labels = weights.iter().map(|(l, _, _)| *l).collect();
        let hot_values = weights.iter().map(|(_, w, _)| *w).collect();
        Ok(Model {
            index: Slots::new(&hashes),
            entries,
            weights,
            hot_labels,
            hot_values,
            dense,
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
    ///
    /// The plain way: sort the hashes, drop repeats, add each known feature's weights one by
    /// one. [`Model::score_text`] gives the same scores to the bit, faster.
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
            let Some(e) = self
                .index
                .get(*h)
                .and_then(|r| self.entries.get(r as usize))
            else {
                continue;
            };
            self.add_sparse(*e, &mut acc);
        }
        self.finish(&acc, seen.len(), scores);
    }

    /// Adds a feature's weights one by one.
    fn add_sparse(&self, e: Entry, acc: &mut [f32; 64]) {
        let r = e.start as usize..e.end as usize;
        let ls = self.hot_labels.get(r.clone()).unwrap_or(&[]);
        let ws = self.hot_values.get(r).unwrap_or(&[]);
        for (&l, &w) in ls.iter().zip(ws) {
            acc[usize::from(l) & 63] += w;
        }
    }

    /// `scores = acc / sqrt(n) + bias`.
    fn finish(&self, acc: &[f32; 64], n: usize, scores: &mut [f32; LABELS]) {
        let norm = 1.0 / (n.max(1) as f32).sqrt();
        for ((s, b), a) in scores.iter_mut().zip(self.bias.iter()).zip(acc.iter()) {
            *s = *a * norm + b;
        }
    }

    /// Scores of every label for a text and the rules' labels, as [`Model::scores`] gives
    /// them, without collecting the features or sorting them: each feature the model knows
    /// marks its rank in `marks` (a bit set, so a repeat marks nothing new), the others go to
    /// `unknown`, which only counts them. The marked features are then visited in rank order,
    /// the order `scores` adds them in.
    pub(crate) fn score_text(
        &self,
        text: &str,
        rules: LabelSet,
        unknown: &mut Vec<u64>,
        marks: &mut Marks,
        scores: &mut [f32; LABELS],
    ) {
        unknown.clear();
        marks.fit(self.entries.len());
        for_each_feature(text, rules, |h, _| match self.index.get(h) {
            Some(r) => marks.set(r as usize),
            None => unknown.push(h),
        });
        unknown.sort_unstable();
        unknown.dedup();
        let mut n = unknown.len();
        let mut acc = [0.0f32; 64];
        marks.drain(|r| {
            n += 1;
            let Some(e) = self.entries.get(r) else {
                return;
            };
            match self.dense.get(e.dense as usize) {
                Some(row) => {
                    for (a, w) in acc.iter_mut().zip(row) {
                        *a += *w;
                    }
                }
                None => self.add_sparse(*e, &mut acc),
            }
        });
        self.finish(&acc, n, scores);
    }

    /// The labels from the scores.
    pub(crate) fn decide(&self, scores: &[f32; LABELS], rules: IssueSet) -> LabelSet {
        // The issues are bits 0-53: one u64 holds them.
        let given = rules.low_bits();
        let (plain, with_rules) = (self.threshold, self.threshold.min(self.rules_floor));
        let mut above = 0u64;
        let mut best = (f32::NEG_INFINITY, 0usize);
        for (i, s) in scores.iter().take(ISSUES).enumerate() {
            let floor = if (given >> i) & 1 != 0 {
                with_rules
            } else {
                plain
            };
            above |= u64::from(*s > floor) << i;
            if *s > best.0 {
                best = (*s, i);
            }
        }
        let mut issues = IssueSet::from_low_bits(above);
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
        let r = self
            .index
            .get(hash)
            .and_then(|r| self.entries.get(r as usize))
            .map_or(0..0, |e| e.start as usize..e.end as usize);
        self.weights
            .get(r)
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

/// An open-addressing table (linear probing, at most two thirds full, indexed by the hash's
/// high bits): hash, then 1 + the feature's rank (0 marks an empty slot), in one slot, so a
/// lookup touches one cache line.
#[derive(Debug, Clone)]
struct Slots {
    slots: Vec<(u64, u32)>,
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
    /// The table of `hashes` (distinct), each's rank its position.
    fn new(hashes: &[u64]) -> Slots {
        let size = (hashes.len() + hashes.len() / 2)
            .next_power_of_two()
            .max(16);
        let mut filter = vec![0u64; 1 << (FILTER_BITS - 6)];
        let mut slots = vec![(0u64, 0u32); size];
        let mask = size - 1;
        let shift = 64 - size.trailing_zeros();
        for (rank, h) in hashes.iter().enumerate() {
            let mut i = (*h >> shift) as usize & mask;
            while slots.get(i).is_some_and(|s| s.1 != 0) {
                i = (i + 1) & mask;
            }
            if let Some(s) = slots.get_mut(i) {
                *s = (*h, u32::try_from(rank + 1).unwrap_or(u32::MAX));
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

    /// The rank of a hash, if the model knows it.
    fn get(&self, h: u64) -> Option<u32> {
        let (w, bit) = filter_bit(h);
        if self.filter.get(w).is_none_or(|x| x & bit == 0) {
            return None;
        }
        let mut i = (h >> self.shift) as usize & self.mask;
        loop {
            let s = self.slots.get(i)?;
            if s.1 == 0 {
                return None;
            }
            if s.0 == h {
                return Some(s.1 - 1);
            }
            i = (i + 1) & self.mask;
        }
    }
}

/// A set of feature ranks as two levels of bits (a bit per rank, and a bit per word of those
/// that has one set), emptied as it is read: [`Marks::drain`] visits the set ranks in
/// increasing order in time proportional to how many there are, plus one step per 4,096
/// ranks of the model. Scratch of [`Model::score_text`].
#[derive(Debug, Clone, Default)]
pub(crate) struct Marks {
    words: Vec<u64>,
    top: Vec<u64>,
}

impl Marks {
    /// Room for ranks `0..n` (all clear: `drain` leaves them so).
    fn fit(&mut self, n: usize) {
        let words = n.div_ceil(64);
        if self.words.len() < words {
            self.words.resize(words, 0);
            self.top.resize(words.div_ceil(64), 0);
        }
    }

    fn set(&mut self, rank: usize) {
        let w = rank >> 6;
        if let Some(x) = self.words.get_mut(w) {
            *x |= 1u64 << (rank & 63);
        }
        if let Some(t) = self.top.get_mut(w >> 6) {
            *t |= 1u64 << (w & 63);
        }
    }

    /// Calls `f` with every set rank, in increasing order, and clears them.
    fn drain(&mut self, mut f: impl FnMut(usize)) {
        for (ti, t) in self.top.iter_mut().enumerate() {
            let mut tb = std::mem::take(t);
            while tb != 0 {
                let wi = ti * 64 + tb.trailing_zeros() as usize;
                tb &= tb - 1;
                let Some(x) = self.words.get_mut(wi) else {
                    continue;
                };
                let mut b = std::mem::take(x);
                while b != 0 {
                    f(wi * 64 + b.trailing_zeros() as usize);
                    b &= b - 1;
                }
            }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn features_are_the_words_pairs_and_rules_in_text_order() {
        let text = "  Ratify\u{e9} the OP-CAT, 2008!";
        let rules = LabelSet {
            action: Some(ActionCategory::Specific),
            issues: [Issue::TortureAndOtherCidTreatment].into_iter().collect(),
        };
        let mut feats = Vec::new();
        features(text, rules, &mut feats);
        let names: Vec<String> = feats.iter().map(|f| feature_name(text, f.kind)).collect();
        assert_eq!(
            names,
            [
                "ratify",
                "^ratify",
                "the",
                "ratify the",
                "^ratify the",
                "op",
                "the op",
                "cat",
                "op cat",
                "2008",
                "cat 2008",
                "[rules] Torture and other CID treatment",
                "[rules] action 5",
            ]
        );
        for (f, n) in feats.iter().zip(&names) {
            assert_eq!(f.hash, hash_name(n), "{n}");
        }
    }

    #[test]
    fn marks_visit_each_rank_once_in_order_and_clear() {
        let mut m = Marks::default();
        m.fit(10_000);
        for r in [9_999, 5, 4_096, 5, 0, 63, 64, 4_095] {
            m.set(r);
        }
        let mut got = Vec::new();
        m.drain(|r| got.push(r));
        assert_eq!(got, [0, 5, 63, 64, 4_095, 4_096, 9_999]);
        m.drain(|r| got.push(r));
        assert_eq!(got.len(), 7);
        assert!(m.words.iter().chain(&m.top).all(|w| *w == 0));
    }

    #[test]
    fn score_text_gives_the_plain_scores_to_the_bit() {
        let m = Model::builtin();
        let (mut unknown, mut marks) = (Vec::new(), Marks::default());
        for text in [
            "",
            "Ratify the Optional Protocol to the Convention against Torture",
            "Continue to take measures to protect the rights of women and the rights of the child",
            "women women women WOMEN",
        ] {
            let rules = LabelSet::default();
            let mut feats = Vec::new();
            features(text, rules, &mut feats);
            let (mut plain, mut fast) = ([0.0f32; LABELS], [1.0f32; LABELS]);
            m.scores(&feats, &mut Vec::new(), &mut plain);
            m.score_text(text, rules, &mut unknown, &mut marks, &mut fast);
            let bits = |s: &[f32; LABELS]| s.map(f32::to_bits);
            assert_eq!(bits(&plain), bits(&fast), "{text:?}");
        }
    }
}
