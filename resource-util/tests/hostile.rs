//! Hostile input: every decoder (the XML, CBOR and JSON forms, the SLMT and Cisco readers) fails
//! fast, with a specific error at a specific place, in bounded memory.
//!
//! Each case runs alone under a hard allocation cap and a time limit (`iso19770_test_support`'s
//! `bounded`; `HOSTILE_PROBE=1` lifts the cap and prints the peaks), so a decoder that
//! allocates what an input declares, or does quadratic work, fails here. Endless inputs are readers that never end.

#![allow(clippy::expect_used, clippy::unwrap_used, clippy::format_push_string, clippy::cast_possible_truncation)]

use iso19770_resource_util::import::cisco::{self, CiscoOptions, ReportSink};
use iso19770_resource_util::import::slmt::{SlmtOptions, SlmtReader};
use iso19770_resource_util::{DecodeError, Measurement, Rum};
use iso19770_test_support::{Endless, MIB, bounded, fast, serial};
use std::time::Duration;

const NS: &str = "urn:iso19770-rs:rum:1";

fn head() -> String {
    format!("<Rum xmlns=\"{NS}\" rumId=\"x\">")
}

/// The (line, column, byte offset) of an error.
fn at(e: &DecodeError) -> (Option<u64>, Option<u64>, u64) {
    let p = e.position();
    (p.line(), p.column(), p.offset)
}

fn xml_err(xml: &str, budget: usize) -> DecodeError {
    bounded(budget, fast(), || Rum::from_xml_str(xml).expect_err("hostile"))
}

fn billion_laughs(root: &str) -> String {
    let mut dtd = format!("<?xml version=\"1.0\"?>\n<!DOCTYPE {root} [\n  <!ENTITY lol \"lol\">\n");
    for i in 1..10 {
        let prev = if i == 1 { "lol".to_owned() } else { format!("lol{}", i - 1) };
        dtd.push_str(&format!("  <!ENTITY lol{i} \"{}\">\n", format!("&{prev};").repeat(10)));
    }
    dtd.push_str("]>\n");
    dtd
}

// ---------------------------------------------------------------------------------------------
// RUM XML

#[test]
fn billion_laughs_is_refused_at_the_doctype() {
    let _serial = serial();
    let xml = format!("{}<Rum xmlns=\"{NS}\" rumId=\"&lol9;\"/>", billion_laughs("Rum"));
    let e = xml_err(&xml, 64 * 1024);
    assert!(matches!(e, DecodeError::XmlDoctype { .. }), "{e:?}");
    assert_eq!(at(&e), (Some(2), Some(1), 22));
}

#[test]
fn a_hundred_thousand_attributes_stop_at_the_limit() {
    let _serial = serial();
    let mut xml = format!("<Rum xmlns=\"{NS}\" rumId=\"x\"");
    for i in 0..100_000 {
        xml.push_str(&format!(" a{i}=\"v\""));
    }
    xml.push_str("/>");
    let e = xml_err(&xml, MIB);
    assert!(matches!(e, DecodeError::XmlTooManyAttributes { limit: 256, .. }), "{e:?}");
    assert_eq!((at(&e), e.path().to_string()), ((Some(1), Some(1), 0), "Rum".to_owned()));
}

#[test]
fn long_names_and_namespaces_repeated_in_many_elements_are_too_large() {
    let _serial = serial();
    let name = "f".repeat(MIB);
    let mut xml = format!("{}<f:{name} xmlns:f=\"urn:f\">", head());
    for _ in 0..100_000 {
        xml.push_str("<f:c/>");
    }
    xml.push_str(&format!("</f:{name}></Rum>"));
    let e = xml_err(&xml, 40 * xml.len());
    assert!(matches!(e, DecodeError::XmlTooLarge { .. }), "{}", e.to_string().chars().take(300).collect::<String>());
    assert_eq!(e.path().segments.len(), 3);
    let uri = format!("urn:{}", "u".repeat(MIB));
    let mut xml = format!("<Rum xmlns=\"{NS}\" xmlns:f=\"{uri}\" rumId=\"x\">");
    for _ in 0..100_000 {
        xml.push_str("<f:c/>");
    }
    xml.push_str("</Rum>");
    let e = xml_err(&xml, 40 * xml.len());
    assert!(matches!(e, DecodeError::XmlTooLarge { .. }), "{}", e.to_string().chars().take(300).collect::<String>());
}

