//! Cross-format table test: each case is an Ent built in code with its exact JSON, XML and CBOR
//! forms in `tests/fixtures/crossformat/<case>/` (`ent.json`, `ent.xml`, `ent.cbor.hex`).
//!
//! For every case the test encodes the model to each format and compares the result with the
//! fixture (bytes for CBOR), and decodes each fixture, compares it with the model and encodes it
//! in the other formats, which must give their fixtures. The CBOR
//! fixture `ent.cbor.hex` is annotated hex: one data item head per line (a string's bytes on the
//! same line, or on the lines that follow when it is long), `#` starts a comment, and the bytes are
//! everything else but white space. Keys are named with their JSON names (from
//! [`iso19770_ent::registry::key`]), codes with the names they stand for.
//!
//! Regenerate the fixtures with `UPDATE_CROSSFORMAT=1 cargo test -p iso19770-ent --test
//! crossformat`, then check the diff by eye. When `SWID_XML_OUT` is set, each CBOR is also
//! written to `$SWID_XML_OUT/ent-cbor/crossformat-<case>.cbor`.

#![cfg(all(feature = "cbor", feature = "json", feature = "xml"))]
#![allow(clippy::expect_used, clippy::unwrap_used)]

mod common;

use iso19770_core::cbor::{Annotations, CborEntry, CborValue};
use iso19770_ent::registry::{code, key};
use iso19770_ent::{
    AccessBy, CoreFactor, Cost, CostBasis, Decimal, Ent, EntitledProduct, Entity, Environment, Limitation, Link, Meta,
    Metric, Parameter, Quantity, Rel, Right, Role, Term, TermKind, VersionRange,
};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// The environment variable that turns on regeneration.
const UPDATE_VAR: &str = "UPDATE_CROSSFORMAT";

/// One row of the table: the fixture folder's name and the model.
struct Case {
    name: &'static str,
    ent: Ent,
}

fn dec(text: &str) -> Decimal {
    iso19770_ent::decimal::parse(text).unwrap()
}

