//! The RUM XML form.
#![no_main]

use iso19770_resource_util::Rum;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = Rum::from_xml_str(text);
    }
});
