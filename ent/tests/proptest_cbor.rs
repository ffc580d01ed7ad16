//! Any model value survives CBOR: model → CBOR → model is the identity, the bytes are
//! deterministic, and no input makes the decoder panic.

#![cfg(feature = "cbor")]
#![allow(clippy::expect_used, clippy::unwrap_used)]

mod common;

use common::{cbor_extensions, ent, json_extensions, wide_decimal};
use iso19770_ent::cbor::CborDecodeOptions;
use iso19770_ent::{Cost, Ent, Quantity};
use proptest::collection::vec;
use proptest::prelude::*;

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn cbor_round_trip(ent in ent(cbor_extensions)) {
        let bytes = ent.to_cbor_vec().unwrap();
        prop_assert_eq!(ent.to_cbor_vec().unwrap(), bytes.clone(), "encoding twice differs");
        let back = Ent::from_cbor_slice(&bytes).unwrap();
        prop_assert_eq!(&back, &ent);
        // The scale of every decimal and the order of every list are kept: the same bytes again.
        prop_assert_eq!(back.to_cbor_vec().unwrap(), bytes.clone());
        let canonical = CborDecodeOptions::default().canonical(true);
        prop_assert_eq!(Ent::from_cbor_slice_with(&bytes, &canonical).unwrap(), ent);
    }

    #[test]
    fn json_and_cbor_agree(ent in ent(json_extensions)) {
        let bytes = ent.to_cbor_vec().unwrap();
        let back = Ent::from_cbor_slice(&bytes).unwrap();
        #[cfg(feature = "json")]
        prop_assert_eq!(back.to_json_string().unwrap(), ent.to_json_string().unwrap());
        prop_assert_eq!(back, ent);
    }

    #[test]
    fn decimals_of_96_bits_and_28_places_are_exact(d in wide_decimal(), e in wide_decimal()) {
        let ent = Ent::new("d").with_quantity(Quantity::Exact(d)).with_cost(Cost::new(e, "EUR"));
        let back = Ent::from_cbor_slice(&ent.to_cbor_vec().unwrap()).unwrap();
        let Some(Quantity::Exact(q)) = back.quantity else { panic!("{:?}", back.quantity) };
        prop_assert_eq!((q.mantissa(), q.scale()), (d.mantissa(), d.scale()));
        prop_assert_eq!((back.costs[0].amount.mantissa(), back.costs[0].amount.scale()), (e.mantissa(), e.scale()));
    }

    #[test]
    fn decoding_arbitrary_bytes_never_panics(bytes in vec(any::<u8>(), 0..96)) {
        let _ = Ent::from_cbor_slice(&bytes);
    }

    #[test]
    fn decoding_damaged_encodings_never_panics(
        ent in ent(cbor_extensions),
        edits in vec((any::<prop::sample::Index>(), any::<u8>()), 1..4),
    ) {
        let mut bytes = ent.to_cbor_vec().unwrap();
        for (at, byte) in edits {
            let i = at.index(bytes.len());
            bytes[i] = byte;
        }
        if let Ok(decoded) = Ent::from_cbor_slice(&bytes) {
            // Whatever decodes encodes again, and that is stable.
            let again = decoded.to_cbor_vec().unwrap();
            prop_assert_eq!(Ent::from_cbor_slice(&again).unwrap().to_cbor_vec().unwrap(), again);
        }
    }
}
