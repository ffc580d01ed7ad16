//! The streaming readers of this project's own forms give what the whole-document decoders give,
//! hand measurements over one by one, and fail on cut or damaged input with a place, never a
//! panic.

#![cfg(all(feature = "json", feature = "cbor", feature = "xml"))]
#![allow(clippy::expect_used, clippy::unwrap_used)]

mod common;

use common::{json_extensions, rum};
use iso19770_resource_util::stream::{CborStreamOptions, Collect, read_cbor, read_json, read_xml};
use iso19770_resource_util::xml::XmlOptions;
use iso19770_resource_util::{Decimal, DecodeError, Measurement, ReportSink, Rum};
use proptest::prelude::*;

/// Puts kept entries in the order of their encoded keys (the order CBOR gives them back in).
fn in_cbor_order(rum: &mut Rum) {
    let sort = |ext: &mut iso19770_resource_util::Extensions| {
        ext.entries.sort_by_cached_key(|e| {
            let mut w = iso19770_core::cbor::Writer::new();
            w.label(&e.label);
            w.into_bytes()
        });
    };
    sort(&mut rum.extensions);
    rum.entities.iter_mut().for_each(|e| sort(&mut e.extensions));
    rum.links.iter_mut().for_each(|l| sort(&mut l.extensions));
    rum.meta.iter_mut().for_each(|m| sort(&mut m.extensions));
    if let Some(a) = &mut rum.asset {
        sort(&mut a.extensions);
    }
    rum.measurements.iter_mut().for_each(|m| sort(&mut m.extensions));
}

/// A reader that hands out one byte at a time.
struct OneByte<'a>(&'a [u8]);

impl std::io::Read for OneByte<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        match (self.0.split_first(), buf.first_mut()) {
            (Some((b, rest)), Some(slot)) => {
                *slot = *b;
                self.0 = rest;
                Ok(1)
            }
            _ => Ok(0),
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn streamed_json_is_the_whole_json(rum in rum(json_extensions)) {
        let json = rum.to_json_string().unwrap();
        let mut c = Collect::default();
        read_json(OneByte(json.as_bytes()), &mut c).unwrap();
        prop_assert_eq!(c.rums, vec![rum]);
    }

    #[test]
    fn streamed_cbor_is_the_whole_cbor(mut rum in rum(json_extensions)) {
        in_cbor_order(&mut rum);
        let bytes = rum.to_cbor_vec().unwrap();
        let mut c = Collect::default();
        read_cbor(OneByte(&bytes), &CborStreamOptions::default(), &mut c).unwrap();
        prop_assert_eq!(c.rums, vec![rum]);
    }

    #[test]
    fn streamed_xml_is_the_whole_xml(rum in rum(json_extensions)) {
        let xml = rum.to_xml_string().unwrap();
        let mut c = Collect::default();
        read_xml(std::io::BufReader::with_capacity(1, OneByte(xml.as_bytes())), &XmlOptions::default(), 1 << 20, &mut c).unwrap();
        prop_assert_eq!(c.rums, vec![rum]);
    }

    #[test]
    fn cut_xml_fails_and_never_panics(rum in rum(json_extensions), cut in any::<prop::sample::Index>()) {
        let xml = rum.to_xml_string().unwrap();
        // A cut after the root's end tag leaves a whole document.
        let at = cut.index(xml.trim_end().len());
        if xml.is_char_boundary(at) {
            prop_assert!(read_xml(&xml.as_bytes()[..at], &XmlOptions::default(), 1 << 20, &mut Collect::default()).is_err());
        }
    }

    #[test]
    fn cut_input_fails_with_a_place(rum in rum(json_extensions), cut in any::<prop::sample::Index>()) {
        let bytes = rum.to_cbor_vec().unwrap();
        let at = cut.index(bytes.len());
        let err = read_cbor(&bytes[..at], &CborStreamOptions::default(), &mut Collect::default()).unwrap_err();
        prop_assert!(err.position().offset <= at as u64, "{}", err);
        let json = rum.to_json_string().unwrap();
        let at = cut.index(json.len());
        if json.is_char_boundary(at) {
            prop_assert!(read_json(&json.as_bytes()[..at], &mut Collect::default()).is_err());
        }
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..64)) {
        let _ = read_cbor(&bytes[..], &CborStreamOptions::default(), &mut Collect::default());
        let _ = read_json(&bytes[..], &mut Collect::default());
    }
}

