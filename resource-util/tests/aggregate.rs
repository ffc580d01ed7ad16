//! Aggregation against hand-computed results: peaks and sums across period boundaries, the
//! spanning rules, calendar months, concurrency sweeps and the errors, each value written out.

#![allow(clippy::expect_used, clippy::unwrap_used)]

use iso19770_core::datetime::DateTimeError;
use iso19770_core::decimal::{Decimal, parse};
use iso19770_core::{Instant, Timestamp};
use iso19770_resource_util::Measurement;
use iso19770_resource_util::aggregate::{
    AggregateError, Aggregator, Average, Concurrency, GroupKey, Peak, Period, Periods, Spanning, Stats, TimeField,
    Weight,
};

fn d(text: &str) -> Decimal {
    parse(text).expect("a decimal")
}

/// The instant of an `xs:dateTime`.
fn t(text: &str) -> Instant {
    Timestamp::from(text).instant().expect("an instant")
}

/// The period `[start, end)` of two `xs:dateTime`s.
fn span(start: &str, end: &str) -> Period {
    Period::Span { start: t(start), end: t(end) }
}

fn measure(value: &str, start: &str, end: &str) -> Measurement {
    Measurement::new("M", d(value)).with_period(start, end)
}

fn stats(count: u64, sum: &str, peak: &str, minimum: &str, total: &str) -> Stats {
    Stats { count, sum: d(sum), peak: d(peak), minimum: d(minimum), total: d(total) }
}

/// Every (period, stats) of the single group "a"/"M".
fn periods_of(agg: &Aggregator) -> Vec<(Period, Stats)> {
    agg.group("a", "M", None).expect("group a/M").iter().map(|(p, s)| (*p, *s)).collect()
}

const H10: (&str, &str) = ("2024-01-01T10:00:00Z", "2024-01-01T11:00:00Z");
const H11: (&str, &str) = ("2024-01-01T11:00:00Z", "2024-01-01T12:00:00Z");

#[test]
fn ninety_minutes_split_pro_rata_over_two_hours() {
    // Value 3 over 10:30-12:00 (90 minutes): 30 minutes in [10:00, 11:00), 60 in [11:00, 12:00).
    // Pro rata: 3 × 30/90 = 1 and 3 × 60/90 = 2. The interval ends on 12:00, so the hour
    // starting there is not touched. The value 3 was held in both hours: count 1, peak,
    // minimum and total 3 in each.
    let mut agg = Aggregator::new(Periods::hourly());
    agg.add("a", &measure("3", "2024-01-01T10:30:00Z", "2024-01-01T12:00:00Z")).unwrap();
    assert_eq!(
        periods_of(&agg),
        [(span(H10.0, H10.1), stats(1, "1", "3", "3", "3")), (span(H11.0, H11.1), stats(1, "2", "3", "3", "3"))]
    );
    // Pieces are written at the pro rata scale (6): the last is 3 - 1.000000.
    let sums: Vec<String> = agg.rows().map(|(_, _, s)| s.sum.to_string()).collect();
    assert_eq!(sums, ["1.000000", "2.000000"]);

    // Start: all 3 to the hour of 10:30. End: all 3 to the last hour overlapped, [11:00, 12:00).
    // Count, peak and minimum do not change with the rule.
    for (rule, first, second) in [(Spanning::Start, "3", "0"), (Spanning::End, "0", "3")] {
        let mut agg = Aggregator::new(Periods::hourly()).with_spanning(rule).unwrap();
        agg.add("a", &measure("3", "2024-01-01T10:30:00Z", "2024-01-01T12:00:00Z")).unwrap();
        assert_eq!(
            periods_of(&agg),
            [
                (span(H10.0, H10.1), stats(1, first, "3", "3", "3")),
                (span(H11.0, H11.1), stats(1, second, "3", "3", "3")),
            ],
            "{rule:?}"
        );
    }
}

