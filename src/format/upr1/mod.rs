//! Writers: recommendations, response events and tallies as CSV and JSON that other tools read,
//! with readers that give back what was written.
//!
//! # The `upr/1` schema
//!
//! Everything written here follows one versioned schema, [`SCHEMA`] (`upr/1`, version
//! [`SCHEMA_VERSION`]). A change that renames, removes or reinterprets a column or key bumps the
//! version; the readers refuse a version they do not know.
//!
//! ## Recommendations as CSV ([`csv::write_recommendations`])
//!
//! UTF-8, comma-separated, LF line ends, a header row, fields quoted only where needed (a comma,
//! a quote, a line break). One row per recommendation, the columns of [`RECOMMENDATION_COLUMNS`]
//! in this order:
//!
//! | column | content | example |
//! |---|---|---|
//! | `state_under_review` | ISO 3166-1 alpha-3 code | `PRK` |
//! | `state_under_review_name` | its UN short name; derived from the code (not read back) | `Democratic People's Republic of Korea` |
//! | `recommending` | alpha-3 codes of the recommending States, joined by `;` in the order given; empty when unknown | `CAN;KOR` |
//! | `recommending_names` | their UN short names, joined by `;`, in the same order; derived (not read back) | `Canada;Republic of Korea` |
//! | `recommending_groups` | their UN regional groups (UPR Info codes `Africa`, `Asia`, `EEG`, `GRULAC`, `WEOG`; `Observer` for the Holy See), joined by `;`, in the same order; derived (not read back) | `WEOG;Asia` |
//! | `cycle` | UPR cycle, derived from the session (checked on reading) | `1` |
//! | `session` | Working Group session number | `6` |
//! | `paragraph` | paragraph reference in the report: [`PARAGRAPH_MARK`] `¶` and the [`ParagraphRef`] spelling, or empty (the mark keeps type-guessing readers from taking `124.10` for the number `124.1`; read with or without it, so files written before it still read) | `¶125.54`, `¶90(12)`, `¶90` |
//! | `document` | UN document symbol of the report, or empty | `A/HRC/13/13` |
//! | `text` | the recommendation's text, as is | `Close all political prison camps` |
//! | `source` | the source key of the record | `UPR Info database` |
//! | `latest_status` | status of the latest response event ([`ResponseStatus`] key), or empty; derived from `responses` (checked on reading) | `noted` |
//! | `latest_stage` | stage of the latest response event ([`Stage`] key), or empty; derived | `addendum` |
//! | `latest_date` | date of the latest response event, ISO 8601, or empty; derived (a date known only to the month or year is the last day of that period: `responses` says which) | `2010-03-18` |
//! | `responses` | the whole response history, oldest first, as a JSON array of [`ResponseEvent`]s (`stage`, `date`, `precision` when not `day`, `status`, `source`); empty when there is none | `[{"stage":"working_group","date":"2009-12-09","status":"pending","source":"A/HRC/13/13"}]` |
//! | `labeller` | who gave the human labels, or empty | `UPR Info database` |
//! | `action_category` | human-labelled action category 1-5, or empty | `5` |
//! | `issues` | human-labelled UPR Info issues, joined by `;` | `Detention;Torture and other CID treatment` |
//!
//! The history is JSON rather than a home-made `stage:date:status` list because source keys are
//! free text (they may hold `:` and `;`); the `latest_*` columns give spreadsheets the current
//! position without parsing it. A recommendation whose labels are all empty (no labeller, no
//! action category, no issues) is written as having no labels, and reads back as `None`; the
//! JSON form keeps the difference.
//!
//! ## Recommendations as JSON ([`json::write_recommendations`])
//!
//! ```json
//! {"schema": "upr/1", "recommendations": [
//!   {"state_under_review": "PRK", "recommending": ["CAN"], "cycle": 1, "session": 6,
//!    "paragraph": "90(12)", "document": "A/HRC/13/13", "text": "...", "source": "A/HRC/13/13",
//!    "responses": [{"stage": "working_group", "date": "2009-12-09", "status": "pending",
//!                   "source": "A/HRC/13/13"}],
//!    "labels": {"labeller": "UPR Info database", "action_category": 5, "issues": ["Detention"]}}
//! ]}
//! ```
//!
//! Each record is a [`RecommendationRecord`]: the CSV columns with `recommending` and `issues` as
//! arrays, `responses` as an array and `labels` as an object or `null`; `paragraph` and
//! `document` are `null` when unknown. A clustered paragraph also has `parts`, an array of
//! `{"text": ..., "recommending": [...]}` (left out when the paragraph has one part, so
//! unclustered data reads and writes as before), and a record of the split view
//! ([`Recommendation::split`]) has `part`, its 1-based number in its paragraph (left out for a
//! paragraph). The CSV keeps neither: write the split view to CSV to get one row per part.
//! [`json::write_recommendation_lines`] writes the same
//! records as JSON Lines, one record per line and no envelope (so the file itself does not say its
//! version: prefer the document form for archives).
//!
//! Both forms stream: [`json::recommendations`] gives a document's records one at a time (the
//! array scanned, each record read on its own), [`json::recommendation_lines`] a JSON Lines
//! file's, so reading a document of any length holds one buffer and one record.
//!
//! ## Response events ([`response_event_rows`])
//!
//! One row per response event, flat ([`ResponseEventRow`]): `recommendation` (1-based position of
//! the recommendation in the list written alongside), `state_under_review`, `session`,
//! `paragraph`, `stage`, `date`, `precision` (`day`, `month`, `year`), `status`, `source`. Written with the generic
//! [`csv::write_rows`] / [`json::write_document`] under the key `response_events`.
//!
//! ## Tallies and other rows
//!
//! [`csv::write_rows`] writes any flat `Serialize` type (a struct of numbers, strings, options
//! and vocabulary values) with its field names as the header; [`json::write_document`] writes any
//! `Serialize` type as `{"schema": "upr/1", "<key>": [...]}`; [`csv::read_rows`] and
//! [`json::read_document`] read them back ([`json::document`] one record at a time).
//!
//! ## UPR Info's own layout ([`upr_info`](crate::format::upr_info))
//!
//! For tools built around the UPR Info export: `To,To-Rgrp,To-Org,Text,From,From-Rgrp,From-Org,
//! Response,Action,Issue,Session`, one row per recommending State, UTF-8 with LF by default or
//! Mac OS Roman with CR line ends as the original export.

