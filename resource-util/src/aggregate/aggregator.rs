//! The streaming aggregator: statistics per asset, metric, subtype and period, one measurement
//! at a time.

use super::error::AggregateError;
use super::key::{GroupKey, KeyParts};
use super::period::{OverlapError, Period, Periods};
use super::placement::Placement;
use super::spanning::Spanning;
use super::stats::Stats;
use crate::Measurement;
use iso19770_core::decimal::Decimal;
use std::collections::BTreeMap;

/// The default of [`Aggregator::with_period_limit`].
pub const DEFAULT_PERIOD_LIMIT: u64 = 100_000;

/// The statistics of every group, period by period, in order.
pub type Groups = BTreeMap<GroupKey, BTreeMap<Period, Stats>>;

/// Aggregates measurements one at a time into [`Stats`] per group ([`GroupKey`]: asset,
/// metric, subtype) and period ([`Periods`]).
///
/// Memory grows with the number of (group, period) pairs met, never with the number of
/// measurements: a stream of any length is aggregated in one pass. Results come out in key
/// order, then period order (`BTreeMap`s), so the same input always gives the same output.
///
/// ```
/// use iso19770_core::decimal::parse;
/// use iso19770_resource_util::Measurement;
/// use iso19770_resource_util::aggregate::{Aggregator, Periods};
///
/// let mut agg = Aggregator::new(Periods::hourly());
/// // 3 over 10:30-12:00 (90 minutes): 1 for the 10 o'clock hour, 2 for the 11 o'clock hour.
/// let m = Measurement::new("CPU_SECONDS", 3.into())
///     .with_period("2024-01-01T10:30:00Z", "2024-01-01T12:00:00Z");
/// agg.add("server-1", &m)?;
/// let hours: Vec<String> = agg
///     .rows()
///     .map(|(key, period, stats)| format!("{key} {period} sum {} peak {}", stats.sum, stats.peak))
///     .collect();
/// assert_eq!(hours, [
///     "server-1 CPU_SECONDS 2024-01-01T10:00:00Z/2024-01-01T11:00:00Z sum 1.000000 peak 3",
///     "server-1 CPU_SECONDS 2024-01-01T11:00:00Z/2024-01-01T12:00:00Z sum 2.000000 peak 3",
/// ]);
/// # Ok::<(), iso19770_resource_util::aggregate::AggregateError>(())
/// ```
#[derive(Clone, Debug)]
pub struct Aggregator {
    periods: Periods,
    spanning: Spanning,
    period_limit: u64,
    groups: Groups,
    next_index: u64,
    // Reused from one measurement to the next, so that adding allocates nothing once the groups
    // and periods exist.
    overlaps: Vec<(Period, u128)>,
    shares: Vec<Decimal>,
    updates: Vec<(Period, Stats)>,
}

impl Aggregator {
    /// An aggregator over these periods, with the default spanning rule
    /// ([`Spanning::ProRata`] at scale 6) and period limit ([`DEFAULT_PERIOD_LIMIT`]).
    pub fn new(periods: Periods) -> Self {
        Aggregator {
            periods,
            spanning: Spanning::default(),
            period_limit: DEFAULT_PERIOD_LIMIT,
            groups: BTreeMap::new(),
            next_index: 0,
            overlaps: Vec::new(),
            shares: Vec::new(),
            updates: Vec::new(),
        }
    }

    /// The same aggregator with another spanning rule; an error for a pro rata scale above 28.
    pub fn with_spanning(mut self, spanning: Spanning) -> Result<Self, AggregateError> {
        if let Some(scale) = spanning.bad_scale() {
            return Err(AggregateError::Scale { scale });
        }
        self.spanning = spanning;
        Ok(self)
    }

    /// The same aggregator with another limit on the number of periods one measurement may
    /// overlap (a guard against an interval of years cut into seconds); a measurement over more
    /// is refused with [`AggregateError::TooManyPeriods`].
    #[must_use]
    pub fn with_period_limit(mut self, limit: u64) -> Self {
        self.period_limit = limit;
        self
    }

    /// The periods.
    pub fn periods(&self) -> Periods {
        self.periods
    }

    /// The spanning rule.
    pub fn spanning(&self) -> Spanning {
        self.spanning
    }

    /// How many measurements were given to [`Aggregator::add`], the refused ones included: the
    /// index of the next.
    pub fn measurements(&self) -> u64 {
        self.next_index
    }

    /// Adds a measurement of the asset keyed `asset`.
    ///
    /// It is placed ([`Placement::of`]) and counted in every period its placement overlaps;
    /// its value divides between those periods' sums by the spanning rule. On an error nothing
    /// is changed but the index, so the caller may report the measurement and go on.
    pub fn add(&mut self, asset: &str, m: &Measurement) -> Result<(), AggregateError> {
        let index = self.next_index;
        self.next_index = self.next_index.saturating_add(1);
        let placement = Placement::of(index, m)?;
        self.periods.overlaps(placement.start(), placement.end(), self.period_limit, &mut self.overlaps).map_err(
            |e| match e {
                OverlapError::TooMany(count) => {
                    AggregateError::TooManyPeriods { index, count, limit: self.period_limit }
                }
                OverlapError::OutOfRange => AggregateError::PeriodOutOfRange { index },
            },
        )?;
        let overflow = |what| AggregateError::Overflow { index, what };
        self.spanning.shares(m.value, &self.overlaps, &mut self.shares).ok_or_else(|| overflow("pro rata piece"))?;

        // Work out every change before making any, so that an overflow leaves no trace.
        let key = (asset, m.metric.as_str(), m.subtype.as_deref());
        let existing = self.groups.get(&key as &dyn KeyParts);
        self.updates.clear();
        for (&(period, _), &share) in self.overlaps.iter().zip(&self.shares) {
            let stats = match existing.and_then(|g| g.get(&period)) {
                Some(before) => before.and(m.value, share).ok_or_else(|| overflow("sum"))?,
                None => Stats::first(m.value, share),
            };
            self.updates.push((period, stats));
        }
        let group = match self.groups.get_mut(&key as &dyn KeyParts) {
            Some(group) => group,
            None => self.groups.entry(GroupKey::new(asset, m.metric.as_str(), m.subtype.as_deref())).or_default(),
        };
        group.extend(self.updates.drain(..));
        Ok(())
    }

