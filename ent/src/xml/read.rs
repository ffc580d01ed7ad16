//! The XML reader: quick-xml events into a small tree (names resolved, source spans kept), then
//! the tree into the model.

use super::XmlOptions;
use crate::{
    AccessBy, CoreFactor, Cost, CostBasis, DecodeError, Ent, EntitledProduct, Entity, Environment, Limitation, Link,
    Meta, Metric, Parameter, PvuRating, Quantity, Rel, Right, Role, Term, TermKind, VersionRange,
};
use iso19770_core::cbor::{CborEntry, CborValue};
use iso19770_core::{
    DateTime, Extensions, ForeignAttribute, ForeignElement, Label, Location, NamespaceBinding, Path, PathSegment,
    Position, XML_NAMESPACE,
};
use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};
use rust_decimal::Decimal;

type Result<T> = std::result::Result<T, DecodeError>;

/// An attribute, its name resolved.
struct Attr {
    namespace: Option<String>,
    prefix: Option<String>,
    local: String,
    /// The name as written.
    qname: String,
    value: String,
    used: bool,
}

/// An element, its name resolved, with its source span.
struct Node {
    namespace: Option<String>,
    local: String,
    attrs: Vec<Attr>,
    children: Vec<Node>,
    start: usize,
    end: usize,
    /// The declarations in scope at the parent (later ones win).
    outside: Vec<NamespaceBinding>,
    path: Path,
    /// Where its first text (other than white space) is, if it has any.
    text_at: Option<usize>,
}

struct Ctx<'a> {
    input: &'a str,
    ns: &'a str,
}

impl Ctx<'_> {
    fn at(&self, offset: usize, path: &Path) -> Box<Location> {
        Box::new(Location::new(Position::in_text(self.input, offset), path.clone()))
    }

    fn at_attr(&self, node: &Node, name: &str) -> Box<Location> {
        self.at(node.start, &node.path.join(PathSegment::attribute(name)))
    }
}

fn syntax(input: &str, offset: usize, path: &Path, message: impl Into<String>) -> DecodeError {
    DecodeError::XmlSyntax {
        at: Box::new(Location::new(Position::in_text(input, offset), path.clone())),
        message: message.into(),
    }
}

fn lookup(scopes: &[Vec<NamespaceBinding>], prefix: Option<&str>) -> Option<String> {
    if prefix == Some("xml") {
        return Some(XML_NAMESPACE.to_owned());
    }
    for scope in scopes.iter().rev() {
        if let Some(b) = scope.iter().rev().find(|b| b.prefix.as_deref() == prefix) {
            return if b.uri.is_empty() { None } else { Some(b.uri.clone()) };
        }
    }
    None
}

fn split(qname: &str) -> (Option<&str>, &str) {
    match qname.split_once(':') {
        Some((p, l)) => (Some(p), l),
        None => (None, qname),
    }
}

/// Parses the document into a tree.
fn parse(input: &str, options: &XmlOptions) -> Result<Node> {
    let mut reader = Reader::from_str(input);
    reader.config_mut().check_comments = true;
    let mut stack: Vec<Node> = Vec::new();
    let mut scopes: Vec<Vec<NamespaceBinding>> = Vec::new();
    // Same-named sibling counts, per open element (and one for the document).
    let mut counts: Vec<Vec<(String, usize)>> = vec![Vec::new()];
    let mut root: Option<Node> = None;
    loop {
        let before = usize::try_from(reader.buffer_position()).unwrap_or(usize::MAX);
        let here = stack.last().map(|n| n.path.clone()).unwrap_or_default();
        let event = reader.read_event().map_err(|e| {
            let at = usize::try_from(reader.error_position()).unwrap_or(before);
            syntax(input, at, &here, e.to_string())
        })?;
        let after = usize::try_from(reader.buffer_position()).unwrap_or(usize::MAX);
        match event {
            Event::Start(ref e) | Event::Empty(ref e) => {
                if root.is_some() {
                    return Err(syntax(input, before, &here, "a second root element"));
                }
                if stack.len() >= options.max_depth {
                    return Err(DecodeError::TooDeep {
                        at: Box::new(Location::new(Position::in_text(input, before), here)),
                        limit: options.max_depth,
                    });
                }
                let empty = matches!(event, Event::Empty(_));
                let node = start_node(input, options, e, before, &here, &mut scopes, &mut counts)?;
                if empty {
                    scopes.pop();
                    counts.pop();
                    let mut node = node;
                    node.end = after;
                    attach(node, &mut stack, &mut root);
                } else {
                    stack.push(node);
                }
            }
            Event::End(_) => {
                scopes.pop();
                counts.pop();
                if let Some(mut node) = stack.pop() {
                    node.end = after;
                    attach(node, &mut stack, &mut root);
                }
            }
            Event::Text(ref t) => {
                let text: &str = t;
                if !text.bytes().all(|b| b.is_ascii_whitespace()) {
                    mark_text(&mut stack, input, before, &here)?;
                }
            }
            Event::CData(_) | Event::GeneralRef(_) => mark_text(&mut stack, input, before, &here)?,
            Event::DocType(_) => {
                return Err(DecodeError::XmlDoctype {
                    at: Box::new(Location::new(Position::in_text(input, before), here)),
                });
            }
            Event::Decl(_) | Event::Comment(_) | Event::PI(_) => {}
            Event::Eof => {
                if !stack.is_empty() {
                    return Err(syntax(input, before, &here, "the document ends inside an element"));
                }
                return root.ok_or_else(|| syntax(input, before, &here, "no root element"));
            }
        }
    }
}

