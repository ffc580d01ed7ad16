//! Min-cost flow: a primal network simplex in pure Rust, exact (64-bit integer costs and
//! capacities, no floating point) and deterministic, the core of an optimal allocation.
//!
//! Allocating pooled entitlements to classes of identical consumers is a transportation problem:
//! source → class (capacity: the class's units) → each eligible entitlement (cost: the unit cost
//! or a priority weight) → sink (capacity: the units purchased). Its constraint matrix is totally
//! unimodular, so the optimum is integral and a network simplex finds it exactly. "Cover the most
//! consumption first, then the least cost" is [`Network::solve_max_flow`].
//!
//! ```
//! use iso19770_reconcile::flow::{FlowError, Network};
//!
//! // Two warehouses (supplies 5 and 3) and two shops (demands 4 and 4).
//! let mut net = Network::new();
//! let w1 = net.add_node(5);
//! let w2 = net.add_node(3);
//! let s1 = net.add_node(-4);
//! let s2 = net.add_node(-4);
//! let a = net.add_arc(w1, s1, 10, 1);
//! let b = net.add_arc(w1, s2, 10, 3);
//! let c = net.add_arc(w2, s1, 10, 2);
//! let d = net.add_arc(w2, s2, 10, 1);
//! let solution = net.solve()?;
//! // w2 sends its 3 to s2 (cost 1), w1 sends 4 to s1 (1) and 1 to s2 (3): 3 + 4 + 3.
//! assert_eq!(solution.cost, 10);
//! assert_eq!([a, b, c, d].map(|arc| solution.flows[arc.index()]), [4, 1, 0, 3]);
//! // The potentials certify the optimum: an arc with room left has no negative reduced cost.
//! let p = &solution.potentials;
//! assert!(2 + p[w2.index()] - p[s1.index()] >= 0);
//!
//! // One unit more demanded than supplied.
//! let mut net = Network::new();
//! let w = net.add_node(1);
//! let s = net.add_node(-1);
//! net.add_arc(w, s, 0, 1);
//! assert!(matches!(net.solve(), Err(FlowError::Infeasible { unrouted: 1 })));
//! # Ok::<(), FlowError>(())
//! ```
//!
//! # The problem
//!
//! Nodes have a supply (positive) or a demand (negative); supplies sum to 0. Arcs have a capacity
//! (≥ 0, [`INFINITE`] for none) and a cost per unit (any `i64`, negative too; self-loops and
//! parallel arcs are allowed). [`Network::solve`] finds integral flows within the capacities
//! that meet every supply and demand at the least total cost, or says why there are none:
//! [`FlowError::Infeasible`] (the supplies cannot be routed), [`FlowError::Unbounded`] (a cycle of
//! negative cost and infinite capacity; reported even when the supplies cannot be routed either),
//! [`FlowError::Overflow`] (a flow beyond `i64`, a cost beyond `i128`), or bad input. Nothing
//! panics on any input.
//!
//! # The algorithm
//!
//! The primal network simplex of LEMON's `NetworkSimplex` (Kovács, "Minimum-cost flow algorithms:
//! an experimental evaluation", 2015), written anew:
//!
//! - **Start**: an artificial root node joined to every node by an artificial arc carrying its
//!   supply (node → root at cost 0 for a supply, root → node at cost M for a demand), with
//!   M = C·n + 1 for the largest cost magnitude C and n nodes: more than any path of real arcs
//!   can save, so artificial flow is left at the optimum only when the supplies cannot be routed.
//! - **Tree**: parent, the tree arc to it and its direction, the preorder as a doubly linked
//!   thread, each subtree's size and last node in preorder. A pivot cuts the subtree below the
//!   leaving arc, re-roots it at the entering arc's end (reversing the stem between them) and
//!   hangs it under the entering arc's other end; the potentials of that subtree move by one
//!   constant. The work is the length of the cycle plus the size of the moved subtree.
//! - **Pricing**: block search. The real arcs are scanned cyclically from where the last search
//!   stopped, in blocks of ⌊√m⌋ (at least 10); the first block that holds an arc violating
//!   optimality gives its most violating arc, the first one met on a tie. The arcs are stored
//!   mixed (LEMON's arc mixing: the caller's arc k at position k·s, s = max(m / n, 3), wrapping
//!   round to 1, 2, …), so that a block samples the whole network rather than the arcs of a few
//!   nodes: on the transportation benches that takes five times fewer pivots. Artificial arcs
//!   are never priced: once one leaves the tree it stays out (that restricts the problem only by
//!   flows on artificial arcs, which the optimum does not want).
//! - **Anti-cycling**: strongly feasible trees (Cunningham 1976). The initial tree is one, and the
//!   leaving arc is the last blocking arc met going round the cycle in the direction of the flow
//!   from the apex, which keeps it one; then a degenerate pivot moves a subtree whose potentials
//!   all grow, so the sum of the potentials strictly increases, no basis repeats and the simplex
//!   ends. Arcs of capacity 0 never enter.
//! - **Numbers**: capacities and flows are `i64` (flows with checked arithmetic: only an
//!   uncapacitated arc can go past `i64::MAX`, reported as [`FlowError::Overflow`]); costs and
//!   potentials are `i64` when (4n + 4)·(C + 1) fits, else `i128`, so that no potential or
//!   reduced cost can overflow (a potential is at most M + (n − 1)·C in magnitude); the total
//!   cost is `i128`. No floating point anywhere (the block size is an integer square root).
//! - **Determinism**: the solver is a pure function of the network, nodes and arcs in the order
//!   added: the same network always gives the same flows, potentials and pivot count. Another
//!   order of the same arcs may give another optimal flow of the same cost when there are ties;
//!   a caller that wants one optimum of several picks it by perturbing the costs (cost·K + rank)
//!   and adds arcs in a canonical order.
//!
//! # Warm start
//!
//! Every [`Solution`] carries its final [`Basis`]: per arc whether it is in the spanning tree or
//! at its lower or upper bound, and per node whether its artificial arc is in the tree (m + n
//! bytes). [`Network::solve_from`] and [`Network::solve_max_flow_from`] start from it after the
//! network changed (costs, capacities, supplies; arcs and nodes added):
//!
//! - the tree is rebuilt from the root along the arcs the basis has in it (one that would close
//!   a cycle, or now has no capacity, is left out); a node it does not reach (a new one) hangs
//!   from the root by its artificial arc;
//! - arcs out of the tree are at the bound they were at (a new arc at its lower bound), and the
//!   tree's flows follow from the supplies, leaves first;
//! - a tree arc whose flow now leaves its bounds, or that could not pass flow towards the root
//!   (the tree must stay strongly feasible), goes to its nearest bound, and its subtree hangs
//!   from the root by an artificial arc carrying what is left over: big-M again, so the simplex
//!   repairs it like the initial basis;
//! - the potentials follow from the tree, and the pivots go on as usual.
//!
//! The work before the first pivot is linear in the network's size (like a cold start); what it
//! saves is pivots. A caller that re-solves often after small changes keeps its `Network`, edits
//! it ([`Network::set_cost`], [`Network::set_capacity`], [`Network::set_supply`],
//! [`Network::add_arc`]) and passes the last basis.

