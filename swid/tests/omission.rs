//! What crosses between XML and CoSWID: each kind of omission with its path, the encoders'
//! errors for it, and the subsets; a property test that the subset of any XML model has nothing
//! left to omit.

#![cfg(all(feature = "xml", feature = "cbor", feature = "json"))]
#![allow(clippy::expect_used, clippy::unwrap_used)]

mod common;

use iso19770_core::cbor::{CborEntry, CborValue};
use iso19770_core::{ForeignAttribute, ForeignElement, Label};
use iso19770_swid::{
    EncodeError, Entity, Evidence, File, HashAlgorithm, HashEntry, Meta, Omitted, Payload, Role, SoftwareIdentity,
};
use proptest::prelude::*;

fn tag() -> SoftwareIdentity {
    let mut t = SoftwareIdentity::new("n", "x");
    t.tag_version = Some(0);
    t.entities.push(Entity::new("a", [Role::TagCreator]));
    t
}

fn list(omissions: &[iso19770_swid::Omission]) -> Vec<String> {
    omissions.iter().map(ToString::to_string).collect()
}

/// A tag with one of every kind of XML-only content.
fn xml_rich() -> SoftwareIdentity {
    let mut t = tag();
    t.extensions.elements.push(ForeignElement::new(
        Some("http://www.w3.org/2000/09/xmldsig#"),
        "Signature",
        r#"<Signature xmlns="http://www.w3.org/2000/09/xmldsig#"/>"#,
    ));
    t.entities.push(Entity::new("b", [Role::Licensor]));
    t.entities[1].metas.push(Meta::default());
    // An XML thumbprint names no algorithm: CoSWID writes it with the reserved id 0.
    t.entities[1].thumbprint = Some(HashEntry::new(HashAlgorithm::Unknown, vec![1, 2]));
    let mut p = Payload::default();
    let mut f = File::new("f")
        .with_hash(HashEntry::new(HashAlgorithm::Md5, vec![0; 16]))
        .with_hash(HashEntry::new(HashAlgorithm::Sha256, vec![1; 32]))
        .with_hash(HashEntry::new(HashAlgorithm::Sha512, vec![2; 64]));
    f.extensions.attributes.push(ForeignAttribute::new(None, "rpm", "yes"));
    p.items.files.push(f);
    t.payloads.push(p);
    let e = Evidence { date: Some("2026-11-22T10:00:00".into()), ..Evidence::default() };
    t.evidences.push(e);
    t
}

#[test]
fn every_kind_of_xml_only_content_is_listed_with_its_path() {
    let t = xml_rich();
    assert_eq!(
        list(&t.coswid_omissions()),
        [
            "Signature: an XML element of another namespace",
            "entity[1]/Meta: an Entity/Meta element",
            "payload/file@rpm: an XML attribute outside the SWID schema",
            "payload/file/hash[0]: a md5 hash, which has no Named Information id",
            "payload/file/hash[2]: a second hash of one file",
            "evidence[0]: a second payload or evidence",
        ]
    );
    // The encoders refuse the tag with the first omission, as its specific error.
    match t.to_cbor_vec().unwrap_err() {
        EncodeError::CannotCarry { path, format, what } => {
            assert_eq!((path.to_string().as_str(), format, what), ("Signature", "CoSWID", Omitted::ForeignElement));
        }
        other => panic!("{other:?}"),
    }
    assert!(matches!(t.to_json_string().unwrap_err(), EncodeError::CannotCarry { what: Omitted::ForeignElement, .. }));
    // The subset keeps the SHA-256 hash, drops the rest.
    let (subset, omissions) = t.to_coswid_subset();
    assert_eq!(omissions.len(), 6);
    assert!(subset.coswid_omissions().is_empty());
    assert_eq!(subset.payloads[0].items.files[0].hashes, [HashEntry::new(HashAlgorithm::Sha256, vec![1; 32])]);
    assert!(subset.evidences.is_empty() && subset.extensions.elements.is_empty());
    assert_eq!(subset.entities[1].thumbprint, t.entities[1].thumbprint);
    let cbor = subset.to_cbor_vec().expect("the subset encodes");
    assert_eq!(SoftwareIdentity::from_cbor_slice(&cbor).expect("decodes"), subset);
}

