//! The round-trip check shared by the `*_roundtrip` targets.
//!
//! For a model `m0` decoded from the input and each form F (XML, CBOR, JSON) whose encoder
//! accepts it (an encoder refusing content its form cannot carry is skipped, not a failure):
//!
//! 1. `b0 = encode_F(m0)` must decode: `m1 = decode_F(b0)`.
//! 2. For the input's own form, `m1 == m0`, except where the form normalizes what it does not
//!    distinguish (deterministic CBOR sorts map entries, and writes a default `tag-version`):
//!    then `encode_F(m1)` must be exactly `b0` (nothing was lost, only reordered or made
//!    explicit).
//! 3. For every form, `decode_F(encode_F(m1)) == m1`: one conversion reaches a fixed point.

use std::fmt::Debug;

/// The three forms; the first input byte (modulo 3) selects the one decoded.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Form {
    Xml,
    Cbor,
    Json,
}

pub const FORMS: [Form; 3] = [Form::Xml, Form::Cbor, Form::Json];

/// A model with its three codecs.
pub trait Codec: Sized + PartialEq + Debug {
    fn decode(form: Form, bytes: &[u8]) -> Result<Self, String>;
    fn encode(&self, form: Form) -> Option<Vec<u8>>;
}

fn decode_written<T: Codec>(form: Form, bytes: &[u8]) -> T {
    match T::decode(form, bytes) {
        Ok(m) => m,
        Err(e) => panic!("{form:?} written by the encoder does not decode: {e}\n{}", String::from_utf8_lossy(bytes)),
    }
}

/// Checks `m0`, decoded from `input`.
pub fn check<T: Codec>(input: Form, m0: &T) {
    for form in FORMS {
        let Some(b0) = m0.encode(form) else { continue };
        let m1: T = decode_written(form, &b0);
        if form == input && m1 != *m0 {
            match m1.encode(form) {
                Some(b1) => assert!(
                    b1 == b0,
                    "{form:?} decode, encode, decode changed the model\nbefore: {m0:?}\nafter:  {m1:?}\nfirst:  {}\nsecond: {}",
                    String::from_utf8_lossy(&b0),
                    String::from_utf8_lossy(&b1)
                ),
                None => panic!("{form:?}: a decoded model the encoder wrote cannot be written again: {m1:?}"),
            }
        }
        let Some(b1) = m1.encode(form) else {
            panic!("{form:?}: a decoded model the encoder wrote cannot be written again: {m1:?}")
        };
        let m2: T = decode_written(form, &b1);
        assert!(m2 == m1, "{input:?} converted to {form:?} is not a fixed point\nonce:  {m1:?}\ntwice: {m2:?}");
    }
}

/// Splits the selector byte off; `None` for an empty input.
pub fn split(data: &[u8]) -> Option<(Form, &[u8])> {
    let (&selector, rest) = data.split_first()?;
    Some((FORMS[usize::from(selector % 3)], rest))
}

pub fn utf8(bytes: &[u8]) -> Result<&str, String> {
    std::str::from_utf8(bytes).map_err(|e| e.to_string())
}
