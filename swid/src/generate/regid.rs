//! The tag creator's registration id, which generation requires.

use super::GenerateError;
use std::fmt;

/// A tag creator's regid that names someone: not empty, not the XSD's default, with a domain
/// name — the argument every generating function requires instead of falling back to
/// `http://invalid.unavailable`.
///
/// NISTIR 8060 § 4.4.1 (GEN-4) wants an authoritative tag's entities to have a real regid; ISO/IEC
/// 19770-2 types it `xs:anyURI` and RFC 9393 carries it as a URI (CBOR tag 32). A regid is taken
/// as a domain name (`example.com`, the 2009 form `regid.1991-06.com.microsoft`), optionally with
/// a path (`example.com/products`), or an absolute URI with such a host (`https://example.com`);
/// the domain name needs two labels at least, so that `localhost`, `a` or `https://` name no one.
///
/// ```
/// use iso19770_swid::generate::{GenerateError, Regid};
///
/// let regid = Regid::new("example.com")?;
/// assert_eq!(regid.as_str(), "example.com");
/// assert!(Regid::new("https://example.com/sw").is_ok());
/// assert!(matches!(Regid::new("  "), Err(GenerateError::MissingRegid { .. })));
/// assert!(matches!(Regid::new("http://invalid.unavailable:80"), Err(GenerateError::MissingRegid { .. })));
/// assert!(matches!(Regid::new("Example Corp"), Err(GenerateError::InvalidRegid { .. })));
/// assert!(matches!(Regid::new("localhost"), Err(GenerateError::InvalidRegid { .. })));
/// # Ok::<(), GenerateError>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Regid(String);

impl Regid {
    /// A regid from text: an error when it is empty, blank or a spelling of the XSD default
    /// ([`GenerateError::MissingRegid`]), or not an RFC 3986 URI reference with a domain name
    /// ([`GenerateError::InvalidRegid`]).
    pub fn new(regid: impl Into<String>) -> Result<Self, GenerateError> {
        let regid = regid.into();
        if regid.trim().is_empty() || host(&regid).is_some_and(|h| h.eq_ignore_ascii_case("invalid.unavailable")) {
            return Err(GenerateError::MissingRegid { given: regid });
        }
        if !iso19770_core::uri::is_uri_reference(&regid) || !host(&regid).is_some_and(is_domain_name) {
            return Err(GenerateError::InvalidRegid { regid });
        }
        Ok(Regid(regid))
    }

    /// The regid.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The host a regid names, without user information, port and a final dot: the authority's
/// host of an absolute URI, else what comes before the first `/`.
fn host(regid: &str) -> Option<&str> {
    let r = regid.trim();
    let rest = match r.split_once("://") {
        Some((scheme, rest))
            if !scheme.is_empty() && scheme.bytes().all(|b| b.is_ascii_alphanumeric() || b"+-.".contains(&b)) =>
        {
            rest
        }
        Some(_) => return None,
        None => r,
    };
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let host = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    let host = host.split_once(':').map_or(host, |(h, _)| h);
    Some(host.strip_suffix('.').unwrap_or(host))
}

/// Two labels at least, each 1 to 63 letters, digits and inner hyphens.
fn is_domain_name(host: &str) -> bool {
    let labels: Vec<&str> = host.split('.').collect();
    labels.len() >= 2
        && labels.iter().all(|l| {
            (1..=63).contains(&l.len())
                && l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
                && !l.starts_with('-')
                && !l.ends_with('-')
        })
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

    #[test]
    fn regids_that_name_no_one_are_refused() {
        for s in ["http://invalid.unavailable.", "http://invalid.unavailable:80", "http://u@invalid.unavailable/x"] {
            assert!(matches!(Regid::new(s), Err(GenerateError::MissingRegid { .. })), "{s:?}");
        }
        for s in
            ["https://", "http://", "#", ".", "?", "/", "a", "localhost", "https://localhost/x", "-a.com", "a..com"]
        {
            assert!(matches!(Regid::new(s), Err(GenerateError::InvalidRegid { .. })), "{s:?}");
        }
        for s in ["example.com.", "https://user@example.com:8443/x?y#z", "example.com/products"] {
            assert!(Regid::new(s).is_ok(), "{s:?}");
        }
    }
}
