//! Hostile input: every decoder fails fast, with a specific error at a specific place, in bounded
//! memory.
//!
//! Each case runs alone under a hard allocation cap and a time limit (`iso19770_test_support`'s
//! `bounded`; `HOSTILE_PROBE=1` lifts the cap and prints the peaks), so a decoder that
//! allocates what an input declares, or does quadratic work, fails here.

#![allow(clippy::expect_used, clippy::unwrap_used, clippy::format_push_string, clippy::cast_possible_truncation)]

use iso19770_swid::cbor::{CborDecodeOptions, CborMode};
use iso19770_swid::xml::{DecodeOptions, XmlTags};
use iso19770_swid::{DecodeError, SoftwareIdentity};
use iso19770_test_support::{Endless, MIB, bounded, fast, serial};

const NS: &str = "http://standards.iso.org/iso/19770/-2/2015/schema.xsd";

fn head() -> String {
    format!("<SoftwareIdentity xmlns=\"{NS}\" name=\"x\" tagId=\"x\">")
}

/// The (line, column, byte offset) of an error.
fn at(e: &DecodeError) -> (Option<u64>, Option<u64>, u64) {
    let p = e.position();
    (p.line(), p.column(), p.offset)
}

/// Both XML paths (text and stream) give the same error.
fn xml_err(xml: &str, budget: usize) -> DecodeError {
    let e = bounded(budget, fast(), || SoftwareIdentity::from_xml_str(xml).expect_err("hostile"));
    let r = bounded(budget, fast(), || SoftwareIdentity::from_xml_reader(xml.as_bytes()).expect_err("hostile"));
    assert_eq!(r.to_string(), e.to_string(), "the text and stream readers disagree");
    e
}

// ---------------------------------------------------------------------------------------------
// XML

#[test]
fn billion_laughs_is_refused_at_the_doctype() {
    let _serial = serial();
    let mut dtd = String::from("<?xml version=\"1.0\"?>\n<!DOCTYPE SoftwareIdentity [\n  <!ENTITY lol \"lol\">\n");
    for i in 1..10 {
        let prev = if i == 1 { "lol".to_owned() } else { format!("lol{}", i - 1) };
        dtd.push_str(&format!("  <!ENTITY lol{i} \"{}\">\n", format!("&{prev};").repeat(10)));
    }
    dtd.push_str("]>\n");
    let xml = format!("{dtd}<SoftwareIdentity xmlns=\"{NS}\" name=\"&lol9;\" tagId=\"x\"/>");
    let e = xml_err(&xml, MIB);
    assert!(matches!(e, DecodeError::DtdNotAllowed { .. }), "{e:?}");
    assert_eq!(at(&e), (Some(2), Some(1), 22));
}

#[test]
fn an_entity_reference_without_a_dtd_is_undefined() {
    let _serial = serial();
    let xml = format!("{}<Entity name=\"&lol9;\" role=\"tagCreator\"/></SoftwareIdentity>", head());
    let e = xml_err(&xml, MIB);
    match &e {
        DecodeError::UndefinedEntity { name, .. } => assert_eq!(name, "lol9"),
        other => panic!("{other:?}"),
    }
    assert_eq!(e.path().to_string(), "SoftwareIdentity/Entity@name");
}

#[test]
fn a_hundred_thousand_attributes_stop_at_the_limit() {
    let _serial = serial();
    let mut xml = format!("<SoftwareIdentity xmlns=\"{NS}\" name=\"x\" tagId=\"x\"");
    for i in 0..100_000 {
        xml.push_str(&format!(" a{i}=\"v\""));
    }
    xml.push_str("/>");
    // The stream reader holds the start tag (the input, here) in its buffer.
    let e = xml_err(&xml, 8 * xml.len());
    assert!(matches!(e, DecodeError::TooManyAttributes { limit: 256, .. }), "{e:?}");
    assert_eq!(at(&e), (Some(1), Some(1), 0));
}

#[test]
fn long_attribute_names_are_not_compared_quadratically() {
    let _serial = serial();
    // 200 attributes whose names share a 64 KiB prefix: a duplicate check compares each pair.
    let prefix = "n".repeat(64 * 1024);
    let mut xml = format!("<SoftwareIdentity xmlns=\"{NS}\" name=\"x\" tagId=\"x\"");
    for i in 0..200 {
        xml.push_str(&format!(" {prefix}{i}=\"v\""));
    }
    xml.push_str(" patch=\"maybe\"/>");
    let e = xml_err(&xml, 8 * xml.len());
    assert!(matches!(e, DecodeError::InvalidBoolean { .. }), "{e:?}");
    assert_eq!(e.path().to_string(), "SoftwareIdentity@patch");
}

