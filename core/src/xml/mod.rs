//! XML building blocks shared by the codecs whose XML form is this project's own (feature
//! `xml`): the entitlement (`iso19770-ent`) and measurement (`iso19770-resource-util`) forms,
//! both in the style of ISO/IEC 19770-2:2015 (scalar values as attributes, repeated parts as
//! child elements, one namespace, unknown content kept).
//!
//! - [`read`](mod@read): a namespace-resolving reader from quick-xml events into a small [`Node`] tree
//!   that keeps every element's source span and the declarations in scope, with the helpers a
//!   model reader needs (attributes taken one by one, unknown ones kept or refused, typed values,
//!   kept elements with exactly the declarations they rely on).
//! - [`write`](mod@write): an [`Element`] builder with deterministic output (two-space indentation, escaped
//!   attribute values) that writes kept content back.
//! - [`XmlError`]: what went wrong and where; each crate maps it onto its own decode error.
//!
//! Kept map entries (JSON members or CBOR entries the model has no field for) are written as
//! `<Entry>` elements in the form's namespace, with `key` (a text label) or `label` (an integer
//! label) and one of `text`, `unsigned`, `negative` (CBOR's `n` of `-1 - n`), `bool` or
//! `null="true"`.
//!
//! ```
//! use iso19770_core::xml::{Doc, Element, ReadLimits};
//!
//! let mut e = Element::new("Thing");
//! e.attr("name", "a & b");
//! let xml = e.to_document(Some("urn:example"));
//! assert_eq!(xml, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Thing xmlns=\"urn:example\" name=\"a &amp; b\"/>\n");
//!
//! let doc = Doc::new(&xml, "urn:example");
//! let mut root = doc.parse(&ReadLimits::default())?;
//! assert!(doc.is_ours(&root, "Thing"));
//! assert_eq!(doc.required(&mut root, "name")?, "a & b");
//! # Ok::<(), iso19770_core::xml::XmlError>(())
//! ```

mod error;
pub mod read;
pub mod write;

pub use error::{XmlError, XmlErrorKind};
pub use read::{Attr, Doc, Node, ReadLimits};
pub use write::{Child, Element, XmlEncodeError};
