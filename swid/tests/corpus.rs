//! The corpus of real tags: every well-formed 2015 tag decodes, is written back byte for byte,
//! and keeps its meaning when written in the canonical form; signatures survive untouched.

#![allow(clippy::expect_used, clippy::unwrap_used)]

mod common;

use common::{canonical, canonical_unordered, fixture_files, out_dir};
use iso19770_swid::xml::DecodeOptions;
use iso19770_swid::{HashAlgorithm, Rel, Role, SoftwareIdentity, TagId, VersionScheme};

/// The fixtures of `valid/` that the official XSD rejects (see `tests/fixtures/SOURCES.md`); they
/// are well-formed 2015 tags all the same.
const XSD_INVALID: &[&str] = &[
    "GEN-11-1-link-invalid-swid-scheme.swidtag",
    "generated_timestamp_rfc3339.swidtag",
    "generated_user_cert_embed.swidtag",
    "nuget-2.8.5.101.package.swidtag",
    "providers.1505.feed.swidtag",
    "testCsv.swidtag",
];

fn decode(name: &str) -> SoftwareIdentity {
    let (_, text) = fixture_files("valid").into_iter().find(|(n, _)| n == name).expect("fixture");
    SoftwareIdentity::from_xml_str(&text).expect("decodes")
}

#[test]
fn every_valid_fixture_decodes_and_round_trips_byte_for_byte() {
    let files = fixture_files("valid");
    assert_eq!(files.len(), 32, "the corpus of valid/ changed");
    let xsd_dir = out_dir("xsd");
    let c14n_dir = out_dir("c14n");
    for (name, text) in &files {
        let tag = SoftwareIdentity::from_xml_str(text).unwrap_or_else(|e| panic!("{name}: {e}"));
        let out = tag.to_xml_string().unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(&out, text, "{name}: not written back byte for byte");
        let again = SoftwareIdentity::from_xml_str(&out).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(again, tag, "{name}: decode(encode(x)) differs");
        if let Some(dir) = &xsd_dir
            && !XSD_INVALID.contains(&name.as_str())
        {
            std::fs::write(dir.join(format!("{name}.roundtrip.xml")), &out).expect("write");
        }
        if let Some(dir) = &c14n_dir {
            std::fs::write(dir.join(format!("{name}.in.xml")), text).expect("write");
            std::fs::write(dir.join(format!("{name}.out.xml")), &out).expect("write");
        }
    }
}

#[test]
fn the_reader_path_gives_the_same_model_as_the_string_path() {
    for (name, text) in fixture_files("valid") {
        let from_str = SoftwareIdentity::from_xml_str(&text).expect("decodes");
        let from_reader = SoftwareIdentity::from_xml_reader(text.as_bytes()).expect("decodes");
        assert_eq!(from_reader, from_str, "{name}");
        assert_eq!(from_reader.to_xml_string().expect("encodes"), text, "{name}: reader path not byte for byte");
    }
}

#[test]
fn canonical_writing_keeps_every_element_attribute_and_text() {
    let xsd_dir = out_dir("xsd");
    let c14n_dir = out_dir("c14n-canonical");
    for (name, text) in fixture_files("valid") {
        let mut tag = SoftwareIdentity::from_xml_str(&text).expect("decodes");
        tag.clear_layout();
        let out = tag.to_xml_string().expect("encodes");
        // The canonical form orders children by kind (Entity, Link, Meta, Payload, Evidence, others)
        // and writes an empty role list as no `role` attribute (testCsv has `role=""`).
        let expected = text.replace(" role=\"\"", "");
        assert_eq!(
            canonical_unordered(&out),
            canonical_unordered(&expected),
            "{name}: canonical form changed the document"
        );
        assert_eq!(SoftwareIdentity::from_xml_str(&out).expect("decodes"), tag, "{name}");
        if let Some(dir) = &xsd_dir
            && !XSD_INVALID.contains(&name.as_str())
        {
            std::fs::write(dir.join(format!("{name}.canonical.xml")), &out).expect("write");
        }
        if let Some(dir) = &c14n_dir {
            std::fs::write(dir.join(format!("{name}.in.xml")), &text).expect("write");
            std::fs::write(dir.join(format!("{name}.out.xml")), &out).expect("write");
        }
    }
}

