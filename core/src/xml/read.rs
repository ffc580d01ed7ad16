//! The reader: quick-xml events into a small tree (names resolved, source spans kept), and the
//! helpers that read a tree into a model.
//!
//! A model reader takes each attribute it knows with [`Doc::text`] (or a typed variant), which
//! marks it read; what is left is either kept in the model's [`Extensions`]
//! ([`Doc::keep_attributes`], [`Doc::keep_children`]) or refused ([`Doc::no_more_attributes`],
//! [`Doc::children`]).

use super::{XmlError, XmlErrorKind};
use crate::cbor::{CborEntry, CborValue};
use crate::{
    Extensions, ForeignAttribute, ForeignElement, Label, Location, NamespaceBinding, Path, PathSegment, Position,
    XML_NAMESPACE,
};
use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};
use std::collections::HashMap;
use std::rc::Rc;

type Result<T> = std::result::Result<T, XmlError>;

/// Limits of the reader, part of each codec's options.
///
/// Besides these, what the reader keeps for the elements of a document (each element's path,
/// namespace and attributes' namespaces, and the namespace scopes) may take at most
/// [`ReadLimits::expansion`] times the input's size plus 4 MiB: a document that would need
/// more (long names or namespace URIs repeated in the paths and scopes of many elements) is
/// [`XmlErrorKind::TooLarge`] before it is held.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct ReadLimits {
    /// The deepest nesting read (the root is depth 1). Default 64.
    pub max_depth: usize,
    /// The most attributes (namespace declarations included) read on one element. Default 256.
    pub max_attributes: usize,
    /// The most namespace declarations in scope at once (those of an element and of its
    /// ancestors). Default 256.
    pub max_namespace_bindings: usize,
    /// How many times the input's size (plus 4 MiB) the reader's tree may take for names, paths
    /// and namespace scopes. Default 16.
    pub expansion: usize,
}

impl Default for ReadLimits {
    fn default() -> Self {
        ReadLimits { max_depth: 64, max_attributes: 256, max_namespace_bindings: 256, expansion: 16 }
    }
}

impl ReadLimits {
    /// The default limits with this depth and attribute count.
    pub fn new(max_depth: usize, max_attributes: usize) -> Self {
        ReadLimits { max_depth, max_attributes, ..ReadLimits::default() }
    }

    /// The same limits with this bound on declarations in scope.
    #[must_use]
    pub fn with_max_namespace_bindings(mut self, max_namespace_bindings: usize) -> Self {
        self.max_namespace_bindings = max_namespace_bindings;
        self
    }
}

/// What one binding of a scope is counted as, besides its text.
const BINDING_COST: usize = std::mem::size_of::<NamespaceBinding>();
/// What one path segment is counted as, besides its name.
const SEGMENT_COST: usize = std::mem::size_of::<PathSegment>();

/// An attribute, its name resolved.
#[derive(Clone, Debug)]
pub struct Attr {
    /// The namespace; `None` for an unqualified attribute.
    pub namespace: Option<String>,
    /// The prefix as written.
    pub prefix: Option<String>,
    /// The local name.
    pub local: String,
    /// The name as written.
    pub qname: String,
    /// The normalized value.
    pub value: String,
    /// Whether a reader took it.
    pub used: bool,
}

/// An element, its name resolved, with its source span.
#[derive(Clone, Debug)]
pub struct Node {
    /// The namespace; `None` for an unqualified element.
    pub namespace: Option<String>,
    /// The local name.
    pub local: String,
    /// The attributes other than namespace declarations.
    pub attrs: Vec<Attr>,
    /// The child elements.
    pub children: Vec<Node>,
    /// The byte offset of the start tag.
    pub start: usize,
    /// The byte offset just after the end tag.
    pub end: usize,
    /// The declarations in scope at the parent, each prefix once (shared by the elements of
    /// one scope).
    pub outside: Rc<[NamespaceBinding]>,
    /// The element path (`Rum/Measurement[2]`).
    pub path: Path,
    /// Where its first text (other than white space) is, if it has any.
    pub text_at: Option<usize>,
}

