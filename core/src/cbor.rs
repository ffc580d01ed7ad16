//! CBOR (RFC 8949) building blocks shared by the crates' CoSWID-style codecs.
//!
//! - [`CborValue`]: any CBOR data item, kept for map entries a model has no field for;
//! - [`Cursor`]: a reader over a byte slice that pulls one item head at a time (through
//!   `ciborium-ll`), with byte offsets, nesting and length limits checked before anything is
//!   allocated, and a note of every non-deterministic encoding it meets;
//! - [`Writer`]: a deterministic writer (RFC 8949 §4.2.1: definite lengths, shortest heads, map
//!   entries in bytewise order of their encoded keys).
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

use ciborium_ll::{Decoder, Encoder, Header};
use std::fmt;

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

/// What a [`Cursor`] refuses.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum CborErrorKind {
    /// The input ends inside an item.
    UnexpectedEnd,
    /// A head that is not valid CBOR (reserved additional information, a stray break).
    Syntax,
    /// A length longer than the input that is left.
    LengthBeyondInput {
        /// The declared length (bytes, or items for arrays and maps).
        declared: u64,
        /// The bytes left.
        remaining: u64,
    },
    /// A length above the limit.
    TooLong {
        /// The declared length.
        declared: u64,
        /// The limit.
        limit: u64,
    },
    /// Nesting deeper than the limit.
    TooDeep {
        /// The limit.
        limit: usize,
    },
    /// A text string that is not UTF-8.
    InvalidUtf8,
    /// A break where no indefinite-length item is open, or an indefinite string chunk of the
    /// wrong type.
    BadIndefinite,
}

impl fmt::Display for CborErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CborErrorKind::UnexpectedEnd => f.write_str("the input ends inside a CBOR item"),
            CborErrorKind::Syntax => f.write_str("not a valid CBOR head"),
            CborErrorKind::LengthBeyondInput { declared, remaining } => {
                write!(f, "declared length {declared} is beyond the {remaining} byte(s) left")
            }
            CborErrorKind::TooLong { declared, limit } => {
                write!(f, "declared length {declared} is above the limit {limit}")
            }
            CborErrorKind::TooDeep { limit } => write!(f, "items nest deeper than the limit of {limit}"),
            CborErrorKind::InvalidUtf8 => f.write_str("a text string that is not UTF-8"),
            CborErrorKind::BadIndefinite => f.write_str("a misplaced break or indefinite-length chunk"),
        }
    }
}

/// A [`Cursor`] failure at a byte offset.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CborError {
    /// What is wrong.
    pub kind: CborErrorKind,
    /// The offset of the item's head.
    pub offset: usize,
}

/// How far a [`Cursor`] goes before refusing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// The deepest nesting of arrays, maps and tags (default 64).
    pub max_depth: usize,
    /// The longest string in bytes and the longest array or map in items (default 16 MiB).
    pub max_len: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits { max_depth: 64, max_len: 16 * 1024 * 1024 }
    }
}

/// A non-deterministic (but valid) encoding met by a [`Cursor`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Irregularity {
    /// An indefinite-length string, array or map.
    IndefiniteLength,
    /// A head longer than needed for its value.
    LongerHead,
}

/// The head of one item, as pulled by a [`Cursor`].
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Head {
    /// The decoded head.
    pub header: Header,
    /// The offset of its first byte.
    pub offset: usize,
}

/// A reader of CBOR items from a byte slice.
pub struct Cursor<'a> {
    input: &'a [u8],
    pos: usize,
    depth: usize,
    limits: Limits,
    irregular: Vec<(Irregularity, usize)>,
}

impl<'a> Cursor<'a> {
    /// A cursor at the start of `input`.
    pub fn new(input: &'a [u8], limits: Limits) -> Self {
        Cursor { input, pos: 0, depth: 0, limits, irregular: Vec::new() }
    }

    /// The offset of the next byte.
    pub fn offset(&self) -> usize {
        self.pos
    }

    /// True when the whole input is read.
    pub fn is_at_end(&self) -> bool {
        self.pos >= self.input.len()
    }

    /// The bytes left.
    pub fn remaining(&self) -> usize {
        self.input.len().saturating_sub(self.pos)
    }

    /// Moves `n` bytes on without reading them (a container header); fails past the end.
    pub fn advance(&mut self, n: usize) -> Result<(), CborError> {
        self.take(n, self.pos).map(drop)
    }

