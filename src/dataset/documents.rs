//! Building a review's dataset from its UN documents (see [`ReviewDocuments`]).

use std::collections::HashMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{Dataset, PublishedFigure, Quantity};
use crate::format::addendum::{Addendum, AddendumRef, Position};
use crate::format::ohchr_matrix::MatrixRecord;
use crate::format::session_report::SessionReport;
use crate::format::wg_report::WgReport;
use crate::{
    Cycle, DatePrecision, Error, ParagraphRef, Recommendation, ResponseEvent, ResponseStatus,
    Result, Source, SourceId, SourceKind, Stage, State,
};

/// A [`Dataset`] built from the UN's own documents of one review: the Working Group report, the
/// State's addendum, OHCHR's matrix or thematic list, and the Council's session report (any
/// subset).
///
/// The report gives the recommendations (paragraph, text, recommending States) and their status
/// at the Working Group; the addendum the State's final positions; the matrix OHCHR's record of
/// them; the session report the President's official figures. They are joined by paragraph
/// number. Each source's position stays its own [`ResponseEvent`] (stage
/// [`Stage::Addendum`], the source's symbol or name as source), so nothing is picked silently:
/// [`Review::position_disagreements`] lists every recommendation on which the addendum and the
/// matrix differ, and [`Review::checks`] sets every published figure (the President's, and the
/// totals the addendum declares) against the count computed from the recommendations.
///
/// ```no_run
/// use upr::dataset::ReviewDocuments;
/// use upr::format::{ReadOptions, addendum, session_report, wg_report};
/// use upr::Dataset;
///
/// let o = ReadOptions::lenient();
/// let d = "../shared/data/slovenia/cycle2";
/// let review = Dataset::from_documents(
///     ReviewDocuments::new()
///         .with_report(wg_report::read_report_path(format!("{d}/A-HRC-28-15.txt"), &o)?)
///         .with_addendum(addendum::read_path(format!("{d}/A-HRC-28-15-Add.1.txt"), &o)?)
///         .with_session_report(session_report::read_path(
///             "../shared/data/hrc-session-reports/A-HRC-28-2.txt",
///             &o,
///         )?),
/// )?;
/// assert_eq!(review.dataset.recommendations.len(), 163);
/// assert!(review.checks.iter().all(|c| c.agrees));
/// # Ok::<(), upr::Error>(())
/// ```
#[derive(Debug, Clone, Default)]
pub struct ReviewDocuments {
    report: Option<WgReport>,
    addendum: Option<Addendum>,
    matrix: Option<(String, Vec<MatrixRecord>)>,
    session_reports: Vec<SessionReport>,
}

impl ReviewDocuments {
    /// No documents yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// The Working Group report.
    pub fn with_report(mut self, report: WgReport) -> Self {
        self.report = Some(report);
        self
    }

    /// The State's addendum.
    pub fn with_addendum(mut self, addendum: Addendum) -> Self {
        self.addendum = Some(addendum);
        self
    }

    /// OHCHR's matrix or thematic list, named (e.g. after its file) for the events it gives.
    pub fn with_matrix(mut self, name: impl Into<String>, records: Vec<MatrixRecord>) -> Self {
        self.matrix = Some((name.into(), records));
        self
    }

    /// A Council session report; only its figures for this review's State are used.
    pub fn with_session_report(mut self, report: SessionReport) -> Self {
        self.session_reports.push(report);
        self
    }
}

/// A problem joining the documents by paragraph number.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum JoinProblem {
    /// The addendum answers a number the report does not have.
    NotInReport {
        /// The document that names it.
        source: SourceId,
        /// The number as the document writes it.
        reference: String,
        /// Its line there, where known.
        line: Option<usize>,
    },
    /// A recommendation of the report the addendum never answers.
    Unanswered {
        /// The recommendation's paragraph.
        reference: ParagraphRef,
    },
    /// A bare number that fits several of the report's recommendations.
    Ambiguous {
        /// The number.
        reference: String,
        /// Its line in the addendum.
        line: usize,
    },
    /// A document whose positions cannot be dated: its positions are not in the histories.
    Undated {
        /// The document.
        source: SourceId,
    },
}

