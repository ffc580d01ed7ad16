//! The crate's decode and encode errors.
//!
//! A decode error means the input is not well-formed or cannot be this model; it carries the
//! [`Location`] (line, column, byte offset and path) where reading stopped. Whether a well-formed
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
}

impl DecodeError {
    /// Where reading stopped.
    pub fn location(&self) -> &Location {
        match self {
            DecodeError::Json { at, .. } => at,
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
    /// The JSON writer failed.
    #[error("JSON: {message}")]
    Json {
        /// Its message.
        message: String,
    },
}
