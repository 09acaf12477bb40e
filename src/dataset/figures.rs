//! Figures that sources publish (counts, shares), each with its source; the places where
//! sources disagree; and each figure recomputed from the dataset ([`PublishedFigure::recompute`]).

use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::{
    Bucket, Convention, Cycle, Dataset, DatePrecision, Error, Query, Ratio, Result, SourceId, State,
};

vocabulary! {
    /// What a published figure counts.
    #[non_exhaustive]
    pub enum Quantity["quantity", key] {
        /// Recommendations received.
        Received => "received";
        /// Accepted / supported.
        Accepted => "accepted";
        /// Partially accepted.
        PartiallyAccepted => "partially_accepted";
        /// Noted.
        Noted => "noted";
        /// Rejected after examination.
        Rejected => "rejected";
        /// Rejected at the Working Group ("immediately rejected", "did not enjoy the support").
        RejectedAtWorkingGroup => "rejected_at_working_group";
        /// Not accepted, however the source words it ("effectively rejected", "failed to accept").
        NotAccepted => "not_accepted";
        /// Left for examination at the Working Group.
        ToBeExamined => "to_be_examined";
        /// No position yet.
        Pending => "pending";
        /// Recommending States (countries, delegations).
        RecommendingStates => "recommending_states";
        /// Share of recommendations not accepted.
        NotAcceptedShare => "not_accepted_share";
    }
}

/// A published value: an exact count, a lower bound ("over 20"), or a whole percentage.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FigureValue {
    /// An exact count, written `167`.
    Count(u32),
    /// A lower bound, written `20+`.
    AtLeast(u32),
    /// A percentage as published, written `49%`.
    Percent(u32),
}

impl FigureValue {
    /// The number, whatever its kind.
    pub fn number(self) -> u32 {
        match self {
            FigureValue::Count(n) | FigureValue::AtLeast(n) | FigureValue::Percent(n) => n,
        }
    }

    /// The exact count, if this is one.
    pub fn count(self) -> Option<u32> {
        match self {
            FigureValue::Count(n) => Some(n),
            _ => None,
        }
    }
}

impl fmt::Display for FigureValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FigureValue::Count(n) => write!(f, "{n}"),
            FigureValue::AtLeast(n) => write!(f, "{n}+"),
            FigureValue::Percent(n) => write!(f, "{n}%"),
        }
    }
}

impl FromStr for FigureValue {
    type Err = Error;
    fn from_str(s: &str) -> Result<FigureValue> {
        let t = s.trim();
        let bad = || {
            Error::invalid(
                "figure value",
                s,
                "expected a count (167), a lower bound (20+) or a percentage (49%)",
            )
        };
        if let Some(n) = t.strip_suffix('%') {
            return n.parse().map(FigureValue::Percent).map_err(|_| bad());
        }
        if let Some(n) = t.strip_suffix('+') {
            return n.parse().map(FigureValue::AtLeast).map_err(|_| bad());
        }
        t.parse().map(FigureValue::Count).map_err(|_| bad())
    }
}

/// A date known to the day, month or year (`2014-04-30`, `2014-04`, `2014`). Stored as the last
/// day of the period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ApproxDate {
    /// The last day of the period.
    pub date: NaiveDate,
    /// How exactly it is known.
    pub precision: DatePrecision,
}

impl fmt::Display for ApproxDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.precision {
            DatePrecision::Day => write!(f, "{}", self.date.format("%Y-%m-%d")),
            DatePrecision::Month => write!(f, "{}", self.date.format("%Y-%m")),
            DatePrecision::Year => write!(f, "{}", self.date.format("%Y")),
        }
    }
}

