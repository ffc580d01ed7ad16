//! Hostile input: every decoder (the XML, CBOR and JSON forms, and the `CycloneDX` imports) fails
//! fast, with a specific error at a specific place, in bounded memory.
//!
//! Each case runs alone under a hard allocation cap and a time limit (`iso19770_test_support`'s
//! `bounded`; `HOSTILE_PROBE=1` lifts the cap and prints the peaks), so a decoder that
//! allocates what an input declares, or does quadratic work, fails here.

#![allow(clippy::expect_used, clippy::unwrap_used, clippy::format_push_string, clippy::cast_possible_truncation)]

use iso19770_ent::{DecodeError, Ent, cyclonedx};
use iso19770_test_support::{MIB, bounded, fast, serial};
use std::fmt::Write as _;

const NS: &str = "urn:iso19770-rs:ent:1";

fn head() -> String {
    format!("<Ent xmlns=\"{NS}\" entId=\"x\">")
}

/// The (line, column, byte offset) of an error.
fn at(e: &DecodeError) -> (Option<u64>, Option<u64>, u64) {
    let p = e.position();
    (p.line(), p.column(), p.offset)
}

fn xml_err(xml: &str, budget: usize) -> DecodeError {
    bounded(budget, fast(), || Ent::from_xml_str(xml).expect_err("hostile"))
}

// ---------------------------------------------------------------------------------------------
// XML

#[test]
fn billion_laughs_is_refused_at_the_doctype() {
    let _serial = serial();
    let mut dtd = String::from("<?xml version=\"1.0\"?>\n<!DOCTYPE Ent [\n  <!ENTITY lol \"lol\">\n");
    for i in 1..10 {
        let prev = if i == 1 { "lol".to_owned() } else { format!("lol{}", i - 1) };
        dtd.push_str(&format!("  <!ENTITY lol{i} \"{}\">\n", format!("&{prev};").repeat(10)));
    }
    dtd.push_str("]>\n");
    let xml = format!("{dtd}<Ent xmlns=\"{NS}\" entId=\"&lol9;\"/>");
    let e = xml_err(&xml, 64 * 1024);
    assert!(matches!(e, DecodeError::XmlDoctype { .. }), "{e:?}");
    assert_eq!(at(&e), (Some(2), Some(1), 22));
    // Without the DTD, the reference is undefined.
    let e = xml_err(&format!("<Ent xmlns=\"{NS}\" entId=\"&lol9;\"/>"), 64 * 1024);
    assert!(matches!(e, DecodeError::XmlSyntax { .. }), "{e:?}");
    assert_eq!(e.path().to_string(), "Ent@entId");
}

#[test]
fn a_hundred_thousand_attributes_stop_at_the_limit() {
    let _serial = serial();
    let mut xml = format!("<Ent xmlns=\"{NS}\" entId=\"x\"");
    for i in 0..100_000 {
        xml.push_str(&format!(" a{i}=\"v\""));
    }
    xml.push_str("/>");
    let e = xml_err(&xml, MIB);
    assert!(matches!(e, DecodeError::XmlTooManyAttributes { limit: 256, .. }), "{e:?}");
    assert_eq!((at(&e), e.path().to_string()), ((Some(1), Some(1), 0), "Ent".to_owned()));
}

#[test]
fn long_attribute_names_are_not_compared_quadratically() {
    let _serial = serial();
    // 200 attributes whose names share a 64 KiB prefix: a duplicate check compares each pair.
    let prefix = "n".repeat(64 * 1024);
    let mut xml = format!("<Ent xmlns=\"{NS}\" xmlns:f=\"urn:f\" entId=\"x\"");
    for i in 0..200 {
        xml.push_str(&format!(" f:{prefix}{i}=\"v\""));
    }
    xml.push_str(" revision=\"x\"/>");
    let e = xml_err(&xml, 4 * xml.len() + 16 * MIB);
    assert!(matches!(e, DecodeError::XmlBadValue { .. }), "{e:?}");
    assert_eq!(e.path().to_string(), "Ent@revision");
}

