//! Validation of the corpus: NIST's own NISTIR 8060 fixtures give the outcomes NIST lists for them
//! (`../shared/corpus/swid/SOURCES.md`), the baseline tag gives no error, and where NIST's
//! fixtures or checker read the standards differently, the crate follows the standards. Also the
//! `validate` example's exit status.

#![cfg(all(feature = "xml", feature = "cbor", feature = "json"))]
#![allow(clippy::expect_used, clippy::unwrap_used)]

mod common;

#[path = "../examples/validate.rs"]
mod example;

use iso19770_core::{Report, Severity};
use iso19770_swid::SoftwareIdentity;
use iso19770_swid::validate::{Authority, Profile, validate};

fn tag(name: &str) -> SoftwareIdentity {
    let xml = std::fs::read_to_string(common::fixtures("valid").join(name)).expect("fixture");
    SoftwareIdentity::from_xml_str(&xml).expect("decodes")
}

/// NIST runs each fixture in the phase its name gives (authoritative or not).
fn nist(name: &str) -> Report {
    let authority = if name.contains("non-authoritative") {
        Authority::NonAuthoritative
    } else if name.contains("authoritative") {
        Authority::Authoritative
    } else {
        Authority::Detect
    };
    validate(&tag(name), &Profile::nistir8060().authority(authority))
}

/// The (severity, rule) of every finding that is not informational.
fn outcome(report: &Report) -> Vec<(Severity, String)> {
    report.findings.iter().filter(|f| f.severity != Severity::Info).map(|f| (f.severity, f.rule.clone())).collect()
}

fn e(rule: &str) -> (Severity, String) {
    (Severity::Error, rule.to_owned())
}

fn w(rule: &str) -> (Severity, String) {
    (Severity::Warning, rule.to_owned())
}

#[test]
fn nist_fixtures_give_the_outcomes_nist_lists() {
    let cases: [(&str, Vec<(Severity, String)>); 9] = [
        ("baseline-primary-auth.swidtag", vec![]),
        ("GEN-2-1-authoritative-no-xml-lang.swidtag", vec![e("GEN-2-1"), e("GEN-2-2")]),
        ("GEN-4-3-authoritative-entity-default-regid.swidtag", vec![e("GEN-4-3")]),
        ("GEN-7-1-authoritative-entity-same-regid-and-role.swidtag", vec![e("GEN-7-1")]),
        ("GEN-8-1-authoritative-missing.swidtag", vec![e("GEN-8-1")]),
        ("GEN-8-1-authoritative-multiple.swidtag", vec![]),
        ("GEN-10-1-non-authoritative-entity-role-missing-softwareCreator.swidtag", vec![w("GEN-10-1")]),
        // NIST expects GEN-11-1 only; its fixture also lacks the @rel the XSD requires, which the
        // standard's rule reports, and so is not schema valid (GEN-1-1); `swid:^` is no URI, a
        // warning of the ISO rules.
        (
            "GEN-11-1-link-invalid-swid-scheme.swidtag",
            vec![e("swid-required-attribute"), w("swid-uri"), e("GEN-1-1"), e("GEN-11-1")],
        ),
        ("PRI-8-1-empty-top-level-directory.swidtag", vec![]),
    ];
    for (name, expected) in cases {
        assert_eq!(outcome(&nist(name)), expected, "{name}\n{}", nist(name));
    }
}

#[test]
fn nists_fixture_without_a_rel_breaks_the_standard() {
    let r = nist("GEN-11-1-link-invalid-swid-scheme.swidtag");
    let f = r.of_rule("swid-required-attribute").next().expect("the missing @rel");
    assert_eq!(f.path.to_string(), "SoftwareIdentity/Link@rel");
    let f = r.of_rule("GEN-11-1").next().expect("GEN-11-1");
    assert_eq!(f.path.to_string(), "SoftwareIdentity/Link@href");
    let f = r.of_rule("GEN-1-1").next().expect("GEN-1-1");
    assert_eq!(f.path.to_string(), "SoftwareIdentity");
}

#[test]
fn an_empty_role_decodes_to_a_missing_role() {
    let xml = r#"<SoftwareIdentity xmlns="http://standards.iso.org/iso/19770/-2/2015/schema.xsd"
        name="x" tagId="x"><Entity name="a" role="tagCreator" regid="example.com"/><Entity name="b" role=""/>
        </SoftwareIdentity>"#;
    let r = validate(&SoftwareIdentity::from_xml_str(xml).expect("decodes"), &Profile::iso());
    let at: Vec<String> = r.of_rule("swid-required-attribute").map(|f| f.path.to_string()).collect();
    assert_eq!(at, ["SoftwareIdentity/Entity[2]@role"]);
}

