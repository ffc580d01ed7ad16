//! A deterministic CBOR writer.

use super::CborValue;
use ciborium_ll::{Encoder, Header};

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

    /// Writes an integer of up to 128 bits: a plain integer when major type 0 or 1 holds it,
    /// else a bignum (tag 2 or 3, RFC 8949 §3.4.3) of the fewest bytes.
    ///
    /// ```
    /// use iso19770_core::cbor::Writer;
    ///
    /// let mut w = Writer::new();
    /// w.big_integer(-1);
    /// w.big_integer(1 << 64);
    /// assert_eq!(w.into_bytes(), [0x20, 0xc2, 0x49, 1, 0, 0, 0, 0, 0, 0, 0, 0]);
    /// ```
    pub fn big_integer(&mut self, v: i128) {
        if let Ok(small) = i64::try_from(v) {
            self.integer(small);
            return;
        }
        let (tag, magnitude) = if v < 0 { (3, (-1 - v).unsigned_abs()) } else { (2, v.unsigned_abs()) };
        if let Ok(small) = u64::try_from(magnitude) {
            // Between i64 and u64: major type 0 or 1 holds it.
            self.head(if v < 0 { Header::Negative(small) } else { Header::Positive(small) });
            return;
        }
        let bytes = magnitude.to_be_bytes();
        let first = bytes.iter().position(|&b| b != 0).unwrap_or(bytes.len());
        self.tag(tag);
        self.bytes(bytes.get(first..).unwrap_or_default());
    }

    /// Writes a text string.
    pub fn text(&mut self, s: &str) {
        self.head(Header::Text(Some(s.len())));
        self.out.extend_from_slice(s.as_bytes());
    }

    /// Writes a label: its integer or its text.
    ///
    /// ```
    /// use iso19770_core::Label;
    /// use iso19770_core::cbor::Writer;
    ///
    /// let mut w = Writer::new();
    /// w.label(&Label::Int(-2));
    /// w.label(&Label::Text("x".into()));
    /// assert_eq!(w.into_bytes(), [0x21, 0x61, b'x']);
    /// ```
    pub fn label(&mut self, label: &crate::Label) {
        match label {
            crate::Label::Int(i) => self.integer(*i),
            crate::Label::Text(t) => self.text(t),
        }
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
