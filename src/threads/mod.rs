//! Recurring recommendations: the same ask, made to one State in review after review, followed
//! from cycle to cycle as a *thread*.
//!
//! UPR databases store recommendations one review at a time; an ask such as "ratify the
//! Convention against Torture" comes back in every review of the DPRK, from different States.
//! [`Threads::build`] links recommendations of *different* cycles made to one State, without
//! model weights, and says for every link why:
//!
//! - **ask**: both name the same instrument, mechanism or practice (the table
//!   `data/instruments.tsv`, [`Instruments`]) with the same action cue before it: `Ratify ...
//!   CAT` and `Consider ratification of ... the Convention against Torture` are both
//!   `ratify CAT`. One thread per ask, holding every recommendation that makes it.
//! - **overlap**: normalised word overlap (Jaccard over content words, plurals folded) at least
//!   [`ThreadOptions::min_overlap`], with at least [`ThreadOptions::min_shared_words`] words in
//!   common and, by default, one issue in common by the crate's classifier. Recommendations
//!   linked this way are grouped into threads by connected components.
//! - **manual**: a small file of [`Overrides`] adds or cuts links by hand; the result marks them.
//!
//! Measured on the DPRK's cycles 1-2 against 110 hand-labelled pairs
//! (`tests/data/thread-links.tsv`): precision 76/78, recall 76/79, with the rules tuned on that
//! sample (the first rules: 31/35 and 31/59); the README lists the misses.
//!
//! The views the issue asks for: [`Threads::never_accepted`] (asked in every cycle, never
//! accepted), [`Threads::reversals`] (accepted once and noted later, or the reverse),
//! [`Threads::askers`] (who keeps asking).
//!
//! ```
//! use upr::threads::{ThreadOptions, Threads};
//! use upr::{Dataset, State};
//!
//! let data = Dataset::dprk();
//! let threads = Threads::build(&data.recommendations, State::PRK, &ThreadOptions::new())?;
//! let cat = threads.find_ask("ratify CAT").expect("asked in both cycles");
//! assert_eq!(threads.cycles(cat), [1, 2]);
//! # Ok::<(), upr::Error>(())
//! ```

mod vocabulary;

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::str::FromStr;

use serde::Serialize;

use crate::classify::{Classifier, Scratch};
use crate::tsv;
use crate::{Cycle, Error, Issue, ParagraphRef, Recommendation, ResponseStatus, Result, State};

pub use vocabulary::{
    Ask, AskKind, INSTRUMENTS_TSV, Instrument, InstrumentKind, Instruments, Mention,
};

/// A recommendation named by cycle and paragraph within one State's reviews: `1:90(12)`,
/// `2:124.7`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct RecKey {
    /// The cycle.
    pub cycle: Cycle,
    /// The paragraph reference.
    pub reference: ParagraphRef,
}

impl fmt::Display for RecKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.cycle.number(), self.reference)
    }
}

impl FromStr for RecKey {
    type Err = Error;

    /// Parses `2:124.7`.
    fn from_str(s: &str) -> Result<RecKey> {
        let bad = || {
            Error::invalid(
                "recommendation key",
                s,
                "expected cycle:paragraph, e.g. 2:124.7",
            )
        };
        let (c, r) = s.trim().split_once(':').ok_or_else(bad)?;
        let n: u8 = c.trim().parse().map_err(|_| bad())?;
        Ok(RecKey {
            cycle: Cycle::new(n).map_err(|_| bad())?,
            reference: r.parse().map_err(|_| bad())?,
        })
    }
}

serde_via_display!(RecKey);

impl RecKey {
    /// The key of a recommendation, if it has a paragraph reference.
    pub fn of(r: &Recommendation) -> Option<RecKey> {
        r.reference().map(|reference| RecKey {
            cycle: r.cycle(),
            reference,
        })
    }
}

/// Add or cut a link by hand.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum OverrideAction {
    /// Link the two recommendations.
    Add,
    /// Never link them.
    Cut,
}

/// One line of an overrides file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Override {
    /// Add or cut.
    pub action: OverrideAction,
    /// One recommendation.
    pub a: RecKey,
    /// The other.
    pub b: RecKey,
    /// Why (kept in the link's reason).
    pub note: String,
}

