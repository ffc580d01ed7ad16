//! The text of an attribute value.

use std::borrow::{Borrow, Cow};
use std::fmt;
use std::hash::{Hash, Hasher};
use std::ops::Deref;

/// The text of an attribute value: CDDL `text` (CoSWID `software-name`, `entity-name`, `fs-name`
/// …), XSD `xs:string`, `xs:token` and `xs:anyURI` (the `name`, `regid`, `version`, `location`
/// … attributes).
///
/// Text of up to 24 bytes (a file name, a version, a registration id) is held in the value itself
/// rather than on the heap, so that decoding a tag with many files does not allocate once per
/// name; longer text is on the heap. It reads as a string slice (`Deref<Target = str>`), compares
/// equal to a `str` or `String` with the same characters, hashes as the `str` does, and converts
/// from and into `String`.
///
/// ```
/// use iso19770_swid::{File, Text};
///
/// let mut file = File::new("libexample.so.1");
/// assert_eq!(file.name.as_deref(), Some("libexample.so.1"));
/// file.location = Some("/usr/lib64".into());
/// let location: &Text = file.location.as_ref().expect("set");
/// assert_eq!(location, "/usr/lib64");
/// assert!(location.starts_with('/'));
/// assert_eq!(String::from(location.clone()), "/usr/lib64");
/// ```
#[derive(Clone, Default, PartialEq, Eq, PartialOrd, Ord)]
pub struct Text(compact_str::CompactString);

impl Text {
    /// Text with these characters.
    pub fn new(text: &str) -> Self {
        Text(compact_str::CompactString::new(text))
    }

    /// The characters.
    #[inline]
    pub fn as_str(&self) -> &str {
        self.0.as_str()
    }
}

impl Deref for Text {
    type Target = str;

    #[inline]
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl AsRef<str> for Text {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl Borrow<str> for Text {
    fn borrow(&self) -> &str {
        self.as_str()
    }
}

impl Hash for Text {
    /// As the `str` does, so that a `Text` key is found by its `&str` (see [`Borrow`]).
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.as_str().hash(state);
    }
}

impl From<&str> for Text {
    fn from(text: &str) -> Self {
        Text::new(text)
    }
}

impl From<&String> for Text {
    fn from(text: &String) -> Self {
        Text::new(text)
    }
}

impl From<String> for Text {
    fn from(text: String) -> Self {
        Text(compact_str::CompactString::from(text))
    }
}

impl From<Cow<'_, str>> for Text {
    fn from(text: Cow<'_, str>) -> Self {
        match text {
            Cow::Borrowed(text) => Text::new(text),
            Cow::Owned(text) => Text::from(text),
        }
    }
}

impl From<Box<str>> for Text {
    fn from(text: Box<str>) -> Self {
        Text::from(String::from(text))
    }
}

impl From<Text> for String {
    fn from(text: Text) -> Self {
        text.0.into_string()
    }
}

impl std::str::FromStr for Text {
    type Err = std::convert::Infallible;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Ok(Text::new(text))
    }
}

impl fmt::Debug for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl fmt::Display for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self.as_str(), f)
    }
}

impl PartialEq<str> for Text {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for Text {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialEq<String> for Text {
    fn eq(&self, other: &String) -> bool {
        self.as_str() == other.as_str()
    }
}

impl PartialEq<Text> for str {
    fn eq(&self, other: &Text) -> bool {
        self == other.as_str()
    }
}

impl PartialEq<Text> for &str {
    fn eq(&self, other: &Text) -> bool {
        *self == other.as_str()
    }
}

impl PartialEq<Text> for String {
    fn eq(&self, other: &Text) -> bool {
        self.as_str() == other.as_str()
    }
}

#[cfg(feature = "json")]
impl serde::Serialize for Text {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

#[cfg(feature = "json")]
impl<'de> serde::Deserialize<'de> for Text {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visit;
        impl serde::de::Visitor<'_> for Visit {
            type Value = Text;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Text, E> {
                Ok(Text::new(v))
            }
            fn visit_string<E: serde::de::Error>(self, v: String) -> Result<Text, E> {
                Ok(Text::from(v))
            }
        }
        deserializer.deserialize_str(Visit)
    }
}

#[cfg(feature = "schema")]
impl schemars::JsonSchema for Text {
    fn inline_schema() -> bool {
        <String as schemars::JsonSchema>::inline_schema()
    }

    fn schema_name() -> Cow<'static, str> {
        <String as schemars::JsonSchema>::schema_name()
    }

    fn schema_id() -> Cow<'static, str> {
        <String as schemars::JsonSchema>::schema_id()
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        <String as schemars::JsonSchema>::json_schema(generator)
    }
}

#[cfg(test)]
mod tests {
    use super::Text;
    use std::collections::HashSet;

    #[test]
    fn short_and_long_text_read_and_compare_as_str() {
        for s in ["", "a", "exactly-twenty-four-byte", "twenty-five bytes or more, on the heap", "křížala √36"] {
            let t = Text::from(s);
            assert_eq!(t.as_str(), s);
            assert_eq!(t, s);
            assert_eq!(s, t);
            assert_eq!(t, s.to_owned());
            assert_eq!(String::from(t.clone()), s);
            assert_eq!(Text::from(s.to_owned()), t);
            assert_eq!(format!("{t}|{t:?}"), format!("{s}|{s:?}"));
        }
        let (a, b) = (Text::from("a"), Text::from("b"));
        assert!(a < b);
        assert_eq!("x".parse::<Text>(), Ok(Text::from("x")));
    }

    #[test]
    fn a_text_key_is_found_by_its_str() {
        let set: HashSet<Text> = ["usr", "lib64"].into_iter().map(Text::from).collect();
        assert!(set.contains("lib64"));
        assert!(!set.contains("lib"));
    }

    #[cfg(feature = "json")]
    #[test]
    fn json_is_a_plain_string() {
        let t = Text::from("a \"quoted\" name");
        let json = serde_json::to_string(&t).unwrap_or_default();
        assert_eq!(json, r#""a \"quoted\" name""#);
        assert_eq!(serde_json::from_str::<Text>(&json).ok(), Some(t));
        assert!(serde_json::from_str::<Text>("7").is_err());
    }
}
