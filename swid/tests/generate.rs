//! Tag generation (feature `generate`): the builders, UUID v5 tag ids, the tag of a Cargo package,
//! payloads of directory trees, the tag files, and every failure with its path and no file left
//! behind. The files generated are kept for `.ci/run`'s oracles (XSD, CDDL) in `generate/` of
//! `SWID_XML_OUT`, when set.

#![allow(clippy::expect_used, clippy::unwrap_used)]

use iso19770_swid::core::{Report, Severity};
use iso19770_swid::generate::{
    CargoPackage, DigestAlgorithm, GenerateError, HashOptions, NAMESPACE_DNS, PathConventions, Regid, SymlinkPolicy,
    TagOptions, TreeOptions, WriteOptions, digest_reader, hash_files, payload_from_dir, primary_tag, tag_uuid, uuid_v5,
    write_tag_files,
};
use iso19770_swid::registry::ns;
use iso19770_swid::validate::{Authority, Profile, TagType, validate};
use iso19770_swid::{
    Directory, Entity, File, HashAlgorithm, HashEntry, Link, Payload, Rel, Role, SoftwareIdentity, SoftwareMeta, TagId,
    VersionScheme,
};
use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};

const SHA256_ABC: &str = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
const SHA256_EMPTY: &str = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
/// FIPS 180-2's long vector: one million `a`, more than a hashing buffer.
const SHA256_MILLION_A: &str = "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0";
const SHA512_ABC: &str = "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a\
                          2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f";

/// The variables Cargo gives a build script, as a lookup.
fn cargo_env() -> HashMap<&'static str, &'static str> {
    HashMap::from([
        ("CARGO_PKG_NAME", "example-app"),
        ("CARGO_PKG_VERSION", "1.4.2-rc.1+g5f3e2a"),
        ("CARGO_PKG_AUTHORS", "Jane Doe <jane@example.com>:John Roe"),
        ("CARGO_PKG_DESCRIPTION", "An example application."),
        ("CARGO_PKG_HOMEPAGE", "https://example.com/app"),
        ("CARGO_PKG_REPOSITORY", "https://git.example.com/app"),
        ("CARGO_PKG_LICENSE", "MIT OR Apache-2.0"),
        ("CARGO_PKG_LICENSE_FILE", ""),
    ])
}

fn package() -> CargoPackage {
    let env = cargo_env();
    CargoPackage::from_lookup(|name| env.get(name).map(|v| (*v).to_owned())).expect("name and version are set")
}

fn regid() -> Regid {
    Regid::new("example.com").expect("a regid")
}

/// The findings that are not notes.
fn problems(report: &Report) -> Vec<String> {
    report.findings.iter().filter(|f| f.severity != Severity::Info).map(ToString::to_string).collect()
}

fn nistir_authoritative_primary() -> Profile {
    Profile::nistir8060().authority(Authority::Authoritative).tag_type(Some(TagType::Primary))
}

/// A tree with nested directories, an empty file, an empty directory, a UTF-8 name, a file larger
/// than the hashing buffer and (on Unix) a symbolic link.
fn make_tree(root: &Path) {
    fs::create_dir_all(root.join("bin")).expect("dir");
    fs::create_dir_all(root.join("share/doc/example-app")).expect("dirs");
    fs::create_dir_all(root.join("empty-dir")).expect("dir");
    fs::write(root.join("bin/example-app"), "abc").expect("file");
    fs::write(root.join("share/doc/example-app/empty"), "").expect("file");
    fs::write(root.join("share/doc/example-app/křížala √36.txt"), "abc").expect("file");
    fs::write(root.join("share/big.bin"), vec![b'a'; 1_000_000]).expect("file");
    fs::write(root.join("README"), "abc").expect("file");
    fs::write(root.join("Zeta"), "").expect("file");
    fs::write(root.join("alpha"), "").expect("file");
    #[cfg(unix)]
    std::os::unix::fs::symlink("bin/example-app", root.join("link")).expect("symlink");
}

fn hex(file: &File, algorithm: HashAlgorithm) -> Option<String> {
    file.hash(algorithm).map(HashEntry::to_hex)
}

fn names<'a, T>(items: &'a [T], name: impl Fn(&'a T) -> Option<&'a str>) -> Vec<&'a str> {
    items.iter().filter_map(name).collect()
}

/// The entries of a directory, sorted, for checking that nothing (not even a temporary file) is
/// left behind.
fn listing(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = fs::read_dir(dir)
        .map(|r| r.filter_map(Result::ok).map(|e| e.file_name().to_string_lossy().into_owned()).collect())
        .unwrap_or_default();
    v.sort();
    v
}

