use rust_decimal::Decimal;

/// How many units of the metric are entitled: an exact decimal, or unlimited.
///
/// Decimals are exact (`1.235` units of a consumption metric stay `1.235`); an enterprise or
/// unlimited agreement has no count. JSON writes the decimal as a string (`"16"`, `"1.235"`) or
/// `"unlimited"`, and reads integers too.
///
/// ```
/// use iso19770_ent::Quantity;
/// use rust_decimal::Decimal;
///
/// assert_eq!(Quantity::count(16), Quantity::Exact(Decimal::from(16)));
/// assert_eq!("1.235".parse::<Quantity>(), Ok(Quantity::Exact(Decimal::new(1235, 3))));
/// assert_eq!("unlimited".parse::<Quantity>(), Ok(Quantity::Unlimited));
/// assert!("1e3".parse::<Quantity>().is_err());
/// assert_eq!(Quantity::Exact(Decimal::new(150, 2)).to_string(), "1.50");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Quantity {
    /// This many units.
    Exact(Decimal),
    /// No limit.
    Unlimited,
}

impl Quantity {
    /// A whole number of units.
    pub fn count(n: u64) -> Self {
        Quantity::Exact(Decimal::from(n))
    }

    /// The decimal, when there is one.
    pub fn exact(&self) -> Option<Decimal> {
        match self {
            Quantity::Exact(d) => Some(*d),
            Quantity::Unlimited => None,
        }
    }
}

impl std::fmt::Display for Quantity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Quantity::Exact(d) => write!(f, "{d}"),
            Quantity::Unlimited => f.write_str("unlimited"),
        }
    }
}

impl std::str::FromStr for Quantity {
    type Err = crate::DecimalError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        if s == "unlimited" { Ok(Quantity::Unlimited) } else { crate::decimal::parse(s).map(Quantity::Exact) }
    }
}