#[test]
fn a_long_name_repeated_in_the_paths_of_many_elements_is_too_large() {
    let _serial = serial();
    // A foreign element with a 1 MiB name holding 100,000 children: each child's path names
    // its parent, 100 GiB of paths if each were held.
    let name = "f".repeat(MIB);
    let mut xml = format!("{}<f:{name} xmlns:f=\"urn:f\">", head());
    for _ in 0..100_000 {
        xml.push_str("<f:c/>");
    }
    xml.push_str(&format!("</f:{name}></Ent>"));
    let e = xml_err(&xml, 40 * xml.len());
    match &e {
        DecodeError::XmlTooLarge { limit, .. } => assert_eq!(*limit, 16 * xml.len() + 4 * MIB),
        other => panic!("{}", other.to_string().chars().take(300).collect::<String>()),
    }
    // A child of the long element, with the parent's name in its path.
    assert_eq!(e.path().segments.len(), 3);
    let first_child = head().len() + name.len() + 20;
    assert!(e.position().offset > first_child as u64 && e.position().offset < (first_child + 100 * 6) as u64);
}

#[test]
fn a_long_namespace_repeated_in_many_elements_is_too_large() {
    let _serial = serial();
    let uri = format!("urn:{}", "u".repeat(MIB));
    let mut xml = format!("<Ent xmlns=\"{NS}\" xmlns:f=\"{uri}\" entId=\"x\">");
    for _ in 0..100_000 {
        xml.push_str("<f:c/>");
    }
    xml.push_str("</Ent>");
    let e = xml_err(&xml, 40 * xml.len());
    assert!(matches!(e, DecodeError::XmlTooLarge { .. }), "{}", e.to_string().chars().take(300).collect::<String>());
    assert_eq!(e.position().line(), Some(1));
}

#[test]
fn long_namespaces_in_scope_of_many_declaring_elements_are_too_large() {
    let _serial = serial();
    // 250 prefixes bound to 4 KiB URIs on the root, then 10,000 children declaring one more:
    // each child's scope holds all 251.
    let mut xml = format!("<Ent xmlns=\"{NS}\" entId=\"x\"");
    for i in 0..250 {
        xml.push_str(&format!(" xmlns:p{i}=\"urn:{}\"", "u".repeat(4096)));
    }
    xml.push('>');
    for _ in 0..10_000 {
        xml.push_str("<f:c xmlns:f=\"urn:f\"/>");
    }
    xml.push_str("</Ent>");
    let e = xml_err(&xml, 40 * xml.len());
    assert!(matches!(e, DecodeError::XmlTooLarge { .. }), "{}", e.to_string().chars().take(300).collect::<String>());
    // Each child's scope counts about 1 MiB: the bound is met after a few dozen of them.
    let path = e.path().to_string();
    let n: usize =
        path.strip_prefix("Ent/c[").and_then(|p| p.strip_suffix(']')).and_then(|n| n.parse().ok()).expect(&path);
    assert!((10..40).contains(&n), "{path}");
}

#[test]
fn a_hundred_thousand_distinct_siblings_are_read_in_linear_time() {
    let _serial = serial();
    let mut xml = head();
    for i in 0..100_000 {
        xml.push_str(&format!("<f:e{i} xmlns:f=\"urn:f\"/>"));
    }
    xml.push_str("</Ent>");
    // Each is kept as a foreign element: its text, name and namespace.
    let ent = bounded(24 * xml.len(), fast(), || Ent::from_xml_str(&xml)).expect("an Ent");
    assert_eq!(ent.extensions.elements.len(), 100_000);
    assert_eq!(ent.extensions.elements[99_999].raw, "<f:e99999 xmlns:f=\"urn:f\"/>");
}

