//! The codes this codec records in an [`XmlLayout`](iso19770_core::XmlLayout): which attribute
//! or child an entry of the layout stands for, and how typed attribute values are spelled.

use crate::registry::attribute as a;

/// `xml:lang`.
pub(crate) const LANG: u8 = 0;
/// A file hash; the index is into `File::hashes`.
pub(crate) const HASH: u8 = 1;
/// A preserved attribute; the index is into `extensions.attributes`.
pub(crate) const FOREIGN: u8 = 2;
/// A namespace declaration; the index is into the layout's `namespaces`.
pub(crate) const XMLNS: u8 = 3;
/// The first code of the schema's own attributes: `FIRST_KNOWN + i` is `KNOWN[i]`.
const FIRST_KNOWN: u8 = 4;

/// The schema's unqualified attributes, each with the type of its value.
const KNOWN: &[(&str, Value)] = &[
    (a::NAME, Value::Text),
    (a::TAG_ID, Value::Text),
    (a::TAG_VERSION, Value::Integer),
    (a::VERSION, Value::Text),
    (a::VERSION_SCHEME, Value::Token),
    (a::CORPUS, Value::Boolean),
    (a::PATCH, Value::Boolean),
    (a::SUPPLEMENTAL, Value::Boolean),
    (a::MEDIA, Value::Text),
    (a::REGID, Value::Text),
    (a::ROLE, Value::Tokens),
    (a::THUMBPRINT, Value::Text),
    (a::DATE, Value::Text),
    (a::DEVICE_ID, Value::Text),
    (a::KEY, Value::Boolean),
    (a::LOCATION, Value::Text),
    (a::ROOT, Value::Text),
    (a::SIZE, Value::Unsigned),
    (a::PID, Value::Integer),
    (a::TYPE, Value::Text),
    (a::ARTIFACT, Value::Text),
    (a::HREF, Value::Text),
    (a::OWNERSHIP, Value::Token),
    (a::REL, Value::Token),
    (a::USE, Value::Token),
    (a::ACTIVATION_STATUS, Value::Text),
    (a::CHANNEL_TYPE, Value::Text),
    (a::COLLOQUIAL_VERSION, Value::Text),
    (a::DESCRIPTION, Value::Text),
    (a::EDITION, Value::Text),
    (a::ENTITLEMENT_DATA_REQUIRED, Value::Boolean),
    (a::ENTITLEMENT_KEY, Value::Text),
    (a::GENERATOR, Value::Text),
    (a::PERSISTENT_ID, Value::Text),
    (a::PRODUCT, Value::Text),
    (a::PRODUCT_FAMILY, Value::Text),
    (a::REVISION, Value::Text),
    (a::SUMMARY, Value::Text),
    (a::UNSPSC_CODE, Value::Text),
    (a::UNSPSC_VERSION, Value::Text),
];

/// The type of an attribute's value, which decides how it is spelled canonically.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Value {
    /// Kept as written.
    Text,
    /// `xs:boolean`: `true` / `false` (also read: `1` / `0`).
    Boolean,
    /// `xs:integer` held as `i64`.
    Integer,
    /// `xs:integer` held as `u64`.
    Unsigned,
    /// One `NMTOKEN` (white space collapsed).
    Token,
    /// An `NMTOKENS` list (single spaces).
    Tokens,
    /// Hex digits (lower case).
    Hex,
}

/// The layout code of the schema attribute `name`.
pub(crate) fn known(name: &str) -> u8 {
    let i = KNOWN.iter().position(|(n, _)| *n == name).unwrap_or(0);
    FIRST_KNOWN + u8::try_from(i).unwrap_or(0)
}

/// The value type of the attribute with layout code `kind`.
pub(crate) fn value_type(kind: u8) -> Value {
    match kind {
        HASH => Value::Hex,
        LANG | FOREIGN | XMLNS => Value::Text,
        k => KNOWN.get(usize::from(k.saturating_sub(FIRST_KNOWN))).map_or(Value::Text, |(_, v)| *v),
    }
}

/// The canonical spelling of `lexical` as a value of type `value`, or `None` when it is not one.
pub(crate) fn canonical(value: Value, lexical: &str) -> Option<String> {
    let collapsed = lexical.trim_matches(XML_SPACE);
    match value {
        Value::Text => Some(lexical.to_owned()),
        Value::Boolean => parse_boolean(lexical).map(|b| b.to_string()),
        Value::Integer => parse_integer::<i64>(lexical).ok().map(|i| i.to_string()),
        Value::Unsigned => parse_integer::<u64>(lexical).ok().map(|i| i.to_string()),
        Value::Token => Some(collapsed.to_owned()),
        Value::Tokens => Some(lexical.split(XML_SPACE).filter(|t| !t.is_empty()).collect::<Vec<_>>().join(" ")),
        Value::Hex => crate::hex::decode(collapsed).map(|b| crate::hex::encode(&b)),
    }
}

