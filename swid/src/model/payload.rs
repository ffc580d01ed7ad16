use super::{Digest, Text};
use crate::registry::HashAlgorithm;
use iso19770_core::{DateTime, Extensions, XmlLayout};

/// The items of a `Payload` or an `Evidence` (XSD type `ResourceCollection`, a `choice` of
/// `Directory`, `File`, `Process` and `Resource`; CoSWID `resource-collection`).
///
/// Each kind is kept in document order; the order across kinds is kept in the parent's layout.
///
/// ```
/// use iso19770_swid::{File, ResourceCollection};
///
/// let mut items = ResourceCollection::default();
/// items.files.push(File::new("app.exe"));
/// assert!(!items.is_empty());
/// ```
#[cfg_attr(feature = "json", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "json", serde(rename_all = "kebab-case"))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct ResourceCollection {
    /// `Directory` children (CoSWID key 16 `directory`).
    #[cfg_attr(
        feature = "json",
        serde(rename = "directory", default, skip_serializing_if = "Vec::is_empty", with = "crate::json::one_or_more")
    )]
    #[cfg_attr(feature = "schema", schemars(with = "Option<crate::json::OneOrMore<crate::Directory>>"))]
    pub directories: Vec<Directory>,
    /// `File` children (CoSWID key 17 `file`).
    #[cfg_attr(
        feature = "json",
        serde(rename = "file", default, skip_serializing_if = "Vec::is_empty", with = "crate::json::one_or_more")
    )]
    #[cfg_attr(feature = "schema", schemars(with = "Option<crate::json::OneOrMore<crate::File>>"))]
    pub files: Vec<File>,
    /// `Process` children (CoSWID key 18 `process`).
    #[cfg_attr(
        feature = "json",
        serde(rename = "process", default, skip_serializing_if = "Vec::is_empty", with = "crate::json::one_or_more")
    )]
    #[cfg_attr(feature = "schema", schemars(with = "Option<crate::json::OneOrMore<crate::Process>>"))]
    pub processes: Vec<Process>,
    /// `Resource` children (CoSWID key 19 `resource`).
    #[cfg_attr(
        feature = "json",
        serde(rename = "resource", default, skip_serializing_if = "Vec::is_empty", with = "crate::json::one_or_more")
    )]
    #[cfg_attr(feature = "schema", schemars(with = "Option<crate::json::OneOrMore<crate::Resource>>"))]
    pub resources: Vec<Resource>,
}

impl ResourceCollection {
    /// Forgets the layout of every item (see [`SoftwareIdentity::clear_layout`](crate::SoftwareIdentity::clear_layout)).
    pub fn clear_layout(&mut self) {
        for d in &mut self.directories {
            d.clear_layout();
        }
        for f in &mut self.files {
            f.layout.clear();
        }
        for p in &mut self.processes {
            p.layout.clear();
        }
        for r in &mut self.resources {
            r.layout.clear();
        }
    }

    /// True when there is no item.
    pub fn is_empty(&self) -> bool {
        self.directories.is_empty() && self.files.is_empty() && self.processes.is_empty() && self.resources.is_empty()
    }
}

/// What may be installed with the software (`Payload` element, XSD type `ResourceCollection`;
/// CoSWID key 6 `payload`).
///
/// The XSD allows at most one `Payload` per tag, and RFC 9393 forbids a tag with both a payload and
/// evidence; the NISTIR 8060 path attributes (`n8060:pathSeparator`, `n8060:envVarPrefix`,
/// `n8060:envVarSuffix`) are in [`Payload::extensions`].
///
/// ```
/// use iso19770_swid::{Directory, File, Payload};
///
/// let mut p = Payload::default();
/// let mut bin = Directory::new("bin");
/// bin.files.push(File::new("tool").with_size(1024));
/// p.items.directories.push(bin);
/// assert_eq!(p.items.directories[0].files[0].size, Some(1024));
/// ```
#[cfg_attr(feature = "json", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "json", serde(rename_all = "kebab-case", from = "crate::json::PayloadJson"))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Payload {
    /// `@xml:lang`.
    #[cfg_attr(feature = "json", serde(default, skip_serializing_if = "Option::is_none"))]
    pub lang: Option<Text>,
    /// The directories, files, processes and resources.
    #[cfg_attr(feature = "json", serde(flatten))]
    pub items: ResourceCollection,
    /// Attributes and elements the model has no field for.
    #[cfg_attr(feature = "json", serde(flatten, with = "crate::json::entries"))]
    #[cfg_attr(feature = "schema", schemars(with = "crate::json::Entries"))]
    pub extensions: Extensions,
    /// How the element was written.
    #[cfg_attr(feature = "json", serde(skip))]
    pub layout: XmlLayout,
}

