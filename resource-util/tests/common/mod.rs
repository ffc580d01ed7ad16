//! Model generators shared by the property tests (proptest).

#![allow(dead_code, unreachable_pub, clippy::expect_used, clippy::unwrap_used)]

use iso19770_core::cbor::{CborEntry, CborValue};
use iso19770_core::{Label, Timestamp};
use iso19770_resource_util::{
    Aggregation, Decimal, Entity, Extensions, Link, MeasuredAsset, Measurement, Meta, Rel, Role, Rum,
};
use proptest::collection::vec;
use proptest::option::of;
use proptest::prelude::*;

/// A strategy for the `extensions` of an object.
pub type Ext = fn() -> BoxedStrategy<Extensions>;

pub fn text() -> impl Strategy<Value = String> {
    "[a-zA-Z0-9 ._:/é$-]{0,12}"
}

pub fn decimal() -> impl Strategy<Value = Decimal> {
    (any::<i64>(), 0u32..=12).prop_map(|(m, scale)| Decimal::new(m, scale))
}

/// A timestamp in either form; date-time texts are never digits only (XML reads those as Unix
/// seconds).
pub fn timestamp() -> impl Strategy<Value = Timestamp> {
    prop_oneof![
        any::<i64>().prop_map(Timestamp::UnixSeconds),
        (-100_000_000_000i64..100_000_000_000)
            .prop_map(|s| Timestamp::DateTime(iso19770_core::DateTime::from_unix_seconds(s))),
        "20[0-9]{2}-[01][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-5][0-9](\\.[0-9]{1,9})?([+-][01][0-9]:[0-5][0-9]|Z)?"
            .prop_map(|t| Timestamp::from(t.as_str())),
        "x[a-z$_ ]{0,8}".prop_map(|t| Timestamp::from(t.as_str())),
    ]
}

/// A name of an open vocabulary: a known one, or another.
pub fn open(known: &'static [&'static str]) -> impl Strategy<Value = String> {
    prop_oneof![proptest::sample::select(known).prop_map(str::to_owned), "x-[a-z]{1,8}"]
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
                Just(CborValue::Null),
            ],
        ),
        0..2,
    )
    .prop_map(|entries| {
        let mut ext = Extensions::default();
        let mut seen = std::collections::BTreeSet::new();
        for (k, v) in entries {
            if seen.insert(k.clone()) {
                ext.entries.push(CborEntry::new(Label::Text(k), v));
            }
        }
        ext
    })
    .boxed()
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
    (of(text()), of(text()), of(text()), of(text()), extensions()).prop_map(
        |(product, software_version, report_id, schema_version, extensions)| Meta {
            product,
            software_version,
            report_id,
            schema_version,
            extensions,
        },
    )
}

pub fn asset(extensions: Ext) -> impl Strategy<Value = MeasuredAsset> {
    (of(text()), of(text()), of(text()), of(text()), of(text()), extensions()).prop_map(
        |(tag_id, persistent_id, name, instance_id, device_id, extensions)| MeasuredAsset {
            tag_id,
            persistent_id,
            name,
            instance_id,
            device_id,
            extensions,
        },
    )
}

pub fn measurement(extensions: Ext) -> impl Strategy<Value = Measurement> {
    (
        (of(timestamp()), text(), of(text()), of(text()), decimal()),
        (of(timestamp()), of(timestamp()), of(any::<u64>()), of(any::<u64>())),
        (of(open(Aggregation::KNOWN).prop_map(|n| Aggregation::from(n.as_str()))), extensions()),
    )
        .prop_map(
            |(
                (log_time, metric, subtype, unit, value),
                (start, end, sample_interval, sample_count),
                (aggregation, extensions),
            )| Measurement {
                log_time,
                metric,
                subtype,
                unit,
                value,
                start,
                end,
                sample_interval,
                sample_count,
                aggregation,
                extensions,
            },
        )
}

pub fn rum(extensions: Ext) -> impl Strategy<Value = Rum> {
    (
        (text(), of(text()), of(any::<u64>()), of("[a-z]{2}(-[A-Z]{2})?")),
        (vec(entity(extensions), 0..3), vec(link(extensions), 0..2), vec(meta(extensions), 0..2)),
        (of(asset(extensions)), vec(measurement(extensions), 0..4), extensions()),
    )
        .prop_map(
            |((rum_id, version, revision, lang), (entities, links, meta), (asset, measurements, extensions))| Rum {
                rum_id,
                version,
                revision,
                lang,
                entities,
                links,
                meta,
                asset,
                measurements,
                extensions,
            },
        )
}
