//! Responses of the State under review, as a dated history of events.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::SourceId;

vocabulary! {
    /// What the State under review said of a recommendation, at one point in time.
    ///
    /// `Display` gives the snake_case key (`partially_supported`); `FromStr` also accepts the
    /// spellings sources use (`Accepted`, `Supported/Noted`, `immediately rejected`, ...).
    #[non_exhaustive]
    pub enum ResponseStatus["response status", key, data = &'static str] {
        /// Supported / accepted.
        Supported => "supported" | "accepted" | "support" | "accept", "supported";
        /// Supported in part (OHCHR: `Supported/Noted`; the seeds: "partially accepted").
        PartiallySupported => "partially_supported" | "partially supported"
            | "partially accepted" | "partially_accepted" | "Supported/Noted" | "partial",
            "partially supported";
        /// Noted (neither supported nor rejected outright).
        Noted => "noted" | "note" | "take note", "noted";
        /// Rejected after consideration (e.g. in an addendum or later statement).
        Rejected => "rejected" | "reject" | "not supported" | "not_supported", "rejected";
        /// Rejected at the Working Group: "did not enjoy the support of" (the seeds: "immediately
        /// rejected").
        RejectedAtWorkingGroup => "rejected_at_working_group" | "rejected at the working group"
            | "immediately rejected" | "immediately_rejected" | "did not enjoy the support",
            "rejected at the Working Group";
        /// No position yet: "will be examined ... and responses provided in due time".
        Pending => "pending" | "to be examined" | "to_be_examined" | "consider", "pending";
    }
}

impl ResponseStatus {
    /// A label for people: `partially supported`, `rejected at the Working Group`.
    pub const fn label(self) -> &'static str {
        self.data()
    }

    /// Whether this is a final position (anything but pending).
    pub fn is_final(self) -> bool {
        self != ResponseStatus::Pending
    }
}

vocabulary! {
    /// The status a recommendation has in the Working Group report, by the heading it sits under.
    #[non_exhaustive]
    pub enum WorkingGroupStatus["working group status", key, data = ResponseStatus] {
        /// "enjoy the support of" / "have been examined by X and enjoy the support of X".
        Supported => "supported", ResponseStatus::Supported;
        /// "will be examined by X, which will provide responses in due time".
        ToBeExamined => "to_be_examined", ResponseStatus::Pending;
        /// "did not enjoy the support of" / "were rejected".
        NotSupported => "not_supported", ResponseStatus::RejectedAtWorkingGroup;
        /// "have been noted by".
        Noted => "noted", ResponseStatus::Noted;
    }
}

impl WorkingGroupStatus {
    /// The response status this heading amounts to, as of the Working Group.
    pub const fn response(self) -> ResponseStatus {
        self.data()
    }
}

vocabulary! {
    /// Where in the process a response was given.
    pub enum Stage["stage", key] {
        /// In the Working Group report, days after the interactive dialogue.
        WorkingGroup => "working_group";
        /// In the State's addendum to the report (`.../Add.1`).
        Addendum => "addendum";
        /// At the Council's plenary adoption of the outcome.
        Adoption => "adoption";
        /// In a later statement (e.g. the DPRK's 2014 position paper on its first review).
        LaterStatement => "later_statement";
    }
}

vocabulary! {
    /// How exactly an event's date is known.
    ///
    /// A date known only to the month or year is stored as the *last* day of that period, so that
    /// a tally "as of" any later day certainly includes it.
    #[derive(Default)]
    pub enum DatePrecision["date precision", key] {
        /// The day is known.
        #[default]
        Day => "day";
        /// Only the month is known.
        Month => "month";
        /// Only the year is known.
        Year => "year";
    }
}

/// One response event: at which stage, on which date, what status, and who says so.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResponseEvent {
    /// Where in the process.
    pub stage: Stage,
    /// When the position became public (see `precision`).
    pub date: NaiveDate,
    /// How exactly `date` is known.
    #[serde(default, skip_serializing_if = "is_day")]
    pub precision: DatePrecision,
    /// The position.
    pub status: ResponseStatus,
    /// The source that records it.
    pub source: SourceId,
}

fn is_day(p: &DatePrecision) -> bool {
    *p == DatePrecision::Day
}

/// A recommendation's responses, kept in date order (also when deserialised from any order).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct ResponseHistory(Vec<ResponseEvent>);

