//! proptest strategies for the model: `tag(Profile::Any)` covers everything the XML codec must
//! carry unchanged; `tag(Profile::Xsd)` stays inside what the official XSD accepts, so that its
//! encodings can be handed to `xsd-check`.

#![allow(dead_code, unreachable_pub, clippy::expect_used, clippy::unwrap_used)]

use iso19770_core::cbor::{CborEntry, CborValue};
use iso19770_core::{DateTime, Extensions, ForeignAttribute, ForeignElement, Label, NamespaceBinding};
use iso19770_swid::{
    Directory, Entity, Evidence, File, HashAlgorithm, HashEntry, Link, Meta, Ownership, Payload, Process, Rel,
    Resource, ResourceCollection, Role, SoftwareIdentity, SoftwareMeta, TagId, Text, Use, VersionScheme,
};
use proptest::collection::vec;
use proptest::option::of;
use proptest::prelude::*;

/// Which tags to generate.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Profile {
    /// Anything the model holds that XML can carry.
    Any,
    /// Only what the official XSD accepts.
    Xsd,
}

/// Text with any character XML 1.0 can carry, markup characters and white space included.
pub fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => "[a-zA-Z0-9 ._/:-]{0,12}",
        1 => "[<>&\"'\t\n\r =]{0,6}",
        1 => "\\PC{0,8}",
        1 => "[\u{E000}-\u{FFFD}\u{10000}-\u{10FFFF}]{0,3}",
    ]
}

/// An `NMTOKEN`-like token, not a registered name of any registry.
fn token() -> impl Strategy<Value = String> {
    "x-[a-z0-9.-]{1,8}"
}

fn uri() -> impl Strategy<Value = Text> {
    "(https://|swid:|urn:)[a-z0-9.-]{1,12}(/[a-z0-9]{0,6})?".prop_map(Text::from)
}

fn lang() -> impl Strategy<Value = Text> {
    "[a-z]{2,3}(-[A-Z]{2})?".prop_map(Text::from)
}

fn date_time() -> impl Strategy<Value = String> {
    "20[0-9]{2}-(0[1-9]|1[0-2])-(0[1-9]|1[0-9]|2[0-8])T([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](Z|[+-]0[0-9]:00)?"
}

fn role() -> impl Strategy<Value = Role> {
    prop_oneof![4 => proptest::sample::select(Role::KNOWN.to_vec()), 1 => token().prop_map(|t| Role::from_name(&t))]
}

fn rel() -> impl Strategy<Value = Rel> {
    prop_oneof![4 => proptest::sample::select(Rel::KNOWN.to_vec()), 1 => token().prop_map(|t| Rel::from_name(&t))]
}

fn ownership(p: Profile) -> BoxedStrategy<Ownership> {
    let known = proptest::sample::select(Ownership::KNOWN.to_vec());
    match p {
        Profile::Xsd => known.boxed(),
        Profile::Any => prop_oneof![3 => known, 1 => token().prop_map(|t| Ownership::from_name(&t))].boxed(),
    }
}

fn r#use(p: Profile) -> BoxedStrategy<Use> {
    let known = proptest::sample::select(Use::KNOWN.to_vec());
    match p {
        Profile::Xsd => known.boxed(),
        Profile::Any => prop_oneof![3 => known, 1 => token().prop_map(|t| Use::from_name(&t))].boxed(),
    }
}

fn version_scheme(p: Profile) -> BoxedStrategy<VersionScheme> {
    // The XSD's NMTOKEN rejects its own `multipartnumeric+suffix`.
    let known: Vec<VersionScheme> = VersionScheme::KNOWN
        .iter()
        .filter(|v| p == Profile::Any || **v != VersionScheme::MultipartNumericSuffix)
        .cloned()
        .collect();
    prop_oneof![3 => proptest::sample::select(known), 1 => token().prop_map(|t| VersionScheme::from_name(&t))].boxed()
}

