//! `CycloneDX` `licensing` import and export: the `CycloneDX` sample imports to the expected Ent,
//! import → export → import is stable, what does not cross is listed, bad input is a located
//! error.

#![cfg(feature = "json")]
#![allow(clippy::expect_used, clippy::unwrap_used)]

use iso19770_ent::cyclonedx::{self, Import, UNSTATED_TERM};
use iso19770_ent::{
    AccessBy, Cost, DecodeError, Ent, EntitledProduct, Entity, Limitation, Meta, Metric, Quantity, Rel, Right, Role,
    Term, TermKind,
};
use rust_decimal::Decimal;

fn sample() -> String {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/cyclonedx/valid-license-licensing-1.5.json");
    std::fs::read_to_string(path).unwrap()
}

/// The not-crossed list as (path, kept) pairs.
fn not_crossed(list: &[cyclonedx::NotCrossed]) -> Vec<(String, bool)> {
    list.iter().map(|n| (n.path.to_string(), n.kept)).collect()
}

/// Import, export, import: the same Ents, and the same BOM when exported again.
fn assert_stable(import: &Import) {
    let bom = cyclonedx::export_json(&import.ents);
    let again = cyclonedx::import_json(&bom).unwrap_or_else(|e| panic!("{e}\n{bom}"));
    assert_eq!(again.ents, import.ents, "{bom}");
    assert_eq!(cyclonedx::export_json(&again.ents), bom);
    // Everything kept crosses back: nothing more is lost on export.
    assert!(cyclonedx::export(&again.ents).not_crossed.is_empty(), "{bom}");
}

#[test]
fn the_sample_imports() {
    let import = cyclonedx::import_json(&sample()).unwrap();
    assert_eq!(import.ents.len(), 1);
    let ent = &import.ents[0];

    assert_eq!(ent.ent_id, "acme-license-1");
    assert_eq!(ent.name.as_deref(), Some("Acme Commercial License"));
    let named = |role: Role| ent.entities_with_role(&role).map(|e| e.name.clone()).collect::<Vec<_>>();
    assert_eq!(named(Role::Licensor), ["Acme Inc"]);
    assert_eq!(named(Role::Licensee), ["Example Co."]);
    assert_eq!(named(Role::Purchaser), ["Samantha Wright"]);
    assert_eq!(ent.meta, [Meta::default().with_purchase_order("PO-12345")]);
    assert_eq!(ent.products.len(), 1);
    assert_eq!(ent.products[0].product.as_deref(), Some("cryptographic-provider"));
    assert_eq!(ent.products[0].versions.as_ref().and_then(|v| v.from.as_deref()), Some("2.2.0"));
    // `appliance` is no metric and no term: the dates make a term of unstated kind.
    assert_eq!(ent.metric, None);
    assert_eq!(
        ent.terms,
        [Term::new(TermKind::Other(UNSTATED_TERM.into()))
            .from("2022-04-13T20:20:39+00:00")
            .until("2023-04-13T20:20:39+00:00")]
    );
    assert_eq!(ent.quantity, None);

    // The whole Ent, in its own JSON form: what does not cross is in the `cyclonedx` members.
    let expected = Ent::from_json_str(
        r#"{
          "entId": "acme-license-1",
          "name": "Acme Commercial License",
          "entities": [
            {"name": "Acme Inc", "roles": ["licensor"],
             "cyclonedx": {"organization": {"contact": [{"name": "Acme Licensing Fulfillment", "email": "licensing@example.com"}]}}},
            {"name": "Example Co.", "roles": ["licensee"]},
            {"name": "Samantha Wright", "roles": ["purchaser"],
             "cyclonedx": {"individual": {"email": "samantha.wright@gmail.com", "phone": "800-555-1212"}}}
          ],
          "meta": [{"purchaseOrder": "PO-12345"}],
          "products": [{
            "product": "cryptographic-provider",
            "versions": {"from": "2.2.0", "to": "2.2.0"},
            "cyclonedx": {"type": "library", "publisher": "Acme Inc", "group": "com.acme"}
          }],
          "terms": [{"kind": "unstated", "start": "2022-04-13T20:20:39+00:00", "end": "2023-04-13T20:20:39+00:00"}],
          "cyclonedx": {"licensing": {"altIds": ["acme", "acme-license"], "licenseTypes": ["appliance"]}}
        }"#,
    )
    .unwrap();
    assert_eq!(ent, &expected);

    // The Ent's JSON form holds it all.
    assert_eq!(&Ent::from_json_str(&ent.to_json_string().unwrap()).unwrap(), ent);
}

