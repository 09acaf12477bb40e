//! The generator of the embedded DPRK dataset (`data/dprk/recommendations.jsonl` and
//! `data/dprk/upr-info-joins.tsv`): builds the recommendation-level data from the texts in
//! `../shared` with `upr`'s own readers (its public API only). Run it with
//! `cargo run -p upr-tools --bin regenerate_dataset`; `tools/tests/dataset_regenerates.rs` fails
//! if the committed files differ from what it makes.
//!
//! - **cycle 1**: the 167 recommendations of A/HRC/13/13 (`wg-reports/democraticpeoplesrepublicofkorea2010.txt`):
//!   items 1-117 of paragraph 90 (to be examined) and 1-50 of paragraph 91 (not supported), with
//!   their recommending States; joined by number to the DPRK's 2014 position paper (seed
//!   `001_...`), whose text is checked against the report's. Each gets three events: the Working
//!   Group (9 December 2009), the plenary adoption (18 March 2010, where no acceptance was
//!   identified: seed `003_...`), and the 2014 position paper (April 2014, "a few days before"
//!   the second review of 1 May 2014: seed `000_...`).
//! - **cycle 2**: the 268 paragraphs of A/HRC/27/10 (`...2014.txt`), 185 to be examined and 83
//!   not supported (6 May 2014), joined by text to the 269 rows of the UPR Info export
//!   (`upr-info/dprk-session-19-unlabelled.csv`), which gives the final accepted / noted
//!   position (HRC 27, September 2014). One paragraph matches two rows: UPR Info split a
//!   recommendation the DPRK accepted in part into its accepted and its noted part (that is the
//!   268 against 269, and the 113 against 114 accepted); [`Build::joins`] shows which. Such a
//!   paragraph is recorded as partially supported.

use std::collections::BTreeMap;
use std::path::Path;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use upr::UprInfoResponse;
use upr::format::position_paper::{self, PositionList};
use upr::format::upr_info;
use upr::format::{ReadOptions, wg_report};
use upr::{
    DatePrecision, DocumentSymbol, HumanLabels, ParagraphRef, Recommendation, ResponseEvent,
    ResponseStatus, Result, Session, SourceId, Stage, State, WorkingGroupStatus,
};

/// The seed with the DPRK's 2014 position paper.
pub const POSITION_PAPER: &str = "seeds/001_51bc5754bd0bea4a.txt";
/// The first-review Working Group report text.
pub const WG_2010: &str = "data/wg-reports/democraticpeoplesrepublicofkorea2010.txt";
/// The second-review Working Group report text.
pub const WG_2014: &str = "data/wg-reports/democraticpeoplesrepublicofkorea2014.txt";
/// The UPR Info export of sessions 6-9 (the DPRK's first review, with UPR Info's labels).
pub const UPR_INFO_6_9: &str = "data/upr-info/sessions-6-9.csv";
/// The UPR Info export of the second review.
pub const UPR_INFO_19: &str = "data/upr-info/dprk-session-19-unlabelled.csv";

/// How a cycle-2 paragraph was joined to UPR Info rows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Join {
    /// The review cycle.
    pub cycle: upr::Cycle,
    /// The paragraph (A/HRC/13/13 items for cycle 1, A/HRC/27/10 paragraphs for cycle 2).
    pub paragraph: ParagraphRef,
    /// The UPR Info record numbers matched to it.
    pub records: Vec<usize>,
    /// Their UPR Info responses, in the same order.
    pub responses: Vec<UprInfoResponse>,
    /// The lowest text similarity among the matched rows (0-1).
    pub similarity: f64,
}

/// What the builder made, and what it found on the way.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Build {
    /// The recommendations, cycle 1, cycle 2 (in report order), then the third review's partial
    /// list.
    pub recommendations: Vec<Recommendation>,
    /// The joins to UPR Info rows, both cycles.
    pub joins: Vec<Join>,
    /// Anything that did not line up (texts that differ, rows left over); empty when all is well.
    pub problems: Vec<String>,
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or(NaiveDate::MIN)
}