impl Node {
    /// The name as `{namespace}Name`, for messages.
    pub fn found(&self) -> String {
        match &self.namespace {
            Some(ns) => format!("{{{ns}}}{}", self.local),
            None => self.local.clone(),
        }
    }
}

/// A document being read: its text and the namespace of the form.
#[derive(Clone, Copy, Debug)]
pub struct Doc<'a> {
    /// The whole document.
    pub input: &'a str,
    /// The namespace of the form's elements.
    pub ns: &'a str,
}

fn split(qname: &str) -> (Option<&str>, &str) {
    match qname.split_once(':') {
        Some((p, l)) => (Some(p), l),
        None => (None, qname),
    }
}

fn attach(node: Node, stack: &mut [Node], root: &mut Option<Node>) {
    match stack.last_mut() {
        Some(parent) => parent.children.push(node),
        None => *root = Some(node),
    }
}

/// The state of a parse besides the open elements: the namespace scopes, the same-named
/// sibling counts, and what has been spent of the expansion budget.
struct Tree {
    /// Per open element (and one for the document): its declarations, the bindings in scope
    /// inside it (each prefix once, shared with its children), their cost, and its path's cost.
    scopes: Vec<Scope>,
    /// Same-named sibling counts, per open element (and one for the document).
    counts: Vec<HashMap<String, usize>>,
    max_bindings: usize,
    budget: usize,
    spent: usize,
}

struct Scope {
    decls: usize,
    bindings: Rc<[NamespaceBinding]>,
    bindings_cost: usize,
    path_cost: usize,
}

impl Tree {
    fn new(limits: &ReadLimits, input_len: usize) -> Self {
        let document = Scope { decls: 0, bindings: Rc::from(Vec::new()), bindings_cost: 0, path_cost: 0 };
        Tree {
            scopes: vec![document],
            counts: vec![HashMap::new()],
            max_bindings: limits.max_namespace_bindings,
            budget: input_len.saturating_mul(limits.expansion).saturating_add(4 << 20),
            spent: 0,
        }
    }

    fn top(&self) -> Option<&Scope> {
        self.scopes.last()
    }

    /// The position of a new child named `local` among its same-named siblings.
    fn position(&mut self, local: &str) -> usize {
        match self.counts.last_mut() {
            Some(c) => {
                if let Some(k) = c.get_mut(local) {
                    *k += 1;
                    *k
                } else {
                    c.insert(local.to_owned(), 1);
                    1
                }
            }
            None => 1,
        }
    }

    /// What the path of a new child named `local` is counted as.
    fn path_cost(&self, local: &str) -> usize {
        self.top().map_or(0, |s| s.path_cost) + SEGMENT_COST + local.len()
    }

    /// Counts `cost` bytes against the budget.
    fn spend(&mut self, doc: &Doc<'_>, offset: usize, path: &Path, cost: usize) -> Result<()> {
        self.spent = self.spent.saturating_add(cost);
        if self.spent > self.budget {
            return Err(doc.error(offset, path, XmlErrorKind::TooLarge(self.budget)));
        }
        Ok(())
    }

    /// Opens an element with these declarations; gives the bindings in scope outside it.
    fn open(
        &mut self,
        doc: &Doc<'_>,
        offset: usize,
        path: &Path,
        decls: &[NamespaceBinding],
    ) -> Result<Rc<[NamespaceBinding]>> {
        let (outside, outside_cost, declared) = match self.top() {
            Some(s) => (Rc::clone(&s.bindings), s.bindings_cost, self.scopes.iter().map(|s| s.decls).sum::<usize>()),
            None => (Rc::from(Vec::new()), 0, 0),
        };
        let path_cost = self.path_cost(path.segments.last().map_or("", segment_name));
        let scope = if decls.is_empty() {
            Scope { decls: 0, bindings: Rc::clone(&outside), bindings_cost: outside_cost, path_cost }
        } else {
            if declared + decls.len() > self.max_bindings {
                return Err(doc.error(offset, path, XmlErrorKind::TooManyNamespaces(self.max_bindings)));
            }
            let mut inside = outside.to_vec();
            for b in decls {
                inside.retain(|o| o.prefix != b.prefix);
                inside.push(b.clone());
            }
            let cost =
                inside.iter().map(|b| BINDING_COST + b.uri.len() + b.prefix.as_ref().map_or(0, String::len)).sum();
            self.spend(doc, offset, path, cost)?;
            Scope { decls: decls.len(), bindings: Rc::from(inside), bindings_cost: cost, path_cost }
        };
        self.scopes.push(scope);
        self.counts.push(HashMap::new());
        Ok(outside)
    }

