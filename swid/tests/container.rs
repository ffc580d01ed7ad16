//! Containers of several tags: every `SoftwareIdentity` is found, one at a time.

#![allow(clippy::expect_used, clippy::unwrap_used)]

mod common;

use iso19770_swid::xml::XmlTags;
use iso19770_swid::{DecodeError, SoftwareIdentity};
use std::io::{BufReader, Read};

const NS: &str = "http://standards.iso.org/iso/19770/-2/2015/schema.xsd";

fn repodata() -> String {
    common::fixture_files("containers")
        .into_iter()
        .find(|(n, _)| n == "repodata-swidtags-xmlsec-1.2.xml")
        .map(|(_, t)| t)
        .expect("fixture")
}

#[test]
fn the_rpm_repodata_file_yields_its_eight_tags() {
    let text = repodata();
    let tags: Vec<SoftwareIdentity> =
        XmlTags::new(text.as_bytes()).collect::<Result<_, _>>().expect("every tag decodes");
    assert_eq!(tags.len(), 8);
    let names: Vec<_> = tags.iter().map(|t| t.name.as_deref().unwrap_or_default()).collect();
    assert!(names.iter().all(|n| !n.is_empty()), "{names:?}");
    assert_eq!(tags[0].name.as_deref(), Some("hello"));
    assert_eq!(tags[0].tag_id.as_ref().map(ToString::to_string).as_deref(), Some("example/test.hello-1.0-1.i386"));
    let signed = tags.iter().filter(|t| t.extensions.elements.iter().any(|e| e.name == "Signature")).count();
    assert!(signed >= 2, "{signed} signed tags");
    for tag in &tags {
        // Each tag stands alone once written: it decodes strictly to the same model.
        let out = tag.to_xml_string().expect("encodes");
        assert_eq!(&SoftwareIdentity::from_xml_str(&out).expect("decodes"), tag);
        for sig in &tag.extensions.elements {
            assert!(text.contains(&sig.raw), "signature not kept verbatim");
        }
    }
}

#[test]
fn a_plain_tag_is_a_container_of_one() {
    let (_, text) = common::fixture_files("valid").into_iter().next().expect("a fixture");
    let tags: Vec<_> = XmlTags::new(text.as_bytes()).collect();
    assert_eq!(tags.len(), 1);
    assert_eq!(tags[0].as_ref().expect("decodes"), &SoftwareIdentity::from_xml_str(&text).expect("decodes"));
}

#[test]
fn a_bad_tag_is_reported_and_the_next_one_is_read() {
    let xml = format!(
        "<list>\n<SoftwareIdentity xmlns=\"{NS}\" name=\"a\" tagId=\"a\"/>\n\
         <SoftwareIdentity xmlns=\"{NS}\" name=\"b\" tagId=\"b\"><Payload><Directory name=\"d\"><File name=\"f\" size=\"big\"><x:y xmlns:x=\"urn:x\"/></File></Directory></Payload></SoftwareIdentity>\n\
         <SoftwareIdentity xmlns=\"{NS}\" name=\"c\" tagId=\"c\"/>\n</list>"
    );
    let results: Vec<_> = XmlTags::new(xml.as_bytes()).collect();
    assert_eq!(results.len(), 3);
    assert_eq!(results[0].as_ref().map(|t| t.name.clone()).ok().flatten().as_deref(), Some("a"));
    match &results[1] {
        Err(e @ DecodeError::InvalidInteger { .. }) => {
            assert_eq!(e.path().to_string(), "list/SoftwareIdentity[2]/Payload/Directory/File@size");
            assert_eq!(e.position().line(), Some(3));
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(results[2].as_ref().map(|t| t.name.clone()).ok().flatten().as_deref(), Some("c"));
}

#[test]
fn an_ill_formed_container_ends_the_iteration_after_the_error() {
    let xml =
        format!("<list><SoftwareIdentity xmlns=\"{NS}\" name=\"a\" tagId=\"a\"/><SoftwareIdentity xmlns=\"{NS}\"");
    let results: Vec<_> = XmlTags::new(xml.as_bytes()).collect();
    assert_eq!(results.len(), 2);
    assert!(results[0].is_ok());
    assert!(matches!(results[1], Err(DecodeError::UnexpectedEof { .. })), "{:?}", results[1]);
}

/// An endless container: `<list>` followed by the same tag forever.
struct Endless {
    head: bool,
    tag: Vec<u8>,
    at: usize,
}

impl Read for Endless {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if self.head {
            self.head = false;
            let head = b"<list>";
            buf[..head.len()].copy_from_slice(head);
            return Ok(head.len());
        }
        let n = buf.len().min(self.tag.len() - self.at);
        buf[..n].copy_from_slice(&self.tag[self.at..self.at + n]);
        self.at = (self.at + n) % self.tag.len();
        Ok(n)
    }
}

#[test]
fn tags_are_read_one_at_a_time_from_an_endless_stream() {
    // An input that never ends can only be read by a decoder that does not read ahead.
    let tag = format!(
        "<SoftwareIdentity xmlns=\"{NS}\" name=\"n\" tagId=\"t\"><Entity name=\"e\" role=\"tagCreator\"/></SoftwareIdentity>\n"
    );
    let input = BufReader::new(Endless { head: true, tag: tag.into_bytes(), at: 0 });
    let count = XmlTags::new(input).take(20_000).filter(|r| r.as_ref().is_ok_and(|t| t.entities.len() == 1)).count();
    assert_eq!(count, 20_000);
}
