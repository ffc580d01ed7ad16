//! The Cisco RUM report reader over the documented samples (`tests/fixtures/cisco/`, see
//! `SOURCES.md`) and synthetic reports: exact values, the double-encoded payload, the XML
//! envelope, errors with their places, streaming order, and reports cut at every byte.
#![cfg(feature = "json")]
#![allow(clippy::expect_used, clippy::unwrap_used)]

use iso19770_core::cbor::CborValue;
use iso19770_core::uri::is_uri_reference;
use iso19770_core::{Label, Timestamp};
use iso19770_resource_util::import::cisco::{CiscoOptions, ReportSink, read, read_json, read_rums};
use iso19770_resource_util::{DecodeError, Measurement, Rel, Rum};

fn fixture(name: &str) -> Vec<u8> {
    let path = format!("{}/tests/fixtures/cisco/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// Line, column and path of an error.
fn place(e: &DecodeError) -> (u64, u64, String) {
    let p = e.position();
    (p.line().expect("a line"), p.column().expect("a column"), e.path().to_string())
}

fn text(s: &str) -> CborValue {
    CborValue::Text(s.into())
}

fn map(entries: &[(&str, CborValue)]) -> CborValue {
    CborValue::Map(entries.iter().map(|(k, v)| (text(k), v.clone())).collect())
}

fn entry<'a>(ext: &'a iso19770_core::Extensions, label: &str) -> Option<&'a CborValue> {
    ext.entry(&Label::Text(label.into()))
}

/// What a sink was handed, in order.
#[derive(Debug, Default, PartialEq)]
struct Recorder(Vec<String>);

impl ReportSink for Recorder {
    fn measurement(&mut self, report: usize, m: Measurement) {
        self.0.push(format!("measurement {report} {} {}", m.metric, m.value));
    }

    fn report(&mut self, report: usize, head: Rum) {
        assert!(head.measurements.is_empty());
        self.0.push(format!("report {report} {}", head.rum_id));
    }
}

const N3550_TAG: &str = "regid.2021-12.com.cisco.N3550_T,1.0_02ed5969-299b-49ea-9097-d4219b0d03a0";

/// The report of the Nexus 3550-T guide, as read from its valid (double-encoded) form.
fn check_nexus3550(rum: &Rum) {
    assert_eq!(rum.rum_id, "1659085457");
    let asset = rum.asset.as_ref().expect("asset_identification");
    assert_eq!(asset.tag_id.as_deref(), Some(N3550_TAG));
    assert_eq!(asset.device_id.as_deref(), Some("N35-T-48X:EXATRI-A-01828"));
    assert_eq!(
        (asset.persistent_id.as_deref(), asset.name.as_deref(), asset.instance_id.as_deref()),
        (None, None, None)
    );
    assert_eq!(asset.extensions.entries.len(), 1);
    assert_eq!(
        entry(&asset.extensions, "signature"),
        Some(&map(&[
            ("signing_type", text("builtin")),
            ("key", text(N3550_TAG)),
            ("value", text("yMf1IwYjQoI9DXbM2z0NwxptvPqAa4GEbnfGIe9679A=")),
        ]))
    );

    assert_eq!(rum.meta.len(), 1);
    let meta = &rum.meta[0];
    assert_eq!(meta.report_id.as_deref(), Some("1659085457"));
    assert_eq!(meta.software_version.as_deref(), Some("10.2(3)I9(1)"));
    let sudi = map(&[("udi_pid", text("N35-T-48X")), ("udi_serial_number", text("EXATRI-A-01828"))]);
    assert_eq!(
        entry(&meta.extensions, "ha_udi"),
        Some(&CborValue::Array(vec![map(&[("role", text("Active")), ("sudi", sudi)])]))
    );

    assert_eq!(rum.links.len(), 1);
    assert_eq!(rum.links[0].rel, Rel::Entitlement);
    assert_eq!(
        rum.links[0].href,
        "swid:regid.2021-12.com.cisco.NX_OS_ESSENTIALS_Nexus3550_T,1.0_1c469435-bfdb-4377-b402-6873b39d860b"
    );
    assert!(rum.entities.is_empty());

    assert_eq!(rum.measurements.len(), 1);
    let m = &rum.measurements[0];
    assert_eq!(m.log_time, Some(Timestamp::UnixSeconds(1_659_085_460)));
    assert_eq!(m.metric, "ENTITLEMENT");
    assert_eq!(m.subtype, None);
    assert_eq!(m.start, Some(Timestamp::UnixSeconds(1_659_085_460)));
    assert_eq!(m.end, Some(Timestamp::UnixSeconds(1_659_085_461)));
    assert_eq!((m.sample_interval, m.sample_count), (Some(1), Some(1)));
    assert_eq!(m.unit.as_deref(), Some("COUNT"));
    assert_eq!(m.value.to_string(), "1");
    assert_eq!(m.aggregation, None);
    assert_eq!(m.extensions.entries.len(), 1);
    assert_eq!(entry(&m.extensions, "meta"), Some(&map(&[("termination_reason", text("CurrentUsageRequested"))])));
}

