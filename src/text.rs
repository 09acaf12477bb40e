//! Small text helpers the readers and vocabularies share.

/// No-break and other odd spaces to spaces, runs of whitespace collapsed, trimmed.
pub(crate) fn clean(s: &str) -> String {
    let mapped: String = s
        .chars()
        .map(|c| match c {
            '\u{a0}' | '\u{2002}' | '\u{2003}' | '\u{2009}' | '\u{202f}' | '\t' => ' ',
            c => c,
        })
        .filter(|c| !matches!(c, '\u{feff}' | '\u{200b}' | '\u{ad}'))
        .collect();
    mapped.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Splits a UHRI multi-valued field written `- a- b` or `a- b- c` on `- ` (a dash then a space:
/// hyphens inside names such as `descent-based` are kept).
pub(crate) fn dash_list(s: &str) -> Vec<String> {
    s.split("- ")
        .map(clean)
        .map(|p| p.trim_end_matches('-').trim().to_owned())
        .filter(|p| !p.is_empty())
        .collect()
}

/// Leading ASCII digits of `s` (at most `max`), as a number and the byte length.
pub(crate) fn leading_number(s: &str, max: usize) -> Option<(u16, usize)> {
    let n = s.bytes().take_while(u8::is_ascii_digit).count();
    if n == 0 || n > max {
        return None;
    }
    s.get(..n)?.parse().ok().map(|v| (v, n))
}
