//! Corrupted copies of real Working Group reports, made at test time in a temporary folder: the
//! numbers of section II are read as a sequence, so a number that is not the next one (a gap, a
//! duplicate, a misprint, a number too long for the old reader) opens a recommendation of its
//! own with a report line in lenient mode and is an error in strict mode, instead of being
//! glued into the recommendation before it; and a section II cut short is noticed (the issue
//! "nothing lost, nothing merged", Working Group reports).

mod common;

use std::path::{Path, PathBuf};

use upr::format::{Action, Problem, ReadOptions, wg_report};

/// The bytes of a report of `wg-reports/`.
fn report(name: &str) -> Option<Vec<u8>> {
    let dir = common::data()?.join("wg-reports");
    Some(std::fs::read(dir.join(name)).unwrap())
}

/// Where `what` first occurs in `bytes`.
fn find(bytes: &[u8], what: &str) -> usize {
    let w = what.as_bytes();
    bytes.windows(w.len()).position(|x| x == w).unwrap()
}

/// `bytes` with `from` replaced by `to` (exactly once).
fn replace_once(bytes: &[u8], from: &str, to: &str) -> Vec<u8> {
    let (from, to) = (from.as_bytes(), to.as_bytes());
    let at: Vec<usize> = bytes
        .windows(from.len())
        .enumerate()
        .filter(|(_, w)| *w == from)
        .map(|(i, _)| i)
        .collect();
    assert_eq!(at.len(), 1, "{:?} occurs {} times", from, at.len());
    let mut out = bytes[..at[0]].to_vec();
    out.extend_from_slice(to);
    out.extend_from_slice(&bytes[at[0] + from.len()..]);
    out
}

/// A corrupted copy written to a temporary file, removed when dropped.
struct Copy(PathBuf);

impl Copy {
    fn new(name: &str, bytes: &[u8]) -> Copy {
        let path = std::env::temp_dir().join(format!("upr-{}-{name}", std::process::id()));
        std::fs::write(&path, bytes).unwrap();
        Copy(path)
    }

    fn path(&self) -> &Path {
        &self.0
    }

    fn lenient(&self) -> wg_report::WgReport {
        wg_report::read_report_path(self.path(), &ReadOptions::lenient()).unwrap()
    }

    fn strict_error(&self) -> String {
        let e = wg_report::read_report_path(self.path(), &ReadOptions::new()).unwrap_err();
        let e = e.to_string();
        let prefix = format!("{}: ", self.path().display());
        e.strip_prefix(&prefix)
            .unwrap_or_else(|| panic!("the error names the file: {e}"))
            .to_owned()
    }
}

impl Drop for Copy {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

/// The report lines whose reason contains `what`.
fn lines<'a>(r: &'a wg_report::WgReport, what: &str) -> Vec<&'a Problem> {
    r.report
        .problems
        .iter()
        .filter(|p| p.reason.contains(what))
        .collect()
}

/// The references of the recommendations of paragraph `p`, as text.
fn refs(r: &wg_report::WgReport, p: u16) -> Vec<String> {
    r.recommendations
        .iter()
        .filter(|x| x.reference.paragraph() == p)
        .map(|x| x.reference.to_string())
        .collect()
}

const DPRK: &str = "democraticpeoplesrepublicofkorea2014.txt";

#[test]
fn the_intact_reports_read_whole_in_strict_mode() {
    let Some(dprk) = report(DPRK) else { return };
    let egypt = report("egypt2014.txt").unwrap();
    for (name, bytes, n) in [(DPRK, &dprk, 268), ("egypt2014.txt", &egypt, 300)] {
        let r = wg_report::read_report(&bytes[..], &ReadOptions::new()).unwrap();
        assert_eq!(r.recommendations.len(), n, "{name}");
        let seq = lines(&r, "next; read");
        assert!(seq.is_empty(), "{name}: {seq:?}");
    }
}

