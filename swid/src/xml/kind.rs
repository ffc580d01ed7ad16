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
/// The first code of the schema's own attributes.
const FIRST_KNOWN: u8 = 4;

/// Defines [`Known`], the schema's unqualified attributes, with their names and value types.
macro_rules! known_attributes {
    ($($variant:ident => ($name:expr, $value:ident)),+ $(,)?) => {
        /// An unqualified attribute of the 2015 schema.
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        #[repr(u8)]
        pub(crate) enum Known {
            $(
                #[doc = stringify!($name)]
                $variant,
            )+
        }

        /// The name and value type of each [`Known`] attribute, in its order.
        const KNOWN: &[(&str, Value)] = &[$(($name, Value::$value)),+];
    };
}

known_attributes! {
    Name => (a::NAME, Text),
    TagId => (a::TAG_ID, Text),
    TagVersion => (a::TAG_VERSION, Integer),
    Version => (a::VERSION, Text),
    VersionScheme => (a::VERSION_SCHEME, Token),
    Corpus => (a::CORPUS, Boolean),
    Patch => (a::PATCH, Boolean),
    Supplemental => (a::SUPPLEMENTAL, Boolean),
    Media => (a::MEDIA, Text),
    Regid => (a::REGID, Text),
    Role => (a::ROLE, Tokens),
    Thumbprint => (a::THUMBPRINT, Hex),
    Date => (a::DATE, Text),
    DeviceId => (a::DEVICE_ID, Text),
    Key => (a::KEY, Boolean),
    Location => (a::LOCATION, Text),
    Root => (a::ROOT, Text),
    Size => (a::SIZE, Unsigned),
    Pid => (a::PID, Integer),
    Type => (a::TYPE, Text),
    Artifact => (a::ARTIFACT, Text),
    Href => (a::HREF, Text),
    Ownership => (a::OWNERSHIP, Token),
    Rel => (a::REL, Token),
    Use => (a::USE, Token),
    ActivationStatus => (a::ACTIVATION_STATUS, Text),
    ChannelType => (a::CHANNEL_TYPE, Text),
    ColloquialVersion => (a::COLLOQUIAL_VERSION, Text),
    Description => (a::DESCRIPTION, Text),
    Edition => (a::EDITION, Text),
    EntitlementDataRequired => (a::ENTITLEMENT_DATA_REQUIRED, Boolean),
    EntitlementKey => (a::ENTITLEMENT_KEY, Text),
    Generator => (a::GENERATOR, Text),
    PersistentId => (a::PERSISTENT_ID, Text),
    Product => (a::PRODUCT, Text),
    ProductFamily => (a::PRODUCT_FAMILY, Text),
    Revision => (a::REVISION, Text),
    Summary => (a::SUMMARY, Text),
    UnspscCode => (a::UNSPSC_CODE, Text),
    UnspscVersion => (a::UNSPSC_VERSION, Text),
}

impl Known {
    /// The layout code.
    pub(crate) const fn code(self) -> u8 {
        FIRST_KNOWN + self as u8
    }

    /// The local name.
    pub(crate) fn local(self) -> &'static str {
        KNOWN[self as usize].0
    }
}

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

/// True when `lexical` is already the canonical spelling of a value of type `value` (checked
/// without building the canonical text).
pub(crate) fn is_canonical(value: Value, lexical: &str) -> bool {
    let spaced = super::names::is_space_byte;
    let b = lexical.as_bytes();
    match value {
        Value::Text => true,
        Value::Boolean => matches!(lexical, "true" | "false"),
        Value::Integer | Value::Unsigned => {
            let digits = b.strip_prefix(b"-").unwrap_or(b);
            !digits.is_empty()
                && digits.iter().all(u8::is_ascii_digit)
                && (digits.len() == 1 || digits[0] != b'0')
                && lexical != "-0"
        }
        Value::Token => b.first().is_none_or(|&c| !spaced(c)) && b.last().is_none_or(|&c| !spaced(c)),
        Value::Tokens => {
            b.first().is_none_or(|&c| !spaced(c))
                && b.last().is_none_or(|&c| !spaced(c))
                && !b.windows(2).any(|w| w[0] == b' ' && w[1] == b' ')
                && !b.iter().any(|&c| matches!(c, b'\t' | b'\n' | b'\r'))
        }
        Value::Hex => b.iter().all(|c| matches!(c, b'0'..=b'9' | b'a'..=b'f')),
    }
}

/// The white space characters of XML.
pub(crate) const XML_SPACE: [char; 4] = [' ', '\t', '\n', '\r'];

