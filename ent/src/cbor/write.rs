//! Encoding an Ent: deterministic CBOR (definite lengths, shortest heads, sorted keys).

use crate::error::EncodeError;
use crate::model::{
    AccessBy, CoreFactor, Cost, CostBasis, Ent, EntitledProduct, Entity, Limitation, Link, Meta, Metric, Parameter,
    PvuRating, Quantity, Right, Term, VersionRange,
};
use crate::registry::code::{self, Vocabulary};
use crate::registry::{UNLIMITED, key};
use iso19770_core::cbor::{Encoder, KeyPath, SortedMap, Writer};
use iso19770_core::{DateTime, Extensions};
use rust_decimal::Decimal;

type Result<T> = std::result::Result<T, EncodeError>;

/// The encoder: the path, for errors.
struct Enc(KeyPath);

impl Encoder for Enc {
    type Error = EncodeError;

    fn key_path(&self) -> &KeyPath {
        &self.0
    }

    fn key_path_mut(&mut self) -> &mut KeyPath {
        &mut self.0
    }
}

impl Enc {
    fn unsigned(&mut self, map: &mut SortedMap, k: u64, value: Option<u32>) -> Result<()> {
        self.put_some(map, k, value.map(u64::from), Writer::unsigned)
    }

    /// A flag, written only when true.
    fn flag(&mut self, map: &mut SortedMap, k: u64, value: bool) -> Result<()> {
        self.put_some(map, k, value.then_some(true), Writer::bool)
    }

    fn date(&mut self, map: &mut SortedMap, k: u64, value: Option<&DateTime>) -> Result<()> {
        self.text(map, k, value.map(DateTime::as_str))
    }

    fn decimal(&mut self, map: &mut SortedMap, k: u64, value: Option<Decimal>) -> Result<()> {
        self.put_some(map, k, value, Writer::decimal)
    }

    /// A list of texts; an empty one is left out unless `always`.
    fn texts(&mut self, map: &mut SortedMap, k: u64, items: &[String], always: bool) -> Result<()> {
        self.array(map, k, items, always, |_, t, w| {
            w.text(t);
            Ok(())
        })
    }

    /// An array; an empty one is left out unless `always`.
    fn array<T>(
        &mut self,
        map: &mut SortedMap,
        k: u64,
        items: &[T],
        always: bool,
        item: impl FnMut(&mut Self, &T, &mut Writer) -> Result<()>,
    ) -> Result<()> {
        if items.is_empty() && !always {
            return Ok(());
        }
        self.put(map, k, |enc, w| enc.items(w, items, item))
    }

    /// A value of an open vocabulary: its code, or its text.
    fn open(&mut self, map: &mut SortedMap, k: u64, vocabulary: Vocabulary, name: &str) -> Result<()> {
        self.put(map, k, |_, w| {
            write_open(w, vocabulary, name);
            Ok(())
        })
    }

    /// A code of a vocabulary whose names all have one.
    fn code(&mut self, map: &mut SortedMap, k: u64, vocabulary: Vocabulary, name: &str) -> Result<()> {
        self.put(map, k, |enc, w| {
            let c = vocabulary.code(name).ok_or_else(|| EncodeError::NotRepresentable {
                path: enc.path(),
                what: format!("the {} {name:?} (no code)", vocabulary.name),
                format: "CBOR",
            })?;
            w.unsigned(c);
            Ok(())
        })
    }

    /// The entries kept in `extensions`, after the map's own; XML-only content is refused.
    fn extensions(&mut self, map: &mut SortedMap, ext: &Extensions) -> Result<()> {
        if let Some(what) = ext.xml_only() {
            return Err(EncodeError::NotRepresentable { path: self.path(), what, format: "CBOR" });
        }
        map.push_entries(&ext.entries)
            .map_err(|label| EncodeError::DuplicateKey { path: self.path(), key: label.to_string() })
    }

