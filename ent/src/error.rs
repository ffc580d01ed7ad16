//! The crate's decode and encode errors.
//!
//! A decode error means the input is not well-formed or cannot be this model; it carries the
//! [`Location`] (line, column, byte offset and path) where reading stopped: for CBOR, the byte
//! offset of the item's head and the key path (`terms[0]/end`, named by the JSON names of the
//! keys); for XML, the line and column and the element path
//! (`Ent/Metric/CoreFactor[2]@factor`). Whether a well-formed
//! Ent keeps the rules is not a decode error but a validation finding.

use iso19770_core::{Location, Path, Position};

/// Why a document could not be read as an Ent.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum DecodeError {
    /// The JSON is not well-formed, or a member has the wrong type or value (an unknown metric
    /// `type`, a floating-point quantity, a negative count); `message` is the JSON reader's.
    #[error("{at}: {message}")]
    Json {
        /// Where: the line and column, and the path of the member (`metric`, `terms[0]/end`).
        at: Box<Location>,
        /// What is wrong.
        message: String,
    },
    /// The CBOR input ends inside an item.
    #[error("{at}: the input ends inside a CBOR item")]
    CborTruncated {
        /// Where: the byte offset of the item's head, and the key path.
        at: Box<Location>,
    },
    /// Not valid CBOR (a reserved head, a misplaced break).
    #[error("{at}: not valid CBOR: {message}")]
    CborInvalid {
        /// Where.
        at: Box<Location>,
        /// What is wrong.
        message: String,
    },
    /// A CBOR string, array or map declares more than the input holds; refused before anything
    /// is allocated for it.
    #[error("{at}: declared length {declared} is beyond the {remaining} byte(s) left")]
    LengthBeyondInput {
        /// Where: the item's head.
        at: Box<Location>,
        /// The declared length (bytes, or items).
        declared: u64,
        /// The bytes left.
        remaining: u64,
    },
    /// A CBOR length above the decoder's limit.
    #[error("{at}: declared length {declared} is above the limit of {limit}")]
    LengthAboveLimit {
        /// Where: the item's head.
        at: Box<Location>,
        /// The declared length.
        declared: u64,
        /// The limit.
        limit: u64,
    },
    /// CBOR items nest deeper than the decoder's limit.
    #[error("{at}: items nest deeper than the limit of {limit}")]
    TooDeep {
        /// Where: the item one level too deep.
        at: Box<Location>,
        /// The limit.
        limit: usize,
    },
    /// A CBOR text string that is not UTF-8.
    #[error("{at}: a text string that is not UTF-8")]
    InvalidUtf8 {
        /// Where: the string's head.
        at: Box<Location>,
    },
    /// A CBOR item of the wrong type for its key (a map where a text is expected).
    #[error("{at}: expected {expected}, found {found}")]
    WrongType {
        /// Where: the item's head and the key path (`metric/packSize`).
        at: Box<Location>,
        /// What the key takes.
        expected: &'static str,
        /// What was found.
        found: String,
    },
    /// An integer out of the range of its field.
    #[error("{at}: integer {value} is out of range ({min} to {max})")]
    IntegerOutOfRange {
        /// Where.
        at: Box<Location>,
        /// The value, as text.
        value: String,
        /// The least value allowed.
        min: i128,
        /// The greatest value allowed.
        max: i128,
    },
    /// A CBOR decimal that an exact decimal cannot hold (a mantissa beyond 96 bits, more than 28
    /// digits after the point).
    #[error("{at}: {message}")]
    InexactDecimal {
        /// Where: the decimal's head.
        at: Box<Location>,
        /// What is wrong.
        message: String,
    },
    /// A code or name that its vocabulary does not have, where no text escape exists (a metric
    /// `type`, a cost `basis`) or for an integer code.
    #[error("{at}: unknown {vocabulary} {value}")]
    UnknownValue {
        /// Where.
        at: Box<Location>,
        /// The vocabulary (`metric type`, `role`).
        vocabulary: &'static str,
        /// The code or name as found.
        value: String,
    },
    /// A required key is missing from a CBOR map.
    #[error("{at}: the required key {key} is missing")]
    MissingKey {
        /// Where: the map's head, and its path.
        at: Box<Location>,
        /// The key's name (`href`).
        key: &'static str,
    },
    /// A key appears twice in one CBOR map.
    #[error("{at}: duplicate key {key}")]
    DuplicateKey {
        /// Where: the second key.
        at: Box<Location>,
        /// The key.
        key: String,
    },
    /// A key that a map without `extensions` (a metric, a term) does not know, or that the
    /// metric, right or limitation `type` does not take.
    #[error("{at}: the key {key} does not belong here")]
    UnknownKey {
        /// Where: the key.
        at: Box<Location>,
        /// The key.
        key: String,
    },
    /// In canonical mode (`CborDecodeOptions::canonical`, feature `cbor`): valid CBOR of an Ent,
    /// but not the bytes this crate writes for it.
    #[error("{at}: not the canonical CBOR of this Ent: {message}")]
    NotCanonical {
        /// Where: the first byte that differs.
        at: Box<Location>,
        /// What this crate writes there.
        message: String,
    },
    /// Bytes after the end of the Ent.
    #[error("{at}: {count} byte(s) after the end of the Ent")]
    TrailingBytes {
        /// Where: the first byte after the Ent.
        at: Box<Location>,
        /// How many bytes.
        count: usize,
    },
    /// Not well-formed XML (a mismatched end tag, an undeclared prefix, a bad reference), or
    /// text where the Ent XML form has none.
    #[error("{at}: not well-formed XML: {message}")]
    XmlSyntax {
        /// Where: the line and column, and the element path.
        at: Box<Location>,
        /// What is wrong.
        message: String,
    },
    /// A document type declaration: refused (no DTD is read, no entity is expanded).
    #[error("{at}: a document type declaration (DTD) is refused")]
    XmlDoctype {
        /// Where the declaration starts.
        at: Box<Location>,
    },
    /// An element that does not belong where it is (the root is not `Ent` in the namespace
    /// asked for; a child of an element that keeps no unknown content).
    #[error("{at}: expected {expected}, found {found}")]
    XmlUnexpectedElement {
        /// Where: the element's start tag and its path.
        at: Box<Location>,
        /// What is allowed there.
        expected: String,
        /// What was found (`{namespace}Name`).
        found: String,
    },
    /// A required attribute is missing.
    #[error("{at}: the required attribute {name} is missing")]
    XmlMissingAttribute {
        /// Where: the element and its path.
        at: Box<Location>,
        /// The attribute's name.
        name: &'static str,
    },
    /// An attribute that an element which keeps no unknown content does not take, or that
    /// appears twice.
    #[error("{at}: the attribute {name} does not belong here")]
    XmlUnknownAttribute {
        /// Where: the element and the attribute's path.
        at: Box<Location>,
        /// The attribute's name as written.
        name: String,
    },
    /// An attribute value that is not of its type (a decimal with an exponent, a count that is
    /// not a whole number, a boolean that is not `true` or `false`).
    #[error("{at}: bad value {value:?}: {message}")]
    XmlBadValue {
        /// Where: the element and the attribute's path.
        at: Box<Location>,
        /// The value as read.
        value: String,
        /// What is wrong.
        message: String,
    },
    /// More attributes on one element than the decoder's limit.
    #[error("{at}: more than {limit} attributes")]
    XmlTooManyAttributes {
        /// Where: the element.
        at: Box<Location>,
        /// The limit.
        limit: usize,
    },
    /// More namespace declarations in scope at once than the decoder's limit
    /// (`XmlOptions::max_namespace_bindings`).
    #[error("{at}: more than {limit} namespace declarations in scope")]
    XmlTooManyNamespaces {
        /// Where: the element whose declarations go past the limit.
        at: Box<Location>,
        /// The limit.
        limit: usize,
    },
    /// The names, paths and namespace scopes the XML reader keeps for the document's elements
    /// would take more than `limit` bytes (16 times the input's size plus 4 MiB): long names or
    /// namespace URIs repeated in the paths and scopes of many elements.
    #[error("{at}: the names, paths and namespace scopes of the elements would take more than {limit} bytes")]
    XmlTooLarge {
        /// Where: the element that went past the bound.
        at: Box<Location>,
        /// The bound, in bytes.
        limit: usize,
    },
}

