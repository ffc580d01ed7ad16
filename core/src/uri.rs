//! RFC 3986 URI references: what CoSWID's `any-uri` (CBOR tag 32), a SWID `Link@href` or
//! `Entity@regid`, and the links of Ents and RUMs may hold.

/// True for an RFC 3986 `URI-reference`: an absolute URI (`https://example.com/a?b#c`,
/// `urn:x`) or a relative reference (`example.com`, `/path`, `%41`), with every character
/// allowed where it stands (no white space, no non-ASCII: an IRI must be percent-encoded first).
///
/// ```
/// use iso19770_core::uri::is_uri_reference;
///
/// assert!(is_uri_reference("swid:example.com-editor-2.1.0"));
/// assert!(!is_uri_reference("has space"));
/// ```
pub fn is_uri_reference(s: &str) -> bool {
    let b = s.as_bytes();
    // At most one fragment; the rest checked part by part.
    let (before_fragment, fragment) = match memchr::memchr(b'#', b) {
        Some(i) => (&b[..i], Some(&b[i + 1..])),
        None => (b, None),
    };
    if fragment.is_some_and(|f| !all_allowed(f, b"/?:@")) {
        return false;
    }
    let (before_query, query) = match memchr::memchr(b'?', before_fragment) {
        Some(i) => (&before_fragment[..i], Some(&before_fragment[i + 1..])),
        None => (before_fragment, None),
    };
    if query.is_some_and(|q| !all_allowed(q, b"/?:@")) {
        return false;
    }
    // A scheme, when a colon comes before the first slash.
    let mut rest = before_query;
    let first_slash = memchr::memchr(b'/', rest).unwrap_or(rest.len());
    if let Some(colon) = memchr::memchr(b':', &rest[..first_slash]) {
        let scheme = &rest[..colon];
        let valid = scheme.first().is_some_and(u8::is_ascii_alphabetic)
            && scheme.iter().all(|&c| c.is_ascii_alphanumeric() || matches!(c, b'+' | b'-' | b'.'));
        if !valid {
            return false;
        }
        rest = &rest[colon + 1..];
    }
    // An authority after `//`, where an IP literal may use brackets.
    if let Some(after) = rest.strip_prefix(b"//") {
        let end = memchr::memchr(b'/', after).unwrap_or(after.len());
        if !authority(&after[..end]) {
            return false;
        }
        rest = &after[end..];
    }
    all_allowed(rest, b"/:@")
}

/// `userinfo@host:port`, the host possibly an IP literal in brackets.
fn authority(a: &[u8]) -> bool {
    let host_port = match memchr::memrchr(b'@', a) {
        Some(i) if all_allowed(&a[..i], b":") => &a[i + 1..],
        Some(_) => return false,
        None => a,
    };
    let (host_ok, port) = if let Some(literal) = host_port.strip_prefix(b"[") {
        let Some(end) = memchr::memchr(b']', literal) else { return false };
        let inside = &literal[..end];
        let ok = inside.iter().all(|&c| c.is_ascii_hexdigit() || matches!(c, b':' | b'.'))
            || (inside.first().is_some_and(|&c| c == b'v' || c == b'V') && all_allowed(inside, b":"));
        (ok, &literal[end + 1..])
    } else {
        match memchr::memrchr(b':', host_port) {
            Some(i) => (all_allowed(&host_port[..i], b""), &host_port[i..]),
            None => (all_allowed(host_port, b""), &b""[..]),
        }
    };
    host_ok && (port.is_empty() || port.strip_prefix(b":").is_some_and(|p| p.iter().all(u8::is_ascii_digit)))
}

/// True when every byte is unreserved, a sub-delimiter, one of `extra`, or part of a `%HH`.
fn all_allowed(part: &[u8], extra: &[u8]) -> bool {
    let mut i = 0;
    while let Some(&c) = part.get(i) {
        if c == b'%' {
            if !(part.get(i + 1).is_some_and(u8::is_ascii_hexdigit)
                && part.get(i + 2).is_some_and(u8::is_ascii_hexdigit))
            {
                return false;
            }
            i += 3;
            continue;
        }
        let ok = c.is_ascii_alphanumeric()
            || matches!(
                c,
                b'-' | b'.' | b'_' | b'~' | b'!' | b'$' | b'&' | b'\'' | b'(' | b')' | b'*' | b'+' | b',' | b';' | b'='
            )
            || extra.contains(&c);
        if !ok {
            return false;
        }
        i += 1;
    }
    true
}

#[cfg(test)]
mod tests {
    use super::is_uri_reference;

    #[test]
    fn uri_references() {
        for good in [
            "",
            "example.com",
            "acme.example",
            "urn:x",
            "a%20b",
            "/rel/path",
            "%41",
            "http://[::1]/",
            "http://a:b@c:80/p?q=1#f",
            "https://example.com/support/ProductA/firmware/installfiles",
            "swid:2df9de35-0aff-4a86-ace6-f7dddd1ade4c",
            "http://invalid.unavailable",
        ] {
            assert!(is_uri_reference(good), "{good:?}");
        }
        for bad in [
            "http://example.com/a b",
            "http://ex.com/é",
            "  ",
            "a#b#c",
            "[x]",
            "a%2",
            "a%zz",
            "a|b",
            "a\\b",
            "a^b",
            "a`b",
            "{x}",
            "a<b",
            "a\"b",
            "1a:b",
            "http://[::1/",
        ] {
            assert!(!is_uri_reference(bad), "{bad:?}");
        }
    }
}

#[cfg(test)]
mod more_tests {
    use super::is_uri_reference;

    #[test]
    fn accepts_uri_references() {
        for ok in [
            "swid:example.com-editor-2.1.0",
            "ent:6f1c3a52-8f0e-4c41-9d77-2b0f5f1d9a10",
            "https://www.example.com/licensing/ea.pdf?v=2#section-3",
            "urn:uuid:6f1c3a52-8f0e-4c41-9d77-2b0f5f1d9a10",
            "http://[2001:db8::1]:8080/x",
            "http://user:pw@example.com:443/",
            "docs/ea%20terms.pdf",
            "#s2",
            "",
        ] {
            assert!(is_uri_reference(ok), "{ok}");
        }
    }

    #[test]
    fn refuses_what_is_not() {
        for bad in [
            "has space",
            "1swid:x",
            "https://exa mple.com/",
            "http://[::1/x",
            "http://example.com:80a/",
            "%zz",
            "a#b#c",
            "caf\u{e9}",
            "http://example.com/<x>",
        ] {
            assert!(!is_uri_reference(bad), "{bad}");
        }
    }
}