#[test]
fn a_long_element_name_with_many_children_is_read_in_bounded_memory() {
    let _serial = serial();
    // A foreign element with a 1 MiB name holding 100,000 children: nothing per child may copy
    // the name (a path, a scope). The tag is then refused for its bad boolean.
    let name = "f".repeat(MIB);
    let mut xml = format!("<SoftwareIdentity xmlns=\"{NS}\" xmlns:f=\"urn:f\" name=\"x\" tagId=\"x\"><f:{name}>");
    for _ in 0..100_000 {
        xml.push_str("<f:c/>");
    }
    xml.push_str(&format!("</f:{name}><Entity name=\"e\" role=\"tagCreator\"/></SoftwareIdentity>"));
    // The foreign element is kept as its source text: the input once more, and the layout.
    let budget = 4 * xml.len() + 16 * MIB;
    let tag = bounded(budget, fast(), || SoftwareIdentity::from_xml_str(&xml)).expect("a tag");
    assert_eq!(tag.extensions.elements.len(), 1);
    assert_eq!(tag.extensions.elements[0].raw.len(), 2 * MIB + 5 + 100_000 * 6 + 4);
}

#[test]
fn a_hundred_thousand_distinct_siblings_are_read_in_linear_time() {
    let _serial = serial();
    let mut xml = format!("{}<Payload>", head());
    for i in 0..100_000 {
        xml.push_str(&format!("<f:e{i} xmlns:f=\"urn:f\"/>"));
    }
    xml.push_str("</Payload><Entity name=\"e\" role=\"tagCreator\"/></SoftwareIdentity>");
    // Each is kept as a foreign element (its text, name and namespace) with its layout.
    let budget = 16 * xml.len() + 16 * MIB;
    let tag = bounded(budget, fast(), || SoftwareIdentity::from_xml_str(&xml)).expect("a tag");
    assert_eq!(tag.payload().map(|p| p.extensions.elements.len()), Some(100_000));
}

#[test]
fn hundred_thousand_deep_nesting_stops_at_the_depth_limit() {
    let _serial = serial();
    let open = "<Directory name=\"d\">";
    let xml = format!("{}<Payload>{}", head(), open.repeat(100_000));
    let e = xml_err(&xml, 4 * MIB);
    assert!(matches!(e, DecodeError::TooDeep { limit: 64, .. }), "{e:?}");
    // SoftwareIdentity and Payload are levels 1 and 2: the 63rd Directory is level 65.
    let offset = head().len() + "<Payload>".len() + 62 * open.len();
    assert_eq!(at(&e), (Some(1), Some(offset as u64 + 1), offset as u64));
    // Foreign elements count too.
    let xml = format!("{}{}", head(), "<f:a xmlns:f=\"urn:f\">".repeat(100_000));
    let e = xml_err(&xml, 4 * MIB);
    assert!(matches!(e, DecodeError::TooDeep { limit: 64, .. }), "{e:?}");
}

#[test]
fn the_depth_limit_cannot_be_raised_past_its_ceiling() {
    let _serial = serial();
    let options = DecodeOptions::default().max_depth(usize::MAX);
    assert_eq!(options.max_depth, DecodeOptions::MAX_DEPTH_CEILING);
    let xml = format!("{}<Payload>{}", head(), "<Directory name=\"d\">".repeat(100_000));
    let e = bounded(4 * MIB, fast(), || SoftwareIdentity::from_xml_str_with(&xml, &options).expect_err("hostile"));
    assert!(matches!(e, DecodeError::TooDeep { limit: 256, .. }), "{e:?}");
}

#[test]
fn a_hundred_thousand_namespace_declarations_stop_at_the_limit() {
    let _serial = serial();
    let mut xml = format!("{}<Payload>", head());
    for i in 0..100_000 {
        xml.push_str(&format!("<Directory xmlns:p{i}=\"urn:p{i}\" name=\"d\"></Directory>"));
    }
    // Declarations on siblings do not add up: only those in scope at once count.
    xml.push_str("</Payload><Entity name=\"e\" role=\"tagCreator\"/></SoftwareIdentity>");
    let tag = bounded(16 * xml.len() + 16 * MIB, fast(), || SoftwareIdentity::from_xml_str(&xml)).expect("a tag");
    assert_eq!(tag.payload().map(|p| p.items.directories.len()), Some(100_000));
    // Nested, they do: five levels of 60 declarations are 300 in scope.
    let mut xml = format!("{}<Payload>", head());
    for level in 0..5 {
        xml.push_str("<Directory name=\"d\"");
        for i in 0..60 {
            xml.push_str(&format!(" xmlns:p{level}x{i}=\"urn:p{i}\""));
        }
        xml.push('>');
    }
    let e = xml_err(&xml, 4 * MIB);
    assert!(matches!(e, DecodeError::InvalidNamespaceDeclaration { .. }), "{e:?}");
    assert!(e.to_string().contains("256"), "{e}");
    // In the fifth Directory's start tag (the path is its parent's: it is not open yet).
    assert_eq!(e.path().to_string(), "SoftwareIdentity/Payload/Directory/Directory/Directory/Directory");
    let fifth = xml.match_indices("<Directory").nth(4).map(|(i, _)| i as u64).expect("five");
    assert!(e.position().offset >= fifth && e.position().line() == Some(1), "{e:?}");
}

