//! The allocation: each installation, in a fixed order, to the first eligible entitlement in the
//! priority order that can take it, and the position assembled from the charges.
//!
//! # Order of the installations
//!
//! Pinned installations first, then those on devices that are not portable, then portable ones
//! (so that a second-use right finds the primary device already covered); within each, by id.
//! The input's order never matters.
//!
//! # Priority of the entitlements for one installation
//!
//! 1. the entitlement it is pinned to (of several pins for one installation, the one to the
//!    first existing entitlement by `entId`; the conflict is a finding);
//! 2. an entitlement that already charged its subject (the device, server, user or pool): the
//!    installation costs nothing more there;
//! 3. then, by these keys in turn: the most specific naming of the product (tag id; name,
//!    edition and version; name and edition or version; name; suite), the licensed version and
//!    edition before a downgrade or upgrade right, the earlier expiry first (open-ended last),
//!    limited quantities before unlimited ones, and the `entId`.
//!
//! The first entitlement in that order whose remaining quantity covers the units the subject
//! needs takes it. When none can, the first eligible one takes it anyway and the excess is its
//! shortfall. With no eligible entitlement the installation is unlicensed.
//!
//! # Client access licences
//!
//! An Ent with the `clientAccess` metric covers no installation: it is charged, when active, for
//! the access records of each product it names (distinct users or devices), on top of whatever
//! licenses the server software.
//!
//! # Second use
//!
//! An installation on a portable device costs nothing under an entitlement with a second-use
//! right when the device's primary user has a device that is not portable, with an installation
//! of the same product covered by the same entitlement, and the right's copies (1 when not
//! given) are not all used by that user's other portable devices. A subject the entitlement
//! has already charged (the user, under a named-user metric) needs no second use.
//!
//! # Remaining quantity
//!
//! What remains of an entitlement is its quantity less what it has consumed, never below 0;
//! sums saturate at the largest decimal rather than overflow.

use crate::context::Ctx;
use crate::eligibility::{self, Match, expiry, status};
use crate::hash::HashMap;
use crate::input::{Catalog, Input, Installation, Objective};
use crate::memo::Memo;
use crate::metric::{self, Charge, Subject};
use crate::optimal;
use crate::position::{Allocation, Consumer, EntitlementPosition, Finding, Position, Reason, Rejection, Status};
use crate::products::{ProductCounts, product_positions};
use crate::text::text;
use iso19770_core::decimal::Decimal;
use iso19770_ent::{CostBasis, Ent, Quantity, Rel, Right};
use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};

/// The running state of one entitlement.
pub(crate) struct Pool<'a> {
    pub(crate) ent: &'a Ent,
    /// `None` for unlimited.
    pub(crate) quantity: Option<Decimal>,
    pub(crate) consumed: Decimal,
    /// Its status as of the date.
    status: Status,
    /// Its expiry as a sort key: (0, seconds, nanoseconds), or (1, 0, 0) when open-ended.
    expiry: (u8, i64, u32),
    /// Subjects charged, with the index of their allocation.
    pub(crate) charged: HashMap<Subject, usize>,
    /// Second uses granted, per user.
    second_uses: BTreeMap<String, u32>,
    /// With a second-use right: per (user, product), the first installation of the product on
    /// a fixed device of the user listed in the allocations (allocation, place in it) and the
    /// device.
    fixed: BTreeMap<(String, String), ((usize, usize), String)>,
    pub(crate) allocations: Vec<Allocation>,
}

impl Pool<'_> {
    /// What remains, never below 0; `None` for unlimited.
    pub(crate) fn remaining(&self) -> Option<Decimal> {
        self.quantity.map(|q| q.saturating_sub(self.consumed).max(Decimal::ZERO))
    }

    /// The whole units that remain (rounded down, at most `i64::MAX`); `None` for unlimited.
    /// The optimal allocation's flow and its choices count capacity in these.
    pub(crate) fn whole_units_left(&self) -> Option<i64> {
        self.remaining().map(|r| rust_decimal::prelude::ToPrimitive::to_i64(&r.floor()).unwrap_or(i64::MAX))
    }

    /// Notes `inst`, just listed at `at` (allocation, place in it), when it is on a fixed device
    /// of a user and the Ent has a second-use right: a second use looks for it.
    pub(crate) fn note_fixed(&mut self, ctx: &Ctx<'_>, inst: &Installation, at: (usize, usize)) {
        if self.second_use_copies().is_none() {
            return;
        }
        let Some(d) = ctx.device(&inst.device) else { return };
        let Some(user) = d.primary_user.as_deref().filter(|_| !d.portable) else { return };
        let key = (user.to_owned(), inst.product.product.clone());
        if self.fixed.get(&key).is_none_or(|(first, _)| at < *first) {
            self.fixed.insert(key, (at, d.id.clone()));
        }
    }

    /// The copies of its second-use right (1 when not given); `None` without one.
    pub(crate) fn second_use_copies(&self) -> Option<u32> {
        self.ent.rights.iter().find_map(|r| match r {
            Right::SecondUse { copies } => Some(copies.unwrap_or(1)),
            _ => None,
        })
    }
}

