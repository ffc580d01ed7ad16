//! The XML form of `CycloneDX` (feature `xml`): quick-xml's namespace-aware reader builds a small
//! tree with source spans, which the mapping reads; what is kept sits in
//! [`ForeignElement`]s of the `CycloneDX` 1.6 namespace; quick-xml's writer writes the BOM.

use super::{
    BomIn, ChoiceIn, ComponentIn, ComponentOut, Import, Kept, LicenseIn, LicenseOut, LicensingIn, Named, NamedIn,
    NotCrossed, PartyIn, PartyOut, Place, SLOTS, index, key,
};
use crate::error::DecodeError;
use crate::model::Ent;
use iso19770_core::{Extensions, ForeignElement, Location, NamespaceBinding, Path, PathSegment, Position};
use quick_xml::events::attributes::Attribute;
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};
use quick_xml::name::{QName, ResolveResult};
use quick_xml::{NsReader, Writer};
use std::borrow::Cow;
use std::collections::HashMap;
use std::rc::Rc;

/// The namespace of `CycloneDX` 1.6 XML BOMs: read, and written by [`export_xml`].
pub const NAMESPACE_1_6: &str = "http://cyclonedx.org/schema/bom/1.6";

/// The namespace of `CycloneDX` 1.5 XML BOMs: read.
pub const NAMESPACE_1_5: &str = "http://cyclonedx.org/schema/bom/1.5";

/// The XML Schema instance namespace (`xsi:schemaLocation` names a schema: not a member).
const XSI: &str = "http://www.w3.org/2001/XMLSchema-instance";

/// The deepest nesting read (the root is depth 1).
const MAX_DEPTH: usize = 256;

/// The most attributes (namespace declarations included) read on one element.
const MAX_ATTRIBUTES: usize = 256;

/// The most namespace declarations in scope at once (quick-xml's resolver refuses more).
const MAX_NAMESPACE_BINDINGS: usize = 128;

/// What the tree may take for its elements' paths, namespaces and scopes: this many times the
/// input's size, plus 4 MiB ([`DecodeError::XmlTooLarge`] past it).
const EXPANSION: usize = 16;

type Result<T> = std::result::Result<T, DecodeError>;

/// What [`export_xml`] wrote: a `CycloneDX` 1.6 XML BOM, and what could not cross.
///
/// ```
/// let export = iso19770_ent::cyclonedx::export_xml(&[]);
/// assert!(export.xml.contains(r#"<bom xmlns="http://cyclonedx.org/schema/bom/1.6">"#));
/// assert!(export.not_crossed.is_empty());
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct XmlExport {
    /// The BOM, as indented XML text.
    pub xml: String,
    /// The parts of the Ents that could not be written.
    pub not_crossed: Vec<NotCrossed>,
}

/// True for the `CycloneDX` namespaces this module reads.
fn is_cdx_ns(ns: Option<&str>) -> bool {
    matches!(ns, Some(NAMESPACE_1_5 | NAMESPACE_1_6))
}

/// Content of a 1.5 document is kept as 1.6 content.
fn normalized(uri: &str) -> &str {
    if uri == NAMESPACE_1_5 { NAMESPACE_1_6 } else { uri }
}

// ---------------------------------------------------------------------------------------------
// The tree.

/// An attribute (not a declaration), its name resolved.
struct Attr {
    ns: Option<String>,
    prefix: Option<String>,
    local: String,
    qname: String,
    /// The value, references resolved and white space normalized.
    value: String,
}

/// An element, its name resolved, with its source span.
struct Node {
    ns: Option<String>,
    local: String,
    qname: String,
    attrs: Vec<Attr>,
    /// The declarations on the element.
    decls: Vec<NamespaceBinding>,
    /// The declarations in scope at the parent, each prefix once (shared by siblings).
    outside: Rc<[NamespaceBinding]>,
    children: Vec<Node>,
    /// The character data directly inside, references resolved.
    text: String,
    /// Where its first character data other than white space is.
    text_at: Option<usize>,
    start: usize,
    end: usize,
    path: Path,
}

fn location(input: &str, offset: usize, path: &Path) -> Box<Location> {
    Box::new(Location::new(Position::in_text(input, offset), path.clone()))
}

fn syntax(input: &str, offset: usize, path: &Path, message: impl Into<String>) -> DecodeError {
    DecodeError::XmlSyntax { at: location(input, offset, path), message: message.into() }
}

fn offset(position: u64) -> usize {
    usize::try_from(position).unwrap_or(usize::MAX)
}

/// The namespace bound to `prefix` (`None`: the default namespace) in `scope`; `None` when it is
/// not bound (or undeclared by `xmlns=""`).
fn bound<'s>(scope: &'s [NamespaceBinding], prefix: Option<&str>) -> Option<&'s str> {
    scope.iter().rev().find(|b| b.prefix.as_deref() == prefix).map(|b| b.uri.as_str()).filter(|u| !u.is_empty())
}

/// `scope` with `more` declared in it, each prefix once.
fn declare(scope: &[NamespaceBinding], more: &[NamespaceBinding]) -> Vec<NamespaceBinding> {
    let mut out = scope.to_vec();
    for b in more {
        out.retain(|o| o.prefix != b.prefix);
        out.push(b.clone());
    }
    out
}

fn resolved(result: ResolveResult<'_>) -> std::result::Result<Option<String>, String> {
    match result {
        ResolveResult::Bound(ns) => Ok(Some(ns.0.to_owned())),
        ResolveResult::Unbound => Ok(None),
        ResolveResult::Unknown(prefix) => Err(prefix),
    }
}

fn prefix_of(qname: &str) -> Option<&str> {
    qname.split_once(':').map(|(p, _)| p)
}

/// What one binding of a scope or one path segment is counted as, besides its text.
const ITEM_COST: usize = 48;

/// The expansion budget of a parse: what the tree holds beyond the input (paths, namespaces,
/// scopes), counted before it is held.
struct Budget {
    limit: usize,
    spent: usize,
}

impl Budget {
    fn spend(&mut self, input: &str, offset: usize, path: &Path, cost: usize) -> Result<()> {
        self.spent = self.spent.saturating_add(cost);
        if self.spent > self.limit {
            return Err(DecodeError::XmlTooLarge { at: location(input, offset, path), limit: self.limit });
        }
        Ok(())
    }
}

