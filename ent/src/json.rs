//! The JSON form (feature `json`): serde derives with camelCase member names.
//!
//! | item | JSON |
//! |---|---|
//! | members | camelCase field names: `entId`, `purchaseOrder`, `minimumPerProcessor` |
//! | metrics, rights, limitations | objects with a `type` (`{"type": "perCore", "packSize": 2}`); `{"type": "other", "name": …, "params": [{"name": …, "value": …}]}` for any other |
//! | roles, relations, term kinds, environments | their names as strings; a name this crate does not know is kept as written |
//! | exact decimals | strings in the `xs:decimal` form (`"0.5"`, `"1069.00"`, scale kept); integers are read too, a JSON number with a fraction or exponent is refused (it would pass through floating point) |
//! | quantity | a decimal string, or `"unlimited"` |
//! | dates | the `xs:dateTime` text, as written |
//! | unknown members | kept in the `extensions` of the object they are in, and written back; a member whose name is an integer's decimal text (`"777"`, not `"0777"`) is an integer label, as an unknown CBOR key is (numbers with a fraction go through `f64`) |
//!
//! A decode error carries the line, column and path of the member being read
//! ([`DecodeError::Json`]). A metric, right or limitation is read
//! whole before its `type` is known, so an error inside one is placed at the end of that object,
//! with the object's path (`metric`, `rights[2]`).
//!
//! Absent optional members are left out, never `null`. XML-only content (foreign attributes and
//! elements kept by the XML codec) has no JSON form: writing it is an [`EncodeError`].
//!
//! ```
//! use iso19770_ent::{Ent, Metric, Quantity};
//!
//! let ent = Ent::new("e-1").with_metric(Metric::per_core(8, 16, 2)).with_quantity(Quantity::count(16));
//! let json = ent.to_json_string()?;
//! assert_eq!(
//!     json,
//!     r#"{"entId":"e-1","quantity":"16","metric":{"type":"perCore","minimumPerProcessor":8,"minimumPerServer":16,"packSize":2}}"#
//! );
//! assert_eq!(Ent::from_json_str(&json)?, ent);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use crate::error::{DecodeError, EncodeError};
use crate::model::{Ent, Quantity};
use iso19770_core::{Extensions, Path, PathSegment};
use rust_decimal::Decimal;
use serde::de::{self, Deserializer, Visitor};
use serde::ser::Serializer;
use std::fmt;

impl Ent {
    /// Decodes an Ent from its JSON form.
    ///
    /// ```
    /// use iso19770_ent::{DecodeError, Ent};
    ///
    /// let err = Ent::from_json_str("{\n  \"entId\": \"x\",\n  \"quantity\": 1.5\n}").unwrap_err();
    /// assert!(matches!(err, DecodeError::Json { .. }));
    /// assert_eq!(err.path().to_string(), "quantity");
    /// assert_eq!(err.position().line(), Some(3));
    /// ```
    pub fn from_json_str(json: &str) -> Result<Self, DecodeError> {
        // RFC 8259 lets a parser ignore a byte-order mark.
        let json = json.strip_prefix('\u{feff}').unwrap_or(json);
        // The fast way first; on an error, again with the path tracked.
        match serde_json::from_str::<Self>(json) {
            Ok(ent) => Ok(ent),
            Err(_) => Self::from_json_str_tracked(json),
        }
    }

    /// Decodes with the path of an error tracked.
    fn from_json_str_tracked(json: &str) -> Result<Self, DecodeError> {
        iso19770_core::json::from_str_tracked(json)
            .map_err(|e| DecodeError::Json { at: Box::new(e.at), message: e.message })
    }

    /// Encodes the Ent in its JSON form (compact).
    ///
    /// An entry kept in `extensions` whose text label is the name of a member its object writes
    /// (a CBOR text key `"entId"`) is [`EncodeError::DuplicateKey`], and one whose text label is an
    /// integer's decimal text (a CBOR text key `"777"`, which JSON cannot tell from the integer key
    /// 777) is [`EncodeError::Json`]: what is written reads back.
    pub fn to_json_string(&self) -> Result<String, EncodeError> {
        check_representable(self)?;
        let json = serde_json::to_string(self).map_err(|e| EncodeError::Json { message: e.to_string() })?;
        check_reads_back(self, &json)?;
        Ok(json)
    }

    /// Encodes the Ent in its JSON form, indented.
    pub fn to_json_string_pretty(&self) -> Result<String, EncodeError> {
        check_representable(self)?;
        let json = serde_json::to_string_pretty(self).map_err(|e| EncodeError::Json { message: e.to_string() })?;
        check_reads_back(self, &json)?;
        Ok(json)
    }
}

