//! Every XML name, namespace and registry value of the crate, with its source.
//!
//! This module is the only place where a name or a registry number is written; the codecs and the
//! model refer to these constants.
//!
//! Sources:
//! - ISO/IEC 19770-2:2015 XSD, `http://standards.iso.org/iso/19770/-2/2015/schema.xsd` (element and
//!   attribute names, the `Ownership` and `Use` enumerations, the `versionScheme` values listed in
//!   its documentation);
//! - RFC 9393 §4.1 and the IANA "Software ID Values" registries (the integer of each role, link
//!   relation, ownership, use and version scheme);
//! - the IANA "Named Information Hash Algorithm Registry" (hash algorithm ids and digest lengths)
//!   and the W3C XML Encryption / XML Signature algorithm URIs that SWID uses as the namespace of a
//!   `hash` attribute;
//! - NISTIR 8060 and its extension schema (`http://csrc.nist.gov/ns/swid/2015-extensions/1.0`).

use iso19770_core::Label;
use std::borrow::Cow;
use std::fmt;

/// XML namespaces.
pub mod ns {
    /// ISO/IEC 19770-2:2015, the namespace of every SWID element.
    pub const SWID: &str = "http://standards.iso.org/iso/19770/-2/2015/schema.xsd";
    /// The 2014 draft international standard; the file once published at the 2015 address still
    /// declares it, and tags written from it are found in the field.
    pub const SWID_2014_DIS: &str = "http://standards.iso.org/iso/19770/-2/2014-DIS/schema.xsd";
    /// ISO/IEC 19770-2:2009, whose tags have the root `software_identification_tag`.
    pub const SWID_2009: &str = "http://standards.iso.org/iso/19770/-2/2009/schema.xsd";
    /// A 2008 draft, seen with `https` and `http`.
    pub const SWID_2008_DRAFT: &str = "https://standards.iso.org/iso/19770/-2/2008/schema.xsd";
    /// The 2008 draft namespace with `http`.
    pub const SWID_2008_DRAFT_HTTP: &str = "http://standards.iso.org/iso/19770/-2/2008/schema.xsd";
    /// The `xml` prefix's namespace (`xml:lang`).
    pub const XML: &str = iso19770_core::XML_NAMESPACE;
    /// NISTIR 8060 extension attributes (`pathSeparator`, `envVarPrefix`, `envVarSuffix`,
    /// `mutable`, `patchEvent`).
    pub const N8060: &str = "http://csrc.nist.gov/ns/swid/2015-extensions/1.0";
    /// W3C XML Signature (`ds:Signature`).
    pub const XMLDSIG: &str = "http://www.w3.org/2000/09/xmldsig#";
    /// W3C XML Schema instance (`xsi:schemaLocation`).
    pub const XSI: &str = "http://www.w3.org/2001/XMLSchema-instance";
}

/// Element names of the 2015 schema.
pub mod element {
    /// The root: `SoftwareIdentity`.
    pub const SOFTWARE_IDENTITY: &str = "SoftwareIdentity";
    /// `Entity`.
    pub const ENTITY: &str = "Entity";
    /// `Evidence`.
    pub const EVIDENCE: &str = "Evidence";
    /// `Link`.
    pub const LINK: &str = "Link";
    /// `Meta` (a `SoftwareMeta` under the root, a `Meta` under `Entity`).
    pub const META: &str = "Meta";
    /// `Payload`.
    pub const PAYLOAD: &str = "Payload";
    /// `Directory`.
    pub const DIRECTORY: &str = "Directory";
    /// `File`.
    pub const FILE: &str = "File";
    /// `Process`.
    pub const PROCESS: &str = "Process";
    /// `Resource`.
    pub const RESOURCE: &str = "Resource";
    /// The root of a 19770-2:2009 tag.
    pub const SOFTWARE_IDENTIFICATION_TAG_2009: &str = "software_identification_tag";
}