/// Parses a document into a tree (quick-xml's namespace-aware reader).
fn parse(input: &str) -> Result<Node> {
    let mut reader = NsReader::from_str(input);
    reader.config_mut().check_comments = true;
    reader.resolver_mut().set_max_namespace_bindings(MAX_NAMESPACE_BINDINGS);
    let mut stack: Vec<Node> = Vec::new();
    // Per open element (and one for the document): the bindings in scope inside it (shared
    // with its children) with their cost, its path's cost, and its children's names (for
    // positions).
    let mut in_scope: Vec<(Rc<[NamespaceBinding]>, usize, usize)> = vec![(Rc::from(Vec::new()), 0, 0)];
    let mut counts: Vec<HashMap<String, usize>> = vec![HashMap::new()];
    let mut budget = Budget { limit: input.len().saturating_mul(EXPANSION).saturating_add(4 << 20), spent: 0 };
    let mut root: Option<Node> = None;
    // The path of the open element, for errors: built only when one is reported.
    let here = |stack: &[Node]| stack.last().map(|n| n.path.clone()).unwrap_or_default();
    loop {
        let before = offset(reader.buffer_position());
        let event = match reader.read_event() {
            Ok(event) => event,
            Err(e) => return Err(syntax(input, offset(reader.error_position()), &here(&stack), e.to_string())),
        };
        let after = offset(reader.buffer_position());
        match event {
            Event::Start(ref e) | Event::Empty(ref e) => {
                if root.is_some() {
                    return Err(syntax(input, before, &here(&stack), "a second root element"));
                }
                if stack.len() >= MAX_DEPTH {
                    return Err(DecodeError::TooDeep { at: location(input, before, &here(&stack)), limit: MAX_DEPTH });
                }
                let qname: &str = e.name().0;
                let local = qname.split_once(':').map_or(qname, |(_, l)| l);
                let mut position = 1;
                if let Some(c) = counts.last_mut() {
                    if let Some(k) = c.get_mut(local) {
                        *k += 1;
                        position = *k;
                    } else {
                        c.insert(local.to_owned(), 1);
                    }
                }
                let mut path = stack.last().map(|n| n.path.clone()).unwrap_or_default();
                path.push(PathSegment::element(local, position));
                let (outside, outside_cost, parent_path_cost) =
                    in_scope.last().cloned().unwrap_or_else(|| (Rc::from(Vec::new()), 0, 0));
                let path_cost = parent_path_cost + ITEM_COST + local.len();
                budget.spend(input, before, &path, path_cost + 2 * qname.len())?;
                let ns = resolved(reader.resolver().resolve_element(e.name()).0)
                    .map_err(|p| syntax(input, before, &path, format!("the prefix {p} is not declared")))?;
                budget.spend(input, before, &path, ns.as_ref().map_or(0, String::len))?;
                let mut decls = Vec::new();
                let mut attrs: Vec<Attr> = Vec::new();
                for (i, attr) in e.attributes().with_checks(true).enumerate() {
                    if i >= MAX_ATTRIBUTES {
                        return Err(DecodeError::XmlTooManyAttributes {
                            at: location(input, before, &path),
                            limit: MAX_ATTRIBUTES,
                        });
                    }
                    let attr = attr.map_err(|err| syntax(input, before, &path, err.to_string()))?;
                    let name: &str = attr.key.0;
                    let apath = path.join(PathSegment::attribute(name));
                    let value = attr
                        .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                        .map_err(|err| syntax(input, before, &apath, err.to_string()))?
                        .into_owned();
                    if name == "xmlns" {
                        decls.push(NamespaceBinding::new(None, value));
                        continue;
                    }
                    if let Some(p) = name.strip_prefix("xmlns:") {
                        decls.push(NamespaceBinding::new(Some(p), value));
                        continue;
                    }
                    let (result, local) = reader.resolver().resolve_attribute(attr.key);
                    let ans = resolved(result)
                        .map_err(|p| syntax(input, before, &apath, format!("the prefix {p} is not declared")))?;
                    budget.spend(input, before, &apath, ans.as_ref().map_or(0, String::len))?;
                    let local: &str = local.as_ref();
                    if attrs.iter().any(|a| a.ns == ans && a.local == local) {
                        return Err(DecodeError::XmlUnknownAttribute {
                            at: location(input, before, &apath),
                            name: name.to_owned(),
                        });
                    }
                    attrs.push(Attr {
                        ns: ans,
                        prefix: prefix_of(name).map(str::to_owned),
                        local: local.to_owned(),
                        qname: name.to_owned(),
                        value,
                    });
                }
                let inside = if decls.is_empty() {
                    (Rc::clone(&outside), outside_cost, path_cost)
                } else {
                    let scope = declare(&outside, &decls);
                    let cost =
                        scope.iter().map(|b| ITEM_COST + b.uri.len() + b.prefix.as_ref().map_or(0, String::len)).sum();
                    budget.spend(input, before, &path, cost)?;
                    (Rc::from(scope), cost, path_cost)
                };
                let empty = matches!(event, Event::Empty(_));
                let mut node = Node {
                    ns,
                    local: local.to_owned(),
                    qname: qname.to_owned(),
                    attrs,
                    decls,
                    outside,
                    children: Vec::new(),
                    text: String::new(),
                    text_at: None,
                    start: before,
                    end: after,
                    path,
                };
                if empty {
                    attach(node, &mut stack, &mut root);
                } else {
                    node.end = after;
                    in_scope.push(inside);
                    counts.push(HashMap::new());
                    stack.push(node);
                }
            }
            Event::End(_) => {
                if in_scope.len() > 1 {
                    in_scope.pop();
                }
                counts.pop();
                if let Some(mut node) = stack.pop() {
                    node.end = after;
                    attach(node, &mut stack, &mut root);
                }
            }
            Event::Text(ref t) => {
                let raw: &str = t;
                let first = raw.find(|c: char| !c.is_ascii_whitespace());
                match stack.last_mut() {
                    Some(node) => {
                        node.text.push_str(&t.xml10_content());
                        if let Some(i) = first {
                            node.text_at.get_or_insert(before + i);
                        }
                    }
                    None if first.is_some() => {
                        return Err(syntax(
                            input,
                            before + first.unwrap_or(0),
                            &here(&stack),
                            "text outside the root element",
                        ));
                    }
                    None => {}
                }
            }
            Event::CData(ref c) => match stack.last_mut() {
                Some(node) => {
                    node.text.push_str(&c.xml10_content());
                    node.text_at.get_or_insert(before);
                }
                None => return Err(syntax(input, before, &here(&stack), "text outside the root element")),
            },
            Event::GeneralRef(ref r) => {
                let text: Cow<'_, str> = if r.is_char_ref() {
                    match r.resolve_char_ref() {
                        Ok(Some(c)) => Cow::Owned(c.to_string()),
                        Ok(None) | Err(_) => {
                            return Err(syntax(
                                input,
                                before,
                                &here(&stack),
                                format!("a bad character reference &{};", &**r),
                            ));
                        }
                    }
                } else {
                    match quick_xml::escape::resolve_predefined_entity(r) {
                        Some(s) => Cow::Borrowed(s),
                        None => {
                            return Err(syntax(
                                input,
                                before,
                                &here(&stack),
                                format!("an undefined entity &{};", &**r),
                            ));
                        }
                    }
                };
                match stack.last_mut() {
                    Some(node) => {
                        node.text.push_str(&text);
                        node.text_at.get_or_insert(before);
                    }
                    None => return Err(syntax(input, before, &here(&stack), "text outside the root element")),
                }
            }
            Event::DocType(_) => return Err(DecodeError::XmlDoctype { at: location(input, before, &here(&stack)) }),
            Event::Decl(_) | Event::Comment(_) | Event::PI(_) => {}
            Event::Eof => {
                if !stack.is_empty() {
                    return Err(syntax(input, before, &here(&stack), "the document ends inside an element"));
                }
                return root.ok_or_else(|| syntax(input, before, &here(&stack), "no root element"));
            }
        }
    }
}

