//! The streaming readers of the RUM forms (`stream::read_json`, `read_cbor`, `read_xml`),
//! against the whole-document decoders: the first byte selects the form (0: XML, 1: CBOR,
//! 2: JSON, modulo 3, as the round-trip targets). Any input may fail; when the whole-document
//! decoder reads a RUM, the streaming reader must read the same RUM.
#![no_main]

use iso19770_resource_util::Rum;
use iso19770_resource_util::stream::{CborStreamOptions, Collect, read_cbor, read_json, read_xml};
use iso19770_resource_util::xml::XmlOptions;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&selector, rest)) = data.split_first() else { return };
    let mut collected = Collect::default();
    let (streamed, whole) = match selector % 3 {
        0 => (
            read_xml(rest, &XmlOptions::default(), 1 << 20, &mut collected),
            std::str::from_utf8(rest).ok().and_then(|t| Rum::from_xml_str(t).ok()),
        ),
        1 => (read_cbor(rest, &CborStreamOptions::default(), &mut collected), Rum::from_cbor_slice(rest).ok()),
        _ => (read_json(rest, &mut collected), std::str::from_utf8(rest).ok().and_then(|t| Rum::from_json_str(t).ok())),
    };
    if let Some(rum) = whole {
        assert!(streamed.is_ok(), "the whole decoder reads a RUM the stream refuses: {streamed:?}");
        assert_eq!(collected.rums, [rum], "the stream and the whole decoder differ");
    }
});
