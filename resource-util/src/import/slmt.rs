//! IBM Software License Metric Tag 2.1.1 streams (`.slmtag`, feature `xml`): the measurement
//! records IBM products append to a file, read one at a time in bounded memory.
//!
//! An SLMT file is not one XML document but a sequence of top-level fragments appended over
//! time: a `<SchemaVersion>`, the identity of the measured software (`<SoftwareIdentity>`, or the
//! `<Product>` variant of some IBM scripts), then any number of `<Metric>` records. Files are
//! rotated by size, and copies are often concatenated: a new `SchemaVersion` or identity
//! fragment starts a new identity context for the records after it.
//!
//! ```text
//! <SchemaVersion>2.1.1</SchemaVersion>
//! <SoftwareIdentity>
//!   <PersistentId>b1a07d4dc0364452aa6206bb6584061d</PersistentId>
//!   <Name>IBM Operational Decision Manager Server</Name>
//!   <InstanceId>/usr/IBM/TAMIT</InstanceId>
//! </SoftwareIdentity>
//! <Metric logTime="2019-07-18T16:39:34+02:00">
//!   <Type>VU_VALUE_UNIT</Type>
//!   <SubType>MILLION_MONTHLY_DECISIONS</SubType>
//!   <Value>1.235</Value>
//!   <Period>
//!     <StartTime>2019-07-18T16:39:34+02:00</StartTime>
//!     <EndTime>2019-07-18T16:39:34+02:00</EndTime>
//!   </Period>
//! </Metric>
//! ```
//!
//! [`SlmtReader`] yields one [`SlmtRecord`] per `Metric`: the [`Measurement`] with the schema
//! version and the identity in force, shared between records (an [`Arc`]). [`read_rum`] and
//! [`read_rums`] collect a small file into [`Rum`]s.
//!
//! # Mapping
//!
//! | SLMT | model | notes |
//! |---|---|---|
//! | `SchemaVersion` | [`SlmtRecord::schema_version`]; [`Meta::schema_version`] of a collected [`Rum`] | also ends the identity in force: records after it and before the next identity have none |
//! | `SoftwareIdentity` or `Product` | [`SlmtRecord::asset`], a [`MeasuredAsset`] | either element starts a new identity context |
//! | `…/PersistentId` | [`MeasuredAsset::persistent_id`] | as written (a template's `$swidtag` too) |
//! | `…/Name`, `…/ProductName` | [`MeasuredAsset::name`] | taken in either element |
//! | `…/InstanceId` | [`MeasuredAsset::instance_id`] | |
//! | other children and attributes of the identity | [`MeasuredAsset`]'s `extensions` | elements kept as their exact source text |
//! | `Metric@logTime` | [`Measurement::log_time`] | [`Timestamp::DateTime`], the text as written (white space around it trimmed); not checked here: a validation or an aggregation asks for its instant |
//! | `Metric/Type` | [`Measurement::metric`] | required ([`DecodeError::XmlMissing`]) |
//! | `Metric/SubType` | [`Measurement::subtype`] | `None` when absent or empty (IBM's logger writes `<SubType></SubType>` when there is none) |
//! | `Metric/Value` | [`Measurement::value`] | required; an exact `xs:decimal`, scale kept (`1.235`, `23.456`); anything else (`$numCores`, `1e3`) is [`DecodeError::BadValue`] |
//! | `Metric/Period/StartTime`, `…/EndTime` | [`Measurement::start`], [`Measurement::end`] | as `logTime`; `None` when absent or empty |
//! | other children of `Metric` or `Period`, other attributes of `Metric` | [`Measurement`]'s `extensions` | elements kept as their exact source text, without namespace (SLMT has none) |
//! | — | [`Measurement::unit`], sample interval and count, aggregation | `None`: SLMT does not say |
//!
//! Text content has its references resolved (the five predefined entities and character
//! references) and its line ends normalized, as XML prescribes. A collected [`Rum`]'s `rum_id`
//! is derived: `<PersistentId>@<logTime of its first Metric>`, either part empty when absent
//! (`b1a07d4dc0364452aa6206bb6584061d@2019-07-18T16:39:34+02:00`).
//!
//! # Errors, and reading on after them
//!
//! Each error carries the line, column and path of what it is about (`Metric[2]/Value`;
//! top-level fragments are counted over the whole stream, whatever identity they belong to).
//!
//! - A record that cannot be this model — a bad value, a missing `Type` or `Value`, a child
//!   twice, an element inside a text-only element, text between the children, an unexpected
//!   attribute, a top-level element that is none of the four — is yielded as an error, and the
//!   reader goes on at the next top-level fragment: later records are still read. An identity
//!   fragment with such an error leaves no identity in force (its records get none rather than
//!   the previous one).
//! - The input ending inside a fragment (a file being appended to) is
//!   [`DecodeError::Truncated`] with the fragment's start and path, the last item: every
//!   complete record before it has been yielded. [`SlmtRecord::end_offset`] tells where to
//!   resume reading once the file has grown.
//! - Not well-formed XML ([`DecodeError::XmlSyntax`]: mismatched end tags, bad characters), a
//!   document type declaration ([`DecodeError::XmlDoctype`]), a read error
//!   ([`DecodeError::Io`]) and a fragment larger than [`SlmtOptions::max_record_bytes`]
//!   ([`DecodeError::RecordTooLarge`], refused before it is held in memory) end the stream.
//!
//! Memory is bounded by one fragment: the event buffer and the text buffer are reused, nothing
//! accumulates (an identity is one allocation shared by its records).
//!
//! ```
//! use iso19770_resource_util::import::slmt::SlmtReader;
//! use iso19770_resource_util::DecodeError;
//!
//! let slmt = "<SchemaVersion>2.1.1</SchemaVersion>
//! <SoftwareIdentity><PersistentId>b1a0</PersistentId><Name>ODM</Name><InstanceId>/usr/IBM/TAMIT</InstanceId></SoftwareIdentity>
//! <Metric logTime=\"2019-07-18T16:39:34+02:00\"><Type>VU_VALUE_UNIT</Type><SubType>MILLION_MONTHLY_DECISIONS</SubType>
//!   <Value>1.235</Value><Period><StartTime>2019-07-18T16:39:34+02:00</StartTime><EndTime>2019-07-18T16:39:34+02:00</EndTime></Period></Metric>
//! <Metric logTime=\"2019-07-19T14:32:21+02:00\"><Type>VU_VALUE_UNIT</Type><SubType></SubType><Value>23.4";
//! let mut records = SlmtReader::new(slmt.as_bytes());
//! let first = records.next().expect("a record")?;
//! assert_eq!(first.schema_version.as_deref(), Some("2.1.1"));
//! assert_eq!(first.asset.as_ref().and_then(|a| a.name.as_deref()), Some("ODM"));
//! assert_eq!(first.measurement.value.to_string(), "1.235");
//! assert_eq!(first.measurement.subtype.as_deref(), Some("MILLION_MONTHLY_DECISIONS"));
//! // The file is still being written: the second record is cut.
//! let cut = records.next().expect("an error").unwrap_err();
//! assert!(matches!(cut, DecodeError::Truncated { .. }));
//! assert_eq!((cut.position().line(), cut.path().to_string()), (Some(5), "Metric[2]".to_owned()));
//! assert!(records.next().is_none());
//! # Ok::<(), DecodeError>(())
//! ```

