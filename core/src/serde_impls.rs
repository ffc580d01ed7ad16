//! JSON support (feature `serde`): [`Label`] as a number or a string, [`DateTime`] as its text,
//! [`CborValue`] as the JSON value closest to it, a validation [`Report`] as an object with its
//! counts and findings (each `{"rule", "severity", "path", "message"}`, the path as its text).
//!
//! JSON has no byte strings, tags or integer keys: a byte string is written `{"bytes": "<hex>"}`,
//! a tag `{"tag": n, "value": v}`, an integer map key as its decimal text, `undefined` and other
//! simple values as `null`. Reading JSON gives numbers, text, booleans, null, arrays and maps
//! with text keys; the two objects above are read back as what they stand for.

use crate::cbor::CborValue;
use crate::{DateTime, Finding, Label, Report, Severity};
use serde::de::{self, MapAccess, SeqAccess, Visitor};
use serde::ser::{SerializeMap, SerializeSeq};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

impl Serialize for Label {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Label::Int(i) => s.serialize_i64(*i),
            Label::Text(t) => s.serialize_str(t),
        }
    }
}

impl<'de> Deserialize<'de> for Label {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Label;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an integer or a string")
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Label, E> {
                Ok(Label::Int(v))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Label, E> {
                i64::try_from(v).map(Label::Int).map_err(|_| E::custom("an integer above i64"))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Label, E> {
                Ok(Label::Text(v.to_owned()))
            }
        }
        d.deserialize_any(V)
    }
}

impl Serialize for Severity {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl Serialize for Finding {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(4))?;
        m.serialize_entry("rule", &self.rule)?;
        m.serialize_entry("severity", &self.severity)?;
        m.serialize_entry("path", &self.path.to_string())?;
        m.serialize_entry("message", &self.message)?;
        m.end()
    }
}

impl Serialize for Report {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(4))?;
        m.serialize_entry("errors", &self.count(Severity::Error))?;
        m.serialize_entry("warnings", &self.count(Severity::Warning))?;
        m.serialize_entry("infos", &self.count(Severity::Info))?;
        m.serialize_entry("findings", &self.findings)?;
        m.end()
    }
}

impl Serialize for DateTime {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for DateTime {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        String::deserialize(d).map(DateTime::new)
    }
}

/// Lower-case hex.
fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write as _;
    bytes.iter().fold(String::with_capacity(bytes.len() * 2), |mut s, b| {
        let _ = write!(s, "{b:02x}");
        s
    })
}

fn unhex(text: &str) -> Option<Vec<u8>> {
    if !text.len().is_multiple_of(2) {
        return None;
    }
    (0..text.len()).step_by(2).map(|i| u8::from_str_radix(text.get(i..i + 2)?, 16).ok()).collect()
}

impl Serialize for CborValue {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            CborValue::Unsigned(u) => s.serialize_u64(*u),
            CborValue::Negative(n) => match i64::try_from(*n) {
                Ok(n) => s.serialize_i64(-1 - n),
                Err(_) => s.serialize_i128(-1 - i128::from(*n)),
            },
            CborValue::Bytes(b) => {
                let mut m = s.serialize_map(Some(1))?;
                m.serialize_entry("bytes", &hex(b))?;
                m.end()
            }
            CborValue::Text(t) => s.serialize_str(t),
            CborValue::Array(items) => {
                let mut seq = s.serialize_seq(Some(items.len()))?;
                for item in items {
                    seq.serialize_element(item)?;
                }
                seq.end()
            }
            CborValue::Map(entries) => {
                let mut m = s.serialize_map(Some(entries.len()))?;
                for (k, v) in entries {
                    let key = match k {
                        CborValue::Text(t) => t.clone(),
                        CborValue::Unsigned(_) | CborValue::Negative(_) => {
                            k.as_i64().map_or_else(String::new, |i| i.to_string())
                        }
                        other => serde_json_key(other),
                    };
                    m.serialize_entry(&key, v)?;
                }
                m.end()
            }
            CborValue::Tag(t, inner) => {
                let mut m = s.serialize_map(Some(2))?;
                m.serialize_entry("tag", t)?;
                m.serialize_entry("value", inner)?;
                m.end()
            }
            CborValue::Bool(b) => s.serialize_bool(*b),
            CborValue::Null | CborValue::Undefined | CborValue::Simple(_) => s.serialize_unit(),
            CborValue::Float(bits) => s.serialize_f64(f64::from_bits(*bits)),
        }
    }
}

