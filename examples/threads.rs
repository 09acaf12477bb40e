//! Recurring recommendations: every thread of one State's reviews, with the response each
//! recommendation got and why each link was made.
//!
//! ```text
//! cargo run --example threads -- --state PRK [--json]          # the embedded DPRK dataset
//! cargo run --example threads -- --state SVN --documents ../shared/data/slovenia [--json]
//!     [--overrides FILE] [--min-overlap 0.5]
//! ```
//!
//! With `--documents DIR`, every `DIR/cycleN/` holding a Working Group report `X.txt` and its
//! addendum `X-Add.1.txt` is read with the crate's readers (`Dataset::from_documents`).

use std::path::{Path, PathBuf};

use upr::dataset::ReviewDocuments;
use upr::format::{ReadOptions, addendum, wg_report};
use upr::threads::{CycleOutcome, Overrides, ThreadOptions, Threads};
use upr::{Dataset, Recommendation, State};

fn from_documents(dir: &Path) -> Result<Vec<Recommendation>, Box<dyn std::error::Error>> {
    let o = ReadOptions::lenient();
    let mut recs = Vec::new();
    let mut cycles: Vec<PathBuf> = std::fs::read_dir(dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_dir())
        .collect();
    cycles.sort();
    for c in cycles {
        let mut files: Vec<PathBuf> = std::fs::read_dir(&c)?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .collect();
        files.sort();
        let report = files.iter().find(|p| {
            let n = p.file_name().and_then(|n| n.to_str()).unwrap_or_default();
            n.starts_with("A-HRC-")
                && !n.contains("DEC")
                && !n.contains("Add")
                && n.ends_with(".txt")
        });
        let Some(report) = report else { continue };
        let add = report.with_file_name(format!(
            "{}-Add.1.txt",
            report
                .file_stem()
                .and_then(|s| s.to_str())
                .unwrap_or_default()
        ));
        let mut docs = ReviewDocuments::new().with_report(wg_report::read_report_path(report, &o)?);
        if add.exists() {
            docs = docs.with_addendum(addendum::read_path(&add, &o)?);
        }
        recs.extend(Dataset::from_documents(docs)?.dataset.recommendations);
    }
    Ok(recs)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let value = |flag: &str| {
        args.iter()
            .position(|a| a == flag)
            .and_then(|i| args.get(i + 1))
            .cloned()
    };
    let json = args.iter().any(|a| a == "--json");
    let state = State::resolve(&value("--state").unwrap_or_else(|| "PRK".into()))?;
    let mut options =
        ThreadOptions::new().partial_cycles(upr::Dataset::dprk().partial_cycles(state));
    if let Some(m) = value("--min-overlap") {
        options = options.min_overlap(m.parse()?);
    }
    if let Some(f) = value("--overrides") {
        options = options.overrides(Overrides::parse(&std::fs::read_to_string(f)?)?);
    }
    let recs = match value("--documents") {
        Some(dir) => from_documents(Path::new(&dir))?,
        None => Dataset::dprk().recommendations.clone(),
    };
    let threads = Threads::build(&recs, state, &options)?;
    if json {
        let views: Vec<_> = threads.threads().iter().map(|t| threads.view(t)).collect();
        println!("{}", serde_json::to_string_pretty(&views)?);
        return Ok(());
    }
    println!(
        "{}: {} recommendations, {} cross-cycle links, {} threads",
        state.name(),
        recs.iter()
            .filter(|r| r.state_under_review() == state)
            .count(),
        threads.links().len(),
        threads.threads().len()
    );
    for t in threads.threads() {
        let v = threads.view(t);
        let outcomes: Vec<String> = v
            .outcomes
            .iter()
            .map(|(c, o)| {
                let o = match o {
                    CycleOutcome::Accepted => "accepted",
                    CycleOutcome::NotAccepted => "not accepted",
                    CycleOutcome::PartiallyAccepted => "partially accepted",
                    CycleOutcome::Pending => "pending",
                };
                format!("cycle {c} {o}")
            })
            .collect();
        println!("\n== {} [{}]", v.ask, outcomes.join(", "));
        for (m, r) in v.recommendations.iter().zip(&v.responses) {
            let who: Vec<&str> = m.recommending.iter().map(|s| s.alpha3()).collect();
            let key = m.key.map(|k| k.to_string()).unwrap_or_default();
            let resp = r.map_or("-".to_owned(), |s| s.to_string());
            let text: String = m.text.chars().take(110).collect();
            println!("  {key:<10} {:<22} {:<12} {text}", resp, who.join(","));
        }
        let keep: Vec<String> = v
            .askers
            .iter()
            .filter(|(_, c)| c.len() > 1)
            .map(|(s, _)| s.alpha3().to_owned())
            .collect();
        if !keep.is_empty() {
            println!("  asked in several cycles by: {}", keep.join(", "));
        }
        for l in v.why.iter().take(3) {
            let m = if l.manual { " (manual)" } else { "" };
            println!("  why {} - {}{m}: {}", l.from, l.to, l.why);
        }
        if v.why.len() > 3 {
            println!("  ... and {} more links", v.why.len() - 3);
        }
    }
    println!("\nAsked in every cycle, never accepted:");
    for t in threads.never_accepted() {
        println!("  {}", t.ask);
    }
    println!("\nAccepted in one cycle, not in a later one (or the reverse):");
    for r in threads.reversals() {
        if let Some(t) = threads.threads().get(r.thread) {
            println!(
                "  {}: cycle {} {:?} -> cycle {} {:?}",
                t.ask, r.from, r.from_outcome, r.to, r.to_outcome
            );
        }
    }
    Ok(())
}
