//! ISO/IEC 19770-2:2015 software identification (SWID) tags.
//!
//! One model ([`SoftwareIdentity`] and its parts, plain structs with public fields) and a codec
//! per format. The XML codec ([`xml`], feature `xml`, on by default) reads every well-formed 2015
//! tag and writes it back without losing anything: attributes and elements of other namespaces,
//! `ds:Signature` byte for byte, hashes identified by their namespace URI, the order and layout of
//! the document.
//!
//! | XML element | model | CoSWID key |
//! |---|---|---|
//! | `SoftwareIdentity` | [`SoftwareIdentity`] | the `concise-swid-tag` map |
//! | `Entity` | [`Entity`] | 2 `entity` |
//! | `Entity/Meta` | [`Meta`] | — |
//! | `Link` | [`Link`] | 4 `link` |
//! | `Meta` | [`SoftwareMeta`] | 5 `software-meta` |
//! | `Payload` | [`Payload`] | 6 `payload` |
//! | `Evidence` | [`Evidence`] | 3 `evidence` |
//! | `Directory` | [`Directory`] | 16 `directory` |
//! | `File` | [`File`] (hashes: [`HashEntry`]) | 17 `file` (7 `hash`) |
//! | `Process` | [`Process`] | 18 `process` |
//! | `Resource` | [`Resource`] | 19 `resource` |
//!
//! The CoSWID codec ([`cbor`], feature `cbor`) reads and writes RFC 9393's CBOR, deterministic
//! by default; the JSON form ([`json`], feature `json`) is the same map with the CDDL names as
//! keys. Conformance is [`validate`]d separately: ISO/IEC 19770-2, RFC 9393 and NISTIR 8060 rules,
//! each finding with its rule id, severity and path. The `generate` module (feature `generate`) makes
//! conformant tags and CoSWIDs from Cargo's package metadata and directory trees.
//!
//! # XML ⇄ CoSWID
//!
//! Every attribute of the 2015 XSD and every key of RFC 9393 (key numbers as in [`registry::key`]):
//!
//! | XML | CoSWID | crossing |
//! |---|---|---|
//! | `SoftwareIdentity@tagId` | 0 `tag-id` | text as text; a 16-byte UUID (CoSWID only) is written to XML as its hyphenated text and reads back as text |
//! | `@name` | 1 `software-name` | |
//! | `Entity`, `Evidence`, `Link`, `Meta`, `Payload` | 2, 3, 4, 5, 6 | `one-or-more`: one item bare, several as an array; CoSWID holds one payload *or* one evidence |
//! | `File@{ns}hash` | 7 `hash` `[alg-id, digest]` | the namespace URI ⇄ Named Information id: `xmlenc#sha256` 1, `xmldsig-more#sha384` 7, `xmlenc#sha512` 8, `xmldsig-more#sha3-224`…`sha3-512` 9–12; CoSWID holds one hash per file; MD5, SHA-1, SHA-224 and RIPEMD-160 have no id, the truncated SHA-256 ids 2–6 no namespace |
//! | `@corpus`, `@patch`, `@supplemental` | 8, 9, 11 | `xs:boolean` ⇄ CBOR `true`/`false`; absent stays absent |
//! | `@media` | 10 `media` | |
//! | `@tagVersion` | 12 `tag-version` | required by CoSWID: an absent XML value is written as the XSD's default, 0, and comes back as `tagVersion="0"` |
//! | `@version`, `@versionScheme` | 13 `software-version`, 14 `version-scheme` | scheme names ⇄ integers ([`VersionScheme`]) |
//! | `@xml:lang` (every element) | 15 `lang` | |
//! | `Directory`, `File`, `Process`, `Resource` | 16, 17, 18, 19 | a directory's children go into 26 `path-elements` |
//! | `File@size`, `File@version` | 20 `size`, 21 `file-version` | |
//! | `@key`, `@location`, `@name`, `@root` of `Directory`/`File` | 22, 23, 24 `fs-name`, 25 | |
//! | `Process@name`, `Process@pid` | 27 `process-name`, 28 `pid` | |
//! | `Resource@type` | 29 `type` | |
//! | `Entity@name`, `@regid`, `@role`, `@thumbprint` | 31, 32 `reg-id`, 33, 34 | `regid` as a URI (tag 32); roles names ⇄ integers ([`Role`]); the XML thumbprint is hex without an algorithm: alg-id 0, "allowed only for conversion from SWID" |
//! | `Evidence@date`, `Evidence@deviceId` | 35 `date`, 36 `device-id` | `xs:dateTime` ⇄ `#6.1(int)`: to whole seconds (a fraction is dropped), in UTC (`Z`); a date without a time zone has no instant and cannot cross |
//! | — | 23 `location` in `evidence-entry` | CoSWID only |
//! | `Link@artifact`, `@href`, `@media`, `@ownership`, `@rel`, `@type`, `@use` | 37, 38, 10, 39, 40, 41 `media-type`, 42 | `href` as a URI (tag 32); registry names ⇄ integers ([`Ownership`], [`Rel`], [`Use`]) |
//! | `Meta@activationStatus` … `@unspscVersion` | 43–57 | one key per XSD attribute; `generator` is text or a 16-byte UUID like `tag-id` |
//!
//! Registry values outside the registry cross as they are: a text escape as text (XML keeps it,
//! CoSWID writes it as text), an integer escape (CoSWID only) as its decimal text in XML, which
//! reads back as text. A `@role` holds a list of tokens, so a text role with white space or an
//! empty one cannot be written to XML.
//!
//! What cannot cross is never dropped silently: the encoders fail with the specific error, and
//! [`SoftwareIdentity::to_coswid_subset`] and [`SoftwareIdentity::to_xml_subset`] leave it out on
//! request, listing each [`Omission`] with its path.
//!
//! | XML only (to CoSWID) | [`Omitted`] |
//! |---|---|
//! | attributes outside the schema (`n8060:*`, `xsi:schemaLocation`, unqualified ones such as `Resource@rpm`) | `ForeignAttribute` |
//! | elements of other namespaces (`ds:Signature`) | `ForeignElement` |
//! | `Entity/Meta` | `EntityMeta` |
//! | a second `Payload`, or `Evidence` beside a `Payload` | `SecondPayloadOrEvidence` |
//! | a file's hashes beyond the first with a Named Information id; hashes without one | `ExtraHash`, `HashWithoutId` |
//! | an `Evidence@date` without an instant | `DateWithoutInstant` |
//! | an `Entity@regid` or `Link@href` that is not an RFC 3986 URI reference (white space, non-ASCII: an IRI), which tag 32 cannot hold | `NotAUri` |
//! | prefixes, namespace declarations, attribute order and quotes, white space, comments: the layout | not content; a CoSWID-decoded tag is written as canonical XML |
//!
//! | CoSWID only (to XML) | [`Omitted`] |
//! |---|---|
//! | entries the model has no field for (keys 58 and up, negative private keys, text keys) | `Entry` |
//! | `evidence-entry`'s `location` | `EvidenceLocation` |
//! | hashes whose algorithm has no XML namespace | `HashWithoutXmlNamespace` |
//! | a role that is not one token | `RoleNotAToken` |
//! | the CoSWID tag 1398229316, deterministic encoding, tag 32 on URIs | not content; chosen by [`cbor::CborEncodeOptions`] |
//!
//! Registry values ([`Role`], [`Rel`], [`Ownership`], [`Use`], [`VersionScheme`]) keep values
//! outside the registry in an `Other` escape; every name and number is written once, in
//! [`registry`].
//!
//! ```
//! # #[cfg(feature = "xml")] {
//! use iso19770_swid::{Role, SoftwareIdentity};
//!
//! let xml = r#"<?xml version="1.0" encoding="utf-8"?>
//! <SoftwareIdentity xmlns="http://standards.iso.org/iso/19770/-2/2015/schema.xsd"
//!                   name="ACME Roadrunner" tagId="com.acme.rrd2013-ce-sp1-v4-1-5-0" version="4.1.5">
//!   <Entity name="ACME Corp" regid="acme.com" role="tagCreator softwareCreator"/>
//! </SoftwareIdentity>
//! "#;
//! let tag = SoftwareIdentity::from_xml_str(xml).expect("a 2015 tag");
//! assert!(tag.entities[0].has_role(&Role::TagCreator));
//! assert_eq!(tag.to_xml_string().expect("encodes"), xml);
//! # }
//! ```
//!
//! # Resource bounds
//!
//! Tags come from outside: every decoder fails with a specific error, at a line and column or
//! a byte offset and a path, before it holds more than a bounded amount. The defaults:
//!
//! | decoder | bound (default) | past it |
//! |---|---|---|
//! | XML | nesting depth [`xml::DecodeOptions::max_depth`] (64, at most 256), foreign elements included | [`DecodeError::TooDeep`] |
//! | XML | attributes on one element, declarations included: [`xml::DecodeOptions::max_attributes`] (256) | [`DecodeError::TooManyAttributes`] |
//! | XML | namespace declarations in scope: [`xml::DecodeOptions::max_namespace_bindings`] (256) | [`DecodeError::InvalidNamespaceDeclaration`] |
//! | XML | document type declarations: none (no DTD, so no entity expansion); references other than the five predefined entities and character references | [`DecodeError::DtdNotAllowed`], [`DecodeError::UndefinedEntity`] |
//! | XML stream ([`SoftwareIdentity::from_xml_reader`], [`xml::XmlTags`]) | one event held at a time; the length of the input is the caller's to bound (`Read::take`) | — |
//! | CoSWID CBOR | nesting of arrays, maps and tags: `Limits::max_depth` (64) | [`DecodeError::CborInvalid`] |
//! | CoSWID CBOR | a declared string length (bytes) or array or map length (items): `Limits::max_len` (16 MiB), and never beyond the bytes left, checked before anything is allocated; at most 64 items are reserved ahead of reading them | [`DecodeError::LengthAboveLimit`], [`DecodeError::LengthBeyondInput`] |
//! | JSON | nesting: `serde_json`'s recursion limit (128) | [`DecodeError::Json`] |
//!
//! Memory is otherwise proportional to the input (the model, and the layout of a decoded XML
//! tag). Every decoder is fuzzed (`fuzz/`, figures in `FUZZING.md`), and `tests/hostile.rs`
//! runs billion laughs, 100,000 attributes, long names, 100,000-deep nesting, a CBOR array of
//! 2⁶⁴ items and a 1 GiB string declared in 10 bytes under a hard allocation cap.

#[cfg(feature = "cbor")]
pub mod cbor;
pub mod error;
#[cfg(feature = "generate")]
pub mod generate;
mod hex;
#[cfg(feature = "json")]
pub mod json;
mod model;
mod omission;
pub mod registry;
pub mod validate;
mod word;
#[cfg(feature = "xml")]
pub mod xml;

pub use error::{DecodeError, DocumentKind, EncodeError, Nonconformity};
pub use iso19770_core as core;
pub use model::{
    Digest, Directory, Entity, Evidence, File, HashEntry, Link, Meta, Payload, Process, Resource, ResourceCollection,
    SoftwareIdentity, SoftwareMeta, TagId, Text,
};
pub use omission::{Omission, Omitted};
pub use registry::{HashAlgorithm, Ownership, Rel, Role, Use, VersionScheme};
