//! Regression tests, each named after the defect it pins down (found in review).

#![allow(clippy::expect_used, clippy::unwrap_used)]

use iso19770_core::{ForeignAttribute, Position};
use iso19770_swid::xml::{DecodeOptions, XmlTags};
use iso19770_swid::{
    DecodeError, EncodeError, Entity, File, HashAlgorithm, HashEntry, Payload, Role, SoftwareIdentity,
};
use std::fmt::Write as _;

const NS: &str = "http://standards.iso.org/iso/19770/-2/2015/schema.xsd";

fn both(xml: &str) -> Result<SoftwareIdentity, DecodeError> {
    let a = SoftwareIdentity::from_xml_str(xml);
    let b = SoftwareIdentity::from_xml_reader(xml.as_bytes());
    match (&a, &b) {
        (Ok(x), Ok(y)) => assert_eq!(x, y, "string and reader paths differ"),
        (Err(x), Err(y)) => assert_eq!(x.to_string(), y.to_string(), "string and reader paths differ"),
        _ => panic!("one path decodes, the other not: {a:?} / {b:?}"),
    }
    a
}

#[test]
fn regression_a_byte_order_mark_shifted_every_slice_of_string_input() {
    let xml = format!("\u{feff}<SoftwareIdentity xmlns=\"{NS}\" name='a'><x/></SoftwareIdentity>");
    let tag = both(&xml).expect("decodes");
    assert_eq!(tag.extensions.elements[0].raw, "<x/>");
    assert_eq!(tag.to_xml_string().expect("encodes"), xml);
    let e = SoftwareIdentity::from_xml_str(&format!("\u{feff}<SoftwareIdentity xmlns=\"{NS}\" name='a' name='b'/>"))
        .expect_err("duplicate");
    // The mark is not a character of the document; the offset counts its three bytes.
    assert_eq!(e.position().column(), Some(90));
    assert_eq!(e.position().offset, 92);
}

#[test]
fn regression_unknown_siblings_were_counted_by_local_name_across_namespaces() {
    let xml = format!(
        "<SoftwareIdentity xmlns=\"{NS}\" xmlns:a=\"urn:a\" xmlns:b=\"urn:b\" name='x'><a:x/><b:x/><b:x y='1' y='2'/></SoftwareIdentity>"
    );
    let e = both(&xml).expect_err("duplicate attribute");
    assert_eq!(e.path().to_string(), "SoftwareIdentity/b:x[2]@y");
}

#[test]
fn regression_namespace_declarations_were_bound_before_normalization() {
    let xml = "<SoftwareIdentity xmlns=\"http://standards.iso.org/iso/19770/-2/2015/schema&#46;xsd\" name=\"a\"/>";
    assert_eq!(both(xml).expect("a 2015 tag").name.as_deref(), Some("a"));
    let xml = format!("<SoftwareIdentity xmlns=\"{NS}\" xmlns:p='urn:a&amp;b' p:x='1' name='a'/>");
    let mut tag = both(&xml).expect("decodes");
    assert_eq!(tag.extensions.attributes[0].namespace.as_deref(), Some("urn:a&b"));
    tag.clear_layout();
    let again = both(&tag.to_xml_string().expect("encodes")).expect("decodes");
    assert_eq!(again, tag);
}

#[test]
fn regression_the_xmlns_prefix_was_accepted_on_elements() {
    let e = both(&format!("<SoftwareIdentity xmlns=\"{NS}\" name='a'><xmlns:f/></SoftwareIdentity>"))
        .expect_err("reserved");
    assert!(matches!(e, DecodeError::InvalidNamespaceDeclaration { .. }), "{e:?}");
    assert_eq!(e.position().column(), Some(91));
}

#[test]
fn regression_a_us_ascii_document_got_raw_non_ascii_characters() {
    let xml = format!("<?xml version='1.0' encoding='US-ASCII'?><SoftwareIdentity xmlns=\"{NS}\" name='caf&#233;'/>");
    let mut tag = both(&xml).expect("decodes");
    tag.version = Some("naïve".into());
    let out = tag.to_xml_string().expect("encodes");
    assert!(out.is_ascii(), "{out}");
    assert!(out.contains("name='caf&#xE9;'"), "{out}");
    assert_eq!(both(&out).expect("decodes"), tag);
}

