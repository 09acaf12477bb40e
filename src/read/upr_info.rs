//! The UPR Info database export (`To,To-Rgrp,To-Org,Text,From,From-Rgrp,From-Org,Response,Action,Issue,Session`).
//!
//! Mac OS Roman, CR-only line ends, one recommending State per row (a joint recommendation
//! appears once per co-author), `Issue` multi-valued inside one quoted field. The `Action` and
//! `Issue` columns are optional (the DPRK session-19 file has neither). A recommender written
//! `(Unknown)` (HTML-escaped as `&#40;Unknown&#41;` in the export) is read as `None` and listed as
//! a repair in the report.

use std::fmt;
use std::path::Path;
use std::str::FromStr;

use serde::{Deserialize, Serialize};
use strum::{EnumString, IntoStaticStr, VariantArray};

use super::{Parsed, Problems, ReadOptions, read_all};
use crate::{
    ActionCategory, Error, HumanLabels, Issue, Location, Recommendation, RegionalGroup, Result,
    Session, SourceId, State, encoding,
};

/// The source key rows from the UPR Info database carry.
pub const SOURCE: &str = "UPR Info database";

/// UPR Info's response column.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    EnumString,
    IntoStaticStr,
    VariantArray,
)]
#[strum(ascii_case_insensitive)]
#[non_exhaustive]
pub enum UprInfoResponse {
    /// `Accepted`.
    #[strum(serialize = "Accepted")]
    Accepted,
    /// `Noted`: UPR Info folds partial acceptance, rejection and no response into it.
    #[strum(serialize = "Noted")]
    Noted,
    /// `Voluntary Pledge`: a commitment the State under review made itself.
    #[strum(serialize = "Voluntary Pledge")]
    VoluntaryPledge,
}

impl UprInfoResponse {
    /// UPR Info's spelling.
    pub fn name(self) -> &'static str {
        self.into()
    }
}

impl fmt::Display for UprInfoResponse {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl Serialize for UprInfoResponse {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.serialize_str(self.name())
    }
}

impl<'de> Deserialize<'de> for UprInfoResponse {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        UprInfoResponse::from_str(&s)
            .map_err(|_| serde::de::Error::custom(format!("unknown UPR Info response {s:?}")))
    }
}

/// One row of the export.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UprInfoRow {
    /// 1-based record number in the file (header not counted).
    pub record: usize,
    /// State under review.
    pub to: State,
    /// Its regional group as written.
    pub to_group: Option<RegionalGroup>,
    /// Organisations it belongs to.
    pub to_org: Vec<String>,
    /// The recommendation text.
    pub text: String,
    /// Recommending State; `None` where the export says `(Unknown)`.
    pub from: Option<State>,
    /// Recommending State's group as written; `None` for `Observer` and `(Unknown)`.
    pub from_group: Option<RegionalGroup>,
    /// Organisations the recommending State belongs to.
    pub from_org: Vec<String>,
    /// UPR Info's response.
    pub response: UprInfoResponse,
    /// UPR Info's action category, where the file has the column.
    pub action: Option<ActionCategory>,
    /// UPR Info's issues, where the file has the column.
    pub issues: Vec<Issue>,
    /// Working Group session.
    pub session: Session,
}

const REQUIRED: [&str; 9] = [
    "To",
    "To-Rgrp",
    "To-Org",
    "Text",
    "From",
    "From-Rgrp",
    "From-Org",
    "Response",
    "Session",
];

