//! ISO/IEC 19770-2:2015: the structure its XSD means but cannot enforce, required attributes,
//! declared types, and the standard's own requirements.
//!
//! | rule | severity | checks |
//! |---|---|---|
//! | `swid-entity` | error | at least one `Entity` (the XSD's unbounded `choice` defeats `minOccurs="1"`) |
//! | `swid-payload-count`, `swid-evidence-count` | error | at most one `Payload`, one `Evidence` (`maxOccurs="1"`, defeated likewise) |
//! | `swid-payload-and-evidence` | error | not both a `Payload` and an `Evidence` |
//! | `swid-required-attribute` | error | `@name`, `@tagId`; `Entity@name`, `@role` (the model cannot tell an absent `@role` from an empty one); `Link@href`, `@rel`; `Directory`/`File@name`; `Process@name`; `Resource@type` |
//! | `swid-empty-attribute` | error | those attributes not empty |
//! | `swid-datetime` | error | `Evidence@date` is an `xs:dateTime` |
//! | `swid-language` | error | every `xml:lang`, on every element, is an `xs:language` |
//! | `swid-boolean` | error | `SoftwareIdentity@corpus`, `@patch`, `@supplemental`, `Meta@entitlementDataRequired`, `Directory@key`, `File@key` are `xs:boolean`s |
//! | `swid-integer` | error | `SoftwareIdentity@tagVersion`, `File@size`, `Process@pid` are `xs:integer`s the model holds (a size is not negative) |
//! | `swid-n8060-boolean` | error | `@n8060:mutable`, on any element, is an `xs:boolean` (NIST's extension schema) |
//! | `swid-token` | error | `@role` tokens, `@rel`, `@versionScheme` are `NMTOKEN`s (not in the CoSWID profile); the one exception is the standard's own `multipartnumeric+suffix` |
//! | `swid-enumeration` | error | `@ownership` and `@use` are values of the XSD's enumerations (not in the CoSWID profile) |
//! | `swid-uri` | warning | `Entity@regid` and `Link@href` are RFC 3986 URI references (`xs:anyURI`); not in the CoSWID profile, whose `coswid-uri` is an error |
//! | `swid-hash-value` | error | a `File` hash attribute (`sha256:hash`) and `Entity@thumbprint` are hex |
//! | `swid-hash-length` | error | a digest has the length of its algorithm (32 bytes for SHA-256) |
//! | `swid-tag-creator` | error | an `Entity` with the role `tagCreator` (NIST's `SWID-1-1`); not reported for a tag without any `Entity` while `swid-entity` is on |
//! | `swid-tag-creator-regid` | error | every `tagCreator` entity has the same `@regid` (NIST's `SWID-2-1`) |
//! | `swid-patch-link` | error | a patch tag has a `Link` with `rel="patches"` (§ 5.3.3) |
//!
//! The typed-value rules (`swid-boolean`, `swid-integer`, `swid-hash-value`) read what a decoder
//! with `DecodeOptions::keep_invalid_values` keeps of an attribute whose text is no value of its
//! type: the attribute, in the element's `extensions`, with its own namespace (none for the
//! unqualified ISO attributes, the algorithm's for a hash) and its text; the model's typed field
//! stays `None`. A tag built in code has no such attribute and passes them.
//!
//! The rules of [`SCHEMA`] are the ones NISTIR 8060's `GEN-1-1` (a schema-valid tag) stands on.

use super::walk::{self, Kind, attr, child, root};
use super::{Base, Out, Rule, def};
use crate::model::{Entity, HashEntry, SoftwareIdentity};
use crate::registry::{HashAlgorithm, Ownership, Rel, Role, Use, VersionScheme, ns};
use iso19770_core::{Extensions, Path, Severity};

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
/// `xs:boolean`.
pub const BOOLEAN: Rule = def(
    "swid-boolean",
    Severity::Error,
    XSD,
    "@corpus, @patch, @supplemental, Meta@entitlementDataRequired and @key are xs:booleans",
);
/// `xs:integer`.
pub const INTEGER: Rule =
    def("swid-integer", Severity::Error, XSD, "@tagVersion, File@size and Process@pid are xs:integers");
/// `n8060:mutable` is an `xs:boolean`.
pub const N8060_BOOLEAN: Rule =
    def("swid-n8060-boolean", Severity::Error, "NIST swid-2015-extensions-1.0 XSD", "@n8060:mutable is an xs:boolean");
