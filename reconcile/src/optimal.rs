//! The optimal allocation ([`Objective::Optimal`](crate::Objective::Optimal)): entitlements
//! chosen for whole classes of identical consumers at once by a min-cost flow, instead of one
//! installation after another in the priority order.
//!
//! # The objective
//!
//! In this order, each only where the ones before leave a choice:
//!
//! 1. **cover the most**: the least shortfall units, summed over the entitlements (a unit
//!    charged beyond an entitlement's quantity is a unit short);
//! 2. **pay the least**: the least shortfall cost, Σ shortfall × the entitlement's per-unit cost
//!    (amounts compared as numbers, whatever their currency; no per-unit cost counts 0);
//! 3. **the priority order**: each unit under an entitlement further down an installation's
//!    priority order (see [`crate::engine`]) costs one more.
//!
//! The greedy priority order is one feasible allocation of the same model, so the optimum is
//! never worse than it in the first two terms.
//!
//! # The model
//!
//! - **Pinned installations** are allocated first, by the priority order, as in the greedy
//!   mode; the flow gets what remains of each entitlement.
//! - **Subjects**: an installation whose eligible entitlements all charge it under one subject
//!   (a device, a server, a user, an installation), with the same whole number of units, takes
//!   part in the flow through that subject; so do the subject's other installations when they
//!   have the same eligible entitlements. The subject needs its units once, whichever of them
//!   it goes to.
//! - **Classes**: subjects with the same eligible entitlements in the same priority order and
//!   the same units form one class, a node supplying their units (count × units).
//! - **The network**: class → each eligible entitlement (uncapacitated, cost: the rank in the
//!   priority order); entitlement → sink (capacity: what remains of its quantity, rounded down;
//!   cost 0) and, unless unlimited, a second arc → sink for units beyond it (uncapacitated,
//!   cost W₁ + per-unit cost × W₂). W₂ exceeds the largest possible total of ranks and W₁ the
//!   largest possible total of the rest, so the single solve of [`crate::flow`] minimizes the
//!   three terms lexicographically, exactly (64-bit costs, 128-bit totals, no floating point).
//!   Per-unit costs are scaled to whole numbers by 10^d for their most decimal places d (at most
//!   6; beyond that they are rounded).
//! - **Back to subjects**: each class's units under each entitlement are handed to its
//!   subjects in the order of their names, entitlements in the class's priority order. A
//!   subject whose units straddle two entitlements is *split*: each of them has an allocation
//!   with its part of the units (the explanation says so), and the installation is covered by
//!   the one with the larger part (the earlier in priority on a tie): its installations are
//!   listed in that allocation only.
//! - **The rest**: installations that cannot take part (second-use candidates on portable
//!   devices, pool metrics such as concurrent users or consumption, entitlements that would
//!   charge one installation under different subjects or units, subjects an entitlement has
//!   already charged through a pin) are allocated after the flow, by the priority order, from
//!   what remains.
//!
//! When the weights would not fit 64 bits (estates of more than about 10¹² units at large
//! costs), the priority term is dropped; when even that does not fit, the allocation falls back
//! to the priority order and the position has an `optimal-allocation-too-large` finding.

use crate::context::Ctx;
use crate::eligibility::Match;
use crate::engine::{Index, Pool, candidates, priority};
use crate::flow::{FlowError, INFINITE, Network};
use crate::input::Installation;
use crate::metric::{self, Subject};
use crate::position::{Allocation, Consumer, Finding, Reason, Rejection};
use iso19770_core::decimal::Decimal;
use iso19770_ent::CostBasis;
use rust_decimal::prelude::ToPrimitive;
use std::collections::{BTreeMap, BTreeSet};

/// The most decimal places per-unit costs are scaled by.
const MAX_COST_SCALE: u32 = 6;

/// How one installation would be charged under each of its eligible entitlements.
struct Plan<'a> {
    /// Its place in the order given.
    idx: usize,
    inst: &'a Installation,
    /// Eligible pools in priority order, with how each covers it and its charge explanation.
    eligible: Vec<(usize, Match, String)>,
    /// Those that name its product but do not cover it.
    rejected: Vec<Rejection>,
}

/// A subject all of whose installations take part in the flow.
struct SubjectDemand<'a> {
    subject: Subject,
    units: i64,
    plans: Vec<Plan<'a>>,
}

/// A subject's installations by their eligible pools (sorted): units per subject and plans.
type Groups<'a> = BTreeMap<Vec<usize>, (i64, Vec<Plan<'a>>)>;

/// The pools of a class, in priority order, and its units per subject.
type ClassKey = (Vec<usize>, i64);

