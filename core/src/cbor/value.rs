//! Any CBOR data item, kept for the map entries a model has no field for.

/// Any CBOR data item.
///
/// Equality and hashing are exact (floats by their bits), so that a model keeping unknown
/// entries can still be compared; maps are equal when they have the same entries in any order,
/// as CBOR maps are unordered.
///
/// ```
/// use iso19770_core::cbor::CborValue;
///
/// let a = CborValue::Map(vec![(CborValue::Unsigned(1), CborValue::Null), (CborValue::Unsigned(2), CborValue::Null)]);
/// let b = CborValue::Map(vec![(CborValue::Unsigned(2), CborValue::Null), (CborValue::Unsigned(1), CborValue::Null)]);
/// assert_eq!(a, b);
/// ```
#[derive(Clone, Debug)]
pub enum CborValue {
    /// An unsigned integer (major type 0).
    Unsigned(u64),
    /// A negative integer -1 - n (major type 1), holding n.
    Negative(u64),
    /// A byte string.
    Bytes(Vec<u8>),
    /// A text string.
    Text(String),
    /// An array.
    Array(Vec<CborValue>),
    /// A map, entries in the order read or built.
    Map(Vec<(CborValue, CborValue)>),
    /// A tagged item.
    Tag(u64, Box<CborValue>),
    /// `true` or `false`.
    Bool(bool),
    /// `null`.
    Null,
    /// `undefined`.
    Undefined,
    /// Another simple value.
    Simple(u8),
    /// A floating-point number, by its `f64` bits.
    Float(u64),
}

impl PartialEq for CborValue {
    fn eq(&self, other: &Self) -> bool {
        use CborValue as V;
        match (self, other) {
            (V::Unsigned(a), V::Unsigned(b)) | (V::Negative(a), V::Negative(b)) | (V::Float(a), V::Float(b)) => a == b,
            (V::Bytes(a), V::Bytes(b)) => a == b,
            (V::Text(a), V::Text(b)) => a == b,
            (V::Array(a), V::Array(b)) => a == b,
            (V::Map(a), V::Map(b)) => a.len() == b.len() && a.iter().all(|entry| b.contains(entry)),
            (V::Tag(t, a), V::Tag(u, b)) => t == u && a == b,
            (V::Bool(a), V::Bool(b)) => a == b,
            (V::Simple(a), V::Simple(b)) => a == b,
            (V::Null, V::Null) | (V::Undefined, V::Undefined) => true,
            _ => false,
        }
    }
}

impl Eq for CborValue {}

impl std::hash::Hash for CborValue {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        use CborValue as V;
        std::mem::discriminant(self).hash(state);
        match self {
            V::Unsigned(v) | V::Negative(v) | V::Float(v) => v.hash(state),
            V::Bytes(b) => b.hash(state),
            V::Text(t) => t.hash(state),
            V::Array(items) => items.hash(state),
            V::Map(entries) => {
                // Order-independent: the sum of the entries' own hashes.
                let sum = entries.iter().fold(0u64, |acc, entry| {
                    let mut h = std::hash::DefaultHasher::new();
                    entry.hash(&mut h);
                    acc.wrapping_add(std::hash::Hasher::finish(&h))
                });
                sum.hash(state);
            }
            V::Tag(t, inner) => {
                t.hash(state);
                inner.hash(state);
            }
            V::Bool(b) => b.hash(state),
            V::Simple(s) => s.hash(state),
            V::Null | V::Undefined => {}
        }
    }
}

impl CborValue {
    /// The value of an integer item that fits `i64`.
    pub fn as_i64(&self) -> Option<i64> {
        match *self {
            CborValue::Unsigned(u) => i64::try_from(u).ok(),
            CborValue::Negative(n) => i64::try_from(n).ok().map(|n| -1 - n),
            _ => None,
        }
    }

    /// An integer item.
    pub fn integer(i: i64) -> Self {
        if i >= 0 { CborValue::Unsigned(i.unsigned_abs()) } else { CborValue::Negative((-1 - i).unsigned_abs()) }
    }

    /// A float item.
    pub fn float(f: f64) -> Self {
        CborValue::Float(f.to_bits())
    }
}

/// A map entry a model has no field for: its key and value.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct CborEntry {
    /// The key (an integer or text label).
    pub label: crate::Label,
    /// The value.
    pub value: CborValue,
}

impl CborEntry {
    /// An entry.
    pub fn new(label: impl Into<crate::Label>, value: CborValue) -> Self {
        CborEntry { label: label.into(), value }
    }
}
