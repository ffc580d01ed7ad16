//! The XML form, streamed.
//!
//! The root's start tag and each of its children are read as their exact source text, one
//! child at a time. A `Measurement` child is decoded at once, inside a copy of the root's start
//! tag (so that it sees the root's namespace declarations), and handed over; the other children
//! are kept as text and decoded with the root at the end, giving the head. The text decoded is
//! laid out on the lines and columns it had, so that errors have the input's lines and columns;
//! their byte offsets and paths are moved back to the input's.

use crate::import::{Pos, Source};
use crate::xml::XmlOptions;
use crate::{DecodeError, ReportSink, Rum};
use iso19770_core::{Location, Path, PathSegment};
use quick_xml::Reader;
use quick_xml::events::Event;
use std::io::BufRead;

/// One event, owned, with its place and exact source text.
enum Ev {
    Eof,
    Start { local: String, qname: String, empty: bool },
    End,
    Text { blank: bool },
    Other,
}

/// Reads one RUM in its XML form from `input`, handing each `Measurement` to `sink` as soon as
/// it is read and the head (everything but the measurements) at the end. One child of the root
/// is held at a time: at most `max_child_bytes` of its text, else
/// [`DecodeError::RecordTooLarge`].
///
/// The result is what [`Rum::from_xml_str_with`] gives for the whole document; errors have the
/// line, the column and the path (`Rum/Measurement[2]@value`).
///
/// ```
/// use iso19770_resource_util::stream::{read_xml, Collect};
/// use iso19770_resource_util::xml::XmlOptions;
/// use iso19770_resource_util::{Decimal, Measurement, Rum};
///
/// let rum = Rum::new("r")
///     .with_measurement(Measurement::new("m", Decimal::new(15, 1)))
///     .with_measurement(Measurement::new("m", Decimal::from(2)));
/// let xml = rum.to_xml_string()?;
/// let mut c = Collect::default();
/// read_xml(xml.as_bytes(), &XmlOptions::default(), 1 << 20, &mut c)?;
/// assert_eq!(c.rums, [rum]);
///
/// let bad = xml.replace(r#"value="2""#, r#"value="2e0""#);
/// let err = read_xml(bad.as_bytes(), &XmlOptions::default(), 1 << 20, &mut Collect::default()).unwrap_err();
/// assert_eq!(err.path().to_string(), "Rum/Measurement[2]@value");
/// assert_eq!(err.position().line(), Some(4));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn read_xml<R: BufRead>(
    input: R,
    options: &XmlOptions,
    max_child_bytes: usize,
    sink: &mut dyn ReportSink,
) -> Result<(), DecodeError> {
    let mut xml = Reader::from_reader(Source::new(input, max_child_bytes));
    xml.config_mut().check_comments = true;
    let mut buf = Vec::new();
    // The root's start tag on one line, and its qualified name.
    let mut root: Option<(String, String)> = None;
    let mut closed = false;
    // The head's children laid out on their lines, with where each starts (here, in the input).
    let mut head = String::new();
    let mut head_line = 1u64;
    let mut head_origins: Vec<(usize, u64)> = Vec::new();
    let mut measurements = 0usize;
    loop {
        xml.get_mut().begin_record();
        let (ev, at, raw) = next(&mut xml, &mut buf, max_child_bytes)?;
        match ev {
            Ev::Eof if root.is_none() => return Err(syntax_at(at, "no root element")),
            Ev::Eof if !closed => {
                return Err(DecodeError::Truncated {
                    at: Box::new(Location::new(at.position(), Path::default())),
                    inside: root.map(|(_, q)| q).unwrap_or_default(),
                });
            }
            Ev::Eof => break,
            Ev::Start { .. } if closed => return Err(syntax_at(at, "a second root element")),
            Ev::Start { qname, empty, .. } if root.is_none() => {
                let mut tag = String::from_utf8_lossy(&raw).replace(['\n', '\r', '\t'], " ");
                if empty {
                    // `<Rum …/>`: opened here, closed by the decoder's copy.
                    tag.truncate(tag.trim_end_matches('>').trim_end_matches('/').len());
                    tag.push('>');
                    closed = true;
                }
                root = Some((tag, qname));
            }
            Ev::Start { local, empty, .. } => {
                let mut text = raw;
                if !empty {
                    read_to_end(&mut xml, &mut buf, max_child_bytes, &mut text)?;
                }
                let text = String::from_utf8(text).map_err(|_| syntax_at(at, "text that is not UTF-8"))?;
                let (tag, name) = root.as_ref().map(|(t, n)| (t.as_str(), n.as_str())).unwrap_or_default();
                if local == "Measurement" {
                    // Positions count every child named `Measurement`, in any namespace, as the
                    // whole-document reader's paths do.
                    measurements += 1;
                    let mut doc = String::from(tag);
                    let (lead, _) = lay_out(&mut doc, 1, at);
                    doc.push_str(&text);
                    doc.push_str("</");
                    doc.push_str(name);
                    doc.push('>');
                    let mut rum = Rum::from_xml_str_with(&doc, options)
                        .map_err(|e| relocate(e, &[(lead, at.offset)], Some(measurements)))?;
                    // A `Measurement` of another namespace is foreign content of the head.
                    if let Some(m) = rum.measurements.pop() {
                        sink.measurement(0, m);
                        continue;
                    }
                }
                let (start, line) = lay_out(&mut head, head_line, at);
                head_line = line;
                head_origins.push((start, at.offset));
                head.push_str(&text);
                head_line += text.bytes().filter(|b| *b == b'\n').count() as u64;
            }
            Ev::End => closed = true,
            Ev::Text { blank: false } if root.is_some() && !closed => {
                // Text in the root: the head decoder refuses it, at its place.
                let text = String::from_utf8_lossy(&raw).into_owned();
                let (start, line) = lay_out(&mut head, head_line, at);
                head_origins.push((start, at.offset));
                head.push_str(&text);
                head_line = line + text.bytes().filter(|b| *b == b'\n').count() as u64;
            }
            Ev::Text { .. } | Ev::Other => {}
        }
    }
    let Some((tag, name)) = root else { return Err(syntax_at(Pos::START, "no root element")) };
    let shift = tag.len();
    let mut doc = tag;
    doc.push_str(&head);
    doc.push_str("</");
    doc.push_str(&name);
    doc.push('>');
    let origins: Vec<(usize, u64)> = head_origins.iter().map(|(s, o)| (s + shift, *o)).collect();
    let mut rum = Rum::from_xml_str_with(&doc, options).map_err(|e| relocate(e, &origins, None))?;
    rum.measurements.clear();
    sink.report(0, rum);
    Ok(())
}