#[test]
fn pro_rata_pieces_add_up_exactly() {
    // Value 1 over 10:00-13:00, three equal hours. Cumulative rounding at scale 6:
    //   hour 10: round(1 × 1/3) = 0.333333
    //   hour 11: round(1 × 2/3) - 0.333333 = 0.666667 - 0.333333 = 0.333334
    //   hour 12: 1 - 0.666667 = 0.333333
    // 0.333333 + 0.333334 + 0.333333 = 1 exactly.
    let mut agg = Aggregator::new(Periods::hourly());
    agg.add("a", &measure("1", "2024-01-01T10:00:00Z", "2024-01-01T13:00:00Z")).unwrap();
    let sums: Vec<Decimal> = periods_of(&agg).iter().map(|(_, s)| s.sum).collect();
    assert_eq!(sums, [d("0.333333"), d("0.333334"), d("0.333333")]);
    assert_eq!(sums.iter().sum::<Decimal>(), d("1"));

    // At scale 2 and 1.235 over 10:20-11:00 and 11:00-12:00 (40 + 60 = 100 minutes):
    //   hour 10: round(1.235 × 40/100) = round(0.494) = 0.49; hour 11: 1.235 - 0.49 = 0.745.
    let mut agg = Aggregator::new(Periods::hourly()).with_spanning(Spanning::ProRata { scale: 2 }).unwrap();
    agg.add("a", &measure("1.235", "2024-01-01T10:20:00Z", "2024-01-01T12:00:00Z")).unwrap();
    let sums: Vec<String> = periods_of(&agg).iter().map(|(_, s)| s.sum.to_string()).collect();
    assert_eq!(sums, ["0.49", "0.745"]);
}

#[test]
fn peaks_minimums_and_sums_across_an_hour_boundary() {
    // D = 4 over 09:00-10:00: ends on 10:00, so only [09:00, 10:00).
    // B = 2 at 10:15 (start == end).
    // A = 5 over 10:50-11:10: 10 minutes in each of hours 10 and 11; pro rata 2.5 and 2.5.
    // C = 7 at 11:00 exactly: the hour that starts there.
    //
    //   hour 9:  D          count 1, sum 4,             peak 4, minimum 4, total 4
    //   hour 10: B, A       count 2, sum 2 + 2.5 = 4.5, peak 5, minimum 2, total 7 (average 3.5)
    //   hour 11: A, C       count 2, sum 2.5 + 7 = 9.5, peak 7, minimum 5, total 12 (average 6)
    let mut agg = Aggregator::new(Periods::hourly());
    agg.add("a", &measure("4", "2024-01-01T09:00:00Z", "2024-01-01T10:00:00Z")).unwrap();
    agg.add("a", &measure("2", "2024-01-01T10:15:00Z", "2024-01-01T10:15:00Z")).unwrap();
    agg.add("a", &measure("5", "2024-01-01T10:50:00Z", "2024-01-01T11:10:00Z")).unwrap();
    agg.add("a", &measure("7", "2024-01-01T11:00:00Z", "2024-01-01T11:00:00Z")).unwrap();
    let rows = periods_of(&agg);
    assert_eq!(
        rows,
        [
            (span("2024-01-01T09:00:00Z", H10.0), stats(1, "4", "4", "4", "4")),
            (span(H10.0, H10.1), stats(2, "4.5", "5", "2", "7")),
            (span(H11.0, H11.1), stats(2, "9.5", "7", "5", "12")),
        ]
    );
    assert_eq!(rows[1].1.average(), Average { total: d("7"), count: 2 });
    assert_eq!(rows[1].1.average().rounded(1), Ok(d("3.5")));
    assert_eq!(rows[1].1.average().rounded(0), Ok(d("4"))); // 3.5: half to even
    assert_eq!(rows[2].1.average().rounded(2), Ok(d("6")));
}

#[test]
fn averages_stay_exact_until_rounded() {
    // Values 1, 2, 2 at instants in one hour: total 5, count 3; 5/3 = 1.6666…
    let mut agg = Aggregator::new(Periods::hourly());
    for (value, at) in [("1", "2024-01-01T10:00:00Z"), ("2", "2024-01-01T10:20:00Z"), ("2", "2024-01-01T10:59:59Z")] {
        agg.add("a", &Measurement::new("M", d(value)).with_log_time(at)).unwrap();
    }
    let s = agg.get("a", "M", None, &span(H10.0, H10.1)).copied().unwrap();
    assert_eq!(s, stats(3, "5", "2", "1", "5"));
    assert_eq!(s.average().rounded(4), Ok(d("1.6667")));
    assert_eq!(s.average().rounded(0), Ok(d("2")));
}