use super::{Pos, Source, is_space};
use crate::{DecodeError, MeasuredAsset, Measurement, Meta, Rum};
use iso19770_core::decimal::{self, Decimal};
use iso19770_core::{ForeignAttribute, ForeignElement, Location, Path, PathSegment, Position, Timestamp};
use quick_xml::XmlVersion;
use quick_xml::errors::{Error as XmlError, SyntaxError};
use quick_xml::events::{BytesRef, BytesStart, Event};
use quick_xml::reader::Reader;
use std::borrow::Cow;
use std::io::BufRead;
use std::iter::FusedIterator;
use std::sync::Arc;

/// Limits of an [`SlmtReader`].
///
/// ```
/// use iso19770_resource_util::import::slmt::SlmtOptions;
///
/// let options = SlmtOptions::default().with_max_record_bytes(64 * 1024);
/// assert_eq!(options.max_record_bytes, 65_536);
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct SlmtOptions {
    /// The largest top-level fragment (a `Metric` with everything in it, a comment between
    /// fragments), in bytes; a larger one is [`DecodeError::RecordTooLarge`]. Default 1 MiB (an
    /// IBM record is a few hundred bytes).
    pub max_record_bytes: usize,
}

impl Default for SlmtOptions {
    fn default() -> Self {
        SlmtOptions { max_record_bytes: 1 << 20 }
    }
}

impl SlmtOptions {
    /// The same options with this record limit.
    #[must_use]
    pub fn with_max_record_bytes(mut self, max_record_bytes: usize) -> Self {
        self.max_record_bytes = max_record_bytes;
        self
    }
}

/// One `<Metric>` of an SLMT stream, with the identity in force where it stands.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SlmtRecord {
    /// The last `SchemaVersion` before the record (`2.1.1`).
    pub schema_version: Option<Arc<str>>,
    /// The last `SoftwareIdentity` or `Product` before the record, shared by the records of its
    /// context; `None` when none is in force.
    pub asset: Option<Arc<MeasuredAsset>>,
    /// The measurement.
    pub measurement: Measurement,
    /// Where the `<Metric>` start tag is.
    pub position: Position,
    /// The record's number among the stream's `Metric` fragments, from 1 (the `n` of the path
    /// `Metric[n]`).
    pub index: usize,
    /// The byte offset just past the record's end tag: a reader of a file still being written
    /// can resume there.
    pub end_offset: u64,
}

impl SlmtRecord {
    /// The record's path in the stream (`Metric[n]`).
    pub fn path(&self) -> Path {
        Path::from_segments([PathSegment::element("Metric", self.index)])
    }
}

/// The four top-level fragments, and the rest.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    SchemaVersion,
    SoftwareIdentity,
    Product,
    Metric,
    Other,
}

