//! ISO/IEC 19770-2:2015: the structure its XSD means but cannot enforce, required attributes,
//! declared types, and the standard's own requirements.
//!
//! | rule | severity | checks |
//! |---|---|---|
//! | `swid-entity` | error | at least one `Entity` (the XSD's unbounded `choice` defeats `minOccurs="1"`) |
//! | `swid-payload-count`, `swid-evidence-count` | error | at most one `Payload`, one `Evidence` (`maxOccurs="1"`, defeated likewise) |
//! | `swid-payload-and-evidence` | error | not both a `Payload` and an `Evidence` |
//! | `swid-required-attribute` | error | `@name`, `@tagId`; `Entity@name`, `@role`; `Link@href`, `@rel`; `Directory`/`File@name`; `Process@name`; `Resource@type` |
//! | `swid-empty-attribute` | error | those attributes not empty |
//! | `swid-datetime` | error | `Evidence@date` is an `xs:dateTime` |
//! | `swid-language` | error | every `xml:lang` is an `xs:language` |
//! | `swid-token` | error | `@role` tokens, `@rel`, `@versionScheme` are `NMTOKEN`s (not in the CoSWID profile) |
//! | `swid-enumeration` | error | `@ownership` and `@use` are values of the XSD's enumerations (not in the CoSWID profile) |
//! | `swid-uri` | warning | `Entity@regid` and `Link@href` are RFC 3986 URI references (`xs:anyURI`) |
//! | `swid-hash-length` | error | a digest has the length of its algorithm (32 bytes for SHA-256) |
//! | `swid-tag-creator` | error | an `Entity` with the role `tagCreator` (NIST's `SWID-1-1`) |
//! | `swid-tag-creator-regid` | error | every `tagCreator` entity has the same `@regid` (NIST's `SWID-2-1`) |
//! | `swid-patch-link` | error | a patch tag has a `Link` with `rel="patches"` (§ 5.3.3) |

use super::walk::{self, attr, child, root};
use super::{Base, Out, Rule, def};
use crate::model::{Entity, HashEntry, SoftwareIdentity};
use crate::registry::{Ownership, Rel, Role, Use};
use iso19770_core::{Path, Severity};

const XSD: &str = "ISO/IEC 19770-2:2015 XSD";

/// At least one `Entity`.
pub const ENTITY: Rule = def("swid-entity", Severity::Error, XSD, "a tag has at least one Entity");
/// At most one `Payload`.
pub const PAYLOAD_COUNT: Rule = def("swid-payload-count", Severity::Error, XSD, "a tag has at most one Payload");
/// At most one `Evidence`.
pub const EVIDENCE_COUNT: Rule = def("swid-evidence-count", Severity::Error, XSD, "a tag has at most one Evidence");
/// Not both.
pub const PAYLOAD_AND_EVIDENCE: Rule =
    def("swid-payload-and-evidence", Severity::Error, XSD, "a tag has a Payload or an Evidence, not both");
/// Required attributes present.
pub const REQUIRED: Rule =
    def("swid-required-attribute", Severity::Error, XSD, "every attribute the XSD requires is present");
/// Required attributes not empty.
pub const EMPTY: Rule = def("swid-empty-attribute", Severity::Error, XSD, "a required attribute is not empty");
/// `xs:dateTime`.
pub const DATETIME: Rule = def("swid-datetime", Severity::Error, XSD, "Evidence@date is an xs:dateTime");
/// `xs:language`.
pub const LANGUAGE: Rule = def("swid-language", Severity::Error, XSD, "every xml:lang is an xs:language");
/// `NMTOKEN`.
pub const TOKEN: Rule = def("swid-token", Severity::Error, XSD, "@role tokens, @rel and @versionScheme are NMTOKENs");
/// Enumerations.
pub const ENUMERATION: Rule =
    def("swid-enumeration", Severity::Error, XSD, "@ownership and @use take a value of the XSD's enumeration");
/// URI references.
pub const URI: Rule =
    def("swid-uri", Severity::Warning, XSD, "Entity@regid and Link@href are RFC 3986 URI references (xs:anyURI)");
