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

use anyhow::{Context, Result};
use iso19770_ent::CoreFactor;
use iso19770_reconcile::{
    Access, Catalog, CatalogProduct, Device, DeviceKind, Input, Installation, Pin, ProductId, Release, Suite, User,
};
use serde::Deserialize;
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

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct DeviceEntry {
    id: String,
    #[serde(default)]
    host: Option<String>,
    #[serde(default, rename = "virtual")]
    is_virtual: bool,
    #[serde(default)]
    cluster: Option<String>,
    #[serde(default)]
    processors: u32,
    #[serde(default)]
    cores_per_processor: u32,
    #[serde(default)]
    processor_class: Option<String>,
    #[serde(default)]
    portable: bool,
    #[serde(default)]
    primary_user: Option<String>,
    #[serde(default)]
    org_unit: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct UserEntry {
    id: String,
    #[serde(default)]
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

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct ProductEntry {
    product: String,
    #[serde(default)]
    editions: Vec<String>,
    #[serde(default)]
    releases: Vec<ReleaseEntry>,
}

#[derive(Deserialize)]
struct ReleaseEntry {
    version: String,
    date: String,
}

#[derive(Deserialize)]
struct SuiteEntry {
    suite: String,
    primary: String,
    #[serde(default)]
    parts: Vec<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct FactorEntry {
    processor_class: String,
    #[serde(with = "iso19770_core::decimal::serde::text")]
    factor: iso19770_core::decimal::Decimal,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct InstallationEntry {
    id: String,
    product: String,
    #[serde(default)]
    version: Option<String>,
    #[serde(default)]
    edition: Option<String>,
    #[serde(default)]
    tag_id: Option<String>,
    #[serde(default)]
    regid: Option<String>,
    device: String,
    #[serde(default)]
    user: Option<String>,
}

#[derive(Deserialize)]
struct AccessEntry {
    product: String,
    #[serde(default)]
    server: Option<String>,
    #[serde(default)]
    user: Option<String>,
    #[serde(default)]
    device: Option<String>,
}

#[derive(Deserialize)]
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
