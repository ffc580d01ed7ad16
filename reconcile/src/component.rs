//! Independent components of the eligibility graph, reconciled in parallel.
//!
//! An installation and an Ent are joined when the Ent names the installation's product (by
//! name, as a suite it is a part of, or by tag id; see the engine's index) or the installation
//! is pinned to it. Nothing one component allocates can change another: an Ent's quantity is
//! consumed only by installations joined to it, and every count a metric makes (installations
//! of a product per user, named users of a server, VMs with the product on a host, usage and
//! access records of a product) is about products, whose installations are all in one
//! component. So the components are reconciled apart, on as many threads as the machine has,
//! and their results merged in the order of `entId` and installation id: the position is the
//! same whatever the threads did first.

use crate::engine::Index;
use crate::flow::Network;
use crate::hash::HashMap;
use crate::input::Installation;
use iso19770_ent::Ent;
use std::collections::BTreeMap;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

/// A component: its Ents (in the order given, which is that of `entId`) and installations (in
/// the order given).
pub(crate) type Component<'a> = (Vec<&'a Ent>, Vec<&'a Installation>);

/// Union–find over Ents (0..e) and installations (e..).
struct Sets(Vec<usize>);

impl Sets {
    fn find(&mut self, mut x: usize) -> usize {
        while let Some(&parent) = self.0.get(x) {
            if parent == x {
                break;
            }
            // Path halving.
            let grand = self.0.get(parent).copied().unwrap_or(parent);
            if let Some(slot) = self.0.get_mut(x) {
                *slot = grand;
            }
            x = parent;
        }
        x
    }

    fn union(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra != rb {
            // The smaller root stands for both: the result does not depend on the order of unions.
            let (lo, hi) = if ra < rb { (ra, rb) } else { (rb, ra) };
            if let Some(slot) = self.0.get_mut(hi) {
                *slot = lo;
            }
        }
    }
}

/// The components of `ents` (sorted by `entId`) and `order` (the installations in the engine's
/// order), in the order of their first Ent or installation; an Ent no installation is joined
/// to is a component of its own.
pub(crate) fn split<'a>(
    ents: &[&'a Ent],
    order: &[&'a Installation],
    index: &Index,
    pins: &BTreeMap<&str, &str>,
) -> Vec<Component<'a>> {
    let e = ents.len();
    let mut sets = Sets((0..e + order.len()).collect());
    // Installations of one product and tag id are named by the same Ents: the first stands for
    // the others, which are joined to it (one lookup each instead of the index's).
    let mut first_of: HashMap<(&str, Option<&str>), usize> = HashMap::default();
    for (n, inst) in order.iter().enumerate() {
        let key = (inst.product.product.as_str(), inst.product.tag_id.as_deref());
        if let Some(&first) = first_of.get(&key) {
            sets.union(first, e + n);
        } else {
            for &k in index.naming(inst).iter() {
                sets.union(k, e + n);
            }
            first_of.insert(key, e + n);
        }
        if let Some(pinned) = pins.get(inst.id.as_str())
            && let Ok(k) = ents.binary_search_by(|x| x.ent_id.as_str().cmp(pinned))
        {
            sets.union(k, e + n);
        }
    }
    // The component of each root, by the root's node.
    let mut slot_of_root: Vec<usize> = vec![usize::MAX; e + order.len()];
    let mut out: Vec<Component<'a>> = Vec::new();
    let mut slot = |sets: &mut Sets, node: usize, out: &mut Vec<Component<'a>>| {
        let root = sets.find(node);
        match slot_of_root.get_mut(root) {
            Some(s) if *s != usize::MAX => *s,
            Some(s) => {
                out.push((Vec::new(), Vec::new()));
                *s = out.len() - 1;
                *s
            }
            None => usize::MAX,
        }
    };
    for (k, ent) in ents.iter().enumerate() {
        let s = slot(&mut sets, k, &mut out);
        if let Some(c) = out.get_mut(s) {
            c.0.push(ent);
        }
    }
    for (n, inst) in order.iter().enumerate() {
        let s = slot(&mut sets, e + n, &mut out);
        if let Some(c) = out.get_mut(s) {
            c.1.push(inst);
        }
    }
    out
}

