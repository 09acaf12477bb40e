//! The DPRK's four Universal Periodic Reviews, from the crate's embedded dataset.
//!
//! ```text
//! cargo run --example dprk_report            # text
//! cargo run --example dprk_report -- --json  # the same as JSON
//! ```
//!
//! Every figure printed is either computed from the recommendation-level data (cycles 1-2) or a
//! published figure with its source (all cycles); where sources disagree, both are shown. The
//! checks are the library's: [`upr::dataset::PublishedFigure::recompute`] and
//! [`upr::classify::LabelAgreement`]; this program lays them out.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::Serialize;
use upr::dataset::{Disagreement, PublishedFigure, Quantity, Recomputed, Verdict};

use upr::classify::{Classifier, LabelAgreement};
use upr::implementation::{self, ImplementationLevel};
use upr::threads::{CycleOutcome, ThreadOptions, Threads};
use upr::{Bucket, Convention, Cycle, Dataset, Dimension, PartialCounts, Query, Ratio, Tally};

/// One line of the per-cycle table.
#[derive(Debug, Serialize)]
struct CycleLine {
    cycle: u8,
    basis: String,
    received: Option<u64>,
    accepted: Option<u64>,
    partially_accepted: Option<u64>,
    noted: Option<u64>,
    rejected: Option<u64>,
    rejected_at_working_group: Option<u64>,
    accepted_share: Option<Ratio>,
    not_accepted_share: Option<Ratio>,
    sources: Vec<String>,
    note: Option<String>,
}

/// One date of the cycle-1 timeline.
#[derive(Debug, Serialize)]
struct TimelinePoint {
    as_of: NaiveDate,
    event: String,
    convention: Convention,
    counts: BTreeMap<String, u64>,
    sources: Vec<String>,
}

/// How the seeds' "49%" is obtained.
#[derive(Debug, Serialize)]
struct ShareCheck {
    published: String,
    published_source: String,
    partial_as_accepted: Ratio,
    partial_as_not_accepted: Ratio,
    convention: String,
    matches: bool,
}

#[derive(Debug, Serialize)]
struct Report {
    data_version: &'static str,
    cycles: Vec<CycleLine>,
    cycle1_timeline: Vec<TimelinePoint>,
    fourth_cycle_share: Option<ShareCheck>,
    disagreements: Vec<Disagreement>,
    computed_vs_published: Vec<String>,
    cycle2_by_regional_group: Tally,
    /// Cycle 1 by UPR Info's action category (human labels), five-way count.
    cycle1_by_action_category: Tally,
    /// Cycle 1 by the crate classifier's action category.
    cycle1_by_classified_action: Tally,
    /// Cycle 1 by issue family (UPR Info's issues), five-way count.
    cycle1_by_issue_family: Tally,
    /// Cycle 2 by the classifier's action category (no human labels exist for it).
    cycle2_by_classified_action: Tally,
    /// Cycle 2 by the classifier's issue family.
    cycle2_by_classified_family: Tally,
    /// How the classifier agrees with UPR Info's labels on the 167 cycle-1 recommendations.
    cycle1_label_agreement: LabelAgreement,
    /// The asks made in more than one cycle (`upr::threads`), with each cycle's responses.
    recurring_asks: Vec<RecurringAsk>,
    /// What became of the recommendations: the implementation steps on record, with sources.
    implementation_steps: Vec<StepLine>,
    sources: Vec<upr::Source>,
}

/// One recurring ask: a thread of `upr::threads` made on an instrument, mechanism or practice.
#[derive(Debug, Serialize)]
struct RecurringAsk {
    ask: String,
    key: String,
    never_accepted: bool,
    cycles: BTreeMap<u8, CycleResponses>,
    /// States that made it in more than one cycle.
    kept_asking: Vec<String>,
}

/// A cycle of a recurring ask: how many recommendations made it, and the responses they got.
#[derive(Debug, Serialize)]
struct CycleResponses {
    recommendations: usize,
    outcome: CycleOutcome,
    responses: BTreeMap<String, usize>,
}

