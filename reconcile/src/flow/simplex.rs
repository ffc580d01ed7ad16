//! The primal network simplex: a spanning tree rooted at an artificial node, big-M artificial
//! arcs, block-search pricing and strongly feasible trees (see the parent module for the design).
//!
//! Node and arc indices are `u32` (the caller checks the counts). Costs and potentials are of a
//! type `K`, `i64` when the parent module's bound allows it ((4n + 4)·(C + 1) fits), else
//! `i128`, so that no potential or reduced cost can overflow; flows are `i64` with checked
//! arithmetic (only an uncapacitated arc can go past `i64::MAX`, and that is reported as an
//! overflow).

use super::index;
use std::ops::{Add, Mul, Neg, Sub};

/// The arithmetic of costs and potentials: `i64` or `i128`.
pub(super) trait Num:
    Copy + Ord + Add<Output = Self> + Sub<Output = Self> + Neg<Output = Self> + Mul<Output = Self>
{
    /// 0.
    const ZERO: Self;
    /// An arc's state as a factor.
    fn from_state(s: i8) -> Self;
    /// A cost given as `i128`, known to be in range (the caller checked the bound).
    fn from_i128(v: i128) -> Self;
    /// The value, widened.
    fn to_i128(self) -> i128;
}

impl Num for i64 {
    const ZERO: Self = 0;
    fn from_state(s: i8) -> Self {
        i64::from(s)
    }
    fn from_i128(v: i128) -> Self {
        // The caller checked the bound; saturate rather than panic should it ever be wrong.
        i64::try_from(v).unwrap_or(if v < 0 { i64::MIN } else { i64::MAX })
    }
    fn to_i128(self) -> i128 {
        i128::from(self)
    }
}

impl Num for i128 {
    const ZERO: Self = 0;
    fn from_state(s: i8) -> Self {
        i128::from(s)
    }
    fn from_i128(v: i128) -> Self {
        v
    }
    fn to_i128(self) -> i128 {
        self
    }
}

/// No node (the root's parent).
const NONE: u32 = u32::MAX;
/// An uncapacitated arc's capacity.
pub(super) const INF_CAP: i64 = i64::MAX;
/// The residual capacity of an uncapacitated arc: above any flow.
const INF: u64 = u64::MAX;

/// Arc states; a non-tree arc is at its lower bound (flow 0) or its upper bound (capacity). The
/// value is what the pricing multiplies the reduced cost by: an arc is a candidate when that
/// product is negative, and a tree arc's is 0.
pub(super) const LOWER: i8 = 1;
pub(super) const TREE: i8 = 0;
pub(super) const UPPER: i8 = -1;
/// An arc of capacity 0: its flow is 0 whatever its cost, so it never enters (a tree arc that
/// can carry no flow either way would break the strongly feasible tree). Priced as a tree arc.
const FIXED: i8 = 0;

/// Why the simplex stopped without an optimum.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Stop {
    /// A cycle of negative cost and infinite capacity.
    Unbounded,
    /// A flow went past `i64::MAX`.
    Overflow,
}

/// One arc of the problem given to the solver.
#[derive(Debug, Clone, Copy)]
pub(super) struct InArc {
    pub(super) from: u32,
    pub(super) to: u32,
    pub(super) capacity: i64,
    pub(super) cost: i128,
}

/// The solver's state: the arcs (the problem's, then one artificial arc per node), the spanning
/// tree and the potentials. Everything a warm start needs is here: the per-arc `state` and the
/// tree arrays describe a basis, `flow` the basic solution.
pub(super) struct Simplex<K> {
    /// Real nodes; the root is node `node_num`.
    node_num: usize,
    /// Real arcs: the only ones the pricing searches (an artificial arc that has left the tree
    /// never needs to come back; see the module documentation).
    search_arc_num: usize,

    /// Cost and ends, together for the pricing.
    arcs: Vec<ArcData<K>>,
    cap: Vec<i64>,
    flow: Vec<i64>,
    state: Vec<i8>,
    /// The arc mixing (see [`Simplex::new`]).
    mixing: Mixing,

    /// The tree: each node's parent, the arc to it and whether that arc points up (node →
    /// parent); the preorder (`thread`, `rev_thread`), each subtree's size and last node in
    /// preorder.
    parent: Vec<u32>,
    pred: Vec<u32>,
    up: Vec<bool>,
    thread: Vec<u32>,
    rev_thread: Vec<u32>,
    succ_num: Vec<u32>,
    last_succ: Vec<u32>,
    pub(super) pi: Vec<K>,