impl FromStr for ApproxDate {
    type Err = Error;
    fn from_str(s: &str) -> Result<ApproxDate> {
        let t = s.trim();
        let bad = || Error::invalid("date", s, "expected YYYY-MM-DD, YYYY-MM or YYYY");
        let parts: Vec<&str> = t.split('-').collect();
        let num = |x: &str| x.parse::<u32>().map_err(|_| bad());
        let (date, precision) = match parts.as_slice() {
            [y, m, d] => (
                NaiveDate::from_ymd_opt(num(y)? as i32, num(m)?, num(d)?).ok_or_else(bad)?,
                DatePrecision::Day,
            ),
            [y, m] => {
                let first = NaiveDate::from_ymd_opt(num(y)? as i32, num(m)?, 1).ok_or_else(bad)?;
                let next = first
                    .checked_add_months(chrono::Months::new(1))
                    .ok_or_else(bad)?;
                (next.pred_opt().ok_or_else(bad)?, DatePrecision::Month)
            }
            [y] => (
                NaiveDate::from_ymd_opt(num(y)? as i32, 12, 31).ok_or_else(bad)?,
                DatePrecision::Year,
            ),
            _ => return Err(bad()),
        };
        Ok(ApproxDate { date, precision })
    }
}

impl ApproxDate {
    /// The year.
    pub fn year(self) -> i32 {
        self.date.year()
    }
}

/// A figure a source publishes, with the quote that states it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublishedFigure {
    /// A stable key, e.g. `c2-accepted-003`.
    pub id: String,
    /// The State under review.
    pub state: State,
    /// The cycle (the first, for a figure over several cycles).
    pub cycle: Cycle,
    /// The last cycle, for a figure over several ("320 recommendations accepted throughout the
    /// three cycles": cycles 1 through 3); written `1-3` in `figures.tsv`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub through: Option<Cycle>,
    /// What is counted.
    pub quantity: Quantity,
    /// The value.
    pub value: FigureValue,
    /// A theme the count is restricted to, if any (e.g. `torture in detention`).
    pub topic: Option<String>,
    /// The date the figure describes.
    pub as_of: ApproxDate,
    /// Who publishes it.
    pub source: SourceId,
    /// The sentence that states it (verbatim, whitespace-normalised), where the source text is held.
    pub quote: Option<String>,
    /// A note on how to read it.
    pub note: Option<String>,
}

/// Sources that disagree on the same quantity.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Disagreement {
    /// The State under review.
    pub state: State,
    /// The cycle (the first, for a figure over several cycles).
    pub cycle: Cycle,
    /// The last cycle, for a figure over several.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub through: Option<Cycle>,
    /// The quantity.
    pub quantity: Quantity,
    /// The topic, if the quantity is restricted to one.
    pub topic: Option<String>,
    /// Each distinct value with the figures (ids and sources) that give it.
    pub values: Vec<DisagreeingValue>,
}

/// One side of a disagreement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DisagreeingValue {
    /// The value.
    pub value: FigureValue,
    /// The figures giving it.
    pub figures: Vec<String>,
    /// Their sources.
    pub sources: Vec<SourceId>,
    /// Their dates.
    pub as_of: Vec<ApproxDate>,
}

/// Finds every (State, cycle, quantity, topic) for which figures give more than one value.
///
/// A figure over several cycles ([`PublishedFigure::through`]) is set against what each source's
/// per-cycle figures of the same quantity add up to, where a source gives one for every cycle
/// of the span (its first figure for each cycle, in file order): such a sum is a value whose
/// `figures` read `c1-accepted-000+c2-accepted-000+c3-accepted-000`.
pub fn disagreements(figures: &[PublishedFigure]) -> Vec<Disagreement> {
    type Key = (State, Cycle, Option<Cycle>, Quantity, Option<String>);
    let mut groups: BTreeMap<Key, BTreeMap<FigureValue, Vec<DisagreeingValue>>> = BTreeMap::new();
    let one = |f: &PublishedFigure| DisagreeingValue {
        value: f.value,
        figures: vec![f.id.clone()],
        sources: vec![f.source.clone()],
        as_of: vec![f.as_of],
    };
    for f in figures {
        let key = (f.state, f.cycle, f.through, f.quantity, f.topic.clone());
        let group = groups.entry(key).or_default();
        group.entry(f.value).or_default().push(one(f));
        if f.through.is_some() {
            for sum in sums(figures, f) {
                group.entry(sum.value).or_default().push(sum);
            }
        }
    }
    groups
        .into_iter()
        .filter(|(_, v)| v.len() > 1)
        .map(
            |((state, cycle, through, quantity, topic), values)| Disagreement {
                state,
                cycle,
                through,
                quantity,
                topic,
                values: values
                    .into_iter()
                    .map(|(value, vs)| DisagreeingValue {
                        value,
                        figures: dedup(vs.iter().flat_map(|v| v.figures.iter().cloned())),
                        sources: dedup(vs.iter().flat_map(|v| v.sources.iter().cloned())),
                        as_of: dedup(vs.iter().flat_map(|v| v.as_of.iter().copied())),
                    })
                    .collect(),
            },
        )
        .collect()
}

