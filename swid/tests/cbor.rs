//! CoSWID (RFC 9393) CBOR: the corpus files, each way a CoSWID departs from the RFC, and each
//! kind of bad input, with its byte offset and key path.

#![cfg(feature = "cbor")]
#![allow(clippy::expect_used, clippy::unwrap_used)]

mod common;

use iso19770_core::cbor::Limits;
use iso19770_core::{Label, Severity};
use iso19770_swid::cbor::{CborDecodeOptions, CborEncodeOptions, CborMode, CborTags, Decoded};
use iso19770_swid::{
    DecodeError, Entity, File, HashAlgorithm, HashEntry, Nonconformity, Payload, Rel, Role, SoftwareIdentity, TagId,
};

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/cbor/").to_owned() + name).expect("fixture")
}

fn decode(bytes: &[u8], mode: CborMode) -> Result<Decoded, DecodeError> {
    SoftwareIdentity::from_cbor_slice_with(bytes, &CborDecodeOptions::default().mode(mode))
}

fn rules(d: &Decoded) -> Vec<&str> {
    d.findings.findings.iter().map(|f| f.rule.as_str()).collect()
}

fn not_conformant(e: &DecodeError) -> Option<Nonconformity> {
    match e {
        DecodeError::NotConformant { what, .. } => Some(*what),
        _ => None,
    }
}

/// A minimal valid tag in code.
fn small() -> SoftwareIdentity {
    let mut t = SoftwareIdentity::new("hello", "t");
    t.tag_version = Some(0);
    t.entities.push(Entity::new("e", [Role::TagCreator]));
    t
}

/// Re-encoding a decoded tag gives deterministic CBOR that the strict mode reads back unchanged.
///
/// The bytes are kept for `.ci/run`'s CDDL oracle under `name`, in `cbor-reencoded/`, or in
/// `cbor-nonconformant/` when the input's unknown content keeps them outside the CDDL.
fn reencodes(tag: &SoftwareIdentity, name: &str, conformant: bool) -> Vec<u8> {
    let bytes = tag.to_cbor_vec().expect("encodes");
    let back = decode(&bytes, CborMode::Strict).expect("strict decode of our own output");
    assert!(back.findings.is_clean());
    assert_eq!(&back.tag, tag);
    assert_eq!(back.tag.to_cbor_vec().expect("encodes"), bytes);
    // Kept for `.ci/run`'s CDDL oracle.
    if let Some(dir) = common::out_dir(if conformant { "cbor-reencoded" } else { "cbor-nonconformant" }) {
        std::fs::write(dir.join(name), &bytes).expect("written");
    }
    bytes
}

#[test]
fn veraison_test_cbor_decodes_with_its_departures_noted() {
    let bytes = fixture("veraison-swid_testCBOR.cbor");
    let d = decode(&bytes, CborMode::Standard).expect("decodes");
    let t = &d.tag;
    assert_eq!(
        t.tag_id,
        Some(TagId::Uuid([
            0xf4, 0x32, 0xdc, 0x99, 0x2e, 0x06, 0x43, 0x4d, 0xb9, 0xad, 0x2b, 0x22, 0xe3, 0x5b, 0x6f, 0xa4
        ]))
    );
    assert_eq!(t.name.as_deref(), Some("Roadrunner software bundle"));
    assert_eq!((t.tag_version, t.version.as_deref()), (Some(0), Some("1.0.0")));
    assert_eq!(t.entities[0].roles, [Role::TagCreator, Role::SoftwareCreator]);
    assert_eq!(t.entities[0].regid.as_deref(), Some("acme.example"));
    assert_eq!(t.links[0].rel, Some(Rel::Parent));
    // A text that looks like a UUID stays text.
    assert_eq!(t.links[0].href.as_deref(), Some("d84fb5e2-d198-49b4-9d65-3a82421bf180"));
    assert_eq!(rules(&d), ["cbor-unsorted-keys", "coswid-untagged-uri", "coswid-untagged-uri"]);
    assert!(d.findings.findings.iter().all(|f| f.severity == Severity::Info));
    // Not deterministic (keys out of order), so not the same bytes once re-encoded.
    let again = reencodes(t, "veraison-swid_testCBOR.cbor", true);
    assert_ne!(again, bytes);
    let e = decode(&bytes, CborMode::Strict).expect_err("strict");
    assert_eq!(not_conformant(&e), Some(Nonconformity::UnsortedKeys));
    assert_eq!(e.position().offset, 21);
}

