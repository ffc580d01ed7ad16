//! Concurrency peaks: the most intervals (or the largest sum of their values) active at once,
//! found by a sweep over their starts and ends.

use super::error::{AggregateError, TimeField};
use super::key::{GroupKey, KeyParts};
use super::period::{OverlapError, Period, Periods};
use crate::Measurement;
use iso19770_core::Instant;
use iso19770_core::decimal::Decimal;
use std::collections::BTreeMap;

/// What each active interval adds to the level of a [`Concurrency`] sweep.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum Weight {
    /// One per interval: the number of intervals active at once (floating-user sessions).
    #[default]
    Count,
    /// The measurement's value: the sum of the values of the intervals active at once
    /// (cores, users or units per session).
    Value,
}

/// The highest level of a [`Concurrency`] sweep, overall or in one period.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Peak {
    /// The level: the number of intervals active, or the sum of their values.
    pub level: Decimal,
    /// The first instant at which the level was reached (in the period, for a period's peak).
    pub at: Instant,
    /// How many intervals were active then.
    pub active: u64,
}

/// The concurrency peaks of one group: overall, and in each period an interval overlaps.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConcurrencyPeaks {
    /// The highest level over all time.
    pub overall: Peak,
    /// The highest level in each period, in time order.
    pub periods: BTreeMap<Period, Peak>,
}

/// One end of an interval.
#[derive(Clone, Copy, Debug)]
struct Event {
    at: Instant,
    /// A start (`true`) or an end (`false`): ends sort first.
    start: bool,
    weight: Decimal,
    index: u64,
}

/// Concurrency peaks per group ([`GroupKey`]) from intervals `[start, end)`, by a sweep.
///
/// # Rules
///
/// - Each measurement is an interval from its start to its end, both required (the log time is
///   not used); an end before the start is an error. Intervals are half-open: one that ends at
///   the instant another starts does not overlap it. An empty interval (`start == end`) is
///   active at no instant: it is counted as given but adds nothing.
/// - The level at an instant is the number of intervals active ([`Weight::Count`]) or the sum
///   of their values ([`Weight::Value`]). The sweep orders the starts and ends by instant and
///   applies every one at an instant (ends before starts, then by input order) before it reads
///   the level, so the level read holds from that instant to the next.
/// - The peak is the highest level at an instant with an interval active, and the first
///   instant it is reached; a period's peak is the highest level at an instant in the period
///   with an interval active (periods no interval overlaps are absent).
///
/// # Memory
///
/// Unlike [`Aggregator`](super::Aggregator), the sweep holds its input: two events (about 48
/// bytes each) per non-empty interval until [`Concurrency::finish`], which sorts them,
/// `O(n log n)` in time.
///
/// ```
/// use iso19770_core::Instant;
/// use iso19770_resource_util::Measurement;
/// use iso19770_resource_util::aggregate::{Concurrency, Periods, Weight};
///
/// let mut sweep = Concurrency::new(Periods::Whole, Weight::Count);
/// for (start, end) in [(0, 10), (5, 20), (10, 15)] {
///     sweep.add("app", &Measurement::new("SESSION", 1.into()).with_period(start, end))?;
/// }
/// let peaks = sweep.finish()?;
/// let app = &peaks.values().next().expect("one group").overall;
/// // (0, 10) ends when (10, 15) starts: at most two at once, first at 5.
/// assert_eq!((app.level, app.at, app.active), (2.into(), Instant::from_unix_seconds(5), 2));
/// # Ok::<(), iso19770_resource_util::aggregate::AggregateError>(())
/// ```
#[derive(Clone, Debug)]
pub struct Concurrency {
    periods: Periods,
    weight: Weight,
    period_limit: u64,
    groups: BTreeMap<GroupKey, Vec<Event>>,
    next_index: u64,
    scratch: Vec<(Period, u128)>,
}

impl Concurrency {
    /// A sweep over these periods with this weight, and the default period limit
    /// ([`DEFAULT_PERIOD_LIMIT`](super::DEFAULT_PERIOD_LIMIT)).
    pub fn new(periods: Periods, weight: Weight) -> Self {
        Concurrency {
            periods,
            weight,
            period_limit: super::DEFAULT_PERIOD_LIMIT,
            groups: BTreeMap::new(),
            next_index: 0,
            scratch: Vec::new(),
        }
    }

    /// The same sweep with another limit on the number of periods one interval may overlap; an
    /// interval over more is refused with [`AggregateError::TooManyPeriods`].
    #[must_use]
    pub fn with_period_limit(mut self, limit: u64) -> Self {
        self.period_limit = limit;
        self
    }

