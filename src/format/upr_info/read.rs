//! Reading the export: decoded once, split into borrowed fields, each row read column by column
//! with the vocabulary columns resolved once per distinct spelling.

use std::borrow::Cow;
use std::collections::HashMap;
use std::str::FromStr;
use std::sync::Arc;

use super::{COLUMNS, Column, UprInfoRow};
use crate::format::csv_stream::{CsvStream, RowParser};
use crate::format::csv_text::{Merge, read_cut};
use crate::format::{Parsed, Problems, ReadOptions, RecordStream, parse_error};
use crate::{
    ActionCategory, Issue, Location, RegionalGroup, Result, Session, State, UprInfoResponse,
};

/// Reads the export from its bytes (a UTF-8 byte-order mark is dropped): the stream over them,
/// collected.
pub(super) fn read_bytes(bytes: Vec<u8>, options: &ReadOptions) -> Result<Parsed<UprInfoRow>> {
    CsvStream::<_, RowReader>::from_bytes(bytes, options)
        .header()?
        .collect_parsed()
}

/// Reads records into rows: the header's columns, the memo and the problems found so far (the
/// whole-file reader and the streaming one share it).
pub(super) struct RowReader {
    header: Header,
    memo: Memo,
    problems: Problems,
    /// Records numbered so far.
    n: usize,
}

impl RowParser for RowReader {
    type Row = UprInfoRow;