    /// Closes the innermost element.
    fn close(&mut self) {
        if self.scopes.len() > 1 {
            self.scopes.pop();
        }
        if self.counts.len() > 1 {
            self.counts.pop();
        }
    }

    /// The namespace bound to `prefix` inside the innermost element.
    fn lookup(&self, prefix: Option<&str>) -> Option<String> {
        if prefix == Some("xml") {
            return Some(XML_NAMESPACE.to_owned());
        }
        let b = self.top()?.bindings.iter().rev().find(|b| b.prefix.as_deref() == prefix)?;
        if b.uri.is_empty() { None } else { Some(b.uri.clone()) }
    }
}

fn segment_name(segment: &PathSegment) -> &str {
    match segment {
        PathSegment::Element { name, .. } => name,
        _ => "",
    }
}

impl<'a> Doc<'a> {
    /// A document with this text, whose form's elements are in `ns`.
    pub fn new(input: &'a str, ns: &'a str) -> Self {
        Doc { input, ns }
    }

    /// An error of this kind at a byte offset, with a path.
    pub fn error(&self, offset: usize, path: &Path, kind: XmlErrorKind) -> XmlError {
        XmlError { kind, at: Box::new(Location::new(Position::in_text(self.input, offset), path.clone())) }
    }

    fn syntax(&self, offset: usize, path: &Path, message: impl Into<String>) -> XmlError {
        self.error(offset, path, XmlErrorKind::Syntax(message.into()))
    }

    /// Parses the document into a tree: well-formed, one root, no DTD, within the limits.
    pub fn parse(&self, limits: &ReadLimits) -> Result<Node> {
        let mut reader = Reader::from_str(self.input);
        reader.config_mut().check_comments = true;
        let mut stack: Vec<Node> = Vec::new();
        let mut tree = Tree::new(limits, self.input.len());
        let mut root: Option<Node> = None;
        loop {
            let before = usize::try_from(reader.buffer_position()).unwrap_or(usize::MAX);
            // The path of the open element, for errors: built only when one is reported.
            let here = |stack: &[Node]| stack.last().map(|n| n.path.clone()).unwrap_or_default();
            let event = match reader.read_event() {
                Ok(event) => event,
                Err(e) => {
                    let at = usize::try_from(reader.error_position()).unwrap_or(before);
                    return Err(self.syntax(at, &here(&stack), e.to_string()));
                }
            };
            let after = usize::try_from(reader.buffer_position()).unwrap_or(usize::MAX);
            match event {
                Event::Start(ref e) | Event::Empty(ref e) => {
                    if root.is_some() {
                        return Err(self.syntax(before, &here(&stack), "a second root element"));
                    }
                    if stack.len() >= limits.max_depth {
                        return Err(self.error(before, &here(&stack), XmlErrorKind::TooDeep(limits.max_depth)));
                    }
                    let empty = matches!(event, Event::Empty(_));
                    let parent = stack.last().map(|n| &n.path);
                    let node = self.start_node(limits, e, before, parent, &mut tree)?;
                    if empty {
                        tree.close();
                        let mut node = node;
                        node.end = after;
                        attach(node, &mut stack, &mut root);
                    } else {
                        stack.push(node);
                    }
                }
                Event::End(_) => {
                    tree.close();
                    if let Some(mut node) = stack.pop() {
                        node.end = after;
                        attach(node, &mut stack, &mut root);
                    }
                }
                Event::Text(ref t) => {
                    let text: &str = t;
                    if !text.bytes().all(|b| b.is_ascii_whitespace()) {
                        self.mark_text(&mut stack, before)?;
                    }
                }
                Event::CData(_) | Event::GeneralRef(_) => self.mark_text(&mut stack, before)?,
                Event::DocType(_) => return Err(self.error(before, &here(&stack), XmlErrorKind::Doctype)),
                Event::Decl(_) | Event::Comment(_) | Event::PI(_) => {}
                Event::Eof => {
                    if !stack.is_empty() {
                        return Err(self.syntax(before, &here(&stack), "the document ends inside an element"));
                    }
                    return root.ok_or_else(|| self.syntax(before, &Path::default(), "no root element"));
                }
            }
        }
    }

