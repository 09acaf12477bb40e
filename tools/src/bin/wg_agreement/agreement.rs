//! Agreement of the Working Group report reader with two independent references: a
//! researcher's own parse of the reports (`wg-reference/*.csv`) and hand-labelled paragraphs
//! (`paragraph-gold/*.json`). Shared by `tools/src/bin/wg_agreement` and `tests/wg_report_corpus.rs`.
#![allow(dead_code)]

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use upr::format::wg_report::{self, WgReport};
use upr::{ParagraphRef, State, WorkingGroupStatus};

/// A report listed in a file of known disagreements (`tests/data/wg_known_*disagreements.tsv`).
#[derive(Debug, Clone)]
pub(crate) struct Known {
    /// Our count.
    pub ours: usize,
    /// The reference's count.
    pub reference: usize,
    /// Who the text agrees with: `ours`, `reference`, `neither` or `both`.
    pub right: String,
    /// Why, checked against the text.
    pub why: String,
}

/// Reads a file of known disagreements, `file` naming it in errors: tab-separated `report`,
/// `ours`, `reference`, `right`, `why`; `#` comments and blank lines skipped.
pub(crate) fn known_disagreements(
    file: &str,
    text: &str,
) -> Result<BTreeMap<String, Known>, String> {
    let mut m = BTreeMap::new();
    for (i, line) in text.lines().enumerate() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let at = |what: &str| format!("{file} line {}: {what}", i + 1);
        let f: Vec<&str> = line.split('\t').collect();
        let [name, ours, reference, right, why] = f.as_slice() else {
            return Err(at("5 fields"));
        };
        if !["ours", "reference", "neither", "both"].contains(right) {
            return Err(at("who is right must be ours, reference, neither or both"));
        }
        if why.trim().is_empty() {
            return Err(at("a reason"));
        }
        let count = |n: &str| n.parse::<usize>().map_err(|_| at("counts are numbers"));
        let known = Known {
            ours: count(ours)?,
            reference: count(reference)?,
            right: (*right).to_owned(),
            why: (*why).to_owned(),
        };
        m.insert((*name).to_owned(), known);
    }
    Ok(m)
}

/// One row of the researcher's parse.
#[derive(Debug, Clone)]
pub(crate) struct RefRow {
    /// `(paragraph, number)` from the leading `125.54` (sub-rows `125.54..1` share it).
    pub key: (u16, u16),
    /// Whether the row is a sub-row (`125.54..1`) the researcher split off a clustered paragraph.
    pub sub_row: bool,
    /// `support`, `consider`, `reject`, `noted`, `implemented`, ...
    pub decision: String,
    /// The row's text after its label, normalised ([`normalise`]): the rows of one part (one per
    /// co-author of a joint part) share it, the parts of a clustered paragraph do not.
    pub text: String,
}

/// The researcher's decisions in this crate's vocabulary (`implemented` is supported: "enjoy the
/// support of X, which considers that they are already implemented").
pub(crate) fn decision_status(decision: &str) -> Option<WorkingGroupStatus> {
    match decision.trim() {
        "support" | "implemented" | "implement" => Some(WorkingGroupStatus::Supported),
        "consider" => Some(WorkingGroupStatus::ToBeExamined),
        "reject" => Some(WorkingGroupStatus::NotSupported),
        "noted" => Some(WorkingGroupStatus::Noted),
        _ => None,
    }
}

/// The key of a row's label (`125.54`, `125.54.`, `125.54..1`), whether it is a sub-row, and
/// the text after the label.
fn parse_key(text: &str) -> Option<((u16, u16), bool, &str)> {
    let t = text.trim_start();
    let (p, rest) = t.split_once('.')?;
    let p: u16 = p.trim().parse().ok()?;
    let n_len = rest.len() - rest.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    let n: u16 = rest.get(..n_len)?.parse().ok()?;
    let after = rest.get(n_len..).unwrap_or("");
    let body = after.trim_start_matches(|c: char| c == '.' || c.is_ascii_digit());
    Some(((p, n), after.starts_with(".."), body))
}

/// The reference rows by report file stem (`albania2010`).
pub(crate) fn load_reference(dir: &Path) -> Result<BTreeMap<String, Vec<RefRow>>, String> {
    let mut out: BTreeMap<String, Vec<RefRow>> = BTreeMap::new();
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "csv"))
        .collect();
    files.sort();
    for f in files {
        let year = f
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or_default()
            .to_owned();
        let bytes = std::fs::read(&f).map_err(|e| format!("{}: {e}", f.display()))?;
        let text = String::from_utf8_lossy(&bytes);
        let mut rdr = csv::ReaderBuilder::new()
            .flexible(true)
            .from_reader(text.as_bytes());
        let headers = rdr.headers().map_err(|e| e.to_string())?.clone();
        let col = |n: &str| headers.iter().position(|h| h == n);
        let (Some(ct), Some(cto), Some(cd)) = (col("text"), col("to"), col("decision")) else {
            continue;
        };
        for rec in rdr.records() {
            let rec = rec.map_err(|e| format!("{}: {e}", f.display()))?;
            let (Some(text), Some(to), Some(d)) = (rec.get(ct), rec.get(cto), rec.get(cd)) else {
                continue;
            };
            let Some((key, sub_row, body)) = parse_key(text) else {
                continue;
            };
            out.entry(format!("{}{year}", to.trim()))
                .or_default()
                .push(RefRow {
                    key,
                    sub_row,
                    decision: d.trim().to_owned(),
                    text: normalise(body),
                });
        }
    }
    Ok(out)
}