#[test]
fn hundred_thousand_deep_nesting_stops_at_the_depth_limit() {
    let _serial = serial();
    let open = "<f:a xmlns:f=\"urn:f\">";
    let xml = format!("{}{}", head(), open.repeat(100_000));
    let e = xml_err(&xml, 4 * MIB);
    assert!(matches!(e, DecodeError::XmlTooDeep { limit: 64, .. }), "{e:?}");
    let offset = head().len() + 63 * open.len();
    assert_eq!(at(&e), (Some(1), Some(offset as u64 + 1), offset as u64));
}

#[test]
fn a_hundred_thousand_distinct_siblings_are_read_in_linear_time() {
    let _serial = serial();
    let mut xml = head();
    for i in 0..100_000 {
        xml.push_str(&format!("<f:e{i} xmlns:f=\"urn:f\"/>"));
    }
    xml.push_str("</Rum>");
    let rum = bounded(24 * xml.len(), fast(), || Rum::from_xml_str(&xml)).expect("a RUM");
    assert_eq!(rum.extensions.elements.len(), 100_000);
}

// ---------------------------------------------------------------------------------------------
// RUM CBOR

fn cbor_err(bytes: &[u8]) -> DecodeError {
    bounded(MIB, fast(), || Rum::from_cbor_slice(bytes).expect_err("hostile"))
}

/// `{0: "x", 99: <item>}`: a RUM whose unknown key 99 holds `item`.
fn with_unknown(item: &[u8]) -> Vec<u8> {
    let mut bytes = vec![0xa2, 0x00, 0x61, b'x', 0x18, 99];
    bytes.extend_from_slice(item);
    bytes
}

#[test]
fn an_array_declaring_two_to_the_sixty_four_items_is_refused_before_allocation() {
    let _serial = serial();
    let e = cbor_err(&with_unknown(&[0x9b, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]));
    assert!(matches!(e, DecodeError::LengthAboveLimit { declared: u64::MAX, limit: 0x100_0000, .. }), "{e:?}");
    assert_eq!(e.position().offset, 6);
    // As the measurements (key 8).
    let e = cbor_err(&[0xa2, 0x00, 0x61, b'x', 0x08, 0x9b, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]);
    assert!(matches!(e, DecodeError::LengthAboveLimit { declared: u64::MAX, .. }), "{e:?}");
    assert_eq!(e.position().offset, 5);
    let e = cbor_err(&with_unknown(&[0x9a, 0x00, 0xff, 0xff, 0xff, 0x00]));
    assert!(matches!(e, DecodeError::LengthBeyondInput { declared: 0xff_ffff, remaining: 1, .. }), "{e:?}");
}

#[test]
fn a_one_gib_string_declared_in_ten_bytes_is_refused_before_allocation() {
    let _serial = serial();
    let e = cbor_err(&[0xa1, 0x00, 0x7a, 0x40, 0x00, 0x00, 0x00, b'a', b'b', b'c']);
    assert!(matches!(e, DecodeError::LengthAboveLimit { declared: 0x4000_0000, limit: 0x100_0000, .. }), "{e:?}");
    assert_eq!((e.position().offset, e.path().to_string()), (2, "rumId".to_owned()));
    let e = cbor_err(&with_unknown(&[0x5a, 0x40, 0x00, 0x00, 0x00, 0x01]));
    assert!(matches!(e, DecodeError::LengthAboveLimit { declared: 0x4000_0000, .. }), "{e:?}");
    let e = cbor_err(&with_unknown(&[0x7f, 0x7a, 0x40, 0x00, 0x00, 0x00, b'a']));
    assert!(matches!(e, DecodeError::LengthAboveLimit { declared: 0x4000_0000, .. }), "{e:?}");
    assert_eq!(e.position().offset, 7);
}

