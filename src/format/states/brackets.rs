//! The bracket groups of a text, and how a text ends.

use super::names::{Name, all_known_in, all_named_in, known_names_in};
use crate::text::{collapse_ws, sub, tail_from};
use std::borrow::Cow;

/// The top-level bracket groups of `s` as byte ranges `(open, close_exclusive)`.
pub(super) fn bracket_groups(s: &str) -> Vec<(usize, usize)> {
    // Brackets are ASCII, never part of a longer character: the bytes are enough.
    let at = |i: usize| (i, s.as_bytes().get(i).copied().unwrap_or_default());
    let (out, unclosed) = pairs(
        memchr::memchr2_iter(b'(', b')', s.as_bytes()).map(at),
        b'(',
        b')',
    );
    if unclosed == 0 {
        return out;
    }
    // A '(' never closed (`(ICPPED (Togo);`): pair from the end instead, where the recommending
    // States are.
    let (mut back, _) = pairs(
        memchr::memchr2_iter(b'(', b')', s.as_bytes()).rev().map(at),
        b')',
        b'(',
    );
    back.reverse();
    back
}

/// The outermost pairs of `first` and `second` in the order `chars` come (a `second` with no
/// `first` before it is passed over), as byte ranges of `s`; and how many `first`s stay open.
fn pairs(
    chars: impl Iterator<Item = (usize, u8)>,
    first: u8,
    second: u8,
) -> (Vec<(usize, usize)>, usize) {
    let mut out = Vec::new();
    let mut depth = 0usize;
    let mut mark = 0usize;
    for (i, c) in chars {
        if c == first {
            if depth == 0 {
                mark = i;
            }
            depth += 1;
        } else if c == second && depth > 0 {
            depth -= 1;
            if depth == 0 {
                // Both brackets are one byte.
                out.push((mark.min(i), mark.max(i) + 1));
            }
        }
    }
    (out, depth)
}

/// A final group whose closing bracket was lost in the source, `(Iran (Islamic Republic of);`:
/// when the last group does not resolve but reads as a State together with an unclosed `(`
/// before it, the wider group.
pub(super) fn widen_last(s: &str, g: (usize, usize)) -> (usize, usize) {
    if resolves_fully(s, g) {
        return g;
    }
    let before = sub(s, 0, g.0);
    if let Some(open) = before.rfind('(') {
        let between = tail_from(before, open + 1);
        if !between.contains(')') && !between.trim().is_empty() {
            let wide = (open, g.1);
            if resolves_fully(s, wide) {
                return wide;
            }
        }
    }
    g
}

/// The inside of a group; a group widened over a lost bracket gets it back.
pub(super) fn group_content(s: &str, g: (usize, usize)) -> Cow<'_, str> {
    let c = sub(s, g.0 + 1, g.1.saturating_sub(1));
    if memchr::memchr(b'(', c.as_bytes()).is_some()
        && c.matches('(').count() > c.matches(')').count()
    {
        Cow::Owned(format!("{c})"))
    } else {
        Cow::Borrowed(c)
    }
}

/// Longer than any list of co-sponsors (about 60 States, the longest seen is under 600 bytes).
const LONGEST_GROUP: usize = 2000;

/// The content of a group that may name States: not empty, not longer than any list of them.
fn names_content(s: &str, g: (usize, usize)) -> Option<Cow<'_, str>> {
    if g.1.saturating_sub(g.0) > LONGEST_GROUP {
        return None;
    }
    Some(group_content(s, g)).filter(|c| !c.trim().is_empty())
}

/// Whether the group names States, and every name in it resolves.
pub(super) fn resolves_fully(s: &str, g: (usize, usize)) -> bool {
    names_content(s, g).is_some_and(|c| all_known_in(&c))
}

/// Whether the group names States, every name in it resolves, and none as a bare ISO code
/// ([`all_named_in`]).
pub(super) fn named_fully(s: &str, g: (usize, usize)) -> bool {
    names_content(s, g).is_some_and(|c| all_named_in(&c))
}

/// The names of the group when it names States and every name in it resolves.
pub(super) fn known_names(s: &str, g: (usize, usize)) -> Option<Vec<Name>> {
    names_content(s, g).and_then(|c| known_names_in(&c))
}