fn cases() -> Vec<Case> {
    let mut cases = Vec::new();
    let mut add = |name: &'static str, ent: Ent| cases.push(Case { name, ent });

    // 01: only an id.
    add("01-minimal", Ent::new("ent-1"));

    // 02: Windows Server Datacenter per core (8 per processor, 16 per server, 2-core packs) with
    // unlimited virtual machines, parties with several roles, a product with a version range.
    add(
        "02-per-core-parties",
        Ent::new("2b7e0d7e-6f2c-4b7a-9a51-0c7f3f7a1e01")
            .with_name("Windows Server 2022 Datacenter, 2-core packs")
            .with_revision(3)
            .with_entity(
                Entity::new("Microsoft Corporation", [Role::Licensor, Role::SoftwareCreator])
                    .with_regid("microsoft.com"),
            )
            .with_entity(Entity::new("Contoso Ltd", [Role::Licensee, Role::EntCreator]))
            .with_product(
                EntitledProduct::named("Windows Server")
                    .with_regid("microsoft.com")
                    .with_edition("Datacenter")
                    .with_versions(VersionRange::exactly("2022")),
            )
            .with_metric(Metric::per_core(8, 16, 2))
            .with_quantity(Quantity::count(64))
            .with_right(Right::Virtualization { vms_per_licence: None, unlimited_vms: true, host_licensing: true })
            .with_right(Right::Downgrade { lowest_version: Some("2012".into()), editions: vec!["Standard".into()] })
            .with_term(Term::new(TermKind::Perpetual).from("2023-05-01T00:00:00Z")),
    );

    // 03: Oracle processor licences with a core-factor table: decimal fractions, scale kept.
    add(
        "03-core-factor-decimals",
        Ent::new("oracle-ee-proc-1")
            .with_metric(Metric::ProcessorCoreFactor {
                core_factors: vec![CoreFactor::new("x86", dec("0.5")), CoreFactor::new("IBM POWER9", dec("1.0"))],
                default_factor: Some(dec("1.0")),
            })
            .with_quantity(Quantity::count(8))
            .with_cost(Cost::new(dec("47500.00"), "USD").with_basis(CostBasis::PerUnit))
            .with_cost(Cost::new(dec("-1250.5"), "USD")),
    );

    // 04: an enterprise agreement without a limit, renewing an earlier one, with its meta.
    add(
        "04-enterprise-unlimited",
        Ent::new("contoso-ea-2024")
            .with_metric(Metric::Enterprise)
            .with_quantity(Quantity::Unlimited)
            .with_link(Link::new("ent:contoso-ea-2021", Rel::RenewalOf))
            .with_link(Link::to_swid_tag("microsoft.com-office-ltsc-2024", Rel::Entitles))
            .with_meta(Meta {
                agreement: Some("EA-7781234".into()),
                agreement_type: Some("Enterprise Agreement".into()),
                purchase_date: Some("2024-07-01".into()),
                ..Meta::default()
            })
            .with_term(Term::new(TermKind::Subscription).from("2024-07-01T00:00:00Z").until("2027-06-30T23:59:59Z")),
    );

    // 05: names no vocabulary knows, written as text; an `other` metric with parameters.
    {
        let mut e = Ent::new("sap-fue-1")
            .with_entity(Entity::new("SAP SE", [Role::Licensor, Role::Other("auditor".into())]))
            .with_metric(Metric::Other {
                name: "fullUseEquivalent".into(),
                params: vec![Parameter::new("advancedUserWeight", "1"), Parameter::new("coreUserWeight", "0.2")],
            })
            .with_quantity(Quantity::Exact(dec("250")))
            .with_link(
                Link::new("https://example.com/sap/contract.pdf", Rel::Other("x-contract".into()))
                    .with_media_type("application/pdf"),
            )
            .with_term(Term::new(TermKind::Other("rental".into())));
        e.limitations.push(Limitation::Environment {
            environments: vec![Environment::Production, Environment::Other("training".into())],
        });
        e.limitations.push(Limitation::Geography { countries: vec!["DE".into(), "AT".into()], regions: vec![] });
        add("05-other-names", e);
    }

    // 06: members the model has no field for, kept and written back (in the order of their
    // encoded keys, the order CBOR gives them back in: shorter text keys first).
    {
        let mut e = Ent::new("ea-true-up").with_metric(Metric::ClientAccess { access_by: AccessBy::Device });
        e.extensions.entries.push(CborEntry::new("x-seats", CborValue::Unsigned(1200)));
        e.extensions.entries.push(CborEntry::new("trueUpDate", CborValue::Text("2025-06-30".into())));
        let mut entity = Entity::new("Contoso Ltd", [Role::Licensee]);
        entity.extensions.entries.push(CborEntry::new("dunsNumber", CborValue::Text("150483782".into())));
        e.entities.push(entity);
        add("06-unknown-members", e);
    }

    // 07: decimals that need a bignum mantissa, and a consumption metric.
    add(
        "07-wide-decimals",
        Ent::new("odm-decisions")
            .with_metric(Metric::Consumption { unit: "millionMonthlyDecisions".into(), period: Some("month".into()) })
            .with_quantity(Quantity::Exact(dec("12.5")))
            .with_cost(Cost::new(dec("123456789012345678901.25"), "JPY").with_basis(CostBasis::PerPeriod))
            .with_limitation(Limitation::Period { start: Some("2025-01-01T00:00:00Z".into()), end: None }),
    );

    cases
}

// ---------------------------------------------------------------------------------------------
// The CBOR annotations: keys named by their JSON names, codes by the names they stand for
// ---------------------------------------------------------------------------------------------

/// What an item is, to name keys and codes in the comments.
#[derive(Clone, Copy, Default, PartialEq, Eq)]
enum Hint {
    #[default]
    None,
    /// A value of this vocabulary.
    Code(code::Vocabulary),
    /// A map whose `type` is of this vocabulary.
    Typed(code::Vocabulary),
}