mod simplex;

use simplex::{InArc, LOWER, Num, Simplex, Stop};
use std::fmt;

/// The capacity of an uncapacitated arc. A cycle of negative cost made only of such arcs makes
/// the problem unbounded.
pub const INFINITE: i64 = i64::MAX;

/// A node of a [`Network`], numbered from 0 in the order added.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct NodeId(usize);

impl NodeId {
    /// Its number: the index of its potential in [`Solution::potentials`].
    pub fn index(self) -> usize {
        self.0
    }
}

impl fmt::Display for NodeId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "node {}", self.0)
    }
}

/// An arc of a [`Network`], numbered from 0 in the order added.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ArcId(usize);

impl ArcId {
    /// Its number: the index of its flow in [`Solution::flows`].
    pub fn index(self) -> usize {
        self.0
    }
}

impl fmt::Display for ArcId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "arc {}", self.0)
    }
}

/// Why a network has no optimal flow.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum FlowError {
    /// The supplies cannot be routed to the demands within the capacities.
    #[error("infeasible: {unrouted} unit(s) of supply cannot be routed to a demand")]
    Infeasible {
        /// The units that cannot be routed: the total supply less the most any flow routes
        /// (each unrouted unit costs the solve more than any path of real arcs, so it routes
        /// as much as there is room for).
        unrouted: i128,
    },
    /// A cycle of negative cost and infinite capacity: the cost has no lower bound.
    #[error("unbounded: a cycle of negative cost and infinite capacity")]
    Unbounded,
    /// A number does not fit: a flow beyond `i64`, the total cost beyond `i128`, costs too large
    /// for the potentials, a supply of `i64::MIN`.
    #[error("overflow: {0}")]
    Overflow(&'static str),
    /// An arc with a negative capacity.
    #[error("{arc} has a negative capacity ({capacity})")]
    NegativeCapacity {
        /// The arc.
        arc: ArcId,
        /// Its capacity.
        capacity: i64,
    },
    /// The supplies do not sum to 0.
    #[error("the supplies sum to {sum}, not 0")]
    Unbalanced {
        /// Their sum.
        sum: i128,
    },
    /// A node that is not in the network (of another network, or a source or sink given to
    /// [`Network::solve_max_flow`]).
    #[error("{node} is not in the network ({nodes} node(s))")]
    UnknownNode {
        /// The node.
        node: NodeId,
        /// The network's node count.
        nodes: usize,
    },
    /// [`Network::solve_max_flow`] with the same node as source and sink.
    #[error("the source is the sink ({0})")]
    SourceIsSink(NodeId),
    /// More nodes or arcs than the solver numbers (`u32`).
    #[error("too large: {nodes} node(s) and {arcs} arc(s)")]
    TooLarge {
        /// Nodes.
        nodes: usize,
        /// Arcs.
        arcs: usize,
    },
}