use serde::{Deserialize, Serialize};

use crate::{
    Error, HumanLabels, ParagraphRef, Part, Recommendation, ResponseEvent, ResponseHistory,
    ResponseStatus, Result, Session, SourceId, Stage, State,
};

pub mod csv;
pub mod json;

/// The version of the `upr` schema this crate writes and reads.
pub const SCHEMA_VERSION: u32 = 1;

/// The schema tag written in JSON documents: `upr/` and [`SCHEMA_VERSION`].
pub const SCHEMA: &str = "upr/1";

/// What the recommendations CSV writes before a paragraph reference (`¶124.10`): the mark keeps
/// readers that guess types (pandas, polars, DuckDB, spreadsheets) from taking `124.10` for the
/// number `124.1`. The readers take the reference with or without it.
pub const PARAGRAPH_MARK: &str = "¶";

/// The columns of the recommendations CSV, in order (see the [module docs](self)).
pub const RECOMMENDATION_COLUMNS: [&str; 18] = [
    "state_under_review",
    "state_under_review_name",
    "recommending",
    "recommending_names",
    "recommending_groups",
    "cycle",
    "session",
    "paragraph",
    "document",
    "text",
    "source",
    "latest_status",
    "latest_stage",
    "latest_date",
    "responses",
    "labeller",
    "action_category",
    "issues",
];