fn attach(node: Node, stack: &mut [Node], root: &mut Option<Node>) {
    match stack.last_mut() {
        Some(parent) => parent.children.push(node),
        None => *root = Some(node),
    }
}

/// `{namespace}local`, or `local` in no namespace.
fn found(node: &Node) -> String {
    match &node.ns {
        Some(ns) => format!("{{{ns}}}{}", node.local),
        None => node.local.clone(),
    }
}

/// True for a name without a colon as XML namespaces define it (loosely, as the Ent XML reader
/// checks it).
fn is_ncname(s: &str) -> bool {
    let mut chars = s.chars();
    chars.next().is_some_and(|c| c.is_alphabetic() || c == '_')
        && chars.all(|c| c.is_alphanumeric() || matches!(c, '.' | '-' | '_'))
}

/// The prefixes an element and its descendants use (`None`: the default namespace of an
/// unprefixed element name) without declaring them where they are used; attribute values that
/// are qualified names count, as for the Ent XML reader.
fn usage(node: &Node, declared: &mut Vec<Vec<Option<String>>>, used: &mut Vec<Option<String>>) {
    declared.push(node.decls.iter().map(|b| b.prefix.clone()).collect());
    let mut names: Vec<Option<&str>> = vec![prefix_of(&node.qname)];
    for a in &node.attrs {
        if let Some(p) = &a.prefix {
            names.push(Some(p));
        }
        if let Some((p, l)) = a.value.split_once(':')
            && is_ncname(p)
            && is_ncname(l)
        {
            names.push(Some(p));
        }
    }
    for name in names {
        let declared_here = declared.iter().flatten().any(|d| d.as_deref() == name);
        if name != Some("xml") && !declared_here && !used.iter().any(|u| u.as_deref() == name) {
            used.push(name.map(str::to_owned));
        }
    }
    for child in &node.children {
        usage(child, declared, used);
    }
    declared.pop();
}

// ---------------------------------------------------------------------------------------------
// What XML keeps: attributes, and child elements copied from the document.

/// What is kept of one element: attributes, child elements, and the declarations they rely on.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
struct XmlKept {
    /// Attribute names as written, and values as read.
    attrs: Vec<(String, String)>,
    children: Vec<KeptChild>,
    /// Prefixed declarations the attributes and children rely on, by prefix.
    bindings: Vec<NamespaceBinding>,
}

/// A child element, copied.
#[derive(Clone, Debug, PartialEq, Eq)]
struct KeptChild {
    /// In a `CycloneDX` namespace.
    cdx: bool,
    local: String,
    /// The source text; it relies on the `CycloneDX` 1.6 namespace as the default one and on
    /// the kept bindings.
    raw: String,
}

/// The children of each element in the schema's order (`CycloneDX` 1.6); other elements come
/// after them.
const COMPONENT: &[&str] = &[
    "supplier",
    "manufacturer",
    "authors",
    "author",
    "publisher",
    "group",
    "name",
    "version",
    "description",
    "scope",
    "hashes",
    "licenses",
    "copyright",
    "cpe",
    "purl",
    "omniborId",
    "swhid",
    "swid",
    "modified",
    "pedigree",
    "externalReferences",
    "properties",
    "components",
    "evidence",
    "releaseNotes",
    "modelCard",
    "data",
    "cryptoProperties",
    "tags",
];
const SWID: &[&str] = &["text", "url"];
const LICENSE: &[&str] = &["id", "name", "text", "url", "licensing", "properties"];
const LICENSING: &[&str] =
    &["altIds", "licensor", "licensee", "purchaser", "purchaseOrder", "licenseTypes", "lastRenewal", "expiration"];
const PARTY: &[&str] = &["organization", "individual"];
const ORGANIZATION: &[&str] = &["name", "address", "url", "contact"];
const INDIVIDUAL: &[&str] = &["name", "email", "phone"];

fn rank(order: &[&str], cdx: bool, local: &str) -> usize {
    if cdx { order.iter().position(|n| *n == local).unwrap_or(order.len()) } else { order.len() }
}

fn named_order(kind: Named) -> &'static [&'static str] {
    match kind {
        Named::Organization => ORGANIZATION,
        Named::Individual => INDIVIDUAL,
    }
}

/// An attribute value, escaped (white space too, so that it reads back as it was).
fn escape_attr(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\t' => out.push_str("&#9;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            c => out.push(c),
        }
    }
    out
}

/// ` name="value"`, the value escaped.
fn push_attr(out: &mut String, name: &str, value: &str) {
    out.push(' ');
    out.push_str(name);
    out.push_str("=\"");
    out.push_str(&escape_attr(value));
    out.push('"');
}

fn escape_text(text: &str) -> Cow<'_, str> {
    quick_xml::escape::partial_escape(text)
}

/// A copy of `node`, relying on the `CycloneDX` 1.6 namespace as the default one: its source
/// text (with a declaration of the default namespace it relies on, when that is not the
/// `CycloneDX` one), and the prefixed declarations it relies on.
fn copy(input: &str, node: &Node) -> (String, Vec<NamespaceBinding>) {
    let mut used = Vec::new();
    usage(node, &mut Vec::new(), &mut used);
    let default = bound(&node.outside, None);
    let bindings = used
        .iter()
        .flatten()
        .filter_map(|p| bound(&node.outside, Some(p)).map(|uri| NamespaceBinding::new(Some(p), normalized(uri))))
        .collect();
    let raw = if used.contains(&None) && !is_cdx_ns(default) {
        let cut = node.start + 1 + node.qname.len();
        let mut raw = input.get(node.start..cut).unwrap_or_default().to_owned();
        push_attr(&mut raw, "xmlns", default.unwrap_or(""));
        raw.push_str(input.get(cut..node.end).unwrap_or_default());
        raw
    } else {
        input.get(node.start..node.end).unwrap_or_default().to_owned()
    };
    (raw, bindings)
}

/// Gathers what is kept of one element, and where each part was.
struct Keep {
    /// The declarations in scope inside the element.
    scope: Vec<NamespaceBinding>,
    kept: XmlKept,
    paths: Vec<Path>,
}

impl Keep {
    fn new(node: &Node) -> Self {
        Keep { scope: declare(&node.outside, &node.decls), kept: XmlKept::default(), paths: Vec::new() }
    }

