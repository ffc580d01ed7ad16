//! Cross-format table test: each case is a tag built in code with its exact XML, JSON and CoSWID
//! (CBOR) forms in `tests/fixtures/crossformat/<case>/`.
//!
//! For every case the test encodes the model to each format and compares the result with the
//! fixture (bytes for CBOR), and decodes each fixture and compares it with the model. The CBOR
//! fixture `tag.cbor.hex` is annotated hex: one data item head per line (a string's bytes on the
//! same line, or on the lines that follow when it is long), `#` starts a comment, and the bytes are
//! everything else but white space. Map keys that are CoSWID keys are named with their CDDL names
//! (from [`iso19770_swid::registry::key`]), registry integers with their registered names.
//!
//! Every case is exactly representable in all three formats: a `tag-version`, a text `tag-id`, no
//! XML-only content (foreign attributes or elements, `Entity/Meta`), no CoSWID-only content (UUIDs,
//! integer registry escapes, `evidence/location`, unknown map entries), at most one hash per file
//! with an algorithm that has both a Named Information id and an XML namespace.
//!
//! Regenerate the fixtures with `UPDATE_CROSSFORMAT=1 cargo test -p iso19770-swid --test
//! crossformat`, then check the diff by eye.

#![cfg(all(feature = "xml", feature = "cbor", feature = "json"))]
#![allow(clippy::expect_used, clippy::unwrap_used)]

use iso19770_swid::cbor::{CborDecodeOptions, CborMode};
use iso19770_swid::core::{DateTime, Label};
use iso19770_swid::registry::key;
use iso19770_swid::{
    Directory, Entity, Evidence, File, HashAlgorithm, HashEntry, Link, Ownership, Payload, Process, Rel, Resource,
    Role, SoftwareIdentity, SoftwareMeta, TagId, Use, VersionScheme,
};
use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// The environment variable that turns on regeneration.
const UPDATE_VAR: &str = "UPDATE_CROSSFORMAT";

/// One row of the table: the fixture folder's name and the model.
struct Case {
    name: &'static str,
    tag: SoftwareIdentity,
}

// ---------------------------------------------------------------------------------------------
// Building blocks
// ---------------------------------------------------------------------------------------------

/// A tag with a name, a text id and `tagVersion` 0 (CBOR always writes a tag version), and one
/// `tagCreator` entity.
fn tag(name: &str, id: &str) -> SoftwareIdentity {
    let mut t = SoftwareIdentity::new(name, id);
    t.tag_version = Some(0);
    t.entities.push(creator());
    t
}

/// The usual tag creator.
fn creator() -> Entity {
    Entity::new("Example Corp", [Role::TagCreator, Role::SoftwareCreator]).with_regid("https://example.com")
}

/// A digest of `len` bytes counting up from `start`.
fn digest(start: u8, len: usize) -> Vec<u8> {
    (0..len).map(|i| start.wrapping_add(u8::try_from(i % 256).unwrap())).collect()
}

/// A file with a size, a version and a SHA-256 hash.
fn hashed_file(name: &str, size: u64, version: &str, start: u8) -> File {
    let mut f = File::new(name).with_size(size).with_hash(HashEntry::new(HashAlgorithm::Sha256, digest(start, 32)));
    f.version = Some(version.into());
    f
}

/// A payload holding `files`.
fn payload_of_files(files: Vec<File>) -> Payload {
    let mut p = Payload::default();
    p.items.files = files;
    p
}

/// A `SoftwareMeta` with every attribute set.
fn full_meta() -> SoftwareMeta {
    SoftwareMeta {
        activation_status: Some("trial".into()),
        channel_type: Some("retail".into()),
        colloquial_version: Some("2026".into()),
        description: Some("An editor for example documents.".into()),
        edition: Some("Enterprise".into()),
        entitlement_data_required: Some(true),
        entitlement_key: Some("EX-1234-5678".into()),
        generator: Some(TagId::Text("example-swid-generator 1.0".into())),
        persistent_id: Some("com.example.editor".into()),
        product: Some("Example Editor".into()),
        product_family: Some("Example Office".into()),
        revision: Some("r2".into()),
        summary: Some("Edits examples.".into()),
        unspsc_code: Some("43232408".into()),
        unspsc_version: Some("26.0801".into()),
        ..SoftwareMeta::default()
    }
}

// ---------------------------------------------------------------------------------------------
// The table
// ---------------------------------------------------------------------------------------------

