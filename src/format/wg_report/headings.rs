//! The headings of section II: where it starts and ends, and the Working Group status a
//! paragraph's heading gives to the recommendations under it.

use super::lines::{leading_token, starts_with_ignore_case};
use crate::WorkingGroupStatus;
use crate::format::states::ends_with_bracket;
use crate::text::{fold, sub, tail_from};

/// What a paragraph's heading says about the recommendations under it.
#[derive(Debug, Clone, Default)]
pub(super) struct Heading {
    pub(super) status: Option<WorkingGroupStatus>,
    /// "the following recommendations were made to X": no position given at the Working Group.
    pub(super) weak: bool,
    /// Refers to recommendations listed above.
    pub(super) refers_back: bool,
}

/// A heading over recommendations that did not enjoy the support of the State, or were rejected.
const NOT_SUPPORTED: &[&str] = &[
    "did not enjoy",
    "do not enjoy",
    "does not enjoy",
    "did not receive the support",
    "not enjoy the support",
    "cannot enjoy",
    "could not enjoy",
    "were rejected",
    "was rejected",
    "are rejected",
    "rejected by",
    "not be supported",
    "cannot support",
    "could not support",
    "not accepted",
    "did not accept",
    "does not accept",
    "cannot accept",
    "could not accept",
    "cannot be accepted",
    "could not be accepted",
    "not be accepted",
];

/// A heading over recommendations the State will examine and respond to later.
const TO_BE_EXAMINED: &[&str] = &[
    "will be examined",
    "will be further examined",
    "will further examine",
    "will examine",
    "will provide responses",
    "will provide its responses",
    "will provide its response",
    "will provide a response",
    "will provide the response",
    "will provide response",
    "will respond",
    "will be considered by",
    "will be included in the outcome",
    "responses in due",
    "response in due",
    "answer in due",
    "will be further considered",
];

/// A heading over recommendations the State noted.
const NOTED: &[&str] = &[
    "have been noted",
    "has been noted",
    "were noted",
    "are noted",
    "is noted",
    "will be noted",
    "would be noted",
    "takes note",
    "took note",
    "notes those",
    "noted by",
    "noted the following",
];

/// A heading over recommendations that enjoy the support of the State (or are implemented).
const SUPPORTED: &[&str] = &[
    "enjoy the support",
    "enjoys the support",
    "enjoyed the support",
    "enjoy its support",
    "enjoys its support",
    "enjoyed its support",
    "enjoy the full support",
    "enjoy full support",
    "and enjoy the",
    "agreed on the following",
    "agrees to follow up",
    "accepted by",
    "were accepted",
    "are accepted",
    "has accepted",
    "have been accepted",
    "supported by",
    "accepts the following",
    "already implemented",
    "already been implemented",
    "in the process of implementation",
    "in the process of being implemented",
];

/// "The following recommendations were made to X": no position given at the Working Group.
const WEAK: &[&str] = &[
    "were made to",
    "was recommended that",
    "presented recommendations",
    "recommendations were formulated",
    "following recommendations were made",
    "the following recommendations were",
];

/// A heading that refers to recommendations listed above it.
const REFERS_BACK: &[&str] = &[
    "above",
    "these recommendations",
    "all recommendations",
    "both will",
];

/// The statuses in the order they are tried: a heading that says "did not enjoy the support"
/// also contains "enjoy the support".
const STATUSES: [(WorkingGroupStatus, &[&str]); 4] = [
    (WorkingGroupStatus::NotSupported, NOT_SUPPORTED),
    (WorkingGroupStatus::ToBeExamined, TO_BE_EXAMINED),
    (WorkingGroupStatus::Noted, NOTED),
    (WorkingGroupStatus::Supported, SUPPORTED),
];

/// Reads the status a heading gives; a heading that only says the recommendations "were made"
/// is weak and reads as to be examined.
pub(super) fn classify(text: &str) -> Heading {
    let f = fold(text);
    let has = |ps: &[&str]| ps.iter().any(|p| f.contains(p));
    let status = STATUSES.iter().find(|(_, ps)| has(ps)).map(|(s, _)| *s);
    let weak = status.is_none() && has(WEAK);
    Heading {
        status: status.or(weak.then_some(WorkingGroupStatus::ToBeExamined)),
        weak,
        refers_back: has(REFERS_BACK),
    }
}

