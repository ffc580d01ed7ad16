//! Cisco Smart Licensing Using Policy "RUM reports" (feature `json`; the XML envelope also
//! needs `xml`): the Resource Utilization Measurement reports Cisco devices send to CSSM, read
//! one measurement at a time.
//!
//! A report is a JSON object; its `payload` is an object or, as Cisco writes it, the JSON text
//! of one in a string:
//!
//! ```text
//! {"payload": "{\"asset_identification\": {\"asset\": {\"name\": \"regid.2021-12.com.cisco.N3550_T,1.0_02ed…\"},
//!                \"instance\": {\"sudi\": {\"udi_pid\": \"N35-T-48X\", \"udi_serial_number\": \"EXATRI-A-01828\"}},
//!                \"signature\": {…}},
//!               \"meta\": {\"entitlement_tag\": \"regid.2021-12.com.cisco.NX_OS_ESSENTIALS_Nexus3550_T,1.0_1c46…\",
//!                        \"report_id\": 1659085457, \"software_version\": \"10.2(3)I9(1)\", \"ha_udi\": […]},
//!               \"measurements\": [{\"log_time\": 1659085460, \"metric_name\": \"ENTITLEMENT\",
//!                                 \"start_time\": 1659085460, \"end_time\": 1659085461,
//!                                 \"sample_interval\": 1, \"num_samples\": 1,
//!                                 \"meta\": {\"termination_reason\": \"CurrentUsageRequested\"},
//!                                 \"value\": {\"type\": \"COUNT\", \"value\": \"1\"}}]}",
//!  "header": {"type": "rum"}, "signature": {…}}
//! ```
//!
//! Saved usage files wrap reports in an XML envelope, one JSON text per CDATA section:
//! `<smartLicense><RUMReport><![CDATA[{…}]]></RUMReport>…</smartLicense>`.
//!
//! [`read`] hands each measurement to a [`ReportSink`] as soon as it is read, then the report's
//! head (a [`Rum`] with everything but the measurements); [`read_rums`] collects whole reports.
//!
//! # Mapping
//!
//! | Cisco | model | notes |
//! |---|---|---|
//! | `payload.asset_identification.asset.name` | [`MeasuredAsset::tag_id`] | a SWID tag id (`regid.…`) |
//! | `….instance.sudi.udi_pid`, `….udi_serial_number` | [`MeasuredAsset::device_id`] | `<udi_pid>:<udi_serial_number>` (`N35-T-48X:EXATRI-A-01828`), a part missing left empty |
//! | `….instance.product_instance_identifier` | [`MeasuredAsset::instance_id`] | |
//! | `payload.asset_identification.signature` | the asset's `extensions`, entry `signature` | the object as written |
//! | `payload.meta.entitlement_tag` | a [`Link`] with [`Rel::Entitlement`] to `swid:<tag>` | Cisco's entitlement tags are SWID tag ids; characters a URI cannot hold are percent-encoded (the space a Cisco guide prints in one becomes `%20`) |
//! | `payload.meta.report_id` | [`Meta::report_id`], and [`Rum::rum_id`] | the integer's digits (or the string); the id is empty without one |
//! | `payload.meta.software_version` | [`Meta::software_version`] | |
//! | `payload.meta.ha_udi`, other members of `meta` | the [`Meta`]'s `extensions` | as written |
//! | `payload.measurements[]` | [`Measurement`]s, one at a time | |
//! | `….log_time`, `start_time`, `end_time` | [`Measurement::log_time`], `start`, `end` | [`Timestamp::UnixSeconds`] for an integer (a string is kept as [`Timestamp::DateTime`] text) |
//! | `….metric_name` | [`Measurement::metric`] | required |
//! | `….sample_interval`, `num_samples` | [`Measurement::sample_interval`], `sample_count` | non-negative integers |
//! | `….value.type` | [`Measurement::unit`] | `COUNT` |
//! | `….value.value` | [`Measurement::value`] | required; an exact decimal from the string (`"1"`, `"0.25"`), or an integer; a JSON number with a fraction or an exponent is refused, as it would pass through floating point |
//! | `….meta` | the measurement's `extensions`, entry `meta` | `{"termination_reason": …}` as written |
//! | `header`, `signature`, other top-level members | the [`Rum`]'s `extensions`, under their names | `header.type` other than `rum` is [`DecodeError::NotAReport`]; a report without `header` is read |
//!
//! Any other member is kept in the `extensions` of the model object its Cisco object maps to, as
//! a map entry whose label is its name, prefixed with the Cisco objects in between that have no
//! model counterpart: `payload.x` (on the [`Rum`]), `asset.x`, `instance.x`, `instance.sudi.x`
//! (on the asset), `value.x` (on the measurement). Nothing is guessed: no entity, no
//! aggregation, no `measures` link (the asset has the tag id). Values are [`CborValue`]s, as the
//! JSON form of the model keeps unknown members.
//!
//! # Memory
//!
//! The report is read from the input as it comes (`serde_json` over the reader, the envelope's
//! CDATA section streamed to it byte by byte), and the measurements array element by element:
//! memory is bounded by one measurement, and by the head of the report. A `payload` written as
//! a JSON string — Cisco's way — is held in memory once, as the text it is, while its
//! measurements are read one at a time. [`CiscoOptions::max_record_bytes`] bounds each
//! measurement, each such payload text and the rest of the report.
//!
//! # Errors
//!
//! Errors have the position of the last character the reader had read when it found them —
//! the offending character, or the one just after the offending value (the closing quote of a
//! string, the character after a number) — and the path of the member
//! (`payload/measurements[3]/value/value`, inside an envelope
//! `smartLicense/RUMReport[2]/payload/…`):
//!
//! - [`DecodeError::Json`]: not JSON, or a member of the wrong type; in a payload string,
//!   the message ends with the line and column in the payload's text, while the position is
//!   that of the end of the string in the input.
//! - [`DecodeError::BadValue`]: a `value.value` string that is no exact decimal.
//! - [`DecodeError::NotAReport`]: no `payload`, a `header.type` other than `rum`, an envelope
//!   whose root is not `smartLicense`, a `RUMReport` without a CDATA section, input that is
//!   neither JSON nor XML.
//! - [`DecodeError::Truncated`]: the input ends inside a report (at the report's start, with
//!   the path where it ended; inside an envelope's CDATA section, with the `RUMReport`'s path),
//!   or inside the envelope around complete reports (at its `smartLicense`); what was complete
//!   before the cut has been handed out.
//! - [`DecodeError::RecordTooLarge`], [`DecodeError::Io`], and in the envelope
//!   [`DecodeError::XmlSyntax`] and [`DecodeError::XmlDoctype`].
//!
//! A measurement is handed out as soon as it is read, so a report whose `header.type` comes
//! after its payload, or that is cut, has handed out measurements before the error.
//!
//! ```
//! use iso19770_resource_util::import::cisco::read_rums;
//! use iso19770_resource_util::{Rel, Timestamp};
//!
//! // Cisco writes the payload as the JSON text of an object, in a string.
//! let payload = r#"{"asset_identification": {"asset": {"name": "regid.2021-12.com.cisco.N3550_T,1.0_02ed5969"},
//!     "instance": {"sudi": {"udi_pid": "N35-T-48X", "udi_serial_number": "EXATRI-A-01828"}}},
//!   "meta": {"entitlement_tag": "regid.2021-12.com.cisco.NX_OS_ESSENTIALS,1.0_1c46", "report_id": 1659085457},
//!   "measurements": [{"log_time": 1659085460, "metric_name": "ENTITLEMENT", "start_time": 1659085460,
//!     "end_time": 1659085461, "value": {"type": "COUNT", "value": "1"}}]}"#;
//! let report = serde_json::json!({"payload": payload, "header": {"type": "rum"}}).to_string();
//! let (rums, error) = read_rums(report.as_bytes());
//! assert!(error.is_none());
//! let rum = &rums[0];
//! assert_eq!(rum.rum_id, "1659085457");
//! assert_eq!(rum.asset.as_ref().and_then(|a| a.device_id.as_deref()), Some("N35-T-48X:EXATRI-A-01828"));
//! assert_eq!(rum.links[0].rel, Rel::Entitlement);
//! let m = &rum.measurements[0];
//! assert_eq!((m.metric.as_str(), m.unit.as_deref(), m.value.to_string()), ("ENTITLEMENT", Some("COUNT"), "1".into()));
//! assert_eq!(m.start, Some(Timestamp::UnixSeconds(1_659_085_460)));
//! ```