fn hash() -> impl Strategy<Value = HashEntry> {
    let algorithms: Vec<HashAlgorithm> = [
        HashAlgorithm::Sha256,
        HashAlgorithm::Sha384,
        HashAlgorithm::Sha512,
        HashAlgorithm::Sha3_256,
        HashAlgorithm::Md5,
    ]
    .to_vec();
    (proptest::sample::select(algorithms), vec(any::<u8>(), 0..=64)).prop_map(|(a, d)| HashEntry::new(a, d))
}

/// Namespaces for extension attributes and elements.
const FOREIGN_NS: &[&str] = &["urn:example:a", "urn:example:b", "http://csrc.nist.gov/ns/swid/2015-extensions/1.0"];

/// Extension attributes: `qualified_only` for the XSD's `##other` slots; unqualified names never
/// collide with the schema's.
fn foreign_attributes(qualified_only: bool) -> impl Strategy<Value = Vec<ForeignAttribute>> {
    let namespace = if qualified_only {
        proptest::sample::select(FOREIGN_NS.iter().map(|n| Some((*n).to_owned())).collect::<Vec<_>>()).boxed()
    } else {
        prop_oneof![
            3 => proptest::sample::select(FOREIGN_NS.iter().map(|n| Some((*n).to_owned())).collect::<Vec<_>>()),
            1 => Just(None),
        ]
        .boxed()
    };
    vec((namespace, "ext[A-Z][a-z]{0,4}", of("[a-z]{1,4}"), text()), 0..3).prop_map(|attrs| {
        let mut out: Vec<ForeignAttribute> = Vec::new();
        for (namespace, name, prefix, value) in attrs {
            if out.iter().any(|a| a.namespace.as_deref() == namespace.as_deref() && a.name == name) {
                continue;
            }
            let mut a = ForeignAttribute::new(namespace.as_deref(), name, value);
            // Unqualified attributes have no prefix to prefer.
            a.prefix = prefix.filter(|_| a.namespace.is_some()).map(|p| format!("p{p}").into());
            out.push(a);
        }
        out
    })
}

/// Extension elements: self-contained, relying on an outside prefix, or (not for the XSD's
/// `##other`) unqualified.
fn foreign_elements(p: Profile) -> impl Strategy<Value = Vec<ForeignElement>> {
    let qualified = prop_oneof![
        ("[a-z]{1,6}", "[a-z]{0,8}").prop_map(|(name, body)| ForeignElement::new(
            Some("urn:example:v"),
            name.clone(),
            format!("<v:{name} xmlns:v=\"urn:example:v\" v:a=\"1\">{body}<v:inner/></v:{name}>")
        )),
        "[a-z]{1,6}".prop_map(|name| ForeignElement::new(Some("urn:example:w"), name.clone(), format!("<w:{name}/>"))
            .with_namespaces([NamespaceBinding::new(Some("w"), "urn:example:w")])),
    ];
    let unqualified = "[a-z]{1,6}".prop_map(|name| {
        ForeignElement::new(None, name.clone(), format!("<{name}>t</{name}>"))
            .with_namespaces([NamespaceBinding::new(None, "")])
    });
    match p {
        Profile::Xsd => vec(qualified.boxed(), 0..3).boxed(),
        Profile::Any => vec(prop_oneof![2 => qualified, 1 => unqualified].boxed(), 0..3).boxed(),
    }
}

fn extensions(p: Profile, qualified_only: bool, elements: bool) -> impl Strategy<Value = Extensions> {
    let elements = if elements { foreign_elements(p).boxed() } else { Just(Vec::new()).boxed() };
    (foreign_attributes(qualified_only), elements).prop_map(|(attributes, elements)| Extensions {
        attributes,
        elements,
        entries: Vec::new(),
    })
}

/// Text for string attributes (`xs:string` takes any XML character, in both profiles).
fn string(_p: Profile) -> BoxedStrategy<Text> {
    text().prop_map(Text::from).boxed()
}

fn meta(p: Profile) -> impl Strategy<Value = Meta> {
    (of(lang()), extensions(p, false, p == Profile::Any)).prop_map(|(lang, extensions)| Meta {
        lang,
        extensions,
        ..Meta::default()
    })
}

