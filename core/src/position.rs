//! Where something is: positions in the input and paths in the model.
//!
//! Every decode error carries a [`Location`]: the [`Position`] in the input (byte offset, and line
//! and column for text formats) and the [`Path`] of the element, attribute or key being read.
//! Validation findings carry a path alone.

use std::fmt;

/// A line and column, both counted from 1; the column counts characters, not bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct LineColumn {
    /// The line, from 1.
    pub line: u64,
    /// The column in characters, from 1.
    pub column: u64,
}

/// A position in the input: a byte offset from 0, with line and column for text formats.
///
/// ```
/// use iso19770_core::Position;
///
/// assert_eq!(Position::text(120, 4, 17).to_string(), "line 4, column 17");
/// assert_eq!(Position::bytes(42).to_string(), "byte 42");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Position {
    /// The byte offset from the start of the input, from 0.
    pub offset: u64,
    /// The line and column, for text formats.
    pub line_column: Option<LineColumn>,
}

impl Position {
    /// A position in a text format.
    pub fn text(offset: u64, line: u64, column: u64) -> Self {
        Position { offset, line_column: Some(LineColumn { line, column }) }
    }

    /// A position in a binary format.
    pub fn bytes(offset: u64) -> Self {
        Position { offset, line_column: None }
    }

    /// The position of `offset` in `text` (line and column computed by counting).
    ///
    /// An offset past the end, or inside a character, is clamped to the character boundary
    /// before it.
    pub fn in_text(text: &str, offset: usize) -> Self {
        let mut end = offset.min(text.len());
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        let before = &text[..end];
        let line = before.bytes().filter(|&b| b == b'\n').count() as u64 + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let column = before[line_start..].chars().count() as u64 + 1;
        Position::text(offset as u64, line, column)
    }

    /// The position a parser reports as a 1-based `line` and byte `column` (as `serde_json`
    /// does), with the byte offset into `text` computed; a line past the end gives the end.
    ///
    /// ```
    /// use iso19770_core::Position;
    ///
    /// let p = Position::at_line_column("{\n  \"a\": x\n}", 2, 8);
    /// assert_eq!((p.offset, p.line(), p.column()), (9, Some(2), Some(8)));
    /// ```
    pub fn at_line_column(text: &str, line: usize, column: usize) -> Self {
        let line_start = if line <= 1 { 0 } else { memchr_nth_newline(text, line - 2).map_or(text.len(), |i| i + 1) };
        let offset = (line_start + column.saturating_sub(1)).min(text.len());
        Position::text(offset as u64, line as u64, column as u64)
    }

    /// The line, for text formats.
    pub fn line(&self) -> Option<u64> {
        self.line_column.map(|lc| lc.line)
    }

    /// The column, for text formats.
    pub fn column(&self) -> Option<u64> {
        self.line_column.map(|lc| lc.column)
    }
}

impl fmt::Display for Position {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line_column {
            Some(LineColumn { line, column }) => write!(f, "line {line}, column {column}"),
            None => write!(f, "byte {}", self.offset),
        }
    }
}

/// One step of a [`Path`].
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum PathSegment {
    /// An XML element with its position among the siblings of the same name, from 1 (XPath
    /// style); shown as `Name[n]`, or `Name` for the first.
    Element {
        /// The element's local name.
        name: String,
        /// Its position among same-named siblings, from 1.
        position: usize,
    },
    /// An XML attribute, shown as `@name`.
    Attribute(String),
    /// A map key of a CBOR or JSON document, shown by its name.
    Key(String),
    /// An array index of a CBOR or JSON document, from 0, shown as `[i]`.
    Index(usize),
}

impl PathSegment {
    /// An element segment.
    pub fn element(name: impl Into<String>, position: usize) -> Self {
        PathSegment::Element { name: name.into(), position }
    }

    /// An attribute segment.
    pub fn attribute(name: impl Into<String>) -> Self {
        PathSegment::Attribute(name.into())
    }

    /// A map-key segment.
    pub fn key(name: impl Into<String>) -> Self {
        PathSegment::Key(name.into())
    }
}

