//! SWID XML: the string decoder, the streaming decoder and the container reader, with the
//! default options and with the permissive ones (legacy namespaces, invalid values kept, no
//! layout). Any result is fine; a panic, a hang or unbounded memory is not.
#![no_main]

use iso19770_swid::SoftwareIdentity;
use iso19770_swid::xml::{DecodeOptions, XmlTags};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let permissive = DecodeOptions::default().legacy_namespaces(true).keep_invalid_values(true).keep_layout(false);
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = SoftwareIdentity::from_xml_str(text);
        let _ = SoftwareIdentity::from_xml_str_with(text, &permissive);
    }
    let _ = SoftwareIdentity::from_xml_reader(data);
    // A container: every tag in turn, at most a few hundred (each one consumes input).
    for tag in XmlTags::with_options(data, &permissive).take(512) {
        let _ = tag;
    }
});
