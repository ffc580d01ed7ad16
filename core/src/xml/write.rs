//! The writer: elements built in memory, rendered deterministically (two-space indentation,
//! attributes in the order added, escaped values), with kept content written back.

use crate::cbor::CborValue;
use crate::{Extensions, Label, Path, XML_NAMESPACE};
use std::borrow::Cow;

/// Why kept content cannot be written in XML.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum XmlEncodeError {
    /// Content XML cannot carry (a kept map entry whose value is an array, a map, a tag, a
    /// float or bytes; kept content that relies on another default namespace).
    NotRepresentable {
        /// Where in the model.
        path: Path,
        /// What cannot be written.
        what: String,
    },
    /// Kept content needs one prefix for two namespaces, or one attribute twice.
    DuplicateKey {
        /// Where in the model.
        path: Path,
        /// The prefix declaration or attribute name.
        key: String,
    },
}

type Result<T> = std::result::Result<T, XmlEncodeError>;

/// One element being written: its attributes, namespace declarations and children.
///
/// ```
/// use iso19770_core::xml::Element;
///
/// let mut root = Element::new("Rum");
/// root.attr("rumId", "r-1");
/// root.opt("revision", Some(2));
/// let mut m = Element::new("Measurement");
/// m.flag("estimated", true);
/// root.child(m);
/// assert_eq!(
///     root.to_document(Some("urn:x")),
///     "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Rum xmlns=\"urn:x\" rumId=\"r-1\" revision=\"2\">\n  <Measurement estimated=\"true\"/>\n</Rum>\n"
/// );
/// ```
#[derive(Clone, Debug)]
pub struct Element {
    name: Cow<'static, str>,
    attrs: Vec<(String, String)>,
    decls: Vec<(String, String)>,
    children: Vec<Child>,
}

/// A child of an [`Element`].
#[derive(Clone, Debug)]
pub enum Child {
    /// An element.
    Element(Element),
    /// Source text written as it is (a kept element).
    Raw(String),
}

impl Element {
    /// An element with this (unprefixed) name, in the form's default namespace.
    pub fn new(name: impl Into<Cow<'static, str>>) -> Self {
        Element { name: name.into(), attrs: Vec::new(), decls: Vec::new(), children: Vec::new() }
    }

    /// Adds an attribute.
    pub fn attr(&mut self, name: &str, value: impl Into<String>) {
        self.attrs.push((name.to_owned(), value.into()));
    }

    /// Adds an attribute when there is a value.
    pub fn opt<T: ToString>(&mut self, name: &str, value: Option<T>) {
        if let Some(v) = value {
            self.attr(name, v.to_string());
        }
    }

    /// Adds `name="true"` when true (booleans are written only when true).
    pub fn flag(&mut self, name: &str, value: bool) {
        if value {
            self.attr(name, "true");
        }
    }

    /// Adds a child element.
    pub fn child(&mut self, child: Element) {
        self.children.push(Child::Element(child));
    }

    /// Adds one child `<name value=".."/>` per value.
    pub fn valued<T: ToString>(&mut self, name: &'static str, values: &[T]) {
        for v in values {
            let mut e = Element::new(name);
            e.attr("value", v.to_string());
            self.child(e);
        }
    }

    /// True when the element has no child.
    pub fn is_empty(&self) -> bool {
        self.children.is_empty()
    }

    /// Declares `prefix` for `uri` here; an error when the prefix is already taken by another URI.
    fn declare(&mut self, prefix: &str, uri: &str, path: &Path) -> Result<()> {
        match self.decls.iter().find(|(p, _)| p == prefix) {
            Some((_, u)) if u == uri => Ok(()),
            Some(_) => Err(XmlEncodeError::DuplicateKey { path: path.clone(), key: format!("xmlns:{prefix}") }),
            None => {
                self.decls.push((prefix.to_owned(), uri.to_owned()));
                Ok(())
            }
        }
    }

