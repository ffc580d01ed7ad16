//! Any model value survives JSON and XML (and CBOR, in its own test): model → form → model is
//! the identity, the text is stable, and no input makes a decoder panic.

#![cfg(all(feature = "json", feature = "xml"))]
#![allow(clippy::expect_used, clippy::unwrap_used)]

mod common;

use common::{json_extensions, rum, text};
use iso19770_core::cbor::{CborEntry, CborValue};
use iso19770_core::{ForeignAttribute, ForeignElement, Label};
use iso19770_resource_util::xml::XmlOptions;
use iso19770_resource_util::{Extensions, Rum};
use proptest::collection::vec;
use proptest::prelude::*;

const VENDOR: &str = "urn:example:vendor";

/// What the XML form keeps: attributes and elements in another namespace, and entries with the
/// values an `Entry` element can hold.
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
                ext.elements.push(ForeignElement::new(
                    Some(VENDOR),
                    name.clone(),
                    format!(r#"<v:{name} xmlns:v="{VENDOR}">{body}</v:{name}>"#),
                ));
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
    fn json_round_trip(rum in rum(json_extensions)) {
        let json = rum.to_json_string().unwrap();
        let back = Rum::from_json_str(&json).unwrap();
        prop_assert_eq!(&back, &rum);
        prop_assert_eq!(back.to_json_string().unwrap(), json);
    }

    #[test]
    fn xml_round_trip(rum in rum(xml_extensions)) {
        let xml = rum.to_xml_string().unwrap();
        let back = Rum::from_xml_str(&xml).unwrap_or_else(|e| panic!("{e}\n{xml}"));
        prop_assert_eq!(&back, &rum, "{}", xml);
        prop_assert_eq!(back.to_xml_string().unwrap(), xml);
    }

    #[test]
    fn xml_round_trip_in_another_namespace(rum in rum(xml_extensions)) {
        let options = XmlOptions::with_namespace("http://example.com/rum/2");
        let xml = rum.to_xml_string_with(&options).unwrap();
        prop_assert_eq!(Rum::from_xml_str_with(&xml, &options).unwrap(), rum);
        prop_assert!(Rum::from_xml_str(&xml).is_err());
    }

    #[test]
    fn json_and_xml_agree(rum in rum(json_extensions)) {
        let back = Rum::from_xml_str(&rum.to_xml_string().unwrap()).unwrap();
        prop_assert_eq!(back.to_json_string().unwrap(), rum.to_json_string().unwrap());
    }

    #[test]
    fn decoding_arbitrary_text_never_panics(s in "\\PC{0,64}") {
        let _ = Rum::from_json_str(&s);
        let _ = Rum::from_xml_str(&s);
    }

    #[test]
    fn decoding_a_cut_document_never_panics(rum in rum(json_extensions), cut in any::<prop::sample::Index>()) {
        for text in [rum.to_json_string().unwrap(), rum.to_xml_string().unwrap()] {
            let at = cut.index(text.len() + 1);
            if text.is_char_boundary(at) {
                let _ = Rum::from_json_str(&text[..at]);
                let _ = Rum::from_xml_str(&text[..at]);
            }
        }
    }
}
