//! The reading every model decoder of the family shares: maps with their keys and key path,
//! arrays, texts, booleans, bignums, and the errors of all these with their location.

use super::{Bignum, CborError, CborErrorKind, Cursor, Head, KeyNames, KeyPath, KeySet, Limits, MapKey};
use crate::{Location, Path, Position};
use ciborium_ll::Header;
use std::fmt;

/// What the shared reading of a [`Decoder`] refuses, besides the [`Cursor`]'s own failures.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ReadErrorKind {
    /// A failure of the [`Cursor`]: not CBOR, truncated, beyond a limit.
    Cbor(CborErrorKind),
    /// An item of another type than the model takes there.
    WrongType {
        /// What the model takes (`a text string`).
        expected: &'static str,
        /// What was found ([`Head::describe`]).
        found: String,
    },
    /// A key given twice in one map.
    DuplicateKey {
        /// The key, by its registry name or its label.
        key: String,
    },
    /// Bytes after the end of the document.
    TrailingBytes {
        /// How many.
        count: usize,
    },
    /// A decimal that an exact decimal cannot hold (a mantissa beyond 96 bits, more than 28
    /// places): what [`Decoder::inexact_decimal`] gives unless the crate has its own error.
    InexactDecimal {
        /// Why.
        message: String,
    },
}

impl fmt::Display for ReadErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReadErrorKind::Cbor(kind) => kind.fmt(f),
            ReadErrorKind::WrongType { expected, found } => write!(f, "expected {expected}, found {found}"),
            ReadErrorKind::DuplicateKey { key } => write!(f, "duplicate key {key}"),
            ReadErrorKind::TrailingBytes { count } => write!(f, "{count} byte(s) after the end of the document"),
            ReadErrorKind::InexactDecimal { message } => f.write_str(message),
        }
    }
}

/// A failure of the shared reading, with where it happened: the byte offset of the item's head
/// and the key path. Each crate turns it into its own decode error with
/// [`impl_from_read_error!`](crate::impl_from_read_error).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReadError {
    /// Where.
    pub at: Box<Location>,
    /// What.
    pub kind: ReadErrorKind,
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.at, self.kind)
    }
}

impl std::error::Error for ReadError {}

/// Implements `From<ReadError>` for a crate's decode error, whose variants for CBOR are, as
/// every crate of the family has them: `CborTruncated { at }`, `CborInvalid { at, message }`,
/// `LengthBeyondInput { at, declared, remaining }`, `LengthAboveLimit { at, declared, limit }`,
/// `TooDeep { at, limit }`, `InvalidUtf8 { at }`, `WrongType { at, expected, found }`,
/// `DuplicateKey { at, key }` and `TrailingBytes { at, count }`, each `at` a `Box<Location>`.
///
/// ```
/// use iso19770_core::Location;
/// use iso19770_core::cbor::{Decoder, Limits, Reader};
///
/// #[derive(Debug, PartialEq)]
/// enum DecodeError {
///     CborTruncated { at: Box<Location> },
///     CborInvalid { at: Box<Location>, message: String },
///     LengthBeyondInput { at: Box<Location>, declared: u64, remaining: u64 },
///     LengthAboveLimit { at: Box<Location>, declared: u64, limit: u64 },
///     TooDeep { at: Box<Location>, limit: usize },
///     InvalidUtf8 { at: Box<Location> },
///     WrongType { at: Box<Location>, expected: &'static str, found: String },
///     DuplicateKey { at: Box<Location>, key: String },
///     TrailingBytes { at: Box<Location>, count: usize },
/// }
/// iso19770_core::impl_from_read_error!(DecodeError);
///
/// // The head of a text string, cut inside its length.
/// let mut reader = Reader::new(&[0x79, 0x01], Limits::default(), |_| None);
/// let err = DecodeError::from(reader.text().unwrap_err());
/// assert!(matches!(err, DecodeError::CborTruncated { .. }));
/// ```
#[macro_export]
macro_rules! impl_from_read_error {
    ($error:ident) => {
        impl ::core::convert::From<$crate::cbor::ReadError> for $error {
            fn from(e: $crate::cbor::ReadError) -> Self {
                use $crate::cbor::{CborErrorKind as C, ReadErrorKind as K};
                let at = e.at;
                match e.kind {
                    K::Cbor(C::UnexpectedEnd) => $error::CborTruncated { at },
                    K::Cbor(C::LengthBeyondInput { declared, remaining }) => {
                        $error::LengthBeyondInput { at, declared, remaining }
                    }
                    K::Cbor(C::TooLong { declared, limit }) => $error::LengthAboveLimit { at, declared, limit },
                    K::Cbor(C::TooDeep { limit }) => $error::TooDeep { at, limit },
                    K::Cbor(C::InvalidUtf8) => $error::InvalidUtf8 { at },
                    K::WrongType { expected, found } => $error::WrongType { at, expected, found },
                    K::DuplicateKey { key } => $error::DuplicateKey { at, key },
                    K::TrailingBytes { count } => $error::TrailingBytes { at, count },
                    other => $error::CborInvalid { at, message: other.to_string() },
                }
            }
        }
    };
}