    fn bind(&mut self, b: NamespaceBinding) {
        if !self.kept.bindings.contains(&b) {
            self.kept.bindings.push(b);
        }
    }

    fn attr(&mut self, node: &Node, a: &Attr, note: bool) {
        self.kept.attrs.push((a.qname.clone(), a.value.clone()));
        let mut prefixes: Vec<&str> = a.prefix.iter().map(String::as_str).collect();
        if let Some((p, l)) = a.value.split_once(':')
            && is_ncname(p)
            && is_ncname(l)
        {
            prefixes.push(p);
        }
        for p in prefixes.into_iter().filter(|p| *p != "xml") {
            if let Some(uri) = bound(&self.scope, Some(p)) {
                let b = NamespaceBinding::new(Some(p), normalized(uri));
                self.bind(b);
            }
        }
        if note {
            self.paths.push(node.path.join(PathSegment::attribute(&a.qname)));
        }
    }

    fn child(&mut self, input: &str, child: &Node, note: bool) {
        let (raw, bindings) = copy(input, child);
        self.kept.children.push(KeptChild { cdx: is_cdx_ns(child.ns.as_deref()), local: child.local.clone(), raw });
        for b in bindings {
            self.bind(b);
        }
        if note {
            self.paths.push(child.path.clone());
        }
    }

    /// What is kept, children in the schema's `order`, and where each part was.
    fn finish(self, order: &[&str]) -> (XmlKept, Vec<Path>) {
        let mut kept = self.kept;
        kept.children.sort_by_key(|c| rank(order, c.cdx, &c.local));
        kept.bindings.sort_by(|a, b| a.prefix.cmp(&b.prefix));
        (kept, self.paths)
    }
}

impl XmlKept {
    /// The element that keeps this in an Ent's extensions.
    fn to_element(&self, name: &str) -> ForeignElement {
        let raw = self.raw(name, true);
        ForeignElement::new(Some(NAMESPACE_1_6), name, raw).with_namespaces(self.bindings.clone())
    }

    /// The text of an element `name` holding this, declaring the `CycloneDX` 1.6 namespace as its
    /// default one, or relying on it.
    fn raw(&self, name: &str, declare: bool) -> String {
        let mut raw = format!("<{name}");
        if declare {
            push_attr(&mut raw, "xmlns", NAMESPACE_1_6);
        }
        for (n, v) in &self.attrs {
            push_attr(&mut raw, n, v);
        }
        if self.children.is_empty() {
            raw.push_str("/>");
        } else {
            raw.push('>');
            for c in &self.children {
                raw.push_str(&c.raw);
            }
            raw.push_str("</");
            raw.push_str(name);
            raw.push('>');
        }
        raw
    }

    /// Reads back what an element of an Ent's extensions keeps; `None` when it is not one.
    fn of_element(element: &ForeignElement) -> Option<XmlKept> {
        let mut doc = String::from("<_");
        for b in &element.namespaces {
            match &b.prefix {
                Some(p) => push_attr(&mut doc, &format!("xmlns:{p}"), &b.uri),
                None => push_attr(&mut doc, "xmlns", &b.uri),
            }
        }
        doc.push('>');
        doc.push_str(&element.raw);
        doc.push_str("</_>");
        let root = parse(&doc).ok()?;
        let [node] = &root.children[..] else { return None };
        if root.text_at.is_some() || node.text_at.is_some() {
            return None;
        }
        let mut keep = Keep::new(node);
        for a in &node.attrs {
            keep.attr(node, a, false);
        }
        for c in &node.children {
            keep.child(&doc, c, false);
        }
        let mut kept = keep.kept;
        kept.bindings.sort_by(|a, b| a.prefix.cmp(&b.prefix));
        Some(kept)
    }

    /// `f` of each kept child named `local` in a `CycloneDX` namespace, parsed in a document
    /// (given too) that declares the default namespace and the bindings it relies on.
    fn parsed<T>(&self, local: &str, f: impl Fn(&str, &Node) -> T) -> Vec<T> {
        let mut out = Vec::new();
        for c in self.children.iter().filter(|c| c.cdx && c.local == local) {
            let mut doc = format!("<_ xmlns=\"{NAMESPACE_1_6}\"");
            for b in &self.bindings {
                if let Some(p) = &b.prefix {
                    push_attr(&mut doc, &format!("xmlns:{p}"), &b.uri);
                }
            }
            doc.push('>');
            doc.push_str(&c.raw);
            doc.push_str("</_>");
            if let Ok(root) = parse(&doc) {
                out.extend(root.children.iter().map(|node| f(&doc, node)));
            }
        }
        out
    }

    /// Inserts a child at its place in the schema's `order`.
    fn insert(&mut self, order: &[&str], child: KeptChild) {
        let r = rank(order, child.cdx, &child.local);
        let at = self.children.iter().position(|c| rank(order, c.cdx, &c.local) > r).unwrap_or(self.children.len());
        self.children.insert(at, child);
    }
}

/// The kept element of `ext` named `name` in a `CycloneDX` namespace, read back.
fn kept_element(ext: &Extensions, name: &str) -> Option<XmlKept> {
    ext.elements.iter().filter(|e| is_cdx_ns(e.namespace.as_deref()) && e.name == name).find_map(XmlKept::of_element)
}

impl Kept for XmlKept {
    fn is_empty(&self) -> bool {
        self.attrs.is_empty() && self.children.is_empty()
    }

    fn keep_license_types(&mut self, types: Vec<String>) {
        let mut raw = String::from("<licenseTypes>");
        for t in types {
            raw.push_str("<licenseType>");
            raw.push_str(&escape_text(&t));
            raw.push_str("</licenseType>");
        }
        raw.push_str("</licenseTypes>");
        self.insert(LICENSING, KeptChild { cdx: true, local: "licenseTypes".to_owned(), raw });
    }

    fn keep_name(&mut self, name: String) {
        let raw = format!("<name>{}</name>", escape_text(&name));
        self.children.insert(0, KeptChild { cdx: true, local: "name".to_owned(), raw });
    }

    fn ent_extensions(license: Self, licensing: Self) -> Extensions {
        let mut ext = Extensions::default();
        for (name, kept) in [("license", license), ("licensing", licensing)] {
            if !kept.is_empty() {
                ext.elements.push(kept.to_element(name));
            }
        }
        ext
    }

    fn entity_extensions(named: Vec<(Named, Self)>, party: Self, slot: &str) -> Extensions {
        let mut ext = Extensions::default();
        for (kind, kept) in named {
            ext.elements.push(kept.to_element(kind.name()));
        }
        if !party.is_empty() {
            ext.elements.push(party.to_element(slot));
        }
        ext
    }

    fn product_extensions(self) -> Extensions {
        let mut ext = Extensions::default();
        if !self.is_empty() {
            ext.elements.push(self.to_element("component"));
        }
        ext
    }

