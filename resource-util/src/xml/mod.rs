//! The XML form of a RUM (feature `xml`, default), in the style of ISO/IEC 19770-2:2015 SWID
//! tags: scalar values as attributes, repeated parts as child elements, one namespace.
//!
//! ```
//! use iso19770_resource_util::{Measurement, Rum, Decimal};
//!
//! let rum = Rum::new("r-1").with_measurement(
//!     Measurement::new("AUTHORIZED_USER", Decimal::from(4))
//!         .with_period("2020-04-29T06:59:11+00:00", "2020-04-29T07:14:11+00:00"),
//! );
//! let xml = rum.to_xml_string()?;
//! assert!(xml.contains(r#"<Measurement metric="AUTHORIZED_USER" value="4" start="2020-04-29T06:59:11+00:00" end="2020-04-29T07:14:11+00:00"/>"#));
//! assert_eq!(Rum::from_xml_str(&xml)?, rum);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # Names: this project's own
//!
//! The schema of ISO/IEC 19770-4:2017 (its Annex A) is not public. **Every element name,
//! attribute name and the namespace below are this project's own**, chosen after the `Entity` /
//! `Link` / `Meta` pattern of ISO/IEC 19770-2:2015 and the field formats; a holder of the
//! standard can map them. The default namespace, [`NAMESPACE`] = `urn:iso19770-rs:rum:1`, is a
//! URN of this project (`iso19770-rs`), not the standard's; [`XmlOptions::namespace`] writes and
//! reads any other.
//!
//! | element (in the namespace) | attributes | children |
//! |---|---|---|
//! | `Rum` (root) | `rumId` (required), `version`, `revision`, `xml:lang` | all below, in this order |
//! | `Entity` | `name` (required), `regid`, `role` (space-separated list) | — |
//! | `Link` | `href`, `rel` (both required), `type` (media type) | — |
//! | `Meta` | `product`, `softwareVersion`, `reportId`, `schemaVersion` | — |
//! | `Asset` (at most one) | `tagId`, `persistentId`, `name`, `instanceId`, `deviceId` | — |
//! | `Measurement` | `logTime`, `metric` (required), `subtype`, `unit`, `value` (required, exact decimal), `start`, `end`, `sampleInterval`, `sampleCount`, `aggregation` | — |
//! | `Entry` (in any element above) | `key` or `label`; `text`, `unsigned`, `negative`, `bool` or `null` | — |
//!
//! Values are written as their exact text (`1.235` stays `1.235`) and read with
//! [`iso19770_core::decimal::parse`]: no exponent, no rounding. A timestamp is written as it was
//! given: an `xs:dateTime` text as written, Unix seconds as an integer; on reading, a text of
//! digits only (with an optional `-`) is Unix seconds, anything else an `xs:dateTime` text (so a
//! date-time text of digits only cannot be written: [`EncodeError::NotRepresentable`]).
//!
//! # Foreign content
//!
//! Every element keeps what it does not know in its `extensions`: attributes in other namespaces
//! (or unknown unqualified ones), unknown child elements with their exact source text and the
//! declarations they rely on, and `Entry` elements for JSON members or CBOR entries the model has
//! no field for (see [`iso19770_core::xml`]). The writer puts them back.
//!
//! # Limits
//!
//! Reading refuses a document type declaration (no DTD, no entity expansion), elements nested
//! deeper than [`XmlOptions::max_depth`] and more than [`XmlOptions::max_attributes`] attributes
//! on one element. Every error has the line, the column and the element path.

mod read;
mod write;

use crate::{DecodeError, EncodeError, Rum};
use iso19770_core::xml::{XmlEncodeError, XmlError, XmlErrorKind};

/// The default namespace of the RUM XML form: **this project's own** URN, not the standard's
/// (whose schema is not public).
pub const NAMESPACE: &str = "urn:iso19770-rs:rum:1";

/// Options of the XML reader and writer.
///
/// ```
/// use iso19770_resource_util::xml::XmlOptions;
///
/// let o = XmlOptions::with_namespace("http://example.com/rum");
/// assert_eq!(o.max_depth, 64);
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct XmlOptions {
    /// The namespace of the RUM elements, written as the default namespace and required on read.
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

impl Rum {
    /// Reads a RUM from its XML form in the default namespace ([`NAMESPACE`]).
    ///
    /// ```
    /// use iso19770_resource_util::{DecodeError, Rum};
    ///
    /// let err = Rum::from_xml_str("<Rum xmlns='urn:iso19770-rs:rum:1' rumId='r'>\n<Measurement metric='m' value='1e3'/></Rum>").unwrap_err();
    /// assert!(matches!(err, DecodeError::BadValue { .. }));
    /// assert_eq!(err.path().to_string(), "Rum/Measurement@value");
    /// assert_eq!(err.position().line(), Some(2));
    /// ```
    pub fn from_xml_str(xml: &str) -> Result<Rum, DecodeError> {
        Rum::from_xml_str_with(xml, &XmlOptions::default())
    }

    /// Reads a RUM from its XML form with these options.
    pub fn from_xml_str_with(xml: &str, options: &XmlOptions) -> Result<Rum, DecodeError> {
        read::read(xml, options)
    }

    /// Writes the XML form in the default namespace ([`NAMESPACE`]).
    ///
    /// # Errors
    ///
    /// [`EncodeError::NotRepresentable`] for kept entries whose value XML cannot carry (arrays,
    /// maps, tags, floats, bytes) and for date-time texts of digits only;
    /// [`EncodeError::DuplicateKey`] when kept content needs one prefix for two namespaces.
    pub fn to_xml_string(&self) -> Result<String, EncodeError> {
        self.to_xml_string_with(&XmlOptions::default())
    }

    /// Writes the XML form with these options.
    pub fn to_xml_string_with(&self, options: &XmlOptions) -> Result<String, EncodeError> {
        write::write(self, options)
    }
}

impl From<XmlError> for DecodeError {
    fn from(e: XmlError) -> Self {
        let at = e.at;
        match e.kind {
            XmlErrorKind::Doctype => DecodeError::XmlDoctype { at },
            XmlErrorKind::UnexpectedElement { expected, found } => {
                DecodeError::XmlUnexpectedElement { at, expected, found }
            }
            XmlErrorKind::MissingAttribute(name) => DecodeError::XmlMissing { at, name },
            XmlErrorKind::UnknownAttribute(name) => DecodeError::XmlUnknownAttribute { at, name },
            XmlErrorKind::BadValue { value, message } => DecodeError::BadValue { at, value, message },
            XmlErrorKind::TooManyAttributes(limit) => DecodeError::XmlTooManyAttributes { at, limit },
            XmlErrorKind::TooDeep(limit) => DecodeError::XmlTooDeep { at, limit },
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