    /// The statistics of one group in one period.
    pub fn get(&self, asset: &str, metric: &str, subtype: Option<&str>, period: &Period) -> Option<&Stats> {
        self.group(asset, metric, subtype)?.get(period)
    }

    /// The statistics of one group, period by period.
    pub fn group(&self, asset: &str, metric: &str, subtype: Option<&str>) -> Option<&BTreeMap<Period, Stats>> {
        self.groups.get(&(asset, metric, subtype) as &dyn KeyParts)
    }

    /// Every group's statistics, period by period.
    pub fn groups(&self) -> &Groups {
        &self.groups
    }

    /// Every group's statistics in every period, in order: by key, then by period.
    pub fn rows(&self) -> impl Iterator<Item = (&GroupKey, &Period, &Stats)> {
        self.groups.iter().flat_map(|(key, periods)| periods.iter().map(move |(period, stats)| (key, period, stats)))
    }

    /// The result: every group's statistics, period by period.
    pub fn into_groups(self) -> Groups {
        self.groups
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use iso19770_core::Instant;
    use iso19770_core::decimal::parse;

    fn d(text: &str) -> Decimal {
        parse(text).unwrap()
    }

    fn hour(h: i64) -> Period {
        Period::Span {
            start: Instant::from_unix_seconds(h * 3_600),
            end: Instant::from_unix_seconds(h * 3_600 + 3_600),
        }
    }

    #[test]
    fn a_refused_measurement_leaves_no_trace() {
        let mut agg = Aggregator::new(Periods::hourly()).with_spanning(Spanning::Start).unwrap();
        agg.add("a", &Measurement::new("m", Decimal::MAX).with_log_time(0)).unwrap();
        // Over hours 0 and 1: hour 1 would be counted, but the sum of hour 0 overflows, so
        // neither changes.
        let over = Measurement::new("m", Decimal::MAX).with_period(1_800, 5_400);
        assert_eq!(agg.add("a", &over), Err(AggregateError::Overflow { index: 1, what: "sum" }));
        assert_eq!(agg.group("a", "m", None).map(BTreeMap::len), Some(1));
        assert_eq!(agg.get("a", "m", None, &hour(0)).map(|s| s.count), Some(1));
        assert_eq!(agg.get("a", "m", None, &hour(1)), None);
        // Pro rata pieces of so large a value do not fit six digits after the point.
        let mut pro_rata = Aggregator::new(Periods::hourly());
        assert_eq!(pro_rata.add("a", &over), Err(AggregateError::Overflow { index: 0, what: "pro rata piece" }));
        // A new group is not created by a refused measurement either.
        let reversed = Measurement::new("m", Decimal::ONE).with_period(10, 0);
        assert!(matches!(agg.add("b", &reversed), Err(AggregateError::EndBeforeStart { index: 2, .. })));
        assert_eq!(agg.groups().len(), 1);
        assert_eq!(agg.measurements(), 3);
    }

    #[test]
    fn limits_and_scales() {
        let mut agg = Aggregator::new(Periods::hourly()).with_period_limit(2);
        let long = Measurement::new("m", Decimal::ONE).with_period(0, 7_201);
        assert_eq!(agg.add("a", &long), Err(AggregateError::TooManyPeriods { index: 0, count: 3, limit: 2 }));
        agg.add("a", &Measurement::new("m", Decimal::ONE).with_period(0, 7_200)).unwrap();
        assert_eq!(agg.rows().count(), 2);
        assert_eq!(
            Aggregator::new(Periods::Whole).with_spanning(Spanning::ProRata { scale: 29 }).map(|a| a.spanning()),
            Err(AggregateError::Scale { scale: 29 })
        );
        let far = Measurement::new("m", Decimal::ONE).with_log_time(i64::MAX);
        assert_eq!(agg.add("a", &far), Err(AggregateError::PeriodOutOfRange { index: 2 }));
    }

    #[test]
    fn groups_by_asset_metric_and_subtype() {
        let mut agg = Aggregator::new(Periods::Whole);
        for (asset, metric, subtype, value) in
            [("b", "m", None, "1"), ("a", "m", Some("s"), "2"), ("a", "m", None, "3"), ("a", "m", None, "4.5")]
        {
            let mut m = Measurement::new(metric, d(value)).with_log_time(0);
            m.subtype = subtype.map(str::to_owned);
            agg.add(asset, &m).unwrap();
        }
        let rows: Vec<(String, u64, Decimal)> =
            agg.rows().map(|(k, p, s)| (format!("{k} {p}"), s.count, s.sum)).collect();
        assert_eq!(
            rows,
            [
                ("a m whole input".to_owned(), 2, d("7.5")),
                ("a m/s whole input".to_owned(), 1, d("2")),
                ("b m whole input".to_owned(), 1, d("1")),
            ]
        );
    }
}
