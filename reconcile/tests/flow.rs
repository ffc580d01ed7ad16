//! The min-cost flow solver on hand-made networks: optima computed by hand (in the comments),
//! the edge cases (negative cycles, infeasible and unbounded networks, parallel and zero-capacity
//! arcs, a single node) and bad input.

#![allow(missing_docs, clippy::unwrap_used)]

use iso19770_reconcile::flow::{ArcId, FlowError, INFINITE, Network, Solution};

/// Checks that the solution is a feasible flow of the network (conservation, bounds), that its
/// cost is Σ flow × cost, and that the potentials certify its optimality.
fn assert_optimal(net: &Network, s: &Solution) {
    assert_eq!(s.flows.len(), net.arc_count());
    assert_eq!(s.potentials.len(), net.node_count());
    let mut balance: Vec<i128> = (0..net.node_count()).map(|_| 0).collect();
    let mut cost: i128 = 0;
    for (arc, &f) in net.arc_ids().zip(&s.flows) {
        let i = arc.index();
        let (from, to, cap, c) = net.arc(arc).unwrap();
        assert!((0..=cap).contains(&f), "arc {i}: flow {f} outside [0, {cap}]");
        balance[from.index()] += i128::from(f);
        balance[to.index()] -= i128::from(f);
        cost += i128::from(f) * i128::from(c);
        let rc = i128::from(c) + s.potentials[from.index()] - s.potentials[to.index()];
        assert!(!(f < cap && rc < 0), "arc {i}: room left at reduced cost {rc}");
        assert!(!(f > 0 && rc > 0), "arc {i}: flow at reduced cost {rc}");
    }
    for (v, b) in net.node_ids().zip(&balance) {
        assert_eq!(*b, i128::from(net.supply(v).unwrap()), "conservation at {v}");
    }
    assert_eq!(cost, s.cost);
}

/// A transportation problem: `supply` per source, `demand` per sink, `cost[i][j]` per unit from
/// source i to sink j, uncapacitated. Returns the network and the arcs by (i, j).
fn transportation(supply: &[i64], demand: &[i64], cost: &[&[i64]]) -> (Network, Vec<Vec<ArcId>>) {
    let mut net = Network::new();
    let sources: Vec<_> = supply.iter().map(|&s| net.add_node(s)).collect();
    let sinks: Vec<_> = demand.iter().map(|&d| net.add_node(-d)).collect();
    let arcs = sources
        .iter()
        .enumerate()
        .map(|(i, &s)| sinks.iter().enumerate().map(|(j, &t)| net.add_arc(s, t, INFINITE, cost[i][j])).collect())
        .collect();
    (net, arcs)
}

fn flows(s: &Solution, arcs: &[Vec<ArcId>]) -> Vec<Vec<i64>> {
    arcs.iter().map(|row| row.iter().map(|a| s.flow(*a).unwrap()).collect()).collect()
}

#[test]
fn taha_transportation() {
    // Taha, Operations Research, the SunRay transport example: silos of 15, 25 and 10 loads,
    // mills needing 5, 15, 15 and 15.
    //            m1  m2  m3  m4
    //   silo 1   10   2  20  11
    //   silo 2   12   7   9  20
    //   silo 3    4  14  16  18
    // Optimum 435: x12 = 5, x14 = 10, x22 = 10, x23 = 15, x31 = 5, x34 = 5
    // (5·2 + 10·11 + 10·7 + 15·9 + 5·4 + 5·18 = 10 + 110 + 70 + 135 + 20 + 90). Unique: with
    // u = (0, 5, 7), v = (−3, 2, 4, 11) every unused cell has a positive reduced cost.
    let (net, arcs) =
        transportation(&[15, 25, 10], &[5, 15, 15, 15], &[&[10, 2, 20, 11], &[12, 7, 9, 20], &[4, 14, 16, 18]]);
    let s = net.solve().unwrap();
    assert_optimal(&net, &s);
    assert_eq!(s.cost, 435);
    assert_eq!(flows(&s, &arcs), vec![vec![0, 5, 0, 10], vec![0, 10, 15, 0], vec![5, 0, 0, 5]]);
}

