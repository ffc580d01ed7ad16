//! The JSON form (feature `json`): serde derives with camelCase member names.
//!
//! | item | JSON |
//! |---|---|
//! | members | camelCase field names: `rumId`, `logTime`, `sampleInterval` |
//! | roles, relations, aggregations | their names as strings; a name this crate does not know is kept as written |
//! | values | strings in the `xs:decimal` form (`"1.235"`, scale kept); integers are read too, a JSON number with a fraction or exponent is refused (it would pass through floating point) |
//! | timestamps | an `xs:dateTime` string as written, or an integer of Unix seconds, as written |
//! | unknown members | kept in the `extensions` of the object they are in, and written back; a member whose name is an integer's decimal text (`"777"`, not `"0777"`) is an integer label, as an unknown CBOR key is |
//!
//! Absent optional members are left out, never `null`. XML-only content (foreign attributes and
//! elements kept by the XML codec) has no JSON form: writing it is an [`EncodeError`].
//!
//! ```
//! use iso19770_resource_util::{Measurement, Rum};
//! use iso19770_core::decimal::Decimal;
//!
//! let rum = Rum::new("r-1").with_measurement(
//!     Measurement::new("ENTITLEMENT", Decimal::from(1)).with_period(1_659_085_460, 1_659_085_461),
//! );
//! let json = rum.to_json_string()?;
//! assert_eq!(
//!     json,
//!     r#"{"rumId":"r-1","measurements":[{"metric":"ENTITLEMENT","value":"1","start":1659085460,"end":1659085461}]}"#
//! );
//! assert_eq!(Rum::from_json_str(&json)?, rum);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use crate::{DecodeError, EncodeError, Rum};
use iso19770_core::{Extensions, Path, PathSegment};

impl Rum {
    /// Decodes a RUM from its JSON form.
    ///
    /// ```
    /// use iso19770_resource_util::{DecodeError, Rum};
    ///
    /// let err = Rum::from_json_str("{\"rumId\": \"x\",\n \"measurements\": [{\"metric\": \"m\", \"value\": 1.5}]}").unwrap_err();
    /// assert!(matches!(err, DecodeError::Json { .. }));
    /// assert_eq!(err.path().to_string(), "measurements[0]/value");
    /// assert_eq!(err.position().line(), Some(2));
    /// ```
    pub fn from_json_str(json: &str) -> Result<Self, DecodeError> {
        // RFC 8259 lets a parser ignore a byte-order mark.
        let json = json.strip_prefix('\u{feff}').unwrap_or(json);
        // The fast way first; on an error, again with the path tracked.
        match serde_json::from_str::<Self>(json) {
            Ok(rum) => Ok(rum),
            Err(_) => iso19770_core::json::from_str_tracked(json)
                .map_err(|e| DecodeError::Json { at: Box::new(e.at), message: e.message }),
        }
    }

    /// Encodes the RUM in its JSON form (compact).
    ///
    /// An entry kept in `extensions` whose text label is the name of a member its object writes
    /// (a CBOR text key `"rumId"`) is [`EncodeError::DuplicateKey`], and one whose text label is an
    /// integer's decimal text (a CBOR text key `"777"`, which JSON cannot tell from the integer key
    /// 777) is [`EncodeError::Json`]: what is written reads back.
    pub fn to_json_string(&self) -> Result<String, EncodeError> {
        check_representable(self)?;
        let json = serde_json::to_string(self).map_err(|e| EncodeError::Json { message: e.to_string() })?;
        check_reads_back(self, &json)?;
        Ok(json)
    }

    /// Encodes the RUM in its JSON form, indented.
    pub fn to_json_string_pretty(&self) -> Result<String, EncodeError> {
        check_representable(self)?;
        let json = serde_json::to_string_pretty(self).map_err(|e| EncodeError::Json { message: e.to_string() })?;
        check_reads_back(self, &json)?;
        Ok(json)
    }
}

/// Every `extensions` of a RUM with its path in the JSON and CBOR forms (`entities[0]`).
pub(crate) fn extension_places(rum: &Rum) -> Vec<(Path, &Extensions)> {
    let root = Path::default();
    let mut places: Vec<(Path, &Extensions)> = vec![(root.clone(), &rum.extensions)];
    let indexed = |key: &str, i: usize| root.join(PathSegment::key(key)).join(PathSegment::Index(i));
    places.extend(rum.entities.iter().enumerate().map(|(i, e)| (indexed("entities", i), &e.extensions)));
    places.extend(rum.links.iter().enumerate().map(|(i, l)| (indexed("links", i), &l.extensions)));
    places.extend(rum.meta.iter().enumerate().map(|(i, m)| (indexed("meta", i), &m.extensions)));
    if let Some(a) = &rum.asset {
        places.push((root.join(PathSegment::key("asset")), &a.extensions));
    }
    places.extend(rum.measurements.iter().enumerate().map(|(i, m)| (indexed("measurements", i), &m.extensions)));
    places
}

/// XML attributes and elements kept from a document have no JSON form.
fn check_representable(rum: &Rum) -> Result<(), EncodeError> {
    for (path, ext) in extension_places(rum) {
        if let Some(what) = ext.xml_only() {
            return Err(EncodeError::NotRepresentable { path, what, format: "JSON" });
        }
    }
    Ok(())
}

/// A kept entry with a text label can take the name of a member of its object: the JSON written
/// then has that member twice, which the decoder refuses. Only then is the output read again.
fn check_reads_back(rum: &Rum, json: &str) -> Result<(), EncodeError> {
    let text_labels = extension_places(rum)
        .iter()
        .any(|(_, ext)| ext.entries.iter().any(|e| matches!(e.label, iso19770_core::Label::Text(_))));
    if !text_labels {
        return Ok(());
    }
    match Rum::from_json_str(json) {
        Ok(_) => Ok(()),
        Err(e) => Err(match iso19770_core::json::duplicate_member(&e.to_string()) {
            Some(key) => EncodeError::DuplicateKey { path: e.path().clone(), key },
            None => EncodeError::Json { message: format!("the JSON written does not read back: {e}") },
        }),
    }
}

/// The JSON Schema of the JSON form (feature `schema`), pretty-printed.
///
/// ```
/// let schema = iso19770_resource_util::json::schema();
/// assert!(schema.contains("\"rumId\""));
/// ```
#[cfg(feature = "schema")]
pub fn schema() -> String {
    let mut schema = serde_json::Value::from(schemars::schema_for!(Rum));
    iso19770_core::schema::no_null_members(&mut schema);
    serde_json::to_string_pretty(&schema).unwrap_or_default() + "\n"
}