/// For a figure over several cycles, each source's per-cycle counts of the same quantity added
/// up over the span (sources that give a count for every cycle of it only).
fn sums(figures: &[PublishedFigure], span: &PublishedFigure) -> Vec<DisagreeingValue> {
    let Some(last) = span.through else {
        return Vec::new();
    };
    let cycles: Vec<Cycle> = (span.cycle.number()..=last.number())
        .filter_map(|n| Cycle::new(n).ok())
        .collect();
    let sources = dedup(figures.iter().map(|f| f.source.clone()));
    let mut out = Vec::new();
    for source in sources {
        let per_cycle: Option<Vec<&PublishedFigure>> = cycles
            .iter()
            .map(|c| {
                figures.iter().find(|f| {
                    f.source == source
                        && f.state == span.state
                        && f.cycle == *c
                        && f.through.is_none()
                        && f.quantity == span.quantity
                        && f.topic.is_none()
                        && f.value.count().is_some()
                })
            })
            .collect();
        let Some(parts) = per_cycle else { continue };
        let total: u32 = parts.iter().filter_map(|f| f.value.count()).sum();
        out.push(DisagreeingValue {
            value: FigureValue::Count(total),
            figures: vec![
                parts
                    .iter()
                    .map(|f| f.id.as_str())
                    .collect::<Vec<_>>()
                    .join("+"),
            ],
            sources: vec![source],
            as_of: dedup(parts.iter().map(|f| f.as_of)),
        });
    }
    out
}

fn dedup<T: PartialEq>(it: impl Iterator<Item = T>) -> Vec<T> {
    let mut out = Vec::new();
    for x in it {
        if !out.contains(&x) {
            out.push(x);
        }
    }
    out
}

/// The source id of UPR Info's 2014 summary of the DPRK's first review, whose figures follow
/// [`Convention::UprInfoSummary2014`].
const UPR_INFO_SUMMARY_2014: &str = "upr-info-2014";

impl PublishedFigure {
    /// A count a document states for one review, keyed `{alpha3}-c{cycle}-{quantity}-{source}`
    /// (no topic, quote or note yet).
    pub fn count(
        state: State,
        cycle: Cycle,
        quantity: Quantity,
        value: u32,
        as_of: ApproxDate,
        source: SourceId,
    ) -> PublishedFigure {
        PublishedFigure {
            id: format!("{}-c{}-{}-{}", state.alpha3(), cycle, quantity, source),
            state,
            cycle,
            through: None,
            quantity,
            value: FigureValue::Count(value),
            topic: None,
            as_of,
            source,
            quote: None,
            note: None,
        }
    }

    /// The counting convention the figure follows: [`Convention::UprInfoSummary2014`] for UPR
    /// Info's 2014 summary (source `upr-info-2014`), the five-way count of the seeds
    /// ([`Convention::FiveWay`]) for every other source.
    pub fn convention(&self) -> Convention {
        if self.source.as_str() == UPR_INFO_SUMMARY_2014 {
            Convention::UprInfoSummary2014
        } else {
            Convention::FiveWay
        }
    }

