//! Aggregation of measurements per asset, metric and period: peak (high-water mark), minimum,
//! sum, average and count, exactly, in one pass; and concurrency peaks from start/end
//! intervals by a sweep.
//!
//! [`Aggregator`] takes one [`Measurement`](crate::Measurement) at a time with a key for its
//! asset, and holds only one [`Stats`] per (asset, metric, subtype, period) met: its memory
//! does not grow with the number of measurements, so a stream of any length is aggregated in
//! bounded memory. [`Concurrency`] holds its intervals and sweeps them at the end.
//!
//! ```
//! use iso19770_core::decimal::parse;
//! use iso19770_core::Instant;
//! use iso19770_resource_util::Measurement;
//! use iso19770_resource_util::aggregate::{Aggregator, Period, Periods, Spanning};
//!
//! let mut agg = Aggregator::new(Periods::UtcMonths).with_spanning(Spanning::Start)?;
//! // Two readings of the ODM sample's kind (start == end): July, in two time zones.
//! for (at, value) in [("2019-07-18T16:39:34+02:00", "1.235"), ("2019-07-31T23:30:00-01:00", "0.5")] {
//!     let m = Measurement::new("VU_VALUE_UNIT", parse(value)?)
//!         .with_subtype("MILLION_MONTHLY_DECISIONS")
//!         .with_period(at, at);
//!     agg.add("b1a07d4dc0364452aa6206bb6584061d", &m)?;
//! }
//! // 2019-07-31T23:30:00-01:00 is 2019-08-01T00:30:00Z: August.
//! let july = Periods::UtcMonths.period_of(Instant::from_unix_seconds(1_563_460_774)).expect("in range");
//! let stats = agg
//!     .get("b1a07d4dc0364452aa6206bb6584061d", "VU_VALUE_UNIT", Some("MILLION_MONTHLY_DECISIONS"), &july)
//!     .expect("a July reading");
//! assert_eq!((stats.count, stats.sum, stats.peak), (1, parse("1.235")?, parse("1.235")?));
//! assert_eq!(agg.rows().count(), 2);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # Rules
//!
//! 1. **Groups.** Measurements are grouped by [`GroupKey`]: the asset key the caller gives
//!    (such as [`MeasuredAsset::identity`](crate::MeasuredAsset::identity) or an instance id),
//!    the metric and the subtype. The unit and the measurement's
//!    [`aggregation`](crate::Measurement::aggregation) are not consulted: every statistic is
//!    kept, and the caller reads the one that fits the metric (`peak` for a high-water mark,
//!    `sum` for consumption).
//! 2. **Periods.** [`Periods`] cuts time into half-open periods `[start, end)`: a fixed number
//!    of seconds aligned to an origin instant (hours, 15 minutes, days of a fixed offset),
//!    UTC calendar days, UTC calendar months (proleptic Gregorian, leap Februaries of 29
//!    days), or the whole input as one period. An instant on a boundary belongs to the period
//!    that starts there. Only periods a measurement overlaps appear in the results.
//! 3. **Placement.** [`Placement::of`]: a measurement with a start and an end lies over the
//!    interval `[start, end)`, or at the instant `start` when they are equal; else at its log
//!    time; else at its lone start or end. Offsets are applied, and `xs:dateTime` and Unix
//!    seconds are the same kind of instant. A measurement with no time, with a chosen time
//!    that is not an `xs:dateTime` or has no time zone, or with an end before its start, is
//!    refused with an error (see 8); an unreadable time is never passed over for another.
//! 4. **Overlap.** A measurement at an instant overlaps the period holding it; one over an
//!    interval overlaps every period sharing an instant with `[start, end)`: an interval
//!    ending exactly on a boundary does not overlap the period starting there.
//! 5. **Count, peak, minimum, average.** Every measurement overlapping a period counts there
//!    with its whole value: a value held over an interval was held in each period of it.
//!    `count` is the number of such measurements, `peak` the highest value, `minimum` the
//!    lowest, and the average ([`Stats::average`]) their total and count, kept exact;
//!    [`Average::rounded`] divides them to a stated scale.
//! 6. **Sums.** Only `sum` divides a value between the periods its interval overlaps, by the
//!    aggregator's [`Spanning`] rule: pro rata to the time spent in each (the default, at six
//!    digits after the point, the pieces adding up to the value exactly), all to the first
//!    period, or all to the last. A measurement in one period gives it its whole value.
//! 7. **Exactness.** Values are decimals ([`Decimal`](crate::Decimal)) and durations whole
//!    nanoseconds; nothing passes through floating point. The only roundings are those of
//!    pro rata pieces and of [`Average::rounded`], both half to even at a stated scale, from
//!    the exact quotient. An overflow (a sum beyond 96 bits of digits) is an error, never a
//!    wrapped or rounded value.
//! 8. **Errors.** An [`AggregateError`] about a measurement names its index: the number of
//!    measurements given before it, refused ones included. A refused measurement changes
//!    nothing (no group, no period, no partial sum), so the caller may report it and go on.
//! 9. **Limits.** A measurement overlapping more than
//!    [`with_period_limit`](Aggregator::with_period_limit) periods (default
//!    [`DEFAULT_PERIOD_LIMIT`], more than eleven years of hours) is refused, so that one
//!    interval cannot make the aggregator allocate without bound.
//! 10. **Order.** Results are in key order, then time order (`BTreeMap`s): the same input
//!     gives the same output.
//! 11. **Concurrency.** [`Concurrency`] sweeps intervals (start and end required) per group:
//!     the level at an instant is the number of intervals active, or the sum of their values
//!     ([`Weight`]); all starts and ends at one instant are applied (ends first) before the
//!     level is read, so an interval ending as another starts does not overlap it; empty
//!     intervals are never active. It gives the peak overall and per period, each with the
//!     first instant it was reached. It holds two events per interval until it finishes.

mod aggregator;
mod concurrency;
mod error;
mod exact;
mod key;
mod period;
mod placement;
mod spanning;
mod stats;

pub use aggregator::{Aggregator, DEFAULT_PERIOD_LIMIT, Groups};
pub use concurrency::{Concurrency, ConcurrencyPeaks, Peak, Weight};
pub use error::{AggregateError, TimeField};
pub use key::GroupKey;
pub use period::{Period, Periods};
pub use placement::Placement;
pub use spanning::Spanning;
pub use stats::{Average, Stats};
