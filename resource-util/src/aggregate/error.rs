//! Why a measurement cannot be aggregated, or an average cannot be given.

use iso19770_core::Timestamp;
use iso19770_core::datetime::DateTimeError;
use iso19770_core::decimal::Decimal;
use std::fmt;

/// Which time of a [`Measurement`](crate::Measurement) an error is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum TimeField {
    /// [`Measurement::start`](crate::Measurement::start).
    Start,
    /// [`Measurement::end`](crate::Measurement::end).
    End,
    /// [`Measurement::log_time`](crate::Measurement::log_time).
    LogTime,
}

impl fmt::Display for TimeField {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            TimeField::Start => "start",
            TimeField::End => "end",
            TimeField::LogTime => "log time",
        })
    }
}

/// Why a measurement cannot be aggregated, or an average cannot be given.
///
/// Errors about a measurement carry its `index`: the number of measurements given to the
/// aggregator before it (counting from 0, the refused ones included), so that it matches the
/// measurement's position in the input. An `add` that fails leaves the aggregator as it was.
///
/// ```
/// use iso19770_resource_util::Measurement;
/// use iso19770_resource_util::aggregate::{AggregateError, Aggregator, Periods};
///
/// let mut agg = Aggregator::new(Periods::hourly());
/// let m = Measurement::new("USERS", 3.into()).with_log_time("2024-01-01T10:00:00");
/// let err = agg.add("app", &m).unwrap_err();
/// assert!(matches!(err, AggregateError::Time { index: 0, .. }));
/// assert_eq!(
///     err.to_string(),
///     "measurement 0: the log time 2024-01-01T10:00:00: no time zone, so no instant"
/// );
/// ```
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum AggregateError {
    /// A time is not an `xs:dateTime`, or has no time zone and so names no instant.
    #[error("measurement {index}: the {field} {value}: {source}")]
    Time {
        /// The measurement's index.
        index: u64,
        /// Which time.
        field: TimeField,
        /// The time as written.
        value: Timestamp,
        /// Why it names no instant.
        source: DateTimeError,
    },
    /// The measurement has no time at all: no start and end, no log time.
    #[error("measurement {index}: no time (no start, end or log time)")]
    NoTime {
        /// The measurement's index.
        index: u64,
    },
    /// A concurrency interval needs both a start and an end.
    #[error("measurement {index}: no interval (a start and an end are needed)")]
    NoInterval {
        /// The measurement's index.
        index: u64,
    },
    /// The end is before the start.
    #[error("measurement {index}: the end {end} is before the start {start}")]
    EndBeforeStart {
        /// The measurement's index.
        index: u64,
        /// The start as written.
        start: Timestamp,
        /// The end as written.
        end: Timestamp,
    },
    /// The measurement's interval overlaps more periods than the aggregator's limit.
    #[error("measurement {index}: overlaps {count} periods, more than the limit of {limit}")]
    TooManyPeriods {
        /// The measurement's index.
        index: u64,
        /// How many periods it overlaps.
        count: u128,
        /// The limit.
        limit: u64,
    },
    /// A period the measurement falls in starts or ends outside the range of instants.
    #[error("measurement {index}: a period out of the range of instants")]
    PeriodOutOfRange {
        /// The measurement's index.
        index: u64,
    },
    /// A sum, piece or level does not fit a decimal (96 bits of digits), or a count does not
    /// fit 64 bits.
    #[error("measurement {index}: the {what} overflows")]
    Overflow {
        /// The measurement's index.
        index: u64,
        /// What overflowed (`sum`, `pro rata piece`, `concurrency level` …).
        what: &'static str,
    },
    /// A rounding scale above 28, the most a decimal holds.
    #[error("scale {scale} is above 28, the most a decimal holds")]
    Scale {
        /// The scale asked for.
        scale: u32,
    },
    /// An average of no values.
    #[error("an average of no values")]
    NoValues,
    /// An average that does not fit a decimal at the scale asked for.
    #[error("the average {total}/{count} does not fit a decimal of scale {scale}")]
    AverageOutOfRange {
        /// The total of the values.
        total: Decimal,
        /// Their count.
        count: u64,
        /// The scale asked for.
        scale: u32,
    },
}
