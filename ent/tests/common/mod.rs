//! Model generators shared by the property tests (proptest), and the output folder of the CI.

#![allow(dead_code, unreachable_pub, clippy::expect_used, clippy::unwrap_used)]

use iso19770_core::DateTime;
use iso19770_core::cbor::{CborEntry, CborValue};
use iso19770_ent::{
    AccessBy, CoreFactor, Cost, CostBasis, Decimal, Ent, EntitledProduct, Entity, Environment, Extensions, Limitation,
    Link, Meta, Metric, Parameter, PvuRating, Quantity, Rel, Right, Role, Term, TermKind, VersionRange,
};
use proptest::collection::vec;
use proptest::option::of;
use proptest::prelude::*;
use std::path::PathBuf;

/// A strategy for the `extensions` of an object.
pub type Ext = fn() -> BoxedStrategy<Extensions>;

pub fn text() -> impl Strategy<Value = String> {
    "[a-zA-Z0-9 ._:/é-]{0,12}"
}

pub fn decimal() -> impl Strategy<Value = Decimal> {
    (any::<i64>(), 0u32..=12).prop_map(|(m, scale)| Decimal::new(m, scale))
}

pub fn date() -> impl Strategy<Value = DateTime> {
    prop_oneof![
        (-100_000_000_000i64..100_000_000_000).prop_map(DateTime::from_unix_seconds),
        text().prop_map(DateTime::new),
    ]
}

/// A name of an open vocabulary: a known one, or another.
pub fn open(known: &'static [&'static str]) -> impl Strategy<Value = String> {
    prop_oneof![proptest::sample::select(known).prop_map(str::to_owned), "x-[a-z]{1,8}"]
}

pub fn params() -> impl Strategy<Value = Vec<Parameter>> {
    vec((text(), text()).prop_map(|(n, v)| Parameter::new(n, v)), 0..3)
}

/// Unknown members as JSON has them: text names that are no field of the object they are in.
pub fn json_extensions() -> BoxedStrategy<Extensions> {
    vec(
        (
            "zz[a-z]{1,6}",
            prop_oneof![
                text().prop_map(CborValue::Text),
                any::<u32>().prop_map(|u| CborValue::Unsigned(u.into())),
                any::<bool>().prop_map(CborValue::Bool),
            ],
        ),
        0..2,
    )
    .prop_map(|entries| {
        let mut ext = Extensions::default();
        let mut seen = std::collections::BTreeSet::new();
        for (k, v) in entries {
            if seen.insert(k.clone()) {
                ext.entries.push(CborEntry::new(k, v));
            }
        }
        in_cbor_order(&mut ext);
        ext
    })
    .boxed()
}

pub fn metric() -> impl Strategy<Value = Metric> {
    let n = || of(any::<u32>());
    prop_oneof![
        Just(Metric::PerInstallation),
        Just(Metric::PerDevice),
        n().prop_map(|m| Metric::NamedUser { minimum_per_processor: m }),
        Just(Metric::ConcurrentUser),
        (n(), n(), n()).prop_map(|(a, b, c)| Metric::PerCore {
            minimum_per_processor: a,
            minimum_per_server: b,
            pack_size: c
        }),
        n().prop_map(|c| Metric::PerProcessor { cores_per_licence: c }),
        n().prop_map(|s| Metric::PerSocket { sockets_per_licence: s }),
        (vec((text(), decimal()).prop_map(|(c, f)| CoreFactor::new(c, f)), 0..3), of(decimal()))
            .prop_map(|(core_factors, default_factor)| Metric::ProcessorCoreFactor { core_factors, default_factor }),
        (vec((text(), any::<u32>()).prop_map(|(c, v)| PvuRating::new(c, v)), 0..3), n(), any::<bool>()).prop_map(
            |(pvu_per_core, default_pvu_per_core, sub_capacity)| Metric::ProcessorValueUnit {
                pvu_per_core,
                default_pvu_per_core,
                sub_capacity
            }
        ),
        prop_oneof![Just(AccessBy::User), Just(AccessBy::Device)]
            .prop_map(|access_by| Metric::ClientAccess { access_by }),
        Just(Metric::Site),
        Just(Metric::Enterprise),
        Just(Metric::Unlimited),
        (text(), of(text())).prop_map(|(unit, period)| Metric::Consumption { unit, period }),
        (text(), params()).prop_map(|(name, params)| Metric::Other { name, params }),
    ]
}

