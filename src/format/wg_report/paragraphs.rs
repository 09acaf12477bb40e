//! What a finished block becomes: a paragraph's heading and status, or a recommendation; and
//! the status a paragraph without a list gives to the list above it.

use std::collections::HashMap;

use super::headings::{classify, referenced_paragraphs};
use super::parser::{Block, Kind, Para, Parser, Pending};
use super::{WgParagraph, WgRecommendation, parts};
use crate::format::Mode;
use crate::format::states::{Found, ends_with_states, split};
use crate::text::{collapse_ws, fold};
use crate::{Location, ParagraphRef, Result, WorkingGroupStatus};

impl Parser<'_> {
    /// Closes the open block: reports what was dropped from it, and reads it as a heading or a
    /// recommendation.
    pub(super) fn finish_block(&mut self) -> Result<()> {
        let Some(b) = self.block.take() else {
            return Ok(());
        };
        for (line, text, why) in &b.dropped {
            self.problems
                .repair(Location::Line(*line), format!("dropped {why}"), text);
        }
        let reference = match b.kind {
            Kind::Heading(n) => return self.heading_block(n, &b),
            Kind::Item(paragraph, item) => ParagraphRef::Item { paragraph, item },
            Kind::Dotted(paragraph, number) => ParagraphRef::Dotted { paragraph, number },
        };
        for (line, text) in &b.tail {
            self.problems.repair(
                Location::Line(*line),
                format!("dropped text after the recommending States of {reference}"),
                text,
            );
        }
        self.emit(reference, &b.text, b.line)
    }

    /// The heading of paragraph `n`; it may end with one recommendation written right after it,
    /// without a number: "The following recommendation will be examined by the Congo ...:
    /// Finalize its plan ... (Democratic Republic of the Congo)."
    fn heading_block(&mut self, n: u16, b: &Block) -> Result<()> {
        let text = collapse_ws(&b.text);
        let single = text
            .split_once(": ")
            .filter(|(head, rest)| classify(head).status.is_some() && ends_with_states(rest));
        let (head, rest) = match single {
            Some((h, r)) => (h.to_owned(), Some(r.to_owned())),
            None => (text, None),
        };
        if let Some(p) = self.paras.last_mut() {
            p.info = classify(&head);
            p.heading = head;
        }
        match rest {
            Some(rest) => self.emit(ParagraphRef::Paragraph(n), &rest, b.line),
            None => Ok(()),
        }
    }

    /// Reads one recommendation's text and queues it under the current paragraph.
    fn emit(&mut self, reference: ParagraphRef, text: &str, line: usize) -> Result<()> {
        let loc = Location::Line(line);
        let Some(split) = split(text) else {
            return self.problems.skip(
                loc,
                format!(
                    "recommendation {reference} to end with its recommending State(s) in brackets"
                ),
                &collapse_ws(text),
            );
        };
        if split.found == Found::Inline {
            self.problems.repair(
                loc,
                format!("recommending States of {reference} taken from brackets inside its text"),
                &collapse_ws(text),
            );
        }
        if split.markers() > 0 {
            self.problems.repair(
                loc,
                format!("dropped a footnote number glued to the end of the text of {reference}"),
                &collapse_ws(text),
            );
        }
        if split.inside {
            self.problems.repair(
                loc,
                format!(
                    "recommending States of {reference} also taken from brackets inside its text"
                ),
                &collapse_ws(text),
            );
        }
        if let Some(c) = &split.comment {
            self.problems.repair(
                loc,
                format!("dropped a comment after the recommending States of {reference}"),
                c,
            );
        }
        for name in &split.unresolved() {
            self.unknown_state(reference, loc, name)?;
        }
        let para = self.paras.len().saturating_sub(1);
        if let Some(p) = self.paras.last_mut() {
            p.items += 1;
        }
        // With one recommending State the text is final; with several it may be a cluster,
        // taken apart into the text and its parts.
        let pending = if may_be_clustered(split.names.len()) {
            let x = parts::read(split);
            Pending {
                para,
                reference,
                text: x.text,
                recommending: x.recommending,
                raw: x.recommending_raw,
                line,
                parts: x.parts,
                unsplit: x.unsplit,
            }
        } else {
            Pending {
                para,
                reference,
                text: split.run_on_text(),
                recommending: split.states(),
                raw: split.into_raw(),
                line,
                parts: Vec::new(),
                unsplit: false,
            }
        };
        self.out.push(pending);
        Ok(())
    }

    /// A recommending State name that does not resolve: an error in strict mode; in lenient
    /// mode the recommendation keeps it as written only.
    fn unknown_state(&mut self, reference: ParagraphRef, loc: Location, name: &str) -> Result<()> {
        match self.problems.mode() {
            Mode::Strict => self.problems.skip(
                loc,
                format!("a known State name among the recommending States of {reference}"),
                name,
            ),
            Mode::Lenient => {
                self.problems.repair(
                    loc,
                    format!(
                        "recommending State of {reference} not recognised; kept as written only"
                    ),
                    name,
                );
                Ok(())
            }
        }
    }

    /// Called when a paragraph ends: a status without a list applies to the list above, or
    /// refers to recommendations listed elsewhere.
    pub(super) fn close_para(&mut self) -> Result<()> {
        let Some(last) = self.paras.len().checked_sub(1) else {
            return Ok(());
        };
        let Some(p) = self.paras.get(last) else {
            return Ok(());
        };
        let Some(status) = p.info.status.filter(|_| p.items == 0) else {
            return Ok(());
        };
        if p.heading.trim_end().ends_with(':') && !fold(&p.heading).contains("comment") {
            let (line, heading, number) = (p.line, p.heading.clone(), p.number);
            return self.problems.skip(
                Location::Line(line),
                format!("the recommendations that the heading of paragraph {number} announces (none follow it)"),
                &heading,
            );
        }
        let elsewhere = self.listed_elsewhere(p);
        let (refers_back, weak) = (p.info.refers_back, p.info.weak);
        let (line, heading, number) = (p.line, p.heading.clone(), p.number);
        if weak {
            return Ok(());
        }
        if refers_back && elsewhere.is_empty() && self.give_status_above(last, status) {
            return Ok(());
        }
        if elsewhere.is_empty() {
            return Ok(());
        }
        let list: Vec<String> = elsewhere.iter().map(u16::to_string).collect();
        self.problems.skip(
            Location::Line(line),
            format!(
                "the recommendations paragraph {number} gives a status to, listed in section II (they are in paragraphs {} of section I, which is not read)",
                list.join(", ")
            ),
            &heading,
        )
    }

    /// The paragraphs before section II a heading gives a status to (early reports list the
    /// recommendations in section I); empty when it names items of a list ("recommendations
    /// Nos. 1, 4 ... in paragraph 88 above") or paragraphs of section II.
    fn listed_elsewhere(&self, p: &Para) -> Vec<u16> {
        let first = self.paras.first().map_or(0, |f| f.number);
        let refs = referenced_paragraphs(&p.heading);
        let items_named = fold(&p.heading).contains(" nos.") || fold(&p.heading).contains(" no. ");
        if !items_named && !refs.is_empty() && refs.iter().all(|&r| r < first) {
            refs
        } else {
            Vec::new()
        }
    }

    /// Gives `status` to the closest paragraph above `last` with a list, if that list has no
    /// status of its own (or only a weak one); whether it did.
    fn give_status_above(&mut self, last: usize, status: WorkingGroupStatus) -> bool {
        let above = (0..last)
            .rev()
            .find(|&i| self.paras.get(i).is_some_and(|q| q.items > 0));
        let Some(q) = above.and_then(|i| self.paras.get_mut(i)) else {
            return false;
        };
        if q.info.status.is_some() && !q.info.weak {
            return false;
        }
        q.info.status = Some(status);
        q.info.weak = false;
        true
    }

    /// The recommendations read, each with its paragraph's status (one without is a skip), and
    /// the paragraphs with how many recommendations each has.
    pub(super) fn finish(&mut self) -> Result<(Vec<WgRecommendation>, Vec<WgParagraph>)> {
        let mut recommendations = Vec::with_capacity(self.out.len());
        for p in std::mem::take(&mut self.out) {
            let para = self.paras.get(p.para);
            match para.and_then(|q| q.info.status) {
                Some(status) => {
                    let (r, unsplit) = recommendation(p, status);
                    if unsplit {
                        self.problems.repair(
                            Location::Line(r.line),
                            format!("the parts of {} not told apart; kept as one part in the split view", r.reference),
                            &r.text,
                        );
                    }
                    recommendations.push(r);
                }
                None => {
                    let heading = para.map_or(String::new(), |q| q.heading.clone());
                    self.problems.skip(
                        Location::Line(p.line),
                        format!(
                            "a heading above {} that gives its Working Group status (supported, to be examined, not supported or noted)",
                            p.reference
                        ),
                        &heading,
                    )?;
                }
            }
        }
        let counts = under_paragraphs(&self.paras, &recommendations);
        let paragraphs = self
            .paras
            .iter()
            .zip(counts)
            .map(|(p, count)| WgParagraph {
                number: p.number,
                line: p.line,
                heading: p.heading.clone(),
                status: p.info.status,
                recommendations: count,
            })
            .collect();
        Ok((recommendations, paragraphs))
    }
}

