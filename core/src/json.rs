//! JSON decoding with the position and path of an error, shared by the crates' JSON forms
//! (feature `json`).

use crate::{Location, Path, PathSegment, Position};
use serde::de::DeserializeOwned;

/// Why a JSON text could not be decoded: where (line, column, byte offset and the path of the
/// item, such as `entity[1]/role`) and `serde_json`'s message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct JsonError {
    /// The position and path.
    pub at: Location,
    /// What is wrong.
    pub message: String,
}

/// Decodes `json` as a `T`, tracking the path so that an error names the item it is in.
///
/// Tracking costs time: decode with `serde_json::from_str` first and call this on an error.
///
/// ```
/// let e = iso19770_core::json::from_str_tracked::<Vec<u8>>("[1,\n 2,\n -3]").unwrap_err();
/// assert_eq!(e.at.path.to_string(), "[2]");
/// assert_eq!(e.at.position.line(), Some(3));
/// ```
pub fn from_str_tracked<T: DeserializeOwned>(json: &str) -> Result<T, JsonError> {
    let mut de = serde_json::Deserializer::from_str(json);
    let value: T = serde_path_to_error::deserialize(&mut de).map_err(|e| {
        let path = path_of(e.path());
        let inner = e.into_inner();
        let position = Position::at_line_column(json, inner.line(), inner.column());
        JsonError { at: Location::new(position, path), message: inner.to_string() }
    })?;
    de.end().map_err(|e| JsonError {
        at: Location::new(Position::at_line_column(json, e.line(), e.column()), Path::default()),
        message: e.to_string(),
    })?;
    Ok(value)
}

/// A `serde_path_to_error` path as a [`Path`] (`terms[0]/end`).
fn path_of(p: &serde_path_to_error::Path) -> Path {
    let mut out = Path::default();
    for seg in p {
        match seg {
            serde_path_to_error::Segment::Seq { index } => out.push(PathSegment::Index(*index)),
            serde_path_to_error::Segment::Map { key } => out.push(PathSegment::key(key.clone())),
            serde_path_to_error::Segment::Enum { variant } => out.push(PathSegment::key(variant.clone())),
            serde_path_to_error::Segment::Unknown => {}
        }
    }
    out
}

/// Serde glue for the map entries of [`Extensions`](crate::Extensions), flattened into the object
/// they belong to: each member the model has no field for is an entry labelled by its key, written
/// back as a member. A key that is an integer's decimal text as written (`"-7"`, `"777"`; not
/// `"-07"`, `"+7"` or `"-0"`) is an integer label, so that an unknown integer key of a CBOR form
/// keeps its kind through JSON; every other key is a text label. A text label that is such a
/// text cannot be written (JSON could not tell it from the integer): the serializer refuses it.
/// Use as `#[serde(flatten, with = "iso19770_core::json::entries")]`.
///
/// ```
/// use iso19770_core::{Extensions, Label};
///
/// #[derive(serde::Serialize, serde::Deserialize, Debug, PartialEq)]
/// struct Thing {
///     name: String,
///     #[serde(flatten, with = "iso19770_core::json::entries")]
///     extensions: Extensions,
/// }
/// let t: Thing = serde_json::from_str(r#"{"name": "a", "x-seats": 12}"#)?;
/// assert!(t.extensions.entry(&Label::Text("x-seats".into())).is_some());
/// assert_eq!(serde_json::to_string(&t)?, r#"{"name":"a","x-seats":12}"#);
/// let t: Thing = serde_json::from_str(r#"{"name": "a", "777": 1, "0777": 2}"#)?;
/// assert!(t.extensions.entry(&Label::Int(777)).is_some());
/// assert!(t.extensions.entry(&Label::Text("0777".into())).is_some());
/// # Ok::<(), serde_json::Error>(())
/// ```
pub mod entries {
    use crate::cbor::{CborEntry, CborValue};
    use crate::{Extensions, Label};
    use serde::de::{self, Deserializer, Visitor};
    use serde::ser::{SerializeMap, Serializer};
    use std::fmt;

    /// Writes each entry as a member; refuses a text label that would read back as an integer.
    pub fn serialize<S: Serializer>(ext: &Extensions, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(ext.entries.len()))?;
        for entry in &ext.entries {
            if let Label::Text(text) = &entry.label
                && let Some(n) = integer_key(text)
            {
                return Err(serde::ser::Error::custom(format!(
                    "the kept entry with the text label {text:?} would read back as the integer label {n}"
                )));
            }
            map.serialize_entry(&entry.label.to_string(), &entry.value)?;
        }
        map.end()
    }

    /// The label a member's key stands for: an integer when the key is an integer's decimal text
    /// as written (`"-7"`, not `"-07"`, `"+7"` or `"-0"`), else the text.
    ///
    /// ```
    /// use iso19770_core::Label;
    /// use iso19770_core::json::entries::label;
    ///
    /// assert_eq!(label("-7".into()), Label::Int(-7));
    /// assert_eq!(label("-07".into()), Label::Text("-07".into()));
    /// assert_eq!(label("x-seats".into()), Label::Text("x-seats".into()));
    /// ```
    pub fn label(key: String) -> Label {
        match integer_key(&key) {
            Some(n) => Label::Int(n),
            None => Label::Text(key),
        }
    }

    /// The integer whose decimal text `key` is, as written.
    fn integer_key(key: &str) -> Option<i64> {
        key.parse::<i64>().ok().filter(|n| n.to_string() == key)
    }

    /// Reads the remaining members as entries.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Extensions, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Extensions;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("members")
            }
            fn visit_map<A: de::MapAccess<'de>>(self, mut map: A) -> Result<Extensions, A::Error> {
                let mut ext = Extensions::default();
                while let Some((key, value)) = map.next_entry::<String, CborValue>()? {
                    ext.entries.push(CborEntry::new(label(key), value));
                }
                Ok(ext)
            }
        }
        d.deserialize_map(V)
    }

    /// The schema of flattened unknown members (feature `schema`): any further member. Use as
    /// `#[schemars(with = "iso19770_core::json::entries::Schema")]`.
    #[cfg(feature = "schema")]
    pub type Schema = std::collections::BTreeMap<String, serde_json::Value>;
}

/// The member a `serde_json` "duplicate field" message names (a kept entry whose text label is
/// the name of a member of its object), for the encoders that check what they wrote.
///
/// ```
/// use iso19770_core::json::duplicate_member;
///
/// assert_eq!(duplicate_member("line 1, column 9: duplicate field `rumId` at line 1 column 9"), Some("rumId".to_owned()));
/// assert_eq!(duplicate_member("expected value"), None);
/// ```
pub fn duplicate_member(message: &str) -> Option<String> {
    let rest = message.split_once("duplicate field `")?.1;
    rest.split_once('`').map(|(name, _)| name.to_owned())
}