/// The pools that may cover an installation, by what their products name: an Ent that names
/// neither the installation's product (directly or as a suite with it as a part) nor its tag id
/// (in a product or an `entitles` link) can neither cover it nor is worth a rejection, so only
/// these are looked at: the work per installation follows the Ents of its product, not all.
pub(crate) struct Index {
    by_name: HashMap<String, Vec<usize>>,
    by_tag: HashMap<String, Vec<usize>>,
}

/// The products of each suite of a catalog (its primary product and parts; of duplicate
/// entries, all of them).
pub(crate) fn suite_members(catalog: &Catalog) -> HashMap<&str, Vec<&str>> {
    let mut suites: HashMap<&str, Vec<&str>> = HashMap::default();
    for s in &catalog.suites {
        let members = suites.entry(s.suite.as_str()).or_default();
        members.push(s.primary.as_str());
        members.extend(s.parts.iter().map(String::as_str));
    }
    suites
}

impl Index {
    pub(crate) fn new(input: &Input, ents: &[&Ent]) -> Self {
        Index::with_suites(&suite_members(&input.catalog), ents)
    }

    /// With the suites' products computed once for the input (see [`suite_members`]).
    pub(crate) fn with_suites(suites: &HashMap<&str, Vec<&str>>, ents: &[&Ent]) -> Self {
        let mut by_name: HashMap<String, Vec<usize>> = HashMap::default();
        let mut by_tag: HashMap<String, Vec<usize>> = HashMap::default();
        for (k, ent) in ents.iter().enumerate() {
            for p in &ent.products {
                if let Some(tag) = &p.tag_id {
                    by_tag.entry(tag.clone()).or_default().push(k);
                } else if let Some(name) = &p.product {
                    by_name.entry(name.clone()).or_default().push(k);
                    for member in suites.get(name.as_str()).into_iter().flatten() {
                        by_name.entry((*member).to_owned()).or_default().push(k);
                    }
                }
            }
            for l in ent.links.iter().filter(|l| l.rel == Rel::Entitles) {
                if let Some(tag) = l.href.strip_prefix("swid:") {
                    by_tag.entry(tag.to_owned()).or_default().push(k);
                }
            }
        }
        // Each list in pool order (pushed so) and each pool once.
        for list in by_name.values_mut().chain(by_tag.values_mut()) {
            list.dedup();
        }
        Index { by_name, by_tag }
    }

    /// The product names and tag ids it knows (what an installation must have to be named).
    pub(crate) fn keys(&self) -> (impl Iterator<Item = &str>, impl Iterator<Item = &str>) {
        (self.by_name.keys().map(String::as_str), self.by_tag.keys().map(String::as_str))
    }

    /// The pools that may cover `inst`, in pool order, each once (borrowed unless both its
    /// name and its tag id name some).
    pub(crate) fn naming(&self, inst: &Installation) -> Cow<'_, [usize]> {
        let by_name = self.by_name.get(&inst.product.product).map_or(&[][..], Vec::as_slice);
        let by_tag = inst.product.tag_id.as_ref().and_then(|t| self.by_tag.get(t)).map_or(&[][..], Vec::as_slice);
        if by_tag.is_empty() {
            return Cow::Borrowed(by_name);
        }
        if by_name.is_empty() {
            return Cow::Borrowed(by_tag);
        }
        let mut out: Vec<usize> = by_name.iter().chain(by_tag).copied().collect();
        out.sort_unstable();
        out.dedup();
        Cow::Owned(out)
    }
}

/// Reconciles the input into the effective license position.
///
/// The installations and Ents fall into independent components (an Ent with the installations
/// it names, and with every other Ent naming one of them), reconciled on as many threads as the
/// machine has and merged in the order of `entId` and installation id. With [`Objective::Optimal`], each
/// component's allocation is compared with the priority order's and the better by the objective
/// is kept (see [`crate::optimal`]): the optimal one unless the priority order's is short of
/// fewer units, or of as many at a lower cost. (The priority order is first scored without being
/// written out, and not at all where the optimal allocation leaves nothing short.)
pub fn reconcile(input: &Input) -> Position {
    run(input, input.objective, None)
}

/// The networks the optimal allocation solves, one per component, merged into one (see
/// [`optimal::flow_network`]).
pub(crate) fn capture_network(input: &Input) -> Option<crate::flow::Network> {
    let mut nets = Vec::new();
    run(input, Objective::Optimal, Some(&mut nets));
    crate::component::merge_networks(nets)
}

/// What one component gives: its Ents and their positions (in the order of `entId`), its
/// consumers and findings.
pub(crate) struct Part<'a> {
    ents: Vec<&'a Ent>,
    entitlements: Vec<EntitlementPosition>,
    consumers: Vec<Consumer>,
    findings: Vec<Finding>,
}