fn cases() -> Vec<Case> {
    let mut cases = Vec::new();
    let mut add = |name: &'static str, tag: SoftwareIdentity| cases.push(Case { name, tag });

    // 01: the least a tag needs in all three formats.
    {
        let mut t = SoftwareIdentity::new("hello", "example.com-hello-1.0");
        t.tag_version = Some(0);
        t.entities.push(Entity::new("Example Corp", [Role::TagCreator]));
        add("01-minimal", t);
    }

    // 02: a version with a registered scheme whose integer needs a two-byte head (semver, 16384).
    {
        let mut t = tag("Example Editor", "example.com-editor-2.1.0");
        t.tag_version = Some(1);
        t.version = Some("2.1.0".into());
        t.version_scheme = Some(VersionScheme::Semver);
        add("02-version-semver", t);
    }

    // 03: the XSD's default scheme written explicitly (1).
    {
        let mut t = tag("Example Editor", "example.com-editor-4.1.5.0");
        t.version = Some("4.1.5.0".into());
        t.version_scheme = Some(VersionScheme::MultipartNumeric);
        add("03-version-multipartnumeric", t);
    }

    // 04: a scheme outside the registry, kept as text ("rpm").
    {
        let mut t = tag("hello", "example.com-hello-2.0-1.x86_64");
        t.version = Some("2.0-1".into());
        t.version_scheme = Some(VersionScheme::Other(Label::Text("rpm".into())));
        add("04-version-scheme-text-escape", t);
    }

    // 05: a corpus tag (installation media).
    {
        let mut t = tag("Example Editor Installer", "example.com-editor-2.1.0-corpus");
        t.version = Some("2.1.0".into());
        t.corpus = Some(true);
        t.patch = Some(false);
        t.supplemental = Some(false);
        add("05-corpus", t);
    }

    // 06: a patch tag with the link to what it patches.
    {
        let mut t = tag("Example Editor Hotfix 1", "example.com-editor-2.1.0-hf1");
        t.version = Some("2.1.1".into());
        t.patch = Some(true);
        t.links.push(Link::new("swid:example.com-editor-2.1.0", Rel::Patches));
        add("06-patch", t);
    }

    // 07: a supplemental tag with the link to the tag it adds to.
    {
        let mut t = tag("Example Editor", "example.com-editor-2.1.0-supplemental");
        t.tag_version = Some(2);
        t.supplemental = Some(true);
        t.links.push(Link::new("swid:example.com-editor-2.1.0", Rel::Supplemental));
        add("07-supplemental", t);
    }

    // 08: a media query on the tag.
    {
        let mut t = tag("Example Editor for small screens", "example.com-editor-mobile-2.1.0");
        t.media = Some("(max-width: 640px) and (orientation: portrait)".into());
        add("08-media", t);
    }

    // 09: xml:lang on the tag and on every kind of nested element.
    {
        let mut t = tag("Beispiel-Editor", "example.com-editor-de-2.1.0");
        t.lang = Some("de-DE".into());
        t.entities[0].lang = Some("en-US".into());
        let mut link = Link::new("https://example.com/de/editor", Rel::SeeAlso);
        link.lang = Some("de".into());
        t.links.push(link);
        let mut meta = SoftwareMeta { product: Some("Beispiel-Editor".into()), ..SoftwareMeta::default() };
        meta.lang = Some("de-AT".into());
        t.metas.push(meta);
        let mut dir = Directory::new("hilfe");
        dir.lang = Some("de-CH".into());
        let mut file = File::new("handbuch.pdf");
        file.lang = Some("de".into());
        dir.files.push(file);
        let mut process = Process::new("editor");
        process.lang = Some("fr".into());
        let mut resource = Resource::new("registrykey");
        resource.lang = Some("it".into());
        let mut p = Payload { lang: Some("de".into()), ..Payload::default() };
        p.items.directories.push(dir);
        p.items.processes.push(process);
        p.items.resources.push(resource);
        t.payloads.push(p);
        add("09-lang-nested", t);
    }

    // 10: an entity with a domain-name regid and two roles.
    {
        let mut t = SoftwareIdentity::new("ACME Roadrunner", "com.acme.rrd2013-ce-sp1-v4-1-5-0");
        t.tag_version = Some(0);
        t.version = Some("4.1.5".into());
        t.entities.push(Entity::new("ACME Corp", [Role::TagCreator, Role::SoftwareCreator]).with_regid("acme.com"));
        add("10-entity-regid-two-roles", t);
    }

    // 11: two entities, together holding every registered role.
    {
        let mut t = SoftwareIdentity::new("Example Suite", "example.com-suite-3.0");
        t.tag_version = Some(0);
        t.version = Some("3.0".into());
        t.entities.push(Entity::new("Example Corp", [Role::TagCreator, Role::SoftwareCreator, Role::Licensor]));
        t.entities.push(
            Entity::new("Example Distribution", [Role::Aggregator, Role::Distributor, Role::Maintainer])
                .with_regid("https://distro.example.org"),
        );
        add("11-two-entities", t);
    }

    // 12: an entity with a thumbprint (XML names no algorithm: NI 0, unknown).
    {
        let mut t = tag("Example Signed Tool", "example.com-signed-tool-1.0");
        t.entities[0].thumbprint = Some(HashEntry::new(HashAlgorithm::Unknown, digest(0xa0, 32)));
        add("12-entity-thumbprint", t);
    }

    // 13: a role outside the registry, kept as text.
    {
        let mut t = tag("Example Tool", "example.com-tool-1.0");
        t.entities.push(Entity::new("Example Publishing", [Role::Other(Label::Text("publisher".into()))]));
        add("13-role-text-escape", t);
    }

    // 14: a link with every attribute.
    {
        let mut t = tag("Example Editor", "example.com-editor-2.1.0-linked");
        let mut link = Link::new("https://example.com/downloads/editor-2.1.0.iso", Rel::InstallationMedia);
        link.artifact = Some("editor-2.1.0.iso".into());
        link.media = Some("(min-width: 1024px)".into());
        link.ownership = Some(Ownership::Private);
        link.media_type = Some("application/x-iso9660-image".into());
        link.r#use = Some(Use::Required);
        t.links.push(link);
        add("14-link-all-attributes", t);
    }

    // 15: a link relation outside the registry ("license", an IANA relation).
    {
        let mut t = tag("Example Editor", "example.com-editor-2.1.0-license");
        t.links.push(Link::new("https://spdx.org/licenses/Apache-2.0.html", Rel::Other(Label::Text("license".into()))));
        add("15-link-rel-text-escape", t);
    }

    // 16: several links, with every ownership and use value.
    {
        let mut t = tag("Example Editor", "example.com-editor-2.1.0-deps");
        let mut runtime = Link::new("swid:example.com-runtime-5.0", Rel::Requires);
        runtime.ownership = Some(Ownership::Shared);
        runtime.r#use = Some(Use::Required);
        let mut spelling = Link::new("swid:example.com-spellcheck-1.2", Rel::Component);
        spelling.ownership = Some(Ownership::Private);
        spelling.r#use = Some(Use::Recommended);
        let mut themes = Link::new("swid:example.com-themes-0.9", Rel::Feature);
        themes.ownership = Some(Ownership::Abandon);
        themes.r#use = Some(Use::Optional);
        let older = Link::new("swid:example.com-editor-2.0.0", Rel::Supersedes);
        t.links.extend([runtime, spelling, themes, older]);
        add("16-several-links", t);
    }

    // 17: a SoftwareMeta with all fifteen attributes.
    {
        let mut t = tag("Example Editor", "example.com-editor-2.1.0-meta");
        t.version = Some("2.1.0".into());
        t.metas.push(full_meta());
        add("17-software-meta-all-attributes", t);
    }

    // 18: two SoftwareMeta elements.
    {
        let mut t = tag("Example Editor", "example.com-editor-2.1.0-two-metas");
        t.metas.push(SoftwareMeta {
            product: Some("Example Editor".into()),
            colloquial_version: Some("2026".into()),
            revision: Some("1".into()),
            edition: Some("Standard".into()),
            ..SoftwareMeta::default()
        });
        t.metas.push(SoftwareMeta {
            summary: Some("Built by the nightly pipeline.".into()),
            generator: Some(TagId::Text("pipeline-7".into())),
            ..SoftwareMeta::default()
        });
        add("18-two-metas", t);
    }

    // 19: a payload with one file: size, version and SHA-256 hash.
    {
        let mut t = tag("hello", "example.com-hello-1.0-payload");
        t.version = Some("1.0".into());
        t.payloads.push(payload_of_files(vec![hashed_file("hello", 3, "1.0.0.0", 0x10)]));
        add("19-payload-file-hash", t);
    }

    // 20: a directory tree: a directory with a nested directory and files at both levels.
    {
        let mut t = tag("Example Editor", "example.com-editor-2.1.0-tree");
        let mut share = Directory::new("share");
        share.files.push(File::new("README").with_size(1200));
        share.files.push(File::new("COPYING").with_size(11_357));
        let mut icons = Directory::new("icons");
        icons.files.push(File::new("editor.png").with_size(4096));
        share.directories.push(icons);
        let mut bin = Directory::new("bin");
        bin.files.push(File::new("editor").with_size(88_064));
        let mut root = Directory::new("example-editor").with_root("/opt");
        root.directories.push(bin);
        root.directories.push(share);
        let mut p = Payload::default();
        p.items.directories.push(root);
        t.payloads.push(p);
        add("20-payload-directory-tree", t);
    }

    // 21: a payload with a process and resources.
    {
        let mut t = tag("Example Daemon", "example.com-daemon-1.4");
        let mut p = Payload::default();
        let mut process = Process::new("exampled");
        process.pid = Some(4242);
        p.items.processes.push(process);
        p.items.processes.push(Process::new("exampled-helper"));
        p.items.resources.push(Resource::new("port"));
        p.items.resources.push(Resource::new("registrykey"));
        t.payloads.push(p);
        add("21-payload-process-resource", t);
    }

    // 22: several files with every kind of item in one payload.
    {
        let mut t = tag("Example Tools", "example.com-tools-7.0");
        let mut p = payload_of_files(vec![
            hashed_file("tool-a", 1024, "7.0.0", 0x20),
            hashed_file("tool-b", 2048, "7.0.1", 0x40),
            File::new("tool-c.conf"),
        ]);
        p.items.directories.push(Directory::new("lib"));
        p.items.processes.push(Process::new("tool-a"));
        p.items.resources.push(Resource::new("service"));
        t.payloads.push(p);
        add("22-payload-several-files", t);
    }

    // 23: evidence with a date, a device id and a file.
    {
        let mut t = tag("hello", "example.com-hello-1.0-evidence");
        t.version = Some("1.0".into());
        t.entities[0] = Entity::new("Example Scanner", [Role::TagCreator]).with_regid("https://scanner.example");
        let mut e = Evidence {
            date: Some(DateTime::from_unix_seconds(1_795_338_000)),
            device_id: Some("host-17.example.net".into()),
            ..Evidence::default()
        };
        e.items.files.push(hashed_file("hello", 3, "1.0.0.0", 0x60));
        t.evidences.push(e);
        add("23-evidence", t);
    }

    // 24: a file and a directory with key, location and root.
    {
        let mut t = tag("Example Editor", "example.com-editor-2.1.0-locations");
        let mut f = File::new("editor.exe").with_size(2_097_152);
        f.key = Some(true);
        f.location = Some("Example\\Editor\\bin".into());
        f.root = Some("%ProgramFiles%".into());
        let mut cfg = File::new("editor.ini");
        cfg.key = Some(false);
        cfg.location = Some("Example\\Editor".into());
        cfg.root = Some("%AppData%".into());
        let mut d = Directory::new("plugins");
        d.key = Some(false);
        d.location = Some("Example\\Editor\\plugins".into());
        d.root = Some("%ProgramFiles%".into());
        let mut p = payload_of_files(vec![f, cfg]);
        p.items.directories.push(d);
        t.payloads.push(p);
        add("24-file-key-location-root", t);
    }

    // 25: entitlementDataRequired false.
    {
        let mut t = tag("Example Viewer", "example.com-viewer-1.0");
        t.metas.push(SoftwareMeta {
            entitlement_data_required: Some(false),
            activation_status: Some("licensed".into()),
            ..SoftwareMeta::default()
        });
        add("25-entitlement-not-required", t);
    }

    // 26: the other hash algorithms both XML and CoSWID name (SHA-384, SHA-512, SHA3-256).
    {
        let mut t = tag("Example Tools", "example.com-tools-7.0-hashes");
        t.payloads.push(payload_of_files(vec![
            File::new("a.bin").with_hash(HashEntry::new(HashAlgorithm::Sha384, digest(0x01, 48))),
            File::new("b.bin").with_hash(HashEntry::new(HashAlgorithm::Sha512, digest(0x81, 64))),
            File::new("c.bin").with_hash(HashEntry::new(HashAlgorithm::Sha3_256, digest(0xc1, 32))),
        ]));
        add("26-hash-algorithms", t);
    }

    // 27: integers that need 2-, 4- and 8-byte heads.
    {
        let mut t = tag("Example Big", "example.com-big-1.0");
        t.tag_version = Some(65_536);
        let mut p = payload_of_files(vec![
            File::new("small.img").with_size(300),
            File::new("large.img").with_size(5_000_000_000),
        ]);
        let mut process = Process::new("big");
        process.pid = Some(4_194_304);
        p.items.processes.push(process);
        t.payloads.push(p);
        add("27-large-integers", t);
    }

    // 28: text that needs escaping or non-ASCII characters, and a text longer than 255 bytes.
    {
        let mut t = tag("Café <Ünïcødé> & \"Quotes\" 'too' — 日本語", "example.com-text-1.0");
        t.entities[0].name = Some("Example & Sons, \"Ltd\" <EU>".into());
        t.metas.push(SoftwareMeta {
            description: Some(format!("Line one\nLine two\tTabbed\r\nLine three. {}", "0123456789".repeat(25)).into()),
            summary: Some("Ends with spaces  ".into()),
            ..SoftwareMeta::default()
        });
        add("28-text-escapes", t);
    }

    // 29: an empty payload.
    {
        let mut t = tag("Example Meta-Package", "example.com-metapackage-1.0");
        t.payloads.push(Payload::default());
        add("29-empty-payload", t);
    }

    // 30: a tag id and a generator that look like UUIDs but are text.
    {
        let mut t = tag("Example Editor", "2df9de35-0aff-4a86-ace6-f7dddd1ade4c");
        t.metas.push(SoftwareMeta {
            generator: Some(TagId::Text("6ba7b810-9dad-11d1-80b4-00c04fd430c8".into())),
            ..SoftwareMeta::default()
        });
        add("30-uuid-like-text-ids", t);
    }

    cases
}

