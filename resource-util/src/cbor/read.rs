//! Decoding a RUM: a cursor over the input, one map at a time, into the model.

use crate::error::DecodeError;
use crate::model::{Entity, Link, MeasuredAsset, Measurement, Meta, Rel, Role, Rum};
use crate::registry::code::{self, Vocabulary};
use crate::registry::{cbor_tag, key};
use ciborium_ll::Header;
use iso19770_core::cbor::{CborEntry, Decoder, Head, Limits, MapKey, Reader};
use iso19770_core::{DateTime, Extensions, Timestamp};

type Result<T> = std::result::Result<T, DecodeError>;

/// The decoder: the shared reader, and the model's maps on top.
pub(crate) struct Dec<'a>(Reader<'a>);

impl<'a> Decoder<'a> for Dec<'a> {
    type Error = DecodeError;

    fn reader(&self) -> &Reader<'a> {
        &self.0
    }

    fn reader_mut(&mut self) -> &mut Reader<'a> {
        &mut self.0
    }

    fn inexact_decimal(&self, offset: usize, message: String) -> DecodeError {
        DecodeError::InexactDecimal { at: self.at(offset), message }
    }
}

impl<'a> Dec<'a> {
    pub(crate) fn new(input: &'a [u8], limits: Limits) -> Self {
        Dec(Reader::new(input, limits, key::name))
    }

    /// A decoder of measurement `index` of a RUM, whose bytes start at `base` of the outer input
    /// (for streaming: offsets and paths as in the whole document).
    #[cfg(feature = "cbor")]
    pub(crate) fn measurement_at(input: &'a [u8], limits: Limits, base: usize, index: usize) -> Self {
        let mut reader = Reader::new(input, limits, key::name);
        reader.base = base;
        reader.path.push_code(key::MEASUREMENTS);
        reader.path.push_index(index);
        Dec(reader)
    }

    /// Keeps the value of a key the map has no field for.
    fn keep(&mut self, k: &MapKey<'_>, into: &mut Extensions) -> Result<()> {
        let head = self.head()?;
        let value = self.with_cursor(|c| c.value_after(head))?;
        into.entries.push(CborEntry { label: k.label(), value });
        Ok(())
    }

    fn missing(&self, name: &'static str, offset: usize) -> DecodeError {
        DecodeError::MissingKey { at: self.at(offset), key: name }
    }

    /// An array, each item read by `item`.
    fn array<T>(&mut self, item: impl FnMut(&mut Self, Head) -> Result<T>) -> Result<Vec<T>> {
        let head = self.head()?;
        self.items(head, item)
    }

    fn unsigned(&mut self) -> Result<u64> {
        let head = self.head()?;
        match head.header {
            Header::Positive(v) => Ok(v),
            _ => Err(self.wrong(&head, "an unsigned integer")),
        }
    }

    /// A name of an open vocabulary whose head was just pulled.
    fn open_after(&mut self, head: Head, vocabulary: Vocabulary) -> Result<String> {
        Decoder::open_name_after(self, head, &vocabulary, |d, offset, c| DecodeError::UnknownValue {
            at: d.at(offset),
            vocabulary: vocabulary.name,
            value: c.to_string(),
        })
    }

    fn open(&mut self, vocabulary: Vocabulary) -> Result<String> {
        let head = self.head()?;
        self.open_after(head, vocabulary)
    }

    /// A timestamp: `1(integer)` or a bare integer is Unix seconds; a text or `0(text)` a
    /// date-time text.
    fn timestamp(&mut self) -> Result<Timestamp> {
        let head = self.head()?;
        let (inner, tagged) = match head.header {
            Header::Tag(cbor_tag::EPOCH_TIME | cbor_tag::DATE_TIME_TEXT) => {
                self.with_cursor(|c| c.enter(head.offset))?;
                (self.head()?, Some(head.header))
            }
            _ => (head, None),
        };
        let t = match (inner.header, tagged) {
            (Header::Text(_), None | Some(Header::Tag(cbor_tag::DATE_TIME_TEXT))) => {
                Timestamp::DateTime(DateTime::new(self.text_after(inner)?))
            }
            (Header::Positive(v), None | Some(Header::Tag(cbor_tag::EPOCH_TIME))) => {
                Timestamp::UnixSeconds(i64::try_from(v).map_err(|_| self.wrong(&inner, "Unix seconds within 64 bits"))?)
            }
            (Header::Negative(v), None | Some(Header::Tag(cbor_tag::EPOCH_TIME))) => Timestamp::UnixSeconds(
                i64::try_from(v).map(|v| -1 - v).map_err(|_| self.wrong(&inner, "Unix seconds within 64 bits"))?,
            ),
            _ => return Err(self.wrong(&inner, "a date-time text or integer Unix seconds")),
        };
        if tagged.is_some() {
            self.0.cursor.leave();
        }
        Ok(t)
    }

