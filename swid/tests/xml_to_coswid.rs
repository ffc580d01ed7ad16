//! Every XML corpus tag through CoSWID and back: the part of the tag CoSWID carries
//! ([`SoftwareIdentity::to_coswid_subset`]) comes back from CBOR and from JSON with every mapped
//! field, and is written back as XML that reads as the same tag; what was left out is listed
//! with its path. The CBOR is kept for `.ci/run`'s CDDL oracle.

#![cfg(all(feature = "xml", feature = "cbor", feature = "json"))]
#![allow(clippy::expect_used, clippy::unwrap_used)]

mod common;

use iso19770_core::DateTime;
use iso19770_swid::cbor::{CborDecodeOptions, CborMode};
use iso19770_swid::{EncodeError, Omitted, SoftwareIdentity};
use std::collections::BTreeMap;

/// The mapped fields of a tag: without the XML layout, with the XSD's default tag version
/// written out, dates as the instant CoSWID keeps (whole seconds, UTC).
fn mapped(tag: &SoftwareIdentity) -> SoftwareIdentity {
    let mut t = tag.clone();
    t.clear_layout();
    t.tag_version = Some(t.tag_version_or_default());
    for e in &mut t.evidences {
        if let Some(seconds) = e.date.as_ref().and_then(|d| d.unix_seconds().ok()) {
            e.date = Some(DateTime::from_unix_seconds(seconds));
        }
    }
    t
}

/// What each corpus tag loses on the way to CoSWID, or the error when it lacks what CoSWID
/// requires: (file, outcome) where the outcome is a summary `kind@path` list or `error: …`.
fn outcomes(paths: &mut Vec<(String, String)>) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    let strict = CborDecodeOptions::default().mode(CborMode::Strict);
    for (name, xml) in common::fixture_files("valid") {
        let tag = SoftwareIdentity::from_xml_str(&xml).expect("a valid/ fixture decodes");
        let (subset, omissions) = tag.to_coswid_subset();
        assert!(subset.coswid_omissions().is_empty(), "{name}: the subset still has omissions");
        // Without the subset, the encoder refuses exactly when something would be left out.
        match (tag.to_cbor_vec(), omissions.first()) {
            (Ok(_) | Err(EncodeError::MissingRequired { .. }), None) | (Err(_), Some(_)) => {}
            (result, first) => panic!("{name}: {result:?} with first omission {first:?}"),
        }
        let mut counts = BTreeMap::<String, usize>::new();
        for o in &omissions {
            *counts.entry(kind(&o.what)).or_default() += 1;
        }
        let summary: Vec<String> = counts.iter().map(|(k, n)| format!("{k}×{n}")).collect();
        paths.extend(omissions.iter().map(|o| (name.clone(), format!("{}: {}", o.path, o.what))));
        let cbor = match subset.to_cbor_vec() {
            Ok(cbor) => cbor,
            Err(e) => {
                out.insert(name, format!("error: {e}"));
                continue;
            }
        };
        // CBOR: strict decode, every mapped field back, the same bytes again.
        let back = SoftwareIdentity::from_cbor_slice_with(&cbor, &strict).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert!(back.findings.is_clean(), "{name}: {:?}", back.findings);
        assert_eq!(mapped(&back.tag), mapped(&subset), "{name}: CBOR");
        assert_eq!(back.tag.to_cbor_vec().expect("re-encodes"), cbor, "{name}: CBOR bytes");
        // JSON likewise.
        let json = subset.to_json_string().expect("JSON carries what CoSWID carries");
        let from_json = SoftwareIdentity::from_json_str(&json).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(mapped(&from_json), mapped(&subset), "{name}: JSON");
        // And back to XML, which reads as the same tag.
        let xml_again = back.tag.to_xml_string().unwrap_or_else(|e| panic!("{name}: {e}"));
        let reread = SoftwareIdentity::from_xml_str(&xml_again).unwrap_or_else(|e| panic!("{name}: {e}\n{xml_again}"));
        assert_eq!(mapped(&reread), mapped(&subset), "{name}: XML again");
        if let Some(dir) = common::out_dir("corpus-cbor") {
            std::fs::write(dir.join(format!("{name}.cbor")), &cbor).unwrap();
        }
        if let Some(dir) = common::out_dir("json-out") {
            std::fs::write(dir.join(format!("{name}.json")), &json).unwrap();
        }
        if let Some(dir) = common::out_dir("xsd") {
            std::fs::write(dir.join(format!("coswid-{name}.xml")), &xml_again).unwrap();
        }
        out.insert(name, summary.join(" "));
    }
    out
}

