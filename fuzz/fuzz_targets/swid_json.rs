//! The SWID JSON form (CDDL names as keys).
#![no_main]

use iso19770_swid::SoftwareIdentity;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = SoftwareIdentity::from_json_str(text);
    }
});
