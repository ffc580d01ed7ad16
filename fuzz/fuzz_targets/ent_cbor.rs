//! The Ent CBOR form, lenient and canonical.
#![no_main]

use iso19770_ent::Ent;
use iso19770_ent::cbor::CborDecodeOptions;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if Ent::from_cbor_slice(data).is_ok() {
        let _ = Ent::from_cbor_slice_with(data, &CborDecodeOptions::default().canonical(true));
    }
});