#[test]
fn the_sample_lists_what_does_not_cross() {
    let import = cyclonedx::import_json(&sample()).unwrap();
    let lic = "components[0]/licenses[0]/license/licensing";
    assert_eq!(
        not_crossed(&import.not_crossed),
        [
            ("serialNumber".to_owned(), false),
            ("version".to_owned(), false),
            ("components[0]/group".to_owned(), true),
            ("components[0]/publisher".to_owned(), true),
            ("components[0]/type".to_owned(), true),
            (format!("{lic}/altIds"), true),
            (format!("{lic}/licensor/organization/contact"), true),
            (format!("{lic}/purchaser/individual/email"), true),
            (format!("{lic}/purchaser/individual/phone"), true),
            (format!("{lic}/licenseTypes[0]"), true),
        ]
    );
    let types = import.not_crossed.iter().find(|n| n.path.to_string().ends_with("licenseTypes[0]")).unwrap();
    assert_eq!(types.reason, "licence type \"appliance\": no Ent metric or term: kept in the Ent's extensions");
    assert_eq!(
        types.to_string(),
        format!(
            "{lic}/licenseTypes[0]: licence type \"appliance\": no Ent metric or term: kept in the Ent's extensions (kept)"
        )
    );
}

#[test]
fn the_sample_exports_and_imports_again() {
    let import = cyclonedx::import_json(&sample()).unwrap();
    assert_stable(&import);

    let export = cyclonedx::export(&import.ents);
    assert!(export.not_crossed.is_empty());
    let bom = &export.bom;
    assert_eq!(bom["bomFormat"], "CycloneDX");
    assert_eq!(bom["specVersion"], "1.6");
    let component = &bom["components"][0];
    assert_eq!(component["type"], "library");
    assert_eq!(component["name"], "cryptographic-provider");
    assert_eq!(component["version"], "2.2.0");
    // The licence is the sample's, member for member.
    let original: serde_json::Value = serde_json::from_str(&sample()).unwrap();
    assert_eq!(component["licenses"][0]["license"], original["components"][0]["licenses"][0]["license"]);
    let mut without_licenses = original["components"][0].clone();
    without_licenses.as_object_mut().unwrap().remove("licenses");
    let mut written = component.clone();
    written.as_object_mut().unwrap().remove("licenses");
    assert_eq!(written, without_licenses);
}

/// A BOM with most of what `CycloneDX` 1.6 can say about licences.
const RICH: &str = include_str!("fixtures/cyclonedx/rich-1.6.json");

