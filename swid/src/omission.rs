//! What one format cannot carry of a tag another format decoded: the omissions, and the subset of
//! a tag that crosses.
//!
//! The encoders never drop content silently: [`SoftwareIdentity::to_cbor_vec`] and
//! [`SoftwareIdentity::to_json_string`] fail on anything CoSWID cannot carry (a foreign XML
//! attribute, a `ds:Signature`, `Entity/Meta`, a second hash …), and
//! [`SoftwareIdentity::to_xml_string`] on anything XML cannot (an unknown CoSWID key, an
//! evidence `location`). A conversion that accepts the loss asks for it by name:
//! [`SoftwareIdentity::to_coswid_subset`] and [`SoftwareIdentity::to_xml_subset`] return the part
//! of the tag the format carries together with a list of what was left out and where.
//!
//! ```
//! use iso19770_core::{ForeignAttribute, PathSegment};
//! use iso19770_swid::{Entity, Omitted, Role, SoftwareIdentity};
//!
//! let mut tag = SoftwareIdentity::new("hello", "example.com-hello-1.0");
//! tag.entities.push(Entity::new("Example", [Role::TagCreator]));
//! tag.extensions.attributes.push(ForeignAttribute::new(Some("urn:example"), "build", "42"));
//!
//! let omissions = tag.coswid_omissions();
//! assert_eq!(omissions.len(), 1);
//! assert_eq!(omissions[0].what, Omitted::ForeignAttribute);
//! assert_eq!(omissions[0].path.to_string(), "@{urn:example}build");
//! # #[cfg(feature = "cbor")] {
//! assert!(tag.to_cbor_vec().is_err());
//! let (subset, left_out) = tag.to_coswid_subset();
//! assert_eq!(left_out, omissions);
//! assert!(subset.to_cbor_vec().is_ok());
//! # }
//! ```

#[cfg(any(feature = "xml", feature = "cbor", feature = "json"))]
use crate::error::EncodeError;
use crate::model::{Directory, Entity, Evidence, File, Link, Payload, ResourceCollection, SoftwareIdentity};
use crate::registry::HashAlgorithm;
use iso19770_core::datetime::DateTimeError;
use iso19770_core::uri::is_uri_reference;
use iso19770_core::{Extensions, Label, Path, PathSegment};
use std::fmt;
use std::ops::ControlFlow;

/// Something a tag holds that the target format cannot carry, and where it is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Omission {
    /// Where, with CoSWID's key names (`payload/file[2]/hash`); a foreign attribute ends in
    /// `@{namespace}name`, a foreign element in its name.
    pub path: Path,
    /// What.
    pub what: Omitted,
}

impl fmt::Display for Omission {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.what)
    }
}

/// The kinds of content that do not cross between XML and CoSWID (the mapping table of the crate
/// documentation says what happens to each).
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Omitted {
    /// XML to CoSWID: an attribute outside the SWID schema (`n8060:pathSeparator`, an unqualified
    /// `Resource@rpm`).
    ForeignAttribute,
    /// XML to CoSWID: an element of another namespace (`ds:Signature`).
    ForeignElement,
    /// XML to CoSWID: an `Entity/Meta` element (CoSWID's `entity-entry` has no metadata).
    EntityMeta,
    /// XML to CoSWID: a second `Payload`, or `Evidence` beside a `Payload` (RFC 9393: "at most one
    /// of payload or evidence").
    SecondPayloadOrEvidence,
    /// XML to CoSWID: a file's hash after the one CoSWID's `file-entry` carries.
    ExtraHash,
    /// XML to CoSWID: a hash whose algorithm has no IANA Named Information id (MD5, SHA-1).
    HashWithoutId(HashAlgorithm),
    /// XML to CoSWID: an evidence date without an instant for CoSWID's integer time (no time
    /// zone, not an `xs:dateTime`).
    DateWithoutInstant {
        /// The text.
        text: String,
        /// Why.
        reason: DateTimeError,
    },
    /// XML to CoSWID: a `regid` or `href` that is not an RFC 3986 URI reference (white space,
    /// non-ASCII characters): CoSWID's `any-uri` is CBOR tag 32, whose content must be one.
    NotAUri(String),
    /// CoSWID to XML: a map entry the model has no field for (keys 58 and up, private keys).
    Entry,
    /// CoSWID to XML: `evidence-entry`'s `location` (the 2015 XSD's `Evidence` has none).
    EvidenceLocation,
    /// CoSWID to XML: a hash whose algorithm has no SWID XML namespace (the truncated SHA-256
    /// variants, unassigned ids).
    HashWithoutXmlNamespace(HashAlgorithm),
    /// CoSWID to XML: a role outside the registry that `@role`, a list of `NMTOKEN`s, cannot
    /// hold (empty, or with white space): it would read back as other roles.
    RoleNotAToken(String),
}

