//! Decoding: quick-xml's namespace-aware reader into the model.

use super::DecodeOptions;
use super::attrs::{Attributes, RawAttribute, ScanError};
use super::kind::{self, IntegerError, Known, child};
use super::names::{invalid_char, is_qname, is_space_byte, is_xml_char, suspect_bytes};
use super::source::{Failure, ReadFailure, Source, Step};
use crate::error::{DecodeError, DocumentKind};
use crate::model::{
    Directory, Entity, Evidence, File, HashEntry, Link, Meta, Payload, Process, Resource, ResourceCollection,
    SoftwareIdentity, SoftwareMeta, TagId, Text,
};
use crate::registry::{HashAlgorithm, Ownership, Rel, Role, Use, VersionScheme, attribute as a, element as el, ns};
use iso19770_core::{
    DateTime, Extensions, ForeignAttribute, ForeignElement, LayoutBuilder, Location, NamespaceBinding, Path,
    PathSegment, Position, XmlLayout,
};
use quick_xml::events::{BytesRef, BytesStart, Event};
use quick_xml::name::{QName, ResolveResult};
use std::borrow::Cow;

type Result<T> = std::result::Result<T, DecodeError>;

/// One step of the element path being read.
struct Open {
    name: Cow<'static, str>,
    position: usize,
    /// False for an empty-element tag, which has no end tag to wait for.
    has_end: bool,
}

/// What the element readers share: the options, the path and the layout being recorded.
pub(crate) struct Ctx {
    opts: DecodeOptions,
    open: Vec<Open>,
    /// Boxed, so that the reader and the spare below move a pointer, not the builder.
    layout: Box<LayoutBuilder>,
}

/// The helpers that build an error's location are cold and never inlined, here and in the
/// source: error paths then cost the hot loops a call, not a copy of the path building (the
/// decoder's code must stay small enough for the instruction cache).
impl Ctx {
    #[cold]
    #[inline(never)]
    fn path(&self) -> Path {
        Path::from_segments(self.open.iter().map(|o| PathSegment::element(o.name.clone(), o.position)))
    }

    #[cold]
    #[inline(never)]
    fn at(&self, position: Position) -> Box<Location> {
        Box::new(Location::new(position, self.path()))
    }

    #[cold]
    #[inline(never)]
    fn at_attribute(&self, position: Position, name: &str) -> Box<Location> {
        Box::new(Location::new(position, self.path().join(PathSegment::attribute(name))))
    }

    /// True when `namespace` holds SWID elements in this document.
    fn is_swid(&self, namespace: Option<&str>) -> bool {
        namespace == Some(ns::SWID)
            || self.opts.legacy_namespaces && (namespace.is_none() || namespace == Some(ns::SWID_2014_DIS))
    }

    fn push(&mut self, step: &Step<'_>, name: Cow<'static, str>, position: usize, has_end: bool) -> Result<()> {
        if self.open.len() >= self.opts.max_depth {
            return Err(DecodeError::TooDeep { at: self.at(step.start_position()), limit: self.opts.max_depth });
        }
        self.open.push(Open { name, position, has_end });
        Ok(())
    }
}

/// Maps a failure of quick-xml to this crate's error.
#[cold]
#[inline(never)]
fn read_failure(cx: &Ctx, failure: ReadFailure) -> DecodeError {
    use quick_xml::Error as X;
    use quick_xml::errors::{IllFormedError, SyntaxError};
    let at = cx.at(failure.position);
    let error = match failure.error {
        Failure::Xml(e) => e,
        Failure::Mismatch { expected, found } => return DecodeError::MismatchedEndTag { at, expected, found },
        Failure::Namespace(message) => return DecodeError::InvalidNamespaceDeclaration { at, message },
        Failure::Syntax(message) => return DecodeError::Syntax { at, message },
    };
    match error {
        X::Io(e) => DecodeError::Io { at, source: std::io::Error::new(e.kind(), e.to_string()) },
        X::Encoding(_) => DecodeError::InvalidUtf8 { at },
        X::IllFormed(IllFormedError::MismatchedEndTag { expected, found }) => {
            DecodeError::MismatchedEndTag { at, expected, found }
        }
        X::IllFormed(IllFormedError::MissingEndTag(_))
        | X::Syntax(
            SyntaxError::UnclosedTag
            | SyntaxError::UnclosedComment
            | SyntaxError::UnclosedCData
            | SyntaxError::UnclosedPI
            | SyntaxError::UnclosedXmlDecl
            | SyntaxError::UnclosedDoctype
            | SyntaxError::UnclosedDoubleQuotedAttributeValue
            | SyntaxError::UnclosedSingleQuotedAttributeValue,
        ) => DecodeError::UnexpectedEof { at },
        X::Escape(quick_xml::escape::EscapeError::UnrecognizedEntity(_, name)) => {
            DecodeError::UndefinedEntity { at, name }
        }
        X::Namespace(quick_xml::name::NamespaceError::UnknownPrefix(prefix)) => {
            DecodeError::UndeclaredPrefix { at, prefix }
        }
        X::Namespace(e) => DecodeError::InvalidNamespaceDeclaration { at, message: e.to_string() },
        other => DecodeError::Syntax { at, message: other.to_string() },
    }
}

/// Checks a reference in text: one of the five predefined entities or a valid character
/// reference.
fn check_reference(cx: &Ctx, step: &Step<'_>, r: &BytesRef<'_>) -> Result<()> {
    if r.is_char_ref() {
        return match r.resolve_char_ref() {
            Ok(Some(c)) if is_xml_char(c) => Ok(()),
            Ok(Some(c)) => Err(DecodeError::InvalidCharacter { at: cx.at(step.start_position()), code: u32::from(c) }),
            Ok(None) | Err(_) => Err(DecodeError::Syntax {
                at: cx.at(step.start_position()),
                message: format!("invalid character reference &{};", &**r),
            }),
        };
    }
    match &**r {
        "lt" | "gt" | "amp" | "apos" | "quot" => Ok(()),
        name => Err(DecodeError::UndefinedEntity { at: cx.at(step.start_position()), name: name.to_owned() }),
    }
}

/// Checks character data: only characters XML allows, and no `]]>` outside CDATA sections.
fn check_text(cx: &Ctx, step: &Step<'_>, text: &str) -> Result<()> {
    if !suspect_bytes(text.as_bytes(), true) {
        return Ok(());
    }
    if let Some(c) = invalid_char(text) {
        let at = text.find(c).unwrap_or(0) as u64;
        return Err(DecodeError::InvalidCharacter { at: cx.at(step.position(step.start + at)), code: u32::from(c) });
    }
    if let Some(at) = memchr::memmem::find(text.as_bytes(), b"]]>") {
        return Err(DecodeError::Syntax {
            at: cx.at(step.position(step.start + at as u64)),
            message: "]]> in character data".to_owned(),
        });
    }
    Ok(())
}

/// Checks character data of any event that carries some (text, CDATA, comments, PIs). Text that
/// needs no closer look (the usual case: white space between elements, digests, certificates)
/// is passed here, inline in the readers' loops; the rest is checked by a call whose errors need
/// a large stack frame.
#[allow(clippy::inline_always)] // measured: one event in two is text
#[inline(always)]
fn check_event_text(cx: &Ctx, step: &Step<'_>) -> Result<()> {
    match &step.event {
        Event::Text(t) if step.is_short_white_space() || !suspect_text(t) => Ok(()),
        _ => check_event_text_closely(cx, step),
    }
}

/// True when `text` has a byte that [`check_text`] needs to look at closely.
#[inline(never)]
fn suspect_text(text: &str) -> bool {
    suspect_bytes(text.as_bytes(), true)
}

/// [`check_event_text`] for all but plain text.
#[inline(never)]
fn check_event_text_closely(cx: &Ctx, step: &Step<'_>) -> Result<()> {
    match &step.event {
        Event::Text(t) => check_text(cx, step, t),
        Event::CData(t) => match invalid_char(t) {
            Some(c) => Err(DecodeError::InvalidCharacter { at: cx.at(step.start_position()), code: u32::from(c) }),
            None => Ok(()),
        },
        Event::Comment(t) => match invalid_char(t) {
            Some(c) => Err(DecodeError::InvalidCharacter { at: cx.at(step.start_position()), code: u32::from(c) }),
            None => Ok(()),
        },
        Event::PI(p) => match invalid_char(p) {
            Some(c) => Err(DecodeError::InvalidCharacter { at: cx.at(step.start_position()), code: u32::from(c) }),
            None if p.target().is_empty() || !is_qname(p.target()) || p.target().eq_ignore_ascii_case("xml") => {
                Err(DecodeError::Syntax {
                    at: cx.at(step.start_position()),
                    message: format!("{:?} is not a processing-instruction target", p.target()),
                })
            }
            None => Ok(()),
        },
        _ => Ok(()),
    }
}

/// Checks an attribute's name (the scanner has checked that white space separates it from what
/// comes before).
fn check_attribute_name(cx: &Ctx, step: &Step<'_>, offset: u64, key: &str) -> Result<()> {
    if !is_qname(key) {
        return Err(DecodeError::Syntax {
            at: cx.at(step.position(offset)),
            message: format!("{key:?} is not an attribute name"),
        });
    }
    Ok(())
}