/// A recommendation on which the addendum and the matrix give different positions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PositionDisagreement {
    /// The recommendation.
    pub reference: ParagraphRef,
    /// The addendum's position.
    pub addendum: ResponseStatus,
    /// The matrix's position.
    pub matrix: ResponseStatus,
}

/// A published figure set against the count computed from the recommendations.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FigureCheck {
    /// The figure.
    pub figure: PublishedFigure,
    /// The count computed from the recommendations' latest positions.
    pub computed: u32,
    /// Whether they are equal.
    pub agrees: bool,
    /// What was counted.
    pub counted: String,
}

/// A review built from its documents.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Review {
    /// The State under review.
    pub state: State,
    /// The cycle.
    pub cycle: Cycle,
    /// Sources, figures and recommendations, as in the embedded DPRK dataset.
    pub dataset: Dataset,
    /// Where the documents did not join.
    pub joins: Vec<JoinProblem>,
    /// Where the addendum and the matrix disagree.
    pub position_disagreements: Vec<PositionDisagreement>,
    /// Every published figure against the computed count.
    pub checks: Vec<FigureCheck>,
}

impl Dataset {
    /// Builds a review's dataset from its documents: the report gives the recommendations, the
    /// addendum and the matrix each add their positions as events, the session reports their
    /// figures, and every figure is checked against the recommendations.
    ///
    /// # Errors
    /// [`Error::Invalid`] when no document gives the recommendations (a report, or a matrix
    /// with its review), or the report names no State or session.
    pub fn from_documents(docs: ReviewDocuments) -> Result<Review> {
        let mut joins = Vec::new();
        let mut recs = recommendations(&docs)?;
        let state = recs
            .first()
            .map(Recommendation::state_under_review)
            .ok_or_else(|| {
                Error::invalid("review documents", "report", "no recommendation read")
            })?;
        let cycle = recs.first().map_or(Cycle::FIRST, Recommendation::cycle);
        let index = Index::new(&recs);
        let mut addendum_status = HashMap::new();
        if let Some(a) = &docs.addendum {
            add_addendum(a, &index, &mut recs, &mut addendum_status, &mut joins);
        }
        let mut position_disagreements = Vec::new();
        if let (Some((name, rows)), true) = (&docs.matrix, docs.report.is_some()) {
            let date = docs.addendum.as_ref().and_then(|a| a.date);
            add_matrix(name, rows, date, &index, &mut recs, &mut joins);
            for r in rows {
                if let Some(i) = index.dotted(r.paragraph) {
                    if let Some(a) = addendum_status.get(&i) {
                        if *a != r.position.status() {
                            position_disagreements.push(PositionDisagreement {
                                reference: r.paragraph,
                                addendum: *a,
                                matrix: r.position.status(),
                            });
                        }
                    }
                }
            }
        }
        let figures = figures(&docs, state, cycle);
        let checks = figures
            .iter()
            .filter_map(|f| check(f, &recs, docs.addendum.as_ref(), &index))
            .collect();
        let dataset = Dataset {
            sources: sources(&docs),
            figures,
            recommendations: recs,
            upr_info_rows: Vec::new(),
            partial_lists: Vec::new(),
        };
        Ok(Review {
            state,
            cycle,
            dataset,
            joins,
            position_disagreements,
            checks,
        })
    }
}

/// The report's recommendations, or else the matrix's.
fn recommendations(docs: &ReviewDocuments) -> Result<Vec<Recommendation>> {
    if let Some(r) = &docs.report {
        if r.state.is_some() {
            return r.to_recommendations();
        }
        // A title page the report reader could not place: the addendum names the State.
        let mut r = r.clone();
        r.state = docs.addendum.as_ref().and_then(|a| a.state);
        return r.to_recommendations();
    }
    if let Some((_, rows)) = &docs.matrix {
        return rows
            .iter()
            .cloned()
            .map(|r| r.into_recommendation(None))
            .collect();
    }
    Err(Error::invalid(
        "review documents",
        "none",
        "a Working Group report or a matrix is needed for the recommendations",
    ))
}

/// The report's recommendations by reference and by bare number.
struct Index {
    by_ref: HashMap<ParagraphRef, usize>,
    by_number: HashMap<u16, Vec<usize>>,
}

