//! The CBOR form (feature `cbor`, default): integer keys, deterministic on output, bounded and
//! exact on input.
//!
//! The keys and codes are this project's own, listed with the JSON names in [`registry`]
//! (no standard assigns CBOR keys to RUMs).
//!
//! | item | CBOR |
//! |---|---|
//! | members | maps with the integer keys of [`registry::key`]; absent optional members and empty lists are left out |
//! | lists | arrays (definite), even of one item |
//! | roles, relations, aggregations | their [`registry::code`] integers; a name the vocabulary does not know as its text |
//! | values | an integer when the scale is 0, else a decimal fraction `4([-scale, mantissa])` (RFC 8949 §3.4.4), the mantissa a bignum beyond 64 bits: exact, the scale kept, never a float |
//! | timestamps | Unix seconds as `1(integer)` (RFC 8949 §3.4.2); a date-time as its text, untagged (it may lack a zone or not be RFC 3339, which tag 0 requires) |
//! | unknown map entries | kept in the `extensions.entries` of the map they are in, and written back |
//!
//! On input, a timestamp may also be `0(text)` (read as its text) or a bare integer (read as
//! Unix seconds). Any valid encoding is read (indefinite lengths, longer heads, unsorted keys);
//! duplicate keys are refused; lengths are checked against the input left and the [`Limits`]
//! before anything is allocated; nesting is limited; every error carries the byte offset of the
//! item and its key path (`measurements[2]/value`).
//!
//! **Output** is deterministic (RFC 8949 §4.2.1): definite lengths, shortest heads, map entries
//! in the bytewise order of their encoded keys; so the root's `measurements` (key 8) come last.
//! XML-only content kept in `extensions` (foreign attributes and elements) has no CBOR form:
//! writing it is an [`EncodeError::NotRepresentable`].
//!
//! ```
//! use iso19770_resource_util::{Decimal, Measurement, Rum};
//!
//! let rum = Rum::new("r").with_measurement(Measurement::new("FEED", Decimal::new(1235, 3)).with_log_time(1_563_460_774));
//! let bytes = rum.to_cbor_vec()?;
//! assert_eq!(
//!     bytes,
//!     [
//!         0xa2, // a map of 2
//!         0x00, 0x61, b'r', // rumId: "r"
//!         0x08, 0x81, 0xa3, // measurements: [a map of 3
//!         0x17, 0xc1, 0x1a, 0x5d, 0x30, 0x84, 0xa6, // logTime: 1(1563460774)
//!         0x18, 0x18, 0x64, b'F', b'E', b'E', b'D', // metric: "FEED"
//!         0x18, 0x1b, 0xc4, 0x82, 0x22, 0x19, 0x04, 0xd3, // value: 4([-3, 1235]), 1.235
//!     ]
//! );
//! assert_eq!(Rum::from_cbor_slice(&bytes)?, rum);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! [`registry`]: crate::registry
//! [`registry::key`]: crate::registry::key
//! [`registry::code`]: crate::registry::code
//! [`EncodeError::NotRepresentable`]: crate::EncodeError::NotRepresentable

pub(crate) mod read;
mod write;

use crate::error::{DecodeError, EncodeError};
use crate::model::Rum;
use iso19770_core::cbor::Decoder as _;
pub use iso19770_core::cbor::Limits;

impl Rum {
    /// Decodes one RUM that fills `bytes`.
    ///
    /// ```
    /// use iso19770_resource_util::{DecodeError, Rum};
    ///
    /// // {0: "r", 8: [{24: "m"}]}: a measurement without its value (key 27).
    /// let err = Rum::from_cbor_slice(&[0xa2, 0x00, 0x61, b'r', 0x08, 0x81, 0xa1, 0x18, 0x18, 0x61, b'm']).unwrap_err();
    /// assert!(matches!(err, DecodeError::MissingKey { key: "value", .. }));
    /// assert_eq!(err.path().to_string(), "measurements[0]");
    /// assert_eq!(err.position().offset, 6);
    /// ```
    pub fn from_cbor_slice(bytes: &[u8]) -> Result<Self, DecodeError> {
        Self::from_cbor_slice_with(bytes, Limits::default())
    }

    /// Decodes one RUM that fills `bytes`, within these limits.
    pub fn from_cbor_slice_with(bytes: &[u8], limits: Limits) -> Result<Self, DecodeError> {
        let mut dec = read::Dec::new(bytes, limits);
        let rum = dec.rum()?;
        dec.expect_end()?;
        Ok(rum)
    }

    /// Encodes the RUM as deterministic CBOR.
    pub fn to_cbor_vec(&self) -> Result<Vec<u8>, EncodeError> {
        write::encode(self)
    }
}