/// Keeps generated files for the oracles.
fn keep_for_oracles(name: &str, bytes: &[u8]) {
    if let Some(base) = std::env::var_os("SWID_XML_OUT") {
        let dir = PathBuf::from(base).join("generate");
        fs::create_dir_all(&dir).expect("oracle folder");
        fs::write(dir.join(name), bytes).expect("written");
    }
}

// ---- builders ----

#[test]
fn builders_make_a_tag_in_one_expression() {
    let tag = SoftwareIdentity::new("Example Editor", "example.com-editor-2.1.0")
        .with_tag_version(3)
        .with_version("2.1.0")
        .with_version_scheme(VersionScheme::Semver)
        .with_lang("en-US")
        .with_entity(
            Entity::new("Example Corp", [Role::TagCreator])
                .with_role(Role::SoftwareCreator)
                .with_regid("example.com")
                .with_lang("en"),
        )
        .with_link(Link::new("https://example.com/editor", Rel::SeeAlso).with_media_type("text/html"))
        .with_meta(
            SoftwareMeta::default()
                .with_product("Example Editor")
                .with_colloquial_version("2")
                .with_revision("2.1.0")
                .with_edition("Pro")
                .with_entitlement_data_required(false),
        )
        .with_payload(
            Payload::default()
                .with_directory(
                    Directory::new("bin").with_key(true).with_file(
                        File::new("editor")
                            .with_size(3)
                            .with_version("2.1.0")
                            .with_hash(HashEntry::from_hex(HashAlgorithm::Sha256, SHA256_ABC).expect("hex")),
                    ),
                )
                .with_attribute(Some(ns::N8060), "pathSeparator", "/"),
        );
    assert_eq!(tag.tag_version, Some(3));
    assert_eq!(tag.entities[0].roles, [Role::TagCreator, Role::SoftwareCreator]);
    assert_eq!(tag.metas[0].entitlement_data_required, Some(false));
    assert_eq!(tag.payloads[0].items.directories[0].key, Some(true));
    let xml = tag.to_xml_string().expect("encodes");
    assert_eq!(SoftwareIdentity::from_xml_str(&xml).expect("decodes"), tag);
}

// ---- tag ids ----

#[test]
fn uuid_v5_gives_the_rfc_vector_and_stable_tag_ids() {
    // Python: uuid.uuid5(uuid.NAMESPACE_DNS, "python.org")
    assert_eq!(TagId::Uuid(uuid_v5(&NAMESPACE_DNS, b"python.org")).to_string(), "886313e1-3b8a-5372-9b90-0c9aee199e5d");
    let id = tag_uuid(&regid(), "example-app", "1.2.3");
    assert_eq!(TagId::Uuid(id).to_string(), "0025e15e-2144-588a-8907-5c38ca0117b2");
    assert_eq!(id[6] >> 4, 5, "version 5");
    assert_eq!(id[8] >> 6, 0b10, "RFC 4122 variant");
    assert_eq!(tag_uuid(&regid(), "example-app", "1.2.3"), id);
    assert_ne!(tag_uuid(&regid(), "example-app", "1.2.4"), id);
    assert_ne!(tag_uuid(&Regid::new("example.org").expect("regid"), "example-app", "1.2.3"), id);
    // The parts cannot run into each other.
    assert_ne!(tag_uuid(&regid(), "a b", "c"), tag_uuid(&regid(), "a", "b c"));
}

// ---- the tag of a Cargo package ----

