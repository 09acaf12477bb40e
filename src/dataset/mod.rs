//! The embedded DPRK dataset: every recommendation of its first two reviews with its response
//! history, the figures sources publish about all four reviews, and the sources themselves.
//!
//! The files live under `data/dprk/` in reviewable text and are compiled into the crate:
//!
//! - `sources.tsv`: who published what, when, with document symbols and file names;
//! - `figures.tsv`: published figures with the verbatim quote that states each (checked against
//!   the seed texts by the test suite);
//! - `upr-info-joins.tsv`: which UPR Info export rows were matched to which recommendation;
//! - `recommendations.jsonl`: one recommendation per line, **generated** from the seed
//!   documents, the Working Group reports and the UPR Info export in `../shared` by the
//!   generator in `tools/` (regenerate with `cargo run -p upr-tools --bin regenerate_dataset`;
//!   a test fails if the committed file differs from what the generator makes).

use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use crate::tsv::{self, Row};
use crate::{
    Cycle, DocumentSymbol, Error, ParagraphRef, Recommendation, ResponseStatus, Result, Source,
    SourceId, SourceKind, UprInfoResponse,
};

mod documents;
mod figures;

pub use documents::{FigureCheck, JoinProblem, PositionDisagreement, Review, ReviewDocuments};

pub use figures::{
    ApproxDate, CountCheck, DisagreeingValue, Disagreement, FigureValue, NotCheckable,
    PublishedFigure, Quantity, Recomputed, ShareCheck, Verdict, disagreements,
};

/// The version of the embedded data; bumped whenever `data/dprk/` changes.
pub const DATA_VERSION: &str = "2026-12-02.2";

/// `data/dprk/sources.tsv`.
pub const SOURCES_TSV: &str = include_str!("../../data/dprk/sources.tsv");
/// `data/dprk/figures.tsv`.
pub const FIGURES_TSV: &str = include_str!("../../data/dprk/figures.tsv");
/// `data/dprk/recommendations.jsonl`.
pub const RECOMMENDATIONS_JSONL: &str = include_str!("../../data/dprk/recommendations.jsonl");
/// `data/dprk/partial-lists.tsv`.
pub const PARTIAL_LISTS_TSV: &str = include_str!("../../data/dprk/partial-lists.tsv");
/// `data/dprk/upr-info-joins.tsv`.
pub const UPR_INFO_JOINS_TSV: &str = include_str!("../../data/dprk/upr-info-joins.tsv");

/// Which rows of a UPR Info export were matched to a report paragraph, and their responses.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RowJoin {
    /// The review cycle.
    pub cycle: crate::Cycle,
    /// The paragraph.
    pub paragraph: crate::ParagraphRef,
    /// The export's record numbers.
    pub records: Vec<usize>,
    /// The export's responses, aligned with `records`.
    pub responses: Vec<crate::UprInfoResponse>,
}

/// The source id of the UPR Info database export, where a cycle's final positions come from it
/// (the DPRK's second review).
const UPR_INFO_DB: &str = "upr-info-db";

/// Counts of the UPR Info export rows that give a cycle's final positions: one row per part of
/// a recommendation UPR Info split, so they can differ from the counts of the recommendations.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct RowCounts {
    /// Rows matched to the cycle's recommendations.
    pub rows: u64,
    /// Rows UPR Info gives as accepted.
    pub accepted: u64,
    /// The other rows of recommendations left for examination at the Working Group (UPR Info
    /// folds partially accepted, noted and rejected into noted).
    pub noted: u64,
    /// The other rows of recommendations rejected at the Working Group.
    pub rejected_at_working_group: u64,
}

/// A dataset: sources, published figures, and recommendations.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dataset {
    /// The sources rows and figures cite.
    pub sources: Vec<Source>,
    /// Published figures.
    pub figures: Vec<PublishedFigure>,
    /// Recommendations with their response histories.
    pub recommendations: Vec<Recommendation>,
    /// The UPR Info export rows matched to each recommendation (cycle 1: sessions-6-9.csv,
    /// cycle 2: dprk-session-19-unlabelled.csv).
    pub upr_info_rows: Vec<RowJoin>,
    /// Cycles whose recommendations the dataset holds only in part (a source's selection):
    /// statistics over them are not the cycle's totals, and figures for them are not checked.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub partial_lists: Vec<PartialList>,
}

