//! Timestamps: each names an instant; periods are complete and in order; logged after they end.

use super::{at, push};
use crate::Rum;
use iso19770_core::{Instant, Report, Timestamp};

/// Every timestamp of the RUM with its measurement index and member name.
fn timestamps(rum: &Rum) -> impl Iterator<Item = (usize, &'static str, &Timestamp)> {
    rum.measurements.iter().enumerate().flat_map(|(i, m)| {
        [("logTime", &m.log_time), ("start", &m.start), ("end", &m.end)]
            .into_iter()
            .filter_map(move |(name, t)| t.as_ref().map(|t| (i, name, t)))
    })
}

/// `rum-timestamp`: every timestamp names an instant.
pub(super) fn timestamp(rum: &Rum, out: &mut Report) {
    for (i, name, t) in timestamps(rum) {
        if let Err(e) = t.instant() {
            push(
                out,
                "rum-timestamp",
                at("measurements", i, Some(name)),
                format!("{:?} names no instant: {e}", t.to_string()),
            );
        }
    }
}

fn instant(t: Option<&Timestamp>) -> Option<Instant> {
    t.and_then(|t| t.instant().ok())
}

/// `rum-period-ordered`: a start is not after its end.
pub(super) fn ordered(rum: &Rum, out: &mut Report) {
    for (i, m) in rum.measurements.iter().enumerate() {
        if let (Some(s), Some(e)) = (instant(m.start.as_ref()), instant(m.end.as_ref()))
            && s > e
        {
            push(
                out,
                "rum-period-ordered",
                at("measurements", i, Some("end")),
                format!("the period ends ({e}) before it starts ({s})"),
            );
        }
    }
}

/// `rum-period-complete`: a start and an end, or neither.
pub(super) fn complete(rum: &Rum, out: &mut Report) {
    for (i, m) in rum.measurements.iter().enumerate() {
        match (&m.start, &m.end) {
            (Some(_), None) => {
                push(out, "rum-period-complete", at("measurements", i, Some("end")), "a start without an end");
            }
            (None, Some(_)) => {
                push(out, "rum-period-complete", at("measurements", i, Some("start")), "an end without a start");
            }
            _ => {}
        }
    }
}

/// `rum-log-time`: a measurement is not logged before its period ends.
pub(super) fn log_time(rum: &Rum, out: &mut Report) {
    for (i, m) in rum.measurements.iter().enumerate() {
        if let (Some(l), Some(e)) = (instant(m.log_time.as_ref()), instant(m.end.as_ref()))
            && l < e
        {
            push(
                out,
                "rum-log-time",
                at("measurements", i, Some("logTime")),
                format!("logged at {l}, before the period ends at {e}"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{assert_one, found, good};
    use super::super::validate;
    use iso19770_core::Timestamp;

    #[test]
    fn timestamps_name_instants() {
        let mut rum = good();
        rum.measurements[0].log_time = Some(Timestamp::from("$the_date"));
        assert_one(&validate(&rum), "rum-timestamp", "measurements[0]/logTime");
        let mut rum = good();
        rum.measurements[0].log_time = Some(Timestamp::from("2025-01-01T11:00:00"));
        assert_one(&validate(&rum), "rum-timestamp", "measurements[0]/logTime");
    }

    #[test]
    fn periods_in_order_across_forms() {
        let mut rum = good();
        // 2025-01-01T10:00:00Z is 1735725600: a start at 11:00+01:00 is the same instant, fine;
        // one second later is after the end.
        rum.measurements[0].start = Some(Timestamp::from("2025-01-01T11:00:01+01:00"));
        assert_one(&validate(&rum), "rum-period-ordered", "measurements[0]/end");
        rum.measurements[0].start = Some(Timestamp::UnixSeconds(1_735_725_600));
        assert!(validate(&rum).is_clean());
    }

    #[test]
    fn complete_periods() {
        let mut rum = good();
        rum.measurements[0].end = None;
        assert_one(&validate(&rum), "rum-period-complete", "measurements[0]/end");
        let mut rum = good();
        rum.measurements[0].start = None;
        assert_one(&validate(&rum), "rum-period-complete", "measurements[0]/start");
    }

    #[test]
    fn logged_after_the_end() {
        let mut rum = good();
        rum.measurements[0].log_time = Some(Timestamp::from("2025-01-01T09:59:59Z"));
        assert_eq!(found(&validate(&rum)), vec![("rum-log-time".to_owned(), "measurements[0]/logTime".to_owned())]);
    }
}
