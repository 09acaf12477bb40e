//! Statistics: tallies and ratios over recommendations, grouped and filtered, under a counting
//! convention, as of a date.
//!
//! ```
//! use upr::{Convention, Cycle, Dataset, Dimension, Query};
//!
//! let data = Dataset::dprk();
//! let tally = Query::new()
//!     .cycle(Cycle::FIRST)
//!     .convention(Convention::UprInfoSummary2014)
//!     .tally(&data.recommendations);
//! let all = tally.total();
//! assert_eq!(all.count(upr::Bucket::Accepted), 87);
//! # Ok::<(), upr::Error>(())
//! ```
//!
//! A recommendation with several recommending States (or issues) counts once in each group it
//! belongs to, so group totals over such dimensions can exceed the number of recommendations;
//! [`Tally::total`] always counts each recommendation once.

use std::collections::BTreeMap;
use std::fmt;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::{
    ActionCategory, Bucket, Convention, Cycle, Issue, PartialCounts, Ratio, Recommendation,
    RegionalGroup, State,
};

vocabulary! {
    /// A key recommendations can be grouped by.
    #[non_exhaustive]
    pub enum Dimension["dimension", key] {
        /// The review cycle (`1`).
        Cycle => "cycle";
        /// The State under review (alpha-3).
        StateUnderReview => "state_under_review";
        /// Each recommending State (alpha-3); a joint recommendation counts for each.
        RecommendingState => "recommending_state";
        /// Each recommending State's UN regional group (UPR Info code: `Africa`, `Asia`, `EEG`,
        /// `GRULAC`, `WEOG`; `Observer` for the Holy See; `Unknown` where no State is known).
        RecommenderGroup => "recommender_group";
        /// The bucket of the convention (`accepted`, `noted`, ...).
        Status => "status";
        /// The action category (`1`-`5`, `unlabelled`).
        ActionCategory => "action_category";
        /// Each issue family (`civil_political`, ...; `unlabelled`).
        IssueFamily => "issue_family";
        /// Each issue (UPR Info's spelling; `unlabelled`).
        Issue => "issue";
    }
}

vocabulary! {
    /// What a tally counts: numbered paragraphs or the parts of clustered paragraphs (see the
    /// [`Query::unit`] and [`Recommendation`'s docs](crate::Recommendation#paragraphs-and-parts-the-two-units)).
    #[derive(Default)]
    #[non_exhaustive]
    pub enum Unit["unit", key] {
        /// The numbered paragraph (`129.1`), however many parts it holds: the UN's unit (the
        /// default).
        #[default]
        Paragraph => "paragraph" | "paragraphs";
        /// Each part of a clustered paragraph (`129.1` part 2), with its own text and States.
        Part => "part" | "parts" | "split";
    }
}

impl Unit {
    /// Whether this is [`Unit::Paragraph`], the default.
    pub fn is_paragraph(&self) -> bool {
        *self == Unit::Paragraph
    }
}

/// Thematic labels used for grouping by action category and issue.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Labels {
    /// The action category.
    pub action: Option<ActionCategory>,
    /// The issues.
    pub issues: Vec<Issue>,
}

/// Something that labels a recommendation with an action category and issues: the crate's
/// [`Classifier`](crate::Classifier), or any closure `Fn(&Recommendation) -> Labels`.
pub trait Labeler: Sync {
    /// The labels of one recommendation.
    fn labels(&self, recommendation: &Recommendation) -> Labels;
}

impl<F: Fn(&Recommendation) -> Labels + Sync> Labeler for F {
    fn labels(&self, recommendation: &Recommendation) -> Labels {
        self(recommendation)
    }
}

/// A composable query: filters, grouping, convention, date.
///
/// A query borrows its [`Labeler`], if it has one, for `'a`.
///
/// # Units: paragraphs or parts
///
/// A query counts numbered paragraphs by default ([`Unit::Paragraph`], the UN's unit: the
/// Council's "out of N received" figures). [`Query::unit`]`(`[`Unit::Part`]`)` counts the parts
/// of clustered paragraphs instead, each with its own text (for the classifier) and its own
/// recommending States (for the recommending-State dimensions and filters); see
/// [`Recommendation::split`]. A part made jointly by k States counts once in either unit, and
/// once for each of its k States when grouped by [`Dimension::RecommendingState`], which is how
/// UPR Info's one row per recommending State counts.
///
/// ```
/// use upr::{Part, Query, Recommendation, ResponseEvent, Session, State, Unit};
///
/// let (egy, chl, per) = (State::resolve("Egypt")?, State::resolve("Chile")?, State::resolve("Peru")?);
/// let r = Recommendation::new(State::PRK, Session::new(19)?, "A B", "x".into())
///     .with_parts([Part::new("A", [egy]), Part::new("B", [chl, per])]);
/// let recs = [r];
/// assert_eq!(Query::new().count_unit(&recs), 1);
/// assert_eq!(Query::new().unit(Unit::Part).count_unit(&recs), 2);
/// # Ok::<(), upr::Error>(())
/// ```
#[derive(Clone, Default)]
pub struct Query<'a> {
    cycles: Vec<Cycle>,
    states: Vec<State>,
    recommenders: Vec<State>,
    groups: Vec<RegionalGroup>,
    buckets: Vec<Bucket>,
    as_of: Option<NaiveDate>,
    group_by: Vec<Dimension>,
    convention: Convention,
    partial: PartialCounts,
    unit: Unit,
    labeler: Option<&'a dyn Labeler>,
}