    /// The figure recomputed from `data`, or why it cannot be.
    ///
    /// - An exact count of a cycle with recommendation-level data is counted from the
    ///   recommendations under the figure's [`convention`](PublishedFigure::convention), as of
    ///   its date ([`Recomputed::Count`]). Where the cycle's final positions come from the UPR
    ///   Info export, which lists one row per part of a recommendation it split, the row count
    ///   is given too, and partially accepted, noted and rejected cannot be told apart (UPR Info
    ///   folds them into noted).
    /// - A share not accepted is recomputed from the counts (received, accepted, partially
    ///   accepted) a source publishes for the same cycle ([`Recomputed::Share`]).
    /// - Anything else is [`Recomputed::NotCheckable`], with the reason.
    ///
    /// ```
    /// use upr::Dataset;
    /// use upr::dataset::{Recomputed, Verdict};
    ///
    /// let data = Dataset::dprk();
    /// let accepted = data.figures.iter().find(|f| f.id == "c1-accepted-000").unwrap();
    /// let Recomputed::Count(check) = accepted.recompute(data) else { panic!() };
    /// assert_eq!((check.published, check.computed, check.verdict), (81, 81, Verdict::Agrees));
    /// ```
    pub fn recompute(&self, data: &Dataset) -> Recomputed {
        if self.topic.is_some() {
            return Recomputed::NotCheckable(NotCheckable::Topic);
        }
        if self.through.is_some() {
            return Recomputed::NotCheckable(NotCheckable::Span);
        }
        if self.quantity == Quantity::NotAcceptedShare {
            return match self.value {
                FigureValue::Percent(p) => self.recompute_share(data, p),
                _ => Recomputed::NotCheckable(NotCheckable::Value),
            };
        }
        let Some(published) = self.value.count().map(u64::from) else {
            return Recomputed::NotCheckable(NotCheckable::Value);
        };
        // The bucket the quantity counts; `None` for the whole count (received).
        let bucket = match self.quantity {
            Quantity::Received => None,
            Quantity::Accepted => Some(Bucket::Accepted),
            Quantity::PartiallyAccepted => Some(Bucket::PartiallyAccepted),
            Quantity::Noted => Some(Bucket::Noted),
            Quantity::Rejected => Some(Bucket::Rejected),
            Quantity::RejectedAtWorkingGroup => Some(Bucket::ImmediatelyRejected),
            Quantity::Pending | Quantity::ToBeExamined => Some(Bucket::Pending),
            _ => return Recomputed::NotCheckable(NotCheckable::Uncounted),
        };
        if !data.recommendations.iter().any(|r| r.cycle() == self.cycle) {
            return Recomputed::NotCheckable(NotCheckable::NoRecommendations);
        }
        if data.is_partial(self.state, self.cycle) {
            return Recomputed::NotCheckable(NotCheckable::PartialList);
        }
        let convention = self.convention();
        let t = Query::new()
            .cycle(self.cycle)
            .convention(convention)
            .as_of(self.as_of.date)
            .tally(&data.recommendations);
        let computed = bucket.map_or(t.total().total, |b| t.total().count(b));
        let rows = data
            .upr_info_row_counts(self.cycle)
            .and_then(|rows| match self.quantity {
                Quantity::Received => Some(rows.rows),
                Quantity::Accepted => Some(rows.accepted),
                Quantity::RejectedAtWorkingGroup => Some(rows.rejected_at_working_group),
                _ => None,
            });
        let folded = matches!(
            self.quantity,
            Quantity::PartiallyAccepted | Quantity::Noted | Quantity::Rejected
        ) && data.positions_from_upr_info(self.cycle);
        let verdict = if computed == published {
            Verdict::Agrees
        } else if rows == Some(published) {
            Verdict::AgreesWithRows
        } else if folded {
            Verdict::Folded
        } else {
            Verdict::Differs
        };
        Recomputed::Count(CountCheck {
            convention,
            published,
            computed,
            rows,
            verdict,
        })
    }

