//! SWID round trips (see `roundtrip_common.rs`): the first byte selects the input form (0: XML,
//! 1: CoSWID CBOR, 2: JSON, modulo 3), the rest is the document. CBOR is decoded in the
//! lenient mode. A decoded tag is also validated under each profile (a validator never fails
//! on a decoded tag).
#![no_main]

#[path = "roundtrip_common.rs"]
mod common;

use common::{Codec, Form, utf8};
use iso19770_swid::SoftwareIdentity;
use iso19770_swid::cbor::{CborDecodeOptions, CborMode};
use iso19770_swid::validate::{Profile, validate};
use libfuzzer_sys::fuzz_target;

#[derive(Debug, PartialEq)]
struct Tag(SoftwareIdentity);

impl Codec for Tag {
    fn decode(form: Form, bytes: &[u8]) -> Result<Self, String> {
        match form {
            Form::Xml => SoftwareIdentity::from_xml_slice(bytes).map_err(|e| e.to_string()),
            Form::Cbor => {
                SoftwareIdentity::from_cbor_slice_with(bytes, &CborDecodeOptions::default().mode(CborMode::Lenient))
                    .map(|d| d.tag)
                    .map_err(|e| e.to_string())
            }
            Form::Json => SoftwareIdentity::from_json_str(utf8(bytes)?).map_err(|e| e.to_string()),
        }
        .map(Tag)
    }

    fn encode(&self, form: Form) -> Option<Vec<u8>> {
        match form {
            Form::Xml => self.0.to_xml_string().ok().map(String::into_bytes),
            Form::Cbor => self.0.to_cbor_vec().ok(),
            Form::Json => self.0.to_json_string().ok().map(String::into_bytes),
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((form, rest)) = common::split(data) else { return };
    let Ok(tag) = Tag::decode(form, rest) else { return };
    for profile in [Profile::iso(), Profile::coswid(), Profile::nistir8060()] {
        let _ = validate(&tag.0, &profile);
    }
    common::check(form, &tag);
});
