//! The crate's decode and encode errors.
//!
//! A decode error means the input is not well-formed or cannot be this model; it carries the
//! [`Location`] (line, column, byte offset and element path) where reading stopped. Whether a
//! well-formed tag conforms to the standard is not a decode error but a validation finding.

use crate::registry::HashAlgorithm;
use iso19770_core::{Location, Path, Position};
use std::fmt;

/// What a document that is not an ISO/IEC 19770-2:2015 SWID tag turned out to be.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum DocumentKind {
    /// An ISO/IEC 19770-2:2009 tag (root `software_identification_tag`).
    Iso2009,
    /// A tag in the namespace of a 2008 draft.
    Draft2008,
    /// A tag in the namespace of the 2014 draft international standard (accepted by
    /// [`DecodeOptions::legacy_namespaces`](crate::xml::DecodeOptions::legacy_namespaces)).
    Dis2014,
    /// A `SoftwareIdentity` root without a namespace (accepted by
    /// [`DecodeOptions::legacy_namespaces`](crate::xml::DecodeOptions::legacy_namespaces)).
    NoNamespace,
    /// `SoftwareIdentity` in some other namespace.
    OtherNamespace(String),
    /// Another root element.
    OtherRoot {
        /// Its namespace.
        namespace: Option<String>,
        /// Its local name.
        name: String,
    },
}

impl fmt::Display for DocumentKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DocumentKind::Iso2009 => f.write_str(
                "an ISO/IEC 19770-2:2009 tag (root software_identification_tag), not a 2015 SWID tag",
            ),
            DocumentKind::Draft2008 => {
                f.write_str("a tag in a 2008 draft namespace, not the ISO/IEC 19770-2:2015 namespace")
            }
            DocumentKind::Dis2014 => f.write_str(
                "a tag in the 2014 DIS namespace, not the ISO/IEC 19770-2:2015 namespace (the legacy-namespaces option accepts it)",
            ),
            DocumentKind::NoNamespace => f.write_str(
                "a SoftwareIdentity without a namespace; a 2015 tag declares xmlns=\"http://standards.iso.org/iso/19770/-2/2015/schema.xsd\" (the legacy-namespaces option accepts it)",
            ),
            DocumentKind::OtherNamespace(ns) => {
                write!(f, "a SoftwareIdentity in the namespace {ns:?}, not the ISO/IEC 19770-2:2015 namespace")
            }
            DocumentKind::OtherRoot { namespace, name } => match namespace {
                Some(ns) => write!(f, "the root element is {{{ns}}}{name}, not SoftwareIdentity"),
                None => write!(f, "the root element is {name}, not SoftwareIdentity"),
            },
        }
    }
}

/// Why a document could not be decoded.
///
/// Every variant carries the [`Location`] (boxed, to keep `Result`s small) where reading stopped.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum DecodeError {
    /// The input is not well-formed XML.
    #[error("{at}: not well-formed XML: {message}")]
    Syntax {
        /// Where.
        at: Box<Location>,
        /// What the XML reader found.
        message: String,
    },
    /// The input is not valid UTF-8.
    #[error("{at}: invalid UTF-8")]
    InvalidUtf8 {
        /// Where.
        at: Box<Location>,
    },
    /// The document declares an encoding other than UTF-8, or starts with a UTF-16 byte-order
    /// mark.
    #[error("{at}: unsupported encoding {encoding:?}; tags are read as UTF-8")]
    UnsupportedEncoding {
        /// Where.
        at: Box<Location>,
        /// The declared or detected encoding.
        encoding: String,
    },
    /// The input ends inside an element.
    #[error("{at}: the document ends before this element is closed")]
    UnexpectedEof {
        /// The element left open.
        at: Box<Location>,
    },
    /// An end tag does not match the open element.
    #[error("{at}: end tag </{found}> does not close <{expected}>")]
    MismatchedEndTag {
        /// Where.
        at: Box<Location>,
        /// The open element.
        expected: String,
        /// The end tag found.
        found: String,
    },
    /// The document has a document type declaration. DTDs are refused so that entity expansion
    /// (billion laughs) cannot happen.
    #[error("{at}: document type declarations are refused (no DTD, no entity expansion)")]
    DtdNotAllowed {
        /// Where.
        at: Box<Location>,
    },
    /// A reference to an entity that XML does not predefine.
    #[error("{at}: undefined entity reference &{name};")]
    UndefinedEntity {
        /// Where.
        at: Box<Location>,
        /// The entity name.
        name: String,
    },
    /// An attribute given twice on one element (by name, or by namespace and local name).
    #[error("{at}: duplicate attribute {name}")]
    DuplicateAttribute {
        /// Where.
        at: Box<Location>,
        /// The attribute.
        name: String,
    },
    /// A prefix used without a declaration in scope.
    #[error("{at}: the prefix {prefix:?} is not declared")]
    UndeclaredPrefix {
        /// Where.
        at: Box<Location>,
        /// The prefix.
        prefix: String,
    },
    /// A namespace declaration XML forbids (binding `xml` or `xmlns`).
    #[error("{at}: invalid namespace declaration: {message}")]
    InvalidNamespaceDeclaration {
        /// Where.
        at: Box<Location>,
        /// What is wrong.
        message: String,
    },
    /// An `xs:boolean` attribute with another value.
    #[error("{at}: invalid boolean {value:?} (expected true, false, 1 or 0)")]
    InvalidBoolean {
        /// Where.
        at: Box<Location>,
        /// The value.
        value: String,
    },
    /// An `xs:integer` attribute with another value.
    #[error("{at}: invalid integer {value:?}")]
    InvalidInteger {
        /// Where.
        at: Box<Location>,
        /// The value.
        value: String,
    },
    /// An integer attribute outside the range the model holds.
    #[error("{at}: integer {value} is out of range ({min} to {max})")]
    IntegerOutOfRange {
        /// Where.
        at: Box<Location>,
        /// The value.
        value: String,
        /// The smallest value accepted.
        min: i128,
        /// The largest value accepted.
        max: i128,
    },
    /// A hash attribute whose value is not hex.
    #[error("{at}: invalid hex digest {value:?}")]
    InvalidHex {
        /// Where.
        at: Box<Location>,
        /// The value.
        value: String,
    },
    /// Elements nest deeper than [`DecodeOptions::max_depth`](crate::xml::DecodeOptions::max_depth).
    #[error("{at}: elements nest deeper than the limit of {limit}")]
    TooDeep {
        /// Where.
        at: Box<Location>,
        /// The limit.
        limit: usize,
    },
    /// An element has more attributes than
    /// [`DecodeOptions::max_attributes`](crate::xml::DecodeOptions::max_attributes).
    #[error("{at}: more than {limit} attributes on one element")]
    TooManyAttributes {
        /// Where.
        at: Box<Location>,
        /// The limit.
        limit: usize,
    },
    /// The document is well-formed but not an ISO/IEC 19770-2:2015 tag.
    #[error("{at}: {kind}")]
    NotSwid2015 {
        /// Where (the root element).
        at: Box<Location>,
        /// What it is instead.
        kind: DocumentKind,
    },
    /// The input has no root element.
    #[error("{at}: the document has no root element")]
    NoRootElement {
        /// Where the input ended.
        at: Box<Location>,
    },
    /// Something other than white space, comments and processing instructions after the root.
    #[error("{at}: {what} after the root element")]
    ContentAfterRoot {
        /// Where.
        at: Box<Location>,
        /// What was found.
        what: String,
    },
    /// Reading the input failed.
    #[error("{at}: i/o error: {source}")]
    Io {
        /// Where reading stopped.
        at: Box<Location>,
        /// The error.
        #[source]
        source: std::io::Error,
    },
}

