//! Encoding a RUM: deterministic CBOR (definite lengths, shortest heads, sorted keys).

use crate::error::EncodeError;
use crate::model::{Entity, Link, MeasuredAsset, Measurement, Meta, Rum};
use crate::registry::code::{self, Vocabulary};
use crate::registry::{cbor_tag, key};
use iso19770_core::cbor::{Encoder, KeyPath, SortedMap, Writer};
use iso19770_core::{Extensions, Timestamp};

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
    fn unsigned(&mut self, map: &mut SortedMap, k: u64, value: Option<u64>) -> Result<()> {
        self.put_some(map, k, value, Writer::unsigned)
    }

    fn timestamp(&mut self, map: &mut SortedMap, k: u64, value: Option<&Timestamp>) -> Result<()> {
        self.put_some(map, k, value, |w, t| match t {
            Timestamp::UnixSeconds(s) => {
                w.tag(cbor_tag::EPOCH_TIME);
                w.integer(*s);
            }
            Timestamp::DateTime(d) => w.text(d.as_str()),
        })
    }

    /// An array; an empty one is left out.
    fn array<T>(
        &mut self,
        map: &mut SortedMap,
        k: u64,
        items: &[T],
        item: impl FnMut(&mut Self, &T, &mut Writer) -> Result<()>,
    ) -> Result<()> {
        if items.is_empty() {
            return Ok(());
        }
        self.put(map, k, |enc, w| enc.items(w, items, item))
    }

    /// A value of an open vocabulary: its code, or its text.
    fn open(&mut self, map: &mut SortedMap, k: u64, vocabulary: Vocabulary, name: Option<&str>) -> Result<()> {
        self.put_some(map, k, name, |w, n| vocabulary.write(w, n))
    }

    /// The entries kept in `extensions`, after the map's own; XML-only content is refused.
    fn extensions(&mut self, map: &mut SortedMap, ext: &Extensions) -> Result<()> {
        if let Some(what) = ext.xml_only() {
            return Err(EncodeError::NotRepresentable { path: self.path(), what, format: "CBOR" });
        }
        map.push_entries(&ext.entries)
            .map_err(|label| EncodeError::DuplicateKey { path: self.path(), key: label.to_string() })
    }

    fn rum(&mut self, r: &Rum, w: &mut Writer) -> Result<()> {
        let mut map = SortedMap::new();
        self.text(&mut map, key::RUM_ID, Some(&r.rum_id))?;
        self.text(&mut map, key::VERSION, r.version.as_deref())?;
        self.unsigned(&mut map, key::REVISION, r.revision)?;
        self.text(&mut map, key::LANG, r.lang.as_deref())?;
        self.array(&mut map, key::ENTITIES, &r.entities, Self::entity)?;
        self.array(&mut map, key::LINKS, &r.links, Self::link)?;
        self.array(&mut map, key::META, &r.meta, Self::meta)?;
        if let Some(a) = &r.asset {
            self.put(&mut map, key::ASSET, |enc, w| enc.asset(a, w))?;
        }
        self.array(&mut map, key::MEASUREMENTS, &r.measurements, Self::measurement)?;
        self.extensions(&mut map, &r.extensions)?;
        map.finish(w);
        Ok(())
    }

    fn entity(&mut self, e: &Entity, w: &mut Writer) -> Result<()> {
        let mut map = SortedMap::new();
        self.text(&mut map, key::NAME, Some(&e.name))?;
        self.text(&mut map, key::REGID, e.regid.as_deref())?;
        self.array(&mut map, key::ROLES, &e.roles, |_, r, w| {
            code::ROLE.write(w, r.as_str());
            Ok(())
        })?;
        self.extensions(&mut map, &e.extensions)?;
        map.finish(w);
        Ok(())
    }

    fn link(&mut self, l: &Link, w: &mut Writer) -> Result<()> {
        let mut map = SortedMap::new();
        self.text(&mut map, key::HREF, Some(&l.href))?;
        self.open(&mut map, key::REL, code::REL, Some(l.rel.as_str()))?;
        self.text(&mut map, key::MEDIA_TYPE, l.media_type.as_deref())?;
        self.extensions(&mut map, &l.extensions)?;
        map.finish(w);
        Ok(())
    }

    fn meta(&mut self, m: &Meta, w: &mut Writer) -> Result<()> {
        let mut map = SortedMap::new();
        self.text(&mut map, key::PRODUCT, m.product.as_deref())?;
        self.text(&mut map, key::SOFTWARE_VERSION, m.software_version.as_deref())?;
        self.text(&mut map, key::REPORT_ID, m.report_id.as_deref())?;
        self.text(&mut map, key::SCHEMA_VERSION, m.schema_version.as_deref())?;
        self.extensions(&mut map, &m.extensions)?;
        map.finish(w);
        Ok(())
    }

    fn asset(&mut self, a: &MeasuredAsset, w: &mut Writer) -> Result<()> {
        let mut map = SortedMap::new();
        self.text(&mut map, key::TAG_ID, a.tag_id.as_deref())?;
        self.text(&mut map, key::PERSISTENT_ID, a.persistent_id.as_deref())?;
        self.text(&mut map, key::NAME, a.name.as_deref())?;
        self.text(&mut map, key::INSTANCE_ID, a.instance_id.as_deref())?;
        self.text(&mut map, key::DEVICE_ID, a.device_id.as_deref())?;
        self.extensions(&mut map, &a.extensions)?;
        map.finish(w);
        Ok(())
    }

    fn measurement(&mut self, m: &Measurement, w: &mut Writer) -> Result<()> {
        let mut map = SortedMap::new();
        self.timestamp(&mut map, key::LOG_TIME, m.log_time.as_ref())?;
        self.text(&mut map, key::METRIC, Some(&m.metric))?;
        self.text(&mut map, key::SUBTYPE, m.subtype.as_deref())?;
        self.text(&mut map, key::UNIT, m.unit.as_deref())?;
        self.put_some(&mut map, key::VALUE, Some(m.value), Writer::decimal)?;
        self.timestamp(&mut map, key::START, m.start.as_ref())?;
        self.timestamp(&mut map, key::END, m.end.as_ref())?;
        self.unsigned(&mut map, key::SAMPLE_INTERVAL, m.sample_interval)?;
        self.unsigned(&mut map, key::SAMPLE_COUNT, m.sample_count)?;
        self.open(
            &mut map,
            key::AGGREGATION,
            code::AGGREGATION,
            m.aggregation.as_ref().map(crate::Aggregation::as_str),
        )?;
        self.extensions(&mut map, &m.extensions)?;
        map.finish(w);
        Ok(())
    }
}

/// Encodes a RUM.
pub(crate) fn encode(rum: &Rum) -> Result<Vec<u8>> {
    let mut enc = Enc(KeyPath::new(key::name));
    let mut w = Writer::new();
    enc.rum(rum, &mut w)?;
    Ok(w.into_bytes())
}
