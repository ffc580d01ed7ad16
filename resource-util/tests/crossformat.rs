//! Cross-format table: each case is a RUM built in code with its exact JSON, XML and CBOR forms
//! in `tests/fixtures/crossformat/<case>/` (`rum.json`, `rum.xml`, `rum.cbor.hex`).
//!
//! For every case the model is encoded to each format and compared with the fixture (bytes for
//! CBOR), and each fixture is decoded, compared with the model and encoded in the other formats,
//! which must give their fixtures. `rum.cbor.hex` is annotated hex
//! ([`iso19770_core::cbor::annotate`]): keys named by their JSON names, codes by their names.
//!
//! Regenerate with `UPDATE_CROSSFORMAT=1 cargo test -p iso19770-resource-util --test
//! crossformat`, then read the diff.

#![cfg(all(feature = "cbor", feature = "json", feature = "xml"))]
#![allow(clippy::expect_used, clippy::unwrap_used)]

use iso19770_core::cbor::{Annotations, CborEntry, CborValue, Vocabulary};
use iso19770_core::decimal::parse;
use iso19770_core::{Label, Timestamp};
use iso19770_resource_util::registry::{code, key};
use iso19770_resource_util::{
    Aggregation, EncodeError, Entity, Link, MeasuredAsset, Measurement, Meta, Rel, Role, Rum,
};
use std::path::PathBuf;

fn cases() -> Vec<(&'static str, Rum)> {
    let odm = Rum::new("b1a07d4dc0364452aa6206bb6584061d-2019-07")
        .with_asset(MeasuredAsset {
            persistent_id: Some("b1a07d4dc0364452aa6206bb6584061d".into()),
            name: Some("IBM Operational Decision Manager Server".into()),
            instance_id: Some("/usr/IBM/TAMIT".into()),
            ..MeasuredAsset::default()
        })
        .with_measurement(
            Measurement::new("VU_VALUE_UNIT", parse("1.235").unwrap())
                .with_subtype("MILLION_MONTHLY_DECISIONS")
                .with_log_time("2019-07-18T16:39:34+02:00")
                .with_period("2019-07-18T16:39:34+02:00", "2019-07-18T16:39:34+02:00")
                .with_aggregation(Aggregation::Sum),
        );

    let mut cisco_m = Measurement::new("ENTITLEMENT", parse("1").unwrap())
        .with_unit("COUNT")
        .with_log_time(1_659_085_460)
        .with_period(1_659_085_460, 1_659_085_461)
        .with_samples(1, 1);
    cisco_m
        .extensions
        .entries
        .push(CborEntry::new("terminationReason", CborValue::Text("CurrentUsageRequested".into())));
    let mut cisco = Rum::new("1659085457")
        .with_meta(Meta {
            software_version: Some("10.2(3)I9(1)".into()),
            report_id: Some("1659085457".into()),
            ..Meta::default()
        })
        .with_asset(MeasuredAsset {
            tag_id: Some("regid.2021-12.com.cisco.N3550_T,1.0_02ed5969-299b-49ea-9097-d4219b0d03a0".into()),
            device_id: Some("N35-T-48X:EXATRI-A-01828".into()),
            ..MeasuredAsset::default()
        })
        .with_measurement(cisco_m);
    cisco.extensions.entries.push(CborEntry::new("headerType", CborValue::Text("rum".into())));

    let parties = Rum::new("ilmt-pvu-2025-06-part-2")
        .with_entity(
            Entity::new("BigFix Inventory", [Role::RumCreator, Role::Aggregator]).with_regid("hcl-software.com"),
        )
        .with_entity(Entity::new("Contoso Ltd", [Role::Licensee, Role::Other("auditee".into())]))
        .with_link(Link::new("rum:ilmt-pvu-2025-06", Rel::Parent))
        .with_link(Link::new("ent:contoso-websphere-pvu-2025", Rel::Entitlement))
        .with_link(
            Link::new("https://example.com/snapshot.zip", Rel::Other("x-evidence".into()))
                .with_media_type("application/zip"),
        )
        .with_measurement(
            Measurement::new("PROCESSOR_VALUE_UNIT", parse("280.00").unwrap())
                .with_unit("PVU")
                .with_period("2025-06-01T00:00:00Z", "2025-06-30T23:59:59Z")
                .with_samples(1800, 1440)
                .with_aggregation(Aggregation::Peak),
        );
    let mut parties = parties;
    parties.version = Some("2".into());
    parties.revision = Some(2);
    parties.lang = Some("en-GB".into());

    let mut wide = Rum::new("wide").with_measurement(
        Measurement::new("TOTAL_VOICE_SECONDS", parse("123456789012345678901.250").unwrap())
            .with_period(-1, "1969-12-31T23:59:59Z")
            .with_aggregation(Aggregation::Other("p95".into())),
    );
    wide.measurements
        .push(Measurement::new("CREDITS", parse("-0.5").unwrap()).with_log_time("no zone: 2024-01-01T00:00:00"));
    wide.extensions.entries.push(CborEntry::new(Label::Text("x-private".into()), CborValue::Unsigned(7)));

    vec![
        ("01-minimal", Rum::new("r-1")),
        ("02-odm-decimals", odm),
        ("03-cisco-unix-seconds", cisco),
        ("04-parties-links", parties),
        ("05-wide-values", wide),
    ]
}

