//! ISO/IEC 19770-3 entitlements ("Ent"): an exact, open model of what a licence grants — the
//! parties, the software entitled, a quantity of a metric, rights, limitations, terms and costs —
//! with its XML, JSON and CBOR forms and validation.
//!
//! ```
//! use iso19770_ent::{Ent, EntitledProduct, Entity, Metric, Quantity, Right, Role, Term, TermKind};
//!
//! let ent = Ent::new("2b7e0d7e-6f2c-4b7a-9a51-0c7f3f7a1e01")
//!     .with_name("SQL Server 2022 Standard, 2-core packs")
//!     .with_entity(Entity::new("Microsoft Corporation", [Role::Licensor]).with_regid("microsoft.com"))
//!     .with_entity(Entity::new("Contoso Ltd", [Role::Licensee]))
//!     .with_product(EntitledProduct::named("SQL Server").with_edition("Standard"))
//!     .with_metric(Metric::PerCore { minimum_per_processor: Some(4), minimum_per_server: None, pack_size: Some(2) })
//!     .with_quantity(Quantity::count(8))
//!     .with_right(Right::Downgrade { lowest_version: Some("2012".into()), editions: vec![] })
//!     .with_term(Term::new(TermKind::Perpetual).from("2023-05-01T00:00:00Z"));
//! assert!(iso19770_ent::validate::validate(&ent).is_clean());
//! # #[cfg(feature = "json")] {
//! let json = ent.to_json_string()?;
//! assert_eq!(Ent::from_json_str(&json)?, ent);
//! # }
//! # #[cfg(feature = "xml")] {
//! let xml = ent.to_xml_string()?;
//! assert_eq!(Ent::from_xml_str(&xml)?, ent);
//! # }
//! # #[cfg(feature = "cbor")] {
//! let cbor = ent.to_cbor_vec()?;
//! assert_eq!(Ent::from_cbor_slice(&cbor)?, ent);
//! # }
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # What comes from the standard, and what is this project's own
//!
//! ISO/IEC 19770-3:2016 is sold with its schema, and no copy of the schema is public. This crate
//! holds every concept the public text confirms, under names of its own that a holder of the
//! standard can correct. In the documentation, *(confirmed)* marks what the public text of the
//! standard says, *(inferred)* this project's design (after ISO/IEC 19770-2:2015 SWID tags and
//! what SAM tools carry).
//!
//! | concept | status | here |
//! |---|---|---|
//! | the record is an "Ent", produced by "Ent creators" | confirmed | [`Ent`], [`Role::EntCreator`] |
//! | it carries usage rights, limitations and metrics | confirmed (the concepts) | [`Right`], [`Limitation`], [`Metric`] with [`Quantity`] |
//! | any kind of licence terms and conditions fits | confirmed | `extensions` on [`Ent`] and its parts; `Other` variants with [`Parameter`]s |
//! | it works with ISO/IEC 19770-2 SWID tags | confirmed | [`Link`] `swid:<tagId>`, [`EntitledProduct::tag_id`] |
//! | XML with attributes and elements, like SWID 2015 | confirmed | [`xml`] (feature `xml`) |
//! | every XML element and attribute name, and the namespace `urn:iso19770-rs:ent:1` | this project's own (the schema is not public) | [`xml`] |
//! | `Entity` / `Link` / `Meta` with `role` / `rel` | inferred (the SWID 2015 pattern) | [`Entity`], [`Link`], [`Meta`] |
//! | `entId`, `version`, `revision`, `products`, `terms`, `costs` | inferred | [`Ent`] fields |
//! | every role, relation, metric, right, limitation and term name, and their parameters | inferred (SAM tools' vocabularies) | [`Role`], [`Rel`], [`Metric`], [`Right`], [`Limitation`], [`TermKind`] |
//! | every JSON member name | this project's own (no JSON form is standardized) | camelCase field names |
//! | every CBOR key and code | this project's own (no CBOR form is standardized) | [`registry`] |
//!
//! # The metric vocabulary
//!
//! No metric name is public in the standard; these are this project's own, one per counting rule
//! that SAM tools share (the names they appear under are given so that importers can map them).
//!
//! | [`Metric`] | counts | parameters | appears as (for example) |
//! |---|---|---|---|
//! | `perInstallation` | installations | — | Installation, Per Device (installs) |
//! | `perDevice` | devices | — | Per Device, Per Named Device, `CycloneDX` `device` |
//! | `namedUser` | named users | minimum per processor | Named User, Authorized User, Oracle Named User Plus |
//! | `concurrentUser` | peak simultaneous users | — | Concurrent User, Floating, `CycloneDX` `concurrent-user` |
//! | `perCore` | cores | minimum per processor, per server, pack size | Microsoft Per Core, vSphere Per Core |
//! | `perProcessor` | processors | cores per licence | Per Processor, ILMT `PROCESSOR` |
//! | `perSocket` | sockets | sockets per licence | Red Hat socket pairs, ILMT `POPULATED_SOCKET` |
//! | `processorCoreFactor` | cores × core factor | core-factor table, default factor | Oracle Processor, core points |
//! | `processorValueUnit` | cores × value units per core | value-unit table, default, sub-capacity | IBM PVU |
//! | `clientAccess` | users or devices accessing a server | user or device | User CAL, Device CAL, `CycloneDX` `client-access` |
//! | `site`, `enterprise`, `unlimited` | nothing within the scope | — | site licence, ELA, ULA, GLPI −1 |
//! | `consumption` | units consumed in a period | unit, period | ILMT `MILLION_EVENT`, ODM `MILLION_MONTHLY_DECISIONS` |
//! | `other` | anything else | name, parameters | SAP FUE, custom metrics |
//!
//! # Exact numbers
//!
//! Quantities, core factors and amounts are exact decimals ([`rust_decimal::Decimal`], re-exported
//! as [`Decimal`]); nothing in the model is floating point. See [`decimal`], [`json`] and [`cbor`]
//! (CBOR decimal fractions, RFC 8949 §3.4.4).
//!
//! # Modules
//!
//! | module | what |
//! |---|---|
//! | [`model`] | the plain structs and enums, re-exported here |
//! | [`json`] | the JSON form (feature `json`, default) and its schema (feature `schema`) |
//! | [`xml`] | the XML form (feature `xml`, default): this project's own names and namespace, lossless for foreign content |
//! | [`cbor`] | the CBOR form (feature `cbor`, default): integer keys, deterministic output |
//! | [`registry`] | every CBOR key and code, with the JSON name it stands for (this project's own: no standard assigns them) |
//! | [`cyclonedx`] | import from, and export to, the `licensing` of `CycloneDX` 1.5/1.6 BOMs, JSON (feature `json`) and XML (feature `xml`) |
//! | [`validate`] | [`validate::validate`]: rules, each with an id, a severity and a path |
//! | [`decimal`] | reading exact decimals |
//!
//! # Resource bounds
//!
//! Every decoder fails with a specific error, at a line and column or a byte offset and a path,
//! before it holds more than a bounded amount. The defaults:
//!
//! | decoder | bound (default) | past it |
//! |---|---|---|
//! | XML | nesting depth [`xml::XmlOptions::max_depth`] (64) | [`DecodeError::TooDeep`] |
//! | XML | attributes on one element, declarations included: [`xml::XmlOptions::max_attributes`] (256) | [`DecodeError::XmlTooManyAttributes`] |
//! | XML | namespace declarations in scope at once: [`xml::XmlOptions::max_namespace_bindings`] (256) | [`DecodeError::XmlTooManyNamespaces`] |
//! | XML | what the reader keeps for the elements' paths, namespaces and scopes: 16 times the input plus 4 MiB (long names or URIs repeated over many elements) | [`DecodeError::XmlTooLarge`] |
//! | XML, `CycloneDX` XML | document type declarations: none (no entity expansion) | [`DecodeError::XmlDoctype`] |
//! | CBOR | nesting: `Limits::max_depth` (64) | [`DecodeError::TooDeep`] |
//! | CBOR | a declared string (bytes), array or map (items) length: `Limits::max_len` (16 MiB), never beyond the bytes left, checked before anything is allocated; at most 64 items reserved ahead | [`DecodeError::LengthAboveLimit`], [`DecodeError::LengthBeyondInput`] |
//! | JSON, `CycloneDX` JSON | nesting: `serde_json`'s recursion limit (128) | [`DecodeError::Json`] |
//! | `CycloneDX` XML | depth 256, 256 attributes on an element, 128 namespace declarations in scope, and the same 16-times bound as the XML form | [`DecodeError::TooDeep`], [`DecodeError::XmlTooManyAttributes`], [`DecodeError::XmlSyntax`], [`DecodeError::XmlTooLarge`] |
//!
//! Memory is otherwise proportional to the input. Every decoder is fuzzed (`fuzz/`, figures in
//! `FUZZING.md`); `tests/hostile.rs` runs the hostile cases under a hard allocation cap.

#[cfg(feature = "cbor")]
pub mod cbor;
#[cfg(any(feature = "json", feature = "xml"))]
pub mod cyclonedx;
pub mod decimal;
mod error;
#[cfg(feature = "json")]
pub mod json;
pub mod model;
pub mod registry;
pub mod validate;
#[cfg(feature = "xml")]
pub mod xml;

pub use decimal::DecimalError;
pub use error::{DecodeError, EncodeError};
pub use iso19770_core::{DateTime, Extensions, Report};
pub use model::{
    AccessBy, CoreFactor, Cost, CostBasis, Ent, EntitledProduct, Entity, Environment, Limitation, Link, Meta, Metric,
    Parameter, PvuRating, Quantity, Rel, Right, Role, Term, TermKind, VersionRange,
};
pub use rust_decimal::Decimal;