/// The columns of [`RECOMMENDATION_COLUMNS`] derived from the codes beside them (ignored on
/// reading). The first layout of the CSV, which the readers still read, is
/// [`RECOMMENDATION_COLUMNS`] without them.
pub const DERIVED_COLUMNS: [&str; 3] = [
    "state_under_review_name",
    "recommending_names",
    "recommending_groups",
];

/// The columns of the first layout: [`RECOMMENDATION_COLUMNS`] without [`DERIVED_COLUMNS`].
pub(crate) fn columns_without_names() -> impl Iterator<Item = &'static str> {
    RECOMMENDATION_COLUMNS
        .into_iter()
        .filter(|c| !DERIVED_COLUMNS.contains(c))
}

/// One recommendation in the JSON form of the schema.
///
/// Built from a [`Recommendation`] with `From`; turned back with `TryFrom`, which checks that
/// `cycle` agrees with `session`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RecommendationRecord {
    /// The State under review (alpha-3).
    pub state_under_review: State,
    /// The recommending States (alpha-3), in order.
    pub recommending: Vec<State>,
    /// The cycle number; must agree with `session`.
    pub cycle: u8,
    /// The Working Group session.
    pub session: Session,
    /// The paragraph reference, if known.
    pub paragraph: Option<ParagraphRef>,
    /// The report's document symbol, if known.
    pub document: Option<crate::DocumentSymbol>,
    /// The text.
    pub text: String,
    /// The source key.
    pub source: SourceId,
    /// The response history, oldest first.
    pub responses: Vec<ResponseEvent>,
    /// Human labels, if any.
    pub labels: Option<HumanLabels>,
    /// The parts of a clustered paragraph (left out when it has one part, itself: see
    /// [`Recommendation::parts`]).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub parts: Vec<Part>,
    /// In the split view, which part of its paragraph the record is (left out for a paragraph:
    /// see [`Recommendation::split`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub part: Option<u16>,
}

impl From<&Recommendation> for RecommendationRecord {
    fn from(r: &Recommendation) -> Self {
        RecommendationRecord {
            state_under_review: r.state_under_review(),
            recommending: r.recommending().to_vec(),
            cycle: r.cycle().number(),
            session: r.session(),
            paragraph: r.reference(),
            document: r.document().cloned(),
            text: r.text().to_owned(),
            source: r.source().clone(),
            responses: r.responses().events().to_vec(),
            labels: r.labels().cloned(),
            parts: if r.part_count() > 1 {
                r.parts().into_owned()
            } else {
                Vec::new()
            },
            part: r.part(),
        }
    }
}

fn check_cycle(cycle: u8, session: Session) -> Result<()> {
    let expected = session.cycle().number();
    if cycle == expected {
        Ok(())
    } else {
        Err(Error::invalid(
            "cycle",
            cycle.to_string(),
            format!("session {session} belongs to cycle {expected}"),
        ))
    }
}

fn check_order(events: &[ResponseEvent]) -> Result<()> {
    for pair in events.windows(2) {
        if let [a, b] = pair {
            if !b.goes_after(a) {
                let when =
                    |e: &ResponseEvent| e.date.map_or("undated".to_owned(), |d| d.to_string());
                return Err(Error::invalid(
                    "response history",
                    format!("{} {} after {} {}", b.stage, when(b), a.stage, when(a)),
                    "expected events oldest first",
                ));
            }
        }
    }
    Ok(())
}

/// The parts of a record agree with it: their States are among its recommending States, and a
/// part of the split view (`part`) has no parts of its own.
fn check_parts(r: &RecommendationRecord) -> Result<()> {
    if let (Some(n), false) = (r.part, r.parts.is_empty()) {
        return Err(Error::invalid(
            "parts",
            format!("part {n} with {} parts", r.parts.len()),
            "expected a part of the split view to have no parts of its own",
        ));
    }
    for (i, p) in r.parts.iter().enumerate() {
        if let Some(s) = p
            .recommending()
            .iter()
            .find(|s| !r.recommending.contains(s))
        {
            return Err(Error::invalid(
                "parts",
                format!("part {} made by {}", i + 1, s.alpha3()),
                "expected the parts' States among the recommending States",
            ));
        }
    }
    Ok(())
}

