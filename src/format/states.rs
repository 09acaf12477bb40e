//! Recommending States: names run together, and the States in brackets after a text.

use serde::{Deserialize, Serialize};
use strum::VariantArray;

use crate::text::{clean, dash_list, map_with_offsets};
use crate::{RegionalGroup, State};

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
    let n = norm.len();
    // matches[i]: (value, end) for every key starting at byte i.
    let mut matches: Vec<Vec<(T, usize)>> = vec![Vec::new(); n + 1];
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
    // ways[i]: whether norm[i..] can be read completely.
    let mut ways = vec![false; n + 1];
    if let Some(w) = ways.get_mut(n) {
        *w = true;
    }
    for i in (0..n).rev() {
        let ok = matches.get(i).is_some_and(|m| {
            m.iter()
                .any(|&(_, e)| ways.get(e).copied().unwrap_or(false))
        });
        if let Some(w) = ways.get_mut(i) {
            *w = ok;
        }
    }
    if !ways.first().copied().unwrap_or(false) {
        // Furthest position reachable from the start, with one path to it.
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
            for &(v, e) in matches.get(i).map(Vec::as_slice).unwrap_or_default() {
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
        let mut at = furthest;
        while let Some(Some((from, v))) = pred.get(at) {
            read.push(*v);
            at = *from;
        }
        read.reverse();
        return Segmented::Stuck(furthest, read);
    }
    // Enumerate readings depth-first along complete paths only, with a step budget.
    let mut readings: Vec<Vec<T>> = Vec::new();
    let mut stack: Vec<(usize, Vec<T>)> = vec![(0, Vec::new())];
    let mut budget = 10_000usize;
    let mut exhausted = false;
    while let Some((i, path)) = stack.pop() {
        if readings.len() >= MAX_READINGS {
            break;
        }
        if budget == 0 {
            exhausted = true;
            break;
        }
        budget -= 1;
        if i == n {
            if !readings.contains(&path) {
                readings.push(path);
            }
            continue;
        }
        for &(v, e) in matches.get(i).map(Vec::as_slice).unwrap_or_default() {
            if ways.get(e).copied().unwrap_or(false) {
                let mut p = path.clone();
                p.push(v);
                stack.push((e, p));
            }
        }
    }
    if exhausted {
        // Not every path was followed: do not claim the reading found is the only one.
        return Segmented::Incomplete(readings);
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

/// The States named inside one bracket: `Chile`, `Bolivia (Plurinational State of)`, `Cuba,
/// Ghana and the Netherlands`, `Sierra Le one` (Word's stray space). Returns the States and the
/// names that resolve nowhere.
pub(crate) fn names_in(content: &str) -> (Vec<State>, Vec<String>) {
    if let StateSplit::Unique(v) = split_states(content) {
        if !v.is_empty() {
            return (v, Vec::new());
        }
    }
    let mut states = Vec::new();
    let mut unresolved = Vec::new();
    let mut depth = 0usize;
    let mut pieces = Vec::new();
    let mut from = 0usize;
    for (i, c) in content.char_indices() {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            ',' | ';' if depth == 0 => {
                pieces.push(content.get(from..i).unwrap_or_default());
                from = i + 1;
            }
            _ => {}
        }
    }
    pieces.push(content.get(from..).unwrap_or_default());
    for piece in pieces {
        let piece = piece.trim();
        let piece = piece.strip_prefix("and ").unwrap_or(piece).trim();
        if piece.is_empty() {
            continue;
        }
        let mut names = vec![piece];
        if !matches!(split_states(piece), StateSplit::Unique(ref v) if !v.is_empty()) {
            names = piece.split(" and ").collect();
        }
        for name in names {
            match split_states(name) {
                StateSplit::Unique(v) if !v.is_empty() => states.extend(v),
                _ => unresolved.push(name.trim().to_owned()),
            }
        }
    }
    (states, unresolved)
}

/// A recommendation's text taken apart (see [`split_text`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct TextSplit {
    /// The text without the States, the parts of a cluster joined with `; `.
    pub(crate) text: String,
    /// The States in brackets, in order, no duplicates.
    pub(crate) states: Vec<State>,
    /// Names in those brackets that resolve nowhere.
    pub(crate) unresolved: Vec<String>,
}

