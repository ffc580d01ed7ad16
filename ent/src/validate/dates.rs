//! Dates: each an `xs:dateTime`, starts not after ends.

use super::{Findings, Seg, path};
use crate::model::{Ent, Limitation, Right};
use iso19770_core::DateTime;
use std::cmp::Ordering;

/// Every date of the Ent with the path to it.
fn dates(ent: &Ent) -> Vec<(Vec<Seg<'static>>, &DateTime)> {
    let mut all = Vec::new();
    for (i, m) in ent.meta.iter().enumerate() {
        if let Some(d) = &m.purchase_date {
            all.push((vec!["meta".into(), i.into(), "purchaseDate".into()], d));
        }
    }
    for (i, r) in ent.rights.iter().enumerate() {
        if let Right::Upgrade { until: Some(d) } = r {
            all.push((vec!["rights".into(), i.into(), "until".into()], d));
        }
    }
    for (i, l) in ent.limitations.iter().enumerate() {
        if let Limitation::Period { start, end } = l {
            all.extend(start.iter().map(|d| (vec!["limitations".into(), i.into(), "start".into()], d)));
            all.extend(end.iter().map(|d| (vec!["limitations".into(), i.into(), "end".into()], d)));
        }
    }
    for (i, t) in ent.terms.iter().enumerate() {
        all.extend(t.start.iter().map(|d| (vec!["terms".into(), i.into(), "start".into()], d)));
        all.extend(t.end.iter().map(|d| (vec!["terms".into(), i.into(), "end".into()], d)));
    }
    all
}

/// `ent-date`: every date is an `xs:dateTime`.
pub(crate) fn date(ent: &Ent, out: &mut Findings) {
    for (segments, d) in dates(ent) {
        if let Err(e) = d.parse() {
            out.push("ent-date", path(&segments), format!("{:?} is not a date: {e}", d.as_str()));
        }
    }
}

/// The order of two date-times: by instant when both have a time zone, by their fields when
/// neither has; `None` when they cannot be compared (a bad date, or one zone missing).
fn compare(a: &DateTime, b: &DateTime) -> Option<Ordering> {
    let (pa, pb) = (a.parse().ok()?, b.parse().ok()?);
    match (a.unix_seconds(), b.unix_seconds()) {
        (Ok(sa), Ok(sb)) => Some((sa, pa.nanos).cmp(&(sb, pb.nanos))),
        _ if pa.offset_minutes.is_none() && pb.offset_minutes.is_none() => {
            let key = |p: &iso19770_core::datetime::DateTimeParts| {
                (p.year, p.month, p.day, p.hour, p.minute, p.second, p.nanos)
            };
            Some(key(&pa).cmp(&key(&pb)))
        }
        _ => None,
    }
}

/// `ent-dates-ordered`: a term's or period's start is not after its end.
pub(crate) fn ordered(ent: &Ent, out: &mut Findings) {
    let mut check = |key: &'static str, i: usize, start: Option<&DateTime>, end: Option<&DateTime>| {
        if let (Some(s), Some(e)) = (start, end)
            && compare(s, e) == Some(Ordering::Greater)
        {
            out.push(
                "ent-dates-ordered",
                path(&[key.into(), i.into(), "end".into()]),
                format!("the end {e} is before the start {s}"),
            );
        }
    };
    for (i, l) in ent.limitations.iter().enumerate() {
        if let Limitation::Period { start, end } = l {
            check("limitations", i, start.as_ref(), end.as_ref());
        }
    }
    for (i, t) in ent.terms.iter().enumerate() {
        check("terms", i, t.start.as_ref(), t.end.as_ref());
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{assert_one, good};
    use crate::model::{Limitation, Right, Term, TermKind};
    use crate::validate::validate;

    #[test]
    fn date() {
        let ok = good().with_right(Right::Upgrade { until: Some("2027-06-30T23:59:59Z".into()) });
        assert!(validate(&ok).is_clean());
        let bad = good().with_right(Right::Upgrade { until: Some("2027-06-31".into()) });
        assert_one(&validate(&bad), "ent-date", "rights[0]/until");
    }

    #[test]
    fn ordered() {
        let sub = |s: &str, e: &str| Term::new(TermKind::Subscription).from(s).until(e);
        let ok = good().with_term(sub("2024-01-01T00:00:00+01:00", "2023-12-31T23:30:00Z"));
        assert!(validate(&ok).is_clean(), "the same day in another zone is later");
        let bad = good()
            .with_term(Term::new(TermKind::Perpetual).from("2024-01-01T00:00:00Z"))
            .with_term(sub("2025-01-01T00:00:00Z", "2024-12-31T00:00:00Z"));
        assert_one(&validate(&bad), "ent-dates-ordered", "terms[1]/end");
        let period =
            Limitation::Period { start: Some("2025-01-02T00:00:00".into()), end: Some("2025-01-01T00:00:00".into()) };
        assert_one(&validate(&good().with_limitation(period)), "ent-dates-ordered", "limitations[0]/end");
    }
}