fn unescape(s: &str) -> String {
    if !s.contains("&#") {
        return s.trim().to_owned();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find("&#") {
        out.push_str(&rest[..i]);
        let tail = &rest[i + 2..];
        match tail.find(';').and_then(|j| {
            tail[..j]
                .parse::<u32>()
                .ok()
                .and_then(char::from_u32)
                .map(|c| (c, j))
        }) {
            Some((c, j)) => {
                out.push(c);
                rest = &tail[j + 1..];
            }
            None => {
                out.push_str("&#");
                rest = tail;
            }
        }
    }
    out.push_str(rest);
    out.trim().to_owned()
}

fn orgs(s: &str) -> Vec<String> {
    s.split(',')
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Reads a UPR Info export from any reader.
///
/// # Errors
/// In strict mode, the first row that cannot be read: a missing column, an unknown State name,
/// response, action category, issue or session, with its record number. In both modes, a
/// header without the required columns, or an I/O failure.
pub fn read(reader: impl std::io::Read, options: &ReadOptions) -> Result<Parsed<UprInfoRow>> {
    let bytes = read_all(reader, options)?;
    let (text, used) = encoding::decode(&bytes, options.get_encoding())?;
    read_str(&text, used, options)
}

/// Reads a UPR Info export file (its path names it in errors unless the options name it).
///
/// # Errors
/// As [`read`], and [`Error::Io`] if the file cannot be opened.
pub fn read_path(path: impl AsRef<Path>, options: &ReadOptions) -> Result<Parsed<UprInfoRow>> {
    let path = path.as_ref();
    let file = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
    let options = if options.get_name() == "<input>" {
        options.clone().name(path.display().to_string())
    } else {
        options.clone()
    };
    read(std::io::BufReader::new(file), &options)
}

fn read_str(
    text: &str,
    used: crate::Encoding,
    options: &ReadOptions,
) -> Result<Parsed<UprInfoRow>> {
    let mut problems = Problems::new(options);
    let mut csv = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(text.as_bytes());
    let header = csv
        .headers()
        .map_err(|e| {
            Error::from(crate::ParseError {
                input: options.get_name().into(),
                location: Location::Line(1),
                expected: "a CSV header".into(),
                found: e.to_string(),
            })
        })?
        .clone();
    let col = |name: &str| header.iter().position(|h| h.trim() == name);
    let mut idx = [0usize; 9];
    for (slot, name) in idx.iter_mut().zip(REQUIRED) {
        *slot = col(name).ok_or_else(|| {
            Error::from(crate::ParseError {
                input: options.get_name().into(),
                location: Location::Line(1),
                expected: format!("a header with the UPR Info columns {}", REQUIRED.join(",")),
                found: header.iter().collect::<Vec<_>>().join(","),
            })
        })?;
    }
    let [
        i_to,
        i_to_rgrp,
        i_to_org,
        i_text,
        i_from,
        i_from_rgrp,
        i_from_org,
        i_resp,
        i_sess,
    ] = idx;
    let i_action = col("Action");
    let i_issue = col("Issue");

    let mut rows = Vec::new();
    let mut record_buf = csv::StringRecord::new();
    let mut n = 0usize;
    loop {
        match csv.read_record(&mut record_buf) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                n += 1;
                let loc = Location::Record(n);
                problems.skip(loc, "a well-formed CSV record", &e.to_string())?;
                continue;
            }
        }
        let r = &record_buf;
        if r.len() == 1 && r.get(0).is_some_and(|f| f.trim().is_empty()) {
            continue; // a blank line is no record, and takes no number
        }
        n += 1;
        let loc = Location::Record(n);
        let field = |i: usize| r.get(i).unwrap_or("");
        if r.len() < header.len() {
            problems.skip(
                loc,
                format!("{} fields as in the header", header.len()),
                &r.iter().collect::<Vec<_>>().join(","),
            )?;
            continue;
        }
        let to = match State::resolve(&unescape(field(i_to))) {
            Ok(s) => s,
            Err(_) => {
                problems.skip(loc, "a known State name in To", field(i_to))?;
                continue;
            }
        };
        let from_raw = unescape(field(i_from));
        let unknown_from = from_raw == "(Unknown)";
        let from = if unknown_from {
            None
        } else {
            match State::resolve(&from_raw) {
                Ok(s) => Some(s),
                Err(_) => {
                    problems.skip(loc, "a known State name in From", field(i_from))?;
                    continue;
                }
            }
        };
        let group = |s: &str| -> std::result::Result<Option<RegionalGroup>, ()> {
            match unescape(s).as_str() {
                "" | "Observer" | "(Unknown)" => Ok(None),
                g => RegionalGroup::parse(g).map(Some).map_err(|_| ()),
            }
        };
        let Ok(to_group) = group(field(i_to_rgrp)) else {
            problems.skip(
                loc,
                "a regional group in To-Rgrp (Africa, Asia, EEG, GRULAC, WEOG)",
                field(i_to_rgrp),
            )?;
            continue;
        };
        let Ok(from_group) = group(field(i_from_rgrp)) else {
            problems.skip(
                loc,
                "a regional group in From-Rgrp (Africa, Asia, EEG, GRULAC, WEOG, Observer)",
                field(i_from_rgrp),
            )?;
            continue;
        };
        let Ok(response) = UprInfoResponse::from_str(field(i_resp).trim()) else {
            problems.skip(
                loc,
                "Accepted, Noted or Voluntary Pledge in Response",
                field(i_resp),
            )?;
            continue;
        };
        let action = match i_action.map(field).map(str::trim) {
            None | Some("") => None,
            Some(a) => match a.parse::<ActionCategory>() {
                Ok(c) => Some(c),
                Err(_) => {
                    problems.skip(loc, "an action category 1-5 in Action", a)?;
                    continue;
                }
            },
        };
        let issues = match i_issue.map(field) {
            None => Vec::new(),
            Some(s) => match Issue::parse_list(s) {
                Ok(v) => v,
                Err(_) => {
                    problems.skip(loc, "UPR Info issues separated by commas in Issue", s)?;
                    continue;
                }
            },
        };
        let Ok(session) = field(i_sess).trim().parse::<Session>() else {
            problems.skip(
                loc,
                "a Working Group session number in Session",
                field(i_sess),
            )?;
            continue;
        };
        if unknown_from {
            // Reported once the row is known to be kept, so no skipped row is also "repaired".
            problems.repair(
                loc,
                "recommending State is (Unknown) in the source; kept with no State",
                field(i_from),
            );
        }
        rows.push(UprInfoRow {
            record: n,
            to,
            to_group,
            to_org: orgs(field(i_to_org)),
            text: unescape(field(i_text)),
            from,
            from_group,
            from_org: orgs(field(i_from_org)),
            response,
            action,
            issues,
            session,
        });
    }
    let report = problems.finish(used, rows.len());
    Ok(Parsed {
        records: rows,
        report,
    })
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
    let mut out: Vec<JointRow> = Vec::new();
    let mut prev: Option<&UprInfoRow> = None;
    for row in rows {
        if let (Some(p), Some(last)) = (prev, out.last_mut()) {
            if same_recommendation(p, row) {
                if let Some(s) = row.from {
                    last.recommendation.add_recommending(s);
                }
                last.records.push(row.record);
                prev = Some(row);
                continue;
            }
        }
        let labels = HumanLabels {
            labeller: SOURCE.into(),
            action_category: row.action,
            issues: row.issues.clone(),
        };
        let mut rec = Recommendation::new(
            row.to,
            row.session,
            row.text.clone(),
            SourceId::from(SOURCE),
        )
        .with_recommending(row.from);
        if row.action.is_some() || !row.issues.is_empty() {
            rec = rec.with_labels(labels);
        }
        out.push(JointRow {
            recommendation: rec,
            response: row.response,
            records: vec![row.record],
        });
        prev = Some(row);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::Mode;

    const SAMPLE: &[u8] = b"To,To-Rgrp,To-Org,Text,From,From-Rgrp,From-Org,Response,Action,Issue,Session\r\
DPR Korea,Asia,,\"Close camps, now\",Canada,WEOG,,Noted,5,\"Detention,Torture and other CID treatment\",6\r\
DPR Korea,Asia,,\"Close camps, now\",Korea DPR,Asia,,Noted,5,\"Detention,Torture and other CID treatment\",6\r\
DPR Korea,Asia,,Consider things,&#40;Unknown&#41;,&#40;Unknown&#41;,,Accepted,3,General,6\r\
DPR Korea,Asia,,Bad row,Atlantis,WEOG,,Accepted,3,General,6\r";

    #[test]
    fn strict_reports_the_record() {
        let err = read(SAMPLE, &ReadOptions::new().name("s.csv")).unwrap_err();
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
    fn missing_columns_are_an_error() {
        let err = read(
            &b"To,Text\rX,Y\r"[..],
            &ReadOptions::lenient().mode(Mode::Lenient),
        )
        .unwrap_err();
        assert!(
            err.to_string()
                .contains("expected a header with the UPR Info columns"),
            "{err}"
        );
    }
}