impl TryFrom<RecommendationRecord> for Recommendation {
    type Error = Error;

    /// # Errors
    /// [`Error::Invalid`] when `cycle` disagrees with `session`, the responses are not in date
    /// order, or the parts disagree with the record (a State of a part that is not among the
    /// recommending States; parts in a part of the split view).
    fn try_from(r: RecommendationRecord) -> Result<Recommendation> {
        check_cycle(r.cycle, r.session)?;
        check_order(&r.responses)?;
        check_parts(&r)?;
        let mut rec = Recommendation::new(r.state_under_review, r.session, r.text, r.source)
            .with_recommending(r.recommending);
        if let Some(p) = r.paragraph {
            rec = rec.with_reference(p);
        }
        if let Some(d) = r.document {
            rec = rec.with_document(d);
        }
        for e in r.responses {
            rec.push_response(e);
        }
        if let Some(l) = r.labels {
            rec = rec.with_labels(l);
        }
        if let Some(n) = r.part {
            rec = rec.with_part(n);
        }
        Ok(rec.with_parts(r.parts))
    }
}

/// One row of the recommendations CSV: every column as text, in [`RECOMMENDATION_COLUMNS`] order.
///
/// Built from a [`Recommendation`] with `From`; turned back with `TryFrom`, which parses and
/// checks every column (see the [module docs](self)).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecommendationRow {
    /// `state_under_review`.
    pub state_under_review: String,
    /// `state_under_review_name` (derived; not read).
    pub state_under_review_name: String,
    /// `recommending`.
    pub recommending: String,
    /// `recommending_names` (derived; not read).
    pub recommending_names: String,
    /// `recommending_groups` (derived; not read).
    pub recommending_groups: String,
    /// `cycle`.
    pub cycle: String,
    /// `session`.
    pub session: String,
    /// `paragraph`.
    pub paragraph: String,
    /// `document`.
    pub document: String,
    /// `text`.
    pub text: String,
    /// `source`.
    pub source: String,
    /// `latest_status`.
    pub latest_status: String,
    /// `latest_stage`.
    pub latest_stage: String,
    /// `latest_date`.
    pub latest_date: String,
    /// `responses`.
    pub responses: String,
    /// `labeller`.
    pub labeller: String,
    /// `action_category`.
    pub action_category: String,
    /// `issues`.
    pub issues: String,
}

fn join<T>(items: &[T], f: impl Fn(&T) -> &str) -> String {
    let mut out = String::new();
    for (i, x) in items.iter().enumerate() {
        if i > 0 {
            out.push(';');
        }
        out.push_str(f(x));
    }
    out
}

fn opt<T: ToString>(x: Option<T>) -> String {
    x.map(|v| v.to_string()).unwrap_or_default()
}

