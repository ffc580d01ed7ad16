//! Reading this project's own RUM forms one measurement at a time, in memory bounded by the
//! largest measurement and the head, not by the number of measurements: a RUM of millions of
//! measurements read from a file or a socket.
//!
//! Each reader hands every measurement to a [`ReportSink`](crate::ReportSink) as soon as it is
//! read, and the RUM's head (everything but the measurements) at the end, as the Cisco reader
//! does; the same input decoded whole ([`Rum::from_json_str`](crate::Rum::from_json_str),
//! [`Rum::from_cbor_slice`](crate::Rum::from_cbor_slice)) gives the head with the same
//! measurements in the same order.
//!
//! | form | reader | bounded by |
//! |---|---|---|
//! | JSON (feature `json`) | [`read_json`] | the head's members; each measurement |
//! | CBOR (feature `cbor`) | [`read_cbor`] | [`CborStreamOptions::max_item_bytes`] per item (a measurement, or one member of the head) |
//! | XML (feature `xml`) | [`read_xml`] | its `max_child_bytes` per child of the root (a measurement, or a part of the head) |
//!
//! The field formats have their own streaming readers ([`crate::import`]).

#[cfg(feature = "cbor")]
mod cbor;
#[cfg(feature = "json")]
mod json;
#[cfg(feature = "xml")]
mod xml;

#[cfg(feature = "cbor")]
pub use cbor::{CborStreamOptions, read_cbor};
#[cfg(feature = "json")]
pub use json::read_json;
#[cfg(feature = "xml")]
pub use xml::read_xml;

/// Collects what a streaming reader hands over into whole RUMs (for tests and small inputs).
///
/// ```
/// use iso19770_resource_util::stream::Collect;
/// use iso19770_resource_util::{Decimal, Measurement, ReportSink, Rum};
///
/// let mut c = Collect::default();
/// c.measurement(0, Measurement::new("m", Decimal::ONE));
/// c.report(0, Rum::new("r"));
/// assert_eq!(c.rums, [Rum::new("r").with_measurement(Measurement::new("m", Decimal::ONE))]);
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Collect {
    /// The RUMs read, whole.
    pub rums: Vec<crate::Rum>,
    pending: Vec<crate::Measurement>,
}

impl crate::ReportSink for Collect {
    fn measurement(&mut self, _report: usize, measurement: crate::Measurement) {
        self.pending.push(measurement);
    }

    fn report(&mut self, _report: usize, mut head: crate::Rum) {
        head.measurements = std::mem::take(&mut self.pending);
        self.rums.push(head);
    }
}
