//! CBOR (RFC 8949) building blocks shared by the crates' CoSWID-style codecs.
//!
//! - [`CborValue`]: any CBOR data item, kept for map entries a model has no field for;
//! - [`Cursor`]: a reader over a byte slice that pulls one item head at a time (through
//!   `ciborium-ll`), with byte offsets, nesting and length limits checked before anything is
//!   allocated, and a note of every non-deterministic encoding it meets;
//! - [`Writer`]: a deterministic writer (RFC 8949 §4.2.1: definite lengths, shortest heads, map
//!   entries in bytewise order of their encoded keys).
//!
//! On top of them, what every model codec of the family does the same way, so that a crate
//! writes only its keys and its domain:
//!
//! | module part | what |
//! |---|---|
//! | [`MapKey`], [`KeySet`] | an integer or text map key, and the keys seen in one map (duplicates) |
//! | [`KeyPath`] | the key path of an error (`payload/file[3]/size`), keys named by the crate's registry ([`KeyNames`]) |
//! | [`Decoder`], [`Reader`] | the shared reading of maps (duplicate keys, key order, the path), arrays, texts and booleans, for a crate's decoder |
//! | [`ReadError`], [`ReadErrorKind`] | what those fail with, turned into a crate's decode error by [`impl_from_read_error!`](crate::impl_from_read_error) |
//! | [`Bignum`], [`Writer::big_integer`] | integers beyond 64 bits: bignums (tags 2 and 3) |
//! | `Writer::decimal`, `Decoder::decimal` (feature `decimal`) | exact decimals as integers or decimal fractions `4([-scale, mantissa])` |
//! | [`Encoder`], [`SortedMap`] | the shared writing of maps: entries encoded one by one with their key path, written in the deterministic order |
//!
//! ```
//! use iso19770_core::cbor::{CborValue, Cursor, Limits, Writer};
//!
//! let value = CborValue::Map(vec![
//!     (CborValue::Text("b".into()), CborValue::Unsigned(2)),
//!     (CborValue::Unsigned(1), CborValue::Array(vec![CborValue::Bool(true)])),
//! ]);
//! let mut w = Writer::new();
//! w.value(&value);
//! // Deterministic: the integer key sorts before the text key.
//! assert_eq!(w.into_bytes(), [0xa2, 0x01, 0x81, 0xf5, 0x61, b'b', 0x02]);
//!
//! let mut cursor = Cursor::new(&[0x82, 0x01, 0x20], Limits::default());
//! assert_eq!(cursor.value().expect("an array"), CborValue::Array(vec![CborValue::Unsigned(1), CborValue::Negative(0)]));
//! assert!(cursor.is_at_end());
//! ```

mod annotate;
mod bignum;
mod cursor;
#[cfg(feature = "decimal")]
mod decimal;
mod decode;
mod encode;
mod key;
mod registry;
mod value;
mod writer;

pub use annotate::{AnnotateError, Annotations, annotate, parse_annotated_hex};
pub use bignum::Bignum;
pub use cursor::{CborError, CborErrorKind, Cursor, Head, Irregularity, Limits};
pub use decode::{Decoder, ReadError, ReadErrorKind, Reader};
pub use encode::{Encoder, SortedMap};
pub use key::{KeyNames, KeyPath, KeySet, MapKey};
pub use registry::Vocabulary;
pub use value::{CborEntry, CborValue};
pub use writer::Writer;

#[cfg(test)]
mod tests {
    use super::*;

    fn roundtrip(bytes: &[u8]) -> Vec<u8> {
        let mut c = Cursor::new(bytes, Limits::default());
        let v = c.value().expect("valid CBOR");
        assert!(c.is_at_end());
        let mut w = Writer::new();
        w.value(&v);
        w.into_bytes()
    }

    #[test]
    fn deterministic_inputs_come_back_unchanged() {
        for bytes in [
            &[0x00][..],
            &[0x17],
            &[0x18, 0x18],
            &[0x19, 0x01, 0x00],
            &[0x20],
            &[0x38, 0x63],
            &[0x43, 1, 2, 3],
            &[0x63, b'a', b'b', b'c'],
            &[0xa2, 0x01, 0x02, 0x20, 0x03],
            &[0xc1, 0x1a, 0x5a, 0x4a, 0x2a, 0x7a],
            &[0xf4],
            &[0xf6],
            &[0xf9, 0x3c, 0x00],
            &[0xfa, 0x47, 0xc3, 0x50, 0x00],
        ] {
            assert_eq!(roundtrip(bytes), bytes, "{bytes:02x?}");
        }
    }

    #[test]
    fn irregular_encodings_are_noted_and_normalized() {
        // 1 written in two bytes, an indefinite array, a map in the wrong order.
        let bytes = [0x9f, 0x18, 0x01, 0xbf, 0x61, b'a', 0x01, 0x01, 0x02, 0xff, 0xff];
        let mut c = Cursor::new(&bytes, Limits::default());
        let v = c.value().expect("valid");
        let kinds: Vec<_> = c.irregularities().iter().map(|i| i.0).collect();
        assert_eq!(kinds, [Irregularity::IndefiniteLength, Irregularity::LongerHead, Irregularity::IndefiniteLength]);
        let mut w = Writer::new();
        w.value(&v);
        assert_eq!(w.into_bytes(), [0x82, 0x01, 0xa2, 0x01, 0x02, 0x61, b'a', 0x01]);
    }