    pub(crate) fn rum(&mut self) -> Result<Rum> {
        let head = self.head()?;
        let mut r = Rum::default();
        let mut has_id = false;
        self.map(head, |d, k, _| {
            match k.as_u64() {
                Some(key::RUM_ID) => {
                    r.rum_id = d.text()?;
                    has_id = true;
                }
                Some(key::VERSION) => r.version = Some(d.text()?),
                Some(key::REVISION) => r.revision = Some(d.unsigned()?),
                Some(key::LANG) => r.lang = Some(d.text()?),
                Some(key::ENTITIES) => r.entities = d.array(Self::entity)?,
                Some(key::LINKS) => r.links = d.array(Self::link)?,
                Some(key::META) => r.meta = d.array(Self::meta)?,
                Some(key::ASSET) => {
                    let h = d.head()?;
                    r.asset = Some(d.asset(h)?);
                }
                Some(key::MEASUREMENTS) => r.measurements = d.array(Self::measurement)?,
                _ => d.keep(k, &mut r.extensions)?,
            }
            Ok(())
        })?;
        if !has_id {
            return Err(self.missing("rumId", head.offset));
        }
        Ok(r)
    }

    fn entity(&mut self, head: Head) -> Result<Entity> {
        let mut e = Entity::default();
        let mut has_name = false;
        self.map(head, |d, k, _| {
            match k.as_u64() {
                Some(key::NAME) => {
                    e.name = d.text()?;
                    has_name = true;
                }
                Some(key::REGID) => e.regid = Some(d.text()?),
                Some(key::ROLES) => {
                    e.roles = d.array(|d, h| d.open_after(h, code::ROLE).map(|n| Role::from_name(&n)))?;
                }
                _ => d.keep(k, &mut e.extensions)?,
            }
            Ok(())
        })?;
        if !has_name {
            return Err(self.missing("name", head.offset));
        }
        Ok(e)
    }

    fn link(&mut self, head: Head) -> Result<Link> {
        let (mut href, mut rel, mut media_type) = (None, None, None);
        let mut extensions = Extensions::default();
        self.map(head, |d, k, _| {
            match k.as_u64() {
                Some(key::HREF) => href = Some(d.text()?),
                Some(key::REL) => rel = Some(Rel::from_name(&d.open(code::REL)?)),
                Some(key::MEDIA_TYPE) => media_type = Some(d.text()?),
                _ => d.keep(k, &mut extensions)?,
            }
            Ok(())
        })?;
        let href = href.ok_or_else(|| self.missing("href", head.offset))?;
        let rel = rel.ok_or_else(|| self.missing("rel", head.offset))?;
        Ok(Link { href, rel, media_type, extensions })
    }

    fn meta(&mut self, head: Head) -> Result<Meta> {
        let mut m = Meta::default();
        self.map(head, |d, k, _| {
            let slot = match k.as_u64() {
                Some(key::PRODUCT) => &mut m.product,
                Some(key::SOFTWARE_VERSION) => &mut m.software_version,
                Some(key::REPORT_ID) => &mut m.report_id,
                Some(key::SCHEMA_VERSION) => &mut m.schema_version,
                _ => return d.keep(k, &mut m.extensions),
            };
            *slot = Some(d.text()?);
            Ok(())
        })?;
        Ok(m)
    }

    fn asset(&mut self, head: Head) -> Result<MeasuredAsset> {
        let mut a = MeasuredAsset::default();
        self.map(head, |d, k, _| {
            let slot = match k.as_u64() {
                Some(key::TAG_ID) => &mut a.tag_id,
                Some(key::PERSISTENT_ID) => &mut a.persistent_id,
                Some(key::NAME) => &mut a.name,
                Some(key::INSTANCE_ID) => &mut a.instance_id,
                Some(key::DEVICE_ID) => &mut a.device_id,
                _ => return d.keep(k, &mut a.extensions),
            };
            *slot = Some(d.text()?);
            Ok(())
        })?;
        Ok(a)
    }

    pub(crate) fn measurement(&mut self, head: Head) -> Result<Measurement> {
        let (mut metric, mut value) = (None, None);
        let mut m = Measurement::new(String::new(), iso19770_core::decimal::Decimal::ZERO);
        self.map(head, |d, k, _| {
            match k.as_u64() {
                Some(key::LOG_TIME) => m.log_time = Some(d.timestamp()?),
                Some(key::METRIC) => metric = Some(d.text()?),
                Some(key::SUBTYPE) => m.subtype = Some(d.text()?),
                Some(key::UNIT) => m.unit = Some(d.text()?),
                Some(key::VALUE) => value = Some(d.decimal()?),
                Some(key::START) => m.start = Some(d.timestamp()?),
                Some(key::END) => m.end = Some(d.timestamp()?),
                Some(key::SAMPLE_INTERVAL) => m.sample_interval = Some(d.unsigned()?),
                Some(key::SAMPLE_COUNT) => m.sample_count = Some(d.unsigned()?),
                Some(key::AGGREGATION) => m.aggregation = Some(d.open(code::AGGREGATION)?.as_str().into()),
                _ => d.keep(k, &mut m.extensions)?,
            }
            Ok(())
        })?;
        m.metric = metric.ok_or_else(|| self.missing("metric", head.offset))?;
        m.value = value.ok_or_else(|| self.missing("value", head.offset))?;
        Ok(m)
    }
}
