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
//! The layouts of one decoded document live together in one immutable [`DocumentLayout`]: a few
//! vectors of records and one string holding all their text. Each element's [`XmlLayout`] is a
//! handle to it (a shared pointer and the element's number), so that recording the layout costs
//! no allocation per element, and an element moved into another model keeps its document's
//! layout alive. A decoder builds the document with a [`LayoutBuilder`].
//!
//! A layout never takes part in equality or hashing: two models that differ only in formatting
//! are equal.

use std::sync::{Arc, OnceLock};

/// The formatting of one decoded element: a handle into its document's [`DocumentLayout`];
/// empty (the default) for elements built in code.
///
/// ```
/// use iso19770_core::layout::{LayoutBuilder, XmlLayout};
///
/// let built = XmlLayout::default();
/// let mut builder = LayoutBuilder::default();
/// let decoded = builder.start_element(Some("swid"), true);
/// builder.end_start_tag("");
/// builder.end_element();
/// builder.finish();
/// assert!(built.get().is_none());
/// assert_eq!(decoded.get().and_then(|l| l.prefix()), Some("swid"));
/// assert_eq!(built, decoded); // formatting never affects equality
/// ```
#[derive(Clone, Default)]
pub struct XmlLayout(Option<Handle>);

#[derive(Clone)]
struct Handle {
    /// Set once, when the document has been read to its end.
    doc: Arc<OnceLock<DocumentLayout>>,
    element: usize,
}

impl XmlLayout {
    /// The recorded formatting, if the element was decoded (and its document read to the end).
    #[inline]
    pub fn get(&self) -> Option<ElementLayout<'_>> {
        let handle = self.0.as_ref()?;
        let doc = handle.doc.get()?;
        let record = doc.elements.get(handle.element)?;
        Some(ElementLayout { doc, record, root: handle.element == 0 })
    }

    /// Forgets the recorded formatting: the element is then written in the canonical form.
    pub fn clear(&mut self) {
        self.0 = None;
    }
}

impl std::fmt::Debug for XmlLayout {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.get() {
            Some(l) => f.debug_tuple("XmlLayout").field(&l).finish(),
            None => f.write_str("XmlLayout(None)"),
        }
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

/// Offsets and indexes within a document's layout: 32 bits keep the records small (a document
/// whose layout does not fit is given none, see [`LayoutBuilder::finish`]).
type Ix = u32;

/// No item (a missing prefix, child or spelling).
const NONE: Ix = Ix::MAX;

/// A piece of [`DocumentLayout`]'s text, by byte offsets.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct Span {
    start: Ix,
    end: Ix,
}

/// A missing piece of text.
const NO_SPAN: Span = Span { start: NONE, end: NONE };

#[derive(Clone, Debug, Default)]
struct ElementRecord {
    /// [`NO_SPAN`] when unprefixed.
    prefix: Span,
    /// The range of the element's attributes (and declarations) in the document's `items`.
    attributes: (Ix, Ix),
    /// The first child in the document's `items` ([`NONE`]: none); each links to the next.
    first_child: Ix,
    tag_space: Span,
    trailing: Span,
    empty: bool,
}

/// An attribute, a namespace declaration (an attribute with [`NAMESPACE`]) or a child, in one
/// vector so that a document's layout needs few allocations.
#[derive(Clone, Debug)]
struct Item {
    kind: u8,
    flags: u8,
    index: Ix,
    /// Attributes: the spelling ([`NO_SPAN`]: none); declarations: the URI; children: the text
    /// before the child.
    a: Span,
    /// Attributes and declarations: the white space before ([`NO_SPAN`]: one space).
    b: Span,
    /// Declarations: the prefix ([`NO_SPAN`]: the default namespace); children: `c.start` is
    /// the next sibling ([`NONE`]: the last).
    c: Span,
}

/// [`Item::flags`]: quoted with `'`.
const SINGLE_QUOTED: u8 = 1;
/// [`Item::flags`]: a namespace declaration.
const NAMESPACE: u8 = 2;