/// A cycle whose recommendations a dataset holds only in part.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PartialList {
    /// The State under review.
    pub state: crate::State,
    /// The cycle.
    pub cycle: crate::Cycle,
    /// The source the partial list comes from.
    pub source: SourceId,
    /// What it holds.
    pub note: String,
}

impl Dataset {
    /// The cycles of a State whose recommendations the dataset holds only in part.
    pub fn partial_cycles(&self, state: crate::State) -> Vec<crate::Cycle> {
        self.partial_lists
            .iter()
            .filter(|p| p.state == state)
            .map(|p| p.cycle)
            .collect()
    }

    /// Whether the dataset holds only part of a review's recommendations.
    pub fn is_partial(&self, state: crate::State, cycle: crate::Cycle) -> bool {
        self.partial_lists
            .iter()
            .any(|p| p.state == state && p.cycle == cycle)
    }

    /// The embedded DPRK dataset, parsed once.
    ///
    /// # Panics
    /// Never on a released crate: the embedded files are parsed and checked by the test suite,
    /// so an invalid file is a build defect, not a run-time condition a caller could handle.
    #[allow(clippy::expect_used)]
    pub fn dprk() -> &'static Dataset {
        static DATA: OnceLock<Dataset> = OnceLock::new();
        DATA.get_or_init(|| {
            Dataset::parse(SOURCES_TSV, FIGURES_TSV, RECOMMENDATIONS_JSONL)
                .and_then(|mut d| {
                    d.upr_info_rows = parse_joins(UPR_INFO_JOINS_TSV)?;
                    d.partial_lists = parse_partial_lists(PARTIAL_LISTS_TSV)?;
                    Ok(d)
                })
                .expect("the embedded DPRK dataset parses (tests/dprk_figures.rs)")
        })
    }

    /// Parses the three files.
    ///
    /// # Errors
    /// [`Error::Parse`] with the file and line of the first bad row.
    pub fn parse(sources: &str, figures: &str, recommendations: &str) -> Result<Dataset> {
        let sources = parse_sources(sources)?;
        let figures = parse_figures(figures)?;
        let mut recs = Vec::new();
        for (i, line) in recommendations.lines().enumerate() {
            if line.trim().is_empty() {
                continue;
            }
            let r: Recommendation = serde_json::from_str(line).map_err(|e| {
                let row = Row {
                    line: i + 1,
                    text: line,
                };
                bad("data/dprk/recommendations.jsonl", row, &e.to_string())
            })?;
            recs.push(r);
        }
        let data = Dataset {
            sources,
            figures,
            recommendations: recs,
            upr_info_rows: Vec::new(),
            partial_lists: Vec::new(),
        };
        data.check()?;
        Ok(data)
    }

    /// Checks that every cited source exists.
    fn check(&self) -> Result<()> {
        let known = |id: &SourceId| self.sources.iter().any(|s| &s.id == id);
        for f in &self.figures {
            if !known(&f.source) {
                return Err(Error::unknown("source id", f.source.as_str()));
            }
        }
        for r in &self.recommendations {
            if !known(r.source()) {
                return Err(Error::unknown("source id", r.source().as_str()));
            }
            for e in r.responses().events() {
                if !known(&e.source) {
                    return Err(Error::unknown("source id", e.source.as_str()));
                }
            }
        }
        Ok(())
    }

    /// The source with this id.
    pub fn source(&self, id: &SourceId) -> Option<&Source> {
        self.sources.iter().find(|s| &s.id == id)
    }

    /// Places where published figures disagree.
    pub fn disagreements(&self) -> Vec<Disagreement> {
        disagreements(&self.figures)
    }

    /// Whether the final positions of a cycle's recommendations come from the UPR Info database
    /// export (some response event cites source `upr-info-db`).
    fn positions_from_upr_info(&self, cycle: Cycle) -> bool {
        self.recommendations
            .iter()
            .filter(|r| r.cycle() == cycle)
            .flat_map(|r| r.responses().events())
            .any(|e| e.source.as_str() == UPR_INFO_DB)
    }

    /// The UPR Info export rows that give a cycle's final positions, counted: `None` when the
    /// positions do not come from UPR Info (or no rows are matched). For the DPRK's second review
    /// these are 269 rows for 268 paragraphs, 114 accepted for 113.
    ///
    /// ```
    /// use upr::{Cycle, Dataset};
    ///
    /// let rows = Dataset::dprk().upr_info_row_counts(Cycle::SECOND).unwrap();
    /// assert_eq!((rows.rows, rows.accepted), (269, 114));
    /// assert!(Dataset::dprk().upr_info_row_counts(Cycle::FIRST).is_none());
    /// ```
    pub fn upr_info_row_counts(&self, cycle: Cycle) -> Option<RowCounts> {
        let joins: Vec<&RowJoin> = self
            .upr_info_rows
            .iter()
            .filter(|j| j.cycle == cycle)
            .collect();
        if joins.is_empty() || !self.positions_from_upr_info(cycle) {
            return None;
        }
        let rejected_at_wg = |p: &ParagraphRef| {
            self.recommendations
                .iter()
                .find(|r| r.cycle() == cycle && r.reference().as_ref() == Some(p))
                .and_then(|r| r.responses().events().first())
                .is_some_and(|e| e.status == ResponseStatus::RejectedAtWorkingGroup)
        };
        let mut counts = RowCounts {
            rows: 0,
            accepted: 0,
            noted: 0,
            rejected_at_working_group: 0,
        };
        for j in joins {
            let at_wg = rejected_at_wg(&j.paragraph);
            for r in &j.responses {
                counts.rows += 1;
                match (r, at_wg) {
                    (UprInfoResponse::Accepted, _) => counts.accepted += 1,
                    (_, true) => counts.rejected_at_working_group += 1,
                    _ => counts.noted += 1,
                }
            }
        }
        Some(counts)
    }
}

