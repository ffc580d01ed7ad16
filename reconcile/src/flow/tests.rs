//! The tree's invariants after every pivot, on random small networks (the public behaviour is
//! tested in `reconcile/tests/flow*.rs`).

#![allow(clippy::cast_possible_truncation)]

use super::simplex::{InArc, Simplex, Stop};
use super::{INFINITE, Network};

/// xorshift64*.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
    fn range(&mut self, lo: i64, hi: i64) -> i64 {
        lo + i64::try_from(self.below(u64::try_from(hi - lo + 1).unwrap())).unwrap()
    }
}

/// A random network: up to `max_n` nodes and `max_m` arcs, some uncapacitated, some of capacity
/// 0, negative costs, parallel arcs and self-loops; balanced supplies.
fn random_network(rng: &mut Rng, max_n: u64, max_m: u64) -> (Vec<i64>, Vec<InArc>) {
    let n = 1 + rng.below(max_n) as usize;
    let mut supplies = vec![0i64; n];
    for _ in 0..rng.below(max_n) {
        let a = rng.below(n as u64) as usize;
        let b = rng.below(n as u64) as usize;
        let v = rng.range(1, 8);
        supplies[a] += v;
        supplies[b] -= v;
    }
    let m = rng.below(max_m + 1) as usize;
    let negative = rng.below(3) == 0;
    let arcs = (0..m)
        .map(|_| {
            let capacity = match rng.below(10) {
                0 => 0,
                1 | 2 => INFINITE,
                _ => rng.range(1, 9),
            };
            let cost = if negative { rng.range(-5, 10) } else { rng.range(0, 10) };
            // No negative cost on an uncapacitated arc unless the case asks for it (else most
            // cases would be unbounded).
            let cost = if capacity == INFINITE && rng.below(4) != 0 { cost.abs() } else { cost };
            InArc {
                from: u32::try_from(rng.below(n as u64)).unwrap(),
                to: u32::try_from(rng.below(n as u64)).unwrap(),
                capacity,
                cost: i128::from(cost),
            }
        })
        .collect();
    (supplies, arcs)
}

#[test]
fn tree_invariants_hold_after_every_pivot() {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let (mut optimal, mut unbounded, mut infeasible, mut pivots) = (0, 0, 0, 0);
    for case in 0..3000 {
        let (supplies, arcs) =
            if case % 3 == 0 { random_network(&mut rng, 30, 200) } else { random_network(&mut rng, 9, 25) };
        let c = arcs.iter().map(|a| a.cost.unsigned_abs()).max().unwrap_or(0);
        let art = i128::try_from(c * supplies.len() as u128 + 1).unwrap();
        let mut s = Simplex::<i64>::new(&supplies, arcs.len(), |k| arcs[k], art);
        let outcome = s.run_checked();
        pivots += s.pivots;
        match outcome {
            Err(e) => panic!("case {case}: {e}\n{supplies:?}\n{arcs:?}"),
            Ok(Err(Stop::Unbounded)) => unbounded += 1,
            Ok(Err(Stop::Overflow)) => panic!("case {case}: overflow"),
            Ok(Ok(())) => {
                if s.unrouted() > 0 {
                    infeasible += 1;
                } else {
                    optimal += 1;
                }
                // Complementary slackness on the real arcs.
                for (a, f) in arcs.iter().zip(s.flows()) {
                    let rc = a.cost + i128::from(s.pi[a.from as usize]) - i128::from(s.pi[a.to as usize]);
                    assert!(!(f < a.capacity && rc < 0), "case {case}: {a:?} could take more");
                    assert!(!(f > 0 && rc > 0), "case {case}: {a:?} should give back");
                }
            }
        }
    }
    // The generator reaches every outcome.
    eprintln!("{optimal} optimal, {unbounded} unbounded, {infeasible} infeasible, {pivots} pivots");
    assert!(optimal > 1000 && unbounded > 50 && infeasible > 50 && pivots > 10_000);
}

#[test]
fn i64_and_i128_arithmetic_agree() {
    let mut rng = Rng(42);
    for _ in 0..500 {
        let (supplies, arcs) = random_network(&mut rng, 12, 40);
        let mut net = Network::new();
        let nodes: Vec<_> = supplies.iter().map(|&s| net.add_node(s)).collect();
        for a in &arcs {
            net.add_arc(nodes[a.from as usize], nodes[a.to as usize], a.capacity, i64::try_from(a.cost).unwrap());
        }
        let narrow = net.run_with::<i64>(&supplies, None, 1_000_000, None);
        let wide = net.run_with::<i128>(&supplies, None, 1_000_000, None);
        assert_eq!(narrow, wide);
    }
}

