//! What became of a recommendation: typed implementation assessments, kept beside the
//! recommendations and joined to them by recommendation, as a dated history.
//!
//! The Special Rapporteur's concern, quoted in seed `003_...`: "there is no mechanism for
//! monitoring claims made during the UPR process". An [`Assessment`] records one claim or
//! finding: its [`ImplementationLevel`] (UPR Info's mid-term vocabulary: not, partially, fully
//! implemented; and unknown), its date, its source, its evidence (a text, and a law or report it
//! refers to), and who assessed it. Assessments are read and written as CSV, TSV or JSON
//! ([`read_csv`], [`write_csv`], serde), joined to recommendations by [`attach`], and counted
//! by [`ImplementationQuery`] (by cycle, issue, action category and response, as of a date).
//!
//! ```
//! use upr::implementation::{self, ImplementationLevel, ImplementationQuery};
//! use upr::Dataset;
//!
//! let mut recs = Dataset::dprk().recommendations.clone();
//! let report = implementation::attach(&mut recs, implementation::dprk());
//! // NKDB's CRC report step answers 124.64 of the second review ("Submit the reports due
//! // according to CRC"); its other steps answer 126.41 and 126.74 of the third review (the
//! // dataset's partial third-review list from seed 000).
//! assert_eq!(report.attached, 4);
//! let accepted_not_assessed = ImplementationQuery::new()
//!     .accepted(true)
//!     .level(ImplementationLevel::Unknown)
//!     .select(&recs)
//!     .len();
//! assert!(accepted_not_assessed > 100);
//! # Ok::<(), upr::Error>(())
//! ```

use std::collections::BTreeMap;
use std::io;
use std::sync::OnceLock;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::classify::Classifier;
use crate::threads::RecKey;
use crate::{
    ActionCategory, Cycle, DatePrecision, Error, Issue, Labeler, Location, ParseError,
    Recommendation, ResponseStatus, Result, SourceId, State,
};

/// `data/dprk/assessments.tsv`.
pub const DPRK_ASSESSMENTS_TSV: &str = include_str!("../data/dprk/assessments.tsv");

vocabulary! {
    /// How far a recommendation has been implemented; UPR Info's mid-term assessment
    /// vocabulary, with `unknown` for no assessment.
    #[non_exhaustive]
    pub enum ImplementationLevel["implementation level", key] {
        /// Nothing done.
        NotImplemented => "not_implemented" | "not implemented" | "Not implemented";
        /// Some steps taken.
        PartiallyImplemented => "partially_implemented" | "partially implemented"
            | "Partially implemented" | "partial";
        /// Done.
        FullyImplemented => "fully_implemented" | "fully implemented" | "Fully implemented"
            | "implemented";
        /// Not known (no assessment, or the assessor could not tell).
        Unknown => "unknown" | "no information";
    }
}

/// One assessment of what became of a recommendation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Assessment {
    /// The State under review.
    pub state: State,
    /// The recommendation assessed (cycle and paragraph); `None` when the source does not say
    /// which one it answers.
    #[serde(default)]
    pub recommendation: Option<RecKey>,
    /// The step or finding, in a few words (`CRC fifth-sixth periodic report submitted`).
    pub step: String,
    /// The level.
    pub level: ImplementationLevel,
    /// When the assessment was made or published; `None` when the source is undated.
    #[serde(default)]
    pub date: Option<NaiveDate>,
    /// How exactly `date` is known.
    #[serde(default)]
    pub precision: Option<DatePrecision>,
    /// The source in the dataset's source table.
    pub source: SourceId,
    /// Who assessed it (NKDB, a State's mid-term report, UPR Info, a researcher).
    pub assessor: String,
    /// The evidence, as the source words it.
    pub evidence: String,
    /// A law, report or document the evidence refers to.
    #[serde(default)]
    pub reference: Option<String>,
    /// Why it is linked to this recommendation, or why it could not be.
    #[serde(default)]
    pub link: String,
}

