//! Readers for the measurement formats found in the field, one record at a time in bounded
//! memory.
//!
//! | format | module | feature | reads | one item is |
//! |---|---|---|---|---|
//! | IBM SLMT 2.1.1 tags (`.slmtag`): top-level XML fragments appended over time, no single root | [`slmt`] | `xml` | any [`BufRead`] | a [`SlmtRecord`]: one `<Metric>` with the identity in force |
//! | Cisco Smart Licensing Using Policy "RUM reports": JSON, or JSON in a `<smartLicense><RUMReport>` CDATA envelope | [`cisco`] | `json` (the envelope also `xml`) | any [`BufRead`] | a [`Measurement`](crate::Measurement) of `payload.measurements[]`, then the report's head as a [`Rum`](crate::Rum) |
//!
//! Both readers are import-only: the model keeps what they read (identity, measurements, unknown
//! content in `extensions`), but nothing writes these formats back. Each module documents its
//! mapping in a table.
//!
//! # Errors and positions
//!
//! Every error is a [`DecodeError`](crate::DecodeError) with the line and column (counted in
//! characters, from 1, after a byte-order mark) and byte offset in the input, and a path:
//! `Metric[12]/Value` in an SLMT stream (top-level fragments are counted over the whole stream),
//! `payload/measurements[3]/value/value` in a Cisco report, prefixed by
//! `smartLicense/RUMReport[2]/` inside an envelope.
//!
//! - The input ending inside a record (a file still being appended to, a cut copy) is
//!   [`DecodeError::Truncated`](crate::DecodeError::Truncated), reported after every complete
//!   record before it.
//! - A record larger than the reader's limit is
//!   [`DecodeError::RecordTooLarge`](crate::DecodeError::RecordTooLarge), found before the
//!   record is held in memory.
//! - A document type declaration is refused
//!   ([`DecodeError::XmlDoctype`](crate::DecodeError::XmlDoctype)): no entity is ever expanded.

#[cfg(feature = "json")]
pub mod cisco;
#[cfg(feature = "xml")]
pub mod slmt;

#[cfg(feature = "json")]
pub use cisco::{CiscoOptions, ReportSink};
#[cfg(feature = "xml")]
pub use slmt::{SlmtOptions, SlmtReader, SlmtRecord};

use iso19770_core::Position;
use std::io::{self, BufRead, Read};

/// The UTF-8 byte-order mark.
const BOM: &[u8] = b"\xEF\xBB\xBF";

/// A place in the input: byte offset from 0, line and column (characters) from 1.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Pos {
    pub(crate) offset: u64,
    pub(crate) line: u64,
    pub(crate) column: u64,
}

impl Pos {
    /// The start of an input.
    pub(crate) const START: Pos = Pos { offset: 0, line: 1, column: 1 };

    /// As a [`Position`].
    pub(crate) fn position(self) -> Position {
        Position::text(self.offset, self.line, self.column)
    }
}

/// True for the white space of XML (and of JSON: the same four characters).
pub(crate) fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\r' | b'\n')
}

/// A byte source over a [`BufRead`] that counts lines and columns of what is consumed, skips a
/// leading byte-order mark, can look a few bytes ahead, can copy what is consumed (the exact
/// source text of kept elements), and refuses to hand out more than `limit` bytes per record
/// (counted from the last [`Source::begin_record`]).
pub(crate) struct Source<R> {
    inner: R,
    /// The place of the next byte.
    next: Pos,
    /// Bytes taken from `inner` ahead of time by [`Source::peek`], handed out first.
    ahead: Vec<u8>,
    limit: usize,
    used: usize,
    /// The record limit was reached and more input was asked for.
    pub(crate) over_limit: bool,
    /// The end of the input was met.
    pub(crate) hit_eof: bool,
    capturing: bool,
    captured: Vec<u8>,
    bom_checked: bool,
}