/// `text` without the XML white space around it; values rarely have any, which is checked
/// first on the two end bytes.
pub(crate) fn trim_space(text: &str) -> &str {
    let spaced = |b: &u8| super::names::is_space_byte(*b);
    let b = text.as_bytes();
    if b.first().is_some_and(spaced) || b.last().is_some_and(spaced) { text.trim_matches(XML_SPACE) } else { text }
}

/// An `xs:boolean` (`true`, `false`, `1`, `0`, surrounding white space allowed).
pub(crate) fn parse_boolean(lexical: &str) -> Option<bool> {
    match trim_space(lexical) {
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
pub(crate) fn parse_integer<T: std::str::FromStr + TryFrom<u64>>(lexical: &str) -> Result<T, IntegerError> {
    // The usual value: a few digits and nothing else, which cannot overflow a `u64`.
    let b = lexical.as_bytes();
    if !b.is_empty() && b.len() <= 19 && b.iter().all(u8::is_ascii_digit) {
        let n = b.iter().fold(0u64, |n, &d| n * 10 + u64::from(d - b'0'));
        return T::try_from(n).map_err(|_| IntegerError::OutOfRange);
    }
    let t = trim_space(lexical);
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
    fn known_codes_map_back_to_their_names_and_types() {
        assert_eq!(value_type(Known::Corpus.code()), Value::Boolean);
        assert_eq!(value_type(Known::Size.code()), Value::Unsigned);
        assert_eq!(value_type(Known::Role.code()), Value::Tokens);
        assert_eq!(value_type(Known::Name.code()), Value::Text);
        assert_eq!(value_type(HASH), Value::Hex);
        assert_eq!(Known::UnspscVersion.local(), a::UNSPSC_VERSION);
        assert_eq!(Known::Name.code(), FIRST_KNOWN);
        assert!(Known::UnspscVersion.code() > Known::Name.code());
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
    fn is_canonical_agrees_with_canonical() {
        let cases: &[(Value, &str)] = &[
            (Value::Boolean, "true"),
            (Value::Boolean, "1"),
            (Value::Boolean, " false"),
            (Value::Integer, "0"),
            (Value::Integer, "-0"),
            (Value::Integer, "007"),
            (Value::Integer, "+7"),
            (Value::Integer, "-12"),
            (Value::Unsigned, "18446744073709551615"),
            (Value::Token, "patches"),
            (Value::Token, " patches"),
            (Value::Tokens, "a b"),
            (Value::Tokens, "a  b"),
            (Value::Tokens, "a\tb"),
            (Value::Tokens, ""),
            (Value::Hex, "00ff"),
            (Value::Hex, "00FF"),
        ];
        for &(value, lexical) in cases {
            let expected = canonical(value, lexical).as_deref() == Some(lexical);
            assert_eq!(is_canonical(value, lexical), expected, "{value:?} {lexical:?}");
        }
    }

    #[test]
    fn integers_distinguish_invalid_from_out_of_range() {
        assert_eq!(parse_integer::<i64>("12"), Ok(12));
        assert_eq!(parse_integer::<i64>(" -12 "), Ok(-12));
        assert_eq!(parse_integer::<i64>("1e3"), Err(IntegerError::Invalid));
        assert_eq!(parse_integer::<i64>("+"), Err(IntegerError::Invalid));
        assert_eq!(parse_integer::<i64>("99999999999999999999"), Err(IntegerError::OutOfRange));
        assert_eq!(parse_integer::<u64>("-1"), Err(IntegerError::OutOfRange));
        // Plain digits take a shorter path up to 19 of them; the bounds of both types either way.
        assert_eq!(parse_integer::<i64>("9223372036854775807"), Ok(i64::MAX));
        assert_eq!(parse_integer::<i64>("9223372036854775808"), Err(IntegerError::OutOfRange));
        assert_eq!(parse_integer::<i64>("-9223372036854775808"), Ok(i64::MIN));
        assert_eq!(parse_integer::<u64>("9999999999999999999"), Ok(9_999_999_999_999_999_999));
        assert_eq!(parse_integer::<u64>("18446744073709551615"), Ok(u64::MAX));
        assert_eq!(parse_integer::<u64>("18446744073709551616"), Err(IntegerError::OutOfRange));
        assert_eq!(parse_integer::<u64>("0012"), Ok(12));
        assert_eq!(parse_integer::<u64>(""), Err(IntegerError::Invalid));
        assert_eq!(trim_space(" \ta b\n"), "a b");
        assert_eq!(trim_space("a b"), "a b");
    }
}
