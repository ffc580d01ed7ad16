//! The CBOR form: every valid fixture round-trips to an equal model in deterministic bytes; bad
//! input gives specific errors with the byte offset and key path, never a panic.
//!
//! When `SWID_XML_OUT` is set, each encoding is written to `$SWID_XML_OUT/ent-cbor/NAME.cbor`.

#![cfg(feature = "cbor")]
#![allow(clippy::expect_used, clippy::unwrap_used)]

mod common;

use iso19770_core::cbor::{CborEntry, CborValue, Limits};
use iso19770_ent::cbor::CborDecodeOptions;
use iso19770_ent::{
    Decimal, DecodeError, EncodeError, Ent, Entity, Environment, Limitation, Link, Metric, Quantity, Rel, Role, Term,
    TermKind,
};

#[cfg(feature = "json")]
fn valid_fixtures() -> Vec<(String, Ent)> {
    let dir = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/valid");
    let mut names: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| std::path::Path::new(n).extension().is_some_and(|e| e == "json"))
        .collect();
    names.sort();
    names
        .into_iter()
        .map(|n| {
            let text = std::fs::read_to_string(dir.join(&n)).unwrap();
            let ent = Ent::from_json_str(&text).unwrap_or_else(|e| panic!("{n}: {e}"));
            (n.trim_end_matches(".json").to_owned(), ent)
        })
        .collect()
}

#[cfg(feature = "json")]
#[test]
fn every_valid_fixture_round_trips_in_deterministic_bytes() {
    let all = valid_fixtures();
    assert!(all.len() >= 18);
    let out = common::out_dir("ent-cbor");
    for (name, ent) in &all {
        let bytes = ent.to_cbor_vec().unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(ent.to_cbor_vec().unwrap(), bytes, "{name}: encoding twice differs");
        let back = Ent::from_cbor_slice(&bytes).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(&back, ent, "{name}");
        assert_eq!(back.to_cbor_vec().unwrap(), bytes, "{name}: the decoded Ent encodes to other bytes");
        // The scale of every decimal is kept: the JSON text is the same too.
        #[cfg(feature = "json")]
        assert_eq!(back.to_json_string().unwrap(), ent.to_json_string().unwrap(), "{name}");
        // Every map's keys are in bytewise order, every head is the shortest, no indefinite length.
        let mut cursor = iso19770_core::cbor::Cursor::new(&bytes, Limits::default());
        let value = cursor.value().unwrap();
        assert!(cursor.irregularities().is_empty(), "{name}: {:?}", cursor.irregularities());
        let mut w = iso19770_core::cbor::Writer::new();
        w.value(&value);
        assert_eq!(w.into_bytes(), bytes, "{name}: not in deterministic order");
        let canonical = CborDecodeOptions::default().canonical(true);
        assert_eq!(&Ent::from_cbor_slice_with(&bytes, &canonical).unwrap(), ent, "{name}: not canonical");
        if let Some(dir) = &out {
            std::fs::write(dir.join(format!("{name}.cbor")), &bytes).unwrap();
        }
    }
}

#[cfg(feature = "json")]
#[test]
fn every_truncation_of_every_fixture_is_an_error() {
    for (name, ent) in valid_fixtures() {
        let bytes = ent.to_cbor_vec().unwrap();
        for len in 0..bytes.len() {
            match Ent::from_cbor_slice(&bytes[..len]) {
                Err(
                    DecodeError::CborTruncated { .. }
                    | DecodeError::LengthBeyondInput { .. }
                    | DecodeError::MissingKey { .. },
                ) => {}
                other => panic!("{name} cut at {len}: {other:?}"),
            }
        }
    }
}

/// Decodes `bytes`, expecting an error; returns it with its offset and path.
fn error(bytes: &[u8]) -> (DecodeError, u64, String) {
    let e = Ent::from_cbor_slice(bytes).expect_err("an error");
    let (offset, path) = (e.position().offset, e.path().to_string());
    (e, offset, path)
}