/// For each paragraph, how many recommendations have its number and start on or after its
/// line (a number printed twice counts a recommendation under both). Sorts each number's
/// paragraphs by line and counts with a difference array, so a report with thousands of
/// paragraphs and recommendations takes time `O((P + R) log P)`, not `P * R`.
fn under_paragraphs(paras: &[Para], recommendations: &[WgRecommendation]) -> Vec<usize> {
    // Each number's paragraphs (indices into `paras`), by line.
    let mut by_number: HashMap<u16, Vec<usize>> = HashMap::new();
    for (i, p) in paras.iter().enumerate() {
        by_number.entry(p.number).or_default().push(i);
    }
    for v in by_number.values_mut() {
        v.sort_by_key(|&i| paras.get(i).map_or(0, |p| p.line));
    }
    // For each recommendation, the last of its number's paragraphs on or before its line (it
    // counts under that one and every one of the number before it).
    let mut last = vec![0; paras.len()];
    for r in recommendations {
        let Some(v) = by_number.get(&r.reference.paragraph()) else {
            continue;
        };
        let k = v.partition_point(|&i| paras.get(i).is_some_and(|p| p.line <= r.line));
        if let Some(x) = k
            .checked_sub(1)
            .and_then(|j| v.get(j))
            .and_then(|&i| last.get_mut(i))
        {
            *x += 1;
        }
    }
    // A paragraph's count: the recommendations whose last paragraph is it or one after it.
    let mut counts = vec![0; paras.len()];
    for v in by_number.values() {
        let mut running = 0;
        for &i in v.iter().rev() {
            running += last.get(i).copied().unwrap_or(0);
            if let Some(c) = counts.get_mut(i) {
                *c = running;
            }
        }
    }
    counts
}