/// Links added or cut by hand: a tab-separated file, one `add` or `cut` a line, two
/// recommendation keys and a note, `#` comments:
///
/// ```text
/// add<TAB>1:90(12)<TAB>2:124.60<TAB>both ask to let the Special Rapporteur on food visit
/// cut<TAB>1:90(1)<TAB>2:124.12<TAB>(a cut: never link these two)
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Overrides(pub Vec<Override>);

impl Overrides {
    /// Parses an overrides file.
    ///
    /// # Errors
    /// [`Error::Parse`] with the line of a row that is not `add|cut`, key, key, note.
    pub fn parse(text: &str) -> Result<Overrides> {
        const FILE: &str = "thread overrides";
        let mut out = Vec::new();
        for row in tsv::rows(text) {
            let f: Vec<&str> = row.fields().collect();
            let action = match f.first().map(|s| s.trim()) {
                Some("add") => OverrideAction::Add,
                Some("cut") => OverrideAction::Cut,
                other => return Err(row.error(FILE, "add or cut", other.unwrap_or_default())),
            };
            let key = |i: usize| -> Result<RecKey> {
                let s = f.get(i).copied().unwrap_or_default();
                s.parse()
                    .map_err(|_| row.error(FILE, "a recommendation key such as 2:124.7", s))
            };
            out.push(Override {
                action,
                a: key(1)?,
                b: key(2)?,
                note: f.get(3).map(|s| s.trim().to_owned()).unwrap_or_default(),
            });
        }
        Ok(Overrides(out))
    }
}

/// The thresholds and overrides of [`Threads::build`].
#[derive(Debug, Clone)]
pub struct ThreadOptions {
    min_overlap: f64,
    min_shared_words: usize,
    require_shared_issue: bool,
    asks: bool,
    overrides: Overrides,
    partial: Vec<crate::Cycle>,
}

impl Default for ThreadOptions {
    fn default() -> Self {
        ThreadOptions {
            min_overlap: 0.5,
            min_shared_words: 3,
            require_shared_issue: true,
            asks: true,
            overrides: Overrides::default(),
            partial: Vec::new(),
        }
    }
}

impl ThreadOptions {
    /// The defaults: overlap 0.5, 3 shared words, a shared issue, ask links on, no overrides.
    pub fn new() -> Self {
        Self::default()
    }

    /// Cycles the recommendations hold only in part (see
    /// [`Dataset::partial_lists`](crate::Dataset::partial_lists)): a thread need not reach them
    /// to count as asked "in every cycle".
    pub fn partial_cycles(mut self, cycles: impl IntoIterator<Item = crate::Cycle>) -> Self {
        self.partial = cycles.into_iter().collect();
        self
    }

    /// The least Jaccard overlap of content words for an overlap link (default 0.5).
    pub fn min_overlap(mut self, score: f64) -> Self {
        self.min_overlap = score;
        self
    }

    /// The least number of shared content words for an overlap link (default 3).
    pub fn min_shared_words(mut self, n: usize) -> Self {
        self.min_shared_words = n;
        self
    }

    /// Whether an overlap link needs an issue in common by the classifier (default yes).
    pub fn require_shared_issue(mut self, yes: bool) -> Self {
        self.require_shared_issue = yes;
        self
    }

    /// Whether instrument asks link recommendations (default yes; off: overlap only).
    pub fn asks(mut self, yes: bool) -> Self {
        self.asks = yes;
        self
    }

    /// Links added or cut by hand.
    pub fn overrides(mut self, overrides: Overrides) -> Self {
        self.overrides = overrides;
        self
    }
}

/// Why two recommendations are linked.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum LinkBasis {
    /// Both make the same ask(s); the phrases each wrote.
    Ask {
        /// The shared asks.
        asks: Vec<Ask>,
        /// For each ask: the phrase in the first recommendation and in the second.
        phrases: Vec<(String, String)>,
    },
    /// Their content words overlap.
    Overlap {
        /// Jaccard overlap, 0-1.
        score: f64,
        /// The shared words (normalised).
        shared: Vec<String>,
        /// Issues both have by the classifier.
        issues: Vec<Issue>,
    },
    /// Added by hand.
    Manual {
        /// The override's note.
        note: String,
    },
}