#[test]
fn the_cargo_tag_says_what_the_package_says() {
    let tag = primary_tag(&package(), &TagOptions::new(regid()).with_edition("standard")).expect("a tag");
    assert_eq!(tag.name.as_deref(), Some("example-app"));
    assert_eq!(tag.version.as_deref(), Some("1.4.2-rc.1+g5f3e2a"));
    assert_eq!(tag.version_scheme, Some(VersionScheme::Semver));
    assert_eq!(tag.lang.as_deref(), Some("en-US"));
    assert_eq!(tag.tag_version, Some(0));
    assert_eq!(tag.tag_id, Some(TagId::Uuid(tag_uuid(&regid(), "example-app", "1.4.2-rc.1+g5f3e2a"))));
    let e = &tag.entities[0];
    assert_eq!(e.name.as_deref(), Some("Jane Doe, John Roe"));
    assert_eq!(e.regid.as_deref(), Some("example.com"));
    assert_eq!(e.roles, [Role::TagCreator, Role::SoftwareCreator]);
    let m = &tag.metas[0];
    assert_eq!(m.product.as_deref(), Some("example-app"));
    assert_eq!(m.colloquial_version.as_deref(), Some("1"));
    assert_eq!(m.revision.as_deref(), Some("1.4.2-rc.1"));
    assert_eq!(m.edition.as_deref(), Some("standard"));
    assert_eq!(m.summary.as_deref(), Some("An example application."));
    let links: Vec<_> =
        tag.links.iter().map(|l| (l.href.as_deref().unwrap_or_default(), l.rel.as_ref().map(Rel::xml_name))).collect();
    assert_eq!(
        links,
        [
            ("https://example.com/app", Some("see-also".into())),
            ("https://git.example.com/app", Some("see-also".into())),
            ("https://spdx.org/licenses/MIT.html", Some("license".into())),
            ("https://spdx.org/licenses/Apache-2.0.html", Some("license".into())),
        ]
    );
    // Caller's choices win.
    let options = TagOptions::new(regid())
        .with_edition("standard")
        .with_lang("de-DE")
        .with_tag_id("example.com-app-1.4.2")
        .with_tag_version(2)
        .with_entity_name("Example GmbH")
        .with_edition("community")
        .with_product("Example")
        .with_colloquial_version("2026")
        .with_revision("RC1");
    let tag = primary_tag(&package(), &options).expect("a tag");
    assert_eq!(tag.tag_id, Some(TagId::from("example.com-app-1.4.2")));
    assert_eq!((tag.lang.as_deref(), tag.tag_version), (Some("de-DE"), Some(2)));
    assert_eq!(tag.entities[0].name.as_deref(), Some("Example GmbH"));
    let m = &tag.metas[0];
    assert_eq!(
        (m.product.as_deref(), m.colloquial_version.as_deref(), m.revision.as_deref(), m.edition.as_deref()),
        (Some("Example"), Some("2026"), Some("RC1"), Some("community"))
    );
}

#[test]
fn the_cargo_tag_with_a_payload_passes_every_profile_without_a_finding() {
    let dir = tempfile::tempdir().expect("temp dir");
    make_tree(dir.path());
    let payload = payload_from_dir(dir.path(), &TreeOptions::default()).expect("payload");
    let tag = primary_tag(&package(), &TagOptions::new(regid()).with_edition("standard").with_payload(payload))
        .expect("a tag");

    let report = validate(&tag, &nistir_authoritative_primary());
    assert!(problems(&report).is_empty(), "NISTIR 8060 authoritative primary:\n{report}");
    // So does the detected assessment.
    let report = validate(&tag, &Profile::nistir8060());
    assert!(problems(&report).is_empty(), "NISTIR 8060:\n{report}");
    let report = validate(&tag, &Profile::iso());
    assert!(report.is_clean(), "ISO/IEC 19770-2:\n{report}");
    let report = validate(&tag, &Profile::coswid());
    assert!(report.is_clean(), "RFC 9393:\n{report}");
    // The CoSWID written is the subset CoSWID carries, which passes as well.
    let (subset, _) = tag.to_coswid_subset();
    let report = validate(&subset, &Profile::coswid());
    assert!(report.is_clean(), "RFC 9393, the CoSWID subset:\n{report}");

    // Every file got the package version; the link none.
    let files = &tag.payloads[0].items.files;
    let readme = files.iter().find(|f| f.name.as_deref() == Some("README")).expect("README");
    assert_eq!(readme.version.as_deref(), Some("1.4.2-rc.1+g5f3e2a"));
    #[cfg(unix)]
    assert_eq!(files.iter().find(|f| f.name.as_deref() == Some("link")).and_then(|f| f.version.as_deref()), None);
}

#[test]
fn without_a_payload_the_only_warning_is_the_missing_payload() {
    let tag = primary_tag(&package(), &TagOptions::new(regid()).with_edition("standard")).expect("a tag");
    let rules: Vec<String> = validate(&tag, &nistir_authoritative_primary())
        .findings
        .iter()
        .filter(|f| f.severity != Severity::Info)
        .map(|f| f.rule.clone())
        .collect();
    assert_eq!(rules, ["PRI-6-1"]);
}

