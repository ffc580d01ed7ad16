//! `CycloneDX` XML `licensing` import and export: the XML sample imports to the Ent its JSON twin
//! gives (but for the form of what is kept), import → export → import is stable, what does not
//! cross is listed, kept content keeps its namespaces, bad input is a located error.

#![cfg(feature = "xml")]
#![allow(clippy::expect_used, clippy::unwrap_used)]

use iso19770_core::{ForeignElement, NamespaceBinding};
use iso19770_ent::cyclonedx::{self, Import, NAMESPACE_1_5, NAMESPACE_1_6, UNSTATED_TERM};
use iso19770_ent::{AccessBy, DecodeError, Ent, Entity, Meta, Metric, Rel, Role, Term, TermKind};

fn fixture(name: &str) -> String {
    std::fs::read_to_string(format!("{}/tests/fixtures/cyclonedx/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

fn sample() -> String {
    fixture("valid-license-licensing-1.5.xml")
}

/// The not-crossed list as (path, kept) pairs.
fn not_crossed(list: &[cyclonedx::NotCrossed]) -> Vec<(String, bool)> {
    list.iter().map(|n| (n.path.to_string(), n.kept)).collect()
}

/// The kept elements of some extensions, as (name, raw) pairs.
fn kept(elements: &[ForeignElement]) -> Vec<(&str, &str)> {
    elements.iter().map(|e| (&*e.name, e.raw.as_str())).collect()
}

/// Import, export, import: the same Ents, the same BOM when exported again, nothing lost.
fn assert_stable(import: &Import) {
    let export = cyclonedx::export_xml(&import.ents);
    let again = cyclonedx::import_xml(&export.xml).unwrap_or_else(|e| panic!("{e}\n{}", export.xml));
    assert_eq!(again.ents, import.ents, "{}", export.xml);
    let second = cyclonedx::export_xml(&again.ents);
    assert_eq!(second.xml, export.xml);
    // Everything kept crosses back: nothing more is lost on export.
    assert!(second.not_crossed.is_empty(), "{:?}\n{}", second.not_crossed, export.xml);
}

#[test]
fn the_sample_imports() {
    let import = cyclonedx::import_xml(&sample()).unwrap();
    assert_eq!(import.ents.len(), 1);
    let ent = &import.ents[0];
    assert_eq!(ent.ent_id, "acme-license-1");
    assert_eq!(ent.name.as_deref(), Some("Acme Commercial License"));
    let named = |role: Role| ent.entities_with_role(&role).map(|e| e.name.clone()).collect::<Vec<_>>();
    assert_eq!(named(Role::Licensor), ["Acme Inc"]);
    assert_eq!(named(Role::Licensee), ["Example Co."]);
    assert_eq!(named(Role::Purchaser), ["Samantha Wright"]);
    assert_eq!(ent.meta, [Meta::default().with_purchase_order("PO-12345")]);
    assert_eq!(ent.metric, None);
    assert_eq!(
        ent.terms,
        [Term::new(TermKind::Other(UNSTATED_TERM.into()))
            .from("2022-04-13T20:20:39+00:00")
            .until("2023-04-13T20:20:39+00:00")]
    );
    assert_eq!(ent.products[0].product.as_deref(), Some("cryptographic-provider"));
    assert_eq!(ent.products[0].versions.as_ref().and_then(|v| v.from.as_deref()), Some("2.2.0"));

    // What does not cross is kept as CycloneDX 1.6 elements, the copies byte for byte.
    assert!(ent.extensions.entries.is_empty() && ent.extensions.attributes.is_empty());
    assert_eq!(
        kept(&ent.extensions.elements),
        [(
            "licensing",
            "<licensing xmlns=\"http://cyclonedx.org/schema/bom/1.6\"><altIds>\n                            \
             <altId>acme</altId>\n                            <altId>acme-license</altId>\n                        \
             </altIds><licenseTypes><licenseType>appliance</licenseType></licenseTypes></licensing>"
        )]
    );
    for e in ent.extensions.elements.iter().chain(&ent.products[0].extensions.elements) {
        assert_eq!(e.namespace.as_deref(), Some(NAMESPACE_1_6));
        assert!(e.namespaces.is_empty());
    }
    assert_eq!(
        kept(&ent.entities[0].extensions.elements),
        [(
            "organization",
            "<organization xmlns=\"http://cyclonedx.org/schema/bom/1.6\"><contact>\n                                    \
             <name>Acme Licensing Fulfillment</name>\n                                    \
             <email>licensing@example.com</email>\n                                \
             </contact></organization>"
        )]
    );
    assert!(ent.entities[1].extensions.is_empty());
    assert_eq!(
        kept(&ent.entities[2].extensions.elements),
        [(
            "individual",
            "<individual xmlns=\"http://cyclonedx.org/schema/bom/1.6\"><email>samantha.wright@gmail.com</email>\
             <phone>800-555-1212</phone></individual>"
        )]
    );
    assert_eq!(
        kept(&ent.products[0].extensions.elements),
        [(
            "component",
            "<component xmlns=\"http://cyclonedx.org/schema/bom/1.6\" type=\"library\"><publisher>Acme Inc</publisher>\
             <group>com.acme</group></component>"
        )]
    );

    // The Ent XML form carries the kept elements as they are.
    let xml = ent.to_xml_string().unwrap();
    assert_eq!(&Ent::from_xml_str(&xml).unwrap(), ent);
}

#[test]
fn the_sample_lists_what_does_not_cross() {
    let import = cyclonedx::import_xml(&sample()).unwrap();
    let c = "bom/components/component";
    let lic = "bom/components/component/licenses/license/licensing";
    assert_eq!(
        not_crossed(&import.not_crossed),
        [
            ("bom@serialNumber".to_owned(), false),
            ("bom@version".to_owned(), false),
            (format!("{c}@type"), true),
            (format!("{c}/publisher"), true),
            (format!("{c}/group"), true),
            (format!("{lic}/altIds"), true),
            (format!("{lic}/licensor/organization/contact"), true),
            (format!("{lic}/purchaser/individual/email"), true),
            (format!("{lic}/purchaser/individual/phone"), true),
            (format!("{lic}/licenseTypes/licenseType"), true),
        ]
    );
    let types = import.not_crossed.last().unwrap();
    assert_eq!(types.reason, "licence type \"appliance\": no Ent metric or term: kept in the Ent's extensions");
}

#[test]
fn the_sample_exports_and_imports_again() {
    let import = cyclonedx::import_xml(&sample()).unwrap();
    assert_stable(&import);
    let export = cyclonedx::export_xml(&import.ents);
    assert!(export.not_crossed.is_empty());
    let xml = &export.xml;
    assert!(xml.starts_with(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<bom xmlns=\"http://cyclonedx.org/schema/bom/1.6\">"
    ));
    // The schema's order, the kept copies where they belong.
    let order = [
        "<component type=\"library\">",
        "<publisher>Acme Inc</publisher>",
        "<group>com.acme</group>",
        "<name>cryptographic-provider</name>",
        "<version>2.2.0</version>",
        "<license bom-ref=\"acme-license-1\">",
        "<name>Acme Commercial License</name>",
        "<altIds>",
        "<licensor>",
        "<name>Acme Inc</name>",
        "<contact>",
        "<licensee>",
        "<purchaser>",
        "<individual>",
        "<email>samantha.wright@gmail.com</email>",
        "<phone>800-555-1212</phone>",
        "<purchaseOrder>PO-12345</purchaseOrder>",
        "<licenseType>appliance</licenseType>",
        "<lastRenewal>2022-04-13T20:20:39+00:00</lastRenewal>",
        "<expiration>2023-04-13T20:20:39+00:00</expiration>",
    ];
    let mut from = 0;
    for part in order {
        let at = xml[from..].find(part).unwrap_or_else(|| panic!("{part} after byte {from}\n{xml}"));
        from += at + part.len();
    }
    // A 1.5 document and its 1.6 form give the same Ents.
    let as_16 = sample().replace(NAMESPACE_1_5, NAMESPACE_1_6);
    assert_eq!(cyclonedx::import_xml(&as_16).unwrap().ents, import.ents);
}

#[test]
fn an_empty_slice_exports_an_empty_bom() {
    let export = cyclonedx::export_xml(&[]);
    assert_eq!(
        export.xml,
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<bom xmlns=\"http://cyclonedx.org/schema/bom/1.6\">\n  \
         <components/>\n</bom>\n"
    );
    assert_eq!(cyclonedx::import_xml(&export.xml).unwrap(), Import::default());
}

#[test]
fn a_rich_bom_imports() {
    let import = cyclonedx::import_xml(&fixture("rich-1.6.xml")).unwrap();
    assert_eq!(import.ents.len(), 3);
    let [ea, eval, agent] = &import.ents[..] else { unreachable!() };

    // No bom-ref: the id is the serial number and the JSON form's path, as from JSON.
    assert_eq!(ea.ent_id, "urn:uuid:0b9b9d3c-1f6d-4d51-8c2a-51c9b3f8a001#components[0]/licenses[0]/license");
    assert_eq!(ea.name.as_deref(), Some("LicenseRef-MS-EA"));
    assert_eq!(ea.metric, Some(Metric::ClientAccess { access_by: AccessBy::User }));
    assert_eq!(ea.terms, [Term::new(TermKind::Perpetual).from("2024-01-01").until("2026-12-31T23:59:59Z")]);
    assert_eq!(
        (ea.links[0].href.as_str(), &ea.links[0].rel),
        ("pkg:generic/microsoft/sql-server@2022", &Rel::Entitles)
    );
    assert_eq!(ea.products[0].tag_id.as_deref(), Some("microsoft.com-sqlserver-2022"));
    assert_eq!(
        kept(&ea.extensions.elements),
        [
            (
                "license",
                "<license xmlns=\"http://cyclonedx.org/schema/bom/1.6\" acknowledgement=\"concluded\">\
                 <id>LicenseRef-MS-EA</id></license>"
            ),
            (
                "licensing",
                "<licensing xmlns=\"http://cyclonedx.org/schema/bom/1.6\"><licenseTypes><licenseType>oem</licenseType>\
                 </licenseTypes></licensing>"
            ),
        ]
    );
    // The swid without its tag id, with the component's attributes.
    assert_eq!(
        kept(&ea.products[0].extensions.elements),
        [(
            "component",
            "<component xmlns=\"http://cyclonedx.org/schema/bom/1.6\" type=\"application\" bom-ref=\"sql\">\
             <swid name=\"SQL Server\" version=\"16.0\"/></component>"
        )]
    );
    assert_eq!(eval.ent_id, "sql-eval");
    assert_eq!(eval.metric, Some(Metric::ConcurrentUser));
    assert_eq!(eval.terms, [Term::new(TermKind::Evaluation).until("2025-03-01T00:00:00Z")]);
    assert_eq!(agent.metric, Some(Metric::ProcessorCoreFactor { core_factors: vec![], default_factor: None }));
    assert_eq!(agent.terms, [Term::new(TermKind::Subscription)]);

    // The foreign element keeps the declaration of its prefix, made on the root.
    let licensing = &agent.extensions.elements[0];
    assert_eq!(
        licensing.raw,
        "<licensing xmlns=\"http://cyclonedx.org/schema/bom/1.6\"><altIds>\n                  <altId>A-1</altId>\n                \
         </altIds><ext:custom x=\"1.5\"/></licensing>"
    );
    assert_eq!(licensing.namespaces, [NamespaceBinding::new(Some("ext"), "urn:example:ext")]);

    let c0 = "bom/components/component";
    let l0 = "bom/components/component/licenses/license";
    let nested = "bom/components/component/components/component";
    assert_eq!(
        not_crossed(&import.not_crossed),
        [
            ("bom@serialNumber".to_owned(), false),
            ("bom@version".to_owned(), false),
            ("bom/metadata".to_owned(), false),
            ("bom/dependencies".to_owned(), false),
            (format!("{c0}@type"), true),
            (format!("{c0}@bom-ref"), true),
            (format!("{c0}/swid@name"), true),
            (format!("{c0}/swid@version"), true),
            (format!("{l0}@acknowledgement"), true),
            (format!("{l0}/licensing/licensor/organization/url"), true),
            (format!("{l0}/licensing/purchaser/individual/email"), true),
            (format!("{l0}/licensing/licenseTypes/licenseType[4]"), true),
            (format!("{c0}/licenses/license[2]/licensing/licenseTypes/licenseType[3]"), true),
            (format!("{c0}/licenses/license[3]"), false),
            (format!("{c0}/licenses/expression"), false),
            (nested.to_owned(), false),
            (format!("{nested}@type"), true),
            (format!("{nested}/licenses/license/licensing/altIds"), true),
            (format!("{nested}/licenses/license/licensing/custom"), true),
            ("bom/components/component[2]".to_owned(), false),
        ]
    );
    assert_stable(&import);
    // The Ent XML form carries it all (the prefix declared again where the element is written).
    for ent in &import.ents {
        assert_eq!(&Ent::from_xml_str(&ent.to_xml_string().unwrap()).unwrap(), ent);
    }
}

#[test]
fn the_rich_bom_exports_flat() {
    let import = cyclonedx::import_xml(&fixture("rich-1.6.xml")).unwrap();
    let xml = cyclonedx::export_xml(&import.ents).xml;
    // Two components: SQL Server with its two licences, then the nested agent.
    assert_eq!(xml.matches("<component ").count(), 2);
    assert_eq!(xml.matches("<license ").count(), 3);
    assert!(xml.contains("<swid tagId=\"microsoft.com-sqlserver-2022\" name=\"SQL Server\" version=\"16.0\"/>"));
    assert!(xml.contains(
        "<license bom-ref=\"urn:uuid:0b9b9d3c-1f6d-4d51-8c2a-51c9b3f8a001#components[0]/licenses[0]/license\" \
         acknowledgement=\"concluded\">\n          <id>LicenseRef-MS-EA</id>\n          <licensing>"
    ));
    assert!(xml.contains(
        "<licenseTypes>\n              <licenseType>client-access</licenseType>\n              \
         <licenseType>user</licenseType>\n              <licenseType>perpetual</licenseType>\n              \
         <licenseType>oem</licenseType>\n            </licenseTypes>"
    ));
    // The prefix the kept element relies on is declared where it is written.
    assert!(xml.contains("<licensing xmlns:ext=\"urn:example:ext\">"), "{xml}");
    assert!(xml.contains("<ext:custom x=\"1.5\"/>"));
}

fn with_types(types: &[&str]) -> String {
    let types: String = types.iter().map(|t| ["<licenseType>", t, "</licenseType>"].concat()).collect();
    format!(
        "<bom xmlns=\"{NAMESPACE_1_5}\"><components><component type=\"application\"><name>p</name><licenses>\
         <license bom-ref=\"l\"><name>L</name><licensing><licenseTypes>{types}</licenseTypes></licensing></license>\
         </licenses></component></components></bom>"
    )
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

#[test]
fn every_list_of_up_to_two_licence_types_is_stable() {
    let mut lists: Vec<Vec<&str>> = vec![vec![]];
    for a in TYPES {
        lists.push(vec![a]);
        for b in TYPES {
            lists.push(vec![a, b]);
        }
    }
    let tricky = ["client-access", "user", "device", "named-user", "perpetual", "oem"];
    for a in tricky {
        for b in tricky {
            for c in tricky {
                lists.push(vec![a, b, c]);
            }
        }
    }
    for list in lists {
        let import = cyclonedx::import_xml(&with_types(&list)).unwrap();
        let export = cyclonedx::export_xml(&import.ents);
        let again = cyclonedx::import_xml(&export.xml).unwrap();
        assert_eq!(again.ents, import.ents, "{list:?}");
        // Nothing is lost: the types come back as a permutation of the original.
        let mut written: Vec<&str> =
            export.xml.split("<licenseType>").skip(1).map(|s| s.split_once("</licenseType>").unwrap().0).collect();
        let mut original = list.clone();
        written.sort_unstable();
        original.sort_unstable();
        assert_eq!(written, original, "{list:?}");
    }
}

#[test]
fn kept_content_keeps_its_names() {
    // The CycloneDX namespace under a prefix, and a default namespace of another vocabulary.
    let doc = format!(
        "<c:bom xmlns:c=\"{NAMESPACE_1_5}\" xmlns=\"urn:example:other\" xmlns:v=\"urn:example:vendor\">\
         <c:components><c:component type=\"library\" v:flag=\"yes\"><c:publisher>Acme</c:publisher><c:name>p</c:name>\
         <note>unprefixed, in urn:example:other</note><c:swid tagId=\"t\" v:x=\"1\"><c:text>hi</c:text></c:swid>\
         <c:licenses><c:license bom-ref=\"l\"><c:name>L</c:name><c:licensing><c:licensor><c:individual>\
         <c:name>Ann</c:name><v:badge xmlns=\"\"><inner/></v:badge></c:individual></c:licensor>\
         </c:licensing></c:license></c:licenses></c:component></c:components></c:bom>"
    );
    let import = cyclonedx::import_xml(&doc).unwrap();
    let ent = &import.ents[0];
    let component = &ent.products[0].extensions.elements[0];
    assert_eq!(
        component.raw,
        "<component xmlns=\"http://cyclonedx.org/schema/bom/1.6\" type=\"library\" v:flag=\"yes\">\
         <c:publisher>Acme</c:publisher>\
         <swid v:x=\"1\"><c:text>hi</c:text></swid><note xmlns=\"urn:example:other\">unprefixed, in urn:example:other</note>\
         </component>"
    );
    assert_eq!(
        component.namespaces,
        [NamespaceBinding::new(Some("c"), NAMESPACE_1_6), NamespaceBinding::new(Some("v"), "urn:example:vendor")]
    );
    assert_eq!(ent.products[0].tag_id.as_deref(), Some("t"));
    let individual = &ent.entities[0].extensions.elements[0];
    assert_eq!(individual.name, "individual");
    assert_eq!(
        individual.raw,
        "<individual xmlns=\"http://cyclonedx.org/schema/bom/1.6\"><v:badge xmlns=\"\"><inner/></v:badge></individual>"
    );
    assert_eq!(individual.namespaces, [NamespaceBinding::new(Some("v"), "urn:example:vendor")]);
    assert_stable(&import);
    let xml = cyclonedx::export_xml(&import.ents).xml;
    assert!(
        xml.contains(
            "<component xmlns:c=\"http://cyclonedx.org/schema/bom/1.6\" xmlns:v=\"urn:example:vendor\" \
             type=\"library\" v:flag=\"yes\">"
        ),
        "{xml}"
    );
    // The individual's prefix is in scope already: not declared again.
    assert!(xml.contains("<individual>"), "{xml}");
    // The Ent XML form carries the kept elements and the declarations they rely on.
    assert_eq!(&Ent::from_xml_str(&ent.to_xml_string().unwrap()).unwrap(), ent);
}

#[test]
fn text_and_attributes_are_escaped() {
    let ent = Ent::new("id \"1\" <&>\t\n")
        .with_name("Tom & Jerry's <licence>")
        .with_entity(Entity::new("A \"B\" & C", [Role::Licensor]));
    let export = cyclonedx::export_xml(std::slice::from_ref(&ent));
    assert!(export.xml.contains("bom-ref=\"id &quot;1&quot; &lt;&amp;&gt;&#9;&#10;\""), "{}", export.xml);
    assert!(export.xml.contains("<name>Tom &amp; Jerry's &lt;licence&gt;</name>"));
    let back = &cyclonedx::import_xml(&export.xml).unwrap().ents[0];
    assert_eq!(back.ent_id, ent.ent_id);
    assert_eq!(back.name, ent.name);
    assert_eq!(back.entities[0].name, "A \"B\" & C");
    // References, character references and CDATA read as text.
    let doc = format!(
        "<bom xmlns=\"{NAMESPACE_1_6}\"><components><component type=\"library\"><name>a &amp; b&#x21;</name>\
         <licenses><license><name><![CDATA[<L>]]></name><licensing/></license></licenses></component></components></bom>"
    );
    let import = cyclonedx::import_xml(&doc).unwrap();
    assert_eq!(import.ents[0].products[0].product.as_deref(), Some("a & b!"));
    assert_eq!(import.ents[0].name.as_deref(), Some("<L>"));
}

#[test]
fn export_lists_kept_content_it_cannot_write() {
    let mut ent = cyclonedx::import_xml(&sample()).unwrap().ents.remove(0);
    // An element of another vocabulary, a kept element that does not parse, a second licensing,
    // an attribute, and a JSON member.
    ent.extensions.elements.push(ForeignElement::new(Some("urn:example:v"), "note", "<note xmlns=\"urn:example:v\"/>"));
    ent.extensions.elements.push(ForeignElement::new(Some(NAMESPACE_1_6), "license", "<license"));
    let second = ent.extensions.elements[0].clone();
    ent.extensions.elements.push(second);
    ent.extensions.set_attribute(Some("urn:example:v"), "flag", "1");
    ent.entities[0].extensions.entries.push(iso19770_core::cbor::CborEntry::new(
        iso19770_core::Label::from("x"),
        iso19770_core::cbor::CborValue::Bool(true),
    ));
    let export = cyclonedx::export_xml(std::slice::from_ref(&ent));
    let notes: Vec<(String, &str)> =
        export.not_crossed.iter().map(|n| (n.path.to_string(), n.reason.as_str())).collect();
    assert_eq!(
        notes,
        [
            ("[0]".to_owned(), "XML attributes kept from a document: CycloneDX XML has no place"),
            ("[0]".to_owned(), "the element {urn:example:v}note kept from a document: CycloneDX has no place here"),
            ("[0]".to_owned(), "a kept license element that cannot be read: not written"),
            ("[0]".to_owned(), "a second kept licensing element: not written"),
            ("[0]/entities[0]/x".to_owned(), "an extension member: CycloneDX has no place"),
        ]
    );
    // What is kept still crosses.
    let back = &cyclonedx::import_xml(&export.xml).unwrap().ents[0];
    assert_eq!(back.extensions.elements[0], ent.extensions.elements[0]);
    assert_eq!(back.entities[0].extensions.elements, ent.entities[0].extensions.elements);
    assert!(back.entities[0].extensions.entries.is_empty());
}

/// The error's variant name, line, column and path.
fn error(xml: &str) -> (DecodeError, Option<u64>, Option<u64>, String) {
    let err = cyclonedx::import_xml(xml).unwrap_err();
    let (line, column, path) = (err.position().line(), err.position().column(), err.path().to_string());
    (err, line, column, path)
}

#[test]
fn bad_input_is_a_located_error() {
    let sample = sample();
    let lic = "bom/components/component/licenses/license/licensing";

    // Not XML.
    let (err, line, column, path) = error("{\"bomFormat\": \"CycloneDX\"}");
    assert!(
        matches!(&err, DecodeError::XmlSyntax { message, .. } if message == "text outside the root element"),
        "{err:?}"
    );
    assert_eq!((line, column, path.as_str()), (Some(1), Some(1), ""));
    let (err, line, column, _) = error("");
    assert!(matches!(&err, DecodeError::XmlSyntax { message, .. } if message == "no root element"), "{err:?}");
    assert_eq!((line, column), (Some(1), Some(1)));
    let (err, line, column, path) = error(&sample.replace("</licensee>", "</licensor>"));
    assert!(matches!(err, DecodeError::XmlSyntax { .. }), "{err:?}");
    assert_eq!((line, column, path.as_str()), (Some(30), Some(25), format!("{lic}/licensee").as_str()));
    let (err, _, _, path) = error(&sample.replace("<purchaseOrder>PO-12345", "<purchaseOrder>PO &amp 12345"));
    assert!(matches!(err, DecodeError::XmlSyntax { .. }), "{err:?}");
    assert_eq!(path, format!("{lic}/purchaseOrder"));
    let (err, line, _, path) = error(&sample.replace("<purchaseOrder>PO-12345", "<purchaseOrder>&po;"));
    assert!(matches!(&err, DecodeError::XmlSyntax { message, .. } if message == "an undefined entity &po;"), "{err:?}");
    assert_eq!((line, path.as_str()), (Some(38), format!("{lic}/purchaseOrder").as_str()));
    let (err, _, _, path) = error(&sample.replace("<altIds>", "<x:altIds>").replace("</altIds>", "</x:altIds>"));
    assert!(
        matches!(&err, DecodeError::XmlSyntax { message, .. } if message == "the prefix x is not declared"),
        "{err:?}"
    );
    assert_eq!(path, format!("{lic}/altIds"));

    // A truncated document.
    let (err, line, column, path) = error(&sample[..sample.find("<lastRenewal>").unwrap()]);
    assert!(
        matches!(&err, DecodeError::XmlSyntax { message, .. } if message == "the document ends inside an element"),
        "{err:?}"
    );
    assert_eq!((line, column, path.as_str()), (Some(42), Some(25), lic));
    let (err, line, _, _) = error(&sample[..sample.find("<lastRenewal>").unwrap() + 5]);
    assert!(matches!(err, DecodeError::XmlSyntax { .. }), "{err:?}");
    assert_eq!(line, Some(42));

    // A document type declaration.
    let (err, line, column, path) = error(
        &sample.replace("<?xml version=\"1.0\"?>\n", "<?xml version=\"1.0\"?>\n<!DOCTYPE bom [<!ENTITY a \"b\">]>\n"),
    );
    assert!(matches!(err, DecodeError::XmlDoctype { .. }), "{err:?}");
    assert_eq!((line, column, path.as_str()), (Some(2), Some(1), ""));

    // Not a CycloneDX BOM.
    let (err, line, column, path) = error("<Ent xmlns=\"urn:iso19770-rs:ent:1\" entId=\"x\"/>");
    let DecodeError::XmlUnexpectedElement { expected, found, .. } = &err else { panic!("{err:?}") };
    assert_eq!(expected, "{http://cyclonedx.org/schema/bom/1.6}bom or {http://cyclonedx.org/schema/bom/1.5}bom");
    assert_eq!(found, "{urn:iso19770-rs:ent:1}Ent");
    assert_eq!((line, column, path.as_str()), (Some(1), Some(1), "Ent"));
    let (err, line, column, _) = error(&sample.replace("bom/1.5", "bom/1.4"));
    assert!(
        matches!(&err, DecodeError::XmlUnexpectedElement { found, .. } if found == "{http://cyclonedx.org/schema/bom/1.4}bom"),
        "{err:?}"
    );
    assert_eq!((line, column), (Some(2), Some(1)));
    let (err, _, _, _) = error("<bom/>");
    assert!(matches!(&err, DecodeError::XmlUnexpectedElement { found, .. } if found == "bom"), "{err:?}");

    // A licensing of the wrong structure.
    let (err, line, column, path) = error(&sample.replace("<licensing>", "<licensing>Acme"));
    assert!(
        matches!(&err, DecodeError::XmlSyntax { message, .. } if message == "text is not allowed in <licensing>"),
        "{err:?}"
    );
    assert_eq!((line, column, path.as_str()), (Some(12), Some(32), lic));
    let (err, line, column, path) = error(
        &sample.replace("<licenseType>appliance</licenseType>", "<licenseType>appliance</licenseType><type>oem</type>"),
    );
    let DecodeError::XmlUnexpectedElement { expected, found, .. } = &err else { panic!("{err:?}") };
    assert_eq!(
        (expected.as_str(), found.as_str()),
        ("{http://cyclonedx.org/schema/bom/1.5}licenseType", "{http://cyclonedx.org/schema/bom/1.5}type")
    );
    assert_eq!((line, column, path.as_str()), (Some(40), Some(65), format!("{lic}/licenseTypes/type").as_str()));
    let (err, _, _, path) = error(&sample.replace("<licenseType>appliance", "<licenseType>appliance<b/>"));
    assert!(
        matches!(&err, DecodeError::XmlUnexpectedElement { expected, .. } if expected == "text in <licenseType>"),
        "{err:?}"
    );
    assert_eq!(path, format!("{lic}/licenseTypes/licenseType/b"));
    let (err, line, column, path) = error(&sample.replace("<purchaseOrder>", "<purchaseOrder currency=\"EUR\">"));
    assert!(matches!(&err, DecodeError::XmlUnknownAttribute { name, .. } if name == "currency"), "{err:?}");
    assert_eq!((line, column, path.as_str()), (Some(38), Some(25), format!("{lic}/purchaseOrder@currency").as_str()));
    let second = "<licensor><organization><name>Other</name></organization></licensor>\n<licensee>";
    let (err, line, column, path) = error(&sample.replacen("<licensee>", second, 1));
    assert!(
        matches!(&err, DecodeError::XmlUnexpectedElement { expected, .. } if expected == "at most one <licensor> in <licensing>"),
        "{err:?}"
    );
    assert_eq!((line, column, path.as_str()), (Some(26), Some(25), format!("{lic}/licensor[2]").as_str()));
    let (err, _, _, path) = error(&sample.replace("<name>Example Co.</name>", "<name>Example</name><name>Co.</name>"));
    assert!(matches!(err, DecodeError::XmlUnexpectedElement { .. }), "{err:?}");
    assert_eq!(path, format!("{lic}/licensee/organization/name[2]"));
    let (err, _, _, path) =
        error(&sample.replace("<version>2.2.0</version>", "<version>2.2.0</version><swid tagId=\"t\">x</swid>"));
    assert!(matches!(err, DecodeError::XmlSyntax { .. }), "{err:?}");
    assert_eq!(path, "bom/components/component/swid");
    let (err, _, _, path) = error(&sample.replace("<individual>", "<individual>Samantha"));
    assert!(matches!(err, DecodeError::XmlSyntax { .. }), "{err:?}");
    assert_eq!(path, format!("{lic}/purchaser/individual"));

    // Limits.
    let deep = format!(
        "<bom xmlns=\"{NAMESPACE_1_6}\"><components>{}{}</components></bom>",
        "<component type=\"library\"><components>".repeat(200),
        "</components></component>".repeat(200)
    );
    let (err, ..) = error(&deep);
    assert!(matches!(err, DecodeError::TooDeep { limit: 256, .. }), "{err:?}");
    let many: String = (0..300).map(|i| [" a", &i.to_string(), "=\"\""].concat()).collect();
    let (err, _, _, path) = error(&format!("<bom xmlns=\"{NAMESPACE_1_6}\"{many}/>"));
    assert!(matches!(err, DecodeError::XmlTooManyAttributes { limit: 256, .. }), "{err:?}");
    assert_eq!(path, "bom");
}

#[test]
fn no_input_panics() {
    let sample = sample();
    // Every prefix of the sample, and every prefix with one byte changed.
    for end in (0..=sample.len()).filter(|&i| sample.is_char_boundary(i)) {
        let _ = cyclonedx::import_xml(&sample[..end]);
    }
    let bytes = sample.as_bytes();
    for i in 0..bytes.len() {
        for b in [b'<', b'>', b'/', b'"', b'&', b':', b'x', b' '] {
            let mut changed = bytes.to_vec();
            changed[i] = b;
            if let Ok(text) = std::str::from_utf8(&changed)
                && let Ok(import) = cyclonedx::import_xml(text)
            {
                let export = cyclonedx::export_xml(&import.ents);
                let again = cyclonedx::import_xml(&export.xml).unwrap_or_else(|e| panic!("{e}\n{}", export.xml));
                assert_eq!(again.ents, import.ents, "{text}");
            }
        }
    }
    // A byte-order mark is allowed.
    assert_eq!(cyclonedx::import_xml(&format!("\u{feff}{sample}")).unwrap(), cyclonedx::import_xml(&sample).unwrap());
}

/// The XML and JSON forms of a BOM give the same Ents, but for the form of what is kept.
#[cfg(feature = "json")]
mod with_json {
    use super::*;
    use iso19770_core::Extensions;

    fn pairs<const N: usize>(list: [(&str, bool); N]) -> Vec<(String, bool)> {
        list.iter().map(|(p, k)| ((*p).to_owned(), *k)).collect()
    }

    /// The Ent without any extensions (the part that does not depend on the form it came in).
    fn strip(ent: &Ent) -> Ent {
        let mut ent = ent.clone();
        ent.extensions = Extensions::default();
        for e in &mut ent.entities {
            e.extensions = Extensions::default();
        }
        for p in &mut ent.products {
            p.extensions = Extensions::default();
        }
        for l in &mut ent.links {
            l.extensions = Extensions::default();
        }
        for m in &mut ent.meta {
            m.extensions = Extensions::default();
        }
        ent
    }

    #[test]
    fn the_sample_imports_as_its_json_twin() {
        let xml = cyclonedx::import_xml(&sample()).unwrap();
        let json = cyclonedx::import_json(&fixture("valid-license-licensing-1.5.json")).unwrap();
        assert_eq!(xml.ents.len(), json.ents.len());
        for (x, j) in xml.ents.iter().zip(&json.ents) {
            // Entities, metric, terms, meta, products, links, ids: equal.
            assert_eq!(strip(x), strip(j));
            // What is kept: XML elements from XML, the `cyclonedx` JSON entry from JSON, at the
            // same places.
            let parts = |e: &Ent| {
                let mut parts = vec![!e.extensions.is_empty()];
                parts.extend(e.entities.iter().map(|n| !n.extensions.is_empty()));
                parts.extend(e.products.iter().map(|p| !p.extensions.is_empty()));
                parts
            };
            assert_eq!(parts(x), parts(j));
            assert_eq!(parts(x), [true, true, false, true, true]);
        }
        // The same things do not cross, named by the paths of each form.
        let kept = |list: &[cyclonedx::NotCrossed]| list.iter().filter(|n| n.kept).count();
        assert_eq!(kept(&xml.not_crossed), kept(&json.not_crossed));
        assert_eq!(xml.not_crossed.len(), json.not_crossed.len());
    }

    #[test]
    fn the_rich_bom_imports_as_its_json_twin() {
        let xml = cyclonedx::import_xml(&fixture("rich-1.6.xml")).unwrap();
        let json = cyclonedx::import_json(&fixture("rich-1.6.json")).unwrap();
        let stripped = |i: &Import| i.ents.iter().map(strip).collect::<Vec<_>>();
        assert_eq!(stripped(&xml), stripped(&json));
        assert_eq!(xml.not_crossed.len(), json.not_crossed.len());
    }

    #[test]
    fn json_to_xml_and_back() {
        let json = cyclonedx::import_json(&fixture("valid-license-licensing-1.5.json")).unwrap();
        let export = cyclonedx::export_xml(&json.ents);
        // The JSON members kept do not cross into XML, and say so.
        assert_eq!(
            not_crossed(&export.not_crossed),
            pairs([
                ("[0]/products[0]/cyclonedx", false),
                ("[0]/cyclonedx", false),
                ("[0]/entities[0]/cyclonedx", false),
                ("[0]/entities[2]/cyclonedx", false),
            ])
        );
        let xml = cyclonedx::import_xml(&export.xml).unwrap();
        // What the mapping carries comes back.
        assert_eq!(xml.ents.iter().map(strip).collect::<Vec<_>>(), json.ents.iter().map(strip).collect::<Vec<_>>());
        // The component is one made here: only its type is kept.
        let ent = &xml.ents[0];
        assert_eq!(
            kept(&ent.products[0].extensions.elements),
            [("component", "<component xmlns=\"http://cyclonedx.org/schema/bom/1.6\" type=\"application\"/>")]
        );
        assert!(ent.extensions.is_empty() && ent.entities.iter().all(|e| e.extensions.is_empty()));

        // And the other way.
        let xml = cyclonedx::import_xml(&sample()).unwrap();
        let export = cyclonedx::export(&xml.ents);
        assert_eq!(
            not_crossed(&export.not_crossed),
            pairs([("[0]/products[0]", false), ("[0]", false), ("[0]/entities[0]", false), ("[0]/entities[2]", false)])
        );
        let json = cyclonedx::import_json(&export.to_json_string()).unwrap();
        assert_eq!(xml.ents.iter().map(strip).collect::<Vec<_>>(), json.ents.iter().map(strip).collect::<Vec<_>>());
    }

    #[test]
    fn each_licence_type_maps_as_in_json() {
        for a in TYPES {
            for b in ["", "user", "perpetual", "oem"] {
                let list: Vec<&str> = [a, b].into_iter().filter(|t| !t.is_empty()).collect();
                let xml = cyclonedx::import_xml(&with_types(&list)).unwrap();
                let bom = serde_json::json!({
                    "bomFormat": "CycloneDX",
                    "components": [{"type": "application", "name": "p",
                        "licenses": [{"license": {"bom-ref": "l", "name": "L", "licensing": {"licenseTypes": list}}}]}]
                });
                let json = cyclonedx::import_json(&bom.to_string()).unwrap();
                assert_eq!(strip(&xml.ents[0]), strip(&json.ents[0]), "{list:?}");
                assert_eq!(xml.ents[0].extensions.is_empty(), json.ents[0].extensions.is_empty(), "{list:?}");
            }
        }
    }

    #[test]
    fn export_lists_what_cannot_cross_as_json_does() {
        use iso19770_ent::{Cost, EntitledProduct, Limitation, Quantity, Right};
        use rust_decimal::Decimal;
        let ent = Ent::new("contoso-ws2022-dc-0001")
            .with_name("Windows Server 2022 Datacenter")
            .with_version("3")
            .with_entity(Entity::new("Microsoft Corporation", [Role::Licensor]).with_regid("microsoft.com"))
            .with_entity(Entity::new("Contoso Ltd", [Role::Licensee, Role::EntCreator]))
            .with_entity(Entity::new("Fabrikam Reseller", [Role::Reseller]))
            .with_meta(Meta::default().with_sku("9EM-00562").with_purchase_order("PO-1"))
            .with_product(
                EntitledProduct::named("Windows Server").with_edition("Datacenter").with_regid("microsoft.com"),
            )
            .with_metric(Metric::per_core(8, 16, 2))
            .with_quantity(Quantity::count(64))
            .with_right(Right::Downgrade { lowest_version: Some("2016".into()), editions: vec![] })
            .with_limitation(Limitation::Geography { countries: vec!["DE".into()], regions: vec![] })
            .with_term(Term::new(TermKind::Perpetual).from("2023-01-01T00:00:00Z"))
            .with_term(Term::new(TermKind::Maintenance).until("2026-01-01T00:00:00Z"))
            .with_cost(Cost::new(Decimal::new(615_500, 2), "EUR"));
        let xml = cyclonedx::export_xml(std::slice::from_ref(&ent));
        assert_eq!(xml.not_crossed, cyclonedx::export(std::slice::from_ref(&ent)).not_crossed);
        assert_eq!(xml.not_crossed.len(), 13);
        assert!(
            xml.xml.contains(
                "<licensing>\n            <licensor>\n              <organization>\n                \
             <name>Microsoft Corporation</name>\n              </organization>\n            </licensor>\n            \
             <licensee>\n              <organization>\n                <name>Contoso Ltd</name>\n              \
             </organization>\n            </licensee>\n            <purchaseOrder>PO-1</purchaseOrder>\n            \
             <licenseTypes>\n              <licenseType>custom-metric</licenseType>\n              \
             <licenseType>perpetual</licenseType>\n            </licenseTypes>\n            \
             <lastRenewal>2023-01-01T00:00:00Z</lastRenewal>\n          </licensing>"
            ),
            "{}",
            xml.xml
        );
        assert!(xml.xml.contains("<component type=\"application\">\n      <name>Windows Server</name>"));
        let back = &cyclonedx::import_xml(&xml.xml).unwrap().ents[0];
        let json_back = &cyclonedx::import_json(&cyclonedx::export_json(std::slice::from_ref(&ent))).unwrap().ents[0];
        assert_eq!(strip(back), strip(json_back));
    }

    #[test]
    fn an_ent_without_a_product_is_written_as_json_writes_it() {
        use iso19770_ent::Link;
        let ent = Ent::new("e-1")
            .with_name("Editor")
            .with_link(Link::new("pkg:generic/example/editor@2.1", Rel::Entitles))
            .with_link(Link::new("https://example.com/agreement.pdf", Rel::Agreement));
        let xml = cyclonedx::export_xml(std::slice::from_ref(&ent));
        assert_eq!(xml.not_crossed, cyclonedx::export(std::slice::from_ref(&ent)).not_crossed);
        assert!(xml.xml.contains(
            "<component type=\"application\">\n      <name>Editor</name>\n      <licenses>\n        \
             <license bom-ref=\"e-1\">\n          <name>Editor</name>\n          <licensing/>\n        </license>\n      \
             </licenses>\n      <purl>pkg:generic/example/editor@2.1</purl>\n    </component>"
        ), "{}", xml.xml);
    }
}
