//! The recommending States in brackets after a recommendation's text.

use crate::State;
use crate::text::{collapse_ws, sub, tail_from};

/// The top-level bracket groups of `s` as byte ranges `(open, close_exclusive)`.
pub(crate) fn bracket_groups(s: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut depth = 0usize;
    let mut start = 0usize;
    for (i, c) in s.char_indices() {
        match c {
            '(' => {
                if depth == 0 {
                    start = i;
                }
                depth += 1;
            }
            ')' if depth > 0 => {
                depth -= 1;
                if depth == 0 {
                    out.push((start, i + 1));
                }
            }
            _ => {}
        }
    }
    if depth == 0 {
        return out;
    }
    // A '(' never closed (`(ICPPED (Togo);`): pair from the end instead, where the recommending
    // States are.
    let mut back = Vec::new();
    let mut depth = 0usize;
    let mut end = 0usize;
    for (i, c) in s.char_indices().rev() {
        match c {
            ')' => {
                if depth == 0 {
                    end = i + 1;
                }
                depth += 1;
            }
            '(' if depth > 0 => {
                depth -= 1;
                if depth == 0 {
                    back.push((i, end));
                }
            }
            _ => {}
        }
    }
    back.reverse();
    back
}

/// A final group whose closing bracket was lost in the source, `(Iran (Islamic Republic of);`:
/// when the last group does not resolve but reads as a State together with an unclosed `(`
/// before it, the wider group.
fn widen_last(s: &str, g: (usize, usize)) -> (usize, usize) {
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

fn resolve(name: &str) -> Option<State> {
    let n = name.trim().trim_end_matches(['.', ',', ';', ':']).trim();
    if n.is_empty() {
        return None;
    }
    State::resolve(n).ok()
}

/// Splits `a` on `" and "` so that every part resolves, e.g. `Ghana and the Netherlands`.
fn split_and(s: &str) -> Option<Vec<(String, State)>> {
    if let Some(st) = resolve(s) {
        return Some(vec![(s.trim().to_owned(), st)]);
    }
    let low = s.to_ascii_lowercase();
    let mut from = 0;
    while let Some(k) = low.get(from..).and_then(|r| r.find(" and ")) {
        let at = from + k;
        let left = sub(s, 0, at);
        if let Some(st) = resolve(left) {
            if let Some(mut rest) = split_and(tail_from(s, at + 5)) {
                let mut v = vec![(left.trim().to_owned(), st)];
                v.append(&mut rest);
                return Some(v);
            }
        }
        from = at + 5;
    }
    None
}

/// Splits the content of a bracket into State names. Every name is returned as written, with
/// the State when it resolves. `all` is true when every name resolved.
fn split_names(content: &str) -> (Vec<(String, Option<State>)>, bool) {
    let content = content.trim();
    if let Some(st) = resolve(content) {
        return (vec![(content.to_owned(), Some(st))], true);
    }
    // Top-level pieces separated by commas or semicolons (not inside nested brackets).
    let mut pieces: Vec<&str> = Vec::new();
    let mut depth = 0usize;
    let mut start = 0;
    for (i, c) in content.char_indices() {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            ',' | ';' | '/' if depth == 0 => {
                pieces.push(sub(content, start, i));
                start = i + 1;
            }
            _ => {}
        }
    }
    pieces.push(tail_from(content, start));
    let mut out = Vec::new();
    let mut all = true;
    let mut i = 0;
    while i < pieces.len() {
        // The longest run of pieces that reads as one name ("Korea, Republic of").
        let mut taken = false;
        // A State's name has at most two commas ("Korea, Republic of").
        for j in (i + 1..=pieces.len().min(i + 3)).rev() {
            let joined = pieces.get(i..j).unwrap_or_default().join(",");
            let name = strip_and(&joined);
            if j > i + 1 {
                if let Some(st) = resolve(name) {
                    out.push((name.trim().to_owned(), Some(st)));
                    i = j;
                    taken = true;
                    break;
                }
            } else if let Some(v) = split_and(name) {
                out.extend(v.into_iter().map(|(n, s)| (n, Some(s))));
                i = j;
                taken = true;
                break;
            }
        }
        if !taken {
            let name = strip_and(pieces.get(i).copied().unwrap_or_default())
                .trim()
                .to_owned();
            if !name.is_empty() {
                out.push((name, None));
                all = false;
            }
            i += 1;
        }
    }
    if out.is_empty() {
        all = false;
    }
    (out, all)
}