use super::{Pos, Source, is_space};
use crate::{DecodeError, Link, MeasuredAsset, Measurement, Meta, Rel, Rum};
use iso19770_core::cbor::{CborEntry, CborValue};
use iso19770_core::decimal::{self, Decimal};
use iso19770_core::{Extensions, Label, Location, Path, PathSegment, Timestamp};
use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::fmt::{self, Write as _};
use std::io::{self, BufRead, Read};

/// Limits of the Cisco readers.
///
/// ```
/// use iso19770_resource_util::import::cisco::CiscoOptions;
///
/// assert_eq!(CiscoOptions::default().max_record_bytes, 16 << 20);
/// assert_eq!(CiscoOptions::default().with_max_record_bytes(4096).max_record_bytes, 4096);
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct CiscoOptions {
    /// The largest record, in bytes: one measurement, a payload written as a JSON string, the
    /// rest of a report (its head), a top-level part of an envelope. A larger one is
    /// [`DecodeError::RecordTooLarge`]. Default 16 MiB.
    pub max_record_bytes: usize,
}

impl Default for CiscoOptions {
    fn default() -> Self {
        CiscoOptions { max_record_bytes: 16 << 20 }
    }
}

impl CiscoOptions {
    /// The same options with this record limit.
    #[must_use]
    pub fn with_max_record_bytes(mut self, max_record_bytes: usize) -> Self {
        self.max_record_bytes = max_record_bytes;
        self
    }
}

pub use crate::sink::ReportSink;

/// Reads a RUM report, or an envelope of them, from `input` (JSON when its first character
/// after white space and a byte-order mark is `{`, the XML envelope when it is `<`), handing
/// what it reads to `sink`; gives the number of reports read.
///
/// Without feature `xml`, an envelope is [`DecodeError::NotAReport`].
pub fn read<R: BufRead>(input: R, options: &CiscoOptions, sink: &mut dyn ReportSink) -> Result<usize, DecodeError> {
    let mut source = Source::new(input, usize::MAX);
    let at = skip_space(&mut source)?;
    let first = source.peek(1).map_err(|e| io_error(at, &Path::default(), &e))?.first().copied();
    match first {
        Some(b'{') => report(&mut source, false, &Path::default(), 0, options, sink).map(|()| 1),
        #[cfg(feature = "xml")]
        Some(b'<') => {
            source.set_limit(options.max_record_bytes);
            envelope(&mut source, options, sink)
        }
        #[cfg(not(feature = "xml"))]
        Some(b'<') => Err(not_a_report(at, Path::default(), "an XML envelope, and this build has no feature xml")),
        Some(_) => Err(not_a_report(at, Path::default(), "neither a JSON object nor an XML envelope")),
        None => Err(not_a_report(at, Path::default(), "the input is empty")),
    }
}

/// Reads one RUM report in JSON from `input`, handing what it reads to `sink` (its report
/// number is 0).
pub fn read_json<R: BufRead>(input: R, options: &CiscoOptions, sink: &mut dyn ReportSink) -> Result<(), DecodeError> {
    let mut source = Source::new(input, usize::MAX);
    report(&mut source, false, &Path::default(), 0, options, sink)
}

/// Reads the RUM reports of an XML envelope (`<smartLicense><RUMReport><![CDATA[…]]>…`) from
/// `input`, handing what it reads to `sink`; gives the number of reports read.
///
/// Children of `smartLicense` other than `RUMReport` are skipped; several `smartLicense`
/// elements one after the other (concatenated files) are read in turn.
#[cfg(feature = "xml")]
pub fn read_envelope<R: BufRead>(
    input: R,
    options: &CiscoOptions,
    sink: &mut dyn ReportSink,
) -> Result<usize, DecodeError> {
    let mut source = Source::new(input, options.max_record_bytes);
    envelope(&mut source, options, sink)
}

