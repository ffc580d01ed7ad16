//! Import from, and export to, the commercial `licensing` of `CycloneDX` 1.5 and 1.6 JSON BOMs
//! (feature `json`).
//!
//! `CycloneDX` (since 1.5) lets a licence of a component carry a `licensing` object: the licensor,
//! licensee and purchaser, the purchase order, the licence types, the last renewal and the
//! expiration. [`import_json`] walks a BOM's components (nested ones too) and gives one [`Ent`]
//! per licence that has a `licensing` object; [`export`] and [`export_json`] write Ents back as a
//! `CycloneDX` 1.6 BOM. What does not cross either way is listed ([`NotCrossed`]), never dropped
//! silently.
//!
//! ```
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
//! # Ok::<(), iso19770_ent::DecodeError>(())
//! ```
//!
//! # What crosses, and how
//!
//! | `CycloneDX` | Ent |
//! |---|---|
//! | a component's licence with a `licensing` object | one [`Ent`] |
//! | licence `bom-ref` | `entId`; without one, `<serialNumber>#<path>` (`urn:uuid:…#components[0]/licenses[1]/license`), which export writes back as the `bom-ref` |
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
//! an extension entry named [`EXTENSION_KEY`] (`"cyclonedx"`), holding the `CycloneDX` members
//! as written, so that export restores them, and is listed in [`Import::not_crossed`] with
//! `kept: true`:
//!
//! | kept | where |
//! |---|---|
//! | licence `acknowledgement`, `text`, `url`, `properties`, `id`; `licensing` `altIds`, the licence types that do not cross, unknown members | the Ent's extensions: `{"cyclonedx": {"license": {…}, "licensing": {…}}}` |
//! | a party's `contact`, `url`, `address`, `email`, `phone`, `bom-ref`, whether it is an `individual` | the entity's extensions: `{"cyclonedx": {"individual": {"email": …}}}` (an organization with nothing but a name has none) |
//! | component `type`, `bom-ref`, `publisher`, `group`, `supplier`, `hashes`, …; `swid` members other than `tagId` | the product's extensions: `{"cyclonedx": {"type": "library", …}}` |
//!
//! Not kept (listed with `kept: false`): licences without a `licensing` object and licence
//! expressions (they are not Ents), components without such a licence, the BOM's own members
//! (`metadata`, `dependencies`, `serialNumber`, …), and the nesting of components (export writes
//! components flat, in order; adjacent licences of the same component share one).
//!
//! # What cannot cross into `CycloneDX`
//!
//! `CycloneDX` `licensing` has no quantity, no metric parameter, no right, no limitation and no
//! price. [`export`] writes what it can and lists in [`Export::not_crossed`] (path in the slice of
//! Ents: `[0]/quantity`) every part of an Ent it cannot write:
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
//! | extensions other than the [`EXTENSION_KEY`] entries (XML content, other members) | not written |
//!
//! An Ent without a product is written under a component named after the Ent.
//!
//! # Errors
//!
//! A document that is not JSON, is not a `CycloneDX` BOM (`bomFormat`), or has a member of the
//! wrong type where this module reads it (a `licensing` that is not an object, a `licenseTypes`
//! that is not a list of strings) is a [`DecodeError::Json`] with the line, column and path
//! (`components[0]/licenses[0]/license/licensing`). Other members are kept as they are, whatever
//! their type.
//!
//! # Not yet
//!
//! `CycloneDX` XML import and export remain to be written (the same mapping, from the XML form of
//! the `licensing` element).

use crate::error::DecodeError;
use crate::model::{
    AccessBy, Ent, EntitledProduct, Entity, Link, Meta, Metric, Rel, Role, Term, TermKind, VersionRange,
};
use iso19770_core::cbor::{CborEntry, CborValue};
use iso19770_core::{DateTime, Extensions, Label, Path, PathSegment};
use serde::Deserialize;
use serde::de::{Deserializer, Error as _};
use serde_json::{Map, Value};