/// The next event, owned, its place and its exact source text.
fn next<R: BufRead>(
    xml: &mut Reader<Source<R>>,
    buf: &mut Vec<u8>,
    limit: usize,
) -> Result<(Ev, Pos, Vec<u8>), DecodeError> {
    buf.clear();
    let source = xml.get_mut();
    let at = source.start_pos();
    source.hit_eof = false;
    source.start_capture();
    let ev = match xml.read_event_into(buf) {
        Ok(Event::Eof) => Ev::Eof,
        Ok(Event::Start(e)) => {
            let qname = e.name().0.to_owned();
            Ev::Start { local: local_of(&qname), qname, empty: false }
        }
        Ok(Event::Empty(e)) => {
            let qname = e.name().0.to_owned();
            Ev::Start { local: local_of(&qname), qname, empty: true }
        }
        Ok(Event::End(_)) => Ev::End,
        Ok(Event::Text(t)) => {
            let text: &str = &t;
            Ev::Text { blank: text.bytes().all(|b| b.is_ascii_whitespace()) }
        }
        Ok(Event::CData(_) | Event::GeneralRef(_)) => Ev::Text { blank: false },
        Ok(Event::DocType(_)) => {
            return Err(DecodeError::XmlDoctype { at: Box::new(Location::new(at.position(), Path::default())) });
        }
        Ok(_) => Ev::Other,
        Err(e) => return Err(xml_error(xml.get_ref(), at, &e, limit)),
    };
    let raw = xml.get_mut().take_capture();
    Ok((ev, at, raw))
}

