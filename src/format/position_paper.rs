//! A State's own statement of its positions on the recommendations of a past review, laid out
//! as the DPRK's 2014 paper on its first review (seed `001_51bc5754bd0bea4a.txt`): an
//! introduction, then one heading per position (`Accepted recommendations`, `Partially accepted
//! recommendations`, `Noted recommendations`, `Recommendations which do not enjoy the support of
//! the DPRK; 15`, `50 recommendations rejected on the ground in December 2009`), each followed by
//! numbered recommendations whose text wraps over several lines.
//!
//! The text is a PDF extraction: footnotes that define each heading sit at page bottoms, after a
//! line of spaces and a lone footnote number, sometimes in the middle of a recommendation
//! (`... have proven to be` / footnote / `worthwhile`). The reader lifts them out and keeps each
//! as the definition of its heading. Numbers must rise within a heading; the examined list is
//! checked to be a partition of 1..=N across its headings, and each heading's declared count
//! (`; 81`) against the items found. Every departure is reported.

use std::collections::BTreeSet;
use std::path::Path;

use serde::{Deserialize, Serialize};

use super::{Parsed, Problems, ReadOptions, encoding, parse_error, read_text};
use crate::{Location, ResponseStatus, Result};

/// Which numbered list an item belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PositionList {
    /// The recommendations left for examination at the Working Group (numbered 1..=N across the
    /// accepted / partially accepted / noted / not supported headings).
    Examined,
    /// The recommendations already rejected at the Working Group (their own numbering).
    RejectedAtWorkingGroup,
}

/// One heading of the paper.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PositionSection {
    /// The heading as written.
    pub heading: String,
    /// The position it gives.
    pub status: ResponseStatus,
    /// The list its numbers belong to.
    pub list: PositionList,
    /// The count the heading declares (`; 81`), if any.
    pub declared: Option<usize>,
    /// The footnote that defines the heading, if any.
    pub footnote: Option<String>,
    /// Items found under it.
    pub found: usize,
    /// Line of the heading.
    pub line: usize,
}

/// One recommendation with the position the paper gives it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PositionItem {
    /// The list it is numbered in.
    pub list: PositionList,
    /// Its number in that list.
    pub number: u16,
    /// The position.
    pub status: ResponseStatus,
    /// The recommendation text, lines joined.
    pub text: String,
    /// The line where it starts.
    pub line: usize,
}

/// A parsed position paper.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PositionPaper {
    /// The headings, in order.
    pub sections: Vec<PositionSection>,
    /// The items, with the read report.
    pub items: Parsed<PositionItem>,
}

fn heading(line: &str) -> Option<(ResponseStatus, PositionList, Option<usize>)> {
    let t = line.trim();
    let (head, count) = match t.rsplit_once(';') {
        Some((h, c)) if c.trim().parse::<usize>().is_ok() => (h.trim(), c.trim().parse().ok()),
        _ => (t, None),
    };
    let lower = head.to_lowercase();
    match lower.as_str() {
        "accepted recommendations" => {
            Some((ResponseStatus::Supported, PositionList::Examined, count))
        }
        "partially accepted recommendations" => Some((
            ResponseStatus::PartiallySupported,
            PositionList::Examined,
            count,
        )),
        "noted recommendations" => Some((ResponseStatus::Noted, PositionList::Examined, count)),
        l if l.starts_with("recommendations which do not enjoy the support") => {
            Some((ResponseStatus::Rejected, PositionList::Examined, count))
        }
        l if l.contains("recommendations rejected on the ground") => {
            let n = l.split_whitespace().next().and_then(|w| w.parse().ok());
            Some((
                ResponseStatus::RejectedAtWorkingGroup,
                PositionList::RejectedAtWorkingGroup,
                count.or(n),
            ))
        }
        _ => None,
    }
}

/// Splits `12. Text`, `12 Text` or ` 60 Text` into number and text.
fn item_start(line: &str) -> Option<(u16, &str)> {
    let t = line.trim_start();
    let digits = t.len() - t.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    if digits == 0 || digits > 3 {
        return None;
    }
    let n: u16 = t.get(..digits)?.parse().ok()?;
    let rest = t.get(digits..)?;
    let rest = rest.strip_prefix('.').unwrap_or(rest);
    if !rest.starts_with(char::is_whitespace) {
        return None;
    }
    let text = rest.trim();
    text.chars().next().filter(|c| c.is_uppercase())?;
    Some((n, text))
}

