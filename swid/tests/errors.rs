//! Bad input: each gets its specific error, with line, column and element path, never a panic.

#![allow(clippy::expect_used, clippy::unwrap_used)]

mod common;

use iso19770_core::Position;
use iso19770_swid::xml::DecodeOptions;
use iso19770_swid::{DecodeError, DocumentKind, SoftwareIdentity};
use std::fmt::Write as _;

const NS: &str = "http://standards.iso.org/iso/19770/-2/2015/schema.xsd";

fn err(xml: &str) -> DecodeError {
    let from_str = SoftwareIdentity::from_xml_str(xml).expect_err("must not decode");
    // The streaming path reports the same error at the same place.
    let from_reader = SoftwareIdentity::from_xml_reader(xml.as_bytes()).expect_err("must not decode");
    assert_eq!(from_reader.to_string(), from_str.to_string(), "reader and string paths disagree");
    from_str
}

fn tag(body: &str) -> String {
    format!("<SoftwareIdentity xmlns=\"{NS}\" name=\"x\" tagId=\"x\">\n{body}\n</SoftwareIdentity>")
}

fn line_col(e: &DecodeError) -> (u64, u64) {
    let p = e.position();
    (p.line().expect("line"), p.column().expect("column"))
}

#[test]
fn invalid_utf8_is_reported_with_its_position() {
    let mut bytes = format!("<SoftwareIdentity xmlns=\"{NS}\" name=\"").into_bytes();
    bytes.extend_from_slice(&[0xC3, 0x28]);
    bytes.extend_from_slice(b"\" tagId=\"x\"/>");
    let e = SoftwareIdentity::from_xml_slice(&bytes).expect_err("invalid UTF-8");
    assert!(matches!(e, DecodeError::InvalidUtf8 { .. }), "{e:?}");
    assert_eq!(e.position().line(), Some(1));
}

#[test]
fn truncated_input_names_the_open_element() {
    let e = err(&format!(
        "<SoftwareIdentity xmlns=\"{NS}\" name=\"x\" tagId=\"x\">\n  <Payload>\n    <Directory name=\"d\">"
    ));
    assert!(matches!(e, DecodeError::UnexpectedEof { .. }), "{e:?}");
    assert_eq!(e.path().to_string(), "SoftwareIdentity/Payload/Directory");
    assert_eq!(line_col(&e).0, 3);

    let e = err(&format!("<SoftwareIdentity xmlns=\"{NS}\" name=\"x"));
    assert!(matches!(e, DecodeError::UnexpectedEof { .. }), "{e:?}");
}

#[test]
fn a_duplicate_attribute_is_reported_at_its_second_occurrence() {
    let e = err(&format!("<SoftwareIdentity xmlns=\"{NS}\" name=\"a\" tagId=\"x\" name=\"b\"/>"));
    match &e {
        DecodeError::DuplicateAttribute { name, .. } => assert_eq!(name, "name"),
        other => panic!("{other:?}"),
    }
    assert_eq!(e.path().to_string(), "SoftwareIdentity@name");
    assert_eq!(line_col(&e), (1, 100));
}

