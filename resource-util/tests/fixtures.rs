//! The fixture corpus: every valid fixture decodes and round-trips through JSON and XML (and
//! CBOR, with the feature) to an equal model; every invalid one fails with a specific error at a
//! specific place; the checked-in JSON Schema is the one the code generates.

#![cfg(all(feature = "json", feature = "xml"))]
#![allow(clippy::expect_used, clippy::unwrap_used)]

use iso19770_resource_util::{Aggregation, DecodeError, Rum, Timestamp};
use std::path::PathBuf;

fn dir(sub: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(sub)
}

fn files(sub: &str) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = std::fs::read_dir(dir(sub))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .map(|p| (p.file_name().unwrap().to_string_lossy().into_owned(), std::fs::read_to_string(&p).unwrap()))
        .collect();
    out.sort();
    out
}

fn load(name: &str) -> Rum {
    Rum::from_json_str(&std::fs::read_to_string(dir("valid").join(name)).unwrap()).unwrap()
}

#[test]
fn every_valid_fixture_round_trips_in_every_format() {
    let valid = files("valid");
    assert!(valid.len() >= 8, "{valid:?}");
    for (name, text) in valid {
        let rum = Rum::from_json_str(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
        let json = rum.to_json_string_pretty().unwrap();
        assert_eq!(Rum::from_json_str(&json).unwrap(), rum, "{name}: JSON");
        let xml = rum.to_xml_string().unwrap();
        let back = Rum::from_xml_str(&xml).unwrap_or_else(|e| panic!("{name}: {e}\n{xml}"));
        assert_eq!(back, rum, "{name}: XML\n{xml}");
        assert_eq!(back.to_xml_string().unwrap(), xml, "{name}: XML is stable");
        #[cfg(feature = "cbor")]
        {
            let cbor = rum.to_cbor_vec().unwrap();
            let back = Rum::from_cbor_slice(&cbor).unwrap_or_else(|e| panic!("{name}: {e}"));
            // A CBOR map has no order: kept entries come back in the order of their keys.
            assert_eq!(back.to_cbor_vec().unwrap(), cbor, "{name}: CBOR is stable");
            assert_eq!(
                back.measurements,
                rum.measurements
                    .iter()
                    .map(|m| {
                        let mut m = m.clone();
                        m.extensions.entries.sort_by_key(|e| (e.label.to_string().len(), e.label.to_string()));
                        m
                    })
                    .collect::<Vec<_>>(),
                "{name}: CBOR"
            );
        }
        if let Some(out) = std::env::var_os("SWID_XML_OUT") {
            let out = PathBuf::from(out).join("rum-xml");
            std::fs::create_dir_all(&out).unwrap();
            std::fs::write(out.join(name.replace(".json", ".xml")), &xml).unwrap();
        }
    }
}

#[test]
fn values_keep_their_scale_and_timestamps_their_form() {
    let odm = load("ibm-odm-decisions.json");
    let m = &odm.measurements[0];
    assert_eq!(m.value.to_string(), "1.235");
    assert_eq!(m.value.scale(), 3);
    assert_eq!(m.start, Some(Timestamp::from("2019-07-18T16:39:34+02:00")));
    assert_eq!(m.aggregation, Some(Aggregation::Sum));
    assert_eq!(odm.measurements[1].value.to_string(), "23.456");
    let pvu = load("pvu-sub-capacity-split-file.json");
    assert_eq!(pvu.measurements[0].value.to_string(), "280.00");

    let cisco = load("cisco-nexus-entitlement-count.json");
    let m = &cisco.measurements[0];
    assert_eq!(m.log_time, Some(Timestamp::UnixSeconds(1_659_085_460)));
    assert_eq!(m.unit.as_deref(), Some("COUNT"));
    assert_eq!((m.sample_interval, m.sample_count), (Some(1), Some(1)));
    let reason = m.extensions.entry(&"terminationReason".into());
    assert_eq!(reason, Some(&iso19770_core::cbor::CborValue::Text("CurrentUsageRequested".into())));
    // Written back as it came: an integer, not a date-time text.
    assert!(cisco.to_json_string().unwrap().contains(r#""logTime":1659085460"#));
}

fn json_error(name: &str) -> DecodeError {
    let text = std::fs::read_to_string(dir("invalid").join(name)).unwrap();
    Rum::from_json_str(&text).expect_err(name)
}

#[test]
fn every_invalid_fixture_fails_at_its_place() {
    // (file, path of the member, line, a part of the message)
    let cases = [
        ("float-value.json", "measurements[0]/value", 1, "floating point"),
        ("exponent-value.json", "measurements[0]/value", 1, "not a decimal"),
        ("missing-metric.json", "measurements[0]", 1, "missing field `metric`"),
        ("missing-rum-id.json", "", 1, "missing field `rumId`"),
        ("negative-sample-count.json", "measurements[0]/sampleCount", 1, "invalid value"),
        ("float-timestamp.json", "measurements[0]/start", 1, "Unix seconds"),
        ("truncated.json", "measurements[0]", 1, "EOF"),
        ("asset-not-object.json", "asset", 1, "invalid type"),
        ("roles-not-array.json", "entities[0]/roles", 1, "invalid type"),
    ];
    let names: Vec<String> = files("invalid").into_iter().map(|(n, _)| n).collect();
    assert_eq!(names.len(), cases.len(), "every invalid fixture has a case: {names:?}");
    for (name, path, line, message) in cases {
        let err = json_error(name);
        assert!(matches!(err, DecodeError::Json { .. }), "{name}: {err:?}");
        assert_eq!(err.path().to_string(), path, "{name}: {err}");
        assert_eq!(err.position().line(), Some(line), "{name}: {err}");
        assert!(err.to_string().contains(message), "{name}: {err}");
    }
}

#[cfg(feature = "schema")]
#[test]
fn the_checked_in_schema_is_current() {
    let schema = iso19770_resource_util::json::schema();
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("schema/rum.schema.json");
    if std::env::var("UPDATE_SCHEMA").is_ok_and(|v| v == "1") {
        std::fs::write(&path, &schema).unwrap();
    }
    let checked_in = std::fs::read_to_string(&path).expect("schema/rum.schema.json (UPDATE_SCHEMA=1 writes it)");
    assert!(checked_in == schema, "schema/rum.schema.json is stale: run the tests with UPDATE_SCHEMA=1");
}

#[test]
fn no_valid_fixture_breaks_a_rule_of_severity_error() {
    for (name, text) in files("valid") {
        let rum = Rum::from_json_str(&text).unwrap();
        let report = iso19770_resource_util::validate::validate(&rum);
        assert!(!report.has_errors(), "{name}:\n{report}");
    }
    // The ODM sample names its creator and what it measured: no finding at all.
    let report = iso19770_resource_util::validate::validate(&load("ibm-odm-decisions.json"));
    assert!(report.is_clean(), "{report}");
}