#[test]
fn regression_characters_xml_forbids_were_accepted() {
    for (xml, code) in [
        (format!("<SoftwareIdentity xmlns=\"{NS}\" name='a&#1;'/>"), 1),
        (format!("<SoftwareIdentity xmlns=\"{NS}\" name='a\u{1}'/>"), 1),
        (format!("<SoftwareIdentity xmlns=\"{NS}\" name='a'><x>&#x1F;</x></SoftwareIdentity>"), 0x1f),
        (format!("<SoftwareIdentity xmlns=\"{NS}\" name='a'>&#xFFFF;</SoftwareIdentity>"), 0xffff),
        (format!("<SoftwareIdentity xmlns=\"{NS}\" name='a'><x>\u{2}</x></SoftwareIdentity>"), 2),
    ] {
        match both(&xml) {
            Err(DecodeError::InvalidCharacter { code: c, .. }) => assert_eq!(c, code, "{xml:?}"),
            other => panic!("{xml:?}: {other:?}"),
        }
    }
}

#[test]
fn regression_names_and_attribute_separation_were_not_checked() {
    for xml in [
        format!("<SoftwareIdentity xmlns=\"{NS}\" name='a'><1foo/></SoftwareIdentity>"),
        format!("<SoftwareIdentity xmlns=\"{NS}\" xmlns:a='u' name='a'><a:b:c/></SoftwareIdentity>"),
        format!("<SoftwareIdentity xmlns=\"{NS}\" name='a'b='2'/>"),
        format!("<SoftwareIdentity xmlns=\"{NS}\" name='a' 1abc='x'/>"),
    ] {
        assert!(matches!(both(&xml), Err(DecodeError::Syntax { .. })), "{xml}");
    }
}

#[test]
fn regression_other_well_formedness_rules_were_not_enforced() {
    type Expect = fn(&DecodeError) -> bool;
    let cases: Vec<(String, Expect)> = vec![
        (format!("<SoftwareIdentity xmlns=\"{NS}\" name='<'/>"), |e| matches!(e, DecodeError::Syntax { .. })),
        (format!("<SoftwareIdentity xmlns=\"{NS}\" name='a'>]]></SoftwareIdentity>"), |e| {
            matches!(e, DecodeError::Syntax { .. })
        }),
        (format!("<!-- c --><?xml version='1.0'?><SoftwareIdentity xmlns=\"{NS}\"/>"), |e| {
            matches!(e, DecodeError::Syntax { .. })
        }),
        (format!("<?xml version='1.0' standalone='maybe'?><SoftwareIdentity xmlns=\"{NS}\"/>"), |e| {
            matches!(e, DecodeError::Syntax { .. })
        }),
        (format!("<SoftwareIdentity xmlns=\"{NS}\" xmlns:p=''/>"), |e| {
            matches!(e, DecodeError::InvalidNamespaceDeclaration { .. })
        }),
        (
            format!(
                "<SoftwareIdentity xmlns=\"{NS}\" name='a'><f xmlns='http://www.w3.org/XML/1998/namespace'/></SoftwareIdentity>"
            ),
            |e| matches!(e, DecodeError::InvalidNamespaceDeclaration { .. }),
        ),
        (
            format!(
                "<SoftwareIdentity xmlns=\"{NS}\" name='a'><f xmlns:p='u' xmlns:q='u' p:a='1' q:a='2'/></SoftwareIdentity>"
            ),
            |e| matches!(e, DecodeError::DuplicateAttribute { .. }),
        ),
    ];
    for (xml, expected) in cases {
        let e = both(&xml).expect_err(&xml);
        assert!(expected(&e), "{xml}: {e:?}");
    }
}

#[test]
fn regression_containers_skipped_document_level_checks() {
    let truncated = format!("<list><SoftwareIdentity xmlns=\"{NS}\" name='a'/>");
    let results: Vec<_> = XmlTags::new(truncated.as_bytes()).collect();
    assert!(results[0].is_ok());
    assert!(matches!(results[1], Err(DecodeError::UnexpectedEof { .. })), "{:?}", results[1]);

    let two_roots = format!("<a/><SoftwareIdentity xmlns=\"{NS}\" name='a'/>");
    let results: Vec<_> = XmlTags::new(two_roots.as_bytes()).collect();
    assert!(matches!(results[0], Err(DecodeError::ContentAfterRoot { .. })), "{results:?}");

    let junk = format!("junk<SoftwareIdentity xmlns=\"{NS}\" name='a'/>");
    let results: Vec<_> = XmlTags::new(junk.as_bytes()).collect();
    assert!(matches!(results[0], Err(DecodeError::Syntax { .. })), "{results:?}");
}