/// A component's result, owning everything: what [`crate::incremental::Reconciler`] keeps.
#[derive(Clone, Debug)]
pub(crate) struct OwnedPart {
    /// The `entId` of its Ents, in order.
    pub(crate) ent_ids: Vec<String>,
    /// The first product name each Ent names (for the product rows).
    pub(crate) names: Vec<Option<String>>,
    pub(crate) entitlements: Vec<EntitlementPosition>,
    /// One per installation of the component.
    pub(crate) consumers: Vec<Consumer>,
    /// The engine's own findings (not those about the input's consistency).
    pub(crate) findings: Vec<Finding>,
}

fn first_name(ent: &Ent) -> Option<String> {
    ent.products.iter().find_map(|p| p.product.clone())
}

/// The pins honoured and the components of `input`: its Ents by `entId`, its installations in
/// the engine's order.
fn split<'a>(input: &'a Input, ctx: &Ctx<'a>) -> (BTreeMap<&'a str, &'a str>, Vec<crate::component::Component<'a>>) {
    let ents = sorted_ents(input);
    let pins = ctx.pins.clone();
    let order = ordered_installations(ctx, &pins);
    let index = Index::new(input, &ents);
    let components = crate::component::split(&ents, &order, &index, &pins);
    (pins, components)
}

/// The components of `input`, each reconciled and owned, and the findings about the input's
/// consistency.
pub(crate) fn run_parts(input: &Input) -> (Vec<OwnedPart>, Vec<Finding>) {
    let ctx = Ctx::new(input);
    let (pins, components) = split(input, &ctx);
    let parts = crate::component::map_parallel(components, |(ents, order)| {
        let part = run_component(&ctx, ents, &order, input.objective, &pins, None);
        OwnedPart {
            ent_ids: part.ents.iter().map(|e| e.ent_id.clone()).collect(),
            names: part.ents.iter().map(|e| first_name(e)).collect(),
            entitlements: part.entitlements,
            consumers: part.consumers,
            findings: part.findings,
        }
    });
    (parts, ctx.findings)
}

/// The position of reconciled components and the input's findings.
pub(crate) fn assemble<'p>(
    as_of: &str,
    parts: impl IntoIterator<Item = &'p OwnedPart>,
    mut findings: Vec<Finding>,
) -> Position {
    let mut rows: Vec<(Option<String>, EntitlementPosition)> = Vec::new();
    let mut consumers = Vec::new();
    let mut counts = ProductCounts::default();
    for part in parts {
        rows.extend(part.names.iter().cloned().zip(part.entitlements.iter().cloned()));
        consumers.extend(part.consumers.iter().cloned());
        findings.extend(part.findings.iter().cloned());
        counts.add(ProductCounts::count(&part.consumers, &part.entitlements));
    }
    consumers.sort_by(|a, b| a.installation.cmp(&b.installation));
    finish(as_of, rows, consumers, &counts, findings)
}

/// The position from the rows of the Ents (their first product name and position), the
/// consumers (in the order of their installation's id) and the findings, the rows and findings
/// put in order.
fn finish(
    as_of: &str,
    mut rows: Vec<(Option<String>, EntitlementPosition)>,
    consumers: Vec<Consumer>,
    counts: &ProductCounts,
    mut findings: Vec<Finding>,
) -> Position {
    rows.sort_by(|a, b| a.1.ent_id.cmp(&b.1.ent_id));
    let (names, entitlements): (Vec<Option<String>>, Vec<EntitlementPosition>) = rows.into_iter().unzip();
    let unlicensed = consumers.iter().filter(|c| c.covered_by.is_none()).map(|c| c.installation.clone()).collect();
    let products = product_positions(&names, counts, &entitlements);
    findings.sort_by(|a, b| (a.code, &a.subject, &a.message).cmp(&(b.code, &b.subject, &b.message)));
    findings.dedup();
    Position { as_of: as_of.to_owned(), entitlements, products, consumers, unlicensed, findings }
}

fn run(input: &Input, objective: Objective, capture: Option<&mut Vec<crate::flow::Network>>) -> Position {
    let mut ctx = Ctx::new(input);
    let (pins, components) = split(input, &ctx);
    // Each component with its consumers counted by product (on the component's thread).
    let parts: Vec<(Part<'_>, ProductCounts)> = match capture {
        // The networks in the order of the components: one thread.
        Some(nets) => components
            .into_iter()
            .map(|(ents, order)| {
                let mut net = None;
                let part = run_component(&ctx, ents, &order, objective, &pins, Some(&mut net));
                nets.extend(net);
                with_counts(part)
            })
            .collect(),
        None => crate::component::map_parallel(components, |(ents, order)| {
            with_counts(run_component(&ctx, ents, &order, objective, &pins, None))
        }),
    };
    // The indexes are not needed any more: their memory goes before the position is put together.
    let rank = installation_ranks(&ctx);
    let mut findings = std::mem::take(&mut ctx.findings);
    drop(ctx);
    let mut rows: Vec<(Option<String>, EntitlementPosition)> = Vec::new();
    let mut consumers = Vec::with_capacity(parts.iter().map(|(p, _)| p.consumers.len()).sum());
    let mut counts = ProductCounts::default();
    for (part, c) in parts {
        rows.extend(part.ents.iter().map(|e| first_name(e)).zip(part.entitlements));
        consumers.extend(part.consumers);
        findings.extend(part.findings);
        counts.add(c);
    }
    order_consumers(&rank, &mut consumers);
    drop(rank);
    finish(input.as_of.as_str(), rows, consumers, &counts, findings)
}