/// The label of the extension entry that keeps what does not cross, in an Ent, an entity and an
/// entitled product.
pub const EXTENSION_KEY: &str = "cyclonedx";

/// The [`TermKind::Other`] name of the term made when a licence has `lastRenewal` or
/// `expiration` but no licence type that is a term (`perpetual`, `subscription`, `evaluation`).
pub const UNSTATED_TERM: &str = "unstated";

/// Something that did not cross between `CycloneDX` and the Ent model.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct NotCrossed {
    /// Where: in the BOM on import (`components[0]/licenses[0]/license/licensing/altIds`), in
    /// the slice of Ents on export (`[0]/quantity`).
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

/// What [`import_json`] read: the Ents, and what did not cross.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Import {
    /// One Ent per licence with a `licensing` object, in document order.
    pub ents: Vec<Ent>,
    /// What did not cross, in document order.
    pub not_crossed: Vec<NotCrossed>,
}

/// What [`export`] wrote: a `CycloneDX` 1.6 BOM, and what could not cross.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Export {
    /// The BOM.
    pub bom: Value,
    /// The parts of the Ents that could not be written.
    pub not_crossed: Vec<NotCrossed>,
}

impl Export {
    /// The BOM as indented JSON text.
    pub fn to_json_string(&self) -> String {
        format!("{:#}", self.bom)
    }
}

// ---------------------------------------------------------------------------------------------
// The part of a BOM this module reads; every other member is kept in `rest`.

/// `bomFormat`, which must be `CycloneDX`.
struct BomFormat;

impl<'de> Deserialize<'de> for BomFormat {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        if text == "CycloneDX" {
            Ok(BomFormat)
        } else {
            Err(D::Error::custom(format_args!("bomFormat {text:?}: not a CycloneDX BOM (\"CycloneDX\" expected)")))
        }
    }
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Bom {
    #[allow(dead_code, clippy::struct_field_names)] // read to check it
    bom_format: BomFormat,
    #[serde(default)]
    components: Vec<Component>,
    #[serde(flatten)]
    rest: Map<String, Value>,
}

#[derive(Deserialize)]
struct Component {
    name: Option<String>,
    version: Option<String>,
    purl: Option<String>,
    swid: Option<Swid>,
    #[serde(default)]
    licenses: Vec<LicenseChoice>,
    #[serde(default)]
    components: Vec<Component>,
    #[serde(flatten)]
    rest: Map<String, Value>,
}

#[derive(Deserialize)]
struct Swid {
    #[serde(rename = "tagId")]
    tag_id: Option<String>,
    #[serde(flatten)]
    rest: Map<String, Value>,
}

#[derive(Deserialize)]
struct LicenseChoice {
    license: Option<License>,
    #[serde(flatten)]
    rest: Map<String, Value>,
}