/// Counts measurements without keeping them.
#[derive(Default)]
struct Count(u64, Decimal, Option<Rum>);

impl ReportSink for Count {
    fn measurement(&mut self, _: usize, m: Measurement) {
        self.0 += 1;
        self.1 += m.value;
    }
    fn report(&mut self, _: usize, head: Rum) {
        self.2 = Some(head);
    }
}

#[test]
fn a_large_rum_is_read_one_measurement_at_a_time() {
    let mut rum = Rum::new("big");
    for i in 0..20_000u32 {
        rum.measurements.push(
            Measurement::new("FLOATING_USER", Decimal::from(i % 7))
                .with_period(i64::from(i) * 60, i64::from(i) * 60 + 60),
        );
    }
    let bytes = rum.to_cbor_vec().unwrap();
    // Each item must fit 64 bytes: the reader never holds more than one measurement.
    let options = CborStreamOptions::default().with_max_item_bytes(64);
    let mut count = Count::default();
    read_cbor(&bytes[..], &options, &mut count).unwrap();
    assert_eq!(count.0, 20_000);
    assert_eq!(count.1, Decimal::from((0..20_000u32).map(|i| i % 7).sum::<u32>()));
    assert_eq!(count.2.unwrap().rum_id, "big");
    let json = rum.to_json_string().unwrap();
    let mut count = Count::default();
    read_json(json.as_bytes(), &mut count).unwrap();
    assert_eq!(count.0, 20_000);
}

#[test]
fn errors_have_their_places() {
    // The second measurement's value is a float: CBOR gives its path and offset in the input.
    let good = Rum::new("r").with_measurement(Measurement::new("m", Decimal::ONE)).to_cbor_vec().unwrap();
    assert_eq!(read_cbor(&good[..], &CborStreamOptions::default(), &mut Collect::default()), Ok(()));
    // {0: "r", 8: [{24: "m", 27: 1}, {24: "m", 27: 1.5}]}
    let bytes = [
        0xa2, 0x00, 0x61, b'r', 0x08, 0x82, 0xa2, 0x18, 0x18, 0x61, b'm', 0x18, 0x1b, 0x01, 0xa2, 0x18, 0x18, 0x61,
        b'm', 0x18, 0x1b, 0xf9, 0x3e, 0x00,
    ];
    let mut c = Collect::default();
    let err = read_cbor(&bytes[..], &CborStreamOptions::default(), &mut c).unwrap_err();
    assert!(matches!(err, DecodeError::WrongType { .. }), "{err:?}");
    assert_eq!(err.path().to_string(), "measurements[1]/value");
    assert_eq!(err.position().offset, 21);
    // An item above the limit.
    let err = read_cbor(&bytes[..], &CborStreamOptions::default().with_max_item_bytes(4), &mut c).unwrap_err();
    assert!(matches!(err, DecodeError::RecordTooLarge { limit: 4, .. }), "{err:?}");
    // A head member of the wrong type, placed in the input: {8: [], 0: 1} (rumId an integer).
    let err = read_cbor(&[0xa2, 0x08, 0x80, 0x00, 0x01][..], &CborStreamOptions::default(), &mut c).unwrap_err();
    assert!(matches!(err, DecodeError::WrongType { .. }), "{err:?}");
    assert_eq!(err.path().to_string(), "rumId");
    assert_eq!(err.position().offset, 4);
    // Trailing bytes.
    let err = read_cbor(&[0xa1, 0x00, 0x61, b'r', 0x00][..], &CborStreamOptions::default(), &mut c).unwrap_err();
    assert!(matches!(err, DecodeError::TrailingBytes { .. }), "{err:?}");
    // JSON: the measurement's index and the line.
    let json = "{\"rumId\": \"r\",\n \"measurements\": [\n{\"metric\": \"m\", \"value\": \"1\"},\n{\"metric\": \"m\", \"value\": 1.5}]}";
    let err = read_json(json.as_bytes(), &mut Collect::default()).unwrap_err();
    assert!(matches!(err, DecodeError::Json { .. }), "{err:?}");
    assert_eq!(err.path().to_string(), "measurements[1]");
    assert_eq!(err.position().line(), Some(4));
}

