//! NISTIR 8060 (Guidelines for the Creation of Interoperable SWID Tags): every derived
//! requirement a program can check on one tag, with the identifiers and the MUST / SHOULD of
//! NIST's requirement catalog, for the tag type and authority of the [`Profile`](super::Profile).
//!
//! Severities are the catalog's: a MUST broken is an error, a SHOULD a warning. That includes the
//! requirements worded "if a version is available" or "if the software is versioned" (`GEN-15-1`,
//! `COR-2-1`, `PRI-2-1`, `PRI-4-1`), which the tag cannot show: a tag generator can always comply,
//! and NIST's checker fails them too.
//!
//! A value missing fails the derived rules that ask for a value as well as those that ask for the
//! attribute, as in NIST's checker: no `@xml:lang` fails `GEN-2-1` and `GEN-2-2`, no `@regid`
//! `GEN-4-1` to `GEN-4-3` (and likewise `GEN-5`, `GEN-6`), no `@size` `GEN-14-1` and `GEN-14-2`,
//! no SHA-256 hash `GEN-19-1` and `GEN-19-2`. As the catalog asks `SUP-2-2` of a supplemental link
//! that exists, a tag without one fails `SUP-2-1` and `SUP-2-2`.
//!
//! `GEN-1-1` (a tag that passes a validating parse) is reported, at the root, when one of the
//! [`iso::SCHEMA`] rules has reported an error on the tag; its message names
//! those rules and the path of the first finding. It rests on what those rules report: one turned
//! off no longer fails it. Those rules ask a little more than an XSD validator: what the XSD means
//! but cannot express (one `Entity` at least, one `Payload` at most). An empty required attribute
//! (`swid-empty-attribute`) does not fail it: the XSD allows an empty `xs:string`.
//!
//! Attribute values a decoder keeps because they are no value of their type (see
//! [`iso`]) count as present: a `@size` kept blank fails `GEN-14-2`, one kept as
//! `"ten"` passes it (and fails `swid-integer`); a `sha256:hash` kept as `"xyz"` is a SHA-256
//! hash that fails `GEN-19-2`.
//!
//! The rules follow the guideline's text where NIST's Schematron (`swid-nistir-8060.sch`) reads
//! it differently; each difference has a test:
//!
//! - roles are whole tokens: NIST's checker tests `contains(@role, 'tagCreator')`, so that a role
//!   `tagCreatorX` counts;
//! - `GEN-7-1` compares the sets of roles of entities with the same explicit `@regid`
//!   (`"softwareCreator tagCreator"` and `"tagCreator softwareCreator"` are the same roles; NIST
//!   compares the strings);
//! - `GEN-11-1` takes a `swid:` URI as RFC 3986 does, upper-case letters included (NIST's regular
//!   expression has only lower-case ones);
//! - `GEN-18-4` is RIPEMD-160, as in the checker (the catalog's text repeats SHA-224);
//! - `GEN-22-2` and `GEN-23-2` take a value of white space only as blank (NIST's checker only an
//!   empty one);
//! - `PRI-13-2` to `PRI-13-5` need each attribute on some `Meta`, not every `Meta` to carry all
//!   four;
//! - `PAT-3-1` takes NISTIR 8060's `modify`, `remove`, `add`; NIST's extension schema spells the
//!   first `update`, which is reported as not `modify`;
//! - `SUP-2-2` asks, as the catalog does, for one supplemental `Link` with a `swid:` or `swidpath:`
//!   `@href`; NIST's checker asks it of every supplemental `Link`;
//! - `@n8060:mutable` is `true` as an `xs:boolean` is (`true` or `1`, white space around allowed;
//!   NIST's checker compares with `'true'`);
//! - `GEN-24-2` (a non-blank `@n8060:envVarSuffix`, in NIST's catalog and checker) is not checked:
//!   where environment variables have no suffix (POSIX `$HOME`) the right value is empty, as in
//!   NIST's own baseline tag, which the checker's authors expect to pass.
//!
//! Not checked, as no program can: `GEN-3`, `GEN-12`, `GEN-13`, `GEN-21`, `GEN-25`, `GEN-26`,
//! `PRI-9` to `PRI-12`, `PAT-2`, `SUP-3`.

use super::iso;
use super::walk::{self, In, attr, child, root};
use super::{Out, Rule, TagType, def};
use crate::model::{Entity, File, SoftwareIdentity};
use crate::registry::{HashAlgorithm, Rel, Role, ns};
use iso19770_core::{Extensions, Severity};
use std::collections::BTreeSet;

const E: Severity = Severity::Error;
const W: Severity = Severity::Warning;
const I: Severity = Severity::Info;

macro_rules! rules {
    ($($name:ident = $id:literal, $sev:expr, $section:literal, $summary:literal;)+) => {
        $(
            #[doc = concat!("`", $id, "` (NISTIR 8060 ", $section, "): ", $summary)]
            pub const $name: Rule = def($id, $sev, concat!("NISTIR 8060 ", $section), $summary);
        )+
        /// The rules of this module.
        pub const RULES: &[&Rule] = &[$(&$name),+];
    };
}

