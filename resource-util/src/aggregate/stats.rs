//! The statistics of one group in one period, and exact averages.

use super::error::AggregateError;
use super::exact::{MAX_SCALE, scaled_ratio};
use iso19770_core::decimal::Decimal;

/// What the measurements of one group (asset, metric, subtype) say about one period.
///
/// A measurement *overlaps* a period when its placement shares an instant with it (an instant
/// placement: the period holding it). Every measurement that overlaps the period counts, with
/// its whole value, toward `count`, `peak`, `minimum` and the average: a value held over an
/// interval was held in each period of it. Only `sum` divides a value between periods, by the
/// aggregator's [`Spanning`](super::Spanning) rule.
///
/// ```
/// use iso19770_resource_util::aggregate::{Average, Stats};
///
/// let s = Stats::first(5.into(), 5.into()).and(2.into(), 1.into()).expect("no overflow");
/// assert_eq!((s.count, s.peak, s.minimum), (2, 5.into(), 2.into()));
/// assert_eq!(s.sum, 6.into());
/// assert_eq!(s.average(), Average { total: 7.into(), count: 2 });
/// assert_eq!(s.average().rounded(0)?, 4.into()); // 3.5, half to even
/// # Ok::<(), iso19770_resource_util::aggregate::AggregateError>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Stats {
    /// How many measurements overlap the period.
    pub count: u64,
    /// The sum of what the spanning rule gives this period of each measurement's value (the
    /// whole value for a measurement inside the period).
    pub sum: Decimal,
    /// The highest value of a measurement overlapping the period (the high-water mark).
    pub peak: Decimal,
    /// The lowest value of a measurement overlapping the period.
    pub minimum: Decimal,
    /// The sum of the whole values of the measurements overlapping the period: with `count`,
    /// the average.
    pub total: Decimal,
}

impl Stats {
    /// The statistics of one measurement of `value`, of which `share` goes to the sum.
    pub fn first(value: Decimal, share: Decimal) -> Self {
        Stats { count: 1, sum: share, peak: value, minimum: value, total: value }
    }

    /// These statistics and one more measurement of `value`, of which `share` goes to the
    /// sum; `None` when a sum overflows.
    #[must_use]
    pub fn and(&self, value: Decimal, share: Decimal) -> Option<Self> {
        Some(Stats {
            count: self.count.checked_add(1)?,
            sum: self.sum.checked_add(share)?,
            peak: self.peak.max(value),
            minimum: self.minimum.min(value),
            total: self.total.checked_add(value)?,
        })
    }

    /// The average of the whole values of the measurements overlapping the period, exactly.
    pub fn average(&self) -> Average {
        Average { total: self.total, count: self.count }
    }
}

/// An average kept exact: a total and a count, divided only when asked, to a stated scale.
///
/// ```
/// use iso19770_core::decimal::parse;
/// use iso19770_resource_util::aggregate::Average;
///
/// let third = Average { total: 1.into(), count: 3 };
/// assert_eq!(third.rounded(4)?, parse("0.3333")?);
/// assert_eq!(Average { total: parse("0.125")?, count: 1 }.rounded(2)?, parse("0.12")?);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Average {
    /// The sum of the values.
    pub total: Decimal,
    /// How many values.
    pub count: u64,
}

impl Average {
    /// `total ÷ count` to `scale` digits after the point (0 to 28), rounded half to even (a
    /// tie goes to the even last digit; negative averages round as their magnitude does).
    /// The division is exact before the one rounding: no floating point, no intermediate
    /// rounding.
    pub fn rounded(&self, scale: u32) -> Result<Decimal, AggregateError> {
        if scale > MAX_SCALE {
            return Err(AggregateError::Scale { scale });
        }
        if self.count == 0 {
            return Err(AggregateError::NoValues);
        }
        scaled_ratio(self.total, 1, u128::from(self.count), scale).ok_or(AggregateError::AverageOutOfRange {
            total: self.total,
            count: self.count,
            scale,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use iso19770_core::decimal::parse;

    fn d(text: &str) -> Decimal {
        parse(text).unwrap()
    }

    #[test]
    fn stats_accumulate() {
        let s = Stats::first(d("3"), d("1")).and(d("-1"), d("-1")).unwrap().and(d("7.5"), d("0.5")).unwrap();
        assert_eq!(s, Stats { count: 3, sum: d("0.5"), peak: d("7.5"), minimum: d("-1"), total: d("9.5") });
        assert_eq!(Stats::first(Decimal::MAX, Decimal::MAX).and(Decimal::ONE, Decimal::ZERO), None);
        assert_eq!(Stats::first(Decimal::ZERO, Decimal::MAX).and(Decimal::ZERO, Decimal::ONE), None);
        let full = Stats { count: u64::MAX, ..Stats::first(Decimal::ONE, Decimal::ONE) };
        assert_eq!(full.and(Decimal::ONE, Decimal::ONE), None);
    }

    #[test]
    fn averages_divide_once_half_to_even() {
        let avg = |total: &str, count| Average { total: d(total), count };
        assert_eq!(avg("2", 3).rounded(6), Ok(d("0.666667")));
        assert_eq!(avg("5", 2).rounded(0), Ok(d("2")));
        assert_eq!(avg("7", 2).rounded(0), Ok(d("4")));
        assert_eq!(avg("-7", 2).rounded(0), Ok(d("-4")));
        assert_eq!(avg("1.000", 8).rounded(3), Ok(d("0.125")));
        assert_eq!(avg("1", 8).rounded(28), Ok(d("0.125")));
        assert_eq!(avg("1", 8).rounded(28).map(|x| x.scale()), Ok(28));
        assert_eq!(avg("1", 0).rounded(2), Err(AggregateError::NoValues));
        assert_eq!(avg("1", 1).rounded(29), Err(AggregateError::Scale { scale: 29 }));
        assert_eq!(
            Average { total: Decimal::MAX, count: 1 }.rounded(1),
            Err(AggregateError::AverageOutOfRange { total: Decimal::MAX, count: 1, scale: 1 })
        );
    }
}