impl Kind {
    fn of(name: &str) -> Kind {
        match name {
            "SchemaVersion" => Kind::SchemaVersion,
            "SoftwareIdentity" => Kind::SoftwareIdentity,
            "Product" => Kind::Product,
            "Metric" => Kind::Metric,
            _ => Kind::Other,
        }
    }

    fn name(self) -> Option<&'static str> {
        match self {
            Kind::SchemaVersion => Some("SchemaVersion"),
            Kind::SoftwareIdentity => Some("SoftwareIdentity"),
            Kind::Product => Some("Product"),
            Kind::Metric => Some("Metric"),
            Kind::Other => None,
        }
    }
}

/// The top-level fragment being read.
struct Fragment {
    name: Cow<'static, str>,
    index: usize,
    start: Pos,
}

impl Fragment {
    fn path(&self) -> Path {
        Path::from_segments([PathSegment::element(self.name.to_string(), self.index)])
    }
}

/// How many fragments of each name the stream had so far (XPath-style positions).
#[derive(Default)]
struct Counts {
    known: [usize; 4],
    /// Other names, up to [`MAX_COUNTED_NAMES`] of them.
    other: Vec<(String, usize)>,
}

/// Distinct unknown top-level names counted for paths; beyond, they are shown without a number.
const MAX_COUNTED_NAMES: usize = 64;

impl Counts {
    fn bump(&mut self, kind: Kind, name: &str) -> usize {
        let slot = match kind {
            Kind::SchemaVersion => 0,
            Kind::SoftwareIdentity => 1,
            Kind::Product => 2,
            Kind::Metric => 3,
            Kind::Other => {
                if let Some((_, n)) = self.other.iter_mut().find(|(o, _)| o == name) {
                    *n += 1;
                    return *n;
                }
                if self.other.len() < MAX_COUNTED_NAMES {
                    self.other.push((name.to_owned(), 1));
                }
                return 1;
            }
        };
        self.known[slot] += 1;
        self.known[slot]
    }
}

/// What one top-level fragment gave.
#[allow(clippy::large_enum_variant)] // returned at once, never stored: boxing would cost an allocation per record
enum Item {
    Record(SlmtRecord),
    /// A `SchemaVersion` or identity fragment: the context changed.
    Context {
        at: Location,
        kind: Kind,
    },
}

/// An error, and whether the reader can go on at the next fragment.
enum Fail {
    Record(DecodeError),
    Fatal(DecodeError),
}

/// The attributes of a start tag, with one of them taken out by name.
struct Attributes {
    taken: Option<String>,
    rest: Vec<ForeignAttribute>,
}

/// A reader of an SLMT fragment stream: an iterator of records, one `Metric` at a time.
///
/// See the [module documentation](self) for the mapping and the errors.
///
/// ```
/// use iso19770_resource_util::import::slmt::SlmtReader;
///
/// let slmt = "<!-- rotated 2020-04-30 -->
/// <SchemaVersion>2.1.1</SchemaVersion>
/// <Product><ProductName>LSF Standard 10.1</ProductName><PersistentId>$swidtag</PersistentId></Product>
/// <Metric logTime=\"$the_date\"><Type>RESOURCE_VALUE_UNIT</Type><SubType>Peak Cores</SubType><Value>$numMaxCores</Value></Metric>
/// <Metric logTime=\"2020-04-30T22:33:20Z\"><Type>RESOURCE_VALUE_UNIT</Type><SubType>Peak Cores</SubType><Value>16</Value></Metric>";
/// let items: Vec<_> = SlmtReader::new(slmt.as_bytes()).collect();
/// // The template's variable is an error of its record; the reader goes on.
/// let bad = items[0].as_ref().unwrap_err();
/// assert_eq!(bad.path().to_string(), "Metric/Value");
/// assert_eq!(bad.position().line(), Some(4));
/// let good = items[1].as_ref().expect("the second record");
/// assert_eq!(good.measurement.value.to_string(), "16");
/// assert_eq!(good.asset.as_ref().and_then(|a| a.name.as_deref()), Some("LSF Standard 10.1"));
/// assert_eq!(items.len(), 2);
/// ```
pub struct SlmtReader<R: BufRead> {
    xml: Reader<Source<R>>,
    buf: Vec<u8>,
    text: String,
    limit: usize,
    schema_version: Option<Arc<str>>,
    asset: Option<Arc<MeasuredAsset>>,
    counts: Counts,
    depth: usize,
    fragment: Option<Fragment>,
    done: bool,
}

impl<R: BufRead> SlmtReader<R> {
    /// A reader of `input` with the default limits.
    pub fn new(input: R) -> Self {
        Self::with_options(input, &SlmtOptions::default())
    }

    /// A reader of `input` with these limits.
    pub fn with_options(input: R, options: &SlmtOptions) -> Self {
        let mut xml = Reader::from_reader(Source::new(input, options.max_record_bytes));
        let config = xml.config_mut();
        config.check_end_names = true;
        config.expand_empty_elements = false;
        config.trim_text(false);
        SlmtReader {
            xml,
            buf: Vec::new(),
            text: String::new(),
            limit: options.max_record_bytes,
            schema_version: None,
            asset: None,
            counts: Counts::default(),
            depth: 0,
            fragment: None,
            done: false,
        }
    }