#[test]
fn an_endless_stream_of_elements_stops_at_the_depth_limit() {
    let _serial = serial();
    let input = Endless::new(&head(), "<Payload>");
    let e = bounded(4 * MIB, fast(), || SoftwareIdentity::from_xml_reader(input).expect_err("hostile"));
    assert!(matches!(e, DecodeError::TooDeep { limit: 64, .. }), "{e:?}");
    let mut tags = XmlTags::new(Endless::new("<swidtags>", "<x>"));
    let e = bounded(4 * MIB, fast(), || tags.next().expect("an item").expect_err("hostile"));
    assert!(matches!(e, DecodeError::TooDeep { limit: 64, .. }), "{e:?}");
}

// ---------------------------------------------------------------------------------------------
// CBOR

fn cbor_err(bytes: &[u8]) -> DecodeError {
    let e = bounded(MIB, fast(), || SoftwareIdentity::from_cbor_slice(bytes).expect_err("hostile"));
    let lenient = CborDecodeOptions::default().mode(CborMode::Lenient);
    let other = bounded(MIB, fast(), || SoftwareIdentity::from_cbor_slice_with(bytes, &lenient).expect_err("hostile"));
    assert_eq!(std::mem::discriminant(&other), std::mem::discriminant(&e), "lenient: {other:?}");
    // Strict refuses as early or earlier (an indefinite length is a nonconformity there).
    let strict = CborDecodeOptions::default().mode(CborMode::Strict);
    bounded(MIB, fast(), || SoftwareIdentity::from_cbor_slice_with(bytes, &strict).expect_err("hostile"));
    e
}

/// `{0: "x", 1: "y", 99: <item>}`: a tag whose unknown key 99 holds `item`.
fn with_unknown(item: &[u8]) -> Vec<u8> {
    let mut bytes = vec![0xa3, 0x00, 0x61, b'x', 0x01, 0x61, b'y', 0x18, 99];
    bytes.extend_from_slice(item);
    bytes
}

