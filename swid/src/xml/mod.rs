//! The ISO/IEC 19770-2:2015 XML codec.
//!
//! Decoding uses quick-xml's namespace-aware reader: elements are recognised by namespace and
//! local name, never by prefix; hashes by the namespace of their `hash` attribute. Everything the
//! model has no field for is kept (foreign attributes with their namespace, foreign elements as
//! their exact source text) and written back where it was; each element's [`XmlLayout`] records
//! prefixes, declarations, attribute and child order and the text between children, so that a
//! decoded tag is written back as it came and a `ds:Signature` over it still verifies.
//!
//! DTDs are refused (no entity expansion), nesting and attribute counts are bounded
//! ([`DecodeOptions`]), and every error carries a line, column, byte offset and element path.
//!
//! ```
//! use iso19770_swid::SoftwareIdentity;
//!
//! let xml = r#"<SoftwareIdentity xmlns="http://standards.iso.org/iso/19770/-2/2015/schema.xsd"
//!     xmlns:sha256="http://www.w3.org/2001/04/xmlenc#sha256"
//!     name="hello" tagId="example.com-hello-1.0" version="1.0">
//!   <Entity name="Example" regid="example.com" role="tagCreator softwareCreator"/>
//!   <Payload>
//!     <File name="hello" size="3" sha256:hash="ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"/>
//!   </Payload>
//! </SoftwareIdentity>"#;
//! let tag = SoftwareIdentity::from_xml_str(xml)?;
//! let file = &tag.payload().expect("a payload").items.files[0];
//! assert_eq!(file.hashes[0].algorithm, iso19770_swid::HashAlgorithm::Sha256);
//! // Written back as it came.
//! assert_eq!(tag.to_xml_string()?, xml);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! [`XmlLayout`]: iso19770_core::XmlLayout

mod attrs;
mod kind;
mod names;
mod read;
mod source;
mod write;

use crate::error::{DecodeError, EncodeError};
use crate::model::SoftwareIdentity;
use iso19770_core::{Location, Path, Position};
use read::Reader;
use source::{StrSource, StreamSource};
use std::io::{BufRead, Write};

/// Options of the XML decoder.
///
/// ```
/// use iso19770_swid::xml::DecodeOptions;
///
/// let opts = DecodeOptions::default().max_depth(16).legacy_namespaces(true);
/// assert_eq!(opts.max_depth, 16);
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct DecodeOptions {
    /// The deepest nesting of elements accepted, foreign elements included (default 64, at most
    /// [`DecodeOptions::MAX_DEPTH_CEILING`]). A tag needs 2 levels plus one per directory level.
    pub max_depth: usize,
    /// The most attributes (namespace declarations included) on one element (default 256).
    pub max_attributes: usize,
    /// Accept tags without a namespace and tags in the 2014 DIS namespace as 2015 tags, and SWID
    /// element names without a namespace inside a 2015 tag (as written by some TCG RIM tools).
    /// Such tags are written back in the 2015 namespace. Default false: they are errors that say
    /// what they are.
    pub legacy_namespaces: bool,
    /// Record each element's layout (default true). Without it decoding is faster, and encoding
    /// writes the canonical form.
    pub keep_layout: bool,
    /// The most namespace declarations in scope at once (default 256).
    pub max_namespace_bindings: usize,
    /// Keep an attribute whose value is not of the type the model stores it as (a boolean, an
    /// integer, a hex digest) as a foreign attribute of its element, with its namespace, name
    /// and text, instead of failing (default false: such a value is
    /// [`DecodeError::InvalidBoolean`], [`DecodeError::InvalidInteger`],
    /// [`DecodeError::IntegerOutOfRange`] or [`DecodeError::InvalidHex`]). The typed field
    /// stays unset and the attribute is written back as it came; validation reports it
    /// (rules `swid-boolean`, `swid-integer`, `swid-hash-value`). For validators, which report
    /// every problem of a tag rather than the first.
    ///
    /// ```
    /// use iso19770_swid::SoftwareIdentity;
    /// use iso19770_swid::xml::DecodeOptions;
    ///
    /// let xml = r#"<SoftwareIdentity xmlns="http://standards.iso.org/iso/19770/-2/2015/schema.xsd"
    ///     name="x" tagId="x" patch="yes"><Entity name="a" role="tagCreator"/></SoftwareIdentity>"#;
    /// assert!(SoftwareIdentity::from_xml_str(xml).is_err());
    /// let opts = DecodeOptions::default().keep_invalid_values(true);
    /// let tag = SoftwareIdentity::from_xml_str_with(xml, &opts)?;
    /// assert_eq!(tag.patch, None);
    /// assert_eq!(tag.extensions.attribute(None, "patch"), Some("yes"));
    /// assert!(tag.to_xml_string()?.contains(r#"patch="yes""#));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub keep_invalid_values: bool,
}

