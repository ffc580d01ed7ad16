//! The min-cost flow solver against two independent solvers on random small networks:
//!
//! - a naive successive-shortest-path solver (Bellman-Ford on the residual network) written
//!   here, after saturating the negative-cost arcs;
//! - an LP solve through `good_lp` with the pure-Rust `microlp` backend (floating point; the
//!   optimum of a network LP is integral, so its objective is compared after rounding).
//!
//! Every solution is also checked on its own: conservation, capacity bounds, its cost, and the
//! potentials as a certificate of optimality (complementary slackness).

#![allow(missing_docs, clippy::cast_precision_loss, clippy::cast_possible_truncation, clippy::unwrap_used)]

use good_lp::{Expression, ProblemVariables, ResolutionError, Solution as _, SolverModel, microlp, variable};
use iso19770_reconcile::flow::{FlowError, INFINITE, Network, Solution};
use proptest::prelude::*;

/// One arc of a generated network.
#[derive(Debug, Clone, Copy)]
struct Arc {
    from: usize,
    to: usize,
    cap: i64,
    cost: i64,
}

fn build(supplies: &[i64], arcs: &[Arc]) -> Network {
    let mut net = Network::new();
    let nodes: Vec<_> = supplies.iter().map(|&s| net.add_node(s)).collect();
    for a in arcs {
        net.add_arc(nodes[a.from], nodes[a.to], a.cap, a.cost);
    }
    net
}

/// Feasible, of the cost it says, and certified optimal by its potentials.
fn check_solution(supplies: &[i64], arcs: &[Arc], s: &Solution) {
    let mut balance = vec![0i128; supplies.len()];
    let mut cost = 0i128;
    for (a, &f) in arcs.iter().zip(&s.flows) {
        assert!(f >= 0 && f <= a.cap, "flow {f} outside [0, {}]", a.cap);
        balance[a.from] += i128::from(f);
        balance[a.to] -= i128::from(f);
        cost += i128::from(f) * i128::from(a.cost);
        let rc = i128::from(a.cost) + s.potentials[a.from] - s.potentials[a.to];
        assert!(!(f < a.cap && rc < 0), "room left at reduced cost {rc}");
        assert!(!(f > 0 && rc > 0), "flow at reduced cost {rc}");
    }
    for (b, &sup) in balance.iter().zip(supplies) {
        assert_eq!(*b, i128::from(sup));
    }
    assert_eq!(cost, s.cost);
}

/// What an oracle says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Outcome {
    Optimal(i128),
    Infeasible,
    Unbounded,
}

fn outcome(r: &Result<Solution, FlowError>) -> Outcome {
    match r {
        Ok(s) => Outcome::Optimal(s.cost),
        Err(FlowError::Infeasible { .. }) => Outcome::Infeasible,
        Err(FlowError::Unbounded) => Outcome::Unbounded,
        Err(e) => panic!("unexpected {e}"),
    }
}

/// A capacity for the oracles' arithmetic: uncapacitated is very large.
fn cap(a: &Arc) -> i128 {
    if a.cap == INFINITE { i128::MAX / 4 } else { i128::from(a.cap) }
}

/// The last step of a shortest path to a node: (arc, forward).
type Step = Option<(usize, bool)>;

/// Bellman-Ford on the residual network of `flow`, from every node of `starts` at distance 0:
/// the distances and the last step (arc, forward) of a shortest path to each node. The residual
/// network must have no negative cycle.
fn shortest_paths(arcs: &[Arc], flow: &[i128], starts: &[bool]) -> (Vec<Option<i128>>, Vec<Step>) {
    let n = starts.len();
    let mut dist: Vec<Option<i128>> = starts.iter().map(|&s| s.then_some(0)).collect();
    let mut pred = vec![None; n];
    for _ in 0..n {
        let mut changed = false;
        for (i, a) in arcs.iter().enumerate() {
            let steps = [(a.from, a.to, flow[i] < cap(a), a.cost, true), (a.to, a.from, flow[i] > 0, -a.cost, false)];
            for (u, v, open, c, forward) in steps {
                if let (true, Some(du)) = (open, dist[u]) {
                    let d = du + i128::from(c);
                    if dist[v].is_none_or(|dv| d < dv) {
                        dist[v] = Some(d);
                        pred[v] = Some((i, forward));
                        changed = true;
                    }
                }
            }
        }
        if !changed {
            break;
        }
    }
    (dist, pred)
}