#[test]
fn an_array_declaring_two_to_the_sixty_four_items_is_refused_before_allocation() {
    let _serial = serial();
    let bytes = with_unknown(&[0x9b, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]);
    let e = cbor_err(&bytes);
    match &e {
        DecodeError::LengthAboveLimit { declared, limit, .. } => {
            assert_eq!((*declared, *limit), (u64::MAX, 16 * 1024 * 1024));
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(e.position().offset, 9);
    // A map too.
    let e = cbor_err(&with_unknown(&[0xbb, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]));
    assert!(matches!(e, DecodeError::LengthAboveLimit { declared: u64::MAX, .. }), "{e:?}");
    // Under the limit but beyond the input.
    let e = cbor_err(&with_unknown(&[0x9a, 0x00, 0xff, 0xff, 0xff, 0x00]));
    assert!(matches!(e, DecodeError::LengthBeyondInput { declared: 0xff_ffff, remaining: 1, .. }), "{e:?}");
    assert_eq!(e.position().offset, 9);
}

#[test]
fn a_one_gib_string_declared_in_ten_bytes_is_refused_before_allocation() {
    let _serial = serial();
    // {0: text(1 GiB) "abc…"}: ten bytes.
    let text = [0xa1, 0x00, 0x7a, 0x40, 0x00, 0x00, 0x00, b'a', b'b', b'c'];
    let e = cbor_err(&text);
    assert!(matches!(e, DecodeError::LengthAboveLimit { declared: 0x4000_0000, limit: 0x100_0000, .. }), "{e:?}");
    assert_eq!((e.position().offset, e.path().to_string()), (2, "tag-id".to_owned()));
    // As a byte string, a tag-id must be a UUID's 16 bytes: its head says enough.
    let bytes = [0xa1, 0x00, 0x5a, 0x40, 0x00, 0x00, 0x00, 0x01, 0x02, 0x03];
    let e = cbor_err(&bytes);
    assert!(matches!(e, DecodeError::WrongType { .. }), "{e:?}");
    assert_eq!(e.position().offset, 2);
    let e = cbor_err(&with_unknown(&[0x5a, 0x40, 0x00, 0x00, 0x00, 0x01]));
    assert!(matches!(e, DecodeError::LengthAboveLimit { declared: 0x4000_0000, .. }), "{e:?}");
    assert_eq!(e.position().offset, 9);
    // Under the limit, beyond the input.
    let short = [0xa1, 0x00, 0x7a, 0x00, 0xff, 0xff, 0xff, b'a', b'b', b'c'];
    let e = cbor_err(&short);
    assert!(matches!(e, DecodeError::LengthBeyondInput { declared: 0xff_ffff, remaining: 3, .. }), "{e:?}");
    // In an unknown key, and as chunks of an indefinite-length string.
    let e = cbor_err(&with_unknown(&[0x7a, 0x40, 0x00, 0x00, 0x00, b'a']));
    assert!(matches!(e, DecodeError::LengthAboveLimit { declared: 0x4000_0000, .. }), "{e:?}");
    let e = cbor_err(&with_unknown(&[0x7f, 0x7a, 0x40, 0x00, 0x00, 0x00, b'a']));
    assert!(matches!(e, DecodeError::LengthAboveLimit { declared: 0x4000_0000, .. }), "{e:?}");
    assert_eq!(e.position().offset, 10);
}

#[test]
fn hundred_thousand_deep_cbor_nesting_stops_at_the_depth_limit() {
    let _serial = serial();
    for nest in [0x81_u8, 0x9f, 0xc0] {
        // Arrays of one item, indefinite arrays, tags.
        let mut item = vec![nest; 100_000];
        item.push(0x00);
        let e = cbor_err(&with_unknown(&item));
        // Arrays and maps are refused by the tag reader, tags by the value reader.
        assert!(
            matches!(e, DecodeError::TooDeep { limit: 64, .. } | DecodeError::CborInvalid { .. }),
            "{nest:#x}: {e:?}"
        );
        assert!(e.to_string().contains("deeper than the limit of 64"), "{e}");
        // The map is level 1: the 64th nested item is refused.
        assert_eq!(e.position().offset, 9 + 63, "{nest:#x}");
    }
}

#[test]
fn declared_lengths_allocate_nothing_in_proportion() {
    let _serial = serial();
    // 60 nested arrays, each declaring 1 Mi items (no more than the bytes left, so the length
    // checks pass), around one 1 MiB byte string, then the end: a decoder that reserves what
    // is declared holds 60 Mi item slots (about 2 GiB) before finding the input short.
    let mut item = Vec::new();
    for _ in 0..60 {
        item.push(0x9a);
        item.extend_from_slice(&(MIB as u32).to_be_bytes());
    }
    item.push(0x5a);
    item.extend_from_slice(&(MIB as u32).to_be_bytes());
    item.resize(item.len() + MIB, 0);
    let bytes = with_unknown(&item);
    let e = bounded(4 * MIB, fast(), || SoftwareIdentity::from_cbor_slice(&bytes).expect_err("hostile"));
    assert!(matches!(e, DecodeError::CborTruncated { .. }), "{e:?}");
    assert_eq!(e.position().offset, bytes.len() as u64);
}

// ---------------------------------------------------------------------------------------------
// JSON

#[test]
fn hundred_thousand_deep_json_nesting_is_refused() {
    let _serial = serial();
    let json = format!("{{\"tag-id\": \"x\", \"software-name\": \"y\", \"x\": {}", "[".repeat(100_000));
    let e = bounded(4 * MIB, fast(), || SoftwareIdentity::from_json_str(&json).expect_err("hostile"));
    assert!(matches!(e, DecodeError::Json { .. }), "{e:?}");
    assert!(e.to_string().contains("recursion limit"), "{e}");
    assert_eq!(e.position().line(), Some(1));
    let json = "[".repeat(100_000);
    let e = bounded(4 * MIB, fast(), || SoftwareIdentity::from_json_str(&json).expect_err("hostile"));
    assert!(matches!(e, DecodeError::Json { .. }), "{e:?}");
}

#[test]
fn a_long_json_number_is_refused_in_linear_time() {
    let _serial = serial();
    // serde_json rounds a float exactly (`float_roundtrip`): it holds the digits, once.
    let json = format!("{{\"tag-id\": \"x\", \"software-name\": \"y\", \"tag-version\": 1{}}}", "0".repeat(4 * MIB));
    let e = bounded(2 * json.len() + MIB, fast(), || SoftwareIdentity::from_json_str(&json).expect_err("hostile"));
    assert!(matches!(e, DecodeError::Json { .. }), "{e:?}");
    assert_eq!(e.path().to_string(), "tag-version");
}