#[test]
fn the_baseline_tag_has_no_error_nor_warning_and_is_assessed_as_nist_does() {
    let r = validate(&tag("baseline-primary-auth.swidtag"), &Profile::nistir8060());
    assert!(outcome(&r).is_empty(), "{r}");
    let info: Vec<_> = r.findings.iter().map(|f| (f.rule.as_str(), f.message.as_str())).collect();
    assert_eq!(
        info,
        [
            ("INFO-1-1", "assessed as authoritative (as detected)"),
            ("INFO-1-2", "assessed as a primary tag (as detected)")
        ]
    );
    // Its empty n8060:envVarSuffix, right for POSIX variables, is no GEN-24-2 error here (NIST's
    // catalog has one).
    assert_eq!(
        tag("baseline-primary-auth.swidtag").payloads[0]
            .extensions
            .attribute(Some("http://csrc.nist.gov/ns/swid/2015-extensions/1.0"), "envVarSuffix"),
        Some("")
    );
}

#[test]
fn detected_authority_changes_the_gen_8_outcome() {
    // Without NIST's forced phase, the tag is non-authoritative (no tagCreator is a provider), and
    // GEN-8-1 does not apply; the non-authoritative rules do.
    let r = validate(&tag("GEN-8-1-authoritative-missing.swidtag"), &Profile::nistir8060());
    assert!(r.of_rule("GEN-8-1").next().is_none());
    assert_eq!(r.findings[0].message, "assessed as non-authoritative (as detected)");
}

#[test]
fn field_tags_break_what_the_xsd_cannot_check() {
    let iso = |name: &str| validate(&tag(name), &Profile::iso());
    // rpm2swidtag's minimal tag has no Entity at all, yet passes the XSD.
    let r = iso("pkg1-1.2.0-1.fc28.x86_64.swidtag.minimal");
    assert_eq!(outcome(&r), [e("swid-entity")]);
    // hello's Entity has name="".
    let r = iso("hello-1.0-1.i386.swidtag");
    let f = r.of_rule("swid-empty-attribute").next().expect("the empty name");
    assert_eq!(f.path.to_string(), "SoftwareIdentity/Entity@name");
    // OneGet's pre-2015 tag: no tagId, no Entity.
    let r = iso("nuget-2.8.5.101.package.swidtag");
    assert!(
        r.findings
            .iter()
            .any(|f| f.rule == "swid-required-attribute" && f.path.to_string() == "SoftwareIdentity@tagId")
    );
    assert!(r.of_rule("swid-entity").next().is_some());
    // HIRS' testCsv: no @name, no @tagId.
    let r = iso("testCsv.swidtag");
    let missing: Vec<String> = r.of_rule("swid-required-attribute").map(|f| f.path.to_string()).collect();
    assert!(
        missing.contains(&"SoftwareIdentity@name".to_owned()) && missing.contains(&"SoftwareIdentity@tagId".to_owned()),
        "{r}"
    );
}

#[test]
fn every_corpus_tag_validates_under_every_profile() {
    for (name, xml) in common::fixture_files("valid") {
        let t = SoftwareIdentity::from_xml_str(&xml).expect("decodes");
        for profile in [Profile::iso(), Profile::nistir8060(), Profile::coswid()] {
            let r = validate(&t, &profile);
            for f in &r.findings {
                assert!(iso19770_swid::validate::rule(&f.rule).is_some(), "{name}: unknown rule {}", f.rule);
                assert!(!f.path.is_empty(), "{name}: {f}");
                assert_eq!(iso19770_swid::validate::rule(&f.rule).map(|r| r.severity), Some(f.severity));
            }
        }
    }
}