#[test]
fn a_misprinted_number_opens_its_own_recommendation() {
    // egypt2014: "166.09" for 166.109, between 166.108 and 166.110. The old reader took it as
    // 166.9, then glued 166.110 to 166.300 into it: 109 recommendations, one of 28,000
    // characters with 102 States.
    let Some(egypt) = report("egypt2014.txt") else {
        return;
    };
    let bad = Copy::new(
        "egypt2014-misprint.txt",
        &replace_once(&egypt, "\r166.109 ", "\r166.09 "),
    );
    let r = bad.lenient();
    assert_eq!(r.recommendations.len(), 300);
    let x = &r.recommendations[108];
    assert_eq!(x.reference.to_string(), "166.9");
    assert_eq!(
        x.text,
        "Declare a moratorium on the death penalty until its complete abolition"
    );
    assert_eq!(x.recommending_raw, ["Uruguay"]);
    assert_eq!(r.recommendations[109].reference.to_string(), "166.110");
    let seq = lines(&r, "next; read");
    assert_eq!(seq.len(), 1, "{seq:?}");
    assert_eq!(seq[0].action, Action::Repaired);
    assert_eq!(
        seq[0].reason,
        "expected recommendation 166.109 next; read 166.09 as a recommendation of its own (166.9, lower than the last, 166.108)"
    );
    assert!(seq[0].found.starts_with("166.09 Declare a moratorium"));
    let e = bad.strict_error();
    assert!(
        e.starts_with("line 498: expected recommendation 166.109 next, found \"166.09 Declare"),
        "{e}"
    );
}

#[test]
fn a_gap_of_eleven_numbers() {
    let Some(dprk) = report(DPRK) else { return };
    // Recommendations 124.51 to 124.61 taken out: the list goes from 124.50 to 124.62.
    let (from, to) = (find(&dprk, "\r124.51 "), find(&dprk, "\r124.62 "));
    let mut bad = dprk[..from].to_vec();
    bad.extend_from_slice(&dprk[to..]);
    let bad = Copy::new("dprk-gap.txt", &bad);
    let r = bad.lenient();
    assert_eq!(r.recommendations.len(), 268 - 11);
    assert_eq!(refs(&r, 124).len(), 185 - 11);
    assert_eq!(refs(&r, 124)[50], "124.62");
    let seq = lines(&r, "next; read");
    assert_eq!(seq.len(), 1, "{seq:?}");
    assert_eq!(
        seq[0].reason,
        "expected recommendation 124.51 next; read 124.62 as a recommendation of its own (11 numbers missing before it)"
    );
    let e = bad.strict_error();
    assert!(
        e.starts_with("line 477: expected recommendation 124.51 next, found \"124.62 "),
        "{e}"
    );
}

#[test]
fn a_duplicate_number() {
    let Some(dprk) = report(DPRK) else { return };
    // The line of 124.51 printed twice.
    let (from, to) = (find(&dprk, "\r124.51 "), find(&dprk, "\r124.52 "));
    let mut bytes = dprk[..to].to_vec();
    bytes.extend_from_slice(&dprk[from..]);
    let bad = Copy::new("dprk-duplicate.txt", &bytes);
    let r = bad.lenient();
    assert_eq!(r.recommendations.len(), 269);
    assert_eq!(
        refs(&r, 124)[49..53],
        ["124.50", "124.51", "124.51", "124.52"]
    );
    let seq = lines(&r, "next; read");
    assert_eq!(seq.len(), 1, "{seq:?}");
    assert_eq!(
        seq[0].reason,
        "expected recommendation 124.52 next; read 124.51 as a recommendation of its own (a second 124.51)"
    );
    assert!(
        bad.strict_error()
            .starts_with("line 478: expected recommendation 124.52 next, found \"124.51 ")
    );
    // A misprint of the next number as the last one: both breaks of the sequence reported.
    let bad = Copy::new(
        "dprk-misprint.txt",
        &replace_once(&dprk, "\r124.52 ", "\r124.51 "),
    );
    let r = bad.lenient();
    assert_eq!(r.recommendations.len(), 268);
    assert_eq!(refs(&r, 124)[50..53], ["124.51", "124.51", "124.53"]);
    let seq = lines(&r, "next; read");
    assert_eq!(seq.len(), 2, "{seq:?}");
    assert_eq!(
        seq[1].reason,
        "expected recommendation 124.52 next; read 124.53 as a recommendation of its own (one number missing before it)"
    );
}