/// A recommendation's assessments, in date order (undated ones first).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct AssessmentHistory(Vec<Assessment>);

impl<'de> Deserialize<'de> for AssessmentHistory {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        let mut h = AssessmentHistory::default();
        for a in Vec::<Assessment>::deserialize(d)? {
            h.push(a);
        }
        Ok(h)
    }
}

impl AssessmentHistory {
    /// Adds one, keeping date order.
    pub fn push(&mut self, a: Assessment) {
        let at = self.0.partition_point(|x| x.date <= a.date);
        self.0.insert(at, a);
    }

    /// All, oldest first.
    pub fn assessments(&self) -> &[Assessment] {
        &self.0
    }

    /// The latest (a dated one over an undated one).
    pub fn latest(&self) -> Option<&Assessment> {
        self.0.last()
    }

    /// The latest dated one on or before `date`.
    pub fn as_of(&self, date: NaiveDate) -> Option<&Assessment> {
        self.0
            .iter()
            .rev()
            .find(|a| a.date.is_some_and(|d| d <= date))
    }

    /// Whether there is none.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

fn parse_error(file: &str, line: usize, found: String) -> Error {
    Error::Parse(ParseError {
        input: file.to_owned(),
        location: Location::Line(line),
        expected: "an assessment row (state, recommendation, step, level, date, precision, source, assessor, evidence, reference, link)".to_owned(),
        found,
    })
}

fn read_delimited(r: impl io::Read, delimiter: u8, file: &str) -> Result<Vec<Assessment>> {
    let mut rdr = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .comment(Some(b'#'))
        .flexible(false)
        .from_reader(r);
    let mut out = Vec::new();
    for row in rdr.deserialize::<Assessment>() {
        let a = row.map_err(|e| {
            let line = e.position().map_or(0, |p| p.line() as usize);
            parse_error(file, line, e.to_string())
        })?;
        out.push(a);
    }
    Ok(out)
}

/// Reads assessments from CSV with a header row (`#` lines are comments).
///
/// # Errors
/// [`Error::Parse`] with the line of the first bad row, e.g. an unknown level.
pub fn read_csv(r: impl io::Read) -> Result<Vec<Assessment>> {
    read_delimited(r, b',', "assessments csv")
}

/// Reads assessments from tab-separated text with a header row, as `data/dprk/assessments.tsv`.
///
/// # Errors
/// [`Error::Parse`] with the line of the first bad row.
pub fn read_tsv(text: &str) -> Result<Vec<Assessment>> {
    read_delimited(text.as_bytes(), b'\t', "assessments tsv")
}

/// Writes assessments as CSV with a header row; [`read_csv`] reads it back unchanged.
///
/// # Errors
/// [`Error::Csv`] when writing fails.
pub fn write_csv(assessments: &[Assessment], w: impl io::Write) -> Result<()> {
    let mut wtr = csv::Writer::from_writer(w);
    for a in assessments {
        wtr.serialize(a)?;
    }
    wtr.flush().map_err(|e| Error::Csv(csv::Error::from(e)))?;
    Ok(())
}

/// The embedded DPRK assessments (`data/dprk/assessments.tsv`), parsed once.
///
/// # Panics
/// Never on a released crate: the test suite parses the embedded file.
#[allow(clippy::expect_used)]
pub fn dprk() -> &'static [Assessment] {
    static A: OnceLock<Vec<Assessment>> = OnceLock::new();
    A.get_or_init(|| read_tsv(DPRK_ASSESSMENTS_TSV).expect("data/dprk/assessments.tsv parses"))
}

/// What [`attach`] did with each assessment.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct AttachReport {
    /// Assessments added to a recommendation's history.
    pub attached: usize,
    /// Assessments whose source names no recommendation (their `link` says why).
    pub unlinked: Vec<Assessment>,
    /// Assessments naming a recommendation that is not in the data (yet): e.g. cycle-3
    /// paragraphs before the cycle-3 recommendations are added.
    pub not_in_data: Vec<Assessment>,
}