#[test]
fn hundred_thousand_deep_nesting_stops_at_the_depth_limit() {
    let _serial = serial();
    let open = "<f:a xmlns:f=\"urn:f\">";
    let xml = format!("{}{}", head(), open.repeat(100_000));
    let e = xml_err(&xml, 4 * MIB);
    assert!(matches!(e, DecodeError::TooDeep { limit: 64, .. }), "{e:?}");
    // The root is level 1: the 64th nested element is level 65.
    let offset = head().len() + 63 * open.len();
    assert_eq!(at(&e), (Some(1), Some(offset as u64 + 1), offset as u64));
    assert_eq!(e.path().segments.len(), 64);
}

#[test]
fn namespace_declarations_in_scope_stop_at_the_limit() {
    let _serial = serial();
    let decls = |p: &str, n: usize| {
        let mut out = String::new();
        for i in 0..n {
            write!(out, " xmlns:{p}{i}=\"urn:{i}\"").unwrap();
        }
        out
    };
    let xml =
        format!("<Ent xmlns=\"{NS}\"{} entId=\"x\"><f:a xmlns:f=\"urn:f\"{}/></Ent>", decls("p", 200), decls("q", 200));
    let e = xml_err(&xml, MIB);
    assert!(matches!(e, DecodeError::XmlTooManyNamespaces { limit: 256, .. }), "{e:?}");
    assert_eq!(e.path().to_string(), "Ent/a");
    // On siblings, they do not add up.
    let siblings = format!(
        "<Ent xmlns=\"{NS}\"{} entId=\"x\">{}</Ent>",
        decls("p", 200),
        format!("<f:a xmlns:f=\"urn:f\"{}/>", decls("q", 50)).repeat(1000)
    );
    let ent = bounded(32 * siblings.len(), fast(), || Ent::from_xml_str(&siblings)).expect("an Ent");
    assert_eq!(ent.extensions.elements.len(), 1000);
}

// ---------------------------------------------------------------------------------------------
// CBOR

fn cbor_err(bytes: &[u8]) -> DecodeError {
    bounded(MIB, fast(), || Ent::from_cbor_slice(bytes).expect_err("hostile"))
}

/// `{0: "x", 99: <item>}`: an Ent whose unknown key 99 holds `item`.
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
    let e = cbor_err(&with_unknown(&[0xbb, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]));
    assert!(matches!(e, DecodeError::LengthAboveLimit { declared: u64::MAX, .. }), "{e:?}");
    // At the top, and as a known list (entities, key 5).
    let e = cbor_err(&[0xbb, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]);
    assert!(matches!(e, DecodeError::LengthAboveLimit { declared: u64::MAX, .. }), "{e:?}");
    assert_eq!(e.position().offset, 0);
    let e = cbor_err(&[0xa2, 0x00, 0x61, b'x', 0x05, 0x9b, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]);
    assert!(matches!(e, DecodeError::LengthAboveLimit { declared: u64::MAX, .. }), "{e:?}");
    assert_eq!(e.position().offset, 5);
    // Under the limit but beyond the input.
    let e = cbor_err(&with_unknown(&[0x9a, 0x00, 0xff, 0xff, 0xff, 0x00]));
    assert!(matches!(e, DecodeError::LengthBeyondInput { declared: 0xff_ffff, remaining: 1, .. }), "{e:?}");
}

#[test]
fn a_one_gib_string_declared_in_ten_bytes_is_refused_before_allocation() {
    let _serial = serial();
    // {0: text(1 GiB) "abc…"}: ten bytes.
    let e = cbor_err(&[0xa1, 0x00, 0x7a, 0x40, 0x00, 0x00, 0x00, b'a', b'b', b'c']);
    assert!(matches!(e, DecodeError::LengthAboveLimit { declared: 0x4000_0000, limit: 0x100_0000, .. }), "{e:?}");
    assert_eq!((e.position().offset, e.path().to_string()), (2, "entId".to_owned()));
    let e = cbor_err(&with_unknown(&[0x5a, 0x40, 0x00, 0x00, 0x00, 0x01]));
    assert!(matches!(e, DecodeError::LengthAboveLimit { declared: 0x4000_0000, .. }), "{e:?}");
    let e = cbor_err(&with_unknown(&[0x7f, 0x7a, 0x40, 0x00, 0x00, 0x00, b'a']));
    assert!(matches!(e, DecodeError::LengthAboveLimit { declared: 0x4000_0000, .. }), "{e:?}");
    assert_eq!(e.position().offset, 7);
    let e = cbor_err(&[0xa1, 0x00, 0x7a, 0x00, 0xff, 0xff, 0xff, b'a', b'b', b'c']);
    assert!(matches!(e, DecodeError::LengthBeyondInput { declared: 0xff_ffff, remaining: 3, .. }), "{e:?}");
}