#[test]
fn a_rich_bom_imports() {
    let import = cyclonedx::import_json(RICH).unwrap();
    assert_eq!(import.ents.len(), 3);
    let [ea, eval, agent] = &import.ents[..] else { unreachable!() };

    // No bom-ref: the id is the serial number and the path; the SPDX id is the name.
    assert_eq!(ea.ent_id, "urn:uuid:0b9b9d3c-1f6d-4d51-8c2a-51c9b3f8a001#components[0]/licenses[0]/license");
    assert_eq!(ea.name.as_deref(), Some("LicenseRef-MS-EA"));
    assert_eq!(ea.metric, Some(Metric::ClientAccess { access_by: AccessBy::User }));
    assert_eq!(ea.terms, [Term::new(TermKind::Perpetual).from("2024-01-01").until("2026-12-31T23:59:59Z")]);
    assert_eq!(ea.links.len(), 1);
    assert_eq!(
        (ea.links[0].href.as_str(), &ea.links[0].rel),
        ("pkg:generic/microsoft/sql-server@2022", &Rel::Entitles)
    );
    assert_eq!(ea.products[0].tag_id.as_deref(), Some("microsoft.com-sqlserver-2022"));
    assert_eq!(ea.products[0].product.as_deref(), Some("SQL Server"));
    assert_eq!(ea.meta[0].purchase_order.as_deref(), Some("PO-2024-0117"));
    let purchaser = ea.entities_with_role(&Role::Purchaser).next().unwrap();
    assert_eq!(purchaser.name, "Ada Buyer");
    let json: serde_json::Value = serde_json::from_str(&ea.to_json_string().unwrap()).unwrap();
    assert_eq!(
        json["cyclonedx"]["license"],
        serde_json::json!({"id": "LicenseRef-MS-EA", "acknowledgement": "concluded"})
    );
    assert_eq!(json["cyclonedx"]["licensing"], serde_json::json!({"licenseTypes": ["oem"]}));
    assert_eq!(
        json["entities"][0]["cyclonedx"],
        serde_json::json!({"organization": {"url": ["https://www.microsoft.com"]}})
    );

    assert_eq!(eval.ent_id, "sql-eval");
    assert_eq!(eval.metric, Some(Metric::ConcurrentUser));
    assert_eq!(eval.terms, [Term::new(TermKind::Evaluation).until("2025-03-01T00:00:00Z")]);
    let json: serde_json::Value = serde_json::from_str(&eval.to_json_string().unwrap()).unwrap();
    assert_eq!(json["cyclonedx"]["licensing"], serde_json::json!({"licenseTypes": ["named-user"]}));

    assert_eq!(agent.metric, Some(Metric::ProcessorCoreFactor { core_factors: vec![], default_factor: None }));
    assert_eq!(agent.terms, [Term::new(TermKind::Subscription)]);
    assert_eq!(agent.products[0].product.as_deref(), Some("sql-agent"));
    assert!(agent.links.is_empty());

    let c0 = "components[0]";
    let l0 = "components[0]/licenses[0]/license";
    let nested = "components[0]/components[0]";
    assert_eq!(
        not_crossed(&import.not_crossed),
        [
            ("dependencies".to_owned(), false),
            ("metadata".to_owned(), false),
            ("serialNumber".to_owned(), false),
            ("version".to_owned(), false),
            (format!("{c0}/bom-ref"), true),
            (format!("{c0}/type"), true),
            (format!("{c0}/swid/name"), true),
            (format!("{c0}/swid/version"), true),
            (format!("{l0}/acknowledgement"), true),
            (format!("{l0}/licensing/licensor/organization/url"), true),
            (format!("{l0}/licensing/purchaser/individual/email"), true),
            (format!("{l0}/licensing/licenseTypes[3]"), true),
            (format!("{c0}/licenses[1]/license/licensing/licenseTypes[2]"), true),
            (format!("{c0}/licenses[2]"), false),
            (format!("{c0}/licenses[3]"), false),
            (nested.to_owned(), false),
            (format!("{nested}/type"), true),
            (format!("{nested}/licenses[0]/license/licensing/altIds"), true),
            (format!("{nested}/licenses[0]/license/licensing/custom"), true),
            ("components[1]".to_owned(), false),
        ]
    );
    let second = import
        .not_crossed
        .iter()
        .find(|n| n.path.to_string().ends_with("licenses[1]/license/licensing/licenseTypes[2]"));
    assert_eq!(
        second.unwrap().reason,
        "licence type \"named-user\": a second metric (an Ent has one): kept in the Ent's extensions"
    );
    assert_stable(&import);
}