/// A flow network: nodes with supplies and demands, arcs with capacities and costs.
///
/// Building never fails; [`Network::solve`] checks the input.
///
/// ```
/// use iso19770_reconcile::flow::{INFINITE, Network};
///
/// // A negative-cost cycle of finite capacity is saturated; the rest is a shortest path.
/// let mut net = Network::new();
/// let s = net.add_node(2);
/// let a = net.add_node(0);
/// let t = net.add_node(-2);
/// let st = net.add_arc(s, t, INFINITE, 5);
/// let sa = net.add_arc(s, a, 1, 1);
/// let at = net.add_arc(a, t, INFINITE, 1);
/// let ta = net.add_arc(t, a, 3, -4); // a → t → a costs −3 per unit, 3 units at most
/// let solution = net.solve().unwrap();
/// assert_eq!([st, sa, at, ta].map(|arc| solution.flows[arc.index()]), [1, 1, 4, 3]);
/// assert_eq!(solution.cost, 5 + 1 + 4 - 12);
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Network {
    supplies: Vec<i64>,
    tails: Vec<NodeId>,
    heads: Vec<NodeId>,
    capacities: Vec<i64>,
    costs: Vec<i64>,
}

/// An optimal flow.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Solution {
    /// The flow on each arc, by [`ArcId::index`].
    pub flows: Vec<i64>,
    /// Σ flow × cost.
    pub cost: i128,
    /// A potential per node, by [`NodeId::index`], that certifies the optimum: the reduced cost
    /// `cost + potential(from) − potential(to)` of every arc is ≥ 0 when its flow is below its
    /// capacity and ≤ 0 when its flow is above 0. (Potentials are distances: they grow along
    /// the flow.)
    pub potentials: Vec<i128>,
    /// Simplex pivots done (for benches and curiosity).
    pub pivots: u64,
    /// The final basis, to start the next solve from after a change ([`Network::solve_from`]).
    pub basis: Basis,
}