    /// How many intervals were given, the refused ones included: the index of the next.
    pub fn measurements(&self) -> u64 {
        self.next_index
    }

    /// Adds the interval of a measurement of the asset keyed `asset`, grouped by asset, metric
    /// and subtype. On an error nothing is changed but the index.
    pub fn add(&mut self, asset: &str, m: &Measurement) -> Result<(), AggregateError> {
        let index = self.next_index;
        self.next_index = self.next_index.saturating_add(1);
        let (Some(start), Some(end)) = (&m.start, &m.end) else {
            return Err(AggregateError::NoInterval { index });
        };
        let read = |field, value: &iso19770_core::Timestamp| {
            value.instant().map_err(|source| AggregateError::Time { index, field, value: value.clone(), source })
        };
        let (from, to) = (read(TimeField::Start, start)?, read(TimeField::End, end)?);
        if to < from {
            return Err(AggregateError::EndBeforeStart { index, start: start.clone(), end: end.clone() });
        }
        if to == from {
            return Ok(());
        }
        // Refuse here what `finish` could not list.
        self.periods.overlaps(from, to, self.period_limit, &mut self.scratch).map_err(|e| match e {
            OverlapError::TooMany(count) => AggregateError::TooManyPeriods { index, count, limit: self.period_limit },
            OverlapError::OutOfRange => AggregateError::PeriodOutOfRange { index },
        })?;
        let weight = match self.weight {
            Weight::Count => Decimal::ONE,
            Weight::Value => m.value,
        };
        let key = (asset, m.metric.as_str(), m.subtype.as_deref());
        let events = match self.groups.get_mut(&key as &dyn KeyParts) {
            Some(events) => events,
            None => self.groups.entry(GroupKey::new(asset, m.metric.as_str(), m.subtype.as_deref())).or_default(),
        };
        events.push(Event { at: from, start: true, weight, index });
        events.push(Event { at: to, start: false, weight, index });
        Ok(())
    }

    /// Sweeps every group: its peaks overall and per period, in key order. An error when a
    /// level overflows, naming the interval whose start or end made it.
    pub fn finish(self) -> Result<BTreeMap<GroupKey, ConcurrencyPeaks>, AggregateError> {
        let mut result = BTreeMap::new();
        for (key, mut events) in self.groups {
            if let Some(peaks) = sweep(self.periods, &mut events)? {
                result.insert(key, peaks);
            }
        }
        Ok(result)
    }
}

/// Raises `slot` to `level` when it is higher (the first instant of a level is kept).
fn raise(slot: &mut Option<Peak>, level: Decimal, at: Instant, active: u64) {
    if slot.is_none_or(|peak| level > peak.level) {
        *slot = Some(Peak { level, at, active });
    }
}