    fn recompute_share(&self, data: &Dataset, published_percent: u32) -> Recomputed {
        // The first source that publishes all three counts for the cycle.
        let count = |source: &SourceId, q: Quantity| {
            data.figures
                .iter()
                .find(|f| {
                    f.cycle == self.cycle
                        && f.quantity == q
                        && f.topic.is_none()
                        && &f.source == source
                })
                .and_then(|f| f.value.count())
                .map(u64::from)
        };
        let counts = data.figures.iter().find_map(|f| {
            (f.cycle == self.cycle && f.topic.is_none()).then_some(())?;
            let received = count(&f.source, Quantity::Received)?;
            let accepted = count(&f.source, Quantity::Accepted)?;
            let partial = count(&f.source, Quantity::PartiallyAccepted)?;
            Some((f.source.clone(), received, accepted, partial))
        });
        let Some((counts_source, received, accepted, partial)) = counts else {
            return Recomputed::NotCheckable(NotCheckable::NoPublishedCounts);
        };
        let partial_as_accepted = Ratio::new(accepted + partial, received).complement();
        let partial_as_not_accepted = Ratio::new(accepted, received).complement();
        let matches = partial_as_accepted.percent(0) == Some(published_percent.to_string());
        Recomputed::Share(ShareCheck {
            counts_source,
            partial_as_accepted,
            partial_as_not_accepted,
            matches,
        })
    }
}

/// A published figure recomputed from the dataset: see [`PublishedFigure::recompute`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Recomputed {
    /// A count, recomputed from the recommendations.
    Count(CountCheck),
    /// A share not accepted, recomputed from a source's published counts.
    Share(ShareCheck),
    /// The figure cannot be recomputed from the dataset.
    NotCheckable(NotCheckable),
}

impl Recomputed {
    /// Whether the published figure is reproduced: `None` when the data cannot tell (not
    /// checkable, or a bucket the cycle's source folds into another).
    pub fn matches(&self) -> Option<bool> {
        match self {
            Recomputed::Count(c) => c.matches(),
            Recomputed::Share(s) => Some(s.matches),
            Recomputed::NotCheckable(_) => None,
        }
    }
}

/// A published count against the same count made from the recommendations.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct CountCheck {
    /// The convention counted under (the figure's).
    pub convention: Convention,
    /// The published count.
    pub published: u64,
    /// The count over the recommendations (one per paragraph of the report), as of the
    /// figure's date.
    pub computed: u64,
    /// The count over the UPR Info export rows that give the cycle's final positions (one per
    /// part of a recommendation UPR Info split), where they give them and count this quantity.
    pub rows: Option<u64>,
    /// How the two compare.
    pub verdict: Verdict,
}

impl CountCheck {
    /// Whether the published count is reproduced (by the recommendations or by the rows);
    /// `None` for [`Verdict::Folded`].
    pub fn matches(&self) -> Option<bool> {
        match self.verdict {
            Verdict::Agrees | Verdict::AgreesWithRows => Some(true),
            Verdict::Differs => Some(false),
            Verdict::Folded => None,
        }
    }
}

/// How a published count compares with the recomputed one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// The recommendations give the published count.
    Agrees,
    /// The UPR Info rows give it, the recommendations do not: the source counted rows (one
    /// per part of a recommendation UPR Info split).
    AgreesWithRows,
    /// Not checkable: the cycle's final positions come from UPR Info, which folds partially
    /// accepted, noted and rejected into noted; `computed` is the paragraph-level count.
    Folded,
    /// Neither gives it.
    Differs,
}

/// A published share not accepted against the counts published for the same cycle.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ShareCheck {
    /// The source of the received, accepted and partially accepted counts.
    pub counts_source: SourceId,
    /// Not accepted with partially accepted counted as accepted: 1 - (accepted + partially
    /// accepted) / received.
    pub partial_as_accepted: Ratio,
    /// Not accepted with partially accepted counted as not accepted: 1 - accepted / received.
    pub partial_as_not_accepted: Ratio,
    /// Whether the published percentage is `partial_as_accepted` rounded half up to a whole
    /// percent (the seeds' convention).
    pub matches: bool,
}

