//! Hex text for digests.

const DIGITS: &[u8; 16] = b"0123456789abcdef";

/// Lower-case hex of `bytes`.
pub(crate) fn encode(bytes: &[u8]) -> String {
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        s.push(char::from(DIGITS[usize::from(b >> 4)]));
        s.push(char::from(DIGITS[usize::from(b & 0x0f)]));
    }
    s
}

/// The value of each hex digit in the low four bits; bit 6 marks an upper-case digit, 0xFF a
/// byte that is not a hex digit.
#[allow(clippy::cast_possible_truncation)] // i < 10
const NIBBLE: [u8; 256] = {
    let mut table = [0xFF; 256];
    let mut i = 0;
    while i < 10 {
        table[b'0' as usize + i] = i as u8;
        i += 1;
    }
    let mut i = 0;
    while i < 6 {
        table[b'a' as usize + i] = 10 + i as u8;
        table[b'A' as usize + i] = 0x40 | (10 + i as u8);
        i += 1;
    }
    table
};

/// The bytes of hex text in either case; `None` for an odd length or a non-hex character.
pub(crate) fn decode(text: &str) -> Option<Vec<u8>> {
    decode_vec(text).map(|(bytes, _)| bytes)
}

/// The digest written in hex text (either case) and whether any digit was upper case: decoded
/// in place, no allocation up to 64 bytes.
pub(crate) fn decode_digest_with_case(text: &str) -> Option<(crate::Digest, bool)> {
    let hex = text.as_bytes();
    if !hex.len().is_multiple_of(2) {
        return None;
    }
    let mut bytes = [0u8; crate::model::digest::INLINE];
    let len = hex.len() / 2;
    match bytes.get_mut(..len) {
        Some(out) => {
            let flags = decode_pairs(hex, out);
            (flags & 0x80 == 0).then(|| (crate::Digest::from_array(bytes, len), flags & 0x40 != 0))
        }
        None => decode_vec(text).map(|(bytes, upper)| (crate::Digest::from(bytes), upper)),
    }
}

/// The bytes of hex text and whether any digit was upper case; `None` for an odd length or a
/// non-hex character.
fn decode_vec(text: &str) -> Option<(Vec<u8>, bool)> {
    let hex = text.as_bytes();
    if !hex.len().is_multiple_of(2) {
        return None;
    }
    let mut bytes = vec![0u8; hex.len() / 2];
    let flags = decode_pairs(hex, &mut bytes);
    (flags & 0x80 == 0).then_some((bytes, flags & 0x40 != 0))
}

/// Decodes the digit pairs of `hex` into `out`, a byte each, as far as both go; returns the
/// flags of every digit together in its two high bits (0x80: a character that is not a hex digit;
/// 0x40, when every character is a digit: an upper-case digit). Sixteen digits at a time in a word where both have them (a digest's digits,
/// 64 for SHA-256, cost a quarter of the instructions of a table lookup per digit), the rest by
/// table.
fn decode_pairs(hex: &[u8], out: &mut [u8]) -> u8 {
    let mut flags = 0u8;
    let mut words = hex.chunks_exact(16).zip(out.chunks_exact_mut(8));
    let mut done = 0;
    for (digits, bytes) in &mut words {
        let (Some(high), Some(low)) = (digits.first_chunk::<8>(), digits.last_chunk::<8>()) else { break };
        let (high, high_flags) = nibbles(u64::from_le_bytes(*high));
        let (low, low_flags) = nibbles(u64::from_le_bytes(*low));
        flags |= high_flags | low_flags;
        bytes.copy_from_slice(&(pack(high) | pack(low) << 32).to_le_bytes());
        done += 8;
    }
    let (Some(hex), Some(out)) = (hex.get(done * 2..), out.get_mut(done..)) else { return flags };
    for (byte, pair) in out.iter_mut().zip(hex.chunks_exact(2)) {
        let (hi, lo) = (NIBBLE[usize::from(pair[0])], NIBBLE[usize::from(pair[1])]);
        flags |= hi | lo;
        *byte = (hi & 0x0F) << 4 | (lo & 0x0F);
    }
    flags
}

/// The value of each of eight hex digits (one per byte of `w`, the first in the lowest byte), and
/// the flags [`NIBBLE`] would give them together (0x80: not a hex digit, 0x40: upper case).
#[inline]
fn nibbles(w: u64) -> (u64, u8) {
    use crate::word::{HIGHS, at_least, splat};
    let ascii = !w & HIGHS;
    let digit = at_least(w, b'0') & !at_least(w, b'9' + 1);
    // Letters in either case, seen in lower case (0x20 set: 'A'..'F' become 'a'..'f').
    let lower = w | splat(0x20);
    let letter = at_least(lower, b'a') & !at_least(lower, b'g') & ascii;
    let valid = (digit | letter) & ascii;
    // A letter's value is its low four bits plus nine.
    let value = (w & splat(0x0F)) + (letter >> 7) * 9;
    // Upper-case letters have 0x20 clear.
    let upper = letter & !(w << 2);
    let flags = if valid == HIGHS { 0 } else { 0x80 } | if upper == 0 { 0 } else { 0x40 };
    (value, flags)
}