    /// The limits this cursor applies.
    pub fn limits(&self) -> Limits {
        self.limits
    }

    /// The non-deterministic encodings met so far, with their offsets.
    pub fn irregularities(&self) -> &[(Irregularity, usize)] {
        &self.irregular
    }

    fn fail(kind: CborErrorKind, offset: usize) -> CborError {
        CborError { kind, offset }
    }

    /// Pulls the next head.
    pub fn head(&mut self) -> Result<Head, CborError> {
        let offset = self.pos;
        let rest = self.input.get(offset..).unwrap_or_default();
        if rest.is_empty() {
            return Err(Self::fail(CborErrorKind::UnexpectedEnd, offset));
        }
        let mut decoder = Decoder::from(rest);
        let header = decoder.pull().map_err(|e| match e {
            ciborium_ll::Error::Io(_) => Self::fail(CborErrorKind::UnexpectedEnd, offset),
            ciborium_ll::Error::Syntax(_) => Self::fail(CborErrorKind::Syntax, offset),
        })?;
        let used = decoder.offset();
        self.pos = offset + used;
        // Deterministic heads are the shortest for their argument, and definite.
        let argument = match header {
            Header::Positive(v) | Header::Negative(v) | Header::Tag(v) => Some(v),
            Header::Bytes(l) | Header::Text(l) | Header::Array(l) | Header::Map(l) => {
                if l.is_none() {
                    self.irregular.push((Irregularity::IndefiniteLength, offset));
                }
                l.map(|l| l as u64)
            }
            _ => None,
        };
        if let Some(v) = argument
            && used != head_len(v)
        {
            self.irregular.push((Irregularity::LongerHead, offset));
        }
        Ok(Head { header, offset })
    }

    /// Checks a declared length against the limit and the input left (`unit` bytes per item at
    /// least), before anything is allocated for it.
    pub fn check_len(&self, declared: usize, unit: u64, offset: usize) -> Result<(), CborError> {
        let declared = declared as u64;
        if declared > self.limits.max_len {
            return Err(Self::fail(CborErrorKind::TooLong { declared, limit: self.limits.max_len }, offset));
        }
        let remaining = self.remaining() as u64;
        if declared.saturating_mul(unit) > remaining {
            return Err(Self::fail(CborErrorKind::LengthBeyondInput { declared, remaining }, offset));
        }
        Ok(())
    }

    /// Enters an array, map or tag; fails beyond the depth limit.
    pub fn enter(&mut self, offset: usize) -> Result<(), CborError> {
        if self.depth >= self.limits.max_depth {
            return Err(Self::fail(CborErrorKind::TooDeep { limit: self.limits.max_depth }, offset));
        }
        self.depth += 1;
        Ok(())
    }

    /// Leaves an array, map or tag.
    pub fn leave(&mut self) {
        self.depth = self.depth.saturating_sub(1);
    }

