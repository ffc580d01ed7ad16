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

/// Applies `$body` to the location of any variant of [`DecodeError`], bound to `$at`.
macro_rules! with_location {
    ($error:expr, $at:ident => $body:expr) => {
        match $error {
            DecodeError::Syntax { at: $at, .. }
            | DecodeError::InvalidUtf8 { at: $at }
            | DecodeError::UnsupportedEncoding { at: $at, .. }
            | DecodeError::UnexpectedEof { at: $at }
            | DecodeError::MismatchedEndTag { at: $at, .. }
            | DecodeError::DtdNotAllowed { at: $at }
            | DecodeError::UndefinedEntity { at: $at, .. }
            | DecodeError::DuplicateAttribute { at: $at, .. }
            | DecodeError::UndeclaredPrefix { at: $at, .. }
            | DecodeError::InvalidNamespaceDeclaration { at: $at, .. }
            | DecodeError::InvalidBoolean { at: $at, .. }
            | DecodeError::InvalidInteger { at: $at, .. }
            | DecodeError::IntegerOutOfRange { at: $at, .. }
            | DecodeError::InvalidHex { at: $at, .. }
            | DecodeError::InvalidCharacter { at: $at, .. }
            | DecodeError::TooDeep { at: $at, .. }
            | DecodeError::TooManyAttributes { at: $at, .. }
            | DecodeError::NotSwid2015 { at: $at, .. }
            | DecodeError::NoRootElement { at: $at }
            | DecodeError::ContentAfterRoot { at: $at, .. }
            | DecodeError::CborTruncated { at: $at }
            | DecodeError::CborInvalid { at: $at, .. }
            | DecodeError::LengthBeyondInput { at: $at, .. }
            | DecodeError::LengthAboveLimit { at: $at, .. }
            | DecodeError::WrongType { at: $at, .. }
            | DecodeError::MissingKey { at: $at, .. }
            | DecodeError::DuplicateKey { at: $at, .. }
            | DecodeError::TrailingBytes { at: $at, .. }
            | DecodeError::NotConformant { at: $at, .. }
            | DecodeError::Json { at: $at, .. }
            | DecodeError::Io { at: $at, .. } => $body,
        }
    };
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
    /// A character XML 1.0 does not allow (a control character, U+FFFE, U+FFFF), written or
    /// referenced.
    #[error("{at}: U+{code:04X} is not allowed in XML 1.0")]
    InvalidCharacter {
        /// Where.
        at: Box<Location>,
        /// The code point.
        code: u32,
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
    /// The CBOR input ends inside an item.
    #[error("{at}: the input ends inside a CBOR item")]
    CborTruncated {
        /// Where the item starts.
        at: Box<Location>,
    },
    /// Bytes that are not valid CBOR (a reserved head, a misplaced break).
    #[error("{at}: not valid CBOR: {message}")]
    CborInvalid {
        /// Where.
        at: Box<Location>,
        /// What is wrong.
        message: String,
    },
    /// A CBOR length longer than the input left; refused before allocating.
    #[error("{at}: declared length {declared} is beyond the {remaining} byte(s) left")]
    LengthBeyondInput {
        /// Where.
        at: Box<Location>,
        /// The declared length.
        declared: u64,
        /// The bytes left.
        remaining: u64,
    },
    /// A CBOR length above [`CborDecodeOptions::limits`](crate::cbor::CborDecodeOptions).
    #[error("{at}: declared length {declared} is above the limit of {limit}")]
    LengthAboveLimit {
        /// Where.
        at: Box<Location>,
        /// The declared length.
        declared: u64,
        /// The limit.
        limit: u64,
    },
    /// A CBOR or JSON item of another type than the CoSWID CDDL says.
    #[error("{at}: expected {expected}, found {found}")]
    WrongType {
        /// Where.
        at: Box<Location>,
        /// What the CDDL wants.
        expected: &'static str,
        /// What was there.
        found: String,
    },
    /// A required CoSWID map key is absent.
    #[error("{at}: the required key {key} is missing")]
    MissingKey {
        /// The map.
        at: Box<Location>,
        /// The key's CDDL name.
        key: &'static str,
    },
    /// A map key given twice.
    #[error("{at}: duplicate key {key}")]
    DuplicateKey {
        /// Where.
        at: Box<Location>,
        /// The key.
        key: String,
    },
    /// Bytes after the tag.
    #[error("{at}: {count} byte(s) after the end of the tag")]
    TrailingBytes {
        /// Where they start.
        at: Box<Location>,
        /// How many.
        count: usize,
    },
    /// An encoding RFC 9393 or RFC 8949 does not allow in this mode (see
    /// [`CborDecodeOptions`](crate::cbor::CborDecodeOptions)); a lenient decoder reports it as a
    /// finding instead.
    #[error("{at}: {what}")]
    NotConformant {
        /// Where.
        at: Box<Location>,
        /// What.
        what: crate::Nonconformity,
    },
    /// JSON that is not well-formed or not the JSON form of a tag.
    #[error("{at}: {message}")]
    Json {
        /// Where (line and column, and the path).
        at: Box<Location>,
        /// What `serde_json` reports.
        message: String,
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
        with_location!(self, at => at)
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

// The failures of the CBOR reading shared in `iso19770_core::cbor`, as the CBOR variants above.
#[cfg(feature = "cbor")]
iso19770_core::impl_from_read_error!(DecodeError);

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
    /// A value CoSWID requires is absent from the model (`tag-id`, `software-name`, an entity's
    /// name or roles, a link's `href` or `rel`, a file's name …).
    #[error("{path}: CoSWID requires {key}")]
    MissingRequired {
        /// Where.
        path: Path,
        /// The CDDL name of the key.
        key: &'static str,
    },
    /// More than CoSWID can carry: two payloads, a payload and evidence.
    #[error("{path}: CoSWID carries {what}")]
    NotRepresentable {
        /// Where.
        path: Path,
        /// What CoSWID allows instead.
        what: &'static str,
    },
    /// A hash algorithm without an IANA Named Information id (MD5, SHA-1 …): CoSWID cannot name
    /// it.
    #[error("{path}: the hash algorithm {algorithm} has no Named Information id for CoSWID")]
    NoNamedInformationId {
        /// Where.
        path: Path,
        /// The algorithm.
        algorithm: HashAlgorithm,
    },
    /// A date-time CoSWID's integer time cannot carry (not an `xs:dateTime`, or no time zone).
    #[error("{path}: the date-time {text:?} has no instant for CoSWID's integer time: {reason}")]
    InvalidDateTime {
        /// Where.
        path: Path,
        /// The text.
        text: String,
        /// Why.
        reason: iso19770_core::datetime::DateTimeError,
    },
    /// The JSON writer failed.
    #[error("json: {message}")]
    Json {
        /// What `serde_json` reports.
        message: String,
    },
    /// Two attributes of one element with the same namespace and name (a preserved attribute
    /// that repeats a schema attribute, two hashes of one algorithm).
    #[error("{path}: the attribute {name} is given twice")]
    DuplicateAttribute {
        /// The element.
        path: Path,
        /// The attribute (`{namespace}name` when qualified).
        name: String,
    },
    /// Content the target format cannot carry (see [`Omitted`](crate::Omitted)); the
    /// `to_coswid_subset` and `to_xml_subset` methods of
    /// [`SoftwareIdentity`](crate::SoftwareIdentity) leave it out on request.
    #[error("{path}: {format} cannot carry {what}")]
    CannotCarry {
        /// Where.
        path: Path,
        /// The format: `CoSWID` or `XML`.
        format: &'static str,
        /// What.
        what: crate::Omitted,
    },
    /// Two entries of one CBOR map with the same key: an unknown entry in
    /// [`Extensions::entries`](iso19770_core::Extensions::entries) that repeats a key the model
    /// writes, or another entry.
    #[error("{path}: the key {key} is given twice")]
    DuplicateKey {
        /// The map.
        path: Path,
        /// The key.
        key: String,
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

/// A way a CoSWID departs from RFC 9393's CDDL or from deterministic CBOR (RFC 8949 §4.2.1).
///
/// The CBOR decoder's mode decides whether each is an error or a finding: see
/// [`CborMode`](crate::cbor::CborMode).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Nonconformity {
    /// An indefinite-length string, array or map.
    IndefiniteLength,
    /// An integer, length or tag in a longer head than its value needs.
    LongerHead,
    /// Map keys out of the bytewise order of their encodings.
    UnsortedKeys,
    /// A one-element array where `one-or-more<T>` writes the item bare.
    SingletonArray,
    /// An `any-uri` without tag 32 (the CDDL says `uri`, which is `#6.32(tstr)`).
    UntaggedUri,
    /// An integer written as a bignum (tag 2 or 3).
    BignumInteger,
    /// An integer written as text (`"1"`).
    TextInteger,
    /// The CoSWID tag 1398229316 around a byte string rather than around the map.
    TaggedByteString,
    /// A date that is not `#6.1(int)` (a float, or an untagged number).
    NonIntegerTime,
    /// Both a payload and evidence.
    PayloadAndEvidence,
    /// No `tag-version`.
    MissingTagVersion,
}

impl Nonconformity {
    /// The rule id used in findings.
    pub fn rule_id(self) -> &'static str {
        match self {
            Nonconformity::IndefiniteLength => "cbor-indefinite-length",
            Nonconformity::LongerHead => "cbor-longer-head",
            Nonconformity::UnsortedKeys => "cbor-unsorted-keys",
            Nonconformity::SingletonArray => "coswid-singleton-array",
            Nonconformity::UntaggedUri => "coswid-untagged-uri",
            Nonconformity::BignumInteger => "coswid-bignum-integer",
            Nonconformity::TextInteger => "coswid-text-integer",
            Nonconformity::TaggedByteString => "coswid-tagged-byte-string",
            Nonconformity::NonIntegerTime => "coswid-non-integer-time",
            Nonconformity::PayloadAndEvidence => "coswid-payload-and-evidence",
            Nonconformity::MissingTagVersion => "coswid-missing-tag-version",
        }
    }

    /// True for departures from deterministic encoding or from CoSWID's conventions that leave
    /// the data intact; false for departures from the CDDL's types.
    pub fn is_encoding_only(self) -> bool {
        matches!(
            self,
            Nonconformity::IndefiniteLength
                | Nonconformity::LongerHead
                | Nonconformity::UnsortedKeys
                | Nonconformity::SingletonArray
                | Nonconformity::UntaggedUri
        )
    }
}

impl fmt::Display for Nonconformity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Nonconformity::IndefiniteLength => "an indefinite-length item (deterministic CBOR uses definite lengths)",
            Nonconformity::LongerHead => "a head longer than its value needs (deterministic CBOR uses the shortest)",
            Nonconformity::UnsortedKeys => "map keys out of the bytewise order of their encodings",
            Nonconformity::SingletonArray => "a one-element array where one-or-more writes the item bare",
            Nonconformity::UntaggedUri => "a URI without tag 32 (RFC 9393's any-uri is CDDL's uri)",
            Nonconformity::BignumInteger => "an integer written as a bignum",
            Nonconformity::TextInteger => "an integer written as text",
            Nonconformity::TaggedByteString => "the CoSWID tag around a byte string rather than the map",
            Nonconformity::NonIntegerTime => "a date that is not #6.1(int)",
            Nonconformity::PayloadAndEvidence => "both payload and evidence (RFC 9393 allows one of them)",
            Nonconformity::MissingTagVersion => "no tag-version (RFC 9393 requires it)",
        })
    }
}