#[test]
fn the_psa_bundle_keeps_a_private_text_relation() {
    let d = decode(&fixture("veraison-swid_psa-bundle_expectedCBOR.cbor"), CborMode::Standard).expect("decodes");
    let rels: Vec<_> = d.tag.links.iter().map(|l| l.rel.clone()).collect();
    assert_eq!(rels.len(), 5);
    assert_eq!(rels[0], Some(Rel::Other(Label::from("psa-rot-compound"))));
    assert!(rels[1..].iter().all(|r| r == &Some(Rel::Component)));
    assert_eq!(d.tag.entities[0].roles, [Role::TagCreator, Role::SoftwareCreator, Role::Aggregator]);
    // Not deterministic either: its URIs lack tag 32 and its keys are out of order.
    assert_eq!(rules(&d).iter().filter(|r| **r == "coswid-untagged-uri").count(), 6);
    assert!(rules(&d).contains(&"cbor-unsorted-keys"));
    let bytes = reencodes(&d.tag, "veraison-swid_psa-bundle_expectedCBOR.cbor", true);
    assert_ne!(bytes, fixture("veraison-swid_psa-bundle_expectedCBOR.cbor"));
    // The private relation is written as text, the registered ones as integers (0x18 0x28 = key 40).
    assert!(bytes.windows(19).any(|w| w == b"\x18\x28\x70psa-rot-compound"));
}

#[test]
fn lvfs_without_tag_version_is_an_error_or_a_finding() {
    let bytes = fixture("LVFS_sbom.coswid");
    let e = decode(&bytes, CborMode::Standard).expect_err("no tag-version");
    assert_eq!(not_conformant(&e), Some(Nonconformity::MissingTagVersion));
    let d = decode(&bytes, CborMode::Lenient).expect("lenient");
    assert!(rules(&d).contains(&"coswid-missing-tag-version"));
    assert_eq!(d.tag.tag_version, None);
    assert_eq!(d.tag.corpus, Some(true));
    assert_eq!(d.tag.metas[0].generator, Some(TagId::Text("uSWID".into())));
}

#[test]
fn the_nist_firmware_coswid_has_a_bignum_tag_version_and_indefinite_lengths() {
    let bytes = fixture("firmware-coswid.cbor");
    let e = decode(&bytes, CborMode::Standard).expect_err("bignum");
    assert_eq!(not_conformant(&e), Some(Nonconformity::BignumInteger));
    assert_eq!(e.path().to_string(), "tag-version");
    assert_eq!(e.position().offset, 48);
    let e = decode(&bytes, CborMode::Strict).expect_err("indefinite");
    assert_eq!(not_conformant(&e), Some(Nonconformity::IndefiniteLength));
    let d = decode(&bytes, CborMode::Lenient).expect("lenient");
    assert_eq!(d.tag.tag_version, Some(1));
    assert!(rules(&d).contains(&"coswid-bignum-integer"));
    assert!(rules(&d).contains(&"cbor-indefinite-length"));
    // The pre-RFC "firmware" extension at key 59 is kept, whole, and written back.
    let payload = &d.tag.payloads[0];
    assert_eq!(payload.extensions.entries[0].label, Label::Int(59));
    // Its value (a map) is outside the CDDL's `any-attribute`, so the output is too.
    let again = reencodes(&d.tag, "firmware-coswid.cbor", false);
    assert_eq!(decode(&again, CborMode::Strict).expect("strict").tag.payloads[0].extensions, payload.extensions);
}