impl DecodeError {
    /// Where reading stopped.
    pub fn location(&self) -> &Location {
        match self {
            DecodeError::Json { at, .. }
            | DecodeError::CborTruncated { at }
            | DecodeError::CborInvalid { at, .. }
            | DecodeError::LengthBeyondInput { at, .. }
            | DecodeError::LengthAboveLimit { at, .. }
            | DecodeError::TooDeep { at, .. }
            | DecodeError::InvalidUtf8 { at }
            | DecodeError::WrongType { at, .. }
            | DecodeError::IntegerOutOfRange { at, .. }
            | DecodeError::InexactDecimal { at, .. }
            | DecodeError::UnknownValue { at, .. }
            | DecodeError::MissingKey { at, .. }
            | DecodeError::DuplicateKey { at, .. }
            | DecodeError::UnknownKey { at, .. }
            | DecodeError::NotCanonical { at, .. }
            | DecodeError::TrailingBytes { at, .. }
            | DecodeError::XmlSyntax { at, .. }
            | DecodeError::XmlDoctype { at }
            | DecodeError::XmlUnexpectedElement { at, .. }
            | DecodeError::XmlMissingAttribute { at, .. }
            | DecodeError::XmlUnknownAttribute { at, .. }
            | DecodeError::XmlBadValue { at, .. }
            | DecodeError::XmlTooManyAttributes { at, .. }
            | DecodeError::XmlTooManyNamespaces { at, .. }
            | DecodeError::XmlTooLarge { at, .. } => at,
        }
    }

    /// The position in the input.
    pub fn position(&self) -> Position {
        self.location().position
    }

    /// The path of the member being read.
    pub fn path(&self) -> &Path {
        &self.location().path
    }
}

// The failures of the CBOR reading shared in `iso19770_core::cbor`, as the CBOR variants above.
#[cfg(feature = "cbor")]
iso19770_core::impl_from_read_error!(DecodeError);

/// Why an Ent could not be written in a format.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum EncodeError {
    /// The format cannot carry this content (XML attributes or elements kept from a document, in
    /// JSON); nothing is dropped silently.
    #[error("{path}: {what} cannot be written in {format}")]
    NotRepresentable {
        /// Where in the model.
        path: Path,
        /// What cannot be written.
        what: String,
        /// The format.
        format: &'static str,
    },
    /// An entry kept in `extensions` has the key of a field of the same map, or two entries have
    /// the same key (CBOR).
    #[error("{path}: the key {key} is written twice")]
    DuplicateKey {
        /// Where in the model.
        path: Path,
        /// The key.
        key: String,
    },
    /// The JSON writer failed.
    #[error("JSON: {message}")]
    Json {
        /// Its message.
        message: String,
    },
}