/// Digest lengths.
pub const HASH_LENGTH: Rule = def(
    "swid-hash-length",
    Severity::Error,
    "ISO/IEC 19770-2:2015; RFC 9393 § 2.9.1",
    "a digest has its algorithm's length",
);
/// A tag creator.
pub const TAG_CREATOR: Rule = def(
    "swid-tag-creator",
    Severity::Error,
    "ISO/IEC 19770-2:2015 (Entity; NIST SWID-1-1)",
    "an Entity has the role tagCreator",
);
/// One regid for the tag creators.
pub const TAG_CREATOR_REGID: Rule = def(
    "swid-tag-creator-regid",
    Severity::Error,
    "ISO/IEC 19770-2:2015 (Entity; NIST SWID-2-1)",
    "every tagCreator Entity has the same @regid",
);
/// A patch links what it patches.
pub const PATCH_LINK: Rule = def(
    "swid-patch-link",
    Severity::Error,
    "ISO/IEC 19770-2:2015 § 5.3.3",
    "a patch tag has a Link with rel=\"patches\"",
);

/// The rules of this module.
pub const RULES: &[&Rule] = &[
    &ENTITY,
    &PAYLOAD_COUNT,
    &EVIDENCE_COUNT,
    &PAYLOAD_AND_EVIDENCE,
    &REQUIRED,
    &EMPTY,
    &DATETIME,
    &LANGUAGE,
    &TOKEN,
    &ENUMERATION,
    &URI,
    &HASH_LENGTH,
    &TAG_CREATOR,
    &TAG_CREATOR_REGID,
    &PATCH_LINK,
];

pub(crate) fn check(tag: &SoftwareIdentity, out: &mut Out<'_>) {
    structure(tag, out);
    required(tag, out);
    datetimes(tag, out);
    languages(tag, out);
    if out.profile().base != Base::Coswid {
        tokens(tag, out);
        enumerations(tag, out);
    }
    uris(tag, out);
    hash_lengths(tag, out);
    tag_creator(tag, out);
    tag_creator_regid(tag, out);
    patch_link(tag, out);
}

fn structure(tag: &SoftwareIdentity, out: &mut Out<'_>) {
    if tag.entities.is_empty() {
        out.emit(&ENTITY, root(), "the tag has no Entity");
    }
    if tag.payloads.len() > 1 {
        out.emit(&PAYLOAD_COUNT, child(&root(), "Payload", 1), format!("{} Payload elements", tag.payloads.len()));
    }
    if tag.evidences.len() > 1 {
        out.emit(&EVIDENCE_COUNT, child(&root(), "Evidence", 1), format!("{} Evidence elements", tag.evidences.len()));
    }
    if !tag.payloads.is_empty() && !tag.evidences.is_empty() {
        out.emit(&PAYLOAD_AND_EVIDENCE, child(&root(), "Evidence", 0), "the tag has both a Payload and an Evidence");
    }
}

/// Reports an absent or empty required attribute.
fn need(out: &mut Out<'_>, element: &Path, name: &str, value: Option<&str>) {
    match value {
        None => out.emit(&REQUIRED, attr(element, name), format!("@{name} is required")),
        Some("") => out.emit(&EMPTY, attr(element, name), format!("@{name} is empty")),
        Some(_) => {}
    }
}

