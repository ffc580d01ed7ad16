//! Import from, and export to, the commercial `licensing` of `CycloneDX` 1.5 and 1.6 BOMs, in
//! their JSON form (feature `json`) and their XML form (feature `xml`).
//!
//! `CycloneDX` (since 1.5) lets a licence of a component carry a `licensing` object: the licensor,
//! licensee and purchaser, the purchase order, the licence types, the last renewal and the
//! expiration. [`import_json`] and [`import_xml`] walk a BOM's components (nested ones too) and
//! give one [`Ent`] per licence that has a `licensing` object; [`export`], [`export_json`] and
//! [`export_xml`] write Ents back as a `CycloneDX` 1.6 BOM. Both forms share one mapping. What
//! does not cross either way is listed ([`NotCrossed`]), never dropped silently.
//!
//! ```
//! # #[cfg(feature = "json")] {
//! use iso19770_ent::cyclonedx;
//! use iso19770_ent::{Metric, Role};
//!
//! let bom = r#"{"bomFormat": "CycloneDX", "specVersion": "1.6", "components": [{
//!   "type": "application", "name": "Editor", "version": "2.1", "purl": "pkg:generic/example/editor@2.1",
//!   "licenses": [{"license": {"name": "Editor Commercial", "licensing": {
//!     "licensor": {"organization": {"name": "Example Software"}},
//!     "licensee": {"organization": {"name": "Contoso Ltd"}},
//!     "purchaseOrder": "PO-7", "licenseTypes": ["named-user", "subscription"],
//!     "expiration": "2027-01-31T23:59:59Z"}}}]}]}"#;
//! let import = cyclonedx::import_json(bom)?;
//! let ent = &import.ents[0];
//! assert_eq!(ent.name.as_deref(), Some("Editor Commercial"));
//! assert_eq!(ent.metric, Some(Metric::NamedUser { minimum_per_processor: None }));
//! assert_eq!(ent.entities_with_role(&Role::Licensee).next().map(|e| e.name.as_str()), Some("Contoso Ltd"));
//! assert_eq!(ent.terms[0].end.as_ref().map(|d| d.as_str()), Some("2027-01-31T23:59:59Z"));
//!
//! // Back to CycloneDX, and in again: the same Ents.
//! let again = cyclonedx::import_json(&cyclonedx::export_json(&import.ents))?;
//! assert_eq!(again.ents, import.ents);
//! # }
//! # Ok::<(), iso19770_ent::DecodeError>(())
//! ```
//!
//! The same licence in the XML form gives the same Ent:
//!
//! ```
//! # #[cfg(feature = "xml")] {
//! use iso19770_ent::cyclonedx;
//! use iso19770_ent::{Metric, Role};
//!
//! let bom = r#"<bom xmlns="http://cyclonedx.org/schema/bom/1.6"><components>
//!   <component type="application"><name>Editor</name><version>2.1</version>
//!     <licenses><license><name>Editor Commercial</name><licensing>
//!       <licensor><organization><name>Example Software</name></organization></licensor>
//!       <licensee><organization><name>Contoso Ltd</name></organization></licensee>
//!       <purchaseOrder>PO-7</purchaseOrder>
//!       <licenseTypes><licenseType>named-user</licenseType><licenseType>subscription</licenseType></licenseTypes>
//!       <expiration>2027-01-31T23:59:59Z</expiration>
//!     </licensing></license></licenses>
//!     <purl>pkg:generic/example/editor@2.1</purl>
//!   </component></components></bom>"#;
//! let import = cyclonedx::import_xml(bom)?;
//! let ent = &import.ents[0];
//! assert_eq!(ent.metric, Some(Metric::NamedUser { minimum_per_processor: None }));
//! assert_eq!(ent.entities_with_role(&Role::Licensor).next().map(|e| e.name.as_str()), Some("Example Software"));
//!
//! let again = cyclonedx::import_xml(&cyclonedx::export_xml(&import.ents).xml)?;
//! assert_eq!(again.ents, import.ents);
//! # }
//! # Ok::<(), iso19770_ent::DecodeError>(())
//! ```
//!
//! # What crosses, and how
//!
//! The names are those of the JSON form; the XML form has elements of the same names (the
//! licence's `bom-ref`, the component's `type` and the swid's `tagId` are attributes there, and
//! `licenseTypes` holds `licenseType` elements).
//!
//! | `CycloneDX` | Ent |
//! |---|---|
//! | a component's licence with a `licensing` object | one [`Ent`] |
//! | licence `bom-ref` | `entId`; without one (or with an empty one), `<serialNumber>#<path>` (`urn:uuid:…#components[0]/licenses[1]/license`), which export writes back as the `bom-ref`. The path is the JSON form's in both forms, so that a BOM gives the same ids as JSON and as XML |
//! | licence `name`, or else its SPDX `id` | `name` (the `id` is also kept in the extensions, so that export writes an `id`) |
//! | `licensor`, `licensee`, `purchaser` | an [`Entity`] each, with [`Role::Licensor`], [`Role::Licensee`], [`Role::Purchaser`]; the name of the `organization` or `individual` |
//! | `purchaseOrder` | a [`Meta`] with `purchaseOrder` |
//! | `licenseTypes` | the [`Metric`] and [`Term`] kinds below |
//! | `lastRenewal`, `expiration` | `start` and `end` of the first term, the text as written; with no term type, a term of kind [`UNSTATED_TERM`] |
//! | component `name`, `version`, `swid.tagId` | the [`EntitledProduct`]: `product`, `versions` (exactly that version), `tagId` |
//! | component `purl` | a [`Link`] with [`Rel::Entitles`] to the purl (a `pkg:` URI) |
//!
//! `licenseTypes`, one by one (no type has parameters; this project's mapping):
//!
//! | licence type | Ent |
//! |---|---|
//! | `concurrent-user` | metric [`Metric::ConcurrentUser`] |
//! | `device` | metric [`Metric::PerDevice`] |
//! | `named-user` | metric [`Metric::NamedUser`] without a minimum |
//! | `core-points` | metric [`Metric::ProcessorCoreFactor`] with an empty table |
//! | `client-access` with `user` (or else `device`) anywhere in the list | metric [`Metric::ClientAccess`] by user (by device), whatever comes before: the first `client-access` and the first `user` (`device`) are taken for it |
//! | `client-access` alone, `user`, `node-locked`, `processor-points`, `custom-metric` | metric [`Metric::Other`] of that name, no parameters |
//! | `perpetual`, `subscription`, `evaluation` | a [`Term`] of [`TermKind::Perpetual`], [`TermKind::Subscription`], [`TermKind::Evaluation`] |
//! | `academic`, `appliance`, `oem`, `other`, any other text | not crossed: kept in the Ent's extensions |
//! | a second metric type (an Ent has one metric) | not crossed: kept in the Ent's extensions |
//!
//! # What is kept without crossing
//!
//! Everything of a licence, its `licensing` and its component that has no Ent field is kept in
//! the extensions of the Ent, the entity or the entitled product, in the form it came in, so that
//! export to the same form restores it, and is listed in [`Import::not_crossed`] with
//! `kept: true`.
//!
//! From JSON, in an extension entry named [`EXTENSION_KEY`] (`"cyclonedx"`) holding the
//! `CycloneDX` members as written:
//!
//! | kept | where |
//! |---|---|
//! | licence `acknowledgement`, `text`, `url`, `properties`, `id`; `licensing` `altIds`, the licence types that do not cross, unknown members | the Ent's extensions: `{"cyclonedx": {"license": {…}, "licensing": {…}}}` |
//! | a party's `contact`, `url`, `address`, `email`, `phone`, `bom-ref`, whether it is an `individual` | the entity's extensions: `{"cyclonedx": {"individual": {"email": …}}}` (an organization with nothing but a name has none) |
//! | component `type`, `bom-ref`, `publisher`, `group`, `supplier`, `hashes`, …; `swid` members other than `tagId` | the product's extensions: `{"cyclonedx": {"type": "library", …}}` |
//!
//! From XML, in [`ForeignElement`](iso19770_core::ForeignElement)s of the extensions' `elements`:
//! one element per part, in the `CycloneDX` 1.6 namespace ([`NAMESPACE_1_6`], declared as the
//! element's default namespace) and named after the `CycloneDX` element it stands for, holding
//! the attributes that did not cross (values as read, written again escaped) and the child
//! elements that did not cross, each copied byte for byte from the document, in the schema's
//! order; `namespaces` lists the declarations of the document that the copies rely on (prefixed
//! ones: the copies' own default namespace is always declared). A 1.5 document's content is
//! kept as 1.6 content (1.6 is what export writes): a `CycloneDX` 1.5 namespace bound to a prefix
//! the copies use is listed as the 1.6 one, and a copy that relies on a default namespace other
//! than the `CycloneDX` one gets its own `xmlns` declaration.
//!
//! | kept | where |
//! |---|---|
//! | licence attributes other than `bom-ref` (`acknowledgement`, foreign ones); children other than `name` and `licensing` (`id`, `text`, `url`, `properties`, foreign elements) | the Ent's extensions: `<license xmlns="http://cyclonedx.org/schema/bom/1.6" acknowledgement="…"><text>…</text></license>` |
//! | `licensing` attributes; `altIds`, the licence types that do not cross (as `<licenseTypes><licenseType>oem</licenseType></licenseTypes>`), unknown children | the Ent's extensions: `<licensing xmlns="…">…</licensing>` |
//! | what an `organization` or `individual` holds besides its `name` (`bom-ref`, `url`, `address`, `contact`, `email`, `phone`, foreign elements); a second name | the entity's extensions: `<organization xmlns="…">…</organization>` or `<individual xmlns="…">…</individual>` (an organization with nothing but a name has none); what the `licensor` (`licensee`, `purchaser`) element itself holds besides them, in an element of that name |
//! | component attributes (`type`, `bom-ref`, `mime-type`, foreign ones); children other than `name`, `version`, `purl`, `swid`, `licenses`, `components` (`publisher`, `group`, `supplier`, `hashes`, `properties`, …); the `swid`'s attributes other than `tagId` and its children, in a `swid` element | the product's extensions: `<component xmlns="…" type="library"><publisher>…</publisher></component>` |
//!
//! The Ent XML form ([`crate::xml`]) writes these elements back as they are. The Ent JSON and
//! CBOR forms carry no XML content (they refuse to write it), and `CycloneDX` JSON export lists
//! it as not crossed, as `CycloneDX` XML export lists the JSON entries.
//!
//! Not kept (listed with `kept: false`): licences without a `licensing` object and licence
//! expressions (they are not Ents), components without such a licence, the BOM's own members
//! (`metadata`, `dependencies`, `serialNumber`, …), and the nesting of components (export writes
//! components flat, in order; adjacent licences of the same component share one). What names
//! the schema (`specVersion` and `$schema` in JSON; the namespace and the `xsi:` attributes of
//! the root in XML) is not listed: export names its own.
//!
//! # What cannot cross into `CycloneDX`
//!
//! `CycloneDX` `licensing` has no quantity, no metric parameter, no right, no limitation and no
//! price. [`export`] and [`export_xml`] write what they can and list ([`Export::not_crossed`],
//! [`XmlExport::not_crossed`]; path in the slice of Ents: `[0]/quantity`) every part of an Ent
//! they cannot write:
//!
//! | Ent | in `CycloneDX` |
//! |---|---|
//! | `quantity` | not written |
//! | metric parameters (minimums, pack size, core-factor and value-unit tables, consumption unit, `Other` parameters) | not written; the metric's type is |
//! | metrics without a licence type (`perInstallation`, `perCore`, `perProcessor`, `perSocket`, `processorValueUnit`, `site`, `enterprise`, `unlimited`, `consumption`, `Other` names not listed above) | written as `custom-metric` |
//! | `rights`, `limitations`, `costs` | not written |
//! | `version`, `revision`, `lang` | not written |
//! | term kinds `maintenance` and any other name; the dates of every term but the first that crosses | not written |
//! | entities with other roles (Ent creator, reseller, …), a second licensor, licensee or purchaser, `regid` | not written |
//! | `meta` other than the first `purchaseOrder` (SKU, invoice, agreement, contract, …) | not written |
//! | links other than the first `entitles` link to a `pkg:` purl | not written |
//! | products after the first; a product's `regid`, `edition`, a version range that is not one version | not written |
//! | extensions other than what this module keeps in the form written (in JSON the [`EXTENSION_KEY`] entries; in XML the elements above) | not written |
//!
//! An Ent without a product is written under a component named after the Ent.
//!
//! # JSON and XML
//!
//! A BOM and its twin in the other form give the same Ents, except for the extensions (JSON
//! entries from JSON, XML elements from XML) and the paths in [`Import::not_crossed`] (JSON paths
//! `components[0]/group`, XML element paths `bom/components/component/group` with attributes as
//! `@type`). XML export writes the licence types, parties and dates in the schema's order, each
//! element on its own line; the kept copies keep the white space they had inside.
//!
//! # Errors
//!
//! A JSON document that is not JSON, is not a `CycloneDX` BOM (`bomFormat`), or has a member of
//! the wrong type where this module reads it (a `licensing` that is not an object, a
//! `licenseTypes` that is not a list of strings) is a [`DecodeError::Json`] with the line, column
//! and path (`components[0]/licenses[0]/license/licensing`). Other members are kept as they are,
//! whatever their type.
//!
//! An XML document that is not well-formed (or ends early) is a [`DecodeError::XmlSyntax`]; a
//! document type declaration a [`DecodeError::XmlDoctype`]; a root that is not `bom` in the
//! `CycloneDX` 1.5 or 1.6 namespace, an element where this module reads text or a list of
//! `licenseType`s, or a second `name`, `licensing`, `licensor`, … a
//! [`DecodeError::XmlUnexpectedElement`]; text where this module reads elements (in a
//! `licensing`, a `licensor`, a `swid`, …) a [`DecodeError::XmlSyntax`]; an attribute on an
//! element whose text this module reads (`name`, `licenseType`, `expiration`, …) or on
//! `licenseTypes`, or an attribute twice (under two prefixes of one namespace) a
//! [`DecodeError::XmlUnknownAttribute`]; elements nested deeper than 256 a
//! [`DecodeError::TooDeep`], more than 256 attributes on one element a
//! [`DecodeError::XmlTooManyAttributes`]. Each has the line, column and element path
//! (`bom/components/component/licenses/license/licensing/licenseTypes/licenseType[2]`).

