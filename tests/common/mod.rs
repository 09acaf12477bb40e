//! The one place tests find `../shared` (the seeds and the real UPR data).
//!
//! `UPR_SHARED` names the folder; the default is `../shared` beside the crate. Under CI (`CI` set)
//! or with `UPR_REQUIRE_SHARED=1` a missing folder fails the test; otherwise the test says so
//! loudly on stderr (not captured by the test harness) and returns early.
#![allow(dead_code)]

use std::io::Write;
use std::path::PathBuf;

/// The shared folder, or `None` (after a loud warning) when it is missing outside CI.
pub(crate) fn shared() -> Option<PathBuf> {
    let dir = std::env::var_os("UPR_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared"));
    if dir.join("data").is_dir() && dir.join("seeds").is_dir() {
        return Some(dir);
    }
    let required =
        std::env::var_os("CI").is_some() || std::env::var_os("UPR_REQUIRE_SHARED").is_some();
    assert!(
        !required,
        "the shared corpus is required (CI or UPR_REQUIRE_SHARED set) but {} has no data/ and seeds/; set UPR_SHARED",
        dir.display()
    );
    let _ = writeln!(
        std::io::stderr(),
        "\n*** SKIPPED: {} not found: this test needs the shared UPR corpus; set UPR_SHARED to its folder ***\n",
        dir.display()
    );
    None
}

/// `shared()/data`.
pub(crate) fn data() -> Option<PathBuf> {
    shared().map(|d| d.join("data"))
}

/// `shared()/seeds`.
pub(crate) fn seeds() -> Option<PathBuf> {
    shared().map(|d| d.join("seeds"))
}
