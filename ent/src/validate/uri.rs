//! RFC 3986 `URI-reference` syntax, for link targets.

/// True for an RFC 3986 `URI-reference`: an absolute URI (`swid:example.com-x`,
/// `https://example.com/a?b#c`) or a relative reference (`docs/ea.pdf`, `#s2`), every character
/// allowed where it stands (no space, no non-ASCII: an IRI must be percent-encoded first).
pub(crate) fn is_uri_reference(text: &str) -> bool {
    let (rest, fragment) = match text.split_once('#') {
        Some((r, f)) => (r, Some(f)),
        None => (text, None),
    };
    let (rest, query) = match rest.split_once('?') {
        Some((r, q)) => (r, Some(q)),
        None => (rest, None),
    };
    if !fragment.is_none_or(|f| chars_ok(f, "/?:@")) || !query.is_none_or(|q| chars_ok(q, "/?:@")) {
        return false;
    }
    // A scheme is what comes before a colon that precedes any slash; a relative reference's
    // first segment has no colon.
    let before_slash = rest.split('/').next().unwrap_or("");
    let hier = match before_slash.split_once(':') {
        Some((scheme, _)) => {
            if !scheme_ok(scheme) {
                return false;
            }
            &rest[scheme.len() + 1..]
        }
        None => rest,
    };
    let path = match hier.strip_prefix("//") {
        Some(after) => {
            let end = after.find('/').unwrap_or(after.len());
            if !authority_ok(&after[..end]) {
                return false;
            }
            &after[end..]
        }
        None => hier,
    };
    chars_ok(path, "/:@")
}

/// `ALPHA *( ALPHA / DIGIT / "+" / "-" / "." )`.
fn scheme_ok(scheme: &str) -> bool {
    let mut chars = scheme.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
}

/// `[ userinfo "@" ] host [ ":" port ]`, the host a name, an IPv4 address or a bracketed literal.
fn authority_ok(authority: &str) -> bool {
    let host_port = match authority.rsplit_once('@') {
        Some((userinfo, host_port)) => {
            if !chars_ok(userinfo, ":") {
                return false;
            }
            host_port
        }
        None => authority,
    };
    let (host_ok, port) = if let Some(literal) = host_port.strip_prefix('[') {
        let Some((inside, after)) = literal.split_once(']') else { return false };
        let ip6 = !inside.is_empty() && inside.chars().all(|c| c.is_ascii_hexdigit() || matches!(c, ':' | '.'));
        let future = inside.starts_with(['v', 'V']) && chars_ok(inside, ":");
        (ip6 || future, after)
    } else {
        match host_port.rsplit_once(':') {
            Some((host, _)) => (chars_ok(host, ""), &host_port[host.len()..]),
            None => (chars_ok(host_port, ""), ""),
        }
    };
    host_ok && (port.is_empty() || port.strip_prefix(':').is_some_and(|p| p.chars().all(|c| c.is_ascii_digit())))
}

/// True when every character is unreserved, a sub-delimiter, one of `extra`, or part of a
/// percent-encoding `%HH`.
fn chars_ok(part: &str, extra: &str) -> bool {
    let bytes = part.as_bytes();
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if b == b'%' {
            let hex = |j: usize| bytes.get(j).is_some_and(u8::is_ascii_hexdigit);
            if !(hex(i + 1) && hex(i + 2)) {
                return false;
            }
            i += 3;
            continue;
        }
        let allowed = b.is_ascii_alphanumeric() || b"-._~!$&'()*+,;=".contains(&b) || extra.as_bytes().contains(&b);
        if !allowed {
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