impl From<&Recommendation> for RecommendationRow {
    fn from(r: &Recommendation) -> Self {
        let latest = r.responses().latest();
        let responses = if r.responses().is_empty() {
            String::new()
        } else {
            // A Vec of plain structs of strings and dates always serializes.
            serde_json::to_string(r.responses()).unwrap_or_default()
        };
        let labels = r.labels().filter(|l| {
            !l.labeller.is_empty() || l.action_category.is_some() || !l.issues.is_empty()
        });
        RecommendationRow {
            state_under_review: r.state_under_review().alpha3().to_owned(),
            state_under_review_name: r.state_under_review().name().to_owned(),
            recommending: join(r.recommending(), |s| s.alpha3()),
            recommending_names: join(r.recommending(), |s| s.name()),
            recommending_groups: join(r.recommending(), |s| {
                s.regional_group()
                    .map_or("Observer", crate::RegionalGroup::upr_info_code)
            }),
            cycle: r.cycle().to_string(),
            session: r.session().to_string(),
            paragraph: r
                .reference()
                .map(|p| format!("{PARAGRAPH_MARK}{p}"))
                .unwrap_or_default(),
            document: opt(r.document()),
            text: r.text().to_owned(),
            source: r.source().to_string(),
            latest_status: opt(latest.map(|e| e.status)),
            latest_stage: opt(latest.map(|e| e.stage)),
            latest_date: opt(latest.and_then(|e| e.date)),
            responses,
            labeller: labels.map(|l| l.labeller.clone()).unwrap_or_default(),
            action_category: opt(labels.and_then(|l| l.action_category)),
            issues: labels
                .map(|l| join(&l.issues, |i| i.name()))
                .unwrap_or_default(),
        }
    }
}

fn non_empty(s: &str) -> Option<&str> {
    let t = s.trim();
    (!t.is_empty()).then_some(t)
}

fn split_list(s: &str) -> impl Iterator<Item = &str> {
    s.split(';').map(str::trim).filter(|p| !p.is_empty())
}

impl TryFrom<&RecommendationRow> for Recommendation {
    type Error = Error;

    /// # Errors
    /// [`Error::Unknown`] or [`Error::Invalid`] naming the first column that does not parse:
    /// an unknown alpha-3 code, a session out of range, a cycle that disagrees with the session,
    /// a malformed paragraph reference, document symbol, response history, action category or
    /// issue, or `latest_*` columns that disagree with the history.
    fn try_from(row: &RecommendationRow) -> Result<Recommendation> {
        let state = State::from_alpha3(row.state_under_review.trim())?;
        let recommending = split_list(&row.recommending)
            .map(State::from_alpha3)
            .collect::<Result<Vec<_>>>()?;
        let session: Session = row.session.trim().parse()?;
        let cycle =
            row.cycle.trim().parse::<u8>().map_err(|_| {
                Error::invalid("cycle", row.cycle.clone(), "expected a cycle number")
            })?;
        check_cycle(cycle, session)?;
        let mut rec = Recommendation::new(
            state,
            session,
            row.text.clone(),
            SourceId(row.source.clone()),
        )
        .with_recommending(recommending);
        if let Some(p) = non_empty(&row.paragraph) {
            let p = p.strip_prefix(PARAGRAPH_MARK).map_or(p, str::trim_start);
            rec = rec.with_reference(p.parse()?);
        }
        if let Some(d) = non_empty(&row.document) {
            rec = rec.with_document(d.parse()?);
        }
        for e in row.events()? {
            rec.push_response(e);
        }
        if let Some(l) = row.labels()? {
            rec = rec.with_labels(l);
        }
        Ok(rec)
    }
}

impl RecommendationRow {
    /// The fields in [`RECOMMENDATION_COLUMNS`] order.
    pub(crate) fn fields(&self) -> [&str; RECOMMENDATION_COLUMNS.len()] {
        [
            &self.state_under_review,
            &self.state_under_review_name,
            &self.recommending,
            &self.recommending_names,
            &self.recommending_groups,
            &self.cycle,
            &self.session,
            &self.paragraph,
            &self.document,
            &self.text,
            &self.source,
            &self.latest_status,
            &self.latest_stage,
            &self.latest_date,
            &self.responses,
            &self.labeller,
            &self.action_category,
            &self.issues,
        ]
    }