    /// The artificial cost M.
    art: K,
    /// Block search.
    block_size: usize,
    next_arc: usize,
    /// Scratch for the pivot: the stem's nodes with their old values.
    stem: Vec<StemNode>,
    /// Pivots done.
    pub(super) pivots: u64,
}

/// A node of the stem (the path from the entering arc's end in the moved subtree up to the
/// leaving arc), with its values before the pivot.
#[derive(Debug, Clone, Copy)]
struct StemNode {
    node: u32,
    last: u32,
    rev: u32,
    after_last: u32,
    size: u32,
}

/// Arc mixing (as LEMON): the caller's arc k is stored at position k·skip, wrapping round to 1,
/// 2, …, so that a block of the pricing sees arcs from all over the network rather than those of
/// a few nodes (a caller adds arcs node by node). Block search needs about five times fewer
/// pivots with it on transportation instances.
#[derive(Debug, Clone)]
struct Mixing {
    m: usize,
    /// The caller's index of the first arc of each residue class of positions modulo `skip`
    /// (as many as `skip`).
    offset: Vec<usize>,
}

impl Mixing {
    fn new(m: usize, n: usize) -> Self {
        let skip = if n > 1 { (m / n).max(3) } else { 1 };
        let mut offset = Vec::with_capacity(skip);
        let mut k = 0;
        for j in 0..skip {
            offset.push(k);
            // Positions j, j + skip, … below m.
            k += (m.saturating_sub(j)).div_ceil(skip);
        }
        Mixing { m, offset }
    }

    /// Calls `f(position, caller's index)` for every arc, in the order of the positions.
    fn for_each(&self, mut f: impl FnMut(usize, usize)) {
        let mut p = 0;
        let mut t = 0;
        while p < self.m {
            for &o in &self.offset {
                if p >= self.m {
                    break;
                }
                f(p, o + t);
                p += 1;
            }
            t += 1;
        }
    }
}

/// An arc's cost and ends.
#[derive(Debug, Clone, Copy)]
struct ArcData<K> {
    cost: K,
    source: u32,
    target: u32,
}

/// The pivot's cycle.
struct Cycle {
    in_arc: usize,
    join: u32,
    first: u32,
    second: u32,
}

impl<K: Num> Simplex<K> {
    /// The initial basis: every node hangs from the root by an artificial arc carrying its
    /// supply (node → root, cost 0, for a supply or 0; root → node, cost `art_cost`, for a
    /// demand). That tree is strongly feasible.
    ///
    /// `supplies` must sum to 0, `arc(k)` for k < m name nodes in range, with costs whose bound
    /// fits `K`: the caller checked.
    pub(super) fn new(supplies: &[i64], m: usize, arc: impl Fn(usize) -> InArc, art_cost: i128) -> Self {
        let n = supplies.len();
        let root = u32::try_from(n).unwrap_or(NONE);
        let all = m + n;
        let mut arcs = vec![ArcData { cost: K::ZERO, source: 0, target: 0 }; all];
        let mut cap = vec![0; all];
        let mut state = vec![TREE; all];
        let mixing = Mixing::new(m, n);
        mixing.for_each(|pos, k| {
            let a = arc(k);
            arcs[pos] = ArcData { cost: K::from_i128(a.cost), source: a.from, target: a.to };
            cap[pos] = a.capacity;
            state[pos] = if a.capacity == 0 { FIXED } else { LOWER };
        });
        let flow = vec![0; all];
        let mut sx = Simplex {
            node_num: n,
            search_arc_num: m,
            arcs,
            cap,
            flow,
            state,
            mixing,
            parent: vec![root; n + 1],
            pred: Vec::with_capacity(n + 1),
            up: Vec::with_capacity(n + 1),
            thread: Vec::with_capacity(n + 1),
            rev_thread: vec![0; n + 1],
            succ_num: vec![1; n + 1],
            last_succ: Vec::with_capacity(n + 1),
            pi: Vec::with_capacity(n + 1),
            art: K::from_i128(art_cost),
            block_size: m.isqrt().max(10),
            next_arc: 0,
            stem: Vec::new(),
            pivots: 0,
        };
        let art = sx.art;
        for (u, &supply) in supplies.iter().enumerate() {
            let node = u32::try_from(u).unwrap_or(NONE);
            let e = m + u;
            sx.pred.push(u32::try_from(e).unwrap_or(NONE));
            sx.thread.push(u32::try_from(u + 1).unwrap_or(NONE));
            sx.rev_thread[u + 1] = node;
            sx.last_succ.push(node);
            sx.cap[e] = INF_CAP;
            sx.flow[e] = supply.checked_abs().unwrap_or(i64::MAX);
            if supply >= 0 {
                sx.up.push(true);
                sx.pi.push(K::ZERO);
                sx.arcs[e] = ArcData { cost: K::ZERO, source: node, target: root };
            } else {
                sx.up.push(false);
                sx.pi.push(art);
                sx.arcs[e] = ArcData { cost: art, source: root, target: node };
            }
        }
        // The root: first in preorder, the parent of every node.
        sx.parent[n] = NONE;
        sx.pred.push(NONE);
        sx.up.push(false);
        sx.thread.push(0);
        sx.rev_thread[0] = root;
        sx.succ_num[n] = u32::try_from(n + 1).unwrap_or(NONE);
        sx.last_succ.push(if n == 0 { root } else { root - 1 });
        sx.pi.push(K::ZERO);
        if n == 0 {
            sx.thread[0] = root;
        }
        sx
    }