#[test]
fn truncated_input_is_placed_at_its_item() {
    // {2: 0x19 0x01…}: the head of revision ends early.
    let (e, offset, path) = error(&[0xa1, 0x02, 0x19, 0x01]);
    assert!(matches!(e, DecodeError::CborTruncated { .. }), "{e:?}");
    assert_eq!((offset, path.as_str()), (2, "revision"));
    // {0: "abc"} with one byte of the text.
    let (e, offset, path) = error(&[0xa1, 0x00, 0x63, b'a']);
    assert_eq!(e, DecodeError::LengthBeyondInput { at: e.location().clone().into(), declared: 3, remaining: 1 });
    assert_eq!((offset, path.as_str()), (2, "entId"));
    // Nothing at all.
    assert!(matches!(error(&[]).0, DecodeError::CborTruncated { .. }));
}

#[test]
fn a_wrong_type_names_the_key_path_and_offset() {
    // {10: {26: 5, 39: "2"}}: perCore with a text pack size.
    let bytes = [0xa1, 0x0a, 0xa2, 0x18, 0x1a, 0x05, 0x18, 0x27, 0x61, b'2'];
    let (e, offset, path) = error(&bytes);
    let DecodeError::WrongType { expected, found, .. } = &e else { panic!("{e:?}") };
    assert_eq!((*expected, found.as_str()), ("an unsigned integer", "a text string"));
    assert_eq!((offset, path.as_str()), (8, "metric/packSize"));
    assert_eq!(e.to_string(), "byte 8 (metric/packSize): expected an unsigned integer, found a text string");

    // {13: [{68: 1}, {68: {}}]}: the second term's kind is a map.
    let bytes = [0xa1, 0x0d, 0x82, 0xa1, 0x18, 0x44, 0x01, 0xa1, 0x18, 0x44, 0xa0];
    let (e, offset, path) = error(&bytes);
    assert!(matches!(e, DecodeError::WrongType { expected: "a code or a text", .. }), "{e:?}");
    assert_eq!((offset, path.as_str()), (10, "terms[1]/kind"));

    // {9: 1.5 as a float}: never a float.
    let (e, offset, path) = error(&[0xa1, 0x09, 0xf9, 0x3e, 0x00]);
    assert!(matches!(e, DecodeError::WrongType { .. }), "{e:?}");
    assert!(e.to_string().contains("floating-point"), "{e}");
    assert_eq!((offset, path.as_str()), (2, "quantity"));
}

#[test]
fn a_declared_length_of_2_to_the_64_is_refused_before_allocating() {
    let ff = [0xff; 8];
    // {5: array of 2^64 - 1 entities}, {0: text of 2^64 - 1 bytes}, {100: map of 2^64 - 1 entries}.
    for (prefix, at, path) in [
        (&[0xa1, 0x05, 0x9b][..], 2, "entities"),
        (&[0xa1, 0x00, 0x7b], 2, "entId"),
        (&[0xa1, 0x18, 0x64, 0xbb], 3, "100"),
    ] {
        let mut bytes = prefix.to_vec();
        bytes.extend(ff);
        let (e, offset, p) = error(&bytes);
        assert!(
            matches!(e, DecodeError::LengthAboveLimit { declared: u64::MAX, limit: 16_777_216, .. }),
            "{path}: {e:?}"
        );
        assert_eq!((offset, p.as_str()), (at, path));
    }
    // Within the limit but beyond the input.
    let opts = CborDecodeOptions::default().limits(Limits { max_len: u64::MAX, ..Limits::default() });
    let e = Ent::from_cbor_slice_with(&[0xa1, 0x00, 0x7b, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff], &opts)
        .expect_err("too long");
    assert!(matches!(e, DecodeError::LengthBeyondInput { declared: u64::MAX, remaining: 0, .. }), "{e:?}");
}

#[test]
fn deep_nesting_is_refused_at_the_limit() {
    // {100: [[[[…]]]]} kept as an extension, 200 levels deep.
    let mut bytes = vec![0xa1, 0x18, 0x64];
    bytes.extend(std::iter::repeat_n(0x81, 200));
    bytes.push(0x00);
    let (e, offset, path) = error(&bytes);
    assert!(matches!(e, DecodeError::TooDeep { limit: 64, .. }), "{e:?}");
    // The Ent's map is level 1: the 64th array is the first refused.
    assert_eq!((offset, path.as_str()), (3 + 63, "100"));
    // A lower limit.
    let opts = CborDecodeOptions::default().limits(Limits { max_depth: 2, ..Limits::default() });
    let e = Ent::from_cbor_slice_with(&[0xa1, 0x0d, 0x81, 0xa1, 0x18, 0x44, 0x01], &opts).expect_err("deep");
    assert!(matches!(e, DecodeError::TooDeep { limit: 2, .. }), "{e:?}");
    assert_eq!((e.position().offset, e.path().to_string().as_str()), (3, "terms[0]"));
}

