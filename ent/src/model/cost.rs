use rust_decimal::Decimal;

/// What a [`Cost`] is the price of.
#[cfg_attr(feature = "json", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "json", serde(rename_all = "camelCase"))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum CostBasis {
    /// The whole entitlement.
    #[default]
    Total,
    /// One unit of the quantity (one licence, one core pack).
    PerUnit,
    /// One period of a subscription or maintenance term.
    PerPeriod,
}

/// A price: an exact decimal amount in an ISO 4217 currency (working element name `Cost`
/// *(inferred)*).
///
/// ```
/// use iso19770_ent::{Cost, CostBasis};
/// use rust_decimal::Decimal;
///
/// let c = Cost::new(Decimal::new(1_069_00, 2), "USD").with_basis(CostBasis::PerUnit);
/// assert_eq!(c.amount.to_string(), "1069.00");
/// ```
#[cfg_attr(feature = "json", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "json", serde(rename_all = "camelCase"))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Cost {
    /// The amount, exact.
    #[cfg_attr(feature = "json", serde(with = "crate::json::decimal"))]
    #[cfg_attr(feature = "schema", schemars(with = "crate::json::DecimalText"))]
    pub amount: Decimal,
    /// The ISO 4217 alphabetic currency code (`EUR`, `USD`).
    pub currency: String,
    /// What the amount is the price of.
    #[cfg_attr(feature = "json", serde(default))]
    pub basis: CostBasis,
}

impl Cost {
    /// A total price.
    pub fn new(amount: Decimal, currency: impl Into<String>) -> Self {
        Cost { amount, currency: currency.into(), basis: CostBasis::Total }
    }

    /// The same price with a basis.
    #[must_use]
    pub fn with_basis(mut self, basis: CostBasis) -> Self {
        self.basis = basis;
        self
    }
}
