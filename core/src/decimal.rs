//! Exact decimals (feature `decimal`): the `xs:decimal` text form, read without rounding, and
//! its JSON and schema forms.
//!
//! The decimal type is [`rust_decimal::Decimal`] (re-exported as [`Decimal`]): 96 bits of
//! digits and a scale up to 28, exact, well kept, and with no floating point. Its own parser
//! also takes `_` separators and rounds long fractions; [`parse`] takes only the `xs:decimal`
//! form and refuses what it cannot hold exactly. Quantities, factors, amounts and measured
//! values of every crate of the family are this type.

pub use rust_decimal::Decimal;
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
/// use iso19770_core::decimal::parse;
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

/// Serde glue for exact decimals (feature `serde`): written as their text (a JSON string), read
/// from a string in the `xs:decimal` form or an integer; a JSON number with a fraction or an
/// exponent is refused, since it would pass through floating point.
///
/// ```
/// #[derive(serde::Serialize, serde::Deserialize, Debug, PartialEq)]
/// struct Price {
///     #[serde(with = "iso19770_core::decimal::serde::text")]
///     amount: iso19770_core::decimal::Decimal,
/// }
/// let p: Price = serde_json::from_str(r#"{"amount": "1.50"}"#)?;
/// assert_eq!(serde_json::to_string(&p)?, r#"{"amount":"1.50"}"#);
/// assert!(serde_json::from_str::<Price>(r#"{"amount": 1.5}"#).is_err());
/// assert_eq!(serde_json::from_str::<Price>(r#"{"amount": 7}"#)?.amount.to_string(), "7");
/// # Ok::<(), serde_json::Error>(())
/// ```
#[cfg(feature = "serde")]
pub mod serde {
    use super::Decimal;
    use serde::de::{self, Deserializer, Visitor};
    use serde::ser::Serializer;
    use std::fmt;

    /// Reads an exact decimal from a string or an integer.
    #[derive(Clone, Copy, Debug, Default)]
    pub struct DecimalVisitor;

    impl Visitor<'_> for DecimalVisitor {
        type Value = Decimal;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("an exact decimal as a string (\"0.5\") or an integer")
        }

        fn visit_str<E: de::Error>(self, v: &str) -> Result<Decimal, E> {
            super::parse(v).map_err(|e| E::custom(format_args!("{v:?}: {e}")))
        }

        fn visit_u64<E: de::Error>(self, v: u64) -> Result<Decimal, E> {
            Ok(Decimal::from(v))
        }

        fn visit_i64<E: de::Error>(self, v: i64) -> Result<Decimal, E> {
            Ok(Decimal::from(v))
        }

        fn visit_f64<E: de::Error>(self, _: f64) -> Result<Decimal, E> {
            Err(E::custom(
                "a JSON number with a fraction or an exponent, or beyond 64 bits, would pass through floating point: write the decimal as a string (\"0.5\")",
            ))
        }
    }

    /// `#[serde(with = "iso19770_core::decimal::serde::text")]` for a [`Decimal`].
    pub mod text {
        use super::{Decimal, DecimalVisitor, Deserializer, Serializer};

        /// Writes the decimal's text.
        pub fn serialize<S: Serializer>(d: &Decimal, s: S) -> Result<S::Ok, S::Error> {
            s.collect_str(d)
        }

        /// Reads a decimal string or an integer.
        pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Decimal, D::Error> {
            d.deserialize_any(DecimalVisitor)
        }
    }

    /// `#[serde(with = "iso19770_core::decimal::serde::opt_text")]` for an `Option<Decimal>`
    /// (with `default` and `skip_serializing_if = "Option::is_none"`).
    pub mod opt_text {
        use super::{Decimal, DecimalVisitor, Deserializer, Serializer};

        /// Writes the decimal's text, or nothing.
        #[allow(clippy::ref_option)] // the signature serde's `with` asks for
        pub fn serialize<S: Serializer>(d: &Option<Decimal>, s: S) -> Result<S::Ok, S::Error> {
            match d {
                Some(d) => s.collect_str(d),
                None => s.serialize_none(),
            }
        }

        /// Reads a decimal string or an integer.
        pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Decimal>, D::Error> {
            d.deserialize_any(DecimalVisitor).map(Some)
        }
    }
}

/// The JSON Schema of an exact decimal (feature `schema`): a string in the `xs:decimal` form, or
/// an integer. Use as `#[schemars(with = "iso19770_core::decimal::DecimalText")]`.
#[cfg(feature = "schema")]
pub struct DecimalText;

#[cfg(feature = "schema")]
impl schemars::JsonSchema for DecimalText {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Decimal".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "an exact decimal: a string in the xs:decimal form (written so), or an integer",
            "anyOf": [
                { "type": "string", "pattern": DECIMAL_PATTERN },
                { "type": "integer" }
            ]
        })
    }
}

/// The regular expression of the `xs:decimal` text form, for schemas.
pub const DECIMAL_PATTERN: &str = "^[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)$";

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