    /// Notes text in the open element (an error outside the root); only known elements refuse it.
    fn mark_text(&self, stack: &mut [Node], offset: usize) -> Result<()> {
        match stack.last_mut() {
            Some(node) => {
                node.text_at.get_or_insert(offset);
                Ok(())
            }
            None => Err(self.syntax(offset, &Path::default(), "text outside the root element")),
        }
    }

    fn start_node(
        &self,
        limits: &ReadLimits,
        e: &BytesStart<'_>,
        offset: usize,
        parent: Option<&Path>,
        tree: &mut Tree,
    ) -> Result<Node> {
        let qname = e.name().0.to_owned();
        let (prefix, local) = split(&qname);
        let position = tree.position(local);
        let mut path = parent.cloned().unwrap_or_default();
        path.push(PathSegment::element(local, position));
        // The path (the parent's, and this name) and the name itself, kept in the node.
        tree.spend(self, offset, &path, tree.path_cost(local) + local.len())?;
        let mut decls = Vec::new();
        let mut raw_attrs = Vec::new();
        for (i, attr) in e.attributes().with_checks(true).enumerate() {
            if i >= limits.max_attributes {
                return Err(self.error(offset, &path, XmlErrorKind::TooManyAttributes(limits.max_attributes)));
            }
            let attr = attr.map_err(|err| self.syntax(offset, &path, err.to_string()))?;
            let key = attr.key.0.to_owned();
            let value = attr
                .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .map_err(|err| self.syntax(offset, &path.join(PathSegment::attribute(&key)), err.to_string()))?
                .into_owned();
            if key == "xmlns" {
                decls.push(NamespaceBinding::new(None, value));
            } else if let Some(p) = key.strip_prefix("xmlns:") {
                decls.push(NamespaceBinding::new(Some(p), value));
            } else {
                raw_attrs.push((key, value));
            }
        }
        let outside = tree.open(self, offset, &path, &decls)?;
        let namespace = match prefix {
            None => tree.lookup(None),
            Some(p) => Some(
                tree.lookup(Some(p))
                    .ok_or_else(|| self.syntax(offset, &path, format!("the prefix {p} is not declared")))?,
            ),
        };
        tree.spend(self, offset, &path, namespace.as_ref().map_or(0, String::len))?;
        let mut attrs: Vec<Attr> = Vec::new();
        for (key, value) in raw_attrs {
            let (p, l) = split(&key);
            let attr_path = path.join(PathSegment::attribute(&key));
            let ns = match p {
                None => None,
                Some(p) => Some(
                    tree.lookup(Some(p))
                        .ok_or_else(|| self.syntax(offset, &attr_path, format!("the prefix {p} is not declared")))?,
                ),
            };
            tree.spend(self, offset, &attr_path, ns.as_ref().map_or(0, String::len))?;
            if attrs.iter().any(|a| a.namespace == ns && a.local == l) {
                return Err(self.error(offset, &attr_path, XmlErrorKind::UnknownAttribute(key)));
            }
            attrs.push(Attr {
                namespace: ns,
                prefix: p.map(str::to_owned),
                local: l.to_owned(),
                qname: key.clone(),
                value,
                used: false,
            });
        }
        Ok(Node {
            namespace,
            local: local.to_owned(),
            attrs,
            children: Vec::new(),
            start: offset,
            end: offset,
            outside,
            path,
            text_at: None,
        })
    }

