//! Review cycles and Working Group sessions.
//!
//! | cycle | sessions | first session opened | last session closed |
//! |---|---|---|---|
//! | 1 | 1-12 | 7 April 2008 | 14 October 2011 |
//! | 2 | 13-26 | 21 May 2012 | 11 November 2016 |
//! | 3 | 27-40 | 1 May 2017 | 4 February 2022 (delayed by COVID-19) |
//! | 4 | 41-54 | 7 November 2022 | due 2027 |
//!
//! Cycles from the second on hold 14 sessions each, so a session number beyond 54 falls in a
//! fifth (or later) cycle whose dates are not yet known.

use std::fmt;
use std::num::{NonZeroU8, NonZeroU16};
use std::ops::RangeInclusive;
use std::str::FromStr;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::{Error, Result};

/// A UPR review cycle (1, 2, 3, 4, ...). Every UN member State is reviewed once per cycle.
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
    /// The first cycle (2008-2011).
    pub const FIRST: Cycle = Cycle(nz8(1));
    /// The second cycle (2012-2016).
    pub const SECOND: Cycle = Cycle(nz8(2));
    /// The third cycle (2017-2022).
    pub const THIRD: Cycle = Cycle(nz8(3));
    /// The fourth cycle (2022-2027).
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

    /// The cycles whose dates are known (1-4).
    pub const KNOWN: [Cycle; 4] = [Cycle::FIRST, Cycle::SECOND, Cycle::THIRD, Cycle::FOURTH];

    /// The cycle's number.
    pub fn number(self) -> u8 {
        self.0.get()
    }

    /// The Working Group sessions of this cycle.
    pub fn sessions(self) -> RangeInclusive<Session> {
        let n = u16::from(self.number());
        let (first, last) = if n == 1 {
            (1, 12)
        } else {
            (13 + 14 * (n - 2), 26 + 14 * (n - 2))
        };
        Session(nz16(first))..=Session(nz16(last))
    }

    /// The first day of the cycle's first Working Group session, where known.
    pub fn start(self) -> Option<NaiveDate> {
        match self.number() {
            1 => Some(date(2008, 4, 7)),
            2 => Some(date(2012, 5, 21)),
            3 => Some(date(2017, 5, 1)),
            4 => Some(date(2022, 11, 7)),
            _ => None,
        }
    }

    /// The last day of the cycle's last Working Group session, where it has taken place.
    pub fn end(self) -> Option<NaiveDate> {
        match self.number() {
            1 => Some(date(2011, 10, 14)),
            2 => Some(date(2016, 11, 11)),
            3 => Some(date(2022, 2, 4)),
            _ => None,
        }
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
        let c = if n <= 12 { 1 } else { (n - 13) / 14 + 2 };
        Cycle(nz8(u8::try_from(c).unwrap_or(MAX_CYCLE)))
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
    fn dates() {
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
