//! The README's main job: the `roundtrip` example prints a corpus tag back unchanged.

#![allow(clippy::expect_used, clippy::unwrap_used)]

#[path = "../examples/roundtrip.rs"]
mod roundtrip;

#[test]
fn the_roundtrip_example_prints_the_tag_back_unchanged() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/valid/baseline-primary-auth.swidtag");
    let xml = std::fs::read_to_string(path).expect("fixture");
    let mut out = Vec::new();
    let summary = roundtrip::run(&xml, false, &mut out).expect("runs");
    assert_eq!(String::from_utf8(out).expect("utf-8"), xml);
    assert_eq!(summary.lines[0], "name: ACME Roadrunner Management Suite Coyote Edition");
    assert!(summary.lines.iter().any(|l| l.starts_with("entity: ") && l.contains("tagCreator")), "{:?}", summary.lines);
    assert!(summary.lines.iter().any(|l| l == "payload files: 3"), "{:?}", summary.lines);
}

#[test]
fn the_roundtrip_example_reports_a_2009_tag() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/invalid/labs64-netlicensing-2009.swidtag");
    let xml = std::fs::read_to_string(path).expect("fixture");
    let err = roundtrip::run(&xml, false, &mut Vec::new()).err().expect("not a 2015 tag");
    assert!(err.to_string().contains("ISO/IEC 19770-2:2009"), "{err}");
}
