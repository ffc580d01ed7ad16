//! The RUM CBOR form.
#![no_main]

use iso19770_resource_util::Rum;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = Rum::from_cbor_slice(data);
});
