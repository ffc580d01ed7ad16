//! Any model value survives CBOR: model → CBOR → model is the identity, the bytes are
//! deterministic, and no input makes the decoder panic or fail without a place.

#![cfg(feature = "cbor")]
#![allow(clippy::expect_used, clippy::unwrap_used)]

mod common;

use common::{json_extensions, rum};
use iso19770_resource_util::{DecodeError, Rum};
use proptest::prelude::*;

/// Puts kept entries in the order of their encoded keys, the order deterministic CBOR gives.
fn in_cbor_order(rum: &mut Rum) {
    let sort = |ext: &mut iso19770_resource_util::Extensions| {
        ext.entries.sort_by_cached_key(|e| {
            let mut w = iso19770_core::cbor::Writer::new();
            w.label(&e.label);
            w.into_bytes()
        });
    };
    sort(&mut rum.extensions);
    rum.entities.iter_mut().for_each(|e| sort(&mut e.extensions));
    rum.links.iter_mut().for_each(|l| sort(&mut l.extensions));
    rum.meta.iter_mut().for_each(|m| sort(&mut m.extensions));
    if let Some(a) = &mut rum.asset {
        sort(&mut a.extensions);
    }
    rum.measurements.iter_mut().for_each(|m| sort(&mut m.extensions));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn cbor_round_trip(mut rum in rum(json_extensions)) {
        in_cbor_order(&mut rum);
        let bytes = rum.to_cbor_vec().unwrap();
        let back = Rum::from_cbor_slice(&bytes).unwrap();
        prop_assert_eq!(&back, &rum);
        prop_assert_eq!(back.to_cbor_vec().unwrap(), bytes);
    }

    #[test]
    fn cut_and_mangled_cbor_fails_with_a_place(rum in rum(json_extensions), cut in any::<prop::sample::Index>(), byte in any::<u8>()) {
        let bytes = rum.to_cbor_vec().unwrap();
        let at = cut.index(bytes.len());
        if at < bytes.len() {
            let err = Rum::from_cbor_slice(&bytes[..at]).unwrap_err();
            prop_assert!(err.position().offset <= at as u64, "{}", err);
        }
        let mut mangled = bytes.clone();
        if let Some(b) = mangled.get_mut(at) {
            *b = byte;
        }
        if let Err(e) = Rum::from_cbor_slice(&mangled) {
            prop_assert!(e.position().offset <= mangled.len() as u64, "{}", e);
        }
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..64)) {
        let _ = Rum::from_cbor_slice(&bytes);
    }
}

#[test]
fn huge_declared_lengths_are_refused_before_allocating() {
    // {0: "r", 8: array of 2^32 items}
    let bytes = [0xa2, 0x00, 0x61, b'r', 0x08, 0x9a, 0xff, 0xff, 0xff, 0xff];
    let err = Rum::from_cbor_slice(&bytes).unwrap_err();
    assert!(matches!(err, DecodeError::LengthBeyondInput { .. } | DecodeError::LengthAboveLimit { .. }), "{err:?}");
    assert_eq!(err.position().offset, 5);
    assert_eq!(err.path().to_string(), "measurements");
}

#[test]
fn bad_values_have_their_key_paths() {
    // {0: "r", 8: [{24: "m", 27: 1.5 as a float}]}
    let bytes = [0xa2, 0x00, 0x61, b'r', 0x08, 0x81, 0xa2, 0x18, 0x18, 0x61, b'm', 0x18, 0x1b, 0xf9, 0x3e, 0x00];
    let err = Rum::from_cbor_slice(&bytes).unwrap_err();
    assert!(matches!(err, DecodeError::WrongType { .. }), "{err:?}");
    assert_eq!(err.path().to_string(), "measurements[0]/value");
    assert_eq!(err.position().offset, 13);
    // A role code the vocabulary does not have: {0: "r", 4: [{9: "x", 11: [99]}]}
    let bytes = [0xa2, 0x00, 0x61, b'r', 0x04, 0x81, 0xa2, 0x09, 0x61, b'x', 0x0b, 0x81, 0x18, 0x63];
    let err = Rum::from_cbor_slice(&bytes).unwrap_err();
    assert!(matches!(err, DecodeError::UnknownValue { vocabulary: "role", .. }), "{err:?}");
    assert_eq!(err.path().to_string(), "entities[0]/roles[0]");
    // No rumId.
    let err = Rum::from_cbor_slice(&[0xa0]).unwrap_err();
    assert!(matches!(err, DecodeError::MissingKey { key: "rumId", .. }), "{err:?}");
    // Trailing bytes.
    let err = Rum::from_cbor_slice(&[0xa1, 0x00, 0x61, b'r', 0x00]).unwrap_err();
    assert!(matches!(err, DecodeError::TrailingBytes { count: 1, .. }), "{err:?}");
}
