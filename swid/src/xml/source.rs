//! Event sources over a string or a `BufRead`, with byte offsets, line/column positions and the
//! exact source text of each event.

use super::attrs::{Attributes, ScanError, Scanned};
use super::kind::XML_SPACE;
use super::names::qname_colon;
use crate::word::{HIGHS, equal, last_bytes, load};
use iso19770_core::Position;
use quick_xml::events::Event;
use quick_xml::events::attributes::Attribute;
use quick_xml::name::NamespaceResolver;
use quick_xml::reader::Reader;
use std::borrow::Cow;
use std::io::BufRead;

/// One event with what is needed to locate it and to copy it.
pub(crate) struct Step<'a> {
    pub(crate) event: Event<'a>,
    pub(crate) resolver: &'a NamespaceResolver,
    /// The attributes of a start tag that declares namespaces, as the scopes scanned them
    /// (other start tags are scanned by the decoder).
    pub(crate) scanned: Option<&'a [Scanned]>,
    /// For a start tag: where the colon of its name is (`None`: it has no prefix).
    pub(crate) name_colon: Option<usize>,
    /// Byte offset of the event's first byte.
    pub(crate) start: u64,
    /// Byte offset just past the event.
    pub(crate) end: u64,
    locator: Locator<'a>,
    /// Bytes before the text the offsets count from (a byte-order mark).
    base: u64,
}

enum Locator<'a> {
    /// The whole input: exact slices, positions by counting.
    Text(&'a str),
    /// A stream: line and column of the event's first byte.
    Stream { line: u64, column: u64 },
}

impl<'a> Step<'a> {
    /// The source text of the event: a slice of string input, rebuilt from the event for
    /// streams (the same bytes: events keep their exact content).
    pub(crate) fn raw(&self) -> Cow<'a, str> {
        match self.locator {
            Locator::Text(input) => usize::try_from(self.start)
                .ok()
                .zip(usize::try_from(self.end).ok())
                .and_then(|(s, e)| input.get(s..e))
                .map_or_else(|| Cow::Owned(rebuild(&self.event)), Cow::Borrowed),
            Locator::Stream { .. } => Cow::Owned(rebuild(&self.event)),
        }
    }

    /// True when the event is text of at most 16 bytes, all XML white space (the usual text
    /// between elements), judged in the one or two words of the input that end where it ends
    /// (the bytes before it masked off); false when it is not, or not known.
    pub(crate) fn is_short_white_space(&self) -> bool {
        let Locator::Text(input) = self.locator else { return false };
        let (Ok(start), Ok(end)) = (usize::try_from(self.start), usize::try_from(self.end)) else { return false };
        let input = input.as_bytes();
        let spaces = |w: u64| equal(w, b' ') | equal(w, b'\n') | equal(w, b'\t') | equal(w, b'\r');
        match end.checked_sub(start) {
            Some(len @ 1..=8) => end
                .checked_sub(8)
                .and_then(|at| load(input, at))
                .is_some_and(|w| spaces(w) & last_bytes(len) == last_bytes(len)),
            Some(len @ 9..=16) => end.checked_sub(16).is_some_and(|at| {
                let (Some(low), Some(high)) = (load(input, at), load(input, at + 8)) else { return false };
                spaces(high) == HIGHS && spaces(low) & last_bytes(len - 8) == last_bytes(len - 8)
            }),
            _ => false,
        }
    }

    /// The input from `start` to the end of this event, when the whole input is in memory.
    pub(crate) fn input_since(&self, start: u64) -> Option<&'a str> {
        match self.locator {
            Locator::Text(input) => input.get(usize::try_from(start).ok()?..usize::try_from(self.end).ok()?),
            Locator::Stream { .. } => None,
        }
    }

    /// The position of a byte offset inside (or at the start of) this event.
    #[cold]
    #[inline(never)]
    pub(crate) fn position(&self, offset: u64) -> Position {
        match self.locator {
            Locator::Text(input) => text_position(input, offset, self.base),
            Locator::Stream { line, column } => {
                let within = usize::try_from(offset.saturating_sub(self.start)).unwrap_or(usize::MAX);
                let raw = rebuild(&self.event);
                let mut end = within.min(raw.len());
                while !raw.is_char_boundary(end) {
                    end -= 1;
                }
                let (lines, tail_chars) = advance(&raw[..end]);
                if lines == 0 {
                    Position::text(offset, line, column + tail_chars)
                } else {
                    Position::text(offset, line + lines, 1 + tail_chars)
                }
            }
        }
    }

    /// The position of the event's first byte.
    #[cold]
    #[inline(never)]
    pub(crate) fn start_position(&self) -> Position {
        self.position(self.start)
    }
}