#[test]
fn non_deterministic_input_is_accepted() {
    // An indefinite map with its keys out of order, a revision in a 4-byte head, an indefinite
    // text, a decimal fraction with a positive exponent, a date in tag 0, another as tag 1.
    let bytes = [
        0xbf, // map (indefinite)
        0x0d, 0x81, 0xa2, // terms: [{
        0x18, 0x44, 0x01, // kind: perpetual
        0x18, 0x3e, 0xc0, 0x6a, b'2', b'0', b'2', b'4', b'-', b'0', b'1', b'-', b'0',
        b'1', // start: 0("2024-01-01")
        0x09, 0xc4, 0x82, 0x02, 0x03, // quantity: 4([2, 3]) = 300
        0x02, 0x1a, 0x00, 0x00, 0x00, 0x07, // revision: 7 in a long head
        0x00, 0x7f, 0x61, b'a', 0x61, b'b', 0xff, // entId: (_ "a", "b")
        0x07, 0x81, 0xa1, 0x18, 0x24, 0xc1, 0x00, // meta: [{purchaseDate: 1(0)}]
        0xff,
    ];
    let ent = Ent::from_cbor_slice(&bytes).unwrap();
    let mut expected = Ent::new("ab").with_revision(7).with_quantity(Quantity::count(300));
    expected.terms.push(Term::new(TermKind::Perpetual).from("2024-01-01"));
    expected.meta.push(iso19770_ent::Meta { purchase_date: Some("1970-01-01T00:00:00Z".into()), ..Default::default() });
    assert_eq!(ent, expected);
    let again = ent.to_cbor_vec().unwrap();
    assert_ne!(again, bytes);
    assert_eq!(Ent::from_cbor_slice(&again).unwrap(), expected);
    assert_eq!(again[..5], [0xa5, 0x00, 0x62, b'a', b'b'], "written deterministically: {again:02x?}");

    // The canonical mode refuses the input at its first byte, and takes what the encoder wrote.
    let canonical = CborDecodeOptions::default().canonical(true);
    let e = Ent::from_cbor_slice_with(&bytes, &canonical).unwrap_err();
    assert!(matches!(e, DecodeError::NotCanonical { .. }), "{e:?}");
    assert_eq!(e.position().offset, 0);
    assert_eq!(Ent::from_cbor_slice_with(&again, &canonical).unwrap(), expected);
    // {0: "", 10: {26: 9, 46: [], 48: false}}: a false flag written out, which the encoder leaves
    // out.
    let bytes = [0xa2, 0x00, 0x60, 0x0a, 0xa3, 0x18, 0x1a, 0x09, 0x18, 0x2e, 0x80, 0x18, 0x30, 0xf4];
    assert!(Ent::from_cbor_slice(&bytes).is_ok());
    let e = Ent::from_cbor_slice_with(&bytes, &canonical).unwrap_err();
    assert!(matches!(e, DecodeError::NotCanonical { .. }), "{e:?}");
    assert_eq!(e.position().offset, 4, "the metric's map has one entry fewer");
}