rules! {
    INFO_1_1 = "INFO-1-1", I, "§ 2.1.3", "the tag is assessed as authoritative or non-authoritative";
    INFO_1_2 = "INFO-1-2", I, "§ 2.1.2", "the tag is assessed as a primary, patch, supplemental or corpus tag";
    GEN_1_1 = "GEN-1-1", E, "§ 4.1", "the tag is schema valid: no ISO structure or type rule reports an error";
    GEN_2_1 = "GEN-2-1", E, "§ 4.3", "SoftwareIdentity has @xml:lang";
    GEN_2_2 = "GEN-2-2", E, "§ 4.3", "SoftwareIdentity's @xml:lang is not blank";
    GEN_4_1 = "GEN-4-1", E, "§ 4.4.1", "authoritative: every Entity has @regid";
    GEN_4_2 = "GEN-4-2", E, "§ 4.4.1", "authoritative: every Entity's @regid is not blank";
    GEN_4_3 = "GEN-4-3", E, "§ 4.4.1", "authoritative: no Entity's @regid is the default, invalid.unavailable";
    GEN_5_1 = "GEN-5-1", E, "§ 4.4.1", "non-authoritative: the tagCreator Entity has @regid";
    GEN_5_2 = "GEN-5-2", E, "§ 4.4.1", "non-authoritative: the tagCreator Entity's @regid is not blank";
    GEN_5_3 = "GEN-5-3", E, "§ 4.4.1", "non-authoritative: the tagCreator Entity's @regid is not the default, invalid.unavailable";
    GEN_6_1 = "GEN-6-1", W, "§ 4.4.1", "non-authoritative: every Entity has @regid";
    GEN_6_2 = "GEN-6-2", W, "§ 4.4.1", "non-authoritative: every Entity's @regid is not blank";
    GEN_6_3 = "GEN-6-3", W, "§ 4.4.1", "non-authoritative: no Entity's @regid is the default, invalid.unavailable";
    GEN_7_1 = "GEN-7-1", E, "§ 4.4.2", "Entities with the same @regid have the same roles";
    GEN_8_1 = "GEN-8-1", E, "§ 4.4.3", "authoritative: an Entity is tagCreator and aggregator, distributor, licensor or softwareCreator";
    GEN_9_1 = "GEN-9-1", E, "§ 4.4.4", "authoritative: an Entity is softwareCreator";
    GEN_10_1 = "GEN-10-1", W, "§ 4.4.4", "non-authoritative: an Entity is softwareCreator";
    GEN_11_1 = "GEN-11-1", E, "§ 4.5.1", "a swid: Link@href is a URI whose scheme-specific part is a tag id";
    GEN_14_1 = "GEN-14-1", E, "§ 4.6.1", "every File not marked n8060:mutable has @size";
    GEN_14_2 = "GEN-14-2", E, "§ 4.6.1", "every File not marked n8060:mutable has a non-blank @size";
    GEN_15_1 = "GEN-15-1", E, "§ 4.6.1", "every File not marked n8060:mutable has @version, if it has a version";
    GEN_15_2 = "GEN-15-2", E, "§ 4.6.1", "a File's @version is not blank";
    GEN_16_1 = "GEN-16-1", E, "§ 4.6.1", "authoritative: every Payload File not marked n8060:mutable has a hash";
    GEN_17_1 = "GEN-17-1", W, "§ 4.6.1", "non-authoritative: every Evidence File has a hash";
    GEN_18_1 = "GEN-18-1", W, "§ 4.6.2", "no File has an MD5 hash";
    GEN_18_2 = "GEN-18-2", W, "§ 4.6.2", "no File has a SHA-1 hash";
    GEN_18_3 = "GEN-18-3", W, "§ 4.6.2", "no File has a SHA-224 hash";
    GEN_18_4 = "GEN-18-4", W, "§ 4.6.2", "no File has a RIPEMD-160 hash";
    GEN_19_1 = "GEN-19-1", E, "§ 4.6.2", "authoritative: every Payload File not marked n8060:mutable has a SHA-256 hash";
    GEN_19_2 = "GEN-19-2", E, "§ 4.6.2", "authoritative: every Payload File not marked n8060:mutable has a valid SHA-256 hash (64 hex digits)";
    GEN_20_1 = "GEN-20-1", W, "§ 4.6.2", "non-authoritative: every Evidence File has a SHA-256 hash";
    GEN_22_1 = "GEN-22-1", W, "§ 4.6.3", "Payload and Evidence have @n8060:pathSeparator";
    GEN_22_2 = "GEN-22-2", E, "§ 4.6.3", "@n8060:pathSeparator is not blank";
    GEN_23_1 = "GEN-23-1", W, "§ 4.6.3", "Payload and Evidence have @n8060:envVarPrefix";
    GEN_23_2 = "GEN-23-2", E, "§ 4.6.3", "@n8060:envVarPrefix is not blank";
    GEN_24_1 = "GEN-24-1", W, "§ 4.6.3", "Payload and Evidence have @n8060:envVarSuffix";
    COR_1_1 = "COR-1-1", E, "§ 5.1.1", "corpus: @corpus is true";
    COR_1_2 = "COR-1-2", E, "§ 5.1.1", "corpus: @patch is false";
    COR_1_3 = "COR-1-3", E, "§ 5.1.1", "corpus: @supplemental is false";
    COR_2_1 = "COR-2-1", E, "§ 5.1.2", "corpus: @version is given, if the software is versioned";
    COR_2_2 = "COR-2-2", E, "§ 5.1.2", "corpus: @version is not blank";
    COR_3_1 = "COR-3-1", E, "§ 5.1.2", "corpus: @versionScheme is given with @version";
    COR_3_2 = "COR-3-2", E, "§ 5.1.2", "corpus: @versionScheme is not blank";
    COR_4_1 = "COR-4-1", W, "§ 5.1.3", "corpus: a Payload lists the files of the media";
    COR_4_2 = "COR-4-2", E, "§ 5.1.3", "corpus: no Evidence";
    PRI_1_1 = "PRI-1-1", E, "§ 5.2.1", "primary: @corpus is false";
    PRI_1_2 = "PRI-1-2", E, "§ 5.2.1", "primary: @patch is false";
    PRI_1_3 = "PRI-1-3", E, "§ 5.2.1", "primary: @supplemental is false";
    PRI_2_1 = "PRI-2-1", E, "§ 5.2.2", "authoritative primary: @version is given, if the software is versioned";
    PRI_2_2 = "PRI-2-2", E, "§ 5.2.2", "authoritative primary: @version is not blank";
    PRI_3_1 = "PRI-3-1", E, "§ 5.2.2", "authoritative primary: @versionScheme is given with @version";
    PRI_3_2 = "PRI-3-2", E, "§ 5.2.2", "authoritative primary: @versionScheme is not blank";
    PRI_4_1 = "PRI-4-1", E, "§ 5.2.2", "non-authoritative primary: @version is given, if it can be determined";
    PRI_4_2 = "PRI-4-2", E, "§ 5.2.2", "non-authoritative primary: @version is not blank";
    PRI_5_1 = "PRI-5-1", E, "§ 5.2.2", "non-authoritative primary: @versionScheme is given with @version";
    PRI_5_2 = "PRI-5-2", E, "§ 5.2.2", "non-authoritative primary: @versionScheme is not blank";
    PRI_6_1 = "PRI-6-1", W, "§ 5.2.3", "authoritative primary: a Payload";
    PRI_6_2 = "PRI-6-2", E, "§ 5.2.3", "authoritative primary: no Evidence";
    PRI_7_1 = "PRI-7-1", W, "§ 5.2.3", "non-authoritative primary: an Evidence";
    PRI_7_2 = "PRI-7-2", E, "§ 5.2.3", "non-authoritative primary: no Payload";
    PRI_8_1 = "PRI-8-1", E, "§ 5.2.3", "primary: every Payload or Evidence lists a file";
    PRI_13_1 = "PRI-13-1", E, "§ 5.2.4", "primary: a Meta";
    PRI_13_2 = "PRI-13-2", E, "§ 5.2.4", "primary: a Meta gives @product";
    PRI_13_3 = "PRI-13-3", E, "§ 5.2.4", "primary: a Meta gives @colloquialVersion";
    PRI_13_4 = "PRI-13-4", E, "§ 5.2.4", "primary: a Meta gives @revision";
    PRI_13_5 = "PRI-13-5", E, "§ 5.2.4", "primary: a Meta gives @edition";
    PAT_1_1 = "PAT-1-1", E, "§ 5.3.1", "patch: @corpus is false";
    PAT_1_2 = "PAT-1-2", E, "§ 5.3.1", "patch: @patch is true";
    PAT_1_3 = "PAT-1-3", E, "§ 5.3.1", "patch: @supplemental is false";
    PAT_3_1 = "PAT-3-1", E, "§ 5.3.2", "authoritative patch: every Payload File has @n8060:patchEvent modify, remove or add";
    PAT_4_1 = "PAT-4-1", W, "§ 5.3.2", "non-authoritative patch: an Evidence lists a file";
    SUP_1_1 = "SUP-1-1", E, "§ 5.4.1", "supplemental: @corpus is false";
    SUP_1_2 = "SUP-1-2", E, "§ 5.4.1", "supplemental: @patch is false";
    SUP_1_3 = "SUP-1-3", E, "§ 5.4.1", "supplemental: @supplemental is true";
    SUP_2_1 = "SUP-2-1", E, "§ 5.4.2", "supplemental: a Link with rel=\"supplemental\"";
    SUP_2_2 = "SUP-2-2", E, "§ 5.4.2", "supplemental: a Link with rel=\"supplemental\" has a swid: or swidpath: @href";
}