#[test]
fn assignment() {
    // The 3 × 3 assignment of scipy's `linear_sum_assignment` example:
    //   [4 1 3]
    //   [2 0 5]
    //   [3 2 2]
    // Optimum 5: row 0 → column 1 (1), row 1 → column 0 (2), row 2 → column 2 (2); every other
    // permutation costs more (4+0+2 = 6, 4+5+2 = 11, 1+5+3 = 9, 3+2+2 = 7, 3+0+3 = 6).
    let (net, arcs) = transportation(&[1, 1, 1], &[1, 1, 1], &[&[4, 1, 3], &[2, 0, 5], &[3, 2, 2]]);
    let s = net.solve().unwrap();
    assert_optimal(&net, &s);
    assert_eq!(s.cost, 5);
    assert_eq!(flows(&s, &arcs), vec![vec![0, 1, 0], vec![1, 0, 0], vec![0, 0, 1]]);
}

#[test]
fn transportation_with_a_capacity_and_a_dummy() {
    // Two plants (40, 30), three customers (20, 25, 15) and a dummy customer at cost 0 for the
    // 10 units too many. Plant 1 → customer 1 carries at most 5.
    //              c1       c2   c3   dummy
    //   plant 1    1 (≤ 5)  4    6    0
    //   plant 2    3        2    5    0
    // c1 needs 20 and plant 1 can send only 5, so plant 2 sends c1 at least 15. Its other 15
    // units go where they save most over plant 1: c2 (4 − 2 = 2 a unit) before c3 (6 − 5 = 1)
    // and the dummy (0). Plant 1 sends the rest: c1 5, c2 10, c3 15, dummy 10.
    // Cost 5·1 + 10·4 + 15·6 + 15·3 + 15·2 = 5 + 40 + 90 + 45 + 30 = 210, and the only optimum
    // (the savings are strictly ordered).
    let mut net = Network::new();
    let p1 = net.add_node(40);
    let p2 = net.add_node(30);
    let c = [net.add_node(-20), net.add_node(-25), net.add_node(-15), net.add_node(-10)];
    let mut arcs = vec![vec![net.add_arc(p1, c[0], 5, 1)]];
    arcs[0].extend([(1, 4), (2, 6), (3, 0)].map(|(j, cost)| net.add_arc(p1, c[j], INFINITE, cost)));
    arcs.push([(0, 3), (1, 2), (2, 5), (3, 0)].map(|(j, cost)| net.add_arc(p2, c[j], INFINITE, cost)).to_vec());
    let s = net.solve().unwrap();
    assert_optimal(&net, &s);
    assert_eq!(s.cost, 210);
    assert_eq!(flows(&s, &arcs), vec![vec![5, 10, 15, 10], vec![15, 15, 0, 0]]);
}

#[test]
fn negative_cycle_of_finite_capacity_is_saturated() {
    // a → b (cap 2, cost 1), b → c (uncapacitated, 1), c → a (cap 3, −5): the cycle costs −3 per
    // unit and carries 2 (a → b's capacity). No supplies.
    let mut net = Network::new();
    let a = net.add_node(0);
    let b = net.add_node(0);
    let c = net.add_node(0);
    let ab = net.add_arc(a, b, 2, 1);
    let bc = net.add_arc(b, c, INFINITE, 1);
    let ca = net.add_arc(c, a, 3, -5);
    let s = net.solve().unwrap();
    assert_optimal(&net, &s);
    assert_eq!([ab, bc, ca].map(|e| s.flow(e).unwrap()), [2, 2, 2]);
    assert_eq!(s.cost, -6);
}