// ---------------------------------------------------------------------------------------------
// The CBOR annotator
// ---------------------------------------------------------------------------------------------

/// The column where comments start (lines with longer hex push theirs further).
const COMMENT_COLUMN: usize = 40;
/// A string of at most this many bytes is written on the line of its head; a longer one on
/// continuation lines of [`CONTINUATION_BYTES`] bytes.
const INLINE_CONTENT_BYTES: usize = 24;
const CONTINUATION_BYTES: usize = 32;
/// How many characters of a text a comment quotes.
const COMMENT_TEXT_CHARS: usize = 48;

/// What the value under a key means, to name registry integers in the comments.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Hint {
    None,
    Role,
    Rel,
    Ownership,
    Use,
    VersionScheme,
    /// A `hash-entry` array: its first item is an algorithm id.
    HashEntry,
    HashAlgorithm,
    /// The integer in `#6.1`.
    EpochTime,
}

/// One line of the annotation (a continuation line of a long string has no comment).
struct Line {
    depth: usize,
    hex: String,
    comment: Option<String>,
}

/// Annotates CBOR as hex, one data item head per line, with comments (see the module doc).
fn annotate(bytes: &[u8]) -> String {
    let mut lines = Vec::new();
    let mut pos = 0;
    while pos < bytes.len() {
        annotate_item(bytes, &mut pos, 0, Hint::None, &mut lines);
    }
    let mut out = String::new();
    for line in lines {
        let code = format!("{}{}", "  ".repeat(line.depth), line.hex);
        match line.comment {
            Some(comment) => {
                let width = COMMENT_COLUMN.max(code.len() + 1);
                writeln!(out, "{code:<width$}# {comment}").unwrap();
            }
            None => writeln!(out, "{code}").unwrap(),
        }
    }
    out
}