/// One implementation step on record.
#[derive(Debug, Serialize)]
struct StepLine {
    step: String,
    level: ImplementationLevel,
    recommendation: Option<String>,
    /// The recommendation's text and latest response, when it is in the dataset.
    answers: Option<String>,
    link: String,
    source: String,
}

fn recurring_asks(data: &Dataset) -> Result<Vec<RecurringAsk>, upr::Error> {
    let threads = Threads::build(
        &data.recommendations,
        upr::State::PRK,
        &ThreadOptions::new().partial_cycles(data.partial_cycles(upr::State::PRK)),
    )?;
    let never: Vec<&Option<upr::threads::Ask>> =
        threads.never_accepted().iter().map(|t| &t.key).collect();
    let mut out = Vec::new();
    for t in threads.threads().iter().filter(|t| t.key.is_some()) {
        let outcomes = threads.outcomes(t);
        let mut cycles: BTreeMap<u8, CycleResponses> = BTreeMap::new();
        for r in t.members.iter().filter_map(|&i| threads.recommendation(i)) {
            let c = r.cycle().number();
            let e = cycles.entry(c).or_insert_with(|| CycleResponses {
                recommendations: 0,
                outcome: outcomes.get(&c).copied().unwrap_or(CycleOutcome::Pending),
                responses: BTreeMap::new(),
            });
            e.recommendations += 1;
            let status = r
                .responses()
                .latest()
                .map_or("no response".to_owned(), |e| e.status.label().to_owned());
            *e.responses.entry(status).or_default() += 1;
        }
        out.push(RecurringAsk {
            ask: t.ask.clone(),
            key: t.key.as_ref().map(ToString::to_string).unwrap_or_default(),
            never_accepted: never.contains(&&t.key),
            cycles,
            kept_asking: threads
                .askers(t)
                .into_iter()
                .filter(|(_, c)| c.len() > 1)
                .map(|(s, _)| s.alpha3().to_owned())
                .collect(),
        });
    }
    Ok(out)
}

fn implementation_steps(data: &Dataset) -> Vec<StepLine> {
    let mut recs = data.recommendations.clone();
    let assessments = implementation::dprk();
    implementation::attach(&mut recs, assessments);
    assessments
        .iter()
        .map(|a| {
            let answers = a.recommendation.and_then(|k| {
                recs.iter()
                    .find(|r| upr::threads::RecKey::of(r) == Some(k))
                    .map(|r| {
                        let status = r
                            .responses()
                            .latest()
                            .map_or("no response", |e| e.status.label());
                        format!("{:?} ({status})", r.text())
                    })
            });
            StepLine {
                step: a.step.clone(),
                level: a.level,
                recommendation: a.recommendation.map(|k| k.to_string()),
                answers,
                link: a.link.clone(),
                source: data
                    .source(&a.source)
                    .map_or_else(|| a.source.to_string(), ToString::to_string),
            }
        })
        .collect()
}

fn count_of(t: &Tally, b: Bucket) -> u64 {
    t.total().count(b)
}

fn computed_line(data: &Dataset, cycle: Cycle) -> CycleLine {
    let t = Query::new().cycle(cycle).tally(&data.recommendations);
    let mut sources: Vec<String> = Vec::new();
    for r in data.recommendations.iter().filter(|r| r.cycle() == cycle) {
        for e in r.responses().events() {
            if !sources.contains(&e.source.0) {
                sources.push(e.source.0.clone());
            }
        }
    }
    let note = (cycle == Cycle::SECOND).then(|| {
        "paragraphs of A/HRC/27/10; final positions from UPR Info, which folds partially accepted and rejected into noted".to_owned()
    });
    // A partial list counts what it holds, never the cycle's total: no shares.
    let partial = data
        .partial_lists
        .iter()
        .find(|p| p.state == upr::State::PRK && p.cycle == cycle);
    let note = partial
        .map(|p| {
            format!(
                "a partial list, not the cycle's total ({}): {}",
                p.source, p.note
            )
        })
        .or(note);
    let share = |r: upr::Ratio| partial.is_none().then_some(r);
    CycleLine {
        cycle: cycle.number(),
        basis: if partial.is_some() {
            "a partial list of the recommendations".into()
        } else {
            "computed from recommendation-level data".into()
        },
        received: Some(t.total().total),
        accepted: Some(count_of(&t, Bucket::Accepted)),
        partially_accepted: Some(count_of(&t, Bucket::PartiallyAccepted)),
        noted: Some(count_of(&t, Bucket::Noted)),
        rejected: Some(count_of(&t, Bucket::Rejected)),
        rejected_at_working_group: Some(count_of(&t, Bucket::ImmediatelyRejected)),
        accepted_share: share(t.total().accepted),
        not_accepted_share: share(t.total().not_accepted),
        sources,
        note,
    }
}