#[test]
fn negative_self_loop_is_saturated() {
    let mut net = Network::new();
    let a = net.add_node(0);
    let l = net.add_arc(a, a, 7, -1);
    let p = net.add_arc(a, a, 7, 1);
    let s = net.solve().unwrap();
    assert_optimal(&net, &s);
    assert_eq!((s.flow(l), s.flow(p), s.cost), (Some(7), Some(0), -7));
    // Uncapacitated, it is unbounded.
    net.add_arc(a, a, INFINITE, -1);
    assert_eq!(net.solve(), Err(FlowError::Unbounded));
}

#[test]
fn infeasible_networks() {
    // A path of capacity 3 for 5 units: 2 cannot be routed.
    let mut net = Network::new();
    let s = net.add_node(5);
    let m = net.add_node(0);
    let t = net.add_node(-5);
    net.add_arc(s, m, 3, 1);
    net.add_arc(m, t, 10, 1);
    assert_eq!(net.solve(), Err(FlowError::Infeasible { unrouted: 2 }));
    // No path at all (the arc points the wrong way).
    let mut net = Network::new();
    let s = net.add_node(1);
    let t = net.add_node(-1);
    net.add_arc(t, s, INFINITE, 0);
    assert_eq!(net.solve(), Err(FlowError::Infeasible { unrouted: 1 }));
    // Two demands and one path: the cheapest attempt still leaves one unit.
    let mut net = Network::new();
    let s = net.add_node(2);
    let t1 = net.add_node(-1);
    let t2 = net.add_node(-1);
    net.add_arc(s, t1, 5, 100);
    net.add_arc(t2, s, 5, 0);
    assert_eq!(net.solve(), Err(FlowError::Infeasible { unrouted: 1 }));
}

#[test]
fn unbounded_networks() {
    // A negative cycle of infinite capacity next to a feasible transport.
    let mut net = Network::new();
    let s = net.add_node(1);
    let t = net.add_node(-1);
    let a = net.add_node(0);
    let b = net.add_node(0);
    net.add_arc(s, t, 1, 1);
    net.add_arc(a, b, INFINITE, -2);
    net.add_arc(b, a, INFINITE, 1);
    assert_eq!(net.solve(), Err(FlowError::Unbounded));
    // The same cycle with one finite arc is bounded.
    let mut net = Network::new();
    let a = net.add_node(0);
    let b = net.add_node(0);
    net.add_arc(a, b, INFINITE, -2);
    net.add_arc(b, a, 1_000_000_000_000, 1);
    let s = net.solve().unwrap();
    assert_eq!(s.cost, -1_000_000_000_000);
}

#[test]
fn parallel_arcs_fill_cheapest_first() {
    // 10 units over three parallel arcs: cost 1 (cap 4), 2 (cap 3), 3 (cap 100): 4 + 6 + 9.
    let mut net = Network::new();
    let s = net.add_node(10);
    let t = net.add_node(-10);
    let c3 = net.add_arc(s, t, 100, 3);
    let c1 = net.add_arc(s, t, 4, 1);
    let c2 = net.add_arc(s, t, 3, 2);
    let sol = net.solve().unwrap();
    assert_optimal(&net, &sol);
    assert_eq!([c1, c2, c3].map(|e| sol.flow(e).unwrap()), [4, 3, 3]);
    assert_eq!(sol.cost, 4 + 6 + 9);
}

#[test]
fn zero_capacity_arcs_carry_nothing() {
    let mut net = Network::new();
    let s = net.add_node(3);
    let t = net.add_node(-3);
    let z = net.add_arc(s, t, 0, -100);
    let loop_ = net.add_arc(t, s, 0, -100);
    let r = net.add_arc(s, t, 3, 5);
    let sol = net.solve().unwrap();
    assert_optimal(&net, &sol);
    assert_eq!([z, loop_, r].map(|e| sol.flow(e).unwrap()), [0, 0, 3]);
    assert_eq!(sol.cost, 15);
}

