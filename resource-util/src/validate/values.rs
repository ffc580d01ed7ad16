//! Measured values and sampling.

use super::{at, push};
use crate::Rum;
use iso19770_core::Report;

/// `rum-value-negative`: a measured value is not negative.
pub(super) fn negative(rum: &Rum, out: &mut Report) {
    for (i, m) in rum.measurements.iter().enumerate() {
        if m.value.is_sign_negative() && !m.value.is_zero() {
            push(
                out,
                "rum-value-negative",
                at("measurements", i, Some("value")),
                format!("the value {} is negative", m.value),
            );
        }
    }
}

/// `rum-sampling`: a sample interval and a sample count are at least 1.
pub(super) fn sampling(rum: &Rum, out: &mut Report) {
    for (i, m) in rum.measurements.iter().enumerate() {
        if m.sample_interval == Some(0) {
            push(out, "rum-sampling", at("measurements", i, Some("sampleInterval")), "a sample interval of 0 seconds");
        }
        if m.sample_count == Some(0) {
            push(out, "rum-sampling", at("measurements", i, Some("sampleCount")), "a count of 0 samples");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{assert_one, good};
    use super::super::validate;
    use crate::Decimal;

    #[test]
    fn negative_values() {
        let mut rum = good();
        rum.measurements[0].value = Decimal::new(-5, 1);
        assert_one(&validate(&rum), "rum-value-negative", "measurements[0]/value");
        // Negative zero is zero.
        rum.measurements[0].value = Decimal::new(-0, 2);
        assert!(validate(&rum).is_clean());
    }

    #[test]
    fn sampling() {
        let mut rum = good();
        rum.measurements[0].sample_interval = Some(0);
        assert_one(&validate(&rum), "rum-sampling", "measurements[0]/sampleInterval");
        let mut rum = good();
        rum.measurements[0].sample_count = Some(0);
        assert_one(&validate(&rum), "rum-sampling", "measurements[0]/sampleCount");
    }
}
