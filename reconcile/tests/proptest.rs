//! Invariants of the position over random estates: the order of the input never matters,
//! consumption adds up, every installation is accounted for, quantities are never exceeded except
//! into reported shortfall, and no input makes the engine panic.

#![allow(clippy::expect_used, clippy::unwrap_used)]

use iso19770_core::decimal::Decimal;
use iso19770_ent::{
    AccessBy, CoreFactor, Cost, CostBasis, Ent, EntitledProduct, Metric, PvuRating, Quantity, Right, Term, TermKind,
    VersionRange,
};
use iso19770_reconcile::incremental::{Change, Reconciler};
use iso19770_reconcile::{
    Access, CatalogProduct, Device, Input, Installation, Objective, Pin, Position, ProductId, Release, Suite, reconcile,
};
use iso19770_resource_util::{MeasuredAsset, Measurement, Rum};
use proptest::collection::vec;
use proptest::option::of;
use proptest::prelude::*;

const PRODUCTS: [&str; 4] = ["Alpha", "Beta", "Gamma", "Office Suite"];
const USERS: [&str; 4] = ["u0", "u1", "u2", "u3"];
/// Whether the generated ids are made unique (false: duplicate ids too, which are findings and
/// must not make the order of the input matter).
const UNIQUE_IDS: bool = false;

fn device() -> impl Strategy<Value = Device> {
    (
        0u8..6,
        0u8..8,
        1u32..4,
        1u32..33,
        of(prop_oneof![Just("x86"), Just("POWER9"), Just("SPARC")]),
        any::<bool>(),
        of(0usize..4),
        0u8..4,
    )
        .prop_map(|(id, host, processors, cores, class, portable, user, kind)| {
            let id = format!("d{id}");
            let mut d = match kind {
                // A VM on another device, which may be missing or itself a VM.
                0 | 1 => Device::virtual_on(id, format!("d{host}"), processors, cores),
                _ => Device::physical(id, processors, cores),
            };
            d.processor_class = class.map(str::to_owned);
            d.portable = portable;
            d.primary_user = user.map(|u| USERS[u].to_owned());
            d.org_unit = Some(if portable { "sales" } else { "it" }.to_owned());
            d
        })
}

fn installation() -> impl Strategy<Value = Installation> {
    (0u8..40, 0usize..4, of(1u8..4), of(prop_oneof![Just("Standard"), Just("Enterprise")]), 0u8..8, of(0usize..4))
        .prop_map(|(id, p, version, edition, device, user)| {
            let mut product = ProductId::named(PRODUCTS[p]);
            product.version = version.map(|v| format!("{v}.0"));
            product.edition = edition.map(str::to_owned);
            product.tag_id = Some(format!("tag-{p}"));
            let mut i = Installation::new(format!("i{id}"), product, format!("d{device}"));
            i.user = user.map(|u| USERS[u].to_owned());
            i
        })
}

fn metric() -> impl Strategy<Value = Option<Metric>> {
    of(prop_oneof![
        Just(Metric::PerInstallation),
        Just(Metric::PerDevice),
        of(1u32..30).prop_map(|m| Metric::NamedUser { minimum_per_processor: m }),
        Just(Metric::ConcurrentUser),
        (of(1u32..10), of(1u32..20), of(1u32..4)).prop_map(|(p, s, k)| Metric::PerCore {
            minimum_per_processor: p,
            minimum_per_server: s,
            pack_size: k
        }),
        of(0u32..40).prop_map(|c| Metric::PerProcessor { cores_per_licence: c }),
        of(0u32..3).prop_map(|s| Metric::PerSocket { sockets_per_licence: s }),
        Just(Metric::ProcessorCoreFactor {
            core_factors: vec![CoreFactor::new("x86", Decimal::new(5, 1)), CoreFactor::new("POWER9", Decimal::ONE)],
            default_factor: None,
        }),
        any::<bool>().prop_map(|sub| Metric::ProcessorValueUnit {
            pvu_per_core: vec![PvuRating::new("x86", 70)],
            default_pvu_per_core: Some(100),
            sub_capacity: sub,
        }),
        prop_oneof![Just(AccessBy::User), Just(AccessBy::Device)].prop_map(|a| Metric::ClientAccess { access_by: a }),
        Just(Metric::Site),
        Just(Metric::Unlimited),
        Just(Metric::Consumption { unit: "decisions".into(), period: None }),
        Just(Metric::Other { name: "fue".into(), params: vec![] }),
    ])
}