/// The namespace of a resolved name (`Err` for an undeclared prefix).
fn namespace_of<'r>(cx: &Ctx, step: &Step<'_>, resolved: ResolveResult<'r>) -> Result<Option<&'r str>> {
    match resolved {
        ResolveResult::Bound(n) => Ok(Some(n.0)),
        ResolveResult::Unbound => Ok(None),
        ResolveResult::Unknown(prefix) => {
            Err(DecodeError::UndeclaredPrefix { at: cx.at(step.start_position()), prefix })
        }
    }
}

/// An attribute of a SWID element, resolved and normalized.
pub(crate) struct Attr<'a> {
    namespace: Option<&'a str>,
    local: &'a str,
    prefix: Option<&'a str>,
    value: &'a str,
    /// The event the attribute is in and the attribute's byte offset, for a position computed
    /// only when there is an error.
    step: &'a Step<'a>,
    offset: u64,
}

impl Attr<'_> {
    #[cold]
    #[inline(never)]
    fn location(&self, cx: &Ctx) -> Box<Location> {
        let name = match self.prefix {
            Some(p) => format!("{p}:{}", self.local),
            None => self.local.to_owned(),
        };
        cx.at_attribute(self.step.position(self.offset), &name)
    }

    fn text(&self) -> String {
        self.value.to_owned()
    }

    /// The value as a model field holds it.
    fn value_text(&self) -> Text {
        Text::new(self.value)
    }

    fn boolean(&self, cx: &Ctx) -> Result<bool> {
        kind::parse_boolean(self.value)
            .ok_or_else(|| DecodeError::InvalidBoolean { at: self.location(cx), value: self.text() })
    }

    fn integer<T: std::str::FromStr + TryFrom<u64>>(&self, cx: &Ctx, min: i128, max: i128) -> Result<T> {
        kind::parse_integer::<T>(self.value).map_err(|e| match e {
            IntegerError::Invalid => DecodeError::InvalidInteger { at: self.location(cx), value: self.text() },
            IntegerError::OutOfRange => {
                DecodeError::IntegerOutOfRange { at: self.location(cx), value: self.text(), min, max }
            }
        })
    }

    fn token(&self) -> &str {
        kind::trim_space(self.value)
    }
}

/// What the attribute handler of an element did with an attribute.
enum Took {
    /// A schema attribute, with its layout code.
    Known(u8),
    /// A hash, with its index in `File::hashes` and whether it is spelled canonically (lower
    /// case, no surrounding white space).
    Hash(usize, bool),
    /// Not the element's own: keep it as a foreign attribute.
    Foreign,
}

/// A SWID element: how to read its attributes and which SWID children it has.
///
/// The readers take elements as `&mut dyn Element`: one copy of the attribute loop and of the
/// content loop serves every element, instead of a copy per element type whose sum no longer
/// fits the instruction cache (measured: 2,500 instruction-cache misses per decode of the large
/// corpus tag with a copy per type).
trait Element {
    /// Handles one attribute.
    fn attribute(&mut self, attr: &Attr<'_>, cx: &Ctx) -> Result<Took>;
    /// The SWID children this element has, by local name.
    fn child_kind(&self, _local: &str) -> Option<u8> {
        None
    }
    /// Adds a child of kind `kind` read from its start tag, returning its index in its
    /// collection. Children are built in place, never moved.
    fn start_child(&mut self, _kind: u8, _step: &Step<'_>, _e: &BytesStart<'_>, _cx: &mut Ctx) -> Result<usize> {
        Ok(0)
    }
    /// The child `index` of kind `kind`, to read its content.
    fn child(&mut self, _kind: u8, _index: usize) -> Option<&mut dyn Element> {
        None
    }
    fn lang(&mut self) -> &mut Option<Text>;
    fn extensions(&mut self) -> &mut Extensions;
    fn layout(&mut self) -> &mut XmlLayout;
}

/// Pushes `item`, making room for it alone when `items` has none: what an element usually has
/// one of (a file's hash, an element's foreign attribute) then takes one slot, not the four a
/// vector's first push reserves; a second push grows the vector as usual.
fn push_first_exact<T>(items: &mut Vec<T>, item: T) {
    push_with_first_room(items, 1, item);
}

/// Pushes `item`, making room for `slots` items when `items` has none.
fn push_with_first_room<T>(items: &mut Vec<T>, slots: usize, item: T) {
    if items.capacity() == 0 {
        items.reserve_exact(slots);
    }
    items.push(item);
}

/// The room a vector of children gets with its first child.
#[derive(Clone, Copy)]
enum Room {
    /// As many slots as fit in 1 kB, at most the four of a first push: a larger first block
    /// takes the allocator's slow path (glibc's per-thread cache keeps blocks up to 1,032
    /// bytes), which a tag's few entities (296 bytes each) would otherwise take on every decode.
    Usual,
    /// One slot, for what a parent usually has one of (`Meta`, `Payload`, `Evidence`).
    One,
}

/// The most bytes the first block of a vector of children takes.
const FIRST_BLOCK: usize = 1000;

/// Adds a default item to `items` (making `room` if it is the first) and reads its start tag
/// into it; returns its index.
fn start_in<T: Element + Default>(
    items: &mut Vec<T>,
    room: Room,
    step: &Step<'_>,
    e: &BytesStart<'_>,
    cx: &mut Ctx,
) -> Result<usize> {
    let slots = match room {
        Room::Usual => (FIRST_BLOCK / std::mem::size_of::<T>().max(1)).clamp(1, 4),
        Room::One => 1,
    };
    push_with_first_room(items, slots, T::default());
    let index = items.len() - 1;
    if let Some(item) = items.last_mut() {
        read_start(item, step, e, cx)?;
    }
    Ok(index)
}

/// `items[index]`, to read its content.
fn child_in<T: Element>(items: &mut [T], index: usize) -> Option<&mut dyn Element> {
    items.get_mut(index).map(|item| item as &mut dyn Element)
}

macro_rules! element_common {
    () => {
        fn lang(&mut self) -> &mut Option<Text> {
            &mut self.lang
        }
        fn extensions(&mut self) -> &mut Extensions {
            &mut self.extensions
        }
        fn layout(&mut self) -> &mut XmlLayout {
            &mut self.layout
        }
    };
}

impl Element for SoftwareIdentity {
    fn attribute(&mut self, attr: &Attr<'_>, cx: &Ctx) -> Result<Took> {
        if attr.namespace.is_some() {
            return Ok(Took::Foreign);
        }
        let known = match attr.local {
            a::NAME => {
                self.name = Some(attr.value_text());
                Known::Name
            }
            a::TAG_ID => {
                self.tag_id = Some(TagId::Text(attr.text()));
                Known::TagId
            }
            a::TAG_VERSION => {
                self.tag_version = Some(attr.integer::<i64>(cx, i64::MIN.into(), i64::MAX.into())?);
                Known::TagVersion
            }
            a::VERSION => {
                self.version = Some(attr.value_text());
                Known::Version
            }
            a::VERSION_SCHEME => {
                self.version_scheme = Some(VersionScheme::from_name(attr.token()));
                Known::VersionScheme
            }
            a::CORPUS => {
                self.corpus = Some(attr.boolean(cx)?);
                Known::Corpus
            }
            a::PATCH => {
                self.patch = Some(attr.boolean(cx)?);
                Known::Patch
            }
            a::SUPPLEMENTAL => {
                self.supplemental = Some(attr.boolean(cx)?);
                Known::Supplemental
            }
            a::MEDIA => {
                self.media = Some(attr.value_text());
                Known::Media
            }
            _ => return Ok(Took::Foreign),
        };
        Ok(Took::Known(known.code()))
    }

    fn child_kind(&self, local: &str) -> Option<u8> {
        match local {
            el::ENTITY => Some(child::ENTITY),
            el::LINK => Some(child::LINK),
            el::META => Some(child::META),
            el::PAYLOAD => Some(child::PAYLOAD),
            el::EVIDENCE => Some(child::EVIDENCE),
            _ => None,
        }
    }

    fn start_child(&mut self, kind: u8, step: &Step<'_>, e: &BytesStart<'_>, cx: &mut Ctx) -> Result<usize> {
        match kind {
            child::ENTITY => start_in(&mut self.entities, Room::Usual, step, e, cx),
            child::LINK => start_in(&mut self.links, Room::Usual, step, e, cx),
            child::META => start_in(&mut self.metas, Room::One, step, e, cx),
            child::PAYLOAD => start_in(&mut self.payloads, Room::One, step, e, cx),
            _ => start_in(&mut self.evidences, Room::One, step, e, cx),
        }
    }

    fn child(&mut self, kind: u8, index: usize) -> Option<&mut dyn Element> {
        match kind {
            child::ENTITY => child_in(&mut self.entities, index),
            child::LINK => child_in(&mut self.links, index),
            child::META => child_in(&mut self.metas, index),
            child::PAYLOAD => child_in(&mut self.payloads, index),
            _ => child_in(&mut self.evidences, index),
        }
    }

