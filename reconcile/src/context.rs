//! The input indexed for the engine, and the findings about its consistency.

use crate::hash::{HashMap, HashSet};
use crate::input::{Access, Catalog, CatalogProduct, Device, Input, Installation, Suite};
use crate::position::Finding;
use iso19770_core::Instant;
use iso19770_ent::{CoreFactor, Quantity};
use std::collections::{BTreeMap, BTreeSet};
use std::sync::OnceLock;

/// The input with its indexes.
pub(crate) struct Ctx<'a> {
    pub(crate) input: &'a Input,
    pub(crate) as_of: Option<Instant>,
    /// Devices by id (of duplicates, the least).
    pub(crate) devices: BTreeMap<&'a str, &'a Device>,
    /// The same, hashed, for lookups.
    device_index: HashMap<&'a str, &'a Device>,
    /// Installations by id (of duplicates, the least), in id order (binary searched).
    pub(crate) installations: Vec<&'a Installation>,
    /// The product names and tag ids of the installations.
    names: HashSet<&'a str>,
    tags: HashSet<&'a str>,
    /// Installations per device id, in id order.
    pub(crate) on_device: HashMap<&'a str, Vec<&'a Installation>>,
    /// VMs per host id.
    pub(crate) vms_on_host: HashMap<&'a str, Vec<&'a Device>>,
    /// The pin honoured for each pinned installation: of its pins to existing Ents, the one to
    /// the first `entId` (in any order of the pins).
    pub(crate) pins: BTreeMap<&'a str, &'a str>,
    /// The catalog with one entry per product, suite and processor class (of duplicates, the
    /// least), and each product's releases in a canonical order: the same in any input order.
    pub(crate) catalog: Catalog,
    pub(crate) findings: Vec<Finding>,
    /// Built when first needed (so that an estate without the metrics that use them does not
    /// pay for them): installations per (product, `user:…` or `device:…`), devices per
    /// `host` named (whatever the host is), access records per product, RUMs (by index) per
    /// asset name and per asset tag id.
    installs_per_subject: OnceLock<HashMap<InstallKey<'a>, u64>>,
    of_product: OnceLock<HashMap<&'a str, Vec<&'a Installation>>>,
    by_host: OnceLock<HashMap<&'a str, Vec<&'a Device>>>,
    accesses: OnceLock<HashMap<&'a str, Vec<&'a Access>>>,
    usage: OnceLock<UsageIndex<'a>>,
    suites: OnceLock<HashMap<&'a str, Vec<&'a str>>>,
}

/// Installations counted by (product, whether by user, the user's or the device's id).
type InstallKey<'a> = (&'a str, bool, &'a str);

/// RUMs by index, per asset name and per asset tag id.
type UsageIndex<'a> = (HashMap<&'a str, Vec<usize>>, HashMap<&'a str, Vec<usize>>);

/// The catalog without duplicates, independent of the input's order; a finding per duplicate.
fn canonical_catalog(input: &Catalog, findings: &mut Vec<Finding>) -> Catalog {
    let mut products: BTreeMap<&str, &CatalogProduct> = BTreeMap::new();
    for p in &input.products {
        match products.get(p.product.as_str()) {
            Some(q) => {
                findings.push(finding(
                    "duplicate-catalog-entry",
                    format!("product:{}", p.product),
                    "two catalog entries for this product: the least is used".into(),
                ));
                if format!("{p:?}") < format!("{q:?}") {
                    products.insert(p.product.as_str(), p);
                }
            }
            None => {
                products.insert(p.product.as_str(), p);
            }
        }
    }
    let mut suites: BTreeMap<&str, &Suite> = BTreeMap::new();
    for s in &input.suites {
        match suites.get(s.suite.as_str()) {
            Some(t) => {
                findings.push(finding(
                    "duplicate-catalog-entry",
                    format!("suite:{}", s.suite),
                    "two catalog entries for this suite: the least is used".into(),
                ));
                if format!("{s:?}") < format!("{t:?}") {
                    suites.insert(s.suite.as_str(), s);
                }
            }
            None => {
                suites.insert(s.suite.as_str(), s);
            }
        }
    }
    let mut factors: BTreeMap<&str, &CoreFactor> = BTreeMap::new();
    for f in &input.core_factors {
        match factors.get(f.processor_class.as_str()) {
            Some(g) => {
                findings.push(finding(
                    "duplicate-catalog-entry",
                    format!("class:{}", f.processor_class),
                    "two core factors for this processor class: the least is used".into(),
                ));
                if f.factor < g.factor {
                    factors.insert(f.processor_class.as_str(), f);
                }
            }
            None => {
                factors.insert(f.processor_class.as_str(), f);
            }
        }
    }
    Catalog {
        products: products
            .into_values()
            .map(|p| {
                let mut p = p.clone();
                // Releases by version and date, so that a repeated version resolves the same way.
                p.releases.sort_by(|a, b| a.version.cmp(&b.version).then_with(|| a.date.as_str().cmp(b.date.as_str())));
                p
            })
            .collect(),
        // In the order of the names (binary searched by `suite` and `catalog_product`).
        suites: suites.into_values().cloned().collect(),
        core_factors: factors.into_values().cloned().collect(),
    }
}

