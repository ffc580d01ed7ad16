//! The XML form of an Ent (feature `xml`, default), in the style of ISO/IEC 19770-2:2015 SWID
//! tags: scalar values as attributes, repeated parts as child elements, one namespace.
//!
//! ```
//! use iso19770_ent::{Ent, Entity, Metric, Quantity, Role};
//!
//! let ent = Ent::new("ent-1")
//!     .with_entity(Entity::new("Contoso Ltd", [Role::Licensee]))
//!     .with_metric(Metric::PerDevice)
//!     .with_quantity(Quantity::count(250));
//! let xml = ent.to_xml_string()?;
//! assert!(xml.contains(r#"<Quantity value="250"/>"#));
//! assert_eq!(Ent::from_xml_str(&xml)?, ent);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # Names: this project's own
//!
//! The schema of ISO/IEC 19770-3:2016 is not public. **Every element name, attribute name and the
//! namespace below are this project's own**, chosen after the `Entity` / `Link` / `Meta` pattern of
//! ISO/IEC 19770-2:2015; a holder of the standard can map them. The default namespace,
//! [`NAMESPACE`] = `urn:iso19770-rs:ent:1`, is a URN of this project (`iso19770-rs`), not the
//! standard's; [`XmlOptions::namespace`] writes and reads any other.
//!
//! | element (in the namespace) | attributes | children |
//! |---|---|---|
//! | `Ent` (root) | `entId` (required), `version`, `revision`, `name`, `xml:lang` | all below, in this order |
//! | `Entity` | `name` (required), `regid`, `role` (space-separated list) | — |
//! | `Link` | `href`, `rel` (both required), `type` (media type) | — |
//! | `Meta` | `sku`, `purchaseOrder`, `purchaseOrderLine`, `invoice`, `agreement`, `contract`, `agreementType`, `purchaseDate` | — |
//! | `Product` | `tagId`, `regid`, `product`, `edition`, `versionFrom`, `versionTo`, `versions="any"` (a range with no bounds) | — |
//! | `Quantity` | `value` (exact decimal) or `unlimited="true"` | — |
//! | `Metric` | `type` (the metric names of the crate docs), `name` (for `other`), `minimumPerProcessor`, `minimumPerServer`, `packSize`, `coresPerLicence`, `socketsPerLicence`, `defaultFactor`, `defaultPvuPerCore`, `subCapacity`, `accessBy` (`user`/`device`), `unit`, `period` | `CoreFactor` (`processorClass`, `factor`), `PvuRating` (`processorClass`, `pvuPerCore`), `Parameter` (`name`, `value`) |
//! | `Right` | `type` (`downgrade`, `upgrade`, `secondUse`, `multipleInstalls`, `virtualization`, `transfer`, or `other` with `name`), `lowestVersion`, `until`, `copies`, `perLicence`, `vmsPerLicence`, `unlimitedVms`, `hostLicensing`, `minimumDaysBetween`, `toThirdParty` | `Edition` (`value`), `Parameter` |
//! | `Limitation` | `type` (`period`, `geography`, `environment`, `organization`, or `other` with `name`), `start`, `end` | `Country`, `Region`, `Environment`, `Unit` (each `value`), `Parameter` |
//! | `Term` | `kind` (required), `start`, `end` | — |
//! | `Entry` (in `Ent`, `Entity`, `Link`, `Meta`, `Product`) | `key` or `label`; `text`, `unsigned`, `negative`, `bool` or `null` | — |
//! | `Cost` | `amount` (exact decimal, required), `currency` (required), `basis` (`total`, `perUnit`, `perPeriod`; default `total`) | — |
//!
//! Booleans are `true` or `false` (`1`/`0` read too) and written only when true. Decimals are
//! written as their exact text (`1.50` stays `1.50`) and read with [`crate::decimal::parse`]: no
//! exponent, no rounding. Dates are kept as written.
//!
//! # Foreign content
//!
//! `Ent`, `Entity`, `Link`, `Meta` and `Product` keep what they do not know in their
//! `extensions`: attributes in other namespaces (or unknown unqualified ones) as
//! [`ForeignAttribute`](iso19770_core::ForeignAttribute)s, unknown child elements as
//! [`ForeignElement`](iso19770_core::ForeignElement)s with their exact source text and the
//! declarations it relies on; the writer puts them back (attributes after the known ones,
//! elements after the known children) and declares those namespaces on the element that holds
//! them. The other elements keep nothing: an unknown attribute or child there is an error, never
//! dropped. CBOR or JSON map entries kept in those `extensions` (a JSON member the model does not
//! know) are written as `Entry` elements of this namespace, with `key` (a text label) or `label`
//! (an integer label) and one of `text`, `unsigned`, `negative` (CBOR's `n` of `-1 - n`), `bool`
//! or `null="true"`; other values (arrays, maps, tags, floats, bytes) cannot be written
//! ([`EncodeError::NotRepresentable`]).
//!
//! # Limits
//!
//! Reading refuses a document type declaration (no DTD, no entity expansion), elements nested
//! deeper than [`XmlOptions::max_depth`] and more than [`XmlOptions::max_attributes`] attributes
//! on one element. Every error has the line, the column and the element path.