/// Attribute names of the 2015 schema (all unqualified, but `xml:lang`).
pub mod attribute {
    /// `xml:lang`, on every element (local name in the `xml` namespace).
    pub const LANG: &str = "lang";
    /// `SoftwareIdentity@corpus`.
    pub const CORPUS: &str = "corpus";
    /// `SoftwareIdentity@patch`.
    pub const PATCH: &str = "patch";
    /// `SoftwareIdentity@media`, `Link@media`.
    pub const MEDIA: &str = "media";
    /// `@name` of `SoftwareIdentity`, `Entity`, `Directory`, `File`, `Process`.
    pub const NAME: &str = "name";
    /// `SoftwareIdentity@supplemental`.
    pub const SUPPLEMENTAL: &str = "supplemental";
    /// `SoftwareIdentity@tagId`.
    pub const TAG_ID: &str = "tagId";
    /// `SoftwareIdentity@tagVersion`.
    pub const TAG_VERSION: &str = "tagVersion";
    /// `SoftwareIdentity@version`, `File@version`.
    pub const VERSION: &str = "version";
    /// `SoftwareIdentity@versionScheme`.
    pub const VERSION_SCHEME: &str = "versionScheme";
    /// `Entity@regid`.
    pub const REGID: &str = "regid";
    /// `Entity@role`.
    pub const ROLE: &str = "role";
    /// `Entity@thumbprint`.
    pub const THUMBPRINT: &str = "thumbprint";
    /// `Evidence@date`.
    pub const DATE: &str = "date";
    /// `Evidence@deviceId`.
    pub const DEVICE_ID: &str = "deviceId";
    /// `Directory@key`, `File@key`.
    pub const KEY: &str = "key";
    /// `Directory@location`, `File@location`.
    pub const LOCATION: &str = "location";
    /// `Directory@root`, `File@root`.
    pub const ROOT: &str = "root";
    /// `File@size`.
    pub const SIZE: &str = "size";
    /// The local name of a file hash attribute, whose namespace names the algorithm.
    pub const HASH: &str = "hash";
    /// `Process@pid`.
    pub const PID: &str = "pid";
    /// `Resource@type`, `Link@type`.
    pub const TYPE: &str = "type";
    /// `Link@artifact`.
    pub const ARTIFACT: &str = "artifact";
    /// `Link@href`.
    pub const HREF: &str = "href";
    /// `Link@ownership`.
    pub const OWNERSHIP: &str = "ownership";
    /// `Link@rel`.
    pub const REL: &str = "rel";
    /// `Link@use`.
    pub const USE: &str = "use";
    /// `Meta@activationStatus`.
    pub const ACTIVATION_STATUS: &str = "activationStatus";
    /// `Meta@channelType`.
    pub const CHANNEL_TYPE: &str = "channelType";
    /// `Meta@colloquialVersion`.
    pub const COLLOQUIAL_VERSION: &str = "colloquialVersion";
    /// `Meta@description`.
    pub const DESCRIPTION: &str = "description";
    /// `Meta@edition`.
    pub const EDITION: &str = "edition";
    /// `Meta@entitlementDataRequired`.
    pub const ENTITLEMENT_DATA_REQUIRED: &str = "entitlementDataRequired";
    /// `Meta@entitlementKey`.
    pub const ENTITLEMENT_KEY: &str = "entitlementKey";
    /// `Meta@generator`.
    pub const GENERATOR: &str = "generator";
    /// `Meta@persistentId`.
    pub const PERSISTENT_ID: &str = "persistentId";
    /// `Meta@product`.
    pub const PRODUCT: &str = "product";
    /// `Meta@productFamily`.
    pub const PRODUCT_FAMILY: &str = "productFamily";
    /// `Meta@revision`.
    pub const REVISION: &str = "revision";
    /// `Meta@summary`.
    pub const SUMMARY: &str = "summary";
    /// `Meta@unspscCode`.
    pub const UNSPSC_CODE: &str = "unspscCode";
    /// `Meta@unspscVersion`.
    pub const UNSPSC_VERSION: &str = "unspscVersion";
    /// NISTIR 8060 `n8060:pathSeparator` (on `Payload` and `Evidence`).
    pub const N8060_PATH_SEPARATOR: &str = "pathSeparator";
    /// NISTIR 8060 `n8060:envVarPrefix`.
    pub const N8060_ENV_VAR_PREFIX: &str = "envVarPrefix";
    /// NISTIR 8060 `n8060:envVarSuffix`.
    pub const N8060_ENV_VAR_SUFFIX: &str = "envVarSuffix";
    /// NISTIR 8060 `n8060:mutable` (on `File`).
    pub const N8060_MUTABLE: &str = "mutable";
    /// NISTIR 8060 `n8060:patchEvent` (on `File`).
    pub const N8060_PATCH_EVENT: &str = "patchEvent";
}

