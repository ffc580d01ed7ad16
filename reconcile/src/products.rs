//! The rows of the position per product and metric.

use crate::hash::HashMap;
use crate::position::{Consumer, EntitlementPosition, ProductPosition, Status};
use iso19770_core::decimal::Decimal;
use std::collections::{BTreeMap, BTreeSet};

/// Consumers counted by product: all of them, and those covered by an Ent of each metric (a
/// product without a covered installation has a row with no metric). Counted per component on
/// its thread, then added up.
#[derive(Debug, Default)]
pub(crate) struct ProductCounts {
    installs: HashMap<String, u64>,
    covered: HashMap<(String, Option<String>), u64>,
}

impl ProductCounts {
    /// The counts of `consumers`, covered by the Ents of `positions`.
    pub(crate) fn count(consumers: &[Consumer], positions: &[EntitlementPosition]) -> Self {
        let metrics: HashMap<&str, &str> = positions.iter().map(|e| (e.ent_id.as_str(), e.metric.as_str())).collect();
        // Counted by borrowed keys first (up to a million installations, a few thousand products).
        let mut installs: HashMap<&str, u64> = HashMap::default();
        let mut covered: HashMap<(&str, Option<&str>), u64> = HashMap::default();
        for c in consumers {
            *installs.entry(c.product.as_str()).or_default() += 1;
            let metric = c.covered_by.as_deref().and_then(|id| metrics.get(id).copied());
            *covered.entry((c.product.as_str(), metric)).or_default() += u64::from(c.covered_by.is_some());
        }
        ProductCounts {
            installs: installs.into_iter().map(|(p, n)| (p.to_owned(), n)).collect(),
            covered: covered.into_iter().map(|((p, m), n)| ((p.to_owned(), m.map(str::to_owned)), n)).collect(),
        }
    }

    /// Adds the counts of another set of consumers.
    pub(crate) fn add(&mut self, other: ProductCounts) {
        for (p, n) in other.installs {
            *self.installs.entry(p).or_default() += n;
        }
        for (k, n) in other.covered {
            *self.covered.entry(k).or_default() += n;
        }
    }
}

/// `ents` are the Ents of `positions`, in the same order.
/// `names` are the first product names of the Ents of `positions`, in the same order.
pub(crate) fn product_positions(
    names: &[Option<String>],
    counts: &ProductCounts,
    positions: &[EntitlementPosition],
) -> Vec<ProductPosition> {
    let row = |product: &str, metric: Option<String>| ProductPosition {
        product: product.to_owned(),
        metric,
        installations: 0,
        covered: 0,
        entitled: Some(Decimal::ZERO),
        consumed: Decimal::ZERO,
        shortfall: Decimal::ZERO,
        surplus: Some(Decimal::ZERO),
    };
    let mut out: BTreeMap<(String, Option<String>), ProductPosition> = BTreeMap::new();
    for ((product, metric), covered) in &counts.covered {
        out.insert(
            (product.clone(), metric.clone()),
            ProductPosition { covered: *covered, ..row(product, metric.clone()) },
        );
    }
    for (name, e) in names.iter().zip(positions).filter(|(_, e)| e.status == Status::Active) {
        let Some(name) = name.clone() else { continue };
        let key = (name.clone(), Some(e.metric.clone()));
        let p = out.entry(key).or_insert_with(|| row(&name, Some(e.metric.clone())));
        p.entitled = match (p.entitled, e.entitled) {
            (Some(a), Some(b)) => Some(a.saturating_add(b)),
            _ => None,
        };
        p.surplus = match (p.surplus, e.surplus) {
            (Some(a), Some(b)) => Some(a.saturating_add(b)),
            _ => None,
        };
        p.consumed = p.consumed.saturating_add(e.consumed);
        p.shortfall = p.shortfall.saturating_add(e.shortfall);
    }
    // Unlicensed installations of a product that has a row by metric need no row of their own.
    let with_metric: BTreeSet<String> = out.keys().filter(|(_, m)| m.is_some()).map(|(p, _)| p.clone()).collect();
    out.retain(|(p, m), r| m.is_some() || r.covered > 0 || !with_metric.contains(p));
    for ((product, _), p) in &mut out {
        p.installations = counts.installs.get(product.as_str()).copied().unwrap_or(0);
    }
    out.into_values().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn consumer(id: &str, product: &str, covered_by: Option<&str>) -> Consumer {
        Consumer {
            installation: id.into(),
            product: product.into(),
            device: "d".into(),
            covered_by: covered_by.map(str::to_owned),
            explanation: String::new(),
            rejected: Vec::new(),
        }
    }

    fn ent(id: &str, metric: &str) -> EntitlementPosition {
        EntitlementPosition {
            ent_id: id.into(),
            metric: metric.into(),
            status: Status::Active,
            entitled: Some(Decimal::from(10)),
            consumed: Decimal::from(2),
            shortfall: Decimal::ZERO,
            surplus: Some(Decimal::from(8)),
            shortfall_cost: None,
            currency: None,
            allocations: Vec::new(),
        }
    }

    /// Counted in two parts and added up, the counts are those of the whole.
    #[test]
    fn counts_add_up() {
        let ents = [ent("e-1", "perCore"), ent("e-2", "perDevice")];
        let all = [
            consumer("i-1", "DB", Some("e-1")),
            consumer("i-2", "DB", None),
            consumer("i-3", "DB", Some("e-2")),
            consumer("i-4", "Viewer", None),
        ];
        let whole = ProductCounts::count(&all, &ents);
        let mut parts = ProductCounts::count(&all[..2], &ents[..1]);
        parts.add(ProductCounts::count(&all[2..], &ents[1..]));
        for counts in [&whole, &parts] {
            assert_eq!(counts.installs.get("DB"), Some(&3));
            assert_eq!(counts.installs.get("Viewer"), Some(&1));
            assert_eq!(counts.covered.get(&("DB".to_owned(), Some("perCore".to_owned()))), Some(&1));
            assert_eq!(counts.covered.get(&("DB".to_owned(), Some("perDevice".to_owned()))), Some(&1));
            assert_eq!(counts.covered.get(&("DB".to_owned(), None)), Some(&0));
        }
        let rows = product_positions(&[Some("DB".into()), Some("DB".into())], &parts, &ents);
        let db: Vec<(Option<&str>, u64, u64)> = rows
            .iter()
            .filter(|r| r.product == "DB")
            .map(|r| (r.metric.as_deref(), r.installations, r.covered))
            .collect();
        assert_eq!(db, [(Some("perCore"), 3, 1), (Some("perDevice"), 3, 1)]);
    }
}