    element_common!();
}

impl Element for Entity {
    fn attribute(&mut self, attr: &Attr<'_>, cx: &Ctx) -> Result<Took> {
        if attr.namespace.is_some() {
            return Ok(Took::Foreign);
        }
        let known = match attr.local {
            a::NAME => {
                self.name = Some(attr.value_text());
                Known::Name
            }
            a::REGID => {
                self.regid = Some(attr.value_text());
                Known::Regid
            }
            a::ROLE => {
                let mut tokens = attr.value.split(kind::XML_SPACE).filter(|t| !t.is_empty());
                self.roles = match (tokens.next(), tokens.next()) {
                    // The usual single role takes one slot, not the four of a collected vector.
                    (Some(role), None) => vec![Role::from_name(role)],
                    (first, second) => first.into_iter().chain(second).chain(tokens).map(Role::from_name).collect(),
                };
                Known::Role
            }
            a::THUMBPRINT => {
                let (digest, _) = crate::hex::decode_digest_with_case(attr.token())
                    .ok_or_else(|| DecodeError::InvalidHex { at: attr.location(cx), value: attr.text() })?;
                self.thumbprint = Some(HashEntry::new(HashAlgorithm::Unknown, digest));
                Known::Thumbprint
            }
            _ => return Ok(Took::Foreign),
        };
        Ok(Took::Known(known.code()))
    }

    fn child_kind(&self, local: &str) -> Option<u8> {
        (local == el::META).then_some(child::META)
    }

    fn start_child(&mut self, _kind: u8, step: &Step<'_>, e: &BytesStart<'_>, cx: &mut Ctx) -> Result<usize> {
        start_in(&mut self.metas, Room::Usual, step, e, cx)
    }

    fn child(&mut self, _kind: u8, index: usize) -> Option<&mut dyn Element> {
        child_in(&mut self.metas, index)
    }

    element_common!();
}

impl Element for Link {
    fn attribute(&mut self, attr: &Attr<'_>, _cx: &Ctx) -> Result<Took> {
        if attr.namespace.is_some() {
            return Ok(Took::Foreign);
        }
        let known = match attr.local {
            a::HREF => {
                self.href = Some(attr.value_text());
                Known::Href
            }
            a::REL => {
                self.rel = Some(Rel::from_name(attr.token()));
                Known::Rel
            }
            a::ARTIFACT => {
                self.artifact = Some(attr.value_text());
                Known::Artifact
            }
            a::MEDIA => {
                self.media = Some(attr.value_text());
                Known::Media
            }
            a::OWNERSHIP => {
                self.ownership = Some(Ownership::from_name(attr.token()));
                Known::Ownership
            }
            a::TYPE => {
                self.media_type = Some(attr.value_text());
                Known::Type
            }
            a::USE => {
                self.r#use = Some(Use::from_name(attr.token()));
                Known::Use
            }
            _ => return Ok(Took::Foreign),
        };
        Ok(Took::Known(known.code()))
    }

    element_common!();
}

impl Element for SoftwareMeta {
    fn attribute(&mut self, attr: &Attr<'_>, cx: &Ctx) -> Result<Took> {
        if attr.namespace.is_some() {
            return Ok(Took::Foreign);
        }
        let (slot, known) = match attr.local {
            a::ACTIVATION_STATUS => (&mut self.activation_status, Known::ActivationStatus),
            a::CHANNEL_TYPE => (&mut self.channel_type, Known::ChannelType),
            a::COLLOQUIAL_VERSION => (&mut self.colloquial_version, Known::ColloquialVersion),
            a::DESCRIPTION => (&mut self.description, Known::Description),
            a::EDITION => (&mut self.edition, Known::Edition),
            a::ENTITLEMENT_DATA_REQUIRED => {
                self.entitlement_data_required = Some(attr.boolean(cx)?);
                return Ok(Took::Known(Known::EntitlementDataRequired.code()));
            }
            a::ENTITLEMENT_KEY => (&mut self.entitlement_key, Known::EntitlementKey),
            a::GENERATOR => {
                self.generator = Some(TagId::Text(attr.text()));
                return Ok(Took::Known(Known::Generator.code()));
            }
            a::PERSISTENT_ID => (&mut self.persistent_id, Known::PersistentId),
            a::PRODUCT => (&mut self.product, Known::Product),
            a::PRODUCT_FAMILY => (&mut self.product_family, Known::ProductFamily),
            a::REVISION => (&mut self.revision, Known::Revision),
            a::SUMMARY => (&mut self.summary, Known::Summary),
            a::UNSPSC_CODE => (&mut self.unspsc_code, Known::UnspscCode),
            a::UNSPSC_VERSION => (&mut self.unspsc_version, Known::UnspscVersion),
            _ => return Ok(Took::Foreign),
        };
        *slot = Some(attr.value_text());
        Ok(Took::Known(known.code()))
    }

    element_common!();
}

impl Element for Meta {
    fn attribute(&mut self, _attr: &Attr<'_>, _cx: &Ctx) -> Result<Took> {
        Ok(Took::Foreign)
    }

