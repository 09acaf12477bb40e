//! # upr: the UN Universal Periodic Review as typed, sourced data
//!
//! ## Quick start
//!
//! ```
//! use upr::{Bucket, Cycle, Dataset, Query, State};
//!
//! // The embedded DPRK dataset: recommendations of its first two reviews with their response
//! // histories, and the figures sources publish about all four.
//! let data = Dataset::dprk();
//!
//! // NKDB's five-way count of the first review (as of the DPRK's 2014 position paper).
//! let t = Query::new().cycle(Cycle::FIRST).tally(&data.recommendations);
//! assert_eq!(t.total().count(Bucket::Accepted), 81);
//! assert_eq!(t.total().count(Bucket::ImmediatelyRejected), 50);
//! println!("not accepted: {}", t.total().not_accepted); // 80/167 = 47.90 %
//!
//! // Names resolve whatever the spelling; an unknown name is an error, never a guess.
//! assert_eq!(State::resolve("Korea DPR")?, State::PRK);
//! # Ok::<(), upr::Error>(())
//! ```
//!
//! ## What this crate is for
//!
//! Every UN member State is reviewed about every four and a half years (a *cycle*); other
//! States make *recommendations*; the State under review *responds*. NGOs, journalists and
//! researchers count, classify and track those recommendations, today by hand in spreadsheets.
//! This crate gives their tools a typed, validated, fast core, where every figure is computed
//! from data that carries its source. New to the UPR? Start with the
//! [guide](documentation::guide); new to the crate, with the [`cookbook`].
//!
//! ## Features
//!
//! - **Model**: [`Cycle`], [`Session`], [`State`] (193 members + 2 observers, with a resolver
//!   for every spelling met in real data), [`DocumentSymbol`], [`Recommendation`],
//!   [`ResponseHistory`] of dated [`ResponseEvent`]s, [`Issue`], [`ActionCategory`].
//! - **Counting**: [`Convention`]s of NKDB, OHCHR and UPR Info; [`Query`] tallies grouped and
//!   filtered, as of any date, with exact [`Ratio`]s.
//! - **Data**: the embedded [`Dataset::dprk`], built by the crate's own readers from the
//!   Working Group reports, the DPRK's position paper and the UPR Info export; published
//!   figures with quotes, and the places where sources disagree. Every embedded file, its source
//!   and how it is refreshed: [`documentation::data`].
//! - **Formats** ([`format`](mod@format)): readers for the UPR Info export, Working Group report
//!   texts, the UHRI export, OHCHR matrices and position papers, with strict and lenient modes;
//!   writers for the versioned `upr/1` CSV and JSON schema and UPR Info's layout.
//! - **Classification** ([`classify`]): UPR Info's issues and McMahon's action categories by
//!   rules, every label with its evidence.
//! - **Recurring recommendations** ([`threads`]): the same ask followed from cycle to cycle, by
//!   instrument asks and word overlap, every link with why, overrides by hand.
//! - **Implementation** ([`implementation`]): typed assessments of what became of a
//!   recommendation, as a dated history, with queries as of a date.
//!
//! ## Documentation
//!
//! - [`cookbook`]: runnable recipes for the first tasks (tallies, dates, reading, converting,
//!   classifying, disagreements, State names).
//! - [`documentation`]: the long-form pages, compiled from `docs/*.md` and `data/README.md`
//!   and checked like code: the [guide](documentation::guide), the
//!   [formats](documentation::formats), the [classifier](documentation::classifier) measured,
//!   the [Working Group report reader](documentation::wg_report_agreement) and the
//!   [OHCHR readers](documentation::uhri_matrix) on real data, and the
//!   [embedded data](documentation::data).
#![forbid(unsafe_code)]
#![deny(missing_docs)]
#![cfg_attr(
    not(test),
    warn(clippy::unwrap_used, clippy::expect_used, clippy::panic)
)]

#[macro_use]
mod macros;

mod action;
pub mod classify;
mod convention;
pub mod cookbook;
mod cycle;
pub mod dataset;
mod document;
pub mod documentation;
mod error;
pub mod format;
pub mod implementation;
mod recommendation;
mod response;
mod source;
mod state;
mod stats;
mod text;
mod theme;
pub mod threads;
mod tsv;

pub use action::ActionCategory;
pub use classify::{Classification, Classifier};
pub use convention::{Bucket, Convention, PartialCounts, Ratio};
pub use cycle::{Cycle, Session};
pub use dataset::Dataset;
pub use document::DocumentSymbol;
pub use error::{Error, IoDirection, Location, ParseError, Result};
pub use format::encoding::Encoding;
pub use format::{Context, Mode, Parsed, ReadOptions, ReadReport};
pub use implementation::{Assessment, AssessmentHistory, ImplementationLevel, ImplementationQuery};
pub use recommendation::{HumanLabels, ParagraphRef, Part, Recommendation, Split};
pub use response::{
    DatePrecision, ResponseEvent, ResponseHistory, ResponseStatus, Stage, WorkingGroupStatus,
};
pub use source::{Source, SourceId, SourceKind};
pub use state::{Membership, RegionalGroup, State};
pub use stats::{Counts, Dimension, Labeler, Labels, Query, Tally, TallyRow, Unit};
pub use theme::{
    AffectedPersons, Issue, IssueFamily, Sdg, ThemeCode, UhriTheme, UprInfoResponse, UprPosition,
};
pub use threads::{Thread, ThreadOptions, Threads};

/// The README's examples, compiled and run as doc tests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;
