//! How the Working Group report reader agrees with two independent references.
//!
//! ```text
//! cargo run -p upr-tools --release --bin wg_agreement -- /work/shared/data
//! ```
//!
//! For each report that the researcher's parse (`wg-reference/*.csv`) covers: our count, the
//! reference's count (distinct paragraph numbers; its rows split clustered paragraphs further),
//! numbers matched and status agreement; then the split view: our parts (one per part of a
//! clustered paragraph), the reference's (its distinct texts: it has a row per part, and for a
//! joint part sometimes one per co-author) and the parts matched. Then the totals, and the
//! agreement with the hand-labelled paragraphs of `paragraph-gold/`. `-v` lists the numbers
//! that differ.

mod agreement;

use std::path::PathBuf;
use std::process::ExitCode;

use agreement::{Totals, pct};

fn main() -> ExitCode {
    let mut verbose = false;
    let mut data = None;
    for a in std::env::args().skip(1) {
        match a.as_str() {
            "-v" | "--verbose" => verbose = true,
            _ => data = Some(PathBuf::from(a)),
        }
    }
    let Some(data) = data else {
        eprintln!(
            "usage: wg_agreement [-v] DATA_DIR (the folder holding wg-reports/, wg-reference/, paragraph-gold/)"
        );
        return ExitCode::from(2);
    };
    let list = match agreement::compare_all(&data) {
        Ok(l) => l,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    println!(
        "{:<40} {:>5} {:>5} {:>5} {:>7} {:>8}  {:>6} {:>6} {:>7}",
        "report", "ours", "ref", "rows", "matched", "status", "parts", "ref", "matched"
    );
    for a in &list {
        let mark = if a.ours == a.reference { ' ' } else { '*' };
        let part_mark = if a.ours_parts == a.reference_parts {
            ' '
        } else {
            '*'
        };
        println!(
            "{:<40} {:>5} {:>5} {:>5} {:>7} {:>7.1}%{mark} {:>6} {:>6} {:>7}{part_mark}",
            a.name,
            a.ours,
            a.reference,
            a.reference_rows,
            a.matched,
            pct(a.status_agree, a.status_compared),
            a.ours_parts,
            a.reference_parts,
            a.parts_matched,
        );
        if verbose {
            if !a.only_ours.is_empty() {
                println!("    only ours: {}", a.only_ours.join(" "));
            }
            if !a.only_reference.is_empty() {
                println!("    only reference: {}", a.only_reference.join(" "));
            }
            for (n, ours, theirs) in &a.status_differs {
                println!("    status {n}: ours {ours}, reference {theirs}");
            }
            for (n, ours, theirs) in &a.parts_differ {
                println!("    parts {n}: ours {ours}, reference {theirs}");
            }
        }
    }
    let t = Totals::of(&list);
    println!();
    println!(
        "reports compared: {}; exact count agreement: {} ({:.1}%)",
        t.reports,
        t.exact_count,
        pct(t.exact_count, t.reports)
    );
    println!(
        "recommendations: ours {}, reference {}, matched {} ({:.1}% of the reference, {:.1}% of ours)",
        t.ours,
        t.reference,
        t.matched,
        pct(t.matched, t.reference),
        pct(t.matched, t.ours)
    );
    println!(
        "status agreement: {} of {} matched ({:.1}%)",
        t.status_agree,
        t.status_compared,
        pct(t.status_agree, t.status_compared)
    );
    println!(
        "split view: same part count in {} of {} reports ({:.1}%); parts: ours {}, reference {}, matched {} ({:.1}% of the reference, {:.1}% of ours)",
        t.exact_parts,
        t.reports,
        pct(t.exact_parts, t.reports),
        t.ours_parts,
        t.reference_parts,
        t.parts_matched,
        pct(t.parts_matched, t.reference_parts),
        pct(t.parts_matched, t.ours_parts)
    );
    match agreement::gold(&data.join("paragraph-gold")) {
        Ok(g) => {
            println!();
            println!("paragraph-gold: {} paragraphs", g.paragraphs);
            println!(
                "  number exact: {} ({:.1}%)",
                g.number_exact,
                pct(g.number_exact, g.paragraphs)
            );
            println!(
                "  text exact: {} ({:.1}%); normalised: {} ({:.1}%)",
                g.text_exact,
                pct(g.text_exact, g.paragraphs),
                g.text_normalised,
                pct(g.text_normalised, g.paragraphs)
            );
            println!(
                "  recommending States set exact: {} ({:.1}%)",
                g.states_exact,
                pct(g.states_exact, g.paragraphs)
            );
            if verbose {
                for (n, what) in &g.differences {
                    println!("    {n}: {what}");
                }
            }
        }
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    }
    ExitCode::SUCCESS
}
