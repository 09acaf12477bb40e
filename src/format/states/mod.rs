//! Recommending States: the one splitter every reader uses to take the recommending States out
//! of a recommendation's text, and State names run together.
//!
//! - [`brackets`]: the bracket groups of a text, and how a text ends (trailing footnote marks,
//!   a lost closing bracket);
//! - [`names`]: the State names inside one bracket (`Cuba, Ghana and the Netherlands`,
//!   `Korea, Republic of`, `Sierra Le one`, `ChileEstonia`);
//! - [`split`](fn@split): a text taken apart into the text and its recommending States
//!   (clusters, States before a comment, States inside the text), read by the Working Group
//!   report, UHRI and the OHCHR matrix readers alike;
//! - here: names run together with no separator ([`split_states`]), regional groups, and small
//!   helpers on lists of States.

use serde::{Deserialize, Serialize};
use strum::VariantArray;

use crate::text::{dash_list, map_with_offsets};
use crate::{RegionalGroup, State};

mod brackets;
mod names;
mod split;

pub(crate) use brackets::{ends_with_bracket, ends_with_states};
pub(crate) use names::Name;
pub(crate) use split::{Found, Split, split, split_text};

// State names run together.

/// How a string of State names written with no separator reads (see [`split_states`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StateSplit {
    /// Exactly one reading (an empty string reads as no State).
    Unique(Vec<State>),
    /// Several readings (at most eight are listed), in no particular order.
    Ambiguous(Vec<Vec<State>>),
    /// No complete reading: the States read from the start, and the text that no spelling
    /// matches from there on.
    Leftover {
        /// States read before the leftover.
        read: Vec<State>,
        /// The leftover, as written.
        rest: String,
    },
}

/// The most readings [`split_states`] lists for an ambiguous string.
const MAX_READINGS: usize = 8;

/// The result of segmenting a normalised string over a list of keys.
pub(crate) enum Segmented<T> {
    Readings(Vec<Vec<T>>),
    /// Furthest normalised offset reached from the start, and the values read up to it.
    Stuck(usize, Vec<T>),
    /// The readings found before the search budget ran out (there may be others).
    Incomplete(Vec<Vec<T>>),
}

/// Dynamic programming over `keys` (normalised spellings): every way to write `norm` as a
/// sequence of keys, up to [`MAX_READINGS`] distinct value sequences.
pub(crate) fn segment<T: Copy + PartialEq>(norm: &str, keys: &[(String, T)]) -> Segmented<T> {
    let matches = key_matches(norm, keys);
    let ways = complete_from(&matches);
    if ways.first().copied().unwrap_or(false) {
        readings(&matches, &ways)
    } else {
        stuck(&matches)
    }
}

/// For every byte `i` of `norm`, each key that starts there: its value and where it ends (one
/// slot more, empty, for the end of `norm`).
fn key_matches<T: Copy>(norm: &str, keys: &[(String, T)]) -> Vec<Vec<(T, usize)>> {
    let mut matches: Vec<Vec<(T, usize)>> = vec![Vec::new(); norm.len() + 1];
    for (i, slot) in matches.iter_mut().enumerate() {
        if !norm.is_char_boundary(i) {
            continue;
        }
        let rest = norm.get(i..).unwrap_or_default();
        for (k, v) in keys {
            if !k.is_empty() && rest.starts_with(k.as_str()) {
                slot.push((*v, i + k.len()));
            }
        }
    }
    matches
}

/// The keys starting at byte `i`.
fn at<T>(matches: &[Vec<(T, usize)>], i: usize) -> &[(T, usize)] {
    matches.get(i).map(Vec::as_slice).unwrap_or_default()
}

/// For every byte `i`, whether the text from `i` on can be read completely.
fn complete_from<T>(matches: &[Vec<(T, usize)>]) -> Vec<bool> {
    let n = matches.len().saturating_sub(1);
    let mut ways = vec![false; n + 1];
    if let Some(w) = ways.get_mut(n) {
        *w = true;
    }
    for i in (0..n).rev() {
        let ok = at(matches, i)
            .iter()
            .any(|&(_, e)| ways.get(e).copied().unwrap_or(false));
        if let Some(w) = ways.get_mut(i) {
            *w = ok;
        }
    }
    ways
}

/// No complete reading: the furthest position reachable from the start, with one path to it.
fn stuck<T: Copy>(matches: &[Vec<(T, usize)>]) -> Segmented<T> {
    let n = matches.len().saturating_sub(1);
    let mut pred: Vec<Option<(usize, T)>> = vec![None; n + 1];
    let mut reach = vec![false; n + 1];
    if let Some(r) = reach.first_mut() {
        *r = true;
    }
    let mut furthest = 0;
    for i in 0..=n {
        if !reach.get(i).copied().unwrap_or(false) {
            continue;
        }
        furthest = i;
        for &(v, e) in at(matches, i) {
            if let Some(r) = reach.get_mut(e) {
                if !*r {
                    *r = true;
                    if let Some(p) = pred.get_mut(e) {
                        *p = Some((i, v));
                    }
                }
            }
        }
    }
    let mut read = Vec::new();
    let mut pos = furthest;
    while let Some(Some((from, v))) = pred.get(pos) {
        read.push(*v);
        pos = *from;
    }
    read.reverse();
    Segmented::Stuck(furthest, read)
}

