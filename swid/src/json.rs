//! The JSON form (feature `json`): the CoSWID map with the CDDL names as keys.
//!
//! RFC 9393 defines no JSON; this is the de-facto form (veraison's and NIST's builders use the
//! CDDL names too), made exact:
//!
//! | item | JSON |
//! |---|---|
//! | keys | the CDDL names: `tag-id`, `software-name`, `entity-name`, `reg-id` … |
//! | registry values | their XML names (`tagCreator`, `patches`); values outside the registry as they were, text or number |
//! | `one-or-more<T>` | one item bare, several as an array; both are read |
//! | `tag-id`, `generator` | a string, or `{"uuid": "2df9de35-0aff-4a86-ace6-f7dddd1ade4c"}` for a 16-byte UUID |
//! | `hash-entry` | `[alg, "<hex>"]`, `alg` the Named Information id, or the algorithm's name (`"md5"`) when it has none |
//! | `date` | the `xs:dateTime` text |
//! | `path-elements` | `{"directory": …, "file": …}` as in CBOR |
//! | unknown entries | members with their label as key: an integer label as its decimal text, which is the only key read as an integer (`"-7"`, not `"-07"`); a text label that is such a text is refused on encode |
//!
//! XML-only content (foreign attributes and elements, `Entity/Meta`, the layout) has no JSON form.
//!
//! ```
//! use iso19770_swid::{Entity, Role, SoftwareIdentity};
//!
//! let mut tag = SoftwareIdentity::new("hello", "example.com-hello-1.0");
//! tag.tag_version = Some(0);
//! tag.entities.push(Entity::new("Example", [Role::TagCreator, Role::SoftwareCreator]));
//! let json = tag.to_json_string()?;
//! assert_eq!(
//!     json,
//!     r#"{"software-name":"hello","tag-id":"example.com-hello-1.0","tag-version":0,"entity":{"entity-name":"Example","role":["tagCreator","softwareCreator"]}}"#
//! );
//! assert_eq!(SoftwareIdentity::from_json_str(&json)?, tag);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use crate::error::{DecodeError, EncodeError};
use crate::model::{Directory, File, HashEntry, SoftwareIdentity, TagId, Text};
use crate::registry::HashAlgorithm;
use iso19770_core::cbor::{CborEntry, CborValue};
use iso19770_core::{Extensions, Label};
use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::ser::{SerializeMap, SerializeSeq, Serializer};
use serde::{Deserialize, Serialize};
use std::fmt;

impl SoftwareIdentity {
    /// Decodes a tag from its JSON form.
    ///
    /// ```
    /// use iso19770_swid::{DecodeError, SoftwareIdentity};
    ///
    /// let err = SoftwareIdentity::from_json_str(r#"{"tag-id": "x", "corpus": "yes"}"#).unwrap_err();
    /// assert!(matches!(err, DecodeError::Json { .. }));
    /// assert_eq!(err.path().to_string(), "corpus");
    /// assert_eq!(err.position().line(), Some(1));
    /// ```
    pub fn from_json_str(json: &str) -> Result<Self, DecodeError> {
        // RFC 8259 lets a parser ignore a byte-order mark.
        let json = json.strip_prefix('\u{feff}').unwrap_or(json);
        // The fast way first; on an error, again with the path tracked (about 40 % slower).
        let tag = match serde_json::from_str::<Self>(json) {
            Ok(tag) => tag,
            Err(_) => Self::from_json_str_tracked(json)?,
        };
        // The keys the CDDL requires (tag-version has the XSD's default, 0, when absent).
        let missing = if tag.tag_id.is_none() {
            Some("tag-id")
        } else if tag.name.is_none() {
            Some("software-name")
        } else if tag.entities.is_empty() {
            Some("entity")
        } else {
            None
        };
        if let Some(key) = missing {
            return Err(DecodeError::MissingKey { at: Box::default(), key });
        }
        Ok(tag)
    }

    /// Decodes with the path of an error tracked.
    fn from_json_str_tracked(json: &str) -> Result<Self, DecodeError> {
        iso19770_core::json::from_str_tracked(json)
            .map_err(|e| DecodeError::Json { at: Box::new(e.at), message: e.message })
    }

