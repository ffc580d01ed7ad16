//! CycloneDX `licensing` import: the first byte selects the form (even: JSON, odd: XML), the
//! rest is the document. What was imported is exported again (it must not panic).
#![no_main]

use iso19770_ent::cyclonedx;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&selector, rest)) = data.split_first() else { return };
    let Ok(text) = std::str::from_utf8(rest) else { return };
    let imported = if selector % 2 == 0 { cyclonedx::import_json(text).ok() } else { cyclonedx::import_xml(text).ok() };
    if let Some(import) = imported {
        let _ = cyclonedx::export_json(&import.ents);
        let _ = cyclonedx::export_xml(&import.ents);
    }
});