    /// The reduced cost of arc `e`: `cost + π(source) − π(target)`.
    #[inline]
    fn reduced_cost(&self, e: usize) -> K {
        self.arcs[e].cost + self.pi[self.arcs[e].source as usize] - self.pi[self.arcs[e].target as usize]
    }

    /// Block search: scans the arcs cyclically from where the last search stopped, in blocks of
    /// `block_size`, and returns the arc of most negative (signed) reduced cost in the first block
    /// that has one; ties go to the first arc met. `None` when no arc violates optimality.
    fn find_entering(&mut self) -> Option<usize> {
        let m = self.search_arc_num;
        let mut best = (K::ZERO, usize::MAX);
        let mut e = self.next_arc.min(m);
        let mut scanned = 0;
        while scanned < m {
            let len = self.block_size.min(m - scanned);
            let end = e + len;
            if end <= m {
                best = self.scan(e, end, best);
                e = if end == m { 0 } else { end };
            } else {
                best = self.scan(e, m, best);
                best = self.scan(0, end - m, best);
                e = end - m;
            }
            scanned += len;
            if best.0 < K::ZERO {
                self.next_arc = e;
                return Some(best.1);
            }
        }
        None
    }

    /// The arc of `lo..hi` of most negative signed reduced cost, if below `best`'s.
    #[inline]
    fn scan(&self, lo: usize, hi: usize, best: (K, usize)) -> (K, usize) {
        let (mut min, mut arg) = best;
        let pi = &self.pi[..];
        for (i, (a, &st)) in self.arcs[lo..hi].iter().zip(&self.state[lo..hi]).enumerate() {
            let rc = a.cost + pi[a.source as usize] - pi[a.target as usize];
            let c = K::from_state(st) * rc;
            if c < min {
                min = c;
                arg = lo + i;
            }
        }
        (min, arg)
    }

    /// The apex of the cycle the arc closes in the tree.
    fn find_join(&self, in_arc: usize) -> u32 {
        let mut u = self.arcs[in_arc].source;
        let mut v = self.arcs[in_arc].target;
        while u != v {
            if self.succ_num[u as usize] < self.succ_num[v as usize] {
                u = self.parent[u as usize];
            } else {
                v = self.parent[v as usize];
            }
        }
        u
    }

    /// How much arc `e` can take more.
    #[inline]
    fn residual_up(&self, e: usize) -> u64 {
        let c = self.cap[e];
        if c == INF_CAP { INF } else { (c - self.flow[e]).unsigned_abs() }
    }

    /// How much arc `e` can give back.
    #[inline]
    fn residual_down(&self, e: usize) -> u64 {
        self.flow[e].unsigned_abs()
    }