/// Sends up to `limit` units along the shortest path found to `t`, back to the start it comes
/// from; returns the start and the amount.
fn augment(arcs: &[Arc], flow: &mut [i128], pred: &[Step], t: usize, limit: i128) -> (usize, i128) {
    let mut path = Vec::new();
    let mut v = t;
    let mut amount = limit;
    while let Some((i, forward)) = pred[v] {
        assert!(path.len() <= arcs.len(), "a cycle in the shortest-path tree");
        let a = &arcs[i];
        amount = amount.min(if forward { cap(a) - flow[i] } else { flow[i] });
        path.push((i, forward));
        v = if forward { a.from } else { a.to };
    }
    for &(i, forward) in &path {
        flow[i] += if forward { amount } else { -amount };
    }
    (v, amount)
}

/// Where the shortest path found to `t` starts.
fn path_start(arcs: &[Arc], pred: &[Step], t: usize) -> usize {
    let mut v = t;
    while let Some((i, forward)) = pred[v] {
        v = if forward { arcs[i].from } else { arcs[i].to };
    }
    v
}

/// Successive shortest paths: saturate every negative-cost arc (none may be uncapacitated), then
/// send each excess to a deficit along a shortest residual path from all the excesses, one path
/// at a time. With no negative residual cycle at the start, none appears.
fn ssp(supplies: &[i64], arcs: &[Arc]) -> Outcome {
    let mut flow: Vec<i128> = arcs.iter().map(|a| if a.cost < 0 { cap(a) } else { 0 }).collect();
    let mut excess: Vec<i128> = supplies.iter().map(|&s| i128::from(s)).collect();
    for (a, &f) in arcs.iter().zip(&flow) {
        excess[a.from] -= f;
        excess[a.to] += f;
    }
    loop {
        let starts: Vec<bool> = excess.iter().map(|&e| e > 0).collect();
        if !starts.contains(&true) {
            break;
        }
        let (dist, pred) = shortest_paths(arcs, &flow, &starts);
        let Some(t) = (0..excess.len()).filter(|&v| excess[v] < 0 && dist[v].is_some()).min_by_key(|&v| (dist[v], v))
        else {
            return Outcome::Infeasible;
        };
        let start = path_start(arcs, &pred, t);
        let (_, amount) = augment(arcs, &mut flow, &pred, t, (-excess[t]).min(excess[start]));
        excess[start] -= amount;
        excess[t] += amount;
    }
    Outcome::Optimal(arcs.iter().zip(&flow).map(|(a, &f)| f * i128::from(a.cost)).sum())
}

/// The same network as an LP: min Σ cost·x, out − in = supply, 0 ≤ x ≤ capacity.
fn lp(supplies: &[i64], arcs: &[Arc]) -> Outcome {
    if arcs.is_empty() {
        return if supplies.iter().all(|&s| s == 0) { Outcome::Optimal(0) } else { Outcome::Infeasible };
    }
    let mut vars = ProblemVariables::new();
    let x: Vec<_> = arcs
        .iter()
        .map(|a| vars.add(if a.cap == INFINITE { variable().min(0) } else { variable().min(0).max(a.cap as f64) }))
        .collect();
    let objective: Expression = arcs.iter().zip(&x).map(|(a, &v)| a.cost as f64 * v).sum();
    let mut model = vars.minimise(objective.clone()).using(microlp);
    for (v, &s) in supplies.iter().enumerate() {
        let mut net = Expression::from(0.0);
        for (a, &xv) in arcs.iter().zip(&x) {
            if a.from == v {
                net += xv;
            }
            if a.to == v {
                net -= xv;
            }
        }
        model = model.with(net.eq(s as f64));
    }
    match model.solve() {
        Ok(sol) => Outcome::Optimal(rounded(sol.eval(&objective))),
        Err(ResolutionError::Infeasible) => Outcome::Infeasible,
        Err(ResolutionError::Unbounded) => Outcome::Unbounded,
        Err(e) => panic!("microlp: {e}"),
    }
}

/// An LP objective as an integer: it must be one, within floating-point noise.
fn rounded(v: f64) -> i128 {
    let r = v.round();
    assert!((v - r).abs() < 1e-6 * r.abs().max(1.0), "LP objective {v} is not integral");
    r as i128
}