struct EntNames;

impl Annotations for EntNames {
    type Hint = Hint;

    fn key(&self, k: u64, map: Hint) -> Option<(&'static str, Hint)> {
        let hint = match k {
            key::ROLES => Hint::Code(code::ROLE),
            key::REL => Hint::Code(code::REL),
            key::KIND => Hint::Code(code::TERM_KIND),
            key::ENVIRONMENTS => Hint::Code(code::ENVIRONMENT),
            key::ACCESS_BY => Hint::Code(code::ACCESS_BY),
            key::BASIS => Hint::Code(code::COST_BASIS),
            key::METRIC => Hint::Typed(code::METRIC),
            key::RIGHTS => Hint::Typed(code::RIGHT),
            key::LIMITATIONS => Hint::Typed(code::LIMITATION),
            key::TYPE => match map {
                Hint::Typed(v) => Hint::Code(v),
                _ => Hint::None,
            },
            _ => Hint::None,
        };
        key::name(k).map(|n| (n, hint))
    }

    fn code(&self, hint: Hint, value: i128) -> Option<String> {
        match hint {
            Hint::Code(v) => u64::try_from(value).ok().and_then(|c| v.name_of(c)).map(str::to_owned),
            _ => None,
        }
    }
}

fn annotate(bytes: &[u8]) -> String {
    iso19770_core::cbor::annotate(bytes, &EntNames).expect("deterministic CBOR")
}

fn parse_annotated_hex(text: &str) -> Vec<u8> {
    iso19770_core::cbor::parse_annotated_hex(text).expect("annotated hex")
}

// ---------------------------------------------------------------------------------------------
// The test
// ---------------------------------------------------------------------------------------------

fn fixture_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/crossformat")
}

/// Where two texts first differ, for a short failure message.
fn first_difference(expected: &str, actual: &str) -> String {
    let (mut e, mut a) = (expected.lines(), actual.lines());
    for n in 1.. {
        match (e.next(), a.next()) {
            (Some(x), Some(y)) if x == y => {}
            (None, None) => return "the texts differ only in line endings".to_owned(),
            (x, y) => return format!("line {n}:\n    expected {x:?}\n    actual   {y:?}"),
        }
    }
    unreachable!()
}

fn model_difference(expected: &Ent, actual: &Ent) -> String {
    first_difference(&format!("{expected:#?}"), &format!("{actual:#?}"))
}

