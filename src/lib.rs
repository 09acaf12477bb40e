//! # upr: the UN Universal Periodic Review as typed, sourced data
//!
//! Every UN member State is reviewed about every four and a half years (a *cycle*); other
//! States make *recommendations*; the State under review *responds*. This crate models cycles,
//! sessions, States, recommendations, responses (as a dated history), UPR Info's issues and
//! action categories, and reads the formats UPR data comes in.
#![forbid(unsafe_code)]
#![deny(missing_docs)]
#![cfg_attr(
    not(test),
    warn(clippy::unwrap_used, clippy::expect_used, clippy::panic)
)]

mod action;
mod convention;
mod cycle;
pub mod dataset;
mod document;
pub mod encoding;
mod error;
pub mod read;
mod recommendation;
mod response;
mod source;
mod state;
mod stats;
mod theme;
pub mod write;

pub use action::ActionCategory;
pub use convention::{Bucket, Convention, PartialCounts, Ratio};
pub use cycle::{Cycle, Session};
pub use dataset::Dataset;
pub use document::DocumentSymbol;
pub use encoding::Encoding;
pub use error::{Error, Location, ParseError, Result};
pub use recommendation::{HumanLabels, ParagraphRef, Recommendation};
pub use response::{
    DatePrecision, ResponseEvent, ResponseHistory, ResponseStatus, Stage, WorkingGroupStatus,
};
pub use source::{Source, SourceId, SourceKind};
pub use state::{Membership, RegionalGroup, State};
pub use stats::{Dimension, Labeler, Labels, Query, Tally, TallyRow};
pub use theme::{Issue, IssueFamily};
