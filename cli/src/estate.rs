//! `estate.json`: the devices, users, catalog, access records, pins and installations that a
//! folder's tags do not say, as the `itam reconcile` command reads them.
//!
//! ```json
//! {
//!   "asOf": "2025-06-30T00:00:00Z",
//!   "devices": [{"id": "esx-01", "processors": 2, "coresPerProcessor": 16, "processorClass": "x86", "cluster": "prod"},
//!               {"id": "vm-sql-01", "host": "esx-01", "processors": 1, "coresPerProcessor": 4},
//!               {"id": "lt-alice", "portable": true, "primaryUser": "alice", "processors": 1, "coresPerProcessor": 4}],
//!   "users": [{"id": "alice", "orgUnit": "sales"}],
//!   "catalog": {"products": [{"product": "SQL Server", "editions": ["Standard", "Enterprise"],
//!                             "releases": [{"version": "2022", "date": "2022-11-16T00:00:00Z"}]}],
//!               "suites": [{"suite": "Office Professional", "primary": "Word", "parts": ["Excel", "Access"]}],
//!               "coreFactors": [{"processorClass": "x86", "factor": "0.5"}]},
//!   "installations": [{"id": "db-1", "product": "Oracle Database", "edition": "Enterprise", "version": "19c", "device": "db-01"}],
//!   "accesses": [{"product": "Windows Server", "user": "alice"}],
//!   "pins": [{"installation": "db-1", "entId": "ora-proc-2019"}]
//! }
//! ```
//!
//! A device with a `host` is a virtual machine on it.
//!
//! [`write()`] writes an input back in this form (what `itam generate-estate` writes), one
//! device, user, product, installation or access record per line.

use anyhow::{Context, Result};
use iso19770_ent::CoreFactor;
use iso19770_reconcile::{
    Access, Catalog, CatalogProduct, Device, DeviceKind, Input, Installation, Pin, ProductId, Release, Suite, User,
};
use serde::{Deserialize, Serialize};
use std::io::Write;
use std::path::Path;

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct EstateFile {
    #[serde(default)]
    as_of: Option<String>,
    #[serde(default)]
    devices: Vec<DeviceEntry>,
    #[serde(default)]
    users: Vec<UserEntry>,
    #[serde(default)]
    catalog: CatalogEntry,
    #[serde(default)]
    installations: Vec<InstallationEntry>,
    #[serde(default)]
    accesses: Vec<AccessEntry>,
    #[serde(default)]
    pins: Vec<PinEntry>,
}

#[derive(Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
struct DeviceEntry {
    id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    host: Option<String>,
    #[serde(default, rename = "virtual", skip_serializing_if = "std::ops::Not::not")]
    is_virtual: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    cluster: Option<String>,
    #[serde(default)]
    processors: u32,
    #[serde(default)]
    cores_per_processor: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    processor_class: Option<String>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    portable: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    primary_user: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    org_unit: Option<String>,
}

#[derive(Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
struct UserEntry {
    id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    org_unit: Option<String>,
}

#[derive(Default, Deserialize)]
#[serde(rename_all = "camelCase")]
struct CatalogEntry {
    #[serde(default)]
    products: Vec<ProductEntry>,
    #[serde(default)]
    suites: Vec<SuiteEntry>,
    #[serde(default)]
    core_factors: Vec<FactorEntry>,
}

#[derive(Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
struct ProductEntry {
    product: String,
    #[serde(default)]
    editions: Vec<String>,
    #[serde(default)]
    releases: Vec<ReleaseEntry>,
}

#[derive(Deserialize, Serialize)]
struct ReleaseEntry {
    version: String,
    date: String,
}

#[derive(Deserialize, Serialize)]
struct SuiteEntry {
    suite: String,
    primary: String,
    #[serde(default)]
    parts: Vec<String>,
}

#[derive(Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
struct FactorEntry {
    processor_class: String,
    #[serde(with = "iso19770_core::decimal::serde::text")]
    factor: iso19770_core::decimal::Decimal,
}

#[derive(Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
struct InstallationEntry {
    id: String,
    product: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    version: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    edition: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    tag_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    regid: Option<String>,
    device: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    user: Option<String>,
}

#[derive(Deserialize, Serialize)]
struct AccessEntry {
    product: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    server: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    user: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    device: Option<String>,
}

#[derive(Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
struct PinEntry {
    installation: String,
    ent_id: String,
}

