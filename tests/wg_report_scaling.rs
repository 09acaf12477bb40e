//! The Working Group report reader takes time linear in its input: the inputs of the issue
//! "time that grows with the square of the input" read at size n and 4n, and the time of the
//! larger at most about four times that of the smaller (a ratio, not an absolute time: each size
//! is timed best of five, and the bound, 8, leaves room for a machine loaded by the other tests
//! running beside these; quadratic passes give about 16).

use std::time::{Duration, Instant};

use upr::format::{ReadOptions, wg_report};

const HEADING: &str = "II. Conclusions and/or recommendations\n\
    90. The following recommendations enjoy the support of X:";

/// The best of five times of `f`.
fn best(f: &dyn Fn()) -> Duration {
    (0..5)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed()
        })
        .min()
        .unwrap_or_default()
}

/// The bound on the time at 4n over the time at n: linear gives 4, quadratic 16.
const BOUND: f64 = 8.0;

/// The time at size 4n over the time at size n.
fn ratio(input: &dyn Fn(usize) -> String, n: usize, read: &dyn Fn(&str)) -> f64 {
    let (small, large) = (input(n), input(4 * n));
    // Warm up (allocator, the State name tables).
    read(&small);
    let a = best(&|| read(&small));
    let b = best(&|| read(&large));
    b.as_secs_f64() / a.as_secs_f64().max(1e-9)
}

fn lenient(text: &str) -> usize {
    wg_report::read(text.as_bytes(), &ReadOptions::lenient())
        .map(|p| p.records.len())
        .unwrap_or(0)
}

/// `90.1 Ratify ` + `(Chile) ` × n + `x (Canada);`: one recommendation with n brackets.
fn brackets(n: usize) -> String {
    format!(
        "{HEADING}\n90.1 Ratify {}x (Canada);\n",
        "(Chile) ".repeat(n)
    )
}

/// n run-on items of about 4 KB each on one line.
fn run_on(n: usize) -> String {
    let filler = "word ".repeat(800);
    let mut s = format!("{HEADING} ");
    for i in 1..=n {
        s.push_str(&format!("{i}. Ratify treaty {i} {filler}(Canada); "));
    }
    s.push_str("\n91. All conclusions and/or recommendations ...\n");
    s
}

#[test]
fn thousands_of_brackets_in_one_recommendation() {
    assert_eq!(lenient(&brackets(10)), 1);
    let r = ratio(&brackets, 2000, &|t| {
        assert_eq!(lenient(t), 1);
    });
    eprintln!("brackets: 4n/n = {r:.2}");
    assert!(r < BOUND, "quadrupling the brackets took {r:.2}x the time");
    let r = ratio(&brackets, 2000, &|t| {
        let s = wg_report::split_recommendation(t.lines().nth(2).unwrap_or(""));
        assert!(s.is_some());
    });
    assert!(
        r < BOUND,
        "split_recommendation: quadrupling took {r:.2}x the time"
    );
}

#[test]
fn hundreds_of_long_run_on_items_on_one_line() {
    assert_eq!(lenient(&run_on(3)), 3);
    let r = ratio(&run_on, 30, &|t| {
        assert!(lenient(t) >= 30);
    });
    eprintln!("run-on items: 4n/n = {r:.2}");
    assert!(
        r < BOUND,
        "quadrupling the run-on items took {r:.2}x the time"
    );
}
