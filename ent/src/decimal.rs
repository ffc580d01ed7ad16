//! Exact decimals: the `xs:decimal` text form, read without rounding.
//!
//! The decimal type is [`rust_decimal::Decimal`]: 96 bits of digits and a scale up to 28, exact,
//! well kept, and with no floating point. Its own parser also takes `_` separators and rounds
//! long fractions; [`parse`] takes only the `xs:decimal` form and refuses what it cannot hold
//! exactly. Both are shared by the crate family, from [`iso19770_core::decimal`].
//!
//! ```
//! use iso19770_ent::decimal::parse;
//!
//! assert_eq!(parse("1.250").map(|d| d.to_string()), Ok("1.250".to_owned()));
//! assert!(parse("1e3").is_err());
//! ```

pub use iso19770_core::decimal::{DecimalError, parse};