impl DecodeOptions {
    /// The highest accepted [`DecodeOptions::max_depth`]: elements are read recursively.
    pub const MAX_DEPTH_CEILING: usize = 256;

    /// Sets [`DecodeOptions::max_depth`], capped at [`DecodeOptions::MAX_DEPTH_CEILING`].
    #[must_use]
    pub fn max_depth(mut self, depth: usize) -> Self {
        self.max_depth = depth.min(Self::MAX_DEPTH_CEILING);
        self
    }

    /// Sets [`DecodeOptions::max_attributes`].
    #[must_use]
    pub fn max_attributes(mut self, count: usize) -> Self {
        self.max_attributes = count;
        self
    }

    /// Sets [`DecodeOptions::legacy_namespaces`].
    #[must_use]
    pub fn legacy_namespaces(mut self, accept: bool) -> Self {
        self.legacy_namespaces = accept;
        self
    }

    /// Sets [`DecodeOptions::max_namespace_bindings`].
    #[must_use]
    pub fn max_namespace_bindings(mut self, count: usize) -> Self {
        self.max_namespace_bindings = count;
        self
    }

    /// Sets [`DecodeOptions::keep_invalid_values`].
    #[must_use]
    pub fn keep_invalid_values(mut self, keep: bool) -> Self {
        self.keep_invalid_values = keep;
        self
    }

    /// Sets [`DecodeOptions::keep_layout`].
    #[must_use]
    pub fn keep_layout(mut self, keep: bool) -> Self {
        self.keep_layout = keep;
        self
    }

    fn effective(mut self) -> Self {
        self.max_depth = self.max_depth.min(Self::MAX_DEPTH_CEILING);
        self
    }
}

impl Default for DecodeOptions {
    fn default() -> Self {
        DecodeOptions {
            max_depth: 64,
            max_attributes: 256,
            legacy_namespaces: false,
            keep_layout: true,
            max_namespace_bindings: 256,
            keep_invalid_values: false,
        }
    }
}

/// Refuses input that starts with a UTF-16 byte-order mark.
fn check_not_utf16(head: &[u8]) -> Result<(), DecodeError> {
    if head.starts_with(&[0xFF, 0xFE]) || head.starts_with(&[0xFE, 0xFF]) {
        return Err(DecodeError::UnsupportedEncoding {
            at: Box::new(Location::new(Position::text(0, 1, 1), Path::default())),
            encoding: "UTF-16".to_owned(),
        });
    }
    Ok(())
}

impl SoftwareIdentity {
    /// Decodes a tag from XML text.
    ///
    /// ```
    /// use iso19770_swid::{DecodeError, SoftwareIdentity};
    ///
    /// let err = SoftwareIdentity::from_xml_str("<SoftwareIdentity name='x'/>").unwrap_err();
    /// assert!(matches!(err, DecodeError::NotSwid2015 { .. }));
    /// assert_eq!(err.position().line(), Some(1));
    /// ```
    pub fn from_xml_str(xml: &str) -> Result<Self, DecodeError> {
        Self::from_xml_str_with(xml, &DecodeOptions::default())
    }

    /// Decodes a tag from XML text with options.
    pub fn from_xml_str_with(xml: &str, options: &DecodeOptions) -> Result<Self, DecodeError> {
        Reader::new(StrSource::new(xml, options.max_namespace_bindings), options.clone().effective()).document()
    }

