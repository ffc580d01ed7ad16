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

#[cfg(feature = "cbor")]
pub mod cbor;
pub mod error;
mod hex;
#[cfg(feature = "json")]
pub mod json;
mod model;
pub mod registry;
#[cfg(feature = "xml")]
pub mod xml;

pub use error::{DecodeError, DocumentKind, EncodeError, Nonconformity};
pub use iso19770_core as core;
pub use model::{
    Directory, Entity, Evidence, File, HashEntry, Link, Meta, Payload, Process, Resource, ResourceCollection,
    SoftwareIdentity, SoftwareMeta, TagId,
};
pub use registry::{HashAlgorithm, Ownership, Rel, Role, Use, VersionScheme};

/// The code blocks of the repository's README, compiled and run as doc tests so that it stays true.
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
struct ReadmeDoctests;