/// Whether a footnote line leaves its sentence open (ends on a word that cannot end one).
fn dangling(s: &str) -> bool {
    let last = s.trim_end().rsplit(' ').next().unwrap_or("").to_lowercase();
    s.trim_end().ends_with(',')
        || matches!(
            last.as_str(),
            "are"
                | "is"
                | "the"
                | "of"
                | "and"
                | "to"
                | "be"
                | "a"
                | "in"
                | "for"
                | "which"
                | "that"
                | "however,"
        )
}

/// Reads a position paper.
///
/// # Errors
/// In strict mode: a heading whose declared count differs from the items under it, an item number
/// out of order, or an examined list that is not 1..=N exactly once each. Always: no heading at
/// all, or an I/O failure.
pub fn read(reader: impl std::io::Read, options: &ReadOptions) -> Result<PositionPaper> {
    let (text, used) = read_text(reader, options)?;
    let text = encoding::normalize_newlines(&text);
    let mut problems = Problems::new(options);
    let lines: Vec<&str> = text.lines().collect();
    let mut paper = Paper::default();
    let mut i = 0;
    while let Some(line) = lines.get(i) {
        i = paper.line(&lines, line, i, &mut problems)?;
    }
    let Paper {
        sections,
        mut items,
        ..
    } = paper;
    if sections.is_empty() {
        return Err(parse_error(
            options,
            Location::Whole,
            "headings such as `Accepted recommendations`",
            super::excerpt(text.trim()),
        ));
    }
    check_declared(&sections, &mut problems)?;
    check_examined(&items, &mut problems)?;
    for it in &mut items {
        it.text = it.text.split_whitespace().collect::<Vec<_>>().join(" ");
    }
    Ok(PositionPaper {
        sections,
        items: problems.parsed(used, items),
    })
}

/// The paper as read so far.
#[derive(Default)]
struct Paper {
    sections: Vec<PositionSection>,
    items: Vec<PositionItem>,
    /// Right after a heading: its footnote marker and declared count may follow.
    pending_marker: bool,
}

impl Paper {
    /// Reads `line` (the 0-based `i`th of `lines`); returns the index of the next line to read.
    fn line(
        &mut self,
        lines: &[&str],
        line: &str,
        i: usize,
        problems: &mut Problems,
    ) -> Result<usize> {
        let next = i + 1;
        if line.trim().is_empty() {
            // A long run of spaces is the page-bottom rule: a footnote follows.
            if line.len() >= 20 {
                return Ok(lift_footnote(lines, next, &mut self.sections));
            }
            return Ok(next);
        }
        if let Some((status, list, declared)) = heading(line) {
            self.sections.push(PositionSection {
                heading: line.trim().to_owned(),
                status,
                list,
                declared,
                footnote: None,
                found: 0,
                line: next,
            });
            self.pending_marker = true;
            return Ok(next);
        }
        if !self.sections.is_empty() && !self.marker(line.trim()) {
            self.item(line, next, problems)?;
        }
        Ok(next)
    }

    /// Whether `t` is a heading's footnote marker (`1`) or declared count (`; 81`), right after
    /// the heading; the count is kept.
    fn marker(&mut self, t: &str) -> bool {
        if !self.pending_marker {
            return false;
        }
        if t.chars().all(|c| c.is_ascii_digit()) {
            return true;
        }
        if let Some(n) = t.strip_prefix(';').and_then(|c| c.trim().parse().ok()) {
            if let Some(section) = self.sections.last_mut() {
                section.declared = Some(n);
            }
            return true;
        }
        self.pending_marker = false;
        false
    }

    /// A line under the latest heading: a new numbered item, or the next line of the item
    /// before.
    fn item(&mut self, line: &str, lineno: usize, problems: &mut Problems) -> Result<()> {
        let Some(section) = self.sections.last_mut() else {
            return Ok(());
        };
        let prev = self
            .items
            .last()
            .filter(|it| it.list == section.list && it.status == section.status);
        let has_prev = prev.is_some();
        let prev_number = prev.map_or(0, |p| p.number);
        match item_start(line) {
            Some((n, rest))
                if n > prev_number
                    && (section.list == PositionList::Examined || n == prev_number + 1) =>
            {
                section.found += 1;
                self.items.push(PositionItem {
                    list: section.list,
                    number: n,
                    status: section.status,
                    text: rest.to_owned(),
                    line: lineno,
                });
                Ok(())
            }
            _ => match self.items.last_mut().filter(|_| has_prev) {
                Some(it) => {
                    it.text.push(' ');
                    it.text.push_str(line.trim());
                    Ok(())
                }
                None => problems.skip(
                    Location::Line(lineno),
                    "a numbered recommendation after the heading",
                    line.trim(),
                ),
            },
        }
    }
}