/// Adds each assessment to the history of the recommendation it names (same State, cycle and
/// paragraph), and reports the others.
pub fn attach(recommendations: &mut [Recommendation], assessments: &[Assessment]) -> AttachReport {
    let mut report = AttachReport::default();
    for a in assessments {
        let Some(key) = a.recommendation else {
            report.unlinked.push(a.clone());
            continue;
        };
        let hit = recommendations
            .iter_mut()
            .find(|r| r.state_under_review() == a.state && RecKey::of(r) == Some(key));
        match hit {
            Some(r) => {
                r.push_assessment(a.clone());
                report.attached += 1;
            }
            None => report.not_in_data.push(a.clone()),
        }
    }
    report
}

/// How [`ImplementationQuery::tally`] groups.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum ImplementationGroup {
    /// By cycle.
    Cycle,
    /// By issue (human labels where present, otherwise the classifier's); a recommendation
    /// counts once under each of its issues.
    Issue,
    /// By action category (human label, otherwise the classifier's).
    ActionCategory,
    /// By response status as of the query's date.
    Response,
}

/// Which recommendations to count, and their implementation level, as of a date.
///
/// A recommendation without an assessment (by the date) is at [`ImplementationLevel::Unknown`].
#[derive(Debug, Clone, Default)]
pub struct ImplementationQuery {
    cycle: Option<Cycle>,
    state: Option<State>,
    issue: Option<Issue>,
    action: Option<ActionCategory>,
    accepted: Option<bool>,
    levels: Vec<ImplementationLevel>,
    as_of: Option<NaiveDate>,
}

fn is_accepted(s: Option<ResponseStatus>) -> bool {
    matches!(
        s,
        Some(ResponseStatus::Supported | ResponseStatus::PartiallySupported)
    )
}

impl ImplementationQuery {
    /// Everything, as of now.
    pub fn new() -> Self {
        Self::default()
    }

    /// Only this cycle.
    pub fn cycle(mut self, c: Cycle) -> Self {
        self.cycle = Some(c);
        self
    }

    /// Only this State under review.
    pub fn state_under_review(mut self, s: State) -> Self {
        self.state = Some(s);
        self
    }

    /// Only recommendations with this issue.
    pub fn issue(mut self, i: Issue) -> Self {
        self.issue = Some(i);
        self
    }

    /// Only this action category.
    pub fn action_category(mut self, a: ActionCategory) -> Self {
        self.action = Some(a);
        self
    }

    /// Only accepted (supported in whole or part) recommendations, or only the others.
    pub fn accepted(mut self, yes: bool) -> Self {
        self.accepted = Some(yes);
        self
    }

    /// Only recommendations at this level (may be given several times: any of them).
    pub fn level(mut self, l: ImplementationLevel) -> Self {
        self.levels.push(l);
        self
    }

    /// Responses and assessments as they stood on this date (undated assessments are left
    /// out: their date is not known).
    pub fn as_of(mut self, d: NaiveDate) -> Self {
        self.as_of = Some(d);
        self
    }

    /// The level of one recommendation under this query's date.
    pub fn level_of(&self, r: &Recommendation) -> ImplementationLevel {
        let a = match self.as_of {
            Some(d) => r.assessments().as_of(d),
            None => r.assessments().latest(),
        };
        a.map_or(ImplementationLevel::Unknown, |a| a.level)
    }

    fn status(&self, r: &Recommendation) -> Option<ResponseStatus> {
        match self.as_of {
            Some(d) => r.responses().status_as_of(d),
            None => r.responses().latest().map(|e| e.status),
        }
    }

    fn labels(r: &Recommendation) -> (Option<ActionCategory>, Vec<Issue>) {
        if let Some(h) = r.labels() {
            return (h.action_category, h.issues.clone());
        }
        let l = Classifier::builtin().labels(r);
        (l.action, l.issues.to_vec())
    }