#[test]
fn each_omission_has_its_own_error() {
    let mut t = tag();
    let mut p = Payload::default();
    p.items.files.push(File::new("f").with_hash(HashEntry::new(HashAlgorithm::Md5, vec![0; 16])));
    t.payloads.push(p);
    match t.to_cbor_vec().unwrap_err() {
        EncodeError::NoNamedInformationId { path, algorithm } => {
            assert_eq!((path.to_string().as_str(), algorithm), ("payload/file/hash", HashAlgorithm::Md5));
        }
        other => panic!("{other:?}"),
    }
    let mut t = tag();
    let e = Evidence { date: Some("2026-11-22T10:00:00".into()), ..Evidence::default() };
    t.evidences.push(e);
    match t.to_cbor_vec().unwrap_err() {
        EncodeError::InvalidDateTime { path, text, .. } => {
            assert_eq!((path.to_string().as_str(), text.as_str()), ("evidence/date", "2026-11-22T10:00:00"));
        }
        other => panic!("{other:?}"),
    }
    let mut t = tag();
    t.payloads.push(Payload::default());
    t.payloads.push(Payload::default());
    match t.to_json_string().unwrap_err() {
        EncodeError::NotRepresentable { path, .. } => assert_eq!(path.to_string(), "payload[1]"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn coswid_only_content_is_listed_for_xml() {
    let mut t = tag();
    t.extensions.entries.push(CborEntry { label: Label::Int(58), value: CborValue::Unsigned(1) });
    t.entities[0].roles.push(Role::Other(Label::Text("software publisher".into())));
    let mut e = Evidence { location: Some("/opt".into()), ..Evidence::default() };
    let mut f = File::new("f").with_hash(HashEntry::new(HashAlgorithm::Sha256_128, vec![0; 16]));
    f.extensions.entries.push(CborEntry { label: Label::Text("x".into()), value: CborValue::Bool(true) });
    e.items.files.push(f);
    t.evidences.push(e);
    assert_eq!(
        list(&t.xml_omissions()),
        [
            "SoftwareIdentity/58: a CoSWID entry outside the model",
            "SoftwareIdentity/Entity@role: the role \"software publisher\", which is not one token",
            "SoftwareIdentity/Evidence@location: an evidence location",
            "SoftwareIdentity/Evidence/File/x: a CoSWID entry outside the model",
            "SoftwareIdentity/Evidence/File@hash: a sha-256-128 hash, which has no SWID XML namespace",
        ]
    );
    match t.to_xml_string().unwrap_err() {
        EncodeError::CannotCarry { path, format, what } => {
            assert_eq!((path.to_string().as_str(), format, what), ("SoftwareIdentity/58", "XML", Omitted::Entry));
        }
        other => panic!("{other:?}"),
    }
    let (subset, omissions) = t.to_xml_subset();
    assert_eq!(omissions.len(), 5);
    assert!(subset.xml_omissions().is_empty());
    assert_eq!(subset.entities[0].roles, [Role::TagCreator]);
    let xml = subset.to_xml_string().expect("the subset encodes");
    assert_eq!(SoftwareIdentity::from_xml_str(&xml).expect("decodes").evidences[0].items.files[0].hashes, []);
}

#[test]
fn a_regid_or_href_that_is_not_a_uri_cannot_cross() {
    let mut t = tag();
    t.entities[0].regid = Some("ACME Corp".into());
    t.links.push(iso19770_swid::Link::new("https://example.com/ü", iso19770_swid::Rel::Parent));
    assert_eq!(
        list(&t.coswid_omissions()),
        [
            "entity/reg-id: \"ACME Corp\", which is not a URI",
            "link/href: \"https://example.com/ü\", which is not a URI",
        ]
    );
    match t.to_cbor_vec().unwrap_err() {
        EncodeError::CannotCarry { path, what: Omitted::NotAUri(text), .. } => {
            assert_eq!((path.to_string().as_str(), text.as_str()), ("entity/reg-id", "ACME Corp"));
        }
        other => panic!("{other:?}"),
    }
    // XML carries both as they are.
    assert!(t.xml_omissions().is_empty());
    let (subset, _) = t.to_coswid_subset();
    assert_eq!((subset.entities[0].regid.as_ref(), subset.links[0].href.as_ref()), (None, None));
}

#[test]
fn an_entry_that_repeats_a_key_is_refused() {
    // Regression: the CBOR encoder wrote key 1 twice, and its own decoder refused the output.
    let mut t = tag();
    t.extensions.entries.push(CborEntry { label: Label::Int(1), value: CborValue::Text("dup".into()) });
    match t.to_cbor_vec().unwrap_err() {
        EncodeError::DuplicateKey { path, key } => assert_eq!((path.to_string(), key.as_str()), (String::new(), "1")),
        other => panic!("{other:?}"),
    }
    let mut t = tag();
    t.entities[0].extensions.entries.push(CborEntry { label: Label::Int(99), value: CborValue::Null });
    t.entities[0].extensions.entries.push(CborEntry { label: Label::Int(99), value: CborValue::Null });
    match t.to_cbor_vec().unwrap_err() {
        EncodeError::DuplicateKey { path, key } => {
            assert_eq!((path.to_string(), key.as_str()), ("entity".into(), "99"));
        }
        other => panic!("{other:?}"),
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    /// The subset and the list agree: what the subset keeps needs no further omission, and the
    /// CoSWID encoder accepts a tag exactly when nothing is listed (or a required key is absent).
    #[test]
    fn the_coswid_subset_of_any_xml_model_crosses(t in common::arb::tag(common::arb::Profile::Any)) {
        let (subset, omissions) = t.to_coswid_subset();
        prop_assert!(subset.coswid_omissions().is_empty());
        match t.to_cbor_vec() {
            Ok(_) => prop_assert!(omissions.is_empty()),
            Err(EncodeError::MissingRequired { .. }) => {}
            Err(e) => prop_assert!(!omissions.is_empty(), "{e}"),
        }
        if let Ok(cbor) = subset.to_cbor_vec() {
            let back = SoftwareIdentity::from_cbor_slice(&cbor).map_err(|e| TestCaseError::fail(e.to_string()))?;
            prop_assert!(back.xml_omissions().is_empty());
        }
    }
}
