//! The tag creator's registration id, which generation requires.

use super::GenerateError;
use std::fmt;

/// A tag creator's regid that is neither empty nor the XSD's default: the argument every
/// generating function requires instead of falling back to `http://invalid.unavailable`.
///
/// NISTIR 8060 § 4.4.1 (GEN-4) wants an authoritative tag's entities to have a real regid; ISO/IEC
/// 19770-2 types it `xs:anyURI` and RFC 9393 carries it as a URI (CBOR tag 32), so a regid must be
/// an RFC 3986 URI reference: a domain name (`example.com`) or a URI (`https://example.com`).
///
/// ```
/// use iso19770_swid::generate::{GenerateError, Regid};
///
/// let regid = Regid::new("example.com")?;
/// assert_eq!(regid.as_str(), "example.com");
/// assert!(matches!(Regid::new("  "), Err(GenerateError::MissingRegid { .. })));
/// assert!(matches!(Regid::new("invalid.unavailable"), Err(GenerateError::MissingRegid { .. })));
/// assert!(matches!(Regid::new("Example Corp"), Err(GenerateError::InvalidRegid { .. })));
/// # Ok::<(), GenerateError>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Regid(String);

impl Regid {
    /// A regid from text: an error when it is empty, blank or a spelling of the XSD default
    /// ([`GenerateError::MissingRegid`]), or not an RFC 3986 URI reference
    /// ([`GenerateError::InvalidRegid`]).
    pub fn new(regid: impl Into<String>) -> Result<Self, GenerateError> {
        let regid = regid.into();
        if regid.trim().is_empty() || is_default(&regid) {
            return Err(GenerateError::MissingRegid { given: regid });
        }
        if !crate::uri::is_uri_reference(&regid) {
            return Err(GenerateError::InvalidRegid { regid });
        }
        Ok(Regid(regid))
    }

    /// The regid.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The XSD default `http://invalid.unavailable` and the spellings of it found in the field
/// (`invalid.unavailable`, with `https`, a trailing slash, any case).
fn is_default(regid: &str) -> bool {
    let r = regid.trim().trim_end_matches('/');
    let host = r
        .get(..7)
        .filter(|s| s.eq_ignore_ascii_case("http://"))
        .map_or_else(|| r.get(..8).filter(|s| s.eq_ignore_ascii_case("https://")).map_or(r, |_| &r[8..]), |_| &r[7..]);
    host.eq_ignore_ascii_case("invalid.unavailable")
}

impl fmt::Display for Regid {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl AsRef<str> for Regid {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl TryFrom<&str> for Regid {
    type Error = GenerateError;

    fn try_from(value: &str) -> Result<Self, Self::Error> {
        Regid::new(value)
    }
}

impl TryFrom<String> for Regid {
    type Error = GenerateError;

    fn try_from(value: String) -> Result<Self, Self::Error> {
        Regid::new(value)
    }
}

impl From<Regid> for String {
    fn from(value: Regid) -> Self {
        value.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_spellings_are_missing() {
        for s in ["", " ", "http://invalid.unavailable", "HTTPS://Invalid.Unavailable/", "invalid.unavailable"] {
            assert!(matches!(Regid::new(s), Err(GenerateError::MissingRegid { .. })), "{s:?}");
        }
        for s in ["example.com", "https://example.com/swid", "regid.2010-04.com.example", "invalid.unavailable.example"]
        {
            assert_eq!(Regid::new(s).map(String::from).ok().as_deref(), Some(s));
        }
        assert!(matches!(Regid::new(" example.com"), Err(GenerateError::InvalidRegid { .. })));
    }
}