#[test]
fn cargo_variables_name_and_version_are_required() {
    let mut env = cargo_env();
    env.insert("CARGO_PKG_VERSION", " ");
    let err = CargoPackage::from_lookup(|name| env.get(name).map(|v| (*v).to_owned())).unwrap_err();
    assert!(matches!(err, GenerateError::MissingVariable { name: "CARGO_PKG_VERSION" }), "{err}");
    let err = CargoPackage::from_lookup(|_| None).unwrap_err();
    assert!(matches!(err, GenerateError::MissingVariable { name: "CARGO_PKG_NAME" }), "{err}");
    // Blank optional values are absent.
    let p = CargoPackage::from_lookup(|name| match name {
        "CARGO_PKG_NAME" => Some("x".into()),
        "CARGO_PKG_VERSION" => Some("0.1.0".into()),
        _ => Some(String::new()),
    })
    .expect("a package");
    assert_eq!(p, CargoPackage::new("x", "0.1.0"));
    let tag = primary_tag(&p, &TagOptions::new(regid()).with_edition("standard")).expect("a tag");
    assert_eq!(tag.entities[0].name.as_deref(), Some("example.com"));
    assert_eq!(tag.metas[0].colloquial_version.as_deref(), Some("0.1"));
    assert!(tag.links.is_empty() && tag.metas[0].summary.is_none());
}

#[test]
fn an_invalid_language_is_refused() {
    let err =
        primary_tag(&package(), &TagOptions::new(regid()).with_edition("standard").with_lang("en_US")).unwrap_err();
    assert!(matches!(&err, GenerateError::InvalidLanguage { lang } if lang == "en_US"), "{err}");
}

// ---- payloads of directory trees ----

#[test]
fn a_tree_gives_sorted_entries_with_sizes_and_digests() {
    let dir = tempfile::tempdir().expect("temp dir");
    make_tree(dir.path());
    let options = TreeOptions::default()
        .with_algorithms([DigestAlgorithm::Sha512])
        .with_path_conventions(PathConventions::posix())
        .with_file_version("9.9");
    let payload = payload_from_dir(dir.path(), &options).expect("payload");
    let items = &payload.items;
    assert_eq!(names(&items.directories, |d| d.name.as_deref()), ["bin", "empty-dir", "share"]);
    // Sorted by the bytes of the names: upper case first.
    let mut top = vec!["README", "Zeta", "alpha"];
    if cfg!(unix) {
        top.push("link");
    }
    assert_eq!(names(&items.files, |f| f.name.as_deref()), top);

    let app = &items.directories[0].files[0];
    assert_eq!((app.name.as_deref(), app.size, app.version.as_deref()), (Some("example-app"), Some(3), Some("9.9")));
    assert_eq!(hex(app, HashAlgorithm::Sha256).as_deref(), Some(SHA256_ABC));
    assert_eq!(hex(app, HashAlgorithm::Sha512).as_deref(), Some(SHA512_ABC));
    assert_eq!(app.hashes[0].algorithm, HashAlgorithm::Sha256, "SHA-256 first");
    assert!(items.directories[1].directories.is_empty() && items.directories[1].files.is_empty());

    let share = &items.directories[2];
    assert_eq!(names(&share.files, |f| f.name.as_deref()), ["big.bin"]);
    assert_eq!(
        (share.files[0].size, hex(&share.files[0], HashAlgorithm::Sha256).as_deref()),
        (Some(1_000_000), Some(SHA256_MILLION_A))
    );
    let doc = &share.directories[0].directories[0];
    assert_eq!(doc.name.as_deref(), Some("example-app"));
    assert_eq!(names(&doc.files, |f| f.name.as_deref()), ["empty", "křížala √36.txt"]);
    assert_eq!(
        (doc.files[0].size, hex(&doc.files[0], HashAlgorithm::Sha256).as_deref()),
        (Some(0), Some(SHA256_EMPTY))
    );
    assert_eq!(hex(&doc.files[1], HashAlgorithm::Sha256).as_deref(), Some(SHA256_ABC));

    // The NISTIR 8060 path attributes.
    let attr = |name| payload.extensions.attribute(Some(ns::N8060), name);
    assert_eq!((attr("pathSeparator"), attr("envVarPrefix"), attr("envVarSuffix")), (Some("/"), Some("$"), Some("")));
    assert!(payload.extensions.attributes.iter().all(|a| a.prefix.as_deref() == Some("n8060")));
}