/// CoSWID map keys (RFC 9393 §2, IANA "CoSWID Items" registry), with their CDDL names.
pub mod key {
    /// Defines the key constants and the table of names.
    macro_rules! keys {
        ($($name:ident = $value:literal, $cddl:literal;)+) => {
            $(
                #[doc = concat!("`", $cddl, "` (", stringify!($value), ")")]
                pub const $name: u64 = $value;
            )+
            /// Every key with its CDDL name.
            pub const ALL: &[(u64, &str)] = &[$(($value, $cddl)),+];
        };
    }

    keys! {
        TAG_ID = 0, "tag-id";
        SOFTWARE_NAME = 1, "software-name";
        ENTITY = 2, "entity";
        EVIDENCE = 3, "evidence";
        LINK = 4, "link";
        SOFTWARE_META = 5, "software-meta";
        PAYLOAD = 6, "payload";
        HASH = 7, "hash";
        CORPUS = 8, "corpus";
        PATCH = 9, "patch";
        MEDIA = 10, "media";
        SUPPLEMENTAL = 11, "supplemental";
        TAG_VERSION = 12, "tag-version";
        SOFTWARE_VERSION = 13, "software-version";
        VERSION_SCHEME = 14, "version-scheme";
        LANG = 15, "lang";
        DIRECTORY = 16, "directory";
        FILE = 17, "file";
        PROCESS = 18, "process";
        RESOURCE = 19, "resource";
        SIZE = 20, "size";
        FILE_VERSION = 21, "file-version";
        KEY = 22, "key";
        LOCATION = 23, "location";
        FS_NAME = 24, "fs-name";
        ROOT = 25, "root";
        PATH_ELEMENTS = 26, "path-elements";
        PROCESS_NAME = 27, "process-name";
        PID = 28, "pid";
        TYPE = 29, "type";
        ENTITY_NAME = 31, "entity-name";
        REG_ID = 32, "reg-id";
        ROLE = 33, "role";
        THUMBPRINT = 34, "thumbprint";
        DATE = 35, "date";
        DEVICE_ID = 36, "device-id";
        ARTIFACT = 37, "artifact";
        HREF = 38, "href";
        OWNERSHIP = 39, "ownership";
        REL = 40, "rel";
        MEDIA_TYPE = 41, "media-type";
        USE = 42, "use";
        ACTIVATION_STATUS = 43, "activation-status";
        CHANNEL_TYPE = 44, "channel-type";
        COLLOQUIAL_VERSION = 45, "colloquial-version";
        DESCRIPTION = 46, "description";
        EDITION = 47, "edition";
        ENTITLEMENT_DATA_REQUIRED = 48, "entitlement-data-required";
        ENTITLEMENT_KEY = 49, "entitlement-key";
        GENERATOR = 50, "generator";
        PERSISTENT_ID = 51, "persistent-id";
        PRODUCT = 52, "product";
        PRODUCT_FAMILY = 53, "product-family";
        REVISION = 54, "revision";
        SUMMARY = 55, "summary";
        UNSPSC_CODE = 56, "unspsc-code";
        UNSPSC_VERSION = 57, "unspsc-version";
    }

    /// The CDDL name of a key.
    pub fn name(key: u64) -> Option<&'static str> {
        ALL.iter().find(|(k, _)| *k == key).map(|(_, n)| *n)
    }

    /// The key with a CDDL name.
    pub fn by_name(name: &str) -> Option<u64> {
        ALL.iter().find(|(_, n)| *n == name).map(|(k, _)| *k)
    }
}

/// CBOR tags (IANA "CBOR Tags" registry).
pub mod cbor_tag {
    /// Epoch-based date/time (RFC 8949): CoSWID's `integer-time` is `#6.1(int)`.
    pub const EPOCH_TIME: u64 = 1;
    /// Unsigned bignum (RFC 8949).
    pub const POSITIVE_BIGNUM: u64 = 2;
    /// Negative bignum (RFC 8949).
    pub const NEGATIVE_BIGNUM: u64 = 3;
    /// URI (RFC 8949): CDDL's `uri`, which RFC 9393's `any-uri` is.
    pub const URI: u64 = 32;
    /// A CoSWID tag (RFC 9393 §8: "SWID" in ASCII, `d9 53 57 49 44` … `da 53 57 49 44`).
    pub const COSWID: u64 = 1_398_229_316;
}