pub(crate) fn check(tag: &SoftwareIdentity, out: &mut Out<'_>) {
    let a = out.profile().assessment(tag);
    let how = |forced: bool| if forced { "as the profile says" } else { "as detected" };
    let authority = if a.authoritative { "authoritative" } else { "non-authoritative" };
    let message = format!("assessed as {authority} ({})", how(out.profile().authority != super::Authority::Detect));
    out.emit(&INFO_1_1, root(), message);
    let message = format!("assessed as a {} tag ({})", a.tag_type, how(out.profile().tag_type.is_some()));
    out.emit(&INFO_1_2, root(), message);

    schema_valid(out);
    language(tag, out);
    regids(tag, a.authoritative, out);
    same_regid_same_roles(tag, out);
    roles(tag, a.authoritative, out);
    swid_links(tag, out);
    files(tag, a.authoritative, out);
    path_attributes(tag, out);
    match a.tag_type {
        TagType::Corpus => corpus(tag, out),
        TagType::Primary => primary(tag, a.authoritative, out),
        TagType::Patch => patch(tag, a.authoritative, out),
        TagType::Supplemental => supplemental(tag, out),
    }
}

fn blank(s: &str) -> bool {
    s.trim().is_empty()
}

/// `GEN-1-1` from the errors the ISO structure and type rules have reported.
fn schema_valid(out: &mut Out<'_>) {
    let mut rules: Vec<&str> = Vec::new();
    let mut first = None;
    for f in out.findings() {
        if f.severity == Severity::Error && iso::SCHEMA.iter().any(|r| r.id == f.rule) {
            first.get_or_insert_with(|| f.path.to_string());
            if !rules.contains(&f.rule.as_str()) {
                rules.push(&f.rule);
            }
        }
    }
    let Some(first) = first else { return };
    let message = format!("the tag is not schema valid: {} (first at {first})", rules.join(", "));
    out.emit(&GEN_1_1, root(), message);
}

fn language(tag: &SoftwareIdentity, out: &mut Out<'_>) {
    let path = attr(&root(), "xml:lang");
    // An absent attribute gives no non-blank value either: both rules fail, as in NIST's checker.
    match tag.lang.as_deref() {
        None => {
            out.emit(&GEN_2_1, path.clone(), "the tag has no xml:lang");
            out.emit(&GEN_2_2, path, "the tag has no xml:lang value");
        }
        Some(l) if blank(l) => out.emit(&GEN_2_2, path, "the tag's xml:lang is blank"),
        Some(_) => {}
    }
}

/// The three regid checks of one entity: absent, blank, the default.
fn regid(out: &mut Out<'_>, e: &Entity, i: usize, rules: [&Rule; 3]) {
    let path = attr(&child(&root(), "Entity", i), "regid");
    let name = e.name.as_deref().unwrap_or_default();
    // An absent regid has no value, and its value is the default: all three rules fail.
    match e.regid.as_deref() {
        None => {
            out.emit(rules[0], path.clone(), format!("the entity {name:?} has no @regid"));
            out.emit(rules[1], path.clone(), format!("the entity {name:?} gives no @regid value"));
            out.emit(rules[2], path, format!("the entity {name:?} has the default @regid, http://invalid.unavailable"));
        }
        Some(r) if blank(r) => out.emit(rules[1], path, format!("the entity {name:?} has a blank @regid")),
        Some(crate::registry::DEFAULT_REGID) => {
            out.emit(rules[2], path, format!("the entity {name:?} has the default @regid"));
        }
        Some(_) => {}
    }
}

fn regids(tag: &SoftwareIdentity, authoritative: bool, out: &mut Out<'_>) {
    for (i, e) in tag.entities.iter().enumerate() {
        if authoritative {
            regid(out, e, i, [&GEN_4_1, &GEN_4_2, &GEN_4_3]);
        } else {
            if e.has_role(&Role::TagCreator) {
                regid(out, e, i, [&GEN_5_1, &GEN_5_2, &GEN_5_3]);
            }
            regid(out, e, i, [&GEN_6_1, &GEN_6_2, &GEN_6_3]);
        }
    }
}

fn same_regid_same_roles(tag: &SoftwareIdentity, out: &mut Out<'_>) {
    fn roles(e: &Entity) -> BTreeSet<std::borrow::Cow<'_, str>> {
        e.roles.iter().map(Role::xml_name).collect()
    }
    for (i, e) in tag.entities.iter().enumerate() {
        let Some(r) = e.regid.as_deref() else { continue };
        // The first earlier entity with the regid and other roles: one finding per entity.
        if let Some(j) = tag.entities[..i].iter().position(|o| o.regid.as_deref() == Some(r) && roles(o) != roles(e)) {
            out.emit(
                &GEN_7_1,
                attr(&child(&root(), "Entity", i), "role"),
                format!("the roles differ from those of Entity[{}], which has the same @regid {r:?}", j + 1),
            );
        }
    }
}

fn roles(tag: &SoftwareIdentity, authoritative: bool, out: &mut Out<'_>) {
    let providers = [Role::Aggregator, Role::Distributor, Role::Licensor, Role::SoftwareCreator];
    let software_creator = tag.entities.iter().any(|e| e.has_role(&Role::SoftwareCreator));
    if authoritative {
        if !tag.entities.iter().any(|e| e.has_role(&Role::TagCreator) && providers.iter().any(|p| e.has_role(p))) {
            out.emit(&GEN_8_1, root(), "no Entity is tagCreator and also a software provider");
        }
        if !software_creator {
            out.emit(&GEN_9_1, root(), "no Entity is softwareCreator");
        }
    } else if !software_creator {
        out.emit(&GEN_10_1, root(), "no Entity is softwareCreator");
    }
}

fn swid_links(tag: &SoftwareIdentity, out: &mut Out<'_>) {
    for (i, l) in tag.links.iter().enumerate() {
        let Some(href) = l.href.as_deref() else { continue };
        let Some(tag_id) = href.get(..5).filter(|s| s.eq_ignore_ascii_case("swid:")).and(href.get(5..)) else {
            continue;
        };
        if tag_id.is_empty() || !iso19770_core::uri::is_uri_reference(href) {
            out.emit(&GEN_11_1, attr(&child(&root(), "Link", i), "href"), format!("{href:?} names no tag id"));
        }
    }
}

fn mutable(f: &File) -> bool {
    f.extensions.attribute(Some(ns::N8060), "mutable").and_then(iso::xs_boolean) == Some(true)
}

/// 64 hex digits, surrounding white space allowed.
fn is_sha256_hex(s: &str) -> bool {
    let t = s.trim_matches([' ', '\t', '\n', '\r']);
    t.len() == 64 && t.bytes().all(|b| b.is_ascii_hexdigit())
}

