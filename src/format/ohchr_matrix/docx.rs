//! The matrix as OHCHR publishes it: a Word table (`.docx`), one row per recommendation under
//! `Theme:` (or `Right or area:`) rows that span the table.
//!
//! The columns are found by their headings: the recommendation (`Recommendation`,
//! `Recommendation and recommending State`), the recommending States where they have a column of
//! their own (`Recommending state/s`, one State per line: Word's `<w:br/>`), the position
//! (`Position`, `Position of the State under review`), the themes and affected persons (`Full
//! list of themes`, `Full list of rights/affected persons`, `Human rights themes and groups of
//! persons`) and the SDGs (`Relevant SDGs`, `- 16 - PEACE, JUSTICE ...`). Each cell's lines are
//! read as the flattened text's lines are (see the [module docs](super)), so the two layouts give
//! the same records. The review comes from the page header (`UPR of Slovenia (2nd Cycle – 20th
//! session)`). A record's [`line`](super::MatrixRecord::line) is its row in the table (the header
//! row is row 1).

use super::read::{Row, footer, paragraph_line};
use super::{MatrixRecord, MatrixReview};
use crate::format::docx::{self, Cell};
use crate::format::{Parsed, Problems, ReadOptions};
use crate::{Encoding, Location, Result, Sdg, UhriTheme};

/// Which column holds what.
#[derive(Debug, Default, Clone, Copy)]
struct Columns {
    recommendation: Option<usize>,
    states: Option<usize>,
    position: Option<usize>,
    themes: Option<usize>,
    sdgs: Option<usize>,
}

impl Columns {
    /// The columns of a heading row, if it is one.
    fn of(cells: &[Cell]) -> Option<Columns> {
        let mut c = Columns::default();
        for (i, cell) in cells.iter().enumerate() {
            let t = cell.text().to_ascii_lowercase();
            if t.starts_with("recommending state") {
                c.states = Some(i);
            } else if t.starts_with("recommendation") {
                c.recommendation = Some(i);
            } else if t.starts_with("position") {
                c.position = Some(i);
            } else if t.contains("sdg") {
                c.sdgs = Some(i);
            } else if t.starts_with("full list of") || t.contains("themes") {
                c.themes = Some(i);
            }
        }
        (c.recommendation.is_some() && c.position.is_some()).then_some(c)
    }
}

/// Reads the matrix from the bytes of a `.docx`.
pub(super) fn read(bytes: &[u8], options: &ReadOptions) -> Result<Parsed<MatrixRecord>> {
    let input = options.name();
    let tables = docx::tables(bytes, input)?;
    let mut problems = Problems::new(options);
    let review = review(bytes, input, &mut problems)?;
    let mut out = Vec::new();
    let mut columns: Option<Columns> = None;
    let mut section: Option<UhriTheme> = None;
    for (n, row) in tables.iter().flat_map(|t| t.rows.iter()).enumerate() {
        let line = n + 1;
        let loc = Location::Record(line);
        let cells = &row.cells;
        if let Some(c) = Columns::of(cells) {
            columns = Some(c);
            continue;
        }
        let Some(cols) = columns else {
            let expected = "the table's heading row (Recommendation, Position, ...)";
            problems.skip(loc, expected, &first_text(cells))?;
            continue;
        };
        if let Some(heading) = section_heading(cells) {
            section = heading_theme(heading, loc, &mut problems)?;
            continue;
        }
        if let Some(r) = record(line, cells, cols, section.clone(), &mut problems)? {
            out.push(r);
        }
    }
    for r in &mut out {
        r.review = review;
    }
    if out.is_empty() {
        let expected = "a matrix with at least one recommendation";
        problems.skip(Location::Whole, expected, "no recommendation")?;
    }
    Ok(problems.parsed(Encoding::Utf8, out))
}

/// The review from the page header; none is a problem only when a header says `UPR of` and
/// does not read.
fn review(bytes: &[u8], input: &str, problems: &mut Problems) -> Result<Option<MatrixReview>> {
    for h in docx::header_texts(bytes, input)? {
        let Some(at) = h.find("UPR of ") else {
            continue;
        };
        let t = h.get(at..).unwrap_or_default();
        if let Some(r) = footer(t) {
            return Ok(Some(r));
        }
        if names_state_and_cycle(t) {
            // `UPR of Egypt - Second Cycle`: no session; the caller's context can give it.
            return Ok(None);
        }
        let expected = "a page header such as UPR of China (2nd Cycle – 17th session)";
        problems.flaw(Location::Whole, expected, "no review from the header", t)?;
    }
    Ok(None)
}

