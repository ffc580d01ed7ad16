//! Regression tests, each named after the defect it pins down (found by the fuzz targets, see
//! FUZZING.md).

#![allow(clippy::expect_used, clippy::unwrap_used)]

use iso19770_core::cbor::CborValue;
use iso19770_ent::{EncodeError, Ent};

#[test]
fn regression_a_json_float_was_read_back_one_ulp_off() {
    // Found by fuzz/ent_roundtrip: a float of an unknown member, written by the JSON encoder in
    // its shortest form, was read back by serde_json's default (approximate) parser as the
    // next float, so CBOR to JSON did not reach a fixed point.
    let text = "-2.06482906977702e277";
    let exact: f64 = text.parse().expect("a float");
    assert_eq!(exact.to_bits(), 0xf982_a318_45c4_8a20);
    let ent = Ent::from_json_str(&format!("{{\"entId\": \"x\", \"x-f\": {text}}}")).expect("an Ent");
    assert_eq!(ent.extensions.entries[0].value, CborValue::Float(exact.to_bits()));
    // Written and read again, it stays.
    let json = ent.to_json_string().expect("encodes");
    assert!(json.contains("-2.06482906977702e+277"), "{json}");
    assert_eq!(Ent::from_json_str(&json).expect("decodes"), ent);
    // From CBOR too: {0: "x", "x-f": -2.06482906977702e277}.
    let mut cbor = vec![0xa2, 0x00, 0x61, b'x', 0x63, b'x', b'-', b'f', 0xfb];
    cbor.extend_from_slice(&exact.to_bits().to_be_bytes());
    let from_cbor = Ent::from_cbor_slice(&cbor).expect("an Ent");
    let once = Ent::from_json_str(&from_cbor.to_json_string().expect("encodes")).expect("decodes");
    assert_eq!(once, from_cbor);
}

/// An unknown integer key of the CBOR form was written to JSON as its decimal text and read back
/// as a text label: CBOR -> JSON -> CBOR turned the key 777 into the text key "777". (Seen while
/// fixing the same question in the SWID form, found there by `fuzz/swid_roundtrip`.)
#[test]
fn regression_an_unknown_integer_key_came_back_from_json_as_text() {
    // {0: "e", 777: 1}
    let cbor = [0xa2, 0x00, 0x61, b'e', 0x19, 0x03, 0x09, 0x01];
    let ent = Ent::from_cbor_slice(&cbor).expect("an Ent");
    assert_eq!(ent.extensions.entries[0].label, iso19770_core::Label::Int(777));
    let back = Ent::from_json_str(&ent.to_json_string().expect("encodes")).expect("decodes");
    assert_eq!(back, ent);
    assert_eq!(back.to_cbor_vec().expect("encodes"), cbor);
    // {0: "e", "777": 1}: a text key that JSON could not tell from the integer is refused.
    let cbor = [0xa2, 0x00, 0x61, b'e', 0x63, b'7', b'7', b'7', 0x01];
    let ent = Ent::from_cbor_slice(&cbor).expect("an Ent");
    match ent.to_json_string() {
        Err(EncodeError::Json { message }) => {
            assert!(message.contains("\"777\" would read back as the integer label 777"), "{message}");
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn regression_a_kept_text_key_named_like_a_member_was_written_twice_in_json() {
    // As found in the RUM form by fuzz/rum_roundtrip: {0: "e", "entId": 1} keeps the text key,
    // and the JSON form had `entId` twice.
    let cbor = [0xa2, 0x00, 0x61, b'e', 0x65, b'e', b'n', b't', b'I', b'd', 0x01];
    let ent = Ent::from_cbor_slice(&cbor).expect("an Ent");
    match ent.to_json_string() {
        Err(EncodeError::DuplicateKey { path, key }) => {
            assert_eq!((path.to_string(), key.as_str()), (String::new(), "entId"));
        }
        other => panic!("{other:?}"),
    }
}