/// The readings, depth-first along complete paths only, with a step budget.
fn readings<T: Copy + PartialEq>(matches: &[Vec<(T, usize)>], ways: &[bool]) -> Segmented<T> {
    let n = matches.len().saturating_sub(1);
    let mut readings: Vec<Vec<T>> = Vec::new();
    let mut stack: Vec<(usize, Vec<T>)> = vec![(0, Vec::new())];
    let mut budget = 10_000usize;
    while let Some((i, path)) = stack.pop() {
        if readings.len() >= MAX_READINGS {
            break;
        }
        if budget == 0 {
            // Not every path was followed: do not claim the reading found is the only one.
            return Segmented::Incomplete(readings);
        }
        budget -= 1;
        if i == n {
            if !readings.contains(&path) {
                readings.push(path);
            }
            continue;
        }
        for &(v, e) in at(matches, i) {
            if ways.get(e).copied().unwrap_or(false) {
                let mut p = path.clone();
                p.push(v);
                stack.push((e, p));
            }
        }
    }
    Segmented::Readings(readings)
}

/// `s` normalised as [`crate::state::normalize`] does, with the byte offset in `s` of each
/// normalised byte (and `s.len()` at the end).
pub(crate) fn normalize_with_offsets(s: &str) -> (String, Vec<usize>) {
    let mut buf = [0u8; 4];
    let (norm, from) = map_with_offsets(s, |c, out| {
        out.push_str(&crate::state::normalize(c.encode_utf8(&mut buf)));
    });
    let at = from.into_iter().map(|r| r.start).chain([s.len()]).collect();
    (norm, at)
}

/// The byte ranges in `norm` of the keys that spell `values`, in order: one way to read `norm`
/// as `values` (a reading [`segment`] found), or `None` when there is none.
pub(crate) fn spell<T: Copy + PartialEq>(
    norm: &str,
    keys: &[(String, T)],
    values: &[T],
) -> Option<Vec<std::ops::Range<usize>>> {
    let matches = key_matches(norm, keys);
    let (n, k) = (norm.len(), values.len());
    // ok[i * (k + 1) + j]: norm[i..] spells values[j..].
    let cell = |i: usize, j: usize| i * (k + 1) + j;
    let ends = |i: usize, v: T| {
        at(&matches, i)
            .iter()
            .filter(move |m| m.0 == v)
            .map(|m| m.1)
    };
    let mut ok = vec![false; (n + 1) * (k + 1)];
    if let Some(x) = ok.get_mut(cell(n, k)) {
        *x = true;
    }
    for i in (0..n).rev() {
        for (j, &v) in values.iter().enumerate().rev() {
            let can = ends(i, v).any(|e| ok.get(cell(e, j + 1)).copied().unwrap_or(false));
            if let Some(x) = ok.get_mut(cell(i, j)) {
                *x = can;
            }
        }
    }
    let mut out = Vec::with_capacity(k);
    let mut i = 0;
    for (j, &v) in values.iter().enumerate() {
        let e = ends(i, v).find(|&e| ok.get(cell(e, j + 1)).copied().unwrap_or(false))?;
        out.push(i..e);
        i = e;
    }
    (i == n).then_some(out)
}

/// Reads State names written with no separator, e.g. `ChileEstoniaSloveniaTunisiaUruguay`.
///
/// Matching ignores case, spaces, punctuation and accents (as [`State::resolve`] does), so a
/// list with separators (`Chile, Estonia`) reads too. A string that is itself one spelling or
/// code resolves directly.
///
/// ```
/// use upr::format::uhri::{split_states, StateSplit};
/// use upr::State;
/// let chile = State::resolve("Chile")?;
/// let sle = State::resolve("Sierra Leone")?;
/// assert_eq!(split_states("Sierra LeoneChile"), StateSplit::Unique(vec![sle, chile]));
/// assert!(matches!(split_states("ChileAtlantis"), StateSplit::Leftover { .. }));
/// # Ok::<(), upr::Error>(())
/// ```
pub fn split_states(concatenated: &str) -> StateSplit {
    let t = concatenated.trim();
    if t.is_empty() {
        return StateSplit::Unique(Vec::new());
    }
    if let Ok(s) = State::resolve(t) {
        return StateSplit::Unique(vec![s]);
    }
    let (norm, at) = normalize_with_offsets(t);
    if norm.is_empty() {
        return StateSplit::Leftover {
            read: Vec::new(),
            rest: t.to_owned(),
        };
    }
    match segment(&norm, crate::state::spellings()) {
        Segmented::Readings(mut r) if r.len() == 1 => {
            StateSplit::Unique(r.pop().unwrap_or_default())
        }
        Segmented::Readings(r) | Segmented::Incomplete(r) => StateSplit::Ambiguous(r),
        Segmented::Stuck(furthest, read) => {
            let from = at.get(furthest).copied().unwrap_or(0);
            StateSplit::Leftover {
                read,
                rest: t.get(from..).unwrap_or(t).trim().to_owned(),
            }
        }
    }
}

