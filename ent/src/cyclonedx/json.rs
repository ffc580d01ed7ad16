//! The JSON form of `CycloneDX` (feature `json`): serde reads the part of a BOM the mapping
//! needs and keeps every other member as it was; what is kept sits in an extension entry named
//! [`EXTENSION_KEY`].

use super::{
    BomIn, ChoiceIn, ComponentIn, ComponentOut, EXTENSION_KEY, Import, Kept, LicenseIn, LicenseOut, LicensingIn, Named,
    NamedIn, NotCrossed, PartyIn, PartyOut, Place, SLOTS, index, key,
};
use crate::error::DecodeError;
use crate::model::Ent;
use iso19770_core::cbor::{CborEntry, CborValue};
use iso19770_core::{Extensions, Label, Path, PathSegment};
use serde::Deserialize;
use serde::de::{Deserializer, Error as _};
use serde_json::{Map, Value};

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
    ///
    /// ```
    /// let export = iso19770_ent::cyclonedx::export(&[]);
    /// assert!(export.to_json_string().starts_with("{\n  \"bomFormat\": \"CycloneDX\""));
    /// ```
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
    organization: Option<NamedParty>,
    individual: Option<NamedParty>,
    #[serde(flatten)]
    rest: Map<String, Value>,
}

/// An `organization` or `individual`.
#[derive(Deserialize)]
struct NamedParty {
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
    let serial = bom.rest.get("serialNumber").and_then(Value::as_str).map(str::to_owned);
    let mut notes = Vec::new();
    for (name, _) in &bom.rest {
        let reason = match name.as_str() {
            "specVersion" | "$schema" => continue,
            "serialNumber" => "the BOM's serial number: part of the ids of licences without a bom-ref",
            "version" => "the BOM's version",
            _ => "a member of the BOM outside its components' licences",
        };
        notes.push(NotCrossed {
            path: Path::from_segments([PathSegment::key(name.clone())]),
            reason: reason.to_owned(),
            kept: false,
        });
    }
    let components = bom
        .components
        .into_iter()
        .enumerate()
        .map(|(i, c)| component(c, Path::from_segments([PathSegment::key("components"), PathSegment::Index(i)])))
        .collect();
    Ok(super::import(BomIn { serial, notes, components }))
}

/// Decodes again with the path of the error tracked.
fn decode_tracked(json: &str) -> Result<Bom, DecodeError> {
    iso19770_core::json::from_str_tracked(json)
        .map_err(|e| DecodeError::Json { at: Box::new(e.at), message: e.message })
}

/// The paths of the members of `rest`.
fn paths(path: &Path, rest: &Map<String, Value>) -> Vec<Path> {
    rest.keys().map(|k| key(path, k)).collect()
}

fn component(c: Component, path: Path) -> ComponentIn<Map<String, Value>> {
    // What the product keeps: the component's other members, and the swid's.
    let mut kept_paths = paths(&path, &c.rest);
    let mut kept = c.rest;
    let mut tag_id = None;
    if let Some(swid) = c.swid {
        kept_paths.extend(paths(&key(&path, "swid"), &swid.rest));
        kept.insert("swid".to_owned(), Value::Object(swid.rest));
        tag_id = swid.tag_id;
    }
    let licenses = c
        .licenses
        .into_iter()
        .enumerate()
        .map(|(j, choice)| {
            let entry = index(&key(&path, "licenses"), j);
            match choice.license {
                Some(l) => {
                    let lpath = key(&entry, "license");
                    ChoiceIn::License {
                        beside: paths(&entry, &choice.rest),
                        license: Box::new(license(l, &lpath)),
                        id_path: lpath,
                        entry,
                    }
                }
                None => ChoiceIn::Other { path: entry, reason: "a licence expression: not an Ent" },
            }
        })
        .collect();
    let components =
        c.components.into_iter().enumerate().map(|(i, c)| component(c, index(&key(&path, "components"), i))).collect();
    ComponentIn { name: c.name, version: c.version, purl: c.purl, tag_id, kept, kept_paths, licenses, components, path }
}

fn license(l: License, path: &Path) -> LicenseIn<Map<String, Value>> {
    let kept_paths = paths(path, &l.rest);
    let mut kept = l.rest;
    if let Some(id) = &l.id {
        kept.insert("id".to_owned(), Value::String(id.clone()));
    }
    LicenseIn {
        bom_ref: l.bom_ref,
        id: l.id,
        name: l.name,
        kept,
        kept_paths,
        licensing: l.licensing.map(|licensing| self::licensing(licensing, &key(path, "licensing"))),
    }
}

