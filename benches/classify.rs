//! Classification throughput: the 14,437 recommendations of UPR Info sessions 1-9, and a
//! corpus of one million recommendations built by repeating them.
//!
//! `cargo bench --bench classify`. Finds the data through `UPR_SHARED` (default `../shared`
//! beside the crate); without it, says so loudly and measures nothing.

use std::hint::black_box;
use std::path::PathBuf;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use upr::classify::{Classifier, Scratch};
use upr::format::{ReadOptions, upr_info};

fn texts() -> Option<Vec<String>> {
    let dir = std::env::var_os("UPR_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared"))
        .join("data/upr-info");
    let files = ["sessions-1-5.csv", "sessions-6-9.csv"];
    if !files.iter().all(|f| dir.join(f).is_file()) {
        eprintln!(
            "\n*** NOTHING BENCHED: {} has no sessions-1-5.csv / sessions-6-9.csv; set UPR_SHARED to the shared folder ***\n",
            dir.display()
        );
        return None;
    }
    let mut out = Vec::new();
    for f in files {
        match upr_info::read_path(dir.join(f), &ReadOptions::lenient()) {
            Ok(p) => out.extend(p.records.into_iter().map(|r| r.text)),
            Err(e) => {
                eprintln!("\n*** NOTHING BENCHED: {e} ***\n");
                return None;
            }
        }
    }
    Some(out)
}

fn bytes(texts: &[String]) -> u64 {
    texts.iter().map(|t| t.len() as u64).sum()
}

/// Labels every text; the count of labels keeps the work observable.
fn label_all<'t>(classifier: &Classifier, texts: impl IntoIterator<Item = &'t str>) -> usize {
    let mut scratch = Scratch::new();
    let mut n = 0usize;
    for t in texts {
        let l = classifier.label(t, &mut scratch);
        n += l.issues.len() + usize::from(l.action.is_some());
    }
    n
}

fn bench(c: &mut Criterion) {
    let Some(texts) = texts() else { return };
    let classifier = Classifier::builtin();
    let mut g = c.benchmark_group("classify/sessions-1-9");
    g.throughput(Throughput::Bytes(bytes(&texts)));
    g.bench_function(format!("label ({} recommendations)", texts.len()), |b| {
        b.iter(|| black_box(label_all(classifier, texts.iter().map(String::as_str))))
    });
    g.bench_function(
        format!("classify with evidence ({} recommendations)", texts.len()),
        |b| {
            b.iter(|| {
                let mut n = 0usize;
                for t in &texts {
                    n += classifier.classify(t).issues.len();
                }
                black_box(n)
            })
        },
    );
    let rules = Classifier::rules_only();
    g.bench_function(
        format!("label, rules only ({} recommendations)", texts.len()),
        |b| b.iter(|| black_box(label_all(rules, texts.iter().map(String::as_str)))),
    );
    g.finish();

    // One million recommendations: the corpus repeated (borrowed, not copied).
    const MILLION: usize = 1_000_000;
    let corpus: Vec<&str> = texts
        .iter()
        .map(String::as_str)
        .cycle()
        .take(MILLION)
        .collect();
    let total: u64 = corpus.iter().map(|t| t.len() as u64).sum();
    let mut g = c.benchmark_group("classify/1M");
    g.sample_size(10);
    g.throughput(Throughput::Bytes(total));
    g.bench_function("label (1,000,000 recommendations)", |b| {
        b.iter(|| black_box(label_all(classifier, corpus.iter().copied())))
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
