//! Preserved unknown content.
//!
//! A decoder keeps what its model has no field for, and its writer puts it back where it was:
//! attributes in other namespaces (`n8060:pathSeparator`, `xsi:schemaLocation`, unqualified
//! attributes that the XSD's `anyAttribute` admits on `Meta`, `File` or `Resource`), child
//! elements the model does not know (`ds:Signature`, vendor elements), and CBOR or JSON map
//! entries with keys the model does not know (extension keys, private-use negative keys).
//! Elements are kept as their exact source text, together with the namespace declarations that
//! text relies on, so that the copied bytes still parse to the same names wherever they are
//! written again.

use std::borrow::Cow;

/// A namespace declaration: `xmlns="uri"` (no prefix) or `xmlns:prefix="uri"`.
///
/// An empty `uri` with no prefix is `xmlns=""`: unqualified names are in no namespace.
///
/// ```
/// use iso19770_core::NamespaceBinding;
///
/// let ds = NamespaceBinding::new(Some("ds"), "http://www.w3.org/2000/09/xmldsig#");
/// assert_eq!(ds.to_string(), "xmlns:ds=\"http://www.w3.org/2000/09/xmldsig#\"");
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct NamespaceBinding {
    /// The prefix; `None` for the default namespace.
    pub prefix: Option<String>,
    /// The namespace URI; empty to undeclare the default namespace.
    pub uri: String,
}

impl NamespaceBinding {
    /// A binding of `prefix` (or the default namespace when `None`) to `uri`.
    pub fn new(prefix: Option<&str>, uri: impl Into<String>) -> Self {
        NamespaceBinding { prefix: prefix.map(str::to_owned), uri: uri.into() }
    }
}

impl std::fmt::Display for NamespaceBinding {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.prefix {
            Some(p) => write!(f, "xmlns:{p}=\"{}\"", self.uri),
            None => write!(f, "xmlns=\"{}\"", self.uri),
        }
    }
}

/// An XML attribute the model has no field for, with its namespace.
///
/// The prefix is only a hint for the writer: two attributes are equal when their namespace, local
/// name, value and the declarations their value relies on are, whatever prefix they were written
/// with. A value that is a qualified name (`xsi:type="ns2:File"`) relies on a declaration of its
/// prefix; decoders record it in `namespaces` and writers declare it again.
///
/// ```
/// use iso19770_core::ForeignAttribute;
///
/// let sep = ForeignAttribute::new(
///     Some("http://csrc.nist.gov/ns/swid/2015-extensions/1.0"),
///     "pathSeparator",
///     "/",
/// )
/// .with_prefix("n8060");
/// let other = ForeignAttribute::new(
///     Some("http://csrc.nist.gov/ns/swid/2015-extensions/1.0"),
///     "pathSeparator",
///     "/",
/// );
/// assert_eq!(sep, other);
/// ```
///
/// The namespace, name, prefix and value are [`Cow`]s so that a decoder can borrow the
/// well-known ones (the NISTIR 8060 namespace and its attribute names, `xsi`, values such as
/// `true`, …) from static strings instead of allocating them for every attribute.
#[derive(Clone, Debug, Eq)]
pub struct ForeignAttribute {
    /// The namespace URI; `None` for an unqualified attribute.
    pub namespace: Option<Cow<'static, str>>,
    /// The local name.
    pub name: Cow<'static, str>,
    /// The prefix it was written with, reused by the writer when it is free.
    pub prefix: Option<Cow<'static, str>>,
    /// The value, with references resolved and white space normalized as XML prescribes.
    pub value: Cow<'static, str>,
    /// Declarations the value relies on (the prefix of a qualified-name value such as
    /// `xsi:type`).
    pub namespaces: Vec<NamespaceBinding>,
}

impl ForeignAttribute {
    /// An attribute `name` in `namespace` (or unqualified) with `value`.
    pub fn new(namespace: Option<&str>, name: impl Into<String>, value: impl Into<String>) -> Self {
        ForeignAttribute {
            namespace: namespace.map(|n| Cow::Owned(n.to_owned())),
            name: Cow::Owned(name.into()),
            prefix: None,
            value: Cow::Owned(value.into()),
            namespaces: Vec::new(),
        }
    }

