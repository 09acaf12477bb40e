//! Internal macros for vocabulary types: one spelling for `Display` and serde, so the two
//! cannot drift.

/// `Display`, `Serialize` and `Deserialize` through one spelling: `$name(self) -> &'static str`
/// writes it, `$parse(&str) -> Result<Self, impl Display>` reads it back.
macro_rules! text_vocabulary {
    ($t:ty, $name:ident, $parse:expr) => {
        impl ::std::fmt::Display for $t {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.$name())
            }
        }
        impl ::serde::Serialize for $t {
            fn serialize<S: ::serde::Serializer>(
                &self,
                s: S,
            ) -> ::std::result::Result<S::Ok, S::Error> {
                s.serialize_str(self.$name())
            }
        }
        impl<'de> ::serde::Deserialize<'de> for $t {
            fn deserialize<D: ::serde::Deserializer<'de>>(
                d: D,
            ) -> ::std::result::Result<Self, D::Error> {
                let s = <String as ::serde::Deserialize>::deserialize(d)?;
                let parse: fn(&str) -> _ = $parse;
                parse(&s).map_err(::serde::de::Error::custom)
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
                let s = <String as ::serde::Deserialize>::deserialize(d)?;
                s.parse::<$t>().map_err(::serde::de::Error::custom)
            }
        }
    };
}
