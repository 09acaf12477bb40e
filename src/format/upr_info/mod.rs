//! The UPR Info database export (`To,To-Rgrp,To-Org,Text,From,From-Rgrp,From-Org,Response,Action,Issue,Session`).
//!
//! Mac OS Roman, CR-only line ends, one recommending State per row (a joint recommendation
//! appears once per co-author), `Issue` multi-valued inside one quoted field. The `Action` and
//! `Issue` columns are optional (the DPRK session-19 file has neither). A recommender written
//! `(Unknown)` (HTML-escaped as `&#40;Unknown&#41;` in the export) is read as `None` and listed as
//! a repair in the report.

use std::borrow::Cow;
use std::collections::HashMap;
use std::path::Path;
use std::str::FromStr;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

mod write;

pub use write::{
    COLUMNS, LineEnd, WriteOptions, recommendation_rows, upr_info_response, write_recommendations,
    write_rows,
};

use super::csv_text::Records;
use super::{Parsed, Problems, ReadOptions, read_all};
use crate::UprInfoResponse;
use crate::format::encoding;
use crate::{
    ActionCategory, Encoding, Error, HumanLabels, Issue, Location, Recommendation, RegionalGroup,
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
    read_bytes(bytes, options)
}

/// Reads a UPR Info export file (its path names it in errors unless the options name it).
///
/// # Errors
/// As [`read`], and [`Error::Io`] if the file cannot be opened.
pub fn read_path(path: impl AsRef<Path>, options: &ReadOptions) -> Result<Parsed<UprInfoRow>> {
    let path = path.as_ref();
    // Room to decode Mac OS Roman in place (a few high bytes widen) without a second buffer.
    let mut file = std::fs::File::open(path).map_err(|e| Error::read(path, e))?;
    let size = file.metadata().map_or(0, |m| m.len());
    let size = usize::try_from(size).unwrap_or(0);
    let mut bytes = Vec::with_capacity(size + size / 64 + 64);
    std::io::Read::read_to_end(&mut file, &mut bytes).map_err(|e| Error::read(path, e))?;
    read_bytes(bytes, &options.named_after(path))
}

/// A small, fast hasher for the memo's short keys (FxHash's multiply-rotate; the keys come from
/// the file being read, and a collision costs time, never correctness).
#[derive(Default, Clone, Copy)]
struct FxHasher(u64);

impl std::hash::Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        const K: u64 = 0x51_7c_c1_b7_27_22_0a_95;
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut w = [0u8; 8];
            w.copy_from_slice(c);
            self.0 = (self.0.rotate_left(5) ^ u64::from_le_bytes(w)).wrapping_mul(K);
        }
        for &b in chunks.remainder() {
            self.0 = (self.0.rotate_left(5) ^ u64::from(b)).wrapping_mul(K);
        }
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

type FastMap<K, V> = HashMap<K, V, std::hash::BuildHasherDefault<FxHasher>>;

/// Per-read memo of the vocabulary columns: their values repeat (a few hundred State names and
/// issue lists over thousands of rows), so each distinct spelling is resolved once.
#[derive(Default)]
struct Memo {
    states: FastMap<String, Option<State>>,
    groups: FastMap<String, std::result::Result<Option<RegionalGroup>, ()>>,
    issues: FastMap<String, Option<Vec<Issue>>>,
    sessions: FastMap<String, Option<Session>>,
    orgs: FastMap<String, Arc<[String]>>,
}

impl Memo {
    fn state(&mut self, raw: &str) -> Option<State> {
        if let Some(s) = self.states.get(raw) {
            return *s;
        }
        let s = State::resolve(&unescape(raw)).ok();
        self.states.insert(raw.to_owned(), s);
        s
    }

    /// `Ok(None)` for an empty group, `Observer` and `(Unknown)`; `Err` for an unknown group.
    fn group(&mut self, raw: &str) -> std::result::Result<Option<RegionalGroup>, ()> {
        if let Some(g) = self.groups.get(raw) {
            return *g;
        }
        let g = match unescape(raw).as_str() {
            "" | "Observer" | "(Unknown)" => Ok(None),
            g => RegionalGroup::parse(g).map(Some).map_err(|_| ()),
        };
        self.groups.insert(raw.to_owned(), g);
        g
    }

    fn issues(&mut self, raw: &str) -> Option<Vec<Issue>> {
        if let Some(i) = self.issues.get(raw) {
            return i.clone();
        }
        let i = Issue::parse_list(raw).ok();
        self.issues.insert(raw.to_owned(), i.clone());
        i
    }

    /// One shared list per distinct spelling: a clone is a reference count, not an allocation.
    fn orgs(&mut self, raw: &str) -> Arc<[String]> {
        if let Some(o) = self.orgs.get(raw) {
            return Arc::clone(o);
        }
        let o: Arc<[String]> = orgs(raw).into();
        self.orgs.insert(raw.to_owned(), Arc::clone(&o));
        o
    }

    fn session(&mut self, raw: &str) -> Option<Session> {
        if let Some(s) = self.sessions.get(raw) {
            return *s;
        }
        let s = raw.trim().parse::<Session>().ok();
        self.sessions.insert(raw.to_owned(), s);
        s
    }
}