impl<R: BufRead> Source<R> {
    /// A source handing out at most `limit` bytes per record.
    pub(crate) fn new(inner: R, limit: usize) -> Self {
        Source {
            inner,
            next: Pos::START,
            ahead: Vec::new(),
            limit,
            used: 0,
            over_limit: false,
            hit_eof: false,
            capturing: false,
            captured: Vec::new(),
            bom_checked: false,
        }
    }

    #[cfg(feature = "xml")]
    /// The place of the next byte.
    pub(crate) fn pos(&self) -> Pos {
        self.next
    }

    /// The place of the next byte, after a byte-order mark at the start (a read error is left
    /// for the next read to report).
    pub(crate) fn start_pos(&mut self) -> Pos {
        if self.skip_bom().is_err() {
            self.bom_checked = false;
        }
        self.next
    }

    #[cfg(feature = "xml")]
    /// Starts counting a new record against the limit.
    pub(crate) fn begin_record(&mut self) {
        self.used = 0;
        self.over_limit = false;
        self.capturing = false;
        self.captured.clear();
    }

    /// Changes the record limit (the JSON of a Cisco envelope counts its own records).
    #[cfg(all(feature = "xml", feature = "json"))]
    pub(crate) fn set_limit(&mut self, limit: usize) {
        self.limit = limit;
        self.used = 0;
    }

    #[cfg(feature = "xml")]
    /// Starts copying what is consumed.
    pub(crate) fn start_capture(&mut self) {
        self.capturing = true;
        self.captured.clear();
    }

    #[cfg(feature = "xml")]
    /// Stops copying and gives the copy.
    pub(crate) fn take_capture(&mut self) -> Vec<u8> {
        self.capturing = false;
        std::mem::take(&mut self.captured)
    }

    #[cfg(feature = "xml")]
    /// The wrapped reader.
    pub(crate) fn into_inner(self) -> R {
        self.inner
    }

    fn skip_bom(&mut self) -> io::Result<()> {
        if self.bom_checked {
            return Ok(());
        }
        // Whatever the reader's buffer size: the bytes that may start a mark are set aside.
        while self.ahead.len() < BOM.len() && BOM.starts_with(&self.ahead) {
            let buf = self.inner.fill_buf()?;
            if buf.is_empty() {
                break;
            }
            let take = buf.len().min(BOM.len() - self.ahead.len());
            self.ahead.extend_from_slice(&buf[..take]);
            self.inner.consume(take);
        }
        if self.ahead == BOM {
            self.ahead.clear();
            self.next.offset = BOM.len() as u64;
        }
        self.bom_checked = true;
        Ok(())
    }

    #[cfg(feature = "json")]
    /// Up to `n` next bytes without consuming them (fewer only at the end of the input), within
    /// the record limit.
    pub(crate) fn peek(&mut self, n: usize) -> io::Result<&[u8]> {
        self.skip_bom()?;
        while self.ahead.len() < n {
            let buf = self.inner.fill_buf()?;
            if buf.is_empty() {
                break;
            }
            let take = buf.len().min(n - self.ahead.len());
            self.ahead.extend_from_slice(&buf[..take]);
            self.inner.consume(take);
        }
        let end = self.ahead.len().min(n).min(self.limit.saturating_sub(self.used));
        Ok(&self.ahead[..end])
    }

    #[cfg(feature = "json")]
    /// The next byte and its place, consumed; `None` at the end of the input.
    pub(crate) fn next_byte(&mut self) -> io::Result<Option<(u8, Pos)>> {
        let Some(&b) = self.fill_buf()?.first() else { return Ok(None) };
        let at = self.next;
        self.consume(1);
        Ok(Some((b, at)))
    }
}

impl<R: BufRead> Read for Source<R> {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        let buf = self.fill_buf()?;
        let n = buf.len().min(out.len());
        out[..n].copy_from_slice(&buf[..n]);
        self.consume(n);
        Ok(n)
    }
}