/// A component's result with its consumers counted by product.
fn with_counts(part: Part<'_>) -> (Part<'_>, ProductCounts) {
    let counts = ProductCounts::count(&part.consumers, &part.entitlements);
    (part, counts)
}

/// Each installation's rank in the order of the ids (unique in `ctx`).
fn installation_ranks<'a>(ctx: &Ctx<'a>) -> HashMap<&'a str, u32> {
    ctx.installations.iter().zip(0_u32..).map(|(i, r)| (i.id.as_str(), r)).collect()
}

/// Puts the consumers in the order of their installation's id. Each consumer's installation has
/// a rank in `rank` (the installations' ids are unique and ranked in order), which is its place:
/// linear in the number of consumers and in place, where sorting a million of them compared ids
/// some twenty million times and needed a scratch half their size. Should an installation be
/// missing or listed twice, they are sorted instead.
fn order_consumers(rank: &HashMap<&str, u32>, consumers: &mut [Consumer]) {
    // `at[r]`: the consumer of the installation of rank `r`.
    let mut at = vec![u32::MAX; rank.len()];
    let mut placed = 0;
    for (i, c) in (0_u32..).zip(consumers.iter()) {
        if let Some(&r) = rank.get(c.installation.as_str())
            && let Some(slot) = at.get_mut(r as usize)
            && *slot == u32::MAX
        {
            *slot = i;
            placed += 1;
        }
    }
    if placed != consumers.len() {
        consumers.sort_by(|a, b| a.installation.cmp(&b.installation));
        return;
    }
    // `dest[i]`: where consumer `i` goes; then each cycle of the permutation swapped in turn.
    let mut dest = vec![0_u32; consumers.len()];
    for (place, i) in (0_u32..).zip(at.into_iter().filter(|&i| i != u32::MAX)) {
        dest[i as usize] = place;
    }
    for i in 0..consumers.len() {
        while dest[i] as usize != i {
            let d = dest[i] as usize;
            consumers.swap(i, d);
            dest.swap(i, d);
        }
    }
}

/// Reconciles one component: with [`Objective::Optimal`], both ways, keeping the better (the
/// priority order scored first, written out only when kept).
fn run_component<'a>(
    ctx: &Ctx<'a>,
    ents: Vec<&'a Ent>,
    order: &[&'a Installation],
    objective: Objective,
    pins: &BTreeMap<&str, &str>,
    capture: Option<&mut Option<crate::flow::Network>>,
) -> Part<'a> {
    if objective != Objective::Optimal {
        return allocate_component(ctx, ents, order, Pass::Priority, pins, &Memo::new(false), None);
    }
    // The priority order is first computed for its score alone, from the candidates and charges
    // the optimal allocation computed: in full only when it is kept.
    let memo = Memo::new(true);
    let optimal = allocate_component(ctx, ents.clone(), order, Pass::Optimal, pins, &memo, capture);
    let o = optimal::score(&optimal.entitlements);
    // Nothing short: no allocation can do better.
    if o.0.is_zero() && o.1.is_zero() {
        return optimal;
    }
    let scored = allocate_component(ctx, ents.clone(), order, Pass::PriorityScore, pins, &memo, None);
    let p = optimal::score(&scored.entitlements);
    if p >= o {
        return optimal;
    }
    drop(optimal);
    let mut kept = allocate_component(ctx, ents, order, Pass::Priority, pins, &memo, None);
    let first = kept.ents.first().map_or_else(String::new, |e| e.ent_id.clone());
    kept.findings.push(Finding {
        code: "optimal-kept-priority",
        subject: text!("ent:{first}"),
        message: text!(
            "for the {} Ent(s) that cover installations together with {first}, the priority order's allocation is kept: {} unit(s) short at a cost of {}, where the flow's, which charges each subject once under an entitlement that covers all its installations, is {} short at {}",
            kept.ents.len(),
            p.0.normalize(),
            p.1.normalize(),
            o.0.normalize(),
            o.1.normalize()
        ),
    });
    kept
}

/// How a component is allocated.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Pass {
    /// By the optimal allocation ([`Objective::Optimal`]).
    Optimal,
    /// By the priority order, with every consumer and allocation explained.
    Priority,
    /// By the priority order, for the Ents' consumption and shortfall alone: no consumer, no
    /// rejection and no explanation is written (the allocations are listed without their
    /// installations), and every decision is the same as [`Pass::Priority`]'s.
    PriorityScore,
}