pub fn right() -> impl Strategy<Value = Right> {
    prop_oneof![
        (of(text()), vec(text(), 0..2))
            .prop_map(|(lowest_version, editions)| Right::Downgrade { lowest_version, editions }),
        of(date()).prop_map(|until| Right::Upgrade { until }),
        of(any::<u32>()).prop_map(|copies| Right::SecondUse { copies }),
        any::<u32>().prop_map(|per_licence| Right::MultipleInstalls { per_licence }),
        (of(any::<u32>()), any::<bool>(), any::<bool>()).prop_map(|(v, u, h)| Right::Virtualization {
            vms_per_licence: v,
            unlimited_vms: u,
            host_licensing: h
        }),
        (of(any::<u32>()), any::<bool>())
            .prop_map(|(d, t)| Right::Transfer { minimum_days_between: d, to_third_party: t }),
        (text(), params()).prop_map(|(name, params)| Right::Other { name, params }),
    ]
}

pub fn limitation() -> impl Strategy<Value = Limitation> {
    prop_oneof![
        (of(date()), of(date())).prop_map(|(start, end)| Limitation::Period { start, end }),
        (vec("[A-Z]{2}", 0..3), vec(text(), 0..2))
            .prop_map(|(countries, regions)| Limitation::Geography { countries, regions }),
        vec(open(Environment::KNOWN).prop_map(|n| Environment::from(n.as_str())), 0..3)
            .prop_map(|environments| Limitation::Environment { environments }),
        vec(text(), 0..3).prop_map(|units| Limitation::Organization { units }),
        (text(), params()).prop_map(|(name, params)| Limitation::Other { name, params }),
    ]
}

pub fn entity(extensions: Ext) -> impl Strategy<Value = Entity> {
    (text(), of(text()), vec(open(Role::KNOWN).prop_map(|n| Role::from(n.as_str())), 0..3), extensions())
        .prop_map(|(name, regid, roles, extensions)| Entity { name, regid, roles, extensions })
}

pub fn link(extensions: Ext) -> impl Strategy<Value = Link> {
    (text(), open(Rel::KNOWN).prop_map(|n| Rel::from(n.as_str())), of(text()), extensions())
        .prop_map(|(href, rel, media_type, extensions)| Link { href, rel, media_type, extensions })
}

pub fn meta(extensions: Ext) -> impl Strategy<Value = Meta> {
    (of(text()), of(text()), of(text()), of(text()), of(text()), of(text()), of(text()), of(date()), extensions())
        .prop_map(
            |(
                sku,
                purchase_order,
                purchase_order_line,
                invoice,
                agreement,
                contract,
                agreement_type,
                purchase_date,
                extensions,
            )| {
                Meta {
                    sku,
                    purchase_order,
                    purchase_order_line,
                    invoice,
                    agreement,
                    contract,
                    agreement_type,
                    purchase_date,
                    extensions,
                }
            },
        )
}

pub fn product(extensions: Ext) -> impl Strategy<Value = EntitledProduct> {
    (of(text()), of(text()), of(text()), of(text()), of((of(text()), of(text()))), extensions()).prop_map(
        |(tag_id, regid, product, edition, versions, extensions)| EntitledProduct {
            tag_id,
            regid,
            product,
            edition,
            versions: versions.map(|(from, to)| VersionRange { from, to }),
            extensions,
        },
    )
}

pub fn term() -> impl Strategy<Value = Term> {
    (open(TermKind::KNOWN).prop_map(|n| TermKind::from(n.as_str())), of(date()), of(date()))
        .prop_map(|(kind, start, end)| Term { kind, start, end })
}

pub fn cost() -> impl Strategy<Value = Cost> {
    (decimal(), "[A-Z]{3}", prop_oneof![Just(CostBasis::Total), Just(CostBasis::PerUnit), Just(CostBasis::PerPeriod)])
        .prop_map(|(amount, currency, basis)| Cost { amount, currency, basis })
}