fn entity(p: Profile) -> impl Strategy<Value = Entity> {
    let roles = if p == Profile::Xsd { vec(role(), 1..3).boxed() } else { vec(role(), 0..3).boxed() };
    (
        string(p),
        of(uri()),
        roles,
        of(vec(any::<u8>(), 0..20).prop_map(|d| HashEntry::new(HashAlgorithm::Unknown, d))),
        of(lang()),
        vec(meta(p), 0..2),
        extensions(p, true, p == Profile::Any),
    )
        .prop_map(|(name, regid, roles, thumbprint, lang, metas, extensions)| Entity {
            name: Some(name),
            regid,
            roles,
            thumbprint,
            lang,
            metas,
            extensions,
            ..Entity::default()
        })
}

fn link(p: Profile) -> impl Strategy<Value = Link> {
    (
        (
            uri(),
            rel(),
            of(string(p)),
            of(string(p)),
            of(ownership(p)),
            of("[a-z]+/[a-z+.-]{1,10}".prop_map(Text::from)),
            of(r#use(p)),
        ),
        of(lang()),
        extensions(p, true, p == Profile::Any),
    )
        .prop_map(|((href, rel, artifact, media, ownership, media_type, r#use), lang, extensions)| Link {
            href: Some(href),
            rel: Some(rel),
            artifact,
            media,
            ownership,
            media_type,
            r#use,
            lang,
            extensions,
            ..Link::default()
        })
}

fn software_meta(p: Profile) -> impl Strategy<Value = SoftwareMeta> {
    (
        (of(string(p)), of(string(p)), of(string(p)), of(string(p)), of(string(p)), of(any::<bool>())),
        (of(string(p)), of(string(p)), of(string(p)), of(string(p)), of(string(p)), of(string(p))),
        (of(string(p)), of(string(p)), of(string(p))),
        of(lang()),
        extensions(p, false, p == Profile::Any),
    )
        .prop_map(|((a, b, c, d, e, f), (g, h, i, j, k, l), (m, n, o), lang, extensions)| SoftwareMeta {
            activation_status: a,
            channel_type: b,
            colloquial_version: c,
            description: d,
            edition: e,
            entitlement_data_required: f,
            entitlement_key: g,
            generator: h.map(|t| TagId::Text(t.into())),
            persistent_id: i,
            product: j,
            product_family: k,
            revision: l,
            summary: m,
            unspsc_code: n,
            unspsc_version: o,
            lang,
            extensions,
            ..SoftwareMeta::default()
        })
}

fn file(p: Profile) -> impl Strategy<Value = File> {
    (
        (string(p), of(any::<bool>()), of(string(p)), of(string(p)), of(any::<u64>()), of(string(p))),
        vec(hash(), 0..3),
        of(lang()),
        extensions(p, false, p == Profile::Any),
    )
        .prop_map(|((name, key, location, root, size, version), hashes, lang, extensions)| {
            let mut hashes: Vec<HashEntry> = hashes;
            // One hash per algorithm: two would be the same attribute.
            let mut seen = Vec::new();
            hashes.retain(|h| {
                let fresh = !seen.contains(&h.algorithm);
                seen.push(h.algorithm);
                fresh
            });
            File { name: Some(name), key, location, root, size, version, hashes, lang, extensions, ..File::default() }
        })
}

fn directory(p: Profile) -> impl Strategy<Value = Directory> {
    let leaf = (string(p), of(any::<bool>()), of(string(p)), of(string(p)), vec(file(p), 0..3), of(lang())).prop_map(
        |(name, key, location, root, files, lang)| Directory {
            name: Some(name),
            key,
            location,
            root,
            files,
            lang,
            ..Directory::default()
        },
    );
    leaf.prop_recursive(3, 12, 3, move |inner| {
        (string(p), vec(inner, 0..3), vec(file(p), 0..3), extensions(p, false, p == Profile::Any)).prop_map(
            |(name, directories, files, extensions)| Directory {
                name: Some(name),
                directories,
                files,
                extensions,
                ..Directory::default()
            },
        )
    })
}

fn process(p: Profile) -> impl Strategy<Value = Process> {
    (string(p), of(any::<i64>()), of(lang()), extensions(p, false, p == Profile::Any)).prop_map(
        |(name, pid, lang, extensions)| Process { name: Some(name), pid, lang, extensions, ..Process::default() },
    )
}

fn resource(p: Profile) -> impl Strategy<Value = Resource> {
    (string(p), of(lang()), extensions(p, false, p == Profile::Any)).prop_map(|(t, lang, extensions)| Resource {
        r#type: Some(t),
        lang,
        extensions,
        ..Resource::default()
    })
}

fn collection(p: Profile) -> impl Strategy<Value = ResourceCollection> {
    (vec(directory(p), 0..3), vec(file(p), 0..3), vec(process(p), 0..2), vec(resource(p), 0..2)).prop_map(
        |(directories, files, processes, resources)| ResourceCollection { directories, files, processes, resources },
    )
}

fn payload(p: Profile) -> impl Strategy<Value = Payload> {
    (of(lang()), collection(p), extensions(p, true, p == Profile::Any)).prop_map(|(lang, items, extensions)| Payload {
        lang,
        items,
        extensions,
        ..Payload::default()
    })
}

fn evidence(p: Profile) -> impl Strategy<Value = Evidence> {
    (
        of(date_time().prop_map(DateTime::new)),
        of(string(p)),
        of(lang()),
        collection(p),
        extensions(p, true, p == Profile::Any),
    )
        .prop_map(|(date, device_id, lang, items, extensions)| Evidence {
            date,
            device_id,
            lang,
            items,
            extensions,
            ..Evidence::default()
        })
}

/// A whole tag.
pub fn tag(p: Profile) -> impl Strategy<Value = SoftwareIdentity> {
    let (payloads, evidences) = match p {
        Profile::Any => (vec(payload(p), 0..3).boxed(), vec(evidence(p), 0..2).boxed()),
        Profile::Xsd => (vec(payload(p), 0..2).boxed(), vec(evidence(p), 0..2).boxed()),
    };
    (
        (string(p), string(p), of(any::<i64>()), of(string(p)), of(version_scheme(p))),
        (of(any::<bool>()), of(any::<bool>()), of(any::<bool>()), of(string(p)), of(lang())),
        (vec(entity(p), 1..3), vec(link(p), 0..3), vec(software_meta(p), 0..2), payloads, evidences),
        extensions(p, true, true),
    )
        .prop_map(
            |(
                (name, tag_id, tag_version, version, version_scheme),
                (corpus, patch, supplemental, media, lang),
                (entities, links, metas, payloads, evidences),
                extensions,
            )| SoftwareIdentity {
                name: Some(name),
                tag_id: Some(TagId::Text(tag_id.into())),
                tag_version,
                version,
                version_scheme,
                corpus,
                patch,
                supplemental,
                media,
                lang,
                entities,
                links,
                metas,
                payloads,
                evidences,
                extensions,
                ..SoftwareIdentity::default()
            },
        )
}

/// Which of the concise forms a generated tag must go through unchanged.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Concise {
    /// CoSWID CBOR, with any CBOR value at unknown keys (which the decoder keeps).
    Cbor,
    /// CoSWID CBOR that RFC 9393's CDDL accepts: unknown keys hold what its `any-attribute`
    /// allows (`one-or-more<text>` or `one-or-more<int>`).
    Cddl,
    /// The JSON form.
    Json,
}

/// Any text CBOR carries (control characters included).
fn any_text() -> impl Strategy<Value = Text> {
    prop_oneof![3 => "[a-zA-Z0-9 ._/:-]{0,12}", 1 => "\\PC{0,8}", 1 => "[\u{0}-\u{1f}\u{7f}]{0,4}"].prop_map(Text::from)
}

fn any_label() -> impl Strategy<Value = Label> {
    prop_oneof![any::<i64>().prop_map(Label::Int), token().prop_map(Label::Text)]
}

/// A registry value for CBOR/JSON: known, an integer escape (private-use or unassigned), or a
/// text escape.
fn registry<T: Clone + std::fmt::Debug + 'static>(
    known: &'static [T],
    from_label: fn(Label) -> T,
) -> impl Strategy<Value = T> {
    prop_oneof![
        3 => proptest::sample::select(known.to_vec()),
        // RFC 9393 limits `$rel` to -256..64436; the other registries take any integer.
        1 => prop_oneof![(-256i64..=-1), (1000i64..=64436)].prop_map(move |i| from_label(Label::Int(i))),
        1 => token().prop_map(move |t| from_label(Label::Text(t))),
    ]
}