/// The closing paragraph of section II: "All conclusions and/or recommendations contained in
/// the present report reflect the position of ...".
pub(super) fn is_closing(text: &str) -> bool {
    // Every form starts with "all", which folding leaves as it is but for its case (no other
    // character lower-cases to `a` or `l`): most headings are passed over without a fold.
    let opens_with_all = text
        .trim_start()
        .get(..3)
        .is_some_and(|w| w.eq_ignore_ascii_case("all"));
    if !opens_with_all {
        return false;
    }
    let f = fold(text);
    f.starts_with("all conclusions")
        || f.starts_with("all the conclusions")
        || f.starts_with("all conclusion and")
}

/// Whether a text after a number reads as a paragraph heading rather than a recommendation.
pub(super) fn heading_like(preview: &str) -> bool {
    if ends_with_bracket(preview) {
        return false;
    }
    let f = fold(preview);
    f.contains("recommend") || f.trim_end().ends_with(':') || is_closing(preview)
}

/// The paragraph numbers a heading refers to: `noted in the report in paragraphs 35 (b), 38 (a),
/// (b) and 44 above` gives 35, 38, 44; `paragraphs 77.13, 77.43` gives 77.
pub(super) fn referenced_paragraphs(text: &str) -> Vec<u16> {
    let low = text.to_ascii_lowercase();
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(k) = low.get(from..).and_then(|r| r.find("paragraph")) {
        let at = from + k + "paragraph".len();
        from = at;
        let rest = tail_from(&low, at).trim_start_matches('s');
        for tok in rest.split(|c: char| c.is_whitespace() || ",;:".contains(c)) {
            let letters = !tok.starts_with(|c: char| c.is_ascii_digit());
            if tok.is_empty() || (letters && (tok.starts_with('(') || tok.ends_with(')'))) {
                continue;
            }
            if ["and", "or", "last", "sentence", "nos.", "no."].contains(&tok) {
                continue;
            }
            let num: String = tok.chars().take_while(char::is_ascii_digit).collect();
            match num.parse::<u16>() {
                Ok(n)
                    if num.len() == tok.len()
                        || tail_from(tok, num.len()).starts_with(['.', '(']) =>
                {
                    out.push(n);
                }
                _ => break,
            }
        }
    }
    out
}

/// If the line is the heading of section II, the text after the heading (a run-on layout may
/// continue with the first paragraph on the same line).
pub(super) fn section_start(line: &str) -> Option<&str> {
    // The heading starts with "conclusions" (after a roman number): most lines are passed over
    // without a lower-cased copy.
    if !opens_with_conclusions(line) {
        return None;
    }
    let low = line.to_ascii_lowercase();
    let t = low.trim_start();
    let off = low.len() - t.len();
    let roman = t.len() - t.trim_start_matches(['i', 'v']).len();
    let (t, off) = match t.get(roman..) {
        Some(r) if roman > 0 && roman <= 4 && r.starts_with(['.', ' ']) => {
            let r2 = r.trim_start_matches(['.', ' ']);
            (r2, off + roman + (r.len() - r2.len()))
        }
        _ => (t, off),
    };
    let r = t.strip_prefix("conclusions")?;
    let k = r.find("recommendations")?;
    if !sub(r, 0, k).chars().all(|c| " and/or".contains(c)) || !sub(r, 0, k).contains("and") {
        return None;
    }
    let after = off + "conclusions".len() + k + "recommendations".len();
    let rest = tail_from(line, after);
    if rest.contains("....") || rest.contains("\u{2026}") {
        return None;
    }
    let rest_t = rest.trim_start_matches(['.', '*', ' ']);
    if rest_t.starts_with(|c: char| c.is_ascii_digit()) && leading_token(rest_t).is_none() {
        return None; // a table-of-contents line: "... 90–92 13"
    }
    Some(rest_t)
}

/// Whether `line` starts with "conclusions" (any case), after spaces and a roman number as
/// [`section_start`] allows them.
fn opens_with_conclusions(line: &str) -> bool {
    let t = line.trim_start();
    let roman = t
        .bytes()
        .take_while(|c| matches!(c, b'i' | b'v' | b'I' | b'V'))
        .count();
    let r = tail_from(t, roman);
    let r = if roman > 0 && roman <= 4 && r.starts_with(['.', ' ']) {
        r.trim_start_matches(['.', ' '])
    } else {
        t
    };
    starts_with_ignore_case(r, "conclusions")
}

