//! Review cycles and Working Group sessions.
//!
//! The cycles' sessions and dates are one table, `cycle_table!` below. [`Cycle::start`],
//! [`Cycle::end`], [`Cycle::sessions`], [`Cycle::KNOWN`], [`Session::cycle`], and the tables in
//! [`Cycle`]'s docs and the [guide](crate::documentation::guide) are all read from it.
//!
//! Cycles from the second on hold 14 sessions each, so a session number beyond the table falls
//! in a later cycle whose dates are not yet known.

use std::fmt;
use std::num::{NonZeroU8, NonZeroU16};
use std::ops::RangeInclusive;
use std::str::FromStr;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::{Error, Result};

/// The one table of the cycles whose dates are known. A row: the cycle, its Working Group
/// sessions, the day its first session opened, the day its last session closed (`""` while it
/// has not), a note.
///
/// `cycle_table!(items)` defines the rows and [`Cycle::KNOWN`] (in this module);
/// `cycle_table!(doc)` is the Markdown table in [`Cycle`]'s docs (the guide links there).
macro_rules! cycle_table {
    ($mode:ident) => {
        $crate::cycle::cycle_rows! { $mode
            1: 1..=12,  "2008-04-07", "2011-10-14", "";
            2: 13..=26, "2012-05-21", "2016-11-11", "";
            3: 27..=40, "2017-05-01", "2022-02-04", "(delayed by COVID-19)";
            4: 41..=54, "2022-11-07", "",           "due 2027";
        }
    };
}

/// What `cycle_table!` makes of its rows.
macro_rules! cycle_rows {
    (doc $($n:literal: $first:literal..=$last:literal, $start:literal, $end:literal, $note:literal;)+) => {
        concat!(
            "| cycle | sessions | first session opened | last session closed |\n",
            "|---|---|---|---|",
            $("\n| ", $n, " | ", $first, "-", $last, " | ", $start, " | ", $end, " ", $note, " |",)+
        )
    };
    (items $($n:literal: $first:literal..=$last:literal, $start:literal, $end:literal, $note:literal;)+) => {
        /// The table's rows, in cycle order.
        const ROWS: &[Row] = &[
            $(Row { cycle: $n, sessions: ($first, $last), start: iso($start), end: iso_or_none($end) },)+
        ];

        impl Cycle {
            /// The cycles whose dates are known, in order.
            pub const KNOWN: [Cycle; ROWS.len()] = [$(Cycle(nz8($n)),)+];
        }
    };
}
pub(crate) use cycle_rows;

/// A row of `cycle_table!`.
struct Row {
    cycle: u8,
    sessions: (u16, u16),
    start: NaiveDate,
    end: Option<NaiveDate>,
}

cycle_table!(items);

/// The table's last row (the table is not empty).
const LAST: &Row = &ROWS[ROWS.len() - 1];

/// How many Working Group sessions a cycle holds, from the second cycle on.
const SESSIONS_PER_CYCLE: u16 = 14;

/// `YYYY-MM-DD` as a date; `NaiveDate::MIN` for anything else (a test rules that out).
const fn iso(s: &str) -> NaiveDate {
    const fn digit(b: u8) -> u32 {
        if b.is_ascii_digit() {
            (b - b'0') as u32
        } else {
            1_000_000 // no such year, month or day
        }
    }
    let [y0, y1, y2, y3, b'-', m0, m1, b'-', d0, d1] = *s.as_bytes() else {
        return NaiveDate::MIN;
    };
    let year = digit(y0) * 1000 + digit(y1) * 100 + digit(y2) * 10 + digit(y3);
    date(
        year as i32,
        digit(m0) * 10 + digit(m1),
        digit(d0) * 10 + digit(d1),
    )
}

/// [`iso`], or `None` for `""`.
const fn iso_or_none(s: &str) -> Option<NaiveDate> {
    if s.is_empty() { None } else { Some(iso(s)) }
}

/// A UPR review cycle (1, 2, 3, 4, ...). Every UN member State is reviewed once per cycle.
///
#[doc = cycle_table!(doc)]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Cycle(NonZeroU8);

/// A session of the UPR Working Group (1, 2, ..., 54, ...); session numbers run on across cycles.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Session(NonZeroU16);

/// The highest cycle number this crate accepts (far beyond any planned cycle).
const MAX_CYCLE: u8 = 20;

const fn nz8(n: u8) -> NonZeroU8 {
    match NonZeroU8::new(n) {
        Some(v) => v,
        None => NonZeroU8::MIN,
    }
}

const fn nz16(n: u16) -> NonZeroU16 {
    match NonZeroU16::new(n) {
        Some(v) => v,
        None => NonZeroU16::MIN,
    }
}

const fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    match NaiveDate::from_ymd_opt(y, m, d) {
        Some(v) => v,
        None => NaiveDate::MIN,
    }
}

impl Cycle {
    /// The first cycle.
    pub const FIRST: Cycle = Cycle(nz8(1));
    /// The second cycle.
    pub const SECOND: Cycle = Cycle(nz8(2));
    /// The third cycle.
    pub const THIRD: Cycle = Cycle(nz8(3));
    /// The fourth cycle.
    pub const FOURTH: Cycle = Cycle(nz8(4));