fn tag_id() -> impl Strategy<Value = TagId> {
    prop_oneof![any_text().prop_map(|t| TagId::Text(t.into())), any::<[u8; 16]>().prop_map(TagId::Uuid)]
}

fn cbor_value(json: bool) -> BoxedStrategy<CborValue> {
    let leaf = if json {
        prop_oneof![
            any::<i64>().prop_map(CborValue::integer),
            any_text().prop_map(|t| CborValue::Text(t.into())),
            any::<bool>().prop_map(CborValue::Bool),
            Just(CborValue::Null),
            vec(any::<u8>(), 0..8).prop_map(CborValue::Bytes),
        ]
        .boxed()
    } else {
        prop_oneof![
            any::<u64>().prop_map(CborValue::Unsigned),
            any::<u64>().prop_map(CborValue::Negative),
            any_text().prop_map(|t| CborValue::Text(t.into())),
            vec(any::<u8>(), 0..8).prop_map(CborValue::Bytes),
            any::<bool>().prop_map(CborValue::Bool),
            Just(CborValue::Null),
            Just(CborValue::Undefined),
            (-1.0e9f64..1.0e9).prop_map(CborValue::float),
        ]
        .boxed()
    };
    leaf.prop_recursive(3, 16, 4, move |inner| {
        prop_oneof![
            vec(inner.clone(), 0..4).prop_map(CborValue::Array),
            vec(("[a-z]{1,4}", inner.clone()), 0..4).prop_map(move |entries| {
                // Unique keys, in the order each codec reads them back.
                let mut entries: Vec<(CborValue, CborValue)> =
                    entries.into_iter().map(|(k, v)| (CborValue::Text(k), v)).collect();
                entries.sort_by_key(|(k, _)| encoded(k));
                entries.dedup_by(|a, b| a.0 == b.0);
                CborValue::Map(entries)
            }),
            ((6u64..1000), inner).prop_map(|(t, v)| CborValue::Tag(t, Box::new(v))),
        ]
    })
    .boxed()
}