fn group_keys() -> &'static [(String, RegionalGroup)] {
    static KEYS: std::sync::OnceLock<Vec<(String, RegionalGroup)>> = std::sync::OnceLock::new();
    KEYS.get_or_init(|| {
        RegionalGroup::VARIANTS
            .iter()
            .flat_map(|g| {
                [g.name(), g.upr_info_code()]
                    .into_iter()
                    .map(move |s| (crate::state::normalize(s), *g))
            })
            .collect()
    })
}

/// Regional groups, one per item, or run together in one item.
pub(crate) fn parse_groups(items: &[String]) -> std::result::Result<Vec<RegionalGroup>, String> {
    let mut out = Vec::new();
    for item in items {
        for piece in dash_list(item) {
            if let Ok(g) = RegionalGroup::parse(&piece) {
                out.push(g);
                continue;
            }
            let (norm, _) = normalize_with_offsets(&piece);
            match segment(&norm, group_keys()) {
                Segmented::Readings(r) if r.len() == 1 => {
                    out.extend(r.into_iter().flatten());
                }
                _ => return Err(piece),
            }
        }
    }
    Ok(out)
}

pub(crate) fn dedup_states(v: impl IntoIterator<Item = State>) -> Vec<State> {
    let mut out = Vec::new();
    for s in v {
        if !out.contains(&s) {
            out.push(s);
        }
    }
    out
}

pub(crate) fn same_set(a: &[State], b: &[State]) -> bool {
    a.iter().all(|s| b.contains(s)) && b.iter().all(|s| a.contains(s))
}

pub(crate) fn codes(v: &[State]) -> String {
    v.iter().map(|s| s.alpha3()).collect::<Vec<_>>().join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The State of a name that resolves.
    pub(super) fn st(name: &str) -> State {
        State::resolve(name).unwrap()
    }

    #[test]
    fn segmentation_over_keys() {
        let keys: Vec<(String, u8)> = [("niger", 1), ("nigeria", 2), ("ia", 3), ("chile", 4)]
            .into_iter()
            .map(|(k, v)| (k.to_owned(), v))
            .collect();
        let Segmented::Readings(r) = segment("nigeriachile", &keys) else {
            panic!()
        };
        assert_eq!(r.len(), 2);
        assert!(r.contains(&vec![2, 4]) && r.contains(&vec![1, 3, 4]));
        let Segmented::Stuck(at, read) = segment("chilexyz", &keys) else {
            panic!()
        };
        assert_eq!((at, read), (5, vec![4]));
        // "xyz" splits as xy+z or x+yz, both values [1, 2]: k blocks have 2^k splits of one
        // reading. The search gives up before it has followed them all, and then does not
        // claim that the reading it found is the only one.
        let keys: Vec<(String, u8)> = [("xy", 1), ("x", 1), ("z", 2), ("yz", 2)]
            .into_iter()
            .map(|(k, v)| (k.to_owned(), v))
            .collect();
        let Segmented::Readings(r) = segment(&"xyz".repeat(3), &keys) else {
            panic!()
        };
        assert_eq!(r, vec![vec![1, 2, 1, 2, 1, 2]]);
        assert!(matches!(
            segment(&"xyz".repeat(30), &keys),
            Segmented::Incomplete(_)
        ));
        assert_eq!(
            spell("xyzxyz", &keys, &[1, 2, 1, 2]),
            Some(vec![0..2, 2..3, 3..5, 5..6])
        );
        assert_eq!(spell("xyz", &keys, &[2, 1]), None);
        assert_eq!(spell("xyzx", &keys, &[1, 2]), None);
    }

    #[test]
    fn split_real_names() {
        assert_eq!(
            split_states("ChileEstoniaSloveniaTunisiaUruguay"),
            StateSplit::Unique(
                ["Chile", "Estonia", "Slovenia", "Tunisia", "Uruguay"]
                    .map(st)
                    .to_vec()
            )
        );
        assert_eq!(
            split_states(
                "Iran (Islamic Republic of)Venezuela (Bolivarian Republic of)Côte d'Ivoire"
            ),
            StateSplit::Unique(
                ["IRN", "VEN", "CIV"]
                    .map(|c| State::from_alpha3(c).unwrap())
                    .to_vec()
            )
        );
        assert_eq!(
            split_states("NigeriaNiger"),
            StateSplit::Unique(vec![st("Nigeria"), st("Niger")])
        );
        assert_eq!(
            split_states("ChileAtlantisPeru"),
            StateSplit::Leftover {
                read: vec![st("Chile")],
                rest: "AtlantisPeru".into()
            }
        );
        assert_eq!(split_states(""), StateSplit::Unique(vec![]));
        assert_eq!(split_states("CAN"), StateSplit::Unique(vec![st("Canada")]));
    }
}