#[cfg(feature = "xml")]
#[test]
fn the_documented_nexus3550_report_is_not_json() {
    // As printed, the payload string holds raw line breaks and unescaped quotes: the first
    // line break inside it (line 11, just after `"payload":"{`) ends the reading.
    let input = fixture("cisco-slp-rum-report-nexus3550.AS-DOCUMENTED.xml");
    let (rums, error) = read_rums(&input[..]);
    assert!(rums.is_empty());
    let e = error.expect("not JSON");
    let DecodeError::Json { message, .. } = &e else { panic!("{e:?}") };
    assert!(message.starts_with("control character (\\u0000-\\u001F) found while parsing a string"), "{message}");
    assert_eq!(place(&e), (11, 13, "smartLicense/RUMReport/payload".into()));
    assert_eq!(e.position().offset, input.iter().position(|&b| b == b'{').expect("the JSON") as u64 + 14);
}

#[test]
fn the_partial_nexus9300_report_reads_without_measurements() {
    let (rums, error) = read_rums(&fixture("cisco-slp-rum-report-nexus9300.PARTIAL.json")[..]);
    assert!(error.is_none(), "{error:?}");
    assert_eq!(rums.len(), 1);
    let rum = &rums[0];
    assert_eq!(rum.rum_id, "16283555555");
    let asset = rum.asset.as_ref().expect("asset_identification");
    assert_eq!(
        asset.tag_id.as_deref(),
        Some("regid.2017-11.com.cisco.Nexus_9300,1.0_ac6ddieu7-89ju-4dne7-8699-4eeeklljnk")
    );
    assert_eq!(asset.device_id.as_deref(), Some("N9K-C9364C-GX:FDjhjudyw8778"));
    assert_eq!(asset.instance_id.as_deref(), Some("f804e59b-7296-4c6d-a4f4-e61207ddf150"));
    let signature = entry(&asset.extensions, "signature").expect("kept");
    assert!(matches!(signature, CborValue::Map(m) if m.contains(&(text("signing_type"), text("CISC123")))));
    assert_eq!(rum.meta.len(), 1);
    assert_eq!(rum.meta[0].report_id.as_deref(), Some("16283555555"));
    assert_eq!(rum.meta[0].software_version.as_deref(), Some("10.2(1)FI9(1)"));
    assert!(rum.meta[0].extensions.is_empty());
    // The space printed inside the entitlement tag is percent-encoded in the link.
    assert_eq!(rum.links.len(), 1);
    assert_eq!(rum.links[0].rel, Rel::Entitlement);
    assert_eq!(
        rum.links[0].href,
        "swid:regid.2019-06.com.cisco.LAN_Nexus9300_XF2,1.0_%20ac6ddieu7-89ju-4dne7-8699-4eeeklljnk"
    );
    assert!(is_uri_reference(&rum.links[0].href));
    // No header: read all the same; the curator's note is kept.
    assert_eq!(rum.extensions.entries.len(), 1);
    assert!(
        matches!(entry(&rum.extensions, "_source_note"), Some(CborValue::Text(t)) if t.starts_with("Cisco Nexus NX-OS"))
    );
    assert!(rum.measurements.is_empty());
}

