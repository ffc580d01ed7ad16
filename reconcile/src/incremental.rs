//! Incremental re-reconciliation: a [`Reconciler`] keeps the input and each component's result,
//! and a [`Change`] re-reconciles only the components it touches.
//!
//! The components are those of [`crate::reconcile`] (an Ent with the installations it names or
//! is pinned to): nothing one component allocates changes another, so a change re-runs the
//! engine on the touched components alone, over an input cut down to what they read (their
//! Ents and installations, the devices of the installations with their hosts and the VMs on
//! those hosts, the usage and access records of their products, the pins of their
//! installations, the catalog entries of their products and suites; not the estate's users,
//! which the engine does not read). The touched components may join or fall apart; the engine
//! splits them again.
//!
//! [`Reconciler::position`] is always what [`crate::reconcile`] gives for the current input
//! (the tests check it after random changes); it assembles the whole position and computes the
//! findings about the input's consistency again, so it costs time in proportion to the estate.
//! [`Reconciler::apply`] costs time in proportion to the touched components and returns what
//! changed.
//!
//! The optimal allocation's flow is solved again from the start, not from the previous basis
//! (which [`crate::flow::Network::solve_from`] could take): a component's network is small (at
//! most 117 nodes and 398 arcs in a generated estate of 10⁶ installations, solved in under
//! 50 µs, against milliseconds for the rest of a change), and where a network has several
//! optimal flows a warm start could end at another one than a reconciliation from scratch,
//! so that the position would depend on the history of changes.
//!
//! ```
//! use iso19770_ent::{Ent, EntitledProduct, Metric, Quantity};
//! use iso19770_reconcile::incremental::{Change, Reconciler};
//! use iso19770_reconcile::{Device, Input, Installation, ProductId, reconcile};
//!
//! let mut input = Input::new("2025-06-30T00:00:00Z");
//! input.estate.devices.push(Device::physical("d-1", 1, 4));
//! input.estate.devices.push(Device::physical("d-2", 1, 4));
//! input.installations.push(Installation::new("i-1", ProductId::named("Tool"), "d-1"));
//! input.entitlements.push(
//!     Ent::new("tool").with_product(EntitledProduct::named("Tool")).with_metric(Metric::PerDevice).with_quantity(Quantity::count(1)),
//! );
//! let mut r = Reconciler::new(input.clone());
//! let delta = r.apply(Change::AddInstallation(Installation::new("i-2", ProductId::named("Tool"), "d-2")));
//! assert_eq!(delta.entitlements[0].shortfall.to_string(), "1");
//! assert_eq!(delta.consumers.len(), 2);
//!
//! input.installations.push(Installation::new("i-2", ProductId::named("Tool"), "d-2"));
//! assert_eq!(r.position(), reconcile(&input));
//! ```

use crate::context::Ctx;
use crate::engine::{Index, OwnedPart, assemble, run_parts};
use crate::hash::{HashMap, HashSet};
use crate::input::{Catalog, Device, Input, Installation, Suite};
use crate::position::{Consumer, EntitlementPosition, Position};
use iso19770_ent::Ent;
use std::collections::BTreeSet;

/// What a cut lent out of the store: how many Ents and installations of each id (in the order
/// of the ids), and the indexes of the devices (in the cut's order).
#[derive(Default)]
struct Lent {
    ents: Vec<usize>,
    installations: Vec<usize>,
    devices: Vec<usize>,
}

/// A change to the input of a [`Reconciler`].
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub enum Change {
    /// An installation added; one with the same id is replaced.
    AddInstallation(Installation),
    /// The installations with this id removed.
    RemoveInstallation(String),
    /// An Ent added; those with the same `entId` are replaced (boxed: an Ent is large).
    SetEntitlement(Box<Ent>),
    /// The Ents with this `entId` removed.
    RemoveEntitlement(String),
}

