//! Where streaming readers hand what they read.

use crate::{Measurement, Rum};

/// Receives what a streaming reader reads, one item at a time: the Cisco report reader
/// ([`crate::import::cisco`]) and the readers of this project's own forms ([`crate::stream`]).
///
/// `report` numbers the RUMs of the input from 0 (a RUM document has one, a Cisco JSON report
/// one, an envelope one per `RUMReport`). A RUM's measurements come first, as they are read,
/// then its head: the RUM with everything but the measurements.
///
/// ```
/// # #[cfg(feature = "json")] {
/// use iso19770_resource_util::import::cisco::{read, CiscoOptions, ReportSink};
/// use iso19770_resource_util::{Measurement, Rum};
/// use iso19770_core::decimal::Decimal;
///
/// /// Sums the values per report without keeping the measurements.
/// #[derive(Default)]
/// struct Totals(Vec<(String, Decimal)>, Decimal);
///
/// impl ReportSink for Totals {
///     fn measurement(&mut self, _report: usize, m: Measurement) {
///         self.1 += m.value;
///     }
///     fn report(&mut self, _report: usize, head: Rum) {
///         self.0.push((head.rum_id, std::mem::take(&mut self.1)));
///     }
/// }
///
/// let json = r#"{"payload": {"meta": {"report_id": 7}, "measurements": [
///     {"metric_name": "ENTITLEMENT", "value": {"type": "COUNT", "value": "2"}},
///     {"metric_name": "ENTITLEMENT", "value": {"type": "COUNT", "value": "0.5"}}]}}"#;
/// let mut totals = Totals::default();
/// assert_eq!(read(json.as_bytes(), &CiscoOptions::default(), &mut totals)?, 1);
/// assert_eq!(totals.0, [("7".to_owned(), "2.5".parse()?)]);
/// # }
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub trait ReportSink {
    /// A measurement of report `report`, as soon as it is read.
    fn measurement(&mut self, report: usize, measurement: Measurement);

    /// RUM `report` is read: its head, with everything but the measurements.
    fn report(&mut self, report: usize, head: Rum);
}