#[test]
fn months_across_january_31_and_a_leap_february() {
    let jan = span("2024-01-01T00:00:00Z", "2024-02-01T00:00:00Z");
    let feb = span("2024-02-01T00:00:00Z", "2024-03-01T00:00:00Z");
    let mar = span("2024-03-01T00:00:00Z", "2024-04-01T00:00:00Z");

    // 60 over 2024-01-31T00:00Z - 2024-02-02T00:00Z: 24 hours in January, 24 in February: 30 + 30.
    let mut agg = Aggregator::new(Periods::UtcMonths);
    agg.add("a", &measure("60", "2024-01-31T00:00:00Z", "2024-02-02T00:00:00Z")).unwrap();
    assert_eq!(periods_of(&agg), [(jan, stats(1, "30", "60", "60", "60")), (feb, stats(1, "30", "60", "60", "60"))]);

    // 9 over 2024-02-28T00:00Z - 2024-03-02T00:00Z: February 28 and 29 (2024 is a leap year),
    // 48 hours, then March 1, 24 hours: 9 × 48/72 = 6 and 3.
    let mut agg = Aggregator::new(Periods::UtcMonths);
    agg.add("a", &measure("9", "2024-02-28T00:00:00Z", "2024-03-02T00:00:00Z")).unwrap();
    assert_eq!(periods_of(&agg), [(feb, stats(1, "6", "9", "9", "9")), (mar, stats(1, "3", "9", "9", "9"))]);

    // The same dates in 2023: only February 28 (24 hours), then March 1: 4.5 and 4.5.
    let mut agg = Aggregator::new(Periods::UtcMonths);
    agg.add("a", &measure("9", "2023-02-28T00:00:00Z", "2023-03-02T00:00:00Z")).unwrap();
    let sums: Vec<(Period, Decimal)> = periods_of(&agg).iter().map(|(p, s)| (*p, s.sum)).collect();
    assert_eq!(
        sums,
        [
            (span("2023-02-01T00:00:00Z", "2023-03-01T00:00:00Z"), d("4.5")),
            (span("2023-03-01T00:00:00Z", "2023-04-01T00:00:00Z"), d("4.5")),
        ]
    );

    // 10 over the first quarter of 2024: 31 + 29 + 31 = 91 days. At scale 6:
    //   January:  round(10 × 31/91) = round(3.4065934…) = 3.406593
    //   February: round(10 × 60/91) - 3.406593 = 6.593407 - 3.406593 = 3.186814
    //   March:    10 - 6.593407 = 3.406593
    let mut agg = Aggregator::new(Periods::UtcMonths);
    agg.add("a", &measure("10", "2024-01-01T00:00:00Z", "2024-04-01T00:00:00Z")).unwrap();
    let sums: Vec<Decimal> = periods_of(&agg).iter().map(|(_, s)| s.sum).collect();
    assert_eq!(sums, [d("3.406593"), d("3.186814"), d("3.406593")]);

    // An ODM-style reading on February 29 (start == end) falls in February; one at
    // 2024-03-01T00:30:00+01:00 is 2024-02-29T23:30:00Z, February too.
    let mut agg = Aggregator::new(Periods::UtcMonths);
    agg.add("a", &measure("1.235", "2024-02-29T12:00:00Z", "2024-02-29T12:00:00Z")).unwrap();
    agg.add("a", &measure("0.5", "2024-03-01T00:30:00+01:00", "2024-03-01T00:30:00+01:00")).unwrap();
    assert_eq!(periods_of(&agg), [(feb, stats(2, "1.735", "1.235", "0.5", "1.735"))]);
}

