//! The CBOR form, streamed.
//!
//! The root map is read entry by entry from the input: each member of the head is kept as its
//! bytes until the end (the head is decoded from them), each measurement is decoded as soon as
//! its bytes are in and handed over. Deterministic CBOR puts `measurements` (key 8) after every
//! other member with an integer key, so most of the head comes first; any order is read.

use crate::cbor::read::Dec;
use crate::registry::key;
use crate::{DecodeError, ReportSink, Rum};
use iso19770_core::cbor::{CborErrorKind, Cursor, Decoder, Head, Limits, ReadError, ReadErrorKind, Reader};
use iso19770_core::{Location, Path, Position};
use std::io::Read;

/// Options of the streaming CBOR reader.
///
/// ```
/// use iso19770_resource_util::stream::CborStreamOptions;
///
/// assert_eq!(CborStreamOptions::default().max_item_bytes, 16 * 1024 * 1024);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct CborStreamOptions {
    /// Nesting and lengths accepted in an item (as for [`Rum::from_cbor_slice_with`]).
    pub limits: Limits,
    /// The largest item held at once: a measurement, or a member of the head (default 16 MiB);
    /// a larger one is [`DecodeError::RecordTooLarge`].
    pub max_item_bytes: usize,
}

impl Default for CborStreamOptions {
    fn default() -> Self {
        CborStreamOptions { limits: Limits::default(), max_item_bytes: 16 * 1024 * 1024 }
    }
}

impl CborStreamOptions {
    /// The same options with another item limit.
    #[must_use]
    pub fn with_max_item_bytes(mut self, max_item_bytes: usize) -> Self {
        self.max_item_bytes = max_item_bytes;
        self
    }

    /// The same options with other limits.
    #[must_use]
    pub fn with_limits(mut self, limits: Limits) -> Self {
        self.limits = limits;
        self
    }
}

/// The input, read as needed into a buffer whose first byte is at `base` of the input.
struct Input<R> {
    inner: R,
    buf: Vec<u8>,
    base: usize,
    eof: bool,
}

impl<R: Read> Input<R> {
    /// Reads more: at least one byte, unless at the end.
    fn more(&mut self) -> Result<bool, DecodeError> {
        if self.eof {
            return Ok(false);
        }
        let mut chunk = [0u8; 8192];
        let n = loop {
            match self.inner.read(&mut chunk) {
                Ok(n) => break n,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(e) => {
                    return Err(DecodeError::Io {
                        at: Box::new(Location::new(
                            Position::bytes((self.base + self.buf.len()) as u64),
                            Path::default(),
                        )),
                        message: e.to_string(),
                    });
                }
            }
        };
        self.eof = n == 0;
        self.buf.extend_from_slice(&chunk[..n]);
        Ok(n > 0)
    }

    /// The length of the item (a head alone when `head_only`) at `at` of the buffer, reading
    /// more input until it is all in.
    fn item(&mut self, at: usize, head_only: bool, options: &CborStreamOptions) -> Result<usize, DecodeError> {
        loop {
            let mut reader = Reader::new(&self.buf[at..], options.limits, key::name);
            reader.base = self.base + at;
            let step =
                if head_only { reader.with_cursor(|c| c.head().map(|_| ())) } else { reader.with_cursor(Cursor::skip) };
            let too_large = || DecodeError::RecordTooLarge {
                at: Box::new(Location::new(Position::bytes((self.base + at) as u64), Path::default())),
                limit: options.max_item_bytes,
            };
            match step {
                Ok(()) if reader.cursor.offset() <= options.max_item_bytes => return Ok(reader.cursor.offset()),
                Ok(()) => return Err(too_large()),
                Err(ReadError {
                    kind: ReadErrorKind::Cbor(CborErrorKind::UnexpectedEnd | CborErrorKind::LengthBeyondInput { .. }),
                    ..
                }) => {
                    if self.buf.len() - at > options.max_item_bytes {
                        return Err(too_large());
                    }
                    if !self.more()? {
                        // The input ends inside the item: the error of the whole input.
                        return Err(DecodeError::from(step_error(&self.buf[at..], self.base + at, head_only, options)));
                    }
                }
                Err(e) => return Err(e.into()),
            }
        }
    }