fn right() -> impl Strategy<Value = Right> {
    prop_oneof![
        of(prop_oneof![Just("1.0"), Just("2.0")])
            .prop_map(|v| Right::Downgrade { lowest_version: v.map(str::to_owned), editions: vec![] }),
        of(Just("2025-01-01T00:00:00Z")).prop_map(|u| Right::Upgrade { until: u.map(Into::into) }),
        Just(Right::SecondUse { copies: None }),
        (1u32..4).prop_map(|n| Right::MultipleInstalls { per_licence: n }),
        (of(1u32..4), any::<bool>(), any::<bool>()).prop_map(|(v, u, h)| Right::Virtualization {
            vms_per_licence: v,
            unlimited_vms: u,
            host_licensing: h
        }),
    ]
}

fn ent() -> impl Strategy<Value = Ent> {
    (
        (0u8..8, 0usize..4, of(prop_oneof![Just("Standard"), Just("Enterprise")]), of(1u8..4), any::<bool>()),
        (
            metric(),
            of(prop_oneof![(-3i64..40).prop_map(|q| Quantity::Exact(Decimal::from(q))), Just(Quantity::Unlimited)]),
        ),
        (vec(right(), 0..3), of(0u8..3), of((1i64..500, 0u32..3))),
    )
        .prop_map(|((id, p, edition, version, by_tag), (metric, quantity), (rights, term, cost))| {
            let mut product =
                if by_tag { EntitledProduct::tag(format!("tag-{p}")) } else { EntitledProduct::named(PRODUCTS[p]) };
            product.edition = edition.map(str::to_owned);
            product.versions = version.map(|v| VersionRange::exactly(format!("{v}.0")));
            let mut e = Ent::new(format!("e{id}")).with_product(product);
            e.metric = metric;
            e.quantity = quantity;
            e.rights = rights;
            if let Some(t) = term {
                e.terms.push(match t {
                    0 => Term::new(TermKind::Subscription).from("2020-01-01T00:00:00Z").until("2021-01-01T00:00:00Z"),
                    1 => Term::new(TermKind::Subscription).from("2024-01-01T00:00:00Z").until("2026-01-01T00:00:00Z"),
                    _ => Term::new(TermKind::Maintenance).from("2023-01-01T00:00:00Z").until("2024-06-30T00:00:00Z"),
                });
            }
            if let Some((amount, basis)) = cost {
                let basis = [CostBasis::PerUnit, CostBasis::Total, CostBasis::PerPeriod][basis as usize];
                e.costs.push(Cost::new(Decimal::from(amount), "EUR").with_basis(basis));
            }
            e
        })
}

fn rum() -> impl Strategy<Value = Rum> {
    (0u8..5, 0usize..4, vec((0i64..20, 1i64..6, 1u32..5), 0..5), of(0u8..8)).prop_map(|(id, p, sessions, device)| {
        let mut r = Rum::new(format!("r{id}")).with_asset(MeasuredAsset {
            name: Some(PRODUCTS[p].to_owned()),
            device_id: device.map(|d| format!("d{d}")),
            ..MeasuredAsset::default()
        });
        for (start, len, value) in sessions {
            let s = 1_719_792_000 + start * 3600;
            r.measurements.push(
                Measurement::new(
                    if value % 2 == 0 { "decisions" } else { "PROCESSOR_VALUE_UNIT" },
                    Decimal::from(value),
                )
                .with_period(s, s + len * 3600),
            );
        }
        r
    })
}