#[test]
fn duplicate_unknown_and_missing_keys_are_specific() {
    // {0: "a", 0: "b"}
    let (e, offset, _) = error(&[0xa2, 0x00, 0x61, b'a', 0x00, 0x61, b'b']);
    assert!(matches!(&e, DecodeError::DuplicateKey { key, .. } if key == "entId"), "{e:?}");
    assert_eq!(offset, 4);
    // {10: {26: 2, 39: 2}}: a pack size on a per-device metric.
    let (e, offset, path) = error(&[0xa1, 0x0a, 0xa2, 0x18, 0x1a, 0x02, 0x18, 0x27, 0x02]);
    assert!(matches!(&e, DecodeError::UnknownKey { key, .. } if key == "packSize"), "{e:?}");
    assert_eq!((offset, path.as_str()), (6, "metric/packSize"));
    // {13: [{68: 1, 100: 0}]}: a term has no extensions.
    let (e, offset, path) = error(&[0xa1, 0x0d, 0x81, 0xa2, 0x18, 0x44, 0x01, 0x18, 0x64, 0x00]);
    assert!(matches!(&e, DecodeError::UnknownKey { key, .. } if key == "100"), "{e:?}");
    assert_eq!((offset, path.as_str()), (7, "terms[0]/100"));
    // {6: [{17: "swid:x"}]}: a link without rel.
    let (e, offset, path) = error(&[0xa1, 0x06, 0x81, 0xa1, 0x11, 0x66, b's', b'w', b'i', b'd', b':', b'x']);
    assert!(matches!(e, DecodeError::MissingKey { key: "rel", .. }), "{e:?}");
    assert_eq!((offset, path.as_str()), (3, "links[0]"));
    // {10: {39: 2}}: a metric without type.
    let (e, _, path) = error(&[0xa1, 0x0a, 0xa1, 0x18, 0x27, 0x02]);
    assert!(matches!(e, DecodeError::MissingKey { key: "type", .. }), "{e:?}");
    assert_eq!(path, "metric");
}

#[test]
fn unknown_codes_are_specific() {
    // {10: {26: 99}}
    let (e, offset, path) = error(&[0xa1, 0x0a, 0xa1, 0x18, 0x1a, 0x18, 0x63]);
    assert!(matches!(&e, DecodeError::UnknownValue { vocabulary: "metric type", value, .. } if value == "99"), "{e:?}");
    assert_eq!((offset, path.as_str()), (5, "metric/type"));
    // {10: {26: "perGalaxy"}}: a text type must be a known name.
    let (e, _, _) = error(&[0xa1, 0x0a, 0xa1, 0x18, 0x1a, 0x69, b'p', b'e', b'r', b'G', b'a', b'l', b'a', b'x', b'y']);
    assert!(matches!(&e, DecodeError::UnknownValue { value, .. } if value == "\"perGalaxy\""), "{e:?}");
    // {5: [{16: [2, 42]}]}: a role code nobody assigned.
    let (e, offset, path) = error(&[0xa1, 0x05, 0x81, 0xa1, 0x10, 0x82, 0x02, 0x18, 0x2a]);
    assert!(matches!(e, DecodeError::UnknownValue { vocabulary: "role", .. }), "{e:?}");
    assert_eq!((offset, path.as_str()), (7, "entities[0]/roles[1]"));
    // A text type that is a known name is read as that type.
    let ent = Ent::from_cbor_slice(&[0xa1, 0x0a, 0xa1, 0x18, 0x1a, 0x64, b's', b'i', b't', b'e']).unwrap();
    assert_eq!(ent.metric, Some(Metric::Site));
}

#[test]
fn decimals_beyond_96_bits_or_28_places_are_refused() {
    // {9: 4([-2, 2(h'01 00…00' (13 bytes))])}
    let mut bytes = vec![0xa1, 0x09, 0xc4, 0x82, 0x21, 0xc2, 0x4d, 0x01];
    bytes.extend([0; 12]);
    let (e, offset, path) = error(&bytes);
    assert!(matches!(e, DecodeError::InexactDecimal { .. }), "{e:?}");
    assert_eq!((offset, path.as_str()), (5, "quantity"));
    // {9: 4([-29, 1])}
    let (e, offset, _) = error(&[0xa1, 0x09, 0xc4, 0x82, 0x38, 0x1c, 0x01]);
    assert!(matches!(e, DecodeError::InexactDecimal { .. }), "{e:?}");
    assert_eq!(offset, 2);
    // {9: 4([30, 1])}: 10^30 is beyond 96 bits.
    assert!(matches!(error(&[0xa1, 0x09, 0xc4, 0x82, 0x18, 0x1e, 0x01]).0, DecodeError::InexactDecimal { .. }));
    // The largest: 96 bits in a bignum, 28 places.
    let max = Decimal::try_from_i128_with_scale(-((1i128 << 96) - 1), 28).unwrap();
    let ent = Ent::new("m").with_quantity(Quantity::Exact(max));
    let bytes = ent.to_cbor_vec().unwrap();
    assert_eq!(Ent::from_cbor_slice(&bytes).unwrap(), ent);
    assert!(bytes.windows(2).any(|w| w == [0xc3, 0x4c]), "a negative bignum of 12 bytes: {bytes:02x?}");
}