/// The white space characters of XML.
pub(crate) const XML_SPACE: [char; 4] = [' ', '\t', '\n', '\r'];

/// An `xs:boolean` (`true`, `false`, `1`, `0`, surrounding white space allowed).
pub(crate) fn parse_boolean(lexical: &str) -> Option<bool> {
    match lexical.trim_matches(XML_SPACE) {
        "true" | "1" => Some(true),
        "false" | "0" => Some(false),
        _ => None,
    }
}

/// Why an `xs:integer` could not be read.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum IntegerError {
    /// Not an integer at all.
    Invalid,
    /// An integer outside the target type.
    OutOfRange,
}

/// An `xs:integer` (optional sign, decimal digits, surrounding white space allowed).
pub(crate) fn parse_integer<T: std::str::FromStr>(lexical: &str) -> Result<T, IntegerError> {
    let t = lexical.trim_matches(XML_SPACE);
    let digits = t.strip_prefix(['+', '-']).unwrap_or(t);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(IntegerError::Invalid);
    }
    // `FromStr` for integers accepts a leading `+` and rejects only what does not fit.
    t.parse::<T>().map_err(|_| IntegerError::OutOfRange)
}

/// The child kinds of the layout.
pub(crate) mod child {
    /// `Entity`.
    pub(crate) const ENTITY: u8 = 0;
    /// `Link`.
    pub(crate) const LINK: u8 = 1;
    /// `Meta`.
    pub(crate) const META: u8 = 2;
    /// `Payload`.
    pub(crate) const PAYLOAD: u8 = 3;
    /// `Evidence`.
    pub(crate) const EVIDENCE: u8 = 4;
    /// `Directory`.
    pub(crate) const DIRECTORY: u8 = 5;
    /// `File`.
    pub(crate) const FILE: u8 = 6;
    /// `Process`.
    pub(crate) const PROCESS: u8 = 7;
    /// `Resource`.
    pub(crate) const RESOURCE: u8 = 8;
    /// A preserved element; the index is into `extensions.elements`.
    pub(crate) const FOREIGN: u8 = 9;

    /// The local name of a SWID child kind.
    pub(crate) fn name(kind: u8) -> &'static str {
        use crate::registry::element as el;
        match kind {
            ENTITY => el::ENTITY,
            LINK => el::LINK,
            META => el::META,
            PAYLOAD => el::PAYLOAD,
            EVIDENCE => el::EVIDENCE,
            DIRECTORY => el::DIRECTORY,
            FILE => el::FILE,
            PROCESS => el::PROCESS,
            _ => el::RESOURCE,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_codes_map_back_to_their_types() {
        assert_eq!(value_type(known(a::CORPUS)), Value::Boolean);
        assert_eq!(value_type(known(a::SIZE)), Value::Unsigned);
        assert_eq!(value_type(known(a::ROLE)), Value::Tokens);
        assert_eq!(value_type(known(a::NAME)), Value::Text);
        assert_eq!(value_type(HASH), Value::Hex);
        assert!(known(a::UNSPSC_VERSION) > known(a::NAME));
    }

    #[test]
    fn canonical_spellings() {
        assert_eq!(canonical(Value::Boolean, " 1 ").as_deref(), Some("true"));
        assert_eq!(canonical(Value::Boolean, "yes"), None);
        assert_eq!(canonical(Value::Integer, "+007").as_deref(), Some("7"));
        assert_eq!(canonical(Value::Unsigned, "-1"), None);
        assert_eq!(canonical(Value::Tokens, " a\t b ").as_deref(), Some("a b"));
        assert_eq!(canonical(Value::Hex, "AB").as_deref(), Some("ab"));
        assert_eq!(canonical(Value::Token, " patches ").as_deref(), Some("patches"));
    }

    #[test]
    fn integers_distinguish_invalid_from_out_of_range() {
        assert_eq!(parse_integer::<i64>("12"), Ok(12));
        assert_eq!(parse_integer::<i64>(" -12 "), Ok(-12));
        assert_eq!(parse_integer::<i64>("1e3"), Err(IntegerError::Invalid));
        assert_eq!(parse_integer::<i64>("+"), Err(IntegerError::Invalid));
        assert_eq!(parse_integer::<i64>("99999999999999999999"), Err(IntegerError::OutOfRange));
        assert_eq!(parse_integer::<u64>("-1"), Err(IntegerError::OutOfRange));
    }
}