impl Index {
    fn new(recs: &[Recommendation]) -> Index {
        let mut by_ref = HashMap::new();
        let mut by_number: HashMap<u16, Vec<usize>> = HashMap::new();
        for (i, r) in recs.iter().enumerate() {
            let Some(reference) = r.reference() else {
                continue;
            };
            by_ref.entry(reference).or_insert(i);
            let n = match reference {
                ParagraphRef::Dotted { number, .. } => number,
                ParagraphRef::Item { item, .. } => item,
                ParagraphRef::Paragraph(p) => p,
            };
            by_number.entry(n).or_default().push(i);
        }
        Index { by_ref, by_number }
    }

    fn dotted(&self, reference: ParagraphRef) -> Option<usize> {
        self.by_ref.get(&reference).copied()
    }

    /// The recommendation an addendum reference names: `Ok(None)` if none, `Err` if several.
    fn find(&self, r: AddendumRef) -> std::result::Result<Option<usize>, ()> {
        match r {
            AddendumRef::Dotted { paragraph, number } => {
                Ok(self.dotted(ParagraphRef::Dotted { paragraph, number }))
            }
            AddendumRef::Number(n) => match self.by_number.get(&n).map(Vec::as_slice) {
                None | Some([]) => Ok(None),
                Some([i]) => Ok(Some(*i)),
                Some(_) => Err(()),
            },
        }
    }
}

fn add_addendum(
    a: &Addendum,
    index: &Index,
    recs: &mut [Recommendation],
    statuses: &mut HashMap<usize, ResponseStatus>,
    joins: &mut Vec<JoinProblem>,
) {
    let source = addendum_source(a);
    if a.date.is_none() {
        joins.push(JoinProblem::Undated {
            source: source.clone(),
        });
    }
    for p in &a.positions {
        match index.find(p.reference) {
            Ok(Some(i)) => {
                statuses.insert(i, p.status);
                if let (Some(date), Some(r)) = (a.date, recs.get_mut(i)) {
                    r.push_response(event(date, p.status, &source));
                }
            }
            Ok(None) => joins.push(JoinProblem::NotInReport {
                source: source.clone(),
                reference: p.reference.to_string(),
                line: Some(p.line),
            }),
            Err(()) => joins.push(JoinProblem::Ambiguous {
                reference: p.reference.to_string(),
                line: p.line,
            }),
        }
    }
    for (i, r) in recs.iter().enumerate() {
        if !statuses.contains_key(&i) {
            if let Some(reference) = r.reference() {
                joins.push(JoinProblem::Unanswered { reference });
            }
        }
    }
}

fn add_matrix(
    name: &str,
    rows: &[MatrixRecord],
    date: Option<NaiveDate>,
    index: &Index,
    recs: &mut [Recommendation],
    joins: &mut Vec<JoinProblem>,
) {
    let source = SourceId::from(name);
    let Some(date) = date else {
        joins.push(JoinProblem::Undated { source });
        return;
    };
    for row in rows {
        match index.dotted(row.paragraph).and_then(|i| recs.get_mut(i)) {
            Some(r) => r.push_response(event(date, row.position.status(), &source)),
            None => joins.push(JoinProblem::NotInReport {
                source: source.clone(),
                reference: row.paragraph.to_string(),
                line: Some(row.line),
            }),
        }
    }
}

fn event(date: NaiveDate, status: ResponseStatus, source: &SourceId) -> ResponseEvent {
    ResponseEvent {
        stage: Stage::Addendum,
        date: Some(date),
        precision: DatePrecision::Day,
        status,
        source: source.clone(),
    }
}

fn addendum_source(a: &Addendum) -> SourceId {
    a.symbol.as_ref().map_or_else(
        || SourceId::from(a.report.input.as_str()),
        |s| SourceId::from(s.as_str()),
    )
}