    /// The cycle with this number.
    ///
    /// # Errors
    /// [`Error::Invalid`] for 0 or a number above 20.
    pub fn new(number: u8) -> Result<Cycle> {
        match NonZeroU8::new(number) {
            Some(n) if number <= MAX_CYCLE => Ok(Cycle(n)),
            _ => Err(Error::invalid(
                "cycle",
                number.to_string(),
                "cycles are numbered from 1 (2008) to 20",
            )),
        }
    }

    /// The cycle's number.
    pub fn number(self) -> u8 {
        self.0.get()
    }

    /// The Working Group sessions of this cycle (beyond the table, 14 a cycle).
    pub fn sessions(self) -> RangeInclusive<Session> {
        let (first, last) = match self.row() {
            Some(row) => row.sessions,
            None => {
                let later = u16::from(self.number().saturating_sub(LAST.cycle));
                (
                    LAST.sessions.1 + SESSIONS_PER_CYCLE * (later - 1) + 1,
                    LAST.sessions.1 + SESSIONS_PER_CYCLE * later,
                )
            }
        };
        Session(nz16(first))..=Session(nz16(last))
    }

    /// The first day of the cycle's first Working Group session, where known.
    pub fn start(self) -> Option<NaiveDate> {
        self.row().map(|row| row.start)
    }

    /// The last day of the cycle's last Working Group session, where it has taken place.
    pub fn end(self) -> Option<NaiveDate> {
        self.row().and_then(|row| row.end)
    }

    /// The cycle's row in the table.
    fn row(self) -> Option<&'static Row> {
        ROWS.iter().find(|row| row.cycle == self.number())
    }

    /// The cycle under way on a date, among the known cycles (between two cycles, none).
    pub fn on(day: NaiveDate) -> Option<Cycle> {
        Cycle::KNOWN
            .into_iter()
            .find(|c| c.start().is_some_and(|s| s <= day) && c.end().is_none_or(|e| day <= e))
    }

    /// The next cycle.
    pub fn next(self) -> Option<Cycle> {
        Cycle::new(self.number() + 1).ok()
    }
}

impl fmt::Display for Cycle {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

impl FromStr for Cycle {
    type Err = Error;

    /// Accepts `3`, `cycle 3`, `Cycle 3`, `3rd`, `third`.
    fn from_str(s: &str) -> Result<Cycle> {
        let t = s.trim().to_ascii_lowercase();
        let t = t.strip_prefix("cycle").unwrap_or(&t).trim();
        let n = match t {
            "first" | "1st" => Some(1),
            "second" | "2nd" => Some(2),
            "third" | "3rd" => Some(3),
            "fourth" | "4th" => Some(4),
            "fifth" | "5th" => Some(5),
            _ => t.parse::<u8>().ok(),
        };
        match n {
            Some(n) => Cycle::new(n)
                .map_err(|_| Error::invalid("cycle", s, "cycles are numbered from 1 to 20")),
            None => Err(Error::invalid(
                "cycle",
                s,
                "expected a cycle number such as 3",
            )),
        }
    }
}

impl Session {
    /// The session with this number.
    ///
    /// # Errors
    /// [`Error::Invalid`] for 0 or a number beyond the twentieth cycle.
    pub fn new(number: u16) -> Result<Session> {
        let max = *Cycle(nz8(MAX_CYCLE)).sessions().end();
        match NonZeroU16::new(number) {
            Some(n) if n <= max.0 => Ok(Session(n)),
            _ => Err(Error::invalid(
                "working group session",
                number.to_string(),
                "sessions are numbered from 1 (April 2008)",
            )),
        }
    }

    /// The session's number.
    pub fn number(self) -> u16 {
        self.0.get()
    }

    /// The cycle this session belongs to.
    pub fn cycle(self) -> Cycle {
        let n = self.number();
        let c = match ROWS
            .iter()
            .find(|row| row.sessions.0 <= n && n <= row.sessions.1)
        {
            Some(row) => row.cycle,
            None => {
                let later = (n.saturating_sub(LAST.sessions.1 + 1)) / SESSIONS_PER_CYCLE + 1;
                u8::try_from(later).map_or(MAX_CYCLE, |l| LAST.cycle.saturating_add(l))
            }
        };
        Cycle(nz8(c.min(MAX_CYCLE)))
    }
}

impl fmt::Display for Session {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

impl FromStr for Session {
    type Err = Error;

