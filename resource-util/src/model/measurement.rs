use iso19770_core::decimal::Decimal;
use iso19770_core::{Extensions, Timestamp, open_vocabulary};

open_vocabulary! {
    /// How a [`Measurement`]'s value summarizes its samples over its period (an open vocabulary;
    /// the names are this project's own *(inferred)*).
    ///
    /// ```
    /// use iso19770_resource_util::Aggregation;
    ///
    /// assert_eq!(Aggregation::from("peak"), Aggregation::Peak);
    /// ```
    pub enum Aggregation {
        /// The value at one instant (a current count).
        Current => "current",
        /// The highest value over the period (a high-water mark).
        Peak => "peak",
        /// The lowest value over the period.
        Minimum => "minimum",
        /// The total over the period (consumption: seconds of voice, decisions).
        Sum => "sum",
        /// The mean over the period.
        Average => "average",
        /// A count of events or items in the period.
        Count => "count",
    }
}

/// One measured value of a metric over a period (working element name `Measurement`
/// *(inferred)*; SLMT `Metric`, Cisco `measurements[]`).
///
/// The standard's public text confirms that a RUM carries measurements of resources used by an
/// IT asset; the field set is what both field formats carry: log time, metric name (SLMT
/// `Type`) and subtype, the value (an exact decimal, never floating point), the period
/// (`StartTime`, `EndTime`), and Cisco's sample interval and count.
///
/// ```
/// use iso19770_resource_util::{Aggregation, Measurement};
/// use iso19770_core::decimal::parse;
///
/// let m = Measurement::new("VU_VALUE_UNIT", parse("1.235")?)
///     .with_subtype("MILLION_MONTHLY_DECISIONS")
///     .with_period("2019-07-18T16:39:34+02:00", "2019-07-18T16:39:34+02:00")
///     .with_aggregation(Aggregation::Sum);
/// assert_eq!(m.value.to_string(), "1.235");
/// # Ok::<(), iso19770_core::decimal::DecimalError>(())
/// ```
#[cfg_attr(feature = "json", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "json", serde(rename_all = "camelCase"))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Measurement {
    /// When the measurement was recorded (SLMT `Metric@logTime`, Cisco `log_time`).
    #[cfg_attr(feature = "json", serde(default, skip_serializing_if = "Option::is_none"))]
    pub log_time: Option<Timestamp>,
    /// The metric measured (SLMT `Type`: `AUTHORIZED_USER`, `VU_VALUE_UNIT`; Cisco
    /// `metric_name`: `ENTITLEMENT`).
    pub metric: String,
    /// A refinement of the metric (SLMT `SubType`: `MILLION_MONTHLY_DECISIONS`, `Peak Cores`).
    #[cfg_attr(feature = "json", serde(default, skip_serializing_if = "Option::is_none"))]
    pub subtype: Option<String>,
    /// The unit of the value (Cisco `value.type`: `COUNT`).
    #[cfg_attr(feature = "json", serde(default, skip_serializing_if = "Option::is_none"))]
    pub unit: Option<String>,
    /// The value, exact.
    #[cfg_attr(feature = "json", serde(with = "iso19770_core::decimal::serde::text"))]
    #[cfg_attr(feature = "schema", schemars(with = "iso19770_core::decimal::DecimalText"))]
    pub value: Decimal,
    /// The start of the period measured.
    #[cfg_attr(feature = "json", serde(default, skip_serializing_if = "Option::is_none"))]
    pub start: Option<Timestamp>,
    /// The end of the period measured.
    #[cfg_attr(feature = "json", serde(default, skip_serializing_if = "Option::is_none"))]
    pub end: Option<Timestamp>,
    /// Seconds between samples (Cisco `sample_interval`).
    #[cfg_attr(feature = "json", serde(default, skip_serializing_if = "Option::is_none"))]
    pub sample_interval: Option<u64>,
    /// How many samples the value summarizes (Cisco `num_samples`).
    #[cfg_attr(feature = "json", serde(default, skip_serializing_if = "Option::is_none"))]
    pub sample_count: Option<u64>,
    /// How the value summarizes the samples.
    #[cfg_attr(feature = "json", serde(default, skip_serializing_if = "Option::is_none"))]
    pub aggregation: Option<Aggregation>,
    /// Content the model has no field for.
    #[cfg_attr(feature = "json", serde(flatten, with = "iso19770_core::json::entries"))]
    #[cfg_attr(feature = "schema", schemars(with = "iso19770_core::json::entries::Schema"))]
    pub extensions: Extensions,
}

impl Measurement {
    /// A measurement of `metric` with this value.
    pub fn new(metric: impl Into<String>, value: Decimal) -> Self {
        Measurement {
            log_time: None,
            metric: metric.into(),
            subtype: None,
            unit: None,
            value,
            start: None,
            end: None,
            sample_interval: None,
            sample_count: None,
            aggregation: None,
            extensions: Extensions::default(),
        }
    }

    /// The same measurement with a subtype.
    #[must_use]
    pub fn with_subtype(mut self, subtype: impl Into<String>) -> Self {
        self.subtype = Some(subtype.into());
        self
    }

    /// The same measurement with a unit.
    #[must_use]
    pub fn with_unit(mut self, unit: impl Into<String>) -> Self {
        self.unit = Some(unit.into());
        self
    }

    /// The same measurement with a log time.
    #[must_use]
    pub fn with_log_time(mut self, log_time: impl Into<Timestamp>) -> Self {
        self.log_time = Some(log_time.into());
        self
    }

    /// The same measurement over this period.
    #[must_use]
    pub fn with_period(mut self, start: impl Into<Timestamp>, end: impl Into<Timestamp>) -> Self {
        self.start = Some(start.into());
        self.end = Some(end.into());
        self
    }

    /// The same measurement with its aggregation.
    #[must_use]
    pub fn with_aggregation(mut self, aggregation: Aggregation) -> Self {
        self.aggregation = Some(aggregation);
        self
    }

    /// The same measurement with its sampling: seconds between samples, and their count.
    #[must_use]
    pub fn with_samples(mut self, interval: u64, count: u64) -> Self {
        self.sample_interval = Some(interval);
        self.sample_count = Some(count);
        self
    }
}
