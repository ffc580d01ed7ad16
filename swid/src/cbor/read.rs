//! Decoding CoSWID: a cursor over the input, one map at a time, into the model.

use super::{CborDecodeOptions, CborMode, Decoded};
use crate::error::{DecodeError, Nonconformity};
use crate::model::{
    Directory, Entity, Evidence, File, HashEntry, Link, Payload, Process, Resource, ResourceCollection,
    SoftwareIdentity, SoftwareMeta, TagId, Text,
};
use crate::registry::{HashAlgorithm, Ownership, Rel, Role, Use, VersionScheme, cbor_tag, key};
use ciborium_ll::Header;
use iso19770_core::cbor::{CborEntry, Cursor, Decoder, Head, Irregularity, MapKey, Reader};
use iso19770_core::{DateTime, Finding, Label, Location, Path, PathSegment, Position, Report, Severity};

type Result<T> = std::result::Result<T, DecodeError>;

/// The decoder.
pub(crate) struct Dec<'a> {
    r: Reader<'a>,
    mode: CborMode,
    findings: Vec<Finding>,
    /// False when the caller drops the findings (`from_cbor_slice`): none is built.
    pub(crate) keep_findings: bool,
    /// How many of the cursor's irregularities are handled.
    irregular_done: usize,
    /// An error to report before anything else (an unreadable container header).
    pending: Option<DecodeError>,
}

impl<'a> Decoder<'a> for Dec<'a> {
    type Error = DecodeError;

    fn reader(&self) -> &Reader<'a> {
        &self.r
    }

    fn reader_mut(&mut self) -> &mut Reader<'a> {
        &mut self.r
    }

    fn head(&mut self) -> Result<Head> {
        let head = self.with_cursor(Cursor::head)?;
        self.note_irregular()?;
        Ok(head)
    }

    /// Lenient: the first value stands, later ones are read and dropped; else an error.
    fn duplicate_key(&mut self, key: &MapKey<'a>, offset: usize) -> Result<()> {
        if self.mode != CborMode::Lenient {
            return Err(DecodeError::DuplicateKey { at: self.at(offset), key: key.to_string() });
        }
        self.finding(Finding::new(
            "cbor-duplicate-key",
            Severity::Error,
            self.path().join(PathSegment::key(key.to_string())),
            format!("byte {}: the key {key} again; the first value is kept", self.r.base + offset),
        ));
        self.with_cursor(Cursor::skip)?;
        self.note_irregular()
    }

    fn unsorted_keys(&mut self, offset: usize) -> Result<()> {
        self.nonconformity(Nonconformity::UnsortedKeys, offset)
    }
}

impl<'a> Dec<'a> {
    pub(crate) fn new(input: &'a [u8], options: CborDecodeOptions) -> Self {
        Dec {
            r: Reader::new(input, options.limits, key::name),
            mode: options.mode,
            findings: Vec::new(),
            keep_findings: true,
            irregular_done: 0,
            pending: None,
        }
    }

    /// Records a finding, unless the caller drops them.
    fn finding(&mut self, finding: Finding) {
        if self.keep_findings {
            self.findings.push(finding);
        }
    }

    /// Applies the mode to a nonconformity at `offset`: an error, or a finding.
    fn nonconformity(&mut self, what: Nonconformity, offset: usize) -> Result<()> {
        let accepted = match self.mode {
            CborMode::Strict => false,
            CborMode::Standard => what.is_encoding_only(),
            CborMode::Lenient => true,
        };
        if !accepted {
            return Err(DecodeError::NotConformant { at: self.at(offset), what });
        }
        if !self.keep_findings {
            return Ok(());
        }
        let severity = if what.is_encoding_only() { Severity::Info } else { Severity::Error };
        let mut path = self.path();
        if path.is_empty() {
            path.push(PathSegment::key("(tag)"));
        }
        self.findings.push(Finding::new(
            what.rule_id(),
            severity,
            path,
            format!("byte {}: {what}", self.r.base + offset),
        ));
        Ok(())
    }

    /// Handles the irregular encodings the cursor met since the last call.
    fn note_irregular(&mut self) -> Result<()> {
        while self.irregular_done < self.r.cursor.irregularities().len() {
            let (kind, offset) = self.r.cursor.irregularities()[self.irregular_done];
            self.irregular_done += 1;
            let what = match kind {
                Irregularity::IndefiniteLength => Nonconformity::IndefiniteLength,
                Irregularity::LongerHead => Nonconformity::LongerHead,
            };
            self.nonconformity(what, offset)?;
        }
        Ok(())
    }

