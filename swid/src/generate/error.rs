//! The one error type of tag generation.

use crate::error::EncodeError;
use std::path::PathBuf;

/// Why a tag, a payload or the tag files could not be made.
///
/// Every variant that concerns a file carries its path; messages are lower case without a
/// trailing period, to be embedded in a caller's own message.
///
/// ```
/// use iso19770_swid::generate::{GenerateError, Regid};
///
/// let err = Regid::new("http://invalid.unavailable").unwrap_err();
/// assert!(matches!(err, GenerateError::MissingRegid { .. }));
/// assert_eq!(
///     err.to_string(),
///     "a regid is required, not \"http://invalid.unavailable\" (empty or the XSD default)"
/// );
/// ```
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum GenerateError {
    /// The regid is empty, blank or the XSD's default `http://invalid.unavailable` (NISTIR 8060
    /// GEN-4 wants a real one on every authoritative tag).
    #[error("a regid is required, not {given:?} (empty or the XSD default)")]
    MissingRegid {
        /// What was given.
        given: String,
    },
    /// The regid is not an RFC 3986 URI reference (`xs:anyURI`, CoSWID's tag 32): white space,
    /// non-ASCII characters.
    #[error("the regid {regid:?} is not an RFC 3986 URI reference")]
    InvalidRegid {
        /// The regid.
        regid: String,
    },
    /// The `xml:lang` given is not an `xs:language` (`en-US`, `de`).
    #[error("the language {lang:?} is not an xs:language such as en-US")]
    InvalidLanguage {
        /// The language given.
        lang: String,
    },
    /// A Cargo variable the tag cannot do without (`CARGO_PKG_NAME`, `CARGO_PKG_VERSION`) is
    /// unset or blank.
    #[error("the environment variable {name} is not set (run from a cargo build script)")]
    MissingVariable {
        /// The variable.
        name: &'static str,
    },
    /// Reading a file or directory failed (permission denied, an i/o error).
    #[error("cannot read {}: {source}", .path.display())]
    Io {
        /// The file or directory.
        path: PathBuf,
        /// The error.
        source: std::io::Error,
    },
    /// A file or directory listed by the walk was gone when it was read.
    #[error("{} vanished during the walk", .path.display())]
    FileVanished {
        /// The file or directory.
        path: PathBuf,
    },
    /// A file the walk listed as a regular file was something else when it was opened (a
    /// symbolic link, which is not followed, a FIFO, a directory): the tree changed during the
    /// walk.
    #[error("{} changed during the walk: no longer a regular file", .path.display())]
    FileChanged {
        /// The file.
        path: PathBuf,
    },
    /// A file name that is not UTF-8, which a tag's `name` (an `xs:string`) cannot hold
    /// exactly.
    #[error("{}: the file name is not UTF-8", .path.display())]
    NonUtf8Name {
        /// The file.
        path: PathBuf,
    },
    /// Something other than a regular file, a directory or a symbolic link (a FIFO, a socket, a
    /// device), which has no content to hash.
    #[error("{}: not a regular file, directory or symbolic link", .path.display())]
    UnsupportedFileType {
        /// The file.
        path: PathBuf,
    },
    /// A symbolic link where [`SymlinkPolicy::Error`](super::SymlinkPolicy::Error) refuses one.
    #[error("{}: a symbolic link, which the options refuse", .path.display())]
    Symlink {
        /// The link.
        path: PathBuf,
    },
    /// The output directory or a tag file could not be created, written or renamed into place.
    #[error("cannot write {}: {source}", .path.display())]
    OutputNotWritable {
        /// The directory or the file that was to be written.
        path: PathBuf,
        /// The error.
        source: std::io::Error,
    },
    /// The tag could not be encoded.
    #[error("cannot encode the tag as {format}: {source}")]
    Encode {
        /// `XML` or `CoSWID`.
        format: &'static str,
        /// The encoder's error.
        source: EncodeError,
    },
}

impl GenerateError {
    /// The file or directory the error is about, if any.
    ///
    /// ```
    /// use iso19770_swid::generate::GenerateError;
    /// use std::path::Path;
    ///
    /// let err = GenerateError::FileVanished { path: "dist/app".into() };
    /// assert_eq!(err.path(), Some(Path::new("dist/app")));
    /// ```
    pub fn path(&self) -> Option<&std::path::Path> {
        match self {
            GenerateError::Io { path, .. }
            | GenerateError::FileVanished { path }
            | GenerateError::FileChanged { path }
            | GenerateError::NonUtf8Name { path }
            | GenerateError::UnsupportedFileType { path }
            | GenerateError::Symlink { path }
            | GenerateError::OutputNotWritable { path, .. } => Some(path),
            _ => None,
        }
    }

    /// The error for reading `path`: [`FileVanished`](Self::FileVanished) when it is not found,
    /// [`Io`](Self::Io) otherwise.
    pub(crate) fn reading(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        if source.kind() == std::io::ErrorKind::NotFound {
            GenerateError::FileVanished { path: path.into() }
        } else {
            GenerateError::Io { path: path.into(), source }
        }
    }
}
