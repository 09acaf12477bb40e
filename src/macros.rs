//! Internal macros for vocabulary types.
//!
//! # One table per vocabulary
//!
//! Every vocabulary enum of the crate is written as one table with `vocabulary!`: a row per
//! value, giving the variant, its canonical external spelling, the other spellings sources use,
//! and (for some vocabularies) one more column of data such as a label or the issue family. From
//! that table the macro derives everything else, so no spelling is written twice:
//!
//! - the enum itself (`Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord`; `Copy` except
//!   for an enum with a catch-all), each variant's doc opening with its spelling, and a table of
//!   spellings appended to the enum's docs;
//! - the canonical spelling as a `const fn` under the name the type has always used (`key` for
//!   the crate's snake_case keys, `name` for other organisations' spellings, `number` where the
//!   spelling is a number), and `spellings()`, canonical first then the aliases;
//! - `Display` (the canonical spelling), `FromStr<Err = `[`Error`](crate::Error)`>` and an
//!   inherent `parse` (any spelling; see [`normalize`] for what is ignored), and serde through
//!   `Display`/`FromStr` (`serde_via_display!`);
//! - all values as a slice: strum's [`VariantArray::VARIANTS`](strum::VariantArray), in table
//!   order (for an enum with a catch-all, the known values);
//! - the parse error, [`Error::Unknown`](crate::Error::Unknown) with the vocabulary's name, the
//!   input as given, and the list of canonical spellings: `unknown response status "maybe"
//!   (expected supported, partially_supported, noted, rejected, rejected_at_working_group or
//!   pending)`.
//!
//! Why a crate macro rather than strum's derives: the table has typed columns (an issue's
//! family is an `IssueFamily`, not a string property to parse again), the error lists the
//! values from the table itself, and `FromStr` and `parse` are one function that ignores the
//! same surrounding noise for every vocabulary.
//!
//! # Exhaustive or `#[non_exhaustive]`
//!
//! Decided once per enum, by one rule, and written in the table's attributes:
//!
//! - **exhaustive** when the set is closed by definition: fixed by the Council's rules or the
//!   process (the five UN regional groups, member or observer, OHCHR's supported / noted /
//!   supported in part, the stages of a review), by arithmetic (McMahon's action categories
//!   1-5, a date known to the day, month or year), or a two-way choice (`PartialCounts`);
//! - **`#[non_exhaustive]`** when a source or this crate may add values: other organisations'
//!   growing vocabularies (UPR Info's issues and responses, UHRI's affected persons, the Working
//!   Group headings), the crate's own response statuses, issue families, counting conventions
//!   and their buckets, grouping dimensions, source kinds, text encodings and published
//!   quantities.

use std::borrow::Cow;

use crate::text::clean;

/// What every vocabulary's `FromStr` ignores: surrounding whitespace, odd spaces (no-break, thin,
/// tab) and runs of them, a leading list dash (`- Supported`, as in UHRI fields), and, when
/// comparing, ASCII case. Borrows when there is nothing to clean (nearly always).
pub(crate) fn normalize(s: &str) -> Cow<'_, str> {
    fn undash(t: &str) -> &str {
        t.strip_prefix("- ").map_or(t, str::trim_start)
    }
    let t = undash(s.trim());
    let plain = t.bytes().all(|b| b.is_ascii() && b != b'\t') && !t.contains("  ");
    if plain {
        Cow::Borrowed(t)
    } else {
        Cow::Owned(undash(&clean(t)).to_owned())
    }
}

/// The values a parse error lists: `a, b or c`.
pub(crate) fn one_of<'a>(values: impl IntoIterator<Item = &'a str>) -> String {
    let values: Vec<&str> = values.into_iter().collect();
    match values.split_last() {
        None => String::new(),
        Some((last, [])) => (*last).to_owned(),
        Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
    }
}