/// Every `extensions` of an Ent with its path.
fn extension_places(ent: &Ent) -> Vec<(Path, &Extensions)> {
    let root = Path::default();
    let mut places: Vec<(Path, &Extensions)> = vec![(root.clone(), &ent.extensions)];
    let indexed = |key: &str, i: usize| root.join(PathSegment::key(key)).join(PathSegment::Index(i));
    places.extend(ent.entities.iter().enumerate().map(|(i, e)| (indexed("entities", i), &e.extensions)));
    places.extend(ent.links.iter().enumerate().map(|(i, l)| (indexed("links", i), &l.extensions)));
    places.extend(ent.meta.iter().enumerate().map(|(i, m)| (indexed("meta", i), &m.extensions)));
    places.extend(ent.products.iter().enumerate().map(|(i, p)| (indexed("products", i), &p.extensions)));
    places
}

/// A kept entry with a text label can take the name of a member of its object: the JSON written
/// then has that member twice, which the decoder refuses. Only then is the output read again.
fn check_reads_back(ent: &Ent, json: &str) -> Result<(), EncodeError> {
    let text_labels = extension_places(ent)
        .iter()
        .any(|(_, ext)| ext.entries.iter().any(|e| matches!(e.label, iso19770_core::Label::Text(_))));
    if !text_labels {
        return Ok(());
    }
    match Ent::from_json_str(json) {
        Ok(_) => Ok(()),
        Err(e) => Err(match iso19770_core::json::duplicate_member(&e.to_string()) {
            Some(key) => EncodeError::DuplicateKey { path: e.path().clone(), key },
            None => EncodeError::Json { message: format!("the JSON written does not read back: {e}") },
        }),
    }
}

/// XML attributes and elements kept from a document have no JSON form.
fn check_representable(ent: &Ent) -> Result<(), EncodeError> {
    for (path, ext) in extension_places(ent) {
        if let Some(what) = ext.xml_only() {
            return Err(EncodeError::NotRepresentable { path, what, format: "JSON" });
        }
    }
    Ok(())
}

/// The JSON Schema of the JSON form (feature `schema`), pretty-printed.
///
/// ```
/// let schema = iso19770_ent::json::schema();
/// assert!(schema.contains("\"entId\""));
/// ```
#[cfg(feature = "schema")]
pub fn schema() -> String {
    let mut schema = serde_json::Value::from(schemars::schema_for!(Ent));
    // What the encoder writes: an absent member is left out, never `null`.
    iso19770_core::schema::no_null_members(&mut schema);
    serde_json::to_string_pretty(&schema).unwrap_or_default() + "\n"
}

pub(crate) use iso19770_core::decimal::serde::{DecimalVisitor, opt_text as opt_decimal, text as decimal};

/// Reads a quantity: `"unlimited"`, a decimal string or an integer.
struct QuantityVisitor;

impl Visitor<'_> for QuantityVisitor {
    type Value = Quantity;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("\"unlimited\", an exact decimal as a string (\"16\") or an integer")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Quantity, E> {
        v.parse().map_err(|e| E::custom(format_args!("{v:?}: {e}")))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Quantity, E> {
        Ok(Quantity::Exact(Decimal::from(v)))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Quantity, E> {
        Ok(Quantity::Exact(Decimal::from(v)))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Quantity, E> {
        DecimalVisitor.visit_f64(v).map(Quantity::Exact)
    }
}

/// Serde glue for an optional [`Quantity`] (absent when `None`).
pub(crate) mod opt_quantity {
    use super::{Deserializer, Quantity, QuantityVisitor, Serializer};

    #[allow(clippy::ref_option)] // the signature serde's `with` asks for
    pub(crate) fn serialize<S: Serializer>(q: &Option<Quantity>, s: S) -> Result<S::Ok, S::Error> {
        match q {
            Some(q) => s.collect_str(q),
            None => s.serialize_none(),
        }
    }

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Quantity>, D::Error> {
        d.deserialize_any(QuantityVisitor).map(Some)
    }
}

pub(crate) use iso19770_core::json::entries;

#[cfg(feature = "schema")]
pub(crate) use iso19770_core::decimal::DecimalText;

/// The schema of a quantity (feature `schema`).
#[cfg(feature = "schema")]
pub(crate) struct QuantityText;

#[cfg(feature = "schema")]
impl schemars::JsonSchema for QuantityText {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Quantity".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "\"unlimited\", or an exact decimal: a string in the xs:decimal form (written so), or an integer",
            "anyOf": [
                { "const": "unlimited" },
                { "type": "string", "pattern": iso19770_core::decimal::DECIMAL_PATTERN },
                { "type": "integer" }
            ]
        })
    }
}

/// The schema of flattened unknown members (feature `schema`): any further member.
#[cfg(feature = "schema")]
pub(crate) type Entries = iso19770_core::json::entries::Schema;
