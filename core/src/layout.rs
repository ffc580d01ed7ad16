//! How a decoded element was written.
//!
//! A model holds what a document means; an [`XmlLayout`] holds how one element of it was written:
//! the prefix of its name, the namespace declarations on it, the order of its attributes and
//! children, the white space and comments between them, and the original spelling of typed
//! attribute values (`"1"` for `true`, upper-case hex digests). Writers follow the layout where it
//! still fits the model and fall back to their own defaults elsewhere, so that a decoded document
//! is written back as it came (and a signature over it still verifies), while a value changed or
//! added in code is written in the canonical form.
//!
//! A layout never takes part in equality or hashing: two models that differ only in formatting
//! are equal.

use crate::NamespaceBinding;

/// The formatting of one decoded element; empty for elements built in code.
///
/// ```
/// use iso19770_core::{XmlLayout, XmlLayoutData};
///
/// let built = XmlLayout::default();
/// let decoded = XmlLayout::from(XmlLayoutData {
///     prefix: Some("swid".into()),
///     ..XmlLayoutData::default()
/// });
/// assert!(built.data().is_none());
/// assert_eq!(decoded.data().and_then(|d| d.prefix.as_deref()), Some("swid"));
/// assert_eq!(built, decoded); // formatting never affects equality
/// ```
#[derive(Clone, Debug, Default)]
pub struct XmlLayout(Option<Box<XmlLayoutData>>);

impl XmlLayout {
    /// The recorded formatting, if the element was decoded.
    pub fn data(&self) -> Option<&XmlLayoutData> {
        self.0.as_deref()
    }

    /// The recorded formatting, created empty if there is none.
    pub fn data_mut(&mut self) -> &mut XmlLayoutData {
        self.0.get_or_insert_with(Box::default)
    }

    /// Forgets the recorded formatting: the element is then written in the canonical form.
    pub fn clear(&mut self) {
        self.0 = None;
    }
}

impl From<XmlLayoutData> for XmlLayout {
    fn from(data: XmlLayoutData) -> Self {
        XmlLayout(Some(Box::new(data)))
    }
}

impl PartialEq for XmlLayout {
    fn eq(&self, _other: &Self) -> bool {
        true
    }
}

impl Eq for XmlLayout {}

impl std::hash::Hash for XmlLayout {
    fn hash<H: std::hash::Hasher>(&self, _state: &mut H) {}
}

/// The recorded formatting of one element.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct XmlLayoutData {
    /// The prefix of the element's name (`None`: unprefixed).
    pub prefix: Option<String>,
    /// The namespace declarations written on the element, in source order.
    pub namespaces: Vec<NamespaceBinding>,
    /// The element's attributes in source order.
    pub attributes: Vec<AttributeLayout>,
    /// The element's children in source order.
    pub children: Vec<ChildLayout>,
    /// The source text between the children (white space, comments, processing instructions),
    /// concatenated: the text before the first child, before the second, …, and last the text
    /// before the end tag. Each child's [`ChildLayout::text_len`] says how long its part is.
    pub text: String,
    /// Written as an empty-element tag (`<x/>`) rather than a start and an end tag.
    pub empty: bool,
    /// The white space at the end of the start tag, before `>` or `/>`.
    pub tag_space: String,
    /// For a document's root: the source text before the root element (XML declaration,
    /// comments, white space).
    pub prolog: String,
    /// For a document's root: the source text after the root element.
    pub epilog: String,
}

/// One attribute (or namespace declaration) of a decoded element: which one it is and, for typed
/// values, the original spelling.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AttributeLayout {
    /// Which attribute it is; the values are the codec's own.
    pub kind: u8,
    /// Its index, for kinds that are collections (preserved attributes, hashes, declarations).
    pub index: usize,
    /// The value as written, for attributes the model stores typed (booleans, integers, lists,
    /// digests) when it is not the canonical spelling; a writer uses it while it still means the
    /// model's value.
    pub lexical: Option<String>,
    /// The white space before the attribute, when it is not a single space.
    pub space: Option<String>,
    /// The value was quoted with `'` rather than `"`.
    pub single_quoted: bool,
}

/// One child of a decoded element: which model item it is and how much text comes before it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ChildLayout {
    /// Which collection of the parent the child is in; the values are the codec's own.
    pub kind: u8,
    /// The child's index in that collection.
    pub index: usize,
    /// The length in bytes of the source text between the previous sibling (or the start tag)
    /// and this child, within [`XmlLayoutData::text`].
    pub text_len: usize,
}

impl XmlLayoutData {
    /// The children, each with the source text before it.
    ///
    /// ```
    /// use iso19770_core::{ChildLayout, XmlLayoutData};
    ///
    /// let data = XmlLayoutData {
    ///     children: vec![ChildLayout { kind: 0, index: 0, text_len: 3 }, ChildLayout { kind: 0, index: 1, text_len: 3 }],
    ///     text: "\n  \n  \n".into(),
    ///     ..XmlLayoutData::default()
    /// };
    /// let before: Vec<&str> = data.children_with_text().map(|(_, t)| t).collect();
    /// assert_eq!(before, ["\n  ", "\n  "]);
    /// assert_eq!(data.trailing(), "\n");
    /// ```
    pub fn children_with_text(&self) -> impl Iterator<Item = (&ChildLayout, &str)> + '_ {
        let mut at = 0;
        self.children.iter().map(move |c| {
            let start = at.min(self.text.len());
            at = (at + c.text_len).min(self.text.len());
            (c, self.text.get(start..at).unwrap_or_default())
        })
    }

    /// The source text between the last child (or the start tag) and the end tag.
    pub fn trailing(&self) -> &str {
        let used: usize = self.children.iter().map(|c| c.text_len).sum();
        self.text.get(used.min(self.text.len())..).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn layouts_never_affect_equality_or_hash() {
        use std::hash::{BuildHasher, RandomState};
        let a = XmlLayout::default();
        let mut b = XmlLayout::default();
        b.data_mut().text = "\n".into();
        assert_eq!(a, b);
        let s = RandomState::new();
        assert_eq!(s.hash_one(&a), s.hash_one(&b));
    }

    #[test]
    fn clear_drops_the_data() {
        let mut l = XmlLayout::from(XmlLayoutData::default());
        assert!(l.data().is_some());
        l.clear();
        assert!(l.data().is_none());
    }
}
