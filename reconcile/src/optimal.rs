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
//! # The model
//!
//! - **Pinned installations** are allocated first, by the priority order, as in the greedy
//!   mode.
//! - **Subjects**: an installation whose eligible entitlements all charge it under one subject
//!   (a device, a server, a user, an installation), with the same whole number of units, takes
//!   part in the flow through that subject. A subject is charged once for its installations
//!   that share an entitlement: when they differ in what covers them (another edition or
//!   version on the same server), the subject is charged under an entitlement that covers them
//!   all (the priority order of the first decides the ranks); installations with no
//!   entitlement in common with the others of their subject are a demand of their own.
//! - **Choices**: an installation whose eligible Ents charge it under different subjects or in
//!   different units (a VM licensed through its host as a whole or by itself; a host under
//!   Standard licences stacked for every two VMs or one Datacenter licence; a user or each of
//!   their devices) takes part in one of its ways, decided before the flow cluster by cluster
//!   (installations that share a charge) by trying the subsets of the charges they share against
//!   what the Ents have left: the fewest units beyond the quantities, then their cost, then the
//!   cost of all the charges, the fewest units, the priority order (up to eight shared charges
//!   in a small cluster every subset; beyond, none, each alone, those of each set of Ents, all,
//!   and the charges made as the installations take them). The Ents of the ways not taken are
//!   rejected with the reason. Where every subset is tried the choice is exact for that score;
//!   across clusters it sees the quantities as the clusters before it left them (the comparison
//!   with the priority order below catches what it gets wrong).
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
//! - **The rest**: installations that cannot take part (pool metrics such as concurrent users
//!   or consumption, units that are not whole, more than eight ways to charge one installation,
//!   subjects with no entitlement covering all their installations, subjects an entitlement has
//!   already charged) are allocated by the priority order: before the flow, except those on
//!   portable devices (a second use needs its fixed device covered), which come after it.
//!
//! # Never worse than the priority order
//!
//! Within the model the flow is optimal. The priority order, though, may charge one subject
//! under several entitlements (one per edition on a server, say), which the model does not
//! consider, and the installations left out of the flow are allocated around it. So
//! [`crate::reconcile`] computes both allocations and keeps the priority order's when it is
//! better by the first two terms, with an `optimal-kept-priority` finding that gives both
//! scores: the optimal mode is never worse than the priority order. The priority order is
//! first run for its score alone (the same decisions, nothing written out; the candidates and
//! charges the flow computed are reused), written out in full only where it is kept, and not
//! run at all where the flow leaves nothing short (nothing can be better).
//!
//! When the weights would not fit 64 bits (estates of more than about 10¹² units at large
//! costs), the priority term is dropped; when even that does not fit, the allocation falls back
//! to the priority order and the position has an `optimal-allocation-too-large` finding.

mod choice;

use crate::context::Ctx;
use crate::eligibility::Match;
use crate::engine::{Index, Pool, candidates, priority};
use crate::flow::{FlowError, INFINITE, Network};
use crate::input::{Input, Installation};
use crate::memo::{Found, Memo};
use crate::metric::Subject;
use crate::position::{Allocation, Consumer, EntitlementPosition, Finding, Reason, Rejection};
use crate::text::text;
use iso19770_core::decimal::Decimal;
use iso19770_ent::CostBasis;
use rust_decimal::prelude::ToPrimitive;
use std::collections::{BTreeMap, BTreeSet};
use std::rc::Rc;

/// The min-cost flow network the optimal allocation of `input` solves (after the pinned
/// installations and those that cannot be a flow took their part), as it is handed to
/// [`Network::solve`]: for benchmarks and for researchers who want the instance itself. `None`
/// when nothing takes part in a flow or the weights do not fit (see above).
///
/// One network per component of the estate (see the crate documentation), one after the other
/// in one [`Network`]: in each, first its sink, then one node per Ent in the flow (arcs to the
/// sink: what remains, and the shortfall arc), then one per class (arcs to its Ents).
///
/// ```
/// use iso19770_ent::{Ent, EntitledProduct, Metric, Quantity};
/// use iso19770_reconcile::{Device, Input, Installation, ProductId, optimal};
///
/// let mut input = Input::new("2025-06-30T00:00:00Z");
/// input.estate.devices.push(Device::physical("d-1", 1, 4));
/// input.installations.push(Installation::new("i-1", ProductId::named("Tool"), "d-1"));
/// input.entitlements.push(
///     Ent::new("a").with_product(EntitledProduct::named("Tool")).with_metric(Metric::PerDevice).with_quantity(Quantity::count(1)),
/// );
/// let net = optimal::flow_network(&input).expect("one class, one Ent");
/// // The sink, the Ent, the class; the Ent's two arcs to the sink and the class's arc to it.
/// assert_eq!((net.node_count(), net.arc_count()), (3, 3));
/// assert_eq!(net.solve().map(|s| s.cost), Ok(0));
/// ```
pub fn flow_network(input: &Input) -> Option<Network> {
    crate::engine::capture_network(input)
}