fn read_fixture(dir: &Path, file: &str) -> String {
    let path = dir.join(file);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Checks one case; returns what failed.
fn check_case(case: &Case, update: bool) -> Vec<String> {
    let mut failures = Vec::new();
    let mut fail = |what: String| failures.push(format!("{}: {what}", case.name));
    let dir = fixture_root().join(case.name);

    let json = case.ent.to_json_string_pretty().expect("encodes as JSON") + "\n";
    let xml = case.ent.to_xml_string().expect("encodes as XML");
    let cbor = case.ent.to_cbor_vec().expect("encodes as CBOR");
    if let Some(out) = common::out_dir("ent-cbor") {
        std::fs::write(out.join(format!("crossformat-{}.cbor", case.name)), &cbor).expect("written");
    }
    let annotated = annotate(&cbor);
    assert_eq!(parse_annotated_hex(&annotated), cbor, "{}: the annotation does not parse back", case.name);

    if update {
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("ent.json"), &json).unwrap();
        std::fs::write(dir.join("ent.xml"), &xml).unwrap();
        std::fs::write(dir.join("ent.cbor.hex"), &annotated).unwrap();
    }
    let json_fixture = read_fixture(&dir, "ent.json");
    let xml_fixture = read_fixture(&dir, "ent.xml");
    let hex_fixture = read_fixture(&dir, "ent.cbor.hex");
    let cbor_fixture = parse_annotated_hex(&hex_fixture);

    // Encoding gives exactly the fixtures.
    if json != json_fixture {
        fail(format!("JSON encoding differs from ent.json at {}", first_difference(&json_fixture, &json)));
    }
    if xml != xml_fixture {
        fail(format!("XML encoding differs from ent.xml at {}", first_difference(&xml_fixture, &xml)));
    }
    if cbor != cbor_fixture {
        fail(format!(
            "CBOR encoding differs from ent.cbor.hex at {}",
            first_difference(&annotate(&cbor_fixture), &annotated)
        ));
    } else if hex_fixture != annotated {
        fail(format!("ent.cbor.hex has stale comments at {}", first_difference(&hex_fixture, &annotated)));
    }

    // Decoding each fixture gives the model, and the other formats' fixtures.
    let decoded = [
        ("ent.json", Ent::from_json_str(&json_fixture).map_err(|e| e.to_string())),
        ("ent.xml", Ent::from_xml_str(&xml_fixture).map_err(|e| e.to_string())),
        ("ent.cbor.hex", Ent::from_cbor_slice(&cbor_fixture).map_err(|e| e.to_string())),
    ];
    for (file, result) in decoded {
        match result {
            Ok(e) if e == case.ent => {
                if file != "ent.json" && e.to_json_string_pretty().ok().map(|j| j + "\n") != Some(json_fixture.clone())
                {
                    fail(format!("{file} decoded and encoded as JSON differs from ent.json"));
                }
                if file != "ent.xml" && e.to_xml_string().ok() != Some(xml_fixture.clone()) {
                    fail(format!("{file} decoded and encoded as XML differs from ent.xml"));
                }
                if file != "ent.cbor.hex" && e.to_cbor_vec().ok() != Some(cbor_fixture.clone()) {
                    fail(format!("{file} decoded and encoded as CBOR differs from ent.cbor.hex"));
                }
            }
            Ok(e) => fail(format!("{file} decodes to another Ent at {}", model_difference(&case.ent, &e))),
            Err(e) => fail(format!("{file} does not decode: {e}")),
        }
    }
    failures
}

#[test]
fn every_case_is_the_same_ent_in_json_xml_and_cbor() {
    let update = std::env::var(UPDATE_VAR).is_ok_and(|v| v == "1");
    let cases = cases();
    let names: BTreeSet<&str> = cases.iter().map(|c| c.name).collect();
    assert_eq!(names.len(), cases.len(), "case names repeat");

    let mut failures: Vec<String> = cases.iter().flat_map(|c| check_case(c, update)).collect();

    // Every fixture folder belongs to a case.
    let folders: BTreeSet<String> = std::fs::read_dir(fixture_root())
        .expect("fixture folder")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.is_dir())
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    for stale in folders.iter().filter(|f| !names.contains(f.as_str())) {
        failures.push(format!("{stale}: a fixture folder without a case (delete it)"));
    }

    assert!(
        failures.is_empty(),
        "{} failure(s) (regenerate with {UPDATE_VAR}=1 if the change is intended):\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn the_annotated_hex_parser_ignores_comments_and_white_space() {
    let text = "a2          # map(2)\n  00        # entId\n    61 78   # text(1) \"x\" # ab\n\n  09 # 09\n 01\n";
    assert_eq!(parse_annotated_hex(text), [0xa2, 0x00, 0x61, 0x78, 0x09, 0x01]);
}

#[test]
fn the_annotator_names_keys_and_codes() {
    // {10: {26: 10, 49: 2}, 16: [2, "x"]}
    let bytes = [0xa2, 0x0a, 0xa2, 0x18, 0x1a, 0x0a, 0x18, 0x31, 0x02, 0x10, 0x82, 0x02, 0x61, b'x'];
    let text = annotate(&bytes);
    assert_eq!(parse_annotated_hex(&text), bytes);
    for expected in [
        "# metric",
        "# type",
        "# unsigned(10) clientAccess",
        "# accessBy",
        "# unsigned(2) device",
        "# roles",
        "# unsigned(2) licensor",
    ] {
        assert!(text.contains(expected), "{expected:?} missing in\n{text}");
    }
}