/// Eight digit values (one per byte, the first lowest) as the four bytes they make, in the low
/// half of the word.
#[inline]
fn pack(v: u64) -> u64 {
    // Each pair of bytes (first, second) becomes the byte first << 4 | second.
    let pairs = ((v & 0x00FF_00FF_00FF_00FF) << 4) | ((v >> 8) & 0x00FF_00FF_00FF_00FF);
    let quads = (pairs | (pairs >> 8)) & 0x0000_FFFF_0000_FFFF;
    (quads | (quads >> 16)) & 0x0000_0000_FFFF_FFFF
}

#[cfg(test)]
mod tests {
    #[test]
    fn decode_accepts_both_cases_and_rejects_odd_or_foreign() {
        assert_eq!(super::decode("0aFf"), Some(vec![0x0a, 0xff]));
        assert_eq!(super::decode(""), Some(vec![]));
        assert_eq!(super::decode("abc"), None);
        assert_eq!(super::decode("zz"), None);
        assert_eq!(super::encode(&[0x0a, 0xff]), "0aff");
        assert_eq!(super::decode_vec("0aff"), Some((vec![0x0a, 0xff], false)));
        assert_eq!(super::decode_vec("0aFf"), Some((vec![0x0a, 0xff], true)));
        assert_eq!(super::decode_vec("0g"), None);
        assert_eq!(super::decode_digest_with_case("0aFf"), Some((crate::Digest::from([0x0a, 0xff]), true)));
        assert_eq!(super::decode_digest_with_case("0aff"), Some((crate::Digest::from([0x0a, 0xff]), false)));
        assert_eq!(super::decode_digest_with_case("0af"), None);
        assert_eq!(super::decode_digest_with_case("0g"), None);
        // Up to 64 bytes in place, longer ones through the general path; both the same bytes.
        for len in [0, 1, 32, 63, 64, 65, 100] {
            let bytes: Vec<u8> = (0..len).map(|i: u32| i.wrapping_mul(37).to_le_bytes()[0]).collect();
            let hex = super::encode(&bytes);
            assert_eq!(super::decode_digest_with_case(&hex), Some((crate::Digest::from(bytes.clone()), false)));
            let upper = hex.to_uppercase();
            assert_eq!(
                super::decode_digest_with_case(&upper),
                Some((crate::Digest::from(bytes), len > 0 && upper != hex))
            );
            assert_eq!(super::decode_digest_with_case(&format!("{hex}x")), None, "{len}");
            assert_eq!(super::decode_digest_with_case(&format!("{hex}0g")), None, "{len}");
        }
        let long = "ab".repeat(100);
        // Every byte value at every position of the word-wise blocks and of the tail: the flags
        // and the bytes a lookup per digit gives.
        let by_table = |hex: &[u8]| {
            let mut flags = 0;
            let bytes: Vec<u8> = hex
                .chunks_exact(2)
                .map(|pair| {
                    let (hi, lo) = (super::NIBBLE[usize::from(pair[0])], super::NIBBLE[usize::from(pair[1])]);
                    flags |= hi | lo;
                    (hi & 0x0F) << 4 | (lo & 0x0F)
                })
                .collect();
            (bytes, flags)
        };
        for at in [0, 3, 7, 8, 15, 16, 17, 31, 32, 33] {
            for b in 0..=255u8 {
                for filler in [b'7', b'c', b'E'] {
                    let mut hex = vec![filler; 34];
                    hex[at] = b;
                    let mut bytes = vec![0; 17];
                    let flags = super::decode_pairs(&hex, &mut bytes);
                    let (want, want_flags) = by_table(&hex);
                    // Past a non-digit, the case flag does not matter.
                    assert_eq!(flags & 0x80, want_flags & 0x80, "{b:#04x} at {at} among {filler}");
                    if want_flags & 0x80 == 0 {
                        assert_eq!((bytes, flags & 0xC0), (want, want_flags & 0xC0), "{b:#04x} at {at} among {filler}");
                    }
                }
            }
        }
        assert_eq!(super::decode_digest_with_case(&long), Some((crate::Digest::from(vec![0xab; 100]), false)));
    }
}