fn event(
    stage: Stage,
    date: NaiveDate,
    precision: DatePrecision,
    status: ResponseStatus,
    source: &str,
) -> ResponseEvent {
    ResponseEvent {
        stage,
        date: Some(date),
        precision,
        status,
        source: SourceId::from(source),
    }
}

/// Lower-case words of a text, for comparing two renderings of one recommendation.
fn words(s: &str) -> Vec<String> {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// Share of `part`'s words found in `whole` (1 = all of them).
pub fn containment(part: &str, whole: &str) -> f64 {
    let (wp, ww) = (words(part), words(whole));
    if wp.is_empty() {
        return 0.0;
    }
    let found = wp.iter().filter(|w| ww.contains(w)).count();
    found as f64 / wp.len() as f64
}

/// Dice similarity of the two texts' word multisets (1 = same words).
pub fn similarity(a: &str, b: &str) -> f64 {
    let (wa, wb) = (words(a), words(b));
    if wa.is_empty() && wb.is_empty() {
        return 1.0;
    }
    let mut counts: BTreeMap<&str, i32> = BTreeMap::new();
    for w in &wa {
        *counts.entry(w).or_default() += 1;
    }
    let mut common = 0;
    for w in &wb {
        if let Some(c) = counts.get_mut(w.as_str()) {
            if *c > 0 {
                *c -= 1;
                common += 1;
            }
        }
    }
    2.0 * f64::from(common) / (wa.len() + wb.len()) as f64
}

/// Matches each UPR Info row to its best paragraph: by word similarity, or, for a row that is
/// one part of a paragraph UPR Info split in two, by containment with the same recommending
/// State. Returns, per paragraph, the matched rows' indexes and scores.
fn match_rows(
    wg: &[WgItem],
    rows: &[&upr_info::UprInfoRow],
    document: &str,
    problems: &mut Vec<String>,
) -> Vec<Vec<(usize, f64)>> {
    let mut matched: Vec<Vec<(usize, f64)>> = vec![Vec::new(); wg.len()];
    for (ri, row) in rows.iter().enumerate() {
        let scored = wg.iter().enumerate().map(|(i, w)| {
            let dice = similarity(&w.text, &row.text);
            let part = containment(&row.text, &w.text);
            let same_state = row.from.is_some_and(|f| w.recommending.contains(&f));
            let score = if dice >= 0.6 {
                dice
            } else if part >= 0.9 && same_state {
                part * 0.9
            } else {
                dice * 0.5
            };
            (i, score)
        });
        match scored.max_by(|a, b| a.1.total_cmp(&b.1)) {
            Some((i, s)) if s >= 0.6 => {
                if let Some(m) = matched.get_mut(i) {
                    m.push((ri, s));
                }
            }
            Some((i, s)) => problems.push(format!(
                "UPR Info record {}: no paragraph of {document} matches (best {} at {s:.2}): {:?}",
                row.record,
                wg.get(i)
                    .map(|w| w.reference.to_string())
                    .unwrap_or_default(),
                row.text
            )),
            None => problems.push(format!(
                "UPR Info record {}: {document} has no paragraphs",
                row.record
            )),
        }
    }
    matched
}

fn join(
    cycle: upr::Cycle,
    reference: ParagraphRef,
    rows: &[&upr_info::UprInfoRow],
    m: &[(usize, f64)],
) -> Join {
    let matched: Vec<&&upr_info::UprInfoRow> =
        m.iter().filter_map(|(ri, _)| rows.get(*ri)).collect();
    Join {
        cycle,
        paragraph: reference,
        records: matched.iter().map(|x| x.record).collect(),
        responses: matched.iter().map(|x| x.response).collect(),
        similarity: m.iter().map(|(_, s)| *s).fold(1.0, f64::min),
    }
}

struct WgItem {
    reference: ParagraphRef,
    text: String,
    recommending: Vec<State>,
    status: WorkingGroupStatus,
}

fn wg_items(path: &Path) -> Result<Vec<WgItem>> {
    let parsed = wg_report::read_path(path, &ReadOptions::new())?;
    Ok(parsed
        .records
        .into_iter()
        .map(|r| WgItem {
            reference: r.reference,
            text: r.text,
            recommending: r.recommending,
            status: r.status,
        })
        .collect())
}

/// Builds the dataset from the shared folder (the one holding `seeds/` and `data/`).
///
/// # Errors
/// Any reader's error (strict mode), e.g. a missing file or an unreadable row.
pub fn build(shared: &Path) -> Result<Build> {
    let mut problems = Vec::new();
    let (mut recs, mut joins) = cycle1(shared, &mut problems)?;
    let (c2, j2) = cycle2(shared, &mut problems)?;
    recs.extend(c2);
    joins.extend(j2);
    recs.extend(cycle3(shared, &mut problems)?);
    Ok(Build {
        recommendations: recs,
        joins,
        problems,
    })
}

fn cycle1(shared: &Path, problems: &mut Vec<String>) -> Result<(Vec<Recommendation>, Vec<Join>)> {
    let paper = position_paper::read_path(shared.join(POSITION_PAPER), &ReadOptions::new())?;
    let wg = wg_items(&shared.join(WG_2010))?;
    let all_rows = upr_info::read_path(shared.join(UPR_INFO_6_9), &ReadOptions::new())?.records;
    let rows: Vec<&upr_info::UprInfoRow> = all_rows
        .iter()
        .filter(|r| r.to == State::PRK && r.session.number() == 6)
        .collect();
    let matched = match_rows(&wg, &rows, "A/HRC/13/13", problems);
    let mut joins = Vec::new();
    let symbol = DocumentSymbol::new("A/HRC/13/13")?;
    let session = Session::new(6)?;
    let mut out = Vec::new();
    for (item, m) in wg.iter().zip(&matched) {
        let (paragraph, number) = match item.reference {
            ParagraphRef::Item { paragraph, item } => (paragraph, item),
            other => {
                problems.push(format!("A/HRC/13/13: unexpected reference {other}"));
                continue;
            }
        };
        let list = match (paragraph, item.status) {
            (90, WorkingGroupStatus::ToBeExamined) => PositionList::Examined,
            (91, WorkingGroupStatus::NotSupported) => PositionList::RejectedAtWorkingGroup,
            _ => {
                problems.push(format!(
                    "A/HRC/13/13: {} has status {}",
                    item.reference, item.status
                ));
                continue;
            }
        };
        let Some(pos) = paper
            .items
            .records
            .iter()
            .find(|p| p.list == list && p.number == number)
        else {
            problems.push(format!(
                "A/HRC/13/13 {}: not in the position paper",
                item.reference
            ));
            continue;
        };
        let sim = similarity(&item.text, &pos.text);
        if sim < 0.8 {
            problems.push(format!(
                "A/HRC/13/13 {}: text differs from the position paper's (similarity {sim:.2}): {:?} / {:?}",
                item.reference, item.text, pos.text
            ));
        }
        let mut r = Recommendation::new(
            State::PRK,
            session,
            item.text.clone(),
            SourceId::from("A/HRC/13/13"),
        )
        .with_recommending(item.recommending.iter().copied())
        .with_reference(item.reference)
        .with_document(symbol.clone())
        .with_response(event(
            Stage::WorkingGroup,
            day(2009, 12, 9),
            DatePrecision::Day,
            item.status.response(),
            "A/HRC/13/13",
        ))
        .with_response(event(
            Stage::LaterStatement,
            day(2014, 4, 30),
            DatePrecision::Month,
            pos.status,
            "seed-001",
        ));
        if item.status == WorkingGroupStatus::ToBeExamined {
            r.push_response(event(
                Stage::Adoption,
                day(2010, 3, 18),
                DatePrecision::Day,
                ResponseStatus::Pending,
                "seed-003",
            ));
        }
        // UPR Info's analysts labelled these rows (action category, issues).
        match m.as_slice() {
            [(ri, _)] => {
                if let Some(row) = rows.get(*ri) {
                    r = r.with_labels(HumanLabels {
                        labeller: upr_info::SOURCE.into(),
                        action_category: row.action,
                        issues: row.issues.clone(),
                    });
                }
            }
            other => problems.push(format!(
                "A/HRC/13/13 {}: {} UPR Info rows match, expected 1",
                item.reference,
                other.len()
            )),
        }
        joins.push(join(upr::Cycle::FIRST, item.reference, &rows, m));
        out.push(r);
    }
    Ok((out, joins))
}

fn cycle2(shared: &Path, problems: &mut Vec<String>) -> Result<(Vec<Recommendation>, Vec<Join>)> {
    let wg = wg_items(&shared.join(WG_2014))?;
    let rows = upr_info::read_path(shared.join(UPR_INFO_19), &ReadOptions::new())?.records;
    let symbol = DocumentSymbol::new("A/HRC/27/10")?;
    let session = Session::new(19)?;
    let rows: Vec<&upr_info::UprInfoRow> = rows.iter().collect();
    let matched = match_rows(&wg, &rows, "A/HRC/27/10", problems);
    let mut out = Vec::new();
    let mut joins = Vec::new();
    for (item, m) in wg.iter().zip(&matched) {
        let mut r = Recommendation::new(
            State::PRK,
            session,
            item.text.clone(),
            SourceId::from("A/HRC/27/10"),
        )
        .with_recommending(item.recommending.iter().copied())
        .with_reference(item.reference)
        .with_document(symbol.clone())
        .with_response(event(
            Stage::WorkingGroup,
            day(2014, 5, 6),
            DatePrecision::Day,
            item.status.response(),
            "A/HRC/27/10",
        ));
        let matched_rows: Vec<&upr_info::UprInfoRow> = m
            .iter()
            .filter_map(|(ri, _)| rows.get(*ri).copied())
            .collect();
        if matched_rows.is_empty() {
            problems.push(format!(
                "A/HRC/27/10 {}: no UPR Info row matches",
                item.reference
            ));
            out.push(r);
            continue;
        }
        let accepted = matched_rows
            .iter()
            .filter(|x| x.response == UprInfoResponse::Accepted)
            .count();
        // All rows accepted: supported; some: the paragraph was split and accepted in part.
        let status = match accepted {
            0 => ResponseStatus::Noted,
            n if n == matched_rows.len() => ResponseStatus::Supported,
            _ => ResponseStatus::PartiallySupported,
        };
        joins.push(join(upr::Cycle::SECOND, item.reference, &rows, m));
        match (item.status, status) {
            (WorkingGroupStatus::ToBeExamined, status) => {
                r.push_response(event(
                    Stage::Adoption,
                    day(2014, 9, 30),
                    DatePrecision::Month,
                    status,
                    "upr-info-db",
                ));
            }
            (WorkingGroupStatus::NotSupported, ResponseStatus::Noted) => {}
            (wg_status, status) => problems.push(format!(
                "A/HRC/27/10 {}: Working Group status {wg_status} but UPR Info gives {status}",
                item.reference
            )),
        }
        out.push(r);
    }
    Ok((out, joins))
}

/// The NKDB page (seed `000_...`), which names some of the third review's recommendations.
pub const NKDB_PAGE: &str = "seeds/000_dde45f4ed145d8c5.txt";

/// The lines of `text` after the line `heading`, up to the next line starting `Reference:`.
fn list_after<'a>(text: &'a str, heading: &str) -> Option<Vec<&'a str>> {
    let mut lines = text.lines().skip_while(|l| l.trim() != heading);
    lines.next()?;
    Some(
        lines
            .map(str::trim)
            .take_while(|l| !l.starts_with("Reference:"))
            .filter(|l| !l.is_empty())
            .collect(),
    )
}