/// Reads the RUM reports of `input` (JSON or an envelope, as [`read`]) into [`Rum`]s with their
/// measurements, with the first error, if any, after which reading stopped: the reports read
/// before it are given, a report it interrupted is not.
///
/// ```
/// use iso19770_resource_util::import::cisco::read_rums;
/// use iso19770_resource_util::DecodeError;
///
/// let (rums, error) = read_rums(&b"{\"payload\": {\"measurements\": [{\"metric_name\": \"E\", \"value\": {\"value\": \"1e3\"}}]}}"[..]);
/// assert!(rums.is_empty());
/// let error = error.expect("an exponent");
/// assert!(matches!(error, DecodeError::BadValue { .. }));
/// assert_eq!(error.path().to_string(), "payload/measurements[0]/value/value");
/// ```
pub fn read_rums<R: BufRead>(input: R) -> (Vec<Rum>, Option<DecodeError>) {
    let mut collector = Collector::default();
    let error = read(input, &CiscoOptions::default(), &mut collector).err();
    (collector.rums, error)
}

/// Collects whole reports.
#[derive(Default)]
struct Collector {
    rums: Vec<Rum>,
    pending: Vec<Measurement>,
}

impl ReportSink for Collector {
    fn measurement(&mut self, _report: usize, measurement: Measurement) {
        self.pending.push(measurement);
    }

    fn report(&mut self, _report: usize, mut head: Rum) {
        head.measurements = std::mem::take(&mut self.pending);
        self.rums.push(head);
    }
}

/// Consumes white space; gives the place of what follows.
fn skip_space<R: BufRead>(source: &mut Source<R>) -> Result<Pos, DecodeError> {
    loop {
        let at = source.start_pos();
        match source.peek(1).map_err(|e| io_error(at, &Path::default(), &e))?.first() {
            Some(&b) if is_space(b) => source.consume(1),
            _ => return Ok(at),
        }
    }
}

fn io_error(at: Pos, path: &Path, e: &io::Error) -> DecodeError {
    DecodeError::Io { at: Box::new(Location::new(at.position(), path.clone())), message: e.to_string() }
}

fn not_a_report(at: Pos, path: Path, message: &str) -> DecodeError {
    DecodeError::NotAReport { at: Box::new(Location::new(at.position(), path)), message: message.into() }
}

// ---------------------------------------------------------------------------------------------
// Bytes to serde_json, with their places

/// The bytes of one JSON text, handed to `serde_json` one at a time so that the place of the
/// last one is known; with `cdata`, up to the `]]>` that ends a CDATA section.
struct JsonBytes<'a, R> {
    source: &'a mut Source<R>,
    cdata: bool,
    /// `]` held back until it is known whether they start `]]>`.
    held: Vec<(u8, Pos)>,
    pending: VecDeque<(u8, Pos)>,
    ended: bool,
    /// The input ended before `]]>`.
    unclosed: bool,
    last: &'a Cell<Pos>,
    first: Option<&'a Cell<Option<Pos>>>,
    budget: Option<&'a Budget>,
}

impl<'a, R: BufRead> JsonBytes<'a, R> {
    fn new(source: &'a mut Source<R>, cdata: bool, last: &'a Cell<Pos>) -> Self {
        JsonBytes {
            source,
            cdata,
            held: Vec::new(),
            pending: VecDeque::new(),
            ended: false,
            unclosed: false,
            last,
            first: None,
            budget: None,
        }
    }

    fn next(&mut self) -> io::Result<Option<(u8, Pos)>> {
        if let Some(b) = self.pending.pop_front() {
            return Ok(Some(b));
        }
        if self.ended {
            return Ok(None);
        }
        loop {
            let Some((b, at)) = self.source.next_byte()? else {
                self.ended = true;
                self.unclosed = self.cdata;
                self.pending.extend(self.held.drain(..));
                return Ok(self.pending.pop_front());
            };
            if !self.cdata {
                return Ok(Some((b, at)));
            }
            match b {
                b']' => {
                    self.held.push((b, at));
                    if self.held.len() > 2 {
                        return Ok(Some(self.held.remove(0)));
                    }
                }
                b'>' if self.held.len() == 2 => {
                    self.held.clear();
                    self.ended = true;
                    return Ok(None);
                }
                _ => {
                    self.pending.extend(self.held.drain(..));
                    self.pending.push_back((b, at));
                    return Ok(self.pending.pop_front());
                }
            }
        }
    }
}

impl<R: BufRead> Read for JsonBytes<'_, R> {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        if out.is_empty() {
            return Ok(0);
        }
        if let Some(budget) = self.budget {
            if budget.room.get() == 0 {
                budget.over.set(true);
                return Err(io::Error::other("the record limit is reached"));
            }
            budget.room.set(budget.room.get() - 1);
        }
        let Some((b, at)) = self.next()? else { return Ok(0) };
        self.last.set(at);
        if let Some(first) = self.first
            && first.get().is_none()
            && !is_space(b)
        {
            first.set(Some(at));
        }
        out[0] = b;
        Ok(1)
    }
}

/// The bytes a record may still take.
struct Budget {
    room: Cell<usize>,
    limit: usize,
    over: Cell<bool>,
}

// ---------------------------------------------------------------------------------------------
// The reading context shared by the seeds

/// One step of the member path.
enum Seg {
    Key(&'static str),
    Name(String),
    Index(usize),
}

struct Ctx<'s> {
    base: Path,
    path: RefCell<Vec<Seg>>,
    /// The last byte handed to the parser of the report.
    last: Cell<Pos>,
    /// The last byte handed to the parser of a payload string's text.
    inner_last: Cell<Pos>,
    in_payload_text: Cell<bool>,
    /// The report's first byte.
    first: Cell<Option<Pos>>,
    record_start: Cell<Pos>,
    budget: Budget,
    /// Where the reader stood (in the report, in a payload text) when an error first reached
    /// a seed: `serde_json` reads on while it unwinds (the ends of the enclosing objects).
    frozen: Cell<Option<(Pos, Pos)>>,
    /// An error found by a seed, more exact than what `serde_json` makes of it.
    failure: RefCell<Option<DecodeError>>,
    rum: RefCell<Rum>,
    saw_payload: Cell<bool>,
    report: usize,
    sink: RefCell<&'s mut dyn ReportSink>,
}

