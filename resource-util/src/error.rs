//! The crate's decode and encode errors.
//!
//! A decode error means the input is not well-formed or cannot be this model; it carries the
//! [`Location`] (line, column, byte offset and path) where reading stopped: for XML and SLMT
//! streams, the line and column and the element path (`Rum/Measurement[3]@value`,
//! `Metric[12]/Value`); for JSON, the line and column and the member path
//! (`measurements[0]/value`); for CBOR, the byte offset of the item's head and the key path.
//! Whether a well-formed RUM keeps the rules is not a decode error but a validation finding.

use iso19770_core::{Location, Path, Position};

/// Why a document or a stream could not be read as RUMs.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum DecodeError {
    /// The JSON is not well-formed, or a member has the wrong type or value (a floating-point
    /// value, a negative count); `message` is the JSON reader's.
    #[error("{at}: {message}")]
    Json {
        /// Where: the line and column, and the path of the member (`measurements[0]/value`).
        at: Box<Location>,
        /// What is wrong.
        message: String,
    },
    /// Not well-formed XML (a mismatched end tag, an undeclared prefix, a bad reference), or
    /// text where the form has none.
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
    /// An element that does not belong where it is (the root is not `Rum` in the namespace asked
    /// for; a child of an element that keeps no unknown content; an SLMT fragment that is none
    /// of `SchemaVersion`, `SoftwareIdentity`, `Product`, `Metric`).
    #[error("{at}: expected {expected}, found {found}")]
    XmlUnexpectedElement {
        /// Where: the element's start tag and its path.
        at: Box<Location>,
        /// What is allowed there.
        expected: String,
        /// What was found (`{namespace}Name`).
        found: String,
    },
    /// A required attribute or child element is missing.
    #[error("{at}: the required {name} is missing")]
    XmlMissing {
        /// Where: the element and its path.
        at: Box<Location>,
        /// The attribute (`@value`) or element (`Type`) missing.
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
    /// A value that is not of its type (a decimal with an exponent or a template variable such
    /// as `$numCores`, a count that is not a whole number).
    #[error("{at}: bad value {value:?}: {message}")]
    BadValue {
        /// Where: the element or member, and its path.
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
    /// Elements nested deeper than the decoder's limit.
    #[error("{at}: elements nest deeper than the limit of {limit}")]
    XmlTooDeep {
        /// Where: the element one level too deep.
        at: Box<Location>,
        /// The limit.
        limit: usize,
    },
    /// One record (an SLMT fragment, a measurement) is larger than the reader's limit: refused
    /// before it is held in memory.
    #[error("{at}: a record larger than the limit of {limit} bytes")]
    RecordTooLarge {
        /// Where the record starts.
        at: Box<Location>,
        /// The limit, in bytes.
        limit: usize,
    },
    /// The input ends inside a record: the trailing fragment of a file still being appended to,
    /// or a cut copy. The records before it were read.
    #[error("{at}: the input ends inside {inside}")]
    Truncated {
        /// Where the unfinished record starts.
        at: Box<Location>,
        /// What was open (`Metric`, `Period`).
        inside: String,
    },
    /// A document of another kind: a Cisco envelope without a `RUMReport`, a report whose
    /// `header.type` is not `rum`.
    #[error("{at}: not a RUM report: {message}")]
    NotAReport {
        /// Where.
        at: Box<Location>,
        /// Why.
        message: String,
    },
    /// Reading the input failed.
    #[error("{at}: read error: {message}")]
    Io {
        /// How far reading got.
        at: Box<Location>,
        /// The system's message.
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
        /// Where: the item's head and the key path (`measurements[0]/value`).
        at: Box<Location>,
        /// What the key takes.
        expected: &'static str,
        /// What was found.
        found: String,
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
    /// A code that its vocabulary does not have (a role, relation or aggregation code).
    #[error("{at}: unknown {vocabulary} {value}")]
    UnknownValue {
        /// Where.
        at: Box<Location>,
        /// The vocabulary (`role`, `aggregation`).
        vocabulary: &'static str,
        /// The code as found.
        value: String,
    },
    /// A required key is missing from a CBOR map.
    #[error("{at}: the required key {key} is missing")]
    MissingKey {
        /// Where: the map's head, and its path.
        at: Box<Location>,
        /// The key's name (`metric`).
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
    /// Bytes after the end of the RUM.
    #[error("{at}: {count} byte(s) after the end of the RUM")]
    TrailingBytes {
        /// Where: the first byte after the RUM.
        at: Box<Location>,
        /// How many bytes.
        count: usize,
    },
}

iso19770_core::impl_from_read_error!(DecodeError);

impl DecodeError {
    /// Where reading stopped.
    pub fn location(&self) -> &Location {
        match self {
            DecodeError::Json { at, .. }
            | DecodeError::XmlSyntax { at, .. }
            | DecodeError::XmlDoctype { at }
            | DecodeError::XmlUnexpectedElement { at, .. }
            | DecodeError::XmlMissing { at, .. }
            | DecodeError::XmlUnknownAttribute { at, .. }
            | DecodeError::BadValue { at, .. }
            | DecodeError::XmlTooManyAttributes { at, .. }
            | DecodeError::XmlTooManyNamespaces { at, .. }
            | DecodeError::XmlTooLarge { at, .. }
            | DecodeError::XmlTooDeep { at, .. }
            | DecodeError::RecordTooLarge { at, .. }
            | DecodeError::Truncated { at, .. }
            | DecodeError::NotAReport { at, .. }
            | DecodeError::Io { at, .. }
            | DecodeError::CborTruncated { at }
            | DecodeError::CborInvalid { at, .. }
            | DecodeError::LengthBeyondInput { at, .. }
            | DecodeError::LengthAboveLimit { at, .. }
            | DecodeError::TooDeep { at, .. }
            | DecodeError::InvalidUtf8 { at }
            | DecodeError::WrongType { at, .. }
            | DecodeError::InexactDecimal { at, .. }
            | DecodeError::UnknownValue { at, .. }
            | DecodeError::MissingKey { at, .. }
            | DecodeError::DuplicateKey { at, .. }
            | DecodeError::TrailingBytes { at, .. } => at,
        }
    }

    /// The position in the input.
    pub fn position(&self) -> Position {
        self.location().position
    }

    /// The path of the element or member being read.
    pub fn path(&self) -> &Path {
        &self.location().path
    }
}

/// Why a RUM could not be written in a format.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum EncodeError {
    /// The format cannot carry this content (XML attributes or elements kept from a document, in
    /// JSON or CBOR); nothing is dropped silently.
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
    /// the same key.
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
    /// Writing to the output failed.
    #[error("write error: {message}")]
    Io {
        /// The system's message.
        message: String,
    },
}