fn required(tag: &SoftwareIdentity, out: &mut Out<'_>) {
    let root = root();
    need(out, &root, "name", tag.name.as_deref());
    let id = tag.tag_id.as_ref().map(ToString::to_string);
    need(out, &root, "tagId", id.as_deref());
    for (i, e) in tag.entities.iter().enumerate() {
        let p = child(&root, "Entity", i);
        need(out, &p, "name", e.name.as_deref());
        if e.roles.is_empty() {
            out.emit(&REQUIRED, attr(&p, "role"), "@role is required, with at least one role");
        }
    }
    for (i, l) in tag.links.iter().enumerate() {
        let p = child(&root, "Link", i);
        need(out, &p, "href", l.href.as_deref());
        let rel = l.rel.as_ref().map(|r| r.xml_name());
        need(out, &p, "rel", rel.as_deref());
    }
    let items = walk::items(tag);
    for d in &items.directories {
        need(out, &d.path, "name", d.item.name.as_deref());
    }
    for f in &items.files {
        need(out, &f.path, "name", f.item.name.as_deref());
    }
    for p in &items.processes {
        need(out, &p.path, "name", p.item.name.as_deref());
    }
    for r in &items.resources {
        need(out, &r.path, "type", r.item.r#type.as_deref());
    }
}

fn datetimes(tag: &SoftwareIdentity, out: &mut Out<'_>) {
    for (i, e) in tag.evidences.iter().enumerate() {
        if let Some(date) = &e.date
            && let Err(reason) = date.parse()
        {
            let path = attr(&child(&root(), "Evidence", i), "date");
            out.emit(&DATETIME, path, format!("{:?} is not an xs:dateTime: {reason}", date.as_str()));
        }
    }
}

/// `xs:language`: `[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*`.
pub(crate) fn is_language(s: &str) -> bool {
    let mut parts = s.split('-');
    let first = parts.next().unwrap_or_default();
    (1..=8).contains(&first.len())
        && first.bytes().all(|b| b.is_ascii_alphabetic())
        && parts.all(|p| (1..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphanumeric()))
}

fn languages(tag: &SoftwareIdentity, out: &mut Out<'_>) {
    let mut check = |path: &Path, lang: Option<&str>| {
        if let Some(l) = lang
            && !is_language(l)
        {
            out.emit(&LANGUAGE, attr(path, "xml:lang"), format!("{l:?} is not a language tag"));
        }
    };
    let root = root();
    check(&root, tag.lang.as_deref());
    for (i, e) in tag.entities.iter().enumerate() {
        check(&child(&root, "Entity", i), e.lang.as_deref());
    }
    for (i, l) in tag.links.iter().enumerate() {
        check(&child(&root, "Link", i), l.lang.as_deref());
    }
    for (i, m) in tag.metas.iter().enumerate() {
        check(&child(&root, "Meta", i), m.lang.as_deref());
    }
    for (i, p) in tag.payloads.iter().enumerate() {
        check(&child(&root, "Payload", i), p.lang.as_deref());
    }
    for (i, e) in tag.evidences.iter().enumerate() {
        check(&child(&root, "Evidence", i), e.lang.as_deref());
    }
    let items = walk::items(tag);
    for d in &items.directories {
        check(&d.path, d.item.lang.as_deref());
    }
    for f in &items.files {
        check(&f.path, f.item.lang.as_deref());
    }
    for p in &items.processes {
        check(&p.path, p.item.lang.as_deref());
    }
    for r in &items.resources {
        check(&r.path, r.item.lang.as_deref());
    }
}

/// An XML `NMTOKEN`: name characters only, at least one (checked loosely outside ASCII).
pub(crate) fn is_nmtoken(s: &str) -> bool {
    !s.is_empty()
        && s.chars().all(|c| {
            c.is_alphanumeric() || matches!(c, '.' | '-' | '_' | ':' | '+') || !c.is_ascii() && !c.is_whitespace()
        })
}

fn tokens(tag: &SoftwareIdentity, out: &mut Out<'_>) {
    let root = root();
    if let Some(v) = &tag.version_scheme {
        let name = v.xml_name();
        // `multipartnumeric+suffix`, the standard's own value, has a `+`, which NMTOKEN does not
        // allow: the standard wins over its XSD.
        if !is_nmtoken(&name) {
            out.emit(&TOKEN, attr(&root, "versionScheme"), format!("{name:?} is not an NMTOKEN"));
        }
    }
    for (i, e) in tag.entities.iter().enumerate() {
        for r in e.roles.iter().map(Role::xml_name).filter(|r| !is_nmtoken(r)) {
            out.emit(&TOKEN, attr(&child(&root, "Entity", i), "role"), format!("the role {r:?} is not an NMTOKEN"));
        }
    }
    for (i, l) in tag.links.iter().enumerate() {
        if let Some(rel) = l.rel.as_ref().map(Rel::xml_name)
            && !rel.is_empty()
            && !is_nmtoken(&rel)
        {
            out.emit(&TOKEN, attr(&child(&root, "Link", i), "rel"), format!("{rel:?} is not an NMTOKEN"));
        }
    }
}

fn enumerations(tag: &SoftwareIdentity, out: &mut Out<'_>) {
    for (i, l) in tag.links.iter().enumerate() {
        let p = child(&root(), "Link", i);
        if let Some(o @ Ownership::Other(_)) = &l.ownership {
            out.emit(&ENUMERATION, attr(&p, "ownership"), format!("{o} is not abandon, private or shared"));
        }
        if let Some(u @ Use::Other(_)) = &l.r#use {
            out.emit(&ENUMERATION, attr(&p, "use"), format!("{u} is not optional, required or recommended"));
        }
    }
}