/// A path from the root of a document to an element, attribute or key.
///
/// XML paths read `SoftwareIdentity/Payload/Directory[2]/File[5]@size`; CBOR and JSON paths read
/// `payload/directory[0]/file[3]/size`.
///
/// ```
/// use iso19770_core::{Path, PathSegment};
///
/// let mut p = Path::default();
/// p.push(PathSegment::key("payload"));
/// p.push(PathSegment::key("file"));
/// p.push(PathSegment::Index(3));
/// p.push(PathSegment::key("size"));
/// assert_eq!(p.to_string(), "payload/file[3]/size");
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Path {
    /// The steps from the root.
    pub segments: Vec<PathSegment>,
}

impl Path {
    /// A path of these segments.
    pub fn from_segments(segments: impl IntoIterator<Item = PathSegment>) -> Self {
        Path { segments: segments.into_iter().collect() }
    }

    /// Appends a segment.
    pub fn push(&mut self, segment: PathSegment) {
        self.segments.push(segment);
    }

    /// This path with one more segment.
    #[must_use]
    pub fn join(&self, segment: PathSegment) -> Self {
        let mut p = self.clone();
        p.push(segment);
        p
    }

    /// True for the empty path (the document itself).
    pub fn is_empty(&self) -> bool {
        self.segments.is_empty()
    }
}

impl fmt::Display for Path {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, s) in self.segments.iter().enumerate() {
            match s {
                PathSegment::Element { name, position } => {
                    if i > 0 {
                        f.write_str("/")?;
                    }
                    f.write_str(name)?;
                    if *position > 1 {
                        write!(f, "[{position}]")?;
                    }
                }
                PathSegment::Key(name) => {
                    if i > 0 {
                        f.write_str("/")?;
                    }
                    f.write_str(name)?;
                }
                PathSegment::Attribute(name) => write!(f, "@{name}")?,
                PathSegment::Index(i) => write!(f, "[{i}]")?,
            }
        }
        Ok(())
    }
}

/// A position in the input and the path being read there.
///
/// ```
/// use iso19770_core::{Location, Path, PathSegment, Position};
///
/// let at = Location::new(
///     Position::text(10, 2, 3),
///     Path::from_segments([PathSegment::element("SoftwareIdentity", 1), PathSegment::attribute("corpus")]),
/// );
/// assert_eq!(at.to_string(), "line 2, column 3 (SoftwareIdentity@corpus)");
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Location {
    /// Where in the input.
    pub position: Position,
    /// Where in the document.
    pub path: Path,
}

impl Location {
    /// A location.
    pub fn new(position: Position, path: Path) -> Self {
        Location { position, path }
    }
}

impl Default for Position {
    fn default() -> Self {
        Position::bytes(0)
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            write!(f, "{}", self.position)
        } else {
            write!(f, "{} ({})", self.position, self.path)
        }
    }
}

/// The byte index of the `n`-th (0-based) line feed in `text`.
fn memchr_nth_newline(text: &str, n: usize) -> Option<usize> {
    text.bytes().enumerate().filter(|&(_, b)| b == b'\n').nth(n).map(|(i, _)| i)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn position_in_text_counts_lines_and_characters() {
        let text = "ab\nčd\n";
        assert_eq!(Position::in_text(text, 0), Position::text(0, 1, 1));
        assert_eq!(Position::in_text(text, 3), Position::text(3, 2, 1));
        // 'č' is two bytes: offset 5 is the 'd', the second character of line 2.
        assert_eq!(Position::in_text(text, 5), Position::text(5, 2, 2));
        // inside 'č': clamped to its start, offset kept.
        assert_eq!(Position::in_text(text, 4), Position::text(4, 2, 1));
        assert_eq!(Position::in_text(text, 99), Position::text(99, 3, 1));
    }

    #[test]
    fn xml_path_omits_first_position() {
        let p = Path::from_segments([
            PathSegment::element("SoftwareIdentity", 1),
            PathSegment::element("Entity", 3),
            PathSegment::attribute("role"),
        ]);
        assert_eq!(p.to_string(), "SoftwareIdentity/Entity[3]@role");
    }

    #[test]
    fn location_without_path_shows_position_only() {
        assert_eq!(Location::new(Position::bytes(7), Path::default()).to_string(), "byte 7");
    }
}