/// Defines a vocabulary enum from one table (see the [module docs](self)).
///
/// ```text
/// vocabulary! {
///     /// Docs of the enum.
///     #[non_exhaustive]
///     pub enum ResponseStatus["response status", key, data = &'static str] {
///         /// Docs of the variant (after a generated line with its spelling).
///         Supported => "supported" | "accepted", "supported";
///         PartiallySupported => "partially_supported" | "Supported/Noted", "partially supported";
///     }
/// }
/// ```
///
/// In the brackets: the vocabulary's name for error messages; the name of the canonical-spelling
/// method; then, each optional and in this order:
/// - `expected = "..."`: what the error says is expected, instead of the list of spellings;
/// - `otherwise = f`: `fn(&str) -> Result<Self>` called with the input no row matches, instead
///   of the error;
/// - `data = T`: every row ends with `, value` of type `T`, returned by a private
///   `const fn data(self) -> T`;
/// - `serde = manual`: no serde impls (the type writes its own).
///
/// Or `other = Variant` alone: the enum gets a catch-all `Variant(String)` that keeps any other
/// value as read (normalised), writes it back unchanged, and makes `parse` infallible.
///
/// A row may give a discriminant: `Minimal = 1 => "1" | "minimal", "minimal";`.
macro_rules! vocabulary {
    // An open vocabulary with a catch-all variant.
    (
        $(#[$attr:meta])*
        $vis:vis enum $name:ident[$what:literal, $spelling:ident, other = $other:ident] {
            $(
                $(#[$vattr:meta])*
                $variant:ident => $canon:literal $(| $alias:literal)*;
            )+
        }
    ) => {
        $(#[$attr])*
        #[doc = ""]
        #[doc = vocabulary!(@table $name $(, $variant, $canon $(, $alias)*)+)]
        #[doc = concat!("| [`", stringify!($other), "`](", stringify!($name), "::",
            stringify!($other), ") | any other value, as read | |")]
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
        $vis enum $name {
            $(
                $(#[$vattr])*
                #[doc = ""]
                #[doc = concat!("Spelt `", $canon, "`.")]
                $variant,
            )+
            /// Any other value, as read (whitespace cleaned).
            $other(String),
        }

        impl $name {
            #[doc = concat!("The value's spelling (for [`", stringify!($name), "::",
                stringify!($other), "`], the value as read): `Display` and serde.")]
            pub fn $spelling(&self) -> &str {
                match self {
                    $($name::$variant => $canon,)+
                    $name::$other(s) => s,
                }
            }

            /// Every spelling `FromStr` accepts for this value, the canonical one first (for the
            /// catch-all, none).
            pub fn spellings(&self) -> &'static [&'static str] {
                match self {
                    $($name::$variant => &[$canon $(, $alias)*],)+
                    $name::$other(_) => &[],
                }
            }

            #[doc = concat!("Parses any spelling; never fails: a value that is none of the \
                known ones is [`", stringify!($name), "::", stringify!($other), "`].")]
            pub fn parse(s: &str) -> $name {
                let t = $crate::macros::normalize(s);
                <$name as ::strum::VariantArray>::VARIANTS
                    .iter()
                    .find(|v| v.spellings().iter().any(|sp| sp.eq_ignore_ascii_case(&t)))
                    .cloned()
                    .unwrap_or_else(|| $name::$other(t.into_owned()))
            }

            /// Whether this is a value outside the known vocabulary.
            pub fn is_other(&self) -> bool {
                matches!(self, $name::$other(_))
            }
        }

        impl ::std::str::FromStr for $name {
            type Err = $crate::Error;
            /// Never fails (see `parse`).
            fn from_str(s: &str) -> $crate::Result<$name> {
                Ok($name::parse(s))
            }
        }

        vocabulary!(@common $name $spelling [$($variant),+]);
        serde_via_display!($name);
    };

    // A vocabulary whose values are all known.
    (
        $(#[$attr:meta])*
        $vis:vis enum $name:ident[
            $what:literal, $spelling:ident
            $(, expected = $expected:literal)?
            $(, otherwise = $otherwise:expr)?
            $(, data = $data_ty:ty)?
            $(, serde = $serde:ident)?
        ] {
            $(
                $(#[$vattr:meta])*
                $variant:ident $(= $disc:literal)? => $canon:literal $(| $alias:literal)* $(, $data:expr)?;
            )+
        }
    ) => {
        $(#[$attr])*
        #[doc = ""]
        #[doc = vocabulary!(@table $name $(, $variant, $canon $(, $alias)*)+)]
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        $vis enum $name {
            $(
                $(#[$vattr])*
                #[doc = ""]
                #[doc = concat!("Spelt `", $canon, "`.")]
                $variant $(= $disc)?,
            )+
        }

        impl $name {
            /// The value's canonical spelling: `Display`, serde, and the first of
            /// [`spellings`](Self::spellings).
            pub const fn $spelling(self) -> &'static str {
                match self {
                    $($name::$variant => $canon,)+
                }
            }

            /// Every spelling `FromStr` accepts for this value, the canonical one first.
            pub const fn spellings(self) -> &'static [&'static str] {
                match self {
                    $($name::$variant => &[$canon $(, $alias)*],)+
                }
            }

            /// Parses any spelling (the same as `FromStr`).
            ///
            /// # Errors
            /// The crate's error naming the input and what is expected.
            pub fn parse(s: &str) -> $crate::Result<$name> {
                let t = $crate::macros::normalize(s);
                match <$name as ::strum::VariantArray>::VARIANTS
                    .iter()
                    .find(|v| v.spellings().iter().any(|sp| sp.eq_ignore_ascii_case(&t)))
                {
                    Some(v) => Ok(*v),
                    None => vocabulary!(
                        @unmatched s, $name, $what, $spelling, [$($expected)?], [$($otherwise)?]
                    ),
                }
            }
        }

        impl ::std::str::FromStr for $name {
            type Err = $crate::Error;
            fn from_str(s: &str) -> $crate::Result<$name> {
                $name::parse(s)
            }
        }

        impl ::std::convert::From<$name> for &'static str {
            fn from(v: $name) -> &'static str {
                v.$spelling()
            }
        }

        vocabulary!(@data $name [$($data_ty)?] [$($variant $(=> $data)?),+]);
        vocabulary!(@common $name $spelling [$($variant),+]);
        vocabulary!(@serde $name [$($serde)?]);
    };

    // The docs' table of spellings.
    (@table $name:ident $(, $variant:ident, $canon:literal $(, $alias:literal)*)+) => {
        concat!(
            "| value | spelling | also accepted |\n|---|---|---|",
            $(
                "\n| [`", stringify!($variant), "`](", stringify!($name), "::",
                stringify!($variant), ") | `", $canon, "` | ", $("`", $alias, "` ",)* "|",
            )+
        )
    };

    // What `parse` does with an input no row matches.
    (@unmatched $s:ident, $name:ident, $what:literal, $spelling:ident, [], []) => {
        Err($crate::Error::Unknown {
            vocabulary: $what,
            value: $s.to_owned(),
            hint: Some(format!(
                "expected {}",
                $crate::macros::one_of(
                    <$name as ::strum::VariantArray>::VARIANTS.iter().map(|v| v.$spelling())
                )
            )),
        })
    };
    (@unmatched $s:ident, $name:ident, $what:literal, $spelling:ident, [$expected:literal], []) => {
        Err($crate::Error::Unknown {
            vocabulary: $what,
            value: $s.to_owned(),
            hint: Some(concat!("expected ", $expected).to_owned()),
        })
    };
    (@unmatched $s:ident, $name:ident, $what:literal, $spelling:ident, [$($expected:literal)?],
        [$otherwise:expr]) => {
        ($otherwise)($s)
    };

    (@data $name:ident [] [$($rest:tt)*]) => {};
    (@data $name:ident [$data_ty:ty] [$($variant:ident => $data:expr),+]) => {
        impl $name {
            /// The table's data column.
            const fn data(self) -> $data_ty {
                match self {
                    $($name::$variant => $data,)+
                }
            }
        }
    };

    (@serde $name:ident []) => {
        serde_via_display!($name);
    };
    (@serde $name:ident [manual]) => {};

    (@common $name:ident $spelling:ident [$($variant:ident),+]) => {
        impl ::strum::VariantArray for $name {
            const VARIANTS: &'static [$name] = &[$($name::$variant),+];
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.pad(self.$spelling())
            }
        }
    };
}