fn kind(what: &Omitted) -> String {
    match what {
        Omitted::ForeignAttribute => "attr".into(),
        Omitted::ForeignElement => "element".into(),
        Omitted::EntityMeta => "entity-meta".into(),
        Omitted::SecondPayloadOrEvidence => "second".into(),
        Omitted::ExtraHash => "extra-hash".into(),
        Omitted::HashWithoutId(a) => format!("no-id({a})"),
        Omitted::DateWithoutInstant { .. } => "date".into(),
        other => format!("{other:?}"),
    }
}

#[test]
fn every_corpus_tag_keeps_its_mapped_fields_through_coswid() {
    let mut paths = Vec::new();
    let got = outcomes(&mut paths);
    let expected: BTreeMap<String, String> = [
        ("GEN-10-1-non-authoritative-entity-role-missing-softwareCreator.swidtag", "attr×5"),
        ("GEN-11-1-link-invalid-swid-scheme.swidtag", "error: link: CoSWID requires href"),
        ("GEN-2-1-authoritative-no-xml-lang.swidtag", "attr×6"),
        ("GEN-4-3-authoritative-entity-default-regid.swidtag", "attr×6"),
        ("GEN-7-1-authoritative-entity-same-regid-and-role.swidtag", "attr×6"),
        ("GEN-8-1-authoritative-missing.swidtag", "attr×6"),
        ("GEN-8-1-authoritative-multiple.swidtag", "attr×6"),
        ("PRI-8-1-empty-top-level-directory.swidtag", "attr×4"),
        ("authoritative.swidtag", "extra-hash×1"),
        ("baseline-primary-auth.swidtag", "attr×6"),
        ("docker_deb_SWID-Template.xml", ""),
        ("docker_pacman_no_payload_SWID-Template.xml", ""),
        ("docker_rpm_signed_SWID-Template.xml", "element×1"),
        ("fedora-41-kde-supplemental.swidtag", "attr×1"),
        ("generated_timestamp_rfc3339.swidtag", "attr×17 element×2"),
        ("generated_user_cert_embed.swidtag", "attr×17 element×2"),
        ("hello-1.0-1.i386.swidtag", "attr×6 no-id(md5)×2"),
        ("hello-2.0-1.x86_64-signed.swidtag", "attr×7"),
        ("laptop.default.1.swidtag", "attr×19 element×1"),
        ("minimal-swid.xml", "attr×1"),
        ("non-authoritative.swidtag", "extra-hash×1"),
        ("nuget-2.8.5.101.package.swidtag", "error: : CoSWID requires tag-id"),
        ("pkg1-1.2.0-1.fc28.src.swidtag", "attr×4"),
        ("pkg1-1.2.0-1.fc28.x86_64.deviceid.swidtag", "attr×12"),
        ("pkg1-1.2.0-1.fc28.x86_64.swidtag.minimal", "error: : CoSWID requires entity"),
        ("pkg1-1.3.0-1.fc28.x86_64.swidtag.supplemental-component-of-distro", "attr×1"),
        ("pkg2-13-0.0.1-1.git0f5628a6.fc28.x86_64-rpm.swidtag", "attr×7"),
        ("providers.1505.feed.swidtag", "error: : CoSWID requires tag-id"),
        ("test.example.pkg1-1.2.0-1.fc28.x86_64-rpm-signed.swidtag", "attr×12 element×1"),
        ("test.example.pkg1-1.3.0-1.fc28.x86_64-component-of-distro-signed.swidtag", "attr×1 element×1"),
        ("testCsv.swidtag", "error: : CoSWID requires tag-id"),
        ("veraison-swid_Example_completePrimaryTag.xml", "attr×2"),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v.to_owned()))
    .collect();
    assert_eq!(got, expected);
    // A few in full: the path says where, in CoSWID's terms.
    let has = |file: &str, line: &str| paths.iter().any(|(f, l)| f == file && l == line);
    assert!(has("authoritative.swidtag", "payload/file/hash[1]: a second hash of one file"), "{paths:#?}");
    assert!(has("hello-1.0-1.i386.swidtag", "evidence/file/hash: a md5 hash, which has no Named Information id"));
    assert!(has("hello-1.0-1.i386.swidtag", "evidence/resource@rpm: an XML attribute outside the SWID schema"));
    assert!(has("docker_rpm_signed_SWID-Template.xml", "Signature: an XML element of another namespace"));
    // NIST's test tag for an invalid `swid:` link: `^` is not allowed in a URI, so CoSWID drops
    // the href, and the link then lacks it.
    assert!(has("GEN-11-1-link-invalid-swid-scheme.swidtag", "link/href: \"swid:^\", which is not a URI"));
    assert!(has(
        "test.example.pkg1-1.2.0-1.fc28.x86_64-rpm-signed.swidtag",
        "payload/directory/path-elements/file[2]@{http://csrc.nist.gov/ns/swid/2015-extensions/1.0}mutable: an XML attribute outside the SWID schema"
    ));
}