/// The session reports' figures for this review, and the totals the addendum declares.
fn figures(docs: &ReviewDocuments, state: State, cycle: Cycle) -> Vec<PublishedFigure> {
    let mut out: Vec<PublishedFigure> = docs
        .session_reports
        .iter()
        .flat_map(SessionReport::to_figures)
        .filter(|f| f.state == state && f.cycle == cycle)
        .collect();
    if let Some(a) = &docs.addendum {
        let source = addendum_source(a);
        let as_of = a.date.map(|date| super::ApproxDate {
            date,
            precision: DatePrecision::Day,
        });
        let declared = [
            (Quantity::Received, a.declared.received),
            (Quantity::Accepted, a.declared.supported),
            (Quantity::Noted, a.declared.noted),
        ];
        for (quantity, value) in declared {
            let (Some(v), Some(as_of)) = (value, as_of) else {
                continue;
            };
            let mut f = PublishedFigure::count(state, cycle, quantity, v, as_of, source.clone());
            f.note = Some("a total the addendum declares in its introduction".into());
            out.push(f);
        }
    }
    out
}

/// A figure against the recommendations' positions: received against the number of
/// recommendations, the others against the addendum's positions (the latest event otherwise).
fn check(
    f: &PublishedFigure,
    recs: &[Recommendation],
    addendum: Option<&Addendum>,
    index: &Index,
) -> Option<FigureCheck> {
    let published = f.value.count()?;
    let statuses: Vec<(ResponseStatus, bool)> = match addendum {
        Some(a) => a
            .positions
            .iter()
            .filter(|p| matches!(index.find(p.reference), Ok(Some(_))))
            .map(|p: &Position| (p.status, p.rejected_in_part))
            .collect(),
        None => recs
            .iter()
            .filter_map(|r| r.responses().latest().map(|e| (e.status, false)))
            .collect(),
    };
    let n = |pred: &dyn Fn(ResponseStatus, bool) -> bool| {
        u32::try_from(statuses.iter().filter(|(s, r)| pred(*s, *r)).count()).unwrap_or(u32::MAX)
    };
    use ResponseStatus as S;
    let (computed, counted) = match f.quantity {
        Quantity::Received => (
            u32::try_from(recs.len()).unwrap_or(u32::MAX),
            "recommendations in the report".to_owned(),
        ),
        Quantity::Accepted => (n(&|s, _| s == S::Supported), "supported in full".to_owned()),
        Quantity::PartiallyAccepted => (
            n(&|s, _| s == S::PartiallySupported),
            "supported in part".to_owned(),
        ),
        Quantity::Noted => (n(&|s, _| s == S::Noted), "noted".to_owned()),
        Quantity::Rejected => (
            n(&|s, part| s == S::Rejected || (s == S::PartiallySupported && part)),
            "rejected in whole or in part".to_owned(),
        ),
        _ => return None,
    };
    Some(FigureCheck {
        figure: f.clone(),
        computed,
        agrees: computed == published,
        counted,
    })
}

/// The documents as sources.
fn sources(docs: &ReviewDocuments) -> Vec<Source> {
    let mut out = Vec::new();
    let un = |symbol: Option<&crate::DocumentSymbol>, input: &str, title: &str, date| Source {
        id: symbol.map_or_else(|| SourceId::from(input), |s| SourceId::from(s.as_str())),
        kind: SourceKind::UnDocument,
        title: title.to_owned(),
        publisher: "UN Human Rights Council".to_owned(),
        date,
        symbol: symbol.cloned(),
        file: Some(input.to_owned()),
    };
    if let Some(r) = &docs.report {
        out.push(un(
            r.symbol.as_ref(),
            &r.report.input,
            "Report of the Working Group on the Universal Periodic Review",
            r.date,
        ));
    }
    if let Some(a) = &docs.addendum {
        out.push(un(
            a.symbol.as_ref(),
            &a.report.input,
            "Addendum: views on conclusions and/or recommendations, voluntary commitments and replies presented by the State under review",
            a.date,
        ));
    }
    if let Some((name, _)) = &docs.matrix {
        out.push(Source {
            id: SourceId::from(name.as_str()),
            kind: SourceKind::Dataset,
            title: "Matrix of recommendations".to_owned(),
            publisher: "OHCHR".to_owned(),
            date: None,
            symbol: None,
            file: Some(name.clone()),
        });
    }
    for s in &docs.session_reports {
        out.push(un(
            s.symbol.as_ref(),
            &s.report.input,
            "Report of the Human Rights Council on its session",
            None,
        ));
    }
    out
}