    pub(crate) fn at_end(&self) -> bool {
        self.pending.is_none() && self.r.cursor.is_at_end()
    }

    /// Skips the header of a uSWID container: magic (16), header version (1), header size (2,
    /// little-endian), payload size (4), then flags (version 2 on; bit 0: compressed).
    pub(crate) fn skip_uswid_header(&mut self) {
        let input = self.r.cursor.input();
        let header_len = input.get(17..19).map_or(0, |b| usize::from(u16::from_le_bytes([b[0], b[1]])));
        let version = input.get(16).copied().unwrap_or(0);
        let compressed = version >= 2 && input.get(23).is_some_and(|f| f & 1 == 1);
        let at = |offset: usize| Box::new(Location::new(Position::bytes(offset as u64), Path::default()));
        if header_len < 23 || header_len > input.len() {
            self.pending = Some(DecodeError::CborInvalid {
                at: at(17),
                message: format!("a uSWID header size of {header_len} bytes"),
            });
        } else if compressed {
            self.pending = Some(DecodeError::CborInvalid {
                at: at(23),
                message: "a compressed uSWID payload (not supported)".to_owned(),
            });
        } else if let Err(e) = self.r.cursor.advance(header_len) {
            self.pending = Some(self.cbor_error(e));
        }
    }

    /// Reads one CoSWID, optionally tagged.
    pub(crate) fn document(&mut self) -> Result<Decoded> {
        if let Some(e) = self.pending.take() {
            return Err(e);
        }
        self.findings.clear();
        let mut head = self.head()?;
        let mut tagged = false;
        if head.header == Header::Tag(cbor_tag::COSWID) {
            tagged = true;
            head = self.head()?;
            if let Header::Bytes(_) = head.header {
                // A tag in a byte string: read it from the string, errors at their outer offset.
                self.nonconformity(Nonconformity::TaggedByteString, head.offset)?;
                let before = self.r.cursor.offset();
                let body = self.with_cursor(|c| c.string_body(head))?;
                let start = before + (self.r.cursor.offset() - before - body.len());
                let options = CborDecodeOptions { mode: self.mode, limits: self.r.cursor.limits() };
                let mut inner = Dec::new(&body, options);
                inner.r.base = self.r.base + start;
                inner.keep_findings = self.keep_findings;
                let tag = inner.head().and_then(|h| inner.tag_after(h)).and_then(|t| inner.expect_end().map(|()| t))?;
                self.findings.append(&mut inner.findings);
                let findings = Report { findings: std::mem::take(&mut self.findings) };
                return Ok(Decoded { tag, findings, tagged });
            }
        }
        let tag = self.tag_after(head)?;
        Ok(Decoded { tag, findings: Report { findings: std::mem::take(&mut self.findings) }, tagged })
    }

    /// Keeps the value of an unknown key.
    fn unknown(&mut self, key: &MapKey<'_>, into: &mut Vec<CborEntry>) -> Result<()> {
        let head = self.head()?;
        let value = self.with_cursor(|c| c.value_after(head))?;
        self.note_irregular()?;
        into.push(CborEntry { label: key.label(), value });
        Ok(())
    }

    fn missing(&mut self, key_name: &'static str, offset: usize) -> Result<()> {
        if self.mode == CborMode::Lenient {
            let path = self.path().join(PathSegment::key(key_name));
            self.finding(Finding::new(
                "coswid-missing-key",
                Severity::Error,
                path,
                format!("byte {}: the required key {key_name} is missing", self.r.base + offset),
            ));
            Ok(())
        } else {
            Err(DecodeError::MissingKey { at: self.at(offset), key: key_name })
        }
    }

    /// An integer, within `min..=max`; bignums and numeric text only as nonconformities.
    fn integer(&mut self, min: i128, max: i128) -> Result<i128> {
        let head = self.head()?;
        let value: i128 = match head.header {
            Header::Positive(v) => i128::from(v),
            Header::Negative(v) => -1 - i128::from(v),
            Header::Tag(t @ (cbor_tag::POSITIVE_BIGNUM | cbor_tag::NEGATIVE_BIGNUM)) => {
                self.nonconformity(Nonconformity::BignumInteger, head.offset)?;
                let bignum = self.bignum(t == cbor_tag::NEGATIVE_BIGNUM)?;
                match bignum.to_i128() {
                    Some(value) if bignum.significant_bytes() <= 15 => value,
                    _ => return Err(self.out_of_range(head.offset, "a bignum", min, max)),
                }
            }
            Header::Text(_) => {
                self.nonconformity(Nonconformity::TextInteger, head.offset)?;
                let text = self.with_cursor(|c| c.text_body(head))?;
                text.trim().parse::<i128>().map_err(|_| DecodeError::WrongType {
                    at: self.at(head.offset),
                    expected: "an integer",
                    found: format!("the text {text:?}"),
                })?
            }
            _ => return Err(self.wrong(&head, "an integer")),
        };
        if value < min || value > max {
            return Err(self.out_of_range(head.offset, &value.to_string(), min, max));
        }
        Ok(value)
    }