#[cfg(unix)]
#[test]
fn symbolic_links_are_recorded_not_followed() {
    let dir = tempfile::tempdir().expect("temp dir");
    make_tree(dir.path());
    std::os::unix::fs::symlink("/nonexistent/target", dir.path().join("dangling")).expect("symlink");
    std::os::unix::fs::symlink("share", dir.path().join("share-link")).expect("symlink");
    let payload = payload_from_dir(dir.path(), &TreeOptions::default()).expect("payload");
    let file = |name: &str| payload.items.files.iter().find(|f| f.name.as_deref() == Some(name)).expect(name);
    for (name, target) in [("link", "bin/example-app"), ("dangling", "/nonexistent/target"), ("share-link", "share")] {
        let f = file(name);
        assert_eq!(f.size, Some(target.len() as u64), "{name}: the length of the target");
        assert!(f.hashes.is_empty(), "{name}: no hash");
        assert_eq!(f.extensions.attribute(Some(ns::N8060), "mutable"), Some("true"), "{name}");
    }
    // A link to a directory is not entered.
    assert_eq!(payload.items.directories.len(), 3);

    let skipped =
        payload_from_dir(dir.path(), &TreeOptions::default().with_symlinks(SymlinkPolicy::Skip)).expect("payload");
    assert!(skipped.items.files.iter().all(|f| f.hashes.len() == 1));
    let err = payload_from_dir(dir.path(), &TreeOptions::default().with_symlinks(SymlinkPolicy::Error)).unwrap_err();
    assert!(matches!(&err, GenerateError::Symlink { path } if path == &dir.path().join("dangling")), "{err}");
}

#[test]
fn a_filter_leaves_entries_out() {
    let dir = tempfile::tempdir().expect("temp dir");
    make_tree(dir.path());
    let options = TreeOptions::default()
        .with_filter(|p: &Path| p != Path::new("share") && p.file_name() != Some("empty".as_ref()));
    let payload = payload_from_dir(dir.path(), &options).expect("payload");
    assert_eq!(names(&payload.items.directories, |d| d.name.as_deref()), ["bin", "empty-dir"]);
}

#[test]
fn the_same_tree_gives_the_same_bytes_on_any_number_of_threads() {
    let dir = tempfile::tempdir().expect("temp dir");
    let tree = dir.path().join("tree");
    make_tree(&tree);
    // Enough files for the threads to share.
    for i in 0..40 {
        fs::write(tree.join(format!("bin/f{i:02}")), vec![b'x'; i * 5000]).expect("file");
    }
    let mut outputs = Vec::new();
    for (run, threads) in [(0, 1), (1, 4), (2, 4), (3, 0)] {
        let payload = payload_from_dir(&tree, &TreeOptions::default().with_threads(threads)).expect("payload");
        let tag = primary_tag(&package(), &TagOptions::new(regid()).with_edition("standard").with_payload(payload))
            .expect("a tag");
        let out = dir.path().join(format!("out{run}"));
        let files = write_tag_files(&tag, &out, &WriteOptions::default()).expect("written");
        let xml = fs::read(&files.swidtag).expect("xml");
        let cbor = fs::read(&files.coswid).expect("cbor");
        outputs.push((files.swidtag.file_name().map(ToOwned::to_owned), xml, cbor));
    }
    for (i, o) in outputs.iter().enumerate().skip(1) {
        assert!(o == &outputs[0], "run {i} differs from run 0");
    }
}

#[test]
fn hash_files_keeps_the_order_of_its_paths() {
    let dir = tempfile::tempdir().expect("temp dir");
    let paths: Vec<PathBuf> = (0..20).map(|i| dir.path().join(format!("f{i}"))).collect();
    for (i, p) in paths.iter().enumerate() {
        fs::write(p, vec![b'a'; i * 1000]).expect("file");
    }
    let one = hash_files(&paths, &HashOptions::default().with_threads(1)).expect("digests");
    let four = hash_files(&paths, &HashOptions::default().with_threads(4)).expect("digests");
    assert_eq!(one, four);
    for (i, d) in one.iter().enumerate() {
        assert_eq!(d.size, i as u64 * 1000);
        let expected = digest_reader(&vec![b'a'; i * 1000][..], &[DigestAlgorithm::Sha256]).expect("in memory");
        assert_eq!(d, &expected);
    }
}

// ---- the tag files ----