/// Takes a recommendation's text (after its paragraph number) apart into text and recommending
/// States: `Ratify the OP-CAT; (Chile); (Czech Republic);`, `A (New Zealand); B (Uruguay)
/// (Mali);`, `A (Argentina) ;B (Australia);`.
///
/// The last bracket, at the end of the text, always names the recommending States (names that
/// do not resolve are listed as unresolved). A bracket inside the text ends one part of a
/// cluster when all its names resolve and it is followed by `;`, `.`, or another such bracket;
/// other brackets (`(ICPPED)`, `(2000)`) stay in the text. `None` when the text does not end with
/// a bracket.
pub(crate) fn split_text(body: &str) -> Option<TextSplit> {
    let body = clean(body);
    let t = body.trim_end_matches(|c: char| c.is_whitespace() || ";.,:".contains(c));
    // Top-level bracket groups (open, close exclusive), as the Working Group report reader finds
    // them (an unclosed '(' in the text does not swallow the States' bracket).
    let groups = super::wg_report::body::bracket_groups(t);
    let last = groups.len().checked_sub(1)?;
    if groups.get(last).is_none_or(|g| g.1 != t.len()) {
        return None;
    }
    let inner = |(open, close): (usize, usize)| t.get(open + 1..close - 1).unwrap_or_default();
    let mut names: Vec<(Vec<State>, Vec<String>)> =
        groups.iter().map(|&g| names_in(inner(g))).collect();
    let mut is_states = vec![false; groups.len()];
    for k in (0..groups.len()).rev() {
        let (Some(&(_, close)), Some((st, un))) = (groups.get(k), names.get(k)) else {
            continue;
        };
        let ends = if k == last {
            true
        } else if st.is_empty() || !un.is_empty() {
            false
        } else {
            let after = t.get(close..).unwrap_or_default().trim_start();
            let next_is_states = groups
                .get(k + 1)
                .is_some_and(|&(o, _)| t.get(close..o).is_some_and(|gap| gap.trim().is_empty()))
                && is_states.get(k + 1).copied().unwrap_or(false);
            after.starts_with([';', '.']) || next_is_states
        };
        if let Some(x) = is_states.get_mut(k) {
            *x = ends;
        }
    }
    let mut parts: Vec<String> = Vec::new();
    let mut states = Vec::new();
    let mut unresolved = Vec::new();
    let mut from = 0usize;
    for (k, &(open, close)) in groups.iter().enumerate() {
        if !is_states.get(k).copied().unwrap_or(false) {
            continue;
        }
        let part = t
            .get(from..open)
            .unwrap_or_default()
            .trim_start_matches(|c: char| c.is_whitespace() || ";.,".contains(c))
            .trim_end_matches(|c: char| c.is_whitespace() || ";,:".contains(c));
        if !part.is_empty() {
            parts.push(part.to_owned());
        }
        if let Some((st, un)) = names.get_mut(k) {
            states.append(st);
            unresolved.append(un);
        }
        from = close;
    }
    Some(TextSplit {
        text: parts.join("; "),
        states: dedup_states(states),
        unresolved,
    })
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

    fn st(name: &str) -> State {
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

    #[test]
    fn text_and_bracketed_states() {
        let s = split_text("Ratify the OP-CAT; (Chile); (Czech Republic);").unwrap();
        assert_eq!(s.text, "Ratify the OP-CAT");
        assert_eq!(s.states, vec![st("Chile"), st("Czechia")]);
        let s = split_text("Ratify the International Convention (ICPPED) (Sierra Leone); (Togo);")
            .unwrap();
        assert_eq!(s.text, "Ratify the International Convention (ICPPED)");
        assert_eq!(s.states.len(), 2);
        let s = split_text(
            "Abolish it (Argentina) ;Work towards abolition (Australia); Proceed (Uruguay) (Mali).",
        )
        .unwrap();
        assert_eq!(s.text, "Abolish it; Work towards abolition; Proceed");
        assert_eq!(
            s.states,
            ["Argentina", "Australia", "Uruguay", "Mali"]
                .map(st)
                .to_vec()
        );
        let s = split_text("Adopt resolution 1325 (2000) (Rwanda);").unwrap();
        assert_eq!(s.text, "Adopt resolution 1325 (2000)");
        let s = split_text(
            "Do it (Iran (Islamic Republic of)); Do that (Cuba, Ghana and the Netherlands) (Sierra Le one);",
        )
        .unwrap();
        assert_eq!(s.text, "Do it; Do that");
        assert_eq!(
            s.states,
            ["Iran", "Cuba", "Ghana", "Netherlands", "Sierra Leone"]
                .map(st)
                .to_vec()
        );
        let s = split_text("Do it (Atlantis);").unwrap();
        assert_eq!(
            (s.states.len(), s.unresolved),
            (0, vec!["Atlantis".to_string()])
        );
        assert_eq!(split_text("No brackets at all"), None);
        assert_eq!(split_text("Brackets (Chile) then text"), None);
        // A '(' the source never closed does not swallow the States' bracket.
        let s = split_text("Ratify the Convention (ICPPED (Togo);").unwrap();
        assert_eq!(s.states, [st("Togo")]);
        assert!(s.unresolved.is_empty(), "{:?}", s.unresolved);
    }
}
