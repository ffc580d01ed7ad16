//! The JSON form, streamed.

use crate::{DecodeError, Measurement, ReportSink, Rum};
use iso19770_core::{Location, Path, PathSegment, Position};
use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use std::cell::Cell;
use std::fmt;
use std::io::Read;

/// Reads one RUM in its JSON form from `input`, handing each measurement to `sink` as soon as it
/// is read and the head (everything but `measurements`) at the end.
///
/// An error has the line and column, and the path of the measurement being read
/// (`measurements[3]`) or of the head's member.
///
/// ```
/// use iso19770_resource_util::stream::{read_json, Collect};
/// use iso19770_resource_util::Rum;
///
/// let json = r#"{"rumId": "r", "measurements": [{"metric": "m", "value": "1.5"}, {"metric": "m", "value": "2"}], "x-note": "kept"}"#;
/// let mut c = Collect::default();
/// read_json(json.as_bytes(), &mut c)?;
/// assert_eq!(c.rums, [Rum::from_json_str(json)?]);
///
/// let err = read_json(r#"{"rumId": "r", "measurements": [{"metric": "m", "value": "1"}, {"metric": "m", "value": 1.5}]}"#.as_bytes(), &mut Collect::default()).unwrap_err();
/// assert_eq!(err.path().to_string(), "measurements[1]");
/// # Ok::<(), iso19770_resource_util::DecodeError>(())
/// ```
pub fn read_json<R: Read>(input: R, sink: &mut dyn ReportSink) -> Result<(), DecodeError> {
    let index = Cell::new(None::<usize>);
    let read = Cell::new(0u64);
    let mut de = serde_json::Deserializer::from_reader(SkipBom::new(input, &read));
    let result = Root { sink, index: &index }.deserialize(&mut de).and_then(|()| de.end());
    result.map_err(|e| {
        let path = match index.get() {
            Some(i) => Path::from_segments([PathSegment::key("measurements"), PathSegment::Index(i)]),
            None => Path::default(),
        };
        let line = u64::try_from(e.line()).unwrap_or(0);
        let column = u64::try_from(e.column()).unwrap_or(0);
        // serde_json reads one byte at a time: the bytes read so far end at the error.
        let offset = read.get().saturating_sub(1);
        DecodeError::Json {
            at: Box::new(Location::new(Position::text(offset, line, column), path)),
            message: e.to_string(),
        }
    })
}

/// Skips a UTF-8 byte-order mark at the start (RFC 8259 lets a parser ignore it), and counts
/// the bytes of the input read (the mark included).
struct SkipBom<'c, R> {
    inner: R,
    start: Vec<u8>,
    checked: bool,
    read: &'c Cell<u64>,
}

impl<'c, R: Read> SkipBom<'c, R> {
    fn new(inner: R, read: &'c Cell<u64>) -> Self {
        SkipBom { inner, start: Vec::new(), checked: false, read }
    }
}

impl<R: Read> Read for SkipBom<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.read_uncounted(buf)?;
        self.read.set(self.read.get() + n as u64);
        Ok(n)
    }
}

impl<R: Read> SkipBom<'_, R> {
    fn read_uncounted(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if !self.checked {
            let mut head = [0u8; 3];
            let mut n = 0;
            while n < 3 {
                let k = self.inner.read(&mut head[n..])?;
                if k == 0 {
                    break;
                }
                n += k;
            }
            self.checked = true;
            if head[..n] == [0xef, 0xbb, 0xbf] {
                self.read.set(3);
            } else {
                self.start = head[..n].to_vec();
            }
        }
        if !self.start.is_empty() {
            let k = self.start.len().min(buf.len());
            buf[..k].copy_from_slice(&self.start[..k]);
            self.start.drain(..k);
            return Ok(k);
        }
        self.inner.read(buf)
    }
}

struct Root<'a, 's> {
    sink: &'a mut (dyn ReportSink + 's),
    index: &'a Cell<Option<usize>>,
}

impl<'de> DeserializeSeed<'de> for Root<'_, '_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for Root<'_, '_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a RUM (a JSON object)")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        // The head's members as their exact text, in their order: decoded at the end as the
        // whole-document decoder decodes them (unknown members kept in order, as written).
        let mut head = String::from("{");
        while let Some(key) = map.next_key::<String>()? {
            if key == "measurements" {
                map.next_value_seed(Measurements { sink: &mut *self.sink, index: self.index })?;
                self.index.set(None);
            } else {
                let value: Box<serde_json::value::RawValue> = map.next_value()?;
                if head.len() > 1 {
                    head.push(',');
                }
                head.push_str(&serde_json::to_string(&key).map_err(de::Error::custom)?);
                head.push(':');
                head.push_str(value.get());
            }
        }
        head.push('}');
        let rum: Rum = serde_json::from_str(&head).map_err(de::Error::custom)?;
        self.sink.report(0, rum);
        Ok(())
    }
}

struct Measurements<'a, 's> {
    sink: &'a mut (dyn ReportSink + 's),
    index: &'a Cell<Option<usize>>,
}

impl<'de> DeserializeSeed<'de> for Measurements<'_, '_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for Measurements<'_, '_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an array of measurements")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let mut i = 0usize;
        loop {
            self.index.set(Some(i));
            match seq.next_element::<Measurement>()? {
                Some(m) => self.sink.measurement(0, m),
                None => return Ok(()),
            }
            i += 1;
        }
    }
}