/// `NMTOKEN`.
pub const TOKEN: Rule = def("swid-token", Severity::Error, XSD, "@role tokens, @rel and @versionScheme are NMTOKENs");
/// Enumerations.
pub const ENUMERATION: Rule =
    def("swid-enumeration", Severity::Error, XSD, "@ownership and @use take a value of the XSD's enumeration");
/// URI references.
pub const URI: Rule =
    def("swid-uri", Severity::Warning, XSD, "Entity@regid and Link@href are RFC 3986 URI references (xs:anyURI)");
/// Hex hash values.
pub const HASH_VALUE: Rule = def(
    "swid-hash-value",
    Severity::Error,
    "ISO/IEC 19770-2:2015 (File hash; XSD documentation of Entity@thumbprint)",
    "a File hash attribute and Entity@thumbprint are hex",
);
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
    &BOOLEAN,
    &INTEGER,
    &N8060_BOOLEAN,
    &TOKEN,
    &ENUMERATION,
    &URI,
    &HASH_VALUE,
    &HASH_LENGTH,
    &TAG_CREATOR,
    &TAG_CREATOR_REGID,
    &PATCH_LINK,
];

/// The structure and type rules: what a validating parse against the XSDs (ISO's, and NIST's
/// extension schema for `n8060:` attributes) means to reject, including the cardinalities the
/// standard states but its unbounded `choice` cannot express. An error of one of them fails
/// NISTIR 8060's `GEN-1-1`. `swid-empty-attribute` is not one: the XSD types those attributes
/// `xs:string`, which allows an empty value.
pub const SCHEMA: &[&Rule] = &[
    &ENTITY,
    &PAYLOAD_COUNT,
    &EVIDENCE_COUNT,
    &PAYLOAD_AND_EVIDENCE,
    &REQUIRED,
    &DATETIME,
    &LANGUAGE,
    &BOOLEAN,
    &INTEGER,
    &N8060_BOOLEAN,
    &TOKEN,
    &ENUMERATION,
];

pub(crate) fn check(tag: &SoftwareIdentity, out: &mut Out<'_>) {
    structure(tag, out);
    required(tag, out);
    datetimes(tag, out);
    languages(tag, out);
    booleans(tag, out);
    integers(tag, out);
    n8060_booleans(tag, out);
    if out.profile().base != Base::Coswid {
        tokens(tag, out);
        enumerations(tag, out);
        // CoSWID's own `coswid-uri` (an error) says it.
        uris(tag, out);
    }
    hash_values(tag, out);
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
        // `role=""` and no `role` both leave no role: the model cannot tell them apart.
        if e.roles.is_empty() {
            out.emit(&REQUIRED, attr(&p, "role"), "@role is absent or empty: an Entity needs at least one role");
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
    for e in walk::elements(tag) {
        if let Some(l) = e.lang
            && !is_language(l)
        {
            out.emit(&LANGUAGE, attr(&e.path, "xml:lang"), format!("{l:?} is not a language tag"));
        }
    }
}

/// XML white space, which `xs:boolean` and `xs:integer` collapse.
const XML_SPACE: [char; 4] = [' ', '\t', '\n', '\r'];

/// An `xs:boolean`: `true`, `false`, `1` or `0`, surrounding white space allowed.
pub(crate) fn xs_boolean(s: &str) -> Option<bool> {
    match s.trim_matches(XML_SPACE) {
        "true" | "1" => Some(true),
        "false" | "0" => Some(false),
        _ => None,
    }
}

/// An `xs:integer` (an optional sign and decimal digits, surrounding white space allowed), as an
/// `i128`; `Err(true)` for a valid one too large for that, `Err(false)` for no integer at all.
fn xs_integer(s: &str) -> Result<i128, bool> {
    let t = s.trim_matches(XML_SPACE);
    let digits = t.strip_prefix(['+', '-']).unwrap_or(t);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(false);
    }
    t.parse().map_err(|_| true)
}

/// The attributes the model stores as booleans, by element.
const BOOLEANS: &[(Kind, &str)] = &[
    (Kind::SoftwareIdentity, "corpus"),
    (Kind::SoftwareIdentity, "patch"),
    (Kind::SoftwareIdentity, "supplemental"),
    (Kind::Meta, "entitlementDataRequired"),
    (Kind::Directory, "key"),
    (Kind::File, "key"),
];

