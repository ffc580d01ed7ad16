//! Property tests: any model goes through XML and back unchanged, and XSD-shaped models give
//! XML that `.ci/run` checks against the official XSD.

#![allow(clippy::expect_used, clippy::unwrap_used)]

mod common;

use common::arb::{Profile, tag};
use iso19770_swid::SoftwareIdentity;
use proptest::prelude::*;
use std::sync::atomic::{AtomicUsize, Ordering};

proptest! {
    #![proptest_config(ProptestConfig { cases: 1000, ..ProptestConfig::default() })]

    #[test]
    fn model_to_xml_to_model_is_the_identity(tag in tag(Profile::Any)) {
        let xml = tag.to_xml_string().map_err(|e| TestCaseError::fail(e.to_string()))?;
        let back = SoftwareIdentity::from_xml_str(&xml).map_err(|e| TestCaseError::fail(format!("{e}\n{xml}")))?;
        prop_assert_eq!(&back, &tag);
        // The decoded tag, now with its layout, is written back to the same bytes.
        prop_assert_eq!(back.to_xml_string().map_err(|e| TestCaseError::fail(e.to_string()))?, xml.clone());
        let streamed = SoftwareIdentity::from_xml_reader(xml.as_bytes()).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(streamed, tag);
    }

    #[test]
    fn xsd_shaped_models_round_trip_and_are_kept_for_the_xsd_oracle(tag in tag(Profile::Xsd)) {
        static CASE: AtomicUsize = AtomicUsize::new(0);
        let xml = tag.to_xml_string().map_err(|e| TestCaseError::fail(e.to_string()))?;
        let back = SoftwareIdentity::from_xml_str(&xml).map_err(|e| TestCaseError::fail(format!("{e}\n{xml}")))?;
        prop_assert_eq!(back, tag);
        if let Some(dir) = common::out_dir("proptest") {
            let n = CASE.fetch_add(1, Ordering::Relaxed);
            std::fs::write(dir.join(format!("case-{n:04}.xml")), &xml).map_err(|e| TestCaseError::fail(e.to_string()))?;
        }
    }
}