#[test]
fn hundred_thousand_deep_cbor_nesting_stops_at_the_depth_limit() {
    let _serial = serial();
    for nest in [0x81_u8, 0x9f, 0xc0, 0xa1] {
        let mut item = vec![nest; 100_000];
        item.push(0x00);
        let e = cbor_err(&with_unknown(&item));
        assert!(matches!(e, DecodeError::TooDeep { limit: 64, .. }), "{nest:#x}: {e:?}");
        assert_eq!(e.position().offset, 6 + 63, "{nest:#x}");
    }
}

#[test]
fn declared_lengths_allocate_nothing_in_proportion() {
    let _serial = serial();
    let mut item = Vec::new();
    for _ in 0..60 {
        item.push(0x9a);
        item.extend_from_slice(&(MIB as u32).to_be_bytes());
    }
    item.push(0x5a);
    item.extend_from_slice(&(MIB as u32).to_be_bytes());
    item.resize(item.len() + MIB, 0);
    let bytes = with_unknown(&item);
    let e = bounded(4 * MIB, fast(), || Rum::from_cbor_slice(&bytes).expect_err("hostile"));
    assert!(matches!(e, DecodeError::CborTruncated { .. }), "{e:?}");
    assert_eq!(e.position().offset, bytes.len() as u64);
}

// ---------------------------------------------------------------------------------------------
// RUM JSON

#[test]
fn hundred_thousand_deep_json_nesting_is_refused() {
    let _serial = serial();
    let json = format!("{{\"rumId\": \"x\", \"x-deep\": {}", "[".repeat(100_000));
    let e = bounded(MIB, fast(), || Rum::from_json_str(&json).expect_err("hostile"));
    assert!(matches!(e, DecodeError::Json { .. }), "{e:?}");
    assert!(e.to_string().contains("recursion limit"), "{e}");
    assert_eq!(e.position().line(), Some(1));
}

// ---------------------------------------------------------------------------------------------
// SLMT

const SLMT_HEAD: &str = "<SchemaVersion>2.1.1</SchemaVersion>\n";

#[test]
fn slmt_billion_laughs_is_refused_at_the_doctype() {
    let _serial = serial();
    let input =
        format!("{}<Metric logTime=\"&lol9;\"><Type>T</Type><Value>1</Value></Metric>", billion_laughs("Metric"));
    let e = bounded(MIB, fast(), || {
        let mut reader = SlmtReader::new(input.as_bytes());
        reader.next().expect("an item").expect_err("hostile")
    });
    assert!(matches!(e, DecodeError::XmlDoctype { .. }), "{e:?}");
    assert_eq!(at(&e), (Some(2), Some(1), 22));
}

#[test]
fn an_slmt_fragment_that_never_ends_stops_at_the_record_limit() {
    let _serial = serial();
    // An identity, then a record whose Type never ends: 1 MiB is read, then refused.
    let input = Endless::new(&format!("{SLMT_HEAD}<Metric logTime=\"2019-07-18T16:39:34+02:00\"><Type>"), "a");
    let e = bounded(8 * MIB, fast(), || {
        let mut reader = SlmtReader::new(input);
        reader.next().expect("an item").expect_err("hostile")
    });
    assert!(matches!(e, DecodeError::RecordTooLarge { limit: 0x10_0000, .. }), "{e:?}");
    assert_eq!((at(&e), e.path().to_string()), ((Some(2), Some(1), 37), "Metric".to_owned()));
    // An element that never closes, its children repeated forever.
    let input = Endless::new(&format!("{SLMT_HEAD}<Metric>"), "<Period><StartTime>x</StartTime></Period>");
    let e = bounded(8 * MIB, fast(), || {
        let mut reader = SlmtReader::new(input);
        reader.next().expect("an item").expect_err("hostile")
    });
    assert!(matches!(e, DecodeError::RecordTooLarge { limit: 0x10_0000, .. }), "{e:?}");
    assert_eq!((at(&e), e.path().to_string()), ((Some(2), Some(1), 37), "Metric".to_owned()));
    // Elements nested forever: the open elements' names are held, within the record limit.
    let input = Endless::new(&format!("{SLMT_HEAD}<Metric>"), "<a>");
    let e = bounded(16 * MIB, fast(), || {
        let mut reader = SlmtReader::new(input);
        reader.next().expect("an item").expect_err("hostile")
    });
    assert!(matches!(e, DecodeError::RecordTooLarge { .. }), "{e:?}");
    assert_eq!((at(&e), e.path().to_string()), ((Some(2), Some(1), 37), "Metric".to_owned()));
}