    /// Encodes the tag in its JSON form (compact).
    ///
    /// A tag without what [`from_json_str`](Self::from_json_str) requires (`tag-id`,
    /// `software-name`, an `entity`) is [`EncodeError::MissingRequired`], and a kept entry whose
    /// text label is the name of a member its map writes (a CBOR text key `"tag-id"`) is
    /// [`EncodeError::Json`], as is one whose text label is an integer's decimal text (a CBOR text
    /// key `"5"`, which JSON cannot tell from the integer key 5): what is written reads back (a
    /// tag that keeps entries is read again to make sure).
    pub fn to_json_string(&self) -> Result<String, EncodeError> {
        check_representable(self)?;
        let json = serde_json::to_string(self).map_err(|e| EncodeError::Json { message: e.to_string() })?;
        check_reads_back(self, &json)?;
        Ok(json)
    }

    /// Encodes the tag in its JSON form, indented.
    pub fn to_json_string_pretty(&self) -> Result<String, EncodeError> {
        check_representable(self)?;
        let json = serde_json::to_string_pretty(self).map_err(|e| EncodeError::Json { message: e.to_string() })?;
        check_reads_back(self, &json)?;
        Ok(json)
    }
}

/// A kept entry with a text label can take the name of a member of its map: the JSON written
/// then has that member twice, which the decoder refuses. Only a tag that keeps entries is read
/// again.
fn check_reads_back(tag: &SoftwareIdentity, json: &str) -> Result<(), EncodeError> {
    if !crate::omission::has_entries(tag) {
        return Ok(());
    }
    match SoftwareIdentity::from_json_str(json) {
        Ok(_) => Ok(()),
        Err(e) => Err(EncodeError::Json {
            message: match iso19770_core::json::duplicate_member(&e.to_string()) {
                Some(key) => format!("{}: a kept entry would write the member {key} twice", e.path()),
                None => format!("the JSON written does not read back: {e}"),
            },
        }),
    }
}

/// The JSON Schema of the JSON form (feature `schema`), pretty-printed.
///
/// ```
/// let schema = iso19770_swid::json::schema();
/// assert!(schema.contains("\"software-name\""));
/// ```
#[cfg(feature = "schema")]
pub fn schema() -> String {
    let mut schema = serde_json::Value::from(schemars::schema_for!(SoftwareIdentity));
    // What the encoder writes: an absent item is left out, never `null`.
    iso19770_core::schema::no_null_members(&mut schema);
    // The keys `from_json_str` requires (`MissingKey` otherwise), as the CDDL does.
    if let Some(root) = schema.as_object_mut() {
        root.insert("required".to_owned(), serde_json::json!(["tag-id", "software-name", "entity"]));
    }
    serde_json::to_string_pretty(&schema).unwrap_or_default() + "\n"
}

/// The JSON form carries what CoSWID carries (see [`SoftwareIdentity::coswid_omissions`]).
fn check_representable(tag: &SoftwareIdentity) -> Result<(), EncodeError> {
    crate::omission::check(tag, false, "CoSWID")?;
    // What `from_json_str` requires, so that what is written reads back.
    let missing = if tag.tag_id.is_none() {
        Some("tag-id")
    } else if tag.name.is_none() {
        Some("software-name")
    } else if tag.entities.is_empty() {
        Some("entity")
    } else {
        None
    };
    match missing {
        Some(key) => Err(EncodeError::MissingRequired { path: iso19770_core::Path::default(), key }),
        None => Ok(()),
    }
}

/// `one-or-more<T>`: one item bare, several as an array.
pub(crate) mod one_or_more {
    use super::{Deserialize, Deserializer, MapAccess, Serialize, SerializeSeq, Serializer, Visitor, de, fmt};
    use serde::de::{SeqAccess, value};

    pub(crate) fn serialize<S: Serializer, T: Serialize>(items: &[T], s: S) -> Result<S::Ok, S::Error> {
        if let [one] = items {
            return one.serialize(s);
        }
        let mut seq = s.serialize_seq(Some(items.len()))?;
        for item in items {
            seq.serialize_element(item)?;
        }
        seq.end()
    }