/// The default `Entity@regid` of the XSD (RFC 6761's reserved `invalid` name).
pub const DEFAULT_REGID: &str = "http://invalid.unavailable";

/// Defines a registry enum: its known values with their XML name and RFC 9393 integer, and an
/// `Other` escape that keeps any other value.
macro_rules! registry_enum {
    (
        $(#[$meta:meta])*
        $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident = ($xml:literal, $code:expr) ),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Clone, Debug, PartialEq, Eq, Hash)]
        pub enum $name {
            $( $(#[$vmeta])* $variant, )+
            /// A value outside the registry (an IANA value added later, a private-use negative
            /// integer, or a `domain/name` text), kept as it was read.
            Other(Label),
        }

        impl $name {
            /// The registered values, in registry order.
            pub const KNOWN: &'static [$name] = &[$($name::$variant),+];

            /// The registered XML name, or `None` for [`Self::Other`].
            pub fn registered_name(&self) -> Option<&'static str> {
                match self {
                    $( $name::$variant => Some($xml), )+
                    $name::Other(_) => None,
                }
            }

            /// The registered RFC 9393 integer, or `None` when there is none.
            pub fn code(&self) -> Option<i64> {
                match self {
                    $( $name::$variant => $code, )+
                    $name::Other(label) => label.as_int(),
                }
            }

            /// The value named `name` in XML (any text is accepted; unknown ones are kept).
            pub fn from_name(name: &str) -> Self {
                match name {
                    $( $xml => $name::$variant, )+
                    other => $name::Other(Label::Text(other.to_owned())),
                }
            }

            /// The value with the RFC 9393 integer `code` (unknown ones are kept).
            pub fn from_code(code: i64) -> Self {
                $( if $code == Some(code) { return $name::$variant; } )+
                $name::Other(Label::Int(code))
            }

            /// The value of an integer-or-text label.
            pub fn from_label(label: Label) -> Self {
                match label {
                    Label::Int(code) => Self::from_code(code),
                    Label::Text(text) => Self::from_name(&text),
                }
            }

            /// The label RFC 9393 writes: the integer when there is one, else the text.
            pub fn to_label(&self) -> Label {
                match self {
                    $name::Other(label) => label.clone(),
                    known => match known.code() {
                        Some(code) => Label::Int(code),
                        None => Label::Text(known.registered_name().unwrap_or_default().to_owned()),
                    },
                }
            }

            /// The text XML writes: the registered name, or the escape's text (an integer escape
            /// is written in decimal).
            pub fn xml_name(&self) -> Cow<'_, str> {
                match self {
                    $name::Other(Label::Text(text)) => Cow::Borrowed(text.as_str()),
                    $name::Other(Label::Int(code)) => Cow::Owned(code.to_string()),
                    known => Cow::Borrowed(known.registered_name().unwrap_or_default()),
                }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.xml_name())
            }
        }

        impl From<&str> for $name {
            fn from(name: &str) -> Self {
                Self::from_name(name)
            }
        }

        /// JSON: the XML name, or the escape's text or number.
        #[cfg(feature = "json")]
        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                match self {
                    $name::Other(label) => label.serialize(s),
                    known => s.serialize_str(known.registered_name().unwrap_or_default()),
                }
            }
        }

        #[cfg(feature = "json")]
        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                Label::deserialize(d).map(Self::from_label)
            }
        }

        #[cfg(feature = "schema")]
        impl schemars::JsonSchema for $name {
            fn schema_name() -> std::borrow::Cow<'static, str> {
                stringify!($name).into()
            }
            fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
                schemars::json_schema!({
                    "anyOf": [
                        { "enum": [$($xml),+] },
                        { "type": "string", "description": "a value outside the registry" },
                        { "type": "integer", "description": "a registry integer (RFC 9393) or a private-use negative one" }
                    ]
                })
            }
        }
    };
}