/// What an inventory scan found on a device (`Evidence` element, XSD type `Evidence`; CoSWID key 3
/// `evidence`).
///
/// Attributes: `date` (`xs:dateTime`, when the evidence was gathered; CoSWID 35, an integer time)
/// and `deviceId` (CoSWID 36). CoSWID adds `location` (key 23), which the 2015 XSD does not have
/// and XML does not carry.
///
/// ```
/// use iso19770_swid::{Evidence, File};
///
/// let mut e = Evidence::default();
/// e.date = Some("2026-11-22T09:00:00Z".into());
/// e.device_id = Some("host-17".into());
/// e.items.files.push(File::new("hello"));
/// assert_eq!(e.items.files.len(), 1);
/// ```
#[cfg_attr(feature = "json", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "json", serde(rename_all = "kebab-case", from = "crate::json::EvidenceJson"))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Evidence {
    /// `@date`: when the evidence was gathered, as written (`xs:dateTime`).
    #[cfg_attr(feature = "json", serde(default, skip_serializing_if = "Option::is_none"))]
    pub date: Option<DateTime>,
    /// `@deviceId`: the device the evidence was gathered from.
    #[cfg_attr(feature = "json", serde(default, skip_serializing_if = "Option::is_none"))]
    pub device_id: Option<Text>,
    /// Where the evidence was found (CoSWID key 23 in `evidence-entry`; no XML attribute).
    #[cfg_attr(feature = "json", serde(default, skip_serializing_if = "Option::is_none"))]
    pub location: Option<Text>,
    /// `@xml:lang`.
    #[cfg_attr(feature = "json", serde(default, skip_serializing_if = "Option::is_none"))]
    pub lang: Option<Text>,
    /// The directories, files, processes and resources found.
    #[cfg_attr(feature = "json", serde(flatten))]
    pub items: ResourceCollection,
    /// Attributes and elements the model has no field for.
    #[cfg_attr(feature = "json", serde(flatten, with = "crate::json::entries"))]
    #[cfg_attr(feature = "schema", schemars(with = "crate::json::Entries"))]
    pub extensions: Extensions,
    /// How the element was written.
    #[cfg_attr(feature = "json", serde(skip))]
    pub layout: XmlLayout,
}

/// A directory (`Directory` element, XSD type `Directory`; CoSWID key 16 `directory`,
/// `directory-entry`).
///
/// Attributes of the XSD's `FilesystemItem`: `name` (required; CoSWID 24 `fs-name`), `key`
/// (CoSWID 22), `location` (CoSWID 23), `root` (CoSWID 25); any other attribute, qualified or not,
/// is kept in [`Directory::extensions`]. Children are directories and files (CoSWID 26
/// `path-elements`).
///
/// ```
/// use iso19770_swid::{Directory, File};
///
/// let mut d = Directory::new("share").with_root("/usr");
/// d.files.push(File::new("README"));
/// assert_eq!(d.root.as_deref(), Some("/usr"));
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Directory {
    /// `@name`: the directory name without path characters (required by the XSD).
    pub name: Option<Text>,
    /// `@key`: whether the directory is important for the software to run.
    pub key: Option<bool>,
    /// `@location`: where the directory is, relative to `root`.
    pub location: Option<Text>,
    /// `@root`: a system-specific root folder that `location` is an offset from.
    pub root: Option<Text>,
    /// `@xml:lang`.
    pub lang: Option<Text>,
    /// `Directory` children.
    pub directories: Vec<Directory>,
    /// `File` children.
    pub files: Vec<File>,
    /// Attributes and elements the model has no field for.
    pub extensions: Extensions,
    /// How the element was written.
    pub layout: XmlLayout,
}

impl Directory {
    /// A directory named `name`.
    pub fn new(name: impl Into<Text>) -> Self {
        Directory { name: Some(name.into()), ..Directory::default() }
    }

    /// Forgets the layout of the directory and everything in it.
    pub fn clear_layout(&mut self) {
        self.layout.clear();
        for d in &mut self.directories {
            d.clear_layout();
        }
        for f in &mut self.files {
            f.layout.clear();
        }
    }

