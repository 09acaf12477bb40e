//! What the fuzz targets check, beyond "no panic": inputs built from the fuzzer's bytes in a
//! known shape, so that the target knows how many records they hold without splitting them
//! (neither the `csv` crate nor the crate's own splitter is asked), and invariants every reader
//! keeps on arbitrary bytes.
#![forbid(unsafe_code)]

use upr::format::{Context, Mode, Parsed, ReadOptions};

/// The fuzzer's bytes, handed out one at a time (zeros once they run out).
pub struct Bytes<'a>(&'a [u8]);

impl<'a> Bytes<'a> {
    pub fn new(data: &'a [u8]) -> Self {
        Bytes(data)
    }

    pub fn byte(&mut self) -> u8 {
        match self.0.split_first() {
            Some((b, rest)) => {
                self.0 = rest;
                *b
            }
            None => 0,
        }
    }

    /// One of `items`.
    pub fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[usize::from(self.byte()) % items.len()]
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// A field as a CSV writer writes it: quoted (quotes doubled) when it holds a comma, a quote or
/// a line end.
fn quote(field: &str) -> String {
    if field.contains([',', '"', '\r', '\n']) {
        format!("\"{}\"", field.replace('"', "\"\""))
    } else {
        field.to_owned()
    }
}

/// A text from the fuzzer: letters, spaces, an accented letter, quotes, line ends and at most
/// `max_commas` commas (a line inside a quoted field with a whole row's worth of commas would
/// read as a swallowed row, which the splitter reports by design).
fn text(b: &mut Bytes<'_>, max_commas: usize) -> String {
    let len = usize::from(b.byte() % 40) + 1;
    let mut out = String::from("R");
    let mut commas = 0;
    for _ in 0..len {
        match b.pick(&['a', 'b', ' ', 'é', '"', ',', '\r', '\n', 'z', '(', ')']) {
            ',' if commas >= max_commas => out.push('x'),
            ',' => {
                commas += 1;
                out.push(',');
            }
            c => out.push(c),
        }
    }
    out
}

/// The line ends a row may end with.
const ENDS: [&str; 3] = ["\r", "\n", "\r\n"];

/// A UPR Info export of N rows built from the fuzzer's bytes, with which rows are valid, and
/// whether a stray quote was put in (row index).
pub struct Built {
    pub bytes: Vec<u8>,
    pub valid: Vec<bool>,
    pub stray: Option<usize>,
}

/// Builds a UPR Info export: each row's values picked from valid and invalid ones.
pub fn upr_info_export(b: &mut Bytes<'_>) -> Built {
    let mut out = String::from(
        "To,To-Rgrp,To-Org,Text,From,From-Rgrp,From-Org,Response,Action,Issue,Session",
    );
    out.push_str(b.pick(&ENDS));
    let n = usize::from(b.byte() % 12);
    let stray_at = (b.byte() % 4 == 0 && n > 0).then(|| usize::from(b.byte()) % n);
    let mut valid = Vec::new();
    for i in 0..n {
        let (to, to_ok) = b.pick(&[
            ("Norway", true),
            ("Côte d'Ivoire", true),
            ("Democratic People's Republic of Korea", true),
            ("Atlantis", false),
        ]);
        let (from, from_ok) = b.pick(&[
            ("Chile", true),
            ("Canada", true),
            ("&#40;Unknown&#41;", true),
            ("Nowhere", false),
        ]);
        let (group, group_ok) = b.pick(&[("WEOG", true), ("", true), ("Mars", false)]);
        let (response, response_ok) = b.pick(&[
            ("Accepted", true),
            ("Noted", true),
            ("Voluntary Pledge", true),
            ("Maybe", false),
        ]);
        let (action, action_ok) = b.pick(&[("3", true), ("", true), ("9", false)]);
        let (issue, issue_ok) = b.pick(&[
            ("General", true),
            ("Detention,Torture and other CID treatment", true),
            ("Nonsense", false),
        ]);
        let (session, session_ok) = b.pick(&[("6", true), ("19", true), ("0", false)]);
        let to = if stray_at == Some(i) {
            format!("\"{to}")
        } else {
            quote(to)
        };
        let fields = [
            to,
            quote(group),
            quote("OIC, NAM"),
            quote(&text(b, 5)),
            quote(from),
            quote(group),
            String::new(),
            quote(response),
            quote(action),
            quote(issue),
            quote(session),
        ];
        out.push_str(&fields.join(","));
        out.push_str(b.pick(&ENDS));
        valid.push(
            to_ok && from_ok && group_ok && response_ok && action_ok && issue_ok && session_ok,
        );
    }
    Built {
        bytes: out.into_bytes(),
        valid,
        stray: stray_at,
    }
}

/// The UPR Info reader on a built export: every row kept or skipped (with its record number),
/// strict mode Ok with every row or the error of the first invalid row.
pub fn check_upr_info(data: &[u8]) {
    let built = upr_info_export(&mut Bytes::new(data));
    let n = built.valid.len();
    let kept = built.valid.iter().filter(|v| **v).count();
    let lenient = upr::format::upr_info::read(&built.bytes[..], &ReadOptions::lenient())
        .expect("a lenient read of an export with its header");
    let skipped: Vec<_> = lenient.report.skipped().map(|p| p.location).collect();
    invariants(&lenient);
    if built.stray.is_some() {
        // A stray quote: rows may be cut and read on their own, never more than there are.
        assert!(lenient.records.len() + skipped.len() <= n);
        assert!(!lenient.report.problems.is_empty());
        return;
    }
    assert_eq!(lenient.records.len(), kept, "{}", lenient.report);
    let expected: Vec<_> = (1..=n)
        .filter(|i| !built.valid[i - 1])
        .map(upr::Location::Record)
        .collect();
    assert_eq!(skipped, expected, "{}", lenient.report);
    match upr::format::upr_info::read(&built.bytes[..], &ReadOptions::new()) {
        Ok(p) => {
            assert_eq!(kept, n);
            assert!(p.records == lenient.records);
        }
        Err(e) => {
            let first = built.valid.iter().position(|v| !v).expect("an invalid row") + 1;
            assert!(e.to_string().contains(&format!("record {first}")), "{e}");
        }
    }
    // The stream gives what the whole reader gives.
    let streamed = upr::format::upr_info::rows(&built.bytes[..], &ReadOptions::lenient())
        .and_then(upr::format::RecordStream::collect_parsed)
        .expect("a lenient stream");
    assert!(streamed.records == lenient.records);
}

/// A UHRI CSV export built from the fuzzer's bytes: rows with an empty text are skipped, every
/// other row is kept (its flaws repaired in lenient mode).
pub fn check_uhri(data: &[u8]) {
    let mut b = Bytes::new(data);
    let mut out = String::from("text,upr_reccomending_states,upr_position,upr_session");
    out.push_str(b.pick(&ENDS));
    let n = usize::from(b.byte() % 12);
    let mut with_text = Vec::new();
    for _ in 0..n {
        let t = if b.byte() % 5 == 0 {
            String::new()
        } else {
            text(&mut b, 2)
        };
        let states = b.pick(&["Norway", "Chile, Canada", "Atlantis", ""]);
        let position = b.pick(&["Supported", "Noted", "", "Maybe"]);
        let session = b.pick(&["20", "", "x"]);
        with_text.push(!t.is_empty());
        let fields = [quote(&t), quote(states), quote(position), quote(session)];
        out.push_str(&fields.join(","));
        out.push_str(b.pick(&ENDS));
    }
    let bytes = out.into_bytes();
    let lenient = upr::format::uhri::read(&bytes[..], &ReadOptions::lenient())
        .expect("a lenient read of an export with its header");
    invariants(&lenient);
    let kept = with_text.iter().filter(|v| **v).count();
    assert_eq!(lenient.records.len(), kept, "{}", lenient.report);
    assert_eq!(
        lenient.report.skipped().count(),
        n - kept,
        "{}",
        lenient.report
    );
    if let Ok(p) = upr::format::uhri::read(&bytes[..], &ReadOptions::new()) {
        assert_eq!(p.records.len(), n);
        assert!(p.records == lenient.records);
    }
}

/// What every reader keeps on any input: the report counts the records returned; what strict
/// mode reads, lenient mode reads the same.
pub fn invariants<T>(p: &Parsed<T>) {
    assert_eq!(p.report.records, p.records.len());
}

/// Strict Ok ⇒ lenient Ok with the same records and no problem but repairs.
pub fn strict_within_lenient<T: PartialEq + std::fmt::Debug>(
    read: impl Fn(&ReadOptions) -> upr::Result<Parsed<T>>,
) {
    let strict = read(&ReadOptions::new().with_mode(Mode::Strict));
    let lenient = read(&ReadOptions::lenient());
    if let Ok(p) = &lenient {
        invariants(p);
    }
    if let Ok(s) = strict {
        invariants(&s);
        let l = lenient.expect("lenient reads what strict reads");
        assert!(l.records == s.records);
        assert_eq!(l.report.skipped().count(), 0);
    }
}

/// Arbitrary bytes through every CSV and JSON reader.
pub fn check_bytes(data: &[u8]) {
    let c = Context::new();
    strict_within_lenient(|o| upr::format::upr_info::read(data, o));
    strict_within_lenient(|o| upr::format::uhri::read(data, o));
    strict_within_lenient(|o| upr::format::uhri::read_json(data, o));
    strict_within_lenient(|o| upr::format::upr1::csv::read_recommendations(data, o, &c));
    strict_within_lenient(|o| upr::format::upr1::json::read_recommendations(data, o, &c));
    strict_within_lenient(|o| upr::format::upr1::json::read_recommendation_lines(data, o, &c));
}

/// The Working Group reader on arbitrary text: nothing invented (every paragraph it returns is
/// written in the input, at the start of a line), no paragraph twice.
pub fn check_wg(data: &[u8]) {
    strict_within_lenient(|o| upr::format::wg_report::read(data, o));
    let Ok(p) = upr::format::wg_report::read(data, &ReadOptions::lenient()) else {
        return;
    };
    let text = String::from_utf8_lossy(data);
    let mut seen = std::collections::HashSet::new();
    for r in &p.records {
        let number = r.reference.to_string();
        assert!(seen.insert(number.clone()), "paragraph {number} twice");
        let major = number.split(['.', '(']).next().unwrap_or_default();
        assert!(
            text.contains(major),
            "paragraph {number} is not in the input"
        );
    }
}

/// A Working Group report's section II of N dotted recommendations, built from the fuzzer's
/// bytes: texts of letters and spaces wrapped over lines at places the bytes choose, each ending
/// in its recommending State in brackets. The reader must return exactly N, numbered 90.1 to
/// 90.N, in both modes.
pub fn check_wg_count(data: &[u8]) {
    let mut b = Bytes::new(data);
    let n = usize::from(b.byte() % 30) + 1;
    let mut text = String::from(
        "United Nations A/HRC/19/11\n\nReport of the Working Group on the Universal Periodic Review*\n\
         Norway\n\nII. Conclusions and/or recommendations\n\
         90. The following recommendations will be examined by Norway, which will provide \
         responses in due time:\n",
    );
    for i in 1..=n {
        text.push_str(&format!("90.{i} "));
        let words = usize::from(b.byte() % 12) + 1;
        for w in 0..words {
            let word: String = (0..usize::from(b.byte() % 7) + 1)
                .map(|_| b.pick(&['a', 'e', 'r', 't', 'o', 'n', 's']))
                .collect();
            text.push_str(if w == 0 { "Ratify" } else { &word });
            text.push(if b.byte() % 6 == 0 { '\n' } else { ' ' });
        }
        let state = b.pick(&["Chile", "Canada", "Côte d'Ivoire", "Republic of Korea"]);
        text.push_str(&format!("({state}){}\n", if i == n { "." } else { ";" }));
    }
    text.push_str(
        "91. All conclusions and/or recommendations contained in the present report reflect the \
         position of the submitting State(s) and/or the State under review. They should not be \
         construed as endorsed by the Working Group as a whole.\n",
    );
    for options in [ReadOptions::new(), ReadOptions::lenient()] {
        let p = upr::format::wg_report::read(text.as_bytes(), &options)
            .unwrap_or_else(|e| panic!("{e}\n{text}"));
        let numbers: Vec<String> = p.records.iter().map(|r| r.reference.to_string()).collect();
        let expected: Vec<String> = (1..=n).map(|i| format!("90.{i}")).collect();
        assert_eq!(numbers, expected, "{text}");
        invariants(&p);
    }
}

/// A matrix from arbitrary bytes (a Word file or not).
pub fn check_matrix(data: &[u8]) {
    strict_within_lenient(|o| upr::format::ohchr_matrix::read(data, o));
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Pseudo-random inputs (a fixed linear congruential sequence), so that the expectations
    /// above are themselves tested without the fuzzer.
    fn inputs(n: usize) -> impl Iterator<Item = Vec<u8>> {
        let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
        (0..n).map(move |i| {
            (0..(i % 300))
                .map(|_| {
                    state = state
                        .wrapping_mul(6_364_136_223_846_793_005)
                        .wrapping_add(1);
                    (state >> 33) as u8
                })
                .collect()
        })
    }

    #[test]
    fn the_checks_hold_on_pseudo_random_inputs() {
        for data in inputs(3000) {
            check_upr_info(&data);
            check_uhri(&data);
            check_bytes(&data);
            check_wg(&data);
            check_wg_count(&data);
        }
    }
}
