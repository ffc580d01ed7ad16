//! ISO/IEC 19770-4 resource utilization measurements ("RUM"): an exact, open model of measured
//! software usage — who measured what, on which instance, and the measured values over their
//! periods — with its XML, JSON and CBOR forms, readers for the formats found in the field (IBM
//! SLMT tags, Cisco RUM reports) that yield one record at a time, and aggregation.
//!
//! ```
//! use iso19770_resource_util::{Aggregation, MeasuredAsset, Measurement, Rum};
//! use iso19770_core::decimal::parse;
//!
//! let rum = Rum::new("odm-2019-07-18")
//!     .with_asset(MeasuredAsset {
//!         persistent_id: Some("b1a07d4dc0364452aa6206bb6584061d".into()),
//!         instance_id: Some("/usr/IBM/TAMIT".into()),
//!         ..MeasuredAsset::default()
//!     })
//!     .with_measurement(
//!         Measurement::new("VU_VALUE_UNIT", parse("1.235")?)
//!             .with_subtype("MILLION_MONTHLY_DECISIONS")
//!             .with_period("2019-07-18T16:39:34+02:00", "2019-07-18T16:39:34+02:00")
//!             .with_aggregation(Aggregation::Sum),
//!     );
//! # #[cfg(feature = "json")] {
//! let json = rum.to_json_string()?;
//! assert_eq!(Rum::from_json_str(&json)?, rum);
//! # }
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # What comes from the standard, and what is this project's own
//!
//! ISO/IEC 19770-4:2017 is sold with its schema (Annex A), and no copy of the schema is public.
//! This crate holds every concept the public text confirms, under names of its own that a holder
//! of the standard can correct. In the documentation, *(confirmed)* marks what the public text of
//! the standard says, *(inferred)* this project's design (after ISO/IEC 19770-2:2015 SWID tags
//! and the two field formats, IBM's SLMT — "based on the ISO/IEC 19770-4 standard draft" — and
//! Cisco's "Resource Utilization Measurement" reports).
//!
//! | concept | status | here |
//! |---|---|---|
//! | a RUM holds usage information about resources used by an IT asset, generated periodically by the asset or by monitoring tools | confirmed | [`Rum`], [`Measurement`] |
//! | RUMs are XML data files (an XSD in Annex A) or other platform-specific means | confirmed | the XML, JSON and CBOR forms |
//! | a RUM can be split across files and nested | confirmed (Annex B's title) | [`Rel::Parent`], [`Rel::Component`] |
//! | a RUM links to the related software asset | confirmed (Annex C's title) | [`Link`] with [`Rel::Measures`], [`Rel::Entitlement`] |
//! | `Entity` / `Link` / `Meta` with `role` / `rel` | inferred (the SWID 2015 pattern) | [`Entity`], [`Link`], [`Meta`] |
//! | log time, metric, subtype, value, start and end | inferred (both field formats carry them) | [`Measurement`] |
//! | sample interval and count; unit; aggregation | inferred (Cisco; this project) | [`Measurement`] |
//! | every element, attribute and member name, every CBOR key, the namespace | this project's own | the codec modules |
//! | the formats in the field: IBM SLMT 2.1.1 tags ("based on the ISO/IEC 19770-4 standard draft"), Cisco's RUM reports | vendor documentation | `import::slmt`, `import::cisco`: readers of one record at a time (features `xml`, `json`) |
//!
//! # Resource bounds
//!
//! Every decoder and reader fails with a specific error, at a line and column or a byte offset
//! and a path, before it holds more than a bounded amount. The defaults:
//!
//! | decoder | bound (default) | past it |
//! |---|---|---|
//! | XML | nesting depth [`xml::XmlOptions::max_depth`] (64) | [`DecodeError::XmlTooDeep`] |
//! | XML | attributes on one element, declarations included: [`xml::XmlOptions::max_attributes`] (256) | [`DecodeError::XmlTooManyAttributes`] |
//! | XML | namespace declarations in scope at once: [`xml::XmlOptions::max_namespace_bindings`] (256) | [`DecodeError::XmlTooManyNamespaces`] |
//! | XML | what the reader keeps for the elements' paths, namespaces and scopes: 16 times the input plus 4 MiB | [`DecodeError::XmlTooLarge`] |
//! | XML, SLMT, Cisco envelopes | document type declarations: none (no entity expansion) | [`DecodeError::XmlDoctype`] |
//! | CBOR | nesting: `Limits::max_depth` (64) | [`DecodeError::TooDeep`] |
//! | CBOR | a declared string (bytes), array or map (items) length: `Limits::max_len` (16 MiB), never beyond the bytes left, checked before anything is allocated; at most 64 items reserved ahead | [`DecodeError::LengthAboveLimit`], [`DecodeError::LengthBeyondInput`] |
//! | JSON, Cisco JSON | nesting: `serde_json`'s recursion limit (128) | [`DecodeError::Json`] |
//! | SLMT streams | one top-level fragment at a time, at most `SlmtOptions::max_record_bytes` (1 MiB): a fragment that never ends stops there | [`DecodeError::RecordTooLarge`] |
//! | Cisco reports | one record at a time (a measurement, a payload in a string, a report's head, an envelope's part), at most `CiscoOptions::max_record_bytes` (16 MiB) | [`DecodeError::RecordTooLarge`] |
//!
//! Memory is otherwise proportional to the input (the whole-document forms) or to one record
//! (the streaming readers). Every decoder is fuzzed (`fuzz/`, figures in `FUZZING.md`);
//! `tests/hostile.rs` runs the hostile cases under a hard allocation cap.

pub mod aggregate;
#[cfg(feature = "cbor")]
pub mod cbor;
mod error;
#[cfg(any(feature = "xml", feature = "json"))]
pub mod import;
#[cfg(feature = "json")]
pub mod json;
pub mod model;
pub mod registry;
mod sink;
#[cfg(any(feature = "json", feature = "cbor", feature = "xml"))]
pub mod stream;
pub mod validate;
#[cfg(feature = "xml")]
pub mod xml;

pub use error::{DecodeError, EncodeError};
pub use iso19770_core::decimal::Decimal;
pub use iso19770_core::{Extensions, Instant, Timestamp};
pub use model::{Aggregation, Entity, Link, MeasuredAsset, Measurement, Meta, Rel, Role, Rum};
pub use sink::ReportSink;
