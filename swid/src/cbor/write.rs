//! Encoding CoSWID: deterministic CBOR (definite lengths, shortest heads, sorted keys).

use super::CborEncodeOptions;
use crate::error::EncodeError;
use crate::model::{
    Directory, Entity, Evidence, File, HashEntry, Link, Payload, Process, Resource, ResourceCollection,
    SoftwareIdentity, SoftwareMeta, TagId,
};
use crate::registry::{cbor_tag, key};
use iso19770_core::cbor::{Encoder, KeyPath, SortedMap, Writer};
use iso19770_core::{Extensions, Label};

type Result<T> = std::result::Result<T, EncodeError>;

/// The encoder: options and the path for errors.
struct Enc {
    options: CborEncodeOptions,
    path: KeyPath,
}

impl Encoder for Enc {
    type Error = EncodeError;

    fn key_path(&self) -> &KeyPath {
        &self.path
    }

    fn key_path_mut(&mut self) -> &mut KeyPath {
        &mut self.path
    }
}

impl Enc {
    fn required_text(&mut self, map: &mut SortedMap, k: u64, value: Option<&str>) -> Result<()> {
        match value {
            Some(_) => self.text(map, k, value),
            None => Err(self.missing(k)),
        }
    }

    fn missing(&self, k: u64) -> EncodeError {
        EncodeError::MissingRequired { path: self.path(), key: key::name(k).unwrap_or("?") }
    }

    fn bool(&mut self, map: &mut SortedMap, k: u64, value: Option<bool>) -> Result<()> {
        self.put_some(map, k, value, Writer::bool)
    }

    fn label(&mut self, map: &mut SortedMap, k: u64, value: Option<Label>) -> Result<()> {
        self.put_some(map, k, value, |w, l| w.label(&l))
    }

    fn uri(&mut self, map: &mut SortedMap, k: u64, value: Option<&str>) -> Result<()> {
        let tagged = self.options.uri_tag;
        self.put_some(map, k, value, |w, v| {
            if tagged {
                w.tag(cbor_tag::URI);
            }
            w.text(v);
        })
    }

    fn lang_and_extensions(&mut self, map: &mut SortedMap, lang: Option<&str>, ext: &Extensions) -> Result<()> {
        self.text(map, key::LANG, lang)?;
        map.push_entries(&ext.entries)
            .map_err(|label| EncodeError::DuplicateKey { path: self.path(), key: label.to_string() })
    }

    /// Writes `one-or-more<T>`: one item bare, several as an array.
    fn one_or_more<T>(
        &mut self,
        map: &mut SortedMap,
        k: u64,
        items: &[T],
        mut item: impl FnMut(&mut Self, &T, &mut Writer) -> Result<()>,
    ) -> Result<()> {
        if items.is_empty() {
            return Ok(());
        }
        self.put(map, k, |enc, w| match items {
            [one] => item(enc, one, w),
            _ => enc.items(w, items, item),
        })
    }

    fn hash(&self, w: &mut Writer, h: &HashEntry) -> Result<()> {
        let id = h
            .algorithm
            .named_information_id()
            .ok_or_else(|| EncodeError::NoNamedInformationId { path: self.path(), algorithm: h.algorithm })?;
        w.array(2);
        w.integer(id);
        w.bytes(&h.digest);
        Ok(())
    }

    fn tag(&mut self, t: &SoftwareIdentity, w: &mut Writer) -> Result<()> {
        let mut map = SortedMap::new();
        match &t.tag_id {
            Some(id) => self.put(&mut map, key::TAG_ID, |_, w| {
                write_id(w, id);
                Ok(())
            })?,
            None => return Err(self.missing(key::TAG_ID)),
        }
        self.required_text(&mut map, key::SOFTWARE_NAME, t.name.as_deref())?;
        if t.entities.is_empty() {
            return Err(self.missing(key::ENTITY));
        }
        self.one_or_more(&mut map, key::ENTITY, &t.entities, Self::entity)?;
        if t.payloads.len() + t.evidences.len() > 1 {
            return Err(EncodeError::NotRepresentable { path: self.path(), what: "at most one payload or evidence" });
        }
        if let Some(e) = t.evidences.first() {
            self.put(&mut map, key::EVIDENCE, |enc, w| enc.evidence(e, w))?;
        }
        self.one_or_more(&mut map, key::LINK, &t.links, Self::link)?;
        self.one_or_more(&mut map, key::SOFTWARE_META, &t.metas, Self::software_meta)?;
        if let Some(p) = t.payloads.first() {
            self.put(&mut map, key::PAYLOAD, |enc, w| enc.payload(p, w))?;
        }
        self.bool(&mut map, key::CORPUS, t.corpus)?;
        self.bool(&mut map, key::PATCH, t.patch)?;
        self.text(&mut map, key::MEDIA, t.media.as_deref())?;
        self.bool(&mut map, key::SUPPLEMENTAL, t.supplemental)?;
        // Required by RFC 9393; the XSD's default when the tag has none.
        let tag_version = t.tag_version_or_default();
        self.put(&mut map, key::TAG_VERSION, |_, w| {
            w.integer(tag_version);
            Ok(())
        })?;
        self.text(&mut map, key::SOFTWARE_VERSION, t.version.as_deref())?;
        self.label(&mut map, key::VERSION_SCHEME, t.version_scheme.as_ref().map(crate::VersionScheme::to_label))?;
        self.lang_and_extensions(&mut map, t.lang.as_deref(), &t.extensions)?;
        map.finish(w);
        Ok(())
    }