#[derive(Deserialize)]
struct License {
    #[serde(rename = "bom-ref")]
    bom_ref: Option<String>,
    id: Option<String>,
    name: Option<String>,
    licensing: Option<Licensing>,
    #[serde(flatten)]
    rest: Map<String, Value>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Licensing {
    licensor: Option<Party>,
    licensee: Option<Party>,
    purchaser: Option<Party>,
    purchase_order: Option<String>,
    license_types: Option<Vec<String>>,
    last_renewal: Option<String>,
    expiration: Option<String>,
    #[serde(flatten)]
    rest: Map<String, Value>,
}

#[derive(Deserialize)]
struct Party {
    organization: Option<Named>,
    individual: Option<Named>,
    #[serde(flatten)]
    rest: Map<String, Value>,
}

#[derive(Deserialize)]
struct Named {
    name: Option<String>,
    #[serde(flatten)]
    rest: Map<String, Value>,
}

// ---------------------------------------------------------------------------------------------
// Import.

/// Reads a `CycloneDX` 1.5 or 1.6 JSON BOM: one [`Ent`] per licence of a component (at any depth)
/// that has a `licensing` object, and what did not cross.
///
/// ```
/// use iso19770_ent::cyclonedx;
///
/// let err = cyclonedx::import_json(
///     "{\"bomFormat\": \"CycloneDX\", \"components\": [{\"name\": \"x\",\n \"licenses\": [{\"license\": {\"name\": \"L\", \"licensing\": 7}}]}]}",
/// )
/// .unwrap_err();
/// assert_eq!(err.path().to_string(), "components[0]/licenses[0]/license/licensing");
/// assert_eq!(err.position().line(), Some(2));
/// ```
pub fn import_json(json: &str) -> Result<Import, DecodeError> {
    // RFC 8259 lets a parser ignore a byte-order mark.
    let json = json.strip_prefix('\u{feff}').unwrap_or(json);
    let bom = match serde_json::from_str::<Bom>(json) {
        Ok(bom) => bom,
        Err(_) => decode_tracked(json)?,
    };
    let mut reader = Reader {
        serial: bom.rest.get("serialNumber").and_then(Value::as_str).map(str::to_owned),
        out: Import::default(),
    };
    for (key, _) in &bom.rest {
        let reason = match key.as_str() {
            "specVersion" | "$schema" => continue,
            "serialNumber" => "the BOM's serial number: part of the ids of licences without a bom-ref",
            "version" => "the BOM's version",
            _ => "a member of the BOM outside its components' licences",
        };
        reader.note(Path::from_segments([PathSegment::key(key.clone())]), false, reason);
    }
    for (i, component) in bom.components.into_iter().enumerate() {
        let path = Path::from_segments([PathSegment::key("components"), PathSegment::Index(i)]);
        reader.component(component, &path, None);
    }
    Ok(reader.out)
}

/// Decodes again with the path of the error tracked.
fn decode_tracked(json: &str) -> Result<Bom, DecodeError> {
    iso19770_core::json::from_str_tracked(json)
        .map_err(|e| DecodeError::Json { at: Box::new(e.at), message: e.message })
}

/// The path with one more key.
fn key(path: &Path, key: &str) -> Path {
    path.join(PathSegment::key(key))
}

/// The path with one more index.
fn index(path: &Path, i: usize) -> Path {
    path.join(PathSegment::Index(i))
}

struct Reader {
    serial: Option<String>,
    out: Import,
}

impl Reader {
    fn note(&mut self, path: Path, kept: bool, reason: impl Into<String>) {
        self.out.not_crossed.push(NotCrossed { path, reason: reason.into(), kept });
    }

    /// Notes every member of `rest` as kept, with `reason`.
    fn note_kept(&mut self, path: &Path, rest: &Map<String, Value>, reason: &str) {
        for k in rest.keys() {
            self.note(key(path, k), true, reason);
        }
    }

    fn component(&mut self, c: Component, path: &Path, parent: Option<&Path>) {
        let licensed = c.licenses.iter().any(|l| l.license.as_ref().is_some_and(|l| l.licensing.is_some()));
        // What the product keeps: the component's other members, and the swid's.
        let mut remainder = c.rest;
        if let Some(swid) = c.swid.as_ref() {
            remainder.insert("swid".to_owned(), Value::Object(swid.rest.clone()));
        }
        if licensed {
            if let Some(parent) = parent {
                self.note(path.clone(), false, format!("nested in {parent}: export writes components flat"));
            }
            let product_reason = "no Ent field: kept in the entitled product's extensions";
            let kept: Map<String, Value> = remainder.iter().filter(|(k, _)| *k != "swid").map(clone_entry).collect();
            self.note_kept(path, &kept, product_reason);
            if let Some(swid) = c.swid.as_ref() {
                self.note_kept(&key(path, "swid"), &swid.rest, product_reason);
            }
        } else {
            self.note(path.clone(), false, "no licence with a licensing object: not an Ent");
        }
        let product = EntitledProduct {
            tag_id: c.swid.and_then(|s| s.tag_id),
            product: c.name,
            versions: c.version.map(VersionRange::exactly),
            extensions: extension(remainder),
            ..EntitledProduct::default()
        };
        for (j, choice) in c.licenses.into_iter().enumerate() {
            let lpath = index(&key(path, "licenses"), j);
            match choice.license {
                Some(license) if license.licensing.is_some() => {
                    for k in choice.rest.keys() {
                        self.note(key(&lpath, k), false, "a member beside the licence: not kept");
                    }
                    let ent = self.ent(license, &key(&lpath, "license"), &product, c.purl.as_deref());
                    self.out.ents.push(ent);
                }
                Some(_) if licensed => self.note(lpath, false, "a licence without a licensing object: not an Ent"),
                None if licensed => self.note(lpath, false, "a licence expression: not an Ent"),
                _ => {}
            }
        }
        for (i, child) in c.components.into_iter().enumerate() {
            self.component(child, &index(&key(path, "components"), i), Some(path));
        }
    }

