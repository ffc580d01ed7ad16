//! Encoding: the model to XML with quick-xml's writer, following each element's layout where it
//! still fits the model and declaring the namespaces that names and preserved elements need.

use super::kind::{self, Known, child};
use super::names::{is_ncname, is_xml_char};
use crate::error::EncodeError;
use crate::model::{
    Directory, Entity, Evidence, File, Link, Meta, Payload, Process, Resource, SoftwareIdentity, SoftwareMeta,
};
use crate::registry::{attribute as a, element as el, ns};
use iso19770_core::{ElementLayout, Extensions, NamespaceBinding, Path, PathSegment};
use quick_xml::events::{BytesEnd, BytesStart, Event};
use std::borrow::Cow;
use std::fmt::Write as _;
use std::io::Write;

type Result<T> = std::result::Result<T, EncodeError>;

/// The default XML declaration for documents that bring none.
const DECLARATION: &str = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n";
/// One level of indentation for elements without a layout.
const INDENT: &str = "  ";

/// One attribute to write.
struct OutAttr<'m> {
    /// The layout code and index that identify it.
    kind: u8,
    index: usize,
    /// Its namespace (`None`: unqualified).
    namespace: Option<&'m str>,
    local: &'m str,
    /// A prefix to prefer when declaring its namespace.
    hint: Option<Cow<'m, str>>,
    value: Cow<'m, str>,
}

/// An element to write: its name, attributes, preserved content, layout and children.
struct Spec<'m> {
    local: &'static str,
    attrs: Vec<OutAttr<'m>>,
    ext: &'m Extensions,
    layout: Option<ElementLayout<'m>>,
    /// The SWID children: how many of each kind, in canonical order.
    children: Vec<(u8, usize)>,
}

impl<'m> Spec<'m> {
    fn new(local: &'static str, ext: &'m Extensions, layout: Option<ElementLayout<'m>>) -> Self {
        Spec { local, attrs: Vec::new(), ext, layout, children: Vec::new() }
    }

    /// Adds a schema attribute if it has a value.
    fn text(&mut self, attribute: Known, value: Option<&'m str>) {
        if let Some(v) = value {
            self.known(attribute, Cow::Borrowed(v));
        }
    }

    fn known(&mut self, attribute: Known, value: Cow<'m, str>) {
        self.attrs.push(OutAttr {
            kind: attribute.code(),
            index: 0,
            namespace: None,
            local: attribute.local(),
            hint: None,
            value,
        });
    }

    fn boolean(&mut self, attribute: Known, value: Option<bool>) {
        if let Some(b) = value {
            self.known(attribute, Cow::Borrowed(if b { "true" } else { "false" }));
        }
    }

    fn integer(&mut self, attribute: Known, value: Option<impl ToString>) {
        if let Some(i) = value {
            self.known(attribute, Cow::Owned(i.to_string()));
        }
    }

    /// Adds `xml:lang` and the preserved attributes.
    fn finish(mut self, lang: Option<&'m str>) -> Self {
        if let Some(lang) = lang {
            self.attrs.push(OutAttr {
                kind: kind::LANG,
                index: 0,
                namespace: Some(ns::XML),
                local: a::LANG,
                hint: Some(Cow::Borrowed("xml")),
                value: Cow::Borrowed(lang),
            });
        }
        for (index, attr) in self.ext.attributes.iter().enumerate() {
            self.attrs.push(OutAttr {
                kind: kind::FOREIGN,
                index,
                namespace: attr.namespace.as_deref(),
                local: &attr.name,
                hint: attr.prefix.as_deref().map(Cow::Borrowed),
                value: Cow::Borrowed(&attr.value),
            });
        }
        self
    }

    fn has_layout_attribute(&self, code: u8) -> bool {
        self.layout.is_some_and(|l| l.attributes().any(|x| x.kind == code))
    }
}

/// An element whose start tag is written.
struct Open<'m> {
    qname: String,
    trailing: Cow<'m, str>,
    /// The SWID children (and preserved elements): how many of each kind.
    counts: Vec<(u8, usize)>,
}

/// A namespace binding in scope while writing.
struct Bound {
    prefix: Option<String>,
    uri: String,
}