    /// True when the node is the form's element `name`.
    pub fn is_ours(&self, node: &Node, name: &str) -> bool {
        node.namespace.as_deref() == Some(self.ns) && node.local == name
    }

    /// An error unless the node is the form's element `name` (for a root).
    pub fn expect_root(&self, node: &Node, name: &str) -> Result<()> {
        if self.is_ours(node, name) {
            Ok(())
        } else {
            Err(self.error(
                node.start,
                &node.path,
                XmlErrorKind::UnexpectedElement { expected: format!("{{{}}}{name}", self.ns), found: node.found() },
            ))
        }
    }

    /// An error when an element that may appear once appears again (`seen`).
    pub fn once(&self, seen: bool, node: &Node) -> Result<()> {
        if seen {
            Err(self.error(
                node.start,
                &node.path,
                XmlErrorKind::UnexpectedElement {
                    expected: "at most one of this element".to_owned(),
                    found: node.found(),
                },
            ))
        } else {
            Ok(())
        }
    }

    /// The value of the unqualified attribute `name`, marked as read.
    #[allow(clippy::unused_self)] // a method, like the other readers
    pub fn text(&self, node: &mut Node, name: &str) -> Option<String> {
        let a = node.attrs.iter_mut().find(|a| !a.used && a.namespace.is_none() && a.local == name)?;
        a.used = true;
        Some(a.value.clone())
    }

    /// The value of `xml:lang`, marked as read.
    #[allow(clippy::unused_self)] // a method, like the other readers
    pub fn lang(&self, node: &mut Node) -> Option<String> {
        let a = node
            .attrs
            .iter_mut()
            .find(|a| !a.used && a.namespace.as_deref() == Some(XML_NAMESPACE) && a.local == "lang")?;
        a.used = true;
        Some(a.value.clone())
    }

    /// The value of a required unqualified attribute.
    pub fn required(&self, node: &mut Node, name: &'static str) -> Result<String> {
        self.text(node, name).ok_or_else(|| self.error(node.start, &node.path, XmlErrorKind::MissingAttribute(name)))
    }

    /// A bad-value error for the attribute `name` of the node.
    pub fn bad(&self, node: &Node, name: &str, value: String, message: impl Into<String>) -> XmlError {
        self.error(
            node.start,
            &node.path.join(PathSegment::attribute(name)),
            XmlErrorKind::BadValue { value, message: message.into() },
        )
    }

    /// An unsigned integer attribute (no sign, no fraction), when present.
    pub fn number<T: std::str::FromStr>(&self, node: &mut Node, name: &str) -> Result<Option<T>> {
        match self.text(node, name) {
            None => Ok(None),
            Some(v) => match v.parse::<T>() {
                Ok(n) if !v.starts_with(['+', '-']) => Ok(Some(n)),
                _ => Err(self.bad(node, name, v, "not a whole number in range")),
            },
        }
    }

    /// An exact decimal attribute (`xs:decimal`), when present (feature `decimal`).
    #[cfg(feature = "decimal")]
    pub fn decimal(&self, node: &mut Node, name: &str) -> Result<Option<crate::decimal::Decimal>> {
        match self.text(node, name) {
            None => Ok(None),
            Some(v) => crate::decimal::parse(&v).map(Some).map_err(|e| self.bad(node, name, v, e.to_string())),
        }
    }

    /// A boolean attribute (`true`/`false`, `1`/`0`); false when absent.
    pub fn flag(&self, node: &mut Node, name: &str) -> Result<bool> {
        match self.text(node, name).as_deref() {
            None | Some("false" | "0") => Ok(false),
            Some("true" | "1") => Ok(true),
            Some(v) => Err(self.bad(node, name, v.to_owned(), "not a boolean (true or false)")),
        }
    }

