//! RFC 9393 (CoSWID): the co-constraints its CDDL cannot express.
//!
//! | rule | severity | RFC 9393 | checks |
//! |---|---|---|---|
//! | `coswid-patch-and-supplemental` | error | § 2.4 | "The patch and supplemental items MUST NOT both be set to true" |
//! | `coswid-software-version` | error | § 2.4 | a primary tag (no flag) or a corpus tag "MUST" include `software-version` |
//! | `coswid-version-scheme` | warning | § 4.1 | a `version-scheme` describes a `software-version`: none without one |
//! | `coswid-uuid` | error | § 2.3 | a 16-byte `tag-id` "MUST be a valid UUID" (RFC 4122's variant, versions 1 to 8 of RFC 9562, or the nil or max UUID) |
//! | `coswid-tag-id-underscores` | error | § 2.3 | "A textual tag-id MUST NOT contain a sequence of two underscores" |
//! | `coswid-uri` | error | § 2.6, § 2.7 | `reg-id` and `href` are URIs (tag 32 holds an RFC 3986 URI reference) |
//! | `coswid-registry-range` | error | § 2.3, 2.6, 2.7 | integer registry values in range: `version-scheme` and `rel` -256..65535, `role`, `ownership` and `use` -256..255 |
//! | `coswid-private-name` | error | § 2.7, § 6.2.2 | a text `use` is a private-use name `domainprefix/name` |
//! | `coswid-hash-algorithm` | error | § 2.9.1 | a hash names an algorithm of the Named Information registry (MD5, SHA-1 and unassigned ids do not) |
//! | `coswid-artifact` | warning | § 2.7 | `artifact` is "To be used with rel=installationmedia" |
//!
//! The `$rel` range is the RFC's prose (-256 to 65535); its CDDL says `-256..64436`, which looks like
//! a typo.

use super::walk::{self, attr, child, root};
use super::{Out, Rule, def};
use crate::model::{SoftwareIdentity, TagId};
use crate::registry::{HashAlgorithm, Rel, Use};
use iso19770_core::{Label, Severity};

/// Not both patch and supplemental.
pub const PATCH_AND_SUPPLEMENTAL: Rule =
    def("coswid-patch-and-supplemental", Severity::Error, "RFC 9393 § 2.4", "patch and supplemental are not both true");
/// A version for primary and corpus tags.
pub const SOFTWARE_VERSION: Rule =
    def("coswid-software-version", Severity::Error, "RFC 9393 § 2.4", "a primary or corpus tag has a software-version");
/// A version scheme describes a version.
pub const VERSION_SCHEME: Rule =
    def("coswid-version-scheme", Severity::Warning, "RFC 9393 § 4.1", "a version-scheme comes with a software-version");
/// UUIDs.
pub const UUID: Rule = def("coswid-uuid", Severity::Error, "RFC 9393 § 2.3", "a 16-byte tag-id is a valid UUID");
/// No `__`.
pub const UNDERSCORES: Rule = def(
    "coswid-tag-id-underscores",
    Severity::Error,
    "RFC 9393 § 2.3",
    "a text tag-id has no two underscores in a row",
);
/// URIs.
pub const URI: Rule =
    def("coswid-uri", Severity::Error, "RFC 9393 § 2.6, § 2.7", "reg-id and href are RFC 3986 URI references");
/// Registry ranges.
pub const REGISTRY_RANGE: Rule = def(
    "coswid-registry-range",
    Severity::Error,
    "RFC 9393 § 2.3, § 2.6, § 2.7",
    "an integer registry value is in its registry's range",
);
/// Private-use names.
pub const PRIVATE_NAME: Rule = def(
    "coswid-private-name",
    Severity::Error,
    "RFC 9393 § 2.7, § 6.2.2",
    "a text use value is a private-use name domainprefix/name",
);
/// Registered hash algorithms.
pub const HASH_ALGORITHM: Rule = def(
    "coswid-hash-algorithm",
    Severity::Error,
    "RFC 9393 § 2.9.1",
    "a hash uses an algorithm of the IANA Named Information registry",
);
/// `artifact` goes with installation media.
pub const ARTIFACT: Rule =
    def("coswid-artifact", Severity::Warning, "RFC 9393 § 2.7", "artifact is used with rel=installationmedia");

/// The rules of this module.
pub const RULES: &[&Rule] = &[
    &PATCH_AND_SUPPLEMENTAL,
    &SOFTWARE_VERSION,
    &VERSION_SCHEME,
    &UUID,
    &UNDERSCORES,
    &URI,
    &REGISTRY_RANGE,
    &PRIVATE_NAME,
    &HASH_ALGORITHM,
    &ARTIFACT,
];