    element_common!();
}

/// The `Directory`, `File`, `Process` and `Resource` children of a resource collection.
fn collection_child_kind(local: &str) -> Option<u8> {
    match local {
        el::DIRECTORY => Some(child::DIRECTORY),
        el::FILE => Some(child::FILE),
        el::PROCESS => Some(child::PROCESS),
        el::RESOURCE => Some(child::RESOURCE),
        _ => None,
    }
}

fn collection_start_child(
    items: &mut ResourceCollection,
    kind: u8,
    step: &Step<'_>,
    e: &BytesStart<'_>,
    cx: &mut Ctx,
) -> Result<usize> {
    match kind {
        child::DIRECTORY => start_in(&mut items.directories, Room::Usual, step, e, cx),
        child::FILE => start_in(&mut items.files, Room::Usual, step, e, cx),
        child::PROCESS => start_in(&mut items.processes, Room::Usual, step, e, cx),
        _ => start_in(&mut items.resources, Room::Usual, step, e, cx),
    }
}

fn collection_child(items: &mut ResourceCollection, kind: u8, index: usize) -> Option<&mut dyn Element> {
    match kind {
        child::DIRECTORY => child_in(&mut items.directories, index),
        child::FILE => child_in(&mut items.files, index),
        child::PROCESS => child_in(&mut items.processes, index),
        _ => child_in(&mut items.resources, index),
    }
}

impl Element for Payload {
    fn attribute(&mut self, _attr: &Attr<'_>, _cx: &Ctx) -> Result<Took> {
        Ok(Took::Foreign)
    }
    fn child_kind(&self, local: &str) -> Option<u8> {
        collection_child_kind(local)
    }
    fn start_child(&mut self, kind: u8, step: &Step<'_>, e: &BytesStart<'_>, cx: &mut Ctx) -> Result<usize> {
        collection_start_child(&mut self.items, kind, step, e, cx)
    }
    fn child(&mut self, kind: u8, index: usize) -> Option<&mut dyn Element> {
        collection_child(&mut self.items, kind, index)
    }
    element_common!();
}

impl Element for Evidence {
    fn attribute(&mut self, attr: &Attr<'_>, _cx: &Ctx) -> Result<Took> {
        if attr.namespace.is_some() {
            return Ok(Took::Foreign);
        }
        let known = match attr.local {
            a::DATE => {
                self.date = Some(DateTime::new(attr.text()));
                Known::Date
            }
            a::DEVICE_ID => {
                self.device_id = Some(attr.value_text());
                Known::DeviceId
            }
            _ => return Ok(Took::Foreign),
        };
        Ok(Took::Known(known.code()))
    }
    fn child_kind(&self, local: &str) -> Option<u8> {
        collection_child_kind(local)
    }
    fn start_child(&mut self, kind: u8, step: &Step<'_>, e: &BytesStart<'_>, cx: &mut Ctx) -> Result<usize> {
        collection_start_child(&mut self.items, kind, step, e, cx)
    }
    fn child(&mut self, kind: u8, index: usize) -> Option<&mut dyn Element> {
        collection_child(&mut self.items, kind, index)
    }
    element_common!();
}

/// The attributes `FilesystemItem` gives `Directory` and `File`.
fn filesystem_attribute(
    attr: &Attr<'_>,
    cx: &Ctx,
    name: &mut Option<Text>,
    key: &mut Option<bool>,
    location: &mut Option<Text>,
    root: &mut Option<Text>,
) -> Result<Took> {
    let known = match attr.local {
        a::NAME => {
            *name = Some(attr.value_text());
            Known::Name
        }
        a::KEY => {
            *key = Some(attr.boolean(cx)?);
            Known::Key
        }
        a::LOCATION => {
            *location = Some(attr.value_text());
            Known::Location
        }
        a::ROOT => {
            *root = Some(attr.value_text());
            Known::Root
        }
        _ => return Ok(Took::Foreign),
    };
    Ok(Took::Known(known.code()))
}

impl Element for Directory {
    fn attribute(&mut self, attr: &Attr<'_>, cx: &Ctx) -> Result<Took> {
        if attr.namespace.is_some() {
            return Ok(Took::Foreign);
        }
        filesystem_attribute(attr, cx, &mut self.name, &mut self.key, &mut self.location, &mut self.root)
    }
    fn child_kind(&self, local: &str) -> Option<u8> {
        match local {
            el::DIRECTORY => Some(child::DIRECTORY),
            el::FILE => Some(child::FILE),
            _ => None,
        }
    }
    fn start_child(&mut self, kind: u8, step: &Step<'_>, e: &BytesStart<'_>, cx: &mut Ctx) -> Result<usize> {
        if kind == child::DIRECTORY {
            start_in(&mut self.directories, Room::Usual, step, e, cx)
        } else {
            start_in(&mut self.files, Room::Usual, step, e, cx)
        }
    }
    fn child(&mut self, kind: u8, index: usize) -> Option<&mut dyn Element> {
        if kind == child::DIRECTORY { child_in(&mut self.directories, index) } else { child_in(&mut self.files, index) }
    }
    element_common!();
}

impl Element for File {
    fn attribute(&mut self, attr: &Attr<'_>, cx: &Ctx) -> Result<Took> {
        match attr.namespace {
            None => {}
            Some(namespace) => {
                if attr.local == a::HASH
                    && let Some(algorithm) = HashAlgorithm::from_xml_namespace(namespace)
                {
                    let token = attr.token();
                    let (digest, upper) = crate::hex::decode_digest_with_case(token)
                        .ok_or_else(|| DecodeError::InvalidHex { at: attr.location(cx), value: attr.text() })?;
                    push_first_exact(&mut self.hashes, HashEntry::new(algorithm, digest));
                    return Ok(Took::Hash(self.hashes.len() - 1, !upper && token.len() == attr.value.len()));
                }
                return Ok(Took::Foreign);
            }
        }
        let known = match attr.local {
            a::SIZE => {
                self.size = Some(attr.integer::<u64>(cx, 0, u64::MAX.into())?);
                Known::Size
            }
            a::VERSION => {
                self.version = Some(attr.value_text());
                Known::Version
            }
            _ => {
                return filesystem_attribute(
                    attr,
                    cx,
                    &mut self.name,
                    &mut self.key,
                    &mut self.location,
                    &mut self.root,
                );
            }
        };
        Ok(Took::Known(known.code()))
    }
    element_common!();
}

impl Element for Process {
    fn attribute(&mut self, attr: &Attr<'_>, cx: &Ctx) -> Result<Took> {
        if attr.namespace.is_some() {
            return Ok(Took::Foreign);
        }
        let known = match attr.local {
            a::NAME => {
                self.name = Some(attr.value_text());
                Known::Name
            }
            a::PID => {
                self.pid = Some(attr.integer::<i64>(cx, i64::MIN.into(), i64::MAX.into())?);
                Known::Pid
            }
            _ => return Ok(Took::Foreign),
        };
        Ok(Took::Known(known.code()))
    }
    element_common!();
}

impl Element for Resource {
    fn attribute(&mut self, attr: &Attr<'_>, _cx: &Ctx) -> Result<Took> {
        if attr.namespace.is_none() && attr.local == a::TYPE {
            self.r#type = Some(attr.value_text());
            return Ok(Took::Known(Known::Type.code()));
        }
        Ok(Took::Foreign)
    }
    element_common!();
}

/// The expanded name of a prefixed attribute, refused when its prefix is undeclared or when
/// another attribute of the start tag has the same expanded name.
fn prefixed_attribute<'s>(
    cx: &Ctx,
    step: &'s Step<'_>,
    offset: u64,
    key: &'s str,
    seen: &mut Option<Seen<'s>>,
) -> Result<(Option<&'s str>, &'s str)> {
    let (resolved, local) = step.resolver.resolve_attribute(QName(key));
    let namespace = match resolved {
        ResolveResult::Bound(n) => Some(n.0),
        ResolveResult::Unbound => None,
        ResolveResult::Unknown(prefix) => {
            return Err(DecodeError::UndeclaredPrefix { at: cx.at_attribute(step.position(offset), key), prefix });
        }
    };
    let local = local.into_inner();
    if !Seen::insert(seen, namespace, local) {
        return Err(DecodeError::DuplicateAttribute {
            at: cx.at_attribute(step.position(offset), key),
            name: namespace.map_or_else(|| local.to_owned(), |n| format!("{{{n}}}{local}")),
        });
    }
    Ok((namespace, local))
}

/// A preserved attribute's namespace, borrowed when it is a well-known one.
fn intern_namespace(namespace: &str) -> Cow<'static, str> {
    match namespace {
        ns::N8060 => Cow::Borrowed(ns::N8060),
        ns::XSI => Cow::Borrowed(ns::XSI),
        ns::XMLDSIG => Cow::Borrowed(ns::XMLDSIG),
        ns::SWID => Cow::Borrowed(ns::SWID),
        other => Cow::Owned(other.to_owned()),
    }
}

/// A preserved attribute's local name, borrowed when it is a well-known one.
fn intern_name(name: &str) -> Cow<'static, str> {
    const KNOWN: &[&str] = &[
        a::N8060_MUTABLE,
        a::N8060_PATH_SEPARATOR,
        a::N8060_ENV_VAR_PREFIX,
        a::N8060_ENV_VAR_SUFFIX,
        a::N8060_PATCH_EVENT,
        "schemaLocation",
        "noNamespaceSchemaLocation",
        "type",
        "nil",
        a::HASH,
    ];
    borrowed_or_owned(KNOWN, name)
}

/// A preserved attribute's value, borrowed when it is one that extension attributes often have:
/// the booleans (NISTIR 8060's `mutable`), path separators and the delimiters of environment
/// variables (its `pathSeparator`, `envVarPrefix`, `envVarSuffix`) and the kinds of patch event
/// (its `patchEvent`).
fn intern_value(value: &str) -> Cow<'static, str> {
    const KNOWN: &[&str] =
        &["true", "false", "1", "0", "", "/", "\\", "$", "%", "${", "}", "$(", ")", "add", "remove", "update"];
    borrowed_or_owned(KNOWN, value)
}

/// A preserved element's name (local or qualified), borrowed when it is a usual one: the
/// signature of a signed tag.
fn intern_element_name(name: &str) -> Cow<'static, str> {
    const KNOWN: &[&str] = &["Signature", "ds:Signature"];
    borrowed_or_owned(KNOWN, name)
}

/// `text` borrowed from `known` when it is there, else copied.
fn borrowed_or_owned(known: &'static [&'static str], text: &str) -> Cow<'static, str> {
    match known.iter().find(|k| **k == text) {
        Some(k) => Cow::Borrowed(k),
        None => Cow::Owned(text.to_owned()),
    }
}

/// A preserved attribute's prefix, borrowed when it is a usual one.
fn intern_prefix(prefix: &str) -> Cow<'static, str> {
    const KNOWN: &[&str] = &["n8060", "xsi", "ds", "sha256", "sha384", "sha512", "swid"];
    borrowed_or_owned(KNOWN, prefix)
}

/// The namespace and the local name of the element whose start tag is `e`, resolved with the
/// colon the namespace scopes found when they checked the name (an unprefixed name, the usual
/// one, is not looked through again).
fn resolve_element<'s>(step: &'s Step<'_>, e: &'s BytesStart<'_>) -> (ResolveResult<'s>, &'s str) {
    let name = e.name().0;
    match step.name_colon {
        None => (step.resolver.resolve_prefix(None, true), name),
        Some(colon) => {
            let (resolved, _) = step.resolver.resolve_element(e.name());
            (resolved, name.get(colon + 1..).unwrap_or_default())
        }
    }
}

/// The prefix of the element whose start tag is `e` (see [`resolve_element`]).
fn element_prefix<'s>(step: &Step<'_>, e: &'s BytesStart<'_>) -> Option<&'s str> {
    step.name_colon.and_then(|colon| e.name().0.get(..colon))
}

/// The prefix of a qualified name.
fn prefix_of(qname: &str) -> Option<&str> {
    // Names are short: a plain loop, not a vectorized search set up for each.
    qname.as_bytes().iter().position(|&b| b == b':').and_then(|i| qname.get(..i))
}

/// The namespace a declaration binds, mapped to the 2015 namespace when a legacy namespace is
/// read leniently.
fn declared_uri<'v>(cx: &Ctx, uri: Cow<'v, str>) -> Cow<'v, str> {
    if cx.opts.legacy_namespaces && uri == ns::SWID_2014_DIS { Cow::Borrowed(ns::SWID) } else { uri }
}

/// The qualified attributes of one start tag, by namespace and local name: a few on the stack,
/// more in a vector. Made when a start tag's first prefixed attribute comes (most tags have
/// none), with room for the few a tag usually has.
struct Seen<'a> {
    inline: [(Option<&'a str>, &'a str); 4],
    len: usize,
    more: Vec<(Option<&'a str>, &'a str)>,
}

