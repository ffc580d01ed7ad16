//! Placement: which instant, or which interval, a measurement speaks of.

use super::error::{AggregateError, TimeField};
use crate::Measurement;
use iso19770_core::{Instant, Timestamp};
use std::cmp::Ordering;

/// Where a measurement lies in time, as the aggregators place it (see [`Placement::of`]).
///
/// ```
/// use iso19770_core::Instant;
/// use iso19770_resource_util::Measurement;
/// use iso19770_resource_util::aggregate::Placement;
///
/// // The ODM sample: start and end are the same instant.
/// let m = Measurement::new("VU_VALUE_UNIT", 1.into())
///     .with_period("2019-07-18T16:39:34+02:00", "2019-07-18T16:39:34+02:00");
/// assert_eq!(Placement::of(0, &m)?, Placement::At(Instant::from_unix_seconds(1_563_460_774)));
///
/// let m = Measurement::new("USERS", 1.into()).with_period(0, 60);
/// assert_eq!(
///     Placement::of(0, &m)?,
///     Placement::Interval { start: Instant::from_unix_seconds(0), end: Instant::from_unix_seconds(60) }
/// );
/// # Ok::<(), iso19770_resource_util::aggregate::AggregateError>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Placement {
    /// One instant.
    At(Instant),
    /// The half-open interval `[start, end)`, `start` before `end`.
    Interval {
        /// The first instant.
        start: Instant,
        /// The first instant after the interval.
        end: Instant,
    },
}

impl Placement {
    /// Places measurement number `index` (the number given back in errors):
    ///
    /// 1. with both a start and an end, the interval `[start, end)`; the instant `start` when
    ///    they are the same instant; an error when the end is before the start;
    /// 2. else, with a log time, that instant;
    /// 3. else, with a start or an end alone, that instant;
    /// 4. else an error: no time.
    ///
    /// The times are chosen by their presence, then read: a chosen time that is no
    /// `xs:dateTime`, or has no time zone, is an error naming it; it is not passed over for the
    /// next rule. Offsets are applied (`16:39:34+02:00` is `14:39:34Z`), and a time written as
    /// Unix seconds is the same kind of instant as one written as a date-time.
    pub fn of(index: u64, m: &Measurement) -> Result<Placement, AggregateError> {
        let read = |field, value: &Timestamp| {
            value.instant().map_err(|source| AggregateError::Time { index, field, value: value.clone(), source })
        };
        match (&m.start, &m.end, &m.log_time) {
            (Some(start), Some(end), _) => {
                let (from, to) = (read(TimeField::Start, start)?, read(TimeField::End, end)?);
                match to.cmp(&from) {
                    Ordering::Less => {
                        Err(AggregateError::EndBeforeStart { index, start: start.clone(), end: end.clone() })
                    }
                    Ordering::Equal => Ok(Placement::At(from)),
                    Ordering::Greater => Ok(Placement::Interval { start: from, end: to }),
                }
            }
            (_, _, Some(log_time)) => read(TimeField::LogTime, log_time).map(Placement::At),
            (Some(start), None, None) => read(TimeField::Start, start).map(Placement::At),
            (None, Some(end), None) => read(TimeField::End, end).map(Placement::At),
            (None, None, None) => Err(AggregateError::NoTime { index }),
        }
    }

    /// The first instant.
    pub fn start(&self) -> Instant {
        match *self {
            Placement::At(at) => at,
            Placement::Interval { start, .. } => start,
        }
    }

    /// The end: the instant itself for [`Placement::At`].
    pub fn end(&self) -> Instant {
        match *self {
            Placement::At(at) => at,
            Placement::Interval { end, .. } => end,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use iso19770_core::datetime::DateTimeError;
    use iso19770_core::decimal::Decimal;

    fn m() -> Measurement {
        Measurement::new("M", Decimal::ONE)
    }

    fn at(seconds: i64) -> Instant {
        Instant::from_unix_seconds(seconds)
    }

    #[test]
    fn interval_first_then_log_time_then_a_lone_bound() {
        let both = m().with_period(10, 20).with_log_time(99);
        assert_eq!(Placement::of(0, &both), Ok(Placement::Interval { start: at(10), end: at(20) }));
        let same = m().with_period("1970-01-01T02:00:10+02:00", 10);
        assert_eq!(Placement::of(0, &same), Ok(Placement::At(at(10))));
        let logged = Measurement { start: Some(5.into()), ..m().with_log_time(99) };
        assert_eq!(Placement::of(0, &logged), Ok(Placement::At(at(99))));
        let start = Measurement { start: Some(5.into()), ..m() };
        assert_eq!(Placement::of(0, &start), Ok(Placement::At(at(5))));
        let end = Measurement { end: Some(6.into()), ..m() };
        assert_eq!(Placement::of(0, &end), Ok(Placement::At(at(6))));
        assert_eq!(Placement::of(4, &m()), Err(AggregateError::NoTime { index: 4 }));
    }

    #[test]
    fn unreadable_and_reversed_times_are_errors() {
        let reversed = m().with_period(20, 10);
        assert_eq!(
            Placement::of(3, &reversed),
            Err(AggregateError::EndBeforeStart { index: 3, start: 20.into(), end: 10.into() })
        );
        // No time zone in the end: an error, even though a log time is there.
        let local = m().with_period(10, "1970-01-01T00:00:20").with_log_time(15);
        assert_eq!(
            Placement::of(7, &local),
            Err(AggregateError::Time {
                index: 7,
                field: TimeField::End,
                value: "1970-01-01T00:00:20".into(),
                source: DateTimeError::NoTimeZone
            })
        );
        let bad_log = m().with_log_time("yesterday");
        assert!(matches!(
            Placement::of(1, &bad_log),
            Err(AggregateError::Time { index: 1, field: TimeField::LogTime, source: DateTimeError::Syntax, .. })
        ));
    }
}