/// A span's text, `None` for [`NO_SPAN`].
#[inline]
fn optional(doc: &DocumentLayout, span: Span) -> Option<&str> {
    (span != NO_SPAN).then(|| doc.text(span))
}

/// An index or offset as stored (saturated: see [`LayoutBuilder::finish`]).
#[inline]
fn ix(n: usize) -> Ix {
    Ix::try_from(n).unwrap_or(NONE)
}

/// An index as handed out.
#[inline]
fn wide(n: Ix) -> usize {
    usize::try_from(n).unwrap_or(usize::MAX)
}

/// The formatting of every element of one decoded document, shared by their [`XmlLayout`]s.
#[derive(Debug, Default)]
pub struct DocumentLayout {
    text: String,
    elements: Vec<ElementRecord>,
    items: Vec<Item>,
    prolog: Span,
    epilog: Span,
}

impl DocumentLayout {
    #[inline]
    fn text(&self, span: Span) -> &str {
        self.text.get(wide(span.start)..wide(span.end)).unwrap_or_default()
    }

    /// An empty layout, with the buffers of the last document dropped on this thread if there
    /// is one (see [`SPARE_BUFFERS`]).
    fn recycled() -> Self {
        let Buffers { text, elements, items } =
            SPARE_BUFFERS.try_with(std::cell::Cell::take).ok().flatten().unwrap_or_default();
        DocumentLayout { text, elements, items, ..DocumentLayout::default() }
    }
}

/// Up to this size in bytes each, a dropped document's buffers are kept for the next one
/// recorded on the thread: a usual tag's are a few kilobytes.
const SPARE_UP_TO: usize = 1 << 16;

thread_local! {
    /// The buffers of the last document layout dropped on this thread, emptied, for the next
    /// document the thread records: a program that decodes tags one after the other allocates
    /// the layout's three buffers once instead of once per tag (the largest of the blocks a
    /// usual tag's decoding allocates, which take the allocator's slow path).
    static SPARE_BUFFERS: std::cell::Cell<Option<Buffers>> = const { std::cell::Cell::new(None) };
}

/// The buffers of a [`DocumentLayout`], emptied (a type of their own: one without a `Drop` of
/// its own, which may simply be dropped when it cannot be kept).
#[derive(Default)]
struct Buffers {
    text: String,
    elements: Vec<ElementRecord>,
    items: Vec<Item>,
}

impl Drop for DocumentLayout {
    fn drop(&mut self) {
        let bytes = [
            self.text.capacity(),
            self.elements.capacity() * std::mem::size_of::<ElementRecord>(),
            self.items.capacity() * std::mem::size_of::<Item>(),
        ];
        if self.text.capacity() == 0 || bytes.iter().any(|&b| b > SPARE_UP_TO) {
            return;
        }
        let mut spare = Buffers {
            text: std::mem::take(&mut self.text),
            elements: std::mem::take(&mut self.elements),
            items: std::mem::take(&mut self.items),
        };
        spare.text.clear();
        spare.elements.clear();
        spare.items.clear();
        // Kept unless the thread is ending or keeps a spare already (this one is dropped then).
        let _ = SPARE_BUFFERS.try_with(|cell| match cell.take() {
            None => cell.set(Some(spare)),
            held => cell.set(held),
        });
    }
}

/// The recorded formatting of one element, borrowed from its document.
#[derive(Clone, Copy)]
pub struct ElementLayout<'a> {
    doc: &'a DocumentLayout,
    record: &'a ElementRecord,
    root: bool,
}

/// One attribute (or namespace declaration) of a decoded element: which one it is and, for typed
/// values, the original spelling.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct AttributeLayout<'a> {
    /// Which attribute it is; the values are the codec's own.
    pub kind: u8,
    /// Its index, for kinds that are collections (preserved attributes, hashes, declarations).
    pub index: usize,
    /// The value as written, for attributes the model stores typed (booleans, integers, lists,
    /// digests) when it is not the canonical spelling; a writer uses it while it still means the
    /// model's value.
    pub lexical: Option<&'a str>,
    /// The white space before the attribute, when it is not a single space.
    pub space: Option<&'a str>,
    /// The value was quoted with `'` rather than `"`.
    pub single_quoted: bool,
}

