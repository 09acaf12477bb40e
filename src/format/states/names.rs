//! The recommending State names inside one bracket.

use super::{Segmented, normalize_with_offsets, segment, spell};
use crate::State;
use crate::text::{sub, tail_from};

/// One recommending State name as written, with the State it resolves to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Name {
    /// The name as written (trimmed).
    pub(crate) raw: String,
    /// The State, when the name resolves.
    pub(crate) state: Option<State>,
}

impl Name {
    fn known(raw: &str, state: State) -> Self {
        Name {
            raw: raw.trim().to_owned(),
            state: Some(state),
        }
    }

    fn unknown(raw: &str) -> Self {
        Name {
            raw: raw.trim().to_owned(),
            state: None,
        }
    }
}

/// Whether there are names and every one resolves.
pub(crate) fn all_known(names: &[Name]) -> bool {
    !names.is_empty() && names.iter().all(|n| n.state.is_some())
}

/// The names inside one bracket: `Chile`, `Bolivia (Plurinational State of)`, `Korea, Republic
/// of`, `Cuba, Ghana and the Netherlands`, `Chile; Peru`, `Sierra Le one` (a stray space),
/// `ChileEstonia` (no separator). Every name is returned as written, with its State when it
/// resolves. They are added to `out` (the splitter gathers the names of several brackets in
/// one vector).
pub(crate) fn extend_with_names_in(content: &str, out: &mut Vec<Name>) {
    with_names_in(content, |names| out.extend_from_slice(names));
}

/// [`extend_with_names_in`], in a vector of their own.
#[cfg(test)]
pub(crate) fn names_in(content: &str) -> Vec<Name> {
    with_names_in(content, <[Name]>::to_vec)
}

/// Whether a bracket's content names States and every name in it resolves ([`all_known`] of
/// [`extend_with_names_in`], without copying the names).
pub(crate) fn all_known_in(content: &str) -> bool {
    with_names_in(content, all_known)
}

/// Whether a bracket's content names States, every name resolves, and none as a bare ISO code
/// (`NLD`): a bracket of States inside a text ([`all_known_in`], stricter).
pub(crate) fn all_named_in(content: &str) -> bool {
    with_names_in(content, |names| {
        all_known(names)
            && names.iter().all(|n| {
                n.state
                    .is_some_and(|s| n.raw.len() != 3 || n.raw != s.alpha3())
            })
    })
}

/// The names in a bracket's content when it names States and every name resolves
/// ([`extend_with_names_in`] filtered by [`all_known`], read once).
pub(crate) fn known_names_in(content: &str) -> Option<Vec<Name>> {
    with_names_in(content, |names| all_known(names).then(|| names.to_vec()))
}

/// Bracket contents longer than this are read afresh each time (a list of co-sponsors is
/// under 600 bytes).
const MEMO_LONGEST: usize = 256;
/// The memo is emptied when it holds this many contents (a report has a few hundred).
const MEMO_MOST: usize = 4096;

thread_local! {
    /// The names of the bracket contents read lately on this thread. The same few hundred
    /// contents (`Canada`, `Cuba, Ghana and the Netherlands`, `CAT`) come back thousands of
    /// times in a corpus of reports, and every line's ending is tested with them.
    static MEMO: std::cell::RefCell<Memo> = std::cell::RefCell::new(Memo::default());
}

type Memo = std::collections::HashMap<Box<str>, Vec<Name>, foldhash::fast::RandomState>;

/// `f` of the names in a bracket's content, read once per content (see [`MEMO`]).
fn with_names_in<R>(content: &str, f: impl FnOnce(&[Name]) -> R) -> R {
    let content = content.trim();
    if content.len() > MEMO_LONGEST {
        return f(&read_names_in(content));
    }
    MEMO.with(|memo| {
        let mut memo = memo.borrow_mut();
        if let Some(names) = memo.get(content) {
            return f(names);
        }
        if memo.len() >= MEMO_MOST {
            memo.clear();
        }
        let names = read_names_in(content);
        let r = f(&names);
        memo.insert(content.into(), names);
        r
    })
}