/// Reads a data item head: the major type, its argument and the bytes of the head.
fn read_head(bytes: &[u8], pos: &mut usize) -> (u8, u64, String) {
    let start = *pos;
    let initial = bytes[*pos];
    *pos += 1;
    let (major, info) = (initial >> 5, initial & 0x1f);
    let arg = match info {
        0..=23 => u64::from(info),
        24..=27 => {
            let n = 1usize << (info - 24);
            let arg = bytes[*pos..*pos + n].iter().fold(0u64, |acc, &b| (acc << 8) | u64::from(b));
            *pos += n;
            arg
        }
        _ => panic!("annotate: additional information {info} at byte {start} (not deterministic CBOR)"),
    };
    (major, arg, hex(&bytes[start..*pos]))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().fold(String::new(), |mut s, b| {
        write!(s, "{b:02x}").unwrap();
        s
    })
}

/// The registered name of an integer registry value, if the hint names a registry.
fn registry_name(hint: Hint, value: i64) -> Option<String> {
    let name = match hint {
        Hint::Role => Role::from_code(value).registered_name(),
        Hint::Rel => Rel::from_code(value).registered_name(),
        Hint::Ownership => Ownership::from_code(value).registered_name(),
        Hint::Use => Use::from_code(value).registered_name(),
        Hint::VersionScheme => VersionScheme::from_code(value).registered_name(),
        Hint::HashAlgorithm => HashAlgorithm::from_named_information_id(value).name(),
        Hint::EpochTime => return Some(DateTime::from_unix_seconds(value).to_string()),
        Hint::None | Hint::HashEntry => None,
    };
    name.map(str::to_owned)
}

