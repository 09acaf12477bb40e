//! Recommendations: who recommended what to whom, where it is written, and how it was answered.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::implementation::{Assessment, AssessmentHistory};

use crate::{
    ActionCategory, Cycle, DocumentSymbol, Error, Issue, ResponseEvent, ResponseHistory, Result,
    Session, SourceId, State,
};

/// Where a recommendation sits in its report.
///
/// Newer reports number recommendations as `paragraph.n` (`125.54`); older ones number items
/// inside one paragraph (`90. The following recommendations ...: 1. ...; 2. ...`), written here
/// `90(12)` for item 12 of paragraph 90.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ParagraphRef {
    /// `125.54`: recommendation 54 of paragraph 125.
    Dotted {
        /// The report paragraph.
        paragraph: u16,
        /// The number after the dot.
        number: u16,
    },
    /// `90(12)`: item 12 of the list in paragraph 90.
    Item {
        /// The report paragraph.
        paragraph: u16,
        /// The item number inside it.
        item: u16,
    },
    /// A whole paragraph (a report that gives one recommendation per paragraph).
    Paragraph(u16),
}

impl ParagraphRef {
    /// The report paragraph.
    pub fn paragraph(self) -> u16 {
        match self {
            ParagraphRef::Dotted { paragraph, .. } | ParagraphRef::Item { paragraph, .. } => {
                paragraph
            }
            ParagraphRef::Paragraph(p) => p,
        }
    }
}

impl fmt::Display for ParagraphRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ParagraphRef::Dotted { paragraph, number } => write!(f, "{paragraph}.{number}"),
            ParagraphRef::Item { paragraph, item } => write!(f, "{paragraph}({item})"),
            ParagraphRef::Paragraph(p) => write!(f, "{p}"),
        }
    }
}

impl FromStr for ParagraphRef {
    type Err = Error;

    /// Parses `125.54`, `90(12)` or `90`.
    fn from_str(s: &str) -> Result<ParagraphRef> {
        let t = s.trim();
        let bad = || Error::invalid("paragraph reference", s, "expected 125.54, 90(12) or 90");
        let num = |x: &str| x.trim().parse::<u16>().map_err(|_| bad());
        if let Some((p, n)) = t.split_once('.') {
            return Ok(ParagraphRef::Dotted {
                paragraph: num(p)?,
                number: num(n)?,
            });
        }
        if let Some((p, rest)) = t.split_once('(') {
            let item = rest.strip_suffix(')').ok_or_else(bad)?;
            return Ok(ParagraphRef::Item {
                paragraph: num(p)?,
                item: num(item)?,
            });
        }
        Ok(ParagraphRef::Paragraph(num(t)?))
    }
}

serde_via_display!(ParagraphRef);

/// Labels a person gave a recommendation (e.g. UPR Info's analysts), kept apart from the
/// crate's own classification.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct HumanLabels {
    /// Who labelled it, e.g. `UPR Info database`.
    pub labeller: String,
    /// Action category, if given.
    pub action_category: Option<ActionCategory>,
    /// Issues, if given.
    pub issues: Vec<Issue>,
}

/// One recommendation made to a State under review.
///
/// Fields are private so that the cycle always agrees with the session; build one with
/// [`Recommendation::new`] and the `with_*` methods.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Recommendation {
    state_under_review: State,
    recommending: Vec<State>,
    text: String,
    session: Session,
    reference: Option<ParagraphRef>,
    document: Option<DocumentSymbol>,
    source: SourceId,
    responses: ResponseHistory,
    labels: Option<HumanLabels>,
    #[serde(default, skip_serializing_if = "AssessmentHistory::is_empty")]
    assessments: AssessmentHistory,
}

impl Recommendation {
    /// A recommendation to `state_under_review`, made at Working Group `session`, recorded by `source`.
    pub fn new(
        state_under_review: State,
        session: Session,
        text: impl Into<String>,
        source: SourceId,
    ) -> Self {
        Recommendation {
            state_under_review,
            recommending: Vec::new(),
            text: text.into(),
            session,
            reference: None,
            document: None,
            source,
            responses: ResponseHistory::new(),
            labels: None,
            assessments: AssessmentHistory::default(),
        }
    }

    /// Sets the recommending States (several for a joint recommendation).
    pub fn with_recommending(mut self, states: impl IntoIterator<Item = State>) -> Self {
        self.recommending = states.into_iter().collect();
        self
    }

    /// Sets the paragraph reference.
    pub fn with_reference(mut self, reference: ParagraphRef) -> Self {
        self.reference = Some(reference);
        self
    }

    /// Sets the document the recommendation is written in.
    pub fn with_document(mut self, document: DocumentSymbol) -> Self {
        self.document = Some(document);
        self
    }

    /// Adds a response event.
    pub fn with_response(mut self, event: ResponseEvent) -> Self {
        self.responses.push(event);
        self
    }

    /// Sets human labels.
    pub fn with_labels(mut self, labels: HumanLabels) -> Self {
        self.labels = Some(labels);
        self
    }

    /// Adds a response event in place.
    pub fn push_response(&mut self, event: ResponseEvent) {
        self.responses.push(event);
    }

    /// Adds an implementation assessment in place (kept in date order).
    pub fn push_assessment(&mut self, assessment: Assessment) {
        self.assessments.push(assessment);
    }

    /// Adds a recommending State in place (no duplicates).
    pub fn add_recommending(&mut self, state: State) {
        if !self.recommending.contains(&state) {
            self.recommending.push(state);
        }
    }

    /// The State under review.
    pub fn state_under_review(&self) -> State {
        self.state_under_review
    }

    /// The recommending States.
    pub fn recommending(&self) -> &[State] {
        &self.recommending
    }

    /// Whether several States made this recommendation jointly.
    pub fn is_joint(&self) -> bool {
        self.recommending.len() > 1
    }

    /// The text, without paragraph number or recommending States.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The Working Group session.
    pub fn session(&self) -> Session {
        self.session
    }

    /// The cycle (from the session).
    pub fn cycle(&self) -> Cycle {
        self.session.cycle()
    }

    /// Where it sits in its report.
    pub fn reference(&self) -> Option<ParagraphRef> {
        self.reference
    }

    /// The report it is written in.
    pub fn document(&self) -> Option<&DocumentSymbol> {
        self.document.as_ref()
    }

    /// The source of this row.
    pub fn source(&self) -> &SourceId {
        &self.source
    }

    /// The response history.
    pub fn responses(&self) -> &ResponseHistory {
        &self.responses
    }

    /// The implementation assessments, a dated history like the responses.
    pub fn assessments(&self) -> &AssessmentHistory {
        &self.assessments
    }

    /// Human labels, if any.
    pub fn labels(&self) -> Option<&HumanLabels> {
        self.labels.as_ref()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_round_trip() {
        for s in ["125.54", "90(12)", "90"] {
            assert_eq!(s.parse::<ParagraphRef>().unwrap().to_string(), s);
        }
        assert_eq!(
            "x.1".parse::<ParagraphRef>().unwrap_err().to_string(),
            r#"invalid paragraph reference "x.1": expected 125.54, 90(12) or 90"#
        );
    }

    #[test]
    fn cycle_follows_session() {
        let r = Recommendation::new(
            State::PRK,
            Session::new(19).unwrap(),
            "Close all camps",
            "x".into(),
        );
        assert_eq!(r.cycle(), Cycle::SECOND);
    }
}