    /// Reads an array item by item and anything else as the one item, so that an error inside
    /// keeps its path (`entity[1]/role`) rather than "no variant matched".
    pub(crate) fn deserialize<'de, D: Deserializer<'de>, T: Deserialize<'de>>(d: D) -> Result<Vec<T>, D::Error> {
        d.deserialize_any(OneOrMany(std::marker::PhantomData))
    }

    struct OneOrMany<T>(std::marker::PhantomData<T>);

    impl<'de, T: Deserialize<'de>> Visitor<'de> for OneOrMany<T> {
        type Value = Vec<T>;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("one item or an array of items")
        }
        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<T>, A::Error> {
            // Bounded by the input: each element consumes at least one byte of it.
            let mut out = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(64));
            while let Some(x) = seq.next_element()? {
                out.push(x);
            }
            Ok(out)
        }
        fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Vec<T>, A::Error> {
            T::deserialize(value::MapAccessDeserializer::new(map)).map(|x| vec![x])
        }
        fn visit_str<E: de::Error>(self, v: &str) -> Result<Vec<T>, E> {
            T::deserialize(value::StrDeserializer::<E>::new(v)).map(|x| vec![x])
        }
        fn visit_i64<E: de::Error>(self, v: i64) -> Result<Vec<T>, E> {
            T::deserialize(value::I64Deserializer::<E>::new(v)).map(|x| vec![x])
        }
        fn visit_u64<E: de::Error>(self, v: u64) -> Result<Vec<T>, E> {
            T::deserialize(value::U64Deserializer::<E>::new(v)).map(|x| vec![x])
        }
        fn visit_f64<E: de::Error>(self, v: f64) -> Result<Vec<T>, E> {
            T::deserialize(value::F64Deserializer::<E>::new(v)).map(|x| vec![x])
        }
        fn visit_bool<E: de::Error>(self, v: bool) -> Result<Vec<T>, E> {
            T::deserialize(value::BoolDeserializer::<E>::new(v)).map(|x| vec![x])
        }
    }
}

/// A collection that JSON (like CoSWID) holds at most one of: the first item.
pub(crate) mod single {
    use super::{Deserialize, Deserializer, Serialize, Serializer};

    pub(crate) fn serialize<S: Serializer, T: Serialize>(items: &[T], s: S) -> Result<S::Ok, S::Error> {
        match items.first() {
            Some(x) => x.serialize(s),
            None => s.serialize_none(),
        }
    }

    pub(crate) fn deserialize<'de, D: Deserializer<'de>, T: Deserialize<'de>>(d: D) -> Result<Vec<T>, D::Error> {
        T::deserialize(d).map(|x| vec![x])
    }
}

/// The schema of `one-or-more<T>`.
#[cfg(feature = "schema")]
#[derive(schemars::JsonSchema)]
#[serde(untagged)]
#[allow(dead_code)]
pub(crate) enum OneOrMore<T> {
    /// One item.
    One(T),
    /// Several.
    Many(Vec<T>),
}

/// The unknown entries of a map, as members of the JSON object.
pub(crate) mod entries {
    use super::{CborEntry, CborValue, Deserialize, Deserializer, Extensions, Serializer};
    use iso19770_core::json::entries::label;

    /// As the other crates' JSON forms write them (an integer label as its decimal text; a text
    /// label that is such a text refused).
    pub(crate) fn serialize<S: Serializer>(ext: &Extensions, s: S) -> Result<S::Ok, S::Error> {
        iso19770_core::json::entries::serialize(ext, s)
    }

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Extensions, D::Error> {
        let members: Vec<(String, CborValue)> =
            std::collections::BTreeMap::<String, CborValue>::deserialize(d)?.into_iter().collect();
        let entries = members.into_iter().map(|(k, value)| CborEntry { label: label(k), value }).collect();
        Ok(Extensions { entries, ..Extensions::default() })
    }
}

/// The schema of unknown entries: any further members.
#[cfg(feature = "schema")]
#[derive(schemars::JsonSchema)]
#[allow(dead_code)]
pub(crate) struct Entries(std::collections::BTreeMap<String, CborValue>);