/// What an item is, to name codes in the comments.
#[derive(Clone, Copy, Default, PartialEq, Eq)]
struct Hint(Option<Vocabulary>);

struct RumNames;

impl Annotations for RumNames {
    type Hint = Hint;

    fn key(&self, k: u64, _: Hint) -> Option<(&'static str, Hint)> {
        let vocabulary = match k {
            key::ROLES => Some(code::ROLE),
            key::REL => Some(code::REL),
            key::AGGREGATION => Some(code::AGGREGATION),
            _ => None,
        };
        key::name(k).map(|n| (n, Hint(vocabulary)))
    }

    fn code(&self, hint: Hint, value: i128) -> Option<String> {
        let c = u64::try_from(value).ok()?;
        hint.0.and_then(|v| v.name_of(c)).map(str::to_owned)
    }
}

/// The three forms of a model.
fn encode(rum: &Rum) -> [Vec<u8>; 3] {
    let cbor = rum.to_cbor_vec().expect("CBOR");
    [
        (rum.to_json_string_pretty().expect("JSON") + "\n").into_bytes(),
        rum.to_xml_string().expect("XML").into_bytes(),
        iso19770_core::cbor::annotate(&cbor, &RumNames).expect("annotated").into_bytes(),
    ]
}

const FILES: [&str; 3] = ["rum.json", "rum.xml", "rum.cbor.hex"];

fn decode(file: &str, text: &str) -> Result<Rum, String> {
    match file {
        "rum.json" => Rum::from_json_str(text).map_err(|e| e.to_string()),
        "rum.xml" => Rum::from_xml_str(text).map_err(|e| e.to_string()),
        _ => {
            let bytes = iso19770_core::cbor::parse_annotated_hex(text).map_err(|e| e.to_string())?;
            Rum::from_cbor_slice(&bytes).map_err(|e| e.to_string())
        }
    }
}

#[test]
fn every_case_is_the_same_rum_in_json_xml_and_cbor() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/crossformat");
    let update = std::env::var("UPDATE_CROSSFORMAT").is_ok_and(|v| v == "1");
    let mut failures = Vec::new();
    let cases = cases();
    for (name, rum) in &cases {
        let dir = root.join(name);
        let forms = encode(rum);
        if update {
            std::fs::create_dir_all(&dir).unwrap();
            for (file, form) in FILES.iter().zip(&forms) {
                std::fs::write(dir.join(file), form).unwrap();
            }
        }
        for (file, form) in FILES.iter().zip(&forms) {
            let fixture = std::fs::read_to_string(dir.join(file)).unwrap_or_else(|e| panic!("{name}/{file}: {e}"));
            if fixture.as_bytes() != form.as_slice() {
                failures.push(format!("{name}/{file}: the encoding differs from the fixture"));
            }
            match decode(file, &fixture) {
                Ok(back) if &back == rum => {
                    if encode(&back) != forms {
                        failures.push(format!("{name}/{file}: decoded and encoded again, another format differs"));
                    }
                }
                Ok(back) => failures.push(format!("{name}/{file}: decodes to another RUM: {back:?}")),
                Err(e) => failures.push(format!("{name}/{file}: {e}")),
            }
        }
    }
    let folders = std::fs::read_dir(&root).unwrap().count();
    assert_eq!(folders, cases.len(), "a fixture folder without a case");
    assert!(
        failures.is_empty(),
        "{} failure(s) (UPDATE_CROSSFORMAT=1 regenerates):\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn the_cbor_comments_name_keys_and_codes() {
    let text = std::fs::read_to_string(
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/crossformat/04-parties-links/rum.cbor.hex"),
    )
    .unwrap();
    for expected in [
        "# rumId",
        "# unsigned(1) rumCreator",
        "# unsigned(5) aggregator",
        "# unsigned(3) parent",
        "# unsigned(2) peak",
        "# tag(4) decimal fraction",
    ] {
        assert!(text.contains(expected), "{expected:?} missing in\n{text}");
    }
}

