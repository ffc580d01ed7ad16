//! The bytes of a hash value.

use std::borrow::Borrow;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::ops::Deref;

/// Digests up to this many bytes (SHA-512, SHA3-512) are held inline.
pub(crate) const INLINE: usize = 64;

/// The bytes of a digest: CDDL `hash-value`, the second item of a `hash-entry` (CoSWID key 7
/// `hash` of a file, key 34 `thumbprint` of an entity); in XML the hex text of a file's
/// namespace-qualified `hash` attribute or of an entity's `thumbprint` attribute.
///
/// Its length is the algorithm's (32 bytes for SHA-256): validation reports a digest of another
/// length (rule `swid-hash-length`, RFC 9393 § 2.9.1); decoding keeps whatever was written.
///
/// Digests of up to 64 bytes, every algorithm of the Named Information registry that SWID uses,
/// are held in the value itself rather than on the heap, so that decoding a tag with many hashed
/// files does not allocate once per hash; longer ones are boxed. It reads as a byte slice
/// (`Deref<Target = [u8]>`) and compares equal to one with the same bytes.
///
/// ```
/// use iso19770_swid::Digest;
///
/// let d = Digest::from(vec![0xe3, 0xb0, 0xc4, 0x42]);
/// assert_eq!(d.len(), 4);
/// assert_eq!(d, [0xe3, 0xb0, 0xc4, 0x42]);
/// assert_eq!(&d[..2], &[0xe3, 0xb0]);
/// assert_eq!(format!("{d:?}"), "Digest(e3b0c442)");
/// assert_eq!(Vec::from(d), vec![0xe3, 0xb0, 0xc4, 0x42]);
/// ```
#[derive(Clone)]
pub struct Digest(Repr);

#[derive(Clone)]
enum Repr {
    Inline { len: u8, bytes: [u8; INLINE] },
    Heap(Box<[u8]>),
}

impl Digest {
    /// A digest with these bytes.
    pub fn from_slice(bytes: &[u8]) -> Self {
        match u8::try_from(bytes.len()) {
            Ok(len) if bytes.len() <= INLINE => {
                let mut inline = [0u8; INLINE];
                inline[..bytes.len()].copy_from_slice(bytes);
                Digest(Repr::Inline { len, bytes: inline })
            }
            _ => Digest(Repr::Heap(bytes.into())),
        }
    }

    /// The first `len` bytes of `bytes`, held inline (a decoder fills the array in place); a
    /// `len` past 64 keeps the whole array.
    pub(crate) fn from_array(bytes: [u8; INLINE], len: usize) -> Self {
        match u8::try_from(len) {
            Ok(short) if len <= INLINE => Digest(Repr::Inline { len: short, bytes }),
            _ => Digest::from_slice(&bytes),
        }
    }

    /// The bytes.
    pub fn as_bytes(&self) -> &[u8] {
        match &self.0 {
            Repr::Inline { len, bytes } => &bytes[..usize::from(*len)],
            Repr::Heap(bytes) => bytes,
        }
    }
}

impl FromIterator<u8> for Digest {
    /// Collects bytes inline while they fit, spilling to the heap past 64.
    fn from_iter<I: IntoIterator<Item = u8>>(iter: I) -> Self {
        let mut inline = [0u8; INLINE];
        let mut len = 0usize;
        let mut iter = iter.into_iter();
        for b in iter.by_ref() {
            if let Some(slot) = inline.get_mut(len) {
                *slot = b;
                len += 1;
            } else {
                let mut heap = Vec::with_capacity(INLINE * 2);
                heap.extend_from_slice(&inline);
                heap.push(b);
                heap.extend(iter);
                return Digest(Repr::Heap(heap.into_boxed_slice()));
            }
        }
        Digest::from_array(inline, len)
    }
}

impl Default for Digest {
    fn default() -> Self {
        Digest(Repr::Inline { len: 0, bytes: [0; INLINE] })
    }
}

impl Deref for Digest {
    type Target = [u8];
    fn deref(&self) -> &[u8] {
        self.as_bytes()
    }
}

impl AsRef<[u8]> for Digest {
    fn as_ref(&self) -> &[u8] {
        self.as_bytes()
    }
}

impl Borrow<[u8]> for Digest {
    fn borrow(&self) -> &[u8] {
        self.as_bytes()
    }
}

impl From<&[u8]> for Digest {
    fn from(bytes: &[u8]) -> Self {
        Digest::from_slice(bytes)
    }
}