/// A file's hashes: CoSWID's `file-entry` has one, the first.
pub(crate) mod first_hash {
    use super::{Deserialize, Deserializer, HashEntry, Serialize, Serializer};

    pub(crate) fn serialize<S: Serializer>(hashes: &[HashEntry], s: S) -> Result<S::Ok, S::Error> {
        match hashes.first() {
            Some(h) => h.serialize(s),
            None => s.serialize_none(),
        }
    }

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<HashEntry>, D::Error> {
        HashEntry::deserialize(d).map(|h| vec![h])
    }
}

impl Serialize for TagId {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            TagId::Text(t) => s.serialize_str(t),
            TagId::Uuid(_) => {
                let mut m = s.serialize_map(Some(1))?;
                m.serialize_entry("uuid", &self.to_string())?;
                m.end()
            }
        }
    }
}

/// The 16 bytes of a hyphenated UUID.
fn parse_uuid(text: &str) -> Option<[u8; 16]> {
    let hex: String = text.chars().filter(|&c| c != '-').collect();
    if text.len() != 36 || hex.len() != 32 {
        return None;
    }
    let bytes = crate::hex::decode(&hex)?;
    bytes.try_into().ok()
}

impl<'de> Deserialize<'de> for TagId {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = TagId;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string, or {\"uuid\": \"…\"}")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<TagId, E> {
                Ok(TagId::Text(v.to_owned()))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<TagId, A::Error> {
                let mut uuid = None;
                while let Some(k) = map.next_key::<String>()? {
                    if k != "uuid" || uuid.is_some() {
                        return Err(de::Error::custom("expected one member, uuid"));
                    }
                    let text: String = map.next_value()?;
                    uuid = Some(parse_uuid(&text).ok_or_else(|| de::Error::custom(format!("{text:?} is not a UUID")))?);
                }
                uuid.map(TagId::Uuid).ok_or_else(|| de::Error::custom("expected {\"uuid\": \"…\"}"))
            }
        }
        d.deserialize_any(V)
    }
}

impl Serialize for HashEntry {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut seq = s.serialize_seq(Some(2))?;
        match self.algorithm.named_information_id() {
            Some(id) => seq.serialize_element(&id)?,
            None => seq.serialize_element(self.algorithm.name().unwrap_or_default())?,
        }
        seq.serialize_element(&self.to_hex())?;
        seq.end()
    }
}

impl<'de> Deserialize<'de> for HashEntry {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let (alg, hex): (Label, String) = Deserialize::deserialize(d)?;
        let algorithm = match alg {
            Label::Int(id) => HashAlgorithm::from_named_information_id(id),
            Label::Text(name) => HashAlgorithm::from_name(&name)
                .ok_or_else(|| de::Error::custom(format!("unknown hash algorithm {name:?}")))?,
        };
        HashEntry::from_hex(algorithm, &hex).ok_or_else(|| de::Error::custom(format!("{hex:?} is not hex")))
    }
}

/// `directory-entry` with its children in `path-elements`.
#[derive(Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "kebab-case")]
struct DirectoryJson {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    fs_name: Option<Text>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    key: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    location: Option<Text>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    root: Option<Text>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    path_elements: Option<PathElements>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    lang: Option<Text>,
    #[serde(flatten, with = "entries")]
    #[cfg_attr(feature = "schema", schemars(with = "Entries"))]
    extensions: Extensions,
}