/// The third review's recommendations that seed `000_...` names: seven accepted, with their
/// paragraph of A/HRC/42/10, and eleven immediately rejected, by text only. A partial list
/// (`data/dprk/partial-lists.tsv`), never the cycle's total; the recommending States are not
/// given. Dates: the Working Group's adoption of its report (14 May 2019, seed `003_...`) for
/// the rejections, the addendum (A/HRC/42/10/Add.1, 28 August 2019) for the acceptances.
fn cycle3(shared: &Path, problems: &mut Vec<String>) -> Result<Vec<Recommendation>> {
    let path = shared.join(NKDB_PAGE);
    let text = std::fs::read_to_string(&path).map_err(|e| upr::Error::read(&path, e))?;
    let session = Session::new(33)?;
    let document: DocumentSymbol = "A/HRC/42/10".parse()?;
    let mut out = Vec::new();
    let accepted = list_after(
        &text,
        "Major Recommendations Accepted by North Korea (3rd UPR)",
    );
    for line in accepted.unwrap_or_default() {
        let Some((number, rest)) = line.split_once(char::is_whitespace) else {
            problems.push(format!("{NKDB_PAGE}: no paragraph number in {line:?}"));
            continue;
        };
        let Ok(reference) = number.parse::<ParagraphRef>() else {
            problems.push(format!("{NKDB_PAGE}: no paragraph number in {line:?}"));
            continue;
        };
        out.push(
            Recommendation::new(State::PRK, session, rest.trim(), SourceId::from("seed-000"))
                .with_reference(reference)
                .with_document(document.clone())
                .with_response(event(
                    Stage::Addendum,
                    day(2019, 8, 28),
                    DatePrecision::Day,
                    ResponseStatus::Supported,
                    "seed-000",
                )),
        );
    }
    let rejected = list_after(
        &text,
        "Major Recommendations Immediately Rejected by North Korea (3rd UPR Cycle)",
    );
    for line in rejected.unwrap_or_default() {
        out.push(
            Recommendation::new(State::PRK, session, line, SourceId::from("seed-000"))
                .with_document(document.clone())
                .with_response(event(
                    Stage::WorkingGroup,
                    day(2019, 5, 14),
                    DatePrecision::Day,
                    ResponseStatus::RejectedAtWorkingGroup,
                    "seed-000",
                )),
        );
    }
    if out.len() != 18 {
        problems.push(format!(
            "{NKDB_PAGE}: {} third-review recommendations read, the page names 7 accepted and 11 immediately rejected",
            out.len()
        ));
    }
    Ok(out)
}

