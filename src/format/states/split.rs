//! A recommendation's text taken apart into its text and its recommending States.

use std::borrow::Cow;

use super::brackets::{
    bracket_groups, followed_by_break, group_content, known_names, named_fully, resolves_fully,
    trim_trailing, widen_last,
};
use super::dedup_states;
use super::names::{Name, extend_with_names_in};
use crate::State;
use crate::text::{clean, collapse_ws, collapse_ws_cow, sub, tail_from};

/// A bracket group of a text: the byte offsets of `(` and after `)`.
type Group = (usize, usize);

/// A byte range of a text: start, end (exclusive).
type Span = (usize, usize);

/// Where the recommending States were found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Found {
    /// In the bracket(s) the text ends with (and in those that end each part of a cluster).
    End,
    /// In a bracket followed by a comment: `(Canada): The State does not accept this.`
    BeforeComment,
    /// In brackets inside the text: `Sign (Uganda) and ratify (Costa Rica) OP-CAT`.
    Inline,
}

/// A recommendation's text taken apart (see [`split`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Split<'a> {
    /// The text the parts are cut from: the body, whitespace collapsed (borrowed when it was
    /// already); for States found inside the text, the text without them.
    text: Cow<'a, str>,
    /// The byte ranges of `text` before each bracket of States (the parts of a cluster; after
    /// the first, without the punctuation that ends the bracket before); for States found
    /// inside the text, all of it.
    parts: Vec<Span>,
    /// Every recommending State name, in the order written.
    pub(crate) names: Vec<Name>,
    /// The text after the States, when they are followed by a comment.
    pub(crate) comment: Option<String>,
    pub(crate) found: Found,
    /// Whether some of `names` come from brackets inside a part's text, not followed by a
    /// break (`Ratify ICCPR-OP 2 (Rwanda) to abolish the death penalty (France);`): the States
    /// of one clause of a recommendation that merges several.
    pub(crate) inside: bool,
}

impl Split<'_> {
    /// The text the parts are cut from: the body, whitespace collapsed; for States found inside
    /// the text, the text without them.
    pub(crate) fn text(&self) -> &str {
        &self.text
    }

    /// The parts' texts, each without a footnote number glued to its end ([`without_marker`]).
    fn part_texts(&self) -> impl Iterator<Item = &str> {
        self.raw_part_texts().map(without_marker)
    }

    /// The parts' texts as written.
    fn raw_part_texts(&self) -> impl Iterator<Item = &str> {
        self.parts
            .iter()
            .map(|&(from, to)| sub(&self.text, from, to))
    }

    /// How many parts end with a footnote number glued to their last word, dropped from their
    /// text.
    pub(crate) fn markers(&self) -> usize {
        let marked = |p: &&str| without_marker(p).len() < p.len();
        self.raw_part_texts().filter(marked).count()
    }

    /// The text, the parts of a cluster run on as one sentence (as the Working Group reports
    /// print them): `A (Canada); B (Chile);` gives `A B`.
    pub(crate) fn run_on_text(&self) -> String {
        // The parts are pieces of a text whose whitespace is collapsed already: joining them
        // trimmed is collapsing their join.
        let mut text = String::with_capacity(self.part_texts().map(|p| p.len() + 1).sum());
        for p in self.part_texts().map(str::trim).filter(|p| !p.is_empty()) {
            if !text.is_empty() {
                text.push(' ');
            }
            text.push_str(p);
        }
        // The parts are trimmed: only the end has anything to trim.
        let end = text
            .trim_end_matches(|c: char| c.is_whitespace() || ";,:".contains(c))
            .len();
        text.truncate(end);
        text
    }

    /// The text, the parts of a cluster joined with `; `: `A (Canada); B (Chile);` gives
    /// `A; B`.
    pub(crate) fn joined_text(&self) -> String {
        let parts: Vec<&str> = self
            .part_texts()
            .map(|p| {
                p.trim_start_matches(|c: char| c.is_whitespace() || ";.,".contains(c))
                    .trim_end_matches(|c: char| c.is_whitespace() || ";,:".contains(c))
            })
            .filter(|p| !p.is_empty())
            .collect();
        parts.join("; ")
    }

    /// The States that resolve, in order, without duplicates.
    pub(crate) fn states(&self) -> Vec<State> {
        dedup_states(self.names.iter().filter_map(|n| n.state))
    }

    /// Every name as written.
    pub(crate) fn raw(&self) -> Vec<String> {
        self.names.iter().map(|n| n.raw.clone()).collect()
    }

    /// [`raw`](Self::raw), the names moved out rather than copied.
    pub(crate) fn into_raw(self) -> Vec<String> {
        self.names.into_iter().map(|n| n.raw).collect()
    }

    /// The names that do not resolve.
    pub(crate) fn unresolved(&self) -> Vec<String> {
        let unknown = self.names.iter().filter(|n| n.state.is_none());
        unknown.map(|n| n.raw.clone()).collect()
    }
}

