//! The fixtures: every valid one decodes, validates without an error, and round-trips through
//! JSON; every invalid one fails to decode, or to validate, with a specific error and place.

#![cfg(feature = "json")]
#![allow(clippy::expect_used, clippy::unwrap_used)]

use iso19770_ent::validate::validate;
use iso19770_ent::{DecodeError, Ent, Limitation, Metric, Right};
use std::collections::BTreeSet;
use std::path::PathBuf;

fn dir(kind: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(kind)
}

fn read(kind: &str, name: &str) -> String {
    std::fs::read_to_string(dir(kind).join(name)).unwrap_or_else(|e| panic!("{kind}/{name}: {e}"))
}

fn valid() -> Vec<(String, Ent)> {
    let mut names: Vec<_> = std::fs::read_dir(dir("valid"))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| std::path::Path::new(n).extension().is_some_and(|e| e == "json"))
        .collect();
    names.sort();
    names
        .into_iter()
        .map(|n| {
            let ent = Ent::from_json_str(&read("valid", &n)).unwrap_or_else(|e| panic!("{n}: {e}"));
            (n, ent)
        })
        .collect()
}

#[test]
fn valid_fixtures_validate_and_round_trip() {
    let all = valid();
    assert!(all.len() >= 18);
    for (name, ent) in &all {
        let report = validate(ent);
        assert!(report.is_clean(), "{name}:\n{report}");
        let compact = ent.to_json_string().unwrap();
        assert_eq!(&Ent::from_json_str(&compact).unwrap(), ent, "{name}");
        let pretty = ent.to_json_string_pretty().unwrap();
        assert_eq!(&Ent::from_json_str(&pretty).unwrap(), ent, "{name}");
        // The fixtures are written in the form the encoder writes (UPDATE_FIXTURES=1 rewrites them).
        if std::env::var_os("UPDATE_FIXTURES").is_some() {
            std::fs::write(dir("valid").join(name), pretty.clone() + "\n").unwrap();
        }
        assert_eq!(pretty + "\n", read("valid", name), "{name} is not in the encoder's form");
    }
}

#[test]
fn every_metric_and_right_has_a_fixture() {
    let all = valid();
    let metrics: BTreeSet<String> =
        all.iter().filter_map(|(_, e)| e.metric.as_ref()).map(|m| m.name().to_owned()).collect();
    let metric_kinds = [
        "perInstallation",
        "perDevice",
        "namedUser",
        "concurrentUser",
        "perCore",
        "perProcessor",
        "perSocket",
        "processorCoreFactor",
        "processorValueUnit",
        "clientAccess",
        "site",
        "enterprise",
        "unlimited",
        "consumption",
    ];
    for m in metric_kinds {
        assert!(metrics.contains(m), "no fixture with the metric {m}");
    }
    assert!(all.iter().any(|(_, e)| matches!(e.metric, Some(Metric::Other { .. }))));
    let rights: BTreeSet<String> = all
        .iter()
        .flat_map(|(_, e)| e.rights.iter().filter(|r| !matches!(r, Right::Other { .. })).map(|r| r.name().to_owned()))
        .collect();
    for r in ["downgrade", "upgrade", "secondUse", "multipleInstalls", "virtualization", "transfer"] {
        assert!(rights.contains(r), "no fixture with the right {r}");
    }
    let limitations: BTreeSet<String> = all
        .iter()
        .flat_map(|(_, e)| {
            e.limitations.iter().filter(|l| !matches!(l, Limitation::Other { .. })).map(|l| l.name().to_owned())
        })
        .collect();
    for l in ["period", "geography", "environment", "organization"] {
        assert!(limitations.contains(l), "no fixture with the limitation {l}");
    }
}

#[test]
fn realistic_values_are_exact() {
    let all = valid();
    let get = |n: &str| all.iter().find(|(name, _)| name == n).map(|(_, e)| e).unwrap();
    let oracle = get("oracle-database-ee-processor-core-factor.json");
    let Some(Metric::ProcessorCoreFactor { core_factors, .. }) = &oracle.metric else { panic!("{:?}", oracle.metric) };
    assert_eq!(core_factors[0].factor.to_string(), "0.5");
    assert_eq!(core_factors[1].factor.to_string(), "1.0", "the scale written is kept");
    let odm = get("ibm-odm-consumption-decisions.json");
    assert_eq!(odm.quantity.unwrap().to_string(), "12.5");
    assert_eq!(odm.costs[0].amount.to_string(), "1234.567");
    let ea = get("microsoft-enterprise-agreement-unlimited.json");
    assert_eq!(ea.quantity, Some(iso19770_ent::Quantity::Unlimited));
    assert_eq!(ea.extensions.entries.len(), 1, "the unknown member trueUpDate is kept");
}