fn strip_and(s: &str) -> &str {
    let t = s.trim();
    if t.len() > 4 && t.get(..4).is_some_and(|p| p.eq_ignore_ascii_case("and ")) {
        tail_from(t, 4).trim()
    } else {
        t
    }
}

/// The inside of a group; a group widened over a lost bracket gets it back.
fn group_content(s: &str, g: (usize, usize)) -> String {
    let c = sub(s, g.0 + 1, g.1.saturating_sub(1));
    if c.matches('(').count() > c.matches(')').count() {
        format!("{c})")
    } else {
        c.to_owned()
    }
}

fn resolves_fully(s: &str, g: (usize, usize)) -> bool {
    // Longer than any list of co-sponsors (about 60 States, the longest seen is under 600 bytes).
    if g.1.saturating_sub(g.0) > 2000 {
        return false;
    }
    let c = group_content(s, g);
    !c.trim().is_empty() && split_names(&c).1
}

/// Trailing junk after the last bracket: spaces, `;`, `.`, `,`, `:`, a footnote number right
/// after `)`, a dangling `and`.
fn trim_trailing(s: &str) -> &str {
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

pub(super) struct Body {
    pub(super) text: String,
    pub(super) names: Vec<(String, Option<State>)>,
    pub(super) comment: Option<String>,
    /// The States were found inside the text rather than at its end.
    pub(super) inline: bool,
}

/// Splits a recommendation body (number removed) into clean text and recommending States.
pub(super) fn split_body(body: &str) -> Option<Body> {
    let body = collapse_ws(body);
    let t = trim_trailing(&body);
    let gs = bracket_groups(t);
    // Index in `gs` of the first group of the final run of recommending-State brackets, and of
    // the last; plus where the comment (if any) starts.
    let mut gs = gs;
    let (first_end, last_end, comment_from) = if t.ends_with(')') {
        let last = gs.len().checked_sub(1)?;
        let g = *gs.get(last)?;
        if g.1 != t.len() {
            return None;
        }
        let wide = widen_last(t, g);
        if wide != g {
            gs.retain(|x| x.0 < wide.0 || x.1 > wide.1);
            gs.push(wide);
            gs.sort_unstable();
        }
        let last = gs.len().checked_sub(1)?;
        let mut first = last;
        while first > 0 {
            let (prev, cur) = (gs.get(first - 1)?, gs.get(first)?);
            let gap = sub(t, prev.1, cur.0);
            if gap.trim().is_empty() && resolves_fully(t, *prev) {
                first -= 1;
            } else {
                break;
            }
        }
        (first, last, None)
    } else {
        // A comment after the States: "(Canada): The Dominican Republic does not accept ...".
        match gs
            .iter()
            .enumerate()
            .rev()
            .find(|(_, g)| resolves_fully(t, **g) && followed_by_break(t, g.1))
        {
            Some((idx, g)) => (idx, idx, Some(g.1)),
            None => return inline_states(t, &gs),
        }
    };
    let mut names = Vec::new();
    let mut text = String::new();
    let mut pos = 0;
    // Clustered recommendations: a run of State brackets followed by ';' or '.' inside the body.
    let mut i = 0;
    while i < first_end {
        let Some(&g) = gs.get(i) else { break };
        if resolves_fully(t, g) {
            // Extend over adjacent State brackets.
            let mut j = i;
            while j + 1 < first_end {
                let (Some(a), Some(b)) = (gs.get(j), gs.get(j + 1)) else {
                    break;
                };
                if sub(t, a.1, b.0).trim().is_empty() && resolves_fully(t, *b) {
                    j += 1;
                } else {
                    break;
                }
            }
            let end = gs.get(j).map_or(g.1, |x| x.1);
            if followed_by_break(t, end) {
                for k in i..=j {
                    if let Some(&gk) = gs.get(k) {
                        names.extend(split_names(&group_content(t, gk)).0);
                    }
                }
                text.push_str(sub(t, pos, g.0));
                text.push(' ');
                let rest = tail_from(t, end);
                let skip = rest.len() - rest.trim_start_matches([';', '.', ',', ' ']).len();
                pos = end + skip;
                i = j + 1;
                continue;
            }
        }
        i += 1;
    }
    let fg = *gs.get(first_end)?;
    text.push_str(sub(t, pos, fg.0));
    for k in first_end..=last_end {
        if let Some(&gk) = gs.get(k) {
            names.extend(split_names(&group_content(t, gk)).0);
        }
    }
    let comment = comment_from
        .map(|c| collapse_ws(tail_from(&body, c).trim_start_matches([';', '.', ':', ',', ' '])))
        .filter(|c| !c.is_empty());
    let text = collapse_ws(&text);
    let text = text
        .trim_end_matches(|c: char| c.is_whitespace() || ";,:".contains(c))
        .trim()
        .to_owned();
    if names.is_empty() {
        return None;
    }
    Some(Body {
        text,
        names,
        comment,
        inline: false,
    })
}

/// States written inside the text, `Sign (Uganda) and ratify (Costa Rica, Netherlands) OP-CAT`:
/// every bracket that reads as States is taken out of the text.
fn inline_states(t: &str, gs: &[(usize, usize)]) -> Option<Body> {
    let mut names = Vec::new();
    let mut text = String::new();
    let mut pos = 0;
    for &g in gs {
        if resolves_fully(t, g) {
            names.extend(split_names(&group_content(t, g)).0);
            text.push_str(sub(t, pos, g.0));
            pos = g.1;
        }
    }
    if names.is_empty() {
        return None;
    }
    text.push_str(tail_from(t, pos));
    Some(Body {
        text: collapse_ws(&text)
            .trim_end_matches(|c: char| c.is_whitespace() || ";,:.".contains(c))
            .to_owned(),
        names,
        comment: None,
        inline: true,
    })
}

/// Whether the bracket closing at `end` is followed by `;`, `.`, `:` (then a space or the end),
/// or by the end of the text.
fn followed_by_break(t: &str, end: usize) -> bool {
    let rest = tail_from(t, end);
    // A footnote number may sit between the bracket and the break, and so may a stray space:
    // "(Canada)1;", "(Argentina) ;Work with ...".
    let r = rest
        .trim_start_matches(|c: char| c.is_ascii_digit())
        .trim_start_matches(' ');
    matches!(r.chars().next(), None | Some(';' | '.' | ':'))
}

/// Whether a text ends like a recommendation: a bracket followed only by punctuation.
pub(super) fn ends_with_bracket(s: &str) -> bool {
    trim_trailing(&collapse_ws(s)).ends_with(')')
}

/// Whether the text ends with a bracket of States that resolve.
pub(super) fn ends_with_states(s: &str) -> bool {
    let c = collapse_ws(last_chars(s, 1500));
    let t = trim_trailing(&c);
    if !t.ends_with(')') {
        return false;
    }
    bracket_groups(t)
        .last()
        .is_some_and(|g| g.1 == t.len() && resolves_fully(t, *g))
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

/// Recommending State names as read from the brackets, tallied.
pub(super) struct Tally {
    /// The States that resolve, in order, without duplicates.
    pub(super) recommending: Vec<State>,
    /// Every name as written.
    pub(super) raw: Vec<String>,
    /// The names that do not resolve.
    pub(super) unresolved: Vec<String>,
}

pub(super) fn tally(names: Vec<(String, Option<State>)>) -> Tally {
    let mut t = Tally {
        recommending: Vec::new(),
        raw: Vec::new(),
        unresolved: Vec::new(),
    };
    for (name, st) in names {
        match st {
            Some(st) => {
                if !t.recommending.contains(&st) {
                    t.recommending.push(st);
                }
            }
            None => t.unresolved.push(name.clone()),
        }
        t.raw.push(name);
    }
    t
}