registry_enum! {
    /// An entity's role (`Entity@role`, an `NMTOKENS` list; CoSWID key 33 `role`).
    ///
    /// ISO/IEC 19770-2: "The role of tagCreator is required for every SWID tag." Values and
    /// integers from the IANA "Software ID Entity Role Values" registry (RFC 9393 §4.2).
    ///
    /// ```
    /// use iso19770_swid::Role;
    ///
    /// assert_eq!(Role::from_name("tagCreator"), Role::TagCreator);
    /// assert_eq!(Role::TagCreator.code(), Some(1));
    /// assert_eq!(Role::from_code(6), Role::Maintainer);
    /// assert_eq!(Role::from_name("softwareLicensor").xml_name(), "softwareLicensor");
    /// ```
    Role {
        /// `tagCreator` (1): the organization that created the tag.
        TagCreator = ("tagCreator", Some(1)),
        /// `softwareCreator` (2): the organization that created the software.
        SoftwareCreator = ("softwareCreator", Some(2)),
        /// `aggregator` (3): an organization that bundles software.
        Aggregator = ("aggregator", Some(3)),
        /// `distributor` (4): an organization that distributes the software.
        Distributor = ("distributor", Some(4)),
        /// `licensor` (5): the organization that licenses the software.
        Licensor = ("licensor", Some(5)),
        /// `maintainer` (6): the organization that maintains the software (RFC 9393).
        Maintainer = ("maintainer", Some(6)),
    }
}

registry_enum! {
    /// A link relation (`Link@rel`, an `NMTOKEN`; CoSWID key 40 `rel`).
    ///
    /// The XSD refers to the IANA link relations; RFC 9393 §4.6 registers these values with
    /// integers. Any other IANA relation (`license`, `describedby`) or private text is kept.
    ///
    /// ```
    /// use iso19770_swid::Rel;
    ///
    /// assert_eq!(Rel::from_name("patches").code(), Some(7));
    /// assert_eq!(Rel::from_name("see-also"), Rel::SeeAlso);
    /// ```
    Rel {
        /// `ancestor` (1).
        Ancestor = ("ancestor", Some(1)),
        /// `component` (2).
        Component = ("component", Some(2)),
        /// `feature` (3).
        Feature = ("feature", Some(3)),
        /// `installationmedia` (4).
        InstallationMedia = ("installationmedia", Some(4)),
        /// `packageinstaller` (5).
        PackageInstaller = ("packageinstaller", Some(5)),
        /// `parent` (6).
        Parent = ("parent", Some(6)),
        /// `patches` (7): "a patch tag … MUST include a link with rel patches".
        Patches = ("patches", Some(7)),
        /// `requires` (8).
        Requires = ("requires", Some(8)),
        /// `see-also` (9).
        SeeAlso = ("see-also", Some(9)),
        /// `supersedes` (10).
        Supersedes = ("supersedes", Some(10)),
        /// `supplemental` (11).
        Supplemental = ("supplemental", Some(11)),
    }
}

registry_enum! {
    /// How strongly the target of a link is owned (`Link@ownership`, XSD enumeration `Ownership`;
    /// CoSWID key 39 `ownership`).
    ///
    /// The integers are those of RFC 9393 §4.3 (changed in draft 21; older CoSWID code has
    /// `shared = 1`).
    ///
    /// ```
    /// use iso19770_swid::Ownership;
    ///
    /// assert_eq!(Ownership::Abandon.code(), Some(1));
    /// assert_eq!(Ownership::from_code(3), Ownership::Shared);
    /// ```
    Ownership {
        /// `abandon` (1).
        Abandon = ("abandon", Some(1)),
        /// `private` (2).
        Private = ("private", Some(2)),
        /// `shared` (3).
        Shared = ("shared", Some(3)),
    }
}

registry_enum! {
    /// Whether the target of a link is needed (`Link@use`, XSD enumeration `Use`; CoSWID key 42
    /// `use`).
    ///
    /// ```
    /// use iso19770_swid::Use;
    ///
    /// assert_eq!(Use::from_name("required").code(), Some(2));
    /// ```
    Use {
        /// `optional` (1).
        Optional = ("optional", Some(1)),
        /// `required` (2).
        Required = ("required", Some(2)),
        /// `recommended` (3).
        Recommended = ("recommended", Some(3)),
    }
}