fn files(tag: &SoftwareIdentity, authoritative: bool, out: &mut Out<'_>) {
    let weak = [
        (HashAlgorithm::Md5, &GEN_18_1),
        (HashAlgorithm::Sha1, &GEN_18_2),
        (HashAlgorithm::Sha224, &GEN_18_3),
        (HashAlgorithm::Ripemd160, &GEN_18_4),
    ];
    for f in &walk::items(tag).files {
        let (file, path) = (f.item, &f.path);
        let name = file.name.as_deref().unwrap_or_default();
        let fixed = !mutable(file);
        if fixed {
            match (file.size, iso::kept(&file.extensions, "size")) {
                (None, None) => {
                    out.emit(&GEN_14_1, attr(path, "size"), format!("the file {name:?} has no @size"));
                    out.emit(&GEN_14_2, attr(path, "size"), format!("the file {name:?} gives no @size value"));
                }
                (None, Some(v)) if blank(v) => {
                    out.emit(&GEN_14_2, attr(path, "size"), format!("the file {name:?} has a blank @size"));
                }
                _ => {}
            }
        }
        match file.version.as_deref() {
            None if fixed => out.emit(&GEN_15_1, attr(path, "version"), format!("the file {name:?} has no @version")),
            Some(v) if blank(v) => {
                out.emit(&GEN_15_2, attr(path, "version"), format!("the file {name:?} has a blank @version"));
            }
            _ => {}
        }
        // Hashes kept as text (not hex) are hashes too.
        let kept: Vec<(HashAlgorithm, &str)> = iso::kept_hashes(&file.extensions).collect();
        let has = |alg: HashAlgorithm| file.hash(alg).is_some() || kept.iter().any(|(a, _)| *a == alg);
        let any_hash = !file.hashes.is_empty() || !kept.is_empty();
        match (f.within, authoritative) {
            (In::Payload, true) if fixed => {
                if !any_hash {
                    out.emit(&GEN_16_1, attr(path, "hash"), format!("the file {name:?} has no hash"));
                }
                let kept_sha256 = kept.iter().find(|(a, _)| *a == HashAlgorithm::Sha256).map(|(_, v)| *v);
                match (file.hash(HashAlgorithm::Sha256), kept_sha256) {
                    (None, None) => {
                        let message = format!("the file {name:?} has no SHA-256 hash");
                        out.emit(&GEN_19_1, attr(path, "hash"), message.clone());
                        out.emit(&GEN_19_2, attr(path, "hash"), message);
                    }
                    (Some(h), _) if h.digest.len() != 32 => out.emit(
                        &GEN_19_2,
                        attr(path, "hash"),
                        format!("the SHA-256 hash of {name:?} has {} bytes", h.digest.len()),
                    ),
                    (None, Some(v)) if !is_sha256_hex(v) => out.emit(
                        &GEN_19_2,
                        attr(path, "hash"),
                        format!("the SHA-256 hash of {name:?}, {v:?}, is not 64 hex digits"),
                    ),
                    _ => {}
                }
            }
            (In::Evidence, false) => {
                if !any_hash {
                    out.emit(&GEN_17_1, attr(path, "hash"), format!("the file {name:?} has no hash"));
                }
                if !has(HashAlgorithm::Sha256) {
                    out.emit(&GEN_20_1, attr(path, "hash"), format!("the file {name:?} has no SHA-256 hash"));
                }
            }
            _ => {}
        }
        for (alg, rule) in weak {
            if has(alg) {
                out.emit(rule, attr(path, "hash"), format!("the file {name:?} has a {alg} hash"));
            }
        }
    }
}

fn path_attributes(tag: &SoftwareIdentity, out: &mut Out<'_>) {
    // An empty envVarSuffix is right where variables have none (`$HOME`): no blank check for it.
    let checks: [(&str, &Rule, Option<&Rule>); 3] = [
        ("pathSeparator", &GEN_22_1, Some(&GEN_22_2)),
        ("envVarPrefix", &GEN_23_1, Some(&GEN_23_2)),
        ("envVarSuffix", &GEN_24_1, None),
    ];
    for c in walk::collections(tag) {
        for (name, present, not_blank) in checks {
            let path = attr(&c.path, &format!("n8060:{name}"));
            match (n8060(c.extensions, name), not_blank) {
                (None, _) => out.emit(present, path, format!("no @n8060:{name}")),
                (Some(v), Some(rule)) if blank(v) => out.emit(rule, path, format!("@n8060:{name} is blank")),
                _ => {}
            }
        }
    }
}

fn n8060<'a>(ext: &'a Extensions, name: &str) -> Option<&'a str> {
    ext.attribute(Some(ns::N8060), name)
}

/// The version and version-scheme rules of a tag type.
fn version(tag: &SoftwareIdentity, out: &mut Out<'_>, rules: [&Rule; 4]) {
    let root = root();
    match tag.version.as_deref() {
        None => out.emit(rules[0], attr(&root, "version"), "the tag has no @version"),
        Some(v) => {
            if blank(v) {
                out.emit(rules[1], attr(&root, "version"), "the tag's @version is blank");
            }
            if tag.version_scheme.is_none() {
                out.emit(rules[2], attr(&root, "versionScheme"), "a @version without @versionScheme");
            }
        }
    }
    if let Some(s) = tag.version_scheme.as_ref().map(|s| s.xml_name())
        && blank(&s)
    {
        out.emit(rules[3], attr(&root, "versionScheme"), "the @versionScheme is blank");
    }
}

/// The flag rules of a tag type: (flag value wanted, rule) for corpus, patch, supplemental.
fn flags(tag: &SoftwareIdentity, out: &mut Out<'_>, rules: [(bool, &Rule); 3]) {
    let actual = [("corpus", tag.is_corpus()), ("patch", tag.is_patch()), ("supplemental", tag.is_supplemental())];
    for ((name, value), (wanted, rule)) in actual.into_iter().zip(rules) {
        if value != wanted {
            out.emit(rule, attr(&root(), name), format!("@{name} is {value}, not {wanted}"));
        }
    }
}

fn corpus(tag: &SoftwareIdentity, out: &mut Out<'_>) {
    flags(tag, out, [(true, &COR_1_1), (false, &COR_1_2), (false, &COR_1_3)]);
    version(tag, out, [&COR_2_1, &COR_2_2, &COR_3_1, &COR_3_2]);
    if tag.payloads.is_empty() {
        out.emit(&COR_4_1, root(), "a corpus tag without a Payload");
    }
    if !tag.evidences.is_empty() {
        out.emit(&COR_4_2, child(&root(), "Evidence", 0), "a corpus tag with an Evidence");
    }
}

/// Whether a `Meta` gives an attribute.
type MetaHas = fn(&crate::SoftwareMeta) -> bool;

fn primary(tag: &SoftwareIdentity, authoritative: bool, out: &mut Out<'_>) {
    flags(tag, out, [(false, &PRI_1_1), (false, &PRI_1_2), (false, &PRI_1_3)]);
    if authoritative {
        version(tag, out, [&PRI_2_1, &PRI_2_2, &PRI_3_1, &PRI_3_2]);
        if tag.payloads.is_empty() {
            out.emit(&PRI_6_1, root(), "an authoritative primary tag without a Payload");
        }
        if !tag.evidences.is_empty() {
            out.emit(&PRI_6_2, child(&root(), "Evidence", 0), "an authoritative primary tag with an Evidence");
        }
    } else {
        version(tag, out, [&PRI_4_1, &PRI_4_2, &PRI_5_1, &PRI_5_2]);
        if tag.evidences.is_empty() {
            out.emit(&PRI_7_1, root(), "a non-authoritative primary tag without an Evidence");
        }
        if !tag.payloads.is_empty() {
            out.emit(&PRI_7_2, child(&root(), "Payload", 0), "a non-authoritative primary tag with a Payload");
        }
    }
    for c in walk::collections(tag) {
        if !walk::has_file(c.items) {
            out.emit(&PRI_8_1, c.path.clone(), "lists no file");
        }
    }
    if tag.metas.is_empty() {
        out.emit(&PRI_13_1, root(), "a primary tag without a Meta");
    } else {
        let meta_path = child(&root(), "Meta", 0);
        let wanted: [(&str, &Rule, MetaHas); 4] = [
            ("product", &PRI_13_2, |m| m.product.is_some()),
            ("colloquialVersion", &PRI_13_3, |m| m.colloquial_version.is_some()),
            ("revision", &PRI_13_4, |m| m.revision.is_some()),
            ("edition", &PRI_13_5, |m| m.edition.is_some()),
        ];
        for (name, rule, has) in wanted {
            if !tag.metas.iter().any(has) {
                out.emit(rule, attr(&meta_path, name), format!("no Meta gives @{name}"));
            }
        }
    }
}