#[test]
fn regression_error_positions_inside_start_tags_with_declarations_were_stale() {
    let xml = format!("<SoftwareIdentity xmlns=\"{NS}\" name='a'>\n<Entity xmlns:x='u'\n b/></SoftwareIdentity>");
    let e = both(&xml).expect_err("attribute without value");
    // At the attribute itself, on the third line.
    assert!(matches!(e, DecodeError::Syntax { .. }), "{e:?}");
    assert_eq!((e.position().line(), e.position().column()), (Some(3), Some(2)), "{e}");
}

#[test]
fn regression_white_space_in_end_tags_threw_stream_lines_off() {
    let xml = format!("<SoftwareIdentity xmlns=\"{NS}\" name='a'><x></x\n>\n<y a='1' a='2'/></SoftwareIdentity>");
    let e = both(&xml).expect_err("duplicate");
    assert_eq!(e.position().line(), Some(3));
    // The end tag's white space is kept: written back as it came.
    let ok = format!("<SoftwareIdentity xmlns=\"{NS}\" name='a'><x></x\n></SoftwareIdentity>");
    assert_eq!(both(&ok).expect("decodes").to_xml_string().expect("encodes"), ok);
    assert_eq!(
        SoftwareIdentity::from_xml_reader(ok.as_bytes()).expect("decodes").to_xml_string().expect("encodes"),
        ok
    );
}

#[test]
fn regression_the_foreign_depth_limit_was_off_by_one_and_skipped_empty_elements() {
    let opts = DecodeOptions::default().max_depth(3);
    // Depth 3 is allowed, depth 4 is not, whether the deepest element is empty or not.
    let at_limit = format!("<SoftwareIdentity xmlns=\"{NS}\" name='a'><f><g/></f></SoftwareIdentity>");
    assert!(SoftwareIdentity::from_xml_str_with(&at_limit, &opts).is_ok());
    for over in [
        format!("<SoftwareIdentity xmlns=\"{NS}\" name='a'><f><g><h/></g></f></SoftwareIdentity>"),
        format!("<SoftwareIdentity xmlns=\"{NS}\" name='a'><f><g><h></h></g></f></SoftwareIdentity>"),
        format!(
            "<SoftwareIdentity xmlns=\"{NS}\" name='a'><Payload><Directory name='d'><Directory name='e'/></Directory></Payload></SoftwareIdentity>"
        ),
    ] {
        let e = SoftwareIdentity::from_xml_str_with(&over, &opts).expect_err(&over);
        assert!(matches!(e, DecodeError::TooDeep { limit: 3, .. }), "{over}: {e:?}");
    }
}

#[test]
fn regression_more_than_128_namespace_declarations_were_refused() {
    let decls = (0..200).fold(String::new(), |mut s, i| {
        let _ = write!(s, " xmlns:p{i}='urn:{i}'");
        s
    });
    let xml = format!("<SoftwareIdentity xmlns=\"{NS}\"{decls} name='a'/>");
    assert!(both(&xml).is_ok());
    let opts = DecodeOptions::default().max_namespace_bindings(100);
    assert!(matches!(
        SoftwareIdentity::from_xml_str_with(&xml, &opts),
        Err(DecodeError::InvalidNamespaceDeclaration { .. })
    ));
}

#[test]
fn regression_deep_directories_overflowed_a_test_thread_stack() {
    // 200 levels under the ceiling of 256, on a test thread's default 2 MiB stack.
    let xml = format!(
        "<SoftwareIdentity xmlns=\"{NS}\" name='a'><Payload>{}{}</Payload></SoftwareIdentity>",
        "<Directory name='d'>".repeat(200),
        "</Directory>".repeat(200)
    );
    let opts = DecodeOptions::default().max_depth(256);
    let tag = SoftwareIdentity::from_xml_str_with(&xml, &opts).expect("decodes");
    let mut depth = 0;
    let mut d = &tag.payload().expect("payload").items.directories[0];
    while let Some(next) = d.directories.first() {
        d = next;
        depth += 1;
    }
    assert_eq!(depth, 199);
    assert!(tag.to_xml_string().is_ok());
}