    /// The leaving arc by the strongly feasible rule: the last blocking arc met when going round
    /// the cycle in the direction of the flow from the apex. Returns the amount `delta` and,
    /// when a tree arc blocks, the node whose tree arc leaves with the side it is on (1: the
    /// `first` side, 2: the `second` side); 0 when the entering arc blocks itself.
    fn find_leaving(&self, c: &Cycle) -> (u64, u8, u32) {
        let mut delta = if self.cap[c.in_arc] == INF_CAP { INF } else { self.cap[c.in_arc].unsigned_abs() };
        let mut result = 0;
        let mut u_out = NONE;
        let mut u = c.first;
        while u != c.join {
            let e = self.pred[u as usize] as usize;
            let d = if self.up[u as usize] { self.residual_down(e) } else { self.residual_up(e) };
            if d < delta {
                delta = d;
                u_out = u;
                result = 1;
            }
            u = self.parent[u as usize];
        }
        let mut u = c.second;
        while u != c.join {
            let e = self.pred[u as usize] as usize;
            let d = if self.up[u as usize] { self.residual_up(e) } else { self.residual_down(e) };
            if d <= delta {
                delta = d;
                u_out = u;
                result = 2;
            }
            u = self.parent[u as usize];
        }
        (delta, result, u_out)
    }

    /// Pushes `delta` round the cycle.
    fn change_flow(&mut self, cycle: &Cycle, delta: u64) -> Result<(), Stop> {
        if delta == 0 {
            return Ok(());
        }
        let amount = i64::try_from(delta).map_err(|_| Stop::Overflow)?;
        let val = if self.state[cycle.in_arc] == LOWER { amount } else { -amount };
        let in_flow = &mut self.flow[cycle.in_arc];
        *in_flow = in_flow.checked_add(val).ok_or(Stop::Overflow)?;
        // Source side: the flow runs down from the apex to the entering arc's source.
        let mut u = self.arcs[cycle.in_arc].source;
        while u != cycle.join {
            let e = self.pred[u as usize] as usize;
            let v = if self.up[u as usize] { -val } else { val };
            self.flow[e] = self.flow[e].checked_add(v).ok_or(Stop::Overflow)?;
            u = self.parent[u as usize];
        }
        let mut u = self.arcs[cycle.in_arc].target;
        while u != cycle.join {
            let e = self.pred[u as usize] as usize;
            let v = if self.up[u as usize] { val } else { -val };
            self.flow[e] = self.flow[e].checked_add(v).ok_or(Stop::Overflow)?;
            u = self.parent[u as usize];
        }
        Ok(())
    }

    #[inline]
    fn link(&mut self, a: u32, b: u32) {
        self.thread[a as usize] = b;
        self.rev_thread[b as usize] = a;
    }

    /// Replaces the tree arc of `u_out` by the entering arc: the subtree of `u_out` is cut,
    /// re-rooted at `u_in` (the stem from `u_in` to `u_out` reversed) and hung under `v_in` as
    /// its first child; sizes and last nodes are fixed along the two paths to the apex (and the
    /// last nodes above it while they ended with the moved part). Returns the moved subtree's
    /// size.
    fn update_tree(&mut self, in_arc: usize, u_in: u32, v_in: u32, u_out: u32, join: u32) -> u32 {
        // The stem and its old values.
        self.stem.clear();
        let mut u = u_in;
        loop {
            let ui = u as usize;
            let last = self.last_succ[ui];
            self.stem.push(StemNode {
                node: u,
                last,
                rev: self.rev_thread[ui],
                after_last: self.thread[last as usize],
                size: self.succ_num[ui],
            });
            if u == u_out {
                break;
            }
            u = self.parent[ui];
        }
        let size_s = self.succ_num[u_out as usize];
        let s_last_old = self.last_succ[u_out as usize];
        let before = self.rev_thread[u_out as usize];
        let after = self.thread[s_last_old as usize];
        let old_parent = self.parent[u_out as usize];

        // A: cut the subtree out of the preorder.
        self.link(before, after);
        let mut w = old_parent;
        while w != join {
            self.succ_num[w as usize] -= size_s;
            w = self.parent[w as usize];
        }
        let mut w = old_parent;
        while w != NONE && self.last_succ[w as usize] == s_last_old {
            self.last_succ[w as usize] = before;
            w = self.parent[w as usize];
        }

        // C: the new preorder of the subtree: s0's subtree, then for each further stem node the
        // node with what it had before its old child on the stem, and what it had after it.
        let mut tail = self.stem[0].last;
        for i in 1..self.stem.len() {
            let prev = self.stem[i - 1];
            let cur = self.stem[i];
            self.link(tail, cur.node);
            tail = prev.rev;
            if cur.last != prev.last {
                self.link(tail, prev.after_last);
                tail = cur.last;
            }
        }
        let s_last_new = tail;
        // Parents, tree arcs, sizes and last nodes of the stem, from its top down so that each
        // reads its child's old values.
        for i in (1..self.stem.len()).rev() {
            let child = self.stem[i - 1];
            let n = self.stem[i].node as usize;
            let c = child.node as usize;
            self.parent[n] = child.node;
            self.pred[n] = self.pred[c];
            self.up[n] = !self.up[c];
            self.succ_num[n] = size_s - child.size;
            self.last_succ[n] = s_last_new;
        }
        let ui = u_in as usize;
        self.parent[ui] = v_in;
        self.pred[ui] = u32::try_from(in_arc).unwrap_or(NONE);
        self.up[ui] = self.arcs[in_arc].source == u_in;
        self.succ_num[ui] = size_s;
        self.last_succ[ui] = s_last_new;

        // B: hang it under v_in as its first child.
        let next = self.thread[v_in as usize];
        self.link(v_in, u_in);
        self.link(s_last_new, next);
        let mut w = v_in;
        while w != join {
            self.succ_num[w as usize] += size_s;
            w = self.parent[w as usize];
        }
        let mut w = v_in;
        while w != NONE && self.last_succ[w as usize] == v_in {
            self.last_succ[w as usize] = s_last_new;
            w = self.parent[w as usize];
        }
        size_s
    }