impl<'s> Ctx<'s> {
    fn new(base: &Path, start: Pos, report: usize, limit: usize, sink: &'s mut dyn ReportSink) -> Self {
        Ctx {
            base: base.clone(),
            path: RefCell::new(Vec::new()),
            last: Cell::new(start),
            inner_last: Cell::new(Pos::START),
            in_payload_text: Cell::new(false),
            first: Cell::new(None),
            record_start: Cell::new(start),
            budget: Budget { room: Cell::new(limit), limit, over: Cell::new(false) },
            frozen: Cell::new(None),
            failure: RefCell::new(None),
            rum: RefCell::new(Rum::default()),
            saw_payload: Cell::new(false),
            report,
            sink: RefCell::new(sink),
        }
    }

    fn enter(&self, seg: Seg) {
        self.path.borrow_mut().push(seg);
    }

    fn leave(&self) {
        self.path.borrow_mut().pop();
    }

    fn path(&self) -> Path {
        let mut path = self.base.clone();
        for seg in self.path.borrow().iter() {
            path.push(match seg {
                Seg::Key(k) => PathSegment::key(*k),
                Seg::Name(n) => PathSegment::key(n.clone()),
                Seg::Index(i) => PathSegment::Index(*i),
            });
        }
        path
    }

    fn here(&self) -> Box<Location> {
        Box::new(Location::new(self.last.get().position(), self.path()))
    }

    /// Notes where an error of `serde_json` reached a seed, the first time.
    fn check<T, E>(&self, result: Result<T, E>) -> Result<T, E> {
        if result.is_err() && self.frozen.get().is_none() {
            self.frozen.set(Some((self.last.get(), self.inner_last.get())));
        }
        result
    }

    /// A [`DecodeError::Json`] of `serde_json`'s error, where it was found.
    fn json(&self, e: &serde_json::Error) -> DecodeError {
        let (last, inner) = self.frozen.get().unwrap_or((self.last.get(), self.inner_last.get()));
        let text = if self.in_payload_text.get() { in_payload_text(inner) } else { String::new() };
        DecodeError::Json { at: Box::new(Location::new(last.position(), self.path())), message: message(e) + &text }
    }

    /// Starts a record: the budget is renewed.
    fn begin_record(&self) {
        self.budget.room.set(self.budget.limit);
        self.record_start.set(self.last.get());
    }

    /// In a payload string, where in its text.
    fn in_text(&self) -> String {
        if self.in_payload_text.get() { in_payload_text(self.inner_last.get()) } else { String::new() }
    }

    /// Records `error` and gives serde an error to unwind with.
    fn fail<E: de::Error>(&self, error: DecodeError) -> E {
        let message = error.to_string();
        *self.failure.borrow_mut() = Some(error);
        E::custom(message)
    }

    fn json_error<E: de::Error>(&self, message: impl fmt::Display) -> E {
        self.fail(DecodeError::Json { at: self.here(), message: format!("{message}{}", self.in_text()) })
    }

    /// The error of a mapped object, at `rel` below the current path.
    fn tree_error<E: de::Error>(&self, (rel, message): TreeError) -> E {
        for key in rel {
            self.enter(Seg::Key(key));
        }
        self.json_error(message)
    }

    /// The decode error of what `serde_json` failed with.
    fn finish(&self, e: &serde_json::Error, truncated: bool) -> DecodeError {
        if let Some(failure) = self.failure.borrow_mut().take() {
            return failure;
        }
        if self.budget.over.get() {
            return DecodeError::RecordTooLarge {
                at: Box::new(Location::new(self.record_start.get().position(), self.path())),
                limit: self.budget.limit,
            };
        }
        if e.is_io() {
            let last = self.frozen.get().map_or(self.last.get(), |(last, _)| last);
            return DecodeError::Io { at: Box::new(Location::new(last.position(), self.path())), message: message(e) };
        }
        if e.is_eof() && truncated {
            let start = self.first.get().unwrap_or(self.last.get());
            return DecodeError::Truncated {
                at: Box::new(Location::new(start.position(), self.path())),
                inside: "a RUM report".into(),
            };
        }
        self.json(e)
    }
}

/// Where in a payload string's text, for a message.
fn in_payload_text(at: Pos) -> String {
    format!(" (line {}, column {} of the payload text)", at.line, at.column)
}

/// `serde_json`'s message without the line and column it appends.
fn message(e: &serde_json::Error) -> String {
    let text = e.to_string();
    let suffix = format!(" at line {} column {}", e.line(), e.column());
    match text.strip_suffix(&suffix) {
        Some(m) => m.to_owned(),
        None => text,
    }
}

