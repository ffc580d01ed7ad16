//! The JSON form: the corpus files, errors with their path and position, and the checked-in
//! JSON Schema (`swid/schema/coswid.schema.json`, regenerated with `UPDATE_SCHEMA=1`).

#![cfg(all(feature = "json", feature = "cbor"))]
#![allow(clippy::expect_used, clippy::unwrap_used)]

mod common;

use iso19770_core::cbor::CborValue;
use iso19770_core::{Label, LineColumn};
use iso19770_swid::{DecodeError, Entity, File, Payload, Rel, Role, SoftwareIdentity, TagId};

fn fixture(name: &str) -> String {
    std::fs::read_to_string(common::fixtures("json").join(name)).expect("fixture")
}

fn minimal() -> SoftwareIdentity {
    let mut tag = SoftwareIdentity::new("n", "x");
    tag.entities.push(Entity::new("a", [Role::TagCreator]));
    tag
}

fn at(e: &DecodeError) -> (String, Option<LineColumn>, u64) {
    (e.path().to_string(), e.position().line_column, e.position().offset)
}

#[test]
fn veraison_json_decodes_and_its_uuid_like_tag_id_stays_text() {
    let tag = SoftwareIdentity::from_json_str(&fixture("veraison-swid_testJSON.json")).expect("decodes");
    assert_eq!(tag.tag_id, Some(TagId::Text("f432dc99-2e06-434d-b9ad-2b22e35b6fa4".into())));
    assert_eq!(tag.tag_version, Some(0));
    assert_eq!(tag.name.as_deref(), Some("Roadrunner software bundle"));
    assert_eq!(tag.version.as_deref(), Some("1.0.0"));
    assert_eq!(tag.entities.len(), 1);
    assert_eq!(tag.entities[0].regid.as_deref(), Some("acme.example"));
    assert_eq!(tag.entities[0].roles, [Role::TagCreator, Role::SoftwareCreator]);
    assert_eq!(tag.links[0].rel, Some(Rel::Parent));
    // Re-encoded: one entity and one link are written bare (one-or-more), the rest unchanged.
    let json = tag.to_json_string().expect("encodes");
    assert!(json.contains(r#""tag-id":"f432dc99-2e06-434d-b9ad-2b22e35b6fa4""#), "{json}");
    assert!(json.contains(r#""entity":{"entity-name":"ACME Ltd""#), "{json}");
    assert_eq!(SoftwareIdentity::from_json_str(&json).expect("decodes"), tag);
    // And in CBOR the tag-id is a text string (major type 3, 36 bytes), not a byte string.
    let cbor = tag.to_cbor_vec().expect("encodes");
    let at = cbor.windows(2).position(|w| w == [0x00, 0x78]).expect("key 0 with a text of 24+ bytes");
    assert_eq!(cbor[at + 2], 36);
}

#[test]
fn hirs_configuration_json_fails_at_its_text_tag_version() {
    let e = SoftwareIdentity::from_json_str(&fixture("coswid_rim_1_good.json")).unwrap_err();
    assert!(matches!(e, DecodeError::Json { .. }), "{e:?}");
    let (path, lc, offset) = at(&e);
    assert_eq!(path, "tag-version");
    assert_eq!(lc.map(|lc| (lc.line, lc.column)), Some((5, 19)));
    assert_eq!(&fixture("coswid_rim_1_good.json")[..usize::try_from(offset).unwrap()].lines().count(), &5);
}

#[test]
fn a_json_ld_context_is_not_a_tag() {
    // OneGet's SimpleTag.json (with a byte-order mark) holds only an `@context`.
    let e = SoftwareIdentity::from_json_str(&fixture("SimpleTag.json")).unwrap_err();
    assert!(matches!(e, DecodeError::MissingKey { key: "tag-id", .. }), "{e:?}");
}

#[test]
fn required_keys_are_checked_in_order() {
    let cases = [
        (r#"{"software-name":"n","entity":{"entity-name":"a","role":1}}"#, "tag-id"),
        (r#"{"tag-id":"x","entity":{"entity-name":"a","role":1}}"#, "software-name"),
        (r#"{"tag-id":"x","software-name":"n"}"#, "entity"),
        (r#"{"tag-id":null,"software-name":"n","entity":{"entity-name":"a","role":1}}"#, "tag-id"),
    ];
    for (json, key) in cases {
        match SoftwareIdentity::from_json_str(json) {
            Err(DecodeError::MissingKey { key: k, .. }) => assert_eq!(k, key, "{json}"),
            other => panic!("{json}: {other:?}"),
        }
    }
}

#[test]
fn an_error_inside_an_array_names_the_item() {
    let json = "{\"tag-id\":\"x\",\"software-name\":\"n\",\n\"entity\":[{\"entity-name\":\"a\",\"role\":\"tagCreator\"},\n  {\"entity-name\":\"b\",\"role\":17.5}]}";
    let e = SoftwareIdentity::from_json_str(json).unwrap_err();
    let (path, lc, offset) = at(&e);
    assert_eq!(path, "entity[1]/role");
    // serde_json points at the last character of the offending value.
    assert_eq!(lc.map(|lc| (lc.line, lc.column)), Some((3, 32)));
    assert_eq!(usize::try_from(offset).unwrap(), json.find("17.5").unwrap() + 3);
}

#[test]
fn an_error_in_a_payload_names_the_file_and_hash() {
    let json = r#"{"tag-id":"x","software-name":"n","entity":{"entity-name":"a","role":1},"payload":{"file":[{"fs-name":"a"},{"fs-name":"b","hash":[1,"zz"]}]}}"#;
    let e = SoftwareIdentity::from_json_str(json).unwrap_err();
    assert_eq!(e.path().to_string(), "payload/file[1]/hash");
    assert!(e.to_string().contains("\"zz\" is not hex"), "{e}");
    let json = r#"{"tag-id":"x","software-name":"n","entity":{"entity-name":"a","role":1},"evidence":{"device-id":5}}"#;
    let e = SoftwareIdentity::from_json_str(json).unwrap_err();
    assert_eq!(e.path().to_string(), "evidence/device-id");
    // A date is kept as written (as from XML); CBOR, which needs its time, says where it is not one.
    let json =
        r#"{"tag-id":"x","software-name":"n","entity":{"entity-name":"a","role":1},"evidence":{"date":"yesterday"}}"#;
    let tag = SoftwareIdentity::from_json_str(json).expect("decodes");
    let e = tag.to_cbor_vec().unwrap_err();
    assert!(matches!(e, iso19770_swid::EncodeError::InvalidDateTime { .. }), "{e:?}");
    assert!(e.to_string().starts_with("evidence/date: the date-time \"yesterday\""), "{e}");
}

#[test]
fn malformed_documents_give_their_position() {
    let cases: [(&str, &str, u64); 4] = [
        (r#"{"tag-id":"x","software-name":"n","entity":{"entity-name":"a","role":1}} x"#, "", 73),
        (r#"{"tag-id":"x","tag-id":"y"}"#, "", 21),
        (r#"{"tag-id":{"uuid":"nope"}}"#, "tag-id", 24),
        (r#"{"tag-id":"x""#, "", 12),
    ];
    for (json, path, offset) in cases {
        let e = SoftwareIdentity::from_json_str(json).unwrap_err();
        assert!(matches!(e, DecodeError::Json { .. }), "{json}: {e:?}");
        assert_eq!(at(&e).0, path, "{json}");
        assert_eq!(at(&e).2, offset, "{json}: {e}");
    }
}

#[test]
fn unknown_members_and_registry_values_are_kept() {
    let json = r#"{"software-name":"n","tag-id":"x","entity":[{"entity-name":"a","role":"tagCreator"},{"entity-name":"b","role":[42,"fooBar",-3]}],"-7":"x","999":{"a":[1,2.5]}}"#;
    let tag = SoftwareIdentity::from_json_str(json).expect("decodes");
    assert_eq!(
        tag.entities[1].roles,
        [Role::Other(Label::Int(42)), Role::Other(Label::Text("fooBar".into())), Role::Other(Label::Int(-3))]
    );
    let labels: Vec<_> = tag.extensions.entries.iter().map(|e| e.label.clone()).collect();
    assert_eq!(labels, [Label::Int(-7), Label::Int(999)]);
    assert_eq!(tag.extensions.entries[0].value, CborValue::Text("x".into()));
    // Written back member for member (unknown entries after the known ones).
    assert_eq!(tag.to_json_string().expect("encodes"), json);
}

/// Found by the `swid_roundtrip` fuzz target: a CBOR text key `"-07"` was read from JSON as the
/// integer label -7, written back as `"-7"`, and so sorted elsewhere among the members: the second
/// conversion gave another order of entries than the first.
#[test]
fn regression_a_text_label_with_a_leading_zero_was_read_as_an_integer() {
    use iso19770_core::cbor::CborEntry;
    let json = r#"{"software-name":"n","tag-id":"x","entity":{"entity-name":"a","role":"tagCreator"},"-07":1,"+5":2,"-0":3,"007":4,"-1":5,"12":6}"#;
    let tag = SoftwareIdentity::from_json_str(json).expect("decodes");
    let labels: Vec<_> = tag.extensions.entries.iter().map(|e| e.label.clone()).collect();
    assert_eq!(
        labels,
        [
            Label::Text("+5".into()),
            Label::Text("-0".into()),
            Label::Text("-07".into()),
            Label::Int(-1),
            Label::Text("007".into()),
            Label::Int(12)
        ]
    );
    // Written and read again: the same entries in the same order.
    let again = SoftwareIdentity::from_json_str(&tag.to_json_string().expect("encodes")).expect("reads back");
    assert_eq!(again, tag);
    // A text label that is an integer's decimal text cannot be told from that integer in JSON:
    // refused rather than read back as another label.
    let mut clash = minimal();
    clash.extensions.entries.push(CborEntry { label: Label::Text("-7".into()), value: CborValue::Unsigned(1) });
    let e = clash.to_json_string().unwrap_err();
    assert!(matches!(e, iso19770_swid::EncodeError::Json { .. }), "{e:?}");
    assert!(e.to_string().contains("\"-7\" would read back as the integer label -7"), "{e}");
}

#[test]
fn payload_and_evidence_together_cannot_be_written() {
    let mut tag = minimal();
    tag.payloads.push(Payload::default());
    tag.evidences.push(iso19770_swid::Evidence::default());
    let e = tag.to_json_string().unwrap_err();
    assert!(matches!(e, iso19770_swid::EncodeError::NotRepresentable { .. }), "{e:?}");
}

#[test]
fn a_single_file_is_written_bare_and_several_as_an_array() {
    let mut tag = minimal();
    let mut p = Payload::default();
    p.items.files.push(File::new("a"));
    tag.payloads.push(p);
    let json = tag.to_json_string().expect("encodes");
    assert!(json.ends_with(r#""payload":{"file":{"fs-name":"a"}}}"#), "{json}");
    tag.payloads[0].items.files.push(File::new("b"));
    let json = tag.to_json_string().expect("encodes");
    assert!(json.ends_with(r#""payload":{"file":[{"fs-name":"a"},{"fs-name":"b"}]}}"#), "{json}");
}

#[cfg(feature = "schema")]
#[test]
fn the_checked_in_json_schema_is_current() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("schema/coswid.schema.json");
    let schema = iso19770_swid::json::schema();
    if std::env::var_os("UPDATE_SCHEMA").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, &schema).unwrap();
    }
    let checked_in = std::fs::read_to_string(&path).expect("schema/coswid.schema.json (UPDATE_SCHEMA=1 writes it)");
    assert!(checked_in == schema, "schema/coswid.schema.json is stale: run the tests with UPDATE_SCHEMA=1");
    let value: serde_json::Value = serde_json::from_str(&schema).expect("the schema is JSON");
    assert_eq!(value["required"], serde_json::json!(["tag-id", "software-name", "entity"]));
    for key in ["tag-id", "software-name", "entity", "link", "software-meta", "payload", "evidence", "tag-version"] {
        assert!(value["properties"].get(key).is_some(), "{key}");
    }
    assert!(!schema.contains("\"null\""), "an absent member is left out, never null");
}