fn encoded(v: &CborValue) -> Vec<u8> {
    let mut w = iso19770_core::cbor::Writer::new();
    w.value(v);
    w.into_bytes()
}

/// Unknown entries with labels that no CoSWID map knows (58 and up, negative, text), in the
/// order the codec gives them back.
fn entries(concise: Concise) -> impl Strategy<Value = Vec<CborEntry>> {
    let label = prop_oneof![
        (58i64..100_000).prop_map(Label::Int),
        (-1000i64..0).prop_map(Label::Int),
        "x-[a-z]{1,6}".prop_map(Label::Text)
    ];
    let value = match concise {
        Concise::Cddl => any_attribute_value(),
        _ => cbor_value(concise == Concise::Json),
    };
    vec((label, value), 0..3).prop_map(move |mut v| {
        match concise {
            Concise::Cbor | Concise::Cddl => v.sort_by_key(|(l, _)| encoded(&label_value(l))),
            Concise::Json => v.sort_by_key(|(l, _)| l.to_string()),
        }
        v.dedup_by(|a, b| a.0 == b.0);
        v.into_iter().map(|(label, value)| CborEntry { label, value }).collect()
    })
}

/// A value of RFC 9393's `any-attribute`: `one-or-more<text> / one-or-more<int>`, where
/// `one-or-more<T> = T / [ 2* T ]`.
fn any_attribute_value() -> BoxedStrategy<CborValue> {
    prop_oneof![
        any_text().prop_map(|t| CborValue::Text(t.into())),
        any::<i64>().prop_map(CborValue::integer),
        vec(any_text().prop_map(|t| CborValue::Text(t.into())), 2..4).prop_map(CborValue::Array),
        vec(any::<i64>().prop_map(CborValue::integer), 2..4).prop_map(CborValue::Array),
    ]
    .boxed()
}