impl DecodeError {
    /// Where reading stopped.
    pub fn location(&self) -> &Location {
        match self {
            DecodeError::Syntax { at, .. }
            | DecodeError::InvalidUtf8 { at }
            | DecodeError::UnsupportedEncoding { at, .. }
            | DecodeError::UnexpectedEof { at }
            | DecodeError::MismatchedEndTag { at, .. }
            | DecodeError::DtdNotAllowed { at }
            | DecodeError::UndefinedEntity { at, .. }
            | DecodeError::DuplicateAttribute { at, .. }
            | DecodeError::UndeclaredPrefix { at, .. }
            | DecodeError::InvalidNamespaceDeclaration { at, .. }
            | DecodeError::InvalidBoolean { at, .. }
            | DecodeError::InvalidInteger { at, .. }
            | DecodeError::IntegerOutOfRange { at, .. }
            | DecodeError::InvalidHex { at, .. }
            | DecodeError::TooDeep { at, .. }
            | DecodeError::TooManyAttributes { at, .. }
            | DecodeError::NotSwid2015 { at, .. }
            | DecodeError::NoRootElement { at }
            | DecodeError::ContentAfterRoot { at, .. }
            | DecodeError::Io { at, .. } => at,
        }
    }

    /// The position in the input.
    pub fn position(&self) -> Position {
        self.location().position
    }

    /// The path of the element or attribute being read.
    pub fn path(&self) -> &Path {
        &self.location().path
    }

    /// True for errors after which a reader of several tags can go on with the next tag: the
    /// XML is well-formed, only this tag cannot be the model.
    pub fn is_recoverable(&self) -> bool {
        matches!(
            self,
            DecodeError::InvalidBoolean { .. }
                | DecodeError::InvalidInteger { .. }
                | DecodeError::IntegerOutOfRange { .. }
                | DecodeError::InvalidHex { .. }
        )
    }
}

/// Why a model could not be encoded.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum EncodeError {
    /// Writing the output failed.
    #[error("i/o error: {0}")]
    Io(#[from] std::io::Error),
    /// A hash whose algorithm has no XML namespace (the truncated SHA-256 variants, unassigned
    /// ids): SWID XML cannot name it.
    #[error("{path}: the hash algorithm {algorithm} has no SWID XML namespace")]
    NoXmlNamespace {
        /// The file.
        path: Path,
        /// The algorithm.
        algorithm: HashAlgorithm,
    },
    /// Two preserved elements under one parent need one prefix bound to two namespaces.
    #[error("{path}: preserved elements need the prefix {prefix:?} bound to both {first:?} and {second:?}")]
    NamespaceConflict {
        /// The parent element.
        path: Path,
        /// The prefix (`None`: the default namespace).
        prefix: Option<String>,
        /// One namespace.
        first: String,
        /// The other.
        second: String,
    },
    /// A character XML 1.0 cannot carry (a control character, an unpaired surrogate code point).
    #[error("{path}: U+{code:04X} cannot be written in XML 1.0")]
    InvalidCharacter {
        /// Where.
        path: Path,
        /// The code point.
        code: u32,
    },
    /// An extension attribute or a namespace prefix whose name is not an XML name.
    #[error("{path}: {name:?} is not a valid XML name")]
    InvalidName {
        /// Where.
        path: Path,
        /// The name.
        name: String,
    },
}