    /// The same directory with a root.
    #[must_use]
    pub fn with_root(mut self, root: impl Into<Text>) -> Self {
        self.root = Some(root.into());
        self
    }
}

/// A hash: the algorithm and the digest bytes (CDDL `hash-entry`), for a file or an entity's
/// certificate thumbprint.
///
/// In XML, a file hash is an attribute `hash` in the algorithm's namespace with the digest in hex
/// (`sha256:hash="e3b0…"`); in CoSWID, key 7 `hash` with `[alg-id, bytes]`.
///
/// ```
/// use iso19770_swid::{HashEntry, HashAlgorithm};
///
/// let h = HashEntry::from_hex(HashAlgorithm::Sha256, "E3B0C442").expect("hex");
/// assert_eq!(h.digest, vec![0xe3, 0xb0, 0xc4, 0x42]);
/// assert_eq!(h.to_hex(), "e3b0c442");
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct HashEntry {
    /// The algorithm.
    pub algorithm: HashAlgorithm,
    /// The digest.
    pub digest: Digest,
}

impl HashEntry {
    /// A hash with this algorithm and digest.
    pub fn new(algorithm: HashAlgorithm, digest: impl Into<Digest>) -> Self {
        HashEntry { algorithm, digest: digest.into() }
    }

    /// A hash from hex text (either case); `None` when the text is not an even number of hex
    /// digits.
    pub fn from_hex(algorithm: HashAlgorithm, hex: &str) -> Option<Self> {
        crate::hex::decode_digest_with_case(hex).map(|(digest, _)| HashEntry { algorithm, digest })
    }

    /// The digest in lower-case hex.
    pub fn to_hex(&self) -> String {
        crate::hex::encode(&self.digest)
    }
}

/// A file (`File` element, XSD type `File`; CoSWID key 17 `file`, `file-entry`).
///
/// Attributes of `FilesystemItem` (`name` required, `key`, `location`, `root`), plus `size`
/// (`xs:integer`; CoSWID 20), `version` (CoSWID 21) and hashes (CoSWID 7, which carries one).
/// NISTIR 8060 (GEN-18):
/// a file SHOULD carry a SHA-256 hash and SHOULD NOT rely on MD5 or SHA-1 alone.
///
/// ```
/// use iso19770_swid::{File, HashEntry, HashAlgorithm};
///
/// let f = File::new("tool")
///     .with_size(3)
///     .with_hash(HashEntry::new(HashAlgorithm::Sha256, vec![0u8; 32]));
/// assert_eq!(f.hash(HashAlgorithm::Sha256).map(|h| h.digest.len()), Some(32));
/// ```
#[cfg_attr(feature = "json", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "json", serde(rename_all = "kebab-case"))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct File {
    /// `@name`: the file name without path characters (required by the XSD).
    #[cfg_attr(feature = "json", serde(rename = "fs-name", default, skip_serializing_if = "Option::is_none"))]
    pub name: Option<Text>,
    /// `@key`: whether the file is important for the software to run.
    #[cfg_attr(feature = "json", serde(default, skip_serializing_if = "Option::is_none"))]
    pub key: Option<bool>,
    /// `@location`: where the file is, relative to `root`.
    #[cfg_attr(feature = "json", serde(default, skip_serializing_if = "Option::is_none"))]
    pub location: Option<Text>,
    /// `@root`: a system-specific root folder that `location` is an offset from.
    #[cfg_attr(feature = "json", serde(default, skip_serializing_if = "Option::is_none"))]
    pub root: Option<Text>,
    /// `@size`: the size in bytes.
    #[cfg_attr(feature = "json", serde(default, skip_serializing_if = "Option::is_none"))]
    pub size: Option<u64>,
    /// `@version`: the file's version.
    #[cfg_attr(feature = "json", serde(rename = "file-version", default, skip_serializing_if = "Option::is_none"))]
    pub version: Option<Text>,
    /// The `hash` attributes, one per algorithm namespace.
    #[cfg_attr(
        feature = "json",
        serde(rename = "hash", default, skip_serializing_if = "Vec::is_empty", with = "crate::json::first_hash")
    )]
    #[cfg_attr(feature = "schema", schemars(with = "Option<crate::HashEntry>"))]
    pub hashes: Vec<HashEntry>,
    /// `@xml:lang`.
    #[cfg_attr(feature = "json", serde(default, skip_serializing_if = "Option::is_none"))]
    pub lang: Option<Text>,
    /// Attributes and elements the model has no field for (`n8060:mutable` among them).
    #[cfg_attr(feature = "json", serde(flatten, with = "crate::json::entries"))]
    #[cfg_attr(feature = "schema", schemars(with = "crate::json::Entries"))]
    pub extensions: Extensions,
    /// How the element was written.
    #[cfg_attr(feature = "json", serde(skip))]
    pub layout: XmlLayout,
}