#[test]
fn the_rich_bom_exports_flat() {
    let import = cyclonedx::import_json(RICH).unwrap();
    let bom = cyclonedx::export(&import.ents).bom;
    let components = bom["components"].as_array().unwrap();
    // The two licences of SQL Server share its component; the nested agent follows it.
    assert_eq!(components.len(), 2);
    assert_eq!(components[0]["licenses"].as_array().unwrap().len(), 2);
    assert_eq!(components[0]["purl"], "pkg:generic/microsoft/sql-server@2022");
    assert_eq!(
        components[0]["swid"],
        serde_json::json!({"tagId": "microsoft.com-sqlserver-2022", "name": "SQL Server", "version": "16.0"})
    );
    let ea = &components[0]["licenses"][0]["license"];
    assert_eq!(ea["id"], "LicenseRef-MS-EA");
    assert!(ea.get("name").is_none());
    assert_eq!(ea["bom-ref"], "urn:uuid:0b9b9d3c-1f6d-4d51-8c2a-51c9b3f8a001#components[0]/licenses[0]/license");
    assert_eq!(ea["licensing"]["licenseTypes"], serde_json::json!(["client-access", "user", "perpetual", "oem"]));
    assert_eq!(ea["licensing"]["lastRenewal"], "2024-01-01");
    assert_eq!(
        ea["licensing"]["purchaser"],
        serde_json::json!({"individual": {"name": "Ada Buyer", "email": "ada@contoso.example"}})
    );
    assert_eq!(components[1]["name"], "sql-agent");
    assert_eq!(components[1]["licenses"][0]["license"]["licensing"]["custom"], serde_json::json!({"x": 1.5}));
}

const TYPES: [&str; 17] = [
    "academic",
    "appliance",
    "client-access",
    "concurrent-user",
    "core-points",
    "custom-metric",
    "device",
    "evaluation",
    "named-user",
    "node-locked",
    "oem",
    "perpetual",
    "processor-points",
    "subscription",
    "user",
    "other",
    "x-unknown",
];

fn with_types(types: &[&str]) -> Import {
    let bom = serde_json::json!({
        "bomFormat": "CycloneDX", "specVersion": "1.5",
        "components": [{"type": "application", "name": "p",
            "licenses": [{"license": {"bom-ref": "l", "name": "L", "licensing": {"licenseTypes": types}}}]}]
    });
    cyclonedx::import_json(&bom.to_string()).unwrap()
}

#[test]
fn each_licence_type_maps() {
    let other = |n: &str| Some(Metric::Other { name: n.into(), params: vec![] });
    let cases: [(&str, Option<Metric>, Option<TermKind>); 17] = [
        ("academic", None, None),
        ("appliance", None, None),
        ("client-access", other("client-access"), None),
        ("concurrent-user", Some(Metric::ConcurrentUser), None),
        ("core-points", Some(Metric::ProcessorCoreFactor { core_factors: vec![], default_factor: None }), None),
        ("custom-metric", other("custom-metric"), None),
        ("device", Some(Metric::PerDevice), None),
        ("evaluation", None, Some(TermKind::Evaluation)),
        ("named-user", Some(Metric::NamedUser { minimum_per_processor: None }), None),
        ("node-locked", other("node-locked"), None),
        ("oem", None, None),
        ("perpetual", None, Some(TermKind::Perpetual)),
        ("processor-points", other("processor-points"), None),
        ("subscription", None, Some(TermKind::Subscription)),
        ("user", other("user"), None),
        ("other", None, None),
        ("x-unknown", None, None),
    ];
    for (name, metric, term) in cases {
        let import = with_types(&[name]);
        let ent = &import.ents[0];
        assert_eq!(ent.metric, metric, "{name}");
        assert_eq!(ent.terms, term.map(Term::new).into_iter().collect::<Vec<_>>(), "{name}");
        let kept = metric.is_none() && ent.terms.is_empty();
        assert_eq!(import.not_crossed.iter().any(|n| n.path.to_string().ends_with("licenseTypes[0]")), kept, "{name}");
    }
    let ca = |types: &[&str]| with_types(types).ents[0].metric.clone();
    assert_eq!(ca(&["client-access", "user"]), Some(Metric::ClientAccess { access_by: AccessBy::User }));
    assert_eq!(ca(&["device", "client-access"]), Some(Metric::ClientAccess { access_by: AccessBy::Device }));
    assert_eq!(ca(&["client-access", "device", "user"]), Some(Metric::ClientAccess { access_by: AccessBy::User }));
}

