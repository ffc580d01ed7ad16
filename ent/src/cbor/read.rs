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
use iso19770_core::cbor::{CborEntry, Decoder, Head, MapKey, Reader};
use iso19770_core::{DateTime, Location, Path, PathSegment, Position};
use rust_decimal::Decimal;

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
    pub(crate) fn new(input: &'a [u8], options: CborDecodeOptions) -> Self {
        Dec(Reader::new(input, options.limits, key::name))
    }

    /// Keeps the value of a key the map has no field for.
    fn keep(&mut self, k: &MapKey<'_>, into: &mut Vec<CborEntry>) -> Result<()> {
        let head = self.head()?;
        let value = self.with_cursor(|c| c.value_after(head))?;
        into.push(CborEntry { label: k.label(), value });
        Ok(())
    }

    /// A key a map without extensions does not know.
    fn refuse(&self, k: &MapKey<'_>, offset: usize) -> DecodeError {
        // The path is the map's with the key (pushed by `map`).
        DecodeError::UnknownKey { at: self.at(offset), key: self.0.path.describe(k) }
    }

    fn missing(&self, name: &'static str, offset: usize) -> DecodeError {
        DecodeError::MissingKey { at: self.at(offset), key: name }
    }

    /// An array, each item read by `item`.
    fn array<T>(&mut self, item: impl FnMut(&mut Self, Head) -> Result<T>) -> Result<Vec<T>> {
        let head = self.head()?;
        self.items(head, item)
    }

    fn texts(&mut self) -> Result<Vec<String>> {
        self.array(Self::text_after)
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
                self.with_cursor(|c| c.enter(head.offset))?;
                let inner = self.head()?;
                let text = self.text_after(inner)?;
                self.0.cursor.leave();
                Ok(DateTime::new(text))
            }
            Header::Tag(cbor_tag::EPOCH_TIME) => {
                self.with_cursor(|c| c.enter(head.offset))?;
                let inner = self.head()?;
                let seconds = match inner.header {
                    Header::Positive(v) => i64::try_from(v).ok(),
                    Header::Negative(v) => i64::try_from(v).ok().map(|v| -1 - v),
                    _ => return Err(self.wrong(&inner, "integer seconds in tag 1")),
                }
                .ok_or_else(|| self.wrong(&inner, "seconds that fit 64 bits"))?;
                self.0.cursor.leave();
                Ok(DateTime::from_unix_seconds(seconds))
            }
            _ => Err(self.wrong(&head, "a date-time text")),
        }
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
        Decoder::open_name_after(self, head, &vocabulary, |d, offset, c| DecodeError::UnknownValue {
            at: d.at(offset),
            vocabulary: vocabulary.name,
            value: c.to_string(),
        })
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
            match k.as_u64() {
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
            match k.as_u64() {
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
            match k.as_u64() {
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
            let slot = match k.as_u64() {
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
            match k.as_u64() {
                Some(key::TAG_ID) => p.tag_id = Some(d.text()?),
                Some(key::REGID) => p.regid = Some(d.text()?),
                Some(key::PRODUCT) => p.product = Some(d.text()?),
                Some(key::EDITION) => p.edition = Some(d.text()?),
                Some(key::VERSIONS) => {
                    let h = d.head()?;
                    let mut v = VersionRange::default();
                    d.map(h, |d, k, offset| {
                        match k.as_u64() {
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
            match k.as_u64() {
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
            match k.as_u64() {
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
            match k.as_u64() {
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
            let Some(k_num) = k.as_u64().filter(|k| allowed.contains(k)) else {
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
            match k.as_u64() {
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
            match k.as_u64() {
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