    /// From the header's fields (a header without the required columns is an error).
    fn from_header(header: &[Cow<'_, str>], options: &ReadOptions) -> Result<RowReader> {
        Ok(RowReader {
            header: Header::find(header, options)?,
            memo: Memo::default(),
            problems: Problems::new(options),
            n: 0,
        })
    }

    /// The header's width.
    fn width(&self) -> usize {
        self.header.width
    }

    /// One record: the row, or `None` for a blank line or a record skipped (in lenient mode;
    /// an error in strict mode). `merge`: the splitter cut the record where a quote opened in it
    /// swallowed the next row (an error in strict mode; reported in lenient mode).
    fn row(&mut self, fields: &[Cow<'_, str>], merge: Option<Merge>) -> Result<Option<UprInfoRow>> {
        if merge.is_none()
            && fields.len() == 1
            && fields.first().is_some_and(|f| f.trim().is_empty())
        {
            return Ok(None); // a blank line is no record, and takes no number
        }
        self.n += 1;
        let (n, header, memo) = (self.n, &self.header, &mut self.memo);
        read_cut(
            merge,
            &mut self.problems,
            Location::Record(n),
            fields,
            |p| read_record(header, memo, p, fields, n),
        )
    }

    fn into_problems(self) -> Problems {
        self.problems
    }
}

/// Reads record `n` into a row, or skips it.
fn read_record(
    header: &Header,
    memo: &mut Memo,
    problems: &mut Problems,
    fields: &[Cow<'_, str>],
    n: usize,
) -> Result<Option<UprInfoRow>> {
    let loc = Location::Record(n);
    if fields.len() < header.width {
        let expected = format!("{} fields as in the header", header.width);
        problems.skip(loc, expected, &fields.join(","))?;
        return Ok(None);
    }
    match read_row(header, fields, n, memo) {
        Ok(row) => {
            if row.from.is_none() {
                // Reported once the row is known to be kept, so no skipped row is also
                // "repaired".
                problems.repair(
                    loc,
                    "recommending State is (Unknown) in the source; kept with no State",
                    header.field(fields, Column::From),
                );
            }
            Ok(Some(row))
        }
        Err((expected, found)) => {
            problems.skip(loc, expected, found)?;
            Ok(None)
        }
    }
}

/// Where each column is in the file's header.
struct Header {
    /// By [`Column`]: `None` for an optional column the file does not have.
    index: [Option<usize>; COLUMNS.len()],
    /// How many fields the header has.
    width: usize,
}

impl Header {
    /// Finds every column (names compared trimmed); a required one missing is an error.
    fn find(header: &[Cow<'_, str>], options: &ReadOptions) -> Result<Header> {
        let mut index = [None; COLUMNS.len()];
        for (slot, &column) in index.iter_mut().zip(Column::ALL) {
            *slot = header.iter().position(|h| h.trim() == column.name());
            if slot.is_none() && column.required() {
                let required: Vec<&str> = Column::ALL
                    .iter()
                    .filter(|c| c.required())
                    .map(|c| c.name())
                    .collect();
                return Err(parse_error(
                    options,
                    Location::Line(1),
                    format!("a header with the UPR Info columns {}", required.join(",")),
                    header.join(","),
                ));
            }
        }
        Ok(Header {
            index,
            width: header.len(),
        })
    }

    /// The field of `column` in a record, if the file has the column.
    fn get<'r>(&self, record: &'r [Cow<'_, str>], column: Column) -> Option<&'r str> {
        let i = self.index.get(column as usize).copied().flatten()?;
        Some(record.get(i).map_or("", |f| f))
    }

    /// The field of a required column (empty if the record is short).
    fn field<'r>(&self, record: &'r [Cow<'_, str>], column: Column) -> &'r str {
        self.get(record, column).unwrap_or_default()
    }
}

/// What a row was expected to hold, and the field found instead.
type Bad<'r> = (&'static str, &'r str);

/// Reads one record (of the header's width) into a row, column by column.
fn read_row<'r>(
    header: &Header,
    r: &'r [Cow<'_, str>],
    record: usize,
    memo: &mut Memo,
) -> std::result::Result<UprInfoRow, Bad<'r>> {
    let field = |c: Column| header.field(r, c);
    let to = memo
        .state(field(Column::To))
        .ok_or(("a known State name in To", field(Column::To)))?;
    let from = from_state(field(Column::From), memo)?;
    let to_group = memo.group(field(Column::ToRgrp)).map_err(|()| {
        let expected = "a regional group in To-Rgrp (Africa, Asia, EEG, GRULAC, WEOG)";
        (expected, field(Column::ToRgrp))
    })?;
    let from_group = memo.group(field(Column::FromRgrp)).map_err(|()| {
        let expected = "a regional group in From-Rgrp (Africa, Asia, EEG, GRULAC, WEOG, Observer)";
        (expected, field(Column::FromRgrp))
    })?;
    let resp = field(Column::Response);
    let response = UprInfoResponse::from_str(resp.trim())
        .map_err(|_| ("Accepted, Noted or Voluntary Pledge in Response", resp))?;
    let action = action(header.get(r, Column::Action))?;
    let issues = match header.get(r, Column::Issue) {
        None => Vec::new(),
        Some(s) => memo
            .issues(s)
            .ok_or(("UPR Info issues separated by commas in Issue", s))?,
    };
    let sess = field(Column::Session);
    let session = memo
        .session(sess)
        .ok_or(("a Working Group session number in Session", sess))?;
    Ok(UprInfoRow {
        record,
        to,
        to_group,
        to_org: memo.orgs(field(Column::ToOrg)),
        text: unescape(field(Column::Text)),
        from,
        from_group,
        from_org: memo.orgs(field(Column::FromOrg)),
        response,
        action,
        issues,
        session,
    })
}

/// The recommending State: `None` for `(Unknown)` (HTML-escaped as `&#40;Unknown&#41;`).
fn from_state<'r>(raw: &'r str, memo: &mut Memo) -> std::result::Result<Option<State>, Bad<'r>> {
    if raw.trim_start().starts_with(['(', '&']) && unescape(raw) == "(Unknown)" {
        return Ok(None);
    }
    match memo.state(raw) {
        Some(s) => Ok(Some(s)),
        None => Err(("a known State name in From", raw)),
    }
}

/// The action category, where the file has the column and the field is not empty.
fn action(field: Option<&str>) -> std::result::Result<Option<ActionCategory>, Bad<'_>> {
    match field.map(str::trim) {
        None | Some("") => Ok(None),
        Some(a) => match a.parse::<ActionCategory>() {
            Ok(c) => Ok(Some(c)),
            Err(_) => Err(("an action category 1-5 in Action", a)),
        },
    }
}