/// The items of a resource collection, read as named members (not through `flatten`, which
/// would buffer them and lose the path of an error inside).
macro_rules! collection_json {
    ($(#[$doc:meta])* $name:ident => $model:ident { $($field:ident: $ty:ty),* }) => {
        $(#[$doc])*
        #[derive(Deserialize)]
        #[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
        #[serde(rename_all = "kebab-case")]
        pub(crate) struct $name {
            $(#[serde(default)] $field: $ty,)*
            /// `@xml:lang`.
            #[serde(default)]
            lang: Option<Text>,
            /// `Directory` children (CoSWID key 16).
            #[serde(default, with = "one_or_more")]
            #[cfg_attr(feature = "schema", schemars(with = "Option<OneOrMore<Directory>>"))]
            directory: Vec<Directory>,
            /// `File` children (CoSWID key 17).
            #[serde(default, with = "one_or_more")]
            #[cfg_attr(feature = "schema", schemars(with = "Option<OneOrMore<File>>"))]
            file: Vec<File>,
            /// `Process` children (CoSWID key 18).
            #[serde(default, with = "one_or_more")]
            #[cfg_attr(feature = "schema", schemars(with = "Option<OneOrMore<crate::model::Process>>"))]
            process: Vec<crate::model::Process>,
            /// `Resource` children (CoSWID key 19).
            #[serde(default, with = "one_or_more")]
            #[cfg_attr(feature = "schema", schemars(with = "Option<OneOrMore<crate::model::Resource>>"))]
            resource: Vec<crate::model::Resource>,
            /// Entries the model has no field for.
            #[serde(flatten, with = "entries")]
            #[cfg_attr(feature = "schema", schemars(with = "Entries"))]
            extensions: Extensions,
        }

        impl From<$name> for crate::model::$model {
            fn from(j: $name) -> Self {
                crate::model::$model {
                    $($field: j.$field,)*
                    lang: j.lang,
                    items: crate::model::ResourceCollection {
                        directories: j.directory,
                        files: j.file,
                        processes: j.process,
                        resources: j.resource,
                    },
                    extensions: j.extensions,
                    ..Default::default()
                }
            }
        }
    };
}

collection_json!(
    /// `payload-entry` as read from JSON.
    PayloadJson => Payload {}
);
collection_json!(
    /// `evidence-entry` as read from JSON.
    EvidenceJson => Evidence {
        date: Option<iso19770_core::DateTime>,
        device_id: Option<Text>,
        location: Option<Text>
    }
);

/// `path-elements = { ? directory, ? file }`.
#[derive(Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
struct PathElements {
    #[serde(default, skip_serializing_if = "Vec::is_empty", with = "one_or_more")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<OneOrMore<Directory>>"))]
    directory: Vec<Directory>,
    #[serde(default, skip_serializing_if = "Vec::is_empty", with = "one_or_more")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<OneOrMore<File>>"))]
    file: Vec<File>,
}

impl Serialize for Directory {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let children = !self.directories.is_empty() || !self.files.is_empty();
        DirectoryJson {
            key: self.key,
            location: self.location.clone(),
            fs_name: self.name.clone(),
            root: self.root.clone(),
            path_elements: children
                .then(|| PathElements { directory: self.directories.clone(), file: self.files.clone() }),
            lang: self.lang.clone(),
            extensions: Extensions { entries: self.extensions.entries.clone(), ..Extensions::default() },
        }
        .serialize(s)
    }
}

impl<'de> Deserialize<'de> for Directory {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let j = DirectoryJson::deserialize(d)?;
        let (directories, files) = j.path_elements.map(|p| (p.directory, p.file)).unwrap_or_default();
        Ok(Directory {
            name: j.fs_name,
            key: j.key,
            location: j.location,
            root: j.root,
            lang: j.lang,
            directories,
            files,
            extensions: j.extensions,
            ..Directory::default()
        })
    }
}

#[cfg(feature = "schema")]
impl schemars::JsonSchema for Directory {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Directory".into()
    }
    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        DirectoryJson::json_schema(generator)
    }
}

#[cfg(feature = "schema")]
impl schemars::JsonSchema for TagId {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "TagId".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "oneOf": [
                { "type": "string" },
                {
                    "type": "object",
                    "properties": { "uuid": { "type": "string", "pattern": "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$" } },
                    "required": ["uuid"],
                    "additionalProperties": false
                }
            ]
        })
    }
}

#[cfg(feature = "schema")]
impl schemars::JsonSchema for HashEntry {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "HashEntry".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "array",
            "prefixItems": [
                { "type": ["integer", "string"], "description": "Named Information id, or the algorithm's name" },
                { "type": "string", "pattern": "^([0-9a-fA-F]{2})*$" }
            ],
            "minItems": 2,
            "maxItems": 2
        })
    }
}