#[test]
fn a_double_encoded_payload_reads_exactly() {
    let (rums, error) = read_rums(&fixture("nexus3550-double-encoded.synthetic.json")[..]);
    assert!(error.is_none(), "{error:?}");
    assert_eq!(rums.len(), 1);
    let rum = &rums[0];
    check_nexus3550(rum);
    assert_eq!(entry(&rum.extensions, "header"), Some(&map(&[("type", text("rum"))])));
    assert_eq!(
        entry(&rum.extensions, "signature"),
        Some(&map(&[("signing_type", text("builtin")), ("key", text("synthetic")), ("value", text("c3ludGhldGlj"))]))
    );
    assert_eq!(rum.extensions.entries.len(), 2);
}

#[cfg(feature = "xml")]
#[test]
fn an_envelope_of_two_reports() {
    let input = fixture("nexus3550-envelope-two-reports.synthetic.xml");
    let (rums, error) = read_rums(&input[..]);
    assert!(error.is_none(), "{error:?}");
    assert_eq!(rums.len(), 2);
    // The first is the double-encoded report itself.
    let (alone, _) = read_rums(&fixture("nexus3550-double-encoded.synthetic.json")[..]);
    assert_eq!(rums[0], alone[0]);

    let rum = &rums[1];
    assert_eq!(rum.rum_id, "1659171857");
    assert!(rum.meta[0].extensions.is_empty());
    assert_eq!(rum.measurements.len(), 2);
    let m = &rum.measurements[0];
    assert_eq!((m.sample_interval, m.sample_count), (Some(3600), Some(24)));
    assert_eq!(m.start, Some(Timestamp::UnixSeconds(1_659_085_461)));
    assert_eq!(entry(&m.extensions, "meta"), Some(&map(&[("termination_reason", text("ReportRequested"))])));
    let m = &rum.measurements[1];
    assert_eq!(
        (m.metric.as_str(), m.unit.as_deref(), m.value.to_string()),
        ("THROUGHPUT", Some("GBPS"), "0.25".into())
    );
    assert_eq!(m.value.scale(), 2);
    // Unknown members: in `value`, prefixed; beside it, as written.
    assert_eq!(entry(&m.extensions, "value.scale"), Some(&CborValue::Unsigned(3)));
    assert_eq!(entry(&m.extensions, "x_vendor"), Some(&CborValue::Bool(true)));
    assert_eq!(m.extensions.entries.len(), 2);

    // Streamed: each measurement as soon as it is read, then its report's head.
    let mut recorder = Recorder::default();
    assert_eq!(read(&input[..], &CiscoOptions::default(), &mut recorder), Ok(2));
    assert_eq!(
        recorder.0,
        [
            "measurement 0 ENTITLEMENT 1",
            "report 0 1659085457",
            "measurement 1 ENTITLEMENT 1",
            "measurement 1 THROUGHPUT 0.25",
            "report 1 1659171857",
        ]
    );
    // The same through a one-byte buffer.
    let (small, error) = read_rums(std::io::BufReader::with_capacity(1, &input[..]));
    assert_eq!((small, error), (rums, None));
}