    /// Shifts the potentials of the `size` nodes of the subtree rooted at `u` by `sigma`.
    fn shift_potentials(&mut self, u: u32, size: u32, sigma: K) {
        let mut v = u;
        for _ in 0..size {
            let vi = v as usize;
            self.pi[vi] = self.pi[vi] + sigma;
            v = self.thread[vi];
        }
    }

    /// One pivot on the entering arc.
    fn pivot(&mut self, in_arc: usize) -> Result<(), Stop> {
        let (first, second) = if self.state[in_arc] == LOWER {
            (self.arcs[in_arc].source, self.arcs[in_arc].target)
        } else {
            (self.arcs[in_arc].target, self.arcs[in_arc].source)
        };
        let cycle = Cycle { in_arc, join: self.find_join(in_arc), first, second };
        let (delta, result, u_out) = self.find_leaving(&cycle);
        if delta == INF {
            return Err(Stop::Unbounded);
        }
        self.change_flow(&cycle, delta)?;
        self.pivots += 1;
        if result == 0 {
            self.state[in_arc] = -self.state[in_arc];
            return Ok(());
        }
        let (u_in, v_in) = if result == 1 { (first, second) } else { (second, first) };
        let leaving = self.pred[u_out as usize] as usize;
        self.state[leaving] = if self.flow[leaving] == 0 { LOWER } else { UPPER };
        self.state[in_arc] = TREE;
        let rc = self.reduced_cost(in_arc);
        let sigma = if u_in == self.arcs[in_arc].source { -rc } else { rc };
        let size = self.update_tree(in_arc, u_in, v_in, u_out, cycle.join);
        self.shift_potentials(u_in, size, sigma);
        Ok(())
    }

    /// Pivots until no arc violates optimality.
    pub(super) fn run(&mut self) -> Result<(), Stop> {
        while let Some(e) = self.find_entering() {
            self.pivot(e)?;
        }
        Ok(())
    }