/// The number of line feeds in `text` and the number of characters after the last one.
fn advance(text: &str) -> (u64, u64) {
    let lines = memchr::memchr_iter(b'\n', text.as_bytes()).count() as u64;
    let tail = match memchr::memrchr(b'\n', text.as_bytes()) {
        Some(i) => &text[i + 1..],
        None => text,
    };
    (lines, tail.chars().count() as u64)
}

/// The position of `offset` in `input`, reported as an offset in the whole input (which has
/// `base` bytes before `input`).
#[cold]
#[inline(never)]
fn text_position(input: &str, offset: u64, base: u64) -> Position {
    let mut p = Position::in_text(input, usize::try_from(offset).unwrap_or(usize::MAX));
    p.offset += base;
    p
}

/// The source text of an event, rebuilt from its content.
pub(crate) fn rebuild(event: &Event<'_>) -> String {
    match event {
        Event::Start(e) => format!("<{}>", &**e),
        Event::Empty(e) => format!("<{}/>", &**e),
        Event::End(e) => format!("</{}>", &**e),
        Event::Text(e) => e.to_string(),
        Event::GeneralRef(e) => format!("&{};", &**e),
        Event::CData(e) => format!("<![CDATA[{}]]>", &**e),
        Event::Comment(e) => format!("<!--{}-->", &**e),
        Event::PI(e) => format!("<?{}?>", &**e),
        Event::Decl(e) => format!("<?{}?>", &**e),
        Event::DocType(e) => format!("<!DOCTYPE{}>", &**e),
        Event::Eof => String::new(),
    }
}

/// What the source layer refuses.
pub(crate) enum Failure {
    /// quick-xml's own.
    Xml(quick_xml::Error),
    /// An end tag that does not close the open element.
    Mismatch {
        /// The open element.
        expected: String,
        /// The end tag's name.
        found: String,
    },
    /// A namespace declaration or prefix that Namespaces in XML forbids.
    Namespace(String),
    /// Another well-formedness error.
    Syntax(String),
}

impl From<quick_xml::Error> for Failure {
    fn from(e: quick_xml::Error) -> Self {
        Failure::Xml(e)
    }
}

/// A failure with the position where it was found.
pub(crate) struct ReadFailure {
    pub(crate) error: Failure,
    pub(crate) position: Position,
}

/// Where events come from.
pub(crate) trait Source {
    /// The next event.
    fn next_step(&mut self) -> Result<Step<'_>, ReadFailure>;
    /// True when the input started with a UTF-8 byte-order mark (which the reader skips).
    fn had_bom(&self) -> bool;
    /// The length of the input when it is known in advance, else 0.
    fn size_hint(&self) -> usize {
        0
    }
    /// Done with: what can serve the next document read on this thread is kept for it.
    fn recycle(self)
    where
        Self: Sized,
    {
    }
}

/// Up to this input size, a document's namespace scopes are kept for the next one (what they
/// hold grows with the names and namespaces of the input, so a large one is not kept).
const RECYCLE_UP_TO: usize = 64 * 1024;

thread_local! {
    /// The namespace scopes of the last small document this thread decoded, for the next one:
    /// quick-xml's resolver and the buffers of the open elements' names are reused instead of
    /// allocated again (nine of the 25 allocations of decoding a small tag).
    static SPARE: std::cell::RefCell<Option<Box<Scopes>>> = const { std::cell::RefCell::new(None) };
}

/// Namespace scopes and open element names kept beside a plain reader: like quick-xml's
/// `NsReader` (whose rules it applies through the same resolver), but an element's attributes
/// are looked through for declarations only when its start tag contains `xmlns`, and end tags
/// are checked here with their white space kept, so that events carry their exact text.
struct Scopes {
    resolver: NamespaceResolver,
    level: u16,
    /// The last event was an empty element or an end tag, whose scope closes before the next.
    pop_pending: bool,
    /// The names of the open elements, one after the other, and where each starts.
    names: String,
    name_starts: Vec<usize>,
    /// The attributes of the last start tag, when it declares namespaces and they were scanned
    /// without finding a name twice: the decoder replays them (`replay`).
    scanned: Vec<Scanned>,
    replay: bool,
    /// Where the colon of the last start tag's name is (checked here as a qualified name), so
    /// that its readers need not look for it again.
    element_colon: Option<usize>,
}

