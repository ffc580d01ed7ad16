//! The Ent XML form.
#![no_main]

use iso19770_ent::Ent;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = Ent::from_xml_str(text);
    }
});