pub(crate) fn check(tag: &SoftwareIdentity, out: &mut Out<'_>) {
    flags_and_version(tag, out);
    tag_id(tag, out);
    uris(tag, out);
    registry_ranges(tag, out);
    hashes(tag, out);
    artifacts(tag, out);
}

fn flags_and_version(tag: &SoftwareIdentity, out: &mut Out<'_>) {
    let root = root();
    if tag.is_patch() && tag.is_supplemental() {
        out.emit(&PATCH_AND_SUPPLEMENTAL, attr(&root, "supplemental"), "both patch and supplemental are true");
    }
    let primary = !tag.is_patch() && !tag.is_supplemental() && !tag.is_corpus();
    if (primary || tag.is_corpus()) && tag.version.is_none() {
        let kind = if primary { "primary" } else { "corpus" };
        out.emit(&SOFTWARE_VERSION, attr(&root, "version"), format!("a {kind} tag without software-version"));
    }
    if tag.version_scheme.is_some() && tag.version.is_none() {
        out.emit(&VERSION_SCHEME, attr(&root, "versionScheme"), "a version-scheme without software-version");
    }
}

/// RFC 4122's variant (`10` in the top bits of byte 8) with a version of RFC 9562 (1 to 8), or
/// the nil or max UUID.
pub(crate) fn is_valid_uuid(b: &[u8; 16]) -> bool {
    let nil_or_max = b.iter().all(|&x| x == 0) || b.iter().all(|&x| x == 0xFF);
    nil_or_max || (b[8] & 0xC0 == 0x80 && (1..=8).contains(&(b[6] >> 4)))
}

fn tag_id(tag: &SoftwareIdentity, out: &mut Out<'_>) {
    let path = attr(&root(), "tagId");
    match &tag.tag_id {
        Some(TagId::Uuid(b)) if !is_valid_uuid(b) => {
            out.emit(&UUID, path, format!("{} is not a UUID of RFC 4122's variant", TagId::Uuid(*b)));
        }
        Some(TagId::Text(t)) if t.contains("__") => {
            out.emit(&UNDERSCORES, path, format!("{t:?} has two underscores in a row"));
        }
        _ => {}
    }
}

fn uris(tag: &SoftwareIdentity, out: &mut Out<'_>) {
    let root = root();
    for (i, e) in tag.entities.iter().enumerate() {
        if let Some(r) = e.regid.as_deref().filter(|r| !iso19770_core::uri::is_uri_reference(r)) {
            out.emit(&URI, attr(&child(&root, "Entity", i), "regid"), format!("{r:?} is not a URI"));
        }
    }
    for (i, l) in tag.links.iter().enumerate() {
        if let Some(h) = l.href.as_deref().filter(|h| !iso19770_core::uri::is_uri_reference(h)) {
            out.emit(&URI, attr(&child(&root, "Link", i), "href"), format!("{h:?} is not a URI"));
        }
    }
}

fn out_of(label: Option<&Label>, low: i64, high: i64) -> Option<i64> {
    match label {
        Some(Label::Int(i)) if !(low..=high).contains(i) => Some(*i),
        _ => None,
    }
}

/// `domainprefix/name`, both parts present.
fn is_private_name(s: &str) -> bool {
    s.split_once('/').is_some_and(|(d, n)| !d.is_empty() && !n.is_empty() && d.contains('.'))
}

fn registry_ranges(tag: &SoftwareIdentity, out: &mut Out<'_>) {
    let root = root();
    let range = |what: &str, v: i64, low: i64, high: i64| format!("{what} {v} is outside {low}..{high}");
    if let Some(v) = out_of(tag.version_scheme.as_ref().map(crate::VersionScheme::to_label).as_ref(), -256, 65535) {
        out.emit(&REGISTRY_RANGE, attr(&root, "versionScheme"), range("version-scheme", v, -256, 65535));
    }
    for (i, e) in tag.entities.iter().enumerate() {
        for r in &e.roles {
            if let Some(v) = out_of(Some(&r.to_label()), -256, 255) {
                out.emit(&REGISTRY_RANGE, attr(&child(&root, "Entity", i), "role"), range("role", v, -256, 255));
            }
        }
    }
    for (i, l) in tag.links.iter().enumerate() {
        let p = child(&root, "Link", i);
        if let Some(v) = out_of(l.rel.as_ref().map(Rel::to_label).as_ref(), -256, 65535) {
            out.emit(&REGISTRY_RANGE, attr(&p, "rel"), range("rel", v, -256, 65535));
        }
        if let Some(v) = out_of(l.ownership.as_ref().map(crate::Ownership::to_label).as_ref(), -256, 255) {
            out.emit(&REGISTRY_RANGE, attr(&p, "ownership"), range("ownership", v, -256, 255));
        }
        match &l.r#use {
            Some(Use::Other(Label::Int(v))) if !(-256..=255).contains(v) => {
                out.emit(&REGISTRY_RANGE, attr(&p, "use"), range("use", *v, -256, 255));
            }
            Some(Use::Other(Label::Text(t))) if !is_private_name(t) => {
                out.emit(&PRIVATE_NAME, attr(&p, "use"), format!("{t:?} is not a private-use name domainprefix/name"));
            }
            _ => {}
        }
    }
}