/// Reads `estate.json` into an input (without tags, Ents and usage).
pub(crate) fn read(path: &Path, as_of: Option<&str>) -> Result<Input> {
    let text = std::fs::read_to_string(path).with_context(|| format!("{}: cannot read", path.display()))?;
    let file: EstateFile = iso19770_core::json::from_str_tracked(&text).map_err(|e| {
        anyhow::anyhow!("{}: {}: {} (see `itam reconcile --help` for the estate file)", path.display(), e.at, e.message)
    })?;
    let date = as_of.map(str::to_owned).or(file.as_of).context("no date: give --as-of or asOf in estate.json")?;
    let mut input = Input::new(date.as_str());
    input.estate.devices = file
        .devices
        .into_iter()
        .map(|d| Device {
            kind: if d.host.is_some() || d.is_virtual {
                DeviceKind::Virtual { host: d.host }
            } else {
                DeviceKind::Physical
            },
            id: d.id,
            cluster: d.cluster,
            processors: d.processors,
            cores_per_processor: d.cores_per_processor,
            processor_class: d.processor_class,
            portable: d.portable,
            primary_user: d.primary_user,
            org_unit: d.org_unit,
        })
        .collect();
    input.estate.users = file.users.into_iter().map(|u| User { id: u.id, org_unit: u.org_unit }).collect();
    input.catalog = Catalog {
        products: file
            .catalog
            .products
            .into_iter()
            .map(|p| CatalogProduct {
                product: p.product,
                editions: p.editions,
                releases: p
                    .releases
                    .into_iter()
                    .map(|r| Release { version: r.version, date: r.date.as_str().into() })
                    .collect(),
            })
            .collect(),
        suites: file
            .catalog
            .suites
            .into_iter()
            .map(|s| Suite { suite: s.suite, primary: s.primary, parts: s.parts })
            .collect(),
        core_factors: file
            .catalog
            .core_factors
            .into_iter()
            .map(|f| CoreFactor::new(f.processor_class, f.factor))
            .collect(),
    };
    input.installations = file
        .installations
        .into_iter()
        .map(|i| {
            let product = ProductId {
                tag_id: i.tag_id,
                regid: i.regid,
                product: i.product,
                version: i.version,
                edition: i.edition,
            };
            let mut inst = Installation::new(i.id, product, i.device);
            inst.user = i.user;
            inst
        })
        .collect();
    input.accesses = file
        .accesses
        .into_iter()
        .map(|a| Access { product: a.product, server: a.server, user: a.user, device: a.device })
        .collect();
    input.pins = file.pins.into_iter().map(|p| Pin { installation: p.installation, ent_id: p.ent_id }).collect();
    Ok(input)
}

impl From<&Device> for DeviceEntry {
    fn from(d: &Device) -> Self {
        DeviceEntry {
            id: d.id.clone(),
            host: d.host().map(str::to_owned),
            is_virtual: matches!(d.kind, DeviceKind::Virtual { host: None }),
            cluster: d.cluster.clone(),
            processors: d.processors,
            cores_per_processor: d.cores_per_processor,
            processor_class: d.processor_class.clone(),
            portable: d.portable,
            primary_user: d.primary_user.clone(),
            org_unit: d.org_unit.clone(),
        }
    }
}

/// Writes the array `key` of `items`, one per line, indented by `indent`; a comma after it
/// unless it is the `last` member of its object.
fn array<T: Serialize>(
    out: &mut impl Write,
    indent: &str,
    key: &str,
    items: impl Iterator<Item = T>,
    last: bool,
) -> Result<()> {
    write!(out, "{indent}\"{key}\": [")?;
    let mut empty = true;
    for item in items {
        out.write_all(if empty { b"\n" } else { b",\n" })?;
        write!(out, "{indent}  ")?;
        serde_json::to_writer(&mut *out, &item)?;
        empty = false;
    }
    if !empty {
        write!(out, "\n{indent}")?;
    }
    writeln!(out, "]{}", if last { "" } else { "," })?;
    Ok(())
}

