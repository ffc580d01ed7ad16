//! Bignums (RFC 8949 §3.4.3): tag 2 or 3 around the bytes of a magnitude.

use std::borrow::Cow;

/// A bignum as read: its sign (tag 3 is negative, -1 - n) and its magnitude n, big-endian,
/// leading zero bytes dropped.
///
/// ```
/// use iso19770_core::cbor::Bignum;
///
/// let n = Bignum::new(true, vec![0, 0, 1, 0].into());
/// assert_eq!(n.significant_bytes(), 2);
/// assert_eq!(n.to_i128(), Some(-257));
/// assert_eq!(Bignum::new(false, vec![0xff; 17].into()).to_i128(), None);
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Bignum<'a> {
    negative: bool,
    magnitude: Cow<'a, [u8]>,
}

impl<'a> Bignum<'a> {
    /// The bignum of tag 3 (`negative`) or tag 2 with the content of its byte string.
    pub fn new(negative: bool, bytes: Cow<'a, [u8]>) -> Self {
        let zeros = bytes.iter().take_while(|&&b| b == 0).count();
        let magnitude = match bytes {
            Cow::Borrowed(b) => Cow::Borrowed(b.get(zeros..).unwrap_or_default()),
            Cow::Owned(mut b) => {
                b.drain(..zeros);
                Cow::Owned(b)
            }
        };
        Bignum { negative, magnitude }
    }

    /// True for tag 3.
    pub fn is_negative(&self) -> bool {
        self.negative
    }

    /// The bytes of the magnitude, leading zeros left out: a measure of its size before it is
    /// converted.
    pub fn significant_bytes(&self) -> usize {
        self.magnitude.len()
    }

    /// The magnitude, big-endian, without leading zeros.
    pub fn magnitude(&self) -> &[u8] {
        &self.magnitude
    }

    /// The value (n for tag 2, -1 - n for tag 3), when `i128` holds it.
    pub fn to_i128(&self) -> Option<i128> {
        if self.magnitude.len() > 16 {
            return None;
        }
        let magnitude = self.magnitude.iter().fold(0u128, |acc, &b| acc << 8 | u128::from(b));
        let magnitude = i128::try_from(magnitude).ok()?;
        Some(if self.negative { -1 - magnitude } else { magnitude })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn leading_zeros_are_dropped_from_borrowed_and_owned_bytes() {
        let bytes = [0u8, 0, 1, 2];
        let borrowed = Bignum::new(false, Cow::Borrowed(&bytes));
        assert_eq!(borrowed.magnitude(), [1, 2]);
        assert!(matches!(borrowed.magnitude, Cow::Borrowed(_)));
        let owned = Bignum::new(true, Cow::Owned(bytes.to_vec()));
        assert_eq!(owned.magnitude(), [1, 2]);
        assert!(owned.is_negative());
        assert_eq!(owned.to_i128(), Some(-1 - 0x102));
        assert_eq!(Bignum::new(false, Cow::Borrowed(&[0, 0])).to_i128(), Some(0));
        assert_eq!(Bignum::new(true, Cow::Borrowed(&[])).to_i128(), Some(-1));
    }

    #[test]
    fn values_up_to_i128_convert() {
        let max = i128::MAX.to_be_bytes();
        assert_eq!(Bignum::new(false, Cow::Borrowed(&max)).to_i128(), Some(i128::MAX));
        assert_eq!(Bignum::new(true, Cow::Borrowed(&max)).to_i128(), Some(i128::MIN));
        let beyond = (i128::MAX as u128 + 1).to_be_bytes();
        assert_eq!(Bignum::new(false, Cow::Borrowed(&beyond)).significant_bytes(), 16);
        assert_eq!(Bignum::new(false, Cow::Borrowed(&beyond)).to_i128(), None);
        assert_eq!(Bignum::new(false, Cow::Borrowed(&[1; 17])).to_i128(), None);
    }
}