    fn ent(&mut self, e: &Ent, w: &mut Writer) -> Result<()> {
        let mut map = SortedMap::new();
        self.text(&mut map, key::ENT_ID, Some(&e.ent_id))?;
        self.text(&mut map, key::VERSION, e.version.as_deref())?;
        self.unsigned(&mut map, key::REVISION, e.revision)?;
        self.text(&mut map, key::NAME, e.name.as_deref())?;
        self.text(&mut map, key::LANG, e.lang.as_deref())?;
        self.array(&mut map, key::ENTITIES, &e.entities, false, Self::entity)?;
        self.array(&mut map, key::LINKS, &e.links, false, Self::link)?;
        self.array(&mut map, key::META, &e.meta, false, Self::meta)?;
        self.array(&mut map, key::PRODUCTS, &e.products, false, Self::product)?;
        if let Some(q) = e.quantity {
            self.put(&mut map, key::QUANTITY, |_, w| {
                match q {
                    Quantity::Exact(d) => w.decimal(d),
                    Quantity::Unlimited => w.text(UNLIMITED),
                }
                Ok(())
            })?;
        }
        if let Some(m) = &e.metric {
            self.put(&mut map, key::METRIC, |enc, w| enc.metric(m, w))?;
        }
        self.array(&mut map, key::RIGHTS, &e.rights, false, Self::right)?;
        self.array(&mut map, key::LIMITATIONS, &e.limitations, false, Self::limitation)?;
        self.array(&mut map, key::TERMS, &e.terms, false, Self::term)?;
        self.array(&mut map, key::COSTS, &e.costs, false, Self::cost)?;
        self.extensions(&mut map, &e.extensions)?;
        map.finish(w);
        Ok(())
    }

    fn entity(&mut self, e: &Entity, w: &mut Writer) -> Result<()> {
        let mut map = SortedMap::new();
        self.text(&mut map, key::NAME, Some(&e.name))?;
        self.text(&mut map, key::REGID, e.regid.as_deref())?;
        self.array(&mut map, key::ROLES, &e.roles, false, |_, r, w| {
            write_open(w, code::ROLE, r.as_str());
            Ok(())
        })?;
        self.extensions(&mut map, &e.extensions)?;
        map.finish(w);
        Ok(())
    }

    fn link(&mut self, l: &Link, w: &mut Writer) -> Result<()> {
        let mut map = SortedMap::new();
        self.text(&mut map, key::HREF, Some(&l.href))?;
        self.open(&mut map, key::REL, code::REL, l.rel.as_str())?;
        self.text(&mut map, key::MEDIA_TYPE, l.media_type.as_deref())?;
        self.extensions(&mut map, &l.extensions)?;
        map.finish(w);
        Ok(())
    }

    fn meta(&mut self, m: &Meta, w: &mut Writer) -> Result<()> {
        let mut map = SortedMap::new();
        self.text(&mut map, key::SKU, m.sku.as_deref())?;
        self.text(&mut map, key::PURCHASE_ORDER, m.purchase_order.as_deref())?;
        self.text(&mut map, key::PURCHASE_ORDER_LINE, m.purchase_order_line.as_deref())?;
        self.text(&mut map, key::INVOICE, m.invoice.as_deref())?;
        self.text(&mut map, key::AGREEMENT, m.agreement.as_deref())?;
        self.text(&mut map, key::CONTRACT, m.contract.as_deref())?;
        self.text(&mut map, key::AGREEMENT_TYPE, m.agreement_type.as_deref())?;
        self.date(&mut map, key::PURCHASE_DATE, m.purchase_date.as_ref())?;
        self.extensions(&mut map, &m.extensions)?;
        map.finish(w);
        Ok(())
    }

    fn product(&mut self, p: &EntitledProduct, w: &mut Writer) -> Result<()> {
        let mut map = SortedMap::new();
        self.text(&mut map, key::TAG_ID, p.tag_id.as_deref())?;
        self.text(&mut map, key::REGID, p.regid.as_deref())?;
        self.text(&mut map, key::PRODUCT, p.product.as_deref())?;
        self.text(&mut map, key::EDITION, p.edition.as_deref())?;
        if let Some(v) = &p.versions {
            self.put(&mut map, key::VERSIONS, |enc, w| enc.versions(v, w))?;
        }
        self.extensions(&mut map, &p.extensions)?;
        map.finish(w);
        Ok(())
    }

    fn versions(&mut self, v: &VersionRange, w: &mut Writer) -> Result<()> {
        let mut map = SortedMap::new();
        self.text(&mut map, key::FROM, v.from.as_deref())?;
        self.text(&mut map, key::TO, v.to.as_deref())?;
        map.finish(w);
        Ok(())
    }