impl Change {
    /// Applies the change to a plain input, as a [`Reconciler`] applies it to its own.
    ///
    /// ```
    /// use iso19770_reconcile::incremental::Change;
    /// use iso19770_reconcile::{Input, Installation, ProductId};
    ///
    /// let mut input = Input::new("2025-06-30T00:00:00Z");
    /// Change::AddInstallation(Installation::new("i-1", ProductId::named("Tool"), "d-1")).apply_to(&mut input);
    /// Change::AddInstallation(Installation::new("i-1", ProductId::named("Tool"), "d-2")).apply_to(&mut input);
    /// assert_eq!(input.installations.len(), 1);
    /// assert_eq!(input.installations[0].device, "d-2");
    /// ```
    pub fn apply_to(&self, input: &mut Input) {
        match self {
            Change::AddInstallation(i) => {
                input.installations.retain(|x| x.id != i.id);
                input.installations.push(i.clone());
            }
            Change::RemoveInstallation(id) => input.installations.retain(|x| x.id != *id),
            Change::SetEntitlement(e) => {
                input.entitlements.retain(|x| x.ent_id != e.ent_id);
                input.entitlements.push((**e).clone());
            }
            Change::RemoveEntitlement(id) => input.entitlements.retain(|x| x.ent_id != *id),
        }
    }
}

/// What a change re-reconciled: the positions of the Ents and installations of the touched
/// components, after the change (an installation or Ent removed is not in it), as the
/// [`Reconciler`] keeps them: borrowed, so that a change copies nothing it does not have to
/// (clone what you keep past the next change).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Delta<'a> {
    /// The touched components' Ents, in the order of `entId`.
    pub entitlements: Vec<&'a EntitlementPosition>,
    /// The touched components' installations, in the order of their ids.
    pub consumers: Vec<&'a Consumer>,
}

/// From this many consumers in the components a change replaces, the old ones are freed on a
/// thread of their own while the new ones are computed.
const DROP_APART_FROM: usize = 512;

/// An input and its reconciled components, kept for re-reconciling after changes.
#[derive(Clone, Debug)]
pub struct Reconciler {
    /// The input without its installations and Ents, which are kept by id below.
    base: Input,
    installations: HashMap<String, Vec<Installation>>,
    ents: HashMap<String, Vec<Ent>>,
    /// Installation ids by product name and by tag id.
    by_product: HashMap<String, BTreeSet<String>>,
    by_tag: HashMap<String, BTreeSet<String>>,
    /// Ent ids by the product names (suite members included) and tag ids they name.
    ents_by_name: HashMap<String, BTreeSet<String>>,
    ents_by_tag: HashMap<String, BTreeSet<String>>,
    /// The reconciled components, by slot (`None`: emptied by a change).
    parts: Vec<Option<OwnedPart>>,
    /// The slot of each Ent and installation id.
    ent_slot: HashMap<String, usize>,
    installation_slot: HashMap<String, usize>,
    /// Indexes of the input's lists by id (which never change: only installations and Ents do).
    devices: HashMap<String, Vec<usize>>,
    hosted: HashMap<String, Vec<usize>>,
    usage_by_name: HashMap<String, Vec<usize>>,
    usage_by_tag: HashMap<String, Vec<usize>>,
    accesses: HashMap<String, Vec<usize>>,
    pins: HashMap<String, Vec<usize>>,
    pinned_to: HashMap<String, Vec<usize>>,
    /// The lists of the last change's cut, emptied, kept for the next: a large component's
    /// lists are large, and allocating and freeing them again for each change had the
    /// allocator consolidating its free lists.
    spare: Spare,
}

/// Empty lists with their allocations (see `Reconciler::spare`).
#[derive(Clone, Debug, Default)]
struct Spare {
    installations: Vec<Installation>,
    devices: Vec<Device>,
    entitlements: Vec<Ent>,
}

fn index_by<T>(items: &[T], key: impl Fn(&T) -> Vec<&str>) -> HashMap<String, Vec<usize>> {
    let mut out: HashMap<String, Vec<usize>> = HashMap::default();
    for (n, item) in items.iter().enumerate() {
        for k in key(item) {
            out.entry(k.to_owned()).or_default().push(n);
        }
    }
    out
}