/// Whether a recommendation with this many recommending States (as written) may be a cluster
/// of parts, for `emit` to take apart.
fn may_be_clustered(names: usize) -> bool {
    names > 1
}

/// A recommendation read, with its status; and whether it reads as a cluster whose parts could
/// not be told apart.
fn recommendation(p: Pending, status: WorkingGroupStatus) -> (WgRecommendation, bool) {
    let r = WgRecommendation {
        reference: p.reference,
        text: p.text,
        recommending: p.recommending,
        recommending_raw: p.raw,
        status,
        line: p.line,
        parts: p.parts,
    };
    (r, p.unsplit)
}

#[cfg(test)]
mod tests {
    use crate::format::wg_report::read_report;
    use crate::format::{Action, ReadOptions};
    use crate::{ParagraphRef, WorkingGroupStatus};

    const SECTION: &str = "II. Conclusions and/or recommendations\n";

    /// The counts of `under_paragraphs` against the pairwise count they replace, on paragraph
    /// numbers printed once, twice or out of order, and recommendations before, between and
    /// after them.
    #[test]
    fn counts_under_paragraphs_match_the_pairwise_count() {
        use super::{Para, WgRecommendation, under_paragraphs};
        let mut seed = 7u64;
        let mut next = |m: u64| {
            seed = seed
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            usize::try_from((seed >> 33) % m).unwrap()
        };
        for _ in 0..200 {
            let paras: Vec<Para> = (0..next(12))
                .map(|_| Para {
                    number: u16::try_from(next(4) + 1).unwrap(),
                    line: next(60),
                    heading: String::new(),
                    info: Default::default(),
                    items: 0,
                })
                .collect();
            let recs: Vec<WgRecommendation> = (0..next(30))
                .map(|i| WgRecommendation {
                    reference: ParagraphRef::Dotted {
                        paragraph: u16::try_from(next(5) + 1).unwrap(),
                        number: u16::try_from(i + 1).unwrap(),
                    },
                    text: String::new(),
                    recommending: Vec::new(),
                    recommending_raw: Vec::new(),
                    status: WorkingGroupStatus::Supported,
                    line: next(70),
                    parts: Vec::new(),
                })
                .collect();
            let pairwise: Vec<usize> = paras
                .iter()
                .map(|p| {
                    recs.iter()
                        .filter(|r| r.reference.paragraph() == p.number && r.line >= p.line)
                        .count()
                })
                .collect();
            assert_eq!(under_paragraphs(&paras, &recs), pairwise);
        }
    }