/// One child of a decoded element: which model item it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ChildLayout {
    /// Which collection of the parent the child is in; the values are the codec's own.
    pub kind: u8,
    /// The child's index in that collection.
    pub index: usize,
}

impl<'a> ElementLayout<'a> {
    /// The prefix of the element's name (`None`: unprefixed).
    #[inline]
    pub fn prefix(&self) -> Option<&'a str> {
        optional(self.doc, self.record.prefix)
    }

    /// The namespace declarations written on the element, in source order, as (prefix, URI);
    /// no prefix for the default namespace.
    #[inline]
    pub fn namespaces(&self) -> impl Iterator<Item = (Option<&'a str>, &'a str)> + 'a {
        let doc = self.doc;
        self.items().filter(|i| i.flags & NAMESPACE != 0).map(|n| (optional(doc, n.c), doc.text(n.a)))
    }

    #[inline]
    fn items(&self) -> std::slice::Iter<'a, Item> {
        let (start, end) = self.record.attributes;
        self.doc.items.get(wide(start)..wide(end)).unwrap_or_default().iter()
    }

    /// The element's attributes (and declarations) in source order.
    #[inline]
    pub fn attributes(&self) -> impl Iterator<Item = AttributeLayout<'a>> + 'a {
        let doc = self.doc;
        self.items().map(|a| AttributeLayout {
            kind: a.kind,
            index: wide(a.index),
            lexical: if a.flags & NAMESPACE == 0 { optional(doc, a.a) } else { None },
            space: optional(doc, a.b),
            single_quoted: a.flags & SINGLE_QUOTED != 0,
        })
    }

    /// The children in source order, each with the source text (white space, comments,
    /// processing instructions) between it and the previous sibling or the start tag.
    #[inline]
    pub fn children_with_text(&self) -> impl Iterator<Item = (ChildLayout, &'a str)> + 'a {
        let doc = self.doc;
        let mut next = self.record.first_child;
        // Each record links to a later one, so that the walk ends.
        std::iter::from_fn(move || {
            let at = next;
            let c = doc.items.get(wide(at))?;
            next = if c.c.start > at { c.c.start } else { NONE };
            Some((ChildLayout { kind: c.kind, index: wide(c.index) }, doc.text(c.a)))
        })
    }

    /// The source text between the last child (or the start tag) and the end tag.
    #[inline]
    pub fn trailing(&self) -> &'a str {
        self.doc.text(self.record.trailing)
    }

    /// The white space at the end of the start tag, before `>` or `/>`.
    #[inline]
    pub fn tag_space(&self) -> &'a str {
        self.doc.text(self.record.tag_space)
    }

    /// Written as an empty-element tag (`<x/>`) rather than a start and an end tag.
    #[inline]
    pub fn is_empty_element(&self) -> bool {
        self.record.empty
    }

    /// For a document's root: the source text before it (XML declaration, comments, white
    /// space); empty for other elements.
    #[inline]
    pub fn prolog(&self) -> &'a str {
        if self.root { self.doc.text(self.doc.prolog) } else { "" }
    }

    /// For a document's root: the source text after it; empty for other elements.
    #[inline]
    pub fn epilog(&self) -> &'a str {
        if self.root { self.doc.text(self.doc.epilog) } else { "" }
    }
}

impl std::fmt::Debug for ElementLayout<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ElementLayout")
            .field("prefix", &self.prefix())
            .field("namespaces", &self.namespaces().collect::<Vec<_>>())
            .field("attributes", &self.attributes().collect::<Vec<_>>())
            .field("children", &self.children_with_text().collect::<Vec<_>>())
            .field("trailing", &self.trailing())
            .field("tag_space", &self.tag_space())
            .field("empty", &self.is_empty_element())
            .finish_non_exhaustive()
    }
}