    /// The recommendations that pass the filters, each with its level.
    pub fn select<'r>(
        &self,
        recs: &'r [Recommendation],
    ) -> Vec<(&'r Recommendation, ImplementationLevel)> {
        recs.iter()
            .filter(|r| self.cycle.is_none_or(|c| r.cycle() == c))
            .filter(|r| self.state.is_none_or(|s| r.state_under_review() == s))
            .filter(|r| {
                self.accepted
                    .is_none_or(|yes| is_accepted(self.status(r)) == yes)
            })
            .filter(|r| {
                if self.issue.is_none() && self.action.is_none() {
                    return true;
                }
                let (action, issues) = Self::labels(r);
                self.action.is_none_or(|a| action == Some(a))
                    && self.issue.is_none_or(|i| issues.contains(&i))
            })
            .map(|r| (r, self.level_of(r)))
            .filter(|(_, l)| self.levels.is_empty() || self.levels.contains(l))
            .collect()
    }

    /// Counts by group and level: `group key -> level -> count`.
    pub fn tally(
        &self,
        recs: &[Recommendation],
        group: ImplementationGroup,
    ) -> BTreeMap<String, BTreeMap<String, u64>> {
        let mut out: BTreeMap<String, BTreeMap<String, u64>> = BTreeMap::new();
        for (r, level) in self.select(recs) {
            let keys: Vec<String> = match group {
                ImplementationGroup::Cycle => vec![r.cycle().number().to_string()],
                ImplementationGroup::Response => vec![
                    self.status(r)
                        .map_or_else(|| "none".to_owned(), |s| s.to_string()),
                ],
                ImplementationGroup::ActionCategory => vec![
                    Self::labels(r)
                        .0
                        .map_or_else(|| "none".to_owned(), |a| a.number().to_string()),
                ],
                ImplementationGroup::Issue => {
                    Self::labels(r).1.iter().map(ToString::to_string).collect()
                }
            };
            for k in keys {
                *out.entry(k)
                    .or_default()
                    .entry(level.to_string())
                    .or_default() += 1;
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_file_parses_and_round_trips_through_csv_and_json() {
        let a = dprk();
        assert_eq!(a.len(), 6);
        assert!(a.iter().all(|x| x.source.as_str() == "seed-000"));
        let mut buf = Vec::new();
        write_csv(a, &mut buf).unwrap();
        assert_eq!(read_csv(buf.as_slice()).unwrap(), a);
        let json = serde_json::to_string(a).unwrap();
        assert_eq!(serde_json::from_str::<Vec<Assessment>>(&json).unwrap(), a);
    }

    #[test]
    fn errors_name_the_line() {
        let text = "state,recommendation,step,level,date,precision,source,assessor,evidence,reference,link\nPRK,2:124.64,x,done,,,s,a,e,,\n";
        let e = read_csv(text.as_bytes()).unwrap_err().to_string();
        assert!(
            e.starts_with("assessments csv: line 2: expected an assessment row"),
            "{e}"
        );
        assert!(
            e.contains(r#"unknown implementation level \"done\""#),
            "{e}"
        );
    }

    #[test]
    fn history_keeps_date_order_and_as_of() {
        let base = dprk()[0].clone();
        let at = |y, level| Assessment {
            date: NaiveDate::from_ymd_opt(y, 1, 1),
            level,
            ..base.clone()
        };
        let mut h = AssessmentHistory::default();
        h.push(at(2024, ImplementationLevel::FullyImplemented));
        h.push(at(2021, ImplementationLevel::NotImplemented));
        let d = |y| NaiveDate::from_ymd_opt(y, 6, 1).unwrap();
        assert_eq!(h.as_of(d(2020)), None);
        assert_eq!(
            h.as_of(d(2022)).map(|a| a.level),
            Some(ImplementationLevel::NotImplemented)
        );
        assert_eq!(
            h.latest().map(|a| a.level),
            Some(ImplementationLevel::FullyImplemented)
        );
    }
}