impl Scopes {
    /// Boxed, so that handing the scopes to the next document and back moves a pointer, not
    /// the whole structure.
    fn new(max_bindings: usize) -> Box<Self> {
        let spare = SPARE.with(|cell| cell.try_borrow_mut().ok().and_then(|mut cell| cell.take()));
        if let Some(mut scopes) = spare {
            // Level 0 holds only the bindings every document has (`xml`, `xmlns`).
            scopes.resolver.set_level(0);
            scopes.resolver.set_max_namespace_bindings(max_bindings);
            scopes.level = 0;
            scopes.pop_pending = false;
            scopes.names.clear();
            scopes.name_starts.clear();
            scopes.scanned.clear();
            scopes.replay = false;
            return scopes;
        }
        let mut resolver = NamespaceResolver::default();
        resolver.set_max_namespace_bindings(max_bindings);
        Box::new(Scopes {
            resolver,
            level: 0,
            pop_pending: false,
            // Room for the names of a usual tag's open elements, so that they rarely grow.
            names: String::with_capacity(128),
            name_starts: Vec::with_capacity(16),
            scanned: Vec::new(),
            replay: false,
            element_colon: None,
        })
    }

    /// Updates the scopes for `event`, before the caller resolves its names; on failure, the
    /// offset within the event where the problem is. Inlined into the sources' loops, so that
    /// events other than tags (the text between elements) cost a few instructions, not a call
    /// that saves the registers the tags' work needs; the error is boxed, so that the result
    /// fits in a register and needs no drop on success.
    #[allow(clippy::inline_always)] // measured: see above
    #[inline(always)]
    fn enter(&mut self, event: &Event<'_>) -> Result<(), Box<(Failure, u64)>> {
        self.replay = false;
        if std::mem::take(&mut self.pop_pending) {
            self.level = self.level.saturating_sub(1);
            self.resolver.set_level(self.level);
        }
        match event {
            Event::Start(e) => self.start(e, true),
            Event::Empty(e) => self.start(e, false),
            Event::End(e) => self.end(e),
            _ => Ok(()),
        }
    }

    /// [`enter`](Self::enter) for a start tag (`has_end`) or an empty-element tag.
    #[inline(never)]
    fn start(&mut self, e: &quick_xml::events::BytesStart<'_>, has_end: bool) -> Result<(), Box<(Failure, u64)>> {
        let name = e.name().0;
        let Ok(colon) = qname_colon(name) else {
            return Err(Box::new((Failure::Syntax(format!("{name:?} is not an element name")), 1)));
        };
        self.element_colon = colon;
        if name.starts_with("xmlns:") {
            return Err(Box::new((Failure::Namespace("the prefix xmlns cannot name an element".to_owned()), 1)));
        }
        self.level = self.level.checked_add(1).ok_or_else(|| {
            Box::new((Failure::Xml(quick_xml::name::NamespaceError::TooDeeplyNested(usize::from(u16::MAX)).into()), 0))
        })?;
        self.resolver.set_level(self.level);
        if mentions_xmlns(e.as_bytes().get(name.len()..).unwrap_or_default()) {
            self.declare(e).map_err(Box::new)?;
        }
        if has_end {
            self.name_starts.push(self.names.len());
            self.names.push_str(name);
        } else {
            self.pop_pending = true;
        }
        Ok(())
    }

    /// [`enter`](Self::enter) for an end tag.
    #[inline(never)]
    fn end(&mut self, e: &quick_xml::events::BytesEnd<'_>) -> Result<(), Box<(Failure, u64)>> {
        let found = e.trim_end_matches(XML_SPACE);
        match self.name_starts.pop() {
            Some(start) => {
                let expected = self.names.get(start..).unwrap_or_default();
                if expected != found {
                    return Err(Box::new((
                        Failure::Mismatch { expected: expected.to_owned(), found: found.to_owned() },
                        0,
                    )));
                }
                self.names.truncate(start);
            }
            None => {
                return Err(Box::new((Failure::Syntax(format!("an end tag </{found}> with no element open")), 0)));
            }
        }
        self.pop_pending = true;
        Ok(())
    }