    fn of_ent(ext: &Extensions, _at: &Path) -> (Self, Self, Vec<Path>) {
        let license = kept_element(ext, "license").unwrap_or_default();
        let licensing = kept_element(ext, "licensing").unwrap_or_default();
        // Other elements are listed by `note_extensions`.
        (license, licensing, Vec::new())
    }

    fn of_entity(ext: &Extensions) -> Option<(Vec<(Named, Self)>, Self)> {
        let mut named = Vec::new();
        for kind in [Named::Organization, Named::Individual] {
            if let Some(kept) = kept_element(ext, kind.name()) {
                named.push((kind, kept));
            }
        }
        let party = ext
            .elements
            .iter()
            .filter(|e| is_cdx_ns(e.namespace.as_deref()) && SLOTS.iter().any(|(slot, _)| e.name == *slot))
            .find_map(XmlKept::of_element);
        if named.is_empty() && party.is_none() {
            return None;
        }
        Some((named, party.unwrap_or_default()))
    }

    fn of_product(ext: &Extensions) -> Option<Self> {
        kept_element(ext, "component")
    }

    fn take_swid(&mut self) -> Self {
        let swid = self.parsed("swid", |doc, node| {
            let mut keep = Keep::new(node);
            for a in &node.attrs {
                keep.attr(node, a, false);
            }
            for c in &node.children {
                keep.child(doc, c, false);
            }
            keep.kept
        });
        self.children.retain(|c| !(c.cdx && c.local == "swid"));
        swid.into_iter().next().unwrap_or_default()
    }

    fn take_license_types(&mut self) -> Vec<String> {
        let lists = self.parsed("licenseTypes", |_, list| {
            list.children
                .iter()
                .filter(|t| is_cdx_ns(t.ns.as_deref()) && t.local == "licenseType")
                .map(|t| t.text.clone())
                .collect::<Vec<_>>()
        });
        self.children.retain(|c| !(c.cdx && c.local == "licenseTypes"));
        lists.into_iter().flatten().collect()
    }

    fn license_id(&self) -> Option<String> {
        self.parsed("id", |_, node| node.text.clone()).into_iter().next()
    }