fn published_lines(data: &Dataset, cycle: Cycle) -> Vec<CycleLine> {
    // One line per source that publishes a breakdown (received or accepted) for the cycle.
    let mut by_source: BTreeMap<String, Vec<&PublishedFigure>> = BTreeMap::new();
    for f in data
        .figures
        .iter()
        .filter(|f| f.cycle == cycle && f.through.is_none() && f.topic.is_none())
    {
        by_source.entry(f.source.0.clone()).or_default().push(f);
    }
    let mut out = Vec::new();
    for (source, figs) in by_source {
        let get = |q: Quantity| {
            figs.iter()
                .filter(|f| f.quantity == q)
                .max_by_key(|f| f.as_of)
                .and_then(|f| f.value.count())
                .map(u64::from)
        };
        let received = get(Quantity::Received);
        let accepted = get(Quantity::Accepted);
        if received.is_none() && accepted.is_none() {
            continue;
        }
        let partial = get(Quantity::PartiallyAccepted);
        let share = match (received, accepted) {
            (Some(n), Some(a)) => Some(Ratio::new(a + partial.unwrap_or(0), n)),
            _ => None,
        };
        let notes: Vec<String> = figs.iter().filter_map(|f| f.note.clone()).collect();
        out.push(CycleLine {
            cycle: cycle.number(),
            basis: "published".into(),
            received,
            accepted,
            partially_accepted: partial,
            noted: get(Quantity::Noted),
            rejected: get(Quantity::Rejected),
            rejected_at_working_group: get(Quantity::RejectedAtWorkingGroup),
            accepted_share: share,
            not_accepted_share: share.map(Ratio::complement),
            sources: vec![source],
            note: (!notes.is_empty()).then(|| notes.join("; ")),
        });
    }
    out
}

fn timeline(data: &Dataset) -> Vec<TimelinePoint> {
    let points = [
        (
            NaiveDate::from_ymd_opt(2009, 12, 9),
            "Working Group report adopted (A/HRC/13/13)",
            Convention::FiveWay,
        ),
        (
            NaiveDate::from_ymd_opt(2010, 3, 18),
            "plenary adoption at HRC 13: no acceptance identified",
            Convention::FiveWay,
        ),
        (
            NaiveDate::from_ymd_opt(2010, 3, 18),
            "the same, as UPR Info counted it",
            Convention::UprInfo,
        ),
        (
            NaiveDate::from_ymd_opt(2014, 4, 30),
            "the DPRK's position paper (April 2014)",
            Convention::FiveWay,
        ),
        (
            NaiveDate::from_ymd_opt(2014, 4, 30),
            "the same, as UPR Info's 2014 summary counts it",
            Convention::UprInfoSummary2014,
        ),
    ];
    points
        .into_iter()
        .filter_map(|(d, event, convention)| {
            let d = d?;
            let t = Query::new()
                .cycle(Cycle::FIRST)
                .as_of(d)
                .convention(convention)
                .tally(&data.recommendations);
            let counts = t
                .buckets
                .iter()
                .map(|b| (b.key().to_owned(), count_of(&t, *b)))
                .filter(|(_, n)| *n > 0 || convention != Convention::FiveWay)
                .collect();
            let mut sources: Vec<String> = Vec::new();
            for r in data
                .recommendations
                .iter()
                .filter(|r| r.cycle() == Cycle::FIRST)
            {
                if let Some(e) = r.responses().as_of(d) {
                    if !sources.contains(&e.source.0) {
                        sources.push(e.source.0.clone());
                    }
                }
            }
            Some(TimelinePoint {
                as_of: d,
                event: event.into(),
                convention,
                counts,
                sources,
            })
        })
        .collect()
}

