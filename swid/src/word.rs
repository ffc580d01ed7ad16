//! Bytes looked at eight at a time in a `u64` word (little-endian: the first byte in the lowest
//! bits), for the short runs of text a decoder looks through most: names, values, digests, the
//! white space between elements. A loop over single bytes mispredicts its exit at every run; a
//! vectorized loop costs more to set up than a short run.
//!
//! The exact tests ([`equal`], [`at_least`]) answer for each byte on its own, with no carry or
//! borrow between bytes; [`zero_marks`] is cheaper and may also mark bytes above a zero byte, which
//! is enough to find the first one.

// The XML codec uses them all; hex digests (any codec) only some.
#![cfg_attr(not(feature = "xml"), allow(dead_code))]

/// A byte in every byte of a word.
pub(crate) const ONES: u64 = 0x0101_0101_0101_0101;
/// The low seven bits of every byte.
pub(crate) const LOWS: u64 = 0x7F7F_7F7F_7F7F_7F7F;
/// The high bit of every byte.
pub(crate) const HIGHS: u64 = !LOWS;

/// `b` in every byte of a word.
#[inline]
pub(crate) const fn splat(b: u8) -> u64 {
    ONES * b as u64
}

/// The eight bytes of `bytes` from `at` as a word, if there are eight.
#[inline]
pub(crate) fn load(bytes: &[u8], at: usize) -> Option<u64> {
    bytes.get(at..).and_then(<[u8]>::first_chunk::<8>).map(|w| u64::from_le_bytes(*w))
}

/// The high bit of every byte of `w` equal to `b`, exactly.
#[inline]
pub(crate) fn equal(w: u64, b: u8) -> u64 {
    let x = w ^ splat(b);
    // The low seven bits plus 0x7F reach the high bit unless they are zero.
    !(((x & LOWS) + LOWS) | x) & HIGHS
}

/// The high bit of every byte of `w` whose low seven bits are `n` (at most 0x80) or more,
/// exactly; callers judge bytes of 0x80 and above apart (`!w & HIGHS` marks the ASCII ones).
#[inline]
pub(crate) fn at_least(w: u64, n: u8) -> u64 {
    // The low seven bits plus 0x80 - n reach the high bit from n on, and never carry out.
    ((w & LOWS) + splat(0x80 - n)) & HIGHS
}

/// The high bit of every zero byte of `x`, and possibly of bytes above a zero byte (a borrow
/// only carries upwards): the lowest bit set marks the first zero byte.
#[inline]
pub(crate) fn zero_marks(x: u64) -> u64 {
    x.wrapping_sub(ONES) & !x & HIGHS
}

/// The high bits of the last `n` bytes of a word (1 to 8).
#[inline]
pub(crate) fn last_bytes(n: usize) -> u64 {
    (u64::MAX << (8 * (8 - n.clamp(1, 8)))) & HIGHS
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every byte value at every position, between neighbours that would carry or borrow into
    /// it: the exact tests answer as a comparison of the byte alone.
    #[test]
    fn exact_tests_answer_for_each_byte_alone() {
        for neighbour in [0x00, 0x01, 0x7F, 0x80, 0xFF] {
            for at in 0..8 {
                for b in 0..=255u8 {
                    let mut bytes = [neighbour; 8];
                    bytes[at] = b;
                    let w = u64::from_le_bytes(bytes);
                    let mark = |hit: bool| if hit { 0x80u64 << (8 * at) } else { 0 };
                    let only = 0x80u64 << (8 * at);
                    for probe in [0x00, 0x09, 0x20, b'0', b'a', 0x7F, 0x80, 0xEF, 0xFF] {
                        assert_eq!(equal(w, probe) & only, mark(b == probe), "{b:#04x}={probe:#04x} at {at}");
                    }
                    for n in [0x01, 0x20, 0x30, 0x3A, 0x61, 0x67, 0x7B, 0x80] {
                        assert_eq!(at_least(w, n) & only, mark(b & 0x7F >= n), "{b:#04x}>={n:#04x} at {at}");
                    }
                }
            }
        }
    }

    #[test]
    fn the_first_zero_byte_is_the_lowest_mark() {
        for at in 0..8 {
            for above in [0x00, 0x01, 0x80, 0xFF] {
                let mut bytes = [0x41u8; 8];
                bytes[at] = 0;
                for b in bytes.iter_mut().skip(at + 1) {
                    *b = above;
                }
                let marks = zero_marks(u64::from_le_bytes(bytes));
                assert_eq!((marks.trailing_zeros() / 8) as usize, at, "{at} {above:#04x}");
            }
        }
        assert_eq!(zero_marks(splat(0x41)), 0);
        assert_eq!(last_bytes(1), 0x8000_0000_0000_0000);
        assert_eq!(last_bytes(8), HIGHS);
        assert_eq!(load(b"abcdefgh", 0), Some(u64::from_le_bytes(*b"abcdefgh")));
        assert_eq!(load(b"abcdefgh", 1), None);
    }
}