impl<'a> Seen<'a> {
    /// Adds an attribute to the set `seen` (made on the first call); false when it was there
    /// already.
    fn insert(seen: &mut Option<Self>, namespace: Option<&'a str>, local: &'a str) -> bool {
        let this = seen.get_or_insert_with(|| Seen { inline: [(None, ""); 4], len: 0, more: Vec::new() });
        let entry = (namespace, local);
        let inline = &this.inline[..this.len.min(this.inline.len())];
        if inline.contains(&entry) || this.more.contains(&entry) {
            return false;
        }
        if this.len < this.inline.len() {
            this.inline[this.len] = entry;
            this.len += 1;
        } else {
            this.more.push(entry);
        }
        true
    }
}

/// The attributes of a start tag, each checked against the limit on their number and its
/// malformation turned into the decoder's error.
struct TagAttributes<'s> {
    content: &'s str,
    attributes: Attributes<'s>,
    count: usize,
}

impl<'s> TagAttributes<'s> {
    /// The attributes of the start tag `e` (whose text is `content`): those the namespace
    /// scopes scanned, if they did, else a scan.
    fn of(step: &Step<'s>, content: &'s str, e: &BytesStart<'_>) -> Self {
        let attributes = match step.scanned {
            Some(scanned) => Attributes::replaying(content, scanned),
            None => Attributes::new(content, e.name().0.len()),
        };
        TagAttributes { content, attributes, count: 0 }
    }

    /// The next attribute. Taken by offsets and sliced here, in the caller's loop: built in
    /// registers, the attribute is not handed back through memory and copied, which stalled on
    /// loads of what had just been stored.
    #[allow(clippy::inline_always)] // measured: see the comment above
    #[inline(always)]
    fn next(&mut self, cx: &Ctx, step: &Step<'_>) -> Result<Option<RawAttribute<'s>>> {
        let Some(scanned) = self.attributes.next_scanned() else { return Ok(None) };
        if self.count >= cx.opts.max_attributes {
            return Err(DecodeError::TooManyAttributes {
                at: cx.at(step.start_position()),
                limit: cx.opts.max_attributes,
            });
        }
        self.count += 1;
        let content = self.content;
        scanned.and_then(|s| s.raw(content)).map(Some).map_err(|err| scan_error(cx, step, content, &err))
    }
}

/// Reads the start tag of a SWID element into `out`. Never inlined: one copy for every element
/// type (see [`Element`]).
#[inline(never)]
fn read_start(out: &mut dyn Element, step: &Step<'_>, e: &BytesStart<'_>, cx: &mut Ctx) -> Result<()> {
    let keep = cx.opts.keep_layout;
    if keep {
        *out.layout() = cx.layout.start_element(element_prefix(step, e), matches!(step.event, Event::Empty(_)));
    }
    let content: &str = e;
    // Qualified attributes seen so far, to refuse one attribute written under two prefixes.
    let mut seen = None;
    let mut attributes = TagAttributes::of(step, content, e);
    while let Some(raw) = attributes.next(cx, step)? {
        let attr = raw.attribute;
        let key = attr.key.0;
        let offset = step.start + 1 + raw.at as u64;
        let (space, single_quoted) =
            if keep { ((raw.space != " ").then_some(raw.space), raw.single_quoted) } else { (None, false) };
        if !raw.plain_qname {
            check_attribute_name(cx, step, offset, key)?;
        }
        let value = normalized(cx, step, offset, key, &attr)?;
        if let Some(declaration) = attr.key.as_namespace_binding() {
            if keep {
                let prefix = match declaration {
                    quick_xml::name::PrefixDeclaration::Default => None,
                    quick_xml::name::PrefixDeclaration::Named(p) => Some(p),
                };
                let uri = declared_uri(cx, value);
                cx.layout.namespace(kind::XMLNS, prefix, &uri, space, single_quoted);
            }
            continue;
        }
        // Unprefixed attributes are in no namespace; the reader already refuses two of one name.
        let prefix = raw.colon.and_then(|c| key.get(..c));
        let (namespace, local) =
            if prefix.is_some() { prefixed_attribute(cx, step, offset, key, &mut seen)? } else { (None, key) };
        let attr = Attr { namespace, local, prefix, value: &value, step, offset };
        let (code, index, canonical) = if namespace == Some(ns::XML) && local == a::LANG {
            *out.lang() = Some(attr.value_text());
            (kind::LANG, 0, true)
        } else {
            let took = match out.attribute(&attr, cx) {
                // A value that is not of its type is kept as it came, when asked to.
                Err(e) if cx.opts.keep_invalid_values && e.is_recoverable() => Took::Foreign,
                took => took?,
            };
            match took {
                Took::Known(code) => (code, 0, kind::is_canonical(kind::value_type(code), &value)),
                Took::Hash(i, canonical) => (kind::HASH, i, canonical),
                Took::Foreign => {
                    let namespaces = value_bindings(step, namespace, local, &value);
                    let ext = out.extensions();
                    push_first_exact(
                        &mut ext.attributes,
                        ForeignAttribute {
                            namespace: namespace.map(intern_namespace),
                            name: intern_name(local),
                            prefix: attr.prefix.map(intern_prefix),
                            value: intern_value(&value),
                            namespaces,
                        },
                    );
                    (kind::FOREIGN, ext.attributes.len() - 1, true)
                }
            }
        };
        if keep {
            // Typed values keep their spelling when it is not the canonical one ("1", "+5", "ABCD").
            let lexical = (!canonical).then_some(&*value);
            cx.layout.attribute(code, index, lexical, space, single_quoted);
        }
    }
    if keep {
        let trimmed = content.trim_end_matches(kind::XML_SPACE).len();
        cx.layout.end_start_tag(content.get(trimmed..).unwrap_or_default());
    }
    Ok(())
}

/// The declaration a qualified-name value relies on: for `xsi:type`, the binding of the value's
/// prefix (or of the default namespace) where the attribute is.
fn value_bindings(step: &Step<'_>, namespace: Option<&str>, local: &str, value: &str) -> Vec<NamespaceBinding> {
    if namespace != Some(ns::XSI) || local != "type" {
        return Vec::new();
    }
    let qname = QName(value.trim_matches(kind::XML_SPACE));
    let prefix = qname.prefix();
    if prefix.as_ref().is_some_and(|p| p.as_ref() == "xml") {
        return Vec::new();
    }
    match step.resolver.resolve_prefix(prefix, true) {
        ResolveResult::Bound(uri) => {
            vec![NamespaceBinding { prefix: prefix.map(|p| p.into_inner().to_owned()), uri: uri.0.to_owned() }]
        }
        ResolveResult::Unbound => vec![NamespaceBinding { prefix: None, uri: String::new() }],
        // An undeclared prefix in a value is the value's problem, not the document's.
        ResolveResult::Unknown(_) => Vec::new(),
    }
}

/// An attribute's value after XML's attribute-value normalization (references resolved, white
/// space characters turned into spaces); most values need none, which is checked first, here in
/// the caller (a call with the error's context as arguments cost more than the check).
#[allow(clippy::inline_always)] // measured: see above
#[inline(always)]
fn normalized<'a>(
    cx: &Ctx,
    step: &Step<'_>,
    offset: u64,
    key: &str,
    attr: &quick_xml::events::attributes::Attribute<'a>,
) -> Result<Cow<'a, str>> {
    #[allow(clippy::needless_bitwise_bool)] // deliberately branch-free, so that it vectorizes
    let plain = !attr.value.bytes().fold(false, |acc, b| acc | (b < 0x20) | (b == b'&') | (b == b'<') | (b == 0xEF));
    if plain { Ok(attr.value.clone()) } else { normalized_slowly(cx, step, offset, key, attr) }
}

/// [`normalized`] for a value with references, white space other than spaces, or characters to
/// check.
#[inline(never)]
fn normalized_slowly<'a>(
    cx: &Ctx,
    step: &Step<'_>,
    offset: u64,
    key: &str,
    attr: &quick_xml::events::attributes::Attribute<'a>,
) -> Result<Cow<'a, str>> {
    let raw = attr.value.as_bytes();
    if let Some(i) = memchr::memchr(b'<', raw) {
        return Err(DecodeError::Syntax {
            at: cx.at_attribute(step.position(offset), key),
            message: format!("'<' in the value of {key} (at its byte {i})"),
        });
    }
    let value = attr
        .normalized_value(quick_xml::XmlVersion::Implicit1_0)
        .map_err(|err| value_error(cx, step.position(offset), key, err))?;
    // Raw control characters, and those written as references, are not XML characters.
    if let Some(c) = invalid_char(&attr.value).or_else(|| invalid_char(&value)) {
        return Err(DecodeError::InvalidCharacter {
            at: cx.at_attribute(step.position(offset), key),
            code: u32::from(c),
        });
    }
    Ok(value)
}