/// A key that JSON cannot have as such, written as its debug text.
fn serde_json_key(v: &CborValue) -> String {
    format!("{v:?}")
}

impl<'de> Deserialize<'de> for CborValue {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = CborValue;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("any JSON value")
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<CborValue, E> {
                Ok(CborValue::Bool(v))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<CborValue, E> {
                Ok(CborValue::integer(v))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<CborValue, E> {
                Ok(CborValue::Unsigned(v))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<CborValue, E> {
                Ok(CborValue::float(v))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<CborValue, E> {
                Ok(CborValue::Text(v.to_owned()))
            }
            fn visit_unit<E: de::Error>(self) -> Result<CborValue, E> {
                Ok(CborValue::Null)
            }
            fn visit_none<E: de::Error>(self) -> Result<CborValue, E> {
                Ok(CborValue::Null)
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<CborValue, A::Error> {
                let mut items = Vec::new();
                while let Some(item) = seq.next_element()? {
                    items.push(item);
                }
                Ok(CborValue::Array(items))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<CborValue, A::Error> {
                let mut entries: Vec<(String, CborValue)> = Vec::new();
                while let Some((k, v)) = map.next_entry::<String, CborValue>()? {
                    entries.push((k, v));
                }
                // The two objects that stand for CBOR items JSON has no form for.
                match entries.as_slice() {
                    [(k, CborValue::Text(h))] if k == "bytes" => {
                        if let Some(b) = unhex(h) {
                            return Ok(CborValue::Bytes(b));
                        }
                    }
                    [(k1, CborValue::Unsigned(t)), (k2, _)] if k1 == "tag" && k2 == "value" => {
                        let t = *t;
                        let inner = entries.pop().map_or(CborValue::Null, |e| e.1);
                        return Ok(CborValue::Tag(t, Box::new(inner)));
                    }
                    _ => {}
                }
                Ok(CborValue::Map(entries.into_iter().map(|(k, v)| (CborValue::Text(k), v)).collect()))
            }
        }
        d.deserialize_any(V)
    }
}

#[cfg(feature = "schema")]
mod schema {
    use super::{CborValue, DateTime, Label};
    use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
    use std::borrow::Cow;

    impl JsonSchema for Label {
        fn schema_name() -> Cow<'static, str> {
            "Label".into()
        }
        fn json_schema(_: &mut SchemaGenerator) -> Schema {
            json_schema!({ "type": ["integer", "string"] })
        }
    }

    impl JsonSchema for DateTime {
        fn schema_name() -> Cow<'static, str> {
            "DateTime".into()
        }
        fn json_schema(_: &mut SchemaGenerator) -> Schema {
            json_schema!({ "type": "string", "description": "an xs:dateTime, as written" })
        }
    }

    impl JsonSchema for CborValue {
        fn schema_name() -> Cow<'static, str> {
            "AnyValue".into()
        }
        fn json_schema(_: &mut SchemaGenerator) -> Schema {
            json_schema!(true)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_read_as_numbers_or_text() {
        assert_eq!(serde_json::to_string(&Label::Int(-3)).expect("json"), "-3");
        assert_eq!(serde_json::from_str::<Label>("\"x\"").expect("json"), Label::from("x"));
        assert_eq!(serde_json::from_str::<Label>("7").expect("json"), Label::Int(7));
        assert!(serde_json::from_str::<Label>("true").is_err());
    }

    #[test]
    fn cbor_values_map_to_json_and_back() {
        let v = CborValue::Map(vec![
            (CborValue::Text("a".into()), CborValue::Array(vec![CborValue::integer(-2), CborValue::Bool(true)])),
            (CborValue::Text("b".into()), CborValue::Bytes(vec![0xde, 0xad])),
            (CborValue::Text("c".into()), CborValue::Tag(32, Box::new(CborValue::Text("u".into())))),
        ]);
        let json = serde_json::to_string(&v).expect("json");
        assert_eq!(json, r#"{"a":[-2,true],"b":{"bytes":"dead"},"c":{"tag":32,"value":"u"}}"#);
        assert_eq!(serde_json::from_str::<CborValue>(&json).expect("json"), v);
    }

    #[test]
    fn integer_keys_become_text() {
        let v = CborValue::Map(vec![(CborValue::Unsigned(60), CborValue::Null)]);
        assert_eq!(serde_json::to_string(&v).expect("json"), r#"{"60":null}"#);
    }
}