/// The final basis of a solve (which arcs are in the spanning tree, which are at their upper
/// bound), for a warm start after the network changed: [`Network::solve_from`],
/// [`Network::solve_max_flow_from`]. A basis of another network is no error, only a poorer
/// start.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Basis {
    /// Per arc: lower bound, upper bound or tree.
    arcs: Vec<i8>,
    /// The penalty arc of a max-flow solve.
    extra: Option<i8>,
    /// Per node: its artificial arc is in the tree.
    nodes: Vec<bool>,
}

impl Solution {
    /// The flow on an arc; `None` for an arc not of the solved network.
    pub fn flow(&self, arc: ArcId) -> Option<i64> {
        self.flows.get(arc.0).copied()
    }
}

/// A maximum flow of least cost from a source to a sink.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct MaxFlow {
    /// The flow from the source to the sink, beyond the nodes' own supplies: the most there is.
    pub value: i64,
    /// The flows, of the least cost among maximum flows. The potentials are those of the
    /// network with the uncapacitated penalty arc source → sink that the solve added.
    pub solution: Solution,
}

impl Network {
    /// An empty network.
    pub fn new() -> Self {
        Self::default()
    }

    /// An empty network with room for `nodes` nodes and `arcs` arcs.
    pub fn with_capacity(nodes: usize, arcs: usize) -> Self {
        Network {
            supplies: Vec::with_capacity(nodes),
            tails: Vec::with_capacity(arcs),
            heads: Vec::with_capacity(arcs),
            capacities: Vec::with_capacity(arcs),
            costs: Vec::with_capacity(arcs),
        }
    }

    /// Adds a node with a supply (positive), a demand (negative) or neither (0).
    pub fn add_node(&mut self, supply: i64) -> NodeId {
        self.supplies.push(supply);
        NodeId(self.supplies.len() - 1)
    }

    /// Adds an arc from `from` to `to` that carries up to `capacity` units ([`INFINITE`] for no
    /// limit) at `cost` per unit.
    pub fn add_arc(&mut self, from: NodeId, to: NodeId, capacity: i64, cost: i64) -> ArcId {
        self.tails.push(from);
        self.heads.push(to);
        self.capacities.push(capacity);
        self.costs.push(cost);
        ArcId(self.tails.len() - 1)
    }

    /// The number of nodes.
    pub fn node_count(&self) -> usize {
        self.supplies.len()
    }

    /// The number of arcs.
    pub fn arc_count(&self) -> usize {
        self.tails.len()
    }

    /// The nodes, in the order added.
    pub fn node_ids(&self) -> impl ExactSizeIterator<Item = NodeId> + use<> {
        (0..self.supplies.len()).map(NodeId)
    }

    /// The arcs, in the order added.
    pub fn arc_ids(&self) -> impl ExactSizeIterator<Item = ArcId> + use<> {
        (0..self.tails.len()).map(ArcId)
    }

    /// A node's supply (negative: its demand); `None` for a node not of this network.
    pub fn supply(&self, node: NodeId) -> Option<i64> {
        self.supplies.get(node.0).copied()
    }

    /// An arc's ends, capacity and cost; `None` for an arc not of this network.
    pub fn arc(&self, arc: ArcId) -> Option<(NodeId, NodeId, i64, i64)> {
        let i = arc.0;
        Some((*self.tails.get(i)?, *self.heads.get(i)?, *self.capacities.get(i)?, *self.costs.get(i)?))
    }

    /// A flow of least cost that meets every supply and demand.
    pub fn solve(&self) -> Result<Solution, FlowError> {
        self.check(0)?;
        let sum: i128 = self.supplies.iter().map(|&s| i128::from(s)).sum();
        if sum != 0 {
            return Err(FlowError::Unbalanced { sum });
        }
        self.run(&self.supplies, None, None)
    }