/// The range of integers a field of the model holds.
#[derive(Clone, Copy)]
enum Range {
    I64,
    U64,
}

impl Range {
    fn holds(self, v: i128) -> bool {
        match self {
            Range::I64 => i64::try_from(v).is_ok(),
            Range::U64 => u64::try_from(v).is_ok(),
        }
    }

    fn describe(self) -> String {
        match self {
            Range::I64 => format!("{}..={}", i64::MIN, i64::MAX),
            Range::U64 => format!("0..={}", u64::MAX),
        }
    }
}

/// The attributes the model stores as integers, by element, with the range it holds.
const INTEGERS: &[(Kind, &str, Range)] = &[
    (Kind::SoftwareIdentity, "tagVersion", Range::I64),
    (Kind::File, "size", Range::U64),
    (Kind::Process, "pid", Range::I64),
];

/// The text of an unqualified attribute the model types, kept because it is no value of its type.
pub(crate) fn kept<'a>(extensions: &'a Extensions, name: &str) -> Option<&'a str> {
    extensions.attribute(None, name)
}

fn booleans(tag: &SoftwareIdentity, out: &mut Out<'_>) {
    for e in walk::elements(tag) {
        for &(_, name) in BOOLEANS.iter().filter(|(kind, _)| *kind == e.kind) {
            if let Some(v) = kept(e.extensions, name)
                && xs_boolean(v).is_none()
            {
                out.emit(&BOOLEAN, attr(&e.path, name), format!("{v:?} is not an xs:boolean (true, false, 1 or 0)"));
            }
        }
    }
}

fn integers(tag: &SoftwareIdentity, out: &mut Out<'_>) {
    for e in walk::elements(tag) {
        for &(_, name, range) in INTEGERS.iter().filter(|(kind, ..)| *kind == e.kind) {
            let Some(v) = kept(e.extensions, name) else { continue };
            let message = match xs_integer(v) {
                Ok(i) if range.holds(i) => continue,
                Err(false) => format!("{v:?} is not an xs:integer"),
                Ok(_) | Err(true) => format!("{v:?} is outside {}", range.describe()),
            };
            out.emit(&INTEGER, attr(&e.path, name), message);
        }
    }
}

fn n8060_booleans(tag: &SoftwareIdentity, out: &mut Out<'_>) {
    for e in walk::elements(tag) {
        if let Some(v) = e.extensions.attribute(Some(ns::N8060), "mutable")
            && xs_boolean(v).is_none()
        {
            let message = format!("{v:?} is not an xs:boolean (true, false, 1 or 0)");
            out.emit(&N8060_BOOLEAN, attr(&e.path, "n8060:mutable"), message);
        }
    }
}

/// An XML `NMTOKEN`: name characters only, at least one (checked loosely outside ASCII).
pub(crate) fn is_nmtoken(s: &str) -> bool {
    !s.is_empty()
        && s.chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '.' | '-' | '_' | ':') || !c.is_ascii() && !c.is_whitespace())
}

