//! Values: quantities, counts in rights, costs.

use super::{Findings, path};
use crate::model::{Ent, Quantity, Right};

/// `ent-quantity-negative`: the quantity is not negative.
pub(crate) fn quantity_negative(ent: &Ent, out: &mut Findings) {
    if let Some(Quantity::Exact(q)) = ent.quantity
        && q.is_sign_negative()
        && !q.is_zero()
    {
        out.push("ent-quantity-negative", path(&["quantity".into()]), format!("the quantity {q} is negative"));
    }
}

/// `ent-right-count`: counts in rights are at least 1.
pub(crate) fn right_count(ent: &Ent, out: &mut Findings) {
    for (i, right) in ent.rights.iter().enumerate() {
        let zero = match right {
            Right::MultipleInstalls { per_licence: 0 } => Some("perLicence"),
            Right::Virtualization { vms_per_licence: Some(0), .. } => Some("vmsPerLicence"),
            Right::SecondUse { copies: Some(0) } => Some("copies"),
            _ => None,
        };
        if let Some(key) = zero {
            out.push(
                "ent-right-count",
                path(&["rights".into(), i.into(), key.into()]),
                format!("{key} of the {} right is 0", right.name()),
            );
        }
    }
}

/// `ent-cost-amount`: a cost is not negative.
pub(crate) fn cost_amount(ent: &Ent, out: &mut Findings) {
    for (i, cost) in ent.costs.iter().enumerate() {
        if cost.amount.is_sign_negative() && !cost.amount.is_zero() {
            out.push(
                "ent-cost-amount",
                path(&["costs".into(), i.into(), "amount".into()]),
                format!("the amount {} is negative", cost.amount),
            );
        }
    }
}

/// `ent-cost-currency`: a currency is three capital letters (the form of ISO 4217 alphabetic
/// codes; whether the code is assigned is not checked).
pub(crate) fn cost_currency(ent: &Ent, out: &mut Findings) {
    for (i, cost) in ent.costs.iter().enumerate() {
        let c = cost.currency.as_bytes();
        if c.len() != 3 || !c.iter().all(u8::is_ascii_uppercase) {
            out.push(
                "ent-cost-currency",
                path(&["costs".into(), i.into(), "currency".into()]),
                format!("{:?} is not an ISO 4217 alphabetic code", cost.currency),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{assert_one, good};
    use crate::model::{Cost, Quantity, Right};
    use crate::validate::validate;
    use rust_decimal::Decimal;

    #[test]
    fn quantity_negative() {
        let ent = good().with_quantity(Quantity::Exact(Decimal::new(-1, 0)));
        assert_one(&validate(&ent), "ent-quantity-negative", "quantity");
        assert!(validate(&good().with_quantity(Quantity::Exact(Decimal::new(0, 2)))).is_clean());
        assert!(validate(&good().with_quantity(Quantity::Unlimited)).is_clean());
    }

    #[test]
    fn right_count() {
        let ent = good().with_right(Right::MultipleInstalls { per_licence: 2 }).with_right(Right::Virtualization {
            vms_per_licence: Some(0),
            unlimited_vms: false,
            host_licensing: true,
        });
        assert_one(&validate(&ent), "ent-right-count", "rights[1]/vmsPerLicence");
        assert!(validate(&good().with_right(Right::SecondUse { copies: Some(1) })).is_clean());
    }

    #[test]
    fn cost_amount() {
        assert!(validate(&good().with_cost(Cost::new(Decimal::new(1999, 2), "EUR"))).is_clean());
        let ent = good().with_cost(Cost::new(Decimal::new(-5, 0), "EUR"));
        assert_one(&validate(&ent), "ent-cost-amount", "costs[0]/amount");
    }

    #[test]
    fn cost_currency() {
        let ent = good().with_cost(Cost::new(Decimal::ONE, "USD")).with_cost(Cost::new(Decimal::ONE, "eur"));
        assert_one(&validate(&ent), "ent-cost-currency", "costs[1]/currency");
    }
}
