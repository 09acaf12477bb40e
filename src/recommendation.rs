//! Recommendations: who recommended what to whom, where it is written, and how it was answered.

use std::borrow::Cow;
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

/// One part of a clustered paragraph: its own text and its own recommending State(s).
///
/// See [`Recommendation`'s docs](Recommendation#paragraphs-and-parts-the-two-units).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Part {
    text: String,
    recommending: Vec<State>,
}

impl Part {
    /// A part with its text (without the States in brackets) and its recommending States.
    pub fn new(text: impl Into<String>, recommending: impl IntoIterator<Item = State>) -> Self {
        let mut states: Vec<State> = Vec::new();
        for s in recommending {
            if !states.contains(&s) {
                states.push(s);
            }
        }
        Part {
            text: text.into(),
            recommending: states,
        }
    }

    /// The text of the part.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The State(s) that made this part (several for a joint part).
    pub fn recommending(&self) -> &[State] {
        &self.recommending
    }
}

/// One recommendation made to a State under review.
///
/// Fields are private so that the cycle always agrees with the session; build one with
/// [`Recommendation::new`] and the `with_*` methods. By default a recommendation is a numbered
/// paragraph; a clustered one keeps its [`parts`](Self::parts), and [`split`](Self::split) gives
/// one recommendation per part.
///
/// # Paragraphs and parts: the two units
///
/// Since 2012 a numbered recommendation of a Working Group report often holds several
/// recommendations, each with its own text and recommending State(s), run together in one
/// paragraph: `129.1. Further consolidate ... (Egypt); Continue to improve ... (Australia);`.
/// The two ways the world counts them differ:
///
/// - **the paragraph** (the default unit of this crate, and the UN's): one [`Recommendation`]
///   per numbered paragraph, its text the parts run on as the report prints them and its
///   recommending States all those of its parts. The Human Rights Council's "out of N received"
///   figures count these.
/// - **the part** (the split view, [`Recommendation::split`]): one recommendation per part, with
///   that part's text and its own recommending States, and [`Recommendation::part`] saying which
///   part of its paragraph it is (`129.1` part 2). A paragraph with one part gives itself, as
///   part 1. This is the unit of researchers who take clustered paragraphs apart (the
///   `wg-reference` parse labels the parts `129.1.`, `129.1..1`, `129.1..2`).
///
/// A part made jointly by several States (`Ratify OP-CAT (Chile, Peru);`) is **one** part in
/// either unit: it counts once as a paragraph and once as a part. UPR Info counts yet another
/// way, one row per recommending State, so the joint part is two of its rows; group a tally by
/// [`Dimension::RecommendingState`](crate::Dimension::RecommendingState) to count that way.
///
/// [`Recommendation::parts`] gives the parts of a paragraph (one, the recommendation itself,
/// when it is not clustered). Only recommendations with two parts or more store them, so the
/// serialised form of unclustered data is unchanged.
///
/// ```
/// use upr::{Part, Recommendation, Session, State};
///
/// let egy = State::resolve("Egypt")?;
/// let aus = State::resolve("Australia")?;
/// let r = Recommendation::new(State::PRK, Session::new(19)?, "Consolidate A Improve B", "x".into())
///     .with_parts([Part::new("Consolidate A", [egy]), Part::new("Improve B", [aus])]);
/// assert_eq!(r.recommending(), [egy, aus]);
/// let parts: Vec<Recommendation> = r.split().collect();
/// assert_eq!(parts.len(), 2);
/// assert_eq!((parts[1].part(), parts[1].text(), parts[1].recommending()), (Some(2), "Improve B", &[aus][..]));
/// # Ok::<(), upr::Error>(())
/// ```
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
    /// The parts of a clustered paragraph; empty when it has one part (itself).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    parts: Vec<Part>,
    /// In the split view, which part of its paragraph this is (1-based).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    part: Option<u16>,
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
            parts: Vec::new(),
            part: None,
        }
    }

    /// Sets the parts of a clustered paragraph, in the order written; their States join the
    /// recommending States. Fewer than two parts store nothing: a paragraph with one part is
    /// that part.
    pub fn with_parts(mut self, parts: impl IntoIterator<Item = Part>) -> Self {
        let parts: Vec<Part> = parts.into_iter().collect();
        if parts.len() < 2 {
            self.parts = Vec::new();
            return self;
        }
        for p in &parts {
            for s in &p.recommending {
                self.add_recommending(*s);
            }
        }
        self.parts = parts;
        self
    }

    /// Marks the recommendation as part `part` (1-based) of its paragraph, as
    /// [`split`](Self::split) does.
    pub fn with_part(mut self, part: u16) -> Self {
        self.part = Some(part);
        self
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

    /// The parts of the paragraph, in the order written: for a recommendation that is not
    /// clustered, one part with its own text and recommending States.
    pub fn parts(&self) -> Cow<'_, [Part]> {
        if self.parts.is_empty() {
            Cow::Owned(vec![Part {
                text: self.text.clone(),
                recommending: self.recommending.clone(),
            }])
        } else {
            Cow::Borrowed(&self.parts)
        }
    }

    /// How many parts the paragraph has (at least 1).
    pub fn part_count(&self) -> usize {
        self.parts.len().max(1)
    }

    /// Which part of its paragraph this recommendation is (1-based), in the split view; `None`
    /// for a whole paragraph.
    pub fn part(&self) -> Option<u16> {
        self.part
    }

    /// The split view: one recommendation per part, each with the part's text and recommending
    /// States, [`part`](Self::part) set, and everything else (reference, document, responses,
    /// labels, assessments) of the paragraph. A paragraph with one part gives itself as part 1;
    /// a recommendation already split gives itself.
    pub fn split(&self) -> Split<'_> {
        Split {
            recommendation: self,
            next: 0,
        }
    }
}