/// Decodes the export's HTML character references (`&#40;`) and trims.
pub(super) fn unescape(s: &str) -> String {
    if !s.contains("&#") {
        return s.trim().to_owned();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find("&#") {
        out.push_str(rest.get(..i).unwrap_or_default());
        let tail = rest.get(i + 2..).unwrap_or_default();
        let reference = tail.find(';').and_then(|j| {
            let c = tail
                .get(..j)?
                .parse::<u32>()
                .ok()
                .and_then(char::from_u32)?;
            Some((c, j))
        });
        match reference {
            Some((c, j)) => {
                out.push(c);
                rest = tail.get(j + 1..).unwrap_or_default();
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

/// Organisations, comma-separated.
fn orgs(s: &str) -> Vec<String> {
    s.split(',')
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(str::to_owned)
        .collect()
}

/// The memo's map: a fast hasher seeded at random (foldhash), so that keys chosen by whoever
/// wrote the file cannot be made to collide (a fixed-seed multiply-rotate hash made 40,000
/// crafted `To-Org` values take 18.8 s).
type FastMap<K, V> = HashMap<K, V, foldhash::fast::RandomState>;

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

/// The memoised value of `raw` in `map`, computed by `f` the first time.
fn memoised<V: Clone>(map: &mut FastMap<String, V>, raw: &str, f: impl FnOnce(&str) -> V) -> V {
    if let Some(v) = map.get(raw) {
        return v.clone();
    }
    let v = f(raw);
    map.insert(raw.to_owned(), v.clone());
    v
}

impl Memo {
    fn state(&mut self, raw: &str) -> Option<State> {
        memoised(&mut self.states, raw, |r| State::lookup(&unescape(r)))
    }

    /// `Ok(None)` for an empty group, `Observer` and `(Unknown)`; `Err` for an unknown group.
    fn group(&mut self, raw: &str) -> std::result::Result<Option<RegionalGroup>, ()> {
        memoised(&mut self.groups, raw, |r| match unescape(r).as_str() {
            "" | "Observer" | "(Unknown)" => Ok(None),
            g => RegionalGroup::parse(g).map(Some).map_err(|_| ()),
        })
    }

    fn issues(&mut self, raw: &str) -> Option<Vec<Issue>> {
        memoised(&mut self.issues, raw, |r| Issue::parse_list(r).ok())
    }

    /// One shared list per distinct spelling: a clone is a reference count, not an allocation.
    fn orgs(&mut self, raw: &str) -> Arc<[String]> {
        memoised(&mut self.orgs, raw, |r| orgs(r).into())
    }

    fn session(&mut self, raw: &str) -> Option<Session> {
        memoised(&mut self.sessions, raw, |r| {
            r.trim().parse::<Session>().ok()
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_are_decoded() {
        assert_eq!(unescape(" &#40;Unknown&#41; "), "(Unknown)");
        assert_eq!(unescape("a &#38;#40; b"), "a &#40; b");
        assert_eq!(unescape("&#x; &#99999999;"), "&#x; &#99999999;");
        assert_eq!(orgs(" OIC, ,NAM "), ["OIC", "NAM"]);
    }

    #[test]
    fn action_and_unknown_from() {
        assert_eq!(action(None), Ok(None));
        assert_eq!(action(Some(" ")), Ok(None));
        assert_eq!(action(Some("5")), Ok(Some(ActionCategory::Specific)));
        assert_eq!(
            action(Some(" 9 ")),
            Err(("an action category 1-5 in Action", "9"))
        );
        let mut memo = Memo::default();
        assert_eq!(from_state("&#40;Unknown&#41;", &mut memo), Ok(None));
        assert_eq!(
            from_state("Atlantis", &mut memo),
            Err(("a known State name in From", "Atlantis"))
        );
    }
}