fn finding(code: &'static str, subject: String, message: String) -> Finding {
    Finding { code, subject, message }
}

impl<'a> Ctx<'a> {
    pub(crate) fn new(input: &'a Input) -> Self {
        let mut findings = Vec::new();
        let as_of = match input.as_of.instant() {
            Ok(i) => Some(i),
            Err(e) => {
                findings.push(finding(
                    "as-of-date",
                    "input".into(),
                    format!("{:?} is not a date-time with a zone: {e}; terms are not judged", input.as_of.as_str()),
                ));
                None
            }
        };
        let mut devices: BTreeMap<&str, &Device> = BTreeMap::new();
        for d in &input.estate.devices {
            if let Some(other) = devices.get_mut(d.id.as_str()) {
                findings.push(finding(
                    "duplicate-device",
                    format!("device:{}", d.id),
                    "two devices have this id; the least (compared field by field) is used".into(),
                ));
                // The least, so that the order of the input does not matter.
                if d < *other {
                    *other = d;
                }
            } else {
                devices.insert(d.id.as_str(), d);
            }
        }
        let mut vms_on_host: HashMap<&str, Vec<&Device>> = HashMap::default();
        for d in devices.values() {
            match (d.is_virtual(), d.host()) {
                (true, None) => findings.push(finding(
                    "vm-without-host",
                    format!("device:{}", d.id),
                    "a virtual machine without a host: licensed as if physical".into(),
                )),
                (true, Some(h)) => match devices.get(h) {
                    None => findings.push(finding(
                        "vm-without-host",
                        format!("device:{}", d.id),
                        format!("its host {h:?} is not in the estate: licensed as if physical"),
                    )),
                    Some(host) if host.is_virtual() => findings.push(finding(
                        "host-cycle",
                        format!("device:{}", d.id),
                        format!("its host {h:?} is itself virtual (nested or cyclic hosting): licensed as if physical"),
                    )),
                    Some(_) => vms_on_host.entry(h).or_default().push(d),
                },
                _ => {}
            }
        }
        let mut on_device: HashMap<&str, Vec<&Installation>> = HashMap::default();
        on_device.reserve(devices.len());
        // By id, the least of duplicates first (sorting once is much cheaper than inserting a
        // million ids one by one into an ordered map).
        let mut installations: Vec<&Installation> = input.installations.iter().collect();
        installations.sort_by(|a, b| a.id.cmp(&b.id).then_with(|| a.cmp(b)));
        installations.dedup_by(|later, first| {
            let same = later.id == first.id;
            if same {
                findings.push(finding(
                    "duplicate-installation",
                    format!("installation:{}", later.id),
                    "two installations have this id; the least (compared field by field) is counted".into(),
                ));
            }
            same
        });
        let device_index: HashMap<&str, &Device> = devices.iter().map(|(k, v)| (*k, *v)).collect();
        // One pass over the installations for the indexes of devices, names and tag ids.
        let (mut names, mut tags): (HashSet<&str>, HashSet<&str>) = (HashSet::default(), HashSet::default());
        let mut unknown: Vec<&Installation> = Vec::new();
        for i in installations.iter().copied() {
            let list = on_device.entry(i.device.as_str()).or_default();
            if list.is_empty() && !device_index.contains_key(i.device.as_str()) {
                unknown.push(i);
            }
            list.push(i);
            names.insert(i.product.product.as_str());
            if let Some(t) = &i.product.tag_id {
                tags.insert(t.as_str());
            }
        }
        // Every installation on a device the estate does not have, in id order.
        let unknown: BTreeSet<&str> = unknown.into_iter().map(|i| i.device.as_str()).collect();
        for i in installations.iter().filter(|i| unknown.contains(i.device.as_str())) {
            findings.push(finding(
                "unknown-device",
                format!("installation:{}", i.id),
                format!("its device {:?} is not in the estate: counted with no processors", i.device),
            ));
        }
        let mut ctx = Ctx {
            input,
            as_of,
            devices,
            device_index,
            installations,
            names,
            tags,
            on_device,
            vms_on_host,
            pins: BTreeMap::new(),
            catalog: Catalog::default(),
            findings,
            installs_per_subject: OnceLock::new(),
            of_product: OnceLock::new(),
            by_host: OnceLock::new(),
            accesses: OnceLock::new(),
            usage: OnceLock::new(),
            suites: OnceLock::new(),
        };
        ctx.catalog = canonical_catalog(&input.catalog, &mut ctx.findings);
        ctx.check_entitlements();
        ctx.check_pins();
        ctx.check_usage();
        ctx
    }