impl<R: BufRead> BufRead for Source<R> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        self.skip_bom()?;
        let room = self.limit.saturating_sub(self.used);
        let available = if self.ahead.is_empty() { self.inner.fill_buf()? } else { &self.ahead[..] };
        if available.is_empty() {
            self.hit_eof = true;
            return Ok(available);
        }
        if room == 0 {
            self.over_limit = true;
            return Err(io::Error::other("the record limit is reached"));
        }
        let n = available.len().min(room);
        Ok(&available[..n])
    }

    fn consume(&mut self, amt: usize) {
        if amt == 0 {
            return;
        }
        self.used = self.used.saturating_add(amt);
        if self.ahead.is_empty() {
            // The bytes are still in `inner`'s buffer: `fill_buf` hands them out again.
            if let Ok(buf) = self.inner.fill_buf() {
                let n = amt.min(buf.len());
                self.next = count(self.next, &buf[..n]);
                if self.capturing {
                    self.captured.extend_from_slice(&buf[..n]);
                }
            }
            self.inner.consume(amt);
        } else {
            let n = amt.min(self.ahead.len());
            self.next = count(self.next, &self.ahead[..n]);
            if self.capturing {
                self.captured.extend_from_slice(&self.ahead[..n]);
            }
            self.ahead.drain(..n);
        }
    }
}

/// The place after `bytes`, starting at `from` (a column counts characters: every byte but
/// UTF-8 continuation bytes).
fn count(from: Pos, bytes: &[u8]) -> Pos {
    let offset = from.offset + bytes.len() as u64;
    let chars = |s: &[u8]| s.iter().filter(|&&b| b & 0xC0 != 0x80).count() as u64;
    match bytes.iter().rposition(|&b| b == b'\n') {
        Some(last) => {
            let lines = bytes.iter().fold(0u64, |n, &b| n + u64::from(b == b'\n'));
            Pos { offset, line: from.line + lines, column: 1 + chars(&bytes[last + 1..]) }
        }
        None => Pos { offset, line: from.line, column: from.column + chars(bytes) },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(feature = "json")]
    #[test]
    fn counts_lines_and_characters_after_a_bom() {
        let input = "\u{feff}ab\nčd\r\nx".as_bytes();
        let mut s = Source::new(input, usize::MAX);
        let mut seen = Vec::new();
        while let Some((b, at)) = s.next_byte().expect("in memory") {
            seen.push((b, at.offset, at.line, at.column));
        }
        assert_eq!(seen[0], (b'a', 3, 1, 1));
        assert_eq!(seen[2], (b'\n', 5, 1, 3));
        assert_eq!(seen[3], (0xC4, 6, 2, 1));
        assert_eq!(seen[5], (b'd', 8, 2, 2));
        assert_eq!(*seen.last().expect("bytes"), (b'x', 11, 3, 1));
        assert!(s.hit_eof);
    }

    #[cfg(all(feature = "xml", feature = "json"))]
    #[test]
    fn peeked_bytes_are_handed_out_and_counted() {
        let mut s = Source::new(&b"<![CDATA[x]]>"[..], usize::MAX);
        assert_eq!(s.peek(9).expect("in memory"), b"<![CDATA[");
        s.start_capture();
        s.consume(4);
        assert_eq!(s.pos(), Pos { offset: 4, line: 1, column: 5 });
        let mut rest = String::new();
        s.read_to_string(&mut rest).expect("in memory");
        assert_eq!(rest, "DATA[x]]>");
        assert_eq!(s.take_capture(), b"<![CDATA[x]]>");
    }

    #[cfg(feature = "xml")]
    #[test]
    fn the_limit_refuses_more_bytes() {
        let mut s = Source::new(&b"abcdef"[..], 4);
        let mut out = [0u8; 10];
        let mut got = Vec::new();
        while let Ok(n) = s.read(&mut out) {
            assert!(n > 0, "the limit is an error, not the end");
            got.extend_from_slice(&out[..n]);
        }
        assert_eq!(got, b"abcd");
        assert!(s.over_limit);
        s.begin_record();
        got.clear();
        s.read_to_end(&mut got).expect("the rest");
        assert_eq!(got, b"ef");
    }
}