/// How one report compares.
#[derive(Debug, Clone, Default)]
pub(crate) struct ReportAgreement {
    /// File stem.
    pub name: String,
    /// Our recommendations.
    pub ours: usize,
    /// Distinct paragraph numbers in the reference.
    pub reference: usize,
    /// Reference rows (sub-rows of clustered paragraphs counted).
    pub reference_rows: usize,
    /// Numbers in both.
    pub matched: usize,
    /// Matched numbers whose reference decision maps to a status.
    pub status_compared: usize,
    /// ... and whose status agrees.
    pub status_agree: usize,
    /// Numbers only we have.
    pub only_ours: Vec<String>,
    /// Numbers only the reference has.
    pub only_reference: Vec<String>,
    /// Numbers whose status differs: (number, ours, reference decision).
    pub status_differs: Vec<(String, WorkingGroupStatus, String)>,
    /// The split view: our parts ([`WgRecommendation::split`](wg_report::WgRecommendation::split)).
    pub ours_parts: usize,
    /// The reference's parts: its distinct texts (one part may have a row per co-author).
    pub reference_parts: usize,
    /// Parts in both: per number in both, the smaller of the two part counts.
    pub parts_matched: usize,
    /// Numbers in both whose part count differs: (number, ours, reference).
    pub parts_differ: Vec<(String, usize, usize)>,
}

fn key_of(r: ParagraphRef) -> (u16, u16) {
    match r {
        ParagraphRef::Dotted { paragraph, number } => (paragraph, number),
        ParagraphRef::Item { paragraph, item } => (paragraph, item),
        ParagraphRef::Paragraph(p) => (p, 0),
    }
}

/// Compares one parsed report with its reference rows.
pub(crate) fn compare(name: &str, report: &WgReport, rows: &[RefRow]) -> ReportAgreement {
    let mut refs: BTreeMap<(u16, u16), &str> = BTreeMap::new();
    for r in rows {
        let e = refs.entry(r.key).or_insert(r.decision.as_str());
        if !r.sub_row {
            *e = r.decision.as_str();
        }
    }
    let ours: BTreeMap<(u16, u16), WorkingGroupStatus> = report
        .recommendations
        .iter()
        .map(|r| (key_of(r.reference), r.status))
        .collect();
    let mut a = ReportAgreement {
        name: name.to_owned(),
        ours: report.recommendations.len(),
        reference: refs.len(),
        reference_rows: rows.len(),
        ..ReportAgreement::default()
    };
    compare_parts(&mut a, report, rows);
    for (k, st) in &ours {
        match refs.get(k) {
            Some(d) => {
                a.matched += 1;
                if let Some(rs) = decision_status(d) {
                    a.status_compared += 1;
                    if rs == *st {
                        a.status_agree += 1;
                    } else {
                        a.status_differs
                            .push((format!("{}.{}", k.0, k.1), *st, d.to_string()));
                    }
                }
            }
            None => a.only_ours.push(format!("{}.{}", k.0, k.1)),
        }
    }
    for k in refs.keys() {
        if !ours.contains_key(k) {
            a.only_reference.push(format!("{}.{}", k.0, k.1));
        }
    }
    a
}

/// The split view of one report against the reference's parts (its distinct texts per number).
fn compare_parts(a: &mut ReportAgreement, report: &WgReport, rows: &[RefRow]) {
    let mut theirs: BTreeMap<(u16, u16), BTreeSet<&str>> = BTreeMap::new();
    for r in rows {
        theirs.entry(r.key).or_default().insert(r.text.as_str());
    }
    let mut ours: BTreeMap<(u16, u16), usize> = BTreeMap::new();
    for r in &report.recommendations {
        *ours.entry(key_of(r.reference)).or_default() += r.split().len();
    }
    a.ours_parts = ours.values().sum();
    a.reference_parts = theirs.values().map(BTreeSet::len).sum();
    for (k, n) in &ours {
        let Some(t) = theirs.get(k) else { continue };
        a.parts_matched += (*n).min(t.len());
        if *n != t.len() {
            a.parts_differ
                .push((format!("{}.{}", k.0, k.1), *n, t.len()));
        }
    }
}

/// Reads every report that has reference rows, in lenient mode, and compares.
pub(crate) fn compare_all(data: &Path) -> Result<Vec<ReportAgreement>, String> {
    let reference = load_reference(&data.join("wg-reference"))?;
    let mut out = Vec::new();
    for (name, rows) in &reference {
        let path = data.join("wg-reports").join(format!("{name}.txt"));
        if !path.exists() {
            continue;
        }
        let report = wg_report::read_report_path(&path, &upr::format::ReadOptions::lenient())
            .map_err(|e| e.to_string())?;
        out.push(compare(name, &report, rows));
    }
    Ok(out)
}