/// What a decoder reads with: the [`Cursor`], the [`KeyPath`], and where the input starts in
/// an outer input (a document read from inside a byte string), so that errors give the outer
/// offset.
///
/// A `Reader` is itself the simplest [`Decoder`], failing with [`ReadError`]:
///
/// ```
/// use iso19770_core::cbor::{Decoder, Limits, MapKey, Reader, ReadErrorKind};
///
/// fn names(key: u64) -> Option<&'static str> {
///     (key == 0).then_some("name")
/// }
///
/// // {0: "a", 1: true}
/// let mut reader = Reader::new(&[0xa2, 0x00, 0x61, b'a', 0x01, 0xf5], Limits::default(), names);
/// let head = reader.head()?;
/// let (mut name, mut flag) = (None, None);
/// reader.map(head, |r, key, _| {
///     match key {
///         MapKey::Int(0) => name = Some(r.text()?),
///         _ => flag = Some(r.bool()?),
///     }
///     Ok(())
/// })?;
/// assert_eq!((name.as_deref(), flag), (Some("a"), Some(true)));
/// reader.expect_end()?;
///
/// // {0: 1}: the path names the key.
/// let mut reader = Reader::new(&[0xa1, 0x00, 0x01], Limits::default(), names);
/// let head = reader.head()?;
/// let err = reader.map(head, |r, _, _| r.text().map(drop)).unwrap_err();
/// assert_eq!(err.to_string(), "byte 2 (name): expected a text string, found the integer 1");
/// # Ok::<(), iso19770_core::cbor::ReadError>(())
/// ```
pub struct Reader<'a> {
    /// The cursor over the input.
    pub cursor: Cursor<'a>,
    /// The keys and indexes of the item being read.
    pub path: KeyPath,
    /// Where the input starts in the outer input; added to every offset reported.
    pub base: usize,
}

impl<'a> Reader<'a> {
    /// A reader at the start of `input`, keys named by `names`.
    pub fn new(input: &'a [u8], limits: Limits, names: KeyNames) -> Self {
        Reader { cursor: Cursor::new(input, limits), path: KeyPath::new(names), base: 0 }
    }

    /// The location of the item at `offset` of the input: the offset in the outer input, and
    /// the key path.
    pub fn at(&self, offset: usize) -> Box<Location> {
        Box::new(Location::new(Position::bytes((self.base + offset) as u64), self.path.to_path()))
    }

    /// An error at `offset` of the input.
    pub fn error(&self, offset: usize, kind: ReadErrorKind) -> ReadError {
        ReadError { at: self.at(offset), kind }
    }
}

impl<'a> Decoder<'a> for Reader<'a> {
    type Error = ReadError;

    fn reader(&self) -> &Reader<'a> {
        self
    }

    fn reader_mut(&mut self) -> &mut Reader<'a> {
        self
    }
}