#[cfg(feature = "json")]
mod json;
#[cfg(feature = "xml")]
mod xml;

#[cfg(feature = "json")]
pub use json::{Export, export, export_json, import_json};
#[cfg(feature = "xml")]
pub use xml::{NAMESPACE_1_5, NAMESPACE_1_6, XmlExport, export_xml, import_xml};

#[cfg(doc)]
use crate::DecodeError;
use crate::model::{
    AccessBy, Ent, EntitledProduct, Entity, Link, Meta, Metric, Rel, Role, Term, TermKind, VersionRange,
};
use iso19770_core::{DateTime, Extensions, Path, PathSegment};

/// The label of the extension entry that keeps what does not cross, in an Ent, an entity and an
/// entitled product, when the BOM was JSON.
pub const EXTENSION_KEY: &str = "cyclonedx";

/// The [`TermKind::Other`] name of the term made when a licence has `lastRenewal` or
/// `expiration` but no licence type that is a term (`perpetual`, `subscription`, `evaluation`).
pub const UNSTATED_TERM: &str = "unstated";

/// Something that did not cross between `CycloneDX` and the Ent model.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct NotCrossed {
    /// Where: in the BOM on import (JSON: `components[0]/licenses[0]/license/licensing/altIds`;
    /// XML: `bom/components/component/licenses/license/licensing/altIds`), in the slice of Ents
    /// on export (`[0]/quantity`).
    pub path: Path,
    /// Why, in a sentence.
    pub reason: String,
    /// True when it is kept in an extension, so that export (or a later import) restores it.
    pub kept: bool,
}