/// The cycle-4 "failure to accept" share, recomputed from the published counts.
fn fourth_cycle_share(data: &Dataset) -> Option<ShareCheck> {
    data.figures
        .iter()
        .filter(|f| f.cycle == Cycle::FOURTH && f.quantity == Quantity::NotAcceptedShare)
        .find_map(|f| match f.recompute(data) {
            Recomputed::Share(s) => Some(ShareCheck {
                published: f.value.to_string(),
                published_source: f.source.0.clone(),
                partial_as_accepted: s.partial_as_accepted,
                partial_as_not_accepted: s.partial_as_not_accepted,
                convention: format!(
                    "{} with partially accepted counted as accepted (not accepted = noted), rounded half up to a whole percent",
                    Convention::FiveWay
                ),
                matches: s.matches,
            }),
            _ => None,
        })
}

/// Row-level counts of a review whose final positions are UPR Info's, as UPR Info (and the
/// seeds) count: one row per part.
fn row_line(data: &Dataset, cycle: Cycle) -> Option<CycleLine> {
    let rows = data.upr_info_row_counts(cycle)?;
    Some(CycleLine {
        cycle: cycle.number(),
        basis: "computed from the UPR Info rows matched to the paragraphs".into(),
        received: Some(rows.rows),
        accepted: Some(rows.accepted),
        partially_accepted: None,
        noted: Some(rows.noted),
        rejected: None,
        rejected_at_working_group: Some(rows.rejected_at_working_group),
        accepted_share: Some(Ratio::new(rows.accepted, rows.rows)),
        not_accepted_share: Some(Ratio::new(rows.accepted, rows.rows).complement()),
        sources: vec!["upr-info-db".into(), "A/HRC/27/10".into()],
        note: Some(
            "one row per part: paragraph 124.7 is two rows (its CRPD part accepted); noted folds partially accepted, noted and rejected"
                .into(),
        ),
    })
}

/// Every published count the recommendations can check, with the verdict.
fn computed_vs_published(data: &Dataset) -> Vec<String> {
    let mut out = Vec::new();
    for cycle in Cycle::KNOWN {
        for f in data.figures.iter().filter(|f| f.cycle == cycle) {
            let Recomputed::Count(c) = f.recompute(data) else {
                continue;
            };
            let (v, computed) = (c.published, c.computed);
            let verdict = match c.verdict {
                Verdict::Agrees => "agrees".to_owned(),
                Verdict::AgreesWithRows => {
                    format!("agrees with the UPR Info row count {v} (paragraphs: {computed})")
                }
                Verdict::Folded => format!(
                    "not checkable: UPR Info folds these into noted (computed {computed} at paragraph level)"
                ),
                Verdict::Differs => format!("DIFFERS (computed {computed})"),
            };
            out.push(format!(
                "cycle {cycle} {} as of {} [{}]: published {v} ({}, {}): {verdict}",
                f.quantity, f.as_of, c.convention, f.id, f.source
            ));
        }
    }
    out
}

