//! Exact decimals in CBOR (feature `decimal`): an integer when the scale is 0, else a decimal
//! fraction `4([-scale, mantissa])` (RFC 8949 §3.4.4), the mantissa an integer or a bignum; never
//! a float. Read back exactly, with the scale kept (`1.50` is `4([-2, 150])`).

use super::{Decoder, Head, Writer};
use crate::decimal::Decimal;
use ciborium_ll::Header;

/// The tag of a decimal fraction.
const DECIMAL_FRACTION: u64 = 4;
/// The tags of bignums.
const POSITIVE_BIGNUM: u64 = 2;
const NEGATIVE_BIGNUM: u64 = 3;

impl Writer {
    /// Writes an exact decimal: an integer when its scale is 0, else `4([-scale, mantissa])`,
    /// the mantissa a bignum beyond 64 bits. A negative zero is written as zero.
    ///
    /// ```
    /// use iso19770_core::cbor::Writer;
    /// use iso19770_core::decimal::Decimal;
    ///
    /// let mut w = Writer::new();
    /// w.decimal(Decimal::new(150, 2));
    /// w.decimal(Decimal::new(-7, 0));
    /// assert_eq!(w.into_bytes(), [0xc4, 0x82, 0x21, 0x18, 0x96, 0x26]);
    /// ```
    pub fn decimal(&mut self, d: Decimal) {
        let mantissa = d.mantissa();
        let scale = d.scale();
        if scale == 0 {
            self.big_integer(mantissa);
            return;
        }
        self.tag(DECIMAL_FRACTION);
        self.array(2);
        self.integer(-i64::from(scale));
        self.big_integer(mantissa);
    }
}

/// The mantissa of a decimal: an integer, or a bignum that fits 96 bits.
fn mantissa<'a, D: Decoder<'a>>(d: &mut D, head: Head) -> Result<i128, D::Error> {
    match head.header {
        Header::Positive(v) => Ok(i128::from(v)),
        Header::Negative(v) => Ok(-1 - i128::from(v)),
        Header::Tag(t @ (POSITIVE_BIGNUM | NEGATIVE_BIGNUM)) => {
            let bignum = d.bignum(t == NEGATIVE_BIGNUM)?;
            match bignum.to_i128() {
                Some(value) if bignum.significant_bytes() <= 12 => Ok(value),
                _ => Err(d.inexact_decimal(
                    head.offset,
                    format!(
                        "a bignum of {} significant byte(s): an exact decimal holds 96 bits",
                        bignum.significant_bytes()
                    ),
                )),
            }
        }
        _ => Err(d.wrong(&head, "an integer or a bignum")),
    }
}

