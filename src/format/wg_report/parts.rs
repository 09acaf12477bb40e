//! The parts of a clustered recommendation: `129.1. Further consolidate ... (Egypt); Continue
//! to improve ... (Australia);` is one numbered paragraph of two parts, each with its own text
//! and recommending State(s).
//!
//! The splitter ([`split`]) reads the States of the whole text; this module cuts the text after
//! each bracket that ends a part and lets the splitter read each piece. A bracket ends a part
//! when it ends the text, or when it is followed by `;`, `.` or `:` (a footnote number may come
//! first) and every name in it resolves; brackets with only spaces between belong to one part
//! (`Proceed (Uruguay) (Mali).`: one part of two States). A part whose text is empty
//! (`Ratify OP-CAT; (Chile); (Czech Republic);`) belongs to the part before it, and so does a
//! fragment: a footnote run into the paragraph by the text extraction (`(Iran); 2 The
//! recommendation as read during the interactive dialogue: ... (Chile)`) or the end of one
//! (text closing a quotation it never opened), as it does in the paragraph's own text and
//! States.
//!
//! The parts are checked against the splitter: their States, in order, must be the
//! recommendation's. When they are not (a bracket the source never closed, States inside the
//! text or before a comment), the recommendation is one part, its whole text and States.

use super::WgPart;
use crate::State;
use crate::format::states::{Found, Name, Split, split};
use crate::text::{sub, tail_from};

/// Longer than any part of a cluster (the longest seen is under 2,000 bytes): a longer piece
/// (text cut nowhere, brackets that name no State) keeps the recommendation one part, and the
/// cutting linear in the body.
const MAX_PIECE: usize = 8000;

/// More cuts than this that do not end a part (`(2000);`, `(ICPPED);`), one after the other:
/// the recommendation stays one part (so each byte is read by the splitter a bounded number of
/// times).
const MAX_TRIES: usize = 16;

/// A recommendation's body taken apart: the whole (text run on, all States) and its parts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Parted {
    /// The parts' texts run on, as the report prints them.
    pub(super) text: String,
    /// Every recommending State that resolves, in order, without duplicates.
    pub(super) recommending: Vec<State>,
    /// Every recommending State as written.
    pub(super) recommending_raw: Vec<String>,
    /// The parts of a cluster, two or more; none when it is one part.
    pub(super) parts: Vec<WgPart>,
    /// Whether the body reads as a cluster (several brackets of States end its text) whose
    /// parts could not be told apart: it is kept as one part.
    pub(super) unsplit: bool,
}

/// Takes a recommendation's body (the text after its number) apart, given the splitter's
/// reading of the whole body (see [`split`]), so the body is not read twice: the parts are cut
/// from the text the splitter collapsed.
pub(super) fn read(whole: Split<'_>) -> Parted {
    let (text, recommending) = (whole.run_on_text(), whole.states());
    let may_be_parts = whole.found == Found::End && whole.names.len() > 1;
    let (parts, unsplit) = if may_be_parts {
        match parts(whole.text(), &whole.names) {
            Cut::Parts(p) => (p, false),
            Cut::One => (Vec::new(), false),
            Cut::Unsplit => (Vec::new(), true),
        }
    } else {
        (Vec::new(), false)
    };
    let recommending_raw = whole.into_raw();
    Parted {
        text,
        recommending,
        recommending_raw,
        parts,
        unsplit,
    }
}

/// How a body with several recommending States is cut.
enum Cut {
    /// Into these parts (two or more).
    Parts(Vec<WgPart>),
    /// Into one part: a joint recommendation (`(Chile, Peru)`, `(Uruguay) (Mali)`).
    One,
    /// Not at all: the pieces do not give the States the whole text gives, or one is longer
    /// than any part.
    Unsplit,
}

