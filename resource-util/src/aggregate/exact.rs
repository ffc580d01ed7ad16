//! Exact ratios of decimals: `value × numerator ÷ denominator` rounded half to even at a scale,
//! computed on integers (256 bits where 128 do not suffice), never through floating point or a
//! rounded intermediate.

use iso19770_core::decimal::Decimal;

/// The most digits after the point a [`Decimal`] holds.
pub(crate) const MAX_SCALE: u32 = 28;

/// An unsigned 256-bit integer, just enough of one for a product of two `u128` and a division.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
struct U256 {
    hi: u128,
    lo: u128,
}

const LOW64: u128 = u128::MAX >> 64;

impl U256 {
    const ZERO: U256 = U256 { hi: 0, lo: 0 };

    fn from_u128(lo: u128) -> Self {
        U256 { hi: 0, lo }
    }

    /// The full product of two `u128`.
    fn product(a: u128, b: u128) -> Self {
        let (a1, a0) = (a >> 64, a & LOW64);
        let (b1, b0) = (b >> 64, b & LOW64);
        let (p00, p01, p10, p11) = (a0 * b0, a0 * b1, a1 * b0, a1 * b1);
        // Each term is below 2^64, so the middle column fits.
        let mid = (p00 >> 64) + (p01 & LOW64) + (p10 & LOW64);
        U256 { hi: p11 + (p01 >> 64) + (p10 >> 64) + (mid >> 64), lo: (p00 & LOW64) | ((mid & LOW64) << 64) }
    }

    fn checked_mul(self, b: u128) -> Option<Self> {
        let low = U256::product(self.lo, b);
        let high = U256::product(self.hi, b);
        if high.hi != 0 {
            return None;
        }
        Some(U256 { hi: high.lo.checked_add(low.hi)?, lo: low.lo })
    }

    fn checked_add_one(self) -> Option<Self> {
        match self.lo.checked_add(1) {
            Some(lo) => Some(U256 { hi: self.hi, lo }),
            None => Some(U256 { hi: self.hi.checked_add(1)?, lo: 0 }),
        }
    }

    fn wrapping_sub(self, other: Self) -> Self {
        let (lo, borrow) = self.lo.overflowing_sub(other.lo);
        U256 { hi: self.hi.wrapping_sub(other.hi).wrapping_sub(u128::from(borrow)), lo }
    }

    /// Shifted left by one, with the bit shifted out.
    fn shl1(self) -> (Self, bool) {
        (U256 { hi: (self.hi << 1) | (self.lo >> 127), lo: self.lo << 1 }, self.hi >> 127 == 1)
    }

    fn bit(self, i: u32) -> bool {
        if i >= 128 { (self.hi >> (i - 128)) & 1 == 1 } else { (self.lo >> i) & 1 == 1 }
    }

    fn set_bit(&mut self, i: u32) {
        if i >= 128 {
            self.hi |= 1 << (i - 128);
        } else {
            self.lo |= 1 << i;
        }
    }

    fn bits(self) -> u32 {
        if self.hi == 0 { 128 - self.lo.leading_zeros() } else { 256 - self.hi.leading_zeros() }
    }

    /// Quotient and remainder; `None` for a zero divisor.
    fn div_rem(self, d: Self) -> Option<(Self, Self)> {
        if d == U256::ZERO {
            return None;
        }
        if self.hi == 0 && d.hi == 0 {
            return Some((U256::from_u128(self.lo / d.lo), U256::from_u128(self.lo % d.lo)));
        }
        // Long division, one bit at a time.
        let (mut q, mut r) = (U256::ZERO, U256::ZERO);
        for i in (0..self.bits()).rev() {
            let (shifted, carry) = r.shl1();
            r = shifted;
            if self.bit(i) {
                r.lo |= 1;
            }
            if carry || r >= d {
                r = r.wrapping_sub(d);
                q.set_bit(i);
            }
        }
        Some((q, r))
    }
}

/// `n ÷ d` rounded half to even; `None` for a zero divisor or a quotient out of range.
fn div_half_even(n: U256, d: U256) -> Option<U256> {
    let (q, r) = n.div_rem(d)?;
    // r < d, so d - r does not wrap; r is above half of d exactly when r > d - r.
    let rest = d.wrapping_sub(r);
    if r > rest || (r == rest && q.lo & 1 == 1) { q.checked_add_one() } else { Some(q) }
}

/// `10^exp` for `exp` up to 38.
fn pow10(exp: u32) -> Option<u128> {
    10u128.checked_pow(exp)
}

/// `value × numerator ÷ denominator`, rounded half to even to `scale` digits after the point
/// (ties to the even last digit, symmetric about zero). `None` when the denominator is zero, the
/// scale is above 28, or the result does not fit a decimal.
pub(crate) fn scaled_ratio(value: Decimal, numerator: u128, denominator: u128, scale: u32) -> Option<Decimal> {
    if scale > MAX_SCALE {
        return None;
    }
    let mantissa = value.mantissa();
    let magnitude = mantissa.unsigned_abs();
    let own = value.scale();
    // value = mantissa × 10^-own; the result's mantissa is value × numerator ÷ denominator × 10^scale.
    let (n, d) = if scale >= own {
        (U256::product(magnitude, pow10(scale - own)?).checked_mul(numerator)?, U256::from_u128(denominator))
    } else {
        (U256::product(magnitude, numerator), U256::product(denominator, pow10(own - scale)?))
    };
    let q = div_half_even(n, d)?;
    if q.hi != 0 {
        return None;
    }
    let q = i128::try_from(q.lo).ok()?;
    Decimal::try_from_i128_with_scale(if mantissa < 0 { -q } else { q }, scale).ok()
}