    /// Decodes a tag from XML bytes, which must be UTF-8.
    pub fn from_xml_slice(xml: &[u8]) -> Result<Self, DecodeError> {
        Self::from_xml_reader_with(xml, &DecodeOptions::default())
    }

    /// Decodes a tag from a reader of UTF-8 XML, holding one event in memory at a time.
    pub fn from_xml_reader(reader: impl BufRead) -> Result<Self, DecodeError> {
        Self::from_xml_reader_with(reader, &DecodeOptions::default())
    }

    /// Decodes a tag from a reader with options.
    pub fn from_xml_reader_with(mut reader: impl BufRead, options: &DecodeOptions) -> Result<Self, DecodeError> {
        let head = reader.fill_buf().map_err(|source| DecodeError::Io { at: Box::default(), source })?;
        check_not_utf16(head)?;
        let bom = head.starts_with(&[0xEF, 0xBB, 0xBF]);
        Reader::new(StreamSource::new(reader, options.max_namespace_bindings, bom), options.clone().effective())
            .document()
    }

    /// Encodes the tag as an XML document.
    ///
    /// A decoded tag is written as it was read (same prefixes, declarations, order and white
    /// space) except where the model was changed; a tag built in code is written with the 2015
    /// namespace as default namespace and two-space indentation.
    pub fn to_xml_string(&self) -> Result<String, EncodeError> {
        let mut out = Vec::new();
        self.write_xml(&mut out)?;
        String::from_utf8(out).map_err(|e| EncodeError::Io(std::io::Error::new(std::io::ErrorKind::InvalidData, e)))
    }

    /// Encodes the tag as an XML document into a writer.
    ///
    /// Content XML cannot carry (CoSWID entries outside the model, an evidence `location`) is
    /// an [`EncodeError::CannotCarry`]; [`to_xml_subset`](Self::to_xml_subset) leaves it out.
    pub fn write_xml(&self, out: impl Write) -> Result<(), EncodeError> {
        crate::omission::check(self, true, "XML")?;
        let mut writer = write::XmlWriter::new(out);
        writer.document(self)?;
        writer.into_inner();
        Ok(())
    }
}

/// The tags of a container document, one at a time: every `SoftwareIdentity` at any depth (the
/// rpm repodata `swidtags` file, a plain tag, any wrapper).
///
/// After an error that leaves the XML readable (a bad boolean, integer or digest) the iterator
/// goes on with the next tag; after any other error it ends.
///
/// ```
/// use iso19770_swid::xml::XmlTags;
///
/// let xml = r#"<list><SoftwareIdentity xmlns="http://standards.iso.org/iso/19770/-2/2015/schema.xsd" name="a" tagId="a" corpus="maybe"/>
/// <SoftwareIdentity xmlns="http://standards.iso.org/iso/19770/-2/2015/schema.xsd" name="b" tagId="b"/></list>"#;
/// let results: Vec<_> = XmlTags::new(xml.as_bytes()).collect();
/// assert!(results[0].is_err());
/// assert_eq!(results[1].as_ref().map(|t| t.name.as_deref()).ok().flatten(), Some("b"));
/// ```
pub struct XmlTags<R: BufRead> {
    reader: Option<Reader<StreamSource<R>>>,
}

impl<R: BufRead> XmlTags<R> {
    /// The tags of `input`.
    pub fn new(input: R) -> Self {
        Self::with_options(input, &DecodeOptions::default())
    }

    /// The tags of `input`, decoded with options.
    pub fn with_options(input: R, options: &DecodeOptions) -> Self {
        let source = StreamSource::new(input, options.max_namespace_bindings, false);
        XmlTags { reader: Some(Reader::new(source, options.clone().effective())) }
    }
}

impl<R: BufRead> Iterator for XmlTags<R> {
    type Item = Result<SoftwareIdentity, DecodeError>;

    fn next(&mut self) -> Option<Self::Item> {
        let reader = self.reader.as_mut()?;
        let item = reader.next_tag();
        match &item {
            None => self.reader = None,
            Some(Err(e)) if !e.is_recoverable() => self.reader = None,
            Some(_) => {}
        }
        item
    }
}