#[test]
fn every_list_of_up_to_three_licence_types_is_stable() {
    let mut lists: Vec<Vec<&str>> = vec![vec![]];
    for a in TYPES {
        lists.push(vec![a]);
        for b in TYPES {
            lists.push(vec![a, b]);
        }
    }
    // Three from the types that interact.
    let tricky = ["client-access", "user", "device", "named-user", "perpetual", "oem"];
    for a in tricky {
        for b in tricky {
            for c in tricky {
                lists.push(vec![a, b, c]);
            }
        }
    }
    for list in lists {
        let import = with_types(&list);
        let bom = cyclonedx::export_json(&import.ents);
        let again = cyclonedx::import_json(&bom).unwrap();
        assert_eq!(again.ents, import.ents, "{list:?}");
        // Nothing is lost: the types come back as a permutation of the original.
        let back = &cyclonedx::export(&again.ents).bom["components"][0]["licenses"][0]["license"]["licensing"];
        let mut written: Vec<String> = back
            .get("licenseTypes")
            .map(|t| t.as_array().unwrap().iter().map(|v| v.as_str().unwrap().to_owned()).collect())
            .unwrap_or_default();
        let mut original: Vec<String> = list.iter().map(|s| (*s).to_owned()).collect();
        written.sort();
        original.sort();
        assert_eq!(written, original, "{list:?}");
    }
}

#[test]
fn export_lists_what_cannot_cross() {
    let ent = Ent::new("contoso-ws2022-dc-0001")
        .with_name("Windows Server 2022 Datacenter")
        .with_version("3")
        .with_entity(Entity::new("Microsoft Corporation", [Role::Licensor]).with_regid("microsoft.com"))
        .with_entity(Entity::new("Contoso Ltd", [Role::Licensee, Role::EntCreator]))
        .with_entity(Entity::new("Fabrikam Reseller", [Role::Reseller]))
        .with_meta(Meta::default().with_sku("9EM-00562").with_purchase_order("PO-1"))
        .with_product(EntitledProduct::named("Windows Server").with_edition("Datacenter").with_regid("microsoft.com"))
        .with_metric(Metric::per_core(8, 16, 2))
        .with_quantity(Quantity::count(64))
        .with_right(Right::Downgrade { lowest_version: Some("2016".into()), editions: vec![] })
        .with_limitation(Limitation::Geography { countries: vec!["DE".into()], regions: vec![] })
        .with_term(Term::new(TermKind::Perpetual).from("2023-01-01T00:00:00Z"))
        .with_term(Term::new(TermKind::Maintenance).until("2026-01-01T00:00:00Z"))
        .with_cost(Cost::new(Decimal::new(615_500, 2), "EUR"));
    let export = cyclonedx::export(std::slice::from_ref(&ent));
    assert_eq!(
        not_crossed(&export.not_crossed),
        [
            ("[0]/products[0]/regid".to_owned(), false),
            ("[0]/products[0]/edition".to_owned(), false),
            ("[0]/version".to_owned(), false),
            ("[0]/entities[0]/regid".to_owned(), false),
            ("[0]/entities[1]/roles".to_owned(), false),
            ("[0]/entities[2]/roles".to_owned(), false),
            ("[0]/meta[0]/sku".to_owned(), false),
            ("[0]/quantity".to_owned(), false),
            ("[0]/metric".to_owned(), false),
            ("[0]/terms[1]".to_owned(), false),
            ("[0]/rights[0]".to_owned(), false),
            ("[0]/limitations[0]".to_owned(), false),
            ("[0]/costs[0]".to_owned(), false),
        ]
    );
    let reasons: Vec<&str> = export.not_crossed.iter().map(|n| n.reason.as_str()).collect();
    assert!(reasons.contains(&"metric perCore: written as custom-metric, its name and parameters do not cross"));
    assert!(reasons.contains(&"role entCreator: CycloneDX has no such party"));
    let licensing = &export.bom["components"][0]["licenses"][0]["license"]["licensing"];
    assert_eq!(
        licensing,
        &serde_json::json!({
            "licensor": {"organization": {"name": "Microsoft Corporation"}},
            "licensee": {"organization": {"name": "Contoso Ltd"}},
            "purchaseOrder": "PO-1",
            "licenseTypes": ["custom-metric", "perpetual"],
            "lastRenewal": "2023-01-01T00:00:00Z"
        })
    );
    assert_eq!(export.bom["components"][0]["type"], "application");
    assert_eq!(export.bom["components"][0]["name"], "Windows Server");
    assert_eq!(export.bom["components"][0]["licenses"][0]["license"]["bom-ref"], "contoso-ws2022-dc-0001");

    // What crossed comes back.
    let back = &cyclonedx::import_json(&export.to_json_string()).unwrap().ents[0];
    assert_eq!(back.ent_id, ent.ent_id);
    assert_eq!(back.name, ent.name);
    assert_eq!(back.metric, Some(Metric::Other { name: "custom-metric".into(), params: vec![] }));
    assert_eq!(back.terms, [Term::new(TermKind::Perpetual).from("2023-01-01T00:00:00Z")]);
    assert_eq!(back.entities.len(), 2);
}