impl fmt::Display for Omitted {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Omitted::ForeignAttribute => f.write_str("an XML attribute outside the SWID schema"),
            Omitted::ForeignElement => f.write_str("an XML element of another namespace"),
            Omitted::EntityMeta => f.write_str("an Entity/Meta element"),
            Omitted::SecondPayloadOrEvidence => f.write_str("a second payload or evidence"),
            Omitted::ExtraHash => f.write_str("a second hash of one file"),
            Omitted::HashWithoutId(a) => write!(f, "a {a} hash, which has no Named Information id"),
            Omitted::DateWithoutInstant { text, reason } => write!(f, "the date-time {text:?} ({reason})"),
            Omitted::NotAUri(text) => write!(f, "{text:?}, which is not a URI"),
            Omitted::Entry => f.write_str("a CoSWID entry outside the model"),
            Omitted::EvidenceLocation => f.write_str("an evidence location"),
            Omitted::HashWithoutXmlNamespace(a) => write!(f, "a {a} hash, which has no SWID XML namespace"),
            Omitted::RoleNotAToken(role) => write!(f, "the role {role:?}, which is not one token"),
        }
    }
}

#[cfg(any(feature = "xml", feature = "cbor", feature = "json"))]
impl Omission {
    /// The encoder's error for this omission.
    pub(crate) fn into_error(self, format: &'static str) -> EncodeError {
        let path = self.path;
        match self.what {
            Omitted::SecondPayloadOrEvidence => {
                EncodeError::NotRepresentable { path, what: "at most one payload or evidence" }
            }
            Omitted::HashWithoutId(algorithm) => EncodeError::NoNamedInformationId { path, algorithm },
            Omitted::HashWithoutXmlNamespace(algorithm) => EncodeError::NoXmlNamespace { path, algorithm },
            Omitted::DateWithoutInstant { text, reason } => EncodeError::InvalidDateTime { path, text, reason },
            what => EncodeError::CannotCarry { path, format, what },
        }
    }
}

/// The format a walk checks against.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Target {
    Coswid,
    Xml,
}

/// A path segment without allocation while walking.
#[derive(Clone, Copy)]
enum Seg<'a> {
    /// An item of the model: its CoSWID key and XML element, its index among its siblings of
    /// the kind and whether there are several (CoSWID writes an index only then).
    Item { key: &'static str, element: &'static str, index: usize, several: bool },
    /// CoSWID's `path-elements` map, which XML does not have.
    PathElements,
    /// A CoSWID key or an XML attribute of the model.
    Field { key: &'static str, attribute: &'static str },
    /// A foreign XML attribute.
    Attribute(Option<&'a str>, &'a str),
    /// A foreign XML element.
    Element(&'a str, usize),
    /// An unknown CoSWID entry.
    Entry(&'a Label),
}

/// A read-only walk of a tag that reports each omission for `target`; `sink` stops it with
/// `Break`.
struct Walk<'a, F> {
    target: Target,
    path: Vec<Seg<'a>>,
    sink: F,
}

type Flow = ControlFlow<()>;

