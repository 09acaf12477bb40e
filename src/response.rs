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
///
/// # Undated events
/// Some sources record a position without saying when it was made public: UPR Info's export
/// (its `Response` column), OHCHR's Universal Human Rights Index and matrices read without a
/// position date. Such a position is still a position: its event has `date: None`. It counts
/// wherever the latest response counts ([`ResponseHistory::latest`], a [`Query`](crate::Query)
/// without `as_of`), and never in a tally as of a date, since nobody knows whether it had been
/// made by then ([`ResponseHistory::as_of`] passes over it; the tally counts such
/// recommendations as `undated`). `precision` says how exactly a *known* date is known; an
/// undated event has precision `day` (the default), and upr/1 JSON and CSV reject an undated
/// event with another precision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ResponseEvent {
    /// Where in the process.
    pub stage: Stage,
    /// When the position became public (see `precision`); `None` when the source does not say.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<NaiveDate>,
    /// How exactly `date` is known.
    #[serde(default, skip_serializing_if = "is_day")]
    pub precision: DatePrecision,
    /// The position.
    pub status: ResponseStatus,
    /// The source that records it.
    pub source: SourceId,
}

impl ResponseEvent {
    /// An event whose date is known to the day.
    pub fn on(stage: Stage, date: NaiveDate, status: ResponseStatus, source: SourceId) -> Self {
        ResponseEvent {
            stage,
            date: Some(date),
            precision: DatePrecision::Day,
            status,
            source,
        }
    }

    /// An event whose source gives no date (see [undated events](ResponseEvent#undated-events)).
    pub fn undated(stage: Stage, status: ResponseStatus, source: SourceId) -> Self {
        ResponseEvent {
            stage,
            date: None,
            precision: DatePrecision::Day,
            status,
            source,
        }
    }

    /// Whether the source gives the event's date.
    pub fn is_dated(&self) -> bool {
        self.date.is_some()
    }

    /// Where this event goes among others: dated events in date order (process order on the
    /// same day); an undated event after every event of its stage or an earlier one, before the
    /// events of later stages.
    pub(crate) fn goes_after(&self, other: &ResponseEvent) -> bool {
        match (self.date, other.date) {
            (Some(a), Some(b)) => (a, self.stage) >= (b, other.stage),
            _ => self.stage >= other.stage,
        }
    }
}

impl<'de> Deserialize<'de> for ResponseEvent {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        // The derived shape of before (unknown fields are passed over, as they were), checked.
        #[derive(Deserialize)]
        struct Raw {
            stage: Stage,
            #[serde(default)]
            date: Option<NaiveDate>,
            #[serde(default)]
            precision: Option<DatePrecision>,
            status: ResponseStatus,
            source: SourceId,
        }
        let r = Raw::deserialize(d)?;
        if r.date.is_none() {
            if let Some(p) = r.precision.filter(|p| *p != DatePrecision::Day) {
                return Err(serde::de::Error::custom(format!(
                    "a response event without a date cannot have date precision {p}"
                )));
            }
        }
        Ok(ResponseEvent {
            stage: r.stage,
            date: r.date,
            precision: r.precision.unwrap_or_default(),
            status: r.status,
            source: r.source,
        })
    }
}

fn is_day(p: &DatePrecision) -> bool {
    *p == DatePrecision::Day
}

/// A recommendation's responses, kept in date order (also when deserialised from any order);
/// undated events sit by stage (see [`ResponseEvent`]).
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

    /// Adds an event, keeping date order (events on the same day stay in process order; an
    /// undated event goes after the events of its stage and earlier ones).
    pub fn push(&mut self, event: ResponseEvent) {
        let at = self
            .0
            .iter()
            .rposition(|e| event.goes_after(e))
            .map_or(0, |i| i + 1);
        self.0.insert(at, event);
    }

    /// All events, oldest first.
    pub fn events(&self) -> &[ResponseEvent] {
        &self.0
    }

    /// The latest event (dated or not).
    pub fn latest(&self) -> Option<&ResponseEvent> {
        self.0.last()
    }

    /// The event in force on a date: the latest dated one on or before it. Undated events are
    /// never in force on a date.
    pub fn as_of(&self, date: NaiveDate) -> Option<&ResponseEvent> {
        self.0
            .iter()
            .rev()
            .find(|e| e.date.is_some_and(|d| d <= date))
    }

    /// The status in force on a date, if any dated event had happened by then.
    pub fn status_as_of(&self, date: NaiveDate) -> Option<ResponseStatus> {
        self.as_of(date).map(|e| e.status)
    }

    /// Whether no event is recorded.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Whether every event recorded is undated (and there is at least one).
    pub fn is_undated(&self) -> bool {
        !self.0.is_empty() && !self.0.iter().any(ResponseEvent::is_dated)
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
                date: Some(d(2014, 1, 1)),
                precision: DatePrecision::Month,
                status: ResponseStatus::Supported,
                source: src.clone(),
            },
            ResponseEvent {
                stage: Stage::WorkingGroup,
                date: Some(d(2009, 12, 9)),
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

    #[test]
    fn undated_events_count_as_latest_never_as_of() {
        let src = SourceId::from("x");
        let wg = ResponseEvent::on(
            Stage::WorkingGroup,
            d(2009, 12, 9),
            ResponseStatus::Pending,
            src.clone(),
        );
        let adoption = ResponseEvent::undated(Stage::Adoption, ResponseStatus::Noted, src.clone());
        let later = ResponseEvent::on(
            Stage::LaterStatement,
            d(2014, 2, 1),
            ResponseStatus::Supported,
            src.clone(),
        );
        // In any order of arrival, the undated adoption sits after the Working Group and
        // before the later statement.
        for order in [
            [&wg, &adoption, &later],
            [&later, &adoption, &wg],
            [&adoption, &later, &wg],
        ] {
            let h: ResponseHistory = order.into_iter().cloned().collect();
            assert_eq!(h.events(), [wg.clone(), adoption.clone(), later.clone()]);
        }
        let h: ResponseHistory = [wg.clone(), adoption.clone()].into_iter().collect();
        assert_eq!(h.latest(), Some(&adoption));
        assert_eq!(h.status_as_of(d(2030, 1, 1)), Some(ResponseStatus::Pending));
        assert!(!h.is_undated());
        let only: ResponseHistory = [adoption.clone()].into_iter().collect();
        assert!(only.is_undated());
        assert_eq!(only.as_of(d(2030, 1, 1)), None);
        // JSON: no date written; reading it back gives the same event.
        let json = serde_json::to_string(&adoption).unwrap();
        assert_eq!(
            json,
            r#"{"stage":"adoption","status":"noted","source":"x"}"#
        );
        assert_eq!(
            serde_json::from_str::<ResponseEvent>(&json).unwrap(),
            adoption
        );
        let bad = r#"{"stage":"adoption","precision":"year","status":"noted","source":"x"}"#;
        let err = serde_json::from_str::<ResponseEvent>(bad)
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("without a date cannot have date precision year"),
            "{err}"
        );
    }
}
