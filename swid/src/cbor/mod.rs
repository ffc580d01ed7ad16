//! The CoSWID codec (RFC 9393): CBOR with integer keys, deterministic on output, exact on input.
//!
//! - Keys are the integers of [`registry::key`](crate::registry::key); registry values are
//!   written as integers and read as integers or text; values outside the registries are kept.
//! - `one-or-more<T>`: one item is written bare, several as an array; both are read.
//! - `tag-id` and `generator` stay text or 16-byte UUID as they were; `any-uri` is written as
//!   `#6.32(text)` (or untagged, see [`CborEncodeOptions::uri_tag`]); dates as `#6.1(int)`.
//! - Map entries with keys the model does not know are kept in `extensions.entries` and
//!   written back.
//! - Output is deterministic (RFC 8949 §4.2.1): definite lengths, shortest heads, map entries
//!   in the bytewise order of their encoded keys. The same model always gives the same bytes.
//! - Input is bounded: lengths are checked against the input left and the limits before any
//!   allocation, nesting is limited, and every error carries the byte offset and key path
//!   (`payload/directory[0]/file[3]/size`).
//!
//! How strict the decoder is about departures from the CDDL and from deterministic encoding is
//! the [`CborMode`]: each departure is a [`Nonconformity`](crate::Nonconformity), either an error
//! or a finding in the returned [`Report`].
//!
//! ```
//! use iso19770_swid::{Entity, Role, SoftwareIdentity};
//!
//! let mut tag = SoftwareIdentity::new("hello", "example.com-hello-1.0");
//! tag.tag_version = Some(0);
//! tag.entities.push(Entity::new("Example", [Role::TagCreator]));
//! let bytes = tag.to_cbor_vec()?;
//! assert_eq!(bytes[..3], [0xa4, 0x00, 0x75]); // a map of 4, key 0 (tag-id), a 21-byte text
//! assert_eq!(SoftwareIdentity::from_cbor_slice(&bytes)?, tag);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod read;
mod write;

use crate::error::{DecodeError, EncodeError};
use crate::model::SoftwareIdentity;
use iso19770_core::Report;
use iso19770_core::cbor::Decoder as _;
pub use iso19770_core::cbor::Limits;

/// How the CBOR decoder treats a [`Nonconformity`](crate::Nonconformity).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum CborMode {
    /// Every nonconformity is an error: the input must be deterministic and follow the CDDL.
    Strict,
    /// Valid CBOR in any encoding is read (indefinite lengths, longer heads, unsorted keys,
    /// one-element arrays, URIs without tag 32), each noted as a finding; departures from the
    /// CDDL's types (bignum or text integers, float dates, a tag around a byte string, payload
    /// and evidence together, no `tag-version`, a missing required key) are errors.
    #[default]
    Standard,
    /// Everything that can be read is read; every departure is a finding.
    Lenient,
}

/// Options of the CBOR decoder.
///
/// ```
/// use iso19770_swid::cbor::{CborDecodeOptions, CborMode};
///
/// let opts = CborDecodeOptions::default().mode(CborMode::Lenient);
/// assert_eq!(opts.limits.max_depth, 64);
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct CborDecodeOptions {
    /// How departures from the CDDL and from deterministic encoding are treated.
    pub mode: CborMode,
    /// Nesting depth and item lengths accepted (defaults: 64 levels, 16 MiB).
    pub limits: Limits,
}

impl CborDecodeOptions {
    /// Sets [`CborDecodeOptions::mode`].
    #[must_use]
    pub fn mode(mut self, mode: CborMode) -> Self {
        self.mode = mode;
        self
    }

    /// Sets [`CborDecodeOptions::limits`].
    #[must_use]
    pub fn limits(mut self, limits: Limits) -> Self {
        self.limits = limits;
        self
    }
}

/// Options of the CBOR encoder.
///
/// ```
/// use iso19770_swid::cbor::CborEncodeOptions;
///
/// let opts = CborEncodeOptions::default().tagged(true).uri_tag(false);
/// assert!(opts.tagged && !opts.uri_tag);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct CborEncodeOptions {
    /// Wrap the tag in CBOR tag 1398229316 (RFC 9393 §8; default false).
    pub tagged: bool,
    /// Write `any-uri` values (`reg-id`, `href`) as `#6.32(text)`, as the CDDL's `uri` says
    /// (default true); false writes plain text for consumers that expect it.
    pub uri_tag: bool,
}

impl Default for CborEncodeOptions {
    fn default() -> Self {
        CborEncodeOptions { tagged: false, uri_tag: true }
    }
}

impl CborEncodeOptions {
    /// Sets [`CborEncodeOptions::tagged`].
    #[must_use]
    pub fn tagged(mut self, tagged: bool) -> Self {
        self.tagged = tagged;
        self
    }