/// A part without the footnote number glued to its last word, before its States: `... ensure
/// adequate compensation for victims5 (Austria);` (uganda2011) gives `... for victims`. One or
/// two digits after a word of three or more small letters (`Covid19`, `G20`, `to 18` keep
/// theirs). The part as it is otherwise (a footnote number after the bracket is
/// [`trim_trailing`]'s).
fn without_marker(part: &str) -> &str {
    let t = part.trim_end();
    let word = t.trim_end_matches(|c: char| c.is_ascii_digit());
    let digits = t.len() - word.len();
    if !(1..=2).contains(&digits) {
        return part; // most parts: no digit at the end
    }
    let letters = word.chars().rev().take_while(|c| c.is_lowercase()).count();
    let starts_word = word
        .chars()
        .rev()
        .nth(letters)
        .is_none_or(|c| !c.is_alphanumeric());
    if letters >= 3 && starts_word {
        word
    } else {
        part
    }
}

/// Takes a recommendation's text (after its paragraph number) apart into text and recommending
/// States: `Ratify the OP-CAT; (Chile); (Czech Republic);`, `A (New Zealand); B (Uruguay)
/// (Mali);`, `A (Argentina) ;B (Australia);`, `Do it (Bolivia (Plurinational State of))1;`.
///
/// The last bracket, at the end of the text, always names recommending States (names that do
/// not resolve are kept as written). A bracket inside the text ends one part of a cluster when
/// all its names resolve and it is followed by `;`, `.` or `:` (a footnote number may come
/// first), or by another such bracket; other brackets stay in the text, and those whose names
/// all resolve (`Ratify ICCPR-OP 2 (Rwanda) to abolish the death penalty (France);`: one
/// clause of a recommendation that merges several) also name States of their part
/// ([`Split::inside`]); `(ICPPED)`, `(2000)`, `(NLD)` (a bare code) do not. A text that does
/// not end with a bracket may end with States followed by a comment, or have them inside its
/// text ([`Found`]). `None` when no bracket names States.
pub(crate) fn split(body: &str) -> Option<Split<'_>> {
    let body = collapse_ws_cow(body);
    // The end trimmed only: byte offsets in `t` are offsets in `body`.
    let t = trim_trailing(&body);
    let groups = bracket_groups(t);
    if t.ends_with(')') {
        let groups = widened(t, groups)?;
        let last = groups.len().checked_sub(1)?;
        let (parts, names, inside) = around(t, &groups, last)?;
        let mut s = Split::new(body, parts, names, Found::End);
        s.inside = inside;
        Some(s)
    } else if let Some(last) = comment_group(t, &groups) {
        let (parts, names, inside) = around(t, &groups, last)?;
        let from = groups.get(last).map_or(t.len(), |g| g.1);
        let comment = tail_from(&body, from).trim_start_matches([';', '.', ':', ',', ' ']);
        let comment = Some(collapse_ws(comment)).filter(|c| !c.is_empty());
        let mut s = Split::new(body, parts, names, Found::BeforeComment);
        s.comment = comment;
        s.inside = inside;
        Some(s)
    } else {
        inline(t, &groups)
    }
}

impl<'a> Split<'a> {
    fn new(text: Cow<'a, str>, parts: Vec<Span>, names: Vec<Name>, found: Found) -> Self {
        Split {
            text,
            parts,
            names,
            comment: None,
            found,
            inside: false,
        }
    }
}

/// The groups of a text that ends with `)`, when the last one ends it; a last group whose
/// closing bracket was lost is widened over it.
fn widened(t: &str, mut groups: Vec<Group>) -> Option<Vec<Group>> {
    let g = *groups.last()?;
    if g.1 != t.len() {
        return None;
    }
    let wide = widen_last(t, g);
    if wide != g {
        groups.retain(|x| x.0 < wide.0 || x.1 > wide.1);
        groups.push(wide);
        groups.sort_unstable();
    }
    Some(groups)
}