fn input() -> impl Strategy<Value = Input> {
    (
        vec(device(), 0..8),
        vec(installation(), 0..14),
        vec(ent(), 0..6),
        vec(rum(), 0..3),
        vec((0usize..4, of(0usize..4), of(0u8..8), of(0u8..8)), 0..4),
        vec((0u8..40, 0u8..8), 0..3),
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(|(devices, installations, entitlements, usage, accesses, pins, duplicates, optimal)| {
            let mut input = Input::new("2024-07-01T00:00:00Z");
            // Both objectives must keep every invariant and ignore the input's order.
            if optimal {
                input.objective = Objective::Optimal;
            }
            let (mut devices, mut installations, mut entitlements) = (devices, installations, entitlements);
            if UNIQUE_IDS {
                let mut seen = std::collections::BTreeSet::new();
                devices.retain(|d| seen.insert(d.id.clone()));
                installations.retain(|i| seen.insert(i.id.clone()));
                entitlements.retain(|e| seen.insert(e.ent_id.clone()));
            }
            input.estate.devices = devices;
            input.installations = installations;
            input.entitlements = entitlements;
            input.usage = usage;
            input.accesses = accesses
                .into_iter()
                .map(|(p, u, d, s)| Access {
                    product: PRODUCTS[p].to_owned(),
                    server: s.map(|s| format!("d{s}")),
                    user: u.map(|u| USERS[u].to_owned()),
                    device: d.map(|d| format!("d{d}")),
                })
                .collect();
            input.pins =
                pins.into_iter().map(|(i, e)| Pin { installation: format!("i{i}"), ent_id: format!("e{e}") }).collect();
            input.catalog.products.push(CatalogProduct {
                product: "Alpha".into(),
                editions: vec!["Standard".into(), "Enterprise".into()],
                releases: (1..4)
                    .map(|v| Release {
                        version: format!("{v}.0"),
                        date: format!("202{v}-06-01T00:00:00Z").as_str().into(),
                    })
                    .collect(),
            });
            input.catalog.suites.push(Suite {
                suite: "Office Suite".into(),
                primary: "Alpha".into(),
                parts: vec!["Beta".into(), "Gamma".into()],
            });
            input.catalog.core_factors.push(CoreFactor::new("x86", Decimal::new(5, 1)));
            if duplicates {
                // Catalog entries given twice (findings), with other contents.
                input.catalog.products.push(CatalogProduct {
                    product: "Alpha".into(),
                    editions: vec!["Enterprise".into(), "Standard".into()],
                    releases: vec![Release { version: "2.0".into(), date: "2030-01-01T00:00:00Z".into() }],
                });
                input.catalog.suites.push(Suite {
                    suite: "Office Suite".into(),
                    primary: "Beta".into(),
                    parts: vec!["Alpha".into()],
                });
                input.catalog.core_factors.push(CoreFactor::new("x86", Decimal::new(25, 2)));
            }
            input
        })
}

/// A deterministic shuffle (Fisher–Yates with a small LCG).
fn shuffle<T>(v: &mut [T], seed: u64) {
    let mut s = seed | 1;
    for i in (1..v.len()).rev() {
        s = s.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        let j = usize::try_from((s >> 33) % (i as u64 + 1)).unwrap();
        v.swap(i, j);
    }
}

fn check_invariants(input: &Input, p: &Position) -> Result<(), TestCaseError> {
    // Every installation (unique ids) is a consumer, covered or listed unlicensed.
    let ids: std::collections::BTreeSet<&str> = input.installations.iter().map(|i| i.id.as_str()).collect();
    prop_assert_eq!(p.consumers.len(), ids.len());
    for c in &p.consumers {
        prop_assert!(ids.contains(c.installation.as_str()));
        prop_assert_eq!(c.covered_by.is_none(), p.unlicensed.contains(&c.installation), "{:?}", c);
        if let Some(e) = &c.covered_by {
            let e = p.entitlement(e).expect("the covering Ent is in the position");
            prop_assert!(
                e.allocations.iter().any(|a| a.installations.contains(&c.installation)),
                "{:?} not in {:?}",
                c,
                e
            );
        }
    }
    for e in &p.entitlements {
        // Consumed is the sum of the allocations.
        let sum: Decimal = e.allocations.iter().map(|a| a.units).sum();
        prop_assert_eq!(sum, e.consumed, "{:?}", e);
        // Never beyond the quantity except into the shortfall.
        if let Some(q) = e.entitled {
            prop_assert_eq!(e.shortfall, (e.consumed - q).max(Decimal::ZERO));
            prop_assert!(e.consumed - e.shortfall <= q);
            prop_assert!(!q.is_sign_negative() || q.is_zero());
        } else {
            prop_assert_eq!(e.shortfall, Decimal::ZERO);
        }
        prop_assert!(!e.consumed.is_sign_negative() || e.consumed.is_zero());
    }
    let mut seen = std::collections::BTreeSet::new();
    for a in p.entitlements.iter().flat_map(|e| e.allocations.iter()) {
        for i in &a.installations {
            prop_assert!(seen.insert(i.clone()), "{} allocated twice", i);
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(384))]

    #[test]
    fn invariants_hold(input in input()) {
        let p = reconcile(&input);
        check_invariants(&input, &p)?;
    }

    #[test]
    fn the_order_of_the_input_never_matters(input in input(), seed in any::<u64>()) {
        let expected = reconcile(&input);
        let mut shuffled = input.clone();
        shuffle(&mut shuffled.estate.devices, seed);
        shuffle(&mut shuffled.installations, seed.rotate_left(7));
        shuffle(&mut shuffled.entitlements, seed.rotate_left(13));
        shuffle(&mut shuffled.usage, seed.rotate_left(19));
        shuffle(&mut shuffled.accesses, seed.rotate_left(23));
        shuffle(&mut shuffled.pins, seed.rotate_left(29));
        shuffle(&mut shuffled.catalog.products, seed.rotate_left(37));
        shuffle(&mut shuffled.catalog.suites, seed.rotate_left(41));
        shuffle(&mut shuffled.catalog.core_factors, seed.rotate_left(43));
        for p in &mut shuffled.catalog.products {
            shuffle(&mut p.releases, seed.rotate_left(47));
        }
        for r in &mut shuffled.usage {
            shuffle(&mut r.measurements, seed.rotate_left(31));
        }
        let got = reconcile(&shuffled);
        prop_assert_eq!(got.to_json_string_pretty(), expected.to_json_string_pretty());
    }
}

/// A change for the incremental property: installations and Ents drawn like the input's, and
/// removals of ids the input may have.
fn change() -> impl Strategy<Value = Change> {
    prop_oneof![
        installation().prop_map(Change::AddInstallation),
        (0u8..40).prop_map(|id| Change::RemoveInstallation(format!("i{id}"))),
        ent().prop_map(|e| Change::SetEntitlement(Box::new(e))),
        (0u8..8).prop_map(|id| Change::RemoveEntitlement(format!("e{id}"))),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// After any changes, the incremental position is the position of the changed input
    /// reconciled from scratch; each delta holds what changed components now say.
    #[test]
    fn incremental_equals_reconciling_from_scratch(input in input(), changes in vec(change(), 1..6)) {
        let mut r = Reconciler::new(input.clone());
        prop_assert_eq!(r.position().to_json_string_pretty(), reconcile(&input).to_json_string_pretty());
        let mut model = input;
        for c in changes {
            c.apply_to(&mut model);
            let expected = reconcile(&model);
            let delta = r.apply(c.clone());
            for e in &delta.entitlements {
                prop_assert_eq!(Some(*e), expected.entitlement(&e.ent_id), "delta after {:?}", c);
            }
            for k in &delta.consumers {
                prop_assert_eq!(Some(*k), expected.consumer(&k.installation), "delta after {:?}", c);
            }
            prop_assert_eq!(r.position().to_json_string_pretty(), expected.to_json_string_pretty(), "after {:?}", c);
        }
    }
}