/// A parse error at a row, showing (the start of) the row.
fn bad(file: &str, row: Row<'_>, expected: &str) -> Error {
    row.error(file, expected, crate::format::excerpt(row.text))
}

fn opt(s: &str) -> Option<&str> {
    match s.trim() {
        "" | "-" => None,
        t => Some(t),
    }
}

/// Parses `sources.tsv`.
///
/// # Errors
/// [`Error::Parse`] naming the line.
pub fn parse_sources(tsv: &str) -> Result<Vec<Source>> {
    const FILE: &str = "data/dprk/sources.tsv";
    let mut out = Vec::new();
    for row in tsv::rows(tsv) {
        let f: Vec<&str> = row.fields().collect();
        let [id, kind, publisher, title, date, symbol, file] = f.as_slice() else {
            return Err(bad(
                FILE,
                row,
                "7 tab-separated fields: id, kind, publisher, title, date, symbol, file",
            ));
        };
        let kind: SourceKind = serde_json::from_value(serde_json::Value::String((*kind).into()))
            .map_err(|_| {
                bad(
                    FILE,
                    row,
                    "a source kind (un_document, seed, dataset, publication, state_statement)",
                )
            })?;
        let date = opt(date)
            .map(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d"))
            .transpose()
            .map_err(|_| bad(FILE, row, "a date YYYY-MM-DD or -"))?;
        let symbol = opt(symbol)
            .map(DocumentSymbol::new)
            .transpose()
            .map_err(|e| bad(FILE, row, &e.to_string()))?;
        out.push(Source {
            id: SourceId((*id).to_owned()),
            kind,
            title: (*title).to_owned(),
            publisher: (*publisher).to_owned(),
            date,
            symbol,
            file: opt(file).map(str::to_owned),
        });
    }
    Ok(out)
}

/// Parses `upr-info-joins.tsv` (cycle, paragraph, record numbers, responses, match score).
///
/// # Errors
/// [`Error::Parse`] naming the line.
pub fn parse_joins(tsv: &str) -> Result<Vec<RowJoin>> {
    const FILE: &str = "data/dprk/upr-info-joins.tsv";
    let mut out = Vec::new();
    for row in tsv::rows(tsv) {
        let f: Vec<&str> = row.fields().collect();
        let [cycle, paragraph, records, responses, _score] = f.as_slice() else {
            return Err(bad(
                FILE,
                row,
                "5 tab-separated fields: cycle, paragraph, records, responses, score",
            ));
        };
        let paragraph = paragraph
            .parse()
            .map_err(|e: Error| bad(FILE, row, &e.to_string()))?;
        let records = records
            .split(',')
            .map(|r| r.parse::<usize>())
            .collect::<std::result::Result<Vec<_>, _>>()
            .map_err(|_| bad(FILE, row, "record numbers separated by commas"))?;
        let responses = responses
            .split(',')
            .map(|r| r.parse::<crate::UprInfoResponse>())
            .collect::<std::result::Result<Vec<_>, _>>()
            .map_err(|_| bad(FILE, row, "UPR Info responses separated by commas"))?;
        if records.len() != responses.len() {
            return Err(bad(FILE, row, "as many responses as records"));
        }
        let cycle = cycle
            .parse()
            .map_err(|e: Error| bad(FILE, row, &e.to_string()))?;
        out.push(RowJoin {
            cycle,
            paragraph,
            records,
            responses,
        });
    }
    Ok(out)
}

/// Parses `partial-lists.tsv`: cycle, source, note (the State is the DPRK).
///
/// # Errors
/// [`Error::Parse`] naming the line and the field.
pub fn parse_partial_lists(tsv: &str) -> Result<Vec<PartialList>> {
    const FILE: &str = "data/dprk/partial-lists.tsv";
    let mut out = Vec::new();
    for row in tsv::rows(tsv) {
        let f: Vec<&str> = row.fields().collect();
        let [cycle, source, note] = f.as_slice() else {
            return Err(bad(
                FILE,
                row,
                "3 tab-separated fields: cycle, source, note",
            ));
        };
        out.push(PartialList {
            state: crate::State::PRK,
            cycle: cycle
                .parse()
                .map_err(|e: Error| bad(FILE, row, &format!("a cycle ({e})")))?,
            source: SourceId((*source).to_owned()),
            note: (*note).to_owned(),
        });
    }
    Ok(out)
}

/// `1` of `1-3`.
fn first_cycle(cycle: &str) -> &str {
    cycle.split_once('-').map_or(cycle, |(first, _)| first)
}

/// Parses `figures.tsv` (a cycle `1-3` is a figure over cycles 1 through 3).
///
/// # Errors
/// [`Error::Parse`] naming the line and the field.
pub fn parse_figures(tsv: &str) -> Result<Vec<PublishedFigure>> {
    const FILE: &str = "data/dprk/figures.tsv";
    let mut out = Vec::new();
    for row in tsv::rows(tsv) {
        let f: Vec<&str> = row.fields().collect();
        let [
            id,
            cycle,
            quantity,
            value,
            topic,
            as_of,
            source,
            quote,
            note,
        ] = f.as_slice()
        else {
            return Err(bad(
                FILE,
                row,
                "9 tab-separated fields: id, cycle, quantity, value, topic, as_of, source, quote, note",
            ));
        };
        let field = |what: &str, e: Error| bad(FILE, row, &format!("{what} ({e})"));
        out.push(PublishedFigure {
            id: (*id).to_owned(),
            state: crate::State::PRK,
            cycle: first_cycle(cycle)
                .parse()
                .map_err(|e| field("a cycle", e))?,
            through: match cycle.split_once('-') {
                Some((_, last)) => Some(last.parse().map_err(|e| field("a last cycle", e))?),
                None => None,
            },
            quantity: quantity
                .parse()
                .map_err(|_| field("a quantity", Error::unknown("quantity", *quantity)))?,
            value: value.parse().map_err(|e| field("a value", e))?,
            topic: opt(topic).map(str::to_owned),
            as_of: as_of.parse().map_err(|e| field("a date", e))?,
            source: SourceId((*source).to_owned()),
            quote: opt(quote).map(str::to_owned),
            note: opt(note).map(str::to_owned),
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_tables_parse() {
        let s = parse_sources(SOURCES_TSV).unwrap();
        assert!(s.iter().any(|s| s.id.as_str() == "A/HRC/13/13"));
        let f = parse_figures(FIGURES_TSV).unwrap();
        assert!(f.len() > 40);
    }

    #[test]
    fn bad_rows_name_the_line() {
        let err =
            parse_figures("# header\nx\t1\treceived\tmany\t-\t2014\tseed-000\t-\t-\n").unwrap_err();
        assert_eq!(
            err.to_string(),
            "data/dprk/figures.tsv: line 2: expected a value (invalid figure value \"many\": expected a count (167), a lower bound (20+) or a percentage (49%)), found \"x\\t1\\treceived\\tmany\\t-\\t2014\\tseed-000\\t-\\t-\""
        );
    }

    #[test]
    fn upr_info_rows_count_the_parts_of_the_second_review() {
        let data = Dataset::dprk();
        assert_eq!(
            data.upr_info_row_counts(Cycle::SECOND),
            Some(RowCounts {
                rows: 269,
                accepted: 114,
                noted: 72,
                rejected_at_working_group: 83,
            })
        );
        // The first review's positions are the DPRK's own (its 2014 position paper).
        assert!(data.upr_info_row_counts(Cycle::FIRST).is_none());
        assert!(data.upr_info_row_counts(Cycle::THIRD).is_none());
    }
}