    fn check_entitlements(&mut self) {
        let known: HashSet<&str> = self
            .names
            .iter()
            .copied()
            .chain(self.catalog.products.iter().map(|p| p.product.as_str()))
            .chain(self.catalog.suites.iter().map(|s| s.suite.as_str()))
            .collect();
        let mut seen = BTreeSet::new();
        for e in &self.input.entitlements {
            let subject = format!("ent:{}", e.ent_id);
            if !seen.insert(e.ent_id.as_str()) {
                self.findings.push(finding(
                    "duplicate-ent",
                    subject.clone(),
                    "two Ents have this id; the least (by their content written out) is used".into(),
                ));
            }
            if let Some(Quantity::Exact(q)) = &e.quantity
                && q.is_sign_negative()
                && !q.is_zero()
            {
                self.findings.push(finding(
                    "negative-quantity",
                    subject.clone(),
                    format!("the quantity {q} is negative: counted as 0"),
                ));
            }
            if e.metric.is_none() {
                self.findings.push(finding("no-metric", subject.clone(), "no metric: counted per installation".into()));
            }
            for p in &e.products {
                if let Some(name) = &p.product
                    && !known.contains(name.as_str())
                {
                    self.findings.push(finding(
                        "unknown-product",
                        subject.clone(),
                        format!("names the product {name:?}, which no installation or catalog entry has"),
                    ));
                }
            }
        }
    }

    fn check_pins(&mut self) {
        let mut wanted: BTreeMap<&'a str, BTreeSet<&'a str>> = BTreeMap::new();
        for p in &self.input.pins {
            let has_install = self.installation(&p.installation).is_some();
            let has_ent = self.input.entitlements.iter().any(|e| e.ent_id == p.ent_id);
            if has_install && has_ent {
                wanted.entry(p.installation.as_str()).or_default().insert(p.ent_id.as_str());
            } else {
                self.findings.push(finding(
                    "unknown-pin",
                    format!("installation:{}", p.installation),
                    format!(
                        "a pin to {:?} names {} that does not exist: ignored",
                        p.ent_id,
                        if has_install { "an Ent" } else { "an installation" }
                    ),
                ));
            }
        }
        for (installation, ents) in wanted {
            let Some(first) = ents.first().copied() else { continue };
            if ents.len() > 1 {
                let all: Vec<String> = ents.iter().map(|e| format!("{e:?}")).collect();
                self.findings.push(finding(
                    "conflicting-pins",
                    format!("installation:{installation}"),
                    format!("pinned to {}: the pin to {first:?} is honoured", all.join(" and ")),
                ));
            }
            self.pins.insert(installation, first);
        }
    }

    fn check_usage(&mut self) {
        if self.input.usage.is_empty() {
            return;
        }
        // The installations' product names and tag ids, looked up once per RUM (a scan of every
        // installation per RUM was quadratic in the estate's size).
        let (names, tags) = (&self.names, &self.tags);
        for r in &self.input.usage {
            let matched = r.asset.as_ref().is_some_and(|a| {
                a.tag_id.as_deref().is_some_and(|t| tags.contains(t))
                    || a.name.as_deref().is_some_and(|n| names.contains(n))
            });
            if !matched {
                self.findings.push(finding(
                    "usage-without-installation",
                    format!("rum:{}", r.rum_id),
                    "measures an asset that matches no installation's tag id or product".into(),
                ));
            }
        }
    }

    /// The products of each suite of the input's catalog (for the index of each component).
    pub(crate) fn suite_members(&self) -> &HashMap<&'a str, Vec<&'a str>> {
        self.suites.get_or_init(|| crate::engine::suite_members(&self.input.catalog))
    }