#[test]
fn an_slmt_fragment_larger_than_the_limit_is_refused_and_the_stream_ends() {
    let _serial = serial();
    let big = format!("<Metric><Type>{}</Type><Value>1</Value></Metric>\n", "a".repeat(2 * MIB));
    let ok = "<Metric><Type>T</Type><Value>1</Value></Metric>\n";
    let input = format!("{SLMT_HEAD}{ok}{big}{ok}");
    let items = bounded(8 * MIB, fast(), || SlmtReader::new(input.as_bytes()).collect::<Vec<_>>());
    assert_eq!(items.len(), 2, "{:?}", items.iter().map(|i| i.as_ref().map(|r| r.index)).collect::<Vec<_>>());
    assert!(items[0].is_ok());
    let e = items[1].as_ref().expect_err("too large");
    assert!(matches!(e, DecodeError::RecordTooLarge { limit: 0x10_0000, .. }), "{e:?}");
    let offset = SLMT_HEAD.len() + ok.len();
    assert_eq!((at(e), e.path().to_string()), ((Some(3), Some(1), offset as u64), "Metric[2]".to_owned()));
    // With a smaller limit, the ordinary records still fit.
    let options = SlmtOptions::default().with_max_record_bytes(4096);
    let items = bounded(MIB, fast(), || SlmtReader::with_options(input.as_bytes(), &options).collect::<Vec<_>>());
    assert!(matches!(items[1], Err(DecodeError::RecordTooLarge { limit: 4096, .. })), "{:?}", items[1]);
}

#[test]
fn hundred_thousand_deep_nesting_in_an_slmt_record_is_kept_as_text() {
    let _serial = serial();
    let deep = format!("{}{}", "<x>".repeat(100_000), "</x>".repeat(100_000));
    let input = format!("{SLMT_HEAD}<Metric><Type>T</Type><Value>1</Value>{deep}</Metric>");
    let items = bounded(16 * MIB, fast(), || SlmtReader::new(input.as_bytes()).collect::<Vec<_>>());
    assert_eq!(items.len(), 1);
    let record = items[0].as_ref().expect("a record");
    assert_eq!(record.measurement.extensions.elements[0].raw, deep);
}

#[test]
fn slmt_attributes_and_comments_between_records_are_bounded_too() {
    let _serial = serial();
    let mut input = format!("{SLMT_HEAD}<Metric");
    for i in 0..100_000 {
        input.push_str(&format!(" a{i}=\"v\""));
    }
    input.push_str("><Type>T</Type><Value>1</Value></Metric>");
    let items = bounded(8 * MIB, fast(), || SlmtReader::new(input.as_bytes()).collect::<Vec<_>>());
    assert!(matches!(items[0], Err(DecodeError::RecordTooLarge { .. })), "{:?}", items[0].as_ref().map(|r| r.index));
    let input = Endless::new(SLMT_HEAD, "<!-- a comment that never ends ");
    let e = bounded(8 * MIB, fast(), || SlmtReader::new(input).next().expect("an item").expect_err("hostile"));
    assert!(matches!(e, DecodeError::RecordTooLarge { .. }), "{e:?}");
    // At the comment, between the records.
    assert_eq!((at(&e), e.path().to_string()), ((Some(2), Some(1), 37), String::new()));
}