/// `value` split in proportion to the `weight` of each of `items` (overlaps in nanoseconds), exactly: the piece of
/// weight `i` is `round(value × c_i ÷ total) − round(value × c_(i−1) ÷ total)`, where `c_i` is
/// the sum of the weights up to and including `i` and `round` is [`scaled_ratio`] at `scale`;
/// the last piece is `value` less the pieces before it. The pieces therefore add up to `value`
/// exactly, and each differs from its exact share by less than one unit of `scale`.
///
/// One weight (or none) gives `value` whole. `None` when the weights add up to zero though there
/// are several, or a piece does not fit a decimal.
pub(crate) fn pro_rata<T>(
    value: Decimal,
    items: &[T],
    weight: impl Fn(&T) -> u128,
    scale: u32,
    pieces: &mut Vec<Decimal>,
) -> Option<()> {
    pieces.clear();
    let Some((_, init)) = items.split_last() else {
        return Some(());
    };
    let total = items.iter().try_fold(0u128, |sum, item| sum.checked_add(weight(item)))?;
    let mut cumulative = 0u128;
    let mut before = Decimal::ZERO;
    for item in init {
        cumulative += weight(item); // no overflow: at most `total`
        let upto = scaled_ratio(value, cumulative, total, scale)?;
        pieces.push(upto.checked_sub(before)?);
        before = upto;
    }
    pieces.push(value.checked_sub(before)?);
    Some(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use iso19770_core::decimal::parse;

    fn d(text: &str) -> Decimal {
        parse(text).unwrap()
    }

    #[test]
    fn products_and_divisions_past_128_bits() {
        let p = U256::product(u128::MAX, u128::MAX);
        // (2^128 - 1)^2 = 2^256 - 2^129 + 1
        assert_eq!(p, U256 { hi: u128::MAX - 1, lo: 1 });
        assert_eq!(p.div_rem(U256::from_u128(u128::MAX)), Some((U256::from_u128(u128::MAX), U256::ZERO)));
        let n = U256::product(1 << 100, 3 << 90).checked_mul(7).unwrap();
        let (q, r) = n.div_rem(U256::product(1 << 90, 1 << 10)).unwrap();
        assert_eq!((q, r), (U256::from_u128(21 << 90), U256::ZERO));
        assert_eq!(U256 { hi: 1 << 127, lo: 0 }.checked_mul(2), None);
        assert_eq!(U256::from_u128(5).div_rem(U256::ZERO), None);
        // A divisor above 2^255: the shifted remainder carries out.
        let big = U256 { hi: 1 << 127, lo: 1 };
        let all = U256 { hi: u128::MAX, lo: u128::MAX };
        assert_eq!(all.div_rem(big), Some((U256::from_u128(1), all.wrapping_sub(big))));
    }

    #[test]
    fn ratios_round_half_to_even() {
        assert_eq!(scaled_ratio(d("3"), 30, 90, 0), Some(d("1")));
        assert_eq!(scaled_ratio(d("1"), 1, 3, 6), Some(d("0.333333")));
        assert_eq!(scaled_ratio(d("2"), 1, 3, 6), Some(d("0.666667")));
        assert_eq!(scaled_ratio(d("2.5"), 1, 1, 0), Some(d("2")));
        assert_eq!(scaled_ratio(d("3.5"), 1, 1, 0), Some(d("4")));
        assert_eq!(scaled_ratio(d("-2.5"), 1, 1, 0), Some(d("-2")));
        assert_eq!(scaled_ratio(d("-3.5"), 1, 1, 0), Some(d("-4")));
        assert_eq!(scaled_ratio(d("0.125"), 1, 1, 2), Some(d("0.12")));
        assert_eq!(scaled_ratio(d("1.235"), 1, 2, 3), Some(d("0.618")));
        assert_eq!(scaled_ratio(d("1.235"), 1, 2, 3).map(|x| x.scale()), Some(3));
        assert_eq!(scaled_ratio(d("7"), 1, 0, 2), None);
        assert_eq!(scaled_ratio(d("7"), 1, 1, 29), None);
        // Needs 256 bits on the way: 79228162514264337593543950335 × (2^100) ÷ (2^101).
        assert_eq!(scaled_ratio(Decimal::MAX, 1 << 100, 1 << 101, 0), Some(d("39614081257132168796771975168")));
        // Does not fit at scale 1.
        assert_eq!(scaled_ratio(Decimal::MAX, 1, 1, 1), None);
    }

    #[test]
    fn pieces_add_up_exactly() {
        let mut pieces = Vec::new();
        assert_eq!(pro_rata(d("3"), &[30, 60], |w: &u128| *w, 6, &mut pieces), Some(()));
        assert_eq!(pieces, [d("1"), d("2")]);
        pro_rata(d("1"), &[1, 1, 1], |w: &u128| *w, 2, &mut pieces).unwrap();
        assert_eq!(pieces, [d("0.33"), d("0.34"), d("0.33")]);
        pro_rata(d("1"), &[1, 1, 1, 1, 1, 1, 1], |w: &u128| *w, 0, &mut pieces).unwrap();
        assert_eq!(pieces, [d("0"), d("0"), d("0"), d("1"), d("0"), d("0"), d("0")]);
        pro_rata(d("-1"), &[1, 2], |w: &u128| *w, 3, &mut pieces).unwrap();
        assert_eq!(pieces, [d("-0.333"), d("-0.667")]);
        pro_rata(d("5.5"), &[0], |w: &u128| *w, 0, &mut pieces).unwrap();
        assert_eq!(pieces, [d("5.5")]);
        pro_rata(d("5.5"), &[], |w: &u128| *w, 0, &mut pieces).unwrap();
        assert!(pieces.is_empty());
        assert_eq!(pro_rata(d("5.5"), &[0, 0], |w: &u128| *w, 0, &mut pieces), None);
    }
}