    /// Restarts from a basis instead of the initial one: `arc_state(k)` is the state of the
    /// caller's arc k in a previous solve (`LOWER`, `UPPER` or `TREE`, any other value `LOWER`),
    /// `node_in_tree(u)` whether node u's artificial arc was in its tree.
    ///
    /// The network may have changed since (costs, capacities, supplies, arcs or nodes added):
    /// - the tree is rebuilt from the root along the arcs said to be in it (an arc that would
    ///   close a cycle or has no capacity is left out), and a node it does not reach hangs from
    ///   the root by its artificial arc;
    /// - arcs out of the tree are at the bound they were (lower for a new arc), and the tree's
    ///   flows follow from the supplies, leaves first;
    /// - a tree arc whose flow would leave its bounds, or that could not pass flow towards the
    ///   root (the tree must stay strongly feasible), goes to its nearest bound and its subtree
    ///   hangs from the root by an artificial arc carrying what the subtree has left over (big-M
    ///   again, oriented so that its flow is not negative);
    /// - the potentials follow from the tree.
    ///
    /// Returns false, leaving the initial basis, when a flow would not fit `i64`.
    #[allow(clippy::many_single_char_names)] // n, m, v, e, p, a, f: the notation of the rest
    pub(super) fn warm_start(
        &mut self,
        supplies: &[i64],
        arc_state: impl Fn(usize) -> i8,
        node_in_tree: impl Fn(usize) -> bool,
    ) -> bool {
        let n = self.node_num;
        let m = self.search_arc_num;
        let root = n;
        // States: the tree's candidates, the others at a bound.
        let mut state = vec![LOWER; m + n];
        let mut candidate = vec![false; m];
        self.mixing.for_each(|p, k| {
            let cap = self.cap[p];
            let a = self.arcs[p];
            match arc_state(k) {
                _ if cap == 0 => state[p] = FIXED,
                TREE if a.source != a.target => candidate[p] = true,
                UPPER if cap != INF_CAP => state[p] = UPPER,
                _ => {}
            }
        });
        // Candidates by node, both ways.
        let mut start = vec![0usize; n + 2];
        for (p, _) in candidate.iter().enumerate().filter(|(_, c)| **c) {
            let a = self.arcs[p];
            start[a.source as usize + 1] += 1;
            start[a.target as usize + 1] += 1;
        }
        for v in 0..=n {
            start[v + 1] += start[v];
        }
        let mut fill = start.clone();
        let mut adjacent = vec![0u32; start[n + 1]];
        for (p, _) in candidate.iter().enumerate().filter(|(_, c)| **c) {
            let a = self.arcs[p];
            for end in [a.source as usize, a.target as usize] {
                adjacent[fill[end]] = index(p);
                fill[end] += 1;
            }
        }
        // The tree: from the root along the candidates, artificial arcs first where the basis had
        // them, then any node not reached yet.
        let mut parent = vec![NONE; n + 1];
        let mut pred = vec![NONE; n + 1];
        let mut reached = vec![false; n + 1];
        reached[root] = true;
        let mut order: Vec<u32> = Vec::with_capacity(n + 1);
        order.push(index(root));
        let firsts: Vec<usize> = (0..n).filter(|&u| node_in_tree(u)).chain(0..n).collect();
        let mut head = 1;
        for u in firsts {
            if reached[u] {
                continue;
            }
            reached[u] = true;
            parent[u] = index(root);
            pred[u] = index(m + u);
            order.push(index(u));
            while head < order.len() {
                let v = order[head] as usize;
                head += 1;
                for &p in &adjacent[start[v]..start[v + 1]] {
                    let a = self.arcs[p as usize];
                    let w = if a.source as usize == v { a.target } else { a.source } as usize;
                    if !reached[w] {
                        reached[w] = true;
                        parent[w] = index(v);
                        pred[w] = p;
                        order.push(index(w));
                    }
                }
            }
        }
        // Flows: the arcs out of the tree at their bound; the tree's from the leaves up.
        let mut flow = vec![0i64; m + n];
        let mut acc: Vec<i128> = supplies.iter().map(|&s| i128::from(s)).collect();
        acc.push(0);
        for p in 0..m {
            if state[p] == UPPER {
                flow[p] = self.cap[p];
                let a = self.arcs[p];
                acc[a.source as usize] -= i128::from(self.cap[p]);
                acc[a.target as usize] += i128::from(self.cap[p]);
            }
        }
        for p in 0..m {
            if candidate[p]
                && pred[self.arcs[p].source as usize] != index(p)
                && pred[self.arcs[p].target as usize] != index(p)
            {
                // A candidate the tree did not take: out, at its lower bound.
                candidate[p] = false;
            }
        }
        let mut up = vec![false; n + 1];
        for &v in order[1..].iter().rev() {
            let v = v as usize;
            let total = acc[v];
            let e = pred[v] as usize;
            let p = parent[v] as usize;
            let mut rest = total;
            if e < m {
                let a = self.arcs[e];
                let cap = self.cap[e];
                let is_up = a.source as usize == v;
                let f = if is_up { total } else { -total };
                let room_up = if is_up { cap == INF_CAP || f < i128::from(cap) } else { f > 0 };
                if f >= 0 && f <= i128::from(cap) && room_up {
                    flow[e] = i64::try_from(f).unwrap_or(i64::MAX);
                    state[e] = TREE;
                    up[v] = is_up;
                    acc[p] += total;
                    continue;
                }
                // Cut: the arc to its nearest bound, the subtree to the root.
                let bound = if cap != INF_CAP && f >= i128::from(cap) { UPPER } else { LOWER };
                state[e] = bound;
                candidate[e] = false;
                let fb = if bound == UPPER { i128::from(cap) } else { 0 };
                flow[e] = if bound == UPPER { cap } else { 0 };
                let out = if is_up { fb } else { -fb };
                acc[p] += out;
                rest = total - out;
                parent[v] = index(root);
                pred[v] = index(m + v);
            }
            // The artificial arc carries what is left, away from the root when negative.
            let Ok(f) = i64::try_from(rest.abs()) else { return false };
            let e = m + v;
            flow[e] = f;
            state[e] = TREE;
            up[v] = rest >= 0;
            acc[root] += rest;
        }
        if acc[root] != 0 {
            return false;
        }
        // Commit: artificial arcs oriented by their flow, then the preorder, sizes, last nodes
        // and potentials of the final tree.
        for (v, &is_up) in up.iter().enumerate().take(n) {
            let e = m + v;
            self.arcs[e] = if is_up || state[e] != TREE {
                ArcData { cost: K::ZERO, source: index(v), target: index(root) }
            } else {
                ArcData { cost: self.art, source: index(root), target: index(v) }
            };
        }
        up[root] = false;
        self.state = state;
        self.flow = flow;
        self.parent = parent;
        self.pred = pred;
        self.up = up;
        self.build_thread();
        self.next_arc = 0;
        true
    }