/// Writes the estate, catalog, installations, access records and pins of `input` (not its
/// Ents and usage) in the form [`read`] reads, one entry per line.
pub(crate) fn write(input: &Input, out: &mut impl Write) -> Result<()> {
    writeln!(out, "{{")?;
    writeln!(out, "  \"asOf\": {},", serde_json::to_string(input.as_of.as_str())?)?;
    array(out, "  ", "devices", input.estate.devices.iter().map(DeviceEntry::from), false)?;
    let users = input.estate.users.iter().map(|u| UserEntry { id: u.id.clone(), org_unit: u.org_unit.clone() });
    array(out, "  ", "users", users, false)?;
    writeln!(out, "  \"catalog\": {{")?;
    let products = input.catalog.products.iter().map(|p| ProductEntry {
        product: p.product.clone(),
        editions: p.editions.clone(),
        releases: p
            .releases
            .iter()
            .map(|r| ReleaseEntry { version: r.version.clone(), date: r.date.as_str().to_owned() })
            .collect(),
    });
    array(out, "    ", "products", products, false)?;
    let suites = input.catalog.suites.iter().map(|s| SuiteEntry {
        suite: s.suite.clone(),
        primary: s.primary.clone(),
        parts: s.parts.clone(),
    });
    array(out, "    ", "suites", suites, false)?;
    let factors = input
        .catalog
        .core_factors
        .iter()
        .map(|f| FactorEntry { processor_class: f.processor_class.clone(), factor: f.factor });
    array(out, "    ", "coreFactors", factors, true)?;
    writeln!(out, "  }},")?;
    let installations = input.installations.iter().map(|i| InstallationEntry {
        id: i.id.clone(),
        product: i.product.product.clone(),
        version: i.product.version.clone(),
        edition: i.product.edition.clone(),
        tag_id: i.product.tag_id.clone(),
        regid: i.product.regid.clone(),
        device: i.device.clone(),
        user: i.user.clone(),
    });
    array(out, "  ", "installations", installations, false)?;
    let accesses = input.accesses.iter().map(|a| AccessEntry {
        product: a.product.clone(),
        server: a.server.clone(),
        user: a.user.clone(),
        device: a.device.clone(),
    });
    array(out, "  ", "accesses", accesses, false)?;
    let pins = input.pins.iter().map(|p| PinEntry { installation: p.installation.clone(), ent_id: p.ent_id.clone() });
    array(out, "  ", "pins", pins, true)?;
    writeln!(out, "}}")?;
    Ok(())
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    #[test]
    fn writes_what_it_reads() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("estate.json");
        let mut input = Input::new("2025-06-30T00:00:00Z");
        input
            .estate
            .devices
            .push(Device { cluster: Some("c".into()), ..Device::physical("esx", 2, 16).with_class("x86") });
        input.estate.devices.push(Device::virtual_on("vm", "esx", 1, 4));
        input
            .estate
            .devices
            .push(Device { kind: DeviceKind::Virtual { host: None }, ..Device::physical("orphan", 1, 2) });
        input
            .estate
            .devices
            .push(Device { org_unit: Some("ou".into()), ..Device::physical("lt", 1, 4).with_user("al").portable() });
        input.estate.users.push(User { id: "al".into(), org_unit: Some("ou".into()) });
        input.catalog.products.push(CatalogProduct {
            product: "P \"quoted\"".into(),
            editions: vec!["Standard".into()],
            releases: vec![Release { version: "1".into(), date: "2020-01-01T00:00:00Z".into() }],
        });
        input.catalog.core_factors.push(CoreFactor::new("x86", iso19770_core::decimal::Decimal::new(5, 1)));
        let mut inst = Installation::new("i", ProductId::named("P").version("1").edition("Standard"), "vm");
        inst.user = Some("al".into());
        input.installations.push(inst);
        input.accesses.push(Access {
            product: "P".into(),
            server: Some("vm".into()),
            user: Some("al".into()),
            device: None,
        });
        input.pins.push(Pin { installation: "i".into(), ent_id: "e".into() });
        let mut bytes = Vec::new();
        write(&input, &mut bytes).unwrap();
        let text = String::from_utf8(bytes).unwrap();
        assert!(
            text.starts_with(
                "{\n  \"asOf\": \"2025-06-30T00:00:00Z\",\n  \"devices\": [\n    {\"id\":\"esx\",\"cluster\":\"c\","
            ),
            "{text}"
        );
        assert!(text.contains("\n  \"suites\": [],\n") || text.contains("\n    \"suites\": [],\n"), "{text}");
        assert!(text.contains("{\"id\":\"orphan\",\"virtual\":true,"), "{text}");
        assert!(text.contains("{\"processorClass\":\"x86\",\"factor\":\"0.5\"}"), "{text}");
        std::fs::write(&path, &text).unwrap();
        assert_eq!(read(&path, None).unwrap(), input);
    }
}