/// Each heading's declared count against the items found under it.
fn check_declared(sections: &[PositionSection], problems: &mut Problems) -> Result<()> {
    for s in sections {
        if let Some(d) = s.declared.filter(|&d| d != s.found) {
            problems.skip(
                Location::Line(s.line),
                format!("{d} recommendations under this heading, as it declares"),
                &format!("{} found", s.found),
            )?;
        }
    }
    Ok(())
}

/// The examined list across its headings: 1..=N, once each.
fn check_examined(items: &[PositionItem], problems: &mut Problems) -> Result<()> {
    let examined: Vec<u16> = items
        .iter()
        .filter(|it| it.list == PositionList::Examined)
        .map(|it| it.number)
        .collect();
    let distinct: BTreeSet<u16> = examined.iter().copied().collect();
    let max = distinct.iter().next_back().copied().unwrap_or(0);
    if distinct.len() == examined.len() && usize::from(max) == distinct.len() {
        return Ok(());
    }
    let missing: Vec<String> = (1..=max)
        .filter(|n| !distinct.contains(n))
        .map(|n| n.to_string())
        .collect();
    problems.skip(
        Location::Whole,
        format!("the examined recommendations numbered 1..={max} once each"),
        &format!(
            "{} items, {} distinct, missing {}",
            examined.len(),
            distinct.len(),
            missing.join(",")
        ),
    )
}

/// Lifts a footnote (`N` on its own line, then its text) out of the flow, starting at `i`;
/// attaches it to the heading it defines (the latest heading without one); returns the next line.
fn lift_footnote(lines: &[&str], mut i: usize, sections: &mut [PositionSection]) -> usize {
    let Some(marker) = lines.get(i).map(|l| l.trim()) else {
        return i;
    };
    if marker.is_empty() || !marker.chars().all(|c| c.is_ascii_digit()) {
        return i;
    }
    let start = i;
    i += 1;
    let mut body = String::new();
    while let Some(l) = lines.get(i) {
        let t = l.trim();
        if t.is_empty() {
            i += 1;
            continue;
        }
        if body.is_empty() || dangling(&body) {
            if !body.is_empty() {
                body.push(' ');
            }
            body.push_str(t);
            i += 1;
        } else {
            break;
        }
    }
    if body.is_empty() {
        return start;
    }
    if let Some(s) = sections.iter_mut().rev().find(|s| s.footnote.is_none()) {
        s.footnote = Some(body);
    }
    i
}

/// Reads a position paper from a file.
///
/// # Errors
/// As [`read`], and [`Error::Io`](crate::Error::Io) if the file cannot be opened.
pub fn read_path(path: impl AsRef<Path>, options: &ReadOptions) -> Result<PositionPaper> {
    let (file, options) = super::open(path.as_ref(), options)?;
    read(file, &options)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = " Accepted recommendations\n1\n; 2 \n\n1. Continue the good work of \n\nthe past \n\n3 Consider ratification of CRPD\n\n                              \n1\n Recommendations that are implemented \n ever \n Noted recommendations\n; 1\n2 Reflect on it\n";

    #[test]
    fn footnotes_are_lifted_and_text_joined() {
        let p = read(SAMPLE.as_bytes(), &ReadOptions::new()).unwrap();
        let texts: Vec<&str> = p.items.records.iter().map(|i| i.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "Continue the good work of the past",
                "Consider ratification of CRPD ever",
                "Reflect on it"
            ]
        );
        assert_eq!(
            p.sections[0].footnote.as_deref(),
            Some("Recommendations that are implemented")
        );
        assert_eq!(p.sections[1].status, ResponseStatus::Noted);
    }

    #[test]
    fn declared_counts_are_checked() {
        let bad = SAMPLE.replace("; 2 ", "; 3 ");
        let err = read(bad.as_bytes(), &ReadOptions::new().with_name("p.txt")).unwrap_err();
        assert_eq!(
            err.to_string(),
            r#"p.txt: line 1: expected 3 recommendations under this heading, as it declares, found "2 found""#
        );
        let lenient = read(bad.as_bytes(), &ReadOptions::lenient()).unwrap();
        assert_eq!(lenient.items.report.skipped().count(), 1);
    }

    #[test]
    fn gaps_in_the_examined_list_are_reported() {
        let gap = SAMPLE
            .replace("3 Consider", "4 Consider")
            .replace("; 2 ", "");
        let p = read(gap.as_bytes(), &ReadOptions::lenient()).unwrap();
        assert!(
            p.items
                .report
                .problems
                .iter()
                .any(|x| x.found.contains("missing 3")),
            "{:?}",
            p.items.report
        );
    }

    #[test]
    fn no_heading_is_an_error() {
        assert!(read(&b"nothing here"[..], &ReadOptions::new()).is_err());
    }
}