    fn lenient(body: &str) -> crate::format::wg_report::WgReport {
        read_report(
            format!("{SECTION}{body}").as_bytes(),
            &ReadOptions::lenient(),
        )
        .unwrap()
    }

    #[test]
    fn one_recommendation_right_after_its_heading() {
        let r = lenient(
            "60. The following recommendation will be examined by the Congo: Finalize its plan (Canada).\n",
        );
        let x = &r.recommendations[0];
        assert_eq!(x.reference, ParagraphRef::Paragraph(60));
        assert_eq!(x.text, "Finalize its plan");
        assert_eq!(x.status, WorkingGroupStatus::ToBeExamined);
        assert_eq!(
            r.paragraphs[0].heading,
            "The following recommendation will be examined by the Congo"
        );
    }

    #[test]
    fn a_status_for_the_list_above() {
        let r = lenient(
            "70. In the course of the discussion, the following recommendations were made to X:\n\
             1. Ratify CAT (Canada);\n\
             71. X supports the recommendations listed above, which enjoy the support of X.\n",
        );
        assert_eq!(r.recommendations[0].status, WorkingGroupStatus::Supported);
        assert_eq!(r.paragraphs[0].status, Some(WorkingGroupStatus::Supported));
        assert!(r.report.problems.is_empty(), "{:?}", r.report.problems);
    }

    #[test]
    fn statuses_that_reach_no_list() {
        // A heading that announces a list none follows.
        let r = lenient(
            "70. The following recommendations enjoy the support of X:\n\
             71. All conclusions and/or recommendations ...\n",
        );
        assert_eq!(r.report.problems.len(), 1);
        assert_eq!(r.report.problems[0].action, Action::Skipped);
        // A status for paragraphs of section I, which is not read.
        let r = lenient(
            "80. The recommendations in paragraphs 35 and 44 above enjoy the support of X.\n",
        );
        let p = &r.report.problems[0];
        assert!(
            p.reason.contains("paragraphs 35, 44 of section I"),
            "{}",
            p.reason
        );
        // A strict read stops there.
        let strict = read_report(
            format!("{SECTION}80. The recommendations in paragraphs 35 and 44 above enjoy the support of X.\n").as_bytes(),
            &ReadOptions::new(),
        );
        assert!(strict.is_err());
    }

    #[test]
    fn a_dotted_list_without_its_heading() {
        let r = lenient("124.1 Do this (Canada);\n");
        assert_eq!(r.paragraphs[0].number, 124);
        let reasons: Vec<&str> = r
            .report
            .problems
            .iter()
            .map(|p| p.reason.as_str())
            .collect();
        assert_eq!(
            reasons,
            [
                "paragraph 124 has no heading line; its recommendations get no status from it",
                "a heading above 124.1 that gives its Working Group status (supported, to be examined, not supported or noted)"
            ]
        );
    }
}
