//! The tag the build script embedded: it is this package's, it passes NISTIR 8060 (authoritative
//! primary tag) with no error and no warning, its CoSWID is the part of it CoSWID carries, and it
//! is what the generator gives again for the same package and files. The README shows the build
//! script as it is. The files are kept for `.ci/run`'s oracles (XSD, CDDL) in `generate/` of
//! `SWID_XML_OUT`, when set.

#![allow(clippy::expect_used, clippy::unwrap_used)]

use iso19770_example_build_script_tag::{COSWID, SWIDTAG, coswid, nistir8060_authoritative_primary, tag};
use iso19770_swid::cbor::{CborDecodeOptions, CborMode};
use iso19770_swid::core::{Report, Severity};
use iso19770_swid::generate::{
    CargoPackage, PathConventions, Regid, TagOptions, TreeOptions, WriteOptions, payload_from_dir, primary_tag,
    tag_uuid, write_tag_files,
};
use iso19770_swid::registry::ns;
use iso19770_swid::validate::{Profile, validate};
use iso19770_swid::{HashAlgorithm, Omission, Omitted, SoftwareIdentity, TagId};
use std::path::{Path, PathBuf};

/// The regid `build.rs` gives.
const REGID: &str = "example.org";

fn manifest_dir() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The findings that are not notes.
fn problems(report: &Report) -> Vec<String> {
    report.findings.iter().filter(|f| f.severity != Severity::Info).map(ToString::to_string).collect()
}

/// The tag without its XML layout: what a CoSWID can say.
fn without_layout(tag: &SoftwareIdentity) -> SoftwareIdentity {
    let mut t = tag.clone();
    t.clear_layout();
    t
}

#[test]
fn the_embedded_tag_is_this_package_s() {
    let tag = tag().expect("the embedded XML decodes");
    assert_eq!(tag.name.as_deref(), Some(env!("CARGO_PKG_NAME")));
    assert_eq!(tag.version.as_deref(), Some(env!("CARGO_PKG_VERSION")));
    let regid = Regid::new(REGID).expect("a regid");
    let id = tag_uuid(&regid, env!("CARGO_PKG_NAME"), env!("CARGO_PKG_VERSION"));
    // XML writes it as text, CoSWID as 16 bytes.
    let uuid = TagId::Uuid(id).to_string();
    assert_eq!(tag.tag_id, Some(TagId::Text(uuid)), "the deterministic UUID of (regid, name, version)");
    assert_eq!(coswid().expect("the CoSWID decodes").tag_id, Some(TagId::Uuid(id)));
    assert_eq!(tag.entities[0].regid.as_deref(), Some(REGID));
    assert_eq!(tag.entities[0].name.as_deref(), Some("Example Org"), "the author, without the e-mail address");
    assert_eq!(tag.metas[0].summary.as_deref(), Some(env!("CARGO_PKG_DESCRIPTION")));
    assert_eq!(tag.links.len(), 4, "home page, repository, two licenses");

    // The payload: the files of assets/, each with its size and SHA-256, no path but their names.
    let items = &tag.payloads[0].items;
    let greeting = &items.files[0];
    assert_eq!(greeting.name.as_deref(), Some("greeting.txt"));
    let bytes = std::fs::read(manifest_dir().join("assets/greeting.txt")).expect("the asset");
    assert_eq!(greeting.size, Some(bytes.len() as u64));
    assert!(greeting.hash(HashAlgorithm::Sha256).is_some());
    assert_eq!(items.directories[0].name.as_deref(), Some("config"));
    assert_eq!(items.directories[0].files[0].name.as_deref(), Some("default.toml"));
}

#[test]
fn the_embedded_tag_passes_every_profile() {
    let tag = tag().expect("the embedded XML decodes");
    let report = validate(&tag, &nistir8060_authoritative_primary());
    assert!(problems(&report).is_empty(), "NISTIR 8060 authoritative primary:\n{report}");
    let report = validate(&tag, &Profile::iso());
    assert!(!report.has_errors(), "ISO/IEC 19770-2:\n{report}");
    assert!(report.is_clean(), "ISO/IEC 19770-2:\n{report}");
    let report = validate(&tag, &Profile::coswid());
    assert!(!report.has_errors(), "RFC 9393:\n{report}");
    assert!(report.is_clean(), "RFC 9393:\n{report}");
    let report = validate(&coswid().expect("the CoSWID decodes"), &Profile::coswid());
    assert!(report.is_clean(), "RFC 9393, the embedded CoSWID:\n{report}");
}