    /// Adds the namespace declarations of a start tag, with their values normalized as any
    /// attribute value is, and keeps its scanned attributes for the decoder (up to
    /// [`REPLAY_UP_TO`] of them).
    #[inline(never)]
    fn declare(&mut self, e: &quick_xml::events::BytesStart<'_>) -> Result<(), (Failure, u64)> {
        let content: &str = e;
        let name_len = e.name().0.len();
        let syntax = |err: ScanError| (Failure::Syntax(err.message(content)), 1 + err.at() as u64);
        self.scanned.clear();
        let mut attributes = Attributes::new(content, name_len);
        loop {
            match attributes.next_scanned() {
                None => break,
                Some(Ok(scanned)) if self.scanned.len() < REPLAY_UP_TO => {
                    self.scanned.push(scanned);
                    let raw = scanned.raw(content).map_err(syntax)?;
                    self.bind(&raw.attribute, raw.at)?;
                }
                // Many attributes, or a name written twice (the decoder's to report, at the
                // attribute, after its own limit on attributes): the remaining declarations
                // are read without the check for names written twice, whose cost grows with
                // the square of their number, and the decoder scans the tag itself.
                Some(Ok(_) | Err(ScanError::Duplicate(..))) => {
                    let done = self.scanned.len();
                    self.scanned.clear();
                    for raw in Attributes::new(content, name_len).without_duplicate_check().skip(done) {
                        let raw = raw.map_err(syntax)?;
                        self.bind(&raw.attribute, raw.at)?;
                    }
                    return Ok(());
                }
                Some(Err(err)) => return Err(syntax(err)),
            }
        }
        self.replay = true;
        Ok(())
    }

    /// Adds the declaration `attr` (at byte `at` of the start tag's content), if it is one.
    fn bind(&mut self, attr: &Attribute<'_>, at: usize) -> Result<(), (Failure, u64)> {
        let Some(prefix) = attr.key.as_namespace_binding() else { return Ok(()) };
        let at = 1 + at as u64;
        // Most URIs need no normalization (no references, no white space but spaces): looked
        // for without a branch per byte, so that the loop over a URI's bytes vectorizes.
        #[allow(clippy::needless_bitwise_bool)] // deliberately branch-free
        let needs_work = attr.value.bytes().fold(false, |acc, b| acc | (b < 0x20) | (b == b'&'));
        let value = if needs_work {
            attr.normalized_value(quick_xml::XmlVersion::Implicit1_0).map_err(|err| (Failure::Xml(err), at))?
        } else {
            Cow::Borrowed(&*attr.value)
        };
        match prefix {
            quick_xml::name::PrefixDeclaration::Named(p) if value.is_empty() => {
                return Err((
                    Failure::Namespace(format!(
                        "xmlns:{p}=\"\" undeclares a prefix, which Namespaces in XML 1.0 does not allow"
                    )),
                    at,
                ));
            }
            quick_xml::name::PrefixDeclaration::Default if value == iso19770_core::XML_NAMESPACE => {
                return Err((Failure::Namespace("the xml namespace cannot be the default namespace".to_owned()), at));
            }
            _ => {}
        }
        self.resolver.add(prefix, quick_xml::name::Namespace(&value)).map_err(|err| (Failure::Xml(err.into()), at))
    }
}

/// Up to this many attributes, a start tag that declares namespaces is scanned once, by the
/// scopes, and replayed to the decoder (a usual start tag has a handful).
const REPLAY_UP_TO: usize = 64;

/// True when `text` contains `xmlns`: the attributes of a start tag that may declare
/// namespaces. A search for its `x`s, which are rare in start tags, is cheaper than a substring
/// search set up for each tag.
fn mentions_xmlns(text: &[u8]) -> bool {
    memchr::memchr_iter(b'x', text).any(|i| text.get(i..).is_some_and(|rest| rest.starts_with(b"xmlns")))
}

fn configure<R>(reader: &mut Reader<R>) {
    let config = reader.config_mut();
    config.expand_empty_elements = false;
    config.trim_text(false);
    // End tags are checked by `Scopes`, on their exact text.
    config.check_end_names = false;
    config.trim_markup_names_in_closing_tags = false;
    config.check_comments = true;
}

/// Events of a string held in memory.
pub(crate) struct StrSource<'i> {
    input: &'i str,
    reader: Reader<&'i [u8]>,
    scopes: Box<Scopes>,
    bom: bool,
}

