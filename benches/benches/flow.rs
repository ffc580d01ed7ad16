//! The min-cost flow solver (`iso19770_reconcile::flow`) on seeded transportation instances as
//! reconciliation builds them, beside LEMON's network simplex (C++, through the `mcmf` crate) on
//! the same instances in the same run.
//!
//! An instance: `classes` classes of consumers with 1 to 50 units each, `ents` entitlements whose
//! quantities add up to about 90 % of the units, each class eligible for `per_class` distinct
//! random entitlements at a unit cost of 1 to 100. The network: source → class (its units, cost
//! 0) → entitlement (the class's units, the cost) → sink (the quantity, cost 0); the answer is the
//! max flow at least cost ([`Network::solve_max_flow`]). LEMON gets the same arcs through
//! `mcmf::GraphBuilder`, which asks for the same thing (its source supplies more than can reach
//! the sink, and LEMON's big-M artificial arcs take the rest). Before timing, both are solved once
//! and must agree on the flow value and the cost.
//!
//! Then "warm start after a change": the first class gets one unit more and one of its eligible
//! entitlements ten units more, and the network is re-solved from the basis of the first solve
//! ([`Network::solve_max_flow_from`]).
//!
//! Sizes: 10K and 100K class → entitlement arcs; 1M with `FLOW_BENCH_1M=1` in the environment
//! (a solve takes seconds). The `mcmf` time includes its own graph building (`BTreeMap`s over
//! the vertices) and path decomposition; the figures in `benches/README.md` say how much.

#![allow(
    missing_docs,
    clippy::expect_used,
    clippy::unwrap_used,
    clippy::cast_possible_truncation,
    clippy::cast_possible_wrap,
    clippy::cast_sign_loss
)]

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use iso19770_reconcile::flow::{Network, NodeId};
use mcmf::{Capacity, Cost, GraphBuilder, Vertex};
use std::hint::black_box;
use std::time::{Duration, Instant};

/// xorshift64*, seeded.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    /// In `lo..=hi`.
    fn range(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.next() % (hi - lo + 1)
    }
}

/// A generated transportation instance.
struct Instance {
    demand: Vec<i64>,
    quantity: Vec<i64>,
    /// (class, entitlement, unit cost), by class.
    eligible: Vec<(u32, u32, i64)>,
}

fn instance(classes: usize, ents: usize, per_class: usize, seed: u64) -> Instance {
    let mut rng = Rng(seed);
    let demand: Vec<i64> = (0..classes).map(|_| rng.range(1, 50) as i64).collect();
    let total: i64 = demand.iter().sum();
    // Quantities of random weight, scaled to about 90 % of the demand.
    let weights: Vec<u64> = (0..ents).map(|_| rng.range(1, 100)).collect();
    let sum_w: u64 = weights.iter().sum();
    let quantity = weights.iter().map(|&w| (total as u64 * 9 * w / (10 * sum_w)) as i64).collect();
    let mut eligible = Vec::with_capacity(classes * per_class);
    let mut chosen = Vec::with_capacity(per_class);
    for c in 0..classes {
        chosen.clear();
        while chosen.len() < per_class.min(ents) {
            let e = rng.range(0, ents as u64 - 1) as u32;
            if !chosen.contains(&e) {
                chosen.push(e);
            }
        }
        for &e in &chosen {
            eligible.push((c as u32, e, rng.range(1, 100) as i64));
        }
    }
    Instance { demand, quantity, eligible }
}

/// Source, sink, classes, entitlements.
fn network(inst: &Instance) -> (Network, NodeId, NodeId) {
    let mut net = Network::with_capacity(2 + inst.demand.len() + inst.quantity.len(), inst.eligible.len() * 2);
    let source = net.add_node(0);
    let sink = net.add_node(0);
    let classes: Vec<NodeId> = inst.demand.iter().map(|_| net.add_node(0)).collect();
    let ents: Vec<NodeId> = inst.quantity.iter().map(|_| net.add_node(0)).collect();
    for (&c, &d) in classes.iter().zip(&inst.demand) {
        net.add_arc(source, c, d, 0);
    }
    for &(c, e, cost) in &inst.eligible {
        net.add_arc(classes[c as usize], ents[e as usize], inst.demand[c as usize], cost);
    }
    for (&e, &q) in ents.iter().zip(&inst.quantity) {
        net.add_arc(e, sink, q, 0);
    }
    (net, source, sink)
}