mod read;
mod write;

use crate::{DecodeError, EncodeError, Ent};
use iso19770_core::xml::{XmlEncodeError, XmlError, XmlErrorKind};

impl From<XmlError> for DecodeError {
    fn from(e: XmlError) -> Self {
        let at = e.at;
        match e.kind {
            XmlErrorKind::Doctype => DecodeError::XmlDoctype { at },
            XmlErrorKind::UnexpectedElement { expected, found } => {
                DecodeError::XmlUnexpectedElement { at, expected, found }
            }
            XmlErrorKind::MissingAttribute(name) => DecodeError::XmlMissingAttribute { at, name },
            XmlErrorKind::UnknownAttribute(name) => DecodeError::XmlUnknownAttribute { at, name },
            XmlErrorKind::BadValue { value, message } => DecodeError::XmlBadValue { at, value, message },
            XmlErrorKind::TooManyAttributes(limit) => DecodeError::XmlTooManyAttributes { at, limit },
            XmlErrorKind::TooDeep(limit) => DecodeError::TooDeep { at, limit },
            XmlErrorKind::TooManyNamespaces(limit) => DecodeError::XmlTooManyNamespaces { at, limit },
            XmlErrorKind::TooLarge(limit) => DecodeError::XmlTooLarge { at, limit },
            XmlErrorKind::Syntax(message) => DecodeError::XmlSyntax { at, message },
            other => DecodeError::XmlSyntax { at, message: format!("{other:?}") },
        }
    }
}

impl From<XmlEncodeError> for EncodeError {
    fn from(e: XmlEncodeError) -> Self {
        match e {
            XmlEncodeError::DuplicateKey { path, key } => EncodeError::DuplicateKey { path, key },
            XmlEncodeError::NotRepresentable { path, what } => {
                EncodeError::NotRepresentable { path, what, format: "XML" }
            }
            other => EncodeError::NotRepresentable {
                path: iso19770_core::Path::default(),
                what: format!("{other:?}"),
                format: "XML",
            },
        }
    }
}

/// The default namespace of the Ent XML form: **this project's own** URN, not the standard's
/// (whose schema is not public).
pub const NAMESPACE: &str = "urn:iso19770-rs:ent:1";

/// Options of the XML reader and writer.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct XmlOptions {
    /// The namespace of the Ent elements, written as the default namespace and required on read.
    pub namespace: String,
    /// The deepest nesting read (the root is depth 1).
    pub max_depth: usize,
    /// The most attributes (namespace declarations included) read on one element.
    pub max_attributes: usize,
    /// The most namespace declarations in scope at once (default 256).
    pub max_namespace_bindings: usize,
}

impl Default for XmlOptions {
    fn default() -> Self {
        XmlOptions { namespace: NAMESPACE.to_owned(), max_depth: 64, max_attributes: 256, max_namespace_bindings: 256 }
    }
}

impl XmlOptions {
    /// The default options with another namespace.
    pub fn with_namespace(namespace: impl Into<String>) -> Self {
        XmlOptions { namespace: namespace.into(), ..XmlOptions::default() }
    }
}

impl Ent {
    /// Reads an Ent from its XML form in the default namespace ([`NAMESPACE`]).
    ///
    /// # Errors
    ///
    /// A [`DecodeError`] with the line, column and element path where reading stopped.
    pub fn from_xml_str(xml: &str) -> Result<Ent, DecodeError> {
        Ent::from_xml_str_with(xml, &XmlOptions::default())
    }

    /// Reads an Ent from its XML form with these options.
    ///
    /// # Errors
    ///
    /// A [`DecodeError`] with the line, column and element path where reading stopped.
    pub fn from_xml_str_with(xml: &str, options: &XmlOptions) -> Result<Ent, DecodeError> {
        read::read(xml, options)
    }

    /// Writes the XML form in the default namespace ([`NAMESPACE`]).
    ///
    /// # Errors
    ///
    /// [`EncodeError::NotRepresentable`] for CBOR or JSON entries kept in `extensions`;
    /// [`EncodeError::DuplicateKey`] when kept content needs one prefix for two namespaces.
    pub fn to_xml_string(&self) -> Result<String, EncodeError> {
        self.to_xml_string_with(&XmlOptions::default())
    }

    /// Writes the XML form with these options.
    ///
    /// # Errors
    ///
    /// As [`Ent::to_xml_string`].
    pub fn to_xml_string_with(&self, options: &XmlOptions) -> Result<String, EncodeError> {
        write::write(self, options)
    }
}