impl<'i> StrSource<'i> {
    pub(crate) fn new(input: &'i str, max_bindings: usize) -> Self {
        // The byte-order mark is not part of the document: offsets count after it (and are
        // reported in the whole input).
        let (bom, input) = match input.strip_prefix('\u{feff}') {
            Some(rest) => (true, rest),
            None => (false, input),
        };
        let mut reader = Reader::from_str(input);
        configure(&mut reader);
        StrSource { input, reader, scopes: Scopes::new(max_bindings), bom }
    }

    fn base(&self) -> u64 {
        if self.bom { 3 } else { 0 }
    }
}

impl Source for StrSource<'_> {
    // Inlined into the decoder's loops: returned through memory, the step (96 bytes) was
    // copied twice per event, loading what had just been stored (large tag 14.5 to 13.8 µs).
    #[allow(clippy::inline_always)]
    #[inline(always)]
    fn next_step(&mut self) -> Result<Step<'_>, ReadFailure> {
        let start = self.reader.buffer_position();
        let base = self.base();
        let event = match self.reader.read_event() {
            Ok(event) => event,
            Err(error) => {
                let at = self.reader.error_position();
                return Err(ReadFailure { error: Failure::Xml(error), position: text_position(self.input, at, base) });
            }
        };
        if let Err(failure) = self.scopes.enter(&event) {
            let (error, within) = *failure;
            return Err(ReadFailure { error, position: text_position(self.input, start + within, base) });
        }
        Ok(Step {
            event,
            resolver: &self.scopes.resolver,
            scanned: self.scopes.replay.then_some(self.scopes.scanned.as_slice()),
            name_colon: self.scopes.element_colon,
            start,
            end: self.reader.buffer_position(),
            locator: Locator::Text(self.input),
            base,
        })
    }

    fn had_bom(&self) -> bool {
        self.bom
    }

    fn size_hint(&self) -> usize {
        self.input.len()
    }

    fn recycle(self) {
        if self.input.len() <= RECYCLE_UP_TO {
            let scopes = self.scopes;
            SPARE.with(|cell| {
                if let Ok(mut cell) = cell.try_borrow_mut() {
                    *cell = Some(scopes);
                }
            });
        }
    }
}

/// Events of a stream, one event in memory at a time.
pub(crate) struct StreamSource<R> {
    reader: Reader<R>,
    scopes: Box<Scopes>,
    buf: Vec<u8>,
    line: u64,
    column: u64,
    bom: bool,
}

impl<R: BufRead> StreamSource<R> {
    pub(crate) fn new(input: R, max_bindings: usize, bom: bool) -> Self {
        let mut reader = Reader::from_reader(input);
        configure(&mut reader);
        StreamSource { reader, scopes: Scopes::new(max_bindings), buf: Vec::new(), line: 1, column: 1, bom }
    }
}

/// The lengths of the markup before and after an event's content (`<` … `/>`).
fn delimiters(event: &Event<'_>) -> (u64, u64) {
    match event {
        Event::Start(_) | Event::End(_) | Event::GeneralRef(_) => (1 + u64::from(matches!(event, Event::End(_))), 1),
        Event::Empty(_) => (1, 2),
        Event::Text(_) | Event::Eof => (0, 0),
        Event::CData(_) => (9, 3),
        Event::Comment(_) => (4, 3),
        Event::PI(_) | Event::Decl(_) => (2, 2),
        Event::DocType(_) => (9, 1),
    }
}

/// The position `consumed` (text after the event's first byte at `line`, `column`) ends at.
fn after(line: u64, column: u64, consumed: &str) -> (u64, u64) {
    let (lines, tail_chars) = advance(consumed);
    if lines == 0 { (line, column + tail_chars) } else { (line + lines, 1 + tail_chars) }
}