#[test]
fn tiny_networks() {
    // Empty.
    let sol = Network::new().solve().unwrap();
    assert!(sol.flows.is_empty() && sol.potentials.is_empty() && sol.cost == 0);
    // A single node, no supply.
    let mut net = Network::new();
    net.add_node(0);
    let sol = net.solve().unwrap();
    assert_eq!((sol.flows.len(), sol.potentials.len(), sol.cost), (0, 1, 0));
    // A single node with a supply has nowhere to send it.
    let mut net = Network::new();
    net.add_node(4);
    assert_eq!(net.solve(), Err(FlowError::Unbalanced { sum: 4 }));
    // Two components, each balanced.
    let mut net = Network::new();
    let (a, b, c, d) = (net.add_node(2), net.add_node(-2), net.add_node(-1), net.add_node(1));
    net.add_arc(a, b, 5, 3);
    net.add_arc(d, c, 5, -4);
    let sol = net.solve().unwrap();
    assert_optimal(&net, &sol);
    assert_eq!(sol.cost, 6 - 4);
}

#[test]
fn bad_input() {
    let mut net = Network::new();
    let a = net.add_node(1);
    let b = net.add_node(-1);
    net.add_arc(a, b, 1, 0);
    let neg = net.add_arc(a, b, -1, 0);
    assert_eq!(net.solve(), Err(FlowError::NegativeCapacity { arc: neg, capacity: -1 }));

    let mut other = Network::new();
    for _ in 0..5 {
        other.add_node(0);
    }
    let far = other.add_node(0);
    let mut net = Network::new();
    let a = net.add_node(0);
    net.add_arc(a, far, 1, 0);
    assert_eq!(net.solve(), Err(FlowError::UnknownNode { node: far, nodes: 1 }));
    assert_eq!(net.solve_max_flow(a, far), Err(FlowError::UnknownNode { node: far, nodes: 1 }));
    assert_eq!(net.solve_max_flow(a, a), Err(FlowError::SourceIsSink(a)));

    let mut net = Network::new();
    net.add_node(i64::MAX);
    net.add_node(i64::MAX);
    net.add_node(-3);
    assert_eq!(net.solve(), Err(FlowError::Unbalanced { sum: 2 * i128::from(i64::MAX) - 3 }));

    let mut net = Network::new();
    net.add_node(i64::MIN);
    net.add_node(i64::MAX);
    net.add_node(1);
    assert!(matches!(net.solve(), Err(FlowError::Overflow(_))));
}

#[test]
fn flows_past_i64_are_an_overflow() {
    // Two arcs of 2^62 at −1 feed an uncapacitated arc back: 2^63 on it.
    let mut net = Network::new();
    let a = net.add_node(0);
    let b = net.add_node(0);
    net.add_arc(a, b, 1 << 62, -1);
    net.add_arc(a, b, 1 << 62, -1);
    net.add_arc(b, a, INFINITE, 0);
    assert!(matches!(net.solve(), Err(FlowError::Overflow(_))));
    // One less unit fits.
    let mut net = Network::new();
    let a = net.add_node(0);
    let b = net.add_node(0);
    net.add_arc(a, b, 1 << 62, -1);
    net.add_arc(a, b, (1 << 62) - 1, -1);
    let back = net.add_arc(b, a, INFINITE, 0);
    let sol = net.solve().unwrap();
    assert_eq!(sol.flow(back), Some(i64::MAX));
    assert_eq!(sol.cost, -i128::from(i64::MAX));
}

