//! The XML form: every fixture round-trips, the encoder's own output is stable byte for byte,
//! foreign content is kept, and bad inputs fail with a specific error and place.
//!
//! With `SWID_XML_OUT` set, every XML written here is also saved under `$SWID_XML_OUT/ent-xml/`.

#![cfg(feature = "xml")]
#![allow(clippy::expect_used, clippy::unwrap_used)]

use iso19770_ent::xml::{NAMESPACE, XmlOptions};
use iso19770_ent::{
    CoreFactor, Cost, CostBasis, Decimal, DecodeError, EntitledProduct, Entity, Environment, Limitation, Link, Meta,
    Metric, Parameter, PvuRating, Quantity, Rel, Right, Role, Term, TermKind, VersionRange,
};
use iso19770_ent::{Ent, Extensions};

fn save(name: &str, xml: &str) {
    if let Some(dir) = std::env::var_os("SWID_XML_OUT") {
        let dir = std::path::PathBuf::from(dir).join("ent-xml");
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join(format!("{name}.xml")), xml).unwrap();
    }
}

/// model → XML → model equal, and XML → model → XML byte-identical.
fn round_trip(name: &str, ent: &Ent) -> String {
    let xml = ent.to_xml_string().unwrap_or_else(|e| panic!("{name}: {e}"));
    save(name, &xml);
    let back = Ent::from_xml_str(&xml).unwrap_or_else(|e| panic!("{name}: {e}\n{xml}"));
    assert_eq!(&back, ent, "{name}\n{xml}");
    assert_eq!(back.to_xml_string().unwrap(), xml, "{name}");
    xml
}

#[cfg(feature = "json")]
#[test]
fn every_valid_fixture_round_trips() {
    let dir = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/valid");
    let mut names: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| std::path::Path::new(n).extension().is_some_and(|e| e == "json"))
        .collect();
    names.sort();
    assert!(names.len() >= 18, "{names:?}");
    for n in names {
        let ent = Ent::from_json_str(&std::fs::read_to_string(dir.join(&n)).unwrap()).unwrap();
        round_trip(n.trim_end_matches(".json"), &ent);
    }
}

fn everything() -> Ent {
    let mut ent = Ent::new("ent-all & <everything>")
        .with_version("1.0")
        .with_revision(3)
        .with_name("Every \"part\"\tat once")
        .with_entity(Entity::new("Vendor", [Role::Licensor, Role::SoftwareCreator]).with_regid("vendor.example"))
        .with_entity(Entity::new("Buyer", [Role::Other("auditor".into())]))
        .with_link(Link::to_swid_tag("vendor.example-app", Rel::Entitles).with_media_type("application/swid+xml"))
        .with_meta(Meta::default().with_sku("SKU-1").with_purchase_order("PO-9").with_contract("C-1"))
        .with_product(EntitledProduct::named("App").with_edition("Pro").with_versions(VersionRange::between("1", "2")))
        .with_product(EntitledProduct { versions: Some(VersionRange::default()), ..EntitledProduct::tag("t") })
        .with_quantity(Quantity::Exact(Decimal::new(150, 2)))
        .with_metric(Metric::ProcessorCoreFactor {
            core_factors: vec![
                CoreFactor::new("x86", Decimal::new(5, 1)),
                CoreFactor::new("SPARC", Decimal::new(25, 2)),
            ],
            default_factor: Some(Decimal::new(100, 2)),
        })
        .with_right(Right::Downgrade { lowest_version: Some("2016".into()), editions: vec!["Standard Edition".into()] })
        .with_right(Right::Upgrade { until: Some("2026-01-01T00:00:00Z".into()) })
        .with_right(Right::SecondUse { copies: Some(1) })
        .with_right(Right::MultipleInstalls { per_licence: 2 })
        .with_right(Right::Virtualization { vms_per_licence: Some(2), unlimited_vms: true, host_licensing: true })
        .with_right(Right::Transfer { minimum_days_between: Some(90), to_third_party: true })
        .with_right(Right::Other { name: "failover".into(), params: vec![Parameter::new("days", "30")] })
        .with_limitation(Limitation::Period { start: Some("2024-01-01".into()), end: None })
        .with_limitation(Limitation::Geography { countries: vec!["DE".into()], regions: vec!["EU".into()] })
        .with_limitation(Limitation::Environment { environments: vec![Environment::NonProduction] })
        .with_limitation(Limitation::Organization { units: vec!["R&D".into()] })
        .with_limitation(Limitation::Other { name: "academic".into(), params: vec![] })
        .with_term(Term::new(TermKind::Subscription).from("2024-01-01T00:00:00Z").until("2024-12-31T23:59:59Z"))
        .with_cost(Cost::new(Decimal::new(123_450, 2), "EUR").with_basis(CostBasis::PerUnit))
        .with_cost(Cost::new(Decimal::new(1, 0), "USD"));
    ent.lang = Some("en-GB".into());
    ent
}