    /// A row from fields in [`RECOMMENDATION_COLUMNS`] order (missing ones empty).
    pub(crate) fn from_fields<'a>(fields: impl IntoIterator<Item = &'a str>) -> RecommendationRow {
        let mut fields = fields.into_iter();
        let mut next = || fields.next().unwrap_or_default().to_owned();
        // Struct fields are evaluated in the order written: the columns' order.
        RecommendationRow {
            state_under_review: next(),
            state_under_review_name: next(),
            recommending: next(),
            recommending_names: next(),
            recommending_groups: next(),
            cycle: next(),
            session: next(),
            paragraph: next(),
            document: next(),
            text: next(),
            source: next(),
            latest_status: next(),
            latest_stage: next(),
            latest_date: next(),
            responses: next(),
            labeller: next(),
            action_category: next(),
            issues: next(),
        }
    }

    /// The response history, checked to be in date order and to end as the `latest_*` columns
    /// say.
    fn events(&self) -> Result<Vec<ResponseEvent>> {
        let events: Vec<ResponseEvent> = match non_empty(&self.responses) {
            None => Vec::new(),
            Some(json) => serde_json::from_str(json).map_err(|e| {
                Error::invalid(
                    "response history",
                    crate::format::excerpt(json),
                    format!("expected a JSON array of response events: {e}"),
                )
            })?,
        };
        check_order(&events)?;
        let history: ResponseHistory = events.iter().cloned().collect();
        let latest = history.latest();
        let written = [
            opt(latest.map(|e| e.status)),
            opt(latest.map(|e| e.stage)),
            opt(latest.and_then(|e| e.date)),
        ]
        .join(",");
        let found = [&self.latest_status, &self.latest_stage, &self.latest_date]
            .map(|s| s.trim())
            .join(",");
        if written != found {
            return Err(Error::invalid(
                "latest response",
                found,
                format!("the response history ends with {written:?}"),
            ));
        }
        Ok(events)
    }

    /// The human labels; `None` when all three columns are empty.
    fn labels(&self) -> Result<Option<HumanLabels>> {
        let action_category = non_empty(&self.action_category)
            .map(str::parse)
            .transpose()?;
        let issues = split_list(&self.issues)
            .map(crate::Issue::parse)
            .collect::<Result<Vec<_>>>()?;
        if self.labeller.is_empty() && action_category.is_none() && issues.is_empty() {
            return Ok(None);
        }
        Ok(Some(HumanLabels {
            labeller: self.labeller.clone(),
            action_category,
            issues,
        }))
    }
}

/// One response event as a flat row (see the [module docs](self)).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResponseEventRow {
    /// 1-based position of the recommendation in the list the rows were made from.
    pub recommendation: usize,
    /// The State under review (alpha-3).
    pub state_under_review: State,
    /// The Working Group session.
    pub session: Session,
    /// The recommendation's paragraph reference, if known.
    pub paragraph: Option<ParagraphRef>,
    /// Where in the process.
    pub stage: Stage,
    /// When (see `precision`); `None` (an empty column) when the source gives no date.
    pub date: Option<chrono::NaiveDate>,
    /// How exactly `date` is known: `day`, `month` or `year` (a date known to the month or year
    /// is stored as the last day of that period).
    pub precision: crate::DatePrecision,
    /// The position.
    pub status: ResponseStatus,
    /// The source recording the event.
    pub source: SourceId,
}