impl File {
    /// A file named `name`.
    pub fn new(name: impl Into<Text>) -> Self {
        File { name: Some(name.into()), ..File::default() }
    }

    /// The same file with a size.
    #[must_use]
    pub fn with_size(mut self, size: u64) -> Self {
        self.size = Some(size);
        self
    }

    /// The same file with one more hash.
    #[must_use]
    pub fn with_hash(mut self, hash: HashEntry) -> Self {
        self.hashes.push(hash);
        self
    }

    /// The hash with this algorithm.
    pub fn hash(&self, algorithm: HashAlgorithm) -> Option<&HashEntry> {
        self.hashes.iter().find(|h| h.algorithm == algorithm)
    }
}

/// A running process (`Process` element, XSD type `Process`; CoSWID key 18 `process`,
/// `process-entry`).
///
/// Attributes: `name` (required; CoSWID 27 `process-name`), `pid` (`xs:integer`; CoSWID 28); any
/// other attribute is kept.
///
/// ```
/// use iso19770_swid::Process;
///
/// let mut p = Process::new("sshd");
/// p.pid = Some(812);
/// assert_eq!(p.name.as_deref(), Some("sshd"));
/// ```
#[cfg_attr(feature = "json", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "json", serde(rename_all = "kebab-case"))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Process {
    /// `@name`: the name in the process table (required by the XSD).
    #[cfg_attr(feature = "json", serde(rename = "process-name", default, skip_serializing_if = "Option::is_none"))]
    pub name: Option<Text>,
    /// `@pid`: the process id.
    #[cfg_attr(feature = "json", serde(default, skip_serializing_if = "Option::is_none"))]
    pub pid: Option<i64>,
    /// `@xml:lang`.
    #[cfg_attr(feature = "json", serde(default, skip_serializing_if = "Option::is_none"))]
    pub lang: Option<Text>,
    /// Attributes and elements the model has no field for.
    #[cfg_attr(feature = "json", serde(flatten, with = "crate::json::entries"))]
    #[cfg_attr(feature = "schema", schemars(with = "crate::json::Entries"))]
    pub extensions: Extensions,
    /// How the element was written.
    #[cfg_attr(feature = "json", serde(skip))]
    pub layout: XmlLayout,
}

impl Process {
    /// A process named `name`.
    pub fn new(name: impl Into<Text>) -> Self {
        Process { name: Some(name.into()), ..Process::default() }
    }
}

/// Any other resource (`Resource` element, XSD type `Resource`; CoSWID key 19 `resource`,
/// `resource-entry`).
///
/// Attribute `type` (required; CoSWID 29), e.g. `registrykey`, `port`, `rpm`; any other attribute
/// (such as rpm2swidtag's unqualified `rpm="…"`) is kept in [`Resource::extensions`].
///
/// ```
/// use iso19770_swid::Resource;
///
/// let mut r = Resource::new("rpm");
/// r.extensions.set_attribute(None, "rpm", "hello-1.0-1.i386");
/// assert_eq!(r.r#type.as_deref(), Some("rpm"));
/// ```
#[cfg_attr(feature = "json", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "json", serde(rename_all = "kebab-case"))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Resource {
    /// `@type`: the kind of resource (required by the XSD).
    #[cfg_attr(feature = "json", serde(default, skip_serializing_if = "Option::is_none"))]
    pub r#type: Option<Text>,
    /// `@xml:lang`.
    #[cfg_attr(feature = "json", serde(default, skip_serializing_if = "Option::is_none"))]
    pub lang: Option<Text>,
    /// Attributes and elements the model has no field for.
    #[cfg_attr(feature = "json", serde(flatten, with = "crate::json::entries"))]
    #[cfg_attr(feature = "schema", schemars(with = "crate::json::Entries"))]
    pub extensions: Extensions,
    /// How the element was written.
    #[cfg_attr(feature = "json", serde(skip))]
    pub layout: XmlLayout,
}

impl Resource {
    /// A resource of type `type`.
    pub fn new(r#type: impl Into<Text>) -> Self {
        Resource { r#type: Some(r#type.into()), ..Resource::default() }
    }
}