fn uris(tag: &SoftwareIdentity, out: &mut Out<'_>) {
    let root = root();
    for (i, e) in tag.entities.iter().enumerate() {
        if let Some(r) = &e.regid
            && !crate::uri::is_uri_reference(r)
        {
            out.emit(&URI, attr(&child(&root, "Entity", i), "regid"), format!("{r:?} is not a URI reference"));
        }
    }
    for (i, l) in tag.links.iter().enumerate() {
        if let Some(h) = &l.href
            && !crate::uri::is_uri_reference(h)
        {
            out.emit(&URI, attr(&child(&root, "Link", i), "href"), format!("{h:?} is not a URI reference"));
        }
    }
}

/// A digest shorter or longer than its algorithm gives.
fn wrong_length(h: &HashEntry) -> Option<String> {
    let expected = h.algorithm.digest_len()?;
    (h.digest.len() != expected)
        .then(|| format!("a {} digest has {expected} bytes, not {}", h.algorithm, h.digest.len()))
}

fn hash_lengths(tag: &SoftwareIdentity, out: &mut Out<'_>) {
    for (i, e) in tag.entities.iter().enumerate() {
        if let Some(message) = e.thumbprint.as_ref().and_then(wrong_length) {
            out.emit(&HASH_LENGTH, attr(&child(&root(), "Entity", i), "thumbprint"), message);
        }
    }
    for f in &walk::items(tag).files {
        for message in f.item.hashes.iter().filter_map(wrong_length) {
            out.emit(&HASH_LENGTH, attr(&f.path, "hash"), message);
        }
    }
}

fn is_tag_creator(e: &Entity) -> bool {
    e.has_role(&Role::TagCreator)
}

fn tag_creator(tag: &SoftwareIdentity, out: &mut Out<'_>) {
    // With no entity at all, `swid-entity` has said it.
    if !tag.entities.is_empty() && !tag.entities.iter().any(is_tag_creator) {
        out.emit(&TAG_CREATOR, root(), "no Entity has the role tagCreator");
    }
}

fn tag_creator_regid(tag: &SoftwareIdentity, out: &mut Out<'_>) {
    let mut creators = tag.entities.iter().enumerate().filter(|(_, e)| is_tag_creator(e));
    let Some((_, first)) = creators.next() else { return };
    for (i, e) in creators {
        if e.regid_or_default() != first.regid_or_default() {
            out.emit(
                &TAG_CREATOR_REGID,
                attr(&child(&root(), "Entity", i), "regid"),
                format!("{:?}, where the first tagCreator has {:?}", e.regid_or_default(), first.regid_or_default()),
            );
        }
    }
}