    /// Accepts `19`, `session 19`, `19th`, `19th session`.
    fn from_str(s: &str) -> Result<Session> {
        let t = s.trim().to_ascii_lowercase();
        let t = t.strip_prefix("session").unwrap_or(&t).trim();
        let t = t.strip_suffix("session").unwrap_or(t).trim();
        let digits = t.trim_end_matches(|c: char| c.is_ascii_alphabetic());
        match digits.parse::<u16>() {
            Ok(n) => Session::new(n),
            Err(_) => Err(Error::invalid(
                "working group session",
                s,
                "expected a session number such as 19",
            )),
        }
    }
}

macro_rules! serde_via_number {
    ($t:ty, $inner:ty) => {
        impl Serialize for $t {
            fn serialize<S: serde::Serializer>(
                &self,
                s: S,
            ) -> std::result::Result<S::Ok, S::Error> {
                self.number().serialize(s)
            }
        }
        impl<'de> Deserialize<'de> for $t {
            fn deserialize<D: serde::Deserializer<'de>>(
                d: D,
            ) -> std::result::Result<Self, D::Error> {
                let n = <$inner>::deserialize(d)?;
                <$t>::new(n).map_err(serde::de::Error::custom)
            }
        }
    };
}
serde_via_number!(Cycle, u8);
serde_via_number!(Session, u16);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sessions_map_to_cycles() {
        let cases = [
            (1, 1),
            (6, 1),
            (12, 1),
            (13, 2),
            (19, 2),
            (26, 2),
            (27, 3),
            (33, 3),
            (40, 3),
            (41, 4),
            (47, 4),
            (54, 4),
            (55, 5),
        ];
        for (s, c) in cases {
            assert_eq!(Session::new(s).unwrap().cycle().number(), c, "session {s}");
        }
        for c in 1..=6 {
            let cy = Cycle::new(c).unwrap();
            let r = cy.sessions();
            assert_eq!(r.start().cycle(), cy);
            assert_eq!(r.end().cycle(), cy);
        }
        assert_eq!(Cycle::FOURTH.sessions().end().number(), 54);
    }

    #[test]
    fn parse_and_errors() {
        assert_eq!("cycle 3".parse::<Cycle>().unwrap(), Cycle::THIRD);
        assert_eq!("third".parse::<Cycle>().unwrap(), Cycle::THIRD);
        assert_eq!("19th session".parse::<Session>().unwrap().number(), 19);
        assert_eq!(
            Cycle::new(0).unwrap_err().to_string(),
            r#"invalid cycle "0": cycles are numbered from 1 (2008) to 20"#
        );
        assert_eq!(
            "x".parse::<Session>().unwrap_err().to_string(),
            r#"invalid working group session "x": expected a session number such as 19"#
        );
    }

    #[test]
    fn the_table_is_consistent() {
        let mut next_session = 1;
        for (i, row) in ROWS.iter().enumerate() {
            assert_eq!(
                usize::from(row.cycle),
                i + 1,
                "cycles numbered from 1, in order"
            );
            assert_eq!(
                row.sessions.0, next_session,
                "sessions run on, cycle {}",
                row.cycle
            );
            if row.cycle > 1 {
                let held = row.sessions.1 - row.sessions.0 + 1;
                assert_eq!(held, SESSIONS_PER_CYCLE, "cycle {}", row.cycle);
            }
            next_session = row.sessions.1 + 1;
            assert_ne!(row.start, NaiveDate::MIN, "cycle {}: start", row.cycle);
            assert_ne!(row.end, Some(NaiveDate::MIN), "cycle {}: end", row.cycle);
            assert!(row.end.is_none_or(|e| row.start < e));
        }
        assert_eq!(
            Cycle::KNOWN,
            [Cycle::FIRST, Cycle::SECOND, Cycle::THIRD, Cycle::FOURTH]
        );
        assert_eq!(iso("2008-04-07"), date(2008, 4, 7));
        assert_eq!(iso("2008-4-07"), NaiveDate::MIN);
        assert_eq!(iso("2008-02-30"), NaiveDate::MIN);
        assert_eq!(iso("20x8-04-07"), NaiveDate::MIN);
    }

    #[test]
    fn the_docs_table_is_the_table() {
        let doc = cycle_table!(doc);
        assert!(
            doc.contains("| 1 | 1-12 | 2008-04-07 | 2011-10-14  |"),
            "{doc}"
        );
        assert!(
            doc.contains("| 4 | 41-54 | 2022-11-07 |  due 2027 |"),
            "{doc}"
        );
        for c in Cycle::KNOWN {
            let start = c.start().unwrap().to_string();
            let end = c.end().map(|d| d.to_string()).unwrap_or_default();
            let r = c.sessions();
            let row = format!("| {c} | {}-{} | {start} | {end} ", r.start(), r.end());
            assert!(doc.contains(&row), "{row} in {doc}");
        }
    }

    #[test]
    fn dates() {
        assert_eq!(Cycle::FIRST.start(), Some(date(2008, 4, 7)));
        assert_eq!(Cycle::THIRD.end(), Some(date(2022, 2, 4)));
        assert_eq!(Cycle::new(5).unwrap().start(), None);
        assert_eq!(Cycle::on(date(2014, 5, 1)), Some(Cycle::SECOND));
        assert_eq!(Cycle::on(date(2024, 11, 7)), Some(Cycle::FOURTH));
        assert_eq!(Cycle::on(date(2017, 1, 1)), None);
        assert!(Cycle::FOURTH.end().is_none());
    }

    #[test]
    fn serde_is_a_number() {
        assert_eq!(serde_json::to_string(&Cycle::SECOND).unwrap(), "2");
        assert!(serde_json::from_str::<Session>("0").is_err());
    }
}