#[test]
fn timestamps_keep_their_form_in_every_format() {
    let cisco = &cases()[2].1;
    let [json, xml, _] = encode(cisco);
    assert!(String::from_utf8(json).unwrap().contains("\"logTime\": 1659085460"));
    assert!(String::from_utf8(xml).unwrap().contains("logTime=\"1659085460\""));
    let back = Rum::from_cbor_slice(&cisco.to_cbor_vec().unwrap()).unwrap();
    assert_eq!(back.measurements[0].log_time, Some(Timestamp::UnixSeconds(1_659_085_460)));
}

#[test]
fn regression_a_json_float_was_read_back_one_ulp_off() {
    // Found by fuzz/ent_roundtrip (the JSON parser is shared): a float of an unknown member was
    // read back as the next float after the JSON encoder wrote it in its shortest form.
    let text = "-2.06482906977702e277";
    let exact: f64 = text.parse().expect("a float");
    let rum = Rum::from_json_str(&format!("{{\"rumId\": \"x\", \"x-f\": {text}}}")).expect("a RUM");
    assert_eq!(rum.extensions.entries[0].value, CborValue::Float(exact.to_bits()));
    let json = rum.to_json_string().expect("encodes");
    assert!(json.contains("-2.06482906977702e+277"), "{json}");
    assert_eq!(Rum::from_json_str(&json).expect("decodes"), rum);
}

/// An unknown integer key of the CBOR form was written to JSON as its decimal text and read back
/// as a text label: CBOR -> JSON -> CBOR turned the key 777 into the text key "777".
#[test]
fn regression_an_unknown_integer_key_came_back_from_json_as_text() {
    // {0: "r", 777: h'01'}
    let cbor = [0xa2, 0x00, 0x61, b'r', 0x19, 0x03, 0x09, 0x41, 0x01];
    let rum = Rum::from_cbor_slice(&cbor).expect("a RUM");
    assert_eq!(rum.extensions.entries[0].label, iso19770_core::Label::Int(777));
    let back = Rum::from_json_str(&rum.to_json_string().expect("encodes")).expect("decodes");
    assert_eq!(back, rum);
    assert_eq!(back.to_cbor_vec().expect("encodes"), cbor);
    // {0: "r", "777": h'01'}: a text key that JSON could not tell from the integer is refused.
    let cbor = [0xa2, 0x00, 0x61, b'r', 0x63, b'7', b'7', b'7', 0x41, 0x01];
    let rum = Rum::from_cbor_slice(&cbor).expect("a RUM");
    match rum.to_json_string() {
        Err(EncodeError::Json { message }) => {
            assert!(message.contains("\"777\" would read back as the integer label 777"), "{message}");
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn regression_a_kept_text_key_named_like_a_member_was_written_twice_in_json() {
    // Found by fuzz/rum_roundtrip: {0: "r", "rumId": h'…'} decodes (the CBOR form's keys are
    // integers, so the text key is kept), and the JSON form was written with `rumId` twice,
    // which its decoder refuses.
    let cbor = [0xa2, 0x00, 0x61, b'r', 0x65, b'r', b'u', b'm', b'I', b'd', 0x41, 0x01];
    let rum = Rum::from_cbor_slice(&cbor).expect("a RUM");
    assert_eq!(rum.extensions.entries.len(), 1);
    match rum.to_json_string() {
        Err(EncodeError::DuplicateKey { path, key }) => {
            assert_eq!((path.to_string(), key.as_str()), (String::new(), "rumId"));
        }
        other => panic!("{other:?}"),
    }
    assert!(matches!(rum.to_json_string_pretty(), Err(EncodeError::DuplicateKey { .. })));
    // Another text key is written and reads back.
    let cbor = [0xa2, 0x00, 0x61, b'r', 0x65, b'x', b'-', b'r', b'u', b'm', 0x41, 0x01];
    let rum = Rum::from_cbor_slice(&cbor).expect("a RUM");
    assert_eq!(Rum::from_json_str(&rum.to_json_string().expect("encodes")).expect("decodes"), rum);
}