    /// The schema version in force.
    pub fn schema_version(&self) -> Option<&Arc<str>> {
        self.schema_version.as_ref()
    }

    /// The identity in force.
    pub fn asset(&self) -> Option<&Arc<MeasuredAsset>> {
        self.asset.as_ref()
    }

    /// Where the reader stands: the position of the next byte to read.
    pub fn position(&self) -> Position {
        self.xml.get_ref().pos().position()
    }

    /// The input, where reading stopped.
    pub fn into_inner(self) -> R {
        self.xml.into_inner().into_inner()
    }

    /// The next record or context change.
    fn next_item(&mut self) -> Option<Result<Item, DecodeError>> {
        let mut buf = std::mem::take(&mut self.buf);
        let item = self.next_item_with(&mut buf);
        buf.clear();
        self.buf = buf;
        item
    }

    fn next_item_with(&mut self, buf: &mut Vec<u8>) -> Option<Result<Item, DecodeError>> {
        if self.done {
            return None;
        }
        loop {
            self.fragment = None;
            self.xml.get_mut().begin_record();
            let (event, at) = match self.read(buf) {
                Ok(read) => read,
                Err(fail) => return Some(Err(self.fail(fail))),
            };
            let empty = matches!(event, Event::Empty(_));
            let (kind, index, attributes) = match event {
                Event::Eof => {
                    self.done = true;
                    return None;
                }
                Event::Text(t) if t.bytes().all(is_space) => continue,
                Event::Comment(_) | Event::PI(_) | Event::Decl(_) => continue,
                Event::Text(_) | Event::CData(_) | Event::GeneralRef(_) => {
                    return Some(Err(syntax(at, Path::default(), "text outside the fragments")));
                }
                Event::End(_) | Event::DocType(_) => {
                    // quick-xml refuses an unmatched end tag; `read` refuses a DTD.
                    self.done = true;
                    return Some(Err(syntax(at, Path::default(), "unexpected markup between the fragments")));
                }
                Event::Start(s) | Event::Empty(s) => {
                    let name = s.name().0;
                    let kind = Kind::of(name);
                    let index = self.counts.bump(kind, name);
                    let fragment_name = kind.name().map_or_else(|| Cow::Owned(name.to_owned()), Cow::Borrowed);
                    self.fragment = Some(Fragment { name: fragment_name, index, start: at });
                    let attributes = match kind {
                        Kind::Metric => attributes(&s, Some("logTime")),
                        Kind::Other => Ok(Attributes { taken: None, rest: Vec::new() }),
                        _ => attributes(&s, None),
                    };
                    (kind, index, attributes)
                }
            };
            let result = match attributes {
                Err(message) => Err(Fail::Record(syntax(at, self.fragment_path(), &message))),
                Ok(attributes) => match kind {
                    Kind::SchemaVersion => self.read_schema_version(buf, index, at, &attributes, empty),
                    Kind::SoftwareIdentity | Kind::Product => {
                        self.read_identity(buf, kind, index, at, attributes, empty)
                    }
                    Kind::Metric => self.read_metric(buf, index, at, attributes, empty),
                    Kind::Other => Err(Fail::Record(DecodeError::XmlUnexpectedElement {
                        at: Box::new(Location::new(at.position(), self.fragment_path())),
                        expected: "SchemaVersion, SoftwareIdentity, Product or Metric".into(),
                        found: self.fragment.as_ref().map(|f| f.name.to_string()).unwrap_or_default(),
                    })),
                },
            };
            return Some(match result {
                Ok(item) => Ok(item),
                Err(Fail::Record(e)) => match self.skip_fragment(buf) {
                    Ok(()) => Err(e),
                    Err(fail) => Err(self.fail(fail)),
                },
                Err(fail) => Err(self.fail(fail)),
            });
        }
    }

    /// The error of a failure; a fatal one ends the stream.
    fn fail(&mut self, fail: Fail) -> DecodeError {
        match fail {
            Fail::Record(e) => e,
            Fail::Fatal(e) => {
                self.done = true;
                e
            }
        }
    }

    fn fragment_path(&self) -> Path {
        self.fragment.as_ref().map(Fragment::path).unwrap_or_default()
    }

