//! The CBOR form (feature `cbor`, default): integer keys, deterministic on output, bounded and
//! exact on input.
//!
//! The keys and codes are this project's own, listed with the JSON names in [`registry`]
//! (no standard assigns CBOR keys to Ents).
//!
//! | item | CBOR |
//! |---|---|
//! | members | maps with the integer keys of [`registry::key`]; absent optional members, empty optional lists and `false` flags are left out |
//! | lists | arrays (definite), even of one item |
//! | roles, relations, term kinds, environments | their [`registry::code`] integers; a name the vocabulary does not know (an `Other` value) as its text |
//! | metrics, rights, limitations | maps with an integer `type` (26); `other` (0) with `name` (3) and `params` (27) |
//! | exact decimals | an integer when the scale is 0, else a decimal fraction `4([-scale, mantissa])` (RFC 8949 §3.4.4), the mantissa an integer or a bignum (tags 2 and 3) beyond 64 bits: exact, the scale kept (`1.50` is `4([-2, 150])`), never a float; a negative zero is written as zero |
//! | quantity | a decimal, or the text `"unlimited"` |
//! | dates | the text as written, untagged (see below) |
//! | `entId` | text: the model holds any text, so a UUID is not turned into 16 bytes |
//! | unknown map entries | kept in the `extensions.entries` of the Ent, entity, link, meta or product they are in, and written back; the maps of other parts refuse them ([`DecodeError::UnknownKey`]) |
//!
//! A CBOR map has no order: decoded, the entries kept in `extensions` come in the order of their
//! encoded keys (integers before texts, shorter texts first), whatever order the model that was
//! written had them in. Every other list keeps its order.
//!
//! **Dates.** An Ent keeps a date as the text it was given (an `xs:dateTime`, which may lack a
//! time zone or have a year beyond 9999, neither of which RFC 3339 allows). So a date is written
//! as plain text, not as tag 0 (which requires RFC 3339) or tag 1 (which would lose the text);
//! on input, tag 0 around a text is read as the text and tag 1 around an integer as the UTC
//! date-time of those Unix seconds.
//!
//! **Output** is deterministic (RFC 8949 §4.2.1): definite lengths, shortest heads, map entries
//! in the bytewise order of their encoded keys; the same model always gives the same bytes.
//! XML-only content kept in `extensions` (foreign attributes and elements) has no CBOR form:
//! writing it is an [`EncodeError::NotRepresentable`].
//!
//! **Input** may be any valid encoding (indefinite lengths, longer heads, unsorted keys, a
//! decimal fraction with a zero or positive exponent); duplicate keys are refused. Lengths are
//! checked against the input left and the [`Limits`] before anything is allocated, nesting is
//! limited, and every error carries the byte offset of the item and its key path. The option
//! [`CborDecodeOptions::canonical`] accepts only the bytes this crate writes.
//!
//! ```
//! use iso19770_ent::{Decimal, Ent, Metric, Quantity};
//!
//! let ent = Ent::new("e-1").with_metric(Metric::PerDevice).with_quantity(Quantity::Exact(Decimal::new(150, 2)));
//! let bytes = ent.to_cbor_vec()?;
//! assert_eq!(
//!     bytes,
//!     [
//!         0xa3, // a map of 3
//!         0x00, 0x63, b'e', b'-', b'1', // entId: "e-1"
//!         0x09, 0xc4, 0x82, 0x21, 0x18, 0x96, // quantity: 4([-2, 150]), that is 1.50
//!         0x0a, 0xa1, 0x18, 0x1a, 0x02, // metric: {type: 2 (perDevice)}
//!     ]
//! );
//! assert_eq!(Ent::from_cbor_slice(&bytes)?, ent);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! [`registry`]: crate::registry
//! [`registry::key`]: crate::registry::key
//! [`registry::code`]: crate::registry::code
//! [`DecodeError::UnknownKey`]: crate::DecodeError::UnknownKey
//! [`EncodeError::NotRepresentable`]: crate::EncodeError::NotRepresentable

mod read;
mod write;

