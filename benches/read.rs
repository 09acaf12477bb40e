//! Benchmarks of the readers and writers.
//!
//! Reading throughput on the real data: every UPR Info export file, all of them together, all
//! 176 Working Group reports, and writing what was read back out as `upr/1` CSV and JSON.
//!
//! `cargo bench --bench read`. Finds the data through `UPR_SHARED` (default `../shared` beside
//! the crate); without it, says so loudly and measures nothing.

use std::hint::black_box;
use std::path::PathBuf;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use upr::format::ReadOptions;
use upr::format::upr_info;

fn data() -> Option<PathBuf> {
    let dir = std::env::var_os("UPR_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared"))
        .join("data");
    if dir.join("upr-info").is_dir() {
        Some(dir)
    } else {
        eprintln!(
            "\n*** NOTHING BENCHED: {} has no upr-info/; set UPR_SHARED to the shared folder ***\n",
            dir.display()
        );
        None
    }
}

fn files(dir: &std::path::Path, ext: &str) -> Vec<(String, Vec<u8>)> {
    let mut out: Vec<(String, Vec<u8>)> = std::fs::read_dir(dir)
        .map(|rd| {
            rd.filter_map(|e| e.ok())
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|x| x == ext))
                .map(|p| {
                    let name = p
                        .file_name()
                        .map(|n| n.to_string_lossy().into_owned())
                        .unwrap_or_default();
                    let bytes = std::fs::read(&p).unwrap_or_default();
                    (name, bytes)
                })
                .collect()
        })
        .unwrap_or_default();
    out.sort();
    out
}

fn bench_upr_info(c: &mut Criterion) {
    let Some(data) = data() else { return };
    let files = files(&data.join("upr-info"), "csv");
    let options = ReadOptions::lenient();
    let mut g = c.benchmark_group("read/upr-info");
    for (name, bytes) in &files {
        g.throughput(Throughput::Bytes(bytes.len() as u64));
        g.bench_function(name.as_str(), |b| {
            b.iter(|| upr_info::read(black_box(&bytes[..]), &options).map(|p| p.records.len()))
        });
    }
    let total: usize = files.iter().map(|(_, b)| b.len()).sum();
    g.throughput(Throughput::Bytes(total as u64));
    g.bench_function("all", |b| {
        b.iter(|| {
            files
                .iter()
                .map(|(_, bytes)| {
                    upr_info::read(black_box(&bytes[..]), &options)
                        .map(|p| p.records.len())
                        .unwrap_or(0)
                })
                .sum::<usize>()
        })
    });
    g.finish();

    // Writing: everything read, merged into recommendations, as upr/1 CSV and JSON.
    let recs: Vec<upr::Recommendation> = files
        .iter()
        .filter_map(|(_, bytes)| upr_info::read(&bytes[..], &options).ok())
        .flat_map(|p| upr_info::merge_joint(&p.records))
        .map(|j| j.recommendation)
        .collect();
    let mut g = c.benchmark_group("write/upr-info");
    g.throughput(Throughput::Elements(recs.len() as u64));
    g.bench_function("csv", |b| {
        b.iter(|| {
            let mut out = Vec::with_capacity(8 << 20);
            upr::format::upr1::csv::write_recommendations(&mut out, black_box(&recs))
                .map(|()| out.len())
        })
    });
    g.bench_function("json", |b| {
        b.iter(|| {
            let mut out = Vec::with_capacity(8 << 20);
            upr::format::upr1::json::write_recommendations(&mut out, black_box(&recs))
                .map(|()| out.len())
        })
    });
    g.finish();
}

fn bench_wg_reports(c: &mut Criterion) {
    let Some(data) = data() else { return };
    let files = files(&data.join("wg-reports"), "txt");
    if files.is_empty() {
        eprintln!(
            "\n*** NOTHING BENCHED: no wg-reports/*.txt under {} ***\n",
            data.display()
        );
        return;
    }
    let options = ReadOptions::lenient();
    let total: usize = files.iter().map(|(_, b)| b.len()).sum();
    let mut g = c.benchmark_group("read/wg-reports");
    g.throughput(Throughput::Bytes(total as u64));
    g.bench_function("all", |b| {
        b.iter(|| {
            files
                .iter()
                .map(|(_, bytes)| {
                    upr::format::wg_report::read_report(black_box(&bytes[..]), &options)
                        .map(|r| r.recommendations.len())
                        .unwrap_or(0)
                })
                .sum::<usize>()
        })
    });
    g.finish();
}

criterion_group!(benches, bench_upr_info, bench_wg_reports);
criterion_main!(benches);