/// `Serialize` through `Display`, `Deserialize` through `FromStr` (whose error names the input).
macro_rules! serde_via_display {
    ($t:ty) => {
        impl ::serde::Serialize for $t {
            fn serialize<S: ::serde::Serializer>(
                &self,
                s: S,
            ) -> ::std::result::Result<S::Ok, S::Error> {
                s.collect_str(self)
            }
        }
        impl<'de> ::serde::Deserialize<'de> for $t {
            fn deserialize<D: ::serde::Deserializer<'de>>(
                d: D,
            ) -> ::std::result::Result<Self, D::Error> {
                struct Visitor;
                impl ::serde::de::Visitor<'_> for Visitor {
                    type Value = $t;
                    fn expecting(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                        f.write_str("a string")
                    }
                    fn visit_str<E: ::serde::de::Error>(
                        self,
                        s: &str,
                    ) -> ::std::result::Result<$t, E> {
                        s.parse::<$t>().map_err(E::custom)
                    }
                }
                d.deserialize_str(Visitor)
            }
        }
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalize_borrows_unless_there_is_something_to_clean() {
        assert!(matches!(normalize("  Noted "), Cow::Borrowed("Noted")));
        assert!(matches!(normalize("- Noted"), Cow::Borrowed("Noted")));
        assert_eq!(
            normalize("Supported\u{a0}/\u{a0}Noted"),
            "Supported / Noted"
        );
        assert_eq!(normalize("-\u{a0}Supported "), "Supported");
        assert_eq!(normalize("to  be\texamined"), "to be examined");
    }

    #[test]
    fn one_of_lists() {
        assert_eq!(one_of([]), "");
        assert_eq!(one_of(["a"]), "a");
        assert_eq!(one_of(["a", "b"]), "a or b");
        assert_eq!(one_of(["a", "b", "c"]), "a, b or c");
    }
}