fn licensing(l: Licensing, path: &Path) -> LicensingIn<Map<String, Value>> {
    let types_path = key(path, "licenseTypes");
    let types = l.license_types.unwrap_or_default().into_iter().enumerate().map(|(i, t)| (index(&types_path, i), t));
    let [licensor, licensee, purchaser] = SLOTS.map(|(name, _)| key(path, name));
    LicensingIn {
        parties: [
            l.licensor.map(|p| party(p, &licensor)),
            l.licensee.map(|p| party(p, &licensee)),
            l.purchaser.map(|p| party(p, &purchaser)),
        ],
        purchase_order: l.purchase_order,
        types: types.collect(),
        last_renewal: l.last_renewal,
        expiration: l.expiration,
        kept_paths: paths(path, &l.rest),
        kept: l.rest,
    }
}

fn party(p: Party, path: &Path) -> PartyIn<Map<String, Value>> {
    let named = |n: NamedParty, kind: Named| {
        let npath = key(path, kind.name());
        NamedIn { kind, name: n.name, name_path: key(&npath, "name"), kept_paths: paths(&npath, &n.rest), kept: n.rest }
    };
    PartyIn {
        organization: p.organization.map(|n| named(n, Named::Organization)),
        individual: p.individual.map(|n| named(n, Named::Individual)),
        kept_paths: paths(path, &p.rest),
        kept: p.rest,
    }
}

// ---------------------------------------------------------------------------------------------
// What JSON keeps: the members as written.

impl Kept for Map<String, Value> {
    fn is_empty(&self) -> bool {
        Map::is_empty(self)
    }

    fn keep_license_types(&mut self, types: Vec<String>) {
        self.insert("licenseTypes".to_owned(), Value::Array(types.into_iter().map(Value::String).collect()));
    }

    fn keep_name(&mut self, name: String) {
        self.insert("name".to_owned(), Value::String(name));
    }

    fn ent_extensions(license: Self, licensing: Self) -> Extensions {
        let mut kept = Map::new();
        if !license.is_empty() {
            kept.insert("license".to_owned(), Value::Object(license));
        }
        if !licensing.is_empty() {
            kept.insert("licensing".to_owned(), Value::Object(licensing));
        }
        extension(kept)
    }

    fn entity_extensions(named: Vec<(Named, Self)>, party: Self, _slot: &str) -> Extensions {
        let mut kept = Map::new();
        for (kind, rest) in named {
            kept.insert(kind.name().to_owned(), Value::Object(rest));
        }
        kept.extend(party);
        extension(kept)
    }

    fn product_extensions(self) -> Extensions {
        extension(self)
    }

    fn of_ent(ext: &Extensions, at: &Path) -> (Self, Self, Vec<Path>) {
        let mut members = kept(ext).unwrap_or_default();
        let license = take_object(&mut members, "license");
        let licensing = take_object(&mut members, "licensing");
        let others = members.keys().map(|k| key(&key(at, EXTENSION_KEY), k)).collect();
        (license, licensing, others)
    }

    fn of_entity(ext: &Extensions) -> Option<(Vec<(Named, Self)>, Self)> {
        let mut party = kept(ext)?;
        let mut named = Vec::new();
        for kind in [Named::Organization, Named::Individual] {
            if let Some(Value::Object(_)) = party.get(kind.name()) {
                named.push((kind, take_object(&mut party, kind.name())));
            }
        }
        Some((named, party))
    }

    fn of_product(ext: &Extensions) -> Option<Self> {
        kept(ext)
    }

    fn take_swid(&mut self) -> Self {
        take_object(self, "swid")
    }

    fn take_license_types(&mut self) -> Vec<String> {
        match self.remove("licenseTypes") {
            Some(Value::Array(left)) => left
                .into_iter()
                .map(|v| match v {
                    Value::String(s) => s,
                    other => other.to_string(),
                })
                .collect(),
            _ => Vec::new(),
        }
    }

    fn license_id(&self) -> Option<String> {
        self.get("id").and_then(Value::as_str).map(str::to_owned)
    }