#[test]
fn tag_files_are_written_side_by_side_and_read_back() {
    let dir = tempfile::tempdir().expect("temp dir");
    let tree = dir.path().join("tree");
    make_tree(&tree);
    let payload = payload_from_dir(&tree, &TreeOptions::default().with_path_conventions(PathConventions::posix()))
        .expect("payload");
    let tag = primary_tag(&package(), &TagOptions::new(regid()).with_edition("standard").with_payload(payload))
        .expect("a tag");
    let out = dir.path().join("out/nested");
    let files = write_tag_files(&tag, &out, &WriteOptions::default()).expect("written");
    let stem = format!("example.com_{}", tag.tag_id.as_ref().map(ToString::to_string).unwrap_or_default());
    assert_eq!(listing(&out), [format!("{stem}.coswid"), format!("{stem}.swidtag")]);

    let xml = fs::read_to_string(&files.swidtag).expect("xml");
    let back = SoftwareIdentity::from_xml_str(&xml).expect("our XML decodes");
    assert_eq!(back.payloads, tag.payloads);
    assert_eq!(back.tag_id.as_ref().map(ToString::to_string), tag.tag_id.as_ref().map(ToString::to_string));
    assert!(xml.contains(r#"xmlns:n8060="http://csrc.nist.gov/ns/swid/2015-extensions/1.0""#), "{xml}");
    let report = validate(&back, &nistir_authoritative_primary());
    assert!(problems(&report).is_empty(), "the XML read back:\n{report}");

    let cbor = fs::read(&files.coswid).expect("cbor");
    let coswid = SoftwareIdentity::from_cbor_slice(&cbor).expect("our CoSWID decodes");
    assert_eq!(coswid.tag_id, tag.tag_id, "a 16-byte UUID in CoSWID");
    assert_eq!(coswid.payloads[0].items, tag.to_coswid_subset().0.payloads[0].items);
    // What CoSWID leaves out: the XML-only NISTIR 8060 attributes, nothing else.
    assert!(!files.coswid_omissions.is_empty());
    assert!(
        files.coswid_omissions.iter().all(|o| o.to_string().contains("n8060") || o.to_string().contains("attribute")),
        "{:?}",
        files.coswid_omissions
    );

    keep_for_oracles("cargo-tree.swidtag.xml", xml.as_bytes());
    keep_for_oracles("cargo-tree.coswid.cbor", &cbor);
    // The tag without a payload, for the oracles too.
    let bare = primary_tag(&package(), &TagOptions::new(regid()).with_edition("standard")).expect("a tag");
    let bare_files = write_tag_files(&bare, dir.path().join("bare"), &WriteOptions::default().with_file_stem("bare"))
        .expect("written");
    assert!(bare_files.coswid_omissions.is_empty());
    keep_for_oracles("cargo-bare.swidtag.xml", &fs::read(&bare_files.swidtag).expect("xml"));
    keep_for_oracles("cargo-bare.coswid.cbor", &fs::read(&bare_files.coswid).expect("cbor"));

    // Written again: the same bytes, replaced in place.
    let again = write_tag_files(&tag, &out, &WriteOptions::default()).expect("written");
    assert_eq!(fs::read_to_string(&again.swidtag).expect("xml"), xml);
    assert_eq!(listing(&out).len(), 2);
}

// ---- failures: a clear error with its path, and no file left behind ----

#[test]
fn a_missing_regid_is_an_error() {
    for given in ["", "   ", "http://invalid.unavailable"] {
        let err = Regid::new(given).unwrap_err();
        assert!(matches!(&err, GenerateError::MissingRegid { given: g } if g == given), "{err}");
    }
    // A tag built by hand without one cannot be written either.
    let dir = tempfile::tempdir().expect("temp dir");
    let tag = SoftwareIdentity::new("x", "y").with_entity(Entity::new("Nobody", [Role::TagCreator]));
    let err = write_tag_files(&tag, dir.path(), &WriteOptions::default()).unwrap_err();
    assert!(matches!(err, GenerateError::MissingRegid { .. }), "{err}");
    assert!(listing(dir.path()).is_empty());
}

#[cfg(unix)]
#[test]
fn an_unreadable_file_is_an_error_naming_it() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().expect("temp dir");
    let tree = dir.path().join("tree");
    make_tree(&tree);
    let secret = tree.join("bin/secret");
    fs::write(&secret, "abc").expect("file");
    fs::set_permissions(&secret, fs::Permissions::from_mode(0o000)).expect("chmod");
    let readable_anyway = fs::File::open(&secret).is_ok(); // root reads anything
    let result = payload_from_dir(&tree, &TreeOptions::default().with_threads(2));
    fs::set_permissions(&secret, fs::Permissions::from_mode(0o600)).expect("chmod back");
    if readable_anyway {
        eprintln!("running as root: the unreadable-file case cannot be made, skipped");
        return;
    }
    let err = result.unwrap_err();
    assert!(
        matches!(&err, GenerateError::Io { path, source } if path == &secret
        && source.kind() == std::io::ErrorKind::PermissionDenied),
        "{err}"
    );
    assert!(err.to_string().contains("bin/secret"), "{err}");
}

#[test]
fn a_file_vanishing_during_the_walk_is_an_error_naming_it() {
    let dir = tempfile::tempdir().expect("temp dir");
    let tree = dir.path().join("tree");
    make_tree(&tree);
    // Listed, then gone before it is looked at: the filter of `README` removes `Zeta`.
    let root = tree.clone();
    let options = TreeOptions::default().with_filter(move |p: &Path| {
        if p == Path::new("README") {
            let _ = fs::remove_file(root.join("Zeta"));
        }
        true
    });
    let err = payload_from_dir(&tree, &options).unwrap_err();
    assert!(matches!(&err, GenerateError::FileVanished { path } if path == &tree.join("Zeta")), "{err}");
    assert_eq!(err.to_string(), format!("{} vanished during the walk", tree.join("Zeta").display()));

    // Looked at, then gone before it is hashed: the filter of `alpha` removes `README`.
    let root = tree.clone();
    let options = TreeOptions::default().with_filter(move |p: &Path| {
        if p == Path::new("alpha") {
            let _ = fs::remove_file(root.join("README"));
        }
        true
    });
    let err = payload_from_dir(&tree, &options).unwrap_err();
    assert!(matches!(&err, GenerateError::FileVanished { path } if path == &tree.join("README")), "{err}");

    // A listed path that does not exist.
    let gone = tree.join("no-such-file");
    let err = hash_files(&[tree.join("alpha"), gone.clone()], &HashOptions::default()).unwrap_err();
    assert!(matches!(&err, GenerateError::FileVanished { path } if path == &gone), "{err}");
    // A root that is not there is no vanishing.
    let err = payload_from_dir(dir.path().join("nothing"), &TreeOptions::default()).unwrap_err();
    assert!(matches!(&err, GenerateError::Io { path, .. } if path == &dir.path().join("nothing")), "{err}");
}

#[test]
fn the_first_failure_in_order_is_reported_whatever_the_threads() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut paths: Vec<PathBuf> = Vec::new();
    for i in 0..30 {
        let p = dir.path().join(format!("f{i:02}"));
        if i % 7 != 3 {
            fs::write(&p, vec![b'z'; 20_000]).expect("file");
        }
        paths.push(p);
    }
    for threads in [1, 2, 4, 8] {
        let err = hash_files(&paths, &HashOptions::default().with_threads(threads)).unwrap_err();
        assert!(matches!(&err, GenerateError::FileVanished { path } if path == &paths[3]), "{threads}: {err}");
    }
}