/// The response events of `recommendations`, one row per event, in recommendation order and
/// then date order.
pub fn response_event_rows<'a>(
    recommendations: impl IntoIterator<Item = &'a Recommendation>,
) -> Vec<ResponseEventRow> {
    let mut out = Vec::new();
    for (i, r) in recommendations.into_iter().enumerate() {
        for e in r.responses().events() {
            out.push(ResponseEventRow {
                recommendation: i + 1,
                state_under_review: r.state_under_review(),
                session: r.session(),
                paragraph: r.reference(),
                stage: e.stage,
                date: e.date,
                precision: e.precision,
                status: e.status,
                source: e.source.clone(),
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Recommendation {
        Recommendation::new(
            State::PRK,
            Session::new(6).unwrap(),
            "Close camps, \"now\"",
            "A/HRC/13/13".into(),
        )
        .with_recommending([State::from_alpha3("CAN").unwrap()])
        .with_reference("90(12)".parse().unwrap())
        .with_response(ResponseEvent {
            stage: Stage::WorkingGroup,
            date: chrono::NaiveDate::from_ymd_opt(2009, 12, 9),
            precision: crate::DatePrecision::Day,
            status: ResponseStatus::Pending,
            source: "A/HRC/13/13".into(),
        })
    }

    #[test]
    fn row_columns_are_documented_in_order() {
        let row = RecommendationRow::from(&sample());
        let v = serde_json::to_value(&row).unwrap();
        let keys: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
        let mut expected = RECOMMENDATION_COLUMNS.to_vec();
        expected.sort_unstable();
        let mut keys = keys;
        keys.sort_unstable();
        assert_eq!(keys, expected);
        assert_eq!(row.latest_status, "pending");
        assert_eq!(row.latest_date, "2009-12-09");
        assert_eq!(row.recommending, "CAN");
        assert_eq!(row.paragraph, "¶90(12)");
    }

    #[test]
    fn fields_are_in_column_order() {
        let row = RecommendationRow::from(&sample());
        assert_eq!(RecommendationRow::from_fields(row.fields()), row);
        let v =
            serde_json::to_value(RecommendationRow::from_fields(RECOMMENDATION_COLUMNS)).unwrap();
        for column in RECOMMENDATION_COLUMNS {
            assert_eq!(v[column], column, "{column}");
        }
        assert_eq!(RecommendationRow::from_fields(["PRK"]).text, "");
    }

    #[test]
    fn parts_must_agree_with_the_record() {
        let (can, chl) = (
            State::from_alpha3("CAN").unwrap(),
            State::from_alpha3("CHL").unwrap(),
        );
        let clustered = sample().with_parts([
            crate::Part::new("Close camps", [can]),
            crate::Part::new("now", [chl]),
        ]);
        let record = RecommendationRecord::from(&clustered);
        assert_eq!(record.parts.len(), 2);
        assert_eq!(Recommendation::try_from(record.clone()).unwrap(), clustered);
        let mut stray = record.clone();
        stray.recommending = vec![can];
        assert_eq!(
            Recommendation::try_from(stray).unwrap_err().to_string(),
            r#"invalid parts "part 2 made by CHL": expected the parts' States among the recommending States"#
        );
        let mut nested = record;
        nested.part = Some(1);
        assert_eq!(
            Recommendation::try_from(nested).unwrap_err().to_string(),
            r#"invalid parts "part 1 with 2 parts": expected a part of the split view to have no parts of its own"#
        );
    }

    #[test]
    fn wrong_cycle_is_an_error() {
        let mut row = RecommendationRow::from(&sample());
        row.cycle = "2".into();
        assert_eq!(
            Recommendation::try_from(&row).unwrap_err().to_string(),
            r#"invalid cycle "2": session 6 belongs to cycle 1"#
        );
    }

    #[test]
    fn latest_columns_must_agree_with_history() {
        let mut row = RecommendationRow::from(&sample());
        row.latest_status = "supported".into();
        assert_eq!(
            Recommendation::try_from(&row).unwrap_err().to_string(),
            r#"invalid latest response "supported,working_group,2009-12-09": the response history ends with "pending,working_group,2009-12-09""#
        );
    }

    #[test]
    fn empty_labels_are_written_as_none() {
        let r = sample().with_labels(HumanLabels::default());
        let back = Recommendation::try_from(&RecommendationRow::from(&r)).unwrap();
        assert_eq!(back.labels(), None);
        let rec = RecommendationRecord::from(&r);
        assert_eq!(
            Recommendation::try_from(rec).unwrap().labels(),
            Some(&HumanLabels::default())
        );
    }

    #[test]
    fn event_rows_number_recommendations_from_one() {
        let rows = response_event_rows(&[sample(), sample()]);
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[1].recommendation, 2);
        assert_eq!(rows[0].status, ResponseStatus::Pending);
    }
}