registry_enum! {
    /// How to compare versions (`SoftwareIdentity@versionScheme`; CoSWID key 14
    /// `version-scheme`). The XSD's default is `multipartnumeric`.
    ///
    /// The XSD types the attribute `xs:NMTOKEN`, which rejects its own `multipartnumeric+suffix`;
    /// this crate accepts it. `unknown` is listed by the XSD but has no RFC 9393 integer.
    ///
    /// ```
    /// use iso19770_swid::VersionScheme;
    ///
    /// assert_eq!(VersionScheme::from_name("semver").code(), Some(16384));
    /// assert_eq!(VersionScheme::from_name("multipartnumeric+suffix"), VersionScheme::MultipartNumericSuffix);
    /// assert_eq!(VersionScheme::Unknown.code(), None);
    /// ```
    VersionScheme {
        /// `multipartnumeric` (1): numbers separated by dots.
        MultipartNumeric = ("multipartnumeric", Some(1)),
        /// `multipartnumeric+suffix` (2): numbers separated by dots with a text suffix.
        MultipartNumericSuffix = ("multipartnumeric+suffix", Some(2)),
        /// `alphanumeric` (3): compared as text.
        Alphanumeric = ("alphanumeric", Some(3)),
        /// `decimal` (4): a decimal number.
        Decimal = ("decimal", Some(4)),
        /// `semver` (16384): Semantic Versioning.
        Semver = ("semver", Some(16384)),
        /// `unknown`: no order (XSD only).
        Unknown = ("unknown", None),
    }
}

/// A file hash algorithm.
///
/// In SWID XML a hash is an attribute with local name `hash` whose **namespace URI** names the
/// algorithm (`xmlns:sha256="http://www.w3.org/2001/04/xmlenc#sha256"` … `sha256:hash="…"`); the
/// prefix is free. In CoSWID it is `hash-entry = [alg-id, bytes]` with an id of the IANA Named
/// Information Hash Algorithm Registry.
///
/// ```
/// use iso19770_swid::HashAlgorithm;
///
/// let alg = HashAlgorithm::from_xml_namespace("http://www.w3.org/2001/04/xmlenc#sha256");
/// assert_eq!(alg, Some(HashAlgorithm::Sha256));
/// assert_eq!(HashAlgorithm::Sha256.named_information_id(), Some(1));
/// assert_eq!(HashAlgorithm::Sha512.digest_len(), Some(64));
/// assert_eq!(HashAlgorithm::from_xml_namespace("urn:unknown"), None);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum HashAlgorithm {
    /// Unknown (NI 0, "allowed only for conversion from SWID"): what an XML thumbprint, which
    /// names no algorithm, becomes.
    Unknown,
    /// SHA-256 (NI 1, `xmlenc#sha256`).
    Sha256,
    /// SHA-256 truncated to 128 bits (NI 2; no XML namespace).
    Sha256_128,
    /// SHA-256 truncated to 120 bits (NI 3; no XML namespace).
    Sha256_120,
    /// SHA-256 truncated to 96 bits (NI 4; no XML namespace).
    Sha256_96,
    /// SHA-256 truncated to 64 bits (NI 5; no XML namespace).
    Sha256_64,
    /// SHA-256 truncated to 32 bits (NI 6; no XML namespace).
    Sha256_32,
    /// SHA-384 (NI 7, `xmldsig-more#sha384`).
    Sha384,
    /// SHA-512 (NI 8, `xmlenc#sha512`).
    Sha512,
    /// SHA3-224 (NI 9).
    Sha3_224,
    /// SHA3-256 (NI 10).
    Sha3_256,
    /// SHA3-384 (NI 11).
    Sha3_384,
    /// SHA3-512 (NI 12).
    Sha3_512,
    /// MD5 (`xmldsig-more#md5`; no NI id; NISTIR 8060 GEN-18: SHOULD NOT be used).
    Md5,
    /// SHA-1 (`xmldsig#sha1`; no NI id).
    Sha1,
    /// SHA-224 (`xmldsig-more#sha224`; no NI id).
    Sha224,
    /// RIPEMD-160 (`xmlenc#ripemd160`; no NI id).
    Ripemd160,
    /// A Named Information id this crate does not know (CoSWID only).
    Unassigned(i64),
}

