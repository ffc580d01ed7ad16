//! The per-document layout: elements share their document's layout, keep it when moved, and
//! each tag of a container has its own.

#![allow(clippy::expect_used, clippy::unwrap_used)]

use iso19770_swid::SoftwareIdentity;
use iso19770_swid::xml::XmlTags;
use std::borrow::Cow;

const NS: &str = "http://standards.iso.org/iso/19770/-2/2015/schema.xsd";
const N8060: &str = "http://csrc.nist.gov/ns/swid/2015-extensions/1.0";

#[test]
fn an_element_moved_to_another_tag_keeps_its_layout() {
    let xml = format!(
        "<SoftwareIdentity xmlns=\"{NS}\" name='a' tagId='a'>\n  <Entity  role='tagCreator'\n   regid='r' name='n' />\n</SoftwareIdentity>"
    );
    let mut source = SoftwareIdentity::from_xml_str(&xml).expect("decodes");
    let entity = source.entities.remove(0);
    drop(source);
    let built = SoftwareIdentity {
        name: Some("b".into()),
        tag_id: Some("b".into()),
        entities: vec![entity],
        ..SoftwareIdentity::default()
    };
    let out = built.to_xml_string().expect("encodes");
    // The entity is written as it came (order, quotes, white space); the rest canonically.
    assert!(out.contains("<Entity  role='tagCreator'\n   regid='r' name='n' />"), "{out}");
    assert!(out.starts_with("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<SoftwareIdentity xmlns="), "{out}");
}

#[test]
fn a_clone_shares_the_layout_and_clear_forgets_it_for_one_element_only() {
    let xml = format!(
        "<SoftwareIdentity xmlns=\"{NS}\" tagId='t' name='a'>\n<Entity regid='r' name='n' role='tagCreator'/></SoftwareIdentity>"
    );
    let tag = SoftwareIdentity::from_xml_str(&xml).expect("decodes");
    let mut copy = tag.clone();
    assert_eq!(copy.to_xml_string().expect("encodes"), xml);
    copy.layout.clear();
    let out = copy.to_xml_string().expect("encodes");
    assert!(
        out.contains(
            "<SoftwareIdentity xmlns=\"http://standards.iso.org/iso/19770/-2/2015/schema.xsd\" name=\"a\" tagId=\"t\">"
        ),
        "{out}"
    );
    assert!(out.contains("<Entity regid='r' name='n' role='tagCreator'/>"), "{out}");
    assert_eq!(tag.to_xml_string().expect("encodes"), xml);
}

#[test]
fn each_tag_of_a_container_has_its_own_layout_even_after_an_error() {
    let xml = format!(
        "<list>\n<SoftwareIdentity xmlns=\"{NS}\" tagId='a' name='a' corpus='maybe'/>\n<SoftwareIdentity xmlns=\"{NS}\"  tagId='b' name='b'>\n <Entity regid='r'  name='n' role='tagCreator'/>\n</SoftwareIdentity>\n</list>"
    );
    let tags: Vec<_> = XmlTags::new(xml.as_bytes()).collect();
    assert!(tags[0].is_err());
    let b = tags[1].as_ref().expect("the second tag decodes");
    assert_eq!(
        b.to_xml_string().expect("encodes"),
        format!(
            "<SoftwareIdentity xmlns=\"{NS}\"  tagId='b' name='b'>\n <Entity regid='r'  name='n' role='tagCreator'/>\n</SoftwareIdentity>"
        )
    );
}

#[test]
fn well_known_names_of_preserved_attributes_are_not_allocated() {
    let xml = format!(
        "<SoftwareIdentity xmlns=\"{NS}\" xmlns:n8060=\"{N8060}\" xmlns:v='urn:vendor' name='a' tagId='a' n8060:pathSeparator='/' v:build='7'/>"
    );
    let tag = SoftwareIdentity::from_xml_str(&xml).expect("decodes");
    let [known, other] = &tag.extensions.attributes[..] else { panic!("two preserved attributes") };
    assert!(matches!(known.namespace, Some(Cow::Borrowed(N8060))));
    assert!(matches!(known.name, Cow::Borrowed("pathSeparator")));
    assert!(matches!(known.prefix, Some(Cow::Borrowed("n8060"))));
    assert_eq!(
        (other.namespace.as_deref(), &*other.name, other.prefix.as_deref()),
        (Some("urn:vendor"), "build", Some("v"))
    );
    assert_eq!(tag.to_xml_string().expect("encodes"), xml);
}

/// A thread keeps a decoder's buffers for its next document: each document still gets its own
/// layout, whether the one before it kept one, kept none, or failed half-way.
#[test]
fn documents_decoded_one_after_another_on_a_thread_keep_their_own_layout() {
    use iso19770_swid::xml::DecodeOptions;
    let first = format!(
        "<SoftwareIdentity xmlns=\"{NS}\"  name='a'\ttagId='a'>\n <Entity name='e' role='tagCreator'/>\n</SoftwareIdentity>"
    );
    let second =
        format!("<SoftwareIdentity xmlns='{NS}' tagId=\"b\" name=\"b\"><Meta product='p'/></SoftwareIdentity>");
    let broken = format!("<SoftwareIdentity xmlns=\"{NS}\" name='c'><Entity name='x'>");
    let no_layout = DecodeOptions::default().keep_layout(false);
    for _ in 0..3 {
        let a = SoftwareIdentity::from_xml_str(&first).expect("decodes");
        assert!(SoftwareIdentity::from_xml_str(&broken).is_err());
        let bare = SoftwareIdentity::from_xml_str_with(&second, &no_layout).expect("decodes");
        let b = SoftwareIdentity::from_xml_str(&second).expect("decodes");
        assert_eq!(a.to_xml_string().expect("encodes"), first);
        assert_eq!(b.to_xml_string().expect("encodes"), second);
        assert_eq!(bare, b);
        let canonical = bare.to_xml_string().expect("encodes");
        assert_ne!(canonical, second);
        assert!(canonical.contains("<Meta product=\"p\"/>"), "{canonical}");
    }
}
