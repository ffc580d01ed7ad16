//! Installations that can be charged in more than one way, decided cluster by cluster before
//! the flow: a VM's installation licensed through its host as a whole or by the VM itself, a
//! server licensed under one edition's Ents or another's in different units (Standard licences
//! stacked for every two VMs against one Datacenter licence), a user's installations per user
//! or per device.
//!
//! Each such installation (a *member*) has *options*: its eligible Ents grouped by the subject
//! they charge and the units they charge it, in the priority order of each group's first Ent.
//! Two options of the same subject, units and Ents are one *charge*, made once for every member
//! that takes it. Members that share a charge form a *cluster*; an installation with one way
//! only whose charge is also a member's option takes part in its cluster as a charge that is
//! always made.
//!
//! Per cluster, every subset of the charges several members share is tried when there are at
//! most [`EXHAUSTIVE_UP_TO`] of them and the cluster is small enough ([`WORK_PER_CLUSTER`]);
//! else none of them, each alone (within the same bound), those of each set of Ents, all of
//! them, and the charges made as the members take them. The members take a charge of the
//! subset when they have one (at no further cost), else the best of the options that are theirs
//! alone. Each subset is scored against the quantities the Ents have left, in this order: the
//! units beyond them, what those units cost (units × the least per-unit cost of the charge's
//! Ents), what all the charges would cost at that price, the units in all, and then the priority
//! order (the members' options, first member first). The best is kept, and what it takes is
//! deducted before the next cluster. What the Ents have left is, before the first cluster, their
//! quantity after the first pass, less the charges that have no choice.
//!
//! Within a cluster whose subsets are all tried the choice is exact for that score (a larger
//! one gets the best of those tried); across clusters it sees the quantities only as the
//! clusters before it left them, and the flow that follows decides the Ents. The
//! comparison with the priority order in [`crate::reconcile`] catches what this gets wrong.

use super::{Side, unit_cost};
use crate::context::Ctx;
use crate::engine::Pool;
use crate::hash::{HashMap, HashSet};
use crate::metric::Subject;
use crate::position::{Reason, Rejection};
use crate::text::text;
use iso19770_core::decimal::Decimal;

/// Up to this many shared charges in a cluster, every subset of them is tried.
pub(crate) const EXHAUSTIVE_UP_TO: usize = 8;

/// At most this many subsets × members are tried per cluster; beyond it, as beyond
/// [`EXHAUSTIVE_UP_TO`] shared charges.
const WORK_PER_CLUSTER: usize = 1 << 14;

/// A charge as its options spell it: subject, units, Ents in priority order.
type Key<'s> = (&'s Subject, i64, &'s [usize]);

/// A distinct charge of the members' options.
struct Charge<'s> {
    units: i64,
    ents: &'s [usize],
    /// The least per-unit cost of its Ents (0 without one).
    price: Decimal,
    /// Members with it as an option.
    members: u32,
    /// An installation with no choice makes it anyway.
    forced: bool,
}

/// The Ents' quantities left (`None`: unlimited), with what was taken since the last mark.
struct Left {
    quantity: Vec<Option<i64>>,
    undo: Vec<(usize, Option<i64>)>,
}

impl Left {
    /// `units` from `ents` in order; returns the units none of them has left.
    fn take(&mut self, ents: &[usize], units: i64) -> i64 {
        let mut short = units;
        for &k in ents {
            if short <= 0 {
                break;
            }
            let Some(slot) = self.quantity.get_mut(k) else { continue };
            match *slot {
                None => return 0,
                Some(q) => {
                    let t = q.min(short).max(0);
                    self.undo.push((k, *slot));
                    *slot = Some(q - t);
                    short -= t;
                }
            }
        }
        short.max(0)
    }

    /// What [`Left::take`] would return, taking nothing.
    fn short(&self, ents: &[usize], units: i64) -> i64 {
        let mut short = units;
        for &k in ents {
            match self.quantity.get(k) {
                Some(None) => return 0,
                Some(Some(q)) => short -= (*q).max(0),
                None => {}
            }
            if short <= 0 {
                return 0;
            }
        }
        short
    }

