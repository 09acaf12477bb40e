//! The UHRI CSV export: snake_case columns, one row per recommendation (see the
//! [module docs](super)).

use std::borrow::Cow;

use super::UhriRecord;
use super::record::{Names, Raw, build};
use crate::format::csv_stream::{CsvStream, RowParser};
use crate::format::csv_text::{Merge, read_cut};
use crate::format::{Parsed, Problems, ReadOptions, RecordStream, excerpt, parse_error};
use crate::{Location, Result};

/// The columns, as messages name them.
const NAMES: Names = Names {
    text: "text",
    states: "upr_reccomending_states",
    position: "upr_position",
    themes: "themes",
    sdgs: "sdgs",
    affected: "affected_persons",
    concerned: "countries_concerned",
    body: "reccomending_body",
    kind: "type",
    session: "upr_session",
    cycle: "upr_session",
    document: "document_symbol",
    regions: "upr_recommending_regions",
};

/// Where each column is in the header: the first three are required, the others optional.
struct Columns {
    text: usize,
    states: usize,
    position: usize,
    themes: Option<usize>,
    affected: Option<usize>,
    concerned: Option<usize>,
    body: Option<usize>,
    session: Option<usize>,
    document: Option<usize>,
    kind: Option<usize>,
    sdgs: Option<usize>,
}

impl Columns {
    /// Finds the columns (names compared trimmed and case-insensitively, with UHRI's spelling
    /// `reccomending` or the correct one).
    fn find(header: &[Cow<'_, str>], options: &ReadOptions) -> Result<Columns> {
        let col = |names: &[&str]| {
            header
                .iter()
                .position(|h| names.iter().any(|n| h.trim().eq_ignore_ascii_case(n)))
        };
        let need = |names: &[&str]| {
            col(names).ok_or_else(|| {
                parse_error(
                    options,
                    Location::Line(1),
                    "a header with the UHRI columns text, upr_reccomending_states and upr_position",
                    excerpt(&header.join(",")),
                )
            })
        };
        Ok(Columns {
            text: need(&["text"])?,
            states: need(&["upr_reccomending_states", "upr_recommending_states"])?,
            position: need(&["upr_position"])?,
            themes: col(&["themes"]),
            affected: col(&["affected_persons"]),
            concerned: col(&["countries_concerned"]),
            body: col(&["reccomending_body", "recommending_body"]),
            session: col(&["upr_session"]),
            document: col(&["document_symbol"]),
            kind: col(&["type"]),
            sdgs: col(&["sdgs"]),
        })
    }

    /// The raw fields of one row (SDGs separated by commas or semicolons).
    fn raw(&self, row: &[Cow<'_, str>]) -> Raw {
        let get = |i: usize| row.get(i).map_or_else(String::new, |f| f.to_string());
        let opt = |i: Option<usize>| i.map(get).into_iter().collect::<Vec<_>>();
        Raw {
            text: Some(get(self.text)),
            states: vec![get(self.states)],
            positions: vec![get(self.position)],
            themes: opt(self.themes),
            sdgs: opt(self.sdgs)
                .iter()
                .flat_map(|s| s.split([',', ';']).map(str::to_owned))
                .collect(),
            affected: opt(self.affected),
            concerned: opt(self.concerned),
            body: opt(self.body),
            kind: opt(self.kind),
            session: opt(self.session),
            cycle: Vec::new(),
            document: self.document.map(get),
            regions: Vec::new(),
        }
    }
}

/// Reads the export from decoded text: the stream over it, collected.
pub(super) fn read_str(
    text: String,
    used: crate::format::encoding::Decoded,
    options: &ReadOptions,
) -> Result<Parsed<UhriRecord>> {
    CsvStream::<_, RowReader>::from_text(text, used, options)
        .header()?
        .collect_parsed()
}

/// Reads records into UHRI records: the columns, the header's width and the problems found so
/// far (the whole-text reader and the streaming one share it).
pub(super) struct RowReader {
    columns: Columns,
    width: usize,
    problems: Problems,
    /// Records numbered so far.
    n: usize,
}

impl RowParser for RowReader {
    type Row = UhriRecord;

    /// From the header's fields (an error in both modes if it lacks the required columns).
    fn from_header(header: &[Cow<'_, str>], options: &ReadOptions) -> Result<RowReader> {
        Ok(RowReader {
            columns: Columns::find(header, options)?,
            width: header.len(),
            problems: Problems::new(options),
            n: 0,
        })
    }

    fn width(&self) -> usize {
        self.width
    }

    /// One record: the UHRI record, or `None` for a row passed over or skipped (in lenient
    /// mode). `merge`: the splitter cut the record where a quote swallowed the next row (an
    /// error in strict mode; reported in lenient mode).
    fn row(&mut self, fields: &[Cow<'_, str>], merge: Option<Merge>) -> Result<Option<UhriRecord>> {
        self.n += 1;
        let (n, width, columns) = (self.n, self.width, &self.columns);
        read_cut(
            merge,
            &mut self.problems,
            Location::Record(n),
            fields,
            |p| {
                if !has_fields(fields, width, n, p)? {
                    return Ok(None);
                }
                build(columns.raw(fields), n, &NAMES, p)
            },
        )
    }

    fn into_problems(self) -> Problems {
        self.problems
    }
}

/// Whether row `n` has the header's fields: a blank line is passed over (reported when it has
/// several empty fields), a short row skipped.
fn has_fields(
    row: &[Cow<'_, str>],
    width: usize,
    n: usize,
    problems: &mut Problems,
) -> Result<bool> {
    let loc = Location::Record(n);
    if row.iter().all(|f| f.trim().is_empty()) {
        if row.len() > 1 {
            problems.skip(loc, "a record with fields", "")?;
        }
        return Ok(false);
    }
    if row.len() < width {
        problems.skip(
            loc,
            format!("{width} fields as in the header"),
            &row.join(","),
        )?;
        return Ok(false);
    }
    Ok(true)
}