    /// The next `len` bytes.
    fn take(&mut self, len: usize, offset: usize) -> Result<&'a [u8], CborError> {
        let end = self.pos.checked_add(len).filter(|&e| e <= self.input.len());
        match end {
            Some(end) => {
                let bytes = &self.input[self.pos..end];
                self.pos = end;
                Ok(bytes)
            }
            None => Err(Self::fail(CborErrorKind::UnexpectedEnd, offset)),
        }
    }

    /// The content of a byte or text string whose head was just pulled (definite or
    /// indefinite), checked against the limits.
    pub fn string_body(&mut self, head: Head) -> Result<std::borrow::Cow<'a, [u8]>, CborError> {
        let (len, text) = match head.header {
            Header::Bytes(l) => (l, false),
            Header::Text(l) => (l, true),
            _ => return Err(Self::fail(CborErrorKind::Syntax, head.offset)),
        };
        if let Some(len) = len {
            self.check_len(len, 1, head.offset)?;
            Ok(std::borrow::Cow::Borrowed(self.take(len, head.offset)?))
        } else {
            {
                let mut out = Vec::new();
                loop {
                    let chunk = self.head()?;
                    match (chunk.header, text) {
                        (Header::Break, _) => return Ok(std::borrow::Cow::Owned(out)),
                        (Header::Bytes(Some(l)), false) | (Header::Text(Some(l)), true) => {
                            self.check_len(l, 1, chunk.offset)?;
                            if (out.len() + l) as u64 > self.limits.max_len {
                                return Err(Self::fail(
                                    CborErrorKind::TooLong {
                                        declared: (out.len() + l) as u64,
                                        limit: self.limits.max_len,
                                    },
                                    chunk.offset,
                                ));
                            }
                            out.extend_from_slice(self.take(l, chunk.offset)?);
                        }
                        _ => return Err(Self::fail(CborErrorKind::BadIndefinite, chunk.offset)),
                    }
                }
            }
        }
    }

    /// The text of a text string whose head was just pulled.
    pub fn text_body(&mut self, head: Head) -> Result<std::borrow::Cow<'a, str>, CborError> {
        match self.string_body(head)? {
            std::borrow::Cow::Borrowed(b) => std::str::from_utf8(b)
                .map(std::borrow::Cow::Borrowed)
                .map_err(|_| Self::fail(CborErrorKind::InvalidUtf8, head.offset)),
            std::borrow::Cow::Owned(b) => String::from_utf8(b)
                .map(std::borrow::Cow::Owned)
                .map_err(|_| Self::fail(CborErrorKind::InvalidUtf8, head.offset)),
        }
    }

    /// True when the next item is a break (and consumes it).
    pub fn at_break(&mut self) -> Result<bool, CborError> {
        match self.input.get(self.pos) {
            Some(0xff) => {
                self.pos += 1;
                Ok(true)
            }
            Some(_) => Ok(false),
            None => Err(Self::fail(CborErrorKind::UnexpectedEnd, self.pos)),
        }
    }

    /// Reads one whole item as a value.
    pub fn value(&mut self) -> Result<CborValue, CborError> {
        let head = self.head()?;
        self.value_after(head)
    }

    /// Reads the rest of an item whose head was just pulled.
    pub fn value_after(&mut self, head: Head) -> Result<CborValue, CborError> {
        Ok(match head.header {
            Header::Positive(v) => CborValue::Unsigned(v),
            Header::Negative(v) => CborValue::Negative(v),
            Header::Bytes(_) => CborValue::Bytes(self.string_body(head)?.into_owned()),
            Header::Text(_) => CborValue::Text(self.text_body(head)?.into_owned()),
            Header::Array(len) => {
                self.enter(head.offset)?;
                let mut items = Vec::new();
                match len {
                    Some(n) => {
                        self.check_len(n, 1, head.offset)?;
                        items.reserve(n);
                        for _ in 0..n {
                            items.push(self.value()?);
                        }
                    }
                    None => {
                        while !self.at_break()? {
                            items.push(self.value()?);
                        }
                    }
                }
                self.leave();
                CborValue::Array(items)
            }
            Header::Map(len) => {
                self.enter(head.offset)?;
                let mut entries = Vec::new();
                match len {
                    Some(n) => {
                        self.check_len(n, 2, head.offset)?;
                        entries.reserve(n);
                        for _ in 0..n {
                            let k = self.value()?;
                            entries.push((k, self.value()?));
                        }
                    }
                    None => {
                        while !self.at_break()? {
                            let k = self.value()?;
                            entries.push((k, self.value()?));
                        }
                    }
                }
                self.leave();
                CborValue::Map(entries)
            }
            Header::Tag(t) => {
                self.enter(head.offset)?;
                let inner = self.value()?;
                self.leave();
                CborValue::Tag(t, Box::new(inner))
            }
            Header::Simple(20) => CborValue::Bool(false),
            Header::Simple(21) => CborValue::Bool(true),
            Header::Simple(22) => CborValue::Null,
            Header::Simple(23) => CborValue::Undefined,
            Header::Simple(s) => CborValue::Simple(s),
            Header::Float(f) => CborValue::float(f),
            Header::Break => return Err(Self::fail(CborErrorKind::BadIndefinite, head.offset)),
        })
    }

    /// Skips one whole item.
    pub fn skip(&mut self) -> Result<(), CborError> {
        self.value().map(drop)
    }
}

/// The length of the shortest head for an argument.
fn head_len(v: u64) -> usize {
    match v {
        0..=23 => 1,
        24..=0xff => 2,
        0x100..=0xffff => 3,
        0x1_0000..=0xffff_ffff => 5,
        _ => 9,
    }
}

/// A deterministic CBOR writer into a byte vector.
#[derive(Default)]
pub struct Writer {
    out: Vec<u8>,
}