    fn out_of_range(&self, offset: usize, value: &str, min: i128, max: i128) -> DecodeError {
        DecodeError::IntegerOutOfRange { at: self.at(offset), value: value.to_owned(), min, max }
    }

    fn i64(&mut self) -> Result<i64> {
        let v = self.integer(i128::from(i64::MIN), i128::from(i64::MAX))?;
        Ok(i64::try_from(v).unwrap_or_default())
    }

    fn u64(&mut self) -> Result<u64> {
        let v = self.integer(0, i128::from(u64::MAX))?;
        Ok(u64::try_from(v).unwrap_or_default())
    }

    /// A registry value: an integer or text label.
    fn label(&mut self) -> Result<Label> {
        let head = self.head()?;
        self.label_after(head)
    }

    fn label_after(&mut self, head: Head) -> Result<Label> {
        match head.header {
            Header::Positive(_) | Header::Negative(_) => {
                let v = self.with_cursor(|c| c.value_after(head))?;
                v.as_i64().map(Label::Int).ok_or_else(|| self.wrong(&head, "an integer that fits 64 bits"))
            }
            Header::Text(_) => Ok(Label::Text(self.text_after(head)?)),
            _ => Err(self.wrong(&head, "an integer or text")),
        }
    }

    /// An `any-uri`: `#6.32(text)`, or untagged text as a nonconformity.
    fn uri(&mut self) -> Result<Text> {
        let head = self.head()?;
        match head.header {
            Header::Tag(cbor_tag::URI) => {
                let inner = self.head()?;
                self.text_after_with(inner, Text::new)
            }
            Header::Text(_) => {
                self.nonconformity(Nonconformity::UntaggedUri, head.offset)?;
                self.text_after_with(head, Text::new)
            }
            _ => Err(self.wrong(&head, "a URI (tag 32 around text)")),
        }
    }

    /// Text or a 16-byte UUID (`tag-id`, `generator`).
    fn text_or_uuid(&mut self) -> Result<TagId> {
        let head = self.head()?;
        match head.header {
            Header::Text(_) => Ok(TagId::Text(self.text_after(head)?)),
            Header::Bytes(Some(16)) => {
                let bytes = self.with_cursor(|c| c.string_body(head))?;
                let mut uuid = [0u8; 16];
                uuid.copy_from_slice(&bytes);
                Ok(TagId::Uuid(uuid))
            }
            _ => Err(self.wrong(&head, "text or a 16-byte byte string")),
        }
    }

    /// `hash-entry = [alg-id, bytes]`.
    fn hash_entry(&mut self) -> Result<HashEntry> {
        let head = self.head()?;
        let Header::Array(len) = head.header else {
            return Err(self.wrong(&head, "a hash entry [alg-id, bytes]"));
        };
        if len.is_some_and(|n| n != 2) {
            return Err(self.wrong(&head, "a hash entry of 2 items"));
        }
        self.with_cursor(|c| c.enter(head.offset))?;
        self.r.path.push_index(0);
        let alg = self.i64()?;
        self.r.path.pop();
        self.r.path.push_index(1);
        let value_head = self.head()?;
        let Header::Bytes(_) = value_head.header else {
            return Err(self.wrong(&value_head, "the hash value as a byte string"));
        };
        let digest = crate::Digest::from_slice(&self.with_cursor(|c| c.string_body(value_head))?);
        self.r.path.pop();
        if len.is_none() && !self.with_cursor(Cursor::at_break)? {
            return Err(self.wrong(&head, "a hash entry of 2 items"));
        }
        self.r.cursor.leave();
        Ok(HashEntry::new(HashAlgorithm::from_named_information_id(alg), digest))
    }