#[test]
fn an_output_directory_that_cannot_be_made_is_an_error_naming_it() {
    let dir = tempfile::tempdir().expect("temp dir");
    let tag = primary_tag(&package(), &TagOptions::new(regid()).with_edition("standard")).expect("a tag");
    // Under a regular file: refused even to root.
    let blocker = dir.path().join("a-file");
    fs::write(&blocker, "not a directory").expect("file");
    let out = blocker.join("out");
    let err = write_tag_files(&tag, &out, &WriteOptions::default()).unwrap_err();
    assert!(matches!(&err, GenerateError::OutputNotWritable { path, .. } if path == &out), "{err}");
    assert!(err.to_string().starts_with(&format!("cannot write {}", out.display())), "{err}");
    assert_eq!(listing(dir.path()), ["a-file"]);
    assert_eq!(fs::read_to_string(&blocker).expect("untouched"), "not a directory");
}

#[test]
fn a_failed_rename_leaves_no_temporary_file_and_the_pair_as_it_was() {
    let dir = tempfile::tempdir().expect("temp dir");
    let tag = primary_tag(&package(), &TagOptions::new(regid()).with_edition("standard")).expect("a tag");
    // A directory where the CoSWID should go: the second rename fails.
    fs::create_dir(dir.path().join("t.coswid")).expect("dir");
    fs::write(dir.path().join("t.coswid/keep"), "").expect("file");
    let err = write_tag_files(&tag, dir.path(), &WriteOptions::default().with_file_stem("t")).unwrap_err();
    assert!(
        matches!(&err, GenerateError::OutputNotWritable { path, .. } if path == &dir.path().join("t.coswid")),
        "{err}"
    );
    // No temporary file, and the first file is not left alone either.
    assert_eq!(listing(dir.path()), ["t.coswid"]);
    // With files from an earlier run, the earlier .swidtag is put back: the pair stays a pair.
    fs::write(dir.path().join("t.swidtag"), "earlier").expect("file");
    let err = write_tag_files(&tag, dir.path(), &WriteOptions::default().with_file_stem("t")).unwrap_err();
    assert!(matches!(&err, GenerateError::OutputNotWritable { .. }), "{err}");
    assert_eq!(listing(dir.path()), ["t.coswid", "t.swidtag"]);
    assert_eq!(fs::read_to_string(dir.path().join("t.swidtag")).expect("xml"), "earlier");
    // And when both can be written, both are replaced.
    fs::remove_file(dir.path().join("t.coswid/keep")).expect("rm");
    fs::remove_dir(dir.path().join("t.coswid")).expect("rmdir");
    write_tag_files(&tag, dir.path(), &WriteOptions::default().with_file_stem("t")).expect("written");
    assert_eq!(listing(dir.path()), ["t.coswid", "t.swidtag"]);
    let xml = fs::read_to_string(dir.path().join("t.swidtag")).expect("xml");
    assert_eq!(SoftwareIdentity::from_xml_str(&xml).expect("complete").name.as_deref(), Some("example-app"));
    // A directory in place of the first file: nothing at all is written.
    let dir = tempfile::tempdir().expect("temp dir");
    fs::create_dir(dir.path().join("t.swidtag")).expect("dir");
    fs::write(dir.path().join("t.swidtag/keep"), "").expect("file");
    let err = write_tag_files(&tag, dir.path(), &WriteOptions::default().with_file_stem("t")).unwrap_err();
    assert!(matches!(err, GenerateError::OutputNotWritable { .. }), "{err}");
    assert_eq!(listing(dir.path()), ["t.swidtag"]);
}