fn tokens(tag: &SoftwareIdentity, out: &mut Out<'_>) {
    let root = root();
    if let Some(v) = &tag.version_scheme {
        let name = v.xml_name();
        // `multipartnumeric+suffix`, the standard's own value, has a `+`, which NMTOKEN does not
        // allow: the standard wins over its XSD, for that value only.
        if *v != VersionScheme::MultipartNumericSuffix && !is_nmtoken(&name) {
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
            && !iso19770_core::uri::is_uri_reference(r)
        {
            out.emit(&URI, attr(&child(&root, "Entity", i), "regid"), format!("{r:?} is not a URI reference"));
        }
    }
    for (i, l) in tag.links.iter().enumerate() {
        if let Some(h) = &l.href
            && !iso19770_core::uri::is_uri_reference(h)
        {
            out.emit(&URI, attr(&child(&root, "Link", i), "href"), format!("{h:?} is not a URI reference"));
        }
    }
}

/// The algorithms that have an XML namespace, in which a `File` carries a `hash` attribute.
pub(crate) const XML_HASH_ALGORITHMS: [HashAlgorithm; 11] = [
    HashAlgorithm::Sha256,
    HashAlgorithm::Sha384,
    HashAlgorithm::Sha512,
    HashAlgorithm::Sha3_224,
    HashAlgorithm::Sha3_256,
    HashAlgorithm::Sha3_384,
    HashAlgorithm::Sha3_512,
    HashAlgorithm::Md5,
    HashAlgorithm::Sha1,
    HashAlgorithm::Sha224,
    HashAlgorithm::Ripemd160,
];

/// The hash attributes kept in `extensions` because their text is not hex, with their algorithm.
pub(crate) fn kept_hashes(extensions: &Extensions) -> impl Iterator<Item = (HashAlgorithm, &str)> {
    XML_HASH_ALGORITHMS
        .into_iter()
        .filter_map(|a| a.xml_namespace().and_then(|ns| extensions.attribute(Some(ns), "hash")).map(|v| (a, v)))
}

/// Hex digits in pairs, surrounding white space allowed (as the decoder reads them).
fn is_hex(s: &str) -> bool {
    crate::hex::decode(s.trim_matches(XML_SPACE)).is_some()
}

fn hash_values(tag: &SoftwareIdentity, out: &mut Out<'_>) {
    for (i, e) in tag.entities.iter().enumerate() {
        if let Some(v) = kept(&e.extensions, "thumbprint")
            && !is_hex(v)
        {
            let path = attr(&child(&root(), "Entity", i), "thumbprint");
            out.emit(&HASH_VALUE, path, format!("{v:?} is not hex"));
        }
    }
    for f in &walk::items(tag).files {
        for (algorithm, v) in kept_hashes(&f.item.extensions).filter(|(_, v)| !is_hex(v)) {
            out.emit(&HASH_VALUE, attr(&f.path, "hash"), format!("the {algorithm} hash {v:?} is not hex"));
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
    // With no entity at all, `swid-entity` has said it, unless it is turned off.
    if tag.entities.is_empty() && out.profile().is_enabled(ENTITY.id) {
        return;
    }
    if !tag.entities.iter().any(is_tag_creator) {
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
    use super::{RULES, SCHEMA, XML_HASH_ALGORITHMS};
    use crate::core::{ForeignAttribute, Severity};
    use crate::model::{Directory, Evidence, File, HashEntry, Link, Meta, Payload, Process, Resource, SoftwareMeta};
    use crate::registry::{HashAlgorithm, Ownership, Rel, Role, Use, VersionScheme, ns};
    use crate::{Entity, SoftwareIdentity};

    fn iso(tag: &SoftwareIdentity, rule: &str) -> Vec<String> {
        hits(tag, &Profile::iso(), rule)
    }

    #[test]
    fn the_good_tag_passes_every_rule() {
        let report = validate(&good(), &Profile::iso());
        assert!(report.is_clean(), "{report}");
    }

    /// A tag with one of every element: Entity with a Meta, Link, Meta, Payload with a Directory
    /// holding a File, a Process and a Resource.
    fn full() -> SoftwareIdentity {
        let mut t = good();
        t.entities[0].metas.push(Meta::default());
        t.links.push(Link::new("swid:other", Rel::Requires));
        t.metas.push(SoftwareMeta::default());
        let mut p = Payload::default();
        let mut d = Directory::new("bin");
        d.files.push(File::new("tool"));
        p.items.directories.push(d);
        p.items.processes.push(Process::new("tool"));
        p.items.resources.push(Resource::new("rpm"));
        t.payloads.push(p);
        t
    }

    /// Keeps an unqualified attribute as a decoder does when its value is no value of its type.
    fn keep(ext: &mut crate::core::Extensions, name: &str, value: &str) {
        ext.attributes.push(ForeignAttribute::new(None, name, value));
    }

    #[test]
    fn the_full_tag_passes_every_rule() {
        let report = validate(&full(), &Profile::iso());
        assert!(report.is_clean(), "{report}");
    }

    #[test]
    fn schema_rules_are_errors_of_this_module() {
        for r in SCHEMA {
            assert!(RULES.contains(r) && r.severity == Severity::Error, "{}", r.id);
        }
        for a in XML_HASH_ALGORITHMS {
            assert_eq!(a.xml_namespace().and_then(HashAlgorithm::from_xml_namespace), Some(a));
        }
    }

    #[test]
    fn entity() {
        let mut t = good();
        t.entities.clear();
        assert_eq!(iso(&t, "swid-entity"), ["SoftwareIdentity"]);
        // And the tag-creator rule does not say it again.
        assert!(iso(&t, "swid-tag-creator").is_empty());
        assert!(iso(&good(), "swid-entity").is_empty());
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
        t.name = Some("".into());
        t.entities[0].name = Some("".into());
        assert_eq!(iso(&t, "swid-empty-attribute"), ["SoftwareIdentity@name", "SoftwareIdentity/Entity@name"]);
        assert!(iso(&good(), "swid-required-attribute").is_empty() && iso(&good(), "swid-empty-attribute").is_empty());
    }

    #[test]
    fn an_empty_role_is_no_role() {
        // `role=""` decodes to no role, as an absent `role` does: one finding, whichever it was.
        let mut t = good();
        t.entities.push(Entity::new("Other", []).with_regid("example.com"));
        assert_eq!(iso(&t, "swid-required-attribute"), ["SoftwareIdentity/Entity[2]@role"]);
        assert!(iso(&t, "swid-empty-attribute").is_empty());
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
        t.entities[0].lang = Some("".into());
        assert_eq!(iso(&t, "swid-language"), ["SoftwareIdentity@xml:lang", "SoftwareIdentity/Entity@xml:lang"]);
    }

    /// Sets `xml:lang` on every element of [`full`].
    fn every_lang(t: &mut SoftwareIdentity, lang: &str) {
        let l: Option<crate::Text> = Some(lang.into());
        t.lang.clone_from(&l);
        t.entities[0].lang.clone_from(&l);
        t.entities[0].metas[0].lang.clone_from(&l);
        t.links[0].lang.clone_from(&l);
        t.metas[0].lang.clone_from(&l);
        let p = &mut t.payloads[0];
        p.lang.clone_from(&l);
        p.items.directories[0].lang.clone_from(&l);
        p.items.directories[0].files[0].lang.clone_from(&l);
        p.items.processes[0].lang.clone_from(&l);
        p.items.resources[0].lang = l;
    }

    #[test]
    fn language_on_every_element() {
        let mut t = full();
        every_lang(&mut t, "de-CH-1996");
        let mut e = Evidence { lang: Some("fr".into()), ..Evidence::default() };
        e.items.files.push(File { lang: Some("fr".into()), ..File::new("x") });
        t.evidences.push(e);
        assert!(iso(&t, "swid-language").is_empty());
        every_lang(&mut t, "de CH");
        t.evidences[0].lang = Some("123".into());
        t.evidences[0].items.files[0].lang = Some("toolonglanguage".into());
        assert_eq!(
            iso(&t, "swid-language"),
            [
                "SoftwareIdentity@xml:lang",
                "SoftwareIdentity/Entity@xml:lang",
                "SoftwareIdentity/Entity/Meta@xml:lang",
                "SoftwareIdentity/Link@xml:lang",
                "SoftwareIdentity/Meta@xml:lang",
                "SoftwareIdentity/Payload@xml:lang",
                "SoftwareIdentity/Evidence@xml:lang",
                "SoftwareIdentity/Payload/Directory@xml:lang",
                "SoftwareIdentity/Payload/Directory/File@xml:lang",
                "SoftwareIdentity/Evidence/File@xml:lang",
                "SoftwareIdentity/Payload/Process@xml:lang",
                "SoftwareIdentity/Payload/Resource@xml:lang",
            ]
        );
    }

    #[test]
    fn booleans() {
        let mut t = full();
        // Valid booleans kept by hand, white space around and all, are no finding; nor is an
        // unqualified `key` on an element the XSD gives none (the anyAttribute of Resource).
        keep(&mut t.extensions, "corpus", " 1 ");
        keep(&mut t.payloads[0].items.resources[0].extensions, "key", "maybe");
        assert!(iso(&t, "swid-boolean").is_empty());
        let mut t = full();
        keep(&mut t.extensions, "patch", "yes");
        keep(&mut t.extensions, "supplemental", "");
        keep(&mut t.metas[0].extensions, "entitlementDataRequired", "TRUE");
        let d = &mut t.payloads[0].items.directories[0];
        keep(&mut d.extensions, "key", "2");
        keep(&mut d.files[0].extensions, "key", "on");
        assert_eq!(
            iso(&t, "swid-boolean"),
            [
                "SoftwareIdentity@patch",
                "SoftwareIdentity@supplemental",
                "SoftwareIdentity/Meta@entitlementDataRequired",
                "SoftwareIdentity/Payload/Directory@key",
                "SoftwareIdentity/Payload/Directory/File@key",
            ]
        );
    }

    #[test]
    fn integers() {
        let mut t = full();
        keep(&mut t.extensions, "tagVersion", "+7");
        keep(&mut t.payloads[0].items.directories[0].files[0].extensions, "size", " 42 ");
        keep(&mut t.payloads[0].items.resources[0].extensions, "pid", "abc");
        assert!(iso(&t, "swid-integer").is_empty());
        let mut t = full();
        keep(&mut t.extensions, "tagVersion", "1.0");
        let p = &mut t.payloads[0].items;
        keep(&mut p.directories[0].files[0].extensions, "size", "");
        p.files.push(File::new("neg"));
        keep(&mut p.files[0].extensions, "size", "-1");
        keep(&mut p.processes[0].extensions, "pid", "99999999999999999999999999999999999999999999");
        assert_eq!(
            iso(&t, "swid-integer"),
            [
                "SoftwareIdentity@tagVersion",
                "SoftwareIdentity/Payload/Directory/File@size",
                "SoftwareIdentity/Payload/File@size",
                "SoftwareIdentity/Payload/Process@pid",
            ]
        );
    }

    #[test]
    fn n8060_mutable_is_a_boolean() {
        let mutable = |v: &str| ForeignAttribute::new(Some(ns::N8060), "mutable", v);
        let mut t = full();
        t.payloads[0].items.directories[0].files[0].extensions.attributes.push(mutable(" true "));
        t.payloads[0].extensions.attributes.push(mutable("0"));
        assert!(iso(&t, "swid-n8060-boolean").is_empty());
        t.payloads[0].items.directories[0].files[0].extensions.attributes[0] = mutable("yes");
        t.payloads[0].extensions.attributes[0] = mutable("");
        assert_eq!(
            iso(&t, "swid-n8060-boolean"),
            ["SoftwareIdentity/Payload@n8060:mutable", "SoftwareIdentity/Payload/Directory/File@n8060:mutable"]
        );
    }

    #[test]
    fn hash_values() {
        let sha256 = HashAlgorithm::Sha256.xml_namespace();
        let mut t = full();
        let f = &mut t.payloads[0].items.directories[0].files[0];
        f.hashes.push(HashEntry::new(HashAlgorithm::Sha256, vec![0; 32]));
        // Another namespace's `hash` is not a SWID hash.
        f.extensions.attributes.push(ForeignAttribute::new(Some("urn:other"), "hash", "not hex"));
        assert!(iso(&t, "swid-hash-value").is_empty());
        let f = &mut t.payloads[0].items.directories[0].files[0];
        f.hashes.clear();
        f.extensions.attributes.push(ForeignAttribute::new(sha256, "hash", "xyz"));
        f.extensions.attributes.push(ForeignAttribute::new(HashAlgorithm::Md5.xml_namespace(), "hash", "abc"));
        keep(&mut t.entities[0].extensions, "thumbprint", "zz");
        assert_eq!(
            iso(&t, "swid-hash-value"),
            [
                "SoftwareIdentity/Entity@thumbprint",
                "SoftwareIdentity/Payload/Directory/File@hash",
                "SoftwareIdentity/Payload/Directory/File@hash",
            ]
        );
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
    fn a_plus_is_only_for_the_standards_version_scheme() {
        let mut t = good();
        t.entities[0].roles.push(Role::Other("a+b".into()));
        t.links.push(Link::new("swid:x", Rel::Other("x+y".into())));
        t.version_scheme = Some(VersionScheme::Other("date+time".into()));
        assert_eq!(
            iso(&t, "swid-token"),
            ["SoftwareIdentity@versionScheme", "SoftwareIdentity/Entity@role", "SoftwareIdentity/Link@rel"]
        );
        t.version_scheme = Some(VersionScheme::MultipartNumericSuffix);
        assert!(!iso(&t, "swid-token").contains(&"SoftwareIdentity@versionScheme".to_owned()));
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
        // The CoSWID profile says it once, as its own error.
        assert!(hits(&t, &Profile::coswid(), "swid-uri").is_empty());
        assert_eq!(
            hits(&t, &Profile::coswid(), "coswid-uri"),
            ["SoftwareIdentity/Entity@regid", "SoftwareIdentity/Link@href"]
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
    fn tag_creator_without_any_entity_when_swid_entity_is_off() {
        let mut t = good();
        t.entities.clear();
        let p = Profile::iso().disable("swid-entity");
        assert_eq!(hits(&t, &p, "swid-tag-creator"), ["SoftwareIdentity"]);
        assert!(hits(&good(), &p, "swid-tag-creator").is_empty());
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