/// [`extend_with_names_in`], read from the content.
fn read_names_in(content: &str) -> Vec<Name> {
    if let Some(st) = resolve(content) {
        return vec![Name::known(content, st)];
    }
    let pieces = pieces(content);
    let mut out = Vec::new();
    let mut rest = pieces.as_slice();
    while !rest.is_empty() {
        let (names, used) = names_at(rest);
        out.extend(names);
        rest = rest.get(used..).unwrap_or_default();
    }
    out
}

/// The top-level pieces of a bracket's content, separated by `,` or `;` (not inside nested
/// brackets; not `/`, which separates the parts of a document symbol, `A/HRC/WG.6/18/AFG/1`).
fn pieces(content: &str) -> Vec<&str> {
    let mut pieces = Vec::new();
    let mut depth = 0usize;
    let mut start = 0;
    for (i, c) in content.char_indices() {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            ',' | ';' if depth == 0 => {
                pieces.push(sub(content, start, i));
                start = i + 1;
            }
            _ => {}
        }
    }
    pieces.push(tail_from(content, start));
    pieces
}

/// The names the first pieces make, and how many pieces they use: the longest run of pieces
/// that reads as one name (a State's name has at most two commas: `Korea, Republic of`), or
/// the names in the first piece.
fn names_at(pieces: &[&str]) -> (Vec<Name>, usize) {
    for j in (2..=pieces.len().min(3)).rev() {
        let joined = pieces.get(..j).unwrap_or_default().join(",");
        let name = strip_and(&joined);
        if let Some(st) = resolve(name) {
            return (vec![Name::known(name, st)], j);
        }
    }
    let piece = strip_and(pieces.first().copied().unwrap_or_default());
    (piece_names(piece), 1)
}

/// The names in one piece: States joined by `and` (`Ghana and the Netherlands`, `Antigua and
/// Barbuda and Peru`); else each part between `and`s read on its own (`Chile and Atlantis`);
/// else the piece as one name that does not resolve.
fn piece_names(piece: &str) -> Vec<Name> {
    if let Some(v) = split_and(piece) {
        return v;
    }
    if piece.is_empty() {
        return Vec::new();
    }
    let ands = and_offsets(piece);
    if ands.is_empty() {
        return vec![Name::unknown(piece)];
    }
    let mut out = Vec::new();
    let mut from = 0;
    for at in ands.into_iter().chain([piece.len()]) {
        let part = sub(piece, from, at);
        from = at + " and ".len();
        if part.trim().is_empty() {
            continue;
        }
        out.extend(read_name(part).unwrap_or_else(|| vec![Name::unknown(part)]));
    }
    out
}

/// Where `" and "` stands in `s` (any case), left to right, not overlapping.
fn and_offsets(s: &str) -> Vec<usize> {
    s.to_ascii_lowercase()
        .match_indices(" and ")
        .map(|(i, _)| i)
        .collect()
}

/// Splits `s` on `" and "` so that every part reads, e.g. `Ghana and the Netherlands`.
fn split_and(s: &str) -> Option<Vec<Name>> {
    if let Some(v) = read_name(s) {
        return Some(v);
    }
    for at in and_offsets(s) {
        let Some(mut v) = read_name(sub(s, 0, at)) else {
            continue;
        };
        if let Some(rest) = split_and(tail_from(s, at + " and ".len())) {
            v.extend(rest);
            return Some(v);
        }
    }
    None
}

/// One name (`Chile`, `Sierra Le one`) or names run together (`ChileEstonia`), when they read.
fn read_name(s: &str) -> Option<Vec<Name>> {
    match resolve(s) {
        Some(st) => Some(vec![Name::known(s, st)]),
        None => run_together(s.trim()),
    }
}