    /// `integer-time = #6.1(int)`; floats and untagged numbers as nonconformities.
    fn time(&mut self) -> Result<DateTime> {
        let head = self.head()?;
        let (value_head, tagged) = match head.header {
            Header::Tag(cbor_tag::EPOCH_TIME) => (self.head()?, true),
            _ => (head, false),
        };
        let seconds = match value_head.header {
            Header::Positive(_) | Header::Negative(_) if tagged => {
                let v = self.with_cursor(|c| c.value_after(value_head))?;
                v.as_i64().ok_or_else(|| self.wrong(&value_head, "seconds that fit 64 bits"))?
            }
            Header::Positive(_) | Header::Negative(_) => {
                self.nonconformity(Nonconformity::NonIntegerTime, head.offset)?;
                let v = self.with_cursor(|c| c.value_after(value_head))?;
                v.as_i64().ok_or_else(|| self.wrong(&value_head, "seconds that fit 64 bits"))?
            }
            Header::Float(f) => {
                self.nonconformity(Nonconformity::NonIntegerTime, head.offset)?;
                if !f.is_finite() || f.abs() >= 9.2e18 {
                    return Err(self.wrong(&value_head, "a finite number of seconds"));
                }
                #[allow(clippy::cast_possible_truncation)] // range checked above
                let s = f.floor() as i64;
                s
            }
            _ => return Err(self.wrong(&value_head, "an integer time #6.1(int)")),
        };
        Ok(DateTime::from_unix_seconds(seconds))
    }

    /// `one-or-more<T>`: one item bare, or an array (a one-element array is a nonconformity).
    fn one_or_more<T>(&mut self, mut item: impl FnMut(&mut Self, Head) -> Result<T>) -> Result<Vec<T>> {
        let head = self.head()?;
        let Header::Array(len) = head.header else {
            return Ok(vec![item(self, head)?]);
        };
        if len == Some(1) {
            self.nonconformity(Nonconformity::SingletonArray, head.offset)?;
        }
        self.items(head, item)
    }

    fn tag_after(&mut self, head: Head) -> Result<SoftwareIdentity> {
        let mut t = SoftwareIdentity::default();
        let mut has_entity = false;
        self.map(head, |d, k, _| {
            match k.as_u64() {
                Some(key::TAG_ID) => t.tag_id = Some(d.text_or_uuid()?),
                Some(key::SOFTWARE_NAME) => t.name = Some(d.text_with(Text::new)?),
                Some(key::ENTITY) => {
                    t.entities = d.one_or_more(Self::entity)?;
                    has_entity = true;
                }
                Some(key::EVIDENCE) => {
                    let h = d.head()?;
                    t.evidences = vec![d.evidence(h)?];
                }
                Some(key::LINK) => t.links = d.one_or_more(Self::link)?,
                Some(key::SOFTWARE_META) => t.metas = d.one_or_more(Self::software_meta)?,
                Some(key::PAYLOAD) => {
                    let h = d.head()?;
                    t.payloads = vec![d.payload(h)?];
                }
                Some(key::CORPUS) => t.corpus = Some(d.bool()?),
                Some(key::PATCH) => t.patch = Some(d.bool()?),
                Some(key::MEDIA) => t.media = Some(d.text_with(Text::new)?),
                Some(key::SUPPLEMENTAL) => t.supplemental = Some(d.bool()?),
                Some(key::TAG_VERSION) => t.tag_version = Some(d.i64()?),
                Some(key::SOFTWARE_VERSION) => t.version = Some(d.text_with(Text::new)?),
                Some(key::VERSION_SCHEME) => t.version_scheme = Some(VersionScheme::from_label(d.label()?)),
                Some(key::LANG) => t.lang = Some(d.text_with(Text::new)?),
                _ => d.unknown(k, &mut t.extensions.entries)?,
            }
            Ok(())
        })?;
        if t.tag_id.is_none() {
            self.missing("tag-id", head.offset)?;
        }
        if t.name.is_none() {
            self.missing("software-name", head.offset)?;
        }
        if !has_entity {
            self.missing("entity", head.offset)?;
        }
        if t.tag_version.is_none() {
            self.nonconformity(Nonconformity::MissingTagVersion, head.offset)?;
        }
        if !t.payloads.is_empty() && !t.evidences.is_empty() {
            self.nonconformity(Nonconformity::PayloadAndEvidence, head.offset)?;
        }
        Ok(t)
    }