/// Reads the rest of the child element just opened, appending its source text.
fn read_to_end<R: BufRead>(
    xml: &mut Reader<Source<R>>,
    buf: &mut Vec<u8>,
    limit: usize,
    text: &mut Vec<u8>,
) -> Result<(), DecodeError> {
    let mut depth = 1usize;
    while depth > 0 {
        let (ev, at, raw) = next(xml, buf, limit)?;
        match ev {
            Ev::Start { empty: false, .. } => depth += 1,
            Ev::End => depth -= 1,
            Ev::Eof => {
                return Err(DecodeError::Truncated {
                    at: Box::new(Location::new(at.position(), Path::default())),
                    inside: "an element".into(),
                });
            }
            _ => {}
        }
        text.extend_from_slice(&raw);
    }
    Ok(())
}

fn local_of(qname: &str) -> String {
    qname.rsplit(':').next().unwrap_or(qname).to_owned()
}

fn syntax_at(at: Pos, message: &str) -> DecodeError {
    DecodeError::XmlSyntax { at: Box::new(Location::new(at.position(), Path::default())), message: message.into() }
}

fn xml_error<R>(source: &Source<R>, at: Pos, e: &quick_xml::Error, limit: usize) -> DecodeError {
    if source.over_limit {
        return DecodeError::RecordTooLarge { at: Box::new(Location::new(at.position(), Path::default())), limit };
    }
    if source.hit_eof {
        return DecodeError::Truncated {
            at: Box::new(Location::new(at.position(), Path::default())),
            inside: "markup".into(),
        };
    }
    match e {
        quick_xml::Error::Io(io) => {
            DecodeError::Io { at: Box::new(Location::new(at.position(), Path::default())), message: io.to_string() }
        }
        other => syntax_at(at, &other.to_string()),
    }
}

/// Pads `doc` (whose last line is `line`) with new lines and spaces so that what comes next
/// starts at the line and column of `at`; gives where it starts in `doc`, and its line.
fn lay_out(doc: &mut String, line: u64, at: Pos) -> (usize, u64) {
    let col = |doc: &String| doc.len() - doc.rfind('\n').map_or(0, |i| i + 1);
    if at.line > line {
        for _ in line..at.line {
            doc.push('\n');
        }
        for _ in 1..at.column {
            doc.push(' ');
        }
    } else if at.line == line {
        // On the same line: as far right as it was, when there is room.
        let here = col(doc) as u64 + 1;
        for _ in here..at.column {
            doc.push(' ');
        }
    }
    (doc.len(), at.line.max(line))
}

/// Moves an error of a laid-out copy back to the input: its byte offset by the origin of the
/// piece it is in, and, for a measurement, the element's position among the measurements.
fn relocate(mut e: DecodeError, origins: &[(usize, u64)], measurement: Option<usize>) -> DecodeError {
    let (DecodeError::XmlSyntax { at, .. }
    | DecodeError::XmlDoctype { at }
    | DecodeError::XmlUnexpectedElement { at, .. }
    | DecodeError::XmlMissing { at, .. }
    | DecodeError::XmlUnknownAttribute { at, .. }
    | DecodeError::BadValue { at, .. }
    | DecodeError::XmlTooManyAttributes { at, .. }
    | DecodeError::XmlTooDeep { at, .. }) = &mut e
    else {
        return e;
    };
    let offset = usize::try_from(at.position.offset).unwrap_or(0);
    if let Some((start, origin)) = origins.iter().rev().find(|(s, _)| *s <= offset) {
        at.position.offset = origin + (offset - start) as u64;
    }
    if let (Some(k), Some(PathSegment::Element { name, position })) = (measurement, at.path.segments.get_mut(1))
        && name == "Measurement"
    {
        *position = k;
    }
    e
}