    /// Sets [`CborEncodeOptions::uri_tag`].
    #[must_use]
    pub fn uri_tag(mut self, uri_tag: bool) -> Self {
        self.uri_tag = uri_tag;
        self
    }
}

/// A decoded tag with what the decoder noticed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Decoded {
    /// The tag.
    pub tag: SoftwareIdentity,
    /// The nonconformities read past (empty in [`CborMode::Strict`]).
    pub findings: Report,
    /// The tag was wrapped in CBOR tag 1398229316.
    pub tagged: bool,
}

impl SoftwareIdentity {
    /// Decodes one CoSWID (optionally in CBOR tag 1398229316) that fills `bytes`, in
    /// [`CborMode::Standard`].
    ///
    /// ```
    /// use iso19770_swid::{DecodeError, SoftwareIdentity};
    ///
    /// // A map whose tag-id (key 0) is the integer 1.
    /// let err = SoftwareIdentity::from_cbor_slice(&[0xa1, 0x00, 0x01]).unwrap_err();
    /// assert!(matches!(err, DecodeError::WrongType { .. }));
    /// assert_eq!(err.path().to_string(), "tag-id");
    /// assert_eq!(err.position().offset, 2);
    /// ```
    pub fn from_cbor_slice(bytes: &[u8]) -> Result<Self, DecodeError> {
        let mut dec = read::Dec::new(bytes, CborDecodeOptions::default());
        dec.keep_findings = false;
        let decoded = dec.document()?;
        dec.expect_end()?;
        Ok(decoded.tag)
    }

    /// Decodes one CoSWID that fills `bytes`, with options; returns the findings too.
    pub fn from_cbor_slice_with(bytes: &[u8], options: &CborDecodeOptions) -> Result<Decoded, DecodeError> {
        let mut dec = read::Dec::new(bytes, *options);
        let decoded = dec.document()?;
        dec.expect_end()?;
        Ok(decoded)
    }

    /// Encodes the tag as deterministic CBOR.
    pub fn to_cbor_vec(&self) -> Result<Vec<u8>, EncodeError> {
        self.to_cbor_vec_with(&CborEncodeOptions::default())
    }

    /// Encodes the tag as deterministic CBOR with options.
    pub fn to_cbor_vec_with(&self, options: &CborEncodeOptions) -> Result<Vec<u8>, EncodeError> {
        write::encode(self, *options)
    }
}

/// The 16-byte magic of a uSWID container (python-uswid, LVFS): `53424f4d d6ba2eac a3e67a52
/// aaee3baf`.
pub const USWID_MAGIC: [u8; 16] =
    [0x53, 0x42, 0x4f, 0x4d, 0xd6, 0xba, 0x2e, 0xac, 0xa3, 0xe6, 0x7a, 0x52, 0xaa, 0xee, 0x3b, 0xaf];

/// The tags of a CBOR sequence (RFC 8742), one at a time; also reads a uSWID container (its
/// header, then a sequence).
///
/// After an error the iteration ends: the sequence cannot be resynchronized.
///
/// ```
/// use iso19770_swid::cbor::CborTags;
/// use iso19770_swid::{Entity, Role, SoftwareIdentity};
///
/// let mut a = SoftwareIdentity::new("a", "a");
/// a.tag_version = Some(0);
/// a.entities.push(Entity::new("e", [Role::TagCreator]));
/// let mut b = a.clone();
/// b.name = Some("b".into());
/// let mut bytes = a.to_cbor_vec()?;
/// bytes.extend(b.to_cbor_vec()?);
/// let names: Vec<_> = CborTags::new(&bytes).map(|r| r.map(|d| d.tag.name)).collect::<Result<_, _>>()?;
/// assert_eq!(names, [Some("a".into()), Some("b".into())]);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub struct CborTags<'a> {
    dec: Option<read::Dec<'a>>,
}

impl<'a> CborTags<'a> {
    /// The tags of a CBOR sequence (or of a uSWID container, recognised by its magic).
    pub fn new(bytes: &'a [u8]) -> Self {
        Self::with_options(bytes, &CborDecodeOptions::default())
    }

    /// The tags of a CBOR sequence, decoded with options.
    pub fn with_options(bytes: &'a [u8], options: &CborDecodeOptions) -> Self {
        let mut dec = read::Dec::new(bytes, *options);
        if bytes.starts_with(&USWID_MAGIC) {
            dec.skip_uswid_header();
        }
        CborTags { dec: Some(dec) }
    }
}

impl Iterator for CborTags<'_> {
    type Item = Result<Decoded, DecodeError>;

    fn next(&mut self) -> Option<Self::Item> {
        let dec = self.dec.as_mut()?;
        if dec.at_end() {
            self.dec = None;
            return None;
        }
        let item = dec.document();
        if item.is_err() {
            self.dec = None;
        }
        Some(item)
    }
}