#[test]
fn extreme_costs_and_capacities() {
    // Costs of i64::MIN and i64::MAX need 128-bit potentials; the answer is still exact.
    let (net, arcs) = transportation(
        &[i64::MAX / 2, i64::MAX / 2],
        &[i64::MAX / 2, i64::MAX / 2],
        &[&[i64::MAX, i64::MIN], &[i64::MIN, i64::MAX]],
    );
    let s = net.solve().unwrap();
    assert_optimal(&net, &s);
    assert_eq!(flows(&s, &arcs), vec![vec![0, i64::MAX / 2], vec![i64::MAX / 2, 0]]);
    assert_eq!(s.cost, 2 * i128::from(i64::MAX / 2) * i128::from(i64::MIN));
}

#[test]
fn same_network_same_flows() {
    // Many ties: every unit costs the same, so many optima; the solver always picks the same.
    let supply: Vec<i64> = (0..12).map(|i| 1 + i % 4).collect();
    let total: i64 = supply.iter().sum();
    let demand: Vec<i64> = (0..6).map(|j| total / 6 + i64::from(j < total % 6)).collect();
    let ones: Vec<i64> = vec![1; 6];
    let cost: Vec<&[i64]> = (0..12).map(|_| &ones[..]).collect();
    let (net, _) = transportation(&supply, &demand, &cost);
    let first = net.solve().unwrap();
    assert_optimal(&net, &first);
    assert_eq!(first.cost, i128::from(total));
    for _ in 0..3 {
        assert_eq!(net.clone().solve().unwrap(), first);
    }
}

#[test]
fn max_flow_at_min_cost() {
    // source → a (4), source → b (2), a → b (3, cost 1), a → sink (2, cost 5), b → sink (4,
    // cost 1). Max flow 6: a → sink 2, b → sink 4 (2 from the source, 2 via a → b).
    // Cost 2·5 + 4·1 + 2·1 = 16.
    let mut net = Network::new();
    let source = net.add_node(0);
    let a = net.add_node(0);
    let b = net.add_node(0);
    let sink = net.add_node(0);
    net.add_arc(source, a, 4, 0);
    net.add_arc(source, b, 2, 0);
    let ab = net.add_arc(a, b, 3, 1);
    net.add_arc(a, sink, 2, 5);
    net.add_arc(b, sink, 4, 1);
    let max = net.solve_max_flow(source, sink).unwrap();
    assert_eq!(max.value, 6);
    assert_eq!(max.solution.cost, 16);
    assert_eq!(max.solution.flow(ab), Some(2));
    // A costly path is still taken: coverage comes first.
    let mut net = Network::new();
    let source = net.add_node(0);
    let sink = net.add_node(0);
    net.add_arc(source, sink, 1, 1_000_000_000);
    let max = net.solve_max_flow(source, sink).unwrap();
    assert_eq!((max.value, max.solution.cost), (1, 1_000_000_000));
    // Nothing reaches the sink.
    let mut net = Network::new();
    let source = net.add_node(0);
    let sink = net.add_node(0);
    let x = net.add_node(0);
    net.add_arc(source, x, 5, 1);
    let max = net.solve_max_flow(source, sink).unwrap();
    assert_eq!((max.value, max.solution.cost), (0, 0));
    // An uncapacitated path: no bound in i64.
    let mut net = Network::new();
    let source = net.add_node(0);
    let sink = net.add_node(0);
    net.add_arc(source, sink, INFINITE, 1);
    assert!(matches!(net.solve_max_flow(source, sink), Err(FlowError::Overflow(_))));
    // Uncapacitated on one side only: the other bounds it.
    let mut net = Network::new();
    let source = net.add_node(0);
    let m = net.add_node(0);
    let sink = net.add_node(0);
    net.add_arc(source, m, INFINITE, 1);
    net.add_arc(m, sink, 7, 1);
    let max = net.solve_max_flow(source, sink).unwrap();
    assert_eq!((max.value, max.solution.cost), (7, 14));
}

