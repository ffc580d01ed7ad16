//! Ent round trips (see `roundtrip_common.rs`): the first byte selects the input form (0: XML,
//! 1: CBOR, 2: JSON, modulo 3), the rest is the document. Validation must not panic either.
#![no_main]

#[path = "roundtrip_common.rs"]
mod common;

use common::{Codec, Form, utf8};
use iso19770_ent::Ent;
use iso19770_ent::validate::validate;
use libfuzzer_sys::fuzz_target;

#[derive(Debug, PartialEq)]
struct Model(Ent);

impl Codec for Model {
    fn decode(form: Form, bytes: &[u8]) -> Result<Self, String> {
        match form {
            Form::Xml => Ent::from_xml_str(utf8(bytes)?).map_err(|e| e.to_string()),
            Form::Cbor => Ent::from_cbor_slice(bytes).map_err(|e| e.to_string()),
            Form::Json => Ent::from_json_str(utf8(bytes)?).map_err(|e| e.to_string()),
        }
        .map(Model)
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
    let Ok(ent) = Model::decode(form, rest) else { return };
    let _ = validate(&ent.0);
    common::check(form, &ent);
});