/// An element whose layout is being recorded.
#[derive(Debug)]
struct Frame {
    element: usize,
    /// Where the text after the start tag or the last child starts.
    text_start: Ix,
    /// The text before the child element being read, taken when its start tag began.
    before_child: Option<Span>,
    last_child: Option<usize>,
    /// Declarations recorded on the start tag so far.
    namespaces: usize,
}

/// Records the layout of a document as a decoder reads it, in document order.
///
/// For each element: [`start_element`](Self::start_element) (which hands out the element's
/// [`XmlLayout`]), its declarations and attributes, [`end_start_tag`](Self::end_start_tag); then
/// its content as [`text`](Self::text) and, after each child, [`child`](Self::child) in the
/// parent; last [`end_element`](Self::end_element). Text outside the root is the prolog and
/// epilog. The handles see the layout once [`finish`](Self::finish) is called; the builder is
/// then ready for another document.
///
/// ```
/// use iso19770_core::layout::LayoutBuilder;
///
/// let mut b = LayoutBuilder::default();
/// b.text("<?xml version=\"1.0\"?>\n");
/// let root = b.start_element(None, false);
/// assert_eq!(b.namespace(3, None, "urn:example", None, false), 0);
/// b.end_start_tag("");
/// b.text("\n  ");
/// let child = b.start_element(Some("p"), true);
/// b.attribute(7, 0, Some("1"), Some("\n "), true);
/// b.end_start_tag(" ");
/// b.end_element();
/// b.child(3, 0);
/// b.text("\n");
/// b.end_element();
/// b.finish();
///
/// let root = root.get().unwrap();
/// assert_eq!(root.prolog(), "<?xml version=\"1.0\"?>\n");
/// assert_eq!(root.namespaces().collect::<Vec<_>>(), [(None, "urn:example")]);
/// let children: Vec<_> = root.children_with_text().map(|(c, t)| (c.kind, c.index, t)).collect();
/// assert_eq!(children, [(3, 0, "\n  ")]);
/// assert_eq!(root.trailing(), "\n");
/// let child = child.get().unwrap();
/// let attribute = child.attributes().next().unwrap();
/// assert_eq!((attribute.kind, attribute.lexical, attribute.space), (7, Some("1"), Some("\n ")));
/// assert_eq!((child.prefix(), child.tag_space(), child.is_empty_element()), (Some("p"), " ", true));
/// ```
#[derive(Debug, Default)]
pub struct LayoutBuilder {
    /// The document the handles given out so far refer to.
    target: Option<Arc<OnceLock<DocumentLayout>>>,
    doc: DocumentLayout,
    open: Vec<Frame>,
    /// Where the epilog starts, once the root is closed.
    epilog_start: Option<Ix>,
    /// The span of the last prefix recorded, reused while elements have the same one.
    last_prefix: Option<Span>,
    /// An index given by the codec did not fit.
    overflow: bool,
}

impl LayoutBuilder {
    /// The current end of the text.
    #[inline]
    fn here(&self) -> Ix {
        ix(self.doc.text.len())
    }

    #[inline]
    fn push_text(&mut self, text: &str) -> Span {
        if self.doc.text.capacity() == 0 {
            self.doc.text.reserve(128);
        }
        let start = self.here();
        self.doc.text.push_str(text);
        Span { start, end: self.here() }
    }

    #[inline]
    fn optional_text(&mut self, text: Option<&str>) -> Span {
        text.map_or(NO_SPAN, |t| self.push_text(t))
    }

    /// A codec index as stored.
    #[inline]
    fn index(&mut self, index: usize) -> Ix {
        let stored = ix(index);
        self.overflow |= stored == NONE;
        stored
    }

