//! A recommendation's text taken apart into its text and its recommending States.

use super::brackets::{
    bracket_groups, followed_by_break, group_content, known_names, resolves_fully, trim_trailing,
    widen_last,
};
use super::dedup_states;
use super::names::{Name, names_in};
use crate::State;
use crate::text::{clean, collapse_ws, collapse_ws_cow, sub, tail_from};

/// A bracket group of a text: the byte offsets of `(` and after `)`.
type Group = (usize, usize);

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
pub(crate) struct Split {
    /// The text before each bracket of States (the parts of a cluster; after the first, without
    /// the punctuation that ends the bracket before); for States found inside the text, the text
    /// without them.
    parts: Vec<String>,
    /// Every recommending State name, in the order written.
    pub(crate) names: Vec<Name>,
    /// The text after the States, when they are followed by a comment.
    pub(crate) comment: Option<String>,
    pub(crate) found: Found,
}

impl Split {
    /// The text, the parts of a cluster run on as one sentence (as the Working Group reports
    /// print them): `A (Canada); B (Chile);` gives `A B`.
    pub(crate) fn run_on_text(&self) -> String {
        // The parts are pieces of a text whose whitespace is collapsed already: joining them
        // trimmed is collapsing their join.
        let mut text = String::with_capacity(self.parts.iter().map(|p| p.len() + 1).sum());
        for p in self
            .parts
            .iter()
            .map(|p| p.trim())
            .filter(|p| !p.is_empty())
        {
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
            .parts
            .iter()
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

/// Takes a recommendation's text (after its paragraph number) apart into text and recommending
/// States: `Ratify the OP-CAT; (Chile); (Czech Republic);`, `A (New Zealand); B (Uruguay)
/// (Mali);`, `A (Argentina) ;B (Australia);`, `Do it (Bolivia (Plurinational State of))1;`.
///
/// The last bracket, at the end of the text, always names recommending States (names that do
/// not resolve are kept as written). A bracket inside the text ends one part of a cluster when
/// all its names resolve and it is followed by `;`, `.` or `:` (a footnote number may come
/// first), or by another such bracket; other brackets (`(ICPPED)`, `(2000)`) stay in the text.
/// A text that does not end with a bracket may end with States followed by a comment, or have
/// them inside its text ([`Found`]). `None` when no bracket names States.
pub(crate) fn split(body: &str) -> Option<Split> {
    let body = collapse_ws_cow(body);
    let t = trim_trailing(&body);
    let groups = bracket_groups(t);
    if t.ends_with(')') {
        let groups = widened(t, groups)?;
        let last = groups.len().checked_sub(1)?;
        around(t, &groups, last, Found::End)
    } else if let Some(last) = comment_group(t, &groups) {
        let mut s = around(t, &groups, last, Found::BeforeComment)?;
        let from = groups.get(last).map_or(t.len(), |g| g.1);
        let comment = tail_from(&body, from).trim_start_matches([';', '.', ':', ',', ' ']);
        s.comment = Some(collapse_ws(comment)).filter(|c| !c.is_empty());
        Some(s)
    } else {
        inline(t, &groups)
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

/// Which of the groups up to `last` name recommending States, with their names: `last` itself,
/// and, from right to left, every group whose names all resolve that is followed by a break or,
/// with nothing but spaces between, by a group of States.
fn states_groups(t: &str, groups: &[Group], last: usize) -> Vec<Option<Vec<Name>>> {
    let mut named: Vec<Option<Vec<Name>>> = vec![None; last + 1];
    for k in (0..=last).rev() {
        let Some(&(open, close)) = groups.get(k) else {
            continue;
        };
        let names = if k == last {
            Some(names_in(&group_content(t, (open, close))))
        } else {
            let next_is_states = named.get(k + 1).is_some_and(Option::is_some)
                && groups
                    .get(k + 1)
                    .is_some_and(|&(next, _)| sub(t, close, next).trim().is_empty());
            // The cheap tests first: most brackets inside a text are not followed by a break.
            let ends = followed_by_break(t, close) || next_is_states;
            ends.then(|| known_names(t, (open, close))).flatten()
        };
        if let Some(x) = named.get_mut(k) {
            *x = names;
        }
    }
    named
}

/// The text split around the groups of States up to `last`.
fn around(t: &str, groups: &[Group], last: usize, found: Found) -> Option<Split> {
    let named = states_groups(t, groups, last);
    let mut parts = Vec::new();
    let mut names = Vec::new();
    let mut from = 0;
    for (&(open, close), group_names) in groups.iter().zip(named) {
        let Some(group_names) = group_names else {
            continue;
        };
        let part = sub(t, from, open);
        let part = if from == 0 {
            part
        } else {
            part.trim_start_matches([';', '.', ',', ' '])
        };
        parts.push(part.to_owned());
        names.extend(group_names);
        from = close;
    }
    (!names.is_empty()).then_some(Split {
        parts,
        names,
        comment: None,
        found,
    })
}

/// States written inside the text, `Sign (Uganda) and ratify (Costa Rica, Netherlands) OP-CAT`:
/// every bracket that reads as States is taken out of the text.
fn inline(t: &str, groups: &[Group]) -> Option<Split> {
    let mut names = Vec::new();
    let mut text = String::new();
    let mut pos = 0;
    for &g in groups {
        let Some(group_names) = known_names(t, g) else {
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
    Some(Split {
        parts: vec![text],
        names,
        comment: None,
        found: Found::Inline,
    })
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
    let s = split(&clean(body)).filter(|s| s.found == Found::End)?;
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