impl Reconciler {
    /// Reconciles `input` and keeps it with its components.
    pub fn new(input: Input) -> Self {
        let devices = index_by(&input.estate.devices, |d| vec![d.id.as_str()]);
        let hosted = index_by(&input.estate.devices, |d| d.host().into_iter().collect());
        let usage_by_name =
            index_by(&input.usage, |r| r.asset.as_ref().and_then(|a| a.name.as_deref()).into_iter().collect());
        let usage_by_tag =
            index_by(&input.usage, |r| r.asset.as_ref().and_then(|a| a.tag_id.as_deref()).into_iter().collect());
        let accesses = index_by(&input.accesses, |a| vec![a.product.as_str()]);
        let pins = index_by(&input.pins, |p| vec![p.installation.as_str()]);
        let pinned_to = index_by(&input.pins, |p| vec![p.ent_id.as_str()]);
        let (parts, _) = run_parts(&input);
        let mut base = input;
        let mut r = Reconciler {
            installations: HashMap::default(),
            ents: HashMap::default(),
            by_product: HashMap::default(),
            by_tag: HashMap::default(),
            ents_by_name: HashMap::default(),
            ents_by_tag: HashMap::default(),
            parts: Vec::new(),
            ent_slot: HashMap::default(),
            installation_slot: HashMap::default(),
            devices,
            hosted,
            usage_by_name,
            usage_by_tag,
            accesses,
            pins,
            pinned_to,
            base: Input::new(base.as_of.clone()),
            spare: Spare::default(),
        };
        for i in std::mem::take(&mut base.installations) {
            r.add_installation(i);
        }
        r.base = base;
        for e in std::mem::take(&mut r.base.entitlements) {
            r.add_ent(e);
        }
        for part in parts {
            r.store(part);
        }
        r
    }

    /// The input as it is now (installations and Ents grouped by id).
    pub fn input(&self) -> Input {
        let mut input = self.base.clone();
        input.installations = self.installations.values().flatten().cloned().collect();
        input.entitlements = self.ents.values().flatten().cloned().collect();
        input
    }

    /// The whole position of the input as it is now: what [`crate::reconcile`] gives for it.
    pub fn position(&self) -> Position {
        // The findings about the input's consistency, for the whole input.
        let findings = Ctx::new(&self.input()).findings;
        assemble(self.base.as_of.as_str(), self.parts.iter().flatten(), findings)
    }

    fn add_ent(&mut self, e: Ent) {
        let index = Index::new(&self.base, &[&e]);
        let (names, tags) = index.keys();
        for n in names {
            self.ents_by_name.entry(n.to_owned()).or_default().insert(e.ent_id.clone());
        }
        for t in tags {
            self.ents_by_tag.entry(t.to_owned()).or_default().insert(e.ent_id.clone());
        }
        self.ents.entry(e.ent_id.clone()).or_default().push(e);
    }

    fn remove_ents(&mut self, id: &str) {
        for e in self.ents.remove(id).into_iter().flatten() {
            let index = Index::new(&self.base, &[&e]);
            let (names, tags) = index.keys();
            for n in names {
                if let Some(set) = self.ents_by_name.get_mut(n) {
                    set.remove(id);
                }
            }
            for t in tags {
                if let Some(set) = self.ents_by_tag.get_mut(t) {
                    set.remove(id);
                }
            }
        }
    }

    fn add_installation(&mut self, i: Installation) {
        self.by_product.entry(i.product.product.clone()).or_default().insert(i.id.clone());
        if let Some(t) = &i.product.tag_id {
            self.by_tag.entry(t.clone()).or_default().insert(i.id.clone());
        }
        self.installations.entry(i.id.clone()).or_default().push(i);
    }

    fn remove_installations(&mut self, id: &str) {
        for i in self.installations.remove(id).into_iter().flatten() {
            if let Some(set) = self.by_product.get_mut(&i.product.product) {
                set.remove(id);
            }
            if let Some(set) = i.product.tag_id.as_ref().and_then(|t| self.by_tag.get_mut(t)) {
                set.remove(id);
            }
        }
    }