/// A start tag that declares namespaces is scanned by the namespace scopes and replayed to the
/// decoder; a duplicate, or more attributes than are replayed, send the decoder back to its own
/// scan, and the declarations after the duplicate still count.
#[test]
fn a_duplicate_in_a_tag_that_declares_namespaces_is_reported_at_its_second_occurrence() {
    let e = err(&format!("<s:SoftwareIdentity name=\"a\" name=\"b\" xmlns:s=\"{NS}\" tagId=\"x\"/>"));
    match &e {
        DecodeError::DuplicateAttribute { name, .. } => assert_eq!(name, "name"),
        other => panic!("{other:?}"),
    }
    assert_eq!(e.path().to_string(), "SoftwareIdentity@name");
    assert_eq!(line_col(&e), (1, 30));

    let mut many = format!("<SoftwareIdentity xmlns=\"{NS}\" name=\"a\" tagId=\"x\"");
    for i in 0..100 {
        write!(many, " xmlns:p{i}=\"urn:p{i}\"").unwrap();
    }
    let before = many.len();
    many.push_str(" name=\"b\"/>");
    let e = err(&many);
    match &e {
        DecodeError::DuplicateAttribute { name, .. } => assert_eq!(name, "name"),
        other => panic!("{other:?}"),
    }
    assert_eq!(line_col(&e), (1, before as u64 + 2));
    // Without the duplicate, all hundred declarations are in scope.
    let mut fine = many.replace(" name=\"b\"/>", "");
    fine.push_str("><Entity name=\"e\" role=\"tagCreator\" p99:k=\"v\"/></SoftwareIdentity>");
    let decoded = SoftwareIdentity::from_xml_str(&fine).expect("decodes");
    let foreign = &decoded.entities[0].extensions.attributes[0];
    assert_eq!((foreign.namespace.as_deref(), &*foreign.value), (Some("urn:p99"), "v"));
}

