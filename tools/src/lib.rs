//! Developer tools of the `upr` crate (not published): the generator of the embedded DPRK
//! dataset, [`dataset`], and the programs in `tools/src/bin/`, each run from the repository root
//! with `cargo run -p upr-tools --release --bin NAME -- ARGS`:
//!
//! - `regenerate_dataset [--check] [SHARED]`: rewrites (or checks) `data/dprk/` from `../shared`;
//! - `evaluate FILE...`: the classifier against UPR Info's human labels;
//! - `wg_agreement DATA_DIR`: the Working Group report reader against two references;
//! - `tally FILE...`: UPR Info responses by State and action category, the job
//!   `benches/peers/run.sh` times against pandas and polars.
#![forbid(unsafe_code)]
#![deny(missing_docs)]

use std::path::PathBuf;

pub mod dataset;

/// The root of the `upr` repository: the folder holding `Cargo.toml`, `data/` and `tools/`.
pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// The shared folder (the one holding `seeds/` and `data/`) when none is named: `../shared`
/// beside the repository.
pub fn default_shared() -> PathBuf {
    repo_root().join("../shared")
}