/// The encoder.
pub(crate) struct XmlWriter<W: Write> {
    out: quick_xml::Writer<W>,
    /// Bindings in scope, innermost last; `marks` holds the scope length at each open element.
    scope: Vec<Bound>,
    marks: Vec<usize>,
    path: Vec<(&'static str, usize)>,
    /// Characters outside ASCII are written as references (the document declares US-ASCII).
    ascii: bool,
}

impl<W: Write> XmlWriter<W> {
    pub(crate) fn new(out: W) -> Self {
        XmlWriter {
            out: quick_xml::Writer::new(out),
            scope: Vec::new(),
            marks: Vec::new(),
            path: Vec::new(),
            ascii: false,
        }
    }

    fn path(&self) -> Path {
        Path::from_segments(self.path.iter().map(|&(n, p)| PathSegment::element(n, p)))
    }

    fn raw(&mut self, text: &str) -> Result<()> {
        self.out.get_mut().write_all(text.as_bytes())?;
        Ok(())
    }

    fn check_text(&self, text: &str, attribute: Option<&str>) -> Result<()> {
        if let Some(bad) = text.chars().find(|&c| !is_xml_char(c)) {
            let mut path = self.path();
            if let Some(name) = attribute {
                path.push(PathSegment::attribute(name));
            }
            return Err(EncodeError::InvalidCharacter { path, code: u32::from(bad) });
        }
        Ok(())
    }

    /// Writes a whole document.
    pub(crate) fn document(&mut self, tag: &SoftwareIdentity) -> Result<()> {
        let layout = tag.layout.get();
        // A document declared US-ASCII gets its other characters as references.
        self.ascii = layout.is_some_and(|l| declares_ascii(l.prolog()));
        match layout {
            Some(l) => self.raw(l.prolog())?,
            None => self.raw(DECLARATION)?,
        }
        self.software_identity(tag)?;
        match layout {
            Some(l) => self.raw(l.epilog()),
            None => self.raw("\n"),
        }
    }

    /// The uri bound to `prefix` by `decls` or the scope (`""` for an unbound default).
    fn resolve<'s>(&'s self, decls: &'s [NamespaceBinding], prefix: Option<&str>) -> Option<&'s str> {
        if prefix == Some("xml") {
            return Some(ns::XML);
        }
        if let Some(b) = decls.iter().rev().find(|b| b.prefix.as_deref() == prefix) {
            return Some(&b.uri);
        }
        match self.scope.iter().rev().find(|b| b.prefix.as_deref() == prefix) {
            Some(b) => Some(&b.uri),
            None if prefix.is_none() => Some(""),
            None => None,
        }
    }

    /// A prefix (not the default) bound to `uri` in `decls` or the scope, innermost first, and
    /// not shadowed.
    fn prefix_for(&self, decls: &[NamespaceBinding], uri: &str) -> Option<String> {
        decls
            .iter()
            .rev()
            .map(|b| (&b.prefix, &b.uri))
            .chain(self.scope.iter().rev().map(|b| (&b.prefix, &b.uri)))
            .filter(|(p, u)| p.is_some() && u.as_str() == uri)
            .map(|(p, _)| p.clone())
            .find(|p| self.resolve(decls, p.as_deref()) == Some(uri))
            .flatten()
    }

    /// Writes one element with its children; `child` writes the SWID child of a kind and index.
    ///
    /// The start tag is written by a function of its own, so that its many temporaries are not
    /// on the stack while the children, and their children, are written.
    fn element<'m>(
        &mut self,
        spec: &Spec<'m>,
        child: &mut dyn FnMut(&mut Self, u8, usize) -> Result<()>,
    ) -> Result<()> {
        match self.start_tag(spec)? {
            Some(open) => self.children(spec, &open, child),
            None => Ok(()),
        }
    }