#[test]
fn four_digit_numbers_after_999() {
    let Some(dprk) = report(DPRK) else { return };
    // The list of paragraph 124 renumbered from 124.901: 124.100 becomes 124.1000.
    let renumbered = replace_nums(&dprk);
    let bad = Copy::new("dprk-1000.txt", &renumbered);
    let r = bad.lenient();
    assert_eq!(r.recommendations.len(), 268);
    let refs = refs(&r, 124);
    assert_eq!(refs[98..101], ["124.999", "124.1000", "124.1001"]);
    assert_eq!(refs[184], "124.1085");
    assert!(lines(&r, "next; read").is_empty());
    // Strict mode reads it whole too.
    let s = wg_report::read_report_path(bad.path(), &ReadOptions::new()).unwrap();
    assert_eq!(s.recommendations.len(), 268);
}

/// DPRK 2014 with the numbers of paragraph 124 raised by 900, byte for byte elsewhere.
fn replace_nums(dprk: &[u8]) -> Vec<u8> {
    let mut out = dprk.to_vec();
    for k in (1..=185).rev() {
        out = replace_once(&out, &format!("\r124.{k} "), &format!("\r124.{} ", k + 900));
    }
    out
}

#[test]
fn a_byte_order_mark_at_the_start_of_a_line() {
    let Some(dprk) = report(DPRK) else { return };
    // UTF-8's byte-order mark pasted before 124.100 of a Mac OS Roman file.
    let mut with = b"\r\xEF\xBB\xBF".to_vec();
    with.extend_from_slice(b"124.100 ");
    let at = dprk.windows(9).position(|w| w == b"\r124.100 ").unwrap();
    let mut bytes = dprk[..at].to_vec();
    bytes.extend_from_slice(&with);
    bytes.extend_from_slice(&dprk[at + 9..]);
    let bad = Copy::new("dprk-bom.txt", &bytes);
    let r = bad.lenient();
    assert_eq!(r.recommendations.len(), 268);
    assert_eq!(refs(&r, 124)[99], "124.100");
    let bom = lines(&r, "byte-order mark");
    assert_eq!(bom.len(), 1, "{:?}", r.report.problems);
    assert_eq!(bom[0].action, Action::Repaired);
    assert!(lines(&r, "next; read").is_empty());
}

#[test]
fn a_report_cut_short_at_the_end_of_a_line() {
    let Some(dprk) = report(DPRK) else { return };
    // The text stops after 124.60: the old reader gave 60 of 268 with no problem at all.
    let cut = find(&dprk, "\r124.61 ");
    let bad = Copy::new("dprk-cut.txt", &dprk[..cut]);
    let r = bad.lenient();
    assert_eq!(r.recommendations.len(), 60);
    let end = lines(&r, "closing paragraph");
    assert_eq!(end.len(), 1, "{:?}", r.report.problems);
    assert_eq!(
        end[0].reason,
        "expected section II to end with its closing paragraph (\"All conclusions and/or recommendations contained in the present report reflect the position ...\"); the recommendations read up to there are kept"
    );
    assert_eq!(end[0].found, "the end of the text");
    let e = bad.strict_error();
    assert!(
        e.starts_with("line 486: expected section II to end with its closing paragraph"),
        "{e}"
    );
    assert!(e.ends_with("found \"the end of the text\""), "{e}");
}