impl std::fmt::Display for NotCrossed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let kept = if self.kept { "kept" } else { "not kept" };
        write!(f, "{}: {} ({kept})", self.path, self.reason)
    }
}

/// What [`import_json`] or [`import_xml`] read: the Ents, and what did not cross.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Import {
    /// One Ent per licence with a `licensing` object, in document order.
    pub ents: Vec<Ent>,
    /// What did not cross, in document order.
    pub not_crossed: Vec<NotCrossed>,
}

/// The path with one more key.
fn key(path: &Path, key: &str) -> Path {
    path.join(PathSegment::key(key))
}

/// The path with one more index.
fn index(path: &Path, i: usize) -> Path {
    path.join(PathSegment::Index(i))
}

// ---------------------------------------------------------------------------------------------
// What each form keeps.

/// Which named party a `licensor`, `licensee` or `purchaser` holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Named {
    Organization,
    Individual,
}

impl Named {
    /// The member (element) name.
    fn name(self) -> &'static str {
        match self {
            Named::Organization => "organization",
            Named::Individual => "individual",
        }
    }
}

/// The party slots of a `licensing`, with their roles, in the schema's order.
const SLOTS: [(&str, Role); 3] =
    [("licensor", Role::Licensor), ("licensee", Role::Licensee), ("purchaser", Role::Purchaser)];