#[test]
fn offsets_and_unix_seconds_land_in_the_same_period() {
    // 2024-01-01T12:30:00+02:00 is 10:30Z; 1704105900 is 2024-01-01T10:45:00Z
    // (1704067200 is 2024-01-01T00:00:00Z, plus 10 h 45 min = 38700 s); both in [10:00Z, 11:00Z).
    // 2024-01-01T13:00:00+02:00 is 11:00Z: the next hour.
    let mut agg = Aggregator::new(Periods::hourly());
    agg.add("a", &Measurement::new("M", d("2")).with_log_time("2024-01-01T12:30:00+02:00")).unwrap();
    agg.add("a", &Measurement::new("M", d("3")).with_log_time(1_704_105_900)).unwrap();
    agg.add("a", &Measurement::new("M", d("1")).with_period(1_704_105_000, "2024-01-01T12:59:59.5+02:00")).unwrap();
    agg.add("a", &Measurement::new("M", d("4")).with_log_time("2024-01-01T13:00:00+02:00")).unwrap();
    assert_eq!(
        periods_of(&agg),
        [(span(H10.0, H10.1), stats(3, "6", "3", "1", "6")), (span(H11.0, H11.1), stats(1, "4", "4", "4", "4"))]
    );

    // Days of a fixed +02:00 offset: 86400 s aligned to a local midnight, 2023-12-31T22:00:00Z.
    // 2024-01-01T23:30:00+02:00 and 2024-01-01T21:59:59Z are the same local day; 22:00:00Z is
    // the next.
    let local_days = Periods::fixed(86_400, t("2024-01-01T00:00:00+02:00")).unwrap();
    let mut agg = Aggregator::new(local_days);
    for at in ["2024-01-01T23:30:00+02:00", "2024-01-01T21:59:59Z", "2024-01-01T22:00:00Z"] {
        agg.add("a", &Measurement::new("M", d("1")).with_log_time(at)).unwrap();
    }
    let counts: Vec<(Period, u64)> = periods_of(&agg).iter().map(|(p, s)| (*p, s.count)).collect();
    assert_eq!(
        counts,
        [
            (span("2023-12-31T22:00:00Z", "2024-01-01T22:00:00Z"), 2),
            (span("2024-01-01T22:00:00Z", "2024-01-02T22:00:00Z"), 1),
        ]
    );
}

#[test]
fn whole_input_groups_by_asset_metric_and_subtype_in_order() {
    let mut agg = Aggregator::new(Periods::Whole);
    let m = |metric: &str, subtype: Option<&str>, value: &str| {
        let mut m = Measurement::new(metric, d(value)).with_log_time(0);
        m.subtype = subtype.map(str::to_owned);
        m
    };
    agg.add("server-2", &m("USERS", None, "10")).unwrap();
    agg.add("server-1", &m("VU", Some("MONTHLY"), "1.5")).unwrap();
    agg.add("server-1", &m("VU", None, "2")).unwrap();
    agg.add("server-1", &m("VU", Some("MONTHLY"), "2.5")).unwrap();
    let groups = agg.into_groups();
    let rows: Vec<(&GroupKey, &Stats)> =
        groups.iter().map(|(k, periods)| (k, periods.get(&Period::Whole).expect("the whole input"))).collect();
    assert_eq!(
        rows,
        [
            (&GroupKey::new("server-1", "VU", None), &stats(1, "2", "2", "2", "2")),
            (&GroupKey::new("server-1", "VU", Some("MONTHLY")), &stats(2, "4", "2.5", "1.5", "4")),
            (&GroupKey::new("server-2", "USERS", None), &stats(1, "10", "10", "10", "10")),
        ]
    );
}

#[test]
fn errors_name_the_measurement_and_change_nothing() {
    let mut agg = Aggregator::new(Periods::hourly());
    agg.add("a", &measure("1", H10.0, H10.0)).unwrap(); // index 0
    // Index 1: the end before the start.
    assert_eq!(
        agg.add("a", &measure("1", "2024-01-01T10:30:00Z", "2024-01-01T10:29:59Z")),
        Err(AggregateError::EndBeforeStart {
            index: 1,
            start: "2024-01-01T10:30:00Z".into(),
            end: "2024-01-01T10:29:59Z".into()
        })
    );
    // Index 2: a start with no time zone names no instant.
    let local = measure("1", "2024-01-01T10:30:00", "2024-01-01T11:30:00Z");
    let err = agg.add("a", &local).unwrap_err();
    assert_eq!(
        err,
        AggregateError::Time {
            index: 2,
            field: TimeField::Start,
            value: "2024-01-01T10:30:00".into(),
            source: DateTimeError::NoTimeZone
        }
    );
    assert_eq!(err.to_string(), "measurement 2: the start 2024-01-01T10:30:00: no time zone, so no instant");
    // Index 3: no time at all.
    assert_eq!(agg.add("a", &Measurement::new("M", d("1"))), Err(AggregateError::NoTime { index: 3 }));
    // Index 4: placed again.
    agg.add("a", &measure("2", H10.0, H10.0)).unwrap();
    assert_eq!(agg.measurements(), 5);
    assert_eq!(periods_of(&agg), [(span(H10.0, H10.1), stats(2, "3", "2", "1", "3"))]);
}