#[test]
fn streamed_xml_keeps_foreign_content_with_the_roots_declarations() {
    let xml = r#"<?xml version="1.0" encoding="UTF-8"?>
<!-- a comment before the root -->
<Rum xmlns="urn:iso19770-rs:rum:1"
     xmlns:v="urn:vendor" rumId="r" v:tier="gold">
  <Entity name="Monitor" role="rumCreator"><v:Contact email="a@example.com"/></Entity>
  <Measurement metric="m" value="1" v:note="first"><v:Sample at="1"><v:x/></v:Sample></Measurement>
  <v:Measurement metric="not ours" value="x"/>
  <Measurement metric="m" value="2.50"/>
  <Entry key="x-seats" unsigned="12"/>
</Rum>
"#;
    let mut c = Collect::default();
    read_xml(std::io::BufReader::with_capacity(1, OneByte(xml.as_bytes())), &XmlOptions::default(), 1 << 20, &mut c)
        .unwrap();
    assert_eq!(c.rums, [Rum::from_xml_str(xml).unwrap()]);
    let rum = &c.rums[0];
    assert_eq!(rum.measurements.len(), 2);
    assert_eq!(rum.measurements[0].extensions.elements[0].raw, r#"<v:Sample at="1"><v:x/></v:Sample>"#);
    assert_eq!(rum.extensions.elements[0].name, "Measurement");
    // A bad value in the second measurement: its line, column, offset and path in the input.
    let bad = xml.replace(r#"value="2.50""#, r#"value="2,50""#);
    let err = read_xml(bad.as_bytes(), &XmlOptions::default(), 1 << 20, &mut Collect::default()).unwrap_err();
    let whole = Rum::from_xml_str(&bad).unwrap_err();
    // Element positions count same-named siblings in any namespace (the `v:Measurement` too).
    assert_eq!(err.path().to_string(), "Rum/Measurement[3]@value");
    assert_eq!(err, whole, "the same error as the whole document's");
    // A child above the limit; a DTD; a truncated document; a second root.
    let err = read_xml(xml.as_bytes(), &XmlOptions::default(), 64, &mut Collect::default()).unwrap_err();
    assert!(matches!(err, DecodeError::RecordTooLarge { limit: 64, .. }), "{err:?}");
    let err = read_xml(
        "<!DOCTYPE x [<!ENTITY a \"b\">]><Rum/>".as_bytes(),
        &XmlOptions::default(),
        1 << 20,
        &mut Collect::default(),
    )
    .unwrap_err();
    assert!(matches!(err, DecodeError::XmlDoctype { .. }), "{err:?}");
    let err = read_xml(&xml.as_bytes()[..200], &XmlOptions::default(), 1 << 20, &mut Collect::default()).unwrap_err();
    assert!(matches!(err, DecodeError::Truncated { .. } | DecodeError::XmlSyntax { .. }), "{err:?}");
    let err =
        read_xml(format!("{xml}<Rum rumId='x'/>").as_bytes(), &XmlOptions::default(), 1 << 20, &mut Collect::default())
            .unwrap_err();
    assert!(matches!(err, DecodeError::XmlSyntax { .. }), "{err:?}");
    assert_eq!(err.position().line(), Some(11));
}

/// Regression (found by the `rum_stream` fuzz target): the streaming JSON reader kept the head's
/// unknown members in the order of their names, not as written, and merged a duplicate member
/// inside a kept object; it now decodes the head's exact text as the whole decoder does.
#[test]
fn regression_streamed_json_keeps_unknown_members_as_written() {
    for json in [
        r#"{"rumId": "wide", "metric": "m", "value": 1, "start": 7}"#,
        r#"{"rumId": "r", "zz": {"b": 1, "a": 2}, "measurements": [], "x": [{"value": 1, "value": 2}]}"#,
    ] {
        let mut c = Collect::default();
        read_json(json.as_bytes(), &mut c).unwrap();
        assert_eq!(c.rums, [Rum::from_json_str(json).unwrap()], "{json}");
    }
}