#[test]
fn hirs_rim_wraps_a_byte_string_and_repeats_keys() {
    let bytes = fixture("coswid_rim_1.coswid");
    let e = decode(&bytes, CborMode::Standard).expect_err("tagged bytes");
    assert_eq!(not_conformant(&e), Some(Nonconformity::TaggedByteString));
    assert_eq!(e.position().offset, 5);
    let d = decode(&bytes, CborMode::Lenient).expect("lenient");
    assert!(d.tagged);
    let r = rules(&d);
    for expected in ["coswid-tagged-byte-string", "coswid-text-integer", "cbor-duplicate-key", "coswid-missing-key"] {
        assert!(r.contains(&expected), "{expected} in {r:?}");
    }
    // Offsets inside the byte string are counted in the whole input.
    let dup = d.findings.findings.iter().find(|f| f.rule == "cbor-duplicate-key").expect("found");
    assert!(dup.message.starts_with("byte 54:"), "{}", dup.message);
    assert_eq!(d.tag.tag_version, Some(1));
    assert_eq!(d.tag.patch, Some(true), "the first of the repeated keys stands");
    assert_eq!(d.tag.links[0].rel, Some(Rel::InstallationMedia));
    assert_eq!(d.tag.entities[0].name, None);
}

#[test]
fn a_uswid_container_holds_a_sequence_of_three_tags() {
    let bytes = fixture("dell-xps13.bin");
    let lenient = CborDecodeOptions::default().mode(CborMode::Lenient);
    let tags: Vec<Decoded> = CborTags::with_options(&bytes, &lenient).collect::<Result<_, _>>().expect("lenient");
    let names: Vec<_> = tags.iter().map(|d| d.tag.name.as_deref().unwrap_or_default()).collect();
    assert_eq!(names, ["AhciRecovery", "CSME", "MCU 06-03-02"]);
    assert!(rules(&tags[0]).contains(&"coswid-non-integer-time"));
    assert!(rules(&tags[1]).contains(&"coswid-payload-and-evidence"));
    // In the standard mode the float date of the first tag stops the sequence.
    let results: Vec<_> = CborTags::new(&bytes).collect();
    assert_eq!(results.len(), 1);
    let e = results[0].as_ref().expect_err("float date");
    assert_eq!(not_conformant(e), Some(Nonconformity::NonIntegerTime));
    assert_eq!(e.path().to_string(), "evidence/date");
}

#[test]
fn the_coswid_tag_and_untagged_uris_are_options() {
    let mut t = small();
    t.entities[0].regid = Some("example.com".into());
    let tagged = t.to_cbor_vec_with(&CborEncodeOptions::default().tagged(true)).expect("encodes");
    assert_eq!(tagged[..5], [0xda, 0x53, 0x57, 0x49, 0x44]);
    let d = decode(&tagged, CborMode::Strict).expect("strict");
    assert!(d.tagged);
    assert_eq!(d.tag, t);
    let plain = t.to_cbor_vec().expect("encodes");
    assert!(plain.windows(2).any(|w| w == [0xd8, 0x20]), "reg-id in tag 32");
    let untagged = t.to_cbor_vec_with(&CborEncodeOptions::default().uri_tag(false)).expect("encodes");
    assert!(!untagged.windows(2).any(|w| w == [0xd8, 0x20]));
    let d = decode(&untagged, CborMode::Standard).expect("standard");
    assert_eq!(rules(&d), ["coswid-untagged-uri"]);
    assert_eq!(d.tag, t);
}

mod bad_input {
    use super::*;

    /// A tag whose map is `{0: "t", 1: <x>, 2: {31: "e", 33: 1}, 12: 0}`, `x` given as bytes.
    fn with_name(name_item: &[u8]) -> Vec<u8> {
        let mut b = vec![0xa4, 0x00, 0x61, b't', 0x01];
        b.extend_from_slice(name_item);
        b.extend_from_slice(&[0x02, 0xa2, 0x18, 0x1f, 0x61, b'e', 0x18, 0x21, 0x01, 0x0c, 0x00]);
        b
    }