#[test]
fn regression_the_writer_emitted_duplicate_and_reserved_attributes() {
    fn tag() -> SoftwareIdentity {
        let mut t = SoftwareIdentity::new("x", "x");
        t.entities.push(Entity::new("e", [Role::TagCreator]));
        t
    }
    let mut t = tag();
    let mut p = Payload::default();
    p.items.files.push(
        File::new("f")
            .with_hash(HashEntry::new(HashAlgorithm::Sha256, vec![1]))
            .with_hash(HashEntry::new(HashAlgorithm::Sha256, vec![2])),
    );
    t.payloads.push(p);
    assert!(matches!(t.to_xml_string(), Err(EncodeError::DuplicateAttribute { .. })));

    let mut t = tag();
    t.entities[0].extensions.attributes.push(ForeignAttribute::new(None, "name", "again"));
    assert!(matches!(t.to_xml_string(), Err(EncodeError::DuplicateAttribute { .. })));

    let mut t = tag();
    t.lang = Some("en".into());
    t.extensions.attributes.push(ForeignAttribute::new(Some(iso19770_core::XML_NAMESPACE), "lang", "de"));
    assert!(matches!(t.to_xml_string(), Err(EncodeError::DuplicateAttribute { .. })));

    for bad in [
        ForeignAttribute::new(None, "xmlns", "urn:evil"),
        ForeignAttribute::new(Some("http://www.w3.org/2000/xmlns/"), "p", "urn:x"),
        ForeignAttribute::new(Some(""), "a", "v"),
    ] {
        let mut t = tag();
        t.extensions.attributes.push(bad.clone());
        assert!(matches!(t.to_xml_string(), Err(EncodeError::InvalidName { .. })), "{bad:?}");
    }
    let _ = Position::bytes(0);
}

#[test]
fn regression_positions_of_many_unknown_siblings_count_each_name() {
    // Past the first few, positions are counted through a map: both ways must agree.
    let mut xml = format!("<SoftwareIdentity xmlns=\"{NS}\" xmlns:a=\"urn:a\" name='x'>");
    for _ in 0..20 {
        xml.push_str("<x/><a:x/>");
    }
    xml.push_str("<a:x y='1' y='2'/></SoftwareIdentity>");
    let e = both(&xml).expect_err("duplicate attribute");
    assert_eq!(e.path().to_string(), "SoftwareIdentity/a:x[21]@y");
    let xml = xml.replace("<a:x y='1' y='2'/>", "<x y='1' y='2'/>");
    assert_eq!(both(&xml).expect_err("duplicate attribute").path().to_string(), "SoftwareIdentity/x[21]@y");
}

#[test]
fn regression_json_encoder_wrote_a_tag_without_an_entity_that_its_decoder_refuses() {
    // Found by fuzz/swid_roundtrip: XML reads a tag without Entity (validation reports it), and
    // the JSON form was written without the `entity` that `from_json_str` requires.
    let xml = format!("<SoftwareIdentity xmlns=\"{NS}\" name=\"Example\" tagId=\"example.com-x\" corpus=\"true\"/>");
    let tag = SoftwareIdentity::from_xml_str(&xml).expect("lenient XML");
    assert!(tag.entities.is_empty());
    match tag.to_json_string() {
        Err(EncodeError::MissingRequired { path, key }) => {
            assert_eq!((path.to_string(), key), (String::new(), "entity"));
        }
        other => panic!("{other:?}"),
    }
    assert!(matches!(tag.to_json_string_pretty(), Err(EncodeError::MissingRequired { key: "entity", .. })));
    // With an entity, what is written reads back.
    let mut tag = tag;
    tag.entities.push(Entity::new("Example", [Role::TagCreator]));
    let json = tag.to_json_string().expect("encodes");
    assert_eq!(SoftwareIdentity::from_json_str(&json).expect("decodes").entities, tag.entities);
    // A tag built without a name or tag id is refused too.
    let mut nameless = tag.clone();
    nameless.name = None;
    assert!(matches!(nameless.to_json_string(), Err(EncodeError::MissingRequired { key: "software-name", .. })));
}

#[test]
fn regression_json_encoder_wrote_a_kept_text_key_named_like_a_member_twice() {
    // The class fuzz/rum_roundtrip found in the RUM form: {0: "x", 1: "y", 2: {31: "e", 33: 1},
    // 12: 0, "tag-id": "z"} keeps the text key, and the JSON form had `tag-id` twice.
    let mut cbor =
        vec![0xa5, 0x00, 0x61, b'x', 0x01, 0x61, b'y', 0x02, 0xa2, 0x18, 31, 0x61, b'e', 0x18, 33, 0x01, 0x0c, 0x00];
    cbor.extend_from_slice(&[0x66, b't', b'a', b'g', b'-', b'i', b'd', 0x61, b'z']);
    let tag = SoftwareIdentity::from_cbor_slice(&cbor).expect("a tag");
    match tag.to_json_string() {
        Err(EncodeError::Json { message }) => assert!(message.contains("member tag-id twice"), "{message}"),
        other => panic!("{other:?}"),
    }
}