/// The error for attributes that are not well-formed.
#[cold]
#[inline(never)]
fn scan_error(cx: &Ctx, step: &Step<'_>, content: &str, err: &ScanError) -> DecodeError {
    let at = step.start + 1 + err.at() as u64;
    match *err {
        ScanError::Duplicate(..) => {
            let name = content
                .get(err.at()..)
                .and_then(|rest| rest.split(['=', ' ', '\t', '\n', '\r']).next())
                .unwrap_or_default();
            DecodeError::DuplicateAttribute { at: cx.at_attribute(step.position(at), name), name: name.to_owned() }
        }
        _ => DecodeError::Syntax { at: cx.at(step.position(at)), message: err.message(content) },
    }
}

/// Maps an error of attribute value normalization.
#[cold]
#[inline(never)]
fn value_error(cx: &Ctx, position: Position, key: &str, err: quick_xml::Error) -> DecodeError {
    let at = cx.at_attribute(position, key);
    match err {
        quick_xml::Error::Escape(quick_xml::escape::EscapeError::UnrecognizedEntity(_, name)) => {
            DecodeError::UndefinedEntity { at, name }
        }
        other => DecodeError::Syntax { at, message: other.to_string() },
    }
}

/// The element reader.
pub(crate) struct Reader<S> {
    src: S,
    cx: Ctx,
    /// Where a container reader is in the document.
    container: ContainerState,
}

/// The document-level state of a container reader.
#[derive(Default)]
struct ContainerState {
    /// For each open level (and the top), how many children of each name so far.
    siblings: Vec<std::collections::HashMap<String, usize>>,
    /// Events read so far (the declaration must be the first).
    events: usize,
    /// The root element has been closed.
    root_done: bool,
    /// A root element was seen.
    root_seen: bool,
}

/// How a document's root turned out.
enum Root {
    /// A 2015 tag (or a legacy one accepted leniently).
    Swid,
    /// Something else.
    Not(DocumentKind),
}

/// Classifies a root (or, in a container, any) element by namespace and local name.
fn classify_root(namespace: Option<&str>, local: &str, legacy: bool) -> Root {
    if local == el::SOFTWARE_IDENTIFICATION_TAG_2009 {
        return Root::Not(DocumentKind::Iso2009);
    }
    if local != el::SOFTWARE_IDENTITY {
        return Root::Not(DocumentKind::OtherRoot { namespace: namespace.map(str::to_owned), name: local.to_owned() });
    }
    match namespace {
        Some(ns::SWID) => Root::Swid,
        Some(ns::SWID_2014_DIS) | None if legacy => Root::Swid,
        Some(ns::SWID_2014_DIS) => Root::Not(DocumentKind::Dis2014),
        None => Root::Not(DocumentKind::NoNamespace),
        Some(ns::SWID_2008_DRAFT | ns::SWID_2008_DRAFT_HTTP) => Root::Not(DocumentKind::Draft2008),
        Some(ns::SWID_2009) => Root::Not(DocumentKind::Iso2009),
        Some(other) => Root::Not(DocumentKind::OtherNamespace(other.to_owned())),
    }
}

/// What a foreign start tag needs from the surrounding document.
#[derive(Default)]
struct Capture {
    /// The source text so far (streams only: text in memory is sliced once at the end).
    raw: String,
    /// Where the element starts in the input.
    start: u64,
    /// Bindings from outside the element that it uses.
    needed: Vec<NamespaceBinding>,
    /// Prefixes declared inside (`None`: the default namespace), each with the depth of the
    /// element that declares it: one list for all levels, so that elements without declarations
    /// cost no allocation.
    declared: Vec<(usize, Option<String>)>,
    /// How many elements of the capture are open, the captured one included.
    depth: usize,
}

impl Capture {
    fn is_declared(&self, prefix: Option<&str>) -> bool {
        self.declared.iter().any(|(_, p)| p.as_deref() == prefix)
    }

    /// Closes the innermost open element: its declarations go out of scope.
    fn close(&mut self) {
        while self.declared.last().is_some_and(|(depth, _)| *depth == self.depth) {
            self.declared.pop();
        }
        self.depth = self.depth.saturating_sub(1);
    }

    fn need(&mut self, prefix: Option<&str>, uri: Option<&str>) {
        if prefix == Some("xml")
            || self.is_declared(prefix)
            || self.needed.iter().any(|b| b.prefix.as_deref() == prefix)
        {
            return;
        }
        self.needed
            .push(NamespaceBinding { prefix: prefix.map(str::to_owned), uri: uri.unwrap_or_default().to_owned() });
    }

    /// Records what a start tag inside the captured element declares and uses, checking its
    /// attributes as for any element.
    fn start(&mut self, cx: &Ctx, step: &Step<'_>, e: &BytesStart<'_>) -> Result<()> {
        let content: &str = e;
        self.depth += 1;
        let mut used: Vec<&str> = Vec::new();
        let mut value_needs: Vec<NamespaceBinding> = Vec::new();
        let mut seen = None;
        let mut attributes = TagAttributes::of(step, content, e);
        while let Some(raw) = attributes.next(cx, step)? {
            let attr = raw.attribute;
            let key = attr.key.0;
            let offset = step.start + 1 + raw.at as u64;
            if !raw.plain_qname {
                check_attribute_name(cx, step, offset, key)?;
            }
            let value = normalized(cx, step, offset, key, &attr)?;
            match attr.key.as_namespace_binding() {
                Some(quick_xml::name::PrefixDeclaration::Default) => self.declared.push((self.depth, None)),
                Some(quick_xml::name::PrefixDeclaration::Named(p)) => {
                    self.declared.push((self.depth, Some(p.to_owned())));
                }
                // Unprefixed attributes are in no namespace and need no declaration.
                None if raw.colon.is_some() => {
                    used.push(key);
                    let (namespace, local) = prefixed_attribute(cx, step, offset, key, &mut seen)?;
                    value_needs.extend(value_bindings(step, namespace, local, &value));
                }
                None => {}
            }
        }
        let (resolved, _) = resolve_element(step, e);
        let element_ns = namespace_of(cx, step, resolved)?;
        self.need(element_prefix(step, e), element_ns);
        for key in used {
            if let Some(prefix) = prefix_of(key) {
                let (resolved, _) = step.resolver.resolve_attribute(QName(key));
                let uri = namespace_of(cx, step, resolved)?;
                self.need(Some(prefix), uri);
            }
        }
        for b in value_needs {
            self.need(b.prefix.as_deref(), Some(b.uri.as_str()));
        }
        Ok(())
    }
}

thread_local! {
    /// The open-element path and the layout builder of the last document this thread decoded
    /// whole, for the next one: their vectors keep their room instead of being allocated again
    /// (two of the 17 allocations of decoding the small corpus tag). The layout builder holds no
    /// document then (`finish` hands it over).
    static SPARE: std::cell::RefCell<Option<(Vec<Open>, Box<LayoutBuilder>)>> =
        const { std::cell::RefCell::new(None) };
}

impl<S: Source> Reader<S> {
    pub(crate) fn new(src: S, opts: DecodeOptions) -> Self {
        let spare = SPARE.with(|cell| cell.try_borrow_mut().ok().and_then(|mut cell| cell.take()));
        let (mut open, mut layout) = spare.unwrap_or_default();
        open.clear();
        layout.reset();
        if opts.keep_layout {
            layout.reserve_for_input(src.size_hint());
        }
        Reader { src, cx: Ctx { opts, open, layout }, container: ContainerState::default() }
    }

    /// Done with a document read whole: what can serve the next one on this thread is kept.
    fn recycle(self) {
        let Reader { src, cx, .. } = self;
        src.recycle();
        let Ctx { open, layout, .. } = cx;
        SPARE.with(|cell| {
            if let Ok(mut cell) = cell.try_borrow_mut() {
                *cell = Some((open, layout));
            }
        });
    }