#[test]
fn an_empty_slice_exports_an_empty_bom() {
    let export = cyclonedx::export(&[]);
    assert_eq!(export.bom, serde_json::json!({"bomFormat": "CycloneDX", "specVersion": "1.6", "components": []}));
    assert_eq!(cyclonedx::import_json(&export.to_json_string()).unwrap(), Import::default());
}

/// The error's path, line and column, and its message.
fn error(json: &str) -> (String, Option<u64>, Option<u64>, String) {
    let err = cyclonedx::import_json(json).unwrap_err();
    let DecodeError::Json { message, .. } = &err else { panic!("{err:?}") };
    (err.path().to_string(), err.position().line(), err.position().column(), message.clone())
}

#[test]
fn bad_input_is_a_located_error() {
    // Not JSON.
    let (path, line, column, message) = error("{\n  \"bomFormat\": \"CycloneDX\",\n  \"components\": [}\n");
    assert_eq!((path.as_str(), line, column), ("components[0]", Some(3), Some(18)));
    assert!(message.starts_with("expected value"), "{message}");
    let (_, line, column, message) = error("<bom/>");
    assert_eq!((line, column), (Some(1), Some(1)));
    assert!(message.starts_with("expected value"), "{message}");
    let (_, line, _, message) = error("");
    assert_eq!(line, Some(1));
    assert!(message.contains("EOF"), "{message}");

    // A licensing object of the wrong type.
    let sample = sample();
    let bad = sample.replacen("\"licensing\": {", "\"licensing\": [{", 1).replacen(
        "\n          }\n        }\n      ]",
        "\n          }]\n        }\n      ]",
        1,
    );
    assert_ne!(bad, sample);
    let (path, line, column, message) = error(&bad);
    assert_eq!(path, "components[0]/licenses[0]/license/licensing");
    assert_eq!((line, column), (Some(18), Some(25)));
    assert!(message.starts_with("invalid type: sequence, expected struct Licensing"), "{message}");

    let (path, line, column, message) =
        error(&sample.replace("\"licenseTypes\": [\"appliance\"]", "\"licenseTypes\": [\"appliance\", 7]"));
    assert_eq!(path, "components[0]/licenses[0]/license/licensing/licenseTypes[1]");
    assert_eq!((line, column), (Some(46), Some(45)));
    assert!(message.starts_with("invalid type: integer `7`, expected a string"), "{message}");

    let (path, _, _, message) =
        error(&sample.replace("\"name\": \"Example Co.\"", "\"name\": {\"first\": \"Example\"}"));
    assert_eq!(path, "components[0]/licenses[0]/license/licensing/licensee/organization/name");
    assert!(message.starts_with("invalid type: map, expected a string"), "{message}");

    let (path, line, _, message) = error(&sample.replace("\"licensor\": {", "\"licensor\": \"Acme\", \"x\": {"));
    assert_eq!(path, "components[0]/licenses[0]/license/licensing/licensor");
    assert_eq!(line, Some(22));
    assert!(message.contains("expected struct Party"), "{message}");

    // Not a CycloneDX BOM.
    let (path, line, _, message) = error(&sample.replace("\"bomFormat\": \"CycloneDX\"", "\"bomFormat\": \"SPDX\""));
    assert_eq!((path.as_str(), line), ("bomFormat", Some(2)));
    assert!(message.starts_with("bomFormat \"SPDX\": not a CycloneDX BOM"), "{message}");
    let (path, _, _, message) = error("{\"components\": []}");
    assert_eq!(path, "");
    assert!(message.starts_with("missing field `bomFormat`"), "{message}");
    let (_, _, _, message) = error("[]");
    assert!(message.starts_with("invalid type: sequence, expected struct Bom"), "{message}");
    let (path, _, _, _) = error("{\"bomFormat\": \"CycloneDX\", \"components\": {}}");
    assert_eq!(path, "components");

    // Something after the BOM.
    let (path, line, _, message) = error(&format!("{sample} {{}}"));
    assert_eq!((path.as_str(), line), ("", Some(56)));
    assert!(message.starts_with("trailing characters"), "{message}");
}