    /// The next event and where it starts; the end of the input inside a fragment, a DTD and
    /// quick-xml's errors are fatal.
    fn read<'b>(&mut self, buf: &'b mut Vec<u8>) -> Result<(Event<'b>, Pos), Fail> {
        buf.clear();
        let at = self.xml.get_mut().start_pos();
        self.xml.get_mut().hit_eof = false;
        match self.xml.read_event_into(buf) {
            Ok(event) => {
                match &event {
                    Event::Start(_) => self.depth += 1,
                    Event::End(_) => self.depth = self.depth.saturating_sub(1),
                    Event::Eof if self.depth > 0 => return Err(Fail::Fatal(self.truncated(at, "an element"))),
                    Event::DocType(_) => {
                        return Err(Fail::Fatal(DecodeError::XmlDoctype {
                            at: Box::new(Location::new(at.position(), self.fragment_path())),
                        }));
                    }
                    _ => {}
                }
                Ok((event, at))
            }
            Err(e) => Err(Fail::Fatal(self.xml_error(&e, at))),
        }
    }

    /// The input ends inside the fragment (or, between fragments, inside `what`).
    fn truncated(&self, at: Pos, what: &str) -> DecodeError {
        match &self.fragment {
            Some(f) => DecodeError::Truncated {
                at: Box::new(Location::new(f.start.position(), f.path())),
                inside: f.name.to_string(),
            },
            None => DecodeError::Truncated {
                at: Box::new(Location::new(at.position(), Path::default())),
                inside: what.into(),
            },
        }
    }

    fn xml_error(&self, e: &XmlError, at: Pos) -> DecodeError {
        let source = self.xml.get_ref();
        if source.over_limit {
            let start = self.fragment.as_ref().map_or(at, |f| f.start);
            return DecodeError::RecordTooLarge {
                at: Box::new(Location::new(start.position(), self.fragment_path())),
                limit: self.limit,
            };
        }
        if source.hit_eof {
            let what = match e {
                XmlError::Syntax(SyntaxError::UnclosedComment) => "a comment",
                XmlError::Syntax(SyntaxError::UnclosedPI | SyntaxError::UnclosedXmlDecl) => "a processing instruction",
                XmlError::Syntax(SyntaxError::UnclosedCData) => "a CDATA section",
                XmlError::Syntax(SyntaxError::UnclosedDoctype) => "a document type declaration",
                XmlError::Syntax(SyntaxError::InvalidBangMarkup) => "markup",
                XmlError::Syntax(_) => "a tag",
                _ => "text",
            };
            return self.truncated(at, what);
        }
        match e {
            XmlError::Io(io) => DecodeError::Io {
                at: Box::new(Location::new(at.position(), self.fragment_path())),
                message: io.to_string(),
            },
            other => syntax(at, self.fragment_path(), &other.to_string()),
        }
    }

    /// Reads to the end of the fragment being read.
    fn skip_fragment(&mut self, buf: &mut Vec<u8>) -> Result<(), Fail> {
        while self.depth > 0 {
            self.read(buf)?;
        }
        Ok(())
    }

    /// Reads the text of the element just opened, to its end tag, into `self.text`.
    fn leaf(&mut self, buf: &mut Vec<u8>, empty: bool, path: &[(&str, usize)]) -> Result<(), Fail> {
        self.text.clear();
        if empty {
            return Ok(());
        }
        loop {
            let (event, here) = self.read(buf)?;
            match event {
                Event::End(_) => return Ok(()),
                Event::Text(t) => self.text.push_str(&t.xml10_content()),
                Event::CData(c) => self.text.push_str(&c.xml10_content()),
                Event::GeneralRef(r) => {
                    let Some(text) = resolve(&r) else {
                        let message = format!(
                            "&{}; is neither a predefined entity nor a character reference (no DTD is read)",
                            &*r
                        );
                        return Err(Fail::Record(syntax(here, path_of(path), &message)));
                    };
                    self.text.push_str(&text);
                }
                Event::Start(s) | Event::Empty(s) => {
                    let found = s.name().0.to_owned();
                    let at = path_of(path).join(PathSegment::element(found.clone(), 1));
                    return Err(Fail::Record(DecodeError::XmlUnexpectedElement {
                        at: Box::new(Location::new(here.position(), at)),
                        expected: "text".into(),
                        found,
                    }));
                }
                _ => {}
            }
        }
    }

    /// Keeps the unknown element just opened (its start tag rebuilt as `start`) as its exact
    /// source text.
    fn keep(&mut self, buf: &mut Vec<u8>, name: String, start: String, empty: bool) -> Result<ForeignElement, Fail> {
        if empty {
            return Ok(ForeignElement::new(None, name, start));
        }
        let level = self.depth.saturating_sub(1);
        self.xml.get_mut().start_capture();
        loop {
            let (event, _) = self.read(buf)?;
            if matches!(event, Event::End(_)) && self.depth == level {
                break;
            }
        }
        let rest = self.xml.get_mut().take_capture();
        let mut raw = start;
        raw.push_str(&String::from_utf8_lossy(&rest));
        Ok(ForeignElement::new(None, name, raw))
    }

    fn read_schema_version(
        &mut self,
        buf: &mut Vec<u8>,
        index: usize,
        at: Pos,
        attributes: &Attributes,
        empty: bool,
    ) -> Result<Item, Fail> {
        self.schema_version = None;
        self.asset = None;
        let me = [("SchemaVersion", index)];
        if let Some(a) = attributes.rest.first() {
            return Err(Fail::Record(unknown_attribute(at, &me, &a.name)));
        }
        self.leaf(buf, empty, &me)?;
        let version = trim(&self.text);
        self.schema_version = (!version.is_empty()).then(|| Arc::from(version));
        Ok(Item::Context { at: Location::new(at.position(), path_of(&me)), kind: Kind::SchemaVersion })
    }

    fn read_identity(
        &mut self,
        buf: &mut Vec<u8>,
        kind: Kind,
        index: usize,
        at: Pos,
        attributes: Attributes,
        empty: bool,
    ) -> Result<Item, Fail> {
        self.asset = None;
        let me = (kind.name().unwrap_or_default(), index);
        let mut asset = MeasuredAsset::default();
        asset.extensions.attributes = attributes.rest;
        // PersistentId, Name or ProductName, InstanceId
        let mut seen = [0usize; 3];
        if !empty {
            loop {
                let (event, here) = self.read(buf)?;
                let child = match event {
                    Event::End(_) => break,
                    Event::Start(s) => Child::of(&s, false),
                    Event::Empty(s) => Child::of(&s, true),
                    Event::Text(t) if t.bytes().all(is_space) => continue,
                    Event::Text(_) | Event::CData(_) | Event::GeneralRef(_) => {
                        return Err(Fail::Record(syntax(here, path_of(&[me]), "text between the children")));
                    }
                    _ => continue,
                };
                let slot = match child.name.as_str() {
                    "PersistentId" => 0,
                    "Name" | "ProductName" => 1,
                    "InstanceId" => 2,
                    _ => {
                        asset.extensions.elements.push(self.keep(buf, child.name, child.start, child.empty)?);
                        continue;
                    }
                };
                seen[slot] += 1;
                let name: &str = &child.name;
                let here_path = [me, (name, seen[slot])];
                if let Some(a) = child.attribute {
                    return Err(Fail::Record(unknown_attribute(here, &here_path, &a)));
                }
                if seen[slot] > 1 {
                    return Err(Fail::Record(twice(here, &here_path, name)));
                }
                self.leaf(buf, child.empty, &here_path)?;
                let value = (!self.text.is_empty()).then(|| self.text.clone());
                match slot {
                    0 => asset.persistent_id = value,
                    1 => asset.name = value,
                    _ => asset.instance_id = value,
                }
            }
        }
        self.asset = Some(Arc::new(asset));
        Ok(Item::Context { at: Location::new(at.position(), path_of(&[me])), kind })
    }

    fn read_metric(
        &mut self,
        buf: &mut Vec<u8>,
        index: usize,
        at: Pos,
        attributes: Attributes,
        empty: bool,
    ) -> Result<Item, Fail> {
        let me = ("Metric", index);
        let mut m = Measurement::new(String::new(), Decimal::ZERO);
        m.log_time = attributes.taken.map(|t| Timestamp::from(trim(&t)));
        m.extensions.attributes = attributes.rest;
        // Type, SubType, Value, Period
        let mut seen = [0usize; 4];
        if !empty {
            loop {
                let (event, here) = self.read(buf)?;
                let child = match event {
                    Event::End(_) => break,
                    Event::Start(s) => Child::of(&s, false),
                    Event::Empty(s) => Child::of(&s, true),
                    Event::Text(t) if t.bytes().all(is_space) => continue,
                    Event::Text(_) | Event::CData(_) | Event::GeneralRef(_) => {
                        return Err(Fail::Record(syntax(here, path_of(&[me]), "text between the children")));
                    }
                    _ => continue,
                };
                let slot = match child.name.as_str() {
                    "Type" => 0,
                    "SubType" => 1,
                    "Value" => 2,
                    "Period" => 3,
                    _ => {
                        m.extensions.elements.push(self.keep(buf, child.name, child.start, child.empty)?);
                        continue;
                    }
                };
                seen[slot] += 1;
                let name: &str = &child.name;
                let here_path = [me, (name, seen[slot])];
                if let Some(a) = child.attribute {
                    return Err(Fail::Record(unknown_attribute(here, &here_path, &a)));
                }
                if seen[slot] > 1 {
                    return Err(Fail::Record(twice(here, &here_path, name)));
                }
                if slot == 3 {
                    self.read_period(buf, &mut m, me, child.empty)?;
                    continue;
                }
                self.leaf(buf, child.empty, &here_path)?;
                match slot {
                    0 => m.metric.clone_from(&self.text),
                    1 => m.subtype = (!trim(&self.text).is_empty()).then(|| self.text.clone()),
                    _ => {
                        m.value = decimal::parse(trim(&self.text)).map_err(|e| {
                            Fail::Record(DecodeError::BadValue {
                                at: Box::new(Location::new(here.position(), path_of(&here_path))),
                                value: self.text.clone(),
                                message: e.to_string(),
                            })
                        })?;
                    }
                }
            }
        }
        for (slot, name) in [(0, "Type"), (2, "Value")] {
            if seen[slot] == 0 {
                return Err(Fail::Record(DecodeError::XmlMissing {
                    at: Box::new(Location::new(at.position(), path_of(&[me]))),
                    name,
                }));
            }
        }
        Ok(Item::Record(SlmtRecord {
            schema_version: self.schema_version.clone(),
            asset: self.asset.clone(),
            measurement: m,
            position: at.position(),
            index,
            end_offset: self.xml.get_ref().pos().offset,
        }))
    }

    fn read_period(
        &mut self,
        buf: &mut Vec<u8>,
        m: &mut Measurement,
        metric: (&str, usize),
        empty: bool,
    ) -> Result<(), Fail> {
        let me = [metric, ("Period", 1)];
        let mut seen = [0usize; 2];
        if empty {
            return Ok(());
        }
        loop {
            let (event, here) = self.read(buf)?;
            let child = match event {
                Event::End(_) => return Ok(()),
                Event::Start(s) => Child::of(&s, false),
                Event::Empty(s) => Child::of(&s, true),
                Event::Text(t) if t.bytes().all(is_space) => continue,
                Event::Text(_) | Event::CData(_) | Event::GeneralRef(_) => {
                    return Err(Fail::Record(syntax(here, path_of(&me), "text between the children")));
                }
                _ => continue,
            };
            let slot = match child.name.as_str() {
                "StartTime" => 0,
                "EndTime" => 1,
                _ => {
                    m.extensions.elements.push(self.keep(buf, child.name, child.start, child.empty)?);
                    continue;
                }
            };
            seen[slot] += 1;
            let name: &str = &child.name;
            let here_path = [me[0], me[1], (name, seen[slot])];
            if let Some(a) = child.attribute {
                return Err(Fail::Record(unknown_attribute(here, &here_path, &a)));
            }
            if seen[slot] > 1 {
                return Err(Fail::Record(twice(here, &here_path, name)));
            }
            self.leaf(buf, child.empty, &here_path)?;
            let time = trim(&self.text);
            let time = (!time.is_empty()).then(|| Timestamp::from(time));
            if slot == 0 {
                m.start = time;
            } else {
                m.end = time;
            }
        }
    }
}