    /// The same attribute with a preferred prefix.
    #[must_use]
    pub fn with_prefix(mut self, prefix: impl Into<Cow<'static, str>>) -> Self {
        self.prefix = Some(prefix.into());
        self
    }

    /// True when this attribute has this namespace and local name.
    pub fn is(&self, namespace: Option<&str>, name: &str) -> bool {
        self.namespace.as_deref() == namespace && self.name == name
    }
}

impl PartialEq for ForeignAttribute {
    fn eq(&self, other: &Self) -> bool {
        self.namespace == other.namespace
            && self.name == other.name
            && self.value == other.value
            && self.namespaces == other.namespaces
    }
}

impl std::hash::Hash for ForeignAttribute {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.namespace.hash(state);
        self.name.hash(state);
        self.value.hash(state);
        self.namespaces.hash(state);
    }
}

/// An XML element the model has no field for, kept as its exact source text.
///
/// `raw` runs from the `<` of the start tag to the `>` of the end tag. `namespaces` lists the
/// declarations from outside the element that `raw` relies on (prefixes it uses but does not
/// declare itself, and the default namespace when it has unprefixed element names); a writer
/// declares them again where it emits the element, so that `raw` is written byte for byte and
/// still means the same names. A `ds:Signature` kept this way is re-emitted byte-identical.
///
/// ```
/// use iso19770_core::{ForeignElement, NamespaceBinding};
///
/// let sig = ForeignElement::new(
///     Some("http://www.w3.org/2000/09/xmldsig#"),
///     "Signature",
///     "<ds:Signature><ds:SignedInfo/></ds:Signature>",
/// )
/// .with_namespaces([NamespaceBinding::new(Some("ds"), "http://www.w3.org/2000/09/xmldsig#")]);
/// assert_eq!(sig.name, "Signature");
/// assert_eq!(sig.namespaces.len(), 1);
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct ForeignElement {
    /// The element's namespace URI; `None` for an unqualified element.
    pub namespace: Option<Cow<'static, str>>,
    /// The element's local name.
    pub name: Cow<'static, str>,
    /// The exact source text of the element, start tag to end tag.
    pub raw: String,
    /// Declarations from the surrounding document that `raw` relies on.
    pub namespaces: Vec<NamespaceBinding>,
}

impl ForeignElement {
    /// An element `name` in `namespace` whose source text is `raw`, relying on no outside
    /// declaration.
    pub fn new(namespace: Option<&str>, name: impl Into<String>, raw: impl Into<String>) -> Self {
        ForeignElement {
            namespace: namespace.map(|n| Cow::Owned(n.to_owned())),
            name: Cow::Owned(name.into()),
            raw: raw.into(),
            namespaces: Vec::new(),
        }
    }

    /// The same element relying on these outside declarations.
    #[must_use]
    pub fn with_namespaces(mut self, namespaces: impl IntoIterator<Item = NamespaceBinding>) -> Self {
        self.namespaces = namespaces.into_iter().collect();
        self
    }

    /// True when this element has this namespace and local name.
    pub fn is(&self, namespace: Option<&str>, name: &str) -> bool {
        self.namespace.as_deref() == namespace && self.name == name
    }
}

/// The unknown content of one element or map: XML attributes and child elements, and CBOR or
/// JSON map entries, that the model has no field for, in document order.
///
/// Each format writes back what it can carry: XML its attributes and elements, CBOR and JSON
/// their entries.
///
/// ```
/// use iso19770_core::Extensions;
///
/// const N8060: &str = "http://csrc.nist.gov/ns/swid/2015-extensions/1.0";
/// let mut ext = Extensions::default();
/// ext.set_attribute(Some(N8060), "pathSeparator", "/");
/// ext.set_attribute(Some(N8060), "pathSeparator", "\\");
/// assert_eq!(ext.attribute(Some(N8060), "pathSeparator"), Some("\\"));
/// assert_eq!(ext.attributes.len(), 1);
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Extensions {
    /// XML attributes the model has no field for.
    pub attributes: Vec<ForeignAttribute>,
    /// XML child elements the model has no field for.
    pub elements: Vec<ForeignElement>,
    /// CBOR or JSON map entries the model has no field for.
    pub entries: Vec<crate::cbor::CborEntry>,
}

