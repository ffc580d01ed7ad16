//! CoSWID CBOR in the three modes (strict, standard, lenient).
#![no_main]

use iso19770_swid::SoftwareIdentity;
use iso19770_swid::cbor::{CborDecodeOptions, CborMode};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = SoftwareIdentity::from_cbor_slice(data);
    for mode in [CborMode::Strict, CborMode::Lenient] {
        let _ = SoftwareIdentity::from_cbor_slice_with(data, &CborDecodeOptions::default().mode(mode));
    }
});