impl<R: BufRead> Iterator for SlmtReader<R> {
    type Item = Result<SlmtRecord, DecodeError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            match self.next_item()? {
                Ok(Item::Record(record)) => return Some(Ok(record)),
                Ok(Item::Context { .. }) => {}
                Err(e) => return Some(Err(e)),
            }
        }
    }
}

impl<R: BufRead> FusedIterator for SlmtReader<R> {}

impl<R: BufRead> std::fmt::Debug for SlmtReader<R> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SlmtReader")
            .field("position", &self.position())
            .field("schema_version", &self.schema_version)
            .field("asset", &self.asset)
            .field("done", &self.done)
            .finish_non_exhaustive()
    }
}

/// A child element's start tag, taken apart before its event's buffer is reused.
struct Child {
    name: String,
    /// The start tag as written (for a kept element).
    start: String,
    empty: bool,
    /// The name of its first attribute, if any.
    attribute: Option<String>,
}

impl Child {
    fn of(s: &BytesStart<'_>, empty: bool) -> Child {
        let name = s.name().0.to_owned();
        let known = matches!(
            name.as_str(),
            "Type"
                | "SubType"
                | "Value"
                | "Period"
                | "StartTime"
                | "EndTime"
                | "PersistentId"
                | "Name"
                | "ProductName"
                | "InstanceId"
        );
        let start = if known {
            String::new()
        } else if empty {
            format!("<{}/>", &**s)
        } else {
            format!("<{}>", &**s)
        };
        let attribute = match s.attributes().next() {
            None => None,
            Some(Ok(a)) => Some(a.key.0.to_owned()),
            Some(Err(_)) => Some(trim(s.attributes_raw()).to_owned()),
        };
        Child { name, start, empty, attribute }
    }
}

