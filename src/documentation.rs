//! Long-form documentation: the UPR in brief, the formats, the classifier, how the readers
//! measure against independent references, and the embedded data.
//!
//! Each page is a Markdown file of the repository (`docs/*.md`, `data/README.md`) compiled into
//! rustdoc, so that its Rust examples run as doc tests and its links to the API are checked by
//! `cargo test` and `cargo doc`. Task-sized examples are in the [`cookbook`](crate::cookbook).
//!
//! | page | read it for |
//! |---|---|
//! | [`guide`] | the UPR process, how the crate models it, counting conventions, cycles |
//! | [`formats`] | what the crate reads and writes, converting, speed, fuzzing |
//! | [`fuzzing`] | the fuzz targets under AFL++ (cargo-afl, stable): what they check, how to run them, runs made |
//! | [`classifier`] | issues and action categories with evidence, measured against human labels |
//! | [`wg_report_agreement`] | the Working Group report reader against two independent references |
//! | [`uhri_matrix`] | the OHCHR readers (UHRI export, matrices of recommendations) on real data |
//! | [`data`] | the embedded files under `data/`: sources, terms, columns, refreshing, checks |

#[doc = include_str!("../docs/guide.md")]
pub mod guide {}

#[doc = include_str!("../docs/formats.md")]
pub mod formats {}

#[doc = include_str!("../docs/fuzzing.md")]
pub mod fuzzing {}

#[doc = include_str!("../docs/classifier.md")]
pub mod classifier {}

#[doc = include_str!("../docs/wg-report-agreement.md")]
pub mod wg_report_agreement {}

#[doc = include_str!("../docs/uhri-matrix.md")]
pub mod uhri_matrix {}

#[doc = include_str!("../data/README.md")]
pub mod data {}

#[cfg(test)]
mod tests {
    /// Every page under `docs/` is compiled above, so none escapes the doc tests and the link
    /// checks.
    #[test]
    fn every_page_under_docs_is_compiled() {
        let this = include_str!("documentation.rs");
        let docs = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs");
        let mut pages = 0;
        for entry in std::fs::read_dir(docs).unwrap() {
            let name = entry.unwrap().file_name().into_string().unwrap();
            if name.ends_with(".md") {
                pages += 1;
                let include = format!("include_str!(\"../docs/{name}\")");
                assert!(
                    this.contains(&include),
                    "docs/{name} is not compiled into upr::documentation"
                );
            }
        }
        assert!(pages >= 5, "{pages}");
    }
}
