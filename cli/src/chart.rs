//! SVG charts of a set of recommendations: stacked bars of the five-way count, per cycle (counts)
//! and as shares by action category, issue family and recommending regional group.

use std::path::Path;

use plotters::coord::ranged1d::SegmentValue;
use plotters::prelude::*;
use upr::{Bucket, Classifier, Dimension, Query, Recommendation, Tally};

use crate::{Failure, Outcome};

/// One colour per bucket, in the order of the five-way convention (accepted green to rejected red).
fn colour(b: Bucket) -> RGBColor {
    match b {
        Bucket::Accepted | Bucket::Supported => RGBColor(46, 139, 87),
        Bucket::PartiallyAccepted | Bucket::SupportedNoted => RGBColor(154, 205, 50),
        Bucket::Noted => RGBColor(240, 190, 60),
        Bucket::Rejected => RGBColor(230, 110, 60),
        Bucket::ImmediatelyRejected => RGBColor(180, 30, 40),
        _ => RGBColor(160, 160, 160),
    }
}

/// The charts written, each from its tally: file name, title, tally, as shares or counts.
pub(crate) fn write_all(recs: &[Recommendation], dir: &Path, who: &str) -> Outcome {
    std::fs::create_dir_all(dir)
        .map_err(|e| Failure::Output(format!("cannot create {}: {e}", dir.display())))?;
    let who = if who.is_empty() {
        String::new()
    } else {
        format!("{who}: ")
    };
    // Human labels where every recommendation has them, the crate's classifier otherwise.
    let labelled = recs.iter().all(|r| r.labels().is_some());
    let by = |d: Dimension| {
        let q = Query::new().group_by(d);
        if labelled || !matches!(d, Dimension::ActionCategory | Dimension::IssueFamily) {
            q.tally(recs)
        } else {
            q.labeler(Classifier::builtin()).tally(recs)
        }
    };
    let labels = if labelled {
        "human labels"
    } else {
        "the upr classifier's labels"
    };
    let charts = [
        (
            "responses-by-cycle.svg",
            format!("{who}responses per cycle (five-way count)"),
            by(Dimension::Cycle),
            false,
        ),
        (
            "acceptance-by-action-category.svg",
            format!("{who}responses by action category ({labels})"),
            by(Dimension::ActionCategory),
            true,
        ),
        (
            "acceptance-by-issue-family.svg",
            format!("{who}responses by issue family ({labels})"),
            by(Dimension::IssueFamily),
            true,
        ),
        (
            "acceptance-by-regional-group.svg",
            format!("{who}responses by recommending regional group"),
            by(Dimension::RecommenderGroup),
            true,
        ),
    ];
    for (file, title, tally, share) in &charts {
        let path = dir.join(file);
        stacked(&path, title, tally, *share)
            .map_err(|e| Failure::Output(format!("cannot draw {}: {e}", path.display())))?;
        eprintln!("wrote {}", path.display());
    }
    Ok(())
}

/// A horizontal stacked bar per row of the tally, a segment per bucket (shares in percent when
/// `share`), the legend in a panel on the right.
fn stacked(
    path: &Path,
    title: &str,
    t: &Tally,
    share: bool,
) -> Result<(), Box<dyn std::error::Error>> {
    // The first row at the top: the y axis counts from the bottom.
    let rows: Vec<_> = t.rows.iter().rev().filter(|r| r.total > 0).collect();
    let n = rows.len().max(1);
    let labels: Vec<String> = rows
        .iter()
        .map(|r| {
            let k = r.key.join("/").replace('_', " ");
            if t.dimensions == [Dimension::Cycle] {
                format!("cycle {k} (n = {})", r.total)
            } else {
                format!("{k} (n = {})", r.total)
            }
        })
        .collect();
    let max = if share {
        100.0
    } else {
        rows.iter().map(|r| r.total).max().unwrap_or(1) as f64 * 1.05
    };
    let height = (44 * n as u32 + 140).max(260);
    let (width, legend_width) = (1000u32, 210u32);
    let root = SVGBackend::new(path, (width, height)).into_drawing_area();
    root.fill(&WHITE)?;
    let root = root.titled(title, ("sans-serif", 22))?;
    let (plot, legend) = root.split_horizontally(width - legend_width);
    let mut chart = ChartBuilder::on(&plot)
        .margin(12)
        .x_label_area_size(44)
        .y_label_area_size(250)
        .build_cartesian_2d(0f64..max, (0..n - 1).into_segmented())?;
    chart
        .configure_mesh()
        .disable_y_mesh()
        .light_line_style(WHITE)
        .x_desc(if share {
            "share of the recommendations (%)"
        } else {
            "recommendations"
        })
        .x_label_formatter(&|v| format!("{v:.0}"))
        .y_label_formatter(&|v| match v {
            SegmentValue::CenterOf(i) => labels.get(*i).cloned().unwrap_or_default(),
            _ => String::new(),
        })
        .y_labels(n)
        .label_style(("sans-serif", 14))
        .draw()?;
    let mut base = vec![0f64; rows.len()];
    let mut shown = Vec::new();
    for &b in &t.buckets {
        let c = colour(b);
        if rows.iter().all(|r| r.count(b) == 0) {
            continue;
        }
        shown.push((b, c));
        let bars: Vec<_> = rows
            .iter()
            .enumerate()
            .map(|(i, r)| {
                let count = r.count(b) as f64;
                let v = if share {
                    100.0 * count / r.total as f64
                } else {
                    count
                };
                let x0 = base[i];
                base[i] += v;
                let mut bar = Rectangle::new(
                    [
                        (x0, SegmentValue::Exact(i)),
                        (x0 + v, SegmentValue::Exact(i + 1)),
                    ],
                    c.filled(),
                );
                bar.set_margin(6, 6, 0, 0);
                bar
            })
            .collect();
        chart.draw_series(bars)?;
    }
    for (k, (b, c)) in shown.iter().enumerate() {
        let y = 40 + 26 * k as i32;
        legend.draw(&Rectangle::new([(10, y), (26, y + 16)], c.filled()))?;
        legend.draw(&Text::new(
            b.to_string().replace('_', " "),
            (34, y + 1),
            ("sans-serif", 15),
        ))?;
    }
    root.present()?;
    Ok(())
}
