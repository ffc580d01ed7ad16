//! What went wrong reading XML, and where.

use crate::Location;

/// Why an XML document could not be read into a model, with the place.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct XmlError {
    /// What is wrong.
    pub kind: XmlErrorKind,
    /// Where: the line, column and byte offset, and the element (and attribute) path.
    pub at: Box<Location>,
}

/// What is wrong in an XML document.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum XmlErrorKind {
    /// Not well-formed XML, an undeclared prefix, or text where the form has none.
    Syntax(String),
    /// A document type declaration (refused: no DTD is read, no entity expanded).
    Doctype,
    /// An element that does not belong where it is.
    UnexpectedElement {
        /// What is allowed there.
        expected: String,
        /// What was found (`{namespace}Name`).
        found: String,
    },
    /// A required attribute is missing.
    MissingAttribute(&'static str),
    /// An attribute that does not belong on its element, or that appears twice.
    UnknownAttribute(String),
    /// An attribute value that is not of its type.
    BadValue {
        /// The value as read.
        value: String,
        /// What is wrong.
        message: String,
    },
    /// More attributes on one element than the limit.
    TooManyAttributes(usize),
    /// Elements nested deeper than the limit.
    TooDeep(usize),
    /// More namespace declarations in scope at once than the limit.
    TooManyNamespaces(usize),
    /// The names, paths and namespace scopes the reader keeps for the document's elements would
    /// take more than this many bytes (a bound proportional to the input's size, see
    /// [`ReadLimits::expansion`](super::ReadLimits::expansion)).
    TooLarge(usize),
}

impl std::fmt::Display for XmlError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let at = &self.at;
        match &self.kind {
            XmlErrorKind::Syntax(m) => write!(f, "{at}: not well-formed XML: {m}"),
            XmlErrorKind::Doctype => write!(f, "{at}: a document type declaration (DTD) is refused"),
            XmlErrorKind::UnexpectedElement { expected, found } => {
                write!(f, "{at}: expected {expected}, found {found}")
            }
            XmlErrorKind::MissingAttribute(n) => write!(f, "{at}: the required attribute {n} is missing"),
            XmlErrorKind::UnknownAttribute(n) => write!(f, "{at}: the attribute {n} does not belong here"),
            XmlErrorKind::BadValue { value, message } => write!(f, "{at}: bad value {value:?}: {message}"),
            XmlErrorKind::TooManyAttributes(l) => write!(f, "{at}: more than {l} attributes"),
            XmlErrorKind::TooDeep(l) => write!(f, "{at}: elements nest deeper than the limit of {l}"),
            XmlErrorKind::TooManyNamespaces(l) => write!(f, "{at}: more than {l} namespace declarations in scope"),
            XmlErrorKind::TooLarge(l) => {
                write!(f, "{at}: the names, paths and namespace scopes of the elements would take more than {l} bytes")
            }
        }
    }
}

impl std::error::Error for XmlError {}