impl Extensions {
    /// True when nothing is kept.
    pub fn is_empty(&self) -> bool {
        self.attributes.is_empty() && self.elements.is_empty() && self.entries.is_empty()
    }

    /// The value of the map entry with this label.
    pub fn entry(&self, label: &crate::Label) -> Option<&crate::cbor::CborValue> {
        self.entries.iter().find(|e| &e.label == label).map(|e| &e.value)
    }

    /// The value of the attribute with this namespace and local name.
    pub fn attribute(&self, namespace: Option<&str>, name: &str) -> Option<&str> {
        self.attributes.iter().find(|a| a.is(namespace, name)).map(|a| &*a.value)
    }

    /// Sets the attribute with this namespace and local name, replacing its value if present.
    pub fn set_attribute(&mut self, namespace: Option<&str>, name: &str, value: impl Into<String>) {
        let value = value.into();
        if let Some(a) = self.attributes.iter_mut().find(|a| a.is(namespace, name)) {
            a.value = Cow::Owned(value);
        } else {
            self.attributes.push(ForeignAttribute::new(namespace, name, value));
        }
    }

    /// Removes the attribute with this namespace and local name, returning its value.
    pub fn remove_attribute(&mut self, namespace: Option<&str>, name: &str) -> Option<String> {
        let i = self.attributes.iter().position(|a| a.is(namespace, name))?;
        Some(self.attributes.remove(i).value.into_owned())
    }

    /// What only XML can carry, named for an error message: the first kept attribute
    /// (`the XML attribute tier`) or else the first kept element (`the XML element Signature`);
    /// `None` when there is neither. Formats of map entries (JSON, CBOR) cannot write these.
    ///
    /// ```
    /// use iso19770_core::Extensions;
    ///
    /// let mut ext = Extensions::default();
    /// assert_eq!(ext.xml_only(), None);
    /// ext.set_attribute(Some("urn:vendor"), "tier", "gold");
    /// assert_eq!(ext.xml_only().as_deref(), Some("the XML attribute tier"));
    /// ```
    pub fn xml_only(&self) -> Option<String> {
        if let Some(a) = self.attributes.first() {
            return Some(format!("the XML attribute {}", a.name));
        }
        self.elements.first().map(|e| format!("the XML element {}", e.name))
    }

    /// The child elements with this namespace and local name.
    pub fn elements_named<'a>(
        &'a self,
        namespace: Option<&'a str>,
        name: &'a str,
    ) -> impl Iterator<Item = &'a ForeignElement> + 'a {
        self.elements.iter().filter(move |e| e.is(namespace, name))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attribute_equality_ignores_prefix_but_not_namespace() {
        let a = ForeignAttribute::new(Some("urn:a"), "x", "1").with_prefix("p");
        let b = ForeignAttribute::new(Some("urn:a"), "x", "1").with_prefix("q");
        let c = ForeignAttribute::new(Some("urn:b"), "x", "1").with_prefix("p");
        let d = ForeignAttribute::new(None, "x", "1");
        assert_eq!(a, b);
        assert_ne!(a, c);
        assert_ne!(a, d);
    }

    #[test]
    fn remove_attribute_returns_value_and_forgets_it() {
        let mut ext = Extensions::default();
        ext.set_attribute(None, "arch", "x86_64");
        assert_eq!(ext.remove_attribute(None, "arch").as_deref(), Some("x86_64"));
        assert_eq!(ext.remove_attribute(None, "arch"), None);
        assert!(ext.is_empty());
    }

    #[test]
    fn elements_named_filters_by_namespace_and_name() {
        let mut ext = Extensions::default();
        ext.elements.push(ForeignElement::new(Some("urn:ds"), "Signature", "<s/>"));
        ext.elements.push(ForeignElement::new(None, "Signature", "<Signature/>"));
        assert_eq!(ext.elements_named(Some("urn:ds"), "Signature").count(), 1);
        assert_eq!(ext.elements_named(None, "Signature").count(), 1);
        assert_eq!(ext.elements_named(None, "Other").count(), 0);
    }

    #[test]
    fn binding_display_writes_the_declaration() {
        assert_eq!(NamespaceBinding::new(None, "").to_string(), "xmlns=\"\"");
        assert_eq!(NamespaceBinding::new(Some("a"), "urn:a").to_string(), "xmlns:a=\"urn:a\"");
    }
}