fn hashes(tag: &SoftwareIdentity, out: &mut Out<'_>) {
    let unregistered =
        |a: HashAlgorithm| matches!(a, HashAlgorithm::Unassigned(_)) || a.named_information_id().is_none();
    for (i, e) in tag.entities.iter().enumerate() {
        if let Some(h) = e.thumbprint.as_ref().filter(|h| unregistered(h.algorithm)) {
            let path = attr(&child(&root(), "Entity", i), "thumbprint");
            out.emit(&HASH_ALGORITHM, path, format!("{} is not a Named Information algorithm", h.algorithm));
        }
    }
    for f in &walk::items(tag).files {
        for h in f.item.hashes.iter().filter(|h| unregistered(h.algorithm)) {
            out.emit(
                &HASH_ALGORITHM,
                attr(&f.path, "hash"),
                format!("{} is not a Named Information algorithm", h.algorithm),
            );
        }
    }
}

fn artifacts(tag: &SoftwareIdentity, out: &mut Out<'_>) {
    for (i, l) in tag.links.iter().enumerate() {
        if l.artifact.is_some() && l.rel != Some(Rel::InstallationMedia) {
            out.emit(
                &ARTIFACT,
                attr(&child(&root(), "Link", i), "artifact"),
                "artifact on a link that is not installationmedia",
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{good, hits};
    use super::super::{Profile, validate};
    use super::is_valid_uuid;
    use crate::core::Label;
    use crate::model::{File, HashEntry, Link, Payload, TagId};
    use crate::registry::{HashAlgorithm, Ownership, Rel, Role, Use, VersionScheme};
    use crate::{Entity, SoftwareIdentity};

    fn coswid_good() -> SoftwareIdentity {
        let mut t = good();
        t.version = Some("1.0".into());
        t
    }

    fn rfc(t: &SoftwareIdentity, rule: &str) -> Vec<String> {
        hits(t, &Profile::coswid(), rule)
    }

    #[test]
    fn the_good_tag_passes() {
        let report = validate(&coswid_good(), &Profile::coswid());
        assert!(report.is_clean(), "{report}");
    }

    #[test]
    fn patch_and_supplemental() {
        let mut t = coswid_good();
        t.patch = Some(true);
        t.links.push(Link::new("swid:base", Rel::Patches));
        assert!(rfc(&t, "coswid-patch-and-supplemental").is_empty());
        t.supplemental = Some(true);
        assert_eq!(rfc(&t, "coswid-patch-and-supplemental"), ["SoftwareIdentity@supplemental"]);
    }

    #[test]
    fn software_version() {
        let mut t = good();
        assert_eq!(rfc(&t, "coswid-software-version"), ["SoftwareIdentity@version"]);
        t.corpus = Some(true);
        assert_eq!(rfc(&t, "coswid-software-version"), ["SoftwareIdentity@version"]);
        t.corpus = None;
        t.supplemental = Some(true);
        assert!(rfc(&t, "coswid-software-version").is_empty());
        t.version_scheme = Some(VersionScheme::Semver);
        assert_eq!(rfc(&t, "coswid-version-scheme"), ["SoftwareIdentity@versionScheme"]);
        t.version = Some("1.0.0".into());
        assert!(rfc(&t, "coswid-version-scheme").is_empty());
    }

    #[test]
    fn uuids() {
        // Version 4, RFC 4122 variant.
        let v4 = [0x2d, 0xf9, 0xde, 0x35, 0x0a, 0xff, 0x4a, 0x86, 0xac, 0xe6, 0xf7, 0xdd, 0xdd, 0x1a, 0xde, 0x4c];
        assert!(is_valid_uuid(&v4) && is_valid_uuid(&[0; 16]) && is_valid_uuid(&[0xFF; 16]));
        let mut t = coswid_good();
        t.tag_id = Some(TagId::Uuid(v4));
        assert!(rfc(&t, "coswid-uuid").is_empty());
        let mut bad = v4;
        bad[8] = 0xC6; // the Microsoft variant
        t.tag_id = Some(TagId::Uuid(bad));
        assert_eq!(rfc(&t, "coswid-uuid"), ["SoftwareIdentity@tagId"]);
        let mut bad = v4;
        bad[6] = 0x0a; // version 0
        t.tag_id = Some(TagId::Uuid(bad));
        assert_eq!(rfc(&t, "coswid-uuid"), ["SoftwareIdentity@tagId"]);
    }

    #[test]
    fn underscores() {
        let mut t = coswid_good();
        t.tag_id = Some(TagId::Text("a_b".into()));
        assert!(rfc(&t, "coswid-tag-id-underscores").is_empty());
        t.tag_id = Some(TagId::Text("a__b".into()));
        assert_eq!(rfc(&t, "coswid-tag-id-underscores"), ["SoftwareIdentity@tagId"]);
    }

    #[test]
    fn uris_are_errors_for_coswid() {
        let mut t = coswid_good();
        t.links.push(Link::new("swid:other", Rel::Requires));
        assert!(rfc(&t, "coswid-uri").is_empty());
        t.entities[0].regid = Some("Example Corp".into());
        t.links[0].href = Some("swid:a b".into());
        assert_eq!(rfc(&t, "coswid-uri"), ["SoftwareIdentity/Entity@regid", "SoftwareIdentity/Link@href"]);
        // Once per bad URI: the ISO rules' swid-uri warning is not repeated under this profile.
        let r = validate(&t, &Profile::coswid());
        let at: Vec<_> = r.findings.iter().map(|f| (f.rule.as_str(), f.path.to_string())).collect();
        assert_eq!(
            at,
            [
                ("coswid-uri", "SoftwareIdentity/Entity@regid".to_owned()),
                ("coswid-uri", "SoftwareIdentity/Link@href".to_owned())
            ]
        );
    }

    #[test]
    fn registry_ranges() {
        let mut t = coswid_good();
        t.version_scheme = Some(VersionScheme::from_code(65535));
        t.entities[0].roles.push(Role::from_code(-256));
        let mut l = Link::new("swid:x", Rel::from_code(65535));
        l.ownership = Some(Ownership::from_code(255));
        l.r#use = Some(Use::from_code(-1));
        t.links.push(l);
        assert!(rfc(&t, "coswid-registry-range").is_empty());
        t.version_scheme = Some(VersionScheme::from_code(65536));
        t.entities[0].roles.push(Role::from_code(256));
        t.links[0].rel = Some(Rel::from_code(-257));
        t.links[0].ownership = Some(Ownership::from_code(300));
        t.links[0].r#use = Some(Use::from_code(256));
        assert_eq!(
            rfc(&t, "coswid-registry-range"),
            [
                "SoftwareIdentity@versionScheme",
                "SoftwareIdentity/Entity@role",
                "SoftwareIdentity/Link@rel",
                "SoftwareIdentity/Link@ownership",
                "SoftwareIdentity/Link@use",
            ]
        );
    }

    #[test]
    fn private_names() {
        let mut t = coswid_good();
        let mut l = Link::new("swid:x", Rel::Requires);
        l.r#use = Some(Use::Other(Label::Text("example.com/sometimes".into())));
        t.links.push(l);
        assert!(rfc(&t, "coswid-private-name").is_empty());
        t.links[0].r#use = Some(Use::Other(Label::Text("sometimes".into())));
        assert_eq!(rfc(&t, "coswid-private-name"), ["SoftwareIdentity/Link@use"]);
    }

    #[test]
    fn hash_algorithms() {
        let mut t = coswid_good();
        let mut p = Payload::default();
        p.items.files.push(File::new("a").with_hash(HashEntry::new(HashAlgorithm::Sha3_256, vec![0; 32])));
        t.payloads.push(p);
        t.entities[0].thumbprint = Some(HashEntry::new(HashAlgorithm::Unknown, vec![1]));
        assert!(rfc(&t, "coswid-hash-algorithm").is_empty());
        t.payloads[0].items.files[0].hashes.push(HashEntry::new(HashAlgorithm::Md5, vec![0; 16]));
        t.entities.push(Entity::new("B", [Role::Licensor]));
        t.entities[1].thumbprint = Some(HashEntry::new(HashAlgorithm::from_named_information_id(99), vec![1]));
        assert_eq!(
            rfc(&t, "coswid-hash-algorithm"),
            ["SoftwareIdentity/Entity[2]@thumbprint", "SoftwareIdentity/Payload/File@hash"]
        );
    }

    #[test]
    fn artifacts() {
        let mut t = coswid_good();
        let mut l = Link::new("https://example.com/setup.exe", Rel::InstallationMedia);
        l.artifact = Some("setup.exe".into());
        t.links.push(l);
        assert!(rfc(&t, "coswid-artifact").is_empty());
        t.links[0].rel = Some(Rel::SeeAlso);
        assert_eq!(rfc(&t, "coswid-artifact"), ["SoftwareIdentity/Link@artifact"]);
    }
}