impl<const N: usize> From<[u8; N]> for Digest {
    fn from(bytes: [u8; N]) -> Self {
        Digest::from_slice(&bytes)
    }
}

impl<const N: usize> From<&[u8; N]> for Digest {
    fn from(bytes: &[u8; N]) -> Self {
        Digest::from_slice(bytes)
    }
}

impl From<Vec<u8>> for Digest {
    fn from(bytes: Vec<u8>) -> Self {
        if bytes.len() <= INLINE { Digest::from_slice(&bytes) } else { Digest(Repr::Heap(bytes.into_boxed_slice())) }
    }
}

impl From<Digest> for Vec<u8> {
    fn from(digest: Digest) -> Self {
        match digest.0 {
            Repr::Heap(bytes) => bytes.into_vec(),
            Repr::Inline { .. } => digest.as_bytes().to_vec(),
        }
    }
}

impl fmt::Debug for Digest {
    /// The bytes in lower-case hex: `Digest(e3b0c442)`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Digest(")?;
        for b in self.as_bytes() {
            write!(f, "{b:02x}")?;
        }
        f.write_str(")")
    }
}

impl PartialEq for Digest {
    fn eq(&self, other: &Self) -> bool {
        self.as_bytes() == other.as_bytes()
    }
}

impl Eq for Digest {}

impl Hash for Digest {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.as_bytes().hash(state);
    }
}

impl PartialOrd for Digest {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Digest {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.as_bytes().cmp(other.as_bytes())
    }
}

impl PartialEq<[u8]> for Digest {
    fn eq(&self, other: &[u8]) -> bool {
        self.as_bytes() == other
    }
}

impl PartialEq<&[u8]> for Digest {
    fn eq(&self, other: &&[u8]) -> bool {
        self.as_bytes() == *other
    }
}

impl<const N: usize> PartialEq<[u8; N]> for Digest {
    fn eq(&self, other: &[u8; N]) -> bool {
        self.as_bytes() == other
    }
}

impl PartialEq<Vec<u8>> for Digest {
    fn eq(&self, other: &Vec<u8>) -> bool {
        self.as_bytes() == other.as_slice()
    }
}

impl PartialEq<Digest> for Vec<u8> {
    fn eq(&self, other: &Digest) -> bool {
        self.as_slice() == other.as_bytes()
    }
}

impl PartialEq<Digest> for [u8] {
    fn eq(&self, other: &Digest) -> bool {
        self == other.as_bytes()
    }
}

#[cfg(test)]
mod tests {
    use super::Digest;

    /// Every length from empty to past the inline room keeps its bytes, whichever way it is
    /// built, and compares, orders and hashes as its bytes do.
    #[test]
    fn every_length_keeps_its_bytes() {
        use std::collections::hash_map::DefaultHasher;
        use std::hash::{Hash, Hasher};
        let hash = |v: &dyn Fn(&mut DefaultHasher)| {
            let mut h = DefaultHasher::new();
            v(&mut h);
            h.finish()
        };
        for len in [0usize, 1, 16, 20, 32, 48, 63, 64, 65, 100, 256, 300] {
            let bytes: Vec<u8> = (0..len).map(|i| u8::try_from((i * 7 + 3) % 256).unwrap_or(0)).collect();
            let from_slice = Digest::from_slice(&bytes);
            let from_vec = Digest::from(bytes.clone());
            let collected: Digest = bytes.iter().copied().collect();
            for d in [&from_slice, &from_vec, &collected] {
                assert_eq!(d.as_bytes(), &bytes[..], "length {len}");
                assert_eq!(*d, bytes);
                assert_eq!(bytes, *d);
                assert_eq!(d.len(), len);
                assert_eq!(hash(&|h| d.hash(h)), hash(&|h| bytes[..].hash(h)));
            }
            assert_eq!(Vec::from(from_vec), bytes);
        }
        let (a, b, c) = (Digest::from([1u8, 2]), Digest::from([1u8, 3]), Digest::from([1u8]));
        assert!(a < b);
        assert!(c < a);
        assert_eq!(a.cmp(&a.clone()), std::cmp::Ordering::Equal);
        assert_eq!(Digest::default(), Digest::from_slice(&[]));
    }

    #[test]
    fn debug_is_lower_hex() {
        assert_eq!(format!("{:?}", Digest::from([0xAB, 0x01])), "Digest(ab01)");
        assert_eq!(format!("{:?}", Digest::default()), "Digest()");
    }
}