/// True when the uncapacitated arcs alone hold a cycle of negative cost (Bellman-Ford from all
/// nodes at 0).
fn negative_infinite_cycle(n: usize, arcs: &[Arc]) -> bool {
    let mut dist = vec![0i128; n];
    for _ in 0..=n {
        let mut changed = false;
        for a in arcs.iter().filter(|a| a.cap == INFINITE) {
            let d = dist[a.from] + i128::from(a.cost);
            if d < dist[a.to] {
                dist[a.to] = d;
                changed = true;
            }
        }
        if !changed {
            return false;
        }
    }
    true
}

/// A general network: up to 8 nodes, balanced supplies, up to 30 arcs with capacities (0, small,
/// uncapacitated) and costs from −10 to 20; self-loops and parallel arcs happen.
fn network() -> impl Strategy<Value = (Vec<i64>, Vec<Arc>)> {
    (1usize..=8).prop_flat_map(|n| {
        let moves = prop::collection::vec((0..n, 0..n, 1i64..=10), 0..6);
        let arc = (0..n, 0..n, prop_oneof![3 => 1i64..=12, 1 => Just(0i64), 1 => Just(INFINITE)], -10i64..=20)
            .prop_map(|(from, to, cap, cost)| Arc { from, to, cap, cost });
        (moves, prop::collection::vec(arc, 0..30)).prop_map(move |(moves, arcs)| {
            let mut supplies = vec![0; n];
            for (a, b, v) in moves {
                supplies[a] += v;
                supplies[b] -= v;
            }
            (supplies, arcs)
        })
    })
}

/// A transportation instance as reconciliation builds it: classes of consumers with their units,
/// entitlements with their quantities, and for each class the eligible entitlements at a unit
/// cost.
#[derive(Debug, Clone)]
struct Transport {
    demand: Vec<i64>,
    quantity: Vec<i64>,
    /// (class, entitlement, cost).
    eligible: Vec<(usize, usize, i64)>,
}

fn transport() -> impl Strategy<Value = Transport> {
    // Costs up to 3 in some instances: many ties, many degenerate pivots.
    (1usize..=12, 1usize..=10, prop_oneof![Just(3i64), Just(100i64)]).prop_flat_map(|(c, e, max_cost)| {
        (
            prop::collection::vec(1i64..=50, c),
            prop::collection::vec(0i64..=60, e),
            prop::collection::vec(prop::option::weighted(0.6, 0i64..=max_cost), c * e),
        )
            .prop_map(move |(demand, quantity, cells)| {
                let eligible =
                    cells.iter().enumerate().filter_map(|(k, cost)| cost.map(|cost| (k / e, k % e, cost))).collect();
                Transport { demand, quantity, eligible }
            })
    })
}

/// Source → class (its units) → entitlement (the cost) → sink (its quantity).
fn transport_network(t: &Transport) -> (Network, usize, usize, Vec<Arc>, Vec<i64>) {
    let c = t.demand.len();
    let source = 0;
    let sink = 1;
    let class = |i: usize| 2 + i;
    let ent = |j: usize| 2 + c + j;
    let mut arcs: Vec<Arc> = Vec::new();
    for (i, &d) in t.demand.iter().enumerate() {
        arcs.push(Arc { from: source, to: class(i), cap: d, cost: 0 });
    }
    for &(i, j, cost) in &t.eligible {
        arcs.push(Arc { from: class(i), to: ent(j), cap: INFINITE, cost });
    }
    for (j, &q) in t.quantity.iter().enumerate() {
        arcs.push(Arc { from: ent(j), to: sink, cap: q, cost: 0 });
    }
    let supplies = vec![0; 2 + c + t.quantity.len()];
    (build(&supplies, &arcs), source, sink, arcs, supplies)
}