/// The decimal whose head was just pulled (see [`Decoder::decimal_after`]).
pub(super) fn decimal_after<'a, D: Decoder<'a>>(d: &mut D, head: Head) -> Result<Decimal, D::Error> {
    let (mantissa, exponent) = match head.header {
        Header::Tag(DECIMAL_FRACTION) => {
            d.with_cursor(|c| c.enter(head.offset))?;
            let array = d.head()?;
            let Header::Array(Some(2) | None) = array.header else {
                return Err(d.wrong(&array, "a decimal fraction [exponent, mantissa]"));
            };
            d.with_cursor(|c| c.enter(array.offset))?;
            let e_head = d.head()?;
            let exponent = match e_head.header {
                Header::Positive(v) => i64::try_from(v).unwrap_or(i64::MAX),
                Header::Negative(v) => i64::try_from(v).map_or(i64::MIN, |v| -1 - v),
                _ => return Err(d.wrong(&e_head, "an integer exponent")),
            };
            let m_head = d.head()?;
            let mantissa = mantissa(d, m_head)?;
            if array.header == Header::Array(None) && !d.with_cursor(super::Cursor::at_break)? {
                return Err(d.wrong(&array, "a decimal fraction of 2 items"));
            }
            d.reader_mut().cursor.leave();
            d.reader_mut().cursor.leave();
            (mantissa, exponent)
        }
        Header::Tag(POSITIVE_BIGNUM | NEGATIVE_BIGNUM) | Header::Positive(_) | Header::Negative(_) => {
            (mantissa(d, head)?, 0)
        }
        _ => return Err(d.wrong(&head, "an exact decimal (an integer or a decimal fraction)")),
    };
    let inexact = |message: String| d.inexact_decimal(head.offset, message);
    if exponent > 0 {
        // A whole number: the mantissa times 10^exponent, scale 0.
        let value = u32::try_from(exponent)
            .ok()
            .and_then(|e| 10i128.checked_pow(e))
            .and_then(|p| mantissa.checked_mul(p))
            .ok_or_else(|| inexact(format!("{mantissa}e{exponent} is beyond 96 bits")))?;
        return Decimal::try_from_i128_with_scale(value, 0)
            .map_err(|_| inexact(format!("{mantissa}e{exponent} is beyond 96 bits")));
    }
    let scale = u32::try_from(exponent.unsigned_abs())
        .ok()
        .filter(|s| *s <= Decimal::MAX_SCALE)
        .ok_or_else(|| inexact(format!("the exponent {exponent}: an exact decimal has at most 28 places")))?;
    Decimal::try_from_i128_with_scale(mantissa, scale)
        .map_err(|_| inexact(format!("the mantissa {mantissa} is beyond 96 bits")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cbor::{Limits, ReadError, ReadErrorKind, Reader};

    fn read(bytes: &[u8]) -> Result<Decimal, ReadError> {
        let mut r = Reader::new(bytes, Limits::default(), |_| None);
        let d = r.decimal()?;
        r.expect_end()?;
        Ok(d)
    }

    fn written(d: Decimal) -> Vec<u8> {
        let mut w = Writer::new();
        w.decimal(d);
        w.into_bytes()
    }

    #[test]
    fn decimals_round_trip_with_their_scale() {
        for d in [
            Decimal::new(150, 2),
            Decimal::new(-150, 2),
            Decimal::new(0, 3),
            Decimal::new(42, 0),
            Decimal::MAX,
            Decimal::MIN,
            Decimal::from_i128_with_scale(i128::from(u64::MAX) + 1, 28),
            Decimal::from_i128_with_scale(-i128::from(u64::MAX), 5),
        ] {
            let bytes = written(d);
            let back = read(&bytes).expect("an exact decimal");
            assert_eq!(back, d);
            assert_eq!(back.scale(), d.scale(), "{d}");
        }
        // 2^64 is a bignum: tag 2, the bytes 01 00 .. 00.
        assert_eq!(written(Decimal::from_i128_with_scale(1 << 64, 0)), [0xc2, 0x49, 1, 0, 0, 0, 0, 0, 0, 0, 0]);
        // -2^64 fits major type 1.
        assert_eq!(
            written(Decimal::from_i128_with_scale(-(1 << 64), 0)),
            [0x3b, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]
        );
    }

    #[test]
    fn other_encodings_are_read_exactly() {
        // 4([2, 15]) is 1500; an indefinite array; a bignum mantissa with leading zeros.
        assert_eq!(read(&[0xc4, 0x82, 0x02, 0x0f]).expect("1500"), Decimal::new(1500, 0));
        assert_eq!(read(&[0xc4, 0x9f, 0x20, 0x0f, 0xff]).expect("1.5"), Decimal::new(15, 1));
        assert_eq!(read(&[0xc4, 0x82, 0x20, 0xc3, 0x42, 0x00, 0x0e]).expect("-1.5"), Decimal::new(-15, 1));
    }

    #[test]
    fn what_a_decimal_cannot_hold_is_refused_with_its_reason() {
        let inexact = |bytes: &[u8]| match read(bytes).expect_err("inexact").kind {
            ReadErrorKind::InexactDecimal { message } => message,
            other => panic!("{other:?}"),
        };
        assert_eq!(
            inexact(&[0xc2, 0x4d, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]),
            "a bignum of 13 significant byte(s): an exact decimal holds 96 bits"
        );
        assert_eq!(
            inexact(&[0xc4, 0x82, 0x38, 0x1c, 0x01]),
            "the exponent -29: an exact decimal has at most 28 places"
        );
        assert_eq!(inexact(&[0xc4, 0x82, 0x18, 0x1d, 0x01]), "1e29 is beyond 96 bits");
        assert_eq!(
            inexact(&[0xc4, 0x82, 0x1b, 0xff, 0, 0, 0, 0, 0, 0, 0, 0x01]),
            "1e9223372036854775807 is beyond 96 bits"
        );
        assert!(matches!(
            read(&[0xc4, 0x83, 0x20, 0x01, 0x02]).expect_err("3 items").kind,
            ReadErrorKind::WrongType { expected: "a decimal fraction [exponent, mantissa]", .. }
        ));
        assert!(matches!(
            read(&[0xc4, 0x9f, 0x20, 0x01, 0x02, 0xff]).expect_err("3 items").kind,
            ReadErrorKind::WrongType { expected: "a decimal fraction of 2 items", .. }
        ));
        assert!(matches!(
            read(&[0xf9, 0x3c, 0x00]).expect_err("a float").kind,
            ReadErrorKind::WrongType { expected: "an exact decimal (an integer or a decimal fraction)", .. }
        ));
        assert!(matches!(
            read(&[0xc4, 0x82, 0x61, b'1', 0x01]).expect_err("a text exponent").kind,
            ReadErrorKind::WrongType { expected: "an integer exponent", .. }
        ));
        assert!(matches!(
            read(&[0xc4, 0x82, 0x20, 0xf5]).expect_err("a boolean mantissa").kind,
            ReadErrorKind::WrongType { expected: "an integer or a bignum", .. }
        ));
    }
}