    /// Moves the attributes not read into `ext`.
    #[allow(clippy::unused_self)] // a method, like keep_children
    pub fn keep_attributes(&self, node: &mut Node, ext: &mut Extensions) {
        for a in node.attrs.drain(..).filter(|a| !a.used) {
            let mut f = ForeignAttribute::new(a.namespace.as_deref(), a.local, a.value);
            if let Some(p) = a.prefix {
                f = f.with_prefix(p);
            }
            ext.attributes.push(f);
        }
    }

    /// An error for the first attribute not read, on an element that keeps nothing.
    pub fn no_more_attributes(&self, node: &Node) -> Result<()> {
        match node.attrs.iter().find(|a| !a.used) {
            Some(a) => Err(self.error(
                node.start,
                &node.path.join(PathSegment::attribute(&a.qname)),
                XmlErrorKind::UnknownAttribute(a.qname.clone()),
            )),
            None => Ok(()),
        }
    }

    /// Keeps the children of an element with `extensions` that has no known child: `Entry`
    /// elements of the form as map entries, any other as a kept element.
    pub fn keep_children(&self, node: &mut Node, ext: &mut Extensions) -> Result<()> {
        self.no_text(node)?;
        for mut child in std::mem::take(&mut node.children) {
            self.keep(&mut child, ext)?;
        }
        Ok(())
    }

    /// Keeps one unknown child: an `Entry` of the form as a map entry, any other element as is.
    pub fn keep(&self, child: &mut Node, ext: &mut Extensions) -> Result<()> {
        if self.is_ours(child, "Entry") {
            ext.entries.push(self.entry(child)?);
        } else {
            ext.elements.push(self.foreign(child));
        }
        Ok(())
    }

    /// Known elements hold no text.
    pub fn no_text(&self, node: &Node) -> Result<()> {
        match node.text_at {
            Some(at) => Err(self.syntax(at, &node.path, format!("text is not allowed in <{}>", node.local))),
            None => Ok(()),
        }
    }

    /// A CBOR/JSON entry kept as `<Entry key=".." text=".."/>`.
    pub fn entry(&self, node: &mut Node) -> Result<CborEntry> {
        let label = match (self.text(node, "key"), self.text(node, "label")) {
            (Some(k), None) => Label::Text(k),
            (None, Some(n)) => match n.parse::<i64>() {
                Ok(n) => Label::Int(n),
                Err(_) => return Err(self.bad(node, "label", n, "not an integer")),
            },
            _ => return Err(self.error(node.start, &node.path, XmlErrorKind::MissingAttribute("key"))),
        };
        let value = if let Some(t) = self.text(node, "text") {
            CborValue::Text(t)
        } else if let Some(v) = self.text(node, "unsigned") {
            CborValue::Unsigned(
                v.parse().map_err(|_| self.bad(node, "unsigned", v.clone(), "not an unsigned integer"))?,
            )
        } else if let Some(v) = self.text(node, "negative") {
            CborValue::Negative(
                v.parse().map_err(|_| self.bad(node, "negative", v.clone(), "not an unsigned integer"))?,
            )
        } else if let Some(v) = self.text(node, "bool") {
            match v.as_str() {
                "true" => CborValue::Bool(true),
                "false" => CborValue::Bool(false),
                _ => return Err(self.bad(node, "bool", v, "not a boolean (true or false)")),
            }
        } else if self.flag(node, "null")? {
            CborValue::Null
        } else {
            return Err(self.error(node.start, &node.path, XmlErrorKind::MissingAttribute("text")));
        };
        self.no_more_attributes(node)?;
        self.children(node, &[])?;
        Ok(CborEntry::new(label, value))
    }

    /// The element kept as its source text, with the outside declarations it relies on.
    pub fn foreign(&self, node: &Node) -> ForeignElement {
        let raw = self.input.get(node.start..node.end).unwrap_or_default().to_owned();
        let namespaces = relied_on(&raw, &node.outside);
        ForeignElement::new(node.namespace.as_deref(), node.local.clone(), raw).with_namespaces(namespaces)
    }