/// Lexicographic LP: the most units covered, then the least cost at that coverage.
fn transport_lp(t: &Transport) -> (i128, i128) {
    if t.eligible.is_empty() {
        return (0, 0);
    }
    let solve = |fixed: Option<f64>| -> (f64, f64) {
        let mut vars = ProblemVariables::new();
        let x: Vec<_> = t.eligible.iter().map(|_| vars.add(variable().min(0))).collect();
        let covered: Expression = x.iter().copied().sum();
        let cost: Expression = t.eligible.iter().zip(&x).map(|(&(_, _, c), &v)| c as f64 * v).sum();
        let mut model = match fixed {
            None => vars.maximise(covered.clone()).using(microlp),
            Some(_) => vars.minimise(cost.clone()).using(microlp),
        };
        for (i, &d) in t.demand.iter().enumerate() {
            let sum: Expression = t.eligible.iter().zip(&x).filter(|((ci, _, _), _)| *ci == i).map(|(_, &v)| v).sum();
            model = model.with(sum.leq(d as f64));
        }
        for (j, &q) in t.quantity.iter().enumerate() {
            let sum: Expression = t.eligible.iter().zip(&x).filter(|((_, ej, _), _)| *ej == j).map(|(_, &v)| v).sum();
            model = model.with(sum.leq(q as f64));
        }
        if let Some(f) = fixed {
            model = model.with(covered.clone().eq(f));
        }
        let sol = model.solve().unwrap_or_else(|e| panic!("a transportation LP is feasible and bounded: {e}"));
        (sol.eval(&covered), sol.eval(&cost))
    };
    let (covered, _) = solve(None);
    let covered = rounded(covered);
    let (_, cost) = solve(Some(covered as f64));
    (covered, rounded(cost))
}

/// Successive shortest paths from the source to the sink until none is left: the max flow, at
/// least cost for each value along the way (the costs are not negative).
fn transport_ssp(arcs: &[Arc], n: usize, source: usize, sink: usize) -> (i128, i128) {
    let mut flow = vec![0i128; arcs.len()];
    let mut starts = vec![false; n];
    starts[source] = true;
    let mut value = 0;
    loop {
        let (dist, pred) = shortest_paths(arcs, &flow, &starts);
        if dist[sink].is_none() {
            break;
        }
        let (_, amount) = augment(arcs, &mut flow, &pred, sink, i128::MAX);
        value += amount;
    }
    (value, arcs.iter().zip(&flow).map(|(a, &f)| f * i128::from(a.cost)).sum())
}

/// A change to a network: (what, which, value), applied modulo the sizes.
fn changes() -> impl Strategy<Value = Vec<(u8, usize, i64)>> {
    prop::collection::vec((0u8..5, 0usize..1000, -10i64..=20), 1..5)
}