#[test]
fn a_number_read_as_text_is_a_sign_to_check() {
    let Some(egypt) = report("egypt2014.txt") else {
        return;
    };
    // A paragraph number too far from 166 to be a misprint of it: read as the text of 166.108,
    // and reported; the list goes on at 166.110, one number missing.
    let bad = Copy::new(
        "egypt2014-far.txt",
        &replace_once(&egypt, "\r166.109 ", "\r16.109 "),
    );
    let r = bad.lenient();
    assert_eq!(r.recommendations.len(), 299);
    let x = &r.recommendations[107];
    assert_eq!(x.reference.to_string(), "166.108");
    assert_eq!(x.recommending_raw, ["Switzerland", "Uruguay"]);
    let sign = lines(&r, "read as its text");
    assert_eq!(sign.len(), 1, "{:?}", r.report.problems);
    assert_eq!(
        sign[0].reason,
        "a line of recommendation 166.108 starts with the number 16.109, read as its text (check for a misprinted number)"
    );
    assert_eq!(lines(&r, "next; read").len(), 1);
    // Forty numbers lost that way make one recommendation of thousands of characters with
    // dozens of States: reported too.
    let mut bytes = egypt.clone();
    for k in 110..150 {
        bytes = replace_once(&bytes, &format!("\r166.{k} "), &format!("\r16.{k} "));
    }
    let bad = Copy::new("egypt2014-lost.txt", &bytes);
    let r = bad.lenient();
    assert_eq!(r.recommendations.len(), 260);
    let long = lines(&r, "characters with");
    assert_eq!(long.len(), 1, "{:?}", r.report.problems);
    assert!(
        long[0]
            .reason
            .starts_with("recommendation 166.109 runs to "),
        "{}",
        long[0].reason
    );
    assert!(
        long[0]
            .reason
            .ends_with(" recommending States (check for numbers lost in its text)")
    );
    assert_eq!(lines(&r, "read as its text").len(), 40);
}

/// kuwait2010 with its stray footnote (after 79.47) broken over two lines, a stray quote in it
/// and its number misprinted with two spaces: every line of the footnote is dropped with a
/// report line, 79.47 keeps its own States, and every recommendation of the intact report is
/// still read (the States of the footnote go to none of them).
#[test]
fn a_stray_footnote_broken_and_misprinted_adds_no_states() {
    let Some(kuwait) = report("kuwait2010.txt") else {
        return;
    };
    let intact = wg_report::read_report(&kuwait[..], &ReadOptions::lenient()).unwrap();
    let footnote = "\r2 The recommendation as read during the interactive dialogue: ";
    for (what, to) in [
        (
            "wrapped, a stray quote",
            "\r2 The recommendation as read during the \"interactive\rdialogue: ",
        ),
        (
            "two spaces",
            "\r2  The recommendation as read during the interactive dialogue: ",
        ),
    ] {
        let copy = Copy::new("kuwait2010.txt", &replace_once(&kuwait, footnote, to));
        let r = copy.lenient();
        assert_eq!(
            r.recommendations.len(),
            intact.recommendations.len(),
            "{what}"
        );
        let by_ref = |r: &wg_report::WgReport, reference: &str| {
            let x = common::wg_recommendation(r, reference);
            (x.text.clone(), x.recommending.clone())
        };
        for reference in ["79.46", "79.47", "79.48"] {
            assert_eq!(
                by_ref(&r, reference),
                by_ref(&intact, reference),
                "{what} {reference}"
            );
        }
        let chile = upr::State::resolve("Chile").unwrap();
        assert!(!by_ref(&r, "79.47").1.contains(&chile), "{what}");
        let dropped = lines(&r, "footnote");
        assert!(
            dropped
                .iter()
                .any(|p| p.found.contains("Extend a standing")),
            "{what}: {dropped:?}"
        );
        assert!(
            dropped.iter().all(|p| p.action == Action::Repaired),
            "{what}"
        );
    }
}