    fn note_extensions(ext: &Extensions, path: &Path, place: Place, notes: &mut Vec<NotCrossed>) {
        let mut note = |path: Path, reason: String| notes.push(NotCrossed { path, reason, kept: false });
        for entry in &ext.entries {
            let reason = if entry.label.as_text() == Some(super::EXTENSION_KEY) {
                "CycloneDX JSON members kept from a JSON BOM: CycloneDX XML export does not translate them"
            } else {
                "an extension member: CycloneDX has no place"
            };
            note(key(path, &entry.label.to_string()), reason.to_owned());
        }
        if !ext.attributes.is_empty() {
            note(path.clone(), "XML attributes kept from a document: CycloneDX XML has no place".to_owned());
        }
        let accepted: &[&str] = match place {
            Place::Ent => &["license", "licensing"],
            Place::Entity => &["organization", "individual", "licensor", "licensee", "purchaser"],
            Place::Product => &["component"],
            Place::Other => &[],
        };
        let mut seen: Vec<&str> = Vec::new();
        for e in &ext.elements {
            let name = &*e.name;
            let ours = is_cdx_ns(e.namespace.as_deref()) && accepted.contains(&name);
            let party = SLOTS.iter().any(|(s, _)| *s == name);
            let reason = if !ours {
                let qualified = match &e.namespace {
                    Some(ns) => format!("{{{ns}}}{name}"),
                    None => name.to_owned(),
                };
                format!("the element {qualified} kept from a document: CycloneDX has no place here")
            } else if XmlKept::of_element(e).is_none() {
                format!("a kept {name} element that cannot be read: not written")
            } else if seen.contains(&name) || (party && seen.iter().any(|s| SLOTS.iter().any(|(p, _)| p == s))) {
                format!("a second kept {name} element: not written")
            } else {
                seen.push(name);
                continue;
            };
            note(path.clone(), reason);
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Import.

/// Reads a `CycloneDX` 1.5 or 1.6 XML BOM: one [`Ent`] per licence of a component (at any depth)
/// that has a `licensing` element, and what did not cross.
///
/// ```
/// use iso19770_ent::{cyclonedx, DecodeError};
///
/// let err = cyclonedx::import_xml(
///     "<bom xmlns=\"http://cyclonedx.org/schema/bom/1.6\"><components><component type=\"library\">\n\
///      <name>x</name><licenses><license><name>L</name><licensing>7</licensing></license></licenses>\n\
///      </component></components></bom>",
/// )
/// .unwrap_err();
/// assert!(matches!(err, DecodeError::XmlSyntax { .. }));
/// assert_eq!(err.path().to_string(), "bom/components/component/licenses/license/licensing");
/// assert_eq!(err.position().line(), Some(2));
/// ```
pub fn import_xml(xml: &str) -> Result<Import> {
    let input = xml.strip_prefix('\u{feff}').unwrap_or(xml);
    let root = parse(input)?;
    let ns = match root.ns.as_deref() {
        Some(NAMESPACE_1_6) if root.local == "bom" => NAMESPACE_1_6,
        Some(NAMESPACE_1_5) if root.local == "bom" => NAMESPACE_1_5,
        _ => {
            return Err(DecodeError::XmlUnexpectedElement {
                at: location(input, root.start, &root.path),
                expected: format!("{{{NAMESPACE_1_6}}}bom or {{{NAMESPACE_1_5}}}bom"),
                found: found(&root),
            });
        }
    };
    let mut cx = Ctx { input, ns, notes: Vec::new() };
    cx.no_text(&root)?;
    let mut serial = None;
    for a in &root.attrs {
        let reason = match (a.ns.as_deref(), a.local.as_str()) {
            (None, "serialNumber") => {
                serial = Some(a.value.clone());
                "the BOM's serial number: part of the ids of licences without a bom-ref"
            }
            (None, "version") => "the BOM's version",
            (Some(XSI), _) => continue,
            _ => "an attribute of the BOM outside its components' licences",
        };
        cx.note(root.path.join(PathSegment::attribute(&a.qname)), reason);
    }
    let mut components = Vec::new();
    let mut seen = false;
    for child in &root.children {
        if cx.is(child, "components") {
            cx.once(&mut seen, child, &root)?;
            components = cx.components(child, &Path::default())?;
        } else {
            cx.note(child.path.clone(), "an element of the BOM outside its components' licences");
        }
    }
    Ok(super::import(BomIn { serial, notes: cx.notes, components }))
}

struct Ctx<'a> {
    input: &'a str,
    /// The document's `CycloneDX` namespace.
    ns: &'static str,
    /// What of the BOM outside the components and licences did not cross.
    notes: Vec<NotCrossed>,
}

impl Ctx<'_> {
    fn at(&self, offset: usize, path: &Path) -> Box<Location> {
        location(self.input, offset, path)
    }

    fn note(&mut self, path: Path, reason: &str) {
        self.notes.push(NotCrossed { path, reason: reason.to_owned(), kept: false });
    }

    /// True for the element `local` of the document's namespace.
    fn is(&self, node: &Node, local: &str) -> bool {
        self.ours(node) && node.local == local
    }

    fn ours(&self, node: &Node) -> bool {
        node.ns.as_deref() == Some(self.ns)
    }

    /// Elements read for their children hold no text.
    fn no_text(&self, node: &Node) -> Result<()> {
        match node.text_at {
            Some(at) => Err(DecodeError::XmlSyntax {
                at: self.at(at, &node.path),
                message: format!("text is not allowed in <{}>", node.local),
            }),
            None => Ok(()),
        }
    }

    /// The text of an element read for its text: no attribute, no child element.
    fn text(&self, node: &Node) -> Result<String> {
        if let Some(a) = node.attrs.first() {
            return Err(DecodeError::XmlUnknownAttribute {
                at: self.at(node.start, &node.path.join(PathSegment::attribute(&a.qname))),
                name: a.qname.clone(),
            });
        }
        if let Some(c) = node.children.first() {
            return Err(DecodeError::XmlUnexpectedElement {
                at: self.at(c.start, &c.path),
                expected: format!("text in <{}>", node.local),
                found: found(c),
            });
        }
        Ok(node.text.clone())
    }

    /// An error for the second element of a name that is read once.
    fn once(&self, seen: &mut bool, node: &Node, parent: &Node) -> Result<()> {
        if std::mem::replace(seen, true) {
            return Err(DecodeError::XmlUnexpectedElement {
                at: self.at(node.start, &node.path),
                expected: format!("at most one <{}> in <{}>", node.local, parent.local),
                found: found(node),
            });
        }
        Ok(())
    }

    /// A `components` element; `id_path` is the JSON form's path of its parent.
    fn components(&mut self, node: &Node, id_path: &Path) -> Result<Vec<ComponentIn<XmlKept>>> {
        self.no_text(node)?;
        for a in &node.attrs {
            self.note(node.path.join(PathSegment::attribute(&a.qname)), "an attribute of a component list: not kept");
        }
        let mut out = Vec::new();
        for child in &node.children {
            if self.is(child, "component") {
                let id = index(&key(id_path, "components"), out.len());
                out.push(self.component(child, &id)?);
            } else {
                self.note(child.path.clone(), "not a component: not kept");
            }
        }
        Ok(out)
    }

    fn component(&mut self, node: &Node, id_path: &Path) -> Result<ComponentIn<XmlKept>> {
        self.no_text(node)?;
        let mut keep = Keep::new(node);
        for a in &node.attrs {
            keep.attr(node, a, true);
        }
        let (mut name, mut version, mut purl, mut tag_id) = (None, None, None, None);
        let mut seen = [false; 6];
        let mut swid_paths = Vec::new();
        let mut licenses = Vec::new();
        let mut components = Vec::new();
        for child in &node.children {
            let which = if self.ours(child) {
                ["name", "version", "purl", "swid", "licenses", "components"].iter().position(|n| *n == child.local)
            } else {
                None
            };
            let Some(i) = which else {
                keep.child(self.input, child, true);
                continue;
            };
            if let Some(s) = seen.get_mut(i) {
                self.once(s, child, node)?;
            }
            match i {
                0 => name = Some(self.text(child)?),
                1 => version = Some(self.text(child)?),
                2 => purl = Some(self.text(child)?),
                3 => tag_id = self.swid(child, &mut keep, &mut swid_paths)?,
                4 => licenses = self.licenses(child, id_path)?,
                _ => components = self.components(child, id_path)?,
            }
        }
        let (kept, mut kept_paths) = keep.finish(COMPONENT);
        kept_paths.extend(swid_paths);
        Ok(ComponentIn { path: node.path.clone(), name, version, purl, tag_id, kept, kept_paths, licenses, components })
    }

    /// A component's `swid`: its tag id; what else it holds is kept with the component, as export
    /// writes it (its attributes but the tag id, then its children).
    fn swid(&self, node: &Node, keep: &mut Keep, paths: &mut Vec<Path>) -> Result<Option<String>> {
        self.no_text(node)?;
        let is_tag_id = |a: &Attr| a.ns.is_none() && a.local == "tagId";
        let mut swid = Keep::new(node);
        for a in node.attrs.iter().filter(|a| !is_tag_id(a)) {
            swid.attr(node, a, true);
        }
        for c in &node.children {
            swid.child(self.input, c, true);
        }
        let (swid, swid_paths) = swid.finish(SWID);
        paths.extend(swid_paths);
        if !swid.is_empty() {
            for b in &swid.bindings {
                keep.bind(b.clone());
            }
            let raw = swid.raw("swid", false);
            keep.kept.children.push(KeptChild { cdx: true, local: "swid".to_owned(), raw });
        }
        Ok(node.attrs.iter().find(|a| is_tag_id(a)).map(|a| a.value.clone()))
    }

    /// A `licenses` element; `id_path` is the JSON form's path of its component.
    fn licenses(&mut self, node: &Node, id_path: &Path) -> Result<Vec<ChoiceIn<XmlKept>>> {
        self.no_text(node)?;
        for a in &node.attrs {
            self.note(node.path.join(PathSegment::attribute(&a.qname)), "an attribute of a licence list: not kept");
        }
        let mut out = Vec::new();
        let mut entries = 0;
        for child in &node.children {
            if self.is(child, "license") {
                let id_path = key(&index(&key(id_path, "licenses"), entries), "license");
                entries += 1;
                out.push(ChoiceIn::License {
                    entry: child.path.clone(),
                    id_path,
                    beside: Vec::new(),
                    license: Box::new(self.license(child)?),
                });
            } else if self.is(child, "expression") {
                entries += 1;
                out.push(ChoiceIn::Other { path: child.path.clone(), reason: "a licence expression: not an Ent" });
            } else {
                out.push(ChoiceIn::Other { path: child.path.clone(), reason: "not a licence: not kept" });
            }
        }
        Ok(out)
    }

    fn license(&mut self, node: &Node) -> Result<LicenseIn<XmlKept>> {
        self.no_text(node)?;
        let mut keep = Keep::new(node);
        let mut bom_ref = None;
        for a in &node.attrs {
            if a.ns.is_none() && a.local == "bom-ref" {
                bom_ref = Some(a.value.clone());
            } else {
                keep.attr(node, a, true);
            }
        }
        let (mut id, mut name, mut licensing) = (None, None, None);
        let mut seen = [false; 3];
        for child in &node.children {
            let which = if self.ours(child) {
                ["id", "name", "licensing"].iter().position(|n| *n == child.local)
            } else {
                None
            };
            let Some(i) = which else {
                keep.child(self.input, child, true);
                continue;
            };
            if let Some(s) = seen.get_mut(i) {
                self.once(s, child, node)?;
            }
            match i {
                0 => {
                    id = Some(self.text(child)?);
                    // Kept too, so that export writes an `id`; not listed (its text crosses).
                    keep.child(self.input, child, false);
                }
                1 => name = Some(self.text(child)?),
                _ => licensing = Some(self.licensing(child)?),
            }
        }
        let (kept, kept_paths) = keep.finish(LICENSE);
        Ok(LicenseIn { bom_ref, id, name, kept, kept_paths, licensing })
    }

    fn licensing(&mut self, node: &Node) -> Result<LicensingIn<XmlKept>> {
        self.no_text(node)?;
        let mut keep = Keep::new(node);
        for a in &node.attrs {
            keep.attr(node, a, true);
        }
        let mut parties: [Option<PartyIn<XmlKept>>; 3] = [None, None, None];
        let (mut purchase_order, mut last_renewal, mut expiration) = (None, None, None);
        let mut types = Vec::new();
        let mut seen = [false; 7];
        let names = ["licensor", "licensee", "purchaser", "purchaseOrder", "licenseTypes", "lastRenewal", "expiration"];
        for child in &node.children {
            let which = if self.ours(child) { names.iter().position(|n| *n == child.local) } else { None };
            let Some(i) = which else {
                keep.child(self.input, child, true);
                continue;
            };
            if let Some(s) = seen.get_mut(i) {
                self.once(s, child, node)?;
            }
            match i {
                0..=2 => {
                    let party = self.party(child)?;
                    if let Some(slot) = parties.get_mut(i) {
                        *slot = Some(party);
                    }
                }
                3 => purchase_order = Some(self.text(child)?),
                4 => types = self.license_types(child)?,
                5 => last_renewal = Some(self.text(child)?),
                _ => expiration = Some(self.text(child)?),
            }
        }
        let (kept, kept_paths) = keep.finish(LICENSING);
        Ok(LicensingIn { parties, purchase_order, types, last_renewal, expiration, kept, kept_paths })
    }

    fn license_types(&self, node: &Node) -> Result<Vec<(Path, String)>> {
        if let Some(a) = node.attrs.first() {
            return Err(DecodeError::XmlUnknownAttribute {
                at: self.at(node.start, &node.path.join(PathSegment::attribute(&a.qname))),
                name: a.qname.clone(),
            });
        }
        self.no_text(node)?;
        let mut out = Vec::new();
        for child in &node.children {
            if !self.is(child, "licenseType") {
                return Err(DecodeError::XmlUnexpectedElement {
                    at: self.at(child.start, &child.path),
                    expected: format!("{{{}}}licenseType", self.ns),
                    found: found(child),
                });
            }
            out.push((child.path.clone(), self.text(child)?));
        }
        Ok(out)
    }

    fn party(&self, node: &Node) -> Result<PartyIn<XmlKept>> {
        self.no_text(node)?;
        let mut keep = Keep::new(node);
        for a in &node.attrs {
            keep.attr(node, a, true);
        }
        let (mut organization, mut individual) = (None, None);
        let mut seen = [false; 2];
        for child in &node.children {
            let kind = match child.local.as_str() {
                "organization" if self.ours(child) => Named::Organization,
                "individual" if self.ours(child) => Named::Individual,
                _ => {
                    keep.child(self.input, child, true);
                    continue;
                }
            };
            let (i, slot) = match kind {
                Named::Organization => (0, &mut organization),
                Named::Individual => (1, &mut individual),
            };
            if let Some(s) = seen.get_mut(i) {
                self.once(s, child, node)?;
            }
            *slot = Some(self.named(child, kind)?);
        }
        let (kept, kept_paths) = keep.finish(PARTY);
        Ok(PartyIn { organization, individual, kept, kept_paths })
    }

    fn named(&self, node: &Node, kind: Named) -> Result<NamedIn<XmlKept>> {
        self.no_text(node)?;
        let mut keep = Keep::new(node);
        for a in &node.attrs {
            keep.attr(node, a, true);
        }
        let mut name = None;
        let mut name_path = node.path.join(PathSegment::element("name", 1));
        let mut seen = false;
        for child in &node.children {
            if self.is(child, "name") {
                self.once(&mut seen, child, node)?;
                name = Some(self.text(child)?);
                name_path = child.path.clone();
            } else {
                keep.child(self.input, child, true);
            }
        }
        let (kept, kept_paths) = keep.finish(named_order(kind));
        Ok(NamedIn { kind, name, name_path, kept, kept_paths })
    }
}

// ---------------------------------------------------------------------------------------------
// Export.

/// An element to write.
#[derive(Clone, Debug, PartialEq, Eq)]
struct El {
    name: &'static str,
    attrs: Vec<(String, String)>,
    decls: Vec<NamespaceBinding>,
    text: Option<String>,
    /// The children, each with its rank in the schema's order.
    children: Vec<(usize, Child)>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum Child {
    El(El),
    /// A kept copy.
    Raw(String),
}

impl El {
    fn new(name: &'static str) -> Self {
        El { name, attrs: Vec::new(), decls: Vec::new(), text: None, children: Vec::new() }
    }