/// The parts of a clustered body, its whitespace collapsed, whose States, as the splitter read
/// them, are `names` (see [`Cut`]).
///
/// The body is cut after every `)` followed by a break; each piece the splitter reads as text
/// ending with States that all resolve is a part (the last piece is one whatever its names),
/// and a piece it does not (`Adopt resolution 1325 (2000);`) runs on into the next.
fn parts(t: &str, names: &[Name]) -> Cut {
    let mut out: Vec<WgPart> = Vec::new();
    let (mut from, mut tries) = (0, 0);
    let mut cuts = part_ends(t).peekable();
    while let Some(end) = cuts.next() {
        let last = cuts.peek().is_none();
        let piece = sub(t, from, end);
        tries += 1;
        if piece.len() > MAX_PIECE || tries > MAX_TRIES {
            return Cut::Unsplit;
        }
        let Some(s) = split(piece).filter(|s| s.found == Found::End) else {
            continue;
        };
        if !last && !s.unresolved().is_empty() {
            continue;
        }
        (from, tries) = (end, 0);
        let (text, fragment) = part_text(&s.run_on_text());
        match out.last_mut() {
            Some(prev) if text.is_empty() || fragment => {
                if !text.is_empty() {
                    prev.text = format!("{} {text}", prev.text);
                }
                for st in s.states() {
                    if !prev.recommending.contains(&st) {
                        prev.recommending.push(st);
                    }
                }
                prev.recommending_raw.extend(s.into_raw());
            }
            _ => out.push(WgPart {
                text,
                recommending: s.states(),
                recommending_raw: s.into_raw(),
            }),
        }
    }
    let found = out.iter().flat_map(|p| &p.recommending_raw);
    if !(found.eq(names.iter().map(|n| &n.raw)) && out.iter().all(|p| !p.text.is_empty())) {
        Cut::Unsplit
    } else if out.len() > 1 {
        Cut::Parts(out)
    } else {
        Cut::One
    }
}

/// A piece's text without the footnote number and the punctuation that end the bracket before
/// it (`(France)11; `); and whether it is a fragment rather than a part: a footnote run into the
/// paragraph by the text extraction (text that starts with its number and a space: `5 The
/// recommendation as read during the interactive dialogue: ...`; not `13. Continue ...`, an item
/// number misprinted inside a cluster), or the end of one (text that closes a quotation
/// it never opened: `the population\u{201d}`).
fn part_text(s: &str) -> (String, bool) {
    let t = s
        .trim_start_matches(|c: char| c.is_ascii_digit())
        .trim_start_matches(|c: char| c.is_whitespace() || ";.,".contains(c));
    let number = t.len() - t.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    let footnote = number > 0 && tail_from(t, number).starts_with(' ');
    let quote_end = t.ends_with('\u{201d}') && !t.contains('\u{201c}');
    (
        t.to_owned(),
        footnote || t.starts_with('\u{201d}') || quote_end,
    )
}

/// The offsets just after each `)` of `t` that is followed by `;`, `.` or `:` (after a
/// footnote number or a space), and the end of the text.
fn part_ends(t: &str) -> impl Iterator<Item = usize> + '_ {
    let closes = t.match_indices(')').map(|(i, _)| i + 1);
    closes
        .filter(move |&end| end < t.len() && followed_by_break(t, end))
        .chain(std::iter::once(t.len()))
}