/// A crate's CBOR decoder: the reading every model of the family does the same way, with
/// errors turned into the crate's own (`From<ReadError>`).
///
/// A crate implements the two accessors to its [`Reader`], and overrides [`Decoder::head`],
/// [`Decoder::duplicate_key`] and [`Decoder::unsorted_keys`] where it is stricter or more
/// lenient; its domain (which keys, which types) stays its own. Every head the shared methods
/// pull goes through [`Decoder::head`], except the chunks of indefinite-length strings and the
/// inside of items read whole ([`Cursor::value_after`]).
pub trait Decoder<'a>: Sized {
    /// The crate's decode error.
    type Error: From<ReadError>;

    /// The reader.
    fn reader(&self) -> &Reader<'a>;

    /// The reader, to move on.
    fn reader_mut(&mut self) -> &mut Reader<'a>;

    /// Pulls the next head. A decoder that notes non-deterministic encodings as it meets them
    /// does it here.
    fn head(&mut self) -> Result<Head, Self::Error> {
        self.with_cursor(Cursor::head)
    }

    /// A key given again in a map (at `offset`), before its value is read: by default an
    /// error, [`ReadErrorKind::DuplicateKey`] with the key's name. A decoder that reads past it
    /// must consume the value itself and return `Ok`: the entry is left out.
    fn duplicate_key(&mut self, key: &MapKey<'a>, offset: usize) -> Result<(), Self::Error> {
        let key = self.reader().path.describe(key);
        Err(self.reader().error(offset, ReadErrorKind::DuplicateKey { key }).into())
    }

    /// The first key of a map (at `offset`) whose encoding sorts before the one of the key
    /// before it (not the deterministic order): by default accepted.
    fn unsorted_keys(&mut self, offset: usize) -> Result<(), Self::Error> {
        let _ = offset;
        Ok(())
    }

    /// A decimal at `offset` that an exact decimal cannot hold, and why: by default
    /// [`ReadErrorKind::InexactDecimal`] (which [`impl_from_read_error!`](crate::impl_from_read_error)
    /// turns into `CborInvalid`); a crate with a variant of its own for it overrides this.
    fn inexact_decimal(&self, offset: usize, message: String) -> Self::Error {
        self.reader().error(offset, ReadErrorKind::InexactDecimal { message }).into()
    }

    /// The key path, for an error or a finding.
    fn path(&self) -> Path {
        self.reader().path.to_path()
    }

    /// The location of the item at `offset`, with the key path.
    fn at(&self, offset: usize) -> Box<Location> {
        self.reader().at(offset)
    }

    /// The crate's error for a failure of the cursor.
    fn cbor_error(&self, e: CborError) -> Self::Error {
        self.reader().error(e.offset, ReadErrorKind::Cbor(e.kind)).into()
    }

    /// The crate's error for an item of another type than `expected`.
    fn wrong(&self, head: &Head, expected: &'static str) -> Self::Error {
        self.reader().error(head.offset, ReadErrorKind::WrongType { expected, found: head.describe() }).into()
    }

    /// Runs a cursor operation, its failure as the crate's error.
    fn with_cursor<T>(&mut self, op: impl FnOnce(&mut Cursor<'a>) -> Result<T, CborError>) -> Result<T, Self::Error> {
        let result = op(&mut self.reader_mut().cursor);
        result.map_err(|e| self.cbor_error(e))
    }

    /// Fails unless the whole input is read.
    fn expect_end(&self) -> Result<(), Self::Error> {
        let reader = self.reader();
        if reader.cursor.is_at_end() {
            return Ok(());
        }
        let at = Location::new(Position::bytes((reader.base + reader.cursor.offset()) as u64), Path::default());
        Err(ReadError { at: Box::new(at), kind: ReadErrorKind::TrailingBytes { count: reader.cursor.remaining() } }
            .into())
    }

    /// Reads the map whose head was just pulled, handing each key and its offset to `entry`,
    /// which reads the value, with the key on the path. Keys are integers that fit `i64` or
    /// texts; a repeated key goes to [`Decoder::duplicate_key`], the first key out of order to
    /// [`Decoder::unsorted_keys`].
    fn map<F>(&mut self, head: Head, mut entry: F) -> Result<(), Self::Error>
    where
        F: FnMut(&mut Self, &MapKey<'a>, usize) -> Result<(), Self::Error>,
    {
        let Header::Map(len) = head.header else {
            return Err(self.wrong(&head, "a map"));
        };
        if let Some(n) = len {
            self.with_cursor(|c| c.check_len(n, 2, head.offset))?;
        }
        self.with_cursor(|c| c.enter(head.offset))?;
        let mut seen = KeySet::new();
        let mut previous: Option<&'a [u8]> = None;
        let mut unsorted_noted = false;
        let mut index = 0usize;
        loop {
            match len {
                Some(n) if index == n => break,
                None if self.with_cursor(Cursor::at_break)? => break,
                _ => {}
            }
            index += 1;
            let key_head = self.head()?;
            let key = match key_head.header {
                Header::Positive(n) => {
                    MapKey::Int(i64::try_from(n).map_err(|_| self.wrong(&key_head, "a key that fits 64 bits"))?)
                }
                Header::Negative(n) => MapKey::Int(
                    i64::try_from(n).map(|n| -1 - n).map_err(|_| self.wrong(&key_head, "a key that fits 64 bits"))?,
                ),
                Header::Text(_) => MapKey::Text(self.with_cursor(|c| c.text_body(key_head))?),
                _ => return Err(self.wrong(&key_head, "an integer or text key")),
            };
            let cursor = &self.reader().cursor;
            let key_bytes = cursor.input().get(key_head.offset..cursor.offset()).unwrap_or_default();
            if !seen.insert(&key) {
                self.duplicate_key(&key, key_head.offset)?;
                continue;
            }
            if let Some(prev) = previous
                && prev > key_bytes
                && !unsorted_noted
            {
                unsorted_noted = true;
                self.unsorted_keys(key_head.offset)?;
            }
            previous = Some(key_bytes);
            self.reader_mut().path.push_key(&key);
            entry(self, &key, key_head.offset)?;
            self.reader_mut().path.pop();
        }
        self.reader_mut().cursor.leave();
        Ok(())
    }

    /// Reads the array whose head was just pulled, each item by `item` (given its head), with
    /// its index on the path.
    fn items<T, F>(&mut self, head: Head, mut item: F) -> Result<Vec<T>, Self::Error>
    where
        F: FnMut(&mut Self, Head) -> Result<T, Self::Error>,
    {
        let Header::Array(len) = head.header else {
            return Err(self.wrong(&head, "an array"));
        };
        if let Some(n) = len {
            self.with_cursor(|c| c.check_len(n, 1, head.offset))?;
        }
        self.with_cursor(|c| c.enter(head.offset))?;
        // Checked against the input left, but an item may be far larger in memory than its
        // byte: reserve a little, grow as items are read.
        let mut out = Vec::with_capacity(len.unwrap_or(0).min(64));
        let mut index = 0;
        loop {
            match len {
                Some(n) if index == n => break,
                None if self.with_cursor(Cursor::at_break)? => break,
                _ => {}
            }
            self.reader_mut().path.push_index(index);
            let h = self.head()?;
            out.push(item(self, h)?);
            self.reader_mut().path.pop();
            index += 1;
        }
        self.reader_mut().cursor.leave();
        Ok(out)
    }

    /// A text string.
    fn text(&mut self) -> Result<String, Self::Error> {
        let head = self.head()?;
        self.text_after(head)
    }

    /// The text string whose head was just pulled.
    fn text_after(&mut self, head: Head) -> Result<String, Self::Error> {
        self.text_after_with(head, str::to_owned)
    }

    /// A text string, handed to `make` as it stands in the input (unless it comes in chunks), so
    /// that a caller keeping short text inline allocates nothing for it.
    fn text_with<T>(&mut self, make: impl FnOnce(&str) -> T) -> Result<T, Self::Error> {
        let head = self.head()?;
        self.text_after_with(head, make)
    }

    /// The text string whose head was just pulled, handed to `make` (see [`Self::text_with`]).
    fn text_after_with<T>(&mut self, head: Head, make: impl FnOnce(&str) -> T) -> Result<T, Self::Error> {
        match head.header {
            Header::Text(_) => Ok(make(&self.with_cursor(|c| c.text_body(head))?)),
            _ => Err(self.wrong(&head, "a text string")),
        }
    }

    /// A name of an open vocabulary whose head was just pulled: a code the vocabulary has, or
    /// any text; `unknown` makes the error for a code it does not have (with the head's offset
    /// and the code).
    fn open_name_after(
        &mut self,
        head: Head,
        vocabulary: &super::Vocabulary,
        unknown: impl FnOnce(&Self, usize, u64) -> Self::Error,
    ) -> Result<String, Self::Error> {
        match head.header {
            Header::Text(_) => self.text_after(head),
            Header::Positive(c) => match vocabulary.name_of(c) {
                Some(name) => Ok(name.to_owned()),
                None => Err(unknown(self, head.offset, c)),
            },
            _ => Err(self.wrong(&head, "a code or a text")),
        }
    }

    /// A boolean.
    fn bool(&mut self) -> Result<bool, Self::Error> {
        let head = self.head()?;
        match head.header {
            Header::Simple(20) => Ok(false),
            Header::Simple(21) => Ok(true),
            _ => Err(self.wrong(&head, "a boolean")),
        }
    }

    /// The byte string of a bignum whose tag (3 when `negative`, else 2) was just pulled.
    fn bignum(&mut self, negative: bool) -> Result<Bignum<'a>, Self::Error> {
        let inner = self.head()?;
        let Header::Bytes(_) = inner.header else {
            return Err(self.wrong(&inner, "the byte string of a bignum"));
        };
        let bytes = self.with_cursor(|c| c.string_body(inner))?;
        Ok(Bignum::new(negative, bytes))
    }

    /// An exact decimal (feature `decimal`): an integer, a bignum, or a decimal fraction
    /// `4([exponent, mantissa])` with an integer or bignum mantissa, read without rounding;
    /// what 96 bits and 28 places cannot hold goes to [`Decoder::inexact_decimal`].
    ///
    /// ```
    /// use iso19770_core::cbor::{Decoder, Limits, Reader};
    /// use iso19770_core::decimal::Decimal;
    ///
    /// // 4([-2, 150]) and 4([2, 15])
    /// let mut r = Reader::new(&[0xc4, 0x82, 0x21, 0x18, 0x96, 0xc4, 0x82, 0x02, 0x0f], Limits::default(), |_| None);
    /// assert_eq!(r.decimal()?.to_string(), "1.50");
    /// assert_eq!(r.decimal()?, Decimal::new(1500, 0));
    /// # Ok::<(), iso19770_core::cbor::ReadError>(())
    /// ```
    #[cfg(feature = "decimal")]
    fn decimal(&mut self) -> Result<crate::decimal::Decimal, Self::Error> {
        let head = self.head()?;
        self.decimal_after(head)
    }

    /// The exact decimal whose head was just pulled (see [`Decoder::decimal`]).
    #[cfg(feature = "decimal")]
    fn decimal_after(&mut self, head: Head) -> Result<crate::decimal::Decimal, Self::Error> {
        super::decimal::decimal_after(self, head)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Label, PathSegment};

    fn names(key: u64) -> Option<&'static str> {
        match key {
            0 => Some("zero"),
            1 => Some("one"),
            _ => None,
        }
    }

    fn reader(bytes: &[u8]) -> Reader<'_> {
        Reader::new(bytes, Limits::default(), names)
    }

    /// The keys of a map and, for each, the path its value is read at.
    fn keys(bytes: &[u8]) -> Result<Vec<(Label, String)>, ReadError> {
        let mut r = reader(bytes);
        let head = r.head()?;
        let mut out = Vec::new();
        r.map(head, |r, key, _| {
            out.push((key.label(), r.path().to_string()));
            r.with_cursor(Cursor::skip)
        })?;
        r.expect_end()?;
        Ok(out)
    }

    #[test]
    fn maps_hand_over_each_key_with_its_path() {
        // {0: 1, -1: 2, "t": 3, 1: [4]} in an indefinite map.
        let bytes = [0xbf, 0x00, 0x01, 0x20, 0x02, 0x61, b't', 0x03, 0x01, 0x81, 0x04, 0xff];
        assert_eq!(
            keys(&bytes).expect("a map"),
            [
                (Label::Int(0), "zero".to_owned()),
                (Label::Int(-1), "-1".to_owned()),
                (Label::Text("t".into()), "t".to_owned()),
                (Label::Int(1), "one".to_owned()),
            ]
        );
    }

    #[test]
    fn maps_refuse_repeated_keys_by_name_and_keys_that_are_neither_integers_nor_text() {
        let err = keys(&[0xa2, 0x00, 0x01, 0x00, 0x02]).expect_err("repeated");
        assert_eq!(err.kind, ReadErrorKind::DuplicateKey { key: "zero".into() });
        assert_eq!(err.at.position.offset, 3);
        let err = keys(&[0xa2, 0x61, b'k', 0x01, 0x61, b'k', 0x02]).expect_err("repeated");
        assert_eq!(err.kind, ReadErrorKind::DuplicateKey { key: "k".into() });
        let err = keys(&[0xa1, 0x1b, 0x80, 0, 0, 0, 0, 0, 0, 0, 0x01]).expect_err("beyond i64");
        assert_eq!(
            err.kind,
            ReadErrorKind::WrongType {
                expected: "a key that fits 64 bits",
                found: "the integer 9223372036854775808".into()
            }
        );
        let err = keys(&[0xa1, 0xf6, 0x01]).expect_err("null key");
        assert_eq!(err.kind, ReadErrorKind::WrongType { expected: "an integer or text key", found: "null".into() });
        let err = keys(&[0x80]).expect_err("not a map");
        assert_eq!(err.kind, ReadErrorKind::WrongType { expected: "a map", found: "an array".into() });
        let err = keys(&[0xa1, 0x00, 0x00, 0x00]).expect_err("trailing");
        assert_eq!(err.kind, ReadErrorKind::TrailingBytes { count: 1 });
        assert_eq!(err.at.position.offset, 3);
        let err = keys(&[0xa2, 0x00]).expect_err("short");
        assert_eq!(err.kind, ReadErrorKind::Cbor(CborErrorKind::LengthBeyondInput { declared: 2, remaining: 1 }));
    }

    /// A decoder that reads past repeated keys and counts the maps out of order.
    struct Lenient<'a> {
        reader: Reader<'a>,
        unsorted: Vec<usize>,
        repeated: Vec<String>,
    }

    impl<'a> Decoder<'a> for Lenient<'a> {
        type Error = ReadError;

        fn reader(&self) -> &Reader<'a> {
            &self.reader
        }

        fn reader_mut(&mut self) -> &mut Reader<'a> {
            &mut self.reader
        }

        fn duplicate_key(&mut self, key: &MapKey<'a>, _offset: usize) -> Result<(), ReadError> {
            self.repeated.push(key.to_string());
            self.with_cursor(Cursor::skip)
        }

        fn unsorted_keys(&mut self, offset: usize) -> Result<(), ReadError> {
            self.unsorted.push(offset);
            Ok(())
        }
    }

    #[test]
    fn decoders_can_read_past_repeated_keys_and_note_the_order() {
        // {1: 1, 0: 0, 0: [9], -1: 2}: 0 after 1 is out of order (once), the second 0 dropped.
        let bytes = [0xa4, 0x01, 0x01, 0x00, 0x00, 0x00, 0x81, 0x09, 0x20, 0x02];
        let mut d = Lenient { reader: reader(&bytes), unsorted: Vec::new(), repeated: Vec::new() };
        let head = d.head().expect("a head");
        let mut read = Vec::new();
        d.map(head, |d, key, offset| {
            read.push((key.label(), offset, d.with_cursor(Cursor::value)?));
            Ok(())
        })
        .expect("lenient");
        assert_eq!(read.len(), 3);
        assert_eq!(read[1].0, Label::Int(0));
        assert_eq!(read[1].1, 3);
        assert_eq!(d.unsorted, [3]);
        assert_eq!(d.repeated, ["0"]);
        assert!(d.reader.cursor.is_at_end());
    }

    #[test]
    fn open_names_are_codes_or_texts() {
        const V: super::super::Vocabulary = super::super::Vocabulary { name: "role", codes: &[(1, "a")] };
        let unknown = |r: &Reader<'_>, offset: usize, code: u64| {
            r.wrong(&Head { header: Header::Positive(code), offset }, "a known code")
        };
        for (bytes, expected) in [(&[0x01][..], Ok("a".to_owned())), (&[0x61, b'z'][..], Ok("z".to_owned()))] {
            let mut r = reader(bytes);
            let head = r.head().unwrap();
            assert_eq!(r.open_name_after(head, &V, unknown).map_err(|e| e.to_string()), expected);
        }
        let mut r = reader(&[0x02]);
        let head = r.head().unwrap();
        let err = r.open_name_after(head, &V, unknown).unwrap_err();
        assert_eq!(err.to_string(), "byte 0: expected a known code, found the integer 2");
        let mut r = reader(&[0xf5]);
        let head = r.head().unwrap();
        assert!(r.open_name_after(head, &V, unknown).unwrap_err().to_string().contains("a code or a text"));
    }

    #[test]
    fn arrays_put_each_index_on_the_path() {
        // {1: ["a", 2]}
        let bytes = [0xa1, 0x01, 0x82, 0x61, b'a', 0x02];
        let mut r = reader(&bytes);
        let head = r.head().expect("a head");
        let err = r
            .map(head, |r, _, _| {
                let head = r.head()?;
                r.items(head, Reader::text_after).map(drop)
            })
            .expect_err("an integer item");
        assert_eq!(err.at.path, Path::from_segments([PathSegment::key("one"), PathSegment::Index(1)]));
        assert_eq!(err.to_string(), "byte 5 (one[1]): expected a text string, found the integer 2");
        // Indefinite, and not an array.
        let mut r = reader(&[0x9f, 0x61, b'a', 0x60, 0xff, 0xa0]);
        let head = r.head().expect("a head");
        assert_eq!(r.items(head, Reader::text_after).expect("texts"), ["a", ""]);
        let head = r.head().expect("a head");
        assert_eq!(
            r.items(head, Reader::text_after).expect_err("a map").kind,
            ReadErrorKind::WrongType { expected: "an array", found: "a map".into() }
        );
    }

    #[test]
    fn texts_booleans_and_bignums_are_read_or_refused() {
        let mut r = reader(&[0x62, b'h', b'i', 0xf5, 0x01, 0xc3, 0x42, 0x00, 0x01, 0xc2, 0x01]);
        assert_eq!(r.text().expect("text"), "hi");
        assert!(r.bool().expect("true"));
        assert_eq!(
            r.bool().expect_err("an integer").kind,
            ReadErrorKind::WrongType { expected: "a boolean", found: "the integer 1".into() }
        );
        assert_eq!(r.head().expect("tag 3").header, Header::Tag(3));
        assert_eq!(r.bignum(true).expect("a bignum").to_i128(), Some(-2));
        assert_eq!(r.head().expect("tag 2").header, Header::Tag(2));
        let err = r.bignum(false).expect_err("not bytes");
        assert_eq!(
            err.kind,
            ReadErrorKind::WrongType { expected: "the byte string of a bignum", found: "the integer 1".into() }
        );
        assert_eq!(err.at.position.offset, 10);
        assert!(r.text().is_err());
    }

    #[test]
    fn errors_give_the_offset_in_the_outer_input() {
        let mut r = reader(&[0xf6]);
        r.base = 100;
        let err = r.text().expect_err("null");
        assert_eq!(err.at.position.offset, 100);
        assert_eq!(err.to_string(), "byte 100: expected a text string, found null");
        let e = r.cbor_error(CborError { kind: CborErrorKind::Syntax, offset: 1 });
        assert_eq!(e.to_string(), "byte 101: not a valid CBOR head");
    }

    #[derive(Debug)]
    enum TestError {
        CborTruncated { at: Box<Location> },
        CborInvalid { at: Box<Location>, message: String },
        LengthBeyondInput { at: Box<Location>, declared: u64, remaining: u64 },
        LengthAboveLimit { at: Box<Location>, declared: u64, limit: u64 },
        TooDeep { at: Box<Location>, limit: usize },
        InvalidUtf8 { at: Box<Location> },
        WrongType { at: Box<Location>, expected: &'static str, found: String },
        DuplicateKey { at: Box<Location>, key: String },
        TrailingBytes { at: Box<Location>, count: usize },
    }
    crate::impl_from_read_error!(TestError);

    impl TestError {
        fn at(&self) -> &Location {
            match self {
                TestError::CborTruncated { at }
                | TestError::CborInvalid { at, .. }
                | TestError::LengthBeyondInput { at, .. }
                | TestError::LengthAboveLimit { at, .. }
                | TestError::TooDeep { at, .. }
                | TestError::InvalidUtf8 { at }
                | TestError::WrongType { at, .. }
                | TestError::DuplicateKey { at, .. }
                | TestError::TrailingBytes { at, .. } => at,
            }
        }
    }

    #[test]
    fn read_errors_become_the_crate_variants() {
        let here = Location::new(Position::bytes(3), Path::from_segments([PathSegment::key("k")]));
        let error = |kind| {
            let e = TestError::from(ReadError { at: Box::new(here.clone()), kind });
            assert_eq!(e.at(), &here);
            e
        };
        let cbor = |kind| error(ReadErrorKind::Cbor(kind));
        assert!(matches!(cbor(CborErrorKind::UnexpectedEnd), TestError::CborTruncated { .. }));
        assert!(
            matches!(cbor(CborErrorKind::Syntax), TestError::CborInvalid { message, .. } if message == "not a valid CBOR head")
        );
        assert!(matches!(
            cbor(CborErrorKind::LengthBeyondInput { declared: 5, remaining: 1 }),
            TestError::LengthBeyondInput { declared: 5, remaining: 1, .. }
        ));
        assert!(matches!(
            cbor(CborErrorKind::TooLong { declared: 5, limit: 4 }),
            TestError::LengthAboveLimit { declared: 5, limit: 4, .. }
        ));
        assert!(matches!(cbor(CborErrorKind::TooDeep { limit: 3 }), TestError::TooDeep { limit: 3, .. }));
        assert!(matches!(cbor(CborErrorKind::InvalidUtf8), TestError::InvalidUtf8 { .. }));
        assert!(matches!(
            cbor(CborErrorKind::BadIndefinite),
            TestError::CborInvalid { message, .. } if message == "a misplaced break or indefinite-length chunk"
        ));
        assert!(matches!(
            error(ReadErrorKind::WrongType { expected: "x", found: "y".into() }),
            TestError::WrongType { expected: "x", found, .. } if found == "y"
        ));
        assert!(matches!(
            error(ReadErrorKind::DuplicateKey { key: "k".into() }),
            TestError::DuplicateKey { key, .. } if key == "k"
        ));
        assert!(matches!(error(ReadErrorKind::TrailingBytes { count: 2 }), TestError::TrailingBytes { count: 2, .. }));
    }
}
