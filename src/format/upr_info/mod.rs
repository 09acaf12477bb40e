//! The UPR Info database export (`To,To-Rgrp,To-Org,Text,From,From-Rgrp,From-Org,Response,Action,Issue,Session`).
//!
//! Mac OS Roman, CR-only line ends, one recommending State per row (a joint recommendation
//! appears once per co-author), `Issue` multi-valued inside one quoted field. The `Action` and
//! `Issue` columns are optional (the DPRK session-19 file has neither). A recommender written
//! `(Unknown)` (HTML-escaped as `&#40;Unknown&#41;` in the export) is read as `None` and listed as
//! a repair in the report.

use std::path::Path;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

mod read;
mod stream;
mod write;

pub use stream::{JointRows, Recommendations, Rows, recommendations_path, rows, rows_path};
pub use write::{
    LineEnd, RecommendationWriter, RowWriter, WriteNote, WriteOptions, WriteReport,
    recommendation_rows, recommendation_rows_reported, upr_info_response, write_recommendations,
    write_rows,
};

use super::{Action, Context, Parsed, Problem, ReadOptions, excerpt, read_all};
use crate::Location;
use crate::UprInfoResponse;
use crate::{
    ActionCategory, Error, HumanLabels, Issue, Recommendation, RegionalGroup, ResponseStatus,
    Result, Session, SourceId, State,
};

/// The source key rows from the UPR Info database carry.
pub const SOURCE: &str = "UPR Info database";

/// One row of the export.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UprInfoRow {
    /// 1-based record number in the file (header not counted).
    pub record: usize,
    /// State under review.
    pub to: State,
    /// Its regional group as written.
    pub to_group: Option<RegionalGroup>,
    /// Organisations it belongs to (shared between the rows that list the same ones).
    pub to_org: Arc<[String]>,
    /// The recommendation text.
    pub text: String,
    /// Recommending State; `None` where the export says `(Unknown)`.
    pub from: Option<State>,
    /// Recommending State's group as written; `None` for `Observer` and `(Unknown)`.
    pub from_group: Option<RegionalGroup>,
    /// Organisations the recommending State belongs to (shared like `to_org`).
    pub from_org: Arc<[String]>,
    /// UPR Info's response.
    pub response: UprInfoResponse,
    /// UPR Info's action category, where the file has the column.
    pub action: Option<ActionCategory>,
    /// UPR Info's issues, where the file has the column.
    pub issues: Vec<Issue>,
    /// Working Group session.
    pub session: Session,
}

/// The export's columns, in order: the one table the reader and the writer share. A file must
/// have them all but `Action` and `Issue` (the DPRK session-19 file has neither).
pub const COLUMNS: [&str; 11] = [
    "To",
    "To-Rgrp",
    "To-Org",
    "Text",
    "From",
    "From-Rgrp",
    "From-Org",
    "Response",
    "Action",
    "Issue",
    "Session",
];

/// A column of the export: its discriminant is its place in [`COLUMNS`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, strum::VariantArray)]
enum Column {
    To,
    ToRgrp,
    ToOrg,
    Text,
    From,
    FromRgrp,
    FromOrg,
    Response,
    Action,
    Issue,
    Session,
}

const _: () = assert!(Column::ALL.len() == COLUMNS.len());

impl Column {
    /// Every column, in the export's order.
    const ALL: &[Column] = <Column as strum::VariantArray>::VARIANTS;

    /// The header's spelling.
    fn name(self) -> &'static str {
        COLUMNS.get(self as usize).copied().unwrap_or_default()
    }

    /// Whether a file must have the column to be read.
    fn required(self) -> bool {
        !matches!(self, Column::Action | Column::Issue)
    }
}

/// Reads a UPR Info export from any reader.
///
/// # Errors
/// In strict mode, the first row that cannot be read: a missing column, an unknown State name,
/// response, action category, issue or session, with its record number. In both modes, a
/// header without the required columns, or an I/O failure.
pub fn read(reader: impl std::io::Read, options: &ReadOptions) -> Result<Parsed<UprInfoRow>> {
    let bytes = read_all(reader, options)?;
    read::read_bytes(bytes, options)
}