    /// Reserves room for the layout of a document of about `bytes` bytes, so that recording it
    /// grows no vector in the usual case (past 256 KiB, vectors grow as needed). The buffers of
    /// the last document layout dropped on this thread are reused when there are some.
    pub fn reserve_for_input(&mut self, bytes: usize) {
        if self.doc.text.capacity() == 0 {
            self.doc = DocumentLayout::recycled();
        }
        let bytes = bytes.min(1 << 18);
        self.doc.text.reserve(bytes / 16 + 256);
        self.doc.elements.reserve(bytes / 256 + 2);
        self.doc.items.reserve(bytes / 64 + 8);
    }

    /// Starts recording an element whose name has `prefix`; `empty` for an empty-element tag.
    /// Returns the element's layout, which shows it once the document is finished.
    pub fn start_element(&mut self, prefix: Option<&str>, empty: bool) -> XmlLayout {
        if self.doc.elements.is_empty() {
            self.doc.prolog = Span { start: 0, end: self.here() };
        }
        let here = self.here();
        if let Some(parent) = self.open.last_mut() {
            parent.before_child = Some(Span { start: parent.text_start, end: here });
        }
        let prefix = match (prefix, self.last_prefix) {
            (Some(p), Some(last)) if self.doc.text(last) == p => last,
            (Some(p), _) => {
                let span = self.push_text(p);
                self.last_prefix = Some(span);
                span
            }
            (None, _) => NO_SPAN,
        };
        let element = self.doc.elements.len();
        let attributes = ix(self.doc.items.len());
        self.doc.elements.push(ElementRecord {
            prefix,
            attributes: (attributes, attributes),
            first_child: NONE,
            empty,
            ..ElementRecord::default()
        });
        let text_start = self.here();
        self.open.push(Frame { element, text_start, before_child: None, last_child: None, namespaces: 0 });
        let doc = self.target.get_or_insert_with(|| Arc::new(OnceLock::new())).clone();
        XmlLayout(Some(Handle { doc, element }))
    }

    /// The element being recorded, if its start tag is being read.
    #[inline]
    fn current(&mut self) -> Option<&mut ElementRecord> {
        let at = self.open.last()?.element;
        self.doc.elements.get_mut(at)
    }

    /// Records a namespace declaration of the current start tag (`None`: the default
    /// namespace), with the white space before it and its quote, as an attribute of `kind`
    /// whose index is the declaration's among the element's declarations; returns that index.
    pub fn namespace(
        &mut self,
        kind: u8,
        prefix: Option<&str>,
        uri: &str,
        space: Option<&str>,
        single_quoted: bool,
    ) -> usize {
        let index = self.open.last().map_or(0, |f| f.namespaces);
        let c = self.optional_text(prefix);
        let a = self.push_text(uri);
        self.push_attribute(kind, index, a, space, single_quoted, NAMESPACE, c);
        if let Some(frame) = self.open.last_mut() {
            frame.namespaces += 1;
        }
        index
    }

    /// Records an attribute of the current start tag: its codec-defined `kind` and `index`, its
    /// spelling when a writer needs it, the white space before it when it is not one space, and
    /// its quote.
    #[inline]
    pub fn attribute(
        &mut self,
        kind: u8,
        index: usize,
        lexical: Option<&str>,
        space: Option<&str>,
        single_quoted: bool,
    ) {
        let a = self.optional_text(lexical);
        self.push_attribute(kind, index, a, space, single_quoted, 0, NO_SPAN);
    }

    #[allow(clippy::too_many_arguments)] // the fields of one record
    #[inline]
    fn push_attribute(
        &mut self,
        kind: u8,
        index: usize,
        a: Span,
        space: Option<&str>,
        single_quoted: bool,
        flags: u8,
        c: Span,
    ) {
        let index = self.index(index);
        let b = self.optional_text(space);
        let flags = flags | if single_quoted { SINGLE_QUOTED } else { 0 };
        self.doc.items.push(Item { kind, flags, index, a, b, c });
        let end = ix(self.doc.items.len());
        if let Some(e) = self.current() {
            e.attributes.1 = end;
        }
    }