/// A comment after the States: "(Canada): The Dominican Republic does not accept ...": the
/// last group of States followed by a break.
fn comment_group(t: &str, groups: &[Group]) -> Option<usize> {
    groups
        .iter()
        .rposition(|g| followed_by_break(t, g.1) && resolves_fully(t, *g))
}

/// Which of the groups up to `last` name recommending States: `last` itself, and, from right to
/// left, every group whose names all resolve, not as bare codes ([`named_fully`]), that is
/// followed by a break or, with nothing but spaces between, by a group of States.
fn states_groups(t: &str, groups: &[Group], last: usize) -> Flags {
    let mut named = Flags::new(last + 1);
    named.set(last);
    for k in (0..last).rev() {
        let Some(&(open, close)) = groups.get(k) else {
            continue;
        };
        let next_is_states = named.get(k + 1)
            && groups
                .get(k + 1)
                .is_some_and(|&(next, _)| sub(t, close, next).trim().is_empty());
        // The cheap tests first: most brackets inside a text are not followed by a break.
        let ends = followed_by_break(t, close) || next_is_states;
        if ends && named_fully(t, (open, close)) {
            named.set(k);
        }
    }
    named
}

/// One flag per bracket group: a word of bits for the groups of almost every text.
enum Flags {
    Word(u64),
    Many(Vec<bool>),
}

impl Flags {
    fn new(n: usize) -> Self {
        if n <= 64 {
            Flags::Word(0)
        } else {
            Flags::Many(vec![false; n])
        }
    }

    fn get(&self, k: usize) -> bool {
        match self {
            Flags::Word(w) => k < 64 && w & (1 << k) != 0,
            Flags::Many(v) => v.get(k).copied().unwrap_or(false),
        }
    }

    fn set(&mut self, k: usize) {
        match self {
            Flags::Word(w) if k < 64 => *w |= 1 << k,
            Flags::Word(_) => {}
            Flags::Many(v) => {
                if let Some(x) = v.get_mut(k) {
                    *x = true;
                }
            }
        }
    }
}

/// The text split around the groups of States up to `last`: the byte ranges of its parts, the
/// names of the groups of States (every name of `last`, resolved or not, and those of the
/// groups inside a part that name States written as names, [`inside_names`]), in the order
/// written, and whether there were any inside.
fn around(t: &str, groups: &[Group], last: usize) -> Option<(Vec<Span>, Vec<Name>, bool)> {
    let named = states_groups(t, groups, last);
    let mut parts = Vec::new();
    let mut names = Vec::new();
    let mut inside = false;
    let mut from = 0;
    for (k, &(open, close)) in groups.iter().enumerate().take(last + 1) {
        if !named.get(k) {
            if let Some(found) = inside_names(t, (open, close)) {
                names.extend(found);
                inside = true;
            }
            continue;
        }
        let start = if from == 0 {
            from
        } else {
            let part = sub(t, from, open);
            open - part.trim_start_matches([';', '.', ',', ' ']).len()
        };
        parts.push((start, open));
        extend_with_names_in(&group_content(t, (open, close)), &mut names);
        from = close;
    }
    (!names.is_empty()).then_some((parts, names, inside))
}

/// The States of a bracket inside a text: every name in it resolves, and not as a bare ISO
/// code (`(Rwanda)`, `(France, Portugal and Tunisia)`, `(DPRK)`; not `(NLD)`, the National
/// League for Democracy, which is also the Netherlands' code). Tested without a copy first:
/// most brackets inside a text name no State.
fn inside_names(t: &str, g: Group) -> Option<Vec<Name>> {
    if !may_name_states(t, g) || !named_fully(t, g) {
        return None;
    }
    known_names(t, g)
}

/// Whether a bracket inside a text may name States, before its names are read: it opens with a
/// letter (`(Rwanda)`, `(the Netherlands)`; not `(2009–2014)`, `(a)`... ).
fn may_name_states(t: &str, g: Group) -> bool {
    let inside = sub(t, g.0 + 1, g.1.saturating_sub(1)).trim_start();
    inside.starts_with(char::is_alphabetic)
}