/// What the objective compares, smaller better: the shortfall units summed over the
/// entitlements, then their shortfall cost.
pub(crate) fn score(entitlements: &[EntitlementPosition]) -> (Decimal, Decimal) {
    let units = entitlements.iter().fold(Decimal::ZERO, |a, e| a.saturating_add(e.shortfall));
    let cost = entitlements.iter().filter_map(|e| e.shortfall_cost).fold(Decimal::ZERO, Decimal::saturating_add);
    (units, cost)
}

/// The most decimal places per-unit costs are scaled by.
const MAX_COST_SCALE: u32 = 6;

/// How one installation would be charged under each of its eligible entitlements.
struct Plan<'a> {
    /// Its place in the order given.
    idx: usize,
    inst: &'a Installation,
    /// Eligible pools in priority order (of its candidates, `found`).
    eligible: Vec<usize>,
    found: Rc<Found>,
    /// Those that name its product but do not cover it.
    rejected: Vec<Rejection>,
}

/// A subject all of whose installations take part in the flow.
struct SubjectDemand<'a> {
    subject: Subject,
    units: i64,
    plans: Vec<Plan<'a>>,
}

/// The pools of a class, in priority order, and its units per subject.
type ClassKey = (Vec<usize>, i64);

/// Allocates every installation of `order` (none pinned), pushing a consumer for each: those
/// that cannot take part in the flow and are not on portable devices first, by `greedy` (the
/// priority order); then the flow (see the module's documentation); then what is left, by
/// `greedy`, in the order given.
#[allow(clippy::too_many_arguments)] // the engine's state for one component, threaded through
pub(crate) fn allocate<'a>(
    ctx: &Ctx<'a>,
    pools: &mut [Pool<'a>],
    index: &Index,
    order: &[&'a Installation],
    consumers: &mut Vec<Consumer>,
    findings: &mut Vec<Finding>,
    memo: &Memo<'a>,
    capture: Option<&mut Option<Network>>,
    mut greedy: impl FnMut(&Ctx<'a>, &mut [Pool<'a>], &'a Installation) -> Option<Consumer>,
) {
    // First pass: what can take part; the others go first by the priority order, except on
    // portable devices (a second use needs its fixed device covered).
    let mut flowable = Vec::new();
    let mut choices = Vec::new();
    let mut after: Vec<usize> = Vec::new();
    for (idx, inst) in order.iter().enumerate() {
        match sides(ctx, pools, index, memo, idx, inst) {
            Some(Sides::One(side)) => flowable.push(side),
            Some(Sides::Choice(options, rejected)) => choices.push((options, rejected)),
            None if ctx.device(&inst.device).is_some_and(|d| d.portable) => after.push(idx),
            None => consumers.extend(greedy(ctx, pools, inst)),
        }
    }
    // Installations with a choice of subjects or units: decided cluster by cluster, then a flow
    // like the others.
    let chosen = choice::choose(ctx, pools, &flowable, choices);
    flowable.extend(chosen);
    // Against the pools as the first pass left them: a subject may now be charged.
    let mut by_subject: BTreeMap<Subject, Vec<(i64, Plan<'a>)>> = BTreeMap::new();
    for (subject, units, plan) in flowable {
        if plan.eligible.iter().any(|k| pools[*k].charged.contains_key(&subject)) {
            after.push(plan.idx);
        } else {
            by_subject.entry(subject).or_default().push((units, plan));
        }
    }
    let mut classes: BTreeMap<ClassKey, Vec<SubjectDemand<'a>>> = BTreeMap::new();
    for (subject, plans) in by_subject {
        for group in components(plans) {
            match demand(subject.clone(), group) {
                Ok((key, d)) => classes.entry(key).or_default().push(d),
                Err(plans) => after.extend(plans.into_iter().map(|p| p.idx)),
            }
        }
    }
    let classes: Vec<(ClassKey, Vec<SubjectDemand<'a>>)> = classes.into_iter().collect();
    match solve(pools, &classes, capture) {
        Ok(flows) => {
            for ((key, subjects), flow) in classes.into_iter().zip(flows) {
                hand_out(ctx, memo, pools, &key.0, subjects, flow, consumers);
            }
        }
        Err(why) => {
            findings.push(Finding {
                code: "optimal-allocation-too-large",
                subject: "objective:optimal".into(),
                message: text!("the optimal allocation could not be computed ({why}); the priority order is used"),
            });
            after.extend(classes.into_iter().flat_map(|(_, s)| s).flat_map(|s| s.plans).map(|p| p.idx));
        }
    }
    after.sort_unstable();
    for idx in after {
        if let Some(inst) = order.get(idx) {
            consumers.extend(greedy(ctx, pools, inst));
        }
    }
}

/// Pools and plans (with their units) of a group of one subject's installations.
type Component<'a> = (BTreeSet<usize>, Vec<(i64, Plan<'a>)>);

/// The plans of one subject in groups that share no pool (each group can be charged apart).
fn components(plans: Vec<(i64, Plan<'_>)>) -> Vec<Vec<(i64, Plan<'_>)>> {
    let mut groups: Vec<Component<'_>> = Vec::new();
    for (units, plan) in plans {
        let mut set: BTreeSet<usize> = plan.eligible.iter().copied().collect();
        let mut members = vec![(units, plan)];
        // Merge every group it shares a pool with.
        let mut i = 0;
        while i < groups.len() {
            if groups[i].0.iter().any(|k| set.contains(k)) {
                let (s, m) = groups.swap_remove(i);
                set.extend(s);
                members.extend(m);
            } else {
                i += 1;
            }
        }
        groups.push((set, members));
    }
    // In the order of their first installation.
    let mut out: Vec<Vec<(i64, Plan<'_>)>> = groups.into_iter().map(|(_, m)| m).collect();
    for g in &mut out {
        g.sort_by_key(|(_, p)| p.idx);
    }
    out.sort_by_key(|g| g.first().map(|(_, p)| p.idx));
    out
}

/// One subject's demand for a group of its installations: the pools that cover them all, in the
/// priority order of the first, and the units (the same for all); `Err` with the plans when no
/// pool covers them all or their units differ.
fn demand<'a>(subject: Subject, group: Vec<(i64, Plan<'a>)>) -> Result<(ClassKey, SubjectDemand<'a>), Vec<Plan<'a>>> {
    let units = group.first().map_or(0, |(u, _)| *u);
    let same_units = group.iter().all(|(u, _)| *u == units);
    let plans: Vec<Plan<'a>> = group.into_iter().map(|(_, p)| p).collect();
    let common: Vec<usize> = plans.first().map_or_else(Vec::new, |first| {
        first.eligible.iter().copied().filter(|k| plans.iter().all(|p| p.eligible.contains(k))).collect()
    });
    if common.is_empty() || !same_units {
        return Err(plans);
    }
    Ok(((common, units), SubjectDemand { subject, units, plans }))
}

/// A planned side: the subject, its units and the plan with the Ents that charge it.
type Side<'a> = (Subject, i64, Plan<'a>);

/// Most ways one installation can be charged that are weighed against each other; beyond it,
/// the installation goes to the priority order.
const MAX_OPTIONS: usize = 8;

/// How an installation can take part: in one way, or in one of several (its Ents charge it
/// under different subjects or in different units), decided by [`choice`].
enum Sides<'a> {
    One(Side<'a>),
    /// The options, and the rejections of the Ents that do not cover the installation.
    Choice(Vec<Side<'a>>, Vec<Rejection>),
}

/// The sides of `inst` (see [`Sides`]): its eligible Ents grouped by the subject they charge
/// and the units, in the priority order of each group's first; `None` when it cannot take part
/// in the flow.
fn sides<'a>(
    ctx: &Ctx<'a>,
    pools: &[Pool<'a>],
    index: &Index,
    memo: &Memo<'a>,
    idx: usize,
    inst: &'a Installation,
) -> Option<Sides<'a>> {
    let found = memo.candidates(inst, || candidates(ctx, pools, index, inst));
    if found.eligible.is_empty()
        || found.eligible.iter().any(|(k, _, s)| s.0 == "pool" || pools[*k].charged.contains_key(s))
    {
        return None;
    }
    let mut eligible: Vec<&(usize, Match, Subject)> = found.eligible.iter().collect();
    // A second use is decided installation by installation.
    if eligible.iter().any(|(k, _, _)| pools[*k].second_use_copies().is_some())
        && ctx.device(&inst.device).is_some_and(|d| d.portable && !d.is_virtual())
    {
        return None;
    }
    eligible.sort_by_cached_key(|(k, m, _)| priority(*k, &pools[*k], m));
    let product = inst.product.product.as_str();
    let tag_id = inst.product.tag_id.as_deref();
    let mut options: Vec<(&Subject, i64, Vec<usize>)> = Vec::new();
    for (k, _, s) in eligible {
        let units = memo.charges.units(ctx, *k, pools[*k].ent, s, product, tag_id);
        if !units.fract().is_zero() {
            return None;
        }
        let units = units.to_i64()?;
        if let Some(option) = options.iter_mut().find(|(os, ou, _)| *os == s && *ou == units) {
            option.2.push(*k);
        } else if options.len() < MAX_OPTIONS {
            options.push((s, units, vec![*k]));
        } else {
            return None;
        }
    }
    // Taken for the consumer this plan becomes (a pass after this one computes them again).
    let rejected = found.rejections(true, || candidates(ctx, pools, index, inst));
    if options.len() == 1 {
        let (subject, units, eligible) = options.pop()?;
        return Some(Sides::One((subject.clone(), units, Plan { idx, inst, eligible, found, rejected })));
    }
    // The rejections go to the option taken (see `choice::choose`).
    let plan = |eligible| Plan { idx, inst, eligible, found: Rc::clone(&found), rejected: Vec::new() };
    Some(Sides::Choice(
        options.into_iter().map(|(subject, units, eligible)| (subject.clone(), units, plan(eligible))).collect(),
        rejected,
    ))
}

/// A per-unit cost scaled to a whole number, and the scale.
fn unit_cost(pool: &Pool<'_>) -> Option<Decimal> {
    pool.ent.costs.iter().find(|c| c.basis == CostBasis::PerUnit).map(|c| c.amount.max(Decimal::ZERO))
}

/// Solves the flow over the classes: per class, the units under each of its pools (in the
/// class's order).
fn solve(
    pools: &[Pool<'_>],
    classes: &[(ClassKey, Vec<SubjectDemand<'_>>)],
    capture: Option<&mut Option<Network>>,
) -> Result<Vec<Vec<i64>>, FlowError> {
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
        match pool.whole_units_left() {
            None => {
                net.add_arc(node, sink, INFINITE, 0);
            }
            Some(own) => {
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
    if let Some(capture) = capture {
        *capture = Some(net.clone());
    }
    let solution = net.solve()?;
    Ok(class_arcs
        .into_iter()
        .map(|arcs| {
            arcs.into_iter().map(|a| a.and_then(|a| solution.flows.get(a.index()).copied()).unwrap_or(0)).collect()
        })
        .collect())
}

/// How `plan`'s installation is charged under pool `k` (empty when `k` does not cover it, which
/// the classes rule out).
fn explanation_under<'a>(
    ctx: &Ctx<'_>,
    memo: &Memo<'a>,
    pools: &[Pool<'_>],
    plan: &Plan<'a>,
    subject: &Subject,
    k: usize,
) -> String {
    let Some(pool) = pools.get(k).filter(|_| plan.eligible.contains(&k)) else { return String::new() };
    // The same charge the plan was made with (kept by the memo).
    let product = plan.inst.product.product.as_str();
    let c = memo.charges.get(ctx, k, pool.ent, subject, product, plan.inst.product.tag_id.as_deref());
    match plan.found.eligible.iter().find(|(j, _, _)| *j == k).and_then(|(_, m, _)| m.note.as_ref()) {
        Some(n) => text!("{} ({n})", c.explanation),
        None => c.explanation,
    }
}

/// Hands a class's units under each pool (`flow`, in the order of `eligible`) to its subjects,
/// charging the pools and pushing a consumer per installation.
fn hand_out<'a>(
    ctx: &Ctx<'a>,
    memo: &Memo<'a>,
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
            let base = explanation_under(ctx, memo, pools, first, &demand.subject, k);
            let explanation = if pieces.len() > 1 {
                let others: Vec<String> =
                    pieces.iter().filter(|(p, _)| *p != pos).map(|(p, x)| text!("{x} under {}", ent_id(*p))).collect();
                text!(
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
        let main_pool = eligible.get(main).copied();
        for (n, plan) in demand.plans.into_iter().enumerate() {
            let explanation =
                main_pool.map_or_else(String::new, |k| explanation_under(ctx, memo, pools, &plan, &demand.subject, k));
            let mut rejected = plan.rejected;
            for k in &plan.eligible {
                if Some(*k) == main_pool {
                    continue;
                }
                let share = pieces.iter().find(|(p, _)| eligible.get(*p) == Some(k)).map(|(_, x)| *x);
                let detail = match share {
                    Some(x) => text!(
                        "the optimal allocation puts {} of the {} of {} under it and the most under {covering}",
                        x,
                        demand.units,
                        demand.subject.0
                    ),
                    None => text!("the optimal allocation puts {} under {covering}", demand.subject.0),
                };
                rejected.push(Rejection {
                    ent_id: pools[*k].ent.ent_id.clone(),
                    reason: Reason::OptimalAllocation,
                    detail,
                });
            }
            rejected.sort_by(|a, b| a.ent_id.cmp(&b.ent_id));
            let explanation =
                if n == 0 { explanation } else { text!("{} is already counted under it", demand.subject.0) };
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
