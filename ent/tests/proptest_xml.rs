//! Any model value that XML can carry survives XML: model → XML → model is the identity, the
//! text is stable, and no input makes the decoder panic.

#![cfg(feature = "xml")]
#![allow(clippy::expect_used, clippy::unwrap_used)]

mod common;

use common::{ent, text};
use iso19770_core::cbor::{CborEntry, CborValue};
use iso19770_core::{ForeignAttribute, ForeignElement, Label};
use iso19770_ent::xml::XmlOptions;
use iso19770_ent::{Ent, Extensions};
use proptest::collection::vec;
use proptest::prelude::*;

/// A vendor namespace of the foreign content.
const VENDOR: &str = "urn:example:vendor";

/// What the XML form keeps of an object it has no field for: attributes in another namespace,
/// whole elements in another namespace (with the declaration inside them), and map entries with
/// the values an `Entry` element can hold (text, unsigned, negative, bool, null; text or integer
/// labels).
fn xml_extensions() -> BoxedStrategy<Extensions> {
    let value = prop_oneof![
        text().prop_map(CborValue::Text),
        any::<u64>().prop_map(CborValue::Unsigned),
        any::<u64>().prop_map(CborValue::Negative),
        any::<bool>().prop_map(CborValue::Bool),
        Just(CborValue::Null),
    ];
    let label = prop_oneof!["zz[a-z]{1,6}".prop_map(Label::Text), any::<i64>().prop_map(Label::Int)];
    (vec(("a[a-z]{0,5}", text()), 0..3), vec(("[A-Z][a-z]{0,5}", text()), 0..2), vec((label, value), 0..3))
        .prop_map(|(attributes, elements, entries)| {
            let mut ext = Extensions::default();
            let mut seen = std::collections::BTreeSet::new();
            for (name, value) in attributes {
                if seen.insert(name.clone()) {
                    ext.attributes.push(ForeignAttribute::new(Some(VENDOR), name, value).with_prefix("v"));
                }
            }
            for (name, body) in elements {
                let body = body.replace('&', "&amp;").replace('<', "&lt;");
                let raw = format!(r#"<v:{name} xmlns:v="{VENDOR}">{body}</v:{name}>"#);
                ext.elements.push(ForeignElement::new(Some(VENDOR), name, raw));
            }
            for (label, value) in entries {
                ext.entries.push(CborEntry::new(label, value));
            }
            ext
        })
        .boxed()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn xml_round_trip(ent in ent(xml_extensions)) {
        let xml = ent.to_xml_string().unwrap();
        let back = Ent::from_xml_str(&xml).unwrap_or_else(|e| panic!("{e}\n{xml}"));
        prop_assert_eq!(&back, &ent, "{}", xml);
        prop_assert_eq!(back.to_xml_string().unwrap(), xml);
    }

    #[test]
    fn xml_round_trip_in_another_namespace(ent in ent(xml_extensions)) {
        let options = XmlOptions::with_namespace("http://example.com/ent/2");
        let xml = ent.to_xml_string_with(&options).unwrap();
        prop_assert!(xml.contains(r#"xmlns="http://example.com/ent/2""#));
        prop_assert_eq!(Ent::from_xml_str_with(&xml, &options).unwrap(), ent);
        // In the default namespace, the document's root is an unexpected element.
        prop_assert!(Ent::from_xml_str(&xml).is_err());
    }

    #[test]
    fn decoding_arbitrary_text_never_panics(s in "\\PC{0,64}") {
        let _ = Ent::from_xml_str(&s);
    }

    #[test]
    fn decoding_a_cut_or_mangled_document_never_panics(ent in ent(xml_extensions), cut in any::<prop::sample::Index>(), byte in any::<u8>()) {
        let xml = ent.to_xml_string().unwrap();
        let at = cut.index(xml.len() + 1);
        if xml.is_char_boundary(at) {
            let _ = Ent::from_xml_str(&xml[..at]);
            let mut mangled = xml.clone().into_bytes();
            if at < mangled.len() && byte.is_ascii() {
                mangled[at] = byte;
                if let Ok(s) = String::from_utf8(mangled) {
                    let _ = Ent::from_xml_str(&s);
                }
            }
        }
    }
}