#[test]
fn every_part_round_trips() {
    let xml = round_trip("everything", &everything());
    assert!(xml.contains(r#"<Quantity value="1.50"/>"#), "{xml}");
    assert!(xml.contains(r#"factor="0.25""#), "{xml}");
    assert!(xml.contains(&format!(r#"<Ent xmlns="{NAMESPACE}""#)), "{xml}");
    let metrics = [
        Metric::PerInstallation,
        Metric::PerDevice,
        Metric::NamedUser { minimum_per_processor: Some(25) },
        Metric::ConcurrentUser,
        Metric::per_core(8, 16, 2),
        Metric::PerProcessor { cores_per_licence: None },
        Metric::PerSocket { sockets_per_licence: Some(2) },
        Metric::ProcessorValueUnit {
            pvu_per_core: vec![PvuRating::new("Intel Xeon", 70)],
            default_pvu_per_core: Some(100),
            sub_capacity: true,
        },
        Metric::ClientAccess { access_by: iso19770_ent::AccessBy::Device },
        Metric::Site,
        Metric::Enterprise,
        Metric::Unlimited,
        Metric::Consumption { unit: "decision".into(), period: Some("month".into()) },
        Metric::Other { name: "fue".into(), params: vec![Parameter::new("ratio", "0.5")] },
    ];
    for (i, m) in metrics.into_iter().enumerate() {
        let ent = Ent::new(format!("m{i}")).with_metric(m).with_quantity(Quantity::Unlimited);
        round_trip(&format!("metric-{i}"), &ent);
    }
}

#[test]
fn another_namespace() {
    let opts = XmlOptions::with_namespace("urn:example:other");
    let xml = everything().to_xml_string_with(&opts).unwrap();
    assert_eq!(Ent::from_xml_str_with(&xml, &opts).unwrap(), everything());
    assert!(matches!(Ent::from_xml_str(&xml), Err(DecodeError::XmlUnexpectedElement { .. })));
}

#[test]
fn foreign_content_is_kept_and_written_back() {
    let input = format!(
        r#"<?xml version="1.0"?>
<Ent xmlns="{NAMESPACE}" xmlns:v="urn:vendor" xmlns:ds="http://www.w3.org/2000/09/xmldsig#" entId="e1" v:tier="gold" legacy="yes">
  <Entity name="A" role="licensor" v:code="42"><v:Contact email="a@example.com"/></Entity>
  <v:Note>kept &amp; <v:b>bold</v:b></v:Note>
  <Meta sku="X" v:region="emea"/>
  <ds:Signature><ds:SignedInfo/></ds:Signature>
  <Unknown a="1"/>
</Ent>
"#
    );
    let ent = Ent::from_xml_str(&input).unwrap();
    assert_eq!(ent.extensions.attribute(Some("urn:vendor"), "tier"), Some("gold"));
    assert_eq!(ent.extensions.attribute(None, "legacy"), Some("yes"));
    assert_eq!(ent.extensions.elements.len(), 3);
    assert_eq!(ent.extensions.elements[0].raw, "<v:Note>kept &amp; <v:b>bold</v:b></v:Note>");
    assert_eq!(ent.extensions.elements[1].name, "Signature");
    assert_eq!(ent.extensions.elements[2].namespace.as_deref(), Some(NAMESPACE));
    assert_eq!(ent.entities[0].extensions.attribute(Some("urn:vendor"), "code"), Some("42"));
    assert_eq!(ent.entities[0].extensions.elements[0].raw, r#"<v:Contact email="a@example.com"/>"#);
    assert_eq!(ent.meta[0].extensions.attribute(Some("urn:vendor"), "region"), Some("emea"));
    let xml = round_trip("foreign", &ent);
    assert!(xml.contains("<ds:Signature><ds:SignedInfo/></ds:Signature>"), "{xml}");
    assert!(xml.contains(r#"v:tier="gold""#), "{xml}");
}

#[test]
fn foreign_attribute_without_prefix_gets_one() {
    let mut ext = Extensions::default();
    ext.set_attribute(Some("urn:x"), "a", "1");
    let mut ent = Ent::new("e");
    ent.extensions = ext;
    let xml = round_trip("foreign-attribute", &ent);
    assert!(xml.contains(r#"xmlns:ns1="urn:x""#) && xml.contains(r#"ns1:a="1""#), "{xml}");
}

fn error(input: &str) -> DecodeError {
    let err = Ent::from_xml_str(input).unwrap_err();
    save(&format!("bad-{}", err.path().to_string().replace(['/', '@', '[', ']'], "_")), input);
    err
}

fn line_column(err: &DecodeError) -> (u64, u64) {
    (err.position().line().unwrap(), err.position().column().unwrap())
}

#[test]
fn not_well_formed() {
    let err = error(&format!("<Ent xmlns=\"{NAMESPACE}\" entId=\"e\">\n  <Entity name=\"a\">\n</Ent>"));
    assert!(matches!(err, DecodeError::XmlSyntax { .. }), "{err}");
    assert_eq!(line_column(&err).0, 3, "{err}");
    let err = error("<Ent");
    assert!(matches!(err, DecodeError::XmlSyntax { .. }), "{err}");
    let err = error(&format!("<Ent xmlns=\"{NAMESPACE}\" entId=\"e\"><p:X/></Ent>"));
    assert!(matches!(err, DecodeError::XmlSyntax { .. }), "{err}");
}

#[test]
fn wrong_root() {
    let err = error(
        "<?xml version=\"1.0\"?>\n<SoftwareIdentity xmlns=\"http://standards.iso.org/iso/19770/-2/2015/schema.xsd\"/>",
    );
    assert!(matches!(err, DecodeError::XmlUnexpectedElement { .. }), "{err}");
    assert_eq!(line_column(&err), (2, 1), "{err}");
    let err = error("<Ent entId=\"e\"/>");
    assert!(matches!(err, DecodeError::XmlUnexpectedElement { .. }), "{err}");
}

#[test]
fn bad_decimal() {
    let input = format!("<Ent xmlns=\"{NAMESPACE}\" entId=\"e\">\n  <Quantity value=\"1e3\"/>\n</Ent>");
    let err = error(&input);
    assert!(matches!(&err, DecodeError::XmlBadValue { value, .. } if value == "1e3"), "{err}");
    assert_eq!(line_column(&err), (2, 3), "{err}");
    assert_eq!(err.path().to_string(), "Ent/Quantity@value", "{err}");
    let input = format!("<Ent xmlns=\"{NAMESPACE}\" entId=\"e\">\n<Cost amount=\"12,50\" currency=\"EUR\"/></Ent>");
    assert!(matches!(error(&input), DecodeError::XmlBadValue { .. }));
}

#[test]
fn dtd_refused() {
    let input = format!(
        "<?xml version=\"1.0\"?>\n<!DOCTYPE Ent [<!ENTITY x \"boom\">]>\n<Ent xmlns=\"{NAMESPACE}\" entId=\"&x;\"/>"
    );
    let err = error(&input);
    assert!(matches!(err, DecodeError::XmlDoctype { .. }), "{err}");
    assert_eq!(line_column(&err), (2, 1), "{err}");
}

#[test]
fn other_bad_inputs() {
    let cases = [
        (format!("<Ent xmlns=\"{NAMESPACE}\"/>"), "entId"),
        (format!("<Ent xmlns=\"{NAMESPACE}\" entId=\"e\"><Metric type=\"perCore\" x=\"1\"/></Ent>"), "x"),
        (format!("<Ent xmlns=\"{NAMESPACE}\" entId=\"e\"><Metric type=\"perCore\" packSize=\"-1\"/></Ent>"), "-1"),
        (format!("<Ent xmlns=\"{NAMESPACE}\" entId=\"e\"><Metric type=\"nope\"/></Ent>"), "nope"),
        (format!("<Ent xmlns=\"{NAMESPACE}\" entId=\"e\"><Term kind=\"perpetual\"><X/></Term></Ent>"), "X"),
        (format!("<Ent xmlns=\"{NAMESPACE}\" entId=\"e\">text</Ent>"), "text"),
        (format!("<Ent xmlns=\"{NAMESPACE}\" entId=\"e\"/><Ent/>"), "second"),
        (format!("<Ent xmlns=\"{NAMESPACE}\" entId=\"e\" entId=\"f\"/>"), "duplicated"),
        (format!("<Ent xmlns=\"{NAMESPACE}\" entId=\"e\"><Quantity/></Ent>"), "value"),
    ];
    for (input, word) in cases {
        let err = error(&input);
        assert!(err.to_string().contains(word), "{input}: {err}");
        assert!(err.position().line().is_some(), "{err}");
    }
    let deep = format!("<Ent xmlns=\"{NAMESPACE}\" entId=\"e\">{}{}</Ent>", "<a>".repeat(100), "</a>".repeat(100));
    assert!(matches!(error(&deep), DecodeError::TooDeep { limit: 64, .. }));
}

#[test]
fn truncated_and_mangled_inputs_never_panic() {
    let xml = round_trip("everything-again", &everything());
    for end in (0..xml.trim_end().len()).filter(|&i| xml.is_char_boundary(i)) {
        assert!(Ent::from_xml_str(&xml[..end]).is_err(), "prefix of {end} bytes was accepted");
    }
    for (i, _) in xml.char_indices().step_by(7) {
        for c in ['<', '>', '"', '&', 'x', ':'] {
            let mut bad = xml.clone();
            bad.replace_range(i..=i, &c.to_string());
            if let Err(err) = Ent::from_xml_str(&bad) {
                assert!(err.position().line().is_some(), "{err}");
            }
        }
    }
}

/// Regression: a kept element recorded the default namespace (and any prefix whose name appeared
/// followed by `:` anywhere in its text) as a declaration it relies on, though it used neither;
/// found by the XML property test.
#[test]
fn regression_foreign_element_records_only_the_bindings_it_uses() {
    use iso19770_core::NamespaceBinding;
    let xml = format!(
        r#"<Ent xmlns="{NAMESPACE}" xmlns:v="urn:v" xmlns:w="urn:w" xmlns:q="urn:q" entId="e">
  <v:A xmlns:v="urn:v">w: text only</v:A>
  <v:B><Inner/></v:B>
  <v:C q:attr="1" kind="w:T"/>
</Ent>"#
    );
    let ent = Ent::from_xml_str(&xml).unwrap();
    let [a, b, c] = &ent.extensions.elements[..] else { panic!("{:?}", ent.extensions.elements) };
    // Declares its own prefix; `w:` in its text is no name.
    assert_eq!(a.namespaces, []);
    // `v` from outside, and the default namespace for the unprefixed `Inner`.
    assert_eq!(b.namespaces, [NamespaceBinding::new(None, NAMESPACE), NamespaceBinding::new(Some("v"), "urn:v")]);
    // `q` for an attribute name and `w` for a qualified-name value.
    assert_eq!(
        c.namespaces,
        [
            NamespaceBinding::new(Some("v"), "urn:v"),
            NamespaceBinding::new(Some("w"), "urn:w"),
            NamespaceBinding::new(Some("q"), "urn:q")
        ]
    );
    assert_eq!(Ent::from_xml_str(&ent.to_xml_string().unwrap()).unwrap(), ent);
}