    fn entity(&mut self, head: Head) -> Result<Entity> {
        let mut e = Entity::default();
        let mut has_role = false;
        self.map(head, |d, k, _| {
            match k.as_u64() {
                Some(key::ENTITY_NAME) => e.name = Some(d.text_with(Text::new)?),
                Some(key::REG_ID) => e.regid = Some(d.uri()?),
                Some(key::ROLE) => {
                    e.roles = d.one_or_more(|d, h| d.label_after(h).map(Role::from_label))?;
                    has_role = true;
                }
                Some(key::THUMBPRINT) => e.thumbprint = Some(d.hash_entry()?),
                Some(key::LANG) => e.lang = Some(d.text_with(Text::new)?),
                _ => d.unknown(k, &mut e.extensions.entries)?,
            }
            Ok(())
        })?;
        if e.name.is_none() {
            self.missing("entity-name", head.offset)?;
        }
        if !has_role {
            self.missing("role", head.offset)?;
        }
        Ok(e)
    }

    fn link(&mut self, head: Head) -> Result<Link> {
        let mut l = Link::default();
        self.map(head, |d, k, _| {
            match k.as_u64() {
                Some(key::ARTIFACT) => l.artifact = Some(d.text_with(Text::new)?),
                Some(key::HREF) => l.href = Some(d.uri()?),
                Some(key::MEDIA) => l.media = Some(d.text_with(Text::new)?),
                Some(key::OWNERSHIP) => l.ownership = Some(Ownership::from_label(d.label()?)),
                Some(key::REL) => l.rel = Some(Rel::from_label(d.label()?)),
                Some(key::MEDIA_TYPE) => l.media_type = Some(d.text_with(Text::new)?),
                Some(key::USE) => l.r#use = Some(Use::from_label(d.label()?)),
                Some(key::LANG) => l.lang = Some(d.text_with(Text::new)?),
                _ => d.unknown(k, &mut l.extensions.entries)?,
            }
            Ok(())
        })?;
        if l.href.is_none() {
            self.missing("href", head.offset)?;
        }
        if l.rel.is_none() {
            self.missing("rel", head.offset)?;
        }
        Ok(l)
    }

    fn software_meta(&mut self, head: Head) -> Result<SoftwareMeta> {
        let mut m = SoftwareMeta::default();
        self.map(head, |d, k, _| {
            let slot = match k.as_u64() {
                Some(key::ACTIVATION_STATUS) => &mut m.activation_status,
                Some(key::CHANNEL_TYPE) => &mut m.channel_type,
                Some(key::COLLOQUIAL_VERSION) => &mut m.colloquial_version,
                Some(key::DESCRIPTION) => &mut m.description,
                Some(key::EDITION) => &mut m.edition,
                Some(key::ENTITLEMENT_DATA_REQUIRED) => {
                    m.entitlement_data_required = Some(d.bool()?);
                    return Ok(());
                }
                Some(key::ENTITLEMENT_KEY) => &mut m.entitlement_key,
                Some(key::GENERATOR) => {
                    m.generator = Some(d.text_or_uuid()?);
                    return Ok(());
                }
                Some(key::PERSISTENT_ID) => &mut m.persistent_id,
                Some(key::PRODUCT) => &mut m.product,
                Some(key::PRODUCT_FAMILY) => &mut m.product_family,
                Some(key::REVISION) => &mut m.revision,
                Some(key::SUMMARY) => &mut m.summary,
                Some(key::UNSPSC_CODE) => &mut m.unspsc_code,
                Some(key::UNSPSC_VERSION) => &mut m.unspsc_version,
                Some(key::LANG) => &mut m.lang,
                _ => return d.unknown(k, &mut m.extensions.entries),
            };
            *slot = Some(d.text_with(Text::new)?);
            Ok(())
        })?;
        Ok(m)
    }

    /// A key of a resource collection; false when it is not one.
    fn collection_entry(&mut self, k: &MapKey<'_>, items: &mut ResourceCollection) -> Result<bool> {
        match k.as_u64() {
            Some(key::DIRECTORY) => items.directories = self.one_or_more(Self::directory)?,
            Some(key::FILE) => items.files = self.one_or_more(Self::file)?,
            Some(key::PROCESS) => items.processes = self.one_or_more(Self::process)?,
            Some(key::RESOURCE) => items.resources = self.one_or_more(Self::resource)?,
            _ => return Ok(false),
        }
        Ok(true)
    }

    fn payload(&mut self, head: Head) -> Result<Payload> {
        let mut p = Payload::default();
        self.map(head, |d, k, _| {
            if d.collection_entry(k, &mut p.items)? {
                return Ok(());
            }
            match k.as_u64() {
                Some(key::LANG) => p.lang = Some(d.text_with(Text::new)?),
                _ => d.unknown(k, &mut p.extensions.entries)?,
            }
            Ok(())
        })?;
        Ok(p)
    }