impl<'de> Deserialize<'de> for ResponseHistory {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        Ok(Vec::<ResponseEvent>::deserialize(d)?.into_iter().collect())
    }
}

impl ResponseHistory {
    /// An empty history (no response known).
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds an event, keeping date order (events on the same day stay in process order).
    pub fn push(&mut self, event: ResponseEvent) {
        let at = self
            .0
            .partition_point(|e| (e.date, e.stage) <= (event.date, event.stage));
        self.0.insert(at, event);
    }

    /// All events, oldest first.
    pub fn events(&self) -> &[ResponseEvent] {
        &self.0
    }

    /// The latest event.
    pub fn latest(&self) -> Option<&ResponseEvent> {
        self.0.last()
    }

    /// The event in force on a date: the latest one on or before it.
    pub fn as_of(&self, date: NaiveDate) -> Option<&ResponseEvent> {
        self.0.iter().rev().find(|e| e.date <= date)
    }

    /// The status in force on a date, if any event had happened by then.
    pub fn status_as_of(&self, date: NaiveDate) -> Option<ResponseStatus> {
        self.as_of(date).map(|e| e.status)
    }

    /// Whether no event is recorded.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl FromIterator<ResponseEvent> for ResponseHistory {
    fn from_iter<I: IntoIterator<Item = ResponseEvent>>(iter: I) -> Self {
        let mut h = ResponseHistory::new();
        for e in iter {
            h.push(e);
        }
        h
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use strum::VariantArray;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn statuses_round_trip_and_accept_source_spellings() {
        let keys: Vec<&str> = ResponseStatus::VARIANTS.iter().map(|s| s.key()).collect();
        assert_eq!(
            keys,
            [
                "supported",
                "partially_supported",
                "noted",
                "rejected",
                "rejected_at_working_group",
                "pending"
            ]
        );
        for s in ResponseStatus::VARIANTS {
            assert_eq!(ResponseStatus::parse(&s.to_string()).unwrap(), *s);
            assert_eq!(ResponseStatus::parse(s.label()).unwrap(), *s);
            let json = serde_json::to_string(s).unwrap();
            assert_eq!(serde_json::from_str::<ResponseStatus>(&json).unwrap(), *s);
        }
        assert_eq!(
            ResponseStatus::parse("Accepted").unwrap(),
            ResponseStatus::Supported
        );
        assert_eq!(
            ResponseStatus::parse("Supported/Noted").unwrap(),
            ResponseStatus::PartiallySupported
        );
        assert_eq!(
            ResponseStatus::parse("immediately rejected").unwrap(),
            ResponseStatus::RejectedAtWorkingGroup
        );
        assert_eq!(
            ResponseStatus::parse("maybe").unwrap_err().to_string(),
            r#"unknown response status "maybe" (expected supported, partially_supported, noted, rejected, rejected_at_working_group or pending)"#
        );
        for s in WorkingGroupStatus::VARIANTS {
            assert_eq!(WorkingGroupStatus::parse(&s.to_string()).unwrap(), *s);
        }
    }

    #[test]
    fn history_as_of() {
        let src = SourceId::from("x");
        let h: ResponseHistory = [
            ResponseEvent {
                stage: Stage::LaterStatement,
                date: d(2014, 1, 1),
                precision: DatePrecision::Month,
                status: ResponseStatus::Supported,
                source: src.clone(),
            },
            ResponseEvent {
                stage: Stage::WorkingGroup,
                date: d(2009, 12, 9),
                precision: DatePrecision::Day,
                status: ResponseStatus::Pending,
                source: src.clone(),
            },
        ]
        .into_iter()
        .collect();
        assert_eq!(h.status_as_of(d(2009, 12, 1)), None);
        assert_eq!(
            h.status_as_of(d(2010, 3, 18)),
            Some(ResponseStatus::Pending)
        );
        assert_eq!(
            h.status_as_of(d(2020, 1, 1)),
            Some(ResponseStatus::Supported)
        );
        assert_eq!(h.latest().unwrap().stage, Stage::LaterStatement);
        // Deserialising from any order restores date order.
        let mut events = h.events().to_vec();
        events.reverse();
        let json = serde_json::to_string(&events).unwrap();
        let back: ResponseHistory = serde_json::from_str(&json).unwrap();
        assert_eq!(back, h);
    }
}