    fn ent(&mut self, license: License, path: &Path, product: &EntitledProduct, purl: Option<&str>) -> Ent {
        let ent_id = license.bom_ref.unwrap_or_else(|| format!("{}#{}", self.serial.as_deref().unwrap_or(""), path));
        let mut ent = Ent::new(ent_id);
        ent.name = license.name.or_else(|| license.id.clone());
        self.note_kept(path, &license.rest, "no Ent field: kept in the Ent's extensions");
        let mut license_rest = license.rest;
        if let Some(id) = license.id {
            license_rest.insert("id".to_owned(), Value::String(id));
        }
        let Some(licensing) = license.licensing else { return ent };
        let lpath = key(path, "licensing");
        self.note_kept(&lpath, &licensing.rest, "no Ent field: kept in the Ent's extensions");
        let mut licensing_rest = licensing.rest;

        for (party, role, name) in [
            (licensing.licensor, Role::Licensor, "licensor"),
            (licensing.licensee, Role::Licensee, "licensee"),
            (licensing.purchaser, Role::Purchaser, "purchaser"),
        ] {
            if let Some(party) = party {
                let entity = self.entity(party, role, &key(&lpath, name));
                ent.entities.push(entity);
            }
        }
        if let Some(purl) = purl {
            ent.links.push(Link::new(purl, Rel::Entitles));
        }
        if let Some(po) = licensing.purchase_order {
            ent.meta.push(Meta::default().with_purchase_order(po));
        }
        ent.products.push(product.clone());

        let types = licensing.license_types.unwrap_or_default();
        let mapped = map_license_types(&types);
        let tpath = key(&lpath, "licenseTypes");
        for &(i, reason) in &mapped.left_over {
            self.note(index(&tpath, i), true, format!("licence type {:?}: {reason}", types[i]));
        }
        if !mapped.left_over.is_empty() {
            let left: Vec<Value> = mapped.left_over.iter().map(|&(i, _)| Value::String(types[i].clone())).collect();
            licensing_rest.insert("licenseTypes".to_owned(), Value::Array(left));
        }
        ent.metric = mapped.metric;
        ent.terms = mapped.terms.into_iter().map(Term::new).collect();
        if licensing.last_renewal.is_some() || licensing.expiration.is_some() {
            if ent.terms.is_empty() {
                ent.terms.push(Term::new(TermKind::Other(UNSTATED_TERM.to_owned())));
            }
            if let Some(first) = ent.terms.first_mut() {
                first.start = licensing.last_renewal.map(DateTime::new);
                first.end = licensing.expiration.map(DateTime::new);
            }
        }

        let mut kept = Map::new();
        if !license_rest.is_empty() {
            kept.insert("license".to_owned(), Value::Object(license_rest));
        }
        if !licensing_rest.is_empty() {
            kept.insert("licensing".to_owned(), Value::Object(licensing_rest));
        }
        ent.extensions = extension(kept);
        ent
    }