fn read_bytes(mut bytes: Vec<u8>, options: &ReadOptions) -> Result<Parsed<UprInfoRow>> {
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        bytes.drain(..3);
    }
    // Decoded once, whole, in the buffer read (no second copy of a large file); the fields are
    // then slices of this text.
    let (text, used) = match options.encoding() {
        Encoding::MacRoman => (encoding::decode_mac_roman_owned(bytes), Encoding::MacRoman),
        Encoding::Utf8 => match String::from_utf8(bytes) {
            Ok(s) => (s, Encoding::Utf8),
            // The error names the offset of the first bad byte.
            Err(e) => encoding::decode(e.as_bytes(), Encoding::Utf8)?,
        },
        Encoding::Auto => match String::from_utf8(bytes) {
            Ok(s) => (s, Encoding::Utf8),
            Err(e) => (
                encoding::decode_mac_roman_owned(e.into_bytes()),
                Encoding::MacRoman,
            ),
        },
    };
    let mut problems = Problems::new(options);
    let mut csv = Records::new(&text);
    let mut header: Vec<Cow<'_, str>> = Vec::new();
    csv.next_into(&mut header);
    let col = |name: &str| header.iter().position(|h| h.trim() == name);
    let mut idx = [0usize; 9];
    for (slot, name) in idx.iter_mut().zip(REQUIRED) {
        *slot = col(name).ok_or_else(|| {
            Error::from(crate::ParseError {
                input: options.name().into(),
                location: Location::Line(1),
                expected: format!("a header with the UPR Info columns {}", REQUIRED.join(",")),
                found: header.join(","),
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

    let mut memo = Memo::default();
    let mut rows = Vec::with_capacity(text.len() / 200);
    let mut record: Vec<Cow<'_, str>> = Vec::with_capacity(header.len());
    let mut n = 0usize;
    while csv.next_into(&mut record) {
        let r = &record;
        if r.len() == 1 && r.first().is_some_and(|f| f.trim().is_empty()) {
            continue; // a blank line is no record, and takes no number
        }
        n += 1;
        let loc = Location::Record(n);
        let field = |i: usize| -> &str { r.get(i).map_or("", |f| f) };
        if r.len() < header.len() {
            problems.skip(
                loc,
                format!("{} fields as in the header", header.len()),
                &r.join(","),
            )?;
            continue;
        }
        let to_raw = field(i_to);
        let Some(to) = memo.state(to_raw) else {
            problems.skip(loc, "a known State name in To", to_raw)?;
            continue;
        };
        let from_raw = field(i_from);
        let unknown_from =
            from_raw.trim_start().starts_with(['(', '&']) && unescape(from_raw) == "(Unknown)";
        let from = if unknown_from {
            None
        } else {
            match memo.state(from_raw) {
                Some(s) => Some(s),
                None => {
                    problems.skip(loc, "a known State name in From", from_raw)?;
                    continue;
                }
            }
        };
        let to_rgrp = field(i_to_rgrp);
        let Ok(to_group) = memo.group(to_rgrp) else {
            problems.skip(
                loc,
                "a regional group in To-Rgrp (Africa, Asia, EEG, GRULAC, WEOG)",
                to_rgrp,
            )?;
            continue;
        };
        let from_rgrp = field(i_from_rgrp);
        let Ok(from_group) = memo.group(from_rgrp) else {
            problems.skip(
                loc,
                "a regional group in From-Rgrp (Africa, Asia, EEG, GRULAC, WEOG, Observer)",
                from_rgrp,
            )?;
            continue;
        };
        let resp = field(i_resp);
        let Ok(response) = UprInfoResponse::from_str(resp.trim()) else {
            problems.skip(loc, "Accepted, Noted or Voluntary Pledge in Response", resp)?;
            continue;
        };
        let action = match i_action.map(field) {
            None => None,
            Some(a) if a.trim().is_empty() => None,
            Some(a) => match a.parse::<ActionCategory>() {
                Ok(c) => Some(c),
                Err(_) => {
                    problems.skip(loc, "an action category 1-5 in Action", a.trim())?;
                    continue;
                }
            },
        };
        let issues = match i_issue.map(field) {
            None => Vec::new(),
            Some(s) => match memo.issues(s) {
                Some(v) => v,
                None => {
                    problems.skip(loc, "UPR Info issues separated by commas in Issue", s)?;
                    continue;
                }
            },
        };
        let sess = field(i_sess);
        let Some(session) = memo.session(sess) else {
            problems.skip(loc, "a Working Group session number in Session", sess)?;
            continue;
        };
        if unknown_from {
            // Reported once the row is known to be kept, so no skipped row is also "repaired".
            problems.repair(
                loc,
                "recommending State is (Unknown) in the source; kept with no State",
                from_raw,
            );
        }
        rows.push(UprInfoRow {
            record: n,
            to,
            to_group,
            to_org: memo.orgs(field(i_to_org)),
            text: unescape(field(i_text)),
            from,
            from_group,
            from_org: memo.orgs(field(i_from_org)),
            response,
            action,
            issues,
            session,
        });
    }
    Ok(problems.parsed(used, rows))
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
    fn missing_columns_are_an_error() {
        let err = read(
            &b"To,Text\rX,Y\r"[..],
            &ReadOptions::lenient().with_mode(Mode::Lenient),
        )
        .unwrap_err();
        assert!(
            err.to_string()
                .contains("expected a header with the UPR Info columns"),
            "{err}"
        );
    }
}
