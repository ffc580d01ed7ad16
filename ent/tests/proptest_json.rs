//! Any model value survives JSON: model → JSON → model is the identity.

#![cfg(feature = "json")]
#![allow(clippy::expect_used, clippy::unwrap_used)]

use iso19770_core::DateTime;
use iso19770_core::cbor::{CborEntry, CborValue};
use iso19770_ent::{
    AccessBy, CoreFactor, Cost, CostBasis, Decimal, Ent, EntitledProduct, Entity, Environment, Extensions, Limitation,
    Link, Meta, Metric, Parameter, PvuRating, Quantity, Rel, Right, Role, Term, TermKind, VersionRange,
};
use proptest::collection::vec;
use proptest::option::of;
use proptest::prelude::*;

fn text() -> impl Strategy<Value = String> {
    "[a-zA-Z0-9 ._:/é-]{0,12}"
}

fn decimal() -> impl Strategy<Value = Decimal> {
    (any::<i64>(), 0u32..=12).prop_map(|(m, scale)| Decimal::new(m, scale))
}

fn date() -> impl Strategy<Value = DateTime> {
    prop_oneof![
        (-100_000_000_000i64..100_000_000_000).prop_map(DateTime::from_unix_seconds),
        text().prop_map(DateTime::new),
    ]
}

/// A name of an open vocabulary: a known one, or another.
fn open(known: &'static [&'static str]) -> impl Strategy<Value = String> {
    prop_oneof![proptest::sample::select(known).prop_map(str::to_owned), "x-[a-z]{1,8}"]
}

fn params() -> impl Strategy<Value = Vec<Parameter>> {
    vec((text(), text()).prop_map(|(n, v)| Parameter::new(n, v)), 0..3)
}

/// Unknown members: names that are no field of the object they are in.
fn extensions() -> impl Strategy<Value = Extensions> {
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
        ext
    })
}

fn metric() -> impl Strategy<Value = Metric> {
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

fn right() -> impl Strategy<Value = Right> {
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

fn limitation() -> impl Strategy<Value = Limitation> {
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

fn entity() -> impl Strategy<Value = Entity> {
    (text(), of(text()), vec(open(Role::KNOWN).prop_map(|n| Role::from(n.as_str())), 0..3), extensions())
        .prop_map(|(name, regid, roles, extensions)| Entity { name, regid, roles, extensions })
}

fn link() -> impl Strategy<Value = Link> {
    (text(), open(Rel::KNOWN).prop_map(|n| Rel::from(n.as_str())), of(text()), extensions())
        .prop_map(|(href, rel, media_type, extensions)| Link { href, rel, media_type, extensions })
}

fn meta() -> impl Strategy<Value = Meta> {
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

fn product() -> impl Strategy<Value = EntitledProduct> {
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

fn term() -> impl Strategy<Value = Term> {
    (open(TermKind::KNOWN).prop_map(|n| TermKind::from(n.as_str())), of(date()), of(date()))
        .prop_map(|(kind, start, end)| Term { kind, start, end })
}

fn cost() -> impl Strategy<Value = Cost> {
    (decimal(), "[A-Z]{3}", prop_oneof![Just(CostBasis::Total), Just(CostBasis::PerUnit), Just(CostBasis::PerPeriod)])
        .prop_map(|(amount, currency, basis)| Cost { amount, currency, basis })
}

fn ent() -> impl Strategy<Value = Ent> {
    let head = (text(), of(text()), of(any::<u32>()), of(text()), of(text()));
    let parts = (vec(entity(), 0..3), vec(link(), 0..2), vec(meta(), 0..2), vec(product(), 0..2));
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

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn json_round_trip(ent in ent()) {
        let json = ent.to_json_string().unwrap();
        let back = Ent::from_json_str(&json).unwrap();
        prop_assert_eq!(&back, &ent);
        // The scale of every decimal is kept too: writing again gives the same text.
        prop_assert_eq!(back.to_json_string().unwrap(), json);
    }

    #[test]
    fn validation_never_panics(ent in ent()) {
        let _ = iso19770_ent::validate::validate(&ent);
    }

    #[test]
    fn decoding_arbitrary_text_never_panics(s in "\\PC{0,64}") {
        let _ = Ent::from_json_str(&s);
    }
}