    fn entity(&mut self, party: Party, role: Role, path: &Path) -> Entity {
        let reason = "no Ent field: kept in the entity's extensions";
        let mut name = None;
        let mut kept = Map::new();
        let mut first = true;
        for (kind, named) in [("organization", party.organization), ("individual", party.individual)] {
            let Some(named) = named else { continue };
            self.note_kept(&key(path, kind), &named.rest, reason);
            let mut rest = named.rest;
            if first {
                name = named.name;
                first = false;
            } else if let Some(other) = named.name {
                self.note(
                    key(&key(path, kind), "name"),
                    true,
                    "a second name of the party: kept in the entity's extensions",
                );
                rest.insert("name".to_owned(), Value::String(other));
            }
            kept.insert(kind.to_owned(), Value::Object(rest));
        }
        self.note_kept(path, &party.rest, reason);
        kept.extend(party.rest);
        // An organization with nothing but a name is what export writes without extensions.
        if kept.len() == 1 && kept.get("organization").is_some_and(|o| o.as_object().is_some_and(Map::is_empty)) {
            kept.clear();
        }
        let mut entity = Entity::new(name.unwrap_or_default(), [role]);
        entity.extensions = extension(kept);
        entity
    }
}

fn clone_entry((k, v): (&String, &Value)) -> (String, Value) {
    (k.clone(), v.clone())
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
        let access_by = if types[j] == "user" { AccessBy::User } else { AccessBy::Device };
        metric = Some(Metric::ClientAccess { access_by });
        taken[i] = true;
        taken[j] = true;
    }
    let mut out = MappedTypes { metric, terms: Vec::new(), left_over: Vec::new() };
    for (i, t) in types.iter().enumerate() {
        if taken[i] {
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

/// Extensions with one [`EXTENSION_KEY`] entry holding `kept`, or none when it is empty.
fn extension(kept: Map<String, Value>) -> Extensions {
    let mut ext = Extensions::default();
    if !kept.is_empty() {
        ext.entries.push(CborEntry::new(Label::from(EXTENSION_KEY), to_cbor(Value::Object(kept))));
    }
    ext
}

/// A JSON value as the CBOR value extensions hold (numbers with a fraction through `f64`).
fn to_cbor(v: Value) -> CborValue {
    match v {
        Value::Null => CborValue::Null,
        Value::Bool(b) => CborValue::Bool(b),
        Value::Number(n) => match (n.as_u64(), n.as_i64()) {
            (Some(u), _) => CborValue::Unsigned(u),
            (None, Some(i)) => CborValue::integer(i),
            (None, None) => n.as_f64().map_or(CborValue::Null, CborValue::float),
        },
        Value::String(s) => CborValue::Text(s),
        Value::Array(items) => CborValue::Array(items.into_iter().map(to_cbor).collect()),
        Value::Object(members) => {
            CborValue::Map(members.into_iter().map(|(k, v)| (CborValue::Text(k), to_cbor(v))).collect())
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Export.

/// Writes Ents as a `CycloneDX` 1.6 JSON BOM, as indented text (see [`export`] for what could not
/// be written).
pub fn export_json(ents: &[Ent]) -> String {
    export(ents).to_json_string()
}

/// Writes Ents as a `CycloneDX` 1.6 BOM: a component per entitled product, the Ent as a licence of
/// it with a `licensing` object; lists what could not be written.
///
/// ```
/// use iso19770_ent::{cyclonedx, Ent, EntitledProduct, Metric, Quantity};
///
/// let ent = Ent::new("e-1")
///     .with_name("Windows Server 2022 Datacenter")
///     .with_product(EntitledProduct::named("Windows Server"))
///     .with_metric(Metric::per_core(8, 16, 2))
///     .with_quantity(Quantity::count(16));
/// let export = cyclonedx::export(&[ent]);
/// let licensing = &export.bom["components"][0]["licenses"][0]["license"]["licensing"];
/// assert_eq!(licensing["licenseTypes"][0], "custom-metric");
/// let lost: Vec<String> = export.not_crossed.iter().map(|n| n.path.to_string()).collect();
/// assert_eq!(lost, ["[0]/quantity", "[0]/metric"]);
/// ```
pub fn export(ents: &[Ent]) -> Export {
    let mut writer = Writer { not_crossed: Vec::new() };
    let mut components: Vec<(Map<String, Value>, Vec<Value>)> = Vec::new();
    for (i, ent) in ents.iter().enumerate() {
        let at = Path::from_segments([PathSegment::Index(i)]);
        let component = writer.component(ent, &at);
        let license = writer.license(ent, &at);
        let mut choice = Map::new();
        choice.insert("license".to_owned(), Value::Object(license));
        match components.last_mut() {
            Some((last, licenses)) if *last == component => licenses.push(Value::Object(choice)),
            _ => components.push((component, vec![Value::Object(choice)])),
        }
    }
    let components: Vec<Value> = components
        .into_iter()
        .map(|(mut c, licenses)| {
            c.insert("licenses".to_owned(), Value::Array(licenses));
            Value::Object(c)
        })
        .collect();
    let mut bom = Map::new();
    bom.insert("bomFormat".to_owned(), Value::from("CycloneDX"));
    bom.insert("specVersion".to_owned(), Value::from("1.6"));
    bom.insert("components".to_owned(), Value::Array(components));
    Export { bom: Value::Object(bom), not_crossed: writer.not_crossed }
}

struct Writer {
    not_crossed: Vec<NotCrossed>,
}

/// The object kept under [`EXTENSION_KEY`], if any.
fn kept(ext: &Extensions) -> Option<Map<String, Value>> {
    match ext.entry(&Label::from(EXTENSION_KEY)).map(serde_json::to_value) {
        Some(Ok(Value::Object(m))) => Some(m),
        _ => None,
    }
}

/// A member of a kept object, as an object.
fn take_object(m: &mut Map<String, Value>, name: &str) -> Map<String, Value> {
    match m.remove(name) {
        Some(Value::Object(o)) => o,
        Some(other) => {
            // Not an object: keep it as it was.
            m.insert(name.to_owned(), other);
            Map::new()
        }
        None => Map::new(),
    }
}

impl Writer {
    fn note(&mut self, path: Path, reason: impl Into<String>) {
        self.not_crossed.push(NotCrossed { path, reason: reason.into(), kept: false });
    }

    /// Notes the extensions other than the [`EXTENSION_KEY`] entry.
    fn note_extensions(&mut self, path: &Path, ext: &Extensions) {
        if !ext.attributes.is_empty() || !ext.elements.is_empty() {
            self.note(path.clone(), "XML attributes or elements kept from a document: CycloneDX JSON has no place");
        }
        for entry in ext.entries.iter().filter(|e| e.label.as_text() != Some(EXTENSION_KEY)) {
            self.note(key(path, &entry.label.to_string()), "an extension member: CycloneDX has no place");
        }
        if ext.entry(&Label::from(EXTENSION_KEY)).is_some() && kept(ext).is_none() {
            self.note(key(path, EXTENSION_KEY), "not an object of CycloneDX members");
        }
    }

    fn component(&mut self, ent: &Ent, at: &Path) -> Map<String, Value> {
        let Some(product) = ent.products.first() else {
            self.note(key(at, "products"), "no entitled product: written under a component named after the Ent");
            let mut c = Map::new();
            c.insert("type".to_owned(), Value::from("application"));
            c.insert("name".to_owned(), Value::from(ent.name.clone().unwrap_or_else(|| ent.ent_id.clone())));
            return c;
        };
        let ppath = index(&key(at, "products"), 0);
        for i in 1..ent.products.len() {
            self.note(
                index(&key(at, "products"), i),
                "a licence belongs to one component: only the first product is written",
            );
        }
        let from_bom = kept(&product.extensions);
        let hand_made = from_bom.is_none();
        let mut c = from_bom.unwrap_or_default();
        self.note_extensions(&ppath, &product.extensions);
        if hand_made {
            c.insert("type".to_owned(), Value::from("application"));
        }
        if let Some(name) = &product.product {
            c.insert("name".to_owned(), Value::from(name.clone()));
        } else if hand_made {
            c.insert("name".to_owned(), Value::from(ent.name.clone().unwrap_or_else(|| ent.ent_id.clone())));
        }
        match &product.versions {
            Some(VersionRange { from: Some(from), to: Some(to) }) if from == to => {
                c.insert("version".to_owned(), Value::from(from.clone()));
            }
            Some(_) => self.note(key(&ppath, "versions"), "a version range: a component has one version"),
            None => {}
        }
        if let Some(tag_id) = &product.tag_id {
            let mut swid = take_object(&mut c, "swid");
            if hand_made && let Some(name) = &product.product {
                swid.insert("name".to_owned(), Value::from(name.clone()));
            }
            swid.insert("tagId".to_owned(), Value::from(tag_id.clone()));
            c.insert("swid".to_owned(), Value::Object(swid));
        }
        if product.regid.is_some() {
            self.note(key(&ppath, "regid"), "a component has no registration id");
        }
        if product.edition.is_some() {
            self.note(key(&ppath, "edition"), "a component has no edition");
        }
        let mut purl_written = false;
        for (i, link) in ent.links.iter().enumerate() {
            let lpath = index(&key(at, "links"), i);
            if !purl_written && link.rel == Rel::Entitles && link.href.starts_with("pkg:") {
                c.insert("purl".to_owned(), Value::from(link.href.clone()));
                purl_written = true;
                if link.media_type.is_some() {
                    self.note(key(&lpath, "mediaType"), "a purl has no media type");
                }
                self.note_extensions(&lpath, &link.extensions);
            } else {
                self.note(lpath, "only the first entitles link to a purl crosses, as the component's purl");
            }
        }
        c
    }

    fn license(&mut self, ent: &Ent, at: &Path) -> Map<String, Value> {
        let mut kept_members = kept(&ent.extensions).unwrap_or_default();
        let mut license = take_object(&mut kept_members, "license");
        let mut licensing = take_object(&mut kept_members, "licensing");
        self.note_extensions(at, &ent.extensions);
        for k in kept_members.keys() {
            self.note(key(&key(at, EXTENSION_KEY), k), "neither a licence nor a licensing member");
        }
        if !ent.ent_id.is_empty() {
            license.insert("bom-ref".to_owned(), Value::from(ent.ent_id.clone()));
        }
        if let Some(name) = &ent.name
            && license.get("id").and_then(Value::as_str) != Some(name.as_str())
        {
            license.insert("name".to_owned(), Value::from(name.clone()));
        }
        for (name, value) in [("version", ent.version.is_some()), ("revision", ent.revision.is_some())] {
            if value {
                self.note(key(at, name), format!("a licence has no {name}"));
            }
        }
        if ent.lang.is_some() {
            self.note(key(at, "lang"), "a licence has no language");
        }

        self.parties(ent, at, &mut licensing);
        self.meta(ent, at, &mut licensing);

        // The licence types: the metric's, the terms', then those kept.
        let mut types: Vec<Value> = Vec::new();
        if ent.quantity.is_some() {
            self.note(key(at, "quantity"), "CycloneDX licensing has no quantity");
        }
        if let Some(metric) = &ent.metric {
            let (names, lost) = metric_types(metric);
            types.extend(names.into_iter().map(Value::from));
            if let Some(lost) = lost {
                self.note(key(at, "metric"), lost);
            }
        }
        let mut dated = false;
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
            types.extend(name.map(Value::from));
            if term.start.is_none() && term.end.is_none() {
                if name.is_none() {
                    self.note(tpath, "a term of unstated kind without dates: nothing to write");
                }
                continue;
            }
            if dated {
                self.note(tpath, "the dates of a second term: CycloneDX has one lastRenewal and one expiration");
                continue;
            }
            dated = true;
            if let Some(start) = &term.start {
                licensing.insert("lastRenewal".to_owned(), Value::from(start.as_str()));
            }
            if let Some(end) = &term.end {
                licensing.insert("expiration".to_owned(), Value::from(end.as_str()));
            }
        }
        if let Some(Value::Array(left)) = licensing.remove("licenseTypes") {
            types.extend(left);
        }
        if !types.is_empty() {
            licensing.insert("licenseTypes".to_owned(), Value::Array(types));
        }
        for (i, _) in ent.rights.iter().enumerate() {
            self.note(index(&key(at, "rights"), i), "CycloneDX licensing has no rights");
        }
        for (i, _) in ent.limitations.iter().enumerate() {
            self.note(index(&key(at, "limitations"), i), "CycloneDX licensing has no limitations");
        }
        for (i, _) in ent.costs.iter().enumerate() {
            self.note(index(&key(at, "costs"), i), "CycloneDX licensing has no prices");
        }
        license.insert("licensing".to_owned(), Value::Object(licensing));
        license
    }

    fn parties(&mut self, ent: &Ent, at: &Path, licensing: &mut Map<String, Value>) {
        for (k, entity) in ent.entities.iter().enumerate() {
            let epath = index(&key(at, "entities"), k);
            let mut written = false;
            for role in &entity.roles {
                let slot = match role {
                    Role::Licensor => "licensor",
                    Role::Licensee => "licensee",
                    Role::Purchaser => "purchaser",
                    other => {
                        self.note(key(&epath, "roles"), format!("role {other}: CycloneDX has no such party"));
                        continue;
                    }
                };
                if licensing.contains_key(slot) {
                    self.note(key(&epath, "roles"), format!("a second {slot}: CycloneDX has one"));
                    continue;
                }
                licensing.insert(slot.to_owned(), Value::Object(party(entity)));
                written = true;
            }
            if written {
                if entity.regid.is_some() {
                    self.note(key(&epath, "regid"), "a CycloneDX party has no registration id");
                }
                self.note_extensions(&epath, &entity.extensions);
            } else if entity.roles.is_empty() {
                self.note(epath, "an entity without a role: CycloneDX has no such party");
            }
        }
    }

    fn meta(&mut self, ent: &Ent, at: &Path, licensing: &mut Map<String, Value>) {
        for (k, meta) in ent.meta.iter().enumerate() {
            let mpath = index(&key(at, "meta"), k);
            self.note_extensions(&mpath, &meta.extensions);
            let mut plain = meta.clone();
            plain.extensions = Extensions::default();
            let mut rest = serde_json::to_value(plain).unwrap_or(Value::Null);
            if let Some(po) = &meta.purchase_order
                && !licensing.contains_key("purchaseOrder")
            {
                licensing.insert("purchaseOrder".to_owned(), Value::from(po.clone()));
                if let Value::Object(m) = &mut rest {
                    m.remove("purchaseOrder");
                }
            }
            if let Value::Object(m) = &rest {
                for name in m.keys() {
                    self.note(key(&mpath, name), "CycloneDX licensing has one purchase order and no other reference");
                }
            }
        }
    }
}

/// A party object for an entity: its kept members, with its name in its `organization` (or
/// `individual`).
fn party(entity: &Entity) -> Map<String, Value> {
    let mut p = kept(&entity.extensions).unwrap_or_else(|| {
        let mut m = Map::new();
        m.insert("organization".to_owned(), Value::Object(Map::new()));
        m
    });
    if entity.name.is_empty() {
        return p;
    }
    let kind =
        if p.contains_key("organization") || !p.contains_key("individual") { "organization" } else { "individual" };
    let mut named = take_object(&mut p, kind);
    named.insert("name".to_owned(), Value::from(entity.name.clone()));
    p.insert(kind.to_owned(), Value::Object(named));
    p
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