pub(crate) fn main() -> Result<(), Box<dyn std::error::Error>> {
    let json = std::env::args().skip(1).any(|a| a == "--json");
    let data = Dataset::dprk();
    let classifier = Classifier::builtin();
    let by = |cycle: Cycle, dim: Dimension, labeler: Option<&dyn upr::Labeler>| {
        let q = Query::new().cycle(cycle).group_by(dim);
        match labeler {
            Some(l) => q.labeler(l),
            None => q,
        }
        .tally(&data.recommendations)
    };

    let mut cycles = Vec::new();
    for cycle in Cycle::KNOWN {
        if data.recommendations.iter().any(|r| r.cycle() == cycle) {
            cycles.push(computed_line(data, cycle));
        }
        cycles.extend(row_line(data, cycle));
        cycles.extend(published_lines(data, cycle));
    }
    let computed_vs_published = computed_vs_published(data);
    let report = Report {
        data_version: upr::dataset::DATA_VERSION,
        cycles,
        cycle1_timeline: timeline(data),
        fourth_cycle_share: fourth_cycle_share(data),
        disagreements: data.disagreements(),
        computed_vs_published,
        cycle2_by_regional_group: Query::new()
            .cycle(Cycle::SECOND)
            .convention(Convention::UprInfo)
            .partial(PartialCounts::AsAccepted)
            .group_by(Dimension::RecommenderGroup)
            .tally(&data.recommendations),
        cycle1_by_action_category: by(Cycle::FIRST, Dimension::ActionCategory, None),
        cycle1_by_classified_action: by(
            Cycle::FIRST,
            Dimension::ActionCategory,
            Some(classifier as &dyn upr::Labeler),
        ),
        cycle1_by_issue_family: by(Cycle::FIRST, Dimension::IssueFamily, None),
        cycle2_by_classified_action: by(
            Cycle::SECOND,
            Dimension::ActionCategory,
            Some(classifier as &dyn upr::Labeler),
        ),
        cycle2_by_classified_family: by(
            Cycle::SECOND,
            Dimension::IssueFamily,
            Some(classifier as &dyn upr::Labeler),
        ),
        cycle1_label_agreement: LabelAgreement::measure(
            classifier,
            data.recommendations
                .iter()
                .filter(|r| r.cycle() == Cycle::FIRST),
        ),
        recurring_asks: recurring_asks(data)?,
        implementation_steps: implementation_steps(data),
        sources: data.sources.clone(),
    };
    let mut out = String::new();
    if json {
        out = serde_json::to_string_pretty(&report)? + "\n";
    } else {
        print_text(&mut out, &report);
    }
    // A reader that stops early (`| head`) is not an error.
    match std::io::Write::write_all(&mut std::io::stdout().lock(), out.as_bytes()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(e.into()),
        _ => Ok(()),
    }
}

/// `println!` into the report's text (writing to a `String` cannot fail).
macro_rules! say {
    ($out:expr, $($arg:tt)*) => {{
        use std::fmt::Write as _;
        let _ = writeln!($out, $($arg)*);
    }};
}

fn print_theme_table(out: &mut String, t: &Tally) {
    say!(
        out,
        "  {:<26} {:>6} {:>9} {:>8} {:>6} {:>9} {:>6} {:>9}",
        "group",
        "total",
        "accepted",
        "partial",
        "noted",
        "rejected",
        "at WG",
        "accepted"
    );
    for row in &t.rows {
        say!(
            out,
            "  {:<26} {:>6} {:>9} {:>8} {:>6} {:>9} {:>6} {:>9}",
            row.key.join("/"),
            row.total,
            row.count(Bucket::Accepted),
            row.count(Bucket::PartiallyAccepted),
            row.count(Bucket::Noted),
            row.count(Bucket::Rejected),
            row.count(Bucket::ImmediatelyRejected),
            pct(Some(row.accepted))
        );
    }
}

fn opt(n: Option<u64>) -> String {
    n.map_or_else(|| "-".to_owned(), |n| n.to_string())
}

fn pct(r: Option<Ratio>) -> String {
    r.and_then(|r| r.percent(1))
        .map_or_else(|| "-".to_owned(), |p| format!("{p}%"))
}