/// States written inside the text, `Sign (Uganda) and ratify (Costa Rica, Netherlands) OP-CAT`:
/// every bracket that reads as States is taken out of the text.
fn inline<'a>(t: &str, groups: &[Group]) -> Option<Split<'a>> {
    let mut names = Vec::new();
    let mut text = String::new();
    let mut pos = 0;
    for &g in groups {
        let Some(group_names) = inside_names(t, g) else {
            continue;
        };
        names.extend(group_names);
        text.push_str(sub(t, pos, g.0));
        pos = g.1;
    }
    if names.is_empty() {
        return None;
    }
    text.push_str(tail_from(t, pos));
    let text = collapse_ws(&text)
        .trim_end_matches(|c: char| c.is_whitespace() || ";,:.".contains(c))
        .to_owned();
    let parts = vec![(0, text.len())];
    Some(Split::new(Cow::Owned(text), parts, names, Found::Inline))
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

/// [`split`] for readers of tables whose text cell ends with the States (UHRI, the OHCHR
/// matrix): the text cleaned first, the parts of a cluster joined with `; `, and `None` unless
/// the States end the text.
pub(crate) fn split_text(body: &str) -> Option<TextSplit> {
    let body = clean(body);
    let s = split(&body).filter(|s| s.found == Found::End)?;
    Some(TextSplit {
        text: s.joined_text(),
        states: s.states(),
        unresolved: s.unresolved(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::format::states::tests::st;

    #[test]
    fn footnote_numbers_glued_to_the_last_word_are_dropped() {
        for (part, kept) in [
            (
                "Enact the anti-torture bill9 ",
                "Enact the anti-torture bill",
            ),
            ("in line with standards10", "in line with standards"),
            ("the (CPED) provisions1 ", "the (CPED) provisions"),
            // Not a footnote number: kept.
            (
                "mitigate the impact of Covid19 ",
                "mitigate the impact of Covid19 ",
            ),
            ("at the G20 ", "at the G20 "),
            ("the age of 18 ", "the age of 18 "),
            ("raise the age to18", "raise the age to18"),
            (
                "a Genital Female Mutilation4",
                "a Genital Female Mutilation4",
            ),
            ("standards100", "standards100"),
            ("", ""),
        ] {
            assert_eq!(without_marker(part), kept, "{part:?}");
        }
        let s =
            split("Enact the bill9 (Austria); Create a scheme for the poor7 (Belgium);").unwrap();
        assert_eq!(s.markers(), 2);
        assert_eq!(
            s.joined_text(),
            "Enact the bill; Create a scheme for the poor"
        );
        assert_eq!(split("Enact the bill (Austria);").unwrap().markers(), 0);
    }

    #[test]
    fn more_brackets_than_a_word_has_bits() {
        for n in [1, 63, 64, 65, 130] {
            let body: Vec<String> = (0..n).map(|i| format!("Do {i} (Chile);")).collect();
            let body = body.join(" ");
            let s = split(&body).unwrap();
            assert_eq!((s.parts.len(), s.names.len()), (n, n), "{n}");
            let texts: Vec<String> = (0..n).map(|i| format!("Do {i}")).collect();
            assert_eq!(s.joined_text(), texts.join("; "), "{n}");
        }
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

    #[test]
    fn the_two_ways_of_joining_a_cluster() {
        let s = split("Do X, (Chile); Do Y (Peru);").unwrap();
        assert_eq!(s.run_on_text(), "Do X, Do Y");
        assert_eq!(s.joined_text(), "Do X; Do Y");
        assert_eq!(s.raw(), ["Chile", "Peru"]);
        assert_eq!(s.found, Found::End);
    }

    #[test]
    fn comments_and_states_inside_the_text() {
        let s = split("Ensure X (Canada) (Chile): The State does not accept this.").unwrap();
        assert_eq!(s.found, Found::BeforeComment);
        assert_eq!(s.run_on_text(), "Ensure X");
        assert_eq!(s.states(), [st("Canada"), st("Chile")]);
        assert_eq!(
            s.comment.as_deref(),
            Some("The State does not accept this.")
        );
        assert_eq!(
            split_text("Ensure X (Canada): The State does not accept this."),
            None
        );
        let s = split("Sign (Uganda) and ratify (Costa Rica, Netherlands) OP-CAT.").unwrap();
        assert_eq!(s.found, Found::Inline);
        assert_eq!(s.run_on_text(), "Sign and ratify OP-CAT");
        assert_eq!(s.raw(), ["Uganda", "Costa Rica", "Netherlands"]);
        assert_eq!(split("Ratify (CAT) now"), None);
        assert_eq!(split("Ratify ()"), None);
    }
}