/// Why a published figure cannot be recomputed from the dataset.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum NotCheckable {
    /// It is restricted to a topic, which the recommendations are not classified by.
    Topic,
    /// Its value is not of the kind the quantity is recomputed as (a lower bound, or a count
    /// where a percentage is expected and the other way round).
    Value,
    /// Its quantity is not a bucket of the recommendations' counts (recommending States, not
    /// accepted).
    Uncounted,
    /// The dataset has no recommendation-level data for its cycle.
    NoRecommendations,
    /// No source publishes received, accepted and partially accepted for its cycle.
    NoPublishedCounts,
    /// It counts over several cycles: the disagreements set it against each source's per-cycle
    /// figures added up.
    Span,
    /// The dataset holds only a partial list of the cycle's recommendations (a seed's "major"
    /// ones), never counted as the cycle's total.
    PartialList,
}

impl fmt::Display for NotCheckable {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            NotCheckable::Topic => "restricted to a topic",
            NotCheckable::Value => "not a value of the kind the quantity needs",
            NotCheckable::Uncounted => "not a bucket of the recommendations' counts",
            NotCheckable::NoRecommendations => "no recommendation-level data for the cycle",
            NotCheckable::NoPublishedCounts => {
                "no published received, accepted and partially accepted for the cycle"
            }
            NotCheckable::Span => "over several cycles (see the disagreements for the sums)",
            NotCheckable::PartialList => "the dataset holds a partial list of the cycle only",
        })
    }
}

