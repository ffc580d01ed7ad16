//! The IBM SLMT 2.1.1 reader over the field samples (`tests/fixtures/slmt/`, see `SOURCES.md`)
//! and synthetic streams: exact values, identity contexts, errors with their places, reading
//! on after a bad record, and a stream cut at every byte.
#![cfg(feature = "xml")]
#![allow(clippy::expect_used, clippy::unwrap_used)]

use iso19770_core::{ForeignAttribute, ForeignElement, Timestamp};
use iso19770_resource_util::DecodeError;
use iso19770_resource_util::import::slmt::{SlmtOptions, SlmtReader, SlmtRecord, read_rum, read_rums};
use std::io::BufReader;
use std::sync::Arc;

fn fixture(name: &str) -> Vec<u8> {
    let path = format!("{}/tests/fixtures/slmt/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn items(input: &[u8]) -> Vec<Result<SlmtRecord, DecodeError>> {
    SlmtReader::new(input).collect()
}

fn records(input: &[u8]) -> Vec<SlmtRecord> {
    items(input).into_iter().map(|r| r.expect("a record")).collect()
}

/// Line, column and path of an error.
fn place(e: &DecodeError) -> (u64, u64, String) {
    let p = e.position();
    (p.line().expect("a line"), p.column().expect("a column"), e.path().to_string())
}

fn ts(text: &str) -> Timestamp {
    Timestamp::from(text)
}

#[test]
fn odm_decisions_sample_reads_exactly() {
    let input = fixture("ibm-slmt-2.1.1-odm-decisions.slmtag");
    let r = records(&input);
    assert_eq!(r.len(), 2);

    let asset = r[0].asset.as_ref().expect("an identity");
    assert_eq!(asset.persistent_id.as_deref(), Some("b1a07d4dc0364452aa6206bb6584061d"));
    assert_eq!(asset.name.as_deref(), Some("IBM Operational Decision Manager Server"));
    assert_eq!(asset.instance_id.as_deref(), Some("/usr/IBM/TAMIT"));
    assert_eq!((asset.tag_id.as_deref(), asset.device_id.as_deref()), (None, None));
    assert!(asset.extensions.is_empty());
    assert_eq!(r[0].schema_version.as_deref(), Some("2.1.1"));
    // One identity, shared by its records.
    assert!(Arc::ptr_eq(asset, r[1].asset.as_ref().expect("an identity")));

    let m = &r[0].measurement;
    assert_eq!(m.metric, "VU_VALUE_UNIT");
    assert_eq!(m.subtype.as_deref(), Some("MILLION_MONTHLY_DECISIONS"));
    assert_eq!(m.value.to_string(), "1.235");
    assert_eq!(m.value.scale(), 3);
    assert_eq!(m.log_time, Some(ts("2019-07-18T16:39:34+02:00")));
    assert_eq!(m.start, Some(ts("2019-07-18T16:39:34+02:00")));
    assert_eq!(m.end, Some(ts("2019-07-18T16:39:34+02:00")));
    assert_eq!((m.unit.as_ref(), m.sample_interval, m.sample_count, m.aggregation.as_ref()), (None, None, None, None));
    assert!(m.extensions.is_empty());
    assert_eq!((r[0].index, r[0].path().to_string()), (1, "Metric".to_owned()));
    assert_eq!((r[0].position.line(), r[0].position.column(), r[0].position.offset), (Some(7), Some(1), 234));

    let m = &r[1].measurement;
    assert_eq!(m.metric, "VU_VALUE_UNIT");
    assert_eq!(m.subtype.as_deref(), Some("THOUSAND_MONTHLY_ARTIFACTS"));
    assert_eq!(m.value.to_string(), "23.456");
    assert_eq!(m.log_time, Some(ts("2019-07-19T14:32:21+02:00")));
    assert_eq!(m.start, Some(ts("2019-07-19T14:30:04+02:00")));
    assert_eq!(m.end, Some(ts("2019-07-19T14:32:21+02:00")));
    assert_eq!((r[1].index, r[1].path().to_string(), r[1].position.line()), (2, "Metric[2]".to_owned(), Some(16)));
    // Just past the last end tag: only the final line feed is after it.
    assert_eq!(r[1].end_offset, input.len() as u64 - 1);

    let (rum, error) = read_rum(&input[..]);
    assert!(error.is_none());
    assert_eq!(rum.rum_id, "b1a07d4dc0364452aa6206bb6584061d@2019-07-18T16:39:34+02:00");
    assert_eq!(rum.meta.len(), 1);
    assert_eq!(rum.meta[0].schema_version.as_deref(), Some("2.1.1"));
    assert_eq!(rum.asset.as_ref(), Some(&**asset));
    assert_eq!(rum.measurements, [r[0].measurement.clone(), r[1].measurement.clone()]);
    assert!(rum.links.is_empty() && rum.entities.is_empty());
}

#[test]
fn voice_surveillance_sample_reads_exactly() {
    let r = records(&fixture("ibm-slmt-2.1.1-voice-surveillance.slmtag"));
    assert_eq!(r.len(), 1);
    let asset = r[0].asset.as_ref().expect("an identity");
    assert_eq!(asset.persistent_id.as_deref(), Some("a490d40f839049ea881d9aedf8b3d60f"));
    assert_eq!(asset.name.as_deref(), Some("IBM Voice Surveillance Analytics"));
    assert_eq!(asset.instance_id.as_deref(), Some("/home/test/"));
    let m = &r[0].measurement;
    assert_eq!((m.metric.as_str(), m.subtype.as_deref()), ("FEED", Some("TOTAL_VOICE_SECONDS")));
    assert_eq!(m.value.to_string(), "1821");
    assert_eq!(m.log_time, Some(ts("2017-05-17T01:01:41+05:30")));
    assert_eq!(m.start, Some(ts("2017-04-17T01:01:41+05:30")));
    assert_eq!(m.end, Some(ts("2017-05-17T01:01:41+05:30")));
}

#[test]
fn the_published_addi_copy_ends_after_its_first_record() {
    // The corpus copy replaced the cut second record with a comment: one record, no error.
    let all = items(&fixture("ibm-slmt-2.1.1-addi-users.TRUNCATED.slmtag"));
    assert_eq!(all.len(), 1);
    let r = all[0].as_ref().expect("a record");
    let asset = r.asset.as_ref().expect("an identity");
    assert_eq!(asset.persistent_id.as_deref(), Some("4cb9f56ab26c41cc8b16670b3d87636a"));
    assert_eq!(asset.name.as_deref(), Some("IBM Application Discovery"));
    assert_eq!(asset.instance_id.as_deref(), Some("AD/."));
    let m = &r.measurement;
    assert_eq!(m.metric, "AUTHORIZED_USER");
    assert_eq!(m.subtype, None, "an empty SubType is none");
    assert_eq!(m.value.to_string(), "4");
    assert_eq!(m.log_time, Some(ts("2020-04-30T22:33:20+00:00")));
    assert_eq!(m.start, Some(ts("2020-04-29T06:59:11+00:00")));
    assert_eq!(m.end, Some(ts("2020-04-29T07:14:11+00:00")));
}

#[test]
fn a_record_cut_by_the_end_of_the_input_is_reported_last() {
    let input = fixture("addi-users-cut-in-second-record.synthetic.slmtag");
    let all = items(&input);
    assert_eq!(all.len(), 2);
    assert_eq!(all[0].as_ref().expect("the complete record").measurement.metric, "AUTHORIZED_USER");
    let e = all[1].as_ref().expect_err("the cut record");
    let DecodeError::Truncated { inside, .. } = e else { panic!("{e:?}") };
    assert_eq!(inside, "Metric");
    assert_eq!(place(e), (16, 1, "Metric[2]".into()));
    assert_eq!(e.position().offset, 441);

    // read_rum keeps the complete record and gives the error.
    let (rum, error) = read_rum(&input[..]);
    assert_eq!(rum.measurements.len(), 1);
    assert_eq!(rum.rum_id, "4cb9f56ab26c41cc8b16670b3d87636a@2020-04-30T22:33:20+00:00");
    assert!(matches!(error, Some(DecodeError::Truncated { .. })));
}

#[test]
fn the_lsf_template_gives_bad_values_and_reads_on() {
    let input = fixture("ibm-slmt-2.1.1-lsf-variant.TEMPLATE.slmtag");
    let mut reader = SlmtReader::new(&input[..]);
    let first = reader.next().expect("an item").expect_err("a template variable");
    let DecodeError::BadValue { value, message, .. } = &first else { panic!("{first:?}") };
    assert_eq!(value, "$numCores");
    assert!(message.contains("not a decimal"), "{message}");
    assert_eq!(place(&first), (12, 3, "Metric/Value".into()));
    let second = reader.next().expect("an item").expect_err("a template variable");
    assert!(matches!(&second, DecodeError::BadValue { value, .. } if value == "$numMaxCores"));
    assert_eq!(place(&second), (21, 3, "Metric[2]/Value".into()));
    assert!(reader.next().is_none());

    // The <Product> variant is an identity like <SoftwareIdentity>, values as written.
    let asset = reader.asset().expect("the Product");
    assert_eq!(asset.name.as_deref(), Some("LSF Standard 10.1"));
    assert_eq!(asset.persistent_id.as_deref(), Some("$swidtag"));
    assert_eq!(asset.instance_id.as_deref(), Some("$lsf_top/properties/version"));
    assert_eq!(reader.schema_version().map(|v| &**v), Some("2.1.1"));

    let (rum, error) = read_rum(&input[..]);
    assert_eq!(error, Some(first));
    assert_eq!(rum.asset.as_ref().and_then(|a| a.name.as_deref()), Some("LSF Standard 10.1"));
    assert!(rum.measurements.is_empty());
    assert_eq!(rum.rum_id, "$swidtag@");
}

#[test]
fn template_variables_in_timestamps_are_kept_as_written() {
    let slmt = "<Product><ProductName>LSF</ProductName></Product>\n\
                <Metric logTime=\"$the_date\"><Type>RESOURCE_VALUE_UNIT</Type><SubType>Current Cores</SubType><Value>16</Value>\
                <Period><StartTime>$the_date</StartTime><EndTime>$the_date_plus</EndTime></Period></Metric>";
    let r = records(slmt.as_bytes());
    let m = &r[0].measurement;
    assert_eq!(
        (m.log_time.clone(), m.start.clone(), m.end.clone()),
        (Some(ts("$the_date")), Some(ts("$the_date")), Some(ts("$the_date_plus")))
    );
    assert_eq!(m.subtype.as_deref(), Some("Current Cores"));
    assert!(m.log_time.as_ref().expect("kept").instant().is_err(), "checked only when its instant is asked for");
    assert_eq!(r[0].schema_version, None);
}

#[test]
fn concatenated_rotations_keep_their_identities() {
    let input = fixture("concatenated-rotations.synthetic.slmtag");
    let r = records(&input);
    assert_eq!(r.len(), 4);
    let ids: Vec<_> = r.iter().map(|r| r.asset.as_ref().and_then(|a| a.persistent_id.clone())).collect();
    let odm = Some("b1a07d4dc0364452aa6206bb6584061d".to_owned());
    let voice = Some("a490d40f839049ea881d9aedf8b3d60f".to_owned());
    assert_eq!(ids, [odm.clone(), odm.clone(), odm, voice]);
    // The second rotation is a new identity context, equal to the first.
    assert!(!Arc::ptr_eq(r[0].asset.as_ref().expect("odm"), r[2].asset.as_ref().expect("odm")));
    assert_eq!(r[0].asset, r[2].asset);
    assert_eq!(r[2].measurement.value.to_string(), "0.001");
    assert_eq!((r[2].path().to_string(), r[2].position.line()), ("Metric[3]".into(), Some(31)));
    assert_eq!((r[3].path().to_string(), r[3].position.line()), ("Metric[4]".into(), Some(46)));

    let (rums, error) = read_rums(&input[..]);
    assert!(error.is_none());
    assert_eq!(rums.len(), 2, "equal consecutive contexts are one RUM");
    assert_eq!(rums[0].rum_id, "b1a07d4dc0364452aa6206bb6584061d@2019-07-18T16:39:34+02:00");
    assert_eq!(
        rums[0].measurements.iter().map(|m| m.value.to_string()).collect::<Vec<_>>(),
        ["1.235", "23.456", "0.001"]
    );
    assert_eq!(rums[1].rum_id, "a490d40f839049ea881d9aedf8b3d60f@2017-05-17T01:01:41+05:30");
    assert_eq!(rums[1].asset.as_ref().and_then(|a| a.name.as_deref()), Some("IBM Voice Surveillance Analytics"));
    assert_eq!(rums[1].meta[0].schema_version.as_deref(), Some("2.1.1"));

    // read_rum reads one identity and stops at another.
    let (rum, error) = read_rum(&input[..]);
    assert_eq!(rum, rums[0]);
    let error = error.expect("a second identity");
    assert!(
        matches!(&error, DecodeError::XmlUnexpectedElement { found, .. } if found == "SoftwareIdentity"),
        "{error:?}"
    );
    assert_eq!(place(&error), (41, 1, "SoftwareIdentity[3]".into()));
}

#[test]
fn crlf_comments_references_and_kept_content() {
    let input = fixture("comments-crlf.synthetic.slmtag");
    let r = records(&input);
    assert_eq!(r.len(), 2);
    let asset = r[0].asset.as_ref().expect("an identity");
    assert_eq!(asset.name.as_deref(), Some("Example & Co. Analytics \u{2122}"));
    assert_eq!(asset.instance_id.as_deref(), Some("C:\\Program Files\\Example"));
    assert_eq!(asset.extensions.elements, [ForeignElement::new(None, "Vendor", "<Vendor kind=\"x\">Example</Vendor>")]);

    let m = &r[0].measurement;
    assert_eq!((r[0].position.line(), r[0].position.column()), (Some(11), Some(1)));
    assert_eq!(m.log_time, Some(ts("2024-02-29T23:59:59.5-05:00")), "white space around the time is not part of it");
    assert_eq!(m.extensions.attributes, [ForeignAttribute::new(None, "source", "agent")]);
    assert_eq!(m.subtype, None);
    assert_eq!(m.value.to_string(), "0.50");
    assert_eq!(m.start, Some(ts("2024-02-29T23:45:00-05:00")));
    assert_eq!(m.end, Some(ts("2024-03-01T00:00:00-05:00")));
    assert_eq!(
        m.extensions.elements,
        [
            ForeignElement::new(None, "Note", "<Note>leap day</Note>"),
            ForeignElement::new(None, "Host", "<Host name=\"h1\"><Cpu cores=\"8\"/></Host>"),
        ]
    );

    let m = &r[1].measurement;
    assert_eq!((r[1].index, r[1].position.line(), r[1].position.column()), (2, Some(24), Some(1)));
    assert_eq!(m.subtype.as_deref(), Some("Peak <named>"));
    assert_eq!(m.value.to_string(), "12");
    assert_eq!(r[1].end_offset, input.len() as u64 - 2, "before the final CR LF");
}

#[test]
fn a_byte_order_mark_is_skipped_and_not_counted_as_a_column() {
    let with_bom = records(&fixture("bom.synthetic.slmtag"));
    let without = records(&fixture("ibm-slmt-2.1.1-voice-surveillance.slmtag"));
    assert_eq!(with_bom[0].measurement, without[0].measurement);
    assert_eq!((with_bom[0].position.line(), with_bom[0].position.column()), (Some(7), Some(1)));
    assert_eq!(with_bom[0].position.offset, without[0].position.offset + 3);
}

#[test]
fn records_in_error_are_reported_and_reading_goes_on() {
    let all = items(&fixture("records-in-error.synthetic.slmtag"));
    assert_eq!(all.len(), 6, "{all:#?}");

    let e = all[0].as_ref().expect_err("no Type");
    assert!(matches!(e, DecodeError::XmlMissing { name: "Type", .. }), "{e:?}");
    assert_eq!(place(e), (6, 1, "Metric".into()));

    let e = all[1].as_ref().expect_err("not an SLMT fragment");
    assert!(matches!(e, DecodeError::XmlUnexpectedElement { found, .. } if found == "Inventory"), "{e:?}");
    assert_eq!(place(e), (10, 1, "Inventory".into()));

    let e = all[2].as_ref().expect_err("two values");
    assert!(
        matches!(e, DecodeError::XmlUnexpectedElement { expected, found, .. } if expected == "one Value" && found == "Value")
    );
    assert_eq!(place(e), (14, 1, "Metric[2]/Value[2]".into()));

    let e = all[3].as_ref().expect_err("an attribute on Type");
    assert!(matches!(e, DecodeError::XmlUnknownAttribute { name, .. } if name == "unit"), "{e:?}");
    assert_eq!(place(e), (17, 1, "Metric[3]/Type@unit".into()));

    let e = all[4].as_ref().expect_err("an exponent");
    assert!(matches!(e, DecodeError::BadValue { value, .. } if value == "1.5e3"), "{e:?}");
    assert_eq!(place(e), (22, 1, "Metric[4]/Value".into()));

    let last = all[5].as_ref().expect("the record after the errors");
    assert_eq!((last.index, last.position.line()), (5, Some(24)));
    assert!(last.measurement.value.is_zero());
    assert_eq!(last.measurement.value.scale(), 3);
    assert_eq!(last.asset.as_ref().and_then(|a| a.name.as_deref()), Some("IBM Voice Surveillance Analytics"));
}

#[test]
fn errors_inside_text_elements_and_between_fragments() {
    let slmt = "<Metric><Type>A<b/></Type><Value>1</Value></Metric>\n\
                stray text\n\
                <Metric><Type>&unknown;</Type><Value>1</Value></Metric>\n\
                <Metric><Type>&#x41;&lt;&gt;</Type><Value>2</Value></Metric>";
    let all = items(slmt.as_bytes());
    assert_eq!(all.len(), 4, "{all:#?}");
    let e = all[0].as_ref().expect_err("an element in Type");
    assert!(
        matches!(e, DecodeError::XmlUnexpectedElement { expected, found, .. } if expected == "text" && found == "b")
    );
    assert_eq!(place(e), (1, 16, "Metric/Type/b".into()));
    let e = all[1].as_ref().expect_err("text between fragments");
    assert!(matches!(e, DecodeError::XmlSyntax { .. }), "{e:?}");
    assert_eq!(place(e), (1, 52, String::new()));
    let e = all[2].as_ref().expect_err("an undefined entity");
    assert!(matches!(e, DecodeError::XmlSyntax { message, .. } if message.contains("&unknown;")), "{e:?}");
    assert_eq!(place(e), (3, 15, "Metric[2]/Type".into()));
    let r = all[3].as_ref().expect("references resolved");
    assert_eq!(r.measurement.metric, "A<>");
    assert_eq!(r.index, 3);
}

#[test]
fn concatenated_files_may_each_have_a_declaration() {
    let one = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<SchemaVersion>2.1.1</SchemaVersion>\n\
               <Metric logTime=\"2020-01-01T00:00:00Z\"><Type>A</Type><Value>1</Value></Metric>\n";
    let two = format!("{one}{}", one.replace("2.1.1", "2.1.2"));
    let r = records(two.as_bytes());
    assert_eq!(r.len(), 2);
    assert_eq!(r[1].schema_version.as_deref(), Some("2.1.2"));
    assert_eq!((r[1].path().to_string(), r[1].position.line()), ("Metric[2]".into(), Some(6)));
    let (rums, error) = read_rums(two.as_bytes());
    assert!(error.is_none());
    assert_eq!(rums.len(), 2, "another schema version is another context");
    assert_eq!(rums[0].rum_id, "@2020-01-01T00:00:00Z", "no identity: no persistent id");
    assert!(rums[0].asset.is_none());
}

#[test]
fn not_well_formed_xml_ends_the_stream() {
    let slmt = "<Metric><Type>A</Value></Metric>\n<Metric><Type>B</Type><Value>1</Value></Metric>";
    let all = items(slmt.as_bytes());
    assert_eq!(all.len(), 1);
    let e = all[0].as_ref().expect_err("a mismatched end tag");
    assert!(matches!(e, DecodeError::XmlSyntax { .. }), "{e:?}");
    assert_eq!(place(e), (1, 16, "Metric".into()));
}

#[test]
fn a_document_type_declaration_is_refused() {
    let all = items(&fixture("doctype.synthetic.slmtag"));
    assert_eq!(all.len(), 1);
    let e = all[0].as_ref().expect_err("a DTD");
    assert!(matches!(e, DecodeError::XmlDoctype { .. }), "{e:?}");
    assert_eq!(place(e), (1, 1, String::new()));
}

#[test]
fn a_fragment_over_the_limit_is_refused_before_it_is_read() {
    let input = fixture("ibm-slmt-2.1.1-odm-decisions.slmtag");
    let options = SlmtOptions::default().with_max_record_bytes(64);
    let all: Vec<_> = SlmtReader::with_options(&input[..], &options).collect();
    assert_eq!(all.len(), 1);
    let e = all[0].as_ref().expect_err("SoftwareIdentity is 196 bytes");
    assert!(matches!(e, DecodeError::RecordTooLarge { limit: 64, .. }), "{e:?}");
    assert_eq!(place(e), (2, 1, "SoftwareIdentity".into()));

    // A limit the records fit in reads them all.
    let options = SlmtOptions::default().with_max_record_bytes(400);
    assert_eq!(SlmtReader::with_options(&input[..], &options).flatten().count(), 2);
}

#[test]
fn a_one_byte_buffer_reads_the_same() {
    for name in ["comments-crlf.synthetic.slmtag", "concatenated-rotations.synthetic.slmtag", "bom.synthetic.slmtag"] {
        let input = fixture(name);
        let small: Vec<_> = SlmtReader::new(BufReader::with_capacity(1, &input[..])).collect();
        assert_eq!(small, items(&input), "{name}");
    }
}

/// For each cut `k`: `None` when the first `k` bytes end between top-level fragments, else the
/// offset of the top-level markup the cut is in (fixtures without `>` in attribute values).
fn cut_places(text: &[u8]) -> Vec<Option<u64>> {
    let find = |from: usize, what: &[u8]| {
        text[from..].windows(what.len()).position(|w| w == what).map_or(text.len(), |i| from + i + what.len())
    };
    let mut out = vec![None; text.len() + 1];
    let (mut i, mut depth, mut unit) = (0usize, 0usize, 0usize);
    while i < text.len() {
        out[i] = (depth > 0).then_some(unit as u64);
        if text[i] != b'<' {
            i += 1;
            continue;
        }
        if depth == 0 {
            unit = i;
        }
        let rest = &text[i..];
        let (end, tag) = if rest.starts_with(b"<!--") {
            (find(i, b"-->"), false)
        } else if rest.starts_with(b"<![CDATA[") {
            (find(i, b"]]>"), false)
        } else if rest.starts_with(b"<?") {
            (find(i, b"?>"), false)
        } else {
            (find(i, b">"), true)
        };
        for slot in &mut out[i + 1..end] {
            *slot = Some(unit as u64);
        }
        if tag {
            if text[i + 1] == b'/' {
                depth -= 1;
            } else if !text[..end].ends_with(b"/>") {
                depth += 1;
            }
        }
        i = end;
    }
    out[text.len()] = (depth > 0).then_some(unit as u64);
    out
}

#[test]
fn a_stream_cut_at_every_byte_gives_its_complete_records_then_truncated() {
    for (name, from) in [
        ("ibm-slmt-2.1.1-odm-decisions.slmtag", 0),
        ("ibm-slmt-2.1.1-voice-surveillance.slmtag", 0),
        ("ibm-slmt-2.1.1-addi-users.TRUNCATED.slmtag", 0),
        ("concatenated-rotations.synthetic.slmtag", 0),
        ("comments-crlf.synthetic.slmtag", 0),
        // Not inside the byte-order mark itself.
        ("bom.synthetic.slmtag", 3),
    ] {
        let input = fixture(name);
        let full = records(&input);
        let places = cut_places(&input);
        for k in (from..=input.len()).chain([0]) {
            let got = items(&input[..k]);
            let expected: Vec<_> = full.iter().filter(|r| r.end_offset <= k as u64).collect();
            let (ok, errors): (Vec<_>, Vec<_>) = got.iter().partition(|r| r.is_ok());
            let ok: Vec<_> = ok.into_iter().map(|r| r.as_ref().expect("ok")).collect();
            assert_eq!(ok, expected, "{name} cut at {k}");
            match places[k] {
                _ if k == 0 => assert!(got.is_empty(), "{name}: an empty input"),
                None => assert!(errors.is_empty(), "{name} cut at {k}, between fragments: {errors:?}"),
                Some(start) => {
                    assert_eq!(errors.len(), 1, "{name} cut at {k}: {errors:?}");
                    let e = got.last().expect("items").as_ref().expect_err("the last item");
                    assert!(matches!(e, DecodeError::Truncated { .. }), "{name} cut at {k}: {e:?}");
                    assert_eq!(e.position().offset, start, "{name} cut at {k}: {e}");
                }
            }
        }
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

        /// Any damage: no panic, and the stream ends (each item consumes input).
        #[test]
        fn damaged_streams_never_panic_and_end(
            which in 0usize..4,
            edits in vec((any::<usize>(), prop_oneof![Just(b'<'), Just(b'>'), Just(b'/'), Just(b'&'), Just(b'"'), Just(0xC3), any::<u8>()], any::<u8>()), 1..6),
        ) {
            let name = ["ibm-slmt-2.1.1-odm-decisions.slmtag", "comments-crlf.synthetic.slmtag",
                "records-in-error.synthetic.slmtag", "concatenated-rotations.synthetic.slmtag"][which];
            let input = mutate(fixture(name), &edits);
            let items: Vec<_> = SlmtReader::new(&input[..]).take(input.len() + 2).collect();
            prop_assert!(items.len() <= input.len());
            for item in items.iter().flatten() {
                prop_assert!(item.end_offset <= input.len() as u64);
            }
            let (rums, _) = read_rums(&input[..]);
            prop_assert!(rums.len() <= input.len());
        }
    }
}