/// Where extensions are read on export, for the forms to tell what they keep there.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Place {
    Ent,
    Entity,
    Product,
    /// A link or a meta: nothing is kept there.
    Other,
}

/// What one form keeps of one `CycloneDX` object or element that does not cross, and how it sits
/// in an Ent's extensions. The mapping (in this module) decides what is kept; the forms decide
/// how.
trait Kept: Default + Clone + PartialEq {
    /// True when nothing is kept.
    fn is_empty(&self) -> bool;
    /// Keeps licence types that do not cross (in a `licensing`).
    fn keep_license_types(&mut self, types: Vec<String>);
    /// Keeps the name of a second party kind (in an `organization` or `individual`).
    fn keep_name(&mut self, name: String);
    /// The extensions of an Ent, from what its licence and its `licensing` keep.
    fn ent_extensions(license: Self, licensing: Self) -> Extensions;
    /// The extensions of an entity, from what its `organization` and `individual` keep and what
    /// the party (`slot`: `licensor`, …) keeps beside them.
    fn entity_extensions(named: Vec<(Named, Self)>, party: Self, slot: &str) -> Extensions;
    /// The extensions of an entitled product, from what its component keeps.
    fn product_extensions(self) -> Extensions;

    /// What an Ent's extensions keep of its licence and `licensing`, and the paths of kept parts
    /// that are neither (under `at`).
    fn of_ent(ext: &Extensions, at: &Path) -> (Self, Self, Vec<Path>);
    /// What an entity's extensions keep of its party, if anything: the named parts and the rest.
    fn of_entity(ext: &Extensions) -> Option<(Vec<(Named, Self)>, Self)>;
    /// What a product's extensions keep of its component, if anything.
    fn of_product(ext: &Extensions) -> Option<Self>;
    /// Takes the kept `swid` out of a kept component.
    fn take_swid(&mut self) -> Self;
    /// Takes the kept licence types out of a kept `licensing`.
    fn take_license_types(&mut self) -> Vec<String>;
    /// The SPDX `id` kept with a licence.
    fn license_id(&self) -> Option<String>;
    /// Lists what of `ext` this form cannot write at `place`.
    fn note_extensions(ext: &Extensions, path: &Path, place: Place, notes: &mut Vec<NotCrossed>);
}

// ---------------------------------------------------------------------------------------------
// Import: the parts of a BOM the mapping reads, as each form gives them.

/// A BOM: the serial number, what of the BOM itself did not cross, the components.
struct BomIn<K> {
    serial: Option<String>,
    notes: Vec<NotCrossed>,
    components: Vec<ComponentIn<K>>,
}

/// A component.
struct ComponentIn<K> {
    path: Path,
    name: Option<String>,
    version: Option<String>,
    purl: Option<String>,
    tag_id: Option<String>,
    /// What the entitled product keeps, and where each part was.
    kept: K,
    kept_paths: Vec<Path>,
    licenses: Vec<ChoiceIn<K>>,
    components: Vec<ComponentIn<K>>,
}

/// An entry of a component's `licenses`.
enum ChoiceIn<K> {
    /// A licence: where the entry is, the path its id is made of (the JSON form's path of the
    /// licence), members beside it (not kept).
    License { entry: Path, id_path: Path, beside: Vec<Path>, license: Box<LicenseIn<K>> },
    /// Anything else (an expression), with why it is not an Ent.
    Other { path: Path, reason: &'static str },
}

struct LicenseIn<K> {
    bom_ref: Option<String>,
    id: Option<String>,
    name: Option<String>,
    kept: K,
    kept_paths: Vec<Path>,
    licensing: Option<LicensingIn<K>>,
}

#[derive(Default)]
struct LicensingIn<K> {
    /// The parties, in the order of [`SLOTS`].
    parties: [Option<PartyIn<K>>; 3],
    purchase_order: Option<String>,
    /// The licence types, each with its path.
    types: Vec<(Path, String)>,
    last_renewal: Option<String>,
    expiration: Option<String>,
    kept: K,
    kept_paths: Vec<Path>,
}

struct PartyIn<K> {
    organization: Option<NamedIn<K>>,
    individual: Option<NamedIn<K>>,
    kept: K,
    kept_paths: Vec<Path>,
}

struct NamedIn<K> {
    kind: Named,
    name: Option<String>,
    /// Where the name is (or would be).
    name_path: Path,
    kept: K,
    kept_paths: Vec<Path>,
}

const ENT_REASON: &str = "no Ent field: kept in the Ent's extensions";
const ENTITY_REASON: &str = "no Ent field: kept in the entity's extensions";
const PRODUCT_REASON: &str = "no Ent field: kept in the entitled product's extensions";

/// The Ents of a BOM, and what did not cross.
fn import<K: Kept>(bom: BomIn<K>) -> Import {
    let mut reader = Reader { serial: bom.serial, out: Import { ents: Vec::new(), not_crossed: bom.notes } };
    for component in bom.components {
        reader.component(component, None);
    }
    reader.out
}

struct Reader {
    serial: Option<String>,
    out: Import,
}

impl Reader {
    fn note(&mut self, path: Path, kept: bool, reason: impl Into<String>) {
        self.out.not_crossed.push(NotCrossed { path, reason: reason.into(), kept });
    }