fn label_value(l: &Label) -> CborValue {
    match l {
        Label::Int(i) => CborValue::integer(*i),
        Label::Text(t) => CborValue::Text(t.clone()),
    }
}

fn concise_ext(concise: Concise) -> impl Strategy<Value = Extensions> {
    entries(concise).prop_map(|entries| Extensions { entries, ..Extensions::default() })
}

fn nist_hash() -> impl Strategy<Value = HashEntry> {
    let alg = prop_oneof![
        proptest::sample::select(vec![
            HashAlgorithm::Sha256,
            HashAlgorithm::Sha384,
            HashAlgorithm::Sha512,
            HashAlgorithm::Sha3_256,
            HashAlgorithm::Sha256_128,
            HashAlgorithm::Unknown
        ]),
        (13i64..1000).prop_map(HashAlgorithm::from_named_information_id),
    ];
    (alg, vec(any::<u8>(), 0..64)).prop_map(|(a, d)| HashEntry::new(a, d))
}

/// An RFC 3986 URI reference, as CoSWID's `any-uri` needs: absolute or relative.
fn uri_reference() -> impl Strategy<Value = Text> {
    prop_oneof![
        "[a-z]{1,8}\\.[a-z]{2,3}",
        "https://[a-z]{1,8}\\.example(:[0-9]{1,4})?/[a-zA-Z0-9._~-]{0,10}(\\?[a-z=&]{0,6})?(#[a-z]{0,4})?",
        "urn:[a-z]{1,5}:[a-zA-Z0-9]{0,8}",
        "swid:[0-9a-f-]{8,36}",
        "/[a-z/]{0,10}(%[0-9A-F]{2})?",
    ]
    .prop_map(Text::from)
}

fn concise_entity(c: Concise) -> impl Strategy<Value = Entity> {
    (
        any_text(),
        of(uri_reference()),
        vec(registry(Role::KNOWN, Role::from_label), 1..3),
        of(nist_hash()),
        of(any_text()),
        concise_ext(c),
    )
        .prop_map(|(name, regid, roles, thumbprint, lang, extensions)| Entity {
            name: Some(name),
            regid,
            roles,
            thumbprint,
            lang,
            extensions,
            ..Entity::default()
        })
}