/// Allocates one component's installations (in the order given) to its Ents (in the order of
/// their `entId`).
fn allocate_component<'a>(
    ctx: &Ctx<'a>,
    ents: Vec<&'a Ent>,
    order: &[&'a Installation],
    pass: Pass,
    pins: &BTreeMap<&str, &str>,
    memo: &Memo<'a>,
    capture: Option<&mut Option<crate::flow::Network>>,
) -> Part<'a> {
    let mut pools: Vec<Pool<'_>> = ents
        .iter()
        .map(|ent| Pool {
            ent,
            quantity: match &ent.quantity {
                Some(Quantity::Unlimited) => None,
                Some(Quantity::Exact(q)) => Some((*q).max(Decimal::ZERO)),
                None => Some(Decimal::ZERO),
            },
            status: status(ent, ctx.as_of),
            expiry: expiry(ent).map_or((1, 0, 0), |e| (0, e.seconds(), e.nanos())),
            consumed: Decimal::ZERO,
            charged: HashMap::default(),
            second_uses: BTreeMap::new(),
            fixed: BTreeMap::new(),
            allocations: Vec::new(),
        })
        .collect();
    let index = Index::with_suites(ctx.suite_members(), &ents);
    let mut consumers = Vec::with_capacity(order.len());
    let mut findings = Vec::new();
    match pass {
        Pass::Optimal => {
            // Pinned installations come first in the order: honoured before anything else.
            let split = order.iter().position(|i| !pins.contains_key(i.id.as_str())).unwrap_or(order.len());
            let (pinned, rest) = order.split_at(split);
            for inst in pinned {
                consumers.extend(allocate(ctx, &mut pools, &index, memo, pins, inst, true));
            }
            optimal::allocate(
                ctx,
                &mut pools,
                &index,
                rest,
                &mut consumers,
                &mut findings,
                memo,
                capture,
                |ctx, pools, inst| allocate(ctx, pools, &index, memo, pins, inst, true),
            );
        }
        Pass::Priority | Pass::PriorityScore => {
            let record = pass == Pass::Priority;
            for inst in order {
                consumers.extend(allocate(ctx, &mut pools, &index, memo, pins, inst, record));
            }
        }
    }
    charge_client_access(ctx, &mut pools);
    for c in &mut consumers {
        c.rejected.shrink_to_fit();
    }
    for a in pools.iter_mut().flat_map(|p| p.allocations.iter_mut()) {
        a.installations.shrink_to_fit();
    }
    let entitlements = pools.into_iter().map(entitlement_position).collect();
    Part { ents, entitlements, consumers, findings }
}

/// True for a client access licence (CAL).
fn is_client_access(ent: &Ent) -> bool {
    matches!(ent.metric, Some(iso19770_ent::Metric::ClientAccess { .. }))
}

/// Charges every active client access licence for the access records of each product it names
/// (distinct users or devices), whether or not the server software is installed or licensed: a
/// CAL is needed on top of the server licence, never instead of it.
fn charge_client_access(ctx: &Ctx<'_>, pools: &mut [Pool<'_>]) {
    for pool in pools.iter_mut().filter(|p| is_client_access(p.ent)) {
        if pool.status != Status::Active {
            continue;
        }
        let products: BTreeSet<&str> = pool.ent.products.iter().filter_map(|p| p.product.as_deref()).collect();
        for product in products {
            let subject = Subject(text!("accesses:{product}"));
            let charge = metric::charge(ctx, pool.ent, &subject, product, None);
            pool.consumed = pool.consumed.saturating_add(charge.units);
            pool.allocations.push(Allocation {
                subject: subject.0,
                installations: Vec::new(),
                units: charge.units,
                explanation: charge.explanation,
                pinned: false,
            });
        }
    }
}

/// The Ents by id; of duplicate ids the least by their content written out (`Debug`), so that
/// the order of the input does not matter.
pub(crate) fn sorted_ents(input: &Input) -> Vec<&Ent> {
    let mut by_id: BTreeMap<&str, &Ent> = BTreeMap::new();
    for e in &input.entitlements {
        match by_id.get_mut(e.ent_id.as_str()) {
            Some(other) => {
                if text!("{e:?}") < text!("{other:?}") {
                    *other = e;
                }
            }
            None => {
                by_id.insert(e.ent_id.as_str(), e);
            }
        }
    }
    by_id.into_values().collect()
}

fn ordered_installations<'a>(ctx: &Ctx<'a>, pins: &BTreeMap<&str, &str>) -> Vec<&'a Installation> {
    // Already in id order: each group keeps it.
    let mut groups: [Vec<&Installation>; 4] = Default::default();
    for i in ctx.installations.iter().copied() {
        let pinned = pins.contains_key(i.id.as_str());
        let portable = ctx.device(&i.device).is_some_and(|d| d.portable);
        groups[usize::from(!pinned) * 2 + usize::from(portable)].push(i);
    }
    groups.concat()
}

/// The sort key of the eligible entitlement of pool `k` (smaller first); the pools are in the
/// order of their `entId`, so the index stands for it.
pub(crate) fn priority(k: usize, pool: &Pool<'_>, m: &Match) -> impl Ord + use<> {
    (m.specificity, m.via_right, pool.expiry, pool.quantity.is_none(), k)
}