fn patch_link(tag: &SoftwareIdentity, out: &mut Out<'_>) {
    if tag.is_patch() && !tag.links.iter().any(|l| l.rel == Some(Rel::Patches)) {
        out.emit(&PATCH_LINK, attr(&root(), "patch"), "a patch tag has no Link with rel=\"patches\"");
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{good, hits};
    use super::super::{Profile, validate};
    use crate::model::{Directory, Evidence, File, HashEntry, Link, Payload, Process, Resource};
    use crate::registry::{HashAlgorithm, Ownership, Rel, Role, Use, VersionScheme};
    use crate::{Entity, SoftwareIdentity};

    fn iso(tag: &SoftwareIdentity, rule: &str) -> Vec<String> {
        hits(tag, &Profile::iso(), rule)
    }

    #[test]
    fn the_good_tag_passes_every_rule() {
        let report = validate(&good(), &Profile::iso());
        assert!(report.is_clean(), "{report}");
    }

    #[test]
    fn entity() {
        let mut t = good();
        t.entities.clear();
        assert_eq!(iso(&t, "swid-entity"), ["SoftwareIdentity"]);
        // And the tag-creator rule does not say it again.
        assert!(iso(&t, "swid-tag-creator").is_empty());
    }

    #[test]
    fn payload_and_evidence_counts() {
        let mut t = good();
        t.payloads.push(Payload::default());
        assert!(iso(&t, "swid-payload-count").is_empty());
        t.payloads.push(Payload::default());
        assert_eq!(iso(&t, "swid-payload-count"), ["SoftwareIdentity/Payload[2]"]);
        let mut t = good();
        t.evidences.push(Evidence::default());
        assert!(iso(&t, "swid-evidence-count").is_empty() && iso(&t, "swid-payload-and-evidence").is_empty());
        t.evidences.push(Evidence::default());
        assert_eq!(iso(&t, "swid-evidence-count"), ["SoftwareIdentity/Evidence[2]"]);
        t.payloads.push(Payload::default());
        assert_eq!(iso(&t, "swid-payload-and-evidence"), ["SoftwareIdentity/Evidence"]);
    }

    #[test]
    fn required_and_empty_attributes() {
        let mut t = SoftwareIdentity::default();
        t.entities.push(Entity { roles: vec![], ..Entity::default() });
        t.links.push(Link::default());
        let mut p = Payload::default();
        let mut d = Directory::default();
        d.files.push(File::default());
        p.items.directories.push(d);
        p.items.processes.push(Process::default());
        p.items.resources.push(Resource::default());
        t.payloads.push(p);
        assert_eq!(
            iso(&t, "swid-required-attribute"),
            [
                "SoftwareIdentity@name",
                "SoftwareIdentity@tagId",
                "SoftwareIdentity/Entity@name",
                "SoftwareIdentity/Entity@role",
                "SoftwareIdentity/Link@href",
                "SoftwareIdentity/Link@rel",
                "SoftwareIdentity/Payload/Directory@name",
                "SoftwareIdentity/Payload/Directory/File@name",
                "SoftwareIdentity/Payload/Process@name",
                "SoftwareIdentity/Payload/Resource@type",
            ]
        );
        let mut t = good();
        t.name = Some(String::new());
        t.entities[0].name = Some(String::new());
        assert_eq!(iso(&t, "swid-empty-attribute"), ["SoftwareIdentity@name", "SoftwareIdentity/Entity@name"]);
        assert!(iso(&good(), "swid-required-attribute").is_empty());
    }

    #[test]
    fn datetime() {
        let mut t = good();
        t.evidences.push(Evidence { date: Some("2026-11-22T10:00:00Z".into()), ..Evidence::default() });
        assert!(iso(&t, "swid-datetime").is_empty());
        t.evidences[0].date = Some("yesterday".into());
        assert_eq!(iso(&t, "swid-datetime"), ["SoftwareIdentity/Evidence@date"]);
    }

    #[test]
    fn language() {
        let mut t = good();
        t.lang = Some("en-GB".into());
        t.entities[0].lang = Some("x-klingon".into());
        assert!(iso(&t, "swid-language").is_empty());
        t.lang = Some("en_GB".into());
        t.entities[0].lang = Some(String::new());
        assert_eq!(iso(&t, "swid-language"), ["SoftwareIdentity@xml:lang", "SoftwareIdentity/Entity@xml:lang"]);
    }

    #[test]
    fn tokens() {
        let mut t = good();
        t.version_scheme = Some(VersionScheme::MultipartNumericSuffix);
        t.links.push(Link::new("swid:x", Rel::Other("x-private".into())));
        assert!(iso(&t, "swid-token").is_empty());
        t.entities[0].roles.push(Role::Other("two words".into()));
        t.links[0].rel = Some(Rel::Other("a b".into()));
        assert_eq!(iso(&t, "swid-token"), ["SoftwareIdentity/Entity@role", "SoftwareIdentity/Link@rel"]);
        // CoSWID has no NMTOKENs.
        assert!(hits(&t, &Profile::coswid(), "swid-token").is_empty());
    }

    #[test]
    fn enumerations() {
        let mut t = good();
        let mut l = Link::new("swid:x", Rel::Parent);
        l.ownership = Some(Ownership::Shared);
        l.r#use = Some(Use::Required);
        t.links.push(l);
        assert!(iso(&t, "swid-enumeration").is_empty());
        t.links[0].ownership = Some(Ownership::Other("borrowed".into()));
        t.links[0].r#use = Some(Use::Other(crate::core::Label::Int(9)));
        assert_eq!(iso(&t, "swid-enumeration"), ["SoftwareIdentity/Link@ownership", "SoftwareIdentity/Link@use"]);
    }

    #[test]
    fn uris() {
        let mut t = good();
        t.links.push(Link::new("https://example.com/a%20b", Rel::SeeAlso));
        assert!(iso(&t, "swid-uri").is_empty());
        t.entities[0].regid = Some("Example Corp".into());
        t.links[0].href = Some("https://example.com/ü".into());
        assert_eq!(iso(&t, "swid-uri"), ["SoftwareIdentity/Entity@regid", "SoftwareIdentity/Link@href"]);
        assert_eq!(
            validate(&t, &Profile::iso()).of_rule("swid-uri").next().map(|f| f.severity),
            Some(crate::core::Severity::Warning)
        );
    }

    #[test]
    fn hash_length() {
        let mut t = good();
        let mut p = Payload::default();
        p.items.files.push(File::new("a").with_hash(HashEntry::new(HashAlgorithm::Sha256, vec![0; 32])));
        t.payloads.push(p);
        t.entities[0].thumbprint = Some(HashEntry::new(HashAlgorithm::Unknown, vec![1, 2, 3]));
        assert!(iso(&t, "swid-hash-length").is_empty());
        t.payloads[0].items.files[0].hashes.push(HashEntry::new(HashAlgorithm::Sha512, vec![0; 32]));
        t.entities[0].thumbprint = Some(HashEntry::new(HashAlgorithm::Sha384, vec![0; 2]));
        assert_eq!(
            iso(&t, "swid-hash-length"),
            ["SoftwareIdentity/Entity@thumbprint", "SoftwareIdentity/Payload/File@hash"]
        );
    }

    #[test]
    fn tag_creator() {
        let mut t = good();
        t.entities[0].roles = vec![Role::SoftwareCreator];
        assert_eq!(iso(&t, "swid-tag-creator"), ["SoftwareIdentity"]);
        // A role that merely contains the word is not the role (NIST's checker uses `contains`).
        t.entities[0].roles = vec![Role::Other("tagCreatorX".into())];
        assert_eq!(iso(&t, "swid-tag-creator"), ["SoftwareIdentity"]);
        assert!(iso(&good(), "swid-tag-creator").is_empty());
    }

    #[test]
    fn tag_creator_regid() {
        let mut t = good();
        t.entities.push(Entity::new("Example Corp", [Role::TagCreator]).with_regid("example.com"));
        t.entities.push(Entity::new("Someone", [Role::Licensor]).with_regid("other.example"));
        assert!(iso(&t, "swid-tag-creator-regid").is_empty());
        t.entities.push(Entity::new("Other", [Role::TagCreator]));
        assert_eq!(iso(&t, "swid-tag-creator-regid"), ["SoftwareIdentity/Entity[4]@regid"]);
    }

    #[test]
    fn patch_link() {
        let mut t = good();
        t.patch = Some(true);
        assert_eq!(iso(&t, "swid-patch-link"), ["SoftwareIdentity@patch"]);
        t.links.push(Link::new("swid:example.com-example-0.9", Rel::Patches));
        assert!(iso(&t, "swid-patch-link").is_empty());
    }
}