    fn parameter(&mut self, p: &Parameter, w: &mut Writer) -> Result<()> {
        let mut map = SortedMap::new();
        self.text(&mut map, key::NAME, Some(&p.name))?;
        self.text(&mut map, key::VALUE, Some(&p.value))?;
        map.finish(w);
        Ok(())
    }

    /// The `type` of a metric, right or limitation; `other` with its name and parameters.
    fn kind(
        &mut self,
        map: &mut SortedMap,
        vocabulary: Vocabulary,
        other: Option<(&str, &[Parameter])>,
        name: &str,
    ) -> Result<()> {
        match other {
            Some((name, params)) => {
                self.code(map, key::TYPE, vocabulary, "other")?;
                self.text(map, key::NAME, Some(name))?;
                self.array(map, key::PARAMS, params, false, Self::parameter)
            }
            None => self.code(map, key::TYPE, vocabulary, name),
        }
    }

    fn metric(&mut self, m: &Metric, w: &mut Writer) -> Result<()> {
        let mut map = SortedMap::new();
        let other = match m {
            Metric::Other { name, params } => Some((name.as_str(), params.as_slice())),
            _ => None,
        };
        self.kind(&mut map, code::METRIC, other, m.name())?;
        match m {
            Metric::PerInstallation
            | Metric::PerDevice
            | Metric::ConcurrentUser
            | Metric::Site
            | Metric::Enterprise
            | Metric::Unlimited
            | Metric::Other { .. } => {}
            Metric::NamedUser { minimum_per_processor } => {
                self.unsigned(&mut map, key::MINIMUM_PER_PROCESSOR, *minimum_per_processor)?;
            }
            Metric::PerCore { minimum_per_processor, minimum_per_server, pack_size } => {
                self.unsigned(&mut map, key::MINIMUM_PER_PROCESSOR, *minimum_per_processor)?;
                self.unsigned(&mut map, key::MINIMUM_PER_SERVER, *minimum_per_server)?;
                self.unsigned(&mut map, key::PACK_SIZE, *pack_size)?;
            }
            Metric::PerProcessor { cores_per_licence } => {
                self.unsigned(&mut map, key::CORES_PER_LICENCE, *cores_per_licence)?;
            }
            Metric::PerSocket { sockets_per_licence } => {
                self.unsigned(&mut map, key::SOCKETS_PER_LICENCE, *sockets_per_licence)?;
            }
            Metric::ProcessorCoreFactor { core_factors, default_factor } => {
                self.array(&mut map, key::CORE_FACTORS, core_factors, true, Self::core_factor)?;
                self.decimal(&mut map, key::DEFAULT_FACTOR, *default_factor)?;
            }
            Metric::ProcessorValueUnit { pvu_per_core, default_pvu_per_core, sub_capacity } => {
                self.array(&mut map, key::PVU_PER_CORE, pvu_per_core, true, Self::pvu_rating)?;
                self.unsigned(&mut map, key::DEFAULT_PVU_PER_CORE, *default_pvu_per_core)?;
                self.flag(&mut map, key::SUB_CAPACITY, *sub_capacity)?;
            }
            Metric::ClientAccess { access_by } => {
                let name = match access_by {
                    AccessBy::User => "user",
                    AccessBy::Device => "device",
                };
                self.code(&mut map, key::ACCESS_BY, code::ACCESS_BY, name)?;
            }
            Metric::Consumption { unit, period } => {
                self.text(&mut map, key::UNIT, Some(unit))?;
                self.text(&mut map, key::PERIOD, period.as_deref())?;
            }
        }
        map.finish(w);
        Ok(())
    }

    fn core_factor(&mut self, c: &CoreFactor, w: &mut Writer) -> Result<()> {
        let mut map = SortedMap::new();
        self.text(&mut map, key::PROCESSOR_CLASS, Some(&c.processor_class))?;
        self.decimal(&mut map, key::FACTOR, Some(c.factor))?;
        map.finish(w);
        Ok(())
    }

    fn pvu_rating(&mut self, p: &PvuRating, w: &mut Writer) -> Result<()> {
        let mut map = SortedMap::new();
        self.text(&mut map, key::PROCESSOR_CLASS, Some(&p.processor_class))?;
        self.unsigned(&mut map, key::PVU_PER_CORE, Some(p.pvu_per_core))?;
        map.finish(w);
        Ok(())
    }