/// Invalid JSON: (fixture, path, line, column, a word of the message). Inside a metric, right or
/// limitation (objects read whole to find their `type`), an error is placed at the object's end.
const DECODE_CASES: &[(&str, &str, u64, u64, &str)] = &[
    ("float-quantity.json", "quantity", 3, 17, "floating point"),
    ("comma-decimal-factor.json", "metric", 10, 1, "0,5"),
    ("unknown-metric-type.json", "metric/type", 4, 32, "perGalaxy"),
    ("negative-pack-size.json", "metric", 5, 1, "-2"),
    ("entities-not-array.json", "entities", 3, 14, "sequence"),
    ("truncated.json", "terms[0]", 5, 0, "EOF"),
    ("link-without-rel.json", "links[0]", 4, 34, "rel"),
    ("term-kind-number.json", "terms[1]/kind", 5, 14, "string"),
];

/// Ents that decode but break rules: (fixture, [(rule, path)]).
const FINDING_CASES: &[(&str, &[(&str, &str)])] = &[
    ("subscription-ends-before-start.json", &[("ent-dates-ordered", "terms[0]/end")]),
    ("per-core-server-minimum-below-processor.json", &[("ent-metric-minimums", "metric/minimumPerServer")]),
    (
        "negative-quantity-bad-link.json",
        &[
            ("ent-quantity-negative", "quantity"),
            ("ent-cost-currency", "costs[0]/currency"),
            ("ent-link-href", "links[0]/href"),
        ],
    ),
    (
        "missing-metric-and-quantity.json",
        &[("ent-id", "entId"), ("ent-parties", "entities"), ("ent-metric", "metric"), ("ent-quantity", "quantity")],
    ),
];

#[test]
fn invalid_json_gives_specific_errors_and_positions() {
    let mut wrong = Vec::new();
    for &(name, path, line, column, word) in DECODE_CASES {
        let e = Ent::from_json_str(&read("invalid", name)).expect_err(name);
        let DecodeError::Json { at, message } = &e else { panic!("{name}: {e:?}") };
        let found = (at.path.to_string(), at.position.line(), at.position.column());
        if found != (path.to_owned(), Some(line), Some(column)) || !message.contains(word) {
            wrong.push(format!("{name}: {found:?}: {e}"));
        }
    }
    assert!(wrong.is_empty(), "{wrong:#?}");
}

#[test]
fn invalid_ents_give_specific_findings() {
    for &(name, expected) in FINDING_CASES {
        let ent = Ent::from_json_str(&read("invalid", name)).unwrap_or_else(|e| panic!("{name}: {e}"));
        let report = validate(&ent);
        let found: Vec<(&str, String)> =
            report.findings.iter().map(|f| (f.rule.as_str(), f.path.to_string())).collect();
        let expected: Vec<(&str, String)> = expected.iter().map(|&(r, p)| (r, p.to_owned())).collect();
        assert_eq!(found, expected, "{name}:\n{report}");
        assert!(report.has_errors(), "{name}");
    }
}

#[test]
fn every_invalid_fixture_is_tested() {
    let on_disk: BTreeSet<String> =
        std::fs::read_dir(dir("invalid")).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
    let tested: BTreeSet<String> =
        DECODE_CASES.iter().map(|c| c.0).chain(FINDING_CASES.iter().map(|c| c.0)).map(str::to_owned).collect();
    assert_eq!(on_disk, tested);
}

#[test]
fn xml_only_content_is_an_encode_error() {
    let mut ent = Ent::new("e");
    ent.extensions.set_attribute(Some("urn:x"), "flag", "1");
    let err = ent.to_json_string().unwrap_err();
    assert!(err.to_string().contains("flag"), "{err}");
}

#[cfg(feature = "schema")]
#[test]
fn schema_is_checked_in() {
    let schema = iso19770_ent::json::schema();
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("schema/ent.schema.json");
    if std::env::var_os("UPDATE_SCHEMA").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, &schema).unwrap();
    }
    let checked_in = std::fs::read_to_string(&path).expect("schema/ent.schema.json (UPDATE_SCHEMA=1 writes it)");
    assert!(checked_in == schema, "schema/ent.schema.json is stale: run the tests with UPDATE_SCHEMA=1");
    let value: serde_json::Value = serde_json::from_str(&schema).expect("the schema is JSON");
    for key in [
        "entId",
        "entities",
        "links",
        "meta",
        "products",
        "quantity",
        "metric",
        "rights",
        "limitations",
        "terms",
        "costs",
    ] {
        assert!(value["properties"].get(key).is_some(), "{key}");
    }
    assert!(!schema.contains("\"null\""), "an absent member is left out, never null");
}