/// The hint for the value under a CoSWID key.
fn hint_for_key(k: u64) -> Hint {
    match k {
        key::ROLE => Hint::Role,
        key::REL => Hint::Rel,
        key::OWNERSHIP => Hint::Ownership,
        key::USE => Hint::Use,
        key::VERSION_SCHEME => Hint::VersionScheme,
        key::HASH | key::THUMBPRINT => Hint::HashEntry,
        _ => Hint::None,
    }
}

fn annotate_item(bytes: &[u8], pos: &mut usize, depth: usize, hint: Hint, out: &mut Vec<Line>) {
    let (major, arg, head) = read_head(bytes, pos);
    let mut line = |hex: String, comment: String| out.push(Line { depth, hex, comment: Some(comment) });
    let len = || usize::try_from(arg).unwrap();
    let with_name = |comment: String, value: i64| match registry_name(hint, value) {
        Some(name) => format!("{comment} {name}"),
        None => comment,
    };
    match major {
        0 => line(head, with_name(format!("unsigned({arg})"), i64::try_from(arg).unwrap_or(i64::MAX))),
        1 => {
            let value = -1 - i128::from(arg);
            line(head, with_name(format!("negative({value})"), i64::try_from(value).unwrap_or(i64::MIN)));
        }
        2 | 3 => {
            let content = &bytes[*pos..*pos + len()];
            *pos += len();
            let comment = if major == 2 {
                format!("bytes({arg})")
            } else {
                let text = std::str::from_utf8(content).expect("annotate: text is UTF-8");
                let shown: String = text.chars().take(COMMENT_TEXT_CHARS).collect();
                let more = if shown.len() < text.len() { "…" } else { "" };
                format!("text({arg}) {shown:?}{more}")
            };
            if content.len() <= INLINE_CONTENT_BYTES {
                line(format!("{head} {}", hex(content)), comment);
            } else {
                line(head, comment);
                for chunk in content.chunks(CONTINUATION_BYTES) {
                    out.push(Line { depth: depth + 1, hex: hex(chunk), comment: None });
                }
            }
        }
        4 => {
            line(head, format!("array({arg})"));
            for i in 0..len() {
                let item_hint = match hint {
                    Hint::HashEntry if i == 0 => Hint::HashAlgorithm,
                    Hint::HashEntry => Hint::None,
                    other => other,
                };
                annotate_item(bytes, pos, depth + 1, item_hint, out);
            }
        }
        5 => {
            line(head, format!("map({arg})"));
            for _ in 0..len() {
                // A CoSWID key: an unsigned integer in 0..=57 directly inside the map.
                let (key_major, key_arg, key_head) = read_head(bytes, &mut pos.clone());
                let name = (key_major == 0).then(|| key::name(key_arg)).flatten();
                if let Some(name) = name {
                    read_head(bytes, pos);
                    out.push(Line { depth: depth + 1, hex: key_head, comment: Some(name.to_owned()) });
                    annotate_item(bytes, pos, depth + 2, hint_for_key(key_arg), out);
                } else {
                    annotate_item(bytes, pos, depth + 1, Hint::None, out);
                    annotate_item(bytes, pos, depth + 2, Hint::None, out);
                }
            }
        }
        6 => {
            let (what, inner) = match arg {
                1 => (" epoch time", Hint::EpochTime),
                32 => (" uri", Hint::None),
                1_398_229_316 => (" coswid", Hint::None),
                _ => ("", Hint::None),
            };
            line(head, format!("tag({arg}){what}"));
            annotate_item(bytes, pos, depth + 1, inner, out);
        }
        _ => {
            let comment = match (arg, head.len()) {
                (20, 2) => "false".to_owned(),
                (21, 2) => "true".to_owned(),
                (22, 2) => "null".to_owned(),
                (23, 2) => "undefined".to_owned(),
                (_, 4 | 6 | 10) => format!("float({} bytes)", head.len() / 2 - 1),
                _ => format!("simple({arg})"),
            };
            line(head, comment);
        }
    }
}