impl<'a, F: FnMut(Omission) -> Flow> Walk<'a, F> {
    /// The path in the target's terms: CoSWID keys (`payload/file[2]/hash`) or XML elements
    /// (`SoftwareIdentity/Payload/File[3]/@hash`).
    fn path(&self, last: Option<Seg<'a>>) -> Path {
        let xml = self.target == Target::Xml;
        let mut out = Path::default();
        if xml {
            out.push(PathSegment::element("SoftwareIdentity", 1));
        }
        for seg in self.path.iter().chain(last.as_ref()) {
            match *seg {
                Seg::Item { element, index, .. } if xml => out.push(PathSegment::element(element, index + 1)),
                Seg::Item { key, index, several, .. } => {
                    out.push(PathSegment::key(key));
                    if several {
                        out.push(PathSegment::Index(index));
                    }
                }
                Seg::PathElements if xml => {}
                Seg::PathElements => out.push(PathSegment::key("path-elements")),
                Seg::Field { attribute, .. } if xml => out.push(PathSegment::Attribute(attribute.to_owned())),
                Seg::Field { key, .. } => out.push(PathSegment::key(key)),
                Seg::Attribute(Some(ns), name) => out.push(PathSegment::Attribute(format!("{{{ns}}}{name}"))),
                Seg::Attribute(None, name) => out.push(PathSegment::Attribute(name.to_owned())),
                Seg::Element(name, position) => out.push(PathSegment::element(name, position)),
                Seg::Entry(label) => out.push(PathSegment::key(label.to_string())),
            }
        }
        out
    }

    fn report(&mut self, last: Option<Seg<'a>>, what: Omitted) -> Flow {
        let path = self.path(last);
        (self.sink)(Omission { path, what })
    }

    /// Visits each of `items`, a kind with CoSWID key `key` and XML element `element`.
    fn each<T>(
        &mut self,
        (key, element): (&'static str, &'static str),
        items: &'a [T],
        mut visit: impl FnMut(&mut Self, &'a T) -> Flow,
    ) -> Flow {
        for (index, item) in items.iter().enumerate() {
            self.path.push(Seg::Item { key, element, index, several: items.len() > 1 });
            let flow = visit(self, item);
            self.path.pop();
            flow?;
        }
        Flow::Continue(())
    }

    fn extensions(&mut self, ext: &'a Extensions) -> Flow {
        match self.target {
            Target::Coswid => {
                for a in &ext.attributes {
                    self.report(Some(Seg::Attribute(a.namespace.as_deref(), &a.name)), Omitted::ForeignAttribute)?;
                }
                for (i, e) in ext.elements.iter().enumerate() {
                    let position = ext.elements[..i].iter().filter(|x| x.name == e.name).count() + 1;
                    self.report(Some(Seg::Element(&e.name, position)), Omitted::ForeignElement)?;
                }
            }
            Target::Xml => {
                for e in &ext.entries {
                    self.report(Some(Seg::Entry(&e.label)), Omitted::Entry)?;
                }
            }
        }
        Flow::Continue(())
    }

    fn tag(&mut self, t: &'a SoftwareIdentity) -> Flow {
        self.extensions(&t.extensions)?;
        self.each(ENTITY, &t.entities, Self::entity)?;
        self.each(LINK, &t.links, |w, l: &'a Link| {
            w.extensions(&l.extensions)?;
            w.uri(l.href.as_deref(), Seg::Field { key: "href", attribute: "href" })
        })?;
        self.each(META, &t.metas, |w, m| w.extensions(&m.extensions))?;
        if self.target == Target::Coswid && t.payloads.len() + t.evidences.len() > 1 {
            // CoSWID keeps the first payload, or the first evidence when there is no payload.
            let (payloads, evidences) = if t.payloads.is_empty() { (0, 1) } else { (1, 0) };
            self.each(PAYLOAD, &t.payloads[..payloads], Self::payload)?;
            self.each(EVIDENCE, &t.evidences[..evidences], Self::evidence)?;
            for (index, _) in t.payloads.iter().enumerate().skip(payloads) {
                let seg = Seg::Item { key: PAYLOAD.0, element: PAYLOAD.1, index, several: true };
                self.report(Some(seg), Omitted::SecondPayloadOrEvidence)?;
            }
            for (index, _) in t.evidences.iter().enumerate().skip(evidences) {
                let seg = Seg::Item { key: EVIDENCE.0, element: EVIDENCE.1, index, several: true };
                self.report(Some(seg), Omitted::SecondPayloadOrEvidence)?;
            }
            return Flow::Continue(());
        }
        self.each(PAYLOAD, &t.payloads, Self::payload)?;
        self.each(EVIDENCE, &t.evidences, Self::evidence)
    }