/// Reads a UPR Info export file (its path names it in errors unless the options name it).
///
/// # Errors
/// As [`read`](fn@read), and [`Error::Io`] if the file cannot be opened.
pub fn read_path(path: impl AsRef<Path>, options: &ReadOptions) -> Result<Parsed<UprInfoRow>> {
    let path = path.as_ref();
    // Room to decode Mac OS Roman in place (a few high bytes widen) without a second buffer.
    let mut file = std::fs::File::open(path).map_err(|e| Error::read(path, e))?;
    let size = file.metadata().map_or(0, |m| m.len());
    let size = usize::try_from(size).unwrap_or(0);
    let mut bytes = Vec::with_capacity(size + size / 64 + 64);
    std::io::Read::read_to_end(&mut file, &mut bytes).map_err(|e| Error::read(path, e))?;
    read::read_bytes(bytes, &options.named_after(path))
}

/// A recommendation assembled from one or more consecutive export rows (a joint
/// recommendation is one row per co-author).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct JointRow {
    /// The recommendation, with all co-authors as recommending States and UPR Info's labels.
    pub recommendation: Recommendation,
    /// UPR Info's response.
    pub response: UprInfoResponse,
    /// The record numbers of the rows merged into it.
    pub records: Vec<usize>,
}

fn same_recommendation(a: &UprInfoRow, b: &UprInfoRow) -> bool {
    a.to == b.to
        && a.session == b.session
        && a.response == b.response
        && a.text.split_whitespace().eq(b.text.split_whitespace())
}

/// Merges consecutive rows that are one joint recommendation (same State under review, session,
/// text and response) into one [`Recommendation`] with all co-authors.
pub fn merge_joint(rows: &[UprInfoRow]) -> Vec<JointRow> {
    let mut joiner = Joiner::default();
    let mut out: Vec<JointRow> = rows.iter().filter_map(|r| joiner.push(r)).collect();
    out.extend(joiner.finish());
    out
}

/// Joins rows, in the order read, into joint rows (what [`merge_joint`] and the stream
/// [`JointRows`] share): a row is added to the joint row before it when it is the same
/// recommendation as the row before it.
#[derive(Debug)]
struct Joiner<R> {
    prev: Option<R>,
    current: Option<JointRow>,
}

impl<R> Default for Joiner<R> {
    fn default() -> Self {
        Joiner {
            prev: None,
            current: None,
        }
    }
}

impl<R: std::borrow::Borrow<UprInfoRow>> Joiner<R> {
    /// Adds a row: the joint row it completes, if it starts a new one.
    fn push(&mut self, row: R) -> Option<JointRow> {
        let r = row.borrow();
        if let (Some(p), Some(last)) = (&self.prev, &mut self.current) {
            if same_recommendation(p.borrow(), r) {
                if let Some(s) = r.from {
                    last.recommendation.add_recommending(s);
                }
                last.records.push(r.record);
                self.prev = Some(row);
                return None;
            }
        }
        let joint = joint_row(r);
        self.prev = Some(row);
        self.current.replace(joint)
    }

    /// The last joint row.
    fn finish(&mut self) -> Option<JointRow> {
        self.prev = None;
        self.current.take()
    }
}

/// A joint row of one row.
fn joint_row(row: &UprInfoRow) -> JointRow {
    let mut rec = Recommendation::new(
        row.to,
        row.session,
        row.text.clone(),
        SourceId::from(SOURCE),
    )
    .with_recommending(row.from);
    if row.action.is_some() || !row.issues.is_empty() {
        rec = rec.with_labels(HumanLabels {
            labeller: SOURCE.into(),
            action_category: row.action,
            issues: row.issues.clone(),
        });
    }
    JointRow {
        recommendation: rec,
        response: row.response,
        records: vec![row.record],
    }
}