    fn evidence(&mut self, head: Head) -> Result<Evidence> {
        let mut e = Evidence::default();
        self.map(head, |d, k, _| {
            if d.collection_entry(k, &mut e.items)? {
                return Ok(());
            }
            match k.as_u64() {
                Some(key::DATE) => e.date = Some(d.time()?),
                Some(key::DEVICE_ID) => e.device_id = Some(d.text_with(Text::new)?),
                Some(key::LOCATION) => e.location = Some(d.text_with(Text::new)?),
                Some(key::LANG) => e.lang = Some(d.text_with(Text::new)?),
                _ => d.unknown(k, &mut e.extensions.entries)?,
            }
            Ok(())
        })?;
        Ok(e)
    }

    fn directory(&mut self, head: Head) -> Result<Directory> {
        let mut dir = Directory::default();
        self.map(head, |d, k, _| {
            match k.as_u64() {
                Some(key::KEY) => dir.key = Some(d.bool()?),
                Some(key::LOCATION) => dir.location = Some(d.text_with(Text::new)?),
                Some(key::FS_NAME) => dir.name = Some(d.text_with(Text::new)?),
                Some(key::ROOT) => dir.root = Some(d.text_with(Text::new)?),
                Some(key::LANG) => dir.lang = Some(d.text_with(Text::new)?),
                Some(key::PATH_ELEMENTS) => {
                    let h = d.head()?;
                    d.map(h, |d, k, offset| {
                        match k.as_u64() {
                            Some(key::DIRECTORY) => dir.directories = d.one_or_more(Self::directory)?,
                            Some(key::FILE) => dir.files = d.one_or_more(Self::file)?,
                            // `path-elements-group` has no extension point.
                            _ => {
                                return Err(DecodeError::WrongType {
                                    at: d.at(offset),
                                    expected: "directory (16) or file (17) in path-elements",
                                    found: format!("key {}", k.label()),
                                });
                            }
                        }
                        Ok(())
                    })?;
                }
                _ => d.unknown(k, &mut dir.extensions.entries)?,
            }
            Ok(())
        })?;
        if dir.name.is_none() {
            self.missing("fs-name", head.offset)?;
        }
        Ok(dir)
    }

    fn file(&mut self, head: Head) -> Result<File> {
        let mut f = File::default();
        self.map(head, |d, k, _| {
            match k.as_u64() {
                Some(key::KEY) => f.key = Some(d.bool()?),
                Some(key::LOCATION) => f.location = Some(d.text_with(Text::new)?),
                Some(key::FS_NAME) => f.name = Some(d.text_with(Text::new)?),
                Some(key::ROOT) => f.root = Some(d.text_with(Text::new)?),
                Some(key::SIZE) => f.size = Some(d.u64()?),
                Some(key::FILE_VERSION) => f.version = Some(d.text_with(Text::new)?),
                Some(key::HASH) => f.hashes = vec![d.hash_entry()?],
                Some(key::LANG) => f.lang = Some(d.text_with(Text::new)?),
                _ => d.unknown(k, &mut f.extensions.entries)?,
            }
            Ok(())
        })?;
        if f.name.is_none() {
            self.missing("fs-name", head.offset)?;
        }
        Ok(f)
    }

    fn process(&mut self, head: Head) -> Result<Process> {
        let mut p = Process::default();
        self.map(head, |d, k, _| {
            match k.as_u64() {
                Some(key::PROCESS_NAME) => p.name = Some(d.text_with(Text::new)?),
                Some(key::PID) => p.pid = Some(d.i64()?),
                Some(key::LANG) => p.lang = Some(d.text_with(Text::new)?),
                _ => d.unknown(k, &mut p.extensions.entries)?,
            }
            Ok(())
        })?;
        if p.name.is_none() {
            self.missing("process-name", head.offset)?;
        }
        Ok(p)
    }

    fn resource(&mut self, head: Head) -> Result<Resource> {
        let mut r = Resource::default();
        self.map(head, |d, k, _| {
            match k.as_u64() {
                Some(key::TYPE) => r.r#type = Some(d.text_with(Text::new)?),
                Some(key::LANG) => r.lang = Some(d.text_with(Text::new)?),
                _ => d.unknown(k, &mut r.extensions.entries)?,
            }
            Ok(())
        })?;
        if r.r#type.is_none() {
            self.missing("type", head.offset)?;
        }
        Ok(r)
    }
}