    fn text(name: &'static str, text: String) -> Self {
        El { text: Some(text), ..El::new(name) }
    }

    fn attr(&mut self, name: &str, value: String) {
        self.attrs.push((name.to_owned(), value));
    }

    /// A child at its place in the schema's `order`.
    fn child(&mut self, order: &[&str], child: El) {
        self.children.push((rank(order, true, child.name), Child::El(child)));
    }

    fn text_child(&mut self, order: &[&str], name: &'static str, text: Option<String>) {
        if let Some(text) = text {
            self.child(order, El::text(name, text));
        }
    }

    /// Adds what is kept: attributes and children, except those written from the model.
    fn keep(&mut self, order: &[&str], kept: XmlKept) {
        let written: Vec<&str> = self
            .children
            .iter()
            .filter_map(|(_, c)| match c {
                Child::El(e) => Some(e.name),
                Child::Raw(_) => None,
            })
            .collect();
        let mut children: Vec<(usize, Child)> = kept
            .children
            .into_iter()
            .filter(|c| !(c.cdx && written.contains(&c.local.as_str())))
            .map(|c| (rank(order, c.cdx, &c.local), Child::Raw(c.raw)))
            .collect();
        self.children.append(&mut children);
        self.children.sort_by_key(|(r, _)| *r);
        let attrs: Vec<(String, String)> =
            kept.attrs.into_iter().filter(|(n, _)| !self.attrs.iter().any(|(m, _)| m == n)).collect();
        self.attrs.extend(attrs);
        self.decls = kept.bindings;
    }
}

/// Writes Ents as a `CycloneDX` 1.6 XML BOM: a component per entitled product, the Ent as a
/// licence of it with a `licensing` element; lists what could not be written (the same as
/// [`export`](super::export) lists, see the module documentation).
///
/// ```
/// use iso19770_ent::{cyclonedx, Ent, EntitledProduct, Entity, Metric, Quantity, Role};
///
/// let ent = Ent::new("e-1")
///     .with_name("Windows Server 2022 Datacenter")
///     .with_entity(Entity::new("Contoso <Ltd> & Co", [Role::Licensee]))
///     .with_product(EntitledProduct::named("Windows Server"))
///     .with_metric(Metric::per_core(8, 16, 2))
///     .with_quantity(Quantity::count(16));
/// let export = cyclonedx::export_xml(&[ent]);
/// assert!(export.xml.contains("<licenseType>custom-metric</licenseType>"));
/// assert!(export.xml.contains("<name>Contoso &lt;Ltd&gt; &amp; Co</name>"));
/// let lost: Vec<String> = export.not_crossed.iter().map(|n| n.path.to_string()).collect();
/// assert_eq!(lost, ["[0]/quantity", "[0]/metric"]);
/// let back = cyclonedx::import_xml(&export.xml)?;
/// assert_eq!(back.ents[0].entities[0].name, "Contoso <Ltd> & Co");
/// # Ok::<(), iso19770_ent::DecodeError>(())
/// ```
pub fn export_xml(ents: &[Ent]) -> XmlExport {
    let (parts, not_crossed) = super::export_parts::<XmlKept>(ents);
    let mut components: Vec<(El, Vec<El>)> = Vec::new();
    for (component, license) in parts {
        let component = component_el(component);
        let license = license_el(license);
        match components.last_mut() {
            Some((last, licenses)) if *last == component => licenses.push(license),
            _ => components.push((component, vec![license])),
        }
    }
    let mut list = El::new("components");
    for (mut component, licenses) in components {
        let mut el = El::new("licenses");
        for license in licenses {
            el.child(&["license"], license);
        }
        component.child(COMPONENT, el);
        component.children.sort_by_key(|(r, _)| *r);
        list.child(&["component"], component);
    }
    let mut bom = El::new("bom");
    bom.child(&["components"], list);
    let xml = render(&bom).map(|bytes| String::from_utf8_lossy(&bytes).into_owned()).unwrap_or_default();
    XmlExport { xml, not_crossed }
}

fn component_el(c: ComponentOut<XmlKept>) -> El {
    let mut el = El::new("component");
    if c.default_type {
        el.attr("type", "application".to_owned());
    }
    el.text_child(COMPONENT, "name", c.name);
    el.text_child(COMPONENT, "version", c.version);
    if let Some(swid) = c.swid {
        let mut s = El::new("swid");
        s.attr("tagId", swid.tag_id);
        if let Some(name) = swid.name {
            s.attr("name", name);
        }
        s.keep(SWID, swid.kept);
        el.child(COMPONENT, s);
    }
    el.text_child(COMPONENT, "purl", c.purl);
    el.keep(COMPONENT, c.kept);
    el
}

fn license_el(l: LicenseOut<XmlKept>) -> El {
    let mut el = El::new("license");
    if let Some(bom_ref) = l.bom_ref {
        el.attr("bom-ref", bom_ref);
    }
    el.text_child(LICENSE, "name", l.name);
    let lic = l.licensing;
    let mut licensing = El::new("licensing");
    for ((slot, _), party) in SLOTS.into_iter().zip(lic.parties) {
        if let Some(party) = party {
            licensing.child(LICENSING, party_el(slot, party));
        }
    }
    licensing.text_child(LICENSING, "purchaseOrder", lic.purchase_order);
    if !lic.license_types.is_empty() {
        let mut types = El::new("licenseTypes");
        for t in lic.license_types {
            types.child(&["licenseType"], El::text("licenseType", t));
        }
        licensing.child(LICENSING, types);
    }
    licensing.text_child(LICENSING, "lastRenewal", lic.last_renewal);
    licensing.text_child(LICENSING, "expiration", lic.expiration);
    licensing.keep(LICENSING, lic.kept);
    el.child(LICENSE, licensing);
    el.keep(LICENSE, l.kept);
    el
}

fn party_el(slot: &'static str, p: PartyOut<XmlKept>) -> El {
    let mut el = El::new(slot);
    for (kind, kept, name) in p.named {
        let mut named = El::new(kind.name());
        named.text_child(named_order(kind), "name", name);
        named.keep(named_order(kind), kept);
        el.child(PARTY, named);
    }
    el.keep(PARTY, p.kept);
    el
}

/// The BOM as indented XML, through quick-xml's writer.
fn render(bom: &El) -> std::io::Result<Vec<u8>> {
    let mut writer = Writer::new(Vec::new());
    writer.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
    write_el(&mut writer, bom, 0, &mut Vec::new())?;
    writer.write_event(Event::Text(BytesText::from_escaped("\n")))?;
    Ok(writer.into_inner())
}

fn indent(writer: &mut Writer<Vec<u8>>, depth: usize) -> std::io::Result<()> {
    let text = format!("\n{}", "  ".repeat(depth));
    writer.write_event(Event::Text(BytesText::from_escaped(text)))
}

fn write_el(
    writer: &mut Writer<Vec<u8>>,
    el: &El,
    depth: usize,
    scope: &mut Vec<NamespaceBinding>,
) -> std::io::Result<()> {
    indent(writer, depth)?;
    let mut start = BytesStart::new(el.name);
    let outer = scope.len();
    if depth == 0 {
        start.push_attribute(Attribute { key: QName("xmlns"), value: Cow::Borrowed(NAMESPACE_1_6) });
        scope.push(NamespaceBinding::new(None, NAMESPACE_1_6));
    }
    for b in &el.decls {
        if let Some(p) = &b.prefix
            && bound(scope, Some(p)) != Some(b.uri.as_str())
        {
            let name = format!("xmlns:{p}");
            start.push_attribute(Attribute { key: QName(&name), value: Cow::Owned(escape_attr(&b.uri)) });
            scope.push(b.clone());
        }
    }
    for (name, value) in &el.attrs {
        start.push_attribute(Attribute { key: QName(name), value: Cow::Owned(escape_attr(value)) });
    }
    if let Some(text) = &el.text {
        writer.write_event(Event::Start(start))?;
        writer.write_event(Event::Text(BytesText::from_escaped(escape_text(text))))?;
        writer.write_event(Event::End(BytesEnd::new(el.name)))?;
    } else if el.children.is_empty() {
        writer.write_event(Event::Empty(start))?;
    } else {
        writer.write_event(Event::Start(start))?;
        for (_, child) in &el.children {
            match child {
                Child::El(e) => write_el(writer, e, depth + 1, scope)?,
                Child::Raw(raw) => {
                    indent(writer, depth + 1)?;
                    writer.write_event(Event::Text(BytesText::from_escaped(raw.as_str())))?;
                }
            }
        }
        indent(writer, depth)?;
        writer.write_event(Event::End(BytesEnd::new(el.name)))?;
    }
    scope.truncate(outer);
    Ok(())
}