    /// The children of an element that keeps nothing: each must be one of `allowed` (of the
    /// form's namespace).
    pub fn children(&self, node: &mut Node, allowed: &[&str]) -> Result<Vec<Node>> {
        self.no_text(node)?;
        let children = std::mem::take(&mut node.children);
        for c in &children {
            if !allowed.iter().any(|a| self.is_ours(c, a)) {
                let expected = if allowed.is_empty() {
                    format!("no child in <{}>", node.local)
                } else {
                    format!("one of {}", allowed.join(", "))
                };
                return Err(self.error(
                    c.start,
                    &c.path,
                    XmlErrorKind::UnexpectedElement { expected, found: c.found() },
                ));
            }
        }
        Ok(children)
    }

    /// A leaf element of the form (`<Edition value="Standard"/>`): its one required attribute,
    /// no other attribute, no child.
    pub fn leaf(&self, node: &mut Node, name: &'static str) -> Result<String> {
        let v = self.required(node, name)?;
        self.no_more_attributes(node)?;
        self.children(node, &[])?;
        Ok(v)
    }
}

/// The bindings of `outside` that the element whose source text is `raw` relies on: the prefixes
/// of its own and its descendants' element and attribute names, and of attribute values that are
/// qualified names (`xsi:type="v:T"`), that it does not declare itself where they are used, and
/// the default namespace when an unprefixed element name is not inside a default declaration of
/// its own.
///
/// `raw` was read as well-formed already; should it not scan here, every outside binding is kept
/// (a superset is safe to declare again).
fn relied_on(raw: &str, outside: &[NamespaceBinding]) -> Vec<NamespaceBinding> {
    let mut reader = Reader::from_str(raw);
    reader.config_mut().check_end_names = false;
    // The prefixes declared inside, per open element (`None`: the default namespace).
    let mut declared: Vec<Vec<Option<String>>> = Vec::new();
    let mut used: Vec<Option<String>> = Vec::new();
    let mut need = |prefix: Option<&str>, declared: &[Vec<Option<String>>]| {
        let inside = declared.iter().flatten().any(|p| p.as_deref() == prefix);
        if prefix != Some("xml") && !inside && !used.iter().any(|u| u.as_deref() == prefix) {
            used.push(prefix.map(str::to_owned));
        }
    };
    loop {
        let (e, empty) = match reader.read_event() {
            Ok(Event::Start(e)) => (e, false),
            Ok(Event::Empty(e)) => (e, true),
            Ok(Event::End(_)) => {
                declared.pop();
                continue;
            }
            Ok(Event::Eof) => break,
            Ok(_) => continue,
            Err(_) => return outside.to_vec(),
        };
        let mut level = Vec::new();
        let mut names: Vec<Option<String>> = Vec::new();
        for attr in e.attributes().flatten() {
            let key: &str = attr.key.0;
            if key == "xmlns" {
                level.push(None);
            } else if let Some(p) = key.strip_prefix("xmlns:") {
                level.push(Some(p.to_owned()));
            } else {
                if let Some((p, _)) = key.split_once(':') {
                    names.push(Some(p.to_owned()));
                }
                let value: &str = &attr.value;
                if let Some((p, local)) = value.split_once(':')
                    && is_ncname(p)
                    && is_ncname(local)
                {
                    names.push(Some(p.to_owned()));
                }
            }
        }
        let element: &str = e.name().0;
        names.push(element.split_once(':').map(|(p, _)| p.to_owned()));
        declared.push(level);
        for n in &names {
            need(n.as_deref(), &declared);
        }
        if empty {
            declared.pop();
        }
    }
    outside.iter().filter(|b| used.contains(&b.prefix)).cloned().collect()
}