/// The sweep of one group's events; `None` when no interval is ever active.
fn sweep(periods: Periods, events: &mut [Event]) -> Result<Option<ConcurrencyPeaks>, AggregateError> {
    events.sort_unstable_by_key(|e| (e.at, e.start, e.index));
    let mut level = Decimal::ZERO;
    let mut active = 0u64;
    let mut overall = None;
    let mut by_period: BTreeMap<Period, Peak> = BTreeMap::new();
    let mut overlaps = Vec::new();
    let mut i = 0;
    while let Some(first) = events.get(i) {
        let now = first.at;
        while let Some(e) = events.get(i).filter(|e| e.at == now) {
            let overflow = || AggregateError::Overflow { index: e.index, what: "concurrency level" };
            if e.start {
                level = level.checked_add(e.weight).ok_or_else(overflow)?;
                active = active.checked_add(1).ok_or_else(overflow)?;
            } else {
                level = level.checked_sub(e.weight).ok_or_else(overflow)?;
                active = active.saturating_sub(1);
            }
            i += 1;
        }
        // Every active interval ends after `now`, so while one is active a next event exists.
        let Some(next) = events.get(i).filter(|_| active > 0) else {
            continue;
        };
        raise(&mut overall, level, now, active);
        // The segment [now, next.at) lies inside an interval that `add` accepted, so it overlaps
        // no more periods than the limit, and every one of them is in range.
        periods
            .overlaps(now, next.at, u64::MAX, &mut overlaps)
            .map_err(|_| AggregateError::PeriodOutOfRange { index: next.index })?;
        for &(period, _) in &overlaps {
            let at = period.start().map_or(now, |start| start.max(now));
            let mut slot = by_period.get(&period).copied();
            raise(&mut slot, level, at, active);
            if let Some(peak) = slot {
                by_period.insert(period, peak);
            }
        }
    }
    Ok(overall.map(|overall| ConcurrencyPeaks { overall, periods: by_period }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(seconds: i64) -> Instant {
        Instant::from_unix_seconds(seconds)
    }

    fn session(start: i64, end: i64) -> Measurement {
        Measurement::new("SESSION", Decimal::ONE).with_period(start, end)
    }

    fn overall(intervals: &[(i64, i64)]) -> Option<(Decimal, Instant, u64)> {
        let mut sweep = Concurrency::new(Periods::Whole, Weight::Count);
        for &(s, e) in intervals {
            sweep.add("a", &session(s, e)).unwrap();
        }
        let peaks = sweep.finish().unwrap();
        peaks.values().next().map(|p| (p.overall.level, p.overall.at, p.overall.active))
    }

    #[test]
    fn ends_before_starts_at_the_same_instant() {
        assert_eq!(overall(&[(0, 10), (10, 20)]), Some((Decimal::ONE, at(0), 1)));
        assert_eq!(overall(&[(0, 10), (9, 20)]), Some((Decimal::TWO, at(9), 2)));
        assert_eq!(overall(&[(0, 10), (0, 10), (0, 10)]), Some((Decimal::from(3), at(0), 3)));
        // Empty intervals are never active.
        assert_eq!(overall(&[(5, 5)]), None);
        assert_eq!(overall(&[(0, 10), (5, 5)]), Some((Decimal::ONE, at(0), 1)));
        // The first instant of the peak is kept.
        assert_eq!(overall(&[(0, 2), (1, 3), (5, 7), (6, 8)]), Some((Decimal::TWO, at(1), 2)));
    }

    #[test]
    fn weights_are_values_and_errors_keep_their_index() {
        let mut sweep = Concurrency::new(Periods::Whole, Weight::Value);
        sweep.add("a", &Measurement::new("CORES", Decimal::from(4)).with_period(0, 10)).unwrap();
        sweep.add("a", &Measurement::new("CORES", Decimal::from(8)).with_period(5, 6)).unwrap();
        assert_eq!(
            sweep.add("a", &Measurement::new("CORES", Decimal::ONE).with_log_time(3)),
            Err(AggregateError::NoInterval { index: 2 })
        );
        assert!(matches!(
            sweep.add("a", &Measurement::new("CORES", Decimal::ONE).with_period(3, 2)),
            Err(AggregateError::EndBeforeStart { index: 3, .. })
        ));
        assert_eq!(sweep.measurements(), 4);
        let peaks = sweep.finish().unwrap();
        let cores = &peaks[&GroupKey::new("a", "CORES", None)];
        assert_eq!(cores.overall, Peak { level: Decimal::from(12), at: at(5), active: 2 });

        let mut sweep = Concurrency::new(Periods::Whole, Weight::Value);
        sweep.add("a", &Measurement::new("M", Decimal::MAX).with_period(0, 10)).unwrap();
        sweep.add("a", &Measurement::new("M", Decimal::MAX).with_period(5, 10)).unwrap();
        assert_eq!(sweep.finish(), Err(AggregateError::Overflow { index: 1, what: "concurrency level" }));
    }

    #[test]
    fn period_peaks_and_limits() {
        let mut sweep = Concurrency::new(Periods::fixed(10, at(0)).unwrap(), Weight::Count).with_period_limit(3);
        for (s, e) in [(5, 25), (12, 14), (13, 30)] {
            sweep.add("a", &session(s, e)).unwrap();
        }
        assert_eq!(
            sweep.add("a", &session(0, 31)),
            Err(AggregateError::TooManyPeriods { index: 3, count: 4, limit: 3 })
        );
        let peaks = sweep.finish().unwrap();
        let p = &peaks[&GroupKey::new("a", "SESSION", None)];
        let span = |s, e| Period::Span { start: at(s), end: at(e) };
        let periods: Vec<(Period, Peak)> = p.periods.iter().map(|(k, v)| (*k, *v)).collect();
        // [0,10): one from 5. [10,20): one from 10, three at 13. [20,30): two from 20, one from 25.
        assert_eq!(
            periods,
            [
                (span(0, 10), Peak { level: Decimal::ONE, at: at(5), active: 1 }),
                (span(10, 20), Peak { level: Decimal::from(3), at: at(13), active: 3 }),
                (span(20, 30), Peak { level: Decimal::TWO, at: at(20), active: 2 }),
            ]
        );
        assert_eq!(p.overall, Peak { level: Decimal::from(3), at: at(13), active: 3 });
    }
}