/// Hourly concurrency of sessions (start, end) of asset "a", metric "SESSION".
fn sessions(weight: Weight, list: &[(&str, &str, &str)]) -> iso19770_resource_util::aggregate::ConcurrencyPeaks {
    let mut sweep = Concurrency::new(Periods::hourly(), weight);
    for &(value, start, end) in list {
        sweep.add("a", &Measurement::new("SESSION", d(value)).with_period(start, end)).unwrap();
    }
    let mut peaks = sweep.finish().unwrap();
    peaks.remove(&GroupKey::new("a", "SESSION", None)).expect("the group")
}

#[test]
fn concurrency_peak_of_three_where_an_end_meets_a_start() {
    // S1 09:00-10:00, S2 09:30-11:00, S3 09:45-10:30, S4 10:00-10:15, S5 10:20-10:40.
    // Level after each instant (all its starts and ends applied, ends first):
    //   09:00 1 (S1)   09:30 2 (S1 S2)   09:45 3 (S1 S2 S3)
    //   10:00 3 (S2 S3 S4: S1 ends as S4 starts, never 4)   10:15 2 (S2 S3)
    //   10:20 3 (S2 S3 S5)   10:30 2   10:40 1   11:00 0
    // Peak 3, first at 09:45; in hour 9 at 09:45, in hour 10 at 10:00.
    let list = [
        ("1", "2024-01-01T09:00:00Z", "2024-01-01T10:00:00Z"),
        ("1", "2024-01-01T09:30:00Z", "2024-01-01T11:00:00Z"),
        ("1", "2024-01-01T09:45:00Z", "2024-01-01T10:30:00Z"),
        ("1", "2024-01-01T10:00:00Z", "2024-01-01T10:15:00Z"),
        ("1", "2024-01-01T10:20:00Z", "2024-01-01T10:40:00Z"),
    ];
    let three = |at: &str| Peak { level: d("3"), at: t(at), active: 3 };
    let peaks = sessions(Weight::Count, &list);
    assert_eq!(peaks.overall, three("2024-01-01T09:45:00Z"));
    let by_hour: Vec<(Period, Peak)> = peaks.periods.iter().map(|(p, k)| (*p, *k)).collect();
    assert_eq!(
        by_hour,
        [
            (span("2024-01-01T09:00:00Z", H10.0), three("2024-01-01T09:45:00Z")),
            (span(H10.0, H10.1), three("2024-01-01T10:00:00Z")),
        ]
    );

    // Weighted by value (users per session), the same sessions with 2, 1, 4, 3, 1:
    //   09:00 2   09:30 3   09:45 7   10:00 1+4+3 = 8   10:15 5   10:20 6   10:30 2   10:40 1
    // Peak 8 at 10:00 (3 sessions); hour 9's peak is 7 at 09:45.
    let weighted: Vec<(&str, &str, &str)> =
        list.iter().zip(["2", "1", "4", "3", "1"]).map(|(&(_, s, e), v)| (v, s, e)).collect();
    let peaks = sessions(Weight::Value, &weighted);
    assert_eq!(peaks.overall, Peak { level: d("8"), at: t("2024-01-01T10:00:00Z"), active: 3 });
    let by_hour: Vec<Decimal> = peaks.periods.values().map(|p| p.level).collect();
    assert_eq!(by_hour, [d("7"), d("8")]);
}

#[test]
fn concurrency_errors_name_the_measurement() {
    let mut sweep = Concurrency::new(Periods::hourly(), Weight::Count);
    sweep.add("a", &measure("1", H10.0, H10.1)).unwrap();
    assert_eq!(
        sweep.add("a", &measure("1", H10.1, H10.0)),
        Err(AggregateError::EndBeforeStart { index: 1, start: H10.1.into(), end: H10.0.into() })
    );
    assert_eq!(
        sweep.add("a", &Measurement::new("M", d("1")).with_log_time(H10.0)),
        Err(AggregateError::NoInterval { index: 2 })
    );
    assert!(matches!(
        sweep.add("a", &measure("1", H10.0, "2024-01-01T11:00:00")),
        Err(AggregateError::Time { index: 3, field: TimeField::End, source: DateTimeError::NoTimeZone, .. })
    ));
    let peaks = sweep.finish().unwrap();
    assert_eq!(peaks.len(), 1);
    assert_eq!(peaks[&GroupKey::new("a", "M", None)].overall, Peak { level: d("1"), at: t(H10.0), active: 1 });
}