    fn payload(&mut self, p: &'a Payload) -> Flow {
        self.extensions(&p.extensions)?;
        self.collection(&p.items)
    }

    /// A URI CoSWID writes in tag 32.
    fn uri(&mut self, text: Option<&'a str>, seg: Seg<'a>) -> Flow {
        match text {
            Some(t) if self.target == Target::Coswid && !is_uri_reference(t) => {
                self.report(Some(seg), Omitted::NotAUri(t.to_owned()))
            }
            _ => Flow::Continue(()),
        }
    }

    fn entity(&mut self, e: &'a Entity) -> Flow {
        self.extensions(&e.extensions)?;
        self.uri(e.regid.as_deref(), Seg::Field { key: "reg-id", attribute: "regid" })?;
        if self.target == Target::Xml {
            for r in e.roles.iter().filter(|r| !is_token(&r.xml_name())) {
                let seg = Seg::Field { key: "role", attribute: "role" };
                self.report(Some(seg), Omitted::RoleNotAToken(r.xml_name().into_owned()))?;
            }
        }
        if self.target == Target::Coswid {
            for (i, _) in e.metas.iter().enumerate() {
                self.report(Some(Seg::Element("Meta", i + 1)), Omitted::EntityMeta)?;
            }
            if let Some(t) = &e.thumbprint
                && t.algorithm.named_information_id().is_none()
            {
                let seg = Seg::Field { key: "thumbprint", attribute: "thumbprint" };
                self.report(Some(seg), Omitted::HashWithoutId(t.algorithm))?;
            }
        }
        Flow::Continue(())
    }

    fn evidence(&mut self, e: &'a Evidence) -> Flow {
        self.extensions(&e.extensions)?;
        match self.target {
            Target::Coswid => {
                if let Some(date) = &e.date
                    && let Err(reason) = date.unix_seconds()
                {
                    let what = Omitted::DateWithoutInstant { text: date.as_str().to_owned(), reason };
                    self.report(Some(Seg::Field { key: "date", attribute: "date" }), what)?;
                }
            }
            Target::Xml => {
                if e.location.is_some() {
                    let seg = Seg::Field { key: "location", attribute: "location" };
                    self.report(Some(seg), Omitted::EvidenceLocation)?;
                }
            }
        }
        self.collection(&e.items)
    }

    fn collection(&mut self, items: &'a ResourceCollection) -> Flow {
        self.each(DIRECTORY, &items.directories, Self::directory)?;
        self.each(FILE, &items.files, Self::file)?;
        self.each(PROCESS, &items.processes, |w, p| w.extensions(&p.extensions))?;
        self.each(RESOURCE, &items.resources, |w, r| w.extensions(&r.extensions))
    }

    fn directory(&mut self, d: &'a Directory) -> Flow {
        self.extensions(&d.extensions)?;
        if d.directories.is_empty() && d.files.is_empty() {
            return Flow::Continue(());
        }
        self.path.push(Seg::PathElements);
        let flow = match self.each(DIRECTORY, &d.directories, Self::directory) {
            Flow::Continue(()) => self.each(FILE, &d.files, Self::file),
            stop @ Flow::Break(()) => stop,
        };
        self.path.pop();
        flow
    }