impl Writer {
    /// An empty writer.
    pub fn new() -> Self {
        Writer::default()
    }

    /// The bytes written.
    pub fn into_bytes(self) -> Vec<u8> {
        self.out
    }

    /// The bytes written so far.
    pub fn bytes_so_far(&self) -> &[u8] {
        &self.out
    }

    /// Writes a head (shortest form).
    pub fn head(&mut self, header: Header) {
        let mut enc = Encoder::from(&mut self.out);
        // Writing into a Vec cannot fail.
        let _ = enc.push(header);
    }

    /// Writes an unsigned integer.
    pub fn unsigned(&mut self, v: u64) {
        self.head(Header::Positive(v));
    }

    /// Writes an integer.
    pub fn integer(&mut self, v: i64) {
        if v >= 0 {
            self.head(Header::Positive(v.unsigned_abs()));
        } else {
            self.head(Header::Negative((-1 - v).unsigned_abs()));
        }
    }

    /// Writes a text string.
    pub fn text(&mut self, s: &str) {
        self.head(Header::Text(Some(s.len())));
        self.out.extend_from_slice(s.as_bytes());
    }

    /// Writes a byte string.
    pub fn bytes(&mut self, b: &[u8]) {
        self.head(Header::Bytes(Some(b.len())));
        self.out.extend_from_slice(b);
    }

    /// Writes a boolean.
    pub fn bool(&mut self, b: bool) {
        self.head(Header::Simple(if b { 21 } else { 20 }));
    }

    /// Writes a tag head; the tagged item follows.
    pub fn tag(&mut self, tag: u64) {
        self.head(Header::Tag(tag));
    }

    /// Writes an array head of `len` items.
    pub fn array(&mut self, len: usize) {
        self.head(Header::Array(Some(len)));
    }

    /// Writes a map head of `len` entries.
    pub fn map(&mut self, len: usize) {
        self.head(Header::Map(Some(len)));
    }

    /// Appends bytes already encoded.
    pub fn raw(&mut self, bytes: &[u8]) {
        self.out.extend_from_slice(bytes);
    }

    /// Writes any value deterministically (map entries sorted by their encoded keys, floats in
    /// the shortest width that keeps their value).
    pub fn value(&mut self, value: &CborValue) {
        match value {
            CborValue::Unsigned(v) => self.head(Header::Positive(*v)),
            CborValue::Negative(v) => self.head(Header::Negative(*v)),
            CborValue::Bytes(b) => self.bytes(b),
            CborValue::Text(t) => self.text(t),
            CborValue::Array(items) => {
                self.array(items.len());
                for item in items {
                    self.value(item);
                }
            }
            CborValue::Map(entries) => {
                let mut encoded: Vec<(Vec<u8>, &CborValue)> = entries
                    .iter()
                    .map(|(k, v)| {
                        let mut w = Writer::new();
                        w.value(k);
                        (w.out, v)
                    })
                    .collect();
                encoded.sort_by(|a, b| a.0.cmp(&b.0));
                self.map(encoded.len());
                for (k, v) in encoded {
                    self.out.extend_from_slice(&k);
                    self.value(v);
                }
            }
            CborValue::Tag(t, inner) => {
                self.tag(*t);
                self.value(inner);
            }
            CborValue::Bool(b) => self.bool(*b),
            CborValue::Null => self.head(Header::Simple(22)),
            CborValue::Undefined => self.head(Header::Simple(23)),
            CborValue::Simple(s) => self.head(Header::Simple(*s)),
            CborValue::Float(bits) => self.float(f64::from_bits(*bits)),
        }
    }

    /// Writes a float in the shortest width that keeps its value (RFC 8949 §4.2.2).
    #[allow(clippy::float_cmp)] // exact equality is the point: the narrower float must be the same value
    pub fn float(&mut self, f: f64) {
        let h = half::f16::from_f64(f);
        if f64::from(h) == f || (f.is_nan() && h.is_nan()) {
            self.out.push(0xf9);
            self.out.extend_from_slice(&h.to_be_bytes());
            return;
        }
        #[allow(clippy::cast_possible_truncation)] // checked by the round trip below
        let s = f as f32;
        if f64::from(s) == f {
            self.out.push(0xfa);
            self.out.extend_from_slice(&s.to_be_bytes());
            return;
        }
        self.out.push(0xfb);
        self.out.extend_from_slice(&f.to_be_bytes());
    }
}

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
