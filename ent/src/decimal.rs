//! Exact decimals: the `xs:decimal` text form, read without rounding.
//!
//! The decimal type is [`rust_decimal::Decimal`]: 96 bits of digits and a scale up to 28, exact,
//! well kept, and with no floating point. Its own parser also takes `_` separators and rounds
//! long fractions; [`parse`] takes only the `xs:decimal` form and refuses what it cannot hold
//! exactly.

use rust_decimal::Decimal;
use std::fmt;

/// Why a text is not an exact decimal.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum DecimalError {
    /// Not the `xs:decimal` form (an optional sign, digits, an optional point and digits; no
    /// exponent, no separators).
    Syntax,
    /// More digits than 96 bits hold, or a scale above 28: the value would be rounded.
    Inexact,
}

impl fmt::Display for DecimalError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            DecimalError::Syntax => "not a decimal (digits with an optional sign and point, no exponent)",
            DecimalError::Inexact => "a decimal with more digits than can be held exactly (28 or 29)",
        })
    }
}

impl std::error::Error for DecimalError {}

/// Reads an `xs:decimal` (`16`, `-0.5`, `+1.250`, `.5`, `5.`) exactly; the scale written is kept.
///
/// ```
/// use iso19770_ent::decimal::parse;
///
/// assert_eq!(parse("1.250").map(|d| d.to_string()), Ok("1.250".to_owned()));
/// assert!(parse("1e3").is_err());
/// assert!(parse("1_000").is_err());
/// assert!(parse("0.1234567890123456789012345678901").is_err());
/// ```
pub fn parse(text: &str) -> Result<Decimal, DecimalError> {
    let unsigned = text.strip_prefix(['+', '-']).unwrap_or(text);
    let (whole, fraction) = unsigned.split_once('.').unwrap_or((unsigned, ""));
    let digits_only = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if whole.len() + fraction.len() == 0 || !digits_only(whole) || !digits_only(fraction) {
        return Err(DecimalError::Syntax);
    }
    // rust_decimal wants a digit before and after the point.
    let normal = format!(
        "{}{}{}{}",
        if text.starts_with('-') { "-" } else { "" },
        if whole.is_empty() { "0" } else { whole },
        if fraction.is_empty() { "" } else { "." },
        fraction
    );
    Decimal::from_str_exact(&normal).map_err(|_| DecimalError::Inexact)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms() {
        assert_eq!(parse("16"), Ok(Decimal::from(16)));
        assert_eq!(parse("+1.5"), Ok(Decimal::new(15, 1)));
        assert_eq!(parse("-0.25"), Ok(Decimal::new(-25, 2)));
        assert_eq!(parse(".5"), Ok(Decimal::new(5, 1)));
        assert_eq!(parse("5."), Ok(Decimal::from(5)));
        assert_eq!(parse("1.50").map(|d| d.scale()), Ok(2));
        for bad in ["", ".", "-", "1e2", "1,5", " 1", "1 ", "0x10", "1.2.3", "++1", "NaN"] {
            assert_eq!(parse(bad), Err(DecimalError::Syntax), "{bad:?}");
        }
        assert_eq!(parse("79228162514264337593543950336"), Err(DecimalError::Inexact));
    }
}