/// Reads one report (a JSON text, or the JSON of a CDATA section) and hands it to the sink.
fn report<R: BufRead>(
    source: &mut Source<R>,
    cdata: bool,
    base: &Path,
    index: usize,
    options: &CiscoOptions,
    sink: &mut dyn ReportSink,
) -> Result<(), DecodeError> {
    let start = source.start_pos();
    let ctx = Ctx::new(base, start, index, options.max_record_bytes, sink);
    let mut bytes = JsonBytes::new(source, cdata, &ctx.last);
    bytes.first = Some(&ctx.first);
    bytes.budget = Some(&ctx.budget);
    let result = {
        let mut de = serde_json::Deserializer::from_reader(&mut bytes);
        ReportSeed(&ctx).deserialize(&mut de).and_then(|()| de.end())
    };
    let unclosed = bytes.unclosed;
    let start = ctx.first.get().unwrap_or(start);
    let cut = || DecodeError::Truncated {
        at: Box::new(Location::new(start.position(), base.clone())),
        inside: "a CDATA section".into(),
    };
    if let Err(e) = result {
        // What the input holds before a cut CDATA section cannot be judged as a whole.
        let error = ctx.finish(&e, !cdata);
        return Err(match error {
            DecodeError::Json { .. } | DecodeError::Truncated { .. } if unclosed => cut(),
            other => other,
        });
    }
    if unclosed {
        return Err(cut());
    }
    if !ctx.saw_payload.get() {
        return Err(not_a_report(start, base.clone(), "the report has no payload"));
    }
    let rum = ctx.rum.into_inner();
    ctx.sink.into_inner().report(index, rum);
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Seeds: the report, the payload, the measurements

/// The top-level object.
struct ReportSeed<'c, 's>(&'c Ctx<'s>);

impl<'de> DeserializeSeed<'de> for ReportSeed<'_, '_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for ReportSeed<'_, '_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a RUM report object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let ctx = self.0;
        while let Some(key) = ctx.check(map.next_key::<String>())? {
            if key == "payload" {
                ctx.enter(Seg::Key("payload"));
                if ctx.saw_payload.get() {
                    return Err(ctx.json_error("the member payload appears twice"));
                }
                ctx.check(map.next_value_seed(PayloadSeed(ctx)))?;
                ctx.leave();
                ctx.saw_payload.set(true);
            } else {
                ctx.enter(Seg::Name(key.clone()));
                let value = ctx.check(map.next_value_seed(AnySeed(ctx)))?;
                if key == "header" {
                    check_header(ctx, &value)?;
                }
                ctx.leave();
                keep(&mut ctx.rum.borrow_mut().extensions, key, value);
            }
        }
        Ok(())
    }
}

/// A `header` whose `type` is not `rum` is another kind of message.
fn check_header<E: de::Error>(ctx: &Ctx<'_>, header: &CborValue) -> Result<(), E> {
    let CborValue::Map(entries) = header else { return Ok(()) };
    let Some((_, kind)) = entries.iter().find(|(k, _)| matches!(k, CborValue::Text(t) if t == "type")) else {
        return Ok(());
    };
    if matches!(kind, CborValue::Text(t) if t == "rum") {
        return Ok(());
    }
    ctx.enter(Seg::Key("type"));
    let found = match kind {
        CborValue::Text(t) => format!("{t:?}"),
        _ => "not a string".into(),
    };
    Err(ctx.fail(DecodeError::NotAReport { at: ctx.here(), message: format!("header.type is {found}, not \"rum\"") }))
}

/// `payload`: an object, or its JSON text in a string.
struct PayloadSeed<'c, 's>(&'c Ctx<'s>);

impl<'de> DeserializeSeed<'de> for PayloadSeed<'_, '_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for PayloadSeed<'_, '_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("the payload object, or its JSON text")
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<(), A::Error> {
        payload(self.0, map)
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<(), E> {
        let ctx = self.0;
        ctx.in_payload_text.set(true);
        let mut source = Source::new(text.as_bytes(), usize::MAX);
        let mut bytes = JsonBytes::new(&mut source, false, &ctx.inner_last);
        let result = {
            let mut de = serde_json::Deserializer::from_reader(&mut bytes);
            PayloadObject(ctx).deserialize(&mut de).and_then(|()| de.end())
        };
        match result {
            Ok(()) => {
                ctx.in_payload_text.set(false);
                Ok(())
            }
            Err(e) => {
                if ctx.failure.borrow().is_none() {
                    let error = ctx.json(&e);
                    *ctx.failure.borrow_mut() = Some(error);
                }
                Err(E::custom("in the payload text"))
            }
        }
    }
}

/// The payload's object inside its text.
struct PayloadObject<'c, 's>(&'c Ctx<'s>);

impl<'de> DeserializeSeed<'de> for PayloadObject<'_, '_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for PayloadObject<'_, '_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("the payload object")
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<(), A::Error> {
        payload(self.0, map)
    }
}

/// The members of the payload.
fn payload<'de, A: MapAccess<'de>>(ctx: &Ctx<'_>, mut map: A) -> Result<(), A::Error> {
    while let Some(key) = ctx.check(map.next_key::<String>())? {
        match key.as_str() {
            "asset_identification" => {
                ctx.enter(Seg::Key("asset_identification"));
                let value = ctx.check(map.next_value_seed(AnySeed(ctx)))?;
                let asset = asset(value).map_err(|e| ctx.tree_error(e))?;
                ctx.rum.borrow_mut().asset = Some(asset);
                ctx.leave();
            }
            "meta" => {
                ctx.enter(Seg::Key("meta"));
                let value = ctx.check(map.next_value_seed(AnySeed(ctx)))?;
                let (meta, link) = meta(value).map_err(|e| ctx.tree_error(e))?;
                let mut rum = ctx.rum.borrow_mut();
                rum.rum_id = meta.report_id.clone().unwrap_or_default();
                rum.meta.push(meta);
                rum.links.extend(link);
                ctx.leave();
            }
            "measurements" => {
                ctx.enter(Seg::Key("measurements"));
                ctx.check(map.next_value_seed(MeasurementsSeed(ctx)))?;
                ctx.leave();
            }
            _ => {
                ctx.enter(Seg::Name(key.clone()));
                let value = ctx.check(map.next_value_seed(AnySeed(ctx)))?;
                ctx.leave();
                keep(&mut ctx.rum.borrow_mut().extensions, format!("payload.{key}"), value);
            }
        }
    }
    Ok(())
}

/// `payload.measurements`, element by element, each handed to the sink.
struct MeasurementsSeed<'c, 's>(&'c Ctx<'s>);

impl<'de> DeserializeSeed<'de> for MeasurementsSeed<'_, '_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for MeasurementsSeed<'_, '_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an array of measurements")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let ctx = self.0;
        for i in 0.. {
            ctx.enter(Seg::Index(i));
            ctx.begin_record();
            let Some(m) = ctx.check(seq.next_element_seed(MeasurementSeed(ctx)))? else {
                ctx.leave();
                break;
            };
            ctx.leave();
            ctx.sink.borrow_mut().measurement(ctx.report, m);
        }
        ctx.begin_record();
        Ok(())
    }
}