/// Whether the line ends section II: the next roman-numbered heading, the annex, the notes.
pub(super) fn section_end(line: &str) -> bool {
    let t = line.trim_start();
    // A roman-numbered heading ("III. Voluntary commitments", "IV. ..."); a lone "I." or "V."
    // could be an initial, so two letters at least.
    let roman = t
        .bytes()
        .take_while(|c| matches!(c.to_ascii_lowercase(), b'i' | b'v' | b'x'))
        .count();
    if roman >= 2 && tail_from(t, roman).starts_with(['.', ' ']) {
        let r = tail_from(t, roman).trim_start_matches(['.', ' ']);
        if r.starts_with(|c: char| c.is_uppercase()) {
            return true;
        }
    }
    let annex = t.eq_ignore_ascii_case("annex")
        || t.eq_ignore_ascii_case("annexes")
        || starts_with_ignore_case(t, "annex ");
    if annex && t.len() < 60 {
        return true;
    }
    starts_with_ignore_case(t, "notes") && t.len() < 8
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings() {
        let c = |s: &str| classify(s).status;
        assert_eq!(
            c(
                "The recommendations formulated during the interactive dialogue have been examined by X and enjoy the support of X:"
            ),
            Some(WorkingGroupStatus::Supported)
        );
        assert_eq!(
            c(
                "The following recommendations will be examined by X, which will respond in due course, but no later than ..."
            ),
            Some(WorkingGroupStatus::ToBeExamined)
        );
        assert_eq!(
            c(
                "The following recommendations did not enjoy the support of X and would thus be noted:"
            ),
            Some(WorkingGroupStatus::NotSupported)
        );
        assert_eq!(
            c("The following recommendations were rejected by X:"),
            Some(WorkingGroupStatus::NotSupported)
        );
        assert_eq!(
            c("The following recommendations have been noted by X:"),
            Some(WorkingGroupStatus::Noted)
        );
        assert_eq!(
            c("X considers that recommendations Nos. 1 and 2 are implemented."),
            None
        );
        let weak = classify(
            "In the course of the discussion, the following recommendations were made to X:",
        );
        assert!(weak.weak);
        assert_eq!(weak.status, Some(WorkingGroupStatus::ToBeExamined));
        assert!(classify("The recommendations above will be examined").refers_back);
    }

    #[test]
    fn closing_and_heading_like() {
        assert!(is_closing(
            "All the conclusions and/or recommendations contained in ..."
        ));
        for t in [
            "  ALL  conclusions and/or recommendations",
            "\u{a0}All conclusion and/or recommendations",
            "all\tconclusions",
        ] {
            assert!(is_closing(t), "{t:?}");
        }
        for t in [
            "",
            "Al",
            "\u{e9}all conclusions",
            "Alla conclusions",
            "The conclusions",
        ] {
            assert!(!is_closing(t), "{t:?}");
        }
        assert!(heading_like(
            "The following recommendations enjoy the support of X:"
        ));
        assert!(!heading_like(
            "Ratify the recommendations of the treaty bodies (Chile);"
        ));
        assert!(!heading_like("Ratify the Convention"));
    }

    #[test]
    fn paragraphs_referred_to() {
        assert_eq!(
            referenced_paragraphs(
                "noted in the report in paragraphs 35 (b), 38 (a), (b) and 44 above"
            ),
            [35, 38, 44]
        );
        assert_eq!(referenced_paragraphs("paragraphs 77.13, 77.43"), [77, 77]);
        assert!(referenced_paragraphs("the recommendations above").is_empty());
    }

    #[test]
    fn section_bounds() {
        assert_eq!(
            section_start("II. Conclusions and/or recommendations 90. The following"),
            Some("90. The following")
        );
        assert_eq!(
            section_start("II. Conclusions and recommendations .......... 90-92 13"),
            None
        );
        assert_eq!(
            section_start("II. Conclusions and/or recommendations 90\u{2013}92 13"),
            None
        );
        assert_eq!(section_start("Conclusions or recommendations"), None);
        assert!(section_end("III. Voluntary commitments"));
        assert!(section_end("Annex"));
        assert!(section_end("Notes"));
        assert!(!section_end("I. Ratify"));
    }
}