impl fmt::Debug for Query<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Query")
            .field("cycles", &self.cycles)
            .field("states", &self.states)
            .field("recommenders", &self.recommenders)
            .field("groups", &self.groups)
            .field("buckets", &self.buckets)
            .field("as_of", &self.as_of)
            .field("group_by", &self.group_by)
            .field("convention", &self.convention)
            .field("partial", &self.partial)
            .field("unit", &self.unit)
            .field("labeler", &self.labeler.as_ref().map(|_| "custom"))
            .finish()
    }
}

impl<'l> Query<'l> {
    /// Everything, five-way convention, latest responses, no grouping.
    pub fn new() -> Self {
        Self::default()
    }

    /// Keeps recommendations of this cycle (several calls: any of them).
    pub fn cycle(mut self, cycle: Cycle) -> Self {
        self.cycles.push(cycle);
        self
    }

    /// Keeps recommendations to this State (several calls: any of them).
    pub fn state_under_review(mut self, state: State) -> Self {
        self.states.push(state);
        self
    }

    /// Keeps recommendations this State made or joined (several calls: any of them).
    pub fn recommending(mut self, state: State) -> Self {
        self.recommenders.push(state);
        self
    }

    /// Keeps recommendations with a recommender from this regional group (several calls: any).
    pub fn recommender_group(mut self, group: RegionalGroup) -> Self {
        self.groups.push(group);
        self
    }

    /// Keeps recommendations in this bucket of the convention (several calls: any of them).
    pub fn status(mut self, bucket: Bucket) -> Self {
        self.buckets.push(bucket);
        self
    }

    /// Counts responses as they stood on this date; recommendations not yet made then are left
    /// out (and counted in [`Tally::not_yet_made`]), and so are those whose every position is
    /// [undated](crate::ResponseEvent#undated-events) (counted in [`Tally::undated`]): whether
    /// such a position had been made by the date is unknown.
    pub fn as_of(mut self, date: NaiveDate) -> Self {
        self.as_of = Some(date);
        self
    }

    /// Adds a grouping dimension (several calls: nested, in order).
    pub fn group_by(mut self, dimension: Dimension) -> Self {
        self.group_by.push(dimension);
        self
    }

    /// Sets the counting convention (default [`Convention::FiveWay`]).
    pub fn convention(mut self, convention: Convention) -> Self {
        self.convention = convention;
        self
    }

    /// Sets how partial acceptance counts in shares (default: as accepted).
    pub fn partial(mut self, partial: PartialCounts) -> Self {
        self.partial = partial;
        self
    }

    /// Sets the unit counted (default [`Unit::Paragraph`]); with [`Unit::Part`] each part of
    /// a clustered paragraph is filtered, labelled and counted on its own.
    pub fn unit(mut self, unit: Unit) -> Self {
        self.unit = unit;
        self
    }