    /// [`Network::solve`], starting from the basis of an earlier solve rather than from scratch:
    /// after a few costs, capacities or supplies changed, or arcs and nodes were added, it
    /// needs far fewer pivots. The result is the same optimum (the flows may differ where there
    /// are ties).
    ///
    /// ```
    /// use iso19770_reconcile::flow::Network;
    ///
    /// let mut net = Network::new();
    /// let (w1, w2) = (net.add_node(5), net.add_node(3));
    /// let (s1, s2) = (net.add_node(-4), net.add_node(-4));
    /// net.add_arc(w1, s1, 10, 1);
    /// net.add_arc(w1, s2, 10, 3);
    /// let c = net.add_arc(w2, s1, 10, 2);
    /// net.add_arc(w2, s2, 10, 1);
    /// let first = net.solve().unwrap();
    /// assert_eq!(first.cost, 10);
    /// // w2 → s1 becomes cheaper than w1 → s1 is dear.
    /// net.set_cost(c, 0);
    /// let again = net.solve_from(&first.basis).unwrap();
    /// assert_eq!(again.cost, net.solve().unwrap().cost);
    /// ```
    pub fn solve_from(&self, basis: &Basis) -> Result<Solution, FlowError> {
        self.check(0)?;
        let sum: i128 = self.supplies.iter().map(|&s| i128::from(s)).sum();
        if sum != 0 {
            return Err(FlowError::Unbalanced { sum });
        }
        self.run(&self.supplies, None, Some(basis))
    }

    /// [`Network::solve_max_flow`], starting from the basis of an earlier solve (see
    /// [`Network::solve_from`]).
    pub fn solve_max_flow_from(&self, source: NodeId, sink: NodeId, basis: &Basis) -> Result<MaxFlow, FlowError> {
        self.max_flow(source, sink, Some(basis))
    }

    /// Changes a node's supply; false for a node not of this network.
    pub fn set_supply(&mut self, node: NodeId, supply: i64) -> bool {
        self.supplies.get_mut(node.0).map(|s| *s = supply).is_some()
    }

    /// Changes an arc's capacity; false for an arc not of this network.
    pub fn set_capacity(&mut self, arc: ArcId, capacity: i64) -> bool {
        self.capacities.get_mut(arc.0).map(|c| *c = capacity).is_some()
    }

    /// Changes an arc's cost; false for an arc not of this network.
    pub fn set_cost(&mut self, arc: ArcId, cost: i64) -> bool {
        self.costs.get_mut(arc.0).map(|c| *c = cost).is_some()
    }

    /// The maximum flow from `source` to `sink` (beyond the nodes' own supplies, which must still
    /// be met exactly), and of the maximum flows one of least cost: "cover the most, then pay the
    /// least".
    ///
    /// It solves the network with `source` supplying and `sink` demanding U more units (U: a
    /// bound on the flow, from the capacities of the arcs out of the source and into the sink),
    /// and an uncapacitated bypass arc source → sink costing more per unit than any path can
    /// (C·n + 1): the bypass carries what the network cannot.
    ///
    /// ```
    /// use iso19770_reconcile::flow::Network;
    ///
    /// // Two classes of consumers (3 and 4 units) and two entitlements (5 units at 2, 1 unit at
    /// // 1 per unit); class 1 may use either, class 2 only the first.
    /// let mut net = Network::new();
    /// let source = net.add_node(0);
    /// let sink = net.add_node(0);
    /// let (c1, c2) = (net.add_node(0), net.add_node(0));
    /// let (e1, e2) = (net.add_node(0), net.add_node(0));
    /// net.add_arc(source, c1, 3, 0);
    /// net.add_arc(source, c2, 4, 0);
    /// let c1e1 = net.add_arc(c1, e1, 3, 2);
    /// let c1e2 = net.add_arc(c1, e2, 3, 1);
    /// let c2e1 = net.add_arc(c2, e1, 4, 2);
    /// net.add_arc(e1, sink, 5, 0);
    /// net.add_arc(e2, sink, 1, 0);
    /// let max = net.solve_max_flow(source, sink).unwrap();
    /// // 6 of the 7 units covered: e2's single unit to class 1, e1's five shared.
    /// assert_eq!(max.value, 6);
    /// assert_eq!(max.solution.cost, 1 + 5 * 2);
    /// assert_eq!(max.solution.flows[c1e2.index()], 1);
    /// assert_eq!(max.solution.flows[c1e1.index()] + max.solution.flows[c2e1.index()], 5);
    /// ```
    pub fn solve_max_flow(&self, source: NodeId, sink: NodeId) -> Result<MaxFlow, FlowError> {
        self.max_flow(source, sink, None)
    }