/// The attributes of a start tag, `take` taken out.
fn attributes(s: &BytesStart<'_>, take: Option<&str>) -> Result<Attributes, String> {
    let mut out = Attributes { taken: None, rest: Vec::new() };
    for a in s.attributes() {
        let a = a.map_err(|e| e.to_string())?;
        let value = a.normalized_value(XmlVersion::Implicit1_0).map_err(|e| e.to_string())?;
        let key = a.key.0;
        if Some(key) == take {
            out.taken = Some(value.into_owned());
        } else {
            out.rest.push(ForeignAttribute::new(None, key, value.into_owned()));
        }
    }
    Ok(out)
}

/// The text of a reference: a predefined entity or a character reference.
fn resolve(r: &BytesRef<'_>) -> Option<String> {
    match r.resolve_char_ref() {
        Ok(Some(c)) => Some(c.to_string()),
        Ok(None) => quick_xml::escape::resolve_predefined_entity(r).map(str::to_owned),
        Err(_) => None,
    }
}

/// `text` without the XML white space around it.
fn trim(text: &str) -> &str {
    text.trim_matches(|c: char| c.is_ascii() && is_space(c as u8))
}

/// A path of elements with their positions.
fn path_of(steps: &[(&str, usize)]) -> Path {
    Path::from_segments(steps.iter().map(|&(name, n)| PathSegment::element(name, n)))
}

fn syntax(at: Pos, path: Path, message: &str) -> DecodeError {
    DecodeError::XmlSyntax { at: Box::new(Location::new(at.position(), path)), message: message.into() }
}

fn unknown_attribute(at: Pos, path: &[(&str, usize)], name: &str) -> DecodeError {
    DecodeError::XmlUnknownAttribute {
        at: Box::new(Location::new(at.position(), path_of(path).join(PathSegment::attribute(name)))),
        name: name.into(),
    }
}

fn twice(at: Pos, path: &[(&str, usize)], name: &str) -> DecodeError {
    DecodeError::XmlUnexpectedElement {
        at: Box::new(Location::new(at.position(), path_of(path))),
        expected: format!("one {name}"),
        found: name.into(),
    }
}

