//! The UPR in brief, and how this crate models it. Read this first if the process is new to you.
//!
//! # The process
//!
//! 1. A State under review (SuR) submits a national report; OHCHR compiles UN and stakeholder
//!    information (documents `A/HRC/WG.6/{session}/{ISO3}/1`, `/2`, `/3`).
//! 2. The **Working Group** (the Council's 47 members; every UN member State may speak) holds an
//!    interactive dialogue with the SuR. Other States make **recommendations**. Days later the
//!    Working Group adopts its report (`A/HRC/{council session}/{n}`), whose section II,
//!    "Conclusions and/or recommendations", lists every recommendation with its recommending
//!    State(s) in brackets.
//! 3. At that point the SuR may already say which it supports, which it will examine, and which
//!    it does not support; the headings that group the recommendations say so
//!    ([`WorkingGroupStatus`](crate::WorkingGroupStatus)).
//! 4. Before the Council's plenary adopts the outcome, the SuR may submit an **addendum**
//!    (`.../Add.1`) with its final positions. Since cycle 2 OHCHR records only *supported* or
//!    *noted*; a State may support part of a recommendation.
//! 5. Nothing obliges a State to answer, and some answer late: the DPRK gave its positions on its
//!    first-cycle recommendations in 2014, four years later.
//!
//! # How the crate models it
//!
//! - A [`Recommendation`](crate::Recommendation) is made at a Working Group
//!   [`Session`](crate::Session) (which gives its [`Cycle`](crate::Cycle)) to a
//!   [`State`](crate::State) by one or more States, and sits at a
//!   [`ParagraphRef`](crate::ParagraphRef) of a [`DocumentSymbol`](crate::DocumentSymbol).
//! - Its responses are a [`ResponseHistory`](crate::ResponseHistory): dated
//!   [`ResponseEvent`](crate::ResponseEvent)s, each with a [`Stage`](crate::Stage), a
//!   [`ResponseStatus`](crate::ResponseStatus) and a [`SourceId`](crate::SourceId). Asking for
//!   the status *as of* a date gives the picture a reader had then.
//! - A [`Convention`](crate::Convention) says how a source buckets statuses; a
//!   [`Query`](crate::Query) tallies under one, grouped by any [`Dimension`](crate::Dimension),
//!   with exact [`Ratio`](crate::Ratio)s.
//! - Figures that sources publish are data too ([`dataset::PublishedFigure`](crate::dataset::PublishedFigure)),
//!   each with its source and quote; [`Dataset::disagreements`](crate::Dataset::disagreements)
//!   lists where they differ.
//!
//! # Counting: the DPRK's first review, four ways
//!
//! The 167 recommendations of December 2009: 50 did not enjoy the DPRK's support at the Working
//! Group; 117 were to be examined. In March 2010 the DPRK had accepted none (UPR Info: "first and
//! only State to accept 0 UPR recommendations"). In April 2014 its position paper accepted 81,
//! partially accepted 6, noted 15 and rejected 15 of the 117. NKDB counts that five ways
//! (81 / 6 / 15 / 15 / 50); UPR Info's 2014 summary counted accepted 87 (81 + 6), rejected 65
//! (50 + 15), pending 15. Both come out of the same history under different conventions:
//!
//! ```
//! use upr::{Bucket, Convention, Cycle, Dataset, Query};
//! let data = Dataset::dprk();
//! let five = Query::new().cycle(Cycle::FIRST).tally(&data.recommendations);
//! let upr_info = Query::new().cycle(Cycle::FIRST).convention(Convention::UprInfoSummary2014).tally(&data.recommendations);
//! assert_eq!(five.total().count(Bucket::Rejected), 15);
//! assert_eq!(upr_info.total().count(Bucket::Rejected), 65);
//! # Ok::<(), upr::Error>(())
//! ```
//!
//! # Cycles and sessions
//!
//! From the crate's one table of cycles (also in [`Cycle`](crate::Cycle)'s docs); each session
//! lasts about two weeks.
//!
#![doc = crate::cycle::cycle_table!(doc)]
//!
//! # Readers
//!
//! Every reader in [`read`](crate::format) works from any `std::io::Read`, detects or takes the
//! [`Encoding`](crate::Encoding), and has a strict mode (the first problem is an error with the
//! input name, the line or record number, and what was expected) and a lenient mode (everything
//! readable, plus a [`ReadReport`](crate::format::ReadReport) listing each skipped or repaired
//! record and why).