/// A random change of a network: costs, capacities, supplies (kept balanced), arcs and nodes
/// added.
fn perturb(rng: &mut Rng, supplies: &mut Vec<i64>, arcs: &mut Vec<InArc>) {
    for _ in 0..=rng.below(4) {
        match rng.below(5) {
            0 if !arcs.is_empty() => {
                let k = rng.below(arcs.len() as u64) as usize;
                arcs[k].cost = i128::from(rng.range(-5, 10));
                if arcs[k].capacity == INFINITE {
                    arcs[k].cost = arcs[k].cost.abs();
                }
            }
            1 if !arcs.is_empty() => {
                let k = rng.below(arcs.len() as u64) as usize;
                arcs[k].capacity = rng.range(0, 9);
            }
            2 => {
                let n = supplies.len() as u64;
                let (a, b) = (rng.below(n) as usize, rng.below(n) as usize);
                let v = rng.range(1, 6);
                supplies[a] += v;
                supplies[b] -= v;
            }
            3 => {
                supplies.push(0);
            }
            _ => {
                let n = supplies.len() as u64;
                arcs.push(InArc {
                    from: u32::try_from(rng.below(n)).unwrap(),
                    to: u32::try_from(rng.below(n)).unwrap(),
                    capacity: rng.range(1, 9),
                    cost: i128::from(rng.range(0, 10)),
                });
            }
        }
    }
}

/// A basis as the simplex gives it: arc states and artificial arcs in the tree.
type Basis = (Vec<i8>, Vec<bool>);

/// Solves cold, returning the optimum's cost or why there is none, and the basis.
fn solve_cold(supplies: &[i64], arcs: &[InArc]) -> (Result<i128, Stop>, Option<Basis>) {
    let c = arcs.iter().map(|a| a.cost.unsigned_abs()).max().unwrap_or(0);
    let art = i128::try_from(c * supplies.len() as u128 + 1).unwrap();
    let mut s = Simplex::<i64>::new(supplies, arcs.len(), |k| arcs[k], art);
    match s.run() {
        Err(stop) => (Err(stop), None),
        Ok(()) if s.unrouted() > 0 => (Err(Stop::Overflow), Some(s.basis())),
        Ok(()) => (Ok(cost_of(arcs, &s.flows())), Some(s.basis())),
    }
}

fn cost_of(arcs: &[InArc], flows: &[i64]) -> i128 {
    arcs.iter().zip(flows).map(|(a, &f)| a.cost * i128::from(f)).sum()
}

#[test]
fn warm_starts_are_valid_trees_and_reach_the_same_optimum() {
    let mut rng = Rng(7);
    let (mut warm_pivots, mut cold_pivots, mut compared) = (0, 0, 0);
    for case in 0..2000 {
        let (mut supplies, mut arcs) =
            if case % 4 == 0 { random_network(&mut rng, 25, 150) } else { random_network(&mut rng, 9, 25) };
        let (_, Some((states, nodes))) = solve_cold(&supplies, &arcs) else { continue };
        perturb(&mut rng, &mut supplies, &mut arcs);
        let (cold, _) = solve_cold(&supplies, &arcs);
        let c = arcs.iter().map(|a| a.cost.unsigned_abs()).max().unwrap_or(0);
        let art = i128::try_from(c * supplies.len() as u128 + 1).unwrap();
        let mut s = Simplex::<i64>::new(&supplies, arcs.len(), |k| arcs[k], art);
        let arc_state = |k: usize| states.get(k).copied().unwrap_or(super::simplex::LOWER);
        let node_in_tree = |u: usize| nodes.get(u).copied().unwrap_or(true);
        assert!(s.warm_start(&supplies, arc_state, node_in_tree), "case {case}: no warm start");
        let outcome = match s.run_checked() {
            Err(e) => panic!("case {case}: {e}\n{supplies:?}\n{arcs:?}\n{states:?} {nodes:?}"),
            Ok(Err(stop)) => Err(stop),
            Ok(Ok(())) if s.unrouted() > 0 => Err(Stop::Overflow),
            Ok(Ok(())) => Ok(cost_of(&arcs, &s.flows())),
        };
        // Infeasible is reported as Overflow by these helpers; both must agree either way.
        assert_eq!(outcome, cold, "case {case}");
        if let (Ok(_), Ok(_)) = (&outcome, &cold) {
            compared += 1;
            warm_pivots += s.pivots;
            let mut c = Simplex::<i64>::new(&supplies, arcs.len(), |k| arcs[k], art);
            c.run().unwrap();
            cold_pivots += c.pivots;
        }
    }
    eprintln!("{compared} warm starts compared: {warm_pivots} pivots warm, {cold_pivots} cold");
    assert!(compared > 500 && warm_pivots < cold_pivots);
}