    fn file(&mut self, f: &'a File) -> Flow {
        self.extensions(&f.extensions)?;
        match self.target {
            Target::Coswid => {
                let kept = kept_hash(f);
                for (i, h) in f.hashes.iter().enumerate() {
                    let what = match h.algorithm.named_information_id() {
                        None => Omitted::HashWithoutId(h.algorithm),
                        Some(_) if Some(i) != kept => Omitted::ExtraHash,
                        Some(_) => continue,
                    };
                    let seg = Seg::Item { key: "hash", element: "hash", index: i, several: f.hashes.len() > 1 };
                    let flow = self.report(Some(seg), what);
                    flow?;
                }
            }
            Target::Xml => {
                for h in &f.hashes {
                    if h.algorithm.xml_namespace().is_none() {
                        let seg = Seg::Field { key: "hash", attribute: "hash" };
                        self.report(Some(seg), Omitted::HashWithoutXmlNamespace(h.algorithm))?;
                    }
                }
            }
        }
        Flow::Continue(())
    }
}

const ENTITY: (&str, &str) = ("entity", "Entity");
const LINK: (&str, &str) = ("link", "Link");
const META: (&str, &str) = ("software-meta", "Meta");
const PAYLOAD: (&str, &str) = ("payload", "Payload");
const EVIDENCE: (&str, &str) = ("evidence", "Evidence");
const DIRECTORY: (&str, &str) = ("directory", "Directory");
const FILE: (&str, &str) = ("file", "File");
const PROCESS: (&str, &str) = ("process", "Process");
const RESOURCE: (&str, &str) = ("resource", "Resource");

/// True for a text `@role` can hold as one of its tokens.
fn is_token(text: &str) -> bool {
    !text.is_empty() && !text.contains([' ', '\t', '\n', '\r'])
}

/// The index of the hash CoSWID keeps of a file: the first with a Named Information id.
fn kept_hash(f: &File) -> Option<usize> {
    f.hashes.iter().position(|h| h.algorithm.named_information_id().is_some())
}

fn walk(tag: &SoftwareIdentity, target: Target, sink: impl FnMut(Omission) -> Flow) {
    let mut w = Walk { target, path: Vec::new(), sink };
    let _ = w.tag(tag);
}

fn all(tag: &SoftwareIdentity, target: Target) -> Vec<Omission> {
    let mut out = Vec::new();
    walk(tag, target, |o| {
        out.push(o);
        Flow::Continue(())
    });
    out
}

/// The first omission for `target`, as the encoder's error.
#[cfg(any(feature = "xml", feature = "cbor", feature = "json"))]
pub(crate) fn check(tag: &SoftwareIdentity, xml: bool, format: &'static str) -> Result<(), EncodeError> {
    let mut first = None;
    walk(tag, if xml { Target::Xml } else { Target::Coswid }, |o| {
        first = Some(o);
        Flow::Break(())
    });
    first.map_or(Ok(()), |o| Err(o.into_error(format)))
}

/// True when the tag keeps a CBOR or JSON map entry anywhere (what the JSON writer must check
/// reads back: a text label can name a member of its map).
#[cfg(feature = "json")]
pub(crate) fn has_entries(tag: &SoftwareIdentity) -> bool {
    let mut found = false;
    walk(tag, Target::Xml, |o| {
        if matches!(o.what, Omitted::Entry) {
            found = true;
            return Flow::Break(());
        }
        Flow::Continue(())
    });
    found
}

impl SoftwareIdentity {
    /// What CoSWID (CBOR and the JSON form) cannot carry of this tag, in document order; empty
    /// when [`to_cbor_vec`](Self::to_cbor_vec) can write all of it.
    pub fn coswid_omissions(&self) -> Vec<Omission> {
        all(self, Target::Coswid)
    }