    fn right(&mut self, r: &Right, w: &mut Writer) -> Result<()> {
        let mut map = SortedMap::new();
        let other = match r {
            Right::Other { name, params } => Some((name.as_str(), params.as_slice())),
            _ => None,
        };
        self.kind(&mut map, code::RIGHT, other, r.name())?;
        match r {
            Right::Downgrade { lowest_version, editions } => {
                self.text(&mut map, key::LOWEST_VERSION, lowest_version.as_deref())?;
                self.texts(&mut map, key::EDITIONS, editions, false)?;
            }
            Right::Upgrade { until } => self.date(&mut map, key::UNTIL, until.as_ref())?,
            Right::SecondUse { copies } => self.unsigned(&mut map, key::COPIES, *copies)?,
            Right::MultipleInstalls { per_licence } => self.unsigned(&mut map, key::PER_LICENCE, Some(*per_licence))?,
            Right::Virtualization { vms_per_licence, unlimited_vms, host_licensing } => {
                self.unsigned(&mut map, key::VMS_PER_LICENCE, *vms_per_licence)?;
                self.flag(&mut map, key::UNLIMITED_VMS, *unlimited_vms)?;
                self.flag(&mut map, key::HOST_LICENSING, *host_licensing)?;
            }
            Right::Transfer { minimum_days_between, to_third_party } => {
                self.unsigned(&mut map, key::MINIMUM_DAYS_BETWEEN, *minimum_days_between)?;
                self.flag(&mut map, key::TO_THIRD_PARTY, *to_third_party)?;
            }
            Right::Other { .. } => {}
        }
        map.finish(w);
        Ok(())
    }

    fn limitation(&mut self, l: &Limitation, w: &mut Writer) -> Result<()> {
        let mut map = SortedMap::new();
        let other = match l {
            Limitation::Other { name, params } => Some((name.as_str(), params.as_slice())),
            _ => None,
        };
        self.kind(&mut map, code::LIMITATION, other, l.name())?;
        match l {
            Limitation::Period { start, end } => {
                self.date(&mut map, key::START, start.as_ref())?;
                self.date(&mut map, key::END, end.as_ref())?;
            }
            Limitation::Geography { countries, regions } => {
                self.texts(&mut map, key::COUNTRIES, countries, false)?;
                self.texts(&mut map, key::REGIONS, regions, false)?;
            }
            Limitation::Environment { environments } => {
                self.array(&mut map, key::ENVIRONMENTS, environments, true, |_, e, w| {
                    write_open(w, code::ENVIRONMENT, e.as_str());
                    Ok(())
                })?;
            }
            Limitation::Organization { units } => self.texts(&mut map, key::UNITS, units, true)?,
            Limitation::Other { .. } => {}
        }
        map.finish(w);
        Ok(())
    }

    fn term(&mut self, t: &Term, w: &mut Writer) -> Result<()> {
        let mut map = SortedMap::new();
        self.open(&mut map, key::KIND, code::TERM_KIND, t.kind.as_str())?;
        self.date(&mut map, key::START, t.start.as_ref())?;
        self.date(&mut map, key::END, t.end.as_ref())?;
        map.finish(w);
        Ok(())
    }

    fn cost(&mut self, c: &Cost, w: &mut Writer) -> Result<()> {
        let mut map = SortedMap::new();
        self.decimal(&mut map, key::AMOUNT, Some(c.amount))?;
        self.text(&mut map, key::CURRENCY, Some(&c.currency))?;
        let basis = match c.basis {
            CostBasis::Total => "total",
            CostBasis::PerUnit => "perUnit",
            CostBasis::PerPeriod => "perPeriod",
        };
        self.code(&mut map, key::BASIS, code::COST_BASIS, basis)?;
        map.finish(w);
        Ok(())
    }
}

/// A name of an open vocabulary: its code, or its text when it has none.
fn write_open(w: &mut Writer, vocabulary: Vocabulary, name: &str) {
    vocabulary.write(w, name);
}

/// Encodes an Ent.
pub(crate) fn encode(ent: &Ent) -> Result<Vec<u8>> {
    let mut enc = Enc(KeyPath::new(key::name));
    let mut w = Writer::new();
    enc.ent(ent, &mut w)?;
    Ok(w.into_bytes())
}
