//! Open vocabularies: an enum of the names a crate knows, with an escape for any other name.

/// Defines an open vocabulary: an enum of known names with an `Other(String)` escape, its text
/// conversions, and, in a crate that has the features `json` (serde) and `schema` (schemars), its
/// JSON form (the name as a string) and schema.
///
/// The registry values of the ISO/IEC 19770 data models (roles, relations, metric names …) are
/// open: a document may carry a name that no version of this library knows, and it is kept as
/// written.
///
/// ```
/// iso19770_core::open_vocabulary! {
///     /// A colour.
///     pub enum Colour {
///         /// Red.
///         Red => "red",
///         /// Dark blue.
///         DarkBlue => "darkBlue",
///     }
/// }
/// assert_eq!(Colour::from("darkBlue"), Colour::DarkBlue);
/// assert_eq!(Colour::from("teal"), Colour::Other("teal".into()));
/// assert_eq!(Colour::Other("teal".into()).as_str(), "teal");
/// assert_eq!(Colour::KNOWN, ["red", "darkBlue"]);
/// ```
#[macro_export]
macro_rules! open_vocabulary {
    (
        $(#[$meta:meta])*
        pub enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident => $text:literal, )+
        }
    ) => {
        $(#[$meta])*
        #[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name {
            $( $(#[$vmeta])* $variant, )+
            /// A name this crate does not know, kept as written.
            Other(String),
        }

        impl $name {
            /// Every name this crate knows, in declaration order.
            pub const KNOWN: &'static [&'static str] = &[$($text),+];

            /// The name as written in documents.
            pub fn as_str(&self) -> &str {
                match self {
                    $( $name::$variant => $text, )+
                    $name::Other(text) => text,
                }
            }

            /// The value of a name: a known one, or [`Other`](Self::Other).
            pub fn from_name(text: &str) -> Self {
                match text {
                    $( $text => $name::$variant, )+
                    other => $name::Other(other.to_owned()),
                }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl From<&str> for $name {
            fn from(text: &str) -> Self {
                $name::from_name(text)
            }
        }

        #[cfg(feature = "json")]
        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        #[cfg(feature = "json")]
        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let text = <String as serde::Deserialize>::deserialize(d)?;
                Ok($name::from_name(&text))
            }
        }

        #[cfg(feature = "schema")]
        impl schemars::JsonSchema for $name {
            fn schema_name() -> std::borrow::Cow<'static, str> {
                stringify!($name).into()
            }
            fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
                schemars::json_schema!({
                    "type": "string",
                    "description": "a name this crate knows (see examples) or any other name, kept as written",
                    "examples": $name::KNOWN,
                })
            }
        }
    };
}
