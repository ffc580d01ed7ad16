//! Types shared by the ISO/IEC 19770 crates (`iso19770-swid`, `iso19770-ent` and
//! `iso19770-resource-util`).
//!
//! This crate holds only what several crates need:
//!
//! | module | what |
//! |---|---|
//! | [`label`] | [`Label`]: an integer or text key or registry value, the escape of every registry enum |
//! | [`extension`] | preserved unknown content: [`ForeignAttribute`], [`ForeignElement`], CBOR entries, gathered in [`Extensions`] |
//! | [`cbor`] | [`CborValue`](cbor::CborValue) for unknown map entries, a bounded [`Cursor`](cbor::Cursor) and a deterministic [`Writer`](cbor::Writer); the map reading and writing every CBOR codec shares ([`Decoder`](cbor::Decoder), [`Encoder`](cbor::Encoder): keys, duplicates, key paths, sorted output), its errors mapped by [`impl_from_read_error!`] |
//! | [`datetime`] | [`DateTime`]: an `xs:dateTime` kept as written, with Unix seconds |
//! | [`uri`] | RFC 3986 URI references, as links and registration ids hold them |
//! | [`timestamp`] | [`Timestamp`]: an `xs:dateTime` or Unix seconds, kept in its form, and its [`Instant`] |
//! | [`layout`] | [`XmlLayout`]: how an element was written (prefixes, declarations, order, white space), so that a decoded document is written back as it came; a handle into one [`DocumentLayout`] per document, recorded with a [`LayoutBuilder`] |
//! | [`position`] | [`Position`] and [`Path`], used by every decode error and every validation finding |
//! | [`report`] | [`Finding`], [`Severity`] and [`Report`]: the result of a validation |
//! | `decimal` (feature `decimal`) | exact decimals (`rust_decimal`) read from and written as the `xs:decimal` text, with their serde glue and schema |
//! | [`open_vocabulary!`] | open registry vocabularies: known names with an `Other` escape |
//! | `json` (feature `json`) | decoding JSON with the position and path of an error; unknown members flattened into [`Extensions`] |
//! | `xml` (feature `xml`) | the XML tree reader and element writer of the forms that are this project's own (Ent, RUM), lossless for foreign content |
//! | `schema` (feature `schema`) | the JSON Schema clean-up the crates' schemas share |
//!
//! ```
//! use iso19770_core::{Path, PathSegment};
//!
//! let path = Path::from_segments([
//!     PathSegment::element("SoftwareIdentity", 1),
//!     PathSegment::element("Payload", 1),
//!     PathSegment::element("Directory", 2),
//!     PathSegment::element("File", 5),
//!     PathSegment::attribute("size"),
//! ]);
//! assert_eq!(path.to_string(), "SoftwareIdentity/Payload/Directory[2]/File[5]@size");
//! ```

pub mod cbor;
pub mod datetime;
#[cfg(feature = "decimal")]
pub mod decimal;
pub mod extension;
#[cfg(feature = "json")]
pub mod json;
pub mod label;
pub mod layout;
pub mod position;
pub mod report;
#[cfg(feature = "schema")]
pub mod schema;
#[cfg(feature = "serde")]
mod serde_impls;
pub mod timestamp;
pub mod uri;
mod vocabulary;
#[cfg(feature = "xml")]
pub mod xml;

pub use datetime::DateTime;
pub use extension::{Extensions, ForeignAttribute, ForeignElement, NamespaceBinding};
pub use label::Label;
pub use layout::{AttributeLayout, ChildLayout, DocumentLayout, ElementLayout, LayoutBuilder, XmlLayout};
pub use position::{LineColumn, Location, Path, PathSegment, Position};
pub use report::{Finding, Report, Rule, Severity};
pub use timestamp::{Instant, Timestamp};

/// The XML namespace bound to the `xml` prefix (`xml:lang`, `xml:space`), never declared.
pub const XML_NAMESPACE: &str = "http://www.w3.org/XML/1998/namespace";