/// Allocates by the min-cost flow what can take part in it (see the module's documentation),
/// pushing a consumer for each; returns the installations left for the priority order, in the
/// order given.
pub(crate) fn allocate<'a>(
    ctx: &mut Ctx<'a>,
    pools: &mut [Pool<'a>],
    index: &Index,
    order: &[&'a Installation],
    consumers: &mut Vec<Consumer>,
) -> Vec<&'a Installation> {
    let mut rest: Vec<usize> = Vec::new();
    // Per subject, its installations grouped by their eligible pools.
    let mut by_subject: BTreeMap<Subject, Groups<'a>> = BTreeMap::new();
    let mut broken: BTreeSet<Subject> = BTreeSet::new();
    for (idx, inst) in order.iter().enumerate() {
        match plan(ctx, pools, index, idx, inst) {
            Some((subject, units, plan)) => {
                let mut set: Vec<usize> = plan.eligible.iter().map(|(k, _, _)| *k).collect();
                set.sort_unstable();
                let groups = by_subject.entry(subject.clone()).or_default();
                let entry = groups.entry(set).or_insert_with(|| (units, Vec::new()));
                if entry.0 != units || entry.1.first().is_some_and(|first| !same_order(first, &plan)) {
                    broken.insert(subject);
                }
                entry.1.push(plan);
            }
            None => rest.push(idx),
        }
    }
    // One subject may be charged under different pools for different products; but when
    // installations of one subject share some pools and not others, which pool charges the
    // subject for which of them is no longer a flow: such a subject goes to the priority order.
    for (subject, groups) in &by_subject {
        let sets: Vec<&Vec<usize>> = groups.keys().collect();
        let overlap =
            sets.iter().enumerate().any(|(i, a)| sets[i + 1..].iter().any(|b| a.iter().any(|k| b.contains(k))));
        if overlap {
            broken.insert(subject.clone());
        }
    }
    for subject in &broken {
        if let Some(groups) = by_subject.remove(subject) {
            rest.extend(groups.into_values().flat_map(|(_, plans)| plans).map(|p| p.idx));
        }
    }
    let mut classes: BTreeMap<ClassKey, Vec<SubjectDemand<'a>>> = BTreeMap::new();
    for (subject, groups) in by_subject {
        for (units, plans) in groups.into_values() {
            let Some(first) = plans.first() else { continue };
            let key = (first.eligible.iter().map(|(k, _, _)| *k).collect(), units);
            classes.entry(key).or_default().push(SubjectDemand { subject: subject.clone(), units, plans });
        }
    }
    let classes: Vec<(ClassKey, Vec<SubjectDemand<'a>>)> = classes.into_iter().collect();
    match solve(pools, &classes) {
        Ok(flows) => {
            for ((key, subjects), flow) in classes.into_iter().zip(flows) {
                hand_out(ctx, pools, &key.0, subjects, flow, consumers);
            }
        }
        Err(why) => {
            ctx.findings.push(Finding {
                code: "optimal-allocation-too-large",
                subject: "objective:optimal".into(),
                message: format!("the optimal allocation could not be computed ({why}); the priority order is used"),
            });
            rest.extend(classes.into_iter().flat_map(|(_, s)| s).flat_map(|s| s.plans).map(|p| p.idx));
        }
    }
    rest.sort_unstable();
    rest.into_iter().filter_map(|i| order.get(i).copied()).collect()
}

/// True when two plans have the same eligible pools in the same order.
fn same_order(a: &Plan<'_>, b: &Plan<'_>) -> bool {
    a.eligible.len() == b.eligible.len() && a.eligible.iter().zip(&b.eligible).all(|(x, y)| x.0 == y.0)
}

/// How `inst` takes part in the flow: its subject, units and plan; `None` when it cannot.
fn plan<'a>(
    ctx: &Ctx<'a>,
    pools: &[Pool<'a>],
    index: &Index,
    idx: usize,
    inst: &'a Installation,
) -> Option<(Subject, i64, Plan<'a>)> {
    let (mut eligible, rejected) = candidates(ctx, pools, index, inst);
    let (_, _, subject) = eligible.first()?;
    let subject = subject.clone();
    if subject.0 == "pool" || eligible.iter().any(|(k, _, s)| *s != subject || pools[*k].charged.contains_key(s)) {
        return None;
    }
    // A second use is decided installation by installation.
    let device = ctx.device(&inst.device);
    if device.is_some_and(|d| d.portable && !d.is_virtual())
        && eligible.iter().any(|(k, _, _)| pools[*k].second_use_copies().is_some())
    {
        return None;
    }
    eligible.sort_by_cached_key(|(k, m, _)| priority(&pools[*k], m));
    let product = inst.product.product.as_str();
    let tag_id = inst.product.tag_id.as_deref();
    let mut units: Option<Decimal> = None;
    let mut out = Vec::with_capacity(eligible.len());
    for (k, m, s) in eligible {
        let c = metric::charge(ctx, pools[k].ent, &s, product, tag_id);
        if units.is_some_and(|u| u != c.units) {
            return None;
        }
        units = Some(c.units);
        let explanation = match &m.note {
            Some(n) => format!("{} ({n})", c.explanation),
            None => c.explanation,
        };
        out.push((k, m, explanation));
    }
    let units = units?;
    if !units.fract().is_zero() {
        return None;
    }
    let units = units.to_i64()?;
    Some((subject, units, Plan { idx, inst, eligible: out, rejected }))
}

/// A per-unit cost scaled to a whole number, and the scale.
fn unit_cost(pool: &Pool<'_>) -> Option<Decimal> {
    pool.ent.costs.iter().find(|c| c.basis == CostBasis::PerUnit).map(|c| c.amount.max(Decimal::ZERO))
}

/// Solves the flow over the classes: per class, the units under each of its pools (in the
/// class's order).
fn solve(pools: &[Pool<'_>], classes: &[(ClassKey, Vec<SubjectDemand<'_>>)]) -> Result<Vec<Vec<i64>>, FlowError> {
    let too_large = FlowError::Overflow("the weights of the objective");
    let mut demand_total: i128 = 0;
    let mut rank_total: i128 = 0;
    let mut demands = Vec::with_capacity(classes.len());
    for ((eligible, units), subjects) in classes {
        let d = i128::from(*units) * i128::try_from(subjects.len()).map_err(|_| too_large.clone())?;
        demand_total += d;
        rank_total += d * i128::try_from(eligible.len().saturating_sub(1)).map_err(|_| too_large.clone())?;
        demands.push(i64::try_from(d).map_err(|_| too_large.clone())?);
    }
    // The pools in the flow, by index, and their scaled per-unit costs.
    let mut used: BTreeMap<usize, Option<Decimal>> = BTreeMap::new();
    for ((eligible, _), _) in classes {
        for k in eligible {
            used.entry(*k).or_insert_with(|| unit_cost(&pools[*k]));
        }
    }
    let scale = used.values().flatten().map(|c| c.scale().min(MAX_COST_SCALE)).max().unwrap_or(0);
    let factor = Decimal::from(10_u64.pow(scale));
    let mut costs: BTreeMap<usize, i128> = BTreeMap::new();
    for (k, c) in &used {
        let scaled = c.map_or(Some(0), |c| c.checked_mul(factor).and_then(|x| x.round().to_i128()));
        costs.insert(*k, scaled.ok_or_else(|| too_large.clone())?);
    }
    let max_cost = costs.values().copied().max().unwrap_or(0);
    let fits = |w1: i128, w2: i128| {
        let top = w1.checked_add(max_cost.checked_mul(w2)?)?;
        (top <= i128::from(i64::MAX / 4)).then_some((w1, w2))
    };
    // With the priority term: W₂ beyond every total of ranks; W₁ beyond every total of the rest.
    let with_ranks = (|| {
        let w2 = rank_total.checked_add(1)?;
        let w1 = demand_total.checked_mul(max_cost.checked_mul(w2)?)?.checked_add(rank_total)?.checked_add(1)?;
        fits(w1, w2).map(|(w1, w2)| (w1, w2, true))
    })();
    let without_ranks = || {
        let w1 = demand_total.checked_mul(max_cost)?.checked_add(1)?;
        fits(w1, 1).map(|(w1, w2)| (w1, w2, false))
    };
    let (w1, w2, ranks) = with_ranks.or_else(without_ranks).ok_or_else(|| too_large.clone())?;
    let as_i64 = |x: i128| i64::try_from(x).map_err(|_| too_large.clone());

    let mut net = Network::with_capacity(classes.len() + used.len() + 1, classes.len() * 2 + used.len() * 2);
    let sink = net.add_node(-as_i64(demand_total)?);
    let mut pool_node = BTreeMap::new();
    for (k, cost) in &costs {
        let node = net.add_node(0);
        pool_node.insert(*k, node);
        let pool = &pools[*k];
        match pool.remaining() {
            None => {
                net.add_arc(node, sink, INFINITE, 0);
            }
            Some(r) => {
                let own = r.floor().to_i64().unwrap_or(INFINITE);
                net.add_arc(node, sink, own, 0);
                net.add_arc(node, sink, INFINITE, as_i64(w1 + cost * w2)?);
            }
        }
    }
    let mut class_arcs = Vec::with_capacity(classes.len());
    for (((eligible, _), _), demand) in classes.iter().zip(&demands) {
        let node = net.add_node(*demand);
        let arcs: Vec<_> = eligible
            .iter()
            .enumerate()
            .map(|(rank, k)| {
                let cost = if ranks { i64::try_from(rank).unwrap_or(i64::MAX) } else { 0 };
                pool_node.get(k).map(|to| net.add_arc(node, *to, INFINITE, cost))
            })
            .collect();
        class_arcs.push(arcs);
    }
    let solution = net.solve()?;
    Ok(class_arcs
        .into_iter()
        .map(|arcs| {
            arcs.into_iter().map(|a| a.and_then(|a| solution.flows.get(a.index()).copied()).unwrap_or(0)).collect()
        })
        .collect())
}