/// (algorithm, name, Named Information id, XML namespace, digest length in bytes)
type HashRow = (HashAlgorithm, &'static str, Option<i64>, Option<&'static str>, usize);

const HASH_ALGORITHMS: &[HashRow] = &[
    (HashAlgorithm::Unknown, "unknown", Some(0), None, 0),
    (HashAlgorithm::Sha256, "sha-256", Some(1), Some("http://www.w3.org/2001/04/xmlenc#sha256"), 32),
    (HashAlgorithm::Sha256_128, "sha-256-128", Some(2), None, 16),
    (HashAlgorithm::Sha256_120, "sha-256-120", Some(3), None, 15),
    (HashAlgorithm::Sha256_96, "sha-256-96", Some(4), None, 12),
    (HashAlgorithm::Sha256_64, "sha-256-64", Some(5), None, 8),
    (HashAlgorithm::Sha256_32, "sha-256-32", Some(6), None, 4),
    (HashAlgorithm::Sha384, "sha-384", Some(7), Some("http://www.w3.org/2001/04/xmldsig-more#sha384"), 48),
    (HashAlgorithm::Sha512, "sha-512", Some(8), Some("http://www.w3.org/2001/04/xmlenc#sha512"), 64),
    (HashAlgorithm::Sha3_224, "sha3-224", Some(9), Some("http://www.w3.org/2007/05/xmldsig-more#sha3-224"), 28),
    (HashAlgorithm::Sha3_256, "sha3-256", Some(10), Some("http://www.w3.org/2007/05/xmldsig-more#sha3-256"), 32),
    (HashAlgorithm::Sha3_384, "sha3-384", Some(11), Some("http://www.w3.org/2007/05/xmldsig-more#sha3-384"), 48),
    (HashAlgorithm::Sha3_512, "sha3-512", Some(12), Some("http://www.w3.org/2007/05/xmldsig-more#sha3-512"), 64),
    (HashAlgorithm::Md5, "md5", None, Some("http://www.w3.org/2001/04/xmldsig-more#md5"), 16),
    (HashAlgorithm::Sha1, "sha-1", None, Some("http://www.w3.org/2000/09/xmldsig#sha1"), 20),
    (HashAlgorithm::Sha224, "sha-224", None, Some("http://www.w3.org/2001/04/xmldsig-more#sha224"), 28),
    (HashAlgorithm::Ripemd160, "ripemd-160", None, Some("http://www.w3.org/2001/04/xmlenc#ripemd160"), 20),
];

impl HashAlgorithm {
    fn row(self) -> Option<&'static HashRow> {
        HASH_ALGORITHMS.iter().find(|row| row.0 == self)
    }

    /// The algorithm whose XML namespace is `uri`.
    pub fn from_xml_namespace(uri: &str) -> Option<Self> {
        HASH_ALGORITHMS.iter().find(|row| row.3 == Some(uri)).map(|row| row.0)
    }

    /// The algorithm with Named Information id `id` (unknown ids are kept as
    /// [`HashAlgorithm::Unassigned`]).
    pub fn from_named_information_id(id: i64) -> Self {
        HASH_ALGORITHMS.iter().find(|row| row.2 == Some(id)).map_or(HashAlgorithm::Unassigned(id), |row| row.0)
    }

    /// The namespace URI that names this algorithm in SWID XML.
    pub fn xml_namespace(self) -> Option<&'static str> {
        self.row().and_then(|row| row.3)
    }

    /// The IANA Named Information id used by CoSWID.
    pub fn named_information_id(self) -> Option<i64> {
        match self {
            HashAlgorithm::Unassigned(id) => Some(id),
            known => known.row().and_then(|row| row.2),
        }
    }

    /// The length of a digest in bytes (`None` for unknown algorithms).
    pub fn digest_len(self) -> Option<usize> {
        self.row().map(|row| row.4).filter(|&len| len > 0)
    }

    /// The algorithm with this conventional name (`sha-256`, `md5`).
    pub fn from_name(name: &str) -> Option<Self> {
        HASH_ALGORITHMS.iter().find(|row| row.1 == name).map(|row| row.0)
    }

    /// The conventional name (`sha-256`, `md5`), also a good XML prefix once the dash is gone.
    pub fn name(self) -> Option<&'static str> {
        self.row().map(|row| row.1)
    }
}