/// Names written with no separator between them that read one way only, each with the part of
/// `s` that spells it.
fn run_together(s: &str) -> Option<Vec<Name>> {
    let (norm, at) = normalize_with_offsets(s);
    if norm.is_empty() {
        return None;
    }
    let keys = crate::state::spellings();
    let Segmented::Readings(mut r) = segment(&norm, keys) else {
        return None;
    };
    let states = r.pop().filter(|_| r.is_empty())?;
    let spans = spell(&norm, keys, &states)?;
    let names = spans.into_iter().zip(states).map(|(span, st)| {
        let from = at.get(span.start).copied().unwrap_or(0);
        // The end of the last character the span's last normalised byte comes from.
        let last = at.get(span.end.saturating_sub(1)).copied().unwrap_or(from);
        let to = last + tail_from(s, last).chars().next().map_or(0, char::len_utf8);
        Name::known(sub(s, from, to), st)
    });
    Some(names.collect())
}

fn resolve(name: &str) -> Option<State> {
    let n = name.trim().trim_end_matches(['.', ',', ';', ':']).trim();
    if n.is_empty() {
        return None;
    }
    State::lookup(n)
}

/// A piece without the `and` it starts with (`and Peru`).
fn strip_and(s: &str) -> &str {
    let t = s.trim();
    if t.len() > 4 && t.get(..4).is_some_and(|p| p.eq_ignore_ascii_case("and ")) {
        tail_from(t, 4).trim()
    } else {
        t
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(content: &str) -> Vec<(String, Option<&'static str>)> {
        names_in(content)
            .into_iter()
            .map(|n| (n.raw, n.state.map(State::alpha3)))
            .collect()
    }

    fn known(v: &[(&str, &'static str)]) -> Vec<(String, Option<&'static str>)> {
        v.iter().map(|(n, c)| ((*n).to_owned(), Some(*c))).collect()
    }

    #[test]
    fn lists_of_names() {
        assert_eq!(
            read("Cuba, Ghana and the Netherlands"),
            known(&[
                ("Cuba", "CUB"),
                ("Ghana", "GHA"),
                ("the Netherlands", "NLD")
            ])
        );
        assert_eq!(
            read("Bolivia (Plurinational State of)"),
            known(&[("Bolivia (Plurinational State of)", "BOL")])
        );
        assert_eq!(
            read("Chile; Peru, and Mali"),
            known(&[("Chile", "CHL"), ("Peru", "PER"), ("Mali", "MLI")])
        );
        // A document symbol is no list of States, though AFG is a State's code.
        assert_eq!(
            read("A/HRC/WG.6/18/AFG/1"),
            [("A/HRC/WG.6/18/AFG/1".to_owned(), None)]
        );
        assert_eq!(
            read("Antigua and Barbuda and Peru"),
            known(&[("Antigua and Barbuda", "ATG"), ("Peru", "PER")])
        );
        assert!(all_known(&names_in("Trinidad and Tobago")));
        assert!(!all_known(&names_in("")));
    }

    #[test]
    fn names_run_together_or_broken() {
        assert_eq!(read("Sierra Le one"), known(&[("Sierra Le one", "SLE")]));
        assert_eq!(
            read("ChileEstonia, Côte d'IvoireMali"),
            known(&[
                ("Chile", "CHL"),
                ("Estonia", "EST"),
                ("Côte d'Ivoire", "CIV"),
                ("Mali", "MLI")
            ])
        );
    }

    #[test]
    fn names_that_do_not_resolve() {
        assert_eq!(read("Atlantis"), [("Atlantis".to_owned(), None)]);
        assert_eq!(
            read("Chile and Atlantis, 2000"),
            [
                ("Chile".to_owned(), Some("CHL")),
                ("Atlantis".to_owned(), None),
                ("2000".to_owned(), None)
            ]
        );
        assert!(!all_known(&names_in("Chile and Atlantis")));
    }
}