    /// Writes the start tag (or the whole element when it is empty); returns what writing the
    /// children and the end tag needs.
    fn start_tag<'m>(&mut self, spec: &Spec<'m>) -> Result<Option<Open<'m>>> {
        let layout = spec.layout;
        // Declarations the preserved children and qualified-name values need, which must hold
        // on this element.
        let mut hard: Vec<&NamespaceBinding> = Vec::new();
        let needs = spec.ext.elements.iter().flat_map(|e| &e.namespaces);
        for need in needs.chain(spec.ext.attributes.iter().flat_map(|a| &a.namespaces)) {
            // `xml` is bound by XML itself; `xmlns` is never bound.
            if need.prefix.as_deref() == Some("xml") && need.uri == ns::XML {
                continue;
            }
            if matches!(need.prefix.as_deref(), Some("xml" | "xmlns"))
                || need.prefix.as_deref().is_some_and(|p| !is_ncname(p))
            {
                return Err(EncodeError::InvalidName {
                    path: self.path(),
                    name: need.prefix.clone().unwrap_or_default(),
                });
            }
            {
                match hard.iter().find(|h| h.prefix == need.prefix) {
                    Some(h) if h.uri != need.uri => {
                        return Err(EncodeError::NamespaceConflict {
                            path: self.path(),
                            prefix: need.prefix.clone(),
                            first: h.uri.clone(),
                            second: need.uri.clone(),
                        });
                    }
                    Some(_) => {}
                    None => hard.push(need),
                }
            }
        }
        let mut decls: Vec<NamespaceBinding> = Vec::new();
        // The declarations of the layout, as long as they do not contradict the hard ones.
        let mut from_layout: Vec<(usize, usize)> = Vec::new();
        if let Some(l) = layout {
            for (i, (prefix, uri)) in l.namespaces().enumerate() {
                let reserved = matches!(prefix, Some("xml" | "xmlns"));
                let valid = prefix.is_none_or(is_ncname) && (prefix.is_none() || !uri.is_empty());
                let contradicts = hard.iter().any(|h| h.prefix.as_deref() == prefix && h.uri != uri);
                let repeated = decls.iter().any(|d| d.prefix.as_deref() == prefix);
                if !reserved && valid && !contradicts && !repeated {
                    from_layout.push((i, decls.len()));
                    decls.push(NamespaceBinding::new(prefix, uri));
                }
            }
        }
        for h in &hard {
            if self.resolve(&decls, h.prefix.as_deref()) != Some(h.uri.as_str()) {
                decls.retain(|d| d.prefix != h.prefix);
                decls.push((*h).clone());
            }
        }
        let hard_prefixes: Vec<Option<&str>> = hard.iter().map(|h| h.prefix.as_deref()).collect();
        // The element's own prefix.
        let hinted = layout
            .map(|l| l.prefix())
            .filter(|p| p.is_none_or(is_ncname) && self.resolve(&decls, *p) == Some(ns::SWID));
        let prefix: Option<String> = if let Some(p) = hinted {
            p.map(str::to_owned)
        } else if self.resolve(&decls, None) == Some(ns::SWID) {
            None
        } else if let Some(p) = self.prefix_for(&decls, ns::SWID) {
            Some(p)
        } else if !hard_prefixes.contains(&None) && !decls.iter().any(|d| d.prefix.is_none()) {
            decls.push(NamespaceBinding::new(None, ns::SWID));
            None
        } else {
            let p = fresh_prefix("swid", &decls, &hard_prefixes, &[]);
            decls.push(NamespaceBinding::new(Some(&p), ns::SWID));
            Some(p)
        };
        let mut used: Vec<String> = prefix.iter().cloned().collect();
        // Attribute names: valid, not a declaration, and each expanded name once.
        let mut qnames: Vec<Cow<'m, str>> = Vec::with_capacity(spec.attrs.len());
        for (i, attr) in spec.attrs.iter().enumerate() {
            let reserved = attr.namespace == Some(XMLNS_NAMESPACE)
                || attr.namespace == Some("")
                || (attr.namespace.is_none() && attr.local == "xmlns");
            if !is_ncname(attr.local) || reserved {
                let name = match attr.namespace {
                    Some(n) => format!("{{{n}}}{}", attr.local),
                    None => attr.local.to_owned(),
                };
                return Err(EncodeError::InvalidName { path: self.path(), name });
            }
            if spec.attrs[..i].iter().any(|a| a.namespace == attr.namespace && a.local == attr.local) {
                let name = match attr.namespace {
                    Some(n) => format!("{{{n}}}{}", attr.local),
                    None => attr.local.to_owned(),
                };
                return Err(EncodeError::DuplicateAttribute { path: self.path(), name });
            }
            let Some(uri) = attr.namespace else {
                qnames.push(Cow::Borrowed(attr.local));
                continue;
            };
            let p = if uri == ns::XML {
                "xml".to_owned()
            } else if let Some(h) = attr.hint.as_deref().filter(|h| self.resolve(&decls, Some(h)) == Some(uri)) {
                h.to_owned()
            } else if let Some(p) = self.prefix_for(&decls, uri) {
                p
            } else {
                let hint = attr
                    .hint
                    .as_deref()
                    .filter(|h| is_ncname(h) && !h.eq_ignore_ascii_case("xml") && !h.starts_with("xmlns"));
                let p = match hint {
                    Some(h)
                        if !decls.iter().any(|d| d.prefix.as_deref() == Some(h))
                            && !used.iter().any(|u| u == h)
                            && !hard_prefixes.contains(&Some(h)) =>
                    {
                        h.to_owned()
                    }
                    _ => fresh_prefix(hint.unwrap_or("ns"), &decls, &hard_prefixes, &used),
                };
                decls.push(NamespaceBinding::new(Some(&p), uri));
                p
            };
            qnames.push(Cow::Owned(format!("{p}:{}", attr.local)));
            used.push(p);
        }
        // Attributes to write: the declarations, then the attributes; in layout order first.
        let mut items: Vec<(u8, usize, Cow<'_, str>, Cow<'_, str>)> = Vec::new();
        for (i, d) in decls.iter().enumerate() {
            let index = from_layout.iter().find(|&&(_, at)| at == i).map_or(usize::MAX - i, |&(li, _)| li);
            let name = match &d.prefix {
                Some(p) => Cow::Owned(format!("xmlns:{p}")),
                None => Cow::Borrowed("xmlns"),
            };
            items.push((kind::XMLNS, index, name, Cow::Borrowed(d.uri.as_str())));
        }
        for (attr, qname) in spec.attrs.iter().zip(qnames) {
            self.check_text(&attr.value, Some(attr.local))?;
            items.push((attr.kind, attr.index, qname, Cow::Borrowed(&attr.value)));
        }
        let qname = match &prefix {
            Some(p) => format!("{p}:{}", spec.local),
            None => spec.local.to_owned(),
        };
        let mut content = qname.clone();
        let mut written = vec![false; items.len()];
        if let Some(l) = layout {
            for entry in l.attributes() {
                if let Some(i) = items
                    .iter()
                    .enumerate()
                    .position(|(i, it)| !written[i] && it.0 == entry.kind && it.1 == entry.index)
                {
                    written[i] = true;
                    let (code, _, name, value) = &items[i];
                    let value = match entry.lexical {
                        Some(lexical)
                            if kind::canonical(kind::value_type(*code), lexical).as_deref() == Some(&**value) =>
                        {
                            lexical
                        }
                        _ => value,
                    };
                    push_attribute(&mut content, entry.space, name, value, entry.single_quoted, self.ascii);
                }
            }
        }
        for (i, (_, _, name, value)) in items.iter().enumerate() {
            if !written[i] {
                push_attribute(&mut content, None, name, value, false, self.ascii);
            }
        }
        if let Some(l) = layout {
            content.push_str(l.tag_space());
        }
        let start = BytesStart::from_content(content, qname.len());
        // Children: the layout's order and text first, then what the layout does not know.
        let mut counts: Vec<(u8, usize)> = spec.children.clone();
        counts.push((child::FOREIGN, spec.ext.elements.len()));
        let total: usize = counts.iter().map(|c| c.1).sum();
        let trailing = match layout {
            Some(l) => Cow::Borrowed(l.trailing()),
            None if total > 0 => Cow::Owned(format!("\n{}", INDENT.repeat(self.path.len().saturating_sub(1)))),
            None => Cow::Borrowed(""),
        };
        if total == 0 && trailing.is_empty() && layout.is_none_or(|l| l.is_empty_element()) {
            self.out.write_event(Event::Empty(start))?;
            return Ok(None);
        }
        self.out.write_event(Event::Start(start))?;
        self.marks.push(self.scope.len());
        self.scope.extend(decls.into_iter().map(|d| Bound { prefix: d.prefix, uri: d.uri }));
        Ok(Some(Open { qname, trailing, counts }))
    }

    /// Writes the children of an open element, in the layout's order and with its text first,
    /// then what the layout does not know; then the end tag.
    fn children<'m>(
        &mut self,
        spec: &Spec<'m>,
        open: &Open<'m>,
        child: &mut dyn FnMut(&mut Self, u8, usize) -> Result<()>,
    ) -> Result<()> {
        let layout = spec.layout;
        let counts = &open.counts;
        let mut done: Vec<Vec<bool>> = counts.iter().map(|&(_, n)| vec![false; n]).collect();
        let indent = format!("\n{}", INDENT.repeat(self.path.len()));
        let mut positions = [0usize; 10];
        if let Some(l) = layout {
            for (entry, before) in l.children_with_text() {
                let Some(slot) = counts.iter().position(|c| c.0 == entry.kind) else { continue };
                if entry.index < counts[slot].1 && !done[slot][entry.index] {
                    done[slot][entry.index] = true;
                    self.raw(before)?;
                    self.write_child(spec.ext, entry.kind, entry.index, &mut positions, child)?;
                }
            }
        }
        for (&(kind_code, _), done) in counts.iter().zip(&done) {
            for (index, _) in done.iter().enumerate().filter(|(_, d)| !**d) {
                self.raw(&indent)?;
                self.write_child(spec.ext, kind_code, index, &mut positions, child)?;
            }
        }
        self.raw(&open.trailing)?;
        if let Some(mark) = self.marks.pop() {
            self.scope.truncate(mark);
        }
        self.out.write_event(Event::End(BytesEnd::new(open.qname.as_str())))?;
        Ok(())
    }

    fn write_child(
        &mut self,
        ext: &Extensions,
        kind_code: u8,
        index: usize,
        positions: &mut [usize; 10],
        child: &mut dyn FnMut(&mut Self, u8, usize) -> Result<()>,
    ) -> Result<()> {
        if kind_code == child::FOREIGN {
            if let Some(e) = ext.elements.get(index) {
                self.raw(&e.raw)?;
            }
            return Ok(());
        }
        let slot = usize::from(kind_code).min(9);
        positions[slot] += 1;
        self.path.push((child::name(kind_code), positions[slot]));
        let result = child(self, kind_code, index);
        self.path.pop();
        result
    }

    pub(crate) fn software_identity(&mut self, tag: &SoftwareIdentity) -> Result<()> {
        let mut s = Spec::new(el::SOFTWARE_IDENTITY, &tag.extensions, tag.layout.get());
        s.text(Known::Name, tag.name.as_deref());
        if let Some(id) = &tag.tag_id {
            s.known(Known::TagId, id_text(id));
        }
        s.integer(Known::TagVersion, tag.tag_version);
        s.text(Known::Version, tag.version.as_deref());
        if let Some(v) = &tag.version_scheme {
            s.known(Known::VersionScheme, v.xml_name());
        }
        s.boolean(Known::Corpus, tag.corpus);
        s.boolean(Known::Patch, tag.patch);
        s.boolean(Known::Supplemental, tag.supplemental);
        s.text(Known::Media, tag.media.as_deref());
        let mut s = s.finish(tag.lang.as_deref());
        s.children = vec![
            (child::ENTITY, tag.entities.len()),
            (child::LINK, tag.links.len()),
            (child::META, tag.metas.len()),
            (child::PAYLOAD, tag.payloads.len()),
            (child::EVIDENCE, tag.evidences.len()),
        ];
        self.path.push((el::SOFTWARE_IDENTITY, 1));
        let result = self.element(&s, &mut |w, k, i| match k {
            child::ENTITY => w.entity(&tag.entities[i]),
            child::LINK => w.link(&tag.links[i]),
            child::META => w.software_meta(&tag.metas[i]),
            child::PAYLOAD => w.payload(&tag.payloads[i]),
            _ => w.evidence(&tag.evidences[i]),
        });
        self.path.pop();
        result
    }

    fn entity(&mut self, e: &Entity) -> Result<()> {
        let mut s = Spec::new(el::ENTITY, &e.extensions, e.layout.get());
        s.text(Known::Name, e.name.as_deref());
        s.text(Known::Regid, e.regid.as_deref());
        if !e.roles.is_empty() || s.has_layout_attribute(Known::Role.code()) {
            let roles: Vec<Cow<'_, str>> = e.roles.iter().map(|r| r.xml_name()).collect();
            s.known(Known::Role, Cow::Owned(roles.join(" ")));
        }
        if let Some(t) = &e.thumbprint {
            s.known(Known::Thumbprint, Cow::Owned(t.to_hex()));
        }
        let mut s = s.finish(e.lang.as_deref());
        s.children = vec![(child::META, e.metas.len())];
        self.element(&s, &mut |w, _, i| w.meta(&e.metas[i]))
    }

    fn link(&mut self, l: &Link) -> Result<()> {
        let mut s = Spec::new(el::LINK, &l.extensions, l.layout.get());
        s.text(Known::Href, l.href.as_deref());
        if let Some(rel) = &l.rel {
            s.known(Known::Rel, rel.xml_name());
        }
        s.text(Known::Artifact, l.artifact.as_deref());
        s.text(Known::Media, l.media.as_deref());
        if let Some(o) = &l.ownership {
            s.known(Known::Ownership, o.xml_name());
        }
        s.text(Known::Type, l.media_type.as_deref());
        if let Some(u) = &l.r#use {
            s.known(Known::Use, u.xml_name());
        }
        self.element(&s.finish(l.lang.as_deref()), &mut |_, _, _| Ok(()))
    }

    fn software_meta(&mut self, m: &SoftwareMeta) -> Result<()> {
        let mut s = Spec::new(el::META, &m.extensions, m.layout.get());
        s.text(Known::ActivationStatus, m.activation_status.as_deref());
        s.text(Known::ChannelType, m.channel_type.as_deref());
        s.text(Known::ColloquialVersion, m.colloquial_version.as_deref());
        s.text(Known::Description, m.description.as_deref());
        s.text(Known::Edition, m.edition.as_deref());
        s.boolean(Known::EntitlementDataRequired, m.entitlement_data_required);
        s.text(Known::EntitlementKey, m.entitlement_key.as_deref());
        if let Some(g) = &m.generator {
            s.known(Known::Generator, id_text(g));
        }
        s.text(Known::PersistentId, m.persistent_id.as_deref());
        s.text(Known::Product, m.product.as_deref());
        s.text(Known::ProductFamily, m.product_family.as_deref());
        s.text(Known::Revision, m.revision.as_deref());
        s.text(Known::Summary, m.summary.as_deref());
        s.text(Known::UnspscCode, m.unspsc_code.as_deref());
        s.text(Known::UnspscVersion, m.unspsc_version.as_deref());
        self.element(&s.finish(m.lang.as_deref()), &mut |_, _, _| Ok(()))
    }

    fn meta(&mut self, m: &Meta) -> Result<()> {
        let s = Spec::new(el::META, &m.extensions, m.layout.get());
        self.element(&s.finish(m.lang.as_deref()), &mut |_, _, _| Ok(()))
    }

    fn collection<'m>(&mut self, mut s: Spec<'m>, items: &'m crate::model::ResourceCollection) -> Result<()> {
        s.children = vec![
            (child::DIRECTORY, items.directories.len()),
            (child::FILE, items.files.len()),
            (child::PROCESS, items.processes.len()),
            (child::RESOURCE, items.resources.len()),
        ];
        self.element(&s, &mut |w, k, i| match k {
            child::DIRECTORY => w.directory(&items.directories[i]),
            child::FILE => w.file(&items.files[i]),
            child::PROCESS => w.process(&items.processes[i]),
            _ => w.resource(&items.resources[i]),
        })
    }

    fn payload(&mut self, p: &Payload) -> Result<()> {
        let s = Spec::new(el::PAYLOAD, &p.extensions, p.layout.get()).finish(p.lang.as_deref());
        self.collection(s, &p.items)
    }

    fn evidence(&mut self, e: &Evidence) -> Result<()> {
        let mut s = Spec::new(el::EVIDENCE, &e.extensions, e.layout.get());
        s.text(Known::Date, e.date.as_ref().map(iso19770_core::DateTime::as_str));
        s.text(Known::DeviceId, e.device_id.as_deref());
        let s = s.finish(e.lang.as_deref());
        self.collection(s, &e.items)
    }

    fn directory(&mut self, d: &Directory) -> Result<()> {
        let mut s = Spec::new(el::DIRECTORY, &d.extensions, d.layout.get());
        s.text(Known::Name, d.name.as_deref());
        s.boolean(Known::Key, d.key);
        s.text(Known::Location, d.location.as_deref());
        s.text(Known::Root, d.root.as_deref());
        let mut s = s.finish(d.lang.as_deref());
        s.children = vec![(child::DIRECTORY, d.directories.len()), (child::FILE, d.files.len())];
        self.element(&s, &mut |w, k, i| {
            if k == child::DIRECTORY { w.directory(&d.directories[i]) } else { w.file(&d.files[i]) }
        })
    }

    fn file(&mut self, f: &File) -> Result<()> {
        let mut s = Spec::new(el::FILE, &f.extensions, f.layout.get());
        s.text(Known::Name, f.name.as_deref());
        s.boolean(Known::Key, f.key);
        s.text(Known::Location, f.location.as_deref());
        s.text(Known::Root, f.root.as_deref());
        s.integer(Known::Size, f.size);
        s.text(Known::Version, f.version.as_deref());
        for (index, hash) in f.hashes.iter().enumerate() {
            let Some(uri) = hash.algorithm.xml_namespace() else {
                return Err(EncodeError::NoXmlNamespace { path: self.path(), algorithm: hash.algorithm });
            };
            s.attrs.push(OutAttr {
                kind: kind::HASH,
                index,
                namespace: Some(uri),
                local: a::HASH,
                hint: hash.algorithm.name().map(|n| Cow::Owned(n.replace('-', ""))),
                value: Cow::Owned(hash.to_hex()),
            });
        }
        self.element(&s.finish(f.lang.as_deref()), &mut |_, _, _| Ok(()))
    }

    fn process(&mut self, p: &Process) -> Result<()> {
        let mut s = Spec::new(el::PROCESS, &p.extensions, p.layout.get());
        s.text(Known::Name, p.name.as_deref());
        s.integer(Known::Pid, p.pid);
        self.element(&s.finish(p.lang.as_deref()), &mut |_, _, _| Ok(()))
    }

    fn resource(&mut self, r: &Resource) -> Result<()> {
        let mut s = Spec::new(el::RESOURCE, &r.extensions, r.layout.get());
        s.text(Known::Type, r.r#type.as_deref());
        self.element(&s.finish(r.lang.as_deref()), &mut |_, _, _| Ok(()))
    }

    pub(crate) fn into_inner(self) -> W {
        self.out.into_inner()
    }
}