#[test]
fn a_bad_value_names_its_member() {
    let mut recorder = Recorder::default();
    let input = fixture("bad-value.synthetic.json");
    let e = read(&input[..], &CiscoOptions::default(), &mut recorder).expect_err("1,5");
    let DecodeError::BadValue { value, message, .. } = &e else { panic!("{e:?}") };
    assert_eq!(value, "1,5");
    assert!(message.contains("not a decimal"), "{message}");
    // Just after the value: its closing quote.
    assert_eq!(place(&e), (18, 24, "payload/measurements[1]/value/value".into()));
    // The measurement before it was handed out; the report was not.
    assert_eq!(recorder.0, ["measurement 0 ENTITLEMENT 1"]);
    let (rums, error) = read_rums(&input[..]);
    assert!(rums.is_empty());
    assert_eq!(error, Some(e));
}

#[test]
fn a_bad_value_in_a_payload_string_names_its_place_in_the_text() {
    let payload = r#"{"measurements": [{"metric_name": "E", "value": {"value": "1"}},
{"metric_name": "E", "value": {"value": "12.5.1"}}]}"#;
    let report = serde_json::json!({ "header": {"type": "rum"}, "payload": payload }).to_string();
    let (_, error) = read_rums(report.as_bytes());
    let e = error.expect("a bad value");
    let DecodeError::BadValue { value, message, .. } = &e else { panic!("{e:?}") };
    assert_eq!(value, "12.5.1");
    assert!(message.ends_with("(line 2, column 48 of the payload text)"), "{message}");
    // In the input: the end of the payload string.
    let end = report.rfind("}]}\"").expect("the end") + 3;
    assert_eq!((e.position().offset, e.path().to_string()), (end as u64, "payload/measurements[1]/value/value".into()));
}

#[test]
fn other_kinds_of_input_are_not_reports() {
    let not_a_report = |input: &str| match read_rums(input.as_bytes()) {
        (rums, Some(e @ DecodeError::NotAReport { .. })) if rums.is_empty() => e,
        other => panic!("{input}: {other:?}"),
    };
    let e = not_a_report(&String::from_utf8(fixture("ack-header.synthetic.json")).expect("UTF-8"));
    assert_eq!(place(&e), (4, 3, "header/type".into()));
    assert!(e.to_string().contains("header.type is \"ack\""), "{e}");
    assert_eq!(place(&not_a_report("  \n ")), (2, 2, String::new()));
    assert_eq!(place(&not_a_report("\n[1, 2]")), (2, 1, String::new()));
    let e = not_a_report("{\"header\": {\"type\": \"rum\"}}");
    assert!(e.to_string().contains("no payload"), "{e}");
    #[cfg(feature = "xml")]
    {
        assert_eq!(place(&not_a_report("<?xml version=\"1.0\"?>\n<licenses/>")), (2, 1, "licenses".into()));
        let e = not_a_report("<smartLicense><RUMReport>{\"payload\": {}}</RUMReport></smartLicense>");
        assert_eq!(place(&e), (1, 15, "smartLicense/RUMReport".into()));
        assert_eq!(read_rums(&b"<smartLicense/>"[..]), (vec![], None), "an empty envelope holds no report");
        let (_, e) = read_rums(&b"<!DOCTYPE smartLicense>\n<smartLicense/>"[..]);
        let e = e.expect("a DTD");
        assert!(matches!(e, DecodeError::XmlDoctype { .. }), "{e:?}");
        assert_eq!(place(&e), (1, 1, String::new()));
    }
    #[cfg(not(feature = "xml"))]
    {
        let e = not_a_report("<smartLicense/>");
        assert!(e.to_string().contains("no feature xml"), "{e}");
    }
}