    fn entity(&mut self, e: &Entity, w: &mut Writer) -> Result<()> {
        let mut map = SortedMap::new();
        self.required_text(&mut map, key::ENTITY_NAME, e.name.as_deref())?;
        self.uri(&mut map, key::REG_ID, e.regid.as_deref())?;
        if e.roles.is_empty() {
            return Err(self.missing(key::ROLE));
        }
        self.one_or_more(&mut map, key::ROLE, &e.roles, |_, r, w| {
            w.label(&r.to_label());
            Ok(())
        })?;
        if let Some(t) = &e.thumbprint {
            self.put(&mut map, key::THUMBPRINT, |enc, w| enc.hash(w, t))?;
        }
        self.lang_and_extensions(&mut map, e.lang.as_deref(), &e.extensions)?;
        map.finish(w);
        Ok(())
    }

    fn link(&mut self, l: &Link, w: &mut Writer) -> Result<()> {
        let mut map = SortedMap::new();
        self.text(&mut map, key::ARTIFACT, l.artifact.as_deref())?;
        if l.href.is_none() {
            return Err(self.missing(key::HREF));
        }
        self.uri(&mut map, key::HREF, l.href.as_deref())?;
        self.text(&mut map, key::MEDIA, l.media.as_deref())?;
        self.label(&mut map, key::OWNERSHIP, l.ownership.as_ref().map(crate::Ownership::to_label))?;
        match &l.rel {
            Some(rel) => self.label(&mut map, key::REL, Some(rel.to_label()))?,
            None => return Err(self.missing(key::REL)),
        }
        self.text(&mut map, key::MEDIA_TYPE, l.media_type.as_deref())?;
        self.label(&mut map, key::USE, l.r#use.as_ref().map(crate::Use::to_label))?;
        self.lang_and_extensions(&mut map, l.lang.as_deref(), &l.extensions)?;
        map.finish(w);
        Ok(())
    }

    fn software_meta(&mut self, m: &SoftwareMeta, w: &mut Writer) -> Result<()> {
        let mut map = SortedMap::new();
        self.text(&mut map, key::ACTIVATION_STATUS, m.activation_status.as_deref())?;
        self.text(&mut map, key::CHANNEL_TYPE, m.channel_type.as_deref())?;
        self.text(&mut map, key::COLLOQUIAL_VERSION, m.colloquial_version.as_deref())?;
        self.text(&mut map, key::DESCRIPTION, m.description.as_deref())?;
        self.text(&mut map, key::EDITION, m.edition.as_deref())?;
        self.bool(&mut map, key::ENTITLEMENT_DATA_REQUIRED, m.entitlement_data_required)?;
        self.text(&mut map, key::ENTITLEMENT_KEY, m.entitlement_key.as_deref())?;
        if let Some(g) = &m.generator {
            self.put(&mut map, key::GENERATOR, |_, w| {
                write_id(w, g);
                Ok(())
            })?;
        }
        self.text(&mut map, key::PERSISTENT_ID, m.persistent_id.as_deref())?;
        self.text(&mut map, key::PRODUCT, m.product.as_deref())?;
        self.text(&mut map, key::PRODUCT_FAMILY, m.product_family.as_deref())?;
        self.text(&mut map, key::REVISION, m.revision.as_deref())?;
        self.text(&mut map, key::SUMMARY, m.summary.as_deref())?;
        self.text(&mut map, key::UNSPSC_CODE, m.unspsc_code.as_deref())?;
        self.text(&mut map, key::UNSPSC_VERSION, m.unspsc_version.as_deref())?;
        self.lang_and_extensions(&mut map, m.lang.as_deref(), &m.extensions)?;
        map.finish(w);
        Ok(())
    }

    fn collection(&mut self, map: &mut SortedMap, items: &ResourceCollection) -> Result<()> {
        self.one_or_more(map, key::DIRECTORY, &items.directories, Self::directory)?;
        self.one_or_more(map, key::FILE, &items.files, Self::file)?;
        self.one_or_more(map, key::PROCESS, &items.processes, Self::process)?;
        self.one_or_more(map, key::RESOURCE, &items.resources, Self::resource)
    }

    fn payload(&mut self, p: &Payload, w: &mut Writer) -> Result<()> {
        let mut map = SortedMap::new();
        self.collection(&mut map, &p.items)?;
        self.lang_and_extensions(&mut map, p.lang.as_deref(), &p.extensions)?;
        map.finish(w);
        Ok(())
    }

    fn evidence(&mut self, e: &Evidence, w: &mut Writer) -> Result<()> {
        let mut map = SortedMap::new();
        self.collection(&mut map, &e.items)?;
        if let Some(date) = &e.date {
            let seconds = date.unix_seconds();
            self.put(&mut map, key::DATE, |enc, w| {
                let seconds = seconds.map_err(|reason| EncodeError::InvalidDateTime {
                    path: enc.path(),
                    text: date.as_str().to_owned(),
                    reason,
                })?;
                w.tag(cbor_tag::EPOCH_TIME);
                w.integer(seconds);
                Ok(())
            })?;
        }
        self.text(&mut map, key::DEVICE_ID, e.device_id.as_deref())?;
        self.text(&mut map, key::LOCATION, e.location.as_deref())?;
        self.lang_and_extensions(&mut map, e.lang.as_deref(), &e.extensions)?;
        map.finish(w);
        Ok(())
    }

    fn directory(&mut self, d: &Directory, w: &mut Writer) -> Result<()> {
        let mut map = SortedMap::new();
        self.bool(&mut map, key::KEY, d.key)?;
        self.text(&mut map, key::LOCATION, d.location.as_deref())?;
        self.required_text(&mut map, key::FS_NAME, d.name.as_deref())?;
        self.text(&mut map, key::ROOT, d.root.as_deref())?;
        if !d.directories.is_empty() || !d.files.is_empty() {
            self.put(&mut map, key::PATH_ELEMENTS, |enc, w| {
                let mut inner = SortedMap::new();
                enc.one_or_more(&mut inner, key::DIRECTORY, &d.directories, Self::directory)?;
                enc.one_or_more(&mut inner, key::FILE, &d.files, Self::file)?;
                inner.finish(w);
                Ok(())
            })?;
        }
        self.lang_and_extensions(&mut map, d.lang.as_deref(), &d.extensions)?;
        map.finish(w);
        Ok(())
    }

    fn file(&mut self, f: &File, w: &mut Writer) -> Result<()> {
        let mut map = SortedMap::new();
        self.bool(&mut map, key::KEY, f.key)?;
        self.text(&mut map, key::LOCATION, f.location.as_deref())?;
        self.required_text(&mut map, key::FS_NAME, f.name.as_deref())?;
        self.text(&mut map, key::ROOT, f.root.as_deref())?;
        if let Some(size) = f.size {
            self.put(&mut map, key::SIZE, |_, w| {
                w.unsigned(size);
                Ok(())
            })?;
        }
        self.text(&mut map, key::FILE_VERSION, f.version.as_deref())?;
        // CoSWID's file-entry carries one hash: the first.
        if let Some(h) = f.hashes.first() {
            self.put(&mut map, key::HASH, |enc, w| enc.hash(w, h))?;
        }
        self.lang_and_extensions(&mut map, f.lang.as_deref(), &f.extensions)?;
        map.finish(w);
        Ok(())
    }

    fn process(&mut self, p: &Process, w: &mut Writer) -> Result<()> {
        let mut map = SortedMap::new();
        self.required_text(&mut map, key::PROCESS_NAME, p.name.as_deref())?;
        if let Some(pid) = p.pid {
            self.put(&mut map, key::PID, |_, w| {
                w.integer(pid);
                Ok(())
            })?;
        }
        self.lang_and_extensions(&mut map, p.lang.as_deref(), &p.extensions)?;
        map.finish(w);
        Ok(())
    }

    fn resource(&mut self, r: &Resource, w: &mut Writer) -> Result<()> {
        let mut map = SortedMap::new();
        self.required_text(&mut map, key::TYPE, r.r#type.as_deref())?;
        self.lang_and_extensions(&mut map, r.lang.as_deref(), &r.extensions)?;
        map.finish(w);
        Ok(())
    }
}

fn write_id(w: &mut Writer, id: &TagId) {
    match id {
        TagId::Text(t) => w.text(t),
        TagId::Uuid(b) => w.bytes(b),
    }
}

/// Encodes a tag.
pub(crate) fn encode(tag: &SoftwareIdentity, options: CborEncodeOptions) -> Result<Vec<u8>> {
    crate::omission::check(tag, false, "CoSWID")?;
    let mut enc = Enc { options, path: KeyPath::new(key::name) };
    let mut w = Writer::new();
    if options.tagged {
        w.tag(cbor_tag::COSWID);
    }
    enc.tag(tag, &mut w)?;
    Ok(w.into_bytes())
}
