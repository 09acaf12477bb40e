//! UN document symbols such as `A/HRC/13/13`, `A/HRC/27/10/Add.1` and `A/HRC/WG.6/33/PRK/1`.

use std::fmt;
use std::str::FromStr;

use crate::{Error, Result};

/// A validated UN document symbol.
///
/// The symbol is kept as written (upper-case series letters, `/` separators); comparison is exact.
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct DocumentSymbol(String);

impl DocumentSymbol {
    /// Validates a symbol: `/`-separated, non-empty parts of letters, digits, `.` and `-`, the
    /// first part a UN organ letter (`A`, `E`, `S`, ...).
    ///
    /// # Errors
    /// [`Error::Invalid`] saying which part is wrong.
    pub fn new(symbol: &str) -> Result<DocumentSymbol> {
        let s = symbol.trim();
        let invalid = |reason: &str| Error::invalid("document symbol", symbol, reason);
        let parts: Vec<&str> = s.split('/').collect();
        if parts.len() < 2 {
            return Err(invalid("expected parts separated by '/', e.g. A/HRC/13/13"));
        }
        if !matches!(
            parts[0],
            "A" | "E"
                | "S"
                | "ST"
                | "CCPR"
                | "CAT"
                | "CRC"
                | "CEDAW"
                | "CERD"
                | "CRPD"
                | "CMW"
                | "CED"
        ) {
            return Err(invalid("expected a UN series such as A/ at the start"));
        }
        for p in &parts {
            if p.is_empty() {
                return Err(invalid("empty part between '/'"));
            }
            if !p
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-')
            {
                return Err(invalid(&format!(
                    "part {p:?} has characters other than letters, digits, '.' and '-'"
                )));
            }
        }
        Ok(DocumentSymbol(s.to_owned()))
    }

    /// The symbol as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The addendum number, if this is an addendum (`.../Add.1` gives 1).
    pub fn addendum(&self) -> Option<u32> {
        self.0
            .rsplit('/')
            .next()?
            .strip_prefix("Add.")?
            .parse()
            .ok()
    }

    /// The symbol without an `Add.n` / `Corr.n` / `Rev.n` suffix.
    pub fn base(&self) -> DocumentSymbol {
        let mut parts: Vec<&str> = self.0.split('/').collect();
        while parts.len() > 2
            && parts.last().is_some_and(|p| {
                p.starts_with("Add.") || p.starts_with("Corr.") || p.starts_with("Rev.")
            })
        {
            parts.pop();
        }
        DocumentSymbol(parts.join("/"))
    }

    /// The Human Rights Council session of an `A/HRC/{session}/...` document.
    pub fn council_session(&self) -> Option<u16> {
        let mut p = self.0.split('/');
        match (p.next(), p.next(), p.next()) {
            (Some("A"), Some("HRC"), Some(n)) => n.parse().ok(),
            _ => None,
        }
    }

    /// The Working Group session of an `A/HRC/WG.6/{session}/...` document.
    pub fn working_group_session(&self) -> Option<u16> {
        let mut p = self.0.split('/');
        match (p.next(), p.next(), p.next(), p.next()) {
            (Some("A"), Some("HRC"), Some("WG.6"), Some(n)) => n.parse().ok(),
            _ => None,
        }
    }
}

impl fmt::Display for DocumentSymbol {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Debug for DocumentSymbol {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "DocumentSymbol({})", self.0)
    }
}

impl FromStr for DocumentSymbol {
    type Err = Error;
    fn from_str(s: &str) -> Result<DocumentSymbol> {
        DocumentSymbol::new(s)
    }
}

serde_via_display!(DocumentSymbol);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn valid_symbols() {
        let s = DocumentSymbol::new("A/HRC/27/10/Add.1").unwrap();
        assert_eq!(s.addendum(), Some(1));
        assert_eq!(s.base().as_str(), "A/HRC/27/10");
        assert_eq!(s.council_session(), Some(27));
        let wg = DocumentSymbol::new("A/HRC/WG.6/33/PRK/1").unwrap();
        assert_eq!(wg.working_group_session(), Some(33));
        assert_eq!(wg.council_session(), None);
    }

    #[test]
    fn errors_say_what_is_wrong() {
        assert_eq!(
            DocumentSymbol::new("HRC/13/13").unwrap_err().to_string(),
            r#"invalid document symbol "HRC/13/13": expected a UN series such as A/ at the start"#
        );
        assert_eq!(
            DocumentSymbol::new("A//13").unwrap_err().to_string(),
            r#"invalid document symbol "A//13": empty part between '/'"#
        );
        assert!(DocumentSymbol::new("A13").is_err());
    }
}