#[test]
fn hundred_thousand_deep_cbor_nesting_stops_at_the_depth_limit() {
    let _serial = serial();
    for nest in [0x81_u8, 0x9f, 0xc0, 0xa1] {
        // Arrays of one item, indefinite arrays, tags, maps {item: …}.
        let mut item = vec![nest; 100_000];
        item.push(0x00);
        let e = cbor_err(&with_unknown(&item));
        assert!(matches!(e, DecodeError::TooDeep { limit: 64, .. }), "{nest:#x}: {e:?}");
        // The Ent's map is level 1: the 64th nested item is refused.
        assert_eq!(e.position().offset, 6 + 63, "{nest:#x}");
    }
}

#[test]
fn declared_lengths_allocate_nothing_in_proportion() {
    let _serial = serial();
    // 60 nested arrays, each declaring 1 Mi items (no more than the bytes left), around one
    // 1 MiB byte string, then the end: reserving what is declared would hold ~2 GiB.
    let mut item = Vec::new();
    for _ in 0..60 {
        item.push(0x9a);
        item.extend_from_slice(&(MIB as u32).to_be_bytes());
    }
    item.push(0x5a);
    item.extend_from_slice(&(MIB as u32).to_be_bytes());
    item.resize(item.len() + MIB, 0);
    let bytes = with_unknown(&item);
    let e = bounded(4 * MIB, fast(), || Ent::from_cbor_slice(&bytes).expect_err("hostile"));
    assert!(matches!(e, DecodeError::CborTruncated { .. }), "{e:?}");
    assert_eq!(e.position().offset, bytes.len() as u64);
}

// ---------------------------------------------------------------------------------------------
// JSON

#[test]
fn hundred_thousand_deep_json_nesting_is_refused() {
    let _serial = serial();
    let json = format!("{{\"entId\": \"x\", \"x-deep\": {}", "[".repeat(100_000));
    let e = bounded(MIB, fast(), || Ent::from_json_str(&json).expect_err("hostile"));
    assert!(matches!(e, DecodeError::Json { .. }), "{e:?}");
    assert!(e.to_string().contains("recursion limit"), "{e}");
    assert_eq!(e.position().line(), Some(1));
    let json = "{\"entId\": \"x\", \"entities\": ".to_owned() + &"[".repeat(100_000);
    let e = bounded(MIB, fast(), || Ent::from_json_str(&json).expect_err("hostile"));
    assert!(matches!(e, DecodeError::Json { .. }), "{e:?}");
}

#[test]
fn a_long_json_number_is_refused_in_linear_time() {
    let _serial = serial();
    // serde_json rounds a float exactly (`float_roundtrip`): it holds the digits, once.
    let json = format!("{{\"entId\": \"x\", \"quantity\": 1{}}}", "0".repeat(4 * MIB));
    let e = bounded(2 * json.len() + MIB, fast(), || Ent::from_json_str(&json).expect_err("hostile"));
    assert!(matches!(e, DecodeError::Json { .. }), "{e:?}");
    assert!(e.to_string().contains("number out of range"), "{e}");
    assert_eq!(e.position().offset, json.len() as u64 - 2);
    assert_eq!(e.path().to_string(), "quantity");
}

// ---------------------------------------------------------------------------------------------
// CycloneDX

const CDX: &str = "http://cyclonedx.org/schema/bom/1.6";

