//! Regenerates the embedded DPRK dataset (`data/dprk/recommendations.jsonl` and
//! `data/dprk/upr-info-joins.tsv`) from the seed documents and the real UPR data in `../shared`,
//! with the crate's own readers ([`upr_tools::dataset`]).
//!
//! ```text
//! cargo run -p upr-tools --bin regenerate_dataset                  # write data/dprk/ from ../shared
//! cargo run -p upr-tools --bin regenerate_dataset -- --check       # fail if data/dprk/ differs
//! cargo run -p upr-tools --bin regenerate_dataset -- /path/to/shared
//! ```

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let mut check = false;
    let mut shared = upr_tools::default_shared();
    for a in std::env::args().skip(1) {
        if a == "--check" {
            check = true;
        } else {
            shared = PathBuf::from(a);
        }
    }
    let build = match upr_tools::dataset::build(&shared) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("regenerate_dataset: {e}");
            return ExitCode::FAILURE;
        }
    };
    for p in &build.problems {
        eprintln!("problem: {p}");
    }
    let jsonl = match build.recommendations_jsonl() {
        Ok(s) => s,
        Err(e) => {
            eprintln!("regenerate_dataset: {e}");
            return ExitCode::FAILURE;
        }
    };
    let dir = upr_tools::repo_root().join("data/dprk");
    let files = [
        ("recommendations.jsonl", jsonl),
        ("upr-info-joins.tsv", build.joins_tsv()),
    ];
    let mut differ = false;
    for (name, content) in &files {
        let path = dir.join(name);
        if check {
            let old = std::fs::read_to_string(&path).unwrap_or_default();
            if &old != content {
                eprintln!(
                    "{} differs from what the builder makes from {}",
                    path.display(),
                    shared.display()
                );
                differ = true;
            }
        } else if let Err(e) = std::fs::write(&path, content) {
            eprintln!("cannot write {}: {e}", path.display());
            return ExitCode::FAILURE;
        }
    }
    println!(
        "{} recommendations, {} joins to UPR Info rows, {} problems{}",
        build.recommendations.len(),
        build.joins.len(),
        build.problems.len(),
        if check {
            if differ {
                ": data/dprk differs"
            } else {
                ": data/dprk is up to date"
            }
        } else {
            ": written"
        }
    );
    if differ || !build.problems.is_empty() {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}