#[test]
fn max_flow_keeps_the_other_supplies() {
    // Node x must send 2 units to y whatever the source and sink do, through m → n (capacity 3,
    // cost 1), which the source's path to the sink shares: 1 unit is left for the max flow. The
    // cost counts the 3 units on m → n.
    let mut net = Network::new();
    let source = net.add_node(0);
    let sink = net.add_node(0);
    let x = net.add_node(2);
    let y = net.add_node(-2);
    let m = net.add_node(0);
    let n = net.add_node(0);
    net.add_arc(source, m, 10, 0);
    net.add_arc(x, m, 10, 0);
    net.add_arc(m, n, 3, 1);
    net.add_arc(n, y, 10, 0);
    net.add_arc(n, sink, 10, 0);
    let max = net.solve_max_flow(source, sink).unwrap();
    assert_eq!((max.value, max.solution.cost), (1, 3));
    // With an infeasible requirement, the max flow is infeasible too.
    net.add_node(1);
    net.add_node(-1);
    assert!(matches!(net.solve_max_flow(source, sink), Err(FlowError::Infeasible { .. })));
}

#[test]
fn errors_display() {
    assert_eq!(FlowError::Unbounded.to_string(), "unbounded: a cycle of negative cost and infinite capacity");
    assert_eq!(
        FlowError::Infeasible { unrouted: 2 }.to_string(),
        "infeasible: 2 unit(s) of supply cannot be routed to a demand"
    );
    let mut net = Network::new();
    let a = net.add_node(0);
    let e = net.add_arc(a, a, -3, 0);
    assert_eq!(FlowError::NegativeCapacity { arc: e, capacity: -3 }.to_string(), "arc 0 has a negative capacity (-3)");
}

#[test]
fn warm_start_after_small_changes() {
    // 300 classes × 40 entitlements, 8 eligible each, as the reconciliation builds them.
    let mut state = 12345u64;
    let mut next = |n: u64| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        i64::try_from(state % n).unwrap()
    };
    let mut net = Network::new();
    let source = net.add_node(0);
    let sink = net.add_node(0);
    let classes: Vec<_> = (0..300).map(|_| net.add_node(0)).collect();
    let ents: Vec<_> = (0..40).map(|_| net.add_node(0)).collect();
    let units: Vec<_> = classes.iter().map(|&c| net.add_arc(source, c, 1 + next(50), 0)).collect();
    let mut eligible = Vec::new();
    for &c in &classes {
        for _ in 0..8 {
            let e = ents[usize::try_from(next(40)).unwrap()];
            eligible.push(net.add_arc(c, e, INFINITE, 1 + next(100)));
        }
    }
    let quantities: Vec<_> = ents.iter().map(|&e| net.add_arc(e, sink, next(400), 0)).collect();
    let first = net.solve_max_flow(source, sink).unwrap();
    // One installation more in a class, one cost changed, one quantity changed: each re-solved
    // from the last basis, each the cold optimum, in far fewer pivots.
    let mut basis = first.solution.basis;
    let (mut warm_pivots, mut cold_pivots) = (0, 0);
    for step in 0..30 {
        match step % 3 {
            0 => {
                let a = units[step * 7 % units.len()];
                let (_, _, cap, _) = net.arc(a).unwrap();
                net.set_capacity(a, cap + 1);
            }
            1 => {
                net.set_cost(eligible[step * 13 % eligible.len()], 1 + next(100));
            }
            _ => {
                net.set_capacity(quantities[step % quantities.len()], next(400));
            }
        }
        let warm = net.solve_max_flow_from(source, sink, &basis).unwrap();
        let cold = net.solve_max_flow(source, sink).unwrap();
        assert_eq!((warm.value, warm.solution.cost), (cold.value, cold.solution.cost), "step {step}");
        warm_pivots += warm.solution.pivots;
        cold_pivots += cold.solution.pivots;
        basis = warm.solution.basis;
    }
    eprintln!("{warm_pivots} pivots warm, {cold_pivots} cold");
    assert!(warm_pivots * 10 < cold_pivots, "{warm_pivots} pivots warm, {cold_pivots} cold");
}