    /// Ends the current start tag, with the white space before its `>` or `/>`.
    #[inline]
    pub fn end_start_tag(&mut self, tag_space: &str) {
        let span = self.push_text(tag_space);
        let here = self.here();
        if let Some(frame) = self.open.last_mut() {
            frame.text_start = here;
            if let Some(e) = self.doc.elements.get_mut(frame.element) {
                e.tag_space = span;
            }
        }
    }

    /// Records source text: inside an element, its content between children; before the root,
    /// the prolog; after it, the epilog.
    #[inline]
    pub fn text(&mut self, text: &str) {
        self.push_text(text);
    }

    /// Records that a child of `kind` and `index` (the codec's own codes) of the current
    /// element ends here: an element recorded since the last child, or one the codec keeps
    /// otherwise (a preserved element).
    #[inline]
    pub fn child(&mut self, kind: u8, index: usize) {
        let index = self.index(index);
        let here = self.here();
        let at = self.doc.items.len();
        let Some(frame) = self.open.last_mut() else { return };
        let before = frame.before_child.take().unwrap_or(Span { start: frame.text_start, end: here });
        self.doc.items.push(Item { kind, flags: 0, index, a: before, b: NO_SPAN, c: NO_SPAN });
        match frame.last_child.and_then(|last| self.doc.items.get_mut(last)) {
            Some(last) => last.c.start = ix(at),
            None => {
                if let Some(e) = self.doc.elements.get_mut(frame.element) {
                    e.first_child = ix(at);
                }
            }
        }
        frame.last_child = Some(at);
        frame.text_start = here;
    }

    /// Ends the current element: the text since its last child is the text before its end tag.
    #[inline]
    pub fn end_element(&mut self) {
        let here = self.here();
        if let Some(frame) = self.open.pop()
            && let Some(e) = self.doc.elements.get_mut(frame.element)
        {
            e.trailing = Span { start: frame.text_start.min(here), end: here };
        }
        if self.open.is_empty() {
            self.epilog_start = Some(here);
        }
    }

    /// Ends the document: the layouts handed out since the last call now show it. The builder
    /// starts afresh.
    ///
    /// A document whose layout does not fit 32-bit offsets and indexes (4 GiB of white space,
    /// spellings and declarations) is given none: it is written back in the canonical form.
    pub fn finish(&mut self) {
        let mut doc = std::mem::take(&mut self.doc);
        let end = ix(doc.text.len());
        doc.epilog = Span { start: self.epilog_start.unwrap_or(end).min(end), end };
        let fits = [doc.text.len(), doc.elements.len(), doc.items.len()].iter().all(|&n| n < wide(NONE));
        if let Some(target) = self.target.take()
            && fits
            && !self.overflow
        {
            let _ = target.set(doc);
        }
        self.reset();
    }