    /// Reads the content of `out` (attributes already read) up to its end tag.
    fn read_content(&mut self, out: &mut dyn Element) -> Result<()> {
        let keep = self.cx.opts.keep_layout;
        // How many children of each kind (and of each foreign name) so far, for the path.
        let mut counts = [0usize; 10];
        let mut foreign_counts: std::collections::HashMap<(Option<Cow<'static, str>>, Cow<'static, str>), usize> =
            std::collections::HashMap::new();
        loop {
            let Reader { src, cx, .. } = self;
            let step = src.next_step().map_err(|f| read_failure(cx, f))?;
            match &step.event {
                Event::Text(_) | Event::CData(_) | Event::Comment(_) | Event::PI(_) => {
                    check_event_text(cx, &step)?;
                    if keep {
                        cx.layout.text(&step.raw());
                    }
                }
                Event::GeneralRef(r) => {
                    check_reference(cx, &step, r)?;
                    if keep {
                        cx.layout.text(&step.raw());
                    }
                }
                Event::Start(e) | Event::Empty(e) => {
                    let has_end = matches!(step.event, Event::Start(_));
                    let (resolved, local) = resolve_element(&step, e);
                    let namespace = namespace_of(cx, &step, resolved)?;
                    let swid_kind = if cx.is_swid(namespace) { out.child_kind(local) } else { None };
                    if let Some(kind) = swid_kind {
                        let slot = usize::from(kind);
                        counts[slot] += 1;
                        let name = child::name(kind);
                        cx.push(&step, Cow::Borrowed(name), counts[slot], has_end)?;
                        let index = out.start_child(kind, &step, e, cx)?;
                        drop(step);
                        if has_end && let Some(child) = out.child(kind, index) {
                            self.read_content(child)?;
                        }
                        self.cx.open.pop();
                        if keep {
                            self.cx.layout.end_element();
                            self.cx.layout.child(kind, index);
                        }
                    } else {
                        let qname = intern_element_name(e.name().0);
                        // The preserved elements so far are this element's foreign children:
                        // a few are counted directly, many through a map.
                        let before = &out.extensions().elements;
                        let position = if before.len() < FOREIGN_SCAN {
                            1 + before.iter().filter(|x| x.is(namespace, local)).count()
                        } else {
                            if foreign_counts.is_empty() {
                                for x in before {
                                    *foreign_counts.entry((x.namespace.clone(), x.name.clone())).or_insert(0) += 1;
                                }
                            }
                            let count = foreign_counts
                                .entry((namespace.map(intern_namespace), intern_element_name(local)))
                                .or_insert(0);
                            *count += 1;
                            *count
                        };
                        let name = intern_element_name(local);
                        let namespace = namespace.map(intern_namespace);
                        cx.push(&step, qname, position, has_end)?;
                        let mut capture = Capture { start: step.start, ..Capture::default() };
                        capture.start(cx, &step, e)?;
                        if let Some(whole) = step.input_since(capture.start).filter(|_| !has_end) {
                            whole.clone_into(&mut capture.raw);
                        } else if step.input_since(capture.start).is_none() {
                            capture.raw.push_str(&step.raw());
                        }
                        drop(step);
                        if has_end {
                            self.capture_content(&mut capture)?;
                        }
                        self.cx.open.pop();
                        let ext = out.extensions();
                        ext.elements.push(ForeignElement {
                            namespace,
                            name,
                            raw: capture.raw,
                            namespaces: capture.needed,
                        });
                        if keep {
                            let index = ext.elements.len() - 1;
                            self.cx.layout.child(child::FOREIGN, index);
                        }
                    }
                }
                Event::End(_) => return Ok(()),
                Event::Eof => {
                    return Err(DecodeError::UnexpectedEof { at: cx.at(step.start_position()) });
                }
                Event::DocType(_) => {
                    return Err(DecodeError::DtdNotAllowed { at: cx.at(step.start_position()) });
                }
                Event::Decl(_) => {
                    return Err(DecodeError::Syntax {
                        at: cx.at(step.start_position()),
                        message: "an XML declaration inside an element".into(),
                    });
                }
            }
        }
    }

    /// Reads the content of a foreign element whose start tag is in `capture`.
    fn capture_content(&mut self, capture: &mut Capture) -> Result<()> {
        // `capture.depth` counts the open elements inside, the captured one first (its start tag
        // is read).
        loop {
            let Reader { src, cx, .. } = self;
            let step = src.next_step().map_err(|f| read_failure(cx, f))?;
            match &step.event {
                Event::Start(e) | Event::Empty(e) => {
                    // The captured element is open in `cx.open`; `capture.depth` counts it too.
                    if cx.open.len() + capture.depth > cx.opts.max_depth {
                        return Err(DecodeError::TooDeep {
                            at: cx.at(step.start_position()),
                            limit: cx.opts.max_depth,
                        });
                    }
                    capture.start(cx, &step, e)?;
                    if matches!(step.event, Event::Empty(_)) {
                        capture.close();
                    }
                }
                Event::End(_) => capture.close(),
                Event::GeneralRef(r) => check_reference(cx, &step, r)?,
                Event::Text(_) | Event::CData(_) | Event::Comment(_) | Event::PI(_) => check_event_text(cx, &step)?,
                Event::Eof => {
                    return Err(DecodeError::UnexpectedEof { at: cx.at(step.start_position()) });
                }
                Event::DocType(_) => {
                    return Err(DecodeError::DtdNotAllowed { at: cx.at(step.start_position()) });
                }
                Event::Decl(_) => {
                    return Err(DecodeError::Syntax {
                        at: cx.at(step.start_position()),
                        message: "an XML declaration inside an element".into(),
                    });
                }
            }
            match step.input_since(capture.start) {
                Some(whole) if capture.depth == 0 => whole.clone_into(&mut capture.raw),
                Some(_) => {}
                None => capture.raw.push_str(&step.raw()),
            }
            if capture.depth == 0 {
                return Ok(());
            }
        }
    }
}

/// Up to how many preserved siblings the position of the next one is counted directly.
const FOREIGN_SCAN: usize = 16;

/// True for text that is only XML white space.
fn is_space(text: &str) -> bool {
    text.bytes().all(is_space_byte)
}

/// What an event is, for messages.
#[cold]
#[inline(never)]
fn describe(event: &Event<'_>) -> String {
    match event {
        Event::Start(e) | Event::Empty(e) => format!("an element <{}>", e.name().0),
        Event::End(e) => format!("an end tag </{}>", &**e),
        Event::Text(_) | Event::GeneralRef(_) | Event::CData(_) => "text".to_owned(),
        Event::DocType(_) => "a document type declaration".to_owned(),
        Event::Decl(_) => "an XML declaration".to_owned(),
        Event::Comment(_) => "a comment".to_owned(),
        Event::PI(_) => "a processing instruction".to_owned(),
        Event::Eof => "the end".to_owned(),
    }
}

/// Checks an XML declaration: the first thing in the document, with its pseudo-attributes in
/// the grammar's order (see [`declaration_problem`]).
fn check_declaration(cx: &Ctx, step: &Step<'_>, decl: &quick_xml::events::BytesDecl<'_>, first: bool) -> Result<()> {
    let syntax = |message: &str| DecodeError::Syntax { at: cx.at(step.start_position()), message: message.to_owned() };
    if !first || step.start != 0 {
        return Err(syntax("an XML declaration that is not at the very start of the document"));
    }
    let content: &str = decl;
    if USUAL_DECLARATIONS.contains(&content) {
        return Ok(());
    }
    match declaration_problem(content) {
        None => Ok(()),
        Some(DeclarationProblem::Syntax(message)) => Err(syntax(message)),
        Some(DeclarationProblem::Encoding(encoding)) => {
            Err(DecodeError::UnsupportedEncoding { at: cx.at(step.start_position()), encoding })
        }
    }
}

/// The declarations most documents begin with (the text between `<?` and `?>`), which need no
/// scan: the test `usual_declarations_pass_the_check` holds them to [`declaration_problem`].
const USUAL_DECLARATIONS: [&str; 5] = [
    "xml version=\"1.0\" encoding=\"UTF-8\"",
    "xml version=\"1.0\" encoding=\"utf-8\"",
    "xml version=\"1.0\"",
    "xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"",
    "xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"no\"",
];

/// What is wrong with an XML declaration.
#[derive(Debug, PartialEq)]
enum DeclarationProblem {
    Syntax(&'static str),
    /// An encoding other than UTF-8 (or its subset US-ASCII).
    Encoding(String),
}

/// What is wrong with the content of an XML declaration (`xml version="1.0" …`), if anything:
/// its pseudo-attributes must come in the grammar's order (`version`, then optionally
/// `encoding`, then optionally `standalone`), with a version 1.x, a `standalone` of `yes` or
/// `no`, and UTF-8 (or its subset US-ASCII) as the encoding. One pass of the attribute scanner
/// (quick-xml's accessors scan the declaration once for each pseudo-attribute).
fn declaration_problem(content: &str) -> Option<DeclarationProblem> {
    /// What may come next.
    #[derive(PartialEq, PartialOrd)]
    enum Next {
        Version,
        Encoding,
        Standalone,
        Nothing,
    }
    use DeclarationProblem::Syntax;
    const NO_VERSION: &str = "an XML declaration without a version 1.x";
    let mut next = Next::Version;
    // The content starts with the target `xml`.
    for raw in Attributes::new(content, 3) {
        let Ok(raw) = raw else { return Some(Syntax("a malformed XML declaration")) };
        let value = &*raw.attribute.value;
        match raw.attribute.key.0 {
            "version" if next == Next::Version => {
                let digits = value.strip_prefix("1.").unwrap_or_default();
                if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
                    return Some(Syntax(NO_VERSION));
                }
                next = Next::Encoding;
            }
            _ if next == Next::Version => return Some(Syntax(NO_VERSION)),
            "encoding" if next == Next::Encoding => {
                if !["utf-8", "utf8", "us-ascii", "ascii"].iter().any(|e| value.eq_ignore_ascii_case(e)) {
                    return Some(DeclarationProblem::Encoding(value.to_owned()));
                }
                next = Next::Standalone;
            }
            "standalone" if next <= Next::Standalone => {
                if !matches!(value, "yes" | "no") {
                    return Some(Syntax("standalone must be yes or no"));
                }
                next = Next::Nothing;
            }
            _ => {
                return Some(Syntax(
                    "an XML declaration has version, encoding and standalone, in that order, and nothing else",
                ));
            }
        }
    }
    if next == Next::Version {
        return Some(Syntax(NO_VERSION));
    }
    None
}