/// A link between two recommendations of different cycles.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Link {
    /// The earlier recommendation.
    pub from: RecKey,
    /// The later one.
    pub to: RecKey,
    /// Why.
    pub basis: LinkBasis,
    /// Whether a person made it (an `add` override).
    pub manual: bool,
    /// The reason, for people: `both ask to ratify CAT ("CAT" / "Convention against Torture")`.
    pub why: String,
    /// 1 for an ask or manual link, the overlap otherwise.
    pub score: f64,
    #[serde(skip)]
    ends: (usize, usize),
}

impl Link {
    /// `from to`, e.g. `1:90(8) 2:124.9`.
    pub fn to_string_pair(&self) -> String {
        format!("{} {}", self.from, self.to)
    }

    /// Indices of the two recommendations in the slice given to [`Threads::build`].
    pub fn ends(&self) -> (usize, usize) {
        self.ends
    }
}

/// A recurring ask: recommendations of at least two cycles.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Thread {
    /// The ask, for people: `ratify the Convention against Torture (CAT)`, or for an overlap
    /// thread the earliest recommendation's text.
    pub ask: String,
    /// The ask key of an ask thread (`ratify CAT`); `None` for overlap and manual threads.
    pub key: Option<Ask>,
    /// Indices of its recommendations, in cycle order (then paragraph).
    pub members: Vec<usize>,
    /// Indices of the links inside it (into [`Threads::links`]).
    pub links: Vec<usize>,
}

/// Whether a cycle's recommendations of a thread were accepted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CycleOutcome {
    /// At least one supported.
    Accepted,
    /// None supported in whole, at least one in part (which part is not known here).
    PartiallyAccepted,
    /// All have a final position, none supported.
    NotAccepted,
    /// None supported and at least one without a final position.
    Pending,
}

/// An ask accepted in one cycle and not in a later one, or the reverse.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Reversal {
    /// Index of the thread.
    pub thread: usize,
    /// The earlier cycle.
    pub from: u8,
    /// Its outcome.
    pub from_outcome: CycleOutcome,
    /// The later cycle.
    pub to: u8,
    /// Its outcome.
    pub to_outcome: CycleOutcome,
}

/// A State's recurring recommendations, linked and grouped; see the [module docs](self).
#[derive(Debug, Clone)]
pub struct Threads<'a> {
    recommendations: &'a [Recommendation],
    state: State,
    links: Vec<Link>,
    threads: Vec<Thread>,
    cuts: Vec<Override>,
    partial: Vec<crate::Cycle>,
}

/// Words that say nothing about the ask.
const STOPWORDS: &[&str] = &[
    "a",
    "about",
    "all",
    "also",
    "an",
    "and",
    "any",
    "are",
    "as",
    "at",
    "be",
    "been",
    "by",
    "can",
    "country",
    "democratic",
    "do",
    "doe",
    "effort",
    "efforts",
    "ensure",
    "for",
    "from",
    "full",
    "fully",
    "further",
    "has",
    "have",
    "human",
    "in",
    "including",
    "into",
    "is",
    "it",
    "its",
    "korea",
    "korean",
    "more",
    "necessary",
    "of",
    "on",
    "or",
    "other",
    "people",
    "republic",
    "right",
    "rights",
    "should",
    "such",
    "take",
    "that",
    "the",
    "their",
    "them",
    "these",
    "this",
    "those",
    "to",
    "which",
    "with",
    "within",
    "without",
    "state",
    "dprk",
    "slovenia",
    "continue",
    "consider",
    "measure",
    "step",
    "way",
    "order",
    "view",
    "well",
    "well",
    "so",
    "both",
    "particular",
    "particularly",
    "relevant",
    "promote",
    "strengthen",
    "international",
];

fn stem(w: &str) -> String {
    let w = w.to_lowercase();
    if w.len() > 4 && w.ends_with("ies") {
        format!("{}y", w.get(..w.len() - 3).unwrap_or_default())
    } else if w.len() > 3 && w.ends_with('s') && !w.ends_with("ss") {
        w.get(..w.len() - 1).unwrap_or_default().to_owned()
    } else {
        w
    }
}

/// The normalised content words of a text: lowercase, plurals folded, stop words dropped.
pub fn content_words(text: &str) -> BTreeSet<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.len() > 1 && !w.chars().all(|c| c.is_ascii_digit()))
        .map(stem)
        .filter(|w| !STOPWORDS.contains(&w.as_str()))
        .collect()
}

struct Features<'t> {
    asks: BTreeMap<Ask, &'t str>,
    words: BTreeSet<String>,
    issues: Vec<Issue>,
}

