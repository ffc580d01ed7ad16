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
/// table's flags of every digit together (0x80: a character that is not a hex digit, 0x40: an
/// upper-case digit).
fn decode_pairs(hex: &[u8], out: &mut [u8]) -> u8 {
    let mut flags = 0u8;
    for (byte, pair) in out.iter_mut().zip(hex.chunks_exact(2)) {
        let (hi, lo) = (NIBBLE[usize::from(pair[0])], NIBBLE[usize::from(pair[1])]);
        flags |= hi | lo;
        *byte = (hi & 0x0F) << 4 | (lo & 0x0F);
    }
    flags
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
        assert_eq!(super::decode_digest_with_case(&long), Some((crate::Digest::from(vec![0xab; 100]), false)));
    }
}