/// Totals over reports.
#[derive(Debug, Clone, Default)]
pub(crate) struct Totals {
    /// Reports compared.
    pub reports: usize,
    /// Reports whose count equals the reference's distinct numbers.
    pub exact_count: usize,
    /// Our recommendations in those reports.
    pub ours: usize,
    /// Reference numbers.
    pub reference: usize,
    /// Numbers in both.
    pub matched: usize,
    /// Matched with a comparable decision.
    pub status_compared: usize,
    /// ... that agree.
    pub status_agree: usize,
    /// Reports whose part count equals the reference's.
    pub exact_parts: usize,
    /// Our parts.
    pub ours_parts: usize,
    /// The reference's parts.
    pub reference_parts: usize,
    /// Parts in both.
    pub parts_matched: usize,
}

impl Totals {
    /// Sums per-report figures.
    pub(crate) fn of(list: &[ReportAgreement]) -> Totals {
        let mut t = Totals::default();
        for a in list {
            t.reports += 1;
            t.exact_count += usize::from(a.ours == a.reference);
            t.ours += a.ours;
            t.reference += a.reference;
            t.matched += a.matched;
            t.status_compared += a.status_compared;
            t.status_agree += a.status_agree;
            t.exact_parts += usize::from(a.ours_parts == a.reference_parts);
            t.ours_parts += a.ours_parts;
            t.reference_parts += a.reference_parts;
            t.parts_matched += a.parts_matched;
        }
        t
    }
}

/// Percentage, 0 when the denominator is 0.
pub(crate) fn pct(n: usize, d: usize) -> f64 {
    if d == 0 {
        0.0
    } else {
        100.0 * n as f64 / d as f64
    }
}

/// Agreement with the hand-labelled paragraphs.
#[derive(Debug, Clone, Default)]
pub(crate) struct GoldAgreement {
    /// Paragraphs.
    pub paragraphs: usize,
    /// Paragraph number identical.
    pub number_exact: usize,
    /// Text identical.
    pub text_exact: usize,
    /// Text identical after normalisation (case, punctuation, spacing).
    pub text_normalised: usize,
    /// Set of recommending States identical.
    pub states_exact: usize,
    /// The paragraph numbers of the disagreements: (number, what).
    pub differences: Vec<(String, String)>,
}

/// Lower case, letters and digits only, single spaces.
pub(crate) fn normalise(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_alphanumeric() {
                c.to_lowercase().next().unwrap_or(c)
            } else {
                ' '
            }
        })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn load_json(path: &Path) -> Result<Vec<serde_json::Value>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))
}

/// Splits each gold paragraph with [`wg_report::split_recommendation`] and compares.
pub(crate) fn gold(dir: &Path) -> Result<GoldAgreement, String> {
    let numbers = load_json(&dir.join("numbers-labels.json"))?;
    let texts = load_json(&dir.join("text-labels.json"))?;
    let countries = load_json(&dir.join("countries-labels.json"))?;
    let mut g = GoldAgreement::default();
    for ((n, t), c) in numbers.iter().zip(&texts).zip(&countries) {
        let raw = n["text"].as_str().unwrap_or_default();
        let number = n["label"].as_str().unwrap_or_default();
        let text = t["label"].as_str().unwrap_or_default();
        let names: Vec<&str> = c["label"]
            .as_array()
            .map(|a| a.iter().filter_map(|v| v.as_str()).collect())
            .unwrap_or_default();
        g.paragraphs += 1;
        let Some(s) = wg_report::split_recommendation(raw) else {
            g.differences
                .push((number.to_owned(), "not split".to_owned()));
            continue;
        };
        let our_number = s.reference.map(|r| r.to_string()).unwrap_or_default();
        if our_number == number {
            g.number_exact += 1;
        } else {
            g.differences
                .push((number.to_owned(), format!("number {our_number:?}")));
        }
        if s.text == text {
            g.text_exact += 1;
        }
        if normalise(&s.text) == normalise(text) {
            g.text_normalised += 1;
        } else {
            g.differences
                .push((number.to_owned(), format!("text {:?}", s.text)));
        }
        // States: compare resolved States where both sides resolve, normalised names otherwise.
        let key = |name: &str| match State::resolve(name) {
            Ok(st) => st.alpha3().to_owned(),
            Err(_) => normalise(name),
        };
        let gold_set: BTreeSet<String> = names.iter().map(|n| key(n)).collect();
        let our_set: BTreeSet<String> = s.recommending_raw.iter().map(|n| key(n)).collect();
        if gold_set == our_set {
            g.states_exact += 1;
        } else {
            g.differences.push((
                number.to_owned(),
                format!("states {our_set:?} vs {gold_set:?}"),
            ));
        }
    }
    Ok(g)
}
