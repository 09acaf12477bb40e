//! Provenance: where a row or a figure comes from.

use std::fmt;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::DocumentSymbol;

/// A short key naming a source in the crate's source table, e.g. `A/HRC/13/13` or `seed-000`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct SourceId(pub String);

impl SourceId {
    /// The key as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for SourceId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<&str> for SourceId {
    fn from(s: &str) -> Self {
        SourceId(s.to_owned())
    }
}

vocabulary! {
    /// What kind of thing a source is.
    #[non_exhaustive]
    pub enum SourceKind["source kind", key] {
        /// An official UN document with a symbol (Working Group report, addendum, ...).
        UnDocument => "un_document";
        /// One of the project's seed documents (`../shared/seeds/`).
        Seed => "seed";
        /// A database export (UPR Info database, UHRI).
        Dataset => "dataset";
        /// A press or NGO publication cited for a figure.
        Publication => "publication";
        /// A statement by a State (e.g. the DPRK's 2014 position paper).
        StateStatement => "state_statement";
    }
}

/// A cited source: what it is, who published it, when, and how to find it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Source {
    /// The key rows and figures refer to.
    pub id: SourceId,
    /// What kind of source.
    pub kind: SourceKind,
    /// Title or short description.
    pub title: String,
    /// Publisher or author (OHCHR, NKDB, Human Rights Watch, ...).
    pub publisher: String,
    /// Publication date, where known.
    pub date: Option<NaiveDate>,
    /// UN document symbol, where it has one.
    pub symbol: Option<DocumentSymbol>,
    /// File the data was read from (seed file name, path under `../shared/data`).
    pub file: Option<String>,
}

impl fmt::Display for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}, {}", self.publisher, self.title)?;
        if let Some(s) = &self.symbol {
            write!(f, " ({s})")?;
        }
        if let Some(d) = self.date {
            write!(f, ", {}", d.format("%-d %B %Y"))?;
        }
        if let Some(file) = &self.file {
            write!(f, " [{file}]")?;
        }
        Ok(())
    }
}