/// The bytes of an annotated hex fixture: everything after `#` on a line and all white space
/// are ignored.
fn parse_annotated_hex(text: &str) -> Vec<u8> {
    let digits: String = text
        .lines()
        .map(|line| line.split_once('#').map_or(line, |(code, _)| code))
        .flat_map(str::chars)
        .filter(|c| !c.is_whitespace())
        .collect();
    assert!(digits.len().is_multiple_of(2), "an odd number of hex digits");
    (0..digits.len())
        .step_by(2)
        .map(|i| {
            u8::from_str_radix(&digits[i..i + 2], 16).unwrap_or_else(|_| panic!("not hex: {:?}", &digits[i..i + 2]))
        })
        .collect()
}

// ---------------------------------------------------------------------------------------------
// The test
// ---------------------------------------------------------------------------------------------

fn fixture_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/crossformat")
}

/// Where two texts first differ, for a short failure message.
fn first_difference(expected: &str, actual: &str) -> String {
    let (mut e, mut a) = (expected.lines(), actual.lines());
    for n in 1.. {
        match (e.next(), a.next()) {
            (Some(x), Some(y)) if x == y => {}
            (None, None) => return "the texts differ only in line endings".to_owned(),
            (x, y) => return format!("line {n}:\n    expected {x:?}\n    actual   {y:?}"),
        }
    }
    unreachable!()
}