/// `f` over every component, the largest first, on as many threads as the machine has (one
/// when no thread can be started); the results in the order of `components`.
pub(crate) fn map_parallel<'a, T: Send>(
    components: Vec<Component<'a>>,
    f: impl Fn(Component<'a>) -> T + Sync,
) -> Vec<T> {
    let n = components.len();
    let threads = std::thread::available_parallelism().map_or(1, std::num::NonZero::get).min(n);
    if threads <= 1 {
        return components.into_iter().map(f).collect();
    }
    // The largest first, so that no thread is left with a large one at the end.
    let mut work: Vec<(usize, Component<'a>)> = components.into_iter().enumerate().collect();
    work.sort_by_key(|(i, c)| (std::cmp::Reverse(c.0.len() + c.1.len()), *i));
    let work: Vec<Mutex<Option<(usize, Component<'a>)>>> = work.into_iter().map(|w| Mutex::new(Some(w))).collect();
    let next = AtomicUsize::new(0);
    let results: Mutex<Vec<(usize, T)>> = Mutex::new(Vec::with_capacity(n));
    let worker = || {
        loop {
            let i = next.fetch_add(1, Ordering::Relaxed);
            let Some(cell) = work.get(i) else { break };
            let item = cell.lock().map_or_else(|poisoned| poisoned.into_inner().take(), |mut slot| slot.take());
            if let Some((at, component)) = item {
                let value = f(component);
                match results.lock() {
                    Ok(mut r) => r.push((at, value)),
                    Err(poisoned) => poisoned.into_inner().push((at, value)),
                }
            }
        }
    };
    std::thread::scope(|scope| {
        let helpers: Vec<_> =
            (1..threads).filter_map(|_| std::thread::Builder::new().spawn_scoped(scope, worker).ok()).collect();
        worker();
        for h in helpers {
            if let Err(panic) = h.join() {
                std::panic::resume_unwind(panic);
            }
        }
    });
    let mut results = results.into_inner().unwrap_or_else(std::sync::PoisonError::into_inner);
    results.sort_by_key(|(at, _)| *at);
    results.into_iter().map(|(_, v)| v).collect()
}

/// The networks of several components as one (disjoint) network, nodes and arcs in order;
/// `None` when there is none.
pub(crate) fn merge_networks(nets: Vec<Network>) -> Option<Network> {
    let mut nets = nets.into_iter();
    let mut out = nets.next()?;
    for net in nets {
        let nodes: Vec<_> = net.node_ids().map(|v| out.add_node(net.supply(v).unwrap_or(0))).collect();
        for a in net.arc_ids() {
            if let Some((from, to, capacity, cost)) = net.arc(a)
                && let (Some(&f), Some(&t)) = (nodes.get(from.index()), nodes.get(to.index()))
            {
                out.add_arc(f, t, capacity, cost);
            }
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::{Input, ProductId};
    use iso19770_ent::{EntitledProduct, Metric};

    fn ent(id: &str, products: &[&str]) -> Ent {
        products
            .iter()
            .fold(Ent::new(id).with_metric(Metric::PerDevice), |e, p| e.with_product(EntitledProduct::named(*p)))
    }

    #[test]
    fn split_joins_ents_through_the_installations_they_name_and_pins() {
        // a names A; b names A and B; c names C; d names nothing installed; i-4 (D) is pinned to d.
        let ents = [ent("a", &["A"]), ent("b", &["A", "B"]), ent("c", &["C"]), ent("d", &["X"])];
        let insts = [
            Installation::new("i-1", ProductId::named("B"), "d-1"),
            Installation::new("i-2", ProductId::named("C"), "d-1"),
            Installation::new("i-3", ProductId::named("A"), "d-2"),
            Installation::new("i-4", ProductId::named("D"), "d-2"),
            Installation::new("i-5", ProductId::named("E"), "d-3"),
        ];
        let ent_refs: Vec<&Ent> = ents.iter().collect();
        let order: Vec<&Installation> = insts.iter().collect();
        let input = Input::new("2025-06-30T00:00:00Z");
        let index = Index::new(&input, &ent_refs);
        let pins: BTreeMap<&str, &str> = [("i-4", "d")].into_iter().collect();
        let got: Vec<(Vec<&str>, Vec<&str>)> = split(&ent_refs, &order, &index, &pins)
            .into_iter()
            .map(|(e, i)| (e.iter().map(|e| e.ent_id.as_str()).collect(), i.iter().map(|i| i.id.as_str()).collect()))
            .collect();
        assert_eq!(
            got,
            vec![
                (vec!["a", "b"], vec!["i-1", "i-3"]),
                (vec!["c"], vec!["i-2"]),
                (vec!["d"], vec!["i-4"]),
                (vec![], vec!["i-5"]),
            ]
        );
    }

    #[test]
    fn map_parallel_keeps_the_order_of_the_components() {
        let insts: Vec<Installation> =
            (0..40).map(|n| Installation::new(format!("i-{n}"), ProductId::named("P"), "d")).collect();
        let components: Vec<Component<'_>> = insts.iter().map(|i| (Vec::new(), vec![i])).collect();
        let ids = map_parallel(components, |(_, i)| i.first().map(|i| i.id.clone()));
        assert_eq!(ids, (0..40).map(|n| Some(format!("i-{n}"))).collect::<Vec<_>>());
    }
}