#[test]
fn json_errors_name_their_member() {
    let json_error = |input: &str| match read_rums(input.as_bytes()) {
        (_, Some(e @ DecodeError::Json { .. })) => e,
        other => panic!("{input}: {other:?}"),
    };
    let e = json_error("{\"payload\": {\"measurements\": [{\"metric_name\": \"E\",\n \"value\": {\"value\": 1.5}}]}}");
    // Just after the number: serde_json reads one byte past it.
    assert_eq!(place(&e), (2, 24, "payload/measurements[0]/value/value".into()));
    assert!(e.to_string().contains("floating point"), "{e}");
    let e = json_error("{\"payload\": {\"measurements\": [{\"value\": {\"value\": \"1\"}}]}}");
    assert!(e.to_string().contains("metric_name is missing"), "{e}");
    assert_eq!(e.path().to_string(), "payload/measurements[0]");
    let e = json_error(
        "{\"payload\": {\"measurements\": [{\"metric_name\": \"E\", \"value\": {\"value\": \"1\"}, \"num_samples\": -2}]}}",
    );
    assert_eq!(e.path().to_string(), "payload/measurements[0]/num_samples");
    let e = json_error("{\"payload\": {\"meta\": {\"report_id\": 1.5}}}");
    assert_eq!(e.path().to_string(), "payload/meta/report_id");
    let e = json_error("{\"payload\": {\"asset_identification\": {\"instance\": {\"sudi\": {\"udi_pid\": 7}}}}}");
    assert_eq!(e.path().to_string(), "payload/asset_identification/instance/sudi/udi_pid");
    let e = json_error("{\"payload\": \"{\\\"measurements\\\": [}\"}");
    assert!(e.to_string().contains("of the payload text"), "{e}");
    assert_eq!(e.path().to_string(), "payload/measurements[0]");
    let e = json_error("{\"payload\": {}} {}");
    assert!(e.to_string().contains("trailing characters"), "{e}");
}

#[test]
fn limits_bound_each_record() {
    let options = CiscoOptions::default().with_max_record_bytes(200);
    // A payload string is one record: refused while it is read.
    let input = fixture("nexus3550-double-encoded.synthetic.json");
    let e = read_json(&input[..], &options, &mut Recorder::default()).expect_err("too large");
    assert!(matches!(e, DecodeError::RecordTooLarge { limit: 200, .. }), "{e:?}");
    assert_eq!(place(&e), (1, 1, "payload".into()));
    // Measurements are records of their own: many of them fit a small limit.
    let one = r#"{"metric_name": "ENTITLEMENT", "value": {"type": "COUNT", "value": "1"}}"#;
    let many = format!("{{\"payload\": {{\"measurements\": [{}]}}}}", vec![one; 1000].join(",\n"));
    let mut recorder = Recorder::default();
    assert_eq!(read(many.as_bytes(), &options, &mut recorder), Ok(1));
    assert_eq!(recorder.0.len(), 1001);
    // But not one larger than it.
    let big = format!("{{\"payload\": {{\"measurements\": [{one}, {{\"metric_name\": \"{}\"}}]}}}}", "X".repeat(300));
    let e = read(big.as_bytes(), &options, &mut Recorder::default()).expect_err("too large");
    assert!(matches!(e, DecodeError::RecordTooLarge { .. }), "{e:?}");
    assert_eq!(e.path().to_string(), "payload/measurements[1]/metric_name");
}

#[test]
fn a_byte_order_mark_and_crlf_are_read() {
    let input = fixture("nexus3550-double-encoded.synthetic.json");
    let mut with = b"\xEF\xBB\xBF".to_vec();
    with.extend(String::from_utf8(input.clone()).expect("UTF-8").replace('\n', "\r\n").into_bytes());
    let (rums, error) = read_rums(&with[..]);
    assert!(error.is_none(), "{error:?}");
    check_nexus3550(&rums[0]);
}