#[test]
fn cyclonedx_json_nesting_is_refused() {
    let _serial = serial();
    let json = format!("{{\"bomFormat\": \"CycloneDX\", \"x-deep\": {}", "[".repeat(100_000));
    let e = bounded(MIB, fast(), || cyclonedx::import_json(&json).expect_err("hostile"));
    assert!(matches!(e, DecodeError::Json { .. }), "{e:?}");
    assert!(e.to_string().contains("recursion limit"), "{e}");
}

#[test]
fn cyclonedx_xml_billion_laughs_and_nesting_are_refused() {
    let _serial = serial();
    let xml = format!(
        "<?xml version=\"1.0\"?>\n<!DOCTYPE bom [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">]>\n<bom xmlns=\"{CDX}\"><components><component type=\"library\"><name>&b;</name></component></components></bom>"
    );
    let e = bounded(MIB, fast(), || cyclonedx::import_xml(&xml).expect_err("hostile"));
    assert!(matches!(e, DecodeError::XmlDoctype { .. }), "{e:?}");
    assert_eq!(at(&e), (Some(2), Some(1), 22));
    let xml = format!("<bom xmlns=\"{CDX}\">{}", "<components>".repeat(100_000));
    let e = bounded(4 * MIB, fast(), || cyclonedx::import_xml(&xml).expect_err("hostile"));
    assert!(matches!(e, DecodeError::TooDeep { limit: 256, .. }), "{e:?}");
    let offset = format!("<bom xmlns=\"{CDX}\">").len() + 255 * "<components>".len();
    assert_eq!(e.position().offset, offset as u64);
    let mut xml = format!("<bom xmlns=\"{CDX}\"");
    for i in 0..100_000 {
        xml.push_str(&format!(" a{i}=\"v\""));
    }
    xml.push_str("/>");
    let e = bounded(MIB, fast(), || cyclonedx::import_xml(&xml).expect_err("hostile"));
    assert!(matches!(e, DecodeError::XmlTooManyAttributes { limit: 256, .. }), "{e:?}");
}

#[test]
fn cyclonedx_xml_long_names_and_namespaces_are_read_in_bounded_memory() {
    let _serial = serial();
    let name = "f".repeat(MIB);
    let mut xml = format!("<bom xmlns=\"{CDX}\"><f:{name} xmlns:f=\"urn:f\">");
    for _ in 0..100_000 {
        xml.push_str("<f:c/>");
    }
    xml.push_str(&format!("</f:{name}></bom>"));
    let e = bounded(40 * xml.len(), fast(), || cyclonedx::import_xml(&xml).map(|i| i.ents.len()));
    assert!(
        matches!(e, Err(DecodeError::XmlTooLarge { .. })),
        "{:?}",
        e.map_err(|e| e.to_string().chars().take(300).collect::<String>())
    );
    // Within quick-xml's 128 bindings in scope.
    let mut xml = format!("<bom xmlns=\"{CDX}\"");
    for i in 0..120 {
        xml.push_str(&format!(" xmlns:p{i}=\"urn:{}\"", "u".repeat(8192)));
    }
    xml.push('>');
    for _ in 0..10_000 {
        xml.push_str("<f:c xmlns:f=\"urn:f\"/>");
    }
    xml.push_str("</bom>");
    let e = bounded(40 * xml.len(), fast(), || cyclonedx::import_xml(&xml).map(|i| i.ents.len()));
    assert!(
        matches!(e, Err(DecodeError::XmlTooLarge { .. })),
        "{:?}",
        e.map_err(|e| e.to_string().chars().take(300).collect::<String>())
    );
    // 50,000 distinct siblings: the tree of the document (about 30 times its size here, in
    // nodes of a few short names), in linear time.
    let mut xml = format!("<bom xmlns=\"{CDX}\"><components>");
    for i in 0..50_000 {
        xml.push_str(&format!("<f:e{i} xmlns:f=\"urn:f\"/>"));
    }
    xml.push_str("</components></bom>");
    let r = bounded(48 * xml.len(), fast(), || cyclonedx::import_xml(&xml).map(|i| i.ents.len()));
    assert!(r.is_ok(), "{r:?}");
}
