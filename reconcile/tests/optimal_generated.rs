//! The optimal allocation on estates of the seeded generator (feature `generate`): never worse
//! than the priority order, and most often better.

#![cfg(feature = "generate")]
#![allow(clippy::expect_used, clippy::unwrap_used)]

use iso19770_reconcile::generate::{Params, generate};
use iso19770_reconcile::{Objective, Position, reconcile};
use rust_decimal::Decimal;

/// (Σ shortfall units, Σ shortfall cost): what the objective compares.
fn score(p: &Position) -> (Decimal, Decimal) {
    (p.entitlements.iter().map(|e| e.shortfall).sum(), p.entitlements.iter().filter_map(|e| e.shortfall_cost).sum())
}

#[test]
fn optimal_is_never_worse_than_the_priority_order_on_generated_estates() {
    let (mut better, mut kept) = (0, 0);
    for seed in 1..=24 {
        let mut input = generate(&Params::new(seed, 1_200));
        let priority = reconcile(&input);
        input.objective = Objective::Optimal;
        let optimal = reconcile(&input);
        let (o, p) = (score(&optimal), score(&priority));
        assert!(o <= p, "seed {seed}: optimal {o:?}, priority {p:?}");
        if o < p {
            better += 1;
        }
        // Where a component keeps the priority order's allocation, its Ents have the priority
        // order's positions.
        for f in optimal.findings.iter().filter(|f| f.code == "optimal-kept-priority") {
            kept += 1;
            let ent = f.subject.strip_prefix("ent:").expect("the subject names the component's first Ent");
            assert_eq!(optimal.entitlement(ent), priority.entitlement(ent), "seed {seed}: {}", f.message);
            assert!(f.message.contains("the priority order's allocation is kept: "), "{}", f.message);
        }
        // Every installation is covered in one mode exactly when in the other.
        assert_eq!(optimal.unlicensed, priority.unlicensed, "seed {seed}");
    }
    assert!(
        better >= 18,
        "the optimum is better on only {better} of 24 estates ({kept} components kept the priority order)"
    );
}