/// Hands a class's units under each pool (`flow`, in the order of `eligible`) to its subjects,
/// charging the pools and pushing a consumer per installation.
fn hand_out<'a>(
    ctx: &Ctx<'a>,
    pools: &mut [Pool<'a>],
    eligible: &[usize],
    subjects: Vec<SubjectDemand<'a>>,
    mut flow: Vec<i64>,
    consumers: &mut Vec<Consumer>,
) {
    let mut at = 0;
    for demand in subjects {
        // The pieces of this subject's units: (position in `eligible`, units).
        let mut pieces: Vec<(usize, i64)> = Vec::new();
        let mut need = demand.units;
        while need > 0 && at < flow.len() {
            let take = need.min(flow[at]);
            if take > 0 {
                pieces.push((at, take));
                flow[at] -= take;
                need -= take;
            }
            if flow[at] == 0 {
                at += 1;
            }
        }
        if pieces.is_empty() {
            // No units needed (or, which the flow rules out, none handed): the first in priority.
            pieces.push((0, 0));
        }
        let main =
            pieces.iter().enumerate().max_by_key(|(i, (_, x))| (*x, std::cmp::Reverse(*i))).map_or(0, |(_, p)| p.0);
        let Some(first) = demand.plans.first() else { continue };
        let installations: Vec<String> = demand.plans.iter().map(|p| p.inst.id.clone()).collect();
        let ids: Vec<String> = eligible.iter().map(|k| pools[*k].ent.ent_id.clone()).collect();
        let ent_id = |pos: usize| ids.get(pos).cloned().unwrap_or_default();
        for &(pos, units) in &pieces {
            let Some(&k) = eligible.get(pos) else { continue };
            let base = first.eligible.get(pos).map_or(String::new(), |e| e.2.clone());
            let explanation = if pieces.len() > 1 {
                let others: Vec<String> = pieces
                    .iter()
                    .filter(|(p, _)| *p != pos)
                    .map(|(p, x)| format!("{x} under {}", ent_id(*p)))
                    .collect();
                format!(
                    "{base}; {units} of the {} under this entitlement, {} (optimal allocation)",
                    demand.units,
                    others.join(", ")
                )
            } else {
                base
            };
            let pool = &mut pools[k];
            pool.consumed = pool.consumed.saturating_add(Decimal::from(units));
            let at = pool.allocations.len();
            if pos == main {
                for (n, plan) in demand.plans.iter().enumerate() {
                    pool.note_fixed(ctx, plan.inst, (at, n));
                }
            }
            pool.charged.insert(demand.subject.clone(), at);
            pool.allocations.push(Allocation {
                subject: demand.subject.0.clone(),
                // An installation is allocated once: under the entitlement that covers it.
                installations: if pos == main { installations.clone() } else { Vec::new() },
                units: Decimal::from(units),
                explanation,
                pinned: false,
            });
        }
        let covering = ent_id(main);
        for (n, plan) in demand.plans.into_iter().enumerate() {
            let mut rejected = plan.rejected;
            for (pos, (k, _, _)) in plan.eligible.iter().enumerate() {
                if pos != main {
                    let share = pieces.iter().find(|(p, _)| *p == pos).map(|(_, x)| *x);
                    let detail = match share {
                        Some(x) => format!(
                            "the optimal allocation puts {} of the {} of {} under it and the most under {covering}",
                            x, demand.units, demand.subject.0
                        ),
                        None => format!("the optimal allocation puts {} under {covering}", demand.subject.0),
                    };
                    rejected.push(Rejection {
                        ent_id: pools[*k].ent.ent_id.clone(),
                        reason: Reason::OptimalAllocation,
                        detail,
                    });
                }
            }
            rejected.sort_by(|a, b| a.ent_id.cmp(&b.ent_id));
            let explanation = plan.eligible.get(main).map_or(String::new(), |e| e.2.clone());
            let explanation =
                if n == 0 { explanation } else { format!("{} is already counted under it", demand.subject.0) };
            consumers.push(Consumer {
                installation: plan.inst.id.clone(),
                product: plan.inst.product.product.clone(),
                device: plan.inst.device.clone(),
                covered_by: Some(covering.clone()),
                explanation,
                rejected,
            });
        }
    }
}