    /// Writes back kept content: map entries as `Entry` elements, then attributes (after the
    /// known ones) and elements (after the known children), declaring what they rely on. `ns`
    /// is the form's namespace (the default namespace of the document).
    pub fn extensions(&mut self, ext: &Extensions, ns: &str, path: &Path) -> Result<()> {
        for entry in &ext.entries {
            let mut e = Element::new("Entry");
            match &entry.label {
                Label::Text(k) => e.attr("key", k),
                Label::Int(n) => e.attr("label", n.to_string()),
            }
            match &entry.value {
                CborValue::Text(t) => e.attr("text", t),
                CborValue::Unsigned(n) => e.attr("unsigned", n.to_string()),
                CborValue::Negative(n) => e.attr("negative", n.to_string()),
                CborValue::Bool(b) => e.attr("bool", b.to_string()),
                CborValue::Null => e.attr("null", "true"),
                _ => {
                    return Err(XmlEncodeError::NotRepresentable {
                        path: path.clone(),
                        what: format!("the entry {:?} (only text, integer, boolean and null entries)", entry.label),
                    });
                }
            }
            self.child(e);
        }
        for a in &ext.attributes {
            for b in &a.namespaces {
                self.binding(b.prefix.as_deref(), &b.uri, ns, path)?;
            }
            let name = match a.namespace.as_deref() {
                None => a.name.to_string(),
                Some(XML_NAMESPACE) => format!("xml:{}", a.name),
                Some(uri) => {
                    let prefix = self.prefix_for(a.prefix.as_deref(), uri);
                    format!("{prefix}:{}", a.name)
                }
            };
            if self.attrs.iter().any(|(n, _)| *n == name) {
                return Err(XmlEncodeError::DuplicateKey { path: path.clone(), key: name });
            }
            self.attrs.push((name, a.value.to_string()));
        }
        for e in &ext.elements {
            for b in &e.namespaces {
                self.binding(b.prefix.as_deref(), &b.uri, ns, path)?;
            }
            self.children.push(Child::Raw(e.raw.clone()));
        }
        Ok(())
    }

    fn binding(&mut self, prefix: Option<&str>, uri: &str, ns: &str, path: &Path) -> Result<()> {
        match prefix {
            None if uri == ns => Ok(()),
            None => Err(XmlEncodeError::NotRepresentable {
                path: path.clone(),
                what: format!("kept content in the default namespace {uri:?}"),
            }),
            Some("xml") => Ok(()),
            Some(p) => self.declare(p, uri, path),
        }
    }

    /// A prefix bound to `uri` on this element: the preferred one when free, else `ns1`, `ns2`, ….
    fn prefix_for(&mut self, preferred: Option<&str>, uri: &str) -> String {
        if let Some((p, _)) = self.decls.iter().find(|(_, u)| u == uri) {
            return p.clone();
        }
        let free = |p: &str, decls: &[(String, String)]| {
            !p.is_empty() && !p.to_ascii_lowercase().starts_with("xml") && decls.iter().all(|(q, _)| q != p)
        };
        let prefix = match preferred {
            Some(p) if free(p, &self.decls) => p.to_owned(),
            _ => {
                let mut i = 1;
                while !free(&format!("ns{i}"), &self.decls) {
                    i += 1;
                }
                format!("ns{i}")
            }
        };
        self.decls.push((prefix.clone(), uri.to_owned()));
        prefix
    }

    /// The element as a document: the XML declaration, then the element with `xmlns` = `ns`.
    pub fn to_document(&self, ns: Option<&str>) -> String {
        let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        self.render(&mut out, 0, ns);
        out
    }