pub fn ent(extensions: Ext) -> impl Strategy<Value = Ent> {
    let head = (text(), of(text()), of(any::<u32>()), of(text()), of(text()));
    let parts = (
        vec(entity(extensions), 0..3),
        vec(link(extensions), 0..2),
        vec(meta(extensions), 0..2),
        vec(product(extensions), 0..2),
    );
    let quantity = of(prop_oneof![decimal().prop_map(Quantity::Exact), Just(Quantity::Unlimited)]);
    let terms =
        (quantity, of(metric()), vec(right(), 0..3), vec(limitation(), 0..3), vec(term(), 0..2), vec(cost(), 0..2));
    (head, parts, terms, extensions()).prop_map(
        |(
            (ent_id, version, revision, name, lang),
            (entities, links, meta, products),
            (quantity, metric, rights, limitations, terms, costs),
            extensions,
        )| Ent {
            ent_id,
            version,
            revision,
            name,
            lang,
            entities,
            links,
            meta,
            products,
            quantity,
            metric,
            rights,
            limitations,
            terms,
            costs,
            extensions,
        },
    )
}

/// Puts the entries in the order of their encoded CBOR keys, the order a decoder gives them back
/// in from deterministic CBOR (a map has no order of its own; JSON keeps any).
pub fn in_cbor_order(ext: &mut Extensions) {
    ext.entries.sort_by_cached_key(|e| {
        let mut w = iso19770_core::cbor::Writer::new();
        match &e.label {
            iso19770_core::Label::Int(i) => w.integer(*i),
            iso19770_core::Label::Text(t) => w.text(t),
        }
        w.into_bytes()
    });
}

/// Unknown entries as CBOR has them: integer keys beyond the registry's (and negative ones) or text
/// keys, with any kind of value; in the order of their encoded keys, as a decoder gives them back
/// from deterministic CBOR (a CBOR map has no order).
pub fn cbor_extensions() -> BoxedStrategy<Extensions> {
    let label = prop_oneof![
        (100i64..100_000).prop_map(iso19770_core::Label::Int),
        (-1000i64..0).prop_map(iso19770_core::Label::Int),
        "zz[a-z]{1,6}".prop_map(iso19770_core::Label::Text),
    ];
    vec((label, cbor_value()), 0..3)
        .prop_map(|entries| {
            let mut ext = Extensions::default();
            let mut seen = std::collections::BTreeSet::new();
            for (k, v) in entries {
                if seen.insert(k.to_string()) {
                    ext.entries.push(CborEntry::new(k, v));
                }
            }
            in_cbor_order(&mut ext);
            ext
        })
        .boxed()
}

/// Any CBOR value (floats finite, not NaN).
pub fn cbor_value() -> impl Strategy<Value = CborValue> {
    let leaf = prop_oneof![
        any::<u64>().prop_map(CborValue::Unsigned),
        any::<u64>().prop_map(CborValue::Negative),
        vec(any::<u8>(), 0..8).prop_map(CborValue::Bytes),
        text().prop_map(CborValue::Text),
        any::<bool>().prop_map(CborValue::Bool),
        Just(CborValue::Null),
        Just(CborValue::Undefined),
        (-1.0e12f64..1.0e12).prop_map(CborValue::float),
    ];
    leaf.prop_recursive(3, 12, 3, |inner| {
        prop_oneof![
            vec(inner.clone(), 0..3).prop_map(CborValue::Array),
            vec((any::<u8>().prop_map(|u| CborValue::Unsigned(u.into())), inner.clone()), 0..3).prop_map(|entries| {
                // Distinct keys.
                let mut seen = std::collections::BTreeSet::new();
                CborValue::Map(entries.into_iter().filter(|(k, _)| seen.insert(format!("{k:?}"))).collect())
            }),
            (5u64..1000, inner).prop_map(|(t, v)| CborValue::Tag(t, Box::new(v))),
        ]
    })
}

/// A decimal of up to 96 bits, with any scale up to 28.
pub fn wide_decimal() -> impl Strategy<Value = Decimal> {
    (any::<i128>(), 0u32..=28).prop_map(|(m, scale)| {
        let m = m % (1i128 << 96);
        Decimal::try_from_i128_with_scale(m, scale).unwrap()
    })
}

/// The folder `$SWID_XML_OUT/<sub>` (created) when the CI collects encoder output.
pub fn out_dir(sub: &str) -> Option<PathBuf> {
    let base = std::env::var_os("SWID_XML_OUT")?;
    let dir = PathBuf::from(base).join(sub);
    std::fs::create_dir_all(&dir).expect("output folder");
    Some(dir)
}
