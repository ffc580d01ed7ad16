//! The spanning rule: how the sum divides the value of a measurement whose interval overlaps
//! several periods.

use super::exact::{MAX_SCALE, pro_rata};
use super::period::Period;
use iso19770_core::decimal::Decimal;

/// How [`Stats::sum`](super::Stats::sum) divides the value of a measurement whose interval
/// overlaps several periods. Peaks, minimums, counts and averages never divide a value: they
/// take it whole in every period the interval overlaps.
///
/// ```
/// use iso19770_resource_util::aggregate::Spanning;
///
/// assert_eq!(Spanning::default(), Spanning::ProRata { scale: 6 });
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Spanning {
    /// Split in proportion to the time the interval spends in each period, exactly: pieces
    /// are rounded half to even to `scale` digits after the point (0 to 28) cumulatively
    /// (piece *i* is `round(value × t_i ÷ T) − round(value × t_(i−1) ÷ T)`, where `t_i` is the
    /// time of the interval up to the end of period *i* and `T` its length), and the last piece
    /// is the value less the pieces before it. So the pieces add up to the value exactly, and
    /// each is within one unit of `scale` of its exact share.
    ProRata {
        /// Digits after the point of the pieces but the last.
        scale: u32,
    },
    /// The whole value to the period holding the start of the interval.
    Start,
    /// The whole value to the last period the interval overlaps: the one holding its end, or,
    /// when the end is on a boundary, the one ending there (the interval is half-open).
    End,
}

/// Pro rata at six digits after the point.
impl Default for Spanning {
    fn default() -> Self {
        Spanning::ProRata { scale: 6 }
    }
}

impl Spanning {
    /// The scale of [`Spanning::ProRata`] when it is above 28.
    pub(crate) fn bad_scale(self) -> Option<u32> {
        match self {
            Spanning::ProRata { scale } if scale > MAX_SCALE => Some(scale),
            _ => None,
        }
    }

    /// The share of `value` for each of `overlaps` (the periods in time order, with the time
    /// spent in each in nanoseconds), into `shares`; `None` when a piece does not fit a decimal.
    pub(crate) fn shares(self, value: Decimal, overlaps: &[(Period, u128)], shares: &mut Vec<Decimal>) -> Option<()> {
        shares.clear();
        let n = overlaps.len();
        match self {
            Spanning::ProRata { scale } => {
                pro_rata(value, overlaps, |&(_, w)| w, scale, shares)?;
            }
            Spanning::Start => shares.extend((0..n).map(|i| if i == 0 { value } else { Decimal::ZERO })),
            Spanning::End => shares.extend((0..n).map(|i| if i + 1 == n { value } else { Decimal::ZERO })),
        }
        Some(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use iso19770_core::Instant;

    fn hour(h: i64) -> Period {
        Period::Span {
            start: Instant::from_unix_seconds(h * 3_600),
            end: Instant::from_unix_seconds(h * 3_600 + 3_600),
        }
    }

    #[test]
    fn each_rule_divides_the_value() {
        const MINUTE: u128 = 60_000_000_000;
        // 10:30 to 12:00: 30 minutes in hour 10, 60 in hour 11.
        let overlaps = [(hour(10), 30 * MINUTE), (hour(11), 60 * MINUTE)];
        let mut shares = Vec::new();
        Spanning::default().shares(Decimal::from(3), &overlaps, &mut shares).unwrap();
        assert_eq!(shares, [Decimal::from(1), Decimal::from(2)]);
        Spanning::Start.shares(Decimal::from(3), &overlaps, &mut shares).unwrap();
        assert_eq!(shares, [Decimal::from(3), Decimal::ZERO]);
        Spanning::End.shares(Decimal::from(3), &overlaps, &mut shares).unwrap();
        assert_eq!(shares, [Decimal::ZERO, Decimal::from(3)]);
        Spanning::ProRata { scale: 0 }.shares(Decimal::from(1), &overlaps, &mut shares).unwrap();
        assert_eq!(shares, [Decimal::ZERO, Decimal::from(1)]);
        // One period: the whole value, whatever the rule.
        Spanning::ProRata { scale: 0 }.shares(Decimal::from(7), &overlaps[..1], &mut shares).unwrap();
        assert_eq!(shares, [Decimal::from(7)]);
        assert_eq!(Spanning::ProRata { scale: 29 }.bad_scale(), Some(29));
        assert_eq!(Spanning::ProRata { scale: 28 }.bad_scale(), None);
    }
}