    #[test]
    fn the_well_formed_base_decodes() {
        let t = SoftwareIdentity::from_cbor_slice(&with_name(&[0x61, b'n'])).expect("valid");
        assert_eq!(t.name.as_deref(), Some("n"));
    }

    #[test]
    fn a_duplicate_key_names_its_place() {
        let e = SoftwareIdentity::from_cbor_slice(&[0xa2, 0x00, 0x61, b'a', 0x00, 0x61, b'b']).expect_err("dup");
        assert!(matches!(&e, DecodeError::DuplicateKey { key, .. } if key == "0"), "{e:?}");
        assert_eq!(e.position().offset, 4);
        let mut entity_dup = vec![0xa4, 0x00, 0x61, b't', 0x01, 0x61, b'n'];
        entity_dup.extend_from_slice(&[
            0x02, 0xa3, 0x18, 0x1f, 0x61, b'e', 0x18, 0x21, 0x01, 0x18, 0x1f, 0x61, b'f', 0x0c, 0x00,
        ]);
        let e = SoftwareIdentity::from_cbor_slice(&entity_dup).expect_err("dup");
        assert!(matches!(&e, DecodeError::DuplicateKey { key, .. } if key == "31"), "{e:?}");
        assert_eq!(e.path().to_string(), "entity");
        assert_eq!(e.position().offset, 16);
    }

    #[test]
    fn trailing_bytes_are_refused() {
        let mut b = with_name(&[0x61, b'n']);
        let len = b.len();
        b.push(0x00);
        let e = SoftwareIdentity::from_cbor_slice(&b).expect_err("trailing");
        assert!(matches!(e, DecodeError::TrailingBytes { count: 1, .. }), "{e:?}");
        assert_eq!(e.position().offset, len as u64);
    }

    #[test]
    fn a_length_beyond_the_input_is_refused_before_allocation() {
        // software-name declares 1,000 bytes; a handful follow.
        let e = SoftwareIdentity::from_cbor_slice(&with_name(&[0x79, 0x03, 0xe8, b'x'])).expect_err("short");
        match &e {
            DecodeError::LengthBeyondInput { declared, .. } => assert_eq!(*declared, 1000),
            other => panic!("{other:?}"),
        }
        assert_eq!(e.path().to_string(), "software-name");
        assert_eq!(e.position().offset, 5);
        // An array declaring 2^64 - 1 items and a 1 GiB string, each in a few bytes.
        let e = SoftwareIdentity::from_cbor_slice(&[
            0xa1, 0x18, 0x63, 0x9b, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
        ])
        .expect_err("huge array");
        assert!(matches!(e, DecodeError::LengthAboveLimit { .. }), "{e:?}");
        assert_eq!(e.path().to_string(), "99");
        let e =
            SoftwareIdentity::from_cbor_slice(&with_name(&[0x7a, 0x40, 0x00, 0x00, 0x00, b'x'])).expect_err("1 GiB");
        assert!(matches!(e, DecodeError::LengthAboveLimit { declared: 1_073_741_824, .. }), "{e:?}");
    }

    #[test]
    fn nesting_beyond_the_limit_is_refused() {
        let mut b = vec![0xa1, 0x18, 0x63];
        b.extend(std::iter::repeat_n(0x81, 100));
        b.push(0x00);
        let e = SoftwareIdentity::from_cbor_slice(&b).expect_err("deep");
        assert!(matches!(e, DecodeError::TooDeep { limit: 64, .. }), "{e:?}");
        assert_eq!(e.path().to_string(), "99");
        let shallow = CborDecodeOptions::default().limits(Limits { max_depth: 4, ..Limits::default() });
        let e = SoftwareIdentity::from_cbor_slice_with(&with_name(&[0x61, b'n']), &shallow);
        assert!(e.is_ok(), "a tag needs 3 levels");
        let e = SoftwareIdentity::from_cbor_slice_with(&b, &shallow).expect_err("deep");
        assert!(matches!(e, DecodeError::TooDeep { limit: 4, .. }), "{e:?}");
    }