/// Where two models first differ, in their `Debug` form without layout.
fn model_difference(expected: &SoftwareIdentity, actual: &SoftwareIdentity) -> String {
    let debug = |t: &SoftwareIdentity| {
        let mut t = t.clone();
        t.clear_layout();
        format!("{t:#?}")
    };
    first_difference(&debug(expected), &debug(actual))
}

fn read_fixture(dir: &Path, file: &str) -> String {
    let path = dir.join(file);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Checks one case; returns what failed.
fn check_case(case: &Case, update: bool) -> Vec<String> {
    let mut failures = Vec::new();
    let mut fail = |what: String| failures.push(format!("{}: {what}", case.name));
    let dir = fixture_root().join(case.name);

    let xml = case.tag.to_xml_string().expect("encodes as XML");
    let json = case.tag.to_json_string_pretty().expect("encodes as JSON") + "\n";
    let cbor = case.tag.to_cbor_vec().expect("encodes as CBOR");
    // Kept for `.ci/run`'s oracles (XSD, CDDL, JSON Schema).
    if let Some(base) = std::env::var_os("SWID_XML_OUT").map(PathBuf::from) {
        for (dir, file, bytes) in [
            ("xsd", format!("crossformat-{}.xml", case.name), xml.as_bytes()),
            ("crossformat-cbor", format!("{}.cbor", case.name), cbor.as_slice()),
            ("json-out", format!("crossformat-{}.json", case.name), json.as_bytes()),
        ] {
            std::fs::create_dir_all(base.join(dir)).expect("output folder");
            std::fs::write(base.join(dir).join(file), bytes).expect("written");
        }
    }
    let annotated = annotate(&cbor);
    assert_eq!(parse_annotated_hex(&annotated), cbor, "{}: the annotation does not parse back", case.name);

    if update {
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("tag.xml"), &xml).unwrap();
        std::fs::write(dir.join("tag.json"), &json).unwrap();
        std::fs::write(dir.join("tag.cbor.hex"), &annotated).unwrap();
    }
    let xml_fixture = read_fixture(&dir, "tag.xml");
    let json_fixture = read_fixture(&dir, "tag.json");
    let hex_fixture = read_fixture(&dir, "tag.cbor.hex");
    let cbor_fixture = parse_annotated_hex(&hex_fixture);

    // Encoding gives exactly the fixtures.
    if xml != xml_fixture {
        fail(format!("XML encoding differs from tag.xml at {}", first_difference(&xml_fixture, &xml)));
    }
    if json != json_fixture {
        fail(format!("JSON encoding differs from tag.json at {}", first_difference(&json_fixture, &json)));
    }
    if cbor != cbor_fixture {
        fail(format!(
            "CBOR encoding differs from tag.cbor.hex at {}",
            first_difference(&annotate(&cbor_fixture), &annotated)
        ));
    } else if hex_fixture != annotated {
        fail(format!("tag.cbor.hex has stale comments at {}", first_difference(&hex_fixture, &annotated)));
    }

    // Decoding each fixture gives the model.
    match SoftwareIdentity::from_xml_str(&xml_fixture) {
        Ok(t) if t == case.tag => {
            // Decoded, the tag is written back as it was read.
            if t.to_xml_string().ok().as_deref() != Some(xml_fixture.as_str()) {
                fail("tag.xml decoded and encoded again differs".to_owned());
            }
        }
        Ok(t) => fail(format!("tag.xml decodes to another tag at {}", model_difference(&case.tag, &t))),
        Err(e) => fail(format!("tag.xml does not decode: {e}")),
    }
    match SoftwareIdentity::from_xml_reader(xml_fixture.as_bytes()) {
        Ok(t) if t == case.tag => {}
        Ok(_) => fail("tag.xml read from a stream decodes to another tag".to_owned()),
        Err(e) => fail(format!("tag.xml read from a stream does not decode: {e}")),
    }
    match SoftwareIdentity::from_json_str(&json_fixture) {
        Ok(t) if t == case.tag => {}
        Ok(t) => fail(format!("tag.json decodes to another tag at {}", model_difference(&case.tag, &t))),
        Err(e) => fail(format!("tag.json does not decode: {e}")),
    }
    match SoftwareIdentity::from_cbor_slice(&cbor_fixture) {
        Ok(t) if t == case.tag => {}
        Ok(t) => fail(format!("tag.cbor.hex decodes to another tag at {}", model_difference(&case.tag, &t))),
        Err(e) => fail(format!("tag.cbor.hex does not decode: {e}")),
    }
    // The CBOR is deterministic and follows the CDDL: the strict decoder accepts it as it is.
    let strict = CborDecodeOptions::default().mode(CborMode::Strict);
    match SoftwareIdentity::from_cbor_slice_with(&cbor_fixture, &strict) {
        Ok(d) if d.tag == case.tag && !d.tagged && d.findings.is_clean() => {}
        Ok(d) => fail(format!(
            "tag.cbor.hex in strict mode: same tag {}, tagged {}, findings {:?}",
            d.tag == case.tag,
            d.tagged,
            d.findings
        )),
        Err(e) => fail(format!("tag.cbor.hex in strict mode does not decode: {e}")),
    }
    failures
}