    /// The part of this tag CoSWID carries, and what was left out ([`coswid_omissions`](Self::coswid_omissions)).
    ///
    /// Left out: foreign XML attributes and elements, `Entity/Meta`, a second payload or
    /// evidence beside a payload, per file every hash but the first with a Named Information
    /// id, an evidence date without an instant, a `regid` or `href` that is not a URI (a link
    /// without its `href` then lacks what CoSWID requires). The XML
    /// layout is kept (it has no effect on CoSWID).
    #[must_use]
    pub fn to_coswid_subset(&self) -> (SoftwareIdentity, Vec<Omission>) {
        let omissions = self.coswid_omissions();
        let mut t = self.clone();
        strip_xml_only(&mut t.extensions);
        for e in &mut t.entities {
            strip_xml_only(&mut e.extensions);
            e.regid.take_if(|r| !is_uri_reference(r));
            e.metas.clear();
            if e.thumbprint.as_ref().is_some_and(|h| h.algorithm.named_information_id().is_none()) {
                e.thumbprint = None;
            }
        }
        for l in &mut t.links {
            strip_xml_only(&mut l.extensions);
            l.href.take_if(|h| !is_uri_reference(h));
        }
        t.metas.iter_mut().for_each(|m| strip_xml_only(&mut m.extensions));
        if !t.payloads.is_empty() {
            t.payloads.truncate(1);
            t.evidences.clear();
        }
        t.evidences.truncate(1);
        for p in &mut t.payloads {
            strip_xml_only(&mut p.extensions);
            strip_collection(&mut p.items);
        }
        for e in &mut t.evidences {
            strip_xml_only(&mut e.extensions);
            if e.date.as_ref().is_some_and(|d| d.unix_seconds().is_err()) {
                e.date = None;
            }
            strip_collection(&mut e.items);
        }
        (t, omissions)
    }

    /// What XML cannot carry of this tag (a tag decoded from CBOR or JSON), in document order;
    /// empty when [`to_xml_string`](Self::to_xml_string) can write all of it.
    pub fn xml_omissions(&self) -> Vec<Omission> {
        all(self, Target::Xml)
    }

    /// The part of this tag XML carries, and what was left out ([`xml_omissions`](Self::xml_omissions)):
    /// CoSWID entries outside the model, evidence locations, hashes without an XML namespace,
    /// roles that are not one token.
    #[must_use]
    pub fn to_xml_subset(&self) -> (SoftwareIdentity, Vec<Omission>) {
        let omissions = self.xml_omissions();
        let mut t = self.clone();
        t.extensions.entries.clear();
        for e in &mut t.entities {
            e.extensions.entries.clear();
            e.roles.retain(|r| is_token(&r.xml_name()));
        }
        t.links.iter_mut().for_each(|l| l.extensions.entries.clear());
        t.metas.iter_mut().for_each(|m| m.extensions.entries.clear());
        for p in &mut t.payloads {
            p.extensions.entries.clear();
            strip_collection_entries(&mut p.items);
        }
        for e in &mut t.evidences {
            e.extensions.entries.clear();
            e.location = None;
            strip_collection_entries(&mut e.items);
        }
        (t, omissions)
    }
}

fn strip_xml_only(ext: &mut Extensions) {
    ext.attributes.clear();
    ext.elements.clear();
}

fn strip_collection(items: &mut ResourceCollection) {
    fn directory(d: &mut Directory) {
        strip_xml_only(&mut d.extensions);
        d.directories.iter_mut().for_each(directory);
        d.files.iter_mut().for_each(file);
    }
    fn file(f: &mut File) {
        strip_xml_only(&mut f.extensions);
        if let Some(i) = kept_hash(f) {
            f.hashes.swap(0, i);
            f.hashes.truncate(1);
        } else {
            f.hashes.clear();
        }
    }
    items.directories.iter_mut().for_each(directory);
    items.files.iter_mut().for_each(file);
    items.processes.iter_mut().for_each(|p| strip_xml_only(&mut p.extensions));
    items.resources.iter_mut().for_each(|r| strip_xml_only(&mut r.extensions));
}

fn strip_collection_entries(items: &mut ResourceCollection) {
    fn directory(d: &mut Directory) {
        d.extensions.entries.clear();
        d.directories.iter_mut().for_each(directory);
        d.files.iter_mut().for_each(file);
    }
    fn file(f: &mut File) {
        f.extensions.entries.clear();
        f.hashes.retain(|h| h.algorithm.xml_namespace().is_some());
    }
    items.directories.iter_mut().for_each(directory);
    items.files.iter_mut().for_each(file);
    items.processes.iter_mut().for_each(|p| p.extensions.entries.clear());
    items.resources.iter_mut().for_each(|r| r.extensions.entries.clear());
}