#[test]
fn no_input_panics() {
    let sample = sample();
    // Every prefix of the sample, and every prefix with one byte changed.
    for end in (0..=sample.len()).filter(|&i| sample.is_char_boundary(i)) {
        let _ = cyclonedx::import_json(&sample[..end]);
    }
    let bytes = sample.as_bytes();
    for i in 0..bytes.len() {
        for b in [b'{', b']', b'"', b'0', b'n', b' '] {
            let mut changed = bytes.to_vec();
            changed[i] = b;
            if let Ok(text) = std::str::from_utf8(&changed)
                && let Ok(import) = cyclonedx::import_json(text)
            {
                let _ = cyclonedx::export_json(&import.ents);
            }
        }
    }
    // Deep nesting is refused, not a stack overflow.
    let deep = format!(
        "{{\"bomFormat\": \"CycloneDX\", \"components\": {}{}}}",
        "[{\"components\": ".repeat(200),
        "}]".repeat(200)
    );
    assert!(cyclonedx::import_json(&deep).is_err());
    // A byte-order mark is allowed.
    assert_eq!(cyclonedx::import_json(&format!("\u{feff}{sample}")).unwrap(), cyclonedx::import_json(&sample).unwrap());
}

#[test]
fn an_ent_without_a_product_writes_its_purl() {
    use iso19770_ent::Link;
    let ent = Ent::new("e-1")
        .with_name("Editor")
        .with_link(Link::new("pkg:generic/example/editor@2.1", Rel::Entitles))
        .with_link(Link::new("https://example.com/agreement.pdf", Rel::Agreement));
    let export = cyclonedx::export(std::slice::from_ref(&ent));
    assert_eq!(
        not_crossed(&export.not_crossed),
        [("[0]/products".to_owned(), false), ("[0]/links[1]".to_owned(), false)]
    );
    let component = &export.bom["components"][0];
    assert_eq!(component["name"], "Editor");
    assert_eq!(component["purl"], "pkg:generic/example/editor@2.1");
    let back = &cyclonedx::import_json(&export.to_json_string()).unwrap().ents[0];
    assert_eq!(back.links, ent.links[..1]);
}