/// Trailing junk after the last bracket: spaces, `;`, `.`, `,`, `:`, a footnote number right
/// after `)`, a dangling `and`.
pub(super) fn trim_trailing(s: &str) -> &str {
    let mut t = s;
    loop {
        let before = t.len();
        t = t.trim_end_matches(|c: char| c.is_whitespace() || ";.,:*".contains(c));
        if let Some(x) = t.strip_suffix(" and").or_else(|| t.strip_suffix(" or")) {
            t = x;
        }
        // A footnote number after the closing bracket: "(Turkey)1", "(Canada);2".
        let no_digits = t.trim_end_matches(|c: char| c.is_ascii_digit());
        if no_digits.len() < t.len()
            && t.len() - no_digits.len() <= 2
            && [")", ");", ").", ") "]
                .iter()
                .any(|e| no_digits.ends_with(e))
        {
            t = no_digits;
        }
        // One closing bracket too many: "(Argentina, Czech Republic));".
        if t.ends_with("))") && t.matches(')').count() > t.matches('(').count() {
            t = sub(t, 0, t.len() - 1);
        }
        if t.len() == before {
            return t;
        }
    }
}

/// Whether the bracket closing at `end` is followed by `;`, `.`, `:` (then a space or the end),
/// or by the end of the text.
pub(super) fn followed_by_break(t: &str, end: usize) -> bool {
    let rest = tail_from(t, end);
    // A footnote number may sit between the bracket and the break, and so may a stray space:
    // "(Canada)1;", "(Argentina) ;Work with ...".
    let r = rest
        .trim_start_matches(|c: char| c.is_ascii_digit())
        .trim_start_matches(' ');
    matches!(r.chars().next(), None | Some(';' | '.' | ':'))
}

/// Whether a text ends like a recommendation: a bracket followed only by punctuation.
pub(crate) fn ends_with_bracket(s: &str) -> bool {
    may_end_with_bracket(s) && trim_trailing(&collapse_ws(s)).ends_with(')')
}

/// Whether the text ends with a bracket of States that resolve.
pub(crate) fn ends_with_states(s: &str) -> bool {
    let end = last_chars(s, 1500);
    if !may_end_with_bracket(end) {
        return false;
    }
    let c = collapse_ws(end);
    let t = trim_trailing(&c);
    if !t.ends_with(')') {
        return false;
    }
    bracket_groups(t)
        .last()
        .is_some_and(|g| g.1 == t.len() && resolves_fully(t, *g))
}

/// Whether [`trim_trailing`] could leave `s` ending with `)`: only if what follows its last `)`
/// is made of what it trims (spaces, punctuation, footnote digits, a dangling "and" / "or").
/// A quick test without a copy, for the many lines that end with a word.
fn may_end_with_bracket(s: &str) -> bool {
    let Some(at) = s.rfind(')') else {
        return false;
    };
    tail_from(s, at + 1)
        .chars()
        .all(|c| c.is_whitespace() || ";.,:*andor".contains(c) || c.is_ascii_digit())
}

/// The end of a text, at most about `n` bytes (cut at a character boundary): the checks on how a
/// text ends need no more, and long inputs stay linear.
fn last_chars(s: &str, n: usize) -> &str {
    let mut from = s.len().saturating_sub(n);
    while from < s.len() && !s.is_char_boundary(from) {
        from += 1;
    }
    tail_from(s, from)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_and_lost_brackets() {
        let s = "Ratify (CAT (OP)) now (Chile)";
        assert_eq!(bracket_groups(s), [(7, 17), (22, 29)]);
        // A '(' never closed: paired from the end.
        assert_eq!(bracket_groups("A (ICPPED (Togo)"), [(10, 16)]);
        let s = "Do it (Iran (Islamic Republic of)";
        let g = bracket_groups(s);
        assert_eq!(g, [(12, 33)]);
        assert_eq!(widen_last(s, (12, 33)), (6, 33));
        assert_eq!(group_content(s, (6, 33)), "Iran (Islamic Republic of)");
        assert!(!resolves_fully("x (ICPPED)", (2, 10)));
    }

    #[test]
    fn how_texts_end() {
        assert_eq!(trim_trailing("Do it (Turkey)1; and"), "Do it (Turkey)");
        assert_eq!(
            trim_trailing("Do (Argentina, Czech Republic));"),
            "Do (Argentina, Czech Republic)"
        );
        assert_eq!(trim_trailing("Do it (2000) 2015"), "Do it (2000) 2015");
        assert!(followed_by_break("(Canada)1; Do", 8));
        assert!(followed_by_break("(Canada) ;Do", 8));
        assert!(!followed_by_break("(Canada) and", 8));
        assert!(ends_with_bracket("Ratify (CAT).*"));
        assert!(ends_with_states("Ratify CAT (Canada);"));
        assert!(!ends_with_states("Ratify (CAT);"));
        assert_eq!(last_chars("aé", 1), "");
    }
}