/// Records of one identity context, becoming one [`Rum`].
struct Group {
    schema_version: Option<Arc<str>>,
    asset: Option<Arc<MeasuredAsset>>,
    measurements: Vec<Measurement>,
}

impl Group {
    fn is(&self, schema_version: Option<&Arc<str>>, asset: Option<&Arc<MeasuredAsset>>) -> bool {
        self.schema_version.as_ref() == schema_version && self.asset.as_ref() == asset
    }

    fn into_rum(self) -> Rum {
        let persistent_id = self.asset.as_ref().and_then(|a| a.persistent_id.as_deref()).unwrap_or_default();
        let first = self.measurements.iter().find_map(|m| m.log_time.as_ref()).map(ToString::to_string);
        let mut rum = Rum::new(format!("{persistent_id}@{}", first.unwrap_or_default()));
        if let Some(version) = self.schema_version {
            rum.meta.push(Meta { schema_version: Some(version.to_string()), ..Meta::default() });
        }
        rum.asset = self.asset.map(Arc::unwrap_or_clone);
        rum.measurements = self.measurements;
        rum
    }
}

/// Reads a stream into one [`Rum`] per identity context, or only the first.
fn collect<R: BufRead>(input: R, options: &SlmtOptions, only_one: bool) -> (Vec<Rum>, Option<DecodeError>) {
    let mut reader = SlmtReader::with_options(input, options);
    let mut groups: Vec<Group> = Vec::new();
    let error = loop {
        let item = match reader.next_item() {
            None => break None,
            Some(Err(e)) => break Some(e),
            Some(Ok(item)) => item,
        };
        let (at, found, schema_version, asset) = match &item {
            // The identity that follows decides.
            Item::Context { kind: Kind::SchemaVersion, .. } => continue,
            Item::Context { at, kind } => {
                (at.clone(), kind.name().unwrap_or_default(), reader.schema_version.clone(), reader.asset.clone())
            }
            Item::Record(r) => {
                (Location::new(r.position, r.path()), "Metric", r.schema_version.clone(), r.asset.clone())
            }
        };
        if !groups.last().is_some_and(|g| g.is(schema_version.as_ref(), asset.as_ref())) {
            if only_one && !groups.is_empty() {
                break Some(DecodeError::XmlUnexpectedElement {
                    at: Box::new(at),
                    expected: "the identity read first (read_rums reads several)".into(),
                    found: found.into(),
                });
            }
            groups.push(Group { schema_version, asset, measurements: Vec::new() });
        }
        if let (Item::Record(r), Some(group)) = (item, groups.last_mut()) {
            group.measurements.push(r.measurement);
        }
    };
    if only_one && groups.is_empty() {
        groups.push(Group {
            schema_version: reader.schema_version.clone(),
            asset: reader.asset.clone(),
            measurements: Vec::new(),
        });
    }
    (groups.into_iter().map(Group::into_rum).collect(), error)
}

/// Reads a small SLMT file into one [`Rum`]: its identity, schema version and every record,
/// with the first error, if any, after which reading stopped (the records before it are in the
/// RUM: a truncated last record costs only itself).
///
/// The `rum_id` is `<PersistentId>@<logTime of the first Metric>`. Consecutive identity
/// contexts that are equal (concatenated rotations of one product's file) are one RUM; a
/// different identity stops reading with [`DecodeError::XmlUnexpectedElement`] at its
/// fragment ([`read_rums`] reads several).
///
/// ```
/// use iso19770_resource_util::import::slmt::read_rum;
///
/// let slmt = "<SchemaVersion>2.1.1</SchemaVersion>
/// <SoftwareIdentity><PersistentId>a490d40f839049ea881d9aedf8b3d60f</PersistentId><Name>IBM Voice Surveillance Analytics</Name></SoftwareIdentity>
/// <Metric logTime=\"2017-05-17T01:01:41+05:30\"><Type>FEED</Type><SubType>TOTAL_VOICE_SECONDS</SubType><Value>1821</Value></Metric>";
/// let (rum, error) = read_rum(slmt.as_bytes());
/// assert!(error.is_none());
/// assert_eq!(rum.rum_id, "a490d40f839049ea881d9aedf8b3d60f@2017-05-17T01:01:41+05:30");
/// assert_eq!(rum.meta[0].schema_version.as_deref(), Some("2.1.1"));
/// assert_eq!(rum.measurements[0].metric, "FEED");
/// ```
pub fn read_rum<R: BufRead>(input: R) -> (Rum, Option<DecodeError>) {
    let (mut rums, error) = collect(input, &SlmtOptions::default(), true);
    (rums.pop().unwrap_or_default(), error)
}

/// Reads an SLMT stream into one [`Rum`] per identity context (concatenated files of several
/// products), with the first error, if any, after which reading stopped.
///
/// A context starts at each identity fragment that differs from the one in force, and at the
/// first record after a `SchemaVersion` that left none; each RUM's id is derived as in
/// [`read_rum`].
pub fn read_rums<R: BufRead>(input: R) -> (Vec<Rum>, Option<DecodeError>) {
    collect(input, &SlmtOptions::default(), false)
}