    #[test]
    fn wrong_types_name_what_was_expected_and_found() {
        let e = SoftwareIdentity::from_cbor_slice(&with_name(&[0x05])).expect_err("int name");
        match &e {
            DecodeError::WrongType { expected, found, .. } => {
                assert_eq!(*expected, "a text string");
                assert_eq!(found, "the integer 5");
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(e.path().to_string(), "software-name");
        assert_eq!(e.position().offset, 5);

        let e = SoftwareIdentity::from_cbor_slice(&[0x01]).expect_err("not a map");
        assert!(matches!(e, DecodeError::WrongType { expected: "a map", .. }), "{e:?}");

        let e = SoftwareIdentity::from_cbor_slice(&[0xa1, 0x00, 0x45, 1, 2, 3, 4, 5]).expect_err("5-byte id");
        assert!(matches!(e, DecodeError::WrongType { expected: "text or a 16-byte byte string", .. }), "{e:?}");
    }

    #[test]
    fn a_deep_error_has_its_full_key_path() {
        let mut t = small();
        let mut p = Payload::default();
        let mut dir = iso19770_swid::Directory::new("d");
        dir.files.push(File::new("a"));
        dir.files.push(File::new("b").with_size(7));
        p.items.directories.push(dir);
        t.payloads.push(p);
        let mut bytes = t.to_cbor_vec().expect("encodes");
        // The size of the second file (7, one byte 0x07 after key 20 = 0x14) becomes -1.
        let at = bytes.windows(2).rposition(|w| w == [0x14, 0x07]).expect("size") + 1;
        bytes[at] = 0x20;
        let e = SoftwareIdentity::from_cbor_slice(&bytes).expect_err("negative size");
        assert!(matches!(e, DecodeError::IntegerOutOfRange { min: 0, .. }), "{e:?}");
        assert_eq!(e.path().to_string(), "payload/directory/path-elements/file[1]/size");
        assert_eq!(e.position().offset, at as u64);
    }

    #[test]
    fn truncated_and_invalid_utf8_inputs_are_reported() {
        let full = with_name(&[0x61, b'n']);
        for cut in 1..full.len() {
            let e = SoftwareIdentity::from_cbor_slice(&full[..cut]).expect_err("truncated");
            assert!(
                matches!(e, DecodeError::CborTruncated { .. } | DecodeError::LengthBeyondInput { .. }),
                "{cut}: {e:?}"
            );
        }
        let e = SoftwareIdentity::from_cbor_slice(&with_name(&[0x62, 0xc3, 0x28])).expect_err("utf-8");
        assert!(matches!(e, DecodeError::InvalidUtf8 { .. }), "{e:?}");
        assert_eq!(e.position().offset, 5);
    }
}

#[test]
fn encoding_is_deterministic_and_needs_what_coswid_requires() {
    let mut t = small();
    t.entities.push(Entity::new("second", [Role::Licensor]));
    let mut p = Payload::default();
    p.items.files.push(File::new("f").with_hash(HashEntry::new(HashAlgorithm::Md5, vec![0; 16])));
    t.payloads.push(p);
    let e = t.to_cbor_vec().expect_err("md5 has no NI id");
    assert!(
        matches!(e, iso19770_swid::EncodeError::NoNamedInformationId { algorithm: HashAlgorithm::Md5, .. }),
        "{e:?}"
    );
    assert_eq!(e.to_string(), "payload/file/hash: the hash algorithm md5 has no Named Information id for CoSWID");
    t.payloads.clear();
    assert_eq!(t.to_cbor_vec().expect("encodes"), t.clone().to_cbor_vec().expect("encodes"));
    t.entities[1].roles.clear();
    let e = t.to_cbor_vec().expect_err("no roles");
    assert_eq!(e.to_string(), "entity[1]: CoSWID requires role");
}