    /// Notes every path as kept, with `reason`.
    fn note_kept(&mut self, paths: Vec<Path>, reason: &str) {
        for path in paths {
            self.note(path, true, reason);
        }
    }

    fn component<K: Kept>(&mut self, c: ComponentIn<K>, parent: Option<&Path>) {
        let ComponentIn { path, name, version, purl, tag_id, kept, kept_paths, licenses, components } = c;
        let licensed =
            licenses.iter().any(|l| matches!(l, ChoiceIn::License { license, .. } if license.licensing.is_some()));
        if licensed {
            if let Some(parent) = parent {
                self.note(path.clone(), false, format!("nested in {parent}: export writes components flat"));
            }
            self.note_kept(kept_paths, PRODUCT_REASON);
        } else {
            self.note(path.clone(), false, "no licence with a licensing object: not an Ent");
        }
        let product = EntitledProduct {
            tag_id,
            product: name,
            versions: version.map(VersionRange::exactly),
            extensions: kept.product_extensions(),
            ..EntitledProduct::default()
        };
        for choice in licenses {
            match choice {
                ChoiceIn::License { id_path, beside, license, .. } if license.licensing.is_some() => {
                    for b in beside {
                        self.note(b, false, "a member beside the licence: not kept");
                    }
                    let ent = self.ent(*license, &id_path, &product, purl.as_deref());
                    self.out.ents.push(ent);
                }
                ChoiceIn::License { entry, .. } if licensed => {
                    self.note(entry, false, "a licence without a licensing object: not an Ent");
                }
                ChoiceIn::Other { path, reason } if licensed => self.note(path, false, reason),
                _ => {}
            }
        }
        for child in components {
            self.component(child, Some(&path));
        }
    }

    fn ent<K: Kept>(
        &mut self,
        license: LicenseIn<K>,
        id_path: &Path,
        product: &EntitledProduct,
        purl: Option<&str>,
    ) -> Ent {
        let LicenseIn { bom_ref, id, name, kept: license_kept, kept_paths, licensing } = license;
        // An empty `bom-ref` is none (the schema requires one character).
        let ent_id = bom_ref
            .filter(|r| !r.is_empty())
            .unwrap_or_else(|| format!("{}#{}", self.serial.as_deref().unwrap_or(""), id_path));
        let mut ent = Ent::new(ent_id);
        ent.name = name.or(id);
        self.note_kept(kept_paths, ENT_REASON);
        // Only licences with a licensing object are Ents: the default is not used.
        let LicensingIn { parties, purchase_order, types, last_renewal, expiration, kept, kept_paths } =
            licensing.unwrap_or_default();
        self.note_kept(kept_paths, ENT_REASON);
        let mut licensing_kept = kept;

        for ((slot, role), party) in SLOTS.into_iter().zip(parties) {
            if let Some(party) = party {
                let entity = self.entity(party, role, slot);
                ent.entities.push(entity);
            }
        }
        if let Some(purl) = purl {
            ent.links.push(Link::new(purl, Rel::Entitles));
        }
        if let Some(po) = purchase_order {
            ent.meta.push(Meta::default().with_purchase_order(po));
        }
        ent.products.push(product.clone());

        let (type_paths, types): (Vec<Path>, Vec<String>) = types.into_iter().unzip();
        let mapped = map_license_types(&types);
        for &(i, reason) in &mapped.left_over {
            if let (Some(path), Some(name)) = (type_paths.get(i), types.get(i)) {
                self.note(path.clone(), true, format!("licence type {name:?}: {reason}"));
            }
        }
        if !mapped.left_over.is_empty() {
            let left: Vec<String> = mapped.left_over.iter().filter_map(|&(i, _)| types.get(i).cloned()).collect();
            licensing_kept.keep_license_types(left);
        }
        ent.metric = mapped.metric;
        ent.terms = mapped.terms.into_iter().map(Term::new).collect();
        if last_renewal.is_some() || expiration.is_some() {
            if ent.terms.is_empty() {
                ent.terms.push(Term::new(TermKind::Other(UNSTATED_TERM.to_owned())));
            }
            if let Some(first) = ent.terms.first_mut() {
                first.start = last_renewal.map(DateTime::new);
                first.end = expiration.map(DateTime::new);
            }
        }
        ent.extensions = K::ent_extensions(license_kept, licensing_kept);
        ent
    }