#[test]
fn a_report_cut_at_every_byte_is_truncated() {
    let input = fixture("nexus3550-double-encoded.synthetic.json");
    let end = input.len() - 1; // the final line feed
    // Once the payload string is complete, its measurements are handed out.
    let payload_end = input.windows(4).position(|w| w == b"}\",\n").expect("the payload string") + 2;
    for k in 0..=input.len() {
        let mut recorder = Recorder::default();
        let result = read(&input[..k], &CiscoOptions::default(), &mut recorder);
        match k {
            0 => assert!(matches!(result, Err(DecodeError::NotAReport { .. })), "an empty input: {result:?}"),
            _ if k >= end => assert_eq!(result, Ok(1), "cut at {k}"),
            _ => {
                let e = result.expect_err("cut");
                assert!(matches!(e, DecodeError::Truncated { .. }), "cut at {k}: {e:?}");
                assert_eq!((place(&e).0, place(&e).1), (1, 1), "at the report's start");
                let handed_out: &[&str] = if k < payload_end { &[] } else { &["measurement 0 ENTITLEMENT 1"] };
                assert_eq!(recorder.0, handed_out, "cut at {k}");
            }
        }
    }
}

#[cfg(feature = "xml")]
#[test]
fn an_envelope_cut_at_every_byte_hands_out_what_was_complete() {
    let input = fixture("nexus3550-envelope-two-reports.synthetic.xml");
    let mut full = Recorder::default();
    assert_eq!(read(&input[..], &CiscoOptions::default(), &mut full), Ok(2));
    let root = input.windows(13).position(|w| w == b"<smartLicense").expect("a root");
    let first_report_end = input.windows(3).position(|w| w == b"]]>").expect("a CDATA section") + 3;
    for k in 0..input.len() {
        let mut recorder = Recorder::default();
        let result = read(&input[..k], &CiscoOptions::default(), &mut recorder);
        if input[k..].iter().all(u8::is_ascii_whitespace) {
            assert_eq!(result, Ok(2), "cut at {k}");
            continue;
        }
        let e = result.expect_err("cut");
        // The items handed out are the first ones of the full reading.
        assert_eq!(recorder.0[..], full.0[..recorder.0.len()], "cut at {k}");
        if k >= first_report_end {
            assert!(recorder.0.len() >= 2, "cut at {k}: the first report is complete");
        }
        let expected = if input[..k].iter().all(u8::is_ascii_whitespace) {
            matches!(e, DecodeError::NotAReport { .. })
        } else if k <= root {
            // In the declaration or the comment, or after them, before the root.
            matches!(e, DecodeError::Truncated { .. } | DecodeError::NotAReport { .. })
        } else {
            matches!(e, DecodeError::Truncated { .. })
        };
        assert!(expected, "cut at {k}: {e:?}");
    }
}

mod mutated {
    use super::*;
    use proptest::collection::vec;
    use proptest::prelude::*;

    fn mutate(mut bytes: Vec<u8>, edits: &[(usize, u8, u8)]) -> Vec<u8> {
        for &(at, byte, kind) in edits {
            let at = at % (bytes.len() + 1);
            match kind % 3 {
                0 if at < bytes.len() => bytes[at] = byte,
                1 => bytes.insert(at, byte),
                _ if at < bytes.len() => {
                    bytes.remove(at);
                }
                _ => {}
            }
        }
        bytes
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

        /// Any damage: no panic, and every report or error is accounted for.
        #[test]
        fn damaged_reports_never_panic(
            which in 0usize..4,
            edits in vec((any::<usize>(), prop_oneof![Just(b'"'), Just(b'\\'), Just(b'{'), Just(b'}'), Just(b']'), Just(b'<'), any::<u8>()], any::<u8>()), 1..6),
        ) {
            let name = ["nexus3550-double-encoded.synthetic.json", "nexus3550-envelope-two-reports.synthetic.xml",
                "cisco-slp-rum-report-nexus9300.PARTIAL.json", "cisco-slp-rum-report-nexus3550.AS-DOCUMENTED.xml"][which];
            let input = mutate(fixture(name), &edits);
            let (rums, error) = read_rums(&input[..]);
            prop_assert!(rums.len() <= 2);
            if let Some(e) = error {
                prop_assert!(e.position().offset <= input.len() as u64, "{e:?}");
            }
        }
    }
}
