//! Decoding an Ent: a cursor over the input, one map at a time, into the model.

use super::CborDecodeOptions;
use crate::error::DecodeError;
use crate::model::{
    AccessBy, CoreFactor, Cost, CostBasis, Ent, EntitledProduct, Entity, Environment, Limitation, Link, Meta, Metric,
    Parameter, PvuRating, Quantity, Rel, Right, Role, Term, TermKind, VersionRange,
};
use crate::registry::code::{self, Vocabulary};
use crate::registry::{UNLIMITED, cbor_tag, key};
use ciborium_ll::Header;
use iso19770_core::cbor::{CborEntry, CborError, CborErrorKind, Cursor, Head};
use iso19770_core::{DateTime, Label, Location, Path, PathSegment, Position};
use rust_decimal::Decimal;
use std::borrow::Cow;

type Result<T> = std::result::Result<T, DecodeError>;

/// One step of the key path.
#[derive(Clone)]
enum Seg {
    Key(&'static str),
    Label(String),
    Index(usize),
}

/// A map key: an integer or a text.
#[derive(Clone, PartialEq, Eq)]
enum MapKey<'a> {
    Int(i64),
    Text(Cow<'a, str>),
}

impl MapKey<'_> {
    fn label(&self) -> Label {
        match self {
            MapKey::Int(i) => Label::Int(*i),
            MapKey::Text(t) => Label::Text(t.clone().into_owned()),
        }
    }

    /// The key, when it is one of the registry's.
    fn known(&self) -> Option<u64> {
        match self {
            MapKey::Int(i) => u64::try_from(*i).ok().filter(|k| key::name(*k).is_some()),
            MapKey::Text(_) => None,
        }
    }

    fn describe(&self) -> String {
        match self.known().and_then(key::name) {
            Some(name) => name.to_owned(),
            None => self.label().to_string(),
        }
    }
}