impl<R: BufRead> Source for StreamSource<R> {
    fn next_step(&mut self) -> Result<Step<'_>, ReadFailure> {
        self.buf.clear();
        let start = self.reader.buffer_position();
        let (line, column) = (self.line, self.column);
        let event = match self.reader.read_event_into(&mut self.buf) {
            Ok(event) => event,
            Err(error) => {
                // The reader's buffer cannot be read here (it is lent to the event), so the
                // column is counted in bytes from the event's start, on its first line.
                let at = self.reader.error_position();
                let position = Position::text(at, line, column + at.saturating_sub(start));
                return Err(ReadFailure { error: Failure::Xml(error), position });
            }
        };
        if let Err(failure) = self.scopes.enter(&event) {
            let (error, within) = *failure;
            let raw = rebuild(&event);
            let mut cut = usize::try_from(within).unwrap_or(0).min(raw.len());
            while !raw.is_char_boundary(cut) {
                cut -= 1;
            }
            let (l, c) = after(line, column, &raw[..cut]);
            return Err(ReadFailure { error, position: Position::text(start + within, l, c) });
        }
        let end = self.reader.buffer_position();
        let (before, after_len) = delimiters(&event);
        let (lines, tail_chars) = advance(&event);
        if lines == 0 {
            self.column += before + tail_chars + after_len;
        } else {
            self.line += lines;
            self.column = 1 + tail_chars + after_len;
        }
        Ok(Step {
            event,
            resolver: &self.scopes.resolver,
            scanned: self.scopes.replay.then_some(self.scopes.scanned.as_slice()),
            name_colon: self.scopes.element_colon,
            start,
            end,
            locator: Locator::Stream { line, column },
            base: 0,
        })
    }

    fn had_bom(&self) -> bool {
        self.bom
    }
}

#[cfg(test)]
mod tests {
    use super::{Source, StrSource};
    use crate::{DecodeError, SoftwareIdentity};
    use quick_xml::events::Event;

    /// Short white space is told from other text word by word exactly as byte by byte, whatever
    /// comes before it in the input (here white space too) and wherever the other byte is.
    #[test]
    fn short_white_space_is_judged_as_byte_by_byte() {
        let by_byte = |t: &str| t.bytes().all(|b| matches!(b, b' ' | b'\n' | b'\t' | b'\r'));
        for prefix in ["<r>", "<root a=\"1\"\n\t   >"] {
            for len in 1..20 {
                for other in ["", "a", "\u{b}", "\u{c}", "\u{a0}", "\u{1f}", "!", "\u{85}", "\u{2028}"] {
                    for at in 0..len {
                        let text: String = (0..len)
                            .map(|i| if i == at && !other.is_empty() { other } else { [" ", "\n", "\t", "\r"][i % 4] })
                            .collect();
                        let input = format!("{prefix}{text}</r>");
                        let mut source = StrSource::new(&input, 16);
                        let _ = source.next_step();
                        let Ok(step) = source.next_step() else { panic!("{input:?}") };
                        assert!(matches!(step.event, Event::Text(_)), "{input:?}");
                        let known = prefix.len() + text.len() >= if text.len() <= 8 { 8 } else { 16 };
                        let want = by_byte(&text) && text.len() <= 16 && known;
                        assert_eq!(step.is_short_white_space(), want, "{text:?} after {prefix:?}");
                    }
                }
            }
        }
    }

    const NS: &str = "http://standards.iso.org/iso/19770/-2/2015/schema.xsd";

    /// The scopes kept from one document never leak its bindings into the next: a prefix the
    /// first declared is undeclared in the second, whether the first ended well or not.
    #[test]
    fn kept_scopes_start_empty() {
        let first = format!(
            r#"<SoftwareIdentity xmlns="{NS}" xmlns:x="urn:x" name="a" tagId="a" x:k="1"><Entity name="e" role="tagCreator" xmlns:y="urn:y" y:k="2"/></SoftwareIdentity>"#
        );
        let second = format!(r#"<SoftwareIdentity xmlns="{NS}" name="b" tagId="b" x:k="1"/>"#);
        let broken = format!(r#"<SoftwareIdentity xmlns="{NS}" xmlns:x="urn:x" name="c" tagId="c"><Entity"#);
        for _ in 0..3 {
            let tag = SoftwareIdentity::from_xml_str(&first).expect("well-formed");
            assert_eq!(tag.extensions.attributes.len(), 1);
            assert!(matches!(
                SoftwareIdentity::from_xml_str(&second),
                Err(DecodeError::UndeclaredPrefix { ref prefix, .. }) if prefix == "x"
            ));
            assert!(SoftwareIdentity::from_xml_str(&broken).is_err());
            assert!(matches!(
                SoftwareIdentity::from_xml_str(&second),
                Err(DecodeError::UndeclaredPrefix { ref prefix, .. }) if prefix == "x"
            ));
        }
    }
}
