//! Incremental re-reconciliation on generated estates (feature `generate`): after each change,
//! the position is that of the changed input reconciled from scratch, in both objectives.

#![cfg(feature = "generate")]
#![allow(clippy::expect_used, clippy::unwrap_used)]

use iso19770_ent::Quantity;
use iso19770_reconcile::generate::{Params, generate};
use iso19770_reconcile::incremental::{Change, Reconciler};
use iso19770_reconcile::{Input, Objective, reconcile};

fn changes(input: &Input) -> Vec<Change> {
    let n = input.installations.len();
    let mut out = Vec::new();
    for k in 0..6 {
        // Remove one, copy another onto a third one's device under a new id.
        out.push(Change::RemoveInstallation(input.installations[(k * 397) % n].id.clone()));
        let mut copy = input.installations[(k * 131 + 7) % n].clone();
        copy.id = format!("new-{k}");
        copy.device.clone_from(&input.installations[(k * 541 + 3) % n].device);
        out.push(Change::AddInstallation(copy));
        // One Ent with half its quantity, another removed.
        let mut e = input.entitlements[(k * 13 + 1) % input.entitlements.len()].clone();
        if let Some(Quantity::Exact(q)) = &mut e.quantity {
            *q /= rust_decimal::Decimal::TWO;
        }
        out.push(Change::SetEntitlement(Box::new(e)));
        out.push(Change::RemoveEntitlement(input.entitlements[(k * 29 + 5) % input.entitlements.len()].ent_id.clone()));
    }
    out
}

#[test]
fn incremental_positions_equal_reconciling_the_changed_estate_from_scratch() {
    for (seed, objective) in [(5, Objective::Priority), (6, Objective::Optimal)] {
        let mut input = generate(&Params::new(seed, 3_000));
        input.objective = objective;
        let mut r = Reconciler::new(input.clone());
        assert_eq!(r.position(), reconcile(&input), "seed {seed}: before any change");
        for c in changes(&input.clone()) {
            c.apply_to(&mut input);
            let expected = reconcile(&input);
            let delta = r.apply(c.clone());
            assert!(
                !delta.entitlements.is_empty()
                    || !delta.consumers.is_empty()
                    || matches!(c, Change::RemoveEntitlement(_))
            );
            for e in &delta.entitlements {
                assert_eq!(Some(*e), expected.entitlement(&e.ent_id), "seed {seed}: after {c:?}");
            }
            assert_eq!(r.position(), expected, "seed {seed}: after {c:?}");
        }
    }
}