/// What a head is, for messages.
fn describe(header: &Header) -> String {
    match header {
        Header::Positive(v) => format!("the integer {v}"),
        Header::Negative(v) => format!("the integer -{}", u128::from(*v) + 1),
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

/// The decoder.
pub(crate) struct Dec<'a> {
    cur: Cursor<'a>,
    path: Vec<Seg>,
}

impl<'a> Dec<'a> {
    pub(crate) fn new(input: &'a [u8], options: CborDecodeOptions) -> Self {
        Dec { cur: Cursor::new(input, options.limits), path: Vec::new() }
    }

    fn path(&self) -> Path {
        Path::from_segments(self.path.iter().map(|s| match s {
            Seg::Key(k) => PathSegment::key(*k),
            Seg::Label(l) => PathSegment::key(l.clone()),
            Seg::Index(i) => PathSegment::Index(*i),
        }))
    }

    fn at(&self, offset: usize) -> Box<Location> {
        Box::new(Location::new(Position::bytes(offset as u64), self.path()))
    }

    fn cbor_error(&self, e: CborError) -> DecodeError {
        let at = self.at(e.offset);
        match e.kind {
            CborErrorKind::UnexpectedEnd => DecodeError::CborTruncated { at },
            CborErrorKind::LengthBeyondInput { declared, remaining } => {
                DecodeError::LengthBeyondInput { at, declared, remaining }
            }
            CborErrorKind::TooLong { declared, limit } => DecodeError::LengthAboveLimit { at, declared, limit },
            CborErrorKind::TooDeep { limit } => DecodeError::TooDeep { at, limit },
            CborErrorKind::InvalidUtf8 => DecodeError::InvalidUtf8 { at },
            other => DecodeError::CborInvalid { at, message: other.to_string() },
        }
    }

    fn wrong(&self, head: &Head, expected: &'static str) -> DecodeError {
        DecodeError::WrongType { at: self.at(head.offset), expected, found: describe(&head.header) }
    }

    fn head(&mut self) -> Result<Head> {
        self.cur.head().map_err(|e| self.cbor_error(e))
    }

    pub(crate) fn expect_end(&self) -> Result<()> {
        if self.cur.is_at_end() {
            Ok(())
        } else {
            Err(DecodeError::TrailingBytes {
                at: Box::new(Location::new(Position::bytes(self.cur.offset() as u64), Path::default())),
                count: self.cur.remaining(),
            })
        }
    }

    /// Reads a map, handing each key to `entry`, which reads the value. Refuses duplicate keys;
    /// accepts any order.
    fn map<F>(&mut self, head: Head, mut entry: F) -> Result<()>
    where
        F: FnMut(&mut Self, &MapKey<'a>, usize) -> Result<()>,
    {
        let Header::Map(len) = head.header else {
            return Err(self.wrong(&head, "a map"));
        };
        if let Some(n) = len {
            self.cur.check_len(n, 2, head.offset).map_err(|e| self.cbor_error(e))?;
        }
        self.cur.enter(head.offset).map_err(|e| self.cbor_error(e))?;
        // Keys seen: a bit for each of 0 to 127 (every key of the registry), a list for the rest.
        let mut seen_small = 0u128;
        let mut seen_other: Vec<MapKey<'a>> = Vec::new();
        let mut index = 0usize;
        loop {
            match len {
                Some(n) if index == n => break,
                None if self.cur.at_break().map_err(|e| self.cbor_error(e))? => break,
                _ => {}
            }
            index += 1;
            let key_head = self.head()?;
            let k = match key_head.header {
                Header::Positive(n) => {
                    MapKey::Int(i64::try_from(n).map_err(|_| self.wrong(&key_head, "a key that fits 64 bits"))?)
                }
                Header::Negative(n) => MapKey::Int(
                    i64::try_from(n).map(|n| -1 - n).map_err(|_| self.wrong(&key_head, "a key that fits 64 bits"))?,
                ),
                Header::Text(_) => MapKey::Text(self.cur.text_body(key_head).map_err(|e| self.cbor_error(e))?),
                _ => return Err(self.wrong(&key_head, "an integer or text key")),
            };
            let repeated = match k {
                MapKey::Int(i @ 0..=127) => {
                    let bit = 1u128 << i;
                    let repeated = seen_small & bit != 0;
                    seen_small |= bit;
                    repeated
                }
                _ if seen_other.contains(&k) => true,
                _ => {
                    seen_other.push(k.clone());
                    false
                }
            };
            if repeated {
                return Err(DecodeError::DuplicateKey { at: self.at(key_head.offset), key: k.describe() });
            }
            self.path.push(match k.known().and_then(key::name) {
                Some(name) => Seg::Key(name),
                None => Seg::Label(k.label().to_string()),
            });
            entry(self, &k, key_head.offset)?;
            self.path.pop();
        }
        self.cur.leave();
        Ok(())
    }

    /// Keeps the value of a key the map has no field for.
    fn keep(&mut self, k: &MapKey<'_>, into: &mut Vec<CborEntry>) -> Result<()> {
        let head = self.head()?;
        let value = self.cur.value_after(head).map_err(|e| self.cbor_error(e))?;
        into.push(CborEntry { label: k.label(), value });
        Ok(())
    }

    /// A key a map without extensions does not know.
    fn refuse(&self, k: &MapKey<'_>, offset: usize) -> DecodeError {
        // The path is the map's with the key (pushed by `map`).
        DecodeError::UnknownKey { at: self.at(offset), key: k.describe() }
    }

    fn missing(&self, name: &'static str, offset: usize) -> DecodeError {
        DecodeError::MissingKey { at: self.at(offset), key: name }
    }

    /// An array, each item read by `item`.
    fn array<T>(&mut self, mut item: impl FnMut(&mut Self, Head) -> Result<T>) -> Result<Vec<T>> {
        let head = self.head()?;
        let Header::Array(len) = head.header else {
            return Err(self.wrong(&head, "an array"));
        };
        if let Some(n) = len {
            self.cur.check_len(n, 1, head.offset).map_err(|e| self.cbor_error(e))?;
        }
        self.cur.enter(head.offset).map_err(|e| self.cbor_error(e))?;
        // Checked against the input left, but an item may be far larger in memory than its byte:
        // reserve a little, grow as items are read.
        let mut out = Vec::with_capacity(len.unwrap_or(0).min(64));
        let mut index = 0;
        loop {
            match len {
                Some(n) if index == n => break,
                None if self.cur.at_break().map_err(|e| self.cbor_error(e))? => break,
                _ => {}
            }
            self.path.push(Seg::Index(index));
            let h = self.head()?;
            out.push(item(self, h)?);
            self.path.pop();
            index += 1;
        }
        self.cur.leave();
        Ok(out)
    }

    fn text(&mut self) -> Result<String> {
        let head = self.head()?;
        self.text_after(head)
    }

    fn text_after(&mut self, head: Head) -> Result<String> {
        match head.header {
            Header::Text(_) => Ok(self.cur.text_body(head).map_err(|e| self.cbor_error(e))?.into_owned()),
            _ => Err(self.wrong(&head, "a text string")),
        }
    }

    fn texts(&mut self) -> Result<Vec<String>> {
        self.array(Self::text_after)
    }

    fn bool(&mut self) -> Result<bool> {
        let head = self.head()?;
        match head.header {
            Header::Simple(20) => Ok(false),
            Header::Simple(21) => Ok(true),
            _ => Err(self.wrong(&head, "a boolean")),
        }
    }

    fn u32(&mut self) -> Result<u32> {
        let head = self.head()?;
        self.u32_after(head)
    }

    fn u32_after(&self, head: Head) -> Result<u32> {
        match head.header {
            Header::Positive(v) => u32::try_from(v).map_err(|_| DecodeError::IntegerOutOfRange {
                at: self.at(head.offset),
                value: v.to_string(),
                min: 0,
                max: i128::from(u32::MAX),
            }),
            Header::Negative(v) => Err(DecodeError::IntegerOutOfRange {
                at: self.at(head.offset),
                value: format!("-{}", u128::from(v) + 1),
                min: 0,
                max: i128::from(u32::MAX),
            }),
            _ => Err(self.wrong(&head, "an unsigned integer")),
        }
    }

    /// A date: text, `0(text)` or `1(integer)`.
    fn date(&mut self) -> Result<DateTime> {
        let head = self.head()?;
        match head.header {
            Header::Text(_) => Ok(DateTime::new(self.text_after(head)?)),
            Header::Tag(cbor_tag::DATE_TIME_TEXT) => {
                self.cur.enter(head.offset).map_err(|e| self.cbor_error(e))?;
                let inner = self.head()?;
                let text = self.text_after(inner)?;
                self.cur.leave();
                Ok(DateTime::new(text))
            }
            Header::Tag(cbor_tag::EPOCH_TIME) => {
                self.cur.enter(head.offset).map_err(|e| self.cbor_error(e))?;
                let inner = self.head()?;
                let seconds = match inner.header {
                    Header::Positive(v) => i64::try_from(v).ok(),
                    Header::Negative(v) => i64::try_from(v).ok().map(|v| -1 - v),
                    _ => return Err(self.wrong(&inner, "integer seconds in tag 1")),
                }
                .ok_or_else(|| self.wrong(&inner, "seconds that fit 64 bits"))?;
                self.cur.leave();
                Ok(DateTime::from_unix_seconds(seconds))
            }
            _ => Err(self.wrong(&head, "a date-time text")),
        }
    }

    /// An integer, or a bignum, that fits 96 bits (the mantissa of a decimal).
    fn big_integer(&mut self, head: Head) -> Result<i128> {
        match head.header {
            Header::Positive(v) => Ok(i128::from(v)),
            Header::Negative(v) => Ok(-1 - i128::from(v)),
            Header::Tag(t @ (cbor_tag::POSITIVE_BIGNUM | cbor_tag::NEGATIVE_BIGNUM)) => {
                let inner = self.head()?;
                let Header::Bytes(_) = inner.header else {
                    return Err(self.wrong(&inner, "the byte string of a bignum"));
                };
                let bytes = self.cur.string_body(inner).map_err(|e| self.cbor_error(e))?;
                let digits: &[u8] = &bytes;
                let significant: Vec<u8> = digits.iter().copied().skip_while(|&b| b == 0).collect();
                if significant.len() > 12 {
                    return Err(DecodeError::InexactDecimal {
                        at: self.at(head.offset),
                        message: format!(
                            "a bignum of {} significant byte(s): an exact decimal holds 96 bits",
                            significant.len()
                        ),
                    });
                }
                let magnitude = significant.iter().fold(0i128, |acc, &b| acc << 8 | i128::from(b));
                Ok(if t == cbor_tag::POSITIVE_BIGNUM { magnitude } else { -1 - magnitude })
            }
            _ => Err(self.wrong(&head, "an integer or a bignum")),
        }
    }

    /// An exact decimal: an integer, a bignum, or `4([exponent, mantissa])`.
    fn decimal(&mut self) -> Result<Decimal> {
        let head = self.head()?;
        self.decimal_after(head)
    }

    fn decimal_after(&mut self, head: Head) -> Result<Decimal> {
        let (mantissa, exponent) = match head.header {
            Header::Tag(cbor_tag::DECIMAL_FRACTION) => {
                self.cur.enter(head.offset).map_err(|e| self.cbor_error(e))?;
                let array = self.head()?;
                let Header::Array(Some(2) | None) = array.header else {
                    return Err(self.wrong(&array, "a decimal fraction [exponent, mantissa]"));
                };
                self.cur.enter(array.offset).map_err(|e| self.cbor_error(e))?;
                let e_head = self.head()?;
                let exponent = match e_head.header {
                    Header::Positive(v) => i64::try_from(v).unwrap_or(i64::MAX),
                    Header::Negative(v) => i64::try_from(v).map_or(i64::MIN, |v| -1 - v),
                    _ => return Err(self.wrong(&e_head, "an integer exponent")),
                };
                let m_head = self.head()?;
                let mantissa = self.big_integer(m_head)?;
                if array.header == Header::Array(None) && !self.cur.at_break().map_err(|e| self.cbor_error(e))? {
                    return Err(self.wrong(&array, "a decimal fraction of 2 items"));
                }
                self.cur.leave();
                self.cur.leave();
                (mantissa, exponent)
            }
            Header::Tag(cbor_tag::POSITIVE_BIGNUM | cbor_tag::NEGATIVE_BIGNUM)
            | Header::Positive(_)
            | Header::Negative(_) => (self.big_integer(head)?, 0),
            _ => return Err(self.wrong(&head, "an exact decimal (an integer or a decimal fraction)")),
        };
        let inexact = |message: String| DecodeError::InexactDecimal { at: self.at(head.offset), message };
        if exponent > 0 {
            // A whole number: the mantissa times 10^exponent, scale 0.
            let value = u32::try_from(exponent)
                .ok()
                .and_then(|e| 10i128.checked_pow(e))
                .and_then(|p| mantissa.checked_mul(p))
                .ok_or_else(|| inexact(format!("{mantissa}e{exponent} is beyond 96 bits")))?;
            return Decimal::try_from_i128_with_scale(value, 0)
                .map_err(|_| inexact(format!("{mantissa}e{exponent} is beyond 96 bits")));
        }
        let scale = u32::try_from(exponent.unsigned_abs())
            .ok()
            .filter(|s| *s <= Decimal::MAX_SCALE)
            .ok_or_else(|| inexact(format!("the exponent {exponent}: an exact decimal has at most 28 places")))?;
        Decimal::try_from_i128_with_scale(mantissa, scale)
            .map_err(|_| inexact(format!("the mantissa {mantissa} is beyond 96 bits")))
    }

    fn quantity(&mut self) -> Result<Quantity> {
        let head = self.head()?;
        if let Header::Text(_) = head.header {
            let text = self.text_after(head)?;
            return if text == UNLIMITED {
                Ok(Quantity::Unlimited)
            } else {
                Err(DecodeError::WrongType {
                    at: self.at(head.offset),
                    expected: "an exact decimal or \"unlimited\"",
                    found: format!("the text {text:?}"),
                })
            };
        }
        self.decimal_after(head).map(Quantity::Exact)
    }

    /// A name of an open vocabulary: a code it has, or any text.
    fn open_name(&mut self, vocabulary: Vocabulary) -> Result<String> {
        let head = self.head()?;
        self.open_name_after(head, vocabulary)
    }

    fn open_name_after(&mut self, head: Head, vocabulary: Vocabulary) -> Result<String> {
        match head.header {
            Header::Text(_) => self.text_after(head),
            Header::Positive(c) => vocabulary.name_of(c).map(str::to_owned).ok_or_else(|| DecodeError::UnknownValue {
                at: self.at(head.offset),
                vocabulary: vocabulary.name,
                value: c.to_string(),
            }),
            _ => Err(self.wrong(&head, "a code or a text")),
        }
    }

    /// A name of a vocabulary that has no text escape: a code it has, or one of its names.
    fn closed_name(&mut self, vocabulary: Vocabulary) -> Result<&'static str> {
        let head = self.head()?;
        let unknown = |d: &Self, value: String| DecodeError::UnknownValue {
            at: d.at(head.offset),
            vocabulary: vocabulary.name,
            value,
        };
        match head.header {
            Header::Positive(c) => vocabulary.name_of(c).ok_or_else(|| unknown(self, c.to_string())),
            Header::Text(_) => {
                let text = self.text_after(head)?;
                vocabulary
                    .code(&text)
                    .and_then(|c| vocabulary.name_of(c))
                    .ok_or_else(|| unknown(self, format!("{text:?}")))
            }
            _ => Err(self.wrong(&head, "a code")),
        }
    }

    pub(crate) fn ent(&mut self) -> Result<Ent> {
        let head = self.head()?;
        let mut e = Ent::default();
        self.map(head, |d, k, _| {
            match k.known() {
                Some(key::ENT_ID) => e.ent_id = d.text()?,
                Some(key::VERSION) => e.version = Some(d.text()?),
                Some(key::REVISION) => e.revision = Some(d.u32()?),
                Some(key::NAME) => e.name = Some(d.text()?),
                Some(key::LANG) => e.lang = Some(d.text()?),
                Some(key::ENTITIES) => e.entities = d.array(Self::entity)?,
                Some(key::LINKS) => e.links = d.array(Self::link)?,
                Some(key::META) => e.meta = d.array(Self::meta)?,
                Some(key::PRODUCTS) => e.products = d.array(Self::product)?,
                Some(key::QUANTITY) => e.quantity = Some(d.quantity()?),
                Some(key::METRIC) => {
                    let h = d.head()?;
                    e.metric = Some(d.metric(h)?);
                }
                Some(key::RIGHTS) => e.rights = d.array(Self::right)?,
                Some(key::LIMITATIONS) => e.limitations = d.array(Self::limitation)?,
                Some(key::TERMS) => e.terms = d.array(Self::term)?,
                Some(key::COSTS) => e.costs = d.array(Self::cost)?,
                _ => d.keep(k, &mut e.extensions.entries)?,
            }
            Ok(())
        })?;
        Ok(e)
    }

    fn entity(&mut self, head: Head) -> Result<Entity> {
        let mut e = Entity::default();
        self.map(head, |d, k, _| {
            match k.known() {
                Some(key::NAME) => e.name = d.text()?,
                Some(key::REGID) => e.regid = Some(d.text()?),
                Some(key::ROLES) => {
                    e.roles = d.array(|d, h| d.open_name_after(h, code::ROLE).map(|n| Role::from_name(&n)))?;
                }
                _ => d.keep(k, &mut e.extensions.entries)?,
            }
            Ok(())
        })?;
        Ok(e)
    }

    fn link(&mut self, head: Head) -> Result<Link> {
        let (mut href, mut rel, mut media_type) = (None, None, None);
        let mut extensions = iso19770_core::Extensions::default();
        self.map(head, |d, k, _| {
            match k.known() {
                Some(key::HREF) => href = Some(d.text()?),
                Some(key::REL) => rel = Some(Rel::from_name(&d.open_name(code::REL)?)),
                Some(key::MEDIA_TYPE) => media_type = Some(d.text()?),
                _ => d.keep(k, &mut extensions.entries)?,
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
            let slot = match k.known() {
                Some(key::SKU) => &mut m.sku,
                Some(key::PURCHASE_ORDER) => &mut m.purchase_order,
                Some(key::PURCHASE_ORDER_LINE) => &mut m.purchase_order_line,
                Some(key::INVOICE) => &mut m.invoice,
                Some(key::AGREEMENT) => &mut m.agreement,
                Some(key::CONTRACT) => &mut m.contract,
                Some(key::AGREEMENT_TYPE) => &mut m.agreement_type,
                Some(key::PURCHASE_DATE) => {
                    m.purchase_date = Some(d.date()?);
                    return Ok(());
                }
                _ => return d.keep(k, &mut m.extensions.entries),
            };
            *slot = Some(d.text()?);
            Ok(())
        })?;
        Ok(m)
    }

    fn product(&mut self, head: Head) -> Result<EntitledProduct> {
        let mut p = EntitledProduct::default();
        self.map(head, |d, k, _| {
            match k.known() {
                Some(key::TAG_ID) => p.tag_id = Some(d.text()?),
                Some(key::REGID) => p.regid = Some(d.text()?),
                Some(key::PRODUCT) => p.product = Some(d.text()?),
                Some(key::EDITION) => p.edition = Some(d.text()?),
                Some(key::VERSIONS) => {
                    let h = d.head()?;
                    let mut v = VersionRange::default();
                    d.map(h, |d, k, offset| {
                        match k.known() {
                            Some(key::FROM) => v.from = Some(d.text()?),
                            Some(key::TO) => v.to = Some(d.text()?),
                            _ => return Err(d.refuse(k, offset)),
                        }
                        Ok(())
                    })?;
                    p.versions = Some(v);
                }
                _ => d.keep(k, &mut p.extensions.entries)?,
            }
            Ok(())
        })?;
        Ok(p)
    }

    fn parameter(&mut self, head: Head) -> Result<Parameter> {
        let (mut name, mut value) = (None, None);
        self.map(head, |d, k, offset| {
            match k.known() {
                Some(key::NAME) => name = Some(d.text()?),
                Some(key::VALUE) => value = Some(d.text()?),
                _ => return Err(d.refuse(k, offset)),
            }
            Ok(())
        })?;
        let name = name.ok_or_else(|| self.missing("name", head.offset))?;
        let value = value.ok_or_else(|| self.missing("value", head.offset))?;
        Ok(Parameter { name, value })
    }

    fn core_factor(&mut self, head: Head) -> Result<CoreFactor> {
        let (mut class, mut factor) = (None, None);
        self.map(head, |d, k, offset| {
            match k.known() {
                Some(key::PROCESSOR_CLASS) => class = Some(d.text()?),
                Some(key::FACTOR) => factor = Some(d.decimal()?),
                _ => return Err(d.refuse(k, offset)),
            }
            Ok(())
        })?;
        let processor_class = class.ok_or_else(|| self.missing("processorClass", head.offset))?;
        let factor = factor.ok_or_else(|| self.missing("factor", head.offset))?;
        Ok(CoreFactor { processor_class, factor })
    }

    fn pvu_rating(&mut self, head: Head) -> Result<PvuRating> {
        let (mut class, mut pvu) = (None, None);
        self.map(head, |d, k, offset| {
            match k.known() {
                Some(key::PROCESSOR_CLASS) => class = Some(d.text()?),
                Some(key::PVU_PER_CORE) => pvu = Some(d.u32()?),
                _ => return Err(d.refuse(k, offset)),
            }
            Ok(())
        })?;
        let processor_class = class.ok_or_else(|| self.missing("processorClass", head.offset))?;
        let pvu_per_core = pvu.ok_or_else(|| self.missing("pvuPerCore", head.offset))?;
        Ok(PvuRating { processor_class, pvu_per_core })
    }

    /// Reads the map of a metric, right or limitation: every key of all three, typed by key;
    /// the variant is built from them afterwards (the `type` key may come after the others).
    fn typed(&mut self, head: Head, vocabulary: Vocabulary, allowed: &[u64]) -> Result<Typed> {
        let mut t = Typed { offset: head.offset, path: self.path(), ..Typed::default() };
        self.map(head, |d, k, offset| {
            let Some(k_num) = k.known().filter(|k| allowed.contains(k)) else {
                return Err(d.refuse(k, offset));
            };
            let value = match k_num {
                key::TYPE => Field::Name(d.closed_name(vocabulary)?),
                key::NAME | key::UNIT | key::PERIOD | key::LOWEST_VERSION => Field::Text(d.text()?),
                key::PARAMS => Field::Params(d.array(Self::parameter)?),
                key::SUB_CAPACITY | key::UNLIMITED_VMS | key::HOST_LICENSING | key::TO_THIRD_PARTY => {
                    Field::Bool(d.bool()?)
                }
                key::CORE_FACTORS => Field::CoreFactors(d.array(Self::core_factor)?),
                key::DEFAULT_FACTOR => Field::Decimal(d.decimal()?),
                key::PVU_PER_CORE => Field::Pvu(d.array(Self::pvu_rating)?),
                key::ACCESS_BY => Field::Name(d.closed_name(code::ACCESS_BY)?),
                key::EDITIONS | key::COUNTRIES | key::REGIONS | key::UNITS => Field::Texts(d.texts()?),
                key::ENVIRONMENTS => Field::Environments(
                    d.array(|d, h| d.open_name_after(h, code::ENVIRONMENT).map(|n| Environment::from_name(&n)))?,
                ),
                key::UNTIL | key::START | key::END => Field::Date(d.date()?),
                _ => Field::U32(d.u32()?),
            };
            t.fields.push((k_num, offset, value));
            Ok(())
        })?;
        Ok(t)
    }

    fn metric(&mut self, head: Head) -> Result<Metric> {
        const ALLOWED: &[u64] = &[
            key::TYPE,
            key::NAME,
            key::PARAMS,
            key::MINIMUM_PER_PROCESSOR,
            key::MINIMUM_PER_SERVER,
            key::PACK_SIZE,
            key::CORES_PER_LICENCE,
            key::SOCKETS_PER_LICENCE,
            key::CORE_FACTORS,
            key::DEFAULT_FACTOR,
            key::PVU_PER_CORE,
            key::DEFAULT_PVU_PER_CORE,
            key::SUB_CAPACITY,
            key::ACCESS_BY,
            key::UNIT,
            key::PERIOD,
        ];
        let mut t = self.typed(head, code::METRIC, ALLOWED)?;
        let metric = match t.kind()? {
            "perInstallation" => Metric::PerInstallation,
            "perDevice" => Metric::PerDevice,
            "namedUser" => Metric::NamedUser { minimum_per_processor: t.u32(key::MINIMUM_PER_PROCESSOR) },
            "concurrentUser" => Metric::ConcurrentUser,
            "perCore" => Metric::PerCore {
                minimum_per_processor: t.u32(key::MINIMUM_PER_PROCESSOR),
                minimum_per_server: t.u32(key::MINIMUM_PER_SERVER),
                pack_size: t.u32(key::PACK_SIZE),
            },
            "perProcessor" => Metric::PerProcessor { cores_per_licence: t.u32(key::CORES_PER_LICENCE) },
            "perSocket" => Metric::PerSocket { sockets_per_licence: t.u32(key::SOCKETS_PER_LICENCE) },
            "processorCoreFactor" => Metric::ProcessorCoreFactor {
                core_factors: match t.take(key::CORE_FACTORS) {
                    Some(Field::CoreFactors(c)) => c,
                    _ => return Err(t.missing("coreFactors")),
                },
                default_factor: match t.take(key::DEFAULT_FACTOR) {
                    Some(Field::Decimal(d)) => Some(d),
                    _ => None,
                },
            },
            "processorValueUnit" => Metric::ProcessorValueUnit {
                pvu_per_core: match t.take(key::PVU_PER_CORE) {
                    Some(Field::Pvu(p)) => p,
                    _ => return Err(t.missing("pvuPerCore")),
                },
                default_pvu_per_core: t.u32(key::DEFAULT_PVU_PER_CORE),
                sub_capacity: t.flag(key::SUB_CAPACITY),
            },
            "clientAccess" => Metric::ClientAccess {
                access_by: match t.take(key::ACCESS_BY) {
                    Some(Field::Name("device")) => AccessBy::Device,
                    Some(Field::Name(_)) => AccessBy::User,
                    _ => return Err(t.missing("accessBy")),
                },
            },
            "site" => Metric::Site,
            "enterprise" => Metric::Enterprise,
            "unlimited" => Metric::Unlimited,
            "consumption" => Metric::Consumption {
                unit: t.text(key::UNIT).ok_or_else(|| t.missing("unit"))?,
                period: t.text(key::PERIOD),
            },
            _ => {
                let (name, params) = t.other()?;
                Metric::Other { name, params }
            }
        };
        t.finish()?;
        Ok(metric)
    }

    fn right(&mut self, head: Head) -> Result<Right> {
        const ALLOWED: &[u64] = &[
            key::TYPE,
            key::NAME,
            key::PARAMS,
            key::LOWEST_VERSION,
            key::EDITIONS,
            key::UNTIL,
            key::COPIES,
            key::PER_LICENCE,
            key::VMS_PER_LICENCE,
            key::UNLIMITED_VMS,
            key::HOST_LICENSING,
            key::MINIMUM_DAYS_BETWEEN,
            key::TO_THIRD_PARTY,
        ];
        let mut t = self.typed(head, code::RIGHT, ALLOWED)?;
        let right = match t.kind()? {
            "downgrade" => {
                Right::Downgrade { lowest_version: t.text(key::LOWEST_VERSION), editions: t.texts(key::EDITIONS) }
            }
            "upgrade" => Right::Upgrade { until: t.date(key::UNTIL) },
            "secondUse" => Right::SecondUse { copies: t.u32(key::COPIES) },
            "multipleInstalls" => {
                Right::MultipleInstalls { per_licence: t.u32(key::PER_LICENCE).ok_or_else(|| t.missing("perLicence"))? }
            }
            "virtualization" => Right::Virtualization {
                vms_per_licence: t.u32(key::VMS_PER_LICENCE),
                unlimited_vms: t.flag(key::UNLIMITED_VMS),
                host_licensing: t.flag(key::HOST_LICENSING),
            },
            "transfer" => Right::Transfer {
                minimum_days_between: t.u32(key::MINIMUM_DAYS_BETWEEN),
                to_third_party: t.flag(key::TO_THIRD_PARTY),
            },
            _ => {
                let (name, params) = t.other()?;
                Right::Other { name, params }
            }
        };
        t.finish()?;
        Ok(right)
    }

    fn limitation(&mut self, head: Head) -> Result<Limitation> {
        const ALLOWED: &[u64] = &[
            key::TYPE,
            key::NAME,
            key::PARAMS,
            key::START,
            key::END,
            key::COUNTRIES,
            key::REGIONS,
            key::ENVIRONMENTS,
            key::UNITS,
        ];
        let mut t = self.typed(head, code::LIMITATION, ALLOWED)?;
        let limitation = match t.kind()? {
            "period" => Limitation::Period { start: t.date(key::START), end: t.date(key::END) },
            "geography" => Limitation::Geography { countries: t.texts(key::COUNTRIES), regions: t.texts(key::REGIONS) },
            "environment" => Limitation::Environment {
                environments: match t.take(key::ENVIRONMENTS) {
                    Some(Field::Environments(e)) => e,
                    _ => return Err(t.missing("environments")),
                },
            },
            "organization" => Limitation::Organization {
                units: match t.take(key::UNITS) {
                    Some(Field::Texts(u)) => u,
                    _ => return Err(t.missing("units")),
                },
            },
            _ => {
                let (name, params) = t.other()?;
                Limitation::Other { name, params }
            }
        };
        t.finish()?;
        Ok(limitation)
    }

    fn term(&mut self, head: Head) -> Result<Term> {
        let (mut kind, mut start, mut end) = (None, None, None);
        self.map(head, |d, k, offset| {
            match k.known() {
                Some(key::KIND) => kind = Some(TermKind::from_name(&d.open_name(code::TERM_KIND)?)),
                Some(key::START) => start = Some(d.date()?),
                Some(key::END) => end = Some(d.date()?),
                _ => return Err(d.refuse(k, offset)),
            }
            Ok(())
        })?;
        let kind = kind.ok_or_else(|| self.missing("kind", head.offset))?;
        Ok(Term { kind, start, end })
    }

    fn cost(&mut self, head: Head) -> Result<Cost> {
        let (mut amount, mut currency, mut basis) = (None, None, CostBasis::Total);
        self.map(head, |d, k, offset| {
            match k.known() {
                Some(key::AMOUNT) => amount = Some(d.decimal()?),
                Some(key::CURRENCY) => currency = Some(d.text()?),
                Some(key::BASIS) => {
                    basis = match d.closed_name(code::COST_BASIS)? {
                        "perUnit" => CostBasis::PerUnit,
                        "perPeriod" => CostBasis::PerPeriod,
                        _ => CostBasis::Total,
                    };
                }
                _ => return Err(d.refuse(k, offset)),
            }
            Ok(())
        })?;
        let amount = amount.ok_or_else(|| self.missing("amount", head.offset))?;
        let currency = currency.ok_or_else(|| self.missing("currency", head.offset))?;
        Ok(Cost { amount, currency, basis })
    }
}

/// A value read from the map of a metric, right or limitation.
enum Field {
    /// A code's name (`type`, `accessBy`).
    Name(&'static str),
    Text(String),
    Texts(Vec<String>),
    U32(u32),
    Bool(bool),
    Decimal(Decimal),
    Date(DateTime),
    Params(Vec<Parameter>),
    CoreFactors(Vec<CoreFactor>),
    Pvu(Vec<PvuRating>),
    Environments(Vec<Environment>),
}

/// The entries of the map of a metric, right or limitation, taken one by one as the variant
/// is built; any left over does not belong to the variant.
#[derive(Default)]
struct Typed {
    /// The map's head.
    offset: usize,
    /// The map's path.
    path: Path,
    /// Each key with its offset and value.
    fields: Vec<(u64, usize, Field)>,
}

impl Typed {
    fn take(&mut self, k: u64) -> Option<Field> {
        let i = self.fields.iter().position(|f| f.0 == k)?;
        Some(self.fields.remove(i).2)
    }

    fn missing(&self, name: &'static str) -> DecodeError {
        DecodeError::MissingKey {
            at: Box::new(Location::new(Position::bytes(self.offset as u64), self.path.clone())),
            key: name,
        }
    }

    /// The name of the `type`.
    fn kind(&mut self) -> Result<&'static str> {
        match self.take(key::TYPE) {
            Some(Field::Name(n)) => Ok(n),
            _ => Err(self.missing("type")),
        }
    }

    fn u32(&mut self, k: u64) -> Option<u32> {
        match self.take(k) {
            Some(Field::U32(v)) => Some(v),
            _ => None,
        }
    }

    fn flag(&mut self, k: u64) -> bool {
        matches!(self.take(k), Some(Field::Bool(true)))
    }

    fn text(&mut self, k: u64) -> Option<String> {
        match self.take(k) {
            Some(Field::Text(t)) => Some(t),
            _ => None,
        }
    }

    fn texts(&mut self, k: u64) -> Vec<String> {
        match self.take(k) {
            Some(Field::Texts(t)) => t,
            _ => Vec::new(),
        }
    }

    fn date(&mut self, k: u64) -> Option<DateTime> {
        match self.take(k) {
            Some(Field::Date(d)) => Some(d),
            _ => None,
        }
    }

    /// The name and parameters of an `other` one.
    fn other(&mut self) -> Result<(String, Vec<Parameter>)> {
        let name = self.text(key::NAME).ok_or_else(|| self.missing("name"))?;
        let params = match self.take(key::PARAMS) {
            Some(Field::Params(p)) => p,
            _ => Vec::new(),
        };
        Ok((name, params))
    }

    /// Refuses a key left over: it does not belong to the variant.
    fn finish(self) -> Result<()> {
        match self.fields.first() {
            Some((k, offset, _)) => {
                let name = key::name(*k).unwrap_or("?");
                Err(DecodeError::UnknownKey {
                    at: Box::new(Location::new(
                        Position::bytes(*offset as u64),
                        self.path.join(PathSegment::key(name)),
                    )),
                    key: name.to_owned(),
                })
            }
            None => Ok(()),
        }
    }
}
