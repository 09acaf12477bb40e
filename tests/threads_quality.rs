//! Link quality of `upr::threads` on the DPRK's cycles 1-2, against hand labels
//! (`tests/data/thread-links.tsv`: 90 pairs in three strata labelled before the rules were tuned,
//! and 20 links the tuned rules added, labelled after as a held-out precision check).
//!
//! `cargo test --test threads_quality -- --nocapture` prints precision, recall and every miss.

use std::collections::BTreeSet;

use upr::threads::{ThreadOptions, Threads};
use upr::{Dataset, State};

const LABELS: &str = include_str!("data/thread-links.tsv");

struct Scored {
    tp: usize,
    fp: Vec<String>,
    missed: Vec<String>,
}

fn score(options: &ThreadOptions) -> Scored {
    let data = Dataset::dprk();
    let t = Threads::build(&data.recommendations, State::PRK, options).unwrap();
    let linked: BTreeSet<(String, String)> = t
        .links()
        .iter()
        .map(|l| (l.from.to_string(), l.to.to_string()))
        .collect();
    let mut s = Scored {
        tp: 0,
        fp: Vec::new(),
        missed: Vec::new(),
    };
    let mut n = 0;
    for line in LABELS.lines().filter(|l| !l.starts_with('#')).skip(1) {
        let f: Vec<&str> = line.split('\t').collect();
        let (from, to, label) = (f[0], f[1], f[3]);
        assert!(label == "same" || label == "different", "{line}");
        n += 1;
        let predicted = linked.contains(&(from.to_owned(), to.to_owned()));
        let note = f.get(4).copied().unwrap_or_default();
        match (predicted, label == "same") {
            (true, true) => s.tp += 1,
            (true, false) => s.fp.push(format!("{from} {to} {note}")),
            (false, true) => s.missed.push(format!("{from} {to} {note}")),
            (false, false) => {}
        }
    }
    assert_eq!(n, 110);
    s
}

#[test]
fn links_are_precise_and_find_most_recurring_asks() {
    let s = score(&ThreadOptions::new());
    let p = s.tp as f64 / (s.tp + s.fp.len()) as f64;
    let r = s.tp as f64 / (s.tp + s.missed.len()) as f64;
    println!(
        "threads on the 110 labelled pairs: precision {}/{} = {p:.3}, recall {}/{} = {r:.3}",
        s.tp,
        s.tp + s.fp.len(),
        s.tp,
        s.tp + s.missed.len()
    );
    for x in &s.fp {
        println!("  false link: {x}");
    }
    for x in &s.missed {
        println!("  missed: {x}");
    }
    assert!(p >= 0.85, "precision {p:.3}");
    assert!(r >= 0.75, "recall {r:.3}");
}

#[test]
fn overlap_alone_is_the_weak_baseline() {
    // Without the instrument table, word overlap alone finds few of the labelled recurrences.
    let s = score(&ThreadOptions::new().asks(false));
    let r = s.tp as f64 / (s.tp + s.missed.len()) as f64;
    println!("overlap only: {} true links, recall {r:.3}", s.tp);
    assert!(r < 0.5);
}