    /// Drops the first `n` bytes of the buffer.
    fn consume(&mut self, n: usize) {
        self.buf.drain(..n);
        self.base += n;
    }
}

/// The error of reading the item at the end of the input.
fn step_error(bytes: &[u8], base: usize, head_only: bool, options: &CborStreamOptions) -> ReadError {
    let mut reader = Reader::new(bytes, options.limits, key::name);
    reader.base = base;
    let r = if head_only { reader.with_cursor(|c| c.head().map(|_| ())) } else { reader.with_cursor(Cursor::skip) };
    r.err().unwrap_or_else(|| reader.error(0, ReadErrorKind::Cbor(CborErrorKind::UnexpectedEnd)))
}

/// Reads one RUM in its CBOR form from `input`, handing each measurement to `sink` as soon as it
/// is read and the head (everything but `measurements`) at the end.
///
/// Errors have the byte offset in the input and the key path (`measurements[2]/value`).
///
/// ```
/// use iso19770_resource_util::stream::{read_cbor, CborStreamOptions, Collect};
/// use iso19770_resource_util::{Decimal, Measurement, Rum};
///
/// let rum = Rum::new("r")
///     .with_measurement(Measurement::new("m", Decimal::new(15, 1)))
///     .with_measurement(Measurement::new("m", Decimal::from(2)));
/// let bytes = rum.to_cbor_vec()?;
/// let mut c = Collect::default();
/// read_cbor(&bytes[..], &CborStreamOptions::default(), &mut c)?;
/// assert_eq!(c.rums, [rum]);
/// // Cut inside the second measurement: the first was handed over, then the error.
/// let mut c = Collect::default();
/// let err = read_cbor(&bytes[..bytes.len() - 2], &CborStreamOptions::default(), &mut c).unwrap_err();
/// assert!(matches!(err, iso19770_resource_util::DecodeError::CborTruncated { .. }));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn read_cbor<R: Read>(input: R, options: &CborStreamOptions, sink: &mut dyn ReportSink) -> Result<(), DecodeError> {
    let mut input = Input { inner: input, buf: Vec::new(), base: 0, eof: false };
    let head_len = input.item(0, true, options)?;
    let root = head(&input.buf, 0, options)?;
    let ciborium_ll::Header::Map(count) = root.header else {
        let mut reader = Reader::new(&input.buf, options.limits, key::name);
        reader.base = input.base;
        return Err(reader.wrong(&root, "a RUM (a CBOR map)").into());
    };
    input.consume(head_len);
    // The head's members, as bytes, with where each came from (for the offsets of errors).
    let mut members: Vec<u8> = Vec::new();
    let mut origins: Vec<(usize, usize)> = Vec::new();
    let mut n_members = 0u64;
    let mut entries = 0usize;
    loop {
        match count {
            Some(n) if entries >= n => break,
            None => {
                if input.buf.is_empty() && !input.more()? {
                    return Err(DecodeError::CborTruncated {
                        at: Box::new(Location::new(Position::bytes(input.base as u64), Path::default())),
                    });
                }
                if input.buf.first() == Some(&0xff) {
                    input.consume(1);
                    break;
                }
            }
            _ => {}
        }
        entries += 1;
        let key_len = input.item(0, false, options)?;
        // Key 8 in any encoding of its head (deterministic CBOR writes one byte).
        let is_measurements =
            matches!(head(&input.buf, 0, options)?.header, ciborium_ll::Header::Positive(key::MEASUREMENTS));
        if is_measurements {
            input.consume(key_len);
            measurements(&mut input, options, sink)?;
        } else {
            let value_len = input.item(key_len, false, options)?;
            origins.push((members.len(), input.base));
            members.extend_from_slice(&input.buf[..key_len + value_len]);
            n_members += 1;
            input.consume(key_len + value_len);
        }
    }
    // Nothing may follow the RUM.
    if !input.buf.is_empty() || input.more()? {
        return Err(DecodeError::TrailingBytes {
            at: Box::new(Location::new(Position::bytes(input.base as u64), Path::default())),
            count: input.buf.len(),
        });
    }
    let mut doc = iso19770_core::cbor::Writer::new();
    doc.map(usize::try_from(n_members).unwrap_or(usize::MAX));
    let prefix = doc.bytes_so_far().len();
    doc.raw(&members);
    let head =
        Rum::from_cbor_slice_with(&doc.into_bytes(), options.limits).map_err(|e| relocate(e, prefix, &origins))?;
    sink.report(0, head);
    Ok(())
}