#[test]
fn the_embedded_coswid_is_the_coswid_subset_of_the_tag() {
    let strict = CborDecodeOptions::default().mode(CborMode::Strict);
    let decoded = SoftwareIdentity::from_cbor_slice_with(COSWID, &strict).expect("the embedded CoSWID decodes");
    assert!(decoded.findings.is_clean(), "{:?}", decoded.findings);
    let xml = tag().expect("the embedded XML decodes");
    let (mut subset, omissions) = xml.to_coswid_subset();
    // The one difference the formats make: the tag id, a UUID, is text in XML and 16 bytes in CoSWID.
    assert_eq!(decoded.tag.tag_id.as_ref().map(ToString::to_string), subset.tag_id.as_ref().map(ToString::to_string));
    assert!(matches!(decoded.tag.tag_id, Some(TagId::Uuid(_))));
    subset.tag_id.clone_from(&decoded.tag.tag_id);
    assert_eq!(without_layout(&decoded.tag), without_layout(&subset));
    // Left out: the NISTIR 8060 path attributes, which are XML only.
    assert_eq!(omissions.len(), 3, "{omissions:?}");
    let n8060 = |o: &Omission| o.what == Omitted::ForeignAttribute && o.to_string().contains(ns::N8060);
    assert!(omissions.iter().all(n8060), "{omissions:?}");
    // And the same bytes: the CoSWID is deterministic.
    assert_eq!(subset.to_cbor_vec().expect("encodes"), COSWID);
}

#[test]
fn the_embedded_files_are_what_the_generator_gives_again() {
    // What build.rs does, here with the package's variables as compiled in: the same bytes, in
    // another directory, at another time.
    let package = CargoPackage::from_lookup(|name| match name {
        "CARGO_PKG_NAME" => Some(env!("CARGO_PKG_NAME").into()),
        "CARGO_PKG_VERSION" => Some(env!("CARGO_PKG_VERSION").into()),
        "CARGO_PKG_AUTHORS" => Some(env!("CARGO_PKG_AUTHORS").into()),
        "CARGO_PKG_DESCRIPTION" => Some(env!("CARGO_PKG_DESCRIPTION").into()),
        "CARGO_PKG_HOMEPAGE" => Some(env!("CARGO_PKG_HOMEPAGE").into()),
        "CARGO_PKG_REPOSITORY" => Some(env!("CARGO_PKG_REPOSITORY").into()),
        "CARGO_PKG_LICENSE" => Some(env!("CARGO_PKG_LICENSE").into()),
        _ => None,
    })
    .expect("name and version");
    let paths = if cfg!(windows) { PathConventions::windows() } else { PathConventions::posix() };
    let options = TreeOptions::default().with_path_conventions(paths);
    let payload = payload_from_dir(manifest_dir().join("assets"), &options).expect("the assets");
    let options = TagOptions::new(Regid::new(REGID).expect("a regid")).with_edition("standard").with_payload(payload);
    let tag = primary_tag(&package, &options).expect("a tag");
    let out = tempfile::tempdir().expect("temp dir");
    let files = write_tag_files(&tag, out.path(), &WriteOptions::default()).expect("written");
    assert_eq!(std::fs::read(&files.swidtag).expect("xml"), SWIDTAG);
    assert_eq!(std::fs::read(&files.coswid).expect("cbor"), COSWID);
    // Named REGID_TAGID, as build.rs's are.
    let name = |p: &Path| p.file_name().map(|n| n.to_string_lossy().into_owned());
    assert_eq!(name(&files.swidtag), name(Path::new(env!("SWIDTAG_FILE"))));
    assert_eq!(name(&files.coswid), name(Path::new(env!("COSWID_FILE"))));
}

#[test]
fn the_embedded_tag_holds_no_path_of_the_build() {
    let xml = std::str::from_utf8(SWIDTAG).expect("UTF-8");
    let out_dir = Path::new(env!("SWIDTAG_FILE")).parent().expect("OUT_DIR");
    for path in [manifest_dir(), out_dir] {
        assert!(!xml.contains(&*path.to_string_lossy()), "{} in the tag", path.display());
    }
    assert!(!xml.contains("target"), "{xml}");
}

/// The README's build script is this crate's `build.rs` without its comments.
#[test]
fn the_readme_shows_this_build_script() {
    let readme =
        std::fs::read_to_string(manifest_dir().join("../../README.md")).expect("README.md").replace("\r\n", "\n");
    let section = readme.split("## Generating a tag in your build script").nth(1).expect("the README section");
    let block = |fence: &str| -> String {
        let start = section.find(fence).expect(fence) + fence.len();
        let end = section[start..].find("```").expect("the end of the block");
        section[start..start + end].trim().to_owned()
    };
    let build_rs = std::fs::read_to_string(manifest_dir().join("build.rs")).expect("build.rs");
    let uncommented: Vec<&str> = build_rs.lines().filter(|l| !l.trim_start().starts_with("//")).collect();
    assert_eq!(block("```rust,ignore\n"), uncommented.join("\n").trim());
    assert_eq!(
        block("```toml\n"),
        "[build-dependencies]\niso19770-swid = { version = \"0.1\", features = [\"generate\"] }"
    );
}

#[test]
fn the_embedded_files_are_kept_for_the_oracles() {
    let Some(base) = std::env::var_os("SWID_XML_OUT") else { return };
    let dir = PathBuf::from(base).join("generate");
    std::fs::create_dir_all(&dir).expect("oracle folder");
    std::fs::write(dir.join("example-crate.swidtag.xml"), SWIDTAG).expect("written");
    std::fs::write(dir.join("example-crate.coswid.cbor"), COSWID).expect("written");
}