/// Notes text in the open element (an error outside the root); only known elements refuse it.
fn mark_text(stack: &mut [Node], input: &str, offset: usize, path: &Path) -> Result<()> {
    match stack.last_mut() {
        Some(node) => {
            node.text_at.get_or_insert(offset);
            Ok(())
        }
        None => Err(syntax(input, offset, path, "text outside the root element")),
    }
}

fn attach(node: Node, stack: &mut [Node], root: &mut Option<Node>) {
    match stack.last_mut() {
        Some(parent) => parent.children.push(node),
        None => *root = Some(node),
    }
}

fn start_node(
    input: &str,
    options: &XmlOptions,
    e: &BytesStart<'_>,
    offset: usize,
    parent: &Path,
    scopes: &mut Vec<Vec<NamespaceBinding>>,
    counts: &mut Vec<Vec<(String, usize)>>,
) -> Result<Node> {
    let qname = e.name().0.to_owned();
    let (prefix, local) = split(&qname);
    let position = match counts.last_mut() {
        Some(c) => {
            if let Some((_, k)) = c.iter_mut().find(|(n, _)| n == local) {
                *k += 1;
                *k
            } else {
                c.push((local.to_owned(), 1));
                1
            }
        }
        None => 1,
    };
    let path = parent.join(PathSegment::element(local, position));
    let mut outside: Vec<NamespaceBinding> = Vec::new();
    for b in scopes.iter().flatten() {
        outside.retain(|o| o.prefix != b.prefix);
        outside.push(b.clone());
    }
    let mut decls = Vec::new();
    let mut raw_attrs = Vec::new();
    for (i, attr) in e.attributes().with_checks(true).enumerate() {
        if i >= options.max_attributes {
            return Err(DecodeError::XmlTooManyAttributes {
                at: Box::new(Location::new(Position::in_text(input, offset), path)),
                limit: options.max_attributes,
            });
        }
        let attr = attr.map_err(|err| syntax(input, offset, &path, err.to_string()))?;
        let key = attr.key.0.to_owned();
        let value = attr
            .normalized_value(quick_xml::XmlVersion::Implicit1_0)
            .map_err(|err| syntax(input, offset, &path.join(PathSegment::attribute(&key)), err.to_string()))?
            .into_owned();
        if key == "xmlns" {
            decls.push(NamespaceBinding::new(None, value));
        } else if let Some(p) = key.strip_prefix("xmlns:") {
            decls.push(NamespaceBinding::new(Some(p), value));
        } else {
            raw_attrs.push((key, value));
        }
    }
    scopes.push(decls);
    counts.push(Vec::new());
    let namespace = match prefix {
        None => lookup(scopes, None),
        Some(p) => Some(
            lookup(scopes, Some(p))
                .ok_or_else(|| syntax(input, offset, &path, format!("the prefix {p} is not declared")))?,
        ),
    };
    let mut attrs: Vec<Attr> = Vec::new();
    for (key, value) in raw_attrs {
        let (p, l) = split(&key);
        let ns = match p {
            None => None,
            Some(p) => Some(lookup(scopes, Some(p)).ok_or_else(|| {
                syntax(
                    input,
                    offset,
                    &path.join(PathSegment::attribute(&key)),
                    format!("the prefix {p} is not declared"),
                )
            })?),
        };
        if attrs.iter().any(|a| a.namespace == ns && a.local == l) {
            return Err(DecodeError::XmlUnknownAttribute {
                at: Box::new(Location::new(Position::in_text(input, offset), path.join(PathSegment::attribute(&key)))),
                name: key,
            });
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

pub(super) fn read(input: &str, options: &XmlOptions) -> Result<Ent> {
    let mut root = parse(input, options)?;
    let cx = Ctx { input, ns: &options.namespace };
    if !cx.is_ours(&root, "Ent") {
        return Err(DecodeError::XmlUnexpectedElement {
            at: cx.at(root.start, &root.path),
            expected: format!("{{{}}}Ent", cx.ns),
            found: found(&root),
        });
    }
    cx.no_text(&root)?;
    let mut ent = Ent::new(cx.required(&mut root, "entId")?);
    ent.version = cx.text(&mut root, "version");
    ent.revision = cx.number(&mut root, "revision")?;
    ent.name = cx.text(&mut root, "name");
    if let Some(a) =
        root.attrs.iter_mut().find(|a| !a.used && a.namespace.as_deref() == Some(XML_NAMESPACE) && a.local == "lang")
    {
        a.used = true;
        ent.lang = Some(a.value.clone());
    }
    let children = std::mem::take(&mut root.children);
    for mut child in children {
        if child.namespace.as_deref() != Some(cx.ns) {
            ent.extensions.elements.push(cx.foreign(&child));
            continue;
        }
        match child.local.as_str() {
            "Entity" => ent.entities.push(cx.entity(&mut child)?),
            "Link" => ent.links.push(cx.link(&mut child)?),
            "Meta" => ent.meta.push(cx.meta(&mut child)?),
            "Product" => ent.products.push(cx.product(&mut child)?),
            "Quantity" => {
                cx.once(ent.quantity.is_some(), &child)?;
                ent.quantity = Some(cx.quantity(&mut child)?);
            }
            "Metric" => {
                cx.once(ent.metric.is_some(), &child)?;
                ent.metric = Some(cx.metric(&mut child)?);
            }
            "Right" => ent.rights.push(cx.right(&mut child)?),
            "Limitation" => ent.limitations.push(cx.limitation(&mut child)?),
            "Term" => ent.terms.push(cx.term(&mut child)?),
            "Cost" => ent.costs.push(cx.cost(&mut child)?),
            "Entry" => ent.extensions.entries.push(cx.entry(&mut child)?),
            _ => ent.extensions.elements.push(cx.foreign(&child)),
        }
    }
    cx.keep_attributes(&mut root, &mut ent.extensions);
    Ok(ent)
}

fn found(node: &Node) -> String {
    match &node.namespace {
        Some(ns) => format!("{{{ns}}}{}", node.local),
        None => node.local.clone(),
    }
}

impl Ctx<'_> {
    fn is_ours(&self, node: &Node, name: &str) -> bool {
        node.namespace.as_deref() == Some(self.ns) && node.local == name
    }

    fn once(&self, seen: bool, node: &Node) -> Result<()> {
        if seen {
            Err(DecodeError::XmlUnexpectedElement {
                at: self.at(node.start, &node.path),
                expected: "at most one of this element".to_owned(),
                found: found(node),
            })
        } else {
            Ok(())
        }
    }

    /// The value of the unqualified attribute `name`, marked as read.
    #[allow(clippy::unused_self)] // a method, like the other readers
    fn text(&self, node: &mut Node, name: &str) -> Option<String> {
        let a = node.attrs.iter_mut().find(|a| !a.used && a.namespace.is_none() && a.local == name)?;
        a.used = true;
        Some(a.value.clone())
    }

    fn required(&self, node: &mut Node, name: &'static str) -> Result<String> {
        self.text(node, name)
            .ok_or_else(|| DecodeError::XmlMissingAttribute { at: self.at(node.start, &node.path), name })
    }

    fn date(&self, node: &mut Node, name: &str) -> Option<DateTime> {
        self.text(node, name).map(DateTime::new)
    }

    fn bad(&self, node: &Node, name: &str, value: String, message: impl Into<String>) -> DecodeError {
        DecodeError::XmlBadValue { at: self.at_attr(node, name), value, message: message.into() }
    }

    fn number(&self, node: &mut Node, name: &str) -> Result<Option<u32>> {
        match self.text(node, name) {
            None => Ok(None),
            Some(v) => match v.parse::<u32>() {
                Ok(n) if !v.starts_with('+') => Ok(Some(n)),
                _ => Err(self.bad(node, name, v, "not a whole number from 0 to 4294967295")),
            },
        }
    }

    fn decimal(&self, node: &mut Node, name: &str) -> Result<Option<Decimal>> {
        match self.text(node, name) {
            None => Ok(None),
            Some(v) => crate::decimal::parse(&v).map(Some).map_err(|e| self.bad(node, name, v, e.to_string())),
        }
    }

    fn flag(&self, node: &mut Node, name: &str) -> Result<bool> {
        match self.text(node, name).as_deref() {
            None | Some("false" | "0") => Ok(false),
            Some("true" | "1") => Ok(true),
            Some(v) => Err(self.bad(node, name, v.to_owned(), "not a boolean (true or false)")),
        }
    }

    /// Moves the attributes not read into `ext`.
    #[allow(clippy::unused_self)] // a method, like keep_children
    fn keep_attributes(&self, node: &mut Node, ext: &mut Extensions) {
        for a in node.attrs.drain(..).filter(|a| !a.used) {
            let mut f = ForeignAttribute::new(a.namespace.as_deref(), a.local, a.value);
            if let Some(p) = a.prefix {
                f = f.with_prefix(p);
            }
            ext.attributes.push(f);
        }
    }

    /// An error for the first attribute not read, on an element that keeps nothing.
    fn no_more_attributes(&self, node: &Node) -> Result<()> {
        match node.attrs.iter().find(|a| !a.used) {
            Some(a) => {
                Err(DecodeError::XmlUnknownAttribute { at: self.at_attr(node, &a.qname), name: a.qname.clone() })
            }
            None => Ok(()),
        }
    }

    /// Keeps unknown children of an element with `extensions`; refuses its known children
    /// (none of these elements has any).
    fn keep_children(&self, node: &mut Node, ext: &mut Extensions) -> Result<()> {
        self.no_text(node)?;
        for mut child in std::mem::take(&mut node.children) {
            if self.is_ours(&child, "Entry") {
                ext.entries.push(self.entry(&mut child)?);
            } else {
                ext.elements.push(self.foreign(&child));
            }
        }
        Ok(())
    }

    /// Known elements hold no text.
    fn no_text(&self, node: &Node) -> Result<()> {
        match node.text_at {
            Some(at) => Err(DecodeError::XmlSyntax {
                at: self.at(at, &node.path),
                message: format!("text is not allowed in <{}>", node.local),
            }),
            None => Ok(()),
        }
    }

    /// A CBOR/JSON entry kept as `<Entry key=".." text=".."/>`.
    fn entry(&self, node: &mut Node) -> Result<CborEntry> {
        let label = match (self.text(node, "key"), self.text(node, "label")) {
            (Some(k), None) => Label::Text(k),
            (None, Some(n)) => match n.parse::<i64>() {
                Ok(n) => Label::Int(n),
                Err(_) => return Err(self.bad(node, "label", n, "not an integer")),
            },
            _ => return Err(DecodeError::XmlMissingAttribute { at: self.at(node.start, &node.path), name: "key" }),
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
            return Err(DecodeError::XmlMissingAttribute { at: self.at(node.start, &node.path), name: "text" });
        };
        self.no_more_attributes(node)?;
        self.children(node, &[])?;
        Ok(CborEntry::new(label, value))
    }

    fn foreign(&self, node: &Node) -> ForeignElement {
        let raw = self.input.get(node.start..node.end).unwrap_or_default().to_owned();
        let namespaces = relied_on(&raw, &node.outside);
        ForeignElement::new(node.namespace.as_deref(), node.local.clone(), raw).with_namespaces(namespaces)
    }

    /// Children of an element that keeps nothing: each must be one of `allowed`.
    fn children(&self, node: &mut Node, allowed: &[&str]) -> Result<Vec<Node>> {
        self.no_text(node)?;
        let children = std::mem::take(&mut node.children);
        for c in &children {
            if !allowed.iter().any(|a| self.is_ours(c, a)) {
                return Err(DecodeError::XmlUnexpectedElement {
                    at: self.at(c.start, &c.path),
                    expected: if allowed.is_empty() {
                        format!("no child in <{}>", node.local)
                    } else {
                        format!("one of {}", allowed.join(", "))
                    },
                    found: found(c),
                });
            }
        }
        Ok(children)
    }

    fn entity(&self, node: &mut Node) -> Result<Entity> {
        let mut e = Entity::new(self.required(node, "name")?, []);
        e.regid = self.text(node, "regid");
        if let Some(roles) = self.text(node, "role") {
            e.roles = roles.split_ascii_whitespace().map(Role::from_name).collect();
        }
        self.keep_attributes(node, &mut e.extensions);
        self.keep_children(node, &mut e.extensions)?;
        Ok(e)
    }

    fn link(&self, node: &mut Node) -> Result<Link> {
        let href = self.required(node, "href")?;
        let rel = Rel::from_name(&self.required(node, "rel")?);
        let mut l = Link::new(href, rel);
        l.media_type = self.text(node, "type");
        self.keep_attributes(node, &mut l.extensions);
        self.keep_children(node, &mut l.extensions)?;
        Ok(l)
    }

    fn meta(&self, node: &mut Node) -> Result<Meta> {
        let mut m = Meta {
            sku: self.text(node, "sku"),
            purchase_order: self.text(node, "purchaseOrder"),
            purchase_order_line: self.text(node, "purchaseOrderLine"),
            invoice: self.text(node, "invoice"),
            agreement: self.text(node, "agreement"),
            contract: self.text(node, "contract"),
            agreement_type: self.text(node, "agreementType"),
            purchase_date: self.date(node, "purchaseDate"),
            extensions: Extensions::default(),
        };
        self.keep_attributes(node, &mut m.extensions);
        self.keep_children(node, &mut m.extensions)?;
        Ok(m)
    }

    fn product(&self, node: &mut Node) -> Result<EntitledProduct> {
        let mut p = EntitledProduct {
            tag_id: self.text(node, "tagId"),
            regid: self.text(node, "regid"),
            product: self.text(node, "product"),
            edition: self.text(node, "edition"),
            ..EntitledProduct::default()
        };
        let any = match self.text(node, "versions") {
            None => false,
            Some(v) if v == "any" => true,
            Some(v) => return Err(self.bad(node, "versions", v, "the only value is any")),
        };
        let from = self.text(node, "versionFrom");
        let to = self.text(node, "versionTo");
        if any || from.is_some() || to.is_some() {
            p.versions = Some(VersionRange { from, to });
        }
        self.keep_attributes(node, &mut p.extensions);
        self.keep_children(node, &mut p.extensions)?;
        Ok(p)
    }

    fn quantity(&self, node: &mut Node) -> Result<Quantity> {
        let value = self.decimal(node, "value")?;
        let unlimited = self.flag(node, "unlimited")?;
        self.no_more_attributes(node)?;
        self.children(node, &[])?;
        match (value, unlimited) {
            (Some(d), false) => Ok(Quantity::Exact(d)),
            (None, true) => Ok(Quantity::Unlimited),
            (Some(d), true) => {
                Err(self.bad(node, "unlimited", d.to_string(), "a value and unlimited=\"true\" together"))
            }
            (None, false) => {
                Err(DecodeError::XmlMissingAttribute { at: self.at(node.start, &node.path), name: "value" })
            }
        }
    }

    fn params(&self, children: Vec<Node>) -> Result<Vec<Parameter>> {
        let mut out = Vec::new();
        for mut c in children.into_iter().filter(|c| c.local == "Parameter") {
            let p = Parameter::new(self.required(&mut c, "name")?, self.required(&mut c, "value")?);
            self.no_more_attributes(&c)?;
            self.children(&mut c, &[])?;
            out.push(p);
        }
        Ok(out)
    }

    fn values(&self, children: &mut [Node], name: &str) -> Result<Vec<String>> {
        let mut out = Vec::new();
        for c in children.iter_mut().filter(|c| c.local == name) {
            out.push(self.required(c, "value")?);
            self.no_more_attributes(c)?;
            self.children(c, &[])?;
        }
        Ok(out)
    }

    fn kind(&self, node: &mut Node) -> Result<String> {
        let kind = self.required(node, "type")?;
        if kind == "other" { self.required(node, "name") } else { Ok(kind) }
    }

    fn metric(&self, node: &mut Node) -> Result<Metric> {
        let kind = self.kind(node)?;
        let is_other = node.attrs.iter().any(|a| a.used && a.local == "name");
        let allowed: &[&str] = match kind.as_str() {
            _ if is_other => &["Parameter"],
            "processorCoreFactor" => &["CoreFactor"],
            "processorValueUnit" => &["PvuRating"],
            _ => &[],
        };
        let children = self.children(node, allowed)?;
        let metric =
            match kind.as_str() {
                _ if is_other => Metric::Other { name: kind, params: self.params(children)? },
                "perInstallation" => Metric::PerInstallation,
                "perDevice" => Metric::PerDevice,
                "namedUser" => Metric::NamedUser { minimum_per_processor: self.number(node, "minimumPerProcessor")? },
                "concurrentUser" => Metric::ConcurrentUser,
                "perCore" => Metric::PerCore {
                    minimum_per_processor: self.number(node, "minimumPerProcessor")?,
                    minimum_per_server: self.number(node, "minimumPerServer")?,
                    pack_size: self.number(node, "packSize")?,
                },
                "perProcessor" => Metric::PerProcessor { cores_per_licence: self.number(node, "coresPerLicence")? },
                "perSocket" => Metric::PerSocket { sockets_per_licence: self.number(node, "socketsPerLicence")? },
                "processorCoreFactor" => {
                    let mut core_factors = Vec::new();
                    for mut c in children.into_iter().filter(|c| c.local == "CoreFactor") {
                        let class = self.required(&mut c, "processorClass")?;
                        let factor = self.decimal(&mut c, "factor")?.ok_or_else(|| {
                            DecodeError::XmlMissingAttribute { at: self.at(c.start, &c.path), name: "factor" }
                        })?;
                        self.no_more_attributes(&c)?;
                        self.children(&mut c, &[])?;
                        core_factors.push(CoreFactor::new(class, factor));
                    }
                    Metric::ProcessorCoreFactor { core_factors, default_factor: self.decimal(node, "defaultFactor")? }
                }
                "processorValueUnit" => {
                    let mut pvu_per_core = Vec::new();
                    for mut c in children.into_iter().filter(|c| c.local == "PvuRating") {
                        let class = self.required(&mut c, "processorClass")?;
                        let pvu = self.number(&mut c, "pvuPerCore")?.ok_or_else(|| {
                            DecodeError::XmlMissingAttribute { at: self.at(c.start, &c.path), name: "pvuPerCore" }
                        })?;
                        self.no_more_attributes(&c)?;
                        self.children(&mut c, &[])?;
                        pvu_per_core.push(PvuRating::new(class, pvu));
                    }
                    Metric::ProcessorValueUnit {
                        pvu_per_core,
                        default_pvu_per_core: self.number(node, "defaultPvuPerCore")?,
                        sub_capacity: self.flag(node, "subCapacity")?,
                    }
                }
                "clientAccess" => {
                    let access_by = match self.required(node, "accessBy")?.as_str() {
                        "user" => AccessBy::User,
                        "device" => AccessBy::Device,
                        v => return Err(self.bad(node, "accessBy", v.to_owned(), "neither user nor device")),
                    };
                    Metric::ClientAccess { access_by }
                }
                "site" => Metric::Site,
                "enterprise" => Metric::Enterprise,
                "unlimited" => Metric::Unlimited,
                "consumption" => {
                    Metric::Consumption { unit: self.required(node, "unit")?, period: self.text(node, "period") }
                }
                _ => {
                    return Err(DecodeError::UnknownValue {
                        at: self.at_attr(node, "type"),
                        vocabulary: "metric type",
                        value: kind,
                    });
                }
            };
        self.no_more_attributes(node)?;
        Ok(metric)
    }

    fn right(&self, node: &mut Node) -> Result<Right> {
        let kind = self.kind(node)?;
        let is_other = node.attrs.iter().any(|a| a.used && a.local == "name");
        let allowed: &[&str] = match kind.as_str() {
            _ if is_other => &["Parameter"],
            "downgrade" => &["Edition"],
            _ => &[],
        };
        let mut children = self.children(node, allowed)?;
        let right = match kind.as_str() {
            _ if is_other => Right::Other { name: kind, params: self.params(children)? },
            "downgrade" => Right::Downgrade {
                lowest_version: self.text(node, "lowestVersion"),
                editions: self.values(&mut children, "Edition")?,
            },
            "upgrade" => Right::Upgrade { until: self.date(node, "until") },
            "secondUse" => Right::SecondUse { copies: self.number(node, "copies")? },
            "multipleInstalls" => Right::MultipleInstalls {
                per_licence: self.number(node, "perLicence")?.ok_or_else(|| DecodeError::XmlMissingAttribute {
                    at: self.at(node.start, &node.path),
                    name: "perLicence",
                })?,
            },
            "virtualization" => Right::Virtualization {
                vms_per_licence: self.number(node, "vmsPerLicence")?,
                unlimited_vms: self.flag(node, "unlimitedVms")?,
                host_licensing: self.flag(node, "hostLicensing")?,
            },
            "transfer" => Right::Transfer {
                minimum_days_between: self.number(node, "minimumDaysBetween")?,
                to_third_party: self.flag(node, "toThirdParty")?,
            },
            _ => {
                return Err(DecodeError::UnknownValue {
                    at: self.at_attr(node, "type"),
                    vocabulary: "right type",
                    value: kind,
                });
            }
        };
        self.no_more_attributes(node)?;
        Ok(right)
    }

    fn limitation(&self, node: &mut Node) -> Result<Limitation> {
        let kind = self.kind(node)?;
        let is_other = node.attrs.iter().any(|a| a.used && a.local == "name");
        let allowed: &[&str] = match kind.as_str() {
            _ if is_other => &["Parameter"],
            "geography" => &["Country", "Region"],
            "environment" => &["Environment"],
            "organization" => &["Unit"],
            _ => &[],
        };
        let mut children = self.children(node, allowed)?;
        let limitation = match kind.as_str() {
            _ if is_other => Limitation::Other { name: kind, params: self.params(children)? },
            "period" => Limitation::Period { start: self.date(node, "start"), end: self.date(node, "end") },
            "geography" => Limitation::Geography {
                countries: self.values(&mut children, "Country")?,
                regions: self.values(&mut children, "Region")?,
            },
            "environment" => Limitation::Environment {
                environments: self
                    .values(&mut children, "Environment")?
                    .iter()
                    .map(|v| Environment::from_name(v))
                    .collect(),
            },
            "organization" => Limitation::Organization { units: self.values(&mut children, "Unit")? },
            _ => {
                return Err(DecodeError::UnknownValue {
                    at: self.at_attr(node, "type"),
                    vocabulary: "limitation type",
                    value: kind,
                });
            }
        };
        self.no_more_attributes(node)?;
        Ok(limitation)
    }

    fn term(&self, node: &mut Node) -> Result<Term> {
        let t = Term {
            kind: TermKind::from_name(&self.required(node, "kind")?),
            start: self.date(node, "start"),
            end: self.date(node, "end"),
        };
        self.no_more_attributes(node)?;
        self.children(node, &[])?;
        Ok(t)
    }

    fn cost(&self, node: &mut Node) -> Result<Cost> {
        let amount = self
            .decimal(node, "amount")?
            .ok_or_else(|| DecodeError::XmlMissingAttribute { at: self.at(node.start, &node.path), name: "amount" })?;
        let currency = self.required(node, "currency")?;
        let basis = match self.text(node, "basis").as_deref() {
            None | Some("total") => CostBasis::Total,
            Some("perUnit") => CostBasis::PerUnit,
            Some("perPeriod") => CostBasis::PerPeriod,
            Some(v) => {
                return Err(DecodeError::UnknownValue {
                    at: self.at_attr(node, "basis"),
                    vocabulary: "cost basis",
                    value: v.to_owned(),
                });
            }
        };
        self.no_more_attributes(node)?;
        self.children(node, &[])?;
        Ok(Cost { amount, currency, basis })
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