    fn max_flow(&self, source: NodeId, sink: NodeId, basis: Option<&Basis>) -> Result<MaxFlow, FlowError> {
        let nodes = self.supplies.len();
        for node in [source, sink] {
            if node.0 >= nodes {
                return Err(FlowError::UnknownNode { node, nodes });
            }
        }
        if source == sink {
            return Err(FlowError::SourceIsSink(source));
        }
        self.check(1)?;
        let sum: i128 = self.supplies.iter().map(|&s| i128::from(s)).sum();
        if sum != 0 {
            return Err(FlowError::Unbalanced { sum });
        }
        let (sup_s, sup_t) = (i128::from(self.supplies[source.0]), i128::from(self.supplies[sink.0]));
        // Net outflow of the source = its supply + the flow ≤ what its arcs carry out; likewise
        // into the sink. `None`: unbounded.
        let side = |node: NodeId, ends: &[NodeId]| -> Option<i128> {
            let mut total: i128 = 0;
            for (i, _) in ends.iter().enumerate().filter(|(_, end)| **end == node) {
                let c = self.capacities[i];
                if c == INFINITE {
                    return None;
                }
                total += i128::from(c);
            }
            Some(total)
        };
        let out = side(source, &self.tails).map(|c| c - sup_s);
        let into = side(sink, &self.heads).map(|c| c + sup_t);
        let bound = match (out, into) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (Some(a), None) | (None, Some(a)) => Some(a),
            (None, None) => None,
        };
        let room = (i128::from(i64::MAX) - sup_s).min(i128::from(i64::MAX) + sup_t).max(0);
        let (u, clamped) = match bound {
            Some(b) if b <= room => (b.max(0), false),
            _ => (room, true),
        };
        let u = i64::try_from(u).map_err(|_| FlowError::Overflow("the flow bound"))?;
        let mut supplies = self.supplies.clone();
        supplies[source.0] = supplies[source.0].checked_add(u).ok_or(FlowError::Overflow("the flow bound"))?;
        supplies[sink.0] = supplies[sink.0].checked_sub(u).ok_or(FlowError::Overflow("the flow bound"))?;
        let c = self.max_cost();
        let n = u128::try_from(nodes).unwrap_or(u128::MAX);
        let penalty = c
            .checked_mul(n)
            .and_then(|p| p.checked_add(1))
            .and_then(|p| i128::try_from(p).ok())
            .ok_or(FlowError::Overflow("costs too large for the penalty"))?;
        let bypass = InArc { from: index(source.0), to: index(sink.0), capacity: INFINITE, cost: penalty };
        let mut solution = self.run(&supplies, Some(bypass), basis)?;
        let unrouted = solution.flows.pop().unwrap_or(0);
        let value = u - unrouted;
        if clamped && value == u {
            return Err(FlowError::Overflow("the maximum flow exceeds what an i64 supply holds"));
        }
        Ok(MaxFlow { value, solution })
    }

    /// The largest cost magnitude.
    fn max_cost(&self) -> u128 {
        self.costs.iter().map(|c| u128::from(c.unsigned_abs())).max().unwrap_or(0)
    }

    /// Checks counts (with `extra` arcs to be added), ends and capacities.
    fn check(&self, extra: usize) -> Result<(), FlowError> {
        let nodes = self.supplies.len();
        let arcs = self.tails.len();
        // Node indices and the root fit u32 below the sentinel; so do arc indices, artificial
        // arcs included.
        let limit = u32::MAX as usize - 1;
        if nodes >= limit || arcs.saturating_add(extra).saturating_add(nodes) >= limit {
            return Err(FlowError::TooLarge { nodes, arcs });
        }
        for (i, ((&from, &to), &capacity)) in self.tails.iter().zip(&self.heads).zip(&self.capacities).enumerate() {
            for node in [from, to] {
                if node.0 >= nodes {
                    return Err(FlowError::UnknownNode { node, nodes });
                }
            }
            if capacity < 0 {
                return Err(FlowError::NegativeCapacity { arc: ArcId(i), capacity });
            }
        }
        if self.supplies.contains(&i64::MIN) {
            return Err(FlowError::Overflow("a supply of i64::MIN"));
        }
        Ok(())
    }

    /// Solves with these supplies and an extra arc, in `i64` arithmetic when the bound allows,
    /// else in `i128`. Returns the flows of the network's arcs then of the extra one, and the
    /// cost of the network's arcs only.
    fn run(&self, supplies: &[i64], extra: Option<InArc>, basis: Option<&Basis>) -> Result<Solution, FlowError> {
        let n = supplies.len();
        let c = extra.map_or(0, |e| e.cost.unsigned_abs()).max(self.max_cost());
        let nn = u128::try_from(n).unwrap_or(u128::MAX);
        let art = c.checked_mul(nn).and_then(|a| a.checked_add(1)).and_then(|a| i128::try_from(a).ok());
        // |potential| ≤ M + (n − 1)·C, |reduced cost| ≤ (4n + 1)·C + 2.
        let bound = nn.checked_mul(4).and_then(|x| x.checked_add(4)).and_then(|x| x.checked_mul(c.checked_add(1)?));
        let (Some(art), Some(bound)) = (art, bound) else {
            return Err(FlowError::Overflow("costs too large for the potentials of this network"));
        };
        if bound <= i64::MAX as u128 {
            self.run_with::<i64>(supplies, extra, art, basis)
        } else if bound <= i128::MAX as u128 {
            self.run_with::<i128>(supplies, extra, art, basis)
        } else {
            Err(FlowError::Overflow("costs too large for the potentials of this network"))
        }
    }

    fn run_with<K: Num>(
        &self,
        supplies: &[i64],
        extra: Option<InArc>,
        art: i128,
        basis: Option<&Basis>,
    ) -> Result<Solution, FlowError> {
        let m = self.tails.len();
        let arc = |k: usize| match self.tails.get(k) {
            Some(tail) => InArc {
                from: index(tail.0),
                to: index(self.heads[k].0),
                capacity: self.capacities[k],
                cost: i128::from(self.costs[k]),
            },
            None => extra.unwrap_or(InArc { from: 0, to: 0, capacity: 0, cost: 0 }),
        };
        let mut simplex = Simplex::<K>::new(supplies, m + usize::from(extra.is_some()), arc, art);
        if let Some(b) = basis {
            let arc_state = |k: usize| {
                if k < m { b.arcs.get(k).copied().unwrap_or(LOWER) } else { b.extra.unwrap_or(LOWER) }
            };
            let node_in_tree = |u: usize| b.nodes.get(u).copied().unwrap_or(true);
            if !simplex.warm_start(supplies, arc_state, node_in_tree) {
                simplex = Simplex::<K>::new(supplies, m + usize::from(extra.is_some()), arc, art);
            }
        }
        simplex.run().map_err(|stop| match stop {
            Stop::Unbounded => FlowError::Unbounded,
            Stop::Overflow => FlowError::Overflow("a flow exceeds i64"),
        })?;
        let unrouted = simplex.unrouted();
        if unrouted > 0 {
            return Err(FlowError::Infeasible { unrouted });
        }
        let flows = simplex.flows();
        let mut cost: i128 = 0;
        for (&f, &c) in flows.iter().zip(&self.costs) {
            cost = cost.checked_add(i128::from(f) * i128::from(c)).ok_or(FlowError::Overflow("the total cost"))?;
        }
        let potentials = simplex.pi[..supplies.len()].iter().map(|p| p.to_i128()).collect();
        let (mut arcs, nodes) = simplex.basis();
        let extra = if extra.is_some() { arcs.pop() } else { None };
        Ok(Solution { flows, cost, potentials, pivots: simplex.pivots, basis: Basis { arcs, extra, nodes } })
    }
}

/// A node index as the solver's `u32` (checked by [`Network::check`]).
fn index(i: usize) -> u32 {
    u32::try_from(i).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests;
