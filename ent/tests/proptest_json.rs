//! Any model value survives JSON: model → JSON → model is the identity.

#![cfg(feature = "json")]
#![allow(clippy::expect_used, clippy::unwrap_used)]

mod common;

use common::{ent, json_extensions};
use iso19770_ent::Ent;
use proptest::prelude::*;

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn json_round_trip(ent in ent(json_extensions)) {
        let json = ent.to_json_string().unwrap();
        let back = Ent::from_json_str(&json).unwrap();
        prop_assert_eq!(&back, &ent);
        // The scale of every decimal is kept too: writing again gives the same text.
        prop_assert_eq!(back.to_json_string().unwrap(), json);
    }

    #[test]
    fn validation_never_panics(ent in ent(json_extensions)) {
        let _ = iso19770_ent::validate::validate(&ent);
    }

    #[test]
    fn decoding_arbitrary_text_never_panics(s in "\\PC{0,64}") {
        let _ = Ent::from_json_str(&s);
    }
}