    /// Undoes every take since the last call.
    fn rewind(&mut self) {
        while let Some((k, q)) = self.undo.pop() {
            if let Some(slot) = self.quantity.get_mut(k) {
                *slot = q;
            }
        }
    }
}

/// What a subset of charges comes to, smaller better (see the module documentation).
#[derive(Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord)]
struct Score {
    short: i64,
    short_cost: Decimal,
    cost: Decimal,
    units: i64,
}

impl Score {
    fn add(&mut self, c: &Charge<'_>, short: i64) {
        self.short = self.short.saturating_add(short);
        self.short_cost = self.short_cost.saturating_add(Decimal::from(short).saturating_mul(c.price));
        self.cost = self.cost.saturating_add(Decimal::from(c.units).saturating_mul(c.price));
        self.units = self.units.saturating_add(c.units);
    }
}

/// One subset tried: which (the shared charges made), its score and each member's option (in
/// the cluster's order).
struct Outcome {
    chosen: Vec<usize>,
    /// Tried with charges made as members take them (see [`Subsets::evaluate`]).
    open: bool,
    score: Score,
    picks: Vec<usize>,
}

impl Outcome {
    /// The better first: by score, then the members' options in order.
    fn cmp(&self, other: &Outcome) -> std::cmp::Ordering {
        (&self.score, &self.picks).cmp(&(&other.score, &other.picks))
    }
}

/// The members' choices, and per member and option the detail of the rejection of the Ents of
/// an option not taken.
struct Decisions {
    picks: Vec<usize>,
    details: Vec<Vec<String>>,
}