    /// Forgets what was recorded since the last [`finish`](Self::finish) (after an error): the
    /// layouts handed out since then stay empty.
    pub fn reset(&mut self) {
        self.target = None;
        self.doc = DocumentLayout::default();
        self.open.clear();
        self.epilog_start = None;
        self.last_prefix = None;
        self.overflow = false;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn layouts_never_affect_equality_or_hash() {
        use std::hash::{BuildHasher, RandomState};
        let a = XmlLayout::default();
        let mut builder = LayoutBuilder::default();
        let b = builder.start_element(None, false);
        builder.end_start_tag("");
        builder.text("\n");
        builder.end_element();
        builder.finish();
        assert_eq!(b.get().map(|l| l.trailing()), Some("\n"));
        assert_eq!(a, b);
        let s = RandomState::new();
        assert_eq!(s.hash_one(&a), s.hash_one(&b));
    }

    /// Records a one-element document with `text` before its end tag; its layout handle.
    fn one_element(builder: &mut LayoutBuilder, text: &str) -> XmlLayout {
        builder.reserve_for_input(0);
        let l = builder.start_element(Some("p"), false);
        builder.end_start_tag("");
        builder.text(text);
        builder.end_element();
        builder.finish();
        l
    }

    #[test]
    fn a_dropped_document_lends_its_buffers_to_the_next_on_the_thread() {
        // Run on a thread of its own, so that no other test's documents come between.
        let run = std::thread::spawn(|| {
            let mut builder = LayoutBuilder::default();
            let first = one_element(&mut builder, &" ".repeat(5000));
            let room = first.get().map(|l| l.doc.text.capacity()).unwrap_or_default();
            assert!(room >= 5000);
            drop(first);
            let second = one_element(&mut builder, "x");
            // The second document's text went into the first's buffer, emptied.
            assert_eq!(second.get().map(|l| (l.doc.text.capacity(), l.trailing())), Some((room, "x")));
            // A second spare is not kept (the first is): dropping both is plain.
            let third = one_element(&mut builder, "y");
            drop(second);
            drop(third);
            let fourth = one_element(&mut builder, "z");
            assert_eq!(fourth.get().map(|l| (l.doc.text.capacity(), l.trailing())), Some((room, "z")));
            // Kept past the thread's end: its spare is dropped with the thread's locals, and
            // this one in the thread's last moments too (regression: each drop that could not
            // keep its buffers made a layout of them, whose drop did the same, without end).
            fourth
        });
        let fourth = run.join().expect("the thread ends normally");
        assert_eq!(fourth.get().map(|l| l.trailing()), Some("z"));
        std::thread::spawn(move || drop(fourth)).join().expect("dropped on another thread");
    }

    #[test]
    fn a_spare_dropped_with_the_thread_is_freed_once() {
        std::thread::spawn(|| {
            let mut builder = LayoutBuilder::default();
            drop(one_element(&mut builder, "a"));
        })
        .join()
        .expect("the thread ends normally");
    }

    #[test]
    fn clear_drops_the_data() {
        let mut builder = LayoutBuilder::default();
        let mut l = builder.start_element(None, true);
        assert!(l.get().is_none(), "not before the document is finished");
        builder.end_element();
        builder.finish();
        assert!(l.get().is_some());
        l.clear();
        assert!(l.get().is_none());
    }

    #[test]
    fn a_reset_document_stays_empty_and_the_next_is_separate() {
        let mut builder = LayoutBuilder::default();
        let lost = builder.start_element(Some("a"), false);
        builder.reset();
        let kept = builder.start_element(Some("b"), true);
        builder.end_element();
        builder.finish();
        assert!(lost.get().is_none());
        assert_eq!(kept.get().and_then(|l| l.prefix()), Some("b"));
    }

    #[test]
    fn children_text_and_nested_content_do_not_mix() {
        let mut b = LayoutBuilder::default();
        let root = b.start_element(None, false);
        b.end_start_tag("");
        b.text("A");
        let inner = b.start_element(Some("x"), false);
        b.attribute(5, 0, None, Some("  "), false);
        b.end_start_tag("");
        b.text("inner");
        b.child(9, 0);
        b.text("tail");
        b.end_element();
        b.child(1, 0);
        b.text("B");
        b.child(2, 0);
        b.text("C");
        b.end_element();
        b.text("\n");
        b.finish();
        let root = root.get().unwrap_or_else(|| unreachable!());
        let kids: Vec<_> = root.children_with_text().map(|(c, t)| (c.kind, t)).collect();
        assert_eq!(kids, [(1, "A"), (2, "B")]);
        assert_eq!(root.trailing(), "C");
        assert_eq!(root.epilog(), "\n");
        let inner = inner.get().unwrap_or_else(|| unreachable!());
        assert_eq!(inner.children_with_text().map(|(c, t)| (c.kind, t)).collect::<Vec<_>>(), [(9, "inner")]);
        assert_eq!(inner.trailing(), "tail");
        assert_eq!(inner.epilog(), "");
    }
}