/// Appends ` name="value"` to a start tag, escaping the value so that it reads back the same
/// (white space characters as references, which attribute-value normalization would turn into
/// spaces).
fn push_attribute(tag: &mut String, space: Option<&str>, name: &str, value: &str, single_quoted: bool, ascii: bool) {
    let quote = if single_quoted { '\'' } else { '"' };
    tag.push_str(space.unwrap_or(" "));
    tag.push_str(name);
    tag.push('=');
    tag.push(quote);
    for c in value.chars() {
        match c {
            '&' => tag.push_str("&amp;"),
            '<' => tag.push_str("&lt;"),
            '"' if !single_quoted => tag.push_str("&quot;"),
            '\'' if single_quoted => tag.push_str("&apos;"),
            '\t' => tag.push_str("&#9;"),
            '\n' => tag.push_str("&#10;"),
            '\r' => tag.push_str("&#13;"),
            other if ascii && !other.is_ascii() => {
                let _ = write!(tag, "&#x{:X};", u32::from(other));
            }
            other => tag.push(other),
        }
    }
    tag.push(quote);
}

/// True when an XML declaration in `prolog` names US-ASCII.
fn declares_ascii(prolog: &str) -> bool {
    let Some(at) = prolog.find("encoding") else { return false };
    let rest = prolog[at + "encoding".len()..].trim_start_matches(|c: char| c == '=' || c.is_ascii_whitespace());
    let value = rest.trim_start_matches(['"', '\'']);
    let value: String = value.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '-').collect();
    matches!(value.to_ascii_lowercase().as_str(), "us-ascii" | "ascii")
}

/// The namespace of `xmlns` declarations, which no attribute may be in.
const XMLNS_NAMESPACE: &str = "http://www.w3.org/2000/xmlns/";

/// The XML text of a text or UUID identifier (a UUID in its hyphenated form).
fn id_text(id: &crate::TagId) -> Cow<'_, str> {
    match id.as_text() {
        Some(t) => Cow::Borrowed(t),
        None => Cow::Owned(id.to_string()),
    }
}

/// A prefix starting with `base` that is neither declared on the element nor needed by its
/// preserved children.
fn fresh_prefix(base: &str, decls: &[NamespaceBinding], hard: &[Option<&str>], used: &[String]) -> String {
    let taken = |p: &str| {
        decls.iter().any(|d| d.prefix.as_deref() == Some(p)) || hard.contains(&Some(p)) || used.iter().any(|u| u == p)
    };
    if !taken(base) {
        return base.to_owned();
    }
    // At most as many candidates are taken as there are declarations and needs.
    (1..=decls.len() + hard.len() + used.len() + 1)
        .map(|i| format!("{base}{i}"))
        .find(|p| !taken(p))
        .unwrap_or_else(|| base.to_owned())
}