    /// The preorder, sizes, last nodes and potentials from `parent` and `pred`.
    fn build_thread(&mut self) {
        let n = self.node_num;
        let root = n;
        let mut children_start = vec![0usize; n + 2];
        for v in 0..n {
            children_start[self.parent[v] as usize + 1] += 1;
        }
        for v in 0..=n {
            children_start[v + 1] += children_start[v];
        }
        let mut fill = children_start.clone();
        let mut children = vec![0u32; n];
        for v in 0..n {
            let p = self.parent[v] as usize;
            children[fill[p]] = index(v);
            fill[p] += 1;
        }
        // Depth first from the root.
        let mut preorder: Vec<u32> = Vec::with_capacity(n + 1);
        let mut stack = vec![index(root)];
        while let Some(v) = stack.pop() {
            preorder.push(v);
            let v = v as usize;
            stack.extend(children[children_start[v]..children_start[v + 1]].iter().rev());
        }
        let mut position = vec![0usize; n + 1];
        for (i, &v) in preorder.iter().enumerate() {
            position[v as usize] = i;
            let next = preorder[(i + 1) % preorder.len()];
            self.thread[v as usize] = next;
            self.rev_thread[next as usize] = v;
        }
        self.succ_num.iter_mut().for_each(|s| *s = 1);
        for v in 0..=n {
            self.last_succ[v] = index(v);
        }
        for &v in preorder[1..].iter().rev() {
            let v = v as usize;
            let p = self.parent[v] as usize;
            self.succ_num[p] += self.succ_num[v];
            let last = self.last_succ[v];
            if position[last as usize] > position[self.last_succ[p] as usize] {
                self.last_succ[p] = last;
            }
        }
        self.pi[root] = K::ZERO;
        for &v in &preorder[1..] {
            let v = v as usize;
            let a = self.arcs[self.pred[v] as usize];
            let p = self.parent[v] as usize;
            self.pi[v] = if self.up[v] { self.pi[p] - a.cost } else { self.pi[p] + a.cost };
        }
    }

    /// The basis, for a warm start: the state of each of the caller's arcs (`LOWER`, `UPPER` or
    /// `TREE`) and whether each node's artificial arc is in the tree.
    pub(super) fn basis(&self) -> (Vec<i8>, Vec<bool>) {
        let mut arcs = vec![LOWER; self.search_arc_num];
        self.mixing.for_each(|p, k| arcs[k] = if self.cap[p] == 0 { LOWER } else { self.state[p] });
        let m = self.search_arc_num;
        let nodes = (0..self.node_num).map(|u| self.state[m + u] == TREE).collect();
        (arcs, nodes)
    }

    /// The flow on each of the caller's arcs, in the caller's order.
    pub(super) fn flows(&self) -> Vec<i64> {
        let mut flows = vec![0; self.search_arc_num];
        self.mixing.for_each(|p, k| flows[k] = self.flow[p]);
        flows
    }

    /// The flow left on the artificial arcs out of supply nodes: what could not be routed.
    pub(super) fn unrouted(&self) -> i128 {
        let m = self.search_arc_num;
        (0..self.node_num)
            .filter(|&u| self.arcs[m + u].source as usize == u)
            .map(|u| i128::from(self.flow[m + u]))
            .sum()
    }