fn concise_link(c: Concise) -> impl Strategy<Value = Link> {
    (
        (uri_reference(), registry(Rel::KNOWN, Rel::from_label), of(any_text()), of(any_text())),
        (
            of(registry(Ownership::KNOWN, Ownership::from_label)),
            of(any_text()),
            of(registry(Use::KNOWN, Use::from_label)),
        ),
        of(any_text()),
        concise_ext(c),
    )
        .prop_map(|((href, rel, artifact, media), (ownership, media_type, r#use), lang, extensions)| Link {
            href: Some(href),
            rel: Some(rel),
            artifact,
            media,
            ownership,
            media_type,
            r#use,
            lang,
            extensions,
            ..Link::default()
        })
}

fn concise_meta(c: Concise) -> impl Strategy<Value = SoftwareMeta> {
    let t = || of(any_text());
    (
        (t(), t(), t(), t(), t(), of(any::<bool>())),
        (t(), of(tag_id()), t(), t(), t(), t()),
        (t(), t(), t(), t()),
        concise_ext(c),
    )
        .prop_map(|((a, b, c1, d, e, f), (g, h, i, j, k, l), (m, n, o, lang), extensions)| SoftwareMeta {
            activation_status: a,
            channel_type: b,
            colloquial_version: c1,
            description: d,
            edition: e,
            entitlement_data_required: f,
            entitlement_key: g,
            generator: h,
            persistent_id: i,
            product: j,
            product_family: k,
            revision: l,
            summary: m,
            unspsc_code: n,
            unspsc_version: o,
            lang,
            extensions,
            ..SoftwareMeta::default()
        })
}

fn concise_file(c: Concise) -> impl Strategy<Value = File> {
    (
        (any_text(), of(any::<bool>()), of(any_text()), of(any_text()), of(any::<u64>()), of(any_text())),
        of(nist_hash()),
        of(any_text()),
        concise_ext(c),
    )
        .prop_map(|((name, key, location, root, size, version), hash, lang, extensions)| File {
            name: Some(name),
            key,
            location,
            root,
            size,
            version,
            hashes: hash.into_iter().collect(),
            lang,
            extensions,
            ..File::default()
        })
}

fn concise_directory(c: Concise) -> impl Strategy<Value = Directory> {
    let leaf = (any_text(), of(any::<bool>()), of(any_text()), of(any_text()), of(any_text()), concise_ext(c))
        .prop_map(|(name, key, location, root, lang, extensions)| Directory {
            name: Some(name),
            key,
            location,
            root,
            lang,
            extensions,
            ..Directory::default()
        });
    leaf.prop_recursive(3, 10, 3, move |inner| {
        (any_text(), vec(inner, 0..3), vec(concise_file(c), 0..3)).prop_map(|(name, directories, files)| Directory {
            name: Some(name),
            directories,
            files,
            ..Directory::default()
        })
    })
}

fn concise_collection(c: Concise) -> impl Strategy<Value = ResourceCollection> {
    (
        vec(concise_directory(c), 0..3),
        vec(concise_file(c), 0..3),
        vec((any_text(), of(any::<i64>()), of(any_text()), concise_ext(c)), 0..2),
        vec((any_text(), of(any_text()), concise_ext(c)), 0..2),
    )
        .prop_map(|(directories, files, processes, resources)| ResourceCollection {
            directories,
            files,
            processes: processes
                .into_iter()
                .map(|(name, pid, lang, extensions)| Process {
                    name: Some(name),
                    pid,
                    lang,
                    extensions,
                    ..Process::default()
                })
                .collect(),
            resources: resources
                .into_iter()
                .map(|(t, lang, extensions)| Resource { r#type: Some(t), lang, extensions, ..Resource::default() })
                .collect(),
        })
}

/// A tag that CoSWID (or the JSON form) carries exactly.
pub fn concise_tag(c: Concise) -> impl Strategy<Value = SoftwareIdentity> {
    let payload = (of(any_text()), concise_collection(c), concise_ext(c))
        .prop_map(|(lang, items, extensions)| Payload { lang, items, extensions, ..Payload::default() });
    let evidence = (
        of((-62_135_596_800i64..253_402_300_799).prop_map(DateTime::from_unix_seconds)),
        of(any_text()),
        of(any_text()),
        of(any_text()),
        concise_collection(c),
        concise_ext(c),
    )
        .prop_map(|(date, device_id, location, lang, items, extensions)| Evidence {
            date,
            device_id,
            location,
            lang,
            items,
            extensions,
            ..Evidence::default()
        });
    let body = prop_oneof![
        Just((Vec::new(), Vec::new())),
        payload.prop_map(|p| (vec![p], Vec::new())),
        evidence.prop_map(|e| (Vec::new(), vec![e])),
    ];
    (
        (
            tag_id(),
            any_text(),
            any::<i64>(),
            of(any_text()),
            of(registry(VersionScheme::KNOWN, VersionScheme::from_label)),
        ),
        (of(any::<bool>()), of(any::<bool>()), of(any::<bool>()), of(any_text()), of(any_text())),
        (vec(concise_entity(c), 1..3), vec(concise_link(c), 0..3), vec(concise_meta(c), 0..2), body),
        concise_ext(c),
    )
        .prop_map(
            |(
                (tag_id, name, tag_version, version, version_scheme),
                (corpus, patch, supplemental, media, lang),
                (entities, links, metas, (payloads, evidences)),
                extensions,
            )| SoftwareIdentity {
                name: Some(name),
                tag_id: Some(tag_id),
                tag_version: Some(tag_version),
                version,
                version_scheme,
                corpus,
                patch,
                supplemental,
                media,
                lang,
                entities,
                links,
                metas,
                payloads,
                evidences,
                extensions,
                ..SoftwareIdentity::default()
            },
        )
}