serde_via_display!(FigureValue);
serde_via_display!(ApproxDate);
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_and_dates_round_trip() {
        for v in ["167", "20+", "49%"] {
            assert_eq!(v.parse::<FigureValue>().unwrap().to_string(), v);
        }
        for d in ["2014-04-30", "2014-04", "2014"] {
            assert_eq!(d.parse::<ApproxDate>().unwrap().to_string(), d);
        }
        assert_eq!(
            "2014-02".parse::<ApproxDate>().unwrap().date,
            NaiveDate::from_ymd_opt(2014, 2, 28).unwrap()
        );
        assert_eq!(
            "x".parse::<FigureValue>().unwrap_err().to_string(),
            r#"invalid figure value "x": expected a count (167), a lower bound (20+) or a percentage (49%)"#
        );
    }

    fn figure(id: &str) -> &'static PublishedFigure {
        let data = Dataset::dprk();
        data.figures.iter().find(|f| f.id == id).unwrap()
    }

    fn count(id: &str) -> CountCheck {
        match figure(id).recompute(Dataset::dprk()) {
            Recomputed::Count(c) => c,
            other => panic!("{id}: {other:?}"),
        }
    }

    #[test]
    fn counts_are_recomputed_under_the_figures_convention() {
        let c = count("c1-accepted-000");
        assert_eq!(
            (c.convention, c.published, c.computed, c.rows, c.verdict),
            (Convention::FiveWay, 81, 81, None, Verdict::Agrees)
        );
        assert_eq!(c.matches(), Some(true));
        // UPR Info's 2014 summary counts partially accepted as accepted: 87.
        let c = count("c1-accepted-upri2014");
        assert_eq!(
            figure("c1-accepted-upri2014").convention(),
            Convention::UprInfoSummary2014
        );
        assert_eq!(
            (c.convention, c.computed),
            (Convention::UprInfoSummary2014, 87)
        );
        // As of the Working Group, 117 were left for examination.
        assert_eq!(count("c1-examined-000").computed, 117);
    }

    #[test]
    fn second_review_counts_rows_and_cannot_tell_folded_buckets() {
        let c = count("c2-received-000");
        assert_eq!((c.published, c.computed, c.rows), (269, 268, Some(269)));
        assert_eq!(c.verdict, Verdict::AgreesWithRows);
        assert_eq!(count("c2-accepted-003").verdict, Verdict::Agrees);
        let noted = count("c2-noted-000");
        assert_eq!(
            (noted.computed, noted.rows, noted.verdict),
            (71, None, Verdict::Folded)
        );
        assert_eq!(noted.matches(), None);
        assert_eq!(count("c2-rawg-000").verdict, Verdict::Agrees);
    }

    #[test]
    fn a_wrong_count_differs() {
        let mut f = figure("c1-accepted-000").clone();
        f.value = FigureValue::Count(80);
        let r = f.recompute(Dataset::dprk());
        assert_eq!(r.matches(), Some(false));
        assert!(matches!(
            r,
            Recomputed::Count(CountCheck {
                computed: 81,
                verdict: Verdict::Differs,
                ..
            })
        ));
    }

    #[test]
    fn a_share_is_recomputed_from_the_published_counts() {
        let Recomputed::Share(s) = figure("c4-share-002").recompute(Dataset::dprk()) else {
            panic!()
        };
        assert_eq!(s.counts_source.as_str(), "joongang-yonhap-2025");
        assert_eq!(s.partial_as_accepted, Ratio::new(144, 294));
        assert_eq!(s.partial_as_not_accepted, Ratio::new(151, 294));
        assert!(s.matches);
        let mut wrong = figure("c4-share-002").clone();
        wrong.value = FigureValue::Percent(51);
        assert_eq!(wrong.recompute(Dataset::dprk()).matches(), Some(false));
    }

    #[test]
    fn a_figure_over_three_cycles_meets_the_sums_of_the_per_cycle_figures() {
        let d = Dataset::dprk()
            .disagreements()
            .into_iter()
            .find(|d| d.through == Some(Cycle::THIRD))
            .unwrap();
        let values: Vec<(String, Vec<String>)> = d
            .values
            .iter()
            .map(|v| (v.value.to_string(), v.figures.clone()))
            .collect();
        assert_eq!(
            values,
            [
                ("320".to_owned(), vec!["c1-3-accepted-000".to_owned()]),
                (
                    "327".to_owned(),
                    vec!["c1-accepted-000+c2-accepted-000+c3-accepted-000".to_owned()]
                ),
            ]
        );
    }

    #[test]
    fn what_cannot_be_checked_says_why() {
        let data = Dataset::dprk();
        let why = |id: &str| match figure(id).recompute(data) {
            Recomputed::NotCheckable(n) => n,
            other => panic!("{id}: {other:?}"),
        };
        assert_eq!(why("c4-torture-004"), NotCheckable::Topic);
        assert_eq!(why("c3-recommenders-000"), NotCheckable::Uncounted);
        assert_eq!(why("c4-notaccepted-004"), NotCheckable::Uncounted);
        assert_eq!(why("c4-received-004"), NotCheckable::NoRecommendations);
        assert_eq!(why("c3-received-000"), NotCheckable::PartialList);
        assert_eq!(why("c1-3-accepted-000"), NotCheckable::Span);
        let mut share_as_count = figure("c4-share-002").clone();
        share_as_count.value = FigureValue::Count(49);
        assert_eq!(
            share_as_count.recompute(data),
            Recomputed::NotCheckable(NotCheckable::Value)
        );
        let mut bound = figure("c1-accepted-000").clone();
        bound.value = FigureValue::AtLeast(80);
        assert_eq!(
            bound.recompute(data),
            Recomputed::NotCheckable(NotCheckable::Value)
        );
        let alone = Dataset {
            figures: vec![figure("c4-share-002").clone()],
            ..data.clone()
        };
        assert_eq!(
            alone.figures[0].recompute(&alone),
            Recomputed::NotCheckable(NotCheckable::NoPublishedCounts)
        );
        assert_eq!(
            NotCheckable::NoRecommendations.to_string(),
            "no recommendation-level data for the cycle"
        );
    }
}
