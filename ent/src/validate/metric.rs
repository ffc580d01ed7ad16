//! Metric parameters: minimums, counts and core factors that a count can be made from.

use super::{Findings, path};
use crate::model::{Ent, Metric};

/// `ent-metric-minimums`: a per-core minimum per server is not below the minimum per processor
/// (a server has at least one processor).
pub(crate) fn minimums(ent: &Ent, out: &mut Findings) {
    if let Some(Metric::PerCore { minimum_per_processor: Some(p), minimum_per_server: Some(s), .. }) = &ent.metric
        && s < p
    {
        out.push(
            "ent-metric-minimums",
            path(&["metric".into(), "minimumPerServer".into()]),
            format!("the minimum per server, {s}, is below the minimum per processor, {p}"),
        );
    }
}

/// `ent-metric-positive`: pack sizes, units per licence and value units per core are at least 1.
pub(crate) fn positive(ent: &Ent, out: &mut Findings) {
    let Some(metric) = &ent.metric else { return };
    let mut zero = |keys: &[super::Seg<'_>]| {
        let mut segments = vec!["metric".into()];
        segments.extend_from_slice(keys);
        out.push("ent-metric-positive", path(&segments), format!("a parameter of the {} metric is 0", metric.name()));
    };
    match metric {
        Metric::PerCore { pack_size: Some(0), .. } => zero(&["packSize".into()]),
        Metric::PerProcessor { cores_per_licence: Some(0) } => zero(&["coresPerLicence".into()]),
        Metric::PerSocket { sockets_per_licence: Some(0) } => zero(&["socketsPerLicence".into()]),
        Metric::ProcessorValueUnit { pvu_per_core, default_pvu_per_core, .. } => {
            for (i, r) in pvu_per_core.iter().enumerate() {
                if r.pvu_per_core == 0 {
                    zero(&["pvuPerCore".into(), i.into(), "pvuPerCore".into()]);
                }
            }
            if *default_pvu_per_core == Some(0) {
                zero(&["defaultPvuPerCore".into()]);
            }
        }
        _ => {}
    }
}

/// `ent-metric-core-factor`: core factors are above 0.
pub(crate) fn core_factor(ent: &Ent, out: &mut Findings) {
    let Some(Metric::ProcessorCoreFactor { core_factors, default_factor }) = &ent.metric else { return };
    for (i, f) in core_factors.iter().enumerate() {
        if f.factor.is_sign_negative() || f.factor.is_zero() {
            out.push(
                "ent-metric-core-factor",
                path(&["metric".into(), "coreFactors".into(), i.into(), "factor".into()]),
                format!("the core factor of {} is {}, not above 0", f.processor_class, f.factor),
            );
        }
    }
    if let Some(d) = default_factor
        && (d.is_sign_negative() || d.is_zero())
    {
        out.push(
            "ent-metric-core-factor",
            path(&["metric".into(), "defaultFactor".into()]),
            format!("the default core factor is {d}, not above 0"),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{assert_one, good};
    use crate::model::{CoreFactor, Metric, PvuRating};
    use crate::validate::validate;
    use rust_decimal::Decimal;

    #[test]
    fn minimums() {
        assert!(validate(&good().with_metric(Metric::per_core(8, 16, 2))).is_clean());
        assert!(validate(&good().with_metric(Metric::per_core(16, 16, 2))).is_clean());
        let ent = good().with_metric(Metric::per_core(8, 4, 2));
        assert_one(&validate(&ent), "ent-metric-minimums", "metric/minimumPerServer");
    }

    #[test]
    fn positive() {
        assert!(validate(&good().with_metric(Metric::PerSocket { sockets_per_licence: Some(2) })).is_clean());
        assert_one(
            &validate(&good().with_metric(Metric::per_core(8, 16, 0))),
            "ent-metric-positive",
            "metric/packSize",
        );
        let pvu = Metric::ProcessorValueUnit {
            pvu_per_core: vec![PvuRating::new("x86 2-socket", 70), PvuRating::new("broken", 0)],
            default_pvu_per_core: Some(120),
            sub_capacity: true,
        };
        assert_one(&validate(&good().with_metric(pvu)), "ent-metric-positive", "metric/pvuPerCore[1]/pvuPerCore");
    }

    #[test]
    fn core_factor() {
        let table = |f: Decimal| Metric::ProcessorCoreFactor {
            core_factors: vec![CoreFactor::new("x86", Decimal::new(5, 1)), CoreFactor::new("SPARC", f)],
            default_factor: Some(Decimal::ONE),
        };
        assert!(validate(&good().with_metric(table(Decimal::new(25, 2)))).is_clean());
        assert_one(
            &validate(&good().with_metric(table(Decimal::new(0, 1)))),
            "ent-metric-core-factor",
            "metric/coreFactors[1]/factor",
        );
    }
}