    /// How many units (paragraphs or parts, as [`unit`](Self::unit) says) `recommendations`
    /// hold, before any filter.
    pub fn count_unit<'a>(
        &self,
        recommendations: impl IntoIterator<Item = &'a Recommendation>,
    ) -> usize {
        recommendations
            .into_iter()
            .map(|r| match self.unit {
                Unit::Part => r.part_count(),
                Unit::Paragraph => 1,
            })
            .sum()
    }

    /// Labels recommendations for the action-category and issue dimensions with this function
    /// (default: the recommendation's human labels, if any).
    pub fn labeler<'b>(self, labeler: &'b dyn Labeler) -> Query<'b>
    where
        'l: 'b,
    {
        let mut q: Query<'b> = self;
        q.labeler = Some(labeler);
        q
    }

    fn labels(&self, r: &Recommendation) -> Labels {
        match self.labeler {
            Some(l) => l.labels(r),
            None => r
                .labels()
                .map(|h| Labels {
                    action: h.action_category,
                    issues: h.issues.clone(),
                })
                .unwrap_or_default(),
        }
    }

    fn keys(
        &self,
        r: &Recommendation,
        bucket: Bucket,
        labels: &Labels,
        dim: Dimension,
    ) -> Vec<String> {
        match dim {
            Dimension::Cycle => vec![r.cycle().to_string()],
            Dimension::StateUnderReview => vec![r.state_under_review().alpha3().to_owned()],
            Dimension::RecommendingState => {
                let v: Vec<String> = r
                    .recommending()
                    .iter()
                    .map(|s| s.alpha3().to_owned())
                    .collect();
                if v.is_empty() {
                    vec!["unknown".into()]
                } else {
                    v
                }
            }
            Dimension::RecommenderGroup => {
                let mut v: Vec<String> = Vec::new();
                for s in r.recommending() {
                    let k = s
                        .regional_group()
                        .map_or("Observer", RegionalGroup::upr_info_code)
                        .to_owned();
                    if !v.contains(&k) {
                        v.push(k);
                    }
                }
                if v.is_empty() {
                    vec!["Unknown".into()]
                } else {
                    v
                }
            }
            Dimension::Status => vec![bucket.key().to_owned()],
            Dimension::ActionCategory => {
                vec![
                    labels
                        .action
                        .map_or_else(|| "unlabelled".to_owned(), |a| a.to_string()),
                ]
            }
            Dimension::IssueFamily => {
                let mut v: Vec<String> = Vec::new();
                for i in &labels.issues {
                    let k = i.family().key().to_owned();
                    if !v.contains(&k) {
                        v.push(k);
                    }
                }
                if v.is_empty() {
                    vec!["unlabelled".into()]
                } else {
                    v
                }
            }
            Dimension::Issue => {
                let v: Vec<String> = labels.issues.iter().map(|i| i.name().to_owned()).collect();
                if v.is_empty() {
                    vec!["unlabelled".into()]
                } else {
                    v
                }
            }
        }
    }

    /// Runs the query as of each date in turn: the picture a reader had on each day.
    pub fn timeline<'a>(
        &self,
        dates: &[NaiveDate],
        recommendations: impl IntoIterator<Item = &'a Recommendation> + Clone,
    ) -> Vec<Tally> {
        dates
            .iter()
            .map(|d| self.clone().as_of(*d).tally(recommendations.clone()))
            .collect()
    }

    /// Runs the query over recommendations, borrowed (`&recs`) or owned as a stream hands them
    /// out (each is counted and dropped, so a tally over a stream holds one at a time).
    pub fn tally<R: std::borrow::Borrow<Recommendation>>(
        &self,
        recommendations: impl IntoIterator<Item = R>,
    ) -> Tally {
        let buckets = self.convention.buckets().to_vec();
        let slot = |b: Bucket| buckets.iter().position(|x| *x == b).unwrap_or(0);
        let mut rows: BTreeMap<Vec<String>, Vec<u64>> = BTreeMap::new();
        let mut total = vec![0u64; buckets.len()];
        let mut not_yet_made = 0u64;
        let mut undated = 0u64;
        let mut no_response = 0u64;
        let mut count = |r: &Recommendation| {
            if !self.cycles.is_empty() && !self.cycles.contains(&r.cycle()) {
                return;
            }
            if !self.states.is_empty() && !self.states.contains(&r.state_under_review()) {
                return;
            }
            if !self.recommenders.is_empty()
                && !r
                    .recommending()
                    .iter()
                    .any(|s| self.recommenders.contains(s))
            {
                return;
            }
            if !self.groups.is_empty()
                && !r
                    .recommending()
                    .iter()
                    .any(|s| s.regional_group().is_some_and(|g| self.groups.contains(&g)))
            {
                return;
            }
            let status = match self.as_of {
                Some(d) => r.responses().status_as_of(d),
                None => r.responses().latest().map(|e| e.status),
            };
            let Some(status) = status else {
                let history = r.responses();
                if self.as_of.is_none() || history.is_empty() {
                    no_response += 1;
                } else if history.is_undated() {
                    undated += 1;
                } else {
                    not_yet_made += 1;
                }
                return;
            };
            let bucket = self.convention.bucket(status);
            if !self.buckets.is_empty() && !self.buckets.contains(&bucket) {
                return;
            }
            total[slot(bucket)] += 1;
            let labels = if self.group_by.iter().any(|d| {
                matches!(
                    d,
                    Dimension::ActionCategory | Dimension::IssueFamily | Dimension::Issue
                )
            }) {
                self.labels(r)
            } else {
                Labels::default()
            };
            let mut keys: Vec<Vec<String>> = vec![Vec::new()];
            for dim in &self.group_by {
                let values = self.keys(r, bucket, &labels, *dim);
                keys = keys
                    .into_iter()
                    .flat_map(|k| {
                        values.iter().map(move |v| {
                            let mut k2 = k.clone();
                            k2.push(v.clone());
                            k2
                        })
                    })
                    .collect();
            }
            for k in keys {
                let counts = rows.entry(k).or_insert_with(|| vec![0; buckets.len()]);
                counts[slot(bucket)] += 1;
            }
        };
        for r in recommendations {
            let r = r.borrow();
            match self.unit {
                Unit::Paragraph => count(r),
                Unit::Part => r.split().for_each(|part| count(&part)),
            }
        }
        let make = |key: Vec<String>, counts: Vec<u64>| {
            let n: u64 = counts.iter().sum();
            let accepted: u64 = buckets
                .iter()
                .zip(&counts)
                .filter(|(b, _)| self.convention.is_accepted(**b, self.partial))
                .map(|(_, c)| c)
                .sum();
            TallyRow {
                key,
                counts: buckets.iter().copied().zip(counts).collect(),
                total: n,
                accepted: Ratio::new(accepted, n),
                not_accepted: Ratio::new(n - accepted, n),
            }
        };
        Tally {
            convention: self.convention,
            partial: self.partial,
            as_of: self.as_of,
            dimensions: self.group_by.clone(),
            buckets: buckets.clone(),
            rows: rows.into_iter().map(|(k, c)| make(k, c)).collect(),
            all: make(Vec::new(), total),
            not_yet_made,
            undated,
            no_response,
            unit: self.unit,
        }
    }
}