fn print_text(out: &mut String, r: &Report) {
    say!(
        out,
        "The DPRK's Universal Periodic Reviews (upr dataset {})\n",
        r.data_version
    );
    say!(
        out,
        "Per cycle (five-way count; shares count partially accepted as accepted; 1 decimal, half up)"
    );
    say!(
        out,
        "{:<5} {:<9} {:>8} {:>8} {:>7} {:>6} {:>8} {:>6} {:>9} {:>9}  source",
        "cycle",
        "basis",
        "received",
        "accepted",
        "partial",
        "noted",
        "rejected",
        "at WG",
        "accepted",
        "not acc."
    );
    for c in &r.cycles {
        say!(
            out,
            "{:<5} {:<9} {:>8} {:>8} {:>7} {:>6} {:>8} {:>6} {:>9} {:>9}  {}",
            c.cycle,
            if c.basis == "published" {
                "published"
            } else {
                if c.basis.starts_with("a partial") {
                    "partial"
                } else {
                    "computed"
                }
            },
            opt(c.received),
            opt(c.accepted),
            opt(c.partially_accepted),
            opt(c.noted),
            opt(c.rejected),
            opt(c.rejected_at_working_group),
            pct(c.accepted_share),
            pct(c.not_accepted_share),
            c.sources.join(", ")
        );
        if let Some(n) = &c.note {
            say!(out, "{:<15} note: {n}", "");
        }
    }

    say!(
        out,
        "\nCycle 1 timeline: the same 167 recommendations as of each date"
    );
    for p in &r.cycle1_timeline {
        let counts: Vec<String> = p.counts.iter().map(|(k, v)| format!("{k} {v}")).collect();
        say!(
            out,
            "  {}  {} [{}]: {}  (sources: {})",
            p.as_of,
            p.event,
            p.convention,
            counts.join(", "),
            p.sources.join(", ")
        );
    }

    if let Some(s) = &r.fourth_cycle_share {
        say!(
            out,
            "\nCycle 4: \"failure to accept {}\" ({})",
            s.published,
            s.published_source
        );
        say!(
            out,
            "  partially accepted counted as accepted:     not accepted {:.2}  -> {}%",
            s.partial_as_accepted,
            s.partial_as_accepted.percent(0).unwrap_or_default()
        );
        say!(
            out,
            "  partially accepted counted as not accepted: not accepted {:.2}",
            s.partial_as_not_accepted
        );
        say!(
            out,
            "  the published figure is reproduced by: {} ({})",
            s.convention,
            if s.matches {
                "matches"
            } else {
                "DOES NOT MATCH"
            }
        );
    }

    say!(out, "\nWhere sources disagree");
    for d in &r.disagreements {
        let sides: Vec<String> = d
            .values
            .iter()
            .map(|v| {
                let dates: Vec<String> = v.as_of.iter().map(ToString::to_string).collect();
                format!(
                    "{} ({}; as of {})",
                    v.value,
                    v.sources
                        .iter()
                        .map(|s| s.0.as_str())
                        .collect::<Vec<_>>()
                        .join(", "),
                    dates.join(", ")
                )
            })
            .collect();
        let topic = d
            .topic
            .as_ref()
            .map(|t| format!(" [{t}]"))
            .unwrap_or_default();
        let cycles = match d.through {
            Some(last) => format!("cycles {}-{last}", d.cycle),
            None => format!("cycle {}", d.cycle),
        };
        say!(
            out,
            "  {} {}{}: {}",
            cycles,
            d.quantity,
            topic,
            sides.join("  vs  ")
        );
    }
    say!(
        out,
        "\nComputed from the recommendations against published figures"
    );
    for line in &r.computed_vs_published {
        say!(out, "  {line}");
    }

    let t = &r.cycle2_by_regional_group;
    say!(
        out,
        "\nCycle 2 by recommending regional group (UPR Info convention; a joint recommendation counts for each group)"
    );
    say!(
        out,
        "  {:<8} {:>6} {:>9} {:>6} {:>9}",
        "group",
        "total",
        "accepted",
        "noted",
        "accepted"
    );
    for row in &t.rows {
        say!(
            out,
            "  {:<8} {:>6} {:>9} {:>6} {:>9}",
            row.key.join("/"),
            row.total,
            row.count(Bucket::Accepted),
            row.count(Bucket::Noted),
            pct(Some(row.accepted))
        );
    }
    say!(
        out,
        "  {:<8} {:>6} {:>9} {:>6} {:>9}",
        "all",
        t.total().total,
        t.total().count(Bucket::Accepted),
        t.total().count(Bucket::Noted),
        pct(Some(t.total().accepted))
    );

    say!(
        out,
        "\nAction categories (1 minimal, 2 continuing, 3 considering, 4 general, 5 specific) and themes"
    );
    say!(
        out,
        "Cycle 1 by action category, UPR Info's human labels (five-way count as of 2014):"
    );
    print_theme_table(out, &r.cycle1_by_action_category);
    say!(out, "Cycle 1 by action category, the crate's classifier:");
    print_theme_table(out, &r.cycle1_by_classified_action);
    let a = &r.cycle1_label_agreement;
    say!(
        out,
        "  classifier vs UPR Info on these {}: same action category {}; issues micro precision {}, recall {}",
        a.recommendations,
        a.action_category_same,
        a.issues_micro_precision,
        a.issues_micro_recall
    );
    say!(
        out,
        "Cycle 2 by action category, the crate's classifier (final positions from UPR Info; noted folds partial and rejected):"
    );
    print_theme_table(out, &r.cycle2_by_classified_action);
    say!(
        out,
        "Cycle 1 by issue family, UPR Info's issues (a recommendation counts for each family it touches):"
    );
    print_theme_table(out, &r.cycle1_by_issue_family);
    say!(out, "Cycle 2 by issue family, the crate's classifier:");
    print_theme_table(out, &r.cycle2_by_classified_family);
    say!(
        out,
        "  seed 003: the DPRK \"consistently accepted weak recommendations, rejected more specific policy changes\""
    );
    for (label, t) in [
        ("cycle 1, UPR Info labels", &r.cycle1_by_action_category),
        ("cycle 1, classifier", &r.cycle1_by_classified_action),
        ("cycle 2, classifier", &r.cycle2_by_classified_action),
    ] {
        let share = |k: &str| t.row(&[k]).map(|row| row.accepted);
        let weak = [share("1"), share("2"), share("3")]
            .into_iter()
            .flatten()
            .fold(Ratio::new(0, 0), |a, b| {
                Ratio::new(a.numerator + b.numerator, a.denominator + b.denominator)
            });
        let specific = share("5").unwrap_or(Ratio::new(0, 0));
        say!(
            out,
            "    {label:<26} accepted (incl. partially): categories 1-3 {weak:.1}; category 5 {specific:.1}"
        );
    }

    say!(
        out,
        "\nRecurring asks: the same ask in both reviews (upr::threads; every thread with why: cargo run --example threads)"
    );
    for a in &r.recurring_asks {
        let cycles: Vec<String> = a
            .cycles
            .iter()
            .map(|(c, x)| {
                let resp: Vec<String> = x
                    .responses
                    .iter()
                    .map(|(k, n)| format!("{n} {k}"))
                    .collect();
                format!("cycle {c}: {} ({})", x.recommendations, resp.join(", "))
            })
            .collect();
        let never = if a.never_accepted {
            ", never accepted in full"
        } else {
            ""
        };
        say!(out, "  {}{never}", a.ask);
        say!(out, "      {}", cycles.join("; "));
        if !a.kept_asking.is_empty() {
            say!(
                out,
                "      asked in both cycles by {}",
                a.kept_asking.join(", ")
            );
        }
    }

    say!(
        out,
        "\nImplementation steps on record (upr::implementation, data/dprk/assessments.tsv)"
    );
    for s in &r.implementation_steps {
        let rec = s.recommendation.as_deref().unwrap_or("unlinked");
        say!(out, "  {} [{}] -> {rec}", s.step, s.level);
        match &s.answers {
            Some(a) => say!(out, "      answers {a}"),
            None if s.recommendation.is_some() => {
                say!(out, "      (that recommendation is not in the dataset yet)")
            }
            None => {}
        }
        say!(out, "      why: {}", s.link);
        say!(out, "      source: {}", s.source);
    }

    say!(out, "\nSources");
    for s in &r.sources {
        say!(out, "  {:<22} {s}", s.id.0);
    }
}