/// Decides each member's option (see the module documentation); `flowable` holds the
/// installations that have one way only, `members` each member's options and the rejections of
/// the Ents that do not cover it. Returns each member's option, with those rejections and the
/// Ents of its other options rejected with the reason.
pub(super) fn choose<'a>(
    ctx: &Ctx<'_>,
    pools: &[Pool<'_>],
    flowable: &[Side<'a>],
    members: Vec<(Vec<Side<'a>>, Vec<Rejection>)>,
) -> Vec<Side<'a>> {
    if members.is_empty() {
        return Vec::new();
    }
    let (members, rejections): (Vec<Vec<Side<'a>>>, Vec<Vec<Rejection>>) = members.into_iter().unzip();
    let Decisions { picks, details } = decide(ctx, pools, flowable, &members);
    let mut out = Vec::with_capacity(members.len());
    for (((options, pick), details), mut rejected) in members.into_iter().zip(picks).zip(details).zip(rejections) {
        for (o, (_, _, plan)) in options.iter().enumerate() {
            if o == pick {
                continue;
            }
            let detail = details.get(o).cloned().unwrap_or_default();
            rejected.extend(plan.eligible.iter().filter_map(|k| {
                pools.get(*k).map(|p| Rejection {
                    ent_id: p.ent.ent_id.clone(),
                    reason: Reason::OptimalAllocation,
                    detail: detail.clone(),
                })
            }));
        }
        if let Some(mut kept) = options.into_iter().nth(pick) {
            kept.2.rejected = rejected;
            out.push(kept);
        }
    }
    out
}

/// The charges of the members' options, what the Ents have left, and each cluster's choice in
/// turn (see the module documentation).
fn decide(ctx: &Ctx<'_>, pools: &[Pool<'_>], flowable: &[Side<'_>], members: &[Vec<Side<'_>>]) -> Decisions {
    let mut ids: HashMap<Key<'_>, usize> = HashMap::default();
    let mut charges: Vec<Charge<'_>> = Vec::new();
    let of: Vec<Vec<usize>> = members
        .iter()
        .map(|options| {
            options
                .iter()
                .map(|(subject, units, plan)| {
                    let id = *ids.entry((subject, *units, &plan.eligible)).or_insert_with(|| {
                        let price = plan
                            .eligible
                            .iter()
                            .filter_map(|k| pools.get(*k).and_then(unit_cost))
                            .min()
                            .unwrap_or(Decimal::ZERO);
                        charges.push(Charge { units: *units, ents: &plan.eligible, price, members: 0, forced: false });
                        charges.len() - 1
                    });
                    if let Some(c) = charges.get_mut(id) {
                        c.members += 1;
                    }
                    id
                })
                .collect()
        })
        .collect();
    // What the Ents have left once the installations with no choice are charged.
    let mut left = Left { quantity: pools.iter().map(Pool::whole_units_left).collect(), undo: Vec::new() };
    let mut seen: HashSet<Key<'_>> = HashSet::default();
    for (subject, units, plan) in flowable {
        let key = (subject, *units, plan.eligible.as_slice());
        match ids.get(&key) {
            Some(&id) => {
                if let Some(c) = charges.get_mut(id) {
                    c.forced = true;
                }
            }
            None => {
                if seen.insert(key) {
                    left.take(&plan.eligible, *units);
                }
            }
        }
    }
    left.undo.clear();
    let mut picks = vec![0; members.len()];
    let mut details = vec![Vec::new(); members.len()];
    for cluster in clusters(&of, charges.len()) {
        let chosen = decide_cluster(&cluster, &of, &charges, &mut left);
        for (i, &m) in cluster.iter().enumerate() {
            let (Some(options), Some(best)) = (members.get(m), chosen.get(i)) else { continue };
            picks[m] = best.0;
            let Some(kept) = options.get(best.0) else { continue };
            // A VM's host, when it has one.
            let device = kept.2.inst.device.as_str();
            let host = ctx.device(device).map(|d| ctx.host_of(d).id.as_str()).filter(|h| *h != device);
            details[m] = options
                .iter()
                .enumerate()
                .map(|(o, rejected)| {
                    if o == best.0 {
                        return String::new();
                    }
                    detail(pools, host, (kept, best.1), (rejected, best.2.get(o).copied().flatten()))
                })
                .collect();
        }
    }
    Decisions { picks, details }
}

/// The members in clusters (members that share a charge, directly or through others), each in
/// the members' order, the clusters in the order of their first member.
fn clusters(of: &[Vec<usize>], charges: usize) -> Vec<Vec<usize>> {
    let mut parent: Vec<usize> = (0..of.len()).collect();
    let mut first: Vec<Option<usize>> = vec![None; charges];
    for (m, ids) in of.iter().enumerate() {
        for &id in ids {
            match first[id] {
                None => first[id] = Some(m),
                Some(f) => {
                    let (a, b) = (root(&mut parent, f), root(&mut parent, m));
                    // The smaller index is the root: a cluster's root is its first member.
                    parent[a.max(b)] = a.min(b);
                }
            }
        }
    }
    let mut at: Vec<Option<usize>> = vec![None; of.len()];
    let mut out: Vec<Vec<usize>> = Vec::new();
    for m in 0..of.len() {
        let r = root(&mut parent, m);
        if let Some(i) = at[r] {
            out[i].push(m);
        } else {
            at[r] = Some(out.len());
            out.push(vec![m]);
        }
    }
    out
}

/// The root of `m` in a union-find forest, halving the path.
fn root(parent: &mut [usize], mut m: usize) -> usize {
    while parent[m] != m {
        parent[m] = parent[parent[m]];
        m = parent[m];
    }
    m
}

/// Per member of `cluster`: the option taken, the cluster's units in all and those short, and
/// per option the best outcome tried that takes it (the same two), if any.
type Chosen = (usize, (i64, i64), Vec<Option<(i64, i64)>>);

/// Tries the subsets of one cluster's shared charges and keeps the best (taking what it takes
/// from `left`).
fn decide_cluster(cluster: &[usize], of: &[Vec<usize>], charges: &[Charge<'_>], left: &mut Left) -> Vec<Chosen> {
    if let &[m] = cluster
        && of[m].iter().all(|&id| !charges[id].forced && charges[id].members == 1)
    {
        return vec![alone(&of[m], charges, left)];
    }
    let mut seen: HashSet<usize> = HashSet::default();
    let mut forced = Vec::new();
    let mut shared = Vec::new();
    for &m in cluster {
        for &id in &of[m] {
            if !seen.insert(id) {
                continue;
            }
            if charges[id].forced {
                forced.push(id);
            } else if charges[id].members > 1 {
                shared.push(id);
            }
        }
    }
    forced.sort_unstable();
    let subsets = Subsets { cluster, of, charges, forced: &forced };
    let to_try = subsets_to_try(&shared, cluster.len(), |id| charges[id].ents);
    // Not every subset: also the charges made as the members take them, which always serves.
    let open = to_try.len() < 1 << shared.len().min(16);
    let mut tried: Vec<Outcome> = Vec::new();
    for chosen in to_try {
        tried.extend(subsets.evaluate(chosen, false, left));
        left.rewind();
    }
    if open {
        tried.extend(subsets.evaluate(Vec::new(), true, left));
        left.rewind();
    }
    let Some(best) = tried.iter().min_by(|a, b| a.cmp(b)) else {
        // Cannot happen (with every shared charge made, each member has one to take); each
        // member takes its first option.
        return cluster.iter().map(|_| (0, (0, 0), Vec::new())).collect();
    };
    // Take for good what the best takes.
    let _ = subsets.evaluate(best.chosen.clone(), best.open, left);
    left.undo.clear();
    cluster
        .iter()
        .enumerate()
        .map(|(i, &m)| {
            let alternatives = (0..of[m].len())
                .map(|o| {
                    tried
                        .iter()
                        .filter(|t| t.picks.get(i) == Some(&o))
                        .min_by(|a, b| a.cmp(b))
                        .map(|t| (t.score.units, t.score.short))
                })
                .collect();
            (best.picks.get(i).copied().unwrap_or(0), (best.score.units, best.score.short), alternatives)
        })
        .collect()
}

/// The subsets of the shared charges `shared` (in order) to try for a cluster of `members`:
/// every one when there are at most [`EXHAUSTIVE_UP_TO`] and the work stays within
/// [`WORK_PER_CLUSTER`]; else none, each alone (within the same bound), those of each set of
/// Ents (`ents` of a charge: every user under the named-user Ent, every host under the
/// Datacenter one …) and all. Each sorted.
fn subsets_to_try<'s>(shared: &[usize], members: usize, ents: impl Fn(usize) -> &'s [usize]) -> Vec<Vec<usize>> {
    let n = shared.len();
    let pick = |mask: u32| -> Vec<usize> {
        let mut s: Vec<usize> =
            shared.iter().enumerate().filter(|(i, _)| mask & (1 << i) != 0).map(|(_, id)| *id).collect();
        s.sort_unstable();
        s
    };
    if n <= EXHAUSTIVE_UP_TO && members.saturating_mul(1 << n) <= WORK_PER_CLUSTER {
        return (0..1u32 << n).map(pick).collect();
    }
    let mut out = vec![Vec::new()];
    if members.saturating_mul(n + 2) <= WORK_PER_CLUSTER {
        out.extend(shared.iter().map(|id| vec![*id]));
    }
    let mut by_ents: Vec<(&[usize], Vec<usize>)> = Vec::new();
    for &id in shared {
        match by_ents.iter_mut().find(|(e, _)| *e == ents(id)) {
            Some((_, ids)) => ids.push(id),
            None => by_ents.push((ents(id), vec![id])),
        }
    }
    if by_ents.len() > 1 {
        for (_, mut ids) in by_ents {
            ids.sort_unstable();
            out.push(ids);
        }
    }
    let mut all = shared.to_vec();
    all.sort_unstable();
    out.push(all);
    out
}

/// The choice of a member whose charges are all its own (the most common cluster): the best
/// of its options by [`Score`], then the first; every option is an outcome of its own.
fn alone(options: &[usize], charges: &[Charge<'_>], left: &mut Left) -> Chosen {
    let scores: Vec<Score> = options
        .iter()
        .map(|&id| {
            let c = &charges[id];
            let mut s = Score::default();
            s.add(c, left.short(c.ents, c.units));
            s
        })
        .collect();
    let best = scores.iter().enumerate().min_by(|(i, a), (j, b)| (a, i).cmp(&(b, j))).map_or(0, |(i, _)| i);
    if let Some(c) = options.get(best).map(|&id| &charges[id]) {
        left.take(c.ents, c.units);
    }
    left.undo.clear();
    let outcome = |s: &Score| (s.units, s.short);
    (best, scores.get(best).map_or((0, 0), outcome), scores.iter().map(|s| Some(outcome(s))).collect())
}

/// A cluster's members and their charges, with those made anyway (sorted).
struct Subsets<'c, 's> {
    cluster: &'c [usize],
    of: &'c [Vec<usize>],
    charges: &'c [Charge<'s>],
    forced: &'c [usize],
}

impl Subsets<'_, '_> {
    /// The outcome of making the forced charges and the shared ones `chosen` (sorted), each
    /// member of the cluster taking one of them or the best of its own; `None` when a member has
    /// neither, or a charge of `chosen` serves no member (the subset without it does better).
    /// With `open`, a member may also take a shared charge not made yet, which is then made
    /// (at its cost) for the members after it. Takes from `left` what it charges.
    fn evaluate(&self, chosen: Vec<usize>, open: bool, left: &mut Left) -> Option<Outcome> {
        let mut opened: HashSet<usize> = HashSet::default();
        let made = |id: usize, opened: &HashSet<usize>| {
            self.forced.binary_search(&id).is_ok() || chosen.binary_search(&id).is_ok() || opened.contains(&id)
        };
        let mut score = Score::default();
        for &id in self.forced.iter().chain(&chosen) {
            let c = &self.charges[id];
            let short = left.take(c.ents, c.units);
            score.add(c, short);
        }
        let mut used = vec![false; chosen.len()];
        let mut picks = Vec::with_capacity(self.cluster.len());
        for &m in self.cluster {
            let mut best: Option<(Score, usize, usize)> = None;
            for (o, &id) in self.of[m].iter().enumerate() {
                let c = &self.charges[id];
                let increment = if made(id, &opened) {
                    Score::default()
                } else if open || (!c.forced && c.members == 1) {
                    let mut s = Score::default();
                    s.add(c, left.short(c.ents, c.units));
                    s
                } else {
                    continue;
                };
                if best.as_ref().is_none_or(|(b, _, _)| increment < *b) {
                    best = Some((increment, o, id));
                }
            }
            let (_, o, id) = best?;
            if let Ok(at) = chosen.binary_search(&id) {
                used[at] = true;
            } else if !made(id, &opened) {
                let c = &self.charges[id];
                let short = left.take(c.ents, c.units);
                score.add(c, short);
                if c.members > 1 {
                    opened.insert(id);
                }
            }
            picks.push(o);
        }
        if used.contains(&false) {
            return None;
        }
        Some(Outcome { chosen, open, score, picks })
    }
}

/// Why the Ents of option `rejected` were not taken, `kept` being taken (`host`: the VM's host,
/// when the installation is on one): the two ways with the
/// units of the cluster in all (the best outcome tried that takes `rejected`, else its own
/// units, and the units beyond the quantities left when there are some).
fn detail(
    pools: &[Pool<'_>],
    host: Option<&str>,
    kept: (&Side<'_>, (i64, i64)),
    rejected: (&Side<'_>, Option<(i64, i64)>),
) -> String {
    let ((ks, _, kplan), (kept_units, kept_short)) = kept;
    let ((rs, r_units, rplan), alternative) = rejected;
    let (other_units, other_short) = alternative.unwrap_or((*r_units, 0));
    let amount = |units: i64, short: i64| {
        if short > 0 { text!("{}, {short} beyond the quantities left", self::units(units)) } else { self::units(units) }
    };
    let (kept_units, other_units) = (amount(kept_units, kept_short), amount(other_units, other_short));
    let inst = kplan.inst;
    let own = text!("device:{}", inst.device);
    let is_host = |s: &Subject| host.is_some_and(|h| s.0.strip_prefix("device:") == Some(h));
    let ents = |eligible: &[usize]| -> String {
        let ids: Vec<&str> = eligible.iter().filter_map(|k| pools.get(*k).map(|p| p.ent.ent_id.as_str())).collect();
        ids.join(", ")
    };
    if is_host(ks) && rs.0 == own {
        text!(
            "the optimal allocation licenses {} as a whole ({}) rather than each virtual machine ({})",
            ks.0,
            kept_units,
            other_units
        )
    } else if ks.0 == own && is_host(rs) {
        text!(
            "the optimal allocation licenses each virtual machine ({}) rather than {} as a whole ({})",
            kept_units,
            rs.0,
            other_units
        )
    } else if ks == rs {
        text!(
            "the optimal allocation charges {} under {} ({}) rather than under {} ({})",
            ks.0,
            ents(&kplan.eligible),
            kept_units,
            ents(&rplan.eligible),
            other_units
        )
    } else {
        text!("the optimal allocation charges {} ({}) rather than {} ({})", ks.0, kept_units, rs.0, other_units)
    }
}

/// `n` units, in words.
fn units(n: i64) -> String {
    if n == 1 { "1 unit".to_owned() } else { text!("{n} units") }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn charge(units: i64, ents: &[usize], price: i64, members: u32) -> Charge<'_> {
        Charge { units, ents, price: Decimal::from(price), members, forced: false }
    }

    #[test]
    fn left_takes_in_order_counts_the_rest_short_and_rewinds() {
        let mut left = Left { quantity: vec![Some(5), None, Some(3)], undo: Vec::new() };
        assert_eq!(left.short(&[0, 2], 10), 2);
        assert_eq!(left.quantity, vec![Some(5), None, Some(3)], "short takes nothing");
        assert_eq!(left.take(&[0, 2], 10), 2);
        assert_eq!(left.quantity, vec![Some(0), None, Some(0)]);
        // Unlimited covers whatever reaches it.
        assert_eq!(left.take(&[0, 1], 7), 0);
        assert_eq!(left.short(&[2, 1], 7), 0);
        left.rewind();
        assert_eq!(left.quantity, vec![Some(5), None, Some(3)]);
    }

    #[test]
    fn clusters_join_members_through_shared_charges_in_order() {
        // Members 0 and 2 share charge 1, 2 and 3 share charge 4; member 1 is alone.
        let of = vec![vec![0, 1], vec![2], vec![1, 3, 4], vec![4, 5]];
        assert_eq!(clusters(&of, 6), vec![vec![0, 2, 3], vec![1]]);
        assert_eq!(clusters(&[], 0), Vec::<Vec<usize>>::new());
    }

    #[test]
    fn score_ranks_units_short_first_then_their_cost_then_the_cost_then_units() {
        let (a, b) = (charge(16, &[0], 600, 1), charge(48, &[1], 100, 1));
        let mut dc = Score::default();
        dc.add(&a, 16);
        let mut std = Score::default();
        std.add(&b, 0);
        assert_eq!((dc.short, dc.short_cost, dc.cost, dc.units), (16, Decimal::from(9600), Decimal::from(9600), 16));
        assert!(std < dc, "nothing short wins over any cost");
        let mut cheap = Score::default();
        cheap.add(&b, 0);
        let mut dear = Score::default();
        dear.add(&charge(16, &[0], 600, 1), 0);
        assert!(cheap < dear, "4800 before 9600");
    }

    #[test]
    fn a_cluster_takes_the_shared_charge_that_leaves_nothing_short() {
        // Three members; each can take the shared charge 0 (Ent 0, 1 unit) or its own (Ent 1,
        // 1 unit each). Ent 0 has 1 left, Ent 1 has 2.
        let ents0 = [0usize];
        let ents1 = [1usize];
        let charges =
            vec![charge(1, &ents0, 0, 3), charge(1, &ents1, 0, 1), charge(1, &ents1, 0, 1), charge(1, &ents1, 0, 1)];
        let of = vec![vec![1, 0], vec![2, 0], vec![3, 0]];
        let mut left = Left { quantity: vec![Some(1), Some(2)], undo: Vec::new() };
        let chosen = decide_cluster(&[0, 1, 2], &of, &charges, &mut left);
        // Without the shared charge, three own charges against 2: 1 short; with it, 1 unit.
        assert_eq!(chosen.iter().map(|c| c.0).collect::<Vec<_>>(), vec![1, 1, 1]);
        assert_eq!(chosen[0].1, (1, 0));
        assert_eq!(chosen[0].2, vec![Some((3, 1)), Some((1, 0))]);
        assert_eq!(left.quantity, vec![Some(0), Some(2)], "the best is taken for good");
        assert!(left.undo.is_empty());
    }

    #[test]
    fn a_shared_charge_no_member_takes_is_not_made() {
        let ents0 = [0usize];
        let charges = vec![charge(1, &ents0, 0, 2), charge(5, &ents0, 0, 2)];
        // Both members have both charges: with both made, each takes the first (free), the
        // second serves nobody.
        let subsets = Subsets { cluster: &[0, 1], of: &[vec![0, 1], vec![0, 1]], charges: &charges, forced: &[] };
        let mut left = Left { quantity: vec![None], undo: Vec::new() };
        assert!(subsets.evaluate(vec![0, 1], false, &mut left).is_none());
        assert!(subsets.evaluate(Vec::new(), false, &mut left).is_none(), "a member with no charge to take");
        let one = subsets.evaluate(vec![0], false, &mut left).map(|o| (o.score.units, o.picks));
        assert_eq!(one, Some((1, vec![0, 0])));
    }

    #[test]
    fn every_subset_of_a_few_shared_charges_is_tried_and_a_bounded_number_of_many() {
        let no_ents = |_| -> &'static [usize] { &[] };
        // Charge 0 under Ent 0 (a user's, say), the others under Ent 1 (devices).
        let two_sets = |id: usize| -> &'static [usize] { if id == 0 { &[0] } else { &[1] } };
        assert_eq!(subsets_to_try(&[7, 3], 4, no_ents), vec![vec![], vec![7], vec![3], vec![3, 7]]);
        assert_eq!(subsets_to_try(&[], 4, no_ents), vec![Vec::<usize>::new()]);
        // Nine shared charges: none, each alone, all.
        let nine: Vec<usize> = (0..9).collect();
        let tried = subsets_to_try(&nine, 10, no_ents);
        assert_eq!(tried.len(), 11);
        assert_eq!((tried[0].len(), tried[1].clone(), tried[10].len()), (0, vec![0], 9));
        // Thousands of members sharing thousands of charges: none, those of each set of Ents,
        // all.
        let many: Vec<usize> = (0..5_000).collect();
        let tried = subsets_to_try(&many, 10_000, two_sets);
        assert_eq!(tried.iter().map(Vec::len).collect::<Vec<_>>(), vec![0, 1, 4_999, 5_000]);
        assert_eq!(tried[1], vec![0]);
        // Few charges but a large cluster: the bound on the work applies too.
        assert_eq!(subsets_to_try(&[1, 2, 3], 2_000, no_ents).len(), 8);
        assert_eq!(subsets_to_try(&[1, 2, 3], 3_000, no_ents).len(), 5);
        assert_eq!(subsets_to_try(&[1, 2, 3], 4_000, no_ents).len(), 2);
    }

    #[test]
    fn a_member_alone_takes_its_best_option_and_reports_each() {
        // Option 0: 16 units of Ent 0, 4 left (12 short); option 1: 1 unit of Ent 1, 1 left.
        let (e0, e1) = ([0usize], [1usize]);
        let charges = vec![charge(16, &e0, 0, 1), charge(1, &e1, 0, 1)];
        let mut left = Left { quantity: vec![Some(4), Some(1)], undo: Vec::new() };
        let chosen = decide_cluster(&[0], &[vec![0, 1]], &charges, &mut left);
        assert_eq!(chosen, vec![(1, (1, 0), vec![Some((16, 12)), Some((1, 0))])]);
        assert_eq!(left.quantity, vec![Some(4), Some(0)]);
        // A tie goes to the first option.
        let mut left = Left { quantity: vec![None, None], undo: Vec::new() };
        let same = vec![charge(1, &e0, 0, 1), charge(1, &e1, 0, 1)];
        assert_eq!(decide_cluster(&[0], &[vec![0, 1]], &same, &mut left)[0].0, 0);
    }

    #[test]
    fn units_in_words() {
        assert_eq!(units(1), "1 unit");
        assert_eq!(units(16), "16 units");
    }
}