fn patch(tag: &SoftwareIdentity, authoritative: bool, out: &mut Out<'_>) {
    flags(tag, out, [(false, &PAT_1_1), (true, &PAT_1_2), (false, &PAT_1_3)]);
    if authoritative {
        for f in walk::items(tag).files.iter().filter(|f| f.within == In::Payload) {
            let path = attr(&f.path, "n8060:patchEvent");
            match n8060(&f.item.extensions, "patchEvent") {
                Some("modify" | "remove" | "add") => {}
                Some("update") => out.emit(
                    &PAT_3_1,
                    path,
                    "\"update\" (NIST's extension schema) where NISTIR 8060 § 5.3.2 says \"modify\"",
                ),
                Some(other) => out.emit(&PAT_3_1, path, format!("{other:?} is not modify, remove or add")),
                None => out.emit(&PAT_3_1, path, "no @n8060:patchEvent"),
            }
        }
    } else if !tag.evidences.iter().any(|e| walk::has_file(&e.items)) {
        out.emit(&PAT_4_1, root(), "no Evidence lists a file of the patch");
    }
}

fn supplemental(tag: &SoftwareIdentity, out: &mut Out<'_>) {
    flags(tag, out, [(false, &SUP_1_1), (false, &SUP_1_2), (true, &SUP_1_3)]);
    let links: Vec<_> = tag.links.iter().filter(|l| l.rel == Some(Rel::Supplemental)).collect();
    if links.is_empty() {
        out.emit(&SUP_2_1, root(), "no Link with rel=\"supplemental\"");
    }
    let swid = |href: &str| {
        let scheme = href.split_once(':').map(|(s, _)| s.to_ascii_lowercase());
        matches!(scheme.as_deref(), Some("swid" | "swidpath"))
    };
    // One such link is what the catalog asks (NIST's checker asks it of every one).
    if !links.iter().any(|l| l.href.as_deref().is_some_and(swid)) {
        let message = if links.is_empty() {
            "no Link with rel=\"supplemental\", so none with a swid: or swidpath: @href".to_owned()
        } else {
            format!("none of the {} Links with rel=\"supplemental\" has a swid: or swidpath: @href", links.len())
        };
        out.emit(&SUP_2_2, root(), message);
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::hits;
    use super::super::{Authority, Profile, TagType, validate};
    use crate::core::{ForeignAttribute, Severity};
    use crate::model::{Evidence, File, HashEntry, Link, Payload, SoftwareMeta};
    use crate::registry::{HashAlgorithm, Rel, Role, VersionScheme, ns};
    use crate::{Entity, SoftwareIdentity};

    /// An authoritative primary tag that passes every NISTIR 8060 rule.
    fn baseline() -> SoftwareIdentity {
        let mut t = SoftwareIdentity::new("Example", "example.com-example-1.0");
        t.lang = Some("en".into());
        t.version = Some("1.0".into());
        t.version_scheme = Some(VersionScheme::MultipartNumeric);
        t.entities
            .push(Entity::new("Example Corp", [Role::TagCreator, Role::SoftwareCreator]).with_regid("example.com"));
        t.metas.push(SoftwareMeta {
            product: Some("Example".into()),
            colloquial_version: Some("1".into()),
            revision: Some("0".into()),
            edition: Some("Home".into()),
            ..SoftwareMeta::default()
        });
        let mut p = payload();
        let mut f =
            File::new("example.exe").with_size(10).with_hash(HashEntry::new(HashAlgorithm::Sha256, vec![7; 32]));
        f.version = Some("1.0.0.0".into());
        p.items.files.push(f);
        t.payloads.push(p);
        t
    }

    fn payload() -> Payload {
        let mut p = Payload::default();
        for name in ["pathSeparator", "envVarPrefix", "envVarSuffix"] {
            p.extensions.attributes.push(ForeignAttribute::new(Some(ns::N8060), name, "/"));
        }
        p
    }

    fn non_authoritative(mut t: SoftwareIdentity) -> SoftwareIdentity {
        t.entities[0].roles = vec![Role::TagCreator];
        let e = Evidence {
            extensions: std::mem::take(&mut t.payloads[0].extensions),
            items: std::mem::take(&mut t.payloads[0].items),
            ..Evidence::default()
        };
        t.payloads.clear();
        t.evidences.push(e);
        t
    }

    fn nist(t: &SoftwareIdentity, rule: &str) -> Vec<String> {
        hits(t, &Profile::nistir8060(), rule)
    }

    #[test]
    fn the_baselines_pass() {
        let report = validate(&baseline(), &Profile::nistir8060());
        assert!(report.findings.iter().all(|f| f.severity == Severity::Info), "{report}");
        assert_eq!(report.count(Severity::Info), 2);
        let t = non_authoritative(baseline());
        let report = validate(&t, &Profile::nistir8060());
        // Still one warning: a non-authoritative tag SHOULD name the software creator.
        let rules: Vec<_> =
            report.findings.iter().filter(|f| f.severity != Severity::Info).map(|f| f.rule.as_str()).collect();
        assert_eq!(rules, ["GEN-10-1"], "{report}");
    }

    #[test]
    fn the_assessment_is_reported_and_can_be_forced() {
        let r = validate(&baseline(), &Profile::nistir8060());
        let info: Vec<_> = r.findings.iter().map(|f| f.message.as_str()).collect();
        assert_eq!(info, ["assessed as authoritative (as detected)", "assessed as a primary tag (as detected)"]);
        let p = Profile::nistir8060().authority(Authority::NonAuthoritative).tag_type(Some(TagType::Corpus));
        let r = validate(&baseline(), &p);
        assert_eq!(r.findings[0].message, "assessed as non-authoritative (as the profile says)");
        assert_eq!(r.findings[1].message, "assessed as a corpus tag (as the profile says)");
        assert_eq!(r.of_rule("COR-1-1").next().map(|f| f.path.to_string()), Some("SoftwareIdentity@corpus".into()));
    }

    #[test]
    fn gen_2_language() {
        let mut t = baseline();
        t.lang = None;
        assert_eq!(nist(&t, "GEN-2-1"), ["SoftwareIdentity@xml:lang"]);
        assert_eq!(nist(&t, "GEN-2-2"), ["SoftwareIdentity@xml:lang"]);
        t.lang = Some(" ".into());
        assert!(nist(&t, "GEN-2-1").is_empty());
        assert_eq!(nist(&t, "GEN-2-2"), ["SoftwareIdentity@xml:lang"]);
        assert!(nist(&baseline(), "GEN-2-1").is_empty() && nist(&baseline(), "GEN-2-2").is_empty());
    }

    #[test]
    fn gen_4_to_6_regids() {
        let mut t = baseline();
        t.entities.push(Entity::new("A", [Role::Licensor]));
        t.entities.push(Entity::new("B", [Role::Licensor]).with_regid(""));
        t.entities.push(Entity::new("C", [Role::Licensor]).with_regid("http://invalid.unavailable"));
        assert_eq!(nist(&t, "GEN-4-1"), ["SoftwareIdentity/Entity[2]@regid"]);
        // An absent regid gives no value, and its value is the default.
        assert_eq!(nist(&t, "GEN-4-2"), ["SoftwareIdentity/Entity[2]@regid", "SoftwareIdentity/Entity[3]@regid"]);
        assert_eq!(nist(&t, "GEN-4-3"), ["SoftwareIdentity/Entity[2]@regid", "SoftwareIdentity/Entity[4]@regid"]);
        let mut t = non_authoritative(baseline());
        t.entities[0].regid = None;
        t.entities.push(Entity::new("A", [Role::Licensor]).with_regid("http://invalid.unavailable"));
        assert_eq!(nist(&t, "GEN-5-1"), ["SoftwareIdentity/Entity@regid"]);
        assert_eq!(nist(&t, "GEN-6-1"), ["SoftwareIdentity/Entity@regid"]);
        assert_eq!(nist(&t, "GEN-6-3"), ["SoftwareIdentity/Entity@regid", "SoftwareIdentity/Entity[2]@regid"]);
        assert_eq!(nist(&t, "GEN-5-3"), ["SoftwareIdentity/Entity@regid"]);
        assert!(nist(&t, "GEN-4-1").is_empty());
        let r = validate(&t, &Profile::nistir8060());
        assert_eq!(r.of_rule("GEN-6-1").next().map(|f| f.severity), Some(Severity::Warning));
    }

    #[test]
    fn blank_values() {
        let mut t = non_authoritative(baseline());
        t.entities[0].regid = Some(" ".into());
        assert_eq!(nist(&t, "GEN-5-2"), ["SoftwareIdentity/Entity@regid"]);
        assert_eq!(nist(&t, "GEN-6-2"), ["SoftwareIdentity/Entity@regid"]);
        // GEN-5 applies to non-authoritative tags only: test its pass on one.
        let na = non_authoritative(baseline());
        assert!(nist(&na, "GEN-5-2").is_empty() && nist(&na, "GEN-6-2").is_empty());
        let mut t = baseline();
        t.version_scheme = Some(VersionScheme::Other(" ".into()));
        assert_eq!(nist(&t, "PRI-3-2"), ["SoftwareIdentity@versionScheme"]);
        t.corpus = Some(true);
        assert_eq!(nist(&t, "COR-3-2"), ["SoftwareIdentity@versionScheme"]);
        t.version_scheme = Some(VersionScheme::Semver);
        assert!(nist(&t, "COR-3-2").is_empty());
    }

    #[test]
    fn gen_7_same_regid_same_roles_as_sets() {
        let mut t = baseline();
        t.entities.push(Entity::new("Other name", [Role::SoftwareCreator, Role::TagCreator]).with_regid("example.com"));
        // The same roles in another order: NIST's string comparison would fail this.
        assert!(nist(&t, "GEN-7-1").is_empty());
        t.entities.push(Entity::new("Third", [Role::SoftwareCreator]).with_regid("example.com"));
        assert_eq!(nist(&t, "GEN-7-1"), ["SoftwareIdentity/Entity[3]@role"]);
    }

    #[test]
    fn gen_8_to_10_roles() {
        let mut t = baseline();
        t.entities[0].roles = vec![Role::TagCreator];
        t.entities.push(Entity::new("Maker", [Role::SoftwareCreator]).with_regid("maker.example"));
        let p = Profile::nistir8060().authority(Authority::Authoritative);
        assert_eq!(hits(&t, &p, "GEN-8-1"), ["SoftwareIdentity"]);
        assert!(hits(&t, &p, "GEN-9-1").is_empty());
        t.entities.pop();
        assert_eq!(hits(&t, &p, "GEN-9-1"), ["SoftwareIdentity"]);
        assert_eq!(nist(&t, "GEN-10-1"), ["SoftwareIdentity"]);
        assert!(nist(&baseline(), "GEN-8-1").is_empty() && nist(&baseline(), "GEN-9-1").is_empty());
        // A non-authoritative tag naming the software creator, in an entity that is not the tag
        // creator (else it would be authoritative).
        let mut t = non_authoritative(baseline());
        t.entities.push(Entity::new("Maker", [Role::SoftwareCreator]).with_regid("maker.example"));
        assert!(!crate::validate::assess(&t).authoritative);
        assert!(nist(&t, "GEN-10-1").is_empty());
    }

    #[test]
    fn gen_11_swid_links() {
        let mut t = baseline();
        t.links.push(Link::new("swid:Example.COM-other-1.0", Rel::Requires));
        t.links.push(Link::new("https://example.com/^", Rel::SeeAlso));
        // Upper case is fine (NIST's expression has lower case only); non-swid links are not this rule's.
        assert!(nist(&t, "GEN-11-1").is_empty());
        t.links.push(Link::new("swid:^", Rel::Requires));
        t.links.push(Link::new("SWID:", Rel::Requires));
        assert_eq!(nist(&t, "GEN-11-1"), ["SoftwareIdentity/Link[3]@href", "SoftwareIdentity/Link[4]@href"]);
    }

    #[test]
    fn gen_14_and_15_size_and_version() {
        let mut t = baseline();
        let f = &mut t.payloads[0].items.files[0];
        f.size = None;
        f.version = None;
        assert_eq!(nist(&t, "GEN-14-1"), ["SoftwareIdentity/Payload/File@size"]);
        // No @size gives no non-blank value either, as in NIST's checker.
        assert_eq!(nist(&t, "GEN-14-2"), ["SoftwareIdentity/Payload/File@size"]);
        assert_eq!(nist(&t, "GEN-15-1"), ["SoftwareIdentity/Payload/File@version"]);
        let r = validate(&t, &Profile::nistir8060());
        assert_eq!(r.of_rule("GEN-15-1").next().map(|f| f.severity), Some(Severity::Error));
        // A mutable file needs neither, `1` with white space being as true as `true`.
        let f = &mut t.payloads[0].items.files[0];
        f.extensions.attributes.push(ForeignAttribute::new(Some(ns::N8060), "mutable", " 1 "));
        assert!(nist(&t, "GEN-14-1").is_empty() && nist(&t, "GEN-14-2").is_empty() && nist(&t, "GEN-15-1").is_empty());
        t.payloads[0].items.files[0].version = Some("".into());
        assert_eq!(nist(&t, "GEN-15-2"), ["SoftwareIdentity/Payload/File@version"]);
    }

    #[test]
    fn gen_14_2_a_size_kept_blank() {
        // A decoder keeping invalid values keeps `size=""` as an unqualified attribute.
        let mut t = baseline();
        t.payloads[0].items.files[0].size = None;
        t.payloads[0].items.files[0].extensions.attributes.push(ForeignAttribute::new(None, "size", ""));
        assert_eq!(nist(&t, "GEN-14-2"), ["SoftwareIdentity/Payload/File@size"]);
        // The attribute is there: GEN-14-1 holds.
        assert!(nist(&t, "GEN-14-1").is_empty());
        assert_eq!(nist(&t, "swid-integer"), ["SoftwareIdentity/Payload/File@size"]);
        t.payloads[0].items.files[0].extensions.attributes[0].value = " ".into();
        assert_eq!(nist(&t, "GEN-14-2"), ["SoftwareIdentity/Payload/File@size"]);
        // Not an integer, but not blank: swid-integer's, not GEN-14-2's.
        t.payloads[0].items.files[0].extensions.attributes[0].value = "ten".into();
        assert!(nist(&t, "GEN-14-2").is_empty() && nist(&t, "GEN-14-1").is_empty());
        assert!(nist(&baseline(), "GEN-14-2").is_empty());
    }

    #[test]
    fn gen_1_1_schema_valid() {
        assert!(nist(&baseline(), "GEN-1-1").is_empty());
        let mut t = baseline();
        t.entities[0].lang = Some("en_GB".into());
        t.links.push(Link::new("not a uri", Rel::SeeAlso));
        t.payloads[0].items.files[0].extensions.attributes.push(ForeignAttribute::new(None, "key", "yes"));
        assert_eq!(nist(&t, "GEN-1-1"), ["SoftwareIdentity"]);
        let r = validate(&t, &Profile::nistir8060());
        let f = r.of_rule("GEN-1-1").next().expect("GEN-1-1");
        assert_eq!(f.severity, Severity::Error);
        // It cites the rules and the first path (a warning such as swid-uri is no schema error).
        assert!(f.message.contains("swid-language, swid-boolean") && !f.message.contains("swid-uri"), "{f}");
        assert!(f.message.contains("SoftwareIdentity/Entity@xml:lang"), "{f}");
        // Only the NISTIR profile has it; the ISO rules turned off, nothing is left to fail it.
        assert!(hits(&t, &Profile::iso(), "GEN-1-1").is_empty());
        let p = Profile::nistir8060().disable("swid-language").disable("swid-boolean");
        assert!(hits(&t, &p, "GEN-1-1").is_empty());
        // An ISO requirement that is no structure or type rule does not fail it.
        let mut t = baseline();
        t.entities.push(Entity::new("Other", [Role::TagCreator]).with_regid("other.example"));
        assert!(!nist(&t, "swid-tag-creator-regid").is_empty());
        assert!(nist(&t, "GEN-1-1").is_empty());
    }

    #[test]
    fn conditional_musts_are_errors() {
        for id in ["GEN-15-1", "COR-2-1", "PRI-2-1", "PRI-4-1"] {
            assert_eq!(crate::validate::rule(id).map(|r| r.severity), Some(Severity::Error), "{id}");
        }
    }

    #[test]
    fn gen_16_to_20_hashes() {
        let mut t = baseline();
        t.payloads[0].items.files[0].hashes = vec![HashEntry::new(HashAlgorithm::Md5, vec![0; 16])];
        assert_eq!(nist(&t, "GEN-19-1"), ["SoftwareIdentity/Payload/File@hash"]);
        assert_eq!(nist(&t, "GEN-18-1"), ["SoftwareIdentity/Payload/File@hash"]);
        assert!(nist(&t, "GEN-16-1").is_empty());
        t.payloads[0].items.files[0].hashes = vec![
            HashEntry::new(HashAlgorithm::Sha1, vec![0; 20]),
            HashEntry::new(HashAlgorithm::Sha224, vec![0; 28]),
            HashEntry::new(HashAlgorithm::Ripemd160, vec![0; 20]),
            HashEntry::new(HashAlgorithm::Sha256, vec![0; 31]),
        ];
        for rule in ["GEN-18-2", "GEN-18-3", "GEN-18-4", "GEN-19-2"] {
            assert_eq!(nist(&t, rule), ["SoftwareIdentity/Payload/File@hash"], "{rule}");
        }
        t.payloads[0].items.files[0].hashes.clear();
        assert_eq!(nist(&t, "GEN-16-1"), ["SoftwareIdentity/Payload/File@hash"]);
        // No SHA-256 hash gives no valid one either, as in NIST's checker.
        assert_eq!(nist(&t, "GEN-19-1"), ["SoftwareIdentity/Payload/File@hash"]);
        assert_eq!(nist(&t, "GEN-19-2"), ["SoftwareIdentity/Payload/File@hash"]);
        // A SHA-256 hash kept because it is not hex is there (GEN-16-1, GEN-19-1) but not valid.
        let sha256 = HashAlgorithm::Sha256.xml_namespace();
        let f = &mut t.payloads[0].items.files[0];
        f.extensions.attributes.push(ForeignAttribute::new(sha256, "hash", "xyz"));
        assert!(nist(&t, "GEN-16-1").is_empty() && nist(&t, "GEN-19-1").is_empty());
        assert_eq!(nist(&t, "GEN-19-2"), ["SoftwareIdentity/Payload/File@hash"]);
        assert!(nist(&baseline(), "GEN-19-1").is_empty() && nist(&baseline(), "GEN-19-2").is_empty());
        let mut t = non_authoritative(baseline());
        assert!(nist(&t, "GEN-17-1").is_empty() && nist(&t, "GEN-20-1").is_empty());
        t.evidences[0].items.files[0].hashes.clear();
        assert_eq!(nist(&t, "GEN-17-1"), ["SoftwareIdentity/Evidence/File@hash"]);
        assert_eq!(nist(&t, "GEN-20-1"), ["SoftwareIdentity/Evidence/File@hash"]);
        // Authoritative rules are not applied to a non-authoritative tag.
        assert!(nist(&t, "GEN-16-1").is_empty());
    }

    #[test]
    fn gen_22_to_24_path_attributes() {
        let mut t = baseline();
        t.payloads[0].extensions.attributes.clear();
        assert_eq!(nist(&t, "GEN-22-1"), ["SoftwareIdentity/Payload@n8060:pathSeparator"]);
        assert_eq!(nist(&t, "GEN-23-1"), ["SoftwareIdentity/Payload@n8060:envVarPrefix"]);
        assert_eq!(nist(&t, "GEN-24-1"), ["SoftwareIdentity/Payload@n8060:envVarSuffix"]);
        for name in ["pathSeparator", "envVarPrefix", "envVarSuffix"] {
            t.payloads[0].extensions.attributes.push(ForeignAttribute::new(Some(ns::N8060), name, ""));
        }
        assert_eq!(nist(&t, "GEN-22-2"), ["SoftwareIdentity/Payload@n8060:pathSeparator"]);
        assert_eq!(nist(&t, "GEN-23-2"), ["SoftwareIdentity/Payload@n8060:envVarPrefix"]);
        // White space only is blank too.
        for a in &mut t.payloads[0].extensions.attributes {
            a.value = " ".into();
        }
        assert_eq!(nist(&t, "GEN-22-2"), ["SoftwareIdentity/Payload@n8060:pathSeparator"]);
        assert_eq!(nist(&t, "GEN-23-2"), ["SoftwareIdentity/Payload@n8060:envVarPrefix"]);
        assert!(nist(&baseline(), "GEN-22-2").is_empty() && nist(&baseline(), "GEN-23-2").is_empty());
        // An empty suffix is what POSIX variables have.
        let r = validate(&t, &Profile::nistir8060());
        assert!(r.findings.iter().all(|f| !f.rule.starts_with("GEN-24")), "{r}");
    }

    #[test]
    fn corpus_rules() {
        let mut t = baseline();
        t.corpus = Some(true);
        assert!(["COR-1-1", "COR-2-1", "COR-3-1", "COR-4-1", "COR-4-2"].iter().all(|r| nist(&t, r).is_empty()));
        t.version_scheme = None;
        assert_eq!(nist(&t, "COR-3-1"), ["SoftwareIdentity@versionScheme"]);
        t.version = None;
        assert_eq!(nist(&t, "COR-2-1"), ["SoftwareIdentity@version"]);
        let r = validate(&t, &Profile::nistir8060());
        assert_eq!(r.of_rule("COR-2-1").next().map(|f| f.severity), Some(Severity::Error));
        t.version = Some(" ".into());
        assert_eq!(nist(&t, "COR-2-2"), ["SoftwareIdentity@version"]);
        t.evidences.push(Evidence::default());
        assert_eq!(nist(&t, "COR-4-2"), ["SoftwareIdentity/Evidence"]);
        t.payloads.clear();
        assert_eq!(nist(&t, "COR-4-1"), ["SoftwareIdentity"]);
        // Forced to corpus, a tag that is not one breaks COR-1-1.
        let p = Profile::nistir8060().tag_type(Some(TagType::Corpus));
        assert_eq!(hits(&baseline(), &p, "COR-1-1"), ["SoftwareIdentity@corpus"]);
        let mut t = baseline();
        t.patch = Some(true);
        t.supplemental = Some(true);
        assert_eq!(hits(&t, &p, "COR-1-2"), ["SoftwareIdentity@patch"]);
        assert_eq!(hits(&t, &p, "COR-1-3"), ["SoftwareIdentity@supplemental"]);
    }

    #[test]
    fn primary_rules() {
        let p = Profile::nistir8060().tag_type(Some(TagType::Primary));
        let mut t = baseline();
        t.corpus = Some(true);
        t.patch = Some(true);
        t.supplemental = Some(true);
        assert_eq!(hits(&t, &p, "PRI-1-1"), ["SoftwareIdentity@corpus"]);
        assert_eq!(hits(&t, &p, "PRI-1-2"), ["SoftwareIdentity@patch"]);
        assert_eq!(hits(&t, &p, "PRI-1-3"), ["SoftwareIdentity@supplemental"]);
        let mut t = baseline();
        t.version_scheme = None;
        assert_eq!(nist(&t, "PRI-3-1"), ["SoftwareIdentity@versionScheme"]);
        t.version = None;
        assert_eq!(nist(&t, "PRI-2-1"), ["SoftwareIdentity@version"]);
        t.version = Some("".into());
        assert_eq!(nist(&t, "PRI-2-2"), ["SoftwareIdentity@version"]);
        let mut t = baseline();
        t.evidences.push(Evidence::default());
        assert_eq!(nist(&t, "PRI-6-2"), ["SoftwareIdentity/Evidence"]);
        assert_eq!(nist(&t, "PRI-8-1"), ["SoftwareIdentity/Evidence"]);
        t.payloads.clear();
        assert_eq!(nist(&t, "PRI-6-1"), ["SoftwareIdentity"]);
        let mut t = non_authoritative(baseline());
        t.version_scheme = Some(VersionScheme::Other("".into()));
        assert_eq!(nist(&t, "PRI-5-2"), ["SoftwareIdentity@versionScheme"]);
        t.version = None;
        assert_eq!(nist(&t, "PRI-4-1"), ["SoftwareIdentity@version"]);
        t.version = Some(" ".into());
        assert_eq!(nist(&t, "PRI-4-2"), ["SoftwareIdentity@version"]);
        t.version = Some("1".into());
        t.version_scheme = None;
        assert_eq!(nist(&t, "PRI-5-1"), ["SoftwareIdentity@versionScheme"]);
        t.payloads.push(payload());
        assert_eq!(nist(&t, "PRI-7-2"), ["SoftwareIdentity/Payload"]);
        t.evidences.clear();
        assert_eq!(nist(&t, "PRI-7-1"), ["SoftwareIdentity"]);
    }

    #[test]
    fn pri_13_meta_attributes_may_be_spread() {
        let mut t = baseline();
        t.metas[0].edition = None;
        assert_eq!(nist(&t, "PRI-13-5"), ["SoftwareIdentity/Meta@edition"]);
        // Another Meta giving it satisfies the rule (NIST's checker wants all four on every Meta).
        t.metas.push(SoftwareMeta { edition: Some("Pro".into()), ..SoftwareMeta::default() });
        assert!(["PRI-13-2", "PRI-13-3", "PRI-13-4", "PRI-13-5"].iter().all(|r| nist(&t, r).is_empty()));
        t.metas.clear();
        assert_eq!(nist(&t, "PRI-13-1"), ["SoftwareIdentity"]);
        assert!(nist(&t, "PRI-13-2").is_empty());
    }

    #[test]
    fn patch_flags_pass() {
        let mut t = baseline();
        t.patch = Some(true);
        t.corpus = Some(false);
        t.links.push(Link::new("swid:example.com-example-0.9", Rel::Patches));
        assert_eq!(crate::validate::assess(&t).tag_type, TagType::Patch);
        assert!(["PAT-1-1", "PAT-1-2", "PAT-1-3"].iter().all(|r| nist(&t, r).is_empty()));
    }

    #[test]
    fn patch_rules() {
        let mut t = baseline();
        t.patch = Some(true);
        t.corpus = Some(true);
        t.supplemental = Some(true);
        assert_eq!(nist(&t, "PAT-1-1"), ["SoftwareIdentity@corpus"]);
        assert_eq!(nist(&t, "PAT-1-3"), ["SoftwareIdentity@supplemental"]);
        assert!(nist(&t, "PAT-1-2").is_empty());
        assert_eq!(
            hits(&baseline(), &Profile::nistir8060().tag_type(Some(TagType::Patch)), "PAT-1-2"),
            ["SoftwareIdentity@patch"]
        );
        assert_eq!(nist(&t, "PAT-3-1"), ["SoftwareIdentity/Payload/File@n8060:patchEvent"]);
        let f = &mut t.payloads[0].items.files[0];
        f.extensions.attributes.push(ForeignAttribute::new(Some(ns::N8060), "patchEvent", "modify"));
        assert!(nist(&t, "PAT-3-1").is_empty());
        // NIST's extension schema says `update`; the guideline says `modify`.
        t.payloads[0].items.files[0].extensions.attributes[0].value = "update".into();
        let r = validate(&t, &Profile::nistir8060());
        let f = r.of_rule("PAT-3-1").next().expect("a finding");
        assert!(f.message.contains("\"update\""), "{f}");
        let mut t = non_authoritative(baseline());
        t.patch = Some(true);
        assert!(nist(&t, "PAT-4-1").is_empty());
        t.evidences[0].items.files.clear();
        assert_eq!(nist(&t, "PAT-4-1"), ["SoftwareIdentity"]);
    }

    #[test]
    fn supplemental_rules() {
        let mut t = baseline();
        t.supplemental = Some(true);
        // No supplemental link at all: none with a swid: href either.
        assert_eq!(nist(&t, "SUP-2-1"), ["SoftwareIdentity"]);
        assert_eq!(nist(&t, "SUP-2-2"), ["SoftwareIdentity"]);
        t.links.push(Link::new("https://example.com/base", Rel::Supplemental));
        assert!(nist(&t, "SUP-2-1").is_empty());
        assert_eq!(nist(&t, "SUP-2-2"), ["SoftwareIdentity"]);
        // One supplemental link with a swid: href is what the catalog asks; another with https:
        // does not break it (NIST's checker fails it).
        t.links.push(Link::new("swid:example.com-example-1.0", Rel::Supplemental));
        assert!(nist(&t, "SUP-2-1").is_empty() && nist(&t, "SUP-2-2").is_empty());
        assert!(["SUP-1-1", "SUP-1-2", "SUP-1-3"].iter().all(|r| nist(&t, r).is_empty()));
        t.corpus = Some(true);
        assert_eq!(nist(&t, "SUP-1-1"), ["SoftwareIdentity@corpus"]);
        let p = Profile::nistir8060().tag_type(Some(TagType::Supplemental));
        let mut t = baseline();
        t.patch = Some(true);
        assert_eq!(hits(&t, &p, "SUP-1-2"), ["SoftwareIdentity@patch"]);
        assert_eq!(hits(&t, &p, "SUP-1-3"), ["SoftwareIdentity@supplemental"]);
        t.links.push(Link::new("swidpath://SoftwareIdentity[@tagId='x']", Rel::Supplemental));
        assert!(hits(&t, &p, "SUP-2-2").is_empty());
    }
}
