//! Figures that sources publish (counts, shares), each with its source, and the places where
//! sources disagree.

use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::{Cycle, DatePrecision, Error, Result, SourceId, State};

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
    /// The cycle.
    pub cycle: Cycle,
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
    /// The cycle.
    pub cycle: Cycle,
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
pub fn disagreements(figures: &[PublishedFigure]) -> Vec<Disagreement> {
    type Key = (State, Cycle, Quantity, Option<String>);
    let mut groups: BTreeMap<Key, BTreeMap<FigureValue, Vec<&PublishedFigure>>> = BTreeMap::new();
    for f in figures {
        groups
            .entry((f.state, f.cycle, f.quantity, f.topic.clone()))
            .or_default()
            .entry(f.value)
            .or_default()
            .push(f);
    }
    groups
        .into_iter()
        .filter(|(_, v)| v.len() > 1)
        .map(|((state, cycle, quantity, topic), values)| Disagreement {
            state,
            cycle,
            quantity,
            topic,
            values: values
                .into_iter()
                .map(|(value, fs)| DisagreeingValue {
                    value,
                    figures: fs.iter().map(|f| f.id.clone()).collect(),
                    sources: dedup(fs.iter().map(|f| f.source.clone())),
                    as_of: dedup(fs.iter().map(|f| f.as_of)),
                })
                .collect(),
        })
        .collect()
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
}