// ---------------------------------------------------------------------------------------------
// Cisco

struct Discard(usize);

impl ReportSink for Discard {
    fn measurement(&mut self, _report: usize, _measurement: Measurement) {
        self.0 += 1;
    }
    fn report(&mut self, _report: usize, _head: Rum) {}
}

#[test]
fn a_cisco_report_that_never_ends_stops_at_the_record_limit() {
    let _serial = serial();
    let small = CiscoOptions::default().with_max_record_bytes(64 * 1024);
    // A measurement's metric name that never ends.
    let json = "{\"payload\": {\"measurements\": [{\"metric_name\": \"";
    let e =
        bounded(MIB, fast(), || cisco::read(Endless::new(json, "a"), &small, &mut Discard(0)).expect_err("hostile"));
    assert!(matches!(e, DecodeError::RecordTooLarge { limit: 65_536, .. }), "{e:?}");
    assert_eq!(e.path().to_string(), "payload/measurements[0]/metric_name");
    // With the default limit (16 MiB).
    let e = bounded(64 * MIB, Duration::from_secs(60), || {
        cisco::read(Endless::new(json, "a"), &CiscoOptions::default(), &mut Discard(0)).expect_err("hostile")
    });
    assert!(matches!(e, DecodeError::RecordTooLarge { limit: 0x100_0000, .. }), "{e:?}");
    // A payload written as a JSON string that never ends.
    let e = bounded(MIB, fast(), || {
        cisco::read(Endless::new("{\"payload\": \"{", "a"), &small, &mut Discard(0)).expect_err("hostile")
    });
    assert!(matches!(e, DecodeError::RecordTooLarge { .. }), "{e:?}");
    // At the start of the report, the record the payload string is read in.
    assert_eq!((at(&e), e.path().to_string()), ((Some(1), Some(1), 0), "payload".to_owned()));
    // An envelope's report that never ends.
    let e = bounded(MIB, fast(), || {
        cisco::read(Endless::new(&format!("<smartLicense><RUMReport><![CDATA[{json}"), "a"), &small, &mut Discard(0))
            .expect_err("hostile")
    });
    assert!(matches!(e, DecodeError::RecordTooLarge { .. }), "{e:?}");
    assert_eq!(at(&e), (Some(1), Some(64), 63));
    assert_eq!(e.path().to_string(), "smartLicense/RUMReport/payload/measurements[0]/metric_name");
}

#[test]
fn hundred_thousand_deep_cisco_json_is_refused() {
    let _serial = serial();
    let json = format!("{{\"payload\": {{\"measurements\": [{{\"x\": {}", "[".repeat(100_000));
    let (rums, e) = bounded(MIB, fast(), || cisco::read_rums(json.as_bytes()));
    assert!(rums.is_empty());
    let e = e.expect("an error");
    assert!(matches!(e, DecodeError::Json { .. }), "{e:?}");
    assert!(e.to_string().contains("recursion limit"), "{e}");
    let json = format!("{{\"header\": {}", "{\"a\": ".repeat(100_000));
    let (_, e) = bounded(MIB, fast(), || cisco::read_rums(json.as_bytes()));
    assert!(matches!(e, Some(DecodeError::Json { .. })), "{e:?}");
}

#[test]
fn cisco_envelope_billion_laughs_is_refused() {
    let _serial = serial();
    let xml = format!("{}<smartLicense><RUMReport>&lol9;</RUMReport></smartLicense>", billion_laughs("smartLicense"));
    let (rums, e) = bounded(MIB, fast(), || cisco::read_rums(xml.as_bytes()));
    assert!(rums.is_empty());
    let e = e.expect("an error");
    assert!(matches!(e, DecodeError::XmlDoctype { .. }), "{e:?}");
    assert_eq!(at(&e), (Some(2), Some(1), 22));
}