/// The result of a query: one row per group, plus the overall row. Plain data (serde).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tally {
    /// The convention counted under.
    pub convention: Convention,
    /// How partial acceptance counts in the shares.
    pub partial: PartialCounts,
    /// The date responses were taken as of (`None`: latest).
    pub as_of: Option<NaiveDate>,
    /// The grouping dimensions, in key order.
    pub dimensions: Vec<Dimension>,
    /// The buckets, in column order.
    pub buckets: Vec<Bucket>,
    /// One row per group.
    pub rows: Vec<TallyRow>,
    /// Every recommendation counted once.
    pub all: TallyRow,
    /// Left out: recommendations not yet made on the `as_of` date.
    pub not_yet_made: u64,
    /// Left out of a tally `as_of` a date: recommendations whose every position is undated
    /// (UPR Info, UHRI or a matrix read without a position date). Always 0 without `as_of`,
    /// where undated positions count.
    #[serde(default)]
    pub undated: u64,
    /// Left out: recommendations with no response recorded at all.
    pub no_response: u64,
    /// What was counted: paragraphs or parts (JSON: left out for paragraphs).
    #[serde(default, skip_serializing_if = "Unit::is_paragraph")]
    pub unit: Unit,
}

/// One group's counts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TallyRow {
    /// The group's key, one value per dimension.
    pub key: Vec<String>,
    /// Counts per bucket, in [`Tally::buckets`] order (JSON: an object, bucket key to count).
    pub counts: Counts,
    /// Recommendations in the group.
    pub total: u64,
    /// Accepted share (partial acceptance as the query says).
    pub accepted: Ratio,
    /// Not-accepted share.
    pub not_accepted: Ratio,
}

impl TallyRow {
    /// The count in a bucket (0 if the convention has no such bucket).
    pub fn count(&self, bucket: Bucket) -> u64 {
        self.counts.get(bucket)
    }
}

/// Counts per [`Bucket`], in the convention's bucket order.
///
/// Serialised as a JSON object from bucket key to count, in that order
/// (`{"accepted": 81, "partially_accepted": 6, ...}`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Counts(Vec<(Bucket, u64)>);

impl Counts {
    /// The count in a bucket (0 if there is no such bucket).
    pub fn get(&self, bucket: Bucket) -> u64 {
        self.0
            .iter()
            .find(|(b, _)| *b == bucket)
            .map_or(0, |(_, n)| *n)
    }

    /// Buckets and counts, in order.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = (Bucket, u64)> + '_ {
        self.0.iter().copied()
    }

    /// The sum over all buckets.
    pub fn sum(&self) -> u64 {
        self.0.iter().map(|(_, n)| n).sum()
    }
}