/// The members of a measurement.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Field {
    LogTime,
    MetricName,
    StartTime,
    EndTime,
    SampleInterval,
    NumSamples,
    Value,
}

impl Field {
    const ALL: [(Field, &'static str); 7] = [
        (Field::LogTime, "log_time"),
        (Field::MetricName, "metric_name"),
        (Field::StartTime, "start_time"),
        (Field::EndTime, "end_time"),
        (Field::SampleInterval, "sample_interval"),
        (Field::NumSamples, "num_samples"),
        (Field::Value, "value"),
    ];

    fn name(self) -> &'static str {
        Field::ALL.iter().find(|(f, _)| *f == self).map_or("", |(_, n)| n)
    }
}

/// A member name: a known field, or another name.
struct Key(Result<Field, String>);

impl<'de> de::Deserialize<'de> for Key {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Key, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Key;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a member name")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Key, E> {
                Ok(Key(Field::ALL.iter().find(|(_, n)| *n == v).map(|(f, _)| *f).ok_or_else(|| v.to_owned())))
            }
        }
        d.deserialize_identifier(V)
    }
}

/// One element of `measurements`.
struct MeasurementSeed<'c, 's>(&'c Ctx<'s>);

impl<'de> DeserializeSeed<'de> for MeasurementSeed<'_, '_> {
    type Value = Measurement;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Measurement, D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for MeasurementSeed<'_, '_> {
    type Value = Measurement;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a measurement object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Measurement, A::Error> {
        let ctx = self.0;
        let mut m = Measurement::new(String::new(), Decimal::ZERO);
        let mut seen = [false; Field::ALL.len()];
        while let Some(Key(key)) = ctx.check(map.next_key())? {
            let field = match key {
                Ok(field) => field,
                Err(name) => {
                    ctx.enter(Seg::Name(name.clone()));
                    let value = ctx.check(map.next_value_seed(AnySeed(ctx)))?;
                    ctx.leave();
                    keep(&mut m.extensions, name, value);
                    continue;
                }
            };
            ctx.enter(Seg::Key(field.name()));
            let slot = field as usize;
            if seen[slot] {
                return Err(ctx.json_error(format_args!("the member {} appears twice", field.name())));
            }
            seen[slot] = true;
            match field {
                Field::LogTime => m.log_time = Some(ctx.check(map.next_value::<Timestamp>())?),
                Field::MetricName => m.metric = ctx.check(map.next_value::<String>())?,
                Field::StartTime => m.start = Some(ctx.check(map.next_value::<Timestamp>())?),
                Field::EndTime => m.end = Some(ctx.check(map.next_value::<Timestamp>())?),
                Field::SampleInterval => m.sample_interval = Some(ctx.check(map.next_value::<u64>())?),
                Field::NumSamples => m.sample_count = Some(ctx.check(map.next_value::<u64>())?),
                Field::Value => {
                    let (unit, value, others) = ctx.check(map.next_value_seed(ValueSeed(ctx)))?;
                    m.unit = unit;
                    m.value = value;
                    m.extensions.entries.extend(others);
                }
            }
            ctx.leave();
        }
        for field in [Field::MetricName, Field::Value] {
            if !seen[field as usize] {
                return Err(ctx.json_error(format_args!("the member {} is missing", field.name())));
            }
        }
        Ok(m)
    }
}

/// A measurement's `value`: `{"type": unit, "value": decimal}`.
struct ValueSeed<'c, 's>(&'c Ctx<'s>);

impl<'de> DeserializeSeed<'de> for ValueSeed<'_, '_> {
    type Value = (Option<String>, Decimal, Vec<CborEntry>);

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for ValueSeed<'_, '_> {
    type Value = (Option<String>, Decimal, Vec<CborEntry>);

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a value object ({\"type\": …, \"value\": …})")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let ctx = self.0;
        let (mut unit, mut value, mut others) = (None, None, Vec::new());
        while let Some(key) = ctx.check(map.next_key::<String>())? {
            match key.as_str() {
                "type" | "value" => {
                    let is_type = key == "type";
                    ctx.enter(Seg::Key(if is_type { "type" } else { "value" }));
                    if (is_type && unit.is_some()) || (!is_type && value.is_some()) {
                        return Err(ctx.json_error(format_args!("the member {key} appears twice")));
                    }
                    if is_type {
                        unit = Some(ctx.check(map.next_value::<String>())?);
                    } else {
                        value = Some(ctx.check(map.next_value_seed(DecimalSeed(ctx)))?);
                    }
                    ctx.leave();
                }
                _ => {
                    ctx.enter(Seg::Name(key.clone()));
                    let v = ctx.check(map.next_value_seed(AnySeed(ctx)))?;
                    ctx.leave();
                    others.push(CborEntry::new(Label::Text(format!("value.{key}")), v));
                }
            }
        }
        match value {
            Some(value) => Ok((unit, value, others)),
            None => Err(ctx.json_error("the member value is missing")),
        }
    }
}

/// An exact decimal: a string in the `xs:decimal` form, or an integer.
struct DecimalSeed<'c, 's>(&'c Ctx<'s>);

impl<'de> DeserializeSeed<'de> for DecimalSeed<'_, '_> {
    type Value = Decimal;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Decimal, D::Error> {
        d.deserialize_any(self)
    }
}

impl Visitor<'_> for DecimalSeed<'_, '_> {
    type Value = Decimal;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an exact decimal as a string (\"0.5\") or an integer")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Decimal, E> {
        let ctx = self.0;
        decimal::parse(v).map_err(|e| {
            ctx.fail(DecodeError::BadValue {
                at: ctx.here(),
                value: v.to_owned(),
                message: format!("{e}{}", ctx.in_text()),
            })
        })
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Decimal, E> {
        Ok(Decimal::from(v))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Decimal, E> {
        Ok(Decimal::from(v))
    }

    fn visit_f64<E: de::Error>(self, _: f64) -> Result<Decimal, E> {
        Err(self.0.json_error(
            "a JSON number with a fraction or an exponent, or beyond 64 bits, would pass through floating point: write the decimal as a string (\"0.5\")",
        ))
    }
}

/// Any JSON value, kept as a [`CborValue`] (as the model's JSON form keeps unknown members).
struct AnySeed<'c, 's>(&'c Ctx<'s>);

impl<'de> DeserializeSeed<'de> for AnySeed<'_, '_> {
    type Value = CborValue;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<CborValue, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for AnySeed<'_, '_> {
    type Value = CborValue;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<CborValue, E> {
        Ok(CborValue::Bool(v))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<CborValue, E> {
        Ok(CborValue::integer(v))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<CborValue, E> {
        Ok(CborValue::Unsigned(v))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<CborValue, E> {
        // Kept by its bits, never computed with.
        Ok(CborValue::float(v))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<CborValue, E> {
        Ok(CborValue::Text(v.to_owned()))
    }

    fn visit_unit<E: de::Error>(self) -> Result<CborValue, E> {
        Ok(CborValue::Null)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<CborValue, A::Error> {
        let ctx = self.0;
        let mut items = Vec::new();
        while let Some(item) = ctx.check(seq.next_element_seed(AnySeed(ctx)))? {
            items.push(item);
        }
        Ok(CborValue::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<CborValue, A::Error> {
        let ctx = self.0;
        let mut entries = Vec::new();
        while let Some(key) = ctx.check(map.next_key::<String>())? {
            let value = ctx.check(map.next_value_seed(AnySeed(ctx)))?;
            entries.push((CborValue::Text(key), value));
        }
        Ok(CborValue::Map(entries))
    }
}

// ---------------------------------------------------------------------------------------------
// The head: small objects read whole, then mapped

/// A member path below the current one, and what is wrong there.
type TreeError = (Vec<&'static str>, String);

fn keep(ext: &mut Extensions, label: String, value: CborValue) {
    ext.entries.push(CborEntry::new(Label::Text(label), value));
}

/// The members of an object.
fn object(value: CborValue, at: &[&'static str]) -> Result<Vec<(String, CborValue)>, TreeError> {
    let CborValue::Map(entries) = value else { return Err((at.to_vec(), "expected an object".into())) };
    Ok(entries
        .into_iter()
        .map(|(k, v)| match k {
            CborValue::Text(k) => (k, v),
            other => (format!("{other:?}"), v),
        })
        .collect())
}

fn string(value: CborValue, at: &[&'static str]) -> Result<String, TreeError> {
    match value {
        CborValue::Text(t) => Ok(t),
        _ => Err((at.to_vec(), "expected a string".into())),
    }
}

/// `payload.asset_identification`.
fn asset(value: CborValue) -> Result<MeasuredAsset, TreeError> {
    let mut a = MeasuredAsset::default();
    let (mut pid, mut serial) = (None, None);
    for (key, value) in object(value, &[])? {
        match key.as_str() {
            "asset" => {
                for (k, v) in object(value, &["asset"])? {
                    if k == "name" {
                        a.tag_id = Some(string(v, &["asset", "name"])?);
                    } else {
                        keep(&mut a.extensions, format!("asset.{k}"), v);
                    }
                }
            }
            "instance" => {
                for (k, v) in object(value, &["instance"])? {
                    match k.as_str() {
                        "sudi" => {
                            for (k, v) in object(v, &["instance", "sudi"])? {
                                match k.as_str() {
                                    "udi_pid" => pid = Some(string(v, &["instance", "sudi", "udi_pid"])?),
                                    "udi_serial_number" => {
                                        serial = Some(string(v, &["instance", "sudi", "udi_serial_number"])?);
                                    }
                                    _ => keep(&mut a.extensions, format!("instance.sudi.{k}"), v),
                                }
                            }
                        }
                        "product_instance_identifier" => {
                            a.instance_id = Some(string(v, &["instance", "product_instance_identifier"])?);
                        }
                        _ => keep(&mut a.extensions, format!("instance.{k}"), v),
                    }
                }
            }
            _ => keep(&mut a.extensions, key, value),
        }
    }
    if pid.is_some() || serial.is_some() {
        a.device_id = Some(format!("{}:{}", pid.unwrap_or_default(), serial.unwrap_or_default()));
    }
    Ok(a)
}

/// `payload.meta`, and the link to the entitlement's tag.
fn meta(value: CborValue) -> Result<(Meta, Option<Link>), TreeError> {
    let mut meta = Meta::default();
    let mut link = None;
    for (key, value) in object(value, &[])? {
        match key.as_str() {
            "entitlement_tag" => {
                let tag = string(value, &["entitlement_tag"])?;
                link = Some(Link::new(swid_href(&tag), Rel::Entitlement));
            }
            "report_id" => {
                meta.report_id = Some(match value {
                    CborValue::Text(t) => t,
                    CborValue::Unsigned(n) => n.to_string(),
                    CborValue::Negative(n) => (-1 - i128::from(n)).to_string(),
                    _ => return Err((vec!["report_id"], "expected an integer or a string".into())),
                });
            }
            "software_version" => meta.software_version = Some(string(value, &["software_version"])?),
            _ => keep(&mut meta.extensions, key, value),
        }
    }
    Ok((meta, link))
}

/// `swid:<tag>`, with what a URI cannot hold percent-encoded (UTF-8 bytes).
fn swid_href(tag: &str) -> String {
    let mut href = String::with_capacity(tag.len() + 5);
    href.push_str("swid:");
    for b in tag.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~!$&'()*+,;=:@/".contains(&b) {
            href.push(char::from(b));
        } else {
            // Writing to a `String` cannot fail.
            let _ = write!(href, "%{b:02X}");
        }
    }
    href
}

// ---------------------------------------------------------------------------------------------
// The XML envelope

#[cfg(feature = "xml")]
fn envelope<R: BufRead>(
    source: &mut Source<R>,
    options: &CiscoOptions,
    sink: &mut dyn ReportSink,
) -> Result<usize, DecodeError> {
    use quick_xml::events::Event;
    use quick_xml::reader::Reader;

    let mut xml = Reader::from_reader(source);
    xml.config_mut().check_end_names = true;
    let mut buf = Vec::new();
    let mut depth = 0usize;
    let mut roots = 0usize;
    let mut root_start = Pos::START;
    let mut in_root = 0usize;
    let mut reports = 0usize;
    // Inside a RUMReport whose CDATA section was read.
    let mut in_report = false;
    loop {
        buf.clear();
        let src = xml.get_mut();
        src.begin_record();
        src.hit_eof = false;
        let at = src.start_pos();
        let here = |path: Path| Box::new(Location::new(at.position(), path));
        let event = match xml.read_event_into(&mut buf) {
            Ok(event) => event,
            Err(e) => {
                let src = xml.get_ref();
                return Err(if src.over_limit {
                    DecodeError::RecordTooLarge { at: here(Path::default()), limit: options.max_record_bytes }
                } else if src.hit_eof && depth > 0 {
                    DecodeError::Truncated {
                        at: Box::new(Location::new(root_start.position(), root_path(roots))),
                        inside: "smartLicense".into(),
                    }
                } else if src.hit_eof {
                    DecodeError::Truncated { at: here(Path::default()), inside: "markup".into() }
                } else if let quick_xml::Error::Io(io) = &e {
                    DecodeError::Io { at: here(Path::default()), message: io.to_string() }
                } else {
                    DecodeError::XmlSyntax { at: here(Path::default()), message: e.to_string() }
                });
            }
        };
        let empty = matches!(event, Event::Empty(_));
        match event {
            Event::Eof => {
                if depth > 0 {
                    return Err(DecodeError::Truncated {
                        at: Box::new(Location::new(root_start.position(), root_path(roots))),
                        inside: "smartLicense".into(),
                    });
                }
                if roots == 0 {
                    return Err(not_a_report(at, Path::default(), "no smartLicense element"));
                }
                return Ok(reports);
            }
            Event::DocType(_) => return Err(DecodeError::XmlDoctype { at: here(Path::default()) }),
            Event::Start(s) | Event::Empty(s) => {
                let name = s.name().0;
                if depth == 0 {
                    if name != "smartLicense" {
                        let path = Path::from_segments([PathSegment::element(name, 1)]);
                        return Err(DecodeError::NotAReport {
                            at: here(path),
                            message: format!("the root element is {name}, not smartLicense"),
                        });
                    }
                    roots += 1;
                    root_start = at;
                    in_root = 0;
                } else if depth == 1 && name == "RUMReport" {
                    in_root += 1;
                    let base = root_path(roots).join(PathSegment::element("RUMReport", in_root));
                    if empty {
                        return Err(DecodeError::NotAReport { at: here(base), message: "an empty RUMReport".into() });
                    }
                    depth += 1;
                    let src = xml.get_mut();
                    report_in_envelope(src, at, &base, reports, options, sink)?;
                    reports += 1;
                    in_report = true;
                    continue;
                } else if in_report && depth == 2 {
                    let message = format!("a {name} element after the report's CDATA section");
                    return Err(DecodeError::XmlSyntax { at: here(root_path(roots)), message });
                }
                if !empty {
                    depth += 1;
                }
            }
            Event::End(_) => {
                depth = depth.saturating_sub(1);
                if depth < 2 {
                    in_report = false;
                }
            }
            Event::Text(t) if t.bytes().all(is_space) => {}
            Event::Text(_) | Event::CData(_) | Event::GeneralRef(_) if depth == 0 || in_report => {
                let message = if depth == 0 {
                    "text outside the smartLicense element"
                } else {
                    "more text after the report's CDATA section"
                };
                return Err(DecodeError::XmlSyntax { at: here(root_path(roots)), message: message.into() });
            }
            _ => {}
        }
    }
}

/// The path of the `smartLicense` element number `n`.
#[cfg(feature = "xml")]
fn root_path(n: usize) -> Path {
    Path::from_segments([PathSegment::element("smartLicense", n)])
}

/// Reads the CDATA section of a `RUMReport` whose start tag was just read, as a report.
#[cfg(feature = "xml")]
fn report_in_envelope<R: BufRead>(
    source: &mut Source<R>,
    at: Pos,
    base: &Path,
    index: usize,
    options: &CiscoOptions,
    sink: &mut dyn ReportSink,
) -> Result<(), DecodeError> {
    const CDATA: &[u8] = b"<![CDATA[";
    skip_space(source)?;
    let here = source.pos();
    let ahead = source.peek(CDATA.len()).map_err(|e| io_error(here, base, &e))?;
    if ahead != CDATA {
        if ahead.len() < CDATA.len() && CDATA.starts_with(ahead) {
            let at = Box::new(Location::new(at.position(), base.clone()));
            return Err(DecodeError::Truncated { at, inside: "RUMReport".into() });
        }
        return Err(not_a_report(at, base.clone(), "the RUMReport holds no CDATA section with the report's JSON"));
    }
    source.consume(CDATA.len());
    source.set_limit(usize::MAX);
    let result = report(source, true, base, index, options, sink);
    source.set_limit(options.max_record_bytes);
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hrefs_are_percent_encoded() {
        assert_eq!(swid_href("regid.2019-06.com.cisco.X,1.0_ ac6d"), "swid:regid.2019-06.com.cisco.X,1.0_%20ac6d");
        assert_eq!(swid_href("a%b#c?d\u{e9}"), "swid:a%25b%23c%3Fd%C3%A9");
    }

    #[test]
    fn cdata_ends_at_the_first_closing_sequence() {
        let mut source = Source::new(&b"{]]]x]]>rest"[..], usize::MAX);
        let last = Cell::new(Pos::START);
        let mut bytes = JsonBytes::new(&mut source, true, &last);
        let mut out = Vec::new();
        bytes.read_to_end(&mut out).expect("in memory");
        assert_eq!(out, b"{]]]x");
        assert!(!bytes.unclosed);
        let mut source = Source::new(&b"{]]"[..], usize::MAX);
        let mut bytes = JsonBytes::new(&mut source, true, &last);
        out.clear();
        bytes.read_to_end(&mut out).expect("in memory");
        assert_eq!(out, b"{]]");
        assert!(bytes.unclosed);
    }
}
