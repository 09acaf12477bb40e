//! The one place tests find `../shared` (the seeds and the real UPR data).
//!
//! Every test crate of the workspace (the library's, `tools/`'s, `cli/`'s) includes this file.
//! `UPR_SHARED` names the folder; the default is `../shared` beside the workspace (the folder
//! holding `Cargo.lock`, found from the including crate's manifest). Under CI (`CI` set)
//! or with `UPR_REQUIRE_SHARED=1` a missing folder fails the test; otherwise the test says so
//! loudly on stderr (not captured by the test harness) and returns early.
#![allow(dead_code)]

use std::io::Write;
use std::path::PathBuf;

/// The workspace root: the including crate's manifest folder or the first folder above it that
/// holds `Cargo.lock`.
fn workspace_root() -> PathBuf {
    let crate_dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    crate_dir
        .ancestors()
        .find(|d| d.join("Cargo.lock").is_file())
        .map_or(crate_dir.clone(), PathBuf::from)
}

/// The shared folder, or `None` (after a loud warning) when it is missing outside CI.
pub(crate) fn shared() -> Option<PathBuf> {
    let dir = std::env::var_os("UPR_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace_root().join("../shared"));
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

/// The recommendation of a Working Group report numbered `reference` (`127.9`, `105(5)`); the
/// test fails when there is none.
pub(crate) fn wg_recommendation<'r>(
    r: &'r upr::format::wg_report::WgReport,
    reference: &str,
) -> &'r upr::format::wg_report::WgRecommendation {
    let found = r
        .recommendations
        .iter()
        .find(|x| x.reference.to_string() == reference);
    found.unwrap_or_else(|| panic!("no {reference}"))
}