    /// The installation with this id.
    pub(crate) fn installation(&self, id: &str) -> Option<&'a Installation> {
        let i = self.installations.binary_search_by(|i| i.id.as_str().cmp(id)).ok()?;
        self.installations.get(i).copied()
    }

    /// The catalog's entry for a product (the canonical catalog is in the order of the names).
    pub(crate) fn catalog_product(&self, name: &str) -> Option<&CatalogProduct> {
        let i = self.catalog.products.binary_search_by(|c| c.product.as_str().cmp(name)).ok()?;
        self.catalog.products.get(i)
    }

    /// The device of an installation.
    pub(crate) fn device(&self, id: &str) -> Option<&'a Device> {
        self.device_index.get(id).copied()
    }

    /// The physical host whose capacity counts for a device: its host when it is a VM with a
    /// known physical host, else itself.
    pub(crate) fn host_of<'b>(&self, device: &'b Device) -> &'b Device
    where
        'a: 'b,
    {
        match device.host().and_then(|h| self.device(h)) {
            Some(h) if !h.is_virtual() => h,
            _ => device,
        }
    }

    /// The user of an installation: its own, else its device's primary user.
    pub(crate) fn user_of<'b>(&self, i: &'b Installation) -> Option<&'b str>
    where
        'a: 'b,
    {
        i.user.as_deref().or_else(|| self.device(&i.device).and_then(|d| d.primary_user.as_deref()))
    }

    /// Usage measurements of a product (by tag id or name), in input order.
    pub(crate) fn usage_of<'b>(
        &'b self,
        product: &'b str,
        tag_id: Option<&'b str>,
    ) -> impl Iterator<Item = &'a iso19770_resource_util::Measurement> + 'b {
        let (by_name, by_tag) = self.usage.get_or_init(|| {
            let mut by_name: HashMap<&str, Vec<usize>> = HashMap::default();
            let mut by_tag: HashMap<&str, Vec<usize>> = HashMap::default();
            for (n, r) in self.input.usage.iter().enumerate() {
                if let Some(a) = &r.asset {
                    if let Some(name) = a.name.as_deref() {
                        by_name.entry(name).or_default().push(n);
                    }
                    if let Some(tag) = a.tag_id.as_deref() {
                        by_tag.entry(tag).or_default().push(n);
                    }
                }
            }
            (by_name, by_tag)
        });
        let mut rums: Vec<usize> = by_name.get(product).into_iter().flatten().copied().collect();
        if let Some(tag) = tag_id {
            rums.extend(by_tag.get(tag).into_iter().flatten().copied());
            rums.sort_unstable();
            rums.dedup();
        }
        let usage = &self.input.usage;
        rums.into_iter().filter_map(move |n| usage.get(n)).flat_map(|r| r.measurements.iter())
    }

    /// The installations of `product` whose user is `user:…`, or without a user, whose device
    /// is `device:…` (`subject`).
    pub(crate) fn installations_of(&self, subject: &str, product: &str) -> u64 {
        let counts = self.installs_per_subject.get_or_init(|| {
            // Keys borrowed from the input: no string is built per installation.
            let mut counts: HashMap<InstallKey<'a>, u64> = HashMap::default();
            for i in self.installations.iter().copied() {
                let key = match self.user_of(i) {
                    Some(u) => (i.product.product.as_str(), true, u),
                    None => (i.product.product.as_str(), false, i.device.as_str()),
                };
                *counts.entry(key).or_default() += 1;
            }
            counts
        });
        let key = match (subject.strip_prefix("user:"), subject.strip_prefix("device:")) {
            (Some(u), _) => (product, true, u),
            (None, Some(d)) => (product, false, d),
            (None, None) => return 0,
        };
        counts.get(&key).copied().unwrap_or(0)
    }

    /// The installations of a product, in id order.
    pub(crate) fn installations_of_product(&self, product: &str) -> &[&'a Installation] {
        let of_product = self.of_product.get_or_init(|| {
            let mut map: HashMap<&'a str, Vec<&'a Installation>> = HashMap::default();
            for i in self.installations.iter().copied() {
                map.entry(i.product.product.as_str()).or_default().push(i);
            }
            map
        });
        of_product.get(product).map_or(&[], Vec::as_slice)
    }

    /// The devices whose `host` is `id` (known or not, physical or virtual).
    pub(crate) fn hosted_on(&self, id: &str) -> &[&'a Device] {
        let by_host = self.by_host.get_or_init(|| {
            let mut by_host: HashMap<&'a str, Vec<&'a Device>> = HashMap::default();
            for d in self.devices.values().copied() {
                if let Some(h) = d.host() {
                    by_host.entry(h).or_default().push(d);
                }
            }
            by_host
        });
        by_host.get(id).map_or(&[], Vec::as_slice)
    }

    /// The access records of a product, in input order.
    pub(crate) fn accesses_of(&self, product: &str) -> &[&'a Access] {
        let accesses = self.accesses.get_or_init(|| {
            let mut by_product: HashMap<&'a str, Vec<&'a Access>> = HashMap::default();
            for a in &self.input.accesses {
                by_product.entry(a.product.as_str()).or_default().push(a);
            }
            by_product
        });
        accesses.get(product).map_or(&[], Vec::as_slice)
    }
}