/// Reads an export as crate [`Recommendation`]s: the rows of a joint recommendation merged
/// ([`merge_joint`]), with UPR Info's labels. Each response becomes a [`ResponseEvent`](crate::ResponseEvent)
/// (stage [`Stage::Adoption`](crate::Stage::Adoption), source [`SOURCE`]). UPR Info does not date its responses, so the
/// event is dated only when the context gives the day positions were made public; otherwise it
/// is [undated](crate::ResponseEvent#undated-events), and a `Query` over the latest responses
/// still counts it. The rows carry their session: the context's session is not used.
///
/// `Accepted` is [`ResponseStatus::Supported`], `Noted` [`ResponseStatus::Noted`], and a
/// `Voluntary Pledge` (the State's own commitment) [`ResponseStatus::Supported`].
///
/// # Errors
/// As [`read`](fn@read). The report counts the recommendations, after merging.
pub fn read_recommendations(
    reader: impl std::io::Read,
    options: &ReadOptions,
    context: &Context,
) -> Result<Parsed<Recommendation>> {
    Ok(recommendations(read(reader, options)?, context))
}

/// Reads an export file as recommendations (its path names it in errors unless the options name
/// it).
///
/// # Errors
/// As [`read_recommendations`], and [`Error::Io`] if the file cannot be opened.
pub fn read_recommendations_path(
    path: impl AsRef<Path>,
    options: &ReadOptions,
    context: &Context,
) -> Result<Parsed<Recommendation>> {
    Ok(recommendations(read_path(path, options)?, context))
}

/// The rows read, merged into recommendations, with their responses (dated when the context dates them).
fn recommendations(rows: Parsed<UprInfoRow>, context: &Context) -> Parsed<Recommendation> {
    let Parsed {
        records,
        mut report,
    } = rows;
    let date = context.position_date();
    let out: Vec<Recommendation> = merge_joint(&records)
        .into_iter()
        .map(|j| {
            report.problems.extend(merged_lines(&j));
            stream::with_response(j, date)
        })
        .collect();
    report.records = out.len();
    Parsed {
        records: out,
        report,
    }
}

/// One report line per row merged into the first row of a joint row.
fn merged_lines(joint: &JointRow) -> impl Iterator<Item = Problem> + '_ {
    let first = joint.records.first().copied().unwrap_or_default();
    joint.records.iter().skip(1).map(move |&n| Problem {
        location: Location::Record(n),
        action: Action::Merged,
        reason: format!(
            "merged into record {first}: one joint recommendation (same State under review, \
             session, response and text; its recommending States joined)"
        ),
        found: excerpt(joint.recommendation.text()),
    })
}

