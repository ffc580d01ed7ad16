//! A bounded reader of CBOR item heads over a byte slice.

use super::CborValue;
use ciborium_ll::{Decoder, Header};
use std::fmt;

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

impl Head {
    /// What the item is, for messages (`the integer -1`, `a byte string of 3 byte(s)`, `a map`).
    ///
    /// ```
    /// use iso19770_core::cbor::{Cursor, Limits};
    ///
    /// let mut cursor = Cursor::new(&[0x20, 0x43, 1, 2, 3, 0xa0], Limits::default());
    /// assert_eq!(cursor.head()?.describe(), "the integer -1");
    /// assert_eq!(cursor.head()?.describe(), "a byte string of 3 byte(s)");
    /// # Ok::<(), iso19770_core::cbor::CborError>(())
    /// ```
    pub fn describe(&self) -> String {
        match self.header {
            Header::Positive(v) => format!("the integer {v}"),
            Header::Negative(v) => format!("the integer -{}", u128::from(v) + 1),
            Header::Bytes(Some(l)) => format!("a byte string of {l} byte(s)"),
            Header::Bytes(None) => "a byte string".to_owned(),
            Header::Text(_) => "a text string".to_owned(),
            Header::Array(_) => "an array".to_owned(),
            Header::Map(_) => "a map".to_owned(),
            Header::Tag(t) => format!("tag {t}"),
            Header::Simple(20 | 21) => "a boolean".to_owned(),
            Header::Simple(22) => "null".to_owned(),
            Header::Simple(s) => format!("simple value {s}"),
            Header::Float(_) => "a floating-point number".to_owned(),
            Header::Break => "a break".to_owned(),
        }
    }
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

    /// The whole input, read or not.
    pub fn input(&self) -> &'a [u8] {
        self.input
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
                        // A declared length is a claim: room is made for what a few items
                        // take, and grows with the items actually read.
                        items.reserve(n.min(PREALLOCATE));
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
                        entries.reserve(n.min(PREALLOCATE));
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

/// The most items or entries reserved ahead of reading them: an array's declared length, checked
/// against the limit and the input left, is still up to 16 MiB items of a 16 MiB input, and
/// nested arrays each declare as much again.
const PREALLOCATE: usize = 64;

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