impl fmt::Display for HashAlgorithm {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            HashAlgorithm::Unassigned(id) => write!(f, "named-information-{id}"),
            known => f.write_str(known.name().unwrap_or_default()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_registry_value_round_trips_by_name_and_code() {
        fn check<T: PartialEq + fmt::Debug + Clone>(
            known: &[T],
            name: impl Fn(&T) -> Option<&'static str>,
            code: impl Fn(&T) -> Option<i64>,
            from_name: impl Fn(&str) -> T,
            from_code: impl Fn(i64) -> T,
        ) {
            for v in known {
                let n = name(v);
                assert!(n.is_some(), "{v:?} has no name");
                assert_eq!(&from_name(n.unwrap_or_default()), v);
                if let Some(c) = code(v) {
                    assert_eq!(&from_code(c), v);
                }
            }
        }
        check(Role::KNOWN, Role::registered_name, Role::code, Role::from_name, Role::from_code);
        check(Rel::KNOWN, Rel::registered_name, Rel::code, Rel::from_name, Rel::from_code);
        check(
            Ownership::KNOWN,
            Ownership::registered_name,
            Ownership::code,
            Ownership::from_name,
            Ownership::from_code,
        );
        check(Use::KNOWN, Use::registered_name, Use::code, Use::from_name, Use::from_code);
        check(
            VersionScheme::KNOWN,
            VersionScheme::registered_name,
            VersionScheme::code,
            VersionScheme::from_name,
            VersionScheme::from_code,
        );
    }

    #[test]
    fn keys_have_unique_numbers_and_names() {
        for (i, (k, n)) in key::ALL.iter().enumerate() {
            assert_eq!(key::name(*k), Some(*n));
            assert_eq!(key::by_name(n), Some(*k));
            assert!(key::ALL[..i].iter().all(|(k2, n2)| k2 != k && n2 != n));
        }
        assert_eq!(key::ALL.len(), 57, "0 to 57 without the unassigned 30");
        assert_eq!(key::name(30), None);
    }

    #[test]
    fn rfc9393_integers_are_the_registered_ones() {
        assert_eq!(Role::Licensor.code(), Some(5));
        assert_eq!(Rel::Supplemental.code(), Some(11));
        assert_eq!(Ownership::Private.code(), Some(2));
        assert_eq!(Use::Recommended.code(), Some(3));
        assert_eq!(VersionScheme::Decimal.code(), Some(4));
    }

    #[test]
    fn unknown_values_are_kept_in_the_escape() {
        assert_eq!(Rel::from_name("psa-rot-compound"), Rel::Other(Label::from("psa-rot-compound")));
        assert_eq!(Role::from_code(-3), Role::Other(Label::Int(-3)));
        assert_eq!(Role::from_code(-3).to_label(), Label::Int(-3));
        assert_eq!(Role::from_code(-3).xml_name(), "-3");
        assert_eq!(VersionScheme::Unknown.to_label(), Label::from("unknown"));
        assert_eq!(Role::TagCreator.to_label(), Label::Int(1));
        assert_eq!(Rel::from_label(Label::Int(7)), Rel::Patches);
    }

    #[test]
    fn hash_algorithms_map_namespaces_ids_and_lengths() {
        for (alg, _, id, ns, len) in HASH_ALGORITHMS {
            if let Some(ns) = ns {
                assert_eq!(HashAlgorithm::from_xml_namespace(ns), Some(*alg));
            }
            if let Some(id) = id {
                assert_eq!(HashAlgorithm::from_named_information_id(*id), *alg);
            }
            assert_eq!(alg.digest_len(), Some(*len).filter(|&l| l > 0));
        }
        assert_eq!(HashAlgorithm::from_named_information_id(99), HashAlgorithm::Unassigned(99));
        assert_eq!(HashAlgorithm::Unassigned(99).named_information_id(), Some(99));
        assert_eq!(HashAlgorithm::Md5.named_information_id(), None);
        assert_eq!(HashAlgorithm::Sha256_128.xml_namespace(), None);
    }
}