/// Slovenia's cycle-2 report (its title over two lines) in Windows-1252, as an old tool might
/// save it, `?` for the characters it has no byte for (`č`, symbols of a private font): the
/// State under review is still read from the wrapped title, and all 163 recommendations come
/// back.
#[test]
fn a_wrapped_title_in_another_encoding() {
    let Some(dir) = common::data() else { return };
    let text = std::fs::read_to_string(dir.join("slovenia/cycle2/A-HRC-28-15.txt")).unwrap();
    let encodable = |c: char| {
        !encoding_rs::WINDOWS_1252
            .encode(c.encode_utf8(&mut [0; 4]))
            .2
    };
    let text: String = text
        .chars()
        .map(|c| if encodable(c) { c } else { '?' })
        .collect();
    let (bytes, _, lossy) = encoding_rs::WINDOWS_1252.encode(&text);
    assert!(
        !lossy && bytes.iter().any(|&b| b >= 0x80),
        "a Windows-1252 copy with high bytes"
    );
    let copy = Copy::new("A-HRC-28-15.txt", &bytes);
    let r = copy.lenient();
    assert_eq!(r.state, Some(upr::State::resolve("Slovenia").unwrap()));
    assert_eq!(r.report.encoding, upr::Encoding::Windows1252);
    assert_eq!(r.recommendations.len(), 163);
}

/// cotedivoire2014 127.9, `Ratify ICCPR-OP 2 (Rwanda) to abolish death penalty (France,
/// Montenegro);`, broken over two lines inside the bracket of its first clause, with a
/// no-break space (Mac OS Roman 0xCA) before `Rwanda`: Rwanda is still one of its States, in the
/// order written, with its report line, and no recommendation is lost.
#[test]
fn states_inside_a_merged_recommendation_survive_a_broken_line() {
    let Some(civ) = report("cotedivoire2014.txt") else {
        return;
    };
    let intact = wg_report::read_report(&civ[..], &ReadOptions::lenient()).unwrap();
    let mut bytes = replace_once(
        &civ,
        "127.9 Ratify ICCPR-OP 2 (Rwanda)",
        "127.9 Ratify ICCPR-OP 2 (",
    );
    let at = find(&bytes, "127.9 Ratify ICCPR-OP 2 (") + "127.9 Ratify ICCPR-OP 2 (".len();
    bytes.splice(at..at, *b"\r\xcaRwanda)");
    let copy = Copy::new("cotedivoire2014.txt", &bytes);
    let r = copy.lenient();
    assert_eq!(r.recommendations.len(), intact.recommendations.len());
    let x = common::wg_recommendation(&r, "127.9");
    let codes: Vec<&str> = x.recommending.iter().map(|s| s.alpha3()).collect();
    assert_eq!(codes, ["RWA", "FRA", "MNE"]);
    let inside = lines(&r, "also taken from brackets inside its text");
    // The report gives the text as read: the broken line joined, the no-break space a space.
    let line = inside
        .iter()
        .find(|p| p.reason.contains(" 127.9 "))
        .unwrap();
    assert!(
        line.found
            .starts_with("Ratify ICCPR-OP 2 ( Rwanda) to abolish"),
        "{line:?}"
    );
}

/// uganda2011 saved as UTF-8 instead of its Mac OS Roman, with a tab and a no-break space
/// between the footnote number of 112.19 and its bracket (`bill9\t\u{a0}(Austria)`): the
/// number is dropped from the text all the same, with a report line, and every recommendation
/// of the intact report is read. (A number set apart from the word, `bill 9`, is kept: so is
/// `the age of 18`.)
#[test]
fn a_glued_footnote_number_in_another_encoding() {
    let Some(uganda) = report("uganda2011.txt") else {
        return;
    };
    let intact = wg_report::read_report(&uganda[..], &ReadOptions::lenient()).unwrap();
    let utf8 = upr::format::encoding::decode_mac_roman(&uganda);
    let bytes = replace_once(
        utf8.as_bytes(),
        "anti-torture bill9 (",
        "anti-torture bill9\t\u{a0}(",
    );
    let copy = Copy::new("uganda2011.txt", &bytes);
    let r = copy.lenient();
    assert_eq!(r.report.encoding, upr::Encoding::Utf8);
    assert_eq!(r.recommendations.len(), intact.recommendations.len());
    let x = common::wg_recommendation(&r, "112.19");
    assert_eq!(x.text, "Enact the anti-torture bill");
    assert!(!lines(&r, "footnote number glued to the end of the text of 112.19").is_empty());
}