#[test]
fn trailing_bytes_and_other_tops_are_errors() {
    let (e, offset, _) = error(&[0xa0, 0x00]);
    assert!(matches!(e, DecodeError::TrailingBytes { count: 1, .. }), "{e:?}");
    assert_eq!(offset, 1);
    let (e, offset, path) = error(&[0x80]);
    assert!(matches!(e, DecodeError::WrongType { expected: "a map", .. }), "{e:?}");
    assert_eq!((offset, path.as_str()), (0, ""));
    // A reserved head; a stray break.
    let (e, offset, path) = error(&[0xa1, 0x00, 0x1c]);
    assert!(matches!(e, DecodeError::CborInvalid { .. }), "{e:?}");
    assert_eq!((offset, path.as_str()), (2, "entId"));
    assert!(matches!(error(&[0xa1, 0x00, 0xff]).0, DecodeError::WrongType { .. }));
    // Text that is not UTF-8.
    let (e, offset, path) = error(&[0xa1, 0x00, 0x62, 0xc3, 0x28]);
    assert!(matches!(e, DecodeError::InvalidUtf8 { .. }), "{e:?}");
    assert_eq!((offset, path.as_str()), (2, "entId"));
}

#[test]
fn unknown_entries_are_kept_and_written_back() {
    let mut ent = Ent::new("x").with_entity(Entity::new("E", [Role::Other("auditor".into()), Role::Licensor]));
    ent.extensions.entries.push(CborEntry::new(100, CborValue::Array(vec![CborValue::Bool(true)])));
    ent.extensions.entries.push(CborEntry::new("trueUpDate", CborValue::Text("2026-01-01".into())));
    ent.entities[0].extensions.entries.push(CborEntry::new(-7, CborValue::Null));
    // A key of the registry that is no field of a link is an extension there.
    let mut link = Link::new("swid:a", Rel::Entitles);
    link.extensions
        .entries
        .push(CborEntry::new(i64::try_from(iso19770_ent::registry::key::SKU).unwrap(), CborValue::Unsigned(1)));
    ent.links.push(link);
    let bytes = ent.to_cbor_vec().unwrap();
    assert_eq!(Ent::from_cbor_slice(&bytes).unwrap(), ent);
    // The role without a code is its text.
    assert!(bytes.windows(8).any(|w| w == *b"gauditor"), "{bytes:02x?}");

    // An entry with the key of a field is refused on output.
    let mut clash = Ent::new("x");
    clash.extensions.entries.push(CborEntry::new(0, CborValue::Null));
    let e = clash.to_cbor_vec().unwrap_err();
    assert!(matches!(&e, EncodeError::DuplicateKey { key, .. } if key == "0"), "{e:?}");
    // XML-only content has no CBOR form.
    let mut xml = Ent::new("x");
    xml.extensions.set_attribute(Some("urn:x"), "flag", "1");
    assert!(matches!(xml.to_cbor_vec(), Err(EncodeError::NotRepresentable { .. })));
}

#[test]
fn other_values_of_open_vocabularies_round_trip() {
    let mut ent = Ent::new("x").with_metric(Metric::Other { name: "perCore".into(), params: vec![] });
    ent.limitations.push(Limitation::Environment {
        environments: vec![Environment::Production, Environment::Other("lab".into())],
    });
    ent.links.push(Link::new("ent:y", Rel::Other("x-bundle".into())));
    ent.terms.push(Term::new(TermKind::Other("rental".into())));
    let back = Ent::from_cbor_slice(&ent.to_cbor_vec().unwrap()).unwrap();
    assert_eq!(back, ent);
    // An `other` metric named like a known one stays `other`.
    assert!(matches!(back.metric, Some(Metric::Other { .. })));
}