/// `UPR of Egypt - Second Cycle ...`: a header that names the State and the cycle only.
fn names_state_and_cycle(t: &str) -> bool {
    let Some(rest) = t.strip_prefix("UPR of ") else {
        return false;
    };
    let Some((name, after)) = rest.split_once(" - ") else {
        return false;
    };
    let cycle = after.split_whitespace().next().unwrap_or_default();
    crate::State::resolve(name.trim()).is_ok() && cycle.parse::<crate::Cycle>().is_ok()
}

fn first_text(cells: &[Cell]) -> String {
    cells.first().map(Cell::text).unwrap_or_default()
}

/// `Theme: A12 ...` or `Right or area: 2.1. ...` in a row whose other cells are empty.
fn section_heading(cells: &[Cell]) -> Option<String> {
    let first = first_text(cells);
    let rest = cells.iter().skip(1).all(|c| c.text().is_empty());
    let heading = first
        .strip_prefix("Theme:")
        .or_else(|| first.strip_prefix("Right or area:"))?;
    rest.then(|| heading.trim().to_owned())
}

/// The section's theme: a coded theme; a heading by name only (the 2025 layout, whose rows
/// name their themes too) gives none; a heading whose code does not read is a problem.
fn heading_theme(
    heading: String,
    loc: Location,
    problems: &mut Problems,
) -> Result<Option<UhriTheme>> {
    if let Ok(t) = UhriTheme::parse(&heading) {
        return Ok(Some(t));
    }
    let coded = heading
        .split_whitespace()
        .next()
        .is_some_and(|w| w.bytes().any(|b| b.is_ascii_digit()));
    if coded {
        let expected = "a theme code and name after Theme:";
        problems.flaw(loc, expected, "records under it get no section", &heading)?;
    }
    Ok(None)
}

/// One recommendation row, its cells fed to the row reader the flattened text uses.
fn record(
    line: usize,
    cells: &[Cell],
    cols: Columns,
    section: Option<UhriTheme>,
    problems: &mut Problems,
) -> Result<Option<MatrixRecord>> {
    let loc = Location::Record(line);
    let cell = |i: Option<usize>| i.and_then(|i| cells.get(i));
    let mut lines = cell(cols.recommendation).into_iter().flat_map(Cell::lines);
    let Some(first) = lines.next() else {
        problems.skip(loc, "a recommendation in the row", &first_text(cells))?;
        return Ok(None);
    };
    let Some((paragraph, _)) = paragraph_line(first) else {
        let expected = "a recommendation starting with its paragraph number";
        problems.skip(loc, expected, first)?;
        return Ok(None);
    };
    let mut row = Row::new(line, paragraph, first, section);
    row.in_table = true;
    for t in lines {
        row.line(loc, t, problems)?;
    }
    if let Some(c) = cell(cols.states) {
        row.listed = Some(c.lines().map(str::to_owned).collect());
    }
    for c in [cols.position, cols.themes].into_iter().filter_map(cell) {
        for t in c.lines() {
            row.line(loc, t, problems)?;
        }
    }
    if let Some(c) = cell(cols.sdgs) {
        for t in c.lines() {
            sdg(&mut row, loc, t, problems)?;
        }
    }
    row.into_record(problems)
}