    /// Writes the element at this indentation; `root_ns`, when given, as its `xmlns`.
    pub fn render(&self, out: &mut String, indent: usize, root_ns: Option<&str>) {
        out.push_str(&"  ".repeat(indent));
        out.push('<');
        out.push_str(&self.name);
        if let Some(ns) = root_ns {
            push_attr(out, "xmlns", ns);
        }
        for (p, u) in &self.decls {
            push_attr(out, &format!("xmlns:{p}"), u);
        }
        for (n, v) in &self.attrs {
            push_attr(out, n, v);
        }
        if self.children.is_empty() {
            out.push_str("/>\n");
            return;
        }
        out.push_str(">\n");
        for c in &self.children {
            match c {
                Child::Element(e) => e.render(out, indent + 1, None),
                Child::Raw(raw) => {
                    out.push_str(&"  ".repeat(indent + 1));
                    out.push_str(raw);
                    out.push('\n');
                }
            }
        }
        out.push_str(&"  ".repeat(indent));
        out.push_str("</");
        out.push_str(&self.name);
        out.push_str(">\n");
    }
}

fn push_attr(out: &mut String, name: &str, value: &str) {
    out.push(' ');
    out.push_str(name);
    out.push_str("=\"");
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
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cbor::CborEntry;
    use crate::{ForeignAttribute, ForeignElement, NamespaceBinding};

    #[test]
    fn kept_content_is_declared_and_written_back() {
        let mut ext = Extensions::default();
        ext.attributes.push(ForeignAttribute::new(Some("urn:v"), "tier", "gold").with_prefix("v"));
        ext.elements.push(
            ForeignElement::new(Some("urn:w"), "Note", "<w:Note>x</w:Note>")
                .with_namespaces([NamespaceBinding::new(Some("w"), "urn:w")]),
        );
        ext.entries.push(CborEntry::new("seats", CborValue::Unsigned(12)));
        let mut e = Element::new("T");
        e.extensions(&ext, "urn:t", &Path::default()).unwrap();
        assert_eq!(
            e.to_document(Some("urn:t")),
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<T xmlns=\"urn:t\" xmlns:v=\"urn:v\" xmlns:w=\"urn:w\" v:tier=\"gold\">\n  <Entry key=\"seats\" unsigned=\"12\"/>\n  <w:Note>x</w:Note>\n</T>\n"
        );
    }

    #[test]
    fn what_xml_cannot_carry() {
        let mut ext = Extensions::default();
        ext.entries.push(CborEntry::new("list", CborValue::Array(vec![])));
        let err = Element::new("T").extensions(&ext, "urn:t", &Path::default()).unwrap_err();
        assert!(matches!(err, XmlEncodeError::NotRepresentable { .. }), "{err:?}");
        let mut ext = Extensions::default();
        ext.elements
            .push(ForeignElement::new(None, "X", "<X/>").with_namespaces([NamespaceBinding::new(None, "urn:other")]));
        let err = Element::new("T").extensions(&ext, "urn:t", &Path::default()).unwrap_err();
        assert!(matches!(err, XmlEncodeError::NotRepresentable { .. }), "{err:?}");
        let mut ext = Extensions::default();
        ext.elements.push(
            ForeignElement::new(Some("urn:a"), "X", "<p:X/>")
                .with_namespaces([NamespaceBinding::new(Some("p"), "urn:a")]),
        );
        ext.elements.push(
            ForeignElement::new(Some("urn:b"), "X", "<p:X/>")
                .with_namespaces([NamespaceBinding::new(Some("p"), "urn:b")]),
        );
        let err = Element::new("T").extensions(&ext, "urn:t", &Path::default()).unwrap_err();
        assert_eq!(err, XmlEncodeError::DuplicateKey { path: Path::default(), key: "xmlns:p".into() });
    }

    #[test]
    fn values_are_escaped() {
        let mut e = Element::new("T");
        e.attr("a", "<&\"\t\n\r>");
        let mut out = String::new();
        e.render(&mut out, 1, None);
        assert_eq!(out, "  <T a=\"&lt;&amp;&quot;&#9;&#10;&#13;&gt;\"/>\n");
    }
}
