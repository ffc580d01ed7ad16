//! Periods: how time is cut into the half-open intervals `[start, end)` that measurements are
//! aggregated over.

use iso19770_core::Instant;
use std::fmt;
use std::num::NonZeroU64;

const NANOS_PER_SECOND: i128 = 1_000_000_000;
const SECONDS_PER_DAY: NonZeroU64 = NonZeroU64::MIN.saturating_add(86_399);
const SECONDS_PER_HOUR: NonZeroU64 = NonZeroU64::MIN.saturating_add(3_599);

/// How time is cut into periods. Every period is half-open, `[start, end)`: an instant on a
/// boundary belongs to the period that starts there.
///
/// ```
/// use iso19770_core::Instant;
/// use iso19770_resource_util::aggregate::{Period, Periods};
///
/// // 15-minute periods aligned to 00:05 rather than to the hour.
/// let quarters = Periods::fixed(900, Instant::from_unix_seconds(300)).expect("a length");
/// let p = quarters.period_of(Instant::from_unix_seconds(1_200)).expect("in range");
/// assert_eq!(p, Period::Span { start: Instant::from_unix_seconds(1_200), end: Instant::from_unix_seconds(2_100) });
///
/// // Calendar months in UTC: 2024-02-29T23:59:59Z is in February, a leap February.
/// let months = Periods::UtcMonths;
/// let feb = months.period_of(Instant::from_unix_seconds(1_709_251_199)).expect("in range");
/// assert_eq!(feb.to_string(), "2024-02-01T00:00:00Z/2024-03-01T00:00:00Z");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Periods {
    /// Periods of a fixed number of seconds, aligned to an origin: the periods are
    /// `[origin + k·seconds, origin + (k+1)·seconds)` for every integer `k`, before the origin
    /// as well as after it. Days of a time zone with a fixed offset are 86 400 seconds aligned
    /// to a local midnight.
    Fixed {
        /// The length of a period in seconds.
        seconds: NonZeroU64,
        /// An instant at which a period starts.
        origin: Instant,
    },
    /// UTC calendar days, `[00:00:00Z, next day 00:00:00Z)` (86 400 seconds: leap seconds are
    /// not counted, as in Unix time).
    UtcDays,
    /// UTC calendar months, `[the 1st 00:00:00Z, the next month's 1st 00:00:00Z)`, proleptic
    /// Gregorian (28 to 31 days, February 29 in leap years).
    UtcMonths,
    /// The whole input as one period, [`Period::Whole`].
    Whole,
}

impl Periods {
    /// Periods of `seconds` aligned to `origin`; `None` for a length of zero.
    pub fn fixed(seconds: u64, origin: Instant) -> Option<Self> {
        NonZeroU64::new(seconds).map(|seconds| Periods::Fixed { seconds, origin })
    }

    /// Hours, aligned to the Unix epoch (and so to every UTC hour).
    pub fn hourly() -> Self {
        Periods::Fixed { seconds: SECONDS_PER_HOUR, origin: Instant::from_unix_seconds(0) }
    }

    /// The number of the period holding `at`: consecutive periods have consecutive numbers.
    pub(crate) fn index_of(self, at: Instant) -> i128 {
        match self {
            Periods::Fixed { seconds, origin } => {
                // Both below 2^94 in magnitude: neither the difference nor the product overflows.
                (at.as_nanos() - origin.as_nanos()).div_euclid(i128::from(seconds.get()) * NANOS_PER_SECOND)
            }
            Periods::UtcDays => i128::from(at.seconds().div_euclid(86_400)),
            Periods::UtcMonths => {
                let (year, month, _) = at.utc_date();
                i128::from(year) * 12 + i128::from(month) - 1
            }
            Periods::Whole => 0,
        }
    }

