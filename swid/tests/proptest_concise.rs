//! Property tests of the concise forms: any model CoSWID carries goes through CBOR and back
//! unchanged and always to the same bytes; likewise through JSON. The CBOR of 1,000 tags within
//! the RFC's CDDL and the JSON of 1,000 tags are kept for `.ci/run`'s oracles (the CDDL, the
//! checked-in JSON Schema).

#![allow(clippy::expect_used, clippy::unwrap_used)]

mod common;

use common::arb::{Concise, concise_tag};
use iso19770_swid::SoftwareIdentity;
use iso19770_swid::cbor::{CborDecodeOptions, CborMode};
use proptest::prelude::*;
use std::sync::atomic::{AtomicUsize, Ordering};

proptest! {
    #![proptest_config(ProptestConfig { cases: 1000, ..ProptestConfig::default() })]

    #[test]
    fn model_to_cbor_to_model_is_the_identity_and_deterministic(tag in concise_tag(Concise::Cbor)) {
        let bytes = tag.to_cbor_vec().map_err(|e| TestCaseError::fail(e.to_string()))?;
        // Strict mode: the encoder's output is deterministic and follows the CDDL.
        let strict = CborDecodeOptions::default().mode(CborMode::Strict);
        let back = SoftwareIdentity::from_cbor_slice_with(&bytes, &strict)
            .map_err(|e| TestCaseError::fail(format!("{e}")))?;
        prop_assert!(back.findings.is_clean());
        prop_assert_eq!(&back.tag, &tag);
        prop_assert_eq!(back.tag.to_cbor_vec().map_err(|e| TestCaseError::fail(e.to_string()))?, bytes.clone());
        prop_assert_eq!(tag.to_cbor_vec().map_err(|e| TestCaseError::fail(e.to_string()))?, bytes);
    }

    /// The same for tags within RFC 9393's CDDL, whose CBOR `.ci/run` hands to the CDDL oracle.
    #[test]
    fn cddl_conformant_models_round_trip_and_are_kept_for_the_oracle(tag in concise_tag(Concise::Cddl)) {
        static CASE: AtomicUsize = AtomicUsize::new(0);
        let bytes = tag.to_cbor_vec().map_err(|e| TestCaseError::fail(e.to_string()))?;
        let strict = CborDecodeOptions::default().mode(CborMode::Strict);
        let back = SoftwareIdentity::from_cbor_slice_with(&bytes, &strict)
            .map_err(|e| TestCaseError::fail(format!("{e}")))?;
        prop_assert_eq!(&back.tag, &tag);
        if let Some(dir) = common::out_dir("cbor-proptest") {
            let n = CASE.fetch_add(1, Ordering::Relaxed);
            std::fs::write(dir.join(format!("case-{n:04}.cbor")), &bytes).map_err(|e| TestCaseError::fail(e.to_string()))?;
        }
    }

    #[test]
    fn model_to_json_to_model_is_the_identity(tag in concise_tag(Concise::Json)) {
        let json = tag.to_json_string().map_err(|e| TestCaseError::fail(e.to_string()))?;
        let back = SoftwareIdentity::from_json_str(&json).map_err(|e| TestCaseError::fail(format!("{e}\n{json}")))?;
        prop_assert_eq!(&back, &tag);
        prop_assert_eq!(back.to_json_string().map_err(|e| TestCaseError::fail(e.to_string()))?, json.clone());
        if let Some(dir) = common::out_dir("json-proptest") {
            static CASE: AtomicUsize = AtomicUsize::new(0);
            let n = CASE.fetch_add(1, Ordering::Relaxed);
            std::fs::write(dir.join(format!("case-{n:04}.json")), &json).map_err(|e| TestCaseError::fail(e.to_string()))?;
        }
    }
}