    fn note_extensions(ext: &Extensions, path: &Path, _place: Place, notes: &mut Vec<NotCrossed>) {
        let mut note =
            |path: Path, reason: &str| notes.push(NotCrossed { path, reason: reason.to_owned(), kept: false });
        if !ext.attributes.is_empty() || !ext.elements.is_empty() {
            note(path.clone(), "XML attributes or elements kept from a document: CycloneDX JSON has no place");
        }
        for entry in ext.entries.iter().filter(|e| e.label.as_text() != Some(EXTENSION_KEY)) {
            note(key(path, &entry.label.to_string()), "an extension member: CycloneDX has no place");
        }
        if ext.entry(&Label::from(EXTENSION_KEY)).is_some() && kept(ext).is_none() {
            note(key(path, EXTENSION_KEY), "not an object of CycloneDX members");
        }
    }
}

/// Extensions with one [`EXTENSION_KEY`] entry holding `kept`, or none when it is empty.
fn extension(kept: Map<String, Value>) -> Extensions {
    let mut ext = Extensions::default();
    if !kept.is_empty() {
        let object = Value::Object(kept);
        // Every JSON value is a CBOR value (numbers with a fraction as floats, as the Ent JSON
        // form keeps them); the text is the fallback that cannot be reached.
        let value = serde_json::from_value::<CborValue>(object.clone()).unwrap_or(CborValue::Text(object.to_string()));
        ext.entries.push(CborEntry::new(Label::from(EXTENSION_KEY), value));
    }
    ext
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

// ---------------------------------------------------------------------------------------------
// Export.

/// Writes Ents as a `CycloneDX` 1.6 JSON BOM, as indented text (see [`export`] for what could not
/// be written).
///
/// ```
/// use iso19770_ent::{cyclonedx, Ent};
///
/// let json = cyclonedx::export_json(&[Ent::new("e-1").with_name("Editor")]);
/// let import = cyclonedx::import_json(&json)?;
/// assert_eq!(import.ents[0].name.as_deref(), Some("Editor"));
/// # Ok::<(), iso19770_ent::DecodeError>(())
/// ```
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
    let (parts, not_crossed) = super::export_parts::<Map<String, Value>>(ents);
    let mut components: Vec<(Map<String, Value>, Vec<Value>)> = Vec::new();
    for (component, license) in parts {
        let component = component_object(component);
        let mut choice = Map::new();
        choice.insert("license".to_owned(), Value::Object(license_object(license)));
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
    Export { bom: Value::Object(bom), not_crossed }
}

fn set(m: &mut Map<String, Value>, name: &str, value: Option<String>) {
    if let Some(v) = value {
        m.insert(name.to_owned(), Value::String(v));
    }
}

fn component_object(c: ComponentOut<Map<String, Value>>) -> Map<String, Value> {
    let mut m = c.kept;
    if c.default_type {
        m.insert("type".to_owned(), Value::from("application"));
    }
    set(&mut m, "name", c.name);
    set(&mut m, "version", c.version);
    if let Some(swid) = c.swid {
        let mut s = swid.kept;
        set(&mut s, "name", swid.name);
        s.insert("tagId".to_owned(), Value::String(swid.tag_id));
        m.insert("swid".to_owned(), Value::Object(s));
    }
    set(&mut m, "purl", c.purl);
    m
}

fn license_object(l: LicenseOut<Map<String, Value>>) -> Map<String, Value> {
    let mut m = l.kept;
    set(&mut m, "bom-ref", l.bom_ref);
    set(&mut m, "name", l.name);
    let mut licensing = l.licensing.kept;
    for ((slot, _), party) in SLOTS.into_iter().zip(l.licensing.parties) {
        if let Some(party) = party {
            licensing.insert(slot.to_owned(), Value::Object(party_object(party)));
        }
    }
    set(&mut licensing, "purchaseOrder", l.licensing.purchase_order);
    if !l.licensing.license_types.is_empty() {
        let types = l.licensing.license_types.into_iter().map(Value::String).collect();
        licensing.insert("licenseTypes".to_owned(), Value::Array(types));
    }
    set(&mut licensing, "lastRenewal", l.licensing.last_renewal);
    set(&mut licensing, "expiration", l.licensing.expiration);
    m.insert("licensing".to_owned(), Value::Object(licensing));
    m
}

fn party_object(p: PartyOut<Map<String, Value>>) -> Map<String, Value> {
    let mut m = p.kept;
    for (kind, mut named, name) in p.named {
        set(&mut named, "name", name);
        m.insert(kind.name().to_owned(), Value::Object(named));
    }
    m
}