#[test]
fn the_same_attribute_under_two_prefixes_is_a_duplicate() {
    let e = err(&tag(
        r#"<Payload><File name="f" xmlns:a="http://www.w3.org/2001/04/xmlenc#sha256" xmlns:b="http://www.w3.org/2001/04/xmlenc#sha256" a:hash="00" b:hash="00"/></Payload>"#,
    ));
    match &e {
        DecodeError::DuplicateAttribute { name, .. } => {
            assert_eq!(name, "{http://www.w3.org/2001/04/xmlenc#sha256}hash");
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(e.path().to_string(), "SoftwareIdentity/Payload/File@b:hash");
}

/// The qualified attributes of a tag are compared by expanded name past the few kept inline:
/// a duplicate after many others is found, and as many distinct ones pass.
#[test]
fn the_same_expanded_name_after_many_prefixed_attributes_is_a_duplicate() {
    let mut file = String::from("<Payload><File name=\"f\" xmlns:a=\"urn:a\" xmlns:b=\"urn:a\"");
    for i in 0..9 {
        write!(file, " a:k{i}=\"v\"").unwrap();
    }
    let fine = format!("{file}/></Payload>");
    let tag = SoftwareIdentity::from_xml_str(&self::tag(&fine)).expect("nine distinct names");
    assert_eq!(tag.payloads[0].items.files[0].extensions.attributes.len(), 9);
    for again in [0, 3, 8] {
        let e = err(&self::tag(&format!("{file} b:k{again}=\"w\"/></Payload>")));
        match &e {
            DecodeError::DuplicateAttribute { name, .. } => assert_eq!(name, &format!("{{urn:a}}k{again}")),
            other => panic!("{other:?}"),
        }
        assert_eq!(e.path().to_string(), format!("SoftwareIdentity/Payload/File@b:k{again}"));
    }
}

#[test]
fn a_bad_boolean_names_the_attribute_deep_in_the_tree() {
    let body = "<Payload>\n<Directory name=\"a\"/>\n<Directory name=\"b\">\n<File name=\"1\"/><File name=\"2\"/><File name=\"3\"/><File name=\"4\"/>\n  <File name=\"5\" key=\"maybe\"/>\n</Directory>\n</Payload>";
    let e = err(&tag(body));
    match &e {
        DecodeError::InvalidBoolean { value, .. } => assert_eq!(value, "maybe"),
        other => panic!("{other:?}"),
    }
    assert_eq!(e.path().to_string(), "SoftwareIdentity/Payload/Directory[2]/File[5]@key");
    assert_eq!(line_col(&e), (6, 18));
    assert_eq!(
        e.to_string(),
        "line 6, column 18 (SoftwareIdentity/Payload/Directory[2]/File[5]@key): invalid boolean \"maybe\" (expected true, false, 1 or 0)"
    );
}

#[test]
fn a_bad_integer_is_invalid_or_out_of_range() {
    let e = err(&tag(r#"<Payload><File name="f" size="12a"/></Payload>"#));
    assert!(matches!(&e, DecodeError::InvalidInteger { value, .. } if value == "12a"), "{e:?}");
    assert_eq!(e.path().to_string(), "SoftwareIdentity/Payload/File@size");

    let e = err(&tag(r#"<Payload><File name="f" size="-1"/></Payload>"#));
    assert!(matches!(&e, DecodeError::IntegerOutOfRange { min: 0, .. }), "{e:?}");

    let e =
        err(&format!("<SoftwareIdentity xmlns=\"{NS}\" name=\"x\" tagId=\"x\" tagVersion=\"99999999999999999999\"/>"));
    assert!(matches!(&e, DecodeError::IntegerOutOfRange { .. }), "{e:?}");
    assert_eq!(e.path().to_string(), "SoftwareIdentity@tagVersion");
}

#[test]
fn a_hash_that_is_not_hex_is_reported() {
    let e = err(&tag(
        r#"<Payload><File xmlns:s="http://www.w3.org/2001/04/xmlenc#sha256" name="f" s:hash="xyz"/></Payload>"#,
    ));
    assert!(matches!(&e, DecodeError::InvalidHex { value, .. } if value == "xyz"), "{e:?}");
    assert_eq!(e.path().to_string(), "SoftwareIdentity/Payload/File@s:hash");
}

#[test]
fn a_billion_laughs_document_is_refused_at_its_doctype() {
    let mut doc = String::from("<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n <!ENTITY lol \"lol\">\n");
    for i in 1..10 {
        let prev = if i == 1 { "lol".to_owned() } else { format!("lol{}", i - 1) };
        let _ = writeln!(doc, " <!ENTITY lol{i} \"{}\">", format!("&{prev};").repeat(10));
    }
    let _ = write!(doc, "]>\n<SoftwareIdentity xmlns=\"{NS}\" name=\"&lol9;\" tagId=\"x\"/>");
    let e = err(&doc);
    assert!(matches!(e, DecodeError::DtdNotAllowed { .. }), "{e:?}");
    assert_eq!(line_col(&e), (2, 1));
}

#[test]
fn nesting_beyond_the_limit_is_refused() {
    let deep = format!(
        "<SoftwareIdentity xmlns=\"{NS}\" name=\"x\" tagId=\"x\"><Payload>{}{}</Payload></SoftwareIdentity>",
        "<Directory name=\"d\">".repeat(70),
        "</Directory>".repeat(70)
    );
    let e = err(&deep);
    assert!(matches!(e, DecodeError::TooDeep { limit: 64, .. }), "{e:?}");
    assert_eq!(e.path().segments.len(), 64);
    // A lower limit is honoured, a higher one accepts the tag.
    let opts = DecodeOptions::default().max_depth(10);
    let e = SoftwareIdentity::from_xml_str_with(&deep, &opts).expect_err("too deep");
    assert!(matches!(e, DecodeError::TooDeep { limit: 10, .. }), "{e:?}");
    let opts = DecodeOptions::default().max_depth(100);
    assert!(SoftwareIdentity::from_xml_str_with(&deep, &opts).is_ok());
}

#[test]
fn hundred_thousand_deep_foreign_nesting_fails_fast() {
    let deep = format!(
        "<SoftwareIdentity xmlns=\"{NS}\" name=\"x\" tagId=\"x\">{}{}</SoftwareIdentity>",
        "<v:x xmlns:v=\"urn:v\">".repeat(100_000),
        "</v:x>".repeat(100_000)
    );
    let e = err(&deep);
    assert!(matches!(e, DecodeError::TooDeep { limit: 64, .. }), "{e:?}");
    assert_eq!(e.path().to_string(), "SoftwareIdentity/v:x");
}

#[test]
fn undefined_entities_are_refused_in_attributes_and_text() {
    let e = err(&format!("<SoftwareIdentity xmlns=\"{NS}\" name=\"&nbsp;\" tagId=\"x\"/>"));
    assert!(matches!(&e, DecodeError::UndefinedEntity { name, .. } if name == "nbsp"), "{e:?}");
    assert_eq!(e.path().to_string(), "SoftwareIdentity@name");

    let e = err(&tag("<Meta/>&copy;"));
    assert!(matches!(&e, DecodeError::UndefinedEntity { name, .. } if name == "copy"), "{e:?}");
    assert_eq!(line_col(&e), (2, 8));
}

#[test]
fn an_undeclared_prefix_is_reported() {
    let e = err(&tag("<v:Vendor/>"));
    assert!(matches!(&e, DecodeError::UndeclaredPrefix { prefix, .. } if prefix == "v"), "{e:?}");
    assert_eq!(line_col(&e), (2, 1));

    let e = err(&tag(r#"<Entity name="e" role="tagCreator" q:x="1"/>"#));
    assert!(matches!(&e, DecodeError::UndeclaredPrefix { prefix, .. } if prefix == "q"), "{e:?}");
    assert_eq!(e.path().to_string(), "SoftwareIdentity/Entity@q:x");
}

#[test]
fn documents_that_are_not_2015_tags_say_what_they_are() {
    let fixtures = common::fixture_files("invalid");
    let text = |name: &str| fixtures.iter().find(|(n, _)| n == name).map(|(_, t)| t.clone()).expect("fixture");

    let e = err(&text("labs64-netlicensing-2009.swidtag"));
    assert!(matches!(&e, DecodeError::NotSwid2015 { kind: DocumentKind::Iso2009, .. }), "{e:?}");

    let e = err(&text("veraison-swid_testXML.xml"));
    assert!(matches!(&e, DecodeError::NotSwid2015 { kind: DocumentKind::NoNamespace, .. }), "{e:?}");
    assert_eq!(e.path().to_string(), "SoftwareIdentity");

    let dis = "<SoftwareIdentity xmlns=\"http://standards.iso.org/iso/19770/-2/2014-DIS/schema.xsd\" name=\"x\" tagId=\"x\"/>";
    let e = err(dis);
    assert!(matches!(&e, DecodeError::NotSwid2015 { kind: DocumentKind::Dis2014, .. }), "{e:?}");

    let draft =
        "<SoftwareIdentity xmlns=\"https://standards.iso.org/iso/19770/-2/2008/schema.xsd\" name=\"x\" tagId=\"x\"/>";
    let e = err(draft);
    assert!(matches!(&e, DecodeError::NotSwid2015 { kind: DocumentKind::Draft2008, .. }), "{e:?}");

    let e = err("<bom xmlns=\"urn:cyclonedx\"/>");
    match &e {
        DecodeError::NotSwid2015 { kind: DocumentKind::OtherRoot { namespace, name }, .. } => {
            assert_eq!(namespace.as_deref(), Some("urn:cyclonedx"));
            assert_eq!(name, "bom");
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn the_legacy_option_accepts_the_dis_and_no_namespace_forms() {
    let opts = DecodeOptions::default().legacy_namespaces(true);
    let dis = "<SoftwareIdentity xmlns=\"http://standards.iso.org/iso/19770/-2/2014-DIS/schema.xsd\" name=\"x\" tagId=\"x\"><Entity name=\"e\" role=\"tagCreator\"/></SoftwareIdentity>";
    let tag = SoftwareIdentity::from_xml_str_with(dis, &opts).expect("lenient");
    assert_eq!(tag.entities.len(), 1);
    // Written back in the 2015 namespace, so that a strict decoder takes it.
    let out = tag.to_xml_string().expect("encodes");
    assert!(out.contains(NS), "{out}");
    assert_eq!(SoftwareIdentity::from_xml_str(&out).expect("strict"), tag);

    let text = common::fixture_files("invalid")
        .into_iter()
        .find(|(n, _)| n == "veraison-swid_testXML.xml")
        .map(|(_, t)| t)
        .expect("fixture");
    let tag = SoftwareIdentity::from_xml_str_with(&text, &opts).expect("lenient");
    assert_eq!(tag.name.as_deref(), Some("Roadrunner software bundle"));
    let out = tag.to_xml_string().expect("encodes");
    assert_eq!(SoftwareIdentity::from_xml_str(&out).expect("strict"), tag);
}

#[test]
fn an_ill_formed_document_is_a_syntax_error() {
    let text = common::fixture_files("invalid")
        .into_iter()
        .find(|(n, _)| n == "stix21-acrobat-x-pro-2008draft.swidtag")
        .map(|(_, t)| t)
        .expect("fixture");
    let e = err(&text);
    assert!(matches!(e, DecodeError::Syntax { .. } | DecodeError::NotSwid2015 { .. }), "{e:?}");
}

#[test]
fn a_truncated_published_tag_is_a_mismatched_end_tag() {
    let text = common::fixture_files("invalid")
        .into_iter()
        .find(|(n, _)| n == "owasp-wstg-acme-rms-sp1-patch.swidtag.excerpt")
        .map(|(_, t)| t)
        .expect("fixture");
    let e = err(&text);
    match &e {
        DecodeError::MismatchedEndTag { expected, found, .. } => {
            assert_eq!(expected, "Link");
            assert_eq!(found, "SoftwareIdentity");
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn encodings_other_than_utf8_are_refused() {
    let e = SoftwareIdentity::from_xml_reader(&[0xFF, 0xFE, b'<', 0][..]).expect_err("UTF-16");
    assert!(matches!(&e, DecodeError::UnsupportedEncoding { encoding, .. } if encoding == "UTF-16"), "{e:?}");

    let e = err(&format!("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n<SoftwareIdentity xmlns=\"{NS}\"/>"));
    assert!(matches!(&e, DecodeError::UnsupportedEncoding { encoding, .. } if encoding == "ISO-8859-1"), "{e:?}");
    assert_eq!(e.position(), Position::text(0, 1, 1));
}

/// The XML declaration's pseudo-attributes: `version` (1.x) first, then `encoding`, then
/// `standalone` (`yes` or `no`), each optional after the version, nothing else, in either quote.
#[test]
fn xml_declarations_follow_the_grammar() {
    let root = format!("<SoftwareIdentity xmlns=\"{NS}\" name=\"x\" tagId=\"x\"/>");
    for decl in [
        "<?xml version=\"1.0\"?>",
        "<?xml version='1.1' ?>",
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
        "<?xml version=\"1.0\" standalone=\"yes\"?>",
        "<?xml version=\"1.0\" encoding='us-ascii' standalone='no'?>",
        "<?xml version=\"1.0\"\n  encoding=\"utf8\"\tstandalone=\"no\"?>",
    ] {
        let xml = format!("{decl}\n{root}");
        assert!(SoftwareIdentity::from_xml_str(&xml).is_ok(), "{xml}");
        assert!(SoftwareIdentity::from_xml_reader(xml.as_bytes()).is_ok(), "{xml}");
    }
    for (decl, message) in [
        ("<?xml?>", "without a version"),
        ("<?xml encoding=\"utf-8\"?>", "without a version"),
        ("<?xml version=\"2.0\"?>", "without a version"),
        ("<?xml version=\"1.\"?>", "without a version"),
        ("<?xml version=\"1.0\" standalone=\"yes\" encoding=\"utf-8\"?>", "in that order"),
        ("<?xml version=\"1.0\" version=\"1.0\"?>", "malformed"),
        ("<?xml version=\"1.0\" lang=\"en\"?>", "in that order"),
        ("<?xml version=\"1.0\" standalone=\"maybe\"?>", "standalone must be yes or no"),
        ("<?xml version=1.0?>", "malformed"),
        ("<?xml version=\"1.0\"encoding=\"utf-8\"?>", "malformed"),
    ] {
        let e = err(&format!("{decl}\n{root}"));
        assert!(matches!(&e, DecodeError::Syntax { message: m, .. } if m.contains(message)), "{decl}: {e:?}");
        assert_eq!(e.position(), Position::text(0, 1, 1), "{decl}");
    }
    let e = err(&format!("<?xml version=\"1.0\" encoding='latin1' standalone='yes'?>{root}"));
    assert!(matches!(&e, DecodeError::UnsupportedEncoding { encoding, .. } if encoding == "latin1"), "{e:?}");
}

#[test]
fn only_white_space_comments_and_pis_may_surround_the_root() {
    let e = err("  \n ");
    assert!(matches!(e, DecodeError::NoRootElement { .. }), "{e:?}");

    let e = err(&format!("<SoftwareIdentity xmlns=\"{NS}\" name=\"x\" tagId=\"x\"/>\n<!-- ok --><extra/>"));
    assert!(matches!(&e, DecodeError::ContentAfterRoot { what, .. } if what == "an element <extra>"), "{e:?}");
    assert_eq!(line_col(&e), (2, 12));

    let e = err(&format!("text<SoftwareIdentity xmlns=\"{NS}\"/>"));
    assert!(matches!(e, DecodeError::Syntax { .. }), "{e:?}");
}

#[test]
fn too_many_attributes_are_refused() {
    let attrs = (0..300).fold(String::new(), |mut s, i| {
        let _ = write!(s, " a{i}=\"v\"");
        s
    });
    let e = err(&tag(&format!("<Meta{attrs}/>")));
    assert!(matches!(e, DecodeError::TooManyAttributes { limit: 256, .. }), "{e:?}");
    assert_eq!(e.path().to_string(), "SoftwareIdentity/Meta");
    let opts = DecodeOptions::default().max_attributes(400);
    assert!(SoftwareIdentity::from_xml_str_with(&tag(&format!("<Meta{attrs}/>")), &opts).is_ok());
}

#[test]
fn an_invalid_character_reference_is_refused() {
    let e = err(&tag("<Meta/>&#0;"));
    assert!(matches!(e, DecodeError::Syntax { .. }), "{e:?}");
}

mod encode {
    use iso19770_core::{ForeignAttribute, ForeignElement, NamespaceBinding};
    use iso19770_swid::{EncodeError, Entity, File, HashAlgorithm, HashEntry, Payload, Role, SoftwareIdentity};

    fn tag() -> SoftwareIdentity {
        let mut t = SoftwareIdentity::new("x", "x");
        t.entities.push(Entity::new("e", [Role::TagCreator]));
        t
    }

    #[test]
    fn a_control_character_cannot_be_written() {
        let mut t = tag();
        t.entities[0].name = Some("bell\u{7}".into());
        let e = t.to_xml_string().expect_err("U+0007");
        match &e {
            EncodeError::InvalidCharacter { path, code } => {
                assert_eq!(*code, 7);
                assert_eq!(path.to_string(), "SoftwareIdentity/Entity@name");
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_truncated_sha256_has_no_xml_namespace() {
        let mut t = tag();
        let mut p = Payload::default();
        p.items.files.push(File::new("f").with_hash(HashEntry::new(HashAlgorithm::Sha256_128, vec![0; 16])));
        t.payloads.push(p);
        let e = t.to_xml_string().expect_err("no namespace");
        match &e {
            EncodeError::NoXmlNamespace { path, algorithm } => {
                assert_eq!(*algorithm, HashAlgorithm::Sha256_128);
                assert_eq!(path.to_string(), "SoftwareIdentity/Payload/File@hash");
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn an_attribute_name_that_is_not_an_xml_name_is_refused() {
        let mut t = tag();
        t.extensions.attributes.push(ForeignAttribute::new(Some("urn:a"), "two words", "v"));
        let e = t.to_xml_string().expect_err("bad name");
        assert!(matches!(&e, EncodeError::InvalidName { name, .. } if name == "{urn:a}two words"), "{e:?}");
    }

    #[test]
    fn two_preserved_elements_needing_one_prefix_for_two_namespaces_conflict() {
        let mut t = tag();
        t.extensions.elements.push(
            ForeignElement::new(Some("urn:a"), "a", "<p:a/>")
                .with_namespaces([NamespaceBinding::new(Some("p"), "urn:a")]),
        );
        t.extensions.elements.push(
            ForeignElement::new(Some("urn:b"), "b", "<p:b/>")
                .with_namespaces([NamespaceBinding::new(Some("p"), "urn:b")]),
        );
        let e = t.to_xml_string().expect_err("conflict");
        match &e {
            EncodeError::NamespaceConflict { prefix, first, second, path } => {
                assert_eq!(prefix.as_deref(), Some("p"));
                assert_eq!((first.as_str(), second.as_str()), ("urn:a", "urn:b"));
                assert_eq!(path.to_string(), "SoftwareIdentity");
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_preserved_element_needing_the_default_namespace_moves_swid_to_a_prefix() {
        let mut t = tag();
        t.extensions
            .elements
            .push(ForeignElement::new(None, "plain", "<plain/>").with_namespaces([NamespaceBinding::new(None, "")]));
        let xml = t.to_xml_string().expect("encodes");
        assert!(xml.contains("<swid:SoftwareIdentity xmlns:swid="), "{xml}");
        assert!(xml.contains("<plain/>"), "{xml}");
        assert_eq!(SoftwareIdentity::from_xml_str(&xml).expect("decodes"), t);
    }
}

#[test]
fn keep_invalid_values_keeps_each_bad_typed_value_as_a_foreign_attribute() {
    let xml = tag(concat!(
        "<Entity name=\"a\" role=\"tagCreator\" thumbprint=\"zz\"/>\n",
        "<Payload>\n<File name=\"f\" size=\"abc\" key=\"maybe\" xmlns:s=\"http://www.w3.org/2001/04/xmlenc#sha256\" s:hash=\"xyz\"/>\n",
        "<File name=\"g\" size=\"99999999999999999999999\"/>\n</Payload>"
    ))
    .replace("tagId=\"x\"", "tagId=\"x\" patch=\"yes\" tagVersion=\"-\"");
    // By default each is an error (the first one met).
    assert!(matches!(err(&xml), DecodeError::InvalidBoolean { .. }), "{:?}", err(&xml));
    let opts = DecodeOptions::default().keep_invalid_values(true);
    for decoded in [
        SoftwareIdentity::from_xml_str_with(&xml, &opts).expect("kept"),
        SoftwareIdentity::from_xml_reader_with(xml.as_bytes(), &opts).expect("kept"),
    ] {
        assert_eq!(decoded.patch, None);
        assert_eq!(decoded.tag_version, None);
        assert_eq!(decoded.extensions.attribute(None, "patch"), Some("yes"));
        assert_eq!(decoded.extensions.attribute(None, "tagVersion"), Some("-"));
        assert_eq!(decoded.entities[0].thumbprint, None);
        assert_eq!(decoded.entities[0].extensions.attribute(None, "thumbprint"), Some("zz"));
        let payload = decoded.payload().expect("payload");
        let f = &payload.items.files[0];
        assert_eq!((f.size, f.key, f.hashes.len()), (None, None, 0));
        assert_eq!(f.extensions.attribute(None, "size"), Some("abc"));
        assert_eq!(f.extensions.attribute(None, "key"), Some("maybe"));
        assert_eq!(f.extensions.attribute(Some("http://www.w3.org/2001/04/xmlenc#sha256"), "hash"), Some("xyz"));
        assert_eq!(payload.items.files[1].extensions.attribute(None, "size"), Some("99999999999999999999999"));
        // Written back as it came.
        assert_eq!(decoded.to_xml_string().expect("encode"), xml);
    }
    // Not-well-formed input is still an error.
    let broken = xml.replace("patch=\"yes\"", "patch=\"yes\" patch=\"no\"");
    assert!(matches!(SoftwareIdentity::from_xml_str_with(&broken, &opts), Err(DecodeError::DuplicateAttribute { .. })));
}