/// The entitlements that cover `inst` (by pool index, with how and the subject charged), and
/// the rejections of those that name its product but do not cover it.
pub(crate) fn candidates(
    ctx: &Ctx<'_>,
    pools: &[Pool<'_>],
    index: &Index,
    inst: &Installation,
) -> (Vec<(usize, Match, Subject)>, Vec<Rejection>) {
    let naming = index.naming(inst);
    // Every other Ent naming it ends up rejected, one way or another: room for them all.
    let mut rejected = Vec::with_capacity(naming.len());
    let mut eligible: Vec<(usize, Match, Subject)> = Vec::new();
    for &k in naming.iter() {
        let Some(pool) = pools.get(k) else { continue };
        // Client access licences do not cover installations: they are counted from the access
        // records, on top of the licence of the server software (see `charge_client_access`).
        if is_client_access(pool.ent) {
            continue;
        }
        match eligibility::covers(ctx, pool.ent, pool.status, inst) {
            Ok(m) => {
                let s = metric::subject(ctx, pool.ent, inst, m.suite_primary.as_deref());
                eligible.push((k, m, s));
            }
            Err((reason, detail)) => {
                // Only Ents for this product (or a suite of it) are worth naming.
                if names_product(ctx, pool.ent, inst) {
                    rejected.push(Rejection { ent_id: pool.ent.ent_id.clone(), reason, detail });
                }
            }
        }
    }
    (eligible, rejected)
}

/// Allocates `inst` by the priority order; its consumer when `record` (else nothing is written:
/// see [`Pass::PriorityScore`]).
#[allow(clippy::too_many_arguments)] // the engine's state for one component, threaded through
fn allocate<'a>(
    ctx: &Ctx<'a>,
    pools: &mut [Pool<'a>],
    index: &Index,
    memo: &Memo<'a>,
    pins: &BTreeMap<&str, &str>,
    inst: &'a Installation,
    record: bool,
) -> Option<Consumer> {
    let found = memo.candidates(inst, || candidates(ctx, pools, index, inst));
    let mut rejected = found.rejections(record, || candidates(ctx, pools, index, inst));
    let mut eligible: Vec<&(usize, Match, Subject)> = found.eligible.iter().collect();
    let pinned = pins.get(inst.id.as_str()).copied();
    eligible.sort_by_cached_key(|(k, m, s)| {
        let pool = &pools[*k];
        (Some(pool.ent.ent_id.as_str()) != pinned, !pool.charged.contains_key(s), priority(*k, pool, m))
    });
    if record
        && let Some(p) = pinned
        && !eligible.iter().any(|(k, _, _)| pools[*k].ent.ent_id == p)
        && pools.iter().any(|pool| pool.ent.ent_id == p)
    {
        rejected.push(Rejection {
            ent_id: p.to_owned(),
            reason: Reason::NotEligible,
            detail: "pinned, but it does not cover this installation".into(),
        });
    }
    let product = inst.product.product.as_str();
    let tag_id = inst.product.tag_id.as_deref();

    // Second use: free on a portable device when the user's fixed device is covered by it, and
    // the right has a copy left for the user.
    // A portable physical device: virtual machines are neither primary nor second-use devices.
    // (Looked up only for an Ent with a second-use right.)
    let portable_device = std::cell::OnceCell::new();
    let portable =
        || *portable_device.get_or_init(|| ctx.device(&inst.device).filter(|d| d.portable && !d.is_virtual()));
    let second_use = |k: usize| -> Option<String> {
        let pool = &pools[k];
        let copies = pool.second_use_copies()?;
        let d = portable()?;
        let user = d.primary_user.as_deref()?;
        if pool.second_uses.get(user).is_some_and(|used| *used >= copies) {
            return None;
        }
        let (_, fixed) = pool.fixed.get(&(user.to_owned(), product.to_owned()))?;
        Some(if record {
            text!("second use on {}, a portable device of {user}, whose {fixed} is covered", d.id)
        } else {
            String::new()
        })
    };
    // The charge of pool `k` for subject `s`, its explanation only when written.
    let charge_of = |k: usize, s: &Subject| -> Charge {
        if record {
            memo.charges.get(ctx, k, pools[k].ent, s, product, tag_id)
        } else {
            Charge { units: memo.charges.units(ctx, k, pools[k].ent, s, product, tag_id), explanation: String::new() }
        }
    };

    let mut choice: Option<(usize, Charge, &Subject, bool, Option<&String>)> = None;
    let mut second_used = false;
    for &&(k, ref m, ref s) in &eligible {
        if pools[k].charged.contains_key(s) {
            let explanation = if record { text!("{} is already counted under it", s.0) } else { String::new() };
            choice = Some((k, Charge { units: Decimal::ZERO, explanation }, s, false, m.note.as_ref()));
            break;
        }
        if let Some(why) = second_use(k) {
            choice = Some((k, Charge { units: Decimal::ZERO, explanation: why }, s, true, m.note.as_ref()));
            second_used = true;
            break;
        }
        let c = charge_of(k, s);
        let fits = pools[k].remaining().is_none_or(|r| r >= c.units);
        if fits || Some(pools[k].ent.ent_id.as_str()) == pinned {
            choice = Some((k, c, s, true, m.note.as_ref()));
            break;
        }
        if record {
            rejected.push(Rejection {
                ent_id: pools[k].ent.ent_id.clone(),
                reason: Reason::CapacityUsed,
                detail: text!(
                    "{} needs {} and {} remain",
                    s.0,
                    c.units.normalize(),
                    pools[k].remaining().unwrap_or_default().normalize()
                ),
            });
        }
    }
    if choice.is_none()
        && let Some(&&(k, ref m, ref s)) = eligible.first()
    {
        // None fits: the first in priority takes it, with a shortfall.
        let c = charge_of(k, s);
        rejected.retain(|r| r.ent_id != pools[k].ent.ent_id);
        choice = Some((k, c, s, true, m.note.as_ref()));
    }
    let Some((k, charge, subject, new_charge, note)) = choice else {
        rejected.sort_by(|a, b| a.ent_id.cmp(&b.ent_id));
        return record.then(|| Consumer {
            installation: inst.id.clone(),
            product: product.to_owned(),
            device: inst.device.clone(),
            covered_by: None,
            explanation: "no entitlement covers it".into(),
            rejected,
        });
    };
    if record {
        for (j, _, _) in &eligible {
            if *j != k && !rejected.iter().any(|r| r.ent_id == pools[*j].ent.ent_id) {
                rejected.push(Rejection {
                    ent_id: pools[*j].ent.ent_id.clone(),
                    reason: Reason::LowerPriority,
                    detail: text!("{} comes first in the priority order", pools[k].ent.ent_id),
                });
            }
        }
        rejected.sort_by(|a, b| a.ent_id.cmp(&b.ent_id));
    }
    let pool = &mut pools[k];
    let is_pinned = Some(pool.ent.ent_id.as_str()) == pinned;
    let explanation = match note {
        Some(n) if record => text!("{} ({n})", charge.explanation),
        _ => charge.explanation,
    };
    if second_used && let Some(user) = portable().and_then(|d| d.primary_user.as_deref()) {
        *pool.second_uses.entry(user.to_owned()).or_default() += 1;
    }
    if new_charge {
        pool.consumed = pool.consumed.saturating_add(charge.units);
        let at = pool.allocations.len();
        pool.charged.insert(subject.clone(), at);
        pool.allocations.push(if record {
            Allocation {
                subject: subject.0.clone(),
                installations: vec![inst.id.clone()],
                units: charge.units,
                explanation: explanation.clone(),
                pinned: is_pinned,
            }
        } else {
            // Only its place counts (for `charged`).
            Allocation {
                subject: String::new(),
                installations: Vec::new(),
                units: charge.units,
                explanation: String::new(),
                pinned: is_pinned,
            }
        });
        pool.note_fixed(ctx, inst, (at, 0));
    } else if let Some(&at) = pool.charged.get(subject)
        && let Some(a) = pool.allocations.get_mut(at)
    {
        // Without the installations listed (`PriorityScore`), each counts as the first: only
        // which device is named in a second use's explanation depends on it.
        if record {
            a.installations.push(inst.id.clone());
        }
        let place = a.installations.len().saturating_sub(1);
        pool.note_fixed(ctx, inst, (at, place));
    }
    record.then(|| Consumer {
        installation: inst.id.clone(),
        product: product.to_owned(),
        device: inst.device.clone(),
        covered_by: Some(pool.ent.ent_id.clone()),
        explanation,
        rejected,
    })
}

/// True when one of the Ent's products is named like the installation's product, or is a suite
/// of the catalog with it as a part.
fn names_product(ctx: &Ctx<'_>, ent: &Ent, inst: &Installation) -> bool {
    let product = inst.product.product.as_str();
    let suite_of = |name: &str| ctx.suite_members().get(name).is_some_and(|members| members.contains(&product));
    ent.products.iter().any(|p| {
        p.product.as_deref() == Some(product)
            || p.product.as_deref().is_some_and(suite_of)
            || (p.tag_id.is_some() && p.tag_id == inst.product.tag_id)
    })
}

fn entitlement_position(pool: Pool<'_>) -> EntitlementPosition {
    let st = pool.status;
    let shortfall = match pool.quantity {
        Some(q) if pool.consumed > q => pool.consumed - q,
        _ => Decimal::ZERO,
    };
    let surplus = pool.quantity.map(|q| (q - pool.consumed).max(Decimal::ZERO));
    let unit_cost = pool.ent.costs.iter().find(|c| c.basis == CostBasis::PerUnit);
    EntitlementPosition {
        ent_id: pool.ent.ent_id.clone(),
        metric: pool.ent.metric.as_ref().map_or_else(|| "perInstallation".to_owned(), |m| m.name().to_owned()),
        status: st,
        entitled: pool.quantity,
        consumed: pool.consumed,
        shortfall,
        surplus: if st == Status::Active { surplus } else { surplus.map(|_| Decimal::ZERO) },
        shortfall_cost: unit_cost.and_then(|c| c.amount.checked_mul(shortfall)),
        currency: unit_cost.map(|c| c.currency.clone()),
        allocations: pool.allocations,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn consumer(id: &str) -> Consumer {
        Consumer {
            installation: id.into(),
            product: "p".into(),
            device: "d".into(),
            covered_by: None,
            explanation: String::new(),
            rejected: Vec::new(),
        }
    }

    fn ids(consumers: &[Consumer]) -> Vec<&str> {
        consumers.iter().map(|c| c.installation.as_str()).collect()
    }

    #[test]
    fn consumers_placed_by_rank() {
        let rank: HashMap<&str, u32> = [("a", 0), ("b", 1), ("c", 2), ("d", 3), ("e", 4)].into_iter().collect();
        // Two cycles (a c e and b d) and consumers for only some ranks.
        let mut all: Vec<Consumer> = ["e", "d", "a", "b", "c"].into_iter().map(consumer).collect();
        order_consumers(&rank, &mut all);
        assert_eq!(ids(&all), ["a", "b", "c", "d", "e"]);
        let mut some: Vec<Consumer> = ["e", "b"].into_iter().map(consumer).collect();
        order_consumers(&rank, &mut some);
        assert_eq!(ids(&some), ["b", "e"]);
    }

    #[test]
    fn consumers_without_a_rank_are_sorted() {
        let rank: HashMap<&str, u32> = [("a", 0), ("c", 1)].into_iter().collect();
        let mut unknown: Vec<Consumer> = ["c", "z", "a", "b"].into_iter().map(consumer).collect();
        order_consumers(&rank, &mut unknown);
        assert_eq!(ids(&unknown), ["a", "b", "c", "z"]);
        let mut twice: Vec<Consumer> = ["c", "a", "c"].into_iter().map(consumer).collect();
        order_consumers(&rank, &mut twice);
        assert_eq!(ids(&twice), ["a", "c", "c"]);
    }

    /// The score pass of the optimal mode decides as the full priority order: the same units
    /// charged to the same Ents, subject by subject, with the candidates kept from the pass
    /// before or computed afresh.
    #[cfg(feature = "generate")]
    #[test]
    fn the_score_pass_decides_as_the_priority_order() {
        let mut components_seen = 0;
        for seed in 0..16 {
            let mut input = crate::generate::generate(&crate::generate::Params::new(seed, 400));
            // Pin a few installations, as a user would.
            let pins: Vec<crate::input::Pin> = input
                .installations
                .iter()
                .step_by(37)
                .zip(input.entitlements.iter().step_by(3))
                .map(|(i, e)| crate::input::Pin { installation: i.id.clone(), ent_id: e.ent_id.clone() })
                .collect();
            input.pins = pins;
            // Second uses with one copy each, and users with two laptops beside their desktop.
            for e in input.entitlements.iter_mut().step_by(2) {
                e.rights.push(iso19770_ent::Right::SecondUse { copies: Some(1) });
            }
            let desktops: Vec<(Installation, String)> = input
                .installations
                .iter()
                .filter_map(|i| {
                    let d = input.estate.devices.iter().find(|d| d.id == i.device)?;
                    let user = d.primary_user.clone().filter(|_| !d.portable && !d.is_virtual())?;
                    Some((i.clone(), user))
                })
                .step_by(3)
                .take(60)
                .collect();
            for (n, (desktop, user)) in desktops.into_iter().enumerate() {
                for copy in 0..2 {
                    let laptop = text!("lt-{n}-{copy}");
                    input
                        .estate
                        .devices
                        .push(crate::input::Device::physical(&laptop, 1, 4).with_user(&user).portable());
                    let mut i = desktop.clone();
                    i.id = text!("{}-on-{laptop}", desktop.id);
                    i.device = laptop;
                    input.installations.push(i);
                }
            }
            let ctx = Ctx::new(&input);
            let (pins, components) = split(&input, &ctx);
            for (ents, order) in components {
                let kept = Memo::new(true);
                let full = allocate_component(&ctx, ents.clone(), &order, Pass::Priority, &pins, &kept, None);
                let after = allocate_component(&ctx, ents.clone(), &order, Pass::PriorityScore, &pins, &kept, None);
                let fresh = allocate_component(&ctx, ents, &order, Pass::PriorityScore, &pins, &Memo::new(false), None);
                let units = |p: &Part<'_>| -> Vec<(String, Decimal, Decimal, Vec<Decimal>)> {
                    p.entitlements
                        .iter()
                        .map(|e| {
                            (e.ent_id.clone(), e.consumed, e.shortfall, e.allocations.iter().map(|a| a.units).collect())
                        })
                        .collect()
                };
                assert!(after.consumers.is_empty() && fresh.consumers.is_empty());
                assert_eq!(full.consumers.len(), order.len());
                assert_eq!(units(&full), units(&after), "seed {seed}");
                assert_eq!(units(&full), units(&fresh), "seed {seed}");
                assert_eq!(optimal::score(&full.entitlements), optimal::score(&after.entitlements));
                components_seen += 1;
            }
        }
        assert!(components_seen > 16);
    }
}