    #[test]
    fn a_declared_length_beyond_the_input_fails_before_allocating() {
        // An array declaring 2^64 - 1 items, a string declaring 4 GiB, in a few bytes.
        let mut c = Cursor::new(&[0x9b, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x00], Limits::default());
        let e = c.value().expect_err("too long");
        assert_eq!(e.offset, 0);
        assert!(matches!(e.kind, CborErrorKind::TooLong { .. } | CborErrorKind::LengthBeyondInput { .. }), "{e:?}");
        let mut c =
            Cursor::new(&[0x5a, 0x10, 0x00, 0x00, 0x00, 0x01], Limits { max_len: u64::MAX, ..Limits::default() });
        assert_eq!(
            c.value().expect_err("short").kind,
            CborErrorKind::LengthBeyondInput { declared: 268_435_456, remaining: 1 }
        );
    }

    #[test]
    fn nesting_beyond_the_limit_fails() {
        let bytes = vec![0x81; 100];
        let mut c = Cursor::new(&bytes, Limits::default());
        let e = c.value().expect_err("deep");
        assert_eq!(e.kind, CborErrorKind::TooDeep { limit: 64 });
        assert_eq!(e.offset, 64);
    }

    #[test]
    fn truncated_input_and_bad_utf8_are_reported_at_their_item() {
        let mut c = Cursor::new(&[0x82, 0x01], Limits::default());
        assert_eq!(
            c.value().expect_err("truncated"),
            CborError { kind: CborErrorKind::LengthBeyondInput { declared: 2, remaining: 1 }, offset: 0 }
        );
        let mut c = Cursor::new(&[0x81, 0x19, 0x01], Limits::default());
        assert_eq!(c.value().expect_err("truncated head"), CborError { kind: CborErrorKind::UnexpectedEnd, offset: 1 });
        let mut c = Cursor::new(&[0x81, 0x62, 0xc3, 0x28], Limits::default());
        assert_eq!(c.value().expect_err("utf-8"), CborError { kind: CborErrorKind::InvalidUtf8, offset: 1 });
        let mut c = Cursor::new(&[0xff], Limits::default());
        assert_eq!(c.value().expect_err("break").kind, CborErrorKind::BadIndefinite);
    }

    #[test]
    fn integers_convert_both_ways() {
        for i in [0, 1, -1, 23, 24, -25, i64::MIN, i64::MAX] {
            assert_eq!(CborValue::integer(i).as_i64(), Some(i));
        }
        assert_eq!(CborValue::Unsigned(u64::MAX).as_i64(), None);
    }

    #[test]
    fn big_integers_are_plain_integers_when_they_fit_and_bignums_beyond() {
        for (v, expected) in [
            (0i128, vec![0x00]),
            (-1, vec![0x20]),
            (i128::from(u64::MAX), vec![0x1b, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]),
            (-1 - i128::from(u64::MAX), vec![0x3b, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]),
            (1 << 64, vec![0xc2, 0x49, 1, 0, 0, 0, 0, 0, 0, 0, 0]),
            (-2 - i128::from(u64::MAX), vec![0xc3, 0x49, 1, 0, 0, 0, 0, 0, 0, 0, 0]),
        ] {
            let mut w = Writer::new();
            w.big_integer(v);
            assert_eq!(w.into_bytes(), expected, "{v}");
        }
        let mut w = Writer::new();
        w.big_integer(i128::MIN);
        let bytes = w.into_bytes();
        assert_eq!(bytes[..2], [0xc3, 0x50]);
        assert_eq!(bytes.len(), 18);
    }

    #[test]
    fn labels_heads_and_the_input_are_there_for_the_codecs() {
        let mut w = Writer::new();
        w.label(&crate::Label::Int(24));
        w.label(&crate::Label::Text("ab".into()));
        let bytes = w.into_bytes();
        assert_eq!(bytes, [0x18, 0x18, 0x62, b'a', b'b']);
        let mut c = Cursor::new(&bytes, Limits::default());
        assert_eq!(c.input(), &bytes[..]);
        assert_eq!(c.head().expect("24").describe(), "the integer 24");
        assert_eq!(c.head().expect("text").describe(), "a text string");
        for (bytes, described) in [
            (&[0x38, 0x63][..], "the integer -100"),
            (&[0x5f], "a byte string"),
            (&[0x9f], "an array"),
            (&[0xbf], "a map"),
            (&[0xc1], "tag 1"),
            (&[0xf5], "a boolean"),
            (&[0xf6], "null"),
            (&[0xf7], "simple value 23"),
            (&[0xf9, 0, 0], "a floating-point number"),
            (&[0xff], "a break"),
        ] {
            let mut c = Cursor::new(bytes, Limits::default());
            assert_eq!(c.head().expect("a head").describe(), described);
        }
    }

    #[test]
    fn floats_take_the_shortest_width_that_keeps_them() {
        for (f, expected) in [
            (1.0, vec![0xf9, 0x3c, 0x00]),
            (100_000.0, vec![0xfa, 0x47, 0xc3, 0x50, 0x00]),
            (1.1, {
                let mut v = vec![0xfb];
                v.extend_from_slice(&1.1f64.to_be_bytes());
                v
            }),
        ] {
            let mut w = Writer::new();
            w.float(f);
            assert_eq!(w.into_bytes(), expected, "{f}");
        }
    }
}