impl Build {
    /// The recommendations as JSON Lines, the form of `data/dprk/recommendations.jsonl`.
    ///
    /// # Errors
    /// [`upr::Error::Json`] if serialisation fails.
    pub fn recommendations_jsonl(&self) -> Result<String> {
        let mut s = String::new();
        for r in &self.recommendations {
            s.push_str(&serde_json::to_string(r)?);
            s.push('\n');
        }
        Ok(s)
    }

    /// The joins as TSV, the form of `data/dprk/upr-info-joins.tsv`.
    pub fn joins_tsv(&self) -> String {
        let mut s = String::from(
            "# cycle\tparagraph (A/HRC/13/13, A/HRC/27/10)\tUPR Info records (cycle 1: sessions-6-9.csv; cycle 2: dprk-session-19-unlabelled.csv)\tUPR Info responses\tlowest match score\n",
        );
        for j in &self.joins {
            let recs: Vec<String> = j.records.iter().map(usize::to_string).collect();
            let resp: Vec<&str> = j.responses.iter().map(|r| r.name()).collect();
            s.push_str(&format!(
                "{}\t{}\t{}\t{}\t{:.2}\n",
                j.cycle,
                j.paragraph,
                recs.join(","),
                resp.join(","),
                j.similarity
            ));
        }
        s
    }
}