    /// The period numbered `index`; `None` when it starts or ends out of the range of instants.
    pub(crate) fn period(self, index: i128) -> Option<Period> {
        match self {
            Periods::Fixed { seconds, origin } => {
                let length = i128::from(seconds.get()) * NANOS_PER_SECOND;
                let start = index.checked_mul(length)?.checked_add(origin.as_nanos())?;
                let end = start.checked_add(length)?;
                Some(Period::Span { start: Instant::from_nanos(start)?, end: Instant::from_nanos(end)? })
            }
            Periods::UtcDays => {
                Periods::Fixed { seconds: SECONDS_PER_DAY, origin: Instant::from_unix_seconds(0) }.period(index)
            }
            Periods::UtcMonths => {
                let month = |index: i128| {
                    let year = i64::try_from(index.div_euclid(12)).ok()?;
                    let month = u8::try_from(index.rem_euclid(12) + 1).ok()?;
                    Instant::start_of_utc_month(year, month)
                };
                Some(Period::Span { start: month(index)?, end: month(index.checked_add(1)?)? })
            }
            Periods::Whole => Some(Period::Whole),
        }
    }

    /// The period holding `at`; `None` when that period starts or ends out of the range of
    /// instants.
    pub fn period_of(self, at: Instant) -> Option<Period> {
        self.period(self.index_of(at))
    }

    /// The periods `[start, end)` overlaps, each with the length of the overlap in nanoseconds,
    /// in time order, into `out`. An empty interval (`start == end`) gives the period holding
    /// `start`, with an overlap of zero. More than `limit` periods is refused before any is
    /// listed.
    pub(crate) fn overlaps(
        self,
        start: Instant,
        end: Instant,
        limit: u64,
        out: &mut Vec<(Period, u128)>,
    ) -> Result<(), OverlapError> {
        out.clear();
        let first = self.index_of(start);
        let last = if end > start {
            // The last instant inside [start, end).
            self.index_of(Instant::from_nanos(end.as_nanos() - 1).ok_or(OverlapError::OutOfRange)?)
        } else {
            first
        };
        let count = last - first + 1; // last >= first: index_of is monotonic
        if count > i128::from(limit) {
            return Err(OverlapError::TooMany(count.unsigned_abs()));
        }
        for index in first..=last {
            let period = self.period(index).ok_or(OverlapError::OutOfRange)?;
            let (from, to) = match period {
                Period::Whole => (start, end),
                Period::Span { start: s, end: e } => (s.max(start), e.min(end)),
            };
            out.push((period, (to.as_nanos() - from.as_nanos()).unsigned_abs()));
        }
        Ok(())
    }
}

/// Why [`Periods::overlaps`] lists no periods.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum OverlapError {
    /// More periods than the limit: this many.
    TooMany(u128),
    /// A period out of the range of instants.
    OutOfRange,
}

/// One period: the half-open interval `[start, end)`, or the whole input.
///
/// Periods order by time (their start); [`Period::Whole`] comes first, though an aggregator
/// never mixes it with the others.
///
/// ```
/// use iso19770_core::Instant;
/// use iso19770_resource_util::aggregate::Period;
///
/// let hour = Period::Span { start: Instant::from_unix_seconds(3_600), end: Instant::from_unix_seconds(7_200) };
/// assert!(hour.contains(Instant::from_unix_seconds(3_600)));
/// assert!(!hour.contains(Instant::from_unix_seconds(7_200)));
/// assert_eq!(hour.to_string(), "1970-01-01T01:00:00Z/1970-01-01T02:00:00Z");
/// assert!(Period::Whole.contains(Instant::from_unix_seconds(-1)));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Period {
    /// The whole input: every instant.
    Whole,
    /// `[start, end)`.
    Span {
        /// The first instant of the period.
        start: Instant,
        /// The first instant after the period.
        end: Instant,
    },
}

impl Period {
    /// Whether the period holds `at`.
    pub fn contains(&self, at: Instant) -> bool {
        match *self {
            Period::Whole => true,
            Period::Span { start, end } => start <= at && at < end,
        }
    }

    /// The first instant of the period; `None` for the whole input.
    pub fn start(&self) -> Option<Instant> {
        match *self {
            Period::Whole => None,
            Period::Span { start, .. } => Some(start),
        }
    }

    /// The first instant after the period; `None` for the whole input.
    pub fn end(&self) -> Option<Instant> {
        match *self {
            Period::Whole => None,
            Period::Span { end, .. } => Some(end),
        }
    }
}