/// Whether the bracket closing at `end` is followed by `;`, `.` or `:` (after a footnote number
/// or a space).
fn followed_by_break(t: &str, end: usize) -> bool {
    let r = tail_from(t, end)
        .trim_start_matches(|c: char| c.is_ascii_digit())
        .trim_start_matches(' ');
    matches!(r.chars().next(), Some(';' | '.' | ':'))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The body taken apart, read by the splitter first as `emit` does.
    fn read_body(body: &str) -> Option<Parted> {
        split(body).map(read)
    }

    /// The parts' texts and States as written; one part, the whole, when it is not clustered.
    fn texts_and_states(body: &str) -> Vec<(String, Vec<String>)> {
        let parted = read_body(body).unwrap();
        if parted.parts.is_empty() {
            return vec![(parted.text, parted.recommending_raw)];
        }
        assert!(parted.parts.len() >= 2, "{body}: a cluster of one part");
        let parts = parted.parts.into_iter();
        parts.map(|p| (p.text, p.recommending_raw)).collect()
    }

    fn owned(v: &[(&str, &[&str])]) -> Vec<(String, Vec<String>)> {
        v.iter()
            .map(|(t, s)| (t.to_string(), s.iter().map(|x| x.to_string()).collect()))
            .collect()
    }

    #[test]
    fn clusters_are_cut_at_their_brackets() {
        assert_eq!(
            texts_and_states(
                "Further consolidate the institutions (Egypt); Continue to improve it (Australia); Ensure X (Cuba, Ghana and the Netherlands);"
            ),
            owned(&[
                ("Further consolidate the institutions", &["Egypt"]),
                ("Continue to improve it", &["Australia"]),
                ("Ensure X", &["Cuba", "Ghana", "the Netherlands"]),
            ])
        );
        // Two brackets of one part; a bracket in the text that names no State.
        assert_eq!(
            texts_and_states(
                "Abolish it (Argentina) ;Ratify the Protocol (Maputo Protocol) (Uruguay) (Mali)."
            ),
            owned(&[
                ("Abolish it", &["Argentina"]),
                (
                    "Ratify the Protocol (Maputo Protocol)",
                    &["Uruguay", "Mali"]
                ),
            ])
        );
        // A footnote run into the paragraph is no part.
        assert_eq!(
            texts_and_states(
                "Continue its efforts (Bhutan); 2 The recommendation as read during the dialogue: \u{201c}Extend it\u{201d} (Chile);"
            ),
            owned(&[(
                "Continue its efforts 2 The recommendation as read during the dialogue: \u{201c}Extend it\u{201d}",
                &["Bhutan", "Chile"]
            )])
        );
        // A misprinted item number inside a cluster is no footnote.
        assert_eq!(
            texts_and_states("Guarantee X (Austria); 13. Continue Y (India);").len(),
            2
        );
        // A footnote number after a bracket.
        assert_eq!(
            texts_and_states("Do it (Bolivia (Plurinational State of))1; Do that (Chile);").len(),
            2
        );
    }

    #[test]
    fn what_stays_one_part() {
        // One bracket of joint States.
        assert_eq!(
            texts_and_states("Ratify OP-CAT (Chile, Peru);"),
            owned(&[("Ratify OP-CAT", &["Chile", "Peru"])])
        );
        // An empty part belongs to the one before.
        assert_eq!(
            texts_and_states("Ratify the OP-CAT; (Chile); (Czech Republic);"),
            owned(&[("Ratify the OP-CAT", &["Chile", "Czech Republic"])])
        );
        // States inside the text, or before a comment.
        assert_eq!(
            texts_and_states("Sign (Uganda) and ratify (Costa Rica) OP-CAT.").len(),
            1
        );
        assert_eq!(
            texts_and_states("Ensure X (Canada); Do Y (Chile): The State does not accept this.")
                .len(),
            1
        );
        // A bracket never closed before the States of a part.
        assert_eq!(
            texts_and_states("Ratify the Convention (ICPPED (Togo); Do Y (Chile);"),
            owned(&[
                ("Ratify the Convention (ICPPED", &["Togo"]),
                ("Do Y", &["Chile"])
            ])
        );
        // A piece longer than any part: one part, nothing lost.
        let long = format!("Ratify {} (Togo); Do Y (Chile);", "(ICPPED) ".repeat(2_000));
        assert_eq!(texts_and_states(&long).len(), 1);
        let long = format!("Ratify {} (Togo); Do Y (Chile);", "(ICPPED); ".repeat(20));
        let t = texts_and_states(&long);
        assert_eq!(t.len(), 1);
        assert_eq!(t[0].1, ["Togo", "Chile"]);
        assert!(read_body(&long).unwrap().unsplit);
        assert!(!read_body("Ratify OP-CAT (Chile) (Peru);").unwrap().unsplit);
    }

    /// The cutting alone (the splitter's own reading of the whole text is not this module's):
    /// twice the parts take at most about twice the time, with the worst case of pieces that
    /// end no part (`(2000);`) between them.
    #[test]
    fn cutting_scales_linearly() {
        let body = |n: usize| {
            "Adopt resolution 1325 (2000); and (ICPPED); then Ratify A (Chile); ".repeat(n)
                + "Do X (Peru);"
        };
        let time = |n: usize| {
            let b = body(n);
            let name = |raw: &str| Name {
                raw: raw.to_owned(),
                state: raw.parse().ok(),
            };
            let names: Vec<Name> = std::iter::repeat_n(name("Chile"), n)
                .chain([name("Peru")])
                .collect();
            (0..3)
                .map(|_| {
                    let t = std::time::Instant::now();
                    let cut = parts(&b, &names);
                    assert!(matches!(cut, Cut::Parts(ref p) if p.len() == n + 1));
                    t.elapsed()
                })
                .min()
                .unwrap_or_default()
        };
        let (small, large) = (time(2_000), time(4_000));
        let ratio = large.as_secs_f64() / small.as_secs_f64().max(1e-9);
        assert!(ratio < 3.0, "2x the parts took {ratio:.2}x the time");
    }

    #[test]
    fn many_brackets_stay_linear() {
        let body = format!("{}X (Canada);", "Ratify A (Chile); ".repeat(2_000));
        assert_eq!(read_body(&body).unwrap().parts.len(), 2_001);
    }
}
