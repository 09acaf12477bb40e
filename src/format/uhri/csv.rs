//! The UHRI CSV export: snake_case columns, one row per recommendation (see the
//! [module docs](super)).

use ::csv::StringRecord;

use super::UhriRecord;
use super::record::{Names, Raw, build};
use crate::format::{Parsed, Problems, ReadOptions, csv_with_header, next_csv_record, parse_error};
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
    fn find(header: &StringRecord, options: &ReadOptions) -> Result<Columns> {
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
                    header.iter().collect::<Vec<_>>().join(","),
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
    fn raw(&self, row: &StringRecord) -> Raw {
        let get = |i: usize| row.get(i).unwrap_or_default().to_owned();
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

/// Reads the export from decoded text.
pub(super) fn read_str(
    text: &str,
    used: crate::format::encoding::Decoded,
    options: &ReadOptions,
) -> Result<Parsed<UhriRecord>> {
    let mut problems = Problems::new(options);
    let (mut csv, header) = csv_with_header(text, options)?;
    let columns = Columns::find(&header, options)?;
    let mut out = Vec::new();
    let mut row = StringRecord::new();
    let mut n = 0usize;
    while next_csv_record(&mut csv, &mut row, &mut n, &mut problems)? {
        n += 1;
        if !has_fields(&row, header.len(), n, &mut problems)? {
            continue;
        }
        if let Some(r) = build(columns.raw(&row), n, &NAMES, &mut problems)? {
            out.push(r);
        }
    }
    Ok(problems.parsed(used, out))
}

/// Whether row `n` has the header's fields: a blank line is passed over (reported when it has
/// several empty fields), a short row skipped.
fn has_fields(row: &StringRecord, width: usize, n: usize, problems: &mut Problems) -> Result<bool> {
    let loc = Location::Record(n);
    if row.iter().all(|f| f.trim().is_empty()) {
        if row.len() > 1 {
            problems.skip(loc, "a record with fields", "")?;
        }
        return Ok(false);
    }
    if row.len() < width {
        let found = row.iter().collect::<Vec<_>>().join(",");
        problems.skip(loc, format!("{width} fields as in the header"), &found)?;
        return Ok(false);
    }
    Ok(true)
}