/// `- 16 - PEACE, JUSTICE AND STRONG INSTITUTIONS`.
fn sdg(row: &mut Row, loc: Location, t: &str, problems: &mut Problems) -> Result<()> {
    let n = t.trim_start_matches(['-', ' ']);
    let digits: String = n.chars().take_while(char::is_ascii_digit).collect();
    match digits.parse::<u8>().ok().and_then(|d| Sdg::new(d).ok()) {
        Some(g) => {
            if !row.sdgs.contains(&g) {
                row.sdgs.push(g);
            }
            Ok(())
        }
        None => problems.flaw(
            loc,
            "an SDG line such as - 16 - PEACE, JUSTICE AND STRONG INSTITUTIONS",
            "left the line out",
            t,
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::format::docx::tests::docx;
    use crate::{State, UprPosition};

    fn cell(lines: &[&str]) -> String {
        let runs: Vec<String> = lines
            .iter()
            .map(|l| format!("<w:p><w:r><w:t>{l}</w:t></w:r></w:p>"))
            .collect();
        format!("<w:tc>{}</w:tc>", runs.concat())
    }

    fn table(rows: &[Vec<String>]) -> String {
        let rows: Vec<String> = rows
            .iter()
            .map(|r| format!("<w:tr>{}</w:tr>", r.concat()))
            .collect();
        format!(
            "<w:document><w:body><w:tbl>{}</w:tbl></w:body></w:document>",
            rows.concat()
        )
    }

    #[test]
    fn reads_rows_with_a_states_column() {
        let xml = table(&[
            vec![
                cell(&["Recommendation"]),
                cell(&["Recommending state/s"]),
                cell(&["Position"]),
                cell(&["Full list of rights/affected persons"]),
            ],
            vec![
                cell(&["Right or area: 2.1. Acceptance of international norms"]),
                cell(&[]),
                cell(&[]),
                cell(&[]),
            ],
            vec![
                cell(&[
                    "166.6. Ratify the Rome Statute of the ICC (Chile); (Estonia);",
                    "Source of position: A/HRC/28/16/Add.1",
                ]),
                "<w:tc><w:p><w:r><w:t>Chile</w:t><w:br/><w:t>Estonia</w:t></w:r></w:p></w:tc>"
                    .to_owned(),
                cell(&["Supported/Noted"]),
                cell(&[
                    "2.1. Acceptance of international norms",
                    "Affected persons:",
                    "- general",
                ]),
            ],
            vec![
                cell(&["no number here"]),
                cell(&[]),
                cell(&["Noted"]),
                cell(&[]),
            ],
        ]);
        let p = read(&docx(&xml), &ReadOptions::lenient()).unwrap();
        assert_eq!(p.records.len(), 1);
        let r = &p.records[0];
        assert_eq!(r.paragraph.to_string(), "166.6");
        assert_eq!(r.line, 3);
        assert_eq!(r.text, "Ratify the Rome Statute of the ICC");
        assert_eq!(
            r.recommending,
            [
                State::resolve("Chile").unwrap(),
                State::resolve("Estonia").unwrap()
            ]
        );
        assert_eq!(r.position, UprPosition::SupportedNoted);
        assert_eq!(r.themes.len(), 1);
        assert!(r.section.is_some());
        assert_eq!(p.report.skipped().count(), 1, "{:?}", p.report.problems);
        let err = read(&docx(&xml), &ReadOptions::new().with_name("m.docx")).unwrap_err();
        assert!(
            err.to_string().starts_with(
                "m.docx: record 4: expected a recommendation starting with its paragraph number"
            ),
            "{err}"
        );
    }

    #[test]
    fn reads_the_2025_layout() {
        let xml = table(&[
            vec![
                cell(&["Recommendation and recommending State"]),
                cell(&["Position of the State under review"]),
                cell(&["Human rights themes and groups of persons"]),
                cell(&["Relevant SDGs"]),
            ],
            vec![
                cell(&["Theme: Ratification of &amp; accession to international instruments"]),
                cell(&[]),
                cell(&[]),
                cell(&[]),
            ],
            vec![
                cell(&[
                    "140.7 Ratify the Optional Protocol (Maldives) (Portugal);",
                    "Source of Position: A/HRC/59/15/Add.1 - Para.3",
                ]),
                cell(&["Supported"]),
                cell(&[
                    "- Ratification of &amp; accession to international instruments",
                    "Groups of Persons:",
                    "- Public officials",
                ]),
                cell(&["- 1 - NO POVERTY", "- 16 - PEACE"]),
            ],
        ]);
        let p = read(&docx(&xml), &ReadOptions::new()).unwrap();
        let r = &p.records[0];
        assert_eq!(
            r.theme_names,
            ["Ratification of & accession to international instruments"]
        );
        assert_eq!(
            r.sdgs.iter().map(|s| s.number()).collect::<Vec<_>>(),
            [1, 16]
        );
        assert_eq!(r.affected_persons.len(), 1);
        assert_eq!(
            r.source_of_position
                .as_ref()
                .and_then(|s| s.paragraph)
                .map(|p| p.to_string()),
            Some("3".into())
        );
        assert!(r.section.is_none());
    }
}