/// The head of the item at `at` (known to be in the buffer).
fn head(buf: &[u8], at: usize, options: &CborStreamOptions) -> Result<Head, DecodeError> {
    let mut reader = Reader::new(&buf[at..], options.limits, key::name);
    Ok(reader.head()?)
}

/// Reads the measurements array whose key was just consumed.
fn measurements<R: Read>(
    input: &mut Input<R>,
    options: &CborStreamOptions,
    sink: &mut dyn ReportSink,
) -> Result<(), DecodeError> {
    let head_len = input.item(0, true, options)?;
    let array = head(&input.buf, 0, options)?;
    let ciborium_ll::Header::Array(count) = array.header else {
        let mut reader = Reader::new(&input.buf, options.limits, key::name);
        reader.base = input.base;
        reader.path.push_code(key::MEASUREMENTS);
        return Err(reader.wrong(&array, "an array of measurements").into());
    };
    input.consume(head_len);
    let mut index = 0usize;
    loop {
        match count {
            Some(n) if index >= n => return Ok(()),
            None => {
                if input.buf.is_empty() && !input.more()? {
                    return Err(DecodeError::CborTruncated {
                        at: Box::new(Location::new(Position::bytes(input.base as u64), Path::default())),
                    });
                }
                if input.buf.first() == Some(&0xff) {
                    input.consume(1);
                    return Ok(());
                }
            }
            _ => {}
        }
        let len = input.item(0, false, options)?;
        let mut dec = Dec::measurement_at(&input.buf[..len], options.limits, input.base, index);
        let h = dec.head()?;
        let m = dec.measurement(h)?;
        sink.measurement(0, m);
        input.consume(len);
        index += 1;
    }
}

/// Moves the offset of an error in the rebuilt head back to the input.
fn relocate(mut e: DecodeError, prefix: usize, origins: &[(usize, usize)]) -> DecodeError {
    let (DecodeError::CborTruncated { at }
    | DecodeError::CborInvalid { at, .. }
    | DecodeError::LengthBeyondInput { at, .. }
    | DecodeError::LengthAboveLimit { at, .. }
    | DecodeError::TooDeep { at, .. }
    | DecodeError::InvalidUtf8 { at }
    | DecodeError::WrongType { at, .. }
    | DecodeError::InexactDecimal { at, .. }
    | DecodeError::UnknownValue { at, .. }
    | DecodeError::MissingKey { at, .. }
    | DecodeError::DuplicateKey { at, .. }
    | DecodeError::TrailingBytes { at, .. }) = &mut e
    else {
        return e;
    };
    let offset = usize::try_from(at.position.offset).unwrap_or(0);
    if let Some(inner) = offset.checked_sub(prefix) {
        let (start, origin) = origins.iter().rev().find(|(s, _)| *s <= inner).copied().unwrap_or((0, 0));
        at.position = Position::bytes((origin + inner - start) as u64);
    } else {
        // The map's head, which the input did not have as such: the start of the RUM.
        at.position = Position::bytes(0);
    }
    e
}
