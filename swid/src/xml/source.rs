//! Event sources over a string or a `BufRead`, with byte offsets, line/column positions and the
//! exact source text of each event.

use iso19770_core::Position;
use quick_xml::events::Event;
use quick_xml::name::NamespaceResolver;
use quick_xml::reader::Reader;
use std::borrow::Cow;
use std::io::BufRead;

/// One event with what is needed to locate it and to copy it.
pub(crate) struct Step<'a> {
    pub(crate) event: Event<'a>,
    pub(crate) resolver: &'a NamespaceResolver,
    /// Byte offset of the event's first byte.
    pub(crate) start: u64,
    /// Byte offset just past the event.
    pub(crate) end: u64,
    locator: Locator<'a>,
}

enum Locator<'a> {
    /// The whole input: exact slices, positions by counting.
    Text(&'a str),
    /// A stream: line and column of the event's first byte.
    Stream { line: u64, column: u64 },
}

impl<'a> Step<'a> {
    /// The source text of the event: exact for string input; rebuilt from the event for streams
    /// (where white space inside an end tag is written as spaces).
    pub(crate) fn raw(&self) -> Cow<'a, str> {
        match self.locator {
            Locator::Text(input) => usize::try_from(self.start)
                .ok()
                .zip(usize::try_from(self.end).ok())
                .and_then(|(s, e)| input.get(s..e))
                .map_or_else(|| Cow::Owned(rebuild(&self.event, self.end - self.start)), Cow::Borrowed),
            Locator::Stream { .. } => Cow::Owned(rebuild(&self.event, self.end - self.start)),
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
    pub(crate) fn position(&self, offset: u64) -> Position {
        match self.locator {
            Locator::Text(input) => Position::in_text(input, usize::try_from(offset).unwrap_or(usize::MAX)),
            Locator::Stream { line, column } => {
                let within = usize::try_from(offset.saturating_sub(self.start)).unwrap_or(usize::MAX);
                let raw = rebuild(&self.event, self.end - self.start);
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
    pub(crate) fn start_position(&self) -> Position {
        self.position(self.start)
    }

    /// The offset of `part` within the event's text, if `part` is a slice of it.
    pub(crate) fn offset_of(&self, whole: &str, part: &str) -> u64 {
        let base = whole.as_ptr() as usize;
        let at = part.as_ptr() as usize;
        let delta = if at >= base && at <= base + whole.len() { at - base } else { 0 };
        // Content of start tags begins one byte (`<`) after the event.
        self.start + 1 + delta as u64
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

/// The source text of an event, rebuilt from its content. `len` is the number of bytes the
/// event spanned, used to restore white space that the reader trimmed in end tags.
pub(crate) fn rebuild(event: &Event<'_>, len: u64) -> String {
    match event {
        Event::Start(e) => format!("<{}>", &**e),
        Event::Empty(e) => format!("<{}/>", &**e),
        Event::End(e) => {
            let name: &str = e;
            let trimmed = usize::try_from(len).unwrap_or(0).saturating_sub(name.len() + 3);
            format!("</{name}{}>", " ".repeat(trimmed))
        }
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

/// A failure of the underlying reader, with the position where it stopped.
pub(crate) struct ReadFailure {
    pub(crate) error: quick_xml::Error,
    pub(crate) position: Position,
}

/// Where events come from.
pub(crate) trait Source {
    /// The next event.
    fn next_step(&mut self) -> Result<Step<'_>, ReadFailure>;
}

/// Namespace scopes kept beside a plain reader: like quick-xml's `NsReader`, but an element's
/// attributes are looked through for declarations only when its start tag contains `xmlns`,
/// so that most elements have their attributes parsed once, by the decoder.
struct Scopes {
    resolver: NamespaceResolver,
    level: u16,
    /// The last event was an empty element or an end tag, whose scope closes before the next.
    pop_pending: bool,
    xmlns: memchr::memmem::Finder<'static>,
}

impl Default for Scopes {
    fn default() -> Self {
        Scopes {
            resolver: NamespaceResolver::default(),
            level: 0,
            pop_pending: false,
            xmlns: memchr::memmem::Finder::new(b"xmlns"),
        }
    }
}

impl Scopes {
    /// Updates the scopes for `event`, before the caller resolves its names.
    fn enter(&mut self, event: &Event<'_>) -> Result<(), quick_xml::Error> {
        if std::mem::take(&mut self.pop_pending) {
            self.level = self.level.saturating_sub(1);
            self.resolver.set_level(self.level);
        }
        match event {
            Event::Start(e) | Event::Empty(e) => {
                self.level = self
                    .level
                    .checked_add(1)
                    .ok_or(quick_xml::name::NamespaceError::TooDeeplyNested(usize::from(u16::MAX)))?;
                self.resolver.set_level(self.level);
                if self.xmlns.find(e.as_bytes()).is_some() {
                    for attr in e.attributes().with_checks(false) {
                        let attr = attr?;
                        if let Some(prefix) = attr.key.as_namespace_binding() {
                            self.resolver.add(prefix, quick_xml::name::Namespace(&attr.value))?;
                        }
                    }
                }
                self.pop_pending = matches!(event, Event::Empty(_));
            }
            Event::End(_) => self.pop_pending = true,
            _ => {}
        }
        Ok(())
    }
}

fn configure<R>(reader: &mut Reader<R>) {
    let config = reader.config_mut();
    config.expand_empty_elements = false;
    config.trim_text(false);
    config.check_end_names = true;
    config.check_comments = true;
}

/// Events of a string held in memory.
pub(crate) struct StrSource<'i> {
    input: &'i str,
    reader: Reader<&'i [u8]>,
    scopes: Scopes,
}

impl<'i> StrSource<'i> {
    pub(crate) fn new(input: &'i str) -> Self {
        let mut reader = Reader::from_str(input);
        configure(&mut reader);
        StrSource { input, reader, scopes: Scopes::default() }
    }
}

impl Source for StrSource<'_> {
    fn next_step(&mut self) -> Result<Step<'_>, ReadFailure> {
        let start = self.reader.buffer_position();
        match self.reader.read_event().and_then(|event| self.scopes.enter(&event).map(|()| event)) {
            Ok(event) => Ok(Step {
                event,
                resolver: &self.scopes.resolver,
                start,
                end: self.reader.buffer_position(),
                locator: Locator::Text(self.input),
            }),
            Err(error) => {
                let at = self.reader.error_position();
                Err(ReadFailure {
                    error,
                    position: Position::in_text(self.input, usize::try_from(at).unwrap_or(usize::MAX)),
                })
            }
        }
    }
}

/// Events of a stream, one event in memory at a time.
pub(crate) struct StreamSource<R> {
    reader: Reader<R>,
    scopes: Scopes,
    buf: Vec<u8>,
    line: u64,
    column: u64,
}

impl<R: BufRead> StreamSource<R> {
    pub(crate) fn new(input: R) -> Self {
        let mut reader = Reader::from_reader(input);
        configure(&mut reader);
        StreamSource { reader, scopes: Scopes::default(), buf: Vec::new(), line: 1, column: 1 }
    }
}

/// The lengths of the markup before and after an event's content (`<` … `/>`).
fn delimiters(event: &Event<'_>, len: u64) -> (u64, u64) {
    match event {
        Event::Start(_) | Event::GeneralRef(_) => (1, 1),
        Event::Empty(_) => (1, 2),
        Event::End(e) => (2, len.saturating_sub(2 + e.len() as u64)),
        Event::Text(_) | Event::Eof => (0, 0),
        Event::CData(_) => (9, 3),
        Event::Comment(_) => (4, 3),
        Event::PI(_) | Event::Decl(_) => (2, 2),
        Event::DocType(_) => (9, 1),
    }
}

impl<R: BufRead> Source for StreamSource<R> {
    fn next_step(&mut self) -> Result<Step<'_>, ReadFailure> {
        self.buf.clear();
        let start = self.reader.buffer_position();
        let (line, column) = (self.line, self.column);
        match self.reader.read_event_into(&mut self.buf).and_then(|event| self.scopes.enter(&event).map(|()| event)) {
            Ok(event) => {
                let end = self.reader.buffer_position();
                let (before, after) = delimiters(&event, end - start);
                let (lines, tail_chars) = advance(&event);
                if lines == 0 {
                    self.column += before + tail_chars + after;
                } else {
                    self.line += lines;
                    self.column = 1 + tail_chars + after;
                }
                Ok(Step {
                    event,
                    resolver: &self.scopes.resolver,
                    start,
                    end,
                    locator: Locator::Stream { line, column },
                })
            }
            Err(error) => {
                let at = self.reader.error_position();
                Err(ReadFailure { error, position: Position::text(at, line, column + at.saturating_sub(start)) })
            }
        }
    }
}