impl<S: Source> Reader<S> {
    /// Reads a document whose root is a tag.
    pub(crate) fn document(mut self) -> Result<SoftwareIdentity> {
        let keep = self.cx.opts.keep_layout;
        if keep && self.src.had_bom() {
            self.cx.layout.text("\u{feff}");
        }
        let mut first = true;
        let tag = loop {
            let Reader { src, cx, .. } = &mut self;
            let step = src.next_step().map_err(|f| read_failure(cx, f))?;
            match &step.event {
                Event::Decl(d) => {
                    check_declaration(cx, &step, d, first)?;
                    if keep {
                        cx.layout.text(&step.raw());
                    }
                }
                Event::Text(t) if is_space(t) => {
                    if keep {
                        cx.layout.text(&step.raw());
                    }
                }
                Event::Comment(_) | Event::PI(_) => {
                    check_event_text(cx, &step)?;
                    if keep {
                        cx.layout.text(&step.raw());
                    }
                }
                Event::DocType(_) => {
                    return Err(DecodeError::DtdNotAllowed { at: cx.at(step.start_position()) });
                }
                Event::Start(e) | Event::Empty(e) => {
                    let has_end = matches!(step.event, Event::Start(_));
                    let (resolved, local) = resolve_element(&step, e);
                    let namespace = namespace_of(cx, &step, resolved)?;
                    if let Root::Not(kind) = classify_root(namespace, local, cx.opts.legacy_namespaces) {
                        return Err(DecodeError::NotSwid2015 {
                            at: Box::new(Location::new(
                                step.start_position(),
                                Path::from_segments([PathSegment::element(e.name().0, 1)]),
                            )),
                            kind,
                        });
                    }
                    cx.push(&step, Cow::Borrowed(el::SOFTWARE_IDENTITY), 1, has_end)?;
                    let mut tag = SoftwareIdentity::default();
                    read_start(&mut tag, &step, e, cx)?;
                    drop(step);
                    if has_end {
                        self.read_content(&mut tag)?;
                    }
                    self.cx.open.pop();
                    if keep {
                        self.cx.layout.end_element();
                    }
                    break tag;
                }
                Event::Eof => {
                    return Err(DecodeError::NoRootElement { at: cx.at(step.start_position()) });
                }
                other => {
                    return Err(DecodeError::Syntax {
                        at: cx.at(step.start_position()),
                        message: format!("{} before the root element", describe(other)),
                    });
                }
            }
            first = false;
        };
        loop {
            let Reader { src, cx, .. } = &mut self;
            let step = src.next_step().map_err(|f| read_failure(cx, f))?;
            match &step.event {
                Event::Eof => break,
                Event::Text(t) if is_space(t) => {
                    if keep {
                        cx.layout.text(&step.raw());
                    }
                }
                Event::Comment(_) | Event::PI(_) => {
                    check_event_text(cx, &step)?;
                    if keep {
                        cx.layout.text(&step.raw());
                    }
                }
                other => {
                    return Err(DecodeError::ContentAfterRoot {
                        at: cx.at(step.start_position()),
                        what: describe(other),
                    });
                }
            }
        }
        if keep {
            self.cx.layout.finish();
        }
        self.recycle();
        Ok(tag)
    }

    /// The next tag anywhere in a container document; `None` at the end.
    pub(crate) fn next_tag(&mut self) -> Option<Result<SoftwareIdentity>> {
        self.next_tag_inner().transpose()
    }

    fn next_tag_inner(&mut self) -> Result<Option<SoftwareIdentity>> {
        if self.container.siblings.is_empty() {
            self.container.siblings.push(std::collections::HashMap::new());
        }
        loop {
            let Reader { src, cx, container } = self;
            let step = src.next_step().map_err(|f| read_failure(cx, f))?;
            let first = container.events == 0;
            container.events += 1;
            match &step.event {
                Event::Start(e) | Event::Empty(e) => {
                    if cx.open.is_empty() {
                        if container.root_done {
                            return Err(DecodeError::ContentAfterRoot {
                                at: cx.at(step.start_position()),
                                what: describe(&step.event),
                            });
                        }
                        container.root_seen = true;
                    }
                    let has_end = matches!(step.event, Event::Start(_));
                    let qname = e.name().0;
                    let position = {
                        let level = container.siblings.last_mut().map(|m| m.entry(qname.to_owned()).or_insert(0));
                        level.map_or(1, |n| {
                            *n += 1;
                            *n
                        })
                    };
                    let (resolved, local) = resolve_element(&step, e);
                    let namespace = namespace_of(cx, &step, resolved)?;
                    if matches!(classify_root(namespace, local, cx.opts.legacy_namespaces), Root::Swid) {
                        let base = cx.open.len();
                        let keep = cx.opts.keep_layout;
                        if keep {
                            cx.layout.reset();
                        }
                        let mut tag = SoftwareIdentity::default();
                        let started = cx
                            .push(&step, Cow::Borrowed(el::SOFTWARE_IDENTITY), position, has_end)
                            .and_then(|()| read_start(&mut tag, &step, e, cx))
                            .map(|()| tag);
                        drop(step);
                        let result = started.and_then(|mut tag| {
                            if has_end {
                                self.read_content(&mut tag)?;
                            }
                            Ok(tag)
                        });
                        if keep {
                            if result.is_ok() {
                                self.cx.layout.end_element();
                                self.cx.layout.finish();
                            } else {
                                self.cx.layout.reset();
                            }
                        }
                        if let Err(err) = &result
                            && err.is_recoverable()
                        {
                            self.skip_to(base)?;
                        }
                        self.cx.open.truncate(base);
                        if self.cx.open.is_empty() {
                            self.container.root_done = true;
                        }
                        return result.map(Some);
                    }
                    cx.push(&step, Cow::Owned(qname.to_owned()), position, has_end)?;
                    if has_end {
                        container.siblings.push(std::collections::HashMap::new());
                    } else {
                        cx.open.pop();
                        container.root_done |= cx.open.is_empty();
                    }
                }
                Event::End(_) => {
                    cx.open.pop();
                    container.siblings.pop();
                    container.root_done |= cx.open.is_empty();
                }
                Event::Eof => {
                    if !cx.open.is_empty() {
                        return Err(DecodeError::UnexpectedEof { at: cx.at(step.start_position()) });
                    }
                    if !container.root_seen {
                        return Err(DecodeError::NoRootElement { at: cx.at(step.start_position()) });
                    }
                    return Ok(None);
                }
                Event::DocType(_) => return Err(DecodeError::DtdNotAllowed { at: cx.at(step.start_position()) }),
                Event::Decl(d) => check_declaration(cx, &step, d, first)?,
                Event::GeneralRef(r) => {
                    if cx.open.is_empty() {
                        return Err(DecodeError::Syntax {
                            at: cx.at(step.start_position()),
                            message: "text outside the root element".to_owned(),
                        });
                    }
                    check_reference(cx, &step, r)?;
                }
                Event::Text(t) if cx.open.is_empty() && !is_space(t) => {
                    return Err(DecodeError::Syntax {
                        at: cx.at(step.start_position()),
                        message: "text outside the root element".to_owned(),
                    });
                }
                Event::CData(_) if cx.open.is_empty() => {
                    return Err(DecodeError::Syntax {
                        at: cx.at(step.start_position()),
                        message: "a CDATA section outside the root element".to_owned(),
                    });
                }
                _ => check_event_text(cx, &step)?,
            }
        }
    }

    /// After a recoverable error inside the tag opened at depth `base`, reads up to its end.
    fn skip_to(&mut self, base: usize) -> Result<()> {
        let mut open = self.cx.open.get(base..).map_or(0, |o| o.iter().filter(|o| o.has_end).count());
        while open > 0 {
            let Reader { src, cx, .. } = self;
            let step = src.next_step().map_err(|f| read_failure(cx, f))?;
            match step.event {
                Event::Start(_) => open += 1,
                Event::End(_) => open -= 1,
                Event::Eof => {
                    return Err(DecodeError::UnexpectedEof { at: cx.at(step.start_position()) });
                }
                _ => {}
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::{DeclarationProblem, USUAL_DECLARATIONS, declaration_problem};

    #[test]
    fn usual_declarations_pass_the_check() {
        for decl in USUAL_DECLARATIONS {
            assert_eq!(declaration_problem(decl), None, "{decl}");
        }
    }

    #[test]
    fn declaration_problems_are_named() {
        let syntax = |m: &'static str| Some(DeclarationProblem::Syntax(m));
        assert_eq!(declaration_problem("xml"), syntax("an XML declaration without a version 1.x"));
        assert_eq!(declaration_problem("xml version='1.10' standalone='no'"), None);
        assert_eq!(
            declaration_problem("xml version=\"1.0\" encoding=\"UTF-16\""),
            Some(DeclarationProblem::Encoding("UTF-16".to_owned()))
        );
        assert_eq!(declaration_problem("xml version=\"1.0\" standalone=\"1\""), syntax("standalone must be yes or no"));
        assert_eq!(declaration_problem("xml version=\"1.0\" version=\"1.0\""), syntax("a malformed XML declaration"));
    }
}