#[test]
fn the_example_exits_non_zero_on_an_error_finding() {
    let file = |name: &str| common::fixtures("valid").join(name).to_string_lossy().into_owned();
    let run = |args: &[&str]| {
        let args: Vec<String> = args.iter().map(|a| (*a).to_owned()).collect();
        let (mut out, mut err) = (Vec::new(), Vec::new());
        let status = example::run(&args, &mut out, &mut err);
        (status, String::from_utf8(out).unwrap(), String::from_utf8(err).unwrap())
    };
    let baseline = file("baseline-primary-auth.swidtag");
    let (status, out, _) = run(&["--profile", "nistir8060", &baseline]);
    assert_eq!(status, 0, "{out}");
    assert!(out.ends_with("0 error(s), 0 warning(s), 2 info\n"), "{out}");
    let no_lang = file("GEN-2-1-authoritative-no-xml-lang.swidtag");
    let (status, out, _) = run(&["--profile", "nistir8060", "--authoritative", &baseline, &no_lang]);
    assert_eq!(status, 1);
    assert!(out.contains("error GEN-2-1 at SoftwareIdentity@xml:lang"), "{out}");
    // The rule turned off, the tag passes.
    let (status, _, _) = run(&["--profile", "nistir8060", "--disable", "GEN-2", &no_lang]);
    assert_eq!(status, 0);
    // JSON: one array, an object per file.
    let (status, out, _) = run(&["--profile", "nistir8060", "--json", &no_lang]);
    let v: serde_json::Value = serde_json::from_str(&out).expect("JSON");
    assert_eq!(status, 1);
    assert_eq!(v[0]["report"]["errors"], 2);
    assert_eq!(v[0]["report"]["findings"][2]["rule"], "GEN-2-1");
    assert_eq!(v[0]["report"]["findings"][2]["path"], "SoftwareIdentity@xml:lang");
    // Unreadable input and bad arguments: 2.
    let (status, _, err) = run(&["no-such-file.swidtag"]);
    assert_eq!(status, 2);
    assert!(err.starts_with("no-such-file.swidtag: "), "{err}");
    let (status, _, err) = run(&["--profile", "nope", &baseline]);
    assert_eq!(status, 2);
    assert!(err.starts_with("unknown profile"), "{err}");
}

#[test]
fn the_example_refuses_unknown_rules_to_disable() {
    let file = common::fixtures("valid").join("baseline-primary-auth.swidtag").to_string_lossy().into_owned();
    let run = |args: &[&str]| {
        let args: Vec<String> = args.iter().map(|a| (*a).to_owned()).collect();
        let (mut out, mut err) = (Vec::new(), Vec::new());
        let status = example::run(&args, &mut out, &mut err);
        (status, String::from_utf8(err).unwrap())
    };
    for known in ["swid-uri", "GEN-18-1", "GEN-18", "INFO-1-1"] {
        assert_eq!(run(&["--profile", "nistir8060", "--disable", known, &file]), (0, String::new()), "{known}");
    }
    for unknown in ["GEN-99", "GEN-18-9", "GEN", "swid", "gen-18"] {
        let (status, err) = run(&["--profile", "nistir8060", "--disable", unknown, &file]);
        assert_eq!(status, 2, "{unknown}");
        assert!(err.starts_with(&format!("unknown rule {unknown:?}\nusage: validate")), "{err}");
    }
}

#[test]
fn the_example_reports_values_that_are_not_of_their_type() {
    let xml = r#"<SoftwareIdentity xmlns="http://standards.iso.org/iso/19770/-2/2015/schema.xsd"
        xmlns:sha256="http://www.w3.org/2001/04/xmlenc#sha256"
        name="x" tagId="x" patch="yes"><Entity name="a" role="tagCreator" regid="example.com"/>
        <Payload><File name="f" size="" sha256:hash="xyz"/></Payload></SoftwareIdentity>"#;
    let path = std::env::temp_dir().join(format!("iso19770-validate-{}.swidtag", std::process::id()));
    std::fs::write(&path, xml).expect("temp file");
    let args = vec!["--json".to_owned(), path.to_string_lossy().into_owned()];
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let status = example::run(&args, &mut out, &mut err);
    let _ = std::fs::remove_file(&path);
    assert_eq!(status, 1, "{}", String::from_utf8_lossy(&err));
    let v: serde_json::Value = serde_json::from_slice(&out).expect("JSON");
    let found: Vec<(String, String)> = v[0]["report"]["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|f| (f["rule"].as_str().unwrap().to_owned(), f["path"].as_str().unwrap().to_owned()))
        .collect();
    let has = |rule: &str, path: &str| found.contains(&(rule.to_owned(), path.to_owned()));
    assert!(has("swid-boolean", "SoftwareIdentity@patch"), "{found:?}");
    assert!(has("swid-integer", "SoftwareIdentity/Payload/File@size"), "{found:?}");
    assert!(has("swid-hash-value", "SoftwareIdentity/Payload/File@hash"), "{found:?}");
}