impl FromIterator<(Bucket, u64)> for Counts {
    fn from_iter<I: IntoIterator<Item = (Bucket, u64)>>(iter: I) -> Self {
        Counts(iter.into_iter().collect())
    }
}

impl Serialize for Counts {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut m = s.serialize_map(Some(self.0.len()))?;
        for (b, n) in &self.0 {
            m.serialize_entry(b, n)?;
        }
        m.end()
    }
}

impl<'de> Deserialize<'de> for Counts {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        struct Visit;
        impl<'de> serde::de::Visitor<'de> for Visit {
            type Value = Counts;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an object from bucket key to count")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> std::result::Result<Counts, A::Error> {
                let mut out = Vec::new();
                while let Some((b, n)) = map.next_entry::<Bucket, u64>()? {
                    out.push((b, n));
                }
                Ok(Counts(out))
            }
        }
        d.deserialize_map(Visit)
    }
}

impl Tally {
    /// The row for a key (`&["2", "WEOG"]`).
    pub fn row(&self, key: &[&str]) -> Option<&TallyRow> {
        self.rows
            .iter()
            .find(|r| r.key.iter().map(String::as_str).eq(key.iter().copied()))
    }

    /// Every recommendation counted once.
    pub fn total(&self) -> &TallyRow {
        &self.all
    }

    /// The count in a bucket for a key (0 when the group is absent).
    pub fn count(&self, key: &[&str], bucket: Bucket) -> u64 {
        self.row(key).map_or(0, |r| r.count(bucket))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{ResponseEvent, ResponseStatus, Session, SourceId, Stage};

    fn rec(status: &[(ResponseStatus, (i32, u32, u32))], from: &[&str]) -> Recommendation {
        let mut r = Recommendation::new(
            State::PRK,
            Session::new(6).unwrap_or_else(|_| unreachable!()),
            "x",
            SourceId::from("s"),
        )
        .with_recommending(from.iter().map(|f| State::resolve(f).unwrap_or(State::PRK)));
        for (s, (y, m, d)) in status {
            r.push_response(ResponseEvent {
                stage: Stage::WorkingGroup,
                date: NaiveDate::from_ymd_opt(*y, *m, *d),
                precision: crate::DatePrecision::Day,
                status: *s,
                source: SourceId::from("s"),
            });
        }
        r
    }

    #[test]
    fn as_of_and_grouping() {
        use ResponseStatus::*;
        let recs = vec![
            rec(
                &[(Pending, (2009, 12, 9)), (Supported, (2014, 4, 30))],
                &["Canada"],
            ),
            rec(
                &[(RejectedAtWorkingGroup, (2009, 12, 9))],
                &["Canada", "Republic of Korea"],
            ),
            rec(
                &[
                    (Pending, (2009, 12, 9)),
                    (PartiallySupported, (2014, 4, 30)),
                ],
                &["Republic of Korea"],
            ),
        ];
        let t2010 = Query::new()
            .as_of(NaiveDate::from_ymd_opt(2010, 3, 18).unwrap())
            .tally(&recs);
        assert_eq!(t2010.total().count(Bucket::Pending), 2);
        assert_eq!(t2010.total().count(Bucket::Accepted), 0);
        let before = Query::new()
            .as_of(NaiveDate::from_ymd_opt(2009, 1, 1).unwrap())
            .tally(&recs);
        assert_eq!((before.total().total, before.not_yet_made), (0, 3));
        let by = Query::new()
            .group_by(Dimension::RecommendingState)
            .tally(&recs);
        assert_eq!(by.row(&["CAN"]).unwrap().total, 2);
        assert_eq!(by.row(&["KOR"]).unwrap().total, 2);
        assert_eq!(by.total().total, 3);
        assert_eq!(by.total().accepted, Ratio::new(2, 3));
        let dates = [
            NaiveDate::from_ymd_opt(2009, 12, 9).unwrap(),
            NaiveDate::from_ymd_opt(2014, 4, 30).unwrap(),
        ];
        let timeline = Query::new().timeline(&dates, &recs);
        let accepted: Vec<u64> = timeline
            .iter()
            .map(|t| t.total().count(Bucket::Accepted))
            .collect();
        assert_eq!(accepted, [0, 1]);
        assert_eq!(timeline[1].as_of, Some(dates[1]));
        let strict = Query::new()
            .partial(PartialCounts::AsNotAccepted)
            .tally(&recs);
        assert_eq!(strict.total().accepted, Ratio::new(1, 3));
        let filtered = Query::new()
            .recommending(State::resolve("Canada").unwrap())
            .status(Bucket::Accepted)
            .tally(&recs);
        assert_eq!(filtered.total().total, 1);
    }
}