fn outcome(status: Option<ResponseStatus>) -> CycleOutcome {
    match status {
        Some(ResponseStatus::Supported) => CycleOutcome::Accepted,
        Some(ResponseStatus::PartiallySupported) => CycleOutcome::PartiallyAccepted,
        Some(ResponseStatus::Pending) | None => CycleOutcome::Pending,
        Some(_) => CycleOutcome::NotAccepted,
    }
}

struct UnionFind(Vec<usize>);

impl UnionFind {
    fn find(&mut self, i: usize) -> usize {
        let mut r = i;
        while let Some(&p) = self.0.get(r) {
            if p == r {
                break;
            }
            r = p;
        }
        if let Some(slot) = self.0.get_mut(i) {
            *slot = r;
        }
        r
    }
    fn union(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.find(a), self.find(b));
        if let Some(slot) = self.0.get_mut(ra.max(rb)) {
            *slot = ra.min(rb);
        }
    }
}

impl<'a> Threads<'a> {
    /// Links the recommendations made to `state` (others in the slice are ignored) and groups
    /// them into threads.
    ///
    /// # Errors
    /// [`Error::Unknown`] for an override naming a recommendation key not among them.
    pub fn build(
        recommendations: &'a [Recommendation],
        state: State,
        options: &ThreadOptions,
    ) -> Result<Threads<'a>> {
        let instruments = Instruments::builtin();
        let classifier = Classifier::builtin();
        let mut scratch = Scratch::new();
        let idx: Vec<usize> = (0..recommendations.len())
            .filter(|&i| {
                recommendations
                    .get(i)
                    .is_some_and(|r| r.state_under_review() == state)
            })
            .collect();
        let get = |i: usize| recommendations.get(i);
        let mut features: BTreeMap<usize, Features<'a>> = BTreeMap::new();
        for &i in &idx {
            let Some(r) = get(i) else { continue };
            let mut asks = BTreeMap::new();
            if options.asks {
                for m in instruments.find(r.text()) {
                    if let Some(kind) = m.ask {
                        let ask = Ask {
                            kind,
                            instrument: m.instrument.key.clone(),
                        };
                        asks.entry(ask).or_insert(m.phrase);
                    }
                }
            }
            let issues = classifier
                .label(r.text(), &mut scratch)
                .issues
                .iter()
                .collect();
            features.insert(
                i,
                Features {
                    asks,
                    words: content_words(r.text()),
                    issues,
                },
            );
        }
        let key_of = |i: usize| get(i).and_then(RecKey::of);
        let by_key: BTreeMap<RecKey, usize> = idx
            .iter()
            .filter_map(|&i| key_of(i).map(|k| (k, i)))
            .collect();
        let resolve = |k: &RecKey| {
            by_key
                .get(k)
                .copied()
                .ok_or_else(|| Error::unknown("recommendation key", k.to_string()))
        };
        let mut cut: BTreeSet<(usize, usize)> = BTreeSet::new();
        let mut added: BTreeMap<(usize, usize), String> = BTreeMap::new();
        let mut cuts = Vec::new();
        for o in &options.overrides.0 {
            let (a, b) = (resolve(&o.a)?, resolve(&o.b)?);
            let pair = (a.min(b), a.max(b));
            match o.action {
                OverrideAction::Cut => {
                    cut.insert(pair);
                    cuts.push(o.clone());
                }
                OverrideAction::Add => {
                    added.insert(pair, o.note.clone());
                }
            }
        }
        let cycle = |i: usize| get(i).map(|r| r.cycle());
        // Links: every pair of different cycles.
        let mut links = Vec::new();
        for (n, &i) in idx.iter().enumerate() {
            for &j in idx.iter().skip(n + 1) {
                let (Some(ci), Some(cj)) = (cycle(i), cycle(j)) else {
                    continue;
                };
                let pair = (i.min(j), i.max(j));
                let manual = added.get(&pair);
                if (ci == cj && manual.is_none()) || cut.contains(&pair) {
                    continue;
                }
                let (a, b) = if (ci, key_of(i)) <= (cj, key_of(j)) {
                    (i, j)
                } else {
                    (j, i)
                };
                let (Some(fa), Some(fb), Some(ka), Some(kb)) =
                    (features.get(&a), features.get(&b), key_of(a), key_of(b))
                else {
                    continue;
                };
                let link = |basis: LinkBasis, manual: bool, why: String, score: f64| Link {
                    from: ka,
                    to: kb,
                    basis,
                    manual,
                    why,
                    score,
                    ends: (a, b),
                };
                if let Some(note) = manual {
                    let why = format!("manual: {note}");
                    let basis = LinkBasis::Manual { note: note.clone() };
                    links.push(link(basis, true, why, 1.0));
                    continue;
                }
                let shared: Vec<(&Ask, &str, &str)> = fa
                    .asks
                    .iter()
                    .filter_map(|(k, pa)| fb.asks.get(k).map(|pb| (k, *pa, *pb)))
                    .collect();
                if !shared.is_empty() {
                    let why = shared
                        .iter()
                        .map(|(k, pa, pb)| format!("both ask to {k} ({pa:?} / {pb:?})"))
                        .collect::<Vec<_>>()
                        .join("; ");
                    let basis = LinkBasis::Ask {
                        asks: shared.iter().map(|(k, _, _)| (*k).clone()).collect(),
                        phrases: shared
                            .iter()
                            .map(|(_, pa, pb)| ((*pa).to_owned(), (*pb).to_owned()))
                            .collect(),
                    };
                    links.push(link(basis, false, why, 1.0));
                    continue;
                }
                let common: Vec<String> = fa.words.intersection(&fb.words).cloned().collect();
                let union = fa.words.union(&fb.words).count();
                if union == 0 || common.len() < options.min_shared_words {
                    continue;
                }
                #[allow(clippy::cast_precision_loss)]
                let score = common.len() as f64 / union as f64;
                let issues: Vec<Issue> = fa
                    .issues
                    .iter()
                    .filter(|x| fb.issues.contains(x))
                    .copied()
                    .collect();
                if score < options.min_overlap
                    || (options.require_shared_issue && issues.is_empty())
                {
                    continue;
                }
                let why = format!(
                    "word overlap {score:.2}: {}{}",
                    common.join(", "),
                    if issues.is_empty() {
                        String::new()
                    } else {
                        format!(
                            "; both {}",
                            issues
                                .iter()
                                .map(ToString::to_string)
                                .collect::<Vec<_>>()
                                .join(", ")
                        )
                    }
                );
                let basis = LinkBasis::Overlap {
                    score,
                    shared: common,
                    issues,
                };
                links.push(link(basis, false, why, score));
            }
        }
        let order = |i: &usize| (cycle(*i), key_of(*i));
        let mut threads = Vec::new();
        // Ask threads: every recommendation making the ask, connected unless cut.
        let mut by_ask: BTreeMap<&Ask, Vec<usize>> = BTreeMap::new();
        for (&i, f) in &features {
            for k in f.asks.keys() {
                by_ask.entry(k).or_default().push(i);
            }
        }
        for (ask, members) in by_ask {
            let mut uf = UnionFind((0..members.len()).collect());
            for (x, &i) in members.iter().enumerate() {
                for (y, &j) in members.iter().enumerate().skip(x + 1) {
                    if !cut.contains(&(i.min(j), i.max(j))) {
                        uf.union(x, y);
                    }
                }
            }
            let mut groups: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
            for (x, &i) in members.iter().enumerate() {
                groups.entry(uf.find(x)).or_default().push(i);
            }
            for (_, mut g) in groups {
                g.sort_by_key(order);
                let cycles: BTreeSet<_> = g.iter().filter_map(|&i| cycle(i)).collect();
                if cycles.len() < 2 {
                    continue;
                }
                let inside: Vec<usize> = links
                    .iter()
                    .enumerate()
                    .filter(|(_, l)| {
                        g.contains(&l.ends.0)
                            && g.contains(&l.ends.1)
                            && matches!(&l.basis, LinkBasis::Ask { asks, .. } if asks.contains(ask))
                    })
                    .map(|(n, _)| n)
                    .collect();
                threads.push(Thread {
                    ask: instruments.describe(ask),
                    key: Some(ask.clone()),
                    members: g,
                    links: inside,
                });
            }
        }
        // Overlap and manual threads: connected components of those links.
        let pos: BTreeMap<usize, usize> = idx.iter().enumerate().map(|(n, &i)| (i, n)).collect();
        let mut uf = UnionFind((0..idx.len()).collect());
        let loose: Vec<usize> = links
            .iter()
            .enumerate()
            .filter(|(_, l)| !matches!(l.basis, LinkBasis::Ask { .. }))
            .map(|(n, _)| n)
            .collect();
        for &n in &loose {
            if let Some(l) = links.get(n)
                && let (Some(&x), Some(&y)) = (pos.get(&l.ends.0), pos.get(&l.ends.1))
            {
                uf.union(x, y);
            }
        }
        let mut groups: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
        for &n in &loose {
            if let Some(l) = links.get(n) {
                for e in [l.ends.0, l.ends.1] {
                    if let Some(&x) = pos.get(&e) {
                        let g = groups.entry(uf.find(x)).or_default();
                        if !g.contains(&e) {
                            g.push(e);
                        }
                    }
                }
            }
        }
        for (_, mut g) in groups {
            g.sort_by_key(order);
            let inside: Vec<usize> = loose
                .iter()
                .copied()
                .filter(|&n| links.get(n).is_some_and(|l| g.contains(&l.ends.0)))
                .collect();
            let ask = g
                .first()
                .and_then(|&i| get(i))
                .map(|r| r.text().to_owned())
                .unwrap_or_default();
            threads.push(Thread {
                ask,
                key: None,
                members: g,
                links: inside,
            });
        }
        Ok(Threads {
            recommendations,
            state,
            links,
            threads,
            cuts,
            partial: options.partial.clone(),
        })
    }

    /// The State under review.
    pub fn state(&self) -> State {
        self.state
    }

    /// Every link, pair by pair.
    pub fn links(&self) -> &[Link] {
        &self.links
    }

    /// The `cut` overrides applied.
    pub fn cuts(&self) -> &[Override] {
        &self.cuts
    }

    /// Every thread: ask threads in ask order, then overlap threads.
    pub fn threads(&self) -> &[Thread] {
        &self.threads
    }

    /// The recommendation at an index of a thread or link.
    pub fn recommendation(&self, i: usize) -> Option<&'a Recommendation> {
        self.recommendations.get(i)
    }

    /// The ask thread with this key (`ratify CAT`, `cooperate SR-DPRK`).
    pub fn find_ask(&self, key: &str) -> Option<&Thread> {
        self.threads
            .iter()
            .find(|t| t.key.as_ref().is_some_and(|k| k.to_string() == key))
    }

    /// The cycles a thread spans, as numbers.
    pub fn cycles(&self, t: &Thread) -> Vec<u8> {
        let set: BTreeSet<u8> = t
            .members
            .iter()
            .filter_map(|&i| self.recommendation(i))
            .map(|r| r.cycle().number())
            .collect();
        set.into_iter().collect()
    }

    /// Each cycle's outcome for a thread (latest response of its recommendations).
    pub fn outcomes(&self, t: &Thread) -> BTreeMap<u8, CycleOutcome> {
        let mut by: BTreeMap<u8, CycleOutcome> = BTreeMap::new();
        for r in t.members.iter().filter_map(|&i| self.recommendation(i)) {
            let o = outcome(r.responses().latest().map(|e| e.status));
            let rank = |o: CycleOutcome| match o {
                CycleOutcome::Accepted => 3,
                CycleOutcome::PartiallyAccepted => 2,
                CycleOutcome::Pending => 1,
                CycleOutcome::NotAccepted => 0,
            };
            let slot = by.entry(r.cycle().number()).or_insert(o);
            if rank(o) > rank(*slot) {
                *slot = o;
            }
        }
        by
    }

    /// Threads asked in every cycle the State has recommendations in (cycles held only in part,
    /// [`ThreadOptions::partial_cycles`], need not be reached), and never accepted in full (a
    /// cycle whose best outcome is partial support counts as not accepted: which part was
    /// supported is not known from the status).
    pub fn never_accepted(&self) -> Vec<&Thread> {
        let all: BTreeSet<u8> = self
            .recommendations
            .iter()
            .filter(|r| r.state_under_review() == self.state)
            .map(|r| r.cycle().number())
            .filter(|c| !self.partial.iter().any(|p| p.number() == *c))
            .collect();
        self.threads
            .iter()
            .filter(|t| {
                let o = self.outcomes(t);
                o.keys().copied().collect::<BTreeSet<_>>().is_superset(&all)
                    && o.values().all(|x| {
                        matches!(
                            x,
                            CycleOutcome::NotAccepted | CycleOutcome::PartiallyAccepted
                        )
                    })
            })
            .collect()
    }

    /// Asks accepted in one cycle and not accepted in a later one, or the reverse.
    ///
    /// A cycle whose best response is partial support counts as partially accepted: for a
    /// recommendation making several asks (`Ratify ICERD, CAT ... CRPD`, supported in its CRPD
    /// part) that may not be this thread's ask.
    pub fn reversals(&self) -> Vec<Reversal> {
        let mut out = Vec::new();
        for (n, t) in self.threads.iter().enumerate() {
            let o: Vec<(u8, CycleOutcome)> = self.outcomes(t).into_iter().collect();
            for w in o.windows(2) {
                if let [(c1, o1), (c2, o2)] = w {
                    let flip = matches!(
                        (o1, o2),
                        (CycleOutcome::Accepted, CycleOutcome::NotAccepted)
                            | (CycleOutcome::NotAccepted, CycleOutcome::Accepted)
                            | (CycleOutcome::PartiallyAccepted, CycleOutcome::NotAccepted)
                            | (CycleOutcome::NotAccepted, CycleOutcome::PartiallyAccepted)
                    );
                    if flip {
                        out.push(Reversal {
                            thread: n,
                            from: *c1,
                            from_outcome: *o1,
                            to: *c2,
                            to_outcome: *o2,
                        });
                    }
                }
            }
        }
        out
    }

    /// Who keeps asking: each recommending State with the cycles it made the ask in, most
    /// cycles first.
    pub fn askers(&self, t: &Thread) -> Vec<(State, Vec<u8>)> {
        let mut by: BTreeMap<State, BTreeSet<u8>> = BTreeMap::new();
        for r in t.members.iter().filter_map(|&i| self.recommendation(i)) {
            for s in r.recommending() {
                by.entry(*s).or_default().insert(r.cycle().number());
            }
        }
        let mut v: Vec<(State, Vec<u8>)> = by
            .into_iter()
            .map(|(s, c)| (s, c.into_iter().collect()))
            .collect();
        v.sort_by(|a, b| b.1.len().cmp(&a.1.len()).then(a.0.cmp(&b.0)));
        v
    }

    /// A thread as plain data (what `examples/threads.rs --json` prints).
    pub fn view(&self, t: &Thread) -> ThreadView {
        let recs: Vec<&Recommendation> = t
            .members
            .iter()
            .filter_map(|&i| self.recommendation(i))
            .collect();
        ThreadView {
            ask: t.ask.clone(),
            key: t.key.clone(),
            cycles: self.cycles(t),
            recommendations: recs
                .iter()
                .map(|r| ThreadMember {
                    key: RecKey::of(r),
                    cycle: r.cycle().number(),
                    recommending: r.recommending().to_vec(),
                    text: r.text().to_owned(),
                })
                .collect(),
            responses: recs
                .iter()
                .map(|r| r.responses().latest().map(|e| e.status))
                .collect(),
            outcomes: self.outcomes(t),
            askers: self.askers(t),
            why: t
                .links
                .iter()
                .filter_map(|&n| self.links.get(n).cloned())
                .collect(),
        }
    }
}

/// One recommendation of a [`ThreadView`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ThreadMember {
    /// Cycle and paragraph.
    pub key: Option<RecKey>,
    /// The cycle.
    pub cycle: u8,
    /// Who made it.
    pub recommending: Vec<State>,
    /// The text.
    pub text: String,
}

/// A thread as plain data: its ask, cycles, recommendations in cycle order with the response
/// each got (latest), each cycle's outcome, who asked in which cycles, and every link with
/// why.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ThreadView {
    /// The ask.
    pub ask: String,
    /// The ask key, for an ask thread.
    pub key: Option<Ask>,
    /// The cycles it spans.
    pub cycles: Vec<u8>,
    /// Its recommendations.
    pub recommendations: Vec<ThreadMember>,
    /// The latest response of each, aligned with `recommendations`.
    pub responses: Vec<Option<ResponseStatus>>,
    /// Each cycle's outcome.
    pub outcomes: BTreeMap<u8, CycleOutcome>,
    /// Who asked, in which cycles.
    pub askers: Vec<(State, Vec<u8>)>,
    /// The links inside it, with why.
    pub why: Vec<Link>,
}