/// Applies the changes: a cost, a capacity, a unit moved between two supplies, a node added, an
/// arc added. Returns the network too.
fn apply(supplies: &mut Vec<i64>, arcs: &mut Vec<Arc>, changes: &[(u8, usize, i64)]) -> Network {
    let mut net = build(supplies, arcs);
    for &(what, which, value) in changes {
        let n = supplies.len();
        match what {
            0 if !arcs.is_empty() => {
                let k = which % arcs.len();
                // No negative cost on an uncapacitated arc: it would often make the case
                // unbounded.
                let cost = if arcs[k].cap == INFINITE { value.abs() } else { value };
                arcs[k].cost = cost;
                net.set_cost(net.arc_ids().nth(k).unwrap(), cost);
            }
            1 if !arcs.is_empty() => {
                let k = which % arcs.len();
                arcs[k].cap = value.abs();
                net.set_capacity(net.arc_ids().nth(k).unwrap(), value.abs());
            }
            2 => {
                let (a, b) = (which % n, (which / 7) % n);
                supplies[a] += value.abs();
                supplies[b] -= value.abs();
                net.set_supply(net.node_ids().nth(a).unwrap(), supplies[a]);
                net.set_supply(net.node_ids().nth(b).unwrap(), supplies[b]);
            }
            3 => {
                supplies.push(0);
                net.add_node(0);
            }
            _ => {
                let (from, to) = (which % n, (which / 11) % n);
                let arc = Arc { from, to, cap: value.abs(), cost: value.abs() };
                arcs.push(arc);
                let ids: Vec<_> = net.node_ids().collect();
                net.add_arc(ids[from], ids[to], arc.cap, arc.cost);
            }
        }
    }
    net
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    /// A warm start from the basis of a solve before a change reaches the same outcome and cost
    /// as a cold solve after it, with a certified solution.
    #[test]
    fn warm_starts_agree(((mut supplies, mut arcs), changes) in (network(), changes())) {
        let Ok(before) = build(&supplies, &arcs).solve() else { return Ok(()) };
        let net = apply(&mut supplies, &mut arcs, &changes);
        let warm = net.solve_from(&before.basis);
        if let Ok(s) = &warm {
            check_solution(&supplies, &arcs, s);
        }
        prop_assert_eq!(outcome(&warm), outcome(&net.solve()));
    }

    /// The same for the max flow of transportation instances: a quantity, a demand or a cost
    /// changed.
    #[test]
    fn warm_max_flows_agree(t in transport(), changes in prop::collection::vec((0u8..3, 0usize..1000, 0i64..=60), 1..4)) {
        let (net, source, sink, arcs, _) = transport_network(&t);
        let ids: Vec<_> = net.node_ids().collect();
        let before = net.solve_max_flow(ids[source], ids[sink]).unwrap();
        let mut net = net;
        let arc_ids: Vec<_> = net.arc_ids().collect();
        let classes = t.demand.len();
        for (what, which, value) in changes {
            match what {
                // A class's units (its arc from the source).
                0 => { net.set_capacity(arc_ids[which % classes], value.max(1)); }
                // An entitlement's quantity (its arc to the sink).
                1 => { net.set_capacity(arc_ids[arcs.len() - 1 - which % t.quantity.len()], value); }
                // A unit cost.
                _ if !t.eligible.is_empty() => { net.set_cost(arc_ids[classes + which % t.eligible.len()], value); }
                _ => {}
            }
        }
        let warm = net.solve_max_flow_from(ids[source], ids[sink], &before.solution.basis).unwrap();
        let cold = net.solve_max_flow(ids[source], ids[sink]).unwrap();
        prop_assert_eq!((warm.value, warm.solution.cost), (cold.value, cold.solution.cost));
    }

    /// General networks: the solver, SSP (when no uncapacitated arc has a negative cost) and the
    /// LP agree on the outcome and the optimal cost.
    #[test]
    fn general_networks_agree((supplies, arcs) in network()) {
        let net = build(&supplies, &arcs);
        let ours = net.solve();
        if let Ok(s) = &ours {
            check_solution(&supplies, &arcs, s);
        }
        let ours = outcome(&ours);
        if !arcs.iter().any(|a| a.cap == INFINITE && a.cost < 0) {
            prop_assert_eq!(ours, ssp(&supplies, &arcs));
        }
        let lp = lp(&supplies, &arcs);
        if ours == Outcome::Unbounded && lp == Outcome::Infeasible {
            // Both hold: the LP reports the one it finds first.
            prop_assert!(negative_infinite_cycle(supplies.len(), &arcs));
        } else {
            prop_assert_eq!(ours, lp);
        }
        if ours == Outcome::Unbounded {
            prop_assert!(negative_infinite_cycle(supplies.len(), &arcs));
        }
    }

    /// Transportation instances as reconciliation builds them: the max flow at least cost equals
    /// the lexicographic LP (most coverage, then least cost) and SSP.
    #[test]
    fn transportation_agrees_with_the_lp(t in transport()) {
        let (net, source, sink, arcs, _) = transport_network(&t);
        let max = net.solve_max_flow(net.node_ids().nth(source).unwrap(), net.node_ids().nth(sink).unwrap()).unwrap();
        let value = i128::from(max.value);
        // The flows are a flow of that value.
        let mut supplies = vec![0; net.node_count()];
        supplies[source] = max.value;
        supplies[sink] = -max.value;
        let mut balance = vec![0i128; net.node_count()];
        let mut cost = 0i128;
        for (a, &f) in arcs.iter().zip(&max.solution.flows) {
            prop_assert!(f >= 0 && f <= a.cap);
            balance[a.from] += i128::from(f);
            balance[a.to] -= i128::from(f);
            cost += i128::from(f) * i128::from(a.cost);
        }
        for (b, &s) in balance.iter().zip(&supplies) {
            prop_assert_eq!(*b, i128::from(s));
        }
        prop_assert_eq!(cost, max.solution.cost);
        // And the least cost for that value, certified by `solve` with those supplies.
        let fixed = build(&supplies, &arcs).solve().unwrap();
        check_solution(&supplies, &arcs, &fixed);
        prop_assert_eq!(fixed.cost, max.solution.cost);
        prop_assert_eq!((value, max.solution.cost), transport_lp(&t));
        prop_assert_eq!((value, max.solution.cost), transport_ssp(&arcs, net.node_count(), source, sink));
    }
}