#[test]
fn every_case_is_the_same_tag_in_xml_json_and_cbor() {
    let update = std::env::var(UPDATE_VAR).is_ok_and(|v| v == "1");
    let cases = cases();
    assert!(cases.len() >= 20, "the table has {} cases, fewer than 20", cases.len());

    let names: BTreeSet<&str> = cases.iter().map(|c| c.name).collect();
    assert_eq!(names.len(), cases.len(), "case names repeat");

    let mut failures: Vec<String> = cases.iter().flat_map(|c| check_case(c, update)).collect();

    // Every fixture folder belongs to a case.
    let folders: BTreeSet<String> = std::fs::read_dir(fixture_root())
        .expect("fixture folder")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.is_dir())
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    for stale in folders.iter().filter(|f| !names.contains(f.as_str())) {
        failures.push(format!("{stale}: a fixture folder without a case (delete it)"));
    }

    assert!(
        failures.is_empty(),
        "{} failure(s) (regenerate with {UPDATE_VAR}=1 if the change is intended):\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn the_annotator_wraps_long_strings() {
    let mut bytes = vec![0x58, 40];
    bytes.extend(0..40u8);
    let text = annotate(&bytes);
    assert_eq!(parse_annotated_hex(&text), bytes);
    assert_eq!(text.lines().count(), 3, "{text}");
    assert!(text.lines().next().unwrap().starts_with("5828 "), "{text}");
    assert!(text.lines().next().unwrap().ends_with("# bytes(40)"), "{text}");
}

#[test]
fn the_annotated_hex_parser_ignores_comments_and_white_space() {
    let text = "a2          # map(2)\n  00        # tag-id\n    61 78   # text(1) \"x\" # ab\n\n  0c # 0c\n 00\n";
    assert_eq!(parse_annotated_hex(text), [0xa2, 0x00, 0x61, 0x78, 0x0c, 0x00]);
}

#[test]
fn the_annotator_names_coswid_keys_and_registry_values() {
    // {33: [1, 2], 40: "license", 35: 1(0), 7: [1, h'00']}
    let bytes = [
        0xa4, 0x07, 0x82, 0x01, 0x41, 0x00, 0x18, 0x21, 0x82, 0x01, 0x02, 0x18, 0x23, 0xc1, 0x00, 0x18, 0x28, 0x67,
        b'l', b'i', b'c', b'e', b'n', b's', b'e',
    ];
    let text = annotate(&bytes);
    assert_eq!(parse_annotated_hex(&text), bytes);
    for expected in [
        "# map(4)",
        "07",
        "# hash",
        "# unsigned(1) sha-256",
        "# bytes(1)",
        "1821",
        "# role",
        "# unsigned(1) tagCreator",
        "# unsigned(2) softwareCreator",
        "# date",
        "# tag(1) epoch time",
        "# unsigned(0) 1970-01-01T00:00:00Z",
        "# rel",
        "67 6c6963656e7365",
        "# text(7) \"license\"",
    ] {
        assert!(text.contains(expected), "{expected:?} missing in\n{text}");
    }
}