    /// Applies a change and re-reconciles the components it touches.
    pub fn apply(&mut self, change: Change) -> Delta<'_> {
        let mut ents: BTreeSet<String> = BTreeSet::new();
        let mut installations: BTreeSet<String> = BTreeSet::new();
        match change {
            Change::AddInstallation(inst) => {
                installations.insert(inst.id.clone());
                self.remove_installations(&inst.id);
                // The Ents that name it (by product, suite or tag) and those it is pinned to.
                ents.extend(self.ents_by_name.get(&inst.product.product).into_iter().flatten().cloned());
                if let Some(t) = &inst.product.tag_id {
                    ents.extend(self.ents_by_tag.get(t).into_iter().flatten().cloned());
                }
                for p in self.pins.get(&inst.id).into_iter().flatten().filter_map(|n| self.base.pins.get(*n)) {
                    ents.insert(p.ent_id.clone());
                }
                self.add_installation(inst);
            }
            Change::RemoveInstallation(id) => {
                self.remove_installations(&id);
                installations.insert(id);
            }
            Change::SetEntitlement(ent) => {
                ents.insert(ent.ent_id.clone());
                // The installations it names: by the product names and tag ids its index knows.
                let index = Index::new(&self.base, &[&ent]);
                let (names, tags) = index.keys();
                for n in names {
                    installations.extend(self.by_product.get(n).into_iter().flatten().cloned());
                }
                for t in tags {
                    installations.extend(self.by_tag.get(t).into_iter().flatten().cloned());
                }
                self.remove_ents(&ent.ent_id);
                self.add_ent(*ent);
            }
            Change::RemoveEntitlement(id) => {
                self.remove_ents(&id);
                ents.insert(id);
            }
        }
        // An Ent changed or removed: the installations pinned to it too.
        for id in &ents {
            let pinned = self.pinned_to.get(id).into_iter().flatten().filter_map(|n| self.base.pins.get(*n));
            installations.extend(pinned.map(|p| p.installation.clone()));
        }
        // Whole components: every Ent and installation of a slot touched.
        let mut slots: BTreeSet<usize> = BTreeSet::new();
        slots.extend(ents.iter().filter_map(|id| self.ent_slot.get(id)));
        slots.extend(installations.iter().filter_map(|id| self.installation_slot.get(id)));
        let mut retired = Vec::with_capacity(slots.len());
        for slot in &slots {
            if let Some(mut part) = self.parts.get_mut(*slot).and_then(Option::take) {
                for id in &part.ent_ids {
                    self.ent_slot.remove(id);
                }
                // A component has a consumer per installation: its ids, taken back from the slots.
                for c in &part.consumers {
                    if let Some((id, _)) = self.installation_slot.remove_entry(c.installation.as_str()) {
                        installations.insert(id);
                    }
                }
                ents.extend(std::mem::take(&mut part.ent_ids));
                retired.push(part);
            }
        }
        // The old components are freed while the new ones are computed: for a large component
        // (thousands of consumers, each with its strings) freeing them is a tenth of a change,
        // and a second thread does it beside the engine's.
        let large = retired.iter().map(|p| p.consumers.len()).sum::<usize>() >= DROP_APART_FROM;
        let parts = std::thread::scope(|scope| {
            if large {
                // Where no thread can be started, the closure (and with it the old parts) is
                // dropped here.
                let _ = std::thread::Builder::new().spawn_scoped(scope, move || drop(retired));
            } else {
                drop(retired);
            }
            let (sub, lent) = self.cut(&ents, &installations);
            let (parts, _) = run_parts(&sub);
            self.give_back(sub, lent, &ents, &installations);
            parts
        });
        let stored: Vec<usize> = parts.into_iter().map(|part| self.store(part)).collect();
        let parts: Vec<&OwnedPart> = stored.iter().filter_map(|slot| self.parts.get(*slot)?.as_ref()).collect();
        let mut delta = Delta {
            entitlements: parts.iter().flat_map(|p| &p.entitlements).collect(),
            consumers: parts.iter().flat_map(|p| &p.consumers).collect(),
        };
        delta.entitlements.sort_by(|a, b| a.ent_id.cmp(&b.ent_id));
        delta.consumers.sort_by(|a, b| a.installation.cmp(&b.installation));
        delta
    }

    /// Keeps `part` in a free slot; returns the slot.
    fn store(&mut self, part: OwnedPart) -> usize {
        let slot = if let Some(free) = self.parts.iter().position(Option::is_none) {
            free
        } else {
            self.parts.push(None);
            self.parts.len() - 1
        };
        for id in &part.ent_ids {
            self.ent_slot.insert(id.clone(), slot);
        }
        for c in &part.consumers {
            self.installation_slot.insert(c.installation.clone(), slot);
        }
        if let Some(cell) = self.parts.get_mut(slot) {
            *cell = Some(part);
        }
        slot
    }

    /// The catalog entries `sub` reads: of the products its installations and Ents name, the
    /// suites with one of them (as the suite, its primary product or a part) and every product
    /// of those suites; all core factors. (Copying the whole catalog for each change, and
    /// putting it in order again, was a fifth of a change's time.)
    fn catalog_for(&self, sub: &Input) -> Catalog {
        let catalog = &self.base.catalog;
        let mut names: HashSet<&str> = sub.installations.iter().map(|i| i.product.product.as_str()).collect();
        names.extend(sub.entitlements.iter().flat_map(|e| e.products.iter()).filter_map(|p| p.product.as_deref()));
        let suites: Vec<&Suite> = catalog
            .suites
            .iter()
            .filter(|s| {
                names.contains(s.suite.as_str())
                    || names.contains(s.primary.as_str())
                    || s.parts.iter().any(|p| names.contains(p.as_str()))
            })
            .collect();
        for s in &suites {
            names.insert(s.suite.as_str());
            names.insert(s.primary.as_str());
            names.extend(s.parts.iter().map(String::as_str));
        }
        Catalog {
            products: catalog.products.iter().filter(|p| names.contains(p.product.as_str())).cloned().collect(),
            suites: suites.into_iter().cloned().collect(),
            core_factors: catalog.core_factors.clone(),
        }
    }

    /// The input cut down to these Ents and installations (every one with those ids) and what
    /// reconciling them reads.
    ///
    /// The Ents, installations and devices are lent, not copied (for a large component, copying
    /// them took a quarter of a change's time): moved out of the store into the cut, and moved
    /// back by [`Reconciler::give_back`] once the engine has read them. (Were the engine to panic
    /// in between, the `Reconciler` would be left without them: the engine has no panics on input,
    /// which the fuzz targets and property tests hold it to.)
    fn cut(&mut self, ents: &BTreeSet<String>, installations: &BTreeSet<String>) -> (Input, Lent) {
        let mut sub = Input::new(self.base.as_of.clone());
        sub.objective = self.base.objective;
        sub.entitlements = std::mem::take(&mut self.spare.entitlements);
        sub.installations = std::mem::take(&mut self.spare.installations);
        sub.estate.devices = std::mem::take(&mut self.spare.devices);
        // Drained, so that each id's list keeps its allocation for the records coming back, and
        // into lists of their final size (growing lists of large records, and new lists for
        // them on the way back, had the allocator searching its free lists for a third of a
        // change's time).
        let mut lent = Lent { ents: Vec::with_capacity(ents.len()), ..Lent::default() };
        sub.entitlements.reserve(ents.iter().filter_map(|id| self.ents.get(id)).map(Vec::len).sum());
        for id in ents {
            let list = self.ents.get_mut(id);
            lent.ents.push(list.as_ref().map_or(0, |l| l.len()));
            sub.entitlements.extend(list.into_iter().flat_map(|l| l.drain(..)));
        }
        lent.installations.reserve(installations.len());
        sub.installations.reserve(installations.iter().filter_map(|id| self.installations.get(id)).map(Vec::len).sum());
        for id in installations {
            let list = self.installations.get_mut(id);
            lent.installations.push(list.as_ref().map_or(0, |l| l.len()));
            sub.installations.extend(list.into_iter().flat_map(|l| l.drain(..)));
        }
        sub.catalog = self.catalog_for(&sub);
        let input = &self.base;
        // Sets of ids as sorted lists (a large component's are thousands long).
        let pick = |map: &HashMap<String, Vec<usize>>, key: &str, into: &mut Vec<usize>| {
            into.extend(map.get(key).into_iter().flatten().copied());
        };
        let settle = |list: &mut Vec<usize>| {
            list.sort_unstable();
            list.dedup();
        };
        // Devices: those of the installations, their hosts, and every device on those hosts.
        let mut devices: Vec<usize> = Vec::with_capacity(sub.installations.len());
        for i in &sub.installations {
            pick(&self.devices, &i.device, &mut devices);
        }
        settle(&mut devices);
        // (An installation's device counts as a host even when the estate does not know it: VMs
        // may name it.)
        let mut hosts: HashSet<&str> = sub.installations.iter().map(|i| i.device.as_str()).collect();
        for d in devices.iter().filter_map(|n| input.estate.devices.get(*n)) {
            hosts.insert(d.id.as_str());
            if let Some(h) = d.host() {
                hosts.insert(h);
            }
        }
        for h in &hosts {
            pick(&self.devices, h, &mut devices);
            pick(&self.hosted, h, &mut devices);
        }
        settle(&mut devices);
        sub.estate.devices.reserve(devices.len());
        lent.devices.reserve(devices.len());
        for n in devices {
            if let Some(d) = self.base.estate.devices.get_mut(n) {
                // A placeholder without an allocation stands in the store meanwhile.
                sub.estate.devices.push(std::mem::replace(d, Device::physical(String::new(), 0, 0)));
                lent.devices.push(n);
            }
        }
        let input = &self.base;
        // Not the estate's users: the engine reads the user ids of installations and devices,
        // never the user records (a large component named some 2,700, copied for nothing).
        // Usage and access records of the products (those installed and those the Ents name).
        let mut products: HashSet<&str> = sub.installations.iter().map(|i| i.product.product.as_str()).collect();
        products.extend(sub.entitlements.iter().flat_map(|e| e.products.iter()).filter_map(|p| p.product.as_deref()));
        let tags: HashSet<&str> = sub.installations.iter().filter_map(|i| i.product.tag_id.as_deref()).collect();
        let mut usage: Vec<usize> = Vec::new();
        let mut accesses: Vec<usize> = Vec::new();
        for p in &products {
            pick(&self.usage_by_name, p, &mut usage);
            pick(&self.accesses, p, &mut accesses);
        }
        for t in &tags {
            pick(&self.usage_by_tag, t, &mut usage);
        }
        settle(&mut usage);
        settle(&mut accesses);
        sub.usage = usage.iter().filter_map(|n| input.usage.get(*n)).cloned().collect();
        sub.accesses = accesses.iter().filter_map(|n| input.accesses.get(*n)).cloned().collect();
        let mut pins: Vec<usize> = Vec::new();
        for id in installations {
            pick(&self.pins, id, &mut pins);
        }
        settle(&mut pins);
        sub.pins = pins.iter().filter_map(|n| input.pins.get(*n)).cloned().collect();
        (sub, lent)
    }

    fn give_back(&mut self, mut sub: Input, lent: Lent, ents: &BTreeSet<String>, installations: &BTreeSet<String>) {
        let mut back = sub.entitlements.drain(..);
        for (id, n) in ents.iter().zip(lent.ents) {
            if let Some(slot) = self.ents.get_mut(id) {
                slot.extend(back.by_ref().take(n));
            }
        }
        drop(back);
        let mut back = sub.installations.drain(..);
        for (id, n) in installations.iter().zip(lent.installations) {
            if let Some(slot) = self.installations.get_mut(id) {
                slot.extend(back.by_ref().take(n));
            }
        }
        drop(back);
        for (n, d) in lent.devices.into_iter().zip(sub.estate.devices.drain(..)) {
            if let Some(slot) = self.base.estate.devices.get_mut(n) {
                *slot = d;
            }
        }
        // Emptied (whatever was not taken back is dropped), the lists serve the next change.
        sub.entitlements.clear();
        sub.installations.clear();
        sub.estate.devices.clear();
        self.spare =
            Spare { installations: sub.installations, devices: sub.estate.devices, entitlements: sub.entitlements };
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::{CatalogProduct, ProductId};

    fn product(name: &str) -> CatalogProduct {
        CatalogProduct { product: name.into(), ..CatalogProduct::default() }
    }

    /// A change's cut carries the catalog entries of its products, of the suites they are in
    /// and of those suites' other products, and nothing else.
    #[test]
    fn the_cut_carries_the_catalog_of_its_products_and_suites() {
        let mut input = Input::new("2026-01-01T00:00:00Z");
        input.catalog.products = ["Writer", "Sheets", "Mail", "Paint"].into_iter().map(product).collect();
        input.catalog.suites = vec![
            Suite { suite: "Office".into(), primary: "Writer".into(), parts: vec!["Sheets".into()] },
            Suite { suite: "Art".into(), primary: "Paint".into(), parts: Vec::new() },
        ];
        let r = Reconciler::new(input);
        let mut sub = Input::new("2026-01-01T00:00:00Z");
        sub.installations.push(Installation::new("i-1", ProductId::named("Sheets"), "d-1"));
        let catalog = r.catalog_for(&sub);
        let names: Vec<&str> = catalog.products.iter().map(|p| p.product.as_str()).collect();
        assert_eq!(names, ["Writer", "Sheets"]);
        let suites: Vec<&str> = catalog.suites.iter().map(|s| s.suite.as_str()).collect();
        assert_eq!(suites, ["Office"]);
        // Nothing named: nothing carried.
        let empty = r.catalog_for(&Input::new("2026-01-01T00:00:00Z"));
        assert!(empty.products.is_empty() && empty.suites.is_empty());
    }

    /// The records a change lends the cut are back in the store afterwards, unchanged.
    #[test]
    fn what_a_cut_lends_comes_back() {
        let mut input = Input::new("2026-01-01T00:00:00Z");
        input.estate.devices.push(Device::physical("d-1", 1, 4));
        input.estate.devices.push(Device::physical("d-2", 2, 8));
        for (id, d) in [("i-1", "d-1"), ("i-2", "d-2"), ("i-3", "d-1")] {
            input.installations.push(Installation::new(id, ProductId::named("P"), d));
        }
        let before = input.clone();
        let mut r = Reconciler::new(input);
        let ids: BTreeSet<String> = ["i-1".to_owned(), "i-3".to_owned(), "i-9".to_owned()].into();
        let (sub, lent) = r.cut(&BTreeSet::new(), &ids);
        assert_eq!(sub.installations.iter().map(|i| i.id.as_str()).collect::<Vec<_>>(), ["i-1", "i-3"]);
        assert_eq!(sub.estate.devices.iter().map(|d| d.id.as_str()).collect::<Vec<_>>(), ["d-1"]);
        r.give_back(sub, lent, &BTreeSet::new(), &ids);
        assert_eq!(r.base.estate.devices, before.estate.devices);
        let mut stored: Vec<&Installation> = r.installations.values().flatten().collect();
        stored.sort();
        let mut expected: Vec<&Installation> = before.installations.iter().collect();
        expected.sort();
        assert_eq!(stored, expected);
        // The cut's lists come back empty, their room kept for the next cut, which starts from
        // them empty.
        assert!(r.spare.installations.is_empty() && r.spare.installations.capacity() >= 2);
        assert!(r.spare.devices.is_empty() && r.spare.devices.capacity() >= 1);
        let (sub, lent) = r.cut(&BTreeSet::new(), &["i-2".to_owned()].into());
        assert_eq!(sub.installations.iter().map(|i| i.id.as_str()).collect::<Vec<_>>(), ["i-2"]);
        assert_eq!(sub.estate.devices.iter().map(|d| d.id.as_str()).collect::<Vec<_>>(), ["d-2"]);
        r.give_back(sub, lent, &BTreeSet::new(), &["i-2".to_owned()].into());
        assert_eq!(r.base.estate.devices, before.estate.devices);
        assert_eq!(r.installations.values().map(Vec::len).sum::<usize>(), 3);
    }
}