/// The iterator of [`Recommendation::split`]: one recommendation per part.
#[derive(Debug, Clone)]
pub struct Split<'a> {
    recommendation: &'a Recommendation,
    next: usize,
}

impl Iterator for Split<'_> {
    type Item = Recommendation;

    fn next(&mut self) -> Option<Recommendation> {
        let r = self.recommendation;
        let i = self.next;
        if i >= r.part_count() {
            return None;
        }
        self.next += 1;
        if r.parts.is_empty() {
            let mut whole = r.clone();
            whole.part = whole.part.or(Some(1));
            return Some(whole);
        }
        let p = r.parts.get(i)?;
        let mut one = Recommendation {
            text: p.text.clone(),
            recommending: p.recommending.clone(),
            parts: Vec::new(),
            ..r.clone_without_parts()
        };
        one.part = Some(u16::try_from(i + 1).unwrap_or(u16::MAX));
        Some(one)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let n = self.recommendation.part_count().saturating_sub(self.next);
        (n, Some(n))
    }
}

impl ExactSizeIterator for Split<'_> {}

impl Recommendation {
    /// A copy without the parts and texts (what each part of [`split`](Self::split) shares).
    fn clone_without_parts(&self) -> Recommendation {
        Recommendation {
            state_under_review: self.state_under_review,
            recommending: Vec::new(),
            text: String::new(),
            session: self.session,
            reference: self.reference,
            document: self.document.clone(),
            source: self.source.clone(),
            responses: self.responses.clone(),
            labels: self.labels.clone(),
            assessments: self.assessments.clone(),
            parts: Vec::new(),
            part: None,
        }
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
    fn parts_and_the_split_view() {
        let st = |n: &str| State::resolve(n).unwrap();
        let whole = Recommendation::new(State::PRK, Session::new(19).unwrap(), "A B", "x".into())
            .with_recommending([st("Egypt")])
            .with_reference("129.1".parse().unwrap());
        // One part: the paragraph itself, as part 1; nothing stored.
        assert_eq!(whole.part_count(), 1);
        assert_eq!(whole.parts()[0].text(), "A B");
        let one: Vec<Recommendation> = whole.split().collect();
        assert_eq!(one.len(), 1);
        assert_eq!(one[0].part(), Some(1));
        assert_eq!(one[0].text(), "A B");
        let plain = serde_json::to_string(&whole).unwrap();
        assert!(
            !plain.contains("parts") && !plain.contains("\"part\""),
            "{plain}"
        );
        // Two parts, the second made jointly by two States: two recommendations, not three.
        let clustered = whole.clone().with_parts([
            Part::new("A", [st("Egypt")]),
            Part::new("B", [st("Chile"), st("Peru"), st("Chile")]),
        ]);
        assert_eq!(
            clustered.recommending(),
            [st("Egypt"), st("Chile"), st("Peru")]
        );
        let parts: Vec<Recommendation> = clustered.split().collect();
        assert_eq!(clustered.split().len(), 2);
        assert_eq!(parts[1].part(), Some(2));
        assert_eq!(parts[1].text(), "B");
        assert_eq!(parts[1].recommending(), [st("Chile"), st("Peru")]);
        assert_eq!(parts[1].reference(), clustered.reference());
        assert_eq!(parts[1].part_count(), 1);
        // A split part splits into itself.
        assert_eq!(parts[1].split().next().as_ref(), Some(&parts[1]));
        // The parts survive serde.
        let json = serde_json::to_string(&clustered).unwrap();
        let back: Recommendation = serde_json::from_str(&json).unwrap();
        assert_eq!(back, clustered);
        // One part given is no clustering.
        let single = whole.clone().with_parts([Part::new("A B", [st("Egypt")])]);
        assert_eq!(single, whole);
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