#[test]
fn the_canonical_comparison_sees_a_changed_attribute() {
    // The helper above must be able to fail: a changed value, a changed namespace.
    let a = r#"<a xmlns="urn:x" b="1"/>"#;
    assert_eq!(canonical(a), canonical(r#"<p:a xmlns:p="urn:x" b="1"></p:a>"#));
    assert_ne!(canonical(a), canonical(r#"<a xmlns="urn:x" b="2"/>"#));
    assert_ne!(canonical(a), canonical(r#"<a xmlns="urn:y" b="1"/>"#));
}

#[test]
fn signatures_are_kept_byte_for_byte() {
    const DSIG: &str = "http://www.w3.org/2000/09/xmldsig#";
    let signed = [
        "test.example.pkg1-1.2.0-1.fc28.x86_64-rpm-signed.swidtag",
        "test.example.pkg1-1.3.0-1.fc28.x86_64-component-of-distro-signed.swidtag",
        "laptop.default.1.swidtag",
        "generated_timestamp_rfc3339.swidtag",
        "generated_user_cert_embed.swidtag",
        "docker_rpm_signed_SWID-Template.xml",
    ];
    for name in signed {
        let (_, text) = fixture_files("valid").into_iter().find(|(n, _)| n == name).expect("fixture");
        let tag = SoftwareIdentity::from_xml_str(&text).expect("decodes");
        let sigs: Vec<_> = tag.extensions.elements_named(Some(DSIG), "Signature").collect();
        assert_eq!(sigs.len(), 1, "{name}: one signature");
        let raw = &sigs[0].raw;
        assert!(text.contains(raw.as_str()), "{name}: the signature is not a verbatim slice of the source");
        assert!(raw.ends_with("Signature>"), "{name}: the slice ends at the end tag");
        // Even in the canonical form the signature's bytes are untouched.
        let mut canonical_tag = tag.clone();
        canonical_tag.clear_layout();
        assert!(canonical_tag.to_xml_string().expect("encodes").contains(raw.as_str()), "{name}");
    }
}

#[test]
fn a_signature_relying_on_a_root_prefix_is_written_with_its_declaration() {
    // docker_rpm_signed declares `dsig` on the root and uses it inside the signature.
    let mut tag = decode("docker_rpm_signed_SWID-Template.xml");
    let sig = &tag.extensions.elements[0];
    assert!(sig.raw.starts_with("<dsig:Signature"));
    assert_eq!(sig.namespaces.len(), 1);
    assert_eq!(sig.namespaces[0].prefix.as_deref(), Some("dsig"));
    assert_eq!(sig.namespaces[0].uri, "http://www.w3.org/2000/09/xmldsig#");
    // Without the layout, the root no longer declares `dsig` of itself: the writer must.
    tag.clear_layout();
    let out = tag.to_xml_string().expect("encodes");
    assert!(out.contains("xmlns:dsig=\"http://www.w3.org/2000/09/xmldsig#\""), "{out}");
    let again = SoftwareIdentity::from_xml_str(&out).expect("decodes");
    assert_eq!(again.extensions.elements[0].namespace.as_deref(), Some("http://www.w3.org/2000/09/xmldsig#"));
}

#[test]
fn hashes_are_identified_by_namespace_not_prefix() {
    // `SHA-256:` and `SHA-512:` prefixes (NIST), `sha256:` (rpm2swidtag), `md5:` declared on the
    // File itself, `SHA256:` declared on the File (HIRS, under an unqualified File).
    let tag = decode("authoritative.swidtag");
    let file = &tag.payload().expect("payload").items.files[0];
    let algorithms: Vec<_> = file.hashes.iter().map(|h| h.algorithm).collect();
    assert_eq!(algorithms, [HashAlgorithm::Sha256, HashAlgorithm::Sha512]);
    assert_eq!(file.hashes[0].digest.len(), 32);
    assert_eq!(file.hashes[1].digest.len(), 64);

    let hello = decode("hello-1.0-1.i386.swidtag");
    let file = &hello.evidence().expect("evidence").items.files[0];
    assert_eq!(file.hashes[0].algorithm, HashAlgorithm::Md5);
    assert_eq!(file.hashes[0].to_hex(), "85415ebf2d836d21c1fffd50fed2f202");
}

#[test]
fn unknown_attributes_and_elements_are_kept_with_their_namespace() {
    const N8060: &str = "http://csrc.nist.gov/ns/swid/2015-extensions/1.0";
    let tag = decode("test.example.pkg1-1.2.0-1.fc28.x86_64-rpm-signed.swidtag");
    let payload = tag.payload().expect("payload");
    assert_eq!(payload.extensions.attribute(Some(N8060), "pathSeparator"), Some("/"));
    assert_eq!(payload.extensions.attribute(Some(N8060), "envVarSuffix"), Some(""));
    assert_eq!(tag.metas[0].extensions.attribute(None, "arch"), Some("x86_64"));
    let resource = &payload.items.resources[0];
    assert_eq!(resource.r#type.as_deref(), Some("rpm"));
    assert_eq!(resource.extensions.attribute(None, "rpm"), Some("pkg1-1.2.0-1.fc28.x86_64"));
    assert_eq!(tag.version_scheme, Some(VersionScheme::Other("rpm".into())));
    assert_eq!(tag.lang.as_deref(), Some("en-US"));
    assert!(tag.extensions.attribute(Some("http://www.w3.org/2001/XMLSchema-instance"), "schemaLocation").is_some());
    let files = &payload.items.directories[0].files;
    assert_eq!(files.len(), 11);
    assert_eq!(files[9].name.as_deref(), Some("testutf8-křížala"));
    assert_eq!(files[1].extensions.attribute(Some(N8060), "mutable"), Some("true"));

    // OneGet's pre-2015 `uniqueId` is an unknown unqualified attribute of the root.
    let nuget = decode("nuget-2.8.5.101.package.swidtag");
    assert_eq!(nuget.tag_id, None);
    assert_eq!(nuget.extensions.attribute(None, "uniqueId"), Some("nuget.2.8.5.101"));
    assert_eq!(nuget.links[0].rel, Some(Rel::InstallationMedia));
}

#[test]
fn unqualified_swid_names_under_a_2015_tag_are_foreign_unless_legacy_is_asked() {
    let (_, text) =
        fixture_files("valid").into_iter().find(|(n, _)| n == "generated_timestamp_rfc3339.swidtag").expect("fixture");
    let strict = SoftwareIdentity::from_xml_str(&text).expect("decodes");
    let payload = strict.payload().expect("payload");
    assert!(payload.items.is_empty());
    assert_eq!(payload.extensions.elements[0].namespace, None);
    assert_eq!(payload.extensions.elements[0].name, "Directory");
    assert_eq!(strict.tag_id, Some(TagId::from("94f6b457-9ac9-4d35-9b3f-78804173b65as")));
    assert_eq!(strict.corpus, Some(false));

    let lenient =
        SoftwareIdentity::from_xml_str_with(&text, &DecodeOptions::default().legacy_namespaces(true)).expect("decodes");
    let dir = &lenient.payload().expect("payload").items.directories[0];
    assert_eq!(dir.name.as_deref(), Some("rim"));
    assert_eq!(dir.files[0].hash(HashAlgorithm::Sha256).map(|h| h.digest.len()), Some(32));
    assert_eq!(dir.files[0].size, Some(7549));
    // Written back, the directory is in the 2015 namespace.
    let out = lenient.to_xml_string().expect("encodes");
    let again = SoftwareIdentity::from_xml_str(&out).expect("decodes strictly");
    assert_eq!(again.payload().expect("payload").items.directories[0].name.as_deref(), Some("rim"));
}

#[test]
fn entities_roles_and_links_are_read_into_the_model() {
    let tag = decode("pkg1-1.3.0-1.fc28.x86_64.swidtag.supplemental-component-of-distro");
    assert!(tag.is_supplemental());
    let rels: Vec<_> = tag.links.iter().map(|l| l.rel.clone()).collect();
    assert_eq!(rels, [Some(Rel::Supplemental), Some(Rel::Component)]);

    let tag = decode("authoritative.swidtag");
    assert_eq!(tag.entities[0].roles, [Role::TagCreator, Role::SoftwareCreator]);
    assert_eq!(tag.entities[0].regid.as_deref(), Some("nist.gov"));

    // `.minimal` has no Entity at all: decoding does not judge, validation will.
    let minimal = decode("pkg1-1.2.0-1.fc28.x86_64.swidtag.minimal");
    assert!(minimal.entities.is_empty());

    // An empty role attribute stays present and empty.
    let csv = decode("testCsv.swidtag");
    let out = csv.to_xml_string().expect("encodes");
    assert!(out.contains("role=\"\""));
}

#[test]
fn edits_are_written_in_place_and_new_items_get_the_default_form() {
    let mut tag = decode("minimal-swid.xml");
    tag.version = Some("9.9".into());
    tag.links.push(iso19770_swid::Link::new("swid:other", Rel::Requires));
    let out = tag.to_xml_string().expect("encodes");
    assert!(out.contains("version=\"9.9\""));
    assert!(out.contains("<Link href=\"swid:other\" rel=\"requires\"/>"), "{out}");
    let again = SoftwareIdentity::from_xml_str(&out).expect("decodes");
    assert_eq!(again, tag);
}

#[test]
fn regression_xsi_type_value_keeps_its_prefix_in_the_canonical_form() {
    // laptop.default.1 has `xsi:type="ns2:File"` with `ns2` declared on the root only; the
    // canonical form declares `ns2` no more on the root, so the attribute must bring it along.
    let mut tag = decode("laptop.default.1.swidtag");
    let file = &tag.payload().expect("payload").items.directories[0].files[0];
    let xsi_type = file.extensions.attributes.iter().find(|a| a.name == "type").expect("xsi:type kept");
    assert_eq!(xsi_type.value, "ns2:File");
    assert_eq!(xsi_type.namespaces.len(), 1);
    assert_eq!(xsi_type.namespaces[0].prefix.as_deref(), Some("ns2"));
    assert_eq!(xsi_type.namespaces[0].uri, "http://standards.iso.org/iso/19770/-2/2015/schema.xsd");
    tag.clear_layout();
    let out = tag.to_xml_string().expect("encodes");
    let start = out.find("<File ").expect("a File");
    let directory = &out[..start];
    assert!(directory.contains("xmlns:ns2=\"http://standards.iso.org/iso/19770/-2/2015/schema.xsd\""), "{out}");
    assert_eq!(SoftwareIdentity::from_xml_str(&out).expect("decodes"), tag);
}