#[cfg(unix)]
#[test]
fn names_that_are_not_utf8_and_special_files_are_errors_naming_them() {
    use std::os::unix::ffi::OsStrExt;
    let dir = tempfile::tempdir().expect("temp dir");
    let bad = dir.path().join(std::ffi::OsStr::from_bytes(b"caf\xe9"));
    fs::write(&bad, "").expect("file");
    let err = payload_from_dir(dir.path(), &TreeOptions::default()).unwrap_err();
    assert!(matches!(&err, GenerateError::NonUtf8Name { path } if path == &bad), "{err}");

    let dir = tempfile::tempdir().expect("temp dir");
    let fifo = dir.path().join("pipe");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status().is_ok_and(|s| s.success());
    if made {
        let err = payload_from_dir(dir.path(), &TreeOptions::default()).unwrap_err();
        assert!(matches!(&err, GenerateError::UnsupportedFileType { path } if path == &fifo), "{err}");
        assert_eq!(err.path(), Some(fifo.as_path()));
    }
}

#[test]
fn errors_can_cross_threads() {
    fn send_sync<T: Send + Sync + std::error::Error + 'static>() {}
    send_sync::<GenerateError>();
}

#[cfg(unix)]
#[test]
fn a_file_replaced_by_a_link_or_a_fifo_after_the_listing_is_an_error_not_followed() {
    let dir = tempfile::tempdir().expect("temp dir");
    let tree = dir.path().join("tree");
    make_tree(&tree);
    let outside = dir.path().join("outside-secret");
    fs::write(&outside, "not part of the tree").expect("file");
    // Listed as a regular file, then swapped for a link before it is hashed.
    let (root, target) = (tree.clone(), outside.clone());
    let options = TreeOptions::default().with_filter(move |p: &Path| {
        if p == Path::new("alpha") {
            let _ = fs::remove_file(root.join("README"));
            let _ = std::os::unix::fs::symlink(&target, root.join("README"));
        }
        true
    });
    let err = payload_from_dir(&tree, &options).unwrap_err();
    assert!(matches!(&err, GenerateError::FileChanged { path } if path == &tree.join("README")), "{err}");
    // The same for the files given to `hash_files`: a link is not followed, a FIFO not waited on.
    let link = dir.path().join("link");
    std::os::unix::fs::symlink(&outside, &link).expect("symlink");
    let err = hash_files(&[&link], &HashOptions::default()).unwrap_err();
    assert!(matches!(&err, GenerateError::FileChanged { path } if path == &link), "{err}");
    let fifo = dir.path().join("pipe");
    if std::process::Command::new("mkfifo").arg(&fifo).status().is_ok_and(|s| s.success()) {
        let err = hash_files(&[&fifo], &HashOptions::default()).unwrap_err();
        assert!(matches!(&err, GenerateError::FileChanged { path } if path == &fifo), "{err}");
    }
}

#[test]
fn no_edition_is_made_up() {
    let tag = primary_tag(&package(), &TagOptions::new(regid())).expect("a tag");
    assert_eq!(tag.metas[0].edition, None);
    // NISTIR 8060's conditional PRI-13-5 then asks for one, and nothing else is missing (but the
    // payload this tag has none of: PRI-6-1).
    let report = validate(&tag, &nistir_authoritative_primary());
    let problems: Vec<_> =
        report.findings.iter().filter(|f| f.severity != Severity::Info).map(|f| f.rule.as_str()).collect();
    assert_eq!(problems, ["PRI-6-1", "PRI-13-5"], "{report:?}");
}