/// True for a name without a colon as XML namespaces define it (checked loosely: a letter or
/// `_` first, then letters, digits, `.`, `-`, `_`).
fn is_ncname(s: &str) -> bool {
    let mut chars = s.chars();
    chars.next().is_some_and(|c| c.is_alphabetic() || c == '_')
        && chars.all(|c| c.is_alphanumeric() || matches!(c, '.' | '-' | '_'))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn root(xml: &str) -> (Doc<'_>, Node) {
        let doc = Doc::new(xml, "urn:t");
        let node = doc.parse(&ReadLimits::default()).unwrap_or_else(|e| panic!("{e}"));
        (doc, node)
    }

    #[test]
    fn attributes_are_taken_kept_or_refused() {
        let (doc, mut n) = root(r#"<T xmlns="urn:t" xmlns:v="urn:v" a="1" v:b="2" c="x"/>"#);
        assert_eq!(doc.number::<u32>(&mut n, "a"), Ok(Some(1)));
        let err = doc.no_more_attributes(&n).unwrap_err();
        assert_eq!(err.kind, XmlErrorKind::UnknownAttribute("v:b".into()));
        assert_eq!(err.at.path.to_string(), "T@v:b");
        let bad = doc.flag(&mut n, "c").unwrap_err();
        assert_eq!(
            bad.kind,
            XmlErrorKind::BadValue { value: "x".into(), message: "not a boolean (true or false)".into() }
        );
        let mut ext = Extensions::default();
        doc.keep_attributes(&mut n, &mut ext);
        assert_eq!(ext.attribute(Some("urn:v"), "b"), Some("2"));
    }

    #[test]
    fn limits_and_doctype() {
        let doc = Doc::new("<a><b><c/></b></a>", "urn:t");
        let err = doc.parse(&ReadLimits::new(2, 8)).unwrap_err();
        assert_eq!(err.kind, XmlErrorKind::TooDeep(2));
        assert_eq!(err.at.path.to_string(), "a/b");
        let doc = Doc::new("<!DOCTYPE a>\n<a/>", "urn:t");
        assert_eq!(doc.parse(&ReadLimits::default()).unwrap_err().kind, XmlErrorKind::Doctype);
        let doc = Doc::new("<a x='1' y='2' z='3'/>", "urn:t");
        let err = doc.parse(&ReadLimits::new(8, 2)).unwrap_err();
        assert_eq!(err.kind, XmlErrorKind::TooManyAttributes(2));
    }

    #[test]
    fn entries_and_kept_elements() {
        let (doc, mut n) = root(
            r#"<T xmlns="urn:t" xmlns:v="urn:v"><Entry key="k" unsigned="7"/><v:X><Y/></v:X><Entry label="-3" null="true"/></T>"#,
        );
        let mut ext = Extensions::default();
        doc.keep_children(&mut n, &mut ext).unwrap();
        assert_eq!(ext.entries[0], CborEntry::new("k", CborValue::Unsigned(7)));
        assert_eq!(ext.entries[1], CborEntry::new(Label::Int(-3), CborValue::Null));
        assert_eq!(ext.elements[0].raw, "<v:X><Y/></v:X>");
        assert_eq!(
            ext.elements[0].namespaces,
            [NamespaceBinding::new(None, "urn:t"), NamespaceBinding::new(Some("v"), "urn:v")]
        );
    }

    #[test]
    fn unexpected_children_and_text() {
        let (doc, mut n) = root(r#"<T xmlns="urn:t"><A/><B/></T>"#);
        let err = doc.children(&mut n, &["A"]).unwrap_err();
        assert_eq!(err.kind, XmlErrorKind::UnexpectedElement { expected: "one of A".into(), found: "{urn:t}B".into() });
        assert_eq!(err.at.path.to_string(), "T/B");
        assert_eq!(err.at.position.line(), Some(1));
        let (doc, n) = root("<T xmlns=\"urn:t\">\n  text</T>");
        let err = doc.no_text(&n).unwrap_err();
        assert!(matches!(err.kind, XmlErrorKind::Syntax(_)), "{err}");
    }
}