/// The crate's status of a UPR Info response.
fn response_status(response: UprInfoResponse) -> ResponseStatus {
    match response {
        UprInfoResponse::Accepted | UprInfoResponse::VoluntaryPledge => ResponseStatus::Supported,
        UprInfoResponse::Noted => ResponseStatus::Noted,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Stage;
    use crate::format::Mode;

    const SAMPLE: &[u8] = b"To,To-Rgrp,To-Org,Text,From,From-Rgrp,From-Org,Response,Action,Issue,Session\r\
DPR Korea,Asia,,\"Close camps, now\",Canada,WEOG,,Noted,5,\"Detention,Torture and other CID treatment\",6\r\
DPR Korea,Asia,,\"Close camps, now\",Korea DPR,Asia,,Noted,5,\"Detention,Torture and other CID treatment\",6\r\
DPR Korea,Asia,,Consider things,&#40;Unknown&#41;,&#40;Unknown&#41;,,Accepted,3,General,6\r\
DPR Korea,Asia,,Bad row,Atlantis,WEOG,,Accepted,3,General,6\r";

    #[test]
    fn strict_reports_the_record() {
        let err = read(SAMPLE, &ReadOptions::new().with_name("s.csv")).unwrap_err();
        assert_eq!(
            err.to_string(),
            r#"s.csv: record 4: expected a known State name in From, found "Atlantis""#
        );
    }

    #[test]
    fn lenient_keeps_the_rest_and_says_why() {
        let p = read(SAMPLE, &ReadOptions::lenient()).unwrap();
        assert_eq!(p.records.len(), 3);
        assert_eq!(p.report.skipped().count(), 1);
        assert_eq!(p.report.repaired().count(), 1);
        assert_eq!(p.records[2].from, None);
        assert_eq!(p.records[0].issues.len(), 2);
        let merged = merge_joint(&p.records);
        assert_eq!(merged.len(), 2);
        assert_eq!(merged[0].records, vec![1, 2]);
        assert!(merged[0].recommendation.is_joint());
    }

    #[test]
    fn one_column_table() {
        let names: Vec<&str> = Column::ALL.iter().map(|c| c.name()).collect();
        assert_eq!(names, COLUMNS);
        assert_eq!(Column::Issue.name(), "Issue");
        let optional: Vec<&str> = Column::ALL
            .iter()
            .filter(|c| !c.required())
            .map(|c| c.name())
            .collect();
        assert_eq!(optional, ["Action", "Issue"]);
    }

    #[test]
    fn missing_columns_are_an_error() {
        let err = read(
            &b"To,Text\rX,Y\r"[..],
            &ReadOptions::lenient().with_mode(Mode::Lenient),
        )
        .unwrap_err();
        assert_eq!(
            err.to_string(),
            r#"<input>: line 1: expected a header with the UPR Info columns To,To-Rgrp,To-Org,Text,From,From-Rgrp,From-Org,Response,Session, found "To,Text""#
        );
    }

    #[test]
    fn recommendations_merged_and_dated_when_the_context_says() {
        let p = read_recommendations(SAMPLE, &ReadOptions::lenient(), &Context::new()).unwrap();
        assert_eq!(p.records.len(), 2);
        assert_eq!(p.report.records, 2);
        assert_eq!(p.report.skipped().count(), 1);
        assert!(p.records[0].is_joint());
        assert!(p.records.iter().all(|r| r.responses().is_undated()));
        assert!(
            p.records
                .iter()
                .all(|r| r.responses().latest().unwrap().stage == Stage::Adoption)
        );
        assert_eq!(p.records[0].labels().unwrap().issues.len(), 2);
        let d = chrono::NaiveDate::from_ymd_opt(2010, 3, 18).unwrap();
        let dated = Context::new().with_position_date(d);
        let p = read_recommendations(SAMPLE, &ReadOptions::lenient(), &dated).unwrap();
        let events: Vec<(Stage, ResponseStatus, String)> = p
            .records
            .iter()
            .filter_map(|r| r.responses().latest())
            .map(|e| (e.stage, e.status, e.source.to_string()))
            .collect();
        assert_eq!(
            events,
            [
                (Stage::Adoption, ResponseStatus::Noted, SOURCE.to_string()),
                (
                    Stage::Adoption,
                    ResponseStatus::Supported,
                    SOURCE.to_string()
                ),
            ]
        );
        assert_eq!(p.records[0].responses().latest().unwrap().date, Some(d));
        let err = read_recommendations(SAMPLE, &ReadOptions::new(), &dated).unwrap_err();
        assert!(err.to_string().contains("record 4"), "{err}");
        assert_eq!(
            response_status(UprInfoResponse::VoluntaryPledge),
            ResponseStatus::Supported
        );
    }

    #[test]
    fn recommendations_from_a_path() {
        let path = std::env::temp_dir().join(format!("upr-upr-info-{}.csv", std::process::id()));
        std::fs::write(&path, SAMPLE).unwrap();
        let p = read_recommendations_path(&path, &ReadOptions::lenient(), &Context::new());
        std::fs::remove_file(&path).unwrap();
        let p = p.unwrap();
        assert_eq!(p.records.len(), 2);
        assert_eq!(p.report.input, path.display().to_string());
    }
}