    /// Checks every invariant of the tree and the potentials (tests only).
    #[cfg(test)]
    #[allow(clippy::many_single_char_names, clippy::needless_range_loop)]
    pub(super) fn check(&self) -> Result<(), String> {
        let n = self.node_num;
        let root = n;
        // Preorder: the thread visits every node once, starting at the root.
        let mut order = Vec::with_capacity(n + 1);
        let mut u = index(root);
        for _ in 0..=n {
            order.push(u);
            u = self.thread[u as usize];
        }
        if u as usize != root {
            return Err(format!("thread does not close at the root: {u}"));
        }
        let mut pos = vec![usize::MAX; n + 1];
        for (i, &v) in order.iter().enumerate() {
            if pos[v as usize] != usize::MAX {
                return Err(format!("thread visits {v} twice"));
            }
            pos[v as usize] = i;
            let next = order[(i + 1) % order.len()];
            if self.rev_thread[next as usize] != v {
                return Err(format!("rev_thread of {next} is not {v}"));
            }
        }
        // Parents come before, subtrees are contiguous with the right size and last node.
        for v in 0..=n {
            if v == root {
                continue;
            }
            let p = self.parent[v] as usize;
            if pos[p] >= pos[v] {
                return Err(format!("parent {p} of {v} not before it"));
            }
            let e = self.pred[v] as usize;
            if self.state[e] != TREE {
                return Err(format!("tree arc {e} of {v} not in state TREE"));
            }
            let (s, t) = (self.arcs[e].source as usize, self.arcs[e].target as usize);
            let ok = if self.up[v] { s == v && t == p } else { s == p && t == v };
            if !ok {
                return Err(format!("tree arc {e} of {v} does not join it to its parent {p}"));
            }
            if self.reduced_cost(e) != K::ZERO {
                return Err(format!("tree arc {e} has a reduced cost"));
            }
        }
        for v in 0..=n {
            let size = self.succ_num[v] as usize;
            let start = pos[v];
            let mut count = 0;
            let mut last = v;
            for &w in &order[start..] {
                // w is in v's subtree when v is an ancestor of w.
                let mut a = w as usize;
                let mut inside = false;
                loop {
                    if a == v {
                        inside = true;
                        break;
                    }
                    if a == root {
                        break;
                    }
                    a = self.parent[a] as usize;
                }
                if !inside {
                    break;
                }
                count += 1;
                last = w as usize;
            }
            if count != size {
                return Err(format!("subtree of {v}: size {size}, counted {count}"));
            }
            if self.last_succ[v] as usize != last {
                return Err(format!("subtree of {v}: last {}, found {last}", self.last_succ[v]));
            }
        }
        let tree_arcs = self.state.iter().zip(&self.cap).filter(|&(&s, &c)| s == TREE && c > 0).count();
        if tree_arcs != n {
            return Err(format!("{tree_arcs} tree arcs for {n} nodes"));
        }
        // Flows within bounds, non-tree arcs at their bound.
        for e in 0..self.flow.len() {
            let f = self.flow[e];
            if f < 0 || f > self.cap[e] {
                return Err(format!("arc {e}: flow {f} outside [0, {}]", self.cap[e]));
            }
            match self.state[e] {
                LOWER if f != 0 => return Err(format!("arc {e} at lower bound with flow {f}")),
                UPPER if f != self.cap[e] => return Err(format!("arc {e} at upper bound with flow {f}")),
                _ => {}
            }
        }
        // Strongly feasible: every tree arc with no slack towards the root points away from it.
        for v in 0..n {
            let e = self.pred[v] as usize;
            let can_up = if self.up[v] { self.residual_up(e) > 0 } else { self.flow[e] > 0 };
            if !can_up {
                return Err(format!("tree not strongly feasible at {v} (arc {e})"));
            }
        }
        Ok(())
    }

    /// Pivots until optimal, checking the invariants after each pivot (tests only).
    #[cfg(test)]
    pub(super) fn run_checked(&mut self) -> Result<Result<(), Stop>, String> {
        self.check()?;
        while let Some(e) = self.find_entering() {
            if let Err(stop) = self.pivot(e) {
                return Ok(Err(stop));
            }
            self.check()?;
        }
        Ok(Ok(()))
    }
}