use crate::error::{DecodeError, EncodeError};
use crate::model::Ent;
use iso19770_core::cbor::Decoder as _;
pub use iso19770_core::cbor::Limits;
use iso19770_core::{Location, Path, Position};

/// Options of the CBOR decoder.
///
/// ```
/// use iso19770_ent::cbor::{CborDecodeOptions, Limits};
///
/// let opts = CborDecodeOptions::default().limits(Limits { max_depth: 16, ..Limits::default() });
/// assert_eq!(opts.limits.max_depth, 16);
/// assert_eq!(CborDecodeOptions::default().limits.max_len, 16 * 1024 * 1024);
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct CborDecodeOptions {
    /// Nesting depth and item lengths accepted (defaults: 64 levels, 16 MiB).
    pub limits: Limits,
    /// Accept only the bytes this crate writes for the decoded Ent (deterministic encoding, and
    /// the shapes of this form: integers for codes, decimals in their shortest form, `false`
    /// flags and empty optional lists left out); anything else is a
    /// [`DecodeError::NotCanonical`] at the first byte that
    /// differs. Default false: any valid encoding is read.
    pub canonical: bool,
}

impl CborDecodeOptions {
    /// Sets [`CborDecodeOptions::canonical`].
    ///
    /// ```
    /// use iso19770_ent::cbor::CborDecodeOptions;
    /// use iso19770_ent::{DecodeError, Ent};
    ///
    /// // {0: "x"} with the key in a two-byte head.
    /// let bytes = [0xa1, 0x18, 0x00, 0x61, b'x'];
    /// assert_eq!(Ent::from_cbor_slice(&bytes)?, Ent::new("x"));
    /// let err = Ent::from_cbor_slice_with(&bytes, &CborDecodeOptions::default().canonical(true)).unwrap_err();
    /// assert!(matches!(err, DecodeError::NotCanonical { .. }));
    /// assert_eq!(err.position().offset, 1);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn canonical(mut self, canonical: bool) -> Self {
        self.canonical = canonical;
        self
    }

    /// Sets [`CborDecodeOptions::limits`].
    #[must_use]
    pub fn limits(mut self, limits: Limits) -> Self {
        self.limits = limits;
        self
    }
}

impl Ent {
    /// Decodes one Ent that fills `bytes`.
    ///
    /// ```
    /// use iso19770_ent::{DecodeError, Ent};
    ///
    /// // A map whose entId (key 0) is the integer 1.
    /// let err = Ent::from_cbor_slice(&[0xa1, 0x00, 0x01]).unwrap_err();
    /// assert!(matches!(err, DecodeError::WrongType { .. }));
    /// assert_eq!(err.path().to_string(), "entId");
    /// assert_eq!(err.position().offset, 2);
    /// ```
    pub fn from_cbor_slice(bytes: &[u8]) -> Result<Self, DecodeError> {
        Self::from_cbor_slice_with(bytes, &CborDecodeOptions::default())
    }

    /// Decodes one Ent that fills `bytes`, with options.
    pub fn from_cbor_slice_with(bytes: &[u8], options: &CborDecodeOptions) -> Result<Self, DecodeError> {
        let mut dec = read::Dec::new(bytes, *options);
        let ent = dec.ent()?;
        dec.expect_end()?;
        if options.canonical {
            let canonical = write::encode(&ent).map_err(|e| DecodeError::NotCanonical {
                at: Box::new(Location::new(Position::bytes(0), Path::default())),
                message: format!("the Ent cannot be written back: {e}"),
            })?;
            if canonical != bytes {
                let first = bytes.iter().zip(&canonical).take_while(|(a, b)| a == b).count();
                return Err(DecodeError::NotCanonical {
                    at: Box::new(Location::new(Position::bytes(first as u64), Path::default())),
                    message: match canonical.get(first) {
                        Some(b) => format!("this crate writes the byte {b:#04x} here"),
                        None => "this crate writes nothing more".to_owned(),
                    },
                });
            }
        }
        Ok(ent)
    }

    /// Encodes the Ent as deterministic CBOR.
    pub fn to_cbor_vec(&self) -> Result<Vec<u8>, EncodeError> {
        write::encode(self)
    }
}