/// An ISO 8601 interval in UTC (`2024-01-01T10:00:00Z/2024-01-01T11:00:00Z`), or `whole input`.
impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Period::Whole => f.write_str("whole input"),
            Period::Span { start, end } => write!(f, "{start}/{end}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(seconds: i64) -> Instant {
        Instant::from_unix_seconds(seconds)
    }

    fn span(start: i64, end: i64) -> Period {
        Period::Span { start: at(start), end: at(end) }
    }

    #[test]
    fn fixed_periods_are_half_open_and_aligned_to_their_origin() {
        let hourly = Periods::hourly();
        assert_eq!(hourly.period_of(at(3_599)), Some(span(0, 3_600)));
        assert_eq!(hourly.period_of(at(3_600)), Some(span(3_600, 7_200)));
        assert_eq!(hourly.period_of(at(-1)), Some(span(-3_600, 0)));
        let quarters = Periods::fixed(900, at(300)).unwrap();
        assert_eq!(quarters.period_of(at(299)), Some(span(-600, 300)));
        assert_eq!(quarters.period_of(at(300)), Some(span(300, 1_200)));
        // A fraction of a second before a boundary.
        let before = Instant::new(1_199, 999_999_999).unwrap();
        assert_eq!(quarters.period_of(before), Some(span(300, 1_200)));
        assert_eq!(Periods::fixed(0, at(0)), None);
    }

    #[test]
    fn days_and_months_follow_the_utc_calendar() {
        // 2024-03-01T00:00:00Z = 1709251200; 2024-02-01 = 1706745600; 2024-04-01 = 1711929600.
        assert_eq!(Periods::UtcDays.period_of(at(1_709_251_199)), Some(span(1_709_164_800, 1_709_251_200)));
        assert_eq!(Periods::UtcMonths.period_of(at(1_709_251_199)), Some(span(1_706_745_600, 1_709_251_200)));
        assert_eq!(Periods::UtcMonths.period_of(at(1_709_251_200)), Some(span(1_709_251_200, 1_711_929_600)));
        // December runs into January of the next year: 2023-12-01 = 1701388800, 2024-01-01 = 1704067200.
        assert_eq!(Periods::UtcMonths.period_of(at(1_704_067_199)), Some(span(1_701_388_800, 1_704_067_200)));
        assert_eq!(Periods::Whole.period_of(at(i64::MIN)), Some(Period::Whole));
    }

    #[test]
    fn overlaps_in_nanoseconds() {
        let mut out = Vec::new();
        // 10:30 to 12:00 over hours: 30 minutes in the 10 o'clock hour, 60 in the 11 o'clock.
        Periods::hourly().overlaps(at(37_800), at(43_200), 10, &mut out).unwrap();
        assert_eq!(out, [(span(36_000, 39_600), 1_800_000_000_000), (span(39_600, 43_200), 3_600_000_000_000)]);
        // An empty interval on a boundary: the period that starts there.
        Periods::hourly().overlaps(at(43_200), at(43_200), 10, &mut out).unwrap();
        assert_eq!(out, [(span(43_200, 46_800), 0)]);
        Periods::Whole.overlaps(at(0), at(5), 10, &mut out).unwrap();
        assert_eq!(out, [(Period::Whole, 5_000_000_000)]);
        assert_eq!(Periods::hourly().overlaps(at(0), at(36_001), 10, &mut out), Err(OverlapError::TooMany(11)));
        assert_eq!(Periods::hourly().overlaps(at(0), at(36_000), 10, &mut out), Ok(()));
        assert_eq!(out.len(), 10);
    }

    #[test]
    fn periods_out_of_range() {
        let near_end = at(i64::MAX - 10);
        assert_eq!(Periods::hourly().period_of(near_end), None);
        assert_eq!(Periods::UtcMonths.period_of(near_end), None);
        assert_eq!(Periods::UtcDays.period_of(at(i64::MIN)), None);
        let mut out = Vec::new();
        assert_eq!(Periods::hourly().overlaps(near_end, near_end, 10, &mut out), Err(OverlapError::OutOfRange));
    }
}