    fn entity<K: Kept>(&mut self, party: PartyIn<K>, role: Role, slot: &str) -> Entity {
        let mut name = None;
        let mut named: Vec<(Named, K)> = Vec::new();
        for part in [party.organization, party.individual].into_iter().flatten() {
            self.note_kept(part.kept_paths, ENTITY_REASON);
            let mut kept = part.kept;
            if named.is_empty() {
                name = part.name;
            } else if let Some(other) = part.name {
                self.note(part.name_path, true, "a second name of the party: kept in the entity's extensions");
                kept.keep_name(other);
            }
            named.push((part.kind, kept));
        }
        self.note_kept(party.kept_paths, ENTITY_REASON);
        // An organization with nothing but a name is what export writes without extensions.
        let plain = matches!(&named[..], [(Named::Organization, k)] if k.is_empty()) && party.kept.is_empty();
        let mut entity = Entity::new(name.unwrap_or_default(), [role]);
        if !plain {
            entity.extensions = K::entity_extensions(named, party.kept, slot);
        }
        entity
    }
}

/// The licence types as a metric and term kinds, and the indices of those left over.
struct MappedTypes {
    metric: Option<Metric>,
    terms: Vec<TermKind>,
    left_over: Vec<(usize, &'static str)>,
}

/// Maps `licenseTypes` (see the module documentation).
fn map_license_types(types: &[String]) -> MappedTypes {
    // `client-access` with a `user` (or else a `device`) anywhere in the list is the metric: the
    // first of each is taken for it.
    let first = |name: &str| types.iter().position(|t| t == name);
    let mut taken = vec![false; types.len()];
    let mut metric = None;
    if let Some(i) = first("client-access")
        && let Some(j) = first("user").or_else(|| first("device"))
    {
        let access_by = if first("user").is_some() { AccessBy::User } else { AccessBy::Device };
        metric = Some(Metric::ClientAccess { access_by });
        for k in [i, j] {
            if let Some(t) = taken.get_mut(k) {
                *t = true;
            }
        }
    }
    let mut out = MappedTypes { metric, terms: Vec::new(), left_over: Vec::new() };
    for (i, t) in types.iter().enumerate() {
        if taken.get(i).copied().unwrap_or(false) {
            continue;
        }
        let metric = match t.as_str() {
            "perpetual" => {
                out.terms.push(TermKind::Perpetual);
                continue;
            }
            "subscription" => {
                out.terms.push(TermKind::Subscription);
                continue;
            }
            "evaluation" => {
                out.terms.push(TermKind::Evaluation);
                continue;
            }
            "concurrent-user" => Metric::ConcurrentUser,
            "device" => Metric::PerDevice,
            "named-user" => Metric::NamedUser { minimum_per_processor: None },
            "core-points" => Metric::ProcessorCoreFactor { core_factors: Vec::new(), default_factor: None },
            "client-access" | "user" | "node-locked" | "processor-points" | "custom-metric" => {
                Metric::Other { name: t.clone(), params: Vec::new() }
            }
            "academic" | "appliance" | "oem" | "other" => {
                out.left_over.push((i, "no Ent metric or term: kept in the Ent's extensions"));
                continue;
            }
            _ => {
                out.left_over.push((i, "not a CycloneDX licence type: kept in the Ent's extensions"));
                continue;
            }
        };
        if out.metric.is_none() {
            out.metric = Some(metric);
        } else {
            out.left_over.push((i, "a second metric (an Ent has one): kept in the Ent's extensions"));
        }
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Export: the parts of a BOM the mapping writes, for each form to write with what it keeps.

/// A component (without its licences), from an Ent's first product.
#[derive(Clone, Debug, PartialEq)]
struct ComponentOut<K> {
    kept: K,
    /// Made here, not read: written with `type` `application`.
    default_type: bool,
    name: Option<String>,
    version: Option<String>,
    swid: Option<SwidOut<K>>,
    purl: Option<String>,
}

/// A component's `swid`.
#[derive(Clone, Debug, PartialEq)]
struct SwidOut<K> {
    tag_id: String,
    /// The product's name, for a component made here (the schema requires a name).
    name: Option<String>,
    kept: K,
}

/// A licence with its `licensing`.
struct LicenseOut<K> {
    kept: K,
    bom_ref: Option<String>,
    name: Option<String>,
    licensing: LicensingOut<K>,
}

struct LicensingOut<K> {
    kept: K,
    /// The parties, in the order of [`SLOTS`].
    parties: [Option<PartyOut<K>>; 3],
    purchase_order: Option<String>,
    license_types: Vec<String>,
    last_renewal: Option<String>,
    expiration: Option<String>,
}

/// A party: what it keeps, and its `organization` or `individual` (with the entity's name).
struct PartyOut<K> {
    kept: K,
    named: Vec<(Named, K, Option<String>)>,
}

/// The component and licence of each Ent.
type Parts<K> = Vec<(ComponentOut<K>, LicenseOut<K>)>;

/// The component and licence of each Ent, and what could not be written.
fn export_parts<K: Kept>(ents: &[Ent]) -> (Parts<K>, Vec<NotCrossed>) {
    let mut writer = Writer { not_crossed: Vec::new() };
    let mut out = Vec::with_capacity(ents.len());
    for (i, ent) in ents.iter().enumerate() {
        let at = Path::from_segments([PathSegment::Index(i)]);
        let component = writer.component::<K>(ent, &at);
        let license = writer.license::<K>(ent, &at);
        out.push((component, license));
    }
    (out, writer.not_crossed)
}

struct Writer {
    not_crossed: Vec<NotCrossed>,
}

impl Writer {
    fn note(&mut self, path: Path, reason: impl Into<String>) {
        self.not_crossed.push(NotCrossed { path, reason: reason.into(), kept: false });
    }

    fn component<K: Kept>(&mut self, ent: &Ent, at: &Path) -> ComponentOut<K> {
        let after_ent = || ent.name.clone().unwrap_or_else(|| ent.ent_id.clone());
        let mut c = if let Some(product) = ent.products.first() {
            let ppath = index(&key(at, "products"), 0);
            for i in 1..ent.products.len() {
                self.note(
                    index(&key(at, "products"), i),
                    "a licence belongs to one component: only the first product is written",
                );
            }
            let from_bom = K::of_product(&product.extensions);
            let hand_made = from_bom.is_none();
            let mut kept = from_bom.unwrap_or_default();
            K::note_extensions(&product.extensions, &ppath, Place::Product, &mut self.not_crossed);
            let name = product.product.clone().or_else(|| hand_made.then(after_ent));
            let version = match &product.versions {
                Some(VersionRange { from: Some(from), to: Some(to) }) if from == to => Some(from.clone()),
                Some(_) => {
                    self.note(key(&ppath, "versions"), "a version range: a component has one version");
                    None
                }
                None => None,
            };
            let swid = product.tag_id.as_ref().map(|tag_id| SwidOut {
                tag_id: tag_id.clone(),
                name: if hand_made { product.product.clone() } else { None },
                kept: kept.take_swid(),
            });
            if product.regid.is_some() {
                self.note(key(&ppath, "regid"), "a component has no registration id");
            }
            if product.edition.is_some() {
                self.note(key(&ppath, "edition"), "a component has no edition");
            }
            ComponentOut { kept, default_type: hand_made, name, version, swid, purl: None }
        } else {
            self.note(key(at, "products"), "no entitled product: written under a component named after the Ent");
            ComponentOut {
                kept: K::default(),
                default_type: true,
                name: Some(after_ent()),
                version: None,
                swid: None,
                purl: None,
            }
        };
        for (i, link) in ent.links.iter().enumerate() {
            let lpath = index(&key(at, "links"), i);
            if c.purl.is_none() && link.rel == Rel::Entitles && link.href.starts_with("pkg:") {
                c.purl = Some(link.href.clone());
                if link.media_type.is_some() {
                    self.note(key(&lpath, "mediaType"), "a purl has no media type");
                }
                K::note_extensions(&link.extensions, &lpath, Place::Other, &mut self.not_crossed);
            } else {
                self.note(lpath, "only the first entitles link to a purl crosses, as the component's purl");
            }
        }
        c
    }

    fn license<K: Kept>(&mut self, ent: &Ent, at: &Path) -> LicenseOut<K> {
        let (license_kept, mut licensing_kept, others) = K::of_ent(&ent.extensions, at);
        K::note_extensions(&ent.extensions, at, Place::Ent, &mut self.not_crossed);
        for path in others {
            self.note(path, "neither a licence nor a licensing member");
        }
        let bom_ref = (!ent.ent_id.is_empty()).then(|| ent.ent_id.clone());
        let name = ent.name.clone().filter(|name| license_kept.license_id().as_ref() != Some(name));
        for (name, value) in [("version", ent.version.is_some()), ("revision", ent.revision.is_some())] {
            if value {
                self.note(key(at, name), format!("a licence has no {name}"));
            }
        }
        if ent.lang.is_some() {
            self.note(key(at, "lang"), "a licence has no language");
        }

        let parties = self.parties::<K>(ent, at);
        let purchase_order = self.meta::<K>(ent, at);

        // The licence types: the metric's, the terms', then those kept.
        let mut types: Vec<String> = Vec::new();
        if ent.quantity.is_some() {
            self.note(key(at, "quantity"), "CycloneDX licensing has no quantity");
        }
        if let Some(metric) = &ent.metric {
            let (names, lost) = metric_types(metric);
            types.extend(names);
            if let Some(lost) = lost {
                self.note(key(at, "metric"), lost);
            }
        }
        let mut dates = None;
        for (i, term) in ent.terms.iter().enumerate() {
            let tpath = index(&key(at, "terms"), i);
            let name = match &term.kind {
                TermKind::Perpetual => Some("perpetual"),
                TermKind::Subscription => Some("subscription"),
                TermKind::Evaluation => Some("evaluation"),
                TermKind::Other(o) if o == UNSTATED_TERM => None,
                other => {
                    self.note(tpath, format!("term kind {other}: no CycloneDX licence type"));
                    continue;
                }
            };
            types.extend(name.map(str::to_owned));
            if term.start.is_none() && term.end.is_none() {
                if name.is_none() {
                    self.note(tpath, "a term of unstated kind without dates: nothing to write");
                }
                continue;
            }
            if dates.is_some() {
                self.note(tpath, "the dates of a second term: CycloneDX has one lastRenewal and one expiration");
                continue;
            }
            dates = Some((
                term.start.as_ref().map(|d| d.as_str().to_owned()),
                term.end.as_ref().map(|d| d.as_str().to_owned()),
            ));
        }
        types.extend(licensing_kept.take_license_types());
        for (i, _) in ent.rights.iter().enumerate() {
            self.note(index(&key(at, "rights"), i), "CycloneDX licensing has no rights");
        }
        for (i, _) in ent.limitations.iter().enumerate() {
            self.note(index(&key(at, "limitations"), i), "CycloneDX licensing has no limitations");
        }
        for (i, _) in ent.costs.iter().enumerate() {
            self.note(index(&key(at, "costs"), i), "CycloneDX licensing has no prices");
        }
        let (last_renewal, expiration) = dates.unwrap_or_default();
        LicenseOut {
            kept: license_kept,
            bom_ref,
            name,
            licensing: LicensingOut {
                kept: licensing_kept,
                parties,
                purchase_order,
                license_types: types,
                last_renewal,
                expiration,
            },
        }
    }

    fn parties<K: Kept>(&mut self, ent: &Ent, at: &Path) -> [Option<PartyOut<K>>; 3] {
        let mut slots: [Option<PartyOut<K>>; 3] = [None, None, None];
        for (k, entity) in ent.entities.iter().enumerate() {
            let epath = index(&key(at, "entities"), k);
            let mut written = false;
            for role in &entity.roles {
                let Some(i) = SLOTS.iter().position(|(_, r)| r == role) else {
                    self.note(key(&epath, "roles"), format!("role {role}: CycloneDX has no such party"));
                    continue;
                };
                let Some(slot) = slots.get_mut(i) else { continue };
                if slot.is_some() {
                    let name = SLOTS.get(i).map_or("", |(n, _)| n);
                    self.note(key(&epath, "roles"), format!("a second {name}: CycloneDX has one"));
                    continue;
                }
                *slot = Some(party(entity));
                written = true;
            }
            if written {
                if entity.regid.is_some() {
                    self.note(key(&epath, "regid"), "a CycloneDX party has no registration id");
                }
                K::note_extensions(&entity.extensions, &epath, Place::Entity, &mut self.not_crossed);
            } else if entity.roles.is_empty() {
                self.note(epath, "an entity without a role: CycloneDX has no such party");
            }
        }
        slots
    }

    /// The purchase order to write, and notes for the rest of the meta.
    fn meta<K: Kept>(&mut self, ent: &Ent, at: &Path) -> Option<String> {
        let mut written: Option<String> = None;
        for (k, meta) in ent.meta.iter().enumerate() {
            let mpath = index(&key(at, "meta"), k);
            K::note_extensions(&meta.extensions, &mpath, Place::Other, &mut self.not_crossed);
            let po_written = written.is_none() && meta.purchase_order.is_some();
            if po_written {
                written.clone_from(&meta.purchase_order);
            }
            // The fields in the order of their JSON names.
            let fields = [
                ("agreement", meta.agreement.is_some()),
                ("agreementType", meta.agreement_type.is_some()),
                ("contract", meta.contract.is_some()),
                ("invoice", meta.invoice.is_some()),
                ("purchaseDate", meta.purchase_date.is_some()),
                ("purchaseOrder", meta.purchase_order.is_some() && !po_written),
                ("purchaseOrderLine", meta.purchase_order_line.is_some()),
                ("sku", meta.sku.is_some()),
            ];
            for (name, _) in fields.into_iter().filter(|(_, present)| *present) {
                self.note(key(&mpath, name), "CycloneDX licensing has one purchase order and no other reference");
            }
        }
        written
    }
}

/// A party for an entity: what it keeps, with its name in its `organization` (or `individual`).
fn party<K: Kept>(entity: &Entity) -> PartyOut<K> {
    let (mut named, kept) =
        K::of_entity(&entity.extensions).unwrap_or_else(|| (vec![(Named::Organization, K::default())], K::default()));
    let mut out: Vec<(Named, K, Option<String>)> = Vec::with_capacity(named.len() + 1);
    if entity.name.is_empty() {
        out.extend(named.into_iter().map(|(kind, k)| (kind, k, None)));
        return PartyOut { kept, named: out };
    }
    let has = |kind: Named, named: &[(Named, K)]| named.iter().any(|(k, _)| *k == kind);
    let kind = if has(Named::Organization, &named) || !has(Named::Individual, &named) {
        Named::Organization
    } else {
        Named::Individual
    };
    if !has(kind, &named) {
        named.insert(0, (kind, K::default()));
    }
    for (k, part) in named {
        let name = (k == kind).then(|| entity.name.clone());
        out.push((k, part, name));
    }
    PartyOut { kept, named: out }
}

/// The licence types of a metric, and what of it is lost.
fn metric_types(metric: &Metric) -> (Vec<String>, Option<String>) {
    let one = |name: &str| vec![name.to_owned()];
    match metric {
        Metric::ConcurrentUser => (one("concurrent-user"), None),
        Metric::PerDevice => (one("device"), None),
        Metric::NamedUser { minimum_per_processor } => {
            let lost = minimum_per_processor.map(|_| "the minimum per processor: no CycloneDX place".to_owned());
            (one("named-user"), lost)
        }
        Metric::ClientAccess { access_by: AccessBy::User } => (vec!["client-access".into(), "user".into()], None),
        Metric::ClientAccess { access_by: AccessBy::Device } => (vec!["client-access".into(), "device".into()], None),
        Metric::ProcessorCoreFactor { core_factors, default_factor } => {
            let lost = (!core_factors.is_empty() || default_factor.is_some())
                .then(|| "the core-factor table: no CycloneDX place".to_owned());
            (one("core-points"), lost)
        }
        Metric::Other { name, params }
            if matches!(
                name.as_str(),
                "client-access" | "user" | "node-locked" | "processor-points" | "custom-metric"
            ) =>
        {
            let lost = (!params.is_empty()).then(|| "the metric's parameters: no CycloneDX place".to_owned());
            (one(name), lost)
        }
        other => (
            one("custom-metric"),
            Some(format!("metric {}: written as custom-metric, its name and parameters do not cross", other.name())),
        ),
    }
}