/// The same arcs for `mcmf`: vertices are 0..classes for classes, then entitlements.
fn lemon_graph(inst: &Instance) -> GraphBuilder<u32> {
    let mut g = GraphBuilder::new();
    let c = inst.demand.len() as u32;
    for (i, &d) in inst.demand.iter().enumerate() {
        g.add_edge(Vertex::Source, Vertex::Node(i as u32), Capacity(d as i32), Cost(0));
    }
    for &(class, e, cost) in &inst.eligible {
        let d = inst.demand[class as usize];
        g.add_edge(Vertex::Node(class), Vertex::Node(c + e), Capacity(d as i32), Cost(cost as i32));
    }
    for (j, &q) in inst.quantity.iter().enumerate() {
        g.add_edge(Vertex::Node(c + j as u32), Vertex::Sink, Capacity(q as i32), Cost(0));
    }
    g
}

/// LEMON's answer: (flow value, cost), summed in 64 bits from its paths (its own total is 32-bit).
fn lemon(g: &GraphBuilder<u32>) -> (i64, i64) {
    let (_, paths) = g.mcmf();
    let value = paths.iter().map(|p| i64::from(p.amount())).sum();
    let cost = paths.iter().flat_map(|p| p.flows.iter()).map(|f| i64::from(f.amount) * i64::from(f.cost)).sum();
    (value, cost)
}

fn sizes() -> Vec<(&'static str, usize, usize, usize)> {
    // (label, classes, entitlements, eligible per class)
    let mut v = vec![("10K arcs", 1_000, 200, 10), ("100K arcs", 10_000, 1_000, 10)];
    if std::env::var_os("FLOW_BENCH_1M").is_some() {
        v.push(("1M arcs", 100_000, 5_000, 10));
    }
    v
}

fn benches(c: &mut Criterion) {
    let mut g = c.benchmark_group("flow");
    g.sample_size(10);
    for (label, classes, ents, per_class) in sizes() {
        let inst = instance(classes, ents, per_class, 0x5EED_0000 + classes as u64);
        let (net, source, sink) = network(&inst);
        let lemon_graph = lemon_graph(&inst);
        // Once each, checked against each other, with the times of that first solve.
        let t = Instant::now();
        let ours = net.solve_max_flow(source, sink).expect("a transportation instance");
        let ours_time = t.elapsed();
        let t = Instant::now();
        let theirs = lemon(&lemon_graph);
        let lemon_time = t.elapsed();
        let demand: i64 = inst.demand.iter().sum();
        eprintln!(
            "{label}: {} nodes, {} arcs, demand {demand}, covered {}, cost {}, {} pivots; first solve {:.3} s, LEMON {:.3} s",
            net.node_count(),
            net.arc_count(),
            ours.value,
            ours.solution.cost,
            ours.solution.pivots,
            ours_time.as_secs_f64(),
            lemon_time.as_secs_f64()
        );
        assert_eq!((ours.value, ours.solution.cost), (theirs.0, i128::from(theirs.1)), "LEMON disagrees");
        if ours_time > Duration::from_secs(2) {
            g.measurement_time(ours_time * 12);
        }
        g.bench_function(BenchmarkId::new("network simplex", label), |b| {
            b.iter(|| black_box(&net).solve_max_flow(source, sink).expect("solved"));
        });
        g.bench_function(BenchmarkId::new("LEMON (mcmf)", label), |b| b.iter(|| lemon(black_box(&lemon_graph))));
        // One installation more in the first class and ten units more of an entitlement it is
        // eligible for, re-solved from the last basis.
        let mut changed = net.clone();
        let arcs: Vec<_> = changed.arc_ids().collect();
        changed.set_capacity(arcs[0], inst.demand[0] + 1);
        let e0 = inst.eligible[0].1 as usize;
        let to_sink = arcs[inst.demand.len() + inst.eligible.len() + e0];
        changed.set_capacity(to_sink, inst.quantity[e0] + 10);
        let t = Instant::now();
        let warm = changed.solve_max_flow_from(source, sink, &ours.solution.basis).expect("solved");
        let warm_time = t.elapsed();
        let cold = changed.solve_max_flow(source, sink).expect("solved");
        assert_eq!((warm.value, warm.solution.cost), (cold.value, cold.solution.cost), "warm start");
        eprintln!(
            "{label}, changed: covered {}, cost {}; warm start {} pivots, {:.4} s; cold {} pivots",
            warm.value,
            warm.solution.cost,
            warm.solution.pivots,
            warm_time.as_secs_f64(),
            cold.solution.pivots
        );
        g.bench_function(BenchmarkId::new("warm start after a change", label), |b| {
            b.iter(|| black_box(&changed).solve_max_flow_from(source, sink, &ours.solution.basis).expect("solved"));
        });
    }
    g.finish();
}

criterion_group! {
    name = flow;
    config = Criterion::default().warm_up_time(Duration::from_secs(1)).measurement_time(Duration::from_secs(5));
    targets = benches
}
criterion_main!(flow);
